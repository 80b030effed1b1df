//! Where and when a theme comes up: facets, trends, identifiers and what's new.

use crate::util::{Env, hits, parse_lines};

/// The number of records a search matches (duplicates not folded).
fn count(env: &Env, args: &[&str]) -> usize {
    let mut all = args.to_vec();
    all.push("--all");
    env.search_json(&all).len()
}

fn facets(env: &Env, args: &[&str]) -> (Vec<serde_json::Value>, serde_json::Value) {
    let mut lines = hits(parse_lines(
        &env.cmd()
            .arg("search")
            .args(args)
            .args(["--facets", "--format", "json", "--limit", "1000"])
            .assert()
            .success()
            .get_output()
            .stdout,
    ));
    let last = lines.pop().expect("a facets line");
    assert_eq!(last["type"], "facets");
    assert!(lines.iter().all(|l| l["type"] == "hit"));
    (lines, last)
}

#[test]
fn facet_counts_add_up_and_agree_with_filters() {
    let env = Env::shipped();
    env.build();
    let (hits, f) = facets(&env, &["improvement"]);
    let total = f["total"].as_u64().expect("total");
    assert_eq!(total as usize, hits.len());
    for facet in ["council", "committee", "year"] {
        let sum: u64 = f["facets"][facet]
            .as_object()
            .expect(facet)
            .values()
            .filter_map(|v| v.as_u64())
            .sum();
        assert_eq!(sum, total, "{facet} counts add up to the hits");
    }
    for (council, n) in f["facets"]["council"].as_object().expect("councils") {
        if council == "(none)" {
            continue;
        }
        assert_eq!(
            count(&env, &["improvement", "--council", council]) as u64,
            n.as_u64().unwrap_or(0),
            "{council}"
        );
    }
    for (year, n) in f["facets"]["year"].as_object().expect("years") {
        if year == "undated" {
            continue;
        }
        let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
        assert_eq!(
            count(&env, &["improvement", "--from", &from, "--to", &to]) as u64,
            n.as_u64().unwrap_or(0),
            "{year}"
        );
    }
    // Facets respect the filters.
    let (_, only) = facets(&env, &["improvement", "--council", "wirral"]);
    let councils: Vec<&String> = only["facets"]["council"]
        .as_object()
        .expect("c")
        .keys()
        .collect();
    assert_eq!(councils, ["Wirral Council"]);
    // Text output shows the counts after the hits.
    let text = env.stdout(&["search", "caseload", "--facets"]);
    assert!(
        text.contains("Counts of the 1 matching record")
            && text.contains("Lancashire County Council"),
        "{text}"
    );
}

#[test]
fn trends_csv_rows_match_filtered_search_counts() {
    let env = Env::new();
    env.write("a/_meta.json", r#"{"council": "Alpha Borough Council"}"#);
    env.write("b/_meta.json", r#"{"council": "Beta District Council"}"#);
    env.write("a/x/2019-03-01.txt", "The improvement plan was agreed.");
    env.write(
        "a/x/2019-09-01.txt",
        "Improvement of roads and the improvement board.",
    );
    env.write("a/x/2020-01-01.txt", "An improvement notice was served.");
    env.write("b/y/2020-02-02.txt", "Beta improvement grants.");
    env.write("b/y/2021-02-02.txt", "Nothing to see.");
    env.build();
    let out = env
        .cmd()
        .args([
            "trends",
            "improvement",
            "--by",
            "council",
            "--per",
            "year",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    assert_eq!(
        reader.headers().expect("header").iter().collect::<Vec<_>>(),
        ["type", "council", "year", "records", "documents"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    for row in &rows {
        assert_eq!(&row[0], "trend");
        let (council, year) = (&row[1], &row[2]);
        let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
        let hits = env.search_json(&[
            "improvement",
            "--council",
            council,
            "--from",
            &from,
            "--to",
            &to,
        ]);
        assert_eq!(hits.len().to_string(), row[3], "{council} {year}");
        let docs: std::collections::HashSet<&str> =
            hits.iter().filter_map(|h| h["source"].as_str()).collect();
        assert_eq!(docs.len().to_string(), row[4], "{council} {year}");
    }
    let alpha_2019 = rows
        .iter()
        .find(|r| &r[1] == "Alpha Borough Council" && &r[2] == "2019")
        .expect("row");
    assert_eq!(&alpha_2019[4], "2");
    // Text output draws a bar per row.
    let text = env
        .cmd()
        .args(["trends", "improvement"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&text).contains('\u{2588}'));
}

#[test]
fn identifiers_are_found_as_typed() {
    let env = Env::new();
    env.write("n/minutes.txt", "R2018-077 L. Smith, L. Andersen: That we pass By-law 2021-032 as presented. Carried.\n\nFurther to minute 12/18 the Board met. Ordinance No. 123-45 was read. The D.f.E. wrote to us.");
    env.write(
        "n/other.txt",
        "R2018-078 was deferred; the 2021 budget had 032 lines. Minute 18/12.",
    );
    env.build();
    let sources = |q: &str| -> Vec<String> {
        env.search_json(&[q, "--kind", "document"])
            .iter()
            .filter_map(|h| h["source"].as_str().map(str::to_owned))
            .collect()
    };
    assert_eq!(sources("R2018-077"), ["n/minutes.txt"]);
    assert_eq!(sources("2021-032"), ["n/minutes.txt"]);
    assert_eq!(sources("By-law 2021-032"), ["n/minutes.txt"]);
    assert_eq!(sources("12/18"), ["n/minutes.txt"]);
    assert_eq!(sources("123-45"), ["n/minutes.txt"]);
    assert_eq!(sources("DfE"), ["n/minutes.txt"]);
    assert_eq!(sources("D.f.E."), ["n/minutes.txt"]);
    assert_eq!(sources("\"pass by-law\""), ["n/minutes.txt"]);
    // The minute the text refers to is on the record.
    let referring = &env.search_json(&["12/18", "--kind", "document"])[0];
    assert_eq!(
        referring["refs"],
        serde_json::json!(["12/18"]),
        "{referring}"
    );
    // An identifier is highlighted whole, not as its parts.
    for id in ["123-45", "12/18", "2021-032"] {
        let hit = &env.search_json(&[id, "--kind", "document"])[0];
        let snippet = hit["snippet"].as_str().unwrap_or("");
        let marked: Vec<&str> = hit["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| &snippet[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
            .collect();
        assert_eq!(marked, [id], "{hit}");
    }
}

#[test]
fn new_returns_only_what_the_latest_run_added() {
    let env = Env::new();
    env.write("old.txt", "Minutes: the heron survey.");
    env.build();
    assert_eq!(
        env.search_json(&["heron", "--new"]).len(),
        1,
        "the first run added everything"
    );
    env.write("fresh.txt", "Minutes: the heron count was noted.");
    env.build();
    let new = env.search_json(&["heron", "--new"]);
    assert!(!new.is_empty());
    assert!(new.iter().all(|h| h["source"] == "fresh.txt"), "{new:?}");
    assert_eq!(env.search_json(&["heron"]).len(), 2);
    // A run with no change adds nothing new.
    env.build();
    assert!(env.search_json(&["heron", "--new"]).is_empty());
    assert_eq!(
        env.search_json(&["heron", "--indexed-since", "2000-01-01"])
            .len(),
        2
    );
    assert!(
        env.search_json(&["heron", "--indexed-since", "2999-01-01"])
            .is_empty()
    );
}

#[test]
fn topics_tag_records_and_filter_by_subtree() {
    let env = Env::new();
    env.write("a.txt", "Minutes: social worker caseloads were reviewed.");
    env.write("b.txt", "Minutes: the bypass road scheme was approved.");
    env.build();
    let children = env.search_json(&["minutes", "--topic", "children"]);
    assert!(!children.is_empty());
    assert!(
        children.iter().all(|h| h["source"] == "a.txt"),
        "{children:?}"
    );
    assert!(
        children[0]["topic"]
            .as_array()
            .expect("topics")
            .contains(&"/children/social-care".into())
    );
    let exact = env.search_json(&["minutes", "--topic", "/children/social-care"]);
    assert_eq!(exact.len(), children.len());
    let roads = env.search_json(&["minutes", "--topic", "transport"]);
    assert!(roads.iter().all(|h| h["source"] == "b.txt"));
    // The topic facet counts them.
    let (_, f) = facets(&env, &["minutes"]);
    assert!(
        f["facets"]["topic"]["/children"].as_u64().unwrap_or(0) >= 1,
        "{f}"
    );
}

#[test]
fn a_corpus_taxonomy_extends_and_a_change_retags_everything() {
    let env = Env::new();
    env.write("a.txt", "Minutes: the allotment waiting list grew.");
    env.write("b.txt", "Minutes: nothing of note.");
    env.build();
    assert!(
        env.search_json(&["minutes", "--topic", "gardens"])
            .is_empty()
    );
    env.write(
        "_topics.toml",
        "\"/gardens/allotments\" = [\"allotment\"]\n",
    );
    let summary = env.json(&["index", "--json"]);
    assert_eq!(summary["updated"], 2, "every file is re-tagged: {summary}");
    let gardens = env.search_json(&["minutes", "--topic", "gardens"]);
    assert!(!gardens.is_empty() && gardens.iter().all(|h| h["source"] == "a.txt"));
    // --topics FILE replaces the shipped taxonomy.
    let own = env.dir.path().join("mine.toml");
    std::fs::write(&own, "\"/notes\" = [\"note\"]\n").expect("write");
    env.cmd()
        .args(["index", "--quiet", "--topics"])
        .arg(&own)
        .assert()
        .success();
    assert!(!env.search_json(&["minutes", "--topic", "notes"]).is_empty());
    assert!(
        env.search_json(&["minutes", "--topic", "children"])
            .is_empty()
    );
    // A broken taxonomy is an error that says what is expected.
    std::fs::write(&own, "this is = not = toml").expect("write");
    env.cmd()
        .args(["index", "--topics"])
        .arg(&own)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("expected lines like"));
}

#[test]
fn the_same_minutes_under_two_paths_are_one_hit_listing_both() {
    let env = Env::new();
    let text = "Minutes of the meeting of the Cabinet held on 9 January 2025\n\nThe pelican crossing report was noted.";
    env.write("cabinet/2025-01-09/minutes.txt", text);
    env.write("cabinet/2025-01-30/Minutes of Previous Meeting.txt", text);
    env.write("other.txt", "A different pelican.");
    env.build();
    let hits = env.search_json(&["pelican", "--kind", "document"]);
    assert_eq!(hits.len(), 2, "{hits:?}");
    let twice = hits
        .iter()
        .find(|h| h["source"] != "other.txt")
        .expect("the minutes");
    let dups = twice["duplicates"].as_array().expect("duplicates");
    assert_eq!(dups.len(), 1, "{twice}");
    let both = [
        twice["id"].as_str().unwrap_or(""),
        dups[0].as_str().unwrap_or(""),
    ];
    assert!(
        both.contains(&"cabinet/2025-01-09/minutes.txt#0"),
        "{both:?}"
    );
    assert!(
        both.contains(&"cabinet/2025-01-30/Minutes of Previous Meeting.txt#0"),
        "{both:?}"
    );
    assert_eq!(
        env.search_json(&["pelican", "--kind", "document", "--all"])
            .len(),
        3
    );
    env.cmd()
        .args(["search", "pelican", "--kind", "document"])
        .assert()
        .success()
        .stdout(predicates::str::contains("same text: "))
        .stderr(predicates::str::contains("1 with the same text folded in"));
}

#[test]
fn fuzzy_matching_forgives_one_typo() {
    let env = Env::shipped();
    env.build();
    assert!(env.search_json(&["caseloda"]).is_empty());
    let fuzzy = env.search_json(&["caseloda", "--fuzzy"]);
    assert!(
        fuzzy
            .iter()
            .any(|h| h["council"] == "Lancashire County Council"),
        "{fuzzy:?}"
    );
}
