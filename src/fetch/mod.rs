//! `minutes fetch`: keep a local archive of councils' published minutes.
//! For each `[[site]]` of the config file, an adapter lists the meetings
//! and what each publishes; this module decides what to ask (a first run
//! from `since`, a rerun from a window before its last finished run, a
//! resumed run skipping what its interrupted run finished), and stores
//! what is new in the corpus folder with its sidecar. The indexer never
//! talks to the network; the corpus stays its one source.

mod adapter;
mod archive;
mod http;
mod legistar;
mod moderngov;
mod run;
mod sites;
mod state;
mod summary;

use std::path::PathBuf;

pub use adapter::{Adapter, AdapterError, Meeting, Published, Remote};
pub use archive::{FETCH_DIR, file_stem, slug};
pub use http::{Http, HttpError, Validators};
pub use run::{date_of, fetch, now};
pub use sites::{EXAMPLE, FetchConfig, MIN_INTERVAL, Platform, Policy, Site};
pub use state::StateError;
pub use summary::{Failure, FetchSummary, SiteSummary};

/// What a fetch run is asked to do.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// The corpus folder documents are written into.
    pub corpus: PathBuf,
    pub config: FetchConfig,
    /// Only these sites, by name (all when empty).
    pub only: Vec<String>,
}

/// What stops a whole run (one document or meeting failing does not).
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("cannot use the config file {}: {message}", .path.display())]
    Config { path: PathBuf, message: String },
    #[error("no site is named '{0}' in the config file; sites: {1}")]
    UnknownSite(String, String),
    #[error(transparent)]
    State(#[from] StateError),
    #[error("cannot write {} into the corpus: {source}", .path)]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// The adapter for a platform.
pub fn adapter(platform: Platform) -> &'static dyn Adapter {
    match platform {
        Platform::Moderngov => &moderngov::ModernGov,
        Platform::Legistar => &legistar::Legistar,
    }
}
