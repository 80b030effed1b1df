//! The pages, server-rendered with maud: every value from the index is
//! escaped as it is written, so a document's `<script>` is text. Links
//! out (a record's source URL) are links only when they are http(s).

pub mod coverage;
pub mod record;
pub mod resolutions;
pub mod search;
pub mod trends;

use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

use super::WebError;
use super::params::Params;
use crate::model::Record;
use crate::search::{Hit, Snippet};

const STYLE: &str = include_str!("../assets/style.css");

/// `/style.css`.
pub async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

/// Any other path: under `/api/` a JSON error, else a page.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return crate::serve::api::error(&WebError::not_found(
            "there is no such API call; /api/openapi.json lists them",
        ));
    }
    error(&WebError::not_found(
        "there is no page here; start from the search page",
    ))
}

/// Which part of the site a page belongs to (its tab is marked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Search,
    Resolutions,
    Trends,
    Coverage,
}

/// A whole page: `title`, the navigation with `section` marked, `body`.
pub fn layout(title: &str, section: Section, body: Markup) -> Markup {
    let tabs = [
        (Section::Search, "/", "Search"),
        (Section::Resolutions, "/resolutions", "Resolutions"),
        (Section::Trends, "/trends", "Trends"),
        (Section::Coverage, "/coverage", "Coverage"),
    ];
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · minutes" }
                link rel="stylesheet" href="/style.css";
            }
            body {
                header.top {
                    a.brand href="/" { "minutes" }
                    nav {
                        @for (s, href, name) in tabs {
                            @if s == section {
                                a href=(href) aria-current="page" { (name) }
                            } @else {
                                a href=(href) { (name) }
                            }
                        }
                    }
                }
                main { (body) }
                footer {
                    "Council meeting records, searched by "
                    a href="/api/openapi.json" { "minutes" }
                    ". Every view's address is a permalink."
                }
            }
        }
    }
}

/// A page for a request that cannot be answered.
pub fn error(err: &WebError) -> Response {
    let heading = match err.status {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::BAD_REQUEST => "That search cannot be run",
        _ => "Something went wrong",
    };
    let body = html! {
        h1 { (heading) }
        p.error role="alert" { (err.message) }
        p { a href="/" { "Back to search" } }
    };
    (
        err.status,
        Html(layout(heading, Section::Search, body).into_string()),
    )
        .into_response()
}

/// The page `markup`, or the error page.
pub fn respond(result: Result<Markup, WebError>) -> Response {
    match result {
        Ok(markup) => Html(markup.into_string()).into_response(),
        Err(err) => error(&err),
    }
}

/// `text` with the byte ranges `marks` as `<mark>`; the first gets
/// `first_id` when given, so `#match` scrolls to it. Ranges that overlap,
/// run backwards or fall inside a character are left unmarked.
pub fn marked(text: &str, marks: &[std::ops::Range<usize>], first_id: Option<&str>) -> Markup {
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for m in marks {
        let (Some(before), Some(word)) = (text.get(at..m.start), text.get(m.start..m.end)) else {
            continue;
        };
        pieces.push((before, false));
        pieces.push((word, true));
        at = m.end;
    }
    pieces.push((text.get(at..).unwrap_or_default(), false));
    let mut first = first_id;
    html! {
        @for (piece, is_mark) in pieces {
            @if is_mark {
                @if let Some(id) = first.take() {
                    mark id=(id) { (piece) }
                } @else {
                    mark { (piece) }
                }
            } @else {
                (piece)
            }
        }
    }
}

/// The snippet of a hit, highlighted.
pub fn snippet(s: &Snippet) -> Markup {
    marked(&s.text, &s.highlights, None)
}

/// "Council · Committee · 18 January 2017" of a record, with what is known.
pub fn place(r: &Record) -> String {
    let m = &r.meta;
    [
        m.council.value.clone(),
        m.committee.value.clone(),
        m.date.value.map(|d| d.format("%-d %B %Y").to_string()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

/// A record's title, or its file's name.
pub fn title(r: &Record) -> &str {
    r.meta
        .title
        .value
        .as_deref()
        .unwrap_or(&r.fingerprint.source)
}

/// The address of a record's page, with the words to highlight.
pub fn record_href(r: &Record, query: &str) -> String {
    let mut params = vec![("id", r.id.as_str())];
    if !query.trim().is_empty() {
        params.push(("q", query));
    }
    let fragment = if query.trim().is_empty() {
        ""
    } else {
        "#match"
    };
    format!(
        "/record?{}{fragment}",
        serde_urlencoded::to_string(params).unwrap_or_default()
    )
}

/// A link to `url` when it is a web address; anything else (a
/// `javascript:` URL in a sidecar) is shown as text only.
pub fn outside_link(url: &str) -> Markup {
    let lower = url.trim_start().to_ascii_lowercase();
    html! {
        @if lower.starts_with("https://") || lower.starts_with("http://") {
            a href=(url) rel="noopener noreferrer nofollow" { (url) }
        } @else {
            code { (url) }
        }
    }
}

/// The card of one hit in a list.
pub fn card(hit: &Hit, query: &str, whole_text: bool) -> Markup {
    let r = &hit.record;
    let d = &r.decision;
    html! {
        article.hit {
            h2 {
                a href=(record_href(r, query)) { (title(r)) }
                " "
                span class={ "kind " (r.kind.as_str()) } { (r.kind.as_str()) }
                @if hit.partial { " " span.partial title="has only some of the words" { "some words" } }
            }
            p.place {
                (place(r))
                @if let Some(page) = hit.page { " · p. " (page) }
                @if let Some(n) = &r.number { " · No. " (n) }
            }
            @if d.mover.is_some() || d.outcome.is_some() || d.votes.is_some() {
                p.decision {
                    @if let Some(o) = d.outcome { span class={ "outcome " (o.as_str()) } { (o.as_str()) } " " }
                    @if let Some(m) = &d.mover { "moved by " (m) " " }
                    @if let Some(s) = &d.seconder { "seconded by " (s) " " }
                    @if let Some(v) = d.votes {
                        "votes " (v.for_) "–" (v.against)
                        @if let Some(a) = v.abstain { ", " (a) " abstaining" }
                    }
                }
            }
            @if whole_text {
                pre.text { (r.body) }
            } @else {
                p.snippet { (snippet(&hit.snippet)) }
            }
            @if !hit.duplicates.is_empty() {
                p.folded { (hit.duplicates.len()) " with the same text folded" }
            }
        }
    }
}

/// Links to the previous and next pages of a list of `total`.
pub fn pager(path: &str, params: &Params, shown: usize, per_page: usize, total: usize) -> Markup {
    let page = params.page();
    let has_next = page * per_page < total && shown == per_page;
    let at = |n: usize| {
        let mut p = params.clone();
        p.page = if n > 1 { n } else { 0 };
        format!("{path}?{}", p.query_string())
    };
    html! {
        nav.pager aria-label="pages" {
            @if page > 1 { a rel="prev" href=(at(page - 1)) { "← Previous" } }
            span { "page " (page) }
            @if has_next { a rel="next" href=(at(page + 1)) { "Next →" } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_escaped_and_bad_ranges_are_left_unmarked() {
        let text = "a <b>café</b> & café";
        let at = text.rfind("café").unwrap();
        let html = marked(text, &[at..at + 5, 0..100, at + 1..at + 2], Some("match")).into_string();
        assert_eq!(
            html,
            "a &lt;b&gt;café&lt;/b&gt; &amp; <mark id=\"match\">café</mark>"
        );
        // A range inside a character, or running backwards, marks nothing.
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 1..0;
        let html = marked("é", &[1..2, backwards], None).into_string();
        assert_eq!(html, "é");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert!(
            outside_link("https://example.org/a?b=1&c=2")
                .into_string()
                .starts_with("<a href=\"https://example.org/a?b=1&amp;c=2\"")
        );
        for url in [
            "javascript:alert(1)",
            " JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
        ] {
            let html = outside_link(url).into_string();
            assert!(
                html.starts_with("<code>") && !html.contains("href"),
                "{url}: {html}"
            );
        }
    }
}
