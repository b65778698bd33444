//! The tantivy schema, built from `fields.toml`.
//!
//! This module owns the mapping from [`FieldSpec`]s to tantivy field options
//! and the handles the rest of the crate uses (`Fields`). Which fields exist
//! and how they are analyzed is data; the handful of fields the code relies
//! on are checked by `schema` before we get here.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions,
    Schema as TantivySchema, TextFieldIndexing, TextOptions,
};

use tantivy::tokenizer::RAW_TOKENIZER_NAME;

use crate::schema::{FieldKind, FieldSpec, Schema};

/// A text field filled from another one, for one language (the stemmed
/// copies of title and body).
#[derive(Debug, Clone)]
pub struct DerivedField {
    /// The derived field.
    pub field: Field,
    /// The field whose text it copies.
    pub source: Field,
    /// Only articles in this language fill it (`None`: all).
    pub language: Option<String>,
}

/// Handles to the fields of a dossier index.
#[derive(Debug, Clone)]
pub struct Fields {
    /// The tantivy schema.
    pub schema: TantivySchema,
    /// Stable document id (the content hash).
    pub id: Field,
    /// First path the article was found at.
    pub path: Field,
    /// Every path with the same content.
    pub paths: Field,
    /// Canonical URL.
    pub url: Field,
    /// Headline.
    pub title: Field,
    /// Article text.
    pub body: Field,
    /// ISO 639-1 language code.
    pub language: Field,
    /// Publication date.
    pub date: Field,
    /// Evidence for the date.
    pub date_source: Field,
    /// Author.
    pub author: Field,
    /// Gang labels.
    pub gangs: Field,
    /// Official names.
    pub officials: Field,
    /// `/gang/…`, `/official/…`, `/date/YYYY/MM`.
    pub facets: Field,
    /// blake3 of title and body.
    pub content_hash: Field,
    /// MinHash signature of the body (`dedup`); absent in older indexes.
    pub minhash: Option<Field>,
    /// Per path: size, mtime and blake3 of the file, and the article id
    /// (see `manifest`); `None` in indexes built before incremental builds.
    pub files: Option<Field>,
    /// Per path: blake3 of the file and the article id (see `manifest`).
    pub file_hashes: Option<Field>,
    /// The build that first indexed this content; `None` in old indexes.
    pub indexed_at: Option<Field>,
    /// Stemmed copies.
    pub derived: Vec<DerivedField>,
    /// Fields searched by default, with their weights.
    pub default_search: Vec<(Field, f32)>,
}

/// Builds the tantivy schema described by `schema.fields`.
pub fn build_schema(schema: &Schema) -> TantivySchema {
    let mut builder = TantivySchema::builder();
    // A field expanded at query time has no index of its own.
    for spec in schema.fields.iter().filter(|spec| !spec.expand) {
        add_field(&mut builder, spec);
    }
    builder.build()
}

fn add_field(builder: &mut tantivy::schema::SchemaBuilder, spec: &FieldSpec) {
    match spec.kind {
        FieldKind::Text => {
            let analyzer = spec.analyzer.as_deref().unwrap_or("folded");
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(if analyzer == "raw" || analyzer == "accents" {
                    IndexRecordOption::Basic
                } else if spec.positions {
                    IndexRecordOption::WithFreqsAndPositions
                } else {
                    IndexRecordOption::WithFreqs
                });
            let mut options = TextOptions::default().set_indexing_options(indexing);
            if spec.stored {
                options = options.set_stored();
            }
            if spec.fast {
                options = options.set_fast(RAW_TOKENIZER_NAME);
            }
            builder.add_text_field(&spec.name, options);
        }
        FieldKind::String => {
            let mut options = TextOptions::default();
            if spec.indexed {
                options = options.set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer("raw")
                        .set_index_option(IndexRecordOption::Basic),
                );
            }
            if spec.stored {
                options = options.set_stored();
            }
            if spec.fast {
                options = options.set_fast(RAW_TOKENIZER_NAME);
            }
            builder.add_text_field(&spec.name, options);
        }
        FieldKind::Date => {
            let mut options = DateOptions::default()
                .set_indexed()
                .set_precision(DateTimePrecision::Seconds);
            if spec.stored {
                options = options.set_stored();
            }
            if spec.fast {
                options = options.set_fast();
            }
            builder.add_date_field(&spec.name, options);
        }
        FieldKind::Facet => {
            let mut options = FacetOptions::default();
            if spec.stored {
                options = options.set_stored();
            }
            builder.add_facet_field(&spec.name, options);
        }
        FieldKind::U64 => {
            let mut options = NumericOptions::default();
            if spec.indexed {
                options = options.set_indexed();
            }
            if spec.stored {
                options = options.set_stored();
            }
            if spec.fast {
                options = options.set_fast();
            }
            builder.add_u64_field(&spec.name, options);
        }
    }
}

impl Fields {
    /// Resolves the handles in `tantivy_schema`, which must have been built
    /// from `schema` (or read from an index built from it).
    pub fn new(schema: &Schema, tantivy_schema: TantivySchema) -> tantivy::Result<Self> {
        let get = |name: &str| tantivy_schema.get_field(name);
        let mut derived = Vec::new();
        let mut default_search = Vec::new();
        for spec in schema.fields.iter().filter(|spec| !spec.expand) {
            let field = get(&spec.name)?;
            if let Some(source) = &spec.source {
                derived.push(DerivedField {
                    field,
                    source: get(source)?,
                    language: spec.language.clone(),
                });
            }
            if let Some(boost) = spec.boost {
                default_search.push((field, boost));
            }
        }
        Ok(Fields {
            id: get("id")?,
            path: get("path")?,
            paths: get("paths")?,
            url: get("url")?,
            title: get("title")?,
            body: get("body")?,
            language: get("language")?,
            date: get("date")?,
            date_source: get("date_source")?,
            author: get("author")?,
            gangs: get("gangs")?,
            officials: get("officials")?,
            facets: get("facets")?,
            content_hash: get("content_hash")?,
            minhash: get("minhash").ok(),
            files: get("files").ok(),
            file_hashes: get("file_hashes").ok(),
            indexed_at: get("indexed_at").ok(),
            derived,
            default_search,
            schema: tantivy_schema,
        })
    }

    /// The stemmed field derived from `source` for `language`, if any.
    pub fn stemmed_for(&self, source: Field, language: &str) -> Option<Field> {
        self.derived
            .iter()
            .find(|d| d.source == source && d.language.as_deref() == Some(language))
            .map(|d| d.field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::FieldType;

    #[test]
    fn string_fields_shown_only_are_stored_without_a_dictionary() {
        let schema = Schema::embedded().expect("embedded schema");
        let tantivy_schema = build_schema(&schema);
        let options = |name: &str| match tantivy_schema
            .get_field_entry(tantivy_schema.get_field(name).expect(name))
            .field_type()
        {
            FieldType::Str(options) => options.clone(),
            other => panic!("{name} is {other:?}"),
        };
        for shown in ["path", "content_hash"] {
            assert!(options(shown).is_stored(), "{shown}");
            assert!(options(shown).get_indexing_options().is_none(), "{shown}");
        }
        for looked_up in ["id", "paths"] {
            assert!(
                options(looked_up).get_indexing_options().is_some(),
                "{looked_up}"
            );
        }
        // The build's manifest is read from column dictionaries, which are
        // cheap to build; a term dictionary of these values is not.
        for manifest in ["files", "file_hashes"] {
            assert!(options(manifest).is_fast(), "{manifest}");
            assert!(
                options(manifest).get_indexing_options().is_none(),
                "{manifest}"
            );
        }
    }
}
