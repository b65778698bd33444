//! The tantivy index: schema, documents, building and opening.
//!
//! This module owns everything on disk under `--index DIR`: the tantivy
//! segments, and the record (in each commit's payload, so it changes
//! atomically with the documents) of which schema and registry built them.
//! Building reads an archive through `ingest`, `normalize` and `actors` and
//! commits all of a run's changes at once, so a searcher, or a run killed
//! half-way, only ever sees the last complete build.

pub mod accents;
pub mod analyzers;
pub mod budget;
mod build;
pub mod check;
pub mod document;
pub mod fields;
pub mod folded;
pub mod lock;
pub mod manifest;
pub mod merge;
pub mod recorded;
pub mod spill;
pub mod stem_cache;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::Index;

pub use build::{build, BuildOptions, BuildReport, Failure, STAGING_DIR};
pub use document::{IndexedArticle, StoredArticle};
pub use fields::Fields;

use crate::schema::{Schema, SchemaError, SchemaSources};

/// What the index records about the build that made it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexInfo {
    /// dossier version that wrote the commit.
    pub dossier_version: String,
    /// Hash of `fields.toml`.
    pub fields_version: String,
    /// Hash of the gazetteers.
    pub registry_version: String,
    /// Hash of the furniture rules.
    pub furniture_version: String,
    /// When the build committed, RFC 3339.
    pub built_at: String,
    /// The file beside the segments that holds the schema folder that
    /// built the index ([`recorded`]), so searches resolve names with the
    /// same registry the documents were tagged with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_file: Option<String>,
    /// The same schema folder inside the payload: indexes built before
    /// `schema_file` (read, no longer written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<SchemaSources>,
    /// The build's sequence number: 1 for the first build of the index, one
    /// more for each run after (documents record the build that first
    /// indexed them, for watchlists). 0 in indexes from before it existed.
    #[serde(default)]
    pub build_seq: u64,
    /// The [`EXTRACTION_VERSION`] of the code that read the articles; 0 in
    /// indexes from before it existed.
    #[serde(default)]
    pub extraction_version: u32,
}

/// The version of the code that turns a file into a document: the
/// normalizer, the actor tagger and the near-duplicate signature. A build
/// over an index written by another version re-reads every file, as a
/// change of the furniture rules does, so an upgrade never leaves articles
/// extracted the old way beside new ones (a soft hyphen splitting a word,
/// signatures that cannot be compared). Bump it with every change to what
/// a document holds for the same file. 2: double-encoded text repaired.
/// 3: MHTML files read as their page (they were indexed as quoted-printable
/// text), RTF, PostScript and news feeds refused, names inside addresses
/// not tagged. 4: React's streamed segments read where the page's script
/// puts them, footers outside `main` and repeated runs of paragraphs
/// dropped. 5: disclosure and legal-disclaimer blocks and closing copyright
/// notices dropped; teaser excerpts no longer widen the article block.
/// 6: the headline shown (h1) over a reworded social title; dates from
/// the article element's own `<time>` and from a byline under a far
/// declared headline. 7: the page's statement of the article's first
/// publication ("originally published on …") dates it. 8: a date in a
/// teaser of another article (a tag page's, a section front's) no longer
/// dates the page. 9: a `<title>` that names the site or the section, or
/// cuts the headline short, gives way to the h1; a text scrape's
/// breadcrumb line is not its headline, and a wire dateline opening its
/// story dates it. 10: a date the story tells in a sentence, or a
/// `<time>` past the story's start in no date line, no longer dates the
/// page; an `es-US` page's ambiguous numeric date gives none; a paragraph
/// that is only a link to another story is dropped. 11: "Site | Headline"
/// titles keep the headline; print views are titled by their headline; a
/// date in the headline, an event's kicker, a timeline's heading, or a
/// copy's label ("Retrieved", "Impreso el") no longer dates the page; a
/// scraper's header block is skipped; inline "Lee: <a>…</a>" teasers,
/// author bios, channel appeals and file-photo captions are dropped; a word
/// hyphenated at a scrape's line end is joined. 12: an article-typed
/// JSON-LD block dates the page over an earlier `WebPage`/`VideoObject`
/// block, and article blocks that disagree leave it undated; a related
/// item's microdata date, and today's date in a masthead ("Hoy es …"), no
/// longer date it; a canonical home page gives way to an `og:url` with a
/// path; the article element's own `lang` wins, and head declarations
/// that disagree are settled by the text; a single `<br>` inside a
/// sentence is a space, not a paragraph break. 13: no date in the future;
/// a number opening a year-and-month permalink's slug is no day; a date a
/// short line tells ("fue desarticulada el …", "Masacre del …"), a
/// caption's and a quotation's are no dateline; a `<time>` stamp the
/// reader never sees does not move the declared day; JSON-LD of other
/// things (a video, an embedded post, another page's article) gives way
/// to the `<meta>` date; an address and a byline that disagree leave the
/// page undated; archive.today copies are not dated by their capture.
/// 14: a related-looking heading over prose is the story's own
/// subheading; decomposed accents are composed and a scrape's invisible
/// characters dropped before any rule reads a line (a soft hyphen at a
/// line's end joins its word); control characters go; a fact's label
/// ("Born:", "Arrested:"), a participle ("Extradited") or a span ("1959 –
/// 2021") before a date makes it no dateline; "2021Updated" is a year and
/// a word. 15: a scrape's byline above its date line names the author and
/// lets the date line be read; a date line that runs on into its later
/// change ("… | Updated: …") is read; a statement of first publication
/// after a block's end (the Guardian's `<summary>`) is read; numeric dates
/// are read day first in the languages that write them so; wire copy's
/// labels and month names in pt/fr/it/de/ca are known; a scrape's lines
/// are joined only where broken for width; scrapes are detected as pt, fr,
/// it, de, ca or ht too, and not stemmed as Spanish.
pub const EXTRACTION_VERSION: u32 = 15;

/// Errors opening or building an index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// No index at the path.
    #[error("no dossier index at {0}; build one with `dossier index ARCHIVE --index {0}`")]
    Missing(PathBuf),
    /// The index's first build was stopped before it committed: tantivy's
    /// files are there, with no article and no build record.
    #[error(
        "the index at {0} was never finished: its first build was stopped before it committed; \
         run `dossier index ARCHIVE --index {0}` again"
    )]
    Unfinished(PathBuf),
    /// The folder holds something that is not a dossier index.
    #[error(
        "{0} exists but is not a dossier index; refusing to write into it (choose another --index)"
    )]
    NotAnIndex(PathBuf),
    /// Another process holds the writer lock.
    #[error(
        "another `dossier index` is writing to {0}; wait for it to finish (searches keep working on the last build meanwhile)"
    )]
    Locked(PathBuf),
    /// Another `dossier index` holds dossier's writer lock.
    #[error(
        "another `dossier index` is writing to {path} ({holder}); wait for it to finish, or stop that process if it hangs (searches keep working on the last build meanwhile)"
    )]
    Busy {
        /// The index folder.
        path: PathBuf,
        /// Who holds the lock: `pid N on HOST since TIME`.
        holder: String,
    },
    /// The schema recorded in the index does not parse.
    #[error("the index at {path} records a schema this dossier cannot read: {source}")]
    BadRecordedSchema {
        /// The index folder.
        path: PathBuf,
        /// What is wrong.
        source: SchemaError,
    },
    /// The schema file a commit names cannot be read.
    #[error("the index at {path} cannot read the schema it was built with: {source}; rebuild it with `dossier index`")]
    MissingRecordedSchema {
        /// The index folder.
        path: PathBuf,
        /// What is wrong.
        source: recorded::RecordedError,
    },
    /// tantivy failed. Its error is quoted, not chained as a source: where
    /// the folder is the cause, tantivy's own text is noise after ours.
    #[error("index at {path}: {}", describe_tantivy(error))]
    Tantivy {
        /// The index folder.
        path: PathBuf,
        /// The tantivy error.
        error: tantivy::TantivyError,
    },
}

/// A tantivy error in a reporter's words where the cause is the folder
/// itself (no permission, a read-only or full disk): tantivy's own text
/// quotes its internal structures (`IoError { io_error: Custom { kind:
/// PermissionDenied, error: PathError { … } } }`).
fn describe_tantivy(error: &tantivy::TantivyError) -> String {
    use tantivy::directory::error::{OpenReadError, OpenWriteError};
    use tantivy::TantivyError;
    let io = match error {
        TantivyError::IoError(io) => Some(io.as_ref()),
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => {
            Some(io_error.as_ref())
        }
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, .. }) => {
            Some(io_error.as_ref())
        }
        _ => None,
    };
    let folder_cause = io.and_then(|io| match io.kind() {
        std::io::ErrorKind::PermissionDenied => Some("permission denied"),
        std::io::ErrorKind::ReadOnlyFilesystem => Some("the disk is read-only"),
        std::io::ErrorKind::StorageFull => Some("the disk is full"),
        std::io::ErrorKind::QuotaExceeded => Some("the disk quota is used up"),
        _ => None,
    });
    match folder_cause {
        Some(cause) => format!("cannot write to the index folder: {cause}"),
        None => error.to_string(),
    }
}

/// An index opened for reading, with the schema that built it.
pub struct OpenIndex {
    /// The tantivy index.
    pub index: Index,
    /// Field handles.
    pub fields: Fields,
    /// The schema (and registry) recorded in the index.
    pub schema: Schema,
    /// What the index records about its build.
    pub info: Option<IndexInfo>,
    /// Where it lives.
    pub path: PathBuf,
    /// The registry compiled once, for every search on this index.
    tagger: std::sync::OnceLock<crate::actors::Tagger>,
    /// The names of gangs and officials a search may be narrowed by.
    gang_names: std::sync::OnceLock<crate::actors::GangNames>,
    official_names: std::sync::OnceLock<crate::actors::OfficialNames>,
    /// One reader for every search on this index.
    reader: std::sync::OnceLock<tantivy::IndexReader>,
}

impl OpenIndex {
    /// The gazetteers that built this index, compiled on first use (about
    /// 8 ms with the full registry, too much to pay on every search).
    pub fn tagger(&self) -> Result<&crate::actors::Tagger, crate::actors::TaggerError> {
        if let Some(t) = self.tagger.get() {
            return Ok(t);
        }
        let tagger = crate::actors::Tagger::new(&self.schema)?;
        Ok(self.tagger.get_or_init(|| tagger))
    }

    /// The gang names a search may be narrowed by, read on first use
    /// (without compiling the tagger's patterns).
    pub fn gang_names(&self) -> &crate::actors::GangNames {
        self.gang_names
            .get_or_init(|| crate::actors::GangNames::new(&self.schema))
    }

    /// The official names a search may be narrowed by, read on first use.
    pub fn official_names(&self) -> &crate::actors::OfficialNames {
        self.official_names
            .get_or_init(|| crate::actors::OfficialNames::new(&self.schema))
    }

    /// The build's list of shared near-duplicate bands, if it left one for
    /// the segments `searcher` reads.
    pub fn shared_bands(&self, searcher: &tantivy::Searcher) -> Option<crate::dedup::SharedBands> {
        crate::dedup::SharedBands::open(&self.path, searcher)
    }

    /// A reader of the last commit, opened on first use.
    pub fn reader(&self) -> tantivy::Result<&tantivy::IndexReader> {
        if let Some(r) = self.reader.get() {
            return Ok(r);
        }
        // A command reads one commit: no thread watching for new ones.
        let reader = self
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        Ok(self.reader.get_or_init(|| reader))
    }
}

/// True if `dir` holds a tantivy index.
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Articles an index holds before its searches spread its segments over
/// the cores. Starting the threads costs a whole `dossier search` process
/// about a millisecond: at 20,000 articles (4 segments) it was 0.5-1.5 ms
/// slower, at 100,000 (4 segments) no faster, at 1,000,000 (28 segments)
/// 35% faster.
const PARALLEL_ARTICLES: u64 = 200_000;

/// Lets a search read the index's segments on every core. A search visits
/// each segment's matches on its own (counting, facets, top hits) and
/// merges the results in segment order, so the answer is the same; on a
/// large index it comes sooner (1,000,000 articles on 2 cores: the
/// reporter queries 40% faster in process).
fn search_segments_in_parallel(index: &mut Index, segments: &[tantivy::SegmentMeta]) {
    let articles: u64 = segments.iter().map(|s| u64::from(s.num_docs())).sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(segments.len());
    if articles >= PARALLEL_ARTICLES && threads > 1 {
        // Without threads to be had, a search still runs on this one.
        let _ = index.set_multithread_executor(threads);
    }
}

/// Opens the index at `dir` for reading.
pub fn open(dir: &Path) -> Result<OpenIndex, IndexError> {
    if !exists(dir) {
        return Err(IndexError::Missing(dir.to_path_buf()));
    }
    let tantivy_err = |error| IndexError::Tantivy {
        path: dir.to_path_buf(),
        error,
    };
    let mut index = Index::open_in_dir(dir).map_err(tantivy_err)?;
    analyzers::register(&index);
    // One read of meta.json: the segments and the build's payload.
    let metas = index.load_metas().ok();
    if metas.as_ref().is_some_and(never_committed) {
        return Err(IndexError::Unfinished(dir.to_path_buf()));
    }
    search_segments_in_parallel(&mut index, metas.as_ref().map_or(&[], |m| &m.segments));
    let info = metas.as_ref().and_then(info_of);
    let schema = recorded_schema(dir, info.as_ref())?;
    let fields = Fields::new(&schema, index.schema()).map_err(tantivy_err)?;
    Ok(OpenIndex {
        index,
        fields,
        schema,
        info,
        path: dir.to_path_buf(),
        tagger: std::sync::OnceLock::new(),
        gang_names: std::sync::OnceLock::new(),
        official_names: std::sync::OnceLock::new(),
        reader: std::sync::OnceLock::new(),
    })
}

/// The schema that built the index at `dir`, as its last commit records it
/// (`info`): the embedded one for an index from before schemas were
/// recorded.
fn recorded_schema(dir: &Path, info: Option<&IndexInfo>) -> Result<Schema, IndexError> {
    let recorded =
        match info.and_then(|i| i.schema_file.as_deref()) {
            Some(name) => Some(recorded::read(dir, name).map_err(|source| {
                IndexError::MissingRecordedSchema {
                    path: dir.to_path_buf(),
                    source,
                }
            })?),
            None => info.and_then(|i| i.schema.clone()),
        };
    let bad_schema = |source| IndexError::BadRecordedSchema {
        path: dir.to_path_buf(),
        source,
    };
    match recorded {
        Some(sources) => Schema::parse_recorded(sources).map_err(bad_schema),
        None => Schema::embedded().map_err(bad_schema),
    }
}

/// Whether the index was created and never committed to: a first build
/// stopped before its end leaves tantivy's `meta.json` with no segment
/// and no build record. Searched, it looked like an index of no article
/// ("0 matches", the exit code of a search that found nothing).
pub fn never_committed(metas: &tantivy::IndexMeta) -> bool {
    metas.segments.is_empty() && metas.payload.is_none()
}

/// The build record in the index's last commit, if any.
pub fn read_info(index: &Index) -> Option<IndexInfo> {
    info_of(&index.load_metas().ok()?)
}

/// What the last commit's payload records, if it is dossier's.
fn info_of(metas: &tantivy::IndexMeta) -> Option<IndexInfo> {
    serde_json::from_str(metas.payload.as_deref()?).ok()
}

/// Size on disk of the files directly in `dir`.
pub fn size_on_disk(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::directory::error::OpenWriteError;

    #[test]
    fn a_folder_that_cannot_be_written_is_said_so_in_one_line() {
        let denied = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "not permitted");
        let error = IndexError::Tantivy {
            path: PathBuf::from("idx"),
            error: tantivy::TantivyError::OpenWriteError(OpenWriteError::wrap_io_error(
                denied,
                PathBuf::from("abc.fieldnorm"),
            )),
        };
        assert_eq!(
            error.to_string(),
            "index at idx: cannot write to the index folder: permission denied"
        );
        assert!(std::error::Error::source(&error).is_none());
        // Other errors keep tantivy's words.
        let other = IndexError::Tantivy {
            path: PathBuf::from("idx"),
            error: tantivy::TantivyError::InvalidArgument("bad".into()),
        };
        assert!(other.to_string().contains("bad"), "{other}");
    }
}
