//! `.jsonl` files, as scrapers write them: one document a line, a JSON
//! object with its `text` and its metadata.
//!
//! ```json
//! {"id": "m-2024-03-05", "text": "Minutes of …", "format": "html", "council": "…",
//!  "committee": "…", "date": "2024-03-05", "title": "…", "url": "…", "topic": ["/planning"]}
//! ```
//!
//! Only `text` is required; `format` is `text` (the default), `markdown` or
//! `html`; other fields a scraper adds are ignored. Each line is its own
//! source, `FILE.jsonl:ID` (or `FILE.jsonl:LINE` without an `id`), and its
//! fields count as a sidecar's. A line that is not such an object costs that
//! line only, named with its number.

use std::collections::HashSet;

use serde::Deserialize;

use super::{Format, Problem};
use crate::model::Meta;

/// One document of a `.jsonl` file, read at the walk.
#[derive(Debug)]
pub struct Inline {
    pub text: String,
    pub format: Format,
    pub meta: Meta,
    /// An impossible date it gave, ignored, and why it is impossible.
    pub bad_date: Option<(String, String)>,
    /// blake3 of the line's bytes.
    pub hash: [u8; 32],
}

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<Id>,
    text: String,
    #[serde(default)]
    format: Option<String>,
    council: Option<String>,
    committee: Option<String>,
    date: Option<String>,
    title: Option<String>,
    url: Option<String>,
    #[serde(default)]
    topic: Vec<String>,
}

/// A record's id, as scrapers write it: a string or a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

/// One line: its source suffix (`ID` or the line number) and its document,
/// or the problem with it.
pub type Parsed = (String, Result<Inline, Problem>);

/// Every non-blank line of a `.jsonl` file.
pub fn parse(text: &str) -> Vec<Parsed> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let number = (i + 1).to_string();
        if raw.trim().is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<Line>(raw)
            .map_err(|e| {
                Problem::BadRecord(format!(
                    "line {number}: {e}; expected a JSON object with \"text\" and any of id, format, council, committee, date, title, url, topic"
                ))
            })
            .and_then(|line| inline(line, raw));
        let key = match &parsed {
            Ok((Some(id), _)) => id.clone(),
            _ => number.clone(),
        };
        let result = match parsed {
            Ok(_) if !seen.insert(key.clone()) => Err(Problem::BadRecord(format!(
                "line {number}: the id {key} is used by an earlier line; ids must be unique in a file"
            ))),
            Ok((_, doc)) => Ok(doc),
            Err(e) => Err(e),
        };
        out.push((key, result));
    }
    out
}

fn inline(line: Line, raw: &str) -> Result<(Option<String>, Inline), Problem> {
    let format = match line.format.as_deref().map(str::to_lowercase).as_deref() {
        None | Some("text" | "txt") => Format::Text,
        Some("markdown" | "md") => Format::Markdown,
        Some("html" | "htm") => Format::Html,
        Some(other) => {
            return Err(Problem::BadRecord(format!(
                "format \"{other}\" is not one of text, markdown, html"
            )));
        }
    };
    let id = line.id.map(|id| match id {
        Id::Text(s) => s,
        Id::Number(n) => n.to_string(),
    });
    let mut meta = Meta {
        council: line.council,
        committee: line.committee,
        date: line.date,
        title: line.title,
        url: line.url,
        topic: line.topic,
        ..Meta::default()
    };
    let bad_date = match super::meta::check_date(&mut meta) {
        Some(Problem::BadMetaDate(date, why)) => Some((date, why)),
        _ => None,
    };
    Ok((
        id,
        Inline {
            text: line.text,
            format,
            meta,
            bad_date,
            hash: *blake3::hash(raw.as_bytes()).as_bytes(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_is_a_document_with_its_fields() {
        let text = concat!(
            r#"{"id": "a1", "text": "Minutes one", "council": "Fenwick City Council", "scraped_at": "x"}"#,
            "\n\n",
            r#"{"text": "<p>Two</p>", "format": "html", "date": "2024-03-05"}"#,
            "\n",
            r#"{"id": 7, "text": "Three"}"#,
        );
        let lines = parse(text);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].0, "a1");
        let one = lines[0].1.as_ref().expect("line 1");
        assert_eq!(one.meta.council.as_deref(), Some("Fenwick City Council"));
        assert_eq!(lines[1].0, "3", "no id: the line number");
        let two = lines[1].1.as_ref().expect("line 3");
        assert_eq!(two.format, Format::Html);
        assert_eq!(lines[2].0, "7");
    }

    #[test]
    fn a_bad_line_costs_that_line_only() {
        let text = concat!(
            r#"{"text": "good"}"#,
            "\n{ not json\n",
            r#"{"council": "no text"}"#,
            "\n",
            r#"{"text": "x", "format": "pdf"}"#,
            "\n",
            r#"{"id": "d", "text": "first"}"#,
            "\n",
            r#"{"id": "d", "text": "again"}"#,
            "\n",
            r#"{"text": "bad date", "date": "31/02/2021"}"#,
        );
        let lines = parse(text);
        let ok: Vec<bool> = lines.iter().map(|(_, r)| r.is_ok()).collect();
        assert_eq!(ok, [true, false, false, false, true, false, true]);
        let err = lines[1].1.as_ref().expect_err("line 2");
        assert!(err.to_string().contains("line 2"), "{err}");
        let dated = lines[6].1.as_ref().expect("line 7");
        assert_eq!(dated.meta.date, None);
        assert!(dated.bad_date.is_some());
    }
}
