//! Metadata a clerk would read off the page.
//!
//! The meeting date is the first of these that the text gives:
//! 1. a declared date (Markdown front matter `date:`);
//! 2. ModernGov's "Date of decision:" and "Decided at meeting: <date> - X";
//! 3. "Minutes of the meeting ... held ... on <date>" in the heading;
//! 4. an agenda's "Time and Date" block;
//! 5. "... AGENDA FOR <date>" and "HELD THIS 12TH DAY OF JANUARY, 2011";
//! 6. the first full date on a short heading line (the HTML `<title>`
//!    counts as one), unless the heading is a list of many dates.
//!
//! A date anywhere else in the body (a report "dated 5 October", the next
//! meeting "on 24 January") is never taken for the meeting's date. The
//! committee comes from ModernGov labels, the "Minutes of the meeting of X"
//! opening and "Nth Meeting of the X" titles; the council from a heading line
//! that is a council's name, "TOWNSHIP OF X", "Council of the City of X", or
//! the site name at the end of an HTML `<title>`.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use crate::date::{Order, Precision, convention, find_dates_in_order};
use crate::normalise::Normalised;

/// What the text says about itself. Every field may be empty.
#[derive(Debug, Default, PartialEq)]
pub struct Found {
    pub council: Option<String>,
    pub committee: Option<String>,
    pub date: Option<NaiveDate>,
    /// A date merely seen on a heading line: weaker than a file name's date.
    pub heading_date: Option<NaiveDate>,
    pub title: Option<String>,
}

/// How many leading non-empty lines count as the document's heading.
const HEADING_LINES: usize = 30;
/// A "Minutes of the meeting ... held" opening must be this close to the top;
/// further down it is an agenda item about earlier minutes.
const OPENING_LINES: usize = 8;
/// ... and at most this many bytes of them.
const HEADING_BYTES: usize = 3000;
/// A heading line is short; a longer one is a paragraph.
const HEADING_LINE_MAX: usize = 160;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static DECISION_MAKER: LazyLock<Regex> = LazyLock::new(|| re(r"(?mi)^decision maker:\s*(.+)$"));
static DATE_OF_DECISION: LazyLock<Regex> = LazyLock::new(|| re(r"(?mi)^date of decision:\s*(.+)$"));
static DECIDED_AT: LazyLock<Regex> = LazyLock::new(|| re(r"(?mi)^decided at meeting:\s*(.+)$"));
/// "Minutes of the Meeting of X held at ... on <date>", "MINUTES of a meeting
/// of the Cabinet held in ...", "MINUTES OF PROCEEDINGS OF ... MEETING OF THE
/// X HELD IN ...", across line breaks.
static MINUTES_HELD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?is)(?-u:\b)minutes\s+of\s+(?:the\s+)?(?:proceedings\s+(?:of|at)\s+)?(?:the\s+|a\s+)?(?P<what>[^.]{0,200}?)\s+held(?-u:\b)(?P<rest>[^\n]*(?:\n[^\n]*){0,6})",
    )
});
/// "A regular meeting of the Township of Nipissing Council was held on ...".
static MEETING_WAS_HELD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:regular|special|ordinary|annual|monthly)?\s*meeting\s+of\s+(?:the\s+)?(?P<what>[^.\n]{3,100}?)\s+(?:was\s+)?held(?-u:\b)(?P<rest>[^\n]{0,120})",
    )
});
/// "You are requested to attend a meeting ... to be held at ... on <date>".
static TO_BE_HELD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?is)(?-u:\b)to\s+be\s+held(?-u:\b)(.{0,250})"));
/// "... attend a Meeting of the Municipal District of X to be held ...".
static MEETING_TO_BE_HELD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?-u:\b)meeting\s+of\s+(?:the\s+)?(?P<what>[^.]{3,120}?)\s+to\s+be\s+held(?-u:\b)")
});
/// A letter of summons: "To: Each Member of the Municipal District of X".
static TO_EACH_MEMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)to:?\s*(?:the\s+[a-z]+\s+and\s+)?each\s+member\s+of\s+(?:the\s+)?(?P<what>[^\n.,]+)(?P<next>\n[^\n.,]+)?",
    )
});
/// A council's name inside a heading line: "CITY & COUNTY Limerick City and
/// County Council, Merchants Quay".
static COUNCIL_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(?P<name>[A-Z][A-Za-z]+(?:[ -](?i:upon|on)[ -][A-Z][A-Za-z]+)?(?: [A-Z][A-Za-z]+)?) (?P<kind>(?i:city and county|metropolitan borough|county borough|city|county|borough|district)) (?i:council)(?-u:\b)",
    )
});
static TIME_AND_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?mi)^time and date\s*:?\s*(?:\n\s*)*(.+)$"));
static AGENDA_FOR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)agenda(?-u:\b)[^\n]{0,80}?(?-u:\b)for(?-u:\b)([^\n]{0,60})"));
static HELD_THIS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)held\s+this(?-u:\b)([^\n]{0,60})"));
static NTH_MEETING_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:the\s+)?\d+(?:st|nd|rd|th)\s+(?:(?:special|regular|annual)\s+)?meeting\s+of\s+(?:the\s+)?(.+)$",
    )
});
static COUNCIL_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)^(?:the\s+)?
        (?P<name>[A-Za-z][A-Za-z'.]+(?:[\s-](?:upon|on|in|and|&|[A-Za-z][A-Za-z'.]+)){0,4})
        \s+(?P<kind>(?i:city\s+and\s+county|metropolitan\s+borough|county\s+borough|city|county|borough|district|town|parish|regional))?\s*
        (?i:council)$")
});
/// "TOWNSHIP OF NIPISSING", "CITY OF PORTLAND, OREGON OFFICIAL MINUTES ...".
static PLACE_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:the\s+)?(?P<kind>(?i:city|town|township|county|village|borough|municipality))\s+(?i:of)\s+(?P<name>[A-Z][A-Za-z'-]+(?:\s[A-Z][A-Za-z'-]+)?)(?-u:\b)",
    )
});
/// "The Corporation of the City of London": an Ontario municipality's legal name.
static CORPORATION_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)[Cc]orporation\s+of\s+the\s+(?P<kind>City|Town|Township|County|Municipality|Village)\s+of\s+(?P<name>[A-Z][A-Za-z'-]+)",
    )
});
static COUNCIL_OF_THE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)council\s+of\s+the\s+(?P<kind>city|town|township|county|borough)\s+of\s+(?P<name>[A-Z][A-Za-z'-]+)",
    )
});

/// Words that make "X Council" a meeting name, not a council's name.
const NOT_A_COUNCIL: &[&str] = &[
    "full",
    "the",
    "special",
    "annual",
    "monthly",
    "ordinary",
    "extraordinary",
    "county",
    "city",
    "town",
    "parish",
    "district",
    "borough",
    "budget",
    "youth",
    "regular",
    "meeting",
    "of",
];

/// Page-type labels that ModernGov prints above the real title.
const PAGE_LABELS: &[&str] = &[
    "agenda item",
    "decision details",
    "agenda and minutes",
    "agenda and draft minutes",
    "issue - items at meetings",
    "issue details",
    "minutes",
    "agenda",
    "public business",
    "the city record",
];

/// Words that mark a decision maker as a body rather than an officer.
const BODY_WORDS: &[&str] = &[
    "committee",
    "board",
    "cabinet",
    "council",
    "panel",
    "forum",
    "executive",
    "commission",
    "partnership",
    "sub-committee",
];

/// The leading lines that count as the document's heading.
pub fn heading(text: &str) -> &str {
    lines(text, HEADING_LINES)
}

/// The first few lines, where a document's own "Minutes of the meeting ..."
/// opening stands.
pub fn opening(text: &str) -> &str {
    lines(text, OPENING_LINES)
}

/// The first `n` non-empty lines of `text`, at most `HEADING_BYTES` long.
fn lines(text: &str, n: usize) -> &str {
    let mut end = 0;
    for (i, line) in text
        .split_inclusive('\n')
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        if i >= n {
            break;
        }
        let at = line.as_ptr() as usize - text.as_ptr() as usize + line.len();
        if at > HEADING_BYTES {
            break;
        }
        end = at;
    }
    &text[..end]
}

/// How far into the text a file name's date is looked for to confirm it.
const CONFIRM_BYTES: usize = 6000;

/// Read the labels and headings of a normalised document. `file_date` is
/// the date the file's name gives, if any: it is taken when the text's
/// explicit labels say nothing and the text itself mentions that date.
pub fn labels(doc: &Normalised, file_date: Option<NaiveDate>) -> Found {
    let text = doc.text.as_str();
    let order = convention(text);
    let head = heading(text);
    let mut found = Found {
        title: doc.front_title.clone().or_else(|| title(text)),
        ..Found::default()
    };
    let first_day = |s: &str| {
        find_dates_in_order(s, order)
            .into_iter()
            .find(|f| f.precision == Precision::Day)
    };

    // The meeting date, by the rules of the module docs, in order.
    let mut dates: Vec<NaiveDate> = Vec::new();
    if let Some(d) = doc
        .front_date
        .as_deref()
        .and_then(|d| crate::date::parse_user_date(d).ok())
    {
        dates.push(d);
    }
    if let Some(c) = DATE_OF_DECISION.captures(text)
        && let Some(d) = first_day(&c[1])
    {
        dates.push(d.date);
    }
    if let Some(c) = DECIDED_AT.captures(text) {
        let value = &c[1];
        if let Some(d) = first_day(value) {
            dates.push(d.date);
            let after = value[d.end..]
                .trim_start_matches([' ', '-', '\u{2013}'])
                .trim();
            if !after.is_empty() {
                found.committee = Some(committee_name(after));
            }
        }
    }
    if found.committee.is_none()
        && let Some(c) = DECISION_MAKER.captures(text)
    {
        let maker = c[1].trim();
        let lower = maker.to_lowercase();
        if BODY_WORDS
            .iter()
            .any(|w| lower.split_whitespace().any(|x| x == *w))
        {
            found.committee = Some(committee_name(maker));
        }
    }
    if let Some(meeting) = minutes_heading_in(lines(head, OPENING_LINES), order) {
        if found.committee.is_none() {
            found.committee = meeting.committee;
        }
        dates.extend(meeting.date);
    }
    if let Some(d) = file_date {
        let mut cut = text.len().min(CONFIRM_BYTES);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        if find_dates_in_order(&text[..cut], order)
            .iter()
            .any(|f| f.date == d)
        {
            dates.push(d);
        }
    }
    for rule in [&*TO_BE_HELD, &*TIME_AND_DATE, &*AGENDA_FOR, &*HELD_THIS] {
        if let Some(c) = rule.captures(head)
            && let Some(d) = first_day(&c[1])
        {
            dates.push(d.date);
        }
    }
    if found.committee.is_none()
        && let Some(c) = MEETING_TO_BE_HELD.captures(head)
    {
        found.committee = Some(committee_name(&c["what"]));
    }
    if found.committee.is_none()
        && let Some(c) = TO_EACH_MEMBER.captures(head)
    {
        // The name may run on to the next line ("... District of\nX").
        let mut what = c["what"].trim().to_owned();
        let lower = what.to_lowercase();
        if (lower.ends_with(" of") || lower.ends_with('-'))
            && let Some(next) = c.name("next")
        {
            what.push(' ');
            what.push_str(next.as_str().trim());
        }
        found.committee = Some(committee_name(&what));
    }
    if let Some(c) = MEETING_WAS_HELD.captures(head)
        && !c["what"].to_lowercase().ends_with(" be")
    {
        if found.committee.is_none() {
            found.committee = Some(committee_name(&c["what"]));
        }
        if let Some(d) = first_day(&c["rest"]) {
            dates.push(d.date);
        }
    }
    if let Some(title) = doc.html_title.as_deref()
        && let Some(d) = first_day(title)
    {
        dates.push(d.date);
    }
    found.date = dates.first().copied();
    // An OCR-damaged day ("13” September" for the 18th) gives way to the file
    // name's day in the same month, unless the text also writes it cleanly.
    if let (Some(d), Some(named)) = (found.date, file_date)
        && d != named
        && (d.year(), d.month()) == (named.year(), named.month())
    {
        let written: Vec<bool> = find_dates_in_order(head, order)
            .iter()
            .filter(|f| f.date == d)
            .map(|f| f.damaged)
            .collect();
        if !written.is_empty() && written.iter().all(|damaged| *damaged) {
            found.date = Some(named);
        }
    }
    if found.date.is_none() {
        found.heading_date = heading_line_date(head, order);
    }

    if found.committee.is_none()
        && let Some(title) = doc.front_title.as_deref().or(found.title.as_deref())
        && let Some(c) = NTH_MEETING_OF.captures(title)
    {
        found.committee = Some(committee_name(&c[1]));
    }
    if found.committee.is_none() {
        found.committee = heading_committee(lines(head, 6));
    }
    found.council = head
        .lines()
        .find_map(council_name)
        .or_else(|| doc.html_title.as_deref().and_then(site_council))
        .or_else(|| {
            COUNCIL_OF_THE
                .captures(head)
                .map(|c| place_name(&c["kind"], &c["name"]))
        })
        .or_else(|| most_named_council(text))
        .or_else(|| {
            CORPORATION_OF
                .captures(text)
                .map(|c| place_name(&c["kind"], &c["name"]))
        });
    // "Township of Nipissing Council" is the council meeting as a whole.
    if let (Some(council), Some(committee)) = (&found.council, &found.committee)
        && let Some(rest) = strip_prefix_ignore_case(committee, council)
    {
        let rest = rest.trim();
        found.committee = Some(if rest.is_empty() {
            "Council".to_owned()
        } else {
            tidy_case(rest)
        });
    }
    found
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// The meeting that a "Minutes of the meeting of X held ... on D" heading
/// describes.
#[derive(Debug, Default, PartialEq)]
pub struct MeetingHeading {
    pub committee: Option<String>,
    pub date: Option<NaiveDate>,
    /// Byte offset of the heading in the text searched.
    pub start: usize,
}

/// The first "Minutes of the meeting ... held ... on <date>" opening in
/// `text` (a document's first lines): it starts its line, and comes before
/// any numbered agenda item.
pub fn minutes_heading_in(text: &str, order: Order) -> Option<MeetingHeading> {
    let first = minutes_headings(text, order).into_iter().next()?;
    let numbered = text[..first.start].lines().any(|l| {
        let l = l.trim().trim_end_matches('.');
        !l.is_empty() && l.len() <= 3 && l.chars().all(|c| c.is_ascii_digit())
    });
    (!numbered).then_some(first)
}

/// Every "Minutes of the meeting ... held ... on <date>" heading in `text`
/// that starts its line: "To note the minutes of ..." and "The minutes of
/// the meeting held on ... were approved" are not headings.
pub fn minutes_headings(text: &str, order: Order) -> Vec<MeetingHeading> {
    MINUTES_HELD
        .captures_iter(text)
        .filter(|c| {
            let start = c.get(0).map_or(0, |m| m.start());
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            text[line_start..start].trim().is_empty()
        })
        .map(|c| {
            let what = c["what"].trim();
            MeetingHeading {
                committee: meeting_body(what).map(|w| committee_name(&w)),
                date: find_dates_in_order(&c["rest"], order)
                    .into_iter()
                    .find(|f| f.precision == Precision::Day)
                    .map(|f| f.date),
                start: c.get(0).map_or(0, |m| m.start()),
            }
        })
        .collect()
}

/// The body from "(the) meeting of X", "proceedings of ... meeting of the X",
/// or the words themselves when no "meeting of" is there ("the Cabinet").
fn meeting_body(what: &str) -> Option<String> {
    let what = what.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = what.to_lowercase();
    let body = match lower.rfind("meeting of ") {
        Some(i) => &what[i + "meeting of ".len()..],
        None if lower.starts_with("meeting") || lower.is_empty() => return None,
        None => &what[..],
    };
    let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
    (body.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(body)
}

/// Lines that mention other meetings' dates or are not about the meeting.
static NOT_THE_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)https?:|www\.|printed|published|(?-u:\b)minutes(?-u:\b)|(?-u:\b)held(?-u:\b)|(?-u:\b)dated(?-u:\b)|(?-u:\b)report(?-u:\b)|(?-u:\b)next(?-u:\b)|(?-u:\b)previous(?-u:\b)",
    )
});

/// The first full date on a short heading line. A heading with many dates is
/// a list (of meetings, of documents), not one.
fn heading_line_date(head: &str, order: Order) -> Option<NaiveDate> {
    let lines = head
        .lines()
        .filter(|l| l.len() <= HEADING_LINE_MAX && !NOT_THE_MEETING.is_match(l));
    let mut days: Vec<NaiveDate> = Vec::new();
    for line in lines {
        for f in find_dates_in_order(line, order) {
            if f.precision == Precision::Day && !days.contains(&f.date) {
                days.push(f.date);
            }
        }
    }
    if days.len() >= 3 {
        return None;
    }
    days.first().copied()
}

/// A heading line that is a council's name, tidied for display.
fn council_name(line: &str) -> Option<String> {
    let line = line
        .trim()
        .trim_matches(|c: char| c == '#' || c == '*')
        .trim();
    if let Some(c) = PLACE_OF.captures(line) {
        return Some(place_name(&c["kind"], &c["name"]));
    }
    let c = COUNCIL_HEADING.captures(line)?;
    let name = &c["name"];
    let first = name.split_whitespace().next()?.to_lowercase();
    if NOT_A_COUNCIL.contains(&first.as_str()) {
        return None;
    }
    // Every word of a name is capitalised, but for a few joining words.
    let proper = name.split([' ', '-']).filter(|w| !w.is_empty()).all(|w| {
        ["upon", "on", "in", "and", "&"].contains(&w) || w.starts_with(char::is_uppercase)
    });
    if !proper {
        return None;
    }
    Some(tidy_case(
        line.trim_start_matches("the ").trim_start_matches("The "),
    ))
}

/// A committee standing as a heading line near the top: "CABINET" under
/// "AGENDA", "CORPORATE PARENTING PANEL – 10th December 2024".
fn heading_committee(top: &str) -> Option<String> {
    let mut after_label = false;
    for line in top.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let lower = line.to_lowercase();
        if ["agenda", "minutes", "*** agenda ***"].contains(&lower.as_str()) {
            after_label = true;
            continue;
        }
        let name = committee_name(line.split(" \u{2013} ").next().unwrap_or(line));
        let words = name.split_whitespace().count();
        let body = BODY_WORDS
            .iter()
            .any(|w| name.to_lowercase().split_whitespace().any(|x| x == *w));
        let plain = name
            .chars()
            .all(|c| c.is_alphabetic() || " '&()-,".contains(c) || c.is_ascii_digit());
        let lname = name.to_lowercase();
        let proper = name.starts_with(char::is_uppercase)
            && name.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !lname.starts_with("minutes")
            && !lname.starts_with("of ")
            && (after_label || !lname.split_whitespace().any(|w| w == "council"));
        if (1..=8).contains(&words)
            && plain
            && proper
            && (body || after_label)
            && council_name(line).is_none()
        {
            return Some(name);
        }
        after_label = false;
    }
    None
}

/// The council named most often near the top of the text ("Limerick City and
/// County Council"), so one OCR slip ("Limenck") or a letter from a
/// neighbouring council does not decide it.
fn most_named_council(text: &str) -> Option<String> {
    let mut cut = text.len().min(20_000);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for c in COUNCIL_INLINE.captures_iter(&text[..cut]) {
        if NOT_A_COUNCIL.contains(&c["name"].to_lowercase().as_str()) {
            continue;
        }
        let Some(name) = inline_council_name(&c["name"], &c["kind"]) else {
            continue;
        };
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name, 1)),
        }
    }
    // Rank by how often the name's first word occurs in the whole text, so
    // "Limerick" (in addresses, "Co. Limerick") beats the OCR slip
    // "Limenck" and a neighbouring council's letterhead; ties go to the
    // more frequent name, then the earliest.
    let lower = text[..cut].to_lowercase();
    let mentions = |name: &str| {
        let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
        lower.matches(first.as_str()).count()
    };
    let best = counts.iter().map(|(name, n)| (mentions(name), *n)).max()?;
    let name = counts
        .into_iter()
        .find(|(name, n)| (mentions(name), *n) == best)
        .map(|(name, _)| name)?;
    Some(correct_ocr_name(&name, &text[..cut]))
}

/// "COUNTY Limerick", "city and county" → "Limerick City and County Council":
/// leading generic words dropped, capitals tidied.
fn inline_council_name(name: &str, kind: &str) -> Option<String> {
    let title = |w: &str| {
        let lower = w.to_lowercase();
        if lower == "and" {
            return lower;
        }
        let mut chars = lower.chars();
        chars
            .next()
            .map(|f| f.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default()
    };
    let words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|w| {
            let w = w.to_lowercase();
            w == "and" || NOT_A_COUNCIL.contains(&w.as_str())
        })
        .collect();
    if words.is_empty() {
        return None;
    }
    let name: Vec<String> = words
        .iter()
        .map(|w| {
            if w.chars().all(|c| !c.is_lowercase()) {
                title(w)
            } else {
                (*w).to_owned()
            }
        })
        .collect();
    let kind: Vec<String> = kind.split_whitespace().map(title).collect();
    Some(format!("{} {} Council", name.join(" "), kind.join(" ")))
}

/// Replace a council name's first word with the word the text uses far more
/// often and that differs by at most two letters: OCR reads "Limerick" as
/// "Limenck" in a letterhead that the body spells right.
fn correct_ocr_name(name: &str, text: &str) -> String {
    let Some((first, rest)) = name.split_once(' ') else {
        return name.to_owned();
    };
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 4)
    {
        *freq.entry(word).or_default() += 1;
    }
    let own = freq.get(first).copied().unwrap_or(0);
    let better = freq
        .iter()
        .filter(|(w, n)| {
            **n >= 3
                && **n > 2 * own
                && w.starts_with(char::is_uppercase)
                && **w != first
                && w.len().abs_diff(first.len()) <= 1
                && edit_distance(&w.to_lowercase(), &first.to_lowercase()) <= 2
        })
        .max_by_key(|(_, n)| **n);
    match better {
        Some((w, _)) => format!("{w} {rest}"),
        None => name.to_owned(),
    }
}

/// Levenshtein distance between two short words.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// "TOWNSHIP", "NIPISSING" → "Township of Nipissing".
fn place_name(kind: &str, name: &str) -> String {
    tidy_case(&format!(
        "{} OF {}",
        kind.to_uppercase(),
        name.to_uppercase()
    ))
}

/// The site name at the end of an HTML title, when it names a council.
fn site_council(title: &str) -> Option<String> {
    let (_, site) = title
        .rsplit_once(" \u{2013} ")
        .or_else(|| title.rsplit_once(" | "))?;
    let site = site.trim();
    let lower = site.to_lowercase();
    [
        "council",
        "township",
        "city",
        "county",
        "borough",
        "village",
        "municipality",
        "town",
    ]
    .iter()
    .any(|w| lower.split_whitespace().any(|x| x == *w))
    .then(|| site.to_owned())
}

/// A committee name as people write it: no leading "the" or "Nth meeting
/// of the", no trailing date or punctuation, and not shouted.
pub fn committee_name(raw: &str) -> String {
    // One line, and a word broken at a line end ("Adare-\nRathkeale") joined.
    let joined = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("- ", "-");
    let mut name = joined.trim().trim_end_matches(['.', ',', ':', ';']).trim();
    if let Some(c) = NTH_MEETING_OF.captures(name) {
        name = c.get(1).map_or(name, |m| m.as_str());
    }
    for prefix in ["the ", "The ", "THE "] {
        name = name.strip_prefix(prefix).unwrap_or(name);
    }
    if let Some(d) = crate::date::find_dates(name).last()
        && d.end == name.len()
    {
        name = name[..d.start].trim_end_matches([' ', '-', ',', '\u{2013}']);
    }
    tidy_case(name.trim())
}

/// Title-case a name written in capitals; leave mixed case alone.
pub fn tidy_case(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() || letters.iter().any(|c| c.is_lowercase()) {
        return name.to_owned();
    }
    name.split(' ')
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && ["and", "of", "the", "for", "on", "upon", "in"].contains(&lower.as_str()) {
                return lower;
            }
            let mut out = String::with_capacity(lower.len());
            let mut upper_next = true;
            for ch in lower.chars() {
                if upper_next {
                    out.extend(ch.to_uppercase());
                } else {
                    out.push(ch);
                }
                upper_next = ch == '-' || ch == '(';
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "(Agenda item 4)" after an item's title.
static ITEM_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\s*\((?:agenda\s+)?item\s+\d+[a-z]?\)\s*$"));

/// The first heading-like line that is not a page-type label.
fn title(text: &str) -> Option<String> {
    text.lines()
        .take(HEADING_LINES)
        .map(|l| {
            l.trim()
                .trim_start_matches('#')
                .trim()
                .trim_matches('*')
                .trim()
        })
        .filter(|l| l.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .find(|l| {
            let lower = l.to_lowercase();
            let last_part = lower.rsplit(" - ").next().unwrap_or(&lower);
            !PAGE_LABELS.contains(&last_part.trim_end_matches(':'))
                && !lower.starts_with("[original file]")
                && !lower.starts_with("[original link]")
        })
        .map(|l| truncate_title(ITEM_SUFFIX.replace(l, "").trim()))
}

/// Cut a title to a readable length at a word boundary.
pub fn truncate_title(line: &str) -> String {
    const MAX: usize = 160;
    if line.chars().count() <= MAX {
        return line.to_owned();
    }
    let cut: String = line.chars().take(MAX).collect();
    match cut.rfind(' ') {
        Some(space) => format!("{}…", &cut[..space]),
        None => cut,
    }
}

/// An HTML `<title>` without the site name after the last dash or bar.
pub fn clean_title(title: &str) -> String {
    let title = title.trim();
    for sep in [" \u{2013} ", " | ", " - ", " \u{2014} "] {
        if let Some((head, _site)) = title.rsplit_once(sep)
            && head.chars().filter(|c| c.is_alphabetic()).count() >= 3
        {
            return head.trim().to_owned();
        }
    }
    title.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn found(text: &str) -> Found {
        labels(
            &Normalised {
                text: text.into(),
                ..Normalised::default()
            },
            None,
        )
    }

    #[test]
    fn a_file_name_date_the_text_confirms_is_taken() {
        let doc = Normalised {
            text: "Agenda\n\n3rd July, 2014.\n\nItem 1: minutes of 1st May, 2014\nMeeting on 8th July, 2014".into(),
            ..Normalised::default()
        };
        assert_eq!(labels(&doc, d(2014, 7, 8)).date, d(2014, 7, 8));
        // A file name whose date the text never mentions is not confirmed.
        let f = labels(&doc, d(2014, 7, 18));
        assert_eq!(f.date, None);
    }

    #[test]
    fn moderngov_decision_labels() {
        let f = found(
            "Decision details\n\nImprovement Board Update\n\nDecision Maker: Children's Services Scrutiny Committee\n\nDecision status: Recommendations approved\n\nDate of decision: 18/01/2017\n\nDecided at meeting: 18/01/2017 - Children's Services Scrutiny Committee",
        );
        assert_eq!(f.date, d(2017, 1, 18));
        assert_eq!(
            f.committee.as_deref(),
            Some("Children's Services Scrutiny Committee")
        );
        assert_eq!(f.title.as_deref(), Some("Improvement Board Update"));
        assert_eq!(f.council, None);
    }

    #[test]
    fn an_officer_is_not_a_committee() {
        let f = found(
            "Decision Maker: Strategic Director for Environment\nDate of decision: 04/08/2026",
        );
        assert_eq!(f.committee, None);
        assert_eq!(f.date, d(2026, 8, 4));
    }

    #[test]
    fn minutes_of_the_meeting_held_on() {
        let f = found(
            "Minutes of the Meeting of Education and Children's Services Scrutiny Board (2) held at 2.00 pm on Thursday, 29 June 2017\n\nPresent:",
        );
        assert_eq!(
            f.committee.as_deref(),
            Some("Education and Children's Services Scrutiny Board (2)")
        );
        assert_eq!(f.date, d(2017, 6, 29));
    }

    #[test]
    fn kent_heading_across_line_breaks() {
        let f = found(
            "KENT COUNTY COUNCIL\n\nCABINET\nMINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions\nHouse, County Hall, Maidstone on Thursday, 9 January 2025.\nPRESENT: Mr R W Gough",
        );
        assert_eq!(f.council.as_deref(), Some("Kent County Council"));
        assert_eq!(f.committee.as_deref(), Some("Cabinet"));
        assert_eq!(f.date, d(2025, 1, 9));
    }

    #[test]
    fn limerick_proceedings_with_ocr_damage() {
        let f = found(
            "MINUTES OF PROCEEDINGS OF DRAFT BUDGETARY PLAN MEETING\nOF THE MUNICIPAL DISTRICT OF CAPPAMORE-KILMALLOCK HELD\nIN THE DEEBERT HOUSE HOTEL, DEEBERT, KILMALLOCK, CO.\nLIMERICK, ON THURSDAY, 15™ OCTOBER, 2020, AT 3.30 P.M.\n\nCirculated, report dated 5\" October, 2020",
        );
        assert_eq!(
            f.committee.as_deref(),
            Some("Municipal District of Cappamore-Kilmallock")
        );
        assert_eq!(f.date, d(2020, 10, 15));
    }

    #[test]
    fn an_ocr_damaged_day_gives_way_to_the_file_name() {
        let doc = Normalised {
            text: "You are requested to attend a Meeting of the District to be held in the Chamber on Monday, 13\u{201d} September, 2017 at 9.45 a.m.".into(),
            ..Normalised::default()
        };
        assert_eq!(labels(&doc, d(2017, 9, 18)).date, d(2017, 9, 18));
        assert_eq!(labels(&doc, None).date, d(2017, 9, 13));
        // A clean date in the text wins over the file name (the Nipissing trap).
        let clean = Normalised {
            text: "Agenda\n\nA meeting to be held on Tuesday, November 6, 2018.".into(),
            ..Normalised::default()
        };
        assert_eq!(labels(&clean, d(2018, 11, 16)).date, d(2018, 11, 6));
    }

    #[test]
    fn an_agenda_item_about_earlier_minutes_is_not_the_meeting() {
        let f = found(
            "AGENDA\n\nCABINET\nThursday, 30th January, 2025, at 10.00 am Ask for:\nCouncil Chamber\n1.\nApologies\n3.\nMinutes of the meeting held on 9 January 2025",
        );
        assert_eq!((f.date, f.heading_date), (None, d(2025, 1, 30)));
        let f = found(
            "26 June, 2014.\n\nCorporate Services.\n\nYou are requested to attend a Meeting of the Municipal District of Newcastle West to be held at Aras, Newcastle West, on Wednesday, 2nd July,\n\n2014, at 10.00 a.m.\n\n1. (a) To note the Minutes of the Newcastle West Area Committee Meeting held on 7 May 2014",
        );
        assert_eq!(f.date, d(2014, 7, 2));
    }

    #[test]
    fn agenda_time_and_date_block() {
        let f = found(
            "Education and Children's Services Scrutiny Board (2)\n\nTime and Date\n\n10.00 am on Thursday, 13th July, 2017\n\nPlace",
        );
        assert_eq!(f.date, d(2017, 7, 13));
        assert_eq!(
            f.title.as_deref(),
            Some("Education and Children's Services Scrutiny Board (2)")
        );
    }

    #[test]
    fn portland_held_this_day() {
        let f = found(
            "CITY OF PORTLAND, OREGON OFFICIAL MINUTES A REGULAR MEETING OF THE COUNCIL OF THE CITY OF PORTLAND, OREGON WAS HELD THIS 12TH DAY OF JANUARY, 2011 AT 9:30 A.M.\nTHE MEETING WAS CALLED TO ORDER",
        );
        assert_eq!(f.date, d(2011, 1, 12));
        assert_eq!(f.council.as_deref(), Some("City of Portland"));
    }

    #[test]
    fn township_heading_and_council_meeting() {
        let f = labels(&Normalised {
            text: "MINUTES\nTOWNSHIP OF NIPISSING\nTuesday, April 16, 2019\n\nA regular meeting of the Township of Nipissing Council was held on Tuesday, April 16, 2019.".into(),
            html_title: Some("Minutes \u{2013} April 16, 2019 \u{2013} Nipissing Township".into()),
            ..Normalised::default()
        }, None);
        assert_eq!(f.council.as_deref(), Some("Township of Nipissing"));
        assert_eq!(f.committee.as_deref(), Some("Council"));
        assert_eq!(f.date, d(2019, 4, 16));
    }

    #[test]
    fn front_matter_title_names_the_committee() {
        let f = labels(
            &Normalised {
                text: "March 3, 2025, at 1:00 PM\n\n# 1. Disclosures".into(),
                front_title: Some(
                    "5th Meeting of the Infrastructure and Corporate Services Committee".into(),
                ),
                front_date: Some("2025-03-03".into()),
                ..Normalised::default()
            },
            None,
        );
        assert_eq!(
            f.committee.as_deref(),
            Some("Infrastructure and Corporate Services Committee")
        );
        assert_eq!(f.date, d(2025, 3, 3));
    }

    #[test]
    fn the_city_record_spelled_out() {
        let f = found(
            "The City Record\nOfficial Publication of the Council of the City of Cleveland\n\nJanuary the Third, Two Thousand and Eighteen\n\nFrank G. Jackson",
        );
        assert_eq!(f.date, None);
        assert_eq!(f.heading_date, d(2018, 1, 3));
        assert_eq!(f.council.as_deref(), Some("City of Cleveland"));
    }

    #[test]
    fn a_date_elsewhere_in_the_body_is_not_the_meeting_date() {
        let f = found(
            "Agenda item\n\nProgress on Children's Services Improvement Plan\n\nMinutes:\n\nFurther to minute 12/18 the Scrutiny Board considered a briefing note of the Deputy Chief Executive (People) which provided a progress report on the Children's Services Improvement Plan. The information had been reported to the Board on 3rd October, 2018 and their next meeting would be held on 24th January, 2019 to sign off the full plan.",
        );
        assert_eq!((f.date, f.heading_date), (None, None));
        // A month alone is not a meeting date either.
        let f = found("Cabinet\n\nthe Ofsted visit of November 2016");
        assert_eq!((f.date, f.heading_date), (None, None));
    }

    #[test]
    fn an_image_url_in_the_heading_is_not_a_date() {
        let f = found(
            "![logo](https://example.org/wp-content/uploads/12/04/2018/logo.png)\nMinutes\nCouncil business",
        );
        assert_eq!((f.date, f.heading_date), (None, None));
    }

    #[test]
    fn a_list_of_meetings_has_no_one_date() {
        let f = found(
            "Council List\nJanuary 5, 2011\nJanuary 12, 2011\nJanuary 19, 2011\nJanuary 26, 2011",
        );
        assert_eq!((f.date, f.heading_date), (None, None));
        let f = found("Council List\nJanuary 5, 2011\nAgenda");
        assert_eq!(f.heading_date, d(2011, 1, 5));
    }

    #[test]
    fn council_named_inside_a_letterhead_and_committee_invited_to() {
        let f = found(
            "Limerick Corporate Services,\nCITY & COUNTY Limerick City and County Council,\nMerchants Quay\n\nYou are requested to attend a Meeting of the Municipal District of Adare-Rathkeale to be held at Foynes",
        );
        assert_eq!(
            f.council.as_deref(),
            Some("Limerick City and County Council")
        );
        assert_eq!(
            f.committee.as_deref(),
            Some("Municipal District of Adare-Rathkeale")
        );
        assert_eq!(
            found("Children's Services\nthe County Council's self-assessment").council,
            None
        );
    }

    #[test]
    fn committee_as_a_heading_line() {
        let f = found("AGENDA\n\nCABINET\nThursday, 30th January, 2025, at 10.00 am");
        assert_eq!(f.committee.as_deref(), Some("Cabinet"));
        let f = found(
            "CORPORATE PARENTING PANEL \u{2013} 10th December 2024\nMINUTES of the meeting held in the Darent Room",
        );
        assert_eq!(f.committee.as_deref(), Some("Corporate Parenting Panel"));
        assert_eq!(
            found("KENT COUNTY COUNCIL\n\nSome text here.").committee,
            None
        );
    }

    #[test]
    fn the_corporation_of_the_city_names_the_council() {
        let f = found(
            "March 3, 2025\n\nThat the agreement between The Corporation of the City of London and Wastell Developments be approved.",
        );
        assert_eq!(f.council.as_deref(), Some("City of London"));
    }

    #[test]
    fn a_summons_names_the_body_it_is_sent_to() {
        let f = found(
            "Limerick\nCITY & COUNTY\nCOUNCIL\n\nTo: Each Member of the Municipal District of\nCappamore-Kilmallock\nA Chomhairleoir, a chara,",
        );
        assert_eq!(
            f.committee.as_deref(),
            Some("Municipal District of Cappamore-Kilmallock")
        );
        let f = found(
            "You are requested to attend the Inaugural Annual Meeting of the Municipal District of Adare-\nRathkeale to be held at Aras Sean Finn",
        );
        assert_eq!(
            f.committee.as_deref(),
            Some("Municipal District of Adare-Rathkeale")
        );
    }

    #[test]
    fn council_headings() {
        assert_eq!(
            council_name("Coventry City Council").as_deref(),
            Some("Coventry City Council")
        );
        assert_eq!(
            council_name("WIRRAL COUNCIL").as_deref(),
            Some("Wirral Council")
        );
        assert_eq!(
            council_name("Limerick City and County Council").as_deref(),
            Some("Limerick City and County Council")
        );
        assert_eq!(council_name("Full Council"), None);
        assert_eq!(council_name("County Council"), None);
        assert_eq!(council_name("the Council"), None);
        assert_eq!(council_name("Members of the Council"), None);
    }

    #[test]
    fn committee_names_are_tidied() {
        assert_eq!(
            committee_name("The 2nd Meeting of the Planning and Environment Committee"),
            "Planning and Environment Committee"
        );
        assert_eq!(
            committee_name("POLICY COMMITTEE 19/10/2015"),
            "Policy Committee"
        );
        assert_eq!(committee_name("the Cabinet."), "Cabinet");
    }

    #[test]
    fn site_chrome_and_item_numbers_are_not_part_of_the_title() {
        let f = found(
            "Agendas, Meetings and Minutes - Agenda item\n\nAgenda item\n\nChildren's Social Care - Service Improvement Plan update (Agenda item 4)\n",
        );
        assert_eq!(
            f.title.as_deref(),
            Some("Children's Social Care - Service Improvement Plan update")
        );
    }

    #[test]
    fn html_title_loses_the_site_name() {
        assert_eq!(
            clean_title("Minutes \u{2013} April 17, 2018 \u{2013} Nipissing Township"),
            "Minutes \u{2013} April 17, 2018"
        );
        assert_eq!(clean_title("Council Minutes"), "Council Minutes");
    }
}
