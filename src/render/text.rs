//! Output for people: titles, a metadata line, the record id and the best
//! passage with the matched words highlighted. Styles come from `anstyle`;
//! with colour off no escape code is written at all. Document text goes
//! through [`sanitize`] first.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{RenderOptions, sanitize};
use crate::index::{Names, Stats};
use crate::model::{Decision, Kind, Origin, Record, Votes};
use crate::search::{Facets, Hit, Snippet, TrendRow};

pub const BOLD: Style = Style::new().bold();
pub const TITLE: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));
pub const DIM: Style = Style::new().dimmed();
pub const PATH: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Magenta)));
pub const MATCH: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));

/// Write `text`, sanitized, in `style` when `color`.
fn paint(out: &mut dyn Write, color: bool, style: Style, text: &str) -> io::Result<()> {
    if color {
        write!(out, "{style}{}{style:#}", sanitize(text))
    } else {
        write!(out, "{}", sanitize(text))
    }
}

/// Hits one after another, a blank line between them.
pub fn hits<'a>(
    out: &mut dyn Write,
    hits: impl IntoIterator<Item = &'a Hit>,
    options: RenderOptions,
) -> io::Result<()> {
    for (i, hit) in hits.into_iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        hit_block(out, hit, options)?;
    }
    Ok(())
}

fn hit_block(out: &mut dyn Write, hit: &Hit, options: RenderOptions) -> io::Result<()> {
    let color = options.color;
    let m = &hit.record.meta;
    paint(
        out,
        color,
        TITLE,
        m.title.value.as_deref().unwrap_or("(untitled)"),
    )?;
    if hit.partial {
        write!(out, " ")?;
        paint(out, color, DIM, "[some of the words]")?;
    }
    if hit.record.kind != Kind::Document {
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
    let page = hit.page.map(|p| format!("p. {p}"));
    let line = [
        m.council.value.as_deref().unwrap_or("council unknown"),
        m.committee.value.as_deref().unwrap_or("committee unknown"),
        date.as_str(),
    ]
    .into_iter()
    .chain(page.as_deref())
    .collect::<Vec<_>>()
    .join(" | ");
    write!(out, "  ")?;
    paint(out, color, BOLD, &line)?;
    writeln!(out)?;
    write!(out, "  ")?;
    paint(out, color, PATH, &hit.record.id)?;
    writeln!(out)?;
    if let Some(line) = decision_line(&hit.record.decision) {
        write!(out, "  ")?;
        paint(out, color, DIM, &line)?;
        writeln!(out)?;
    }
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

/// "carried (4 to 0) · moved by A. Hopkins · seconded by J. Pribil", or
/// `None` when the text states none of it.
fn decision_line(d: &Decision) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(outcome) = d.outcome {
        parts.push(match d.votes {
            Some(v) => format!("{} ({})", outcome.as_str(), votes(v)),
            None => outcome.as_str().to_owned(),
        });
    } else if let Some(v) = d.votes {
        parts.push(votes(v));
    }
    if let Some(m) = &d.mover {
        parts.push(format!("moved by {}", sanitize(m)));
    }
    if let Some(s) = &d.seconder {
        parts.push(format!("seconded by {}", sanitize(s)));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// "4 to 0", "12 to 3, 1 abstaining".
fn votes(v: Votes) -> String {
    match v.abstain {
        Some(a) => format!("{} to {}, {a} abstaining", v.for_, v.against),
        None => format!("{} to {}", v.for_, v.against),
    }
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

/// A block of counts per facet.
pub fn facets(out: &mut dyn Write, facets: &Facets, total: usize, color: bool) -> io::Result<()> {
    writeln!(out)?;
    let records = if total == 1 { "record" } else { "records" };
    paint(
        out,
        color,
        BOLD,
        &format!("Counts of the {total} matching {records}"),
    )?;
    writeln!(out)?;
    for (name, counts) in facets.groups() {
        paint(out, color, TITLE, name)?;
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

/// A table of trend rows with a bar per row.
pub fn trends(
    out: &mut dyn Write,
    rows: &[TrendRow],
    by: &str,
    per: &str,
    color: bool,
) -> io::Result<()> {
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
    let header = format!(
        "{by:<width$}  {per:<pwidth$}  {:>7}  {:>9}",
        "records", "documents"
    );
    paint(out, color, BOLD, &header)?;
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
        paint(out, color, PATH, &bar)?;
        writeln!(out)?;
    }
    Ok(())
}

/// One record: each value with where it came from, then its text.
pub fn record(out: &mut dyn Write, r: &Record, color: bool) -> io::Result<()> {
    let m = &r.meta;
    let date = m.date.value.map(|d| d.format("%Y-%m-%d").to_string());
    let topic = (!m.topic.is_empty()).then(|| m.topic.join(", "));
    let pages = r.pages.map(|p| match p.first == p.last {
        true => p.first.to_string(),
        false => format!("{}-{}", p.first, p.last),
    });
    let d = &r.decision;
    let vote = d.votes.map(votes);
    let refs = (!r.refs.is_empty()).then(|| r.refs.join(", "));
    let rows: [(&str, Option<&str>, Option<Origin>); 15] = [
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
        ("topic", topic.as_deref(), None),
        ("pages", pages.as_deref(), None),
        ("mover", d.mover.as_deref(), None),
        ("seconder", d.seconder.as_deref(), None),
        ("outcome", d.outcome.map(|o| o.as_str()), None),
        ("votes", vote.as_deref(), None),
        ("refs", refs.as_deref(), None),
    ];
    // Pages and the decision are shown where a record has them.
    let optional = ["pages", "mover", "seconder", "outcome", "votes", "refs"];
    for (name, value, from) in rows {
        if value.is_none() && optional.contains(&name) {
            continue;
        }
        paint(out, color, BOLD, &format!("{name:<10}"))?;
        write!(out, " {}", sanitize(value.unwrap_or("-")))?;
        if let Some(from) = from {
            write!(out, "  ")?;
            paint(out, color, DIM, &format!("(from {})", from.as_str()))?;
        }
        writeln!(out)?;
    }
    writeln!(out)?;
    // Where each page begins, so a passage can be cited by its page.
    // (A segment's page starts are in its own text, from its first page.)
    let first = r.pages.map_or(1, |p| p.first);
    let mut breaks = r
        .page_starts
        .starts
        .iter()
        .enumerate()
        .filter(|(_, at)| **at > 0 && **at < r.body.len())
        .map(|(i, at)| (*at, first + i as u32 + 1))
        .peekable();
    let mut at = 0;
    for line in r.body.split_inclusive('\n') {
        while let Some((_, page)) = breaks.next_if(|(b, _)| *b <= at) {
            paint(out, color, DIM, &format!("[page {page}]"))?;
            writeln!(out)?;
        }
        writeln!(out, "{}", sanitize(line.trim_end_matches('\n')))?;
        at += line.len();
    }
    Ok(())
}

/// Councils with their documents and aliases, and their committees below.
pub fn names(out: &mut dyn Write, names: &Names, color: bool) -> io::Result<()> {
    let aliases = |a: &std::collections::BTreeMap<String, u64>| -> String {
        let mut list: Vec<(&String, &u64)> = a.iter().collect();
        list.sort_by(|x, y| y.1.cmp(x.1).then_with(|| x.0.cmp(y.0)));
        list.iter()
            .map(|(name, n)| format!("{} ({n})", sanitize(name)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    for (council, c) in names {
        paint(out, color, TITLE, council)?;
        writeln!(out, "  {} documents", c.name.documents)?;
        if !c.name.aliases.is_empty() {
            write!(out, "  ")?;
            paint(
                out,
                color,
                DIM,
                &format!("found as: {}", aliases(&c.name.aliases)),
            )?;
            writeln!(out)?;
        }
        for (committee, k) in &c.committees {
            writeln!(out, "    {:<6} {}", k.documents, sanitize(committee))?;
            if !k.aliases.is_empty() {
                write!(out, "           ")?;
                paint(
                    out,
                    color,
                    DIM,
                    &format!("found as: {}", aliases(&k.aliases)),
                )?;
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

/// The statistics report.
pub fn stats(out: &mut dyn Write, s: &Stats, color: bool) -> io::Result<()> {
    let heading = |out: &mut dyn Write, text: &str| -> io::Result<()> {
        writeln!(out)?;
        paint(out, color, BOLD, text)?;
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
    heading(
        out,
        &format!(
            "Documents with pages without text (scanned?): {}",
            s.pages_without_text.len()
        ),
    )?;
    for d in &s.pages_without_text {
        writeln!(
            out,
            "  {}  ({} of {} pages)",
            sanitize(&d.source),
            d.pages,
            d.of
        )?;
    }
    if let Some(b) = &s.last_build {
        let skipped = &b.summary.skipped_files;
        let count = b.summary.skipped.max(skipped.len());
        let reasons = match count {
            0 => String::new(),
            _ => format!(" ({})", b.summary.skipped_reasons()),
        };
        heading(
            out,
            &format!("Files the last build left out: {count}{reasons}"),
        )?;
        for f in skipped {
            writeln!(out, "  {}  ({})", sanitize(&f.path), f.reason)?;
        }
        if skipped.len() < count {
            writeln!(
                out,
                "  (their names were not kept: run `minutes index --json` to list them)"
            )?;
        }
    }
    Ok(())
}
