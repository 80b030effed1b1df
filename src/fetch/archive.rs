//! Where fetched documents land in the corpus, and how: under
//! `<council>/<committee>/<YYYY-MM-DD>/` with safe names, each file's
//! sidecar written before the file, every write through a temporary file
//! in the fetch folder and renamed into place, so `minutes index` never
//! reads half a file.

use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::crawl::SIDECAR_SUFFIX;
use crate::files::{Durability, write_atomically_in};

/// The hidden folder in the corpus that `fetch` keeps its state in (the
/// indexer skips hidden entries).
pub const FETCH_DIR: &str = ".minutes-fetch";

/// The longest file name stem written, in bytes.
const MAX_STEM: usize = 80;

/// A folder name from a council's or committee's name: lower case ASCII
/// letters, digits and hyphens.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= MAX_STEM {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "unnamed".to_owned()
    } else {
        out.to_owned()
    }
}

/// A file name stem from a remote title: letters, digits, spaces, `-`,
/// `_`, `(`, `)` and single inner dots; never a path, never `..`, no
/// control characters, at most [`MAX_STEM`] bytes.
pub fn file_stem(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        let keep = c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '(' | ')' | '.');
        let c = if keep { c } else { '-' };
        let repeat = matches!(c, ' ' | '-' | '.') && out.ends_with(c);
        if !repeat {
            if out.len() + c.len_utf8() > MAX_STEM {
                break;
            }
            out.push(c);
        }
    }
    // Dots only inside words: "../" pieces vanish whole.
    let parts: Vec<&str> = out
        .split('-')
        .map(|p| p.trim_matches('.'))
        .filter(|p| !p.trim().is_empty())
        .collect();
    let out = parts.join("-");
    let out = out.trim_matches(|c: char| matches!(c, ' ' | '-' | '.' | '_'));
    if out.is_empty() {
        "document".to_owned()
    } else {
        out.to_owned()
    }
}

/// The extension a fetched file is stored under, from its first bytes,
/// then its content type, then its address; `None` for a type the indexer
/// does not read.
pub fn extension(bytes: &[u8], content_type: Option<&str>, url: &url::Url) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        return Some("pdf");
    }
    let mime = content_type
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase());
    match mime.as_deref() {
        Some("application/pdf") => return Some("pdf"),
        Some("text/html" | "application/xhtml+xml") => return Some("html"),
        Some("text/plain") => return Some("txt"),
        Some("text/markdown") => return Some("md"),
        _ => {}
    }
    let path = url.path().to_ascii_lowercase();
    ["pdf", "html", "htm", "txt", "md"]
        .into_iter()
        .find(|ext| path.ends_with(&format!(".{ext}")))
        .map(|ext| if ext == "htm" { "html" } else { ext })
}

/// The sidecar written beside every fetched file: what the publishing
/// system said, which the indexer puts before anything read from text.
#[derive(Debug, Clone, Serialize)]
pub struct Sidecar<'a> {
    pub council: &'a str,
    pub committee: &'a str,
    pub date: String,
    pub title: &'a str,
    pub url: &'a str,
    pub platform: &'a str,
    pub meeting_id: &'a str,
}

/// The corpus, as `fetch` writes into it.
pub struct Archive {
    root: PathBuf,
    tmp: PathBuf,
}

impl Archive {
    /// The archive at `corpus`, with what an interrupted run left in its
    /// temporary folder removed.
    pub fn open(corpus: &Path) -> std::io::Result<Archive> {
        let tmp = corpus.join(FETCH_DIR).join("tmp");
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp)?;
        }
        std::fs::create_dir_all(&tmp)?;
        Ok(Archive {
            root: corpus.to_path_buf(),
            tmp,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of a meeting's documents, relative to the corpus.
    pub fn folder(council: &str, committee: &str, date: NaiveDate) -> String {
        format!("{}/{}/{date}", slug(council), slug(committee))
    }

    /// A name for a new file in `folder` that no file has and `taken` does
    /// not claim.
    pub fn free_name(
        &self,
        folder: &str,
        stem: &str,
        ext: &str,
        taken: impl Fn(&str) -> bool,
    ) -> String {
        (1..)
            .map(|n| match n {
                1 => format!("{folder}/{stem}.{ext}"),
                n => format!("{folder}/{stem}-{n}.{ext}"),
            })
            .find(|rel| !taken(rel) && !self.root.join(rel).exists())
            .unwrap_or_else(|| format!("{folder}/{stem}.{ext}"))
    }

    /// Whether `rel` names a file of the archive with these bytes' hash.
    pub fn holds(&self, rel: &str, hash: &str) -> bool {
        self.path(rel)
            .and_then(|p| std::fs::read(p).ok())
            .is_some_and(|bytes| blake3::hash(&bytes).to_hex().as_str() == hash)
    }

    /// Whether `rel` is a file of the archive.
    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).is_some_and(|p| p.is_file())
    }

    /// Write a document and, first, its sidecar.
    pub fn write(&self, rel: &str, bytes: &[u8], sidecar: &Sidecar) -> std::io::Result<()> {
        let path = self.path(rel).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("'{rel}' is not a path inside the corpus"),
            )
        })?;
        let meta = serde_json::to_vec_pretty(sidecar).map_err(std::io::Error::other)?;
        let mut side = path.clone().into_os_string();
        side.push(SIDECAR_SUFFIX);
        write_atomically_in(Path::new(&side), &self.tmp, &meta, Durability::Durable)?;
        write_atomically_in(&path, &self.tmp, bytes, Durability::Durable)
    }

    /// `rel` under the corpus, if it is made of plain names only.
    fn path(&self, rel: &str) -> Option<PathBuf> {
        let rel = Path::new(rel);
        let plain = rel.components().all(|c| matches!(c, Component::Normal(_)));
        (plain && rel.components().next().is_some()).then(|| self.root.join(rel))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_titles_become_safe_names() {
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem(".."), "document");
        assert_eq!(file_stem("a\u{0}b\nc"), "a-b-c");
        assert_eq!(
            file_stem("6 - CHAIR APPROVED  Minutes"),
            "6 - CHAIR APPROVED Minutes"
        );
        assert_eq!(file_stem("Minutes... final..pdf"), "Minutes. final.pdf");
        assert!(file_stem(&"é".repeat(200)).len() <= MAX_STEM);
        assert_eq!(slug("Audit Committee (Special)"), "audit-committee-special");
        assert_eq!(slug("../"), "unnamed");
    }

    #[test]
    fn a_file_is_typed_by_its_bytes_before_its_label() {
        let url = url::Url::parse("https://x.gov.uk/mgConvert2PDF.aspx?ID=1").unwrap();
        assert_eq!(
            extension(b"%PDF-1.7", Some("application/octet-stream"), &url),
            Some("pdf")
        );
        assert_eq!(
            extension(b"<html>", Some("text/html; charset=utf-8"), &url),
            Some("html")
        );
        assert_eq!(
            extension(b"PK\x03\x04", Some("application/msword"), &url),
            None
        );
        let doc = url::Url::parse("https://x.gov.uk/minutes.HTM").unwrap();
        assert_eq!(extension(b"", None, &doc), Some("html"));
    }

    #[test]
    fn writes_land_inside_the_corpus_with_their_sidecar_and_no_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let archive = Archive::open(dir.path()).unwrap();
        let side = Sidecar {
            council: "C",
            committee: "K",
            date: "2026-02-10".into(),
            title: "T",
            url: "https://x",
            platform: "moderngov",
            meeting_id: "1",
        };
        assert!(archive.write("../outside.txt", b"x", &side).is_err());
        assert!(archive.write("/abs.txt", b"x", &side).is_err());
        archive
            .write("c/k/2026-02-10/minutes.html", b"<p>hi</p>", &side)
            .unwrap();
        let hash = blake3::hash(b"<p>hi</p>").to_hex().to_string();
        assert!(archive.holds("c/k/2026-02-10/minutes.html", &hash));
        let meta =
            std::fs::read_to_string(dir.path().join("c/k/2026-02-10/minutes.html.meta.json"))
                .unwrap();
        assert!(meta.contains("\"meeting_id\": \"1\""), "{meta}");
        let name = archive.free_name("c/k/2026-02-10", "minutes", "html", |_| false);
        assert_eq!(name, "c/k/2026-02-10/minutes-2.html");
        let left: Vec<_> = std::fs::read_dir(dir.path().join(FETCH_DIR).join("tmp"))
            .unwrap()
            .collect();
        assert!(left.is_empty());
    }
}
