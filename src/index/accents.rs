//! The accented spellings of an article's words, for stemming at query time.
//!
//! The stemmed copies of the body are not indexed (`expand` in
//! `fields.toml`): a query finds the words of the folded body that share
//! its stem (`search::expand`). A folded word has lost its accents, and the
//! Snowball Spanish stemmer needs them: `investigación` stems to
//! `investig`, `investigacion` to itself, so `investigaciones` would no
//! longer find the singular. So each Spanish article also records, for
//! every word written with a letter outside ASCII, its folded form and its
//! spelling (`investigacion\0investigación`): terms sorted by folded form,
//! so a query reads a folded word's spellings as one range of the term
//! dictionary. Most words are ASCII; finding the others is a byte scan.

use rustc_hash::FxHashSet;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use super::analyzers::MAX_TOKEN_BYTES;

/// Separates the folded form from the spelling in a term.
pub const SEPARATOR: char = '\0';

/// Emits `folded\0spelling` for each word of the text that has a letter
/// outside ASCII (words as the `folded` analyzer cuts them, lowercased),
/// each written form once per text: a query only asks whether a spelling
/// occurs.
#[derive(Clone)]
pub struct AccentsTokenizer {
    folded: TextAnalyzer,
    token: Token,
}

impl AccentsTokenizer {
    /// A tokenizer whose folded forms are exactly the `folded` analyzer's.
    pub fn new(folded: TextAnalyzer) -> Self {
        AccentsTokenizer {
            folded,
            token: Token::default(),
        }
    }
}

impl Tokenizer for AccentsTokenizer {
    type TokenStream<'a> = AccentsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> AccentsStream<'a> {
        self.token.reset();
        AccentsStream {
            text,
            cursor: 0,
            seen: FxHashSet::default(),
            folded: &mut self.folded,
            token: &mut self.token,
        }
    }
}

/// The stream of [`AccentsTokenizer`].
pub struct AccentsStream<'a> {
    text: &'a str,
    /// Where the scan resumes: always a char boundary, after a word's end.
    cursor: usize,
    /// The words already emitted, as written.
    seen: FxHashSet<&'a str>,
    folded: &'a mut TextAnalyzer,
    token: &'a mut Token,
}

impl AccentsStream<'_> {
    /// The next word with a non-ASCII letter, as a byte range.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        loop {
            let at = self.cursor + bytes[self.cursor..].iter().position(|b| *b >= 0x80)?;
            let c = self.text[at..].chars().next()?;
            if !c.is_alphanumeric() {
                self.cursor = at + c.len_utf8();
                continue;
            }
            let start = self.text[self.cursor..at]
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphanumeric())
                .last()
                .map_or(at, |(i, _)| self.cursor + i);
            let end = self.text[at..]
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(self.text.len(), |(i, _)| at + i);
            self.cursor = end;
            if end - start < MAX_TOKEN_BYTES {
                return Some((start, end));
            }
        }
    }
}

impl TokenStream for AccentsStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((start, end)) = self.next_word() {
            let word = &self.text[start..end];
            if !self.seen.insert(word) {
                continue;
            }
            let mut folded = String::new();
            self.folded.token_stream(word).process(&mut |t| {
                if folded.is_empty() {
                    folded.push_str(&t.text);
                }
            });
            if folded.is_empty() {
                continue;
            }
            self.token.text.clear();
            self.token.text.push_str(&folded);
            self.token.text.push(SEPARATOR);
            self.token
                .text
                .extend(word.chars().flat_map(char::to_lowercase));
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::analyzers::analyzer;

    fn terms(text: &str) -> Vec<String> {
        let mut a = analyzer("accents").unwrap();
        let mut stream = a.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.replace(SEPARATOR, "|"));
        }
        out
    }

    #[test]
    fn records_each_accented_word_with_its_folded_form() {
        assert_eq!(
            terms("La Investigación de la POLICÍA sobre extorsión y pandillas"),
            vec![
                "investigacion|investigación",
                "policia|policía",
                "extorsion|extorsión"
            ]
        );
    }

    #[test]
    fn records_a_spelling_once_per_text() {
        assert_eq!(
            terms("policía, Policía y policía"),
            vec!["policia|policía", "policia|policía"]
        );
    }

    #[test]
    fn skips_ascii_words_punctuation_and_overlong_words() {
        assert_eq!(terms("The gang’s “truce” — 2012"), Vec::<String>::new());
        let long = format!("{}é", "a".repeat(MAX_TOKEN_BYTES));
        assert_eq!(terms(&long), Vec::<String>::new());
        // A non-letter outside ASCII between words splits them, as in the
        // folded analyzer.
        assert_eq!(terms("señor’s niño"), vec!["senor|señor", "nino|niño"]);
    }

    #[test]
    fn folded_forms_are_the_folded_analyzers_tokens() {
        let text = "Sureños, Marroquín and ÉL ñandú";
        let mut folded = analyzer("folded").unwrap();
        let mut expected = Vec::new();
        folded
            .token_stream(text)
            .process(&mut |t| expected.push(t.text.clone()));
        for term in terms(text) {
            let form = term.split('|').next().unwrap().to_string();
            assert!(expected.contains(&form), "{form} not in {expected:?}");
        }
        assert_eq!(terms(text).len(), 4);
    }
}
