//! Decisions stated in running text: "Councillor X proposed ... This was
//! seconded by Y and agreed.", "The motion was proposed by X, seconded by Y
//! and agreed.", a notice of motion agreed on its mover's line; and where
//! the sentence holding a decision starts.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::extract::anchored::Anchored;
use crate::extract::re;

/// A mover's line that says the motion was agreed: "Proposed by Cllr.
/// Carey, seconded by Cllr. Donegan and agreed."
pub(super) static AGREED_PROPOSER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:proposed|moved)\s+by(?-u:\b)[^\n]{0,200}?(?-u:\b)(?:agreed|carried|adopted)(?-u:\b)",
    )
});

/// "This Motion was seconded by Councillor Y and agreed.", "This proposal
/// was seconded by ... and agreed", the proposal put before it.
static SECONDED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?-u:\b)this\s+(?:proposal\s+|motion\s+)?was\s+seconded\s+by(?-u:\b)")
});

/// "This was seconded by Y and agreed", "X were proposed by A, seconded by
/// B and adopted", over at most one paragraph break. It is tried only
/// where its first word starts, anchored there ([`crate::extract::anchored`]).
const SECONDED_AGREED: &str = r"(?:this\s+(?:proposal\s+|motion\s+)?was\s+seconded\s+by(?-u:\b)|(?:was|were)\s+proposed\s+by(?-u:\b)[^\n]{0,120}?(?:\n\n?[^\n]{0,120}?)?(?-u:\b)seconded\s+by(?-u:\b))[^\n]{0,120}?(?:\n\n?[^\n]{0,120}?)?(?-u:\b)and\s+(?:unanimously\s+)?(?:agreed|adopted|carried)(?-u:\b)";
static SECONDED_AGREED_AT: LazyLock<Anchored> =
    LazyLock::new(|| Anchored::new("(?i)", "this|was|were", SECONDED_AGREED));

/// A proposal put in running text: "Councillor Keary proposed a Special
/// Meeting be convened ...".
static PROPOSED: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)proposed(?-u:\b)"));

/// A notice of motion's text: "I will move ... that ...", "That ...".
/// ("|" and "l" are how OCR reads a capital I.)
pub(super) static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"^\**["\x{201c}]?(?:(?:I|\||l)\s+(?:will\s+move|propose)(?-u:\b)|That(?-u:\b))"#)
});

/// Where the decision that paragraph `p` says was seconded and agreed
/// starts: at the sentence that proposed it ("Councillor X proposed ...",
/// "... and proposed the Chairman ...") in the same paragraph or one of
/// those before it, or at the notice of motion it is about ("I will move
/// ...", "I propose that ..."); not before `floor`. Else at the sentence
/// that says it was seconded.
pub(super) fn seconded_start(text: &str, paras: &[Range<usize>], p: usize, floor: usize) -> usize {
    let Some(range) = paras.get(p) else {
        return floor;
    };
    let para = &text[range.clone()];
    let said = SECONDED_AGREED_AT.find_start(para).unwrap_or(0);
    let mut at = None;
    // "The minutes ... were proposed by X, seconded by Y and adopted.":
    // the sentence itself; "This was seconded ...": the proposal before.
    let own = para
        .get(said..)
        .is_some_and(|s| !SECONDED.is_match(s.get(..40).unwrap_or(s)));
    if own {
        at = Some((p, range.start + sentence_start(para, said)));
    } else if let Some(m) = PROPOSED.find_iter(&para[..said]).last() {
        at = Some((p, range.start + sentence_start(para, m.start())));
    }
    let about_motion = text[at.map_or(range.start + said, |a| a.1)..]
        .trim_start()
        .to_lowercase()
        .starts_with("the motion");
    let earlier = (p.saturating_sub(SECONDED_WINDOW)..p)
        .rev()
        .map_while(|b| paras.get(b).filter(|r| r.start >= floor).map(|r| (b, r)));
    // The notice of motion it agrees, when the text names no proposal of
    // its own; else the proposal in a paragraph before it.
    if (at.is_none() || about_motion)
        && let Some((_, r)) = earlier
            .clone()
            .find(|(_, r)| NOTICE.is_match(text[(*r).clone()].trim_start()))
    {
        return r.start;
    }
    if at.is_none() {
        at = earlier
            .filter_map(|(b, r)| {
                let before = &text[r.clone()];
                PROPOSED
                    .find_iter(before)
                    .last()
                    .map(|m| (b, r.start + sentence_start(before, m.start())))
            })
            .next();
    }
    let Some((mut b, mut start)) = at else {
        return range.start + sentence_start(para, said);
    };
    // A sentence broken over paragraphs starts where they stop starting in
    // lower case.
    while text[start..].starts_with(char::is_lowercase)
        && let Some(r) = b
            .checked_sub(1)
            .and_then(|b| paras.get(b))
            .filter(|r| r.start >= floor)
    {
        b -= 1;
        start = r.start;
    }
    start
}

/// Whether paragraph `p` says "This was seconded by ... and agreed", over
/// its end into the next paragraph.
pub(super) fn seconded_agreed(text: &str, paras: &[Range<usize>], p: usize) -> bool {
    let Some(range) = paras.get(p) else {
        return false;
    };
    let end = paras.get(p + 1).map_or(range.end, |r| r.end);
    SECONDED_AGREED_AT
        .find_start(&text[range.start..end])
        .is_some_and(|start| range.start + start < range.end)
}

/// Paragraphs back from "This was seconded ..." to its proposal.
const SECONDED_WINDOW: usize = 12;

/// Words a full stop ends without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Cllr", "Clir", "Cmhlr", "Mr", "Mrs", "Ms", "Dr", "No", "Nos", "St", "Co", "Inc", "Ltd",
];

/// Where the sentence holding byte `at` of `para` starts, within its line:
/// the line's start ("Following discussion, it was proposed by ..."), or
/// after a full stop earlier on it ("... in place. It was also agreed").
pub(super) fn sentence_start(para: &str, at: usize) -> usize {
    let line_start = para[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &para[line_start..at];
    let Some(stop) = before.rfind(". ") else {
        return line_back(para, line_start);
    };
    // Not after "Cllr.", "No." or an initial.
    let word = before[..stop]
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    let ends_sentence = word.chars().count() >= 2 && !ABBREVIATIONS.contains(&word);
    let after = &para[line_start + stop + 1..];
    let next = after.trim_start();
    if ends_sentence && next.starts_with(char::is_uppercase) {
        para.len() - next.len()
    } else {
        line_start
    }
}

/// A time of day at the start of a line: "4.30pm", "10:15 a.m.".
static TIME: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\d{1,2}[.:]\d{2}\s*[ap]\.?m"));

/// `line_start`, moved back over the lines of `para` whose sentence it
/// goes on with (PDF text without blank lines: "... the Chair put the
/// motion to the vote\nand it was agreed unanimously."), to the line that
/// starts the sentence or just after the full stop that ends the one
/// before.
fn line_back(para: &str, line_start: usize) -> usize {
    let mut start = line_start;
    let goes_on = |line: &str| line.starts_with(char::is_lowercase) || TIME.is_match(line);
    while start > 0 && goes_on(&para[start..]) {
        let before = para[..start].trim_end_matches(['\n', '\r']);
        let prev = before.rfind('\n').map_or(0, |i| i + 1);
        let line = &before[prev..];
        if line.trim_end().ends_with(['.', ':', ';']) || line.trim().is_empty() {
            break;
        }
        match line.rfind(". ") {
            Some(stop) => return prev + stop + 2,
            None => start = prev,
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconded_and_agreed_is_found_where_a_search_finds_it() {
        let whole = re(&format!("(?i)(?-u:\\b){SECONDED_AGREED}"));
        let texts = [
            "Councillor A proposed the motion. This was seconded by Councillor B and agreed.",
            "The minutes were proposed by Cllr. Carey, seconded by Cllr. Donegan and adopted.",
            "It was noted. THIS MOTION WAS SECONDED BY CLLR X\n\nand unanimously carried.",
            "was was this were proposed by A\nseconded by B and agreed",
            "Thiswas seconded by B and agreed; this wa\u{17f} seconded by C and agreed",
            "This was seconded by B. Nothing was agreed.\n\n\nand agreed",
            "",
        ];
        for text in texts {
            assert_eq!(
                SECONDED_AGREED_AT.find_start(text),
                whole.find(text).map(|m| m.start()),
                "{text:?}"
            );
        }
    }
}
