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

mod block;
mod cues;
mod items;
mod resolutions;
mod running;
mod us;

use super::text::{self, minutes_headings};
use crate::date::Order;
use items::items;
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

static NUMBER_ALONE: LazyLock<Regex> = LazyLock::new(|| re(r"^(?P<num>\d{1,3})\.$"));
static ITEM_LABEL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\(item\s+(?P<num>\d+[a-z]?)\)$"));
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
    let mut resolutions = resolutions(text, &items);
    for r in resolutions.iter_mut().filter(|r| r.number.is_none()) {
        r.number = minute_number(text, r, &items);
    }
    Segments {
        items,
        resolutions,
        meetings,
    }
}

/// A minute or decision number: "12/18", "24/00108".
static MINUTE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\(?(?P<num>\d{1,4}/\d{2,6})\)?(?:[.:]|\s+[-\x{2013}]?)\s*\S"));

/// The number a resolution's minute gives it: at the start of its own
/// first line ("12/18 RESOLVED that ..."), or at the start of its item's
/// title ("24/00108 - Revenue and Capital Budget Monitoring").
fn minute_number(text: &str, r: &Resolution, items: &[Item]) -> Option<String> {
    let first = text.get(r.span.clone())?.trim_start();
    let item = items.iter().rev().find(|i| i.span.contains(&r.span.start));
    MINUTE_NUMBER
        .captures(first)
        .or_else(|| item.and_then(|i| MINUTE_NUMBER.captures(&i.title)))
        .map(|c| c["num"].to_owned())
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

#[cfg(test)]
mod decision_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod us_tests;
