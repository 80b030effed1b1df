//! `minutes index`: decoding, bad files, incremental runs and the lock.

use predicates::prelude::*;

use crate::util::Env;

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
    assert_eq!(
        env.search_json(&["allotment", "--kind", "document"]).len(),
        1
    );
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
    // The broken sidecar costs its values only: side.txt is indexed.
    assert_eq!(summary["added"], 2);
    assert_eq!(summary["skipped"], 1);
    assert_eq!(summary["warnings"][0]["reason"], "bad-metadata");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().filter(|l| l.contains("binary.txt")).count(),
        1
    );
    assert_eq!(env.search_json(&["library"]).len(), 2);
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
    let first = env.index_json(&[]).0;
    let total = first["added"].as_u64().expect("added");
    assert!(total >= 10);
    assert_eq!(scratch_files(&env), Vec::<String>::new());
    let again = env.index_json(&[]).0;
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
    let changed = env.index_json(&[]).0;
    assert_eq!(changed["updated"], 1, "{changed}");
    assert_eq!(changed["deleted"], 1, "{changed}");
    assert_eq!(changed["added"], 1, "{changed}");
    assert_eq!(changed["unchanged"].as_u64(), Some(total - 2), "{changed}");
    // The changed file is one document (a one-item page) and one resolution.
    let zebra = env.search_json(&["zebra"]);
    let kinds: Vec<&str> = zebra.iter().filter_map(|h| h["kind"].as_str()).collect();
    assert_eq!(kinds.len(), 2, "{zebra:?}");
    assert!(kinds.contains(&"document") && kinds.contains(&"resolution"));
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
    let full = env.index_json(&["--full"]).0;
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
    let file = env.write("a.txt", "text");
    env.bare()
        .arg("--corpus")
        .arg(&file)
        .arg("--index")
        .arg(env.index())
        .args(["index"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is a file, not a folder of documents",
        ));
}

/// Start `minutes index` in the background.
fn spawn_index(env: &Env) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("minutes"))
        .arg("--index")
        .arg(env.index())
        .arg("--corpus")
        .arg(&env.corpus)
        .args(["index", "--quiet", "--json"])
        .env_remove("MINUTES_INDEX")
        .env_remove("MINUTES_CORPUS")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn minutes index")
}

/// Give the first run time to take the index lock (it does so right after
/// starting, then holds it while it reads files), failing if it finished
/// first. Probing the lock would take it, so this only waits.
fn wait_for_lock(child: &mut std::process::Child) {
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert!(
        child.try_wait().expect("try_wait").is_none(),
        "the first run finished before the test could interfere; make the corpus bigger"
    );
}

#[test]
fn a_run_killed_part_way_leaves_the_last_commit_searchable_and_the_next_run_finishes() {
    let env = Env::new();
    env.write(
        "kept/old.txt",
        "Minutes: the pelican crossing was approved.",
    );
    env.build();
    crate::util::generate_corpus(&env, "bulk", 1500, 20_000, "flamingo");
    let mut child = spawn_index(&env);
    wait_for_lock(&mut child);
    assert!(
        child.try_wait().expect("try_wait").is_none(),
        "finished too soon"
    );
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");

    // The previous commit is intact: the old document is there, none of the new.
    assert_eq!(env.search_json(&["pelican"]).len(), 1);
    assert!(env.search_json(&["flamingo"]).is_empty());
    // The next run takes the lock the dead one held and completes the work.
    let summary = env.json(&["index", "--json", "--quiet"]);
    assert_eq!(summary["added"], 1500, "{summary}");
    assert_eq!(summary["unchanged"], 1, "{summary}");
    assert_eq!(
        env.search_json(&["flamingo"]).len(),
        1000,
        "search_json caps at 1000"
    );
    // No scratch file of the first pass is left, by the killed run or the next.
    assert_eq!(scratch_files(&env), Vec::<String>::new());
}

/// The scratch files in the index folder: a build removes its own.
fn scratch_files(env: &Env) -> Vec<String> {
    std::fs::read_dir(env.index())
        .expect("read the index folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".tmp"))
        .collect()
}

#[test]
fn two_runs_at_once_one_waits_out_with_the_lock_code() {
    let env = Env::new();
    env.write("kept/old.txt", "Minutes: the heron survey was noted.");
    env.build();
    crate::util::generate_corpus(&env, "bulk", 1200, 20_000, "cormorant");
    let mut first = spawn_index(&env);
    wait_for_lock(&mut first);
    env.cmd()
        .args(["index"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "is in use by another 'minutes index'; wait for it to finish",
        ));
    // Searching works while the first run writes, and sees the last commit.
    assert_eq!(env.search_json(&["heron"]).len(), 1);
    let output = first.wait_with_output().expect("first run");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(summary["added"], 1200);
    assert_eq!(env.search_json(&["cormorant"]).len(), 1000);
    assert_eq!(env.search_json(&["heron"]).len(), 1);
}

#[test]
fn oversized_files_are_skipped_with_the_reason() {
    let env = Env::new();
    env.write("small.txt", "Minutes about the bandstand.");
    env.write("big.txt", "bandstand ".repeat(1000));
    let out = env
        .cmd()
        .args(["index", "--json", "--max-file-bytes", "5000"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "big.txt: 10000 bytes is more than the 5000 byte limit",
        ))
        .get_output()
        .stdout
        .clone();
    let summary: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(summary["skipped"], 1);
    assert_eq!(summary["skipped_files"][0]["reason"], "too-large");
    assert_eq!(env.search_json(&["bandstand"]).len(), 1);
    // The index names the file it left out after the run, too, though the
    // commit itself keeps only the count (every search parses it).
    let stats = env.json(&["stats", "--format", "json"]);
    let listed = &stats["last_build"]["summary"]["skipped_files"];
    assert_eq!(listed[0]["reason"], "too-large", "{stats}");
    assert!(
        listed[0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("big.txt"))
    );
    let text = env.stdout(&["stats"]);
    assert!(text.contains("Files the last build left out: 1"), "{text}");
    assert!(text.contains("big.txt  (too-large)"), "{text}");
    let meta = std::fs::read_to_string(env.index().join("meta.json")).expect("meta.json");
    assert!(!meta.contains("big.txt"), "the payload holds no file names");
}

#[test]
fn stats_show_latest_meetings_and_undated_documents() {
    let env = Env::shipped();
    env.build();
    let stats = env.json(&["stats", "--format", "json"]);
    assert_eq!(
        stats["councils"]["Lancashire County Council"]["latest_meeting"],
        "2017-01-18"
    );
    assert_eq!(
        stats["councils"]["Coventry City Council"]["latest_meeting"],
        "2017-07-13"
    );
    let undated: Vec<&str> = stats["undated"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(undated.contains(
        &"worcestershire-county-council/cabinet/undated/childrens-social-care-service-improvement-plan-update.txt"
    ));
    assert!(!undated.iter().any(|s| s.contains("lancashire")));
    assert_eq!(
        stats["documents"],
        stats["last_build"]["summary"]["documents"]
    );
    let text = env.stdout(&["stats"]);
    assert!(text.contains("Documents with no meeting date"), "{text}");
    assert!(text.contains("2017-07-13"), "{text}");
}

#[test]
fn stats_without_an_index_says_how_to_build_one() {
    let env = Env::new();
    env.cmd()
        .args(["stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("build it with 'minutes index'"));
}

#[test]
fn a_file_rewritten_with_the_same_content_is_unchanged_and_not_new() {
    // Scrapers often download the same minutes again: new mtime, same bytes.
    let env = Env::new();
    let path = env.write("minutes.txt", "Minutes: the osprey nest was protected.");
    env.write("other.txt", "Minutes: the kestrel survey.");
    env.build();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("open")
        .set_modified(later)
        .expect("touch");
    let summary = env.json(&["index", "--json"]);
    assert_eq!(summary["updated"], 0, "{summary}");
    assert_eq!(summary["added"], 0, "{summary}");
    assert_eq!(summary["unchanged"], 2, "{summary}");
    assert!(
        env.search_json(&["osprey", "--new"]).is_empty(),
        "same content is not new"
    );
    assert_eq!(env.search_json(&["osprey"]).len(), 1);
    // A rerun after that reads nothing at all.
    let again = env.json(&["index", "--json"]);
    assert_eq!(again["unchanged"], 2, "{again}");
}

#[test]
fn an_index_analysed_by_another_stemmer_is_rebuilt_in_full() {
    let env = Env::shipped();
    env.build();
    // Make the last commit say it was analysed by another stemmer version.
    let meta_path = env.index().join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).expect("meta.json"))
            .expect("meta JSON");
    let mut payload: serde_json::Value =
        serde_json::from_str(meta["payload"].as_str().expect("a payload")).expect("payload");
    assert!(
        payload["analyzer"]
            .as_str()
            .is_some_and(|a| a.starts_with("frostem ")),
        "the stemmer is recorded: {payload}"
    );
    payload["analyzer"] = "frostem 0.0.1".into();
    meta["payload"] = payload.to_string().into();
    std::fs::write(&meta_path, meta.to_string()).expect("write meta.json");

    env.cmd()
        .args(["search", "caseload"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("frostem 0.0.1"))
        .stderr(predicate::str::contains("minutes index --full"));
    let out = env
        .cmd()
        .args(["index", "--json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("rebuilding it in full"))
        .get_output()
        .stdout
        .clone();
    let summary: serde_json::Value = serde_json::from_slice(&out).expect("summary");
    assert_eq!(summary["full"], true);
    assert_eq!(summary["unchanged"], 0);
    env.cmd().args(["search", "caseload"]).assert().success();
}

/// The segments of the index in `env`, by the names of their stored-text
/// files (one per segment).
fn segment_files(env: &Env) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(env.index())
        .expect("read the index folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".store"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_full_build_leaves_one_segment_and_a_small_run_leaves_it_alone() {
    let env = Env::new();
    // Enough text that both indexing threads write segments of their own.
    crate::util::generate_corpus(&env, "bulk", 400, 20_000, "avocet");
    let summary = env.json(&["index", "--json", "--quiet", "--threads", "2"]);
    assert_eq!(summary["added"], 400, "{summary}");
    let built = segment_files(&env);
    assert_eq!(built.len(), 1, "the run's segments become one: {built:?}");
    let sources: std::collections::HashSet<String> = env
        .search_json(&["avocet"])
        .iter()
        .filter_map(|hit| Some(hit["source"].as_str()?.to_owned()))
        .collect();
    assert_eq!(sources.len(), 400, "no document lost");

    // A nightly run that changes one file writes one small segment and
    // does not rewrite the large one.
    env.write("bulk/extra.txt", "Minutes: the godwit survey was noted.");
    env.json(&["index", "--json", "--quiet", "--threads", "2"]);
    let after = segment_files(&env);
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(after.contains(&built[0]), "{built:?} kept in {after:?}");
    assert_eq!(env.search_json(&["godwit"]).len(), 1);
}

/// What a progress bar is told: each pass named, with its own count.
#[derive(Default)]
struct Passes(std::sync::Mutex<Vec<(String, u64, u64)>>);

impl minutes::pipeline::Progress for Passes {
    fn start(&self, doing: &str, files: u64) {
        if let Ok(mut passes) = self.0.lock() {
            passes.push((doing.to_owned(), files, 0));
        }
    }

    fn advance(&self) {
        if let Ok(mut passes) = self.0.lock()
            && let Some(pass) = passes.last_mut()
        {
            pass.2 += 1;
        }
    }
}

#[test]
fn each_pass_of_a_run_counts_its_own_files_from_nought() {
    let env = Env::new();
    for n in 0..5 {
        env.write(
            &format!("m{n}.txt"),
            format!(
                "Minutes of the Planning Committee, meeting {n}. The council noted the report."
            ),
        );
    }
    let options = minutes::pipeline::BuildOptions::new(env.corpus.clone(), env.index());
    let run = || {
        let passes = Passes::default();
        minutes::pipeline::build(&options, &passes).expect("build");
        passes.0.into_inner().expect("passes")
    };
    let pass = |doing: &str, n: u64| (doing.to_owned(), n, n);
    // Five files are five, not ten: the bar ends full on each pass.
    assert_eq!(run(), [pass("reading", 5), pass("indexing", 5)]);
    env.write(
        "m9.txt",
        "Minutes of the Planning Committee, a new meeting.",
    );
    assert_eq!(run(), [pass("reading", 1), pass("indexing", 1)]);
}
