//! What a fetch run did, per site and in all: the `--json` summary and the
//! line printed on stderr.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

/// One thing that could not be fetched, with a stable `reason`.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub url: String,
    pub reason: &'static str,
    pub message: String,
}

/// One site's run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SiteSummary {
    pub site: String,
    pub platform: &'static str,
    /// Whether the site's meetings could be listed at all.
    pub ok: bool,
    /// Why not, when they could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Failure>,
    /// The dates listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// Meetings the listing named.
    pub meetings: u64,
    pub cancelled: u64,
    /// Meetings whose minutes were stored before and which are older than
    /// the window: not asked again.
    pub settled: u64,
    /// Meetings and documents the interrupted run before this one
    /// finished: not asked again.
    pub resumed: u64,
    pub documents_new: u64,
    pub documents_updated: u64,
    /// Answers of 304: nothing has changed.
    pub not_modified: u64,
    /// Fetched again with the same bytes: nothing written.
    pub unchanged: u64,
    /// The same document linked again (from another meeting, or under
    /// another address): stored once.
    pub duplicates: u64,
    pub failed: Vec<Failure>,
}

/// A whole run.
#[derive(Debug, Clone, Serialize)]
pub struct FetchSummary {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub sites: Vec<SiteSummary>,
    pub meetings: u64,
    pub documents_new: u64,
    pub documents_updated: u64,
    pub not_modified: u64,
    pub unchanged: u64,
    pub duplicates: u64,
    /// Failed documents and meetings, counted by reason.
    pub failed: BTreeMap<&'static str, u64>,
    pub requests: u64,
    pub seconds: f64,
}

impl FetchSummary {
    pub fn new(sites: Vec<SiteSummary>, requests: u64, seconds: f64) -> FetchSummary {
        let sum = |f: fn(&SiteSummary) -> u64| sites.iter().map(f).sum();
        let mut failed = BTreeMap::new();
        for failure in sites
            .iter()
            .flat_map(|s| s.failed.iter().chain(s.error.iter()))
        {
            *failed.entry(failure.reason).or_insert(0) += 1;
        }
        FetchSummary {
            kind: "fetch",
            meetings: sum(|s| s.meetings),
            documents_new: sum(|s| s.documents_new),
            documents_updated: sum(|s| s.documents_updated),
            not_modified: sum(|s| s.not_modified),
            unchanged: sum(|s| s.unchanged),
            duplicates: sum(|s| s.duplicates),
            failed,
            requests,
            seconds,
            sites,
        }
    }

    /// Whether nothing could be fetched: every site failed.
    pub fn nothing_fetched(&self) -> bool {
        self.sites.iter().all(|s| !s.ok)
    }

    /// One line for people.
    pub fn describe(&self) -> String {
        let failed = match self.failed.values().sum::<u64>() {
            0 => String::new(),
            n => format!(
                ", {n} failed ({})",
                self.failed
                    .iter()
                    .map(|(r, n)| format!("{r}: {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let sites_failed = self.sites.iter().filter(|s| !s.ok).count();
        format!(
            "fetched {} site{}{} in {:.1}s: {} meetings, {} documents new, {} updated, {} not modified, {} unchanged, {} duplicates{failed}; {} requests",
            self.sites.len(),
            if self.sites.len() == 1 { "" } else { "s" },
            match sites_failed {
                0 => String::new(),
                n => format!(" ({n} could not be listed)"),
            },
            self.seconds,
            self.meetings,
            self.documents_new,
            self.documents_updated,
            self.not_modified,
            self.unchanged,
            self.duplicates,
            self.requests,
        )
    }
}
