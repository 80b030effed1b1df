//! Settings resolved once from the flags and the environment, as ripgrep
//! resolves its flags: the folders, whether stdout and stderr are terminals,
//! and whether to colour. Subcommands ask these, never the environment.

use std::io::{self, BufWriter, IsTerminal};
use std::path::PathBuf;

use anstream::{AutoStream, ColorChoice};
use anyhow::Result;

use super::args::{Cli, ColorWhen};
use super::progress::Bar;
use crate::index::{self, OpenIndex};
use crate::pipeline::{self, BuildOptions, BuildSummary};
use crate::render::{Format, RenderOptions};

/// Everything a subcommand needs to know about where it runs.
#[derive(Debug, Clone)]
pub struct Settings {
    pub index: PathBuf,
    pub corpus: PathBuf,
    pub config: Option<PathBuf>,
    /// Colour on stdout: `--color`, else NO_COLOR, CLICOLOR_FORCE, TERM and
    /// whether stdout is a terminal, as anstream decides them.
    pub color: bool,
    pub quiet: bool,
    pub stderr_tty: bool,
}

/// Where results go: stdout, buffered, with escape codes stripped when
/// colour is off.
pub type Out = BufWriter<AutoStream<io::StdoutLock<'static>>>;

impl Settings {
    pub fn new(cli: &Cli) -> Settings {
        let stdout = io::stdout();
        let choice = match cli.color {
            ColorWhen::Always => ColorChoice::Always,
            ColorWhen::Never => ColorChoice::Never,
            ColorWhen::Auto => AutoStream::choice(&stdout),
        };
        Settings {
            index: cli.index.clone(),
            corpus: cli.corpus.clone(),
            config: cli.config.clone(),
            color: choice != ColorChoice::Never,
            quiet: cli.quiet,
            stderr_tty: io::stderr().is_terminal(),
        }
    }

    /// The locked, buffered stdout.
    pub fn stdout(&self) -> Out {
        let choice = if self.color {
            ColorChoice::AlwaysAnsi
        } else {
            ColorChoice::Never
        };
        BufWriter::new(AutoStream::new(io::stdout().lock(), choice))
    }

    /// The locked, buffered stdout for output in `format`. JSON escapes
    /// every control character itself and is never coloured: it is written
    /// as it is, where stripping escape codes from it would read every
    /// byte to find none.
    pub fn stdout_for(&self, format: Format) -> Out {
        match format {
            Format::Json => BufWriter::new(AutoStream::new(
                io::stdout().lock(),
                ColorChoice::AlwaysAnsi,
            )),
            Format::Text | Format::Csv => self.stdout(),
        }
    }

    /// How to render in `format` for this terminal.
    pub fn render_options(&self, format: impl Into<Format>) -> RenderOptions {
        RenderOptions {
            format: format.into(),
            color: self.color,
            full_text: false,
        }
    }

    /// A build of the corpus into the index with the default options.
    /// Print `value` as one JSON line on stdout (a run's `--json` summary).
    pub fn print_json(&self, value: &impl serde::Serialize) -> anyhow::Result<()> {
        use std::io::Write;
        let mut out = self.stdout_for(Format::Json);
        serde_json::to_writer(&mut out, value)?;
        writeln!(out)?;
        out.flush()?;
        Ok(())
    }

    pub fn build_options(&self) -> BuildOptions {
        let mut options = BuildOptions::new(self.corpus.clone(), self.index.clone());
        options.config.clone_from(&self.config);
        options
    }

    /// Build or refresh the index, with a progress bar on a terminal.
    pub fn build(&self, options: &BuildOptions) -> Result<BuildSummary> {
        let bar = Bar::new(self.stderr_tty && !self.quiet, "files");
        Ok(pipeline::build(options, &bar)?)
    }

    /// [`Settings::open_or_build`] for a command that reads the index and
    /// exits: the index stays open until the process ends, and the system
    /// unmaps its files then, in one go. Closing them one by one first took
    /// a fifteenth of a search process with no hits (0.25 ms of 3.9 at six
    /// segments). Not for `serve`, which must let go of files a rebuild
    /// deletes.
    pub fn open_until_exit(&self) -> Result<&'static OpenIndex> {
        Ok(Box::leak(Box::new(self.open_or_build()?)))
    }

    /// Open the index, building it from the corpus first when there is none.
    pub fn open_or_build(&self) -> Result<OpenIndex> {
        if index::exists(&self.index) {
            let open = index::open(&self.index)?;
            if open.info.is_some() {
                return Ok(open);
            }
        }
        if !self.corpus.is_dir() {
            return Err(anyhow::anyhow!(
                "there is no index in {}, and the corpus folder {} does not exist to build one from; pass --index DIR for an existing index, or --corpus DIR (or MINUTES_CORPUS) for the folder of documents to index",
                self.index.display(),
                self.corpus.display()
            ));
        }
        eprintln!(
            "minutes: no index in {} yet; building it from {} first",
            self.index.display(),
            self.corpus.display()
        );
        self.build(&self.build_options())?;
        Ok(index::open(&self.index)?)
    }
}
