//! Stage 6: run a query and collect hits with snippets.
//!
//! 1. [`crate::query::build`] turns words and filters into one query.
//! 2. One pass collects the top matches (by score, ties by identity key,
//!    or by date through the date fast field, ties by text hash) and the
//!    total count; [`duplicates`] folds matches
//!    with the same text into the first of them.
//! 3. When too few records have every word, records with some of them
//!    follow, marked partial, ranked first by [`coverage`] (how many of
//!    the words, and how rare).
//! 4. Each hit's stored fields are read back into a record ([`records`]),
//!    and [`snippet`] picks the best passage of its text with a
//!    [`fragment::Highlighter`] made once per query.
//! 5. [`facets`] counts every match per council, committee, year, kind and
//!    topic, and [`trends`] per value and period, with the [`tally`]
//!    collector over fast fields.

mod coverage;
mod distinct;
mod duplicates;
mod export;
mod facets;
mod fragment;
mod passages;
mod records;
mod snippet;
pub mod tally;
mod top;
mod trends;

use std::collections::HashSet;
use std::ops::Range;

use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DocAddress, Searcher};

use crate::index::OpenIndex;
use crate::model::Record;
use crate::query::{self, Filters, QueryOptions, Words};
use duplicates::{Group, group_duplicates, preferred_copy, ungrouped};
pub use export::{Sources, each_record};
pub use passages::{MAX_MARKS, highlight, siblings};
pub use records::get;
pub use snippet::SNIPPET_CHARS;
pub use tally::Dim;
use top::{Ranked, Ranking, top_addresses};
pub use trends::{Trend, trends};

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
    /// Most recently indexed text first (what came in lately).
    Indexed,
}

/// Whether records with only some of the words follow those with all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Partial {
    /// After the full matches, when there are too few (relevance order).
    #[default]
    After,
    /// Never: an alert carries only records with every word.
    Never,
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
    pub partial: Partial,
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

impl Facets {
    /// Each facet's name and counts, in the order they are shown.
    pub fn groups(&self) -> [(&'static str, &FacetCounts); 5] {
        [
            ("council", &self.council),
            ("committee", &self.committee),
            ("year", &self.year),
            ("kind", &self.kind),
            ("topic", &self.topic),
        ]
    }
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
    /// Where the first matched word is in the record's text (bytes; 0
    /// when nothing matched).
    pub at: usize,
}

/// One result.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The record's metadata; its body only with `full_text`.
    pub record: Record,
    /// BM25 score; absent when sorted by date.
    pub score: Option<f32>,
    pub snippet: Snippet,
    /// The page of the snippet's first matched word, for documents with
    /// pages.
    pub page: Option<u32>,
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

/// The most results a search pages through (`offset + limit`), as
/// Elasticsearch's result window.
pub const MAX_WINDOW: usize = 10_000;

/// Why a search gave no results.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the search failed: {0}")]
    Engine(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Query(#[from] query::QueryError),
    #[error(
        "--offset {offset} with --limit {limit} asks for results up to {}; at most {max} can be paged through: narrow the search (--council, --committee, --from, --to, more words)",
        offset + limit
    )]
    Window {
        offset: usize,
        limit: usize,
        max: usize,
    },
}

/// Run `request` against `open`.
pub fn search(open: &OpenIndex, request: &SearchRequest) -> Result<SearchResults, SearchError> {
    let limit = request.limit.max(1);
    let wanted = request.offset.saturating_add(limit);
    if wanted > MAX_WINDOW {
        return Err(SearchError::Window {
            offset: request.offset,
            limit,
            max: MAX_WINDOW,
        });
    }
    let searcher = open.reader.searcher();
    let parsed = parse(open, request, Words::All)?;
    // Folding copies needs more candidates than will be shown: fetch more
    // until the page is full or every match is in.
    let mut fetch = if request.all { wanted } else { wanted * 3 + 10 };
    // Counted in the first round only: more candidates do not change it.
    let mut counted = None;
    let (total, mut groups) = loop {
        let ranking = Ranking {
            sort: request.sort,
            fetch,
            count: counted.is_none(),
            folded: !request.all,
        };
        let (count, addresses) = top_addresses(&searcher, open, &*parsed.full, ranking)?;
        let total = *counted.get_or_insert(count.unwrap_or_default());
        let fetched = addresses.len();
        let groups = fold(&searcher, open, request, addresses)?;
        if request.all || groups.len() >= wanted || fetched < fetch {
            break (total, groups);
        }
        fetch = fetch.saturating_mul(4);
    };
    let first_partial = groups.len();
    let mut partial = 0;
    if request.sort == Sort::Relevance
        && request.partial == Partial::After
        && groups.len() < wanted
        && query::plain_words(&request.query) >= 2
    {
        partial = with_some_words(&searcher, open, request, fetch + total, &mut groups)?
            .saturating_sub(total);
    }
    let page: Vec<(usize, Group)> = groups
        .into_iter()
        .enumerate()
        .skip(request.offset)
        .take(limit)
        .collect();
    let collapsed = page.iter().map(|(_, g)| g.copies.len()).sum();
    let snippets = if parsed.match_all {
        None
    } else {
        Some(snippet::generator(
            &searcher,
            &*parsed.text,
            open.fields.body,
            SNIPPET_CHARS,
        )?)
    };
    let mut hits = Vec::with_capacity(page.len());
    let mut namer = duplicates::Namer::new(&searcher, &open.fields);
    for (position, group) in page {
        let mut hit = hit(&searcher, open, &mut namer, group, snippets.as_ref())?;
        hit.partial = position >= first_partial;
        if !request.full_text {
            hit.record.body = String::new();
        }
        hits.push(hit);
    }
    let facets = if request.facets {
        Some(facets::facets(
            &searcher,
            &open.fields,
            &*parsed.full,
            !request.all,
        )?)
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

/// The request's query, matching `words` of it.
fn parse(
    open: &OpenIndex,
    request: &SearchRequest,
    words: Words,
) -> Result<query::Parsed, query::QueryError> {
    let options = QueryOptions {
        fuzzy: request.fuzzy,
        words,
    };
    query::build(
        &open.index,
        &open.fields,
        &request.query,
        &request.filters,
        options,
    )
}

/// Matches as groups: folded by text unless `--all`.
fn fold(
    searcher: &Searcher,
    open: &OpenIndex,
    request: &SearchRequest,
    addresses: Ranked,
) -> Result<Vec<Group>, SearchError> {
    if request.all {
        Ok(ungrouped(addresses))
    } else {
        group_duplicates(searcher, &open.fields, addresses)
    }
}

/// Add the records that have some but not all of the words after `groups`;
/// returns how many records have any of the words.
fn with_some_words(
    searcher: &Searcher,
    open: &OpenIndex,
    request: &SearchRequest,
    fetch: usize,
    groups: &mut Vec<Group>,
) -> Result<usize, SearchError> {
    let any = parse(open, request, Words::Any)?;
    let ranking = Ranking {
        sort: Sort::Relevance,
        fetch,
        count: true,
        folded: !request.all,
    };
    // Records with more of the words, and rarer ones, first: a long text
    // that repeats two common words is not ranked above one with the rare
    // word the search is about.
    let coverage = coverage::query(searcher, open, &request.query)?;
    let ranked: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
        (Occur::Must, any.full.box_clone()),
        (Occur::Should, coverage),
    ]));
    let (any_total, more) = top_addresses(searcher, open, &*ranked, ranking)?;
    let any_total = any_total.unwrap_or_default();
    let seen: HashSet<DocAddress> = groups.iter().flat_map(Group::addresses).collect();
    let more: Ranked = more
        .into_iter()
        .filter(|(_, a)| !seen.contains(a))
        .collect();
    groups.extend(fold(searcher, open, request, more)?);
    Ok(any_total)
}

/// One group as a hit: the preferred copy's record with its text and
/// snippet, the other copies' ids as duplicates.
fn hit(
    searcher: &Searcher,
    open: &OpenIndex,
    namer: &mut duplicates::Namer,
    group: Group,
    snippets: Option<&fragment::Highlighter>,
) -> Result<Hit, SearchError> {
    // Only the copy shown is read; the others are named from fast fields.
    let addresses: Vec<DocAddress> = group.addresses().collect();
    let mut copies = if addresses.len() > 1 {
        namer.copies(addresses.iter().copied())?
    } else {
        Vec::new()
    };
    let shown = preferred_copy(&copies);
    let address = addresses.get(shown).copied().unwrap_or(group.address);
    let record = records::stored(searcher, &open.fields, address)?;
    if !copies.is_empty() {
        copies.remove(shown);
    }
    let snippet = snippet::make_snippet(snippets, &record.body);
    let page = record.page_at(snippet.at);
    Ok(Hit {
        record,
        score: group.score,
        snippet,
        page,
        duplicates: copies.into_iter().map(|r| r.id).collect(),
        partial: false,
    })
}
