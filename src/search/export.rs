//! Every record (or those matching a query and filters), read straight from
//! the store in index order with its full text, for `minutes export`.

use std::collections::HashSet;

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use super::{SearchError, records};
use crate::index::OpenIndex;
use crate::model::Record;
use crate::query::{self, Filters, QueryOptions};

/// Which sources' records to read.
#[derive(Debug, Clone, Copy)]
pub enum Sources<'a> {
    All,
    /// Only these (the files a change set wrote).
    Only(&'a HashSet<String>),
}

/// Hand each record of `sources` matching `text` and `filters` to `each`,
/// in index order, with its text; returns how many there were.
pub fn each_record<E: From<SearchError>>(
    open: &OpenIndex,
    text: &str,
    filters: &Filters,
    sources: Sources,
    mut each: impl FnMut(&Record) -> Result<(), E>,
) -> Result<u64, E> {
    let parsed = query::build(
        &open.index,
        &open.fields,
        text,
        filters,
        QueryOptions::default(),
    )
    .map_err(SearchError::from)?;
    let query: Box<dyn Query> = match sources {
        Sources::All => parsed.full,
        Sources::Only(set) => {
            let any_source: Vec<(Occur, Box<dyn Query>)> = set
                .iter()
                .map(|s| {
                    let term = Term::from_field_text(open.fields.source, s);
                    let q: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                    (Occur::Should, q)
                })
                .collect();
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, parsed.full),
                (Occur::Must, Box::new(BooleanQuery::new(any_source))),
            ]))
        }
    };
    let searcher = open.reader.searcher();
    let found: HashSet<DocAddress> = searcher
        .search(&*query, &DocSetCollector)
        .map_err(SearchError::from)?;
    let mut addresses: Vec<DocAddress> = found.into_iter().collect();
    addresses.sort_unstable();
    for &address in &addresses {
        let record = records::stored(&searcher, &open.fields, address)?;
        each(&record)?;
    }
    Ok(addresses.len() as u64)
}
