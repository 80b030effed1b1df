//! Telling the user what a build left out or ignored: every file once, in
//! `index --json` and the summary; on stderr, one line a file, except where
//! one line says it for many (the PDF reader is missing; files of types we
//! do not read, which a corpus folder gathers by the dozen).

use std::collections::BTreeMap;

use crate::crawl::{CrawlError, PdfError, Problem, is_word_processor};
use crate::model::{BuildSummary, Skipped};

use super::Progress;

/// What has been said so far in one build.
pub struct Report<'a> {
    progress: &'a dyn Progress,
    /// PDFs skipped because the reader is missing, and why it is.
    no_reader: Option<(usize, String)>,
    /// Files of types we do not read, by extension.
    unsupported: BTreeMap<String, usize>,
}

impl<'a> Report<'a> {
    pub fn new(progress: &'a dyn Progress) -> Report<'a> {
        Report {
            progress,
            no_reader: None,
            unsupported: BTreeMap::new(),
        }
    }

    /// Count a skipped file and name it (on stderr now, or in a line of
    /// [`Report::finish`]).
    pub fn skip(&mut self, summary: &mut BuildSummary, error: CrawlError) {
        summary.skipped += 1;
        *summary
            .skipped_by_reason
            .entry(error.reason().to_owned())
            .or_default() += 1;
        let loud = match &error.problem {
            Problem::Pdf(missing @ PdfError::Missing { .. }) => {
                let said = self.no_reader.get_or_insert((0, missing.to_string()));
                said.0 += 1;
                false
            }
            Problem::Unsupported(ext) if !is_word_processor(ext) => {
                *self.unsupported.entry(ext.clone()).or_default() += 1;
                false
            }
            _ => true,
        };
        summary.skipped_files.push(self.entry(error, loud));
    }

    /// Note a value or metadata file ignored while its document was indexed.
    pub fn warn(&mut self, summary: &mut BuildSummary, warning: CrawlError) {
        summary.warnings.push(self.entry(warning, true));
    }

    /// Say what was counted without a line of its own.
    pub fn finish(&self) {
        if let Some((n, why)) = &self.no_reader {
            let files = if *n == 1 { "PDF" } else { "PDFs" };
            self.progress.warn(&format!("skipped {n} {files}: {why}"));
        }
        if !self.unsupported.is_empty() {
            let n: usize = self.unsupported.values().sum();
            let types: Vec<String> = self
                .unsupported
                .iter()
                .map(|(ext, k)| format!("{ext} {k}"))
                .collect();
            let files = if n == 1 { "file" } else { "files" };
            self.progress.warn(&format!(
                "left out {n} {files} of types minutes does not read ({}); index --json lists them",
                types.join(", ")
            ));
        }
    }

    fn entry(&self, problem: CrawlError, loud: bool) -> Skipped {
        let message = problem.to_string();
        if loud {
            self.progress.warn(&message);
        }
        Skipped {
            reason: problem.reason().to_owned(),
            message,
            path: problem.path,
        }
    }
}
