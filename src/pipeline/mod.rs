//! The build pipeline: the one place that knows the order of the stages.
//!
//! ```text
//! crawl → convert → normalise → extract → reconcile → index write
//! ```
//!
//! 1. Open the index for writing (tantivy's lock keeps two runs apart) and
//!    read what it already holds: each source's content hash, its
//!    size-and-mtime stamp, and how many records it has.
//! 2. Walk the corpus ([`crate::crawl`]). A file whose stamp is unchanged is
//!    not read; sources that vanished are deleted.
//! 3. The rest are read, converted, normalised and extracted in parallel
//!    (rayon), reconciled, and handed to the writer; readers wait while the
//!    writer's queue holds too much text ([`crate::index::backlog`]).
//! 4. Commit once, with a summary of the run as the commit payload, so a run
//!    killed half-way leaves the previous index whole. A failure of the
//!    writer itself stops the run before the commit.
//!
//! Each stage takes the previous stage's type and knows nothing of the ones
//! after it; a new stage (PDF conversion, corpus-wide name reconciliation)
//! goes in here, between its neighbours.

mod changes;
mod memory;
mod prepared;
mod report;
mod taxonomy;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;

pub use crate::model::{BuildSummary, Skipped};
pub use taxonomy::CORPUS_TOPICS;

use crate::crawl::{self, Candidate, CrawlError, Problem, Source};
use crate::extract::topics::Taxonomy;
use crate::index::seen::{self, Novel, Remembered, Seen};
use crate::index::writer::{Known, WriteError, Writer};
use crate::index::{self, BuildInfo, IndexError};
use crate::model::{Indexed, Record};
use crate::normalise::Normalised;
use crate::reconcile::{Config, Reconciler};
use crate::{convert, extract, normalise};
use prepared::{First, Kept, Prepared, Spill};
use report::Report;

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
    /// The user's names (`minutes.toml`); by default looked for in and
    /// beside the index folder.
    pub config: Option<PathBuf>,
    /// Which symbolic links the walk follows.
    pub links: crawl::Links,
    /// Longest time reading one PDF may take.
    pub pdf_timeout: std::time::Duration,
    /// Read PDF pages without a text layer from their image.
    pub ocr: bool,
}

/// The folder of the index where PDFs' text is kept between runs.
pub const PDF_TEXT_CACHE: &str = "pdf-text";

impl BuildOptions {
    /// How this build reads files: PDF text is cached in the index folder.
    pub fn reader(&self) -> crawl::Reader {
        let mut reader = crawl::Reader {
            max_bytes: self.max_file_bytes,
            ..crawl::Reader::default()
        };
        reader.pdf.cache = Some(self.index.join(PDF_TEXT_CACHE));
        reader.pdf.timeout = self.pdf_timeout;
        reader
    }

    /// An incremental build of `corpus` into `index`, one thread a core.
    pub fn new(corpus: PathBuf, index: PathBuf) -> BuildOptions {
        BuildOptions {
            corpus,
            index,
            full: false,
            threads: std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get),
            max_file_bytes: crawl::MAX_FILE_BYTES,
            topics: None,
            config: None,
            links: crawl::Links::default(),
            pdf_timeout: crawl::PdfReader::default().timeout,
            ocr: false,
        }
    }
}

/// Callbacks for a front end to show progress and warnings. The library
/// never prints.
pub trait Progress: Sync {
    /// A pass over `files` items begins, counted from 0: `doing` names it
    /// ("reading" the files as far as their names, then "indexing" them).
    fn start(&self, _doing: &str, _files: u64) {}
    fn advance(&self) {}
    fn warn(&self, _message: &str) {}
    /// A step after the files, which counts nothing (a commit).
    fn stage(&self, _doing: &str) {}
    fn finish(&self) {}
}

/// A `Progress` that shows nothing.
pub struct Silent;
impl Progress for Silent {}

/// What became of one file the run read.
enum Outcome {
    Added(Written),
    Updated(Written),
    /// Same content, new stamp: records rewritten so the stamp is current.
    Restamped(Written),
    Skipped(CrawlError),
    /// The writer failed: the run stops without committing.
    Failed(WriteError),
}

/// The records one file gave the writer.
struct Written {
    records: u64,
    novel: Novel,
    /// Their keys and times, for the first-seen store.
    remembered: Vec<Remembered>,
}

/// The text of a source after conversion and normalisation.
pub fn document(source: &Source) -> Normalised {
    normalise::normalise(&convert::convert(&source.text, source.format))
}

/// The records of a source: converted, normalised and extracted.
pub fn records(source: &Source, taxonomy: &Taxonomy) -> Vec<Record> {
    extract::extract(source, &document(source), taxonomy)
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
    let corpus = std::fs::canonicalize(&opts.corpus).map_err(|source| IndexError::Io {
        path: opts.corpus.clone(),
        source,
    })?;
    let threads = opts.threads.max(1);
    let writer = Writer::open(&opts.index, threads, &|m| progress.warn(m))?;
    let _trimmer = memory::Trimmer::start();
    // A run over another corpus would delete every record of the one the
    // index holds: that takes --full.
    if !opts.full
        && let Some(built_from) = writer.previous().and_then(|i| i.corpus)
        && built_from != corpus
    {
        return Err(IndexError::OtherCorpus {
            index: opts.index.clone(),
            built_from,
            given: corpus,
        });
    }
    let full = opts.full || writer.fresh;
    let mut summary = BuildSummary {
        full,
        ..BuildSummary::default()
    };
    let mut seen = first_seen(opts, &writer, progress, &mut summary)?;
    let now = Indexed {
        at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
        run: writer.previous_run().max(seen.last_run) + 1,
    };
    let (known, before) = if full {
        // What a full run replaces, for the change log.
        let before = match writer.fresh {
            true => HashMap::new(),
            false => record_counts(&writer.known()?),
        };
        writer.delete_all().map_err(IndexError::Write)?;
        (HashMap::new(), before)
    } else {
        let known = writer.known()?;
        let before = record_counts(&known);
        (known, before)
    };
    let start = match (writer.fresh, full) {
        (true, _) => changes::Start::Fresh,
        (false, true) => changes::Start::Full,
        (false, false) => changes::Start::Incremental,
    };
    let mut tracker = changes::Tracker::new(now.run, start, before);
    let mut records: u64 = known.values().map(|k| k.records).sum();

    let taxonomy = taxonomy::load(opts)?;
    let config = Config::find(opts.config.as_deref(), &opts.index)?;
    let tax_stamp = u64::from_str_radix(taxonomy.hash.get(..16).unwrap_or("0"), 16).unwrap_or(0);
    let mut report = Report::new(progress);
    let mut walk = crawl::walk_with(&opts.corpus, opts.links);
    // A changed taxonomy changes every file's fingerprint: all are re-tagged.
    for c in &mut walk.candidates {
        c.stamp ^= tax_stamp;
    }
    for error in walk.errors {
        report.skip(&mut summary, error);
    }
    for warning in walk.warnings {
        report.warn(&mut summary, warning);
    }
    let present: HashSet<&str> = walk.candidates.iter().map(|c| c.rel.as_str()).collect();
    for (source, k) in &known {
        if !present.contains(source.as_str()) {
            writer.delete_source(source);
            tracker.deleted(source);
            summary.deleted += 1;
            records -= k.records;
        }
    }
    let (unchanged, mut to_read): (Vec<&Candidate>, Vec<&Candidate>) = walk
        .candidates
        .iter()
        .partition(|c| known.get(&c.rel).is_some_and(|k| k.stamp == c.stamp));

    let mut reader = opts.reader();
    if opts.ocr {
        match crawl::Ocr::find() {
            Ok(ocr) => reader.pdf.ocr = Some(ocr),
            Err(missing) => report.warn(&mut summary, Problem::Ocr(missing).at(&opts.corpus)),
        }
    }
    progress.start("reading", to_read.len() as u64);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| IndexError::Io {
            path: opts.index.clone(),
            source: std::io::Error::other(e),
        })?;
    // Reconcile names before writing: the names of the files to read, and
    // of the rest as the index remembers them. An unchanged file whose
    // names change is read again. What the first pass made of a file is
    // kept in the spill for the second.
    let spill = Spill::create(&opts.index);
    let firsts: Vec<First> = pool.install(|| {
        to_read
            .par_iter()
            .map(|c| {
                let first = First::read(c, &reader, spill.as_ref());
                progress.advance();
                first
            })
            .collect()
    });
    let mut all_names = Vec::with_capacity(firsts.len() + unchanged.len());
    let mut kept = Vec::with_capacity(firsts.len());
    for first in firsts {
        all_names.extend(first.names);
        kept.push(first.kept);
    }
    all_names.extend(
        unchanged
            .iter()
            .filter_map(|c| known.get(&c.rel).map(|k| k.names.clone())),
    );
    let reconciler = Reconciler::build(&all_names, &config);
    drop(all_names);
    let (relabel, unchanged): (Vec<&Candidate>, Vec<&Candidate>) =
        unchanged.into_iter().partition(|c| {
            let Some(k) = known.get(&c.rel) else {
                return false;
            };
            let now = (k.labels.0.as_deref(), k.labels.1.as_deref());
            reconciler
                .names_of(&c.rel)
                .is_some_and(|names| names != now)
        });
    summary.unchanged = unchanged.len();
    summary.relabelled = relabel.len();
    to_read.extend(relabel);
    progress.start("indexing", to_read.len() as u64);
    let stages = Stages {
        writer: &writer,
        taxonomy: &taxonomy,
        reconciler: &reconciler,
        reader: &reader,
        spill: spill.as_ref(),
        seen: &seen,
        now,
    };
    // The relabelled files were not read in the first pass.
    kept.resize_with(to_read.len(), || None);
    let outcomes: Vec<(Outcome, Vec<CrawlError>)> = pool.install(|| {
        to_read
            .par_iter()
            .zip(kept.into_par_iter())
            .map(|(c, kept)| {
                writer.backlog().wait();
                let outcome = stages.run(c, known.get(&c.rel), kept);
                progress.advance();
                outcome
            })
            .collect()
    });
    drop(spill);
    progress.finish();
    for (candidate, (outcome, warnings)) in to_read.iter().zip(outcomes) {
        for warning in warnings {
            report.warn(&mut summary, warning);
        }
        let old = known.get(&candidate.rel).map_or(0, |k| k.records);
        let written = match outcome {
            Outcome::Added(w) => {
                summary.added += 1;
                records += w.records;
                w
            }
            Outcome::Updated(w) => {
                summary.updated += 1;
                records = records - old + w.records;
                w
            }
            Outcome::Restamped(w) => {
                summary.unchanged += 1;
                records = records - old + w.records;
                w
            }
            Outcome::Skipped(error) => {
                report.skip(&mut summary, error);
                continue;
            }
            Outcome::Failed(error) => return Err(IndexError::Write(error)),
        };
        tracker.written(&candidate.rel, written.records);
        summary.records_new += written.novel.new;
        summary.records_changed += written.novel.changed;
        for r in written.remembered {
            seen.remember(r);
        }
    }
    report.finish();
    summary.records = records;
    summary.documents = (summary.added + summary.updated + summary.unchanged) as u64;
    summary.seconds = started.elapsed().as_secs_f64();
    let info = BuildInfo::new(now, &corpus, summary.clone());
    // Before the commit: a line of a run that did not commit is replaced by
    // the next run's and never read.
    index::changes::record(&opts.index, &tracker.finish()).map_err(|source| IndexError::Io {
        path: opts.index.join(index::changes::CHANGES_FILE),
        source,
    })?;
    progress.stage("committing and merging this run's segments");
    let committed = writer.commit(&info).map_err(IndexError::Write)?;
    progress.finish();
    if let Some(e) = committed.merge_failed {
        progress.warn(&format!(
            "the run is committed, but merging its segments failed ({e}); searches open more files until `minutes index --full` rewrites the index"
        ));
    }
    // After the commit: a store ahead of the index would know records the
    // index never got. One behind is made good from the index next run.
    seen.last_run = now.run;
    if let Err(e) = info.save(&opts.index) {
        progress.warn(&format!(
            "cannot save the list of files this run left out in {} ({e}); `minutes stats` gives only their count",
            opts.index.display()
        ));
    }
    if let Err(e) = seen.save(&opts.index) {
        progress.warn(&format!(
            "cannot save the first-seen store in {} ({e}); the next run rebuilds it from the index",
            opts.index.display()
        ));
    }
    summary.index_bytes = Some(index::size_on_disk(&opts.index));
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The first-seen store, with what the index holds merged in when the
/// index is ahead of it (a crash between a commit and the store's save, a
/// store lost or damaged, an index older than the store). A damaged store
/// is reported and rebuilt from the index.
fn first_seen(
    opts: &BuildOptions,
    writer: &Writer,
    progress: &dyn Progress,
    summary: &mut BuildSummary,
) -> Result<Seen, IndexError> {
    let mut store = match Seen::load(&opts.index) {
        Ok(store) => store,
        Err(e) => {
            let message = e.to_string();
            progress.warn(&message);
            summary.warnings.push(Skipped {
                path: opts.index.join(seen::SEEN_FILE).display().to_string(),
                reason: "damaged-store".to_owned(),
                message,
            });
            Seen::default()
        }
    };
    for &(file, indexed) in &writer.legacy.files {
        store.remember_file(file, indexed);
    }
    // A store saved after the last commit knows everything the index does.
    if store.last_run < writer.previous_run() {
        for r in writer.remembered()? {
            store.remember(r);
        }
    }
    Ok(store)
}

/// Each source's record count.
fn record_counts(known: &HashMap<String, Known>) -> HashMap<String, u64> {
    known.iter().map(|(s, k)| (s.clone(), k.records)).collect()
}

/// Everything the stages after the crawl need, shared by the workers.
struct Stages<'a> {
    writer: &'a Writer,
    taxonomy: &'a Taxonomy,
    reconciler: &'a Reconciler,
    reader: &'a crawl::Reader,
    spill: Option<&'a Spill>,
    seen: &'a Seen,
    now: Indexed,
}

impl Stages<'_> {
    /// Run one candidate through every stage, from what the first pass
    /// `kept` of it or else from a new read, and hand its records to the
    /// writer in place of its old ones; with what was ignored of its
    /// metadata.
    fn run(
        &self,
        candidate: &Candidate,
        known: Option<&Known>,
        kept: Option<(Kept, Vec<CrawlError>)>,
    ) -> (Outcome, Vec<CrawlError>) {
        if let Some((kept, warnings)) = kept
            && let Some(prepared) = self.spill.and_then(|s| s.take(kept))
        {
            return (self.write(prepared, known), warnings);
        }
        let mut source = match crawl::read(candidate, self.reader) {
            Ok(source) => source,
            Err(error) => return (Outcome::Skipped(error), Vec::new()),
        };
        let warnings = std::mem::take(&mut source.warnings);
        (self.write(Prepared::of(source), known), warnings)
    }

    /// The stages after the metadata, for one source.
    fn write(&self, mut prepared: Prepared, known: Option<&Known>) -> Outcome {
        let source = &mut prepared.source;
        let file = seen::file_key(&source.fingerprint.hash);
        source.fingerprint.hash.push_str(&self.taxonomy.hash);
        let (rel, hash) = (source.rel.clone(), source.fingerprint.hash.clone());
        let mut records = prepared.records(self.taxonomy);
        self.reconciler.reconcile(&mut records);
        // Content indexed before keeps the time it was first indexed,
        // wherever it was.
        let novel = self.seen.stamp(&mut records, file, self.now);
        if known.is_some() {
            self.writer.delete_source(&rel);
        }
        if let Err(error) = self.writer.add(&records) {
            return Outcome::Failed(error);
        }
        let written = Written {
            records: records.len() as u64,
            novel,
            remembered: records.iter().map(|r| Remembered::of(r, file)).collect(),
        };
        match known {
            None => Outcome::Added(written),
            Some(k) if k.hash == hash => Outcome::Restamped(written),
            Some(_) => Outcome::Updated(written),
        }
    }
}
