//! The schema's conversions, round trip.

use super::*;
use crate::index::analysis::Analysis;
use crate::index::stored::StoredDoc;
use crate::model::Indexed;
use crate::model::{Extracted, Fingerprint, Kind, Metadata, PageStarts, Pages, Sourced};

#[test]
fn record_round_trips_through_a_document() {
    let schema = schema();
    let fields = Fields::of(&schema).unwrap();
    let record = Record {
        id: "a/b.txt#0".into(),
        kind: Kind::Document,
        also: vec![Kind::Item],
        meta: Metadata {
            council: Sourced::new("Coventry City Council".into(), Origin::FolderMeta),
            committee: Sourced::new("Cabinet".into(), Origin::Text),
            date: Sourced::new(NaiveDate::from_ymd_opt(2017, 7, 13).unwrap(), Origin::Path),
            title: Sourced::empty(),
            url: Sourced::empty(),
            topic: vec!["/children/social-care".into()],
        },
        body: "text".into(),
        number: None,
        decision: Default::default(),
        refs: Vec::new(),
        span: None,
        pages: Some(Pages { first: 1, last: 3 }),
        page_starts: PageStarts::new(vec![2, 3]),
        blank_pages: 1,
        fingerprint: Fingerprint {
            source: "a/b.txt".into(),
            hash: "abc".into(),
            stamp: 7,
        },
        indexed: Indexed {
            at: 1_700_000_000,
            run: 3,
        },
        history: crate::model::History {
            content: 1,
            identity: 2,
            key: 42,
            first: Indexed {
                at: 1_600_000_000,
                run: 2,
            },
        },
        extracted: Extracted::default(),
    };
    let analysis = Analysis::of(&record.body);
    let doc = fields.to_document(&record, analysis.all());
    let back = fields.to_record(StoredDoc::from(&doc));
    assert_eq!(back.meta, record.meta);
    assert_eq!(back.id, record.id);
    assert_eq!(back.also, vec![Kind::Item]);
    assert_eq!(back.indexed, record.indexed);
    // The lasting key and first appearance are stored; the content and
    // identity keys are fast fields only.
    assert_eq!(back.history.key, 42);
    assert_eq!(back.history.first, record.history.first);
    assert_eq!(back.body, "text");
    assert_eq!(back.fingerprint.source, "a/b.txt");
    assert_eq!(back.pages, record.pages);
    assert_eq!(back.page_starts, PageStarts::new(vec![2, 3]));
    let segment = Record {
        id: "a/b.txt#1".into(),
        kind: Kind::Resolution,
        also: vec![],
        number: Some("R2018-077".into()),
        span: Some(3..9),
        ..record
    };
    let back = fields.to_record(StoredDoc::from(
        &fields.to_document(&segment, analysis.all()),
    ));
    assert_eq!(back.span, Some(3..9));
    assert_eq!(back.number.as_deref(), Some("R2018-077"));
    assert_eq!(back.kind, Kind::Resolution);
    // A segment's own text and page starts come back with it: its snippet
    // and page need no read of its document.
    assert_eq!(back.body, "text", "a segment's text is stored with it");
    assert_eq!(back.page_starts, PageStarts::new(vec![2, 3]));
}

#[test]
fn analyzer_stems_and_folds() {
    let mut analyzer = text_analyzer();
    let mut stream = analyzer.token_stream("Caseloads CAFÉ D.f.E.");
    let mut tokens = Vec::new();
    while let Some(t) = stream.next() {
        tokens.push(t.text.clone());
    }
    assert_eq!(tokens, vec!["caseload", "cafe", "dfe"]);
}

#[test]
fn far_dates_are_clamped_not_overflowed() {
    let far = NaiveDate::from_ymd_opt(2999, 1, 1).unwrap();
    let near = NaiveDate::from_ymd_opt(2200, 1, 1).unwrap();
    assert!(to_datetime(far) > to_datetime(near));
    let old = NaiveDate::from_ymd_opt(1000, 1, 1).unwrap();
    assert!(to_datetime(old) < to_datetime(near));
}
