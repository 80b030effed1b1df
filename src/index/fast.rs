//! Reading fast fields by their [`Field`] handle, never by a name spelled
//! out here: the name comes from the segment's schema, so it cannot drift
//! from `schema.rs`. A column the schema says is fast but a segment cannot
//! open is an error for the caller, never a silent skip.

use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::Field;
use tantivy::{DateTime, DocId, SegmentReader, TantivyError};

/// The name of `field` in `segment`'s schema.
fn name(segment: &SegmentReader, field: Field) -> &str {
    segment.schema().get_field_name(field)
}

/// A u64 fast field.
pub fn u64s(segment: &SegmentReader, field: Field) -> tantivy::Result<Column<u64>> {
    segment.fast_fields().u64(name(segment, field))
}

/// The value of a u64 fast field at documents of any segment of a
/// searcher, each segment's column opened once, when first asked for.
pub struct U64s<'a> {
    searcher: &'a tantivy::Searcher,
    field: Field,
    columns: std::collections::HashMap<u32, Column<u64>>,
}

impl<'a> U64s<'a> {
    pub fn new(searcher: &'a tantivy::Searcher, field: Field) -> U64s<'a> {
        U64s {
            searcher,
            field,
            columns: std::collections::HashMap::new(),
        }
    }

    /// The first value of the record at `address`.
    pub fn first(&mut self, address: tantivy::DocAddress) -> tantivy::Result<Option<u64>> {
        let column = match self.columns.entry(address.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(u64s(
                self.searcher.segment_reader(address.segment_ord),
                self.field,
            )?),
        };
        Ok(column.first(address.doc_id))
    }
}

/// A date fast field.
pub fn dates(segment: &SegmentReader, field: Field) -> tantivy::Result<Column<DateTime>> {
    segment.fast_fields().date(name(segment, field))
}

/// A string fast field; `None` when no record of the segment has a value.
pub fn strs(segment: &SegmentReader, field: Field) -> tantivy::Result<Option<StrColumn>> {
    segment.fast_fields().str(name(segment, field))
}

/// A string fast field with its dictionary read once, so looking up a
/// record's value costs no decompression.
pub struct Strings {
    column: StrColumn,
    terms: Vec<String>,
}

impl Strings {
    /// The column of `field` in `segment`, or `None` if no record has it.
    pub fn open(segment: &SegmentReader, field: Field) -> tantivy::Result<Option<Strings>> {
        let Some(column) = strs(segment, field)? else {
            return Ok(None);
        };
        let mut terms = Vec::with_capacity(column.num_terms());
        let mut stream = column.dictionary().stream()?;
        while stream.advance() {
            terms.push(String::from_utf8_lossy(stream.key()).into_owned());
        }
        Ok(Some(Strings { column, terms }))
    }

    /// The column of a field every record has: its absence means the
    /// segment is not one of ours.
    pub fn required(segment: &SegmentReader, field: Field) -> tantivy::Result<Strings> {
        Strings::open(segment, field)?.ok_or_else(|| {
            TantivyError::SchemaError(format!(
                "a segment has no values for the field '{}', which every record has",
                name(segment, field)
            ))
        })
    }

    /// The value of `doc`.
    pub fn get(&self, doc: DocId) -> Option<&str> {
        self.name(self.ord(doc)?)
    }

    /// The ordinal of `doc`'s value.
    pub fn ord(&self, doc: DocId) -> Option<u64> {
        self.column.ords().first(doc)
    }

    /// The value with ordinal `ord`.
    pub fn name(&self, ord: u64) -> Option<&str> {
        self.terms.get(ord as usize).map(String::as_str)
    }
}
