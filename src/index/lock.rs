//! One writer at a time: dossier's own lock file in the index folder.
//!
//! tantivy's `.tantivy-writer.lock` only says *that* a writer exists. Ours,
//! `dossier-writer.lock`, says *who*: the holder writes its pid, host and
//! start time into it, so a refused second `dossier index` can name the
//! process in its message. The lock itself is an OS advisory lock (flock,
//! via `fs4`), which the kernel drops when the holder exits or is killed, so
//! a `kill -9` never leaves a stale lock behind. The file stays; only the
//! advisory lock on it matters.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;

/// The lock file's name inside the index folder.
pub const LOCK_FILE: &str = "dossier-writer.lock";

/// A held writer lock; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
    path: PathBuf,
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds it.
    #[error("{0}")]
    Held(String),
    /// The lock file could not be opened.
    #[error("cannot open the lock file {path}: {source}")]
    Io {
        /// The lock file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl WriterLock {
    /// Takes the writer lock of the index folder `dir` (which must exist),
    /// without waiting. When another process holds it, the error carries
    /// what that process wrote: `pid N on HOST since TIME`.
    pub fn acquire(dir: &Path) -> Result<Self, LockError> {
        let path = dir.join(LOCK_FILE);
        let io_err = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_err)?;
        let locked = FileExt::try_lock_exclusive(&file).map_err(io_err)?;
        if !locked {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            return Err(LockError::Held(if holder.is_empty() {
                "another process".to_string()
            } else {
                holder.to_string()
            }));
        }
        let me = format!(
            "pid {} on {} since {}",
            std::process::id(),
            hostname(),
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        );
        // Best effort: the lock holds even if the note cannot be written.
        let _ = file
            .set_len(0)
            .and_then(|_| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(format!("{me}\n").as_bytes()))
            .and_then(|_| file.flush());
        Ok(WriterLock { _file: file, path })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this host".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_is_refused_with_the_holder_and_released_on_drop() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = WriterLock::acquire(dir.path()).expect("first lock");
        match WriterLock::acquire(dir.path()) {
            Err(LockError::Held(holder)) => {
                assert!(
                    holder.contains(&format!("pid {}", std::process::id())),
                    "{holder}"
                )
            }
            other => panic!("expected Held, got {other:?}"),
        }
        drop(first);
        assert!(WriterLock::acquire(dir.path()).is_ok());
    }
}
