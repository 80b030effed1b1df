//! Where the user's config file is: `minutes.toml`, given as `--config
//! FILE`, else in the index folder, else beside it. Its sections belong to
//! the stages that read them: `[[council]]` and `[[committee]]` to
//! [`crate::reconcile`], `[[watch]]` to [`crate::watch`].

use std::path::{Path, PathBuf};

/// The file name looked for in and beside the index folder.
pub const CONFIG_FILE: &str = "minutes.toml";

/// The config file for an index in `index`: `explicit`, else the first of
/// `INDEX/minutes.toml` and `INDEX/../minutes.toml` that exists; `None`
/// when there is none.
pub fn existing(explicit: Option<&Path>, index: &Path) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return Some(path.to_path_buf());
    }
    [index.join(CONFIG_FILE), beside(index)]
        .into_iter()
        .find(|p| p.is_file())
}

/// The config file to write: the existing one, else a new one beside the
/// index folder (where a user sees it; the index may be rebuilt).
pub fn to_write(explicit: Option<&Path>, index: &Path) -> PathBuf {
    existing(explicit, index).unwrap_or_else(|| beside(index))
}

fn beside(index: &Path) -> PathBuf {
    index
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from(CONFIG_FILE), |p| p.join(CONFIG_FILE))
}
