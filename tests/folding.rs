//! Folding copies: only true copies (the same text of the same meeting)
//! fold, `--limit` counts hits after folding, and totals, facets and
//! trends count what the list shows.

use crate::util::{Env, parse_lines};

/// The hits and the closing summary of a JSON command.
fn listed(env: &Env, args: &[&str]) -> (Vec<serde_json::Value>, serde_json::Value) {
    let out = env
        .cmd()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}");
    let lines = parse_lines(&out.stdout);
    let summary = lines
        .iter()
        .find(|l| l["type"] == "summary")
        .cloned()
        .expect("a summary line");
    let hits = lines.into_iter().filter(|l| l["type"] == "hit").collect();
    (hits, summary)
}

#[test]
fn resolutions_of_two_meetings_that_read_alike_stay_two() {
    let env = Env::new();
    let minutes = |date: &str| {
        format!(
            "Minutes of the meeting of the Cabinet held on {date}\n\n1. Minutes\n\nRESOLVED that the minutes of the last meeting be approved as a correct record.\n\n2. Any other business\n\nNone."
        )
    };
    env.write("cabinet/2025-01-09/minutes.txt", minutes("9 January 2025"));
    env.write("cabinet/2025-02-06/minutes.txt", minutes("6 February 2025"));
    // The January minutes filed again with the February papers: a copy.
    env.write(
        "cabinet/2025-02-06/previous minutes.txt",
        minutes("9 January 2025"),
    );
    env.build();
    let (hits, summary) = listed(&env, &["resolutions", "correct record"]);
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(summary["total"], 2, "{summary}");
    let dates: Vec<&str> = hits.iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2025-02-06", "2025-01-09"]);
    let january = &hits[1];
    assert_eq!(
        january["duplicates"].as_array().unwrap().len(),
        1,
        "{january}"
    );
    // The copy filed under its own meeting is shown, the other named.
    assert!(
        january["source"]
            .as_str()
            .unwrap()
            .starts_with("cabinet/2025-01-09/"),
        "{january}"
    );
    assert!(
        january["duplicates"][0]
            .as_str()
            .unwrap()
            .starts_with("cabinet/2025-02-06/previous minutes.txt#"),
        "{january}"
    );
    // The copy is named by the id it is listed under when copies are not
    // folded: the resolution's number in its file, not the file's record.
    let (all, _) = listed(&env, &["resolutions", "correct record", "--all"]);
    let ids: Vec<&str> = all.iter().filter_map(|h| h["id"].as_str()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    let copy = january["duplicates"][0].as_str().unwrap_or("");
    assert!(ids.contains(&copy), "{copy} is not one of {ids:?}");
    assert!(!copy.ends_with("#0"), "{copy} names the document");
}

#[test]
fn limit_counts_hits_after_folding_and_facets_count_what_the_list_shows() {
    let env = Env::new();
    env.write("north/_meta.json", r#"{"council": "North Council"}"#);
    env.write("south/_meta.json", r#"{"council": "South Council"}"#);
    let pack = "Minutes of the meeting of the Planning Committee held on 3 March 2025\n\nThe heron sanctuary was approved.";
    for n in 0..12 {
        env.write(&format!("north/planning/2025-03-03/copy {n}.txt"), pack);
    }
    for n in 0..4 {
        let council = if n % 2 == 0 { "north" } else { "south" };
        env.write(
            &format!("{council}/planning/2025-0{}-10/minutes.txt", n + 4),
            format!("Minutes of the meeting of the Planning Committee held on 10 0{} 2025\n\nA heron nest number {n} was noted.", n + 4),
        );
    }
    env.build();
    let (hits, summary) = listed(
        &env,
        &["search", "heron", "--kind", "document", "--limit", "3"],
    );
    assert_eq!(hits.len(), 3, "three hits after folding: {hits:?}");
    assert_eq!(
        summary["total"], 5,
        "one for the twelve copies, four others: {summary}"
    );

    let out = env
        .cmd()
        .args([
            "search", "heron", "--kind", "document", "--facets", "--format", "json",
        ])
        .output()
        .unwrap();
    let facets = parse_lines(&out.stdout)
        .into_iter()
        .find(|l| l["type"] == "facets")
        .expect("a facets line");
    for (council, n) in facets["facets"]["council"].as_object().unwrap() {
        let (_, filtered) = listed(
            &env,
            &[
                "search",
                "heron",
                "--kind",
                "document",
                "--council",
                council,
            ],
        );
        assert_eq!(
            &filtered["total"], n,
            "{council}: the facet and the filtered search agree"
        );
    }
    assert_eq!(facets["facets"]["council"]["North Council"], 3);

    let trend = env.stdout(&[
        "trends", "heron", "--kind", "document", "--by", "council", "--format", "csv",
    ]);
    assert!(trend.contains("North Council,2025,3,"), "{trend}");
}

#[test]
fn records_of_the_same_score_keep_their_order_whatever_order_they_were_indexed_in() {
    let env = Env::new();
    let text = "Minutes of the Harbour Board\n\nThe heron sanctuary was approved.";
    let names = ["alder", "birch", "cedar", "damson", "elder"];
    for name in names {
        env.write(&format!("harbour/{name}.txt"), text);
    }
    env.build();
    let order = |env: &Env| -> Vec<String> {
        let (hits, _) = listed(env, &["search", "heron", "--all", "--kind", "document"]);
        hits.iter()
            .map(|h| h["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let first = order(&env);
    assert_eq!(first.len(), names.len(), "{first:?}");
    // The first listed and then the last listed indexed again, after the
    // others: written last, they would come last (or first) on a tie.
    for pick in [0, names.len() - 1] {
        let id = &first[pick];
        let rel = id.split('#').next().unwrap();
        let path = env.corpus.join(rel);
        std::fs::remove_file(&path).unwrap();
        env.build();
        env.write(rel, text);
        env.build();
        assert_eq!(order(&env), first, "after indexing {rel} again");
    }
}

#[test]
fn a_search_for_two_words_counts_and_ranks_the_hits_after_folding() {
    let env = Env::new();
    let minutes = |date: &str, body: &str| {
        format!("Minutes of the meeting of the Planning Committee held on {date}\n\n{body}")
    };
    let twice = "The heron nest was moved. A second heron nest was found.";
    for n in 0..3 {
        env.write(
            &format!("planning/2025-03-03/copy {n}.txt"),
            minutes("3 March 2025", twice),
        );
    }
    env.write(
        "planning/2025-04-07/minutes.txt",
        minutes("7 April 2025", "A heron nest was noted."),
    );
    // One of the two words only: not a match.
    env.write(
        "planning/2025-05-05/minutes.txt",
        minutes("5 May 2025", "A heron was seen."),
    );
    env.build();
    for args in [
        &["search", "heron nest", "--kind", "document"][..],
        &["search", "heron nest"][..],
    ] {
        let (hits, summary) = listed(&env, args);
        // Hits with some of the words only come after, marked partial.
        let whole: Vec<&serde_json::Value> =
            hits.iter().filter(|h| h["partial"] == false).collect();
        let dates: Vec<&str> = whole.iter().filter_map(|h| h["date"].as_str()).collect();
        assert_eq!(dates.first(), Some(&"2025-03-03"), "{args:?}: {hits:?}");
        assert!(!dates.contains(&"2025-05-05"), "{args:?}: {hits:?}");
        assert_eq!(
            summary["total"].as_u64(),
            Some(whole.len() as u64),
            "{args:?}"
        );
    }
    let (hits, summary) = listed(&env, &["search", "heron nest", "--kind", "document"]);
    assert_eq!(
        summary["total"], 2,
        "the three copies are one hit: {summary}"
    );
    assert_eq!(hits[1]["date"], "2025-04-07", "{hits:?}");
    assert_eq!(hits[0]["duplicates"].as_array().map(Vec::len), Some(2));
    let (all, summary) = listed(
        &env,
        &["search", "heron nest", "--kind", "document", "--all"],
    );
    assert_eq!(summary["total"], 4, "every copy without folding: {summary}");
    assert_eq!(all.iter().filter(|h| h["partial"] == false).count(), 4);
}

#[test]
fn the_total_is_counted_once_when_copies_fill_the_first_candidates() {
    let env = Env::new();
    let pack = "Minutes of the meeting of the Planning Committee held on 3 March 2025\n\nThe heron heron heron sanctuary was approved.";
    // More copies of the best match than the first round's candidates
    // (three times the page and ten), so a second round is needed.
    for n in 0..45 {
        env.write(&format!("planning/2025-03-03/copy {n}.txt"), pack);
    }
    for n in 0..6 {
        env.write(
            &format!("planning/2025-0{}-10/minutes.txt", n + 4),
            format!("Minutes of the meeting of the Planning Committee held on 10 0{} 2025\n\nA heron nest number {n} was noted.", n + 4),
        );
    }
    env.build();
    for sort in [&[][..], &["--sort", "date"][..]] {
        let mut args = vec!["search", "heron", "--kind", "document", "--limit", "5"];
        args.extend_from_slice(sort);
        let (hits, summary) = listed(&env, &args);
        assert_eq!(hits.len(), 5, "{args:?}: {hits:?}");
        assert_eq!(
            summary["total"], 7,
            "one for the 45 copies, six others: {summary}"
        );
        assert_eq!(summary["collapsed"], 44, "{summary}");
    }
}
