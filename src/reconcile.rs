//! Stage 5: one name per council and committee across the corpus.
//!
//! A pass-through for now: the pipeline hands every document's records to
//! [`Reconciler::reconcile`] between extraction and the index, so the rules
//! that settle names corpus-wide (configured aliases, OCR-tolerant folding,
//! folder consensus) land here without touching the stages around it.

use crate::model::Record;

/// What reconciliation knows of the corpus's names.
#[derive(Debug, Default)]
pub struct Reconciler {}

impl Reconciler {
    pub fn new() -> Reconciler {
        Reconciler::default()
    }

    /// Give `records` (one document's) their reconciled names.
    pub fn reconcile(&self, records: &mut [Record]) {
        let _ = records;
    }
}
