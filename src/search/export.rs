//! Every record (or those matching a query and filters), read straight from
//! the store in index order with its full text, for `minutes export`.

use std::collections::{HashMap, HashSet};

use tantivy::DocAddress;
use tantivy::collector::DocSetCollector;

use super::{SearchError, records};
use crate::index::OpenIndex;
use crate::model::Record;
use crate::query::{self, Filters, QueryOptions};

/// Documents whose text is kept while their segments are read; records of
/// one source are stored side by side, so a few are enough.
const PARENTS_KEPT: usize = 64;

/// Hand each record matching `text` and `filters` to `each`, in index
/// order, with its text; returns how many there were.
pub fn each_record<E: From<SearchError>>(
    open: &OpenIndex,
    text: &str,
    filters: &Filters,
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
    let searcher = open.reader.searcher();
    let found: HashSet<DocAddress> = searcher
        .search(&*parsed.full, &DocSetCollector)
        .map_err(SearchError::from)?;
    let mut addresses: Vec<DocAddress> = found.into_iter().collect();
    addresses.sort_unstable();
    let mut parents = HashMap::new();
    for &address in &addresses {
        let mut record = records::stored(&searcher, &open.fields, address)?;
        if parents.len() > PARENTS_KEPT {
            parents.clear();
        }
        records::fill_body(&searcher, &open.fields, &mut record, &mut parents)?;
        each(&record)?;
    }
    Ok(addresses.len() as u64)
}
