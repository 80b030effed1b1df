//! The JSON output contract, before and after a restructure.
//!
//! `tests/golden/outputs.json` holds what a fixed set of commands printed on
//! the shipped corpus when it was blessed. Every field of every line blessed
//! must still be there with the same value: new fields and new line types
//! (a closing `summary` line) may be added, nothing may be renamed, removed
//! or changed. Fields that change from run to run (timings, sizes, build
//! times) are left out on both sides.
//!
//! Bless after a reviewed, intended change with
//! `MINUTES_BLESS=1 cargo test golden`, and review the diff like code.

use std::path::Path;

use serde_json::Value;

use crate::util::{Env, parse_lines};

/// The commands, as a user types them after `minutes`.
const COMMANDS: &[&[&str]] = &[
    &["search", "caseload", "--format", "json"],
    &[
        "search",
        "improvement board",
        "--format",
        "json",
        "--limit",
        "5",
    ],
    &[
        "search", "council", "--format", "json", "--limit", "20", "--facets",
    ],
    &[
        "search",
        "young carers",
        "--kind",
        "item",
        "--format",
        "json",
    ],
    &["search", "ofsted", "--sort", "-date", "--format", "json"],
    &["search", "social worker recruitment", "--format", "json"],
    &[
        "search", "improv*", "--format", "json", "--all", "--limit", "8",
    ],
    &[
        "search",
        "children",
        "--council",
        "coventry",
        "--from",
        "2017-01-01",
        "--to",
        "31/12/2017",
        "--format",
        "json",
    ],
    &["resolutions", "--format", "json", "--limit", "50"],
    &[
        "resolutions",
        "care leavers",
        "--format",
        "json",
        "--facets",
    ],
    &["trends", "caseload", "--format", "json"],
    &[
        "trends",
        "--by",
        "committee",
        "--per",
        "month",
        "--format",
        "json",
    ],
    &[
        "show",
        "lancashire-county-council/childrens-services-scrutiny-committee/2017-01-18/improvement-board-update.txt#0",
        "--format",
        "json",
    ],
    &[
        "show",
        "coventry-city-council/education-and-childrens-services-scrutiny-board-2/2017-07-13/agenda-pack.txt#4",
        "--format",
        "json",
    ],
    &["stats", "--format", "json"],
];

/// Keys whose values differ between runs of the same build.
const VOLATILE: &[&str] = &[
    "seconds",
    "index_bytes",
    "built_at",
    "indexed",
    "first_indexed",
    "schema_version",
    // The absolute path of the checkout the outputs were blessed in.
    "corpus",
];

fn golden_file() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/outputs.json"
    ))
}

fn strip_volatile(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, _| !VOLATILE.contains(&k.as_str()));
            map.values_mut().for_each(strip_volatile);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_volatile),
        _ => {}
    }
}

/// Where `actual` lacks or changes something `expected` has, in words.
fn differences(expected: &Value, actual: &Value, at: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                match a.get(key) {
                    Some(found) => differences(value, found, &format!("{at}.{key}"), out),
                    None => out.push(format!("{at}.{key} is missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                differences(x, y, &format!("{at}[{i}]"), out);
            }
        }
        _ if expected == actual => {}
        _ => out.push(format!("{at}: expected {expected}, got {actual}")),
    }
}

#[test]
fn json_output_keeps_every_blessed_field() {
    let env = Env::shipped();
    env.build();
    let mut now = Vec::new();
    for args in COMMANDS {
        let out = env
            .cmd()
            .args(*args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let mut lines: Vec<Value> = parse_lines(&out);
        lines.iter_mut().for_each(strip_volatile);
        now.push(serde_json::json!({ "args": args, "lines": lines }));
    }
    if std::env::var_os("MINUTES_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&now).expect("json");
        std::fs::create_dir_all(golden_file().parent().expect("parent")).expect("mkdir");
        std::fs::write(golden_file(), text + "\n").expect("write golden file");
        return;
    }
    let mut blessed: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(golden_file()).expect("tests/golden/outputs.json"),
    )
    .expect("golden JSON");
    // (Keys made volatile since the blessing are left out of it too.)
    blessed.iter_mut().for_each(strip_volatile);
    assert_eq!(
        blessed.len(),
        now.len(),
        "the command list changed; bless again"
    );
    let mut problems = Vec::new();
    for (old, new) in blessed.iter().zip(&now) {
        let args = old["args"].to_string();
        let empty = Vec::new();
        let mut old_lines: Vec<Value> = old["lines"].as_array().unwrap_or(&empty).clone();
        // A summary line is newer than the first blessing; every other line
        // keeps its place.
        let blessed_summary = old_lines.iter().any(|l| l["type"] == "summary");
        let mut new_lines: Vec<Value> = new["lines"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .filter(|l| blessed_summary || l.get("type").and_then(Value::as_str) != Some("summary"))
            .cloned()
            .collect();
        if sorts_by_date(&old["args"]) {
            // Records of one date were blessed in the order one build wrote
            // them; compare them as a set.
            old_lines = ties_as_sets(old_lines);
            new_lines = ties_as_sets(new_lines);
        }
        if old_lines.len() != new_lines.len() {
            problems.push(format!(
                "{args}: {} lines blessed, {} now",
                old_lines.len(),
                new_lines.len()
            ));
            continue;
        }
        for (i, (e, a)) in old_lines.iter().zip(&new_lines).enumerate() {
            differences(e, a, &format!("{args} line {i}"), &mut problems);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Whether the command lists records by date (resolutions do by default).
fn sorts_by_date(args: &Value) -> bool {
    let args: Vec<&str> = args
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let sort = args
        .iter()
        .position(|a| *a == "--sort")
        .and_then(|i| args.get(i + 1));
    match sort {
        Some(order) => *order != "relevance",
        None => args.first() == Some(&"resolutions"),
    }
}

/// Hits of one date, in id order, without their ranks.
fn ties_as_sets(lines: Vec<Value>) -> Vec<Value> {
    let key = |l: &Value| (l["date"].to_string(), l["id"].to_string());
    let mut out: Vec<Value> = Vec::with_capacity(lines.len());
    let mut run: Vec<Value> = Vec::new();
    for mut line in lines {
        if let Some(map) = line.as_object_mut() {
            map.remove("rank");
        }
        if run
            .last()
            .is_some_and(|l: &Value| l["date"] != line["date"])
        {
            run.sort_by_key(key);
            out.append(&mut run);
        }
        run.push(line);
    }
    run.sort_by_key(key);
    out.append(&mut run);
    out
}
