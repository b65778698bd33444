//! Snippets: the passage of an article that best shows why it matched, with
//! the matched words marked.
//!
//! tantivy's snippet generator only knows the terms of one field, so it
//! misses stemmed matches (`pandillas` found through `pandilla`). Here every
//! word of the article is compared, as the index saw it, with the query's
//! words: folded (exact) and stemmed for the article's language. The passage
//! is whole sentences where possible, at most about two lines.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

use serde::Serialize;

use super::proximity::{bridged_runs, is_function_word};
use super::query::{Node, ParsedQuery, Scope};
use crate::index::analyzers;

/// Longest snippet, in bytes, before it is cut mid-sentence.
const MAX_SNIPPET_BYTES: usize = 240;

/// A passage of an article with highlighted ranges (byte ranges into
/// `text`, sorted, non-overlapping).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The passage.
    pub text: String,
    /// What to highlight in it.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The passage with `<b>…</b>` around matches, HTML-escaped, as in the
    /// JSON output of DESIGN.md.
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 16);
        let mut at = 0;
        for range in &self.highlights {
            escape_into(&self.text[at..range.start], &mut out);
            out.push_str("<b>");
            escape_into(&self.text[range.clone()], &mut out);
            out.push_str("</b>");
            at = range.end;
        }
        escape_into(&self.text[at..], &mut out);
        out
    }
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
}

/// A phrase of the query in one analyzed form: (offset in the phrase,
/// token).
type PhraseTokens = Vec<(usize, String)>;

/// A phrase or proximity query, as the highlighter needs it.
#[derive(Debug, Clone, Default)]
struct PhraseSpec {
    /// The phrase's folded words: the stemmed body fields keep no
    /// positions (fields.toml), so a phrase only ever matches the body's
    /// exact words.
    folded: PhraseTokens,
    slop: u32,
    /// A registry name: marked only where its words are written with a
    /// capital (or are not letters: `18`), as the tagger reads a name. The
    /// neighbourhood "barrio 18" is no gang (QA pass 13, C3).
    cased: bool,
}

/// What to highlight for a query: its body words in each analyzed form,
/// its phrases (highlighted only where they match as phrases) and its fuzzy
/// terms (highlighted where a word is within the edit distance).
#[derive(Debug, Clone, Default)]
pub struct Highlighter {
    folded: HashSet<String>,
    /// Words marked only where written with a capital.
    cased: HashSet<String>,
    stem_en: HashSet<String>,
    stem_es: HashSet<String>,
    phrases: Vec<PhraseSpec>,
    fuzzy: Vec<(Vec<char>, u8)>,
    /// For an article where nothing above is found (a registry name typed
    /// in full, written there in another form: "Carlos Amílcar Marroquín",
    /// "el Barrio 18 … los Sureños"): the names' words, capitalised, so
    /// the snippet shows the passage naming them rather than the opening
    /// (QA pass 13, C1).
    fallback: Option<Box<Highlighter>>,
}

fn token_set(analyzer: &str, text: &str) -> HashSet<String> {
    analyze(analyzer, text)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

/// Whether `text` is more than one folded token: a phrase to the index.
fn several_tokens(text: &str) -> bool {
    analyze("folded", text).len() > 1
}

fn phrase_tokens(analyzer: &str, text: &str) -> PhraseTokens {
    analyze(analyzer, text)
        .into_iter()
        .map(|t| (t.position, t.text))
        .collect()
}

impl Highlighter {
    /// Highlights the plain words of a query (as typed).
    pub fn new(words: &[String]) -> Self {
        let text = words.join(" ");
        Highlighter {
            folded: token_set("folded", &text),
            stem_en: token_set("stem_en", &text),
            stem_es: token_set("stem_es", &text),
            ..Highlighter::default()
        }
    }

    /// Highlights what `query` matches in an article's body: its words,
    /// phrases and fuzzy terms outside NOT, not those limited to `title:` or
    /// `url:`. With `exact`, stemmed forms are not highlighted.
    ///
    /// `names` are the registry names typed in full, as the columns of
    /// their words ([`super::names::mark_names`]); each is marked as a
    /// phrase, where its words stand together. So is a word the tokenizer
    /// splits (`O'Neill`, `Bukele's`, `MS-13`), which the search matches as
    /// a phrase too: marked one token at a time, `MS-13` lit every loose
    /// "MS" and "13" of an article and `O'Neill` the "O" of "O'Brien", and
    /// `Barrio 18` typed bare a date's "18" and a lowercase "barrio".
    pub fn for_query(query: &ParsedQuery, exact: bool, names: &[Vec<usize>]) -> Self {
        let mut h = Highlighter::default();
        let Some(root) = &query.root else {
            return h;
        };
        let mut words = Vec::new();
        // Words of a registry name typed in full are matched unstemmed.
        let mut exact_words = Vec::new();
        // The words of `names`, by column.
        let mut name_words: Vec<(usize, String)> = Vec::new();
        let in_a_name = |column: usize| names.iter().any(|name| name.contains(&column));
        let phrase = |h: &mut Highlighter, text: &str, slop: u32, cased: bool| {
            let folded = phrase_tokens("folded", text);
            if !folded.is_empty() {
                h.phrases.push(PhraseSpec {
                    folded,
                    slop,
                    cased,
                });
            }
        };
        root.positive_leaves(&mut |leaf| match leaf {
            Node::Term {
                scope,
                word,
                exact: true,
                column,
            } if in_body(*scope) && in_a_name(*column) => {
                // A word widened to other spellings keeps its column: the
                // first one seen, the word as typed, is the name's.
                name_words.push((*column, word.clone()));
            }
            Node::Term { scope, word, .. } if in_body(*scope) && several_tokens(word) => {
                phrase(&mut h, word, 0, false);
            }
            Node::Term {
                scope,
                word,
                exact: true,
                ..
            } if in_body(*scope) => exact_words.push(word.clone()),
            Node::Term { scope, word, .. } if in_body(*scope) => words.push(word.clone()),
            Node::Fuzzy {
                scope,
                word,
                distance,
                ..
            } if in_body(*scope) => {
                for token in analyze("folded", word) {
                    h.fuzzy.push((token.text.chars().collect(), *distance));
                }
            }
            Node::Phrase {
                scope, text, slop, ..
            } if in_body(*scope) => {
                if !several_tokens(text) && *slop == 0 {
                    words.push(text.clone());
                } else {
                    phrase(&mut h, text, *slop, false);
                }
            }
            _ => {}
        });
        for name in names {
            let text: Vec<&str> = name
                .iter()
                .filter_map(|column| name_words.iter().find(|(c, _)| c == column))
                .map(|(_, word)| word.as_str())
                .collect();
            if !text.is_empty() {
                phrase(&mut h, &text.join(" "), 0, true);
            }
        }
        let mut fallback = Highlighter::default();
        for (_, word) in &name_words {
            fallback.cased.extend(
                token_set("folded", word)
                    .into_iter()
                    // A number alone ("18" of `Barrio 18`) names nothing.
                    .filter(|w| !is_function_word(w) && w.chars().any(char::is_alphabetic)),
            );
        }
        if !fallback.cased.is_empty() {
            h.fallback = Some(Box::new(fallback));
        }
        // A function word typed among others (`régimen de excepción`) is
        // marked only inside the run it was typed in, not at every "de" of
        // the article (QA pass 13, C2). Typed alone, it is the query.
        if words.iter().any(|w| !is_function_word_typed(w)) || !exact_words.is_empty() {
            words.retain(|w| !is_function_word_typed(w));
        }
        for run in bridged_runs(root) {
            phrase(&mut h, &run, 0, false);
        }
        let text = words.join(" ");
        h.folded = token_set("folded", &text);
        h.folded.extend(token_set("folded", &exact_words.join(" ")));
        if !exact {
            h.stem_en = token_set("stem_en", &text);
            h.stem_es = token_set("stem_es", &text);
        }
        h
    }

    /// True if there is nothing to highlight.
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
            && self.cased.is_empty()
            && self.phrases.is_empty()
            && self.fuzzy.is_empty()
    }

    /// Byte ranges of `text` whose words match the query.
    ///
    /// One pass over the body's folded tokens, keeping only those that
    /// matter: per-token allocations over every hit's whole body were most
    /// of a search's time.
    pub fn matches(&self, text: &str, language: &str) -> Vec<Range<usize>> {
        if self.is_empty() {
            return Vec::new();
        }
        let Some(mut folded) = analyzers::analyzer("folded") else {
            return Vec::new();
        };
        let (stemmer, stems) = match language {
            "es" => ("stem_es", &self.stem_es),
            "en" => ("stem_en", &self.stem_en),
            _ => ("", &self.stem_en),
        };
        let mut stemming = if stemmer.is_empty() || stems.is_empty() {
            None
        } else {
            let prefixes = stem_prefixes(stems);
            analyzers::analyzer(stemmer).map(|a| (a, prefixes))
        };
        let phrase_words: HashSet<&str> = self
            .phrases
            .iter()
            .flat_map(|p| p.folded.iter().map(|(_, w)| w.as_str()))
            .collect();
        // How a matching word can start: most words of a body are turned
        // away on their first two letters, before any copy or hashing.
        let mut openings = Openings::new(!self.fuzzy.is_empty());
        let prefixes = stemming.as_ref().map(|(_, p)| p.as_slice()).unwrap_or(&[]);
        for word in self
            .folded
            .iter()
            .chain(&self.cased)
            .map(String::as_str)
            .chain(phrase_words.iter().copied())
            .chain(prefixes.iter().map(String::as_str))
        {
            openings.add(word);
        }
        let mut ranges: Vec<Range<usize>> = Vec::new();
        // The tokens that are words of a phrase, with their positions.
        let mut phrase_tokens: Vec<Tok> = Vec::new();
        for_each_folded(text, &mut folded, &openings, |range, position, word| {
            if !openings.may_open(word.as_bytes()) {
                return;
            }
            if self.folded.contains(word)
                || (self.cased.contains(word) && capitalised(&text[range.clone()]))
                || self
                    .fuzzy
                    .iter()
                    .any(|(fuzzy, distance)| within_distance(fuzzy, word, *distance))
                || stemming.as_mut().is_some_and(|(analyzer, prefixes)| {
                    stems_to_one_of(analyzer, prefixes, stems, word, &text[range.clone()])
                })
            {
                ranges.push(range.clone());
            }
            if phrase_words.contains(word) {
                phrase_tokens.push(Tok {
                    text: word.to_string(),
                    capital: capitalised(&text[range.clone()]),
                    range,
                    position,
                });
            }
        });
        let mut cased_tokens: Option<Vec<Tok>> = None;
        for phrase in &self.phrases {
            let tokens = if phrase.cased {
                cased_tokens.get_or_insert_with(|| {
                    phrase_tokens
                        .iter()
                        .filter(|t| t.capital)
                        .cloned()
                        .collect()
                })
            } else {
                &phrase_tokens
            };
            ranges.extend(phrase_matches(tokens, &phrase.folded, phrase.slop));
        }
        ranges.sort_by_key(|r| (r.start, r.end));
        ranges.dedup();
        ranges
    }

    /// The best passage of `body` for this query.
    pub fn snippet(&self, body: &str, language: &str) -> Snippet {
        self.snippets(body, language, 1)
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    /// Up to `count` passages of `body`, best first, that do not overlap.
    /// Passages without a match are only returned when nothing matches (the
    /// opening of the article).
    pub fn snippets(&self, body: &str, language: &str, count: usize) -> Vec<Snippet> {
        let mut matches = self.matches(body, language);
        if matches.is_empty() {
            if let Some(fallback) = &self.fallback {
                matches = fallback.matches(body, language);
            }
        }
        let sentences = sentences(body);
        if sentences.is_empty() || count == 0 {
            return Vec::new();
        }
        // Score each sentence by distinct matched words, then by matches.
        // Both lists are in text order: one sweep pairs them.
        let mut next_match = 0;
        let mut scored: Vec<((usize, usize), usize)> = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                while matches.get(next_match).is_some_and(|m| m.start < s.start) {
                    next_match += 1;
                }
                let inside: Vec<&Range<usize>> = matches[next_match..]
                    .iter()
                    .take_while(|m| m.start < s.end)
                    .filter(|m| m.end <= s.end)
                    .collect();
                if inside.is_empty() {
                    return ((0, 0), i);
                }
                let distinct: HashSet<String> = inside
                    .iter()
                    .map(|m| crate::fold::fold(&body[(*m).clone()]))
                    .collect();
                ((distinct.len(), inside.len()), i)
            })
            .collect();
        // Best score first; among equals, the earlier sentence.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut used = vec![false; sentences.len()];
        let mut out = Vec::new();
        for (rank, (score, best)) in scored.into_iter().enumerate() {
            if out.len() == count || (rank > 0 && score.0 == 0) {
                break;
            }
            if used[best] {
                continue;
            }
            out.push(self.passage(body, &sentences, best, &matches, &mut used));
        }
        out
    }

    /// The passage around sentence `best`, marking the sentences it uses.
    fn passage(
        &self,
        body: &str,
        sentences: &[Range<usize>],
        best: usize,
        matches: &[Range<usize>],
        used: &mut [bool],
    ) -> Snippet {
        let mut range = sentences[best].clone();
        used[best] = true;
        // Short sentence: add the next ones while they fit in two lines.
        let mut next = best + 1;
        while range.len() < MAX_SNIPPET_BYTES / 2 && next < sentences.len() && !used[next] {
            if sentences[next].end - range.start > MAX_SNIPPET_BYTES {
                break;
            }
            range.end = sentences[next].end;
            used[next] = true;
            next += 1;
        }
        let mut prefix = "";
        let mut suffix = "";
        if range.len() > MAX_SNIPPET_BYTES {
            // Long sentence: a window around its first match, which it
            // never cuts (a window reaching the sentence's end is not cut
            // back to the word before: that dropped a last-word match).
            let (first, first_end) = matches
                .iter()
                .find(|m| m.start >= range.start && m.end <= range.end)
                .map_or((range.start, range.start), |m| (m.start, m.end));
            let start = if first - range.start > MAX_SNIPPET_BYTES / 3 {
                word_boundary_after(body, first.saturating_sub(MAX_SNIPPET_BYTES / 3)).min(first)
            } else {
                range.start
            };
            let window_end = (start + MAX_SNIPPET_BYTES).min(range.end);
            let end = if window_end == range.end {
                range.end
            } else {
                word_boundary_before(body, window_end, start).max(first_end)
            };
            if start > range.start {
                prefix = "…";
            }
            if end < range.end {
                suffix = "…";
            }
            range = start..end;
        }
        let mut text = String::with_capacity(range.len() + 8);
        text.push_str(prefix);
        let offset = text.len();
        let passage = &body[range.clone()];
        text.push_str(passage);
        let highlights = merge_adjacent(
            &text,
            matches
                .iter()
                .filter(|m| m.start >= range.start && m.end <= range.end)
                .map(|m| (m.start - range.start + offset)..(m.end - range.start + offset))
                .collect(),
        );
        text.push_str(suffix);
        // Paragraph breaks inside a snippet read as one line; a newline and
        // a space have the same byte length, so the ranges stay valid.
        let text = text.replace('\n', " ");
        Snippet { text, highlights }
    }
}

/// Joins highlighted words separated only by spaces (`<b>Osiris Luna</b>`).
fn merge_adjacent(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        if let Some(last) = merged.last_mut() {
            if r.start >= last.end
                && text[last.end..r.start].chars().all(|c| c == ' ')
                && r.start - last.end <= 1
            {
                last.end = r.end;
                continue;
            }
            if r.start < last.end {
                last.end = last.end.max(r.end);
                continue;
            }
        }
        merged.push(r);
    }
    merged
}

/// One token of a text: its analyzed form, byte range and position.
#[derive(Debug, Clone)]
struct Tok {
    text: String,
    range: Range<usize>,
    position: usize,
    /// Written with a capital, or not a letter (`18`).
    capital: bool,
}

fn analyze(analyzer: &str, text: &str) -> Vec<Tok> {
    let Some(mut a) = analyzers::analyzer(analyzer) else {
        return Vec::new();
    };
    let mut stream = a.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(Tok {
            text: token.text.clone(),
            capital: capitalised(&text[token.offset_from..token.offset_to]),
            range: token.offset_from..token.offset_to,
            position: token.position,
        });
    }
    out
}

/// The first letters of each wanted stem: a Snowball stem keeps the start
/// of its word (Porter2 only rewrites endings such as `y` → `i`), so a word
/// whose folded form does not start with them cannot stem to it, and is not
/// stemmed at all (stemming every word of every hit's body was most of a
/// search's time).
fn stem_prefixes(wanted: &HashSet<String>) -> Vec<String> {
    wanted
        .iter()
        .map(|w| {
            let chars = w.chars().count();
            let keep = if chars <= 2 {
                chars
            } else {
                (chars - 1).min(4)
            };
            w.chars().take(keep).collect::<String>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Calls `visit` with each token of `text` as the `folded` analyzer makes
/// it: byte range, position, folded text.
///
/// The same tokens as `folded.token_stream(text)` (runs of alphanumeric
/// characters; those of `analyzers::MAX_TOKEN_BYTES` or more dropped, their
/// position kept; lowercased and accent-folded), about five times faster on
/// news text: an ASCII word, most of them, is lowercased in a reused
/// buffer, and only the others go through the analyzer. Snippets fold
/// every word of ten bodies per search; the analyzer's chain of filters was
/// most of that time.
///
/// A word that `openings` can tell, from its first two bytes, no wanted
/// word starts like is skipped without being folded (its position still
/// counts).
fn for_each_folded(
    text: &str,
    folded: &mut tantivy::tokenizer::TextAnalyzer,
    openings: &Openings,
    mut visit: impl FnMut(Range<usize>, usize, &str),
) {
    let mut word = String::new();
    let mut emit = |range: Range<usize>, ascii: bool, position: usize| {
        if range.len() >= analyzers::MAX_TOKEN_BYTES {
            return;
        }
        let raw = &text[range.clone()];
        // Folding keeps ASCII letters (lowercased), so a word that starts
        // with them is judged on them before anything is folded: most
        // accented Spanish words (`policía`) never reach the analyzer.
        if !openings.may_open(raw.as_bytes()) {
            return;
        }
        if ascii {
            word.clear();
            word.push_str(raw);
            word.make_ascii_lowercase();
            visit(range, position, &word);
        } else {
            let mut stream = folded.token_stream(raw);
            if let Some(token) = stream.next() {
                visit(range, position, &token.text);
            }
        }
    };
    // A span of ASCII (`crate::spans`) is one word, skipped unless its
    // first letter may open a wanted word; a span with other bytes is
    // split where a character is not alphanumeric (`“`, `—`, `…`).
    let opens_first = openings.first_bytes();
    let bytes = text.as_bytes();
    let mut positions = Positions::default();
    crate::spans::for_each_span(bytes, |span, outside| {
        if outside {
            split_span(text, span, &mut positions, &mut emit);
        } else {
            let position = positions.take(bytes, &span);
            if opens_first[usize::from(bytes[span.start])] != 0 {
                emit(span, true, position);
            }
        }
    });
}

/// Word positions as the `folded` analyzer counts them: one a word, and
/// `analyzers::PARAGRAPH_GAP` more after a paragraph break, so a phrase is
/// highlighted only where the index matched it.
#[derive(Default)]
struct Positions {
    next: usize,
    /// Where the previous word ended.
    previous_end: Option<usize>,
}

impl Positions {
    /// The position of the word at `word` of `text`, the word after the
    /// previous one given.
    #[inline(always)]
    fn take(&mut self, text: &[u8], word: &Range<usize>) -> usize {
        if let Some(end) = self.previous_end {
            if analyzers::ends_paragraph(&text[end..word.start]) {
                self.next += analyzers::PARAGRAPH_GAP;
            }
        }
        self.previous_end = Some(word.end);
        self.next += 1;
        self.next - 1
    }
}

/// Emits the words of `span` (ASCII letters and digits and characters
/// outside ASCII), counting their positions: all of it if it is ASCII,
/// else its runs of alphanumeric characters.
fn split_span(
    text: &str,
    span: Range<usize>,
    positions: &mut Positions,
    emit: &mut impl FnMut(Range<usize>, bool, usize),
) {
    let part = &text[span.clone()];
    if part.is_ascii() {
        let position = positions.take(text.as_bytes(), &span);
        emit(span, true, position);
        return;
    }
    let mut word_start = None;
    for (offset, c) in part.char_indices() {
        let at = span.start + offset;
        if c.is_ascii() || is_alphanumeric(c) {
            word_start.get_or_insert(at);
        } else if let Some(from) = word_start.take() {
            let position = positions.take(text.as_bytes(), &(from..at));
            emit(from..at, text[from..at].is_ascii(), position);
        }
    }
    if let Some(from) = word_start {
        let position = positions.take(text.as_bytes(), &(from..span.end));
        emit(from..span.end, text[from..span.end].is_ascii(), position);
    }
}

/// The first two bytes (lowercased) of the folded words a search looks
/// for, or of their stems' prefixes: a word of a body that opens otherwise
/// cannot match, and is not folded or hashed. Tested on the first two
/// letters, not one, because a body's words share first letters: with
/// `Luna` wanted, one word in ten starts with `l` (`la`, `los`, `le`), far
/// fewer with `lu`.
struct Openings {
    /// Nothing is turned away (fuzzy terms can match any word).
    all: bool,
    first: [bool; 256],
    /// One bit per pair of bytes.
    pairs: Vec<u64>,
}

impl Openings {
    fn new(all: bool) -> Self {
        Openings {
            all,
            first: [false; 256],
            pairs: vec![0; 1 << 10],
        }
    }

    fn set_pair(&mut self, a: u8, b: u8) {
        let bit = (usize::from(a) << 8) | usize::from(b);
        self.pairs[bit >> 6] |= 1 << (bit & 63);
    }

    /// Lets through the words whose folded form starts as `word` does.
    fn add(&mut self, word: &str) {
        match *word.as_bytes() {
            [] => {}
            [a] => {
                self.first[usize::from(a)] = true;
                for b in 0..=u8::MAX {
                    self.set_pair(a, b);
                }
            }
            [a, b, ..] => {
                self.first[usize::from(a)] = true;
                self.set_pair(a, b);
            }
        }
    }

    /// 1 for each byte a word may start with to open a wanted word: the
    /// added words' first letters in either case, and every byte outside
    /// ASCII (which can fold to anything).
    fn first_bytes(&self) -> [u8; 256] {
        let mut table = [0u8; 256];
        for (b, slot) in table.iter_mut().enumerate() {
            let byte = b as u8;
            *slot = u8::from(
                self.all || !byte.is_ascii() || self.first[usize::from(byte.to_ascii_lowercase())],
            );
        }
        table
    }

    /// False only if a word whose first bytes are `word`'s, folded, starts
    /// like no added word. A byte outside ASCII among the first two can
    /// fold to anything, so it is let through.
    fn may_open(&self, word: &[u8]) -> bool {
        if self.all {
            return true;
        }
        match *word {
            [] => false,
            [a, ..] if !a.is_ascii() => true,
            [a] => self.first[usize::from(a.to_ascii_lowercase())],
            [a, b, ..] => {
                let a = a.to_ascii_lowercase();
                if !self.first[usize::from(a)] {
                    return false;
                }
                if !b.is_ascii() {
                    return true;
                }
                let bit = (usize::from(a) << 8) | usize::from(b.to_ascii_lowercase());
                self.pairs[bit >> 6] & (1 << (bit & 63)) != 0
            }
        }
    }
}

/// `char::is_alphanumeric`, the tokenizer's test, answered without the
/// Unicode tables for the accented Latin letters of Spanish text: every
/// character from U+00C0 to U+024F is a letter but `×` and `÷`.
fn is_alphanumeric(c: char) -> bool {
    if ('\u{C0}'..='\u{24F}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        c.is_alphanumeric()
    }
}

/// True if `original` (whose folded form is `folded`) stems to one of `stems`.
fn stems_to_one_of(
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    prefixes: &[String],
    stems: &HashSet<String>,
    folded: &str,
    original: &str,
) -> bool {
    if !prefixes.iter().any(|p| folded.starts_with(p.as_str())) {
        return false;
    }
    let mut stream = analyzer.token_stream(original);
    stream.next().is_some_and(|t| stems.contains(&t.text))
}

/// Whether a word of an article is written as a name is: its first
/// character a capital, or no letter (`18`, `13`).
fn capitalised(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// Whether a word typed in a query is one function word.
fn is_function_word_typed(word: &str) -> bool {
    let tokens = token_set("folded", word);
    tokens.len() == 1 && tokens.iter().all(|t| is_function_word(t))
}

fn in_body(scope: Scope) -> bool {
    matches!(scope, Scope::Default | Scope::Body)
}

/// The byte ranges of the words of `text` that take part in a match of
/// `phrase` with `slop`, as tantivy's phrase scorer counts it: the sum, over
/// consecutive phrase words, of how far each word is from where the exact
/// phrase would put it is at most `slop`.
fn phrase_matches(text: &[Tok], phrase: &[(usize, String)], slop: u32) -> Vec<Range<usize>> {
    let mut positions: Vec<Vec<usize>> = Vec::with_capacity(phrase.len());
    for (_, word) in phrase {
        let at: Vec<usize> = text
            .iter()
            .enumerate()
            .filter(|(_, t)| &t.text == word)
            .map(|(i, _)| i)
            .collect();
        if at.is_empty() {
            return Vec::new();
        }
        positions.push(at);
    }
    let mut out = Vec::new();
    let mut chosen = Vec::with_capacity(phrase.len());
    for &first in &positions[0] {
        chosen.clear();
        chosen.push(first);
        if extend_phrase(text, phrase, &positions, slop as i64, &mut chosen) {
            out.extend(chosen.iter().map(|&i| text[i].range.clone()));
        }
    }
    out
}

fn extend_phrase(
    text: &[Tok],
    phrase: &[(usize, String)],
    positions: &[Vec<usize>],
    budget: i64,
    chosen: &mut Vec<usize>,
) -> bool {
    let k = chosen.len();
    if k == phrase.len() {
        return true;
    }
    let last = chosen[k - 1];
    let previous = text[last].position as i64 - phrase[k - 1].0 as i64;
    // Token positions grow with the index in `text`, so the occurrences
    // of the next word within the budget are one run of the sorted list:
    // found by binary search, not by a scan of every occurrence (a phrase
    // with "of" in it met hundreds per article, for each first word).
    let offset = phrase[k].0 as i64;
    let adjusted = |i: usize| text[i].position as i64 - offset;
    let list = &positions[k];
    let first = list.partition_point(|&i| adjusted(i) < previous - budget);
    let mut candidates: Vec<(i64, usize)> = list[first..]
        .iter()
        .take_while(|&&i| adjusted(i) <= previous + budget)
        .filter(|&&i| !chosen.contains(&i))
        .map(|&i| ((adjusted(i) - previous).abs(), i))
        .collect();
    candidates.sort();
    for (cost, i) in candidates {
        chosen.push(i);
        if extend_phrase(text, phrase, positions, budget - cost, chosen) {
            return true;
        }
        chosen.pop();
    }
    false
}

/// True if `b` is within `distance` edits of `a` (insertions, deletions,
/// substitutions and adjacent transpositions, as tantivy's fuzzy query
/// counts them).
fn within_distance(a: &[char], b: &str, distance: u8) -> bool {
    let b: Vec<char> = b.chars().collect();
    let d = usize::from(distance);
    if a.len().abs_diff(b.len()) > d {
        return false;
    }
    let (n, m) = (a.len(), b.len());
    let mut table = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in table.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in table[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (table[i - 1][j] + 1)
                .min(table[i][j - 1] + 1)
                .min(table[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(table[i - 2][j - 2] + 1);
            }
            table[i][j] = best;
        }
    }
    table[n][m] <= d
}

/// Byte ranges of the sentences of `text` (trimmed), split after `.`, `?`,
/// `!` followed by whitespace, and at line breaks.
/// The sentences of `text`: cut after `.`, `?` or `!` followed by a space
/// (or the end), and at each line break; trimmed, empty ones left out.
///
/// Every body shown is cut into sentences, so the cuts are found with
/// `memchr` (vectorized) rather than a test per byte: that loop was a
/// twentieth of a whole search process's time.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut at = 0;
    // `!` is the fourth byte: memchr looks for three at a time.
    let mut next_bang = memchr::memchr(b'!', bytes);
    while at < bytes.len() {
        let found = memchr::memchr3(b'\n', b'.', b'?', &bytes[at..]).map(|i| at + i);
        if next_bang.is_some_and(|b| b < at) {
            next_bang = memchr::memchr(b'!', &bytes[at..]).map(|i| at + i);
        }
        let Some(i) = [found, next_bang].into_iter().flatten().min() else {
            break;
        };
        let end_here = if bytes[i] == b'\n' {
            Some(i)
        } else if bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) {
            Some(i + 1)
        } else {
            None
        };
        if let Some(end) = end_here {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
        at = i + 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push((start + lead)..(end - trail));
    }
}

fn word_boundary_after(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    match text[at..].find(' ') {
        Some(space) if space < 40 => at + space + 1,
        _ => at,
    }
}

fn word_boundary_before(text: &str, mut at: usize, floor: usize) -> usize {
    while at > floor && !text.is_char_boundary(at) {
        at -= 1;
    }
    match text[floor..at].rfind(' ') {
        Some(space) if at - (floor + space) < 40 => floor + space,
        _ => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latin_shortcut_agrees_with_the_unicode_tables() {
        for c in ('\u{0}'..='\u{2FF}').chain(['東', '١', '🎉', '\u{a0}']) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn the_fast_fold_gives_the_analyzers_tokens() {
        let long = "x".repeat(59) + " " + &"y".repeat(60) + " " + &"é".repeat(30);
        let texts = [
            "Carlos Marroquín, SUREÑOS y la MS13: ¿pandillas? Año 2019-2020.",
            "Policía capturó a Sureños en ÉPOCA de crisis; Élite, Ícono, señal, Ça.",
            "ÆTHER straße İstanbul Ǆungla naïve café 3½ x² ١٢٣ 東京 emoji 🎉 end",
            "  leading and trailing punctuation... \n\t(brackets) [x] {y} 'quotes' \u{a0}nbsp",
            long.as_str(),
            "",
            "é",
            "a",
        ];
        let mut analyzer = analyzers::analyzer("folded").unwrap();
        for text in texts {
            let mut expected = Vec::new();
            {
                let mut stream = analyzer.token_stream(text);
                while let Some(t) = stream.next() {
                    expected.push((t.offset_from..t.offset_to, t.position, t.text.clone()));
                }
            }
            let mut fast = Vec::new();
            for_each_folded(
                text,
                &mut analyzer,
                &Openings::new(true),
                |range, position, word| {
                    fast.push((range, position, word.to_string()));
                },
            );
            assert_eq!(fast, expected, "{text}");

            // With openings, exactly the analyzer's tokens whose folded
            // form starts with one, whatever the rest of the word holds.
            for wanted in [
                &["c"][..],
                &["su", "ep"],
                &["po", "x"],
                &["an", "ae"],
                &["el", "ic"],
                &["ic", "ca"],
                &["is"],
                &["yy"],
                &["3"],
                &["ca", "na"],
                &["ss", "st"],
            ] {
                let mut openings = Openings::new(false);
                for w in wanted {
                    openings.add(w);
                }
                let opens = |w: &str| wanted.iter().any(|o| w.starts_with(o));
                let filtered: Vec<_> = expected
                    .iter()
                    .filter(|(_, _, w)| opens(w))
                    .cloned()
                    .collect();
                let mut fast = Vec::new();
                for_each_folded(text, &mut analyzer, &openings, |range, position, word| {
                    if opens(word) {
                        fast.push((range, position, word.to_string()));
                    }
                });
                assert_eq!(fast, filtered, "{text}, openings {wanted:?}");
            }
        }
    }

    #[test]
    fn the_fast_fold_agrees_on_random_texts_across_chunks() {
        // Texts of up to a few hundred bytes, so words straddle the 64-byte
        // chunks, from letters, digits, accents, punctuation inside and
        // outside ASCII, and a very long word now and then.
        let pieces = [
            "a", "Z", "9", "q", " ", " ", ".", "\n", "é", "Ñ", "—", "“", "東", "½", "’", "x²", "ß",
        ];
        let mut rng = crate::test_rng::Rng(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| rng.below(n);
        let mut analyzer = analyzers::analyzer("folded").unwrap();
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..next(260) {
                if next(200) == 0 {
                    text.push_str(&"w".repeat(60 + next(10)));
                } else {
                    text.push_str(pieces[next(pieces.len())]);
                }
            }
            let mut expected = Vec::new();
            {
                let mut stream = analyzer.token_stream(&text);
                while let Some(t) = stream.next() {
                    expected.push((t.offset_from..t.offset_to, t.position, t.text.clone()));
                }
            }
            let mut fast = Vec::new();
            for_each_folded(&text, &mut analyzer, &Openings::new(true), |r, p, w| {
                fast.push((r, p, w.to_string()));
            });
            assert_eq!(fast, expected, "{text:?}");
            let mut openings = Openings::new(false);
            openings.add("aq");
            openings.add("e");
            let opens = |w: &str| w.starts_with("aq") || w.starts_with('e');
            let mut fast = Vec::new();
            for_each_folded(&text, &mut analyzer, &openings, |r, p, w| {
                if opens(w) {
                    fast.push((r, p, w.to_string()));
                }
            });
            let filtered: Vec<_> = expected.into_iter().filter(|(_, _, w)| opens(w)).collect();
            assert_eq!(fast, filtered, "{text:?}");
        }
    }

    fn words(q: &str) -> Vec<String> {
        q.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn highlights_exact_accentless_and_stemmed_matches() {
        let h = Highlighter::new(&words("marroquin pandillas"));
        let body = "Carlos Marroquín habló con la pandilla. Otra frase sin nada.";
        let s = h.snippet(body, "es");
        assert_eq!(
            s.to_html(),
            "Carlos <b>Marroquín</b> habló con la <b>pandilla</b>. Otra frase sin nada."
        );
    }

    #[test]
    fn sentences_are_cut_where_a_byte_by_byte_scan_cuts_them() {
        fn reference(text: &str) -> Vec<Range<usize>> {
            let mut out = Vec::new();
            let mut start = 0;
            let bytes = text.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                let end_here = match b {
                    b'\n' => Some(i),
                    b'.' | b'?' | b'!' => bytes
                        .get(i + 1)
                        .is_none_or(|n| n.is_ascii_whitespace())
                        .then_some(i + 1),
                    _ => None,
                };
                if let Some(end) = end_here {
                    push_trimmed(text, start, end, &mut out);
                    start = end;
                }
            }
            push_trimmed(text, start, text.len(), &mut out);
            out
        }
        let texts = [
            "",
            "!",
            "No stop",
            "¡Alto! ¿Qué pasó? Nada.\n\nOtra línea!Sin espacio. 3.5 millones... ¿Sí?!",
            "Wait!! Really?! Yes.\nNext line\n\n  spaced .  out ! ",
            "Fin de año. ¡Tregua!\r\nCRLF line? x.y! z",
        ];
        for text in texts {
            assert_eq!(sentences(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn picks_the_sentence_with_most_distinct_matches() {
        let h = Highlighter::new(&words("osiris luna prisons"));
        let body = "Luna rose tonight.\n\nThe prisons were opened by Osiris Luna, the director of prisons. Then more.";
        let s = h.snippet(body, "en");
        assert!(s.text.starts_with("The prisons"), "{}", s.text);
        assert!(
            s.to_html().contains("<b>Osiris Luna</b>"),
            "{}",
            s.to_html()
        );
    }

    #[test]
    fn long_sentences_are_cut_around_the_match() {
        let h = Highlighter::new(&words("needle"));
        let body = format!("{} needle {}", "hay ".repeat(200), "straw ".repeat(200));
        let s = h.snippet(&body, "en");
        assert!(s.text.len() <= MAX_SNIPPET_BYTES + 8, "{}", s.text.len());
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert!(s.to_html().contains("<b>needle</b>"));
    }

    #[test]
    fn a_long_sentence_keeps_its_last_word_when_that_is_the_match() {
        let h = Highlighter::new(&words("pandillas"));
        let body = format!(
            "Por tercer día consecutivo, {}por temor a represalias de las pandillas.\n\nDesde el lunes, nada.",
            "miles de personas caminaron kilómetros ".repeat(6)
        );
        let s = h.snippet(&body, "es");
        assert!(s.to_html().contains("<b>pandillas</b>"), "{}", s.to_html());
        assert!(s.text.len() <= MAX_SNIPPET_BYTES + 8, "{}", s.text.len());
        // And a match just past the window's cut is not cut off either.
        for gap in 0..60 {
            let body = format!(
                "{}{} pandillas {}",
                "hay ".repeat(30),
                "x".repeat(gap),
                "paja ".repeat(60)
            );
            let s = h.snippet(&body, "es");
            assert!(
                s.to_html().contains("<b>pandillas</b>"),
                "{gap}: {}",
                s.to_html()
            );
        }
    }

    fn for_query(q: &str, exact: bool) -> Highlighter {
        Highlighter::for_query(&crate::search::query::parse(q).unwrap(), exact, &[])
    }

    /// The highlighter a search builds for `q`: registry names marked and
    /// spellings added first, as `search::prepare` does.
    fn for_search(q: &str) -> Highlighter {
        let mut parsed = crate::search::query::parse(q).unwrap();
        let schema = crate::schema::Schema::embedded().unwrap();
        let mut names = Vec::new();
        if let Some(root) = parsed.root.as_mut() {
            names = crate::search::names::mark_names(root, &schema);
            crate::search::variants::add_spellings(root);
        }
        Highlighter::for_query(&parsed, false, &names)
    }

    /// The marked words of `text` for the search `q`.
    fn marked<'a>(q: &str, text: &'a str, language: &str) -> Vec<&'a str> {
        for_search(q)
            .matches(text, language)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn a_word_the_tokenizer_splits_is_marked_only_whole() {
        // Marked token by token, "MS-13" lit every loose "MS" and "13", and
        // "O'Neill" the "O" of "O'Brien" (QA pass 11, finding 7).
        let es = "El 18 de marzo la policía capturó a 13 miembros del Barrio 18 y de la MS-13 \
                  en el barrio San Jacinto; usaban MS Teams y el bus 13.";
        for q in ["MS-13", "MS13", "\"MS 13\""] {
            assert_eq!(marked(q, es, "es"), ["MS", "13"], "{q}");
        }
        let en = "The envoy O'Brien spoke with O’Neill; Bukele’s aides and the gang’s leaders \
                  were named.";
        assert_eq!(marked("O'Neill", en, "en"), ["O", "Neill"]);
        assert_eq!(marked("Bukele's", en, "en"), ["Bukele", "s"]);
        // A word of one token keeps its stemmed forms.
        assert_eq!(marked("leader", en, "en"), ["leaders"]);
    }

    #[test]
    fn a_registry_name_typed_bare_is_marked_where_it_stands_whole() {
        // "Barrio 18" typed bare marked the date's "18" and the lowercase
        // "barrio" of a neighbourhood.
        let es = "El 18 de marzo la policía capturó a 13 miembros del Barrio 18 y de la MS-13 \
                  en el barrio San Jacinto.";
        assert_eq!(marked("Barrio 18", es, "es"), ["Barrio", "18"]);
        assert_eq!(marked("\"Barrio 18\"", es, "es"), ["Barrio", "18"]);
        let en = "On Monday Osiris Luna said the moon (la luna) and Osiris were unrelated.";
        assert_eq!(marked("Osiris Luna", en, "en"), ["Osiris", "Luna"]);
        // A name beside other words: the name whole, the others alone; a
        // surname typed alone is still marked alone.
        assert_eq!(
            marked(
                "Osiris Luna prisons",
                "Osiris Luna ran the prisons; Luna left.",
                "en"
            ),
            ["Osiris", "Luna", "prisons"]
        );
        assert_eq!(
            marked(
                "Osiris Luna Bukele",
                "Osiris Luna met Bukele. Luna left.",
                "en"
            ),
            ["Osiris", "Luna", "Bukele"]
        );
    }

    #[test]
    fn a_lowercase_neighbourhood_is_not_marked_as_the_gang() {
        // QA pass 13, C3: "barrio 18" in lowercase is a neighbourhood, and
        // the tagger says so; it was marked as the name.
        let es = "Los vecinos del barrio 18 de la colonia Escalón pidieron alumbrado. El \
                  barrio tiene 18 calles sin luz.";
        assert!(marked("Barrio 18", es, "es").is_empty());
        let gang = "Detuvieron a miembros del Barrio 18 en el barrio 18 de Soyapango.";
        assert_eq!(marked("Barrio 18", gang, "es"), ["Barrio", "18"]);
        // A phrase typed in quotes is no registry name: any case.
        assert_eq!(marked("\"barrio 18\"", es, "es"), ["barrio", "18"]);
    }

    #[test]
    fn function_words_are_marked_only_inside_the_words_typed_with_them() {
        // QA pass 13, C2: every "de" of a snippet was marked, and the mark of
        // the phrase ran on into the next one.
        let es = "La Asamblea aprobó en la madrugada de este domingo un régimen de excepción \
                  de 30 días, después de que la excepción fuera pedida.";
        assert_eq!(
            marked("régimen de excepción", es, "es"),
            ["régimen", "de", "excepción", "excepción"]
        );
        let html = for_search("régimen de excepción")
            .snippet(es, "es")
            .to_html();
        assert!(html.contains("<b>régimen de excepción</b> de 30"), "{html}");
        // Typed alone, a function word is the query.
        assert_eq!(marked("de", "uno de dos", "es"), ["de"]);
    }

    #[test]
    fn a_name_written_another_way_shows_the_passage_naming_it() {
        // QA pass 13, C1: the snippet fell back to the opening dateline.
        let body = "SAN SALVADOR. — Según la Fiscalía, el director se reunió con cabecillas \
                    en el penal.\n\nLas visitas no quedaron registradas.\n\nEl funcionario, \
                    Carlos Amílcar Marroquín, lo niega.";
        let html = for_search("Carlos Marroquín").snippet(body, "es").to_html();
        assert_eq!(
            html,
            "El funcionario, <b>Carlos</b> Amílcar <b>Marroquín</b>, lo niega."
        );
        let body = "SAN SALVADOR, 15 de abril de 2022. — La policía capturó a 30 personas.\n\n\
                    Entre los detenidos hay miembros del Barrio 18; uno dijo ser de los Sureños.";
        let html = for_search("Barrio 18 Sureños")
            .snippet(body, "es")
            .to_html();
        assert!(html.starts_with("Entre los detenidos"), "{html}");
        assert!(html.contains("<b>Sureños</b>"), "{html}");
    }

    #[test]
    fn phrases_are_highlighted_only_where_they_match_as_phrases() {
        let h = for_query("\"osiris luna\"", false);
        let body = "Luna rose. Osiris said no. The director Osiris Luna spoke.";
        let html: Vec<String> = h
            .snippets(body, "en", 5)
            .iter()
            .map(Snippet::to_html)
            .collect();
        assert!(
            html.iter().any(|s| s.contains("<b>Osiris Luna</b>")),
            "{html:?}"
        );
        assert!(
            html.iter()
                .all(|s| !s.contains("<b>Luna</b>") && !s.contains("<b>Osiris</b>")),
            "{html:?}"
        );
    }

    #[test]
    fn a_phrase_is_not_highlighted_across_paragraphs() {
        let h = for_query("\"osiris luna\"", false);
        let cells = "Osiris\n\nLuna\n\nMS13";
        assert_eq!(h.matches(cells, "en"), Vec::<Range<usize>>::new());
        // Within a slop as large as the gap, it crosses.
        let h = for_query(
            &format!("\"osiris luna\"~{}", analyzers::PARAGRAPH_GAP),
            false,
        );
        assert_eq!(h.matches(cells, "en"), [0..6, 8..12]);
    }

    #[test]
    fn a_phrase_with_a_common_word_is_found_among_many_of_its_occurrences() {
        let h = for_query("\"state of exception\"", false);
        let filler = "The state of the prisons and the fate of many of the inmates. ";
        let mut body = filler.repeat(200);
        body.push_str("Under the state of exception, arrests rose. ");
        body.push_str(&filler.repeat(200));
        body.push_str("A state of exception again.");
        let matches = h.matches(&body, "en");
        let words: Vec<&str> = matches.iter().map(|r| &body[r.clone()]).collect();
        assert_eq!(
            words,
            ["state", "of", "exception", "state", "of", "exception"],
            "{matches:?}"
        );
    }

    #[test]
    fn proximity_highlights_words_within_the_slop() {
        let h = for_query("\"luna prisons\"~3", false);
        let far = "Luna spoke at length about many other things before the prisons came up.";
        assert!(h.matches(far, "en").is_empty());
        let near = "Luna ordered the prisons closed.";
        assert_eq!(h.matches(near, "en").len(), 2);
        // Reversed order within the slop matches too, as in tantivy.
        let reversed = "The prisons, Luna said.";
        assert_eq!(h.matches(reversed, "en").len(), 2);
    }

    #[test]
    fn fuzzy_terms_highlight_close_spellings() {
        let h = for_query("Marroquim~1", false);
        let s = h.snippet("Carlos Marroquín met Marroquinn and Morales.", "es");
        assert_eq!(
            s.to_html(),
            "Carlos <b>Marroquín</b> met Marroquinn and Morales."
        );
        assert!(
            within_distance(&['a', 'b'], "ba", 1),
            "transposition costs one"
        );
    }

    #[test]
    fn exact_queries_do_not_highlight_stemmed_forms_and_negations_nothing() {
        let h = for_query("pandillas -tregua", true);
        let s = h.snippet("La pandilla y las pandillas rompieron la tregua.", "es");
        assert_eq!(
            s.to_html(),
            "La pandilla y las <b>pandillas</b> rompieron la tregua."
        );
        let h = for_query("title:pandillas", false);
        assert!(h.is_empty());
    }

    #[test]
    fn context_snippets_do_not_overlap_and_come_best_first() {
        let h = for_query("needle", false);
        let filler =
            "Nothing to see in this sentence at all, it is long enough to stand alone here. ";
        let body = format!(
            "{f}One needle here.{f}{f}{f}Two needle and needle again.{f}{f}{f}",
            f = filler.repeat(2)
        );
        let snippets = h.snippets(&body, "en", 3);
        assert_eq!(snippets.len(), 2, "{snippets:?}");
        assert!(snippets[0].text.contains("Two needle"));
        assert!(snippets[1].text.contains("One needle"));
    }

    #[test]
    fn html_is_escaped() {
        let s = Snippet {
            text: "a <script> & b".into(),
            highlights: vec![std::ops::Range { start: 0, end: 1 }],
        };
        assert_eq!(s.to_html(), "<b>a</b> &lt;script&gt; &amp; b");
    }
}
