//! `minutes export`: every record as JSON Lines, streamed from the index;
//! with `--changes-since`, only what changed after a run.

use std::collections::HashSet;
use std::io::Write;

use anyhow::Result;

use super::Settings;
use super::args::{ExportArgs, ExportFormatArg};
use super::list;
use crate::index::changes;
use crate::render;
use crate::render::export::ExportFormat;
use crate::search::{self, Sources};

pub fn run(settings: &Settings, args: &ExportArgs) -> Result<()> {
    let open = settings.open_until_exit()?;
    let format = match args.format {
        ExportFormatArg::Jsonl => ExportFormat::Jsonl,
        ExportFormatArg::OpensearchBulk => ExportFormat::OpensearchBulk {
            target: args.target.clone(),
        },
    };
    let filters = list::filters(&args.filters, open);
    // JSON lines, whichever the format.
    let mut out = settings.stdout_for(crate::render::Format::Json);
    let last = open.last_run();
    let Some(since) = args.changes_since else {
        let count = search::each_record(open, &args.query, &filters, Sources::All, |record| {
            render::export::line(&mut out, &format, record).map_err(anyhow::Error::from)
        })?;
        out.flush()?;
        if !settings.quiet {
            eprintln!(
                "minutes: exported {count} records from {} (index run {last}; pass --changes-since {last} next time)",
                settings.index.display(),
            );
        }
        return Ok(());
    };
    let changed = changes::since(&settings.index, since, last)?;
    let mut upserted = HashSet::new();
    let written = Sources::Only(&changed.written);
    search::each_record(open, &args.query, &filters, written, |record| {
        upserted.insert(record.id.clone());
        render::export::line(&mut out, &format, record).map_err(anyhow::Error::from)
    })?;
    let mut deletes = 0;
    for id in changed.removed.iter().filter(|id| !upserted.contains(*id)) {
        render::export::delete(&mut out, &format, id)?;
        deletes += 1;
    }
    let upserts = upserted.len();
    if format == ExportFormat::Jsonl {
        render::export::changes_summary(&mut out, since, last, upserts, deletes)?;
    }
    out.flush()?;
    if format != ExportFormat::Jsonl && !settings.quiet {
        // A bulk body holds actions only: the summary goes to stderr.
        eprintln!(
            "minutes: {upserts} upserts and {deletes} deletes since run {since}; pass --changes-since {last} next time"
        );
    }
    Ok(())
}
