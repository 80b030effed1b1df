//! What a record's page needs beyond the record: its matched words over
//! the whole text, and the other records of the same source (the items
//! and resolutions of one meeting's minutes).

use std::collections::HashSet;
use std::ops::Range;

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use super::{SearchError, records, snippet};
use crate::index::OpenIndex;
use crate::model::Record;
use crate::query::{self, Filters, QueryOptions};

/// The most matches marked on one page.
pub const MAX_MARKS: usize = 2_000;

/// Byte ranges of the words of `query` in `text`, as search highlights
/// them (stemmed, quoted words exact); none for no words.
pub fn highlight(
    open: &OpenIndex,
    query_text: &str,
    text: &str,
) -> Result<Vec<Range<usize>>, SearchError> {
    let parsed = query::build(
        &open.index,
        &open.fields,
        query_text,
        &Filters::default(),
        QueryOptions::default(),
    )?;
    if parsed.match_all {
        return Ok(Vec::new());
    }
    let searcher = open.reader.searcher();
    // One fragment per window: every match in it is marked.
    let generator = snippet::generator(
        &searcher,
        &*parsed.text,
        open.fields.body,
        2 * snippet::SNIPPET_WINDOW,
    )?;
    Ok(snippet::all_highlights(&generator, text, MAX_MARKS))
}

/// Every record of `source` without its text, in order: the document,
/// then its meetings, items and resolutions.
pub fn siblings(open: &OpenIndex, source: &str) -> Result<Vec<Record>, SearchError> {
    let searcher = open.reader.searcher();
    let query = TermQuery::new(
        Term::from_field_text(open.fields.source, source),
        IndexRecordOption::Basic,
    );
    let found: HashSet<DocAddress> = searcher.search(&query, &DocSetCollector)?;
    let mut out = Vec::with_capacity(found.len());
    for address in found {
        let mut record = records::stored(&searcher, &open.fields, address)?;
        record.body = String::new();
        out.push(record);
    }
    out.sort_by_key(|r| number_in_source(&r.id));
    Ok(out)
}

/// The `n` of an id `source#n`.
fn number_in_source(id: &str) -> u64 {
    crate::model::part_of_id(id).unwrap_or(u64::MAX)
}
