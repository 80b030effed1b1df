//! Stage 3: clean text and metadata files to [`Record`]s.
//!
//! Each value is taken from the first of these that has it, and remembers
//! which one did ([`Origin`]):
//! 1. the document's sidecar `NAME.meta.json`;
//! 2. `_meta.json` in its folder or a parent;
//! 3. the path layout `<council>/<committee>/<YYYY-MM-DD|undated>/<name>`
//!    (see [`path`]);
//! 4. the text itself: ModernGov labels and headings (see [`text`]).
//!
//! A value none of them gives stays empty: it is never guessed.

pub(crate) mod anchored;
pub mod decision;
pub mod path;
pub mod segment;
pub mod text;
pub mod topics;

use std::ops::Range;

use chrono::NaiveDate;

use crate::crawl::Source;
use crate::date::{Order, parse_user_date};
use crate::model::{Extracted, Indexed, Kind, Metadata, Origin, Pages, Record, Sourced, record_id};
use crate::normalise::Normalised;

/// A rule's pattern, written in the source: compiled once, where it is
/// declared (a `LazyLock`), so a typo fails the first test that reads it.
pub(crate) fn re(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).expect("valid regex")
}

/// Extract the records of one document: the document itself, then its
/// meetings, items and resolutions in the order they appear.
pub fn extract(source: &Source, doc: &Normalised, taxonomy: &topics::Taxonomy) -> Vec<Record> {
    let order = crate::date::convention(&doc.text);
    let metadata = metadata_with_strength(source, doc, order);
    extract_with(source, doc, order, metadata, taxonomy)
}

/// [`extract`], given what it reads first: the document's date convention
/// and its [`metadata_with_strength`] (the build's first pass has them).
pub fn extract_with(
    source: &Source,
    doc: &Normalised,
    order: Order,
    (mut meta, council_weak): (Metadata, bool),
    taxonomy: &topics::Taxonomy,
) -> Vec<Record> {
    let title = meta.title.value.clone().unwrap_or_default();
    let text = doc.text.as_str();
    let mentions = taxonomy.mentions(text);
    meta.topic = with_topics(
        &meta.topic,
        taxonomy.tag_part(&title, text, &mentions, 0..text.len()),
    );
    let found = segment::segments(text, order, meta.title.value.as_deref());
    let mut parts: Vec<(Range<usize>, Kind, Option<String>, String)> = Vec::new();
    for m in &found.meetings {
        let line = text[m.span.clone()]
            .lines()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        parts.push((
            m.span.clone(),
            Kind::Item,
            None,
            text::truncate_title(&line),
        ));
    }
    // An item that is the whole text is the document itself.
    let whole_page_item = matches!(found.items.as_slice(), [only] if only.span == (0..text.len()));
    for item in found.items.iter().filter(|_| !whole_page_item) {
        let number = (!item.number.is_empty()).then(|| item.number.clone());
        parts.push((item.span.clone(), Kind::Item, number, item.title.clone()));
    }
    for r in &found.resolutions {
        // A resolution takes its own title, or the item's it belongs to.
        let title = r
            .title
            .clone()
            .or_else(|| {
                found
                    .items
                    .iter()
                    .rev()
                    .find(|i| i.span.contains(&r.span.start))
                    .map(|i| i.title.clone())
            })
            .or_else(|| meta.title.value.clone())
            .unwrap_or_default();
        parts.push((r.span.clone(), Kind::Resolution, r.number.clone(), title));
    }
    parts.sort_by_key(|(span, kind, _, _)| (span.start, *kind != Kind::Item));

    let mut records = Vec::with_capacity(parts.len() + 1);
    records.push(Record {
        id: record_id(&source.rel, 0),
        kind: Kind::Document,
        also: if whole_page_item {
            vec![Kind::Item]
        } else {
            Vec::new()
        },
        meta: meta.clone(),
        body: doc.text.clone(),
        number: None,
        decision: Default::default(),
        refs: decision::minute_refs(&doc.text),
        span: None,
        // Every page, the blank ones at either end too.
        pages: doc.page_starts.is_paged().then(|| Pages {
            first: 1,
            last: doc.page_starts.count(),
        }),
        page_starts: doc.page_starts.clone(),
        blank_pages: source.blank_pages.len() as u32,
        fingerprint: source.fingerprint.clone(),
        indexed: Indexed::default(),
        history: Default::default(),
        extracted: Extracted {
            council: meta.council.clone(),
            committee: meta.committee.clone(),
            council_weak,
        },
    });
    for (n, (span, kind, number, title)) in parts.into_iter().enumerate() {
        let mut seg_meta = meta.clone();
        seg_meta.topic = with_topics(
            &source.meta.topic,
            taxonomy.tag_part(&title, text, &mentions, span.clone()),
        );
        seg_meta.title = Sourced::new(title, Origin::Text);
        // Minutes of another meeting inside the document carry its date
        // and committee.
        if let Some(m) = found.meetings.iter().find(|m| m.span.contains(&span.start)) {
            if let Some(d) = m.date {
                seg_meta.date = Sourced::new(d, Origin::Text);
            }
            if let Some(c) = &m.committee {
                seg_meta.committee = Sourced::new(c.clone(), Origin::Text);
            }
        }
        records.push(Record {
            id: record_id(&source.rel, n + 1),
            kind,
            also: Vec::new(),
            body: text[span.clone()].to_owned(),
            refs: decision::minute_refs(&text[span.clone()]),
            decision: match kind {
                Kind::Resolution => decision::decision(&text[span.clone()]),
                _ => Default::default(),
            },
            number,
            pages: doc.page_starts.pages_of(span.clone()),
            page_starts: doc.page_starts.within(span.clone()),
            blank_pages: 0,
            span: Some(span),
            fingerprint: source.fingerprint.clone(),
            indexed: Indexed::default(),
            history: Default::default(),
            extracted: Extracted {
                council: seg_meta.council.clone(),
                committee: seg_meta.committee.clone(),
                council_weak,
            },
            meta: seg_meta,
        });
    }
    records
}

/// The document-level metadata of `source`, whose text writes dates in
/// `order` (see [`crate::date::convention`]).
pub fn metadata(source: &Source, doc: &Normalised, order: Order) -> Metadata {
    metadata_with_strength(source, doc, order).0
}

/// The metadata, and whether its council was only inferred (see
/// [`Extracted::council_weak`]).
pub fn metadata_with_strength(source: &Source, doc: &Normalised, order: Order) -> (Metadata, bool) {
    let origin_of = |in_sidecar: bool| {
        if in_sidecar {
            Origin::Sidecar
        } else {
            Origin::FolderMeta
        }
    };
    let from_meta = |value: &Option<String>, sidecar: &Option<String>| match value {
        Some(v) if !v.trim().is_empty() => {
            Sourced::new(v.trim().to_owned(), origin_of(sidecar.is_some()))
        }
        _ => Sourced::empty(),
    };
    let side = &source.sidecar_meta;
    let layout = path::layout(&source.rel);
    let file_date = path::file_name_date(&source.rel);
    let found = text::labels(doc, file_date, order);

    // A name the heading states beats the folder; a folder that reads like a
    // council's name beats one the text only points to; a plain folder name
    // comes last.
    let (named_folder, plain_folder) = match layout.council {
        Some(c) if path::reads_like_council(&c) => (Some(c), None),
        other => (None, other),
    };
    let strong = from_meta(&source.meta.council, &side.council)
        .or(sourced(found.council, Origin::Text))
        .or(sourced(named_folder, Origin::Path));
    let council_weak = strong.value.is_none();
    let council = strong
        .or(sourced(found.council_inferred, Origin::Text))
        .or(sourced(plain_folder, Origin::Path));
    let committee = from_meta(&source.meta.committee, &side.committee)
        .or(sourced(found.committee, Origin::Text))
        .or(sourced(layout.committee, Origin::Path));
    let meta_date: Option<NaiveDate> = source
        .meta
        .date
        .as_deref()
        .and_then(|d| parse_user_date(d).ok());
    // The text beats the path for dates: minutes are often filed in the
    // folder of the later meeting that adopted them, and file names lie.
    let date = sourced(meta_date, origin_of(side.date.is_some()))
        .or(sourced(found.date, Origin::Text))
        .or(sourced(file_date, Origin::Path))
        .or(sourced(found.heading_date, Origin::Text))
        .or(sourced(layout.date, Origin::Path));
    let html_title = doc.html_title.as_deref().map(text::clean_title);
    let title = from_meta(&source.meta.title, &side.title)
        .or(sourced(html_title.filter(|t| !t.is_empty()), Origin::Text))
        .or(sourced(found.title, Origin::Text))
        .or(sourced(path::file_title(&source.rel), Origin::Path));
    let url = from_meta(&source.meta.url, &side.url).or(sourced(found.url, Origin::Text));
    let meta = Metadata {
        council,
        committee,
        date,
        title,
        url,
        topic: source.meta.topic.clone(),
    };
    (meta, council_weak)
}

/// Topics given by metadata files, then those the taxonomy finds.
fn with_topics(given: &[String], found: Vec<String>) -> Vec<String> {
    let mut all: Vec<String> = given.to_vec();
    for t in found {
        if !all.contains(&t) {
            all.push(t);
        }
    }
    all
}

fn sourced<T>(value: Option<T>, origin: Origin) -> Sourced<T> {
    match value {
        Some(v) => Sourced::new(v, origin),
        None => Sourced::empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crawl::Format;
    use crate::model::{Fingerprint, Meta};

    fn source(rel: &str, meta: Meta, sidecar: Meta) -> Source {
        Source {
            rel: rel.into(),
            format: Format::Text,
            text: String::new(),
            meta,
            sidecar_meta: sidecar,
            warnings: Vec::new(),
            blank_pages: Vec::new(),
            fingerprint: Fingerprint::default(),
        }
    }

    fn doc(text: &str) -> Normalised {
        Normalised {
            text: text.into(),
            ..Normalised::default()
        }
    }

    const DECISION: &str = "Decision details\n\nImprovement Board Update\n\nDecision Maker: Children's Services Scrutiny Committee\n\nDate of decision: 18/01/2017\n\nDecided at meeting: 18/01/2017 - Children's Services Scrutiny Committee";

    #[test]
    fn sidecar_beats_folder_meta_beats_path_beats_text() {
        let folder = Meta {
            council: Some("Lancashire County Council".into()),
            committee: Some("Folder Committee".into()),
            ..Meta::default()
        };
        let sidecar = Meta {
            committee: Some("Sidecar Committee".into()),
            ..Meta::default()
        };
        let mut merged = sidecar.clone();
        merged.fill_from(&folder);
        let src = source("lancs/scrutiny/2017-01-19/a.txt", merged, sidecar);
        let meta = metadata(&src, &doc(DECISION), Order::DayFirst);
        assert_eq!(meta.committee.value.as_deref(), Some("Sidecar Committee"));
        assert_eq!(meta.committee.origin, Origin::Sidecar);
        assert_eq!(
            meta.council.value.as_deref(),
            Some("Lancashire County Council")
        );
        assert_eq!(meta.council.origin, Origin::FolderMeta);
        // The text's own date beats the folder's.
        assert_eq!(meta.date.value, NaiveDate::from_ymd_opt(2017, 1, 18));
        assert_eq!(meta.date.origin, Origin::Text);
        assert_eq!(
            meta.title.value.as_deref(),
            Some("Improvement Board Update")
        );
        assert_eq!(meta.title.origin, Origin::Text);
    }

    #[test]
    fn text_fills_what_nothing_else_gives_and_the_rest_stays_empty() {
        let src = source("loose/decision.txt", Meta::default(), Meta::default());
        let meta = metadata(&src, &doc(DECISION), Order::DayFirst);
        assert_eq!(
            meta.committee.value.as_deref(),
            Some("Children's Services Scrutiny Committee")
        );
        assert_eq!(meta.committee.origin, Origin::Text);
        assert_eq!(meta.date.value, NaiveDate::from_ymd_opt(2017, 1, 18));
        assert_eq!(meta.council.value, None);
        assert_eq!(meta.council.origin, Origin::None);
        assert_eq!(meta.url.value, None);
    }

    #[test]
    fn one_document_record_with_its_source() {
        let src = source("a/b.txt", Meta::default(), Meta::default());
        let records = extract(&src, &doc("Some text"), &topics::Taxonomy::default());
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].id, "a/b.txt#0");
        assert_eq!(records[0].kind, Kind::Document);
        assert_eq!(records[0].body, "Some text");
    }

    #[test]
    fn segments_are_records_with_their_meeting_and_place() {
        let text = "Scrutiny Board\n\nTime and Date\n10.00 am on Thursday, 13th July, 2017\n\nPlace\nRoom 3\n\n1. Apologies\n\n2. Minutes\n\n3. Young Carers\n\nNotes\n\nMinutes of the Meeting of Scrutiny Board (2)\nheld at 2.00 pm on Thursday, 29 June 2017\n\n90. Ofsted Report\n\nRESOLVED that the report be noted.\n\n(Meeting closed at 2.30 pm)";
        let folder = Meta {
            council: Some("Coventry City Council".into()),
            ..Meta::default()
        };
        let src = source("c/s/2017-07-13/pack.txt", folder, Meta::default());
        let records = extract(&src, &doc(text), &topics::Taxonomy::default());
        let doc_rec = &records[0];
        assert_eq!(
            doc_rec.meta.date.value,
            NaiveDate::from_ymd_opt(2017, 7, 13)
        );
        let resolution = records.iter().find(|r| r.kind == Kind::Resolution).unwrap();
        assert_eq!(resolution.body, "RESOLVED that the report be noted.");
        assert_eq!(
            resolution.meta.title.value.as_deref(),
            Some("Ofsted Report")
        );
        assert_eq!(
            resolution.meta.date.value,
            NaiveDate::from_ymd_opt(2017, 6, 29)
        );
        assert_eq!(
            resolution.meta.council.value.as_deref(),
            Some("Coventry City Council")
        );
        let span = resolution.span.clone().unwrap();
        assert_eq!(&text[span], resolution.body);
        let minutes = records
            .iter()
            .find(|r| r.kind == Kind::Item && r.number.is_none())
            .unwrap();
        assert_eq!(
            minutes.meta.date.value,
            NaiveDate::from_ymd_opt(2017, 6, 29)
        );
        assert_eq!(
            minutes.meta.committee.value.as_deref(),
            Some("Scrutiny Board (2)")
        );
        let young = records
            .iter()
            .find(|r| r.number.as_deref() == Some("3"))
            .unwrap();
        assert_eq!(young.meta.date.value, NaiveDate::from_ymd_opt(2017, 7, 13));
        // Ids number the records in order.
        assert!(
            records
                .iter()
                .enumerate()
                .all(|(n, r)| r.id == format!("c/s/2017-07-13/pack.txt#{n}"))
        );
    }
}
