//! `minutes stats`: what the index holds and where the gaps are.

use std::io::{BufWriter, Write};

use anyhow::Result;

use super::Context;
use super::args::{ShowFormat, StatsArgs};
use crate::index;
use crate::render::{self, Format, RenderOptions};

pub fn run(ctx: &Context, args: &StatsArgs) -> Result<()> {
    let open = index::open(&ctx.index)?;
    let stats = index::stats(&open)?;
    let options = RenderOptions {
        format: match args.format {
            ShowFormat::Text => Format::Text,
            ShowFormat::Json => Format::Json,
        },
        color: ctx.color,
        full_text: false,
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    render::stats(&mut out, &stats, options)?;
    out.flush()?;
    Ok(())
}
