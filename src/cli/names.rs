//! `minutes names`: councils and committees with their aliases.

use std::io::Write;

use anyhow::Result;

use super::Settings;
use super::args::NamesArgs;
use crate::index;
use crate::render;

pub fn run(settings: &Settings, args: &NamesArgs) -> Result<()> {
    let open = index::open(&settings.index)?;
    let names = index::names(&open)?;
    let options = settings.render_options(args.format);
    let mut out = settings.stdout_for(options.format);
    render::names(&mut out, &names, options)?;
    out.flush()?;
    Ok(())
}
