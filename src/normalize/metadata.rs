//! Metadata with evidence: title, publication date, canonical URL, author
//! and declared language of an HTML page.
//!
//! Owns the sources and their order of trust (JSON-LD, `<meta>`, `<time>`
//! inside the article, the URL, a visible dateline near the headline) and
//! records which one gave the date. It never takes a date from furniture
//! (related lists, comments, footers): a wrong date is worse than none.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::Value;

use super::date::{date_from_url, find_text_date, parse_machine_date, DayOrder};
use super::dom::{Dom, NONE};
use super::html::same_title;
use super::language;

/// What the page declares about itself, before the body is extracted.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    /// `<meta>` values by lowercased `name`/`property`/`itemprop`/`http-equiv`.
    pub meta: HashMap<String, String>,
    /// JSON-LD article headline.
    pub ld_headline: Option<String>,
    /// JSON-LD `datePublished`.
    pub ld_date: Option<String>,
    /// JSON-LD author name(s).
    pub ld_author: Option<String>,
    /// JSON-LD url / mainEntityOfPage.
    pub ld_url: Option<String>,
    /// `<title>` text.
    pub title_tag: Option<String>,
    /// `link rel=canonical`.
    pub canonical: Option<String>,
    /// `rel=author` link text.
    pub rel_author: Option<String>,
    /// `<html lang>`.
    pub html_lang: Option<String>,
    /// Index of the headline `h1`, [`NONE`] if none.
    pub h1: usize,
    /// Text of that `h1`.
    pub h1_text: Option<String>,
}

fn non_empty(s: &str) -> Option<String> {
    let t = super::text::collapse(s);
    (!t.is_empty()).then_some(t)
}

impl PageMeta {
    /// Reads the declared metadata of a page.
    pub fn read(dom: &Dom) -> Self {
        let mut m = PageMeta {
            h1: NONE,
            ..Default::default()
        };
        let mut h1s: Vec<usize> = Vec::new();
        for i in 0..dom.len() {
            let n = &dom.nodes[i];
            match n.tag {
                "meta" => {
                    let Some(content) = n.attr("content") else {
                        continue;
                    };
                    for key in ["name", "property", "itemprop", "http-equiv"] {
                        if let Some(k) = n.attr(key) {
                            if let Some(v) = non_empty(content) {
                                m.meta.entry(k.trim().to_lowercase()).or_insert(v);
                            }
                        }
                    }
                }
                "title" if m.title_tag.is_none() => {
                    // Skip <title> inside inline SVG.
                    let in_svg = n.parent != NONE && dom.nodes[n.parent].tag == "svg";
                    if !in_svg {
                        m.title_tag = non_empty(&dom.text_of(i));
                    }
                }
                "link" => {
                    let rel = n.attr("rel").unwrap_or("").to_lowercase();
                    if rel.split_whitespace().any(|r| r == "canonical") && m.canonical.is_none() {
                        m.canonical = n.attr("href").and_then(non_empty);
                    }
                }
                "a" if m.rel_author.is_none() => {
                    let rel = n.attr("rel").unwrap_or("").to_lowercase();
                    if rel.split_whitespace().any(|r| r == "author") {
                        m.rel_author = non_empty(&dom.text_of(i));
                    }
                }
                "html" if m.html_lang.is_none() => {
                    m.html_lang = n.attr("lang").or(n.attr("xml:lang")).and_then(non_empty);
                }
                "script" => {
                    let ty = n.attr("type").unwrap_or("").to_lowercase();
                    if ty.contains("ld+json") {
                        m.read_json_ld(&dom.text_of_raw(i));
                    }
                }
                "h1" => h1s.push(i),
                _ => {}
            }
        }
        // The headline h1: the one matching the declared title, else the
        // first with text.
        let declared: Vec<String> = [
            m.meta.get("og:title").cloned(),
            m.ld_headline.clone(),
            m.title_tag.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut first = None;
        for &h in &h1s {
            let Some(t) = non_empty(&dom.text_of(h)) else {
                continue;
            };
            if declared.iter().any(|d| {
                same_title(d, &t) || (t.len() >= 15 && d.to_lowercase().contains(&t.to_lowercase()))
            }) {
                m.h1 = h;
                m.h1_text = Some(t);
                first = None;
                break;
            }
            if first.is_none() {
                first = Some((h, t));
            }
        }
        if let Some((h, t)) = first {
            if m.h1 == NONE {
                m.h1 = h;
                m.h1_text = Some(t);
            }
        }
        m
    }

    fn read_json_ld(&mut self, text: &str) {
        // Publishers wrap JSON-LD in CDATA sections or comments, and leave
        // raw control characters (invalid JSON) in strings.
        let mut t = text.trim();
        for prefix in ["//<![CDATA[", "<![CDATA[", "<!--"] {
            t = t.strip_prefix(prefix).unwrap_or(t).trim();
        }
        for suffix in ["//]]>", "]]>", "-->", ";"] {
            t = t.strip_suffix(suffix).unwrap_or(t).trim();
        }
        let clean: String = t
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let Ok(value) = serde_json::from_str::<Value>(&clean) else {
            return;
        };
        // Iterative walk: the best article-typed object wins.
        let mut stack = vec![&value];
        let mut fallback: Option<&serde_json::Map<String, Value>> = None;
        let mut article: Option<&serde_json::Map<String, Value>> = None;
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(a) => stack.extend(a.iter().rev()),
                Value::Object(o) => {
                    let types = type_names(o.get("@type"));
                    let is_article = types.iter().any(|t| {
                        let t = t.to_lowercase();
                        t.contains("article")
                            || t.contains("posting")
                            || t == "report"
                            || t.contains("newsarticle")
                    });
                    if is_article && article.is_none() {
                        article = Some(o);
                    } else if fallback.is_none()
                        && (o.contains_key("headline") || o.contains_key("datePublished"))
                        && !types.iter().any(|t| t.eq_ignore_ascii_case("WebSite"))
                    {
                        fallback = Some(o);
                    }
                    if let Some(g) = o.get("@graph") {
                        stack.push(g);
                    }
                    if let Some(e) = o.get("mainEntity") {
                        stack.push(e);
                    }
                }
                _ => {}
            }
        }
        let Some(o) = article.or(fallback) else {
            return;
        };
        if self.ld_headline.is_none() {
            self.ld_headline = o
                .get("headline")
                .or_else(|| o.get("name"))
                .and_then(Value::as_str)
                .and_then(non_empty);
        }
        if self.ld_date.is_none() {
            self.ld_date = o
                .get("datePublished")
                .or_else(|| o.get("dateCreated"))
                .and_then(Value::as_str)
                .and_then(non_empty);
        }
        if self.ld_author.is_none() {
            self.ld_author = o.get("author").and_then(author_names);
        }
        if self.ld_url.is_none() {
            self.ld_url = o
                .get("url")
                .and_then(Value::as_str)
                .or_else(|| match o.get("mainEntityOfPage") {
                    Some(Value::String(s)) => Some(s.as_str()),
                    Some(Value::Object(m)) => m.get("@id").and_then(Value::as_str),
                    _ => None,
                })
                .and_then(non_empty);
        }
    }

    /// The `<meta>` value for the first of `keys` present.
    pub fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.meta.get(*k))
            .map(String::as_str)
    }

    /// Canonical URL: `link rel=canonical`, then `og:url`, then JSON-LD.
    pub fn url(&self) -> Option<String> {
        self.canonical
            .clone()
            .filter(|u| u.starts_with("http"))
            .or_else(|| self.get(&["og:url", "twitter:url"]).map(str::to_string))
            .or_else(|| self.ld_url.clone())
            .or_else(|| self.canonical.clone())
    }

    /// Author: meta author, JSON-LD author, `rel=author`.
    pub fn author(&self) -> Option<String> {
        self.get(&[
            "author",
            "article:author",
            "dc.creator",
            "sailthru.author",
            "parsely-author",
        ])
        .filter(|a| !a.starts_with("http"))
        .map(str::to_string)
        .or_else(|| self.ld_author.clone())
        .or_else(|| self.rel_author.clone())
    }

    /// Declared language: `<html lang>`, `og:locale`, content-language.
    pub fn language(&self) -> Option<(String, &'static str)> {
        let sources: [(Option<&str>, &'static str); 4] = [
            (self.html_lang.as_deref(), "html lang"),
            (self.get(&["og:locale"]), "og:locale"),
            (self.get(&["content-language"]), "content-language"),
            (
                self.get(&["language", "dc.language", "inlanguage"]),
                "meta language",
            ),
        ];
        sources
            .into_iter()
            .find_map(|(v, src)| v.and_then(language::normalize_tag).map(|l| (l, src)))
    }

    /// Title and its source: og:title, JSON-LD headline, the `h1`, `<title>`,
    /// each with a site-name suffix removed.
    pub fn title(&self) -> Option<(String, &'static str)> {
        let site = self.get(&["og:site_name", "application-name", "twitter:site"]);
        let candidates: [(Option<&str>, &'static str); 5] = [
            (self.get(&["og:title"]), "og:title"),
            (self.ld_headline.as_deref(), "json-ld headline"),
            (self.h1_text.as_deref(), "h1"),
            (
                self.get(&["twitter:title", "dc.title", "headline"]),
                "meta title",
            ),
            (self.title_tag.as_deref(), "title"),
        ];
        let cleaned: Vec<(String, &'static str)> = candidates
            .into_iter()
            .filter_map(|(v, s)| v.map(|v| (clean_title(v, site), s)))
            .filter(|(v, _)| !v.is_empty())
            .collect();
        let find = |src: &str| cleaned.iter().find(|(_, s)| *s == src).cloned();
        // The h1 is the headline as shown; prefer it when a declared title
        // agrees with it (the declared one may carry a suffix we missed).
        let h1 = find("h1");
        if let Some((h1c, _)) = &h1 {
            if cleaned
                .iter()
                .any(|(v, s)| *s != "h1" && (same_title(v, h1c) || v.starts_with(h1c.as_str())))
            {
                return h1;
            }
        }
        if let Some(t) = find("og:title").or_else(|| find("json-ld headline")) {
            return Some(t);
        }
        // An h1 unrelated to the <title> is a section or site name.
        if let (Some((h1c, _)), Some((tt, _))) = (&h1, find("title")) {
            if word_overlap(h1c, &tt) < 0.5 {
                return find("meta title").or(find("title"));
            }
        }
        h1.or_else(|| find("meta title")).or_else(|| find("title"))
    }
}

/// Share of the words of `a` that also occur in `b`.
fn word_overlap(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() {
        return 0.0;
    }
    let hits = wa.iter().filter(|w| wb.contains(w)).count();
    hits as f64 / wa.len() as f64
}

impl Dom<'_> {
    /// The raw text of a subtree (for `<script>` contents).
    pub fn text_of_raw(&self, i: usize) -> String {
        let end = self.nodes.get(i).map_or(i, |n| n.end);
        self.nodes[i..end].iter().map(|n| n.text()).collect()
    }
}

fn type_names(v: Option<&Value>) -> Vec<&str> {
    match v {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn author_names(v: &Value) -> Option<String> {
    let mut names = Vec::new();
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    for it in items {
        match it {
            Value::String(s) => names.extend(non_empty(s)),
            Value::Object(o) => {
                names.extend(o.get("name").and_then(Value::as_str).and_then(non_empty))
            }
            _ => {}
        }
    }
    (!names.is_empty()).then(|| names.join(", "))
}

/// Removes a site-name suffix (` | Site`, ` - Site`, ` – Site`) or prefix.
pub fn clean_title(title: &str, site: Option<&str>) -> String {
    let t = super::text::collapse(title);
    let site_l = site.map(|s| s.trim().trim_start_matches('@').to_lowercase());
    for sep in [
        " | ", " - ", " – ", " — ", " :: ", " · ", " // ", " « ", " » ",
    ] {
        if let Some(pos) = t.rfind(sep) {
            let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
            let tail_l = tail.to_lowercase();
            let is_site = site_l
                .as_deref()
                .is_some_and(|s| !s.is_empty() && (tail_l.contains(s) || s.contains(&tail_l)));
            let short =
                tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3;
            if is_site || (short && sep != " - ") || (short && looks_like_site(tail)) {
                return clean_title(head, site);
            }
        }
        if let Some(pos) = t.find(sep) {
            let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
            let head_l = head.to_lowercase();
            if site_l
                .as_deref()
                .is_some_and(|s| !s.is_empty() && head_l == s)
            {
                return tail.to_string();
            }
        }
    }
    t
}

/// A suffix that names a site: a domain, or capitalised words only.
fn looks_like_site(s: &str) -> bool {
    let s = s.trim();
    s.contains(".com")
        || s.contains(".org")
        || s.contains(".net")
        || s.split_whitespace().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// `<meta>` keys that carry the publication date, most trusted first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "published_time",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "publication_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "og:article:published_time",
];

/// The publication date and its source.
pub fn find_date(
    dom: &Dom,
    meta: &PageMeta,
    root: usize,
    furniture: &[bool],
    url: Option<&str>,
    lang: &str,
) -> Option<(NaiveDate, String)> {
    if let Some(d) = meta.ld_date.as_deref().and_then(parse_machine_date) {
        return Some((d, "json-ld datePublished".to_string()));
    }
    for key in DATE_META {
        if let Some(d) = meta.meta.get(*key).and_then(|v| parse_machine_date(v)) {
            return Some((d, format!("meta {key}")));
        }
    }
    // Elements marked as the publication date (microdata, pubdate).
    for i in 0..dom.len() {
        let n = &dom.nodes[i];
        if n.tag.is_empty() || furniture.get(i).copied().unwrap_or(false) {
            continue;
        }
        let marked = n
            .attr("itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("datePublished"))
            || (n.tag == "time" && n.attr("pubdate").is_some());
        if marked {
            let v = n.attr("datetime").or(n.attr("content"));
            if let Some(d) = v.and_then(parse_machine_date) {
                return Some((d, "itemprop datePublished".to_string()));
            }
        }
    }
    let order = if lang == "es" {
        DayOrder::DayFirst
    } else {
        DayOrder::MonthFirst
    };
    // `<time>` in the article region: between the headline and the end of
    // the body, never in furniture.
    let region = article_region(dom, meta.h1, root);
    if let Some((start, end)) = region {
        for i in start..end {
            let n = &dom.nodes[i];
            if n.tag != "time" {
                continue;
            }
            // Bylines are furniture for the body, but the `<time>` in the
            // byline just under the headline is the best date evidence
            // there is. Lists, asides and footers there stay excluded.
            if furniture.get(i).copied().unwrap_or(false) && !in_byline(dom, meta.h1, i) {
                continue;
            }
            let d = n
                .attr("datetime")
                .and_then(parse_machine_date)
                .or_else(|| find_text_date(&dom.text_of(i), order));
            if let Some(d) = d {
                return Some((d, "time datetime".to_string()));
            }
        }
    }
    if let Some(d) = url.and_then(date_from_url) {
        return Some((d, "url".to_string()));
    }
    // A visible dateline: short text near the headline.
    if let Some((start, end)) = region {
        let limit = if root != NONE {
            (dom.nodes[root].end).min(end)
        } else {
            end
        };
        let mut seen_words = 0;
        let mut i = start;
        while i < limit {
            let n = &dom.nodes[i];
            if furniture.get(i).copied().unwrap_or(false) && !n.tag.is_empty() {
                i = n.end;
                continue;
            }
            // The story has started: a dateline comes before it, or opens
            // its first paragraph the wire way ("SAN SALVADOR, March 11,
            // 2013 — …").
            if n.tag == "p" && dom.text_of(i).split_whitespace().count() > 25 {
                if let Some(d) = leading_dateline(&dom.text_of(i), order) {
                    return Some((d, "dateline".to_string()));
                }
                break;
            }
            let t = n.text();
            if !t.trim().is_empty() {
                let words = t.split_whitespace().count();
                let lower = t.to_lowercase();
                let other_date = [
                    "updated",
                    "actualizado",
                    "modified",
                    "modificado",
                    "©",
                    "copyright",
                ]
                .iter()
                .any(|w| lower.contains(w));
                if words <= 20 && !other_date {
                    if let Some(d) = find_text_date(t, order) {
                        return Some((d, "dateline".to_string()));
                    }
                }
                seen_words += words;
                if seen_words > 150 {
                    break;
                }
            }
            i += 1;
        }
    }
    None
}

/// How many DOM nodes after the headline a byline may start.
const BYLINE_WINDOW_NODES: usize = 30;

/// True if node `i` sits in the byline zone right after headline `h1`: close
/// after it in document order, and not inside a list, aside, nav or footer.
fn in_byline(dom: &Dom, h1: usize, i: usize) -> bool {
    if h1 == NONE || i < h1 || i - h1 > BYLINE_WINDOW_NODES {
        return false;
    }
    let mut a = dom.nodes[i].parent;
    while a != NONE && a > h1.min(dom.nodes[h1].parent) {
        if matches!(
            dom.nodes[a].tag,
            "li" | "ul" | "ol" | "aside" | "nav" | "footer"
        ) {
            return false;
        }
        a = dom.nodes[a].parent;
    }
    true
}

/// How many DOM nodes may separate a headline from a body that does not
/// share a close ancestor with it, for the byline between them to count.
const NEAR_HEADLINE_NODES: usize = 60;

/// A wire-style dateline opening a paragraph: a capitalised place, a comma,
/// the date, then a dash, period or colon ("SAN SALVADOR, March 11, 2013 —",
/// "San Salvador, jueves 22 de marzo de 2012."). A date that merely starts a
/// sentence ("On March 3, 2010, gunmen…") has no place and comma before it
/// and is not taken.
fn leading_dateline(text: &str, order: DayOrder) -> Option<NaiveDate> {
    let text = text.trim_start();
    if !text.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let head: String = text.chars().take(100).collect();
    // The end of the first four-digit year in the head.
    let bytes = head.as_bytes();
    let mut year_end = None;
    for i in 0..bytes.len().saturating_sub(3) {
        let four = &bytes[i..i + 4];
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let boundary_after = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric());
        if four.iter().all(u8::is_ascii_digit)
            && (four[0] == b'1' || four[0] == b'2')
            && boundary_before
            && boundary_after
        {
            year_end = Some(i + 4);
            break;
        }
    }
    let year_end = year_end?;
    let lead = &head[..year_end];
    let rest = head[year_end..].trim_start();
    let closes = rest.starts_with(['—', '–', '-', '.', ':', '|']);
    let place = lead.split(',').next().unwrap_or("");
    let place_ok = lead.contains(',')
        && !place.is_empty()
        && place.split_whitespace().count() <= 4
        && place
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !closes || !place_ok || lead.split_whitespace().count() > 12 {
        return None;
    }
    find_text_date(lead, order)
}

/// The part of the page where the headline, byline and body live: from the
/// headline (or the body root) to the end of the body root, within their
/// nearest common ancestor.
fn article_region(dom: &Dom, h1: usize, root: usize) -> Option<(usize, usize)> {
    match (h1 != NONE, root != NONE) {
        (true, true) => {
            let mut a = dom.nodes[root].parent;
            let mut levels = 0;
            while a != NONE && !dom.contains(a, h1) {
                a = dom.nodes[a].parent;
                levels += 1;
            }
            if a == NONE || levels > 6 || matches!(dom.nodes[a].tag, "body" | "html" | "") {
                // Headline and body far apart in the tree. If the headline
                // comes shortly before the body (a byline between them), the
                // region spans both; otherwise only the body itself.
                if h1 < root && root - h1 <= NEAR_HEADLINE_NODES {
                    return Some((h1, dom.nodes[root].end));
                }
                return Some((root, dom.nodes[root].end));
            }
            let start = h1.min(root);
            Some((start, dom.nodes[root].end.max(dom.nodes[h1].end)))
        }
        (false, true) => Some((root, dom.nodes[root].end)),
        (true, false) => {
            let p = dom.nodes[h1].parent;
            let p = if p == NONE { h1 } else { p };
            Some((h1, dom.nodes[p].end))
        }
        (false, false) => None,
    }
}

#[cfg(test)]
mod dateline_tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn wire_datelines_open_the_first_paragraph() {
        let en = "SAN SALVADOR, March 11, 2013 — A year after El Salvador's two largest street gangs agreed to stop killing";
        assert_eq!(leading_dateline(en, DayOrder::MonthFirst), ymd(2013, 3, 11));
        let es = "San Salvador, jueves 22 de marzo de 2012. El ministro de Justicia y Seguridad Pública negó ayer";
        assert_eq!(leading_dateline(es, DayOrder::DayFirst), ymd(2012, 3, 22));
    }

    #[test]
    fn dates_that_start_a_sentence_are_not_datelines() {
        let story = "On March 3, 2010, gunmen attacked a bus in Mejicanos, killing seventeen passengers in one night";
        assert_eq!(leading_dateline(story, DayOrder::MonthFirst), None);
        let story = "In 2015, the murder rate reached 103 per 100,000 inhabitants, the highest in the world.";
        assert_eq!(leading_dateline(story, DayOrder::MonthFirst), None);
        let story = "El 22 de marzo de 2012 comenzó la tregua entre pandillas, según el ministro.";
        assert_eq!(leading_dateline(story, DayOrder::DayFirst), None);
    }
}
