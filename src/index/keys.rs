//! What identifies a record beyond its fields: the fold key that makes
//! copies one hit, the text hash it is built from, and the origins of its
//! metadata as one stored string.

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
    let mut hasher = blake3::Hasher::new();
    // Words joined by single spaces, hashed in large pieces: one update per
    // word would cost more than the hashing itself.
    let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024);
    for word in text.split_whitespace() {
        buf.extend_from_slice(word.as_bytes());
        buf.push(b' ');
        if buf.len() >= 60 * 1024 {
            hasher.update(&buf);
            buf.clear();
        }
    }
    hasher.update(&buf);
    let bytes = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&bytes.as_bytes()[..8]);
    u64::from_le_bytes(first)
}
