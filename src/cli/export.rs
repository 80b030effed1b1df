//! `minutes export`: every record as JSON Lines, streamed from the index.

use std::io::Write;

use anyhow::Result;

use super::Settings;
use super::args::ExportArgs;
use super::list;
use crate::render;
use crate::search;

pub fn run(settings: &Settings, args: &ExportArgs) -> Result<()> {
    let open = settings.open_or_build()?;
    let filters = list::filters(&args.filters, &open);
    let mut out = settings.stdout();
    let count = search::each_record(&open, &args.query, &filters, |record| {
        render::export::line(&mut out, record).map_err(anyhow::Error::from)
    })?;
    out.flush()?;
    if !settings.quiet {
        eprintln!(
            "minutes: exported {count} records from {} (index run {})",
            settings.index.display(),
            open.last_run()
        );
    }
    Ok(())
}
