//! The committee: ModernGov labels, the "Minutes of the meeting of X"
//! opening, summons ("a Meeting of X to be held", "To: Each Member of X"),
//! "A meeting of X was held", "Nth Meeting of the X" titles, and a
//! committee standing as a heading line.

use std::sync::LazyLock;

use regex::Regex;

use super::case::{strip_prefix_ignore_case, tidy_case};
use super::council::council_name;
use super::heading::lines;
use super::{Page, re};

static DECISION_MAKER: LazyLock<Regex> = LazyLock::new(|| re(r"(?mi)^decision maker:\s*(.+)$"));
pub(super) static DECIDED_AT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?mi)^decided at meeting:\s*(.+)$"));
/// "... attend a Meeting of the Municipal District of X to be held ...",
/// "A meeting of the X will be held".
static MEETING_TO_BE_HELD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)meeting\s+of\s+(?:the\s+)?(?P<what>[^.]{3,120}?)\s+(?:to|will|shall)\s+be\s+held(?-u:\b)",
    )
});
/// A letter of summons: "To: Each Member of the Municipal District of X".
static TO_EACH_MEMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)to\s*[:/]?\s*(?:the\s+[a-z]+\s+and\s+)?each\s+member\s+of\s+(?:the\s+)?(?P<what>[^\n.]+)(?P<next>\n[^\n.,]+)?",
    )
});
pub(super) static NTH_MEETING_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:the\s+)?\d+(?:st|nd|rd|th)\s+(?:(?:special|regular|annual)\s+)?meeting\s+of\s+(?:the\s+)?(.+)$",
    )
});
/// Words that mark a decision maker as a body rather than an officer.
pub(super) const BODY_WORDS: &[&str] = &[
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

/// Whether a line that follows a name cut at its line end is the name's
/// last words: a body word ("Committee") or an acronym ("SPC").
fn ends_a_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let acronym =
        |w: &&str| (2..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase());
    let body = |w: &&str| BODY_WORDS.contains(&w.to_lowercase().as_str());
    (1..=3).contains(&words.len()) && (words.iter().all(acronym) || words.iter().any(body))
}

/// The committee the text names, by the rules above in order; `title` is
/// the document's title (an "Nth Meeting of the X" names X).
pub fn committee(page: &Page, title: Option<&str>) -> Option<String> {
    let (text, head) = (page.text, page.head);
    if let Some(c) = DECIDED_AT.captures(text) {
        let value = &c[1];
        if let Some(d) = page.first_day(value) {
            let after = value[d.end..]
                .trim_start_matches([' ', '-', '\u{2013}'])
                .trim();
            if !after.is_empty() {
                return Some(committee_name(after));
            }
        }
    }
    if let Some(c) = DECISION_MAKER.captures(text) {
        let maker = c[1].trim();
        let lower = maker.to_lowercase();
        if BODY_WORDS
            .iter()
            .any(|w| lower.split_whitespace().any(|x| x == *w))
        {
            return Some(committee_name(maker));
        }
    }
    if let Some(committee) = page.opening.as_ref().and_then(|m| m.committee.clone()) {
        return Some(committee);
    }
    if let Some(c) = MEETING_TO_BE_HELD.captures(head) {
        return Some(committee_name(&c["what"]));
    }
    if let Some(c) = TO_EACH_MEMBER.captures(head) {
        // The name may run on to the next line ("... District of\nX").
        let mut what = c["what"].trim().to_owned();
        let lower = what.to_lowercase();
        if let Some(next) = c.name("next")
            && (lower.ends_with(" of") || lower.ends_with('-') || ends_a_name(next.as_str()))
        {
            what.push(' ');
            what.push_str(next.as_str().trim());
        }
        return Some(committee_name(&what));
    }
    if let Some((what, _)) = &page.held {
        return Some(committee_name(what));
    }
    if let Some(title) = page.doc.front_title.as_deref().or(title)
        && let Some(c) = NTH_MEETING_OF.captures(title)
    {
        return Some(committee_name(&c[1]));
    }
    heading_committee(lines(head, 6))
}

/// "Township of Nipissing Council" under the council "Township of
/// Nipissing" is the council meeting as a whole: "Council".
pub fn without_council(committee: String, council: Option<&str>) -> String {
    let Some(rest) = council.and_then(|c| strip_prefix_ignore_case(&committee, c)) else {
        return committee;
    };
    let rest = rest.trim();
    if rest.is_empty() {
        "Council".to_owned()
    } else {
        tidy_case(rest)
    }
}
