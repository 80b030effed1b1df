//! `/`: the search page. A query box and filters, facets whose values add
//! or remove a filter, sort and paging, result cards, and the same
//! results as CSV, JSON Lines and an Atom feed.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use maud::{Markup, html};

use super::{Section, card, layout, pager, respond};
use crate::search::{self, FacetCounts, SearchResults, Sort};
use crate::serve::params::{PAGE_SIZE, Params};
use crate::serve::{Current, WebError, blocking};

/// `GET /`.
pub async fn page(State(current): State<Arc<Current>>, RawQuery(raw): RawQuery) -> Response {
    let result = async {
        let params = Params::parse(raw.as_deref())?;
        let mut request = params.request(PAGE_SIZE)?;
        if params.q.trim().is_empty() && params.sort.is_empty() {
            request.sort = Sort::DateDesc;
        }
        request.facets = true;
        let results = blocking(&current, move |open| Ok(search::search(open, &request)?)).await?;
        Ok::<_, WebError>(render(&params, &results))
    }
    .await;
    respond(result)
}

fn render(params: &Params, results: &SearchResults) -> Markup {
    let title = if params.q.trim().is_empty() {
        "Search council records".to_owned()
    } else {
        format!("{} – search", params.q)
    };
    let qs = params.query_string();
    let body = html! {
        (form(params))
        div.results {
            aside.facets aria-label="facets" {
                @if let Some(f) = &results.facets {
                    (facet("Council", &f.council, params, |p| &mut p.council))
                    (facet("Committee", &f.committee, params, |p| &mut p.committee))
                    (year_facet(&f.year, params))
                    (facet("Kind", &f.kind, params, |p| &mut p.kind))
                    (facet("Topic", &f.topic, params, |p| &mut p.topic))
                }
            }
            section.hits aria-label="results" {
                (counts(params, results))
                p.downloads {
                    "These results as "
                    a href={ "/search.csv?" (qs) } { "CSV" } ", "
                    a href={ "/search.jsonl?" (qs) } { "JSON Lines" } " or an "
                    a href={ "/search.atom?" (qs) } type="application/atom+xml" { "Atom feed" } "."
                }
                @for hit in &results.hits {
                    (card(hit, &params.q, false))
                }
                (pager("/", params, results.hits.len(), PAGE_SIZE, results.total + results.partial))
            }
        }
    };
    layout(&title, Section::Search, body)
}

/// The query box and every filter, filled from the URL.
pub fn form(params: &Params) -> Markup {
    let sorts = [
        ("", "relevance"),
        ("newest", "newest first"),
        ("oldest", "oldest first"),
        ("indexed", "recently indexed"),
    ];
    let kinds = ["", "document", "item", "resolution"];
    html! {
        form.search action="/" method="get" role="search" {
            div.query {
                label for="q" { "Words" }
                input #q type="search" name="q" value=(params.q) placeholder="caseload, \"care leavers\", R2018-077";
                button type="submit" { "Search" }
            }
            details.filters open[params.filtered()] {
                summary { "Filters" }
                div.grid {
                    label { "Council " input type="text" name="council" value=(params.council); }
                    label { "Committee " input type="text" name="committee" value=(params.committee); }
                    label { "From " input type="date" name="from" value=(params.from); }
                    label { "To " input type="date" name="to" value=(params.to); }
                    label { "Kind "
                        select name="kind" {
                            @for k in kinds {
                                option value=(k) selected[params.kind == k] { @if k.is_empty() { "any" } @else { (k) } }
                            }
                        }
                    }
                    label { "Topic " input type="text" name="topic" value=(params.topic); }
                    (outcome_select(params))
                    label { "Sort "
                        select name="sort" {
                            @for (value, name) in sorts {
                                option value=(value) selected[params.sort == value] { (name) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The outcome filter, for resolutions.
pub fn outcome_select(params: &Params) -> Markup {
    let outcomes = [
        "",
        "carried",
        "lost",
        "deferred",
        "referred",
        "withdrawn",
        "adopted",
    ];
    html! {
        label { "Outcome "
            select name="outcome" {
                @for o in outcomes {
                    option value=(o) selected[params.outcome == o] { @if o.is_empty() { "any" } @else { (o) } }
                }
            }
        }
    }
}

/// "12 hits, 3 with the same text folded", and the query's warnings.
fn counts(params: &Params, results: &SearchResults) -> Markup {
    let hits = if results.total == 1 { "hit" } else { "hits" };
    html! {
        p.count role="status" {
            @if results.total == 0 && results.partial == 0 {
                "No records match. "
                @if params.filtered() { "Try fewer filters or other words." } @else { "Try other or fewer words." }
            } @else {
                strong { (results.total) } " " (hits)
                @if results.partial > 0 { ", then " (results.partial) " with some of the words" }
                @if results.collapsed > 0 { " · " (results.collapsed) " with the same text folded on this page" }
            }
        }
        @for w in &results.warnings {
            p.warning { (w) }
        }
    }
}

/// One facet: each value with its count, a link that filters by it, or
/// removes the filter when it is the one set.
fn facet(
    name: &str,
    counts: &FacetCounts,
    params: &Params,
    field: impl Fn(&mut Params) -> &mut String,
) -> Markup {
    let mut probe = params.clone();
    let current = field(&mut probe).clone();
    html! {
        @if !counts.is_empty() {
            section.facet {
                h3 { (name) }
                ul {
                    @for (value, n) in counts.iter().take(12) {
                        li {
                            @if value.starts_with('(') {
                                span.none { (value) } " " span.n { (n) }
                            } @else if *value == current {
                                a.active href={ "/?" (params.with(|p| field(p).clear()).query_string()) } title="remove this filter" {
                                    "✕ " (value)
                                }
                                " " span.n { (n) }
                            } @else {
                                a href={ "/?" (params.with(|p| *field(p) = value.clone()).query_string()) } { (value) }
                                " " span.n { (n) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Years filter by a date range, from 1 January to 31 December.
fn year_facet(counts: &FacetCounts, params: &Params) -> Markup {
    html! {
        @if !counts.is_empty() {
            section.facet {
                h3 { "Year" }
                ul {
                    @for (year, n) in counts.iter().take(12) {
                        @let from = format!("{year}-01-01");
                        @let to = format!("{year}-12-31");
                        li {
                            @if year.parse::<u32>().is_err() {
                                span.none { (year) } " " span.n { (n) }
                            } @else if params.from == from && params.to == to {
                                a.active href={ "/?" (params.with(|p| { p.from.clear(); p.to.clear(); }).query_string()) } title="remove this filter" { "✕ " (year) }
                                " " span.n { (n) }
                            } @else {
                                a href={ "/?" (params.with(|p| { p.from = from.clone(); p.to = to.clone(); }).query_string()) } { (year) }
                                " " span.n { (n) }
                            }
                        }
                    }
                }
            }
        }
    }
}
