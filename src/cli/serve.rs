//! `minutes serve`: the web pages and JSON API on the index.

use anyhow::Result;

use super::Settings;
use super::args::ServeArgs;
use crate::serve::{self, ServeOptions};

pub fn run(settings: &Settings, args: &ServeArgs) -> Result<()> {
    // Build the index first when there is none, as search does.
    drop(settings.open_or_build()?);
    let options = ServeOptions {
        bind: args.bind,
        index: settings.index.clone(),
        timeout: std::time::Duration::from_secs(args.timeout),
    };
    if !args.bind.ip().is_loopback() {
        eprintln!(
            "minutes: listening on {}, which is not loopback: anyone who can reach this machine can read the index (the server only reads)",
            args.bind.ip()
        );
    }
    serve::serve(&options, |addr| {
        // The address on stdout (a script with --bind 127.0.0.1:0 reads
        // it); the rest on stderr.
        println!("http://{addr}/");
        if !settings.quiet {
            eprintln!(
                "minutes: serving {} at http://{addr}/ (Ctrl-C stops)",
                settings.index.display()
            );
        }
    })?;
    Ok(())
}
