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
    fn add(&mut self, text: &str) {
        for word in text.split_whitespace() {
            self.buf.extend_from_slice(word.as_bytes());
            self.buf.push(b' ');
            if self.buf.len() >= 60 * 1024 {
                self.hasher.update(&self.buf);
                self.buf.clear();
            }
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
