//! PDF reading on real council PDFs (`../shared/corpora/pdf-minutes` and
//! Kent's `pdf/` folder), beside poppler's `pdftotext` run alone on the
//! same files.
//!
//! For each folder, with the release binary, best of `MINUTES_BENCH_RUNS`
//! (default 3) runs:
//! * `pdftotext` alone, one file after another: pages per second;
//! * `minutes index --full --threads 1` with an empty text cache (every PDF
//!   read), and again with the cache full (no PDF read): pages per second,
//!   and the share of the build spent getting the text
//!   (1 − warm / cold);
//! * the same cold build on every core, and its peak RSS.
//!
//! Run: `cargo bench --bench pdf`. Skips with a message when
//! `../shared/corpora` or `pdftotext` is absent. Prints Markdown for
//! BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[path = "common/rss.rs"]
mod rss;
#[path = "common/shared.rs"]
mod shared;
use rss::{LAUNCHER, launch, run_with_rss};

fn main() {
    if std::env::var_os(LAUNCHER).is_some() {
        launch();
    }
    let Some(shared) = shared::corpora_or_skip("pdf") else {
        return;
    };
    if Command::new("pdftotext").arg("-v").output().is_err() {
        println!(
            "pdf benchmark skipped: pdftotext is not installed (apt-get install poppler-utils)"
        );
        return;
    }
    let runs: usize = std::env::var("MINUTES_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_minutes"));
    let before = shared::InputTree::snapshot(&shared);
    println!(
        "| folder | PDFs | pages | pdftotext alone | minutes, 1 thread, cold | ratio | minutes, 1 thread, text cached | share converting | minutes, all cores, cold | peak RSS |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for folder in ["pdf-minutes", "kent-county-council/pdf"] {
        let root = shared.join(folder);
        let pdfs = pdfs_under(&root);
        let (pages, alone) = best(runs, || pdftotext_alone(&pdfs));
        let tmp = tempfile::tempdir().expect("temp dir");
        let index = tmp.path().join("index");
        let cache = index.join("pdf-text");
        let cold = best(runs, || {
            let _ = std::fs::remove_dir_all(&cache);
            build(&bin, &root, &index, &["--threads", "1"]).0
        });
        let warm = best(runs, || build(&bin, &root, &index, &["--threads", "1"]).0);
        let (all, rss) = (0..runs)
            .map(|_| {
                let _ = std::fs::remove_dir_all(&cache);
                build(&bin, &root, &index, &[])
            })
            .fold((f64::MAX, 0), |(t, r), (t2, r2)| (t.min(t2), r.max(r2)));
        let per_sec = |secs: f64| pages as f64 / secs;
        println!(
            "| {folder} | {} | {pages} | {:.0} pages/s ({alone:.2} s) | {:.0} pages/s ({cold:.2} s) | {:.2}× | {warm:.2} s | {:.0}% | {:.0} pages/s ({all:.2} s) | {:.0} MB |",
            pdfs.len(),
            per_sec(alone),
            per_sec(cold),
            cold / alone,
            100.0 * (1.0 - warm / cold),
            per_sec(all),
            rss as f64 / 1024.0,
        );
    }
    before.assert_unchanged();
}

/// The shortest of `runs` runs of `f`, which returns its own seconds (and
/// anything else, taken from the first run).
fn best<T: Timed>(runs: usize, mut f: impl FnMut() -> T) -> T {
    let mut best = f();
    for _ in 1..runs {
        let next = f();
        if next.seconds() < best.seconds() {
            best = next;
        }
    }
    best
}

/// A measurement with a time in seconds.
trait Timed {
    fn seconds(&self) -> f64;
}

impl Timed for f64 {
    fn seconds(&self) -> f64 {
        *self
    }
}

impl Timed for (usize, f64) {
    fn seconds(&self) -> f64 {
        self.1
    }
}

fn pdfs_under(root: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
        .collect();
    out.sort();
    out
}

/// Pages read and seconds taken by `pdftotext` on each file in turn.
fn pdftotext_alone(pdfs: &[PathBuf]) -> (usize, f64) {
    let started = Instant::now();
    let mut pages = 0;
    for pdf in pdfs {
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8", "-eol", "unix"])
            .arg(pdf)
            .arg("-")
            .output()
            .expect("run pdftotext");
        pages += out.stdout.iter().filter(|&&b| b == b'\x0c').count();
    }
    (pages, started.elapsed().as_secs_f64())
}

/// A full build of `corpus` into `index`: its seconds and peak RSS (KiB).
fn build(bin: &Path, corpus: &Path, index: &Path, extra: &[&str]) -> (f64, i64) {
    let mut cmd = Command::new(bin);
    cmd.arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .args(["index", "--full", "--quiet", "--json"])
        .args(extra);
    let started = Instant::now();
    let (_, rss) = run_with_rss(cmd);
    (started.elapsed().as_secs_f64(), rss)
}
