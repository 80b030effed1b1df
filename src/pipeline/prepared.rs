//! A file read as far as its names, made once for both of the build's
//! passes.
//!
//! The first pass reads each changed file through convert, normalise and
//! the metadata, for the names the reconciler settles across the corpus;
//! the second pass needs that same text again to cut and write its records.
//! Reading, converting, normalising and labelling every file twice was a
//! fifth of a build's work, and keeping every file's text in memory until
//! the second pass would make memory grow with the corpus. So the first
//! pass writes what it made to a [`Spill`], a scratch file in the index
//! folder, and the second pass reads it back. The file's name is removed
//! as soon as it is open, so the system frees its space when the build
//! ends, however it ends (a killed run leaves nothing behind). A file the
//! spill could not keep (a full disk, say) is simply read again.

use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use crate::crawl::{self, Candidate, CrawlError, Source};
use crate::date::Order;
use crate::extract::{self, topics::Taxonomy};
use crate::model::{Metadata, Record};
use crate::normalise::Normalised;
use crate::reconcile::{DocNames, Strength};

/// The scratch file of a build's first pass, in the index folder.
pub const SPILL_FILE: &str = "first-pass.tmp";

/// One source converted, normalised and labelled: everything the stages
/// after it start from. Its raw text is dropped once normalised.
#[derive(Serialize, Deserialize)]
pub struct Prepared {
    pub source: Source,
    pub doc: Normalised,
    pub order: Order,
    /// The document's metadata, and whether its council was only inferred.
    pub metadata: (Metadata, bool),
}

impl Prepared {
    /// Convert, normalise and label `source`.
    pub fn of(mut source: Source) -> Prepared {
        let doc = super::document(&source);
        source.text = String::new();
        let order = crate::date::convention(&doc.text);
        let metadata = extract::metadata_with_strength(&source, &doc, order);
        Prepared {
            source,
            doc,
            order,
            metadata,
        }
    }

    /// The names the reconciler weighs for this source.
    pub fn names(&self) -> DocNames {
        let (meta, weak) = &self.metadata;
        DocNames::new(
            &self.source.rel,
            &meta.council,
            Strength::of(meta.council.origin, *weak),
            &meta.committee,
        )
    }

    /// The source's records, extracted from what was prepared.
    pub fn records(self, taxonomy: &Taxonomy) -> Vec<Record> {
        extract::extract_with(&self.source, &self.doc, self.order, self.metadata, taxonomy)
    }
}

/// What the first pass made of one candidate: its names, and where the
/// spill keeps it, with the warnings its read gave, for the second pass.
/// A candidate that cannot be read has neither (the second pass reads it
/// again and reports why).
pub struct First {
    pub names: Option<DocNames>,
    pub kept: Option<(Kept, Vec<CrawlError>)>,
}

impl First {
    pub fn read(candidate: &Candidate, reader: &crawl::Reader, spill: Option<&Spill>) -> First {
        let Ok(mut source) = crawl::read(candidate, reader) else {
            return First {
                names: None,
                kept: None,
            };
        };
        let warnings = std::mem::take(&mut source.warnings);
        let prepared = Prepared::of(source);
        First {
            names: Some(prepared.names()),
            kept: spill
                .and_then(|s| s.keep(&prepared))
                .map(|kept| (kept, warnings)),
        }
    }
}

/// Where a [`Prepared`] source lies in the spill.
#[derive(Debug, Clone, Copy)]
pub struct Kept {
    offset: u64,
    len: usize,
}

/// The scratch file the first pass writes and the second reads, each
/// source at its own offset, so the workers of both passes go on in
/// parallel. Nameless while open: its space is freed when it is dropped
/// or the process ends.
pub struct Spill {
    file: File,
    end: AtomicU64,
}

impl Spill {
    /// A new, empty spill in the index folder `index`; `None` where it
    /// cannot be made (or its name not removed), and the second pass reads
    /// every file again.
    pub fn create(index: &Path) -> Option<Spill> {
        if !cfg!(unix) {
            return None;
        }
        let path = index.join(SPILL_FILE);
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .ok()?;
        std::fs::remove_file(&path).ok()?;
        Some(Spill {
            file,
            end: AtomicU64::new(0),
        })
    }

    /// Write `prepared` down; `None` when it could not be.
    pub fn keep(&self, prepared: &Prepared) -> Option<Kept> {
        // Sized for the text and a little escaping, so the buffer is not
        // grown (and copied) over and over for a long text.
        let mut bytes = Vec::with_capacity(prepared.doc.text.len() / 16 * 17 + 4096);
        serde_json::to_writer(&mut bytes, prepared).ok()?;
        let offset = self.end.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        write_at(&self.file, &bytes, offset).ok()?;
        Some(Kept {
            offset,
            len: bytes.len(),
        })
    }

    /// Read back what [`Spill::keep`] wrote; `None` when it cannot be read.
    pub fn take(&self, kept: Kept) -> Option<Prepared> {
        let mut bytes = vec![0; kept.len];
        read_at(&self.file, &mut bytes, kept.offset).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

// Elsewhere no spill is made (see `Spill::create`).
#[cfg(not(unix))]
fn write_at(_: &File, _: &[u8], _: u64) -> std::io::Result<()> {
    Err(std::io::Error::other("no positional writes here"))
}

#[cfg(not(unix))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::Error::other("no positional reads here"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crawl::Format;
    use crate::model::Fingerprint;

    fn source(rel: &str, text: &str) -> Source {
        Source {
            rel: rel.to_owned(),
            format: Format::Html,
            text: text.to_owned(),
            meta: Default::default(),
            sidecar_meta: Default::default(),
            warnings: Vec::new(),
            fingerprint: Fingerprint {
                source: rel.to_owned(),
                hash: "abc".to_owned(),
                stamp: 7,
            },
            blank_pages: vec![2],
        }
    }

    const PAGE: &str = "<html><head><title>Planning Committee - 5 March 2024 | Kent County Council</title></head>\
        <body><h1>Planning Committee</h1><p>Minutes of the meeting held on 5 March 2024.</p>\
        <h2>1. Apologies</h2><p>None.</p><h2>2. Caseload</h2><p>RESOLVED that the report be noted.</p></body></html>";

    #[test]
    fn a_kept_source_gives_the_records_of_one_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let spill = Spill::create(dir.path()).unwrap();
        let taxonomy = Taxonomy::default();
        let kept = spill.keep(&Prepared::of(source("a.html", PAGE))).unwrap();
        let other = spill
            .keep(&Prepared::of(source("b.html", "<p>Other text.</p>")))
            .unwrap();
        let back = spill.take(kept).unwrap();
        assert_eq!(back.source.blank_pages, vec![2]);
        assert_eq!(back.source.fingerprint.stamp, 7);
        let fresh = Prepared::of(source("a.html", PAGE));
        assert_eq!(back.names(), fresh.names());
        let records = back.records(&taxonomy);
        assert!(records.len() > 1, "{records:?}");
        assert_eq!(records, fresh.records(&taxonomy));
        assert_eq!(spill.take(other).unwrap().source.rel, "b.html");
    }

    #[test]
    fn the_spill_leaves_no_file_behind_even_while_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let spill = Spill::create(dir.path()).unwrap();
        let kept = spill.keep(&Prepared::of(source("a.html", PAGE))).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        assert_eq!(spill.take(kept).unwrap().source.rel, "a.html");
    }
}
