//! What the previous build indexed, per file, read as a stream.
//!
//! Each document records one value per path it was found at in the `files`
//! fast column: `PATH\0SIZE MTIME HASH ID` (size, modification time and
//! blake3 of the file's bytes, and the article's id), and the blake3 of each
//! file in `file_hashes`. A string column keeps its values in a sorted
//! dictionary, and the path comes first, so each segment's dictionary lists
//! its files in path order: [`Previous::files`] merges the dictionaries of
//! all segments into one stream sorted by path, which `build` walks beside
//! the archive (walked in the same order). Comparing an archive with its
//! index therefore holds no table of the archive in memory, whatever its
//! size; the dictionaries are memory-mapped. Lookups by file hash (a moved
//! file) go through the same dictionaries, and by article id (when an
//! article was first indexed) through the `id` field's terms.
//!
//! Why columns and not indexed terms: these values are long and, past the
//! path, random (two hashes in hex), and tantivy builds a term dictionary
//! as a finite-state transducer, one node per byte that no other term
//! shares. At 100,000 articles the two fields were 32 million such nodes
//! against 0.3 million for every text field together, and building them
//! (at each flush and again at each merge) took 6–7% of a full build's CPU.
//! A column's dictionary is a sorted table of prefix-compressed blocks.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::{Arc, OnceLock};

use tantivy::columnar::StrColumn;
use tantivy::fastfield::AliveBitSet;
use tantivy::index::InvertedIndexReader;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, Term, TERMINATED};
use tantivy_sstable::{Streamer, VoidSSTable};

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
    files: Option<ManifestColumn>,
    file_hashes: Option<ManifestColumn>,
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

/// One segment's `files` or `file_hashes` column.
struct ManifestColumn {
    column: StrColumn,
    /// In a segment with deletions, which values a live document holds;
    /// made on first use.
    live: OnceLock<LiveValues>,
}

impl ManifestColumn {
    fn new(column: StrColumn) -> Self {
        ManifestColumn {
            column,
            live: OnceLock::new(),
        }
    }

    /// Whether a live document of the segment (whose deletions are
    /// `alive`, if any) holds value `ord`.
    fn is_live(&self, alive: Option<&AliveBitSet>, ord: u64) -> bool {
        match alive {
            None => true,
            Some(alive) => self
                .live
                .get_or_init(|| LiveValues::of(&self.column, alive))
                .contains(ord),
        }
    }
}

/// The ordinals of a string column's values that at least one live
/// document holds: a deleted document's values stay in its segment's
/// dictionary until a merge drops them.
struct LiveValues(Vec<u64>);

impl LiveValues {
    fn of(column: &StrColumn, alive: &AliveBitSet) -> Self {
        let mut bits = vec![0u64; column.num_terms().div_ceil(64)];
        for doc in alive.iter_alive() {
            for ord in column.term_ords(doc) {
                if let Some(word) = bits.get_mut((ord / 64) as usize) {
                    *word |= 1 << (ord % 64);
                }
            }
        }
        LiveValues(bits)
    }

    fn contains(&self, ord: u64) -> bool {
        self.0
            .get((ord / 64) as usize)
            .is_some_and(|word| word >> (ord % 64) & 1 == 1)
    }
}

/// The previous build, open for comparison with the archive.
pub struct Previous {
    segments: Vec<SegmentView>,
    id_field: Field,
    paths: u64,
}

impl Previous {
    /// Opens the previous build seen by `searcher`. Columns it lacks (an
    /// index from an older dossier) read as empty: its files then all look
    /// new, and the run reads them.
    pub fn open(searcher: &Searcher) -> tantivy::Result<Self> {
        let id_field = searcher.schema().get_field("id")?;
        let mut segments = Vec::new();
        let mut paths = 0;
        for segment in searcher.segment_readers() {
            let column = |name: &str| {
                let column = segment.fast_fields().str(name).ok().flatten();
                column.map(ManifestColumn::new)
            };
            let files = column("files");
            if let Some(files) = &files {
                paths += files.column.num_terms() as u64;
            }
            segments.push(SegmentView {
                files,
                file_hashes: column("file_hashes"),
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
        let mut streams = Vec::new();
        for (index, segment) in self.segments.iter().enumerate() {
            let Some(files) = &segment.files else {
                continue;
            };
            streams.push((index, files.column.dictionary().stream()?));
        }
        let mut previous = PreviousFiles {
            previous: self,
            streams,
            heads: BinaryHeap::new(),
        };
        for slot in 0..previous.streams.len() {
            if let Some(head) = previous.advance(slot) {
                previous.heads.push(head);
            }
        }
        Ok(previous)
    }

    /// The article a file with these bytes belongs to, if any.
    pub fn article_of_file_hash(&self, hash: &[u8; 32]) -> std::io::Result<Option<DocKey>> {
        // Values are `HASH ID`: the ids of the documents holding a file with
        // these bytes are the values between `HASH ` and `HASH!`.
        let low = format!("{} ", hex(hash));
        let high = format!("{}!", hex(hash));
        for segment in &self.segments {
            let Some(file_hashes) = &segment.file_hashes else {
                continue;
            };
            let mut stream = file_hashes
                .column
                .dictionary()
                .range()
                .ge(&low)
                .lt(&high)
                .into_stream()?;
            while stream.advance() {
                if !file_hashes.is_live(segment.alive.as_ref(), stream.term_ord()) {
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

    /// The `file_hashes` value of a file with bytes `hash` in article `id`.
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

/// The next value of one segment's `files` dictionary and the stream it
/// came from; `Reverse` makes the heap pop the smallest value first.
type Head = Reverse<(Vec<u8>, usize)>;

/// The live files of the previous build in path order: a merge of every
/// segment's `files` dictionary, skipping the values of deleted documents.
pub struct PreviousFiles<'a> {
    previous: &'a Previous,
    streams: Vec<(usize, Streamer<'a, VoidSSTable>)>,
    heads: BinaryHeap<Head>,
}

impl PreviousFiles<'_> {
    /// Moves stream `slot` to its next live value.
    fn advance(&mut self, slot: usize) -> Option<Head> {
        let (segment_index, stream) = &mut self.streams[slot];
        let segment = &self.previous.segments[*segment_index];
        let files = segment.files.as_ref()?;
        while stream.advance() {
            if files.is_live(segment.alive.as_ref(), stream.term_ord()) {
                return Some(Reverse((stream.key().to_vec(), slot)));
            }
        }
        None
    }
}

impl Iterator for PreviousFiles<'_> {
    type Item = PreviousFile;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let Reverse((term, slot)) = self.heads.pop()?;
            if let Some(next) = self.advance(slot) {
                self.heads.push(next);
            }
            // A damaged entry is skipped: its file then looks new and is
            // read again.
            if let Some((entry, id)) = FileEntry::decode(&term) {
                return Some(PreviousFile { entry, id });
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

    /// An index with the manifest's fields, one segment holding the
    /// articles `ids` (one file each, named after the id), with the first
    /// `deleted` of them deleted afterwards.
    fn index_of(ids: &[u8], deleted: usize) -> (tempfile::TempDir, tantivy::Index) {
        use tantivy::schema::{Schema, FAST, STRING};
        let dir = tempfile::tempdir().unwrap();
        let mut builder = Schema::builder();
        let id_field = builder.add_text_field("id", STRING);
        let files = builder.add_text_field("files", FAST);
        let file_hashes = builder.add_text_field("file_hashes", FAST);
        let index = tantivy::Index::create_in_dir(dir.path(), builder.build()).unwrap();
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        for &n in ids {
            let id = [n; 32];
            let entry = FileEntry {
                path: format!("site/{n:03}.html"),
                size: u64::from(n),
                mtime: 1,
                hash: [n; 32],
            };
            let mut doc = tantivy::TantivyDocument::default();
            doc.add_text(id_field, hex(&id));
            doc.add_text(files, entry.encode(&id));
            doc.add_text(file_hashes, Previous::file_hash_term(&entry.hash, &id));
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        for &n in &ids[..deleted] {
            writer.delete_term(Term::from_field_text(id_field, &hex(&[n; 32])));
        }
        writer.commit().unwrap();
        (dir, index)
    }

    #[test]
    fn the_files_of_deleted_articles_are_not_listed() {
        let (_dir, index) = index_of(&[3, 1, 2, 4], 2);
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 1);
        assert!(searcher.segment_reader(0).alive_bitset().is_some());
        let previous = Previous::open(&searcher).unwrap();
        assert!(previous.has_files());
        let listed: Vec<(String, u8)> = previous
            .files()
            .unwrap()
            .map(|file| (file.entry.path, file.id[0]))
            .collect();
        // In path order, without 3 and 1, deleted.
        assert_eq!(
            listed,
            vec![
                ("site/002.html".to_string(), 2),
                ("site/004.html".to_string(), 4)
            ]
        );
        assert_eq!(
            previous.article_of_file_hash(&[4; 32]).unwrap(),
            Some([4; 32])
        );
        assert_eq!(previous.article_of_file_hash(&[3; 32]).unwrap(), None);
        assert_eq!(previous.article_of_file_hash(&[9; 32]).unwrap(), None);
    }

    #[test]
    fn without_deletions_every_file_is_listed() {
        let (_dir, index) = index_of(&[2, 1], 0);
        let previous = Previous::open(&index.reader().unwrap().searcher()).unwrap();
        let paths: Vec<String> = previous.files().unwrap().map(|f| f.entry.path).collect();
        assert_eq!(paths, ["site/001.html", "site/002.html"]);
        assert_eq!(
            previous.article_of_file_hash(&[1; 32]).unwrap(),
            Some([1; 32])
        );
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
