//! The topics a build tags records with: the shipped taxonomy (or
//! `--topics FILE` instead), extended by the corpus's own `_topics.toml`.

use std::path::Path;

use super::BuildOptions;
use crate::extract::topics::{self, Taxonomy};
use crate::index::IndexError;

/// The name of a corpus's own taxonomy additions, at its top.
pub const CORPUS_TOPICS: &str = "_topics.toml";

/// The shipped taxonomy (or `--topics FILE` instead), extended by the
/// corpus's own `_topics.toml`.
pub fn load(opts: &BuildOptions) -> Result<Taxonomy, IndexError> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|source| IndexError::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let base = match &opts.topics {
        Some(path) => read(path)?,
        None => topics::DEFAULT.to_owned(),
    };
    let mut parts = vec![base];
    let own = opts.corpus.join(CORPUS_TOPICS);
    if own.is_file() {
        parts.push(read(&own)?);
    }
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    Taxonomy::from_parts(&refs).map_err(|e| IndexError::Taxonomy {
        path: opts.topics.clone().unwrap_or(own),
        message: e.to_string(),
    })
}
