//! Decision fields end to end: mover, seconder, outcome and votes in JSON,
//! CSV and `show`, and `--outcome` as a filter.

use crate::util::{Env, csv_table};

fn env() -> Env {
    let env = Env::new();
    env.write(
        "north/planning/2025-03-03/minutes.txt",
        "Minutes of the meeting of the Planning Committee held on 3 March 2025\n\n\
         1. Heron Lane depot\n\nMoved by A. Hopkins\nSeconded by J. Pribil\n\
         That the sale of the Heron Lane depot BE APPROVED.\nMotion Passed (9 to 2)\n\n\
         2. Parking charges\n\nMoved by S. Lewis\nSeconded by E. Peloza\n\
         That the parking charges at Heron Lane BE AMENDED.\nMotion Failed (4 to 7)\n\n\
         3. Community grants\n\nOn the proposal of Councillor Galvin, seconded by Councillor Sheahan, \
         it was agreed to allocate the Heron Lane grants as set out in the report.\n",
    );
    env.build();
    env
}

#[test]
fn outcome_filters_resolutions_and_json_carries_the_decision() {
    let env = env();
    let all = env.search_json(&["heron", "--kind", "resolution"]);
    assert_eq!(all.len(), 3, "{all:?}");
    let lost = env.search_json(&["heron", "--kind", "resolution", "--outcome", "lost"]);
    assert_eq!(lost.len(), 1, "{lost:?}");
    let hit = &lost[0];
    assert_eq!(hit["outcome"], "lost");
    assert_eq!(hit["mover"], "S. Lewis");
    assert_eq!(hit["seconder"], "E. Peloza");
    assert_eq!(hit["votes_for"], 4);
    assert_eq!(hit["votes_against"], 7);
    let carried = env.search_json(&["heron", "--kind", "resolution", "--outcome", "carried"]);
    let movers: Vec<&str> = carried.iter().filter_map(|h| h["mover"].as_str()).collect();
    assert_eq!(carried.len(), 2, "{carried:?}");
    assert!(
        movers.contains(&"A. Hopkins") && movers.contains(&"Galvin"),
        "{movers:?}"
    );
    assert!(
        env.search_json(&["heron", "--outcome", "withdrawn"])
            .is_empty()
    );
}

#[test]
fn csv_and_show_carry_the_decision() {
    let env = env();
    let csv = env.stdout(&[
        "resolutions",
        "heron",
        "--outcome",
        "carried",
        "--format",
        "csv",
        "--sort",
        "relevance",
    ]);
    let (header, rows) = csv_table(csv.as_bytes());
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let row = rows
        .iter()
        .find(|r| &r[col("mover")] == "A. Hopkins")
        .expect("the depot sale");
    assert_eq!(&row[col("seconder")], "J. Pribil");
    assert_eq!(&row[col("outcome")], "carried");
    assert_eq!(&row[col("votes_for")], "9");
    assert_eq!(&row[col("votes_against")], "2");
    let id = row[col("id")].to_owned();
    let shown = env.stdout(&["show", &id]);
    assert!(shown.contains("mover      A. Hopkins"), "{shown}");
    assert!(shown.contains("outcome    carried"), "{shown}");
    assert!(shown.contains("votes      9 to 2"), "{shown}");
    let listed = env.stdout(&["resolutions", "depot"]);
    assert!(
        listed.contains("carried (9 to 2) · moved by A. Hopkins · seconded by J. Pribil"),
        "{listed}"
    );
}
