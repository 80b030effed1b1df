//! `minutes search` and `minutes resolutions`: ranked or dated hits.

use std::io::{BufWriter, Write};

use anyhow::Result;

use super::Context;
use super::args::{
    ByArg, FilterArgs, FormatArg, PerArg, ResolutionsArgs, SearchArgs, SortArg, TrendsArgs,
};
use crate::index;
use crate::model::Kind;
use crate::query::Filters;
use crate::render::{self, Format, RenderOptions};
use crate::search::{self, SearchRequest, Sort};
use crate::tally::Dim;

pub fn run(ctx: &Context, args: &SearchArgs) -> Result<()> {
    let open = open_or_build(ctx)?;
    let request = SearchRequest {
        query: args.query.clone(),
        filters: filters(&args.filters, &open),
        sort: sort(args.sort),
        limit: args.limit as usize,
        offset: args.offset as usize,
        full_text: false,
        facets: args.facets,
        all: args.all,
        fuzzy: args.fuzzy,
    };
    execute(
        ctx,
        &open,
        &request,
        args.format,
        has_filters(&args.filters),
    )
}

pub fn run_resolutions(ctx: &Context, args: &ResolutionsArgs) -> Result<()> {
    let open = open_or_build(ctx)?;
    let mut filters = filters(&args.filters, &open);
    filters.kind = Some(Kind::Resolution);
    let request = SearchRequest {
        query: args.query.clone().unwrap_or_default(),
        filters,
        sort: sort(args.sort),
        limit: args.limit as usize,
        offset: args.offset as usize,
        full_text: true,
        facets: args.facets,
        all: args.all,
        fuzzy: false,
    };
    execute(
        ctx,
        &open,
        &request,
        args.format,
        has_filters(&args.filters),
    )
}

fn sort(arg: SortArg) -> Sort {
    match arg {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Date => Sort::Date,
        SortArg::DateDesc => Sort::DateDesc,
    }
}

fn execute(
    ctx: &Context,
    open: &index::OpenIndex,
    request: &SearchRequest,
    format: FormatArg,
    filtered: bool,
) -> Result<()> {
    let results = search::search(open, request)?;
    for warning in &results.warnings {
        eprintln!("minutes: {warning}");
    }
    let options = RenderOptions {
        full_text: request.full_text,
        ..ctx.render_options(format)
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    render::hits(&mut out, &results.hits, request.offset + 1, options)?;
    if let Some(facets) = &results.facets {
        if options.format == Format::Csv {
            eprintln!("minutes: --facets is not shown with --format csv; use text or json");
        }
        render::facets(&mut out, facets, results.total, options)?;
    }
    out.flush()?;
    let what = if request.query.trim().is_empty() {
        "no records match".to_owned()
    } else {
        format!("no hits for '{}'", request.query)
    };
    if results.partial > 0 && results.hits.iter().any(|h| h.partial) {
        eprintln!(
            "minutes: {} {} all the words; {} more with some of them are listed after",
            results.total,
            if results.total == 1 {
                "record has"
            } else {
                "records have"
            },
            results.partial
        );
    }
    if results.total == 0 && results.partial == 0 {
        eprintln!(
            "minutes: {what}{}",
            if filtered {
                "; try fewer filters or other words"
            } else {
                "; try other or fewer words"
            }
        );
    } else if !ctx.quiet
        && options.format == Format::Text
        && !results.hits.iter().any(|h| h.partial)
    {
        let first = request.offset + 1;
        let last = request.offset + results.hits.len();
        let shown = results.hits.len() + results.collapsed;
        eprintln!(
            "minutes: {} {}{}{}",
            results.total,
            if results.total == 1 { "hit" } else { "hits" },
            if shown < results.total {
                format!(", showing {first}-{last}; use --limit and --offset for more")
            } else {
                String::new()
            },
            match results.collapsed {
                0 => String::new(),
                n => format!(" ({n} with the same text folded in; --all shows them)"),
            }
        );
    }
    Ok(())
}

pub fn run_trends(ctx: &Context, args: &TrendsArgs) -> Result<()> {
    let open = open_or_build(ctx)?;
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
    let (rows, warnings) = search::trends(&open, &query, &filters(&args.filters, &open), by, per)?;
    for warning in &warnings {
        eprintln!("minutes: {warning}");
    }
    let options = ctx.render_options(args.format);
    let mut out = BufWriter::new(std::io::stdout().lock());
    render::trends(&mut out, &rows, by_name, per_name, options)?;
    out.flush()?;
    if rows.is_empty() {
        eprintln!("minutes: nothing matches '{query}'; try other or fewer words or filters");
    }
    Ok(())
}

/// Open the index, building it from the corpus first when there is none.
pub fn open_or_build(ctx: &Context) -> Result<index::OpenIndex> {
    if index::exists(&ctx.index) {
        let open = index::open(&ctx.index)?;
        if open.info.is_some() {
            return Ok(open);
        }
    }
    eprintln!(
        "minutes: no index in {} yet; building it from {} first",
        ctx.index.display(),
        ctx.corpus.display()
    );
    super::index::build(ctx, false, None, crate::crawl::MAX_FILE_BYTES, None)?;
    Ok(index::open(&ctx.index)?)
}

/// The library's filters from the flags; `--new` needs the index's last run.
pub fn filters(args: &FilterArgs, open: &index::OpenIndex) -> Filters {
    Filters {
        council: args.council.clone(),
        committee: args.committee.clone(),
        from: args.from,
        to: args.to,
        kind: args.kind.map(Into::into),
        topic: args.topic.as_ref().map(|t| t.trim().to_lowercase()),
        run: args.new.then(|| open.info.as_ref().map_or(0, |i| i.run)),
        indexed_since: args.indexed_since,
    }
}

fn has_filters(f: &FilterArgs) -> bool {
    f.council.is_some()
        || f.committee.is_some()
        || f.from.is_some()
        || f.to.is_some()
        || f.kind.is_some()
        || f.new
        || f.indexed_since.is_some()
        || f.topic.is_some()
}
