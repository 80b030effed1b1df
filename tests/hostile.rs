//! Hostile input and careless use: every case ends in a clear message or
//! a correct result, never a crash, a hang or silent loss.

use predicates::prelude::*;

use crate::util::Env;

fn small_corpus() -> Env {
    let env = Env::new();
    env.write(
        "a.txt",
        "Minutes of the Planning Committee\n\nRESOLVED that the caseload report be noted.\n",
    );
    env.build();
    env
}

#[test]
fn deeply_nested_queries_are_refused_with_a_message_not_a_crash() {
    let env = small_corpus();
    let balanced = format!("{}caseload{}", "(".repeat(3000), ")".repeat(3000));
    let unbalanced = format!("{}caseload", "(".repeat(3000));
    for command in ["search", "resolutions", "trends"] {
        for query in [&balanced, &unbalanced] {
            env.cmd()
                .args([command, query.as_str()])
                .assert()
                .code(2)
                .stderr(predicate::str::contains("parentheses 3000 deep"));
        }
    }
    // Nesting a reader would write still works.
    let hits = env.search_json(&["((caseload OR parking) AND report)"]);
    assert!(!hits.is_empty());
}

#[test]
fn an_overlong_query_is_refused_with_a_message() {
    let env = small_corpus();
    let long = "caseload ".repeat(2000);
    env.cmd()
        .args(["search", long.as_str()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("characters long"));
}

#[test]
fn a_page_past_the_result_window_is_refused_with_how_to_narrow() {
    let env = small_corpus();
    for command in ["search", "resolutions"] {
        env.cmd()
            .args([command, "caseload", "--offset", "999999999"])
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("at most 10000").and(predicate::str::contains("narrow")),
            );
    }
    env.cmd()
        .args(["search", "caseload", "--limit", "20000"])
        .assert()
        .code(2);
    // A page inside the window past the last hit is an empty page.
    env.cmd()
        .args(["search", "caseload", "--offset", "9000"])
        .assert()
        .success();
}

#[test]
fn old_mac_line_endings_keep_words_apart() {
    let env = Env::new();
    env.write(
        "cr.txt",
        "Minutes of the Planning Committee\r\rThe caseload\rreport was noted.\r",
    );
    env.write(
        "cr.md",
        "---\rtitle: Licensing Panel\r---\rThe pelican\rcrossing was approved.\r",
    );
    env.build();
    for (word, source) in [
        ("caseload", "cr.txt"),
        ("report", "cr.txt"),
        ("pelican", "cr.md"),
        ("crossing", "cr.md"),
    ] {
        let hits = env.search_json(&[word]);
        assert!(
            hits.iter().any(|h| h["source"] == source),
            "{word} not found in {source}: {hits:?}"
        );
    }
    let hits = env.search_json(&["pelican"]);
    assert!(
        hits.iter().any(|h| h["title"] == "Licensing Panel"),
        "{hits:?}"
    );
}

#[test]
fn a_bad_sidecar_is_ignored_with_one_warning_naming_it() {
    let env = Env::new();
    let text = "Minutes of the Planning Committee\n\nHeld on 3 March 2021.\n\nThe caseload report was noted.\n";
    for (name, sidecar) in [
        ("broken", "{ \"council\": "),
        ("number", r#"{"council": 42}"#),
        (
            "impossible",
            r#"{"council": "Fenwick City Council", "date": "31/02/2021"}"#,
        ),
    ] {
        env.write(&format!("{name}.txt"), text);
        env.write(&format!("{name}.txt.meta.json"), sidecar);
    }
    let (summary, stderr) = env.index_json(&[]);
    assert_eq!(summary["added"], 3, "{summary}");
    assert_eq!(summary["skipped"], 0, "{summary}");
    let warnings = summary["warnings"].as_array().expect("warnings");
    assert_eq!(warnings.len(), 3, "{summary}");
    for name in ["broken", "number", "impossible"] {
        let sidecar = format!("{name}.txt.meta.json");
        assert_eq!(
            stderr.matches(sidecar.as_str()).count(),
            1,
            "one warning for {sidecar}: {stderr}"
        );
    }
    // Every document is searchable; the good values of the impossible one
    // are kept and its date comes from the text.
    let hits = env.search_json(&["caseload", "--kind", "document", "--all"]);
    assert_eq!(hits.len(), 3, "{hits:?}");
    let impossible = hits
        .iter()
        .find(|h| h["source"] == "impossible.txt")
        .expect("impossible.txt");
    assert_eq!(impossible["council"], "Fenwick City Council");
    assert_eq!(impossible["date"], "2021-03-03");
    // A second run reads nothing again and warns of nothing new.
    let again = env.json(&["index", "--json"]);
    assert_eq!(again["unchanged"], 3, "{again}");
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_corpus_is_named_and_not_followed_unless_asked() {
    use std::os::unix::fs::symlink;
    let env = Env::new();
    env.write("inside/a.txt", "Minutes: the caseload report was noted.");
    // A private folder beside the corpus, linked into it as a folder and
    // as a file; and a link that stays inside the corpus.
    let private = env.dir.path().join("home");
    std::fs::create_dir_all(&private).expect("mkdir");
    std::fs::write(private.join("diary.txt"), "Private caseload diary.").expect("write");
    symlink(&private, env.corpus.join("linked-home")).expect("symlink");
    symlink(private.join("diary.txt"), env.corpus.join("diary.txt")).expect("symlink");
    symlink(env.corpus.join("inside"), env.corpus.join("alias")).expect("symlink");
    let (summary, stderr) = env.index_json(&[]);
    let reasons: Vec<&str> = summary["skipped_files"]
        .as_array()
        .expect("skipped_files")
        .iter()
        .filter_map(|s| s["reason"].as_str())
        .collect();
    assert_eq!(reasons, ["outside-corpus", "outside-corpus"], "{summary}");
    assert!(stderr.contains("--follow-links"), "{stderr}");
    let sources: Vec<String> = env
        .search_json(&["caseload", "--all"])
        .iter()
        .filter_map(|h| h["source"].as_str().map(str::to_owned))
        .collect();
    assert!(sources.iter().all(|s| !s.contains("diary")), "{sources:?}");
    assert!(sources.iter().any(|s| s == "alias/a.txt"), "{sources:?}");
    // Asked to, it follows them.
    env.cmd()
        .args(["index", "--quiet", "--follow-links"])
        .assert()
        .success();
    let sources: Vec<String> = env
        .search_json(&["caseload", "--all"])
        .iter()
        .filter_map(|h| h["source"].as_str().map(str::to_owned))
        .collect();
    assert!(
        sources.iter().any(|s| s == "linked-home/diary.txt"),
        "{sources:?}"
    );
    assert!(sources.iter().any(|s| s == "diary.txt"), "{sources:?}");
}

#[test]
fn a_wrong_corpus_is_refused_and_the_index_keeps_its_records() {
    let env = small_corpus();
    let other = env.dir.path().join("other");
    std::fs::create_dir_all(&other).expect("mkdir");
    std::fs::write(other.join("b.txt"), "Minutes: the pelican crossing.").expect("write");
    let out = env
        .bare()
        .arg("--index")
        .arg(env.index())
        .arg("--corpus")
        .arg(&other)
        .arg("index")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let canonical = |p: &std::path::Path| {
        std::fs::canonicalize(p)
            .expect("canonical")
            .display()
            .to_string()
    };
    assert!(stderr.contains(&canonical(&env.corpus)), "{stderr}");
    assert!(stderr.contains(&canonical(&other)), "{stderr}");
    assert!(
        stderr.contains("--full") && stderr.contains("--index"),
        "{stderr}"
    );
    // Nothing was deleted.
    assert!(!env.search_json(&["caseload"]).is_empty());
    // On purpose, --full replaces the records.
    env.bare()
        .arg("--index")
        .arg(env.index())
        .arg("--corpus")
        .arg(&other)
        .args(["index", "--quiet", "--full"])
        .assert()
        .success();
    assert!(env.search_json(&["caseload"]).is_empty());
}

#[test]
fn a_search_with_no_index_and_no_corpus_builds_nothing() {
    let env = Env::new();
    let missing = env.dir.path().join("nowhere");
    env.bare()
        .arg("--index")
        .arg(env.index())
        .arg("--corpus")
        .arg(&missing)
        .args(["search", "caseload"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("does not exist")
                .and(predicate::str::contains("building").not()),
        );
    assert!(!env.index().exists());
}

#[test]
fn searching_never_needs_to_write_to_the_index() {
    let env = small_corpus();
    // A lock file that cannot be opened for writing, as on a read-only
    // mount or in another user's index (a folder in its place fails for
    // root too, where file permissions would not).
    let lock = env.index().join(".tantivy-meta.lock");
    std::fs::remove_file(&lock).expect("lock file");
    std::fs::create_dir(&lock).expect("folder in its place");
    assert!(!env.search_json(&["caseload"]).is_empty());
    env.cmd().arg("stats").assert().success();
    env.cmd()
        .args(["resolutions", "caseload"])
        .assert()
        .success()
        .stdout(predicate::str::contains("caseload"));
    env.cmd().args(["trends", "caseload"]).assert().success();
    env.cmd().arg("names").assert().success();
}

#[test]
fn text_in_tag_soup_is_kept_and_its_words_apart() {
    let env = Env::new();
    env.write(
        "soup.html",
        "<html><body><table><tr><td>Agenda</td></tr></table><li>Item one<td>budgets here<li>Item two<TD class=x>libraries here<dd>allotments<dt>pelicans</body>",
    );
    env.build();
    for word in [
        "budgets",
        "libraries",
        "allotments",
        "pelicans",
        "one",
        "two",
    ] {
        assert_eq!(
            env.search_json(&[word]).len(),
            1,
            "{word} is lost in the soup"
        );
    }
}

#[test]
fn jsonl_records_are_documents_and_a_bad_line_costs_that_line_only() {
    let env = Env::new();
    let line = |id: &str, text: &str, extra: &str| {
        format!(r#"{{"id": "{id}", "text": "{text}", "scraped_at": "2025-01-01"{extra}}}"#)
    };
    let good = [
        line(
            "m1",
            "Minutes of the Planning Committee. The caseload report was noted.",
            r#", "council": "Fenwick City Council", "date": "2025-03-03""#,
        ),
        line(
            "m2",
            "<h1>Licensing Panel</h1><p>The pelican crossing was approved.</p>",
            r#", "format": "html""#,
        ),
        line(
            "m3",
            "Minutes of the Audit Committee. Allotments were discussed.",
            "",
        ),
    ];
    let file = format!("{}\n{{ not json\n{}\n{}\n", good[0], good[1], good[2]);
    env.write("scrape/records.jsonl", &file);
    let summary = env.json(&["index", "--json"]);
    assert_eq!(summary["added"], 3, "{summary}");
    assert_eq!(summary["skipped"], 1, "{summary}");
    let skipped = &summary["skipped_files"][0];
    assert_eq!(skipped["reason"], "bad-record");
    assert!(
        skipped["message"].as_str().unwrap_or("").contains("line 2"),
        "{skipped}"
    );
    let caseload = env.search_json(&["caseload"]);
    assert_eq!(caseload[0]["source"], "scrape/records.jsonl:m1");
    assert_eq!(caseload[0]["council"], "Fenwick City Council");
    assert_eq!(caseload[0]["council_source"], "sidecar");
    assert_eq!(caseload[0]["date"], "2025-03-03");
    let pelican = env.search_json(&["pelican"]);
    assert_eq!(pelican[0]["title"], "Licensing Panel", "{pelican:?}");
    // One line changed, one added, one removed: only that work is done.
    let changed = line(
        "m2",
        "<h1>Licensing Panel</h1><p>The zebra crossing was approved.</p>",
        r#", "format": "html""#,
    );
    let added = line("m4", "Minutes of the Cabinet. Libraries.", "");
    env.write(
        "scrape/records.jsonl",
        format!("{}\n{changed}\n{added}\n", good[0]),
    );
    let again = env.json(&["index", "--json"]);
    assert_eq!(
        (
            &again["unchanged"],
            &again["updated"],
            &again["added"],
            &again["deleted"]
        ),
        (&1.into(), &1.into(), &1.into(), &1.into()),
        "{again}"
    );
    assert!(env.search_json(&["pelican"]).is_empty());
    assert_eq!(env.search_json(&["zebra"]).len(), 1);
}

/// Mount a tmpfs of `size` at `at`, if this machine lets the tests do so
/// (root with the right to mount); unmounted on drop.
#[cfg(target_os = "linux")]
struct Tmpfs(std::path::PathBuf);

#[cfg(target_os = "linux")]
impl Tmpfs {
    fn mount(at: &std::path::Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(at.to_path_buf()))
    }

    fn resize(&self, size: &str) {
        let status = std::process::Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.0)
            .status()
            .expect("remount");
        assert!(status.success());
    }
}

#[cfg(target_os = "linux")]
impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn after_a_full_disk_the_next_run_succeeds_and_leaves_nothing_behind() {
    let env = Env::new();
    crate::util::generate_corpus(&env, "bulk", 150, 12_000, "caseload");
    let disk = env.dir.path().join("disk");
    let Some(tmpfs) = Tmpfs::mount(&disk, "512k") else {
        println!("skipped: this machine does not let the tests mount a small file system");
        return;
    };
    let index = disk.join("index");
    let run = || {
        let mut cmd = env.bare();
        cmd.arg("--index")
            .arg(&index)
            .arg("--corpus")
            .arg(&env.corpus);
        cmd.args(["index", "--quiet"]).assert()
    };
    let out = run().code(1).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("full disk"), "{stderr}");
    tmpfs.resize("200m");
    run().success();
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(index.join("meta.json")).expect("meta.json"))
            .expect("json");
    let used: Vec<String> = meta["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter_map(|s| s["segment_id"].as_str().map(|id| id.replace('-', "")))
        .collect();
    let stray: Vec<String> = std::fs::read_dir(&index)
        .expect("index folder")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        // The first-seen store, the change log and the last build's summary
        // are ours; their temporary files would be stray.
        .filter(|n| {
            !n.starts_with('.')
                && !["meta.json", "seen.bin", "changes.jsonl", "last-build.json"]
                    .contains(&n.as_str())
        })
        .filter(|n| !used.iter().any(|id| n.starts_with(id.as_str())))
        .collect();
    assert!(stray.is_empty(), "left behind: {stray:?}");
    let hits = crate::util::hits(crate::util::parse_lines(
        &env.bare()
            .arg("--index")
            .arg(&index)
            .args(["search", "caseload", "--format", "json", "--limit", "1"])
            .assert()
            .success()
            .get_output()
            .stdout,
    ));
    assert!(!hits.is_empty());
}
