//! The best passage of a record's text for a query, with the matched
//! words' byte ranges: searched window by window, so a 1 MB gazette costs
//! no more than its first matching window, then squashed to one line.

use std::ops::Range;

use std::collections::BTreeSet;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::Snippet;
use super::fragment::Highlighter;

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 240;
/// Bytes of text searched for a snippet at a time ...
pub(super) const SNIPPET_WINDOW: usize = 8 * 1024;
/// ... and at most this many windows: snippet work is bounded on huge texts.
const SNIPPET_WINDOWS: usize = 16;

/// How far before the first match a snippet may start, in bytes.
const LEAD: usize = 100;

/// A highlighter for `query`'s terms in `field`, at most `max_chars` a
/// fragment, each term weighted by how rare it is, as tantivy's
/// `SnippetGenerator::create` weighs them.
pub fn generator(
    searcher: &Searcher,
    query: &dyn Query,
    field: Field,
    max_chars: usize,
) -> tantivy::Result<Highlighter> {
    let mut terms: BTreeSet<&Term> = BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term);
        }
    });
    let mut weights: Vec<(String, f32)> = Vec::new();
    for term in terms {
        let value = term.value();
        let Some(text) = value.as_str() else {
            continue;
        };
        let docs = searcher.doc_freq(term)?;
        if docs > 0 {
            weights.push((text.to_owned(), 1.0 / (1.0 + docs as f32)));
        }
    }
    Ok(Highlighter::new(weights, max_chars))
}

/// The best passage of `body` with a little lead-in, or its opening when no
/// word matched there (the match was in the title, or there were no words).
pub fn make_snippet(generator: Option<&Highlighter>, body: &str) -> Snippet {
    if let Some(generator) = generator {
        // Look for the passage window by window, so a 1 MB gazette costs no
        // more than its first matching window.
        let mut from = 0;
        for _ in 0..SNIPPET_WINDOWS {
            if from >= body.len() {
                break;
            }
            let mut to = body.floor_char_boundary(from + SNIPPET_WINDOW);
            if to < body.len() {
                // End the window at a line break so no word is cut in two.
                to = body[from..to].rfind('\n').map_or(to, |i| from + i + 1);
            }
            let found = generator.best(&body[from..to]);
            if !found.highlighted.is_empty() {
                let range = from + found.range.start..from + found.range.end;
                let start = lead_in(body, range.start);
                let mut text = String::new();
                if start > 0 {
                    text.push_str("… ");
                }
                // Highlights are in the window; the text starts at `start`.
                let shift = from + text.len();
                text.push_str(&body[start..range.end]);
                if range.end < body.len() {
                    text.push_str(" …");
                }
                let highlights: Vec<Range<usize>> = found
                    .highlighted
                    .iter()
                    .map(|h| h.start + shift - start..h.end + shift - start)
                    .collect();
                let first = found.highlighted.first().map_or(0, |h| from + h.start);
                let highlights = whole_identifiers(&text, highlights);
                return Snippet {
                    at: first,
                    ..squash(&text, &highlights)
                };
            }
            from = to;
        }
    }
    squash(&body[..body.floor_char_boundary(SNIPPET_CHARS)], &[])
}

/// Every matched word of `body` (up to `max` of them), window by window,
/// for a record's page: the whole text with its matches marked.
pub fn all_highlights(generator: &Highlighter, body: &str, max: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < body.len() && out.len() < max {
        let mut to = body.floor_char_boundary(from + SNIPPET_WINDOW);
        if to < body.len() {
            to = body[from..to].rfind('\n').map_or(to, |i| from + i + 1);
        }
        let found = generator.best(&body[from..to]);
        let marks = found
            .highlighted
            .iter()
            .map(|h| h.start + from..h.end + from)
            .collect();
        out.extend(whole_identifiers(body, marks));
        from = to;
    }
    out.truncate(max);
    out
}

/// Highlights joined across one separator inside an identifier: "153"
/// and "18" of "153-18", "12" and "18" of "12/18" are one match.
fn whole_identifiers(text: &str, highlights: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(highlights.len());
    for h in highlights {
        if let Some(last) = out.last_mut()
            && h.start == last.end + 1
            && text
                .get(last.end..h.start)
                .is_some_and(|sep| ["-", "/", "."].contains(&sep))
        {
            last.end = h.end;
            continue;
        }
        out.push(h);
    }
    out
}

/// One line: every run of whitespace becomes one space, and the highlight
/// ranges move with the text.
fn squash(text: &str, highlights: &[Range<usize>]) -> Snippet {
    let mut out = String::with_capacity(text.len());
    // map[i] = position in `out` of byte i of `text`.
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        while map.len() < i {
            map.push(out.len());
        }
        map.push(out.len());
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    while map.len() <= text.len() {
        map.push(out.len());
    }
    let highlights = highlights
        .iter()
        .filter(|r| r.start < r.end)
        .filter_map(|r| {
            let (start, end) = (*map.get(r.start)?, *map.get(r.end)?);
            Some(start..end.max(start))
        })
        .collect();
    Snippet {
        text: out.trim_end().to_owned(),
        highlights,
        at: 0,
    }
}

/// Where a snippet whose first match is at `at` should start: after the
/// last sentence or line break in the `LEAD` bytes before it, else at a word.
fn lead_in(body: &str, at: usize) -> usize {
    let from = body.floor_char_boundary(at.saturating_sub(LEAD));
    let window = &body[from..at];
    if let Some(i) = window
        .rfind(['\n'])
        .or_else(|| window.rfind(". ").map(|i| i + 1))
    {
        return from + i + 1;
    }
    if from == 0 {
        return 0;
    }
    window.find(' ').map_or(at, |i| from + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_in_starts_at_a_sentence_or_word() {
        let body = "First sentence here. Second sentence mentions caseload now.";
        let at = body.find("caseload").unwrap();
        assert_eq!(&body[lead_in(body, at)..at], "Second sentence mentions ");
        let long = format!("{}caseload", "word ".repeat(40));
        let at = long.find("caseload").unwrap();
        let start = lead_in(&long, at);
        assert!(start > 0 && long[..start].ends_with(' '));
        assert!(at - start <= LEAD);
    }

    #[test]
    fn squash_collapses_whitespace_and_moves_highlights() {
        let text = "a  b\n\ncaseload  x";
        let at = text.find("caseload").unwrap();
        let matched = at..at + 8;
        let s = squash(text, std::slice::from_ref(&matched));
        assert_eq!(s.text, "a b caseload x");
        assert_eq!(&s.text[s.highlights[0].clone()], "caseload");
    }

    #[test]
    fn snippets_come_from_deep_in_a_long_text() {
        let index = tantivy::Index::create_in_ram(crate::index::schema::schema());
        crate::index::schema::register_tokenizers(&index);
        let fields = crate::index::Fields::of(&index.schema()).unwrap();
        // The generator only highlights words the index holds.
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_text(fields.body, "pelican");
        writer.add_document(doc).unwrap();
        writer.commit().unwrap();
        let parsed = crate::query::build(
            &index,
            &fields,
            "pelican",
            &crate::query::Filters::default(),
            crate::query::QueryOptions::default(),
        )
        .unwrap();
        let searcher = index.reader().unwrap().searcher();
        let generator = generator(&searcher, &*parsed.text, fields.body, 150).unwrap();
        let body = format!(
            "{}\nthe pelican crossing was approved\n",
            "filler words here\n".repeat(5000)
        );
        let s = make_snippet(Some(&generator), &body);
        assert_eq!(s.highlights.len(), 1, "{s:?}");
        assert_eq!(&s.text[s.highlights[0].clone()], "pelican");
        assert_eq!(
            s.at,
            body.find("pelican").unwrap(),
            "where the match is in the body"
        );
        // Beyond the windows searched, the opening is shown instead.
        let far = format!("{}\npelican\n", "filler words here\n".repeat(40_000));
        assert!(make_snippet(Some(&generator), &far).highlights.is_empty());
    }

    #[test]
    fn identifiers_are_highlighted_whole() {
        let text = "Ord. No. 153-18 and minute 12/18, then 7 - 8";
        let at = |s: &str| text.find(s).unwrap();
        let parts = vec![
            at("153")..at("153") + 3,
            at("-18") + 1..at("-18") + 3,
            at("12/")..at("12/") + 2,
            at("/18") + 1..at("/18") + 3,
            at("7 -")..at("7 -") + 1,
            at("- 8") + 2..at("- 8") + 3,
        ];
        let merged: Vec<&str> = whole_identifiers(text, parts)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(merged, ["153-18", "12/18", "7", "8"]);
    }

    #[test]
    fn opening_is_used_when_nothing_matched() {
        let s = make_snippet(None, "Line one\nline two");
        assert_eq!(s.text, "Line one line two");
        assert!(s.highlights.is_empty());
    }
}
