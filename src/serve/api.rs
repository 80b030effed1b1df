//! `/api/…`: the JSON API. Each answer is one object of the command
//! line's wire types (`render::api`); errors are `{"type": "error"}`
//! objects with the HTTP status. `/api/openapi.json` describes it all.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::html::record::RecordParams;
use super::html::resolutions;
use super::params::{PAGE_SIZE, Params};
use super::{Current, WebError, blocking};
use crate::index;
use crate::render::api::{ErrorOut, SearchOut, TrendsOut};
use crate::render::{Summary, wire};
use crate::search::{self, SearchRequest};

const OPENAPI: &str = include_str!("assets/openapi.json");

/// `value` as a JSON answer.
fn json(value: &impl Serialize) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(e) => error(&WebError::internal(e.to_string())),
    }
}

pub fn error(err: &WebError) -> Response {
    let body = ErrorOut::new(err.status.as_u16(), &err.message);
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    (
        err.status,
        [(header::CONTENT_TYPE, "application/json")],
        bytes,
    )
        .into_response()
}

/// `GET /api/search`: `limit` hits (10 by default, at most 100) of
/// `page`, with `facets=true` the counts too.
pub async fn search(State(current): State<Arc<Current>>, RawQuery(raw): RawQuery) -> Response {
    let request = Params::parse(raw.as_deref()).and_then(|params| {
        let per_page = if params.limit == 0 {
            PAGE_SIZE
        } else {
            params.limit
        };
        let mut request = params.request(per_page)?;
        request.facets = params.facets;
        Ok(request)
    });
    listing(current, request).await
}

/// `GET /api/resolutions`: resolutions newest first, whole.
pub async fn resolutions(State(current): State<Arc<Current>>, RawQuery(raw): RawQuery) -> Response {
    let request = Params::parse(raw.as_deref()).and_then(|params| {
        let mut request = resolutions::request(&params)?;
        request.facets = params.facets;
        Ok(request)
    });
    listing(current, request).await
}

async fn listing(current: Arc<Current>, request: Result<SearchRequest, WebError>) -> Response {
    let request = match request {
        Ok(r) => r,
        Err(e) => return error(&e),
    };
    let (offset, full_text) = (request.offset, request.full_text);
    match blocking(&current, move |open| Ok(search::search(open, &request)?)).await {
        Ok(results) => json(&SearchOut::new(
            &results.hits,
            offset + 1,
            full_text,
            results.facets.as_ref().map(|f| (f, results.total)),
            Summary::of_page(&results, offset),
        )),
        Err(e) => error(&e),
    }
}

/// `GET /api/record?id=…`: the record as `minutes show --format json`.
pub async fn record(State(current): State<Arc<Current>>, RawQuery(raw): RawQuery) -> Response {
    let params = match RecordParams::parse(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => return error(&e),
    };
    let found = blocking(&current, move |open| {
        search::get(open, &params.id)?.ok_or_else(|| {
            WebError::not_found(format!("there is no record '{}' in this index", params.id))
        })
    })
    .await;
    match found {
        Ok(record) => json(&wire::RecordOut::new(&record)),
        Err(e) => error(&e),
    }
}

/// `GET /api/trends`: as `minutes trends --format json`.
pub async fn trends(State(current): State<Arc<Current>>, RawQuery(raw): RawQuery) -> Response {
    let asked = Params::parse(raw.as_deref()).and_then(|params| {
        let (dims, names) = params.trend_dims()?;
        Ok((params.q.clone(), params.filters()?, dims, names))
    });
    let (q, filters, dims, [by, per]) = match asked {
        Ok(a) => a,
        Err(e) => return error(&e),
    };
    match blocking(&current, move |open| {
        Ok(search::trends(open, &q, &filters, dims)?)
    })
    .await
    {
        Ok(trend) => json(&TrendsOut::new(
            &trend.rows,
            by,
            per,
            Summary::of_trend(&trend),
        )),
        Err(e) => error(&e),
    }
}

/// `GET /api/stats`: as `minutes stats --format json`.
pub async fn stats(State(current): State<Arc<Current>>) -> Response {
    match blocking(&current, |open| index::stats(open).map_err(WebError::from)).await {
        Ok(stats) => json(&wire::StatsOut::new(&stats)),
        Err(e) => error(&e),
    }
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        OPENAPI,
    )
        .into_response()
}
