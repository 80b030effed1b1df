//! Reading records back from the store: by address, by id, and a
//! segment's text as the slice of its document's stored text.

use tantivy::collector::TopDocs;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use super::SearchError;
use crate::index::stored::StoredDoc;
use crate::index::{Fields, OpenIndex};
use crate::model::Record;

/// The record stored at `address`; a segment's body is still empty.
pub fn stored(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
) -> Result<Record, SearchError> {
    let doc: StoredDoc = searcher.doc(address)?;
    Ok(fields.to_record(doc))
}

/// The stored document with id `id`.
fn doc_by_id(
    searcher: &Searcher,
    fields: &Fields,
    id: &str,
) -> Result<Option<StoredDoc>, SearchError> {
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

/// The record with id `id`, its text included.
pub fn get(open: &OpenIndex, id: &str) -> Result<Option<Record>, SearchError> {
    let searcher: Searcher = open.reader.searcher();
    let fields: &Fields = &open.fields;
    let Some(doc) = doc_by_id(&searcher, fields, id)? else {
        return Ok(None);
    };
    Ok(Some(fields.to_record(doc)))
}
