//! `minutes index`: build or refresh the index.

use std::io::Write;

use anyhow::Result;

use super::Context;
use super::args::IndexArgs;
use super::progress::Bar;
use crate::index::{self, BuildOptions, BuildSummary};

pub fn run(ctx: &Context, args: &IndexArgs) -> Result<()> {
    let summary = build(
        ctx,
        args.full,
        args.threads.map(usize::from),
        args.max_file_bytes,
        args.topics.clone(),
    )?;
    if args.json {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer(&mut out, &summary)?;
        writeln!(out)?;
    } else if !ctx.quiet {
        eprintln!("minutes: {}", describe(&summary, ctx));
    }
    Ok(())
}

/// Build or refresh the index with a progress bar; shared with `search`.
pub fn build(
    ctx: &Context,
    full: bool,
    threads: Option<usize>,
    max_file_bytes: u64,
    topics: Option<std::path::PathBuf>,
) -> Result<BuildSummary> {
    let threads = threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
    });
    let options = BuildOptions {
        corpus: ctx.corpus.clone(),
        index: ctx.index.clone(),
        full,
        threads,
        max_file_bytes,
        topics,
    };
    let bar = Bar::new(ctx.stderr_tty && !ctx.quiet);
    Ok(index::build(&options, &bar)?)
}

fn describe(s: &BuildSummary, ctx: &Context) -> String {
    let bytes = s.index_bytes.unwrap_or(0);
    format!(
        "indexed {} in {:.2}s: {} added, {} updated, {} deleted, {} unchanged, {} skipped; {} records from {} documents in {} ({:.1} MB)",
        ctx.corpus.display(),
        s.seconds,
        s.added,
        s.updated,
        s.deleted,
        s.unchanged,
        s.skipped,
        s.records,
        s.documents,
        ctx.index.display(),
        bytes as f64 / 1e6,
    )
}
