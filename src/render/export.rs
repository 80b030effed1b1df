//! `minutes export`: one JSON line per record with every field, its text
//! and its decision, in the versioned shape of
//! `schemas/export-record.v1.schema.json`.

use std::io::{self, Write};

use serde::Serialize;

use super::json;
use super::wire::{RecordOut, utc};
use crate::model::Record;

/// The shape's name and version, in every line: a consumer can refuse a
/// version it does not know.
pub const SCHEMA: &str = "minutes-export/1";

/// One exported record.
#[derive(Debug, Serialize)]
pub struct ExportOut<'a> {
    #[serde(flatten)]
    pub record: RecordOut<'a>,
    pub schema: &'static str,
    /// When the record's text was first indexed (UTC), and by which run.
    pub indexed: Option<String>,
    pub indexed_run: u64,
    /// When the record first appeared, in whatever words, and by which run.
    pub first_indexed: Option<String>,
    pub first_run: u64,
    /// Names the record across renames and edits (16 hex digits); another
    /// engine keys records by `id`, which deletes name.
    pub key: String,
}

impl<'a> ExportOut<'a> {
    pub fn new(r: &'a Record) -> Self {
        ExportOut {
            record: RecordOut::new(r),
            schema: SCHEMA,
            indexed: utc(r.indexed.at),
            indexed_run: r.indexed.run,
            first_indexed: utc(r.history.first.at),
            first_run: r.history.first.run,
            key: format!("{:016x}", r.history.key),
        }
    }
}

/// Write one record as a JSON line.
pub fn line(out: &mut dyn Write, record: &Record) -> io::Result<()> {
    json::message(out, &ExportOut::new(record))
}

/// A record removed since the run asked for: delete it by `id`.
#[derive(Debug, Serialize)]
pub struct DeleteOut<'a> {
    #[serde(rename = "type")]
    pub message: &'static str,
    pub id: &'a str,
}

/// The closing line of `--changes-since`.
#[derive(Debug, Serialize)]
pub struct ChangesOut {
    #[serde(rename = "type")]
    pub message: &'static str,
    pub since: u64,
    /// The run to pass as `--changes-since` next time.
    pub run: u64,
    pub upserts: usize,
    pub deletes: usize,
}

/// Write a `delete` line.
pub fn delete(out: &mut dyn Write, id: &str) -> io::Result<()> {
    json::message(
        out,
        &DeleteOut {
            message: "delete",
            id,
        },
    )
}

/// Write the closing `summary` line of a change set.
pub fn changes_summary(
    out: &mut dyn Write,
    since: u64,
    run: u64,
    upserts: usize,
    deletes: usize,
) -> io::Result<()> {
    json::message(
        out,
        &ChangesOut {
            message: "summary",
            since,
            run,
            upserts,
            deletes,
        },
    )
}
