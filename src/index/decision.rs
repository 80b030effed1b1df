//! A resolution's decision in the index: its mover, seconder, outcome and
//! vote as stored fields, and back.

use tantivy::TantivyDocument;
use tantivy::schema::{Field, Value};

use super::schema::Fields;
use super::stored::StoredDoc;
use crate::model::{Decision, Outcome, Votes};

impl Fields {
    pub(super) fn add_decision(&self, doc: &mut TantivyDocument, d: &Decision) {
        if let Some(mover) = &d.mover {
            doc.add_text(self.mover, mover);
        }
        if let Some(seconder) = &d.seconder {
            doc.add_text(self.seconder, seconder);
        }
        if let Some(outcome) = d.outcome {
            doc.add_text(self.outcome, outcome.as_str());
        }
        if let Some(v) = d.votes {
            doc.add_u64(self.votes_for, u64::from(v.for_));
            doc.add_u64(self.votes_against, u64::from(v.against));
            if let Some(abstain) = v.abstain {
                doc.add_u64(self.votes_abstain, u64::from(abstain));
            }
        }
    }

    pub(super) fn decision_of(&self, doc: &StoredDoc) -> Decision {
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let count = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_u64())
                .map(|n| n.min(u64::from(u32::MAX)) as u32)
        };
        Decision {
            mover: text(self.mover),
            seconder: text(self.seconder),
            outcome: text(self.outcome).and_then(|o| Outcome::parse(&o)),
            votes: match (count(self.votes_for), count(self.votes_against)) {
                (Some(for_), Some(against)) => Some(Votes {
                    for_,
                    against,
                    abstain: count(self.votes_abstain),
                }),
                _ => None,
            },
        }
    }
}
