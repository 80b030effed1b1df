//! A US council's numbered ordinances and resolutions: their own titles.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::re;

/// A US council's numbered ordinance or resolution, at the start of its
/// block: "Ord. No. 800-18.", "Res. No. 824-18 — Mary Smith".
pub(super) static US_NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:Ord|Res|Ordinance|Resolution)\.?\s+No\.?\s+(?P<num>\d{1,5}-\d{2,4})(?:\.?[ \t]*(?:\n|$)|\s*[\x{2014}\x{2013}-]\s)",
    )
});
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
