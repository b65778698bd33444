//! The articles that share each near-duplicate band, listed by the build.
//!
//! Finding the near-duplicates of a hit means finding the other articles
//! that have one of its [`BANDS`] bands. Almost every band is its
//! article's alone. So each build, once committed and merged, lists the
//! band keys that two or more live articles share, each with those
//! articles, in a small file beside the segments. A search answers from it
//! with a few binary searches. (Looking bands up as indexed terms instead
//! cost about 2,000 random reads of the term dictionaries for a page of
//! ten hits, and indexing them a good part of a build: see [`super`].)
//!
//! The file names the segments (ids and deletion counts) it was made from,
//! and articles are numbered in the order of those segments; a search uses
//! it only if its reader sees exactly those segments. Otherwise (an index
//! from before lists, a build killed between its commit and the list, a
//! list too large for the build's memory) the search makes the list itself,
//! in memory ([`InMemory`]), or compares every signature: the list changes
//! how fast near-duplicates are found, never which.

use std::io::{self, Write};
use std::path::Path;

use tantivy::directory::{MmapDirectory, OwnedBytes};
use tantivy::schema::Field;
use tantivy::{DocAddress, Searcher};

use super::{fnv1a, read_signature, BANDS};

/// The first bytes of the file.
const MAGIC: &[u8; 8] = b"DSBANDS2";
/// Magic, segments fingerprint, key count, article entries.
const HEADER: usize = 32;
/// Values a band key can take below its band number (three 8-bit rows).
const BAND_VALUES: usize = 1 << 24;
/// 64-bit words of one band's bitmap.
const BAND_WORDS: usize = BAND_VALUES / 64;
/// Bytes of the two counting bitmaps of one band.
const BAND_BITMAPS: usize = 2 * BAND_WORDS * 8;

/// The name of the list made from the segments with `fingerprint`.
pub fn file_name(fingerprint: u64) -> String {
    format!("near-dups-{fingerprint:016x}.bands")
}

/// Identifies the segments `searcher` reads, with their deletions: two
/// readers with the same fingerprint number their articles alike.
pub fn fingerprint(searcher: &Searcher) -> u64 {
    // FNV-1a: stable across runs and builds, unlike std's hasher.
    let mut identity = Vec::new();
    for segment in searcher.segment_readers() {
        identity.extend_from_slice(segment.segment_id().uuid_string().as_bytes());
        identity.extend_from_slice(&segment.num_deleted_docs().to_le_bytes());
    }
    fnv1a(&identity)
}

/// Where each segment's articles start in the numbering of the list, and
/// how many articles all segments hold.
fn segment_bases(searcher: &Searcher) -> (Vec<u32>, u32) {
    let mut bases = Vec::new();
    let mut base = 0u32;
    for segment in searcher.segment_readers() {
        bases.push(base);
        base = base.saturating_add(segment.max_doc());
    }
    (bases, base)
}

/// The numbering of a searcher's articles across its segments.
struct Numbering {
    /// Where each segment's articles start, in order.
    bases: Vec<u32>,
    /// Articles in all segments: larger numbers are not documents.
    limit: u32,
}

impl Numbering {
    fn of(searcher: &Searcher) -> Self {
        let (bases, limit) = segment_bases(searcher);
        Numbering { bases, limit }
    }

    /// The document of article number `n`.
    fn address(&self, n: u32) -> Option<DocAddress> {
        if n >= self.limit {
            return None;
        }
        let segment = self
            .bases
            .partition_point(|&base| base <= n)
            .checked_sub(1)?;
        Some(DocAddress::new(segment as u32, n - self.bases[segment]))
    }
}

/// Band keys shared by two or more live articles, each with its articles
/// (numbered across `searcher`'s segments in order).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Sorted keys.
    keys: Vec<u32>,
    /// `articles[starts[i]..starts[i + 1]]` have `keys[i]`.
    starts: Vec<u32>,
    articles: Vec<u32>,
}

/// Lists the shared bands of `searcher`'s articles within `memory` bytes,
/// or `None` when the list would not fit (then searches compare
/// signatures).
///
/// Counting uses two bitmaps of 2 MiB per band (seen, seen twice), for as
/// many bands at a time as `memory` holds, two passes over the signature
/// columns each: the first counts, the second collects the articles of the
/// bands seen twice. Only the list itself grows with the archive.
pub fn compute(
    searcher: &Searcher,
    signature: Field,
    memory: usize,
) -> tantivy::Result<Option<Table>> {
    let name = searcher.schema().get_field_name(signature).to_string();
    let (bases, _) = segment_bases(searcher);
    let mut segments = Vec::new();
    for (segment, base) in searcher.segment_readers().iter().zip(bases) {
        segments.push((segment, segment.fast_fields().u64(&name)?, base));
    }
    let group = (memory / 2 / BAND_BITMAPS).clamp(1, BANDS);
    let mut table = Table {
        starts: vec![0],
        ..Table::default()
    };
    for first in (0..BANDS).step_by(group) {
        let last = (first + group).min(BANDS);
        let mut seen = vec![0u64; (last - first) * BAND_WORDS];
        let mut twice = vec![0u64; (last - first) * BAND_WORDS];
        let each_key = |visit: &mut dyn FnMut(u32, u32)| {
            for (segment, column, base) in &segments {
                for doc in segment.doc_ids_alive() {
                    if let Some(signature) = read_signature(column, doc) {
                        for key in &signature.band_keys()[first..last] {
                            visit(*key, base + doc);
                        }
                    }
                }
            }
        };
        each_key(&mut |key, _| {
            let (word, bit) = bit_of(key, first);
            if seen[word] & bit != 0 {
                twice[word] |= bit;
            } else {
                seen[word] |= bit;
            }
        });
        drop(seen);
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut too_large = false;
        each_key(&mut |key, article| {
            let (word, bit) = bit_of(key, first);
            if twice[word] & bit != 0 && !too_large {
                pairs.push((key, article));
                too_large = (pairs.len() + table.articles.len()) * 8 > memory / 2;
            }
        });
        if too_large {
            return Ok(None);
        }
        pairs.sort_unstable();
        for (key, article) in pairs {
            if table.keys.last() != Some(&key) {
                table.keys.push(key);
                table.starts.push(table.articles.len() as u32);
            }
            table.articles.push(article);
            if let Some(end) = table.starts.last_mut() {
                *end = table.articles.len() as u32;
            }
        }
    }
    Ok(Some(table))
}

/// The word and bit of `key` in the bitmaps of the group starting at band
/// `first`; slots run in key order.
fn bit_of(key: u32, first: usize) -> (usize, u64) {
    let slot = ((key >> 24) as usize - first) * BAND_VALUES + (key as usize & (BAND_VALUES - 1));
    (slot / 64, 1u64 << (slot % 64))
}

/// Writes `table`, made from the segments with `fingerprint`, into the
/// index folder `dir` (through a temporary file and a rename, so a reader
/// never sees half of it).
pub fn write(dir: &Path, fingerprint: u64, table: &Table) -> io::Result<()> {
    let words = table.keys.len() + table.starts.len() + table.articles.len();
    let mut bytes = Vec::with_capacity(HEADER + 4 * words);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&fingerprint.to_le_bytes());
    bytes.extend_from_slice(&(table.keys.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&(table.articles.len() as u64).to_le_bytes());
    for word in table
        .keys
        .iter()
        .chain(&table.starts)
        .chain(&table.articles)
    {
        bytes.extend_from_slice(&word.to_le_bytes());
    }
    let name = file_name(fingerprint);
    let temporary = dir.join(format!(".tmp-{name}"));
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(&bytes)?;
    file.sync_all()?;
    std::fs::rename(&temporary, dir.join(name))
}

/// Deletes the lists of other segments than `fingerprint`'s from `dir`
/// (`None`: every list).
pub fn remove_stale(dir: &Path, fingerprint: Option<u64>) {
    let keep = fingerprint.map(file_name);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with("near-dups-")
            && name.ends_with(".bands")
            && Some(&name) != keep.as_ref()
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A list made by a search, for a searcher the build left no list for.
pub struct InMemory {
    table: Table,
    numbering: Numbering,
}

impl InMemory {
    /// Lists the shared bands of `searcher` within `memory` bytes (`None`:
    /// too many).
    pub fn compute(
        searcher: &Searcher,
        signature: Field,
        memory: usize,
    ) -> tantivy::Result<Option<InMemory>> {
        Ok(compute(searcher, signature, memory)?.map(|table| InMemory {
            table,
            numbering: Numbering::of(searcher),
        }))
    }

    /// The articles that have band `key`, if two or more do.
    pub fn articles(&self, key: u32) -> Option<Vec<DocAddress>> {
        let t = &self.table;
        let i = t.keys.binary_search(&key).ok()?;
        let start = *t.starts.get(i)? as usize;
        let end = *t.starts.get(i + 1)? as usize;
        let run = t.articles.get(start..end)?;
        Some(
            run.iter()
                .filter_map(|&n| self.numbering.address(n))
                .collect(),
        )
    }
}

/// The list of one set of segments, memory-mapped.
pub struct SharedBands {
    bytes: OwnedBytes,
    keys: usize,
    entries: usize,
    numbering: Numbering,
}

impl SharedBands {
    /// The list of the segments `searcher` reads, from the index folder
    /// `dir`, if the build wrote it and it is whole.
    pub fn open(dir: &Path, searcher: &Searcher) -> Option<SharedBands> {
        let fingerprint = fingerprint(searcher);
        // Not through the index's own directory, which expects tantivy's
        // footer on every file it reads.
        let directory = MmapDirectory::open(dir).ok()?;
        let file =
            tantivy::Directory::open_read(&directory, Path::new(&file_name(fingerprint))).ok()?;
        let bytes = file.read_bytes().ok()?;
        let header = bytes.as_slice().get(..HEADER)?;
        let word = |i: usize| -> Option<u64> {
            let b: [u8; 8] = header.get(i * 8..i * 8 + 8)?.try_into().ok()?;
            Some(u64::from_le_bytes(b))
        };
        if &header[..8] != MAGIC || word(1)? != fingerprint {
            return None;
        }
        let keys = usize::try_from(word(2)?).ok()?;
        let articles = usize::try_from(word(3)?).ok()?;
        if bytes.len() != HEADER + 4 * (2 * keys + 1 + articles) {
            return None;
        }
        let list = SharedBands {
            bytes,
            keys,
            entries: articles,
            numbering: Numbering::of(searcher),
        };
        // The ends of the article runs must stay inside the file.
        let valid = list.word(list.keys + list.keys) as usize == articles;
        valid.then_some(list)
    }

    /// The `i`th 32-bit word after the header.
    fn word(&self, i: usize) -> u32 {
        let at = HEADER + 4 * i;
        match self.bytes.as_slice().get(at..at + 4) {
            Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            None => 0,
        }
    }

    /// The articles that have band `key`, if two or more do.
    pub fn articles(&self, key: u32) -> Option<Vec<DocAddress>> {
        let (mut low, mut high) = (0, self.keys);
        while low < high {
            let middle = low + (high - low) / 2;
            match self.word(middle).cmp(&key) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => {
                    // Bounded by the file, whatever a damaged file says.
                    let end = (self.word(self.keys + middle + 1) as usize).min(self.entries);
                    let start = (self.word(self.keys + middle) as usize).min(end);
                    let run = (start..end)
                        .filter_map(|i| self.numbering.address(self.word(2 * self.keys + 1 + i)))
                        .collect();
                    return Some(run);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_run_in_key_order() {
        let order = |key: u32, first: usize| {
            let (word, bit) = bit_of(key, first);
            word * 64 + bit.trailing_zeros() as usize
        };
        assert!(order(0x00ff_ffff, 0) < order(0x0100_0000, 0));
        assert!(order(0x0100_0000, 0) < order(0x0100_0001, 0));
        assert_eq!(order(0x0100_0000, 1), 0);
    }
}
