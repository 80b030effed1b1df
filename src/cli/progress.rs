//! Progress bar and warnings on stderr during an index or fetch run.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::pipeline::Progress;

/// Shows a bar when stderr is a terminal and `--quiet` is off; always shows
/// warnings.
pub struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    /// A bar counting `unit` (files, meetings) while `doing` (indexing,
    /// fetching).
    pub fn new(visible: bool, doing: &str, unit: &str) -> Bar {
        let bar = visible.then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            let template = format!(
                "{{spinner}} {doing} {{bar:30}} {{pos}}/{{len}} {unit}  {{per_sec}}  eta {{eta}}"
            );
            let style = ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Bar { bar }
    }
}

impl Progress for Bar {
    fn start(&self, files: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(files);
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
