//! Every `console` example in README.md, run against the shipped corpus
//! and compared with what it shows, so the README cannot drift from the
//! binary.
//!
//! An example is a fenced block marked `console`: lines starting with `$ `
//! are commands (run by `sh` in a scratch folder holding a copy of
//! `corpus/` and, unless the block is preceded by
//! `<!-- readme: no index -->`, the index built from it, with `minutes` on
//! the PATH; each block starts afresh); the lines after a command are what it prints, stdout and
//! stderr together. Where output legitimately varies, the example says so
//! and the comparison ignores exactly that: `[..]` in a line stands for any
//! text within the line, and a line `...` for any number of lines.
//! Recipes that are not transcripts of the shipped corpus use `sh` or
//! `text` fences, and are not run.

use std::path::Path;
use std::process::Command;

use crate::util::{copy_dir, shipped_corpus};

/// One `console` block of the README.
#[derive(Debug)]
struct Example {
    /// The line of the README its fence is on.
    line: usize,
    fresh: bool,
    steps: Vec<(String, Vec<String>)>,
}

const NO_INDEX: &str = "<!-- readme: no index -->";

fn examples(markdown: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let lines: Vec<&str> = markdown.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_end() != "```console" {
            i += 1;
            continue;
        }
        let fresh = (0..i)
            .rev()
            .map(|j| lines[j].trim())
            .find(|l| !l.is_empty())
            .is_some_and(|l| l == NO_INDEX);
        let mut example = Example {
            line: i + 1,
            fresh,
            steps: Vec::new(),
        };
        i += 1;
        while i < lines.len() && lines[i].trim_end() != "```" {
            match lines[i].strip_prefix("$ ") {
                Some(cmd) => example.steps.push((cmd.to_owned(), Vec::new())),
                None if lines[i] == "$" => example.steps.push((String::new(), Vec::new())),
                None => match example.steps.last_mut() {
                    Some((_, expected)) => expected.push(lines[i].to_owned()),
                    None => panic!("README.md:{}: output before any '$ ' command", i + 1),
                },
            }
            i += 1;
        }
        out.push(example);
        i += 1;
    }
    out
}

/// Whether `actual` lines are what `expected` shows, with `[..]` and `...`.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(a, more)| line_matches(first, a) && matches(rest, more)),
    }
}

fn line_matches(expected: &str, actual: &str) -> bool {
    let mut parts = expected.split("[..]");
    let Some(head) = parts.next() else {
        return actual.is_empty();
    };
    let Some(mut rest) = actual.strip_prefix(head) else {
        return false;
    };
    let tail: Vec<&str> = parts.collect();
    let Some((last, middle)) = tail.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Build the index of the corpus copy in `dir`, as a user would have.
fn build_index(dir: &Path) {
    let status = Command::new(assert_cmd::cargo::cargo_bin("minutes"))
        .current_dir(dir)
        .args(["index", "--quiet"])
        .status()
        .expect("minutes index");
    assert!(status.success());
}

/// What each step printed, and whether it was what the example shows.
fn run(example: &Example) -> Vec<(String, bool)> {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&shipped_corpus(), &dir.path().join("corpus"));
    if !example.fresh {
        build_index(dir.path());
    }
    let bin = assert_cmd::cargo::cargo_bin("minutes");
    let bin_dir = bin.parent().expect("the binary's folder");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut printed = Vec::new();
    for (cmd, expected) in &example.steps {
        if cmd.is_empty() {
            printed.push((String::new(), true));
            continue;
        }
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("{{ {cmd} ; }} 2>&1"))
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("HOME", dir.path())
            .env_remove("MINUTES_INDEX")
            .env_remove("MINUTES_CORPUS")
            .env("NO_COLOR", "1")
            .output()
            .expect("sh");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let actual: Vec<&str> = text.lines().collect();
        let fine = out.status.success() && matches(expected, &actual);
        printed.push((text, fine));
    }
    printed
}

/// The README with each example's output as it is now, where it differs
/// (`MINUTES_BLESS=1`; review the diff, and mark what varies).
fn blessed(readme: &str, examples: &[Example], runs: &[Vec<(String, bool)>]) -> String {
    let lines: Vec<&str> = readme.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut at = 0;
    for (example, printed) in examples.iter().zip(runs) {
        out.extend(lines[at..example.line].iter().map(|l| (*l).to_owned()));
        for ((cmd, expected), (text, fine)) in example.steps.iter().zip(printed) {
            out.push(if cmd.is_empty() {
                "$".to_owned()
            } else {
                format!("$ {cmd}")
            });
            if *fine {
                out.extend(expected.iter().cloned());
            } else {
                out.extend(text.lines().map(str::to_owned));
            }
        }
        at = example.line
            + example.steps.len()
            + example.steps.iter().map(|(_, e)| e.len()).sum::<usize>();
    }
    out.extend(lines[at..].iter().map(|l| (*l).to_owned()));
    out.join("\n") + "\n"
}

#[test]
fn every_console_example_in_the_readme_prints_what_it_shows() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let examples = examples(&readme);
    assert!(examples.len() >= 10, "{} examples", examples.len());
    let runs: Vec<Vec<(String, bool)>> = examples.iter().map(run).collect();
    if std::env::var_os("MINUTES_BLESS").is_some() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        std::fs::write(path, blessed(&readme, &examples, &runs)).expect("write README.md");
        return;
    }
    let mut failures = Vec::new();
    for (example, printed) in examples.iter().zip(&runs) {
        for ((cmd, expected), (text, fine)) in example.steps.iter().zip(printed) {
            if !fine {
                failures.push(format!(
                    "README.md:{}: $ {cmd}\n--- expected\n{}\n--- got\n{}",
                    example.line,
                    expected.join("\n"),
                    text.trim_end()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "\n{}\n\n(MINUTES_BLESS=1 cargo test readme writes what the commands print into README.md)",
        failures.join("\n\n")
    );
}

#[test]
fn the_comparison_ignores_exactly_what_is_marked() {
    let lines = |s: &str| s.lines().map(str::to_owned).collect::<Vec<_>>();
    assert!(matches(&lines("a\nb"), &["a", "b"]));
    assert!(!matches(&lines("a\nb"), &["a", "c"]));
    assert!(!matches(&lines("a"), &["a", "b"]), "no extra lines");
    assert!(matches(
        &lines("took [..]s, [..] MB"),
        &["took 0.2s, 3.1 MB"]
    ));
    assert!(!matches(&lines("took [..]s"), &["took 0.2 s later"]));
    assert!(matches(&lines("a\n...\nz"), &["a", "b", "c", "z"]));
    assert!(matches(&lines("a\n...\nz"), &["a", "z"]));
    assert!(!matches(&lines("a\n...\nz"), &["a", "b"]));
    let found = examples("x\n<!-- readme: no index -->\n\n```console\n$ one\nout\n$ two\n```\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].fresh);
    assert_eq!(
        found[0].steps[0],
        ("one".to_owned(), vec!["out".to_owned()])
    );
    assert!(found[0].steps[1].1.is_empty());
}
