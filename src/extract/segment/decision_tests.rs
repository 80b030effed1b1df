//! Decisions on the layouts of Irish, Canadian and UK minutes: proposals
//! in running text, motions after their movers' lines, lists and bullets,
//! unbroken PDF text, outcomes and votes, items and their numbers.

use super::tests::{seg, slice, the_resolution};

#[test]
fn a_proposal_is_a_decision_whatever_its_verb_and_over_broken_lines() {
    // Irish minutes from PDF, a blank line after every line: the verb is
    // in the next paragraph, or is not "agreed" at all.
    let text = "3. Motions\n\nOn the proposal of Councillor Sheahan (J) seconded by Councillor Collins (M), the\n\nMotion was adopted.\n\nThe Mayor thanked the Members.\n\nOn the proposal of Councillor Hourigan, seconded by Councillor Hogan,\n\nRecommendation No. 1 was agreed.\n\n4. Correspondence";
    let s = seg(text);
    let found: Vec<&str> = s.resolutions.iter().map(|r| slice(text, &r.span)).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].ends_with("Motion was adopted."), "{}", found[0]);
    assert!(
        found[1].ends_with("Recommendation No. 1 was agreed."),
        "{}",
        found[1]
    );
    // A proposal in the middle of a paragraph starts at its line.
    let text = "The Members discussed the speed limit at length.\nFollowing discussion, it was proposed by Councillor Hourigan, seconded by Councillor\nGilligan and agreed that the speed limit be reviewed.\n\nThe Cathaoirleach moved to the next item.";
    let r = the_resolution(text);
    assert!(
        r.starts_with("Following discussion, it was proposed by"),
        "{r}"
    );
    assert!(r.ends_with("be reviewed."), "{r}");
}

#[test]
fn the_text_after_the_movers_lines_is_a_motion_to_its_outcome() {
    // Canadian: the motion is whatever follows "Moved by / Seconded by",
    // and runs over its vote table to "Motion Failed"; the next mover
    // starts the next one.
    let text = "Moved by E. Peloza\n\nSeconded by S. Hillier\n\nthat part c) be amended to include i) to read as follows:\n\ni) The approval authority include a condition for natural heritage compensation.\n\nVote:\n|Yeas:|Nays:|\n|S. Hillier|S. Lewis|\n\nMotion Failed (2 to 3)\n\nMoved by S. Hillier\n\nSeconded by E. Peloza\n\nMotion to open the public participation meeting.\n\nVote:\n|Yeas:|\n|S. Lewis|\n\nMotion Passed (6 to 0)\n\nAdditional Votes:";
    let s = seg(text);
    let found: Vec<&str> = s.resolutions.iter().map(|r| slice(text, &r.span)).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("Moved by E. Peloza"), "{}", found[0]);
    assert!(found[0].ends_with("Motion Failed (2 to 3)"), "{}", found[0]);
    assert!(found[1].contains("Motion to open"), "{}", found[1]);
    assert!(found[1].ends_with("Motion Passed (6 to 0)"), "{}", found[1]);
    // Irish: the quoted text after "Proposed by / Seconded by" is the
    // resolution; what the Mayor declared after it is not.
    let text = "Proposed by Councillor Hartigan;\n\nSeconded by Councillor Kiely;\n\n\u{201c}That, Ms. Novak be co-opted to the Council to fill the casual vacancy.\u{201d}\n\nAs there were no other nominations, the Mayor declared Ms. Novak co-opted.\n\nCouncillor Novak then took her seat in the Chamber.";
    let r = the_resolution(text);
    assert!(r.starts_with("Proposed by Councillor Hartigan;"), "{r}");
    assert!(r.ends_with("casual vacancy.\u{201d}"), "{r}");
}

#[test]
fn a_motion_runs_over_its_bullets_and_what_it_notes_to_its_outcome() {
    // (A bullet's last words broken off into a paragraph of their own,
    // "Place\n\nType; and,", go on with it, and the list after them.)
    let text = "Moved by S. Hillier\n\nSeconded by S. Lewis\n\nThat the following actions be taken with respect to 3095 Bostwick Road:\n\na) the proposed by-law BE INTRODUCED at the Municipal Council meeting;\n\nit being pointed out that the following individuals made verbal presentations:\n\n- C. Kulchycki, Zelinka Priamo;\n\nit being further noted that the Council approves this application for the following reasons:\n\n- the recommended amendment is consistent with the Provincial Planning Statement, 2024 and with the policies of the Plan;\n\n- the recommended amendment conforms to The London Plan, including, but not limited to, the Neighbourhoods Place\n\nType; and,\n\n- the recommended amendment facilitates a range of housing options in a location considered appropriate;\n\nit being acknowledged that all submissions from the public have been taken into consideration.\n\nb) the Site Plan Approval Authority BE REQUESTED to consider design issues;\n\nVote:\n|Yeas:|Absent:|\n|S. Lewis|Mayor J. Morgan|\n\nMotion Passed (5 to 0)\n\nAdditional Votes:";
    let r = the_resolution(text);
    assert!(r.contains("it being acknowledged"), "{r}");
    assert!(r.contains("b) the Site Plan Approval Authority"), "{r}");
    assert!(r.ends_with("Motion Passed (5 to 0)"), "{r}");
}

#[test]
fn a_resolved_sentence_ends_where_the_next_starts_in_unbroken_text() {
    // PDF text of UK minutes with no blank lines between paragraphs.
    let text = "Chairman's Announcements\n(Item 2)\n1. RESOLVED that Mr P Bartlett be duly elected Vice Chair of the Corporate\nParenting Panel.\n2. The Chair agreed to write to group leaders to remind Members of their duty.\nParticipation Team update\n(Item 4)\n5. RESOLVED that the Panel note the Participation Team Update.\nMembers then asked about the timeline for the Big Listen.";
    let s = seg(text);
    let found: Vec<&str> = s.resolutions.iter().map(|r| slice(text, &r.span)).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].ends_with("Corporate\nParenting Panel."),
        "{}",
        found[0]
    );
    assert!(found[1].ends_with("Team Update."), "{}", found[1]);
    // A resolution asking for points still runs over them.
    let text = "RESOLVED that Cabinet agree to:\nA) Note the forecast revenue overspend.\nB) Agree the Capital budget changes.\nThe Leader thanked officers.";
    assert!(the_resolution(text).ends_with("budget changes."));
}

#[test]
fn an_outcome_ends_the_block_and_keeps_the_vote_recorded_after_it() {
    let text = "R2020-98 J. Scott, T. Marchant: That we accept the correspondence as presented. Carried.\nRecorded Vote: FOR Scott, Moore, Marchant\nDave Ridenour left the meeting.\n\nR2020-99 L. Moore, J. Scott: That the meeting be adjourned. Time: 8:21 p.m. Carried.\nMayor:\n\nCAO-Clerk:";
    let s = seg(text);
    let found: Vec<&str> = s.resolutions.iter().map(|r| slice(text, &r.span)).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].ends_with("Recorded Vote: FOR Scott, Moore, Marchant"),
        "{}",
        found[0]
    );
    assert!(found[1].ends_with("8:21 p.m. Carried."), "{}", found[1]);
    // A motion with its outcome after a division.
    let text = "That the report BE RECEIVED.\n\nFor: 40 Against: 12\n\nCarried.\n\nThe Chairman then adjourned the meeting.";
    assert!(the_resolution(text).ends_with("Carried."));
}

#[test]
fn a_wrapped_line_that_starts_with_a_number_is_no_heading() {
    let text = "1. Minutes\n\nRESOLVED that the minutes of the Corporate Parenting Panel meetings held on\n29 October 2024 and 10 December 2024 be noted.\n\n2. Budget\n\nThe Clerk read a letter from the member of Council representing the ward, with\n15 The member of Council from Ward 3 also asking to be heard.";
    let s = seg(text);
    let nums: Vec<&str> = s.items.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(nums, ["1", "2"]);
    assert!(the_resolution(text).ends_with("be noted."));
}

#[test]
fn moderngov_item_labels_head_items_and_letters_are_sub_items() {
    // Printed ModernGov minutes: a title (maybe over two lines) above
    // "(Item N)".
    let text = "Minutes of the meeting held on 30 July 2024\n(Item 3)\nRESOLVED that the minutes were a correct record.\nAdoption Partnership South East, Regional Adoption Agency Annual Report\n2023/2024\n(Item 6)\n1. Amy Coombs introduced the report.";
    let s = seg(text);
    let titles: Vec<&str> = s.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Minutes of the meeting held on 30 July 2024",
            "Adoption Partnership South East, Regional Adoption Agency Annual Report 2023/2024"
        ]
    );
    assert_eq!(s.items[1].number, "6");
    // Irish sub-items: "(a)" alone above its title, each with its parent's
    // number; a roman "(i)" after "(c)" is not one.
    let text = "1.Support Services\n\n(a)\n\nFilling of Casual Vacancies\n\nCirculated, report.\n\n(b)\n\nFilling of Vacancies on Strategic Policy Committees\n\nThe Administrator advised.\n\n(c)\n\nFilling of Vacancies on Other Bodies\n\n**(i)**\n\n**Limerick Market Trustees**\n\n2. Economic Development";
    let s = seg(text);
    let nums: Vec<&str> = s.items.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(nums, ["1", "1(a)", "1(b)", "1(c)", "2"]);
    assert_eq!(
        s.items[2].title,
        "Filling of Vacancies on Strategic Policy Committees"
    );
    // Canadian sub-items whose titles are addresses.
    let text = "## 3. Scheduled Items\n\n## 3.1 3095 Bostwick Road (Z-9791)\n\nMoved by S. Hillier\n\n## 3.2 2826 Dundas Street (Z-25024)\n\nText.";
    let s = seg(text);
    let titles: Vec<&str> = s.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Scheduled Items",
            "3095 Bostwick Road (Z-9791)",
            "2826 Dundas Street (Z-25024)"
        ]
    );
}

#[test]
fn a_resolution_takes_its_minute_number() {
    let text = "86.\n24/00108 - Revenue and Capital Budget Monitoring Report\n(Item 5)\nRESOLVED that Cabinet note the report.\n\n87.\nOther Business\n(Item 6)\n12/18 RESOLVED that the Committee meet again in June.";
    let s = seg(text);
    let numbers: Vec<Option<&str>> = s.resolutions.iter().map(|r| r.number.as_deref()).collect();
    assert_eq!(numbers, [Some("24/00108"), Some("12/18")]);
}

#[test]
fn it_was_agreed_is_a_decision_from_the_start_of_its_sentence() {
    let text = "The Members discussed the projects. It was also agreed that the\n\nActive Travel Team would report to each Meeting.\n\nCllr. O'Hanlon said it was agreed to defer the visit.";
    let s = seg(text);
    let found: Vec<&str> = s.resolutions.iter().map(|r| slice(text, &r.span)).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("It was also agreed that the"),
        "{}",
        found[0]
    );
    assert!(
        found[0].ends_with("report to each Meeting."),
        "{}",
        found[0]
    );
    // Not cut after an abbreviation.
    assert!(found[1].starts_with("Cllr. O'Hanlon said"), "{}", found[1]);
}

#[test]
fn a_decision_that_starts_in_a_full_width_line_goes_on_past_its_break() {
    // The line ran to the page's width before the decision's sentence
    // began in it: the paragraph after it is the sentence's end.
    let text = "Members asked if leaflets could be delivered to households in the event of a\n\nplanned outage of water supply. It was agreed to refer the matter to Water\n\nServices in order for Irish Water to be contacted.\n\nThe Motion was seconded by Councillor Sheahan.";
    let r = the_resolution(text);
    assert!(r.starts_with("It was agreed to refer"), "{r}");
    assert!(r.ends_with("Irish Water to be contacted."), "{r}");
    // Nor does a line that breaks after a name's initial end it.
    let text = "The draft minutes were adopted on the proposal of Cllr. Eddie Ryan, seconded by Cllr. J.\n\nCollins and unanimously agreed.\n\nThe Chair welcomed the members.";
    let r = the_resolution(text);
    assert!(r.ends_with("Collins and unanimously agreed."), "{r}");
}

#[test]
fn a_sentence_broken_off_ends_in_the_next_paragraph_before_the_next_decision() {
    // Its end, then a decision of its own in the same paragraph.
    let text = "It was proposed by Councillor Sheahan (J), seconded by Councillor Galvin, that the\n\nCouncil should proceed with the granting of a loan facility to Limerick 2030 Strategic\n\nDevelopment DAC. It was agreed that a vote on this proposal would be taken by a show of hands.\n\nThe meeting moved on.";
    let s = seg(text);
    let found: Vec<&str> = s.resolutions.iter().map(|r| slice(text, &r.span)).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].ends_with("Strategic\n\nDevelopment DAC."),
        "{}",
        found[0]
    );
    assert!(
        found[1].starts_with("It was agreed that a vote"),
        "{}",
        found[1]
    );
    assert!(found[1].ends_with("show of hands."), "{}", found[1]);
    // An outcome stated inside a sentence that goes on in lower case.
    let text = "Development DAC. It was agreed that a vote on this proposal would be taken in the form of\n\na show of hands. The majority of the Members were in favour of the Motion, with 18 for the\n\nMotion and 6 against.  Accordingly, the Mayor declared the Motion carried and it was\n\nagreed that the following resolution be adopted by the same voting:\n\nProposed by Councillor Sheahan (J);";
    let r = &seg(text).resolutions[0];
    let r = slice(text, &r.span);
    assert!(r.starts_with("It was agreed that a vote"), "{r}");
    assert!(r.ends_with("by the same voting:"), "{r}");
}

#[test]
fn a_whole_quoted_resolution_takes_no_points_after_it_nor_the_close() {
    let text = "Proposed by Councillor E. Ryan;\nSeconded by Councillor G. Mitchell;\nAnd Resolved:\n\n\"That, the draft Minutes, as circulated, be taken as read and adopted and signed.\"\n\n(ii) Circulated, copy of draft Minutes of Special Meeting held on the 23rd July, 2019.";
    assert!(the_resolution(text).ends_with("adopted and signed.\""));
    // A quotation never closed ends at the close of the minutes.
    let text = "Proposed By: Councillor Mitchell;\nSeconded By: Councillor Teefy;\nAnd Resolved:\n\n\"That the Budgetary Plan for 2020 be adopted in accordance with Section 102\nof the Local Government Act, 2001, as amended.\n\nThis concluded the Meeting.\n\nSigned:\nCathaoirleach";
    assert!(the_resolution(text).ends_with("2001, as amended."));
}

#[test]
fn a_notice_of_motion_agreed_on_its_movers_line_is_a_decision() {
    let text = "3. Notice of Motion submitted by Councillor Carey\n\nI will move at the next Meeting that the Council provide a Children at Play sign at Fairyfield Estate.\n\nProposed by Cllr. Carey, seconded by Cllr. Donegan and agreed.\n\nReply:\n\nThe signs have been erected this week.\n\n4. Notice of Motion submitted by Councillor Teefy\n\nI will move that a survey be carried out of the footpaths.\n\nProposed by Cllr. Teefy, seconded by Cllr. Mitchell\n\nReply: There is a programme of footpath repairs.";
    let r = the_resolution(text);
    assert!(r.starts_with("I will move at the next Meeting"), "{r}");
    assert!(r.ends_with("seconded by Cllr. Donegan and agreed."), "{r}");
}

#[test]
fn a_proposal_inside_a_paragraph_and_a_bullet_broken_over_lines() {
    let text = "The Members commended Cllr E. Ryan on his work with the Trust. On the proposal of Cllr Mitchell,\nseconded by Cllr M. Ryan and unanimously agreed, Cllr Donegan was selected as the Representative.\n\nThe Members agreed to hold a Sub Committee Meeting.";
    let s = seg(text);
    let first = slice(text, &s.resolutions[0].span);
    assert!(
        first.starts_with("On the proposal of Cllr Mitchell"),
        "{first}"
    );
    assert!(first.ends_with("as the Representative."), "{first}");
    let text = "It was proposed by Councillor Collins, seconded by Councillor Slattery\n\nand agreed that the following be referred to the Joint Policing Committee:\n\n- Details of seizures under the Act in the last twelve months.\n\n- What are the consequences for underage users / consequences for\n\nthose over 18 when scramblers are seized.\n\n- Clarification that bye-laws are not required.\n\nThe Cathaoirleach then adjourned the meeting for five minutes.";
    assert!(the_resolution(text).ends_with("bye-laws are not required."));
}

#[test]
fn a_proposal_seconded_and_agreed_in_running_text_is_a_decision() {
    // The proposal in the same paragraph, over a broken line.
    let text = "Members requested an update on the lands in Askeaton. Councillor Keary proposed the site be declared a derelict\n\nsite. This was seconded by Councillor Sheahan and agreed.\n\nCouncillor Keary proposed a meeting be held. This was seconded by Councillor O'Brien.\n\n2. Roads";
    let s = seg(text);
    let found: Vec<&str> = s.resolutions.iter().map(|r| slice(text, &r.span)).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("Councillor Keary proposed the site"),
        "{}",
        found[0]
    );
    assert!(found[0].ends_with("Sheahan and agreed."), "{}", found[0]);
    // A notice of motion, the discussion, then its seconder.
    let text = "20. Notice of Motion submitted by Councillor Hartigan\n\n***I propose that the Council write to the Minister for Health***\n\n***demanding emergency funding for the hospital.***\n\nIn proposing the Motion, Councillor Hartigan said the hospital was neglected.\n\nThis Motion was seconded by Councillor Costelloe and agreed.\n\n21. Notice of Motion submitted by Councillor Secas";
    let r = the_resolution(text);
    assert!(r.starts_with("***I propose that the Council"), "{r}");
    assert!(r.ends_with("Costelloe and agreed."), "{r}");
}

#[test]
fn a_motion_proposed_seconded_and_agreed_takes_its_notice() {
    let text = "12. Notice of Motion submitted by Councillor Butler\n\n***I will move that the Council provide dog parks in the city.***\n\nREPLY: The Council is reviewing locations.\n\nThe motion was proposed by Councillor Butler, seconded by Councillor O'Sullivan and agreed.\n\n13. Notice of Motion submitted by Councillor Benson";
    let r = the_resolution(text);
    assert!(r.starts_with("***I will move that the Council"), "{r}");
    assert!(r.ends_with("O'Sullivan and agreed."), "{r}");
    let text = "3. Minutes\n\nThe minutes of the meeting held on\n\nthe 20th June 2023 were proposed by Cllr. McSweeney, seconded by Cllr. Mitchell and adopted.\n\nThe Chair agreed to move to Item 4 on the Agenda.";
    let r = the_resolution(text);
    assert!(r.starts_with("The minutes of the meeting held on"), "{r}");
    assert!(r.ends_with("and adopted."), "{r}");
    let text = "Proposed by Councillor Leddin;\n\nSeconded by Councillor Butler;\n\nAnd Resolved;\n\n\"That the Schedule of Works 2021 be adopted.\"\n\nThe Cathaoirleach thanked the Members.";
    assert!(the_resolution(text).ends_with("be adopted.\""));
}

#[test]
fn a_motion_after_its_mover_may_start_otherwise_than_that() {
    let text = "Motion made by C. Rahman\n\nSeconded by S. Stevenson\n\nNotwithstanding the recommendation of the Director, the following actions be taken:\n\na) the by-law BE INTRODUCED;\n\nVote:\n|Yeas:|\n|S. Lewis|\n\nMotion Failed (5 to 10)\n\nMotion made by S. Franke\n\nAt 4:35 PM, His Worship Mayor J. Morgan, places Deputy Mayor S. Lewis in the Chair.\n\nThat clause 2 of the 7th Report of the Council BE APPROVED.\n\nVote:\n|Yeas:|\n|A. Hopkins|\n\nMotion Passed (14 to 0)";
    let s = seg(text);
    let found: Vec<&str> = s.resolutions.iter().map(|r| slice(text, &r.span)).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("Notwithstanding"), "{}", found[0]);
    assert!(
        found[0].ends_with("Motion Failed (5 to 10)"),
        "{}",
        found[0]
    );
    assert!(
        found[1].starts_with("Motion made by S. Franke"),
        "{}",
        found[1]
    );
    assert!(
        found[1].ends_with("Motion Passed (14 to 0)"),
        "{}",
        found[1]
    );
    // A timed note after a motion put in parts is not the motion's text.
    let text = "Motion made by D. Ferreira\n\nThat, on the recommendation of the Deputy City Manager, the following actions be taken:\n\na) the report BE RECEIVED;\n\nit being noted that a verbal delegation from S. Campbell, Ark Aid, with respect to this matter was received. (2025-S14)\n\nAt 2:26 PM, Deputy Mayor S. Lewis, places Councillor E. Peloza in the Chair.\n\nAt 2:30 PM, Deputy Mayor S. Lewis resumes the Chair.";
    let r = the_resolution(text);
    assert!(r.ends_with("was received. (2025-S14)"), "{r}");
}

#[test]
fn a_motion_that_lists_agenda_items_runs_over_them_to_its_vote() {
    let text = "## 5. Consent\n\nMotion made by S. Trosow\n\nSeconded by S. Stevenson\n\nThat the following communications BE RECEIVED, and BE REFERRED as noted on the Added Agenda:\n\n## 6.1 Review of Winter Maintenance Performance\n\n1. Councillor S. Trosow\n\n## 6.2 801 Sarnia Road (OZ-25017)\n\n1. S. Sana\n\nVote:\n|Yeas:|\n|Mayor J. Morgan|\n\nMotion Passed (15 to 0)\n\n## 7. Reports";
    let r = the_resolution(text);
    assert!(r.contains("801 Sarnia Road"), "{r}");
    assert!(r.ends_with("Motion Passed (15 to 0)"), "{r}");
}

#[test]
fn a_numbered_resolution_keeps_its_numbered_points() {
    let text = "R2020-200 T. Marchant, L. Andersen: Be it Resolved:\n1. THAT this Council does approve the Application of Gary Gardiner to purchase the Shore Road Allowance.\n2. AND THAT this resolution is subject to the following conditions:\n- That the applicant will pay the costs. Carried.\n\nR2020-201 L. Andersen, L. Moore: THAT we accept the quote. Carried.";
    let s = seg(text);
    let first = slice(text, &s.resolutions[0].span);
    assert!(first.ends_with("pay the costs. Carried."), "{first}");
    assert_eq!(s.resolutions[0].number.as_deref(), Some("R2020-200"));
}

#[test]
fn a_decision_in_unbroken_text_starts_where_its_sentence_does() {
    let text = "Mr Jeffrey proposed the motion. The Chair put the motion to the vote at\n4.30pm and it was agreed unanimously.\nThe meeting moved on to the next item.";
    let r = the_resolution(text);
    assert!(r.starts_with("The Chair put the motion"), "{r}");
    assert!(r.ends_with("agreed unanimously."), "{r}");
}

#[test]
fn a_us_ordinance_goes_on_over_a_page_break() {
    let text = "Ord. No. 319-18.\nBy Council Member Kelley.\nAn emergency ordinance authorizing the Director of Finance to renew a contract to provide labor and\n\nApril 4, 2018\nmaterials to repair overhead doors.\nSection 1. That the Director is authorized to renew it.\nReferred to Directors of Finance, Law; Committee on Finance.\nRes. No. 351-18 \u{2014} Elder Larry D. Tatum.\n\n986\n\nJune 6, 2018\nFIRST READING EMERGENCY\nRESOLUTIONS REFERRED\n";
    let s = seg(text);
    let first = slice(text, &s.resolutions[0].span);
    assert!(first.ends_with("Committee on Finance."), "{first}");
    let second = slice(text, &s.resolutions[1].span);
    assert!(!second.contains("FIRST READING"), "{second}");
}

#[test]
fn the_vote_put_on_a_resolution_is_part_of_it() {
    let text = "2) Mr Hills proposed the motion.\nFollowing the debate, the Chairman put the motion set out in paragraph 1\nand it was agreed unanimously.\n\n3)\n\nRESOLVED that Council endorses the report.\n\nJoint Health Overview & Scrutiny Committee\n(Item 13)";
    let r = the_resolution(text);
    assert!(
        r.starts_with("Following the debate, the Chairman put the motion"),
        "{r}"
    );
    assert!(
        r.ends_with("RESOLVED that Council endorses the report."),
        "{r}"
    );
}
