//! Any HTML through html2text and the normaliser.
#![no_main]
use libfuzzer_sys::fuzz_target;
use minutes::crawl::Format;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let converted = minutes::convert::convert(&text, Format::Html);
    let _ = minutes::normalise::normalise(&converted);
});
