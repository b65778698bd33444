//! Sentence-level actor mentions: which actors each sentence of an article
//! names.
//!
//! This module owns splitting an article body into sentences (a rule-based
//! splitter for English and Spanish news prose, aware of initials and common
//! abbreviations) and placing each accepted mention of the tagger in its
//! sentence. Co-mention counts and evidence snippets (`actors::explore`)
//! are built on it. It applies exactly the tagger's article-level rules: a
//! sentence-level mention exists only where the article-level tagger
//! accepts it.

use std::ops::Range;

use super::Tagger;

/// Words that end in a period without ending a sentence (folded to
/// lowercase, without the period).
const ABBREVIATIONS: &[&str] = &[
    "sr", "sra", "srta", "dr", "dra", "gen", "gral", "lic", "ing", "mr", "mrs", "ms", "st", "jr",
    "no", "núm", "nº", "art", "arts", "vs", "etc", "cap", "cnel", "col", "sgt", "lt", "gov", "sen",
    "rep", "pres", "dept", "depto", "av", "avda", "prof", "fig", "pág", "p", "pp",
];

/// Byte ranges of the sentences of `text`, in order, trimmed of surrounding
/// whitespace; empty sentences are left out. A line break always ends a
/// sentence; `.`, `!`, `?` and `…` end one when whitespace and a capital,
/// digit, opening quote or inverted mark follow, unless the period closes
/// an initial ("J.") or a known abbreviation ("Gen.", "EE.UU.").
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let push = |out: &mut Vec<Range<usize>>, from: usize, to: usize| {
        let piece = &text[from..to];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push(from + lead..from + lead + trimmed.len());
        }
    };
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\n' | '\r' => {
                push(&mut out, start, at);
                start = at + c.len_utf8();
            }
            '.' | '!' | '?' | '…' => {
                // Swallow repeated marks and closing quotes/brackets.
                let mut end = at + c.len_utf8();
                while let Some(&(next_at, next)) = chars.peek() {
                    if matches!(
                        next,
                        '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | '»' | ')' | ']'
                    ) {
                        end = next_at + next.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                let rest = &text[end..];
                let after_space = rest.trim_start_matches([' ', '\t', '\u{a0}']);
                if after_space.len() == rest.len() && !rest.is_empty() && !rest.starts_with('\n') {
                    continue; // no space after: "3.5", "EE.UU", "www.x.com"
                }
                let next = after_space.chars().next();
                let starts_sentence = next.is_none_or(|n| {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '"' | '“' | '«' | '¿' | '¡' | '(' | '\'' | '‘' | '\n')
                });
                if !starts_sentence || (c == '.' && ends_abbreviation(&text[start..at])) {
                    continue;
                }
                push(&mut out, start, end);
                start = end;
            }
            _ => {}
        }
    }
    push(&mut out, start, text.len());
    out
}

/// Whether the word just before a period (the end of `before`) is an
/// initial or an abbreviation, so the period does not end the sentence.
fn ends_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if word.contains('.') {
        return true; // "EE.UU", "U.S"
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_uppercase(),
        (None, _) => false,
        _ => ABBREVIATIONS.contains(&word.to_lowercase().as_str()),
    }
}

/// One accepted mention of an actor, placed in its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceMention {
    /// The actor's label (gang label or official's canonical name).
    pub label: String,
    /// Whether it is a gang (else an official).
    pub is_gang: bool,
    /// Index into [`ArticleSentences::sentences`]: 0 is the title, body
    /// sentences follow.
    pub sentence: usize,
}

/// An article cut into sentences, with the actors each one names.
#[derive(Debug, Clone, Default)]
pub struct ArticleSentences<'a> {
    /// The title (possibly empty) at index 0, then the body's sentences.
    pub sentences: Vec<&'a str>,
    /// Every accepted mention, in text order.
    pub mentions: Vec<SentenceMention>,
}

impl ArticleSentences<'_> {
    /// The distinct actors (label, is_gang) named in each sentence, in
    /// order of first mention within the sentence.
    pub fn actors_per_sentence(&self) -> Vec<Vec<(&str, bool)>> {
        let mut per = vec![Vec::new(); self.sentences.len()];
        for m in &self.mentions {
            if let Some(list) = per.get_mut(m.sentence) {
                let key = (m.label.as_str(), m.is_gang);
                if !list.contains(&key) {
                    list.push(key);
                }
            }
        }
        per
    }
}

impl Tagger {
    /// Each accepted actor mention of the article with the index of the
    /// sentence it is in (the title counts as sentence 0). The rules are
    /// those of [`Tagger::mentions`], applied over the whole article.
    pub fn sentence_mentions<'a>(&self, title: &'a str, body: &'a str) -> ArticleSentences<'a> {
        let ranges = split_sentences(body);
        let mut sentences = Vec::with_capacity(ranges.len() + 1);
        sentences.push(title.trim());
        sentences.extend(ranges.iter().map(|r| &body[r.clone()]));
        let mut mentions = Vec::new();
        for (in_title, m) in self.mentions_by_part(title, body) {
            let sentence = if in_title {
                0
            } else {
                // The sentence whose range contains the mention's start; a
                // mention spanning a boundary is filed where it starts.
                let i = ranges.partition_point(|r| r.start <= m.start);
                match i.checked_sub(1) {
                    Some(i) if m.start < ranges[i].end => i + 1,
                    _ => continue,
                }
            };
            mentions.push(SentenceMention {
                label: m.label,
                is_gang: m.is_gang,
                sentence,
            });
        }
        ArticleSentences {
            sentences,
            mentions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Schema;

    fn texts(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_on_marks_and_line_breaks() {
        assert_eq!(
            texts("Uno dijo algo. Otro respondió: «no». ¿Y luego? Nada.\nFin"),
            vec![
                "Uno dijo algo.",
                "Otro respondió: «no».",
                "¿Y luego?",
                "Nada.",
                "Fin"
            ]
        );
    }

    #[test]
    fn keeps_initials_abbreviations_and_numbers_together() {
        assert_eq!(
            texts("Gen. Óscar Naranjo met J. Smith in the U.S. Army base. It cost 3.5 million."),
            vec![
                "Gen. Óscar Naranjo met J. Smith in the U.S. Army base.",
                "It cost 3.5 million."
            ]
        );
        assert_eq!(
            texts("El Sr. Pérez viajó a EE.UU. el lunes."),
            vec!["El Sr. Pérez viajó a EE.UU. el lunes."]
        );
    }

    #[test]
    fn mentions_are_placed_in_their_sentences() {
        let tagger = Tagger::new(&Schema::embedded().expect("schema")).expect("tagger");
        let article = tagger.sentence_mentions(
            "Bukele habla",
            "Osiris Luna llegó. La MS-13 negó todo.\nLuna y Carlos Marroquín callaron.",
        );
        assert_eq!(article.sentences.len(), 4);
        let per = article.actors_per_sentence();
        assert_eq!(per[0], vec![("Nayib Bukele", false)]);
        assert_eq!(per[1], vec![("Osiris Luna", false)]);
        assert_eq!(per[2], vec![("MS13", true)]);
        assert_eq!(
            per[3],
            vec![("Osiris Luna", false), ("Carlos Marroquín", false)]
        );
    }
}
