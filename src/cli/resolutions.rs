//! `minutes resolutions [QUERY]`: resolutions, newest first, whole.

use anyhow::Result;

use super::Settings;
use super::args::ResolutionsArgs;
use super::list;
use crate::model::Kind;

/// Resolutions shown when `--limit` is not given.
const DEFAULT_LIMIT: u32 = 20;

pub fn run(settings: &Settings, args: &ResolutionsArgs) -> Result<()> {
    let open = settings.open_until_exit()?;
    let mut filters = list::filters(&args.filters, open);
    filters.kind = Some(Kind::Resolution);
    let mut request = list::request(
        args.query.clone().unwrap_or_default(),
        filters,
        list::sort(args.sort),
        &args.list,
        DEFAULT_LIMIT,
    );
    request.full_text = true;
    list::print(settings, open, &request, args.list.format, &args.filters)
}
