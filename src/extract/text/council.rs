//! The council: a heading line that is a council's name ("TOWNSHIP OF X",
//! "X City Council"), the site name at the end of an HTML `<title>`,
//! "Council of the City of X", the council named most often near the top,
//! or "The Corporation of the City of X".

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::case::tidy_case;
use super::{Page, re};

/// A council's name inside a heading line: "CITY & COUNTY Limerick City and
/// County Council, Merchants Quay".
static COUNCIL_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(?P<name>[A-Z][A-Za-z]+(?:[ -](?i:upon|on)[ -][A-Z][A-Za-z]+)?(?: [A-Z][A-Za-z]+)?) (?P<kind>(?i:city and county|metropolitan borough|county borough|city|county|borough|district)) (?i:council)(?-u:\b)",
    )
});
static COUNCIL_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)^(?:the\s+)?
        (?P<name>[A-Za-z][A-Za-z'.]+(?:[\s-](?:upon|on|in|and|&|[A-Za-z][A-Za-z'.]+)){0,4})
        \s+(?P<kind>(?i:city\s+and\s+county|metropolitan\s+borough|county\s+borough|city|county|borough|district|town|parish|regional))?\s*
        (?i:council)$")
});
/// "TOWNSHIP OF NIPISSING", "CITY OF PORTLAND, OREGON OFFICIAL MINUTES ...".
static PLACE_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:the\s+)?(?P<kind>(?i:city|town|township|county|village|borough|municipality))\s+(?i:of)\s+(?P<name>[A-Z][A-Za-z'-]+(?:\s[A-Z][A-Za-z'-]+)?)(?-u:\b)",
    )
});
/// "The Corporation of the City of London": an Ontario municipality's legal name.
static CORPORATION_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)[Cc]orporation\s+of\s+the\s+(?P<kind>City|Town|Township|County|Municipality|Village)\s+of\s+(?P<name>[A-Z][A-Za-z'-]+)",
    )
});
static COUNCIL_OF_THE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)council\s+of\s+the\s+(?P<kind>city|town|township|county|borough)\s+of\s+(?P<name>[A-Z][A-Za-z'-]+)",
    )
});
/// Words that make "X Council" a meeting name, not a council's name.
const NOT_A_COUNCIL: &[&str] = &[
    "full",
    "the",
    "special",
    "annual",
    "monthly",
    "ordinary",
    "extraordinary",
    "county",
    "city",
    "town",
    "parish",
    "district",
    "borough",
    "budget",
    "youth",
    "regular",
    "meeting",
    "of",
];
/// A heading line that is a council's name, tidied for display.
pub(super) fn council_name(line: &str) -> Option<String> {
    let line = line
        .trim()
        .trim_matches(|c: char| c == '#' || c == '*')
        .trim();
    if let Some(c) = PLACE_OF.captures(line) {
        return Some(place_name(&c["kind"], &c["name"]));
    }
    let c = COUNCIL_HEADING.captures(line)?;
    let name = &c["name"];
    let first = name.split_whitespace().next()?.to_lowercase();
    if NOT_A_COUNCIL.contains(&first.as_str()) {
        return None;
    }
    // Every word of a name is capitalised, but for a few joining words.
    let proper = name.split([' ', '-']).filter(|w| !w.is_empty()).all(|w| {
        ["upon", "on", "in", "and", "&"].contains(&w) || w.starts_with(char::is_uppercase)
    });
    if !proper {
        return None;
    }
    Some(tidy_case(
        line.trim_start_matches("the ").trim_start_matches("The "),
    ))
}
/// The council named most often near the top of the text ("Limerick City and
/// County Council"), so one OCR slip ("Limenck") or a letter from a
/// neighbouring council does not decide it.
fn most_named_council(text: &str) -> Option<String> {
    let cut = text.floor_char_boundary(20_000);
    let mut counts: Vec<(String, usize)> = Vec::new();
    for c in COUNCIL_INLINE.captures_iter(&text[..cut]) {
        if NOT_A_COUNCIL.contains(&c["name"].to_lowercase().as_str()) {
            continue;
        }
        let Some(name) = inline_council_name(&c["name"], &c["kind"]) else {
            continue;
        };
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name, 1)),
        }
    }
    // Rank by how often the name's first word occurs in the whole text, so
    // "Limerick" (in addresses, "Co. Limerick") beats the OCR slip
    // "Limenck" and a neighbouring council's letterhead; ties go to the
    // more frequent name, then the earliest.
    let lower = text[..cut].to_lowercase();
    let mentions = |name: &str| {
        let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
        lower.matches(first.as_str()).count()
    };
    let best = counts.iter().map(|(name, n)| (mentions(name), *n)).max()?;
    let name = counts
        .into_iter()
        .find(|(name, n)| (mentions(name), *n) == best)
        .map(|(name, _)| name)?;
    Some(correct_ocr_name(&name, &text[..cut]))
}
/// "COUNTY Limerick", "city and county" → "Limerick City and County Council":
/// leading generic words dropped, capitals tidied.
fn inline_council_name(name: &str, kind: &str) -> Option<String> {
    let title = |w: &str| {
        let lower = w.to_lowercase();
        if lower == "and" {
            return lower;
        }
        let mut chars = lower.chars();
        chars
            .next()
            .map(|f| f.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default()
    };
    let words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|w| {
            let w = w.to_lowercase();
            w == "and" || NOT_A_COUNCIL.contains(&w.as_str())
        })
        .collect();
    if words.is_empty() {
        return None;
    }
    let name: Vec<String> = words
        .iter()
        .map(|w| {
            if w.chars().all(|c| !c.is_lowercase()) {
                title(w)
            } else {
                (*w).to_owned()
            }
        })
        .collect();
    let kind: Vec<String> = kind.split_whitespace().map(title).collect();
    Some(format!("{} {} Council", name.join(" "), kind.join(" ")))
}
/// Replace a council name's first word with the word the text uses far more
/// often and that differs by at most two letters: OCR reads "Limerick" as
/// "Limenck" in a letterhead that the body spells right.
fn correct_ocr_name(name: &str, text: &str) -> String {
    let Some((first, rest)) = name.split_once(' ') else {
        return name.to_owned();
    };
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 4)
    {
        *freq.entry(word).or_default() += 1;
    }
    let own = freq.get(first).copied().unwrap_or(0);
    let better = freq
        .iter()
        .filter(|(w, n)| {
            **n >= 3
                && **n > 2 * own
                && w.starts_with(char::is_uppercase)
                && **w != first
                && w.len().abs_diff(first.len()) <= 1
                && edit_distance(&w.to_lowercase(), &first.to_lowercase()) <= 2
        })
        .max_by_key(|(_, n)| **n);
    match better {
        Some((w, _)) => format!("{w} {rest}"),
        None => name.to_owned(),
    }
}
/// Levenshtein distance between two short words.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        // Each cell from the one diagonally above (a change), the one to
        // its left (an insertion) and the one above (a deletion).
        let mut next = Vec::with_capacity(row.len());
        next.push(i + 1);
        for ((cb, diagonal), above) in b.iter().zip(&row).zip(row.iter().skip(1)) {
            let left = next.last().copied().unwrap_or(i + 1);
            next.push(
                (diagonal + usize::from(ca != *cb))
                    .min(left + 1)
                    .min(above + 1),
            );
        }
        row = next;
    }
    row.last().copied().unwrap_or(0)
}
/// "TOWNSHIP", "NIPISSING" → "Township of Nipissing".
fn place_name(kind: &str, name: &str) -> String {
    tidy_case(&format!(
        "{} OF {}",
        kind.to_uppercase(),
        name.to_uppercase()
    ))
}
/// The site name at the end of an HTML title, when it names a council.
fn site_council(title: &str) -> Option<String> {
    let (_, site) = title
        .rsplit_once(" \u{2013} ")
        .or_else(|| title.rsplit_once(" | "))?;
    let site = site.trim();
    let lower = site.to_lowercase();
    [
        "council",
        "township",
        "city",
        "county",
        "borough",
        "village",
        "municipality",
        "town",
    ]
    .iter()
    .any(|w| lower.split_whitespace().any(|x| x == *w))
    .then(|| site.to_owned())
}

/// Words a wrapped sentence breaks after: the next line goes on with it.
const JOINING: &[&str] = &[
    "the", "of", "in", "and", "at", "to", "for", "on", "by", "from", "with", "&",
];

/// The lines of `head` that can be headings: not a sentence's wrapped
/// continuation, which starts in lower case ("the County of X. Following
/// …"), follows a line broken after a joining word ("… situate at 6 Main
/// Street in the" / "City of X."), or ends a sentence with a full stop.
pub(super) fn heading_lines(head: &str) -> impl Iterator<Item = &str> {
    let mut previous = "";
    head.lines().filter(move |line| {
        let before = std::mem::replace(&mut previous, line.trim());
        let line = line.trim();
        let wrapped = before
            .rsplit(' ')
            .next()
            .is_some_and(|w| JOINING.contains(&w.to_lowercase().as_str()));
        let sentence_end = line.ends_with('.') && line.chars().any(char::is_lowercase);
        !(line.starts_with(char::is_lowercase) || wrapped || sentence_end)
    })
}

/// The council the document's heading states: a heading line, the site
/// name of its HTML title, "Council of the City of X" near the top.
pub fn stated(page: &Page) -> Option<String> {
    let head = page.head;
    heading_lines(head)
        .find_map(council_name)
        .or_else(|| page.doc.html_title.as_deref().and_then(site_council))
        .or_else(|| {
            COUNCIL_OF_THE
                .captures(head)
                .map(|c| place_name(&c["kind"], &c["name"]))
        })
}

/// The council the text points to without stating it as its heading: the
/// one named most often near the top, or "The Corporation of the City of X"
/// anywhere. Weaker than a folder that reads like a council's name.
pub fn inferred(page: &Page) -> Option<String> {
    most_named_council(page.text).or_else(|| {
        CORPORATION_OF
            .captures(page.text)
            .map(|c| place_name(&c["kind"], &c["name"]))
    })
}
