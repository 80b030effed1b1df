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

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

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
}

impl Default for PdfReader {
    fn default() -> PdfReader {
        PdfReader {
            tool: std::env::var_os("MINUTES_PDFTOTEXT")
                .map_or_else(|| PathBuf::from("pdftotext"), PathBuf::from),
            timeout: Duration::from_secs(60),
            memory: 1024 * 1024 * 1024,
            cache: None,
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
        "{} a text layer (a scan, or text drawn as shapes): there is nothing to index",
        if *.0 == 1 { "its one page has not".to_owned() } else { format!("none of its {} pages has", .0) }
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
    /// Pages (from 1) that have no text layer.
    pub blank: Vec<usize>,
}

impl PdfReader {
    /// The text of the PDF at `path`, whose bytes hash to `hash`.
    pub fn read(&self, path: &Path, hash: &str) -> Result<PdfText, PdfError> {
        let cached = self
            .cache
            .as_ref()
            .map(|dir| dir.join(format!("{hash}.txt")));
        let text = match cached
            .as_ref()
            .and_then(|c| std::fs::read_to_string(c).ok())
        {
            Some(text) => text,
            None => {
                let text = self.run(path)?;
                if let Some(file) = &cached {
                    // A cache that cannot be written costs time, not text.
                    let _ = write_atomically(file, &text);
                }
                text
            }
        };
        paged(text)
    }

    /// Run the tool on one file, within its limits.
    fn run(&self, path: &Path) -> Result<String, PdfError> {
        let mut command = Command::new(&self.tool);
        command
            .args(["-enc", "UTF-8", "-eol", "unix"])
            .arg(path)
            .arg("-")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        limit_memory(&mut command, self.memory);
        let mut child = command.spawn().map_err(|e| PdfError::Missing {
            tool: self.tool.display().to_string(),
            why: e.to_string(),
        })?;
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        // Read both pipes while waiting, so a full pipe never stalls it.
        let out = std::thread::spawn(move || capture(stdout, MAX_TEXT_BYTES));
        let err = std::thread::spawn(move || capture(stderr, 64 * 1024));
        let status = match child.wait_timeout(self.timeout) {
            Ok(Some(status)) => status,
            Ok(None) | Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::TimedOut(self.timeout.as_secs()));
            }
        };
        let (bytes, overflow) = out.join().unwrap_or_default();
        let (message, _) = err.join().unwrap_or_default();
        let message = String::from_utf8_lossy(&message);
        if overflow {
            return Err(PdfError::Damaged(format!(
                "it gives more than {MAX_TEXT_BYTES} bytes of text"
            )));
        }
        match status.code() {
            Some(0) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
            Some(3) => Err(PdfError::Encrypted),
            Some(_) if message.to_ascii_lowercase().contains("password") => {
                Err(PdfError::Encrypted)
            }
            Some(_) => Err(PdfError::Damaged(first_line(&message))),
            None => Err(PdfError::Crashed(match signal(&status) {
                Some(s) => format!("stopped by signal {s} (out of memory, or a crash)"),
                None => "stopped without an exit code".to_owned(),
            })),
        }
    }
}

/// Text split into pages, with the pages that have no text named; a PDF
/// with none is an error.
fn paged(mut text: String) -> Result<PdfText, PdfError> {
    // Every page ends with a form feed; the last one closes the text.
    if text.ends_with(PAGE_BREAK) {
        text.pop();
    }
    let mut pages = 0;
    let mut blank = Vec::new();
    for (i, page) in text.split(PAGE_BREAK).enumerate() {
        pages += 1;
        if page.chars().filter(|c| c.is_alphanumeric()).count() < MIN_PAGE_CHARS {
            blank.push(i + 1);
        }
    }
    if blank.len() == pages {
        return Err(PdfError::NoText(pages));
    }
    Ok(PdfText { text, pages, blank })
}

/// Up to `max` bytes of a pipe, and whether there was more.
fn capture(pipe: Option<impl Read>, max: usize) -> (Vec<u8>, bool) {
    let mut buf = Vec::new();
    let Some(pipe) = pipe else {
        return (buf, false);
    };
    let mut limited = pipe.take(max as u64 + 1);
    let _ = limited.read_to_end(&mut buf);
    let over = buf.len() > max;
    if over {
        // Drain the rest so the child can finish (or be killed by its timeout).
        let _ = std::io::copy(&mut limited.into_inner(), &mut std::io::sink());
        buf.truncate(max);
    }
    (buf, over)
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

fn write_atomically(file: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = file.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, file)
}

#[cfg(unix)]
fn signal(status: &std::process::ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(status)
}

#[cfg(not(unix))]
fn signal(_: &std::process::ExitStatus) -> Option<i32> {
    None
}

/// Cap the child's address space, so a runaway file fails alone instead
/// of pushing the machine into swap.
#[cfg(unix)]
fn limit_memory(command: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: runs in the child between fork and exec, and only calls
    // setrlimit, which is async-signal-safe; it touches no memory of the
    // parent's but the copied `limit`.
    unsafe {
        command.pre_exec(move || {
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_: &mut Command, _: u64) {}

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
