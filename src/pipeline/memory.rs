//! Giving a build's freed memory back to the system while it runs.
//!
//! glibc's allocator keeps the pages of freed blocks in its heaps for
//! reuse, and a build frees a great deal: every file's text and records,
//! and each segment's buffers after the indexing threads flush it. Those
//! pages stay in the process's resident set, in pieces too scattered to be
//! reused whole, so the peak grew with the corpus well past the memory in
//! use. [`Trimmer`] asks glibc to release them (`malloc_trim`) a few times
//! a second while a build runs: about a sixth less peak RSS at every scale
//! on the development corpora (BENCHMARKS.md). Elsewhere it does nothing.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often freed pages are handed back.
const EVERY: Duration = Duration::from_millis(500);

/// While alive, a thread hands freed heap pages back to the system every
/// [`EVERY`]; dropping it stops the thread.
pub struct Trimmer {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Trimmer {
    /// Start trimming (on glibc; elsewhere a trimmer that does nothing).
    pub fn start() -> Trimmer {
        if !cfg!(all(target_os = "linux", target_env = "gnu")) {
            return Trimmer {
                stop: None,
                thread: None,
            };
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("minutes-trim".to_owned())
            .spawn(move || {
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(EVERY) {
                    trim();
                }
            })
            .ok();
        Trimmer {
            stop: Some(stop),
            thread,
        }
    }

    /// Whether a trimming thread runs.
    #[cfg(test)]
    fn running(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }
}

impl Drop for Trimmer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn trim() {
    // SAFETY: malloc_trim only walks and releases the allocator's own free
    // lists, under its locks; it takes no pointers of ours.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thread_runs_while_the_trimmer_lives_and_stops_with_it() {
        let trimmer = Trimmer::start();
        let glibc = cfg!(all(target_os = "linux", target_env = "gnu"));
        assert_eq!(trimmer.running(), glibc);
        let started = std::time::Instant::now();
        drop(trimmer);
        // Dropping wakes the thread at once instead of waiting out its sleep.
        assert!(started.elapsed() < EVERY);
    }
}
