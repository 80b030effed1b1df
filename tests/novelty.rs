//! What is new: a record is new when its text has never been indexed, and
//! changed when its place was indexed with other text. Renames, `--full`
//! and the full rebuild after an upgrade bring nothing new.

use crate::util::Env;

pub const MINUTES: &str = "Barrow Borough Council

Minutes of the Planning Committee held on 5 March 2024

Present: Councillors Ames, Brook and Cole.

1. Apologies for absence

Apologies were received from Councillor Dale.

2. Minutes of the last meeting

The minutes of the meeting held on 6 February 2024 were approved as a correct record.

3. Parking on Mill Lane

Members considered a report on parking on Mill Lane. RESOLVED: That a 20 mph zone be introduced on Mill Lane.

4. Osprey nesting platform

Members noted the report on the osprey nesting platform at the reservoir.
";

pub const PATH: &str = "barrow/planning/2024-03-05/minutes.txt";

/// An env with the Barrow minutes indexed once.
pub fn indexed() -> Env {
    let env = Env::new();
    env.write(PATH, MINUTES);
    let (summary, _) = env.index_json(&[]);
    assert_eq!(summary["records_new"], summary["records"], "{summary}");
    assert!(summary["records"].as_u64().unwrap() >= 5, "{summary}");
    env
}

/// New and changed counts of a run, and the ids `search --new` lists.
fn run(env: &Env, extra: &[&str]) -> (u64, u64, Vec<String>) {
    let (summary, _) = env.index_json(extra);
    let new = env
        .search_json(&["", "--new"])
        .iter()
        .filter(|h| h["type"] == "hit")
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect();
    (
        summary["records_new"].as_u64().unwrap(),
        summary["records_changed"].as_u64().unwrap(),
        new,
    )
}

#[test]
fn a_renamed_or_moved_file_brings_nothing_new() {
    let env = indexed();
    let moved = env.corpus.join("archive/2024/planning-5-march.txt");
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::rename(env.corpus.join(PATH), &moved).unwrap();
    let (new, changed, listed) = run(&env, &[]);
    assert_eq!((new, changed), (0, 0));
    assert!(listed.is_empty(), "{listed:?}");
}

#[test]
fn editing_one_item_changes_that_record_only() {
    let env = indexed();
    let before = env.search_json(&["osprey"]);
    env.write(
        PATH,
        MINUTES.replace("noted the report", "deferred the report"),
    );
    let (new, changed, listed) = run(&env, &[]);
    assert_eq!((new, changed), (0, 1));
    assert_eq!(listed, vec![format!("{PATH}#5")]);
    let item = &env.search_json(&["osprey", "--new"])[0];
    assert!(
        item["first_run"].as_u64() < item["indexed_run"].as_u64(),
        "{item}"
    );
    let old = before.iter().find(|h| h["id"] == item["id"]).unwrap();
    assert_eq!(item["key"], old["key"], "the same record, edited");
}

#[test]
fn a_new_item_is_new_and_its_neighbours_are_not() {
    let env = indexed();
    env.write(
        PATH,
        format!("{MINUTES}\n5. Any other business\n\nThe chair thanked the clerk for her years of service.\n"),
    );
    let (new, changed, listed) = run(&env, &[]);
    assert_eq!((new, changed), (1, 0), "{listed:?}");
    assert_eq!(listed.len(), 1);
}

#[test]
fn full_and_schema_rebuilds_bring_nothing_new() {
    let env = indexed();
    let (new, changed, listed) = run(&env, &["--full"]);
    assert_eq!((new, changed, listed.len()), (0, 0, 0));
    // An upgrade with another schema replaces the index files: the
    // first-seen store beside them keeps what was seen, and runs go on.
    let meta = env.index().join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let older = text.replace("\\\"schema_version\\\":", "\\\"schema_version\\\":1");
    assert_ne!(text, older, "the payload names its schema");
    std::fs::write(&meta, older).unwrap();
    let (summary, said) = env.index_json(&[]);
    assert!(said.contains("different version"), "{said}");
    assert_eq!(summary["records_new"], 0, "{summary}");
    assert!(env.search_json(&["", "--new"]).is_empty());
    let hit = &env.search_json(&["osprey"])[0];
    assert_eq!(hit["first_run"], 1, "{hit}");
    assert!(hit["indexed_run"] == 1, "{hit}");
}

#[test]
fn a_file_removed_and_restored_is_not_new() {
    let env = indexed();
    let file = env.corpus.join(PATH);
    std::fs::remove_file(&file).unwrap();
    env.build();
    env.write(PATH, MINUTES);
    let (new, changed, _) = run(&env, &[]);
    assert_eq!((new, changed), (0, 0));
}

#[test]
fn a_damaged_store_is_said_and_rebuilt_from_the_index() {
    let env = indexed();
    std::fs::write(env.index().join("seen.bin"), b"not a store").unwrap();
    env.write(PATH, MINUTES.replace("Dale", "Dale and Councillor Eve"));
    let (summary, said) = env.index_json(&[]);
    assert!(said.contains("first-seen store"), "{said}");
    assert_eq!(summary["warnings"][0]["reason"], "damaged-store");
    // What the index held is known again: one record changed, none new.
    assert_eq!(summary["records_new"], 0, "{summary}");
    assert_eq!(summary["records_changed"], 1, "{summary}");
    // And the store is whole again.
    let (summary, said) = env.index_json(&[]);
    assert!(!said.contains("first-seen store"), "{said}");
    assert_eq!(summary["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn a_store_behind_the_index_is_caught_up_from_it() {
    // As if a run was killed between its commit and saving the store.
    let env = indexed();
    let store = env.index().join("seen.bin");
    let behind = std::fs::read(&store).unwrap();
    env.write(
        "barrow/planning/2024-04-02/minutes.txt",
        MINUTES.replace("5 March", "2 April"),
    );
    env.build();
    std::fs::write(&store, behind).unwrap();
    std::fs::rename(
        env.corpus.join("barrow/planning/2024-04-02/minutes.txt"),
        env.corpus.join("barrow/april.txt"),
    )
    .unwrap();
    let (new, changed, listed) = run(&env, &[]);
    assert_eq!((new, changed), (0, 0), "{listed:?}");
}

#[test]
fn an_upgrade_from_a_version_without_the_store_brings_nothing_new() {
    // An index of another schema, and no first-seen store beside it: what
    // the old index knew of its files carries over the rebuild.
    let env = indexed();
    std::fs::remove_file(env.index().join("seen.bin")).unwrap();
    let meta = env.index().join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(
        &meta,
        text.replace("\\\"schema_version\\\":", "\\\"schema_version\\\":1"),
    )
    .unwrap();
    let (summary, said) = env.index_json(&[]);
    assert!(said.contains("different version"), "{said}");
    assert_eq!(summary["records_new"], 0, "{summary}");
    let hit = &env.search_json(&["osprey"])[0];
    assert_eq!(hit["indexed_run"], 1, "{hit}");
    // Runs go on from the old index's.
    env.write(
        "barrow/other.txt",
        "Minutes of the Licensing Committee\n\nA new osprey licence.",
    );
    let (summary, _) = env.index_json(&[]);
    assert_eq!(summary["records_new"], 1, "{summary}");
    let newest = env.search_json(&["licence", "--new"]);
    assert_eq!(newest[0]["indexed_run"], 3, "{:?}", newest);
}
