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

pub mod path;
pub mod text;

use chrono::NaiveDate;

use crate::crawl::Source;
use crate::date::parse_user_date;
use crate::model::{Kind, Metadata, Origin, Record, Sourced, record_id};
use crate::normalise::Normalised;

/// Extract the records of one document.
pub fn extract(source: &Source, doc: &Normalised) -> Vec<Record> {
    let meta = metadata(source, doc);
    vec![Record {
        id: record_id(&source.rel, 0),
        kind: Kind::Document,
        meta,
        body: doc.text.clone(),
        fingerprint: source.fingerprint.clone(),
    }]
}

/// The document-level metadata of `source`.
pub fn metadata(source: &Source, doc: &Normalised) -> Metadata {
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
    let found = text::labels(doc, file_date);

    let council = from_meta(&source.meta.council, &side.council)
        .or(sourced(layout.council, Origin::Path))
        .or(sourced(found.council, Origin::Text));
    let committee = from_meta(&source.meta.committee, &side.committee)
        .or(sourced(layout.committee, Origin::Path))
        .or(sourced(found.committee, Origin::Text));
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
        .or(sourced(found.title, Origin::Text));
    let url = from_meta(&source.meta.url, &side.url);
    Metadata {
        council,
        committee,
        date,
        title,
        url,
        topic: source.meta.topic.clone(),
    }
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
        let meta = metadata(&src, &doc(DECISION));
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
        let meta = metadata(&src, &doc(DECISION));
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
        let records = extract(&src, &doc("Some text"));
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].id, "a/b.txt#0");
        assert_eq!(records[0].kind, Kind::Document);
        assert_eq!(records[0].body, "Some text");
    }
}
