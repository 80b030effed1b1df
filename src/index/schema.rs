//! The index schema: the only place field names are spelled out, and a
//! [`Record`] made into a tantivy document (and back: [`super::stored`]).

use chrono::NaiveDate;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption,
    STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{DateTime, IndexSettings, TantivyDocument};

use super::analysis::Terms;
pub use super::keys::text_hash;
use super::keys::{fold_key, origins_to_string};
use crate::model::{Origin, Record};
use crate::reconcile::{Strength, strength_code};

/// Bumped whenever the schema, the analyzers or the files' encoding change
/// (20: a record's number in its source is a fast field, the id is not;
/// 19: the body fields name analyzers of their own, as the writer gives
/// them their terms already analysed; 18: string columns' dictionaries are
/// no longer zstd-compressed, which this build cannot read); an index built
/// with another version is rebuilt in full.
pub const SCHEMA_VERSION: u32 = 20;

/// The stemmer crate and version the English analyzer uses, read from
/// Cargo.lock at build time (build.rs): an index analysed by another
/// stemmer holds other terms, and is rebuilt in full.
pub const ANALYZER_VERSION: &str = env!("MINUTES_STEMMER");

/// English words: lower-cased, accents folded, stemmed ("caseloads" →
/// "caseload").
pub const TEXT_ANALYZER: &str = "minutes_en";
/// Names of councils and committees: lower-cased and folded, not stemmed.
pub const NAME_ANALYZER: &str = "minutes_name";
/// Words as written, lower-cased and folded, not stemmed: what a quoted
/// word or phrase matches ("\"parking\"" is not "parks").
pub const EXACT_ANALYZER: &str = "minutes_exact";
/// [`TEXT_ANALYZER`]'s analysis for the body: the same for a search; a
/// writer is given the terms already analysed (see [`super::analysis`]).
pub const BODY_ANALYZER: &str = "minutes_en_body";
/// [`EXACT_ANALYZER`]'s analysis for the body, as [`BODY_ANALYZER`] is
/// [`TEXT_ANALYZER`]'s.
pub const BODY_EXACT_ANALYZER: &str = "minutes_exact_body";

/// Handles of every field, built once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub source: Field,
    /// The record's number in its source: the `n` of its id, `source#n`.
    pub part: Field,
    pub hash: Field,
    pub stamp: Field,
    pub kind: Field,
    pub council: Field,
    pub council_exact: Field,
    pub committee: Field,
    pub committee_exact: Field,
    pub date: Field,
    pub title: Field,
    pub topic: Field,
    /// The searchable words of every record (not stored).
    pub body: Field,
    /// The same words unstemmed, at the same positions, for quotes.
    pub body_exact: Field,
    pub title_exact: Field,
    /// The stored text, on document records only: segments point into it.
    pub text: Field,
    pub span_start: Field,
    pub span_end: Field,
    /// The first and last page of a record of a document with pages.
    pub page_first: Field,
    pub page_last: Field,
    /// Where each page after the first begins in the stored text (on
    /// document records).
    pub page_starts: Field,
    /// How many pages of a document have no text layer (fast, for stats).
    pub blank_pages: Field,
    pub number: Field,
    /// The minutes a record refers to.
    pub refs: Field,
    /// A resolution's mover and seconder, as the text names them.
    pub mover: Field,
    pub seconder: Field,
    /// How it went (`carried`, `lost`, ...): filterable.
    pub outcome: Field,
    /// The vote, where the text gives it.
    pub votes_for: Field,
    pub votes_against: Field,
    pub votes_abstain: Field,
    pub url: Field,
    pub origins: Field,
    /// When the record's content was first indexed, and by which run.
    pub indexed_at: Field,
    pub run: Field,
    /// The record's history ([`crate::model::History`]): its content and
    /// identity keys (fast, for the next build's first-seen store), its
    /// lasting key, and when it first appeared.
    pub content_key: Field,
    pub identity_key: Field,
    pub stable_key: Field,
    pub first_at: Field,
    pub first_run: Field,
    /// A hash of the record's text and meeting ([`fold_key`]): records with
    /// the same one are copies, and fold into one hit.
    pub text_hash: Field,
    /// The council and committee as extraction found them, and how
    /// strongly (read only by the next build, to reconcile again).
    pub council_extracted: Field,
    pub committee_extracted: Field,
    pub council_strength: Field,
    /// A title made from the file's name: stored, not searched.
    pub file_title: Field,
}

/// A text field analysed by `analyzer`, with positions for phrases and
/// snippets, not stored.
fn analyzed(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// Index settings: the stored text is compressed with zstd, which holds
/// council text in well under half the space lz4 needs, in 8 KiB blocks:
/// showing a hit decompresses its whole block. 64 KiB blocks made a search
/// do half as much work again for 2% less space than 16 KiB; 8 KiB took
/// 3–27% off a search's instructions for 2.3% more index (4 KiB: 3% less
/// again, for 2.8% more).
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(ZSTD_LEVEL),
        }),
        docstore_blocksize: DOCSTORE_BLOCK,
        ..IndexSettings::default()
    }
}

/// zstd level for the stored text. Level 1 writes with a quarter less of
/// the compressor's work than level 3 (each 8 KiB block starts a new
/// context, whose tables level 3 makes three times as large), for 4% more
/// stored text; reading is as fast.
const ZSTD_LEVEL: i32 = 1;
/// Bytes per compressed block of stored text.
const DOCSTORE_BLOCK: usize = 8 * 1024;

/// The schema of DESIGN.md.
pub fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("id", STRING | STORED);
    // A record's source is stored once, in its id ("source#n"). Its source
    // and n are fast, to name a hit's copies without reading them (the id's
    // dictionary, a term per record, took a longer walk to each).
    b.add_text_field("source", STRING | FAST);
    b.add_u64_field("part", FAST);
    // Read only by the next build, from the fast field.
    b.add_text_field("hash", FAST);
    b.add_u64_field("stamp", FAST);
    b.add_text_field("kind", STRING | STORED | FAST);
    b.add_text_field("council", analyzed(NAME_ANALYZER).set_stored());
    b.add_text_field("council_exact", STRING | FAST);
    b.add_text_field("committee", analyzed(NAME_ANALYZER).set_stored());
    b.add_text_field("committee_exact", STRING | FAST);
    b.add_date_field(
        "date",
        DateOptions::from(INDEXED)
            .set_stored()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_text_field("title", analyzed(TEXT_ANALYZER).set_stored());
    b.add_facet_field("topic", FacetOptions::default().set_stored());
    b.add_text_field("body", analyzed(BODY_ANALYZER));
    b.add_text_field("body_exact", analyzed(BODY_EXACT_ANALYZER));
    b.add_text_field("title_exact", analyzed(EXACT_ANALYZER));
    b.add_text_field("text", STORED);
    b.add_u64_field("span_start", STORED);
    b.add_u64_field("span_end", STORED);
    b.add_u64_field("page_first", STORED);
    b.add_u64_field("page_last", STORED | FAST);
    b.add_u64_field("blank_pages", FAST);
    b.add_u64_field("page_starts", STORED);
    b.add_text_field("number", STRING | STORED);
    b.add_text_field("refs", STRING | STORED);
    b.add_text_field("mover", STRING | STORED);
    b.add_text_field("seconder", STRING | STORED);
    b.add_text_field("outcome", STRING | STORED | FAST);
    b.add_u64_field("votes_for", STORED);
    b.add_u64_field("votes_against", STORED);
    b.add_u64_field("votes_abstain", STORED);
    b.add_text_field("url", STORED);
    b.add_text_field("origins", STORED);
    b.add_date_field(
        "indexed_at",
        DateOptions::from(INDEXED)
            .set_stored()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_u64_field("run", INDEXED | STORED | FAST);
    b.add_u64_field("content_key", FAST);
    b.add_u64_field("identity_key", FAST);
    b.add_u64_field("stable_key", STORED | FAST);
    b.add_date_field(
        "first_at",
        DateOptions::from(STORED)
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_u64_field("first_run", STORED | FAST);
    b.add_u64_field("text_hash", FAST);
    b.add_text_field("council_extracted", STRING | FAST);
    b.add_text_field("committee_extracted", STRING | FAST);
    b.add_u64_field("council_strength", FAST);
    b.add_text_field("file_title", STORED);
    b.build()
}

impl Fields {
    /// The handles of `schema`, or an error naming the first missing field.
    pub fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f("id")?,
            source: f("source")?,
            part: f("part")?,
            hash: f("hash")?,
            stamp: f("stamp")?,
            kind: f("kind")?,
            council: f("council")?,
            council_exact: f("council_exact")?,
            committee: f("committee")?,
            committee_exact: f("committee_exact")?,
            date: f("date")?,
            title: f("title")?,
            topic: f("topic")?,
            body: f("body")?,
            body_exact: f("body_exact")?,
            title_exact: f("title_exact")?,
            text: f("text")?,
            span_start: f("span_start")?,
            span_end: f("span_end")?,
            page_first: f("page_first")?,
            page_last: f("page_last")?,
            page_starts: f("page_starts")?,
            blank_pages: f("blank_pages")?,
            number: f("number")?,
            refs: f("refs")?,
            mover: f("mover")?,
            seconder: f("seconder")?,
            outcome: f("outcome")?,
            votes_for: f("votes_for")?,
            votes_against: f("votes_against")?,
            votes_abstain: f("votes_abstain")?,
            url: f("url")?,
            origins: f("origins")?,
            indexed_at: f("indexed_at")?,
            run: f("run")?,
            content_key: f("content_key")?,
            identity_key: f("identity_key")?,
            stable_key: f("stable_key")?,
            first_at: f("first_at")?,
            first_run: f("first_run")?,
            text_hash: f("text_hash")?,
            council_extracted: f("council_extracted")?,
            committee_extracted: f("committee_extracted")?,
            council_strength: f("council_strength")?,
            file_title: f("file_title")?,
        })
    }

    /// Turn a record into a document to index, with `terms`, its body's
    /// analysis (for a writer, which reads it back; see [`super::analysis`]).
    pub fn to_document(&self, record: &Record, terms: Terms) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        let m = &record.meta;
        doc.add_text(self.id, &record.id);
        doc.add_text(self.source, &record.fingerprint.source);
        if let Some(part) = crate::model::part_of_id(&record.id) {
            doc.add_u64(self.part, part);
        }
        doc.add_text(self.hash, &record.fingerprint.hash);
        doc.add_u64(self.stamp, record.fingerprint.stamp);
        doc.add_text(self.kind, record.kind.as_str());
        for kind in &record.also {
            doc.add_text(self.kind, kind.as_str());
        }
        if let Some(council) = &m.council.value {
            doc.add_text(self.council, council);
            doc.add_text(self.council_exact, council);
        }
        if let Some(committee) = &m.committee.value {
            doc.add_text(self.committee, committee);
            doc.add_text(self.committee_exact, committee);
        }
        if let Some(date) = m.date.value {
            doc.add_date(self.date, to_datetime(date));
        }
        if let Some(title) = &m.title.value {
            // A title made from the file's name is shown, not searched: it
            // repeats the committee and place of every file of a folder,
            // and boosting those words ranks a folder above the documents
            // about them.
            let field = if m.title.origin == Origin::Path {
                self.file_title
            } else {
                self.title
            };
            doc.add_text(field, title);
            if field == self.title {
                doc.add_text(self.title_exact, title);
            }
        }
        for topic in &m.topic {
            let path = if topic.starts_with('/') {
                topic.clone()
            } else {
                format!("/{topic}")
            };
            if let Ok(facet) = Facet::from_text(&path) {
                doc.add_facet(self.topic, facet);
            }
        }
        doc.add_text(self.body, terms.stems);
        doc.add_text(self.body_exact, terms.exact);
        // A segment's text is stored with it too (not only as a slice of its
        // document's): showing its snippet reads it alone, not the whole
        // document, which can be a megabyte of gazette.
        doc.add_text(self.text, &record.body);
        if let Some(span) = &record.span {
            doc.add_u64(self.span_start, span.start as u64);
            doc.add_u64(self.span_end, span.end as u64);
        }
        if let Some(pages) = record.pages {
            doc.add_u64(self.page_first, u64::from(pages.first));
            doc.add_u64(self.page_last, u64::from(pages.last));
        }
        if record.blank_pages > 0 {
            doc.add_u64(self.blank_pages, u64::from(record.blank_pages));
        }
        for &start in &record.page_starts.starts {
            doc.add_u64(self.page_starts, start as u64);
        }
        if let Some(number) = &record.number {
            doc.add_text(self.number, number);
        }
        self.add_decision(&mut doc, &record.decision);
        for r in &record.refs {
            doc.add_text(self.refs, r);
        }
        if let Some(url) = &m.url.value {
            doc.add_text(self.url, url);
        }
        doc.add_text(self.origins, origins_to_string(m));
        doc.add_date(
            self.indexed_at,
            DateTime::from_timestamp_secs(record.indexed.at.clamp(-SECS_RANGE, SECS_RANGE)),
        );
        doc.add_u64(self.run, record.indexed.run);
        self.add_history(&mut doc, &record.history);
        doc.add_u64(self.text_hash, fold_key(record));
        let e = &record.extracted;
        if let Some(council) = &e.council.value {
            doc.add_text(self.council_extracted, council);
        }
        if let Some(committee) = &e.committee.value {
            doc.add_text(self.committee_extracted, committee);
        }
        let strength = Strength::of(e.council.origin, e.council_weak);
        doc.add_u64(
            self.council_strength,
            strength_code(strength, e.committee.origin),
        );
        doc
    }
}

/// The widest range of seconds a tantivy date holds (nanoseconds in an i64,
/// about the years 1678 to 2261).
pub(super) const SECS_RANGE: i64 = i64::MAX / 1_000_000_000;

/// Midnight UTC of `date`, clamped to the range the index can hold.
pub fn to_datetime(date: NaiveDate) -> DateTime {
    let secs = date
        .and_hms_opt(0, 0, 0)
        .map_or(0, |dt| dt.and_utc().timestamp());
    DateTime::from_timestamp_secs(secs.clamp(-SECS_RANGE, SECS_RANGE))
}

pub fn from_datetime(dt: DateTime) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(dt.into_timestamp_secs(), 0).map(|d| d.date_naive())
}

pub use super::analyzers::{
    exact_analyzer, name_analyzer, register_tokenizers, register_writing_tokenizers, text_analyzer,
};

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
