//! Which segments a build merges, and how much a merge may read at once.
//!
//! tantivy merges by reading its input segments through memory maps, so
//! every page of them counts in the build's resident memory until the merge
//! ends. Left to tantivy's log policy alone, the last merge of a full build
//! took in nearly the whole index: at 100,000 articles, 1.0 GB of mapped
//! segments on top of the writer's memory, and a peak RSS of 1.1-1.4 GiB
//! against a budget of 1 GiB. [`BoundedMergePolicy`] keeps the log policy's
//! levels and caps the bytes on disk one merge reads, so a build's memory
//! stays within its budget at any archive size (653 MiB at 100,000
//! articles, with searches as fast). The price is more segments
//! in a large index (one per cap's worth of index); `dossier index --merge`
//! still merges everything into one when asked.

use std::path::PathBuf;

use tantivy::index::SegmentMeta;
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// tantivy's log merge policy, with levels by the segments' real sizes and
/// no merge reading more than `max_input_bytes` of segments.
#[derive(Debug)]
pub struct BoundedMergePolicy {
    levels: LogMergePolicy,
    /// The folder holding the segments, to read their sizes.
    dir: PathBuf,
    max_input_bytes: u64,
}

impl BoundedMergePolicy {
    /// A policy for the index in `dir` whose merges read at most
    /// `max_input_bytes` each.
    pub fn new(dir: PathBuf, max_input_bytes: u64) -> Self {
        // By default tantivy counts every segment under 10,000 documents as
        // 10,000, so a nightly run's few hundred new documents joined the
        // level of the full build's segments (a few thousand each) and
        // completed it: the night then merged the whole index (8.4 s of a
        // 80 s full build at 50,000 articles, against 0.5-1.3 s otherwise).
        // Small segments now merge with small ones.
        let mut levels = LogMergePolicy::default();
        levels.set_min_layer_size(100);
        BoundedMergePolicy {
            levels,
            dir,
            max_input_bytes,
        }
    }

    /// Bytes on disk of `segment`'s files (0 for a file that cannot be
    /// read: a segment being deleted is no reason to stop a build).
    fn size(&self, segment: &SegmentMeta) -> u64 {
        super::check::segment_files(segment)
            .iter()
            .filter_map(|file| std::fs::metadata(self.dir.join(file)).ok())
            .map(|meta| meta.len())
            .sum()
    }
}

impl MergePolicy for BoundedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let sized: Vec<(&SegmentMeta, u64)> = segments
            .iter()
            .map(|segment| (segment, self.size(segment)))
            .filter(|&(_, size)| size < self.max_input_bytes)
            .collect();
        let eligible: Vec<SegmentMeta> = sized.iter().map(|(s, _)| (*s).clone()).collect();
        self.levels
            .compute_merge_candidates(&eligible)
            .into_iter()
            .flat_map(|candidate| {
                let with_sizes: Vec<_> = candidate
                    .0
                    .into_iter()
                    .filter_map(|id| {
                        let size = sized.iter().find(|(s, _)| s.id() == id)?.1;
                        Some((id, size))
                    })
                    .collect();
                within(with_sizes, self.max_input_bytes)
            })
            .map(MergeCandidate)
            .collect()
    }
}

/// Splits one merge of `segments` (with their sizes) into merges that each
/// read at most `max_bytes`, the largest segments first so that similar
/// sizes merge together. A group of one segment is no merge and is dropped.
fn within<T>(mut segments: Vec<(T, u64)>, max_bytes: u64) -> Vec<Vec<T>> {
    segments.sort_by_key(|&(_, size)| std::cmp::Reverse(size));
    let mut groups: Vec<(Vec<T>, u64)> = Vec::new();
    for (segment, size) in segments {
        match groups.last_mut() {
            Some((group, total)) if *total + size <= max_bytes => {
                group.push(segment);
                *total += size;
            }
            _ => groups.push((vec![segment], size)),
        }
    }
    groups
        .into_iter()
        .map(|(group, _)| group)
        .filter(|group| group.len() > 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merge_that_fits_is_kept_whole() {
        let merges = within(vec![("a", 10), ("b", 30), ("c", 20)], 100);
        assert_eq!(merges, vec![vec!["b", "c", "a"]]);
    }

    #[test]
    fn a_merge_over_the_cap_is_split_and_lone_segments_wait() {
        let segments = vec![("a", 40), ("b", 40), ("c", 40), ("d", 40), ("e", 40)];
        let merges = within(segments, 100);
        assert_eq!(merges, vec![vec!["a", "b"], vec!["c", "d"]]);
        assert!(merges.iter().all(|m| m.len() * 40 <= 100));
        // A segment that fits with none of the others is no merge at all.
        assert!(within(vec![("big", 90), ("small", 20)], 100).is_empty());
    }

    #[test]
    fn merges_read_no_more_than_the_cap_in_a_real_index() {
        use tantivy::schema::{Schema, STORED, TEXT};
        let dir = tempfile::tempdir().unwrap();
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT | STORED);
        let index = tantivy::Index::create_in_dir(dir.path(), builder.build()).unwrap();
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        // Twelve segments of about the same size.
        for segment in 0..12 {
            for doc in 0..50 {
                let text = format!("segment {segment} document {doc} {}", "word ".repeat(200));
                writer.add_document(tantivy::doc!(body => text)).unwrap();
            }
            writer.commit().unwrap();
        }
        let metas = index.searchable_segment_metas().unwrap();
        let unbounded = BoundedMergePolicy::new(dir.path().to_path_buf(), u64::MAX);
        let all = unbounded.compute_merge_candidates(&metas);
        assert_eq!(all.len(), 1, "the log policy merges the twelve at once");
        assert_eq!(all[0].0.len(), 12);

        let one = unbounded.size(&metas[0]);
        assert!(one > 0);
        let bounded = BoundedMergePolicy::new(dir.path().to_path_buf(), one * 4 + one / 2);
        let merges = bounded.compute_merge_candidates(&metas);
        assert_eq!(merges.len(), 3, "{merges:?}");
        for merge in &merges {
            let read: u64 = merge
                .0
                .iter()
                .map(|id| bounded.size(metas.iter().find(|m| m.id() == *id).unwrap()))
                .sum();
            assert!(read <= one * 4 + one / 2, "{read} > cap");
        }
    }
}
