//! The `minutes` binary: parse the command line and hand it to the library.

use std::process::ExitCode;

use clap::Parser;
use minutes::cli::{self, args::Cli};

fn main() -> ExitCode {
    cli::run(Cli::parse())
}
