//! The types that flow between the stages: what a document says about itself
//! ([`Meta`]), where each value came from ([`Origin`]), and the searchable unit
//! every later stage works with ([`Record`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Metadata supplied by a sidecar (`NAME.meta.json`) or a folder default
/// (`_meta.json`). Every field is optional; unknown fields are rejected so a
/// typo in a sidecar is reported instead of silently ignored.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub council: Option<String>,
    pub committee: Option<String>,
    /// `YYYY-MM-DD` or `DD/MM/YYYY`.
    pub date: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    #[serde(default)]
    pub topic: Vec<String>,
    /// The publishing system a fetched document came from (`minutes fetch`
    /// writes it); kept for the reader, not indexed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The system's id of the document's meeting, as `fetch` wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<String>,
}

impl Meta {
    /// Fill every field that is empty in `self` from `other` (nearest wins).
    pub fn fill_from(&mut self, other: &Meta) {
        fn fill(slot: &mut Option<String>, from: &Option<String>) {
            if slot.is_none() {
                slot.clone_from(from);
            }
        }
        fill(&mut self.council, &other.council);
        fill(&mut self.committee, &other.committee);
        fill(&mut self.date, &other.date);
        fill(&mut self.title, &other.title);
        fill(&mut self.url, &other.url);
        if self.topic.is_empty() {
            self.topic.clone_from(&other.topic);
        }
    }
}

/// Where a metadata value came from, highest precedence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// `NAME.meta.json` beside the file.
    Sidecar,
    /// `_meta.json` in the file's folder or a parent.
    FolderMeta,
    /// The `<council>/<committee>/<date>/` layout of the path.
    Path,
    /// Labels and headings in the document's own text.
    Text,
    /// The other documents of its folder (reconciliation).
    Corpus,
    /// The user's config file (`minutes.toml`).
    Config,
    /// Not found: the value is empty.
    #[default]
    None,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Sidecar => "sidecar",
            Origin::FolderMeta => "folder-meta",
            Origin::Path => "path",
            Origin::Text => "text",
            Origin::Corpus => "corpus",
            Origin::Config => "config",
            Origin::None => "none",
        }
    }
}

/// What a record is: a whole document, one agenda item, or one resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Document,
    Item,
    Resolution,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Document, Kind::Item, Kind::Resolution];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Document => "document",
            Kind::Item => "item",
            Kind::Resolution => "resolution",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A value together with the place it came from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Sourced<T> {
    pub value: Option<T>,
    pub origin: Origin,
}

impl<T> Sourced<T> {
    pub fn new(value: T, origin: Origin) -> Self {
        Sourced {
            value: Some(value),
            origin,
        }
    }

    pub fn empty() -> Self {
        Sourced {
            value: None,
            origin: Origin::None,
        }
    }

    /// Keep `self` if it has a value, otherwise take `other`.
    pub fn or(self, other: Sourced<T>) -> Sourced<T> {
        if self.value.is_some() { self } else { other }
    }
}

/// The metadata of a record, each value with its origin.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Metadata {
    pub council: Sourced<String>,
    pub committee: Sourced<String>,
    pub date: Sourced<NaiveDate>,
    pub title: Sourced<String>,
    pub url: Sourced<String>,
    pub topic: Vec<String>,
}

/// Identity of a source file as the index remembers it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Fingerprint {
    /// Corpus-relative path with `/` separators.
    pub source: String,
    /// blake3 of the file's bytes and of the metadata files that apply to it.
    pub hash: String,
    /// Cheap pre-check: modification times and sizes of the same files.
    pub stamp: u64,
}

/// One searchable unit: a document, an agenda item or a resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// `source#n`: the source path and the record's number within it.
    pub id: String,
    pub kind: Kind,
    /// Other kinds this record also is: a ModernGov "Agenda item" page is
    /// both a document and an item, and is indexed once.
    pub also: Vec<Kind>,
    pub meta: Metadata,
    /// Normalised text: the whole document's, or the segment's.
    pub body: String,
    /// An item's number ("4", "2.1") or a resolution's ("R2018-077").
    pub number: Option<String>,
    /// A resolution's mover, seconder, outcome and vote.
    pub decision: Decision,
    /// The minutes its text refers to ("Further to minute 12/18": "12/18").
    pub refs: Vec<String>,
    /// Where a segment lies in its document's text (bytes); `None` for the
    /// document itself.
    pub span: Option<std::ops::Range<usize>>,
    /// The pages the record lies on, for documents with pages.
    pub pages: Option<Pages>,
    /// Where its pages begin in its text (bytes): a document's in the
    /// document's, a segment's in the segment's own.
    pub page_starts: PageStarts,
    /// How many of the document's pages have no text layer (on the
    /// document's record).
    pub blank_pages: u32,
    pub fingerprint: Fingerprint,
    /// When this content was first indexed, and by which run (set by the
    /// index stage; 0 before).
    pub indexed: Indexed,
    /// When the record itself first appeared, and the keys that follow it
    /// across renames and edits (set by the index stage).
    pub history: History,
    /// The council and committee as extraction found them, before
    /// reconciliation settled their names (kept in the index, so a later
    /// run can reconcile again without reading the file).
    pub extracted: Extracted,
}

/// The names extraction gave a record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extracted {
    pub council: Sourced<String>,
    pub committee: Sourced<String>,
    /// The council was only inferred (named often, a plain folder name),
    /// not stated by the document's heading or a folder named like one.
    pub council_weak: bool,
}

/// How a decision went, as the text states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Carried, passed, resolved, agreed.
    Carried,
    /// Lost, defeated, failed.
    Lost,
    Deferred,
    Referred,
    Withdrawn,
    Adopted,
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Outcome::Carried,
        Outcome::Lost,
        Outcome::Deferred,
        Outcome::Referred,
        Outcome::Withdrawn,
        Outcome::Adopted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Carried => "carried",
            Outcome::Lost => "lost",
            Outcome::Deferred => "deferred",
            Outcome::Referred => "referred",
            Outcome::Withdrawn => "withdrawn",
            Outcome::Adopted => "adopted",
        }
    }

    /// The outcome a word of the text (lower case) names.
    pub fn parse(word: &str) -> Option<Outcome> {
        match word {
            "carried" | "passed" => Some(Outcome::Carried),
            "lost" | "defeated" | "failed" => Some(Outcome::Lost),
            other => Outcome::ALL.into_iter().find(|o| o.as_str() == other),
        }
    }
}

/// The counts of a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Votes {
    pub for_: u32,
    pub against: u32,
    pub abstain: Option<u32>,
}

/// What a resolution's text says of the decision.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decision {
    pub mover: Option<String>,
    pub seconder: Option<String>,
    pub outcome: Option<Outcome>,
    pub votes: Option<Votes>,
}

/// The pages a passage lies on, counting from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pages {
    pub first: u32,
    pub last: u32,
}

impl Record {
    /// The page byte `offset` of the record's text is on, for a record
    /// with pages: a segment's pages are counted from its first.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        self.pages
            .map(|p| p.first.saturating_sub(1) + self.page_starts.page_of(offset))
    }
}

/// Whether a document's text has pages (a PDF's, or text with form
/// feeds), and where each page after the first begins in it (bytes).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PageStarts {
    pub paged: bool,
    pub starts: Vec<usize>,
}

impl PageStarts {
    /// Pages beginning at `starts`, after the first.
    pub fn new(starts: Vec<usize>) -> PageStarts {
        PageStarts {
            paged: true,
            starts,
        }
    }

    /// Whether the text has pages at all.
    pub fn is_paged(&self) -> bool {
        self.paged
    }

    /// How many pages the text has.
    pub fn count(&self) -> u32 {
        self.starts.len() as u32 + 1
    }

    /// The page byte `offset` of the text is on.
    pub fn page_of(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&start| start <= offset) as u32 + 1
    }

    /// The page starts of `span`'s text, as offsets into that text: a
    /// segment's own, stored with it so that a snippet's page needs no
    /// read of its document.
    pub fn within(&self, span: std::ops::Range<usize>) -> PageStarts {
        PageStarts {
            paged: self.paged,
            starts: self
                .starts
                .iter()
                .filter(|&&s| s > span.start && s < span.end)
                .map(|s| s - span.start)
                .collect(),
        }
    }

    /// The pages of `span`, or `None` for a text without pages.
    pub fn pages_of(&self, span: std::ops::Range<usize>) -> Option<Pages> {
        self.is_paged().then(|| Pages {
            first: self.page_of(span.start),
            last: self.page_of(span.end.saturating_sub(1).max(span.start)),
        })
    }
}

/// When a record's content first entered the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Indexed {
    /// Seconds since the Unix epoch.
    pub at: i64,
    /// The number of the index run, counting from 1.
    pub run: u64,
}

/// What the index remembers of a record across runs: the keys of its
/// content and of its place, the key that names it for good, and when it
/// first appeared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct History {
    /// Its own text (less the records inside it) and decisive metadata.
    pub content: u64,
    /// Its place: the source, its kind, its number or title, and which of
    /// the source's records of that label it is.
    pub identity: u64,
    /// The content key it had when it first appeared: the same across
    /// renames and edits (an Atom entry's id).
    pub key: u64,
    /// When it first appeared, in whatever words.
    pub first: Indexed,
}

/// How new a record is to someone who last looked after run `since`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Novelty {
    /// It was not there.
    New,
    /// It was, in other words.
    Changed,
    /// It is as it was.
    Seen,
}

impl Novelty {
    pub fn of(indexed: Indexed, first: Indexed, since: u64) -> Novelty {
        if first.run > since {
            Novelty::New
        } else if indexed.run > since {
            Novelty::Changed
        } else {
            Novelty::Seen
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Novelty::New => "new",
            Novelty::Changed => "changed",
            Novelty::Seen => "seen",
        }
    }
}

/// The id of record `n` of `source`.
pub fn record_id(source: &str, n: impl std::fmt::Display) -> String {
    format!("{source}#{n}")
}

/// The source of the record with id `id` (see [`record_id`]).
pub fn source_of_id(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(source, _)| source)
}

/// The number of the record with id `id` in its source (see
/// [`record_id`]), if the id has one.
pub fn part_of_id(id: &str) -> Option<u64> {
    id.rsplit_once('#').and_then(|(_, n)| n.parse().ok())
}

/// A file left out of the index, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    pub path: String,
    /// A short, stable word: `unreadable`, `too-large`, `undecodable`, ...
    pub reason: String,
    pub message: String,
}

impl BuildSummary {
    /// "9 no-text, 1 unsupported-type": the skipped files by reason.
    pub fn skipped_reasons(&self) -> String {
        self.skipped_by_reason
            .iter()
            .map(|(reason, n)| format!("{n} {reason}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What a build did: written by the pipeline, kept in the index's commit,
/// shown by `index --json` and `stats`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BuildSummary {
    pub full: bool,
    pub added: usize,
    pub updated: usize,
    pub deleted: usize,
    pub unchanged: usize,
    /// Unchanged files read again because their reconciled names changed.
    #[serde(default)]
    pub relabelled: usize,
    pub skipped: usize,
    pub skipped_files: Vec<Skipped>,
    /// How many files were skipped for each reason.
    #[serde(default)]
    pub skipped_by_reason: std::collections::BTreeMap<String, usize>,
    /// Metadata files (or one value of them) ignored; their documents were
    /// indexed without them.
    #[serde(default)]
    pub warnings: Vec<Skipped>,
    /// Records in the index after the run.
    pub records: u64,
    /// Records whose content and place the index had never held.
    #[serde(default)]
    pub records_new: u64,
    /// Records in a place the index held, with content it had not.
    #[serde(default)]
    pub records_changed: u64,
    /// Documents (sources) in the index after the run.
    pub documents: u64,
    pub seconds: f64,
    /// Bytes of the index on disk after the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_bytes: Option<u64>,
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
