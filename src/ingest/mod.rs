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
    for root in roots {
        if !root.exists() {
            failures.push(WalkFailure {
                path: root.clone(),
                error: "no such file or directory".to_string(),
            });
            continue;
        }
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    let (size, mtime) = match entry.metadata() {
                        Ok(meta) => (meta.len(), mtime_secs(&meta)),
                        Err(e) => {
                            failures.push(WalkFailure {
                                path: entry.path().to_path_buf(),
                                error: e.to_string(),
                            });
                            continue;
                        }
                    };
                    files.push(ArchiveFile {
                        path: entry.into_path(),
                        size,
                        mtime,
                    });
                }
                Ok(_) => {}
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let error = if e.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else {
                        e.io_error()
                            .map(|io| io.to_string())
                            .unwrap_or_else(|| e.to_string())
                    };
                    failures.push(WalkFailure { path, error });
                }
            }
        }
    }
    // Byte order: as deterministic as component order, and much cheaper
    // on 50,000 paths (a nightly run with nothing to do is mostly this walk).
    files.sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    files.dedup_by(|a, b| a.path == b.path);
    (files, failures)
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
    fn missing_root_is_a_failure() {
        let (files, failures) = walk(&[PathBuf::from("/nonexistent/dossier/archive")]);
        assert!(files.is_empty());
        assert_eq!(failures.len(), 1);
    }
}
