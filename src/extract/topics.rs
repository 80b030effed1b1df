//! Tagging records with topics from an editable taxonomy (`topics.toml`).
//!
//! A taxonomy maps topic paths ("/children/social-care") to words and
//! phrases. A record is tagged with a topic when its title or text holds one
//! of its phrases as whole words, in any case; a long text needs at least two
//! mentions, so a passing word in a 200-page pack does not tag it.

use std::collections::BTreeMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

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
    /// For each phrase pattern, how it may match.
    kinds: Vec<Phrase>,
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
            kinds: Vec::new(),
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
        let mut kinds = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        for (path, phrases) in &defs {
            topics.push(path.clone());
            for phrase in phrases {
                let (phrase, kind) = Phrase::read(phrase);
                if !phrase.is_empty() {
                    patterns.push(phrase);
                    owners.push(topics.len() - 1);
                    kinds.push(kind);
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| TaxonomyError(e.to_string()))?;
        let hash = blake3::hash(format!("{defs:?}").as_bytes()).to_hex()[..16].to_string();
        Ok(Taxonomy {
            topics,
            owners,
            kinds,
            matcher: Some(matcher),
            hash,
        })
    }

    /// The topics of a record with this title and text, sorted.
    pub fn tag(&self, title: &str, text: &str) -> Vec<String> {
        self.tag_part(title, text, &self.mentions(text), 0..text.len())
    }

    /// Every whole-word mention of a phrase in `text`, found in one pass, so
    /// a document and each of its parts are tagged without reading the text
    /// again for every part.
    pub fn mentions(&self, text: &str) -> Mentions {
        let Some(matcher) = &self.matcher else {
            return Mentions(Vec::new());
        };
        let bytes = text.as_bytes();
        let boundary = |b: Option<&u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
        let found = matcher
            .find_iter(text)
            .filter(|m| {
                boundary(m.start().checked_sub(1).and_then(|i| bytes.get(i)))
                    && boundary(bytes.get(m.end()))
                    && match self.kinds.get(m.pattern().as_usize()) {
                        Some(Phrase::Capitals(exact)) => &text[m.start()..m.end()] == exact,
                        _ => true,
                    }
            })
            .filter_map(|m| {
                let p = m.pattern().as_usize();
                Some((m.start()..m.end(), *self.owners.get(p)?, p))
            })
            .collect();
        Mentions(found)
    }

    /// The topics of the part `span` of `text` (whose mentions are
    /// `mentions`), titled `title`, sorted.
    pub fn tag_part(
        &self,
        title: &str,
        text: &str,
        mentions: &Mentions,
        span: Range<usize>,
    ) -> Vec<String> {
        // Per topic: mentions, and the distinct phrases mentioned.
        let mut hits = vec![0usize; self.topics.len()];
        let mut phrases: Vec<Vec<usize>> = vec![Vec::new(); self.topics.len()];
        let mut count = |topic: usize, pattern: usize, n: usize| {
            if let (Some(hit), Some(found)) = (hits.get_mut(topic), phrases.get_mut(topic)) {
                *hit += n;
                if !found.contains(&pattern) {
                    found.push(pattern);
                }
            }
        };
        // A word in the title counts as much as a long text's threshold.
        for (_, topic, pattern) in &self.mentions(title).0 {
            count(*topic, *pattern, 2);
        }
        let first = mentions.0.partition_point(|(m, _, _)| m.start < span.start);
        for (m, topic, pattern) in mentions
            .0
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|(m, _, _)| m.start < span.end)
        {
            if m.end <= span.end {
                count(*topic, *pattern, 1);
            }
        }
        let part = text.get(span).unwrap_or_default();
        // More than LONG_TEXT_WORDS words take a byte each and a space
        // between, so a shorter text need not be counted.
        let long = part.len() > 2 * LONG_TEXT_WORDS
            && part.split_whitespace().nth(LONG_TEXT_WORDS).is_some();
        let needed = if long { 2 } else { 1 };
        // An ambiguous word ("adoption" of the minutes) tags only beside
        // another word of the topic.
        let settled = |found: &[usize]| {
            found.len() >= 2
                || found
                    .iter()
                    .any(|p| self.kinds.get(*p).is_some_and(|k| *k != Phrase::Ambiguous))
        };
        self.topics
            .iter()
            .zip(hits)
            .zip(&phrases)
            .filter(|((_, n), found)| *n >= needed && settled(found))
            .map(|((t, _), _)| t.clone())
            .collect()
    }
}

/// Where a text mentions a taxonomy's phrases: byte ranges and topic
/// indexes, in text order.
pub struct Mentions(Vec<(Range<usize>, usize, usize)>);

/// How a taxonomy phrase may match.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Phrase {
    /// In any case, on its own.
    Plain,
    /// Written with a trailing `?`: a word with other senses, which tags
    /// only beside another phrase of its topic.
    Ambiguous,
    /// Written in capitals ("SEND"): matches only in capitals, as written.
    Capitals(String),
}

impl Phrase {
    /// The phrase to match, lower-cased, and how it may match.
    fn read(written: &str) -> (String, Phrase) {
        let written = written.trim();
        if let Some(word) = written.strip_suffix('?') {
            return (word.trim().to_lowercase(), Phrase::Ambiguous);
        }
        let letters = written.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2 && !written.chars().any(char::is_lowercase) {
            return (written.to_lowercase(), Phrase::Capitals(written.to_owned()));
        }
        (written.to_lowercase(), Phrase::Plain)
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
    fn a_part_is_tagged_from_the_whole_texts_mentions() {
        let t =
            Taxonomy::from_parts(&["\"/housing\" = [\"housing\"]\n\"/parks\" = [\"playground\"]"])
                .unwrap();
        let text = "Intro on housing.\nItem 2: the playground was mended.\nItem 3: housing.";
        let mentions = t.mentions(text);
        let item2 = text.find("Item 2").unwrap()..text.find("Item 3").unwrap();
        let item3 = text.find("Item 3").unwrap()..text.len();
        for part in [item2.clone(), item3.clone(), 0..text.len()] {
            assert_eq!(
                t.tag_part("", text, &mentions, part.clone()),
                t.tag("", &text[part])
            );
        }
        assert_eq!(t.tag_part("", text, &mentions, item2), ["/parks"]);
        assert_eq!(t.tag_part("Housing", text, &mentions, item3), ["/housing"]);
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
    fn an_ambiguous_word_tags_only_beside_another_word_of_its_topic() {
        let t = Taxonomy::from_parts(&[r#""/children/social-care" = ["fostering", "adoption?"]
"/community/leisure" = ["parks", "park?", "playground?"]"#])
        .unwrap();
        // "Adoption of the minutes" is not children's social care ...
        assert!(
            t.tag("", "1. Adoption of Minutes of the last meeting")
                .is_empty()
        );
        // ... adoption beside fostering is.
        assert_eq!(
            t.tag("", "Adoption and fostering services were reviewed."),
            ["/children/social-care"]
        );
        // Two different ambiguous words of one topic settle it.
        assert_eq!(
            t.tag("", "The park and its playground were reopened."),
            ["/community/leisure"]
        );
        assert!(
            t.tag("", "held at Greenmount Park, Patrickswell")
                .is_empty()
        );
    }

    #[test]
    fn a_phrase_in_capitals_matches_only_in_capitals() {
        let t = Taxonomy::from_parts(&[r#""/children/education" = ["SEND", "pupils"]"#]).unwrap();
        assert_eq!(
            t.tag("", "Funding for SEND transport."),
            ["/children/education"]
        );
        assert!(t.tag("", "We will send the report to members.").is_empty());
    }

    #[test]
    fn long_texts_need_two_mentions() {
        let t = Taxonomy::from_parts(&["\"/housing\" = [\"housing\"]"]).unwrap();
        let long = format!("{} housing", "word ".repeat(4000));
        assert!(t.tag("", &long).is_empty());
        assert_eq!(t.tag("", &format!("{long} housing")), ["/housing"]);
        // The shortest text of more than 3,000 words is long; one word
        // fewer is not.
        let t = Taxonomy::from_parts(&["\"/x\" = [\"x\"]"]).unwrap();
        let words = |n: usize| format!("x{}", " a".repeat(n - 1));
        assert!(t.tag("", &words(LONG_TEXT_WORDS + 1)).is_empty());
        assert_eq!(t.tag("", &words(LONG_TEXT_WORDS)), ["/x"]);
    }

    #[test]
    fn broken_files_say_what_is_expected() {
        let err = Taxonomy::from_parts(&["not = toml = at all"]).unwrap_err();
        assert!(err.to_string().contains("expected lines like"));
    }
}
