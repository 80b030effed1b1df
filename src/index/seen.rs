//! The first-seen store: when each record's content, each record's place
//! and each file's bytes were first indexed, kept in `INDEX/seen.bin` so
//! that renames, `--full` and the full rebuild after an upgrade do not make
//! old records new. The index itself holds the same keys for the records
//! it has (fast fields), and every run merges them in before it starts, so
//! a crash between the commit and the store's save loses nothing.
//!
//! The file is replaced whole (written aside, synced, renamed) and ends in
//! a blake3 checksum of the rest, so a damaged store is noticed, reported
//! and rebuilt from the index, never half read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::files::{Durability, write_atomically};
use crate::model::{History, Indexed, Record};

/// The store's name in the index folder.
pub const SEEN_FILE: &str = "seen.bin";
const MAGIC: &[u8; 8] = b"MNSEEN01";
const ENTRY_BYTES: usize = 48;
const CHECKSUM_BYTES: usize = 32;

/// What the store remembers of one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Entry {
    /// When the content was first indexed (for a place: when its current
    /// content was).
    pub seen: Indexed,
    /// When the record first appeared.
    pub first: Indexed,
    /// Its lasting key.
    pub key: u64,
}

/// One record as the index or a run remembers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remembered {
    pub content: u64,
    pub identity: u64,
    /// [`file_key`] of the record's source.
    pub file: u64,
    pub entry: Entry,
}

impl Remembered {
    /// A stamped record of a source whose bytes have [`file_key`] `file`.
    pub fn of(record: &Record, file: u64) -> Remembered {
        Remembered {
            content: record.history.content,
            identity: record.history.identity,
            file,
            entry: Entry {
                seen: record.indexed,
                first: record.history.first,
                key: record.history.key,
            },
        }
    }
}

/// A store that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SeenError {
    #[error("cannot read the first-seen store {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "the first-seen store {} is damaged ({reason}); it is rebuilt from the index, and records the index no longer holds may be reported new once more",
        .path.display()
    )]
    Damaged { path: PathBuf, reason: &'static str },
}

/// Every key the index has seen, with when.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Seen {
    content: HashMap<u64, Entry>,
    identity: HashMap<u64, Entry>,
    files: HashMap<u64, Entry>,
    /// The last run that saved the store: run numbers go on from it even
    /// when the index itself was replaced.
    pub last_run: u64,
}

/// The key of a file's bytes from its fingerprint hash (hex).
pub fn file_key(hash: &str) -> u64 {
    hash.get(..16)
        .and_then(|h| u64::from_str_radix(h, 16).ok())
        .unwrap_or(0)
}

/// How many of a run's records are new, and how many changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Novel {
    pub new: u64,
    pub changed: u64,
}

impl Seen {
    /// The store in `dir`: empty when there is none.
    pub fn load(dir: &Path) -> Result<Seen, SeenError> {
        let path = dir.join(SEEN_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => Seen::decode(&bytes).map_err(|reason| SeenError::Damaged { path, reason }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Seen::default()),
            Err(source) => Err(SeenError::Read { path, source }),
        }
    }

    /// Replace the store in `dir` with this one, durably.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        write_atomically(&dir.join(SEEN_FILE), &self.encode(), Durability::Durable)
    }

    /// Take in one record's keys: content and files keep their earliest
    /// time, places their latest content.
    pub fn remember(&mut self, r: Remembered) {
        keep_earliest(&mut self.content, r.content, r.entry);
        self.identity
            .entry(r.identity)
            .and_modify(|old| {
                if r.entry.seen.run >= old.seen.run {
                    *old = r.entry;
                }
            })
            .or_insert(r.entry);
        keep_earliest(&mut self.files, r.file, Entry { key: 0, ..r.entry });
    }

    /// Take in that a file's bytes were first indexed at `indexed` (from an
    /// index of another version, which kept no record keys).
    pub fn remember_file(&mut self, file: u64, indexed: Indexed) {
        let entry = Entry {
            seen: indexed,
            first: indexed,
            key: 0,
        };
        keep_earliest(&mut self.files, file, entry);
    }

    /// Give each record of one source (whose bytes have [`file_key`]
    /// `file`) its history and the time its content was first indexed, as
    /// of run `now`: content seen before keeps its time wherever it was
    /// seen; an edited record keeps its first appearance and lasting key;
    /// records of bytes indexed before (names relabelled, or the extractor
    /// changed in an upgrade) are not new.
    pub fn stamp(&self, records: &mut [Record], file: u64, now: Indexed) -> Novel {
        let contents = super::keys::content_keys(records);
        let identities = super::keys::identity_keys(records);
        let known_file = self.files.get(&file);
        let mut novel = Novel::default();
        for ((record, content), identity) in records.iter_mut().zip(contents).zip(identities) {
            let (seen, first, key) =
                match (self.content.get(&content), self.identity.get(&identity)) {
                    (Some(c), Some(i)) => (c.seen, i.first, i.key),
                    (Some(c), None) => (c.seen, c.first, c.key),
                    (None, Some(i)) => match known_file {
                        Some(_) => (i.seen, i.first, i.key),
                        None => (now, i.first, i.key),
                    },
                    (None, None) => match known_file {
                        Some(f) => (f.seen, f.first, content),
                        None => (now, now, content),
                    },
                };
            if first.run == now.run {
                novel.new += 1;
            } else if seen.run == now.run {
                novel.changed += 1;
            }
            record.indexed = seen;
            record.history = History {
                content,
                identity,
                key,
                first,
            };
        }
        novel
    }

    fn encode(&self) -> Vec<u8> {
        let tables = [&self.content, &self.identity, &self.files];
        let entries: usize = tables.iter().map(|t| t.len()).sum();
        let mut out = Vec::with_capacity(16 + 24 + entries * ENTRY_BYTES + CHECKSUM_BYTES);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.last_run.to_le_bytes());
        for table in tables {
            out.extend_from_slice(&(table.len() as u64).to_le_bytes());
            // In key order, so the same store is the same bytes.
            let mut keys: Vec<&u64> = table.keys().collect();
            keys.sort_unstable();
            for key in keys {
                let e = &table[key];
                for n in [
                    *key,
                    e.seen.at as u64,
                    e.seen.run,
                    e.first.at as u64,
                    e.first.run,
                    e.key,
                ] {
                    out.extend_from_slice(&n.to_le_bytes());
                }
            }
        }
        let checksum = blake3::hash(&out);
        out.extend_from_slice(checksum.as_bytes());
        out
    }

    fn decode(bytes: &[u8]) -> Result<Seen, &'static str> {
        let Some(body_len) = bytes.len().checked_sub(CHECKSUM_BYTES) else {
            return Err("too short");
        };
        let (body, checksum) = bytes.split_at(body_len);
        if blake3::hash(body).as_bytes() != checksum {
            return Err("its checksum does not match");
        }
        let mut input = Input(body);
        if input.take(MAGIC.len()) != Some(MAGIC.as_slice()) {
            return Err("not a first-seen store of this version");
        }
        let mut seen = Seen {
            last_run: input.u64()?,
            ..Seen::default()
        };
        for table in [&mut seen.content, &mut seen.identity, &mut seen.files] {
            let count = input.u64()?;
            if count > (input.0.len() / ENTRY_BYTES) as u64 {
                return Err("a table is longer than the file");
            }
            table.reserve(count as usize);
            for _ in 0..count {
                let key = input.u64()?;
                let seen_at = input.u64()? as i64;
                let seen_run = input.u64()?;
                let first_at = input.u64()? as i64;
                let first_run = input.u64()?;
                let lasting = input.u64()?;
                table.insert(
                    key,
                    Entry {
                        seen: Indexed {
                            at: seen_at,
                            run: seen_run,
                        },
                        first: Indexed {
                            at: first_at,
                            run: first_run,
                        },
                        key: lasting,
                    },
                );
            }
        }
        if !input.0.is_empty() {
            return Err("it has bytes after its tables");
        }
        Ok(seen)
    }
}

/// Put `entry` under `key` unless the table has it from an earlier run.
fn keep_earliest(table: &mut HashMap<u64, Entry>, key: u64, entry: Entry) {
    table
        .entry(key)
        .and_modify(|old| {
            if entry.seen.run < old.seen.run {
                *old = entry;
            }
        })
        .or_insert(entry);
}

/// Bytes read from the front.
struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u64(&mut self) -> Result<u64, &'static str> {
        let bytes = self.take(8).ok_or("it ends inside a table")?;
        let mut word = [0u8; 8];
        word.copy_from_slice(bytes);
        Ok(u64::from_le_bytes(word))
    }
}

#[cfg(test)]
#[path = "seen_tests.rs"]
mod tests;
