//! What every publishing system's adapter answers: the meetings in a date
//! range, and what one meeting publishes. An adapter only reads answers;
//! politeness, state and files are the rest of `fetch`'s.

use chrono::NaiveDate;
use url::Url;

use super::http::{Got, Http, HttpError, Validators};
use super::sites::Site;

/// One meeting as a listing names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    /// The system's own id, stable across runs.
    pub id: String,
    pub committee: String,
    pub date: NaiveDate,
    pub cancelled: bool,
}

/// A document a meeting publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remote {
    /// Text the system answers inline (ModernGov's item minutes, Legistar's
    /// item actions), joined into one HTML page.
    Page {
        title: String,
        html: String,
        /// Where a reader finds the meeting on the web.
        url: String,
    },
    /// A linked file (minutes, agenda or decision PDF).
    File { title: String, url: Url },
}

/// What a meeting's answer held.
#[derive(Debug)]
pub enum Published {
    /// The answer has not changed since the validators were given.
    NotModified,
    Documents {
        documents: Vec<Remote>,
        /// To quote next time.
        validators: Validators,
        /// Whether the minutes are out: a meeting without them is asked
        /// again on later runs.
        minutes: bool,
    },
}

/// Why an answer could not be used.
#[derive(Debug, thiserror::Error)]
pub enum AdapterError {
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error("{url}: the answer is not what {platform} sends: {message}")]
    Malformed {
        url: String,
        platform: &'static str,
        message: String,
    },
}

impl AdapterError {
    pub fn reason(&self) -> &'static str {
        match self {
            AdapterError::Http(e) => e.reason(),
            AdapterError::Malformed { .. } => "malformed",
        }
    }
}

/// One publishing system. Adding eScribe, CMIS or CivicPlus is one more
/// implementation and one more `Platform`.
pub trait Adapter {
    /// Meetings of the committees the site wants, dated `from` to `to`.
    fn meetings(
        &self,
        http: &mut Http,
        site: &Site,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Meeting>, AdapterError>;

    /// What `meeting` publishes; `known` are the validators of its last
    /// answer.
    fn published(
        &self,
        http: &mut Http,
        site: &Site,
        meeting: &Meeting,
        known: Option<&Validators>,
    ) -> Result<Published, AdapterError>;

    /// The address `published` asks, under which its validators are kept.
    fn meeting_url(&self, site: &Site, meeting: &Meeting) -> Url;
}

/// GET `url` and hand the body to `parse`, as text.
pub fn get_text(
    http: &mut Http,
    url: &Url,
    known: Option<&Validators>,
) -> Result<Option<(String, Validators)>, HttpError> {
    match http.get(url, known)? {
        Got::NotModified => Ok(None),
        Got::Body {
            bytes, validators, ..
        } => Ok(Some((
            String::from_utf8_lossy(&bytes).into_owned(),
            validators,
        ))),
    }
}

/// Whether a linked document's title names a record of the meeting:
/// minutes, an agenda or decisions (not a report or an appendix).
pub fn names_a_record(title: &str) -> bool {
    let lower = title.to_lowercase();
    ["minute", "agenda", "decision", "resolution"]
        .iter()
        .any(|w| lower.contains(w))
}

/// A meeting's inline minutes as one HTML page: the council, a "Minutes
/// of the meeting of … held on …" opening that the extractor reads like any
/// other, then `body` (the items, already HTML). `date` is written as the
/// council's country writes dates.
pub fn minutes_page(
    council: &str,
    meeting: &Meeting,
    date: &str,
    body: &str,
    url: String,
) -> Remote {
    let title = format!("{} minutes, {date}", meeting.committee);
    let html = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{t}</title></head><body>\n<h1>{council}</h1>\n<p>Minutes of the meeting of {committee} held on {date}</p>\n{body}</body></html>\n",
        t = escape(&title),
        council = escape(council),
        committee = escape(&meeting.committee),
    );
    Remote::Page { title, html, url }
}

/// Escape text for HTML.
pub fn escape(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_told_from_reports_by_title() {
        assert!(names_a_record(
            "6 - CHAIR APPROVED  Minutes Audit Committee 25 Nov 2025"
        ));
        assert!(names_a_record("Agenda frontsheet 10th-Feb-2026"));
        assert!(names_a_record("Printed decisions"));
        assert!(!names_a_record("Appendix 1 - Risk register"));
        assert!(!names_a_record("Report of the Deputy Chief Executive"));
    }
}
