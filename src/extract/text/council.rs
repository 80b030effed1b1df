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
    // Each first word is counted once, however many names share it.
    let head = &text[..cut];
    let mut firsts: Vec<(String, usize)> = Vec::new();
    let mut ranks = Vec::with_capacity(counts.len());
    for (name, n) in &counts {
        let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
        let mentions = match firsts.iter().find(|(w, _)| *w == first) {
            Some((_, m)) => *m,
            None => {
                let m = mentions_of(head, &first);
                firsts.push((first, m));
                m
            }
        };
        ranks.push((mentions, *n));
    }
    let best = ranks.iter().max()?;
    let at = ranks.iter().position(|rank| rank == best)?;
    let name = counts.into_iter().nth(at).map(|(name, _)| name)?;
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
    // Only a capitalised word of about the same length can replace it, so
    // only those are counted: how often, and where each is first seen.
    let mut own = 0;
    let mut freq: HashMap<&str, (usize, usize)> = HashMap::new();
    for (at, word) in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 4)
        .enumerate()
    {
        if word == first {
            own += 1;
        } else if word.len().abs_diff(first.len()) <= 1 && word.starts_with(char::is_uppercase) {
            freq.entry(word).or_insert((0, at)).0 += 1;
        }
    }
    // The most frequent; of two as frequent, the one the text uses first.
    let better = freq
        .iter()
        .filter(|(w, (n, _))| {
            *n >= 3 && *n > 2 * own && edit_distance(&w.to_lowercase(), &first.to_lowercase()) <= 2
        })
        .max_by_key(|(_, (n, at))| (*n, std::cmp::Reverse(*at)));
    match better {
        Some((w, _)) => format!("{w} {rest}"),
        None => name.to_owned(),
    }
}

/// How often `word` (lower-cased) occurs in `text` whatever its case, as
/// often as in `text.to_lowercase()`, without lower-casing the text: a
/// word of ASCII letters is matched ignoring ASCII case. Lower-casing
/// leaves ASCII letters ASCII and makes every other character a non-ASCII
/// one, but for the two in [`LOWERS_TO_ASCII`] (a test checks every
/// character), so the two counts agree on any text without those.
fn mentions_of(text: &str, word: &str) -> usize {
    let ascii = !word.is_empty() && word.is_ascii() && !text.contains(LOWERS_TO_ASCII);
    if !ascii {
        return text.to_lowercase().matches(word).count();
    }
    // Each place the first letter occurs in either case is tried, and a
    // mention found is skipped over whole, as `matches` does.
    let (text, word) = (text.as_bytes(), word.as_bytes());
    let Some(&first) = word.first() else {
        return 0;
    };
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut count = 0;
    let mut at = 0;
    while let Some(found) = text
        .get(at..)
        .and_then(|rest| memchr::memchr2(lower, upper, rest))
    {
        let start = at + found;
        match text.get(start..start + word.len()) {
            Some(here) if here.eq_ignore_ascii_case(word) => {
                count += 1;
                at = start + word.len();
            }
            Some(_) => at = start + 1,
            None => break,
        }
    }
    count
}

/// The characters outside ASCII whose lower case holds an ASCII letter:
/// the capital I with a dot above (i and a dot) and the Kelvin sign (k).
const LOWERS_TO_ASCII: [char; 2] = ['\u{0130}', '\u{212A}'];
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_listed_characters_lower_case_to_ascii() {
        let found: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(found, LOWERS_TO_ASCII);
    }

    #[test]
    fn mentions_are_counted_as_in_the_lower_cased_text() {
        let texts = [
            "Limerick, LIMERICK and limerick; Co. Limerick.",
            "Café Limerick — Ŀimerick ΣΑΣ limerickLimerick",
            "aaaa AAA aAaAa",
            "Kelvin \u{212A}ent KENT kent",
            "\u{0130}stanbul istanbul ISTANBUL",
            "",
        ];
        for text in texts {
            for word in ["limerick", "aa", "kent", "istanbul", "i", "é", ""] {
                assert_eq!(
                    mentions_of(text, word),
                    text.to_lowercase().matches(word).count(),
                    "{word:?} in {text:?}"
                );
            }
        }
    }

    #[test]
    fn an_ocr_slip_gives_way_to_the_spelling_used_most_then_first() {
        let text =
            "Limenck City Council. Limerick, Limerick, Limerick. Lumerick Lumerick Lumerick.";
        assert_eq!(
            correct_ocr_name("Limenck City Council", text),
            "Limerick City Council"
        );
        let text = "Limenck Council. Limenick Limenick Limenick Limerick Limerick Limerick.";
        assert_eq!(
            correct_ocr_name("Limenck Council", text),
            "Limenick Council"
        );
        assert_eq!(
            correct_ocr_name("Limerick Council", "Limerick Limerick Limenck"),
            "Limerick Council"
        );
    }
}
