//! The index a server answers from. Each request asks [`Current::get`],
//! which looks at the index's `meta.json` and, when a `minutes index` run
//! has committed since, opens the index again: the next request sees the
//! new records, the requests in flight finish on the old ones.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use crate::index::{self, IndexError, OpenIndex};

/// What `meta.json` looked like when the index was opened: a commit
/// replaces the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    fn of(dir: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(dir.join("meta.json")).ok()?;
        Some(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

struct Loaded {
    stamp: Option<Stamp>,
    open: Arc<OpenIndex>,
}

/// The open index, reopened after each commit.
pub struct Current {
    dir: PathBuf,
    loaded: Mutex<Loaded>,
}

impl Current {
    /// Open the index in `dir`; it must exist.
    pub fn open(dir: &Path) -> Result<Current, IndexError> {
        let stamp = Stamp::of(dir);
        let open = Arc::new(index::open(dir)?);
        Ok(Current {
            dir: dir.to_path_buf(),
            loaded: Mutex::new(Loaded { stamp, open }),
        })
    }

    /// The index as of its last commit. When it cannot be opened again
    /// (a rebuild is replacing its files), the last one opened is kept.
    pub fn get(&self) -> Arc<OpenIndex> {
        let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        let stamp = Stamp::of(&self.dir);
        if stamp != loaded.stamp {
            match index::open(&self.dir) {
                Ok(open) => {
                    *loaded = Loaded {
                        stamp,
                        open: Arc::new(open),
                    };
                }
                Err(err) => {
                    eprintln!(
                        "minutes: serving the index as it was; it cannot be opened again: {err}"
                    );
                    loaded.stamp = stamp;
                }
            }
        }
        Arc::clone(&loaded.open)
    }
}
