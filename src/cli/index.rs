//! `minutes index`: build or refresh the index.

use anyhow::Result;

use super::Settings;
use super::args::IndexArgs;
use crate::pipeline::BuildSummary;

pub fn run(settings: &Settings, args: &IndexArgs) -> Result<()> {
    let mut options = settings.build_options();
    options.full = args.full;
    if let Some(threads) = args.threads {
        options.threads = usize::from(threads);
    }
    options.max_file_bytes = args.max_file_bytes;
    options.pdf_timeout = std::time::Duration::from_secs(args.pdf_timeout);
    options.ocr = args.ocr;
    if args.follow_links {
        options.links = crate::crawl::Links::All;
    }
    options.topics.clone_from(&args.topics);
    let summary = settings.build(&options)?;
    if args.json {
        settings.print_json(&summary)?;
    } else if !settings.quiet {
        eprintln!("minutes: {}", describe(&summary, settings));
    }
    Ok(())
}

fn describe(s: &BuildSummary, settings: &Settings) -> String {
    let bytes = s.index_bytes.unwrap_or(0);
    format!(
        "indexed {} in {:.2}s: {} added, {} updated, {} deleted, {} unchanged, {} skipped{}{}; {} records from {} documents in {} ({:.1} MB); {} new, {} changed",
        settings.corpus.display(),
        s.seconds,
        s.added,
        s.updated,
        s.deleted,
        s.unchanged,
        s.skipped,
        match s.skipped {
            0 => String::new(),
            _ => format!(" ({})", s.skipped_reasons()),
        },
        match s.warnings.len() {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        },
        s.records,
        s.documents,
        settings.index.display(),
        bytes as f64 / 1e6,
        s.records_new,
        s.records_changed,
    )
}
