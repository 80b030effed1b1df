//! Helpers for end-to-end tests: every test gets a fresh temporary folder,
//! runs the built binary with the user's `MINUTES_*` and `NO_COLOR`
//! variables removed, and points `--index` (and usually `--corpus`) inside it.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The shipped sample corpus.
pub fn shipped_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A scratch folder with an index path and a corpus path.
pub struct Env {
    pub dir: TempDir,
    pub corpus: PathBuf,
}

impl Env {
    /// An empty corpus folder of our own, to write files into.
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path().join("corpus");
        fs::create_dir_all(&corpus).expect("corpus dir");
        Env { dir, corpus }
    }

    /// The shipped corpus, read in place.
    pub fn shipped() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        Env {
            dir,
            corpus: shipped_corpus(),
        }
    }

    /// A copy of the shipped corpus that the test may change.
    pub fn shipped_copy() -> Env {
        let env = Env::new();
        copy_dir(&shipped_corpus(), &env.corpus);
        env
    }

    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Write `contents` to `rel` under the corpus, creating folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.corpus.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, contents).expect("write");
        path
    }

    /// The binary with a clean environment, run in the temp folder.
    pub fn bare(&self) -> Command {
        let mut cmd = Command::cargo_bin("minutes").expect("binary");
        cmd.current_dir(self.dir.path())
            .env_remove("MINUTES_INDEX")
            .env_remove("MINUTES_CORPUS")
            .env_remove("NO_COLOR");
        cmd
    }

    /// The binary with `--index` and `--corpus` pointing at this env.
    pub fn cmd(&self) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--index")
            .arg(self.index())
            .arg("--corpus")
            .arg(&self.corpus);
        cmd
    }

    /// Build the index quietly and assert it worked.
    pub fn build(&self) {
        self.cmd().args(["index", "--quiet"]).assert().success();
    }

    /// Run a search (with extra args) as JSON and parse every line.
    pub fn search_json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let out = self
            .cmd()
            .arg("search")
            .args(args)
            .args(["--format", "json", "--limit", "1000"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        hits(parse_lines(&out))
    }
}

impl Env {
    /// Run the binary with `args`, expect success, and parse its stdout as
    /// one JSON value.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.stdout(args);
        serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}): {out}"))
    }

    /// Run `minutes index --json` with `extra` flags, expect success, and
    /// return its summary and what it said on stderr.
    pub fn index_json(&self, extra: &[&str]) -> (serde_json::Value, String) {
        let out = self
            .cmd()
            .args(["index", "--json"])
            .args(extra)
            .assert()
            .success()
            .get_output()
            .clone();
        let summary = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("index --json printed no JSON ({e})"));
        (summary, String::from_utf8_lossy(&out.stderr).into_owned())
    }

    /// Run the binary with `args`, expect success, and return its stdout.
    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self
            .cmd()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// The lines before a JSON stream's closing summary, which must be there
/// and count the hit lines.
pub fn hits(mut lines: Vec<serde_json::Value>) -> Vec<serde_json::Value> {
    let summary = lines.pop().expect("a summary line");
    assert_eq!(
        summary["type"], "summary",
        "the last line is the summary: {summary}"
    );
    let shown = lines.iter().filter(|l| l["type"] == "hit").count();
    assert_eq!(
        summary["shown"], shown,
        "the summary counts the hits: {summary}"
    );
    assert!(summary["total"].is_u64(), "{summary}");
    lines
}

pub fn parse_lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Write `files` generated documents of about `bytes` each under `folder`,
/// made of words from a fixed vocabulary (deterministic), each file also
/// containing `marker`.
pub fn generate_corpus(env: &Env, folder: &str, files: usize, bytes: usize, marker: &str) {
    const WORDS: &[&str] = &[
        "council",
        "committee",
        "resolved",
        "budget",
        "planning",
        "housing",
        "report",
        "members",
        "agreed",
        "noted",
        "school",
        "road",
        "library",
        "consultation",
        "funding",
        "officer",
        "services",
        "children",
        "social",
        "care",
        "transport",
        "policy",
        "review",
        "meeting",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for i in 0..files {
        let mut text = format!("Minutes of meeting {i} {marker}\n\n");
        while text.len() < bytes {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            text.push_str(WORDS[(state >> 33) as usize % WORDS.len()]);
            text.push(if (state >> 20).is_multiple_of(12) {
                '\n'
            } else {
                ' '
            });
        }
        env.write(&format!("{folder}/doc-{i:05}.txt"), text);
    }
}

/// A CSV output: its header and its rows.
pub fn csv_table(out: &[u8]) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(out);
    let header = reader
        .headers()
        .expect("a CSV header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader.records().map(|r| r.expect("a CSV row")).collect();
    (header, rows)
}
