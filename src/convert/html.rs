//! HTML to text with html2text, after trimming the page to its content.
//!
//! Council pages wrap a few paragraphs of minutes in navigation, sidebars,
//! scripts and hidden labels. Before rendering we find the content block
//! (ModernGov's `#modgov`, WordPress's `.entry-content`, `<article>`,
//! `<main>`), drop elements that are never content, and render with no
//! wrapping, no table borders and no link footnotes, so sentences stay whole.

use std::rc::Rc;
use std::sync::LazyLock;

use html2text::render::TrivialDecorator;
use html2text::{Element, Handle, RcDom};
use regex::Regex;

/// The text of a page, its `<title>` and the address it gives itself.
pub struct Page {
    pub text: String,
    pub title: Option<String>,
    /// `<link rel="canonical" href="…">`.
    pub url: Option<String>,
}

/// Wide enough that no sentence is ever wrapped.
const WIDTH: usize = 100_000;

/// Elements whose content is never part of the document's text.
const DROP: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg", "template",
    "button", "select", "head",
];

/// Classes of hidden or furniture elements.
const DROP_CLASSES: &[&str] = &["mghide", "screen-reader-text", "sr-only", "visually-hidden"];

fn config() -> html2text::config::Config<TrivialDecorator> {
    html2text::config::with_decorator(TrivialDecorator::new())
        .raw_mode(true)
        .no_table_borders()
        .link_footnotes(false)
        .allow_width_overflow()
}

/// Render `html` to text.
pub fn to_text(html: &str) -> Page {
    let config = config();
    // Tag soup: a parser drops a cell or item tag it finds out of place
    // (a `<td>` after an unclosed `<li>`, outside any table), and the words
    // either side of it would run together.
    let spaced = CELL_TAG.replace_all(html, " $0");
    let Ok(dom) = config.parse_html(spaced.as_bytes()) else {
        return Page {
            text: html.to_owned(),
            title: None,
            url: None,
        };
    };
    let title = TITLE
        .captures(html)
        .map(|c| html_escape::decode_html_entities(c[1].trim()).into_owned());
    let url = canonical(&dom);
    prune(&dom.document);
    let render = |dom: &RcDom| {
        config
            .dom_to_render_tree(dom)
            .and_then(|tree| config.render_to_string(tree, WIDTH))
            .unwrap_or_default()
    };
    let mut text = String::new();
    if let Some(content) = content_root(&dom) {
        let whole = std::mem::replace(&mut *dom.document.children.borrow_mut(), vec![content]);
        text = render(&dom);
        *dom.document.children.borrow_mut() = whole;
    }
    // A content block with next to nothing in it was the wrong guess.
    if text.split_whitespace().nth(3).is_none() {
        text = render(&dom);
    }
    Page {
        text,
        title: title.filter(|t| !t.trim().is_empty()),
        url,
    }
}

/// The web address a page gives itself: `<link rel="canonical">`.
fn canonical(dom: &RcDom) -> Option<String> {
    let link = find_first(&dom.document, &|n| {
        is_element(n, "link")
            && attr(n, "rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("canonical"))
            })
    })?;
    attr(&link, "href")
        .map(|u| u.trim().to_owned())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

/// The start or end of a table cell, row or list item.
static CELL_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</?(?:td|th|tr|li|dd|dt)(?:[\s>/])").expect("valid regex"));
static TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<title[^>]*>(.*?)</title>").expect("valid regex"));

fn element_name(node: &Handle) -> Option<String> {
    match &node.data {
        Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

fn is_element(node: &Handle, tag: &str) -> bool {
    element_name(node).is_some_and(|n| n == tag)
}

fn attr(node: &Handle, key: &str) -> Option<String> {
    match &node.data {
        Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == key)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

fn has_class(node: &Handle, class: &str) -> bool {
    attr(node, "class").is_some_and(|c| {
        c.split_ascii_whitespace()
            .any(|x| x.eq_ignore_ascii_case(class))
    })
}

fn find_first(node: &Handle, pred: &dyn Fn(&Handle) -> bool) -> Option<Handle> {
    if pred(node) {
        return Some(node.clone());
    }
    node.children
        .borrow()
        .iter()
        .find_map(|child| find_first(child, pred))
}

/// The element that holds the page's own content, most specific first.
fn content_root(dom: &RcDom) -> Option<Handle> {
    let rules: [&dyn Fn(&Handle) -> bool; 5] = [
        &|n| attr(n, "id").is_some_and(|id| id == "modgov"),
        &|n| has_class(n, "entry-content"),
        &|n| is_element(n, "article"),
        &|n| is_element(n, "main"),
        &|n| attr(n, "role").is_some_and(|r| r == "main"),
    ];
    rules
        .iter()
        .find_map(|rule| find_first(&dom.document, rule))
}

fn hidden(node: &Handle) -> bool {
    let Some(name) = element_name(node) else {
        return false;
    };
    DROP.contains(&name.as_str())
        || DROP_CLASSES.iter().any(|c| has_class(node, c))
        || attr(node, "hidden").is_some()
        || attr(node, "style").is_some_and(|s| {
            let s: String = s
                .split_whitespace()
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Remove never-content elements everywhere below `node`.
fn prune(node: &Handle) {
    node.children.borrow_mut().retain(|child| !hidden(child));
    let children: Vec<Handle> = node.children.borrow().iter().map(Rc::clone).collect();
    for child in &children {
        prune(child);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_block_is_kept_and_navigation_dropped() {
        let html = r#"<html><head><title>Minutes &#8211; April 17, 2018 &#8211; Nipissing Township</title>
            <script>var x = "tracking";</script></head>
            <body><nav><a href="/">Landfill and Recycling</a></nav>
            <article><div class="entry-content"><p>The Council met at 7 pm in the hall.</p>
            <p>R2018-077 That we approve the minutes. Carried.</p></div></article>
            <footer>Copyright</footer></body></html>"#;
        let page = to_text(html);
        assert_eq!(
            page.title.as_deref(),
            Some("Minutes \u{2013} April 17, 2018 \u{2013} Nipissing Township")
        );
        assert!(page.text.contains("The Council met at 7 pm in the hall."));
        assert!(
            page.text
                .contains("R2018-077 That we approve the minutes. Carried.")
        );
        assert!(!page.text.contains("Landfill"), "{}", page.text);
        assert!(!page.text.contains("tracking"));
        assert!(!page.text.contains("Copyright"));
    }

    #[test]
    fn long_paragraphs_are_not_wrapped_and_hidden_spans_dropped() {
        let sentence = "word ".repeat(400);
        let html = format!(
            "<div id=\"modgov\"><p>{sentence}</p><a>Title<span class=\"mgHide\"> ref: 13567</span></a><table><tr><td>a</td><td>b</td></tr></table></div>"
        );
        let page = to_text(&html);
        let first = page.text.lines().next().unwrap_or_default();
        assert_eq!(first.split_whitespace().count(), 400);
        assert!(!page.text.contains("13567"));
        assert!(!page.text.contains('|') && !page.text.contains('─'));
    }
}
