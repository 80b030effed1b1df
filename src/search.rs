//! Stage 6: run a query and collect hits with snippets.
//!
//! 1. [`crate::query::build`] turns words and filters into one query.
//! 2. One pass collects the top hits (by score, or by date through the date
//!    fast field) and the total count.
//! 3. Each hit's stored fields are read back into a record, and a
//!    `SnippetGenerator` made once per query picks the best passage of its
//!    body, with the matched words' byte ranges.

use std::collections::HashMap;
use std::ops::Range;

use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::Query;
use tantivy::query::TermQuery;
use tantivy::schema::Facet;
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use crate::index::{Fields, OpenIndex};
use crate::model::{Record, record_id};
use crate::query::{self, Filters};
use crate::tally::{Counts, Dim, NONE, Tally, UNDATED};

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 240;
/// Bytes of text searched for a snippet at a time ...
const SNIPPET_WINDOW: usize = 8 * 1024;
/// ... and at most this many windows: snippet work is bounded on huge texts.
const SNIPPET_WINDOWS: usize = 16;

/// The order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Oldest first; undated records last.
    Date,
    /// Newest first; undated records last.
    DateDesc,
}

/// One search.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    /// Keep each hit's full text in `record.body` (for resolutions).
    pub full_text: bool,
    /// Count all matching records per council, committee, year, kind, topic.
    pub facets: bool,
    /// Show records whose text is the same as a better hit's, instead of
    /// folding them into it.
    pub all: bool,
    /// Let words match with one typo.
    pub fuzzy: bool,
}

/// Counts of all matching records by one property, largest first.
pub type FacetCounts = Vec<(String, u64)>;

/// Counts of all matching records per council, committee, year, kind and
/// top-level topic. Each list adds up to the number of hits (a record of
/// two kinds counts under both; one with no value counts under "(none)").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    pub council: FacetCounts,
    pub committee: FacetCounts,
    pub year: FacetCounts,
    pub kind: FacetCounts,
    pub topic: FacetCounts,
}

/// One bucket of a trend: records and documents matching per value and period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendRow {
    pub value: String,
    pub period: String,
    pub records: u64,
    pub documents: u64,
}

/// A passage of a record's text with the matched words marked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of matched words in `text`.
    pub highlights: Vec<Range<usize>>,
}

/// One result.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The record's metadata; its body only with `full_text`.
    pub record: Record,
    /// BM25 score; absent when sorted by date.
    pub score: Option<f32>,
    pub snippet: Snippet,
    /// Ids of records with the same text folded into this hit (the same
    /// minutes saved under another path, an item that is one resolution).
    pub duplicates: Vec<String>,
    /// The record has only some of the words (shown after those with all).
    pub partial: bool,
}

/// The results of one search.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// How many records match in all.
    pub total: usize,
    pub hits: Vec<Hit>,
    pub warnings: Vec<String>,
    pub facets: Option<Facets>,
    /// Hits folded into the hits shown as duplicates.
    pub collapsed: usize,
    /// Records with some but not all of the words, when too few have all.
    pub partial: usize,
}

/// A failure inside the search engine.
#[derive(Debug, thiserror::Error)]
#[error("the search failed: {0}")]
pub struct SearchError(#[from] tantivy::TantivyError);

/// Run `request` against `open`.
pub fn search(open: &OpenIndex, request: &SearchRequest) -> Result<SearchResults, SearchError> {
    let searcher = open.reader.searcher();
    let fields = &open.fields;
    let parsed = query::build(
        &open.index,
        fields,
        &request.query,
        &request.filters,
        request.fuzzy,
        false,
    );
    let limit = request.limit.max(1);
    let wanted = request.offset + limit;
    // Folding duplicates needs more candidates than will be shown.
    let fetch = if request.all { wanted } else { wanted * 3 + 10 };
    let (total, addresses) = top_addresses(&searcher, &*parsed.full, request.sort, fetch)?;
    let mut groups = if request.all {
        addresses
            .into_iter()
            .map(|(s, a)| (s, a, Vec::new()))
            .collect()
    } else {
        group_duplicates(&searcher, addresses)?
    };
    // Too few records have every word: show those with some of them after.
    let mut partial = 0;
    let first_partial = groups.len();
    if request.sort == Sort::Relevance
        && groups.len() < wanted
        && query::plain_words(&request.query) >= 2
    {
        let any = query::build(
            &open.index,
            fields,
            &request.query,
            &request.filters,
            request.fuzzy,
            true,
        );
        let (any_total, more) =
            top_addresses(&searcher, &*any.full, Sort::Relevance, fetch + total)?;
        partial = any_total.saturating_sub(total);
        let seen: std::collections::HashSet<DocAddress> = groups
            .iter()
            .flat_map(|g| std::iter::once(g.1).chain(g.2.iter().copied()))
            .collect();
        let more: Vec<(Option<f32>, DocAddress)> = more
            .into_iter()
            .filter(|(_, a)| !seen.contains(a))
            .collect();
        if request.all {
            groups.extend(more.into_iter().map(|(s, a)| (s, a, Vec::new())));
        } else {
            groups.extend(group_duplicates(&searcher, more)?);
        }
    }
    let groups: Vec<(usize, Group)> = groups
        .into_iter()
        .enumerate()
        .skip(request.offset)
        .take(limit)
        .collect();
    let collapsed = groups.iter().map(|(_, g)| g.2.len()).sum();
    let snippets = if parsed.match_all {
        None
    } else {
        let mut generator = SnippetGenerator::create(&searcher, &*parsed.text, fields.body)?;
        generator.set_max_num_chars(SNIPPET_CHARS);
        Some(generator)
    };
    let mut hits = Vec::with_capacity(groups.len());
    let mut texts: HashMap<String, String> = HashMap::new();
    for (position, (score, address, dups)) in groups {
        let mut copies = Vec::with_capacity(1 + dups.len());
        for a in std::iter::once(address).chain(dups) {
            let doc: TantivyDocument = searcher.doc(a)?;
            copies.push(fields.to_record(&doc));
        }
        let mut record = copies.remove(preferred_copy(&copies));
        fill_body(&searcher, fields, &mut record, &mut texts)?;
        let snippet = make_snippet(snippets.as_ref(), &record.body);
        if !request.full_text {
            record.body = String::new();
        }
        let duplicates: Vec<String> = copies.into_iter().map(|r| r.id).collect();
        hits.push(Hit {
            record,
            score,
            snippet,
            duplicates,
            partial: position >= first_partial,
        });
    }
    let facets = if request.facets {
        Some(facets(&searcher, &*parsed.full)?)
    } else {
        None
    };
    Ok(SearchResults {
        total,
        hits,
        warnings: parsed.warnings,
        facets,
        collapsed,
        partial,
    })
}

/// The top `fetch` matches of `query` in `sort` order, and how many match.
fn top_addresses(
    searcher: &Searcher,
    query: &dyn Query,
    sort: Sort,
    fetch: usize,
) -> Result<(usize, Ranked), SearchError> {
    let top = TopDocs::with_limit(fetch.max(1));
    Ok(match sort {
        Sort::Relevance => {
            let (count, top) = searcher.search(query, &(Count, top.order_by_score()))?;
            (count, top.into_iter().map(|(s, a)| (Some(s), a)).collect())
        }
        Sort::Date | Sort::DateDesc => {
            let order = if sort == Sort::Date {
                Order::Asc
            } else {
                Order::Desc
            };
            let by_date = top.order_by_fast_field::<tantivy::DateTime>("date", order);
            let (count, top) = searcher.search(query, &(Count, by_date))?;
            (count, top.into_iter().map(|(_, a)| (None, a)).collect())
        }
    })
}

/// Matches in order, with their scores when ranked by relevance.
type Ranked = Vec<(Option<f32>, DocAddress)>;

/// A hit and the addresses of the later hits with the same text.
type Group = (Option<f32>, DocAddress, Vec<DocAddress>);

/// Fold hits whose text hash is the same into the first of them, keeping
/// the order.
fn group_duplicates(
    searcher: &Searcher,
    addresses: Vec<(Option<f32>, DocAddress)>,
) -> Result<Vec<Group>, SearchError> {
    let mut columns = HashMap::new();
    let mut groups: Vec<Group> = Vec::with_capacity(addresses.len());
    let mut by_hash: HashMap<u64, usize> = HashMap::new();
    for (score, address) in addresses {
        let column = match columns.entry(address.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(
                searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .u64("text_hash")?,
            ),
        };
        match column.first(address.doc_id) {
            Some(hash) => match by_hash.get(&hash) {
                Some(&i) => groups[i].2.push(address),
                None => {
                    by_hash.insert(hash, groups.len());
                    groups.push((score, address, Vec::new()));
                }
            },
            None => groups.push((score, address, Vec::new())),
        }
    }
    Ok(groups)
}

/// Which of several records with the same text to show: the copy filed
/// under its own meeting's date (minutes are often attached again to the
/// next meeting's papers), else the best ranked.
fn preferred_copy(copies: &[Record]) -> usize {
    copies
        .iter()
        .position(|r| {
            r.meta.date.value.is_some_and(|d| {
                r.fingerprint
                    .source
                    .contains(&d.format("%Y-%m-%d").to_string())
            })
        })
        .unwrap_or(0)
}

/// Count the records `query` matches by each facet, in one pass.
fn facets(searcher: &Searcher, query: &dyn Query) -> Result<Facets, SearchError> {
    let mut topics = FacetCollector::for_field("topic");
    topics.add_facet(Facet::root());
    let ((council, committee, year, kind), (topic_counts, total)) = searcher.search(
        query,
        &(
            (
                Tally::new(&[Dim::Council]).records_only(),
                Tally::new(&[Dim::Committee]).records_only(),
                Tally::new(&[Dim::Year]).records_only(),
                Tally::new(&[Dim::Kind]).records_only(),
            ),
            (topics, Count),
        ),
    )?;
    let list = |counts: Counts| -> FacetCounts {
        let mut v: FacetCounts = counts
            .into_iter()
            .map(|(k, c)| (k.into_iter().next().unwrap_or_default(), c.records))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    };
    let mut year = list(year);
    // Years read best in order, newest first, undated last.
    year.sort_by(|a, b| {
        (a.0 == UNDATED)
            .cmp(&(b.0 == UNDATED))
            .then_with(|| b.0.cmp(&a.0))
    });
    let mut topic: FacetCounts = topic_counts
        .get("/")
        .map(|(f, n)| (f.to_path_string(), n))
        .collect();
    let tagged: u64 = topic.iter().map(|(_, n)| n).sum();
    if (total as u64) > tagged {
        topic.push((NONE.to_owned(), total as u64 - tagged));
    }
    topic.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(Facets {
        council: list(council),
        committee: list(committee),
        year,
        kind: list(kind),
        topic,
    })
}

/// Records and documents matching `query` and `filters`, counted per value
/// of `by` and per `per` period (a year or a month).
pub fn trends(
    open: &OpenIndex,
    query: &str,
    filters: &Filters,
    by: Dim,
    per: Dim,
) -> Result<(Vec<TrendRow>, Vec<String>), SearchError> {
    let searcher = open.reader.searcher();
    let parsed = query::build(&open.index, &open.fields, query, filters, false, false);
    let counts = searcher.search(&*parsed.full, &Tally::new(&[by, per]))?;
    let rows = counts
        .into_iter()
        .map(|(key, c)| {
            let mut key = key.into_iter();
            TrendRow {
                value: key.next().unwrap_or_default(),
                period: key.next().unwrap_or_default(),
                records: c.records,
                documents: c.documents,
            }
        })
        .collect();
    Ok((rows, parsed.warnings))
}

/// How far before the first match a snippet may start, in bytes.
const LEAD: usize = 100;

/// The best passage of `body` with a little lead-in, or its opening when no
/// word matched there (the match was in the title, or there were no words).
fn make_snippet(generator: Option<&SnippetGenerator>, body: &str) -> Snippet {
    if let Some(generator) = generator {
        // Look for the passage window by window, so a 1 MB gazette costs no
        // more than its first matching window.
        let mut from = 0;
        for _ in 0..SNIPPET_WINDOWS {
            if from >= body.len() {
                break;
            }
            let mut to = floor_boundary(body, from + SNIPPET_WINDOW);
            if to < body.len() {
                // End the window at a line break so no word is cut in two.
                to = body[from..to].rfind('\n').map_or(to, |i| from + i + 1);
            }
            let found = generator.snippet(&body[from..to]);
            if !found.highlighted().is_empty() {
                let range = found.fragment_range();
                let range = from + range.start..from + range.end;
                let start = lead_in(body, range.start);
                let mut text = String::new();
                if start > 0 {
                    text.push_str("… ");
                }
                let shift = text.len() + range.start - start;
                text.push_str(&body[start..range.end]);
                if range.end < body.len() {
                    text.push_str(" …");
                }
                // Highlights are relative to the fragment.
                let highlights: Vec<Range<usize>> = found
                    .highlighted()
                    .iter()
                    .map(|h| h.start + shift..h.end + shift)
                    .collect();
                return squash(&text, &highlights);
            }
            from = to;
        }
    }
    squash(&body[..floor_boundary(body, SNIPPET_CHARS)], &[])
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
        .filter(|r| r.end <= text.len() && r.start < r.end)
        .map(|r| map[r.start]..map[r.end].max(map[r.start]))
        .collect();
    Snippet {
        text: out.trim_end().to_owned(),
        highlights,
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where a snippet whose first match is at `at` should start: after the
/// last sentence or line break in the `LEAD` bytes before it, else at a word.
fn lead_in(body: &str, at: usize) -> usize {
    let from = floor_boundary(body, at.saturating_sub(LEAD));
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

/// The stored document with id `id`.
fn doc_by_id(
    searcher: &Searcher,
    fields: &Fields,
    id: &str,
) -> Result<Option<TantivyDocument>, SearchError> {
    let query = TermQuery::new(
        Term::from_field_text(fields.id, id),
        IndexRecordOption::Basic,
    );
    let top = searcher.search(
        &query as &dyn Query,
        &TopDocs::with_limit(1).order_by_score(),
    )?;
    match top.first() {
        Some((_, address)) => Ok(Some(searcher.doc(*address)?)),
        None => Ok(None),
    }
}

/// Give a segment its text: the slice of its document's stored text.
/// Documents' texts are cached in `texts` by source.
fn fill_body(
    searcher: &Searcher,
    fields: &Fields,
    record: &mut Record,
    texts: &mut HashMap<String, String>,
) -> Result<(), SearchError> {
    let Some(span) = record.span.clone() else {
        return Ok(());
    };
    let source = record.fingerprint.source.clone();
    if !texts.contains_key(&source) {
        let parent = doc_by_id(searcher, fields, &record_id(&source, 0))?;
        let text = parent
            .map(|d| fields.to_record(&d).body)
            .unwrap_or_default();
        texts.insert(source.clone(), text);
    }
    let text = texts.get(&source).map_or("", String::as_str);
    record.body = text.get(span).unwrap_or_default().to_owned();
    Ok(())
}

/// The record with id `id`, its text included.
pub fn get(open: &OpenIndex, id: &str) -> Result<Option<Record>, SearchError> {
    let searcher: Searcher = open.reader.searcher();
    let fields: &Fields = &open.fields;
    let Some(doc) = doc_by_id(&searcher, fields, id)? else {
        return Ok(None);
    };
    let mut record = fields.to_record(&doc);
    fill_body(&searcher, fields, &mut record, &mut HashMap::new())?;
    Ok(Some(record))
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
        let fields = Fields::of(&index.schema()).unwrap();
        // The generator only highlights words the index holds.
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.body, "pelican");
        writer.add_document(doc).unwrap();
        writer.commit().unwrap();
        let parsed = query::build(
            &index,
            &fields,
            "pelican",
            &Filters::default(),
            false,
            false,
        );
        let searcher = index.reader().unwrap().searcher();
        let generator = SnippetGenerator::create(&searcher, &*parsed.text, fields.body).unwrap();
        let body = format!(
            "{}\nthe pelican crossing was approved\n",
            "filler words here\n".repeat(5000)
        );
        let s = make_snippet(Some(&generator), &body);
        assert_eq!(s.highlights.len(), 1, "{s:?}");
        assert_eq!(&s.text[s.highlights[0].clone()], "pelican");
        // Beyond the windows searched, the opening is shown instead.
        let far = format!("{}\npelican\n", "filler words here\n".repeat(40_000));
        assert!(make_snippet(Some(&generator), &far).highlights.is_empty());
    }

    #[test]
    fn the_copy_filed_with_its_own_meeting_is_shown() {
        let copy = |source: &str, date: Option<(i32, u32, u32)>| {
            let mut r = Record {
                id: format!("{source}#0"),
                kind: crate::model::Kind::Document,
                also: Vec::new(),
                meta: crate::model::Metadata::default(),
                body: String::new(),
                number: None,
                span: None,
                fingerprint: crate::model::Fingerprint::default(),
                indexed: crate::model::Indexed::default(),
            };
            r.fingerprint.source = source.to_owned();
            r.meta.date.value = date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d));
            r
        };
        let later = copy(
            "council/2025-02-13/9 January 2025 minutes.txt",
            Some((2025, 1, 9)),
        );
        let own = copy("council/2025-01-09/Printed minutes.txt", Some((2025, 1, 9)));
        assert_eq!(preferred_copy(&[later.clone(), own.clone()]), 1);
        assert_eq!(preferred_copy(&[own, later.clone()]), 0);
        // No copy under its own date: the best ranked stays.
        let undated = copy("council/2025-03-01/minutes.txt", None);
        assert_eq!(preferred_copy(&[later, undated]), 0);
    }

    #[test]
    fn opening_is_used_when_nothing_matched() {
        let s = make_snippet(None, "Line one\nline two");
        assert_eq!(s.text, "Line one line two");
        assert!(s.highlights.is_empty());
    }
}
