//! Where the benchmarks find the shared corpora, and the proof that they
//! left them as they found them.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

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

/// Every file of an input tree with its size, modification time and
/// content hash (BLAKE3).
pub struct InputTree {
    root: PathBuf,
    files: Vec<(PathBuf, u64, SystemTime, blake3::Hash)>,
}

impl InputTree {
    /// The tree under `root` as it is now.
    pub fn snapshot(root: &Path) -> InputTree {
        let files = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let meta = e.metadata().expect("read an input file's metadata");
                let bytes = std::fs::read(e.path()).expect("read an input file");
                let modified = meta.modified().expect("an input file's time");
                (
                    e.path().to_path_buf(),
                    meta.len(),
                    modified,
                    blake3::hash(&bytes),
                )
            })
            .collect();
        InputTree {
            root: root.to_path_buf(),
            files,
        }
    }

    /// Fail the benchmark, naming what changed, unless the tree is as it
    /// was; else say so.
    pub fn assert_unchanged(&self) {
        let now = InputTree::snapshot(&self.root);
        let changed: Vec<String> = self
            .files
            .iter()
            .zip(&now.files)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| a.0.display().to_string())
            .take(5)
            .collect();
        assert!(
            changed.is_empty() && now.files.len() == self.files.len(),
            "the benchmark changed its input {}: {} files before, {} after; changed: {changed:?}",
            self.root.display(),
            self.files.len(),
            now.files.len(),
        );
        println!(
            "\ninput unchanged: {} files under {} with their sizes, times and BLAKE3 hashes as before",
            self.files.len(),
            self.root.display()
        );
    }
}
