//! Ingest: walking an archive folder and reading its files.
//!
//! This module owns finding the files of an archive (following symlinks,
//! detecting loops, skipping hidden and system files and the resources a
//! browser saves beside a page) and reading their bytes with a size cap,
//! unwrapping the page from a compressed or single-file save
//! ([`container`]). What a file *means* is decided by `normalize`; here a
//! file is just a path, a size and a modification time.
//! Problems are returned per file, never as one error for the whole walk:
//! one unreadable file must not stop a nightly build.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use anyhow::Context;
use walkdir::WalkDir;

pub mod container;

/// Files larger than this are reported and skipped: no news article is
/// anywhere near it, and reading one whole would blow the memory budget.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// One file found in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveFile {
    /// The path, as reached from the archive root given by the user.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, seconds since the Unix epoch (0 if unknown).
    pub mtime: u64,
}

/// A path that could not be walked or read, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkFailure {
    /// The path at fault.
    pub path: PathBuf,
    /// Why, in words for the report.
    pub error: String,
}

/// The files of one or more archive roots, sorted by path, and the paths
/// that could not be walked.
pub fn walk(roots: &[PathBuf]) -> (Vec<ArchiveFile>, Vec<WalkFailure>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for item in Walk::new(roots) {
        match item {
            Ok(file) => files.push(file),
            Err(failure) => failures.push(failure),
        }
    }
    (files, failures)
}

/// The files of archive roots as a stream, in the byte order of their
/// paths (as displayed), which is the order of the index's file
/// dictionary: a build compares the two side by side without holding
/// either. Only one folder's entries are in memory at a time.
pub struct Walk {
    /// Roots still to walk, last first.
    roots: Vec<PathBuf>,
    current: Option<walkdir::IntoIter>,
    current_root: PathBuf,
    /// Every root walked, in walk order, with the files it gave.
    walked: Vec<RootFiles>,
    /// A folder never walked into (the index being built, when it lies
    /// inside the archive): its name, and its canonical path.
    excluded: Option<(std::ffi::OsString, PathBuf)>,
    /// The depth of the saved page's resource folder being passed over,
    /// while inside one.
    resource_folder_depth: Option<usize>,
    resources_skipped: u64,
}

/// One archive root and the number of files its walk gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootFiles {
    /// The root as given.
    pub root: PathBuf,
    /// Files found under it (articles or not; failures aside).
    pub files: u64,
}

/// Extensions of files that are never articles but sit among them: what a
/// browser's "save page, complete" writes beside the page (scripts,
/// stylesheets, source maps, fonts), JSON data (metadata, API captures,
/// JSON-lines datasets) and link shortcuts (`.url` on Windows, `.webloc`
/// on macOS: what dragging a link into a folder leaves), and tables
/// (`.csv`, `.tsv`: a read-later service's export, a spreadsheet of
/// cases), and program source (a scraper's script kept beside what it
/// scraped, its keyword list naming every gang). SVG images are
/// text too (`.svgz` once unzipped). Read as text they
/// became "articles" titled `{`, `/*` or `[InternetShortcut]`, and a
/// dataset of a thousand stories one article tagged with every actor in
/// it. Images, PDFs and other binaries need no entry: they are caught by
/// their bytes and reported.
const RESOURCE_EXTENSIONS: &[&str] = &[
    "js",
    "mjs",
    "cjs",
    "css",
    "map",
    "json",
    "jsonld",
    "jsonl",
    "ndjson",
    "csv",
    "tsv",
    "woff",
    "woff2",
    "ttf",
    "otf",
    "eot",
    "url",
    "webloc",
    "webmanifest",
    "svg",
    "svgz",
    "py",
    "ipynb",
    "sh",
    "bash",
    "ps1",
    "bat",
    "rb",
    "pl",
    "r",
    "rs",
    "go",
    "java",
    "ts",
    "sql",
];

/// Suffixes of the folder a browser saves a page's resources in, beside
/// `NAME.html`: `NAME_files` (Firefox, Chrome, Safari, Edge) and
/// `NAME_archivos` (Spanish-language Internet Explorer and old Edge).
/// Everything inside is the page's furniture, including the `.html` of its
/// frames (ads, embedded posts, comment widgets), never a story of its own.
const RESOURCE_FOLDER_SUFFIXES: &[&str] = &["_files", "_archivos"];

/// Page extensions whose `NAME_files` folder is passed over.
const SAVED_PAGE_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "shtml", "mht", "mhtml"];

/// Whether a file's name marks it as a page resource rather than an
/// article (case-insensitive extension).
fn is_resource_file(name: &std::ffi::OsStr) -> bool {
    // `app.js.gz` is a script too.
    uncompressed_name(Path::new(name))
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|ext| {
            RESOURCE_EXTENSIONS
                .iter()
                .any(|r| r.eq_ignore_ascii_case(ext))
        })
}

/// Whether `dir` holds a search index (tantivy's `meta.json` beside its
/// `.managed.json`): another dossier index inside the archive, the
/// default `./dossier-index` of an earlier `cd archive && dossier index .`
/// when tonight's build writes elsewhere. Read as articles, its recorded
/// schema became a story tagged with every actor of the registry, and its
/// segment files failures on every run.
fn is_search_index(dir: &Path) -> bool {
    dir.join("meta.json").is_file() && dir.join(".managed.json").is_file()
}

/// Whether `dir` is a browser's resource folder: named `NAME_files` (or
/// another suffix above) with a saved page `NAME.html` beside it. A folder
/// merely called `old_files` with no such page is walked as usual.
fn is_saved_page_resource_folder(dir: &Path) -> bool {
    let (Some(name), Some(parent)) = (dir.file_name().and_then(|n| n.to_str()), dir.parent())
    else {
        return false;
    };
    RESOURCE_FOLDER_SUFFIXES.iter().any(|suffix| {
        name.strip_suffix(suffix)
            .filter(|stem| !stem.is_empty())
            .is_some_and(|stem| {
                SAVED_PAGE_EXTENSIONS
                    .iter()
                    .any(|ext| parent.join(format!("{stem}.{ext}")).is_file())
            })
    })
}

impl Walk {
    /// A walk of `roots`. Roots are walked in the order of their paths, a
    /// root inside another is walked once (as part of the outer one), and
    /// a root that does not exist is reported as a failure. One folder
    /// given twice under two spellings (`arch` and `./arch`, or a
    /// symlink to it) is walked once, under the first spelling in path
    /// order: walked twice, every article was indexed twice.
    pub fn new(roots: &[PathBuf]) -> Self {
        let mut keyed: Vec<(String, PathBuf)> = roots
            .iter()
            .map(|root| (root_key(root), root.clone()))
            .collect();
        keyed.sort();
        keyed.dedup_by(|a, b| a.0 == b.0);
        let mut canonical_seen = std::collections::HashSet::new();
        keyed.retain(|(_, root)| match fs::canonicalize(root) {
            Ok(canonical) => canonical_seen.insert(canonical),
            Err(_) => true,
        });
        // A root whose paths start with another folder root's are in it.
        let folders: Vec<String> = keyed
            .iter()
            .filter(|(key, _)| key.ends_with('/'))
            .map(|(key, _)| key.clone())
            .collect();
        keyed.retain(|(key, _)| {
            !folders
                .iter()
                .any(|outer| key != outer && key.starts_with(outer.as_str()))
        });
        Walk {
            roots: keyed.into_iter().rev().map(|(_, root)| root).collect(),
            current: None,
            current_root: PathBuf::new(),
            walked: Vec::new(),
            excluded: None,
            resource_folder_depth: None,
            resources_skipped: 0,
        }
    }

    /// The same walk, never entering `folder` (the index being written:
    /// the nightly `cd archive && dossier index .` puts it inside the
    /// archive, and its own files were read as articles, its schema file
    /// tagged with every actor of the registry). `folder` need not exist.
    pub fn excluding(mut self, folder: &Path) -> Self {
        let canonical = fs::canonicalize(folder).ok().or_else(|| {
            let parent = match folder.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            Some(fs::canonicalize(parent).ok()?.join(folder.file_name()?))
        });
        self.excluded = canonical.and_then(|c| Some((c.file_name()?.to_os_string(), c)));
        self
    }

    /// The roots walked so far, in walk order, each with its count of
    /// files: a root that gave none is an empty or missing folder.
    pub fn walked(&self) -> &[RootFiles] {
        &self.walked
    }

    /// Whether the walk must not enter the folder `entry`.
    fn is_excluded(
        excluded: &Option<(std::ffi::OsString, PathBuf)>,
        entry: &walkdir::DirEntry,
    ) -> bool {
        let Some((name, canonical)) = excluded else {
            return false;
        };
        // Only a folder of the index's name is worth resolving.
        entry.file_name() == name.as_os_str()
            && fs::canonicalize(entry.path()).is_ok_and(|c| &c == canonical)
    }

    /// Files passed over so far by name as not articles: those in a saved
    /// page's resource folder, and scripts, stylesheets, fonts, JSON and
    /// link shortcuts anywhere.
    pub fn resources_skipped(&self) -> u64 {
        self.resources_skipped
    }
}

/// A path as text, without loss: the index's key for a file, the path
/// a hit shows and the order the walk follows. Valid UTF-8 is kept as it
/// is; each byte that is not (a Latin-1 file name copied from an old
/// Windows archive) is written `\xNN`. `Path::display` wrote both `ñ` and
/// `é` of such names as `�`: two files shared one key, so every night read
/// both again as changed, and a hit's path named no file.
pub fn path_key(path: &Path) -> String {
    os_key(path.as_os_str())
}

fn os_key(text: &std::ffi::OsStr) -> String {
    if let Some(valid) = text.to_str() {
        return valid.to_string();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut key = String::new();
        for chunk in text.as_bytes().utf8_chunks() {
            key.push_str(chunk.valid());
            for byte in chunk.invalid() {
                key.push_str(&format!("\\x{byte:02X}"));
            }
        }
        key
    }
    #[cfg(not(unix))]
    {
        text.to_string_lossy().into_owned()
    }
}

/// The path a [`path_key`] was made from.
pub fn key_path(key: &str) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        // Only keys made from a name that was not UTF-8 hold escapes to
        // undo: a name whose `\xNN` text unescapes to valid UTF-8 was
        // written that way by hand.
        if key.contains("\\x") {
            let bytes = unescape_bytes(key);
            if std::str::from_utf8(&bytes).is_err() {
                return PathBuf::from(std::ffi::OsString::from_vec(bytes));
            }
        }
    }
    PathBuf::from(key)
}

#[cfg(unix)]
fn unescape_bytes(key: &str) -> Vec<u8> {
    let bytes = key.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let escaped = bytes
            .get(at..at + 4)
            .filter(|b| b.starts_with(b"\\x"))
            .and_then(|b| std::str::from_utf8(&b[2..]).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                at += 4;
            }
            None => {
                out.push(bytes[at]);
                at += 1;
            }
        }
    }
    out
}

/// The prefix a root's paths share: the root, with a `/` after a folder.
fn root_key(root: &Path) -> String {
    let text = path_key(root);
    if root.is_dir() && !text.ends_with('/') {
        text + "/"
    } else {
        text
    }
}

/// Orders two entries of one folder as their full paths order: a folder
/// compares as its name followed by `/`.
fn path_order(a: &walkdir::DirEntry, b: &walkdir::DirEntry) -> std::cmp::Ordering {
    let a_name = os_key(a.file_name());
    let b_name = os_key(b.file_name());
    let a_slash = a.file_type().is_dir().then_some(b'/');
    let b_slash = b.file_type().is_dir().then_some(b'/');
    a_name
        .bytes()
        .chain(a_slash)
        .cmp(b_name.bytes().chain(b_slash))
}

impl Iterator for Walk {
    type Item = Result<ArchiveFile, WalkFailure>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let Some(walker) = &mut self.current else {
                let root = self.roots.pop()?;
                self.walked.push(RootFiles {
                    root: root.clone(),
                    files: 0,
                });
                if !root.exists() {
                    return Some(Err(WalkFailure {
                        path: root,
                        error: "no such file or directory".to_string(),
                    }));
                }
                self.current = Some(
                    WalkDir::new(&root)
                        .follow_links(true)
                        .sort_by(path_order)
                        .into_iter(),
                );
                self.current_root = root;
                continue;
            };
            let entry = match walker.next() {
                None => {
                    self.current = None;
                    continue;
                }
                Some(entry) => entry,
            };
            if let Ok(entry) = &entry {
                // Entries come depth first: the resource folder ends at the
                // first entry no deeper than it.
                match self.resource_folder_depth {
                    Some(depth) if entry.depth() > depth => {
                        if entry.file_type().is_file() {
                            self.resources_skipped += 1;
                        }
                        continue;
                    }
                    Some(_) => self.resource_folder_depth = None,
                    None => {}
                }
            }
            match entry {
                Ok(entry) if entry.depth() > 0 && is_hidden(entry.file_name()) => {
                    if entry.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                }
                Ok(entry)
                    if entry.file_type().is_dir()
                        && (Self::is_excluded(&self.excluded, &entry)
                            || (entry.depth() > 0 && is_search_index(entry.path()))) =>
                {
                    walker.skip_current_dir();
                }
                Ok(entry)
                    if entry.depth() > 0
                        && entry.file_type().is_dir()
                        && is_saved_page_resource_folder(entry.path()) =>
                {
                    // Walked (names only) to count what is passed over.
                    self.resource_folder_depth = Some(entry.depth());
                }
                Ok(entry)
                    if entry.depth() > 0
                        && entry.file_type().is_file()
                        && is_resource_file(entry.file_name()) =>
                {
                    self.resources_skipped += 1;
                }
                Ok(entry) if entry.file_type().is_file() => {
                    if let Some(root) = self.walked.last_mut() {
                        root.files += 1;
                    }
                    return Some(match entry.metadata() {
                        Ok(meta) => Ok(ArchiveFile {
                            size: meta.len(),
                            mtime: mtime_secs(&meta),
                            path: entry.into_path(),
                        }),
                        Err(e) => Err(WalkFailure {
                            path: entry.path().to_path_buf(),
                            error: e.to_string(),
                        }),
                    });
                }
                Ok(entry) if !entry.file_type().is_dir() => {
                    return Some(Err(WalkFailure {
                        path: entry.into_path(),
                        error: NOT_A_REGULAR_FILE.to_string(),
                    }));
                }
                Ok(_) => {}
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| self.current_root.clone());
                    let error = if e.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else {
                        e.io_error()
                            .map(|io| io.to_string())
                            .unwrap_or_else(|| e.to_string())
                    };
                    return Some(Err(WalkFailure { path, error }));
                }
            }
        }
    }
}

/// Hidden files and folders, and the files Windows and macOS keep hidden
/// in folders (`desktop.ini`, `Thumbs.db`, Office's `~$` lock files, the
/// `Icon\r` of a folder with a custom icon), which lose the attribute when
/// an archive is copied to another system: read as text, a `desktop.ini`
/// became an article titled `[.ShellClassInfo]`.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    const SYSTEM_FILES: &[&str] = &[
        "desktop.ini",
        "thumbs.db",
        "ehthumbs.db",
        "ehthumbs_vista.db",
        "icon\r",
    ];
    name.to_str().is_some_and(|n| {
        n.starts_with('.')
            || n.starts_with("~$")
            || SYSTEM_FILES
                .iter()
                .any(|system| system.eq_ignore_ascii_case(n))
    })
}

fn mtime_secs(meta: &fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Reads a whole file, refusing ones over [`MAX_FILE_BYTES`], and returns
/// the page it holds: a gzip-compressed file (`story.html.gz`, as some
/// scrapers keep pages) is read as its contents, an MHTML file (a
/// browser's "Webpage, Single File") or a Safari web archive as its HTML
/// page (see [`container`]).
/// The content is the article, so the same page compressed, wrapped or
/// neither is one document.
pub fn read_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    Ok(read_page(path)?.bytes)
}

/// Asks the kernel to start reading `path` into its page cache, and
/// returns without waiting.
///
/// A build reads each file once, where it lies, on a core that then has
/// nothing to do until the disk answers: on an archive larger than the
/// memory's cache (25 GB at 1,000,000 articles), the cores idled for a
/// tenth of the build. The build asks for the files a few tasks ahead of
/// the ones being read, so the disk works while the cores normalize. A
/// hint only: any failure is ignored, and the read reports its own.
pub fn prefetch(path: &Path) {
    #[cfg(target_os = "linux")]
    if let Ok(file) = std::fs::File::open(path) {
        let _ = rustix::fs::fadvise(&file, 0, None, rustix::fs::Advice::WillNeed);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = path;
}

/// [`read_file`], with the address the page was saved from where the file
/// records it.
pub fn read_page(path: &Path) -> anyhow::Result<container::Page> {
    read_capped(path, MAX_FILE_BYTES)
}

/// Why a named pipe, a socket or a device is not read: opening a pipe
/// waits for a writer that may never come, and a device may never end.
const NOT_A_REGULAR_FILE: &str = "not a regular file (a named pipe, socket or device)";

fn read_capped(path: &Path, cap: u64) -> anyhow::Result<container::Page> {
    let meta = fs::metadata(path).with_context(|| format!("cannot open {}", path.display()))?;
    if !meta.is_file() && !meta.is_dir() {
        anyhow::bail!("{NOT_A_REGULAR_FILE}");
    }
    let file = fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > cap {
        anyhow::bail!("file is larger than {}", container::mib(cap));
    }
    container::page_of(bytes, cap)
}

/// The name a file's contents would have uncompressed: `page.html` for
/// `page.html.gz` ([`read_file`] reads such a file as its contents), the
/// name itself otherwise.
pub fn uncompressed_name(path: &Path) -> &Path {
    match (path.extension(), path.file_stem()) {
        (Some(ext), Some(stem)) if ext.eq_ignore_ascii_case("gz") => Path::new(stem),
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_and_skips_hidden_and_system_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("b")).unwrap();
        fs::create_dir_all(dir.path().join(".git")).unwrap();
        fs::write(dir.path().join("b/2.html"), "x").unwrap();
        fs::write(dir.path().join("a.txt"), "yy").unwrap();
        fs::write(dir.path().join(".git/config"), "z").unwrap();
        for system in ["desktop.ini", "b/Thumbs.db", "b/~$informe.docx", "b/Icon\r"] {
            fs::write(dir.path().join(system), "w").unwrap();
        }
        let (files, failures) = walk(&[dir.path().to_path_buf()]);
        assert!(failures.is_empty());
        let names: Vec<_> = files
            .iter()
            .map(|f| f.path.strip_prefix(dir.path()).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            vec![PathBuf::from("a.txt"), PathBuf::from("b/2.html")]
        );
        assert_eq!(files[0].size, 2);
    }

    #[test]
    fn another_index_inside_the_archive_is_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for path in [
            "2021/story.html",
            "dossier-index/meta.json",
            "dossier-index/.managed.json",
            "dossier-index/schema-0123.sources",
            "sub/old-index/meta.json",
            "sub/old-index/.managed.json",
            "sub/old-index/abc.store",
            // A reporter's folder that merely holds a `meta.json`.
            "api/meta.json",
            "api/capture.html",
        ] {
            let path = root.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let (files, _) = walk(&[root.to_path_buf()]);
        let names: Vec<String> = files
            .iter()
            .map(|f| f.path.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["2021/story.html", "api/capture.html"]);
    }

    #[test]
    fn page_resources_are_passed_over_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for path in [
            "2021/story.html",
            // A browser's "save page, complete": frames and all.
            "2021/story_files/app.js",
            "2021/story_files/frame.html",
            "2021/story_files/sub/ad.htm",
            "2021/nota.htm",
            "2021/nota_archivos/estilo.css",
            // No page of that name beside it: a reporter's own folder.
            "2021/old_files/kept.txt",
            "2021/_files/kept.html",
            "2021/meta.JSON",
            "2021/dataset.jsonl",
            "2021/instapaper-export.csv",
            "2021/casos.TSV",
            "2021/bundle.min.js",
            "2021/font.woff2",
            "2021/logo.svgz",
            "2021/Bukele negocia con la MS-13.url",
            "2021/vendor.js.gz",
            "2021/scrape.txt",
            "2021/saved.html.gz",
            "2021/scrape.py",
            "2021/fetch.sh",
            "2021/analisis.R",
        ] {
            let path = root.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let mut walk = Walk::new(&[root.to_path_buf()]);
        let names: Vec<String> = walk
            .by_ref()
            .map(|f| {
                let f = f.unwrap();
                f.path.strip_prefix(root).unwrap().display().to_string()
            })
            .collect();
        assert_eq!(
            names,
            [
                "2021/_files/kept.html",
                "2021/nota.htm",
                "2021/old_files/kept.txt",
                "2021/saved.html.gz",
                "2021/scrape.txt",
                "2021/story.html",
            ]
        );
        assert_eq!(walk.resources_skipped(), 16);
    }

    #[test]
    fn a_resource_named_as_a_root_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data.json");
        fs::write(&file, "{}").unwrap();
        let (files, failures) = walk(std::slice::from_ref(&file));
        assert!(failures.is_empty());
        assert_eq!(files.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("d")).unwrap();
        fs::write(dir.path().join("d/a.txt"), "text").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("d/loop")).unwrap();
        let (files, failures) = walk(&[dir.path().to_path_buf()]);
        assert_eq!(files.len(), 1);
        assert!(
            failures.iter().any(|f| f.error.contains("loop")),
            "{failures:?}"
        );
    }

    /// A named pipe is reported, and reading one fails at once: opening it
    /// waited for a writer (`dossier inspect` hung for good).
    #[cfg(unix)]
    #[test]
    fn named_pipes_and_devices_are_reported_not_read() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "text").unwrap();
        let fifo = dir.path().join("pipe.html");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("mkfifo unavailable: test skipped");
            return;
        }
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
        let (files, failures) = walk(&[dir.path().to_path_buf()]);
        assert_eq!(files.len(), 1, "{files:?}");
        let reported: Vec<_> = failures
            .iter()
            .filter(|f| f.error == NOT_A_REGULAR_FILE)
            .map(|f| f.path.file_name().unwrap().to_owned())
            .collect();
        assert_eq!(reported, ["pipe.html", "zero.txt"], "{failures:?}");
        let err = read_file(&fifo).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[test]
    fn the_excluded_folder_is_not_walked_and_roots_count_their_files() {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archive");
        for path in [
            "a.txt",
            "dossier-index/meta.json.txt",
            "sub/dossier-index/b.txt",
        ] {
            let path = archive.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        fs::create_dir_all(dir.path().join("empty")).unwrap();
        let roots = [archive.clone(), dir.path().join("empty")];
        // The index is named relative to the archive, as `cd archive &&
        // dossier index .` names it.
        let walk = Walk::new(&roots).excluding(&archive.join("./dossier-index"));
        let mut walk = walk;
        let paths: Vec<String> = walk
            .by_ref()
            .map(|f| path_key(&f.unwrap().path))
            .map(|p| p.rsplit("archive/").next().unwrap().to_string())
            .collect();
        // Only the index itself is passed over, not a folder of its name.
        assert_eq!(paths, ["a.txt", "sub/dossier-index/b.txt"]);
        let counts: Vec<u64> = walk.walked().iter().map(|r| r.files).collect();
        assert_eq!(counts, [2, 0]);
        // An index that does not exist yet excludes nothing by accident.
        let fresh = Walk::new(&roots).excluding(&archive.join("new-index"));
        assert_eq!(fresh.count(), 3);
    }

    #[cfg(unix)]
    #[test]
    fn one_folder_given_under_two_spellings_is_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archive");
        fs::create_dir_all(&archive).unwrap();
        fs::write(archive.join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(&archive, dir.path().join("link")).unwrap();
        let roots = [archive.clone(), archive.join("."), dir.path().join("link")];
        let (files, failures) = walk(&roots);
        assert!(failures.is_empty(), "{failures:?}");
        assert_eq!(files.len(), 1, "{files:?}");
    }

    #[test]
    fn walks_in_the_byte_order_of_paths_across_roots() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for path in [
            "a/b.html",
            "a-b.html",
            "a b/c.html",
            "ab.html",
            "a/c/d.html",
            "x/y.txt",
        ] {
            let path = root.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        // Roots out of order, one inside another, one given twice.
        let roots = [
            root.join("x"),
            root.to_path_buf(),
            root.join("a"),
            root.join("x"),
        ];
        let (files, failures) = walk(&roots);
        assert!(failures.is_empty(), "{failures:?}");
        let paths: Vec<String> = files.iter().map(|f| path_key(&f.path)).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        assert_eq!(paths.len(), 6, "{paths:?}");
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn gzip_files_are_read_as_their_contents() {
        let dir = tempfile::tempdir().unwrap();
        let page = b"<html><body><p>Sure\xf1os</p></body></html>";
        let path = dir.path().join("page.html.gz");
        fs::write(&path, gzip(page)).unwrap();
        assert_eq!(read_file(&path).unwrap(), page);
        // Two members, as `cat a.gz b.gz` writes: both are read.
        let mut two = gzip(b"first ");
        two.extend(gzip(b"second"));
        fs::write(&path, two).unwrap();
        assert_eq!(read_file(&path).unwrap(), b"first second");
    }

    #[test]
    fn damaged_or_inflating_gzip_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html.gz");
        let mut damaged = gzip(&[b'x'; 10_000]);
        damaged.truncate(damaged.len() / 2);
        fs::write(&path, &damaged).unwrap();
        let error = format!("{:#}", read_file(&path).unwrap_err());
        assert!(error.contains("damaged gzip data"), "{error}");
        // A few hundred bytes that inflate past the cap.
        fs::write(&path, gzip(&[b' '; 100_000])).unwrap();
        let error = format!("{:#}", read_capped(&path, 50_000).unwrap_err());
        assert!(
            error.contains("inflates to more than 50000 bytes"),
            "{error}"
        );
        assert_eq!(read_capped(&path, 100_000).unwrap().bytes.len(), 100_000);
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_keep_distinct_keys_in_walk_order() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        for name in [
            &b"nota-\xf1.html"[..],
            b"nota-\xe9.html",
            b"nota-z.html",
            b"A\\x41.html",
        ] {
            fs::write(dir.path().join(std::ffi::OsStr::from_bytes(name)), "x").unwrap();
        }
        let (files, failures) = walk(&[dir.path().to_path_buf()]);
        assert!(failures.is_empty(), "{failures:?}");
        let keys: Vec<String> = files.iter().map(|f| path_key(&f.path)).collect();
        let names: Vec<&str> = keys.iter().map(|k| k.rsplit('/').next().unwrap()).collect();
        assert_eq!(
            names,
            [
                "A\\x41.html",
                "nota-\\xE9.html",
                "nota-\\xF1.html",
                "nota-z.html"
            ]
        );
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "the walk follows the keys' order");
        for (file, key) in files.iter().zip(&keys) {
            assert_eq!(key_path(key), file.path, "{key}");
            assert!(read_file(&key_path(key)).is_ok());
        }
    }

    #[test]
    fn missing_root_is_a_failure() {
        let (files, failures) = walk(&[PathBuf::from("/nonexistent/dossier/archive")]);
        assert!(files.is_empty());
        assert_eq!(failures.len(), 1);
    }
}
