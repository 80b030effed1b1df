//! `minutes show ID`: one record in full.

use std::io::Write;

use anyhow::{Result, bail};

use super::Settings;
use super::args::ShowArgs;
use crate::render;
use crate::search;

pub fn run(settings: &Settings, args: &ShowArgs) -> Result<()> {
    let open = settings.open_until_exit()?;
    let Some(record) = search::get(open, &args.id)? else {
        bail!(
            "there is no record '{}' in {}; ids look like 'path/to/file.txt#0' and are printed by 'minutes search'",
            args.id,
            settings.index.display()
        );
    };
    let options = settings.render_options(args.format);
    let mut out = settings.stdout_for(options.format);
    render::record(&mut out, &record, options)?;
    out.flush()?;
    Ok(())
}
