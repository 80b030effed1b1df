//! A page's state as it is in its URL: every filter, the sort and the page
//! are query parameters, so every view is a permalink. The same parameters
//! drive the HTML pages and the JSON API.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::WebError;
use crate::date::parse_user_date;
use crate::model::{Kind, Outcome};
use crate::query::{self, Filters};
use crate::search::{Dim, MAX_WINDOW, SearchRequest, Sort};

/// Hits on a page of the web search.
pub const PAGE_SIZE: usize = 10;
/// The most hits one API call returns.
pub const MAX_LIMIT: usize = 100;
/// The longest query string read (a query's own limit is lower).
pub const MAX_QUERY_STRING: usize = 16 * 1024;

/// The query string of a search, resolutions or trends page.
#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Params {
    /// The words, as the command line takes them.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub q: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub council: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub committee: String,
    /// First meeting date, YYYY-MM-DD or DD/MM/YYYY.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub from: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub to: String,
    /// document, item or resolution.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub topic: String,
    /// carried, lost, deferred, referred, withdrawn or adopted.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub outcome: String,
    /// relevance (default), newest, oldest or indexed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sort: String,
    /// The page, from 1.
    #[serde(skip_serializing_if = "is_zero")]
    pub page: usize,
    /// Hits per page (API; the web pages show ten).
    #[serde(skip_serializing_if = "is_zero")]
    pub limit: usize,
    /// Show copies instead of folding them into one hit.
    #[serde(skip_serializing_if = "is_false")]
    pub all: bool,
    /// API: count the matches per council, committee, year, kind, topic.
    #[serde(skip_serializing_if = "is_false")]
    pub facets: bool,
    /// trends: council (default), committee or kind.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// trends: year (default) or month.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub per: String,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Params {
    /// The parameters of a request's query string; one that cannot be read
    /// (a page that is not a number) is a message saying which.
    pub fn parse(raw: Option<&str>) -> Result<Params, WebError> {
        read(raw)
    }

    /// The library's filters, or a message naming the parameter that is wrong.
    pub fn filters(&self) -> Result<Filters, WebError> {
        Ok(Filters {
            council: non_empty(&self.council),
            committee: non_empty(&self.committee),
            from: date(&self.from, "from")?,
            to: date(&self.to, "to")?,
            kind: choice(
                &self.kind,
                "kind",
                Kind::parse,
                "document, item or resolution",
            )?,
            outcome: choice(
                &self.outcome,
                "outcome",
                |s| Outcome::ALL.into_iter().find(|o| o.as_str() == s),
                "carried, lost, deferred, referred, withdrawn or adopted",
            )?,
            topic: non_empty(&self.topic).map(|t| query::topic_path(&t)),
            ..Filters::default()
        })
    }

    pub fn sort(&self) -> Result<Sort, WebError> {
        match self.sort.as_str() {
            "" | "relevance" => Ok(Sort::Relevance),
            "newest" => Ok(Sort::DateDesc),
            "oldest" => Ok(Sort::Date),
            "indexed" => Ok(Sort::Indexed),
            other => Err(WebError::bad(format!(
                "sort={other} is not an order; use relevance, newest, oldest or indexed"
            ))),
        }
    }

    /// The page number, from 1.
    pub fn page(&self) -> usize {
        self.page.max(1)
    }

    /// The search this page shows, `per_page` hits at a time.
    pub fn request(&self, per_page: usize) -> Result<SearchRequest, WebError> {
        let limit = per_page.clamp(1, MAX_LIMIT);
        let offset = (self.page() - 1).saturating_mul(limit);
        if offset.saturating_add(limit) > MAX_WINDOW {
            return Err(WebError::bad(format!(
                "page {} is past the last of the {MAX_WINDOW} results a search pages through; narrow the search (a council, a committee, dates, more words)",
                self.page()
            )));
        }
        Ok(SearchRequest {
            query: self.q.clone(),
            filters: self.filters()?,
            sort: self.sort()?,
            limit,
            offset,
            all: self.all,
            ..SearchRequest::default()
        })
    }

    /// What a trend counts by and per, with their names as the wire
    /// types spell them.
    pub fn trend_dims(&self) -> Result<([Dim; 2], [&'static str; 2]), WebError> {
        let (by, by_name) = match self.by.as_str() {
            "" | "council" => (Dim::Council, "council"),
            "committee" => (Dim::Committee, "committee"),
            "kind" => (Dim::Kind, "kind"),
            other => {
                return Err(WebError::bad(format!(
                    "by={other} cannot be counted by; use council, committee or kind"
                )));
            }
        };
        let (per, per_name) = match self.per.as_str() {
            "" | "year" => (Dim::Year, "year"),
            "month" => (Dim::Month, "month"),
            other => {
                return Err(WebError::bad(format!(
                    "per={other} is not a period; use year or month"
                )));
            }
        };
        Ok(([by, per], [by_name, per_name]))
    }

    /// The query string of these parameters (without the leading `?`).
    pub fn query_string(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }

    /// These parameters with `change` applied, back on page 1.
    pub fn with(&self, change: impl FnOnce(&mut Params)) -> Params {
        let mut next = self.clone();
        next.page = 0;
        change(&mut next);
        next
    }

    /// Each filter's parameter name and value, set or not.
    pub fn filter_values(&self) -> [(&'static str, &str); 7] {
        [
            ("council", &self.council),
            ("committee", &self.committee),
            ("from", &self.from),
            ("to", &self.to),
            ("kind", &self.kind),
            ("topic", &self.topic),
            ("outcome", &self.outcome),
        ]
    }

    /// Whether any filter is set (facets and the no-hits advice differ).
    pub fn filtered(&self) -> bool {
        self.filter_values().iter().any(|(_, v)| !v.is_empty())
    }
}

/// Any page's parameters from its query string, at most
/// [`MAX_QUERY_STRING`] long; one that cannot be read is a message saying
/// which.
pub fn read<T: serde::de::DeserializeOwned>(raw: Option<&str>) -> Result<T, WebError> {
    let raw = raw.unwrap_or_default();
    if raw.len() > MAX_QUERY_STRING {
        return Err(WebError::bad(format!(
            "the address is {} bytes long; at most {MAX_QUERY_STRING} are read: search for fewer words",
            raw.len()
        )));
    }
    serde_urlencoded::from_str(raw)
        .map_err(|e| WebError::bad(format!("cannot read the address's parameters: {e}")))
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

fn date(value: &str, name: &str) -> Result<Option<NaiveDate>, WebError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    parse_user_date(value).map(Some).map_err(|e| {
        WebError::bad(format!(
            "{name}={value} is not a date ({e}); use YYYY-MM-DD or DD/MM/YYYY, e.g. 2017-07-13"
        ))
    })
}

fn choice<T>(
    value: &str,
    name: &str,
    parse: impl Fn(&str) -> Option<T>,
    allowed: &str,
) -> Result<Option<T>, WebError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    parse(&value.to_lowercase())
        .map(Some)
        .ok_or_else(|| WebError::bad(format!("{name}={value} is not one of {allowed}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Params {
        serde_urlencoded::from_str(query).unwrap()
    }

    #[test]
    fn a_query_string_round_trips_and_leaves_out_what_is_empty() {
        let p = parse("q=care+leavers&council=Kent&from=2017-01-01&page=2&all=true");
        assert_eq!(p.q, "care leavers");
        assert_eq!(
            p.query_string(),
            "q=care+leavers&council=Kent&from=2017-01-01&page=2&all=true"
        );
        assert_eq!(parse(&p.query_string()), p);
        assert_eq!(Params::default().query_string(), "");
    }

    #[test]
    fn filters_and_paging_become_the_librarys_request() {
        let p = parse("q=x&kind=Resolution&outcome=carried&from=13/07/2017&sort=newest&page=3");
        let r = p.request(PAGE_SIZE).unwrap();
        assert_eq!(r.filters.kind, Some(Kind::Resolution));
        assert_eq!(r.filters.outcome, Some(Outcome::Carried));
        assert_eq!(r.filters.from, NaiveDate::from_ymd_opt(2017, 7, 13));
        assert_eq!(r.sort, Sort::DateDesc);
        assert_eq!((r.offset, r.limit), (20, 10));
        assert!(p.filtered());
    }

    #[test]
    fn a_wrong_value_names_its_parameter_and_what_it_may_be() {
        for (query, says) in [
            ("kind=memo", "kind=memo is not one of document"),
            ("from=31/02/2017", "from=31/02/2017 is not a date"),
            ("sort=best", "sort=best is not an order"),
            ("page=5000", "page 5000 is past the last"),
        ] {
            let err = parse(query).request(PAGE_SIZE).unwrap_err();
            assert!(err.message.contains(says), "{query}: {}", err.message);
        }
    }

    #[test]
    fn a_change_goes_back_to_the_first_page() {
        let p = parse("q=x&page=4");
        let next = p.with(|n| n.council = "Kent".into());
        assert_eq!(next.query_string(), "q=x&council=Kent");
    }
}
