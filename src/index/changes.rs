//! What each index run changed, for `minutes export --changes-since`:
//! `INDEX/changes.jsonl`, one line per run with the sources it wrote and
//! the ids it removed. The line is written just before the run commits;
//! a line of a run that never committed is replaced by the next run (which
//! takes its number) and never read, as readers stop at the committed run.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files::{Durability, write_atomically};

/// The file name in the index folder.
pub const CHANGES_FILE: &str = "changes.jsonl";

/// One run's changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunChanges {
    pub run: u64,
    /// The run started from an empty index, with no knowledge of what was
    /// there before (a new index, or one rebuilt for another version).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reset: bool,
    /// Sources whose records the run wrote (added, changed, relabelled).
    pub written: Vec<String>,
    /// Ids of records that were there before the run and are not after.
    pub removed: Vec<String>,
}

/// What changed after a run, up to the committed one.
#[derive(Debug, Default)]
pub struct Since {
    /// Sources written since (their current records are the upserts).
    pub written: HashSet<String>,
    /// Ids removed since, each once, in order.
    pub removed: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ChangesError {
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "the index does not know what changed after run {since}: {why}; export in full (minutes export) and use --changes-since {last} next time"
    )]
    Unknown { since: u64, last: u64, why: String },
}

fn read(index: &Path) -> Result<Vec<RunChanges>, ChangesError> {
    let path = index.join(CHANGES_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(ChangesError::Read { path, source }),
    };
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect())
}

/// Keep `changes` as the line of its run, in place of any line of that run
/// or later (left by runs that did not commit).
pub fn record(index: &Path, changes: &RunChanges) -> std::io::Result<()> {
    let mut runs = read(index).unwrap_or_default();
    runs.retain(|r| r.run < changes.run);
    runs.push(changes.clone());
    let mut text = String::new();
    for run in &runs {
        text.push_str(&serde_json::to_string(run).map_err(std::io::Error::other)?);
        text.push('\n');
    }
    write_atomically(
        &index.join(CHANGES_FILE),
        text.as_bytes(),
        Durability::Durable,
    )
}

/// What runs after `since`, up to `last` (the committed run), changed.
/// A removed id may have been written again later: the caller drops those
/// it finds among the current records of `written`.
pub fn since(index: &Path, since: u64, last: u64) -> Result<Since, ChangesError> {
    let unknown = |why: String| ChangesError::Unknown { since, last, why };
    if since > last {
        return Err(unknown(format!("the last run is {last}")));
    }
    let runs: Vec<RunChanges> = read(index)?
        .into_iter()
        .filter(|r| r.run > since && r.run <= last)
        .collect();
    let logged: HashSet<u64> = runs.iter().map(|r| r.run).collect();
    if let Some(missing) = (since + 1..=last).find(|r| !logged.contains(r)) {
        return Err(unknown(format!(
            "run {missing} left no record of its changes"
        )));
    }
    if let Some(reset) = runs.iter().find(|r| r.reset) {
        return Err(unknown(format!(
            "run {} rebuilt it from nothing",
            reset.run
        )));
    }
    let mut out = Since::default();
    let mut removed = HashSet::new();
    for run in runs {
        out.written.extend(run.written);
        for id in run.removed {
            if removed.insert(id.clone()) {
                out.removed.push(id);
            }
        }
    }
    out.removed.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(run: u64, written: &[&str], removed: &[&str]) -> RunChanges {
        RunChanges {
            run,
            reset: false,
            written: written.iter().map(|s| s.to_string()).collect(),
            removed: removed.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn changes_add_up_over_runs_and_an_uncommitted_run_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        record(
            dir.path(),
            &RunChanges {
                reset: true,
                ..run(1, &["a"], &[])
            },
        )
        .unwrap();
        record(dir.path(), &run(2, &["b"], &["a#1", "c#0"])).unwrap();
        // Run 3 never committed; the next run is 3 again.
        record(dir.path(), &run(3, &["x"], &["b#0"])).unwrap();
        record(dir.path(), &run(3, &["c"], &["a#2"])).unwrap();
        let s = since(dir.path(), 1, 3).unwrap();
        assert_eq!(s.written, HashSet::from(["b".to_owned(), "c".to_owned()]));
        assert_eq!(
            s.removed,
            vec!["a#1".to_owned(), "a#2".to_owned(), "c#0".to_owned()]
        );
        let err = since(dir.path(), 0, 3).unwrap_err().to_string();
        assert!(err.contains("rebuilt it from nothing"), "{err}");
        assert!(since(dir.path(), 4, 3).is_err());
        std::fs::remove_file(dir.path().join(CHANGES_FILE)).unwrap();
        let err = since(dir.path(), 1, 3).unwrap_err().to_string();
        assert!(err.contains("left no record"), "{err}");
    }
}
