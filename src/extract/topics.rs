//! Tagging records with topics from an editable taxonomy (`topics.toml`).
//!
//! A taxonomy maps topic paths ("/children/social-care") to words and
//! phrases. A record is tagged with a topic when its title or text holds one
//! of its phrases as whole words, in any case; a long text needs at least two
//! mentions, so a passing word in a 200-page pack does not tag it.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// The taxonomy that ships with `minutes`.
pub const DEFAULT: &str = include_str!("../../topics.toml");

/// Words in a text above which one mention is not enough.
const LONG_TEXT_WORDS: usize = 3000;

/// Why a taxonomy could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{0}; expected lines like \"/children/social-care\" = [\"caseload\", \"social worker\"]")]
pub struct TaxonomyError(String);

/// Topic paths and their phrases, ready to match.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    topics: Vec<String>,
    /// For each phrase pattern, the index of its topic.
    owners: Vec<usize>,
    matcher: Option<AhoCorasick>,
    /// A fingerprint of the definitions, so a change re-tags everything.
    pub hash: String,
}

impl Default for Taxonomy {
    fn default() -> Self {
        Taxonomy::from_parts(&[DEFAULT]).unwrap_or_else(|_| Taxonomy::empty())
    }
}

impl Taxonomy {
    /// A taxonomy with no topics.
    pub fn empty() -> Taxonomy {
        Taxonomy {
            topics: Vec::new(),
            owners: Vec::new(),
            matcher: None,
            hash: String::new(),
        }
    }

    /// Read TOML definitions; a later part replaces the phrases of a topic
    /// an earlier part defines, and adds new topics.
    pub fn from_parts(parts: &[&str]) -> Result<Taxonomy, TaxonomyError> {
        let mut defs: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for part in parts {
            let table: BTreeMap<String, Vec<String>> =
                toml::from_str(part).map_err(|e| TaxonomyError(e.message().to_owned()))?;
            for (path, phrases) in table {
                let path = if path.starts_with('/') {
                    path
                } else {
                    format!("/{path}")
                };
                defs.insert(path.trim_end_matches('/').to_lowercase(), phrases);
            }
        }
        let mut topics = Vec::new();
        let mut owners = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        for (path, phrases) in &defs {
            topics.push(path.clone());
            for phrase in phrases {
                let phrase = phrase.trim().to_lowercase();
                if !phrase.is_empty() {
                    patterns.push(phrase);
                    owners.push(topics.len() - 1);
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| TaxonomyError(e.to_string()))?;
        let hash = blake3::hash(format!("{defs:?}").as_bytes()).to_hex()[..16].to_string();
        Ok(Taxonomy {
            topics,
            owners,
            matcher: Some(matcher),
            hash,
        })
    }

    /// The topics of a record with this title and text, sorted.
    pub fn tag(&self, title: &str, text: &str) -> Vec<String> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut hits = vec![0usize; self.topics.len()];
        let mut scan = |haystack: &str, weight: usize| {
            let bytes = haystack.as_bytes();
            for m in matcher.find_iter(haystack) {
                let before = m.start().checked_sub(1).map(|i| bytes[i]);
                let after = bytes.get(m.end()).copied();
                let boundary = |b: Option<u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
                if boundary(before) && boundary(after) {
                    hits[self.owners[m.pattern().as_usize()]] += weight;
                }
            }
        };
        // A word in the title counts as much as a long text's threshold.
        scan(title, 2);
        scan(text, 1);
        let needed = if text.split_whitespace().nth(LONG_TEXT_WORDS).is_some() {
            2
        } else {
            1
        };
        self.topics
            .iter()
            .zip(hits)
            .filter(|(_, n)| *n >= needed)
            .map(|(t, _)| t.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_taxonomy_reads() {
        let t = Taxonomy::default();
        assert!(t.topics.len() > 10);
        assert_eq!(
            t.tag("", "Caseloads were measured."),
            ["/children/social-care"]
        );
    }

    #[test]
    fn whole_words_any_case_and_phrases() {
        let t = Taxonomy::from_parts(&[
            "\"/housing\" = [\"housing\"]\n\"/transport/roads\" = [\"road improvement\"]",
        ])
        .unwrap();
        assert_eq!(t.tag("", "HOUSING need"), ["/housing"]);
        assert!(t.tag("", "rehousingplan").is_empty());
        assert!(t.tag("", "road and improvement").is_empty());
        assert_eq!(t.tag("Road Improvement Scheme", ""), ["/transport/roads"]);
    }

    #[test]
    fn a_user_part_replaces_and_extends() {
        let user = "\"/housing\" = [\"dwellings\"]\n\"/parks\" = [\"playground\"]";
        let t = Taxonomy::from_parts(&["\"/housing\" = [\"housing\"]", user]).unwrap();
        assert!(t.tag("", "housing").is_empty());
        assert_eq!(
            t.tag("", "new dwellings and a playground"),
            ["/housing", "/parks"]
        );
        assert_ne!(
            t.hash,
            Taxonomy::from_parts(&["\"/housing\" = [\"housing\"]"])
                .unwrap()
                .hash
        );
    }

    #[test]
    fn long_texts_need_two_mentions() {
        let t = Taxonomy::from_parts(&["\"/housing\" = [\"housing\"]"]).unwrap();
        let long = format!("{} housing", "word ".repeat(4000));
        assert!(t.tag("", &long).is_empty());
        assert_eq!(t.tag("", &format!("{long} housing")), ["/housing"]);
    }

    #[test]
    fn broken_files_say_what_is_expected() {
        let err = Taxonomy::from_parts(&["not = toml = at all"]).unwrap_err();
        assert!(err.to_string().contains("expected lines like"));
    }
}
