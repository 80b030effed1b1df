//! The rules of [`super`] on real text excerpts.

use super::council::council_name;
use super::title::title;
use super::*;

/// The labels of `doc`, in the date convention its text uses.
fn labels(doc: &Normalised, file_date: Option<NaiveDate>) -> Found {
    super::labels(doc, file_date, crate::date::convention(&doc.text))
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn found(text: &str) -> Found {
    labels(
        &Normalised {
            text: text.into(),
            ..Normalised::default()
        },
        None,
    )
}

#[test]
fn a_file_name_date_the_text_confirms_is_taken() {
    let doc = Normalised {
        text: "Agenda\n\n3rd July, 2014.\n\nItem 1: minutes of 1st May, 2014\nMeeting on 8th July, 2014".into(),
        ..Normalised::default()
    };
    assert_eq!(labels(&doc, d(2014, 7, 8)).date, d(2014, 7, 8));
    // A file name whose date the text never mentions is not confirmed.
    let f = labels(&doc, d(2014, 7, 18));
    assert_eq!(f.date, None);
}

#[test]
fn moderngov_decision_labels() {
    let f = found(
        "Decision details\n\nImprovement Board Update\n\nDecision Maker: Children's Services Scrutiny Committee\n\nDecision status: Recommendations approved\n\nDate of decision: 18/01/2017\n\nDecided at meeting: 18/01/2017 - Children's Services Scrutiny Committee",
    );
    assert_eq!(f.date, d(2017, 1, 18));
    assert_eq!(
        f.committee.as_deref(),
        Some("Children's Services Scrutiny Committee")
    );
    assert_eq!(f.title.as_deref(), Some("Improvement Board Update"));
    assert_eq!(f.council, None);
}

#[test]
fn an_officer_is_not_a_committee() {
    let f =
        found("Decision Maker: Strategic Director for Environment\nDate of decision: 04/08/2026");
    assert_eq!(f.committee, None);
    assert_eq!(f.date, d(2026, 8, 4));
}

#[test]
fn minutes_of_the_meeting_held_on() {
    let f = found(
        "Minutes of the Meeting of Education and Children's Services Scrutiny Board (2) held at 2.00 pm on Thursday, 29 June 2017\n\nPresent:",
    );
    assert_eq!(
        f.committee.as_deref(),
        Some("Education and Children's Services Scrutiny Board (2)")
    );
    assert_eq!(f.date, d(2017, 6, 29));
}

#[test]
fn kent_heading_across_line_breaks() {
    let f = found(
        "KENT COUNTY COUNCIL\n\nCABINET\nMINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions\nHouse, County Hall, Maidstone on Thursday, 9 January 2025.\nPRESENT: Mr R W Gough",
    );
    assert_eq!(f.council.as_deref(), Some("Kent County Council"));
    assert_eq!(f.committee.as_deref(), Some("Cabinet"));
    assert_eq!(f.date, d(2025, 1, 9));
}

#[test]
fn limerick_proceedings_with_ocr_damage() {
    let f = found(
        "MINUTES OF PROCEEDINGS OF DRAFT BUDGETARY PLAN MEETING\nOF THE MUNICIPAL DISTRICT OF CAPPAMORE-KILMALLOCK HELD\nIN THE DEEBERT HOUSE HOTEL, DEEBERT, KILMALLOCK, CO.\nLIMERICK, ON THURSDAY, 15™ OCTOBER, 2020, AT 3.30 P.M.\n\nCirculated, report dated 5\" October, 2020",
    );
    assert_eq!(
        f.committee.as_deref(),
        Some("Municipal District of Cappamore-Kilmallock")
    );
    assert_eq!(f.date, d(2020, 10, 15));
}

#[test]
fn an_ocr_damaged_day_gives_way_to_the_file_name() {
    let doc = Normalised {
        text: "You are requested to attend a Meeting of the District to be held in the Chamber on Monday, 13\u{201d} September, 2017 at 9.45 a.m.".into(),
        ..Normalised::default()
    };
    assert_eq!(labels(&doc, d(2017, 9, 18)).date, d(2017, 9, 18));
    assert_eq!(labels(&doc, None).date, d(2017, 9, 13));
    // A clean date in the text wins over the file name (the Nipissing trap).
    let clean = Normalised {
        text: "Agenda\n\nA meeting to be held on Tuesday, November 6, 2018.".into(),
        ..Normalised::default()
    };
    assert_eq!(labels(&clean, d(2018, 11, 16)).date, d(2018, 11, 6));
}

#[test]
fn an_agenda_item_about_earlier_minutes_is_not_the_meeting() {
    let f = found(
        "AGENDA\n\nCABINET\nThursday, 30th January, 2025, at 10.00 am Ask for:\nCouncil Chamber\n1.\nApologies\n3.\nMinutes of the meeting held on 9 January 2025",
    );
    assert_eq!((f.date, f.heading_date), (None, d(2025, 1, 30)));
    let f = found(
        "26 June, 2014.\n\nCorporate Services.\n\nYou are requested to attend a Meeting of the Municipal District of Newcastle West to be held at Aras, Newcastle West, on Wednesday, 2nd July,\n\n2014, at 10.00 a.m.\n\n1. (a) To note the Minutes of the Newcastle West Area Committee Meeting held on 7 May 2014",
    );
    assert_eq!(f.date, d(2014, 7, 2));
}

#[test]
fn agenda_time_and_date_block() {
    let f = found(
        "Education and Children's Services Scrutiny Board (2)\n\nTime and Date\n\n10.00 am on Thursday, 13th July, 2017\n\nPlace",
    );
    assert_eq!(f.date, d(2017, 7, 13));
    assert_eq!(
        f.title.as_deref(),
        Some("Education and Children's Services Scrutiny Board (2)")
    );
}

#[test]
fn portland_held_this_day() {
    let f = found(
        "CITY OF PORTLAND, OREGON OFFICIAL MINUTES A REGULAR MEETING OF THE COUNCIL OF THE CITY OF PORTLAND, OREGON WAS HELD THIS 12TH DAY OF JANUARY, 2011 AT 9:30 A.M.\nTHE MEETING WAS CALLED TO ORDER",
    );
    assert_eq!(f.date, d(2011, 1, 12));
    assert_eq!(f.council.as_deref(), Some("City of Portland"));
}

#[test]
fn township_heading_and_council_meeting() {
    let f = labels(&Normalised {
        text: "MINUTES\nTOWNSHIP OF NIPISSING\nTuesday, April 16, 2019\n\nA regular meeting of the Township of Nipissing Council was held on Tuesday, April 16, 2019.".into(),
        html_title: Some("Minutes \u{2013} April 16, 2019 \u{2013} Nipissing Township".into()),
        ..Normalised::default()
    }, None);
    assert_eq!(f.council.as_deref(), Some("Township of Nipissing"));
    assert_eq!(f.committee.as_deref(), Some("Council"));
    assert_eq!(f.date, d(2019, 4, 16));
}

#[test]
fn front_matter_title_names_the_committee() {
    let f = labels(
        &Normalised {
            text: "March 3, 2025, at 1:00 PM\n\n# 1. Disclosures".into(),
            front_title: Some(
                "5th Meeting of the Infrastructure and Corporate Services Committee".into(),
            ),
            front_date: Some("2025-03-03".into()),
            ..Normalised::default()
        },
        None,
    );
    assert_eq!(
        f.committee.as_deref(),
        Some("Infrastructure and Corporate Services Committee")
    );
    assert_eq!(f.date, d(2025, 3, 3));
}

#[test]
fn the_city_record_spelled_out() {
    let f = found(
        "The City Record\nOfficial Publication of the Council of the City of Cleveland\n\nJanuary the Third, Two Thousand and Eighteen\n\nFrank G. Jackson",
    );
    assert_eq!(f.date, None);
    assert_eq!(f.heading_date, d(2018, 1, 3));
    assert_eq!(f.council.as_deref(), Some("City of Cleveland"));
}

#[test]
fn a_date_elsewhere_in_the_body_is_not_the_meeting_date() {
    let f = found(
        "Agenda item\n\nProgress on Children's Services Improvement Plan\n\nMinutes:\n\nFurther to minute 12/18 the Scrutiny Board considered a briefing note of the Deputy Chief Executive (People) which provided a progress report on the Children's Services Improvement Plan. The information had been reported to the Board on 3rd October, 2018 and their next meeting would be held on 24th January, 2019 to sign off the full plan.",
    );
    assert_eq!((f.date, f.heading_date), (None, None));
    // A month alone is not a meeting date either.
    let f = found("Cabinet\n\nthe Ofsted visit of November 2016");
    assert_eq!((f.date, f.heading_date), (None, None));
}

#[test]
fn an_image_url_in_the_heading_is_not_a_date() {
    let f = found(
        "![logo](https://example.org/wp-content/uploads/12/04/2018/logo.png)\nMinutes\nCouncil business",
    );
    assert_eq!((f.date, f.heading_date), (None, None));
}

#[test]
fn a_list_of_meetings_has_no_one_date() {
    let f = found(
        "Council List\nJanuary 5, 2011\nJanuary 12, 2011\nJanuary 19, 2011\nJanuary 26, 2011",
    );
    assert_eq!((f.date, f.heading_date), (None, None));
    let f = found("Council List\nJanuary 5, 2011\nAgenda");
    assert_eq!(f.heading_date, d(2011, 1, 5));
}

#[test]
fn council_named_inside_a_letterhead_and_committee_invited_to() {
    let f = found(
        "Limerick Corporate Services,\nCITY & COUNTY Limerick City and County Council,\nMerchants Quay\n\nYou are requested to attend a Meeting of the Municipal District of Adare-Rathkeale to be held at Foynes",
    );
    // Named inside a letterhead line, not as the heading: inferred.
    assert_eq!(f.council, None);
    assert_eq!(
        f.council_inferred.as_deref(),
        Some("Limerick City and County Council")
    );
    assert_eq!(
        f.committee.as_deref(),
        Some("Municipal District of Adare-Rathkeale")
    );
    assert_eq!(
        found("Children's Services\nthe County Council's self-assessment").council,
        None
    );
}

#[test]
fn committee_as_a_heading_line() {
    let f = found("AGENDA\n\nCABINET\nThursday, 30th January, 2025, at 10.00 am");
    assert_eq!(f.committee.as_deref(), Some("Cabinet"));
    let f = found(
        "CORPORATE PARENTING PANEL \u{2013} 10th December 2024\nMINUTES of the meeting held in the Darent Room",
    );
    assert_eq!(f.committee.as_deref(), Some("Corporate Parenting Panel"));
    assert_eq!(
        found("KENT COUNTY COUNCIL\n\nSome text here.").committee,
        None
    );
}

#[test]
fn the_corporation_of_the_city_names_the_council() {
    let f = found(
        "March 3, 2025\n\nThat the agreement between The Corporation of the City of London and Wastell Developments be approved.",
    );
    assert_eq!(f.council, None);
    assert_eq!(f.council_inferred.as_deref(), Some("City of London"));
}

#[test]
fn a_summons_names_the_body_it_is_sent_to() {
    let f = found(
        "Limerick\nCITY & COUNTY\nCOUNCIL\n\nTo: Each Member of the Municipal District of\nCappamore-Kilmallock\nA Chomhairleoir, a chara,",
    );
    assert_eq!(
        f.committee.as_deref(),
        Some("Municipal District of Cappamore-Kilmallock")
    );
    let f = found(
        "You are requested to attend the Inaugural Annual Meeting of the Municipal District of Adare-\nRathkeale to be held at Aras Sean Finn",
    );
    assert_eq!(
        f.committee.as_deref(),
        Some("Municipal District of Adare-Rathkeale")
    );
}

#[test]
fn council_headings() {
    assert_eq!(
        council_name("Coventry City Council").as_deref(),
        Some("Coventry City Council")
    );
    assert_eq!(
        council_name("WIRRAL COUNCIL").as_deref(),
        Some("Wirral Council")
    );
    assert_eq!(
        council_name("Limerick City and County Council").as_deref(),
        Some("Limerick City and County Council")
    );
    assert_eq!(council_name("Full Council"), None);
    assert_eq!(council_name("County Council"), None);
    assert_eq!(council_name("the Council"), None);
    assert_eq!(council_name("Members of the Council"), None);
}

#[test]
fn committee_names_are_tidied() {
    assert_eq!(
        committee_name("The 2nd Meeting of the Planning and Environment Committee"),
        "Planning and Environment Committee"
    );
    assert_eq!(
        committee_name("POLICY COMMITTEE 19/10/2015"),
        "Policy Committee"
    );
    assert_eq!(committee_name("the Cabinet."), "Cabinet");
}

#[test]
fn site_chrome_and_item_numbers_are_not_part_of_the_title() {
    let f = found(
        "Agendas, Meetings and Minutes - Agenda item\n\nAgenda item\n\nChildren's Social Care - Service Improvement Plan update (Agenda item 4)\n",
    );
    assert_eq!(
        f.title.as_deref(),
        Some("Children's Social Care - Service Improvement Plan update")
    );
}

#[test]
fn html_title_loses_the_site_name() {
    assert_eq!(
        clean_title("Minutes \u{2013} April 17, 2018 \u{2013} Nipissing Township"),
        "Minutes \u{2013} April 17, 2018"
    );
    assert_eq!(clean_title("Council Minutes"), "Council Minutes");
}

#[test]
fn letterheads_and_cut_lines_are_not_titles() {
    use super::title::reads_like_title;
    for line in [
        "LIMERICK CITY & COUNTY COUNCIL",
        "Kent County Council",
        "MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT OF ADARE-",
        "MINUTES OF PROCEEDINGS AT SPECIAL MEETING OF THE",
        "Seirbhísí Corparáideacha,",
        "ee Comhairle Cathrach",
        "TO: THE CATHAOIRLEACH AND EACH MEMBER OF THE HOME AND SOCIAL",
        "PROCEEDINGS",
        "Merchants Quay, Limerick V94 EH90",
    ] {
        assert!(!reads_like_title(line), "{line}");
    }
    for line in [
        "Improvement Board Update",
        "Official Publication of the Council of the City of Cleveland",
        "4. Support to Young Carers",
        "Minutes of the meeting of the Cabinet held on 9 January 2025",
    ] {
        assert!(reads_like_title(line), "{line}");
    }
    // A letterhead first, then the title.
    assert_eq!(
        title("KENT COUNTY COUNCIL\n\nCORPORATE PARENTING PANEL\n").as_deref(),
        Some("CORPORATE PARENTING PANEL")
    );
}

#[test]
fn a_place_in_a_wrapped_sentence_is_not_a_council_heading() {
    // A land disposal broken before "City of X." and a sentence going on
    // from the line before: neither is the document's heading.
    let disposal = found(
        "MINUTES OF MEETING OF THE DISTRICT\n\n(a) Disposal of dwelling house situate at 6 Main Street in the\nCity of Fenwick.\n",
    );
    assert_eq!(disposal.council, None);
    let sentence = found(
        "MINUTES OF THE MONTHLY MEETING\n\nMembers discussed the roads in\nthe County of Ardmore. Following a discussion it was agreed.\n",
    );
    assert_eq!(sentence.council, None);
    // A heading on its own line still is, in either layout.
    let township = found("MINUTES\n\nTOWNSHIP OF NIPISSING\n\nRegular meeting of Council");
    assert_eq!(township.council.as_deref(), Some("Township of Nipissing"));
    let city = found("CITY OF PORTLAND, OREGON OFFICIAL MINUTES\n\nA REGULAR MEETING");
    assert_eq!(city.council.as_deref(), Some("City of Portland"));
}

#[test]
fn a_summons_names_its_committee_in_either_wording() {
    // "will be held" as well as "to be held", the name wrapped over a line.
    let will = found(
        "3rd March 2025\n\nDear Member,\n\nA meeting of the Parks, Recreation & Leisure Policy\nCommittee will be held in the Civic Centre on Monday 10th March 2025.",
    );
    assert_eq!(
        will.committee.as_deref(),
        Some("Parks, Recreation & Leisure Policy Committee")
    );
    // The meeting's date, not the letter's.
    assert_eq!(will.date, d(2025, 3, 10));
    // "To / Each Member of the X" with the name's acronym on the next line.
    let each = found(
        "22nd September, 2021\n\nTo / Each Member of the Housing, Roads and Transport\nSPC\n\nDear Member,",
    );
    assert_eq!(
        each.committee.as_deref(),
        Some("Housing, Roads and Transport SPC")
    );
}

#[test]
fn a_heading_set_a_word_per_line_is_read_whole() {
    let words = "MINUTES OF PROCEEDINGS AT MEETING OF THE PLANNING AND ENVIRONMENT";
    let mut text: String = words.split(' ').map(|w| format!("{w}\n\n")).collect();
    text.push_str(
        "COMMITTEE HELD IN THE CIVIC OFFICES ON MONDAY 12th FEBRUARY 2018 at 2 PM.\n\nPRESENT:",
    );
    let f = found(&text);
    assert_eq!(
        f.committee.as_deref(),
        Some("Planning and Environment Committee")
    );
    assert_eq!(f.date, d(2018, 2, 12));
}
