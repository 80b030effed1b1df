//! Micro-benchmarks of the hot stages: converting and normalising HTML and text, extracting
//! metadata and segments, and one query against a small prepared index.
//!
//! Run: `cargo bench --bench micro`. Uses the shipped sample corpus only.

use std::path::Path;

use minutes::crawl::{self, Format, Source};
use minutes::extract::{self, topics::Taxonomy};
use minutes::index;
use minutes::pipeline::{self, BuildOptions, Silent};
use minutes::search::{self, SearchRequest};

fn main() {
    divan::main();
}

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn source(format: Format) -> Source {
    let walk = crawl::walk(&corpus());
    let candidate = walk
        .candidates
        .iter()
        .filter(|c| c.format == format)
        .max_by_key(|c| c.size)
        .expect("a document of that format");
    crawl::read(candidate, &crawl::Reader::default()).expect("read")
}

#[divan::bench]
fn normalise_html(bencher: divan::Bencher) {
    let s = source(Format::Html);
    bencher.bench(|| pipeline::document(divan::black_box(&s)));
}

#[divan::bench]
fn normalise_text(bencher: divan::Bencher) {
    let s = source(Format::Text);
    bencher.bench(|| pipeline::document(divan::black_box(&s)));
}

#[divan::bench]
fn extract_agenda_pack(bencher: divan::Bencher) {
    let s = source(Format::Text);
    let doc = pipeline::document(&s);
    let taxonomy = Taxonomy::default();
    bencher.bench(|| extract::extract(divan::black_box(&s), &doc, &taxonomy));
}

#[divan::bench]
fn search_with_snippets(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut options = BuildOptions::new(corpus(), dir.path().join("index"));
    options.full = true;
    options.threads = 1;
    pipeline::build(&options, &Silent).expect("build");
    let open = index::open(&options.index).expect("open");
    let request = SearchRequest {
        query: "improvement board".into(),
        limit: 10,
        ..SearchRequest::default()
    };
    bencher.bench(|| search::search(&open, divan::black_box(&request)).expect("search"));
}
