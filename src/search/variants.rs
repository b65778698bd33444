//! Letters and a number written together or apart are one word to a
//! reader: `MS13`, `MS-13` and `MS 13` name the same gang, `COVID19` and
//! `COVID-19` the same disease.
//!
//! The tokenizer keeps `ms13` whole and splits `MS-13` into `ms` and `13`,
//! so the spelling typed found only the articles that wrote it the same
//! way: `MS13` found 7 of the sample's 33 MS13 articles, `MS-13` 24. Each
//! query word or phrase that holds such a compound is widened here, before
//! compiling and highlighting, to an OR of its spellings: the compound as
//! typed, and written the other way (split into a phrase, or joined into
//! one word).

use super::query::Node;
use crate::fold::fold;

/// The longest run of letters joined to a number that follows it (`ms`,
/// `b`, `covid`): longer words before a number are words of a sentence
/// ("hace 2 días"), not a code.
const MAX_LETTERS: usize = 5;
/// The longest number joined to the letters before it (`13`, `18`, `19`).
const MAX_DIGITS: usize = 3;

/// Widens every word and exact phrase of `root` that holds letters and a
/// number, written together or apart, to an OR of both spellings.
pub fn add_spellings(root: &mut Node) {
    root.leaves_mut(&mut |leaf| {
        let other = match leaf {
            Node::Term {
                scope,
                word,
                exact,
                column,
            } => other_spelling(word).map(|text| {
                if text.contains(' ') {
                    Node::Phrase {
                        scope: *scope,
                        text,
                        slop: 0,
                        column: *column,
                    }
                } else {
                    Node::Term {
                        scope: *scope,
                        word: text,
                        exact: *exact,
                        column: *column,
                    }
                }
            }),
            Node::Phrase {
                scope,
                text,
                slop: 0,
                column,
            } => other_spelling(text).map(|text| Node::Phrase {
                scope: *scope,
                text,
                slop: 0,
                column: *column,
            }),
            _ => None,
        };
        if let Some(other) = other {
            *leaf = Node::Or(vec![leaf.clone(), other]);
        }
    });
}

/// `text` (folded) with its compounds of letters and a number written the
/// other way: `ms13` → `ms 13`, `MS 13` → `ms13`; `None` if it holds none.
/// Letters apart from a number join it only when written as a code: in
/// capitals or with a hyphen (`MS 13`, `b-18`), not `hace 2 días`.
fn other_spelling(text: &str) -> Option<String> {
    let words = words_with_separators(text);
    let mut out: Vec<String> = Vec::with_capacity(words.len() + 1);
    let mut changed = false;
    let mut i = 0;
    while i < words.len() {
        let (word, _) = words[i];
        let folded = fold(word);
        let next = words.get(i + 1).filter(|(next, hyphen)| {
            (*hyphen || !word.chars().any(char::is_lowercase)) && joins(&folded, next)
        });
        if let Some((letters, digits)) = split_compound(&folded) {
            out.push(format!("{letters} {digits}"));
            changed = true;
        } else if let Some((digits, _)) = next {
            out.push(format!("{folded}{digits}"));
            changed = true;
            i += 1;
        } else {
            out.push(folded);
        }
        i += 1;
    }
    changed.then(|| out.join(" "))
}

/// The words of `text` (runs of letters and digits), each with whether a
/// hyphen alone separates it from the word before.
fn words_with_separators(text: &str) -> Vec<(&str, bool)> {
    let mut words = Vec::new();
    let mut start = None;
    let mut separator_start = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric() && i < text.len(), start) {
            (true, None) => {
                let hyphen = !words.is_empty()
                    && matches!(
                        &text[separator_start..i],
                        "-" | "\u{2010}" | "\u{2011}" | "\u{2013}"
                    );
                words.push(("", hyphen));
                start = Some(i);
            }
            (false, Some(from)) => {
                if let Some(last) = words.last_mut() {
                    last.0 = &text[from..i];
                }
                start = None;
                separator_start = i;
            }
            _ => {}
        }
    }
    words
}

/// `ms13` → (`ms`, `13`): a short run of letters, then a short number.
fn split_compound(word: &str) -> Option<(&str, &str)> {
    let at = word.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = word.split_at(at);
    joins(letters, digits).then_some((letters, digits))
}

/// Whether `letters` followed by `digits` make one compound: a short run
/// of letters and a short number.
fn joins(letters: &str, digits: &str) -> bool {
    (1..=MAX_LETTERS).contains(&letters.chars().count())
        && letters.chars().all(char::is_alphabetic)
        && (1..=MAX_DIGITS).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    #[test]
    fn compounds_are_written_the_other_way() {
        assert_eq!(other_spelling("MS13").as_deref(), Some("ms 13"));
        assert_eq!(other_spelling("MS-13").as_deref(), Some("ms13"));
        assert_eq!(other_spelling("MS 13").as_deref(), Some("ms13"));
        assert_eq!(other_spelling("ms-13").as_deref(), Some("ms13"));
        assert_eq!(
            other_spelling("la MS-13 y el B-18").as_deref(),
            Some("la ms13 y el b18")
        );
        assert_eq!(other_spelling("COVID19").as_deref(), Some("covid 19"));
        // Not compounds: a sentence's words before a number, a year, a
        // number before letters, a word alone.
        assert_eq!(other_spelling("hace 2 días"), None);
        assert_eq!(other_spelling("ms 13 años"), None);
        assert_eq!(other_spelling("mayo 2021"), None);
        assert_eq!(other_spelling("18th"), None);
        assert_eq!(other_spelling("pandillas"), None);
        assert_eq!(other_spelling("2021"), None);
    }

    #[test]
    fn a_query_word_becomes_an_or_of_its_spellings() {
        let mut parsed = parse("MS13 extorsión").unwrap();
        add_spellings(parsed.root.as_mut().unwrap());
        let Some(Node::And(children)) = &parsed.root else {
            panic!("{parsed:?}");
        };
        let Node::Or(spellings) = &children[0] else {
            panic!("{children:?}");
        };
        assert!(matches!(&spellings[0], Node::Term { word, .. } if word == "MS13"));
        assert!(matches!(&spellings[1], Node::Phrase { text, .. } if text == "ms 13"));
        assert!(matches!(&children[1], Node::Term { word, .. } if word == "extorsión"));
        // A word under NOT is widened too: `-MS13` excludes every spelling.
        let mut parsed = parse("pandillas -MS-13").unwrap();
        add_spellings(parsed.root.as_mut().unwrap());
        assert!(format!("{parsed:?}").contains("\"ms13\""));
    }
}
