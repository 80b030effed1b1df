//! `minutes trends [QUERY]`: matching records and documents per council
//! (committee, kind) and year (month).

use std::io::Write;

use anyhow::Result;

use super::Settings;
use super::args::{ByArg, PerArg, TrendsArgs};
use super::list;
use crate::render::{self, Summary};
use crate::search::{self, Dim};

pub fn run(settings: &Settings, args: &TrendsArgs) -> Result<()> {
    let open = settings.open_until_exit()?;
    let (by, by_name) = match args.by {
        ByArg::Council => (Dim::Council, "council"),
        ByArg::Committee => (Dim::Committee, "committee"),
        ByArg::Kind => (Dim::Kind, "kind"),
    };
    let (per, per_name) = match args.per {
        PerArg::Year => (Dim::Year, "year"),
        PerArg::Month => (Dim::Month, "month"),
    };
    let query = args.query.clone().unwrap_or_default();
    let filters = list::filters(&args.filters, open);
    let trend = search::trends(open, &query, &filters, [by, per])?;
    for warning in &trend.warnings {
        eprintln!("minutes: {warning}");
    }
    let options = settings.render_options(args.format);
    let mut out = settings.stdout_for(options.format);
    render::trends(&mut out, &trend.rows, by_name, per_name, options)?;
    render::summary(&mut out, &Summary::of_trend(&trend), options)?;
    out.flush()?;
    if trend.rows.is_empty() {
        eprintln!("minutes: nothing matches '{query}'; try other or fewer words or filters");
    }
    Ok(())
}
