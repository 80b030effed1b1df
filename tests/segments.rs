//! Agenda items, resolutions and meetings inside documents, through the
//! `resolutions`, `search --kind` and `show` commands on the shipped corpus.

use predicates::prelude::*;

use crate::util::{Env, hits, parse_lines};

const PACK: &str = "coventry-city-council/education-and-childrens-services-scrutiny-board-2/2017-07-13/agenda-pack.txt";

fn resolutions(env: &Env, args: &[&str]) -> Vec<serde_json::Value> {
    hits(parse_lines(
        &env.cmd()
            .arg("resolutions")
            .args(args)
            .args(["--format", "json", "--limit", "1000"])
            .assert()
            .success()
            .get_output()
            .stdout,
    ))
}

#[test]
fn worcestershire_cabinet_resolution_is_one_record_with_five_points() {
    let env = Env::shipped();
    env.build();
    let hits = resolutions(&env, &["--committee", "cabinet"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    let r = &hits[0];
    assert_eq!(r["kind"], "resolution");
    assert_eq!(r["committee"], "Cabinet");
    assert_eq!(r["council"], "Worcestershire County Council");
    assert!(r["date"].is_null(), "the seed states no meeting date");
    assert_eq!(
        r["title"],
        "Children's Social Care - Service Improvement Plan update"
    );
    let text = r["text"].as_str().unwrap_or_default();
    assert!(text.starts_with("RESOLVED: that"), "{text}");
    for point in ["a) ", "b) ", "c) ", "d) ", "e) "] {
        assert!(text.contains(point), "point {point} missing from {text}");
    }
    // The text output shows the full resolved text too.
    env.cmd()
        .args(["resolutions", "--committee", "cabinet"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "e) the revised Care Leavers Strategy",
        ));
}

#[test]
fn coventry_numbered_points_are_one_resolution() {
    let env = Env::shipped();
    env.build();
    let hits = resolutions(&env, &["--council", "coventry"]);
    let seed: Vec<&serde_json::Value> = hits
        .iter()
        .filter(|h| {
            h["source"]
                .as_str()
                .unwrap_or("")
                .contains("progress-on-childrens-services")
        })
        .collect();
    assert_eq!(seed.len(), 1, "{hits:?}");
    let text = seed[0]["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("1) The Scrutiny Board agree")
            && text.contains("2) The Scrutiny Board request"),
        "{text}"
    );
}

#[test]
fn resolutions_are_newest_first_and_take_filters_and_words() {
    let env = Env::shipped();
    env.build();
    let all = resolutions(&env, &[]);
    assert!(all.len() >= 4);
    assert!(all.iter().all(|h| h["kind"] == "resolution"));
    let dates: Vec<&str> = all.iter().filter_map(|h| h["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let first_undated = all
        .iter()
        .position(|h| h["date"].is_null())
        .unwrap_or(all.len());
    assert!(
        all[first_undated..].iter().all(|h| h["date"].is_null()),
        "undated last"
    );
    let since = resolutions(&env, &["care leavers", "--from", "2017-01-01"]);
    assert!(
        since
            .iter()
            .all(|h| h["date"].as_str().unwrap_or("") >= "2017-01-01")
    );
    let care = resolutions(&env, &["care leavers"]);
    assert!(!care.is_empty());
    assert!(care.iter().all(|h| {
        h["text"]
            .as_str()
            .unwrap_or("")
            .to_lowercase()
            .contains("care leavers")
    }));
}

#[test]
fn agenda_pack_has_items_and_the_minutes_of_the_earlier_meeting() {
    let env = Env::shipped();
    env.build();
    let items = env.search_json(&["", "--kind", "item", "--council", "coventry"]);
    let pack: Vec<&serde_json::Value> = items.iter().filter(|h| h["source"] == PACK).collect();
    let july: Vec<&str> = pack
        .iter()
        .filter(|h| h["date"] == "2017-07-13")
        .filter_map(|h| h["number"].as_str())
        .collect();
    for n in ["1", "2", "3", "4", "5", "6", "7"] {
        assert!(july.contains(&n), "agenda item {n} missing: {july:?}");
    }
    let minutes = pack
        .iter()
        .find(|h| {
            h["title"]
                .as_str()
                .unwrap_or("")
                .starts_with("Minutes of the Meeting")
        })
        .expect("a segment for the minutes of 29 June");
    assert_eq!(minutes["date"], "2017-06-29");
    let ofsted = pack
        .iter()
        .find(|h| h["title"] == "Ofsted Report")
        .expect("minute 90");
    assert_eq!(ofsted["date"], "2017-06-29");
    assert_eq!(ofsted["number"], "90");
    // The whole pack keeps its own date.
    let doc = env.search_json(&[
        "young carers",
        "--kind",
        "document",
        "--council",
        "coventry",
    ]);
    assert!(
        doc.iter()
            .any(|h| h["source"] == PACK && h["date"] == "2017-07-13")
    );
}

#[test]
fn search_by_kind_item_and_show_a_segment() {
    let env = Env::shipped();
    env.build();
    let items = env.search_json(&["caseload", "--kind", "item"]);
    assert!(!items.is_empty());
    assert!(items.iter().all(|h| {
        h["kinds"]
            .as_array()
            .is_some_and(|k| k.contains(&"item".into()))
    }));
    let id = items[0]["id"].as_str().expect("id").to_owned();
    let rec = env.json(&["show", &id, "--format", "json"]);
    assert!(rec["text"].as_str().unwrap_or("").contains("caseload"));
    for key in [
        "council_source",
        "committee_source",
        "date_source",
        "title_source",
    ] {
        assert!(rec[key].is_string(), "{key} missing");
    }
}
