//! `minutes watch`: saved searches and what is new to them.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::{RecordFilterArgs, ShowFormat};

pub const WATCH_HELP: &str = "A saved search is a query with search filters, kept as a [[watch]] table in the config file (minutes.toml beside the index, or --config). 'watch run' prints, per saved search, the records whose text was first indexed since it last ran: new records, and records changed in place (a renamed file, 'index --full' or an upgrade's rebuild bring none). Only records with every word of the query are reported, never those with some. Its mark moves on only once the output is written, so a run that fails or is killed reports the same records next time.

A nightly cron job mails what is new (cron mails what a job prints, and 'watch run' prints nothing when nothing is new):
  MAILTO=you@example.org
  15 2 * * *  cd /srv/minutes && minutes index --quiet && minutes watch run

Examples:
  minutes watch add caseload caseload --council lancashire
  minutes watch add decisions '' --kind resolution --committee cabinet
  minutes watch list
  minutes watch run
  minutes watch run caseload --format json
  minutes watch run --format atom --feed-dir /var/www/feeds
  minutes watch rm caseload";

#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(subcommand)]
    pub command: WatchCommand,
}

#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Save a search; 'watch run' then reports what is new to it from the next index run on.
    Add(WatchAddArgs),
    /// List the saved searches and the index run each has reported up to.
    List(WatchListArgs),
    /// Forget a saved search.
    Rm(WatchRmArgs),
    /// Print, per saved search, the records new or changed since it last ran, and move its mark on.
    #[command(
        after_long_help = "Text is for people (and cron mail): nothing at all when nothing is new. json prints the 'hit' lines of 'search' with \"watch\" and \"status\" (new or changed), and a closing \"type\": \"watch\" line per saved search. atom prints a feed per saved search: its latest --limit records with every word, most recently indexed first, with entry ids that stay the same across runs, renames and edits; a feed is a window, so it does not move the mark."
    )]
    Run(WatchRunArgs),
}

#[derive(Debug, Args)]
pub struct WatchAddArgs {
    /// A name for it: letters, digits, '-', '_' and '.'.
    #[arg(value_name = "NAME")]
    pub name: String,

    /// What to look for (the syntax of 'minutes search'); '' for every record the filters keep.
    #[arg(value_name = "QUERY")]
    pub query: String,

    #[command(flatten)]
    pub filters: RecordFilterArgs,

    /// Report every record that matches now at its first run, not only what comes after.
    #[arg(long)]
    pub backfill: bool,
}

#[derive(Debug, Args)]
pub struct WatchListArgs {
    /// Output format: text (default) or json (a "type": "saved-search" line each).
    #[arg(long, value_enum, default_value_t = ShowFormat::Text, value_name = "FORMAT")]
    pub format: ShowFormat,
}

#[derive(Debug, Args)]
pub struct WatchRmArgs {
    #[arg(value_name = "NAME")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct WatchRunArgs {
    /// The saved searches to run (default: all of them).
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,

    /// Output format: text (default), json or atom (see below).
    #[arg(long, value_enum, default_value_t = WatchFormat::Text, value_name = "FORMAT")]
    pub format: WatchFormat,

    /// With --format atom: write each saved search's feed to DIR/NAME.atom (replaced whole) instead of stdout.
    #[arg(long, value_name = "DIR")]
    pub feed_dir: Option<PathBuf>,

    /// At most N records per saved search (default: 1000; 50 in a feed).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub limit: Option<u32>,

    /// Print what is new without moving the marks on.
    #[arg(long)]
    pub peek: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WatchFormat {
    Text,
    Json,
    Atom,
}
