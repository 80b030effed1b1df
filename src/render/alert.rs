//! What `watch run` and `watch list` print: per saved search, the records
//! it has not reported (text for a cron mail, JSON Lines for scripts), and
//! the saved searches themselves. The JSON messages are wire types as
//! those of [`super::wire`]: fields are added, never renamed or removed.

use std::io::{self, Write};

use serde::Serialize;

use super::json::message;
use super::text;
use super::wire::{HitOut, utc};
use super::{Format, RenderOptions};
use crate::model::Novelty;
use crate::watch::{Alert, Mark, Watch};

/// A hit of an alert: the `hit` line of `search`, with the saved search it
/// is for and whether it is `new` or `changed`.
#[derive(Debug, Serialize)]
pub struct AlertHitOut<'a> {
    #[serde(flatten)]
    pub hit: HitOut<'a>,
    pub watch: &'a str,
    pub status: &'static str,
}

/// The line that closes one saved search's hits.
#[derive(Debug, Serialize)]
pub struct WatchOut<'a> {
    /// Always "watch".
    #[serde(rename = "type")]
    pub message: &'static str,
    pub name: &'a str,
    pub query: &'a str,
    /// Records whose text was first indexed after this run ...
    pub since_run: u64,
    /// ... up to this one: the next run starts after it.
    pub run: u64,
    pub new: usize,
    pub changed: usize,
    pub shown: usize,
    /// Records that match in all (more than shown when cut at the limit).
    pub total: usize,
}

/// One saved search, as `watch list --format json` prints it.
#[derive(Debug, Serialize)]
pub struct SavedOut<'a> {
    /// Always "saved-search".
    #[serde(rename = "type")]
    pub message: &'static str,
    #[serde(flatten)]
    pub watch: &'a Watch,
    /// The last index run it reported, and when (null before its first).
    pub last_run: Option<u64>,
    pub last_ran: Option<String>,
}

/// The hits of one alert and its closing line. Text prints nothing for an
/// alert without hits, so a cron mail is sent only when there is news.
pub fn alert(out: &mut dyn Write, alert: &Alert, options: RenderOptions) -> io::Result<()> {
    match options.format {
        Format::Json | Format::Csv => {
            for (rank, (hit, novelty)) in alert.hits.iter().enumerate() {
                message(
                    out,
                    &AlertHitOut {
                        hit: HitOut::new(rank + 1, hit, options.full_text),
                        watch: &alert.name,
                        status: novelty.as_str(),
                    },
                )?;
            }
            message(
                out,
                &WatchOut {
                    message: "watch",
                    name: &alert.name,
                    query: &alert.query,
                    since_run: alert.since,
                    run: alert.run,
                    new: alert.count(Novelty::New),
                    changed: alert.count(Novelty::Changed),
                    shown: alert.hits.len(),
                    total: alert.total,
                },
            )
        }
        Format::Text => alert_text(out, alert, options),
    }
}

fn alert_text(out: &mut dyn Write, alert: &Alert, options: RenderOptions) -> io::Result<()> {
    if alert.hits.is_empty() {
        return Ok(());
    }
    let (new, changed) = (alert.count(Novelty::New), alert.count(Novelty::Changed));
    let runs = if alert.since + 1 >= alert.run {
        format!("run {}", alert.run)
    } else {
        format!("runs {} to {}", alert.since + 1, alert.run)
    };
    let mut head = format!("== {}: {new} new, {changed} changed", alert.name);
    if alert.hits.len() < alert.total {
        head.push_str(&format!(
            " (the first {} of {})",
            alert.hits.len(),
            alert.total
        ));
    }
    writeln!(out, "{head}, indexed by {runs} ==")?;
    for (label, novelty) in [("new", Novelty::New), ("changed", Novelty::Changed)] {
        let mut hits = alert
            .hits
            .iter()
            .filter(move |(_, n)| *n == novelty)
            .map(|(h, _)| h)
            .peekable();
        if hits.peek().is_none() {
            continue;
        }
        writeln!(out, "\n-- {label} --\n")?;
        text::hits(out, hits, options)?;
    }
    writeln!(out)
}

/// The saved searches with their marks.
pub fn saved(
    out: &mut dyn Write,
    watches: &[(Watch, Option<Mark>)],
    options: RenderOptions,
) -> io::Result<()> {
    for (watch, mark) in watches {
        match options.format {
            Format::Json | Format::Csv => message(
                out,
                &SavedOut {
                    message: "saved-search",
                    watch,
                    last_run: mark.map(|m| m.run),
                    last_ran: mark.and_then(|m| utc(m.at)),
                },
            )?,
            Format::Text => {
                let filters = watch.describe_filters();
                let last = match mark {
                    Some(m) => format!(
                        "reported up to run {}{}",
                        m.run,
                        utc(m.at).map(|t| format!(" ({t})")).unwrap_or_default()
                    ),
                    None => "not run yet".to_owned(),
                };
                let query = super::sanitize(&watch.query);
                let sep = if filters.is_empty() { "" } else { " " };
                writeln!(out, "{}\t{query:?}{sep}{filters}\t{last}", watch.name)?;
            }
        }
    }
    Ok(())
}
