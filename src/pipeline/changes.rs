//! Which sources a run writes and which records it removes, for the
//! index's change log (`index::changes`).

use std::collections::HashMap;

use crate::index::changes::RunChanges;
use crate::model::record_id;

/// How a run starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// From an empty index that knew nothing before (new, or rebuilt for
    /// another version).
    Fresh,
    /// By removing every record (`--full`).
    Full,
    /// From the records the index holds.
    Incremental,
}

/// Record counts per source before the run and as the run leaves them.
pub struct Tracker {
    run: u64,
    reset: bool,
    before: HashMap<String, u64>,
    after: HashMap<String, u64>,
    written: Vec<String>,
}

impl Tracker {
    /// `before`: each source's record count in the index before the run.
    pub fn new(run: u64, start: Start, before: HashMap<String, u64>) -> Tracker {
        let after = match start {
            Start::Incremental => before.clone(),
            Start::Fresh | Start::Full => HashMap::new(),
        };
        Tracker {
            run,
            reset: start == Start::Fresh,
            before,
            after,
            written: Vec::new(),
        }
    }

    /// `source` is gone from the corpus.
    pub fn deleted(&mut self, source: &str) {
        self.after.remove(source);
    }

    /// `source` now has `records` records, written by this run.
    pub fn written(&mut self, source: &str, records: u64) {
        self.after.insert(source.to_owned(), records);
        self.written.push(source.to_owned());
    }

    /// The run's line of the change log: record ids are `source#n`, numbered
    /// from 0, so a source with fewer records loses its last ones.
    pub fn finish(mut self) -> RunChanges {
        let mut removed = Vec::new();
        for (source, &before) in &self.before {
            let after = self.after.get(source).copied().unwrap_or(0);
            removed.extend((after..before).map(|n| record_id(source, n as usize)));
        }
        removed.sort();
        self.written.sort();
        RunChanges {
            run: self.run,
            reset: self.reset,
            written: self.written,
            removed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrunk_and_vanished_sources_lose_their_last_ids() {
        let before = HashMap::from([
            ("a".to_owned(), 3),
            ("b".to_owned(), 1),
            ("c".to_owned(), 2),
        ]);
        let mut t = Tracker::new(4, Start::Incremental, before.clone());
        t.written("a", 1);
        t.deleted("b");
        t.written("d", 2);
        let c = t.finish();
        assert_eq!(c.written, vec!["a", "d"]);
        assert_eq!(c.removed, vec!["a#1", "a#2", "b#0"]);
        // A full run that skips a file has removed its records.
        let mut t = Tracker::new(5, Start::Full, before);
        t.written("a", 3);
        t.written("b", 1);
        assert_eq!(t.finish().removed, vec!["c#0", "c#1"]);
    }
}
