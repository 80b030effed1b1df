//! `minutes watch add|list|rm|run`: saved searches in the config file, and
//! what is new to them.

use std::io::Write;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};

use super::Settings;
use super::args::{
    RecordFilterArgs, ShowFormat, WatchAddArgs, WatchArgs, WatchCommand, WatchFormat, WatchRunArgs,
};
use crate::files::{Durability, write_atomically};
use crate::render::{self, Format, alert, atom};
use crate::watch::{self, Mark, Saved, State, Watch};

/// Records per saved search when `--limit` is not given.
const ALERT_LIMIT: usize = 1000;
const FEED_LIMIT: usize = 50;

pub fn run(settings: &Settings, args: &WatchArgs) -> Result<()> {
    match &args.command {
        WatchCommand::Add(a) => add(settings, a),
        WatchCommand::List(a) => list(settings, a.format),
        WatchCommand::Rm(a) => remove(settings, &a.name),
        WatchCommand::Run(a) => run_watches(settings, a),
    }
}

fn saved(settings: &Settings) -> Result<Saved> {
    let path = crate::config::to_write(settings.config.as_deref(), &settings.index);
    Ok(Saved::read(&path)?)
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn add(settings: &Settings, args: &WatchAddArgs) -> Result<()> {
    let mut saved = saved(settings)?;
    let watch = Watch {
        name: args.name.clone(),
        query: args.query.clone(),
        ..filters(&args.filters)
    };
    // Check it before the index is built for it.
    watch.filters()?;
    let open = settings.open_until_exit()?;
    let run = if args.backfill { 0 } else { open.last_run() };
    saved.add(watch)?;
    let mut state = State::read(&settings.index)?;
    state
        .watches
        .insert(args.name.clone(), Mark { run, at: now() });
    state.write(&settings.index)?;
    if !settings.quiet {
        let from = if args.backfill {
            "every record that matches now, at its first run".to_owned()
        } else {
            format!("what index runs after run {run} bring")
        };
        eprintln!(
            "minutes: saved '{}' in {}; 'minutes watch run' reports {from}",
            args.name,
            saved.path.display()
        );
    }
    Ok(())
}

/// The saved form of the filter flags.
fn filters(f: &RecordFilterArgs) -> Watch {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    Watch {
        council: f.council.clone(),
        committee: f.committee.clone(),
        from: date(f.from),
        to: date(f.to),
        kind: f
            .kind
            .map(|k| crate::model::Kind::from(k).as_str().to_owned()),
        outcome: f
            .outcome
            .map(|o| crate::model::Outcome::from(o).as_str().to_owned()),
        topic: f.topic.clone(),
        ..Watch::default()
    }
}

fn list(settings: &Settings, format: ShowFormat) -> Result<()> {
    let saved = saved(settings)?;
    if saved.watches.is_empty() {
        none_saved(settings, &saved);
        return Ok(());
    }
    let state = State::read(&settings.index)?;
    let rows: Vec<(Watch, Option<Mark>)> = saved
        .watches
        .iter()
        .map(|w| (w.clone(), state.watches.get(&w.name).copied()))
        .collect();
    let format = match format {
        ShowFormat::Text => Format::Text,
        ShowFormat::Json => Format::Json,
    };
    let options = settings.render_options(format);
    let mut out = settings.stdout_for(options.format);
    alert::saved(&mut out, &rows, options)?;
    out.flush()?;
    Ok(())
}

/// Say there is nothing saved yet, and how to save something.
fn none_saved(settings: &Settings, saved: &Saved) {
    if !settings.quiet {
        eprintln!(
            "minutes: no saved searches in {}; add one with 'minutes watch add NAME QUERY'",
            saved.path.display()
        );
    }
}

fn remove(settings: &Settings, name: &str) -> Result<()> {
    let mut saved = saved(settings)?;
    saved.remove(name)?;
    let mut state = State::read(&settings.index)?;
    if state.watches.remove(name).is_some() {
        state.write(&settings.index)?;
    }
    if !settings.quiet {
        eprintln!("minutes: removed '{name}' from {}", saved.path.display());
    }
    Ok(())
}

fn run_watches(settings: &Settings, args: &WatchRunArgs) -> Result<()> {
    let saved = saved(settings)?;
    let chosen: Vec<&Watch> = if args.names.is_empty() {
        saved.watches.iter().collect()
    } else {
        args.names
            .iter()
            .map(|n| saved.get(n).ok_or_else(|| saved.missing(n)))
            .collect::<Result<_, _>>()?
    };
    if chosen.is_empty() {
        none_saved(settings, &saved);
        return Ok(());
    }
    let open = crate::index::open(&settings.index).with_context(|| {
        format!(
            "'watch run' reads the index in {}; build it with 'minutes index'",
            settings.index.display()
        )
    })?;
    if args.format == WatchFormat::Atom {
        return feeds(settings, args, &open, &chosen);
    }
    let latest = open.last_run();
    let mut state = State::read(&settings.index)?;
    let options = settings.render_options(match args.format {
        WatchFormat::Json => Format::Json,
        _ => Format::Text,
    });
    let limit = args.limit.map_or(ALERT_LIMIT, |n| n as usize);
    let mut out = settings.stdout();
    let mut moved = Vec::new();
    for w in chosen {
        let since = match state.watches.get(&w.name) {
            Some(mark) if mark.run <= latest => mark.run,
            Some(mark) => {
                eprintln!(
                    "minutes: '{}' reported up to run {}, but the index's last run is {latest}: the index was built again from nothing, so '{}' starts again from now",
                    w.name, mark.run, w.name
                );
                latest
            }
            None => {
                eprintln!(
                    "minutes: '{}' has no mark (its state was removed); it starts from now",
                    w.name
                );
                latest
            }
        };
        let found = watch::look(&open, w, since, limit)?;
        if found.hits.len() < found.total {
            eprintln!(
                "minutes: '{}' has {} new or changed records; the first {} are shown (--limit), the rest are left out of this alert: 'minutes search' with --sort indexed lists them",
                w.name,
                found.total,
                found.hits.len()
            );
        }
        alert::alert(&mut out, &found, options)?;
        moved.push((w.name.clone(), found.run));
    }
    // The marks move only once everything is out.
    out.flush()?;
    if !args.peek {
        let at = now();
        for (name, run) in moved {
            state.watches.insert(name, Mark { run, at });
        }
        state.write(&settings.index)?;
    }
    Ok(())
}

/// One Atom feed per saved search, on stdout or in `--feed-dir`.
fn feeds(
    settings: &Settings,
    args: &WatchRunArgs,
    open: &crate::index::OpenIndex,
    chosen: &[&Watch],
) -> Result<()> {
    let limit = args.limit.map_or(FEED_LIMIT, |n| n as usize);
    let built_at = open.info.as_ref().map_or(0, |i| i.built_at);
    let render = |w: &Watch| -> Result<Vec<u8>> {
        let hits = watch::feed(open, w, limit)?;
        let filters = w.describe_filters();
        let id = format!("urn:minutes:watch:{}", w.name);
        let info = atom::FeedInfo {
            name: &w.name,
            id: &id,
            self_href: None,
            query: &w.query,
            filters: &filters,
            built_at,
        };
        let mut bytes = Vec::new();
        render::atom::feed(&mut bytes, info, &hits)?;
        Ok(bytes)
    };
    match &args.feed_dir {
        None => {
            let [w] = chosen else {
                bail!(
                    "--format atom prints one feed: name one saved search, or give --feed-dir DIR to write DIR/NAME.atom for each"
                );
            };
            let mut out = settings.stdout();
            out.write_all(&render(w)?)?;
            out.flush()?;
        }
        Some(dir) => {
            for w in chosen {
                let file = dir.join(format!("{}.atom", w.name));
                write_feed(&file, &render(w)?)?;
                if !settings.quiet {
                    eprintln!("minutes: wrote {}", file.display());
                }
            }
        }
    }
    Ok(())
}

fn write_feed(file: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically(file, bytes, Durability::Durable)
        .with_context(|| format!("cannot write the feed {}", file.display()))
}
