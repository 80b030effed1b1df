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
/// The first heading-like line that is not a page-type label.
pub(super) fn title(text: &str) -> Option<String> {
    text.lines()
        .take(HEADING_LINES)
        .map(|l| {
            l.trim()
                .trim_start_matches('#')
                .trim()
                .trim_matches('*')
                .trim()
        })
        .filter(|l| l.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .find(|l| {
            let lower = l.to_lowercase();
            let last_part = lower.rsplit(" - ").next().unwrap_or(&lower);
            !PAGE_LABELS.contains(&last_part.trim_end_matches(':'))
                && !lower.starts_with("[original file]")
                && !lower.starts_with("[original link]")
        })
        .map(|l| truncate_title(ITEM_SUFFIX.replace(l, "").trim()))
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
