//! A build's per-file bookkeeping, sorted by article, in bounded memory.
//!
//! A build learns where each article's files are one file at a time, in
//! path order, while it has to decide per *article* (is it new, did it
//! gain a copy or lose a path, is it gone). Holding a map from article to
//! files for the whole archive was the part of a build's memory that grew
//! with the archive. Instead every file's record goes here: records are
//! buffered up to a byte budget, sorted by article id and path, and written
//! to a run file in the spill folder when the buffer is full; at the end the
//! runs are merged, so the build reads its records back grouped by article
//! holding only one group at a time. A nightly run of a few hundred
//! thousand files never touches the disk.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// A document's id (the blake3 of its title and body) as raw bytes.
pub type DocKey = [u8; 32];

/// What a record says about its file and article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    /// The file is where the previous build had it, with the same size and
    /// modification time: it was not read, and stays with its article.
    Kept = 0,
    /// The file was read and its bytes are those of a file the previous
    /// build had (a copy, a move, a `touch`): it joins that article
    /// without being normalized again.
    Joined = 1,
    /// The file was read, normalized and written as a new document in this
    /// run.
    Fresh = 2,
    /// The previous build had this path in the article and this run does
    /// not keep it there (the file is gone or changed).
    Lost = 3,
}

impl RecordKind {
    fn from_byte(byte: u8) -> io::Result<Self> {
        Ok(match byte {
            0 => RecordKind::Kept,
            1 => RecordKind::Joined,
            2 => RecordKind::Fresh,
            3 => RecordKind::Lost,
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "bad record kind",
                ))
            }
        })
    }

    /// Whether the file belongs to the article after this run.
    pub fn is_current(self) -> bool {
        self != RecordKind::Lost
    }
}

/// One file of one article, as this run sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// The article.
    pub id: DocKey,
    /// The file's path, as walked.
    pub path: String,
    /// What this run did with the file.
    pub kind: RecordKind,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, seconds since the Unix epoch.
    pub mtime: u64,
    /// blake3 of the file's bytes.
    pub hash: [u8; 32],
}

impl FileRecord {
    fn sort_key(&self) -> (&DocKey, &str, RecordKind) {
        (&self.id, &self.path, self.kind)
    }

    /// Bytes it holds in memory (its share of the buffer budget).
    fn footprint(&self) -> usize {
        std::mem::size_of::<Self>() + self.path.len()
    }

    fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(&self.id)?;
        out.write_all(&[self.kind as u8])?;
        out.write_all(&self.size.to_le_bytes())?;
        out.write_all(&self.mtime.to_le_bytes())?;
        out.write_all(&self.hash)?;
        out.write_all(&(self.path.len() as u32).to_le_bytes())?;
        out.write_all(self.path.as_bytes())
    }

    /// The next record of a run file; `None` at its end.
    fn read_from(input: &mut impl Read) -> io::Result<Option<Self>> {
        let mut id = [0u8; 32];
        match input.read_exact(&mut id) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(e),
        }
        let mut kind = [0u8; 1];
        input.read_exact(&mut kind)?;
        let mut word = [0u8; 8];
        input.read_exact(&mut word)?;
        let size = u64::from_le_bytes(word);
        input.read_exact(&mut word)?;
        let mtime = u64::from_le_bytes(word);
        let mut hash = [0u8; 32];
        input.read_exact(&mut hash)?;
        let mut len = [0u8; 4];
        input.read_exact(&mut len)?;
        let mut path = vec![0u8; u32::from_le_bytes(len) as usize];
        input.read_exact(&mut path)?;
        let path = String::from_utf8(path)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "path is not UTF-8"))?;
        Ok(Some(FileRecord {
            id,
            path,
            kind: RecordKind::from_byte(kind[0])?,
            size,
            mtime,
            hash,
        }))
    }
}

/// Records of a run, buffered up to a budget and spilled to sorted run
/// files beyond it.
#[derive(Debug)]
pub struct Spill {
    dir: PathBuf,
    budget: usize,
    buffer: Vec<FileRecord>,
    buffered: usize,
    runs: Vec<PathBuf>,
    records: u64,
}

impl Spill {
    /// A spill that keeps up to `budget` bytes of records in memory and
    /// writes the rest to run files in `dir` (created when first needed;
    /// removed, with the runs, by [`Spill::remove_dir`]).
    pub fn new(dir: &Path, budget: usize) -> Self {
        Spill {
            dir: dir.to_path_buf(),
            budget: budget.max(16 * 1024),
            buffer: Vec::new(),
            buffered: 0,
            runs: Vec::new(),
            records: 0,
        }
    }

    /// Adds a record, writing the buffer out as a sorted run when it is full.
    pub fn push(&mut self, record: FileRecord) -> io::Result<()> {
        self.buffered += record.footprint();
        self.buffer.push(record);
        self.records += 1;
        if self.buffered >= self.budget {
            self.write_run()?;
        }
        Ok(())
    }

    /// Records pushed so far.
    pub fn len(&self) -> u64 {
        self.records
    }

    /// Whether no record was pushed.
    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// Run files written so far (0 while everything fits in memory).
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    fn write_run(&mut self) -> io::Result<()> {
        self.buffer
            .sort_unstable_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        std::fs::create_dir_all(&self.dir)?;
        let path = self.dir.join(format!("run-{:05}", self.runs.len()));
        let mut out = BufWriter::new(File::create(&path)?);
        for record in self.buffer.drain(..) {
            record.write_to(&mut out)?;
        }
        out.flush()?;
        self.runs.push(path);
        self.buffered = 0;
        // Give the buffer's memory back: the next phase needs it.
        self.buffer.shrink_to(0);
        Ok(())
    }

    /// All records, sorted by article id, then path, then kind.
    pub fn into_sorted(mut self) -> io::Result<Sorted> {
        if self.runs.is_empty() {
            self.buffer
                .sort_unstable_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            return Ok(Sorted(Source::Memory(
                std::mem::take(&mut self.buffer).into_iter(),
            )));
        }
        if !self.buffer.is_empty() {
            self.write_run()?;
        }
        let mut readers = Vec::with_capacity(self.runs.len());
        let mut heap = BinaryHeap::with_capacity(self.runs.len());
        for (run, path) in self.runs.iter().enumerate() {
            // Small buffers: a 1,000,000-file build merges about a dozen runs.
            let mut reader = BufReader::with_capacity(64 * 1024, File::open(path)?);
            if let Some(record) = FileRecord::read_from(&mut reader)? {
                heap.push(Head { record, run });
            }
            readers.push(reader);
        }
        Ok(Sorted(Source::Runs { readers, heap }))
    }

    /// Removes the spill folder and everything in it.
    pub fn remove_dir(dir: &Path) -> io::Result<()> {
        match std::fs::remove_dir_all(dir) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// The head record of a run, ordered for a min-heap.
#[derive(Debug)]
struct Head {
    record: FileRecord,
    run: usize,
}

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Head {}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Head {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap pops the greatest.
        other
            .record
            .sort_key()
            .cmp(&self.record.sort_key())
            .then_with(|| other.run.cmp(&self.run))
    }
}

/// The records of a [`Spill`] in order.
#[derive(Debug)]
pub struct Sorted(Source);

#[derive(Debug)]
enum Source {
    /// Everything fitted in memory.
    Memory(std::vec::IntoIter<FileRecord>),
    /// A merge of sorted run files.
    Runs {
        /// One reader per run.
        readers: Vec<BufReader<File>>,
        /// The next record of each run that has one.
        heap: BinaryHeap<Head>,
    },
}

impl Iterator for Sorted {
    type Item = io::Result<FileRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.0 {
            Source::Memory(records) => records.next().map(Ok),
            Source::Runs { readers, heap } => {
                let Head { record, run } = heap.pop()?;
                match FileRecord::read_from(&mut readers[run]) {
                    Ok(Some(next)) => heap.push(Head { record: next, run }),
                    Ok(None) => {}
                    Err(e) => return Some(Err(e)),
                }
                Some(Ok(record))
            }
        }
    }
}

/// The records of one article, in path order.
pub type Group = (DocKey, Vec<FileRecord>);

/// Groups sorted records by article.
pub struct Groups {
    records: Sorted,
    pending: Option<FileRecord>,
}

impl Groups {
    /// Groups `records`, which must be sorted by article id.
    pub fn new(records: Sorted) -> Self {
        Groups {
            records,
            pending: None,
        }
    }
}

impl Iterator for Groups {
    type Item = io::Result<Group>;

    fn next(&mut self) -> Option<Self::Item> {
        let first = match self.pending.take() {
            Some(record) => record,
            None => match self.records.next()? {
                Ok(record) => record,
                Err(e) => return Some(Err(e)),
            },
        };
        let id = first.id;
        let mut group = vec![first];
        loop {
            match self.records.next() {
                None => break,
                Some(Err(e)) => return Some(Err(e)),
                Some(Ok(record)) if record.id == id => group.push(record),
                Some(Ok(record)) => {
                    self.pending = Some(record);
                    break;
                }
            }
        }
        Some(Ok((id, group)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: u8, path: &str, kind: RecordKind) -> FileRecord {
        FileRecord {
            id: [id; 32],
            path: path.to_string(),
            kind,
            size: id as u64 * 10,
            mtime: 7,
            hash: [id.wrapping_add(1); 32],
        }
    }

    fn shuffled(n: u32) -> Vec<FileRecord> {
        // A fixed permutation of 0..n (n prime to 7919).
        (0..n)
            .map(|i| {
                let j = (i * 7919) % n;
                let kind = if j.is_multiple_of(3) {
                    RecordKind::Lost
                } else {
                    RecordKind::Kept
                };
                record((j % 251) as u8, &format!("dir/{j:06}.html"), kind)
            })
            .collect()
    }

    fn collect(spill: Spill) -> Vec<FileRecord> {
        spill
            .into_sorted()
            .unwrap()
            .collect::<io::Result<Vec<_>>>()
            .unwrap()
    }

    #[test]
    fn records_come_back_sorted_with_or_without_runs_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let records = shuffled(20_000);
        let mut expected = records.clone();
        expected.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));

        let mut in_memory = Spill::new(&dir.path().join("a"), 1 << 30);
        let mut on_disk = Spill::new(&dir.path().join("b"), 1 << 20);
        for r in &records {
            in_memory.push(r.clone()).unwrap();
            on_disk.push(r.clone()).unwrap();
        }
        assert_eq!(in_memory.runs(), 0);
        assert!(on_disk.runs() > 1, "{} runs", on_disk.runs());
        assert_eq!(collect(in_memory), expected);
        assert_eq!(collect(on_disk), expected);
        Spill::remove_dir(&dir.path().join("b")).unwrap();
        assert!(!dir.path().join("b").exists());
    }

    #[test]
    fn groups_hold_one_article_each_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = Spill::new(dir.path(), 1 << 20);
        spill.push(record(2, "b.html", RecordKind::Fresh)).unwrap();
        spill.push(record(1, "z.html", RecordKind::Kept)).unwrap();
        spill.push(record(2, "a.html", RecordKind::Joined)).unwrap();
        spill.push(record(1, "c.html", RecordKind::Lost)).unwrap();
        spill.push(record(3, "d.html", RecordKind::Kept)).unwrap();
        let groups: Vec<Group> = Groups::new(spill.into_sorted().unwrap())
            .collect::<io::Result<_>>()
            .unwrap();
        let shape: Vec<(u8, Vec<&str>)> = groups
            .iter()
            .map(|(id, g)| (id[0], g.iter().map(|r| r.path.as_str()).collect()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (1, vec!["c.html", "z.html"]),
                (2, vec!["a.html", "b.html"]),
                (3, vec!["d.html"]),
            ]
        );
    }

    #[test]
    fn a_damaged_run_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = Spill::new(dir.path(), 1 << 20);
        for r in shuffled(30_000) {
            spill.push(r).unwrap();
        }
        assert!(spill.runs() > 0);
        let run = dir.path().join("run-00000");
        let bytes = std::fs::read(&run).unwrap();
        let mut damaged = bytes[..bytes.len() / 2].to_vec();
        damaged[32] = 9; // not a record kind
        std::fs::write(&run, damaged).unwrap();
        let outcome = spill.into_sorted().map(|s| s.collect::<Vec<_>>());
        let failed = match outcome {
            Err(_) => true,
            Ok(items) => items.iter().any(|r| r.is_err()),
        };
        assert!(failed);
    }
}
