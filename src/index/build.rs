//! Building an index from archive folders.
//!
//! Files are read, normalized and tagged in parallel (rayon) and handed to a
//! single tantivy `IndexWriter`, which does its own multi-threaded indexing.
//! Identical articles found at several paths become one document listing
//! every path. The whole run is one commit: until it lands, readers (and a
//! run that dies half-way) see the previous build.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::schema::Value;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::document::IndexedArticle;
use super::fields::{build_schema, Fields};
use super::{analyzers, exists, read_info, IndexError, IndexInfo};
use crate::actors::Tagger;
use crate::ingest::{self, ArchiveFile};
use crate::normalize;
use crate::schema::Schema;

/// What to build and how.
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    /// Files found in the archive.
    pub scanned: u64,
    /// Articles new to the index.
    pub added: u64,
    /// Articles at a path whose content changed.
    pub updated: u64,
    /// Articles already in the index with the same content.
    pub unchanged: u64,
    /// Articles no longer in the archive.
    pub removed: u64,
    /// Files that could not be indexed, with the reason.
    pub failed: Vec<Failure>,
    /// Wall time of the build.
    pub elapsed_ms: u64,
    /// Distinct articles in the committed index.
    pub articles: u64,
    /// Bytes of archive files read.
    pub bytes_read: u64,
}

/// The parts of the previous build needed to count what changed.
#[derive(Default)]
struct PreviousBuild {
    /// path → content hash.
    by_path: HashMap<String, String>,
    /// Content hashes, with their paths.
    ids: HashMap<String, Vec<String>>,
}

/// Per-run de-duplication: content hash → the paths seen so far.
#[derive(Default)]
struct Seen {
    paths_by_hash: HashMap<String, Vec<String>>,
}

/// Builds (or rebuilds) the index at `options.index_dir` from the archive.
pub fn build(schema: &Schema, options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let started = Instant::now();
    let tagger = Tagger::new(schema)?;
    let (files, walk_failures) = ingest::walk(&options.roots);

    let dir = &options.index_dir;
    let index = open_or_create(schema, dir)?;
    let fields = Fields::new(schema, index.schema())?;
    let previous = read_previous(&index, &fields);

    let threads = if options.threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        options.threads
    };
    let writer_threads = threads.clamp(1, 8);
    let per_thread = (options.writer_memory / writer_threads).max(15_000_000);
    let writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(writer_threads, per_thread * writer_threads)
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => {
                anyhow::Error::new(IndexError::Locked(dir.clone()))
            }
            other => anyhow::Error::new(IndexError::Tantivy {
                path: dir.clone(),
                source: other,
            }),
        })?;
    writer.delete_all_documents()?;

    let progress = progress_bar(files.len() as u64, options.progress);
    let seen = Mutex::new(Seen::default());
    let failures = Mutex::new(Vec::new());
    let bytes_read = std::sync::atomic::AtomicU64::new(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    pool.install(|| {
        files.par_iter().for_each(|file| {
            match prepare(file, schema, &tagger) {
                Ok((article, size)) => {
                    bytes_read.fetch_add(size, std::sync::atomic::Ordering::Relaxed);
                    if let Err(e) = add(&writer, &fields, &seen, article) {
                        lock(&failures).push(Failure {
                            path: file.path.display().to_string(),
                            error: format!("index writer: {e}"),
                        });
                    }
                }
                Err(error) => lock(&failures).push(Failure {
                    path: file.path.display().to_string(),
                    error,
                }),
            }
            progress.inc(1);
        })
    });
    progress.finish_and_clear();

    let seen = seen.into_inner().unwrap_or_else(|e| e.into_inner());
    let info = IndexInfo {
        dossier_version: env!("CARGO_PKG_VERSION").to_string(),
        fields_version: schema.fields_version(),
        registry_version: schema.registry_version(),
        furniture_version: schema.furniture_version(),
        built_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        schema: schema.sources.clone(),
    };
    commit(writer, &info, dir)?;

    let mut failed: Vec<Failure> = walk_failures
        .into_iter()
        .map(|f| Failure {
            path: f.path.display().to_string(),
            error: f.error,
        })
        .collect();
    failed.extend(failures.into_inner().unwrap_or_else(|e| e.into_inner()));
    failed.sort_by(|a, b| a.path.cmp(&b.path));

    let mut report = count_changes(&previous, &seen);
    report.scanned = files.len() as u64;
    report.failed = failed;
    report.elapsed_ms = started.elapsed().as_millis() as u64;
    report.articles = seen.paths_by_hash.len() as u64;
    report.bytes_read = bytes_read.into_inner();
    Ok(report)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Reads, normalizes and tags one file.
fn prepare(
    file: &ArchiveFile,
    schema: &Schema,
    tagger: &Tagger,
) -> Result<(IndexedArticle, u64), String> {
    let bytes = ingest::read_file(&file.path).map_err(|e| format!("{:#}", e))?;
    let article =
        normalize::normalize(&bytes, &file.path, &schema.furniture).map_err(|e| e.to_string())?;
    let tags = tagger.tag(&article.title, &article.body);
    Ok((
        IndexedArticle::new(file.path.display().to_string(), article, tags),
        bytes.len() as u64,
    ))
}

/// Adds an article, merging it with an identical one already added.
fn add(
    writer: &IndexWriter<TantivyDocument>,
    fields: &Fields,
    seen: &Mutex<Seen>,
    mut article: IndexedArticle,
) -> tantivy::Result<()> {
    // The lock spans the delete and the re-add so that the writer sees them
    // in order: a duplicate replaces the document with one listing all paths.
    let mut seen = lock(seen);
    let paths = seen
        .paths_by_hash
        .entry(article.content_hash.clone())
        .or_default();
    let duplicate = !paths.is_empty();
    paths.push(article.path.clone());
    paths.sort();
    article.paths = paths.clone();
    article.path = paths[0].clone();
    if duplicate {
        writer.delete_term(Term::from_field_text(fields.id, &article.content_hash));
    }
    writer.add_document(article.to_document(fields))?;
    Ok(())
}

fn commit(
    mut writer: IndexWriter<TantivyDocument>,
    info: &IndexInfo,
    dir: &Path,
) -> anyhow::Result<()> {
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

/// Opens the index at `dir`, or creates it. An index built under another
/// `fields.toml` is recreated, since its documents have other fields.
fn open_or_create(schema: &Schema, dir: &Path) -> anyhow::Result<Index> {
    let tantivy_schema = build_schema(schema);
    let tantivy_err = |source| IndexError::Tantivy {
        path: dir.to_path_buf(),
        source,
    };
    if exists(dir) {
        let index = Index::open_in_dir(dir).map_err(tantivy_err)?;
        let same_fields = read_info(&index)
            .is_some_and(|i| i.fields_version == schema.fields_version())
            && index.schema() == tantivy_schema;
        if same_fields {
            analyzers::register(&index);
            return Ok(index);
        }
        // The fields changed: the old segments cannot take the new
        // documents. Replace the folder's tantivy files; the next commit
        // makes the new index visible.
        drop(index);
        remove_index_files(dir)?;
    } else if dir.exists() {
        let non_empty = std::fs::read_dir(dir)
            .map(|mut entries| entries.next().is_some())
            .unwrap_or(true);
        if non_empty || !dir.is_dir() {
            return Err(IndexError::NotAnIndex(dir.to_path_buf()).into());
        }
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("cannot create index folder {}: {e}", dir.display()))?;
    let index = Index::create_in_dir(dir, tantivy_schema).map_err(tantivy_err)?;
    analyzers::register(&index);
    Ok(index)
}

fn remove_index_files(dir: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name == "meta.json"
            || name == ".managed.json"
            || name.ends_with(".idx")
            || name.ends_with(".pos")
            || name.ends_with(".term")
            || name.ends_with(".store")
            || name.ends_with(".fast")
            || name.ends_with(".fieldnorm")
            || name.ends_with(".del");
        if ours && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

fn read_previous(index: &Index, fields: &Fields) -> PreviousBuild {
    let mut previous = PreviousBuild::default();
    let Ok(reader) = index.reader() else {
        return previous;
    };
    let searcher = reader.searcher();
    for segment in searcher.segment_readers() {
        let Ok(store) = segment.get_store_reader(64) else {
            continue;
        };
        let alive = segment.alive_bitset();
        for doc_id in 0..segment.max_doc() {
            if alive.is_some_and(|a| !a.is_alive(doc_id)) {
                continue;
            }
            let Ok(doc) = store.get::<TantivyDocument>(doc_id) else {
                continue;
            };
            let Some(id) = doc
                .get_first(fields.id)
                .and_then(|v| v.as_str())
                .map(str::to_string)
            else {
                continue;
            };
            let paths: Vec<String> = doc
                .get_all(fields.paths)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            for path in &paths {
                previous.by_path.insert(path.clone(), id.clone());
            }
            previous.ids.insert(id, paths);
        }
    }
    previous
}

fn count_changes(previous: &PreviousBuild, seen: &Seen) -> BuildReport {
    let mut report = BuildReport {
        scanned: 0,
        added: 0,
        updated: 0,
        unchanged: 0,
        removed: 0,
        failed: Vec::new(),
        elapsed_ms: 0,
        articles: 0,
        bytes_read: 0,
    };
    for (hash, paths) in &seen.paths_by_hash {
        if previous.ids.contains_key(hash) {
            report.unchanged += 1;
        } else if paths.iter().any(|p| previous.by_path.contains_key(p)) {
            report.updated += 1;
        } else {
            report.added += 1;
        }
    }
    let new_paths: HashSet<&String> = seen.paths_by_hash.values().flatten().collect();
    for (hash, paths) in &previous.ids {
        if !seen.paths_by_hash.contains_key(hash) && !paths.iter().any(|p| new_paths.contains(p)) {
            report.removed += 1;
        }
    }
    report
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
