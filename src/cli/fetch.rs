//! `minutes fetch`: fill the corpus folder from the sites in the config file.

use anyhow::{Result, bail};

use super::Settings;
use super::args::FetchArgs;
use super::progress::Bar;
use crate::fetch::{EXAMPLE, FetchConfig, FetchOptions};

pub fn run(settings: &Settings, args: &FetchArgs) -> Result<()> {
    let Some(path) = crate::config::existing(settings.config.as_deref(), &settings.index) else {
        bail!(
            "there is no config file to read sites from: create {} (or pass --config FILE) with, for example:\n\n{EXAMPLE}",
            crate::config::to_write(None, &settings.index).display()
        );
    };
    let today = crate::fetch::date_of(crate::fetch::now());
    let config = FetchConfig::read(&path, today)?;
    let options = FetchOptions {
        corpus: settings.corpus.clone(),
        config,
        only: args.sites.clone(),
    };
    let bar = Bar::new(settings.stderr_tty && !settings.quiet, "meetings");
    let summary = crate::fetch::fetch(&options, &bar)?;
    if args.json {
        settings.print_json(&summary)?;
    } else if !settings.quiet {
        eprintln!("minutes: {}", summary.describe());
    }
    if summary.nothing_fetched() {
        bail!(
            "nothing could be fetched: no site's meetings could be listed (the reasons are above)"
        );
    }
    Ok(())
}
