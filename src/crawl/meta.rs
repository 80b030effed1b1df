//! Metadata files (`NAME.meta.json` sidecars and folder `_meta.json`
//! files): parsed, with what is wrong with them said in words.

use super::Problem;
use crate::model::Meta;

/// Parse a metadata file. A file that is not a JSON object of the known
/// fields is an error; a `date` that is no calendar date ("31/02/2017") is
/// dropped and returned as the problem to warn of.
pub fn parse(bytes: &[u8]) -> Result<(Meta, Option<Problem>), Problem> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut meta: Meta = serde_json::from_str(text).map_err(|e| {
        Problem::BadMeta(format!(
            "{e}; expected a JSON object with any of council, committee, date, title, url, topic, platform, meeting_id"
        ))
    })?;
    let bad_date = check_date(&mut meta);
    Ok((meta, bad_date))
}

/// Drop a `date` that is no calendar date, and say so.
pub fn check_date(meta: &mut Meta) -> Option<Problem> {
    match meta.date.as_deref().map(crate::date::parse_user_date) {
        Some(Err(e)) => meta
            .date
            .take()
            .map(|d| Problem::BadMetaDate(d, e.to_string())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_file_and_its_fields() {
        let (meta, bad) =
            parse(br#"{"council": "Fenwick City Council", "date": "2017-02-28"}"#).expect("valid");
        assert_eq!(meta.council.as_deref(), Some("Fenwick City Council"));
        assert_eq!(meta.date.as_deref(), Some("2017-02-28"));
        assert!(bad.is_none());
    }

    #[test]
    fn an_impossible_date_is_dropped_and_named() {
        for date in ["31/02/2017", "2017-02-30", "next Tuesday"] {
            let json = format!(r#"{{"council": "C", "date": "{date}"}}"#);
            let (meta, bad) = parse(json.as_bytes()).expect("parses");
            assert_eq!(meta.date, None);
            assert_eq!(meta.council.as_deref(), Some("C"));
            assert!(
                matches!(&bad, Some(Problem::BadMetaDate(d, _)) if d == date),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn wrong_json_is_an_error_in_words() {
        for bad in [
            &b"{ not json"[..],
            br#"{"council": 7}"#,
            br#"{"counsel": "C"}"#,
        ] {
            let err = parse(bad).expect_err("refused");
            assert!(err.to_string().contains("expected a JSON object"), "{err}");
        }
    }
}
