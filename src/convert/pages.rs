//! Running headers and footers of paged text (PDF): a line printed at the
//! top or bottom of most pages ("Kent County Council – Cabinet – 30
//! January 2025", "Minutes – May 14, 2024 – Page 2") is furniture. Left in,
//! it splits a sentence that runs on to the next page, and it turns up in
//! every item's text. It is kept where it first appears (a document's
//! heading is often its running header too) and dropped from the rest.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

use rustc_hash::{FxHashSet, FxHasher};

use crate::crawl::PAGE_BREAK;

/// Lines at each end of a page that may be a running header or footer.
const EDGE: usize = 3;
/// Fewest pages for a line to be seen as running.
const MIN_PAGES: usize = 3;

/// `text` without the running headers and footers of its pages.
pub fn drop_running_lines(text: &str) -> Cow<'_, str> {
    let pages: Vec<&str> = text.split(PAGE_BREAK).collect();
    if pages.len() < MIN_PAGES {
        return Cow::Borrowed(text);
    }
    let needed = MIN_PAGES.max(pages.len().div_ceil(2));
    let running = RunningLines::of(&pages, needed);
    if running.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut kept_once: HashSet<String> = HashSet::new();
    let mut out = String::with_capacity(text.len());
    for (n, page) in pages.iter().enumerate() {
        if n > 0 {
            out.push(PAGE_BREAK);
        }
        let mut drop: HashSet<usize> = edge_lines(page)
            .filter(|(_, key)| running.edge.contains(key) && !kept_once.insert(key.clone()))
            .map(|(i, _)| i)
            .collect();
        // (A line's key is made only when its hash is a floating header's.)
        let line_hashes = running.line_hashes.get(n).map_or(&[][..], Vec::as_slice);
        let floating = page
            .split('\n')
            .zip(line_hashes)
            .enumerate()
            .filter(|(_, (_, h))| h.is_some_and(|h| running.hashes.contains(&h)));
        for (i, (line, _)) in floating {
            let key = key(line).filter(|k| running.anywhere.contains(k));
            if key.is_some_and(|k| !kept_once.insert(k)) {
                drop.insert(i);
            }
        }
        let mut first = true;
        for (i, line) in page.split('\n').enumerate() {
            if drop.contains(&i) {
                continue;
            }
            if !first {
                out.push('\n');
            }
            first = false;
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// The running lines of a document's pages, by key.
struct RunningLines {
    /// At the top or at the bottom of most pages ("top:kent county ...").
    edge: HashSet<String>,
    /// On most pages, once, wherever the page's columns put it: a header
    /// that text extraction read into the middle of two-column pages ("The
    /// City Record" between the halves of a sentence), seen at an edge of
    /// some pages and in the middle of some.
    anywhere: HashSet<String>,
    /// [`hash_of`] each of `anywhere`.
    hashes: FxHashSet<u64>,
    /// [`key_hash`] of every line of every page, by page and line (none
    /// when no line can float).
    line_hashes: Vec<Vec<Option<u64>>>,
}

impl RunningLines {
    fn of(pages: &[&str], needed: usize) -> RunningLines {
        // On how many pages each line (digits aside) is at an edge: at one
        // end, and at either.
        let mut at_edge: HashMap<String, usize> = HashMap::new();
        let mut at_any_edge: HashMap<String, usize> = HashMap::new();
        for page in pages {
            let keys: HashSet<String> = edge_lines(page).map(|(_, key)| key).collect();
            let plain: HashSet<&str> = keys
                .iter()
                .filter_map(|k| k.split_once(':').map(|(_, k)| k))
                .collect();
            for key in plain {
                *at_any_edge.entry(key.to_owned()).or_default() += 1;
            }
            for key in keys {
                *at_edge.entry(key).or_default() += 1;
            }
        }
        let edge = at_edge
            .into_iter()
            .filter(|(_, n)| *n >= needed)
            .map(|(k, _)| k)
            .collect();
        // A line at an edge of a few pages may float on the others: on how
        // many pages each of those is at all, and more than once. (Twice on
        // a page now and then is the text quoting it; on many pages, it is
        // the text's own line.)
        at_any_edge.retain(|_, n| *n >= MIN_PAGES);
        // Every line is looked at here: its key is hashed first, without
        // building it, and made only when the hash is one of theirs.
        let wanted: FxHashSet<u64> = at_any_edge.keys().map(|k| hash_of(k)).collect();
        // (Kept for dropping the lines, which looks at every line again.)
        let line_hashes: Vec<Vec<Option<u64>>> = pages
            .iter()
            .filter(|_| !at_any_edge.is_empty())
            .map(|page| page.split('\n').map(key_hash).collect())
            .collect();
        let mut on_page: HashMap<String, (usize, usize)> = HashMap::new();
        for (page, hashes) in pages.iter().zip(&line_hashes) {
            let mut here: HashMap<String, usize> = HashMap::new();
            let keys = page
                .split('\n')
                .zip(hashes)
                .filter(|(_, h)| h.is_some_and(|h| wanted.contains(&h)))
                .filter_map(|(line, _)| key(line));
            for key in keys.filter(|k| at_any_edge.contains_key(k)) {
                *here.entry(key).or_default() += 1;
            }
            for (key, n) in here {
                let seen = on_page.entry(key).or_default();
                seen.0 += 1;
                seen.1 += usize::from(n > 1);
            }
        }
        let anywhere = on_page
            .into_iter()
            .filter(|(k, (pages_on, twice))| {
                let edges = at_any_edge.get(k).copied().unwrap_or(0);
                *pages_on >= needed
                    && *twice <= pages.len() / 10
                    && pages_on.saturating_sub(edges) >= MIN_PAGES
            })
            .map(|(k, _)| k)
            .collect::<HashSet<String>>();
        let hashes = anywhere.iter().map(|k| hash_of(k)).collect();
        RunningLines {
            edge,
            anywhere,
            hashes,
            line_hashes,
        }
    }

    fn is_empty(&self) -> bool {
        self.edge.is_empty() && self.anywhere.is_empty()
    }
}

/// The first and last [`EDGE`] non-empty lines of a page, by line number,
/// with their keys (a header and a footer of the same words are two).
fn edge_lines(page: &str) -> impl Iterator<Item = (usize, String)> {
    let lines: Vec<(usize, &str)> = page
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .filter_map(move |(j, (i, line))| {
            let end = if j < EDGE {
                "top"
            } else if j + EDGE >= n {
                "bottom"
            } else {
                return None;
            };
            key(line).map(|k| (i, format!("{end}:{k}")))
        })
}

/// A line as compared across pages: lower-case, digits as `#`, spaces
/// folded. Only a line of two words or more and six letters or more can be
/// running: one word at the foot of many pages ("Carried.") is text, and a
/// bare page number is normalise's to drop.
fn key(line: &str) -> Option<String> {
    let mut key = String::with_capacity(line.len());
    key_chars(line, |c| key.push(c)).then_some(key)
}

/// The hash of [`key`]`(line)` without making it: equal to [`hash_of`]
/// that key.
fn key_hash(line: &str) -> Option<u64> {
    let mut hasher = FxHasher::default();
    key_chars(line, |c| hasher.write_u32(u32::from(c))).then(|| hasher.finish())
}

/// The hash of a key made by [`key`].
fn hash_of(key: &str) -> u64 {
    let mut hasher = FxHasher::default();
    key.chars().for_each(|c| hasher.write_u32(u32::from(c)));
    hasher.finish()
}

/// Give `push` the characters of `line`'s key in turn; whether the line can
/// be running at all (two words or more, six letters or more).
fn key_chars(line: &str, push: impl FnMut(char)) -> bool {
    if line.is_ascii() {
        ascii_key_chars(line.as_bytes(), push)
    } else {
        unicode_key_chars(line, push)
    }
}

/// [`key_chars`] of a line of ASCII, byte by byte: most lines of most
/// texts, every one of which is hashed.
fn ascii_key_chars(line: &[u8], mut push: impl FnMut(char)) -> bool {
    let (mut words, mut letters, mut in_word) = (0, 0, false);
    for &b in line {
        // The ASCII characters `char::is_whitespace` is true of.
        if matches!(b, b'\t'..=b'\r' | b' ') {
            in_word = false;
            continue;
        }
        if !in_word {
            if words > 0 {
                push(' ');
            }
            words += 1;
            in_word = true;
        }
        if b.is_ascii_digit() {
            push('#');
        } else {
            letters += usize::from(b.is_ascii_alphabetic());
            push(char::from(b.to_ascii_lowercase()));
        }
    }
    words >= 2 && letters >= 6
}

/// [`key_chars`] of any line.
fn unicode_key_chars(line: &str, mut push: impl FnMut(char)) -> bool {
    let (mut words, mut letters) = (0, 0);
    for word in line.split_whitespace() {
        if words > 0 {
            push(' ');
        }
        words += 1;
        for c in word.chars() {
            if c.is_ascii_digit() {
                push('#');
            } else {
                letters += usize::from(c.is_alphabetic());
                c.to_lowercase().for_each(&mut push);
            }
        }
    }
    words >= 2 && letters >= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_hashed_as_its_key_is_without_making_it() {
        let lines = [
            "Kent County Council - Cabinet - 30 January 2025",
            "  MINUTES   of the Meeting  ",
            "Page 12 of 40",
            "Carried.",
            "Ärztekammer ÉTUDE Straße İstanbul",
            "",
            "a b",
        ];
        for line in lines {
            assert_eq!(key_hash(line), key(line).map(|k| hash_of(&k)), "{line:?}");
        }
        assert_ne!(key_hash(lines[0]), key_hash(lines[1]));
        assert_eq!(
            key_hash("Page 3 of 9 printed"),
            key_hash("page 7  of 4 PRINTED")
        );
    }

    #[test]
    fn an_ascii_line_has_the_key_any_line_has() {
        let key_of = |line: &str, ascii: bool| {
            let mut key = String::new();
            let ok = if ascii {
                ascii_key_chars(line.as_bytes(), |c| key.push(c))
            } else {
                unicode_key_chars(line, |c| key.push(c))
            };
            (ok, key)
        };
        let lines = [
            "Kent County Council - Cabinet - 30 January 2025",
            "  THE CITY RECORD\t\t  July 5, 2018 \r",
            "Page 12 of 40",
            "a\x0bb\x0cc  Carried.",
            "",
            "   ",
            "Minutes\x1fof the meeting",
            "x y",
        ];
        for line in lines {
            assert_eq!(key_of(line, true), key_of(line, false), "{line:?}");
        }
        assert_eq!(
            key_of("  THE CITY RECORD\t\t  July 5, 2018 \r", true),
            (true, "the city record july #, ####".to_owned())
        );
    }

    #[test]
    fn a_header_on_every_page_is_kept_once() {
        let filler = "a line of the minutes\n".repeat(8);
        let page = |n: usize, body: &str| {
            format!(
                "Kent County Council - Cabinet - 30 January 2025\n{body}\n{filler}Page {n} of 3 - printed 31/01/2025\n"
            )
        };
        let text = [
            page(1, "MINUTES of a meeting"),
            page(2, "the report was\nnoted"),
            page(3, "RESOLVED that the plan be agreed"),
        ]
        .join("\x0c");
        let out = drop_running_lines(&text);
        assert_eq!(out.matches("Kent County Council - Cabinet").count(), 1);
        assert_eq!(out.matches("printed 31/01/2025").count(), 1);
        assert!(out.starts_with("Kent County Council - Cabinet"));
        for kept in [
            "MINUTES of a meeting",
            "the report was\nnoted",
            "RESOLVED that",
        ] {
            assert!(out.contains(kept), "{out}");
        }
        assert_eq!(out.matches('\x0c').count(), 2, "pages stay pages");
    }

    #[test]
    fn a_header_read_into_the_middle_of_a_page_is_dropped_there_too() {
        // Two-column pages: the header sits between a sentence's halves on
        // most pages, at the top of three.
        let page = |n: usize, top: bool| {
            let filler = format!("filler {n} line\nmore filler {n}\nand {n} more\n");
            let header = if top { "The City Record\n" } else { "" };
            let middle = if top { "" } else { "\nThe City Record\n" };
            format!(
                "{header}{filler}the ordinance No. {n} was\n{middle}passed on day {n}\n{filler}"
            )
        };
        let text = (1..=8)
            .map(|n| page(n, n <= 3))
            .collect::<Vec<_>>()
            .join("\x0c");
        let out = drop_running_lines(&text);
        assert_eq!(out.matches("The City Record").count(), 1, "{out}");
        assert!(out.contains("No. 8 was\n\npassed on day 8"), "{out}");
        // A line on most pages but never at an edge is the text's own.
        let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];
        let text = words
            .iter()
            .map(|w| format!("{w} opens\n{w} goes on\n{w} still\nand {w}\nMotion put to the vote\nthen {w}\n{w} again\n{w} ends"))
            .collect::<Vec<_>>()
            .join("\x0c");
        assert_eq!(drop_running_lines(&text), text);
    }

    #[test]
    fn lines_on_a_few_pages_only_stay() {
        // On two pages of five: not most pages.
        let text = "Planning Committee\nItem 1\x0cItem 2\x0cItem 3\x0cItem 4\x0cItem 5\nPlanning Committee";
        assert!(matches!(drop_running_lines(text), Cow::Borrowed(_)));
        // One word at the foot of every page is the text's own.
        let carried =
            "Smith moved it\nCarried.\x0cJones moved it\nCarried.\x0cBrown moved it\nCarried.";
        assert_eq!(drop_running_lines(carried), carried);
        // A header is not a footer.
        let body = "one\ntwo\nthree\nfour\nfive";
        let ends = format!(
            "Cabinet report\n{body}\x0c{body}\nCabinet report\x0cCabinet report\n{body}\x0c{body}\nCabinet report"
        );
        assert_eq!(drop_running_lines(&ends), ends);
        // Two pages are too few to tell a header from a coincidence.
        let two = "Cabinet report\nA\x0cCabinet report\nB";
        assert_eq!(drop_running_lines(two), two);
    }
}
