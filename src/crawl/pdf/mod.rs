//! A PDF's text, page by page, from poppler's `pdftotext`.
//!
//! Why `pdftotext` (see BENCHMARKS.md for the figures): it keeps the reading
//! order of columns, reads every text-layer PDF of the development set
//! (a damaged cross-reference table included), and runs as a process of its
//! own. A parser in our process could take the whole run down on one
//! hostile file (a panic, a stack overflow on a deeply nested object tree,
//! a hang); a child process costs that file only. Each run of it has a
//! time limit and a memory limit, and what it prints is capped.
//!
//! Pages come back separated by form feeds (`\x0c`), which the later stages
//! keep as page boundaries. Text read once is kept in a cache folder by the
//! hash of the file's bytes, so the build's two passes over a file (names,
//! then records) and later runs read each PDF once.

mod child;
mod ocr;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use child::{Failed, Finished, Limits};

use crate::files::{Durability, write_atomically};
pub use ocr::{Ocr, OcrError};

/// The page separator in extracted text.
pub const PAGE_BREAK: char = '\x0c';

/// A page with fewer letters and digits than this has no text layer to
/// speak of: a scan, or text drawn as outlines (a page number is all).
const MIN_PAGE_CHARS: usize = 10;

/// The most text one PDF may give, in bytes; more is a runaway file.
const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// How PDFs are read.
#[derive(Debug, Clone)]
pub struct PdfReader {
    /// The `pdftotext` program: `MINUTES_PDFTOTEXT`, or found on `PATH`.
    pub tool: PathBuf,
    /// Longest time one file may take.
    pub timeout: Duration,
    /// Most address space the reader may use, in bytes.
    pub memory: u64,
    /// Where extracted text is kept between passes and runs.
    pub cache: Option<PathBuf>,
    /// Read pages without a text layer from their image.
    pub ocr: Option<Ocr>,
}

impl Default for PdfReader {
    fn default() -> PdfReader {
        PdfReader {
            tool: std::env::var_os("MINUTES_PDFTOTEXT")
                .map_or_else(|| PathBuf::from("pdftotext"), PathBuf::from),
            timeout: Duration::from_secs(60),
            memory: 1024 * 1024 * 1024,
            cache: None,
            ocr: None,
        }
    }
}

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error(
        "cannot run {tool} to read PDFs ({why}); install poppler's pdftotext (Debian and Ubuntu: apt-get install poppler-utils; macOS: brew install poppler) or name it in MINUTES_PDFTOTEXT"
    )]
    Missing { tool: String, why: String },
    #[error("it is encrypted: its text cannot be read without a password")]
    Encrypted,
    #[error("it is damaged or not a PDF: {0}")]
    Damaged(String),
    #[error("reading its text took longer than {0} s and was stopped")]
    TimedOut(u64),
    #[error("the PDF reader failed on it: {0}")]
    Crashed(String),
    #[error(
        "{} (a scan, or text drawn as shapes): there is nothing to index",
        if *.0 == 1 { "its one page has no text layer".to_owned() } else { format!("none of its {} pages has a text layer", .0) }
    )]
    NoText(usize),
}

impl PdfError {
    /// A short, stable word for summaries.
    pub fn reason(&self) -> &'static str {
        match self {
            PdfError::Missing { .. } => "no-pdf-reader",
            PdfError::Encrypted => "encrypted",
            PdfError::Damaged(_) => "damaged",
            PdfError::TimedOut(_) => "timed-out",
            PdfError::Crashed(_) => "reader-failed",
            PdfError::NoText(_) => "no-text",
        }
    }
}

/// A PDF's text: pages separated by [`PAGE_BREAK`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    pub text: String,
    pub pages: usize,
    /// Pages (from 1) that have no text (after OCR, with `--ocr`).
    pub blank: Vec<usize>,
}

impl PdfReader {
    /// The text of the PDF at `path`, whose bytes hash to `hash`.
    /// Text read by OCR in an earlier run is used whenever it is cached,
    /// with or without `ocr` now.
    pub fn read(&self, path: &Path, hash: &str) -> Result<PdfText, PdfError> {
        let ocr_key = format!("{hash}.ocr");
        if let Some((text, _)) = self.cached(&ocr_key).and_then(|t| split_ocr_note(&t)) {
            return paged(text);
        }
        let Some(ocr) = &self.ocr else {
            return paged(self.text_layer(path, hash)?);
        };
        let mut pages = split_pages(self.text_layer(path, hash)?);
        let mut read = Vec::new();
        let mut complete = true;
        for (i, page) in pages.iter_mut().enumerate() {
            if has_text(page) {
                continue;
            }
            match ocr.page(path, i + 1, self.limits()) {
                Ok(text) => {
                    *page = text;
                    read.push(i + 1);
                }
                // A page that failed is tried again next run.
                Err(_) => complete = false,
            }
        }
        let text = pages.join(&PAGE_BREAK.to_string());
        if complete {
            self.keep(&ocr_key, &format!("{}{text}", ocr_note(&read)));
        }
        paged(text)
    }

    /// The PDF's own text layer, from the cache or the reader.
    fn text_layer(&self, path: &Path, hash: &str) -> Result<String, PdfError> {
        if let Some(text) = self.cached(hash) {
            return Ok(text);
        }
        let text = self.run(path)?;
        self.keep(hash, &text);
        Ok(text)
    }

    fn cached(&self, key: &str) -> Option<String> {
        let dir = self.cache.as_ref()?;
        std::fs::read_to_string(dir.join(format!("{key}.txt"))).ok()
    }

    fn keep(&self, key: &str, text: &str) {
        if let Some(dir) = &self.cache {
            // A cache that cannot be written costs time, not text.
            let _ = write_atomically(
                &dir.join(format!("{key}.txt")),
                text.as_bytes(),
                Durability::Cache,
            );
        }
    }

    /// The limits of one run of a reader.
    fn limits(&self) -> Limits {
        Limits {
            timeout: self.timeout,
            memory: self.memory,
            output: MAX_TEXT_BYTES,
        }
    }

    /// Run the tool on one file, within its limits.
    fn run(&self, path: &Path) -> Result<String, PdfError> {
        let mut command = Command::new(&self.tool);
        command
            .args(["-enc", "UTF-8", "-eol", "unix"])
            .arg(path)
            .arg("-");
        let done = child::run(command, self.limits()).map_err(|e| self.failed(e))?;
        if done.overflow {
            return Err(PdfError::Damaged(format!(
                "it gives more than {MAX_TEXT_BYTES} bytes of text"
            )));
        }
        match done.status.code() {
            Some(0) => Ok(String::from_utf8_lossy(&done.stdout).into_owned()),
            Some(3) => Err(PdfError::Encrypted),
            Some(_) if done.stderr.to_ascii_lowercase().contains("password") => {
                Err(PdfError::Encrypted)
            }
            Some(_) => Err(PdfError::Damaged(first_line(&done.stderr))),
            None => Err(crashed(&done)),
        }
    }

    fn failed(&self, failed: Failed) -> PdfError {
        match failed {
            Failed::Start(e) => PdfError::Missing {
                tool: self.tool.display().to_string(),
                why: e.to_string(),
            },
            Failed::TimedOut => PdfError::TimedOut(self.timeout.as_secs()),
        }
    }
}

/// A reader stopped by a signal.
fn crashed(done: &Finished) -> PdfError {
    PdfError::Crashed(match done.signal() {
        Some(s) => format!("stopped by signal {s} (out of memory, or a crash)"),
        None => "stopped without an exit code".to_owned(),
    })
}

/// The pages of a reader's text: every page ends with a form feed, the
/// last one too.
fn split_pages(mut text: String) -> Vec<String> {
    if text.ends_with(PAGE_BREAK) {
        text.pop();
    }
    text.split(PAGE_BREAK).map(str::to_owned).collect()
}

/// Whether a page has text to speak of (more than a page number).
fn has_text(page: &str) -> bool {
    page.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_PAGE_CHARS
}

/// The first line of a cached OCR text: which pages OCR read.
fn ocr_note(read: &[usize]) -> String {
    let pages: Vec<String> = read.iter().map(usize::to_string).collect();
    format!("ocr:{}\n", pages.join(","))
}

/// A cached OCR text and the pages OCR read (its note, for a reader of
/// the cache), or `None` if it is not one.
fn split_ocr_note(cached: &str) -> Option<(String, Vec<usize>)> {
    let (note, text) = cached.split_once('\n')?;
    let pages = note.strip_prefix("ocr:")?;
    let read = pages
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<usize>>>()?;
    Some((text.to_owned(), read))
}

/// Text as pages, with the pages that have no text named; a PDF with none
/// is an error.
fn paged(mut text: String) -> Result<PdfText, PdfError> {
    // Every page ends with a form feed; the last one closes the text.
    if text.ends_with(PAGE_BREAK) {
        text.pop();
    }
    let mut pages = 0;
    let mut blank = Vec::new();
    for (i, page) in text.split(PAGE_BREAK).enumerate() {
        pages += 1;
        if !has_text(page) {
            blank.push(i + 1);
        }
    }
    if blank.len() == pages {
        return Err(PdfError::NoText(pages));
    }
    Ok(PdfText { text, pages, blank })
}

/// The reader's first error line (its warnings come before it), or its
/// first line, cut short.
fn first_line(message: &str) -> String {
    let mut lines = message.lines().map(str::trim).filter(|l| !l.is_empty());
    let line = message
        .lines()
        .map(str::trim)
        .find(|l| l.contains("Error"))
        .or_else(|| lines.next())
        .unwrap_or("the reader gave no reason");
    line.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_without_text_are_named_and_a_pdf_without_any_is_refused() {
        let text =
            "Minutes of the meeting of the Council\x0c 3 \x0cItem 4 Planning applications\x0c";
        let pdf = paged(text.to_owned()).unwrap();
        assert_eq!(pdf.pages, 3);
        assert_eq!(pdf.blank, vec![2]);
        assert!(!pdf.text.ends_with(PAGE_BREAK));
        assert_eq!(paged("1\x0c\x0c".to_owned()), Err(PdfError::NoText(2)));
    }

    #[test]
    fn a_cached_ocr_text_keeps_which_pages_ocr_read() {
        let kept = format!("{}one\x0ctwo", ocr_note(&[2, 5]));
        assert_eq!(
            split_ocr_note(&kept),
            Some(("one\x0ctwo".to_owned(), vec![2, 5]))
        );
        assert_eq!(
            split_ocr_note(&format!("{}text", ocr_note(&[]))),
            Some(("text".to_owned(), vec![]))
        );
        assert_eq!(split_ocr_note("plain text\nmore"), None);
    }

    #[test]
    fn a_missing_reader_says_what_to_install() {
        let reader = PdfReader {
            tool: PathBuf::from("/nonexistent/pdftotext"),
            ..PdfReader::default()
        };
        let err = reader.read(Path::new("x.pdf"), "0").unwrap_err();
        assert_eq!(err.reason(), "no-pdf-reader");
        assert!(err.to_string().contains("apt-get install poppler-utils"));
    }

    #[test]
    fn only_the_first_words_of_a_long_complaint_are_kept() {
        let long = format!("\n  Syntax Error: {}\nmore", "x".repeat(500));
        let line = first_line(&long);
        assert!(line.starts_with("Syntax Error"));
        assert_eq!(line.chars().count(), 200);
        let warned =
            "Syntax Warning: Invalid XRef entry\nSyntax Error: Couldn't find trailer dictionary\n";
        assert_eq!(
            first_line(warned),
            "Syntax Error: Couldn't find trailer dictionary"
        );
    }
}
