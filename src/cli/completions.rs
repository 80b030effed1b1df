//! `minutes completions SHELL`: a completion script, from the same clap
//! definitions as `--help`.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use super::Settings;
use super::args::{Cli, CompletionsArgs};

pub fn run(settings: &Settings, args: &CompletionsArgs) -> Result<()> {
    let mut out = settings.stdout();
    clap_complete::generate(args.shell, &mut Cli::command(), "minutes", &mut out);
    out.flush()?;
    Ok(())
}
