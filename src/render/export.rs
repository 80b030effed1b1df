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

/// How exported lines are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFormat {
    /// One record (or `delete`) per line, and a closing `summary` for a
    /// change set.
    Jsonl,
    /// OpenSearch / Elasticsearch `_bulk` NDJSON into index `target`: an
    /// `index` action and the record, or a `delete` action, by `_id` = id.
    OpensearchBulk { target: String },
}

#[derive(Serialize)]
struct Action<'a> {
    #[serde(rename = "_index")]
    index: &'a str,
    #[serde(rename = "_id")]
    id: &'a str,
}

/// Write one record.
pub fn line(out: &mut dyn Write, format: &ExportFormat, record: &Record) -> io::Result<()> {
    if let ExportFormat::OpensearchBulk { target } = format {
        let action = Action {
            index: target,
            id: &record.id,
        };
        json::message(out, &serde_json::json!({ "index": action }))?;
    }
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

/// Write a deletion.
pub fn delete(out: &mut dyn Write, format: &ExportFormat, id: &str) -> io::Result<()> {
    match format {
        ExportFormat::Jsonl => json::message(
            out,
            &DeleteOut {
                message: "delete",
                id,
            },
        ),
        ExportFormat::OpensearchBulk { target } => {
            let action = Action { index: target, id };
            json::message(out, &serde_json::json!({ "delete": action }))
        }
    }
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
