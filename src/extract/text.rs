//! Metadata a clerk would read off the page: ModernGov labels
//! ("Decision Maker:", "Date of decision:", "Decided at meeting:"), the
//! "Minutes of the meeting of X held ... on <date>" opening, the "Time and
//! Date" block of an agenda, a council name standing alone as a heading, and
//! the document's first real heading as its title.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::date::{find_dates, first_date};

/// What the text says about itself. Every field may be empty.
#[derive(Debug, Default, PartialEq)]
pub struct Found {
    pub council: Option<String>,
    pub committee: Option<String>,
    pub date: Option<NaiveDate>,
    pub title: Option<String>,
}

/// How many leading lines count as the document's heading.
const HEADING_LINES: usize = 40;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static DECISION_MAKER: LazyLock<Regex> = LazyLock::new(|| re(r"(?mi)^decision maker:\s*(.+)$"));
static DATE_OF_DECISION: LazyLock<Regex> = LazyLock::new(|| re(r"(?mi)^date of decision:\s*(.+)$"));
static DECIDED_AT: LazyLock<Regex> = LazyLock::new(|| re(r"(?mi)^decided at meeting:\s*(.+)$"));
static MINUTES_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bminutes\s+of\s+(?:the\s+|a\s+)?meeting\s+of\s+(?:the\s+)?([^\n]{3,150}?)\s+held\b([^\n]{0,300})",
    )
});
static TIME_AND_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?mi)^time and date\s*:?\s*$\s*^(.+)$|^time and date\s*:?\s*(.+)$"));
static COUNCIL_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)^(?:the\s+)?
        (?P<name>[A-Za-z][A-Za-z'.]+(?:[\s-](?:upon|on|in|and|&|[A-Za-z][A-Za-z'.]+)){0,4})
        \s+(?P<kind>(?i:city\s+and\s+county|metropolitan\s+borough|county\s+borough|city|county|borough|district|town|parish|regional))?\s*
        (?i:council)$")
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
];

/// "(Agenda item 4)" after an item's title.
static ITEM_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\s*\((?:agenda\s+)?item\s+\d+[a-z]?\)\s*$"));

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

/// Read the labels and headings of `text`.
pub fn labels(text: &str) -> Found {
    let mut found = Found::default();
    let mut dates: Vec<NaiveDate> = Vec::new();

    if let Some(c) = DATE_OF_DECISION.captures(text)
        && let Some(d) = first_date(&c[1])
    {
        dates.push(d);
    }
    if let Some(c) = DECIDED_AT.captures(text) {
        let value = &c[1];
        if let Some(d) = find_dates(value).first() {
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
    if let Some(c) = MINUTES_OF.captures(text) {
        if found.committee.is_none() {
            found.committee = Some(committee_name(&c[1]));
        }
        if let Some(d) = first_date(&c[2]) {
            dates.push(d);
        }
    }
    let heading: String = text
        .lines()
        .take(HEADING_LINES)
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(c) = TIME_AND_DATE.captures(&heading)
        && let Some(d) = first_date(c.get(1).or(c.get(2)).map_or("", |m| m.as_str()))
    {
        dates.push(d);
    }
    found.date = dates.first().copied();
    found.council = heading.lines().find_map(council_name);
    found.title = title(text);
    found
}

/// A heading line that is a council's name, tidied for display.
fn council_name(line: &str) -> Option<String> {
    let line = line
        .trim()
        .trim_matches(|c: char| c == '#' || c == '*')
        .trim();
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

/// A committee name as people write it: no leading "the", no trailing date
/// or punctuation, and not shouted.
fn committee_name(raw: &str) -> String {
    let mut name = raw.trim().trim_end_matches(['.', ',', ':', ';']).trim();
    for prefix in ["the ", "The ", "THE "] {
        name = name.strip_prefix(prefix).unwrap_or(name);
    }
    if let Some(d) = find_dates(name).last()
        && d.end == name.len()
    {
        name = name[..d.start].trim_end_matches([' ', '-', ',', '\u{2013}']);
    }
    tidy_case(name)
}

/// Title-case a name written in capitals; leave mixed case alone.
fn tidy_case(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() || letters.iter().any(|c| c.is_lowercase()) {
        return name.to_owned();
    }
    name.split(' ')
        .map(|word| {
            let lower = word.to_lowercase();
            if ["and", "of", "the", "for", "on", "upon", "in"].contains(&lower.as_str()) {
                return lower;
            }
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

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
        })
        .map(|l| truncate_title(ITEM_SUFFIX.replace(l, "").trim()))
}

fn truncate_title(line: &str) -> String {
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

    #[test]
    fn moderngov_decision_labels() {
        let text = "Decision details\n\nImprovement Board Update\n\nDecision Maker: Children's Services Scrutiny Committee\n\nDecision status: Recommendations approved\n\nDate of decision: 18/01/2017\n\nDecided at meeting: 18/01/2017 - Children's Services Scrutiny Committee";
        let f = labels(text);
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
        let f = labels(
            "Decision Maker: Strategic Director for Environment\nDate of decision: 04/08/2026",
        );
        assert_eq!(f.committee, None);
        assert_eq!(f.date, d(2026, 8, 4));
    }

    #[test]
    fn minutes_of_the_meeting_held_on() {
        let text = "Minutes of the Meeting of Education and Children's Services Scrutiny Board (2) held at 2.00 pm on Thursday, 29 June 2017\n\nPresent:";
        let f = labels(text);
        assert_eq!(
            f.committee.as_deref(),
            Some("Education and Children's Services Scrutiny Board (2)")
        );
        assert_eq!(f.date, d(2017, 6, 29));
    }

    #[test]
    fn kent_heading_names_council_and_committee() {
        let text = "KENT COUNTY COUNCIL\n\nCABINET\n\nMINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions House, County Hall, Maidstone on Thursday, 9 January 2025.";
        let f = labels(text);
        assert_eq!(f.council.as_deref(), Some("Kent County Council"));
        assert_eq!(f.committee.as_deref(), Some("Cabinet"));
        assert_eq!(f.date, d(2025, 1, 9));
    }

    #[test]
    fn agenda_time_and_date_block() {
        let text = "Education and Children's Services Scrutiny Board (2)\n\nTime and Date\n\n10.00 am on Thursday, 13th July, 2017\n\nPlace";
        let f = labels(text);
        assert_eq!(f.date, d(2017, 7, 13));
        assert_eq!(
            f.title.as_deref(),
            Some("Education and Children's Services Scrutiny Board (2)")
        );
    }

    #[test]
    fn a_date_elsewhere_in_the_body_is_not_the_meeting_date() {
        let text = "Agenda item\n\nProgress on Children's Services Improvement Plan\n\nThe information had been reported on 3rd October, 2018 and the next meeting would be held on 24th January, 2019.";
        assert_eq!(labels(text).date, None);
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
    fn site_chrome_and_item_numbers_are_not_part_of_the_title() {
        let text = "Agendas, Meetings and Minutes - Agenda item\n\nAgenda item\n\nChildren's Social Care - Service Improvement Plan update (Agenda item 4)\n";
        assert_eq!(
            labels(text).title.as_deref(),
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
