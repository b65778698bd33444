//! Ingest: walking an archive folder and reading its files.
//!
//! This module owns finding the files of an archive (following symlinks,
//! detecting loops, skipping hidden and version-control folders) and reading
//! their bytes with a size cap. What a file *means* is decided by
//! `normalize`; here a file is just a path, a size and a modification time.
//! Problems are returned per file, never as one error for the whole walk:
//! one unreadable file must not stop a nightly build.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use anyhow::Context;
use walkdir::WalkDir;

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
}

impl Walk {
    /// A walk of `roots`. Roots are walked in the order of their paths, a
    /// root inside another is walked once (as part of the outer one), and
    /// a root that does not exist is reported as a failure.
    pub fn new(roots: &[PathBuf]) -> Self {
        let mut keyed: Vec<(String, PathBuf)> = roots
            .iter()
            .map(|root| (root_key(root), root.clone()))
            .collect();
        keyed.sort();
        keyed.dedup_by(|a, b| a.0 == b.0);
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
        }
    }
}

/// The prefix a root's paths share: the root, with a `/` after a folder.
fn root_key(root: &Path) -> String {
    let text = root.display().to_string();
    if root.is_dir() && !text.ends_with('/') {
        text + "/"
    } else {
        text
    }
}

/// Orders two entries of one folder as their full paths order: a folder
/// compares as its name followed by `/`.
fn path_order(a: &walkdir::DirEntry, b: &walkdir::DirEntry) -> std::cmp::Ordering {
    let a_name = a.file_name().to_string_lossy();
    let b_name = b.file_name().to_string_lossy();
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
            match entry {
                Ok(entry) if entry.depth() > 0 && is_hidden(entry.file_name()) => {
                    if entry.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                }
                Ok(entry) if entry.file_type().is_file() => {
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

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn mtime_secs(meta: &fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Reads a whole file, refusing ones over [`MAX_FILE_BYTES`].
pub fn read_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    let file = fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        anyhow::bail!("file is larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("b")).unwrap();
        fs::create_dir_all(dir.path().join(".git")).unwrap();
        fs::write(dir.path().join("b/2.html"), "x").unwrap();
        fs::write(dir.path().join("a.txt"), "yy").unwrap();
        fs::write(dir.path().join(".git/config"), "z").unwrap();
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
        let paths: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        assert_eq!(paths.len(), 6, "{paths:?}");
    }

    #[test]
    fn missing_root_is_a_failure() {
        let (files, failures) = walk(&[PathBuf::from("/nonexistent/dossier/archive")]);
        assert!(files.is_empty());
        assert_eq!(failures.len(), 1);
    }
}
