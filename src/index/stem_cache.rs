//! A stemming token filter that remembers the words it has stemmed.
//!
//! Snowball stemming was about a fifth of a full build's CPU time (`perf`
//! on a 5,000-article archive), yet news prose reuses a small vocabulary:
//! the same few thousand words make up most tokens. Each indexing thread
//! owns its own analyzer (tantivy clones it per segment writer), so the
//! cache needs no lock; it is bounded and simply starts over when full.
//! The output is exactly tantivy's `Stemmer`'s (a test checks it).

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Language, Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per analyzer before the cache starts over (a few MB).
const MAX_CACHED_WORDS: usize = 100_000;

/// Stems tokens like tantivy's `Stemmer`, remembering each word's stem.
#[derive(Clone)]
pub struct CachedStemmer {
    language: Language,
}

impl CachedStemmer {
    /// A stemmer for `language`.
    pub fn new(language: Language) -> Self {
        CachedStemmer { language }
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            algorithm: algorithm(self.language),
            cache: FxHashMap::default(),
            inner: tokenizer,
        }
    }
}

fn algorithm(language: Language) -> rust_stemmers::Algorithm {
    match language {
        Language::Spanish => rust_stemmers::Algorithm::Spanish,
        // Only English and Spanish are analyzed (fields.toml).
        _ => rust_stemmers::Algorithm::English,
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    algorithm: rust_stemmers::Algorithm,
    cache: FxHashMap<Box<str>, Box<str>>,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.cache.len() > MAX_CACHED_WORDS {
            self.cache.clear();
        }
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: rust_stemmers::Stemmer::create(self.algorithm),
            cache: &mut self.cache,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stemmer: rust_stemmers::Stemmer,
    cache: &'a mut FxHashMap<Box<str>, Box<str>>,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem: Box<str> = match self.stemmer.stem(&token.text) {
            Cow::Owned(s) => s.into(),
            Cow::Borrowed(s) => s.into(),
        };
        self.cache.insert(token.text.as_str().into(), stem.clone());
        token.text.clear();
        token.text.push_str(&stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    #[test]
    fn same_stems_as_tantivy_on_first_and_repeated_words() {
        let text = "Las pandillas negociaron con las autoridades; las pandillas \
            negaron las negociaciones. Gangs negotiated, negotiations failed, gangs denied.";
        for language in [Language::Spanish, Language::English] {
            let mut ours = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(CachedStemmer::new(language))
                .build();
            let mut theirs = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(Stemmer::new(language))
                .build();
            let expected = stems(&mut theirs, text);
            assert_eq!(stems(&mut ours, text), expected);
            // The second pass is served from the cache.
            assert_eq!(stems(&mut ours, text), expected);
        }
    }
}
