//! Resolutions: where each decision starts ("RESOLVED", "And Resolved:",
//! a numbered resolution, a "That ... BE APPROVED" motion) and where its
//! block ends (its points, its quotation, its outcome).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Item, Resolution, re};

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

pub fn resolutions(text: &str, items: &[Item]) -> Vec<Resolution> {
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
