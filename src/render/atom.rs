//! An Atom 1.0 feed of hits (RFC 4287), written with `atom_syndication`.
//! An entry's id is the record's lasting key, so it stays the same across
//! runs, renames and edits, and a feed reader shows an edited record as
//! updated, not as a second entry. Characters XML cannot carry (most
//! control characters) are left out of every text.

use std::io::{self, Write};

use atom_syndication::{Category, Content, Entry, Feed, FixedDateTime, Link, Person, Text};

use crate::search::Hit;

/// What a feed is about.
#[derive(Debug, Clone, Copy)]
pub struct FeedInfo<'a> {
    /// The saved search's name ("search" for a web search).
    pub name: &'a str,
    /// The feed's lasting id (a URN).
    pub id: &'a str,
    /// The feed's own address, when it is served (`rel="self"`).
    pub self_href: Option<&'a str>,
    pub query: &'a str,
    /// The search filters in words (may be empty).
    pub filters: &'a str,
    /// When the index was last built: the feed's time when it has no
    /// entries (seconds since the epoch).
    pub built_at: i64,
}

/// Write the feed of `hits` for `info`.
pub fn feed(out: &mut dyn Write, info: FeedInfo, hits: &[Hit]) -> io::Result<()> {
    let entries: Vec<Entry> = hits.iter().map(entry).collect();
    let updated = hits
        .iter()
        .map(|h| h.record.indexed.at)
        .max()
        .unwrap_or(info.built_at);
    let query = if info.query.trim().is_empty() {
        "every record".to_owned()
    } else {
        format!("\u{201c}{}\u{201d}", info.query)
    };
    let mut feed = Feed {
        title: Text::plain(clean(&format!("minutes: {} ({query})", info.name))),
        id: clean(info.id),
        links: info
            .self_href
            .map(|href| Link {
                href: clean(href),
                rel: "self".to_owned(),
                mime_type: Some("application/atom+xml".to_owned()),
                ..Link::default()
            })
            .into_iter()
            .collect(),
        updated: time(updated),
        authors: vec![Person {
            name: "minutes".to_owned(),
            ..Person::default()
        }],
        entries,
        ..Feed::default()
    };
    let mut subtitle = format!("Council records with every word of {query}");
    if !info.filters.is_empty() {
        subtitle.push_str(&format!(" ({})", info.filters));
    }
    subtitle.push_str(", most recently indexed first.");
    feed.set_subtitle(Text::plain(clean(&subtitle)));
    feed.write_to(&mut *out)
        .map_err(|e| io::Error::other(e.to_string()))?;
    writeln!(out)
}

fn entry(hit: &Hit) -> Entry {
    let r = &hit.record;
    let m = &r.meta;
    let title = m
        .title
        .value
        .clone()
        .unwrap_or_else(|| r.fingerprint.source.clone());
    let place: Vec<String> = [
        m.council.value.clone(),
        m.committee.value.clone(),
        m.date.value.map(|d| d.format("%-d %B %Y").to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut summary = String::new();
    if !place.is_empty() {
        summary.push_str(&place.join(" \u{b7} "));
        summary.push_str("\n\n");
    }
    summary.push_str(&hit.snippet.text);
    if let Some(page) = hit.page {
        summary.push_str(&format!("\n\n(page {page})"));
    }
    let categories = [
        ("council", &m.council.value),
        ("committee", &m.committee.value),
    ]
    .into_iter()
    .filter_map(|(scheme, v)| {
        v.as_ref().map(|v| Category {
            term: clean(v),
            scheme: Some(format!("urn:minutes:{scheme}")),
            ..Category::default()
        })
    })
    .chain(std::iter::once(Category {
        term: r.kind.as_str().to_owned(),
        scheme: Some("urn:minutes:kind".to_owned()),
        ..Category::default()
    }))
    .collect();
    let links = m
        .url
        .value
        .iter()
        .map(|url| Link {
            href: clean(url),
            rel: "alternate".to_owned(),
            ..Link::default()
        })
        .collect();
    Entry {
        title: Text::plain(clean(&title)),
        id: format!("urn:minutes:record:{:016x}", r.history.key),
        updated: time(r.indexed.at),
        published: Some(time(r.history.first.at)),
        summary: Some(Text::plain(clean(&summary))),
        content: Some(Content {
            value: Some(clean(&format!("{}\n\nRecord: {}", summary, r.id))),
            content_type: Some("text".to_owned()),
            ..Content::default()
        }),
        categories,
        links,
        ..Entry::default()
    }
}

/// Seconds since the epoch as an Atom date (UTC).
fn time(secs: i64) -> FixedDateTime {
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .fixed_offset()
}

/// `text` without the characters XML 1.0 cannot carry.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{fffe}' | '\u{ffff}'))
        })
        .collect()
}
