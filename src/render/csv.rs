//! CSV: a header row, then one row a hit (or trend bucket), with a column for
//! every field the JSON line has, in the same order. Values are flattened:
//! null is an empty cell, a list is its items joined by `;`, and a range
//! `[start, end]` (in a list, or the `pages` of a hit) is written
//! `start-end`. The `csv` crate does the quoting.

use std::io::{self, Write};

use serde_json::Value;

use super::wire::{HitOut, TrendOut};
use crate::search::{Hit, TrendRow};

/// A header row and one row per hit, ranked from `first_rank`.
pub fn hits(
    out: &mut dyn Write,
    hits: &[Hit],
    first_rank: usize,
    full_text: bool,
) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let header = object(&HitOut::empty(full_text))?;
    writer.write_record(header.keys()).map_err(io_error)?;
    for (i, hit) in hits.iter().enumerate() {
        let row = object(&HitOut::new(first_rank + i, hit, full_text))?;
        let cells = row.iter().map(|(key, value)| match (key.as_str(), value) {
            // A page range is one range, not a list of two pages.
            ("pages", Value::Array(pair)) => pair.iter().map(cell).collect::<Vec<_>>().join("-"),
            _ => cell(value),
        });
        writer.write_record(cells).map_err(io_error)?;
    }
    writer.flush()
}

/// A header row and one row per trend bucket.
pub fn trends(out: &mut dyn Write, rows: &[TrendRow], by: &str, per: &str) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(TrendOut::columns(by, per))
        .map_err(io_error)?;
    for row in rows {
        writer
            .write_record(TrendOut { by, per, row }.values())
            .map_err(io_error)?;
    }
    writer.flush()
}

/// The writer's own I/O error, so a closed pipe is still seen as one.
fn io_error(error: csv::Error) -> io::Error {
    if !error.is_io_error() {
        return io::Error::other(error);
    }
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        _ => io::Error::other("the CSV writer failed"),
    }
}

/// A wire message as a JSON object, its keys in field order.
fn object(message: &impl serde::Serialize) -> io::Result<serde_json::Map<String, Value>> {
    match serde_json::to_value(message)? {
        Value::Object(map) => Ok(map),
        _ => Err(io::Error::other("a CSV row must come from a JSON object")),
    }
}

/// One value as a cell.
pub fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::Array(pair) => pair.iter().map(cell).collect::<Vec<_>>().join("-"),
                other => cell(other),
            })
            .collect::<Vec<_>>()
            .join(";"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_ranges_and_nulls_flatten_to_one_cell() {
        assert_eq!(cell(&serde_json::json!(null)), "");
        assert_eq!(
            cell(&serde_json::json!(["document", "item"])),
            "document;item"
        );
        assert_eq!(cell(&serde_json::json!([[5, 14], [15, 19]])), "5-14;15-19");
        assert_eq!(cell(&serde_json::json!(true)), "true");
        assert_eq!(cell(&serde_json::json!("a, \"b\"")), "a, \"b\"");
    }
}
