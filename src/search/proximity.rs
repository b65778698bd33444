//! Proximity credit for plain multi-word queries.
//!
//! Reporters rarely type quotes: `tregua entre pandillas` and `Osiris Luna`
//! are typed bare, and matched as words AND'd anywhere in the article. BM25
//! alone gave the words standing together nothing: an article scattering
//! "régimen" (penitenciario) and "excepción" (sin excepción) outranked the
//! one saying "régimen de excepción", and a museum piece with the god
//! Osiris and an altar of the moon the article naming Osiris Luna (QA pass
//! 13, B2 and B3).
//!
//! This module owns which words of a query earn that credit: each pair of
//! content words typed one after the other ([`pairs`]), with the function
//! words between them (`de`, `entre`, `of`) left out of the phrase but kept
//! as a gap, so that `régimen de excepción` rewards "régimen de excepción"
//! and "régimen of excepción" alike without reading the postings of `de`.
//! `search::compile` turns the pairs into sloppy phrase queries on the
//! exact (positional) fields, and `search::prepare` adds them as an
//! optional clause: they rank, they never select.
//!
//! The same list of function words keeps the highlighter from marking
//! every "de" of a snippet (`search::snippet`).

use super::query::{Node, Scope};

/// How many positions the second word of a pair may stand from where the
/// typed order puts it: one word more or less between them ("tregua entre
/// pandillas" for `tregua pandillas`), or the two swapped. At 3, the
/// headline "El régimen penitenciario y la excepción constitucional" took
/// the credit meant for "régimen de excepción" (QA pass 13's `focus` set).
/// A paragraph break counts `analyzers::PARAGRAPH_GAP`, so a pair never
/// earns credit across paragraphs.
pub const SLOP: u32 = 1;

/// At most this many pairs are scored (a pasted sentence of thirty words
/// would add thirty phrase queries to every search).
pub const MAX_PAIRS: usize = 6;

/// Spanish and English function words (folded): articles, prepositions,
/// conjunctions and the commonest pronouns. They carry no topic, and in a
/// body they are everywhere: a query's `de` is no reason to mark every
/// "de" of a snippet, nor to read its postings for proximity. Sorted, for
/// a binary search. Kept short on purpose: a list such as Snowball's holds
/// verb forms (`estado`), which are words reporters search.
const FUNCTION_WORDS: &[&str] = &[
    "a", "al", "an", "and", "as", "at", "by", "con", "de", "del", "e", "el", "en", "entre", "for",
    "from", "in", "into", "la", "las", "lo", "los", "o", "of", "on", "or", "para", "por", "que",
    "se", "sin", "su", "sus", "the", "to", "u", "un", "una", "unas", "unos", "with", "y",
];

/// True if `folded` (a folded token) is a function word.
pub fn is_function_word(folded: &str) -> bool {
    FUNCTION_WORDS.binary_search(&folded).is_ok()
}

/// Two content words typed one after the other, as folded tokens, and how
/// many positions apart the query puts them (1: side by side; 2: one
/// function word between them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The first word.
    pub first: String,
    /// The word after it.
    pub second: String,
    /// Positions from the first to the second.
    pub gap: usize,
}

/// The pairs of content words of `root` typed one after the other: the
/// plain words (default scope, not quoted, not fuzzy) of a query that is
/// one word or an AND of words. Filters (`gang:`, `date:`) and exclusions
/// between two words do not part them; a quoted phrase, an OR group or a
/// field-scoped word does. Two tokens of one typed word (`MS-13`, matched
/// as a phrase already) make no pair. At most [`MAX_PAIRS`].
pub fn pairs(root: &Node) -> Vec<Pair> {
    let children: &[Node] = match root {
        Node::And(children) => children,
        leaf @ Node::Term { .. } => std::slice::from_ref(leaf),
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    // The previous content token of the current run: (typed word, position,
    // token).
    let mut previous: Option<(usize, usize, String)> = None;
    let mut position = 0usize;
    for (word_index, child) in children.iter().enumerate() {
        match child {
            Node::Term {
                scope: Scope::Default,
                word,
                ..
            } => {
                let tokens = folded_tokens(word);
                let Some(last) = tokens.last().map(|(p, _)| *p) else {
                    continue;
                };
                for (offset, token) in tokens {
                    let at = position + offset;
                    if is_function_word(&token) {
                        continue;
                    }
                    if let Some((w, p, first)) = previous.take() {
                        if w != word_index {
                            out.push(Pair {
                                first,
                                second: token.clone(),
                                gap: at - p,
                            });
                        }
                    }
                    previous = Some((word_index, at, token));
                }
                position += last + 1;
            }
            // They hold no words of the text.
            Node::Gang { .. } | Node::Official { .. } | Node::Date { .. } | Node::Not(_) => {}
            _ => {
                previous = None;
                position = 0;
            }
        }
        if out.len() >= MAX_PAIRS {
            out.truncate(MAX_PAIRS);
            break;
        }
    }
    out
}

/// The runs of plain words of `root` typed one after the other that hold a
/// function word between two content words (`régimen de excepción`,
/// `director de Centros Penales`), as typed and joined by spaces, without
/// the function words at their ends. The highlighter marks such a run where
/// it stands whole, since it marks the function words nowhere else.
pub fn bridged_runs(root: &Node) -> Vec<String> {
    let children: &[Node] = match root {
        Node::And(children) => children,
        _ => return Vec::new(),
    };
    let mut runs = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut flush = |run: &mut Vec<&str>| {
        let content = |w: &&str| {
            let tokens = folded_tokens(w);
            !(tokens.len() == 1 && is_function_word(&tokens[0].1))
        };
        let start = run.iter().position(content);
        let end = run.iter().rposition(content);
        if let (Some(start), Some(end)) = (start, end) {
            let inner = &run[start..=end];
            if inner.len() > 2 && inner.iter().any(|w| !content(w)) {
                runs.push(inner.join(" "));
            }
        }
        run.clear();
    };
    for child in children {
        match child {
            Node::Term {
                scope: Scope::Default,
                word,
                ..
            } => run.push(word),
            _ => flush(&mut run),
        }
    }
    flush(&mut run);
    runs
}

/// The folded tokens of `word`, with their positions.
fn folded_tokens(word: &str) -> Vec<(usize, String)> {
    super::compile::analyze("folded", word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    fn pairs_of(q: &str) -> Vec<(String, String, usize)> {
        let parsed = parse(q).unwrap();
        pairs(parsed.root.as_ref().unwrap())
            .into_iter()
            .map(|p| (p.first, p.second, p.gap))
            .collect()
    }

    fn pair(a: &str, b: &str, gap: usize) -> (String, String, usize) {
        (a.to_string(), b.to_string(), gap)
    }

    #[test]
    fn the_function_word_list_is_sorted_and_folded() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        for word in FUNCTION_WORDS {
            assert_eq!(folded_tokens(word), [(0, word.to_string())]);
        }
    }

    #[test]
    fn plain_words_pair_up_in_the_order_typed() {
        assert_eq!(pairs_of("Osiris Luna"), [pair("osiris", "luna", 1)]);
        assert_eq!(
            pairs_of("tregua pandillas Bukele"),
            [
                pair("tregua", "pandillas", 1),
                pair("pandillas", "bukele", 1)
            ]
        );
        assert!(pairs_of("tregua").is_empty());
    }

    #[test]
    fn function_words_are_left_out_but_keep_their_place() {
        assert_eq!(
            pairs_of("régimen de excepción"),
            [pair("regimen", "excepcion", 2)]
        );
        assert_eq!(
            pairs_of("director de Centros Penales"),
            [
                pair("director", "centros", 2),
                pair("centros", "penales", 1)
            ]
        );
        assert_eq!(
            pairs_of("tregua entre pandillas"),
            [pair("tregua", "pandillas", 2)]
        );
        assert!(pairs_of("de la").is_empty());
    }

    #[test]
    fn filters_do_not_part_words_but_phrases_and_groups_do() {
        assert_eq!(
            pairs_of("tregua gang:MS13 -Funes pandillas"),
            [pair("tregua", "pandillas", 1)]
        );
        assert!(pairs_of("tregua \"MS 13\" pandillas").is_empty());
        assert!(pairs_of("tregua (a OR b)").is_empty());
        assert!(pairs_of("tregua OR pandillas").is_empty());
        assert!(pairs_of("title:tregua pandillas").is_empty());
        // One typed word split by the tokenizer is one word.
        assert!(pairs_of("O'Neill").is_empty());
    }

    #[test]
    fn runs_bridged_by_a_function_word_are_found_whole() {
        let runs = |q: &str| bridged_runs(parse(q).unwrap().root.as_ref().unwrap());
        assert_eq!(runs("régimen de excepción"), ["régimen de excepción"]);
        assert_eq!(
            runs("el director de Centros Penales de"),
            ["director de Centros Penales"]
        );
        assert!(runs("Osiris Luna").is_empty());
        assert!(runs("de la").is_empty());
    }

    #[test]
    fn a_long_query_scores_a_few_pairs_only() {
        let q = "uno dos tres cuatro cinco seis siete ocho nueve diez";
        assert_eq!(pairs_of(q).len(), MAX_PAIRS);
    }
}
