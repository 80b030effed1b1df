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

/// What `open` gives for each segment of a searcher (columns, say),
/// opened once per segment, when first asked for.
pub struct PerSegment<'a, T, F> {
    searcher: &'a tantivy::Searcher,
    open: F,
    opened: std::collections::HashMap<u32, T>,
}

impl<'a, T, F> PerSegment<'a, T, F>
where
    F: Fn(&SegmentReader) -> tantivy::Result<T>,
{
    pub fn new(searcher: &'a tantivy::Searcher, open: F) -> PerSegment<'a, T, F> {
        PerSegment {
            searcher,
            open,
            opened: std::collections::HashMap::new(),
        }
    }

    /// What was opened for the segment of `address`.
    pub fn of(&mut self, address: tantivy::DocAddress) -> tantivy::Result<&T> {
        use std::collections::hash_map::Entry;
        Ok(match self.opened.entry(address.segment_ord) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert((self.open)(
                self.searcher.segment_reader(address.segment_ord),
            )?),
        })
    }
}

/// A u64 fast field's column for each segment of `searcher`, opened once.
pub fn u64_columns(
    searcher: &tantivy::Searcher,
    field: Field,
) -> PerSegment<'_, Column<u64>, impl Fn(&SegmentReader) -> tantivy::Result<Column<u64>>> {
    PerSegment::new(searcher, move |segment| u64s(segment, field))
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
