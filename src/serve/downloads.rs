//! Any search as a file: `/search.csv` and `/search.jsonl` write what
//! `minutes search --format csv|json` prints for the same parameters,
//! `/search.atom` is an Atom feed of it (most recently indexed first),
//! `/trends.csv` is `minutes trends --format csv`.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

use super::params::Params;
use super::{Current, WebError, blocking, html};
use crate::render::{self, Format, RenderOptions, Summary, atom};
use crate::search::{self, Partial, Sort};

/// Hits in a download when `limit` is not given, and the most one gives.
const DEFAULT_ROWS: usize = 100;
/// The entries of a feed.
const FEED_ENTRIES: usize = 50;

/// `GET /search.csv`.
pub async fn csv(State(current): State<Arc<Current>>, RawQuery(raw): RawQuery) -> Response {
    listing(current, raw, Format::Csv).await
}

/// `GET /search.jsonl`.
pub async fn jsonl(State(current): State<Arc<Current>>, RawQuery(raw): RawQuery) -> Response {
    listing(current, raw, Format::Json).await
}

async fn listing(current: Arc<Current>, raw: Option<String>, format: Format) -> Response {
    let result = async {
        let params = Params::parse(raw.as_deref())?;
        let rows = if params.limit == 0 {
            DEFAULT_ROWS
        } else {
            params.limit
        };
        let mut request = params.request(rows)?;
        let full_text = request.filters.kind == Some(crate::model::Kind::Resolution);
        request.full_text = full_text;
        let offset = request.offset;
        let results = blocking(&current, move |open| Ok(search::search(open, &request)?)).await?;
        let options = RenderOptions {
            format,
            color: false,
            full_text,
        };
        let mut body = Vec::new();
        render::hits(&mut body, &results.hits, offset + 1, options)
            .and_then(|()| render::summary(&mut body, &Summary::of_page(&results, offset), options))
            .map_err(|e| WebError::internal(e.to_string()))?;
        let (kind, name) = match format {
            Format::Csv => ("text/csv; charset=utf-8", "minutes-search.csv"),
            _ => (
                "application/x-ndjson; charset=utf-8",
                "minutes-search.jsonl",
            ),
        };
        Ok::<_, WebError>(file(kind, name, body))
    }
    .await;
    result.unwrap_or_else(|e| html::error(&e))
}

/// `GET /search.atom`: records with every word, most recently indexed
/// first, as a saved search's feed is.
pub async fn atom(
    State(current): State<Arc<Current>>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let result = async {
        let params = Params::parse(raw.as_deref())?;
        let mut request = params.request(FEED_ENTRIES)?;
        request.offset = 0;
        request.sort = Sort::Indexed;
        request.partial = Partial::Never;
        let results = blocking(&current, move |open| {
            let built_at = open.info.as_ref().map_or(0, |i| i.built_at);
            Ok((search::search(open, &request)?, built_at))
        })
        .await?;
        let (results, built_at) = results;
        let qs = params.with(|p| p.sort.clear()).query_string();
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost");
        let href = format!("http://{host}/search.atom?{qs}");
        let id = format!("urn:minutes:search:{qs}");
        let filters = describe(&params);
        let info = atom::FeedInfo {
            name: "search",
            id: &id,
            self_href: Some(&href),
            query: &params.q,
            filters: &filters,
            built_at,
        };
        let mut body = Vec::new();
        atom::feed(&mut body, info, &results.hits)
            .map_err(|e| WebError::internal(e.to_string()))?;
        Ok::<_, WebError>(
            (
                [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
                body,
            )
                .into_response(),
        )
    }
    .await;
    result.unwrap_or_else(|e| html::error(&e))
}

/// `GET /trends.csv`.
pub async fn trends_csv(State(current): State<Arc<Current>>, RawQuery(raw): RawQuery) -> Response {
    let result = async {
        let params = Params::parse(raw.as_deref())?;
        let (dims, [by, per]) = params.trend_dims()?;
        let filters = params.filters()?;
        let q = params.q.clone();
        let trend = blocking(&current, move |open| {
            Ok(search::trends(open, &q, &filters, dims)?)
        })
        .await?;
        let mut body = Vec::new();
        render::csv::trends(&mut body, &trend.rows, by, per)
            .map_err(|e| WebError::internal(e.to_string()))?;
        Ok::<_, WebError>(file("text/csv; charset=utf-8", "minutes-trends.csv", body))
    }
    .await;
    result.unwrap_or_else(|e| html::error(&e))
}

/// A download named `name`.
fn file(content_type: &'static str, name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The filters of `params` in words, for a feed's subtitle.
fn describe(params: &Params) -> String {
    params
        .filter_values()
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}
