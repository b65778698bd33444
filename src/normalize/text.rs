//! The plain-text scrape path: pages flattened to text, with the furniture
//! still in it.
//!
//! Owns the headline (first line, with a glued breadcrumb removed and the
//! repeated headline dropped), the furniture lines (`SEE ALSO:`, share-icon
//! residue, appeals), the cut at the related-content / "About <Site>" block,
//! and a dateline near the headline. It does not decode bytes.

use chrono::{Datelike, NaiveDate};

use super::date::{find_text_date_at, DayOrder, FirstPublished};
use super::language;
use super::rules::{DateLabel, Prepared};

/// What a text scrape yields before the common fields are filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scrape {
    /// Headline, breadcrumb removed.
    pub title: String,
    /// Paragraphs separated by a blank line.
    pub body: String,
    /// The publication date (a dateline next to the headline, or the
    /// scrape's statement of the article's first publication) and its
    /// source.
    pub date: Option<(NaiveDate, String)>,
    /// Detected language, if the detector was sure.
    pub language: Option<&'static str>,
    /// The address a scraper's header gives ("Source: https://…").
    pub url: Option<String>,
    /// The names of the byline line above the story ("By Ana Ruiz").
    pub author: Option<String>,
}

/// Collapses runs of whitespace to single spaces and trims.
pub fn collapse(line: &str) -> String {
    if is_collapsed(line) {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    for w in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether the character at byte `at` of `text` is whitespace
/// (`char::is_whitespace`), and its length in bytes; `None` when `at` is
/// not a character boundary. ASCII bytes are classified without decoding:
/// the loops over every character of every page that call this were a few
/// percent of a build as iterators over `char`s.
#[inline]
pub(crate) fn whitespace_at(text: &str, at: usize) -> Option<(bool, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        // Space, \t, \n, \x0B, \x0C and \r.
        return Some((matches!(byte, b' ' | b'\t'..=b'\r'), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c.is_whitespace(), c.len_utf8()))
}

/// Characters that are invisible inside a word and mean nothing to a
/// reader: the soft hyphen (`&shy;`, a hyphenation hint some news sites put
/// in long Spanish and German words), the zero-width space, the word
/// joiner and a stray byte-order mark. Left in, each splits its word in two
/// for the index and the actor tagger: "Sal&shy;vador" would match neither
/// `salvador` nor a gazetteer's "San Salvador". The zero-width joiner and
/// non-joiner stay: some scripts spell with them.
const INVISIBLE: [char; 4] = ['\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}'];

/// Removes the [`INVISIBLE`] characters from `text`, and a zero-width
/// joiner or non-joiner between two Latin letters ("Osi&zwnj;ris": a CMS
/// breaking a ligature), where no script spells with them. Most texts have
/// none, and are found so by a byte search for each, without a copy.
pub(crate) fn drop_invisible(text: &mut String) {
    let invisible = holds_any(text, &INVISIBLE);
    let joiner = holds_any(text, &JOINERS);
    if invisible {
        text.retain(|c| !INVISIBLE.contains(&c));
    }
    if joiner {
        let is_latin = |c: Option<char>| {
            c.is_some_and(|c| {
                c.is_alphanumeric() && (c.is_ascii() || ('\u{c0}'..'\u{250}').contains(&c))
            })
        };
        let mut kept = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        let mut before = None;
        while let Some(c) = chars.next() {
            let joining = JOINERS.contains(&c);
            if !(joining && is_latin(before) && is_latin(chars.peek().copied())) {
                kept.push(c);
                before = Some(c);
            }
        }
        *text = kept;
    }
}

/// Removes control characters from `text` (a scrape's BEL, a terminal's
/// colour escape: nothing a reader sees, and harmful to print), and reads
/// a C1 control as the Windows-1252 character of its code ("we\u{92}re"
/// is "we’re": a page decoded as Latin-1 somewhere on its way). Tabs and
/// line breaks stay.
pub(crate) fn drop_controls(text: &mut String) {
    let c0 = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f;
    let bytes = text.as_bytes();
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .any(|at| bytes.get(at + 1).is_some_and(|b| (0x80..0xA0).contains(b)));
    if !c1 && !bytes.iter().any(|&b| c0(b)) {
        return;
    }
    let mut kept = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A terminal's escape sequence ("\x1b[31m") goes whole.
            '\u{1b}' if chars.peek() == Some(&'[') => {
                chars.next();
                while chars
                    .next_if(|c| !('\u{40}'..='\u{7e}').contains(c))
                    .is_some()
                {}
                chars.next();
            }
            '\u{80}'..='\u{9f}' => {
                let byte = [c as u32 as u8];
                let (read, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                kept.extend(read.chars().filter(|r| !r.is_control()));
            }
            c if c.is_ascii() && c0(c as u8) => {}
            c => kept.push(c),
        }
    }
    // The text was collapsed before: a removed sequence between two
    // spaces leaves one.
    while kept.contains("  ") {
        kept = kept.replace("  ", " ");
    }
    *text = kept;
}

/// Decodes HTML character references (`&ntilde;`, `&#241;`, `&#xF1;`) left
/// in a scrape by a tool that did not unescape the page's text; `None`
/// when there is nothing to decode. Two references at least: a lone
/// "&amp;" may be the text's own.
pub(crate) fn decode_references(text: &str) -> Option<String> {
    let decode = |reference: &str| -> Option<String> {
        let name = reference.strip_prefix('&')?;
        if let Some(number) = name.strip_prefix('#') {
            let number = number.strip_suffix(';')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            return char::from_u32(code)
                .filter(|c| !c.is_control() || c.is_whitespace())
                .map(String::from);
        }
        let &(first, second) = html5ever::data::NAMED_ENTITIES.get(name)?;
        let mut out = String::new();
        out.extend(char::from_u32(first));
        if second != 0 {
            out.extend(char::from_u32(second));
        }
        Some(out)
    };
    // A reference: "&", a name or number, ";", in a few bytes.
    let reference_at = |at: usize| -> Option<(usize, String)> {
        let rest = &text[at..];
        let end = rest.bytes().take(REFERENCE_BYTES).position(|b| b == b';')?;
        let candidate = &rest[..=end];
        let word = candidate[1..end]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'#');
        if !word || end < 2 {
            return None;
        }
        decode(candidate).map(|d| (end + 1, d))
    };
    let found = memchr::memchr_iter(b'&', text.as_bytes())
        .filter(|&at| reference_at(at).is_some())
        .take(2)
        .count();
    if found < 2 {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(next) = memchr::memchr(b'&', &text.as_bytes()[at..]) {
        let amp = at + next;
        out.push_str(&text[at..amp]);
        match reference_at(amp) {
            Some((len, decoded)) => {
                out.push_str(&decoded);
                at = amp + len;
            }
            None => {
                out.push('&');
                at = amp + 1;
            }
        }
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// The longest character reference read ("&CounterClockwiseContourIntegral;"
/// is 33 bytes).
const REFERENCE_BYTES: usize = 40;

/// The zero-width joiner and non-joiner: removed only inside a Latin word.
const JOINERS: [char; 2] = ['\u{200c}', '\u{200d}'];

/// Whether `text` holds any of `chars`: a byte search for each, without
/// decoding the text.
fn holds_any(text: &str, chars: &[char]) -> bool {
    chars.iter().any(|c| {
        let mut utf8 = [0u8; 4];
        memchr::memmem::find(text.as_bytes(), c.encode_utf8(&mut utf8).as_bytes()).is_some()
    })
}

/// Whether `paragraph` shows nothing: only whitespace and characters
/// without a glyph ([`INVISIBLE`], and the zero-width joiner and
/// non-joiner, kept inside words but alone a page builder's spacer).
pub(crate) fn is_blank(paragraph: &str) -> bool {
    paragraph
        .chars()
        .all(|c| c.is_whitespace() || INVISIBLE.contains(&c) || JOINERS.contains(&c))
}

/// Composes accents written as a letter and a combining mark ("i" and
/// U+0301, as macOS and some CMSs save text) into one character (NFC).
/// The index's tokenizer splits words at a combining mark, so a
/// decomposed "investigación" was found neither by `investigación` nor by
/// `investigacion`. Only a text with a byte that starts one of the common
/// combining marks (U+0300 to U+036F) is rewritten.
pub(crate) fn compose_accents(text: &mut String) {
    if memchr::memchr2(0xCC, 0xCD, text.as_bytes()).is_some() {
        use unicode_normalization::UnicodeNormalization;
        *text = text.nfc().collect();
    }
}

/// Whether `line` is already as [`collapse`] leaves it: no whitespace at
/// either end, and only single ASCII spaces between words. Most lines of
/// a scrape are, and checking is cheaper than rebuilding them.
fn is_collapsed(line: &str) -> bool {
    let bytes = line.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    let mut at = 0;
    while at < bytes.len() {
        let Some((space, len)) = whitespace_at(line, at) else {
            return false;
        };
        if space {
            if after_space || bytes[at] != b' ' {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
        at += len;
    }
    true
}

/// Splits a token at lower→upper "glue" points: `HomeNewsEvidence` →
/// `Home`, `News`, `Evidence`.
fn glue_pieces(token: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in token.char_indices() {
        if let Some(p) = prev {
            if p.is_lowercase() && c.is_uppercase() {
                pieces.push(&token[start..i]);
                start = i;
            }
        }
        prev = Some(c);
    }
    pieces.push(&token[start..]);
    pieces
}

/// The date of a wire dateline opening the story's first paragraph: a
/// place of at most four capitalised words and a comma, then the date,
/// within the first 60 bytes. The place in capitals ("SAN SALVADOR, 12 de
/// marzo de 2013. El ministro…") or a dateline's mark after the date
/// ("San Salvador, 12 de marzo de 2013.- El…", "…, March 12, 2013 (Reuters)
/// -", "… 2013 — …", "… 2013: …") tell a dateline from a sentence that
/// starts with a date ("Ayer, 12 de marzo de 2013, el ministro…"). A
/// weekday may stand between the place and the date ("San Salvador, martes
/// 12 de marzo de 2013.- …") if it is the date's own: one that is not
/// says the line is not to be trusted.
fn opening_dateline(line: &str, order: DayOrder) -> Option<NaiveDate> {
    let (at, date) = find_text_date_at(line, order)?;
    if at > 60 {
        return None;
    }
    let mut before = line[..at].trim_end();
    if let Some((rest, last)) = before
        .trim_end_matches(',')
        .rsplit_once(char::is_whitespace)
    {
        if let Some(day) = super::date::weekday(last) {
            if day != date.weekday() {
                return None;
            }
            before = rest.trim_end();
        }
    }
    let place = before.strip_suffix(',')?.trim();
    let words: Vec<&str> = place.split_whitespace().collect();
    let connector = |w: &str| matches!(w, "de" | "del" | "la" | "las" | "los" | "el");
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    if !(1..=4).contains(&words.len())
        || !words.first().is_some_and(capitalised)
        || !words.iter().all(|w| capitalised(w) || connector(w))
    {
        return None;
    }
    let in_capitals = !place.chars().any(char::is_lowercase);
    let year = date.year().to_string();
    let after = &line[at..];
    let rest = after[after.find(&year)? + year.len()..].trim_start();
    let marked = [".-", ".—", "-", "—", "–", ":", "("]
        .iter()
        .any(|mark| rest.starts_with(mark));
    (in_capitals || marked).then_some(date)
}

/// What separates the crumbs of a breadcrumb trail.
const TRAIL_SEPARATORS: [&str; 5] = [" > ", " » ", " › ", " / ", " | "];

/// The parts of `line` split on `sep` when they read as a breadcrumb trail
/// with something after it: two or more parts, every one before the last
/// of at most three words, the first a breadcrumb word ("Home", "Inicio").
fn trail_parts<'a>(line: &'a str, sep: &str, rules: &Prepared) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = line.split(sep).collect();
    let crumbs = &parts[..parts.len() - 1];
    (parts.len() >= 2
        && crumbs.iter().all(|c| c.split_whitespace().count() <= 3)
        && crumbs
            .first()
            .is_some_and(|c| rules.breadcrumb_words.contains(&c.trim().to_lowercase())))
    .then_some(parts)
}

/// Whether `line` is only a breadcrumb trail: its last part is a crumb
/// too (at most three words), and no part is empty.
fn is_trail(line: &str, rules: &Prepared) -> bool {
    TRAIL_SEPARATORS.iter().any(|sep| {
        trail_parts(line.trim(), sep, rules).is_some_and(|parts| {
            parts
                .iter()
                .all(|c| (1..=3).contains(&c.split_whitespace().count()))
        })
    })
}

/// Removes a breadcrumb glued to the front of a headline when no repeated
/// headline says where the headline starts.
pub fn strip_breadcrumb(line: &str, rules: &Prepared) -> String {
    // "Home > News > Headline" and similar separated trails.
    for sep in TRAIL_SEPARATORS {
        if let Some(parts) = trail_parts(line, sep, rules) {
            return parts[parts.len() - 1].trim().to_string();
        }
    }
    let Some(first) = line.split_whitespace().next() else {
        return line.to_string();
    };
    let pieces = glue_pieces(first);
    if pieces.len() < 2 {
        return line.to_string();
    }
    let known = pieces[..pieces.len() - 1]
        .iter()
        .take_while(|p| rules.breadcrumb_words.contains(&p.to_lowercase()))
        .count();
    // Two or more glued capitalised words are a breadcrumb even when the
    // words are not in the list ("McDonald" alone has one glue point).
    let generic = pieces.len() >= 3
        && pieces[..pieces.len() - 1]
            .iter()
            .all(|p| p.chars().count() >= 3 && p.chars().next().is_some_and(char::is_uppercase));
    let strip = if generic { pieces.len() - 1 } else { known };
    if strip == 0 {
        return line.to_string();
    }
    let cut: usize = pieces[..strip].iter().map(|p| p.len()).sum();
    let offset = line.len() - line.trim_start().len();
    line[offset + cut..].trim().to_string()
}

/// The width at which a tool hard-wrapped the scrape, estimated low: the
/// 80th percentile of the lengths, in characters, of its lines of 40 or
/// more. A scrape whose paragraphs are single lines, one a line ("the
/// headline\nthe deck\nCIUDAD DE MÉXICO\nthe first paragraph…"), has a
/// width far above its short lines, which therefore were not wrapped.
fn wrap_width(text: &str) -> usize {
    let mut lengths: Vec<usize> = text
        .lines()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n >= 40)
        .collect();
    if lengths.is_empty() {
        return usize::MAX;
    }
    lengths.sort_unstable();
    lengths[(lengths.len() * 8 / 10).min(lengths.len() - 1)]
}

/// Splits a scrape into lines, re-joining hard-wrapped paragraphs: a line
/// continues the previous one (no blank line between) when that one was
/// broken for width (its next word would not have fitted on it) and stops
/// mid-sentence, or when it starts in lowercase.
fn unwrap_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    let width = wrap_width(text);
    // Characters of the last line read, not of the paragraph it joined.
    let mut last_chars = 0;
    // Characters without a glyph go before any rule reads a line ("Lee
    // tam&shy;bién:"), though not before a line's end: a soft hyphen there
    // breaks a word.
    let invisible = holds_any(text, &INVISIBLE) || holds_any(text, &JOINERS);
    for raw in text.lines() {
        let mut line = collapse(raw);
        if invisible {
            let soft_break = line.ends_with('\u{ad}');
            drop_invisible(&mut line);
            if soft_break {
                line.push('\u{ad}');
            }
        }
        let line_chars = line.chars().count();
        if line.is_empty() {
            open = false;
            continue;
        }
        // A word broken at the end of a line ("Buke-" / "le"): the line
        // goes on with it, whatever its length. The hyphen is a
        // typesetter's between two lowercase letters ("Buke-le"), and part
        // of the word otherwise ("MS-13", "anti-Gang").
        if open && out.len() > 1 {
            if let Some(prev) = out.last_mut() {
                if let Some(joined) = join_broken_word(prev, &line) {
                    *prev = joined;
                    last_chars = line_chars;
                    continue;
                }
            }
        }
        // Never onto the first line: it is the headline.
        let join = open
            && out.len() > 1
            && out.last().is_some_and(|prev| {
                let first_word = line
                    .split_whitespace()
                    .next()
                    .map_or(0, |w| w.chars().count());
                let long = last_chars >= 50 && last_chars + 1 + first_word >= width;
                let mid_sentence = !prev.ends_with(['.', '?', '!', ':', '"', '\u{201d}', ')']);
                let lower_start = line.chars().next().is_some_and(char::is_lowercase);
                long && (mid_sentence || lower_start)
            });
        match out.last_mut() {
            Some(prev) if join => {
                prev.push(' ');
                prev.push_str(&line);
            }
            _ => out.push(line),
        }
        last_chars = line_chars;
        open = true;
    }
    out
}

/// `prev` and `line` joined when `prev` ends in a word broken by a hyphen
/// ("President Nayib Buke-") that `line` goes on with ("le in 2019"): the
/// hyphen dropped between two lowercase letters, kept otherwise ("MS-" /
/// "13"). `None` when `prev` does not end so.
fn join_broken_word(prev: &str, line: &str) -> Option<String> {
    let after = line.chars().next().filter(|c| c.is_alphanumeric())?;
    // A soft hyphen only ever marks where a word may break.
    if let Some(stem) = prev.strip_suffix('\u{ad}') {
        stem.chars().next_back().filter(|c| c.is_alphanumeric())?;
        return Some(format!("{stem}{line}"));
    }
    let stem = prev.strip_suffix(['-', '\u{2010}'])?;
    let before = stem.chars().next_back().filter(|c| c.is_alphanumeric())?;
    if closes_aside(stem) {
        return None;
    }
    let mut joined = String::with_capacity(prev.len() + line.len());
    if before.is_lowercase() && after.is_lowercase() {
        joined.push_str(stem);
    } else {
        joined.push_str(prev);
    }
    joined.push_str(line);
    Some(joined)
}

/// Whether a hyphen after `stem` closes an aside opened in its sentence
/// ("dos litros -ocho vasos-" / "de líquidos"): Spanish sets one off with
/// hyphens, and the wrapped line ends on the closing one.
fn closes_aside(stem: &str) -> bool {
    let sentence = stem.rsplit(['.', '?', '!']).next().unwrap_or(stem);
    sentence.rfind(" -").is_some_and(|at| {
        let aside = &sentence[at + 2..];
        aside.starts_with(char::is_alphanumeric) && !aside.contains('-')
    })
}

/// The lines of a scraper's header opening a scrape ("From: …", "Saved:
/// …", "Source: https://…"): how many, and the address one gives. Two
/// such lines at least make a header; one alone may be the story's.
fn scraper_header(lines: &[String], rules: &Prepared) -> (usize, Option<String>) {
    let mut url = None;
    let mut count = 0;
    for line in lines {
        let Some((key, value)) = rules.scraper_header(line) else {
            break;
        };
        if url.is_none()
            && rules.is_url_key(&key)
            && (value.starts_with("http://") || value.starts_with("https://"))
            && !value.contains(char::is_whitespace)
        {
            url = Some(value.to_string());
        }
        count += 1;
    }
    if count < 2 || count >= lines.len() {
        return (0, None);
    }
    (count, url)
}

/// Whether a line is the banner of a copied Wayback Machine page ("The
/// Wayback Machine - https://web.archive.org/web/…").
fn is_wayback_banner(line: &str) -> bool {
    line.strip_prefix("The Wayback Machine")
        .is_some_and(|rest| {
            rest.contains("web.archive.org/") && rest.split_whitespace().count() <= 3
        })
}

/// Whether a short line holding a date at `at` is a sentence: it ends
/// with a full stop and, the date aside, holds at least three words of
/// running text (lowercase, three letters or more). A dateline or a byline
/// holds names, labels and numbers.
fn is_sentence(line: &str, at: usize) -> bool {
    let end = super::metadata::date_end(line, at);
    let running = line[..at]
        .split_whitespace()
        .chain(line[end..].split_whitespace())
        .filter(|w| super::metadata::is_running_word(w))
        .count();
    super::metadata::ends_sentence(line) && running >= 3
}

/// Whether a line is prose, a paragraph of the story: a sentence of a dozen
/// words or more, some of them running text. The items of a list of other
/// stories are headlines (no final stop), labels and dates.
pub(super) fn is_prose(line: &str) -> bool {
    super::metadata::ends_sentence(line)
        && line.split_whitespace().nth(PROSE_WORDS - 1).is_some()
        && line
            .split_whitespace()
            .filter(|w| super::metadata::is_running_word(w))
            .nth(PROSE_RUNNING_WORDS - 1)
            .is_some()
}

/// Words, and running words among them, that make a line prose
/// ([`is_prose`]).
const PROSE_WORDS: usize = 12;
const PROSE_RUNNING_WORDS: usize = 5;

/// A first line without the mark a conversion tool puts before the
/// headline: Markdown's `# ` (readability's output), newspaper3k's
/// `Title: `.
fn strip_title_mark(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix("# ") {
        return rest.trim_start();
    }
    match line.split_once(": ") {
        Some((key, rest)) if key.eq_ignore_ascii_case("title") && !rest.trim().is_empty() => {
            rest.trim_start()
        }
        _ => line,
    }
}

/// Whether a line of a scrape is an item of a bulleted or numbered list
/// ("* Headline", "- Headline", "• Headline", "1. Headline").
fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if (1..=2).contains(&digits) {
        t[digits..].strip_prefix(['.', ')'])
    } else {
        t.strip_prefix(['*', '-', '•', '·', '–', '—', '+', '▪', '►'])
    };
    rest.is_some_and(|r| r.starts_with(' ') && r.trim().len() > 1)
}

/// Where the list of addresses a `lynx -dump` ends with starts: a line
/// "References" over "1. http…". Such a dump also numbers every link
/// where it stands ("Por [6]Redacción").
fn lynx_references(lines: &[String]) -> Option<usize> {
    let at = lines.iter().rposition(|l| l == "References")?;
    let first = lines.get(at + 1)?;
    (first.starts_with("1. http://") || first.starts_with("1. https://")).then_some(at)
}

/// The length of a lynx link number ("[12]") at the start of `text`.
fn link_mark_len(text: &str) -> Option<usize> {
    let digits = text
        .strip_prefix('[')?
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    ((1..=4).contains(&digits) && text.as_bytes().get(digits + 1) == Some(&b']'))
        .then_some(digits + 2)
}

/// Whether a line of a lynx dump is a link alone ("[1]Skip to content",
/// "* [3]Inicio"): the site's navigation above the headline.
fn is_link_line(line: &str) -> bool {
    let t = line.strip_prefix("* ").unwrap_or(line);
    link_mark_len(t).is_some() && !t[link_mark_len(t).unwrap_or(0)..].contains("[")
}

/// A line of a lynx dump without its link numbers.
fn strip_link_marks(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('[') {
        let before_ok = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        // lynx writes the number against the link's text ("[6]Redacción");
        // a footnote mark stands apart ("policial [1] del caso").
        let mark = link_mark_len(&rest[at..]).filter(|&len| {
            rest[at + len..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace())
        });
        match mark {
            Some(len) if before_ok => {
                out.push_str(&rest[..at]);
                rest = &rest[at + len..];
            }
            _ => {
                out.push_str(&rest[..=at]);
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A `lynx -dump`'s lines as a scrape's: the addresses listed at the
/// end, the links alone above the headline and the link numbers left out.
fn read_lynx_dump(mut lines: Vec<String>, references: usize) -> Vec<String> {
    lines.truncate(references);
    let navigation = lines.iter().take_while(|l| is_link_line(l)).count();
    lines.drain(..navigation.min(lines.len().saturating_sub(1)));
    lines.iter().map(|l| strip_link_marks(l)).collect()
}

/// The lines a press release opens with, up to its mark ("FOR IMMEDIATE
/// RELEASE", "Comunicado de prensa") among the first few and a date line
/// right after it: how many, and that date.
fn release_header(
    lines: &[String],
    rules: &Prepared,
    order: DayOrder,
) -> (usize, Option<NaiveDate>) {
    let Some(mark) = lines
        .iter()
        .take(RELEASE_MARK_LINES)
        .position(|l| rules.is_release_mark(l))
    else {
        return (0, None);
    };
    let mut skip = mark + 1;
    let mut date = None;
    if let Some(next) = lines.get(skip) {
        if next.split_whitespace().count() <= 6 {
            if let Some((at, d)) = find_text_date_at(next, order) {
                // The date alone, after a weekday or a publication label.
                let before = &next[..at];
                let label = rules.date_label(before);
                if label == DateLabel::Published
                    || (label == DateLabel::Plain && before.split_whitespace().count() <= 1)
                {
                    date = Some(d);
                    skip += 1;
                }
            }
        }
    }
    // Never the whole text: the headline must follow.
    if skip >= lines.len() {
        return (0, None);
    }
    (skip, date)
}

/// What parts a page title's headline from the site's name and section.
const TITLE_SEPARATORS: [&str; 5] = [" - ", " | ", " – ", " — ", " · "];

/// Lines of a scrape's head searched for a press release's mark.
const RELEASE_MARK_LINES: usize = 5;

/// Reads a plain-text scrape.
pub fn extract(text: &str, rules: &Prepared) -> Scrape {
    let lines = unwrap_lines(text);
    let lines = match lynx_references(&lines) {
        Some(at) => read_lynx_dump(lines, at),
        None => lines,
    };
    // A scraper's or mail gateway's header is neither the headline nor
    // the story, and its date is the copy's.
    let (header, url) = scraper_header(&lines, rules);
    let lines = &lines[header..];
    let lang = language::detect(text);
    let order = DayOrder::of_language(lang.unwrap_or("en"), None);
    let mut title = String::new();
    // A breadcrumb trail on a line of its own ("Inicio > Nacionales >
    // Pandillas") is no headline, not even its last crumb, when a line
    // follows it.
    let crumbs = usize::from(lines.len() > 1 && lines.first().is_some_and(|l| is_trail(l, rules)));
    let lines = &lines[crumbs..];
    // The banner a Wayback Machine page prints above the story when it is
    // copied or printed names the archive, not the story.
    let banner =
        usize::from(lines.len() > 1 && lines.first().is_some_and(|l| is_wayback_banner(l)));
    let lines = &lines[banner..];
    // A press release opens with its issuer ("Department of Justice",
    // "Office of Public Affairs"), the release mark and its date: the
    // headline comes after them, and the date is the release's.
    let (release, release_date) = release_header(lines, rules, order);
    let lines = &lines[release..];
    let mut start = 0;
    if let Some(first) = lines.first() {
        // The scrape repeats the headline on its own line: the first line
        // ends with it, and what comes before is the breadcrumb; or it
        // starts with it, and a site's suffix follows ("… - Justicia - El
        // Tiempo", the page's `<title>`).
        let repeated = lines.iter().enumerate().skip(1).take(4).find(|(_, l)| {
            l.chars().count() >= 8
                && (first.ends_with(l.as_str())
                    || first.strip_prefix(l.as_str()).is_some_and(|suffix| {
                        TITLE_SEPARATORS.iter().any(|s| suffix.starts_with(s))
                    }))
        });
        if let Some((i, l)) = repeated {
            title = l.clone();
            // The headline repeated whole has no breadcrumb before it: what
            // stands between (a deck) is read as the story's head is.
            start = if l == first { 1 } else { i + 1 };
        } else {
            title = strip_breadcrumb(strip_title_mark(first), rules);
            start = 1;
        }
    }
    let mut paragraphs: Vec<&str> = Vec::new();
    let mut date = release_date;
    let mut author: Option<String> = None;
    let body_lines = &lines[start.min(lines.len())..];
    for (at_line, line) in body_lines.iter().enumerate() {
        if *line == title {
            continue;
        }
        // "Te puede interesar:" alone over a list of links is the related
        // block, though the same label before one teaser inside the story
        // is only a line to drop.
        if !paragraphs.is_empty()
            && rules.is_related_heading(line)
            && body_lines
                .get(at_line + 1)
                .is_some_and(|next| is_list_item(next))
        {
            break;
        }
        // "share icon" is both a line to drop and, once the story has
        // started, its end; "SEE ALSO: …" is both a related heading and an
        // inline line to drop. End lines win over drop lines, drop lines
        // over related headings.
        if !paragraphs.is_empty() && rules.is_end_line(line) {
            break;
        }
        if rules.is_drop_line(line) {
            continue;
        }
        // A related-looking heading over prose is the story's own
        // subheading ("Tendencias y gustos"); comments and biographies are
        // prose too, and end the story all the same.
        let related = rules.is_related_heading(line)
            && (rules.is_closing_heading(line)
                || !body_lines
                    .get(at_line + 1)
                    .is_some_and(|next| is_prose(next)));
        if !paragraphs.is_empty() && related {
            break;
        }
        if related || rules.is_appeal(line) {
            continue;
        }
        // A short dateline / byline before the story starts. The date's
        // later change may follow on the same line.
        if paragraphs.is_empty() && rules.before_change(line).split_whitespace().count() <= 14 {
            if let Some((at, d)) = find_text_date_at(line, order) {
                // A date an event's name opens ("Régimen de excepción, día
                // 1: 27 de marzo de 2022"), or one a sentence tells ("El 27
                // de marzo de 2022 la Asamblea aprobó…", "La captura
                // ocurrió el 12 de marzo"), is told: the line is the
                // story's.
                let told = rules.names_event(&line[..at])
                    || super::date::in_span(
                        &line[..at],
                        &line[super::metadata::date_end(line, at)..],
                        order,
                    )
                    || (rules.date_label(&line[..at]) == DateLabel::Plain
                        && (super::metadata::told_by_its_words(&line[..at])
                            || is_sentence(line, at)));
                if !told {
                    // "Updated September 9, 2021", "Retrieved 2024-05-01
                    // from …": a later change or the copy's date, not the
                    // publication date.
                    let label = rules.date_label(&line[..at]);
                    let after = &line[super::metadata::date_end(line, at)..];
                    if label == DateLabel::Published
                        || (label == DateLabel::Plain && !rules.updated_after(after))
                    {
                        date.get_or_insert(d);
                    }
                    continue;
                }
            }
            // "By Ana Ruiz" above the story names its author; a date line
            // may follow it.
            if let Some(names) = rules.byline_names(line) {
                author.get_or_insert_with(|| names.to_string());
                continue;
            }
            // "Last modified: 12/03/2024" (a date not read): the page's
            // metadata, not the story.
            if rules.is_labelled_meta(line) {
                continue;
            }
        }
        if paragraphs.is_empty() && date.is_none() {
            date = opening_dateline(line, order);
        }
        paragraphs.push(line);
    }
    // "This article was originally published on …" in the story: the
    // scrape is of a republished copy.
    let first = paragraphs
        .iter()
        .filter(|line| rules.mentions_first_published(line))
        .find_map(|line| FirstPublished::read(&rules.first_published(line)?, order));
    let date = FirstPublished::settle(first, date.map(|d| (d, "dateline".to_string())));
    // A scrape that is one long line is all story: its headline was lost.
    if paragraphs.is_empty() && title.split_whitespace().count() > 25 {
        if let Some(first) = lines.first() {
            paragraphs.push(first);
            title.clear();
        }
    }
    Scrape {
        title,
        body: paragraphs.join("\n\n"),
        date,
        language: lang,
        url,
        author,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::FurnitureRules;

    fn rules() -> Prepared {
        Prepared::new(&FurnitureRules::builtin())
    }

    #[test]
    fn invisible_characters_leave_their_words_whole() {
        let mut text = "Sal\u{ad}vador, pan\u{200b}dillas, MS\u{2060}13\u{feff}; \
                        \u{200d}\u{200c} stay"
            .to_string();
        drop_invisible(&mut text);
        assert_eq!(text, "Salvador, pandillas, MS13; \u{200d}\u{200c} stay");
        let mut plain = "nothing to remove: ñandú «sí»".to_string();
        drop_invisible(&mut plain);
        assert_eq!(plain, "nothing to remove: ñandú «sí»");
    }

    #[test]
    fn a_joiner_inside_a_latin_word_goes_and_elsewhere_stays() {
        let mut text = "Osi\u{200c}ris Lu\u{200d}na, tortu\u{200c}ra; \
                        \u{645}\u{200c}\u{6cc} \u{915}\u{94d}\u{200d}\u{937} \u{1f469}\u{200d}\u{1f4bb}"
            .to_string();
        drop_invisible(&mut text);
        // Persian, Devanagari and an emoji sequence spell with them.
        assert_eq!(
            text,
            "Osiris Luna, tortura; \u{645}\u{200c}\u{6cc} \u{915}\u{94d}\u{200d}\u{937} \
             \u{1f469}\u{200d}\u{1f4bb}"
        );
    }

    #[test]
    fn control_characters_go_and_c1_codes_are_read_as_windows_1252() {
        let mut text = "capturados\u{7} en \u{1b}[31mSuchitoto\u{1b}[0m, we\u{92}re \
                        \u{93}MS13\u{94}\u{81}\ttab\nline"
            .to_string();
        drop_controls(&mut text);
        assert_eq!(
            text,
            "capturados en Suchitoto, we\u{2019}re \u{201c}MS13\u{201d}\ttab\nline"
        );
        let mut between = "la policia \u{1b}[31m local".to_string();
        drop_controls(&mut between);
        assert_eq!(between, "la policia local");
        let mut plain = "nothing «sí» — ñ\n".to_string();
        drop_controls(&mut plain);
        assert_eq!(plain, "nothing «sí» — ñ\n");
    }

    #[test]
    fn a_scrapes_character_references_are_decoded() {
        let text =
            "Los Sure&ntilde;os de Usulut&aacute;n, la Rep&#250;blica, &#xF1; y El Faro &amp; \
                    InSight&nbsp;Crime; AT&T; &bogus; &#0; & ;";
        assert_eq!(
            decode_references(text).as_deref(),
            Some("Los Sureños de Usulután, la República, ñ y El Faro & InSight\u{a0}Crime; AT&T; &bogus; &#0; & ;")
        );
        // One reference alone may be the text's own.
        assert_eq!(decode_references("Tom &amp; Jerry"), None);
        assert_eq!(decode_references("no references"), None);
    }

    #[test]
    fn decomposed_accents_are_composed() {
        let mut text = "investigacio\u{301}n, nin\u{303}o, pingu\u{308}ino, q\u{303}".to_string();
        compose_accents(&mut text);
        // A mark with no composed form stays as it is.
        assert_eq!(text, "investigación, niño, pingüino, q\u{303}");
        let mut plain = "investigación «sí» — ok".to_string();
        compose_accents(&mut plain);
        assert_eq!(plain, "investigación «sí» — ok");
    }

    #[test]
    fn collapse_agrees_with_splitting_on_whitespace() {
        for line in [
            "",
            " ",
            "one",
            "one two",
            " one two",
            "one two ",
            "one  two",
            "one\ttwo",
            "one\x0btwo",
            "uno\u{a0}dos",
            "ñandú y cóndor",
            "a\u{2003}b",
            "a\u{200b}b",
        ] {
            let expected = line.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse(line), expected, "{line:?}");
            assert_eq!(is_collapsed(line), expected == line, "{line:?}");
        }
    }

    #[test]
    fn glued_breadcrumb_without_repeat() {
        let r = rules();
        assert_eq!(
            strip_breadcrumb("HomeNewsEvidence of Gang Talks", &r),
            "Evidence of Gang Talks"
        );
        assert_eq!(
            strip_breadcrumb("InicioNoticiasLas pandillas negocian", &r),
            "Las pandillas negocian"
        );
        assert_eq!(
            strip_breadcrumb("McDonald's closes in San Salvador", &r),
            "McDonald's closes in San Salvador"
        );
        assert_eq!(strip_breadcrumb("Home > News > Gangs", &r), "Gangs");
    }

    #[test]
    fn a_breadcrumb_on_its_own_line_is_not_the_headline() {
        let story = "\n\nLa tregua y los Sureños\n\nLa tregua y los Sureños\n\n\
                     12 de marzo de 2013\n\n\
                     El ministro negó que hubiera negociación con las pandillas en los penales del país.";
        for trail in [
            "Inicio > Nacionales > Pandillas",
            "Inicio » Nacionales",
            "Inicio | Nacionales",
            "Home / News / El Salvador",
        ] {
            let s = extract(&format!("{trail}{story}"), &rules());
            assert_eq!(s.title, "La tregua y los Sureños", "{trail}");
            assert_eq!(
                s.date.map(|d| d.0),
                NaiveDate::from_ymd_opt(2013, 3, 12),
                "{trail}"
            );
            assert!(s.body.starts_with("El ministro"), "{trail}: {}", s.body);
        }
        // A trail glued to the headline on one line keeps its last part.
        let s = extract(
            "Home > News > Gangs met officials in the prisons\n\nThe story.",
            &rules(),
        );
        assert_eq!(s.title, "Gangs met officials in the prisons");
        // The page's `<title>` line, then a section, then the headline.
        let s = extract(
            "Clan del Golfo: capturan a alias Gonzalito - Justicia - El Tiempo\n\nJusticia\n\n\
             Clan del Golfo: capturan a alias Gonzalito\n\n\
             La Policía capturó en zona rural de Necoclí a alias Gonzalito, uno de los cabecillas.",
            &rules(),
        );
        assert_eq!(s.title, "Clan del Golfo: capturan a alias Gonzalito");
        assert!(s.body.starts_with("La Policía"), "{}", s.body);
        // A headline that merely opens the first line stays whole.
        let s = extract(
            "Gangs - the new law\n\nGangs\n\nThe story of the new law on gangs in the country.",
            &rules(),
        );
        assert_eq!(s.title, "Gangs - the new law");
    }

    #[test]
    fn other_languages_wire_copy_labels_are_read() {
        // Day first, the change labelled in Portuguese, French, German.
        for (text, want) in [
            ("Título da notícia\n\nPublicado em 04/03/2023 às 10h20 Atualizado em 28/03/2023\n\n\
              A polícia prendeu o líder da facção no Rio de Janeiro nesta manhã de sábado.", Some((2023, 3, 4))),
            ("Titre de l'article\n\nMis à jour le 28/03/2023 à 09:12\n\n\
              La police a arrêté le chef du gang dans la capitale haïtienne ce samedi matin.", None),
            ("Titel des Artikels\n\nVeröffentlicht am 12. März 2023\n\n\
              Die Polizei hat den Anführer der Bande in der Hauptstadt am Samstag festgenommen.", Some((2023, 3, 12))),
        ] {
            let s = extract(text, &rules());
            let want = want.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
            assert_eq!(s.date.map(|d| d.0), want, "{text}");
        }
        // A related teaser line in another language is not the story's.
        let s = extract(
            "Titre de l'article\n\nLa police a arrêté le chef du gang dans la capitale ce samedi matin.\n\n\
             Lire aussi : Le gang 400 Mawozo libère cinq otages\n\nLa suite de l'histoire du gang.",
            &rules(),
        );
        assert!(!s.body.contains("Mawozo"), "{}", s.body);
    }

    #[test]
    fn a_wire_dateline_opening_the_story_dates_it() {
        let date = |first: &str| {
            let text = format!("La tregua y los Sureños\n\n{first} negó que hubiera negociación con las pandillas en los penales del país, según fuentes oficiales.");
            extract(&text, &rules()).date.map(|d| d.0)
        };
        let day = NaiveDate::from_ymd_opt(2013, 3, 12);
        for dated in [
            "SAN SALVADOR, 12 de marzo de 2013. El ministro",
            "San Salvador, 12 de marzo de 2013.- El ministro",
            "San Salvador, 12 de marzo de 2013 — El ministro",
            "SAN SALVADOR, March 12, 2013 (Reuters) - The minister",
            "Ciudad de Guatemala, 12 March 2013: The minister",
            "San Salvador, martes 12 de marzo de 2013.- El ministro",
            "SAN SALVADOR, martes, 12 de marzo de 2013. El ministro",
            "WASHINGTON, Tuesday, March 12, 2013 (Reuters) - The minister",
        ] {
            assert_eq!(date(dated), day, "{dated}");
        }
        // A sentence that starts with a date, or a date further in, is the
        // story's, not a dateline.
        for undated in [
            "Ayer, 12 de marzo de 2013, el ministro",
            "El lunes, 12 de marzo de 2013, el ministro",
            "El martes 12 de marzo de 2013.- el ministro",
            // 12 March 2013 was a Tuesday: a dateline that says otherwise
            // is wrong somewhere, and no date is better than a wrong one.
            "San Salvador, miércoles 12 de marzo de 2013.- El ministro",
            "SAN SALVADOR, Monday, March 12, 2013 (Reuters) - The minister",
            "San Salvador, 12 de marzo de 2013. El ministro",
            "El ministro que el 12 de marzo de 2013",
            "Según la fiscalía y los jueces del caso, que hablaron con este periódico, SAN SALVADOR, 12 de marzo de 2013 -",
        ] {
            assert_eq!(date(undated), None, "{undated}");
        }
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "Gangs Talk Again: A Headline Long Enough To Be Wrapped Here\nBy A. Reporter\n\nThe investigation found that the government negotiated with\n            the gangs in the prisons.\nA second sentence on its own line.\n\nShort line\nOther short";
        let s = extract(text, &rules());
        assert_eq!(
            s.title,
            "Gangs Talk Again: A Headline Long Enough To Be Wrapped Here"
        );
        // The byline above the story names its author.
        assert_eq!(s.author.as_deref(), Some("A. Reporter"));
        assert_eq!(
            s.body,
            "The investigation found that the government negotiated with the gangs in the prisons.\n\n\
             A second sentence on its own line.\n\nShort line\n\nOther short"
        );
        // Paragraphs one a line, no blank line between: the repeated
        // headline, the deck and the dateline are lines of their own, as
        // short as a wrapped line but far shorter than the text's width.
        let paragraph = "El presidente condenó la masacre ocurrida anoche en la ciudad, en la que \
            un sujeto abrió fuego de manera indiscriminada contra los asistentes a un concierto";
        let text = format!(
            "Peña Nieto condena atentado en concierto\n\nPeña Nieto condena atentado en concierto\n\
             El presidente expresó su solidaridad con las víctimas y sus familias\nCIUDAD DE MÉXICO\n\
             {paragraph}\n{paragraph}\n{paragraph}"
        );
        let s = extract(&text, &rules());
        assert!(
            s.body.starts_with(
                "El presidente expresó su solidaridad con las víctimas y sus familias\n\n"
            ),
            "{}",
            s.body
        );
        assert_eq!(s.body.matches("Peña Nieto").count(), 0, "{}", s.body);
        // The deck before the repeated headline is the story's.
        let text = format!(
            "Realizan paro en la Facultad\nLos estudiantes protestan contra el acoso en la facultad\n\
             Realizan paro en la Facultad\n{paragraph}\n{paragraph}"
        );
        let s = extract(&text, &rules());
        assert_eq!(s.title, "Realizan paro en la Facultad");
        assert!(
            s.body.starts_with("Los estudiantes protestan"),
            "{}",
            s.body
        );
        assert!(!s.body.contains("Realizan paro"), "{}", s.body);
    }

    #[test]
    fn spanish_scrape() {
        let text = "InicioNoticiasLa tregua entre pandillas\n\nLa tregua entre pandillas\n\n\
            8 de septiembre de 2021\n\n\
            El gobierno negoció con las pandillas de El Salvador, según documentos de la fiscalía.\n\n\
            VER TAMBIÉN: Perfil de El Salvador\n\n\
            Las cárceles recibieron beneficios a cambio de reducir los homicidios en el país.\n\n\
            Lo más leído\n\nOtra nota 3 de mayo de 2015\n";
        let s = extract(text, &rules());
        assert_eq!(s.title, "La tregua entre pandillas");
        assert_eq!(s.date.map(|d| d.0), NaiveDate::from_ymd_opt(2021, 9, 8));
        assert!(s.body.starts_with("El gobierno negoció"));
        assert!(s.body.ends_with("en el país."), "{}", s.body);
        assert!(!s.body.contains("VER TAMBIÉN"));
        assert_eq!(s.language, Some("es"));
    }

    /// QA pass 12: a French scrape, now labelled `fr`, still reads its
    /// numeric dates day first, as when it was labelled Spanish.
    #[test]
    fn a_french_scrape_reads_its_date_day_first() {
        let text = "Haïti: le Premier ministre accepte de démissionner\n\n\
            Port-au-Prince (AFP) - publié le 3/4/2023 à 18h12\n\n\
            Le Premier ministre haïtien a accepté de démissionner, ont annoncé des dirigeants \
            caribéens réunis en Jamaïque, alors que la coalition de gangs contrôle une grande \
            partie de la capitale.";
        let s = extract(text, &rules());
        assert_eq!(s.language, Some("fr"));
        assert_eq!(s.date.map(|d| d.0), NaiveDate::from_ymd_opt(2023, 4, 3));
    }

    #[test]
    fn updated_line_is_not_the_date_of_a_scrape() {
        let text =
            "Gangs Talk Again In The Prisons Of El Salvador\n\nUpdated September 9, 2021\n\n\
            The investigation found that the government negotiated with the gangs in the prisons.";
        assert_eq!(extract(text, &rules()).date, None);
        let text = "La tregua entre pandillas\n\nActualizado: 9 de septiembre de 2021\n\n\
            El gobierno negoció con las pandillas de El Salvador, según documentos de la fiscalía.";
        assert_eq!(extract(text, &rules()).date, None);
    }

    #[test]
    fn a_byline_above_the_date_line_names_the_author() {
        let text = "Inside the Cartel's Fentanyl Labs\n\nBy Natalie Kitroeff\n\
            Published March 3, 2021Updated March 5, 2021, 4:12 p.m. ET\n\n\
            CULIACÁN, Mexico — The cartel has built a network of clandestine labs in the hills.";
        let s = extract(text, &rules());
        assert_eq!(s.author.as_deref(), Some("Natalie Kitroeff"));
        assert_eq!(s.date.map(|d| d.0), NaiveDate::from_ymd_opt(2021, 3, 3));
        assert!(s.body.starts_with("CULIACÁN"), "{}", s.body);
        let text = "La tregua entre pandillas\n\nPor: Ana Ruiz\n8 de septiembre de 2021\n\n\
            El gobierno negoció con las pandillas de El Salvador, según documentos de la fiscalía.";
        let s = extract(text, &rules());
        assert_eq!(s.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(s.date.map(|d| d.0), NaiveDate::from_ymd_opt(2021, 9, 8));
        // A sentence that opens with "By" is the story's.
        let text = "Headline of the story\n\nBy Monday the army had left the town, and \
            the families of the victims returned to their homes in the hills.";
        let s = extract(text, &rules());
        assert_eq!(s.author, None);
        assert!(s.body.starts_with("By Monday"));
    }

    #[test]
    fn a_date_line_naming_its_later_change_dates_the_scrape() {
        let text = "MS-13 member sentenced for 2017 killing\n\n\
            Posted: Mar 16, 2021 / 04:15 PM EDT / Updated: Mar 17, 2021 / 09:02 AM EDT\n\n\
            CENTRAL ISLIP, N.Y. — A member of MS-13 was sentenced Tuesday to 50 years in prison.";
        let s = extract(text, &rules());
        assert_eq!(s.date.map(|d| d.0), NaiveDate::from_ymd_opt(2021, 3, 16));
        assert!(s.body.starts_with("CENTRAL ISLIP"), "{}", s.body);
        // In running text the same words are a sentence, dated by nothing.
        let text = "Headline of the story\n\nOn March 16, 2021 the gang changed its leaders \
            in the prisons of the east, and the police said the killings would go on.";
        let s = extract(text, &rules());
        assert_eq!(s.date, None);
        assert!(s.body.starts_with("On March 16"));
    }

    #[test]
    fn a_scrape_of_a_republished_story_is_dated_as_it_says() {
        let text = "La tregua entre pandillas\n\n8 de septiembre de 2023\n\n\
            El gobierno negoció con las pandillas de El Salvador, según documentos de la fiscalía.\n\n\
            Este artículo fue publicado originalmente el 3 de marzo de 2020.";
        let s = extract(text, &rules());
        assert_eq!(
            s.date,
            Some((
                NaiveDate::from_ymd_opt(2020, 3, 3).unwrap(),
                super::super::date::FIRST_PUBLISHED_SOURCE.to_string()
            ))
        );
        // A month stated that the dateline falls outside: no date.
        let text = "Gangs Talk Again\n\nSeptember 8, 2023\n\n\
            The investigation found that the government negotiated with the gangs.\n\n\
            Originally published in March 2020.";
        assert_eq!(extract(text, &rules()).date, None);
    }

    #[test]
    fn copy_and_event_dates_are_not_the_date_of_a_scrape() {
        let story = "\n\nThe investigation found that the government negotiated with the gangs in the prisons.";
        for line in [
            "Retrieved 2024-05-01 from https://example.org/news/gangs",
            "Accessed May 1, 2024",
            "Printed on May 1, 2024",
            "Saved: May 1, 2024",
            "Fecha de consulta: 1 de mayo de 2024",
            "Consultado el 1 de mayo de 2024",
            "Impreso el 1 de mayo de 2024",
            "Descargado el 1 de mayo de 2024",
            "Day 3 of the trial: May 1, 2024",
        ] {
            let text = format!("Gangs Talk Again In The Prisons\n\n{line}{story}");
            assert_eq!(extract(&text, &rules()).date, None, "{line}");
        }
        let text =
            "La tregua entre pandillas\n\nRégimen de excepción, día 1: 27 de marzo de 2022\n\n\
            El gobierno negoció con las pandillas de El Salvador, según documentos de la fiscalía.";
        let s = extract(text, &rules());
        assert_eq!(s.date, None);
        assert!(s.body.starts_with("Régimen de excepción"), "{}", s.body);
        // A plain or published date line still dates it.
        let text = format!("Gangs Talk Again In The Prisons\n\nPublished May 1, 2024{story}");
        assert_eq!(
            extract(&text, &rules()).date.map(|d| d.0),
            NaiveDate::from_ymd_opt(2024, 5, 1)
        );
    }

    #[test]
    fn a_scrapers_header_is_neither_headline_nor_story() {
        let story = "Bukele fires police chief\n\n\
            The president dismissed the head of the national police on Tuesday, without giving a reason.";
        let mail = format!(
            "From: scraper@newsroom.example\nDate: Mon, 05 Feb 2024 03:12:44 -0600\n\
             Subject: Bukele fires police chief\n\n{story}"
        );
        let s = extract(&mail, &rules());
        assert_eq!(s.title, "Bukele fires police chief");
        assert_eq!(s.date, None);
        assert!(s.body.starts_with("The president"), "{}", s.body);
        let saved = format!(
            "Saved: 2024-05-01 03:12\nSource: https://example.org/2019/03/12/police-chief\n\n{story}"
        );
        let s = extract(&saved, &rules());
        assert_eq!(s.title, "Bukele fires police chief");
        assert_eq!(s.date, None);
        assert_eq!(
            s.url.as_deref(),
            Some("https://example.org/2019/03/12/police-chief")
        );
        assert!(s.body.starts_with("The president"), "{}", s.body);
        // One "Key: value" line alone is the headline.
        let s = extract(&format!("Fuente: la fiscalía\n\n{story}"), &rules());
        assert_eq!(s.title, "Fuente: la fiscalía");
    }

    #[test]
    fn labelled_meta_lines_open_no_scrape_story() {
        let text = "Bukele destituye al director de la Policía\nFecha: 14/02/2024\nAutor: Redacción\n\n\
            El presidente destituyó este martes al director de la Policía Nacional Civil, sin dar razones.";
        let s = extract(text, &rules());
        assert!(s.body.starts_with("El presidente"), "{}", s.body);
        let text = "Bukele fires police chief\nLast modified: 12/03/2024\n\n\
            The president dismissed the head of the national police on Tuesday, without giving a reason.";
        let s = extract(text, &rules());
        assert!(s.body.starts_with("The president"), "{}", s.body);
        assert_eq!(s.date, None);
    }

    #[test]
    fn a_word_broken_at_a_line_end_is_joined() {
        let text = "Gangs Talk Again\n\nThe prison director, appointed by President Nayib Buke-\n\
            le in 2019, met leaders of the MS-\n13 and the anti-\nGang unit in the prisons.\n\n\
            A second paragraph.";
        let s = extract(text, &rules());
        assert_eq!(
            s.body,
            "The prison director, appointed by President Nayib Bukele in 2019, met leaders of \
             the MS-13 and the anti-Gang unit in the prisons.\n\nA second paragraph."
        );
        // A soft hyphen (a PDF's copy) or U+2010 at a line end breaks a
        // word too; invisible characters go before the rules read a line.
        let text = "Gangs Talk Again\n\nMiembros de la Mara Salva\u{ad}\ntrucha y de la \
            Salva\u{2010}\ntrucha, señalados de extorsio\u{ad}\nnar a transportistas.\n\n\
            Lee tam\u{ad}bién: Bukele anuncia otra fase\n\nFin del caso.";
        let s = extract(text, &rules());
        assert_eq!(
            s.body,
            "Miembros de la Mara Salvatrucha y de la Salvatrucha, señalados de extorsionar a \
             transportistas.\n\nFin del caso."
        );
        // The hyphen closing an aside opened in the sentence is no break.
        let text = "Ola de calor\n\nLos médicos recomiendan beber al menos dos litros de agua -ocho vasos-\n\
            de líquidos cada día. La pandilla -según la policía- controla Soya-\npango.";
        let s = extract(text, &rules());
        assert_eq!(
            s.body,
            "Los médicos recomiendan beber al menos dos litros de agua -ocho vasos- de líquidos \
             cada día. La pandilla -según la policía- controla Soyapango."
        );
        // A dash between words, or a paragraph's end, joins nothing.
        let text = "Gangs Talk Again\n\nThe minister spoke -\nand left.\n\nEnd -\n\nNext.";
        let s = extract(text, &rules());
        assert_eq!(
            s.body,
            "The minister spoke -\n\nand left.\n\nEnd -\n\nNext."
        );
    }

    #[test]
    fn seed_scrape() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/seed/insightcrime-gang-negotiations.txt");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("seed not found at {}; skipping", path.display());
            return;
        };
        let s = extract(&text, &rules());
        assert_eq!(
            s.title,
            "Evidence of Gang Negotiations Belie El Salvador President\u{2019}s Claims"
        );
        assert!(s.body.starts_with(
            "A scrapped investigation by El Salvador\u{2019}s former Attorney General"
        ));
        let last = s.body.rsplit("\n\n").next().unwrap_or("");
        assert!(last.starts_with("US prosecutors had championed"), "{last}");
        for furniture in [
            "SEE ALSO",
            "share icon",
            "Was this content helpful",
            "We want to sustain",
            "Related Content",
            "About InSight Crime",
            "8 MAY 2015",
        ] {
            assert!(!s.body.contains(furniture), "{furniture}");
        }
        assert!(s.body.contains("InSight Crime Analysis"));
        assert_eq!(s.date, None);
    }
}
