//! `minutes stats`: what the index holds and where the gaps are.

use std::io::{BufWriter, Write};

use anyhow::Result;

use super::Context;
use super::args::StatsArgs;
use crate::index;
use crate::render;

pub fn run(ctx: &Context, args: &StatsArgs) -> Result<()> {
    let open = index::open(&ctx.index)?;
    let stats = index::stats(&open)?;
    let options = ctx.render_options(args.format);
    let mut out = BufWriter::new(std::io::stdout().lock());
    render::stats(&mut out, &stats, options)?;
    out.flush()?;
    Ok(())
}
