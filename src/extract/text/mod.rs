//! Metadata a clerk would read off the page, one file per rule family:
//! [`dates`] (the meeting date), [`committee`], [`council`], [`title`],
//! [`heading`] (where a document's heading ends, and "Minutes of the
//! meeting ... held" openings) and [`case`] (tidying names).
//!
//!
//! The meeting date is the first of these that the text gives:
//! 1. a declared date (Markdown front matter `date:`);
//! 2. ModernGov's "Date of decision:" and "Decided at meeting: <date> - X";
//! 3. "Minutes of the meeting ... held ... on <date>" in the heading;
//! 4. an agenda's "Time and Date" block;
//! 5. "... AGENDA FOR <date>" and "HELD THIS 12TH DAY OF JANUARY, 2011";
//! 6. the first full date on a short heading line (the HTML `<title>`
//!    counts as one), unless the heading is a list of many dates.
//!
//! A date anywhere else in the body (a report "dated 5 October", the next
//! meeting "on 24 January") is never taken for the meeting's date. The
//! committee comes from ModernGov labels, the "Minutes of the meeting of X"
//! opening and "Nth Meeting of the X" titles; the council from a heading line
//! that is a council's name, "TOWNSHIP OF X", "Council of the City of X", or
//! the site name at the end of an HTML `<title>`.

mod case;
mod committee;
mod council;
mod dates;
mod heading;
mod title;
mod url;

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::extract::re;

pub use case::tidy_case;
pub use committee::committee_name;
pub use council::edit_distance;
pub use heading::{MeetingHeading, heading, minutes_heading_in, minutes_headings, opening};
pub use title::{clean_title, truncate_title};

use crate::date::{FoundDate, Order, Precision, find_dates_in_order};
use crate::normalise::Normalised;

/// What the text says about itself. Every field may be empty.
#[derive(Debug, Default, PartialEq)]
pub struct Found {
    /// The council the heading states.
    pub council: Option<String>,
    /// The council the text points to without stating it in its heading.
    pub council_inferred: Option<String>,
    pub committee: Option<String>,
    pub date: Option<NaiveDate>,
    /// A date merely seen on a heading line: weaker than a file name's date.
    pub heading_date: Option<NaiveDate>,
    pub title: Option<String>,
    /// The web address the document gives itself.
    pub url: Option<String>,
}

/// "A regular meeting of the Township of Nipissing Council was held on ...".
static MEETING_WAS_HELD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:regular|special|ordinary|annual|monthly)?\s*meeting\s+of\s+(?:the\s+)?(?P<what>[^.\n]{3,100}?)\s+(?:was\s+)?held(?-u:\b)(?P<rest>[^\n]{0,120})",
    )
});

/// One document as the rules read it: its text, its heading, the date
/// convention (computed once per document, by the caller) and the
/// openings that name both a committee and a date, found once.
pub(crate) struct Page<'a> {
    pub doc: &'a Normalised,
    pub text: &'a str,
    pub head: &'a str,
    pub order: Order,
    /// The document's own "Minutes of the meeting of X held ... on D".
    pub opening: Option<MeetingHeading>,
    /// "A ... meeting of X was held on ...": what, and the rest of the line.
    pub held: Option<(String, String)>,
}

impl<'a> Page<'a> {
    fn new(doc: &'a Normalised, order: Order) -> Page<'a> {
        let text = doc.text.as_str();
        let head = heading(text);
        let held = MEETING_WAS_HELD
            .captures(head)
            .filter(|c| !c["what"].to_lowercase().ends_with(" be"))
            .map(|c| (c["what"].to_owned(), c["rest"].to_owned()));
        Page {
            doc,
            text,
            head,
            order,
            opening: minutes_heading_in(heading::opening(head), order),
            held,
        }
    }

    /// The first full date in `s`, read in this document's convention.
    pub fn first_day(&self, s: &str) -> Option<FoundDate> {
        find_dates_in_order(s, self.order)
            .into_iter()
            .find(|f| f.precision == Precision::Day)
    }
}

/// Read the labels and headings of a normalised document whose dates are
/// written in `order`. `file_date` is the date the file's name gives, if
/// any: it is taken when the text's explicit labels say nothing and the
/// text itself mentions that date.
pub fn labels(doc: &Normalised, file_date: Option<NaiveDate>, order: Order) -> Found {
    let page = Page::new(doc, order);
    let title = doc.front_title.clone().or_else(|| title::title(page.text));
    let (date, heading_date) = dates::meeting_date(&page, file_date);
    let committee = committee::committee(&page, title.as_deref());
    let council = council::stated(&page);
    let council_inferred = council::inferred(&page);
    let named = council.as_deref().or(council_inferred.as_deref());
    Found {
        committee: committee.map(|c| committee::without_council(c, named)),
        council,
        council_inferred,
        date,
        heading_date,
        title,
        url: url::url(page.text, doc.url.as_deref()),
    }
}

#[cfg(test)]
mod tests;
