//! Prepared furniture rules: the lists of [`FurnitureRules`] lowercased and
//! compiled (Aho-Corasick) once, with the matching helpers shared by the HTML
//! and text paths. `normalize` caches the prepared rules per thread.

use aho_corasick::AhoCorasick;

use super::text::whitespace_at;
use super::FurnitureRules;

/// Lowercased copies of the rule lists, with matching helpers.
#[derive(Debug, Default)]
pub struct Prepared {
    /// Related and closing headings.
    related: Vec<String>,
    closing: Vec<String>,
    about: Vec<String>,
    drop_prefixes: Vec<String>,
    /// Length in characters of the longest drop prefix.
    drop_prefix_chars: usize,
    end_lines: Vec<String>,
    /// Length in characters of the longest end line.
    end_line_chars: usize,
    appeals: Option<AhoCorasick>,
    /// Fragments longer than three letters, matched anywhere.
    class_long: Option<AhoCorasick>,
    content_fragments: Option<AhoCorasick>,
    /// Navigation words glued in front of scraped headlines.
    pub breadcrumb_words: Vec<String>,
    updated_labels: Vec<String>,
    published_labels: Vec<String>,
    date_line_labels: Vec<String>,
    byline_prefixes: Vec<String>,
    prose_furniture: Option<AhoCorasick>,
    faq_headings: Vec<String>,
    other_items: Option<AhoCorasick>,
    dateline_classes: Option<AhoCorasick>,
    /// "Originally published", matched with ASCII case aside.
    first_published: Option<AhoCorasick>,
    /// Each label's longest word but its first letter ("riginally"): the
    /// quick test before `first_published`, a SIMD search (Teddy) where the
    /// processor has one.
    first_published_tails: Option<Tails>,
    /// Bytes in the shortest label: a shorter text cannot hold one.
    first_published_min_len: usize,
    first_published_subjects: Vec<String>,
    first_published_verbs: Vec<String>,
    teaser_labels: Vec<String>,
    /// Class/id words matched whole ("autor", "bio").
    class_words: Vec<String>,
    copy_labels: Vec<String>,
    today_labels: Vec<String>,
    header_keys: Vec<String>,
    url_keys: Vec<String>,
    generic_titles: Vec<String>,
    release_marks: Vec<String>,
}

/// What the words just before a date shown on a page call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLabel {
    /// "Published", "Posted", "Publicado".
    Published,
    /// "Updated", "Last modified", "Actualizado": a later change.
    Updated,
    /// No label: a byline date, a dateline.
    Plain,
}

/// The byte offset of the last occurrence of `word` in `text` as a whole
/// word that is not a credit ("Edited by", "Revisado por").
fn rfind_label(text: &str, word: &str) -> Option<usize> {
    let mut end = text.len();
    while let Some(pos) = text[..end].rfind(word) {
        let rest = &text[pos + word.len()..];
        let next_word = rest
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty());
        let credit = matches!(next_word, Some("by" | "por"));
        if whole_word_at(text, pos, pos + word.len()) && !credit {
            return Some(pos);
        }
        end = pos;
    }
    None
}

/// Characters that end a statement: a sentence's end, a separator
/// between two items of a byline.
fn ends_statement(c: char) -> bool {
    matches!(c, '!' | '?' | '|' | ';' | '·' | '•' | '\n')
}

/// The words of `before` since its last sentence or item ended.
fn sentence_so_far(before: &str) -> &str {
    let start = before
        .char_indices()
        .rev()
        .find(|&(i, c)| ends_statement(c) || c == ':' || full_stop_at(before, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[start..]
}

/// `text` up to the end of its first sentence or item, and at most
/// [`STATEMENT_BYTES`] long.
fn sentence_rest(text: &str) -> &str {
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        if i >= STATEMENT_BYTES || ends_statement(c) || full_stop_at(text, i, c) {
            end = i;
            break;
        }
    }
    &text[..end]
}

/// The longest statement of a first publication read: the date comes in
/// its first words, after at most a venue ("in JMIR mHealth and uHealth").
const STATEMENT_BYTES: usize = 160;

/// Whether the `c` at byte `i` of `text` is a full stop: a period followed
/// by a space, not after an abbreviation ("Sep. 26", "Dr. Ruiz") nor inside
/// a number or a host name.
fn full_stop_at(text: &str, i: usize, c: char) -> bool {
    if c != '.' || !text[i + 1..].starts_with(char::is_whitespace) {
        return false;
    }
    let word = text[..i]
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    !(word.chars().all(char::is_alphabetic) && (1..=4).contains(&word.chars().count()))
}

/// Whether `text[start..end]` is whole words: no letter or digit touches
/// it on either side.
fn whole_word_at(text: &str, start: usize, end: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
        && text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// The byte offset of the first occurrence of `word` in `text` as a whole
/// word.
fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word)
        .map(|(at, _)| at)
        .find(|&at| whole_word_at(text, at, at + word.len()))
}

/// Case-sensitive words searched in every text node of a page. Their first
/// bytes are common letters, so the automaton's prefilter (their start
/// bytes) stops at almost every word; Teddy compares fingerprints of the
/// first three bytes sixteen or thirty-two bytes at a time.
#[derive(Debug)]
enum Tails {
    Packed(aho_corasick::packed::Searcher),
    Automaton(AhoCorasick),
}

impl Tails {
    fn new(patterns: impl Iterator<Item = String>) -> Option<Tails> {
        let patterns: Vec<String> = patterns.collect();
        if patterns.is_empty() {
            return None;
        }
        match aho_corasick::packed::Searcher::new(patterns.iter()) {
            Some(packed) => Some(Tails::Packed(packed)),
            None => automaton(patterns.into_iter()).map(Tails::Automaton),
        }
    }

    fn is_match(&self, text: &str) -> bool {
        match self {
            Tails::Packed(packed) => packed.find(text).is_some(),
            Tails::Automaton(automaton) => automaton.is_match(text),
        }
    }
}

fn automaton(patterns: impl Iterator<Item = String>) -> Option<AhoCorasick> {
    let patterns: Vec<String> = patterns.collect();
    if patterns.is_empty() {
        return None;
    }
    AhoCorasick::new(patterns).ok()
}

/// Whether a class/id value holds one of the fragments of `automaton`
/// (matched anywhere, case aside).
fn class_matches(automaton: &Option<AhoCorasick>, value: &str) -> bool {
    !value.is_empty()
        && automaton
            .as_ref()
            .is_some_and(|a| a.is_match(&value.to_lowercase()))
}

/// Whether lowercasing `text` would change a character outside ASCII.
fn has_non_ascii_capital(text: &str) -> bool {
    !text.is_ascii()
        && text
            .chars()
            .filter(|c| !c.is_ascii())
            .any(|c| c.to_lowercase().ne(std::iter::once(c)))
}

fn lower(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Lowercases and trims a line for matching, dropping trailing colons.
pub fn key(line: &str) -> String {
    let l = line.trim().to_lowercase();
    l.trim_end_matches([':', '.', ' ', '»', '›', '>'])
        .trim_start_matches(['#', '»', '›', '>', '-', '–', '—', ' '])
        .to_string()
}

/// Bytes beyond which an appeal's text is counted before it is searched
/// (sixty words of news prose take about 400).
const LONG_APPEAL_BYTES: usize = 1000;

/// Most words of a byline line.
const BYLINE_MAX_WORDS: usize = 10;

/// Whether `line` has more than `n` words (whitespace-separated) with a
/// letter or digit, counting no further than that: these checks run on
/// every block of a page, most of them paragraphs.
fn more_words_than(line: &str, n: usize) -> bool {
    line.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .nth(n)
        .is_some()
}

/// Whether `text` has more than `n` whitespace-separated words, counting
/// no further than that: the count of `split_whitespace`, without its
/// iterator, which was most of a scrape's line checks.
fn more_words_than_any(text: &str, n: usize) -> bool {
    let mut words = 0;
    let mut in_word = false;
    let mut at = 0;
    while let Some((space, len)) = whitespace_at(text, at) {
        if !space && !in_word {
            words += 1;
            if words > n {
                return true;
            }
        }
        in_word = !space;
        at += len;
    }
    false
}

/// The first `chars` characters of `line` and the one after them,
/// lowercased: enough to test a prefix of that many characters and the
/// word boundary after it, without lowercasing whole paragraphs.
fn lowercase_start(line: &str, chars: usize) -> String {
    let end = line
        .char_indices()
        .nth(chars + 1)
        .map_or(line.len(), |(i, _)| i);
    line[..end].to_lowercase()
}

/// `line` past the symbols and emoji in front of its first word: "📲 Únete
/// a nuestro canal" reads "Únete a nuestro canal". Punctuation that opens
/// a sentence ("¿", "¡", quotes) stays.
fn skip_leading_symbols(line: &str) -> &str {
    line.trim_start_matches(|c: char| {
        c.is_whitespace()
            || (!c.is_alphanumeric() && c > '\u{2000}' && !"“‘«".contains(c))
            || matches!(c, '\u{fe0f}' | '\u{200d}')
    })
}

/// Whether a short line is one of `headings` or starts with one.
fn heading_in(line: &str, headings: &[String]) -> bool {
    // Most lines are paragraphs: rejected on their length without
    // lowercasing them. `key` only trims symbols from the ends, so every
    // word with a letter or digit survives it.
    if more_words_than(line, 6) {
        return false;
    }
    let k = key(line);
    if k.is_empty() || k.split_whitespace().count() > 6 {
        return false;
    }
    headings.iter().any(|h| k == *h || starts_with_word(&k, h))
}

/// Whether a word is a past participle, the form that says what
/// happened on a date: English "-ed" ("Extradited"), Spanish "-ado",
/// "-ido" ("Detenido", "Capturada"). Labels that are participles too
/// ("Published", "Actualizado") are told apart by the label lists.
fn is_participle(word: &str) -> bool {
    let w = word.to_lowercase();
    let letters = w.chars().count();
    w.chars().all(char::is_alphabetic)
        && ((letters >= 5 && w.ends_with("ed"))
            || (letters >= 6
                && ["ado", "ada", "ido", "ida", "ados", "adas", "idos", "idas"]
                    .iter()
                    .any(|end| w.ends_with(end))))
}

fn starts_with_word(line: &str, prefix: &str) -> bool {
    // Lines are tested against every prefix of a list: most differ in
    // their first byte, compared before calling for a comparison.
    if !prefix.is_empty() && line.as_bytes().first() != prefix.as_bytes().first() {
        return false;
    }
    line.strip_prefix(prefix).is_some_and(|rest| {
        prefix.ends_with(|c: char| !c.is_alphanumeric())
            || rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
    })
}

impl Prepared {
    /// Prepares `rules` for matching.
    pub fn new(rules: &FurnitureRules) -> Self {
        let first_published_labels = lower(&rules.first_published_labels);
        Self {
            related: lower(&rules.related_headings)
                .into_iter()
                .chain(lower(&rules.closing_headings))
                .collect(),
            closing: lower(&rules.closing_headings),
            about: lower(&rules.about_prefixes),
            drop_prefixes: lower(&rules.drop_line_prefixes),
            drop_prefix_chars: lower(&rules.drop_line_prefixes)
                .iter()
                .map(|p| p.chars().count())
                .max()
                .unwrap_or(0),
            end_lines: lower(&rules.end_of_article_lines),
            end_line_chars: lower(&rules.end_of_article_lines)
                .iter()
                .map(|p| p.chars().count())
                .max()
                .unwrap_or(0),
            appeals: AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(lower(&rules.appeal_phrases))
                .ok(),
            class_long: automaton(
                lower(&rules.boilerplate_class_fragments)
                    .into_iter()
                    .filter(|f| f.len() > 3),
            ),
            content_fragments: automaton(lower(&rules.content_class_fragments).into_iter()),
            breadcrumb_words: lower(&rules.breadcrumb_words),
            updated_labels: lower(&rules.updated_labels),
            published_labels: lower(&rules.published_labels),
            date_line_labels: lower(&rules.date_line_labels),
            byline_prefixes: lower(&rules.byline_prefixes),
            prose_furniture: automaton(lower(&rules.prose_furniture_class_fragments).into_iter()),
            faq_headings: lower(&rules.faq_headings),
            other_items: automaton(lower(&rules.other_items_class_fragments).into_iter()),
            dateline_classes: automaton(lower(&rules.dateline_class_fragments).into_iter()),
            first_published: AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&first_published_labels)
                .ok(),
            first_published_tails: Tails::new(first_published_labels.iter().filter_map(|label| {
                let word = label.split(' ').max_by_key(|w| w.len())?;
                let mut chars = word.chars();
                chars.next();
                Some(chars.as_str().to_string()).filter(|tail| !tail.is_empty())
            })),
            first_published_min_len: first_published_labels
                .iter()
                .map(String::len)
                .min()
                .unwrap_or(0),
            first_published_subjects: lower(&rules.first_published_subjects),
            first_published_verbs: lower(&rules.first_published_verbs),
            teaser_labels: lower(&rules.teaser_labels),
            class_words: lower(&rules.boilerplate_class_fragments)
                .into_iter()
                .filter(|f| f.len() <= 3)
                .chain(lower(&rules.boilerplate_class_words))
                .collect(),
            copy_labels: lower(&rules.copy_date_labels),
            today_labels: lower(&rules.today_date_labels),
            header_keys: lower(&rules.scraper_header_keys),
            url_keys: lower(&rules.scraper_url_keys),
            generic_titles: lower(&rules.generic_titles),
            release_marks: lower(&rules.release_marks),
        }
    }

    /// What the text just before a shown date calls it: the label nearest
    /// to the date wins ("Published May 1 · Updated May 3" labels each).
    pub fn date_label(&self, before: &str) -> DateLabel {
        let k = before.to_lowercase();
        let mut best: Option<(usize, DateLabel)> = None;
        // The date a copy was made (retrieved, printed), or today's date
        // in a masthead ("Hoy es …", the day the page was viewed), is,
        // like a later change, never the publication date.
        for (list, label) in [
            (&self.updated_labels, DateLabel::Updated),
            (&self.copy_labels, DateLabel::Updated),
            (&self.today_labels, DateLabel::Updated),
            (&self.published_labels, DateLabel::Published),
        ] {
            for w in list {
                if let Some(pos) = rfind_label(&k, w) {
                    if best.is_none_or(|(b, _)| pos > b) {
                        best = Some((pos, label));
                    }
                }
            }
        }
        best.map_or(DateLabel::Plain, |(_, l)| l)
    }

    /// Whether the words right after a date call it a later change's or
    /// a copy's ("12 de septiembre de 2021 (actualizado)", "12.09.2021 —
    /// updated"), with nothing after them: in "September 12, 2021,
    /// updated September 13, 2021" the first date is the publication's.
    pub fn updated_after(&self, after: &str) -> bool {
        let k = after
            .trim_start_matches(|c: char| c.is_whitespace() || "()[]-–—|,:;·•".contains(c))
            .to_lowercase();
        self.updated_labels
            .iter()
            .chain(&self.copy_labels)
            .find(|w| starts_with_word(&k, w))
            .is_some_and(|w| !k[w.len()..].contains(|c: char| c.is_ascii_digit()))
    }

    /// `line` up to a later change it names after its own date
    /// ("Published: March 16, 2021 at 4:15 p.m. | Updated: March 17, …"
    /// → "Published: March 16, 2021 at 4:15 p.m. | "): the words of the
    /// publication's date line, however long the change's part runs.
    pub fn before_change<'l>(&self, line: &'l str) -> &'l str {
        // ASCII lowercasing keeps the offsets of `line`.
        let k = line.to_ascii_lowercase();
        // Only a label after a separator or the date's own figures opens
        // the change's part: in running text ("the gang changed its
        // leaders") the line is a sentence, not a date line.
        let after_separator = |at: usize| {
            line[..at]
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || "|/·•–—-,;(.".contains(c))
        };
        let at = self
            .updated_labels
            .iter()
            .filter_map(|label| find_word(&k, label))
            .filter(|&at| at > 0 && after_separator(at))
            .min();
        at.map_or(line, |at| &line[..at])
    }

    /// What a date element's `class`, `id` or `itemprop` calls it
    /// ("post-updated-date", "dateModified", "entry-date published"): the
    /// one-word labels found inside the value. `None` when it names
    /// neither, or both (WordPress marks one date "published updated").
    pub fn date_label_of_class(&self, value: &str) -> Option<DateLabel> {
        let v = value.to_lowercase();
        let has = |list: &[String]| {
            list.iter()
                .filter(|w| !w.contains(' '))
                .any(|w| v.contains(w.as_str()))
        };
        match (has(&self.updated_labels), has(&self.published_labels)) {
            (true, false) => Some(DateLabel::Updated),
            (false, true) => Some(DateLabel::Published),
            _ => None,
        }
    }

    /// Whether a heading or line opens a related/most-read/about block.
    pub fn is_related_heading(&self, line: &str) -> bool {
        heading_in(line, &self.related) || self.is_about_site(line)
    }

    /// Whether a heading ends the story even over prose: comments, the
    /// author's or the site's "about" ([`FurnitureRules::closing_headings`]).
    /// Words of running text after the entry make it the story's own
    /// heading ("Comentarios del fiscal"); a count or a name does not
    /// ("Comments (12)", "About the author Ana Ruiz").
    pub fn is_closing_heading(&self, line: &str) -> bool {
        let closing = heading_in(line, &self.closing) && {
            let k = key(line);
            // The key is lowercase: the rest's words are read in `line`.
            let words: Vec<&str> = line
                .trim_end_matches([':', '.', ' ', '»', '›', '>'])
                .split_whitespace()
                .collect();
            self.closing.iter().any(|h| {
                k.strip_prefix(h.as_str()).is_some_and(|rest| {
                    let n = rest.split_whitespace().count().min(words.len());
                    starts_with_word(&k, h)
                        && !words[words.len() - n..]
                            .iter()
                            .any(|w| super::metadata::is_running_word(w))
                })
            })
        };
        closing || self.is_about_site(line)
    }

    /// "About InSight Crime": a short "about" line naming the site.
    pub fn is_about_site(&self, line: &str) -> bool {
        let t = line.trim();
        let k = t.to_lowercase();
        for a in &self.about {
            if let Some(rest) = k.strip_prefix(a.as_str()) {
                if !rest.starts_with(' ') {
                    continue;
                }
                let orig_rest = t.get(a.len()..).unwrap_or("").trim();
                let words: Vec<&str> = orig_rest.split_whitespace().collect();
                if !words.is_empty()
                    && words.len() <= 4
                    && words
                        .iter()
                        .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
                    && !orig_rest.ends_with(['.', '?', '!', ','])
                {
                    return true;
                }
            }
        }
        false
    }

    /// Whether a heading is a drop line as a whole ("Table of contents",
    /// "See also:"): a heading that only starts with one ("Compartir los
    /// audios con la Fiscalía") is a section of the story.
    pub fn is_drop_heading(&self, line: &str) -> bool {
        if more_words_than(line, 6) {
            return false;
        }
        let k = key(line);
        self.drop_prefixes
            .iter()
            .any(|p| p.trim_end_matches([':', '?', '/']) == k)
    }

    /// Whether a line is furniture to drop wherever it appears. Symbols
    /// and emoji in front ("📲 Únete…", "► Lee también:") are skipped.
    pub fn is_drop_line(&self, line: &str) -> bool {
        let line = skip_leading_symbols(line.trim());
        let k = lowercase_start(line, self.drop_prefix_chars);
        let short = || line.split_whitespace().nth(6).is_none();
        self.drop_prefixes
            .iter()
            .any(|p| starts_with_word(&k, p) && (p.ends_with([':', '?', '/']) || short()))
    }

    /// Whether a line is a byline: a byline word, then a capitalized name,
    /// in a few words and no sentence ("By Ana Ruiz and Luis Paz").
    pub fn is_byline(&self, line: &str) -> bool {
        self.byline_names(line).is_some()
    }

    /// The names a byline line gives ("By Ana Ruiz and Luis Paz" → "Ana
    /// Ruiz and Luis Paz"), if `line` is one (see [`Prepared::is_byline`]).
    pub fn byline_names<'l>(&self, line: &'l str) -> Option<&'l str> {
        let t = line.trim();
        let words = t.split_whitespace().count();
        if words > BYLINE_MAX_WORDS || t.ends_with(['.', '?', '!']) {
            return None;
        }
        let k = t.to_lowercase();
        self.byline_prefixes.iter().find_map(|p| {
            if !starts_with_word(&k, p) {
                return None;
            }
            let names = t.get(p.len()..)?.trim_start_matches([':', ' ']);
            // What follows a separator is the byline's other fields: "Jayesh
            // Shinde | Updated on 19-Dec-2025", "Ben Roe ⋅ Review Editor".
            let names = names.split(['|', '⋅', '·', '•']).next().unwrap_or(names);
            let names = [" — ", " – "]
                .iter()
                .fold(names, |n, dash| n.split(dash).next().unwrap_or(n))
                .trim_end();
            names
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
                .then_some(names)
        })
    }

    /// Whether the words before a date name an event rather than label a
    /// date line: a label before a colon that is no date label, no
    /// byline and none of [`FurnitureRules::date_line_labels`]
    /// ("Régimen de excepción, día 1: 27 de marzo de 2022", "Born: March
    /// 29, 1990", "Trial date: Nov. 5, 2018"), or a participle alone
    /// ("Extradited Jan. 19, 2017", "Detenido el 5 de enero"). Such a
    /// date is told, not the publication date.
    pub fn names_event(&self, before: &str) -> bool {
        let tail = before
            .rsplit(['|', '·', '•', '\n'])
            .next()
            .unwrap_or("")
            .trim();
        let plain = |label: &str| {
            self.date_label(label) == DateLabel::Plain
                && !self.date_line_labels.contains(&label.to_lowercase())
        };
        if let Some(head) = tail.strip_suffix(':') {
            let head = head.trim();
            return !head.is_empty() && plain(head) && !self.is_byline(head);
        }
        let mut words = tail.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some(word), None, None) | (Some(word), Some("el" | "on"), None) => {
                is_participle(word) && plain(word)
            }
            _ => false,
        }
    }

    /// Whether a short line is a labelled metadata line of a scrape's
    /// head, "Label: value", whose label is a date label or an author
    /// label: "Last modified: 12/03/2024", "Autor: Redacción".
    pub fn is_labelled_meta(&self, line: &str) -> bool {
        let Some((label, value)) = line.trim().split_once(':') else {
            return false;
        };
        let label = label.trim().to_lowercase();
        if value.trim().is_empty() || more_words_than(&label, 3) || more_words_than(line, 14) {
            return false;
        }
        let is = |list: &[String]| list.contains(&label);
        is(&self.updated_labels)
            || is(&self.copy_labels)
            || is(&self.published_labels)
            || self
                .byline_prefixes
                .iter()
                .any(|p| p.strip_suffix(':').is_some_and(|p| p == label))
    }

    /// The key of a scraper's header line ("From: scraper@…", "Saved:
    /// 2024-05-01"), lowercased, and its value; `None` for other lines.
    pub fn scraper_header<'l>(&self, line: &'l str) -> Option<(String, &'l str)> {
        let (key, value) = line.trim().split_once(':')?;
        let key = key.trim().to_lowercase();
        let value = value.trim();
        (!value.is_empty() && self.header_keys.contains(&key)).then_some((key, value))
    }

    /// Whether a header key's value is the page's address.
    pub fn is_url_key(&self, key: &str) -> bool {
        self.url_keys.iter().any(|k| k == key)
    }

    /// Whether a page title is a generic label ("Versión para imprimir").
    /// Whether a line is a press release's mark ("FOR IMMEDIATE RELEASE",
    /// "Comunicado de prensa"): [`FurnitureRules::release_marks`].
    pub fn is_release_mark(&self, line: &str) -> bool {
        !more_words_than(line, 6) && self.release_marks.contains(&key(line))
    }

    pub fn is_generic_title(&self, title: &str) -> bool {
        let k = key(title);
        !k.is_empty() && self.generic_titles.contains(&k)
    }

    /// Whether `label`, the text of a block before its single link, is a
    /// teaser label ("Lee:", "LEA TAMBIÉN |", "Related »").
    pub fn is_teaser_label(&self, label: &str) -> bool {
        let k = label
            .trim()
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        !k.is_empty() && self.teaser_labels.contains(&k)
    }

    /// Whether a line ends the article in a text scrape.
    pub fn is_end_line(&self, line: &str) -> bool {
        let k = lowercase_start(line.trim(), self.end_line_chars);
        self.end_lines.iter().any(|p| starts_with_word(&k, p))
    }

    /// Whether a (short) line or block is a donation/newsletter/cookie appeal.
    pub fn is_appeal(&self, text: &str) -> bool {
        let Some(appeals) = &self.appeals else {
            return false;
        };
        // The phrases are lowercase and the automaton ignores ASCII case, so
        // only a text with a capital outside ASCII needs a lowercased copy
        // (a Spanish paragraph is rarely ASCII, but its accents are small).
        // The words of a short text are counted last: almost none holds a
        // phrase, and counting them was most of this test's time. A long
        // one (a scrape's paragraph) is counted first, which stops after
        // the 61st word instead of searching to its end.
        let long = text.len() > LONG_APPEAL_BYTES;
        if long && more_words_than_any(text, 60) {
            return false;
        }
        let phrase = if has_non_ascii_capital(text) {
            appeals.is_match(&text.to_lowercase())
        } else {
            appeals.is_match(text)
        };
        phrase && (long || !more_words_than_any(text, 60))
    }

    /// Whether a class/id value marks boilerplate (and not the article).
    pub fn is_boilerplate_class(&self, value: &str) -> bool {
        if value.is_empty() {
            return false;
        }
        let v = value.to_lowercase();
        if self
            .content_fragments
            .as_ref()
            .is_some_and(|a| a.is_match(&v))
        {
            return false;
        }
        // A fragment must begin a word of the value ("site-footer",
        // "pageFooter", "footer"), not end one: "contextmenu" or
        // "bodymenu" are not menus.
        if let Some(a) = &self.class_long {
            let orig = value.as_bytes();
            let ascii = value.is_ascii();
            if a.is_match(&v)
                && a.find_overlapping_iter(&v).any(|m| {
                    let s = m.start();
                    !ascii
                        || s == 0
                        || !orig[s - 1].is_ascii_alphanumeric()
                        || (orig[s].is_ascii_uppercase() && orig[s - 1].is_ascii_lowercase())
                })
            {
                return true;
            }
        }
        v.split(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | ':'))
            .any(|part| self.class_words.iter().any(|f| f == part))
    }

    /// Whether a heading opens a questions-and-answers section: it is one
    /// of the FAQ headings, or a short heading that ends with one ("Event
    /// Planning FAQs", "Solar: preguntas frecuentes").
    pub fn is_faq_heading(&self, line: &str) -> bool {
        if more_words_than(line, 8) {
            return false;
        }
        let k = key(line);
        self.faq_headings.iter().any(|f| {
            k == *f
                || k.strip_suffix(f.as_str())
                    .is_some_and(|rest| rest.ends_with(|c: char| !c.is_alphanumeric()))
                || starts_with_word(&k, f)
        })
    }

    /// Whether a class/id value marks furniture that is long prose
    /// (comments, reader reviews, author bios).
    pub fn is_prose_furniture_class(&self, value: &str) -> bool {
        class_matches(&self.prose_furniture, value)
    }

    /// Whether a class/id value marks a block of other items with their
    /// own dates (comments, related teasers).
    pub fn is_other_items_class(&self, value: &str) -> bool {
        class_matches(&self.other_items, value)
    }

    /// Whether a `class`/`id`/`itemprop` value marks a byline or date line.
    pub fn is_dateline_class(&self, value: &str) -> bool {
        class_matches(&self.dateline_classes, value)
    }

    /// Whether `text` holds one of the words that date an article's first
    /// appearance, anywhere: the cheap test before [`Self::first_published`].
    pub fn mentions_first_published(&self, text: &str) -> bool {
        // Every text node of every page comes here, and almost none holds
        // the words: the tails of the labels' longest words, matched with
        // case, are searched first (SIMD), far faster than the case-blind
        // automaton. A label in capitals is missed, a miss and not an error.
        text.len() >= self.first_published_min_len
            && self
                .first_published_tails
                .as_ref()
                .is_some_and(|tails| tails.is_match(text))
            && self
                .first_published
                .as_ref()
                .is_some_and(|labels| labels.is_match(text))
    }

    /// What follows a statement of the article's first appearance in
    /// `text` ("This article was originally published | on 26 Sep 2019 at
    /// 4:12pm"), lowercased and cut where its sentence ends or a later
    /// change is named ("… and updated in April 2024"). The words must open
    /// a sentence, alone or after a subject and verb of the lists: "the
    /// book, originally published in 2013" speaks of something else.
    pub fn first_published(&self, text: &str) -> Option<String> {
        let labels = self.first_published.as_ref()?;
        let end = labels.find_iter(text).find_map(|m| {
            (whole_word_at(text, m.start(), m.end())
                && self.opens_first_published(sentence_so_far(&text[..m.start()])))
            .then_some(m.end())
        })?;
        let mut rest = sentence_rest(&text[end..]).to_lowercase();
        let change = self
            .updated_labels
            .iter()
            .filter_map(|label| find_word(&rest, label))
            .min();
        if let Some(at) = change {
            rest.truncate(at);
        }
        Some(rest)
    }

    /// Whether `opener`, the words of a sentence before "originally
    /// published", leave the statement about the article itself.
    fn opens_first_published(&self, opener: &str) -> bool {
        let o = opener
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        o.is_empty()
            || self.first_published_subjects.iter().any(|subject| {
                o == *subject
                    || o.strip_prefix(subject.as_str())
                        .and_then(|r| r.strip_prefix(' '))
                        .is_some_and(|verb| self.first_published_verbs.iter().any(|v| v == verb))
            })
    }

    /// Whether a class/id value marks the article text itself.
    pub fn is_content_class(&self, value: &str) -> bool {
        class_matches(&self.content_fragments, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appeals_match_in_any_case_in_english_and_spanish() {
        let r = Prepared::new(&FurnitureRules::builtin());
        assert!(r.is_appeal("Please SUPPORT OUR Journalism today."));
        assert!(r.is_appeal("¡SUSCRÍBETE a nuestro boletín!"));
        assert!(r.is_appeal("¡Suscríbete a nuestro boletín!"));
        assert!(r.is_appeal("¡SUSCRíBETE a nuestro BOLETÍN!"));
        assert!(r.is_appeal("Este Sitio Utiliza Cookies."));
        assert!(!r.is_appeal("The gang's support for the truce ended."));
        let long = format!("Donate now. {}", "word ".repeat(60));
        assert!(!r.is_appeal(&long), "a long block is prose, not an appeal");
        for text in [
            "",
            "   ",
            "one",
            " one  two\tthree\nfour\x0bfive\x0csix\rseven ",
            "uno\u{a0}dos\u{2003}tres\u{3000}cuatro ñandú",
            "a\u{85}b\u{2028}c d\u{200b}e",
        ] {
            let words = text.split_whitespace().count();
            for n in 0..10 {
                assert_eq!(more_words_than_any(text, n), words > n, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn date_labels_english_and_spanish() {
        let r = Prepared::new(&FurnitureRules::builtin());
        assert_eq!(r.date_label("By Ana Ruiz · Updated"), DateLabel::Updated);
        assert_eq!(r.date_label("Last updated:"), DateLabel::Updated);
        assert_eq!(r.date_label("Actualizado el"), DateLabel::Updated);
        assert_eq!(r.date_label("Published on"), DateLabel::Published);
        assert_eq!(r.date_label("Publicado:"), DateLabel::Published);
        assert_eq!(
            r.date_label("Updated Jan 5 · Published"),
            DateLabel::Published
        );
        assert_eq!(r.date_label("By Ana Ruiz |"), DateLabel::Plain);
        // Credits are not labels.
        assert_eq!(r.date_label("Edited by Ana Ruiz"), DateLabel::Plain);
        assert_eq!(r.date_label("Revisado por Ana Ruiz"), DateLabel::Plain);
        assert_eq!(r.date_label("Unpublished"), DateLabel::Plain);
    }

    #[test]
    fn drop_lines_skip_emoji_in_front_and_class_words_are_whole() {
        let r = Prepared::new(&FurnitureRules::builtin());
        assert!(r.is_drop_line("📲 Síguenos en"));
        assert!(r.is_drop_line("► Lee también: la tregua"));
        assert!(r.is_drop_line("FILE PHOTO: The president gestures in San Salvador"));
        assert!(!r.is_drop_line("¿Qué pasó con la tregua?"));
        assert!(r.is_appeal("📲 Únete a nuestro canal de WhatsApp y recibe las noticias"));
        assert!(r.is_boilerplate_class("autor"));
        assert!(r.is_boilerplate_class("caja bio"));
        assert!(r.is_boilerplate_class("autor-bio"));
        assert!(!r.is_boilerplate_class("autorizacion"));
        assert!(!r.is_boilerplate_class("biografia"));
    }

    #[test]
    fn copy_labels_and_event_names_before_dates() {
        let r = Prepared::new(&FurnitureRules::builtin());
        for label in [
            "Retrieved",
            "Impreso el",
            "Fecha de consulta:",
            "Saved:",
            "Hoy es martes",
            "Today is Tuesday,",
            "Fecha de hoy:",
        ] {
            assert_eq!(r.date_label(label), DateLabel::Updated, "{label}");
        }
        assert!(r.names_event("Régimen de excepción, día 1: "));
        assert!(r.names_event("Day 3: "));
        assert!(!r.names_event("Fecha: "));
        assert!(!r.names_event("Fecha de publicación: "));
        assert!(!r.names_event("Por Ana Ruiz: "));
        assert!(!r.names_event("Sección · "));
        // A fact's label or a participle says what happened on the date.
        for event in [
            "Born: ",
            "Arrested: ",
            "Trial date: ",
            "Last seen: ",
            "Sentencing: ",
            "Extradited ",
            "Detenido el ",
            "Asesinada ",
        ] {
            assert!(r.names_event(event), "{event}");
        }
        for line in [
            "Date: ",
            "Issued on: ",
            "Published ",
            "Posted on ",
            "Publicado el ",
            "Actualizado ",
            "Created: ",
            "By Ana Ruiz ",
        ] {
            assert!(!r.names_event(line), "{line}");
        }
    }

    #[test]
    fn class_fragments_begin_a_word() {
        let r = Prepared::new(&FurnitureRules::builtin());
        for furniture in [
            "site-footer",
            "pageFooter",
            "footer",
            "social_share",
            "cajaCompartir",
            "caja-compartir",
        ] {
            assert!(r.is_boilerplate_class(furniture), "{furniture}");
        }
        for text in [
            "contextmenu Body",
            "bodymenu",
            "article-body",
            "parrafo-sincompartir",
        ] {
            assert!(!r.is_boilerplate_class(text), "{text}");
        }
    }

    #[test]
    fn line_rules_look_at_the_start_and_the_length_only() {
        let r = Prepared::new(&FurnitureRules::builtin());
        let long = "the prison director met gang leaders several times in 2019 and 2020";
        // A prefix ending in ':' drops the line whatever follows it.
        assert!(r.is_drop_line(&format!("READ MORE: {long}")));
        assert!(r.is_drop_line("Lee también: la tregua"));
        assert!(!r.is_drop_line(&format!("Readers said {long}")));
        // A related heading is short; symbols around it do not count as words.
        assert!(r.is_related_heading("» Related Content »"));
        assert!(r.is_related_heading("— — — Related stories: — —"));
        assert!(!r.is_related_heading(&format!("Related {long}")));
    }
}
