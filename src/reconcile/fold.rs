//! The rules of [`super`]: folding names into the recurring ones, and
//! folder consensus for councils.

use std::collections::HashMap;

use super::key::{ocr_alike, same_words, words};
use super::{DocNames, Strength};
use crate::model::{Origin, Sourced};

/// Share of a folder's documents that must state one council for it to be
/// the folder's council.
const CONSENSUS: f64 = 0.9;
/// ... and at least this many of them.
const CONSENSUS_MIN: usize = 3;

/// Words that name a kind of body or a person's title, not a place: a
/// "council name" made only of these (and filler) is a fragment.
const NOT_A_PLACE: &[&str] = &[
    "city",
    "county",
    "borough",
    "district",
    "metropolitan",
    "municipal",
    "town",
    "township",
    "parish",
    "regional",
    "cllr",
    "councillor",
    "mayor",
    "members",
    "full",
    "special",
];

/// Whether a council name names a place at all ("And County Council",
/// "Cllr County Council" do not).
fn names_a_place(name: &str) -> bool {
    words(name)
        .iter()
        .any(|w| !NOT_A_PLACE.contains(&w.as_str()))
}

/// Where in `long` a run of words is the name `short`, with words swept in
/// around it; `before_only` allows extra words only before it.
fn holds(long: &[String], short: &[String], before_only: bool) -> bool {
    if short.len() < 2 || long.len() <= short.len() {
        return false;
    }
    long.windows(short.len())
        .enumerate()
        .filter(|&(i, _)| !before_only || i + short.len() == long.len())
        .any(|(_, window)| {
            // A committee's words must be exactly there: "Culture Strategic
            // Policy Committee" inside a longer name is not "Cultural …".
            same_words(window, short) || (!before_only && ocr_alike(window, short))
        })
}

/// Whether `long` is `short` with only words of `owner` (its council's name)
/// before it: "Limerick Joint Policing Committee" under Limerick City and
/// County Council.
fn owner_before(long: &[String], short: &[String], owner: &[String]) -> bool {
    long.len() > short.len()
        && long.ends_with(short)
        && long
            .get(..long.len() - short.len())
            .is_some_and(|before| before.iter().all(|w| owner.contains(w)))
}

/// Whether `sub` is the name `parent` followed by words that make it a
/// sub-committee of it ("… JPC Subcommittee", "… Joint Policing Sub
/// Committee").
fn sub_committee_of(sub: &[String], parent: &[String]) -> bool {
    if parent.len() < 2 || sub.len() <= parent.len() || !sub.starts_with(parent) {
        return false;
    }
    let rest = sub.get(parent.len()..).unwrap_or_default();
    rest.iter().any(|w| w == "subcommittee")
        || rest
            .windows(2)
            .any(|p| matches!(p, [a, b] if a == "sub" && b == "committee"))
}

/// Whether the council name `short` is `long` with words left out, the
/// place first in both: "X City Council" beside the ten times as frequent
/// "X City and County Council" that the archive files it under.
fn short_form(short: &[String], long: &[String]) -> bool {
    short.len() >= 2
        && short.len() < long.len()
        && short.first() == long.first()
        && short.iter().all(|w| long.contains(w))
}

/// What kind of names are folded.
#[derive(Clone, Copy)]
pub enum Body<'a> {
    Council,
    /// Committees of the council whose name has the words `owner`.
    Committee {
        owner: &'a [String],
    },
}

/// A map from every name to the recurring name it folds into. `names`
/// counts documents per name. Committees fold only over words before the
/// name, over their council's words, and from a fragment cut short.
pub fn fold_names(names: &HashMap<String, usize>, body: Body) -> HashMap<String, String> {
    let (before_only, owner): (bool, &[String]) = match body {
        Body::Council => (false, &[]),
        Body::Committee { owner } => (true, owner),
    };
    let mut order: Vec<(&String, usize)> = names.iter().map(|(n, c)| (n, *c)).collect();
    // Most frequent first; ties by name, so the result does not depend on
    // the order documents were read in.
    order.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut kept: Vec<(String, Vec<String>, usize)> = Vec::new();
    let mut map = HashMap::new();
    for (name, count) in order {
        let w = words(name);
        let target = kept.iter().find(|(_, kw, kc)| {
            same_words(&w, kw)
                || (*kc >= 3 * count && ocr_alike(&w, kw))
                || (*kc >= 2 * count && holds(&w, kw, before_only))
                || (*kc >= 2 && owner_before(&w, kw, owner))
                || (!before_only && *kc >= 10 * count && short_form(&w, kw))
        });
        match target {
            Some((canonical, _, _)) => {
                map.insert(name.clone(), canonical.clone());
            }
            None => {
                map.insert(name.clone(), name.clone());
                kept.push((name.clone(), w, count));
            }
        }
    }
    // A fragment cut short ("Home and Social") folds into the one longer
    // recurring name it begins, when that name is at least half as frequent
    // (a name far more frequent than the longer one is a body of its own).
    let mut fragments: Vec<(String, String)> = Vec::new();
    if matches!(body, Body::Committee { .. }) {
        // A sub-committee named after its parent ("Municipal District of X
        // JPC Sub-Committee") is filed under the parent, when the parent
        // recurs; its own name stays the record's extracted committee.
        let mut subs: Vec<(String, String)> = Vec::new();
        for (name, w, _) in &kept {
            let parent = kept
                .iter()
                .filter(|(_, kw, kc)| *kc >= 2 && sub_committee_of(w, kw))
                .max_by_key(|(_, kw, _)| kw.len());
            if let Some((into, _, _)) = parent {
                subs.push((name.clone(), into.clone()));
            }
        }
        let mut by_length: Vec<&(String, Vec<String>, usize)> = kept
            .iter()
            .filter(|(n, _, _)| !subs.iter().any(|(sub, _)| sub == n))
            .collect();
        by_length.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        // Names that are not themselves fragments of a longer one.
        let mut complete: Vec<&(String, Vec<String>, usize)> = Vec::new();
        for entry in by_length {
            let (name, w, count) = entry;
            let longer: Vec<&String> = complete
                .iter()
                .filter(|(_, kw, kc)| {
                    w.len() >= 2
                        && kw.len() > w.len()
                        && kw.starts_with(w)
                        && *kc >= 2
                        && 2 * *kc >= *count
                })
                .map(|(n, _, _)| n)
                .collect();
            match longer.as_slice() {
                [only] => fragments.push((name.clone(), (*only).clone())),
                _ => complete.push(entry),
            }
        }
        fragments.extend(subs);
    }
    for (fragment, into) in fragments {
        for target in map.values_mut() {
            if *target == fragment {
                *target = into.clone();
            }
        }
    }
    map
}

/// The folder `source` is in ("" at the top of the corpus).
pub(super) fn folder_of(source: &str) -> &str {
    source.rsplit_once('/').map_or("", |(f, _)| f)
}

/// The folders `source` is in, deepest first, the corpus itself ("") last.
fn folders(source: &str) -> impl Iterator<Item = &str> {
    let mut cuts: Vec<usize> = source.match_indices('/').map(|(i, _)| i).collect();
    cuts.reverse();
    cuts.into_iter().map(move |i| &source[..i]).chain([""])
}

/// The name nine in ten of `names` (counts) agree on, if at least `min`
/// of them do.
pub(super) fn agreed<'a>(names: &HashMap<&'a str, usize>, min: usize) -> Option<&'a str> {
    let total: usize = names.values().sum();
    let (best, n) = names
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
    (*n >= min && *n as f64 >= CONSENSUS * total as f64).then_some(*best)
}

/// Each document's reconciled council.
pub fn councils(docs: &[DocNames]) -> HashMap<String, Sourced<String>> {
    let cleaned: Vec<Option<&str>> = docs
        .iter()
        .map(|d| d.council.as_deref().filter(|c| names_a_place(c)))
        .collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (d, c) in docs.iter().zip(&cleaned) {
        if let Some(c) = c
            && d.strength != Strength::Given
        {
            *counts.entry((*c).to_owned()).or_default() += 1;
        }
    }
    let map = fold_names(&counts, Body::Council);
    let canonical: Vec<Option<String>> = docs
        .iter()
        .zip(&cleaned)
        .map(|(d, c)| {
            let c = (*c)?;
            Some(match d.strength {
                Strength::Given => c.to_owned(),
                _ => map.get(c).cloned().unwrap_or_else(|| c.to_owned()),
            })
        })
        .collect();
    let mut per_name: HashMap<&str, usize> = HashMap::new();
    for c in canonical.iter().flatten() {
        *per_name.entry(c.as_str()).or_default() += 1;
    }
    // Councils stated under each folder; where none is stated, the ones
    // only inferred vote.
    let mut stated: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    let mut inferred: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for (d, c) in docs.iter().zip(&canonical) {
        if let Some(c) = c {
            let tally = if d.strength >= Strength::Stated {
                &mut stated
            } else {
                &mut inferred
            };
            for folder in folders(&d.source) {
                *tally
                    .entry(folder)
                    .or_default()
                    .entry(c.as_str())
                    .or_default() += 1;
            }
        }
    }
    let mut consensus: HashMap<&str, &str> = HashMap::new();
    for (folder, names) in &inferred {
        if !stated.contains_key(folder)
            && let Some(best) = agreed(names, CONSENSUS_MIN)
        {
            consensus.insert(folder, best);
        }
    }
    for (folder, names) in &stated {
        if let Some(best) = agreed(names, CONSENSUS_MIN) {
            consensus.insert(folder, best);
        }
    }
    let mut out = HashMap::with_capacity(docs.len());
    for (d, c) in docs.iter().zip(&canonical) {
        let shared = folders(&d.source).find_map(|f| consensus.get(f).copied());
        let origin = d.council_origin;
        let value = match (c, shared) {
            (Some(c), _) if d.strength == Strength::Given => Sourced::new(c.clone(), origin),
            (Some(c), Some(s)) if c != s => {
                let one_off = per_name.get(c.as_str()).copied().unwrap_or(0) <= 1;
                if d.strength == Strength::Weak || one_off {
                    Sourced::new(s.to_owned(), Origin::Corpus)
                } else {
                    Sourced::new(c.clone(), origin)
                }
            }
            (Some(c), _) => Sourced::new(c.clone(), origin),
            (None, Some(s)) => Sourced::new(s.to_owned(), Origin::Corpus),
            (None, None) => Sourced::empty(),
        };
        out.insert(d.source.clone(), value);
    }
    out
}
