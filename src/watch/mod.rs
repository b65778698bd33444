//! Watchlists: saved searches that report what arrived since they last ran.
//!
//! A watch is a query with the `search` filters (gangs, officials, dates)
//! and a *mark*: the last build whose arrivals it has reported. Every
//! document records the build that first indexed its content (the
//! `indexed_at` fast field, a sequence number kept in each commit's
//! payload), so "arrived since the mark" is a range query, and a document
//! that is only rewritten (a new path, re-tagging, `--full`) keeps its
//! number and does not fire again.
//!
//! Watches live in `watches.json` inside the index folder, written
//! atomically (a temporary file renamed over the old one), so they survive
//! rebuilds and a crash mid-write. This module owns the file and the query;
//! printing is the CLI's job.

use std::ops::Bound;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery};
use tantivy::Term;

use crate::index::{IndexedArticle, OpenIndex};
use crate::search::{self, SearchError, SearchRequest};

/// The watch file's name inside the index folder.
pub const WATCH_FILE: &str = "watches.json";

/// One saved search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watch {
    /// Its name, unique in the index.
    pub name: String,
    /// The query, as `dossier search` takes it.
    pub query: String,
    /// Gang filters (OR'd).
    #[serde(default)]
    pub gangs: Vec<String>,
    /// Official filters (OR'd).
    #[serde(default)]
    pub officials: Vec<String>,
    /// Inclusive start of the publication dates, `YYYY[-MM[-DD]]`.
    #[serde(default)]
    pub from: Option<String>,
    /// Inclusive end of the publication dates.
    #[serde(default)]
    pub to: Option<String>,
    /// The last build whose arrivals were reported (at creation: the build
    /// current then, so a new watch reports only later arrivals).
    pub mark: u64,
    /// When the watch was added, RFC 3339.
    pub created_at: String,
    /// When it last ran, RFC 3339.
    #[serde(default)]
    pub last_run: Option<String>,
}

impl Watch {
    /// The build after which this watch's arrivals are counted, on an index
    /// whose current build is `current`: its mark, or 0 when the mark is
    /// above `current` ([`Watch::mark_is_stale`]). Such a watch is treated
    /// as never run against this index: every matching article of it is
    /// reported once, rather than none until the counter passes the old mark.
    pub fn since(&self, current: u64) -> u64 {
        if self.mark_is_stale(current) {
            0
        } else {
            self.mark
        }
    }

    /// Whether the mark is above `current`, the index's build: the watch's
    /// history belongs to another index (the index was rebuilt from scratch,
    /// its build counter restarted at 1, and the old `watches.json` copied
    /// in), so the mark says nothing about what this index has reported.
    pub fn mark_is_stale(&self, current: u64) -> bool {
        self.mark > current
    }

    /// The search this watch runs.
    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            query: self.query.clone(),
            gangs: self.gangs.clone(),
            officials: self.officials.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            limit: 0,
            offset: 0,
            ..SearchRequest::default()
        }
    }
}

/// The watches of one index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watchlist {
    /// In the order they were added.
    pub watches: Vec<Watch>,
}

/// Why a watch command failed.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The watch file cannot be read or written.
    #[error("watch file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The watch file is not valid JSON.
    #[error("watch file {path} is damaged ({source}); fix or delete it")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
    /// `add` with a name in use.
    #[error("a watch named '{0}' exists; remove it first or choose another name")]
    Exists(String),
    /// `add` with a name `watch list` cannot print on one line.
    #[error("{0}")]
    BadName(String),
    /// No watch of that name.
    #[error("no watch named '{0}' (see `dossier watch list`)")]
    Unknown(String),
    /// The index predates `indexed_at`.
    #[error("the index at {0} does not record when articles arrived; rebuild it with `dossier index --full`")]
    NoArrivals(PathBuf),
    /// The watch's search is not valid.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// tantivy failed.
    #[error("watch search failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Watchlist {
    /// The watch file of the index folder `dir`.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(WATCH_FILE)
    }

    /// Reads the watches of the index in `dir` (none if the file is absent).
    pub fn load(dir: &Path) -> Result<Self, WatchError> {
        let path = Self::path(dir);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|source| WatchError::Parse {
                path: path.clone(),
                source,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Watchlist::default()),
            Err(source) => Err(WatchError::Io { path, source }),
        }
    }

    /// Writes the watches atomically: to a temporary file, then renamed
    /// over the old one.
    pub fn save(&self, dir: &Path) -> Result<(), WatchError> {
        let path = Self::path(dir);
        let temp = dir.join(format!(".{WATCH_FILE}.{}.tmp", std::process::id()));
        let io = |source| WatchError::Io {
            path: path.clone(),
            source,
        };
        let text = serde_json::to_string_pretty(self).map_err(|e| io(std::io::Error::other(e)))?;
        {
            use std::io::Write;
            let mut file = std::fs::File::create(&temp).map_err(io)?;
            file.write_all(text.as_bytes()).map_err(io)?;
            file.write_all(b"\n").map_err(io)?;
            file.sync_all().map_err(io)?;
        }
        std::fs::rename(&temp, &path).map_err(io)?;
        Ok(())
    }

    /// Adds a watch; its name must be new.
    pub fn add(&mut self, watch: Watch) -> Result<(), WatchError> {
        check_name(&watch.name)?;
        if self.watches.iter().any(|w| w.name == watch.name) {
            return Err(WatchError::Exists(watch.name));
        }
        self.watches.push(watch);
        Ok(())
    }

    /// Removes the watch named `name`.
    pub fn remove(&mut self, name: &str) -> Result<Watch, WatchError> {
        let at = self
            .watches
            .iter()
            .position(|w| w.name == name)
            .ok_or_else(|| WatchError::Unknown(name.to_string()))?;
        Ok(self.watches.remove(at))
    }
}

/// Checks that `name` can name a watch: not blank, and no tab, line break
/// or other control character, since `watch list` prints one watch a line
/// with tab-separated columns (and `watch run` its name in a header line).
pub fn check_name(name: &str) -> Result<(), WatchError> {
    if name.trim().is_empty() {
        return Err(WatchError::BadName(
            "a watch needs a name: `dossier watch add NAME QUERY`".to_string(),
        ));
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(WatchError::BadName(format!(
            "a watch name cannot hold a tab, line break or other control character \
             ({c:?} in {name:?}); `watch list` prints one watch a line, its columns separated by tabs"
        )));
    }
    Ok(())
}

/// The current build of `index` (0 if it records none).
pub fn current_build(index: &OpenIndex) -> u64 {
    index.info.as_ref().map_or(0, |i| i.build_seq)
}

/// Checks that `watch`'s search is valid on `index` (names resolve, dates
/// parse).
pub fn validate(index: &OpenIndex, watch: &Watch) -> Result<(), WatchError> {
    search::prepare(index, &watch.request())?;
    Ok(())
}

/// The articles matching `watch` that arrived after its mark (after build 0
/// when the mark is stale, [`Watch::since`]), up to the current build:
/// newest arrivals first, then newest publication date.
pub fn arrivals(index: &OpenIndex, watch: &Watch) -> Result<Vec<IndexedArticle>, WatchError> {
    let Some(indexed_at) = index.fields.indexed_at else {
        return Err(WatchError::NoArrivals(index.path.clone()));
    };
    let prepared = search::prepare(index, &watch.request())?;
    let range = RangeQuery::new(
        Bound::Excluded(Term::from_field_u64(
            indexed_at,
            watch.since(current_build(index)),
        )),
        Bound::Included(Term::from_field_u64(indexed_at, current_build(index))),
    );
    let query = BooleanQuery::new(vec![
        (Occur::Must, prepared.query()),
        (Occur::Must, Box::new(range) as Box<dyn Query>),
    ]);
    let reader = index.index.reader()?;
    let searcher = reader.searcher();
    let mut articles = Vec::new();
    for address in searcher.search(&query, &DocSetCollector)? {
        articles.push(IndexedArticle::load(&searcher, address, &index.fields)?);
    }
    articles.sort_by(|a, b| {
        b.indexed_at
            .cmp(&a.indexed_at)
            .then(b.date.cmp(&a.date))
            .then(a.path.cmp(&b.path))
    });
    Ok(articles)
}

/// An arrival as `watch run --format json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct ArrivalJson<'a> {
    /// Headline.
    pub title: &'a str,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// First path.
    pub path: &'a str,
    /// Every path.
    pub paths: &'a [String],
    /// Canonical URL.
    pub url: Option<&'a str>,
    /// Gang labels.
    pub gangs: &'a [String],
    /// Officials.
    pub officials: &'a [String],
    /// The build that first indexed it.
    pub indexed_at: u64,
}

impl<'a> From<&'a IndexedArticle> for ArrivalJson<'a> {
    fn from(a: &'a IndexedArticle) -> Self {
        ArrivalJson {
            title: &a.title,
            date: a.date,
            path: &a.path,
            paths: &a.paths,
            url: a.url.as_deref(),
            gangs: &a.gangs,
            officials: &a.officials,
            indexed_at: a.indexed_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watch(name: &str) -> Watch {
        Watch {
            name: name.to_string(),
            query: "extorsión".to_string(),
            gangs: vec!["MS13".to_string()],
            officials: Vec::new(),
            from: Some("2020".to_string()),
            to: None,
            mark: 3,
            created_at: "2026-01-01T00:00:00Z".to_string(),
            last_run: None,
        }
    }

    #[test]
    fn watchlist_round_trips_and_names_are_unique() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut list = Watchlist::load(dir.path()).expect("absent file is empty");
        assert!(list.watches.is_empty());
        list.add(watch("ms13")).expect("added");
        assert!(matches!(
            list.add(watch("ms13")),
            Err(WatchError::Exists(_))
        ));
        list.save(dir.path()).expect("saved");
        let back = Watchlist::load(dir.path()).expect("loaded");
        assert_eq!(back, list);
        let mut back = back;
        assert_eq!(back.remove("ms13").expect("removed").mark, 3);
        assert!(matches!(back.remove("ms13"), Err(WatchError::Unknown(_))));
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(WATCH_FILE)]);
    }

    #[test]
    fn names_that_cannot_be_listed_on_one_line_are_refused() {
        let mut list = Watchlist::default();
        for name in ["", "  ", "a\tb", "a\nb", "tab\t", "cr\r"] {
            let err = list.add(watch(name)).expect_err(name);
            assert!(matches!(err, WatchError::BadName(_)), "{name:?}: {err}");
        }
        assert!(list.watches.is_empty());
        list.add(watch("ms13 extorsión"))
            .expect("spaces and accents are fine");
    }

    #[test]
    fn a_mark_above_the_current_build_counts_from_the_start() {
        let w = watch("ms13"); // mark 3
        assert_eq!(w.since(3), 3);
        assert_eq!(w.since(9), 3);
        assert!(!w.mark_is_stale(3));
        // The index was rebuilt: its counter restarted below the mark.
        assert!(w.mark_is_stale(2));
        assert_eq!(w.since(2), 0);
    }

    #[test]
    fn damaged_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(Watchlist::path(dir.path()), "{not json").expect("write");
        let err = Watchlist::load(dir.path()).expect_err("damaged");
        assert!(err.to_string().contains(WATCH_FILE), "{err}");
    }
}
