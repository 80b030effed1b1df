//! The command line: clap types in [`args`], settings resolved once in
//! [`settings`], and one small file per subcommand. Everything here turns
//! flags into the library's option structs, calls the library, and prints;
//! `anyhow` is used only at this edge.

pub mod args;
mod completions;
mod export;
mod fetch;
mod index;
mod list;
mod man;
mod names;
mod progress;
mod resolutions;
mod search;
mod serve;
mod settings;
mod show;
mod stats;
mod trends;
mod watch;

use std::io;
use std::process::ExitCode;

use args::{Cli, Command};
pub use settings::Settings;

use crate::index::IndexError;
use crate::search::SearchError;

/// Exit codes, also listed in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success, including a search with no hits.
    Success = 0,
    /// Something failed; the message says what.
    Error = 1,
    /// The command line was wrong (clap uses 2 too), or asked for more than
    /// a search reads (a query too long or too deeply nested, results past
    /// the result window).
    Usage = 2,
    /// Another `minutes index` holds the index.
    Locked = 3,
}

/// Run a parsed command line and say how the process should exit.
pub fn run(cli: Cli) -> ExitCode {
    let settings = Settings::new(&cli);
    let result = match cli.command {
        Command::Index(args) => index::run(&settings, &args),
        Command::Search(args) => search::run(&settings, &args),
        Command::Resolutions(args) => resolutions::run(&settings, &args),
        Command::Trends(args) => trends::run(&settings, &args),
        Command::Show(args) => show::run(&settings, &args),
        Command::Stats(args) => stats::run(&settings, &args),
        Command::Names(args) => names::run(&settings, &args),
        Command::Export(args) => export::run(&settings, &args),
        Command::Fetch(args) => fetch::run(&settings, &args),
        Command::Serve(args) => serve::run(&settings, &args),
        Command::Watch(args) => watch::run(&settings, &args),
        Command::Completions(args) => completions::run(&settings, &args),
        Command::Man(args) => man::run(&settings, &args),
    };
    match result {
        Ok(()) => ExitCode::from(Exit::Success as u8),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(Exit::Success as u8),
        Err(err) => {
            eprintln!("minutes: {err:#}");
            let code = match (
                err.downcast_ref::<IndexError>(),
                err.downcast_ref::<SearchError>(),
            ) {
                (Some(IndexError::Locked(_)), _) => Exit::Locked,
                (_, Some(SearchError::Query(_) | SearchError::Window { .. })) => Exit::Usage,
                _ => Exit::Error,
            };
            ExitCode::from(code as u8)
        }
    }
}

/// Whether any error in the chain, or inside an I/O error of it, is a
/// closed pipe: `minutes search x | head -1` is a success.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let mut next: Option<&(dyn std::error::Error + 'static)> = Some(cause);
        while let Some(e) = next {
            if let Some(io) = e.downcast_ref::<io::Error>() {
                if io.kind() == io::ErrorKind::BrokenPipe {
                    return true;
                }
                if let Some(inner) = io.get_ref() {
                    next = Some(inner);
                    continue;
                }
            }
            next = e.source();
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_pipe_is_found_however_deep() {
        let pipe = io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(&anyhow::Error::new(pipe)));
        let wrapped = io::Error::other(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(is_broken_pipe(
            &anyhow::Error::new(wrapped).context("writing hits")
        ));
        let other = io::Error::from(io::ErrorKind::NotFound);
        assert!(!is_broken_pipe(&anyhow::Error::new(other)));
    }
}
