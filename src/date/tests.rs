//! Dates as councils write them.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn user_dates_in_iso_and_uk_order() {
    assert_eq!(parse_user_date("2017-07-13"), Ok(d(2017, 7, 13)));
    assert_eq!(parse_user_date("13/07/2017"), Ok(d(2017, 7, 13)));
    assert_eq!(parse_user_date("3/7/17"), Ok(d(2017, 7, 3)));
    assert_eq!(parse_user_date("13 July 2017"), Ok(d(2017, 7, 13)));
}

#[test]
fn impossible_and_unreadable_user_dates_are_errors() {
    assert_eq!(
        parse_user_date("2017-02-30").unwrap_err().to_string(),
        "there is no 30 February 2017"
    );
    assert!(parse_user_date("31/02/2019").is_err());
    assert_eq!(parse_user_date("07/13/2017"), Err(DateError::Unreadable));
    assert_eq!(parse_user_date("soon"), Err(DateError::Unreadable));
    assert_eq!(
        parse_user_date("13 July 2017 and more"),
        Err(DateError::Unreadable)
    );
}

#[test]
fn written_dates_in_running_text() {
    let text = "Time and Date 10.00 am on Thursday, 13th July, 2017 at the Council House";
    assert_eq!(first_date(text), Some(d(2017, 7, 13)));
    assert_eq!(first_date("held on 29 June 2017."), Some(d(2017, 6, 29)));
    assert_eq!(
        first_date("Printed minutes 09th-Jan-2025 10.00"),
        Some(d(2025, 1, 9))
    );
    assert_eq!(
        first_date("Date of decision: 18/01/2017"),
        Some(d(2017, 1, 18))
    );
    assert_eq!(
        first_date("REGULAR MEETING, JUNE 4, 2018"),
        Some(d(2018, 6, 4))
    );
    assert_eq!(
        first_date("January 12, 2011  2 of 18"),
        Some(d(2011, 1, 12))
    );
    assert_eq!(
        first_date("the 12th day of September 2019"),
        Some(d(2019, 9, 12))
    );
}

#[test]
fn ocr_damaged_and_abbreviated_dates() {
    assert_eq!(
        first_date("ON THURSDAY, 15™ OCTOBER, 2020, AT 3.30 P.M."),
        Some(d(2020, 10, 15))
    );
    assert_eq!(first_date("HELD ON 7°” MAY, 2019"), Some(d(2019, 5, 7)));
    assert_eq!(
        first_date("Limerick on Monday, 21*t May, 2018 at 9.45 a.m."),
        Some(d(2018, 5, 21))
    );
    assert_eq!(
        first_date("Dooradoyle, on Monday, 26” june, 2017, at 3.00 p.m."),
        Some(d(2017, 6, 26))
    );
    assert_eq!(
        first_date("report dated 5\" October, 2020 from"),
        Some(d(2020, 10, 5))
    );
    assert_eq!(
        first_date("Printed minutes 09th-Jan-2025 10.00 Cabinet"),
        Some(d(2025, 1, 9))
    );
    assert_eq!(first_date("meeting 10.12.24"), Some(d(2024, 12, 10)));
    assert_eq!(
        first_date("19/10/2015 - Policy Committee"),
        Some(d(2015, 10, 19))
    );
    assert_eq!(first_date("the 3/7/17 meeting"), Some(d(2017, 7, 3)));
}

#[test]
fn ocr_damage_is_flagged() {
    assert!(find_dates("Monday, 13” September, 2017")[0].damaged);
    assert!(!find_dates("Monday, 13th September, 2017")[0].damaged);
}

#[test]
fn spelled_out_dates_of_the_city_record() {
    assert_eq!(
        first_date("January the Third, Two Thousand and Eighteen\n"),
        Some(d(2018, 1, 3))
    );
    assert_eq!(
        first_date("March the Twenty-First, Nineteen Hundred and Ninety-Six"),
        Some(d(1996, 3, 21))
    );
}

#[test]
fn month_only_dates_have_month_precision_and_are_not_meeting_dates() {
    let found = find_dates("the November 2016 inspection");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].precision, Precision::Month);
    assert_eq!(found[0].date, d(2016, 11, 1));
    assert_eq!(first_date("the November 2016 inspection"), None);
}

#[test]
fn north_american_documents_read_numbers_month_first() {
    let text = "January 6, 2025 meeting. Approved 01/06/2025 and June 4, 2018.";
    assert_eq!(convention(text), Order::MonthFirst);
    let found = find_dates_in_order("01/06/2025", convention(text));
    assert_eq!(found[0].date, d(2025, 1, 6));
    assert_eq!(convention("13 July 2017 and 29 June 2017"), Order::DayFirst);
    assert_eq!(find_dates("01/06/2025")[0].date, d(2025, 6, 1));
}

#[test]
fn times_and_impossible_dates_are_not_dates() {
    assert_eq!(first_date("version 1.02.2017b"), None);

    assert_eq!(first_date("at 10.00 am"), None);
    assert_eq!(first_date("on 31/02/2019"), None);
    assert_eq!(first_date("item 2.1.10"), None);
    assert_eq!(first_date("pages 12/18"), None);
}
