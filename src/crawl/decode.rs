//! Bytes to text: byte-order marks, UTF-8, UTF-16, an HTML `<meta charset>`,
//! and a statistical guess (chardetng) for legacy encodings such as
//! Windows-1252.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Why a file's bytes could not be turned into text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("it looks like a binary file, not text")]
    Binary,
}

/// How many leading bytes are inspected for sniffing.
const SNIFF: usize = 8192;

/// Decode `bytes` to a `String`. `html` enables the `<meta charset>` check.
pub fn decode(bytes: &[u8], html: bool) -> Result<String, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(
            encoding,
            bytes.get(bom_len..).unwrap_or_default(),
        ));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(decode_with(encoding, bytes));
    }
    let head = bytes.get(..SNIFF).unwrap_or(bytes);
    if head.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    if html && let Some(encoding) = declared_charset(head) {
        // A page that declares UTF-8 but is not valid UTF-8 is usually 1252.
        if encoding != UTF_8 {
            return Ok(decode_with(encoding, bytes));
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    Ok(decode_with(encoding, bytes))
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// UTF-16 text without a BOM shows up as a zero in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(SNIFF) & !1).unwrap_or_default();
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_zero = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_zero = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_zero * 10 >= pairs * 6 && even_zero * 10 < pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 6 && odd_zero * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding named by `<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let at = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = lower.get(at + 8..).unwrap_or_default();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    Encoding::for_label(rest.get(..end).unwrap_or(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("caf\u{e9}".as_bytes(), false).unwrap(), "café");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Minutes".as_bytes());
        assert_eq!(decode(&bom, false).unwrap(), "Minutes");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Resolved: that the report be noted";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&le, false).unwrap(), text);
        assert_eq!(decode(&be, false).unwrap(), text);
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend_from_slice(&le);
        assert_eq!(decode(&with_bom, false).unwrap(), text);
    }

    #[test]
    fn windows_1252_is_detected() {
        // "Children’s services – café" in Windows-1252.
        let bytes = b"Children\x92s services \x96 caf\xe9 and the council\x92s plan";
        let text = decode(bytes, false).unwrap();
        assert!(text.contains("Children\u{2019}s"), "{text}");
        assert!(text.contains('\u{2013}'), "{text}");
        assert!(text.contains("café"), "{text}");
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        let bytes = b"<html><head><meta charset=\"iso-8859-15\"></head><body>\xa4 10</body></html>";
        let text = decode(bytes, true).unwrap();
        assert!(text.contains("€ 10"), "{text}");
    }

    #[test]
    fn binary_is_refused() {
        let bytes = b"%PDF-1.4\x00\x01\x02\xff\xfe binary stuff \x00\x00 more";
        assert_eq!(decode(bytes, false), Err(DecodeError::Binary));
    }
}
