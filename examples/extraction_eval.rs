//! Measure metadata extraction strictly, as a user sees it.
//!
//! Builds an index of `../shared/corpora` (one corpus, as a user and
//! eval-dev's run.py would) and one of the shipped `corpus/` (for the seeds),
//! with the real pipeline, reconciliation included, then reads every
//! document record back and compares its council, committee and meeting
//! date with the truth files. Every document with a truth value counts:
//!
//! * `correct`: the name given is exactly the truth name or one of the
//!   names `examples/eval_names.toml` accepts for it (whitespace folded,
//!   "&" read as "and");
//! * `wrong`: a non-empty name that is not; an OCR slip or a fragment is
//!   wrong;
//! * `empty`: no name;
//! * `names`: the most distinct names given to one true body (1 is right).
//!
//! Run: `cargo run --release --example extraction_eval [-- SHARED_DIR]`;
//! `VERBOSE=1` lists every wrong and empty value. Skips with a message when
//! the shared folder is absent.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minutes::crawl;
use minutes::date::parse_user_date;
use minutes::index;
use minutes::model::{Kind, Record};
use minutes::pipeline::{self, BuildOptions, Silent};
use minutes::query::Filters;
use minutes::search::{self, SearchRequest, Sort};

/// Which truth columns hold what, per source.
struct SourceSpec {
    name: &'static str,
    /// A blank date means "not known" (taken from a file name that has
    /// none), not "the document states no date".
    blank_date_unknown: bool,
    path: &'static str,
    council: &'static str,
    committee: Option<&'static str>,
    date: &'static str,
}

const SOURCES: &[SourceSpec] = &[
    SourceSpec {
        name: "cleveland-city-record",
        blank_date_unknown: false,
        path: "path",
        council: "council",
        committee: None,
        date: "date",
    },
    SourceSpec {
        name: "kent-county-council",
        blank_date_unknown: false,
        path: "path",
        council: "council",
        committee: Some("true_committee"),
        date: "true_meeting_date",
    },
    SourceSpec {
        name: "limerick",
        blank_date_unknown: true,
        path: "path",
        council: "council",
        committee: Some("committee_normalised"),
        date: "doc_date_from_title",
    },
    SourceSpec {
        name: "london-ontario",
        blank_date_unknown: false,
        path: "path",
        council: "council",
        committee: Some("committee"),
        date: "date",
    },
    SourceSpec {
        name: "moderngov-fixtures-lgsf",
        blank_date_unknown: false,
        path: "path",
        council: "council",
        committee: Some("committee"),
        date: "date_of_decision",
    },
    SourceSpec {
        name: "nipissing-township",
        blank_date_unknown: false,
        path: "path",
        council: "council",
        committee: Some("committee"),
        date: "true_date",
    },
    SourceSpec {
        name: "portland-oregon",
        blank_date_unknown: false,
        path: "path",
        council: "council",
        committee: Some("committee"),
        date: "true_date",
    },
];

struct Truth {
    date_unknown: bool,
    council: Option<String>,
    committee: Option<String>,
    date: Option<NaiveDate>,
}

/// Accepted names per truth value, per field.
#[derive(serde::Deserialize, Default)]
struct Accepted {
    #[serde(default)]
    council: HashMap<String, Vec<String>>,
    #[serde(default)]
    committee: HashMap<String, Vec<String>>,
}

/// A name as compared: whitespace folded, and "&" read as "and".
fn fold(name: &str) -> String {
    name.split_whitespace()
        .map(|w| if w == "&" { "and" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One field's score over the documents with a truth value.
#[derive(Default)]
struct Score {
    docs: usize,
    correct: usize,
    wrong: usize,
    empty: usize,
    /// Names given per true value.
    given: BTreeMap<String, BTreeSet<String>>,
}

impl Score {
    fn add(&mut self, truth: &str, got: Option<&str>, ok: bool) {
        self.docs += 1;
        match got {
            None => self.empty += 1,
            Some(g) => {
                if ok {
                    self.correct += 1;
                } else {
                    self.wrong += 1;
                }
                self.given
                    .entry(truth.to_owned())
                    .or_default()
                    .insert(g.to_owned());
            }
        }
    }

    fn merge(&mut self, o: &Score) {
        self.docs += o.docs;
        self.correct += o.correct;
        self.wrong += o.wrong;
        self.empty += o.empty;
        for (k, v) in &o.given {
            self.given
                .entry(k.clone())
                .or_default()
                .extend(v.iter().cloned());
        }
    }

    fn most_names(&self) -> usize {
        self.given.values().map(BTreeSet::len).max().unwrap_or(0)
    }

    fn cell(&self, names: bool) -> String {
        let pct = |n: usize| {
            if self.docs == 0 {
                "-".to_owned()
            } else {
                format!("{:.1}%", 100.0 * n as f64 / self.docs as f64)
            }
        };
        let mut cell = format!(
            "{:>5} {:>7} {:>6} {:>6}",
            self.docs,
            pct(self.correct),
            pct(self.wrong),
            pct(self.empty)
        );
        if names {
            cell.push_str(&format!(" {:>5}", self.most_names()));
        }
        cell
    }
}

#[derive(Default)]
struct Row {
    date: Score,
    committee: Score,
    council: Score,
}

fn main() {
    let shared = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if !shared.join("corpora").is_dir() {
        println!(
            "skipped: {} has no corpora/ folder (the shared data is not on this machine)",
            shared.display()
        );
        return;
    }
    let verbose = std::env::var_os("VERBOSE").is_some();
    let accepted_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/eval_names.toml");
    let accepted: Accepted = std::fs::read_to_string(&accepted_file)
        .ok()
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_else(|| panic!("cannot read {}", accepted_file.display()));

    let corpora = shared.join("corpora");
    let documents = indexed_documents(&corpora);
    let mut rows: Vec<(String, Row)> = Vec::new();
    for spec in SOURCES {
        let truth: HashMap<String, Truth> =
            read_truth(&corpora.join(spec.name).join("truth.csv"), spec)
                .into_iter()
                .map(|(path, t)| (format!("{}/{path}", spec.name), t))
                .collect();
        rows.push((
            spec.name.to_owned(),
            evaluate(&documents, &truth, &accepted, verbose),
        ));
    }
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let seeds = seed_truth(&shared.join("seeds"));
    rows.push((
        "seeds (shipped corpus/)".to_owned(),
        evaluate(&indexed_documents(&corpus), &seeds, &accepted, verbose),
    ));

    let head = " docs correct  wrong  empty";
    println!(
        "{:<24} | {:^27} | {:^33} | {:^33}",
        "", "meeting date", "committee", "council"
    );
    println!("{:<24} |{head} |{head} names |{head} names", "source");
    let mut total = Row::default();
    for (name, r) in &rows {
        println!(
            "{:<24} | {} | {} | {}",
            name,
            r.date.cell(false),
            r.committee.cell(true),
            r.council.cell(true)
        );
        total.date.merge(&r.date);
        total.committee.merge(&r.committee);
        total.council.merge(&r.council);
    }
    println!(
        "{:<24} | {} | {} | {}",
        "all",
        total.date.cell(false),
        total.committee.cell(true),
        total.council.cell(true)
    );
    println!(
        "\ndocs: documents with a truth value for the field; correct: the exact name or one examples/eval_names.toml\naccepts; wrong: any other non-empty value; names: the most distinct names given to one true body."
    );
    if verbose {
        for (field, score) in [("committee", &total.committee), ("council", &total.council)] {
            for (truth, names) in &score.given {
                if names.len() > 1 {
                    println!("{field} names\t{truth}\t{names:?}");
                }
            }
        }
    }
}

/// Build an index of `corpus` in a temporary folder and read back every
/// document record, by source.
fn indexed_documents(corpus: &Path) -> HashMap<String, Record> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let options = BuildOptions::new(corpus.to_path_buf(), dir.path().join("index"));
    pipeline::build(&options, &Silent).expect("build the index");
    let open = index::open(&options.index).expect("open the index");
    let request = SearchRequest {
        filters: Filters {
            kind: Some(Kind::Document),
            ..Filters::default()
        },
        sort: Sort::Date,
        limit: search::MAX_WINDOW,
        all: true,
        ..SearchRequest::default()
    };
    let results = search::search(&open, &request).expect("list the documents");
    assert!(
        results.total <= search::MAX_WINDOW,
        "{} documents: more than one page of the result window",
        results.total
    );
    results
        .hits
        .into_iter()
        .map(|h| (h.record.fingerprint.source.clone(), h.record))
        .collect()
}

fn read_truth(file: &Path, spec: &SourceSpec) -> HashMap<String, Truth> {
    let mut out = HashMap::new();
    let Ok(mut reader) = csv::Reader::from_path(file) else {
        return out;
    };
    let headers = reader.headers().cloned().unwrap_or_default();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (p, c, m, d) = (
        col(spec.path),
        col(spec.council),
        spec.committee.and_then(col),
        col(spec.date),
    );
    for row in reader.records().filter_map(Result::ok) {
        let get = |i: Option<usize>| {
            i.and_then(|i| row.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let Some(path) = get(p) else { continue };
        out.insert(
            path,
            Truth {
                date_unknown: spec.blank_date_unknown && get(d).is_none(),
                council: get(c),
                committee: get(m),
                date: get(d).and_then(|d| parse_user_date(&d).ok()),
            },
        );
    }
    out
}

/// The seeds' truth, keyed by the path of the identical file in `corpus/`.
fn seed_truth(seeds: &Path) -> HashMap<String, Truth> {
    let mut by_content: HashMap<Vec<u8>, Truth> = HashMap::new();
    let spec = SourceSpec {
        name: "seeds",
        blank_date_unknown: false,
        path: "file",
        council: "council",
        committee: Some("committee"),
        date: "date",
    };
    for (file, truth) in read_truth(&seeds.join("truth.csv"), &spec) {
        if let Ok(bytes) = std::fs::read(seeds.join(&file)) {
            by_content.insert(bytes, truth);
        }
    }
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out = HashMap::new();
    for c in crawl::walk(&corpus).candidates {
        if let Ok(bytes) = std::fs::read(&c.path)
            && let Some(t) = by_content.remove(&bytes)
        {
            out.insert(c.rel.clone(), t);
        }
    }
    out
}

fn evaluate(
    documents: &HashMap<String, Record>,
    truth: &HashMap<String, Truth>,
    accepted: &Accepted,
    verbose: bool,
) -> Row {
    let mut row = Row::default();
    let mut paths: Vec<&String> = truth.keys().collect();
    paths.sort();
    for path in paths {
        let t = &truth[path];
        let Some(record) = documents.get(path) else {
            if verbose {
                println!("missing\t{path}\tnot in the index");
            }
            continue;
        };
        let m = &record.meta;
        if !t.date_unknown
            && let Some(date) = t.date
        {
            let got = m.date.value;
            let label = got.map(|d| d.to_string());
            row.date.add("date", label.as_deref(), got == Some(date));
            if verbose && got != Some(date) {
                println!(
                    "date\t{path}\ttruth={date}\tgot={got:?} ({})",
                    m.date.origin.as_str()
                );
            }
        }
        let fields = [
            (
                "committee",
                &t.committee,
                m.committee.value.as_deref(),
                m.committee.origin,
                &accepted.committee,
                &mut row.committee,
            ),
            (
                "council",
                &t.council,
                m.council.value.as_deref(),
                m.council.origin,
                &accepted.council,
                &mut row.council,
            ),
        ];
        for (field, truth, got, origin, names, score) in fields {
            let Some(truth) = truth else { continue };
            let ok = got.is_some_and(|g| {
                let g = fold(g);
                g == fold(truth)
                    || names
                        .get(truth)
                        .is_some_and(|a| a.iter().any(|n| fold(n) == g))
            });
            score.add(truth, got, ok);
            if verbose && !ok {
                println!(
                    "{field}\t{path}\ttruth={truth:?}\tgot={got:?} ({})",
                    origin.as_str()
                );
            }
        }
    }
    row
}
