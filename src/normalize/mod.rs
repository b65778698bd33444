//! Normalization: turns the bytes of one archived file into an [`Article`].
//!
//! This module owns decoding (BOM, `<meta charset>`, detection), the choice
//! between the HTML path (html5ever DOM, boilerplate removal, metadata) and
//! the plain-text scrape path, and the metadata evidence (`date_source`, …).
//! It does not know about actors or the index: those stages take the
//! `Article` it returns.
//!
//! Files: `decode` (binary sniff, encoding; `mojibake` repairs
//! double-encoded text), `depth` (nesting cap before parsing), `dom` (flat
//! pre-order DOM, iterative passes), `html` (article block and paragraphs),
//! `metadata` (title, date, URL, author, declared language, with their
//! sources), `date` (date parsing), `text` (plain-text scrapes), `language`
//! (tags and detection), `rules` (prepared furniture rules).

mod date;
mod decode;
mod depth;
mod dom;
mod html;
mod language;
mod metadata;
mod mojibake;
mod react;
mod rules;
mod stream;
mod text;

pub(crate) use date::month_number;

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use decode::{decode, Decoded};
pub use stream::{reading_weight, MAX_DOM_WEIGHT};

/// Words and phrases that mark page furniture, loaded from
/// `index-schema/furniture.toml` so that rules stay data, not code.
#[derive(Debug, Clone, Default, Hash, Deserialize, Serialize)]
pub struct FurnitureRules {
    /// Headings or lines that start a "related content" / "most read" / "about
    /// the site" block; everything from such a line on is dropped in a text
    /// scrape, and the block is dropped in HTML.
    #[serde(default)]
    pub related_headings: Vec<String>,
    /// Headings that end the story even over prose (comments, the
    /// author's biography); also related headings.
    #[serde(default)]
    pub closing_headings: Vec<String>,
    /// Lines (or line prefixes) dropped wherever they appear: "SEE ALSO:",
    /// share-icon residue, "Was this content helpful?".
    #[serde(default)]
    pub drop_line_prefixes: Vec<String>,
    /// Phrases of donation, newsletter, subscription and cookie appeals.
    #[serde(default)]
    pub appeal_phrases: Vec<String>,
    /// Fragments of `class`/`id` attribute values that mark boilerplate.
    #[serde(default)]
    pub boilerplate_class_fragments: Vec<String>,
    /// First words of an "About <Site>" line that opens the about-the-site
    /// block at the end of a scrape ("about", "acerca de").
    #[serde(default)]
    pub about_prefixes: Vec<String>,
    /// Lines from which the rest of a text scrape is dropped once the article
    /// has started ("share icon", "Was this content helpful?").
    #[serde(default)]
    pub end_of_article_lines: Vec<String>,
    /// Fragments of `class`/`id` values that mark the article body; such a
    /// block is never dropped as boilerplate.
    #[serde(default)]
    pub content_class_fragments: Vec<String>,
    /// Navigation words a scrape glues in front of the headline ("Home",
    /// "Noticias").
    #[serde(default)]
    pub breadcrumb_words: Vec<String>,
    /// Words that, just before a date shown on the page, mark it as the
    /// date of a later change ("Updated", "Actualizado"): never the
    /// publication date.
    #[serde(default)]
    pub updated_labels: Vec<String>,
    /// Words that, just before a date shown on the page, mark it as the
    /// publication date ("Published", "Publicado").
    #[serde(default)]
    pub published_labels: Vec<String>,
    /// Labels before a colon that introduce the page's own date without
    /// naming it the publication's ("Fecha:", "Date:"); any other label
    /// names an event ("Born:", "Arrested:").
    #[serde(default)]
    pub date_line_labels: Vec<String>,
    /// First words of a byline ("By", "Por"): such a short line at the
    /// start or end of the article text is dropped.
    #[serde(default)]
    pub byline_prefixes: Vec<String>,
    /// Fragments of `class`/`id` values of furniture that is long prose
    /// (comments, reader reviews, author bios): such a block stays dropped
    /// however much unlinked prose it holds.
    #[serde(default)]
    pub prose_furniture_class_fragments: Vec<String>,
    /// Headings of the story's questions-and-answers section ("FAQ",
    /// "Preguntas frecuentes"), which templates often set apart from the
    /// article block: such a section just after the article is kept.
    #[serde(default)]
    pub faq_headings: Vec<String>,
    /// Fragments of `class`/`id` values of blocks that list other items
    /// with their own dates (comments, related teasers): a `<time>` inside
    /// one is not the article's date.
    #[serde(default)]
    pub other_items_class_fragments: Vec<String>,
    /// Fragments of `class`/`id`/`itemprop` values of the elements that
    /// hold a story's byline or date line ("byline", "post-meta",
    /// "fecha"): a date in one is the article's own, wherever it sits.
    #[serde(default)]
    pub dateline_class_fragments: Vec<String>,
    /// Words that date the article's first appearance ("Originally
    /// published on …", "Publicado originalmente el …").
    #[serde(default)]
    pub first_published_labels: Vec<String>,
    /// What a sentence may open with before one of those words ("This
    /// article", "Este artículo").
    #[serde(default)]
    pub first_published_subjects: Vec<String>,
    /// Verbs that may stand between such a subject and the words ("was",
    /// "fue").
    #[serde(default)]
    pub first_published_verbs: Vec<String>,
    /// Labels that open a link to another story ("Lee:", "LEA TAMBIÉN |"):
    /// a short block of one of them and a single link is a teaser.
    #[serde(default)]
    pub teaser_labels: Vec<String>,
    /// Whole words of `class`/`id` values that mark boilerplate ("autor",
    /// "bio").
    #[serde(default)]
    pub boilerplate_class_words: Vec<String>,
    /// Words that, before a date, say it is the date a copy was made
    /// ("Retrieved", "Impreso el"): never the publication date.
    #[serde(default)]
    pub copy_date_labels: Vec<String>,
    /// Words that, before a date, say it is today's date ("Hoy es",
    /// "Today is"): a masthead's date of the day the page was viewed or
    /// saved, never the publication date.
    #[serde(default)]
    pub today_date_labels: Vec<String>,
    /// Keys of a scraper's or mail gateway's header lines ("From:",
    /// "Saved:", "Source:") above a text scrape.
    #[serde(default)]
    pub scraper_header_keys: Vec<String>,
    /// Those of the header keys whose value is the page's address.
    #[serde(default)]
    pub scraper_url_keys: Vec<String>,
    /// `<title>`s that are a generic label ("Versión para imprimir").
    #[serde(default)]
    pub generic_titles: Vec<String>,
    /// The mark a press release opens with ("FOR IMMEDIATE RELEASE"): the
    /// lines above it (the issuer) are no headline, and a date right
    /// after it is the release's.
    #[serde(default)]
    pub release_marks: Vec<String>,
}

impl FurnitureRules {
    /// Parses `furniture.toml`.
    pub fn from_toml_str(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    /// The default rules, `index-schema/furniture.toml` as embedded in the
    /// binary.
    pub fn builtin() -> Self {
        Self::from_toml_str(BUILTIN_FURNITURE)
            .expect("the embedded furniture.toml is valid (checked by a test)")
    }
}

/// The embedded copy of `index-schema/furniture.toml`.
pub const BUILTIN_FURNITURE: &str = include_str!("../../index-schema/furniture.toml");

/// An article as the normalizer reads it: the text and metadata, before actor
/// tagging.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// The headline, without site-name suffixes or breadcrumbs.
    pub title: String,
    /// The article text alone; paragraphs separated by a blank line.
    pub body: String,
    /// Publication date, `None` where it cannot be found with confidence.
    pub date: Option<NaiveDate>,
    /// Where the date came from, e.g. `"json-ld datePublished"`.
    pub date_source: Option<String>,
    /// Canonical URL of the article, where the page gives one.
    pub url: Option<String>,
    /// Author, where the page gives one.
    pub author: Option<String>,
    /// ISO 639-1 code: `"en"`, `"es"`, … (defaults to `"en"`).
    pub language: String,
    /// The text encoding the bytes were read as, e.g. `"windows-1252"`.
    pub encoding: String,
    /// Where the title came from: `"og:title"`, `"json-ld headline"`, `"h1"`,
    /// `"title"`, `"first line"` (text scrape), …
    pub title_source: Option<String>,
    /// Where the language came from: `"html lang"`, `"og:locale"`,
    /// `"content-language"`, `"detected"` or `"default"`.
    pub language_source: String,
}

/// Why a file could not be normalized. Each is reported and the file skipped.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NormalizeError {
    /// The file has no bytes.
    #[error("empty file")]
    Empty,
    /// The bytes are not text (an image, a PDF, binary junk).
    #[error("not a text or HTML file ({0})")]
    Binary(String),
    /// The file decoded, but no article text was found in it.
    #[error("no article text found")]
    NoText,
    /// The file is text, but many articles or none: a news feed.
    #[error("not an article ({0})")]
    NotAnArticle(String),
    /// Reading the page stopped on a bug (a panic): the file is skipped
    /// and reported, and the rest of the archive is indexed.
    #[error("internal error reading this page ({0}); this is a bug in dossier, please report it with the file")]
    Internal(String),
}

/// The kind of feed `text` is, if it is one: RSS 2.0 or 0.9x, RSS 1.0
/// (RDF), Atom or a sitemap's list of pages, by its root element. A feed lists many stories with
/// their dates; read as one page it became an "article" dated by its first
/// item and tagged with every actor of every item, so a search for two
/// actors found them "together" where no story named both.
fn feed_kind(text: &str) -> Option<&'static str> {
    let mut head = text.trim_start_matches('\u{feff}').trim_start();
    // Past the XML declaration, processing instructions, comments and a
    // doctype, to the root element.
    for _ in 0..16 {
        let skip = if head.starts_with("<?") {
            head.find("?>").map(|i| i + 2)
        } else if head.starts_with("<!--") {
            head.find("-->").map(|i| i + 3)
        } else if head.starts_with("<!") {
            head.find('>').map(|i| i + 1)
        } else {
            break;
        };
        head = head[skip?..].trim_start();
    }
    let root: String = head
        .chars()
        .skip(1)
        .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_'))
        .collect::<String>()
        .to_ascii_lowercase();
    if !head.starts_with('<') {
        return None;
    }
    match root.as_str() {
        "rss" => Some("an RSS news feed"),
        "rdf:rdf" => Some("an RSS 1.0 news feed"),
        "feed" => Some("an Atom news feed"),
        "urlset" | "sitemapindex" => Some("a sitemap"),
        _ => None,
    }
}

/// Whether decoded text is an HTML page: content sniffing first, then the
/// file extension.
fn looks_like_html(text: &str, path: &Path) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_lowercase();
    let markers = [
        "<!doctype",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
        "<?xml",
    ];
    if markers.iter().any(|m| head.starts_with(m)) {
        return true;
    }
    let tags = [
        "<html", "<head", "<body", "<p>", "<p ", "<div", "<article", "<br",
    ];
    if tags.iter().any(|m| head.contains(m)) {
        return true;
    }
    // `page.html.gz` was read decompressed.
    let ext = crate::ingest::uncompressed_name(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx") => {
            head.contains('<') && head.contains('>')
        }
        _ => false,
    }
}

thread_local! {
    /// The last rules prepared on this thread, by fingerprint: preparing
    /// (lowercasing, building automata) costs more than a small page.
    static PREPARED: std::cell::RefCell<Option<(u64, std::rc::Rc<rules::Prepared>)>> =
        const { std::cell::RefCell::new(None) };
}

fn prepared_rules(rules: &FurnitureRules) -> std::rc::Rc<rules::Prepared> {
    use std::hash::{Hash, Hasher};
    // Every list, a new one too, is part of the key. Hashed for every
    // article (some 400 strings): Fx, SipHash was half a percent of a build.
    let mut h = rustc_hash::FxHasher::default();
    rules.hash(&mut h);
    let key = h.finish();
    PREPARED.with(|cell| {
        if let Some((k, p)) = &*cell.borrow() {
            if *k == key {
                return p.clone();
            }
        }
        let p = std::rc::Rc::new(rules::Prepared::new(rules));
        *cell.borrow_mut() = Some((key, p.clone()));
        p
    })
}

/// Text a reporter typed or pasted (a query), cleaned as an article's text
/// is: the invisible characters dropped and accents written as combining
/// marks composed, so `Sureños` pasted from a macOS file name, or `pri­son`
/// with a soft hyphen from a web page, finds what the word finds. Also
/// full-width forms (`ＭＳ１３`, from East Asian input methods) written as
/// the ASCII they stand for, which the registry's names and the query
/// syntax use.
pub fn clean_typed(text: &str) -> String {
    let mut text: String = text
        .chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect();
    text::drop_invisible(&mut text);
    text::compose_accents(&mut text);
    text
}

/// Normalizes one file. `path` is used only for hints (extension, a date in
/// the file name is *not* trusted).
pub fn normalize(
    bytes: &[u8],
    path: &Path,
    rules: &FurnitureRules,
) -> Result<Article, NormalizeError> {
    normalize_saved(bytes, path, rules, None)
}

/// [`normalize`] a page saved from `saved_from` (the address an MHTML file
/// or a web archive records): the article's URL when the page names none,
/// and so a date from the URL's path (`/2021/09/08/`) where nothing else
/// dates it.
///
/// A panic while reading the page (a bug) is caught and returned as
/// [`NormalizeError::Internal`]: one odd page must not stop a night's
/// build of the whole archive.
pub fn normalize_saved(
    bytes: &[u8],
    path: &Path,
    rules: &FurnitureRules,
    saved_from: Option<&str>,
) -> Result<Article, NormalizeError> {
    // The page's own state is dropped with the unwinding; the per-thread
    // prepared rules are replaced whole, never left half-written.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        normalize_unguarded(bytes, path, rules, saved_from)
    }))
    .unwrap_or_else(|payload| {
        Err(NormalizeError::Internal(
            crate::bug::panic_message(&*payload).to_string(),
        ))
    })
}

/// Bytes that make the normalizer panic, to test that a panic is caught.
#[cfg(test)]
pub(crate) const PANIC_PROBE: &[u8] = b"<html><body><p>dossier test: panic here</p></body></html>";

fn normalize_unguarded(
    bytes: &[u8],
    path: &Path,
    rules: &FurnitureRules,
    saved_from: Option<&str>,
) -> Result<Article, NormalizeError> {
    #[cfg(test)]
    if bytes == PANIC_PROBE {
        panic!("the test's probe page");
    }
    let Decoded {
        mut text,
        encoding,
        repaired,
        stray_bytes,
    } = decode(bytes)?;
    // Before any rule reads a word: "Artículos relacionados" saved
    // decomposed (macOS) must still be the related heading it is.
    text::compose_accents(&mut text);
    if text.trim().is_empty() {
        return Err(NormalizeError::NoText);
    }
    if let Some(kind) = feed_kind(&text) {
        return Err(NormalizeError::NotAnArticle(kind.to_string()));
    }
    let prepared = prepared_rules(rules);
    let prepared = &*prepared;
    let mut article = if looks_like_html(&text, path) {
        if reading_weight(text.as_bytes()) > MAX_DOM_WEIGHT {
            normalize_oversized_html(&text, prepared)
        } else {
            normalize_html(&text, prepared, saved_from)
        }
    } else {
        match text::decode_references(&text) {
            Some(decoded) => normalize_text(&decoded, prepared),
            None => normalize_text(&text, prepared),
        }
    };
    // Scrapes drop them line by line before their rules run; a page's
    // characters come from its markup too (`&shy;`, `&#769;`).
    for field in [&mut article.title, &mut article.body]
        .into_iter()
        .chain(article.author.as_mut())
    {
        text::drop_invisible(field);
        text::drop_controls(field);
        text::compose_accents(field);
    }
    if article.body.trim().is_empty() {
        return Err(NormalizeError::NoText);
    }
    article.encoding = match (repaired, stray_bytes) {
        (false, 0) => encoding.to_string(),
        (true, 0) => format!("{encoding} (double-encoded, repaired)"),
        (repaired, n) => format!(
            "{encoding} ({n} stray windows-1252 byte{}{})",
            if n == 1 { "" } else { "s" },
            if repaired {
                "; double-encoded, repaired"
            } else {
                ""
            }
        ),
    };
    Ok(article)
}

fn normalize_text(text: &str, rules: &rules::Prepared) -> Article {
    let s = text::extract(text, rules);
    let (language, language_source) = match s.language {
        Some(l) => (l.to_string(), "detected".to_string()),
        None => (
            language::DEFAULT_LANGUAGE.to_string(),
            "default".to_string(),
        ),
    };
    Article {
        title_source: (!s.title.is_empty()).then(|| "first line".to_string()),
        title: s.title,
        body: s.body,
        date: s.date.as_ref().map(|d| d.0),
        date_source: s.date.map(|d| d.1),
        url: s.url,
        author: s.author,
        language,
        encoding: String::new(),
        language_source,
    }
}

/// A page too large to hold as a DOM ([`stream`]): its text, read as a
/// scrape is, and no date (the flattened text of a whole page holds the
/// sidebars' dates too).
fn normalize_oversized_html(text: &str, rules: &rules::Prepared) -> Article {
    let mut article = normalize_text(&stream::page_text(text), rules);
    article.date = None;
    article.date_source = None;
    article.title_source = (!article.title.is_empty())
        .then(|| "first line of the page read as text (too large to read as HTML)".to_string());
    article
}

/// The address SingleFile records in the comment it writes at the top of
/// a page it saves (" Page saved with SingleFile \n url: https://… \n
/// saved date: …"), the page's own when it names none.
fn singlefile_address(text: &str) -> Option<&str> {
    let head = text.get(..text.len().min(2048)).unwrap_or(text);
    let comment = &head[head.find("<!--")?..];
    let comment = &comment[..comment.find("-->").unwrap_or(comment.len())];
    if !comment.contains("Page saved with SingleFile") {
        return None;
    }
    comment.lines().find_map(|line| {
        line.trim()
            .strip_prefix("url: ")
            .map(str::trim)
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
            .filter(|u| !u.contains(char::is_whitespace))
    })
}

fn normalize_html(text: &str, rules: &rules::Prepared, saved_from: Option<&str>) -> Article {
    let saved_from = saved_from.or_else(|| singlefile_address(text));
    let mut doc = scraper::Html::parse_document(&depth::cap_depth(text));
    if react::may_stream(text) {
        react::place_streamed_segments(&mut doc);
    }
    let dom = dom::Dom::new(&doc);
    let meta = metadata::PageMeta::read(&dom);
    let (title, title_source) = match meta.title() {
        // A print view's "Versión para imprimir" names the page's kind:
        // its first headline is the story's.
        Some((t, _)) if rules.is_generic_title(&t) => first_heading(&dom, rules)
            .map_or((String::new(), None), |(h, tag)| (h, Some(tag.to_string()))),
        Some((t, s)) => (t, Some(s.to_string())),
        None => (String::new(), None),
    };
    let len = |e: &html::Extracted| e.paragraphs.iter().map(String::len).sum::<usize>();
    let mut ex = html::extract(&dom, rules, &title, meta.h1, html::Mode::Strict);
    // Too little text: the class rules may have hit a wrapper, or scoring
    // picked a small block. Retry, and keep the longest.
    for mode in [html::Mode::Relaxed, html::Mode::WholeBody] {
        if len(&ex) >= 200 {
            break;
        }
        let other = html::extract(&dom, rules, &title, meta.h1, mode);
        if len(&other) > len(&ex) {
            ex = other;
        }
    }
    if ex
        .paragraphs
        .first()
        .is_some_and(|p| html::same_title(p, &title))
    {
        ex.paragraphs.remove(0);
    }
    ex.paragraphs.retain(|p| !text::is_blank(p));
    let byline_author = html::trim_meta_lines(&mut ex.paragraphs, rules);
    html::drop_repeated_paragraphs(&mut ex.paragraphs);
    if let Some(author) = meta.author() {
        html::trim_author_bio(&mut ex.paragraphs, &author);
    }
    let descriptions: Vec<&str> = ["description", "og:description", "twitter:description"]
        .iter()
        .filter_map(|k| meta.meta.get(*k).map(String::as_str))
        .collect();
    if let Some(lead) = html::standfirst(&dom, ex.root, meta.h1, &descriptions, &ex.paragraphs) {
        ex.paragraphs.insert(0, lead);
    }
    let body = ex.paragraphs.join("\n\n");
    let (language, language_source) = match metadata::declared_language(&dom, &meta, ex.root, &body)
    {
        Some((l, s)) => (l, s.to_string()),
        None => match language::detect(&body) {
            Some(l) => (l.to_string(), "detected".to_string()),
            None => (
                language::DEFAULT_LANGUAGE.to_string(),
                "default".to_string(),
            ),
        },
    };
    let url = meta.url().or_else(|| {
        saved_from
            .and_then(metadata::unwrap_archived)
            .map(str::to_string)
    });
    let date = metadata::find_date(
        &dom,
        &meta,
        ex.root,
        &ex.furniture,
        rules,
        url.as_deref(),
        &language,
    );
    Article {
        title,
        body,
        date: date.as_ref().map(|d| d.0),
        date_source: date.map(|d| d.1),
        url,
        author: meta.author().or(byline_author),
        language,
        encoding: String::new(),
        title_source,
        language_source,
    }
}

/// The text of the page's first `h1` or `h2` that is not a generic label,
/// with its tag.
fn first_heading<'d>(dom: &'d dom::Dom, rules: &rules::Prepared) -> Option<(String, &'d str)> {
    (0..dom.len())
        .filter(|&i| matches!(dom.nodes[i].tag, "h1" | "h2"))
        .find_map(|i| {
            let t = text::collapse(&dom.text_of(i));
            (!t.is_empty() && !rules.is_generic_title(&t)).then_some((t, dom.nodes[i].tag))
        })
}

#[cfg(test)]
mod tests;
