//! Building an index from archive folders, incrementally.
//!
//! A run compares the archive with the index's [`Manifest`] (per path: size,
//! modification time, blake3 of the bytes). Files whose size and mtime did
//! not move are not read at all. The others are read and hashed; a file
//! whose bytes the index already knows (a move, a copy, a `touch`) is not
//! normalized again; the rest are normalized and tagged in parallel (rayon)
//! and handed, as they come, to a single tantivy `IndexWriter`. Identical
//! articles found at several paths are one document listing every path.
//! Documents whose set of paths changed without being re-read, and (after a
//! gazetteer change) documents whose tags change, are rewritten from their
//! stored title and body. Documents left with no path are deleted.
//!
//! The whole run is one commit: until it lands, readers (and a run that dies
//! half-way) see the previous build. A change of `fields.toml` builds a new
//! index in a staging folder and swaps it in by renaming `meta.json`, so a
//! crash then leaves the old index too. One process writes at a time
//! ([`WriterLock`]).

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use smallvec::SmallVec;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::budget::{BudgetedDocument, BudgetedWriter};
use super::document::IndexedArticle;
use super::fields::{build_schema, Fields};
use super::lock::{LockError, WriterLock, LOCK_FILE};
use super::manifest::{FileEntry, Manifest};
use super::{analyzers, exists, read_info, IndexError, IndexInfo};
use crate::actors::Tagger;
use crate::ingest::{self, ArchiveFile};
use crate::normalize;
use crate::schema::Schema;

/// The folder, inside the index folder, where a rebuild under a new
/// `fields.toml` is staged before it replaces the old index.
pub const STAGING_DIR: &str = ".dossier-rebuild";

/// Files of the index folder that are dossier's, not tantivy's.
const OWN_FILES: &[&str] = &[LOCK_FILE, STAGING_DIR, crate::watch::WATCH_FILE];

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Archive folders (or single files) to index.
    pub roots: Vec<PathBuf>,
    /// Where the index lives.
    pub index_dir: PathBuf,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Show a progress bar (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Memory budget of the tantivy writer, in bytes.
    pub writer_memory: usize,
    /// Re-read every file and rewrite every document, instead of only what
    /// changed. Documents keep the build that first indexed them.
    pub full: bool,
}

/// A file that could not be indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The file.
    pub path: String,
    /// Why.
    pub error: String,
}

/// What a build did; serialized as the `--report` JSON of DESIGN.md.
///
/// `added`, `updated`, `unchanged`, `moved` and `removed` count paths
/// (files), compared with the previous build: a file at a new path is
/// added (or moved, when the same bytes left another path in the same
/// run), a file whose content changed is updated, a path gone from the
/// archive is removed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuildReport {
    /// Files found in the archive.
    pub scanned: u64,
    /// Files at a path new to the index.
    pub added: u64,
    /// Files at a known path whose content changed.
    pub updated: u64,
    /// Files at a known path with the same content.
    pub unchanged: u64,
    /// Paths no longer in the archive.
    pub removed: u64,
    /// Files that moved: a new path with the bytes of a removed one.
    pub moved: u64,
    /// Articles whose gang or official tags changed because the gazetteers
    /// did (re-tagged from the stored text, without reading the archive).
    pub retagged: u64,
    /// Files that could not be indexed, with the reason.
    pub failed: Vec<Failure>,
    /// Wall time of the build.
    pub elapsed_ms: u64,
    /// Distinct articles in the committed index.
    pub articles: u64,
    /// Bytes of archive files read.
    pub bytes_read: u64,
    /// Files read (the others were skipped on size and mtime).
    pub files_read: u64,
    /// Whether every file was re-read (`--full`, or a schema change).
    pub full: bool,
    /// This build's sequence number (1 for the first build of the index).
    pub build: u64,
}

/// One document of this run, as its files come in.
///
/// There is one per article of the archive, so it is kept small: a
/// 1,000,000-article build holds a million of them.
#[derive(Debug, Default)]
struct SeenDoc {
    /// Every file with this content, so far, in path order (nearly always
    /// one, kept inline).
    files: SmallVec<[DocFile; 1]>,
    /// A fingerprint of the files listed by the document written in this
    /// run, if one was (see [`fingerprint`]).
    written: Option<u64>,
    /// The file this run normalized into this document, as its index in
    /// the walked files.
    fresh: Option<usize>,
}

/// One file of a document, compactly: its place in the walked files (which
/// are sorted by path) and what the index records of it. A build holds one
/// per file of the archive; a [`FileEntry`] (path and hex hash as strings)
/// is four times the size and is only made when a document is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct DocFile {
    index: usize,
    size: u64,
    mtime: u64,
    hash: [u8; 32],
}

impl DocFile {
    /// The file at `index` of the walk, as `entry` (from the previous build
    /// or this run) describes it.
    fn new(index: usize, entry: &FileEntry) -> Self {
        // A hash that does not parse (a damaged record) reads as zeros: it
        // matches no file, so the file is read and hashed again next time.
        let hash = blake3::Hash::from_hex(&entry.hash)
            .map(|h| *h.as_bytes())
            .unwrap_or([0; 32]);
        DocFile {
            index,
            size: entry.size,
            mtime: entry.mtime,
            hash,
        }
    }

    fn entry(&self, walked: &[ArchiveFile]) -> FileEntry {
        FileEntry {
            path: walked
                .get(self.index)
                .map(|f| f.path.display().to_string())
                .unwrap_or_default(),
            size: self.size,
            mtime: self.mtime,
            hash: blake3::Hash::from(self.hash).to_hex().to_string(),
        }
    }
}

fn entries(files: &[DocFile], walked: &[ArchiveFile]) -> Vec<FileEntry> {
    files.iter().map(|f| f.entry(walked)).collect()
}

/// A document's id (the blake3 of its title and body) as raw bytes: the
/// key of a map with one entry per article, where the hex string would
/// cost three times as much.
type DocKey = [u8; 32];

/// The key of a document id, if it is one (ids of a damaged index may not be).
fn doc_key(id: &str) -> Option<DocKey> {
    blake3::Hash::from_hex(id).ok().map(|h| *h.as_bytes())
}

fn doc_id(key: &DocKey) -> String {
    blake3::Hash::from(*key).to_hex().to_string()
}

/// A fingerprint of a document's (sorted) files, to tell whether its file
/// list changed after it was written without keeping a copy of the list.
fn fingerprint(files: &[DocFile]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    files.hash(&mut hasher);
    hasher.finish()
}

/// What the parallel phase counts of the files it read.
#[derive(Default)]
struct Outcomes {
    unchanged: AtomicU64,
    updated: AtomicU64,
    /// New paths, when the previous build had none to lose (no moves).
    added: AtomicU64,
    /// The content hashes of new paths, when they may be moves.
    new_hashes: Mutex<Vec<String>>,
}

/// Shared state of the parallel phase.
struct Run<'a> {
    schema: &'a Schema,
    tagger: &'a Tagger,
    fields: &'a Fields,
    writer: &'a BudgetedWriter,
    manifest: &'a Manifest,
    /// The walked files; documents name theirs by index.
    walked: &'a [ArchiveFile],
    full: bool,
    build: u64,
    seen: Mutex<HashMap<DocKey, SeenDoc>>,
}

/// Builds the index at `options.index_dir` from the archive, changing only
/// what the archive changed (everything with `options.full`).
pub fn build(schema: &Schema, options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let started = Instant::now();
    let tagger = Tagger::new(schema)?;
    let dir = &options.index_dir;
    prepare_dir(dir)?;
    let _lock = WriterLock::acquire(dir).map_err(|e| match e {
        LockError::Held(holder) => anyhow::Error::new(IndexError::Busy {
            path: dir.clone(),
            holder,
        }),
        other => anyhow::Error::new(other),
    })?;
    let (files, walk_failures) = ingest::walk(&options.roots);
    let tantivy_err = |source| IndexError::Tantivy {
        path: dir.to_path_buf(),
        source,
    };

    // The previous build, if any, and whether its documents can stay.
    let tantivy_schema = build_schema(schema);
    let previous = if exists(dir) {
        Some(Index::open_in_dir(dir).map_err(tantivy_err)?)
    } else {
        None
    };
    let previous_info = previous.as_ref().and_then(read_info);
    let mut manifest = previous
        .as_ref()
        .and_then(|i| Manifest::read(i).ok())
        .unwrap_or_default();
    let same_fields = previous
        .as_ref()
        .is_some_and(|i| i.schema() == tantivy_schema)
        && previous_info
            .as_ref()
            .is_some_and(|i| i.fields_version == schema.fields_version());
    let registry_changed = previous_info
        .as_ref()
        .is_some_and(|i| i.registry_version != schema.registry_version());
    let furniture_changed = previous_info
        .as_ref()
        .is_some_and(|i| i.furniture_version != schema.furniture_version());
    let build_seq = previous_info.as_ref().map_or(0, |i| i.build_seq) + 1;

    // Where this run writes: the index itself, or (new fields) a staging
    // index that replaces it once committed.
    let staging = dir.join(STAGING_DIR);
    let (index, old_reader) = match previous {
        Some(index) if same_fields => {
            analyzers::register(&index);
            let reader = index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()
                .map_err(tantivy_err)?;
            (index, Some(reader))
        }
        Some(_) => {
            remove_staging(&staging)?;
            std::fs::create_dir_all(&staging).map_err(|e| {
                anyhow::anyhow!("cannot create staging folder {}: {e}", staging.display())
            })?;
            let index =
                Index::create_in_dir(&staging, tantivy_schema.clone()).map_err(tantivy_err)?;
            analyzers::register(&index);
            (index, None)
        }
        None => {
            let index = Index::create_in_dir(dir, tantivy_schema.clone()).map_err(tantivy_err)?;
            analyzers::register(&index);
            (index, None)
        }
    };
    let staged = !same_fields && exists(&staging);
    let full = options.full || !same_fields || furniture_changed;
    let fields = Fields::new(schema, index.schema())?;
    if fields.files.is_none() || fields.indexed_at.is_none() {
        anyhow::bail!(
            "fields.toml lacks the `files` and `indexed_at` fields that incremental builds need; copy them from the built-in index-schema/fields.toml"
        );
    }

    let threads = if options.threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        options.threads
    };
    let writer_threads = threads.clamp(1, 8);
    let per_thread = (options.writer_memory / writer_threads).max(15_000_000);
    let writer: IndexWriter<BudgetedDocument> = index
        .writer_with_num_threads(writer_threads, per_thread * writer_threads)
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => {
                anyhow::Error::new(IndexError::Locked(dir.clone()))
            }
            other => anyhow::Error::new(tantivy_err(other)),
        })?;
    writer.set_merge_policy(Box::new(merge_policy()));
    // Documents waiting for the indexing threads may hold a quarter as much
    // again as the writer's own budget: enough to keep its threads busy.
    let writer = BudgetedWriter::new(writer, (options.writer_memory / 4) as u64);
    if full && same_fields {
        writer.delete_all_documents()?;
    }

    // Files whose size and mtime did not move are not read.
    let mut report = BuildReport {
        scanned: files.len() as u64,
        full,
        build: build_seq,
        ..BuildReport::default()
    };
    // Sized once for every walked file (at most one document each): growing
    // it meant holding the old table and the new one, twice as large, at
    // once, which was the last step up of a 1,000,000-file build's memory.
    let mut seen: HashMap<DocKey, SeenDoc> =
        HashMap::with_capacity(files.len().max(manifest.docs.len()) + 16);
    // Indexes into `files`, so that a document can name the file it came
    // from with a number rather than a copy of its path.
    let mut candidates: Vec<usize> = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let path = file.path.display().to_string();
        match manifest.entry(&path) {
            Some((id, entry)) if !full && entry.size == file.size && entry.mtime == file.mtime => {
                match doc_key(id) {
                    Some(key) => {
                        report.unchanged += 1;
                        seen.entry(key)
                            .or_default()
                            .files
                            .push(DocFile::new(index, entry));
                    }
                    // A damaged record: read the file again.
                    None => candidates.push(index),
                }
            }
            _ => candidates.push(index),
        }
    }
    if !candidates.is_empty() {
        manifest.index_file_hashes();
    }
    let manifest = manifest;

    let run = Run {
        schema,
        tagger: &tagger,
        fields: &fields,
        writer: &writer,
        manifest: &manifest,
        walked: &files,
        full,
        build: build_seq,
        seen: Mutex::new(seen),
    };
    let progress = progress_bar(candidates.len() as u64, options.progress);
    let failures = Mutex::new(Vec::new());
    let outcomes = Outcomes::default();
    // Without paths in the previous build, a new path cannot be a move.
    let may_move = manifest.paths() > 0;
    let bytes_read = AtomicU64::new(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    pool.install(|| {
        candidates.par_iter().for_each(|&index| {
            let file = &files[index];
            match run.index_file(index, file) {
                Ok((outcome, size)) => {
                    bytes_read.fetch_add(size, Ordering::Relaxed);
                    match outcome {
                        Outcome::Unchanged => outcomes.unchanged.fetch_add(1, Ordering::Relaxed),
                        Outcome::Updated => outcomes.updated.fetch_add(1, Ordering::Relaxed),
                        Outcome::New(hash) if may_move => {
                            lock(&outcomes.new_hashes).push(hash);
                            0
                        }
                        Outcome::New(_) => outcomes.added.fetch_add(1, Ordering::Relaxed),
                    };
                }
                Err(error) => {
                    run.keep_previous(index, file);
                    lock(&failures).push(Failure {
                        path: file.path.display().to_string(),
                        error,
                    });
                }
            }
            progress.inc(1);
        })
    });
    progress.finish_and_clear();

    // Documents whose paths changed without being re-read, documents to
    // re-tag, and documents no path leads to any more.
    let mut seen = run.seen.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut failed: Vec<Failure> = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    let failed_known = failed_known(&manifest, &failed);
    let old_searcher = old_reader.as_ref().map(IndexReader::searcher);
    for (key, doc) in seen.iter_mut() {
        doc.files.sort();
        doc.files.dedup();
        if doc.written.is_some_and(|w| w == fingerprint(&doc.files)) {
            continue;
        }
        // Only the documents that need work get their hex id back.
        let id = &doc_id(key);
        let outcome = if doc.written.is_some() {
            rewrite_fresh(
                schema, &tagger, &fields, &writer, &manifest, build_seq, &files, doc,
            )
        } else {
            let prev_files = manifest.docs.get(id).map(|d| &d.files);
            let must = full || prev_files != Some(&entries(&doc.files, &files));
            if !must && !registry_changed {
                continue;
            }
            match &old_searcher {
                Some(searcher) => rewrite_stored(
                    searcher,
                    &fields,
                    &writer,
                    &tagger,
                    id,
                    &files,
                    doc,
                    must,
                    registry_changed,
                )
                .map(|retagged| {
                    if retagged {
                        report.retagged += 1;
                    }
                }),
                None => Err(format!("article {id} is not in the index any more")),
            }
        };
        if let Err(error) = outcome {
            failed.push(Failure {
                path: doc
                    .files
                    .first()
                    .map(|f| f.entry(&files).path)
                    .unwrap_or_default(),
                error,
            });
        }
    }
    if !full {
        for id in manifest.docs.keys() {
            if doc_key(id).is_none_or(|key| !seen.contains_key(&key)) {
                writer.delete_term(Term::from_field_text(fields.id, id));
            }
        }
    }

    // Counts of paths: new ones are moves when the same bytes left a path.
    let read_unchanged = outcomes.unchanged.into_inner();
    let updated = outcomes.updated.into_inner();
    let new_hashes = outcomes
        .new_hashes
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let known_paths = report.unchanged + read_unchanged + updated + failed_known;
    let mut removed_hashes: HashMap<&str, u64> = HashMap::new();
    if (manifest.paths() as u64) > known_paths {
        let walked: HashSet<String> = files.iter().map(|f| f.path.display().to_string()).collect();
        for doc in manifest.docs.values() {
            for entry in &doc.files {
                if !walked.contains(&entry.path) {
                    *removed_hashes.entry(entry.hash.as_str()).or_default() += 1;
                }
            }
        }
    }
    report.unchanged += read_unchanged;
    report.updated += updated;
    report.added += outcomes.added.into_inner();
    for hash in new_hashes {
        match removed_hashes.get_mut(hash.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                report.moved += 1;
            }
            _ => report.added += 1,
        }
    }
    report.removed = removed_hashes.values().sum();
    report.articles = seen.values().filter(|d| !d.files.is_empty()).count() as u64;
    report.files_read = candidates.len() as u64;
    report.bytes_read = bytes_read.into_inner();

    let info = IndexInfo {
        dossier_version: env!("CARGO_PKG_VERSION").to_string(),
        fields_version: schema.fields_version(),
        registry_version: schema.registry_version(),
        furniture_version: schema.furniture_version(),
        built_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        schema: schema.sources.clone(),
        build_seq,
    };
    drop(old_searcher);
    drop(old_reader);
    commit(writer, &info, dir)?;
    if staged {
        swap_in(&staging, dir)?;
    }

    failed.extend(walk_failures.into_iter().map(|f| Failure {
        path: f.path.display().to_string(),
        error: f.error,
    }));
    failed.sort_by(|a, b| a.path.cmp(&b.path));
    report.failed = failed;
    report.elapsed_ms = started.elapsed().as_millis() as u64;
    Ok(report)
}

/// How a file read in this run compares with the previous build.
enum Outcome {
    /// Same path, same bytes (only the mtime moved).
    Unchanged,
    /// Same path, other bytes.
    Updated,
    /// A path new to the index, with the blake3 of its bytes.
    New(String),
}

impl Run<'_> {
    /// Reads one file and files it under its document: a known content is
    /// only recorded (the document is rewritten after the parallel phase if
    /// its paths changed); a new content is normalized, tagged and written.
    fn index_file(&self, index: usize, file: &ArchiveFile) -> Result<(Outcome, u64), String> {
        let path = file.path.display().to_string();
        let bytes = ingest::read_file(&file.path).map_err(|e| format!("{:#}", e))?;
        let raw_hash = blake3::hash(&bytes);
        let hash = raw_hash.to_hex().to_string();
        let entry = DocFile {
            index,
            size: bytes.len() as u64,
            mtime: file.mtime,
            hash: *raw_hash.as_bytes(),
        };
        let previous = self.manifest.entry(&path);
        let outcome = match previous {
            Some((_, old)) if old.hash == hash => Outcome::Unchanged,
            Some(_) => Outcome::Updated,
            None => Outcome::New(hash.clone()),
        };
        let size = entry.size;
        if !self.full {
            if let Some(key) = self
                .manifest
                .by_file_hash
                .get(&hash)
                .and_then(|id| doc_key(id))
            {
                lock(&self.seen).entry(key).or_default().files.push(entry);
                return Ok((outcome, size));
            }
        }
        let article = normalize::normalize(&bytes, &file.path, &self.schema.furniture)
            .map_err(|e| e.to_string())?;
        drop(bytes);
        let tags = self.tagger.tag(&article.title, &article.body);
        let mut article = IndexedArticle::new(path, article, tags);
        // The lock spans the delete and the re-add so that the writer sees
        // them in order: a duplicate replaces the document with one listing
        // all paths.
        let mut seen = lock(&self.seen);
        let key = doc_key(&article.content_hash)
            .ok_or_else(|| format!("bad content hash {}", article.content_hash))?;
        let doc = seen.entry(key).or_default();
        doc.files.push(entry);
        doc.files.sort();
        doc.files.dedup();
        let replace = doc.written.is_some()
            || (!self.full && self.manifest.docs.contains_key(&article.content_hash));
        set_files(&mut article, &entries(&doc.files, self.walked));
        article.indexed_at = first_seen(self.manifest, &article.content_hash, self.build);
        if replace {
            self.writer
                .delete_term(Term::from_field_text(self.fields.id, &article.content_hash));
        }
        self.writer
            .add_document(article.to_document(self.fields))
            .map_err(|e| format!("index writer: {e}"))?;
        doc.written = Some(fingerprint(&doc.files));
        doc.fresh = Some(index);
        Ok((outcome, size))
    }

    /// A file of the previous build that cannot be read now keeps its place
    /// in its document (a transient error must not drop an article, nor
    /// make it "arrive" again the next night).
    fn keep_previous(&self, index: usize, file: &ArchiveFile) {
        if self.full {
            return;
        }
        let path = file.path.display().to_string();
        if let Some((key, entry)) = self
            .manifest
            .entry(&path)
            .and_then(|(id, entry)| Some((doc_key(id)?, entry)))
        {
            lock(&self.seen)
                .entry(key)
                .or_default()
                .files
                .push(DocFile::new(index, entry));
        }
    }
}

/// Failed files at a path the previous build knew (they are not removed).
fn failed_known(manifest: &Manifest, failed: &[Failure]) -> u64 {
    failed
        .iter()
        .filter(|f| manifest.by_path.contains_key(&f.path))
        .count() as u64
}

fn set_files(article: &mut IndexedArticle, files: &[FileEntry]) {
    article.files = files.to_vec();
    article.paths = files.iter().map(|f| f.path.clone()).collect();
    article.paths.sort();
    article.paths.dedup();
    if let Some(first) = article.paths.first() {
        article.path = first.clone();
    }
}

/// The build that first indexed `id`: the previous one's record, else this
/// build.
fn first_seen(manifest: &Manifest, id: &str, build: u64) -> u64 {
    manifest
        .docs
        .get(id)
        .map(|d| d.indexed_at)
        .filter(|&n| n > 0)
        .unwrap_or(build)
}

/// Rewrites a document written earlier in this run whose files changed
/// since (a known file joined it): its text is not in any committed
/// segment yet, so it is normalized again from the file it came from.
/// Rare: it takes a file whose bytes the index knew and a new file of the
/// same text in one run.
#[allow(clippy::too_many_arguments)]
fn rewrite_fresh(
    schema: &Schema,
    tagger: &Tagger,
    fields: &Fields,
    writer: &BudgetedWriter,
    manifest: &Manifest,
    build: u64,
    walked: &[ArchiveFile],
    doc: &mut SeenDoc,
) -> Result<(), String> {
    let path = doc
        .fresh
        .and_then(|i| walked.get(i))
        .map(|f| f.path.clone())
        .ok_or_else(|| "no file to re-read".to_string())?;
    let bytes = ingest::read_file(&path).map_err(|e| format!("{:#}", e))?;
    let article =
        normalize::normalize(&bytes, &path, &schema.furniture).map_err(|e| e.to_string())?;
    let tags = tagger.tag(&article.title, &article.body);
    let mut article = IndexedArticle::new(path.display().to_string(), article, tags);
    set_files(&mut article, &entries(&doc.files, walked));
    article.indexed_at = first_seen(manifest, &article.content_hash, build);
    writer.delete_term(Term::from_field_text(fields.id, &article.content_hash));
    writer
        .add_document(article.to_document(fields))
        .map_err(|e| format!("index writer: {e}"))?;
    doc.written = Some(fingerprint(&doc.files));
    Ok(())
}

/// Rewrites a document of the previous build from its stored fields, with
/// this run's files, and re-tagged when the gazetteers changed. Returns
/// whether its tags changed. `must`: write it even if they did not.
#[allow(clippy::too_many_arguments)]
fn rewrite_stored(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    writer: &BudgetedWriter,
    tagger: &Tagger,
    id: &str,
    walked: &[ArchiveFile],
    doc: &mut SeenDoc,
    must: bool,
    retag: bool,
) -> Result<bool, String> {
    let term = Term::from_field_text(fields.id, id);
    let found = searcher
        .search(
            &TermQuery::new(term.clone(), IndexRecordOption::Basic),
            &DocSetCollector,
        )
        .map_err(|e| e.to_string())?;
    let address = found
        .into_iter()
        .next()
        .ok_or_else(|| format!("article {id} is not in the index any more"))?;
    let stored: TantivyDocument = searcher.doc(address).map_err(|e| e.to_string())?;
    let mut article = IndexedArticle::from_document(&stored, fields);
    let mut retagged = false;
    if retag {
        let tags = tagger.tag(&article.title, &article.body);
        if tags.gangs != article.gangs || tags.officials != article.officials {
            article.gangs = tags.gangs;
            article.officials = tags.officials;
            retagged = true;
        }
    }
    if !must && !retagged {
        return Ok(false);
    }
    set_files(&mut article, &entries(&doc.files, walked));
    writer.delete_term(term);
    writer
        .add_document(article.to_document(fields))
        .map_err(|e| format!("index writer: {e}"))?;
    doc.written = Some(fingerprint(&doc.files));
    Ok(retagged)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// tantivy's log merge policy, with levels by the segments' real sizes.
///
/// By default tantivy counts every segment under 10,000 documents as
/// 10,000, so a nightly run's few hundred new documents joined the level of
/// the full build's segments (a few thousand each) and completed it: the
/// night then merged the whole index (8.4 s of a 80 s full build at 50,000
/// articles, against 0.5-1.3 s otherwise). Small segments now merge with
/// small ones.
fn merge_policy() -> tantivy::indexer::LogMergePolicy {
    let mut policy = tantivy::indexer::LogMergePolicy::default();
    policy.set_min_layer_size(100);
    policy
}

fn commit(writer: BudgetedWriter, info: &IndexInfo, dir: &Path) -> anyhow::Result<()> {
    let mut writer = writer.into_inner();
    let payload = serde_json::to_string(info)?;
    let tantivy_err = |source| IndexError::Tantivy {
        path: dir.to_path_buf(),
        source,
    };
    let mut prepared = writer.prepare_commit().map_err(tantivy_err)?;
    prepared.set_payload(&payload);
    prepared.commit().map_err(tantivy_err)?;
    writer.wait_merging_threads().map_err(tantivy_err)?;
    Ok(())
}

/// Checks that `dir` is an index, or nothing, or an empty folder (or holds
/// only dossier's own files), and creates it.
fn prepare_dir(dir: &Path) -> anyhow::Result<()> {
    if !exists(dir) && dir.exists() {
        let foreign = std::fs::read_dir(dir)
            .map(|entries| {
                entries.filter_map(Result::ok).any(|e| {
                    let name = e.file_name();
                    !is_own_leftover(&name.to_string_lossy())
                })
            })
            .unwrap_or(true);
        if foreign || !dir.is_dir() {
            return Err(IndexError::NotAnIndex(dir.to_path_buf()).into());
        }
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("cannot create index folder {}: {e}", dir.display()))?;
    Ok(())
}

fn remove_staging(staging: &Path) -> anyhow::Result<()> {
    if staging.exists() {
        std::fs::remove_dir_all(staging).map_err(|e| {
            anyhow::anyhow!(
                "cannot remove the staging folder {} of an earlier run: {e}",
                staging.display()
            )
        })?;
    }
    Ok(())
}

/// Replaces the index in `dir` with the committed one in `staging`: the
/// segment files move in first (new names, nothing of the old index is
/// touched), then `meta.json` is renamed over the old one, which is the
/// atomic switch; a crash before it leaves the old index as it was. Then
/// the old segments are deleted.
fn swap_in(staging: &Path, dir: &Path) -> anyhow::Result<()> {
    let io = |what: &str, path: &Path, e: std::io::Error| {
        anyhow::anyhow!("cannot {what} {}: {e}", path.display())
    };
    for entry in std::fs::read_dir(staging).map_err(|e| io("read", staging, e))? {
        let entry = entry.map_err(|e| io("read", staging, e))?;
        let name = entry.file_name();
        let name_str = name.to_string_lossy();
        if name_str == "meta.json" || name_str.ends_with(".lock") {
            continue;
        }
        std::fs::rename(entry.path(), dir.join(&name)).map_err(|e| io("move", &entry.path(), e))?;
    }
    let meta = staging.join("meta.json");
    std::fs::rename(&meta, dir.join("meta.json")).map_err(|e| io("move", &meta, e))?;
    sync_dir(dir);

    // The old segments are garbage now.
    let live: Vec<String> = Index::open_in_dir(dir)
        .and_then(|i| i.searchable_segment_ids())
        .map(|ids| ids.iter().map(|id| id.uuid_string()).collect())
        .unwrap_or_default();
    if !live.is_empty() {
        for entry in std::fs::read_dir(dir)
            .map_err(|e| io("read", dir, e))?
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy().to_string();
            if is_segment_file(&name) && !live.iter().any(|id| name.starts_with(id.as_str())) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let _ = std::fs::remove_dir_all(staging);
    Ok(())
}

/// A file a dossier build leaves behind in a folder that has no index yet:
/// ours (lock, staging folder, watches) or tantivy's from a first build
/// killed before its first commit (its file list, temporary files of atomic
/// writes, lock files, uncommitted segments). Such a folder is taken over;
/// anything else in it means it is not ours to write into.
fn is_own_leftover(name: &str) -> bool {
    OWN_FILES.contains(&name)
        || name == ".managed.json"
        || name.starts_with(".tmp")
        || name.starts_with(".tantivy-")
        || is_segment_file(name)
}

fn is_segment_file(name: &str) -> bool {
    [
        ".idx",
        ".pos",
        ".term",
        ".store",
        ".fast",
        ".fieldnorm",
        ".del",
    ]
    .iter()
    .any(|ext| name.ends_with(ext))
}

fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

fn progress_bar(total: u64, enabled: bool) -> ProgressBar {
    if !enabled || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} files  {per_sec}  ETA {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}
