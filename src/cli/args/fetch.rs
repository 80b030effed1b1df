//! The flags of `minutes fetch`.

use clap::Args;

pub const FETCH_HELP: &str = "\
Sites are [[site]] entries of the config file (minutes.toml in or beside the
index folder, or --config FILE):

  [fetch]
  contact = \"you@example.org\"     # goes in the User-Agent: required
  # interval_seconds = 1            # between requests to one host, at least 1
  # timeout_seconds = 60            # per request
  # max_bytes = 50000000            # the largest document stored
  # window_weeks = 8                # a rerun lists meetings again from this long ago

  [[site]]
  kind = \"moderngov\"              # or \"legistar\"
  base = \"https://democracy.example.gov.uk\"
  council = \"Example City Council\"
  # name = \"example\"                # for 'minutes fetch example'
  # committees = [\"Cabinet\"]        # only these; exclude = [...] to leave some out
  # since = \"2025-01-01\"            # default: a year ago
  # documents = \"all\"               # every linked file, not only minutes, agendas, decisions

Each meeting's documents land in CORPUS/<council>/<committee>/<YYYY-MM-DD>/,
each with a NAME.meta.json sidecar; 'minutes index' reads them like any other.
robots.txt is obeyed, one request at a time per host, at least a second apart.
A run that is stopped resumes where it stopped. Exit 0 when at least one site
could be listed (failures are named on stderr and in --json); 1 when none.

Examples:
  minutes fetch
  minutes fetch manchester --json
  minutes fetch --quiet && minutes index --quiet && minutes watch run";

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Fetch only these sites (their `name`, or the council's folder name); all when none is given.
    #[arg(value_name = "SITE")]
    pub sites: Vec<String>,

    /// Print a JSON summary of the run on stdout.
    #[arg(long)]
    pub json: bool,
}
