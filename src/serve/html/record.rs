//! `/record?id=…&q=…`: one record with where each value came from, its
//! whole text with the query's words marked (the address ends `#match`,
//! so the browser scrolls to the first), the other records of the same
//! meeting's file, the source link and a citation.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

use super::{Section, layout, marked, outside_link, place, record_href, respond, title};
use crate::model::{Origin, Record, Sourced};
use crate::search;
use crate::serve::{Current, WebError, blocking};

/// The query string of a record's page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RecordParams {
    pub id: String,
    /// Words to mark in the text.
    pub q: String,
}

impl RecordParams {
    pub fn parse(raw: Option<&str>) -> Result<RecordParams, WebError> {
        let params: RecordParams = crate::serve::params::read(raw)?;
        check_id(&params.id)?;
        Ok(params)
    }
}

/// The longest record id taken.
const MAX_ID: usize = 4096;

/// An id is `source#n`, as `search` prints it; anything else is refused
/// before the index is asked.
pub fn check_id(id: &str) -> Result<(), WebError> {
    let well_formed = id.len() <= MAX_ID
        && !id.chars().any(char::is_control)
        && id.rsplit_once('#').is_some_and(|(source, n)| {
            !source.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
        });
    if well_formed {
        Ok(())
    } else {
        Err(WebError::bad(
            "that is not a record id; ids look like 'path/to/file.txt#0' and come from the search results",
        ))
    }
}

/// A record, its marks and the records beside it.
struct Shown {
    record: Record,
    marks: Vec<std::ops::Range<usize>>,
    siblings: Vec<Record>,
}

/// `GET /record`.
pub async fn page(State(current): State<Arc<Current>>, RawQuery(raw): RawQuery) -> Response {
    let result = async {
        let params = RecordParams::parse(raw.as_deref())?;
        let q = params.q.clone();
        let shown = blocking(&current, move |open| {
            let Some(record) = search::get(open, &params.id)? else {
                return Err(WebError::not_found(format!(
                    "there is no record '{}' in this index; it may have been removed by the last 'minutes index' run. Search for it again",
                    params.id
                )));
            };
            let marks = search::highlight(open, &params.q, &record.body)?;
            let siblings = search::siblings(open, &record.fingerprint.source)?;
            Ok(Shown {
                record,
                marks,
                siblings,
            })
        })
        .await?;
        Ok(render(&shown, &q))
    }
    .await;
    respond(result)
}

fn render(shown: &Shown, q: &str) -> Markup {
    let r = &shown.record;
    let m = &r.meta;
    let d = &r.decision;
    let date = m.date.value.map(|d| d.format("%Y-%m-%d").to_string());
    let body = html! {
        article.record {
            h1 { (title(r)) " " span class={ "kind " (r.kind.as_str()) } { (r.kind.as_str()) } }
            p.place { (place(r)) }
            dl.meta {
                (row("Council", &m.council.value, &m.council))
                (row("Committee", &m.committee.value, &m.committee))
                (row("Meeting date", &date, &m.date))
                (row("Title", &m.title.value, &m.title))
                @if let Some(n) = &r.number { dt { "Number" } dd { (n) } }
                @if let Some(p) = r.pages {
                    dt { "Pages" } dd { @if p.first == p.last { (p.first) } @else { (p.first) "–" (p.last) } }
                }
                @if let Some(o) = d.outcome { dt { "Outcome" } dd { span class={ "outcome " (o.as_str()) } { (o.as_str()) } } }
                @if let Some(v) = &d.mover { dt { "Moved by" } dd { (v) } }
                @if let Some(v) = &d.seconder { dt { "Seconded by" } dd { (v) } }
                @if let Some(v) = d.votes {
                    dt { "Votes" } dd { (v.for_) " for, " (v.against) " against" @if let Some(a) = v.abstain { ", " (a) " abstaining" } }
                }
                @if !m.topic.is_empty() { dt { "Topics" } dd { (m.topic.join(", ")) } }
                dt { "Source" } dd {
                    @if let Some(url) = &m.url.value { (outside_link(url)) br; }
                    code { (r.fingerprint.source) }
                }
                dt { "Record id" } dd { code { (r.id) } }
            }
            (citation(r))
            @if shown.siblings.len() > 1 {
                section.siblings {
                    h2 { "In the same file" }
                    ol {
                        @for s in &shown.siblings {
                            li {
                                @if s.id == r.id {
                                    strong { (title(s)) } " (this record)"
                                } @else {
                                    a href=(record_href(s, q)) { (title(s)) }
                                    " " span class={ "kind " (s.kind.as_str()) } { (s.kind.as_str()) }
                                    @if let Some(o) = s.decision.outcome { " " span class={ "outcome " (o.as_str()) } { (o.as_str()) } }
                                }
                            }
                        }
                    }
                }
            }
            section {
                h2 { "Text" }
                @if !shown.marks.is_empty() {
                    p.count { (shown.marks.len()) " matches of “" (q) "” marked; " a href="#match" { "go to the first" } }
                }
                pre.text { (marked(&r.body, &shown.marks, Some("match"))) }
            }
        }
    };
    layout(title(r), Section::Search, body)
}

/// One metadata row with where its value came from.
fn row<T>(name: &str, value: &Option<String>, sourced: &Sourced<T>) -> Markup {
    html! {
        dt { (name) }
        dd {
            @if let Some(v) = value { (v) } @else { span.none { "not known" } }
            @if sourced.origin != Origin::None { " " span.origin title="where this value came from" { "(" (sourced.origin.as_str()) ")" } }
        }
    }
}

/// How to cite the record: council, committee, meeting date, title, page,
/// address, and when `minutes` first had its text.
fn citation(r: &Record) -> Markup {
    let m = &r.meta;
    let mut parts: Vec<String> = Vec::new();
    parts.extend(m.council.value.clone());
    parts.extend(m.committee.value.clone());
    if let Some(d) = m.date.value {
        parts.push(format!("meeting of {}", d.format("%-d %B %Y")));
    }
    let mut text = parts.join(", ");
    text.push_str(&format!(". “{}”", title(r)));
    if let Some(p) = r.pages {
        if p.first == p.last {
            text.push_str(&format!(", p. {}", p.first));
        } else {
            text.push_str(&format!(", pp. {}–{}", p.first, p.last));
        }
    }
    text.push('.');
    if let Some(url) = &m.url.value {
        text.push_str(&format!(" {url}."));
    }
    if let Some(at) =
        chrono::DateTime::from_timestamp(r.history.first.at, 0).filter(|_| r.history.first.at > 0)
    {
        text.push_str(&format!(" Retrieved {}.", at.format("%-d %B %Y")));
    }
    html! {
        section.cite {
            h2 { "Cite this record" }
            blockquote #citation { (text) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_source_hash_number() {
        assert!(check_id("council/cabinet/2019-01-01/minutes.pdf#12").is_ok());
        for bad in [
            "",
            "#0",
            "minutes.txt",
            "minutes.txt#",
            "minutes.txt#x",
            "a\u{0}b#0",
            &format!("{}#0", "a".repeat(5000)),
        ] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
    }
}
