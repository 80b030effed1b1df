//! Reading pages without a text layer from their image (`index --ocr`):
//! poppler's `pdftoppm` renders the page, tesseract reads it. Both run as
//! child processes within the reader's limits. About 3 s a page on two
//! cores, so it is off by default, and what it reads is cached with the
//! PDF's text.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use super::child::{self, Failed, Limits};

/// Resolution pages are rendered at, in dots per inch: tesseract reads
/// minutes' 10–12 point type best from about 300.
const DPI: &str = "300";

/// The programs that read a page image.
#[derive(Debug, Clone)]
pub struct Ocr {
    /// `MINUTES_PDFTOPPM`, or `pdftoppm` on `PATH`.
    pub pdftoppm: PathBuf,
    /// `MINUTES_TESSERACT`, or `tesseract` on `PATH`.
    pub tesseract: PathBuf,
    /// Tesseract's language (`-l`), `eng` unless `MINUTES_OCR_LANG` says.
    pub language: String,
}

/// Why a page could not be read from its image.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OcrError {
    #[error(
        "cannot run {tool} to read scanned pages ({why}); install poppler and tesseract (Debian and Ubuntu: apt-get install poppler-utils tesseract-ocr) or name them in MINUTES_PDFTOPPM and MINUTES_TESSERACT"
    )]
    Missing { tool: String, why: String },
    #[error("{0}")]
    Failed(String),
}

impl Ocr {
    /// The programs, when both run; else what is missing.
    pub fn find() -> Result<Ocr, OcrError> {
        let var = |name: &str, default: &str| {
            std::env::var_os(name).map_or_else(|| PathBuf::from(default), PathBuf::from)
        };
        let ocr = Ocr {
            pdftoppm: var("MINUTES_PDFTOPPM", "pdftoppm"),
            tesseract: var("MINUTES_TESSERACT", "tesseract"),
            language: std::env::var("MINUTES_OCR_LANG").unwrap_or_else(|_| "eng".to_owned()),
        };
        for (tool, flag) in [(&ocr.pdftoppm, "-v"), (&ocr.tesseract, "--version")] {
            if let Err(e) = Command::new(tool).arg(flag).output() {
                return Err(OcrError::Missing {
                    tool: tool.display().to_string(),
                    why: e.to_string(),
                });
            }
        }
        Ok(ocr)
    }

    /// The text of page `page` (from 1) of the PDF at `pdf`.
    pub fn page(&self, pdf: &Path, page: usize, limits: Limits) -> Result<String, OcrError> {
        let image = Scratch::new();
        let n = page.to_string();
        let mut render = Command::new(&self.pdftoppm);
        render
            .args([
                "-f",
                &n,
                "-l",
                &n,
                "-r",
                DPI,
                "-gray",
                "-png",
                "-singlefile",
            ])
            .arg(pdf)
            .arg(&image.root);
        let done = child::run(render, limits).map_err(|e| self.failed(&self.pdftoppm, e))?;
        if !done.status.success() {
            return Err(OcrError::Failed(format!(
                "page {page} could not be rendered: {}",
                done.stderr.lines().next().unwrap_or("no reason given")
            )));
        }
        let mut read = Command::new(&self.tesseract);
        read.arg(image.png())
            .arg("-")
            .args(["-l", &self.language, "--psm", "3"]);
        let done = child::run(read, limits).map_err(|e| self.failed(&self.tesseract, e))?;
        if !done.status.success() {
            return Err(OcrError::Failed(format!(
                "page {page} could not be read: {}",
                done.stderr.lines().last().unwrap_or("no reason given")
            )));
        }
        Ok(String::from_utf8_lossy(&done.stdout).replace(super::PAGE_BREAK, "\n"))
    }

    fn failed(&self, tool: &Path, failed: Failed) -> OcrError {
        match failed {
            Failed::Start(e) => OcrError::Missing {
                tool: tool.display().to_string(),
                why: e.to_string(),
            },
            Failed::TimedOut => {
                OcrError::Failed(format!("{} took too long and was stopped", tool.display()))
            }
        }
    }
}

/// A page image's path in the temporary folder, removed when dropped.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!("minutes-ocr-{}-{n}", std::process::id());
        Scratch {
            root: std::env::temp_dir().join(name),
        }
    }

    /// The file pdftoppm writes for `-singlefile -png`.
    fn png(&self) -> PathBuf {
        self.root.with_extension("png")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(self.png());
    }
}
