//! Stage 3: converted text to clean text.
//!
//! Every format gets the same clean-up: HTML entities decoded, no-break and
//! zero-width spaces folded, private-use bullets made plain, curly quotes
//! straightened, form feeds and page furniture ("Page 3 of 12", "This page
//! is intentionally left blank") dropped, runs of spaces collapsed, and
//! paragraph breaks kept as one blank line. Markdown also loses the inline
//! HTML, quote markers and converter notes that PDF and web converters
//! leave; text saved from web pages loses its bold markers.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::convert::Converted;
use crate::crawl::Format;
use crate::model::PageStarts;

/// Clean text and what the markup said about it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Normalised {
    pub text: String,
    /// The HTML `<title>`, if the document had one.
    pub html_title: Option<String>,
    /// `title:` of a Markdown document's front matter.
    pub front_title: Option<String>,
    /// `date:` of a Markdown document's front matter.
    pub front_date: Option<String>,
    /// The address the document gives itself in its markup: HTML's
    /// canonical link, or `url:` in Markdown front matter.
    pub url: Option<String>,
    /// Where each page after the first begins in `text`, for text with
    /// pages (PDF, or text with form feeds); empty otherwise.
    pub page_starts: PageStarts,
}

/// Normalise one converted document.
pub fn normalise(doc: &Converted) -> Normalised {
    let field = |key: &str| {
        doc.front
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| clean_line(&fold_chars(v)))
            .filter(|v| !v.is_empty())
    };
    let Cleaned {
        text,
        mut page_starts,
    } = match doc.format {
        Format::Html => clean(&doc.text),
        // (`unbold` has folded the characters already.)
        Format::Markdown => clean_folded(&strip_markdown_furniture(&decode_entities(&doc.text))),
        // Text saved from web pages keeps Markdown bold markers, and
        // run-together bold headings ("**1. Apologies****2. Minutes**").
        Format::Text | Format::Pdf => clean_folded(&unbold(
            &BOLD_NUMBER.replace_all(&decode_entities(&doc.text), "\n\n$1"),
        )),
    };
    // A PDF of one page has pages too.
    page_starts.paged |= doc.format == Format::Pdf;
    Normalised {
        text,
        page_starts,
        html_title: doc
            .html_title
            .as_deref()
            .map(|t| clean_line(&fold_chars(t))),
        front_title: field("title"),
        front_date: field("date"),
        url: doc.url.clone().or_else(|| {
            ["url", "source_url", "original_url"]
                .iter()
                .find_map(|k| field(k))
                .filter(|u| u.starts_with("http"))
        }),
    }
}

fn decode_entities(text: &str) -> String {
    if text.contains('&') {
        html_escape::decode_html_entities(text).into_owned()
    } else {
        text.to_owned()
    }
}

static BOLD_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*(\d{1,3}\.\s)").expect("valid regex"));

/// A bold marker between two words' letters: "be held**on Monday".
static BOLD_BETWEEN_WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\w)(?:\*\*|__)+(\w)").expect("valid regex"));

/// Markdown bold markers removed. They split dates and names ("**Tuesday,
/// 8th** **July, 2014**"); one that stands between two words stands for
/// the space the converter lost ("be held**on Monday").
fn unbold(text: &str) -> String {
    // Zero-width characters first, or "*\u{feff}*" becomes a marker later.
    let mut text = fold_chars(text);
    // Removing one marker can make another ("*__*"): until none is left.
    while text.contains("**") || text.contains("__") {
        text = BOLD_BETWEEN_WORDS
            .replace_all(&text, "$1 $2")
            .replace("**", "")
            .replace("__", "");
    }
    text
}

static INLINE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:small|br|span|div|p|sup|sub|u|b|i|em|strong|font)\b[^>]{0,200}>")
        .expect("valid regex")
});

static CALLOUT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:>\s?)+(?:\[![a-z]+\][-+]?\s*)?").expect("valid regex"));

/// Markdown converted from PDFs or web pages carries inline HTML, converter
/// notes, quote markers and callouts; keep the words.
fn strip_markdown_furniture(text: &str) -> String {
    let text = INLINE_TAG.replace_all(text, "");
    let text = unbold(&text);
    text.lines()
        .map(|line| CALLOUT.replace(line, ""))
        .filter(|line| {
            let t = line.trim().trim_matches('*').trim();
            !(t.eq_ignore_ascii_case("(Image omitted)")
                || t.starts_with("Scanned page, text may contain errors")
                || (!line.trim().is_empty()
                    && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Map characters that only get in the way of matching and reading.
fn fold_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        // Runs of printable ASCII and line ends, most of a text, are kept
        // as they are, a run at a time.
        let plain = rest
            .bytes()
            .position(|b| !matches!(b, b' '..=b'~' | b'\n'))
            .unwrap_or(rest.len());
        let (kept, tail) = rest.split_at(plain);
        out.push_str(kept);
        let mut chars = tail.chars();
        let Some(c) = chars.next() else {
            return out;
        };
        fold_char(c, &mut out);
        rest = chars.as_str();
    }
}

/// [`fold_chars`] of one character, pushed to `out`.
fn fold_char(c: char, out: &mut String) {
    match c {
        '\r' => {}
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\t' => {
            out.push(' ')
        }
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
        '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' => out.push('\''),
        '\u{201c}' | '\u{201d}' | '\u{201f}' | '\u{2033}' => out.push('"'),
        '\u{e000}'..='\u{f8ff}' | '\u{2022}' | '\u{25cf}' | '\u{25aa}' | '\u{25a0}' => {
            out.push('-')
        }
        '\x0c' => out.push('\x0c'),
        c if c.is_control() && c != '\n' => out.push(' '),
        c => out.push(c),
    }
}

static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            page\s+\d+(?:\s+of\s+\d+)?
          | \d+\s+of\s+\d+
          | -\s*\d+\s*-
          | this\s+page\s+(?:is\s+)?(?:intentionally|deliberately)\s+(?:left\s+)?blank\.?
          | .{0,80}\s[-\u{2013}\u{2014}]\s+page\s+\d+
          | (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\s+\d+\s+of\s+\d+
        )$",
    )
    .expect("valid regex")
});

/// Page furniture: a page number, a running footer. Every pattern but the
/// blank-page note needs a digit, so most lines are settled without the
/// regex (`\d` is a Unicode digit, and those are all numeric).
fn is_furniture(line: &str) -> bool {
    let maybe = has_numeric(line)
        || memchr::memchr2_iter(b'b', b'B', line.as_bytes()).any(|at| {
            line.as_bytes()
                .get(at..at + 5)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"blank"))
        });
    maybe && FURNITURE.is_match(line)
}

/// Whether `line` has a numeric character: a byte scan for ASCII digits,
/// and every character read only in a line that has others than ASCII.
fn has_numeric(line: &str) -> bool {
    line.bytes().any(|b| b.is_ascii_digit())
        || (!line.is_ascii() && line.chars().any(char::is_numeric))
}

static BARE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,4}$").expect("valid regex"));

/// Collapse spaces in one line and trim it.
fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    clean_line_into(line, &mut out);
    out
}

/// [`clean_line`] into `out` (cleared first). Most lines have no space to
/// take out, and are copied whole.
fn clean_line_into(line: &str, out: &mut String) {
    out.clear();
    if !line.starts_with(' ') && !line.ends_with(' ') && !line.contains("  ") {
        out.push_str(line);
        return;
    }
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Whether `line` is empty once its spaces are collapsed.
fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| b == b' ')
}

/// Clean text, and where its pages begin.
struct Cleaned {
    text: String,
    page_starts: PageStarts,
}

/// The clean-up every format gets; see the module docs.
fn clean(text: &str) -> Cleaned {
    clean_folded(&fold_chars(text))
}

/// [`clean`] of text whose characters are folded already. A form feed
/// ends a page: where the next page's first line lands is kept.
fn clean_folded(folded: &str) -> Cleaned {
    let mut out = String::with_capacity(folded.len());
    let mut starts = Vec::new();
    // Pages begun whose first line is not written yet.
    let mut pending = 0usize;
    let mut blank_run = 0usize;
    // One line at a time, cleaned into the same buffer.
    let mut line = String::new();
    for (n, page) in folded.split('\x0c').enumerate() {
        pending += usize::from(n > 0);
        let lines: Vec<&str> = page.lines().collect();
        // A bare number at the very top or bottom of a page is its page number.
        let first = lines.iter().position(|l| !is_blank(l));
        let last = lines.iter().rposition(|l| !is_blank(l));
        for (i, raw) in lines.iter().enumerate() {
            clean_line_into(raw, &mut line);
            let line = line.as_str();
            let edge = Some(i) == first || Some(i) == last;
            if line.is_empty()
                || is_furniture(line)
                || (edge && BARE_NUMBER.is_match(line) && folded.contains('\x0c'))
            {
                blank_run += usize::from(line.is_empty());
                continue;
            }
            if !out.is_empty() {
                out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
            }
            starts.extend(std::iter::repeat_n(out.len(), pending));
            pending = 0;
            blank_run = 0;
            out.push_str(line);
        }
        // A page break is a paragraph break.
        blank_run += 1;
    }
    // Empty pages at the end still count.
    starts.extend(std::iter::repeat_n(out.len(), pending));
    Cleaned {
        text: out,
        page_starts: PageStarts {
            paged: folded.contains('\x0c'),
            starts,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalise(text: &str, format: Format) -> Normalised {
        super::normalise(&crate::convert::convert(text, format))
    }

    #[test]
    fn lines_clean_and_settle_as_word_by_word_and_character_by_character() {
        let pieces = [
            " ", "  ", "a", "Page", "12", "blank", "BlAnK", "bla", "\u{bd}", "\u{663}", "é", "\t",
            "of", "-",
        ];
        let mut random = crate::test_random::Lcg(5);
        let mut line = String::new();
        for _ in 0..4000 {
            let seed = random.next();
            let mut text = String::new();
            let mut bits = seed >> 20;
            for _ in 0..(seed >> 60) {
                text.push_str(pieces[(bits % pieces.len() as u64) as usize]);
                bits /= pieces.len() as u64;
            }
            let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
            clean_line_into(&text, &mut line);
            assert_eq!(line, words.join(" "), "{text:?}");
            assert_eq!(is_blank(&text), words.is_empty(), "{text:?}");
            assert_eq!(
                has_numeric(&text),
                text.chars().any(char::is_numeric),
                "{text:?}"
            );
            let blank = text
                .as_bytes()
                .windows(5)
                .any(|w| w.eq_ignore_ascii_case(b"blank"));
            let maybe = text.chars().any(char::is_numeric) || blank;
            assert_eq!(
                is_furniture(&text),
                maybe && FURNITURE.is_match(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn characters_fold_alike_in_runs_of_ascii_and_one_by_one() {
        let mut text: String = (0..0x3100).filter_map(char::from_u32).collect();
        text.push_str("plain run\r\n\ttabbed \u{feff}**x\u{2019}s\u{a0}end\x7f\x0c");
        let mut one_by_one = String::new();
        text.chars().for_each(|c| fold_char(c, &mut one_by_one));
        assert_eq!(fold_chars(&text), one_by_one);
        assert_eq!(fold_chars("a\r\n\tb\u{2019}c\u{ad}d"), "a\n b'cd");
    }

    #[test]
    fn pages_are_kept_where_their_first_line_lands() {
        let n = normalise(
            "\x0c\x0cPage three heading\nbody\x0cPage 4 of 5\nfour\x0c",
            Format::Pdf,
        );
        assert_eq!(n.text, "Page three heading\nbody\n\nfour");
        let p = &n.page_starts;
        assert_eq!(p.count(), 5, "blank pages at either end still count");
        assert_eq!(p.page_of(0), 3);
        assert_eq!(p.page_of(n.text.find("four").unwrap()), 4);
        assert_eq!(
            p.pages_of(0..n.text.len()).map(|x| (x.first, x.last)),
            Some((3, 4))
        );
        assert!(
            !normalise("no pages here", Format::Text)
                .page_starts
                .is_paged()
        );
    }

    #[test]
    fn spaces_quotes_and_bullets_are_folded() {
        let n = normalise(
            "Children\u{2019}s\u{a0}services\u{200b}  plan\r\n\u{f0b7}\tfirst point",
            Format::Text,
        );
        assert_eq!(n.text, "Children's services plan\n- first point");
    }

    #[test]
    fn bold_markers_go_and_the_space_they_stood_for_stays() {
        for format in [Format::Markdown, Format::Text] {
            let n = normalise(
                "A meeting will be held**on Monday, 11th** **October, 2021**.",
                format,
            );
            assert_eq!(
                n.text,
                "A meeting will be held on Monday, 11th October, 2021."
            );
        }
    }

    #[test]
    fn entities_are_decoded_in_markdown_and_text() {
        let n = normalise("# 1.&nbsp;&nbsp;Call to Order &amp; Roll", Format::Markdown);
        assert_eq!(n.text, "# 1. Call to Order & Roll");
        let n = normalise("Date of decision: 19&#47;10&#47;2015", Format::Text);
        assert_eq!(n.text, "Date of decision: 19/10/2015");
    }

    #[test]
    fn page_furniture_and_form_feeds_are_dropped() {
        let text = "First page text.\n\n3\n\x0cPage 4 of 12\nSecond page text.\nThis page is intentionally left blank\nJanuary 12, 2011 2 of 18\nMinutes \u{2013} April 17, 2018 \u{2013} Page 2\nEnd.";
        let n = normalise(text, Format::Text);
        assert_eq!(n.text, "First page text.\n\nSecond page text.\nEnd.");
    }

    #[test]
    fn run_together_bold_headings_are_split() {
        let n = normalise(
            "Public Business**1. Apologies****2. Declarations** (Pages 3 - 6)",
            Format::Text,
        );
        assert_eq!(
            n.text,
            "Public Business\n\n1. Apologies\n\n2. Declarations (Pages 3 - 6)"
        );
    }

    #[test]
    fn paragraph_breaks_are_kept_once() {
        let n = normalise("One.\n\n\n\n  Two.  \n\n", Format::Text);
        assert_eq!(n.text, "One.\n\nTwo.");
    }

    #[test]
    fn numbers_in_running_text_stay() {
        let n = normalise("Votes\n12\nagainst", Format::Text);
        assert_eq!(n.text, "Votes\n12\nagainst");
    }

    #[test]
    fn markdown_front_matter_and_callouts() {
        let text = "---\ntitle: 5th Meeting of the Infrastructure Committee\ndate: 2025-03-03\n---\nMarch 3, 2025\n\n> [!abstract]- Present:\n> C. Rahman\n\n> **Motion Passed (5 to 0)**\n> |-|\n";
        let n = normalise(text, Format::Markdown);
        assert_eq!(
            n.front_title.as_deref(),
            Some("5th Meeting of the Infrastructure Committee")
        );
        assert_eq!(n.front_date.as_deref(), Some("2025-03-03"));
        assert_eq!(
            n.text,
            "March 3, 2025\n\nPresent:\nC. Rahman\n\nMotion Passed (5 to 0)"
        );
    }

    #[test]
    fn markdown_converter_notes_are_dropped() {
        let text = "*<small>Scanned page, text may contain errors. See original file for clarity</small>*\n\nMinutes of meeting\n\n(Image omitted)\n";
        assert_eq!(normalise(text, Format::Markdown).text, "Minutes of meeting");
    }
}
