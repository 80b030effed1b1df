//! `minutes show ID`: one record in full.

use std::io::{BufWriter, Write};

use anyhow::{Result, bail};

use super::Context;
use super::args::ShowArgs;
use crate::render;
use crate::search;

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<()> {
    let open = super::search::open_or_build(ctx)?;
    let Some(record) = search::get(&open, &args.id)? else {
        bail!(
            "there is no record '{}' in {}; ids look like 'path/to/file.txt#0' and are printed by 'minutes search'",
            args.id,
            ctx.index.display()
        );
    };
    let options = ctx.render_options(args.format);
    let mut out = BufWriter::new(std::io::stdout().lock());
    render::record(&mut out, &record, options)?;
    out.flush()?;
    Ok(())
}
