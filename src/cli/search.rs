//! `minutes search QUERY`: ranked hits with snippets.

use anyhow::Result;

use super::Settings;
use super::args::SearchArgs;
use super::list;

/// Hits shown when `--limit` is not given.
const DEFAULT_LIMIT: u32 = 10;

pub fn run(settings: &Settings, args: &SearchArgs) -> Result<()> {
    let open = settings.open_until_exit()?;
    let mut request = list::request(
        args.query.clone(),
        list::filters(&args.filters, open),
        list::sort(args.sort),
        &args.list,
        DEFAULT_LIMIT,
    );
    request.fuzzy = args.fuzzy;
    list::print(settings, open, &request, args.list.format, &args.filters)
}
