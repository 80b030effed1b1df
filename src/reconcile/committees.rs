//! Committees: each document's committee under its reconciled council,
//! full-meeting names as "Council", and a folder's papers sharing one.

use std::collections::HashMap;

use super::DocNames;
use super::fold::{Body, agreed, fold_names, folder_of};
use super::key::{ocr_alike, same_words, words};
use crate::model::{Origin, Sourced};

/// The committee as its council's own meeting: "Council" when the
/// committee's words are the council's ("Limerick City and County
/// Council" meeting under Limerick City and County Council).
fn as_full_council(committee: &str, council: Option<&str>) -> Option<String> {
    let council = council?;
    let (cw, kw) = (words(committee), words(council));
    // "City Council" under "City of London", "Full Council", "County
    // Council": words of the council's own name or of a full meeting only.
    let own_words = !cw.is_empty()
        && committee.to_lowercase().contains("council")
        && cw
            .iter()
            .all(|w| kw.contains(w) || FULL_MEETING.contains(&w.as_str()));
    (own_words || same_words(&cw, &kw) || ocr_alike(&cw, &kw)).then(|| "Council".to_owned())
}

/// Words that describe a council meeting as a whole, not a body of it.
const FULL_MEETING: &[&str] = &[
    "full",
    "city",
    "county",
    "borough",
    "town",
    "township",
    "village",
    "special",
    "meeting",
    "annual",
    "ordinary",
    "extraordinary",
    "adjourned",
    "statutory",
    "monthly",
    "regular",
    "virtual",
];

/// Kinds of council a name ends with ("Clare County Council").
const COUNCIL_KINDS: &[&str] = &["county", "city", "borough"];

/// Whether `committee` is the name of another council than `council` (a
/// neighbouring council's letter in the papers), so no body of it.
fn another_council(committee: &str, council: Option<&str>) -> bool {
    let lower: Vec<String> = committee
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let named = match lower.as_slice() {
        [.., kind, last] => last == "council" && COUNCIL_KINDS.contains(&kind.as_str()),
        _ => false,
    };
    named && as_full_council(committee, council).is_none()
}

/// The committee names of each council (`None`: of documents with no
/// council).
#[derive(Debug, Default)]
pub struct CommitteeNames {
    /// Cleaned name → canonical name.
    folded: HashMap<Option<String>, HashMap<String, String>>,
    /// Documents per cleaned name, to fold a name first seen on a segment.
    counts: HashMap<Option<String>, HashMap<String, usize>>,
}

impl CommitteeNames {
    /// The canonical name `name` (cleaned) has under `council`: its own
    /// documents' folding, or, for a name no document has, the folding it
    /// gets beside theirs.
    fn canonical(&self, council: Option<&str>, name: &str) -> Option<String> {
        let key = council.map(str::to_owned);
        if let Some(c) = self.folded.get(&key).and_then(|m| m.get(name)) {
            return Some(c.clone());
        }
        let mut counts = self.counts.get(&key)?.clone();
        counts.insert(name.to_owned(), 1);
        let owner = council.map(words).unwrap_or_default();
        fold_names(&counts, Body::Committee { owner: &owner }).remove(name)
    }
}

/// The committee a record with extracted committee `raw` gets under
/// `council`, by the folded names.
pub fn committee_for(names: &CommitteeNames, council: Option<&str>, raw: &str) -> Option<String> {
    let c = super::clean::committee(raw)?;
    if another_council(&c, council) {
        return None;
    }
    let c = as_full_council(&c, council).unwrap_or(c);
    Some(names.canonical(council, &c).unwrap_or(c))
}

/// Each document's reconciled committee, and the map of every extracted
/// committee name (per council) to its canonical name.
pub fn committees(
    docs: &[DocNames],
    councils: &HashMap<String, Sourced<String>>,
) -> (HashMap<String, Sourced<String>>, CommitteeNames) {
    // Each document's reconciled council, looked up once.
    let council_of: Vec<Option<String>> = docs
        .iter()
        .map(|d| councils.get(&d.source).and_then(|c| c.value.clone()))
        .collect();
    let cleaned: Vec<Option<String>> = docs
        .iter()
        .zip(&council_of)
        .map(|(d, council)| {
            let raw = d.committee.as_deref()?;
            if d.committee_given() {
                return Some(raw.to_owned());
            }
            let c = super::clean::committee(raw)?;
            if another_council(&c, council.as_deref()) {
                return None;
            }
            Some(as_full_council(&c, council.as_deref()).unwrap_or(c))
        })
        .collect();
    let mut counts: HashMap<Option<String>, HashMap<String, usize>> = HashMap::new();
    for ((d, c), council) in docs.iter().zip(&cleaned).zip(&council_of) {
        if let Some(c) = c
            && !d.committee_given()
        {
            *counts
                .entry(council.clone())
                .or_default()
                .entry(c.clone())
                .or_default() += 1;
        }
    }
    let maps: HashMap<Option<String>, HashMap<String, String>> = counts
        .iter()
        .map(|(council, names)| {
            let owner = council.as_deref().map(words).unwrap_or_default();
            (
                council.clone(),
                fold_names(names, Body::Committee { owner: &owner }),
            )
        })
        .collect();
    // Each document's committee, then the empty ones from their folder.
    let mut by_folder: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut out: HashMap<String, Sourced<String>> = HashMap::new();
    for ((d, c), council) in docs.iter().zip(&cleaned).zip(&council_of) {
        let value = match c {
            Some(c) => {
                let folded = maps
                    .get(council)
                    .and_then(|m| m.get(c))
                    .cloned()
                    .unwrap_or_else(|| c.clone());
                Sourced::new(folded, d.committee_origin)
            }
            None => Sourced::empty(),
        };
        out.insert(d.source.clone(), value);
    }
    for d in docs {
        if let Some(c) = out.get(&d.source).and_then(|c| c.value.as_deref()) {
            by_folder.entry(folder_of(&d.source)).or_default().push(c);
        }
    }
    let mut folder_sizes: HashMap<&str, usize> = HashMap::new();
    for d in docs {
        *folder_sizes.entry(folder_of(&d.source)).or_default() += 1;
    }
    let mut fills = Vec::new();
    for d in docs {
        if out.get(&d.source).is_some_and(|c| c.value.is_none()) {
            let folder = folder_of(&d.source);
            if folder.is_empty() {
                continue;
            }
            let mut named: HashMap<&str, usize> = HashMap::new();
            for c in by_folder.get(folder).into_iter().flatten() {
                *named.entry(c).or_default() += 1;
            }
            // Most of the folder's documents name it: one named paper among
            // several unnamed ones is not a meeting's papers.
            let in_folder = folder_sizes.get(folder).copied().unwrap_or(0);
            let named_count: usize = named.values().sum();
            if 2 * named_count >= in_folder
                && let Some(c) = agreed(&named, 1)
            {
                fills.push((d.source.clone(), c.to_owned()));
            }
        }
    }
    for (source, c) in fills {
        out.insert(source, Sourced::new(c, Origin::Corpus));
    }
    (
        out,
        CommitteeNames {
            folded: maps,
            counts,
        },
    )
}
