//! Stage 1: find the documents under a corpus folder and read them.
//!
//! [`walk`] lists the candidate files (cheap: names, sizes and modification
//! times only, so an incremental run can skip unchanged files without reading
//! them) together with the metadata files that apply to each. [`read`] then
//! loads one candidate: its bytes, decoded to text, and its sidecar.
//!
//! Per-file problems never stop the walk; they come back as [`CrawlError`]s
//! for the caller to report and count.

mod decode;
mod jsonl;
mod meta;
pub mod pdf;
mod problem;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

pub use decode::{DecodeError, decode};
pub use pdf::{Ocr, OcrError, PAGE_BREAK, PdfError, PdfReader};
pub use problem::{CrawlError, Problem, is_word_processor};

use crate::model::{Fingerprint, Meta};

/// Files larger than this are skipped by default: no council document is
/// this big, and reading one would only hurt the rest of the run.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The name of a folder-level metadata file.
pub const FOLDER_META: &str = "_meta.json";
/// The suffix of a per-document sidecar: `NAME.meta.json` beside `NAME`.
pub const SIDECAR_SUFFIX: &str = ".meta.json";

/// The document formats we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Html,
    /// Read through [`pdf`]: pages separated by [`PAGE_BREAK`].
    Pdf,
}

impl Format {
    /// The format of a file name, or `None` when it is not a document.
    pub fn of(name: &str) -> Option<Format> {
        match FileKind::of(name) {
            FileKind::Document(format) => Some(format),
            _ => None,
        }
    }
}

/// What the walk makes of a file, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Document(Format),
    /// Documents a line each (`.jsonl`).
    Lines,
    /// Not a document, and known not to be: metadata, read-me and licence
    /// files. Left out without a word.
    Companion,
    /// A file of a type we do not read: counted and named as skipped.
    Unsupported,
}

impl FileKind {
    pub fn of(name: &str) -> FileKind {
        let lower = name.to_ascii_lowercase();
        let stem = lower.rsplit_once('.').map_or(lower.as_str(), |(s, _)| s);
        if ["readme", "provenance", "license", "licence"]
            .iter()
            .any(|p| stem.starts_with(p))
            || lower == FOLDER_META
            || lower.ends_with(SIDECAR_SUFFIX)
        {
            return FileKind::Companion;
        }
        match lower.rsplit_once('.').map_or("", |(_, ext)| ext) {
            "txt" => FileKind::Document(Format::Text),
            "md" | "markdown" => FileKind::Document(Format::Markdown),
            "html" | "htm" => FileKind::Document(Format::Html),
            "pdf" => FileKind::Document(Format::Pdf),
            "jsonl" => FileKind::Lines,
            _ => FileKind::Unsupported,
        }
    }
}

/// The extension of a file name, lower-cased, or "(none)".
fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!(".{}", ext.to_ascii_lowercase()),
        _ => "(none)".to_owned(),
    }
}

/// A document file found by the walk, not yet read.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    /// Corpus-relative path with `/` separators: the record's `source`.
    pub rel: String,
    pub format: Format,
    pub size: u64,
    /// The file's `NAME.meta.json`, if there is one.
    pub sidecar: Option<PathBuf>,
    /// Folder defaults from `_meta.json` files, nearest folder first, merged.
    pub folder_meta: Arc<FolderMeta>,
    /// Hash of the sizes and modification times of the file and its metadata.
    pub stamp: u64,
    /// A document read from a line of a `.jsonl` file at the walk.
    pub inline: Option<Arc<jsonl::Inline>>,
}

/// The merged `_meta.json` defaults that apply to a folder.
#[derive(Debug, Default)]
pub struct FolderMeta {
    pub meta: Meta,
    /// The raw bytes of each file that contributed, for the content hash.
    pub bytes: Vec<u8>,
    /// Sizes and modification times of those files, for the stamp.
    pub stamp: u64,
}

/// The result of walking a corpus.
#[derive(Debug, Default)]
pub struct Walk {
    pub candidates: Vec<Candidate>,
    /// Paths that could not be walked or read: their documents are lost.
    pub errors: Vec<CrawlError>,
    /// Folder `_meta.json` files ignored (all or one value): their
    /// documents are indexed without those values.
    pub warnings: Vec<CrawlError>,
}

/// A document read and decoded.
#[derive(Debug, Serialize, Deserialize)]
pub struct Source {
    pub rel: String,
    pub format: Format,
    pub text: String,
    /// Sidecar values over folder defaults.
    pub meta: Meta,
    /// Which fields of `meta` came from the sidecar (the rest are folder defaults).
    pub sidecar_meta: Meta,
    /// What was wrong with its sidecar, which was ignored (all of it, or
    /// the value named). Not kept in the first pass's spill (see
    /// `pipeline::prepared`), which keeps them beside it.
    #[serde(skip)]
    pub warnings: Vec<CrawlError>,
    pub fingerprint: Fingerprint,
    /// Pages (from 1) with no text layer, for a PDF.
    pub blank_pages: Vec<usize>,
}

/// Walk `root` in name order and list the documents under it, following
/// symbolic links only within it.
pub fn walk(root: &Path) -> Walk {
    walk_with(root, Links::Inside)
}

/// Which symbolic links a walk follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Links {
    /// Links whose target is inside the corpus; a link out of it (to a
    /// home folder, say) is reported and not followed.
    #[default]
    Inside,
    /// Every link (`--follow-links`).
    All,
}

/// Walk `root` in name order and list the documents under it.
///
/// Symbolic links are followed as `links` says; a link back to a parent is
/// reported once as an error instead of being walked forever. Hidden files
/// and folders are skipped.
pub fn walk_with(root: &Path, links: Links) -> Walk {
    let mut out = Walk::default();
    let mut folders: HashMap<PathBuf, Arc<FolderMeta>> = HashMap::new();
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut outside: Vec<CrawlError> = Vec::new();
    let entries = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            if links == Links::Inside && e.path_is_symlink() {
                let target = fs::canonicalize(e.path());
                if let Ok(target) = target
                    && !target.starts_with(&canonical_root)
                {
                    outside.push(Problem::Outside(target).at(e.path()));
                    return false;
                }
            }
            true
        });
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let message = match err.loop_ancestor() {
                    Some(a) => format!("a symbolic link loops back to {}", a.display()),
                    None => err.to_string(),
                };
                out.errors.push(Problem::Walk(message).at(&path));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let format = match FileKind::of(&name) {
            FileKind::Document(format) => format,
            FileKind::Lines => {
                let path = entry.path();
                let folder = path.parent().unwrap_or(root);
                let folder_meta = folder_meta_for(root, folder, &mut folders, &mut out.warnings);
                walk_jsonl(path, &relative(root, path), folder_meta, &mut out);
                continue;
            }
            FileKind::Companion => continue,
            FileKind::Unsupported => {
                let path = entry.path();
                out.errors
                    .push(Problem::Unsupported(extension(&name)).at(path));
                continue;
            }
        };
        let path = entry.path().to_path_buf();
        let meta = match entry.metadata() {
            Ok(meta) => meta,
            Err(err) => {
                let err = err
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("the walk lost it"));
                out.errors.push(Problem::Metadata(err).at(&path));
                continue;
            }
        };
        let rel = relative(root, &path);
        let folder = path.parent().unwrap_or(root).to_path_buf();
        let folder_meta = folder_meta_for(root, &folder, &mut folders, &mut out.warnings);
        let sidecar = sidecar_of(&path);
        let mut stamp = stamp_of(&meta);
        if let Some(s) = sidecar.as_ref().and_then(|s| fs::metadata(s).ok()) {
            stamp = mix(stamp, stamp_of(&s));
        }
        stamp = mix(stamp, folder_meta.stamp);
        out.candidates.push(Candidate {
            path,
            rel,
            format,
            size: meta.len(),
            sidecar,
            folder_meta,
            stamp,
            inline: None,
        });
    }
    out.errors.append(&mut outside);
    out
}

/// The documents of a `.jsonl` file, one candidate a line; a bad line is
/// named with its number and costs that line only.
fn walk_jsonl(path: &Path, rel: &str, folder_meta: Arc<FolderMeta>, out: &mut Walk) {
    let text = match fs::read(path) {
        Ok(bytes) => match decode(&bytes, false) {
            Ok(text) => text,
            Err(e) => return out.errors.push(Problem::Decode(e).at(path)),
        },
        Err(e) => return out.errors.push(Problem::Io(e).at(path)),
    };
    for (key, line) in jsonl::parse(&text) {
        match line {
            Ok(doc) => {
                let mut first = [0u8; 8];
                first.copy_from_slice(&doc.hash[..8]);
                out.candidates.push(Candidate {
                    path: path.to_path_buf(),
                    rel: format!("{rel}:{key}"),
                    format: doc.format,
                    size: doc.text.len() as u64,
                    sidecar: None,
                    stamp: mix(u64::from_le_bytes(first), folder_meta.stamp),
                    folder_meta: folder_meta.clone(),
                    inline: Some(Arc::new(doc)),
                });
            }
            Err(problem) => out.errors.push(problem.at(path)),
        }
    }
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn sidecar_of(path: &Path) -> Option<PathBuf> {
    let mut name = path.file_name()?.to_os_string();
    name.push(SIDECAR_SUFFIX);
    let sidecar = path.with_file_name(name);
    sidecar.is_file().then_some(sidecar)
}

fn stamp_of(meta: &fs::Metadata) -> u64 {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    mix(mtime, meta.len())
}

/// Combine two values into one stamp (FNV-style; not cryptographic, only a
/// change detector paired with the content hash).
fn mix(a: u64, b: u64) -> u64 {
    (a ^ b.rotate_left(17))
        .wrapping_mul(0x100_0000_01b3)
        .wrapping_add(b)
}

/// The merged `_meta.json` defaults for `folder`: its own file over its
/// parents', up to `root`. Computed once per folder.
fn folder_meta_for(
    root: &Path,
    folder: &Path,
    cache: &mut HashMap<PathBuf, Arc<FolderMeta>>,
    errors: &mut Vec<CrawlError>,
) -> Arc<FolderMeta> {
    if let Some(found) = cache.get(folder) {
        return found.clone();
    }
    let parent = if folder == root || !folder.starts_with(root) {
        Arc::new(FolderMeta::default())
    } else {
        match folder.parent() {
            Some(parent) => folder_meta_for(root, parent, cache, errors),
            None => Arc::new(FolderMeta::default()),
        }
    };
    let file = folder.join(FOLDER_META);
    let merged = match fs::read(&file) {
        Ok(bytes) => match meta::parse(&bytes) {
            Ok((mut own, bad_date)) => {
                errors.extend(bad_date.map(|p| p.at(&file)));
                own.fill_from(&parent.meta);
                let stamp = fs::metadata(&file).map_or(0, |m| stamp_of(&m));
                let mut all = bytes;
                all.extend_from_slice(&parent.bytes);
                Arc::new(FolderMeta {
                    meta: own,
                    bytes: all,
                    stamp: mix(stamp, parent.stamp),
                })
            }
            Err(message) => {
                errors.push(message.at(&file));
                parent
            }
        },
        Err(_) => parent,
    };
    cache.insert(folder.to_path_buf(), merged.clone());
    merged
}

/// How files are read.
#[derive(Debug, Clone)]
pub struct Reader {
    /// Files larger than this are skipped.
    pub max_bytes: u64,
    pub pdf: PdfReader,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader {
            max_bytes: MAX_FILE_BYTES,
            pdf: PdfReader::default(),
        }
    }
}

/// Read, decode and fingerprint one candidate.
pub fn read(candidate: &Candidate, reader: &Reader) -> Result<Source, CrawlError> {
    let path = &candidate.path;
    if candidate.size > reader.max_bytes {
        let too_large = Problem::TooLarge {
            size: candidate.size,
            max: reader.max_bytes,
        };
        return Err(too_large.at(path));
    }
    let mut hasher = blake3::Hasher::new();
    let mut sidecar_meta = Meta::default();
    let mut warnings = Vec::new();
    let mut blank_pages = Vec::new();
    let text = match &candidate.inline {
        Some(doc) => {
            hasher.update(&doc.hash);
            sidecar_meta = doc.meta.clone();
            if let Some((date, why)) = &doc.bad_date {
                let at = PathBuf::from(&candidate.rel);
                warnings.push(Problem::BadMetaDate(date.clone(), why.clone()).at(&at));
            }
            doc.text.clone()
        }
        None => {
            let bytes = fs::read(path).map_err(|e| Problem::Io(e).at(path))?;
            hasher.update(&bytes);
            if candidate.format == Format::Pdf {
                // The hash of the bytes alone (all the hasher has seen yet)
                // names the PDF's cached text.
                let hash = hasher.clone().finalize().to_hex()[..32].to_string();
                drop(bytes);
                let pdf = reader
                    .pdf
                    .read(path, &hash)
                    .map_err(|e| Problem::Pdf(e).at(path))?;
                if !pdf.blank.is_empty() {
                    let blank = Problem::PagesWithoutText {
                        pages: pdf.blank.clone(),
                        of: pdf.pages,
                    };
                    warnings.push(blank.at(path));
                }
                blank_pages = pdf.blank;
                pdf.text
            } else {
                decode(&bytes, candidate.format == Format::Html)
                    .map_err(|e| Problem::Decode(e).at(path))?
            }
        }
    };
    if let Some(sidecar) = &candidate.sidecar {
        // A sidecar that cannot be read or parsed costs its values only: the
        // document is indexed without them, with a warning naming it.
        match fs::read(sidecar) {
            Ok(side) => {
                match meta::parse(&side) {
                    Ok((parsed, bad_date)) => {
                        sidecar_meta = parsed;
                        warnings.extend(bad_date.map(|p| p.at(sidecar)));
                    }
                    Err(problem) => warnings.push(problem.at(sidecar)),
                }
                hasher.update(b"\0sidecar\0");
                hasher.update(&side);
            }
            Err(e) => warnings.push(Problem::Io(e).at(sidecar)),
        }
    }
    hasher.update(b"\0folder\0");
    hasher.update(&candidate.folder_meta.bytes);
    let mut meta = sidecar_meta.clone();
    meta.fill_from(&candidate.folder_meta.meta);
    Ok(Source {
        rel: candidate.rel.clone(),
        format: candidate.format,
        text,
        meta,
        sidecar_meta,
        warnings,
        blank_pages,
        fingerprint: Fingerprint {
            source: candidate.rel.clone(),
            hash: hasher.finalize().to_hex()[..32].to_string(),
            stamp: candidate.stamp,
        },
    })
}

#[cfg(test)]
mod tests;
