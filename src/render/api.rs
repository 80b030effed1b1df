//! The JSON API's answers (`minutes serve`, `/api/…`): each one JSON
//! object holding the same [`wire`](super::wire) messages the command
//! line prints as JSON Lines, so a script can move between the two.

use serde::Serialize;

use super::wire::{FacetsOut, HitOut, Summary, TrendOut};
use crate::search::{Facets, Hit, TrendRow};

/// `/api/search` and `/api/resolutions`: the `hit` lines, the `facets`
/// line when asked for, and the `summary` line.
#[derive(Debug, Serialize)]
pub struct SearchOut<'a> {
    #[serde(rename = "type")]
    pub message: &'static str,
    pub hits: Vec<HitOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<FacetsOut>,
    pub summary: Summary,
}

impl<'a> SearchOut<'a> {
    /// `hits` ranked from `first_rank`.
    pub fn new(
        hits: &'a [Hit],
        first_rank: usize,
        full_text: bool,
        facets: Option<(&Facets, usize)>,
        summary: Summary,
    ) -> Self {
        SearchOut {
            message: "search",
            hits: hits
                .iter()
                .enumerate()
                .map(|(i, h)| HitOut::new(first_rank + i, h, full_text))
                .collect(),
            facets: facets.map(|(f, total)| FacetsOut::new(f, total)),
            summary,
        }
    }
}

/// `/api/trends`: the `trend` lines and the `summary` line.
#[derive(Debug, Serialize)]
pub struct TrendsOut<'a> {
    #[serde(rename = "type")]
    pub message: &'static str,
    pub trends: Vec<TrendOut<'a>>,
    pub summary: Summary,
}

impl<'a> TrendsOut<'a> {
    pub fn new(rows: &'a [TrendRow], by: &'a str, per: &'a str, summary: Summary) -> Self {
        TrendsOut {
            message: "trends",
            trends: rows.iter().map(|row| TrendOut { by, per, row }).collect(),
            summary,
        }
    }
}

/// An answer that is not a result: the HTTP status and what to do.
#[derive(Debug, Serialize)]
pub struct ErrorOut<'a> {
    #[serde(rename = "type")]
    pub message: &'static str,
    pub status: u16,
    pub error: &'a str,
}

impl<'a> ErrorOut<'a> {
    pub fn new(status: u16, error: &'a str) -> Self {
        ErrorOut {
            message: "error",
            status,
            error,
        }
    }
}
