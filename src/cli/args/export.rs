//! The flags of `minutes export`.

use clap::{Args, ValueEnum};

use super::FilterArgs;

pub const EXPORT_HELP: &str = "\
Each line is one record, {\"type\": \"record\", \"schema\": \"minutes-export/1\", ...},
with every field 'show --format json' prints (its text and decision fields
included) and its index history: indexed, indexed_run, first_indexed,
first_run and key (the record across renames and edits); another engine
keys records by id. The shape is described by
schemas/export-record.v1.schema.json. Records come straight from the index,
so an export of tens of thousands of records takes seconds; the line count
equals the record count of 'minutes stats'. A closing note on stderr names
the index run exported.

With --changes-since RUN, a nightly job keeps another engine in step: upsert
each record line by its id, delete each delete line's id, and keep the
summary's run for the next night. Filters narrow the upserts only.

Examples:
  minutes export > records.jsonl
  minutes export --changes-since 41 > changes.jsonl
  minutes export --council kent --from 2018-01-01 | gzip > kent.jsonl.gz
  minutes export caseload --kind resolution | jq -r .id
  minutes export --format opensearch-bulk | curl -s -H 'Content-Type: application/x-ndjson' \\
    -X POST localhost:9200/_bulk --data-binary @-";

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only records matching this query (the syntax of 'search'); every record when none is given.
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,

    /// Only what changed after index run RUN: a record line (an upsert) for each record of every
    /// file written since, a {"type": "delete", "id": ...} line for each record removed since, and
    /// a closing {"type": "summary", ...} line whose "run" is the RUN to pass next time.
    #[arg(long, value_name = "RUN")]
    pub changes_since: Option<u64>,

    /// Output format: jsonl (default), or opensearch-bulk (OpenSearch / Elasticsearch _bulk NDJSON: an index action before each record, delete actions, by _id = id; the change summary goes to stderr).
    #[arg(long, value_enum, default_value_t = ExportFormatArg::Jsonl, value_name = "FORMAT")]
    pub format: ExportFormatArg,

    /// The OpenSearch / Elasticsearch index the bulk actions name.
    #[arg(long, value_name = "NAME", default_value = "minutes")]
    pub target: String,

    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    Jsonl,
    OpensearchBulk,
}
