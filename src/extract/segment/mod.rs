//! Splitting a set of minutes or an agenda pack into agenda items and
//! resolutions.
//!
//! * An **item** starts at a numbered heading: "4. Support to Young Carers",
//!   "## 2.1 Title", or Kent's number alone on a line with the title below
//!   (which may start with its decision's number, "24/00108 - ...").
//!   Numbers must rise (2, 2.1, 2.2, 3, ...), so a numbered list inside an
//!   item is not taken for headings; a new set of minutes inside a pack
//!   starts the count again.
//! * A **resolution** starts at "RESOLVED", "Resolved:", "... and resolved:",
//!   a numbered resolution ("R2018-077 ...: That ... Carried."), or a "That
//!   ... BE APPROVED" motion, and runs over its lettered or numbered points.
//! * A **meeting** is a "Minutes of the meeting of X held ... on <date>"
//!   heading inside the text: what follows, until "(Meeting closed ...)", is
//!   about that meeting, not the document's. The same words as an item's
//!   title (the item that approves the last minutes: a number alone above
//!   it, "(Item 3)" below it, "(Pages 1 - 18)" after it) start no meeting.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::extract::re;

mod resolutions;

use super::text::{self, minutes_headings};
use crate::date::Order;
use resolutions::resolutions;

/// An agenda item.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub number: String,
    pub title: String,
    /// Bytes of the text, heading included.
    pub span: Range<usize>,
}

/// A resolution, motion or decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// "R2018-077" where the minutes number their resolutions.
    pub number: Option<String>,
    /// Its own title, where it has one (a US ordinance's "An emergency
    /// ordinance authorizing ..."); else it takes its item's.
    pub title: Option<String>,
    pub span: Range<usize>,
}

/// A meeting recorded inside the text (minutes within an agenda pack).
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub committee: Option<String>,
    pub date: Option<NaiveDate>,
    pub span: Range<usize>,
}

/// The segments of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Segments {
    pub items: Vec<Item>,
    pub resolutions: Vec<Resolution>,
    pub meetings: Vec<Meeting>,
}

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:#{1,4}\s*)?(?P<num>\d{1,3}(?:\.\d{1,2})?)\.?\s+\**(?P<title>[A-Z(\x22'][^\n]{2,150})$")
});
static NUMBER_ALONE: LazyLock<Regex> = LazyLock::new(|| re(r"^(?P<num>\d{1,3})\.$"));
static ITEM_LABEL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\(item\s+\d+[a-z]?\)$"));
/// A title that starts with its decision's number: "24/00108 - Revenue and
/// Capital Budget Monitoring Report".
static DECISION_TITLE: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{1,4}/\d{2,6}\s*[-–:]\s*[A-Z]"));
/// A numbered person: "17 Martin J. Keane", "4 Kenneth L. Johnson, Sr."
/// (no full stop after the number); `initial` when the name has a middle
/// initial or a suffix, which a title does not.
static PERSON: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\d{1,3}\s+[A-Z][a-z]+(?P<initial>\s+[A-Z]\.)?(?:\s+(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}(?P<suffix>,\s*(?:Sr|Jr)\.?)?$",
    )
});
/// An agenda's page reference after an item's title: "(Pages 1 - 18)".
static PAGES_NOTE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\(pages?\s+\d+(?:\s*[-–]\s*\d+)?\)\s*$"));
static MEETING_CLOSED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\(?(?:the\s+)?meeting\s+(?:closed|ended|finished|concluded|terminated|adjourned)(?-u:\b)",
    )
});

/// Lines of `text` with their byte offsets, without line ends.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = at;
        at += line.len();
        (start, line.trim_end_matches(['\n', '\r']))
    })
}

/// ModernGov labels of a page that is one agenda item or one decision.
const ITEM_PAGES: &[&str] = &["agenda item", "decision details"];

/// Split `text` into items, resolutions and meetings. `title` is the
/// document's title, for a page that is a single item.
pub fn segments(text: &str, order: Order, title: Option<&str>) -> Segments {
    let meetings = meetings(text, order);
    let mut items = items(text, &meetings);
    // A ModernGov "Agenda item" or "Decision details" page is one item.
    if items.is_empty()
        && let Some(title) = title
        && text
            .lines()
            .take(6)
            .any(|l| ITEM_PAGES.contains(&l.trim().to_lowercase().as_str()))
    {
        items.push(Item {
            number: String::new(),
            title: title.to_owned(),
            span: 0..text.len(),
        });
    }
    let resolutions = resolutions(text, &items);
    Segments {
        items,
        resolutions,
        meetings,
    }
}

/// Minutes headings below the document's own opening, each running to
/// "(Meeting closed ...)" or the next one.
fn meetings(text: &str, order: Order) -> Vec<Meeting> {
    let opening = text::opening(text).len();
    let mut found: Vec<Meeting> = minutes_headings(text, order)
        .into_iter()
        .filter(|h| h.start >= opening && (h.date.is_some() || h.committee.is_some()))
        .filter(|h| !is_item_title(text, h.start))
        .map(|h| Meeting {
            committee: h.committee,
            date: h.date,
            span: h.start..text.len(),
        })
        .collect();
    // Each meeting ends where the next starts, or at "(Meeting closed ...)".
    let starts: Vec<usize> = found.iter().map(|m| m.span.start).collect();
    for (i, meeting) in found.iter_mut().enumerate() {
        let next = starts.get(i + 1).copied().unwrap_or(text.len());
        let start = meeting.span.start;
        let closed = lines(&text[start..next])
            .find(|(_, l)| MEETING_CLOSED.is_match(l.trim()))
            .map(|(at, l)| start + at + l.len());
        meeting.span.end = closed.unwrap_or(next);
    }
    found
}

/// Whether the line at `start` is the title of an agenda item rather than
/// the heading of minutes inside the text: an item to approve the minutes
/// of the last meeting ("86." alone on the line before, "(Item 3)" on the
/// line after, an agenda's "(Pages 1 - 18)" after the title).
fn is_item_title(text: &str, start: usize) -> bool {
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..line_end];
    let before = text[..start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty());
    let after = text[line_end..]
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty());
    before.is_some_and(|l| NUMBER_ALONE.is_match(l))
        || after.is_some_and(|l| ITEM_LABEL.is_match(l))
        || PAGES_NOTE.is_match(line)
}

/// The lines (by index in `all`) of rosters: "17 Martin J. Keane" lists
/// of wards and members, which are not agenda items. A run of numbered
/// names on consecutive lines is a roster when one of them has a middle
/// initial or a suffix (an item's title has neither).
fn rosters(all: &[(usize, &str)]) -> std::collections::HashSet<usize> {
    let mut out = std::collections::HashSet::new();
    let mut run: Vec<usize> = Vec::new();
    let mut named = false;
    for (i, (_, line)) in all.iter().enumerate() {
        let line = line.trim();
        if let Some(c) = PERSON.captures(line) {
            named |= c.name("initial").is_some() || c.name("suffix").is_some();
            run.push(i);
            continue;
        }
        if line.is_empty() && !run.is_empty() {
            continue;
        }
        if named {
            out.extend(run.iter().copied());
        }
        run.clear();
        named = false;
    }
    if named {
        out.extend(run);
    }
    out
}

/// A heading's number as (top, sub).
fn number_key(num: &str) -> (u32, u32) {
    let mut parts = num.split('.');
    let top = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let sub = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    (top, sub)
}

fn is_title(title: &str) -> bool {
    let t = title.trim();
    let words = t.split_whitespace().count();
    if words == 0 || words > 20 || t.ends_with([',', ';', ':']) {
        return false;
    }
    // A sentence is not a title, a short label with a full stop may be.
    !(t.ends_with('.') && words > 8)
}

fn items(text: &str, meetings: &[Meeting]) -> Vec<Item> {
    let all: Vec<(usize, &str)> = lines(text).collect();
    let roster = rosters(&all);
    let mut heads: Vec<(usize, String, String)> = Vec::new();
    let mut last: Option<(u32, u32)> = None;
    let mut meeting_at = 0;
    let mut i = 0;
    while let Some(&(at, line)) = all.get(i) {
        let trimmed = line.trim();
        // A new set of minutes starts its numbering again.
        if meetings.get(meeting_at).is_some_and(|m| at >= m.span.start) {
            meeting_at += 1;
            last = None;
        }
        let mut candidate: Option<(String, String)> = None;
        if let Some(c) = HEADING.captures(trimmed) {
            let title = c["title"].trim().trim_matches('*').trim();
            if is_title(title) && !roster.contains(&i) {
                candidate = Some((c["num"].to_owned(), title.to_owned()));
            }
        } else if let Some(c) = NUMBER_ALONE.captures(trimmed) {
            // Kent: "84." on its own, the title on the next non-empty line.
            if let Some((_, next)) = all
                .get(i + 1..)
                .unwrap_or_default()
                .iter()
                .find(|(_, l)| !l.trim().is_empty())
            {
                let title = next.trim().trim_matches('*').trim();
                if is_title(title)
                    && (title.starts_with(char::is_uppercase) || DECISION_TITLE.is_match(title))
                    && !ITEM_LABEL.is_match(title)
                {
                    candidate = Some((c["num"].to_owned(), title.to_owned()));
                }
            }
        }
        if let Some((num, title)) = candidate {
            let key = number_key(&num);
            let rising = match last {
                None => key.0 > 0 && key.0 <= 200,
                Some(prev) => key > prev && key.0 <= prev.0 + 20,
            };
            if rising {
                last = Some(key);
                heads.push((at, num, text::truncate_title(&title)));
            }
        }
        i += 1;
    }
    heads
        .iter()
        .enumerate()
        .map(|(n, (start, num, title))| {
            // An item ends at the next heading, or where its meeting ends.
            let next = heads.get(n + 1).map_or(text.len(), |h| h.0);
            let meeting_end = meetings
                .iter()
                .find(|m| m.span.contains(start))
                .map_or(text.len(), |m| m.span.end);
            let next_meeting = meetings
                .iter()
                .map(|m| m.span.start)
                .find(|s| s > start)
                .unwrap_or(text.len());
            Item {
                number: num.clone(),
                title: title.clone(),
                span: *start..next.min(meeting_end).min(next_meeting).max(*start),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
