//! A US council's numbered ordinances and resolutions: their own titles.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::block::VOTE_LINE;
use crate::extract::decision::states_outcome_in_capitals;
use crate::extract::re;

/// A US council's numbered ordinance or resolution, at the start of its
/// block: "Ord. No. 800-18.", "Res. No. 824-18 — Mary Smith".
pub(super) static US_NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:Ord|Res|Ordinance|Resolution)\.?\s+No\.?\s+(?P<num>\d{1,5}-\d{2,4})(?:\.?[ \t]*(?:\n|$)|\s*[\x{2014}\x{2013}-]\s)",
    )
});
/// A numbered ordinance or resolution ("Ord. No. 123-2024 ...") at the
/// start of `text`. Only text starting with the "O" or "R" of its words is
/// searched.
pub(super) fn us_numbered(text: &str) -> Option<regex::Captures<'_>> {
    text.starts_with(['O', 'R'])
        .then(|| US_NUMBERED.captures(text))
        .flatten()
}
/// A heading in capitals: "FIRST READING EMERGENCY RESOLUTIONS REFERRED".
static CAPS_HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"^[A-Z][A-Z ,&'-]{3,}$"));
/// A page's running date: "April 4, 2018".
pub(super) static RUNNING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}$",
    )
});

/// Whether `line` ends a block in a US record: a heading in capitals or a
/// running date.
pub(super) fn us_break(line: &str) -> bool {
    CAPS_HEADING.is_match(line) || RUNNING_DATE.is_match(line)
}

/// Where the heading in capitals starts that a US record's `block` ran
/// into for want of a blank line, with the page numbers before it: the
/// section heading after its last line ("... Passed. Yeas 17.\nFIRST
/// READING EMERGENCY\nRESOLUTION READ IN FULL"), or before the short
/// lead-in to the next records ("CONGRATULATIONS RESOLUTIONS\nThe rules
/// were suspended and the following Resolutions were adopted:"). Not a
/// table's head after a colon ("... approved:\nSUBCONTRACTOR"), nor a
/// word in capitals inside the text.
pub(super) fn heading_inside(block: &str) -> Option<usize> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for line in block.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() && !super::block::page_number(trimmed) {
            lines.push((at, trimmed));
        }
        at += line.len();
    }
    let caps = |line: &str| CAPS_HEADING.is_match(line);
    // Each heading line, after the line before it: the first with nothing
    // after it but more of the heading and a lead-in.
    lines
        .iter()
        .zip(lines.iter().skip(1))
        .enumerate()
        .filter(|(_, (prev, line))| caps(line.1) && !prev.1.ends_with(':'))
        .find_map(|(i, (prev, _))| {
            let after: Vec<&str> = lines
                .iter()
                .skip(i + 1)
                .map(|(_, l)| *l)
                .skip_while(|l| caps(l))
                .collect();
            let lead_in = after.len() <= 4 && after.last().is_some_and(|l| l.ends_with(':'));
            let (before, _) = prev;
            let text_end = before + block[*before..].find('\n').unwrap_or(block.len() - before);
            (after.is_empty() || lead_in).then_some(text_end)
        })
}

/// Whether a US record's `block` ends at a table's head: a line that ends
/// with a colon, and the column names in capitals after it ("... is
/// approved:\nSUBCONTRACTOR").
pub(super) fn ends_at_table_head(block: &str) -> bool {
    block
        .lines()
        .rev()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .find(|l| !CAPS_HEADING.is_match(l))
        .is_some_and(|l| l.ends_with(':'))
}

/// Paragraphs a table may take before the vote after it.
const TABLE_WINDOW: usize = 16;

/// The paragraph, from `from` on, that records the vote after a table
/// ("Yeas: Directors ...", "Passed."), when one comes within
/// [`TABLE_WINDOW`] paragraphs and before another block starts.
pub(super) fn vote_after_table(
    text: &str,
    paras: &[Range<usize>],
    from: usize,
    ends: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    (from..paras.len().min(from + TABLE_WINDOW))
        .take_while(|at| !ends(*at))
        .find(|at| {
            let para = paras.get(*at).and_then(|r| text.get(r.clone()));
            let para = para.unwrap_or("").trim_start();
            VOTE_LINE.is_match(para) || states_outcome_in_capitals(para)
        })
}

/// Its title: "An emergency ordinance authorizing ...", "A resolution ...".
static US_TITLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?m)^An?\s+(?:emergency\s+)?(?:ordinance|resolution)(?-u:\b)"));

/// A US record's own title: its "An ordinance ..." sentence, or what
/// follows the number on a list of them ("Res. No. 824-18 — Mary Smith").
pub(super) fn us_title(block: &str) -> Option<String> {
    let found = match US_TITLE.find(block) {
        Some(m) => first_sentence(&block[m.start()..]).to_owned(),
        None => {
            // "Res. No. 824-18 — Mary Smith": the name; else the number
            // itself ("Resolution No. 244-18").
            let first = block.lines().next()?.trim();
            let rest = US_NUMBERED.replace(first, "");
            let rest = rest.trim_start_matches(['.', ' ', '—', '-', '–']);
            if rest.is_empty() {
                first.trim_end_matches('.').to_owned()
            } else {
                rest.to_owned()
            }
        }
    };
    let title = found.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then(|| super::text::truncate_title(&title))
}

/// The first sentence of `text`, at most about 400 bytes: up to a full
/// stop before a space or the end, not one of "No.", "Inc.", "Co.", "St.",
/// an initial or a decimal point.
fn first_sentence(text: &str) -> &str {
    let limit = text.len().min(400);
    for (i, _) in text.match_indices('.') {
        if i >= limit {
            break;
        }
        let after = text[i + 1..].chars().next();
        if after.is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let word = text[..i].rsplit(char::is_whitespace).next().unwrap_or("");
        let abbreviation = [
            "No", "Nos", "Inc", "Co", "St", "Ave", "Mr", "Mrs", "Ms", "Dr",
        ]
        .contains(&word)
            || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()));
        if !abbreviation {
            return &text[..i];
        }
    }
    &text[..text.floor_char_boundary(limit)]
}
