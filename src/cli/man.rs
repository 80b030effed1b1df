//! `minutes man`: the manual page in roff, from the same clap definitions
//! as `--help`; with `--dir`, one page per subcommand as well.

use std::io::Write;

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::Settings;
use super::args::{Cli, ManArgs};

pub fn run(settings: &Settings, args: &ManArgs) -> Result<()> {
    let command = Cli::command();
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create {}; pass another --dir", dir.display()))?;
        clap_mangen::generate_to(command, dir)
            .with_context(|| format!("cannot write the manual pages into {}", dir.display()))?;
        if !settings.quiet {
            eprintln!("minutes: wrote the manual pages into {}", dir.display());
        }
        return Ok(());
    }
    let mut out = settings.stdout();
    clap_mangen::Man::new(command).render(&mut out)?;
    out.flush()?;
    Ok(())
}
