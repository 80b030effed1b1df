//! Legistar (Granicus) through its Web API: `events` in a date range (OData,
//! pages of 1,000 rows) and each event's `eventitems` with their actions,
//! movers and outcomes; the minutes and agenda files each event links.

use chrono::NaiveDate;
use serde::Deserialize;
use url::Url;

use super::adapter::{
    Adapter, AdapterError, Meeting, Published, Remote, escape, get_text, minutes_page,
};
use super::http::{Http, Validators};
use super::sites::Site;

pub struct Legistar;

const PLATFORM: &str = "Legistar";
/// Rows in one page of an OData answer.
const PAGE: usize = 1000;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Event {
    event_id: i64,
    event_body_name: Option<String>,
    event_date: Option<String>,
    event_agenda_status_name: Option<String>,
    event_minutes_status_name: Option<String>,
    event_comment: Option<String>,
    event_agenda_file: Option<String>,
    event_minutes_file: Option<String>,
    #[serde(rename = "EventInSiteURL")]
    event_in_site_url: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Item {
    event_item_agenda_number: Option<String>,
    event_item_title: Option<String>,
    event_item_action_name: Option<String>,
    event_item_action_text: Option<String>,
    event_item_minutes_note: Option<String>,
    event_item_passed_flag_name: Option<String>,
    event_item_mover: Option<String>,
    event_item_seconder: Option<String>,
    event_item_tally: Option<String>,
    event_item_matter_file: Option<String>,
}

fn endpoint(site: &Site, path: &str) -> Url {
    let mut base = site.base.clone();
    if !base.path().ends_with('/') {
        let p = format!("{}/", base.path());
        base.set_path(&p);
    }
    base.join(path).unwrap_or_else(|_| site.base.clone())
}

fn malformed(url: &Url, message: impl Into<String>) -> AdapterError {
    AdapterError::Malformed {
        url: url.to_string(),
        platform: PLATFORM,
        message: message.into(),
    }
}

fn rows<T: for<'de> Deserialize<'de>>(url: &Url, text: &str) -> Result<Vec<T>, AdapterError> {
    serde_json::from_str(text).map_err(|e| malformed(url, format!("not a JSON list of rows: {e}")))
}

fn nonblank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// `2024-01-09T00:00:00`, or a plain date.
fn event_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

impl Adapter for Legistar {
    fn meetings(
        &self,
        http: &mut Http,
        site: &Site,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Meeting>, AdapterError> {
        let mut meetings = Vec::new();
        for page in 0.. {
            let mut url = endpoint(site, "events");
            url.query_pairs_mut()
                .append_pair(
                    "$filter",
                    &format!(
                        "EventDate ge datetime'{from}' and EventDate lt datetime'{}'",
                        to + chrono::Duration::days(1)
                    ),
                )
                .append_pair("$orderby", "EventDate")
                .append_pair("$top", &PAGE.to_string())
                .append_pair("$skip", &(page * PAGE).to_string());
            let (text, _) = get_text(http, &url, None)?.unwrap_or_default();
            let events: Vec<Event> = rows(&url, &text)?;
            let full = events.len() >= PAGE;
            for e in events {
                let Some(date) = e.event_date.as_deref().and_then(event_date) else {
                    return Err(malformed(
                        &url,
                        format!("event {} has no EventDate", e.event_id),
                    ));
                };
                let committee = nonblank(&e.event_body_name).unwrap_or("").to_owned();
                if !site.wants(&committee) || date < from || date > to {
                    continue;
                }
                let said = [
                    &e.event_agenda_status_name,
                    &e.event_minutes_status_name,
                    &e.event_comment,
                ];
                let cancelled = said
                    .iter()
                    .any(|s| nonblank(s).is_some_and(|s| s.to_lowercase().contains("cancel")));
                meetings.push(Meeting {
                    id: e.event_id.to_string(),
                    committee,
                    date,
                    cancelled,
                });
            }
            if !full {
                break;
            }
        }
        Ok(meetings)
    }

    fn published(
        &self,
        http: &mut Http,
        site: &Site,
        meeting: &Meeting,
        known: Option<&Validators>,
    ) -> Result<Published, AdapterError> {
        let event_url = self.meeting_url(site, meeting);
        let Some((text, validators)) = get_text(http, &event_url, known)? else {
            return Ok(Published::NotModified);
        };
        let event: Event = serde_json::from_str(&text)
            .map_err(|e| malformed(&event_url, format!("not an event: {e}")))?;
        let mut items_url = endpoint(site, &format!("events/{}/eventitems", meeting.id));
        items_url
            .query_pairs_mut()
            .append_pair("AgendaNote", "1")
            .append_pair("MinutesNote", "1");
        let (text, _) = get_text(http, &items_url, None)?.unwrap_or_default();
        let items: Vec<Item> = rows(&items_url, &text)?;
        let page = nonblank(&event.event_in_site_url)
            .unwrap_or(event_url.as_str())
            .to_owned();
        let mut documents = Vec::new();
        let body: String = items.iter().filter_map(item_html).collect();
        let final_minutes = nonblank(&event.event_minutes_status_name)
            .is_some_and(|s| s.eq_ignore_ascii_case("final"));
        if !body.is_empty() {
            let date = meeting.date.format("%B %-d, %Y").to_string();
            documents.push(minutes_page(&site.council, meeting, &date, &body, page));
        }
        let files = [
            (&event.event_minutes_file, "Minutes"),
            (&event.event_agenda_file, "Agenda"),
        ];
        for (file, what) in files {
            if let Some(link) = nonblank(file).and_then(|f| event_url.join(f).ok()) {
                let title = format!("{what} {} {}", meeting.committee, meeting.date);
                documents.push(Remote::File { title, url: link });
            }
        }
        let minutes = final_minutes || nonblank(&event.event_minutes_file).is_some();
        Ok(Published::Documents {
            documents,
            validators,
            minutes,
        })
    }

    fn meeting_url(&self, site: &Site, meeting: &Meeting) -> Url {
        endpoint(site, &format!("events/{}", meeting.id))
    }
}

/// One event item as minutes: its number and title, the action taken with
/// its mover, seconder and outcome, and the minutes note.
fn item_html(item: &Item) -> Option<String> {
    let action = nonblank(&item.event_item_action_text);
    let note = nonblank(&item.event_item_minutes_note);
    let outcome = nonblank(&item.event_item_passed_flag_name);
    if action.is_none() && note.is_none() && outcome.is_none() {
        return None;
    }
    let mut html = format!(
        "<h2>{} {}</h2>\n",
        escape(nonblank(&item.event_item_agenda_number).unwrap_or("")),
        escape(nonblank(&item.event_item_title).unwrap_or(""))
    );
    if let Some(file) = nonblank(&item.event_item_matter_file) {
        html.push_str(&format!("<p>File: {}</p>\n", escape(file)));
    }
    for text in [note, action].into_iter().flatten() {
        html.push_str(&format!("<p>{}</p>\n", escape(text)));
    }
    let mut said = Vec::new();
    if let Some(name) = nonblank(&item.event_item_action_name) {
        said.push(escape(name));
    }
    if let Some(mover) = nonblank(&item.event_item_mover) {
        said.push(format!("Moved by {}", escape(mover)));
    }
    if let Some(seconder) = nonblank(&item.event_item_seconder) {
        said.push(format!("seconded by {}", escape(seconder)));
    }
    if let Some(outcome) = outcome {
        let tally = nonblank(&item.event_item_tally)
            .map(|t| format!(" ({})", escape(t)))
            .unwrap_or_default();
        said.push(format!("{}{tally}", escape(outcome)));
    }
    if !said.is_empty() {
        html.push_str(&format!("<p>{}.</p>\n", said.join(", ")));
    }
    Some(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_reads_as_minutes_with_its_vote() {
        let item: Item = serde_json::from_str(
            r#"{"EventItemAgendaNumber":"3","EventItemTitle":"AN ORDINANCE relating to <parks>","EventItemActionName":"passed","EventItemActionText":"A motion was made that this Ordinance be passed.","EventItemPassedFlagName":"Pass","EventItemMover":"Jane Doe","EventItemSeconder":"John Roe","EventItemTally":"9-0","EventItemMatterFile":"CB 120001"}"#,
        )
        .unwrap();
        let html = item_html(&item).unwrap();
        assert!(
            html.contains("<h2>3 AN ORDINANCE relating to &lt;parks&gt;</h2>"),
            "{html}"
        );
        assert!(
            html.contains("passed, Moved by Jane Doe, seconded by John Roe, Pass (9-0)."),
            "{html}"
        );
        let empty: Item = serde_json::from_str(r#"{"EventItemTitle":"Call to order"}"#).unwrap();
        assert!(item_html(&empty).is_none());
    }

    #[test]
    fn event_dates_are_read_from_the_api_form() {
        assert_eq!(
            event_date("2024-01-09T00:00:00"),
            NaiveDate::from_ymd_opt(2024, 1, 9)
        );
        assert_eq!(event_date("09/01/2024"), None);
    }
}
