//! Progress bar and warnings on stderr during an index or fetch run.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::pipeline::Progress;

/// Shows a bar when stderr is a terminal and `--quiet` is off; always shows
/// warnings.
pub struct Bar {
    bar: Option<ProgressBar>,
    unit: String,
}

impl Bar {
    /// A bar counting `unit` (files, meetings) through each pass the run
    /// starts, named as the run names it (reading, indexing, fetching).
    pub fn new(visible: bool, unit: &str) -> Bar {
        let bar = visible.then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(counting(unit));
            bar
        });
        Bar {
            bar,
            unit: unit.to_owned(),
        }
    }
}

/// The style of a pass: what it is doing, a bar, the count, the rate in
/// whole items a second.
fn counting(unit: &str) -> ProgressStyle {
    let template =
        format!("{{spinner}} {{msg}} {{bar:30}} {{pos}}/{{len}} {unit}  {{rate}}/s  eta {{eta}}");
    ProgressStyle::with_template(&template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key(
            "rate",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}", state.per_sec());
            },
        )
}

impl Progress for Bar {
    fn start(&self, doing: &str, files: u64) {
        if let Some(bar) = &self.bar {
            // The length first: a bar drawn in between never shows 0/0.
            bar.set_length(files);
            bar.reset();
            bar.set_style(counting(&self.unit));
            bar.set_message(doing.to_owned());
        }
    }

    fn advance(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn warn(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("minutes: {message}")),
            None => eprintln!("minutes: {message}"),
        }
    }

    fn stage(&self, doing: &str) {
        if let Some(bar) = &self.bar {
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}  {elapsed}") {
                bar.set_style(style);
            }
            bar.set_message(doing.to_owned());
            bar.reset();
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
