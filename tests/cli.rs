//! The command line as a whole: defaults, environment, help and exit codes.

use std::io::Read;
use std::process::Stdio;

use predicates::prelude::*;

use crate::util::{Env, copy_dir, shipped_corpus};

#[test]
fn unknown_flag_is_a_usage_error() {
    Env::new()
        .bare()
        .args(["search", "x", "--no-such-flag"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--no-such-flag"));
}

#[test]
fn help_explains_query_syntax_and_examples() {
    Env::new()
        .bare()
        .args(["search", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Query syntax"))
        .stdout(predicate::str::contains("--council"))
        .stdout(predicate::str::contains("Examples"));
}

#[test]
fn defaults_are_corpus_and_index_in_the_current_folder() {
    let env = Env::new();
    copy_dir(&shipped_corpus(), &env.corpus);
    env.bare().args(["search", "caseload"]).assert().success();
    assert!(env.dir.path().join("index/meta.json").is_file());
}

#[test]
fn environment_variables_choose_the_folders() {
    let env = Env::new();
    let elsewhere = env.dir.path().join("elsewhere");
    env.bare()
        .env("MINUTES_CORPUS", shipped_corpus())
        .env("MINUTES_INDEX", &elsewhere)
        .args(["search", "caseload", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Improvement Board Update"));
    assert!(elsewhere.join("meta.json").is_file());
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = Env::shipped();
    env.build();
    for format in ["text", "json", "csv"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("minutes"))
            .arg("--index")
            .arg(env.index())
            .args([
                "search",
                "council OR the",
                "--limit",
                "1000",
                "--format",
                format,
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let status = child.wait().expect("wait");
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut stderr)
            .expect("read");
        assert!(
            status.success(),
            "{format}: exit {status:?}, stderr {stderr}"
        );
        assert!(!stderr.contains("Broken pipe"), "{format}: {stderr}");
    }
}
