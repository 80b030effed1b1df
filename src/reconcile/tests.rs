//! The reconciliation rules, each on invented names of two kinds of
//! council (a UK-style "X City Council" and a Canadian-style "Township of
//! X"), so no rule depends on one real council.

use super::*;
use crate::model::Sourced;

fn doc(
    source: &str,
    council: Option<&str>,
    strength: Strength,
    committee: Option<&str>,
) -> DocNames {
    let origin = if strength == Strength::Given {
        Origin::FolderMeta
    } else {
        Origin::Text
    };
    let sourced = |v: Option<&str>| match v {
        Some(v) => Sourced::new(v.to_owned(), origin),
        None => Sourced::empty(),
    };
    DocNames::new(source, &sourced(council), strength, &sourced(committee))
}

fn stated(source: &str, council: &str) -> DocNames {
    doc(source, Some(council), Strength::Stated, None)
}

/// Documents per reconciled council.
fn council_counts(r: &Reconciler) -> std::collections::BTreeMap<String, usize> {
    let mut out = std::collections::BTreeMap::new();
    for c in r.councils.values().filter_map(|c| c.value.clone()) {
        *out.entry(c).or_default() += 1;
    }
    out
}

fn council(r: &Reconciler, source: &str) -> Option<String> {
    r.names_of(source).and_then(|(c, _)| c.map(str::to_owned))
}

fn committee(r: &Reconciler, source: &str) -> Option<String> {
    r.names_of(source).and_then(|(_, c)| c.map(str::to_owned))
}

#[test]
fn an_ocr_slip_folds_into_the_recurring_name() {
    for (name, slip) in [
        ("Barrow City Council", "Barrcw City Council"),
        ("Township of Elmvale", "Township of Elmvaie"),
    ] {
        let mut docs: Vec<DocNames> = (0..5).map(|i| stated(&format!("{i}.txt"), name)).collect();
        docs.push(stated("slip.txt", slip));
        let r = Reconciler::build(&docs, &Config::default());
        assert_eq!(council(&r, "slip.txt").as_deref(), Some(name), "{slip}");
        assert_eq!(council_counts(&r).len(), 1);
    }
}

#[test]
fn words_swept_in_around_a_name_are_not_part_of_it() {
    for (name, swept) in [
        ("Barrow City Council", "That Barrow City Council"),
        ("Barrow City Council", "Comhairle Barrow City Council"),
        ("Township of Elmvale", "Township of Elmvale Community"),
    ] {
        let mut docs: Vec<DocNames> = (0..4).map(|i| stated(&format!("{i}.txt"), name)).collect();
        docs.push(stated("swept.txt", swept));
        let r = Reconciler::build(&docs, &Config::default());
        assert_eq!(council(&r, "swept.txt").as_deref(), Some(name), "{swept}");
    }
}

#[test]
fn the_same_words_in_another_order_are_one_name_the_commoner_spelling() {
    let mut docs: Vec<DocNames> = (0..4)
        .map(|i| stated(&format!("{i}.txt"), "Township of Elmvale"))
        .collect();
    docs.push(stated("a.txt", "Elmvale Township"));
    docs.push(stated("b.txt", "Elmvale Township"));
    docs.push(stated("c.txt", "Barrow City & County Council"));
    docs.push(stated("d.txt", "Barrow City and County Council"));
    let r = Reconciler::build(&docs, &Config::default());
    assert_eq!(council(&r, "a.txt").as_deref(), Some("Township of Elmvale"));
    assert_eq!(council(&r, "c.txt"), council(&r, "d.txt"));
}

#[test]
fn other_bodies_of_the_same_place_stay_apart() {
    let mut docs: Vec<DocNames> = (0..6)
        .map(|i| stated(&format!("x/{i}.txt"), "Barrow City and County Council"))
        .collect();
    docs.push(stated("y/1.txt", "Barrow County Council"));
    docs.push(stated("y/2.txt", "Barrow County Council"));
    docs.push(stated("z/1.txt", "Barrow City Council"));
    docs.push(stated("z/2.txt", "Barrow City Council"));
    let r = Reconciler::build(&docs, &Config::default());
    assert_eq!(council_counts(&r).len(), 3, "{:?}", council_counts(&r));
}

#[test]
fn a_folder_shares_its_council_with_documents_that_do_not_state_one() {
    let mut docs: Vec<DocNames> = (0..4)
        .map(|i| stated(&format!("kirk/{i}.txt"), "Kirk Borough Council"))
        .collect();
    docs.push(doc("kirk/empty.txt", None, Strength::Weak, None));
    docs.push(doc(
        "kirk/neighbour.txt",
        Some("Marsh County Council"),
        Strength::Weak,
        None,
    ));
    docs.push(stated("kirk/fragment.txt", "And County Council"));
    let r = Reconciler::build(&docs, &Config::default());
    for source in ["kirk/empty.txt", "kirk/neighbour.txt", "kirk/fragment.txt"] {
        assert_eq!(
            council(&r, source).as_deref(),
            Some("Kirk Borough Council"),
            "{source}"
        );
    }
    let (value, origin) = (
        &r.councils["kirk/empty.txt"].value,
        r.councils["kirk/empty.txt"].origin,
    );
    assert!(value.is_some() && origin == Origin::Corpus);
}

#[test]
fn a_name_the_text_states_again_and_again_is_kept_against_its_folder() {
    let mut docs: Vec<DocNames> = (0..30)
        .map(|i| stated(&format!("f/{i}.txt"), "Barrow City Council"))
        .collect();
    docs.push(stated("f/old1.txt", "Marsh County Council"));
    docs.push(stated("f/old2.txt", "Marsh County Council"));
    docs.push(stated("f/once.txt", "Fenwick County Council"));
    let r = Reconciler::build(&docs, &Config::default());
    assert_eq!(
        council(&r, "f/old1.txt").as_deref(),
        Some("Marsh County Council")
    );
    // A one-off stated name in a folder that agrees gives way.
    assert_eq!(
        council(&r, "f/once.txt").as_deref(),
        Some("Barrow City Council")
    );
}

#[test]
fn a_mixed_folder_gives_no_council_and_given_names_never_change() {
    let mut docs = vec![
        stated("a/1.txt", "Barrow City Council"),
        stated("a/2.txt", "Barrow City Council"),
        stated("b/1.txt", "Township of Elmvale"),
        stated("b/2.txt", "Township of Elmvale"),
        doc("loose.txt", None, Strength::Weak, None),
    ];
    docs.push(doc(
        "c/1.txt",
        Some("Barrcw City Council"),
        Strength::Given,
        None,
    ));
    let r = Reconciler::build(&docs, &Config::default());
    assert_eq!(council(&r, "loose.txt"), None);
    assert_eq!(
        council(&r, "c/1.txt").as_deref(),
        Some("Barrcw City Council")
    );
}

#[test]
fn committees_belong_to_their_council() {
    let c = Some("Barrow City Council");
    let mut docs = vec![
        doc("m/1.txt", c, Strength::Stated, Some("Barrow City Council")),
        doc("m/2.txt", c, Strength::Stated, Some("Audit Committee")),
        doc("m/3.txt", c, Strength::Stated, Some("Audit Committee")),
        doc(
            "m/4.txt",
            c,
            Strength::Stated,
            Some("Barrow Audit Committee"),
        ),
        doc(
            "m/5.txt",
            c,
            Strength::Stated,
            Some("Audit Committee Working Group"),
        ),
        doc(
            "m/6.txt",
            c,
            Strength::Stated,
            Some(", Planning Committee was"),
        ),
    ];
    docs.push(doc(
        "m/7.txt",
        c,
        Strength::Stated,
        Some("Planning Committee"),
    ));
    docs.push(doc("m/8.txt", c, Strength::Stated, Some("City Council")));
    docs.push(doc("m/9.txt", c, Strength::Stated, Some("Full Council")));
    docs.push(doc(
        "m/10.txt",
        c,
        Strength::Stated,
        Some("Metropolitan District of Barrow"),
    ));
    let r = Reconciler::build(&docs, &Config::default());
    assert_eq!(committee(&r, "m/1.txt").as_deref(), Some("Council"));
    assert_eq!(committee(&r, "m/8.txt").as_deref(), Some("Council"));
    assert_eq!(committee(&r, "m/9.txt").as_deref(), Some("Council"));
    // A district of the council is a body of its own.
    assert_eq!(
        committee(&r, "m/10.txt").as_deref(),
        Some("Metropolitan District of Barrow")
    );
    assert_eq!(committee(&r, "m/4.txt").as_deref(), Some("Audit Committee"));
    // Words after a name make another body (but for a sub-committee).
    assert_eq!(
        committee(&r, "m/5.txt").as_deref(),
        Some("Audit Committee Working Group")
    );
    assert_eq!(
        committee(&r, "m/6.txt").as_deref(),
        Some("Planning Committee")
    );
}

#[test]
fn a_committee_name_cut_short_folds_into_the_one_it_begins() {
    let c = Some("Township of Elmvale");
    let mut docs = Vec::new();
    for i in 0..3 {
        docs.push(doc(
            &format!("a{i}.txt"),
            c,
            Strength::Stated,
            Some("Home and Social"),
        ));
        docs.push(doc(
            &format!("b{i}.txt"),
            c,
            Strength::Stated,
            Some("Home and Social Development Committee"),
        ));
    }
    let r = Reconciler::build(&docs, &Config::default());
    assert_eq!(
        committee(&r, "a0.txt").as_deref(),
        Some("Home and Social Development Committee")
    );
}

#[test]
fn one_meetings_papers_share_a_committee_but_a_lone_name_is_not_spread() {
    let c = Some("Barrow City Council");
    let docs = vec![
        doc(
            "2024-05-01/agenda.txt",
            c,
            Strength::Stated,
            Some("Cabinet"),
        ),
        doc("2024-05-01/report.txt", c, Strength::Stated, None),
        doc(
            "decisions/1.txt",
            c,
            Strength::Stated,
            Some("Policy Committee"),
        ),
        doc("decisions/2.txt", c, Strength::Stated, None),
        doc("decisions/3.txt", c, Strength::Stated, None),
        doc("decisions/4.txt", c, Strength::Stated, None),
    ];
    let r = Reconciler::build(&docs, &Config::default());
    assert_eq!(
        committee(&r, "2024-05-01/report.txt").as_deref(),
        Some("Cabinet")
    );
    assert_eq!(committee(&r, "decisions/2.txt"), None);
}

#[test]
fn a_sub_committee_named_after_its_parent_is_filed_under_it() {
    // Two layouts of a sub-committee's name, under two kinds of council.
    for (council, parent, subs) in [
        (
            "Township of Elmvale",
            "North Ward Committee",
            [
                "North Ward Committee JPC Subcommittee",
                "North Ward Committee Planning Sub-Committee",
            ],
        ),
        (
            "Fenwick City Council",
            "Area Board of Eastgate",
            [
                "Area Board of Eastgate Joint Policing Sub Committee",
                "Area Board of Eastgate Subcommittee",
            ],
        ),
    ] {
        let mut docs = Vec::new();
        for i in 0..3 {
            docs.push(doc(
                &format!("p{i}.txt"),
                Some(council),
                Strength::Stated,
                Some(parent),
            ));
        }
        for (i, sub) in subs.iter().enumerate() {
            docs.push(doc(
                &format!("s{i}.txt"),
                Some(council),
                Strength::Stated,
                Some(sub),
            ));
        }
        // A fragment of the parent's name is the parent's, the
        // sub-committees beside it notwithstanding.
        let words: Vec<&str> = parent.split(' ').collect();
        let cut = words[..words.len() - 1].join(" ");
        docs.push(doc("f.txt", Some(council), Strength::Stated, Some(&cut)));
        // A body that only shares the parent's first words stays its own.
        docs.push(doc(
            "o.txt",
            Some(council),
            Strength::Stated,
            Some("Audit Sub-Committee"),
        ));
        let r = Reconciler::build(&docs, &Config::default());
        for i in 0..subs.len() {
            assert_eq!(committee(&r, &format!("s{i}.txt")).as_deref(), Some(parent));
        }
        assert_eq!(
            committee(&r, "o.txt").as_deref(),
            Some("Audit Sub-Committee")
        );
    }
}

#[test]
fn a_name_only_a_segment_has_folds_like_a_documents() {
    for council in ["Township of Elmvale", "Fenwick City Council"] {
        let docs: Vec<DocNames> = (0..3)
            .map(|i| {
                doc(
                    &format!("p{i}.txt"),
                    Some(council),
                    Strength::Stated,
                    Some("North Ward Committee"),
                )
            })
            .collect();
        let r = Reconciler::build(&docs, &Config::default());
        let seg = |raw: &str| r.committee_for("p0.txt", raw);
        assert_eq!(
            seg("Nerth Ward Committee").as_deref(),
            Some("North Ward Committee")
        );
        assert_eq!(
            seg("North Ward Committee Joint Policing Sub-Committee").as_deref(),
            Some("North Ward Committee")
        );
        assert_eq!(
            seg("Special Meeting of Council").as_deref(),
            Some("Council")
        );
        // A neighbouring council's letter names no body of this one.
        assert_eq!(seg("Ardmore County Council"), None);
        assert_eq!(seg("Licensing Panel").as_deref(), Some("Licensing Panel"));
    }
}

#[test]
fn a_rare_short_form_of_a_far_commoner_council_folds_into_it() {
    for (long, short) in [
        ("Barrow City and County Council", "Barrow City Council"),
        ("Township of Elmvale and Ardmore", "Township of Elmvale"),
    ] {
        let mut docs: Vec<DocNames> = (0..20)
            .map(|i| stated(&format!("x/{i}.txt"), long))
            .collect();
        docs.push(stated("y/1.txt", short));
        // Another place's council is never a short form.
        docs.push(stated("z/1.txt", "Ardmore County Council"));
        docs.push(stated("z/2.txt", "Ardmore County Council"));
        let r = Reconciler::build(&docs, &Config::default());
        assert_eq!(council(&r, "y/1.txt").as_deref(), Some(long));
        assert_eq!(
            council(&r, "z/1.txt").as_deref(),
            Some("Ardmore County Council")
        );
    }
}
