//! Any text through the date finder and the user-date parser.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = minutes::date::find_dates(text);
    let _ = minutes::date::parse_user_date(text);
});
