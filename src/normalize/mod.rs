//! Normalization: turns the bytes of one archived file into an [`Article`].
//!
//! This module owns decoding (BOM, `<meta charset>`, detection), the choice
//! between the HTML path (html5ever DOM, boilerplate removal, metadata) and
//! the plain-text scrape path, and the metadata evidence (`date_source`, …).
//! It does not know about actors or the index: those stages take the
//! `Article` it returns.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Words and phrases that mark page furniture, loaded from
/// `index-schema/furniture.toml` so that rules stay data, not code.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct FurnitureRules {
    /// Headings or lines that start a "related content" / "most read" / "about
    /// the site" block; everything from such a line on is dropped in a text
    /// scrape, and the block is dropped in HTML.
    #[serde(default)]
    pub related_headings: Vec<String>,
    /// Lines (or line prefixes) dropped wherever they appear: "SEE ALSO:",
    /// share-icon residue, "Was this content helpful?".
    #[serde(default)]
    pub drop_line_prefixes: Vec<String>,
    /// Phrases of donation, newsletter, subscription and cookie appeals.
    #[serde(default)]
    pub appeal_phrases: Vec<String>,
    /// Fragments of `class`/`id` attribute values that mark boilerplate.
    #[serde(default)]
    pub boilerplate_class_fragments: Vec<String>,
}

impl FurnitureRules {
    /// Parses `furniture.toml`.
    pub fn from_toml_str(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }
}

/// An article as the normalizer reads it: the text and metadata, before actor
/// tagging.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// The headline, without site-name suffixes or breadcrumbs.
    pub title: String,
    /// The article text alone; paragraphs separated by a blank line.
    pub body: String,
    /// Publication date, `None` where it cannot be found with confidence.
    pub date: Option<NaiveDate>,
    /// Where the date came from, e.g. `"json-ld datePublished"`.
    pub date_source: Option<String>,
    /// Canonical URL of the article, where the page gives one.
    pub url: Option<String>,
    /// Author, where the page gives one.
    pub author: Option<String>,
    /// ISO 639-1 code: `"en"`, `"es"`, … (defaults to `"en"`).
    pub language: String,
    /// The text encoding the bytes were read as, e.g. `"windows-1252"`.
    pub encoding: String,
}

/// Why a file could not be normalized. Each is reported and the file skipped.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NormalizeError {
    /// The file has no bytes.
    #[error("empty file")]
    Empty,
    /// The bytes are not text (an image, a PDF, binary junk).
    #[error("not a text or HTML file ({0})")]
    Binary(String),
    /// The file decoded, but no article text was found in it.
    #[error("no article text found")]
    NoText,
}

/// Normalizes one file. `path` is used only for hints (extension, a date in
/// the file name is *not* trusted).
pub fn normalize(
    bytes: &[u8],
    path: &Path,
    rules: &FurnitureRules,
) -> Result<Article, NormalizeError> {
    let _ = (bytes, path, rules);
    todo!("normalizer: being written in the normalize worktree")
}
