//! The one way `fetch` talks to the network: a blocking client that asks
//! robots.txt first, keeps one request at a time and an interval per host,
//! honours `Retry-After`, backs off on 429 and 5xx, sends conditional
//! requests, follows a few http(s) redirects itself (each hop is asked of
//! robots.txt and paced too) and reads no more than the size limit.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant, SystemTime};

use serde::{Deserialize, Serialize};
use texting_robots::Robot;
use url::Url;

use super::sites::Policy;

/// The most redirects followed for one request.
pub const MAX_REDIRECTS: usize = 5;

/// What a server said the next request may quote to get a 304.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A successful answer.
#[derive(Debug)]
pub enum Got {
    Body {
        bytes: Vec<u8>,
        content_type: Option<String>,
        validators: Validators,
    },
    /// 304: what was fetched before is still current.
    NotModified,
}

/// Why a request did not succeed; `reason` is stable for the summary.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("{url}: robots.txt does not allow it")]
    Robots { url: String },
    #[error("{url}: the server answered {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: larger than the limit of {limit} bytes (max_bytes under [fetch])")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: no answer within {seconds} s (timeout_seconds under [fetch])")]
    Timeout { url: String, seconds: u64 },
    #[error("{url}: {message}")]
    Redirect { url: String, message: String },
    #[error(
        "{url}: asked to wait {seconds} s before retrying, longer than max_retry_after_seconds"
    )]
    RateLimited { url: String, seconds: u64 },
    #[error("{url}: {message}")]
    Network { url: String, message: String },
}

impl HttpError {
    pub fn reason(&self) -> &'static str {
        match self {
            HttpError::Robots { .. } => "robots",
            HttpError::Status { .. } => "status",
            HttpError::TooLarge { .. } => "too-large",
            HttpError::Timeout { .. } => "timeout",
            HttpError::Redirect { .. } => "redirect",
            HttpError::RateLimited { .. } => "rate-limited",
            HttpError::Network { .. } => "network",
        }
    }
}

/// What a host's robots.txt allows.
enum Rules {
    /// No robots.txt (a 4xx answer): everything.
    All,
    /// robots.txt answered 5xx: nothing, as RFC 9309 asks.
    Nothing,
    /// The host did not answer at all: every request to it fails so.
    Unreachable(String),
    Robot(Box<Robot>),
}

#[derive(Default)]
struct Host {
    last: Option<Instant>,
    rules: Option<Rules>,
    /// `Crawl-delay`, when longer than the interval.
    delay: Option<Duration>,
}

/// The polite client: one per run, used from one thread, so requests to a
/// host never overlap.
pub struct Http {
    agent: ureq::Agent,
    policy: Policy,
    hosts: HashMap<String, Host>,
    /// Requests sent (robots.txt and retries included).
    pub requests: u64,
}

/// The product token robots.txt rules are matched against
/// (`User-agent: minutes`), the first word of the User-Agent.
pub const ROBOTS_AGENT: &str = "minutes";

/// The longest `Crawl-delay` obeyed; a longer one is cut to this.
const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

impl Http {
    pub fn new(policy: &Policy) -> Http {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(policy.timeout))
            .user_agent(policy.user_agent().as_str())
            .build()
            .new_agent();
        Http {
            agent,
            policy: policy.clone(),
            hosts: HashMap::new(),
            requests: 0,
        }
    }

    /// GET `url`: `Got::NotModified` when `known` validators still hold.
    pub fn get(&mut self, url: &Url, known: Option<&Validators>) -> Result<Got, HttpError> {
        let mut url = url.clone();
        let mut seen = HashSet::new();
        loop {
            if !seen.insert(url.to_string()) {
                return Err(HttpError::Redirect {
                    url: url.to_string(),
                    message: "redirects loop back to an address already asked".to_owned(),
                });
            }
            if seen.len() > MAX_REDIRECTS + 1 {
                return Err(HttpError::Redirect {
                    url: url.to_string(),
                    message: format!("more than {MAX_REDIRECTS} redirects"),
                });
            }
            self.check_robots(&url)?;
            match self.get_once(&url, known)? {
                Answer::Redirect(next) => url = next,
                Answer::Done(got) => return Ok(got),
            }
        }
    }

    /// One address, with retries for 429 and 5xx.
    fn get_once(&mut self, url: &Url, known: Option<&Validators>) -> Result<Answer, HttpError> {
        let mut attempt = 0;
        loop {
            let mut response = self.send(url, known)?;
            let status = response.status().as_u16();
            if (status == 429 || (500..600).contains(&status)) && attempt < self.policy.retries {
                let wait = retry_after(&response)
                    .unwrap_or_else(|| self.policy.interval * 2u32.saturating_pow(attempt + 1));
                if wait > self.policy.max_retry_after {
                    return Err(HttpError::RateLimited {
                        url: url.to_string(),
                        seconds: wait.as_secs(),
                    });
                }
                self.host(url).last = Some(Instant::now() + wait);
                attempt += 1;
                continue;
            }
            return match status {
                304 => Ok(Answer::Done(Got::NotModified)),
                301 | 302 | 303 | 307 | 308 => {
                    Ok(Answer::Redirect(redirect_target(url, &response)?))
                }
                200..=299 => self.read(url, &mut response).map(Answer::Done),
                _ => Err(HttpError::Status {
                    url: url.to_string(),
                    status,
                }),
            };
        }
    }

    fn send(
        &mut self,
        url: &Url,
        known: Option<&Validators>,
    ) -> Result<ureq::http::Response<ureq::Body>, HttpError> {
        self.pace(url);
        let mut request = self.agent.get(url.as_str());
        if let Some(v) = known {
            if let Some(etag) = &v.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(date) = &v.last_modified {
                request = request.header("If-Modified-Since", date);
            }
        }
        self.requests += 1;
        let sent = request.call();
        self.host(url).last = Some(Instant::now());
        sent.map_err(|e| self.error(url, e))
    }

    fn read(
        &self,
        url: &Url,
        response: &mut ureq::http::Response<ureq::Body>,
    ) -> Result<Got, HttpError> {
        let limit = self.policy.max_bytes;
        let too_large = || HttpError::TooLarge {
            url: url.to_string(),
            limit,
        };
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        if header("content-length").and_then(|n| n.trim().parse::<u64>().ok()) > Some(limit) {
            return Err(too_large());
        }
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let content_type = header("content-type");
        let bytes = response
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => too_large(),
                other => self.error(url, other),
            })?;
        Ok(Got::Body {
            bytes,
            content_type,
            validators,
        })
    }

    fn error(&self, url: &Url, e: ureq::Error) -> HttpError {
        let url = url.to_string();
        match e {
            ureq::Error::Timeout(_) => HttpError::Timeout {
                url,
                seconds: self.policy.timeout.as_secs().max(1),
            },
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                HttpError::Timeout {
                    url,
                    seconds: self.policy.timeout.as_secs().max(1),
                }
            }
            other => HttpError::Network {
                url,
                message: other.to_string(),
            },
        }
    }

    fn host(&mut self, url: &Url) -> &mut Host {
        self.hosts.entry(host_key(url)).or_default()
    }

    /// Wait until the host's interval (or crawl delay) has passed since
    /// its last request.
    fn pace(&mut self, url: &Url) {
        let interval = self.policy.interval;
        let host = self.host(url);
        let gap = host.delay.map_or(interval, |d| d.max(interval));
        if let Some(last) = host.last {
            let due = last + gap;
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
        }
    }

    fn check_robots(&mut self, url: &Url) -> Result<(), HttpError> {
        if self.host(url).rules.is_none() {
            let rules = self.fetch_robots(url);
            let host = self.host(url);
            if let Rules::Robot(robot) = &rules {
                host.delay = robot
                    .delay
                    .and_then(|d| Duration::try_from_secs_f32(d).ok())
                    .map(|d| d.min(MAX_CRAWL_DELAY));
            }
            host.rules = Some(rules);
        }
        let allowed = match &self.host(url).rules {
            Some(Rules::All) => true,
            Some(Rules::Robot(robot)) => robot.allowed(url.as_str()),
            Some(Rules::Unreachable(message)) => {
                return Err(HttpError::Network {
                    url: url.to_string(),
                    message: message.clone(),
                });
            }
            Some(Rules::Nothing) | None => false,
        };
        if allowed {
            Ok(())
        } else {
            Err(HttpError::Robots {
                url: url.to_string(),
            })
        }
    }

    fn fetch_robots(&mut self, url: &Url) -> Rules {
        let mut robots = url.clone();
        robots.set_path("/robots.txt");
        robots.set_query(None);
        robots.set_fragment(None);
        let mut response = match self.send(&robots, None) {
            Ok(response) => response,
            Err(e) => return Rules::Unreachable(format!("the host does not answer ({e})")),
        };
        match response.status().as_u16() {
            200..=299 => {
                let Ok(Got::Body { bytes, .. }) = self.read(&robots, &mut response) else {
                    return Rules::Nothing;
                };
                match Robot::new(ROBOTS_AGENT, &bytes) {
                    Ok(robot) => Rules::Robot(Box::new(robot)),
                    Err(_) => Rules::All,
                }
            }
            400..=499 => Rules::All,
            _ => Rules::Nothing,
        }
    }
}

enum Answer {
    Redirect(Url),
    Done(Got),
}

fn host_key(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn redirect_target(
    from: &Url,
    response: &ureq::http::Response<ureq::Body>,
) -> Result<Url, HttpError> {
    let bad = |message: String| HttpError::Redirect {
        url: from.to_string(),
        message,
    };
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| bad("a redirect without a Location".to_owned()))?;
    let next = from.join(location).map_err(|e| {
        bad(format!(
            "a redirect to '{location}', which is no address: {e}"
        ))
    })?;
    if !matches!(next.scheme(), "http" | "https") {
        return Err(bad(format!(
            "a redirect to '{next}', which is not http or https"
        )));
    }
    Ok(next)
}

/// `Retry-After` as seconds or an HTTP date.
fn retry_after(response: &ureq::http::Response<ureq::Body>) -> Option<Duration> {
    let value = response.headers().get("retry-after")?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or_default())
}
