//! When segments are merged: a run merges nothing while it indexes, and
//! after its commit the segments it wrote become one.
//!
//! Each indexing thread writes a segment whenever its memory budget fills,
//! and every search opens each segment's six files. A full build of the
//! development corpora left six segments, because tantivy's log merge
//! policy merges only eight of like size at a time; one segment instead of
//! six took a quarter off a search process with no hits and a sixth off a
//! common word. Merging the run's own segments after the commit writes the
//! run's records once more, never the rest of the index, so a nightly run
//! that adds a few files merges nothing (it writes one segment). The log
//! policy then picks, among all segments, the small ones that nightly runs
//! leave, eight of like size at a time, and those with a fifth of their
//! records deleted.
//!
//! The merges run after the commit: the run's records are already safe,
//! and a merge that fails leaves the index as committed, with more files
//! to open.

use std::collections::HashSet;

use tantivy::index::SegmentId;
use tantivy::indexer::{LogMergePolicy, MergePolicy};
use tantivy::{Index, IndexWriter, TantivyDocument};

/// Segments of more records than this are not merged again by the log
/// policy: a merge used to map every segment it read, so merging ever
/// larger segments grew the build's memory with the corpus (1.4 GB of
/// mapped files at 16× the development corpora, where the whole 1× index
/// is 116 MB). A run's own segments are merged whatever their size.
const MAX_DOCS_TO_MERGE: usize = 40_000;

/// Merge segments of like size, never those of more than
/// [`MAX_DOCS_TO_MERGE`] records, and a segment with a fifth of its records
/// deleted.
fn merge_policy() -> LogMergePolicy {
    let mut policy = LogMergePolicy::default();
    policy.set_del_docs_ratio_before_merge(0.2);
    policy.set_max_docs_before_merge(MAX_DOCS_TO_MERGE);
    policy
}

/// The segments an index had when a run opened it.
#[derive(Debug, Clone, Default)]
pub struct Compaction {
    before: HashSet<SegmentId>,
}

impl Compaction {
    /// Remember `index`'s segments as the run starts.
    pub fn start(index: &Index) -> tantivy::Result<Compaction> {
        Ok(Compaction {
            before: index.searchable_segment_ids()?.into_iter().collect(),
        })
    }

    /// The merges to run after the commit: the run's own segments into
    /// one, then what the log policy picks of the segments there will be.
    pub fn plan(&self, committed: &[tantivy::index::SegmentMeta]) -> Vec<Vec<SegmentId>> {
        let (fresh, old): (Vec<_>, Vec<_>) = committed
            .iter()
            .partition(|meta| !self.before.contains(&meta.id()));
        let mut merges = Vec::new();
        // The log policy chooses among the older segments (and the run's
        // one, when it wrote one); the segment the run's merge makes joins
        // them from the next run on.
        let mut after: Vec<tantivy::index::SegmentMeta> = old.into_iter().cloned().collect();
        if fresh.len() > 1 {
            merges.push(fresh.iter().map(|meta| meta.id()).collect());
        } else {
            after.extend(fresh.into_iter().cloned());
        }
        merges.extend(
            merge_policy()
                .compute_merge_candidates(&after)
                .into_iter()
                .map(|candidate| candidate.0),
        );
        merges
    }

    /// Run [`Compaction::plan`] on `index` just after `writer` committed,
    /// each merge to its end, and delete the files of the segments merged
    /// away; how many segments were merged away.
    pub fn finish(
        &self,
        index: &Index,
        writer: &mut IndexWriter<TantivyDocument>,
    ) -> tantivy::Result<usize> {
        // The metas are dropped before merging: while one is held, its
        // segment's files count as in use and are not deleted.
        let plan = self.plan(&index.searchable_segment_metas()?);
        let mut merged = 0;
        for ids in plan {
            merged += ids.len().saturating_sub(1);
            writer.merge(&ids).wait()?;
        }
        if merged > 0 {
            writer.garbage_collect_files().wait()?;
        }
        Ok(merged)
    }
}

#[cfg(test)]
mod tests {
    use tantivy::index::SegmentMeta;

    use super::*;
    use crate::index::schema;

    fn metas(index: &Index, count: usize, docs: u32) -> Vec<SegmentMeta> {
        (0..count)
            .map(|_| index.new_segment_meta(SegmentId::generate_random(), docs))
            .collect()
    }

    fn ids(metas: &[SegmentMeta]) -> HashSet<SegmentId> {
        metas.iter().map(SegmentMeta::id).collect()
    }

    #[test]
    fn a_runs_segments_become_one_and_older_ones_stay() {
        let index = Index::create_in_ram(schema::schema());
        let old = metas(&index, 3, 30_000);
        let fresh = metas(&index, 4, 5_000);
        let run = Compaction { before: ids(&old) };
        let every: Vec<SegmentMeta> = old.iter().chain(&fresh).cloned().collect();
        let plan = run.plan(&every);
        assert_eq!(plan.len(), 1, "one merge: {plan:?}");
        assert_eq!(plan[0].iter().copied().collect::<HashSet<_>>(), ids(&fresh));
    }

    #[test]
    fn a_run_of_one_segment_merges_nothing_until_eight_small_ones_gather() {
        let index = Index::create_in_ram(schema::schema());
        let big = metas(&index, 1, 30_000);
        let nightly = metas(&index, 6, 200);
        let tonight = metas(&index, 1, 200);
        let before: Vec<SegmentMeta> = big.iter().chain(&nightly).cloned().collect();
        let run = Compaction {
            before: ids(&before),
        };
        let every: Vec<SegmentMeta> = before.iter().chain(&tonight).cloned().collect();
        assert!(run.plan(&every).is_empty(), "seven small segments wait");
        let next = Compaction {
            before: ids(&every),
        };
        let every: Vec<SegmentMeta> = every.into_iter().chain(metas(&index, 1, 200)).collect();
        let plan = next.plan(&every);
        assert_eq!(plan.len(), 1, "{plan:?}");
        assert_eq!(plan[0].len(), 8, "the eight small segments merge");
        assert!(!plan[0].contains(&big[0].id()), "the large one stays");
    }

    #[test]
    fn finishing_merges_the_runs_segments_and_deletes_their_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut builder = tantivy::schema::Schema::builder();
        let word_field = builder.add_text_field("word", tantivy::schema::TEXT);
        let index = Index::create_in_dir(dir.path(), builder.build()).expect("index");
        let run = Compaction::start(&index).expect("start");
        let mut writer: IndexWriter<TantivyDocument> = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for word in ["alpha", "beta", "gamma"] {
            writer
                .add_document(tantivy::doc!(word_field => word))
                .expect("add");
            writer.commit().expect("commit");
        }
        let stores = || {
            std::fs::read_dir(dir.path())
                .expect("list")
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "store"))
                .count()
        };
        assert_eq!(stores(), 3);
        assert_eq!(run.finish(&index, &mut writer).expect("finish"), 2);
        writer.wait_merging_threads().expect("wait");
        let reader = index.reader().expect("reader");
        assert_eq!(reader.searcher().segment_readers().len(), 1);
        assert_eq!(reader.searcher().num_docs(), 3, "no record lost");
        assert_eq!(stores(), 1, "the merged segments' files are deleted");
    }

    #[test]
    fn large_segments_are_not_merged_again_by_the_log_policy() {
        let index = Index::create_in_ram(schema::schema());
        let large = u32::try_from(MAX_DOCS_TO_MERGE + 1).unwrap_or(u32::MAX);
        let old = metas(&index, 8, large);
        let run = Compaction { before: ids(&old) };
        assert!(run.plan(&old).is_empty());
        let small = metas(&index, 8, 6_000);
        let run = Compaction {
            before: ids(&small),
        };
        assert_eq!(run.plan(&small).len(), 1, "eight of a flush each merge");
    }
}
