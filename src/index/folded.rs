//! The `folded` analyzer in one pass over the text.
//!
//! Every article's body goes through the `folded` analyzer once for the
//! index, and a Spanish body a second time for its accented spellings
//! (`index::accents`). Written as tantivy's chain (`SimpleTokenizer`, then
//! `RemoveLongFilter`, `LowerCaser` and `AsciiFoldingFilter`), each word is
//! decoded character by character, copied, checked for ASCII twice and
//! lowercased through a chain of streams: about a twentieth of a full
//! build's CPU time. Most words are ASCII from end to end, and for them the
//! whole chain comes down to cutting the text on bytes and lowercasing a
//! copy, done here in one loop. A word with a letter outside ASCII goes
//! through tantivy's own `LowerCaser` and `AsciiFoldingFilter`, so the
//! tokens are exactly the chain's: the index, the queries and the
//! highlighter, which share this analyzer, agree with indexes built before.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, Token, TokenFilter, TokenStream, Tokenizer,
};

use super::analyzers::{MAX_TOKEN_BYTES, PARAGRAPH_GAP};

/// tantivy's lowercasing and folding of one whole word, for the words with
/// a letter outside ASCII.
type WordFolder = <AsciiFoldingFilter as TokenFilter>::Tokenizer<
    <LowerCaser as TokenFilter>::Tokenizer<RawTokenizer>,
>;

/// Cuts a text into words (runs of alphanumeric characters), drops words
/// of [`MAX_TOKEN_BYTES`] bytes or more, and lowercases and folds the rest
/// to ASCII where tantivy's `AsciiFoldingFilter` has a folding.
#[derive(Clone)]
pub struct FoldedTokenizer {
    token: Token,
    word_folder: WordFolder,
}

impl Default for FoldedTokenizer {
    fn default() -> Self {
        FoldedTokenizer {
            token: Token::default(),
            word_folder: AsciiFoldingFilter
                .transform(LowerCaser.transform(RawTokenizer::default())),
        }
    }
}

impl Tokenizer for FoldedTokenizer {
    type TokenStream<'a> = FoldedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FoldedStream<'a> {
        self.token.reset();
        FoldedStream {
            text,
            cursor: 0,
            token: &mut self.token,
            word_folder: &mut self.word_folder,
        }
    }
}

/// The stream of [`FoldedTokenizer`].
pub struct FoldedStream<'a> {
    text: &'a str,
    /// Where the scan resumes: always a char boundary.
    cursor: usize,
    token: &'a mut Token,
    word_folder: &'a mut WordFolder,
}

/// Whether the character at byte `at` of `text` (a char boundary) is
/// alphanumeric, and its length in bytes; `None` at the end.
#[inline(always)]
fn word_char_at(text: &str, at: usize) -> Option<(bool, usize)> {
    let b = *text.as_bytes().get(at)?;
    if b < 0x80 {
        return Some((b.is_ascii_alphanumeric(), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c.is_alphanumeric(), c.len_utf8()))
}

impl FoldedStream<'_> {
    /// The next word as a byte range, whether it is all ASCII, and whether
    /// a paragraph ends before it (`analyzers::ends_paragraph`).
    #[inline(always)]
    fn next_word(&mut self) -> Option<(usize, usize, bool, bool)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut line_breaks = 0u32;
        // Separators between words are mostly single ASCII bytes, and the
        // letters of most words too: both are stepped over a byte at a time
        // without decoding, and only a byte outside ASCII is decoded.
        let start = loop {
            let at = self.cursor;
            let b = *bytes.get(at)?;
            if b.is_ascii_alphanumeric() {
                break at;
            }
            if b < 0x80 {
                line_breaks += u32::from(b == b'\n');
                self.cursor += 1;
                continue;
            }
            let (word, len) = word_char_at(text, at)?;
            if word {
                break at;
            }
            self.cursor += len;
        };
        let mut end = start;
        let mut ascii = true;
        loop {
            while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                end += 1;
            }
            match bytes.get(end) {
                Some(b) if *b >= 0x80 => match word_char_at(text, end) {
                    Some((true, len)) => {
                        ascii = false;
                        end += len;
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        self.cursor = end;
        Some((start, end, ascii, line_breaks >= 2))
    }
}

impl TokenStream for FoldedStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((start, end, ascii, new_paragraph)) = self.next_word() {
            // The first word's position is 0 (a reset token's is
            // `usize::MAX`); no gap opens the text.
            let first = self.token.position == usize::MAX;
            // A dropped word still takes its position, as with
            // `RemoveLongFilter` after `SimpleTokenizer`.
            self.token.position = self.token.position.wrapping_add(1);
            if new_paragraph && !first {
                self.token.position += PARAGRAPH_GAP;
            }
            if end - start >= MAX_TOKEN_BYTES {
                continue;
            }
            let word = &self.text[start..end];
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.text.clear();
            if ascii {
                self.token.text.push_str(word);
                self.token.text.make_ascii_lowercase();
            } else {
                let mut folded = self.word_folder.token_stream(word);
                if folded.advance() {
                    self.token.text.push_str(&folded.token().text);
                }
            }
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
    use crate::test_rng::Rng;
    use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer, TextAnalyzer};

    /// tantivy's chain, as the `folded` analyzer was before this module.
    fn chain() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build()
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t| out.push(t.clone()));
        out
    }

    /// The chain's tokens of `text`, with the positions moved as
    /// [`PARAGRAPH_GAP`] moves them: the chain counts a position for every
    /// word (`SimpleTokenizer`'s), dropped ones included, so word `k` of
    /// the text moves by the gaps before it.
    fn chain_with_gaps(text: &str) -> Vec<Token> {
        let words = tokens(&mut TextAnalyzer::from(SimpleTokenizer::default()), text);
        let mut shifted = Vec::with_capacity(words.len());
        let mut shift = 0;
        for (k, word) in words.iter().enumerate() {
            if k > 0 {
                let between = &text.as_bytes()[words[k - 1].offset_to..word.offset_from];
                if crate::index::analyzers::ends_paragraph(between) {
                    shift += PARAGRAPH_GAP;
                }
            }
            shifted.push(shift);
        }
        let mut expected = tokens(&mut chain(), text);
        for token in &mut expected {
            token.position += shifted[token.position];
        }
        expected
    }

    fn assert_same_as_the_chain(ours: &mut TextAnalyzer, text: &str) {
        let expected = chain_with_gaps(text);
        let got = tokens(ours, text);
        assert_eq!(got, expected, "on {text:?}");
    }

    #[test]
    fn a_paragraph_break_leaves_a_gap_in_positions() {
        let mut ours = TextAnalyzer::from(FoldedTokenizer::default());
        let positions = |text: &str| -> Vec<usize> {
            tokens(&mut TextAnalyzer::from(FoldedTokenizer::default()), text)
                .into_iter()
                .map(|t| t.position)
                .collect()
        };
        let gap = PARAGRAPH_GAP;
        assert_eq!(positions("\n\nOsiris\n\nLuna Meza"), [0, gap + 1, gap + 2]);
        // A single line break (a `<br>`, a scrape's wrapped line) is no gap.
        assert_eq!(positions("Osiris\nLuna"), [0, 1]);
        assert_eq!(positions("Osiris.\n \nLuna"), [0, gap + 1]);
        let long = "x".repeat(MAX_TOKEN_BYTES);
        assert_eq!(positions(&format!("a\n\n{long}\n\nb")), [0, 2 * gap + 2]);
        assert_same_as_the_chain(&mut ours, &format!("a\n\n{long}\n\nb ñ\n\n—\nü\n"));
    }

    #[test]
    fn words_are_cut_lowercased_and_folded() {
        let mut ours = TextAnalyzer::from(FoldedTokenizer::default());
        let got: Vec<String> = tokens(&mut ours, "Los SUREÑOS de la MS-13, según Marroquín.")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            got,
            [
                "los",
                "surenos",
                "de",
                "la",
                "ms",
                "13",
                "segun",
                "marroquin"
            ]
        );
    }

    #[test]
    fn long_words_are_dropped_but_keep_their_position() {
        let mut ours = TextAnalyzer::from(FoldedTokenizer::default());
        let long = "x".repeat(MAX_TOKEN_BYTES);
        let got = tokens(&mut ours, &format!("before {long} after"));
        let positions: Vec<(String, usize)> =
            got.into_iter().map(|t| (t.text, t.position)).collect();
        assert_eq!(positions, [("before".into(), 0), ("after".into(), 2)]);
        assert_same_as_the_chain(&mut ours, &format!("a {long} b {}c", "é".repeat(30)));
    }

    #[test]
    fn tokens_are_the_chains_on_hand_picked_texts() {
        let mut ours = TextAnalyzer::from(FoldedTokenizer::default());
        for text in [
            "",
            "   ",
            "Hello, happy tax payer!",
            "İstanbul STRASSE Straße ǅemal ΣΟΦΊΑ σοφός",
            "Œuvre æther ﬁnal ½ ² ℃ № ①",
            "señor’s niño — “tregua” 2012…",
            "宇航员在太空中喝酒会怎么样？后果很严重",
            "e\u{301}le\u{300}ve a\u{308}",
            "emoji 😀 between👍words",
            "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ",
            "trailing word",
            "ñ",
        ] {
            assert_same_as_the_chain(&mut ours, text);
        }
    }

    #[test]
    fn tokens_are_the_chains_on_random_texts() {
        // Characters from every class the two cut or fold differently if
        // they disagree at all: ASCII letters, digits and punctuation,
        // Latin letters with foldings, letters that lowercase to two
        // characters, combining marks, non-Latin letters, symbols.
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "q",
            "7",
            " ",
            " ",
            ",",
            "-",
            "'",
            "\n",
            "é",
            "Ñ",
            "ü",
            "ß",
            "İ",
            "Σ",
            "ς",
            "ǅ",
            "Œ",
            "ﬁ",
            "\u{301}",
            "\u{a0}",
            "’",
            "—",
            "汉",
            "ア",
            "😀",
            "½",
            "①",
            "Ⅻ",
            "ı",
            "ϴ",
            "Ａ",
            "٣",
            "\u{200b}",
            "ab",
            "CD",
            "xxxxxxxxxxxxxxxxxxxx",
            "éééééééééé",
        ];
        let mut ours = TextAnalyzer::from(FoldedTokenizer::default());
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3_000 {
            let len = rng.below(40);
            let text: String = (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            assert_same_as_the_chain(&mut ours, &text);
        }
    }

    #[test]
    fn tokens_are_the_chains_on_the_sample_archive_and_the_seed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (files, _) = crate::ingest::walk(&[root.join("corpus-sample")]);
        let mut paths: Vec<_> = files.into_iter().map(|f| f.path).collect();
        paths.push(root.join("../shared/seed/insightcrime-gang-negotiations.txt"));
        let mut ours = TextAnalyzer::from(FoldedTokenizer::default());
        let mut checked = 0;
        for path in &paths {
            let bytes = std::fs::read(path).expect("readable file");
            assert_same_as_the_chain(&mut ours, &String::from_utf8_lossy(&bytes));
            checked += 1;
        }
        assert!(checked > 20, "only {checked} files");
    }
}
