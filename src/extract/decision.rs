//! What a resolution's text says of the decision: who moved and seconded
//! it, how it went, and the vote, where the text states them. Nothing is
//! guessed: a value the text does not give stays empty.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::re;

use crate::model::{Decision, Outcome, Votes};

/// A member's name after "Proposed by", "seconded by": titles dropped, up
/// to the punctuation or words that end it.
const NAME: &str = r"(?:(?:Councillors?|Cllrs?\.?|Council\s+Member|Councilman|Councilwoman|Alderman|Mayor|Deputy\s+Mayor|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?)\s+)?(?P<name>[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|\([A-Z][a-z]?\.?\)|de|van|von|Van|O'))*)";

static MOVER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i:(?:proposed|moved|motioned|motion\s+made)\s+by|on\s+the\s+proposal\s+of|it\s+was\s+proposed\s+by)[:\s]+{NAME}"
    ))
});
static SECONDER: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i:seconded\s+by)[:\s]+{NAME}")));
/// A US council's sponsors: "By Council Members Brancatelli and Kelley
/// (by departmental request).": the mover is the list.
static SPONSORS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?m)^By\s+Council\s*(?:Members?|man|woman)\s+(?P<names>[^.(]{2,160})"));
/// Nipissing's "R2024-101 S. Kirkey, D. Yemm: That ...": mover, seconder.
static NUMBERED_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^R\d{2,4}-\d{1,4}\s+(?P<mover>[A-Z][\w.'’\- ]{1,40}?),\s*(?P<seconder>[A-Z][\w.'’\- ]{1,40}?):",
    )
});

/// An outcome stated on its own ("Carried.", "CARRIED UNANIMOUSLY"), at
/// the end of a sentence or an amount ("... be approved.  Carried.",
/// "$313,441.81 Carried."), followed by the end of its line or a new
/// sentence (a capital: "carried out" is no outcome), or as "Motion
/// Passed".
static OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?im)(?:^|[.;:)]\s+|\.\d\d\s+)\**(?P<word>carried|passed|lost|defeated|deferred|withdrawn|adopted|referred(?:\s+back)?)(?:\s+unanimously|\s+as\s+amended)?\**\s*[.!]?\s*(?:\(|$|\s+(?-i:[A-Z]))|motion\s+(?P<motion>passed|carried|failed|lost|defeated)|^(?P<us>passed|adopted|referred)\s+(?:to\s|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s)",
    )
});
/// "(4 to 0)", "by 12 votes to 3", "12 for, 3 against", "For: 12
/// Against: 3 Abstained: 1".
static VOTES_TO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\((?P<for>\d{1,3})\s+(?:votes?\s+)?to\s+(?P<against>\d{1,3})\)|by\s+(?P<for2>\d{1,3})\s+votes?\s+to\s+(?P<against2>\d{1,3})",
    )
});
static VOTES_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:for|in\s+favour|yeas?)\s*[:=]?\s*(?P<for>\d{1,3})[,;.\s]+(?:against|nays?)\s*[:=]?\s*(?P<against>\d{1,3})(?:[,;.\s]+(?:abstain(?:ed|ing|ions?)?)\s*[:=]?\s*(?P<abstain>\d{1,3}))?",
    )
});
/// Words that make a resolution a decision taken ("RESOLVED", "it was
/// agreed"), when no outcome is stated.
static RESOLVED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|\b)RESOLVED\b|(?i:\b(?:and\s+resolved|it\s+was\s+(?:resolved|agreed)|and\s+agreed)\b)",
    )
});

/// A reference to another minute: "minute 12/18", "Minute No. 45", "see
/// minute number 7".
static MINUTE_REF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)minutes?\s+(?:(?:no\.?|number)\s*(?P<a>\d{1,4}(?:/\d{2,4})?)|(?P<b>\d{1,4}/\d{2,4}))(?-u:\b)",
    )
});

/// The minutes `text` refers to, in order, each once ("12/18", "45").
/// A date ("minutes 12/18/2019") is no reference.
pub fn minute_refs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in MINUTE_REF.captures_iter(text) {
        let Some(m) = c.name("a").or_else(|| c.name("b")) else {
            continue;
        };
        if text[m.end()..].starts_with('/') {
            continue;
        }
        let found = m.as_str().to_owned();
        if !out.contains(&found) {
            out.push(found);
        }
    }
    out
}

/// The decision `text` (a resolution's) states.
pub fn decision(text: &str) -> Decision {
    let pair = NUMBERED_PAIR.captures(text.trim_start());
    let mover = MOVER
        .captures(text)
        .map(|c| clean_name(&c["name"]))
        .or_else(|| pair.as_ref().map(|c| clean_name(&c["mover"])))
        .or_else(|| {
            SPONSORS
                .captures(text)
                .map(|c| c["names"].split_whitespace().collect::<Vec<_>>().join(" "))
        });
    let seconder = SECONDER
        .captures(text)
        .map(|c| clean_name(&c["name"]))
        .or_else(|| pair.as_ref().map(|c| clean_name(&c["seconder"])));
    Decision {
        mover: mover.filter(|n| !n.is_empty()),
        seconder: seconder.filter(|n| !n.is_empty()),
        outcome: outcome(text),
        votes: votes(text),
    }
}

/// Whether `text` states an outcome ("Carried.", "Motion passed"): where
/// a motion's block may end. A word inside a sentence ("carried out") is
/// not one.
pub fn states_outcome(text: &str) -> bool {
    OUTCOME.is_match(text)
}

/// Whether `text` states an outcome in a word that starts with a capital
/// ("Passed. Yeas 17.", "Adopted."): where a US council's record ends. Its
/// text cites older ordinances in lower case ("Ordinance No. 491-15,\npassed
/// May 4, 2015").
pub fn states_outcome_in_capitals(text: &str) -> bool {
    OUTCOME.find_iter(text).any(|m| {
        m.as_str()
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    })
}

/// Where the line that first states an outcome in `text` ends.
pub fn outcome_line_end(text: &str) -> Option<usize> {
    let m = OUTCOME.find(text)?;
    Some(
        text[m.end()..]
            .find('\n')
            .map_or(text.len(), |i| m.end() + i),
    )
}

/// The last outcome the text states; a resolution that says it was
/// resolved or agreed, and states none, was carried.
fn outcome(text: &str) -> Option<Outcome> {
    let stated = OUTCOME.captures_iter(text).last().and_then(|c| {
        let word = c
            .name("word")
            .or_else(|| c.name("motion"))
            .or_else(|| c.name("us"))?
            .as_str()
            .to_lowercase();
        Outcome::parse(word.split_whitespace().next()?)
    });
    stated.or_else(|| RESOLVED.is_match(text).then_some(Outcome::Carried))
}

fn votes(text: &str) -> Option<Votes> {
    let number = |c: &regex::Captures, names: &[&str]| {
        names
            .iter()
            .find_map(|n| c.name(n))
            .and_then(|m| m.as_str().parse().ok())
    };
    if let Some(c) = VOTES_LABELLED.captures(text) {
        return Some(Votes {
            for_: number(&c, &["for"])?,
            against: number(&c, &["against"])?,
            abstain: number(&c, &["abstain"]),
        });
    }
    let c = VOTES_TO.captures(text)?;
    Some(Votes {
        for_: number(&c, &["for", "for2"])?,
        against: number(&c, &["against", "against2"])?,
        abstain: None,
    })
}

/// A name as found, less what runs on after it ("Collins (M)" keeps its
/// initial; "Sheahan and agreed" does not keep "and agreed").
fn clean_name(found: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    for word in found.split_whitespace() {
        let lower = word.to_lowercase();
        if ["and", "it", "that", "the", "seconded", "to"].contains(&lower.as_str()) {
            break;
        }
        words.push(word);
        if words.len() == 4 {
            break;
        }
    }
    words
        .join(" ")
        .trim_end_matches([',', ';', ':', '.'])
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decision {
        decision(text)
    }

    #[test]
    fn irish_proposer_and_seconder_lines() {
        let r = d(
            "Proposed by Councillor Collins (M);\n\nSeconded by Councillor Sheahan (J);\n\nAnd Resolved:\n\n\u{201c}That the draft Minutes be adopted\u{201d}",
        );
        assert_eq!(r.mover.as_deref(), Some("Collins (M)"));
        assert_eq!(r.seconder.as_deref(), Some("Sheahan (J)"));
        assert_eq!(r.outcome, Some(Outcome::Carried));
        let r = d(
            "On the proposal of Cllr Eddie Ryan, seconded by Cllr Lisa Marie Sheehy, and agreed, that the allocations are as follows:",
        );
        assert_eq!(r.mover.as_deref(), Some("Eddie Ryan"));
        assert_eq!(r.seconder.as_deref(), Some("Lisa Marie Sheehy"));
        assert_eq!(r.outcome, Some(Outcome::Carried));
    }

    #[test]
    fn canadian_numbered_pairs_and_motions_with_votes() {
        let r = d(
            "R2019-218\tT. Marchant, L. Moore:  That the statement of accounts be approved.  Carried.",
        );
        assert_eq!(r.mover.as_deref(), Some("T. Marchant"));
        assert_eq!(r.seconder.as_deref(), Some("L. Moore"));
        assert_eq!(r.outcome, Some(Outcome::Carried));
        let r = d(
            "Moved by A. Hopkins\nSeconded by J. Pribil\nThat the report BE RECEIVED.\nVote:\nMotion Passed (4 to 0)",
        );
        assert_eq!(r.mover.as_deref(), Some("A. Hopkins"));
        assert_eq!(r.seconder.as_deref(), Some("J. Pribil"));
        assert_eq!(r.outcome, Some(Outcome::Carried));
        assert_eq!(
            r.votes,
            Some(Votes {
                for_: 4,
                against: 0,
                abstain: None
            })
        );
    }

    #[test]
    fn us_ordinances_with_sponsors_outcome_and_vote() {
        let r = d(
            "Ord. No. 800-18.\nBy Council Members Brancatelli\nand\nKelley\n(by\ndepartmental request).\nAn emergency ordinance authorizing a grant.\nSection 1. That the Director is authorized.\nYeas 17. Nays 0.\nPassed June 4, 2018.\nEffective June 5, 2018.",
        );
        assert_eq!(r.mover.as_deref(), Some("Brancatelli and Kelley"));
        assert_eq!(r.outcome, Some(Outcome::Carried));
        assert_eq!(r.votes.map(|v| (v.for_, v.against)), Some((17, 0)));
        let passed = d(
            "The rules were suspended. Yeas\n15. Nays 0. Read second time. Read\nthird time in full. Passed. Yeas 15.\nNays 0.",
        );
        assert_eq!(passed.outcome, Some(Outcome::Carried));
        let referred = d(
            "Res. No. 793-18.\nBy Council Member Conwell.\nAn emergency resolution to vacate a court.\nReferred to Directors of City Planning Commission, Law.",
        );
        assert_eq!(referred.outcome, Some(Outcome::Referred));
        assert_eq!(referred.mover.as_deref(), Some("Conwell"));
    }

    #[test]
    fn an_outcome_after_an_amount_is_stated_and_one_inside_a_sentence_is_not() {
        let amount = "That we award the RFP to Currie Truck Centre.\nFor a total amount of: $313,441.81 Carried.";
        assert!(states_outcome(amount));
        assert_eq!(d(amount).outcome, Some(Outcome::Carried));
        assert!(!states_outcome(
            "The works were carried out in May by 2 contractors."
        ));
        assert!(!states_outcome("Recommendation 3 carried out by officers."));
        assert!(!states_outcome("Item 4 referred to the Cabinet."));
        assert!(states_outcome(
            "That the report be received. Carried. The meeting closed."
        ));
        // A date before a title is no amount.
        assert!(!states_outcome(
            "That the January 6, 2025 Deferred Matters List BE RECEIVED."
        ));
    }

    #[test]
    fn references_to_other_minutes() {
        assert_eq!(
            minute_refs("Further to minute 12/18 and see Minute No. 45; as Minute 12/18 said."),
            ["12/18", "45"]
        );
        assert!(minute_refs("The minutes of 12/18/2019 and minutes 2025 were noted.").is_empty());
    }

    #[test]
    fn outcomes_lost_deferred_and_none_stated() {
        let lost = d("That the fee be waived.\nMotion Failed (3 to 10)");
        assert_eq!(lost.outcome, Some(Outcome::Lost));
        assert_eq!(lost.votes.map(|v| (v.for_, v.against)), Some((3, 10)));
        assert_eq!(
            d("R2020-5 A. B, C. D: That it be tabled. Deferred.").outcome,
            Some(Outcome::Deferred)
        );
        assert_eq!(
            d("The amendment was put: For: 12, Against: 3, Abstained: 1. LOST").votes,
            Some(Votes {
                for_: 12,
                against: 3,
                abstain: Some(1)
            })
        );
        // "carried out" is no outcome, and a motion with none stated has none.
        let none = d("That the works be carried out by the roads department BE APPROVED");
        assert_eq!(none.outcome, None);
        assert_eq!(none.mover, None);
    }
}
