//! One fetch run: for each site, what to list, what to ask, what to store.

use std::collections::HashSet;
use std::time::Instant;

use chrono::NaiveDate;

use super::adapter::{AdapterError, Meeting, Published, Remote};
use super::archive::{Archive, FETCH_DIR, Sidecar, extension, file_stem};
use super::http::{Got, Http, Validators};
use super::sites::Site;
use super::state::{Fact, Known, State, Time};
use super::summary::{Failure, FetchSummary, SiteSummary};
use super::{FetchError, FetchOptions, adapter};
use crate::pipeline::Progress;

/// Fetch every site of the options (or those named), and say what
/// happened. A site, meeting or document that fails is in the summary and
/// warned of; only the state or the corpus failing stops the run.
pub fn fetch(options: &FetchOptions, progress: &dyn Progress) -> Result<FetchSummary, FetchError> {
    let started = Instant::now();
    let sites = chosen(options)?;
    let archive = Archive::open(&options.corpus).map_err(|source| FetchError::Write {
        path: format!("{}/{FETCH_DIR}", options.corpus.display()),
        source,
    })?;
    let mut state = State::open(&options.corpus.join(FETCH_DIR))?;
    if state.unreadable > 0 {
        progress.warn(&format!(
            "{} line(s) of the fetch state could not be read (an interrupted write) and are ignored",
            state.unreadable
        ));
    }
    let mut http = Http::new(&options.config.policy);
    let mut summaries = Vec::new();
    for site in sites {
        let mut run = SiteRun {
            site,
            http: &mut http,
            state: &mut state,
            archive: &archive,
            progress,
            window: options.config.policy.window,
            seen: HashSet::new(),
            summary: SiteSummary {
                site: site.name.clone(),
                platform: site.platform.name(),
                ..SiteSummary::default()
            },
        };
        run.run()?;
        summaries.push(run.summary);
    }
    state.compact()?;
    progress.finish();
    Ok(FetchSummary::new(
        summaries,
        http.requests,
        started.elapsed().as_secs_f64(),
    ))
}

fn chosen(options: &FetchOptions) -> Result<Vec<&Site>, FetchError> {
    let sites = &options.config.sites;
    if options.only.is_empty() {
        return Ok(sites.iter().collect());
    }
    options
        .only
        .iter()
        .map(|name| {
            sites.iter().find(|s| s.name == *name).ok_or_else(|| {
                let names: Vec<&str> = sites.iter().map(|s| s.name.as_str()).collect();
                FetchError::UnknownSite(name.clone(), names.join(", "))
            })
        })
        .collect()
}

/// Now, in seconds since the Unix epoch.
pub fn now() -> Time {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The UTC date of a time.
pub fn date_of(time: Time) -> NaiveDate {
    chrono::DateTime::from_timestamp(time, 0).map_or(NaiveDate::MIN, |t| t.date_naive())
}

struct SiteRun<'a> {
    site: &'a Site,
    http: &'a mut Http,
    state: &'a mut State,
    archive: &'a Archive,
    progress: &'a dyn Progress,
    window: chrono::Duration,
    /// Addresses asked in this run.
    seen: HashSet<String>,
    summary: SiteSummary,
}

/// A document's bytes and their blake3 hash, computed once.
struct Body<'a> {
    bytes: &'a [u8],
    hash: String,
}

impl<'a> Body<'a> {
    fn of(bytes: &'a [u8]) -> Body<'a> {
        Body {
            bytes,
            hash: blake3::hash(bytes).to_hex().to_string(),
        }
    }
}

/// What became of one document.
enum Stored {
    Fine,
    Failed,
}

impl SiteRun<'_> {
    fn run(&mut self) -> Result<(), FetchError> {
        let site = self.site;
        let before = self.state.site(&site.name);
        let today = date_of(now());
        let window_start = today - self.window;
        // A site fetched through from `since` is listed again only from a
        // window before its last finished run.
        let from = match (before.covered_from, before.last_finished) {
            (Some(covered), Some(at)) if covered <= site.since => {
                (date_of(at) - self.window).max(site.since)
            }
            _ => site.since,
        };
        self.summary.from = Some(from);
        self.summary.to = Some(today);
        let resume = before.unfinished_since;
        self.state.record(Fact::Started {
            site: site.name.clone(),
            at: now(),
        })?;
        let adapter = adapter(site.platform);
        let mut meetings = match adapter.meetings(self.http, site, from, today) {
            Ok(m) => m,
            Err(e) => {
                self.progress
                    .warn(&format!("{}: cannot list meetings: {e}", site.name));
                self.summary.error = Some(failure(&e, site.base.as_str()));
                return Ok(());
            }
        };
        self.summary.ok = true;
        meetings.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        meetings.dedup_by(|a, b| a.id == b.id);
        self.summary.meetings = meetings.len() as u64;
        self.progress.start("fetching", self.summary.meetings);
        for meeting in &meetings {
            self.meeting(meeting, window_start, resume)?;
            self.progress.advance();
        }
        self.state.record(Fact::Finished {
            site: site.name.clone(),
            at: now(),
            from,
        })?;
        Ok(())
    }

    fn meeting(
        &mut self,
        meeting: &Meeting,
        window_start: NaiveDate,
        resume: Option<Time>,
    ) -> Result<(), FetchError> {
        let site = self.site;
        if meeting.cancelled {
            self.summary.cancelled += 1;
            return Ok(());
        }
        let done = self.state.meeting_done(&site.name, &meeting.id);
        if done && meeting.date < window_start {
            self.summary.settled += 1;
            return Ok(());
        }
        let adapter = adapter(site.platform);
        let url = adapter.meeting_url(site, meeting);
        let known = self.state.url(url.as_str()).cloned();
        if done && resume.is_some_and(|r| known.as_ref().is_some_and(|k| k.checked >= r)) {
            self.summary.resumed += 1;
            return Ok(());
        }
        // Validators only for a meeting whose documents are all stored: an
        // unchanged answer then means nothing to do.
        let validators = known.filter(|_| done).map(|k| k.validators);
        let published = match adapter.published(self.http, site, meeting, validators.as_ref()) {
            Ok(p) => p,
            Err(e) => {
                self.fail(failure(&e, url.as_str()));
                return Ok(());
            }
        };
        let (documents, validators, minutes) = match published {
            Published::NotModified => {
                self.summary.not_modified += 1;
                return Ok(());
            }
            Published::Documents {
                documents,
                validators,
                minutes,
            } => (documents, validators, minutes),
        };
        let mut all_stored = true;
        for document in &documents {
            let stored = match document {
                Remote::Page { title, html, url } => self.page(meeting, title, html, url)?,
                Remote::File { title, url } => self.file(meeting, title, url, resume)?,
            };
            all_stored &= matches!(stored, Stored::Fine);
        }
        self.state.record(Fact::Url(Known {
            url: url.to_string(),
            validators,
            checked: now(),
            path: None,
            hash: None,
        }))?;
        if minutes && all_stored {
            self.state.record(Fact::Meeting {
                site: site.name.clone(),
                id: meeting.id.clone(),
                date: meeting.date,
            })?;
        }
        Ok(())
    }

    fn fail(&mut self, failure: Failure) {
        self.progress
            .warn(&format!("{}: {}", self.site.name, failure.message));
        self.summary.failed.push(failure);
    }

    /// The minutes a system answers inline, as one HTML page.
    fn page(
        &mut self,
        meeting: &Meeting,
        title: &str,
        html: &str,
        url: &str,
    ) -> Result<Stored, FetchError> {
        let key = format!("{url}#minutes");
        let known = self.state.url(&key).cloned();
        let folder = Archive::folder(&self.site.council, &meeting.committee, meeting.date);
        let path = known
            .as_ref()
            .and_then(|k| k.path.clone())
            .unwrap_or_else(|| {
                self.archive
                    .free_name(&folder, "minutes", "html", |p| self.state.claims(p))
            });
        self.store(
            meeting,
            &key,
            url,
            title,
            Body::of(html.as_bytes()),
            path,
            Validators::default(),
            known.is_some(),
        )?;
        Ok(Stored::Fine)
    }

    /// A linked file.
    fn file(
        &mut self,
        meeting: &Meeting,
        title: &str,
        url: &url::Url,
        resume: Option<Time>,
    ) -> Result<Stored, FetchError> {
        let key = url.to_string();
        if !self.seen.insert(key.clone()) {
            self.summary.duplicates += 1;
            return Ok(Stored::Fine);
        }
        let known = self.state.url(&key).cloned();
        let on_disk = known
            .as_ref()
            .and_then(|k| k.path.as_deref())
            .is_some_and(|p| self.archive.exists(p));
        if on_disk && resume.is_some_and(|r| known.as_ref().is_some_and(|k| k.checked >= r)) {
            self.summary.resumed += 1;
            return Ok(Stored::Fine);
        }
        let validators = known
            .as_ref()
            .filter(|_| on_disk)
            .map(|k| k.validators.clone());
        let got = match self.http.get(url, validators.as_ref()) {
            Ok(got) => got,
            Err(e) => {
                self.fail(Failure {
                    url: key,
                    reason: e.reason(),
                    message: e.to_string(),
                });
                return Ok(Stored::Failed);
            }
        };
        let (bytes, content_type, validators) = match got {
            Got::NotModified => {
                self.summary.not_modified += 1;
                if let Some(mut k) = known {
                    k.checked = now();
                    self.state.record(Fact::Url(k))?;
                }
                return Ok(Stored::Fine);
            }
            Got::Body {
                bytes,
                content_type,
                validators,
            } => (bytes, content_type, validators),
        };
        let Some(ext) = extension(&bytes, content_type.as_deref(), url) else {
            self.fail(Failure {
                url: key,
                reason: "unsupported-type",
                message: format!(
                    "{url}: a {} the indexer cannot read; not stored",
                    content_type.as_deref().unwrap_or("file of unknown type")
                ),
            });
            return Ok(Stored::Failed);
        };
        let body = Body::of(&bytes);
        let hash = &body.hash;
        if let Some(other) = self
            .state
            .stored_with(hash)
            .filter(|o| o.url != key)
            .cloned()
            && other
                .path
                .as_deref()
                .is_some_and(|p| self.archive.holds(p, hash))
        {
            self.summary.duplicates += 1;
            self.state.record(Fact::Url(Known {
                url: key,
                validators,
                checked: now(),
                path: other.path,
                hash: Some(hash.clone()),
            }))?;
            return Ok(Stored::Fine);
        }
        let folder = Archive::folder(&self.site.council, &meeting.committee, meeting.date);
        let path = known
            .as_ref()
            .and_then(|k| k.path.clone())
            .filter(|p| p.ends_with(&format!(".{ext}")))
            .unwrap_or_else(|| {
                self.archive
                    .free_name(&folder, &file_stem(title), ext, |p| self.state.claims(p))
            });
        self.store(
            meeting,
            &key,
            url.as_str(),
            title,
            body,
            path,
            validators,
            on_disk,
        )?;
        Ok(Stored::Fine)
    }

    /// Write `bytes` at `path` unless it already holds them, and remember
    /// it under `key`.
    #[allow(clippy::too_many_arguments)]
    fn store(
        &mut self,
        meeting: &Meeting,
        key: &str,
        url: &str,
        title: &str,
        body: Body,
        path: String,
        validators: Validators,
        known: bool,
    ) -> Result<(), FetchError> {
        let Body { bytes, hash } = body;
        if self.archive.holds(&path, &hash) {
            self.summary.unchanged += 1;
        } else {
            let sidecar = Sidecar {
                council: &self.site.council,
                committee: &meeting.committee,
                date: meeting.date.to_string(),
                title,
                url,
                platform: self.site.platform.name(),
                meeting_id: &meeting.id,
            };
            self.archive
                .write(&path, bytes, &sidecar)
                .map_err(|source| FetchError::Write {
                    path: format!("{}/{path}", self.archive.root().display()),
                    source,
                })?;
            if known {
                self.summary.documents_updated += 1;
            } else {
                self.summary.documents_new += 1;
            }
        }
        self.state.record(Fact::Url(Known {
            url: key.to_owned(),
            validators,
            checked: now(),
            path: Some(path),
            hash: Some(hash),
        }))?;
        Ok(())
    }
}

fn failure(e: &AdapterError, url: &str) -> Failure {
    let url = match e {
        AdapterError::Malformed { url, .. } => url.clone(),
        AdapterError::Http(_) => url.to_owned(),
    };
    Failure {
        url,
        reason: e.reason(),
        message: e.to_string(),
    }
}
