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

use super::text::{self, minutes_headings};
use crate::date::Order;

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

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:#{1,4}\s*)?(?P<num>\d{1,3}(?:\.\d{1,2})?)\.?\s+\**(?P<title>[A-Z(\x22'][^\n]{2,150})$")
});
static NUMBER_ALONE: LazyLock<Regex> = LazyLock::new(|| re(r"^(?P<num>\d{1,3})\.$"));
static ITEM_LABEL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\(item\s+\d+[a-z]?\)$"));
/// A title that starts with its decision's number: "24/00108 - Revenue and
/// Capital Budget Monitoring Report".
static DECISION_TITLE: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{1,4}/\d{2,6}\s*[-–:]\s*[A-Z]"));
/// An agenda's page reference after an item's title: "(Pages 1 - 18)".
static PAGES_NOTE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\(pages?\s+\d+(?:\s*[-–]\s*\d+)?\)\s*$"));
static RESOLVED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)RESOLVED(?-u:\b)|(?i:^resolved(?-u:\b))|(?i:(?-u:\b)and\s+resolved(?-u:\b)\s*[:,]?)|(?i:(?-u:\b)it\s+was\s+resolved(?-u:\b))",
    )
});
static NUMBERED_RESOLUTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?P<num>R\d{2,4}-\d{1,4})(?-u:\b)"));
static MOTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^That(?-u:\b)[^\n]*(?-u:\b)BE\s+(?:APPROVED|RECEIVED|NOTED|ADOPTED|REFERRED|AMENDED|ENDORSED|AUTHORIZED|AUTHORISED|DIRECTED|REQUESTED)(?-u:\b)",
    )
});
static OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?-u:\b)(?:carried|defeated|motion\s+(?:passed|failed|carried|lost))(?-u:\b)")
});
static POINT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[-*]\s*)?(?:\(?[a-z]\)|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)|\(?\d{1,2}\)|[a-z]\.\s|\d{1,2}\.\s)",
    )
});
static MEETING_CLOSED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\(?(?:the\s+)?meeting\s+(?:closed|ended|finished|concluded|terminated|adjourned)(?-u:\b)",
    )
});

/// Paragraphs of `text` as byte ranges (runs of non-empty lines).
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (start, blank) {
            (None, false) => start = Some(at),
            (Some(s), true) => {
                out.push(s..at);
                start = None;
            }
            _ => {}
        }
        at += line.len();
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

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
    for i in 0..found.len() {
        let next = found.get(i + 1).map_or(text.len(), |m| m.span.start);
        let start = found[i].span.start;
        let closed = lines(&text[start..next])
            .find(|(_, l)| MEETING_CLOSED.is_match(l.trim()))
            .map(|(at, l)| start + at + l.len());
        found[i].span.end = closed.unwrap_or(next);
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
    let mut heads: Vec<(usize, String, String)> = Vec::new();
    let mut last: Option<(u32, u32)> = None;
    let mut meeting_at = 0;
    let mut i = 0;
    while i < all.len() {
        let (at, line) = all[i];
        let trimmed = line.trim();
        // A new set of minutes starts its numbering again.
        if meetings.get(meeting_at).is_some_and(|m| at >= m.span.start) {
            meeting_at += 1;
            last = None;
        }
        let mut candidate: Option<(String, String)> = None;
        if let Some(c) = HEADING.captures(trimmed) {
            let title = c["title"].trim().trim_matches('*').trim();
            if is_title(title) {
                candidate = Some((c["num"].to_owned(), title.to_owned()));
            }
        } else if let Some(c) = NUMBER_ALONE.captures(trimmed) {
            // Kent: "84." on its own, the title on the next non-empty line.
            if let Some((_, next)) = all[i + 1..].iter().find(|(_, l)| !l.trim().is_empty()) {
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

fn resolutions(text: &str, items: &[Item]) -> Vec<Resolution> {
    let paras = paragraphs(text);
    let heading_starts: Vec<usize> = items.iter().map(|i| i.span.start).collect();
    let mut out: Vec<Resolution> = Vec::new();
    let mut p = 0;
    while p < paras.len() {
        let para = &text[paras[p].clone()];
        let mut start: Option<(usize, Option<String>)> = None;
        if let Some(c) = NUMBERED_RESOLUTION.captures(para) {
            start = Some((paras[p].start, Some(c["num"].to_owned())));
        } else if let Some(m) = RESOLVED.find(para) {
            // Start at the line holding the word.
            let line_start = para[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            start = Some((paras[p].start + line_start, None));
        } else if MOTION.is_match(para) {
            start = Some((paras[p].start, None));
        }
        let Some((begin, number)) = start else {
            p += 1;
            continue;
        };
        // The resolution runs to the end of its paragraph, over following
        // paragraphs of points, and (for motions and numbered resolutions)
        // to the paragraph that says how the vote went.
        let mut end = paras[p].end;
        let head = text[begin..end].trim_end();
        let wants_points = head.ends_with(':') || head.to_lowercase().ends_with("that");
        let wants_outcome = number.is_some() || MOTION.is_match(para);
        let mut q = p + 1;
        let mut taken = 0;
        while q < paras.len() && taken < 30 {
            let next = text[paras[q].clone()].trim_start();
            if heading_starts.contains(&paras[q].start)
                || RESOLVED.is_match(next)
                || NUMBERED_RESOLUTION.is_match(next)
            {
                break;
            }
            let point = POINT.is_match(next);
            let outcome_pending =
                wants_outcome && !OUTCOME.is_match(&text[begin..end]) && taken < 3;
            if point || (wants_points && taken == 0) || outcome_pending {
                end = paras[q].end;
                taken += 1;
                q += 1;
            } else {
                break;
            }
        }
        // Never run into the next item's heading.
        if let Some(h) = heading_starts.iter().find(|h| **h > begin && **h < end) {
            end = *h;
        }
        let end = begin + text[begin..end].trim_end().len();
        if end > begin {
            out.push(Resolution {
                number,
                span: begin..end,
            });
        }
        p = q.max(p + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str) -> Segments {
        segments(text, Order::DayFirst, None)
    }

    #[test]
    fn an_agenda_item_page_is_one_item() {
        let text =
            "Agenda item\n\nImprovement Journey\n\nMinutes:\n\nThe Committee considered caseloads.";
        let s = segments(text, Order::DayFirst, Some("Improvement Journey"));
        assert_eq!(s.items.len(), 1);
        assert_eq!(s.items[0].span, 0..text.len());
        assert!(
            segments("Some page\n\nText.", Order::DayFirst, Some("Some page"))
                .items
                .is_empty()
        );
    }

    fn slice<'a>(text: &'a str, r: &Range<usize>) -> &'a str {
        &text[r.clone()]
    }

    #[test]
    fn numbered_items_rise_and_lists_inside_are_not_items() {
        let text = "Public Business\n\n1. Apologies and Substitutions\n\n2. Declarations of Interests\n\n3. Minutes\n\nThe report listed:\n1. Continue to monitor and develop services through the work of the improvement board.\n2. Ensure that the board supports partners.\n\n4. Support to Young Carers (Pages 7 - 12)\n\nBriefing Note";
        let s = seg(text);
        let titles: Vec<&str> = s.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Apologies and Substitutions",
                "Declarations of Interests",
                "Minutes",
                "Support to Young Carers (Pages 7 - 12)"
            ]
        );
        assert!(slice(text, &s.items[2].span).contains("Ensure that the board"));
        assert_eq!(s.items[3].number, "4");
    }

    #[test]
    fn kent_numbers_alone_and_item_labels() {
        let text = "UNRESTRICTED ITEMS\n84.\nApologies\n(Item 1)\nApologies were received from Mrs C Bell.\n85.\nDeclarations of Interest\n(Item 2)\nNone.\n86.\nMinutes of the Meeting held on 9th January 2025\n(Item 3)\nRESOLVED that the minutes of the meeting on 9 January 2025 were a correct record\nand that they be signed by the Chair\n87.\nCabinet Member Updates\n(Item 4)\n1. Mr R Gough, Leader of the Council provided an update on the following:\n88.\n24/00108 - Revenue and Capital Budget Monitoring Report – November\n2024-25\n(Item 5)\nThe report was noted.\n";
        let s = seg(text);
        let nums: Vec<&str> = s.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(nums, ["84", "85", "86", "87", "88"]);
        assert_eq!(
            s.items[4].title,
            "24/00108 - Revenue and Capital Budget Monitoring Report – November"
        );
        assert_eq!(
            s.items[2].title,
            "Minutes of the Meeting held on 9th January 2025"
        );
        assert_eq!(s.resolutions.len(), 1);
        assert_eq!(
            slice(text, &s.resolutions[0].span),
            "RESOLVED that the minutes of the meeting on 9 January 2025 were a correct record\nand that they be signed by the Chair"
        );
        // The item approving the last minutes is no meeting of its own: the
        // items after it keep the document's date.
        assert!(s.meetings.is_empty(), "{:?}", s.meetings);
    }

    #[test]
    fn an_agenda_entry_for_the_last_minutes_is_no_meeting() {
        // (Past the document's opening, where a heading would be its own.)
        let opening = "Notes for members about the meeting and its papers.\n".repeat(40);
        for text in [
            "1. Apologies\n\n2. Declarations\n\nMinutes of the Meeting held on 30 January 2025 (Pages 1 - 18)\n\n4. Budget (Pages 19 - 40)\n",
            "1. Apologies\n\nMinutes of the meeting of the Planning Committee held on 3 March 2025\n(Item 2)\nThe minutes were agreed.\n\n3. Applications\n",
        ] {
            let text = format!("Cabinet\nAgenda\n{opening}{text}");
            let s = seg(&text);
            assert!(s.meetings.is_empty(), "{text}: {:?}", s.meetings);
        }
    }

    #[test]
    fn resolution_with_lettered_points_is_one_record() {
        let text = "The Cabinet considered the plan.\n\nRESOLVED: that\n\na) the progress made be noted;\n\nb) the Service Improvement Plan be approved;\n\nc) the strategy be approved;\n\nd) the report be noted; and\n\ne) a further report be made.\n\nThe meeting ended.";
        let s = seg(text);
        assert_eq!(s.resolutions.len(), 1);
        let r = slice(text, &s.resolutions[0].span);
        assert!(r.starts_with("RESOLVED: that"));
        assert!(
            r.contains("a) the progress") && r.ends_with("e) a further report be made."),
            "{r}"
        );
    }

    #[test]
    fn numbered_points_after_resolved_that() {
        let text = "RESOLVED that:\n\n1) The Scrutiny Board notes the progress.\n\n2) The Board requests a further report.\n\nOther business.";
        let s = seg(text);
        assert_eq!(s.resolutions.len(), 1);
        assert!(slice(text, &s.resolutions[0].span).ends_with("further report."));
    }

    #[test]
    fn nipissing_numbered_resolutions_run_to_carried() {
        let text = "R2019-72 L. Moore, T. Marchant: That the minutes be adopted. Carried.\n\nR2019-73 L. Andersen, J. Scott: That we support the purchase of a trailer;\nAnd that we accept Option #2. Carried.\n\nCouncil discussed grants.";
        let s = seg(text);
        assert_eq!(s.resolutions.len(), 2);
        assert_eq!(s.resolutions[1].number.as_deref(), Some("R2019-73"));
        assert!(slice(text, &s.resolutions[1].span).ends_with("Option #2. Carried."));
    }

    #[test]
    fn london_motions_with_their_outcome() {
        let text = "# 2. Consent\n\nMoved by A. Hopkins\n\nThat Consent Item 2.2 BE APPROVED.\n\nVote:\nYeas: A. Hopkins\n\nMotion Passed (5 to 0)\n\n## 2.2 Public Sector Salary Disclosure\n\nThat the report BE RECEIVED.\n\nMotion Passed";
        let s = seg(text);
        assert_eq!(s.items.len(), 2);
        assert_eq!(s.resolutions.len(), 2);
        assert!(slice(text, &s.resolutions[0].span).ends_with("Motion Passed (5 to 0)"));
    }

    #[test]
    fn minutes_inside_an_agenda_pack_are_their_own_meeting() {
        let text = "Scrutiny Board (2)\n\nTime and Date\n10.00 am on Thursday, 13th July, 2017\n\nPlace\nCommittee Room 3\n\n1. Apologies\n\n2. Minutes\n\n3. Any Other Business\n\nNotes: contact Michelle Rose\n\nCoventry City Council\nMinutes of the Meeting of Scrutiny Board (2)\nheld at 2.00 pm on Thursday, 29 June 2017\n\n88. Declarations of Interests\n\nNone.\n\n90. Ofsted Report\n\nRESOLVED that the report be noted.\n\n(Meeting closed at 2.30 pm)\n\nBriefing note for item 4";
        let s = seg(text);
        assert_eq!(s.meetings.len(), 1);
        let m = &s.meetings[0];
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2017, 6, 29));
        assert_eq!(m.committee.as_deref(), Some("Scrutiny Board (2)"));
        assert!(slice(text, &m.span).ends_with("(Meeting closed at 2.30 pm)"));
        let nums: Vec<&str> = s.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(nums, ["1", "2", "3", "88", "90"]);
        assert!(!slice(text, &s.items[4].span).contains("Briefing note"));
        assert!(!slice(text, &s.items[2].span).contains("Minutes of the Meeting"));
    }
}
