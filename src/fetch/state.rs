//! What `fetch` remembers between runs, in `CORPUS/.minutes-fetch/`:
//! `state.jsonl`, a journal with one fact per line, each appended and
//! flushed to disk as it happens (a kill loses at most the line being
//! written, which is then ignored), compacted at the end of a run; and
//! `lock`, held while a run writes.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::http::Validators;
use crate::files::{Durability, write_atomically};

/// Seconds since the Unix epoch.
pub type Time = i64;

/// What is known of one address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    pub url: String,
    #[serde(flatten)]
    pub validators: Validators,
    /// When it was last asked and answered.
    pub checked: Time,
    /// The file it is stored in, relative to the corpus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// blake3 of the stored bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "kebab-case")]
pub enum Fact {
    Url(Known),
    /// A meeting whose minutes are out and stored.
    Meeting {
        site: String,
        id: String,
        date: NaiveDate,
    },
    Started {
        site: String,
        at: Time,
    },
    /// A run of a site that went through every meeting from `from`.
    Finished {
        site: String,
        at: Time,
        from: NaiveDate,
    },
}

#[derive(Debug, Clone, Default)]
pub struct SiteState {
    /// When the first run since the last finished one started: what it
    /// asked need not be asked again by the run that resumes it.
    pub unfinished_since: Option<Time>,
    pub last_finished: Option<Time>,
    /// The earliest date a finished run went through.
    pub covered_from: Option<NaiveDate>,
}

/// The remembered state, and the journal it is appended to.
pub struct State {
    path: PathBuf,
    journal: File,
    _lock: File,
    urls: HashMap<String, Known>,
    meetings: HashMap<(String, String), NaiveDate>,
    sites: HashMap<String, SiteState>,
    /// Lines of the journal that could not be read (a torn last line).
    pub unreadable: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("another 'minutes fetch' is writing to this corpus ({}); wait for it to finish", .0.display())]
    Locked(PathBuf),
    #[error("cannot use the fetch state in {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl State {
    /// Lock the fetch folder and read its journal.
    pub fn open(dir: &Path) -> Result<State, StateError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StateError::Io { path, source }
        };
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let lock_path = dir.join("lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io(&lock_path))?;
        // SAFETY: flock on a descriptor we own; released when it closes
        // (also when the process is killed).
        if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            return Err(StateError::Locked(dir.to_path_buf()));
        }
        let path = dir.join("state.jsonl");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(io(&path)(e)),
        };
        let journal = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(io(&path))?;
        let mut state = State {
            path,
            journal,
            _lock: lock,
            urls: HashMap::new(),
            meetings: HashMap::new(),
            sites: HashMap::new(),
            unreadable: 0,
        };
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            match serde_json::from_str::<Fact>(line) {
                Ok(fact) => state.apply(fact),
                Err(_) => state.unreadable += 1,
            }
        }
        Ok(state)
    }

    fn apply(&mut self, fact: Fact) {
        match fact {
            Fact::Url(known) => {
                self.urls.insert(known.url.clone(), known);
            }
            Fact::Meeting { site, id, date } => {
                self.meetings.insert((site, id), date);
            }
            Fact::Started { site, at } => {
                let s = self.sites.entry(site).or_default();
                s.unfinished_since.get_or_insert(at);
            }
            Fact::Finished { site, at, from } => {
                let s = self.sites.entry(site).or_default();
                s.unfinished_since = None;
                s.last_finished = Some(at);
                s.covered_from = Some(s.covered_from.map_or(from, |c| c.min(from)));
            }
        }
    }

    /// Remember `fact`: applied now, on disk before this returns.
    pub fn record(&mut self, fact: Fact) -> Result<(), StateError> {
        let mut line = serde_json::to_string(&fact).map_err(|e| StateError::Io {
            path: self.path.clone(),
            source: std::io::Error::other(e),
        })?;
        line.push('\n');
        self.journal
            .write_all(line.as_bytes())
            .and_then(|()| self.journal.sync_data())
            .map_err(|source| StateError::Io {
                path: self.path.clone(),
                source,
            })?;
        self.apply(fact);
        Ok(())
    }

    pub fn url(&self, url: &str) -> Option<&Known> {
        self.urls.get(url)
    }

    /// Whether some address other than `url` is stored at `path`.
    pub fn claims(&self, path: &str) -> bool {
        self.urls.values().any(|k| k.path.as_deref() == Some(path))
    }

    /// The stored file with these bytes, if any address has them.
    pub fn stored_with(&self, hash: &str) -> Option<&Known> {
        self.urls
            .values()
            .find(|k| k.hash.as_deref() == Some(hash) && k.path.is_some())
    }

    pub fn meeting_done(&self, site: &str, id: &str) -> bool {
        self.meetings
            .contains_key(&(site.to_owned(), id.to_owned()))
    }

    pub fn site(&self, site: &str) -> SiteState {
        self.sites.get(site).cloned().unwrap_or_default()
    }

    /// Rewrite the journal as one line per fact that still holds.
    pub fn compact(&mut self) -> Result<(), StateError> {
        let mut facts: Vec<Fact> = Vec::new();
        let mut urls: Vec<&Known> = self.urls.values().collect();
        urls.sort_by(|a, b| a.url.cmp(&b.url));
        facts.extend(urls.into_iter().cloned().map(Fact::Url));
        let mut meetings: Vec<_> = self.meetings.iter().collect();
        meetings.sort();
        facts.extend(
            meetings
                .into_iter()
                .map(|((site, id), date)| Fact::Meeting {
                    site: site.clone(),
                    id: id.clone(),
                    date: *date,
                }),
        );
        let mut sites: Vec<_> = self.sites.iter().collect();
        sites.sort_by(|a, b| a.0.cmp(b.0));
        for (site, s) in sites {
            if let (Some(at), Some(from)) = (s.last_finished, s.covered_from) {
                facts.push(Fact::Finished {
                    site: site.clone(),
                    at,
                    from,
                });
            }
            if let Some(at) = s.unfinished_since {
                facts.push(Fact::Started {
                    site: site.clone(),
                    at,
                });
            }
        }
        let mut text = String::new();
        for fact in &facts {
            if let Ok(line) = serde_json::to_string(fact) {
                text.push_str(&line);
                text.push('\n');
            }
        }
        let io = |source| StateError::Io {
            path: self.path.clone(),
            source,
        };
        write_atomically(&self.path, text.as_bytes(), Durability::Durable).map_err(io)?;
        self.journal = OpenOptions::new()
            .append(true)
            .open(&self.path)
            .map_err(io)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(url: &str, path: &str) -> Known {
        Known {
            url: url.into(),
            validators: Validators {
                etag: Some("\"e1\"".into()),
                last_modified: None,
            },
            checked: 100,
            path: Some(path.into()),
            hash: Some("h".into()),
        }
    }

    #[test]
    fn facts_survive_a_reopen_and_a_torn_last_line_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut state = State::open(dir.path()).unwrap();
            state
                .record(Fact::Url(known("https://a/1", "c/k/d/a.pdf")))
                .unwrap();
            state
                .record(Fact::Started {
                    site: "s".into(),
                    at: 5,
                })
                .unwrap();
        }
        let mut file = OpenOptions::new()
            .append(true)
            .open(dir.path().join("state.jsonl"))
            .unwrap();
        file.write_all(b"{\"fact\":\"url\",\"url\":\"https://a/2\",\"che")
            .unwrap();
        let mut state = State::open(dir.path()).unwrap();
        assert_eq!(state.unreadable, 1);
        assert_eq!(
            state.url("https://a/1").unwrap().validators.etag.as_deref(),
            Some("\"e1\"")
        );
        assert!(state.url("https://a/2").is_none());
        assert_eq!(state.site("s").unfinished_since, Some(5));
        assert!(state.claims("c/k/d/a.pdf"));
        let day = NaiveDate::from_ymd_opt(2026, 2, 10).unwrap();
        state
            .record(Fact::Finished {
                site: "s".into(),
                at: 9,
                from: day,
            })
            .unwrap();
        state.compact().unwrap();
        drop(state);
        let state = State::open(dir.path()).unwrap();
        assert_eq!(state.unreadable, 0);
        assert_eq!(state.site("s").unfinished_since, None);
        assert_eq!(state.site("s").covered_from, Some(day));
    }

    #[test]
    fn a_second_run_on_the_same_corpus_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let _first = State::open(dir.path()).unwrap();
        assert!(matches!(
            State::open(dir.path()),
            Err(StateError::Locked(_))
        ));
    }
}
