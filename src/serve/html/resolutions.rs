//! `/resolutions`: a committee's decisions in a date range, newest first,
//! each whole, with its mover, seconder, outcome and votes.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use maud::{Markup, html};

use super::search::outcome_select;
use super::{Section, card, layout, pager, respond};
use crate::model::Kind;
use crate::search::{self, SearchResults, Sort};
use crate::serve::params::Params;
use crate::serve::{Current, WebError, blocking};

/// Resolutions on a page.
const PER_PAGE: usize = 20;

/// `GET /resolutions`.
pub async fn page(State(current): State<Arc<Current>>, RawQuery(raw): RawQuery) -> Response {
    let result = async {
        let params = Params::parse(raw.as_deref())?;
        let request = request(&params)?;
        let results = blocking(&current, move |open| Ok(search::search(open, &request)?)).await?;
        Ok::<_, WebError>(render(&params, &results))
    }
    .await;
    respond(result)
}

/// The search a resolutions page (and `/api/resolutions`) runs: only
/// resolutions, newest first unless another order is asked, whole texts.
pub fn request(params: &Params) -> Result<search::SearchRequest, WebError> {
    let per_page = if params.limit == 0 {
        PER_PAGE
    } else {
        params.limit
    };
    let mut request = params.request(per_page)?;
    request.filters.kind = Some(Kind::Resolution);
    if params.sort.is_empty() {
        request.sort = Sort::DateDesc;
    }
    request.full_text = true;
    Ok(request)
}

fn render(params: &Params, results: &SearchResults) -> Markup {
    let mut csv = params.clone();
    csv.kind = "resolution".into();
    let body = html! {
        h1 { "Resolutions" }
        form.search action="/resolutions" method="get" {
            div.grid {
                label { "Words " input type="search" name="q" value=(params.q); }
                label { "Council " input type="text" name="council" value=(params.council); }
                label { "Committee " input type="text" name="committee" value=(params.committee); }
                label { "From " input type="date" name="from" value=(params.from); }
                label { "To " input type="date" name="to" value=(params.to); }
                (outcome_select(params))
                label { "Sort "
                    select name="sort" {
                        option value="" selected[params.sort.is_empty()] { "newest first" }
                        option value="oldest" selected[params.sort == "oldest"] { "oldest first" }
                        option value="relevance" selected[params.sort == "relevance"] { "relevance" }
                    }
                }
            }
            button type="submit" { "List resolutions" }
        }
        p.count role="status" {
            strong { (results.total) } " resolutions"
            @if results.collapsed > 0 { " · " (results.collapsed) " with the same text folded on this page" }
            " · as " a href={ "/search.csv?" (csv.query_string()) } { "CSV" }
        }
        @for w in &results.warnings { p.warning { (w) } }
        @for hit in &results.hits { (card(hit, &params.q, true)) }
        (pager("/resolutions", params, results.hits.len(), PER_PAGE, results.total + results.partial))
    };
    layout("Resolutions", Section::Resolutions, body)
}
