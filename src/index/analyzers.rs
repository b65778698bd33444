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
