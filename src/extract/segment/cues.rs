//! The words that start, introduce and close a decision in minutes:
//! "RESOLVED", "On the proposal of ...", a "That ... BE APPROVED" motion,
//! a numbered resolution, "Proposed by ...", "This concluded the meeting".

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::re;

/// A resolution: "RESOLVED", "Resolved" opening the text, "And Resolved:",
/// "It was (further, also, unanimously) resolved" or "agreed".
pub(super) static RESOLVED: LazyLock<Regex> = LazyLock::new(|| re(RESOLVED_PATTERN));
const RESOLVED_PATTERN: &str = r"(?-u:\b)RESOLVED(?-u:\b)|(?i:^resolved(?-u:\b))|(?i:(?-u:\b)and\s+resolved(?-u:\b)\s*[:,]?)|(?i:(?-u:\b)it\s+was\s+(?:further\s+|also\s+|unanimously\s+)?(?:resolved|agreed)(?-u:\b))";
/// A decision stated with its proposer: "On the proposal of Cllr X,
/// seconded by Cllr Y, it was agreed ..." (whatever follows: "the Motion
/// was adopted", "Mr. Y was appointed"), "It was proposed by ...", anywhere
/// in a paragraph ("Following discussion, it was proposed by ...").
pub(super) static PROPOSAL: LazyLock<Regex> = LazyLock::new(|| re(PROPOSAL_PATTERN));
const PROPOSAL_PATTERN: &str = r"(?i)(?-u:\b)on\s+the\s+proposal\s+of(?-u:\b)|(?-u:\b)it\s+was\s+(?:further\s+|also\s+)?proposed\s+by(?-u:\b)";
/// "Proposed by Councillor X;", "Seconded by ...", "Moved by ...".
pub(super) static PROPOSER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:proposed|seconded|moved|motioned|motion\s+made)\s+by|(?:proposer|seconder|mover)\s*:)",
    )
});
/// The end of the minutes: "This concluded the Meeting.", "Signed:".
pub(super) static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:this\s+concluded\s+the\s+meeting|\(?(?:the\s+)?meeting\s+(?:closed|ended|concluded|terminated)(?-u:\b)|signed\s*:)",
    )
});
/// What a motion's text starts with, after the lines naming its mover:
/// "That ...", a quoted "“That, ...", "that part c) be amended ...",
/// "Motion to open the public participation meeting.", "Notwithstanding
/// the recommendation ...", a lettered "c) that the letter ...".
pub(super) static MOVED_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"^(?:["\x{201c}']?(?i:that|motion\s+to|notwithstanding)(?-u:\b)|\(?[a-z]\)\s)"#)
});
/// A note of who took the chair, between a mover's line and the motion:
/// "At 4:35 PM, His Worship ... places Deputy Mayor S. Lewis in the Chair."
pub(super) static TIMED_NOTE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^At\s+\d{1,2}:\d{2}\s*[AaPp]\.?[Mm]"));
pub(super) static NUMBERED_RESOLUTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?P<num>R\d{2,4}-\d{1,4})(?-u:\b)"));
pub(super) static MOTION: LazyLock<Regex> = LazyLock::new(|| re(MOTION_PATTERN));
const MOTION_PATTERN: &str = r"(?m)^That(?-u:\b)[^\n]*(?-u:\b)BE\s+(?:APPROVED|RECEIVED|NOTED|ADOPTED|REFERRED|AMENDED|ENDORSED|AUTHORIZED|AUTHORISED|DIRECTED|REQUESTED)(?-u:\b)";
/// Whether any of [`PROPOSAL`], [`RESOLVED`] and [`MOTION`] matches, in one
/// pass: most paragraphs start no decision, and are read once, not three
/// times.
pub(super) static DECISION_START: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        "(?:{PROPOSAL_PATTERN})|(?:{RESOLVED_PATTERN})|(?:{MOTION_PATTERN})"
    ))
});

/// A numbered resolution ("R24-101 ...") at the start of `text`. Most
/// lines do not start with its "R", and are not searched.
pub(super) fn numbered_resolution(text: &str) -> Option<regex::Captures<'_>> {
    text.starts_with('R')
        .then(|| NUMBERED_RESOLUTION.captures(text))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paragraphs, lines and each line's paragraph from it on, of the shipped
    /// corpus and of texts written to start a decision every way.
    fn texts() -> Vec<String> {
        let mut sources: Vec<String> = [
            "RESOLVED that the report be noted.",
            "Resolved: that the minutes be signed.",
            "The Cabinet considered it, and resolved, that the plan be approved.",
            "It was further resolved to write to the Minister.",
            "Following discussion it was unanimously agreed to defer.",
            "On the proposal of Cllr A, seconded by Cllr B, the motion was adopted.",
            "It was also proposed by Cllr C that the item be deferred.",
            "That the report BE RECEIVED and the actions BE APPROVED.",
            "Preamble.\nThat the By-law BE ADOPTED.",
            "That the report be received.",
            "R24-101 That the budget be approved.",
            "R2 Minutes",
            "Ord. No. 800-18.\nRes. No. 824-18 \u{2014} Mary Smith",
            "Resolution No 12-2024 - Roads",
            "Nothing was decided; the resolvedness of the matter was noted.",
            "reſolved, that the item be noted",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
            let plain = entry
                .path()
                .extension()
                .is_some_and(|e| e == "txt" || e == "md");
            if let Ok(text) = std::fs::read_to_string(entry.path())
                && plain
            {
                sources.push(text);
            }
        }
        assert!(sources.len() > 20, "{}", sources.len());
        let mut out = Vec::new();
        for text in &sources {
            out.extend(text.split("\n\n").map(str::to_owned));
            for (at, _) in text.match_indices('\n') {
                let rest = &text[at + 1..];
                out.push(rest.lines().next().unwrap_or("").to_owned());
                out.push(rest.split("\n\n").next().unwrap_or("").to_owned());
            }
            out.push(text.clone());
        }
        out
    }

    #[test]
    fn a_decision_starts_where_one_of_its_three_patterns_matches() {
        let mut starts = 0;
        for text in texts() {
            let any =
                PROPOSAL.is_match(&text) || RESOLVED.is_match(&text) || MOTION.is_match(&text);
            assert_eq!(DECISION_START.is_match(&text), any, "{text:?}");
            starts += usize::from(any);
        }
        assert!(starts > 20, "{starts}");
    }

    #[test]
    fn numbered_resolutions_are_found_only_where_the_pattern_finds_them() {
        let mut found = 0;
        for text in texts() {
            let by_pattern = NUMBERED_RESOLUTION
                .captures(&text)
                .map(|c| c["num"].to_owned());
            let gated = numbered_resolution(&text).map(|c| c["num"].to_owned());
            assert_eq!(gated, by_pattern, "{text:?}");
            found += usize::from(gated.is_some());
        }
        assert!(found > 0);
    }
}
