//! The schema folder a build was made with, kept beside the segments in
//! `schema-<hash>.sources` and named by the commit's payload.
//!
//! Searches resolve names with the registry the documents were tagged
//! with, so every commit records its schema. It used to sit inside the
//! payload, but tantivy reads `meta.json` twice when a search opens an
//! index and dossier once more, and 74 KB of escaped TOML in it cost
//! about 0.8 ms of a 10 ms search. The file is named by the hash of what
//! it holds: a build never rewrites a file a reader may be reading, and a
//! damaged file is caught on reading. It is written (through a temporary
//! file, synced) before the commit that names it, so a killed build
//! leaves at worst a file no commit names.
//!
//! Format: a line `dossier-schema 1`, one line `NAME BYTES` per file of
//! the schema folder, an empty line, then the files' bytes one after the
//! other. Plain text: `less` shows what built an index.

use std::io::Write;
use std::path::Path;

use crate::schema::SchemaSources;

const MAGIC: &str = "dossier-schema 1";
const PREFIX: &str = "schema-";
const SUFFIX: &str = ".sources";
/// Prefix of a file being written.
const TEMPORARY: &str = ".tmp-";
/// The files, in the order they are written.
const NAMES: [&str; 4] = [
    "fields.toml",
    "gangs.toml",
    "officials.toml",
    "furniture.toml",
];

/// Errors reading a recorded schema.
#[derive(Debug, thiserror::Error)]
pub enum RecordedError {
    /// The payload names something that is not a schema file.
    #[error("the commit names '{0}', which is not a schema file")]
    BadName(String),
    /// The file cannot be read.
    #[error("cannot read {name}: {source}")]
    Io {
        /// The file's name.
        name: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file's bytes are not what its name says.
    #[error("{name} is damaged: {what}")]
    Damaged {
        /// The file's name.
        name: String,
        /// What is wrong.
        what: String,
    },
}

/// The name of the file that holds `sources`.
pub fn file_name(sources: &SchemaSources) -> String {
    file_name_of(&encode(sources))
}

/// True for the names of schema files (and only those: a payload cannot
/// name a path elsewhere).
pub fn is_schema_file(name: &str) -> bool {
    name.strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_suffix(SUFFIX))
        .is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Writes `sources` into `dir` unless a file of the same name is there
/// (same name, same bytes), and returns the file's name.
pub fn write(dir: &Path, sources: &SchemaSources) -> std::io::Result<String> {
    let bytes = encode(sources);
    let name = file_name_of(&bytes);
    let path = dir.join(&name);
    if path.is_file() {
        return Ok(name);
    }
    let temporary = dir.join(format!("{TEMPORARY}{name}"));
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(&bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, &path)?;
    Ok(name)
}

/// Reads the schema file `name` in `dir`.
pub fn read(dir: &Path, name: &str) -> Result<SchemaSources, RecordedError> {
    if !is_schema_file(name) {
        return Err(RecordedError::BadName(name.to_string()));
    }
    let bytes = std::fs::read(dir.join(name)).map_err(|source| RecordedError::Io {
        name: name.to_string(),
        source,
    })?;
    let damaged = |what: &str| RecordedError::Damaged {
        name: name.to_string(),
        what: what.to_string(),
    };
    if file_name_of(&bytes) != name {
        return Err(damaged("its contents do not match its name"));
    }
    decode(&bytes).ok_or_else(|| damaged("not a schema file"))
}

/// Removes the schema files in `dir` other than `keep`, and the temporary
/// files of writes a killed build left (a build holds the writer lock, so
/// no other write is under way).
pub fn remove_stale(dir: &Path, keep: &[&str]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().to_string();
        let unfinished = name.strip_prefix(TEMPORARY).is_some_and(is_schema_file);
        if unfinished || (is_schema_file(&name) && !keep.contains(&name.as_str())) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn file_name_of(bytes: &[u8]) -> String {
    format!("{PREFIX}{}{SUFFIX}", hash(bytes))
}

fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..16].to_string()
}

fn parts(sources: &SchemaSources) -> [&str; 4] {
    [
        &sources.fields,
        &sources.gangs,
        &sources.officials,
        &sources.furniture,
    ]
}

fn encode(sources: &SchemaSources) -> Vec<u8> {
    let parts = parts(sources);
    let mut out = format!("{MAGIC}\n");
    for (name, text) in NAMES.iter().zip(parts) {
        out.push_str(&format!("{name} {}\n", text.len()));
    }
    out.push('\n');
    for text in parts {
        out.push_str(text);
    }
    out.into_bytes()
}

fn decode(bytes: &[u8]) -> Option<SchemaSources> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut lines = text.split_inclusive('\n');
    if lines.next()? != format!("{MAGIC}\n") {
        return None;
    }
    let mut at = MAGIC.len() + 1;
    let mut lengths = [0usize; 4];
    for (name, length) in NAMES.iter().zip(lengths.iter_mut()) {
        let line = lines.next()?;
        at += line.len();
        let (file, bytes) = line.trim_end_matches('\n').split_once(' ')?;
        if file != *name {
            return None;
        }
        *length = bytes.parse().ok()?;
    }
    if lines.next()? != "\n" {
        return None;
    }
    at += 1;
    let mut texts = Vec::with_capacity(4);
    for length in lengths {
        let end = at.checked_add(length)?;
        texts.push(text.get(at..end)?.to_string());
        at = end;
    }
    if at != text.len() {
        return None;
    }
    let [fields, gangs, officials, furniture]: [String; 4] = texts.try_into().ok()?;
    Some(SchemaSources {
        fields,
        gangs,
        officials,
        furniture,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> SchemaSources {
        SchemaSources {
            fields: "[[field]]\nname = \"body\"\n".to_string(),
            gangs: "[[gang]]\nname = \"Barrio 18\"\naliases = [\"Dieciocho\"]\n".to_string(),
            officials: String::new(),
            furniture: "related = [\"Contenido relacionado\"]\n".to_string(),
        }
    }

    #[test]
    fn a_written_schema_reads_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let name = write(dir.path(), &sources()).unwrap();
        assert!(is_schema_file(&name), "{name}");
        assert_eq!(name, file_name(&sources()));
        assert_eq!(read(dir.path(), &name).unwrap(), sources());
        // The embedded schema, with its newlines and accents.
        let embedded = SchemaSources::embedded();
        let name = write(dir.path(), &embedded).unwrap();
        assert_eq!(read(dir.path(), &name).unwrap(), embedded);
    }

    #[test]
    fn a_damaged_or_misnamed_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let name = write(dir.path(), &sources()).unwrap();
        let path = dir.path().join(&name);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 2;
        bytes[last] = b'X';
        std::fs::write(&path, &bytes).unwrap();
        assert!(matches!(
            read(dir.path(), &name),
            Err(RecordedError::Damaged { .. })
        ));
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(
            read(dir.path(), &name),
            Err(RecordedError::Io { .. })
        ));
        for name in ["../meta.json", "schema-0123.sources", "meta.json"] {
            assert!(matches!(
                read(dir.path(), name),
                Err(RecordedError::BadName(_))
            ));
        }
    }

    #[test]
    fn a_truncated_file_does_not_decode() {
        let bytes = encode(&sources());
        assert!(decode(&bytes).is_some());
        for end in [0, 5, MAGIC.len() + 3, bytes.len() - 1] {
            assert!(decode(&bytes[..end]).is_none(), "cut at {end}");
        }
        let mut longer = bytes.clone();
        longer.push(b'\n');
        assert!(decode(&longer).is_none());
    }

    #[test]
    fn stale_files_go_and_the_kept_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let old = write(dir.path(), &sources()).unwrap();
        let mut other = sources();
        other.officials = "[[official]]\nname = \"Osiris Luna\"\n".to_string();
        let new = write(dir.path(), &other).unwrap();
        std::fs::write(dir.path().join("meta.json"), "{}").unwrap();
        let unfinished = format!("{TEMPORARY}{old}");
        std::fs::write(dir.path().join(&unfinished), "dossier-schema 1\n").unwrap();
        remove_stale(dir.path(), &[&new]);
        assert!(!dir.path().join(&unfinished).exists());
        assert!(!dir.path().join(&old).exists());
        assert!(dir.path().join(&new).exists());
        assert!(dir.path().join("meta.json").exists());
    }
}
