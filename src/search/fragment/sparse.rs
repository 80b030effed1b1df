//! The best fragment found from the few words that may match, without
//! reading every word of the text.
//!
//! A word's term starts with the word's first byte, lower-cased, where that
//! byte is ASCII (folding changes only other characters, and stemming keeps
//! a word's first letter). So only the words that start with a byte some
//! term starts with, or with a character beyond ASCII, can match; those
//! are found with `memchr` (or one table lookup a byte), and each is
//! read as [`words`] reads it. Where fragments are cut depends on every
//! word, but only near each cut: the next fragment starts at the first word
//! after its first that ends more than `max_chars` past its start, found by
//! reading the words from the last separator before that point.

use std::ops::Range;

use crate::index::analyzers::LONGEST_WORD;
use crate::index::words::{word_text, words_from};

use super::Fragment;

/// How far back a word's start is looked for before the caller is told
/// to read every word instead (a text of dotted letters with no space).
const LOOK_BACK: usize = 256;

/// The bytes a matching word may start with: each term's first byte in
/// both cases.
pub(super) struct FirstBytes {
    bytes: Vec<u8>,
    table: [bool; 256],
}

impl FirstBytes {
    /// `None` when a term does not start with an ASCII byte: any word may
    /// give it.
    pub(super) fn of<'a>(terms: impl IntoIterator<Item = &'a str>) -> Option<FirstBytes> {
        let mut table = [false; 256];
        for term in terms {
            let b = *term.as_bytes().first()?;
            if !b.is_ascii() {
                return None;
            }
            for b in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
                if let Some(t) = table.get_mut(usize::from(b)) {
                    *t = true;
                }
            }
        }
        let bytes = (0..=255u8)
            .filter(|b| table.get(usize::from(*b)) == Some(&true))
            .collect();
        Some(FirstBytes { bytes, table })
    }

    /// Every place in `text` holding one of the bytes, in order.
    fn find(&self, text: &[u8], out: &mut Vec<usize>) {
        match self.bytes.as_slice() {
            [] => {}
            [a] => out.extend(memchr::memchr_iter(*a, text)),
            [a, b] => out.extend(memchr::memchr2_iter(*a, *b, text)),
            [a, b, c] => out.extend(memchr::memchr3_iter(*a, *b, *c, text)),
            _ => out.extend(
                text.iter()
                    .enumerate()
                    .filter(|(_, b)| self.table.get(usize::from(**b)) == Some(&true))
                    .map(|(i, _)| i),
            ),
        }
    }
}

/// What a word of the text is worth: `None` if it gives none of the terms.
pub(super) trait Weigh {
    fn weigh(&self, word: &str) -> Option<f32>;
}

/// The best fragment of `text`, as reading every word would find it, or
/// `None` where this way cannot tell cheaply (the caller reads every word).
pub(super) fn best(
    text: &str,
    first: &FirstBytes,
    weigh: &impl Weigh,
    max_chars: usize,
) -> Option<Fragment> {
    let matched = matches(text, first, weigh)?;
    if matched.is_empty() {
        return Some(Fragment::default());
    }
    // Fragment starts, up to the first after the last match (or the end).
    let last = matched.last().map_or(0, |m| m.0.start);
    let mut starts = vec![0];
    let mut start = 0;
    let mut bound = text.len();
    while let Some(next) = next_start(text, start, max_chars) {
        if next > last {
            bound = next;
            break;
        }
        starts.push(next);
        start = next;
    }
    // Each fragment's score, adding its matches in order as reading does.
    let mut scores = vec![0.0f32; starts.len()];
    let mut at = 0;
    for (span, weight) in &matched {
        while starts.get(at + 1).is_some_and(|&s| s <= span.start) {
            at += 1;
        }
        if let Some(score) = scores.get_mut(at) {
            *score += weight;
        }
    }
    // The first of the weightiest.
    let mut chosen: Option<usize> = None;
    for (i, score) in scores.iter().enumerate() {
        if *score > 0.0 && chosen.is_none_or(|c| scores.get(c).is_some_and(|b| score > b)) {
            chosen = Some(i);
        }
    }
    let chosen = chosen?;
    let from = *starts.get(chosen)?;
    let to = starts.get(chosen + 1).copied().unwrap_or(bound);
    let end = last_word_end(text, from, to)?;
    Some(Fragment {
        range: from..end,
        highlighted: matched
            .into_iter()
            .map(|(span, _)| span)
            .filter(|span| (from..to).contains(&span.start))
            .collect(),
    })
}

/// The words of `text` that give a term, in order, with their weights;
/// `None` where a word's start could not be told cheaply.
fn matches(text: &str, first: &FirstBytes, weigh: &impl Weigh) -> Option<Vec<(Range<usize>, f32)>> {
    let bytes = text.as_bytes();
    let mut places = Vec::with_capacity(bytes.len() / 32);
    first.find(bytes, &mut places);
    let ascii_places = places.len();
    beyond_ascii(text, &mut places);
    if places.len() > ascii_places {
        places.sort_unstable();
    }
    let mut out = Vec::new();
    for at in places {
        // Inside a word: the common case, told by the byte before.
        if at
            .checked_sub(1)
            .and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphanumeric)
        {
            continue;
        }
        if !starts_word(text, at)? {
            continue;
        }
        let Some((start, end, dotted)) = words_from(text, at).next_span() else {
            continue;
        };
        if start != at {
            continue;
        }
        let Some(slice) = text.get(start..end) else {
            continue;
        };
        let word = word_text(slice, dotted);
        if word.len() >= LONGEST_WORD {
            continue;
        }
        if let Some(weight) = weigh.weigh(&word) {
            out.push((start..end, weight));
        }
    }
    Some(out)
}

/// Where each letter or digit beyond ASCII starts.
fn beyond_ascii(text: &str, out: &mut Vec<usize>) {
    const CHUNK: usize = 64;
    for (n, chunk) in text.as_bytes().chunks(CHUNK).enumerate() {
        if chunk.is_ascii() {
            continue;
        }
        for (i, b) in chunk.iter().enumerate() {
            // A character's first byte beyond ASCII is 0b11xx_xxxx.
            if *b >= 0xC0 {
                let at = n * CHUNK + i;
                if text
                    .get(at..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(char::is_alphanumeric)
                {
                    out.push(at);
                }
            }
        }
    }
}

/// Whether a word of `text`, read from its start, starts at `at` (a letter
/// or digit); `None` if telling would mean reading far back.
fn starts_word(text: &str, at: usize) -> Option<bool> {
    match text.get(..at)?.chars().next_back() {
        None => Some(true),
        // A letter after a dot may be one of a dotted acronym's.
        Some('.') => {
            let from = resync(text, at, at.saturating_sub(LOOK_BACK))?;
            let mut words = words_from(text, from);
            while let Some((start, end, _)) = words.next_span() {
                if start >= at {
                    return Some(start == at);
                }
                if end > at {
                    return Some(false);
                }
            }
            Some(false)
        }
        Some(c) => Some(!c.is_alphanumeric()),
    }
}

/// The last place at or before `at`, and after `floor`, that words can be
/// read from as from the start: just after a separator no word holds (an
/// ASCII byte but a letter, digit or dot), or the start of the text;
/// `None` if there is none after `floor`.
fn resync(text: &str, at: usize, floor: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = at.min(bytes.len());
    while i > floor {
        let b = *bytes.get(i - 1)?;
        if b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'.' {
            return Some(i);
        }
        i -= 1;
    }
    (i == 0).then_some(0)
}

/// Where the fragment after the one starting at `start` starts: at the
/// first word after its first that ends more than `max_chars` past
/// `start`, skipping words too long to index.
fn next_start(text: &str, start: usize, max_chars: usize) -> Option<usize> {
    let past = start.checked_add(max_chars)?;
    if past >= text.len() {
        return None;
    }
    // `start` is a word's start (or the text's), so it is a place to read from.
    let from = resync(text, past, start).unwrap_or(start);
    let mut words = words_from(text, from);
    while let Some((s, e, dotted)) = words.next_span() {
        if s > start && e > past && !too_long(text, s..e, dotted) {
            return Some(s);
        }
    }
    None
}

/// The end of the last word of `from..to` that is not too long to index.
fn last_word_end(text: &str, from: usize, to: usize) -> Option<usize> {
    let mut words = words_from(text, from);
    let mut end = None;
    while let Some((s, e, dotted)) = words.next_span() {
        if s >= to {
            break;
        }
        if !too_long(text, s..e, dotted) {
            end = Some(e);
        }
    }
    end
}

fn too_long(text: &str, span: Range<usize>, dotted: bool) -> bool {
    text.get(span)
        .is_none_or(|slice| word_text(slice, dotted).len() >= LONGEST_WORD)
}
