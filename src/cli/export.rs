//! `minutes export`: every record as JSON Lines, streamed from the index;
//! with `--changes-since`, only what changed after a run.

use std::collections::HashSet;
use std::io::Write;

use anyhow::Result;

use super::Settings;
use super::args::ExportArgs;
use super::list;
use crate::index::changes;
use crate::render;
use crate::search::{self, Sources};

pub fn run(settings: &Settings, args: &ExportArgs) -> Result<()> {
    let open = settings.open_or_build()?;
    let filters = list::filters(&args.filters, &open);
    let mut out = settings.stdout();
    let last = open.last_run();
    let Some(since) = args.changes_since else {
        let count = search::each_record(&open, &args.query, &filters, Sources::All, |record| {
            render::export::line(&mut out, record).map_err(anyhow::Error::from)
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
    search::each_record(&open, &args.query, &filters, written, |record| {
        upserted.insert(record.id.clone());
        render::export::line(&mut out, record).map_err(anyhow::Error::from)
    })?;
    let mut deletes = 0;
    for id in changed.removed.iter().filter(|id| !upserted.contains(*id)) {
        render::export::delete(&mut out, id)?;
        deletes += 1;
    }
    render::export::changes_summary(&mut out, since, last, upserted.len(), deletes)?;
    out.flush()?;
    Ok(())
}
