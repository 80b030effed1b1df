//! ModernGov (Civica) through its public web service, `mgWebService.asmx`:
//! `GetCommittees`, `GetMeetings` for a committee and a date range, and
//! `GetMeeting` for one meeting's items, their minutes as HTML and their
//! linked documents.

use chrono::NaiveDate;
use roxmltree::{Document, Node};
use url::Url;

use super::adapter::{
    Adapter, AdapterError, Meeting, Published, Remote, escape, get_text, minutes_page,
    names_a_record,
};
use super::http::{Http, Validators};
use super::sites::Site;

pub struct ModernGov;

const PLATFORM: &str = "ModernGov";

fn service(site: &Site, call: &str, query: &[(&str, String)]) -> Url {
    let mut base = site.base.clone();
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    let mut url = base
        .join(&format!("mgWebService.asmx/{call}"))
        .unwrap_or_else(|_| site.base.clone());
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    url
}

fn malformed(url: &Url, message: impl Into<String>) -> AdapterError {
    AdapterError::Malformed {
        url: url.to_string(),
        platform: PLATFORM,
        message: message.into(),
    }
}

fn parse<'a>(url: &Url, text: &'a str) -> Result<Document<'a>, AdapterError> {
    Document::parse(text).map_err(|e| malformed(url, format!("not XML: {e}")))
}

/// The trimmed text of the first child element called `name`.
fn child(node: Node, name: &str) -> Option<String> {
    node.children()
        .find(|c| c.has_tag_name(name))
        .and_then(|c| c.text())
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

fn uk_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%d/%m/%Y").ok()
}

fn dd_mm_yyyy(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

impl Adapter for ModernGov {
    fn meetings(
        &self,
        http: &mut Http,
        site: &Site,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Meeting>, AdapterError> {
        let url = service(site, "GetCommittees", &[]);
        let (text, _) = get_text(http, &url, None)?.unwrap_or_default();
        let doc = parse(&url, &text)?;
        let committees: Vec<(String, String)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("committee"))
            .filter_map(|n| Some((child(n, "committeeid")?, child(n, "committeetitle")?)))
            .filter(|(_, title)| site.wants(title))
            .collect();
        if committees.is_empty() && !doc.descendants().any(|n| n.has_tag_name("committee")) {
            return Err(malformed(&url, "no <committee> with an id and a title"));
        }
        let mut meetings = Vec::new();
        for (id, title) in committees {
            let url = service(
                site,
                "GetMeetings",
                &[
                    ("lCommitteeId", id),
                    ("sFromDate", dd_mm_yyyy(from)),
                    ("sToDate", dd_mm_yyyy(to)),
                ],
            );
            let (text, _) = get_text(http, &url, None)?.unwrap_or_default();
            let doc = parse(&url, &text)?;
            for m in doc.descendants().filter(|n| n.has_tag_name("meeting")) {
                let (Some(id), Some(date)) = (
                    child(m, "meetingid"),
                    child(m, "meetingdate").as_deref().and_then(uk_date),
                ) else {
                    return Err(malformed(
                        &url,
                        "a <meeting> without its id or a dd/mm/yyyy date",
                    ));
                };
                if date < from || date > to {
                    continue;
                }
                let status = child(m, "meetingstatus").unwrap_or_default();
                meetings.push(Meeting {
                    id,
                    committee: title.clone(),
                    date,
                    cancelled: status.to_lowercase().contains("cancel"),
                });
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
        let url = self.meeting_url(site, meeting);
        let Some((text, validators)) = get_text(http, &url, known)? else {
            return Ok(Published::NotModified);
        };
        let doc = parse(&url, &text)?;
        let root = doc.root_element();
        if !root.has_tag_name("meeting") {
            return Err(malformed(
                &url,
                format!("the answer is <{}>, not <meeting>", root.tag_name().name()),
            ));
        }
        let page = web_page(site, meeting);
        let mut documents = Vec::new();
        let mut body = String::new();
        for item in root.descendants().filter(|n| n.has_tag_name("agendaitem")) {
            let Some(minutes) = child(item, "minutesnonemptyhtmlbody") else {
                continue;
            };
            let number = child(item, "fulldisplaynumberformat").unwrap_or_default();
            let title = child(item, "agendaitemtitle").unwrap_or_default();
            body.push_str(&format!(
                "<h2>{} {}</h2>\n{minutes}\n",
                escape(&number),
                escape(&title)
            ));
        }
        let mut minutes = !body.is_empty();
        if minutes {
            let date = meeting.date.format("%-d %B %Y").to_string();
            documents.push(minutes_page(
                &site.council,
                meeting,
                &date,
                &body,
                page.to_string(),
            ));
        }
        for linked in root.descendants().filter(|n| n.has_tag_name("linkeddoc")) {
            let (Some(title), Some(href)) = (child(linked, "title"), child(linked, "url")) else {
                continue;
            };
            let restricted =
                child(linked, "isrestricted").is_some_and(|r| r.eq_ignore_ascii_case("true"));
            if restricted || !(site.all_documents || names_a_record(&title)) {
                continue;
            }
            let Ok(link) = url.join(&href) else {
                continue;
            };
            minutes |= title.to_lowercase().contains("minute");
            if !documents
                .iter()
                .any(|d| matches!(d, Remote::File { url, .. } if *url == link))
            {
                documents.push(Remote::File { title, url: link });
            }
        }
        Ok(Published::Documents {
            documents,
            validators,
            minutes,
        })
    }

    fn meeting_url(&self, site: &Site, meeting: &Meeting) -> Url {
        service(site, "GetMeeting", &[("lMeetingId", meeting.id.clone())])
    }
}

/// The meeting's page for readers.
fn web_page(site: &Site, meeting: &Meeting) -> Url {
    let mut page = service(site, "GetMeeting", &[]);
    page.set_path(
        &page
            .path()
            .replace("mgWebService.asmx/GetMeeting", "ieListDocuments.aspx"),
    );
    page.set_query(Some(&format!("MId={}", meeting.id)));
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(base: &str) -> Site {
        Site {
            name: "m".into(),
            platform: super::super::sites::Platform::Moderngov,
            base: Url::parse(base).unwrap(),
            council: "Manchester City Council".into(),
            committees: vec![],
            exclude: vec![],
            since: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            all_documents: false,
        }
    }

    #[test]
    fn service_addresses_keep_the_sites_folder() {
        let m = Meeting {
            id: "4967".into(),
            committee: "Audit".into(),
            date: NaiveDate::from_ymd_opt(2026, 2, 10).unwrap(),
            cancelled: false,
        };
        let s = site("https://example.gov.uk/democracy");
        assert_eq!(
            ModernGov.meeting_url(&s, &m).as_str(),
            "https://example.gov.uk/democracy/mgWebService.asmx/GetMeeting?lMeetingId=4967"
        );
        assert_eq!(
            web_page(&s, &m).as_str(),
            "https://example.gov.uk/democracy/ieListDocuments.aspx?MId=4967"
        );
        let url = service(
            &site("https://example.gov.uk/"),
            "GetMeetings",
            &[("sFromDate", dd_mm_yyyy(m.date))],
        );
        assert_eq!(
            url.as_str(),
            "https://example.gov.uk/mgWebService.asmx/GetMeetings?sFromDate=10%2F02%2F2026"
        );
    }
}
