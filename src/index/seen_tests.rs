//! The first-seen store: its file, and what it makes of renames, edits and
//! rebuilds.

use super::*;
use crate::model::{Fingerprint, Kind, Metadata, Origin, Sourced};

const TEXT: &str = "Minutes of the Planning Committee\n\n1. Apologies\n\nNone.\n\n2. Parking on Mill Lane\n\nA 20 mph zone was agreed.";

/// A document of `text` at `source` with one item per numbered heading.
fn records(source: &str, text: &str) -> Vec<Record> {
    let base = Record {
        id: format!("{source}#0"),
        kind: Kind::Document,
        also: Vec::new(),
        meta: Metadata {
            council: Sourced::new("Barrow City Council".into(), Origin::Text),
            committee: Sourced::new("Planning Committee".into(), Origin::Text),
            ..Metadata::default()
        },
        body: text.to_owned(),
        number: None,
        decision: Default::default(),
        refs: Vec::new(),
        span: None,
        pages: None,
        page_starts: Default::default(),
        blank_pages: 0,
        fingerprint: Fingerprint {
            source: source.to_owned(),
            ..Fingerprint::default()
        },
        indexed: Indexed::default(),
        history: History::default(),
        extracted: Default::default(),
    };
    let mut out = vec![base.clone()];
    let starts: Vec<usize> = ["1. ", "2. "].iter().filter_map(|h| text.find(h)).collect();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(text.len());
        out.push(Record {
            id: format!("{source}#{}", n + 1),
            kind: Kind::Item,
            number: Some((n + 1).to_string()),
            body: text[start..end].to_owned(),
            span: Some(start..end),
            ..base.clone()
        });
    }
    out
}

fn run(n: u64) -> Indexed {
    Indexed {
        at: 1_700_000_000 + n as i64 * 86_400,
        run: n,
    }
}

/// Stamp `records` as run `n` of files with bytes `file`, and remember them.
fn index(seen: &mut Seen, records: &mut [Record], file: u64, n: u64) -> Novel {
    let novel = seen.stamp(records, file, run(n));
    for r in records.iter() {
        seen.remember(Remembered::of(r, file));
    }
    novel
}

#[test]
fn a_renamed_file_brings_nothing_new() {
    let mut seen = Seen::default();
    let mut first = records("a/minutes.txt", TEXT);
    assert_eq!(
        index(&mut seen, &mut first, 1, 1),
        Novel { new: 3, changed: 0 }
    );
    let mut moved = records("b/renamed.txt", TEXT);
    assert_eq!(index(&mut seen, &mut moved, 1, 2), Novel::default());
    for (before, after) in first.iter().zip(&moved) {
        assert_eq!(after.indexed, before.indexed);
        assert_eq!(after.history.key, before.history.key);
    }
}

#[test]
fn an_edited_item_is_changed_and_nothing_else_is() {
    let mut seen = Seen::default();
    let mut first = records("a/minutes.txt", TEXT);
    index(&mut seen, &mut first, 1, 1);
    let edited = TEXT.replace("20 mph", "30 mph");
    let mut second = records("a/minutes.txt", &edited);
    assert_eq!(
        index(&mut seen, &mut second, 2, 2),
        Novel { new: 0, changed: 1 }
    );
    let item = &second[2];
    assert_eq!(item.indexed.run, 2);
    assert_eq!(item.history.first.run, 1);
    assert_eq!(item.history.key, first[2].history.key, "its lasting key");
    assert_eq!(
        second[0].indexed.run, 1,
        "the document's own text is as it was"
    );
    assert_eq!(second[1].indexed.run, 1);
}

#[test]
fn a_new_item_is_new() {
    let mut seen = Seen::default();
    let mut first = records("a/minutes.txt", TEXT);
    index(&mut seen, &mut first, 1, 1);
    let longer = format!("{TEXT}\n\n3. Any other business\n\nNone.");
    let mut second = records("a/minutes.txt", &longer);
    second.push(Record {
        id: "a/minutes.txt#3".into(),
        number: Some("3".into()),
        span: Some(TEXT.len() + 2..longer.len()),
        body: longer[TEXT.len() + 2..].to_owned(),
        ..second[1].clone()
    });
    // The second item now ends where the third begins.
    if let Some(span) = &mut second[2].span {
        span.end = TEXT.len();
    }
    assert_eq!(
        index(&mut seen, &mut second, 2, 2),
        Novel { new: 1, changed: 0 }
    );
}

#[test]
fn the_same_bytes_read_another_way_are_not_new() {
    let mut seen = Seen::default();
    let mut first = records("a/minutes.txt", TEXT);
    index(&mut seen, &mut first, 7, 1);
    // An upgrade reads the same file into other records (or names it
    // otherwise): its bytes were indexed, so nothing in it is new.
    let mut other = records("a/minutes.txt", TEXT);
    for r in &mut other {
        r.meta.committee = Sourced::new("Planning and Highways".into(), Origin::Corpus);
    }
    other[2].number = Some("2a".into());
    assert_eq!(index(&mut seen, &mut other, 7, 2), Novel::default());
    assert!(
        other
            .iter()
            .all(|r| r.indexed.run == 1 && r.history.first.run == 1)
    );
}

#[test]
fn the_store_round_trips_and_a_damaged_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Seen::default();
    index(&mut seen, &mut records("a/minutes.txt", TEXT), 1, 1);
    seen.last_run = 1;
    seen.save(dir.path()).unwrap();
    let back = Seen::load(dir.path()).unwrap();
    assert_eq!(back, seen);
    let file = dir.path().join(SEEN_FILE);
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[20] ^= 1;
    std::fs::write(&file, &bytes).unwrap();
    assert!(matches!(
        Seen::load(dir.path()),
        Err(SeenError::Damaged { .. })
    ));
    std::fs::write(&file, &bytes[..10]).unwrap();
    assert!(matches!(
        Seen::load(dir.path()),
        Err(SeenError::Damaged { .. })
    ));
    std::fs::remove_file(&file).unwrap();
    assert_eq!(Seen::load(dir.path()).unwrap(), Seen::default());
}
