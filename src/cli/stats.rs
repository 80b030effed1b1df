//! `minutes stats`: what the index holds and where the gaps are.

use std::io::Write;

use anyhow::Result;

use super::Settings;
use super::args::StatsArgs;
use crate::index;
use crate::render;

pub fn run(settings: &Settings, args: &StatsArgs) -> Result<()> {
    let open = index::open(&settings.index)?;
    let stats = index::stats(&open)?;
    let options = settings.render_options(args.format);
    let mut out = settings.stdout_for(options.format);
    render::stats(&mut out, &stats, options)?;
    out.flush()?;
    Ok(())
}
