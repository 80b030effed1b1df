//! Any document, in any format, through convert, normalise, metadata
//! extraction and segmentation.
#![no_main]
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use minutes::crawl::{Format, Source};
use minutes::extract::topics::Taxonomy;
use minutes::model::{Fingerprint, Meta};

/// The shipped taxonomy, built once: built per input, it took most of
/// the run.
static TAXONOMY: LazyLock<Taxonomy> = LazyLock::new(Taxonomy::default);

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let format = match first % 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        _ => Format::Html,
    };
    let source = Source {
        rel: "c/committee/2025-03-03/doc.txt".into(),
        format,
        text: String::from_utf8_lossy(rest).into_owned(),
        meta: Meta::default(),
        sidecar_meta: Meta::default(),
        warnings: Vec::new(),
        fingerprint: Fingerprint::default(),
        blank_pages: Vec::new(),
    };
    let records = minutes::pipeline::records(&source, &TAXONOMY);
    assert!(!records.is_empty());
});
