//! Measure metadata extraction against the truth files of `../shared`.
//!
//! For every document under `../shared/corpora/<source>/` with a row in that
//! source's `truth.csv`, and for the seeds (read from the shipped `corpus/`,
//! where their `_meta.json` files apply), this runs the real pipeline
//! (crawl → normalise → extract) and compares the document's council,
//! committee and meeting date with the truth. For each field it prints:
//!
//! * `stated`: documents that state the true value: for dates, anywhere in
//!   the text or the file name; for committee and council, the true name
//!   written out in the heading (the first 3,000 bytes of text and the HTML
//!   title, web addresses left out), or a `_meta.json`. This is the
//!   denominator of the rates below;
//! * `correct`, `empty`: of those, the share extracted right, and left empty;
//! * `wrong`: of *all* documents with a truth value or none, the share given
//!   a non-empty value that is not the truth (an invented or wrong value).
//!
//! Run: `cargo run --release --example extraction_eval [-- SHARED_DIR]`.
//! Skips with a message when the shared folder is absent.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minutes::crawl::{self, MAX_FILE_BYTES};
use minutes::date::{Order, Precision, find_dates_in_order, parse_user_date};
use minutes::extract::{self, path::file_name_date};
use minutes::model::Metadata;
use minutes::normalise::Normalised;

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

#[derive(Default, Clone, Copy)]
struct Score {
    docs: usize,
    stated: usize,
    correct: usize,
    empty: usize,
    wrong: usize,
}

impl Score {
    fn add(&mut self, stated: bool, got: Option<bool>) {
        self.docs += 1;
        if stated {
            self.stated += 1;
            match got {
                Some(true) => self.correct += 1,
                None => self.empty += 1,
                Some(false) => {}
            }
        }
        if got == Some(false) {
            self.wrong += 1;
        }
    }

    fn merge(&mut self, o: &Score) {
        self.docs += o.docs;
        self.stated += o.stated;
        self.correct += o.correct;
        self.empty += o.empty;
        self.wrong += o.wrong;
    }

    fn cell(&self) -> String {
        let pct = |n: usize, d: usize| {
            if d == 0 {
                "-".to_owned()
            } else {
                format!("{:.1}%", 100.0 * n as f64 / d as f64)
            }
        };
        format!(
            "{:>5} {:>7} {:>7} {:>6}",
            self.stated,
            pct(self.correct, self.stated),
            pct(self.empty, self.stated),
            pct(self.wrong, self.docs)
        )
    }
}

#[derive(Default, Clone, Copy)]
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
    // Walk the corpora as one corpus, as a user (and eval-dev's run.py)
    // would, so paths are `<source>/<path>` and no folder layout applies.
    let corpora = shared.join("corpora");
    let mut rows: Vec<(String, Row)> = Vec::new();
    for spec in SOURCES {
        let truth = read_truth(&corpora.join(spec.name).join("truth.csv"), spec)
            .into_iter()
            .map(|(path, t)| (format!("{}/{path}", spec.name), t))
            .collect();
        rows.push((spec.name.to_owned(), evaluate(&corpora, &truth, verbose)));
    }
    let seeds = seed_truth(&shared.join("seeds"));
    rows.push((
        "seeds (shipped corpus/)".to_owned(),
        evaluate(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
            &seeds,
            verbose,
        ),
    ));

    println!(
        "{:<26} {:>5} | {:^28} | {:^28} | {:^28}",
        "", "", "meeting date", "committee", "council"
    );
    println!(
        "{:<26} {:>5} | {} | {} | {}",
        "source", "docs", HEAD, HEAD, HEAD
    );
    let mut total = Row::default();
    for (name, r) in &rows {
        println!(
            "{:<26} {:>5} | {} | {} | {}",
            name,
            r.date.docs,
            r.date.cell(),
            r.committee.cell(),
            r.council.cell()
        );
        total.date.merge(&r.date);
        total.committee.merge(&r.committee);
        total.council.merge(&r.council);
    }
    println!(
        "{:<26} {:>5} | {} | {} | {}",
        "all",
        total.date.docs,
        total.date.cell(),
        total.committee.cell(),
        total.council.cell()
    );
    println!(
        "\nstated: documents that state the true value (dates: the text or the file name; committee and council:\nthe name written out in the heading, i.e. the first 3,000 bytes and the HTML title, or a _meta.json);\ncorrect/empty: share of those; wrong: share of all documents given a non-empty value that is not the truth."
    );
}

/// How much of the text counts as the heading that names the body.
const HEADING_BYTES: usize = 3000;

const HEAD: &str = "stated correct   empty  wrong";

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

fn evaluate(dir: &Path, truth: &HashMap<String, Truth>, verbose: bool) -> Row {
    let mut row = Row::default();
    for candidate in crawl::walk(dir).candidates {
        let Some(t) = truth.get(&candidate.rel) else {
            continue;
        };
        let Ok(source) = crawl::read(&candidate, MAX_FILE_BYTES) else {
            continue;
        };
        let doc = minutes::pipeline::document(&source);
        let meta = extract::metadata(&source, &doc, minutes::date::convention(&doc.text));
        score(&mut row, &candidate.rel, &doc, &meta, t, verbose);
    }
    row
}

fn score(row: &mut Row, rel: &str, doc: &Normalised, meta: &Metadata, t: &Truth, verbose: bool) {
    let text = doc.text.as_str();
    // A document names its committee and council in its heading: the first
    // few thousand bytes (and the HTML title).
    let mut cut = text.len().min(HEADING_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let heading = format!(
        "{} {}",
        doc.html_title.as_deref().unwrap_or(""),
        &text[..cut]
    );
    // Addresses are not names: "pub-london.escribemeetings.com" does not name London.
    let lower = heading
        .split_whitespace()
        .filter(|w| {
            !w.contains("http") && !w.contains("www.") && !w.contains(".com") && !w.contains('@')
        })
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();

    // Date.
    if t.date_unknown {
        row.date.docs += 0;
    } else {
        let stated = t.date.is_some_and(|d| {
            file_name_date(rel) == Some(d)
                || doc
                    .front_date
                    .as_deref()
                    .and_then(|f| parse_user_date(f).ok())
                    == Some(d)
                || [Order::DayFirst, Order::MonthFirst].iter().any(|o| {
                    find_dates_in_order(text, *o)
                        .iter()
                        .any(|f| f.precision == Precision::Day && f.date == d)
                })
        });
        let got = meta.date.value.map(|d| Some(d) == t.date);
        if verbose && got != Some(true) && (stated || got.is_some()) {
            println!(
                "date\t{rel}\ttruth={:?}\tgot={:?} ({})",
                t.date,
                meta.date.value,
                meta.date.origin.as_str()
            );
        }
        row.date.add(stated, got);
    }

    // Committee: stated when its name (without "the", ordinals) is in the heading.
    if let Some(truth) = &t.committee {
        let keys = committee_keys(truth);
        let stated = !keys.is_empty() && lower.contains(&phrase(truth));
        let got = meta
            .committee
            .value
            .as_deref()
            .map(|c| same_committee(c, truth));
        if verbose && got != Some(true) && (stated || got.is_some()) {
            println!(
                "committee\t{rel}\ttruth={truth:?}\tgot={:?} ({})",
                meta.committee.value,
                meta.committee.origin.as_str()
            );
        }
        row.committee.add(stated, got);
    } else if let Some(c) = &meta.committee.value {
        let _ = c;
    }

    // Council.
    if let Some(truth) = &t.council {
        let keys = council_keys(truth);
        let stated = !keys.is_empty()
            && (lower.contains(&phrase(truth))
                || meta.council.origin == minutes::model::Origin::FolderMeta);
        let got = meta
            .council
            .value
            .as_deref()
            .map(|c| same_council(c, truth));
        if verbose && got != Some(true) && (stated || got.is_some()) {
            println!(
                "council\t{rel}\ttruth={truth:?}\tgot={:?} ({})",
                meta.council.value,
                meta.council.origin.as_str()
            );
        }
        row.council.add(stated, got);
    }
}

/// A truth name as it would be written: no parenthetical or " - " note,
/// lower case, single spaces.
fn phrase(name: &str) -> String {
    let name = name.split(" (").next().unwrap_or(name);
    let name = name.split(" - ").next().unwrap_or(name);
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches('\'').to_owned())
        .collect()
}

/// "City of Cleveland (Ohio, USA) - Council of ..." → {"cleveland"}.
fn council_keys(name: &str) -> BTreeSet<String> {
    let name = name.split(" (").next().unwrap_or(name);
    let name = name.split(" - ").next().unwrap_or(name);
    const STOP: &[&str] = &[
        "council",
        "city",
        "county",
        "of",
        "the",
        "and",
        "borough",
        "township",
        "town",
        "district",
        "metropolitan",
    ];
    words(name)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

fn committee_keys(name: &str) -> BTreeSet<String> {
    const STOP: &[&str] = &["the", "of", "and", "meeting", "2"];
    words(name)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

fn subset_either(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    !a.is_empty() && !b.is_empty() && (a.is_subset(b) || b.is_subset(a))
}

fn same_council(got: &str, truth: &str) -> bool {
    subset_either(&council_keys(got), &council_keys(truth))
}

fn same_committee(got: &str, truth: &str) -> bool {
    subset_either(&committee_keys(got), &committee_keys(truth))
}
