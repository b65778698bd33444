//! Checking an index's files against the checksums tantivy wrote into them.
//!
//! A disk error, a copy cut short or a file edited by hand leaves an index
//! that opens but holds bytes tantivy never wrote; tantivy trusts its own
//! files and may stop on them with a panic deep inside a search. The check
//! reads every file of the committed segments and compares its CRC-32 with
//! the footer's, so the command line can say "the index is damaged, build
//! it again" instead of leaving a reporter with an internal error, and so
//! `dossier stats --check` can vouch for an index after a disk incident.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tantivy::index::{SegmentComponent, SegmentMeta};
use tantivy::Index;

use super::{exists, IndexError};

/// The fixed tail of every tantivy file: the footer's length and magic
/// number, two `u32`s.
const FOOTER_TAIL_BYTES: u64 = 8;

/// The files of one committed segment, as names inside the index folder:
/// one per built-in component, and the deletes file when the segment has
/// deletes. (tantivy 0.27 lists files only for a whole `IndexMeta`, and
/// names a deletes file for every segment, with deletes or not.)
pub fn segment_files(segment: &SegmentMeta) -> Vec<PathBuf> {
    let mut components = vec![
        SegmentComponent::Postings,
        SegmentComponent::Positions,
        SegmentComponent::FastFields,
        SegmentComponent::FieldNorms,
        SegmentComponent::Terms,
        SegmentComponent::Store,
    ];
    if segment.has_deletes() {
        components.push(SegmentComponent::Delete);
    }
    components
        .into_iter()
        .map(|component| segment.relative_path(component))
        .collect()
}

/// What the check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// Files of the committed segments that were checked.
    pub files: usize,
    /// Of those, the ones missing, unreadable, cut short or whose bytes do
    /// not match their checksum, as file names inside the index folder.
    pub damaged: Vec<PathBuf>,
}

impl CheckReport {
    /// True when every file matched its checksum.
    pub fn is_sound(&self) -> bool {
        self.damaged.is_empty()
    }
}

/// Whether a file's bytes have the shape tantivy reads.
type Readable = fn(&[u8]) -> bool;

/// tantivy's two lists, which carry no checksum: the committed segments
/// (`meta.json`, a JSON object) and the files it manages (`.managed.json`,
/// a JSON list of names). With either unreadable, tantivy cannot open the
/// index at all and says only that the file "cannot be deserialized".
const LISTS: [(&str, Readable); 2] = [
    // The rest of its shape is tantivy's to judge (see `check`).
    ("meta.json", |bytes| {
        serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(bytes).is_ok()
    }),
    (".managed.json", |bytes| {
        serde_json::from_slice::<Vec<String>>(bytes).is_ok()
    }),
];

/// tantivy's list of the files it manages.
pub const FILE_LIST: &str = ".managed.json";

/// Writes tantivy's list of the files it manages ([`FILE_LIST`]) again
/// when it cannot be read or is missing, and says whether it did. The list
/// only tells tantivy which files it may delete once no commit uses them:
/// with it unreadable the index cannot be opened, but every article is
/// intact; with it missing, tantivy starts an empty one, and the segments
/// it no longer knows would stay on disk forever once replaced.
/// The new list names `meta.json` and every file of the folder named as a
/// segment's (32 hex digits, a dot, a component), so the build's clean-up
/// still removes the segments no commit uses. Left alone when `meta.json`
/// cannot be read either: that is damage to report, not to paper over.
/// Only a writer, holding the lock, may call this.
pub fn repair_file_list(dir: &Path) -> std::io::Result<bool> {
    let list = dir.join(FILE_LIST);
    let Ok(meta) = std::fs::read(dir.join("meta.json")) else {
        return Ok(false);
    };
    let readable = |name: &str, bytes: &[u8]| {
        LISTS
            .iter()
            .any(|(list, readable)| *list == name && readable(bytes))
    };
    let listed = match std::fs::read(&list) {
        Ok(bytes) => readable(FILE_LIST, &bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        // Unreadable for another reason (permissions): tantivy will say.
        Err(_) => return Ok(false),
    };
    if listed || !readable("meta.json", &meta) {
        return Ok(false);
    }
    let mut names = vec!["meta.json".to_string()];
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if let Some(name) = entry.file_name().to_str() {
            if is_segment_file(name) && entry.file_type()?.is_file() {
                names.push(name.to_string());
            }
        }
    }
    names.sort();
    let json = serde_json::to_vec(&names).map_err(std::io::Error::other)?;
    let staged = dir.join(format!("{FILE_LIST}.repaired"));
    std::fs::write(&staged, json)?;
    std::fs::rename(&staged, &list)?;
    Ok(true)
}

/// Whether `name` is a segment's file: `<32 hex digits>.<component>`, or
/// `<32 hex digits>.<opstamp>.del` for its deletes.
fn is_segment_file(name: &str) -> bool {
    const COMPONENTS: [&str; 6] = ["idx", "pos", "fast", "fieldnorm", "term", "store"];
    let Some((id, rest)) = name.split_once('.') else {
        return false;
    };
    let deletes = rest
        .strip_suffix(".del")
        .is_some_and(|opstamp| !opstamp.is_empty() && opstamp.bytes().all(|b| b.is_ascii_digit()));
    id.len() == 32
        && id.bytes().all(|b| b.is_ascii_hexdigit())
        && (COMPONENTS.contains(&rest) || deletes)
}

/// Reads every file of the index's committed segments and checks it
/// against its checksum, after tantivy's two lists ([`LISTS`]): when one
/// of them cannot be read, it is the damage reported (a missing
/// `.managed.json` is not damage: tantivy starts a new one).
pub fn check(dir: &Path) -> Result<CheckReport, IndexError> {
    if !exists(dir) {
        return Err(IndexError::Missing(dir.to_path_buf()));
    }
    let unfinished = tantivy::Index::open_in_dir(dir)
        .and_then(|index| index.load_metas())
        .is_ok_and(|metas| super::never_committed(&metas));
    if unfinished {
        return Err(IndexError::Unfinished(dir.to_path_buf()));
    }
    let lists: Vec<(PathBuf, bool)> = LISTS
        .iter()
        .filter_map(|(name, readable)| {
            let bytes = std::fs::read(dir.join(name)).ok()?;
            Some((PathBuf::from(name), readable(&bytes)))
        })
        .collect();
    let unreadable: Vec<PathBuf> = lists
        .into_iter()
        .filter(|(_, readable)| !readable)
        .map(|(name, _)| name)
        .collect();
    if !unreadable.is_empty() {
        return Ok(lists_damaged(dir, unreadable));
    }
    let tantivy_err = |error| IndexError::Tantivy {
        path: dir.to_path_buf(),
        error,
    };
    let index = match Index::open_in_dir(dir) {
        Ok(index) => index,
        // JSON of the right shape that is not a list of segments (a flipped
        // bit in a field's name or type): `.managed.json` was read above,
        // so the corruption is in `meta.json`.
        Err(tantivy::TantivyError::DataCorruption(_)) => {
            return Ok(lists_damaged(dir, vec![PathBuf::from("meta.json")]));
        }
        Err(e) => return Err(tantivy_err(e)),
    };
    // A list of segments tantivy reads, whose schema lacks a field the
    // build's own schema has (a flipped bit in a field's name), cannot be
    // searched either: every command would stop on "The field does not
    // exist".
    let metas = index.load_metas().map_err(tantivy_err)?;
    if let Ok(schema) = super::recorded_schema(dir, super::info_of(&metas).as_ref()) {
        if super::Fields::new(&schema, index.schema()).is_err() {
            return Ok(lists_damaged(dir, vec![PathBuf::from("meta.json")]));
        }
    }
    let mut files: Vec<PathBuf> = metas.segments.iter().flat_map(segment_files).collect();
    files.sort();
    files.dedup();
    let directory = index.directory();
    // A file cut short has no footer to read: an error, not a mismatch.
    // tantivy (0.25 to 0.27) panics on a file of 4 to 7 bytes instead of
    // returning that error, so such files are judged by their length.
    let sound = |f: &PathBuf| match std::fs::metadata(dir.join(f)) {
        Ok(meta) if meta.len() >= FOOTER_TAIL_BYTES => {
            matches!(directory.validate_checksum(f), Ok(true))
        }
        _ => false,
    };
    // Files are checked on every core and reported in name order: for the
    // 11 GB of a million articles, 1.7-2.0 s on one core and 0.9 s on two
    // with the index in the page cache, 11.0 and 9.6 s from the disk.
    let damaged = files.par_iter().filter(|f| !sound(f)).cloned().collect();
    Ok(CheckReport {
        files: files.len(),
        damaged,
    })
}

/// The report for an index whose lists cannot be read: without the list of
/// segments, every file of the folder counts.
fn lists_damaged(dir: &Path, damaged: Vec<PathBuf>) -> CheckReport {
    let files = std::fs::read_dir(dir).map_or(damaged.len(), |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .count()
    });
    CheckReport { files, damaged }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::index::{build, BuildOptions};
    use crate::schema::Schema;

    #[test]
    fn segment_files_are_told_by_name() {
        let id = "14be96c2607a416988fc439cc16436af";
        for ext in [
            "idx",
            "pos",
            "fast",
            "fieldnorm",
            "term",
            "store",
            "2604.del",
        ] {
            assert!(is_segment_file(&format!("{id}.{ext}")), "{ext}");
        }
        for name in [
            "meta.json",
            ".managed.json",
            "dossier-writer.lock",
            "near-dups-3b306eb908f7d4e0.bands",
            "schema-bf6ba0b8fc04dc3f.sources",
            &format!("{id}.del"),
            &format!("{id}.x.del"),
            &format!("{id}.json"),
            &format!("{}.idx", &id[1..]),
            &format!("{}g.idx", &id[1..]),
        ] {
            assert!(!is_segment_file(name), "{name}");
        }
    }

    fn built_index() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let archive = tmp.path().join("archive");
        fs::create_dir_all(&archive).expect("mkdir");
        for n in 0..3 {
            fs::write(
                archive.join(format!("story{n}.txt")),
                format!(
                    "Gang truce number {n}\n\nOfficials met leaders of MS13 in prison {n} \
                     times, according to records seen by reporters."
                ),
            )
            .expect("write");
        }
        let dir = tmp.path().join("index");
        let options = BuildOptions {
            roots: vec![archive],
            index_dir: dir.clone(),
            threads: 1,
            progress: false,
            memory: 64 * 1024 * 1024,
            full: false,
            merge: false,
            allow_empty: false,
        };
        build(&Schema::embedded().expect("embedded schema"), &options).expect("build");
        (tmp, dir)
    }

    /// The largest file of the index's segments (named by a segment id).
    fn largest_segment_file(dir: &Path) -> PathBuf {
        fs::read_dir(dir)
            .expect("read index")
            .map(|e| e.expect("entry").path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.len() > 33
                    && name.as_bytes()[32] == b'.'
                    && name[..32].bytes().all(|b| b.is_ascii_hexdigit())
            })
            .max_by_key(|p| fs::metadata(p).map(|m| m.len()).unwrap_or(0))
            .expect("a segment file")
    }

    #[test]
    fn a_fresh_index_is_sound() {
        let (_tmp, dir) = built_index();
        let report = check(&dir).expect("check");
        assert!(report.files > 0);
        assert!(report.is_sound(), "{report:?}");
    }

    #[test]
    fn flipped_and_cut_files_are_named() {
        let (_tmp, dir) = built_index();
        let file = largest_segment_file(&dir);
        let name = PathBuf::from(file.file_name().expect("name"));
        let mut bytes = fs::read(&file).expect("read");
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x20;
        fs::write(&file, &bytes).expect("write");
        assert_eq!(check(&dir).expect("check").damaged, vec![name.clone()]);
        // Cut short: its footer is gone.
        fs::write(&file, &bytes[..middle]).expect("write");
        assert_eq!(check(&dir).expect("check").damaged, vec![name.clone()]);
        // Shorter than the footer's fixed tail (tantivy itself asserts on
        // such a file).
        fs::write(&file, &bytes[..5]).expect("write");
        assert_eq!(check(&dir).expect("check").damaged, vec![name.clone()]);
        // Gone altogether.
        fs::remove_file(&file).expect("remove");
        assert_eq!(check(&dir).expect("check").damaged, vec![name]);
    }

    #[test]
    fn no_index_is_an_error() {
        let tmp = tempfile::tempdir().expect("temp dir");
        assert!(matches!(check(tmp.path()), Err(IndexError::Missing(_))));
    }
}
