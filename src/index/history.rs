//! A record's history in the index: its content and identity keys (fast
//! fields the next build's first-seen store is checked against), the key
//! that names it for good, and when it first appeared; and back.

use tantivy::schema::{Field, Value};
use tantivy::{DateTime, TantivyDocument};

use super::schema::{Fields, SECS_RANGE};
use super::stored::StoredDoc;
use crate::model::{History, Indexed};

/// A time and run kept in the stored fields `at` and `run` (0 where absent).
pub(super) fn stored_time(doc: &StoredDoc, at: Field, run: Field) -> Indexed {
    Indexed {
        at: doc
            .get_first(at)
            .and_then(|v| v.as_datetime())
            .map_or(0, |d| d.into_timestamp_secs()),
        run: doc.get_first(run).and_then(|v| v.as_u64()).unwrap_or(0),
    }
}

impl Fields {
    pub(super) fn add_history(&self, doc: &mut TantivyDocument, h: &History) {
        doc.add_u64(self.content_key, h.content);
        doc.add_u64(self.identity_key, h.identity);
        doc.add_u64(self.stable_key, h.key);
        doc.add_date(
            self.first_at,
            DateTime::from_timestamp_secs(h.first.at.clamp(-SECS_RANGE, SECS_RANGE)),
        );
        doc.add_u64(self.first_run, h.first.run);
    }

    /// The stored part of a record's history: its lasting key and when it
    /// first appeared (its content and identity keys are fast fields, read
    /// by the writer only).
    pub(super) fn history_of(&self, doc: &StoredDoc) -> History {
        History {
            content: 0,
            identity: 0,
            key: doc
                .get_first(self.stable_key)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            first: stored_time(doc, self.first_at, self.first_run),
        }
    }
}
