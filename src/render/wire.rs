//! The wire types: what JSON Lines and CSV carry. The field sets are a
//! contract (README, "Output formats"): fields are added, never renamed or
//! removed. Every JSON line is one of these messages and says which in its
//! `type` field, so hits, facets and the closing summary share a stream.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::index::{Names, Stats};
use crate::model::{Kind, Record};
use crate::search::{Facets, Hit, SearchResults, Snippet, Trend, TrendRow};

/// One hit. CSV has a column for every field, in this order.
#[derive(Debug, Default, Serialize)]
pub struct HitOut<'a> {
    /// Always "hit".
    #[serde(rename = "type")]
    pub message: &'static str,
    pub rank: usize,
    pub id: &'a str,
    pub source: &'a str,
    pub kind: &'a str,
    /// Every kind the record is (a one-item page is a document and an item).
    pub kinds: Vec<&'a str>,
    pub council: Option<&'a str>,
    pub committee: Option<&'a str>,
    /// `YYYY-MM-DD` or null.
    pub date: Option<String>,
    pub title: Option<&'a str>,
    pub topic: &'a [String],
    pub score: Option<f32>,
    pub snippet: &'a str,
    /// Byte ranges `[start, end)` of the matched words in `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// The same ranges counted in characters (Unicode scalar values), for
    /// scripts that slice strings by character (Python, jq).
    pub highlights_chars: Vec<[usize; 2]>,
    pub url: Option<&'a str>,
    pub council_source: &'static str,
    pub committee_source: &'static str,
    pub date_source: &'static str,
    pub title_source: &'static str,
    pub url_source: &'static str,
    /// An item's or resolution's number, if it has one.
    pub number: Option<&'a str>,
    /// Ids of records with the same text folded into this hit.
    pub duplicates: &'a [String],
    /// True when the record has only some of the query's words.
    pub partial: bool,
    /// The page of the snippet's first matched word (PDF), or null.
    pub page: Option<u32>,
    /// The record's first and last page (PDF), or null.
    pub pages: Option<[u32; 2]>,
    #[serde(flatten)]
    pub decision: DecisionOut<'a>,
    /// Minutes the record refers to ("12/18").
    pub refs: &'a [String],
    /// When the record's text was first indexed (UTC), and by which run.
    pub indexed: Option<String>,
    pub indexed_run: u64,
    /// When the record first appeared, in whatever words, and by which run:
    /// `first_run < indexed_run` means its text changed since.
    pub first_indexed: Option<String>,
    pub first_run: u64,
    /// Names the record across renames and edits (16 hex digits).
    pub key: String,
    /// The record's whole text, with `full_text` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
}

impl<'a> HitOut<'a> {
    /// `hit` at `rank`, with its whole text when `full_text`.
    pub fn new(rank: usize, hit: &'a Hit, full_text: bool) -> Self {
        let r: &Record = &hit.record;
        let m = &r.meta;
        HitOut {
            message: "hit",
            rank,
            id: &r.id,
            source: &r.fingerprint.source,
            kind: r.kind.as_str(),
            kinds: kinds(r),
            council: m.council.value.as_deref(),
            committee: m.committee.value.as_deref(),
            date: m.date.value.map(|d| d.format("%Y-%m-%d").to_string()),
            title: m.title.value.as_deref(),
            topic: &m.topic,
            score: hit.score,
            snippet: &hit.snippet.text,
            highlights: hit
                .snippet
                .highlights
                .iter()
                .map(|r| [r.start, r.end])
                .collect(),
            highlights_chars: char_ranges(&hit.snippet),
            url: m.url.value.as_deref(),
            council_source: m.council.origin.as_str(),
            committee_source: m.committee.origin.as_str(),
            date_source: m.date.origin.as_str(),
            title_source: m.title.origin.as_str(),
            url_source: m.url.origin.as_str(),
            number: r.number.as_deref(),
            duplicates: &hit.duplicates,
            partial: hit.partial,
            page: hit.page,
            pages: page_range(r),
            decision: DecisionOut::new(r),
            refs: &r.refs,
            indexed: utc(r.indexed.at),
            indexed_run: r.indexed.run,
            first_indexed: utc(r.history.first.at),
            first_run: r.history.first.run,
            key: format!("{:016x}", r.history.key),
            text: full_text.then_some(r.body.as_str()),
        }
    }

    /// A hit with every field empty: its keys are the CSV header.
    pub fn empty(full_text: bool) -> Self {
        HitOut {
            message: "hit",
            text: full_text.then_some(""),
            ..HitOut::default()
        }
    }
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`; `None` for 0 (not
/// indexed).
pub fn utc(secs: i64) -> Option<String> {
    if secs == 0 {
        return None;
    }
    chrono::DateTime::from_timestamp(secs, 0).map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// A resolution's decision: null where the text does not state it.
#[derive(Debug, Default, Serialize)]
pub struct DecisionOut<'a> {
    pub mover: Option<&'a str>,
    pub seconder: Option<&'a str>,
    /// `carried`, `lost`, `deferred`, `referred`, `withdrawn` or `adopted`.
    pub outcome: Option<&'static str>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub votes_abstain: Option<u32>,
}

impl<'a> DecisionOut<'a> {
    pub fn new(r: &'a Record) -> Self {
        let d = &r.decision;
        DecisionOut {
            mover: d.mover.as_deref(),
            seconder: d.seconder.as_deref(),
            outcome: d.outcome.map(|o| o.as_str()),
            votes_for: d.votes.map(|v| v.for_),
            votes_against: d.votes.map(|v| v.against),
            votes_abstain: d.votes.and_then(|v| v.abstain),
        }
    }
}

/// A record's first and last page.
fn page_range(r: &Record) -> Option<[u32; 2]> {
    r.pages.map(|p| [p.first, p.last])
}

fn kinds(r: &Record) -> Vec<&'static str> {
    std::iter::once(r.kind)
        .chain(r.also.iter().copied())
        .map(Kind::as_str)
        .collect()
}

/// The snippet's highlight byte ranges as character ranges.
fn char_ranges(snippet: &Snippet) -> Vec<[usize; 2]> {
    let text = &snippet.text;
    let chars_before = |at: usize| text.get(..at).map_or(0, |s| s.chars().count());
    snippet
        .highlights
        .iter()
        .map(|r| [chars_before(r.start), chars_before(r.end)])
        .collect()
}

/// Counts of every matching record per council, committee, year, kind and
/// topic, each largest first (years newest first).
#[derive(Debug, Serialize)]
pub struct FacetsOut {
    #[serde(rename = "type")]
    pub message: &'static str,
    pub total: usize,
    pub facets: serde_json::Map<String, serde_json::Value>,
}

impl FacetsOut {
    pub fn new(facets: &Facets, total: usize) -> Self {
        let facets = facets
            .groups()
            .iter()
            .map(|(name, counts)| {
                let inner: serde_json::Map<String, serde_json::Value> = counts
                    .iter()
                    .map(|(k, n)| (k.clone(), serde_json::Value::from(*n)))
                    .collect();
                ((*name).to_owned(), serde_json::Value::Object(inner))
            })
            .collect();
        FacetsOut {
            message: "facets",
            total,
            facets,
        }
    }
}

/// One bucket of a trend: `{"type": "trend", <by>: value, <per>: period,
/// "records": n, "documents": n}`, keyed by the dimensions asked for.
#[derive(Debug)]
pub struct TrendOut<'a> {
    pub by: &'a str,
    pub per: &'a str,
    pub row: &'a TrendRow,
}

impl TrendOut<'_> {
    /// The column names, in order, as CSV writes them.
    pub fn columns<'b>(by: &'b str, per: &'b str) -> [&'b str; 5] {
        ["type", by, per, "records", "documents"]
    }

    /// The values, in the order of [`TrendOut::columns`].
    pub fn values(&self) -> [String; 5] {
        [
            "trend".to_owned(),
            self.row.value.clone(),
            self.row.period.clone(),
            self.row.records.to_string(),
            self.row.documents.to_string(),
        ]
    }
}

impl Serialize for TrendOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("type", "trend")?;
        map.serialize_entry(self.by, &self.row.value)?;
        map.serialize_entry(self.per, &self.row.period)?;
        map.serialize_entry("records", &self.row.records)?;
        map.serialize_entry("documents", &self.row.documents)?;
        map.end()
    }
}

/// The last line of a JSON stream: how many records matched in all, how
/// many lines came before, and what went wrong with the query.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    #[serde(rename = "type")]
    pub message: &'static str,
    /// Records matching in all (for trends: records counted).
    pub total: usize,
    /// Hit or trend lines printed.
    pub shown: usize,
    /// Hits skipped by `--offset`.
    pub offset: usize,
    /// Hits with the same text folded into those shown.
    pub collapsed: usize,
    /// Records with some but not all of the words, listed after the rest.
    pub partial: usize,
    pub warnings: Vec<String>,
}

impl Summary {
    pub fn new(total: usize, shown: usize) -> Self {
        Summary {
            message: "summary",
            total,
            shown,
            ..Summary::default()
        }
    }

    /// The summary of a page of `results` that skipped `offset` hits.
    pub fn of_page(results: &SearchResults, offset: usize) -> Self {
        Summary {
            offset,
            collapsed: results.collapsed,
            partial: results.partial,
            warnings: results.warnings.clone(),
            ..Summary::new(results.total, results.hits.len())
        }
    }

    /// The summary of a trend's rows.
    pub fn of_trend(trend: &Trend) -> Self {
        Summary {
            warnings: trend.warnings.clone(),
            ..Summary::new(trend.total, trend.rows.len())
        }
    }
}

/// One record in full, as `show --format json` prints it.
#[derive(Debug, Serialize)]
pub struct RecordOut<'a> {
    #[serde(rename = "type")]
    pub message: &'static str,
    pub id: &'a str,
    pub source: &'a str,
    pub kind: &'a str,
    pub kinds: Vec<&'a str>,
    pub council: Option<&'a str>,
    pub council_source: &'static str,
    pub committee: Option<&'a str>,
    pub committee_source: &'static str,
    pub date: Option<String>,
    pub date_source: &'static str,
    pub title: Option<&'a str>,
    pub title_source: &'static str,
    pub url: Option<&'a str>,
    pub url_source: &'static str,
    pub topic: &'a [String],
    pub number: Option<&'a str>,
    /// The record's first and last page (PDF), or null.
    pub pages: Option<[u32; 2]>,
    #[serde(flatten)]
    pub decision: DecisionOut<'a>,
    pub refs: &'a [String],
    pub text: &'a str,
}

impl<'a> RecordOut<'a> {
    pub fn new(r: &'a Record) -> Self {
        let m = &r.meta;
        RecordOut {
            message: "record",
            id: &r.id,
            source: &r.fingerprint.source,
            kind: r.kind.as_str(),
            kinds: kinds(r),
            council: m.council.value.as_deref(),
            council_source: m.council.origin.as_str(),
            committee: m.committee.value.as_deref(),
            committee_source: m.committee.origin.as_str(),
            date: m.date.value.map(|d| d.format("%Y-%m-%d").to_string()),
            date_source: m.date.origin.as_str(),
            title: m.title.value.as_deref(),
            title_source: m.title.origin.as_str(),
            url: m.url.value.as_deref(),
            url_source: m.url.origin.as_str(),
            topic: &m.topic,
            number: r.number.as_deref(),
            pages: page_range(r),
            decision: DecisionOut::new(r),
            refs: &r.refs,
            text: &r.body,
        }
    }
}

/// `minutes names --format json`: councils by name, each with its
/// documents, aliases and committees.
#[derive(Debug, Serialize)]
pub struct NamesOut<'a> {
    #[serde(rename = "type")]
    pub message: &'static str,
    pub councils: &'a Names,
}

impl<'a> NamesOut<'a> {
    pub fn new(councils: &'a Names) -> Self {
        NamesOut {
            message: "names",
            councils,
        }
    }
}

/// `minutes stats --format json`: the statistics, typed.
#[derive(Debug, Serialize)]
pub struct StatsOut<'a> {
    #[serde(rename = "type")]
    pub message: &'static str,
    #[serde(flatten)]
    pub stats: &'a Stats,
}

impl<'a> StatsOut<'a> {
    pub fn new(stats: &'a Stats) -> Self {
        StatsOut {
            message: "stats",
            stats,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_offsets_count_characters_not_bytes() {
        let snippet = Snippet {
            text: "café – caseload".into(),
            highlights: vec![std::ops::Range { start: 10, end: 18 }],
            at: 0,
        };
        assert_eq!(&snippet.text[10..18], "caseload");
        assert_eq!(char_ranges(&snippet), vec![[7, 15]]);
        let chars: Vec<char> = snippet.text.chars().collect();
        assert_eq!(chars[7..15].iter().collect::<String>(), "caseload");
    }
}
