//! What was indexed, per file, for incremental builds.
//!
//! Each document stores one [`FileEntry`] per path it was found at (size,
//! modification time and blake3 of the file's bytes) in the multi-valued
//! `files` fast field, and the build that first indexed it in `indexed_at`.
//! This module owns that encoding and reading it back for a whole index from
//! the columnar store, which touches neither the document store nor the
//! article texts: comparing a 50,000-file archive with its index costs
//! milliseconds. Deciding what to do with the comparison is `build`'s job.

use std::collections::HashMap;

use tantivy::columnar::StrColumn;
use tantivy::{Index, SegmentReader};

/// One file of the archive as the index remembers it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileEntry {
    /// The path, as reached from the archive root given on the command line.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, seconds since the Unix epoch.
    pub mtime: u64,
    /// blake3 of the file's bytes, hex.
    pub hash: String,
}

impl FileEntry {
    /// The stored form: `SIZE MTIME HASH PATH` (the path last, so it may
    /// hold spaces).
    pub fn encode(&self) -> String {
        format!("{} {} {} {}", self.size, self.mtime, self.hash, self.path)
    }

    /// Parses [`FileEntry::encode`]'s output; `None` if malformed.
    pub fn decode(text: &str) -> Option<Self> {
        let mut parts = text.splitn(4, ' ');
        let size = parts.next()?.parse().ok()?;
        let mtime = parts.next()?.parse().ok()?;
        let hash = parts.next()?.to_string();
        let path = parts.next()?.to_string();
        Some(FileEntry {
            path,
            size,
            mtime,
            hash,
        })
    }
}

/// One live document of the previous build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreviousDoc {
    /// Its files.
    pub files: Vec<FileEntry>,
    /// The build that first indexed it.
    pub indexed_at: u64,
}

/// The previous build, as needed to compare it with the archive.
#[derive(Debug, Default)]
pub struct Manifest {
    /// Content id → document.
    pub docs: HashMap<String, PreviousDoc>,
    /// Path → content id.
    pub by_path: HashMap<String, String>,
    /// blake3 of file bytes → content id; filled by
    /// [`Manifest::index_file_hashes`], only when some file must be read.
    pub by_file_hash: HashMap<String, String>,
}

impl Manifest {
    /// Reads the manifest of the last commit of `index` from its fast
    /// fields `id`, `files` and `indexed_at` (looked up by name, so that an
    /// index built under another `fields.toml` is read too). Fields it lacks
    /// read as empty.
    pub fn read(index: &Index) -> tantivy::Result<Self> {
        let reader = index.reader()?;
        let searcher = reader.searcher();
        let docs = searcher.num_docs() as usize;
        let mut manifest = Manifest {
            docs: HashMap::with_capacity(docs),
            by_path: HashMap::with_capacity(docs),
            by_file_hash: HashMap::new(),
        };
        for segment in searcher.segment_readers() {
            read_segment(segment, &mut manifest)?;
        }
        Ok(manifest)
    }

    /// The previous entry of `path`, with its document id.
    pub fn entry(&self, path: &str) -> Option<(&str, &FileEntry)> {
        let id = self.by_path.get(path)?;
        let doc = self.docs.get(id)?;
        let entry = doc.files.iter().find(|f| f.path == path)?;
        Some((id.as_str(), entry))
    }

    /// Fills `by_file_hash`.
    pub fn index_file_hashes(&mut self) {
        for (id, doc) in &self.docs {
            for entry in &doc.files {
                self.by_file_hash.insert(entry.hash.clone(), id.clone());
            }
        }
    }

    /// Number of paths the previous build held.
    pub fn paths(&self) -> usize {
        self.by_path.len()
    }
}

/// Every term of a string fast field of `segment`, indexed by term ordinal
/// (one pass over the dictionary instead of a lookup per document).
fn str_column(
    segment: &SegmentReader,
    name: &str,
) -> tantivy::Result<Option<(StrColumn, Vec<String>)>> {
    let Some(column) = segment.fast_fields().str(name)? else {
        return Ok(None);
    };
    let mut terms = Vec::with_capacity(column.dictionary().num_terms());
    let mut stream = column.dictionary().stream()?;
    while stream.advance() {
        terms.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(Some((column, terms)))
}

fn read_segment(segment: &SegmentReader, manifest: &mut Manifest) -> tantivy::Result<()> {
    let Some((ids, id_terms)) = str_column(segment, "id")? else {
        return Ok(());
    };
    let files = str_column(segment, "files")?;
    let indexed_at = segment.fast_fields().u64("indexed_at").ok();
    let alive = segment.alive_bitset();
    for doc in 0..segment.max_doc() {
        if alive.is_some_and(|a| !a.is_alive(doc)) {
            continue;
        }
        let Some(id) = ids
            .term_ords(doc)
            .next()
            .and_then(|ord| id_terms.get(ord as usize))
        else {
            continue;
        };
        let mut entries = Vec::new();
        if let Some((files, terms)) = &files {
            for ord in files.term_ords(doc) {
                if let Some(entry) = terms.get(ord as usize).and_then(|t| FileEntry::decode(t)) {
                    entries.push(entry);
                }
            }
        }
        entries.sort();
        for entry in &entries {
            manifest.by_path.insert(entry.path.clone(), id.clone());
        }
        let first = indexed_at.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        let previous = manifest.docs.entry(id.clone()).or_default();
        previous.files.extend(entries);
        previous.indexed_at = previous.indexed_at.max(first);
    }
    Ok(())
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
            hash: "ab12".to_string(),
        };
        assert_eq!(FileEntry::decode(&entry.encode()), Some(entry));
        assert_eq!(FileEntry::decode("12 x ab path"), None);
        assert_eq!(FileEntry::decode("12 3 ab"), None);
    }
}
