//! Stage 7: results to output, split by format as ripgrep's printer is.
//!
//! - [`wire`] defines what scripts receive: one typed message per JSON line
//!   (`hit`, `facets`, `trend`, `summary`, `record`, `stats`), and the same
//!   fields as CSV columns.
//! - [`text`] prints for people, with colour through `anstyle`.
//! - [`json`] writes JSON Lines; [`csv`] writes a header row and one row a
//!   hit, flattened from the same wire types, so the two cannot drift.
//! - [`sanitize`] escapes control and bidi characters before document text
//!   reaches a terminal.
//!
//! Everything renders into any `io::Write`, so tests render into a `Vec`.
//! The stage knows nothing of tantivy or the command line.

pub mod alert;
pub mod api;
pub mod atom;
pub mod csv;
pub mod export;
pub mod json;
mod sanitize;
pub mod text;
pub mod wire;

use std::io::{self, Write};

pub use sanitize::sanitize;
pub use wire::Summary;

use crate::index::{Names, Stats};
use crate::model::Record;
use crate::search::{Facets, Hit, TrendRow};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
    Csv,
}

/// How to render.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    pub format: Format,
    /// ANSI colour and highlighting (text format only).
    pub color: bool,
    /// Print each hit's whole text instead of a snippet (resolutions).
    pub full_text: bool,
}

/// Render `hits`, numbered from `first_rank`.
pub fn hits(
    out: &mut dyn Write,
    hits: &[Hit],
    first_rank: usize,
    options: RenderOptions,
) -> io::Result<()> {
    match options.format {
        Format::Text => text::hits(out, hits, options),
        Format::Json => json::hits(out, hits, first_rank, options.full_text),
        Format::Csv => csv::hits(out, hits, first_rank, options.full_text),
    }
}

/// Render facet counts after the hits. CSV has no place for them.
pub fn facets(
    out: &mut dyn Write,
    facets: &Facets,
    total: usize,
    options: RenderOptions,
) -> io::Result<()> {
    match options.format {
        Format::Text => text::facets(out, facets, total, options.color),
        Format::Json => json::facets(out, facets, total),
        Format::Csv => Ok(()),
    }
}

/// Close a JSON stream with its summary line; other formats say it on stderr.
pub fn summary(out: &mut dyn Write, summary: &Summary, options: RenderOptions) -> io::Result<()> {
    match options.format {
        Format::Json => json::message(out, summary),
        Format::Text | Format::Csv => Ok(()),
    }
}

/// Render trend rows counted by `by` and per `per`.
pub fn trends(
    out: &mut dyn Write,
    rows: &[TrendRow],
    by: &str,
    per: &str,
    options: RenderOptions,
) -> io::Result<()> {
    match options.format {
        Format::Text => text::trends(out, rows, by, per, options.color),
        Format::Json => json::trends(out, rows, by, per),
        Format::Csv => csv::trends(out, rows, by, per),
    }
}

/// Render one record with where each value came from, and its full text.
pub fn record(out: &mut dyn Write, record: &Record, options: RenderOptions) -> io::Result<()> {
    match options.format {
        Format::Json | Format::Csv => json::message(out, &wire::RecordOut::new(record)),
        Format::Text => text::record(out, record, options.color),
    }
}

/// Render the index's council and committee names.
pub fn names(out: &mut dyn Write, names: &Names, options: RenderOptions) -> io::Result<()> {
    match options.format {
        Format::Json | Format::Csv => json::message(out, &wire::NamesOut::new(names)),
        Format::Text => text::names(out, names, options.color),
    }
}

/// Render index statistics: a report for people, or one JSON object.
pub fn stats(out: &mut dyn Write, stats: &Stats, options: RenderOptions) -> io::Result<()> {
    match options.format {
        Format::Json | Format::Csv => json::message(out, &wire::StatsOut::new(stats)),
        Format::Text => text::stats(out, stats, options.color),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fingerprint, Kind, Metadata, Origin, Sourced};
    use crate::search::Snippet;

    fn hit() -> Hit {
        Hit {
            record: Record {
                id: "lancs/c/2017-01-18/a.txt#0".into(),
                kind: Kind::Document,
                also: vec![],
                meta: Metadata {
                    council: Sourced::new("Lancashire County Council".into(), Origin::FolderMeta),
                    committee: Sourced::new("Scrutiny, \"Children\"".into(), Origin::Text),
                    date: Sourced::new(
                        chrono::NaiveDate::from_ymd_opt(2017, 1, 18).unwrap(),
                        Origin::Text,
                    ),
                    title: Sourced::new("Improvement Board Update".into(), Origin::Text),
                    url: Sourced::empty(),
                    topic: vec!["/children".into(), "/schools".into()],
                },
                body: String::new(),
                number: None,
                decision: Default::default(),
                refs: Vec::new(),
                span: None,
                pages: Some(crate::model::Pages { first: 3, last: 4 }),
                page_starts: Default::default(),
                blank_pages: 0,
                fingerprint: Fingerprint {
                    source: "lancs/c/2017-01-18/a.txt".into(),
                    ..Fingerprint::default()
                },
                indexed: Default::default(),
                history: Default::default(),
                extracted: Default::default(),
            },
            score: Some(1.5),
            duplicates: vec!["other/place.txt#0".into()],
            partial: false,
            page: Some(4),
            snippet: Snippet {
                text: "high caseloads here\u{1b}[2J".into(),
                highlights: vec![5..14, 15..19],
                at: 0,
            },
        }
    }

    fn render(format: Format, color: bool) -> String {
        let mut out = Vec::new();
        let options = RenderOptions {
            format,
            color,
            full_text: false,
        };
        hits(&mut out, &[hit()], 1, options).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_is_plain_without_colour_and_highlighted_with_it() {
        let plain = render(Format::Text, false);
        assert!(plain.contains("Improvement Board Update\n"));
        assert!(
            plain.contains(
                "Lancashire County Council | Scrutiny, \"Children\" | 2017-01-18 | p. 4\n"
            )
        );
        assert!(!plain.contains('\x1b'), "escape codes leaked: {plain:?}");
        assert!(
            plain.contains("here\\x1b[2J"),
            "the document's escape is shown: {plain:?}"
        );
        let coloured = render(Format::Text, true);
        let matched = text::MATCH;
        assert!(coloured.contains(&format!("{matched}caseloads{matched:#}")));
    }

    #[test]
    fn json_line_has_the_contract_fields() {
        let line = render(Format::Json, false);
        let v: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
        assert_eq!(v["type"], "hit");
        assert_eq!(v["date"], "2017-01-18");
        assert_eq!(v["council_source"], "folder-meta");
        assert_eq!(v["title_source"], "text");
        assert_eq!(v["duplicates"][0], "other/place.txt#0");
        assert_eq!(v["highlights"][0][0], 5);
        assert_eq!(v["page"], 4);
        assert_eq!(v["pages"], serde_json::json!([3, 4]));
        for key in [
            "id",
            "source",
            "kind",
            "council",
            "committee",
            "title",
            "topic",
            "score",
            "snippet",
            "url",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
    }

    #[test]
    fn csv_has_a_column_for_every_json_field_and_quotes() {
        let json: serde_json::Value =
            serde_json::from_str(render(Format::Json, false).trim()).unwrap();
        let text = render(Format::Csv, false);
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let keys: Vec<String> = json.as_object().unwrap().keys().cloned().collect();
        assert_eq!(header, keys);
        let row = reader.records().next().unwrap().unwrap();
        let at = |name: &str| &row[header.iter().position(|h| h == name).unwrap()];
        assert_eq!(at("committee"), "Scrutiny, \"Children\"");
        assert_eq!(at("date"), "2017-01-18");
        assert_eq!(at("topic"), "/children;/schools");
        assert_eq!(at("highlights"), "5-14;15-19");
        assert_eq!(at("partial"), "false");
        assert_eq!(at("duplicates"), "other/place.txt#0");
        assert_eq!(at("page"), "4");
        assert_eq!(at("pages"), "3-4");
    }

    #[test]
    fn csv_of_no_hits_still_has_its_header() {
        let mut out = Vec::new();
        let options = RenderOptions {
            format: Format::Csv,
            ..RenderOptions::default()
        };
        hits(&mut out, &[], 1, options).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("type,rank,id,source,kind,kinds,"),
            "{text}"
        );
        assert_eq!(text.lines().count(), 1);
    }
}
