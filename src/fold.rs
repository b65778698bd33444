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
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Folds `text` like [`fold`] and returns, for each byte of the folded text,
/// the byte offset of the original character it came from (plus one final
/// entry equal to `text.len()`), so a folded range maps back to the original.
pub fn fold_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let before = out.len();
        push_folded(c, &mut out);
        offsets.resize(offsets.len() + (out.len() - before), at);
    }
    offsets.push(text.len());
    (out, offsets)
}

fn push_folded(c: char, out: &mut String) {
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
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => {
            out.push(' ');
            return;
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
}
