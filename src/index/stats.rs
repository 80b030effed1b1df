//! What an index holds: counts per council, committee, year and kind, each
//! council's latest meeting and documents per year (so a council whose
//! minutes stopped arriving stands out), and the documents with no date or
//! no council. Read from fast fields only; no stored text is touched.

use std::collections::BTreeMap;

use super::fast::{self, Strings};
use super::schema::from_datetime;
use super::{BuildInfo, IndexError, OpenIndex, size_on_disk};
use chrono::Datelike;
use serde::Serialize;

/// One council's coverage.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CouncilStats {
    pub records: u64,
    pub documents: u64,
    /// Latest meeting date of its documents, `YYYY-MM-DD`.
    pub latest_meeting: Option<String>,
    /// Documents per year of meeting date; undated ones under "undated".
    pub documents_per_year: BTreeMap<String, u64>,
}

/// Everything `minutes stats` reports.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub records: u64,
    pub documents: u64,
    pub index_bytes: u64,
    /// The last committed run, if the index knows it.
    pub last_build: Option<BuildInfo>,
    pub records_per_kind: BTreeMap<String, u64>,
    pub records_per_council: BTreeMap<String, u64>,
    pub records_per_committee: BTreeMap<String, u64>,
    pub records_per_year: BTreeMap<String, u64>,
    pub councils: BTreeMap<String, CouncilStats>,
    /// Sources of documents with no meeting date.
    pub undated: Vec<String>,
    /// Sources of documents with no council.
    pub no_council: Vec<String>,
    /// Documents with pages that have no text layer (scans), whose words
    /// on those pages cannot be found.
    pub pages_without_text: Vec<PagesWithoutText>,
}

/// A document with pages that have no text layer.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct PagesWithoutText {
    pub source: String,
    /// Pages without text ...
    pub pages: u64,
    /// ... of this many.
    pub of: u64,
}

const UNKNOWN: &str = "(unknown)";
const UNDATED: &str = "undated";

/// Gather the statistics of `open`.
pub fn stats(open: &OpenIndex) -> Result<Stats, IndexError> {
    let err = || IndexError::tantivy(&open.path);
    let f = &open.fields;
    let searcher = open.reader.searcher();
    let mut s = Stats {
        index_bytes: size_on_disk(&open.path),
        // The payload has the counts; the lists are in a file beside it.
        last_build: open.info.clone().map(|i| i.with_lists(&open.path)),
        ..Stats::default()
    };
    for segment in searcher.segment_readers() {
        if segment.num_docs() == 0 {
            continue;
        }
        let kinds = Strings::required(segment, f.kind).map_err(err())?;
        let sources = Strings::required(segment, f.source).map_err(err())?;
        let councils = Strings::open(segment, f.council_exact).map_err(err())?;
        let committees = Strings::open(segment, f.committee_exact).map_err(err())?;
        let dates = fast::dates(segment, f.date).map_err(err())?;
        let blank = fast::u64s(segment, f.blank_pages).map_err(err())?;
        let last_page = fast::u64s(segment, f.page_last).map_err(err())?;
        for doc in segment.doc_ids_alive() {
            let kind = kinds.get(doc).unwrap_or_default().to_owned();
            let council = councils
                .as_ref()
                .and_then(|c| c.get(doc))
                .map(str::to_owned);
            let committee = committees
                .as_ref()
                .and_then(|c| c.get(doc))
                .map(str::to_owned);
            let date = dates.first(doc).and_then(from_datetime);
            let year = date.map_or_else(|| UNDATED.to_owned(), |d| d.year().to_string());
            s.records += 1;
            *s.records_per_kind.entry(kind.clone()).or_default() += 1;
            let council_key = council.clone().unwrap_or_else(|| UNKNOWN.to_owned());
            *s.records_per_council
                .entry(council_key.clone())
                .or_default() += 1;
            *s.records_per_committee
                .entry(committee.unwrap_or_else(|| UNKNOWN.to_owned()))
                .or_default() += 1;
            *s.records_per_year.entry(year.clone()).or_default() += 1;
            let c = s.councils.entry(council_key).or_default();
            c.records += 1;
            if kind != "document" {
                continue;
            }
            s.documents += 1;
            c.documents += 1;
            *c.documents_per_year.entry(year).or_default() += 1;
            if let Some(d) = date {
                let d = d.format("%Y-%m-%d").to_string();
                if c.latest_meeting.as_ref().is_none_or(|l| *l < d) {
                    c.latest_meeting = Some(d);
                }
            }
            let source = sources.get(doc).unwrap_or_default().to_owned();
            if let Some(pages) = blank.first(doc) {
                s.pages_without_text.push(PagesWithoutText {
                    source: source.clone(),
                    pages,
                    of: last_page.first(doc).unwrap_or(pages),
                });
            }
            if date.is_none() {
                s.undated.push(source.clone());
            }
            if council.is_none() {
                s.no_council.push(source);
            }
        }
    }
    s.undated.sort();
    s.no_council.sort();
    s.pages_without_text.sort();
    Ok(s)
}
