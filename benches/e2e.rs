//! End-to-end benchmark on real council documents (`../shared/corpora`).
//!
//! For the corpus at 1× and at larger scales (the same files linked again
//! under distinct paths, made at run time in a temporary folder, never
//! committed) this measures, with the release binary:
//!
//! * a full index build: wall time, documents/s, MB/s of input files and of
//!   extracted text, peak RSS, index bytes and their ratio to the text, records;
//! * a rerun with no change, and one after touching 10 files;
//! * a fixed mix of queries, each run many times: latency percentiles in
//!   process (the library) and as a whole `minutes search` process (in
//!   rounds that run every query once, so drift falls on all alike).
//!
//! Run: `cargo bench --bench e2e` (scales with `MINUTES_BENCH_SCALES=1,4,16`,
//! repetitions with `MINUTES_BENCH_RUNS=30`). Skips with a message when
//! `../shared/corpora` is absent. Prints Markdown for BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use minutes::crawl;
use minutes::index;
use minutes::pipeline;
use minutes::query::Filters;
use minutes::search::{self, SearchRequest, Sort};

#[path = "common/rss.rs"]
mod rss;
#[path = "common/shared.rs"]
mod shared;
use rss::{LAUNCHER, launch, run_with_rss};

/// One query of the mix: a name, the command-line arguments, and the same
/// request for the library.
struct Case {
    name: &'static str,
    args: Vec<&'static str>,
    request: SearchRequest,
}

/// The query of the mix that finds nothing.
const NO_HITS: &str = "no hits";

fn request(query: &str) -> SearchRequest {
    SearchRequest {
        query: query.to_owned(),
        limit: 10,
        ..SearchRequest::default()
    }
}

fn cases() -> Vec<Case> {
    let date = |s: &str| minutes::date::parse_user_date(s).ok();
    vec![
        Case {
            name: "common term",
            args: vec!["council"],
            request: request("council"),
        },
        Case {
            name: "rare term",
            args: vec!["defibrillator"],
            request: request("defibrillator"),
        },
        Case {
            name: "phrase",
            args: vec!["\"emergency shelter\""],
            request: request("\"emergency shelter\""),
        },
        Case {
            name: "2-term AND",
            args: vec!["housing grant"],
            request: request("housing grant"),
        },
        Case {
            name: "3-term AND",
            args: vec!["water quality inspection"],
            request: request("water quality inspection"),
        },
        Case {
            name: "AND + council/date filter",
            args: vec![
                "water charges",
                "--council",
                "limerick",
                "--from",
                "2014-06-01",
                "--to",
                "2015-12-31",
            ],
            request: SearchRequest {
                filters: Filters {
                    council: Some("limerick".into()),
                    from: date("2014-06-01"),
                    to: date("2015-12-31"),
                    ..Filters::default()
                },
                ..request("water charges")
            },
        },
        Case {
            name: "term + facets",
            args: vec!["housing", "--facets"],
            request: SearchRequest {
                facets: true,
                ..request("housing")
            },
        },
        Case {
            // The floor of a search process: start, open the index, find
            // nothing, print the summary.
            name: NO_HITS,
            args: vec!["qzxjvkw"],
            request: request("qzxjvkw"),
        },
        Case {
            name: "term sorted by date",
            args: vec!["budget", "--sort", "-date"],
            request: SearchRequest {
                sort: Sort::DateDesc,
                ..request("budget")
            },
        },
    ]
}

fn env_list(name: &str, default: &str) -> Vec<usize> {
    std::env::var(name)
        .unwrap_or_else(|_| default.to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn main() {
    if std::env::var_os(LAUNCHER).is_some() {
        launch();
    }
    let Some(shared) = shared::corpora_or_skip("e2e") else {
        return;
    };
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_minutes"));
    let scales = env_list("MINUTES_BENCH_SCALES", "1,4,16");
    let runs = env_list("MINUTES_BENCH_RUNS", "30")
        .first()
        .copied()
        .unwrap_or(30)
        .max(3);
    let work = tempfile::tempdir().expect("temp dir");

    let before = shared::InputTree::snapshot(&shared);
    let (files, input_bytes, text_bytes) = measure_text(&shared);
    println!("# minutes end-to-end benchmark\n");
    println!(
        "corpus: {} ({files} documents, {:.1} MB of files, {:.1} MB of extracted text at 1×)\n",
        shared.display(),
        mb(input_bytes),
        mb(text_bytes)
    );
    println!(
        "| scale | documents | build s | docs/s | input MB/s | text MB/s | peak RSS MB | index MB | index ÷ text | records | no-change rerun s (% of build) | touch 10 files s |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    let mut first_index = None;
    for &scale in &scales {
        let corpus = work.path().join(format!("corpus-{scale}x"));
        replicate(&shared, &corpus, scale);
        let idx = work.path().join(format!("index-{scale}x"));
        let (secs, rss, summary) = run_index(&bin, &corpus, &idx, true);
        let records = summary["records"].as_u64().unwrap_or(0);
        let index_bytes = summary["index_bytes"].as_u64().unwrap_or(0);
        let (rerun, _, _) = run_index(&bin, &corpus, &idx, false);
        touch_some(&corpus, 10);
        let (touched, _, _) = run_index(&bin, &corpus, &idx, false);
        let n = files * scale;
        let text = text_bytes * scale as u64;
        println!(
            "| {scale}× | {n} | {secs:.2} | {:.0} | {:.1} | {:.1} | {:.0} | {:.1} | {:.2} | {records} | {rerun:.3} ({:.1}%) | {touched:.3} |",
            n as f64 / secs,
            mb(input_bytes * scale as u64) / secs,
            mb(text) / secs,
            rss as f64 / 1024.0,
            mb(index_bytes),
            index_bytes as f64 / text as f64,
            100.0 * rerun / secs,
        );
        if first_index.is_none() {
            first_index = Some(idx);
        }
    }
    let Some(idx) = first_index else { return };
    println!(
        "\n## Queries on the {}× index ({runs} runs each, top 10 with snippets)\n",
        scales.first().copied().unwrap_or(1)
    );
    println!("| query | hits | in-process p50 / p95 / p99 ms | whole process p50 / p95 / p99 ms |");
    println!("|---|---|---|---|");
    let open = index::open(&idx).expect("open the index");
    let cases = cases();
    // Whole processes in rounds, each round running every query once: the
    // machine's drift then falls on every query alike, and the 2-term AND
    // and the no-hit search are compared round by round.
    let mut whole: Vec<Vec<Duration>> = vec![Vec::with_capacity(runs); cases.len()];
    for _ in 0..runs {
        for (case, times) in cases.iter().zip(whole.iter_mut()) {
            times.push(time_process(&bin, &idx, case));
        }
    }
    let paired = |a: &str, b: &str| -> Option<Vec<f64>> {
        let at = |name: &str| cases.iter().position(|c| c.name == name);
        let (a, b) = (whole.get(at(a)?)?, whole.get(at(b)?)?);
        Some(
            a.iter()
                .zip(b)
                .map(|(x, y)| x.as_secs_f64() / y.as_secs_f64())
                .collect(),
        )
    };
    let ratios = paired("2-term AND", NO_HITS);
    for (case, times) in cases.iter().zip(whole.iter_mut()) {
        let mut inproc = Vec::with_capacity(runs);
        let mut total = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let results = search::search(&open, &case.request).expect("search");
            inproc.push(t.elapsed());
            total = results.total;
        }
        println!(
            "| {} | {total} | {} | {} |",
            case.name,
            percentiles(&mut inproc),
            percentiles(times)
        );
    }
    if let Some(mut ratios) = ratios {
        ratios.sort_by(f64::total_cmp);
        if let Some(median) = ratios.get(ratios.len() / 2) {
            println!(
                "\nwhole-process 2-term AND ÷ a search with no hits, the median of {} rounds' ratios: {median:.2}",
                ratios.len()
            );
        }
    }
    let (_, rss) = run_search_rss(&bin, &idx, &["housing", "--facets"]);
    println!(
        "\npeak RSS of one `minutes search housing --facets` process: {:.1} MB",
        rss as f64 / 1024.0
    );
    before.assert_unchanged();
}

/// The wall time of one whole `minutes search` process for `case`.
fn time_process(bin: &Path, idx: &Path, case: &Case) -> Duration {
    let t = Instant::now();
    let status = Command::new(bin)
        .arg("--index")
        .arg(idx)
        .arg("search")
        .args(&case.args)
        .args(["--format", "json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run minutes search");
    let elapsed = t.elapsed();
    assert!(status.success(), "{} failed", case.name);
    elapsed
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn percentiles(samples: &mut [Duration]) -> String {
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples[i].as_secs_f64() * 1000.0
    };
    format!("{:.2} / {:.2} / {:.2}", at(0.5), at(0.95), at(0.99))
}

/// Documents, bytes of files, and bytes of normalised text under `root`.
fn measure_text(root: &Path) -> (usize, u64, u64) {
    let walk = crawl::walk(root);
    let (mut input, mut text) = (0u64, 0u64);
    for c in &walk.candidates {
        input += c.size;
        if let Ok(source) = crawl::read(c, &crawl::Reader::default()) {
            text += pipeline::document(&source).text.len() as u64;
        }
    }
    (walk.candidates.len(), input, text)
}

/// `scale` copies of the documents under `root`, as hard links (or copies
/// where linking fails) under distinct folders.
fn replicate(root: &Path, out: &Path, scale: usize) {
    for c in crawl::walk(root).candidates {
        for copy in 0..scale {
            let target = out.join(format!("copy{copy}")).join(&c.rel);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            if std::fs::hard_link(&c.path, &target).is_err() {
                std::fs::copy(&c.path, &target).expect("copy");
            }
        }
    }
}

/// Give the first `n` documents a new modification time. Each is a hard
/// link to a file of the input, so it is first replaced by a copy of its
/// own: touching the link would change the original's time (and every
/// other scale's copy of it), and a benchmark must never change its input.
fn touch_some(root: &Path, n: usize) {
    let later = std::time::SystemTime::now() + Duration::from_secs(5);
    for c in crawl::walk(root).candidates.into_iter().take(n) {
        let own = c.path.with_extension("bench-copy");
        std::fs::copy(&c.path, &own).expect("copy a document to touch");
        std::fs::rename(&own, &c.path).expect("replace the link with its copy");
        let f = std::fs::File::options()
            .write(true)
            .open(&c.path)
            .expect("open the copy");
        f.set_modified(later).expect("set its time");
    }
}

/// Run `minutes index`, returning seconds, peak RSS in KiB, and its summary.
fn run_index(bin: &Path, corpus: &Path, idx: &Path, full: bool) -> (f64, i64, serde_json::Value) {
    let mut cmd = Command::new(bin);
    cmd.arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(idx)
        .args(["index", "--json", "--quiet"]);
    if full {
        cmd.arg("--full");
    }
    let t = Instant::now();
    let (out, rss) = run_with_rss(cmd);
    let secs = t.elapsed().as_secs_f64();
    let summary = serde_json::from_slice(&out).unwrap_or(serde_json::Value::Null);
    (secs, rss, summary)
}

fn run_search_rss(bin: &Path, idx: &Path, args: &[&str]) -> (Vec<u8>, i64) {
    let mut cmd = Command::new(bin);
    cmd.arg("--index").arg(idx).arg("search").args(args);
    run_with_rss(cmd)
}
