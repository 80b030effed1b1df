//! Stage 5: one name per council and committee across the corpus.
//!
//! Extraction reads each document alone, so one council comes out under
//! many names: OCR slips ("Limenck"), words swept in before it ("That …",
//! "Draft …"), the same words in another order ("Nipissing Township",
//! "Township of Nipissing"), or none at all. Reconciliation looks at every
//! document's names at once, as a careful archivist would:
//!
//! 1. A name that recurs beats a one-off: a rarer name folds into a more
//!    frequent one with the same words in any order ([`key::same_words`]),
//!    one that holds it with words swept in before or after it, or an OCR
//!    slip of it ([`key::ocr_alike`]).
//! 2. Documents in one folder share a council: where nine in ten documents
//!    under a folder that state a council state the same one, a document
//!    below it with no council, with one it only infers, or with a one-off
//!    takes that council ([`Origin::Corpus`]).
//! 3. A committee belongs to its council: the council's own name as a
//!    committee is its full meeting ("Council"); committees fold within a
//!    council as councils do, but only over words swept in *before* the
//!    name (a "… Sub-Committee" after it is another body), and a fragment
//!    cut short folds into the one longer name it begins.
//! 4. A document with no committee takes the one every named document of
//!    its own folder (one meeting's papers) has.
//!
//! Names given by a sidecar or a folder `_meta.json` are never changed. The
//! pipeline gathers every document's names ([`DocNames`]) before it writes
//! anything, from the files it reads and from the index for the rest, and
//! re-reads an unchanged file only when its reconciled names change.

mod clean;
mod committees;
pub mod config;
mod fold;
pub mod key;

pub use config::{Config, ConfigError};

use std::collections::HashMap;

use crate::model::{Kind, Origin, Record, Sourced};

/// How much a document's council name can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Strength {
    /// Found only by inference (a name mentioned often, a plain folder name).
    #[default]
    Weak = 1,
    /// Stated by the document's heading, or a folder named like a council.
    Stated = 2,
    /// Given by a sidecar or a folder `_meta.json`: never changed.
    Given = 3,
}

/// Whether a value was given by the user's metadata files or config.
fn is_given(origin: Origin) -> bool {
    matches!(
        origin,
        Origin::Sidecar | Origin::FolderMeta | Origin::Config
    )
}

/// A document's names with the config's council put in first: a
/// configured name is given, and reconciliation keeps it.
fn configured(d: &DocNames, config: &Config) -> DocNames {
    let mut d = d.clone();
    if let Some(name) = config.council(&d.source, d.council.as_deref()) {
        d.council = Some(name.to_owned());
        d.council_origin = Origin::Config;
        d.strength = Strength::Given;
    }
    d
}

/// A record's extracted council strength and whether its committee was
/// given, packed in one fast-field value (`council_strength`).
pub fn strength_code(strength: Strength, committee_origin: Origin) -> u64 {
    strength.as_u64()
        + if is_given(committee_origin) {
            COMMITTEE_GIVEN
        } else {
            0
        }
}

/// The strength and committee-given flag of a [`strength_code`].
pub fn from_strength_code(code: u64) -> (Strength, bool) {
    (Strength::from_u64(code & 3), code & COMMITTEE_GIVEN != 0)
}

/// The bit of a [`strength_code`] that says the committee was given.
const COMMITTEE_GIVEN: u64 = 4;

impl Strength {
    /// The strength of a council from `origin`, `weak` if only inferred.
    pub fn of(origin: Origin, weak: bool) -> Strength {
        if is_given(origin) {
            Strength::Given
        } else if weak {
            Strength::Weak
        } else {
            Strength::Stated
        }
    }

    pub fn as_u64(self) -> u64 {
        self as u64
    }

    pub fn from_u64(n: u64) -> Strength {
        match n {
            3 => Strength::Given,
            2 => Strength::Stated,
            _ => Strength::Weak,
        }
    }
}

/// The names extraction gave one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocNames {
    /// Corpus-relative path.
    pub source: String,
    pub council: Option<String>,
    pub council_origin: Origin,
    pub strength: Strength,
    pub committee: Option<String>,
    pub committee_origin: Origin,
}

impl DocNames {
    pub fn new(
        source: &str,
        council: &Sourced<String>,
        strength: Strength,
        committee: &Sourced<String>,
    ) -> DocNames {
        DocNames {
            source: source.to_owned(),
            council: council.value.clone(),
            council_origin: council.origin,
            strength,
            committee: committee.value.clone(),
            committee_origin: committee.origin,
        }
    }

    /// Whether the committee was given by a metadata file or the config.
    pub fn committee_given(&self) -> bool {
        is_given(self.committee_origin)
    }
}

/// The reconciled names of a corpus.
#[derive(Debug, Default)]
pub struct Reconciler {
    /// Council per source, as reconciled (`None`: no council).
    councils: HashMap<String, Sourced<String>>,
    /// Committee per source (the document's), as reconciled.
    committees: HashMap<String, Sourced<String>>,
    /// Canonical committee names per council, for the segments whose
    /// committee differs from their document's.
    committee_names: committees::CommitteeNames,
}

impl Reconciler {
    /// Reconcile the names of every document of a corpus, the user's
    /// `config` first.
    pub fn build(docs: &[DocNames], config: &Config) -> Reconciler {
        let configured: Vec<DocNames> = docs.iter().map(|d| configured(d, config)).collect();
        let mut councils = fold::councils(&configured);
        for d in &configured {
            if let Some(c) = councils.get_mut(&d.source)
                && let Some(name) = config.council(&d.source, c.value.as_deref())
            {
                *c = Sourced::new(name.to_owned(), Origin::Config);
            }
        }
        let (mut committees, committee_names) = committees::committees(&configured, &councils);
        for d in &configured {
            let council = councils.get(&d.source).and_then(|c| c.value.as_deref());
            if let Some(c) = committees.get_mut(&d.source)
                && let Some(name) = config.committee(&d.source, c.value.as_deref(), council)
            {
                *c = Sourced::new(name.to_owned(), Origin::Config);
            }
        }
        Reconciler {
            councils,
            committees,
            committee_names,
        }
    }

    /// The reconciled council and committee of `source`, if it was seen.
    pub fn names_of(&self, source: &str) -> Option<(Option<&str>, Option<&str>)> {
        let council = self.councils.get(source)?;
        let committee = self.committees.get(source);
        Some((
            council.value.as_deref(),
            committee.and_then(|c| c.value.as_deref()),
        ))
    }

    /// The committee a segment of `source` with extracted committee `raw`
    /// gets.
    pub fn committee_for(&self, source: &str, raw: &str) -> Option<String> {
        let council = self.councils.get(source).and_then(|c| c.value.as_deref());
        committees::committee_for(&self.committee_names, council, raw)
    }

    /// Give `records` (one document's) their reconciled names. A name keeps
    /// the origin extraction gave it, unless it came from the folder or the
    /// config.
    pub fn reconcile(&self, records: &mut [Record]) {
        let Some(first) = records.first() else {
            return;
        };
        let source = first.fingerprint.source.clone();
        let Some(council) = self.councils.get(&source).cloned() else {
            return;
        };
        let doc_committee = self.committees.get(&source).cloned();
        let raw_doc_committee = first.meta.committee.value.clone();
        let relabel = |mut to: Sourced<String>, from: &Sourced<String>| {
            if to.value.is_none() {
                to.origin = Origin::None;
            } else if !matches!(to.origin, Origin::Corpus | Origin::Config) && from.value.is_some()
            {
                to.origin = from.origin;
            }
            to
        };
        for record in records.iter_mut() {
            record.meta.council = relabel(council.clone(), &record.meta.council);
            let own = record.meta.committee.value.clone();
            let is_doc = record.kind == Kind::Document || own == raw_doc_committee;
            let committee = match (&doc_committee, own) {
                (Some(c), _) if is_doc => c.clone(),
                (_, Some(raw)) => match self.committee_for(&source, &raw) {
                    Some(c) => Sourced::new(c, Origin::Text),
                    None => Sourced::empty(),
                },
                (_, None) => Sourced::empty(),
            };
            record.meta.committee = relabel(committee, &record.meta.committee);
        }
    }
}

#[cfg(test)]
mod tests;
