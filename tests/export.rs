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
