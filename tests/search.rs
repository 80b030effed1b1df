//! `minutes search` on the shipped corpus and small fixtures.

use predicates::prelude::*;

use crate::util::{Env, csv_table, hits, parse_lines};

const LANCASHIRE: &str = "lancashire-county-council/childrens-services-scrutiny-committee/2017-01-18/improvement-board-update.txt";

#[test]
fn first_search_builds_the_index_and_finds_the_lancashire_seed() {
    let env = Env::shipped();
    let out = env
        .cmd()
        .args(["search", "caseload", "--color", "always"])
        .assert()
        .success()
        .stderr(predicate::str::contains("building it from"))
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8_lossy(&out);
    assert!(out.contains("Improvement Board Update"), "{out}");
    assert!(
        out.contains(
            "Lancashire County Council | Children's Services Scrutiny Committee | 2017-01-18"
        ),
        "{out}"
    );
    // The matched words are highlighted, both the word and its plural.
    let red = "\x1b[31m";
    assert!(out.contains(&format!("{red}caseload\x1b[0m")), "{out}");
    assert!(out.contains(&format!("{red}caseloads\x1b[0m")), "{out}");
    assert!(env.index().join("meta.json").is_file());
    // The second search finds the index and says nothing about building it.
    env.cmd()
        .args(["search", "caseload"])
        .assert()
        .success()
        .stderr(predicate::str::contains("building").not());
}

#[test]
fn piped_output_has_no_colour_codes() {
    let env = Env::shipped();
    env.cmd()
        .args(["search", "caseload"])
        .assert()
        .success()
        .stdout(predicate::str::contains("caseload"))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn json_lines_carry_every_field_and_undated_seeds_have_null_dates() {
    let env = Env::shipped();
    let hits = env.search_json(&["improvement board"]);
    assert!(hits.len() >= 3, "{hits:?}");
    for hit in &hits {
        for key in [
            "id",
            "source",
            "kind",
            "council",
            "committee",
            "date",
            "title",
            "topic",
            "score",
            "snippet",
        ] {
            assert!(hit.get(key).is_some(), "{key} missing in {hit}");
        }
        let source = hit["source"].as_str().unwrap_or_default();
        if source.contains("/undated/") {
            assert!(hit["date"].is_null(), "an undated seed got a date: {hit}");
        }
    }
    let lancs = hits
        .iter()
        .find(|h| h["source"] == LANCASHIRE)
        .expect("lancashire hit");
    assert_eq!(lancs["date"], "2017-01-18");
    assert_eq!(lancs["council"], "Lancashire County Council");
    assert!(
        hits.iter()
            .any(|h| h["source"].as_str().unwrap_or("").contains("/undated/"))
    );
}

#[test]
fn council_and_committee_filters_match_words_of_the_name() {
    let env = Env::shipped();
    env.build();
    let lancs = env.search_json(&["caseload", "--council", "lancashire"]);
    assert!(lancs.iter().any(|h| h["source"] == LANCASHIRE), "{lancs:?}");
    assert!(
        lancs
            .iter()
            .all(|h| h["council"] == "Lancashire County Council")
    );
    let coventry = env.search_json(&["caseload", "--council", "COVENTRY"]);
    assert!(
        coventry.iter().all(|h| h["source"] != LANCASHIRE),
        "{coventry:?}"
    );
    let cabinet = env.search_json(&["improvement", "--committee", "cabinet"]);
    assert!(!cabinet.is_empty());
    assert!(
        cabinet.iter().all(|h| h["committee"] == "Cabinet"),
        "{cabinet:?}"
    );
    // A filter is never spliced into the query: query syntax in it is just words.
    let odd = env.search_json(&["improvement", "--council", "AND ( lancashire"]);
    assert!(
        odd.iter()
            .all(|h| h["council"] == "Lancashire County Council")
    );
}

#[test]
fn date_range_filters_in_iso_and_uk_order() {
    let env = Env::shipped();
    env.build();
    let in_2017 = env.search_json(&["ofsted", "--from", "2017-01-01", "--to", "2017-12-31"]);
    assert!(!in_2017.is_empty());
    for hit in &in_2017 {
        let date = hit["date"].as_str().expect("a dated hit");
        assert!(date.starts_with("2017-"), "{hit}");
    }
    let all = env.search_json(&["ofsted"]);
    assert!(
        all.len() > in_2017.len(),
        "undated hits are outside any range"
    );
    let after = env.search_json(&["ofsted", "--from", "13/07/2017"]);
    assert!(!after.is_empty());
    assert!(
        after
            .iter()
            .all(|h| h["date"].as_str().unwrap_or("") >= "2017-07-13")
    );
    assert!(after.iter().all(|h| h["source"] != LANCASHIRE));
}

#[test]
fn impossible_date_is_a_usage_error_naming_it() {
    let env = Env::shipped();
    env.cmd()
        .args(["search", "ofsted", "--from", "2017-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2017-02-30"))
        .stderr(predicate::str::contains("no 30 February"));
}

#[test]
fn broken_query_syntax_is_a_warning_not_a_failure() {
    let env = Env::shipped();
    env.build();
    env.cmd()
        .args(["search", "parking AND ("])
        .assert()
        .success()
        .stderr(predicate::str::contains("could not be read"));
}

#[test]
fn no_hits_exits_zero_and_says_so() {
    let env = Env::shipped();
    env.build();
    env.cmd()
        .args(["search", "xylophonic"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("no hits for 'xylophonic'"));
}

#[test]
fn csv_has_a_column_for_every_json_field_with_the_same_values() {
    let env = Env::shipped();
    env.build();
    let args = ["search", "improvement", "--limit", "50", "--format"];
    let csv_out = env
        .cmd()
        .args(args)
        .arg("csv")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json = hits(parse_lines(
        &env.cmd()
            .args(args)
            .arg("json")
            .assert()
            .success()
            .get_output()
            .stdout,
    ));
    let (headers, rows) = csv_table(&csv_out);
    let keys: Vec<String> = json[0]
        .as_object()
        .expect("object")
        .keys()
        .cloned()
        .collect();
    assert_eq!(headers, keys, "CSV columns and JSON fields, in order");
    assert_eq!(rows.len(), json.len());
    assert!(rows.len() > 3);
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    for (row, hit) in rows.iter().zip(&json) {
        assert_eq!(&row[column("id")], hit["id"]);
        assert_eq!(&row[column("snippet")], hit["snippet"]);
        assert_eq!(&row[column("partial")], hit["partial"].to_string());
        let date = hit["date"].as_str().unwrap_or("");
        assert_eq!(&row[column("date")], date);
        let kinds: Vec<&str> = hit["kinds"]
            .as_array()
            .expect("kinds")
            .iter()
            .filter_map(|k| k.as_str())
            .collect();
        assert_eq!(&row[column("kinds")], kinds.join(";"));
        let dups = hit["duplicates"].as_array().expect("duplicates").len();
        assert_eq!(
            row[column("duplicates")]
                .split(';')
                .filter(|d| !d.is_empty())
                .count(),
            dups
        );
    }
    // Commas inside fields are quoted, not column breaks.
    assert!(rows.iter().all(|r| r.len() == headers.len()));
    assert!(rows.iter().any(|r| r[column("snippet")].contains(',')));
}

#[test]
fn sort_by_date_newest_and_oldest_first_with_undated_last() {
    let env = Env::shipped();
    env.build();
    let dates = |args: &[&str]| -> Vec<Option<String>> {
        env.search_json(args)
            .iter()
            .map(|h| h["date"].as_str().map(str::to_owned))
            .collect()
    };
    let newest = dates(&["council", "--sort", "-date"]);
    let dated: Vec<&String> = newest.iter().flatten().collect();
    assert!(dated.len() >= 3);
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{newest:?}");
    let first_none = newest
        .iter()
        .position(Option::is_none)
        .unwrap_or(newest.len());
    assert!(
        newest[first_none..].iter().all(Option::is_none),
        "{newest:?}"
    );
    let oldest = dates(&["council", "--sort", "date"]);
    let dated: Vec<&String> = oldest.iter().flatten().collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{oldest:?}");
}

#[test]
fn limit_and_offset_page_through_hits() {
    let env = Env::shipped();
    env.build();
    let all = env.search_json(&["council"]);
    assert!(all.len() >= 4);
    let lines = parse_lines(
        &env.cmd()
            .args([
                "search", "council", "--format", "json", "--limit", "2", "--offset", "2",
            ])
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert_eq!(lines.last().map(|l| l["offset"].clone()), Some(2.into()));
    let page = hits(lines);
    assert_eq!(page.len(), 2);
    assert_eq!(page[0]["id"], all[2]["id"]);
    assert_eq!(page[1]["id"], all[3]["id"]);
    assert_eq!(page[0]["rank"], 3);
}

#[test]
fn show_prints_metadata_sources_and_text() {
    let env = Env::shipped();
    env.build();
    let id = format!("{LANCASHIRE}#0");
    let rec = env.json(&["show", &id, "--format", "json"]);
    assert_eq!(rec["date"], "2017-01-18");
    assert_eq!(rec["council_source"], "folder-meta");
    assert!(rec["date_source"].is_string());
    assert!(rec["text"].as_str().unwrap_or("").contains("caseload"));
    env.cmd()
        .args(["show", "no/such/file.txt#0"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "there is no record 'no/such/file.txt#0'",
        ));
}

#[test]
fn field_queries_search_one_field() {
    let env = Env::shipped();
    env.build();
    let hits = env.search_json(&["title:improvement"]);
    assert!(!hits.is_empty());
    assert!(
        hits.iter().all(|h| h["title"]
            .as_str()
            .unwrap_or("")
            .to_lowercase()
            .contains("improv")),
        "{hits:?}"
    );
}

#[test]
fn records_with_some_of_the_words_follow_those_with_all() {
    let env = Env::new();
    env.write("both.txt", "The heron and the egret were counted.");
    env.write("one.txt", "Only the egret was seen.");
    env.write("none.txt", "Nothing here.");
    env.build();
    let hits = env.search_json(&["heron egret"]);
    let sources: Vec<&str> = hits.iter().filter_map(|h| h["source"].as_str()).collect();
    assert_eq!(sources, ["both.txt", "one.txt"]);
    assert_eq!(hits[0]["partial"], false);
    assert_eq!(hits[1]["partial"], true);
    env.cmd()
        .args(["search", "heron egret"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[some of the words]"))
        .stderr(predicate::str::contains(
            "1 record has all the words; 1 more with some of them",
        ));
    // Query syntax is taken as written: no loosening.
    assert_eq!(env.search_json(&["\"heron egret\""]).len(), 0);
    assert_eq!(env.search_json(&["+heron +egret"]).len(), 1);
}

#[test]
fn records_of_one_date_come_in_the_same_order_after_every_build() {
    // The parallel indexer writes records in whatever order its threads
    // finish; a list by date must not show that.
    let first = Env::shipped();
    let second = Env::shipped();
    for env in [&first, &second] {
        env.cmd()
            .args(["index", "--quiet", "--threads", "2"])
            .assert()
            .success();
    }
    for args in [
        &["resolutions", "--limit", "1000"][..],
        &[
            "search",
            "council OR the",
            "--sort",
            "-date",
            "--limit",
            "1000",
        ][..],
        &[
            "search",
            "council OR the",
            "--sort",
            "date",
            "--all",
            "--limit",
            "1000",
        ][..],
    ] {
        let ids = |env: &Env| -> Vec<String> {
            let out = env
                .cmd()
                .args(args)
                .args(["--format", "json"])
                .assert()
                .success();
            hits(parse_lines(&out.get_output().stdout))
                .iter()
                .map(|h| h["id"].to_string())
                .collect()
        };
        let (a, b) = (ids(&first), ids(&second));
        assert!(a.len() >= 5, "{args:?}: {a:?}");
        assert_eq!(a, b, "{args:?}");
    }
}

#[test]
fn a_document_that_states_its_address_carries_it_as_url() {
    let env = Env::new();
    env.write(
        "page.html",
        "<html><head><title>Minutes</title><link rel=\"canonical\" href=\"https://example.org/minutes-may-7-2019/\" /></head><body><main><p>The pelican crossing was approved by the council tonight.</p></main></body></html>",
    );
    env.write(
        "scan.md",
        "Minutes of the meeting\n\n[Original file](https://example.ie/files/minutes%202019.pdf)\n\nThe pelican crossing was noted.\n",
    );
    env.write(
        "front.md",
        "---\ntitle: Cabinet\nurl: https://example.com/Meeting.aspx?Id=7\n---\nThe pelican crossing was deferred.\n",
    );
    env.write(
        "plain.txt",
        "The pelican crossing, see https://example.net/r.pdf for the report.\n",
    );
    env.build();
    let hits = env.search_json(&["pelican", "--kind", "document"]);
    let url_of = |source: &str| {
        hits.iter()
            .find(|h| h["source"] == source)
            .map(|h| h["url"].clone())
            .unwrap_or_else(|| panic!("{source} in {hits:?}"))
    };
    assert_eq!(
        url_of("page.html"),
        "https://example.org/minutes-may-7-2019/"
    );
    assert_eq!(
        url_of("scan.md"),
        "https://example.ie/files/minutes%202019.pdf"
    );
    assert_eq!(url_of("front.md"), "https://example.com/Meeting.aspx?Id=7");
    // A link in the running text is not the document's own address.
    assert_eq!(url_of("plain.txt"), serde_json::Value::Null);
    let hit = hits
        .iter()
        .find(|h| h["source"] == "scan.md")
        .expect("scan");
    assert_eq!(hit["url_source"], "text");
}

#[test]
fn a_quoted_word_matches_as_written_and_a_plain_one_by_its_stem() {
    let env = Env::new();
    env.write("a.txt", "The car parks by the river were full all summer.");
    env.write("b.txt", "Parking charges rose again in the town centre.");
    env.write("c.txt", "A council van was parked on the verge.");
    env.build();
    let sources = |query: &str| {
        let mut s: Vec<String> = env
            .search_json(&[query])
            .iter()
            .map(|h| h["source"].as_str().unwrap_or("").to_owned())
            .collect();
        s.sort();
        s
    };
    assert_eq!(
        sources("\"parking\""),
        ["b.txt"],
        "no park or parks for \"parking\""
    );
    assert_eq!(
        sources("parking"),
        ["a.txt", "b.txt", "c.txt"],
        "parking finds parked and parks"
    );
    assert_eq!(sources("\"parked on the verge\""), ["c.txt"]);
    // The quoted word is still highlighted in the snippet.
    let hit = &env.search_json(&["\"parking\""])[0];
    assert_eq!(hit["highlights"][0], serde_json::json!([0, 7]), "{hit}");
}

#[test]
fn with_some_of_the_words_a_rare_word_ranks_above_repeated_common_ones() {
    let env = Env::new();
    // A long record with the rare word once, beside a short one that
    // repeats two commoner words: BM25 alone ranks the second first.
    let filler = "the members noted the report and thanked the officers for it ".repeat(40);
    env.write(
        "rare.txt",
        format!("{filler} the alpha scheme and the gamma grant were discussed"),
    );
    env.write("repeats.txt", "alpha beta. ".repeat(20));
    for n in 0..4 {
        env.write(&format!("alpha{n}.txt"), format!("alpha note {n}"));
        env.write(&format!("beta{n}.txt"), format!("beta note {n}"));
    }
    env.build();
    let hits = env.search_json(&["alpha beta gamma"]);
    let rank = |source: &str| hits.iter().position(|h| h["source"] == source);
    assert!(
        hits.iter().all(|h| h["partial"] == true),
        "no record has all three words"
    );
    assert!(
        rank("rare.txt") < rank("repeats.txt"),
        "two words with the rare one first: {:?}",
        hits.iter()
            .map(|h| h["source"].as_str().unwrap_or(""))
            .collect::<Vec<_>>()
    );
}
