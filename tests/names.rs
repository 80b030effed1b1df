//! One name per council and committee across the corpus, through the
//! binary: filters, facets, trends and stats count by the reconciled names,
//! and a later run re-labels old documents without `--full`.

use crate::util::{Env, parse_lines};

/// Minutes of a meeting of `committee` whose heading names `council`.
fn minutes(council: &str, committee: &str, day: u32, extra: &str) -> String {
    format!(
        "{council}\n\nMinutes of the meeting of the {committee} held on {day} March 2024\n\n1. Apologies\n\nThe pelican crossing was discussed. {extra}\n"
    )
}

fn facet_councils(env: &Env, query: &str) -> Vec<String> {
    let out = env
        .cmd()
        .args(["search", query, "--facets", "--format", "json", "--all"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = parse_lines(&out);
    let facets = lines
        .iter()
        .find(|l| l["type"] == "facets")
        .expect("facets line");
    facets["facets"]["council"]
        .as_object()
        .expect("council counts")
        .keys()
        .cloned()
        .collect()
}

#[test]
fn variants_of_one_council_count_as_one_everywhere() {
    let env = Env::new();
    for day in 1..=5 {
        env.write(
            &format!("barrow/2024/minutes-{day}.txt"),
            minutes("BARROW CITY COUNCIL", "Planning Committee", day, ""),
        );
    }
    // An OCR slip and a word swept in before the name.
    env.write(
        "barrow/2024/minutes-6.txt",
        minutes("BARRCW CITY COUNCIL", "Planning Committee", 6, ""),
    );
    env.write(
        "barrow/2024/minutes-7.txt",
        minutes("Draft Barrow City Council", "Planning Committee", 7, ""),
    );
    // No council named at all.
    env.write(
        "barrow/2024/minutes-8.txt",
        "Minutes of the meeting of the Planning Committee held on 8 March 2024\n\nThe pelican crossing was noted.\n",
    );
    env.build();

    assert_eq!(facet_councils(&env, "pelican"), ["Barrow City Council"]);
    // The filter finds the document whose heading was misread.
    let hits = env.search_json(&[
        "pelican",
        "--council",
        "barrow",
        "--all",
        "--kind",
        "document",
    ]);
    assert_eq!(hits.len(), 8, "{hits:?}");
    let slip = hits
        .iter()
        .find(|h| h["source"] == "barrow/2024/minutes-6.txt")
        .expect("the misread one");
    assert_eq!(slip["council"], "Barrow City Council");
    let unnamed = hits
        .iter()
        .find(|h| h["source"] == "barrow/2024/minutes-8.txt")
        .expect("the unnamed one");
    assert_eq!(unnamed["council_source"], "corpus");

    let trends = parse_lines(
        &env.cmd()
            .args(["trends", "pelican", "--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    let rows: Vec<&serde_json::Value> = trends.iter().filter(|l| l["type"] == "trend").collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["council"], "Barrow City Council");
    assert_eq!(rows[0]["documents"], 8);

    let stats = env.json(&["stats", "--format", "json"]);
    let councils: Vec<&String> = stats["councils"]
        .as_object()
        .expect("councils")
        .keys()
        .collect();
    assert_eq!(councils, ["Barrow City Council"]);
    assert_eq!(
        stats["records_per_committee"]["Planning Committee"]
            .as_u64()
            .map(|n| n >= 8),
        Some(true)
    );
}

#[test]
fn a_later_run_relabels_old_documents_without_a_full_rebuild() {
    let env = Env::new();
    for day in 1..=2 {
        env.write(
            &format!("elm/minutes-{day}.txt"),
            minutes("Elmvale Township Council", "Council", day, ""),
        );
    }
    env.build();
    let before = env.search_json(&["pelican", "--all", "--kind", "document"]);
    assert!(
        before
            .iter()
            .all(|h| h["council"] == "Elmvale Township Council"),
        "{before:?}"
    );

    // More documents arrive that spell the same township the other way.
    for day in 3..=6 {
        env.write(
            &format!("elm/minutes-{day}.txt"),
            minutes("TOWNSHIP OF ELMVALE", "Council", day, ""),
        );
    }
    let (summary, _) = env.index_json(&[]);
    assert_eq!(summary["full"], false);
    assert_eq!(summary["added"], 4);
    assert_eq!(summary["relabelled"], 2, "{summary}");
    let after = env.search_json(&["pelican", "--all", "--kind", "document"]);
    assert_eq!(after.len(), 6);
    assert!(
        after.iter().all(|h| h["council"] == "Township of Elmvale"),
        "{after:?}"
    );
    // Nothing changed: nothing is read again.
    let (again, _) = env.index_json(&[]);
    assert_eq!(again["relabelled"], 0);
    assert_eq!(again["unchanged"], 6);
}

#[test]
fn a_config_file_renames_on_the_next_run_without_a_full_rebuild() {
    let env = Env::new();
    for day in 1..=3 {
        env.write(
            &format!("barrow/minutes-{day}.txt"),
            minutes("Barrow Corporation Council", "Planning Committee", day, ""),
        );
        env.write(
            &format!("archive/scans/scan-{day}.txt"),
            "Minutes of the meeting of the Planning Committee held on 4 March 2024\n\nThe pelican crossing was noted.\n",
        );
    }
    env.build();
    let councils = facet_councils(&env, "pelican");
    assert!(
        !councils.contains(&"Barrow City Council".to_owned()),
        "{councils:?}"
    );

    // The archive is read-only: the names go in a config beside the index.
    std::fs::write(
        env.dir.path().join("minutes.toml"),
        r#"
[[council]]
name = "Barrow City Council"
aliases = ["Barrow Corporation Council"]
paths = ["archive/scans/**"]

[[committee]]
name = "Planning and Development Committee"
aliases = ["Planning Committee"]
council = "Barrow City Council"
"#,
    )
    .expect("write the config");
    let (summary, _) = env.index_json(&[]);
    assert_eq!(summary["full"], false);
    assert_eq!(summary["relabelled"], 6, "{summary}");

    assert_eq!(facet_councils(&env, "pelican"), ["Barrow City Council"]);
    let hits = env.search_json(&[
        "pelican",
        "--council",
        "barrow city",
        "--kind",
        "document",
        "--all",
    ]);
    assert_eq!(hits.len(), 6, "{hits:?}");
    assert!(
        hits.iter()
            .all(|h| h["committee"] == "Planning and Development Committee")
    );
    assert!(
        hits.iter().all(|h| h["council_source"] == "config"),
        "{hits:?}"
    );
    let trends = parse_lines(
        &env.cmd()
            .args(["trends", "pelican", "--by", "committee", "--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert_eq!(trends[0]["committee"], "Planning and Development Committee");
    let stats = env.json(&["stats", "--format", "json"]);
    assert_eq!(stats["councils"]["Barrow City Council"]["documents"], 6);
    let names = env.json(&["names", "--format", "json"]);
    assert_eq!(
        names["councils"]["Barrow City Council"]["aliases"]["Barrow Corporation Council"],
        3
    );

    // A mistake in the config is an error naming the file, not a panic.
    std::fs::write(
        env.dir.path().join("minutes.toml"),
        "[[council]]\nnmae = \"x\"\n",
    )
    .expect("write");
    env.cmd()
        .args(["index"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("minutes.toml"));
}
