//! Stage 5: the user's query and flags to one tantivy query.
//!
//! The query text goes through tantivy's `QueryParser` over title (boosted)
//! and body, with AND between words and lenient parsing: a syntax problem
//! becomes a warning, never a failure. Each filter is its own `Must` clause
//! built from terms, never spliced into the user's string, so a council named
//! "AND (" cannot change what the query means.

mod either;

use std::ops::Bound;

use chrono::NaiveDate;
use tantivy::Index;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};

use crate::index::Fields;
use crate::index::schema::{NAME_ANALYZER, name_analyzer, to_datetime};
use crate::model::{Kind, Outcome};

/// How much more a word in the title counts than one in the body.
pub const TITLE_BOOST: f32 = 2.0;

/// The longest query read, in characters.
pub const MAX_QUERY_CHARS: usize = 10_000;
/// The deepest nesting of parentheses read: deeper queries would exhaust
/// the parser's stack.
pub const MAX_QUERY_DEPTH: usize = 32;

/// A query that is refused before it is parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error(
        "the query is {chars} characters long; at most {max} are read: search for fewer words, or narrow with --council, --committee, --from and --to"
    )]
    TooLong { chars: usize, max: usize },
    #[error(
        "the query nests parentheses {depth} deep; at most {max} levels are read: remove the extra parentheses"
    )]
    TooDeep { depth: usize, max: usize },
}

/// Refuse a query too long or too deeply nested to parse safely.
pub fn check(text: &str) -> Result<(), QueryError> {
    let chars = text.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong {
            chars,
            max: MAX_QUERY_CHARS,
        });
    }
    let (mut depth, mut deepest, mut quoted) = (0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > MAX_QUERY_DEPTH {
        return Err(QueryError::TooDeep {
            depth: deepest,
            max: MAX_QUERY_DEPTH,
        });
    }
    Ok(())
}

/// Filters that narrow a search; every one given must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Every word must appear in the council's name (case-insensitive).
    pub council: Option<String>,
    /// Every word must appear in the committee's name (case-insensitive).
    pub committee: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kind: Option<Kind>,
    /// Only resolutions that went this way.
    pub outcome: Option<Outcome>,
    /// A topic path; matches the topic and everything below it.
    pub topic: Option<String>,
    /// Only records first indexed by this run (`--new`).
    pub run: Option<u64>,
    /// Only records first indexed on or after this day (UTC).
    pub indexed_since: Option<NaiveDate>,
    /// Only records whose text was first indexed after this run (what a
    /// saved search has not shown yet).
    pub after_run: Option<u64>,
}

/// A topic as the user writes it ("Children ") as the filter compares it.
pub fn topic_path(topic: &str) -> String {
    topic.trim().to_lowercase()
}

/// A query ready to run.
pub struct Parsed {
    /// The user's words alone: what snippets highlight.
    pub text: Box<dyn Query>,
    /// The words and every filter.
    pub full: Box<dyn Query>,
    /// Problems with the query's syntax, in words.
    pub warnings: Vec<String>,
    /// True when the user gave no words (every record matches).
    pub match_all: bool,
}

/// How many words of a query must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Words {
    /// Every word (the default).
    #[default]
    All,
    /// Any of them: the "some of the words" hits.
    Any,
}

/// How to read the user's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueryOptions {
    /// Let each word match with one typo.
    pub fuzzy: bool,
    pub words: Words,
}

/// How many plain words `text` has, or 0 when it uses query syntax (quotes,
/// fields, operators, wildcards): only plain words may be loosened to "some
/// of the words".
pub fn plain_words(text: &str) -> usize {
    let syntax = text.split_whitespace().any(|w| {
        w.contains(['"', ':', '*', '(', ')', '~', '^', '[', ']', '{', '}'])
            || w.starts_with(['+', '-'])
            || ["AND", "OR", "NOT", "IN"].contains(&w)
    });
    if syntax {
        0
    } else {
        text.split_whitespace().count()
    }
}

/// Build the query for `text` and `filters`, reading the words as
/// `options` says.
pub fn build(
    index: &Index,
    fields: &Fields,
    text: &str,
    filters: &Filters,
    options: QueryOptions,
) -> Result<Parsed, QueryError> {
    check(text)?;
    let mut warnings = Vec::new();
    let match_all = text.trim().is_empty();
    // What snippets highlight: the words as typed, stemmed; what matches:
    // quoted words as written.
    let (text_query, words_query): (Box<dyn Query>, Box<dyn Query>) = if match_all {
        (Box::new(AllQuery), Box::new(AllQuery))
    } else {
        let mut parser = QueryParser::for_index(index, vec![fields.title, fields.body]);
        if options.words == Words::All {
            parser.set_conjunction_by_default();
        }
        parser.set_field_boost(fields.title, TITLE_BOOST);
        parser.set_field_boost(fields.title_exact, TITLE_BOOST);
        if options.fuzzy {
            parser.set_field_fuzzy(fields.title, false, 1, true);
            parser.set_field_fuzzy(fields.body, false, 1, true);
        }
        let (query, errors) = parser.parse_query_lenient(text);
        warnings.extend(errors.iter().map(|e| {
            format!("part of the query '{text}' could not be read ({e}); searching for the rest")
        }));
        let exact = exact_quotes(text);
        let words = match exact {
            std::borrow::Cow::Borrowed(_) => query.box_clone(),
            std::borrow::Cow::Owned(rewritten) => parser.parse_query_lenient(&rewritten).0,
        };
        (query, words)
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, words_query)];
    if let Some(council) = &filters.council {
        clauses.push((Occur::Must, name_filter(fields.council, council)));
    }
    if let Some(committee) = &filters.committee {
        clauses.push((Occur::Must, name_filter(fields.committee, committee)));
    }
    if filters.from.is_some() || filters.to.is_some() {
        let bound = |d: Option<NaiveDate>| match d {
            Some(d) => Bound::Included(Term::from_field_date(fields.date, to_datetime(d))),
            None => Bound::Unbounded,
        };
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(bound(filters.from), bound(filters.to))),
        ));
    }
    if let Some(run) = filters.run {
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_u64(fields.run, run),
                IndexRecordOption::Basic,
            )),
        ));
    }
    if let Some(after) = filters.after_run {
        let from = Term::from_field_u64(fields.run, after);
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(Bound::Excluded(from), Bound::Unbounded)),
        ));
    }
    if let Some(since) = filters.indexed_since {
        let from = Term::from_field_date(fields.indexed_at, to_datetime(since));
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(Bound::Included(from), Bound::Unbounded)),
        ));
    }
    if let Some(kind) = filters.kind {
        clauses.push((Occur::Must, term(fields.kind, kind.as_str())));
    }
    if let Some(outcome) = filters.outcome {
        clauses.push((Occur::Must, term(fields.outcome, outcome.as_str())));
    }
    if let Some(topic) = &filters.topic {
        let path = if topic.starts_with('/') {
            topic.clone()
        } else {
            format!("/{topic}")
        };
        let query: Box<dyn Query> = match Facet::from_text(&path) {
            Ok(facet) => Box::new(TermQuery::new(
                Term::from_facet(fields.topic, &facet),
                IndexRecordOption::Basic,
            )),
            Err(_) => Box::new(EmptyQuery),
        };
        clauses.push((Occur::Must, query));
    }
    let full: Box<dyn Query> = match clauses.len() {
        1 => clauses.remove(0).1,
        _ => Box::new(BooleanQuery::new(clauses)),
    };
    let full = either::seekable(full);
    Ok(Parsed {
        text: text_query,
        full,
        warnings,
        match_all,
    })
}

/// `text` with each quoted phrase that names no field made to match the
/// words as written, in the text or the title: `"parking"` becomes
/// `(body_exact:"parking" OR title_exact:"parking")`, a slop (`"a b"~2`)
/// kept with it.
fn exact_quotes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('"') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() * 3);
    let mut rest = text;
    while let Some(open) = rest.find('"') {
        let Some(len) = rest[open + 1..].find('"') else {
            break;
        };
        let before = &rest[..open];
        let mut end = open + len + 2;
        let slop = rest[end..].strip_prefix('~').map_or(0, |s| {
            1 + s.chars().take_while(char::is_ascii_digit).count()
        });
        end += slop;
        let phrase = &rest[open..end];
        out.push_str(before);
        if before.ends_with(':') {
            out.push_str(phrase);
        } else {
            out.push_str(&format!("(body_exact:{phrase} OR title_exact:{phrase})"));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// Every word of `value`, as the name analyzer sees it, must be in `field`.
fn name_filter(field: Field, value: &str) -> Box<dyn Query> {
    let mut analyzer = name_analyzer();
    let mut stream = analyzer.token_stream(value);
    let mut words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    while let Some(token) = stream.next() {
        words.push((Occur::Must, term(field, &token.text)));
    }
    debug_assert!(!NAME_ANALYZER.is_empty());
    if words.is_empty() {
        // A filter with no words in it matches nothing rather than everything.
        return Box::new(EmptyQuery);
    }
    Box::new(BooleanQuery::new(words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_words_match_as_written() {
        assert_eq!(exact_quotes("parking fees"), "parking fees");
        assert_eq!(
            exact_quotes("\"parking\" fees"),
            "(body_exact:\"parking\" OR title_exact:\"parking\") fees"
        );
        assert_eq!(
            exact_quotes("\"car park\"~2 OR title:\"parks\""),
            "(body_exact:\"car park\"~2 OR title_exact:\"car park\"~2) OR title:\"parks\""
        );
        // An unclosed quote is left for the parser to report.
        assert_eq!(exact_quotes("\"open"), "\"open");
    }

    #[test]
    fn only_plain_words_count() {
        assert_eq!(plain_words("social worker recruitment"), 3);
        assert_eq!(plain_words("caseload"), 1);
        assert_eq!(plain_words("\"improvement board\" ofsted"), 0);
        assert_eq!(plain_words("caseload OR workload"), 0);
        assert_eq!(plain_words("title:ofsted board"), 0);
        assert_eq!(plain_words("ofsted -inadequate"), 0);
        assert_eq!(plain_words("R2018-077 council"), 2);
    }
}
