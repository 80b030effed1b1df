//! What the last committed run recorded of itself: a small [`BuildInfo`]
//! in the commit's payload, and the same with the lists of files it left
//! out in `INDEX/last-build.json`.
//!
//! tantivy parses `meta.json`, payload and all, twice whenever an index is
//! opened (and [`BuildInfo::of_index`] reads it once more, skipping all but
//! the payload), so the payload holds only counts: with every skipped
//! file's path in it, each search process of a corpus with many files
//! minutes does not read paid for parsing their names.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::directory::Directory;
use tantivy::error::DataCorruption;

use super::schema::{ANALYZER_VERSION, SCHEMA_VERSION};
use crate::files::{Durability, write_atomically};
use crate::model::{BuildSummary, Indexed};

/// The file beside the index with the last run's whole summary.
pub const LAST_BUILD_FILE: &str = "last-build.json";
/// tantivy's file of the last commit, whose payload is a [`BuildInfo`].
const META_FILE: &str = "meta.json";

/// What the last committed run wrote into the index (the commit payload).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BuildInfo {
    pub schema_version: u32,
    /// Seconds since the Unix epoch.
    pub built_at: i64,
    /// The run's number, counting from 1; records added by it carry it.
    #[serde(default)]
    pub run: u64,
    /// The stemmer the text was analysed with ("frostem 1.2…"): another
    /// stemmer makes other terms, so the index is rebuilt in full.
    #[serde(default)]
    pub analyzer: String,
    /// The canonical path of the corpus folder the index was built from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corpus: Option<PathBuf>,
    pub summary: BuildSummary,
}

impl BuildInfo {
    /// The payload of the run `run` over `corpus`, which did `summary`.
    pub fn new(run: Indexed, corpus: &Path, summary: BuildSummary) -> BuildInfo {
        BuildInfo {
            schema_version: SCHEMA_VERSION,
            built_at: run.at,
            run: run.run,
            analyzer: ANALYZER_VERSION.to_owned(),
            corpus: Some(corpus.to_path_buf()),
            summary,
        }
    }

    /// The commit payload: this info without the lists of skipped files
    /// and warnings (their counts stay), whose length grows with the corpus.
    pub fn payload(&self) -> String {
        let mut small = self.clone();
        small.summary.skipped_files = Vec::new();
        small.summary.warnings = Vec::new();
        serde_json::to_string(&small).unwrap_or_default()
    }

    /// The info a commit's payload holds; `None` when it is not ours (or
    /// damaged).
    pub fn from_payload(payload: &str) -> Option<BuildInfo> {
        serde_json::from_str(payload).ok()
    }

    /// The info of `index`'s last commit (`None` when it has none of
    /// ours), read from `meta.json` without building the rest of it:
    /// tantivy's own reading of the file builds its schema too, most of
    /// the work, and opening an index has done that twice already.
    pub fn of_index(index: &tantivy::Index) -> tantivy::Result<Option<BuildInfo>> {
        /// The one member of `meta.json` read; serde skips the others.
        #[derive(Deserialize)]
        struct Meta {
            #[serde(default)]
            payload: Option<String>,
        }
        let bytes = index.directory().atomic_read(Path::new(META_FILE))?;
        let meta: Meta = serde_json::from_slice(&bytes).map_err(|e| {
            tantivy::TantivyError::DataCorruption(DataCorruption::new(
                PathBuf::from(META_FILE),
                e.to_string(),
            ))
        })?;
        Ok(meta.payload.as_deref().and_then(BuildInfo::from_payload))
    }

    /// Keep this info whole in `dir`, once its run has committed.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        write_atomically(&dir.join(LAST_BUILD_FILE), &json, Durability::Cache)
    }

    /// This info (read from a payload) with its lists, from the file a
    /// run of the same number and time saved in `dir`; as it is when that
    /// file is missing, damaged or of another run.
    pub fn with_lists(self, dir: &Path) -> BuildInfo {
        let whole = std::fs::read(dir.join(LAST_BUILD_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<BuildInfo>(&bytes).ok());
        match whole {
            Some(w) if w.run == self.run && w.built_at == self.built_at => w,
            _ => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Skipped;

    fn info(run: u64, files: usize) -> BuildInfo {
        let skipped_files: Vec<Skipped> = (0..files)
            .map(|i| Skipped {
                path: format!("/corpus/folder/file {i}.csv"),
                reason: "unsupported-type".into(),
                message: String::new(),
            })
            .collect();
        let summary = BuildSummary {
            skipped: files,
            skipped_files,
            ..BuildSummary::default()
        };
        BuildInfo::new(
            Indexed {
                at: 1_700_000_000,
                run,
            },
            Path::new("/corpus"),
            summary,
        )
    }

    #[test]
    fn the_payload_stays_small_as_skipped_files_grow() {
        let few = info(1, 10).payload();
        let many = info(1, 10_000).payload();
        // Only the count's digits differ.
        assert!(
            many.len() <= few.len() + 3,
            "{} vs {}",
            many.len(),
            few.len()
        );
        let back = BuildInfo::from_payload(&many).expect("payload parses");
        assert_eq!(back.summary.skipped, 10_000);
        assert!(back.summary.skipped_files.is_empty());
    }

    #[test]
    fn the_lists_come_back_from_the_file_of_the_same_run_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let whole = info(3, 5);
        whole.save(dir.path()).expect("save");
        let payload = || BuildInfo::from_payload(&whole.payload()).expect("parses");
        assert_eq!(payload().with_lists(dir.path()), whole);
        // The next run's payload, whose own file was never written, does
        // not borrow this run's lists.
        let next = BuildInfo::from_payload(&info(4, 5).payload()).expect("parses");
        assert!(next.with_lists(dir.path()).summary.skipped_files.is_empty());
        // No file: the payload as it is.
        let empty = tempfile::tempdir().expect("tempdir");
        assert!(
            payload()
                .with_lists(empty.path())
                .summary
                .skipped_files
                .is_empty()
        );
    }
}
