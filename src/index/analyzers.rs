//! The text analyzers named in `fields.toml`, registered on every index we
//! open or create.
//!
//! Stemming runs before accent folding: the Snowball Spanish stemmer knows
//! accented suffixes (`-ación`) and removes accents from the stem itself, so
//! folding first would leave `organizacion` unstemmed while `organizaciones`
//! stems to `organiz`.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    TextAnalyzer,
};

use super::accents::AccentsTokenizer;
use super::folded::FoldedTokenizer;
use super::stem_cache::CachedStemmer;
use tantivy::Index;

/// Tokens longer than this (base64 blobs, URLs glued to text) are dropped.
pub const MAX_TOKEN_BYTES: usize = 60;

/// Positions the `folded` analyzer leaves empty where a paragraph ends (a
/// blank line in a normalized body: paragraphs, list items and table cells
/// are each a block of their own). A quoted phrase never matches across
/// blocks, so `"Osiris Luna"` does not find one table cell that ends in
/// "Osiris" beside the next that starts with "Luna", and a proximity query
/// (`"osiris luna"~5`) crosses a block only with a slop above this.
pub const PARAGRAPH_GAP: usize = 10;

/// Whether `separator`, the bytes between two words, ends a paragraph: it
/// holds two line breaks (the normalizer writes a blank line between
/// blocks; a single line break is a `<br>` or a scrape's wrapped line).
#[inline]
pub fn ends_paragraph(separator: &[u8]) -> bool {
    separator.iter().filter(|&&b| b == b'\n').count() >= 2
}

/// What the analyzers' word positions mean, recorded with the fields'
/// version (`Schema::fields_version`): an index whose positions were
/// counted another way is rebuilt, since its phrases would match
/// differently. 2: a [`PARAGRAPH_GAP`] between paragraphs.
pub const POSITIONS_VERSION: u32 = 2;

/// The analyzer registered under `name`, if it is one of ours.
pub fn analyzer(name: &str) -> Option<TextAnalyzer> {
    let analyzer = match name {
        "folded" => TextAnalyzer::from(FoldedTokenizer::default()),
        "stem_en" => stemmed(Language::English),
        "stem_es" => stemmed(Language::Spanish),
        "raw" => TextAnalyzer::builder(RawTokenizer::default()).build(),
        "accents" => TextAnalyzer::builder(AccentsTokenizer::new(analyzer("folded")?)).build(),
        _ => return None,
    };
    Some(analyzer)
}

fn stemmed(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(CachedStemmer::new(language))
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers every analyzer on `index`.
pub fn register(index: &Index) {
    for name in ["folded", "stem_en", "stem_es", "accents"] {
        if let Some(a) = analyzer(name) {
            index.tokenizers().register(name, a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(analyzer_name: &str, text: &str) -> Vec<String> {
        let mut a = analyzer(analyzer_name).unwrap();
        let mut stream = a.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    #[test]
    fn folded_removes_case_and_accents() {
        assert_eq!(
            tokens("folded", "Carlos Marroquín, SUREÑOS"),
            vec!["carlos", "marroquin", "surenos"]
        );
    }

    #[test]
    fn spanish_plural_and_singular_share_a_stem() {
        assert_eq!(
            tokens("stem_es", "pandillas"),
            tokens("stem_es", "pandilla")
        );
        assert_eq!(
            tokens("stem_es", "organizaciones"),
            tokens("stem_es", "organización")
        );
        assert_eq!(tokens("stem_es", "cárceles"), tokens("stem_es", "carcel"));
    }

    #[test]
    fn english_stems() {
        assert_eq!(
            tokens("stem_en", "negotiations"),
            tokens("stem_en", "negotiation")
        );
    }
}
