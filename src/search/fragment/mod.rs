//! The best fragment of a text for a query's terms: the fragments tantivy's
//! `SnippetGenerator` cuts, scored and chosen as it chooses them, with the
//! same highlights, but words are found without copying them, and only a
//! word that may give one of the terms (see [`CouldMatch`]) is analysed.
//! Usually not every word is even read: [`sparse`] finds the few that may
//! match and reads only them and the words where fragments are cut.

mod sparse;

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::index::analyzers::LONGEST_WORD;
use crate::index::tokenizer::{CouldMatch, with_term};
use crate::index::words::words;

/// Finds the best fragment of a text for a set of weighted terms.
pub struct Highlighter {
    /// Each term (as the English analysis gives it) with its weight.
    weights: FxHashMap<String, f32>,
    could: CouldMatch,
    /// The bytes a matching word may start with; `None`: any.
    first: Option<sparse::FirstBytes>,
    /// The longest fragment, in bytes.
    max_chars: usize,
}

/// The best fragment: its byte range in the text, and the matched words'.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fragment {
    pub range: Range<usize>,
    pub highlighted: Vec<Range<usize>>,
}

/// One fragment while it is being scored.
struct Candidate {
    score: f32,
    range: Range<usize>,
    highlighted: Vec<Range<usize>>,
}

impl Candidate {
    fn at(start: usize) -> Candidate {
        Candidate {
            score: 0.0,
            range: start..start,
            highlighted: Vec::new(),
        }
    }
}

impl Highlighter {
    pub fn new(weights: impl IntoIterator<Item = (String, f32)>, max_chars: usize) -> Highlighter {
        let weights: FxHashMap<String, f32> = weights.into_iter().collect();
        let could = CouldMatch::new(weights.keys().map(String::as_str));
        let first = sparse::FirstBytes::of(weights.keys().map(String::as_str));
        Highlighter {
            weights,
            could,
            first,
            max_chars,
        }
    }

    /// The best fragment of `text`: a new one starts at the word that would
    /// take the current one past `max_chars`; the one whose matches weigh
    /// most wins, the first of equals. Empty when no word matched.
    pub fn best(&self, text: &str) -> Fragment {
        self.first
            .as_ref()
            .and_then(|first| sparse::best(text, first, self, self.max_chars))
            .unwrap_or_else(|| self.best_reading_every_word(text))
    }

    /// [`Highlighter::best`] found by reading every word.
    fn best_reading_every_word(&self, text: &str) -> Fragment {
        let mut best: Option<Candidate> = None;
        let mut current = Candidate::at(0);
        for word in words(text) {
            if word.text.len() >= LONGEST_WORD {
                continue;
            }
            if word.span.end - current.range.start > self.max_chars {
                let next = Candidate::at(word.span.start);
                keep_better(&mut best, std::mem::replace(&mut current, next));
            }
            current.range.end = word.span.end;
            if let Some(weight) = self.weight(&word.text) {
                current.score += weight;
                current.highlighted.push(word.span);
            }
        }
        keep_better(&mut best, current);
        best.map_or_else(Fragment::default, |c| Fragment {
            range: c.range,
            highlighted: c.highlighted,
        })
    }

    /// The weight of the term `word` gives, if it is one of the terms.
    fn weight(&self, word: &str) -> Option<f32> {
        if !self.could.may_match(word) {
            return None;
        }
        with_term(word, |term| {
            if term.chars().any(char::is_uppercase) {
                self.weights.get(&term.to_lowercase()).copied()
            } else {
                self.weights.get(term).copied()
            }
        })
    }
}

impl sparse::Weigh for Highlighter {
    fn weigh(&self, word: &str) -> Option<f32> {
        self.weight(word)
    }
}

/// `candidate` in place of `best` if it matched and weighs more.
fn keep_better(best: &mut Option<Candidate>, candidate: Candidate) {
    if candidate.score > 0.0 && best.as_ref().is_none_or(|b| candidate.score > b.score) {
        *best = Some(candidate);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use tantivy::snippet::SnippetGenerator;

    use super::*;
    use crate::index::analyzers::snippet_analyzer;

    /// What tantivy's generator finds, with highlights in text offsets.
    fn tantivy_best(weights: &[(&str, f32)], text: &str, max_chars: usize) -> Fragment {
        let terms: BTreeMap<String, f32> =
            weights.iter().map(|(t, w)| (t.to_string(), *w)).collect();
        let analyzer = snippet_analyzer(terms.keys().map(String::as_str));
        let field = tantivy::schema::Field::from_field_id(0);
        let generator = SnippetGenerator::new(terms, analyzer, field, max_chars);
        let snippet = generator.snippet(text);
        let start = snippet.fragment_range().start;
        Fragment {
            range: snippet.fragment_range(),
            highlighted: snippet
                .highlighted()
                .iter()
                .map(|h| h.start + start..h.end + start)
                .collect(),
        }
    }

    fn ours(weights: &[(&str, f32)], text: &str, max_chars: usize) -> Fragment {
        Highlighter::new(weights.iter().map(|(t, w)| (t.to_string(), *w)), max_chars).best(text)
    }

    /// Every text of the shipped corpus, in windows as search reads them.
    fn corpus_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts = Vec::new();
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.expect("walk corpus");
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                let end = text.floor_char_boundary(20_000);
                texts.push(text[..end].to_owned());
            }
        }
        texts
    }

    #[test]
    fn the_same_fragment_and_highlights_as_tantivy_on_the_shipped_corpus() {
        let texts = corpus_texts();
        assert!(texts.len() >= 5, "the shipped corpus is read");
        let queries: &[&[(&str, f32)]] = &[
            &[("council", 0.01)],
            &[("caseload", 0.2)],
            &[("hous", 0.05), ("grant", 0.1)],
            &[("water", 0.1), ("qualiti", 0.2), ("inspect", 0.3)],
            &[("minut", 0.02), ("approv", 0.02), ("1", 0.5)],
            &[("die", 0.3), ("committe", 0.01)],
        ];
        let mut matched = 0;
        for text in &texts {
            for weights in queries {
                for max_chars in [60, 240, 16_384] {
                    let expected = tantivy_best(weights, text, max_chars);
                    matched += usize::from(!expected.highlighted.is_empty());
                    assert_eq!(ours(weights, text, max_chars), expected, "{weights:?}");
                }
            }
        }
        assert!(matched > 20, "most queries match somewhere: {matched}");
    }

    #[test]
    fn reading_only_the_words_that_may_match_finds_what_reading_every_word_finds() {
        let pieces = [
            "council",
            "Council",
            "COUNCILS",
            "councillor",
            "c",
            "C.o.",
            "D.f.E.",
            "d.F",
            "dying",
            "Dying",
            "die",
            "ÉLAN",
            "élan",
            "É.U.",
            "Æ",
            "æon",
            "x",
            " ",
            ".",
            ". ",
            "\n",
            "—",
            "cé",
            "naïve",
            "12/18",
            "2021",
            "’",
            "日本",
            "🙂",
            "ǅ",
            "a.b.c",
            "-",
            ",",
        ];
        let long = [
            "c".repeat(LONGEST_WORD),
            format!("co{}", "x".repeat(LONGEST_WORD)),
        ];
        let queries: &[&[(&str, f32)]] = &[
            &[("council", 0.01)],
            &[("council", 0.01), ("councillor", 0.3)],
            &[("die", 0.3), ("elan", 0.2)],
            &[("dfe", 0.5), ("ae", 0.1), ("aeon", 0.1)],
            &[("c", 0.5), ("co", 0.2)],
            &[("2021", 0.2), ("18", 0.1), ("naiv", 0.4), ("ce", 0.3)],
            &[("eu", 0.2), ("abc", 0.1), ("x", 0.05)],
        ];
        let mut state = 0x2545_f491u32;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as usize
        };
        let mut texts = corpus_texts();
        for _ in 0..1_500 {
            let mut text = String::new();
            for _ in 0..(next() % 60) {
                match next() % 50 {
                    0 => text.push_str(&long[next() % long.len()]),
                    _ => text.push_str(pieces[next() % pieces.len()]),
                }
                if next() % 3 > 0 {
                    text.push(' ');
                }
            }
            texts.push(text);
        }
        let mut read_sparsely = 0;
        for text in &texts {
            for weights in queries {
                for max_chars in [1, 5, 12, 60, 240] {
                    let h = Highlighter::new(
                        weights.iter().map(|(t, w)| (t.to_string(), *w)),
                        max_chars,
                    );
                    let every = h.best_reading_every_word(text);
                    assert_eq!(h.best(text), every, "{weights:?} {max_chars} {text:?}");
                    let first = h.first.as_ref().expect("terms start with ASCII");
                    read_sparsely +=
                        usize::from(sparse::best(text, first, &h, max_chars).is_some());
                }
            }
        }
        let all = texts.len() * queries.len() * 5;
        assert!(read_sparsely * 10 > all * 9, "{read_sparsely} of {all}");
    }

    #[test]
    fn the_weightier_fragment_wins_and_the_first_of_equals() {
        let text = "alpha beta. gamma beta beta. beta gamma";
        let two = ours(&[("beta", 1.0)], text, 12);
        assert_eq!(&text[two.range.clone()], "beta. beta");
        assert_eq!(two.highlighted, [23..27, 29..33]);
        let first = ours(&[("gamma", 1.0)], text, 12);
        assert_eq!(first.highlighted, vec![12..17]);
        assert_eq!(first, tantivy_best(&[("gamma", 1.0)], text, 12));
        assert_eq!(ours(&[("delta", 1.0)], text, 12), Fragment::default());
        // Acronyms, long words and words that are not stemmed alike.
        let odd = format!(
            "D.f.E. dying {} {} élan Dying",
            "x".repeat(60),
            "y".repeat(48)
        );
        for w in [("dfe", 1.0), ("die", 1.0), ("elan", 1.0)] {
            assert_eq!(ours(&[w], &odd, 40), tantivy_best(&[w], &odd, 40), "{w:?}");
        }
        // A word too long to index does not start a fragment.
        let long = format!("aa {} {} élan", "b".repeat(12), "y".repeat(LONGEST_WORD));
        let elan = ours(&[("elan", 1.0)], &long, 60);
        assert_eq!(&long[elan.range.clone()], "élan");
        assert_eq!(elan, tantivy_best(&[("elan", 1.0)], &long, 60));
    }
}
