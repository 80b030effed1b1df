//! The `[fetch]` table and `[[site]]` entries of the config file: which
//! publishing systems to fetch from, and how politely.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use serde::Deserialize;

use super::FetchError;

/// The least time between two requests to one host; the config may only
/// make it longer.
pub const MIN_INTERVAL: Duration = Duration::from_secs(1);

/// How politely to fetch, from `[fetch]`.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Put in the User-Agent, so a site's administrator can reach the user.
    pub contact: String,
    /// Least time between requests to one host (at least [`MIN_INTERVAL`];
    /// a robots.txt `Crawl-delay` may make it longer).
    pub interval: Duration,
    /// The most one request may take, answer included.
    pub timeout: Duration,
    /// The largest answer read; a larger document is not stored.
    pub max_bytes: u64,
    /// Tries after the first for a 429 or 5xx answer.
    pub retries: u32,
    /// The longest `Retry-After` waited for; a longer one fails the request.
    pub max_retry_after: Duration,
    /// A rerun lists meetings again from this long before its last
    /// finished run, as minutes are published after the meeting.
    pub window: chrono::Duration,
}

impl Policy {
    /// The User-Agent every request carries.
    pub fn user_agent(&self) -> String {
        format!(
            "minutes/{} (council minutes archive; contact: {})",
            env!("CARGO_PKG_VERSION"),
            self.contact
        )
    }
}

/// A publishing system the adapters know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// Civica ModernGov, through its `mgWebService.asmx`.
    Moderngov,
    /// Granicus Legistar, through its Web API.
    Legistar,
}

impl Platform {
    pub fn name(self) -> &'static str {
        match self {
            Platform::Moderngov => "moderngov",
            Platform::Legistar => "legistar",
        }
    }
}

/// One `[[site]]`: a council's publishing system.
#[derive(Debug, Clone)]
pub struct Site {
    /// What `minutes fetch SITE` names it by: `name`, else the council's
    /// folder name.
    pub name: String,
    pub platform: Platform,
    /// The system's address: the ModernGov site root, or the Legistar Web
    /// API's client URL (`https://webapi.legistar.com/v1/CLIENT`).
    pub base: url::Url,
    /// The council's canonical name, written into every sidecar.
    pub council: String,
    /// Committees to fetch (all when empty), by name in any case.
    pub committees: Vec<String>,
    /// Committees never to fetch.
    pub exclude: Vec<String>,
    /// The first meeting date fetched.
    pub since: NaiveDate,
    /// Every linked document, not only those whose titles name minutes,
    /// an agenda or decisions.
    pub all_documents: bool,
}

impl Site {
    /// Whether a committee of this name is fetched.
    pub fn wants(&self, committee: &str) -> bool {
        let named = |list: &[String]| {
            list.iter()
                .any(|c| c.eq_ignore_ascii_case(committee.trim()))
        };
        (self.committees.is_empty() || named(&self.committees)) && !named(&self.exclude)
    }
}

/// What `minutes fetch` reads from the config file.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub path: PathBuf,
    pub policy: Policy,
    pub sites: Vec<Site>,
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    fetch: Option<PolicyTable>,
    #[serde(default)]
    site: Vec<SiteTable>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyTable {
    contact: Option<String>,
    interval_seconds: Option<f64>,
    timeout_seconds: Option<f64>,
    max_bytes: Option<u64>,
    retries: Option<u32>,
    max_retry_after_seconds: Option<u64>,
    window_weeks: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteTable {
    name: Option<String>,
    kind: Platform,
    base: String,
    council: String,
    #[serde(default)]
    committees: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    since: Option<String>,
    #[serde(default)]
    documents: Documents,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Documents {
    /// Linked documents whose titles name minutes, an agenda or decisions.
    #[default]
    Records,
    All,
}

/// The example printed when the config has no sites or no contact.
pub const EXAMPLE: &str = "[fetch]\ncontact = \"you@example.org\"\n\n[[site]]\nkind = \"moderngov\"\nbase = \"https://democracy.example.gov.uk\"\ncouncil = \"Example City Council\"\nsince = \"2025-01-01\"";

impl FetchConfig {
    /// Read `path`; `today` is the default end of the first year fetched.
    pub fn read(path: &Path, today: NaiveDate) -> Result<FetchConfig, FetchError> {
        let text = std::fs::read_to_string(path).map_err(|e| FetchError::Config {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Self::parse(path, &text, today)
    }

    fn parse(path: &Path, text: &str, today: NaiveDate) -> Result<FetchConfig, FetchError> {
        let bad = |message: String| FetchError::Config {
            path: path.to_path_buf(),
            message,
        };
        let file: File = toml::from_str(text).map_err(|e| bad(e.to_string()))?;
        if file.site.is_empty() {
            return Err(bad(format!(
                "it has no [[site]] to fetch from; add one, for example:\n\n{EXAMPLE}"
            )));
        }
        let table = file.fetch.unwrap_or(PolicyTable {
            contact: None,
            interval_seconds: None,
            timeout_seconds: None,
            max_bytes: None,
            retries: None,
            max_retry_after_seconds: None,
            window_weeks: None,
        });
        let policy = policy(table).map_err(bad)?;
        let mut sites = Vec::new();
        for table in file.site {
            let site = site(table, today).map_err(&bad)?;
            if sites.iter().any(|s: &Site| s.name == site.name) {
                return Err(bad(format!(
                    "two sites are named '{}'; give one a different `name`",
                    site.name
                )));
            }
            sites.push(site);
        }
        Ok(FetchConfig {
            path: path.to_path_buf(),
            policy,
            sites,
        })
    }
}

fn seconds(value: f64, what: &str) -> Result<Duration, String> {
    Duration::try_from_secs_f64(value)
        .map_err(|_| format!("{what} must be a number of seconds, not {value}"))
}

fn policy(table: PolicyTable) -> Result<Policy, String> {
    let contact = table
        .contact
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty() && !c.chars().any(char::is_control))
        .ok_or_else(|| {
            format!("[fetch] needs a `contact` (an email or web address) for the User-Agent, so a site's administrator can reach you; for example:\n\n{EXAMPLE}")
        })?;
    let interval = seconds(table.interval_seconds.unwrap_or(1.0), "interval_seconds")?;
    if interval < MIN_INTERVAL {
        return Err(format!(
            "interval_seconds = {} is below the floor of {} s between requests to one host",
            interval.as_secs_f64(),
            MIN_INTERVAL.as_secs()
        ));
    }
    let timeout = seconds(table.timeout_seconds.unwrap_or(60.0), "timeout_seconds")?;
    if timeout.is_zero() {
        return Err("timeout_seconds must be more than 0".to_owned());
    }
    Ok(Policy {
        contact,
        interval,
        timeout,
        max_bytes: table.max_bytes.unwrap_or(50_000_000),
        retries: table.retries.unwrap_or(3).min(10),
        max_retry_after: Duration::from_secs(table.max_retry_after_seconds.unwrap_or(300)),
        window: chrono::Duration::weeks(i64::from(table.window_weeks.unwrap_or(8))),
    })
}

fn site(table: SiteTable, today: NaiveDate) -> Result<Site, String> {
    let base = url::Url::parse(table.base.trim())
        .map_err(|e| format!("site base '{}' is not a URL: {e}", table.base))?;
    if !matches!(base.scheme(), "http" | "https") {
        return Err(format!("site base '{base}' must be an http or https URL"));
    }
    let council = table.council.trim().to_owned();
    if council.is_empty() {
        return Err(format!("the site at {base} needs its council's name"));
    }
    let name = table.name.unwrap_or_else(|| super::archive::slug(&council));
    let since = match table.since {
        Some(s) => {
            crate::date::parse_user_date(&s).map_err(|e| format!("site '{name}': since: {e}"))?
        }
        None => today - chrono::Duration::days(365),
    };
    Ok(Site {
        name,
        platform: table.kind,
        base,
        council,
        committees: table.committees,
        exclude: table.exclude,
        since,
        all_documents: table.documents == Documents::All,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    fn parse(text: &str) -> Result<FetchConfig, FetchError> {
        FetchConfig::parse(Path::new("minutes.toml"), text, today())
    }

    const SITE: &str = "[[site]]\nkind = \"moderngov\"\nbase = \"https://democracy.example.gov.uk\"\ncouncil = \"Example City Council\"\n";

    #[test]
    fn a_site_with_its_defaults() {
        let config = parse(&format!("[fetch]\ncontact = \"me@example.org\"\n{SITE}")).unwrap();
        let site = &config.sites[0];
        assert_eq!(site.name, "example-city-council");
        assert_eq!(site.platform, Platform::Moderngov);
        assert_eq!(site.since, NaiveDate::from_ymd_opt(2025, 12, 2).unwrap());
        assert_eq!(config.policy.interval, Duration::from_secs(1));
        assert_eq!(config.policy.timeout, Duration::from_secs(60));
        assert!(
            config
                .policy
                .user_agent()
                .contains("contact: me@example.org")
        );
        assert!(site.wants("Audit Committee"));
    }

    #[test]
    fn politeness_cannot_go_below_its_floor_and_needs_a_contact() {
        let err = parse(SITE).unwrap_err().to_string();
        assert!(err.contains("needs a `contact`"), "{err}");
        let err = parse(&format!(
            "[fetch]\ncontact = \"me\"\ninterval_seconds = 0.2\n{SITE}"
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("below the floor"), "{err}");
        let err = parse("[fetch]\ncontact = \"me\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("no [[site]]"), "{err}");
    }

    #[test]
    fn committees_are_chosen_by_name_in_any_case() {
        let text = format!(
            "[fetch]\ncontact = \"me\"\n{SITE}committees = [\"Audit Committee\", \"Cabinet\"]\nexclude = [\"cabinet\"]\n"
        );
        let site = &parse(&text).unwrap().sites[0];
        assert!(site.wants("audit committee"));
        assert!(!site.wants("Cabinet"));
        assert!(!site.wants("Licensing"));
    }

    #[test]
    fn a_base_that_is_no_web_address_is_refused() {
        let text = "[fetch]\ncontact = \"me\"\n[[site]]\nkind = \"legistar\"\nbase = \"file:///etc\"\ncouncil = \"C\"\n";
        assert!(
            parse(text)
                .unwrap_err()
                .to_string()
                .contains("http or https")
        );
    }
}
