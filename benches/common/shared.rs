//! Where the benchmarks find the shared corpora.

use std::path::{Path, PathBuf};

/// `../shared/corpora`, or `None` after saying that benchmark `name` is
/// skipped without it.
pub fn corpora_or_skip(name: &str) -> Option<PathBuf> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if shared.is_dir() {
        return Some(shared);
    }
    println!(
        "{name} benchmark skipped: {} is not here (it needs the shared corpora)",
        shared.display()
    );
    None
}
