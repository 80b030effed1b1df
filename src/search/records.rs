//! Reading records back from the store: by address, by id, and a
//! segment's text as the slice of its document's stored text.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::SearchError;
use crate::index::{Fields, OpenIndex};
use crate::model::{PageStarts, Record, record_id};

/// The record stored at `address`; a segment's body is still empty.
pub fn stored(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
) -> Result<Record, SearchError> {
    let doc: TantivyDocument = searcher.doc(address)?;
    Ok(fields.to_record(&doc))
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

/// What a segment takes from its document: the text and where its pages
/// begin.
#[derive(Debug, Default)]
pub struct Parent {
    text: String,
    page_starts: PageStarts,
}

/// Give a segment its text, the slice of its document's stored text, and
/// its document's page starts. Documents are cached in `parents` by source.
pub fn fill_body(
    searcher: &Searcher,
    fields: &Fields,
    record: &mut Record,
    parents: &mut HashMap<String, Parent>,
) -> Result<(), SearchError> {
    let Some(span) = record.span.clone() else {
        return Ok(());
    };
    let source = record.fingerprint.source.clone();
    if !parents.contains_key(&source) {
        let parent = doc_by_id(searcher, fields, &record_id(&source, 0))?
            .map(|d| {
                let r = fields.to_record(&d);
                Parent {
                    text: r.body,
                    page_starts: r.page_starts,
                }
            })
            .unwrap_or_default();
        parents.insert(source.clone(), parent);
    }
    if let Some(parent) = parents.get(&source) {
        record.body = parent.text.get(span).unwrap_or_default().to_owned();
        record.page_starts = parent.page_starts.clone();
    }
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
