//! US council records on harder layouts: page breaks inside a word or
//! after a colon, older ordinances cited in their text, section headings
//! with no blank line before them, and tables before a vote.

use super::tests::{seg, slice};

/// The texts of the records of `text`, by number.
fn records(text: &str) -> Vec<(String, &str)> {
    seg(text)
        .resolutions
        .iter()
        .map(|r| (r.number.clone().unwrap_or_default(), slice(text, &r.span)))
        .collect()
}

#[test]
fn a_record_goes_on_over_a_page_break_in_a_word_or_after_a_colon() {
    let text = "Ord. No. 1441-96.\nBy Councilman Coats.\nAn emergency ordinance to amend Section 327.99.\nWhereas, this ordinance constitutes an emergency measure; now, therefore,\nBe it ordained by the Council of\nthe City of Cleveland:\n\n1991\n\nSeptember 25, 1996\nSection 1. That a court may require the fee for inspec-\n\n1992\n\nSeptember 25, 1996\ntion of violations that have not been remedied.\nReferred to Directors of Law; Committee on Public Safety.\nOrd. No. 1442-96.\nBy Councilman Coats.\nAn ordinance to amend Section 367.11.\nPassed.";
    let found = records(text);
    assert_eq!(found.len(), 2, "{found:?}");
    let (number, first) = &found[0];
    assert_eq!(number, "1441-96");
    assert!(first.contains("Section 1. That a court"), "{first}");
    assert!(first.ends_with("Committee on Public Safety."), "{first}");
}

#[test]
fn an_older_ordinance_passed_in_the_text_is_not_the_outcome() {
    // A whole record on one page ("passed May 4, 2015" cites another);
    // its outcome is the "Passed." in capitals at its end.
    let text = "Ord. No. 82-18.\nBy Council Member Kelley.\nAn emergency ordinance to amend Section 7 of Ordinance No. 491-15,\npassed May 4, 2015, relating to salaries.\n\nSection 1. That Section 7 is amended to read as follows:\nSection 7. That salaries shall be fixed by the appointing authority.\n\nSection 2. That this ordinance takes effect at once.\nPassed. Yeas 17. Nays 0.\nOrd. No. 83-18.\nBy Council Member Kelley.\nAn ordinance to amend Section 9.\nReferred to Directors of Law.";
    let found = records(text);
    let (_, first) = &found[0];
    assert!(first.contains("Section 2. That this ordinance"), "{first}");
    assert!(first.ends_with("Passed. Yeas 17. Nays 0."), "{first}");
    // Where a sentence starts with it, "Passed" still ends the record.
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn a_section_heading_run_into_a_record_is_not_its_text() {
    // Heading after the outcome, and heading with a lead-in to the next
    // records; a word in capitals alone in justified text stays.
    let text = "Ord. No. 752-18.\nBy Council Member Santana.\nAn emergency ordinance to SYTE\nfund a program.\nPROPOSED CHARTER\nAMENDMENT\nThe ballot shall read as set out.\nPassed. Yeas 17.\nNays 0.\nFIRST READING EMERGENCY\nRESOLUTION READ IN FULL\nAND ADOPTED\n\nRes. No. 962-18 \u{2014} Jordan Smith.\nCONGRATULATIONS RESOLUTIONS\nThe rules were suspended and the\nfollowing Resolutions were adopted\nwithout objection:\n\nRes. No. 963-18 \u{2014} Saniyah Nicholson.";
    let found = records(text);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].1.ends_with("Nays 0."), "{}", found[0].1);
    assert!(found[0].1.contains("SYTE\nfund"), "{}", found[0].1);
    assert!(found[0].1.contains("PROPOSED CHARTER"), "{}", found[0].1);
    assert_eq!(found[1].1, "Res. No. 962-18 \u{2014} Jordan Smith.");
}

#[test]
fn a_table_after_a_colon_runs_to_the_vote_after_it() {
    let text = "Resolution No. 166-18.\nBy Director Spronz.\nBe it resolved by the Board of Control that the bid of Karvo Companies is affirmed.\nBe it further resolved that the employment of the following subcontractors is approved:\nSUBCONTRACTORS:\n\nWORK\nPERCENTAGE\n\nRAR Contracting Company,\nInc. (CSB)\n$119,994.00\n23.58%\n\nYeas: Directors Langhenry, Dumas.\nNays: None.\nAbsent: Mayor Jackson.\n\nCIVIL SERVICE NOTICE\n\nThe following are examples of proof:";
    let found = records(text);
    assert_eq!(found.len(), 1, "{found:?}");
    let (_, table) = &found[0];
    assert!(table.contains("RAR Contracting"), "{table}");
    assert!(table.ends_with("Absent: Mayor Jackson."), "{table}");
}

#[test]
fn a_numbered_list_inside_a_record_is_its_text_not_agenda_items() {
    let text = "Resolution No. 336-18.\nBy Director Menesse.\nWhereas, the following conditions\nexist:\n\n1. The member of Council from\nWard 12 has approved the proposed sale;\n\n2. The proposed purchaser of the\nparcel is not tax delinquent; now, therefore,\nBe it resolved by the Board of Control that the sale is approved.\nYeas: Directors Langhenry, Dumas.\nNays: None.\nResolution No. 337-18.\nBy Director Menesse.\nBe it resolved by the Board of Control that the bid is approved.\nYeas: Directors Langhenry, Dumas.";
    let s = seg(text);
    assert!(s.items.is_empty(), "{:?}", s.items);
    let found = records(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].1.contains("2. The proposed purchaser"),
        "{}",
        found[0].1
    );
    assert!(found[0].1.ends_with("Nays: None."), "{}", found[0].1);
}

#[test]
fn a_number_that_wraps_a_sentence_is_no_item() {
    // "(Net\n30 Days), is ..." goes on with the sentence.
    let text = "Resolution No. 6-96.\nBy Director Konicek.\nResolved by the Board of Control that the bid of Sunrise Chemical for the amount of Forty-One Thousand Dollars, ($41,072.22), (Net\n30 Days), is hereby approved as the\nlowest and best bid.\nYeas: Mayor White.\nNays: None.\nResolution No. 7-96.\nBy Director Konicek.\nResolved by the Board of Control that the bid is approved.\nYeas: Mayor White.";
    assert!(seg(text).items.is_empty(), "{:?}", seg(text).items);
    let found = records(text);
    assert!(
        found[0].1.contains("30 Days), is hereby approved"),
        "{}",
        found[0].1
    );
    assert!(found[0].1.ends_with("Nays: None."), "{}", found[0].1);
}

#[test]
fn numbered_ordinances_are_found_only_where_the_pattern_finds_them() {
    use super::us::{US_NUMBERED, us_numbered};
    let texts = [
        "Ord. No. 800-18.",
        "Res. No. 824-18 \u{2014} Mary Smith",
        "Resolution No 12-2024 - Roads",
        "Ordinance No. 5-2019\nAn ordinance to amend.",
        " Ord. No. 800-18.",
        "ord. No. 800-18.",
        "Other business. Res. No. 824-18 \u{2014} Mary Smith",
        "Res. 824-18",
        "",
    ];
    let mut found = 0;
    for text in texts {
        let by_pattern = US_NUMBERED.captures(text).map(|c| c["num"].to_owned());
        let gated = us_numbered(text).map(|c| c["num"].to_owned());
        assert_eq!(gated, by_pattern, "{text:?}");
        found += usize::from(gated.is_some());
    }
    assert_eq!(found, 4);
}
