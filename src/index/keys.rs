//! What identifies a record beyond its fields: the fold key that makes
//! copies one hit, the text hash it is built from, and the origins of its
//! metadata as one stored string.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{Metadata, Origin, Record};

pub fn origins_to_string(m: &Metadata) -> String {
    format!(
        "council={};committee={};date={};title={};url={}",
        m.council.origin.as_str(),
        m.committee.origin.as_str(),
        m.date.origin.as_str(),
        m.title.origin.as_str(),
        m.url.origin.as_str()
    )
}

pub fn origin_from_string(all: &str, name: &str) -> Origin {
    let value = all
        .split(';')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map_or("none", |(_, v)| v);
    match value {
        "sidecar" => Origin::Sidecar,
        "folder-meta" => Origin::FolderMeta,
        "path" => Origin::Path,
        "text" => Origin::Text,
        "corpus" => Origin::Corpus,
        "config" => Origin::Config,
        _ => Origin::None,
    }
}

/// What makes two records copies of each other, as a hash: the same text
/// (whitespace folded) of the same meeting: the same council, committee
/// and date, or, undated, the same file. The same minutes saved twice fold
/// into one hit; two meetings' resolutions that read alike ("That the
/// minutes be adopted") do not.
pub fn fold_key(record: &Record) -> u64 {
    let m = &record.meta;
    let meeting = match m.date.value {
        Some(date) => format!(
            "{}\u{0}{}\u{0}{date}",
            m.council.value.as_deref().unwrap_or(""),
            m.committee.value.as_deref().unwrap_or("")
        ),
        None => record.fingerprint.hash.clone(),
    };
    text_hash(&record.body) ^ text_hash(&meeting).rotate_left(29)
}

/// The first 8 bytes of the blake3 hash of a record's text, whitespace
/// folded, so the same minutes saved twice hash alike.
pub fn text_hash(text: &str) -> u64 {
    let mut words = Words::default();
    words.add(text);
    words.finish()
}

/// Each record's content key: its own text, less the text of the records
/// inside it (a document's items, an item's resolutions), with its council,
/// committee, date and kind. An edit inside one item changes that item's
/// key only; a copy of a record, wherever it is saved, has its key.
pub fn content_keys(records: &[Record]) -> Vec<u64> {
    let whole = records
        .iter()
        .find(|r| r.span.is_none())
        .map_or("", |r| r.body.as_str());
    records
        .iter()
        .map(|record| {
            let mut words = Words::default();
            match &record.span {
                Some(span) if whole.get(span.clone()).is_some() => {
                    for piece in own_text(records, span.clone()) {
                        words.add(&whole[piece]);
                    }
                }
                Some(_) => words.add(&record.body),
                None => {
                    for piece in own_text(records, 0..whole.len()) {
                        words.add(&whole[piece]);
                    }
                }
            }
            let m = &record.meta;
            let date = m.date.value.map(|d| d.to_string()).unwrap_or_default();
            words.add_exact(&[
                m.council.value.as_deref().unwrap_or(""),
                m.committee.value.as_deref().unwrap_or(""),
                &date,
                record.kind.as_str(),
            ]);
            words.finish()
        })
        .collect()
}

/// The parts of `outer` that no other record's span inside it covers.
fn own_text(records: &[Record], outer: Range<usize>) -> Vec<Range<usize>> {
    let mut inner: Vec<Range<usize>> = records
        .iter()
        .filter_map(|r| r.span.clone())
        .filter(|s| s.start >= outer.start && s.end <= outer.end && *s != outer)
        .collect();
    inner.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut own = Vec::new();
    let mut at = outer.start;
    for s in inner {
        if s.start > at {
            own.push(at..s.start);
        }
        at = at.max(s.end);
    }
    if at < outer.end {
        own.push(at..outer.end);
    }
    own
}

/// Each record's identity key: its source, kind, number or title, and
/// which of the source's records with that kind and label it is. It stays
/// while the record's text is edited, so an edited record is "changed",
/// not "new".
pub fn identity_keys(records: &[Record]) -> Vec<u64> {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    records
        .iter()
        .map(|record| {
            let label = match (&record.number, record.span.is_some()) {
                (_, false) => "",
                (Some(number), true) => number.as_str(),
                (None, true) => record.meta.title.value.as_deref().unwrap_or(""),
            };
            let n = seen.entry((record.kind.as_str(), label)).or_default();
            *n += 1;
            let mut words = Words::default();
            words.add_exact(&[
                &record.fingerprint.source,
                record.kind.as_str(),
                label,
                &n.to_string(),
            ]);
            words.finish()
        })
        .collect()
}

/// Text hashed word by word with single spaces between, in large pieces:
/// one hasher update per word would cost more than the hashing itself.
#[derive(Default)]
struct Words {
    hasher: blake3::Hasher,
    buf: Vec<u8>,
}

impl Words {
    /// The words of `text` as `split_whitespace` gives them, each followed
    /// by a space. Stretches already written that way (words with one
    /// space between) are copied whole; a stretch ends at any other
    /// whitespace, and only a byte outside ASCII is decoded, to ask whether
    /// it is a space.
    fn add(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut at = 0;
        let mut in_word = false;
        while let Some(&b) = bytes.get(at) {
            match CLASS.get(usize::from(b)).copied().unwrap_or(OTHER) {
                WORD => {
                    in_word = true;
                    at += 1;
                }
                // One space after a word stays in the stretch.
                SPACE if in_word => {
                    in_word = false;
                    at += 1;
                }
                NON_ASCII => match text.get(at..).and_then(|rest| rest.chars().next()) {
                    Some(c) if c.is_whitespace() => {
                        self.end_stretch(bytes.get(start..at).unwrap_or_default(), in_word);
                        in_word = false;
                        at += c.len_utf8();
                        start = at;
                    }
                    Some(c) => {
                        in_word = true;
                        at += c.len_utf8();
                    }
                    None => {
                        in_word = true;
                        at += 1;
                    }
                },
                // Other whitespace, or a space after a space or at the start.
                _ => {
                    self.end_stretch(bytes.get(start..at).unwrap_or_default(), in_word);
                    in_word = false;
                    at += 1;
                    start = at;
                }
            }
        }
        self.end_stretch(bytes.get(start..).unwrap_or_default(), in_word);
    }

    /// A stretch that ends at whitespace, and the space after its last
    /// word when it ends in one.
    fn end_stretch(&mut self, stretch: &[u8], in_word: bool) {
        self.copy(stretch);
        if in_word {
            self.buf.push(b' ');
        }
    }

    /// Text already folded, hashed in pieces of at least 60 KiB: one
    /// hasher update per word would cost more than the hashing itself.
    fn copy(&mut self, stretch: &[u8]) {
        if self.buf.len() + stretch.len() < 60 * 1024 {
            self.buf.extend_from_slice(stretch);
        } else {
            self.hasher.update(&self.buf);
            self.buf.clear();
            self.hasher.update(stretch);
        }
    }

    /// Values hashed as they are, each ended by a NUL.
    fn add_exact(&mut self, values: &[&str]) {
        for v in values {
            self.buf.push(0);
            self.buf.extend_from_slice(v.as_bytes());
        }
    }

    fn finish(mut self) -> u64 {
        self.hasher.update(&self.buf);
        let bytes = self.hasher.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&bytes.as_bytes()[..8]);
        u64::from_le_bytes(first)
    }
}

/// Byte classes for [`Words::add`]: a byte of a word (ASCII, not
/// whitespace), the space, the other ASCII whitespace `char::is_whitespace`
/// counts, and every byte outside ASCII. (Its own indexes run below 256.)
const WORD: u8 = 0;
const SPACE: u8 = 1;
const OTHER: u8 = 2;
const NON_ASCII: u8 = 3;
#[allow(clippy::indexing_slicing)]
static CLASS: [u8; 256] = {
    let mut table = [WORD; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if b >= 0x80 {
            NON_ASCII
        } else if b == b' ' as usize {
            SPACE
        } else if matches!(b as u8, b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            OTHER
        } else {
            WORD
        };
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    /// What `Words::add` writes, made the plain way.
    fn reference(text: &str) -> Vec<u8> {
        text.split_whitespace()
            .flat_map(|w| w.bytes().chain([b' ']))
            .collect()
    }

    #[test]
    fn words_are_split_as_split_whitespace_splits_them() {
        let spaces: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        let pieces: Vec<String> = [
            "a",
            "Caf\u{e9}",
            "\u{1F600}",
            "x\u{301}",
            "-",
            "\u{0}",
            "\u{7f}",
        ]
        .into_iter()
        .map(str::to_owned)
        .chain(spaces.iter().map(|c| c.to_string()))
        .collect();
        let mut random = crate::test_random::Lcg(7);
        for _ in 0..2000 {
            let mut text = String::new();
            // A new length each time (the seed moves on for an empty text too).
            for _ in 0..((random.next() >> 40) % 12) {
                text.push_str(&pieces[(random.next() >> 33) as usize % pieces.len()]);
            }
            let mut words = Words::default();
            words.add(&text);
            assert_eq!(words.buf, reference(&text), "{text:?}");
        }
    }

    #[test]
    fn long_texts_hash_as_their_words_joined() {
        let plain = "That the report be noted. ".repeat(4000);
        let spaced = "That  the\nreport\u{a0}be noted.\r\n".repeat(3000);
        let first_bytes = |bytes: &[u8]| {
            let mut first = [0u8; 8];
            first.copy_from_slice(&blake3::hash(bytes).as_bytes()[..8]);
            u64::from_le_bytes(first)
        };
        for text in [plain.as_str(), spaced.as_str()] {
            let mut pieces = Words::default();
            for line in text.split_inclusive('.') {
                pieces.add(line);
            }
            let mut whole = Words::default();
            whole.add(text);
            let expected = first_bytes(&reference(text));
            assert_eq!(whole.finish(), expected);
            assert_eq!(pieces.finish(), expected);
        }
    }
}
