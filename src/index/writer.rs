//! Writing the index: one tantivy `IndexWriter` for a run, what the index
//! already knows of each source (read from fast fields), and one commit
//! with the run's summary as its payload. The pipeline decides what to
//! write; this module only knows tantivy.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tantivy::directory::MmapDirectory;
use tantivy::directory::error::LockError;
use tantivy::indexer::{NoMergePolicy, UserOperation};
use tantivy::{Index, IndexWriter, TantivyDocument, TantivyError, Term};

use super::analysis::FileAnalysis;
use super::backlog::Backlog;
use super::compact::Compaction;
use super::directory::{IndexDirectory, Use};
use super::fast::{self, Strings};
use super::schema::{self, Fields};
use super::seen::{Entry, Remembered, file_key};
use super::{BuildInfo, IndexError};
use crate::model::{Indexed, Kind, Origin, Record, Sourced};
use crate::reconcile::{DocNames, Strength, from_strength_code};

/// What the index knows of one source.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub hash: String,
    pub stamp: u64,
    pub records: u64,
    /// The names extraction gave its document, and the council and
    /// committee its document record carries now.
    pub names: DocNames,
    pub labels: (Option<String>, Option<String>),
}

/// A failure of the index writer itself (not of one input file): the run
/// stops and commits nothing, so the last commit stays whole.
#[derive(Debug, thiserror::Error)]
#[error(
    "the index writer for {} failed, and the index is as the last run left it (a full disk is the usual cause: free space and run again; the next run starts from the last commit and removes what this one left)",
    .path.display()
)]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: TantivyError,
}

/// What happened after the commit itself.
#[derive(Debug)]
pub struct Committed {
    /// Why merging the run's segments failed, when it did.
    pub merge_failed: Option<TantivyError>,
}

/// The index open for one run of writing.
pub struct Writer {
    index: Index,
    compaction: Compaction,
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    backlog: Backlog,
    path: PathBuf,
    /// True when the index was created by this run (nothing to compare to).
    pub fresh: bool,
    /// What an index of another version, replaced by this one, knew.
    pub legacy: Legacy,
}

/// What an index of another version leaves to the one that replaces it:
/// its last run, and when each file's bytes were first indexed, so the
/// rebuild after an upgrade numbers runs on and brings nothing new.
#[derive(Debug, Clone, Default)]
pub struct Legacy {
    pub last_run: u64,
    /// [`file_key`] of each file, with when it was first indexed.
    pub files: Vec<(u64, Indexed)>,
}

impl Writer {
    /// Open (or create) the index in `dir` for writing with `threads`
    /// indexing threads. `warn` hears that an index of another schema is
    /// being replaced.
    pub fn open(dir: &Path, threads: usize, warn: &dyn Fn(&str)) -> Result<Writer, IndexError> {
        let (index, fresh, legacy) = open_or_create(dir, warn)?;
        let backlog = Backlog::default();
        schema::register_writing_tokenizers(&index, &backlog);
        let fields = Fields::of(&index.schema()).map_err(IndexError::tantivy(dir))?;
        let threads = threads.clamp(1, 4);
        let writer: IndexWriter<TantivyDocument> = index
            .writer_with_num_threads(threads, 48_000_000 * threads)
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => {
                    IndexError::Locked(dir.to_path_buf())
                }
                other => IndexError::Tantivy {
                    path: dir.to_path_buf(),
                    source: other,
                },
            })?;
        // Merged after the commit instead ([`compact`](super::compact)).
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let compaction = Compaction::start(&index).map_err(IndexError::tantivy(dir))?;
        Ok(Writer {
            compaction,
            index,
            writer,
            fields,
            backlog,
            path: dir.to_path_buf(),
            fresh,
            legacy,
        })
    }

    /// The number of the last committed run (0 for a new index; for one
    /// that replaced an index of another version, that index's).
    pub fn previous_run(&self) -> u64 {
        self.previous().map_or(self.legacy.last_run, |i| i.run)
    }

    /// What the last committed run recorded of itself.
    pub fn previous(&self) -> Option<BuildInfo> {
        BuildInfo::of_index(&self.index).ok().flatten()
    }

    /// The count of text queued for the indexing threads.
    pub fn backlog(&self) -> &Backlog {
        &self.backlog
    }

    /// Delete every record (a full rebuild).
    pub fn delete_all(&self) -> Result<(), WriteError> {
        self.writer
            .delete_all_documents()
            .map(|_| ())
            .map_err(|e| self.failed(e))
    }

    /// Delete the records of `source`.
    pub fn delete_source(&self, source: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.source, source));
    }

    /// Add the records of one source in one batch, so they stay together in
    /// one segment; the document goes last, so its text closes the stored
    /// block that holds its items and showing an item reads one block.
    pub fn add(&self, records: &[Record]) -> Result<(), WriteError> {
        let analysis = FileAnalysis::of(records);
        let (segments, documents): (Vec<&Record>, Vec<&Record>) =
            records.iter().partition(|r| r.span.is_some());
        let mut analysed = 0;
        let batch: Vec<UserOperation<TantivyDocument>> = segments
            .into_iter()
            .chain(documents)
            .map(|record| {
                analysis.with_terms(record, |terms| {
                    analysed += terms.stems.len() as u64;
                    UserOperation::Add(self.fields.to_document(record, terms))
                })
            })
            .collect();
        self.writer.run(batch).map_err(|e| self.failed(e))?;
        self.backlog.queued(analysed);
        Ok(())
    }

    /// Commit once, with `info` as the payload, then merge the run's
    /// segments ([`compact`](super::compact)). A merge that fails leaves the
    /// commit as it is; its error is returned in [`Committed`].
    pub fn commit(mut self, info: &BuildInfo) -> Result<Committed, WriteError> {
        let payload = info.payload();
        let mut prepared = self.writer.prepare_commit().map_err(|e| WriteError {
            path: self.path.clone(),
            source: e,
        })?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(|e| WriteError {
            path: self.path.clone(),
            source: e,
        })?;
        let merged = self.compaction.finish(&self.index, &mut self.writer);
        let path = self.path.clone();
        self.writer
            .wait_merging_threads()
            .map_err(|source| WriteError { path, source })?;
        Ok(Committed {
            merge_failed: merged.err(),
        })
    }

    fn failed(&self, source: TantivyError) -> WriteError {
        WriteError {
            path: self.path.clone(),
            source,
        }
    }

    /// Each source's hash, stamp and record count, from the fast fields.
    pub fn known(&self) -> Result<HashMap<String, Known>, IndexError> {
        let err = IndexError::tantivy(&self.path);
        let reader = super::reader(&self.index).map_err(err)?;
        let searcher = reader.searcher();
        let f = &self.fields;
        let mut known: HashMap<String, Known> = HashMap::new();
        for segment in searcher.segment_readers() {
            if segment.num_docs() == 0 {
                continue;
            }
            let err = IndexError::tantivy(&self.path);
            let columns = (|| {
                Ok::<_, TantivyError>((
                    (
                        Strings::required(segment, f.source)?,
                        Strings::required(segment, f.hash)?,
                        fast::u64s(segment, f.stamp)?,
                    ),
                    Labels::open(segment, f)?,
                ))
            })();
            let ((sources, hashes, stamps), labels) = columns.map_err(err)?;
            for doc in segment.doc_ids_alive() {
                let (Some(source), Some(hash)) = (sources.get(doc), hashes.get(doc)) else {
                    continue;
                };
                let entry = known.entry(source.to_owned()).or_insert_with(|| Known {
                    hash: hash.to_owned(),
                    stamp: stamps.first(doc).unwrap_or(0),
                    records: 0,
                    names: DocNames::default(),
                    labels: (None, None),
                });
                entry.records += 1;
                if labels.is_document(doc) {
                    entry.names = labels.names(source, doc);
                    entry.labels = labels.current(doc);
                }
            }
        }
        Ok(known)
    }
}

impl Writer {
    /// Every record's keys and times as the index holds them, for the
    /// first-seen store (which the index may be ahead of, after a crash
    /// between a commit and the store's save).
    pub fn remembered(&self) -> Result<Vec<Remembered>, IndexError> {
        let err = IndexError::tantivy(&self.path);
        let reader = super::reader(&self.index).map_err(err)?;
        let searcher = reader.searcher();
        let f = &self.fields;
        let mut out = Vec::new();
        for segment in searcher.segment_readers() {
            if segment.num_docs() == 0 {
                continue;
            }
            let err = IndexError::tantivy(&self.path);
            let columns = (|| {
                Ok::<_, TantivyError>((
                    Strings::required(segment, f.hash)?,
                    [
                        fast::u64s(segment, f.content_key)?,
                        fast::u64s(segment, f.identity_key)?,
                        fast::u64s(segment, f.stable_key)?,
                        fast::u64s(segment, f.run)?,
                        fast::u64s(segment, f.first_run)?,
                    ],
                    [
                        fast::dates(segment, f.indexed_at)?,
                        fast::dates(segment, f.first_at)?,
                    ],
                ))
            })();
            let (hashes, [content, identity, stable, run, first_run], [at, first_at]) =
                columns.map_err(err)?;
            let secs = |c: &tantivy::columnar::Column<tantivy::DateTime>, doc| {
                c.first(doc).map_or(0, |t| t.into_timestamp_secs())
            };
            for doc in segment.doc_ids_alive() {
                out.push(Remembered {
                    content: content.first(doc).unwrap_or(0),
                    identity: identity.first(doc).unwrap_or(0),
                    file: hashes.get(doc).map_or(0, file_key),
                    entry: Entry {
                        seen: Indexed {
                            at: secs(&at, doc),
                            run: run.first(doc).unwrap_or(0),
                        },
                        first: Indexed {
                            at: secs(&first_at, doc),
                            run: first_run.first(doc).unwrap_or(0),
                        },
                        key: stable.first(doc).unwrap_or(0),
                    },
                });
            }
        }
        Ok(out)
    }
}

/// The name columns of a segment.
struct Labels {
    kinds: Strings,
    council: Option<Strings>,
    committee: Option<Strings>,
    council_extracted: Option<Strings>,
    committee_extracted: Option<Strings>,
    strength: tantivy::columnar::Column<u64>,
}

impl Labels {
    fn open(segment: &tantivy::SegmentReader, f: &Fields) -> tantivy::Result<Labels> {
        Ok(Labels {
            kinds: Strings::required(segment, f.kind)?,
            council: Strings::open(segment, f.council_exact)?,
            committee: Strings::open(segment, f.committee_exact)?,
            council_extracted: Strings::open(segment, f.council_extracted)?,
            committee_extracted: Strings::open(segment, f.committee_extracted)?,
            strength: fast::u64s(segment, f.council_strength)?,
        })
    }

    fn is_document(&self, doc: tantivy::DocId) -> bool {
        self.kinds.get(doc) == Some(Kind::Document.as_str())
    }

    fn get(column: &Option<Strings>, doc: tantivy::DocId) -> Option<String> {
        column.as_ref().and_then(|c| c.get(doc)).map(str::to_owned)
    }

    /// The names extraction gave the document `doc` of `source`.
    fn names(&self, source: &str, doc: tantivy::DocId) -> DocNames {
        let code = self.strength.first(doc).unwrap_or(0);
        let (strength, committee_given) = from_strength_code(code);
        let given = |yes: bool| {
            if yes {
                Origin::FolderMeta
            } else {
                Origin::Text
            }
        };
        let council = Sourced {
            value: Labels::get(&self.council_extracted, doc),
            origin: given(strength == Strength::Given),
        };
        let committee = Sourced {
            value: Labels::get(&self.committee_extracted, doc),
            origin: given(committee_given),
        };
        DocNames::new(source, &council, strength, &committee)
    }

    /// The council and committee the record carries now.
    fn current(&self, doc: tantivy::DocId) -> (Option<String>, Option<String>) {
        (
            Labels::get(&self.council, doc),
            Labels::get(&self.committee, doc),
        )
    }
}

/// Open the index in `dir`, or create it. Returns `true` when it is new
/// (nothing to compare against), including when an index built with another
/// schema had to be replaced.
fn open_or_create(dir: &Path, warn: &dyn Fn(&str)) -> Result<(Index, bool, Legacy), IndexError> {
    std::fs::create_dir_all(dir).map_err(|source| IndexError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut legacy = Legacy::default();
    if super::exists(dir) {
        match super::open_for_writing(dir) {
            Ok(open) => return Ok((open.index, false, Legacy::default())),
            Err(IndexError::SchemaMismatch { .. }) => {
                warn(&format!(
                    "{} was built by a different version of minutes; rebuilding it in full",
                    dir.display()
                ));
                legacy = read_legacy(dir);
                remove_index_files(dir)?;
            }
            Err(other) => return Err(other),
        }
    }
    let directory = IndexDirectory::open(dir, Use::Write).map_err(IndexError::tantivy(dir))?;
    let index = Index::create(directory, schema::schema(), schema::settings())
        .map_err(IndexError::tantivy(dir))?;
    schema::register_tokenizers(&index);
    Ok((index, true, legacy))
}

/// What an index of another schema knew of its files, read by the names
/// of today's fields (an index too old or too damaged to read gives
/// nothing: its records are then new once).
fn read_legacy(dir: &Path) -> Legacy {
    let read = || -> tantivy::Result<Legacy> {
        let index = Index::open(MmapDirectory::open(dir)?)?;
        let last_run = index
            .load_metas()?
            .payload
            .and_then(|p| BuildInfo::from_payload(&p))
            .map_or(0, |i| i.run);
        // Today's fields by name in the old schema, whose handles differ.
        let ours = schema::schema();
        let f = Fields::of(&ours)?;
        let theirs = index.schema();
        let old = |field| theirs.get_field(ours.get_field_name(field));
        let (hash, run, indexed_at) = (old(f.hash)?, old(f.run)?, old(f.indexed_at)?);
        let reader = index.reader()?;
        let mut files = Vec::new();
        for segment in reader.searcher().segment_readers() {
            let (Some(hashes), Ok(runs), Ok(times)) = (
                Strings::open(segment, hash)?,
                fast::u64s(segment, run),
                fast::dates(segment, indexed_at),
            ) else {
                continue;
            };
            for doc in segment.doc_ids_alive() {
                let Some(hash) = hashes.get(doc) else {
                    continue;
                };
                let indexed = Indexed {
                    at: times.first(doc).map_or(0, |t| t.into_timestamp_secs()),
                    run: runs.first(doc).unwrap_or(0),
                };
                files.push((file_key(hash), indexed));
            }
        }
        Ok(Legacy { last_run, files })
    };
    read().unwrap_or_default()
}

/// Remove tantivy's files from `dir`, leaving anything else there alone.
fn remove_index_files(dir: &Path) -> Result<(), IndexError> {
    let entries = std::fs::read_dir(dir).map_err(|source| IndexError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap_or("");
        let segment_file = stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit());
        if segment_file || name == "meta.json" || name == ".managed.json" {
            std::fs::remove_file(entry.path()).map_err(|source| IndexError::Io {
                path: entry.path(),
                source,
            })?;
        }
    }
    Ok(())
}
