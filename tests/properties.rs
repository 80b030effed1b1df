//! Properties that hold for any input: the stages a folder or a user feeds
//! never panic, and normalising is idempotent. Inputs mix arbitrary text
//! with the pieces meeting records are made of, so the cases reach the
//! rules, not only the first check.

use minutes::convert::convert;
use minutes::crawl::{Format, Source};
use minutes::date::{find_dates, parse_user_date};
use minutes::extract::topics::Taxonomy;
use minutes::model::{Fingerprint, Meta};
use minutes::normalise::normalise;
use proptest::prelude::*;

/// Pieces of meeting records, markup and OCR damage.
const PIECES: &[&str] = &[
    "Minutes of the meeting of the ",
    "Planning Committee",
    " held on ",
    "Monday 3rd March 2025",
    "21*t May, 2018",
    "31/02/2021",
    "12/18",
    "RESOLVED that ",
    "(a) ",
    "3.1 ",
    "1. ",
    "Agenda item",
    "Decision details",
    "Proposed by Cllr X, seconded by Cllr Y",
    "Limerick City and County Council",
    "TOWNSHIP OF NIPISSING",
    "City of\n",
    "**",
    "__",
    "<td>",
    "<li>",
    "</table>",
    "<title>x</title>",
    "---\ntitle: t\n---\n",
    "[Original file](http://x)",
    "\r",
    "\n",
    "\n\n",
    "\x0c",
    "\u{feff}",
    "\u{200b}",
    "’",
    "é",
    "Page 3 of 12",
    "(",
    ")",
    "\"",
];

/// Text made of record pieces and arbitrary characters.
fn record_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(PIECES).prop_map(str::to_owned),
            1 => any::<String>(),
            1 => "[A-Za-z0-9 .,:;()\\-]{0,40}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn format() -> impl Strategy<Value = Format> {
    prop::sample::select(vec![Format::Text, Format::Markdown, Format::Html])
}

fn source(text: String, format: Format) -> Source {
    Source {
        rel: "c/committee/2025-03-03/doc.txt".into(),
        format,
        text,
        meta: Meta::default(),
        sidecar_meta: Meta::default(),
        warnings: Vec::new(),
        blank_pages: Vec::new(),
        fingerprint: Fingerprint::default(),
    }
}

/// 300 cases a property in the test suite; `PROPTEST_CASES=N` for a longer
/// run.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    ProptestConfig::with_cases(cases)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn dates_are_read_from_anything_without_a_panic(text in record_text()) {
        let _ = find_dates(&text);
        let _ = parse_user_date(&text);
    }

    #[test]
    fn normalising_twice_is_normalising_once(
        text in record_text(),
        format in prop::sample::select(vec![Format::Text, Format::Markdown]),
    ) {
        // (HTML's text may hold a literal "**" that text files use as bold.)
        let once = normalise(&convert(&text, format)).text;
        let twice = normalise(&convert(&once, Format::Text)).text;
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn every_stage_takes_any_document_without_a_panic(text in record_text(), format in format()) {
        let records = minutes::pipeline::records(&source(text, format), &Taxonomy::default());
        // A document always gives at least its own record.
        prop_assert!(!records.is_empty());
        for r in &records {
            prop_assert!(r.id.starts_with("c/committee/2025-03-03/doc.txt#"));
        }
    }

    #[test]
    fn any_query_is_checked_without_a_panic(text in record_text()) {
        let _ = minutes::query::check(&text);
    }
}
