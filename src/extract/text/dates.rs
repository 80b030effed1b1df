//! The meeting date: the first of the rules in the module docs of
//! [`super`] that the text gives, with a file name's date taken only when
//! the text confirms it.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use super::committee::DECIDED_AT;
use super::heading::heading_line_date;
use super::{Page, re};
use crate::date::find_dates_in_order;

static DATE_OF_DECISION: LazyLock<Regex> = LazyLock::new(|| re(r"(?mi)^date of decision:\s*(.+)$"));
/// "You are requested to attend a meeting ... to be held at ... on <date>",
/// "The Annual Meeting ... will be held in ... on <date>".
static TO_BE_HELD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?is)(?-u:\b)(?:to|will|shall)\s+be\s+held(?-u:\b)(.{0,250})"));
static TIME_AND_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?mi)^time and date\s*:?\s*(?:\n\s*)*(.+)$"));
static AGENDA_FOR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)agenda(?-u:\b)[^\n]{0,80}?(?-u:\b)for(?-u:\b)([^\n]{0,60})"));
static HELD_THIS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)held\s+this(?-u:\b)([^\n]{0,60})"));
/// How far into the text a file name's date is looked for to confirm it.
const CONFIRM_BYTES: usize = 6000;

/// The meeting date and, when there is none, a date merely seen on a
/// heading line.
pub fn meeting_date(
    page: &Page,
    file_date: Option<NaiveDate>,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let (text, head) = (page.text, page.head);
    // The meeting date: the first rule of the module docs, in order, that
    // gives one (the later ones are not tried).
    let captured_day = |rule: &Regex, s: &str| {
        rule.captures(s)
            .and_then(|c| page.first_day(c.get(1)?.as_str()))
            .map(|d| d.date)
    };
    let rules: [&dyn Fn() -> Option<NaiveDate>; 7] = [
        &|| {
            page.doc
                .front_date
                .as_deref()
                .and_then(|d| crate::date::parse_user_date(d).ok())
        },
        &|| captured_day(&DATE_OF_DECISION, text),
        &|| captured_day(&DECIDED_AT, text),
        &|| page.opening.as_ref().and_then(|m| m.date),
        &|| file_date.filter(|&d| confirms(page, d)),
        &|| {
            [&*TO_BE_HELD, &*TIME_AND_DATE, &*AGENDA_FOR, &*HELD_THIS]
                .into_iter()
                .find_map(|rule| captured_day(rule, head))
                .or_else(|| {
                    let (_, rest) = page.held.as_ref()?;
                    page.first_day(rest).map(|d| d.date)
                })
        },
        &|| {
            let title = page.doc.html_title.as_deref()?;
            page.first_day(title).map(|d| d.date)
        },
    ];
    let found = rules.iter().find_map(|rule| rule());
    let date = found.map(|d| ocr_day(page, d, file_date));
    match date {
        Some(d) => (Some(d), None),
        None => (None, heading_line_date(head, page.order)),
    }
}

/// Whether the first part of the text mentions `day`.
fn confirms(page: &Page, day: NaiveDate) -> bool {
    let text = page.text;
    let cut = text.floor_char_boundary(CONFIRM_BYTES);
    find_dates_in_order(&text[..cut], page.order)
        .iter()
        .any(|f| f.date == day)
}

/// An OCR-damaged day ("13” September" for the 18th) gives way to the file
/// name's day in the same month, unless the text also writes it cleanly.
fn ocr_day(page: &Page, found: NaiveDate, file_date: Option<NaiveDate>) -> NaiveDate {
    let Some(named) = file_date else {
        return found;
    };
    if found == named || (found.year(), found.month()) != (named.year(), named.month()) {
        return found;
    }
    let written: Vec<bool> = find_dates_in_order(page.head, page.order)
        .iter()
        .filter(|f| f.date == found)
        .map(|f| f.damaged)
        .collect();
    if !written.is_empty() && written.iter().all(|damaged| *damaged) {
        named
    } else {
        found
    }
}
