//! The title: the first heading-like line that is not a page-type label,
//! and an HTML `<title>` without its site name.

use std::sync::LazyLock;

use regex::Regex;

use super::heading::HEADING_LINES;
use super::re;

/// Page-type labels that ModernGov prints above the real title.
const PAGE_LABELS: &[&str] = &[
    "agenda item",
    "decision details",
    "agenda and minutes",
    "agenda and draft minutes",
    "issue - items at meetings",
    "issue details",
    "minutes",
    "agenda",
    "public business",
    "the city record",
];
/// "(Agenda item 4)" after an item's title.
static ITEM_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\s*\((?:agenda\s+)?item\s+\d+[a-z]?\)\s*$"));
/// The first heading-like line that is not a page-type label, a
/// letterhead or OCR debris; a heading broken over lines ("… MEETING OF
/// THE MUNICIPAL DISTRICT OF ADARE-" / "RATHKEALE HELD IN …") is read
/// whole.
pub(super) fn title(text: &str) -> Option<String> {
    let lines: Vec<&str> = text
        .lines()
        .take(HEADING_LINES)
        .map(|l| {
            l.trim()
                .trim_start_matches('#')
                .trim()
                .trim_matches('*')
                .trim()
        })
        .filter(|l| l.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .filter(|l| {
            let lower = l.to_lowercase();
            let last_part = lower.rsplit(" - ").next().unwrap_or(&lower);
            !PAGE_LABELS.contains(&last_part.trim_end_matches(':'))
                && !lower.starts_with("[original file]")
                && !lower.starts_with("[original link]")
        })
        .collect();
    let mut i = 0;
    let mut tried = 0;
    while let Some(first) = lines.get(i).filter(|_| tried < TITLE_CANDIDATES) {
        let mut line = (*first).to_owned();
        i += 1;
        // Join the lines of a heading cut at its line ends.
        while let Some(more) = lines
            .get(i)
            .filter(|_| is_cut(&line) && line.chars().count() < 200)
        {
            if !line.ends_with('-') {
                line.push(' ');
            }
            line.push_str(more);
            i += 1;
        }
        tried += 1;
        if reads_like_title(&line) {
            return Some(truncate_title(ITEM_SUFFIX.replace(&line, "").trim()));
        }
    }
    // A letterhead or debris only: the caller falls back to the file's name.
    None
}

/// A heading line that stops on a joining word or a hyphen, so it goes on
/// on the next line.
fn is_cut(line: &str) -> bool {
    let last = line
        .split_whitespace()
        .last()
        .map(|w| w.to_lowercase())
        .unwrap_or_default();
    line.chars().count() <= 100 && (line.ends_with('-') || JOINING.contains(&last.as_str()))
}

/// How many heading lines may be passed over looking for a title.
const TITLE_CANDIDATES: usize = 4;

/// Words a line cut at its end stops on ("MINUTES OF PROCEEDINGS AT
/// MEETING OF THE").
const JOINING: &[&str] = &["of", "the", "and", "at", "for", "to", "in", "on", "&", "-"];

/// A line that is a council's name and little else.
fn is_letterhead(line: &str, words: usize) -> bool {
    super::council::council_name(line)
        .is_some_and(|name| words <= name.split_whitespace().count() + 2)
}

/// A short heading line that stops on a comma, a hyphen or a joining word
/// was cut at its line end; a long line is a paragraph, not a cut heading.
fn cut_heading_free(line: &str, last: &str) -> bool {
    line.chars().count() > 100
        || !(line.trim_end().ends_with([',', '-']) || JOINING.contains(&last))
}

/// Whether a heading line can be a document's title: two words or more,
/// mostly letters, not a council's name alone (a letterhead), not a line
/// cut short, not an address, not a summons' "To:" line, and not starting
/// with OCR debris.
pub(super) fn reads_like_title(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let wordy = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let visible = line.chars().filter(|c| !c.is_whitespace()).count();
    let last = words
        .last()
        .map(|w| w.trim_end_matches([',', ';', ':']).to_lowercase())
        .unwrap_or_default();
    let first = line.chars().next().unwrap_or(' ');
    // "Merchants Quay, Limerick V94 EH90": a comma and a postcode.
    let postcode = words.iter().any(|w| {
        w.len() <= 4
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.chars().any(|c| c.is_ascii_digit())
    });
    let address = line.contains(',') && postcode;
    wordy >= 2
        && !address
        && letters * 2 >= visible
        && (cut_heading_free(line, &last))
        && (first.is_uppercase() || first.is_ascii_digit() || first == '"' || first == '\'')
        && !line.to_lowercase().starts_with("to:")
        && !is_letterhead(line, words.len())
}
/// Cut a title to a readable length at a word boundary.
pub fn truncate_title(line: &str) -> String {
    const MAX: usize = 160;
    if line.chars().count() <= MAX {
        return line.to_owned();
    }
    let cut: String = line.chars().take(MAX).collect();
    match cut.rfind(' ') {
        Some(space) => format!("{}…", &cut[..space]),
        None => cut,
    }
}
/// An HTML `<title>` without the site name after the last dash or bar.
pub fn clean_title(title: &str) -> String {
    let title = title.trim();
    for sep in [" \u{2013} ", " | ", " - ", " \u{2014} "] {
        if let Some((head, _site)) = title.rsplit_once(sep)
            && head.chars().filter(|c| c.is_alphabetic()).count() >= 3
        {
            return head.trim().to_owned();
        }
    }
    title.to_owned()
}
