//! Building an index from archive folders, incrementally.
//!
//! A run walks the archive in path order beside the previous build's file
//! list ([`Previous`], the dictionary of the index's `files` column, in the
//! same order). Files whose size and mtime did not move are not read at all.
//! The others are read and hashed; a file whose bytes the index already
//! knows (a move, a copy, a `touch`) is not normalized again; the rest are
//! normalized and tagged in parallel (rayon) and handed, as they come, to a
//! single tantivy `IndexWriter`, each as a document with its one file.
//!
//! Every file leaves a record (kept, joined, fresh or lost) in a [`Spill`],
//! which hands them back grouped by article once all are filed: identical
//! articles found at several paths become one document listing every path,
//! documents whose set of paths changed without being re-read (and, after a
//! gazetteer change, documents whose tags change) are rewritten from their
//! stored title and body, and documents left with no path are deleted. No
//! table of the archive is held in memory: the walk holds one folder, the
//! file list is memory-mapped, and the records go to disk past their share
//! of the memory budget ([`MemoryBudget`]).
//!
//! The whole run is one commit: until it lands, readers (and a run that dies
//! half-way) see the previous build. A change of `fields.toml` builds a new
//! index in a staging folder and swaps it in by renaming `meta.json`, so a
//! crash then leaves the old index too. One process writes at a time
//! ([`WriterLock`]).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use super::budget::{Budget, BudgetedDocument, BudgetedWriter};
use super::document::IndexedArticle;
use super::fields::{build_schema, Fields};
use super::lock::{LockError, WriterLock, LOCK_FILE};
use super::manifest::{hex, parse_hex, FileEntry, Previous, PreviousFile, PreviousFiles};
use super::merge::BoundedMergePolicy;
use super::spill::{DocKey, FileRecord, Groups, RecordKind, Spill};
use super::{analyzers, exists, read_info, recorded, IndexError, IndexInfo};
use crate::actors::Tagger;
use crate::ingest::{self, ArchiveFile, WalkFailure};
use crate::normalize;
use crate::schema::Schema;

/// The folder, inside the index folder, where a rebuild under a new
/// `fields.toml` is staged before it replaces the old index.
pub const STAGING_DIR: &str = ".dossier-rebuild";

/// Files of the index folder that are dossier's, not tantivy's.
const OWN_FILES: &[&str] = &[LOCK_FILE, STAGING_DIR, SPILL_DIR, crate::watch::WATCH_FILE];

/// The folder, inside the index folder, where a build's per-file records
/// go when they outgrow their share of the memory budget.
const SPILL_DIR: &str = ".dossier-spill";

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
    /// Memory budget of the whole build, in bytes (shared out by
    /// [`MemoryBudget`]).
    pub memory: usize,
    /// Re-read every file and rewrite every document, instead of only what
    /// changed. Documents keep the build that first indexed them.
    pub full: bool,
    /// Once committed, merge the index into one segment: every search opens
    /// one set of files instead of several (at 100,000 articles a whole
    /// `dossier search` took 10.3 ms instead of 14.0 ms), at the price of
    /// rewriting the index.
    pub merge: bool,
    /// Let an archive folder that is empty or missing remove the articles
    /// the index holds from it. Without it the run stops and changes
    /// nothing: an unmounted share looks like an emptied archive, and
    /// emptying the index for it would bring every article back as new
    /// (and every watch firing) once the share returns.
    pub allow_empty: bool,
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
    /// Files passed over by name as not articles: the contents of a saved
    /// page's `NAME_files` folder, and scripts, stylesheets, fonts, SVG,
    /// JSON and link shortcuts anywhere (see `ingest`). Not counted in
    /// `scanned`.
    pub resources_skipped: u64,
    /// Wall time of the build.
    pub elapsed_ms: u64,
    /// CPU time of tantivy's indexing threads (analysis, postings, segment
    /// files): the engine's share of the build, apart from reading,
    /// normalizing and tagging.
    pub engine_cpu_ms: u64,
    /// Distinct articles in the committed index.
    pub articles: u64,
    /// Bytes of archive files read.
    pub bytes_read: u64,
    /// Files read (the others were skipped on size and mtime).
    pub files_read: u64,
    /// Whether every file was re-read (`--full`, or a schema change).
    pub full: bool,
    /// Why every file was re-read, when the index existed: `--full`, or
    /// what changed since the index was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_reason: Option<String>,
    /// This build's sequence number (1 for the first build of the index).
    pub build: u64,
    /// tantivy's list of the index's files could not be read and was
    /// written again (`index::check::repair_file_list`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repaired_file_list: bool,
}

/// Counts of what the run did with the files it compared.
#[derive(Default)]
struct Outcomes {
    /// Files skipped on size and mtime.
    kept: AtomicU64,
    /// Files read whose bytes had not changed.
    unchanged: AtomicU64,
    updated: AtomicU64,
    /// New paths, when the previous build had none to lose (no moves).
    added: AtomicU64,
    files_read: AtomicU64,
    bytes_read: AtomicU64,
    /// The first 8 bytes of the blake3 of each new path's file, when it
    /// may be a move.
    new_hashes: Mutex<Vec<u64>>,
    /// The same of each path the previous build had and the archive lost.
    gone_hashes: Mutex<Vec<u64>>,
}

fn hash_prefix(hash: &[u8; 32]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&hash[..8]);
    u64::from_le_bytes(word)
}

/// A file that must be read: new, or changed since the previous build.
struct Task {
    file: ArchiveFile,
    /// The file's [`ingest::path_key`], as the walk compared it.
    key: String,
    previous: Option<PreviousFile>,
}

/// The archive and the previous build's files side by side, both in path
/// order. Files whose size and mtime did not move are recorded as kept
/// without being read; paths gone from the archive are recorded as lost;
/// the rest come out as [`Task`]s.
struct Compare<'a> {
    walk: ingest::Walk,
    previous: Option<std::iter::Peekable<PreviousFiles<'a>>>,
    full: bool,
    spill: &'a Mutex<Spill>,
    outcomes: &'a Outcomes,
    walk_failures: Vec<WalkFailure>,
    scanned: u64,
    /// The first error reading the index or the spill; it stops the run.
    error: Option<anyhow::Error>,
    progress: &'a ProgressBar,
}

impl Compare<'_> {
    fn record(&mut self, record: FileRecord) {
        if let Err(e) = lock(self.spill).push(record) {
            self.error
                .get_or_insert_with(|| anyhow::anyhow!("cannot write the build's spill file: {e}"));
        }
    }

    /// The previous build's next file, if its path is at most `bound`.
    fn previous_before(&mut self, bound: Option<&str>) -> Option<PreviousFile> {
        let stream = self.previous.as_mut()?;
        stream.next_if(|p| bound.is_none_or(|b| p.entry.path.as_str() <= b))
    }
}

impl Iterator for Compare<'_> {
    type Item = Task;

    fn next(&mut self) -> Option<Task> {
        loop {
            if self.error.is_some() {
                return None;
            }
            let file = match self.walk.next() {
                Some(Ok(file)) => Some(file),
                Some(Err(failure)) => {
                    self.walk_failures.push(failure);
                    continue;
                }
                None => None,
            };
            let path = file.as_ref().map(|f| ingest::path_key(&f.path));
            // Previous files before this path are gone from the archive.
            let mut matched = None;
            while let Some(previous) = self.previous_before(path.as_deref()) {
                if Some(&previous.entry.path) == path.as_ref() {
                    matched = Some(previous);
                    break;
                }
                lock(&self.outcomes.gone_hashes).push(hash_prefix(&previous.entry.hash));
                if !self.full {
                    self.record(FileRecord::lost(&previous));
                }
            }
            let (file, key) = (file?, path?);
            self.scanned += 1;
            self.progress.inc(1);
            match matched {
                Some(previous)
                    if !self.full
                        && previous.entry.size == file.size
                        && previous.entry.mtime == file.mtime =>
                {
                    self.outcomes.kept.fetch_add(1, Ordering::Relaxed);
                    self.record(FileRecord::new(
                        previous.id,
                        RecordKind::Kept,
                        &previous.entry,
                    ));
                }
                previous => {
                    return Some(Task {
                        file,
                        key,
                        previous,
                    })
                }
            }
        }
    }
}

/// An error naming the first archive root that gave no article (empty,
/// missing, or holding only files that could not be read: an unmounted
/// share, often marked by a placeholder file, or a mistyped path) when the
/// run would remove `removing` files from the index; nothing is committed
/// after it. `failed` are the files of this run that gave no article.
fn refuse_emptied_roots(
    walked: &[ingest::RootFiles],
    failed: &[Failure],
    removing: usize,
) -> anyhow::Result<()> {
    if removing == 0 {
        return Ok(());
    }
    let failed_under = |root: &Path| {
        let key = ingest::path_key(root);
        let folder = format!("{}/", key.trim_end_matches('/'));
        failed
            .iter()
            .filter(|f| f.path == key || f.path.starts_with(&folder))
            .count() as u64
    };
    let Some((root, failures)) = walked
        .iter()
        .map(|r| (r, failed_under(&r.root)))
        .find(|(r, failures)| *failures >= r.files)
    else {
        return Ok(());
    };
    let what = if !root.root.exists() {
        "does not exist".to_string()
    } else if root.files == 0 {
        "is empty".to_string()
    } else {
        format!(
            "holds no readable article ({failures} file{} that failed)",
            if failures == 1 { "" } else { "s" }
        )
    };
    anyhow::bail!(
        "archive folder {} {what}, and this run would remove {removing} file{} from the index: \
         nothing was changed (an unmounted share, or a mistyped path?); to remove them, \
         run again with --allow-empty",
        ingest::path_key(&root.root),
        if removing == 1 { "" } else { "s" }
    )
}

/// Tasks ahead of the reading threads whose files the kernel is asked to
/// read ahead ([`ingest::prefetch`]): enough to cover a disk's latency
/// while the two threads normalize, few enough to hold next to nothing.
const READ_AHEAD: usize = 16;

/// Hands out the tasks of `inner` [`READ_AHEAD`] behind the walk, with the
/// reading of each file requested as it is queued.
struct ReadAhead<I> {
    inner: I,
    queue: std::collections::VecDeque<Task>,
}

impl<I: Iterator<Item = Task>> ReadAhead<I> {
    fn new(inner: I) -> Self {
        ReadAhead {
            inner,
            queue: std::collections::VecDeque::with_capacity(READ_AHEAD),
        }
    }
}

impl<I: Iterator<Item = Task>> Iterator for ReadAhead<I> {
    type Item = Task;

    fn next(&mut self) -> Option<Task> {
        while self.queue.len() < READ_AHEAD {
            let Some(task) = self.inner.next() else { break };
            ingest::prefetch(&task.file.path);
            self.queue.push_back(task);
        }
        self.queue.pop_front()
    }
}

/// Shared state of the parallel phase.
struct Run<'a> {
    schema: &'a Schema,
    tagger: &'a Tagger,
    fields: &'a Fields,
    writer: &'a BudgetedWriter,
    previous: Option<&'a Previous>,
    spill: &'a Mutex<Spill>,
    outcomes: &'a Outcomes,
    /// The memory of the pages being read, by their estimated weight
    /// ([`normalize::reading_weight`]): a page heavier than this share of
    /// the budget is read alone, so two large pages are never held as
    /// DOMs at once.
    reading: &'a Budget,
    full: bool,
    build: u64,
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
    let tantivy_err = |error| IndexError::Tantivy {
        path: dir.to_path_buf(),
        error,
    };
    let budget = MemoryBudget::split(options.memory);
    let repaired_file_list = super::check::repair_file_list(dir).map_err(|e| {
        anyhow::anyhow!(
            "cannot write the list of the index's files again ({}): {e}",
            dir.join(super::check::FILE_LIST).display()
        )
    })?;

    // The previous build, if any, and whether its documents can stay.
    let tantivy_schema = build_schema(schema);
    let previous_index = if exists(dir) {
        Some(Index::open_in_dir(dir).map_err(tantivy_err)?)
    } else {
        None
    };
    let previous_info = previous_index.as_ref().and_then(read_info);
    let same_fields = previous_index
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
    let extraction_changed = previous_info
        .as_ref()
        .is_some_and(|i| i.extraction_version != super::EXTRACTION_VERSION);
    // Every file is read when there is no index yet (or only one whose
    // first build was stopped before it committed), or for this reason.
    let new_index = previous_index.is_none()
        || previous_index
            .as_ref()
            .and_then(|i| i.load_metas().ok())
            .is_some_and(|m| super::never_committed(&m));
    let full_reason = if options.full {
        Some("--full")
    } else if new_index {
        None
    } else if !same_fields {
        Some("the index fields changed")
    } else if furniture_changed {
        Some("the furniture rules changed")
    } else if extraction_changed {
        Some("the index was written by another version of dossier's extraction code")
    } else {
        None
    };
    let build_seq = previous_info.as_ref().map_or(0, |i| i.build_seq) + 1;
    if let Some(index) = &previous_index {
        analyzers::register(index);
    }
    let old_reader: Option<IndexReader> = previous_index
        .as_ref()
        .map(|index| {
            index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()
        })
        .transpose()
        .map_err(tantivy_err)?;
    let old_searcher = old_reader.as_ref().map(IndexReader::searcher);
    // An index too old or damaged to compare with is rebuilt from the files.
    let previous = old_searcher.as_ref().and_then(|s| Previous::open(s).ok());

    // Where this run writes: the index itself, or (new fields) a staging
    // index that replaces it once committed.
    // A staging folder found here is an earlier run's, killed after its
    // switch or before it (this run holds the lock): at most a copy of the
    // index that nothing reads, so it goes whatever this run does.
    let staging = dir.join(STAGING_DIR);
    remove_staging(&staging)?;
    let index = match previous_index {
        Some(index) if same_fields => index,
        Some(_) => {
            std::fs::create_dir_all(&staging).map_err(|e| {
                anyhow::anyhow!("cannot create staging folder {}: {e}", staging.display())
            })?;
            let index =
                Index::create_in_dir(&staging, tantivy_schema.clone()).map_err(tantivy_err)?;
            analyzers::register(&index);
            index
        }
        None => {
            let index = Index::create_in_dir(dir, tantivy_schema.clone()).map_err(tantivy_err)?;
            analyzers::register(&index);
            index
        }
    };
    let staged = !same_fields && exists(&staging);
    let full = new_index || full_reason.is_some();
    let fields = Fields::new(schema, index.schema())?;
    if fields.files.is_none() || fields.indexed_at.is_none() {
        anyhow::bail!(
            "fields.toml lacks the `files` and `indexed_at` fields that incremental builds need; copy them from the built-in index-schema/fields.toml"
        );
    }
    let tantivy_schema = index.schema();
    let manifest_is_column = [fields.files, fields.file_hashes]
        .into_iter()
        .flatten()
        .all(|field| tantivy_schema.get_field_entry(field).is_fast());
    if !manifest_is_column {
        // Read from an indexed-only field, the manifest would look empty and
        // every run would read the whole archive again.
        anyhow::bail!(
            "fields.toml declares `files` or `file_hashes` without `fast = true`; incremental builds read them as columns: copy them from the built-in index-schema/fields.toml"
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
    let per_thread = (budget.writer / writer_threads).max(15_000_000);
    let writer: IndexWriter<BudgetedDocument> = index
        .writer_with_options(
            tantivy::indexer::IndexWriterOptions::builder()
                .num_worker_threads(writer_threads)
                .memory_budget_per_thread(per_thread)
                // One merge at a time: each reads up to the budget's
                // `merge_input` through memory maps, so the cap bounds the
                // build's memory only if merges do not run side by side. On
                // 2 cores, four merge threads did not make a 100,000-article
                // build faster (76.9 s against 74.5 s with one).
                .num_merge_threads(1)
                .build(),
        )
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => {
                anyhow::Error::new(IndexError::Locked(dir.clone()))
            }
            other => anyhow::Error::new(tantivy_err(other)),
        })?;
    // A run killed while it committed can leave files that no commit
    // lists, among them the deletes it wrote for a segment
    // (`<segment>.<opstamp>.del`). This run makes the same changes and
    // would write the same names ("File already exists"): they go first.
    writer
        .garbage_collect_files()
        .wait()
        .map_err(|e| anyhow::Error::new(tantivy_err(e)))?;
    if options.merge {
        // Everything is merged once at the end; merging on the way would
        // rewrite the same documents twice.
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    } else {
        let written_to = if staged { &staging } else { dir };
        writer.set_merge_policy(Box::new(BoundedMergePolicy::new(
            written_to.to_path_buf(),
            budget.merge_input as u64,
        )));
    }
    let writer = BudgetedWriter::new(writer, budget.queue as u64);
    if full && same_fields {
        writer.delete_all_documents()?;
    }

    // Compare and read, in parallel; every file leaves a record in the spill.
    let spill_dir = dir.join(SPILL_DIR);
    Spill::remove_dir(&spill_dir)
        .map_err(|e| anyhow::anyhow!("cannot remove {}: {e}", spill_dir.display()))?;
    let spill = Mutex::new(Spill::new(&spill_dir, budget.spill));
    let outcomes = Outcomes::default();
    let progress = progress_bar(options.progress, &options.roots);
    let failures = Mutex::new(Vec::new());
    let previous_files = previous.as_ref().map(Previous::files).transpose()?;
    let mut compare = Compare {
        walk: ingest::Walk::new(&options.roots).excluding(dir),
        previous: previous_files.map(Iterator::peekable),
        full,
        spill: &spill,
        outcomes: &outcomes,
        walk_failures: Vec::new(),
        scanned: 0,
        error: None,
        progress: &progress,
    };
    let reading = Budget::new(budget.reading as u64);
    let run = Run {
        schema,
        tagger: &tagger,
        fields: &fields,
        writer: &writer,
        previous: previous.as_ref(),
        spill: &spill,
        outcomes: &outcomes,
        reading: &reading,
        full,
        build: build_seq,
    };
    let may_move = previous.as_ref().is_some_and(Previous::has_files);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    pool.install(|| {
        ReadAhead::new(&mut compare).par_bridge().for_each(|task| {
            if let Err(error) = run.index_file(&task, may_move) {
                lock(&failures).push(Failure {
                    path: task.key.clone(),
                    error,
                });
            }
        })
    });
    progress.finish_and_clear();
    if let Some(error) = compare.error.take() {
        return Err(error);
    }
    let scanned = compare.scanned;
    let resources_skipped = compare.walk.resources_skipped();
    let walk_failures = std::mem::take(&mut compare.walk_failures);
    let walked = compare.walk.walked().to_vec();
    drop(compare);
    let mut failed: Vec<Failure> = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    if !options.allow_empty {
        refuse_emptied_roots(&walked, &failed, lock(&outcomes.gone_hashes).len())?;
    }

    // Per article: new, changed, re-tagged or gone.
    let mut report = BuildReport {
        scanned,
        resources_skipped,
        full,
        full_reason: full_reason.map(str::to_string),
        build: build_seq,
        repaired_file_list,
        ..BuildReport::default()
    };
    let spill = spill.into_inner().unwrap_or_else(|e| e.into_inner());
    let sorted = spill
        .into_sorted()
        .map_err(|e| anyhow::anyhow!("cannot read the build's spill file: {e}"))?;
    let finish = Finish {
        schema,
        tagger: &tagger,
        fields: &fields,
        writer: &writer,
        previous: previous.as_ref(),
        searcher: if same_fields {
            old_searcher.as_ref()
        } else {
            None
        },
        full,
        retag: registry_changed && !full,
        build: build_seq,
    };
    for group in Groups::new(sorted) {
        let (key, records) =
            group.map_err(|e| anyhow::anyhow!("cannot read the build's spill file: {e}"))?;
        match finish.article(&key, &records) {
            Ok(Settled::Live { retagged }) => {
                report.articles += 1;
                report.retagged += u64::from(retagged);
            }
            Ok(Settled::Gone) => {}
            Err(error) => {
                // The article stays as the previous build had it.
                report.articles += 1;
                failed.push(Failure {
                    path: records.first().map(|r| r.path.clone()).unwrap_or_default(),
                    error,
                });
            }
        }
    }
    Spill::remove_dir(&spill_dir)
        .map_err(|e| anyhow::anyhow!("cannot remove {}: {e}", spill_dir.display()))?;

    // Counts of paths: new ones are moves when the same bytes left a path.
    let mut new_hashes = outcomes
        .new_hashes
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let mut gone_hashes = outcomes
        .gone_hashes
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let moved = count_common(&mut new_hashes, &mut gone_hashes);
    report.unchanged = outcomes.kept.into_inner() + outcomes.unchanged.into_inner();
    report.updated = outcomes.updated.into_inner();
    report.moved = moved;
    report.added = outcomes.added.into_inner() + new_hashes.len() as u64 - moved;
    report.removed = gone_hashes.len() as u64 - moved;
    report.files_read = outcomes.files_read.into_inner();
    report.bytes_read = outcomes.bytes_read.into_inner();

    let written_in = if staged { &staging } else { dir };
    // Written before the commit that names it.
    let schema_file = recorded::write(written_in, &schema.sources).map_err(|e| {
        anyhow::anyhow!(
            "cannot write the schema file into {}: {e}",
            written_in.display()
        )
    })?;
    let info = IndexInfo {
        dossier_version: env!("CARGO_PKG_VERSION").to_string(),
        fields_version: schema.fields_version(),
        registry_version: schema.registry_version(),
        furniture_version: schema.furniture_version(),
        extraction_version: super::EXTRACTION_VERSION,
        built_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        schema_file: Some(schema_file.clone()),
        schema: None,
        build_seq,
    };
    drop(previous);
    drop(old_searcher);
    drop(old_reader);
    let engine_cpu = writer.engine_cpu();
    let listed = commit(
        writer,
        &info,
        written_in,
        &fields,
        options.merge,
        options.memory / 2,
    )?;
    if staged {
        swap_in(&staging, dir)?;
    }
    crate::dedup::shared::remove_stale(dir, listed);
    // A search that read the previous commit may still be opening it.
    let previous_file = previous_info
        .as_ref()
        .and_then(|i| i.schema_file.as_deref());
    recorded::remove_stale(
        dir,
        &[Some(schema_file.as_str()), previous_file]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>(),
    );

    failed.extend(walk_failures.into_iter().map(|f| Failure {
        path: ingest::path_key(&f.path),
        error: f.error,
    }));
    failed.sort_by(|a, b| a.path.cmp(&b.path));
    report.failed = failed;
    report.elapsed_ms = started.elapsed().as_millis() as u64;
    report.engine_cpu_ms = engine_cpu.total().as_millis() as u64;
    Ok(report)
}

/// How many values two multisets share; both are sorted in place.
fn count_common(a: &mut [u64], b: &mut [u64]) -> u64 {
    a.sort_unstable();
    b.sort_unstable();
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// How the memory budget of a build is shared out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MemoryBudget {
    /// tantivy's writer (its in-memory segments).
    writer: usize,
    /// The segments one merge reads, mapped in memory while it runs.
    merge_input: usize,
    /// Documents prepared and waiting for the writer.
    queue: usize,
    /// The pages being read (decoded, parsed, extracted, tagged), by their
    /// estimated weight.
    reading: usize,
    /// The per-file records kept in memory before spilling to disk.
    spill: usize,
}

impl MemoryBudget {
    /// A quarter for the writer, half for the segments a merge reads (see
    /// [`BoundedMergePolicy`]), a sixteenth for the writer's queue, an
    /// eighth for the pages being read (a news page weighs 1-2 MB, so the
    /// threads never wait on each other but for a page of tens of MB), a
    /// thirty-second for the spill; the rest is headroom for what the
    /// budget does not steer: a merge's own buffers, the folder being
    /// walked and the memory allocator's slack. Measured at 100,000 articles with the
    /// default 1,024 MiB: a peak RSS of 653 MiB (1.10-1.42 GiB before
    /// merges were capped). A cap of three eighths gave 795 MiB, and five
    /// segments instead of four.
    fn split(total: usize) -> Self {
        MemoryBudget {
            writer: total / 4,
            merge_input: total / 2,
            queue: total / 16,
            reading: total / 8,
            spill: total / 32,
        }
    }
}

impl FileRecord {
    fn new(id: DocKey, kind: RecordKind, entry: &FileEntry) -> Self {
        FileRecord {
            id,
            path: entry.path.clone(),
            kind,
            size: entry.size,
            mtime: entry.mtime,
            hash: entry.hash,
        }
    }

    fn lost(previous: &PreviousFile) -> Self {
        FileRecord::new(previous.id, RecordKind::Lost, &previous.entry)
    }

    fn entry(&self) -> FileEntry {
        FileEntry {
            path: self.path.clone(),
            size: self.size,
            mtime: self.mtime,
            hash: self.hash,
        }
    }
}

impl Run<'_> {
    fn record(&self, record: FileRecord) -> Result<(), String> {
        lock(self.spill)
            .push(record)
            .map_err(|e| format!("cannot write the build's spill file: {e}"))
    }

    /// Reads one file and files it under its article, and counts it. A
    /// file of the previous build that cannot be indexed now keeps its
    /// place in its article: a transient error must not drop an article,
    /// nor make it "arrive" again the next night.
    fn index_file(&self, task: &Task, may_move: bool) -> Result<(), String> {
        self.outcomes.files_read.fetch_add(1, Ordering::Relaxed);
        let filed = self.file_article(task);
        let previous = task.previous.as_ref();
        let (hash, size) = match filed {
            Ok(filed) => filed,
            Err(error) => {
                if let Some(previous) = previous {
                    if !self.full {
                        self.record(FileRecord::new(
                            previous.id,
                            RecordKind::Kept,
                            &previous.entry,
                        ))?;
                    }
                }
                return Err(error);
            }
        };
        self.outcomes.bytes_read.fetch_add(size, Ordering::Relaxed);
        match previous {
            Some(previous) => {
                let counter = if previous.entry.hash == hash {
                    &self.outcomes.unchanged
                } else {
                    &self.outcomes.updated
                };
                counter.fetch_add(1, Ordering::Relaxed);
                if !self.full {
                    self.record(FileRecord::lost(previous))?;
                }
            }
            None if may_move => lock(&self.outcomes.new_hashes).push(hash_prefix(&hash)),
            None => {
                self.outcomes.added.fetch_add(1, Ordering::Relaxed);
            }
        }
        Ok(())
    }

    /// Reads a file: bytes the previous build knew join that article; new
    /// content is normalized, tagged and written as a document of its own
    /// (merged with the article's other files, if any, once all are
    /// known). Returns the blake3 of the page read and the file's size on
    /// disk.
    fn file_article(&self, task: &Task) -> Result<([u8; 32], u64), String> {
        let file = &task.file;
        let path = task.key.clone();
        let page = ingest::read_page(&file.path).map_err(|e| format!("{e:#}"))?;
        let bytes = page.bytes;
        let hash = *blake3::hash(&bytes).as_bytes();
        let entry = FileEntry {
            path: path.clone(),
            // The size on disk, as the walk compares it next night: a
            // compressed or wrapped file's page is longer than the file.
            size: file.size,
            mtime: file.mtime,
            hash,
        };
        if !self.full {
            let known = match self.previous {
                Some(previous) => previous
                    .article_of_file_hash(&hash)
                    .map_err(|e| format!("cannot read the index: {e}"))?,
                None => None,
            };
            if let Some(id) = known {
                self.record(FileRecord::new(id, RecordKind::Joined, &entry))?;
                return Ok((hash, entry.size));
            }
        }
        let reading = self.reading.acquire(normalize::reading_weight(&bytes));
        let article = normalize::normalize_saved(
            &bytes,
            &file.path,
            self.schema.furniture(),
            page.saved_from.as_deref(),
        )
        .map_err(|e| e.to_string())?;
        drop(bytes);
        let tags = self.tagger.tag(&article.title, &article.body);
        let mut article = IndexedArticle::new(path, article, tags);
        let id = parse_hex(&article.content_hash)
            .ok_or_else(|| format!("bad content hash {}", article.content_hash))?;
        set_files(&mut article, std::slice::from_ref(&entry));
        article.indexed_at = first_seen(self.previous, &id, self.build)?;
        let document = article.to_document(self.fields);
        // The document's own bytes are the writer's budget's from here.
        drop(reading);
        self.writer
            .add_document(document)
            .map_err(|e| format!("index writer: {e}"))?;
        self.record(FileRecord::new(id, RecordKind::Fresh, &entry))?;
        Ok((hash, entry.size))
    }
}

/// What became of an article.
enum Settled {
    /// It is in the index after this run.
    Live { retagged: bool },
    /// No file leads to it any more; deleted.
    Gone,
}

/// The per-article phase: once every file is filed, each article's
/// records say whether it needs writing again.
struct Finish<'a> {
    schema: &'a Schema,
    tagger: &'a Tagger,
    fields: &'a Fields,
    writer: &'a BudgetedWriter,
    previous: Option<&'a Previous>,
    /// The previous build's searcher, when its documents can be rewritten
    /// from their stored fields (same fields).
    searcher: Option<&'a tantivy::Searcher>,
    full: bool,
    retag: bool,
    build: u64,
}

impl Finish<'_> {
    fn article(&self, key: &DocKey, records: &[FileRecord]) -> Result<Settled, String> {
        let id = hex(key);
        let mut files: Vec<FileEntry> = records
            .iter()
            .filter(|r| r.kind.is_current())
            .map(FileRecord::entry)
            .collect();
        files.dedup_by(|a, b| a.path == b.path);
        if files.is_empty() {
            if !self.full {
                self.writer
                    .delete_term(Term::from_field_text(self.fields.id, &id));
            }
            return Ok(Settled::Gone);
        }
        let changed = records.iter().any(|r| r.kind != RecordKind::Kept);
        if !changed {
            if !self.retag {
                return Ok(Settled::Live { retagged: false });
            }
            let retagged = self.rewrite_stored_or_reread(key, &id, &files, false)?;
            return Ok(Settled::Live { retagged });
        }
        let fresh = records.iter().find(|r| r.kind == RecordKind::Fresh);
        match fresh {
            // Written in this run with its one file: done.
            Some(_) if records.len() == 1 => Ok(Settled::Live { retagged: false }),
            // Written in this run, and it has other files (copies found in
            // this run, or the previous build's): its text is not in any
            // committed segment, so it is normalized again from its file.
            Some(fresh) => {
                let copies: Vec<&str> = records
                    .iter()
                    .filter(|r| r.kind == RecordKind::Fresh && r.path != fresh.path)
                    .map(|r| r.path.as_str())
                    .take(MAX_COPIES_READ)
                    .collect();
                self.rewrite_fresh(key, &fresh.path, &files, &copies)?;
                Ok(Settled::Live { retagged: false })
            }
            None => {
                let retagged = self.rewrite_stored_or_reread(key, &id, &files, true)?;
                Ok(Settled::Live { retagged })
            }
        }
    }

    /// [`Self::rewrite_stored`], or, when the stored copy cannot be read (a
    /// damaged document store), the article read again from its files: the
    /// archive is the source of truth, the index's copy only a cache.
    fn rewrite_stored_or_reread(
        &self,
        key: &DocKey,
        id: &str,
        files: &[FileEntry],
        must: bool,
    ) -> Result<bool, String> {
        let stored_error = match self.rewrite_stored(id, files, must) {
            Ok(retagged) => return Ok(retagged),
            Err(StoredError::Unreadable(e)) => e,
            Err(StoredError::Other(e)) => return Err(e),
        };
        let mut last = String::new();
        for file in files {
            match self.rewrite_fresh(key, &file.path, files, &[]) {
                Ok(()) => return Ok(false),
                Err(e) => last = e,
            }
        }
        Err(format!(
            "its copy in the index cannot be read ({stored_error}; the index may be damaged: \
             `dossier stats --check` checks it), and reading its file again failed: {last}"
        ))
    }

    /// The article a file of the archive holds, which must be `key`'s.
    fn read_copy(&self, key: &DocKey, shown: &str) -> Result<IndexedArticle, String> {
        let path = ingest::key_path(shown);
        let page = ingest::read_page(&path).map_err(|e| format!("{e:#}"))?;
        let article = normalize::normalize_saved(
            &page.bytes,
            &path,
            self.schema.furniture(),
            page.saved_from.as_deref(),
        )
        .map_err(|e| e.to_string())?;
        let tags = self.tagger.tag(&article.title, &article.body);
        let article = IndexedArticle::new(shown.to_string(), article, tags);
        if article.content_hash != hex(key) {
            return Err("the file changed while it was being indexed".to_string());
        }
        Ok(article)
    }

    /// Writes the article read from `path`, with the facts its other
    /// copies add: those read in this run (`copies`) and the previous
    /// build's document, if it had one.
    fn rewrite_fresh(
        &self,
        key: &DocKey,
        path: &str,
        files: &[FileEntry],
        copies: &[&str],
    ) -> Result<(), String> {
        let mut article = self.read_copy(key, path)?;
        let mut others: Vec<IndexedArticle> = copies
            .iter()
            .filter_map(|copy| self.read_copy(key, copy).ok())
            .collect();
        if files.len() > copies.len() + 1 {
            others.extend(self.load_stored(&article.content_hash).ok().map(|(_, a)| a));
        }
        merge_copies(&mut article, &others);
        set_files(&mut article, files);
        article.indexed_at = first_seen(self.previous, key, self.build)?;
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, &article.content_hash));
        self.writer
            .add_document(article.to_document(self.fields))
            .map(drop)
            .map_err(|e| format!("index writer: {e}"))
    }

    /// The previous build's document of article `id`, with its id term.
    fn load_stored(&self, id: &str) -> Result<(Term, IndexedArticle), StoredError> {
        let gone = || StoredError::Unreadable(format!("article {id} is not in the index any more"));
        let searcher = self.searcher.ok_or_else(gone)?;
        let term = Term::from_field_text(self.fields.id, id);
        let found = searcher
            .search(
                &TermQuery::new(term.clone(), IndexRecordOption::Basic),
                &DocSetCollector,
            )
            .map_err(|e| StoredError::Unreadable(e.to_string()))?;
        let address = found.into_iter().next().ok_or_else(gone)?;
        let article = IndexedArticle::load(searcher, address, self.fields)
            .map_err(|e| StoredError::Unreadable(e.to_string()))?;
        Ok((term, article))
    }

    /// Rewrites a document of the previous build from its stored fields,
    /// with this run's files, and re-tagged when the gazetteers changed.
    /// Returns whether its tags changed. `must`: write it even if they did
    /// not.
    fn rewrite_stored(
        &self,
        id: &str,
        files: &[FileEntry],
        must: bool,
    ) -> Result<bool, StoredError> {
        let (term, mut article) = self.load_stored(id)?;
        let mut retagged = false;
        if self.retag {
            let tags = self.tagger.tag(&article.title, &article.body);
            if tags.gangs != article.gangs || tags.officials != article.officials {
                article.gangs = tags.gangs;
                article.officials = tags.officials;
                retagged = true;
            }
        }
        if !must && !retagged {
            return Ok(false);
        }
        set_files(&mut article, files);
        self.writer.delete_term(term);
        self.writer
            .add_document(article.to_document(self.fields))
            .map_err(|e| StoredError::Other(format!("index writer: {e}")))?;
        Ok(retagged)
    }
}

/// Why an article of the previous build could not be written again from
/// its stored copy.
enum StoredError {
    /// The copy is missing or unreadable: its files can stand in for it.
    Unreadable(String),
    /// Anything else (the index writer failed).
    Other(String),
}

/// How many copies of one article written in the same run are read
/// again for the facts they add.
const MAX_COPIES_READ: usize = 8;

/// Fills in what `article`'s copies know and it does not: copies of one
/// story (the site's page, a reader-view or print save, an archive's) have
/// the same text but not the same metadata. A URL or author any copy gives
/// is kept; a date is kept when every dated copy gives the same day, and
/// none is given when they disagree, since one of them is wrong.
fn merge_copies(article: &mut IndexedArticle, others: &[IndexedArticle]) {
    for other in others {
        if article.url.is_none() {
            article.url.clone_from(&other.url);
        }
        if article.author.is_none() {
            article.author.clone_from(&other.author);
        }
    }
    let mut dated = std::iter::once(&*article)
        .chain(others)
        .filter_map(|a| a.date.map(|d| (d, a.date_source.clone())));
    let Some((first, source)) = dated.next() else {
        return;
    };
    if dated.all(|(d, _)| d == first) {
        article.date = Some(first);
        article.date_source = source;
    } else {
        article.date = None;
        article.date_source = None;
    }
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

/// The build that first indexed article `key`: the previous build's record,
/// else this build.
fn first_seen(previous: Option<&Previous>, key: &DocKey, build: u64) -> Result<u64, String> {
    let recorded = match previous {
        Some(previous) => previous
            .first_indexed(key)
            .map_err(|e| format!("cannot read the index: {e}"))?,
        None => None,
    };
    Ok(recorded.filter(|&n| n > 0).unwrap_or(build))
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Commits the build into the index in `dir` (and with `merge`, merges it
/// into one segment); then, merges done, writes the list of shared
/// near-duplicate bands of the committed segments
/// ([`crate::dedup::shared`]) with at most `memory` bytes, and returns the
/// fingerprint of those segments if it did.
fn commit(
    writer: BudgetedWriter,
    info: &IndexInfo,
    dir: &Path,
    fields: &Fields,
    merge: bool,
    memory: usize,
) -> anyhow::Result<Option<u64>> {
    let mut writer = writer.into_inner();
    let index = writer.index().clone();
    let payload = serde_json::to_string(info)?;
    let tantivy_err = |error| IndexError::Tantivy {
        path: dir.to_path_buf(),
        error,
    };
    let mut prepared = writer.prepare_commit().map_err(tantivy_err)?;
    prepared.set_payload(&payload);
    prepared.commit().map_err(tantivy_err)?;
    if merge {
        let segments = index.searchable_segment_ids().map_err(tantivy_err)?;
        if segments.len() > 1 {
            // The merged segment replaces the others in a new meta.json
            // with the same commit: a reader sees one or the other, whole.
            writer.merge(&segments).wait().map_err(tantivy_err)?;
        }
    }
    writer.wait_merging_threads().map_err(tantivy_err)?;
    let Some(signature) = fields.minhash else {
        return Ok(None);
    };
    // The commit has landed. Without the list, searches make it themselves:
    // slower, same answers. So a failure here is only a warning.
    let written = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e: tantivy::TantivyError| e.to_string())
        .and_then(|reader: IndexReader| {
            let searcher = reader.searcher();
            let fingerprint = crate::dedup::shared::fingerprint(&searcher);
            // Same segments, same deletions (nothing changed): same list.
            if crate::dedup::SharedBands::open(dir, &searcher).is_some() {
                return Ok(Some(fingerprint));
            }
            let table = crate::dedup::shared::compute(&searcher, signature, memory)
                .map_err(|e| e.to_string())?;
            match table {
                Some(table) => crate::dedup::shared::write(dir, fingerprint, &table)
                    .map(|()| Some(fingerprint))
                    .map_err(|e| e.to_string()),
                None => Ok(None),
            }
        });
    Ok(written.unwrap_or_else(|e| {
        eprintln!(
            "warning: {}: cannot list the shared near-duplicate bands ({e}); searches will find near-duplicates more slowly",
            dir.display()
        );
        None
    }))
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
        || recorded::is_schema_file(name)
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

/// The progress bar of a build, drawn only on a terminal. The archive is
/// walked as it is indexed, so its size is not known up front: the bar
/// starts as a count and a rate, and a thread counts the archive's files
/// (names only, no reading) to give it a length and an ETA within seconds.
fn progress_bar(enabled: bool, roots: &[PathBuf]) -> ProgressBar {
    if !enabled || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {pos} files  {per_sec}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    let counting = bar.clone();
    let roots = roots.to_vec();
    std::thread::spawn(move || {
        let total = ingest::Walk::new(&roots).filter(Result::is_ok).count() as u64;
        if counting.is_finished() {
            return;
        }
        counting.set_length(total);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} files  {per_sec}  ETA {eta}",
        ) {
            counting.set_style(style);
        }
    });
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(n: usize) -> Task {
        Task {
            file: ingest::ArchiveFile {
                // Missing files: the hint must not care.
                path: PathBuf::from(format!("/nonexistent/dossier-read-ahead/{n}.html")),
                size: n as u64,
                mtime: 0,
            },
            key: format!("{n:05}.html"),
            previous: None,
        }
    }

    #[test]
    fn read_ahead_hands_out_every_task_once_in_walk_order() {
        for count in [
            0,
            1,
            READ_AHEAD - 1,
            READ_AHEAD,
            READ_AHEAD + 1,
            5 * READ_AHEAD + 3,
        ] {
            let keys: Vec<String> = ReadAhead::new((0..count).map(task))
                .map(|t| t.key)
                .collect();
            let want: Vec<String> = (0..count).map(|n| format!("{n:05}.html")).collect();
            assert_eq!(keys, want, "{count} tasks");
        }
    }

    #[test]
    fn read_ahead_takes_no_more_than_it_queues() {
        let mut pulled = 0;
        let mut ahead = ReadAhead::new((0..100).map(|n| {
            pulled += 1;
            task(n)
        }));
        assert!(ahead.next().is_some());
        drop(ahead);
        assert_eq!(pulled, READ_AHEAD);
    }
}

#[cfg(test)]
mod panic_tests {
    use std::fs;

    use super::*;

    /// A build of `archive` into `index_dir` with no progress bar and a
    /// small memory budget.
    fn quiet_build(archive: PathBuf, index_dir: PathBuf) -> BuildOptions {
        BuildOptions {
            roots: vec![archive],
            index_dir,
            threads: 2,
            progress: false,
            memory: 64 * 1024 * 1024,
            full: false,
            merge: false,
            allow_empty: false,
        }
    }

    /// A page the normalizer panics on is reported as failed with the
    /// bug's message, and the rest of the archive is indexed and committed.
    #[test]
    fn a_page_the_normalizer_panics_on_is_skipped_not_the_build() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let archive = tmp.path().join("archive");
        fs::create_dir_all(&archive).expect("mkdir");
        fs::write(archive.join("odd.html"), normalize::PANIC_PROBE).expect("write");
        fs::write(
            archive.join("story.txt"),
            "Gang truce\n\nOfficials met leaders of MS13 in prison, according to records \
             seen by reporters, and the talks went on for months.",
        )
        .expect("write");
        let options = quiet_build(archive, tmp.path().join("index"));
        let schema = Schema::embedded().expect("embedded schema");
        let report = build(&schema, &options).expect("the build commits");
        assert_eq!(report.articles, 1, "{report:?}");
        assert_eq!(report.failed.len(), 1, "{report:?}");
        assert!(report.failed[0].path.ends_with("odd.html"));
        assert!(
            report.failed[0].error.contains("internal error"),
            "{:?}",
            report.failed[0]
        );
    }

    /// Pages heavier than the share of the budget for pages being read
    /// are read one at a time, not refused: every article is indexed.
    #[test]
    fn pages_heavier_than_the_reading_share_are_read_alone() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let archive = tmp.path().join("archive");
        fs::create_dir_all(&archive).expect("mkdir");
        let options = quiet_build(archive.clone(), tmp.path().join("index"));
        let share = MemoryBudget::split(options.memory).reading as u64;
        for n in 0..3 {
            let cells = "<td>x</td>".repeat(40_000);
            let page = format!(
                "<html><head><title>Heavy page {n}</title></head><body>\
                 <p>Officials met leaders of MS13 in prison number {n}, according to \
                 records seen by reporters.</p><table><tr>{cells}</tr></table></body></html>"
            );
            assert!(normalize::reading_weight(page.as_bytes()) > share);
            fs::write(archive.join(format!("heavy{n}.html")), page).expect("write");
        }
        for n in 0..6 {
            fs::write(
                archive.join(format!("story{n}.txt")),
                format!("Gang truce {n}\n\nOfficials met leaders of MS13 in prison {n}."),
            )
            .expect("write");
        }
        let schema = Schema::embedded().expect("embedded schema");
        let report = build(&schema, &options).expect("the build commits");
        assert_eq!(report.articles, 9, "{report:?}");
        assert!(report.failed.is_empty(), "{report:?}");
    }

    /// What a first build stopped before its commit leaves (tantivy's
    /// files, no segment, no build record) is no index to search, and the
    /// next build is a first build.
    #[test]
    fn a_first_build_stopped_before_its_commit_is_no_index() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let archive = tmp.path().join("archive");
        fs::create_dir_all(&archive).expect("mkdir");
        fs::write(
            archive.join("story.txt"),
            "Gang truce\n\nOfficials met leaders of MS13 in prison, according to records \
             seen by reporters, and the talks went on for months.",
        )
        .expect("write");
        let index_dir = tmp.path().join("index");
        let schema = Schema::embedded().expect("embedded schema");
        fs::create_dir_all(&index_dir).expect("mkdir");
        Index::create_in_dir(&index_dir, build_schema(&schema)).expect("tantivy index");
        assert!(matches!(
            crate::index::open(&index_dir),
            Err(IndexError::Unfinished(_))
        ));
        assert!(matches!(
            crate::index::check::check(&index_dir),
            Err(IndexError::Unfinished(_))
        ));
        let options = quiet_build(archive, index_dir.clone());
        let report = build(&schema, &options).expect("the build commits");
        assert_eq!(report.articles, 1, "{report:?}");
        assert_eq!(report.full_reason, None, "{report:?}");
        assert!(crate::index::open(&index_dir).is_ok());
    }
}
