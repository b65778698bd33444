//! Snippets: the passage of an article that best shows why it matched, with
//! the matched words marked.
//!
//! tantivy's snippet generator only knows the terms of one field, so it
//! misses stemmed matches (`pandillas` found through `pandilla`). Here every
//! word of the article is compared, as the index saw it, with the query's
//! words: folded (exact) and stemmed for the article's language. The passage
//! is whole sentences where possible, at most about two lines.

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;

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

/// The words of a query in each analyzed form, ready to compare with an
/// article's words.
#[derive(Debug, Clone, Default)]
pub struct Highlighter {
    folded: HashSet<String>,
    stem_en: HashSet<String>,
    stem_es: HashSet<String>,
}

impl Highlighter {
    /// Prepares the words of a query (as typed).
    pub fn new(words: &[String]) -> Self {
        let text = words.join(" ");
        Highlighter {
            folded: analyze("folded", &text)
                .into_iter()
                .map(|(t, _)| t)
                .collect(),
            stem_en: analyze("stem_en", &text)
                .into_iter()
                .map(|(t, _)| t)
                .collect(),
            stem_es: analyze("stem_es", &text)
                .into_iter()
                .map(|(t, _)| t)
                .collect(),
        }
    }

    /// True if there is nothing to highlight.
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// Byte ranges of `text` whose words match the query.
    pub fn matches(&self, text: &str, language: &str) -> Vec<Range<usize>> {
        if self.is_empty() {
            return Vec::new();
        }
        let mut ranges: Vec<Range<usize>> = analyze("folded", text)
            .into_iter()
            .filter(|(t, _)| self.folded.contains(t))
            .map(|(_, r)| r)
            .collect();
        let (stemmer, stems) = match language {
            "es" => ("stem_es", &self.stem_es),
            "en" => ("stem_en", &self.stem_en),
            _ => ("", &self.stem_en),
        };
        if !stemmer.is_empty() {
            ranges.extend(
                analyze(stemmer, text)
                    .into_iter()
                    .filter(|(t, _)| stems.contains(t))
                    .map(|(_, r)| r),
            );
        }
        ranges.sort_by_key(|r| (r.start, r.end));
        ranges.dedup();
        ranges
    }

    /// The best passage of `body` for this query.
    pub fn snippet(&self, body: &str, language: &str) -> Snippet {
        let matches = self.matches(body, language);
        let sentences = sentences(body);
        if sentences.is_empty() {
            return Snippet::default();
        }
        // Score each sentence by distinct matched words, then by matches.
        let mut best = 0;
        let mut best_score = (0usize, 0usize);
        for (i, s) in sentences.iter().enumerate() {
            let inside: Vec<&Range<usize>> = matches
                .iter()
                .filter(|m| m.start >= s.start && m.end <= s.end)
                .collect();
            let distinct: HashSet<String> = inside
                .iter()
                .map(|m| crate::fold::fold(&body[(*m).clone()]))
                .collect();
            let score = (distinct.len(), inside.len());
            if score > best_score {
                best_score = score;
                best = i;
            }
        }
        let mut range = sentences[best].clone();
        // Short sentence: add the next ones while they fit in two lines.
        let mut next = best + 1;
        while range.len() < MAX_SNIPPET_BYTES / 2 && next < sentences.len() {
            if sentences[next].end - range.start > MAX_SNIPPET_BYTES {
                break;
            }
            range.end = sentences[next].end;
            next += 1;
        }
        let mut prefix = "";
        let mut suffix = "";
        if range.len() > MAX_SNIPPET_BYTES {
            // Long sentence: a window around its first match.
            let first = matches
                .iter()
                .find(|m| m.start >= range.start && m.end <= range.end)
                .map(|m| m.start)
                .unwrap_or(range.start);
            let start = if first - range.start > MAX_SNIPPET_BYTES / 3 {
                word_boundary_after(body, first.saturating_sub(MAX_SNIPPET_BYTES / 3))
            } else {
                range.start
            };
            let end = word_boundary_before(body, (start + MAX_SNIPPET_BYTES).min(range.end), start);
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
        // Paragraph breaks inside a snippet read as one line.
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
        // Replace newlines with spaces: same byte length, ranges stay valid.
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

fn analyze(analyzer: &str, text: &str) -> Vec<(String, Range<usize>)> {
    let Some(mut a) = analyzers::analyzer(analyzer) else {
        return Vec::new();
    };
    let mut stream = a.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.text.clone(), token.offset_from..token.offset_to));
    }
    out
}

/// Byte ranges of the sentences of `text` (trimmed), split after `.`, `?`,
/// `!` followed by whitespace, and at line breaks.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end_here = match b {
            b'\n' => Some(i),
            b'.' | b'?' | b'!' => {
                if bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) {
                    Some(i + 1)
                } else {
                    None
                }
            }
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
    fn html_is_escaped() {
        let s = Snippet {
            text: "a <script> & b".into(),
            highlights: vec![std::ops::Range { start: 0, end: 1 }],
        };
        assert_eq!(s.to_html(), "<b>a</b> &lt;script&gt; &amp; b");
    }
}
