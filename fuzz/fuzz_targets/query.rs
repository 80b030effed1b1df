//! Any query text through the limits and tantivy's parser, on an empty
//! index of the real schema.
#![no_main]
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use minutes::query::{Filters, QueryOptions};

static INDEX: LazyLock<(tantivy::Index, minutes::index::Fields)> = LazyLock::new(|| {
    let index = tantivy::Index::create_in_ram(minutes::index::schema::schema());
    minutes::index::schema::register_tokenizers(&index);
    let fields = minutes::index::Fields::of(&index.schema()).expect("the schema's fields");
    (index, fields)
});

fuzz_target!(|text: &str| {
    let (index, fields) = &*INDEX;
    for fuzzy in [false, true] {
        let options = QueryOptions {
            fuzzy,
            ..QueryOptions::default()
        };
        let _ = minutes::query::build(index, fields, text, &Filters::default(), options);
    }
});
