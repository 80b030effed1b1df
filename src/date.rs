//! Calendar dates as councils write them, UK order first.
//!
//! An explicit list of formats, never a guessing parser: `2017-07-13`,
//! `13/07/2017`, `13/7/17`, `13.07.2017`, `13th July, 2017`,
//! `Thursday, 13 July 2017`, `13-Jul-2017` and, for North American documents,
//! `July 13, 2017`. Impossible dates such as 31/02/2019 are rejected.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

/// Why a date given on the command line could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DateError {
    #[error("there is no {day} {month} {year}")]
    Impossible { day: u32, month: String, year: i32 },
    #[error("it is not a date")]
    Unreadable,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number (1-12) of a full or abbreviated English month name.
pub fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    if lower == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(&lower)))
        .map(|i| i as u32 + 1)
}

fn month_name(month: u32) -> String {
    let name = MONTHS[(month.clamp(1, 12) - 1) as usize];
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Expand a two-digit year: 00-69 are 2000s, 70-99 are 1900s.
fn full_year(year: i32, digits: usize) -> i32 {
    match digits {
        2 if year < 70 => 2000 + year,
        2 => 1900 + year,
        _ => year,
    }
}

fn make(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(DateError::Unreadable);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError::Impossible {
        day,
        month: month_name(month),
        year,
    })
}

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{1,2})-(\d{1,2})$").expect("valid regex"));
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$").expect("valid regex")
});

/// Parse a date typed by a user: `YYYY-MM-DD` or `DD/MM/YYYY` (also `D/M/YY`
/// and dots), or any of the written forms [`find_dates`] knows.
pub fn parse_user_date(input: &str) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    if let Some(c) = ISO.captures(s) {
        return make(num(&c[1]), num(&c[2]) as u32, num(&c[3]) as u32);
    }
    if let Some(c) = DMY.captures(s) {
        let year = full_year(num(&c[3]), c[3].len());
        return make(year, num(&c[2]) as u32, num(&c[1]) as u32);
    }
    match find_dates(s).first() {
        Some(found) if found.start == 0 && found.end == s.len() => Ok(found.date),
        _ => Err(DateError::Unreadable),
    }
}

fn num(s: &str) -> i32 {
    s.parse().unwrap_or(0)
}

/// A date found in running text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

const MONTH_RE: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const WEEKDAY_RE: &str =
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?";

static TEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?ix)
        \b(?:
            (?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})
          | (?P<n_d>\d{{1,2}})/(?P<n_m>\d{{1,2}})/(?P<n_y>\d{{4}}|\d{{2}})
          | (?P<p_d>\d{{2}})\.(?P<p_m>\d{{2}})\.(?P<p_y>\d{{4}}|\d{{2}})
          | {WEEKDAY_RE}(?P<w_d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+day)?(?:\s+of)?[\s\-]+(?P<w_m>{MONTH_RE})[\s,\-]+(?P<w_y>\d{{4}})
          | {WEEKDAY_RE}(?P<a_m>{MONTH_RE})\s+(?P<a_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<a_y>\d{{4}})
        )\b"
    );
    Regex::new(&pattern).expect("valid regex")
});

/// Every well-formed, possible date in `text`, in order of appearance.
/// Numeric dates are read day first (UK order).
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    TEXT_DATE
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let date = if let Some(y) = c.name("iso_y") {
                make(
                    num(y.as_str()),
                    num(&c["iso_m"]) as u32,
                    num(&c["iso_d"]) as u32,
                )
            } else if let Some(y) = c.name("n_y") {
                let year = full_year(num(y.as_str()), y.as_str().len());
                make(year, num(&c["n_m"]) as u32, num(&c["n_d"]) as u32)
            } else if let Some(y) = c.name("p_y") {
                let year = full_year(num(y.as_str()), y.as_str().len());
                make(year, num(&c["p_m"]) as u32, num(&c["p_d"]) as u32)
            } else if let Some(y) = c.name("w_y") {
                let month = month_number(&c["w_m"])?;
                make(num(y.as_str()), month, num(&c["w_d"]) as u32)
            } else {
                let month = month_number(&c["a_m"])?;
                make(num(&c["a_y"]), month, num(&c["a_d"]) as u32)
            };
            let date = date.ok()?;
            // Years outside this range are page numbers or references.
            (1900..=2100).contains(&date.year()).then_some(FoundDate {
                date,
                start: whole.start(),
                end: whole.end(),
            })
        })
        .collect()
}

/// The first date in `text`.
pub fn first_date(text: &str) -> Option<NaiveDate> {
    find_dates(text).first().map(|f| f.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn user_dates_in_iso_and_uk_order() {
        assert_eq!(parse_user_date("2017-07-13"), Ok(d(2017, 7, 13)));
        assert_eq!(parse_user_date("13/07/2017"), Ok(d(2017, 7, 13)));
        assert_eq!(parse_user_date("3/7/17"), Ok(d(2017, 7, 3)));
        assert_eq!(parse_user_date("13 July 2017"), Ok(d(2017, 7, 13)));
    }

    #[test]
    fn impossible_and_unreadable_user_dates_are_errors() {
        assert_eq!(
            parse_user_date("2017-02-30").unwrap_err().to_string(),
            "there is no 30 February 2017"
        );
        assert!(parse_user_date("31/02/2019").is_err());
        assert_eq!(parse_user_date("07/13/2017"), Err(DateError::Unreadable));
        assert_eq!(parse_user_date("soon"), Err(DateError::Unreadable));
        assert_eq!(
            parse_user_date("13 July 2017 and more"),
            Err(DateError::Unreadable)
        );
    }

    #[test]
    fn written_dates_in_running_text() {
        let text = "Time and Date 10.00 am on Thursday, 13th July, 2017 at the Council House";
        assert_eq!(first_date(text), Some(d(2017, 7, 13)));
        assert_eq!(first_date("held on 29 June 2017."), Some(d(2017, 6, 29)));
        assert_eq!(
            first_date("Printed minutes 09th-Jan-2025 10.00"),
            Some(d(2025, 1, 9))
        );
        assert_eq!(
            first_date("Date of decision: 18/01/2017"),
            Some(d(2017, 1, 18))
        );
        assert_eq!(
            first_date("REGULAR MEETING, JUNE 4, 2018"),
            Some(d(2018, 6, 4))
        );
        assert_eq!(
            first_date("January 12, 2011  2 of 18"),
            Some(d(2011, 1, 12))
        );
        assert_eq!(
            first_date("the 12th day of September 2019"),
            Some(d(2019, 9, 12))
        );
    }

    #[test]
    fn times_and_impossible_dates_are_not_dates() {
        assert_eq!(first_date("at 10.00 am"), None);
        assert_eq!(first_date("on 31/02/2019"), None);
        assert_eq!(first_date("item 2.1.10"), None);
        assert_eq!(first_date("pages 12/18"), None);
    }
}
