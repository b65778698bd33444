//! One indexed article: the shape `inspect` prints, and its round trip to a
//! tantivy document.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use tantivy::schema::{Facet, Value};
use tantivy::{DateTime, TantivyDocument};

use super::fields::Fields;
use super::manifest::FileEntry;
use crate::actors::Tags;
use crate::normalize::Article;

/// An article as dossier indexes it: normalized text, metadata and actors.
/// Field order follows DESIGN.md's `inspect` shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedArticle {
    /// Where the article was found (the first of `paths`).
    pub path: String,
    /// Canonical URL, where the page gives one.
    pub url: Option<String>,
    /// Headline.
    pub title: String,
    /// Publication date, `null` when unknown.
    pub date: Option<NaiveDate>,
    /// Evidence for `date`.
    pub date_source: Option<String>,
    /// ISO 639-1 language code.
    pub language: String,
    /// Gang labels (`Barrio 18/Sureños`).
    pub gangs: Vec<String>,
    /// Canonical names of officials.
    pub officials: Vec<String>,
    /// Article text, paragraphs separated by a blank line.
    pub body: String,
    /// blake3 of title and body, hex: the article's identity.
    pub content_hash: String,
    /// Every file with this content.
    pub paths: Vec<String>,
    /// Author, where the page gives one.
    pub author: Option<String>,
    /// Every file with this content, with size, mtime and hash (what
    /// incremental builds compare); not part of `inspect`'s output.
    #[serde(skip)]
    pub files: Vec<FileEntry>,
    /// The build that first indexed this content (0: not yet indexed).
    #[serde(skip)]
    pub indexed_at: u64,
}

impl IndexedArticle {
    /// Combines a normalized article with its actor tags.
    pub fn new(path: String, article: Article, tags: Tags) -> Self {
        let content_hash = content_hash(&article.title, &article.body);
        IndexedArticle {
            paths: vec![path.clone()],
            path,
            url: article.url,
            title: article.title,
            date: article.date,
            date_source: article.date_source,
            language: article.language,
            gangs: tags.gangs,
            officials: tags.officials,
            body: article.body,
            content_hash,
            author: article.author,
            files: Vec::new(),
            indexed_at: 0,
        }
    }

    /// The facets of the article: `/gang/…`, `/official/…`, `/date/YYYY/MM`.
    pub fn facets(&self) -> Vec<Facet> {
        let mut facets = Vec::new();
        for gang in &self.gangs {
            let mut path = vec!["gang"];
            path.extend(gang.split('/'));
            facets.push(Facet::from_path(path));
        }
        for official in &self.officials {
            facets.push(Facet::from_path(["official", official.as_str()]));
        }
        if let Some(date) = self.date {
            let year = format!("{:04}", date.year());
            let month = format!("{:02}", date.month());
            facets.push(Facet::from_path(["date", year.as_str(), month.as_str()]));
        }
        facets
    }

    /// The tantivy document for this article.
    pub fn to_document(&self, fields: &Fields) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.id, &self.content_hash);
        doc.add_text(fields.path, &self.path);
        for path in &self.paths {
            doc.add_text(fields.paths, path);
        }
        if let Some(url) = &self.url {
            doc.add_text(fields.url, url);
        }
        doc.add_text(fields.title, &self.title);
        doc.add_text(fields.body, &self.body);
        for derived in &fields.derived {
            if derived
                .language
                .as_deref()
                .is_none_or(|l| l == self.language)
            {
                let text = if derived.source == fields.title {
                    &self.title
                } else if derived.source == fields.body {
                    &self.body
                } else {
                    continue;
                };
                doc.add_text(derived.field, text);
            }
        }
        doc.add_text(fields.language, &self.language);
        if let Some(date) = self.date {
            doc.add_date(fields.date, date_to_tantivy(date));
        }
        if let Some(source) = &self.date_source {
            doc.add_text(fields.date_source, source);
        }
        if let Some(author) = &self.author {
            doc.add_text(fields.author, author);
        }
        for gang in &self.gangs {
            doc.add_text(fields.gangs, gang);
        }
        for official in &self.officials {
            doc.add_text(fields.officials, official);
        }
        for facet in self.facets() {
            doc.add_facet(fields.facets, facet);
        }
        doc.add_text(fields.content_hash, &self.content_hash);
        if let Some(field) = fields.minhash {
            if let Some(signature) = crate::dedup::Signature::of(&self.body) {
                for word in signature.to_words() {
                    doc.add_u64(field, word);
                }
            }
        }
        // Ids of damaged indexes may not parse; such a document gets no
        // file terms and its files are read again next time.
        if let Some(id) = super::manifest::parse_hex(&self.content_hash) {
            for file in &self.files {
                if let Some(field) = fields.files {
                    doc.add_text(field, file.encode(&id));
                }
                if let Some(field) = fields.file_hashes {
                    doc.add_text(
                        field,
                        super::manifest::Previous::file_hash_term(&file.hash, &id),
                    );
                }
            }
        }
        if let Some(field) = fields.indexed_at {
            doc.add_u64(field, self.indexed_at);
        }
        doc
    }

    /// Reads an article back from its stored fields.
    pub fn from_document(doc: &TantivyDocument, fields: &Fields) -> Self {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let all = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect::<Vec<_>>()
        };
        let date = doc
            .get_first(fields.date)
            .and_then(|v| v.as_datetime())
            .and_then(date_from_tantivy);
        IndexedArticle {
            path: text(fields.path).unwrap_or_default(),
            url: text(fields.url),
            title: text(fields.title).unwrap_or_default(),
            date,
            date_source: text(fields.date_source),
            language: text(fields.language).unwrap_or_default(),
            gangs: all(fields.gangs),
            officials: all(fields.officials),
            body: text(fields.body).unwrap_or_default(),
            content_hash: text(fields.content_hash).unwrap_or_default(),
            paths: all(fields.paths),
            author: text(fields.author),
            files: Vec::new(),
            indexed_at: fields
                .indexed_at
                .and_then(|f| doc.get_first(f))
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
        }
    }
}

/// The identity of an article's content.
pub fn content_hash(title: &str, body: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(title.as_bytes());
    hasher.update(&[0]);
    hasher.update(body.as_bytes());
    hasher.finalize().to_hex().to_string()
}

/// Midnight UTC of `date`, as tantivy stores it.
pub fn date_to_tantivy(date: NaiveDate) -> DateTime {
    let secs = date
        .and_hms_opt(0, 0, 0)
        .map(|dt| dt.and_utc().timestamp())
        .unwrap_or(0);
    DateTime::from_timestamp_secs(secs)
}

/// The calendar date of a stored tantivy date.
pub fn date_from_tantivy(value: DateTime) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(value.into_timestamp_secs(), 0).map(|dt| dt.date_naive())
}
