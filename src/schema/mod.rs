//! The declarative `index-schema/` folder: document fields, actor gazetteers
//! and page-furniture words.
//!
//! This module owns reading and validating those TOML files, and the copy
//! embedded in the binary (so dossier runs with no setup). It does not build
//! the tantivy schema (that is `index::fields`) nor match actors (that is
//! `actors`): it only turns text into checked data, with errors that name the
//! file and the entry at fault.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use memchr::memmem;
use serde::{Deserialize, Serialize};

use crate::normalize::FurnitureRules;

const EMBEDDED_FIELDS: &str = include_str!("../../index-schema/fields.toml");
const EMBEDDED_GANGS: &str = include_str!("../../index-schema/gangs.toml");
const EMBEDDED_OFFICIALS: &str = include_str!("../../index-schema/officials.toml");
const EMBEDDED_FURNITURE: &str = include_str!("../../index-schema/furniture.toml");

/// A problem with an `index-schema/` file.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file is not valid TOML of the expected shape.
    #[error("{file}: {message}")]
    Parse {
        /// Which file (`gangs.toml`, …).
        file: String,
        /// What the parser said, with line and column.
        message: String,
    },
    /// The files parse, but say something inconsistent.
    #[error("{file}: {message}")]
    Invalid {
        /// Which file.
        file: String,
        /// What is wrong.
        message: String,
    },
}

/// How a field is stored and analyzed (one `[[field]]` of `fields.toml`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// Field name, as used in queries (`title:`) and in the code.
    pub name: String,
    /// `text`, `string`, `date`, `facet` or `u64`.
    pub kind: FieldKind,
    /// For text fields: `folded`, `stem_en`, `stem_es`, `raw` or `accents`.
    #[serde(default)]
    pub analyzer: Option<String>,
    /// For derived fields: the field whose text fills this one.
    #[serde(default)]
    pub source: Option<String>,
    /// For derived fields: only articles in this language fill it.
    #[serde(default)]
    pub language: Option<String>,
    /// Searched by default with this weight.
    #[serde(default)]
    pub boost: Option<f32>,
    /// Kept in the index for display.
    #[serde(default)]
    pub stored: bool,
    /// Columnar, for ranges and sorting.
    #[serde(default)]
    pub fast: bool,
    /// For text fields: record word positions, which phrase queries need.
    /// Positions are about half of an index's size, so the stemmed copies
    /// of the body go without: a quoted phrase is matched on the exact words.
    #[serde(default = "yes")]
    pub positions: bool,
    /// For u64 and string fields: searchable by value. A value only read
    /// back (the MinHash signature, the first path, the content hash that
    /// the `id` field already indexes) needs no term dictionary.
    #[serde(default = "yes")]
    pub indexed: bool,
    /// For derived text fields with a stemming analyzer: not indexed at
    /// all. A query word is looked up in the source field as every word
    /// there whose stem is the query word's stem, in articles of this
    /// field's language (`search::expand`). Indexing the stemmed copy of
    /// every body was close to half of tantivy's indexing time; finding
    /// a stem's words in the term dictionary costs a search a fraction of
    /// a millisecond.
    #[serde(default, skip_serializing_if = "is_false")]
    pub expand: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn yes() -> bool {
    true
}

/// The kinds of field `fields.toml` can declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// Analyzed words.
    Text,
    /// One exact token.
    String,
    /// A date (stored as a tantivy DateTime).
    Date,
    /// A hierarchical facet (`/gang/Barrio 18/Sureños`).
    Facet,
    /// An unsigned integer.
    U64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldsFile {
    field: Vec<FieldSpec>,
}

/// One criminal group (`[[gang]]` of `gangs.toml`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GangEntry {
    /// Canonical name, shown in facets.
    pub name: String,
    /// Canonical name of the group this one is a faction of.
    #[serde(default)]
    pub parent: Option<String>,
    /// Other names, each enough alone to tag the group.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names that count only when the article also names this group (or its
    /// parent) by a plain alias.
    #[serde(default)]
    pub context_aliases: Vec<String>,
    /// Words or phrases that, anywhere in an article, give the
    /// `context_aliases` another sense, so they do not count there: the
    /// US "Sureños" beside "Norteños" or the "Mexican Mafia" are not the
    /// Salvadoran faction.
    #[serde(default)]
    pub other_sense: Vec<String>,
    /// Where the group operates (ISO 3166 alpha-2).
    #[serde(default)]
    pub countries: Vec<String>,
    /// Free-text note for reporters.
    #[serde(default)]
    pub note: Option<String>,
}

/// One official (`[[official]]` of `officials.toml`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialEntry {
    /// Canonical name, shown in facets.
    pub name: String,
    /// Other full forms of the name.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Short forms that count when capitalised and the article names the
    /// person in full (or always, with `unambiguous_surname`).
    #[serde(default)]
    pub surnames: Vec<String>,
    /// The surname alone identifies the person.
    #[serde(default)]
    pub unambiguous_surname: bool,
    /// The surname is also a common word ("saca", a Spanish verb): it
    /// counts only where its capital is a name's, inside a sentence, not
    /// opening one nor in a line in capitals or in title case.
    #[serde(default)]
    pub surname_is_a_word: bool,
    /// Forms of the name too common to count alone ("Luis Martínez"): they
    /// count right after one of `titles`, or when the article names the
    /// person by a full form. The canonical name may be one of them.
    #[serde(default)]
    pub titled: Vec<String>,
    /// Titles that introduce the person ("fiscal general", "Attorney
    /// General"), for `titled`.
    #[serde(default)]
    pub titles: Vec<String>,
    /// Office held, for reporters.
    #[serde(default)]
    pub role: Option<String>,
    /// Country (ISO 3166 alpha-2).
    #[serde(default)]
    pub country: Option<String>,
    /// Years in office, free text (`2019-2021`).
    #[serde(default)]
    pub years: Option<String>,
    /// Free-text note for reporters.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GangsFile {
    #[serde(default)]
    gang: Vec<GangEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficialsFile {
    #[serde(default)]
    official: Vec<OfficialEntry>,
}

/// The raw text of the four schema files, as they were read. Kept so the
/// index can record exactly which registry built it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaSources {
    /// `fields.toml`.
    pub fields: String,
    /// `gangs.toml`.
    pub gangs: String,
    /// `officials.toml`.
    pub officials: String,
    /// `furniture.toml`.
    pub furniture: String,
}

impl SchemaSources {
    /// The copy embedded in the binary.
    pub fn embedded() -> Self {
        SchemaSources {
            fields: EMBEDDED_FIELDS.to_string(),
            gangs: EMBEDDED_GANGS.to_string(),
            officials: EMBEDDED_OFFICIALS.to_string(),
            furniture: EMBEDDED_FURNITURE.to_string(),
        }
    }

    /// Reads the four files from `dir`; a file missing there falls back to
    /// the embedded copy, so a newsroom can override just its gazetteers.
    pub fn read_dir(dir: &Path) -> Result<Self, SchemaError> {
        if !dir.is_dir() {
            return Err(SchemaError::Read {
                path: dir.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "not a directory"),
            });
        }
        let read = |name: &str, fallback: &str| -> Result<String, SchemaError> {
            let path = dir.join(name);
            match fs::read_to_string(&path) {
                Ok(text) => Ok(text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(fallback.to_string()),
                Err(source) => Err(SchemaError::Read { path, source }),
            }
        };
        Ok(SchemaSources {
            fields: read("fields.toml", EMBEDDED_FIELDS)?,
            gangs: read("gangs.toml", EMBEDDED_GANGS)?,
            officials: read("officials.toml", EMBEDDED_OFFICIALS)?,
            furniture: read("furniture.toml", EMBEDDED_FURNITURE)?,
        })
    }
}

/// The parsed and validated schema folder.
///
/// The officials gazetteer and the furniture words are parsed on first
/// use when the schema is the one recorded in an index
/// ([`Schema::parse_recorded`]): a search needs neither unless a flag
/// names an official, and parsing them was a tenth of a search.
#[derive(Debug, Clone)]
pub struct Schema {
    /// The document fields, in file order.
    pub fields: Vec<FieldSpec>,
    gangs: OnceLock<Vec<GangEntry>>,
    officials: OnceLock<Vec<OfficialEntry>>,
    furniture: OnceLock<FurnitureRules>,
    /// The text it was parsed from.
    pub sources: SchemaSources,
}

/// Fields the code relies on, with the kind each must have.
const REQUIRED_FIELDS: &[(&str, FieldKind)] = &[
    ("id", FieldKind::String),
    ("path", FieldKind::String),
    ("paths", FieldKind::String),
    ("url", FieldKind::Text),
    ("title", FieldKind::Text),
    ("body", FieldKind::Text),
    ("language", FieldKind::String),
    ("date", FieldKind::Date),
    ("date_source", FieldKind::String),
    ("author", FieldKind::String),
    ("gangs", FieldKind::String),
    ("officials", FieldKind::String),
    ("facets", FieldKind::Facet),
    ("content_hash", FieldKind::String),
];

const ANALYZERS: &[&str] = &["folded", "stem_en", "stem_es", "raw", "accents"];

impl Schema {
    /// The schema embedded in the binary.
    pub fn embedded() -> Result<Self, SchemaError> {
        Self::parse(SchemaSources::embedded())
    }

    /// The schema in `dir`, or the embedded one when `dir` is `None`.
    pub fn load(dir: Option<&Path>) -> Result<Self, SchemaError> {
        match dir {
            Some(dir) => Self::parse(SchemaSources::read_dir(dir)?),
            None => Self::embedded(),
        }
    }

    /// Parses and validates the text of the four files.
    pub fn parse(sources: SchemaSources) -> Result<Self, SchemaError> {
        let gangs: GangsFile = parse_toml("gangs.toml", &sources.gangs)?;
        let officials: OfficialsFile = parse_toml("officials.toml", &sources.officials)?;
        let furniture: FurnitureRules = parse_toml("furniture.toml", &sources.furniture)?;
        let schema = Self::parse_recorded(sources)?;
        let _ = schema.gangs.set(gangs.gang);
        schema.validate_gangs()?;
        schema.validate_officials(&officials.official)?;
        let _ = schema.officials.set(officials.official);
        let _ = schema.furniture.set(furniture);
        Ok(schema)
    }

    /// Parses the schema recorded in an index by the build that validated
    /// it: the fields now, the gazetteers and furniture words on first use
    /// (should they fail to parse then, which a validated schema does not,
    /// they are empty). A search that names no actor reads no gazetteer:
    /// parsing `gangs.toml` alone was a twentieth of a search process.
    pub fn parse_recorded(sources: SchemaSources) -> Result<Self, SchemaError> {
        let fields: FieldsFile = parse_toml("fields.toml", &sources.fields)?;
        let schema = Schema {
            fields: fields.field,
            gangs: OnceLock::new(),
            officials: OnceLock::new(),
            furniture: OnceLock::new(),
            sources,
        };
        schema.validate()?;
        Ok(schema)
    }

    /// The gang gazetteer.
    pub fn gangs(&self) -> &[GangEntry] {
        self.gangs.get_or_init(|| {
            parse_toml::<GangsFile>("gangs.toml", &self.sources.gangs)
                .map(|f| f.gang)
                .unwrap_or_default()
        })
    }

    /// The gangs whose entry in `gangs.toml`, folded, holds one of `words`
    /// (folded), each entry parsed alone: a search that looks for a few
    /// names parses the few entries that may hold them. Parsing both
    /// gazetteers whole was 0.8 ms, a sixth of a search process.
    pub fn gangs_holding(&self, words: &[&str]) -> Vec<GangEntry> {
        entries_holding(&self.sources.gangs, "[[gang]]", words)
            .into_iter()
            .filter_map(|entry| toml::from_str::<GangsFile>(entry).ok())
            .flat_map(|file| file.gang)
            .collect()
    }

    /// The officials whose entry in `officials.toml`, folded, holds one of
    /// `words` (see [`Schema::gangs_holding`]).
    pub fn officials_holding(&self, words: &[&str]) -> Vec<OfficialEntry> {
        entries_holding(&self.sources.officials, "[[official]]", words)
            .into_iter()
            .filter_map(|entry| toml::from_str::<OfficialsFile>(entry).ok())
            .flat_map(|file| file.official)
            .collect()
    }

    /// The officials gazetteer.
    pub fn officials(&self) -> &[OfficialEntry] {
        self.officials.get_or_init(|| {
            parse_toml::<OfficialsFile>("officials.toml", &self.sources.officials)
                .map(|f| f.official)
                .unwrap_or_default()
        })
    }

    /// Boilerplate words for the normalizer.
    pub fn furniture(&self) -> &FurnitureRules {
        self.furniture.get_or_init(|| {
            parse_toml("furniture.toml", &self.sources.furniture).unwrap_or_default()
        })
    }

    /// A short hash of the fields file and of how the analyzers count word
    /// positions: documents built under another one need a rebuild.
    pub fn fields_version(&self) -> String {
        let positions = crate::index::analyzers::POSITIONS_VERSION.to_string();
        short_hash(&[&self.sources.fields, &positions])
    }

    /// A short hash of the gazetteers and of the tagging rules' version:
    /// documents tagged under another registry, or other rules, need
    /// re-tagging.
    pub fn registry_version(&self) -> String {
        let rules = crate::actors::RULES_VERSION.to_string();
        short_hash(&[&self.sources.gangs, &self.sources.officials, &rules])
    }

    /// A short hash of the furniture rules: they change what the normalizer
    /// extracts.
    pub fn furniture_version(&self) -> String {
        short_hash(&[&self.sources.furniture])
    }

    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    fn validate(&self) -> Result<(), SchemaError> {
        let invalid = |file: &str, message: String| SchemaError::Invalid {
            file: file.to_string(),
            message,
        };
        let mut names = HashSet::new();
        for field in &self.fields {
            if !names.insert(field.name.as_str()) {
                return Err(invalid(
                    "fields.toml",
                    format!("field '{}' is declared twice", field.name),
                ));
            }
            if field.kind == FieldKind::Text {
                let analyzer = field.analyzer.as_deref().unwrap_or("folded");
                if !ANALYZERS.contains(&analyzer) {
                    return Err(invalid(
                        "fields.toml",
                        format!(
                            "field '{}': unknown analyzer '{analyzer}' (known: {})",
                            field.name,
                            ANALYZERS.join(", ")
                        ),
                    ));
                }
            }
            if field.expand
                && (field.source.is_none()
                    || field.language.is_none()
                    || !matches!(field.analyzer.as_deref(), Some("stem_en" | "stem_es")))
            {
                return Err(invalid(
                    "fields.toml",
                    format!(
                        "field '{}': expand needs a source, a language and a stemming analyzer",
                        field.name
                    ),
                ));
            }
            if let Some(source) = &field.source {
                let Some(src) = self.fields.iter().find(|f| &f.name == source) else {
                    return Err(invalid(
                        "fields.toml",
                        format!("field '{}': source '{source}' is not a field", field.name),
                    ));
                };
                if src.kind != FieldKind::Text || field.kind != FieldKind::Text {
                    return Err(invalid(
                        "fields.toml",
                        format!(
                            "field '{}': only text fields can derive from text fields",
                            field.name
                        ),
                    ));
                }
            }
        }
        if self.fields.iter().any(|f| f.expand) && !self.field("language").is_some_and(|f| f.fast) {
            return Err(invalid(
                "fields.toml",
                "fields with expand need the 'language' field to be fast".to_string(),
            ));
        }
        for (name, kind) in REQUIRED_FIELDS {
            match self.field(name) {
                None => {
                    return Err(invalid(
                        "fields.toml",
                        format!("required field '{name}' is missing"),
                    ))
                }
                Some(f) if f.kind != *kind => {
                    return Err(invalid(
                        "fields.toml",
                        format!("field '{name}' must be of kind {kind:?}, not {:?}", f.kind),
                    ))
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn validate_gangs(&self) -> Result<(), SchemaError> {
        let invalid = |file: &str, message: String| SchemaError::Invalid {
            file: file.to_string(),
            message,
        };
        let mut gang_names = HashSet::new();
        for gang in self.gangs() {
            if gang.name.trim().is_empty() || gang.name.contains('/') {
                return Err(invalid(
                    "gangs.toml",
                    format!(
                        "gang name '{}' must be non-empty and contain no '/'",
                        gang.name
                    ),
                ));
            }
            if !gang_names.insert(crate::fold::fold(&gang.name)) {
                return Err(invalid(
                    "gangs.toml",
                    format!("gang '{}' is listed twice", gang.name),
                ));
            }
        }
        for gang in self.gangs() {
            if let Some(parent) = &gang.parent {
                if !self.gangs().iter().any(|g| &g.name == parent) {
                    return Err(invalid(
                        "gangs.toml",
                        format!(
                            "gang '{}': parent '{parent}' is not a gang in this file",
                            gang.name
                        ),
                    ));
                }
                if self.gang_path(&gang.name).is_none() {
                    return Err(invalid(
                        "gangs.toml",
                        format!("gang '{}': its parents form a cycle", gang.name),
                    ));
                }
            }
        }
        Ok(())
    }

    fn validate_officials(&self, officials: &[OfficialEntry]) -> Result<(), SchemaError> {
        let invalid = |file: &str, message: String| SchemaError::Invalid {
            file: file.to_string(),
            message,
        };
        let mut official_names = HashSet::new();
        for official in officials {
            if official.name.trim().is_empty() || official.name.contains('/') {
                return Err(invalid(
                    "officials.toml",
                    format!(
                        "official name '{}' must be non-empty and contain no '/'",
                        official.name
                    ),
                ));
            }
            if !official_names.insert(crate::fold::fold(&official.name)) {
                return Err(invalid(
                    "officials.toml",
                    format!("official '{}' is listed twice", official.name),
                ));
            }
        }
        Ok(())
    }

    /// The facet path of a gang below `/gang`: `["Barrio 18", "Sureños"]`
    /// for a faction. `None` for an unknown gang or a parent cycle.
    pub fn gang_path(&self, name: &str) -> Option<Vec<String>> {
        let mut path = Vec::new();
        let gangs = self.gangs();
        let mut current = gangs.iter().find(|g| g.name == name)?;
        loop {
            path.push(current.name.clone());
            if path.len() > gangs.len() {
                return None;
            }
            match &current.parent {
                Some(parent) => current = gangs.iter().find(|g| &g.name == parent)?,
                None => break,
            }
        }
        path.reverse();
        Some(path)
    }

    /// The label of a gang as shown to reporters: its facet path below
    /// `/gang`, joined with `/` (`Barrio 18/Sureños`).
    pub fn gang_label(&self, name: &str) -> String {
        self.gang_path(name)
            .map(|p| p.join("/"))
            .unwrap_or_else(|| name.to_string())
    }
}

/// The text of each `header` entry of a gazetteer (from a line that is
/// its header to the next one) whose folded text holds one of `words`.
/// Each such slice is a TOML document of its own (an indented header, not
/// seen as one, leaves two entries in one slice, which parse as two); the
/// file's opening comments belong to none. The file is folded once and
/// searched with `memchr`: folding entry by entry, or `str` searching,
/// took three times as long.
fn entries_holding<'a>(text: &'a str, header: &str, words: &[&str]) -> Vec<&'a str> {
    let line_start = format!("\n{header}");
    let starts = |text: &str| -> Vec<usize> {
        let first = text.starts_with(header).then_some(0);
        first
            .into_iter()
            .chain(memmem::find_iter(text.as_bytes(), line_start.as_bytes()).map(|at| at + 1))
            .collect()
    };
    let folded = crate::fold::fold(text);
    let (raw_starts, folded_starts) = (starts(text), starts(&folded));
    if raw_starts.len() != folded_starts.len() {
        // Folding keeps every line, and the ASCII header lines as they
        // are, so this does not happen; if it did, no entry is trusted.
        return Vec::new();
    }
    let mut holding = vec![false; raw_starts.len()];
    for word in words.iter().filter(|w| !w.is_empty()) {
        for at in memmem::find_iter(folded.as_bytes(), word.as_bytes()) {
            // The entry whose header is the last one at or before `at`.
            if let Some(entry) = folded_starts.partition_point(|&s| s <= at).checked_sub(1) {
                holding[entry] = true;
            }
        }
    }
    let ends = raw_starts.iter().skip(1).copied().chain([text.len()]);
    raw_starts
        .iter()
        .zip(ends)
        .zip(holding)
        .filter(|(_, holds)| *holds)
        .map(|((&start, end), _)| &text[start..end])
        .collect()
}

fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, SchemaError> {
    toml::from_str(text).map_err(|e| SchemaError::Parse {
        file: file.to_string(),
        message: e.to_string(),
    })
}

fn short_hash(parts: &[&str]) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    hasher.finalize().to_hex()[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_entries_parse_one_at_a_time_as_in_the_whole_file() {
        let schema = Schema::embedded().unwrap();
        // Every entry holds a name.
        assert_eq!(schema.gangs_holding(&["name ="]), schema.gangs());
        assert_eq!(schema.officials_holding(&["name ="]), schema.officials());
        // Each entry is looked at folded (`Marroquín` as `marroquin`).
        let marroquin = schema.officials_holding(&["xx-none", "name = \"carlos marroquin"]);
        assert_eq!(marroquin.len(), 1);
        assert_eq!(marroquin[0].name, "Carlos Marroquín");
        // The file's opening comments are no entry.
        let opening = schema.officials_holding(&["officials that dossier tags"]);
        assert!(opening.is_empty());
        assert!(schema.gangs_holding(&[]).is_empty());
    }

    #[test]
    fn a_recorded_schema_parses_its_gazetteers_and_furniture_on_first_use() {
        let full = Schema::embedded().unwrap();
        let recorded = Schema::parse_recorded(SchemaSources::embedded()).unwrap();
        assert!(recorded.gangs.get().is_none());
        assert!(recorded.officials.get().is_none());
        assert!(!recorded.officials().is_empty());
        assert_eq!(recorded.gangs(), full.gangs());
        assert_eq!(recorded.gang_label("Sureños"), "Barrio 18/Sureños");
        let names = |s: &Schema| {
            s.officials()
                .iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&recorded), names(&full));
        assert_eq!(
            format!("{:?}", recorded.furniture()),
            format!("{:?}", full.furniture())
        );
    }

    #[test]
    fn embedded_schema_is_valid() {
        let schema = Schema::embedded().expect("embedded schema parses");
        assert!(schema.gangs().iter().any(|g| g.name == "MS13"));
        assert!(schema.officials().iter().any(|o| o.name == "Osiris Luna"));
        assert_eq!(schema.gang_label("Sureños"), "Barrio 18/Sureños");
    }

    #[test]
    fn unknown_parent_is_reported_with_the_gang() {
        let mut sources = SchemaSources::embedded();
        sources.gangs = "[[gang]]\nname = \"X\"\nparent = \"Nope\"\n".into();
        let err = Schema::parse(sources).unwrap_err().to_string();
        assert!(
            err.contains("gangs.toml") && err.contains("'Nope'"),
            "{err}"
        );
    }

    #[test]
    fn parse_errors_name_the_file_and_line() {
        let mut sources = SchemaSources::embedded();
        sources.officials = "[[official]]\nname = \"A\"\nrole = \n".into();
        let err = Schema::parse(sources).unwrap_err().to_string();
        assert!(err.starts_with("officials.toml"), "{err}");
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn expanded_fields_need_a_stemmer_a_source_and_a_fast_language() {
        let embedded = SchemaSources::embedded().fields;
        assert!(Schema::embedded().is_ok());
        // Stemmed at query time with no language column to check.
        let language_fast = "article by article.\nfast = true\n";
        assert!(embedded.contains(language_fast), "test setup");
        let mut sources = SchemaSources::embedded();
        sources.fields = embedded.replace(language_fast, "article by article.\n");
        let err = Schema::parse(sources).unwrap_err().to_string();
        assert!(err.contains("'language' field to be fast"), "{err}");
        // Expanded, but with the exact analyzer: nothing to stem with.
        let stemmed = "analyzer = \"stem_en\"\nsource = \"body\"";
        assert!(embedded.contains(stemmed), "test setup");
        let mut sources = SchemaSources::embedded();
        sources.fields = embedded.replace(stemmed, "analyzer = \"folded\"\nsource = \"body\"");
        let err = Schema::parse(sources).unwrap_err().to_string();
        assert!(
            err.contains("expand needs a source, a language and a stemming analyzer"),
            "{err}"
        );
    }

    #[test]
    fn missing_required_field_is_an_error() {
        let mut sources = SchemaSources::embedded();
        sources.fields = "[[field]]\nname = \"id\"\nkind = \"string\"\n".into();
        let err = Schema::parse(sources).unwrap_err().to_string();
        assert!(err.contains("required field"), "{err}");
    }
}
