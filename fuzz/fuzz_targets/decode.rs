//! Bytes of any file to text: BOMs, UTF-16 sniffing, `<meta charset>`, chardetng.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = data.first().is_some_and(|b| b % 2 == 0);
    let _ = minutes::crawl::decode(data, html);
});
