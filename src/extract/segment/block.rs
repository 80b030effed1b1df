//! Where a resolution's text goes on and where its block stops: over a
//! sentence broken into paragraphs, a list, its points, an open quotation;
//! at the end of its first sentence, its outcome and the vote after it.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::re;

/// A point of a list: "a)", "(ii)", "3.", "- (b)".
pub(super) static POINT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[-*]\s*)?(?:\(?[a-zA-Z]\)|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)|\(?\d{1,2}\)|[a-zA-Z]\.\s|\d{1,2}\.\s)",
    )
});
/// A numbered paragraph: "2. The Chair agreed ...".
static NUMBERED_POINT: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{1,2}\.\s+[A-Z]"));

/// A vote recorded after the outcome: "Recorded Vote: FOR ...", a table.
pub(super) static VOTE_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:\||(?i:recorded\s+vote|vote\s*:|yeas|for\s*:))"));

/// An item's numbered heading on a line: "2. Schedule of Meetings:".
static NUMBERED_HEADING: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\d{1,3}\.\s*[A-Z][^\n.]{2,100}:?$"));

/// Where the first sentence of `block` ends, when the line after it starts
/// another: a line ending in a full stop (no quotation open) followed by a
/// line that starts with a capital or a numbered point. With `points`
/// (the resolution asks for them), its points are not the next sentence.
pub(super) fn sentence_end(block: &str, points: bool) -> Option<usize> {
    let mut at = 0;
    let mut lines = block.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        at += line.len();
        let next = lines.peek()?.trim_start();
        let ends = line.trim_end().ends_with('.') && !open_quote(&block[..at]);
        let starts = next.starts_with(char::is_uppercase) || NUMBERED_POINT.is_match(next);
        // (The points a resolution asks for are its own.)
        if points && POINT.is_match(next) {
            continue;
        }
        if ends && starts {
            return Some(at);
        }
    }
    None
}

/// The length of `block` up to the end of the line that states its
/// outcome and the vote lines after it; all of it when it states none.
pub(super) fn through_outcome(block: &str) -> usize {
    let Some(mut end) = crate::extract::decision::outcome_line_end(block) else {
        return block.len();
    };
    // A sentence that goes on after the outcome, in lower case ("...
    // declared the Motion carried and it was\n\nagreed that ..."), to its
    // end.
    let open = block[..end].trim_end().ends_with(char::is_alphanumeric);
    let goes_on = block[end..].trim_start().starts_with(char::is_lowercase);
    if open && goes_on {
        end += sentence_close(&block[end..]);
    }
    for line in block[end..].split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() || VOTE_LINE.is_match(trimmed) {
            end += line.len();
        } else {
            break;
        }
    }
    end
}

/// The length of `rest` up to the end of the first line that ends a
/// sentence or clause ('.', ':', ';'), all of it when none does.
fn sentence_close(rest: &str) -> usize {
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        at += line.len();
        if line.trim_end().ends_with(['.', ':', ';']) {
            return at - (line.len() - line.trim_end().len());
        }
    }
    rest.len()
}

/// Whether `t` is all digits, one to `most` of them.
fn digits(t: &str, most: usize) -> bool {
    !t.is_empty() && t.len() <= most && t.chars().all(|c| c.is_ascii_digit())
}

/// Whether `line` (trimmed) is a bare page number: "986".
pub(super) fn page_number(line: &str) -> bool {
    digits(line, 4)
}

/// `block` less the bare page numbers at its end.
pub(super) fn without_page_numbers(block: &str) -> &str {
    let mut block = block;
    while let Some((rest, last)) = block.rsplit_once('\n') {
        let last = last.trim();
        // A page number, or the next item's number ("24.").
        let item_number = last.strip_suffix('.').is_some_and(|n| digits(n, 3));
        if last.is_empty() || page_number(last) || item_number {
            block = rest.trim_end();
        } else {
            break;
        }
    }
    block
}

/// Where in `block` a line like "2. Schedule of Meetings:" starts, after
/// a line that ends a sentence: the next item, run into for want of a
/// blank line. A numbered list's next point is none.
pub(super) fn next_heading_line(block: &str) -> Option<usize> {
    let mut at = 0;
    let mut ended = false;
    for line in block.split_inclusive('\n') {
        let trimmed = line.trim();
        if at > 0 && ended && NUMBERED_HEADING.is_match(trimmed) {
            // (Not the next point of a numbered list the block holds: "2."
            // after a line "1. ...". Asked only of a heading's line: the
            // lines before it are read again for each.)
            let number: Option<u32> = trimmed.split('.').next().and_then(|n| n.parse().ok());
            let follows = number.is_some_and(|n| {
                n > 1
                    && block[..at]
                        .lines()
                        .any(|l| l.trim_start().starts_with(&format!("{}.", n - 1)))
            });
            if !follows {
                return Some(at);
            }
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
pub(super) fn listed(block: &str, next: &str) -> bool {
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

/// Whether a quotation opened in `block` is not closed yet.
pub(super) fn open_quote(block: &str) -> bool {
    let opened = block.matches('\u{201c}').count();
    let closed = block.matches('\u{201d}').count();
    opened > closed || block.matches('"').count() % 2 == 1
}

/// Whether `block` stops in mid-sentence and `next` goes on with it: text
/// laid out with a blank line after every line (converted PDFs) breaks a
/// sentence into paragraphs. A block that ends in a comma, in a word no
/// sentence ends with ("the", "of", "by"), or in a word at the end of a
/// full-width line goes on whatever comes next; one that ends in a
/// letter or a semicolon goes on with a lower-case word ("it being noted
/// that ..."), a number or an amount.
pub(super) fn runs_on(block: &str, next: &str) -> bool {
    let block = block.trim_end();
    let last_line = block.rsplit('\n').next().unwrap_or("").trim();
    let word = last_line.rsplit(char::is_whitespace).next().unwrap_or("");
    let last_word = word.to_lowercase();
    let ends_in_word = last_line.chars().last().is_some_and(char::is_alphanumeric);
    // A bullet, a heading or a table starts something of its own.
    if next.starts_with(['-', '*', '\u{2022}', '#', '|', '>']) {
        return false;
    }
    // (A name's initial ends no sentence: "seconded by Cllr. J.\n\nCollins".)
    let initial = word.len() == 2 && word.ends_with('.') && word.starts_with(char::is_uppercase);
    if block.ends_with(',')
        || initial
        || OPEN_WORDS.contains(&last_word.as_str())
        || ((ends_in_word || last_line.ends_with(')')) && last_line.len() >= FULL_LINE)
    {
        return true;
    }
    // A paragraph that starts in lower case goes on with the one before,
    // whatever that ended with ("... 2027.\n\nit being noted that ...").
    let first = next.chars().next();
    let ends_open = ends_in_word || block.ends_with(';');
    let goes_on = first.is_some_and(|c| c.is_ascii_digit() || "€$£".contains(c));
    first.is_some_and(char::is_lowercase) || (ends_open && goes_on)
}

/// Bytes of a line that ran to the page's width and was wrapped.
const FULL_LINE: usize = 70;

/// Words a sentence does not end with.
const OPEN_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "to",
    "by",
    "and",
    "or",
    "for",
    "in",
    "on",
    "at",
    "with",
    "that",
    "was",
    "were",
    "be",
    "it",
    "from",
    "councillor",
    "cllr",
    "cllr.",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "no.",
];

/// Whether `para` is a whole sentence, or a closed quotation, on its own.
pub(super) fn whole_sentence(para: &str) -> bool {
    let para = para.trim_end();
    para.ends_with(['.', '\u{201d}', '"']) && !open_quote(para)
}

/// Whether the last paragraph of `block` is only the labels of points
/// ("a)", "b)", "1.", "-") whose texts PDF layout put after them, so the
/// next paragraph is their text.
pub(super) fn labels_only(block: &str) -> bool {
    let last = block.trim_end().rsplit("\n\n").next().unwrap_or("");
    let label = |l: &str| {
        let l = l.trim().trim_start_matches('(');
        let core = l.trim_end_matches([')', '.']);
        l.len() < 6
            && (core.chars().all(|c| c.is_ascii_digit()) && !core.is_empty()
                || core.len() == 1 && core.chars().all(|c| c.is_ascii_lowercase())
                || ["i", "ii", "iii", "iv", "v", "vi", "-", "\u{2022}"].contains(&core))
            && (l.len() > core.len() || core == "-" || core == "\u{2022}")
    };
    let lines: Vec<&str> = last.lines().filter(|l| !l.trim().is_empty()).collect();
    !lines.is_empty() && lines.iter().all(|l| label(l))
}

/// Whether `next` is a bulleted entry ("- the recommended amendment ...")
/// of a list that `block` introduces or has begun.
pub(super) fn bulleted(block: &str, next: &str) -> bool {
    let bullet = |p: &str| p.trim_start().starts_with(['-', '*', '\u{2022}']);
    // The last paragraph, less those that only go on with it (a bullet
    // broken over lines: "... seized / consequences for\n\nthose over 18",
    // "... with no clear municipal use\n\nInternally;").
    let block = block.trim_end();
    let paras: Vec<&str> = block.rsplit("\n\n").collect();
    let goes_on = |i: usize| {
        let starts_low = paras
            .get(i)
            .is_some_and(|p| p.trim_start().starts_with(char::is_lowercase));
        let after_open = paras
            .get(i + 1)
            .is_some_and(|p| p.trim_end().ends_with(char::is_alphanumeric));
        starts_low || after_open
    };
    let in_list = (0..paras.len())
        .find(|i| !goes_on(*i))
        .and_then(|i| paras.get(i))
        .is_some_and(|p| bullet(p));
    bullet(next) && (block.ends_with(':') || in_list)
}
