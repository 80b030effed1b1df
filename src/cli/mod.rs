//! The command line: clap types in [`args`], one small file per subcommand.
//! Everything here turns flags into the library's option structs, calls the
//! library, and prints; `anyhow` is used only at this edge.

pub mod args;
mod index;
mod progress;
mod search;
mod show;
mod stats;

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use args::{Cli, ColorWhen, Command};

use crate::index::IndexError;

/// Exit codes, also listed in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success, including a search with no hits.
    Success = 0,
    /// Something failed; the message says what.
    Error = 1,
    /// The command line was wrong (clap uses 2 too).
    Usage = 2,
    /// Another `minutes index` holds the index.
    Locked = 3,
}

/// Settings resolved once from flags and the environment.
#[derive(Debug, Clone)]
pub struct Context {
    pub index: std::path::PathBuf,
    pub corpus: std::path::PathBuf,
    pub color: bool,
    pub quiet: bool,
    pub stderr_tty: bool,
}

impl Context {
    fn new(cli: &Cli) -> Context {
        let stdout_tty = io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match cli.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => stdout_tty && !no_color,
        };
        Context {
            index: cli.index.clone(),
            corpus: cli.corpus.clone(),
            color,
            quiet: cli.quiet,
            stderr_tty: io::stderr().is_terminal(),
        }
    }
}

impl Context {
    /// How to render in `format` for this terminal.
    pub fn render_options(
        &self,
        format: impl Into<crate::render::Format>,
    ) -> crate::render::RenderOptions {
        crate::render::RenderOptions {
            format: format.into(),
            color: self.color,
            full_text: false,
        }
    }
}

/// Run a parsed command line and say how the process should exit.
pub fn run(cli: Cli) -> ExitCode {
    let ctx = Context::new(&cli);
    let result = match cli.command {
        Command::Index(args) => index::run(&ctx, &args),
        Command::Search(args) => search::run(&ctx, &args),
        Command::Resolutions(args) => search::run_resolutions(&ctx, &args),
        Command::Trends(args) => search::run_trends(&ctx, &args),
        Command::Show(args) => show::run(&ctx, &args),
        Command::Stats(args) => stats::run(&ctx, &args),
    };
    match result {
        Ok(()) => ExitCode::from(Exit::Success as u8),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(Exit::Success as u8),
        Err(err) => {
            eprintln!("minutes: {err:#}");
            let code = match err.downcast_ref::<IndexError>() {
                Some(IndexError::Locked(_)) => Exit::Locked,
                _ => Exit::Error,
            };
            ExitCode::from(code as u8)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe))
    })
}
