//! `minutes index`: decoding, bad files, incremental runs and the lock.

use predicates::prelude::*;

use crate::util::Env;

fn summary(env: &Env, extra: &[&str]) -> serde_json::Value {
    let out = env
        .cmd()
        .args(["index", "--json"])
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("summary JSON")
}

#[test]
fn legacy_encodings_are_decoded_and_searchable() {
    let env = Env::new();
    // Windows-1252: curly apostrophe 0x92 and e-acute 0xE9.
    env.write(
        "a/cp1252.txt",
        b"The council\x92s caf\xe9 tender was approved by members of the committee.",
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Resolved that the allotment rents rise."
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    env.write("a/utf16.txt", utf16);
    env.write("a/page.html", "<html><head><meta charset=\"windows-1252\"></head><body><p>Na\u{ef}ve budget</p></body></html>".as_bytes());
    env.build();
    let hits = env.search_json(&["cafe"]);
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0]["snippet"]
            .as_str()
            .unwrap_or("")
            .contains("council's café"),
        "{hits:?}"
    );
    assert_eq!(env.search_json(&["allotment"]).len(), 1);
    assert_eq!(env.search_json(&["budget"]).len(), 1);
}

#[test]
fn bad_files_are_skipped_with_one_line_each_and_the_rest_indexed() {
    let env = Env::new();
    env.write("good.txt", "Minutes about the library opening hours.");
    env.write("binary.txt", b"\x00\x01\x02PK\x03\x04 binary");
    env.write("side.txt", "Minutes about library funding.");
    env.write("side.txt.meta.json", "{ this is not json");
    let out = env
        .cmd()
        .args(["index", "--json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("binary.txt: cannot decode it"))
        .stderr(predicate::str::contains("side.txt.meta.json"))
        .get_output()
        .clone();
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(summary["added"], 1);
    assert_eq!(summary["skipped"], 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().filter(|l| l.contains("binary.txt")).count(),
        1
    );
    assert_eq!(env.search_json(&["library"]).len(), 1);
}

#[test]
fn readme_licence_and_provenance_files_are_not_documents() {
    let env = Env::new();
    env.write("README.md", "library");
    env.write("x/PROVENANCE.md", "library");
    env.write("x/LICENSE", "library");
    env.write("x/LICENSE.txt", "library");
    env.write("x/minutes.md", "library");
    env.build();
    let hits = env.search_json(&["library"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["source"], "x/minutes.md");
}

#[test]
fn rerun_only_does_the_work_that_changed() {
    let env = Env::shipped_copy();
    let first = summary(&env, &[]);
    let total = first["added"].as_u64().expect("added");
    assert!(total >= 10);
    let again = summary(&env, &[]);
    assert_eq!(again["added"], 0);
    assert_eq!(again["updated"], 0);
    assert_eq!(again["unchanged"].as_u64(), Some(total));

    let wirral = "wirral-council/children-and-families-overview-and-scrutiny-committee/undated/improvement-journey-and-data-tracker-update.txt";
    env.write(wirral, "Agenda item\n\nZebra crossings near schools\n\nRESOLVED: That the zebra crossing be noted.");
    std::fs::remove_file(env.corpus.join("portland-oregon/minutes_list.html")).expect("rm");
    env.write(
        "new-council/cabinet/2020-05-01/budget.txt",
        "Minutes: the quokka budget was approved.",
    );
    let changed = summary(&env, &[]);
    assert_eq!(changed["updated"], 1, "{changed}");
    assert_eq!(changed["deleted"], 1, "{changed}");
    assert_eq!(changed["added"], 1, "{changed}");
    assert_eq!(changed["unchanged"].as_u64(), Some(total - 2), "{changed}");
    assert_eq!(env.search_json(&["zebra"]).len(), 1);
    assert_eq!(env.search_json(&["quokka"]).len(), 1);
    assert!(
        env.search_json(&["tracker"]).is_empty(),
        "old text of the changed file is gone"
    );
    assert!(
        env.search_json(&["efiles"])
            .iter()
            .all(|h| h["source"] != "portland-oregon/minutes_list.html"),
        "the deleted file is gone"
    );
    let full = summary(&env, &["--full"]);
    assert_eq!(full["full"], true);
    assert_eq!(full["added"].as_u64(), Some(total));
}

#[test]
fn a_second_run_while_one_holds_the_lock_exits_3() {
    let env = Env::shipped();
    env.build();
    let index = tantivy::Index::open_in_dir(env.index()).expect("open");
    let writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
    env.cmd()
        .args(["index"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "in use by another 'minutes index'",
        ));
    // Searching still works while the index is locked.
    assert!(!env.search_json(&["caseload"]).is_empty());
    drop(writer);
    env.cmd()
        .args(["index", "--quiet"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn missing_corpus_is_an_error_naming_it() {
    let env = Env::new();
    env.bare()
        .args(["--corpus", "no-such-folder", "--index"])
        .arg(env.index())
        .args(["index"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-folder does not exist"));
    env.bare()
        .args(["--corpus", "no-such-folder", "--index"])
        .arg(env.index())
        .args(["search", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-folder does not exist"));
}
