//! `minutes export`: every record, whole, in the shape its JSON Schema
//! describes, and no more than the filters ask for.

use std::path::Path;

use crate::util::{Env, parse_lines};

fn export(env: &Env, args: &[&str]) -> Vec<serde_json::Value> {
    let out = env
        .cmd()
        .arg("export")
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("exported"), "{stderr}");
    parse_lines(&out.stdout)
}

fn validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/export-record.v1.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("schema"))
            .expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

#[test]
fn every_record_is_exported_whole_and_every_line_validates_against_the_schema() {
    let env = Env::shipped();
    env.build();
    let lines = export(&env, &[]);
    let stats = env.json(&["stats", "--format", "json"]);
    assert_eq!(
        lines.len() as u64,
        stats["records"].as_u64().expect("records"),
        "{stats}"
    );
    let validator = validator();
    for line in &lines {
        let errors: Vec<String> = validator.iter_errors(line).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", line["id"]);
    }
    let mut ids: Vec<&str> = lines.iter().filter_map(|l| l["id"].as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), lines.len(), "each record once");
    // Each line carries what 'show' says of the record, text included.
    for line in &lines {
        let id = line["id"].as_str().unwrap();
        let shown = env.json(&["show", id, "--format", "json"]);
        for (field, value) in shown.as_object().unwrap() {
            assert_eq!(&line[field], value, "{id}: {field}");
        }
    }
    assert!(
        lines
            .iter()
            .any(|l| l["kind"] == "resolution" && !l["text"].as_str().unwrap().is_empty())
    );
}

#[test]
fn filters_and_a_query_narrow_the_export() {
    let env = Env::shipped();
    env.build();
    let all = export(&env, &[]);
    let kirklees = export(&env, &["--council", "kirklees"]);
    let expected = all
        .iter()
        .filter(|l| {
            l["council"]
                .as_str()
                .is_some_and(|c| c.to_lowercase().contains("kirklees"))
        })
        .count();
    assert!(expected > 0 && expected < all.len());
    assert_eq!(kirklees.len(), expected);
    let resolutions = export(&env, &["--kind", "resolution"]);
    assert!(!resolutions.is_empty());
    assert!(resolutions.iter().all(|l| {
        l["kinds"]
            .as_array()
            .unwrap()
            .contains(&"resolution".into())
    }));
    let caseload = export(&env, &["caseload"]);
    assert!(!caseload.is_empty() && caseload.len() < all.len());
    assert!(caseload.iter().all(|l| {
        l["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("caseload")
            || l["title"]
                .as_str()
                .is_some_and(|t| t.to_lowercase().contains("caseload"))
    }));
}

#[test]
fn export_into_a_closed_pipe_is_a_success() {
    let env = Env::shipped();
    env.build();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("minutes"))
        .arg("--index")
        .arg(env.index())
        .arg("--corpus")
        .arg(&env.corpus)
        .arg("export")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let status = child.wait().expect("wait");
    assert!(status.success(), "{status}");
}

const PACK: &str = "coventry-city-council/education-and-childrens-services-scrutiny-board-2/2017-07-13/agenda-pack.txt";
const GONE: &str = "wirral-council/children-and-families-overview-and-scrutiny-committee/undated/improvement-journey-and-data-tracker-update.txt";
const ADDED: &str = "fenwick-city-council/cabinet/2026-01-12/minutes.txt";

fn by_id(lines: &[serde_json::Value]) -> std::collections::BTreeMap<String, serde_json::Value> {
    lines
        .iter()
        .map(|l| (l["id"].as_str().unwrap().to_owned(), l.clone()))
        .collect()
}

#[test]
fn changes_since_a_run_are_exactly_its_added_changed_and_deleted_records() {
    let env = Env::shipped_copy();
    env.build();
    let before = by_id(&export(&env, &[]));
    // One night's changes: a file cut short (fewer items), one deleted, one added.
    let pack = std::fs::read_to_string(env.corpus.join(PACK)).unwrap();
    let cut = pack
        .char_indices()
        .nth(pack.chars().count() / 10)
        .map_or(0, |(i, _)| i);
    std::fs::write(env.corpus.join(PACK), &pack[..cut]).unwrap();
    std::fs::remove_file(env.corpus.join(GONE)).unwrap();
    env.write(ADDED, "Fenwick City Council\nMinutes of the Cabinet held on 12 January 2026\n\n1. Caseload review\n\nRESOLVED that the caseload review be noted.\n");
    env.build();
    let after = by_id(&export(&env, &[]));

    let out = env
        .cmd()
        .args(["export", "--changes-since", "1"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = parse_lines(&out);
    let summary = lines.last().expect("a summary line");
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["since"], 1);
    assert_eq!(summary["run"], 2);
    let upserts: Vec<&serde_json::Value> = lines.iter().filter(|l| l["type"] == "record").collect();
    let deletes: Vec<&str> = lines
        .iter()
        .filter(|l| l["type"] == "delete")
        .filter_map(|l| l["id"].as_str())
        .collect();
    assert_eq!(summary["upserts"], upserts.len());
    assert_eq!(summary["deletes"], deletes.len());

    // Deletions: exactly the ids that were there and are not now.
    let gone: Vec<&str> = before
        .keys()
        .filter(|id| !after.contains_key(*id))
        .map(String::as_str)
        .collect();
    assert!(
        gone.iter().any(|id| id.starts_with(GONE)) && gone.iter().any(|id| id.starts_with(PACK)),
        "{gone:?}"
    );
    assert_eq!(deletes, gone);
    // Upserts: every record of the files written, as the full export has them;
    // among them every record that is new or differs.
    let written: Vec<&str> = after
        .keys()
        .filter(|id| id.starts_with(PACK) || id.starts_with(ADDED))
        .map(String::as_str)
        .collect();
    let mut upserted: Vec<&str> = upserts.iter().filter_map(|l| l["id"].as_str()).collect();
    upserted.sort_unstable();
    assert_eq!(upserted, written);
    for line in &upserts {
        assert_eq!(*line, &after[line["id"].as_str().unwrap()]);
    }
    let differ: Vec<&String> = after
        .iter()
        .filter(|(id, l)| before.get(*id) != Some(l))
        .map(|(id, _)| id)
        .collect();
    assert!(!differ.is_empty());
    assert!(
        differ.iter().all(|id| upserted.contains(&id.as_str())),
        "{differ:?}"
    );

    // Nothing changed after run 2; before run 1 the index did not exist.
    let none = parse_lines(
        &env.cmd()
            .args(["export", "--changes-since", "2"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    );
    assert_eq!(none.len(), 1, "{none:?}");
    assert_eq!(none[0]["upserts"], 0);
    let err = env
        .cmd()
        .args(["export", "--changes-since", "0"])
        .assert()
        .failure()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&err);
    assert!(err.contains("export in full"), "{err}");
}

#[test]
fn opensearch_bulk_pairs_each_record_with_its_action_and_maps_every_field() {
    let env = Env::shipped_copy();
    env.build();
    let out = env
        .cmd()
        .args([
            "export",
            "--format",
            "opensearch-bulk",
            "--target",
            "councils",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = parse_lines(&out);
    let records = export(&env, &[]);
    assert_eq!(lines.len(), 2 * records.len());
    for pair in lines.chunks(2) {
        assert_eq!(pair[0]["index"]["_index"], "councils");
        assert_eq!(pair[0]["index"]["_id"], pair[1]["id"]);
    }
    // The mapping names every exported field (it is strict: a field it
    // lacks would be refused).
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/opensearch-mapping.json");
    let mapping: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mapped = mapping["mappings"]["properties"].as_object().unwrap();
    for field in records[0].as_object().unwrap().keys() {
        assert!(mapped.contains_key(field), "{field} is not mapped");
    }
    // A change set: delete actions, and the summary on stderr, not in the body.
    std::fs::remove_file(env.corpus.join(GONE)).unwrap();
    env.build();
    let out = env
        .cmd()
        .args([
            "export",
            "--changes-since",
            "1",
            "--format",
            "opensearch-bulk",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let lines = parse_lines(&out.stdout);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines.iter().all(|l| l["delete"]["_index"] == "minutes"
        && l["delete"]["_id"].as_str().unwrap().starts_with(GONE)));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 upserts and 2 deletes since run 1"));
}

#[test]
fn the_quickwit_config_maps_every_exported_field() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/quickwit-index.yaml");
    let config = std::fs::read_to_string(path).unwrap();
    let mapped: Vec<&str> = config
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- name: "))
        .collect();
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/export-record.v1.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema).unwrap()).unwrap();
    let fields: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    // Strict mode refuses a document with a field it does not map.
    assert!(config.contains("mode: strict"));
    assert_eq!(mapped, fields);
    assert!(config.contains("timestamp_field: indexed"));
}
