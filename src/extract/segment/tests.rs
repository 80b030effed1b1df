//! Items, meetings and resolutions on layouts from several councils.

use super::*;

pub(super) fn seg(text: &str) -> Segments {
    segments(text, Order::DayFirst, None)
}

/// The one resolution of `text`, which must have exactly one.
pub(super) fn the_resolution(text: &str) -> &str {
    let s = seg(text);
    assert_eq!(s.resolutions.len(), 1, "{:?}", s.resolutions);
    &text[s.resolutions[0].span.clone()]
}

#[test]
fn an_agenda_item_page_is_one_item() {
    let text =
        "Agenda item\n\nImprovement Journey\n\nMinutes:\n\nThe Committee considered caseloads.";
    let s = segments(text, Order::DayFirst, Some("Improvement Journey"));
    assert_eq!(s.items.len(), 1);
    assert_eq!(s.items[0].span, 0..text.len());
    assert!(
        segments("Some page\n\nText.", Order::DayFirst, Some("Some page"))
            .items
            .is_empty()
    );
}

pub(super) fn slice<'a>(text: &'a str, r: &Range<usize>) -> &'a str {
    &text[r.clone()]
}

#[test]
fn numbered_items_rise_and_lists_inside_are_not_items() {
    let text = "Public Business\n\n1. Apologies and Substitutions\n\n2. Declarations of Interests\n\n3. Minutes\n\nThe report listed:\n1. Continue to monitor and develop services through the work of the improvement board.\n2. Ensure that the board supports partners.\n\n4. Support to Young Carers (Pages 7 - 12)\n\nBriefing Note";
    let s = seg(text);
    let titles: Vec<&str> = s.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Apologies and Substitutions",
            "Declarations of Interests",
            "Minutes",
            "Support to Young Carers (Pages 7 - 12)"
        ]
    );
    assert!(slice(text, &s.items[2].span).contains("Ensure that the board"));
    assert_eq!(s.items[3].number, "4");
}

#[test]
fn kent_numbers_alone_and_item_labels() {
    let text = "UNRESTRICTED ITEMS\n84.\nApologies\n(Item 1)\nApologies were received from Mrs C Bell.\n85.\nDeclarations of Interest\n(Item 2)\nNone.\n86.\nMinutes of the Meeting held on 9th January 2025\n(Item 3)\nRESOLVED that the minutes of the meeting on 9 January 2025 were a correct record\nand that they be signed by the Chair\n87.\nCabinet Member Updates\n(Item 4)\n1. Mr R Gough, Leader of the Council provided an update on the following:\n88.\n24/00108 - Revenue and Capital Budget Monitoring Report – November\n2024-25\n(Item 5)\nThe report was noted.\n";
    let s = seg(text);
    let nums: Vec<&str> = s.items.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(nums, ["84", "85", "86", "87", "88"]);
    assert_eq!(
        s.items[4].title,
        "24/00108 - Revenue and Capital Budget Monitoring Report – November"
    );
    assert_eq!(
        s.items[2].title,
        "Minutes of the Meeting held on 9th January 2025"
    );
    assert_eq!(s.resolutions.len(), 1);
    assert_eq!(
        slice(text, &s.resolutions[0].span),
        "RESOLVED that the minutes of the meeting on 9 January 2025 were a correct record\nand that they be signed by the Chair"
    );
    // The item approving the last minutes is no meeting of its own: the
    // items after it keep the document's date.
    assert!(s.meetings.is_empty(), "{:?}", s.meetings);
}

#[test]
fn an_agenda_entry_for_the_last_minutes_is_no_meeting() {
    // (Past the document's opening, where a heading would be its own.)
    let opening = "Notes for members about the meeting and its papers.\n".repeat(40);
    for text in [
        "1. Apologies\n\n2. Declarations\n\nMinutes of the Meeting held on 30 January 2025 (Pages 1 - 18)\n\n4. Budget (Pages 19 - 40)\n",
        "1. Apologies\n\nMinutes of the meeting of the Planning Committee held on 3 March 2025\n(Item 2)\nThe minutes were agreed.\n\n3. Applications\n",
    ] {
        let text = format!("Cabinet\nAgenda\n{opening}{text}");
        let s = seg(&text);
        assert!(s.meetings.is_empty(), "{text}: {:?}", s.meetings);
    }
}

#[test]
fn resolution_with_lettered_points_is_one_record() {
    let text = "The Cabinet considered the plan.\n\nRESOLVED: that\n\na) the progress made be noted;\n\nb) the Service Improvement Plan be approved;\n\nc) the strategy be approved;\n\nd) the report be noted; and\n\ne) a further report be made.\n\nThe meeting ended.";
    let r = the_resolution(text);
    assert!(r.starts_with("RESOLVED: that"));
    assert!(
        r.contains("a) the progress") && r.ends_with("e) a further report be made."),
        "{r}"
    );
}

#[test]
fn numbered_points_after_resolved_that() {
    let text = "RESOLVED that:\n\n1) The Scrutiny Board notes the progress.\n\n2) The Board requests a further report.\n\nOther business.";
    let s = seg(text);
    assert_eq!(s.resolutions.len(), 1);
    assert!(slice(text, &s.resolutions[0].span).ends_with("further report."));
}

#[test]
fn nipissing_numbered_resolutions_run_to_carried() {
    let text = "R2019-72 L. Moore, T. Marchant: That the minutes be adopted. Carried.\n\nR2019-73 L. Andersen, J. Scott: That we support the purchase of a trailer;\nAnd that we accept Option #2. Carried.\n\nCouncil discussed grants.";
    let s = seg(text);
    assert_eq!(s.resolutions.len(), 2);
    assert_eq!(s.resolutions[1].number.as_deref(), Some("R2019-73"));
    assert!(slice(text, &s.resolutions[1].span).ends_with("Option #2. Carried."));
}

#[test]
fn london_motions_with_their_outcome() {
    let text = "# 2. Consent\n\nMoved by A. Hopkins\n\nThat Consent Item 2.2 BE APPROVED.\n\nVote:\nYeas: A. Hopkins\n\nMotion Passed (5 to 0)\n\n## 2.2 Public Sector Salary Disclosure\n\nThat the report BE RECEIVED.\n\nMotion Passed";
    let s = seg(text);
    assert_eq!(s.items.len(), 2);
    assert_eq!(s.resolutions.len(), 2);
    assert!(slice(text, &s.resolutions[0].span).ends_with("Motion Passed (5 to 0)"));
}

#[test]
fn carried_out_in_a_sentence_is_no_outcome_and_the_motion_waits_for_its_own() {
    let text = "# 3. Roads\n\nMoved by A. Hopkins\n\nThat the resurfacing report BE RECEIVED.\n\nThe works were carried out in May by the contractor.\n\nMotion Passed (5 to 0)";
    let s = seg(text);
    assert_eq!(s.resolutions.len(), 1);
    assert!(slice(text, &s.resolutions[0].span).ends_with("Motion Passed (5 to 0)"));
}

#[test]
fn minutes_inside_an_agenda_pack_are_their_own_meeting() {
    let text = "Scrutiny Board (2)\n\nTime and Date\n10.00 am on Thursday, 13th July, 2017\n\nPlace\nCommittee Room 3\n\n1. Apologies\n\n2. Minutes\n\n3. Any Other Business\n\nNotes: contact Michelle Rose\n\nCoventry City Council\nMinutes of the Meeting of Scrutiny Board (2)\nheld at 2.00 pm on Thursday, 29 June 2017\n\n88. Declarations of Interests\n\nNone.\n\n90. Ofsted Report\n\nRESOLVED that the report be noted.\n\n(Meeting closed at 2.30 pm)\n\nBriefing note for item 4";
    let s = seg(text);
    assert_eq!(s.meetings.len(), 1);
    let m = &s.meetings[0];
    assert_eq!(m.date, NaiveDate::from_ymd_opt(2017, 6, 29));
    assert_eq!(m.committee.as_deref(), Some("Scrutiny Board (2)"));
    assert!(slice(text, &m.span).ends_with("(Meeting closed at 2.30 pm)"));
    let nums: Vec<&str> = s.items.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(nums, ["1", "2", "3", "88", "90"]);
    assert!(!slice(text, &s.items[4].span).contains("Briefing note"));
    assert!(!slice(text, &s.items[2].span).contains("Minutes of the Meeting"));
}

#[test]
fn irish_and_resolved_runs_to_the_end_of_its_quotation_with_its_proposer() {
    // Converted from PDF with a blank line after every line.
    let text = "2. Disposal of Land\n\n(a) Circulated, copy of Statutory Notice concerning disposal\n\nof land at 8, Main Street, Kilmallock.\n\nProposed by Councillor Ryan (M);\n\nSeconded by Councillor Walsh (J);\n\nAnd Resolved:\n\n\u{201c}That, in accordance with the provisions of Section 183 of the Local Government Act,\n\n2001, as amended, the approval of the Council be and is hereby given to the disposal of land at 8,\n\nMain Street, Kilmallock, to Mary Byrne, for the sum of \u{20ac}1,500,\n\nparticulars of which were contained in the Statutory Notice.\u{201d}\n\n(b) Circulated, copy of Statutory Notice concerning disposal\n\nof land at 2, Church Road.";
    let r = the_resolution(text);
    assert!(r.starts_with("Proposed by Councillor Ryan (M);"), "{r}");
    assert!(
        r.contains("to Mary Byrne, for the sum of \u{20ac}1,500"),
        "{r}"
    );
    assert!(r.ends_with("Statutory Notice.\u{201d}"), "{r}");
}

#[test]
fn a_decision_on_the_proposal_of_a_member_is_a_resolution() {
    let text = "5. Community Grants\n\nThe Director outlined the scheme.\n\nOn the proposal of Councillor Galvin, seconded by Councillor Sheahan, it was agreed to\nallocate the grants as set out in the report.\n\nThe meeting then considered correspondence.";
    let r = the_resolution(text);
    assert!(r.starts_with("On the proposal of Councillor Galvin"), "{r}");
    assert!(r.ends_with("as set out in the report."), "{r}");
}

#[test]
fn a_quoted_resolution_runs_over_its_paragraphs_and_stops_after() {
    let text = "RESOLVED:\n\n\"That the Cabinet approves the budget,\n\nsubject to the changes set out in Appendix 2; and\n\nThe Chief Executive reports back in June.\"\n\nThe Leader thanked officers.\n\nMembers noted the update.";
    let r = the_resolution(text);
    assert!(r.ends_with("reports back in June.\""), "{r}");
    // A sentence that is finished ends the resolution.
    let plain = "RESOLVED that the report be noted.\n\nThe Leader thanked officers.";
    let s = seg(plain);
    assert_eq!(
        slice(plain, &s.resolutions[0].span),
        "RESOLVED that the report be noted."
    );
}

#[test]
fn numbered_resolutions_on_consecutive_lines_are_one_each() {
    let text = "R2024-236 J. Scott, S. Kirkey:\nTHAT the office will be closed on December 18, 2024.\nCarried.\nR2024-237 S. Foote, J. Scott:\nTHAT we pass By-Law Number 2024-50.\nCarried.";
    let s = seg(text);
    let numbers: Vec<&str> = s
        .resolutions
        .iter()
        .filter_map(|r| r.number.as_deref())
        .collect();
    assert_eq!(numbers, ["R2024-236", "R2024-237"]);
    assert!(slice(text, &s.resolutions[0].span).ends_with("December 18, 2024.\nCarried."));
}

#[test]
fn us_ordinances_are_records_with_their_number_and_title() {
    let text = "ORDINANCES REFERRED\nOrd. No. 800-18.\nBy Council Members Brancatelli\nand\nKelley.\nAn emergency ordinance authorizing the Director of Economic Development to enter into a grant agreement.\nWhereas, this ordinance constitutes an emergency measure; now, therefore,\n\n6\n\nBe it ordained by the Council of the City of Cleveland:\nSection 1. That the Director is authorized, as described in\nOrdinance No. 508-18, passed by the Council.\nReferred to Directors of Economic Development, Finance.\nRes. No. 824-18 \u{2014} Mary Catherine\nKozinski.\nRes. No. 825-18 \u{2014} Walter Lee Cox.\n\n986\n\nJune 6, 2018\nFIRST READING EMERGENCY\nRESOLUTIONS REFERRED\n";
    let s = seg(text);
    let numbers: Vec<&str> = s
        .resolutions
        .iter()
        .filter_map(|r| r.number.as_deref())
        .collect();
    assert_eq!(numbers, ["800-18", "824-18", "825-18"]);
    let ord = &s.resolutions[0];
    assert_eq!(
        ord.title.as_deref(),
        Some(
            "An emergency ordinance authorizing the Director of Economic Development to enter into a grant agreement"
        )
    );
    let body = slice(text, &ord.span);
    assert!(
        body.contains("Be it ordained") && body.ends_with("Economic Development, Finance."),
        "{body}"
    );
    assert_eq!(s.resolutions[1].title.as_deref(), Some("Mary Catherine"));
    assert!(!slice(text, &s.resolutions[2].span).contains("FIRST READING"));
    let board = seg(
        "Resolution No. 244-18.\nBy Director Kennedy.\nWhereas, under the authority of Ordinance No. 1850-06.",
    );
    assert_eq!(
        board.resolutions[0].title.as_deref(),
        Some("Resolution No. 244-18")
    );
}

#[test]
fn a_us_title_runs_past_section_numbers_and_abbreviations() {
    let text = "Ord. No. 1368-17.\nBy Council Members Cummins and\nKelley.\nAn emergency ordinance to amend\nSections 241.05 and 241.35 of the Codified Ordinances, as enacted by Ordinance No.\n1298-16, relating to food shops.\nPassed.";
    let s = seg(text);
    assert_eq!(
        s.resolutions[0].title.as_deref(),
        Some(
            "An emergency ordinance to amend Sections 241.05 and 241.35 of the Codified Ordinances, as enacted by Ordinance No. 1298-16, relating to food shops"
        )
    );
}

#[test]
fn a_motion_after_its_mover_is_a_resolution_whatever_its_verb() {
    let text = "6. Communications\n\nMotion made by D. Ferreira\n\nSeconded by P. Van Meerbergen\n\nThat the following actions be taken with respect to the 2024 report:\n\na) the report be received; and\n\nb) staff report back in June.\n\nVote:\n|Yeas:|Nays:|\n|A. Hopkins||\n\nMotion Passed (14 to 0)\n\n7. Adjournment";
    let r = the_resolution(text);
    assert!(r.starts_with("Motion made by D. Ferreira"), "{r}");
    assert!(r.contains("b) staff report back in June."), "{r}");
    assert!(r.ends_with("Motion Passed (14 to 0)"), "{r}");
}

#[test]
fn a_decision_runs_over_the_list_it_introduces_and_stops_at_the_next_heading() {
    let text = "4. Grants\n\nOn the proposal of Cllr Ryan, seconded by Cllr Sheehy, it was agreed to allocate the following:\n\nFriarsgate Theatre, Kilmallock \u{20ac}500\n\nComhaltas Fleadh \u{20ac}300\n\nThe Director thanked the members for their support of the groups.";
    let r = the_resolution(text);
    assert!(r.ends_with("Comhaltas Fleadh \u{20ac}300"), "{r}");
    let run_in = "Proposed by Councillor Galvin;\nSeconded by Councillor Collins;\nAnd Resolved:\n\n\"That the draft Minutes be adopted and signed\".\n2. Schedule of Meetings:\nThe schedule was noted.";
    assert!(
        the_resolution(run_in).ends_with("adopted and signed\"."),
        "{}",
        the_resolution(run_in)
    );
}

#[test]
fn a_roster_of_wards_and_members_is_no_list_of_items() {
    let text = "CITY COUNCIL\n\n1 Joseph T. Jones\n\nBoard of Zoning Appeals\n\n2 Kevin L. Bishop\n3 Kerry McCormack\n4 Kenneth L. Johnson, Sr.\n17 Martin J. Keane\n\nOrd. No. 800-18.\nBy Council Member Kelley.\nAn emergency ordinance authorizing a grant.\nPassed.";
    assert!(seg(text).items.is_empty(), "{:?}", seg(text).items);
    // Numbered items that are not names stay items.
    let agenda = "1 Apologies\n\n2 Support to Young Carers\n\n3 Corporate Risk Register\n4 Budget Monitoring\n";
    assert_eq!(seg(agenda).items.len(), 4);
}
