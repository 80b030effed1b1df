//! Agenda items: numbered headings that rise, ModernGov's "(Item 6)"
//! labels, Kent's number alone above its title; not rosters of members,
//! nor wrapped lines of running text that start with a number.

use std::sync::LazyLock;

use regex::Regex;

use super::text;
use super::{ITEM_LABEL, Item, Meeting, NUMBER_ALONE, lines};
use crate::extract::re;

/// A numbered heading: "4. Support to Young Carers", "1.Support Services",
/// "## 3.1 3095 Bostwick Road (Z-9791)". A title may start with a number
/// (an address) only under a sub-number or a Markdown heading.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<marker>#{1,4}\s*)?(?P<num>\d{1,3}(?:\.\d{1,2})?)(?:\.\s*|\s+)\**(?P<title>(?:[A-Z(\x22']|\d{1,6}\s+[A-Z][a-z])[^\n]{2,150})$",
    )
});
/// A lettered sub-item: "(a)" alone on its line with its title on the
/// next, or "**(b) Filling of Vacancies**", "### (c) Title".
static LETTER_ALONE: LazyLock<Regex> = LazyLock::new(|| re(r"^\**\((?P<letter>[a-z])\)\**$"));
static LETTER_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:#{1,4}\s*|\*\*)\((?P<letter>[a-z])\)\s+(?P<title>[A-Z][^\n]{2,150}?)\**$")
});
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
        // A person's line starts with a digit, which most lines do not.
        let person = line
            .starts_with(char::is_numeric)
            .then(|| PERSON.captures(line))
            .flatten();
        if let Some(c) = person {
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

/// Whether line `i` of `all` goes on with the sentence of the line just
/// before it (no blank line between): a wrapped line of running text
/// ending in a lower-case word ("... meetings held on" / "29 October 2024
/// and 10 December 2024 be noted."), so a number at its start is no
/// heading.
fn continues_line(all: &[(usize, &str)], i: usize) -> bool {
    let Some((_, before)) = i.checked_sub(1).and_then(|b| all.get(b)) else {
        return false;
    };
    let before = before.trim();
    let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    before.len() >= 50
        && last_word.chars().all(|c| c.is_lowercase() || c == ',')
        && !last_word.is_empty()
}

/// Whether line `i` of `all`, numbered `num`, is an entry of a list: one
/// that the line just before it introduces ("Whereas, the following
/// conditions\nexist:\n1. The member of Council from ..."), or the next of
/// the list entry `list` was, after a line that ends in a semicolon or a
/// comma ("... notification of it;\n\n2. The proposed purchaser ...").
fn list_entry(all: &[(usize, &str)], i: usize, num: &str, list: Option<u32>) -> bool {
    let before = all.get(..i).unwrap_or_default();
    let mut text_lines = before
        .iter()
        .rev()
        .map(|(_, l)| l.trim_end())
        .skip_while(|l| l.trim().is_empty());
    let last_text = text_lines.next();
    let just_before = before.last().map(|(_, l)| l.trim_end());
    // (After a blank line, a colon that ends a sentence of running text,
    // not a one-line label: "Agenda:".)
    let running = text_lines.next().is_some_and(|l| !l.trim().is_empty());
    let introduced =
        last_text.is_some_and(|l| l.ends_with(':')) && (just_before == last_text || running);
    let follows = list
        .zip(num.parse::<u32>().ok())
        .is_some_and(|(l, n)| n == l + 1);
    introduced || (follows && last_text.is_some_and(|l| l.ends_with([';', ','])))
}

/// A ModernGov printed heading: its title on the line or two above an
/// "(Item 6)" label, with no number of its own ("Youth Justice Annual
/// Report" / "(Item 7)"). The start of its first line, the label's number
/// and the title.
fn labelled_heading(all: &[(usize, &str)], i: usize) -> Option<(usize, String, String)> {
    let (at, line) = *all.get(i)?;
    let title = line.trim();
    let label = all.get(i + 1)?.1.trim();
    // (Most lines are not labels: only one in brackets is tried.)
    if !label.starts_with('(') {
        return None;
    }
    let num = ITEM_LABEL.captures(label)?["num"].to_owned();
    if title.is_empty() || ITEM_LABEL.is_match(title) {
        return None;
    }
    // A title wrapped over two lines: the line above, when it ends no
    // sentence and follows a blank line or the end of one.
    let above = i
        .checked_sub(1)
        .and_then(|b| all.get(b))
        .map(|(a, l)| (*a, l.trim()));
    let wrapped = above.filter(|(_, l)| {
        !l.is_empty()
            && l.len() <= 100
            && !l.ends_with(['.', ':', ';', ')'])
            && !NUMBER_ALONE.is_match(l)
            && i.checked_sub(2)
                .and_then(|b| all.get(b))
                .is_none_or(|(_, l)| l.trim().is_empty() || l.trim().ends_with(['.', ')']))
    });
    if above.is_some_and(|(_, l)| NUMBER_ALONE.is_match(l)) {
        return None;
    }
    let (start, title) = match wrapped {
        Some((a, l)) => (a, format!("{l} {title}")),
        None => (at, title.to_owned()),
    };
    is_title(&title).then_some((start, num, title))
}

/// A lettered sub-item's letter and title at line `i`: "(a)" alone with
/// the title on the next non-empty line, or a bold or Markdown "(b)
/// Title". Not an entry of a list that the line before introduces ("...
/// as follows:").
fn lettered(all: &[(usize, &str)], i: usize) -> Option<(char, String)> {
    let line = all.get(i)?.1.trim();
    // Both forms start "(", "*" or "#": most lines are not tried.
    if !line.starts_with(['(', '*', '#']) {
        return None;
    }
    let non_empty = |l: &&(usize, &str)| !l.1.trim().is_empty();
    let before = all.get(..i)?.iter().rev().find(non_empty);
    if before.is_some_and(|(_, l)| l.trim_end().ends_with(':')) {
        return None;
    }
    let (letter, title) = if let Some(c) = LETTER_ALONE.captures(line) {
        let next = all.get(i + 1..)?.iter().find(non_empty)?.1;
        (
            c["letter"].to_owned(),
            next.trim().trim_matches('*').trim().to_owned(),
        )
    } else {
        let c = LETTER_HEADING.captures(line)?;
        (c["letter"].to_owned(), c["title"].trim().to_owned())
    };
    let letter = letter.chars().next()?;
    let titled = title.starts_with(char::is_uppercase) && is_title(&title);
    titled.then_some((letter, title))
}

/// Whether `line` can be a numbered heading (or a number alone): it starts
/// with a digit (every character `\d` matches is one `is_numeric` takes) or a
/// Markdown `#`. Most lines are not, and are not tried.
fn numbered(line: &str) -> bool {
    line.starts_with(|c: char| c == '#' || c.is_numeric())
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
    // The rest of a sentence whose number broke its line is not one: its
    // first word closes a bracket it did not open ("(Net\n30 Days), is
    // hereby approved").
    let first = t.split_whitespace().next().unwrap_or("");
    if first.contains(')') && !first.contains('(') {
        return false;
    }
    // A sentence is not a title, a short label with a full stop may be.
    !(t.ends_with('.') && words > 8)
}

pub(super) fn items(text: &str, meetings: &[Meeting]) -> Vec<Item> {
    let all: Vec<(usize, &str)> = lines(text).collect();
    let roster = rosters(&all);
    let mut heads: Vec<(usize, String, String)> = Vec::new();
    let mut last: Option<(u32, u32)> = None;
    // The last sub-item's letter under the current numbered item.
    let mut sub: Option<char> = None;
    let mut meeting_at = 0;
    // The number of the last entry of a numbered list inside a text.
    let mut list: Option<u32> = None;
    let mut i = 0;
    while let Some(&(at, line)) = all.get(i) {
        let trimmed = line.trim();
        // A new set of minutes starts its numbering again.
        if meetings.get(meeting_at).is_some_and(|m| at >= m.span.start) {
            meeting_at += 1;
            last = None;
        }
        let mut candidate: Option<(usize, String, String)> = None;
        if let Some((letter, title)) = lettered(&all, i) {
            // A sub-item takes its parent's number: "1(a)", "3(b)".
            // Letters follow each other from (a): "(i)" after "(c)" is a
            // roman numeral below it, not a ninth sub-item.
            let rising = sub.map_or(letter == 'a', |prev| {
                u32::from(letter) == u32::from(prev) + 1
            });
            let parent = heads.last().and_then(|h| h.1.split('(').next());
            if let Some(parent) = parent.map(str::to_owned).filter(|_| rising) {
                sub = Some(letter);
                heads.push((
                    at,
                    format!("{parent}({letter})"),
                    text::truncate_title(&title),
                ));
            }
        } else if let Some(c) = numbered(trimmed)
            .then(|| HEADING.captures(trimmed))
            .flatten()
        {
            let title = c["title"].trim().trim_matches('*').trim();
            let numbered_title = title.starts_with(|c: char| c.is_ascii_digit());
            let may_start_with_number = c.name("marker").is_some() || c["num"].contains('.');
            if list_entry(&all, i, &c["num"], list) {
                list = c["num"].parse().ok();
            } else if is_title(title)
                && !roster.contains(&i)
                && !continues_line(&all, i)
                && (!numbered_title || may_start_with_number)
            {
                candidate = Some((at, c["num"].to_owned(), title.to_owned()));
            }
        } else if let Some((start, num, title)) = labelled_heading(&all, i) {
            candidate = Some((start, num, title));
        } else if let Some(c) = numbered(trimmed)
            .then(|| NUMBER_ALONE.captures(trimmed))
            .flatten()
        {
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
                    candidate = Some((at, c["num"].to_owned(), title.to_owned()));
                }
            }
        }
        if let Some((at, num, title)) = candidate {
            let key = number_key(&num);
            let rising = match last {
                None => key.0 > 0 && key.0 <= 200,
                Some(prev) => key > prev && key.0 <= prev.0 + 20,
            };
            if rising {
                last = Some(key);
                sub = None;
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
mod tests {
    use super::*;

    #[test]
    fn every_line_a_heading_rule_can_match_is_tried() {
        let digit = re(r"^\d$");
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if digit.is_match(c.encode_utf8(&mut [0; 4])) {
                assert!(numbered(&format!("{c}. Title")), "{c:?}");
            }
        }
        for line in [
            "# 3. Planning",
            "12. Budget",
            "84.",
            "\u{0663}. Arabic-Indic",
        ] {
            assert!(numbered(line), "{line}");
        }
        assert!(!numbered("Planning 3."));
    }
}
