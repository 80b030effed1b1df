//! What can go wrong with one path of a corpus: the file is skipped (or,
//! for a warning, indexed without what was wrong), and the walk goes on.

use std::path::{Path, PathBuf};

use super::{DecodeError, OcrError, PdfError};

/// Something that went wrong with one path; the walk goes on. The path is
/// added once, here, and printed before the problem (`path: problem`), as
/// ripgrep's `ignore::Error::WithPath` does.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct CrawlError {
    pub path: String,
    pub problem: Problem,
}

/// What went wrong with a path.
#[derive(Debug, thiserror::Error)]
pub enum Problem {
    #[error("cannot read it: {0}")]
    Io(std::io::Error),
    #[error("cannot read its size and modification time: {0}")]
    Metadata(std::io::Error),
    #[error("cannot walk it: {0}")]
    Walk(String),
    #[error(
        "{size} bytes is more than the {max} byte limit; split it, leave it out or raise --max-file-bytes"
    )]
    TooLarge { size: u64, max: u64 },
    #[error("cannot decode it: {0}")]
    Decode(DecodeError),
    #[error(
        "a symbolic link to {}, outside the corpus; not followed (index with --follow-links to follow it)",
        .0.display()
    )]
    Outside(PathBuf),
    #[error("skipping a record: {0}")]
    BadRecord(String),
    #[error("ignoring this metadata file: {0}")]
    BadMeta(String),
    #[error("ignoring its date '{0}': {1}; the date is taken from the text instead")]
    BadMetaDate(String, String),
    #[error("{0}")]
    Pdf(PdfError),
    #[error(
        "{} of its {of} pages {} no text layer (blank, or scanned): {}; words there cannot be found",
        .pages.len(),
        if .pages.len() == 1 { "has" } else { "have" },
        page_list(.pages)
    )]
    PagesWithoutText { pages: Vec<usize>, of: usize },
    #[error("{}", unsupported_message(.0))]
    Unsupported(String),
    #[error("{0}; scanned pages stay without text")]
    Ocr(OcrError),
}

/// "p. 3" or "pp. 2-4, 7": pages as a reader cites them.
fn page_list(pages: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &p in pages {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == p => *end = p,
            _ => runs.push((p, p)),
        }
    }
    let shown: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    let prefix = if pages.len() == 1 { "p." } else { "pp." };
    format!("{prefix} {}", shown.join(", "))
}

fn unsupported_message(ext: &str) -> String {
    if is_word_processor(ext) {
        format!(
            "a word-processor file ({ext}), which minutes does not read yet: save it as PDF or text to index it"
        )
    } else {
        format!("minutes does not read files of type {ext}")
    }
}

/// Whether files with extension `ext` (".docx") are word-processor
/// documents: minutes often enough to be named one by one when skipped.
pub fn is_word_processor(ext: &str) -> bool {
    matches!(ext, ".doc" | ".docx" | ".odt" | ".rtf")
}

impl Problem {
    /// This problem, at `path`.
    pub fn at(self, path: &Path) -> CrawlError {
        CrawlError {
            path: path.display().to_string(),
            problem: self,
        }
    }
}

impl CrawlError {
    /// A short, stable word for summaries: why the file was skipped.
    pub fn reason(&self) -> &'static str {
        match &self.problem {
            Problem::Io(_) => "unreadable",
            Problem::Metadata(_) => "unreadable",
            Problem::Walk(_) => "unwalkable",
            Problem::Outside(_) => "outside-corpus",
            Problem::TooLarge { .. } => "too-large",
            Problem::Decode(_) => "undecodable",
            Problem::BadMeta(_) | Problem::BadMetaDate(..) => "bad-metadata",
            Problem::BadRecord(_) => "bad-record",
            Problem::Pdf(e) => e.reason(),
            Problem::PagesWithoutText { .. } => "pages-without-text",
            Problem::Unsupported(_) => "unsupported-type",
            Problem::Ocr(_) => "no-ocr",
        }
    }
}
