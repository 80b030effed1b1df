//! A stored document as a search reads it back: each field's values as
//! tantivy decoded them, owned, so a record's text moves into the record.
//! tantivy's own document type copies every value into a buffer of its
//! own, and taking the text out of that copies it again: for a long
//! document, two passes over its text that showing a hit does not need.
//! [`Fields::to_record`] makes the record of one.

use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Facet, Field, OwnedValue, Value};

use super::history::stored_time;
use super::keys::origin_from_string;
use super::schema::{Fields, from_datetime};
use crate::model::{Extracted, Fingerprint, Kind, Metadata, PageStarts, Pages, Record, Sourced};

/// The stored fields of one document, in the order they were written.
#[derive(Debug, Default)]
pub struct StoredDoc {
    values: Vec<(Field, OwnedValue)>,
}

impl StoredDoc {
    /// The first value of `field`.
    pub fn get_first(&self, field: Field) -> Option<&OwnedValue> {
        self.get_all(field).next()
    }

    /// Every value of `field`, in order.
    pub fn get_all(&self, field: Field) -> impl Iterator<Item = &OwnedValue> {
        self.values
            .iter()
            .filter(move |(f, _)| *f == field)
            .map(|(_, v)| v)
    }

    /// The first text of `field`, moved out (an empty text is left).
    pub fn take_str(&mut self, field: Field) -> Option<String> {
        self.values.iter_mut().find_map(|(f, v)| match v {
            OwnedValue::Str(s) if *f == field => Some(std::mem::take(s)),
            _ => None,
        })
    }
}

impl DocumentDeserialize for StoredDoc {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut values = Vec::with_capacity(deserializer.size_hint());
        while let Some(value) = deserializer.next_field::<OwnedValue>()? {
            values.push(value);
        }
        Ok(StoredDoc { values })
    }
}

impl Fields {
    /// Read a stored document back into a record, its text included.
    pub fn to_record(&self, mut doc: StoredDoc) -> Record {
        // Moved, not copied: it is most of a document's bytes.
        let body = doc.take_str(self.text).unwrap_or_default();
        let doc = &doc;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let origins = text(self.origins).unwrap_or_default();
        let origin = |name: &str| origin_from_string(&origins, name);
        let sourced = |field: Field, name: &str| Sourced {
            value: text(field),
            origin: origin(name),
        };
        let date = doc
            .get_first(self.date)
            .and_then(|v| v.as_datetime())
            .and_then(from_datetime);
        let topic = doc
            .get_all(self.topic)
            .filter_map(|v| v.as_facet())
            .filter_map(|f| Facet::from_encoded(f.as_bytes().to_vec()).ok())
            .map(|f| f.to_path_string())
            .collect();
        let id = text(self.id).unwrap_or_default();
        Record {
            kind: text(self.kind)
                .and_then(|k| Kind::parse(&k))
                .unwrap_or(Kind::Document),
            also: doc
                .get_all(self.kind)
                .skip(1)
                .filter_map(|v| v.as_str().and_then(Kind::parse))
                .collect(),
            meta: Metadata {
                council: sourced(self.council, "council"),
                committee: sourced(self.committee, "committee"),
                date: Sourced {
                    value: date,
                    origin: origin("date"),
                },
                title: Sourced {
                    value: text(self.title).or_else(|| text(self.file_title)),
                    origin: origin("title"),
                },
                url: sourced(self.url, "url"),
                topic,
            },
            body,
            number: text(self.number),
            decision: self.decision_of(doc),
            refs: doc
                .get_all(self.refs)
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            span: match (
                doc.get_first(self.span_start).and_then(|v| v.as_u64()),
                doc.get_first(self.span_end).and_then(|v| v.as_u64()),
            ) {
                (Some(start), Some(end)) => Some(start as usize..end as usize),
                _ => None,
            },
            pages: match (
                doc.get_first(self.page_first).and_then(|v| v.as_u64()),
                doc.get_first(self.page_last).and_then(|v| v.as_u64()),
            ) {
                (Some(first), Some(last)) => Some(Pages {
                    first: first as u32,
                    last: last as u32,
                }),
                _ => None,
            },
            // Kept in a fast field for stats only.
            blank_pages: 0,
            page_starts: PageStarts {
                // A document of one page stores no page starts.
                paged: doc.get_first(self.page_first).is_some(),
                starts: doc
                    .get_all(self.page_starts)
                    .filter_map(|v| v.as_u64())
                    .map(|s| s as usize)
                    .collect(),
            },
            fingerprint: Fingerprint {
                source: crate::model::source_of_id(&id).to_owned(),
                // Kept in a fast field for the next build only.
                hash: String::new(),
                stamp: 0,
            },
            id,
            indexed: stored_time(doc, self.indexed_at, self.run),
            history: self.history_of(doc),
            // Kept in fast fields for the next build only.
            extracted: Extracted::default(),
        }
    }
}

/// A document about to be written, as the store would give it back (for
/// tests of the conversions both ways).
#[cfg(test)]
impl From<&tantivy::TantivyDocument> for StoredDoc {
    fn from(doc: &tantivy::TantivyDocument) -> StoredDoc {
        StoredDoc {
            values: doc
                .field_values()
                .map(|(field, value)| (field, OwnedValue::from(value)))
                .collect(),
        }
    }
}
