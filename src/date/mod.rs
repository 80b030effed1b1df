//! Calendar dates as councils write them, UK order first.
//!
//! An explicit list of formats, never a guessing parser: `2017-07-13`,
//! `13/07/2017`, `13/7/17`, `13.07.2017`, `13th July, 2017`,
//! `Thursday, 13 July 2017`, `13-Jul-2017` and, for North American documents,
//! `July 13, 2017`. Impossible dates such as 31/02/2019 are rejected.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};

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
    let name = MONTHS
        .get(month.clamp(1, 12) as usize - 1)
        .copied()
        .unwrap_or_default();
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
        Some(found)
            if found.start == 0 && found.end == s.len() && found.precision == Precision::Day =>
        {
            Ok(found.date)
        }
        _ => Err(DateError::Unreadable),
    }
}

fn num(s: &str) -> i32 {
    s.parse().unwrap_or(0)
}

/// How exactly a found date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// "13 July 2017": a calendar day.
    Day,
    /// "November 2016": only the month; `date` is its first day.
    Month,
}

/// How a document writes numeric dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Order {
    /// 13/07/2017 (UK and most of the world): the default.
    #[default]
    DayFirst,
    /// 07/13/2017 (North America), used only where the document's own
    /// written dates show that convention.
    MonthFirst,
}

/// A date found in running text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub date: NaiveDate,
    pub precision: Precision,
    /// Written with OCR damage where an ordinal suffix was ("13” September"):
    /// the day's digits may be misread too.
    pub damaged: bool,
    pub start: usize,
    pub end: usize,
}

const MONTH_RE: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const WEEKDAY_RE: &str =
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?";
/// An ordinal suffix, or the marks OCR leaves in its place ("12™", "7°”",
/// "22"¢", "21*t").
const ORDINAL_RE: &str =
    r#"(?:\s?(?:st|nd|rd|th)|(?u:[™°"”“¢'’*^]){1,3}(?:st|nd|rd|th|[sntrdh])?)?"#;
const ORDINAL_WORDS: &str = r"(?:(?:twenty|thirty)[\s-]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)";
const NUMBER_WORDS: &str = r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|and)\b[\s-]*){2,8}";

static TEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)(?i-u)
        \b(?:
            (?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})
          | (?P<n_a>\d{{1,2}})/(?P<n_b>\d{{1,2}})/(?P<n_y>\d{{4}}|\d{{2}})
          | (?P<p_a>\d{{2}})\.(?P<p_b>\d{{2}})\.(?P<p_y>\d{{4}}|\d{{2}})
          | {WEEKDAY_RE}(?P<w_d>\d{{1,2}}){ORDINAL_RE}(?:\s+day)?(?:\s+of)?[\s\-]+(?P<w_m>{MONTH_RE})[\s,\-]+(?P<w_y>\d{{4}})
          | {WEEKDAY_RE}(?P<a_m>{MONTH_RE})\s+(?P<a_d>\d{{1,2}}){ORDINAL_RE},?\s+(?P<a_y>\d{{4}})
          | (?P<s_m>{MONTH_RE})\s+the\s+(?P<s_d>{ORDINAL_WORDS}),?\s+(?P<s_y>{NUMBER_WORDS})
          | (?P<my_m>{MONTH_RE}),?\s+(?P<my_y>\d{{4}})
        )"
    );
    Regex::new(&pattern).expect("valid regex")
});

/// Every well-formed, possible date in `text`, in order of appearance, with
/// numeric dates read day first (UK order).
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    find_dates_in_order(text, Order::DayFirst)
}

/// Every date in `text`, reading numeric dates in `order`.
pub fn find_dates_in_order(text: &str, order: Order) -> Vec<FoundDate> {
    let pair = |a: &str, b: &str| match order {
        Order::DayFirst => (num(b) as u32, num(a) as u32),
        Order::MonthFirst => (num(a) as u32, num(b) as u32),
    };
    TEXT_DATE
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            // A date must not run on into a longer number or word.
            if text[whole.end()..].starts_with(|ch: char| ch.is_ascii_alphanumeric()) {
                return None;
            }
            let mut precision = Precision::Day;
            let date = if let Some(y) = c.name("iso_y") {
                make(
                    num(y.as_str()),
                    num(&c["iso_m"]) as u32,
                    num(&c["iso_d"]) as u32,
                )
            } else if let Some(y) = c.name("n_y") {
                let year = full_year(num(y.as_str()), y.as_str().len());
                let (month, day) = pair(&c["n_a"], &c["n_b"]);
                make(year, month, day)
            } else if let Some(y) = c.name("p_y") {
                let year = full_year(num(y.as_str()), y.as_str().len());
                let (month, day) = pair(&c["p_a"], &c["p_b"]);
                make(year, month, day)
            } else if let Some(y) = c.name("w_y") {
                make(
                    num(y.as_str()),
                    month_number(&c["w_m"])?,
                    num(&c["w_d"]) as u32,
                )
            } else if let Some(y) = c.name("a_y") {
                make(
                    num(y.as_str()),
                    month_number(&c["a_m"])?,
                    num(&c["a_d"]) as u32,
                )
            } else if let Some(y) = c.name("s_y") {
                let day = ordinal_from_words(&c["s_d"])?;
                make(
                    number_from_words(y.as_str())? as i32,
                    month_number(&c["s_m"])?,
                    day,
                )
            } else {
                precision = Precision::Month;
                make(num(&c["my_y"]), month_number(&c["my_m"])?, 1)
            };
            let date = date.ok()?;
            // Years outside this range are page numbers or references.
            let damaged = whole
                .as_str()
                .contains(['™', '°', '"', '”', '“', '¢', '*', '^']);
            (1900..=2100).contains(&date.year()).then_some(FoundDate {
                date,
                precision,
                damaged,
                start: whole.start(),
                end: whole.end(),
            })
        })
        .collect()
}

/// Whether `text` writes its dates month first ("January 6, 2025") rather
/// than day first ("6 January 2025"); decides how "01/06/2025" is read.
pub fn convention(text: &str) -> Order {
    // The opening pages show a document's habit; reading more costs time.
    let cut = text.floor_char_boundary(20_000);
    let (mut month_first, mut day_first) = (0usize, 0usize);
    for c in TEXT_DATE.captures_iter(&text[..cut]).take(200) {
        if c.name("a_y").is_some() {
            month_first += 1;
        } else if c.name("w_y").is_some() || c.name("s_y").is_some() {
            day_first += 1;
        }
    }
    if month_first > day_first {
        Order::MonthFirst
    } else {
        Order::DayFirst
    }
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// "Nineteen Hundred and Ninety-Six" → 1996.
fn number_from_words(words: &str) -> Option<u32> {
    let (mut total, mut current) = (0u32, 0u32);
    let mut any = false;
    for w in words.split(|c: char| c.is_whitespace() || c == '-') {
        let w = w.to_ascii_lowercase();
        if w.is_empty() || w == "and" {
            continue;
        }
        any = true;
        if let Some(v) = UNITS.iter().position(|u| *u == w) {
            current += v as u32;
        } else if let Some(v) = TENS.iter().position(|t| !t.is_empty() && *t == w) {
            current += 10 * v as u32;
        } else if w == "hundred" {
            current *= 100;
        } else if w == "thousand" {
            total += current * 1000;
            current = 0;
        } else {
            return None;
        }
    }
    any.then_some(total + current)
}

/// "Third" → 3, "Twenty-First" → 21.
fn ordinal_from_words(words: &str) -> Option<u32> {
    const ORDINALS: [&str; 20] = [
        "",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    let lower = words.to_ascii_lowercase();
    let mut day = 0;
    for w in lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
    {
        day += match w {
            "twenty" | "twentieth" => 20,
            "thirty" | "thirtieth" => 30,
            _ => ORDINALS.iter().position(|o| *o == w)? as u32,
        };
    }
    (day > 0).then_some(day)
}

/// The first date in `text` known to the day.
pub fn first_date(text: &str) -> Option<NaiveDate> {
    find_dates(text)
        .into_iter()
        .find(|f| f.precision == Precision::Day)
        .map(|f| f.date)
}

#[cfg(test)]
mod tests;
