//! Saved searches and what is new to them: `minutes watch`.
//!
//! A saved search ([`Watch`], a `[[watch]]` table of the config file) is a
//! query with search filters. Each has a mark ([`state`]): the last index
//! run it reported. [`look`] finds the records whose text was first
//! indexed after that run (new, or changed in place: see
//! [`crate::index::seen`]), with every word of the query; partial matches
//! never go into an alert. [`feed`] is the window a feed shows: the latest
//! records with every word, whenever they came.

mod saved;
pub mod state;

use std::path::PathBuf;

pub use saved::{Saved, Watch};
pub use state::{Mark, State};

use crate::index::OpenIndex;
use crate::model::Novelty;
use crate::query::Filters;
use crate::search::{self, Hit, Partial, SearchError, SearchRequest, SearchResults, Sort};

/// Why a saved search could not be kept or run.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot read the config file {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read the config file {}: {message}; see 'Saved searches' in the README for its form", .path.display())]
    Parse { path: PathBuf, message: String },
    #[error("cannot write {}: {source}; check that its folder is writable", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read the saved searches' state {}: {message}; remove it to start every saved search from the next run", .path.display())]
    State { path: PathBuf, message: String },
    #[error("a saved search named '{name}' is already in {}; remove it first with 'minutes watch rm {name}'", .path.display())]
    Taken { name: String, path: PathBuf },
    #[error("no saved search is named '{name}' in {}{}", .path.display(), known_names(.known))]
    NoSuchWatch {
        name: String,
        path: PathBuf,
        known: Vec<String>,
    },
    #[error(
        "'{0}' cannot name a saved search: use letters, digits, '-', '_' and '.', at most 64, not starting with '.' or '-'"
    )]
    BadName(String),
    #[error("the saved search '{name}' has {field} = {value:?}, which is not {expected}")]
    BadValue {
        name: String,
        field: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error(transparent)]
    Search(#[from] SearchError),
}

fn known_names(known: &[String]) -> String {
    if known.is_empty() {
        "; there are none yet: add one with 'minutes watch add NAME QUERY'".to_owned()
    } else {
        format!("; saved: {}", known.join(", "))
    }
}

/// What one saved search has not reported yet.
#[derive(Debug, Clone)]
pub struct Alert {
    pub name: String,
    pub query: String,
    /// Records whose text came after this run...
    pub since: u64,
    /// ... up to this one (the index's last run).
    pub run: u64,
    /// Newest meeting first, each new or changed.
    pub hits: Vec<(Hit, Novelty)>,
    /// How many records match in all (more than the hits when cut at the
    /// limit).
    pub total: usize,
}

impl Alert {
    pub fn count(&self, novelty: Novelty) -> usize {
        self.hits.iter().filter(|(_, n)| *n == novelty).count()
    }
}

/// The records `watch` has not reported: text first indexed after run
/// `since`, with every word, at most `limit`.
pub fn look(
    open: &OpenIndex,
    watch: &Watch,
    since: u64,
    limit: usize,
) -> Result<Alert, WatchError> {
    let mut filters = watch.filters()?;
    filters.after_run = Some(since);
    let results = with_every_word(open, watch, filters, Sort::DateDesc, limit)?;
    let hits = results
        .hits
        .into_iter()
        .map(|h| {
            let novelty = Novelty::of(h.record.indexed, h.record.history.first, since);
            (h, novelty)
        })
        .collect();
    Ok(Alert {
        name: watch.name.clone(),
        query: watch.query.clone(),
        since,
        run: open.last_run(),
        hits,
        total: results.total,
    })
}

/// The latest `limit` records with every word of `watch`, most recently
/// indexed first: what its feed shows, whatever has been reported.
pub fn feed(open: &OpenIndex, watch: &Watch, limit: usize) -> Result<Vec<Hit>, WatchError> {
    let filters = watch.filters()?;
    Ok(with_every_word(open, watch, filters, Sort::Indexed, limit)?.hits)
}

/// `watch`'s query with `filters`: records with every word only
/// ([`Partial::Never`]), never those with some.
fn with_every_word(
    open: &OpenIndex,
    watch: &Watch,
    filters: Filters,
    sort: Sort,
    limit: usize,
) -> Result<SearchResults, WatchError> {
    let request = SearchRequest {
        query: watch.query.clone(),
        filters,
        sort,
        limit,
        partial: Partial::Never,
        ..SearchRequest::default()
    };
    Ok(search::search(open, &request)?)
}
