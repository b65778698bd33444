//! What the previous build indexed, per file, read as a stream.
//!
//! Each document indexes one term per path it was found at in the `files`
//! field: `PATH\0SIZE MTIME HASH ID` (size, modification time and blake3 of
//! the file's bytes, and the article's id), and the blake3 of each file in
//! `file_hashes`. The path comes first so that a term dictionary lists the
//! files in path order: [`Previous::files`] merges the dictionaries of all
//! segments into one stream sorted by path, which `build` walks beside the
//! archive (walked in the same order). Comparing an archive with its index
//! therefore holds no table of the archive in memory, whatever its size;
//! the dictionaries are memory-mapped. Lookups by file hash (a moved file)
//! and by article id (when an article was first indexed) go through the
//! same dictionaries.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use tantivy::fastfield::AliveBitSet;
use tantivy::index::InvertedIndexReader;
use tantivy::schema::{Field, IndexRecordOption, Schema as TantivySchema};
use tantivy::termdict::TermStreamer;
use tantivy::{DocId, DocSet, Searcher, Term, TERMINATED};

use super::spill::DocKey;

/// One file of an article as the index records it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileEntry {
    /// The path, as reached from the archive root given on the command line.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, seconds since the Unix epoch.
    pub mtime: u64,
    /// blake3 of the file's bytes.
    pub hash: [u8; 32],
}

impl FileEntry {
    /// The `files` term of this file in the article `id`.
    pub fn encode(&self, id: &DocKey) -> String {
        format!(
            "{}\0{} {} {} {}",
            self.path,
            self.size,
            self.mtime,
            hex(&self.hash),
            hex(id)
        )
    }

    /// Parses [`FileEntry::encode`]'s output; `None` if malformed.
    pub fn decode(term: &[u8]) -> Option<(Self, DocKey)> {
        let text = std::str::from_utf8(term).ok()?;
        let (path, rest) = text.split_once('\0')?;
        let mut parts = rest.split(' ');
        let size = parts.next()?.parse().ok()?;
        let mtime = parts.next()?.parse().ok()?;
        let hash = parse_hex(parts.next()?)?;
        let id = parse_hex(parts.next()?)?;
        if parts.next().is_some() {
            return None;
        }
        let entry = FileEntry {
            path: path.to_string(),
            size,
            mtime,
            hash,
        };
        Some((entry, id))
    }
}

/// Lowercase hex of a 32-byte hash or id.
pub fn hex(bytes: &[u8; 32]) -> String {
    blake3::Hash::from(*bytes).to_hex().to_string()
}

/// The bytes of a 64-digit hex hash or id.
pub fn parse_hex(text: &str) -> Option<[u8; 32]> {
    blake3::Hash::from_hex(text).ok().map(|h| *h.as_bytes())
}

/// One segment of the previous build.
struct SegmentView {
    files: Option<Arc<InvertedIndexReader>>,
    file_hashes: Option<Arc<InvertedIndexReader>>,
    ids: Arc<InvertedIndexReader>,
    alive: Option<AliveBitSet>,
    indexed_at: Option<tantivy::columnar::Column<u64>>,
}

impl SegmentView {
    /// The first live document of the term described by `info`.
    fn any_alive(
        &self,
        reader: &InvertedIndexReader,
        info: &tantivy::postings::TermInfo,
    ) -> std::io::Result<Option<DocId>> {
        let mut postings = reader.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if self.alive.as_ref().is_none_or(|a| a.is_alive(doc)) {
                return Ok(Some(doc));
            }
            doc = postings.advance();
        }
        Ok(None)
    }
}

/// The previous build, open for comparison with the archive.
pub struct Previous {
    segments: Vec<SegmentView>,
    id_field: Field,
    paths: u64,
}

impl Previous {
    /// Opens the previous build seen by `searcher`. Fields it lacks (an
    /// index from an older dossier) read as empty: its files then all look
    /// new, and the run reads them.
    pub fn open(searcher: &Searcher) -> tantivy::Result<Self> {
        let schema: &TantivySchema = searcher.schema();
        let indexed = |name: &str| {
            schema
                .get_field(name)
                .ok()
                .filter(|&f| schema.get_field_entry(f).is_indexed())
        };
        let id_field = schema.get_field("id")?;
        let files_field = indexed("files");
        let file_hashes_field = indexed("file_hashes");
        let mut segments = Vec::new();
        let mut paths = 0;
        for segment in searcher.segment_readers() {
            let files = files_field.map(|f| segment.inverted_index(f)).transpose()?;
            if let Some(files) = &files {
                paths += files.terms().num_terms() as u64;
            }
            segments.push(SegmentView {
                files,
                file_hashes: file_hashes_field
                    .map(|f| segment.inverted_index(f))
                    .transpose()?,
                ids: segment.inverted_index(id_field)?,
                alive: segment.alive_bitset().cloned(),
                indexed_at: segment.fast_fields().u64("indexed_at").ok(),
            });
        }
        Ok(Previous {
            segments,
            id_field,
            paths,
        })
    }

    /// Whether the previous build recorded any file (an upper bound: it
    /// counts the entries of deleted documents not yet merged away too).
    pub fn has_files(&self) -> bool {
        self.paths > 0
    }

    /// The files of the live documents, in path order.
    pub fn files(&self) -> std::io::Result<PreviousFiles<'_>> {
        let mut heads = BinaryHeap::new();
        let mut streams = Vec::new();
        for (index, segment) in self.segments.iter().enumerate() {
            let Some(files) = &segment.files else {
                continue;
            };
            let stream = files.terms().stream()?;
            streams.push((index, stream));
        }
        let mut previous = PreviousFiles {
            previous: self,
            streams,
            heads: BinaryHeap::new(),
        };
        for slot in 0..previous.streams.len() {
            if let Some(head) = previous.advance(slot)? {
                heads.push(head);
            }
        }
        previous.heads = heads;
        Ok(previous)
    }

    /// The article a file with these bytes belongs to, if any.
    pub fn article_of_file_hash(&self, hash: &[u8; 32]) -> std::io::Result<Option<DocKey>> {
        // Terms are `HASH ID`: the ids of the documents holding a file with
        // these bytes are the terms between `HASH ` and `HASH!`.
        let low = format!("{} ", hex(hash));
        let high = format!("{}!", hex(hash));
        for segment in &self.segments {
            let Some(reader) = &segment.file_hashes else {
                continue;
            };
            let mut stream = reader.terms().range().ge(&low).lt(&high).into_stream()?;
            while stream.advance() {
                if segment.any_alive(reader, stream.value())?.is_none() {
                    continue;
                }
                let id = std::str::from_utf8(stream.key())
                    .ok()
                    .and_then(|t| t.split_once(' '))
                    .and_then(|(_, id)| parse_hex(id));
                if id.is_some() {
                    return Ok(id);
                }
            }
        }
        Ok(None)
    }

    /// The `file_hashes` term of a file with bytes `hash` in article `id`.
    pub fn file_hash_term(hash: &[u8; 32], id: &DocKey) -> String {
        format!("{} {}", hex(hash), hex(id))
    }

    /// The build that first indexed article `id`, if the previous build
    /// holds it.
    pub fn first_indexed(&self, id: &DocKey) -> std::io::Result<Option<u64>> {
        let term = Term::from_field_text(self.id_field, &hex(id));
        for segment in &self.segments {
            let Some(info) = segment.ids.get_term_info(&term)? else {
                continue;
            };
            if let Some(doc) = segment.any_alive(&segment.ids, &info)? {
                let first = segment
                    .indexed_at
                    .as_ref()
                    .and_then(|c| c.first(doc))
                    .unwrap_or(0);
                return Ok(Some(first));
            }
        }
        Ok(None)
    }
}

/// One file of the previous build, with its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousFile {
    /// The file as recorded.
    pub entry: FileEntry,
    /// Its article.
    pub id: DocKey,
}

/// The next term of one segment's `files` dictionary and the stream it
/// came from; `Reverse` makes the heap pop the smallest term first.
type Head = Reverse<(Vec<u8>, usize)>;

/// The live files of the previous build in path order: a merge of every
/// segment's `files` dictionary, skipping the entries of deleted documents.
pub struct PreviousFiles<'a> {
    previous: &'a Previous,
    streams: Vec<(usize, TermStreamer<'a>)>,
    heads: BinaryHeap<Head>,
}

impl PreviousFiles<'_> {
    /// Moves stream `slot` to its next live term.
    fn advance(&mut self, slot: usize) -> std::io::Result<Option<Head>> {
        let (segment_index, stream) = &mut self.streams[slot];
        let segment = &self.previous.segments[*segment_index];
        while stream.advance() {
            // Only segments with deletions need their postings read.
            if let (Some(_), Some(reader)) = (&segment.alive, &segment.files) {
                if segment.any_alive(reader, stream.value())?.is_none() {
                    continue;
                }
            }
            return Ok(Some(Reverse((stream.key().to_vec(), slot))));
        }
        Ok(None)
    }
}

impl Iterator for PreviousFiles<'_> {
    type Item = std::io::Result<PreviousFile>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let Reverse((term, slot)) = self.heads.pop()?;
            match self.advance(slot) {
                Ok(Some(next)) => self.heads.push(next),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
            // A damaged entry is skipped: its file then looks new and is
            // read again.
            if let Some((entry, id)) = FileEntry::decode(&term) {
                return Some(Ok(PreviousFile { entry, id }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_with_spaces_in_paths() {
        let entry = FileEntry {
            path: "archive/el faro/nota 1.html".to_string(),
            size: 1234,
            mtime: 1_700_000_000,
            hash: [0xab; 32],
        };
        let id = [7u8; 32];
        assert_eq!(
            FileEntry::decode(entry.encode(&id).as_bytes()),
            Some((entry, id))
        );
        assert_eq!(FileEntry::decode(b"path\x0012 x ab cd"), None);
        assert_eq!(FileEntry::decode(b"12 3 ab path"), None);
    }

    #[test]
    fn entries_sort_as_their_paths() {
        // `\0` sorts before every byte of a path, so a directory's files
        // and a sibling with a longer name keep the paths' byte order.
        let id = [1u8; 32];
        let paths = ["a", "a b", "a-b/c", "a/b", "a/b/c", "ab"];
        let mut terms: Vec<String> = paths
            .iter()
            .map(|p| {
                FileEntry {
                    path: p.to_string(),
                    size: 9,
                    mtime: 1,
                    hash: [2; 32],
                }
                .encode(&id)
            })
            .collect();
        terms.sort();
        let back: Vec<&str> = terms
            .iter()
            .map(|t| t.split('\0').next().unwrap())
            .collect();
        assert_eq!(back, paths);
    }
}
