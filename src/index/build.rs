//! Building and refreshing the index from a corpus folder.
//!
//! 1. Take the writer (tantivy's lock keeps two runs apart).
//! 2. Read what the index already holds: each source's content hash, its
//!    size-and-mtime stamp, and how many records it has.
//! 3. Walk the corpus. A file whose stamp is unchanged is skipped without
//!    being read; the rest are read, normalised and extracted in parallel
//!    (rayon), and a source whose content hash changed has its old records
//!    deleted and its new ones added. Sources that vanished are deleted.
//! 4. Commit once, with a summary of the run as the commit payload, so a run
//!    killed half-way leaves the previous index whole.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::directory::error::LockError;
use tantivy::indexer::{LogMergePolicy, UserOperation};
use tantivy::{Index, IndexWriter, TantivyDocument, TantivyError, Term};

use super::backlog::Backlog;
use super::schema::{self, Fields, SCHEMA_VERSION};
use super::stats::Strings;
use super::{BuildInfo, IndexError, size_on_disk};
use crate::crawl::{self, Candidate, CrawlError};
use crate::extract::topics::{self, Taxonomy};
use crate::model::{Indexed, Record};
use crate::{extract, normalise};

/// What to build, from where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub corpus: PathBuf,
    pub index: PathBuf,
    /// Re-read every file instead of only the changed ones.
    pub full: bool,
    /// Worker threads for reading and extracting.
    pub threads: usize,
    /// Files larger than this are skipped.
    pub max_file_bytes: u64,
    /// A taxonomy file to use instead of the shipped one.
    pub topics: Option<PathBuf>,
}

/// The name of a corpus's own taxonomy additions, at its top.
pub const CORPUS_TOPICS: &str = "_topics.toml";

/// A file left out of the index, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
    pub message: String,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BuildSummary {
    pub full: bool,
    pub added: usize,
    pub updated: usize,
    pub deleted: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub skipped_files: Vec<Skipped>,
    /// Records in the index after the run.
    pub records: u64,
    /// Documents (sources) in the index after the run.
    pub documents: u64,
    pub seconds: f64,
    /// Bytes of the index on disk after the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_bytes: Option<u64>,
}

/// Callbacks for a front end to show progress and warnings. The library
/// never prints.
pub trait Progress: Sync {
    fn start(&self, _files: u64) {}
    fn advance(&self) {}
    fn warn(&self, _message: &str) {}
    fn finish(&self) {}
}

/// A `Progress` that shows nothing.
pub struct Silent;
impl Progress for Silent {}

/// What the index knows of one source.
#[derive(Debug, Clone, Default)]
struct Known {
    hash: String,
    stamp: u64,
    records: u64,
    /// When its content was first indexed, kept while the content is.
    indexed: Indexed,
}

enum Outcome {
    Added(u64),
    Updated(u64),
    /// Same content, new stamp: records rewritten so the stamp is current.
    Restamped(u64),
    Skipped(CrawlError),
}

/// Build or refresh the index described by `opts`.
pub fn build(opts: &BuildOptions, progress: &dyn Progress) -> Result<BuildSummary, IndexError> {
    let started = Instant::now();
    if opts.corpus.is_file() {
        return Err(IndexError::CorpusNotAFolder(opts.corpus.clone()));
    }
    if !opts.corpus.is_dir() {
        return Err(IndexError::CorpusMissing(opts.corpus.clone()));
    }
    let (index, fresh) = open_or_create(&opts.index, progress)?;
    let backlog = Backlog::default();
    schema::register_writing_tokenizers(&index, &backlog);
    let fields = Fields::of(&index.schema()).map_err(IndexError::tantivy(&opts.index))?;
    let threads = opts.threads.max(1);
    let writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(threads.min(4), 48_000_000 * threads.min(4))
        .map_err(|e| match e {
            TantivyError::LockFailure(LockError::LockBusy, _) => {
                IndexError::Locked(opts.index.clone())
            }
            other => IndexError::Tantivy {
                path: opts.index.clone(),
                source: other,
            },
        })?;
    let mut policy = LogMergePolicy::default();
    policy.set_del_docs_ratio_before_merge(0.2);
    writer.set_merge_policy(Box::new(policy));

    let full = opts.full || fresh;
    let previous_run = index
        .load_metas()
        .ok()
        .and_then(|m| m.payload)
        .and_then(|p| serde_json::from_str::<BuildInfo>(&p).ok())
        .map_or(0, |i| i.run);
    let now = Indexed {
        at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
        run: previous_run + 1,
    };
    let known = if full {
        HashMap::new()
    } else {
        read_known(&index, &opts.index)?
    };
    let mut summary = BuildSummary {
        full,
        ..BuildSummary::default()
    };
    let mut records: u64 = if full {
        0
    } else {
        known.values().map(|k| k.records).sum()
    };
    if full {
        writer
            .delete_all_documents()
            .map_err(IndexError::tantivy(&opts.index))?;
    }

    let taxonomy = load_taxonomy(opts)?;
    let tax_stamp = u64::from_str_radix(taxonomy.hash.get(..16).unwrap_or("0"), 16).unwrap_or(0);
    let mut walk = crawl::walk(&opts.corpus);
    // A changed taxonomy changes every file's fingerprint: all are re-tagged.
    for c in &mut walk.candidates {
        c.stamp ^= tax_stamp;
    }
    for error in walk.errors {
        skip(&mut summary, progress, &error);
    }
    let present: HashSet<&str> = walk.candidates.iter().map(|c| c.rel.as_str()).collect();
    for (source, k) in &known {
        if !present.contains(source.as_str()) {
            writer.delete_term(Term::from_field_text(fields.source, source));
            summary.deleted += 1;
            records -= k.records;
        }
    }
    let (unchanged, to_read): (Vec<&Candidate>, Vec<&Candidate>) = walk
        .candidates
        .iter()
        .partition(|c| known.get(&c.rel).is_some_and(|k| k.stamp == c.stamp));
    summary.unchanged = unchanged.len();

    progress.start(to_read.len() as u64);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| IndexError::Io {
            path: opts.index.clone(),
            source: std::io::Error::other(e),
        })?;
    let sink = Sink {
        writer: &writer,
        fields: &fields,
        backlog: &backlog,
    };
    let outcomes: Vec<Outcome> = pool.install(|| {
        to_read
            .par_iter()
            .map(|c| {
                backlog.wait();
                let outcome = index_one(
                    c,
                    known.get(&c.rel),
                    &sink,
                    opts.max_file_bytes,
                    now,
                    &taxonomy,
                );
                progress.advance();
                outcome
            })
            .collect()
    });
    progress.finish();
    for (candidate, outcome) in to_read.iter().zip(outcomes) {
        let old = known.get(&candidate.rel).map_or(0, |k| k.records);
        match outcome {
            Outcome::Added(n) => {
                summary.added += 1;
                records += n;
            }
            Outcome::Updated(n) => {
                summary.updated += 1;
                records = records - old + n;
            }
            Outcome::Restamped(n) => {
                summary.unchanged += 1;
                records = records - old + n;
            }
            Outcome::Skipped(error) => skip(&mut summary, progress, &error),
        }
    }
    summary.records = records;
    summary.documents = (summary.added + summary.updated + summary.unchanged) as u64;
    summary.seconds = started.elapsed().as_secs_f64();
    commit(writer, &summary, now, &opts.index)?;
    // Every queued text has been analyzed once committed: the count is exact.
    debug_assert_eq!(
        backlog.pending(),
        0,
        "text counted as queued but never analyzed"
    );
    summary.index_bytes = Some(size_on_disk(&opts.index));
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn skip(summary: &mut BuildSummary, progress: &dyn Progress, error: &CrawlError) {
    progress.warn(&error.to_string());
    summary.skipped += 1;
    let path = match error {
        CrawlError::Io { path, .. }
        | CrawlError::Walk { path, .. }
        | CrawlError::TooLarge { path, .. }
        | CrawlError::Decode { path, .. }
        | CrawlError::BadMeta { path, .. } => path.clone(),
    };
    summary.skipped_files.push(Skipped {
        path,
        reason: error.reason().to_owned(),
        message: error.to_string(),
    });
}

/// Where records go: the writer, the schema's fields, and the count of the
/// text queued for the writer's threads.
struct Sink<'a> {
    writer: &'a IndexWriter<TantivyDocument>,
    fields: &'a Fields,
    backlog: &'a Backlog,
}

/// Read, normalise, extract and add one source; delete its old records first.
fn index_one(
    candidate: &Candidate,
    known: Option<&Known>,
    sink: &Sink,
    max_bytes: u64,
    now: Indexed,
    taxonomy: &Taxonomy,
) -> Outcome {
    let Sink {
        writer,
        fields,
        backlog,
    } = sink;
    let mut source = match crawl::read(candidate, max_bytes) {
        Ok(source) => source,
        Err(error) => return Outcome::Skipped(error),
    };
    source.fingerprint.hash.push_str(&taxonomy.hash);
    let doc = normalise::normalise(&source.text, source.format);
    let mut records = extract::extract(&source, &doc, taxonomy);
    // Unchanged content keeps the time it was first indexed.
    let indexed = match known {
        Some(k) if k.hash == source.fingerprint.hash => k.indexed,
        _ => now,
    };
    for record in &mut records {
        record.indexed = indexed;
    }
    if known.is_some() {
        writer.delete_term(Term::from_field_text(fields.source, &source.rel));
    }
    // One batch, so a source's records stay together in one index segment,
    // and the document last: its text then closes the stored block that
    // holds its items, and showing an item's snippet reads one block.
    let (segments, documents): (Vec<&Record>, Vec<&Record>) =
        records.iter().partition(|r| r.span.is_some());
    let batch: Vec<UserOperation<TantivyDocument>> = segments
        .into_iter()
        .chain(documents)
        .map(|record| UserOperation::Add(fields.to_document(record)))
        .collect();
    if let Err(error) = writer.run(batch) {
        return Outcome::Skipped(CrawlError::Io {
            path: candidate.path.display().to_string(),
            source: std::io::Error::other(error),
        });
    }
    backlog.queued(records.iter().map(schema::analyzed_bytes).sum());
    let n = records.len() as u64;
    match known {
        None => Outcome::Added(n),
        Some(k) if k.hash == source.fingerprint.hash => Outcome::Restamped(n),
        Some(_) => Outcome::Updated(n),
    }
}

/// The shipped taxonomy (or `--topics FILE` instead), extended by the
/// corpus's own `_topics.toml`.
fn load_taxonomy(opts: &BuildOptions) -> Result<Taxonomy, IndexError> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|source| IndexError::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let base = match &opts.topics {
        Some(path) => read(path)?,
        None => topics::DEFAULT.to_owned(),
    };
    let mut parts = vec![base];
    let own = opts.corpus.join(CORPUS_TOPICS);
    if own.is_file() {
        parts.push(read(&own)?);
    }
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    Taxonomy::from_parts(&refs).map_err(|e| IndexError::Taxonomy {
        path: opts.topics.clone().unwrap_or(own),
        message: e.to_string(),
    })
}

/// Commit once, with the run's summary as payload, and let merges finish.
fn commit(
    mut writer: IndexWriter<TantivyDocument>,
    summary: &BuildSummary,
    run: Indexed,
    path: &Path,
) -> Result<(), IndexError> {
    let info = BuildInfo {
        schema_version: SCHEMA_VERSION,
        built_at: run.at,
        run: run.run,
        summary: summary.clone(),
    };
    let payload = serde_json::to_string(&info).unwrap_or_default();
    let mut prepared = writer.prepare_commit().map_err(IndexError::tantivy(path))?;
    prepared.set_payload(&payload);
    prepared.commit().map_err(IndexError::tantivy(path))?;
    writer
        .wait_merging_threads()
        .map_err(IndexError::tantivy(path))
}

/// Open the index in `dir`, or create it. Returns `true` when it is new
/// (nothing to compare against), including when an index built with another
/// schema had to be replaced.
fn open_or_create(dir: &Path, progress: &dyn Progress) -> Result<(Index, bool), IndexError> {
    std::fs::create_dir_all(dir).map_err(|source| IndexError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    if super::exists(dir) {
        match super::open(dir) {
            Ok(open) => return Ok((open.index, false)),
            Err(IndexError::SchemaMismatch { .. }) => {
                progress.warn(&format!(
                    "{} was built by a different version of minutes; rebuilding it in full",
                    dir.display()
                ));
                remove_index_files(dir)?;
            }
            Err(other) => return Err(other),
        }
    }
    let directory = MmapDirectory::open(dir).map_err(|e| IndexError::Tantivy {
        path: dir.to_path_buf(),
        source: e.into(),
    })?;
    let index = Index::create(directory, schema::schema(), schema::settings())
        .map_err(IndexError::tantivy(dir))?;
    schema::register_tokenizers(&index);
    Ok((index, true))
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

/// Each source's hash, stamp and record count, from the fast fields.
fn read_known(index: &Index, path: &Path) -> Result<HashMap<String, Known>, IndexError> {
    let err = IndexError::tantivy(path);
    let reader = super::reader(index).map_err(err)?;
    let searcher = reader.searcher();
    let mut known: HashMap<String, Known> = HashMap::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let (Some(sources), Some(hashes), Ok(stamps), Ok(runs), Ok(times)) = (
            Strings::open(fast, "source"),
            Strings::open(fast, "hash"),
            fast.u64("stamp"),
            fast.u64("run"),
            fast.date("indexed_at"),
        ) else {
            continue;
        };
        for doc in segment.doc_ids_alive() {
            let (Some(source), Some(hash)) = (sources.get(doc), hashes.get(doc)) else {
                continue;
            };
            let entry = known.entry(source.to_owned()).or_insert_with(|| Known {
                hash: hash.to_owned(),
                stamp: stamps.first(doc).unwrap_or(0),
                records: 0,
                indexed: Indexed {
                    at: times.first(doc).map_or(0, |t| t.into_timestamp_secs()),
                    run: runs.first(doc).unwrap_or(0),
                },
            });
            entry.records += 1;
        }
    }
    Ok(known)
}
