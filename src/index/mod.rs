//! The tantivy index on disk; this module and its children are the only
//! ones that know tantivy's writing side, and [`schema`] is the only place
//! field names are spelled out.
//!
//! 1. [`schema`] defines the fields and analyzers and converts records.
//! 2. [`writer`] opens the index for one run, reports what it holds, takes
//!    records and commits once with the run's counts as the payload
//!    ([`build_info`]: the whole summary is a file beside it).
//! 3. [`open`] opens an index for searching, registers the analyzers and
//!    refuses an index built with another schema or another stemmer.
//! 4. [`fast`] reads fast fields by handle; [`stats`] counts from them.

pub mod analysis;
pub mod analyzers;
pub mod backlog;
pub mod build_info;
pub mod changes;
mod compact;
mod decision;
mod directory;
pub mod fast;
mod history;
pub mod keys;
pub mod names;
pub mod schema;
pub mod seen;
pub mod stats;
pub mod stored;
pub mod tokenizer;
pub mod words;
pub mod writer;

use std::path::{Path, PathBuf};

use tantivy::{Index, IndexReader, ReloadPolicy};

pub use build_info::BuildInfo;
pub use names::{Names, names};
pub use schema::{ANALYZER_VERSION, Fields, SCHEMA_VERSION};
pub use stats::{Stats, stats};

/// What can go wrong with the index as a whole.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("the corpus folder {} does not exist; pass --corpus DIR or set MINUTES_CORPUS", .0.display())]
    CorpusMissing(PathBuf),
    #[error("{} is a file, not a folder of documents; pass the folder that holds it with --corpus DIR", .0.display())]
    CorpusNotAFolder(PathBuf),
    #[error("there is no index in {}; build it with 'minutes index'", .0.display())]
    Missing(PathBuf),
    #[error("the index in {} is in use by another 'minutes index'; wait for it to finish or pass --index DIR", .0.display())]
    Locked(PathBuf),
    #[error("{} was built by a different version of minutes ({found}; this one uses schema {SCHEMA_VERSION} with {ANALYZER_VERSION}); rebuild it with 'minutes index --full'", .path.display())]
    SchemaMismatch { path: PathBuf, found: String },
    #[error(
        "the index in {} was built from {}, not {}; refusing to replace its records. To index {} there instead, run 'minutes index --full' (every record is replaced); to keep both, pass a new --index DIR",
        .index.display(), .built_from.display(), .given.display(), .given.display()
    )]
    OtherCorpus {
        index: PathBuf,
        built_from: PathBuf,
        given: PathBuf,
    },
    #[error("cannot read the topics in {}: {message}", .path.display())]
    Taxonomy { path: PathBuf, message: String },
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Write(#[from] writer::WriteError),
    #[error(transparent)]
    Config(#[from] crate::reconcile::ConfigError),
    #[error("the index in {}: {source}", .path.display())]
    Tantivy {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
}

impl IndexError {
    pub(crate) fn tantivy(path: &Path) -> impl FnOnce(tantivy::TantivyError) -> IndexError + '_ {
        move |source| IndexError::Tantivy {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// An index opened for reading.
pub struct OpenIndex {
    pub index: Index,
    /// One reader for the life of the process; it never reloads by itself.
    pub reader: IndexReader,
    pub fields: Fields,
    pub path: PathBuf,
    pub info: Option<BuildInfo>,
}

impl OpenIndex {
    /// The number of the last committed run (0 before the first).
    pub fn last_run(&self) -> u64 {
        self.info.as_ref().map_or(0, |i| i.run)
    }
}

/// Whether `dir` holds a committed index.
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Open the index in `dir` for searching.
pub fn open(dir: &Path) -> Result<OpenIndex, IndexError> {
    open_in(dir, directory::Use::Search)
}

/// Open the index in `dir` for writing: its files are read, not mapped
/// ([`directory`]).
fn open_for_writing(dir: &Path) -> Result<OpenIndex, IndexError> {
    open_in(dir, directory::Use::Write)
}

/// Open the index in `dir` for `used_for`.
fn open_in(dir: &Path, used_for: directory::Use) -> Result<OpenIndex, IndexError> {
    if !exists(dir) {
        return Err(IndexError::Missing(dir.to_path_buf()));
    }
    let directory =
        directory::IndexDirectory::open(dir, used_for).map_err(IndexError::tantivy(dir))?;
    let index = Index::open(directory).map_err(IndexError::tantivy(dir))?;
    let info = check_schema(&index, dir)?;
    schema::register_tokenizers(&index);
    let fields = Fields::of(&index.schema()).map_err(IndexError::tantivy(dir))?;
    let reader = reader(&index).map_err(IndexError::tantivy(dir))?;
    Ok(OpenIndex {
        index,
        reader,
        fields,
        path: dir.to_path_buf(),
        info,
    })
}

/// The build info of `index`, or an error when its schema is not ours.
fn check_schema(index: &Index, dir: &Path) -> Result<Option<BuildInfo>, IndexError> {
    let info = BuildInfo::of_index(index).map_err(IndexError::tantivy(dir))?;
    // No payload: an index created by a run that never committed; it is ours
    // if the schema matches.
    let same_build = info
        .as_ref()
        .is_none_or(|i| i.schema_version == SCHEMA_VERSION && i.analyzer == ANALYZER_VERSION);
    if !same_build || index.schema() != schema::schema() {
        let found = info.as_ref().map_or_else(
            || "schema unknown".to_owned(),
            |i| {
                let analyzer = if i.analyzer.is_empty() {
                    "an unrecorded stemmer"
                } else {
                    &i.analyzer
                };
                format!("schema {} with {analyzer}", i.schema_version)
            },
        );
        return Err(IndexError::SchemaMismatch {
            path: dir.to_path_buf(),
            found,
        });
    }
    Ok(info)
}

/// A reader of the last commit that does not watch for new ones: our
/// processes are short, and a watcher thread costs start-up time.
pub(crate) fn reader(index: &Index) -> tantivy::Result<IndexReader> {
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
}

/// Bytes used by the files of the index.
pub fn size_on_disk(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
