//! How far each saved search has looked: the index run it last reported up
//! to, kept in `INDEX/watch-state.json` and replaced whole. A run advances
//! it only after its output is written, so a run killed half-way reports
//! the same records again next time, and a run that finished never does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::WatchError;
use crate::files::{Durability, write_atomically};

/// The state file's name in the index folder.
pub const STATE_FILE: &str = "watch-state.json";

/// Where one saved search has looked up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// The last index run whose records it has reported.
    pub run: u64,
    /// When it did (seconds since the epoch).
    pub at: i64,
}

/// Every saved search's mark.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub watches: BTreeMap<String, Mark>,
}

impl State {
    pub fn path(index: &Path) -> PathBuf {
        index.join(STATE_FILE)
    }

    /// The state of the index in `index`; empty when there is none.
    pub fn read(index: &Path) -> Result<State, WatchError> {
        let path = State::path(index);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| WatchError::State {
                path,
                message: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::default()),
            Err(e) => Err(WatchError::State {
                path,
                message: e.to_string(),
            }),
        }
    }

    /// Replace the state file with this one, durably.
    pub fn write(&self, index: &Path) -> Result<(), WatchError> {
        let path = State::path(index);
        let mut bytes = serde_json::to_vec_pretty(self).map_err(|e| WatchError::State {
            path: path.clone(),
            message: e.to_string(),
        })?;
        bytes.push(b'\n');
        write_atomically(&path, &bytes, Durability::Durable)
            .map_err(|source| WatchError::Write { path, source })
    }
}
