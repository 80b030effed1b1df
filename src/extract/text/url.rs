//! The web address a document gives itself: its markup's (HTML canonical
//! link, front matter `url:`), else an "[Original file](…)" or "[Original
//! link](…)" line near the top, as archives saved from council sites carry.

use std::sync::LazyLock;

use regex::Regex;

use super::re;

/// How far down an "Original …" line is looked for.
const URL_LINES: usize = 20;

static ORIGINAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\[?\s*original\s+(?:file|link|document|source|url)\s*\]?\s*(?:\(|:\s*)(?P<url>https?://[^\s)]+)",
    )
});

/// The document's own address, if it states one.
pub fn url(text: &str, stated: Option<&str>) -> Option<String> {
    if let Some(u) = stated {
        return Some(u.to_owned());
    }
    text.lines()
        .take(URL_LINES)
        .find_map(|line| ORIGINAL.captures(line.trim()).map(|c| c["url"].to_owned()))
}

#[cfg(test)]
mod tests {
    use super::url;

    #[test]
    fn an_original_file_or_link_line_gives_the_address() {
        let pdf = "Minutes\n\n[Original file](https://www.example.ie/files/minutes%202019.pdf)\n";
        assert_eq!(
            url(pdf, None).as_deref(),
            Some("https://www.example.ie/files/minutes%202019.pdf")
        );
        let page = "---\nMay 12, 2025\n\n[Original link](https://pub.example.com/Meeting.aspx?Id=1&Agenda=PostMinutes)\n";
        assert_eq!(
            url(page, None).as_deref(),
            Some("https://pub.example.com/Meeting.aspx?Id=1&Agenda=PostMinutes")
        );
        assert_eq!(
            url("Original link: https://example.org/a\n", None).as_deref(),
            Some("https://example.org/a")
        );
    }

    #[test]
    fn the_markups_address_comes_first_and_a_link_in_the_body_is_not_one() {
        assert_eq!(
            url("[Original link](https://b.org/)", Some("https://a.org/")).as_deref(),
            Some("https://a.org/")
        );
        assert_eq!(
            url(
                "See the report at https://example.org/r.pdf for details",
                None
            ),
            None
        );
        let deep = format!(
            "{}[Original file](https://example.org/x.pdf)\n",
            "line\n".repeat(40)
        );
        assert_eq!(url(&deep, None), None);
    }
}
