//! What `search` and `resolutions` share: the library's filters from the
//! flags, and printing a page of hits with its facets, its closing summary
//! and the notes on stderr.

use std::io::Write;

use anyhow::Result;

use super::Settings;
use super::args::{FilterArgs, FormatArg, ListArgs, SortArg};
use crate::index::OpenIndex;
use crate::query::Filters;
use crate::render::{self, Format, Summary};
use crate::search::{self, SearchRequest, SearchResults, Sort};

/// The library's filters from the flags; `--new` needs the index's last run.
pub fn filters(args: &FilterArgs, open: &OpenIndex) -> Filters {
    let r = &args.record;
    Filters {
        council: r.council.clone(),
        committee: r.committee.clone(),
        from: r.from,
        to: r.to,
        kind: r.kind.map(Into::into),
        outcome: r.outcome.map(Into::into),
        topic: r.topic.as_deref().map(crate::query::topic_path),
        run: args.new.then(|| open.last_run()),
        indexed_since: args.indexed_since,
        after_run: None,
    }
}

/// Whether any filter flag was given (the no-hits advice differs).
fn has_filters(args: &FilterArgs) -> bool {
    let f = &args.record;
    f.council.is_some()
        || f.committee.is_some()
        || f.from.is_some()
        || f.to.is_some()
        || f.kind.is_some()
        || f.outcome.is_some()
        || args.new
        || args.indexed_since.is_some()
        || f.topic.is_some()
}

pub fn sort(arg: SortArg) -> Sort {
    match arg {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Date => Sort::Date,
        SortArg::DateDesc => Sort::DateDesc,
        SortArg::Indexed => Sort::Indexed,
    }
}

/// A request for `query` with the paging and folding of `list`.
pub fn request(
    query: String,
    filters: Filters,
    sort: Sort,
    list: &ListArgs,
    default_limit: u32,
) -> SearchRequest {
    SearchRequest {
        query,
        filters,
        sort,
        limit: list.limit.unwrap_or(default_limit) as usize,
        offset: list.offset as usize,
        facets: list.facets,
        all: list.all,
        ..SearchRequest::default()
    }
}

/// Run `request` and print its page in `format`.
pub fn print(
    settings: &Settings,
    open: &OpenIndex,
    request: &SearchRequest,
    format: FormatArg,
    filter_args: &FilterArgs,
) -> Result<()> {
    let results = search::search(open, request)?;
    for warning in &results.warnings {
        eprintln!("minutes: {warning}");
    }
    let options = render::RenderOptions {
        full_text: request.full_text,
        ..settings.render_options(format)
    };
    let mut out = settings.stdout_for(options.format);
    render::hits(&mut out, &results.hits, request.offset + 1, options)?;
    if let Some(facets) = &results.facets {
        if options.format == Format::Csv {
            eprintln!("minutes: --facets is not shown with --format csv; use text or json");
        }
        render::facets(&mut out, facets, results.total, options)?;
    }
    render::summary(
        &mut out,
        &Summary::of_page(&results, request.offset),
        options,
    )?;
    out.flush()?;
    notes(
        settings,
        &results,
        request,
        options.format,
        has_filters(filter_args),
    );
    Ok(())
}

/// What stderr says after the hits: how many have all the words, that
/// nothing matched and what to try, or how many hits there are in all.
fn notes(
    settings: &Settings,
    results: &SearchResults,
    request: &SearchRequest,
    format: Format,
    filtered: bool,
) {
    let shows_partial = results.hits.iter().any(|h| h.partial);
    if results.partial > 0 && shows_partial {
        let have = if results.total == 1 {
            "record has"
        } else {
            "records have"
        };
        eprintln!(
            "minutes: {} {have} all the words; {} more with some of them are listed after",
            results.total, results.partial
        );
    }
    if results.total == 0 && results.partial == 0 {
        let what = if request.query.trim().is_empty() {
            "no records match".to_owned()
        } else {
            format!("no hits for '{}'", request.query)
        };
        let advice = if filtered {
            "try fewer filters or other words"
        } else {
            "try other or fewer words"
        };
        eprintln!("minutes: {what}; {advice}");
    } else if !settings.quiet && format == Format::Text && !shows_partial {
        let first = request.offset + 1;
        let last = request.offset + results.hits.len();
        let shown = results.hits.len() + results.collapsed;
        let hits = if results.total == 1 { "hit" } else { "hits" };
        let paging = if shown < results.total {
            format!(", showing {first}-{last}; use --limit and --offset for more")
        } else {
            String::new()
        };
        let folded = match results.collapsed {
            0 => String::new(),
            n => format!(" ({n} with the same text folded in; --all shows them)"),
        };
        eprintln!("minutes: {} {hits}{paging}{folded}", results.total);
    }
}
