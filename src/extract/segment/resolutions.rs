//! Resolutions: where each decision starts ("RESOLVED", "And Resolved:",
//! a numbered resolution, a "That ... BE APPROVED" motion) and where its
//! block ends (its points, its quotation, its outcome).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::block::{
    POINT, VOTE_LINE, bulleted, labels_only, listed, next_heading_line, open_quote, page_number,
    runs_on, sentence_end, through_outcome, whole_sentence, without_page_numbers,
};
use super::cues::{
    CLOSING, DECISION_START, MOTION, MOVED_TEXT, PROPOSAL, PROPOSER, RESOLVED, TIMED_NOTE,
    numbered_resolution,
};
use super::running::{AGREED_PROPOSER, NOTICE, seconded_agreed, seconded_start, sentence_start};
use super::us::{
    RUNNING_DATE, ends_at_table_head, heading_inside, us_break, us_numbered, us_title,
    vote_after_table,
};
use super::{Item, Resolution};
use crate::extract::decision::{states_outcome, states_outcome_in_capitals};
use crate::extract::re;

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
            && (numbered_resolution(line.trim_start()).is_some()
                || us_numbered(line.trim_start()).is_some())
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
    let mut paras = paragraphs(text);
    let heading_starts: Vec<usize> = items.iter().map(|i| i.span.start).collect();
    let mut out: Vec<Resolution> = Vec::new();
    let mut p = 0;
    // Where a vote put on the resolution that follows was recorded.
    let mut vote_put: Option<usize> = None;
    while let Some(range) = paras.get(p).cloned() {
        let para = &text[range.clone()];
        let us = us_numbered(para);
        // The paragraph right after the lines that say who moved it is a
        // motion, whatever its words ("That ...", "that part c) be amended
        // ...", "Motion to open the public participation meeting.").
        let moved = MOVED_TEXT.is_match(para) && after_proposer(text, range.start);
        let floor = out.last().map_or(0, |r: &Resolution| r.span.end);
        // Not before the item the text at `at` is in.
        let item_floor = |at: usize| {
            heading_starts
                .iter()
                .copied()
                .filter(|h| *h <= at)
                .fold(floor, usize::max)
        };
        let seconded = seconded_agreed(text, &paras, p);
        let start = match &us {
            Some(c) => Some((range.start, Some(c["num"].to_owned()))),
            None if moved => Some((range.start, None)),
            // "Proposed by X, seconded by Y and agreed." after the motion
            // it agrees ("I will move ... that ...").
            None if AGREED_PROPOSER.is_match(para) => {
                let motion = p.checked_sub(1).and_then(|b| paras.get(b)).filter(|r| {
                    r.start >= floor && NOTICE.is_match(text[(*r).clone()].trim_start())
                });
                Some((motion.map_or(range.start, |r| r.start), None))
            }
            // "This Motion was seconded by Y and agreed." after the
            // motion, or after "Councillor X proposed ...".
            None if seconded => Some((
                seconded_start(text, &paras, p, item_floor(range.start)),
                None,
            )),
            None => start_of(para, range.start),
        };
        let Some((begin, number)) = start else {
            p += 1;
            continue;
        };
        // "... put the motion to the vote and it was agreed unanimously."
        // just before the "RESOLVED that ..." it voted on is that
        // resolution's, not a decision of its own.
        if VOTE_PUT.is_match(&text[begin..range.end]) && resolved_next(text, &paras, p) {
            vote_put.get_or_insert(begin);
            p += 1;
            continue;
        }
        let begin = match vote_put.take() {
            Some(at) if RESOLVED.is_match(para) && at >= floor => at,
            _ => begin,
        };
        // Who proposed and seconded it, on the lines before, belongs to it.
        let begin = with_proposer(text, begin, item_floor(begin));
        // The resolution runs to the end of its paragraph, over following
        // paragraphs of points, to the end of its quotation or sentence, and
        // (for motions and numbered resolutions) to the paragraph that says
        // how the vote went.
        let mut end = range.end;
        let head = text[begin..end].trim_end();
        // (A "RESOLVED that Council:" line asks for them, whatever its
        // paragraph ends with: "(i)" alone on the next line.)
        let asks_points = head
            .lines()
            .find(|l| RESOLVED.is_match(l))
            .is_some_and(|l| l.trim_end().ends_with([':', ';']));
        let wants_points =
            asks_points || head.ends_with(':') || head.to_lowercase().ends_with("that");
        let wants_outcome = number.is_some() || moved || MOTION.is_match(para);
        let mut q = p + 1;
        let mut taken = 0;
        // Points belong to a resolution that asks for them ("RESOLVED:",
        // "... that") and go on while they last; a lettered paragraph after
        // a finished resolution is the next matter's.
        // A "RESOLVED that ..." sentence ends its block where a new
        // sentence starts on the next line of the same paragraph (PDF text
        // with no blank lines: "... be noted.\n2. The Chair agreed ...").
        let resolved_only = us.is_none() && !wants_outcome && !PROPOSAL.is_match(para) && !seconded;
        let cut = (resolved_only && (!wants_points || asks_points))
            .then(|| sentence_end(&text[begin..range.end], asks_points))
            .flatten();
        if let Some(cut) = cut {
            // The rest of the paragraph is read again for the next block.
            end = begin + cut;
            taken = MAX_PARAGRAPHS;
            paras.insert(p + 1, end..range.end);
        }
        let mut in_points = wants_points;
        let mut seen_point = false;
        let ends = |at: usize| ends_block(text, paras.get(at), &heading_starts, us.is_some());
        let mut over_items = false;
        let mut finish = None;
        // Where the block's first line starts, before the block: whether its
        // last line ran to the page's width counts that line from there ("...
        // supply. It was agreed to refer the matter to Water\n\nServices ...").
        let line_start = text[..begin].rfind('\n').map_or(0, |i| i + 1);
        while let Some(next_range) = paras.get(q).filter(|_| taken < MAX_PARAGRAPHS) {
            // A block ends at another block, and at the outcome it states
            // (a recorded vote after it is still its own).
            // (A US record broken off in mid-sentence by a page's running
            // date or number goes on after it.)
            let page_break =
                us.is_some() && runs_past_page(&text[begin..end], &text[next_range.clone()]);
            let stated = if us.is_some() {
                states_outcome_in_capitals(&text[begin..end])
            } else {
                states_outcome(&text[begin..end])
            };
            // (An outcome inside a sentence that goes on in the next
            // paragraph does not end it: "... declared the Motion carried
            // and it was\n\nagreed that ...".)
            let next = text[next_range.clone()].trim_start();
            let sentence_goes_on = us.is_none()
                && text[begin..end].trim_end().ends_with(char::is_alphanumeric)
                && next.starts_with(char::is_lowercase);
            if (ends(q) && !page_break)
                || (stated && !sentence_goes_on && !VOTE_LINE.is_match(next))
            {
                // A sentence broken off before the next paragraph, where
                // another decision starts after its end ("... a loan
                // facility to Limerick 2030 Strategic\n\nDevelopment DAC. It
                // was agreed ..."), ends there.
                if us.is_none() && runs_on(&text[line_start..end], next) {
                    finish = sentence_before_start(text, next_range).map(|cut| (q, cut));
                }
                // A motion that lists agenda items ("... in closed session,
                // to consider the following:" / "6.1 Litigation ...") runs
                // over their headings to its vote.
                let block = &text[begin..end];
                let lists_items = wants_outcome
                    && block.trim_end().ends_with(':')
                    && heading_starts.contains(&next_range.start)
                    && !states_outcome(block);
                let over = |at: usize| ends_block(text, paras.get(at), &[], us.is_some());
                if let Some(at) = lists_items
                    .then(|| outcome_ahead(text, &paras, q, &over, LIST_WINDOW))
                    .flatten()
                {
                    end = paras.get(at).map_or(end, |r| r.end);
                    q = at + 1;
                    over_items = true;
                }
                // A US record that ends at a table's head ("... is
                // approved:\nSUBCONTRACTOR") runs over the table to its
                // vote.
                // (Its column heads in capitals do not end it.)
                let table = us.is_some() && !stated && ends_at_table_head(block);
                let cells = |at: usize| ends_block(text, paras.get(at), &[], false);
                if let Some(at) = table
                    .then(|| vote_after_table(text, &paras, q, &cells))
                    .flatten()
                {
                    end = paras.get(at).map_or(end, |r| r.end);
                    q = at + 1;
                }
                break;
            }
            let block = &text[begin..end];
            let lines = &text[line_start..end];
            let point = POINT.is_match(next) && in_points && taken < 30;
            let text_goes_on = point
                || (wants_points && taken == 0)
                || listed(block, next)
                || bulleted(block, next)
                || open_quote(block)
                || labels_only(block)
                || runs_on(lines, next)
                || us.is_some();
            // Points go on over the paragraphs that continue one ("; it
            // being noted that ...").
            seen_point |= point;
            // A text after the head that is whole on its own ("\u{201c}That
            // ... signed.\u{201d}") asks for no points after it.
            in_points = point
                || (in_points && seen_point && runs_on(lines, next))
                || (wants_points && taken == 0 && !whole_sentence(without_page_numbers(next)));
            if text_goes_on {
                end = next_range.end;
                taken += 1;
                q += 1;
                continue;
            }
            // A motion runs on to the paragraph that says how the vote
            // went, when one does soon after its text (a vote table may
            // come between).
            if wants_outcome
                && !states_outcome(block)
                && let Some(at) = outcome_ahead(text, &paras, q, &ends, OUTCOME_WINDOW)
            {
                end = paras.get(at).map_or(end, |r| r.end);
                q = at + 1;
            }
            break;
        }
        // (Unless it ran on past that paragraph, to its vote.)
        if let Some((at, (head_end, start))) = finish.filter(|(at, _)| *at == q) {
            end = head_end;
            if let Some(r) = paras.get_mut(at) {
                r.start = start;
            }
        }
        // Never run into the next item's heading, nor a numbered heading
        // line that follows the end of a sentence in the same paragraph.
        // (Unless it lists them, to its vote.)
        let heading = heading_starts.iter().find(|h| **h > begin && **h < end);
        if let Some(h) = heading.filter(|_| !over_items) {
            end = *h;
        }
        if let Some(h) = next_heading_line(&text[begin..end]).filter(|_| !over_items) {
            end = begin + h;
        }
        // A block ends with the line stating its outcome, and the vote
        // recorded after it: not the narrative after them. (A US record's
        // block ends at its next heading: its outcome, vote and effective
        // date run over several lines.)
        if us.is_none() {
            end = begin + through_outcome(&text[begin..end]);
        } else if let Some(h) = heading_inside(&text[begin..end]) {
            end = begin + h;
        }
        // A page number the block ran over at its end is not its text.
        let end = begin + without_page_numbers(text[begin..end].trim_end()).len();
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

/// Whether the paragraph `para` starts another block: an item's heading,
/// another resolution or proposal, the lines naming the next mover, a
/// timed note ("At 2:26 PM, Deputy Mayor S. Lewis ..."), or (in
/// a US record, `us`) a heading in capitals or a running date.
fn ends_block(text: &str, para: Option<&Range<usize>>, headings: &[usize], us: bool) -> bool {
    let Some(range) = para else {
        return true;
    };
    let next = text[range.clone()].trim_start();
    headings.contains(&range.start)
        || CLOSING.is_match(next)
        || RESOLVED.is_match(next)
        || numbered_resolution(next).is_some()
        || us_numbered(next).is_some()
        || PROPOSAL.is_match(next)
        || PROPOSER.is_match(next)
        || TIMED_NOTE.is_match(next)
        || (us && us_break(next.lines().next().unwrap_or("").trim()))
}

/// The chair putting a motion to the vote: "the Chairman put the motion
/// set out in paragraph 1 and it was agreed unanimously".
static VOTE_PUT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?is)(?-u:\b)put\s+the\s+(?:motion|recommendations?|amendment)(?-u:\b).{0,200}?(?-u:\b)it\s+was\s+agreed",
    )
});

/// Whether a "RESOLVED ..." paragraph comes right after paragraph `p`
/// (bare labels such as "3)" between).
fn resolved_next(text: &str, paras: &[Range<usize>], p: usize) -> bool {
    paras
        .iter()
        .skip(p + 1)
        .map(|r| text[r.clone()].trim())
        .find(|t| !labels_only(t))
        .is_some_and(|t| t.starts_with("RESOLVED"))
}

/// Whether `block` breaks off in mid-sentence (in a word broken by a
/// hyphen, or before what its colon introduces) and `next` opens with a
/// page's running date ("April 4, 2018") or number, then goes on.
fn runs_past_page(block: &str, next: &str) -> bool {
    let open = without_page_numbers(block.trim_end())
        .ends_with(|c: char| c.is_alphanumeric() || [',', ';', '-', ':'].contains(&c));
    let mut lines = next.trim_start_matches(['\x0c', '\n']).lines();
    let first = lines.next().unwrap_or("").trim();
    let header = RUNNING_DATE.is_match(first) || page_number(first);
    open && header && lines.next().is_some()
}

/// Paragraphs of text a motion's outcome may come after: a vote table's
/// short lines do not count.
const OUTCOME_WINDOW: usize = 3;
/// The same over the agenda items a motion lists.
const LIST_WINDOW: usize = 12;

/// The paragraph, from `from` on, that states how a vote went, when it
/// comes within `window` paragraphs of text and before another block
/// starts.
fn outcome_ahead(
    text: &str,
    paras: &[Range<usize>],
    from: usize,
    ends: &dyn Fn(usize) -> bool,
    window: usize,
) -> Option<usize> {
    let mut long = 0;
    for at in from..paras.len().min(from + MAX_PARAGRAPHS) {
        if ends(at) {
            return None;
        }
        let para = text.get(paras.get(at)?.clone())?.trim();
        if states_outcome(para) {
            return Some(at);
        }
        if para.len() > 60 || para.contains("\n") && !para.starts_with('|') {
            long += 1;
        }
        if long >= window {
            return None;
        }
    }
    None
}

/// Where a resolution starts in a paragraph that begins at byte `at`, and
/// its number: a numbered resolution, a proposal that was agreed, the line
/// with "RESOLVED", or a "That ... BE APPROVED" motion.
fn start_of(para: &str, at: usize) -> Option<(usize, Option<String>)> {
    if let Some(c) = numbered_resolution(para) {
        return Some((at, Some(c["num"].to_owned())));
    }
    if !DECISION_START.is_match(para) {
        return None;
    }
    if let Some(m) = PROPOSAL.find(para).or_else(|| RESOLVED.find(para)) {
        return Some((at + sentence_start(para, m.start()), None));
    }
    // A motion starts at its "That" line, in its paragraph or after the
    // lines that name who moved it.
    MOTION.find(para).map(|m| (at + m.start(), None))
}

/// Where the sentence that paragraph `para` of `text` opens with ends,
/// and where the decision starts that comes after it in the paragraph:
/// "Development DAC. It was agreed ...". None when no decision starts
/// after a sentence's end in it.
fn sentence_before_start(text: &str, para: &Range<usize>) -> Option<(usize, usize)> {
    let (start, _) = start_of(&text[para.clone()], para.start)?;
    let head = text.get(para.start..start)?.trim_end();
    (start > para.start && head.ends_with(['.', ';']) && head.len() < 300)
        .then_some((para.start + head.len(), start))
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
        if TIMED_NOTE.is_match(trimmed) {
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

/// Whether the last non-empty line before `at` names who moved or
/// seconded a motion.
fn after_proposer(text: &str, at: usize) -> bool {
    text[..at]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty() && !TIMED_NOTE.is_match(l))
        .is_some_and(|l| l.len() <= 200 && PROPOSER.is_match(l))
}
