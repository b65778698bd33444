//! One indexed article: the shape `inspect` prints, and its round trip to a
//! tantivy document.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Facet, Field, OwnedValue};
use tantivy::{DateTime, DocAddress, Searcher, TantivyDocument};

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

    /// The article stored at `address`.
    pub fn load(
        searcher: &Searcher,
        address: DocAddress,
        fields: &Fields,
    ) -> tantivy::Result<Self> {
        let stored: StoredArticle = searcher.doc(address)?;
        Ok(stored.into_article(fields))
    }
}

/// An article's stored values as the document store holds them, each
/// string moved out of the store's bytes once. Read as a `TantivyDocument`,
/// every value was first copied into a buffer of the document's own, then
/// copied again into the article: a 25 KB body twice for each hit shown,
/// and the fresh memory's page faults with it.
pub struct StoredArticle(Vec<(Field, OwnedValue)>);

/// The most values reserved ahead for one stored article; more grow the
/// list as they come (an article with many copies has many paths).
const MAX_RESERVED_VALUES: usize = 64;

impl DocumentDeserialize for StoredArticle {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        // The count is read from the store: on a damaged one it can be any
        // number, and reserving it would abort the process.
        let mut values = Vec::with_capacity(deserializer.size_hint().min(MAX_RESERVED_VALUES));
        while let Some(entry) = deserializer.next_field::<OwnedValue>()? {
            values.push(entry);
        }
        Ok(StoredArticle(values))
    }
}

impl StoredArticle {
    /// The article: a single-valued field takes its first value.
    pub fn into_article(self, fields: &Fields) -> IndexedArticle {
        let mut article = IndexedArticle {
            path: String::new(),
            url: None,
            title: String::new(),
            date: None,
            date_source: None,
            language: String::new(),
            gangs: Vec::new(),
            officials: Vec::new(),
            body: String::new(),
            content_hash: String::new(),
            paths: Vec::new(),
            author: None,
            files: Vec::new(),
            indexed_at: 0,
        };
        let (mut path, mut title, mut language, mut body, mut content_hash) =
            (None, None, None, None, None);
        for (field, value) in self.0 {
            match value {
                OwnedValue::Str(text) => {
                    if field == fields.paths {
                        article.paths.push(text);
                    } else if field == fields.gangs {
                        article.gangs.push(text);
                    } else if field == fields.officials {
                        article.officials.push(text);
                    } else if field == fields.body {
                        keep_first(&mut body, text);
                    } else if field == fields.path {
                        keep_first(&mut path, text);
                    } else if field == fields.title {
                        keep_first(&mut title, text);
                    } else if field == fields.language {
                        keep_first(&mut language, text);
                    } else if field == fields.content_hash {
                        keep_first(&mut content_hash, text);
                    } else if field == fields.url {
                        keep_first(&mut article.url, text);
                    } else if field == fields.date_source {
                        keep_first(&mut article.date_source, text);
                    } else if field == fields.author {
                        keep_first(&mut article.author, text);
                    }
                }
                OwnedValue::Date(date) if field == fields.date && article.date.is_none() => {
                    article.date = date_from_tantivy(date);
                }
                OwnedValue::U64(n)
                    if Some(field) == fields.indexed_at && article.indexed_at == 0 =>
                {
                    article.indexed_at = n;
                }
                _ => {}
            }
        }
        article.path = path.unwrap_or_default();
        article.title = title.unwrap_or_default();
        article.language = language.unwrap_or_default();
        article.body = body.unwrap_or_default();
        article.content_hash = content_hash.unwrap_or_default();
        article
    }
}

fn keep_first(slot: &mut Option<String>, text: String) {
    if slot.is_none() {
        *slot = Some(text);
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

/// Midnight UTC of `date`, as tantivy stores it. tantivy counts
/// nanoseconds in an `i64`, which reaches from 1677-09-21 to 2262-04-11: a
/// date beyond is held at the end it passed. No article is dated there, so
/// a filter `--to 1020` (a typo for 2020) finds nothing, as it should;
/// unclamped, the count wrapped around and the filter let every article
/// through.
pub fn date_to_tantivy(date: NaiveDate) -> DateTime {
    const NANOS: i64 = 1_000_000_000;
    let secs = date
        .and_hms_opt(0, 0, 0)
        .map(|dt| dt.and_utc().timestamp())
        .unwrap_or(0);
    DateTime::from_timestamp_secs(secs.clamp(i64::MIN / NANOS, i64::MAX / NANOS))
}

/// The calendar date of a stored tantivy date.
pub fn date_from_tantivy(value: DateTime) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(value.into_timestamp_secs(), 0).map(|dt| dt.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::fields::build_schema;
    use crate::schema::Schema;
    use tantivy::schema::document::{DeserializeError, DocumentDeserializer, ValueDeserialize};

    /// A stored document whose value count, read from a damaged store,
    /// is absurd; it holds no values.
    struct AbsurdCount;

    impl<'de> DocumentDeserializer<'de> for AbsurdCount {
        fn size_hint(&self) -> usize {
            usize::MAX / 16
        }

        fn next_field<V: ValueDeserialize>(
            &mut self,
        ) -> Result<Option<(Field, V)>, DeserializeError> {
            Ok(None)
        }
    }

    #[test]
    fn an_absurd_value_count_from_a_damaged_store_reserves_nothing_absurd() {
        // Reserving the count would abort the process (or panic on the
        // capacity's overflow) before the damage could be reported.
        let stored = StoredArticle::deserialize(AbsurdCount).expect("reads");
        assert!(stored.0.is_empty());
    }

    #[test]
    fn a_stored_article_reads_back_as_it_was_written() {
        let schema = Schema::embedded().unwrap();
        let tantivy_schema = build_schema(&schema);
        let fields = Fields::new(&schema, tantivy_schema.clone()).unwrap();
        let index = tantivy::Index::create_in_ram(tantivy_schema);
        crate::index::analyzers::register(&index);
        let article = IndexedArticle {
            path: "a/luna.html".to_string(),
            url: Some("https://example.org/luna".to_string()),
            title: "Osiris Luna y la tregua".to_string(),
            date: NaiveDate::from_ymd_opt(2021, 9, 8),
            date_source: Some("json-ld datePublished".to_string()),
            language: "es".to_string(),
            gangs: vec!["MS13".to_string(), "Barrio 18/Sureños".to_string()],
            officials: vec!["Osiris Luna".to_string(), "Nayib Bukele".to_string()],
            body: "Primer párrafo.\n\nSegundo párrafo sobre la tregua.".to_string(),
            content_hash: "0123abcd".to_string(),
            paths: vec!["a/luna.html".to_string(), "b/luna-copy.html".to_string()],
            author: Some("Redacción".to_string()),
            files: Vec::new(),
            indexed_at: 0,
        };
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.add_document(article.to_document(&fields)).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let read = IndexedArticle::load(&searcher, DocAddress::new(0, 0), &fields).unwrap();
        assert_eq!(
            read,
            IndexedArticle {
                indexed_at: read.indexed_at,
                ..article
            }
        );

        let mut bare = read.clone();
        bare.url = None;
        bare.date = None;
        bare.author = None;
        bare.gangs.clear();
        writer.add_document(bare.to_document(&fields)).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let mut read: Vec<IndexedArticle> = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in 0..segment.max_doc() {
                let address = DocAddress::new(ord as u32, doc);
                read.push(IndexedArticle::load(&searcher, address, &fields).unwrap());
            }
        }
        assert!(read.contains(&bare), "{read:?}");
    }
}
