//! Where a document's heading ends, and the "Minutes of the meeting ...
//! held ... on <date>" openings that name a meeting.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::committee::committee_name;
use super::re;
use crate::date::{Order, Precision, find_dates_in_order};
use crate::extract::anchored::Anchored;

/// How many leading non-empty lines count as the document's heading.
pub(super) const HEADING_LINES: usize = 30;
/// A "Minutes of the meeting ... held" opening must be this close to the top;
/// further down it is an agenda item about earlier minutes.
const OPENING_LINES: usize = 8;
/// ... and at most this many bytes of them.
const HEADING_BYTES: usize = 3000;
/// A heading line is short; a longer one is a paragraph.
const HEADING_LINE_MAX: usize = 160;
/// "Minutes of the Meeting of X held at ... on <date>", "MINUTES of a meeting
/// of the Cabinet held in ...", "MINUTES OF PROCEEDINGS OF ... MEETING OF THE
/// X HELD IN ...", across line breaks.
///
/// It is tried only where the word "minutes" starts, anchored there
/// ([`crate::extract::anchored`]).
const MINUTES_HELD: &str = r"minutes\s+of\s+(?:the\s+)?(?:proceedings\s+(?:of|at)\s+)?(?:the\s+|a\s+)?(?P<what>[^.]{0,200}?)\s+held(?-u:\b)(?P<rest>[^\n]*(?:\n[^\n]*){0,6})";
static MINUTES_HELD_AT: LazyLock<Anchored> =
    LazyLock::new(|| Anchored::new("(?is)", "minutes", MINUTES_HELD));
/// The leading lines that count as the document's heading.
pub fn heading(text: &str) -> &str {
    lines(text, HEADING_LINES)
}
/// The first few lines, where a document's own "Minutes of the meeting ..."
/// opening stands.
pub fn opening(text: &str) -> &str {
    opening_lines(text)
}
/// The first `OPENING_LINES` non-empty lines of `text`, where a run of
/// three or more one-word lines counts as one line: a heading set a word
/// per line ("MINUTES / OF / PROCEEDINGS / …") is read whole.
fn opening_lines(text: &str) -> &str {
    // The non-empty lines up to the first that ends past `HEADING_BYTES`,
    // where the count below stops in any case: not the whole document.
    let mut lines: Vec<&str> = Vec::new();
    for line in text.split_inclusive('\n').filter(|l| !l.trim().is_empty()) {
        lines.push(line);
        if line.as_ptr() as usize - text.as_ptr() as usize + line.len() > HEADING_BYTES {
            break;
        }
    }
    let one_word = |l: &&&str| l.split_whitespace().count() == 1;
    let mut end = 0;
    let mut counted = 0;
    let mut i = 0;
    while let Some(rest) = lines.get(i..).filter(|r| !r.is_empty()) {
        let run = rest.iter().take_while(one_word).count();
        let take = if run >= 3 { run } else { 1 };
        counted += 1;
        if counted > OPENING_LINES {
            break;
        }
        let Some(&last) = rest.get(take - 1) else {
            break;
        };
        let at = last.as_ptr() as usize - text.as_ptr() as usize + last.len();
        if at > HEADING_BYTES {
            break;
        }
        end = at;
        i += take;
    }
    &text[..end]
}
/// The first `n` non-empty lines of `text`, at most `HEADING_BYTES` long.
pub(super) fn lines(text: &str, n: usize) -> &str {
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
    MINUTES_HELD_AT
        .captures_iter(text)
        .filter(|&(start, _)| {
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            text[line_start..start].trim().is_empty()
        })
        .map(|(start, c)| {
            let what = c["what"].trim();
            MeetingHeading {
                committee: meeting_body(what).map(|w| committee_name(&w)),
                date: find_dates_in_order(&c["rest"], order)
                    .into_iter()
                    .find(|f| f.precision == Precision::Day)
                    .map(|f| f.date),
                start,
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
pub(super) fn heading_line_date(head: &str, order: Order) -> Option<NaiveDate> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_found_where_a_search_of_the_whole_text_finds_them() {
        let whole = re(&format!("(?is)(?-u:\\b){MINUTES_HELD}"));
        let texts = [
            "MINUTES OF THE MEETING OF THE CABINET HELD ON 5 MARCH 2024\nPresent: all",
            "Minutes of a meeting of the Planning Committee held at County Hall\non Tuesday, 3 May 2022",
            "To note the minutes of the meeting held on 1 May. Minutes of the Council held on 2 May.",
            "xminutes of the board held here; minutes of minutes of the board held there",
            "Minutes of the meeting held on 1 June 2020 minutes of the meeting held on 2 June 2020",
            "Minute\u{17f} of the Parish Council held 3 July\nMINUTES of Café Committee held",
            "minutes of the meeting. No heading held here. Minutes of X held\n1\n2\n3\n4\n5\n6\n7\n8",
            "",
        ];
        for text in texts {
            let expected: Vec<(usize, String, String, String)> = whole
                .captures_iter(text)
                .map(|c| {
                    let m = c.get(0).unwrap();
                    (
                        m.start(),
                        m.as_str().to_owned(),
                        c["what"].to_owned(),
                        c["rest"].to_owned(),
                    )
                })
                .collect();
            let found: Vec<(usize, String, String, String)> = MINUTES_HELD_AT
                .captures_iter(text)
                .map(|(start, c)| {
                    let m = c.get(0).unwrap();
                    (
                        start,
                        m.as_str().to_owned(),
                        c["what"].to_owned(),
                        c["rest"].to_owned(),
                    )
                })
                .collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }
}
