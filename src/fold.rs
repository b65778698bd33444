//! Case and accent folding for names and aliases.
//!
//! Reporters type `Marroquin` for `Marroquín` and `ms-13` for `MS-13`; every
//! comparison of a user-typed name against the registry, and every alias
//! match in article text, goes through [`fold`]. [`fold_with_offsets`] keeps a
//! map back to the original text so a matcher can look at the original
//! capitalisation and report where a match was found.
//!
//! The index has its own folding (tantivy's `AsciiFoldingFilter`, set up in
//! `index::analyzers`); this module is for everything outside the index.

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::char::is_combining_mark;

/// Lowercases `text` and strips accents (`Marroquín` → `marroquin`).
pub fn fold(text: &str) -> String {
    Folded::new(text).text
}

/// Folds `text` like [`fold`] and returns, for each byte of the folded text,
/// the byte offset of the original character it came from (plus one final
/// entry equal to `text.len()`), so a folded range maps back to the original.
///
/// This materializes one offset per byte; matchers on the hot path use
/// [`Folded`], which keeps the same map in a compact form.
pub fn fold_with_offsets(text: &str) -> (String, Vec<usize>) {
    let folded = Folded::new(text);
    let offsets = (0..=folded.text.len())
        .map(|i| folded.original(i))
        .collect();
    (folded.text, offsets)
}

/// A folded copy of a text with a compact map back to the original.
///
/// ASCII folds byte for byte, so only non-ASCII characters (a few percent of
/// Spanish text, none of most English text) need an entry in the map: a
/// folded position is mapped back by a binary search over those entries.
/// Building it does no allocation per character.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text (see [`fold`]).
    pub text: String,
    /// One entry per non-ASCII character of the original, in order.
    spans: Vec<Span>,
    /// Length of the original text.
    original_len: usize,
}

/// Where one non-ASCII character went: its folded output starts at
/// `folded` and is `folded_len` bytes long; it came from `original_len`
/// bytes at `original`.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    folded: usize,
    folded_len: usize,
    original: usize,
    original_len: usize,
}

impl Folded {
    /// Folds `text`.
    pub fn new(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        let mut spans = Vec::new();
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Copy the run of ASCII bytes starting here in one go.
            let run = bytes[at..]
                .iter()
                .position(|b| !b.is_ascii())
                .map_or(bytes.len(), |n| at + n);
            if run > at {
                let before = out.len();
                out.push_str(&text[at..run]);
                out[before..].make_ascii_lowercase();
                at = run;
            }
            if at >= bytes.len() {
                break;
            }
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            let before = out.len();
            push_folded(c, &mut out);
            spans.push(Span {
                folded: before,
                folded_len: out.len() - before,
                original: at,
                original_len: c.len_utf8(),
            });
            at += c.len_utf8();
        }
        Folded {
            text: out,
            spans,
            original_len: text.len(),
        }
    }

    /// The byte offset in the original text of the character that produced
    /// folded byte `pos` (`pos == text.len()` maps to the original's end).
    pub fn original(&self, pos: usize) -> usize {
        if pos >= self.text.len() {
            return self.original_len;
        }
        let i = self.spans.partition_point(|s| s.folded <= pos);
        match i.checked_sub(1).map(|i| self.spans[i]) {
            None => pos,
            Some(s) if pos < s.folded + s.folded_len => s.original,
            Some(s) => s.original + s.original_len + (pos - s.folded - s.folded_len),
        }
    }
}

/// Appends the folded form of one character (see [`fold`]).
pub(crate) fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Typographic apostrophes and dashes fold to their ASCII forms so that
    // "O’Brien" and "MS–13" match aliases typed on a plain keyboard.
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => {
            out.push('\'');
            return;
        }
        '\u{2010}'..='\u{2015}' => {
            out.push('-');
            return;
        }
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{3000}' => {
            out.push(' ');
            return;
        }
        // Full-width forms (East Asian input methods) are the ASCII they
        // stand for: "ＭＳ１３" is "MS13", as a typed query already reads it
        // (`normalize::clean_typed`).
        '\u{FF01}'..='\u{FF5E}' => {
            if let Some(ascii) = char::from_u32(c as u32 - 0xFEE0) {
                out.push(ascii.to_ascii_lowercase());
                return;
            }
        }
        _ => {}
    }
    let mut decomposed = false;
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                out.push(l);
            }
        }
        decomposed = true;
    });
    if !decomposed {
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
}

/// True when `c` is part of a word for whole-word matching.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Marroquín"), "marroquin");
        assert_eq!(fold("SUREÑOS"), "surenos");
        assert_eq!(fold("Raúl Melara"), "raul melara");
        assert_eq!(fold("MS–13"), "ms-13");
    }

    #[test]
    fn folds_full_width_forms_to_ascii() {
        assert_eq!(fold("\u{ff2d}\u{ff33}\u{ff0d}\u{ff11}\u{ff13}"), "ms-13");
        assert_eq!(fold("Osiris\u{3000}Luna"), "osiris luna");
        let (folded, offsets) = fold_with_offsets("la \u{ff2d}\u{ff33}13");
        assert_eq!(folded, "la ms13");
        assert_eq!(offsets[4], 6);
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let text = "Ñandú MS13";
        let (folded, offsets) = fold_with_offsets(text);
        assert_eq!(folded, "nandu ms13");
        assert_eq!(offsets.len(), folded.len() + 1);
        let start = folded.find("ms13").unwrap();
        assert_eq!(&text[offsets[start]..offsets[start + 4]], "MS13");
        let start = folded.find("nandu").unwrap();
        assert_eq!(&text[offsets[start]..offsets[start + 5]], "Ñandú");
    }

    #[test]
    fn compact_map_agrees_with_a_per_char_fold() {
        for text in [
            "",
            "plain ascii",
            "Ñandú MS–13 Marroquín ﬁ İstanbul ß",
            "ÁÉÍÓÚ",
            "x\u{00A0}y’z",
        ] {
            let folded = Folded::new(text);
            assert_eq!(folded.text, fold(text));
            // Reference: fold char by char and record each byte's origin.
            let mut expected = Vec::new();
            for (at, c) in text.char_indices() {
                let n = fold(&c.to_string()).len();
                expected.extend(std::iter::repeat_n(at, n));
            }
            expected.push(text.len());
            let got: Vec<usize> = (0..=folded.text.len())
                .map(|p| folded.original(p))
                .collect();
            assert_eq!(got, expected, "{text}");
        }
    }
}
