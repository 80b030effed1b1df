//! Stage 2: a document's decoded text, in its own format, to plain text
//! with lines, one adapter a format (as ripgrep-all has one a file type):
//!
//! - [`html`]: the page's content block through html2text, with its
//!   `<title>`;
//! - Markdown: its YAML front matter split off (the rest stays Markdown
//!   until [`crate::normalise`] strips the markup it cares about);
//! - plain text and PDF text (read by [`crate::crawl::pdf`], pages
//!   separated by form feeds): as it is, less the running headers and
//!   footers of its pages ([`pages`]).

mod html;
mod pages;

use crate::crawl::Format;

/// A document as plain text, with what its markup said about it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Converted {
    pub format: Format,
    pub text: String,
    /// The HTML `<title>`, if the page had one.
    pub html_title: Option<String>,
    /// The address the markup gives the document (`<link rel="canonical">`).
    pub url: Option<String>,
    /// Markdown front matter, `key: value` pairs with lower-case keys.
    pub front: Vec<(String, String)>,
}

/// Convert `text`, written in `format`. Line endings are made `\n` first:
/// Windows' CR LF and old Macs' lone CR, which would otherwise glue the
/// last word of one line to the first of the next.
pub fn convert(text: &str, format: Format) -> Converted {
    let unified = unify_line_endings(text);
    let text: &str = &unified;
    match format {
        Format::Html => {
            let page = html::to_text(text);
            Converted {
                format,
                text: page.text,
                html_title: page.title,
                url: page.url,
                front: Vec::new(),
            }
        }
        Format::Markdown => {
            let (front, rest) = front_matter(text);
            Converted {
                format,
                text: rest.to_owned(),
                html_title: None,
                url: None,
                front,
            }
        }
        // Paged text loses its running headers and footers.
        Format::Text | Format::Pdf => Converted {
            format,
            text: pages::drop_running_lines(text).into_owned(),
            html_title: None,
            url: None,
            front: Vec::new(),
        },
    }
}

/// `text` with every CR LF and lone CR made LF.
fn unify_line_endings(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// Split YAML front matter (`---` lines around `key: value` pairs) from a
/// Markdown document. Only flat string values are read.
fn front_matter(text: &str) -> (Vec<(String, String)>, &str) {
    let body = text.trim_start_matches('\u{feff}');
    let Some(rest) = body
        .strip_prefix("---\n")
        .or_else(|| body.strip_prefix("---\r\n"))
    else {
        return (Vec::new(), text);
    };
    let Some(end) = rest.find("\n---") else {
        return (Vec::new(), text);
    };
    let pairs = rest[..end]
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| {
            let v = v.trim().trim_matches(['"', '\'']).to_owned();
            (k.trim().to_lowercase(), v)
        })
        .collect();
    let after = &rest[end + 4..];
    (pairs, after.split_once('\n').map_or("", |(_, r)| r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_front_matter_is_split_off() {
        let doc = convert(
            "---\ntitle: \"Cabinet\"\ndate: 2025-03-03\n---\nBody\n",
            Format::Markdown,
        );
        assert_eq!(doc.text, "Body\n");
        assert_eq!(
            doc.front,
            vec![
                ("title".to_owned(), "Cabinet".to_owned()),
                ("date".to_owned(), "2025-03-03".to_owned())
            ]
        );
        let plain = convert("---\nno end", Format::Markdown);
        assert!(plain.front.is_empty());
        assert_eq!(plain.text, "---\nno end");
    }

    #[test]
    fn html_keeps_its_title_and_loses_its_tags() {
        let doc = convert(
            "<html><head><title>Cabinet – Council</title></head><body><p>Resolved</p></body></html>",
            Format::Html,
        );
        assert_eq!(doc.html_title.as_deref(), Some("Cabinet – Council"));
        assert_eq!(doc.url, None);
        let linked = convert(
            "<html><head><link rel=\"canonical\" href=\"https://example.org/minutes-1/\" /></head><body><p>Resolved</p></body></html>",
            Format::Html,
        );
        assert_eq!(
            linked.url.as_deref(),
            Some("https://example.org/minutes-1/")
        );
        assert!(
            doc.text.contains("Resolved") && !doc.text.contains("<p>"),
            "{}",
            doc.text
        );
    }
}
