//! Saved searches: `watch add|list|rm|run`, alerts that carry only what is
//! new, marks that move only after the output is out, and Atom feeds.

use std::io::Read;
use std::process::Stdio;
use std::time::Duration;

use crate::novelty::{MINUTES, PATH, indexed};
use crate::util::{Env, parse_lines};

/// The JSON lines `watch run` prints with `args`.
fn run_json(env: &Env, args: &[&str]) -> Vec<serde_json::Value> {
    let out = env
        .cmd()
        .args(["watch", "run", "--format", "json"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    parse_lines(&out)
}

/// The (id, status) of each hit `watch run` reports now.
fn reported(env: &Env) -> Vec<(String, String)> {
    run_json(env, &[])
        .iter()
        .filter(|l| l["type"] == "hit")
        .map(|l| {
            (
                l["id"].as_str().unwrap().to_owned(),
                l["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn add(env: &Env, args: &[&str]) {
    env.cmd()
        .args(["watch", "add"])
        .args(args)
        .assert()
        .success();
}

/// A second meeting of the same committee, with an osprey item of its own.
fn second_meeting(env: &Env) {
    env.write(
        "barrow/planning/2024-04-02/minutes.txt",
        MINUTES
            .replace("5 March 2024", "2 April 2024")
            .replace("at the reservoir", "which now has two chicks"),
    );
}

#[test]
fn a_saved_search_reports_what_comes_after_it_once_and_in_full_words_only() {
    let env = indexed();
    add(&env, &["osprey", "osprey"]);
    add(&env, &["zebra", "osprey zebra"]);
    assert!(reported(&env).is_empty(), "nothing is new yet");
    second_meeting(&env);
    env.build();
    let text = env.stdout(&["watch", "run"]);
    assert!(text.contains("== osprey: 2 new, 0 changed"), "{text}");
    assert!(text.contains("which now has two chicks"), "{text}");
    // 'osprey zebra' matches only some of the words: never an alert.
    assert!(!text.contains("== zebra"), "{text}");
    // Reported once: the marks moved on.
    assert_eq!(
        env.stdout(&["watch", "run"]),
        "",
        "silent when nothing is new"
    );
    let lines = run_json(&env, &["zebra"]);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["type"], "watch");
    assert_eq!(lines[0]["total"], 0);
}

#[test]
fn a_renamed_file_is_not_news_and_an_edited_item_is_changed() {
    let env = indexed();
    add(&env, &["osprey", "osprey"]);
    let moved = env.corpus.join("barrow/planning-2024-03-05.txt");
    std::fs::rename(env.corpus.join(PATH), &moved).unwrap();
    env.build();
    assert!(reported(&env).is_empty());
    std::fs::write(
        &moved,
        MINUTES.replace("noted the report", "deferred the report"),
    )
    .unwrap();
    env.build();
    let hits = reported(&env);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].1, "changed");
    assert!(
        hits[0].0.ends_with("#5"),
        "the item, not its document: {hits:?}"
    );
}

#[test]
fn add_list_and_rm_keep_the_config_file() {
    let env = indexed();
    let config = env.dir.path().join("minutes.toml");
    std::fs::write(&config, "# my names\n").unwrap();
    add(
        &env,
        &[
            "cabinet-decisions",
            "",
            "--kind",
            "resolution",
            "--from",
            "01/01/2024",
        ],
    );
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.starts_with("# my names\n"), "{text}");
    assert!(text.contains("from = \"2024-01-01\""), "{text}");
    let list = env.stdout(&["watch", "list"]);
    assert!(list.starts_with("cabinet-decisions\t\"\" --from"), "{list}");
    let json = parse_lines(
        env.stdout(&["watch", "list", "--format", "json"])
            .as_bytes(),
    );
    assert_eq!(json[0]["type"], "saved-search");
    assert_eq!(json[0]["kind"], "resolution");
    assert_eq!(json[0]["last_run"], 1);
    let taken = env
        .cmd()
        .args(["watch", "add", "cabinet-decisions", "x"])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&taken).contains("watch rm cabinet-decisions"));
    env.cmd()
        .args(["watch", "rm", "cabinet-decisions"])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "# my names\n");
    let missing = env
        .cmd()
        .args(["watch", "run", "cabinet-decisions"])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let missing = String::from_utf8_lossy(&missing);
    assert!(
        missing.contains("no saved search is named 'cabinet-decisions'"),
        "{missing}"
    );
    let bad = env
        .cmd()
        .args(["watch", "add", "../etc", "x"])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&bad).contains("cannot name a saved search"));
}

#[cfg(unix)]
#[test]
fn a_run_killed_before_its_output_is_out_reports_the_same_records_again() {
    let env = Env::new();
    crate::util::generate_corpus(&env, "bulk", 300, 1_500, "caseload");
    env.build();
    add(&env, &["caseload", "caseload", "--backfill"]);
    // Nobody reads its stdout: it fills the pipe and waits there, before
    // its mark can move.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("minutes"))
        .arg("--index")
        .arg(env.index())
        .args(["watch", "run", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run must still be writing when it is killed"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let mut partial = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut partial)
        .unwrap();
    let expected = env.search_json(&["caseload"]).len();
    assert!(expected >= 300);
    assert!(partial.lines().count() < expected, "it was cut short");
    let first = reported(&env);
    assert_eq!(first.len(), expected, "everything again, nothing lost");
    assert!(first.iter().all(|(_, status)| status == "new"));
    assert!(reported(&env).is_empty(), "and nothing twice after success");
}

#[test]
fn a_feed_parses_and_keeps_its_entry_ids_across_runs_renames_and_edits() {
    let env = indexed();
    add(&env, &["osprey", "osprey"]);
    let feed = |env: &Env| {
        let out = env
            .cmd()
            .args(["watch", "run", "osprey", "--format", "atom"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        feed_rs::parser::parse(&out[..]).expect("a valid feed")
    };
    let first = feed(&env);
    assert_eq!(first.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(first.id, "urn:minutes:watch:osprey");
    assert_eq!(first.entries.len(), 2, "the document and its item");
    let item = first
        .entries
        .iter()
        .find(|e| e.title.as_ref().unwrap().content == "Osprey nesting platform")
        .expect("the osprey item");
    let summary = &item.summary.as_ref().unwrap().content;
    assert!(
        summary.starts_with("Barrow Borough Council · Planning Committee · 5 March 2024"),
        "{summary}"
    );
    assert!(item.updated.is_some() && item.published.is_some());
    let ids = |f: &feed_rs::model::Feed| {
        let mut ids: Vec<String> = f.entries.iter().map(|e| e.id.clone()).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&feed(&env)), ids(&first), "the same ids run after run");
    let moved = env.corpus.join("elsewhere.txt");
    std::fs::rename(env.corpus.join(PATH), &moved).unwrap();
    env.build();
    assert_eq!(
        ids(&feed(&env)),
        ids(&first),
        "a renamed file keeps its ids"
    );
    std::fs::write(
        &moved,
        MINUTES.replace("noted the report", "deferred the report"),
    )
    .unwrap();
    env.build();
    let after = feed(&env);
    let edited = after
        .entries
        .iter()
        .find(|e| e.id == item.id)
        .expect("an edited record keeps its entry id");
    assert!(edited.updated > item.updated || edited.summary != item.summary);
    // --feed-dir writes one file a saved search.
    let dir = env.dir.path().join("feeds");
    env.cmd()
        .args(["watch", "run", "--format", "atom", "--feed-dir"])
        .arg(&dir)
        .assert()
        .success();
    let bytes = std::fs::read(dir.join("osprey.atom")).unwrap();
    assert_eq!(feed_rs::parser::parse(&bytes[..]).unwrap().entries.len(), 2);
}

#[test]
fn hostile_text_stays_text_in_a_feed() {
    let env = Env::new();
    env.write(
        "x/2024-01-01/m.txt",
        "Minutes of the Council\n\nosprey <script>alert(1)</script> & \u{1}\u{7} ]]> done",
    );
    env.build();
    add(&env, &["osprey", "osprey", "--backfill"]);
    let out = env
        .cmd()
        .args(["watch", "run", "osprey", "--format", "atom"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(!text.contains("<script>"), "{text}");
    let feed = feed_rs::parser::parse(&out[..]).expect("still a valid feed");
    let summary = &feed.entries[0].summary.as_ref().unwrap().content;
    assert!(summary.contains("<script>alert(1)</script> &"), "{summary}");
}
