//! Every flag of the command line, in one place.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::date::parse_user_date;

mod export;
mod fetch;
mod watch;
use crate::model::Kind;
mod filters;
pub use export::*;
pub use fetch::*;
pub use filters::*;
pub use watch::*;

const EXAMPLES: &str = "\
Examples:
  minutes search caseload
  minutes search \"improvement board\" --council lancashire --format json
  minutes search ofsted --from 2017-01-01 --to 31/12/2017 --sort -date
  minutes resolutions --committee cabinet
  minutes trends caseload --by council --per year
  minutes index --corpus ~/minutes-archive --index ~/minutes-index

Exit codes: 0 success (also a search with no hits), 1 error, 2 usage error,
3 the index is being written by another 'minutes index'.";

const QUERY_HELP: &str = "\
Query syntax (try these on the sample corpus):
  caseload social           both words (AND is the default)
  caseload OR workload      either word
  ofsted -inadequate        'ofsted' without the word 'inadequate'
  \"improvement board\"       the exact phrase
  title:ofsted              a word in the title only
  committee:cabinet         a word in the committee's name (also council:)
  improv*                   words starting with 'improv'
  R2018-077, 12/18, 2021-032  identifiers as they are written, no quotes needed
  caseloda --fuzzy          words with one typo
Words are matched in any case, without accents, by their stem ('caseload'
also finds 'caseloads'), and dotted acronyms as one word (D.f.E. = DfE).";

/// Search council minutes, agendas and decisions.
#[derive(Debug, Parser)]
#[command(
    name = "minutes",
    version,
    about = "Search council minutes, agendas and decisions",
    long_about = "Full-text search for council meeting archives.\n\nminutes reads a folder of minutes, agendas and decision pages (text, Markdown, HTML), works out each document's council, committee and meeting date, and builds a search index. Searches return ranked, highlighted hits that can be filtered by council, committee, date and kind, and printed for people or as JSON Lines or CSV for scripts.",
    after_long_help = EXAMPLES,
    max_term_width = 100
)]
pub struct Cli {
    /// Index folder.
    #[arg(
        long,
        global = true,
        env = "MINUTES_INDEX",
        default_value = "index",
        value_name = "DIR"
    )]
    pub index: PathBuf,

    /// Corpus folder to index.
    #[arg(
        long,
        global = true,
        env = "MINUTES_CORPUS",
        default_value = "corpus",
        value_name = "DIR"
    )]
    pub corpus: PathBuf,

    /// The config file of your own council and committee names (default: minutes.toml in or beside the index folder).
    #[arg(
        long,
        global = true,
        env = "MINUTES_CONFIG",
        value_name = "FILE",
        display_order = 101
    )]
    pub config: Option<PathBuf>,

    /// When to use colour: auto (on a terminal that has it, unless NO_COLOR is set or CLICOLOR_FORCE forces it), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN", display_order = 102)]
    pub color: ColorWhen,

    /// Print nothing but warnings and errors on stderr.
    #[arg(short, long, global = true, display_order = 103)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build or refresh the index from the corpus folder.
    #[command(
        after_long_help = "Examples:\n  minutes index\n  minutes index --corpus ~/archive --index ~/archive-index --json"
    )]
    Index(IndexArgs),
    /// Search the index (building it first if there is none).
    #[command(after_long_help = format!("{QUERY_HELP}\n\n{EXAMPLES}"))]
    Search(SearchArgs),
    /// List resolutions (newest first), with their committee, date, item and full text.
    #[command(
        after_long_help = "A resolution is a \"RESOLVED that ...\" block with all its points, a numbered resolution (\"R2018-077 ... Carried.\") or a \"That ... BE APPROVED\" motion. Each is listed with the council, committee and date of its meeting and the title of its agenda item.\n\nExamples:\n  minutes resolutions --committee cabinet\n  minutes resolutions \"care leavers\" --from 2017-01-01\n  minutes resolutions --council kent --format json"
    )]
    Resolutions(ResolutionsArgs),
    /// Count where and when words come up: matching records and documents per council (or committee, kind) and year (or month).
    #[command(
        after_long_help = "Counts come from the index, so they are quick even over thousands of documents. A record with no date counts under 'undated'; one with no council under '(none)'.\n\nExamples:\n  minutes trends caseload\n  minutes trends improvement --by council --per year --format csv\n  minutes trends \"care leavers\" --by committee --per month --from 2017-01-01"
    )]
    Trends(TrendsArgs),
    /// Show one record: its metadata, where each value came from, and its text.
    #[command(
        after_long_help = "Record ids are printed by 'search' (the path of the source, '#', and the record's number).\n\nExamples:\n  minutes show 'lancashire-county-council/childrens-services-scrutiny-committee/2017-01-18/improvement-board-update.txt#0'\n  minutes search caseload --format json | jq -r .id | head -1 | xargs minutes show --format json"
    )]
    Show(ShowArgs),
    /// Show what the index holds: counts per council, committee, year and kind, each council's latest meeting, undated documents, and the last build.
    Stats(StatsArgs),
    /// List every council and committee with its documents and the names it was found under (its aliases).
    #[command(
        after_long_help = "Names are reconciled across the corpus when it is indexed; this shows the result, so you can see what to put in a config file (minutes.toml, see --config).\n\nExamples:\n  minutes names\n  minutes names --format json | jq 'keys'"
    )]
    Names(NamesArgs),
    /// Fetch councils' published minutes into the corpus folder from the sites in the config file (ModernGov, Legistar), politely and resumably.
    #[command(after_long_help = FETCH_HELP)]
    Fetch(FetchArgs),
    /// Write every record (or those matching QUERY and the filters) as JSON Lines with all its fields and full text, for another search engine.
    #[command(after_long_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// Serve the search as web pages and a JSON API on this machine (http://127.0.0.1:8080/ by default).
    #[command(after_long_help = SERVE_HELP)]
    Serve(ServeArgs),
    /// Saved searches, and what is new to them since they last ran (for cron mail and feeds).
    #[command(after_long_help = WATCH_HELP)]
    Watch(WatchArgs),
    /// Print a completion script for a shell on stdout.
    #[command(
        after_long_help = "Examples:\n  minutes completions bash > ~/.local/share/bash-completion/completions/minutes\n  minutes completions zsh > ~/.zfunc/_minutes\n  minutes completions fish > ~/.config/fish/completions/minutes.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) on stdout.
    #[command(
        after_long_help = "Examples:\n  minutes man > minutes.1 && man ./minutes.1\n  minutes man --dir ~/.local/share/man/man1"
    )]
    Man(ManArgs),
}

const SERVE_HELP: &str = "Pages: / (search, with filters, facets, sort and paging), /record?id=ID (one record, its citation and its meeting's other records), /resolutions, /trends, /coverage. Every search is also /search.csv, /search.jsonl and /search.atom. The JSON API is under /api/ (search, record, resolutions, trends, stats), described by /api/openapi.json; its hits are the same wire types as 'search --format json'.\n\nThe server only reads the index, and picks up each new 'minutes index' run without a restart. It listens on loopback unless --bind says otherwise. The address it listens on is printed on stdout.\n\nExamples:\n  minutes serve\n  minutes serve --bind 127.0.0.1:9000 --index ~/archive-index\n  curl -s 'http://127.0.0.1:8080/api/search?q=caseload&facets=true' | jq .summary";

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address and port to listen on; 127.0.0.1:0 picks a free port. Anything but loopback makes the index readable from other machines.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub bind: std::net::SocketAddr,

    /// Seconds a request may take before it is answered 408.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format: text (default) or json (one object of "type": "stats").
    #[arg(long, value_enum, default_value_t = ShowFormat::Text, value_name = "FORMAT")]
    pub format: ShowFormat,
}

#[derive(Debug, Args)]
pub struct NamesArgs {
    /// Output format: text (default) or json (one object of "type": "names").
    #[arg(long, value_enum, default_value_t = ShowFormat::Text, value_name = "FORMAT")]
    pub format: ShowFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record's id, as 'search' prints it.
    #[arg(value_name = "ID")]
    pub id: String,

    /// Output format: text (default) or json (one object of "type": "record").
    #[arg(long, value_enum, default_value_t = ShowFormat::Text, value_name = "FORMAT")]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Re-read every file instead of only those that changed.
    #[arg(long)]
    pub full: bool,

    /// Worker threads (default: one per CPU core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,

    /// Print a JSON summary of the run on stdout.
    #[arg(long)]
    pub json: bool,

    /// Tag records with the topics in FILE instead of the shipped taxonomy (a _topics.toml at the top of the corpus still adds to it).
    #[arg(long, value_name = "FILE")]
    pub topics: Option<PathBuf>,

    /// Skip files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::crawl::MAX_FILE_BYTES)]
    pub max_file_bytes: u64,

    /// Follow symbolic links that point outside the corpus folder too. By default such a link is
    /// named on stderr (reason "outside-corpus") and not followed; links within the corpus are
    /// always followed, and a link that loops back is reported once.
    #[arg(long)]
    pub follow_links: bool,

    /// Stop reading a PDF after this many seconds; the file is skipped with reason "timed-out".
    #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub pdf_timeout: u64,

    /// Read PDF pages that have no text layer (scans) from their image, with pdftoppm and tesseract (about 3 s a page; what is read is cached, so a rerun does not read it again).
    #[arg(long)]
    pub ocr: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to search for (see 'Query syntax' in --help).
    #[arg(value_name = "QUERY")]
    pub query: String,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Order of hits: relevance (default), date (oldest first), -date (newest first) or indexed (most recently indexed text first).
    #[arg(long, value_enum, default_value_t = SortArg::Relevance, allow_hyphen_values = true, value_name = "ORDER")]
    pub sort: SortArg,

    #[command(flatten)]
    pub list: ListArgs,

    /// Let each word match with one typo ("caseload" finds "caseloda").
    #[arg(long)]
    pub fuzzy: bool,
}

#[derive(Debug, Args)]
pub struct ResolutionsArgs {
    /// Only resolutions with these words (see 'minutes search --help' for the syntax); all when left out.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Order: -date (newest first, the default), date (oldest first) or relevance.
    #[arg(long, value_enum, default_value_t = SortArg::DateDesc, allow_hyphen_values = true, value_name = "ORDER")]
    pub sort: SortArg,

    #[command(flatten)]
    pub list: ListArgs,
}

/// Paging, format and folding, shared by every command that lists records.
#[derive(Debug, Args, Clone)]
pub struct ListArgs {
    /// Show at most N records (default: 10 hits for search, 20 for resolutions).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub limit: Option<u32>,

    /// Skip the first N records (for paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: u32,

    /// Output format: text (default), json (JSON Lines: a "hit" line per record, a closing "summary" line) or csv (a column for every JSON field).
    #[arg(long, value_enum, default_value_t = FormatArg::Text, value_name = "FORMAT")]
    pub format: FormatArg,

    /// Also count all matching records per council, committee, year, kind and topic (after the hits; in JSON a line of "type": "facets").
    #[arg(long)]
    pub facets: bool,

    /// Show every record, also those whose text is the same as a better hit's (by default they are folded into it and listed under "duplicates").
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write minutes.1 and a page per subcommand (minutes-search.1, ...) into DIR instead.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct TrendsArgs {
    /// Words to count (see 'minutes search --help' for the syntax); every record when left out.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Count per council (default), committee or kind.
    #[arg(long, value_enum, default_value_t = ByArg::Council, value_name = "WHAT")]
    pub by: ByArg,

    /// Count per year (default) or month.
    #[arg(long, value_enum, default_value_t = PerArg::Year, value_name = "PERIOD")]
    pub per: PerArg,

    /// Output format: text (a table with bars, default), csv or json (JSON Lines: a "trend" line per bucket, a closing "summary" line).
    #[arg(long, value_enum, default_value_t = FormatArg::Text, value_name = "FORMAT")]
    pub format: FormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Council,
    Committee,
    Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PerArg {
    Year,
    Month,
}

fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_user_date(s).map_err(|e| {
        format!("cannot read '{s}' as a date: {e}; use YYYY-MM-DD or DD/MM/YYYY, e.g. 2017-07-13")
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Relevance,
    Date,
    #[value(name = "-date")]
    DateDesc,
    /// Most recently indexed text first.
    Indexed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
    Csv,
}

impl From<FormatArg> for crate::render::Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Text => crate::render::Format::Text,
            FormatArg::Json => crate::render::Format::Json,
            FormatArg::Csv => crate::render::Format::Csv,
        }
    }
}

impl From<ShowFormat> for crate::render::Format {
    fn from(f: ShowFormat) -> Self {
        match f {
            ShowFormat::Text => crate::render::Format::Text,
            ShowFormat::Json => crate::render::Format::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Document,
    Item,
    Resolution,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutcomeArg {
    Carried,
    Lost,
    Deferred,
    Referred,
    Withdrawn,
    Adopted,
}

impl From<OutcomeArg> for crate::model::Outcome {
    fn from(o: OutcomeArg) -> Self {
        use crate::model::Outcome;
        match o {
            OutcomeArg::Carried => Outcome::Carried,
            OutcomeArg::Lost => Outcome::Lost,
            OutcomeArg::Deferred => Outcome::Deferred,
            OutcomeArg::Referred => Outcome::Referred,
            OutcomeArg::Withdrawn => Outcome::Withdrawn,
            OutcomeArg::Adopted => Outcome::Adopted,
        }
    }
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Document => Kind::Document,
            KindArg::Item => Kind::Item,
            KindArg::Resolution => Kind::Resolution,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sort_accepts_minus_date_and_dates_parse_uk_order() {
        let cli = Cli::try_parse_from([
            "minutes",
            "search",
            "x",
            "--sort",
            "-date",
            "--from",
            "13/07/2017",
        ])
        .unwrap();
        let Command::Search(args) = cli.command else {
            panic!("expected search");
        };
        assert_eq!(args.sort, SortArg::DateDesc);
        assert_eq!(
            args.filters.record.from,
            NaiveDate::from_ymd_opt(2017, 7, 13)
        );
    }

    #[test]
    fn impossible_date_is_a_usage_error_naming_it() {
        let err =
            Cli::try_parse_from(["minutes", "search", "x", "--from", "2017-02-30"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("2017-02-30"));
        assert!(err.to_string().contains("there is no 30 February 2017"));
    }

    #[test]
    fn global_flags_go_after_the_subcommand_too() {
        let cli = Cli::try_parse_from(["minutes", "search", "x", "--index", "/tmp/i"]).unwrap();
        assert_eq!(cli.index, PathBuf::from("/tmp/i"));
    }
}
