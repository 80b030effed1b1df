//! `/coverage`: what the index holds, as `minutes stats` reports it: per
//! council its records, documents, latest meeting and documents per year,
//! and the documents with no date or no council.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use maud::html;

use super::{Section, layout, respond};
use crate::index::{self, Stats};
use crate::serve::{Current, WebError, blocking};

/// `GET /coverage`.
pub async fn page(State(current): State<Arc<Current>>) -> Response {
    let result = blocking(&current, |open| index::stats(open).map_err(WebError::from))
        .await
        .map(|stats| render(&stats));
    respond(result)
}

fn render(stats: &Stats) -> maud::Markup {
    let built = stats
        .last_build
        .as_ref()
        .and_then(|b| chrono::DateTime::from_timestamp(b.built_at, 0))
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string());
    let years: std::collections::BTreeSet<&String> = stats
        .councils
        .values()
        .flat_map(|c| c.documents_per_year.keys())
        .collect();
    let body = html! {
        h1 { "Coverage" }
        p.count {
            strong { (stats.records) } " records from " strong { (stats.documents) } " documents"
            @if let Some(b) = &built { " · last built " (b) }
        }
        div.scroll {
            table.coverage {
                thead { tr {
                    th scope="col" { "Council" } th scope="col" { "Records" } th scope="col" { "Documents" } th scope="col" { "Latest meeting" }
                    @for y in &years { th scope="col" { (y) } }
                } }
                tbody {
                    @for (name, c) in &stats.councils {
                        tr {
                            th scope="row" { (name) }
                            td { (c.records) } td { (c.documents) }
                            td { @if let Some(d) = &c.latest_meeting { (d) } @else { "—" } }
                            @for y in &years { td { (c.documents_per_year.get(*y).copied().unwrap_or(0)) } }
                        }
                    }
                }
            }
        }
        (list("Documents with no meeting date", &stats.undated))
        (list("Documents with no council", &stats.no_council))
        @if !stats.pages_without_text.is_empty() {
            h2 { "Pages without text (scans)" }
            ul { @for p in &stats.pages_without_text { li { code { (p.source) } ": " (p.pages) " of " (p.of) " pages" } } }
        }
    };
    layout("Coverage", Section::Coverage, body)
}

fn list(heading: &str, sources: &[String]) -> maud::Markup {
    html! {
        h2 { (heading) " (" (sources.len()) ")" }
        @if sources.is_empty() { p { "None." } } @else {
            ul.sources { @for s in sources { li { code { (s) } } } }
        }
    }
}
