//! Stage 7: hits to output: highlighted text for people, JSON Lines and CSV
//! for scripts. Renders into any `io::Write`, so tests render into a `Vec`.

use std::io::{self, Write};

use serde::Serialize;

use crate::index::Stats;
use crate::model::{Kind, Origin, Record};
use crate::search::{FacetCounts, Facets, Hit, Snippet, TrendRow};

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

const BOLD: &str = "\x1b[1m";
const TITLE: &str = "\x1b[1;36m";
const DIM: &str = "\x1b[2m";
const PATH: &str = "\x1b[35m";
const MATCH: &str = "\x1b[1;31m";
const RESET: &str = "\x1b[0m";

/// One hit as JSON Lines and CSV carry it. The field set is a contract:
/// add fields, never rename or remove them.
#[derive(Debug, Serialize)]
pub struct HitOut<'a> {
    /// Always "hit", so hits and a facets line can share a stream.
    #[serde(rename = "type")]
    pub kind_of_line: &'static str,
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
    pub url: Option<&'a str>,
    pub council_source: &'static str,
    pub committee_source: &'static str,
    pub date_source: &'static str,
    /// An item's or resolution's number, if it has one.
    pub number: Option<&'a str>,
    /// Ids of records with the same text folded into this hit.
    pub duplicates: &'a [String],
    /// True when the record has only some of the query's words.
    pub partial: bool,
    /// The record's whole text, with `full_text` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
}

impl<'a> HitOut<'a> {
    pub fn new(rank: usize, hit: &'a Hit) -> Self {
        let r: &Record = &hit.record;
        let m = &r.meta;
        HitOut {
            kind_of_line: "hit",
            rank,
            id: &r.id,
            source: &r.fingerprint.source,
            kind: r.kind.as_str(),
            kinds: std::iter::once(r.kind)
                .chain(r.also.iter().copied())
                .map(Kind::as_str)
                .collect(),
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
            url: m.url.value.as_deref(),
            council_source: origin(m.council.origin),
            committee_source: origin(m.committee.origin),
            date_source: origin(m.date.origin),
            number: r.number.as_deref(),
            duplicates: &hit.duplicates,
            partial: hit.partial,
            text: None,
        }
    }
}

fn origin(o: Origin) -> &'static str {
    o.as_str()
}

/// Render `hits`, numbered from `first_rank`.
pub fn hits(
    out: &mut dyn Write,
    hits: &[Hit],
    first_rank: usize,
    options: RenderOptions,
) -> io::Result<()> {
    match options.format {
        Format::Text => {
            for (i, hit) in hits.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                text_hit(out, hit, options)?;
            }
            Ok(())
        }
        Format::Json => {
            for (i, hit) in hits.iter().enumerate() {
                let mut h = HitOut::new(first_rank + i, hit);
                if options.full_text {
                    h.text = Some(&hit.record.body);
                }
                serde_json::to_writer(&mut *out, &h)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            let text_column = if options.full_text { "text" } else { "snippet" };
            writer.write_record([
                "rank",
                "id",
                "source",
                "kind",
                "council",
                "committee",
                "date",
                "title",
                "topic",
                "score",
                text_column,
                "url",
                "number",
            ])?;
            for (i, hit) in hits.iter().enumerate() {
                let h = HitOut::new(first_rank + i, hit);
                writer.write_record([
                    h.rank.to_string(),
                    h.id.to_owned(),
                    h.source.to_owned(),
                    h.kind.to_owned(),
                    h.council.unwrap_or_default().to_owned(),
                    h.committee.unwrap_or_default().to_owned(),
                    h.date.unwrap_or_default(),
                    h.title.unwrap_or_default().to_owned(),
                    h.topic.join(";"),
                    h.score.map(|s| format!("{s:.4}")).unwrap_or_default(),
                    if options.full_text {
                        hit.record.body.clone()
                    } else {
                        h.snippet.to_owned()
                    },
                    h.url.unwrap_or_default().to_owned(),
                    h.number.unwrap_or_default().to_owned(),
                ])?;
            }
            writer.flush()
        }
    }
}

fn paint(out: &mut dyn Write, color: bool, style: &str, text: &str) -> io::Result<()> {
    if color {
        write!(out, "{style}{}{RESET}", sanitize(text))
    } else {
        write!(out, "{}", sanitize(text))
    }
}

fn text_hit(out: &mut dyn Write, hit: &Hit, options: RenderOptions) -> io::Result<()> {
    let color = options.color;
    let m = &hit.record.meta;
    let title = m.title.value.as_deref().unwrap_or("(untitled)");
    paint(out, color, TITLE, title)?;
    if hit.partial {
        write!(out, " ")?;
        paint(out, color, DIM, "[some of the words]")?;
    }
    if hit.record.kind != crate::model::Kind::Document {
        let label = match &hit.record.number {
            Some(n) => format!("[{} {n}]", hit.record.kind.as_str()),
            None => format!("[{}]", hit.record.kind.as_str()),
        };
        write!(out, " ")?;
        paint(out, color, DIM, &label)?;
    }
    writeln!(out)?;
    let date = m.date.value.map_or_else(
        || "undated".to_owned(),
        |d| d.format("%Y-%m-%d").to_string(),
    );
    let line = [
        m.council.value.as_deref().unwrap_or("council unknown"),
        m.committee.value.as_deref().unwrap_or("committee unknown"),
        date.as_str(),
    ]
    .join(" | ");
    write!(out, "  ")?;
    paint(out, color, BOLD, &line)?;
    writeln!(out)?;
    write!(out, "  ")?;
    paint(out, color, PATH, &hit.record.id)?;
    writeln!(out)?;
    for dup in &hit.duplicates {
        write!(out, "  ")?;
        paint(out, color, DIM, &format!("same text: {dup}"))?;
        writeln!(out)?;
    }
    if options.full_text {
        for line in hit.record.body.lines().filter(|l| !l.trim().is_empty()) {
            writeln!(out, "  {}", sanitize(line))?;
        }
        return Ok(());
    }
    write!(out, "  ")?;
    snippet(out, &hit.snippet, color)?;
    writeln!(out)
}

/// The snippet with its matches highlighted (in colour) or plain.
fn snippet(out: &mut dyn Write, snippet: &Snippet, color: bool) -> io::Result<()> {
    let text = &snippet.text;
    if !color {
        return write!(out, "{}", sanitize(text));
    }
    let mut at = 0;
    for range in &snippet.highlights {
        let (Some(before), Some(matched)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        write!(out, "{}", sanitize(before))?;
        paint(out, true, MATCH, matched)?;
        at = range.end;
    }
    write!(out, "{}", sanitize(text.get(at..).unwrap_or_default()))
}

/// Render facet counts after the hits: a block per facet in text, one
/// `{"type": "facets", ...}` line in JSON. CSV has no place for them.
pub fn facets(
    out: &mut dyn Write,
    facets: &Facets,
    total: usize,
    options: RenderOptions,
) -> io::Result<()> {
    let groups: [(&str, &FacetCounts); 5] = [
        ("council", &facets.council),
        ("committee", &facets.committee),
        ("year", &facets.year),
        ("kind", &facets.kind),
        ("topic", &facets.topic),
    ];
    match options.format {
        Format::Json => {
            let map: serde_json::Map<String, serde_json::Value> = groups
                .iter()
                .map(|(name, counts)| {
                    let inner: serde_json::Map<String, serde_json::Value> = counts
                        .iter()
                        .map(|(k, n)| (k.clone(), serde_json::Value::from(*n)))
                        .collect();
                    ((*name).to_owned(), serde_json::Value::Object(inner))
                })
                .collect();
            let line = serde_json::json!({"type": "facets", "total": total, "facets": map});
            serde_json::to_writer(&mut *out, &line)?;
            writeln!(out)
        }
        Format::Text => {
            writeln!(out)?;
            paint(
                out,
                options.color,
                BOLD,
                &format!(
                    "Counts of the {total} matching {}",
                    if total == 1 { "record" } else { "records" }
                ),
            )?;
            writeln!(out)?;
            for (name, counts) in groups {
                paint(out, options.color, TITLE, name)?;
                writeln!(out)?;
                let width = counts
                    .iter()
                    .map(|(k, _)| k.chars().count())
                    .max()
                    .unwrap_or(0);
                for (key, n) in counts {
                    writeln!(out, "  {:<width$}  {n:>6}", sanitize(key))?;
                }
            }
            Ok(())
        }
        Format::Csv => Ok(()),
    }
}

/// Render trend rows: a table with a bar per row, CSV with a header, or
/// JSON Lines.
pub fn trends(
    out: &mut dyn Write,
    rows: &[TrendRow],
    by: &str,
    per: &str,
    options: RenderOptions,
) -> io::Result<()> {
    match options.format {
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record([by, per, "records", "documents"])?;
            for r in rows {
                writer.write_record([
                    r.value.clone(),
                    r.period.clone(),
                    r.records.to_string(),
                    r.documents.to_string(),
                ])?;
            }
            writer.flush()
        }
        Format::Json => {
            for r in rows {
                let line = serde_json::json!({
                    by: r.value, per: r.period, "records": r.records, "documents": r.documents
                });
                serde_json::to_writer(&mut *out, &line)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Text => {
            const BAR: usize = 30;
            let width = rows
                .iter()
                .map(|r| r.value.chars().count())
                .chain([by.len()])
                .max()
                .unwrap_or(0);
            let pwidth = rows
                .iter()
                .map(|r| r.period.len())
                .chain([per.len()])
                .max()
                .unwrap_or(0);
            let max = rows.iter().map(|r| r.records).max().unwrap_or(1).max(1);
            paint(
                out,
                options.color,
                BOLD,
                &format!(
                    "{by:<width$}  {per:<pwidth$}  {:>7}  {:>9}",
                    "records", "documents"
                ),
            )?;
            writeln!(out)?;
            let mut last: Option<&str> = None;
            for r in rows {
                let name = if last == Some(r.value.as_str()) {
                    ""
                } else {
                    r.value.as_str()
                };
                last = Some(r.value.as_str());
                let bar = "\u{2588}".repeat(((r.records * BAR as u64).div_ceil(max)) as usize);
                write!(
                    out,
                    "{:<width$}  {:<pwidth$}  {:>7}  {:>9}  ",
                    sanitize(name),
                    r.period,
                    r.records,
                    r.documents
                )?;
                paint(out, options.color, PATH, &bar)?;
                writeln!(out)?;
            }
            Ok(())
        }
    }
}

/// One record in full, as `show --format json` prints it.
#[derive(Debug, Serialize)]
pub struct RecordOut<'a> {
    pub id: &'a str,
    pub source: &'a str,
    pub kind: &'a str,
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
    pub text: &'a str,
}

/// Render one record with where each value came from, and its full text.
pub fn record(out: &mut dyn Write, r: &Record, options: RenderOptions) -> io::Result<()> {
    let m = &r.meta;
    let date = m.date.value.map(|d| d.format("%Y-%m-%d").to_string());
    if options.format == Format::Json {
        let rec = RecordOut {
            id: &r.id,
            source: &r.fingerprint.source,
            kind: r.kind.as_str(),
            council: m.council.value.as_deref(),
            council_source: origin(m.council.origin),
            committee: m.committee.value.as_deref(),
            committee_source: origin(m.committee.origin),
            date,
            date_source: origin(m.date.origin),
            title: m.title.value.as_deref(),
            title_source: origin(m.title.origin),
            url: m.url.value.as_deref(),
            url_source: origin(m.url.origin),
            topic: &m.topic,
            text: &r.body,
        };
        serde_json::to_writer(&mut *out, &rec)?;
        return writeln!(out);
    }
    let rows: [(&str, Option<&str>, Option<Origin>); 9] = [
        ("id", Some(&r.id), None),
        ("source", Some(&r.fingerprint.source), None),
        ("kind", Some(r.kind.as_str()), None),
        (
            "council",
            m.council.value.as_deref(),
            Some(m.council.origin),
        ),
        (
            "committee",
            m.committee.value.as_deref(),
            Some(m.committee.origin),
        ),
        ("date", date.as_deref(), Some(m.date.origin)),
        ("title", m.title.value.as_deref(), Some(m.title.origin)),
        ("url", m.url.value.as_deref(), Some(m.url.origin)),
        ("topic", None, None),
    ];
    for (name, value, from) in rows {
        let value = if name == "topic" {
            (!m.topic.is_empty()).then(|| m.topic.join(", "))
        } else {
            value.map(str::to_owned)
        };
        paint(out, options.color, BOLD, &format!("{name:<10}"))?;
        write!(out, " {}", sanitize(value.as_deref().unwrap_or("-")))?;
        if let Some(from) = from {
            write!(out, "  ")?;
            paint(
                out,
                options.color,
                DIM,
                &format!("(from {})", from.as_str()),
            )?;
        }
        writeln!(out)?;
    }
    writeln!(out)?;
    for line in r.body.lines() {
        writeln!(out, "{}", sanitize(line))?;
    }
    Ok(())
}

/// Render index statistics: a report for people, or one JSON object.
pub fn stats(out: &mut dyn Write, s: &Stats, options: RenderOptions) -> io::Result<()> {
    if options.format == Format::Json {
        serde_json::to_writer(&mut *out, s)?;
        return writeln!(out);
    }
    let heading = |out: &mut dyn Write, text: &str| -> io::Result<()> {
        writeln!(out)?;
        paint(out, options.color, BOLD, text)?;
        writeln!(out)
    };
    writeln!(
        out,
        "{} records from {} documents; index {:.1} MB",
        s.records,
        s.documents,
        s.index_bytes as f64 / 1e6
    )?;
    match &s.last_build {
        Some(b) => {
            let when = chrono::DateTime::from_timestamp(b.built_at, 0).map_or_else(
                || "unknown".to_owned(),
                |t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            );
            let m = &b.summary;
            writeln!(
                out,
                "last build {when}, {:.2}s{}: {} added, {} updated, {} deleted, {} unchanged, {} skipped",
                m.seconds,
                if m.full { " (full)" } else { "" },
                m.added,
                m.updated,
                m.deleted,
                m.unchanged,
                m.skipped
            )?;
        }
        None => writeln!(out, "last build unknown")?,
    }
    heading(
        out,
        "Councils: records, documents, latest meeting, documents per year",
    )?;
    let width = s
        .councils
        .keys()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0);
    for (name, c) in &s.councils {
        let years: Vec<String> = c
            .documents_per_year
            .iter()
            .map(|(y, n)| format!("{y}: {n}"))
            .collect();
        writeln!(
            out,
            "  {:<width$}  {:>6}  {:>6}  {:<10}  {}",
            sanitize(name),
            c.records,
            c.documents,
            c.latest_meeting.as_deref().unwrap_or("-"),
            years.join(", ")
        )?;
    }
    for (title, counts) in [
        ("Committees: records", &s.records_per_committee),
        ("Years: records", &s.records_per_year),
        ("Kinds: records", &s.records_per_kind),
    ] {
        heading(out, title)?;
        let width = counts.keys().map(|k| k.chars().count()).max().unwrap_or(0);
        for (name, n) in counts {
            writeln!(out, "  {:<width$}  {n:>6}", sanitize(name))?;
        }
    }
    for (title, list) in [
        ("Documents with no meeting date", &s.undated),
        ("Documents with no council", &s.no_council),
    ] {
        heading(out, &format!("{title}: {}", list.len()))?;
        for source in list {
            writeln!(out, "  {}", sanitize(source))?;
        }
    }
    Ok(())
}

/// Replace control characters so document text cannot drive the terminal.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fingerprint, Metadata, Sourced};

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
                    topic: vec![],
                },
                body: String::new(),
                number: None,
                span: None,
                fingerprint: Fingerprint {
                    source: "lancs/c/2017-01-18/a.txt".into(),
                    ..Fingerprint::default()
                },
                indexed: Default::default(),
            },
            score: Some(1.5),
            duplicates: vec!["other/place.txt#0".into()],
            partial: false,
            snippet: Snippet {
                text: "high caseloads here\u{1b}[2J".into(),
                highlights: vec![5..14, 15..19],
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
        assert!(plain.contains("Lancashire County Council | Scrutiny, \"Children\" | 2017-01-18"));
        assert!(!plain.contains('\x1b'), "escape codes leaked: {plain:?}");
        let coloured = render(Format::Text, true);
        assert!(coloured.contains(&format!("{MATCH}caseloads{RESET}")));
    }

    #[test]
    fn json_line_has_the_contract_fields() {
        let line = render(Format::Json, false);
        let v: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
        assert_eq!(v["date"], "2017-01-18");
        assert_eq!(v["council_source"], "folder-meta");
        assert_eq!(v["duplicates"][0], "other/place.txt#0");
        assert_eq!(v["highlights"][0][0], 5);
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
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
    }

    #[test]
    fn csv_quotes_commas_and_quotes() {
        let text = render(Format::Csv, false);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[5], "Scrutiny, \"Children\"");
        assert_eq!(&row[6], "2017-01-18");
    }
}
