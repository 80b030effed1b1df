//! Resolutions: where each decision starts ("RESOLVED", "And Resolved:",
//! a numbered resolution, a "That ... BE APPROVED" motion) and where its
//! block ends (its points, its quotation, its outcome).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Item, Resolution};
use crate::extract::re;

static RESOLVED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)RESOLVED(?-u:\b)|(?i:^resolved(?-u:\b))|(?i:(?-u:\b)and\s+resolved(?-u:\b)\s*[:,]?)|(?i:(?-u:\b)it\s+was\s+resolved(?-u:\b))",
    )
});
/// A decision stated with its proposer: "On the proposal of Cllr X,
/// seconded by Cllr Y, it was agreed ...", "It was proposed by ... and
/// agreed ...".
static PROPOSAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?is)^(?:on\s+the\s+proposal\s+of|it\s+was\s+proposed\s+by)(?-u:\b).{0,400}?(?-u:\b)(?:agreed|resolved|carried|decided|approved)(?-u:\b)",
    )
});
/// "Proposed by Councillor X;", "Seconded by ...", "Moved by ...".
static PROPOSER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:proposed|seconded|moved|motion\s+made|motioned)(?:\s+by)?(?-u:\b)")
});
/// An item's numbered heading on a line: "2. Schedule of Meetings:".
static NUMBERED_HEADING: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\d{1,3}\.\s*[A-Z][^\n.]{2,100}:?$"));
/// A motion's text: "That ..." at the start of a line.
static THAT: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:That|THAT)(?-u:\b)"));
/// A US council's numbered ordinance or resolution, at the start of its
/// block: "Ord. No. 800-18.", "Res. No. 824-18 — Mary Smith".
static US_NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:Ord|Res|Ordinance|Resolution)\.?\s+No\.?\s+(?P<num>\d{1,5}-\d{2,4})(?:\.?[ \t]*(?:\n|$)|\s*[\x{2014}\x{2013}-]\s)",
    )
});
/// Its title: "An emergency ordinance authorizing ...", "A resolution ...".
static US_TITLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?m)^An?\s+(?:emergency\s+)?(?:ordinance|resolution)(?-u:\b)"));
/// A block's end in a US record: a heading in capitals ("FIRST READING
/// EMERGENCY RESOLUTIONS REFERRED") or a running date.
static US_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[A-Z][A-Z ,&'-]{3,}$|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}$)",
    )
});
static NUMBERED_RESOLUTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?P<num>R\d{2,4}-\d{1,4})(?-u:\b)"));
static MOTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?m)^That(?-u:\b)[^\n]*(?-u:\b)BE\s+(?:APPROVED|RECEIVED|NOTED|ADOPTED|REFERRED|AMENDED|ENDORSED|AUTHORIZED|AUTHORISED|DIRECTED|REQUESTED)(?-u:\b)",
    )
});
static POINT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[-*]\s*)?(?:\(?[a-z]\)|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)|\(?\d{1,2}\)|[a-z]\.\s|\d{1,2}\.\s)",
    )
});

/// Paragraphs of `text` as byte ranges (runs of non-empty lines).
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        // A numbered resolution starts a paragraph of its own, even where
        // the text runs resolutions together line after line (PDF text).
        if let Some(s) = start
            && !blank
            && (NUMBERED_RESOLUTION.is_match(line.trim_start())
                || US_NUMBERED.is_match(line.trim_start()))
        {
            out.push(s..at);
            start = None;
        }
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

/// Most paragraphs one resolution runs over (a long quotation, a list of
/// points).
const MAX_PARAGRAPHS: usize = 60;

/// The resolutions of `text`, whose items are `items`.
pub fn resolutions(text: &str, items: &[Item]) -> Vec<Resolution> {
    let paras = paragraphs(text);
    let heading_starts: Vec<usize> = items.iter().map(|i| i.span.start).collect();
    let mut out: Vec<Resolution> = Vec::new();
    let mut p = 0;
    while let Some(range) = paras.get(p).cloned() {
        let para = &text[range.clone()];
        let us = US_NUMBERED.captures(para);
        // "That ..." right after the lines that say who moved it is a
        // motion, whatever its verb.
        let moved = THAT.is_match(para) && after_proposer(text, range.start);
        let start = match &us {
            Some(c) => Some((range.start, Some(c["num"].to_owned()))),
            None if moved => Some((range.start, None)),
            None => start_of(para, range.start),
        };
        let Some((begin, number)) = start else {
            p += 1;
            continue;
        };
        // Who proposed and seconded it, on the lines before, belongs to it.
        let floor = out.last().map_or(0, |r: &Resolution| r.span.end);
        let floor = heading_starts
            .iter()
            .copied()
            .filter(|h| *h <= begin)
            .fold(floor, usize::max);
        let begin = with_proposer(text, begin, floor);
        // The resolution runs to the end of its paragraph, over following
        // paragraphs of points, to the end of its quotation or sentence, and
        // (for motions and numbered resolutions) to the paragraph that says
        // how the vote went.
        let mut end = range.end;
        let head = text[begin..end].trim_end();
        let wants_points = head.ends_with(':') || head.to_lowercase().ends_with("that");
        let wants_outcome = number.is_some() || moved || MOTION.is_match(para);
        let mut q = p + 1;
        let mut taken = 0;
        // Points belong to a resolution that asks for them ("RESOLVED:",
        // "... that") and go on while they last; a lettered paragraph after
        // a finished resolution is the next matter's.
        let mut in_points = wants_points;
        let mut waited = 0;
        while let Some(next_range) = paras.get(q).filter(|_| taken < MAX_PARAGRAPHS) {
            let next = text[next_range.clone()].trim_start();
            if heading_starts.contains(&next_range.start)
                || RESOLVED.is_match(next)
                || NUMBERED_RESOLUTION.is_match(next)
                || US_NUMBERED.is_match(next)
                || PROPOSAL.is_match(next)
                || (us.is_some() && US_BREAK.is_match(next.lines().next().unwrap_or("").trim()))
            {
                break;
            }
            let block = &text[begin..end];
            let point = POINT.is_match(next) && in_points && taken < 30;
            in_points = point || (wants_points && taken == 0);
            // (Up to three paragraphs, a vote table among them, after the
            // text and its points.)
            let outcome_pending =
                wants_outcome && !crate::extract::decision::states_outcome(block) && waited < 3;
            let text_goes_on = point
                || (wants_points && taken == 0)
                || listed(block, next)
                || open_quote(block)
                || runs_on(block, next)
                || us.is_some();
            if text_goes_on || outcome_pending {
                waited = if text_goes_on { 0 } else { waited + 1 };
                end = next_range.end;
                taken += 1;
                q += 1;
            } else {
                break;
            }
        }
        // Never run into the next item's heading, nor a numbered heading
        // line that follows the end of a sentence in the same paragraph.
        if let Some(h) = heading_starts.iter().find(|h| **h > begin && **h < end) {
            end = *h;
        }
        if let Some(h) = next_heading_line(&text[begin..end]) {
            end = begin + h;
        }
        let mut end = begin + text[begin..end].trim_end().len();
        // A page number the block ran over at its end is not its text.
        if us.is_some() {
            end = begin + without_page_numbers(&text[begin..end]).len();
        }
        if end > begin {
            out.push(Resolution {
                number,
                title: us.as_ref().and_then(|_| us_title(&text[begin..end])),
                span: begin..end,
            });
        }
        p = q.max(p + 1);
    }
    out
}

/// Where a resolution starts in a paragraph that begins at byte `at`, and
/// its number: a numbered resolution, a proposal that was agreed, the line
/// with "RESOLVED", or a "That ... BE APPROVED" motion.
fn start_of(para: &str, at: usize) -> Option<(usize, Option<String>)> {
    if let Some(c) = NUMBERED_RESOLUTION.captures(para) {
        return Some((at, Some(c["num"].to_owned())));
    }
    if PROPOSAL.is_match(para) {
        return Some((at, None));
    }
    if let Some(m) = RESOLVED.find(para) {
        // Start at the line holding the word.
        let line_start = para[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        return Some((at + line_start, None));
    }
    // A motion starts at its "That" line, in its paragraph or after the
    // lines that name who moved it.
    MOTION.find(para).map(|m| (at + m.start(), None))
}

/// `begin`, moved back over the "Proposed by ...", "Seconded by ..."
/// lines just before it, blank lines between them allowed (not past
/// `floor`).
fn with_proposer(text: &str, begin: usize, floor: usize) -> usize {
    let mut start = begin;
    let mut found = 0;
    for line in text[floor..begin].lines().rev() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if found == 4 || trimmed.len() > 200 || !PROPOSER.is_match(trimmed) {
            break;
        }
        found += 1;
        // Where the line's words start: it is a slice of `text`.
        start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
    }
    start
}

/// `block` less the bare page numbers at its end.
fn without_page_numbers(block: &str) -> &str {
    let mut block = block;
    while let Some((rest, last)) = block.rsplit_once('\n') {
        let last = last.trim();
        if last.is_empty() || (last.len() <= 4 && last.chars().all(|c| c.is_ascii_digit())) {
            block = rest.trim_end();
        } else {
            break;
        }
    }
    block
}

/// A US record's own title: its "An ordinance ..." sentence, or what
/// follows the number on a list of them ("Res. No. 824-18 — Mary Smith").
fn us_title(block: &str) -> Option<String> {
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

/// Where in `block` a line like "2. Schedule of Meetings:" starts, after
/// a line that ends a sentence: the next item, run into for want of a
/// blank line.
fn next_heading_line(block: &str) -> Option<usize> {
    let mut at = 0;
    let mut ended = false;
    for line in block.split_inclusive('\n') {
        let trimmed = line.trim();
        if at > 0 && ended && NUMBERED_HEADING.is_match(trimmed) {
            return Some(at);
        }
        if !trimmed.is_empty() {
            ended = trimmed.ends_with(['.', '"', '\u{201d}', ';']);
        }
        at += line.len();
    }
    None
}

/// Whether `next` is an entry of a list that `block` introduces ("...
/// allocate the following:", "... as follows:") or has begun: a short
/// line of its own.
fn listed(block: &str, next: &str) -> bool {
    let last = block.trim_end().lines().last().unwrap_or("").trim();
    let introduces = last.ends_with(':');
    let short = next.trim().lines().all(|l| l.len() <= 120) && next.trim().lines().count() <= 4;
    // A list goes on while its entries end without a full stop.
    let in_list = block.contains(":\n")
        && last.len() <= 120
        && last.chars().last().is_some_and(char::is_alphanumeric);
    let entry = !next.trim_end().ends_with(['.', ':']);
    short && entry && (introduces || in_list)
}

/// Whether the last non-empty line before `at` names who moved or
/// seconded a motion.
fn after_proposer(text: &str, at: usize) -> bool {
    text[..at]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .is_some_and(|l| l.len() <= 200 && PROPOSER.is_match(l))
}

/// Whether a quotation opened in `block` is not closed yet.
fn open_quote(block: &str) -> bool {
    let opened = block.matches('\u{201c}').count();
    let closed = block.matches('\u{201d}').count();
    opened > closed || block.matches('"').count() % 2 == 1
}

/// Whether `block` stops in mid-sentence and `next` goes on with it: text
/// laid out with a blank line after every line (converted PDFs) breaks a
/// sentence into paragraphs.
fn runs_on(block: &str, next: &str) -> bool {
    let ends_open = block
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || c == ',');
    let goes_on = next
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    ends_open && goes_on
}
