//! Pages counted in a segment's own text.

use super::*;

impl Record {
    /// A document record of `body` and nothing else, for tests.
    pub fn of_text(body: &str) -> Record {
        Record {
            id: "a.txt#0".into(),
            kind: Kind::Document,
            also: Vec::new(),
            meta: Metadata::default(),
            body: body.into(),
            number: None,
            decision: Decision::default(),
            refs: Vec::new(),
            span: None,
            pages: None,
            page_starts: PageStarts::default(),
            blank_pages: 0,
            fingerprint: Fingerprint::default(),
            indexed: Indexed::default(),
            history: History::default(),
            extracted: Extracted::default(),
        }
    }
}

fn record(pages: Option<Pages>, page_starts: PageStarts) -> Record {
    Record {
        id: "a.pdf#0".into(),
        pages,
        page_starts,
        ..Record::of_text("")
    }
}

#[test]
fn a_segment_counts_its_pages_in_its_own_text_from_its_first() {
    // A document of three pages: the second starts at byte 100, the
    // third at 200. A segment over bytes 150..260 is on pages 2-3.
    let doc = PageStarts::new(vec![100, 200]);
    let span = 150..260;
    let own = doc.within(span.clone());
    assert_eq!(
        own.starts,
        [50],
        "the third page's start, in the segment's text"
    );
    let segment = record(doc.pages_of(span), own);
    assert_eq!(segment.page_at(0), Some(2));
    assert_eq!(segment.page_at(49), Some(2));
    assert_eq!(segment.page_at(50), Some(3));
    let whole = record(Some(Pages { first: 1, last: 3 }), doc);
    assert_eq!(whole.page_at(150), Some(2));
    assert_eq!(whole.page_at(200), Some(3));
    let unpaged = record(None, PageStarts::default());
    assert_eq!(unpaged.page_at(10), None, "no pages, no page");
}
