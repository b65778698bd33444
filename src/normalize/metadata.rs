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

use super::date::{
    date_from_url, find_text_date, find_text_date_at, parse_machine_date, DayOrder, FirstPublished,
};
use super::dom::{push_collapsed, Dom, NONE};
use super::html::{is_block, same_title};
use super::language;
use super::rules::{DateLabel, Prepared};

/// What the page declares about itself, before the body is extracted.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    /// `<meta>` values by lowercased `name`/`property`/`itemprop`/`http-equiv`.
    pub meta: HashMap<String, String>,
    /// Microdata dates (`<meta itemprop="datePublished">`, …) inside an
    /// item (`itemscope` below `<body>`): the item's element, the
    /// lowercased key and the value. Such a date is the page's only where
    /// the item is the page's own article ([`main_item`]), not a related
    /// story's in a sidebar or list.
    pub item_dates: Vec<(usize, String, String)>,
    /// JSON-LD article headline.
    pub ld_headline: Option<String>,
    /// JSON-LD `datePublished`: an article-typed object's over any other
    /// type's, across blocks ([`PageMeta::settle_ld_date`]).
    pub ld_date: Option<String>,
    /// Whether `ld_date` may describe something else than the page's
    /// article: another type's date (an embedded video's), or that of
    /// article objects that all name another address. The publisher's
    /// `<meta>` date goes before it.
    pub ld_date_weak: bool,
    /// The days of article-typed JSON-LD objects that disagree (empty when
    /// they agree): no JSON-LD date then, and no other source's date
    /// unless it is one of these.
    pub ld_conflict: Vec<NaiveDate>,
    /// `datePublished` and url of each block's article-typed object, in
    /// document order, before they are settled.
    ld_article_dates: Vec<(String, Option<String>)>,
    /// The JSON-LD blocks read so far, and the block of each of
    /// `ld_article_dates`.
    ld_blocks: usize,
    ld_article_blocks: Vec<usize>,
    /// `datePublished` of the first block with no article-typed object
    /// (a `WebPage`, a `VideoObject`), with its block.
    ld_fallback_date: Option<(usize, String)>,
    /// Whether `ld_modified` came from an article-typed object.
    ld_modified_of_article: bool,
    /// JSON-LD `dateModified`.
    pub ld_modified: Option<String>,
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
    /// Whether that `h1` names the site, not the story (a blog's name over
    /// every post): no headline then.
    pub h1_is_site: bool,
    /// Whether that `h1` words the title the page declares (og:title,
    /// JSON-LD headline, `<title>`): the story's own headline.
    pub h1_declared: bool,
}

/// Whether an author link at node `i` credits something other than the
/// article: a picture (in a `<figure>`), or another story (in an aside, a
/// navigation or footer block, or a "related" list, whose teasers name
/// their writers with `rel=author` too).
fn credits_another(dom: &Dom, i: usize) -> bool {
    if dom.inside(i, &["figure", "figcaption", "aside", "nav", "footer"]) {
        return true;
    }
    let mut a = dom.nodes[i].parent;
    while a != NONE {
        let n = &dom.nodes[a];
        let marks = |name| n.attr(name).unwrap_or("").to_ascii_lowercase();
        if marks("class").contains("related") || marks("id").contains("related") {
            return true;
        }
        a = n.parent;
    }
    false
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
                        let (Some(keys), Some(v)) = (n.attr(key), non_empty(content)) else {
                            continue;
                        };
                        // RDFa lets one tag declare several properties
                        // ("og:title twitter:title").
                        for k in keys.split_whitespace() {
                            let k = k.to_lowercase();
                            if key == "itemprop"
                                && (DATE_META.contains(&k.as_str())
                                    || MODIFIED_META.contains(&k.as_str()))
                            {
                                if let Some(scope) = item_scope(dom, i) {
                                    m.item_dates.push((scope, k, v.clone()));
                                    continue;
                                }
                            }
                            // Dublin Core is written "dc.title" and "dc:title".
                            if let Some(rest) = k.strip_prefix("dc:") {
                                m.meta.entry(format!("dc.{rest}")).or_insert(v.clone());
                            }
                            m.meta.entry(k).or_insert(v.clone());
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
                    if rel.split_whitespace().any(|r| r == "author") && !credits_another(dom, i) {
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
        m.settle_ld_date();
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
        let site_names: Vec<&str> = ["og:site_name", "application-name"]
            .iter()
            .filter_map(|k| m.meta.get(*k).map(String::as_str))
            .collect();
        let mut first = None;
        // Else the one that words the declared title best (a site-name h1
        // shares no words with it).
        let mut similar: Option<(f64, usize, String)> = None;
        // A site-name h1 is the headline only when no other h1 is.
        let mut site_h1 = None;
        for &h in &h1s {
            let Some(t) = non_empty(&dom.text_of_spaced(h)) else {
                continue;
            };
            if names_site(&t, &declared, &site_names) {
                site_h1.get_or_insert((h, t));
                continue;
            }
            if declared.iter().any(|d| {
                same_title(d, &t) || (t.len() >= 15 && d.to_lowercase().contains(&t.to_lowercase()))
            }) {
                m.h1 = h;
                m.h1_text = Some(t);
                m.h1_declared = true;
                first = None;
                similar = None;
                break;
            }
            let best = declared
                .iter()
                .map(|d| headline_likeness(&t, d))
                .fold(0.0, f64::max);
            if best > 0.0 && similar.as_ref().is_none_or(|s| best > s.0) {
                similar = Some((best, h, t.clone()));
            }
            if first.is_none() {
                first = Some((h, t));
            }
        }
        if let Some((_, h, t)) = similar {
            first = Some((h, t));
        }
        if first.is_none() && m.h1 == NONE {
            if let Some(site) = site_h1 {
                first = Some(site);
                m.h1_is_site = true;
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
                    // A blog post is an article; an embedded social post
                    // or a comment thread (`SocialMediaPosting`,
                    // `DiscussionForumPosting`) is someone else's.
                    let is_article = types.iter().any(|t| {
                        let t = t.to_lowercase();
                        t.contains("article")
                            || t == "blogposting"
                            || t == "liveblogposting"
                            || t == "report"
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
        let of_article = article.is_some();
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
        // Dates: an article-typed object's win over another type's in any
        // block (an SEO plugin's `WebPage` or an embedded `VideoObject`
        // often comes first, with its own date); settled once all blocks
        // are read.
        let date = o
            .get("datePublished")
            .or_else(|| o.get("dateCreated"))
            .and_then(Value::as_str)
            .and_then(non_empty);
        let block = self.ld_blocks;
        self.ld_blocks += 1;
        if of_article {
            if let Some(d) = date {
                self.ld_article_dates.push((d, own_url(o)));
                self.ld_article_blocks.push(block);
            }
        } else if self.ld_fallback_date.is_none() {
            self.ld_fallback_date = date.map(|d| (block, d));
        }
        let modified = o
            .get("dateModified")
            .and_then(Value::as_str)
            .and_then(non_empty);
        if modified.is_some()
            && (self.ld_modified.is_none() || (of_article && !self.ld_modified_of_article))
        {
            self.ld_modified = modified;
            self.ld_modified_of_article = of_article;
        }
        if self.ld_author.is_none() {
            self.ld_author = o.get("author").and_then(author_names);
        }
        if self.ld_url.is_none() {
            self.ld_url = own_url(o);
        }
    }

    /// Settles the JSON-LD publication date once every block is read: the
    /// article-typed objects' date where they agree (a UTC stamp one day
    /// off another is the same moment); where they disagree, those that
    /// name the page's own address decide; else there is no JSON-LD date,
    /// and the days are kept in [`PageMeta::ld_conflict`]. Without an
    /// article-typed date, the first other object's.
    fn settle_ld_date(&mut self) {
        let dates = std::mem::take(&mut self.ld_article_dates);
        let fallback = self.ld_fallback_date.take();
        if dates.is_empty() {
            self.ld_date = fallback.map(|(_, raw)| raw);
            self.ld_date_weak = true;
            return;
        }
        let agreeing = |set: &[&(String, Option<String>)]| -> bool {
            let days: Vec<(NaiveDate, bool)> = set
                .iter()
                .filter_map(|(raw, _)| parse_machine_date(raw).map(|d| (d, utc_stamp(raw))))
                .collect();
            days.iter().all(|&(a, ua)| {
                days.iter()
                    .all(|&(b, ub)| a == b || ((ua || ub) && (a - b).num_days().abs() == 1))
            })
        };
        // The first that reads as a date speaks for the set.
        let first = |set: &[&(String, Option<String>)]| {
            set.iter()
                .find(|(raw, _)| parse_machine_date(raw).is_some())
                .or(set.first())
                .map(|(raw, _)| raw.clone())
        };
        let all: Vec<&(String, Option<String>)> = dates.iter().collect();
        let page = self.url().map(|u| address_key(&u));
        if agreeing(&all) {
            self.ld_date = first(&all);
            // Article objects that all name another address describe
            // another story (a related one's markup).
            self.ld_date_weak = page.is_some()
                && all
                    .iter()
                    .all(|(_, u)| u.as_deref().is_some_and(|u| Some(address_key(u)) != page));
            // An earlier block's date one UTC day off the article's is the
            // same moment, not another item's date: the stamp written with
            // the publisher's own offset gives the day (the first block's
            // when both are).
            if let (Some((block, raw)), Some(&first_block)) =
                (fallback, self.ld_article_blocks.first())
            {
                let pair = (raw.clone(), None);
                let article = all.iter().find(|(r, _)| parse_machine_date(r).is_some());
                if block < first_block
                    && article.is_some_and(|a| {
                        agreeing(&[&pair, *a]) && (utc_stamp(&a.0) || !utc_stamp(&raw))
                    })
                {
                    self.ld_date = Some(raw);
                }
            }
            return;
        }
        let own: Vec<&(String, Option<String>)> = dates
            .iter()
            .filter(|(_, u)| page.is_some() && u.as_deref().map(address_key) == page)
            .collect();
        if !own.is_empty() && own.len() < dates.len() && agreeing(&own) {
            self.ld_date = first(&own);
            return;
        }
        let mut days: Vec<NaiveDate> = dates
            .iter()
            .filter_map(|(raw, _)| parse_machine_date(raw))
            .collect();
        days.sort_unstable();
        days.dedup();
        self.ld_conflict = days;
    }

    /// Whether the page is an archive.today copy, whose head the archive
    /// rewrote: its site name or its own address is the archive's.
    pub fn is_archive_today_copy(&self) -> bool {
        self.get(&["og:site_name"]).is_some_and(|site| {
            ARCHIVE_TODAY_HOSTS.contains(&site.trim().to_ascii_lowercase().as_str())
        }) || [self.canonical.as_deref(), self.get(&["og:url"])]
            .into_iter()
            .flatten()
            .any(is_archive_today)
    }

    /// The `<meta>` value for the first of `keys` present.
    pub fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.meta.get(*k))
            .map(String::as_str)
    }

    /// Canonical URL: `link rel=canonical`, then `og:url`, then JSON-LD;
    /// a page saved from the Wayback Machine or archive.today gives the
    /// address of the article it archived ([`unwrap_archived`]). A site's home page (a
    /// CMS's misconfigured canonical) is never the article's address
    /// while another declaration names a page: it would lose the story's
    /// own address and the date its path may hold.
    pub fn url(&self) -> Option<String> {
        let candidates = [
            self.canonical.as_deref().filter(|u| u.starts_with("http")),
            self.get(&["og:url", "twitter:url"]),
            self.ld_url.as_deref(),
            self.canonical.as_deref(),
        ];
        let declared = || {
            candidates
                .iter()
                .flatten()
                .filter_map(|u| unwrap_archived(u))
        };
        declared()
            .find(|u| !is_site_root(u))
            .or_else(|| declared().next())
            .map(str::to_string)
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
        self.declared_languages().into_iter().next()
    }

    /// Every language the page's head declares, with its source, in order
    /// of trust.
    fn declared_languages(&self) -> Vec<(String, &'static str)> {
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
            .filter_map(|(v, src)| v.and_then(language::normalize_tag).map(|l| (l, src)))
            .collect()
    }

    /// The region of the declared language tag (`US` of `es-US`, `GB` of
    /// `en_GB`): it says how the site writes numeric dates.
    pub fn declared_region(&self) -> Option<&str> {
        [
            self.html_lang.as_deref(),
            self.get(&["og:locale"]),
            self.get(&["content-language"]),
            self.get(&["language", "dc.language", "inlanguage"]),
        ]
        .into_iter()
        .flatten()
        .find(|v| language::normalize_tag(v).is_some())
        .and_then(|tag| tag.trim().split(['-', '_']).nth(1))
        .map(str::trim)
        .filter(|region| region.len() == 2)
    }

    /// Title and its source: og:title, JSON-LD headline, the `h1`, `<title>`,
    /// each with a site-name suffix removed. The headline as the page shows
    /// it (the `h1`) wins where a declared title agrees with it, and where
    /// the declared title is a reworded version of it (social and search
    /// titles are often rewritten for sharing): on the eval pages where the
    /// two differ and one is the truth's title, the shown one was on 69,
    /// the declared one on 34.
    pub fn title(&self) -> Option<(String, &'static str)> {
        let site = self.get(&["og:site_name", "application-name", "twitter:site"]);
        let candidates: [(Option<&str>, &'static str); 5] = [
            (self.get(&["og:title"]), "og:title"),
            (self.ld_headline.as_deref(), "json-ld headline"),
            (self.h1_text.as_deref(), "h1"),
            (
                self.get(&["twitter:title", "dc.title", "parsely-title", "headline"]),
                "meta title",
            ),
            (self.title_tag.as_deref(), "title"),
        ];
        let site_h1 = self.h1_text.as_deref().filter(|_| self.h1_is_site);
        let cleaned: Vec<(String, &'static str)> = candidates
            .into_iter()
            .filter(|(_, s)| site_h1.is_none() || *s != "h1")
            .filter_map(|(v, s)| {
                // The site's name at either end of a title, as the h1 shows
                // it, is not part of the headline.
                let v = v.map(|v| site_h1.and_then(|name| without_part(v, name)).unwrap_or(v));
                v.map(|v| (clean_title(v, site), s))
            })
            // A web address saved as the title (a browser names an
            // untitled page by it) is no headline.
            .filter(|(v, _)| !v.is_empty() && !is_web_address(v))
            .collect();
        let find = |src: &str| cleaned.iter().find(|(_, s)| *s == src).cloned();
        // The h1 is the headline as shown; prefer it when a declared title
        // agrees with it (the declared one may carry a suffix we missed). An
        // h1 in capitals only is the declared title styled: keep the
        // declared casing. An h1 that is the declared title with separators
        // lost ("Kicker<span>Headline</span>" reads "KickerHeadline", a
        // colon styled away by CSS) gives way to the declared text.
        let h1 = find("h1");
        if let Some((h1c, _)) = &h1 {
            let others = cleaned.iter().filter(|(_, s)| *s != "h1");
            for (v, s) in others.clone() {
                if same_title(v, h1c) {
                    if (all_caps(h1c) && !all_caps(v)) || lost_separators(h1c, v) {
                        return Some((v.clone(), s));
                    }
                    return h1;
                }
            }
            if others.clone().any(|(v, _)| v.starts_with(h1c.as_str())) {
                return h1;
            }
        }
        // og:title that is the JSON-LD headline and a tail the suffix
        // rules missed ("Headline-Sectionㅣ Paper"): the headline.
        if let (Some((og, _)), Some(ld)) = (find("og:title"), find("json-ld headline")) {
            if og.len() > ld.0.len() && og.starts_with(ld.0.as_str()) {
                let rest = &og[ld.0.len()..];
                if rest.starts_with(|c: char| !c.is_alphanumeric())
                    && rest.split_whitespace().count() <= 3
                {
                    return Some(ld);
                }
            }
        }
        let declared = find("og:title").or_else(|| find("json-ld headline"));
        if let (Some((h1c, _)), Some((d, _))) = (&h1, &declared) {
            if shown_headline_differs(h1c, d) {
                return h1;
            }
        }
        if let Some(t) = declared {
            return Some(t);
        }
        // An h1 unrelated to the <title> is a section or site name. But a
        // <title> of a few words beside an h1 worded as a headline is the
        // site's or the section's name ("The Daily", "Noticias"), and one
        // whose words are mostly the h1's is the headline cut short.
        if let (Some((h1c, _)), Some((tt, _))) = (&h1, find("title")) {
            let words = |s: &str| s.split_whitespace().count();
            let (tw, hw) = (words(&tt), words(h1c));
            let title_is_name = (tw <= 3 && hw >= 4) || (tw <= 4 && hw >= 6);
            let title_cut_short =
                word_overlap(&tt, h1c) >= 0.5 && headline_likeness(h1c, &tt) > 0.0;
            if word_overlap(h1c, &tt) < 0.5 && !title_is_name && !title_cut_short {
                return find("meta title").or(find("title"));
            }
        }
        h1.or_else(|| find("meta title")).or_else(|| find("title"))
    }
}

/// Whether the h1 is the story's headline worded differently from the
/// declared (social) title: a headline's length, at least half the declared
/// title's (a shorter one is a topic banner), sharing at least two words
/// with it, and neither a kicker glued to the front of the declared title
/// (the h1 ends with it) nor the declared title with a kicker in front (it
/// ends with the h1). The headline as shown on the page is then the title.
fn shown_headline_differs(h1: &str, declared: &str) -> bool {
    let words = h1.split_whitespace().count();
    let declared_words = declared.split_whitespace().count();
    let (hl, dl) = (h1.to_lowercase(), declared.to_lowercase());
    (3..=25).contains(&words)
        && words * 2 >= declared_words
        && !all_caps(h1)
        && !hl.ends_with(&dl)
        && !dl.ends_with(&hl)
        && headline_likeness(h1, declared) > 0.0
}

/// Whether an h1's text `t` names the site rather than the story: it is
/// the declared site name (`og:site_name`, `application-name`), or it
/// stands at one end of a declared title whose rest is another declared
/// title ("Blog Name: Post title" as `<title>`, "Post title" as
/// `og:title`), or it is a domain name at one end of a declared title
/// ("example.com Post title").
fn names_site(t: &str, declared: &[String], site_names: &[&str]) -> bool {
    if site_names.iter().any(|s| same_title(s, t)) {
        return true;
    }
    declared.iter().any(|d| {
        without_part(d, t).is_some_and(|rest| {
            looks_like_domain(t) || declared.iter().any(|e| same_title(e, rest))
        })
    })
}

/// `title` without `part` at its start or end, where `part` is a whole
/// segment (followed or preceded by a space or separator, not inside a
/// word) and the rest has more words than it: `None` otherwise.
fn without_part<'a>(title: &'a str, part: &str) -> Option<&'a str> {
    let trim =
        |s: &'a str| s.trim_matches(|c: char| c.is_whitespace() || ":|-–—·•/»«[]()".contains(c));
    let lower = title.to_lowercase();
    let part_l = part.trim().to_lowercase();
    // Lowercasing can change byte lengths (rarely): then no match.
    if part_l.is_empty() || lower.len() != title.len() {
        return None;
    }
    let rest = if lower.starts_with(&part_l) {
        let r = title.get(part_l.len()..)?;
        r.starts_with(|c: char| !c.is_alphanumeric())
            .then(|| trim(r))
    } else if lower.ends_with(&part_l) {
        let r = title.get(..title.len() - part_l.len())?;
        r.ends_with(|c: char| !c.is_alphanumeric()).then(|| trim(r))
    } else {
        None
    }?;
    (rest.split_whitespace().count() > part.split_whitespace().count()).then_some(rest)
}

/// Whether `s` is a bare domain name ("example.com", "blog.example.org").
fn looks_like_domain(s: &str) -> bool {
    let s = s.trim().trim_start_matches("www.");
    let Some((name, tld)) = s.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

/// Whether `shown` is `declared` with some separators missing: the same
/// characters in the same order, short of spaces or punctuation that
/// separates words (`:`, `/`, `-`, quotes, an ellipsis), and nothing else.
/// Markup symbols (`#`, `*`) are not separators: a declared title that
/// carries them is the worse copy.
fn lost_separators(shown: &str, declared: &str) -> bool {
    fn separator(c: char) -> bool {
        c.is_whitespace() || ":/-–—|,.;!?…()[]\"'«»“”‘’„".contains(c)
    }
    let mut shown_chars = shown.chars().peekable();
    let mut missing = false;
    for c in declared.chars() {
        if shown_chars.peek() == Some(&c) {
            shown_chars.next();
        } else if separator(c) {
            missing = true;
        } else {
            return false;
        }
    }
    missing && shown_chars.next().is_none()
}

/// Whether a title is written in capitals only.
fn all_caps(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic());
    letters.clone().count() >= 4 && letters.clone().all(|c| !c.is_lowercase())
}

/// How much `h1` reads as the same headline as the declared title `d`: the
/// larger share of the words of either found in the other, counting only
/// when at least two words of three letters or more are shared (a site
/// name or section word alone is no headline); 0 otherwise.
fn headline_likeness(h1: &str, d: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        let mut v: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3 || w.chars().all(|c| c.is_ascii_digit()))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (a, b) = (words(h1), words(d));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    if shared < 2 {
        return 0.0;
    }
    (shared as f64 / a.len() as f64).max(shared as f64 / b.len() as f64)
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
    /// The text of a subtree with a space where a block element or `<br>`
    /// separates two runs of text (a headline split over two lines).
    pub fn text_of_spaced(&self, i: usize) -> String {
        let mut out = String::new();
        let end = self.nodes.get(i).map_or(i, |n| n.end);
        let mut block_ends: Vec<usize> = Vec::new();
        let mut gap = false;
        for k in i..end {
            while block_ends.last().is_some_and(|&e| e <= k) {
                block_ends.pop();
                gap = true;
            }
            let n = &self.nodes[k];
            if k > i && super::html::is_block(n.tag) {
                gap = true;
                block_ends.push(n.end);
            }
            let t = n.text();
            if !t.is_empty() {
                let punct = t
                    .trim_start()
                    .starts_with([':', ',', '.', ';', '!', '?', ')']);
                if gap && !punct && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                gap = false;
                push_collapsed(&mut out, t);
            }
        }
        out.trim().to_string()
    }

    /// The raw text of a subtree (for `<script>` contents).
    pub fn text_of_raw(&self, i: usize) -> String {
        let end = self.nodes.get(i).map_or(i, |n| n.end);
        self.nodes[i..end].iter().map(|n| n.text()).collect()
    }
}

/// The address a JSON-LD object gives for itself: `url`, else
/// `mainEntityOfPage`.
fn own_url(o: &serde_json::Map<String, Value>) -> Option<String> {
    o.get("url")
        .and_then(Value::as_str)
        .or_else(|| match o.get("mainEntityOfPage") {
            Some(Value::String(s)) => Some(s.as_str()),
            Some(Value::Object(m)) => m.get("@id").and_then(Value::as_str),
            _ => None,
        })
        .and_then(non_empty)
}

/// The microdata item node `i` belongs to: its nearest ancestor with
/// `itemscope`, below `<body>` (an item declared on `<html>` or `<body>`
/// is the page itself).
fn item_scope(dom: &Dom, i: usize) -> Option<usize> {
    let mut a = dom.nodes.get(i)?.parent;
    while a != NONE {
        let n = &dom.nodes[a];
        if matches!(n.tag, "body" | "html") {
            return None;
        }
        if n.attr("itemscope").is_some() {
            return Some(a);
        }
        a = n.parent;
    }
    None
}

/// Whether microdata item `scope` is the page's own article: it holds the
/// headline or the story's text. Another item (a related story in a
/// sidebar, a list of teasers) dates its own story, not the page.
fn main_item(dom: &Dom, meta: &PageMeta, root: usize, scope: usize) -> bool {
    (meta.h1 != NONE && dom.contains(scope, meta.h1)) || (root != NONE && dom.contains(scope, root))
}

/// The page's own microdata value for `key` (lowercased), if its article
/// item gives one.
fn own_item_date<'m>(dom: &Dom, meta: &'m PageMeta, root: usize, key: &str) -> Option<&'m str> {
    meta.item_dates
        .iter()
        .find(|(scope, k, _)| k == key && main_item(dom, meta, root, *scope))
        .map(|(_, _, v)| v.as_str())
}

/// The language the page declares for its article, with its source.
///
/// The most specific declaration wins: a `lang` on the article's own
/// element or an ancestor below `<html>` (`<article lang="es">` in a
/// template's `<html lang="en">`). Where the head's declarations disagree
/// (`<html lang="en">` beside `og:locale` `es_LA`), the one the text's
/// detected language agrees with; else the most trusted one.
pub fn declared_language(
    dom: &Dom,
    meta: &PageMeta,
    root: usize,
    body: &str,
) -> Option<(String, &'static str)> {
    let mut a = root;
    while a != NONE && dom.nodes[a].tag != "html" {
        let n = &dom.nodes[a];
        if let Some(l) = n
            .attr("lang")
            .or(n.attr("xml:lang"))
            .and_then(language::normalize_tag)
        {
            // Where it agrees with the head, the head's source is named.
            return Some(match meta.language() {
                Some((head, src)) if head == l => (head, src),
                _ => (l, "element lang"),
            });
        }
        a = n.parent;
    }
    let declared = meta.declared_languages();
    let first = declared.first()?;
    if declared.iter().all(|(l, _)| *l == first.0) {
        return Some(first.clone());
    }
    let detected = language::detect_reliable(body);
    declared
        .iter()
        .find(|(l, _)| Some(l.as_str()) == detected)
        .or(Some(first))
        .cloned()
}

/// Whether an address is a site's home page: no path (or just `/`) and
/// no query.
fn is_site_root(url: &str) -> bool {
    let u = url.trim();
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .or_else(|| u.strip_prefix("//"));
    let path = match rest {
        Some(r) => r.split_once('/').map_or("", |(_, p)| p),
        None => u.strip_prefix('/').unwrap_or("x"),
    };
    let path = path.split('#').next().unwrap_or(path);
    path.is_empty() && !rest.unwrap_or(u).contains('?')
}

/// An address reduced to what names a page: no scheme, `www.`, query,
/// fragment or trailing slash, the host lowercased.
fn address_key(url: &str) -> String {
    let u = url.trim();
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .or_else(|| u.strip_prefix("//"))
        .unwrap_or(u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    let u = u
        .split(['?', '#'])
        .next()
        .unwrap_or(u)
        .trim_end_matches('/');
    match u.split_once('/') {
        Some((host, path)) => format!("{}/{path}", host.to_lowercase()),
        None => u.to_lowercase(),
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

/// Whether a title is only a web address.
fn is_web_address(title: &str) -> bool {
    let lower = title.trim().to_ascii_lowercase();
    !lower.contains(char::is_whitespace)
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www."))
}

/// The hosts of archive.today, which rewrites a saved page's head: its
/// `og:url` and canonical are its own short link, its published time the
/// capture's.
const ARCHIVE_TODAY_HOSTS: &[&str] = &[
    "archive.today",
    "archive.ph",
    "archive.is",
    "archive.li",
    "archive.vn",
    "archive.fo",
    "archive.md",
];

/// The host of an `http(s)` address, lowercased, without `www.`.
fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    Some(host.trim_start_matches("www.").to_ascii_lowercase())
}

/// Whether `url` is an address of archive.today.
fn is_archive_today(url: &str) -> bool {
    host_of(url).is_some_and(|h| ARCHIVE_TODAY_HOSTS.contains(&h.as_str()))
}

/// The address of the article an archived copy's address stands for: a
/// Wayback Machine snapshot (`https://web.archive.org/web/20240115093012/
/// https://site/…`) or an archive.today one (`https://archive.ph/
/// 2023.04.02-140511/https://site/…`) gives the article's address;
/// archive.today's short link (`https://archive.ph/AbCdE`) and Google's
/// cache name no article address at all (`None`); any other address is
/// its own.
pub fn unwrap_archived(url: &str) -> Option<&str> {
    if let Some(inner) = unwrap_wayback(url) {
        return Some(inner);
    }
    if is_archive_today(url) {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let path = rest.split_once('/').map_or("", |(_, p)| p);
        let (stamp, inner) = path.split_once('/')?;
        let is_stamp = stamp.len() >= 8
            && stamp
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
        return (is_stamp && (inner.starts_with("http://") || inner.starts_with("https://")))
            .then_some(inner);
    }
    if host_of(url).is_some_and(|h| h == "webcache.googleusercontent.com") {
        return None;
    }
    Some(url)
}

/// The archived article's address in a Wayback Machine snapshot's
/// (`None` for any other address, or a snapshot of no article address).
fn unwrap_wayback(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let rest = rest.strip_prefix("web.archive.org/web/")?;
    let (stamp, inner) = rest.split_once('/')?;
    let digits = stamp.bytes().take_while(u8::is_ascii_digit).count();
    let mode = &stamp[digits..];
    let is_stamp =
        (4..=14).contains(&digits) && (mode.is_empty() || (mode.ends_with('_') && mode.len() <= 4));
    (is_stamp && (inner.starts_with("http://") || inner.starts_with("https://"))).then_some(inner)
}

/// Removes a site-name suffix (` | Site`, ` - Site`, ` – Site`) or prefix.
pub fn clean_title(title: &str, site: Option<&str>) -> String {
    let t = super::text::collapse(title);
    let site_l = site.map(|s| s.trim().trim_start_matches('@').to_lowercase());
    for sep in [
        " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " // ", " « ", " » ",
    ] {
        if let Some(pos) = t.rfind(sep) {
            let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
            let tail_l = tail.to_lowercase();
            let is_site = site_l
                .as_deref()
                .is_some_and(|s| !s.is_empty() && (tail_l.contains(s) || s.contains(&tail_l)));
            let (tail_words, head_words) = (
                tail.split_whitespace().count(),
                head.split_whitespace().count(),
            );
            let short = tail_words <= 4 && head_words >= 3;
            // A bare domain ("Shop.com") names the site whatever the
            // headline's length.
            let domain = looks_like_domain(&tail_l) && !head.trim().is_empty();
            // "The Isthmus Post | Bukele fires police chief": the head is
            // the declared site, or a name in capitals before a tail worded
            // as a headline and no shorter; the tail is then the
            // headline, whatever its length.
            let head_l = head.to_lowercase();
            let head_is_site = site_l
                .as_deref()
                .is_some_and(|s| !s.is_empty() && head_l == s);
            let headline_tail =
                !looks_like_site(tail) && looks_like_site(head) && tail_words >= head_words;
            if !head_is_site
                && (is_site
                    || domain
                    || (short && sep != " - " && !headline_tail)
                    || (short && looks_like_site(tail)))
            {
                return clean_title(head, site);
            }
        }
        if let Some(pos) = t.find(sep) {
            let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
            let head_l = head.to_lowercase();
            // "Site | Site.com - Headline": a head that ends in a domain
            // is the site's name, when a headline of a few words follows.
            let domain = head_l
                .split_whitespace()
                .last()
                .is_some_and(looks_like_domain)
                && tail.split_whitespace().count() >= 3;
            if domain
                || site_l
                    .as_deref()
                    .is_some_and(|s| !s.is_empty() && head_l == s)
            {
                return clean_title(tail, site);
            }
        }
    }
    // Titles in scripts written without spaces put the site's name after
    // a full-width colon, a bar or a dash with no space around it
    // ("見出し：新聞名", "제목ㅣ신문"): cut the declared site name there.
    if let Some(s) = site_l.as_deref().filter(|s| s.chars().count() >= 2) {
        let lower = t.to_lowercase();
        if lower.len() == t.len() && lower.ends_with(s) && lower.len() > s.len() {
            let head = &t[..t.len() - s.len()];
            let cut =
                head.trim_end_matches(|c: char| c.is_whitespace() || "|:：-–—_·•ㅣ｜/".contains(c));
            if cut.len() < head.len() && cut.chars().count() >= 4 {
                return clean_title(cut, site);
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
    "fecha",
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
    "og:publish_date",
    "published",
    "published_at",
    "publisheddate",
    "published-date",
    // Highwire Press tags (Google Scholar's): journals, preprint servers,
    // university and NGO reports.
    "citation_publication_date",
    "citation_date",
];

/// `<meta>` keys that carry the date of the last change.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
];

/// Whether a machine timestamp is in UTC (or has a time and no zone): its
/// calendar day may be the day after (or before) the publisher's own.
fn utc_stamp(s: &str) -> bool {
    let s = s.trim();
    let has_time = s.len() > 10 && s.contains(':');
    if !has_time {
        return false;
    }
    if s.ends_with(['Z', 'z']) || s.ends_with("GMT") || s.ends_with("UTC") {
        return true;
    }
    // An explicit offset after the time: "+02:00", "-0500".
    let b = s.as_bytes();
    let offset = |n: usize| {
        b.len() > n
            && matches!(b[b.len() - n - 1], b'+' | b'-')
            && b[b.len() - n..]
                .iter()
                .all(|c| c.is_ascii_digit() || *c == b':')
    };
    let zone = if offset(5) {
        Some(&b[b.len() - 5..])
    } else if offset(4) {
        Some(&b[b.len() - 4..])
    } else {
        None
    };
    zone.is_none_or(|z| z.iter().all(|c| matches!(c, b'0' | b':')))
}

/// A date shown on the page, near the headline or in the article.
#[derive(Debug, Clone, Copy)]
struct Shown {
    date: NaiveDate,
    label: DateLabel,
    /// Between the headline and the start of the story.
    head: bool,
    /// From a `<time>` element (else from text).
    time: bool,
    /// Read from the text the reader sees (else from a `datetime`).
    visible: bool,
    /// Above the headline (a kicker): it corroborates a declared date but
    /// never overrules one.
    kicker: bool,
    /// Told in a sentence of the story ("On March 8, 2012, gang leaders
    /// signed…"): the story's subject, never the publication date. It
    /// still counts as a date the page shows, so that a list of dated
    /// sentences (a changelog) stays a list.
    told: bool,
    /// The element or text node it was read from.
    node: usize,
}

/// How many elements up from a date its markup may name it.
const LABEL_LEVELS: usize = 3;

/// What a shown date is: the words just before it say ("Updated …"); else
/// the markup of its element or a near ancestor does (`class="updated"`,
/// `itemprop="dateModified"`, a "field--name-changed" field), the nearest
/// that names one.
fn label_of(dom: &Dom, rules: &Prepared, i: usize, before: &str) -> DateLabel {
    let said = rules.date_label(before);
    if said != DateLabel::Plain {
        return said;
    }
    marked_ancestors(dom, i)
        .find_map(|(_, marks)| rules.date_label_of_class(&marks))
        .unwrap_or(DateLabel::Plain)
}

/// Node `i`'s element (a text node's parent) and its ancestors, at most
/// `LABEL_LEVELS` of them, each with its tag and the words of its markup
/// that may name a date line: class, id and itemprop.
fn marked_ancestors<'d>(
    dom: &'d Dom<'_>,
    i: usize,
) -> impl Iterator<Item = (&'d str, String)> + 'd {
    let start = if dom.nodes[i].tag.is_empty() {
        dom.nodes[i].parent
    } else {
        i
    };
    let up = |&e: &usize| Some(dom.nodes[e].parent).filter(|&p| p != NONE);
    std::iter::successors(Some(start).filter(|&e| e != NONE), up)
        .take(LABEL_LEVELS)
        .map(|e| {
            let n = &dom.nodes[e];
            let mut marks = n.class_id();
            if let Some(p) = n.attr("itemprop") {
                marks.push(' ');
                marks.push_str(p);
            }
            (n.tag, marks)
        })
}

/// Tags whose text is never shown.
fn unseen(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "noscript" | "template" | "svg" | "head" | "title"
    )
}

/// Keeps the last few characters of the text walked so far: the label of
/// a date is in the words just before it.
fn push_recent(recent: &mut String, text: &str) {
    // Text nodes of different elements are different words ("Headline"
    // then "Updated").
    recent.push(' ');
    push_collapsed(recent, text);
    if recent.len() > 120 {
        let mut cut = recent.len() - 60;
        while !recent.is_char_boundary(cut) {
            cut += 1;
        }
        recent.drain(..cut);
    }
}

/// The dates the page shows in its article region, in document order: the
/// `<time>` elements, short datelines and bylines between the headline and
/// the story, and a wire dateline opening the story; each with its label.
/// Furniture is skipped, except the byline just under the headline.
fn shown_dates(
    dom: &Dom,
    meta: &PageMeta,
    root: usize,
    furniture: &[bool],
    rules: &Prepared,
    order: DayOrder,
) -> Vec<Shown> {
    let mut out = Vec::new();
    let Some((start, end)) = article_region(dom, meta, root) else {
        return out;
    };
    if start >= meta.h1 {
        out.extend(kicker_date(dom, meta.h1, rules, order));
    }
    let mut recent = String::new();
    // The words just before, past the head too (where `recent` stops):
    // "Published" over a `<time>` in a details box under the story.
    let mut said = String::new();
    let mut head = true;
    let mut seen_words = 0;
    let mut i = start;
    while i < end {
        let n = &dom.nodes[i];
        if !n.tag.is_empty() {
            // A furniture block that holds the headline (a page-header
            // banner) is entered: its byline is the best evidence there is.
            let holds_h1 = meta.h1 != NONE && dom.contains(i, meta.h1);
            let skip = unseen(n.tag)
                || (furniture.get(i).copied().unwrap_or(false)
                    && !(head && in_byline(dom, meta.h1, i, BYLINE_WINDOW_NODES))
                    && !holds_h1);
            if skip {
                // A date the furniture itself calls the publication date
                // ("Published on March 2, 2025" in an attribution box
                // past the byline zone) is still evidence, before the story.
                if head && !unseen(n.tag) && in_byline(dom, meta.h1, i, usize::MAX) {
                    if let Some(text) = dom.short_text_of(i, 200) {
                        if let Some((at, date)) = find_text_date_at(&text, order) {
                            if label_of(dom, rules, i, &text[..at]) == DateLabel::Published {
                                out.push(Shown {
                                    date,
                                    label: DateLabel::Published,
                                    head: true,
                                    time: false,
                                    visible: true,
                                    kicker: false,
                                    told: false,
                                    node: i,
                                });
                            }
                        }
                    }
                }
                i = n.end.max(i + 1);
                continue;
            }
        }
        if n.tag == "time" {
            let (text, at, d, visible) = time_element_date(dom, i, order);
            if let Some(date) = d {
                let mut before = recent.clone();
                before.push(' ');
                before.push_str(&text[..at]);
                let label = label_of(dom, rules, i, &before);
                said.push(' ');
                said.push_str(&text[..at]);
                let said_published = rules.date_label(&said) == DateLabel::Published;
                said.clear();
                // Past the story's start, a `<time>` is the article's only
                // where its words or its markup say it is a date line;
                // else it is a date the story tells (an event, a
                // correction) or one of a block of other items.
                let placed = head
                    || label != DateLabel::Plain
                    || said_published
                    || dateline_marked(dom, rules, i);
                if placed && !told_in_sentence(dom, rules, i, None) {
                    out.push(Shown {
                        date,
                        label,
                        head,
                        time: true,
                        visible,
                        kicker: false,
                        told: false,
                        node: i,
                    });
                }
                recent.clear();
            } else {
                push_recent(&mut recent, &text);
            }
            i = n.end.max(i + 1);
            continue;
        }
        if head && n.tag == "p" {
            let text = dom.text_of(i);
            // The story has started: a dateline comes before it, or opens
            // its first paragraph the wire way ("SAN SALVADOR, March 11,
            // 2013 — …").
            if text.split_whitespace().count() > 25 {
                if let Some(date) = leading_dateline(&text, order) {
                    out.push(Shown {
                        date,
                        label: DateLabel::Plain,
                        head: true,
                        time: false,
                        visible: true,
                        kicker: false,
                        told: false,
                        node: i,
                    });
                }
                head = false;
            }
        }
        let t = n.text();
        if !head && !t.trim().is_empty() {
            push_recent(&mut said, t);
        }
        if head && !t.trim().is_empty() {
            let words = t.split_whitespace().count();
            let lower = t.to_lowercase();
            let copyright = lower.contains('©') || lower.contains("copyright");
            // A quoted letter's or ruling's date line ("San Salvador, May
            // 4, 2020") is the quoted document's.
            let found = if words <= 20 && !copyright && !in_quote(dom, i) {
                find_text_date_at(t, order)
            } else {
                None
            };
            if let Some((at, date)) = found {
                // A date the story tells in a sentence ("On March 8, 2012,
                // gang leaders signed…") is its subject, not its dateline;
                // so is one in the headline ("March 26, 2022: the day…"),
                // one an event's name opens ("Día 1: 27 de marzo de
                // 2022"), and a date heading followed by more dated
                // headings (a timeline's entries).
                let told = told_in_sentence(dom, rules, i, Some((at, date_end(t, at))))
                    || rules.names_event(&t[..at])
                    || super::date::in_span(&t[..at], &t[date_end(t, at)..], order)
                    || in_caption(dom, i, t)
                    || match heading_of(dom, i) {
                        Some(h) if dom.nodes[h].tag == "h1" => true,
                        Some(h) => other_dated_heading(dom, h, start, end, order),
                        None => false,
                    };
                let mut before = recent.clone();
                before.push(' ');
                before.push_str(&t[..at]);
                let label = match label_of(dom, rules, i, &before) {
                    DateLabel::Plain if rules.updated_after(&t[date_end(t, at)..]) => {
                        DateLabel::Updated
                    }
                    label => label,
                };
                // "fue desarticulada el 27 de marzo": told, unless a label
                // says it is the publication ("Posted by admin on …").
                let told = told || (label == DateLabel::Plain && told_by_its_words(&t[..at]));
                out.push(Shown {
                    date,
                    label,
                    head: true,
                    time: false,
                    visible: true,
                    kicker: false,
                    told,
                    node: i,
                });
                recent.clear();
            } else {
                push_recent(&mut recent, t);
            }
            seen_words += words;
            if seen_words > 150 {
                head = false;
            }
        }
        i += 1;
    }
    out
}

/// Whether the words just before a date make it one the text tells, not
/// a dateline: a preposition after a word of running text ("la estructura
/// fue desarticulada el 27 de marzo", "detained in Izalco prison on March
/// 15"), or "del" naming an event ("Masacre del 20 de junio de 2015"),
/// unless it names a print edition ("Edición del 12 de marzo"). Asked
/// only of a date no label calls the publication's ("Posted by admin on
/// …", "Publicado el …").
pub(super) fn told_by_its_words(before: &str) -> bool {
    let mut words = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '(' | '—' | '–'))
        .filter(|w| !w.is_empty());
    let Some(preposition) = words.next() else {
        return false;
    };
    let previous = words.next().unwrap_or_default();
    let previous_folded = crate::fold::fold(previous);
    // A byline's name before the preposition ("Posted by admin on …").
    if words.any(|w| matches!(crate::fold::fold(w).as_str(), "by" | "por")) {
        return false;
    }
    match crate::fold::fold(preposition).as_str() {
        "del" => !matches!(
            previous_folded.as_str(),
            "edicion" | "edition" | "version" | "portada"
        ),
        "el" | "on" => {
            previous.chars().count() >= 3
                && previous.chars().all(char::is_alphabetic)
                && previous.chars().next().is_some_and(char::is_lowercase)
        }
        _ => false,
    }
}

/// Whether text node `i` (text `t`) is a picture's caption or credit: in a
/// `<figure>`, or naming the photographer ("Foto: AFP / 15 de marzo de
/// 2019"). Its date is the picture's.
fn in_caption(dom: &Dom, i: usize, t: &str) -> bool {
    let lower = t.to_lowercase();
    if [
        "foto:",
        "photo:",
        "fotos:",
        "photos:",
        "foto de archivo",
        "file photo",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return true;
    }
    dom.inside(i, &["figure", "figcaption"])
}

/// Whether node `i` is inside a `<blockquote>` or `<q>`: someone else's
/// text, whose dates are not the page's.
fn in_quote(dom: &Dom, i: usize) -> bool {
    dom.inside(i, &["blockquote", "q"])
}

/// The date a `<time>` element gives: its text, where the date starts in
/// it, the date, and whether it was read from the visible text. What the
/// reader sees wins over the machine value (a UTC `datetime` may fall on
/// the next day); an element whose two disagree otherwise gives none.
fn time_element_date(
    dom: &Dom,
    i: usize,
    order: DayOrder,
) -> (String, usize, Option<NaiveDate>, bool) {
    let text = dom.text_of(i);
    let raw = dom.nodes[i].attr("datetime").unwrap_or("");
    let machine = parse_machine_date(raw);
    let (at, d, visible) = match (find_text_date_at(&text, order), machine) {
        (Some((at, d)), Some(m))
            if d != m && !(utc_stamp(raw) && (d - m).num_days().abs() == 1) =>
        {
            (at, None, true)
        }
        (Some((at, d)), _) => (at, Some(d), true),
        (None, m) => (text.len(), m, false),
    };
    (text, at, d, visible)
}

/// The date of the `<article>` element that holds the story, from its own
/// `<time>` elements where templates put the article's date: a header
/// above the headline, an aside beside it, a footer under the story, or
/// an element marked as a byline or date line (HTML gives a `<time>` to
/// its nearest article). Times in a nested article, a list, a nav, a
/// block of other items (comments, related teasers, a block headed "You
/// may also like"), an unmarked block, or a sentence of the story belong
/// to something else and are skipped; times labelled "Updated" are set
/// aside. Only one
/// day is an answer: two days, or an element that contradicts itself,
/// leave the article undated.
fn article_element_date(
    dom: &Dom,
    root: usize,
    rules: &Prepared,
    order: DayOrder,
) -> Option<NaiveDate> {
    let mut article = root;
    while article != NONE && dom.nodes[article].tag != "article" {
        if matches!(dom.nodes[article].tag, "body" | "html") {
            return None;
        }
        article = dom.nodes[article].parent;
    }
    if article == NONE {
        return None;
    }
    let mut day = None;
    let mut recent = String::new();
    let mut i = article + 1;
    let end = dom.nodes[article].end;
    while i < end {
        let n = &dom.nodes[i];
        if n.tag.is_empty() {
            push_recent(&mut recent, n.text());
            i += 1;
            continue;
        }
        let elsewhere = unseen(n.tag)
            || matches!(n.tag, "article" | "li" | "ul" | "ol" | "nav")
            || rules.is_other_items_class(&n.class_id())
            || opens_with_related_heading(dom, rules, i);
        if elsewhere {
            i = n.end.max(i + 1);
            continue;
        }
        if n.tag == "time"
            && (!in_article_frame(dom, rules, article, i) || told_in_sentence(dom, rules, i, None))
        {
            // A date the story tells, or one in a block with no mark of a
            // date line (a comments thread without classes).
            recent.clear();
            i = n.end.max(i + 1);
            continue;
        }
        if n.tag == "time" {
            let (text, at, d, _) = time_element_date(dom, i, order);
            let date = d?;
            recent.push(' ');
            recent.push_str(&text[..at]);
            if label_of(dom, rules, i, &recent) != DateLabel::Updated {
                if day.is_some_and(|seen| seen != date) {
                    return None;
                }
                day = Some(date);
            }
            recent.clear();
            i = n.end.max(i + 1);
            continue;
        }
        i += 1;
    }
    day
}

/// Whether `<time>` element `i` of `article` sits where templates put the
/// article's date: in the article's header, footer or aside (not a list,
/// skipped before), or in an element marked as a byline or date line.
fn in_article_frame(dom: &Dom, rules: &Prepared, article: usize, i: usize) -> bool {
    let mut a = dom.nodes[i].parent;
    while a != NONE && a > article {
        if matches!(dom.nodes[a].tag, "header" | "footer" | "aside" | "address") {
            return true;
        }
        a = dom.nodes[a].parent;
    }
    dateline_marked(dom, rules, i)
}

/// Whether block `i` opens with a heading of a related block ("You may
/// also like", "Te puede interesar"): its dates are other articles'.
fn opens_with_related_heading(dom: &Dom, rules: &Prepared, i: usize) -> bool {
    let n = &dom.nodes[i];
    if !matches!(n.tag, "div" | "section" | "aside" | "footer") {
        return false;
    }
    (i + 1..n.end)
        .find(|&k| !dom.nodes[k].tag.is_empty() || !dom.nodes[k].text().trim().is_empty())
        .is_some_and(|k| {
            matches!(dom.nodes[k].tag, "h2" | "h3" | "h4" | "h5" | "h6")
                && rules.is_related_heading(&dom.text_of(k))
        })
}

/// Whether node `i`, or an element near above it, is marked as a byline
/// or date line (`class="byline"`, `itemprop="datePublished"`).
fn dateline_marked(dom: &Dom, rules: &Prepared, i: usize) -> bool {
    marked_ancestors(dom, i)
        .take_while(|&(tag, _)| !matches!(tag, "body" | "html" | "main" | "article"))
        .any(|(_, marks)| rules.is_dateline_class(&marks))
}

/// The longest block read to tell whether a date is told in a sentence.
const SENTENCE_BYTES: usize = 800;

/// Words of its own (lowercase, three letters or more) a sentence has
/// around a date; a byline's are names, labels and times ("Posted by
/// admin on March 8, 2022 at 10:00 a.m." has one).
const SENTENCE_WORDS: usize = 4;

/// Where the written date starting at `at` in `text` ends: after its
/// year (every written date [`find_text_date_at`] reads has one).
pub(super) fn date_end(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    let mut run = 0;
    for (k, c) in rest.char_indices() {
        if c.is_ascii_digit() {
            run += 1;
            continue;
        }
        if run == 4 && !c.is_alphanumeric() {
            return at + k;
        }
        run = if c.is_alphanumeric() {
            usize::MAX / 2
        } else {
            0
        };
    }
    text.len()
}

/// Whether the date at node `i` (a `<time>`, or the byte range `cut` of
/// a text node) is told in a sentence of the block that holds it: the
/// story's subject ("On March 8, 2012, gang leaders signed a truce…",
/// "The festival is on <time>December 5</time>.", "Fe de erratas
/// (5 de junio de 2022): …"), not a dateline. A sentence ends on its
/// mark and has words of its own around the date; a byline has names,
/// labels and times. A block marked as a byline or date line is one.
fn told_in_sentence(dom: &Dom, rules: &Prepared, i: usize, cut: Option<(usize, usize)>) -> bool {
    if dateline_marked(dom, rules, i) {
        return false;
    }
    let mut block = dom.nodes[i].parent;
    while block != NONE && !is_block(dom.nodes[block].tag) {
        block = dom.nodes[block].parent;
    }
    if block == NONE || matches!(dom.nodes[block].tag, "body" | "html" | "main" | "article") {
        return false;
    }
    let (mut before, mut after) = (String::new(), String::new());
    let mut past = false;
    let end = dom.nodes[block].end;
    let mut k = block + 1;
    while k < end {
        let n = &dom.nodes[k];
        if k == i {
            if let Some((s, e)) = cut {
                push_collapsed(&mut before, n.text().get(..s).unwrap_or(""));
                after.push(' ');
                push_collapsed(&mut after, n.text().get(e..).unwrap_or(""));
            }
            past = true;
            k = n.end.max(k + 1);
            continue;
        }
        if unseen(n.tag) {
            k = n.end.max(k + 1);
            continue;
        }
        let out = if past { &mut after } else { &mut before };
        if is_block(n.tag) {
            out.push(' ');
        }
        push_collapsed(out, n.text());
        if before.len() + after.len() > SENTENCE_BYTES {
            // A long paragraph is running text; a long block of another
            // kind (a header holding headline and byline) is not read.
            return dom.nodes[block].tag == "p";
        }
        k += 1;
    }
    let last = if after.trim().is_empty() {
        &before
    } else {
        &after
    };
    let words = before
        .split_whitespace()
        .chain(after.split_whitespace())
        .filter(|w| is_running_word(w))
        .count();
    ends_sentence(last) && words >= SENTENCE_WORDS
}

/// Whether `text` ends with a sentence's final stop, maybe inside closing
/// quotes or brackets.
pub(super) fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', ')', ']'])
        .ends_with(['.', '!', '?', '…'])
}

/// Whether a word (punctuation around it aside) is one of running text:
/// lowercase, letters only, three or more; names, labels and numbers are
/// not.
pub(super) fn is_running_word(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.chars().count() >= 3
        && w.chars().all(char::is_alphabetic)
        && w.chars().next().is_some_and(char::is_lowercase)
}

/// How many levels above a text node its heading may be.
const HEADING_LEVELS: usize = 4;

/// The heading element (`h1` to `h6`) that holds node `i`, if any.
fn heading_of(dom: &Dom, i: usize) -> Option<usize> {
    let mut a = dom.nodes[i].parent;
    for _ in 0..HEADING_LEVELS {
        if a == NONE {
            return None;
        }
        if matches!(dom.nodes[a].tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            return Some(a);
        }
        a = dom.nodes[a].parent;
    }
    None
}

/// Whether another heading of the same level as heading `h`, between
/// nodes `start` and `end`, also holds a date: the dated headings of a
/// timeline.
fn other_dated_heading(dom: &Dom, h: usize, start: usize, end: usize, order: DayOrder) -> bool {
    let tag = dom.nodes[h].tag;
    (start..end.min(dom.len()))
        .filter(|&j| j != h && dom.nodes[j].tag == tag)
        .any(|j| {
            dom.short_text_of(j, 200)
                .is_some_and(|t| find_text_date_at(&t, order).is_some())
        })
}

/// How many DOM nodes before the headline a kicker date may start.
const KICKER_WINDOW_NODES: usize = 15;

/// How many levels above the headline its heading block may start.
const KICKER_LEVELS: usize = 3;

/// A short date line just above the headline, inside its heading block:
/// the "Category · March 3, 2025" kicker many templates set over the
/// title, where the byline under it has no date. Only text of the block
/// that holds the headline counts (a masthead's "today is …" is outside
/// it), and nothing in a list, link, aside, nav or footer (teasers).
fn kicker_date(dom: &Dom, h1: usize, rules: &Prepared, order: DayOrder) -> Option<Shown> {
    if h1 == NONE {
        return None;
    }
    let mut block = h1;
    for _ in 0..KICKER_LEVELS {
        let p = dom.nodes[block].parent;
        if p == NONE || matches!(dom.nodes[p].tag, "body" | "html") {
            break;
        }
        block = p;
    }
    // Every node between the block and the headline is inside the block
    // (pre-order), before the headline.
    let first = h1.saturating_sub(KICKER_WINDOW_NODES).max(block + 1);
    for i in (first..h1).rev() {
        let n = &dom.nodes[i];
        let t = n.text();
        if !n.tag.is_empty() || t.trim().is_empty() {
            continue;
        }
        if t.split_whitespace().count() > 12 {
            // A paragraph, not a kicker: the heading block has ended.
            return None;
        }
        let mut time = false;
        let mut a = n.parent;
        let mut teaser = false;
        while a != NONE && a > block {
            let tag = dom.nodes[a].tag;
            time |= tag == "time";
            teaser |=
                unseen(tag) || matches!(tag, "li" | "ul" | "ol" | "a" | "aside" | "nav" | "footer");
            a = dom.nodes[a].parent;
        }
        if teaser {
            continue;
        }
        if let Some((at, date)) = find_text_date_at(t, order) {
            // "Régimen de excepción, día 1: 27 de marzo de 2022": the
            // kicker names an event and its date, not the article's.
            if rules.names_event(&t[..at])
                || super::date::in_span(&t[..at], &t[date_end(t, at)..], order)
                || (rules.date_label(&t[..at]) == DateLabel::Plain && told_by_its_words(&t[..at]))
            {
                return None;
            }
            let mut before = String::new();
            for k in first..i {
                push_recent(&mut before, dom.nodes[k].text());
            }
            before.push(' ');
            before.push_str(&t[..at]);
            return Some(Shown {
                date,
                label: label_of(dom, rules, i, &before),
                head: true,
                time,
                visible: true,
                kicker: true,
                told: false,
                node: i,
            });
        }
    }
    None
}

/// Weighs the declared publication date against the dates the page shows
/// near its headline.
fn check_declared(
    shown: &[Shown],
    modified: &[&str],
    date: NaiveDate,
    source: String,
    utc: bool,
) -> Option<(NaiveDate, String)> {
    // A date the page labels "Updated", or declares as its last change, is
    // that wherever it appears: no evidence against the publication date
    // (unless the page shows the declared date too, checked first).
    let mut updated: Vec<NaiveDate> = shown
        .iter()
        .filter(|s| s.label == DateLabel::Updated)
        .map(|s| s.date)
        .collect();
    for raw in modified {
        if let Some(d) = parse_machine_date(raw) {
            updated.push(d);
            if utc_stamp(raw) {
                updated.extend(d.pred_opt());
                updated.extend(d.succ_opt());
            }
        }
    }
    let mut head: Vec<&Shown> = shown
        .iter()
        .filter(|s| s.head && s.label != DateLabel::Updated)
        .collect();
    if head.iter().any(|s| s.date == date) {
        return Some((date, source));
    }
    // A date labelled "Published" speaks louder than unlabelled ones.
    if head
        .iter()
        .any(|s| s.label == DateLabel::Published && !s.told)
    {
        head.retain(|s| s.label == DateLabel::Published);
    }
    let distinct = |head: &[&Shown]| {
        let mut days: Vec<NaiveDate> = head.iter().map(|s| s.date).collect();
        days.sort_unstable();
        days.dedup();
        days
    };
    // A UTC timestamp one day off the one day the reader sees: the
    // publisher's own calendar day is the one shown. (The day shown may
    // also be the day of a change made at once, so this comes before
    // setting the changes aside.)
    let local_day = |head: &[&Shown]| match distinct(head).as_slice() {
        [day]
            if utc
                && (*day - date).num_days().abs() == 1
                && head.iter().all(|s| s.visible && !s.told) =>
        {
            Some((*day, format!("{source}, day shown on the page")))
        }
        _ => None,
    };
    let explained: Vec<&Shown> = head
        .iter()
        .copied()
        .filter(|s| !updated.contains(&s.date))
        .collect();
    let days = distinct(&explained);
    match days.as_slice() {
        [] => local_day(&head).or(Some((date, source))),
        // Several dates: a list, not a dateline.
        [_, _, ..] => Some((date, source)),
        // The page shows another day than the publisher declares: the day
        // the reader sees under the headline wins (declared dates are
        // often a migration's or a re-save's stamp); a kicker above the
        // headline is too weak to overrule the declaration.
        // Only dates the story tells: the declared date stands.
        [_] if explained.iter().all(|s| s.told) => Some((date, source)),
        [day] => local_day(&explained).or_else(|| {
            if explained.iter().any(|s| !s.kicker && s.visible) {
                Some((*day, format!("dateline shown, over {source}")))
            } else if explained.iter().all(|s| !s.visible) {
                // A `<time>` stamp the reader never sees ("Hace 3 horas"):
                // one day off, it is the same moment in UTC; further off,
                // it contradicts the declaration.
                ((*day - date).num_days().abs() == 1).then_some((date, source))
            } else {
                None
            }
        }),
    }
}

/// The publication date and its source.
///
/// Evidence, not the first source that answers: the publisher's declared
/// publication date (JSON-LD, `<meta>`, microdata) is taken when the page
/// shows it or shows no other date; when the page shows one other day near
/// the headline (not labelled "Updated", nor its declared last change),
/// the day the reader sees wins: declared dates are often the stamp of a
/// migration or a re-save (measured on the eval sets: the shown day was
/// the true one on 10 of 10 such pages, none in fundus). A kicker date above
/// the headline alone does not overrule (a preprint's earlier version date
/// did); several other days shown are a list, not a dateline, and leave the
/// declared date. A UTC timestamp one day off the day shown gives the
/// publisher's own calendar day. Without a declared date,
/// a shown date is taken unless the page declares it as the date of the
/// last change. Dates labelled "Updated" are never the publication date.
///
/// Before all that, the page's own statement of the article's first
/// appearance ("This article was originally published on …"): a day given
/// so is the date; a month or year given alone rules out any other.
///
/// Article-typed JSON-LD objects that give different days contradict each
/// other: the page is undated unless another source gives one of their
/// days (a wrong date is worse than none).
#[allow(clippy::too_many_arguments)]
pub fn find_date(
    dom: &Dom,
    meta: &PageMeta,
    root: usize,
    furniture: &[bool],
    rules: &Prepared,
    url: Option<&str>,
    lang: &str,
) -> Option<(NaiveDate, String)> {
    // A Spanish page of a US site (`es-US`) may write "03/04/2021" for
    // March 4: its ambiguous numeric dates are read as an English page's
    // are, that is not at all; a British page's are read day first.
    let order = DayOrder::of_language(lang, meta.declared_region());
    // A page that says when the article first appeared is a republished
    // or updated copy: its metadata and byline date the copy.
    let first = first_published(dom, rules, order);
    if matches!(first, Some(FirstPublished::On(_))) {
        return FirstPublished::settle(first, None);
    }
    let mut found = dated_by_evidence(dom, meta, root, furniture, rules, url, order);
    // Article-typed JSON-LD objects that disagree on the day: only another
    // source that names one of their days settles it.
    if !meta.ld_conflict.is_empty() {
        found = found.filter(|(d, _)| meta.ld_conflict.contains(d));
    }
    FirstPublished::settle(first, found)
}

/// How many text nodes holding the words of a first-publication statement
/// are examined; a real page has one or two.
const MAX_STATEMENT_CANDIDATES: usize = 20;

/// The longest block read for a statement of first publication (its label
/// and date are often in sibling inline elements, so the whole block is
/// read, not the text node).
const STATEMENT_BLOCK_BYTES: usize = 4000;

/// The page's own statement of when the article first appeared: "This
/// article was originally published on 26 Sep 2019", "Originally
/// published in March 2022", "Publicado originalmente el 3 de marzo de
/// 2020". Read in the text of the block holding the words, outside scripts,
/// navigation, links and blocks of other items (comments, teasers).
fn first_published(dom: &Dom, rules: &Prepared, order: DayOrder) -> Option<FirstPublished> {
    let mut candidates = 0;
    let mut i = 0;
    while i < dom.len() {
        let n = &dom.nodes[i];
        if unseen(n.tag) {
            i = n.end.max(i + 1);
            continue;
        }
        i += 1;
        if !n.tag.is_empty() || !rules.mentions_first_published(n.text()) {
            continue;
        }
        // Each candidate walks its ancestors and reads its block: a page
        // that repeats the words everywhere is not read to its end.
        candidates += 1;
        if candidates > MAX_STATEMENT_CANDIDATES {
            return None;
        }
        let mut block = n.parent;
        while block != NONE && !(is_block(dom.nodes[block].tag) || dom.nodes[block].tag == "body") {
            block = dom.nodes[block].parent;
        }
        if block == NONE || elsewhere(dom, rules, n.parent) {
            continue;
        }
        let Some(text) = lines_of(dom, block, STATEMENT_BLOCK_BYTES) else {
            continue;
        };
        let Some(rest) = rules.first_published(&text) else {
            continue;
        };
        if let Some(reading) = FirstPublished::read(&rest, order) {
            return Some(reading);
        }
    }
    None
}

/// The text of the block at `i` with its lines kept apart ("Originally
/// posted February 2017<br>Edited April 2024" is two statements), or
/// `None` past `max` bytes. A block's end breaks the line as its start
/// does: the Guardian's `<summary>` holds the last change, and the
/// statement follows it in a bare `<span>`.
fn lines_of(dom: &Dom, i: usize, max: usize) -> Option<String> {
    let mut out = String::new();
    let mut open_blocks: Vec<usize> = Vec::new();
    for (j, n) in dom.nodes[i..dom.nodes[i].end].iter().enumerate() {
        let at = i + j;
        while open_blocks.last().is_some_and(|&end| end <= at) {
            open_blocks.pop();
            out.push('\n');
        }
        if is_block(n.tag) {
            out.push('\n');
            open_blocks.push(n.end);
        }
        push_collapsed(&mut out, n.text());
        if out.len() > max {
            return None;
        }
    }
    Some(out)
}

/// Whether node `i` is, or is inside, something other than the article's
/// own text: navigation, a link, a block of other items.
fn elsewhere(dom: &Dom, rules: &Prepared, mut i: usize) -> bool {
    while i != NONE {
        let n = &dom.nodes[i];
        if unseen(n.tag)
            || matches!(n.tag, "nav" | "a")
            || rules.is_other_items_class(&n.class_id())
        {
            return true;
        }
        i = n.parent;
    }
    false
}

/// The publication date by the page's metadata, byline and URL, with its
/// source.
fn dated_by_evidence(
    dom: &Dom,
    meta: &PageMeta,
    root: usize,
    furniture: &[bool],
    rules: &Prepared,
    url: Option<&str>,
    order: DayOrder,
) -> Option<(NaiveDate, String)> {
    let shown = shown_dates(dom, meta, root, furniture, rules, order);
    let declared = declared_date(dom, meta, root, furniture);
    if let Some((date, source, utc)) = declared {
        let modified: Vec<&str> = meta
            .ld_modified
            .iter()
            .map(String::as_str)
            .chain(MODIFIED_META.iter().filter_map(|k| {
                meta.meta
                    .get(*k)
                    .map(String::as_str)
                    .or_else(|| own_item_date(dom, meta, root, k))
            }))
            .collect();
        return check_declared(&shown, &modified, date, source, utc);
    }
    let usable = |s: &&Shown| s.label != DateLabel::Updated && !s.told;
    // A date in a teaser of another article (a tag page's, a section
    // front's) is that article's, not the page's.
    let teasers = Teasers { dom, meta, rules };
    let (shown, teasers_dropped) = teasers.drop_from(shown);
    if let Some(s) = shown.iter().filter(|s| s.time).find(usable) {
        return Some((s.date, "time datetime".to_string()));
    }
    if let Some(d) = url.and_then(date_from_url) {
        // A byline under the headline giving another day contradicts the
        // address: no date is better than a wrong one.
        let contradicted = shown
            .iter()
            .filter(|s| !s.time && s.head && s.visible)
            .find(usable)
            .is_some_and(|s| s.date != d);
        if contradicted {
            return None;
        }
        return Some((d, "url".to_string()));
    }
    if let Some(s) = shown.iter().filter(|s| !s.time).find(usable) {
        return Some((s.date, "dateline".to_string()));
    }
    if teasers_dropped {
        return None;
    }
    article_element_date(dom, root, rules, order)
        .map(|d| (d, "time datetime in the article".to_string()))
}

/// How many elements up from a shown date the teaser holding it may be.
const TEASER_LEVELS: usize = 6;

/// How many of the first shown dates are looked at for teasers.
const LIST_DATES: usize = 4;

/// Teasers of other articles in a page: elements each holding one headline
/// (`h2` to `h4`) that links elsewhere, beside at least one more (a list:
/// a tag page, a section front, an archive, a "more on this" block). A
/// date in a teaser is the other article's, never the page's.
struct Teasers<'a, 'd> {
    dom: &'a Dom<'d>,
    meta: &'a PageMeta,
    rules: &'a Prepared,
}

impl Teasers<'_, '_> {
    /// `shown` without the dates that are in teasers, and whether any were
    /// dropped. A lone linked headline may be the article's own (old blog
    /// themes link a post's title to itself), so a teaser needs a sibling.
    /// Only the first [`LIST_DATES`] are looked at (a page of thousands of
    /// dated items costs no more); when all of them are in teasers, the
    /// page is a list, and none of its dates is its own.
    fn drop_from(&self, shown: Vec<Shown>) -> (Vec<Shown>, bool) {
        let teasers: Vec<Option<usize>> = shown
            .iter()
            .take(LIST_DATES)
            .map(|s| self.holding(s.node))
            .collect();
        let Some(&first) = teasers.iter().flatten().next() else {
            return (shown, false);
        };
        if !self.in_a_list(first) {
            return (shown, false);
        }
        if teasers.iter().all(Option::is_some) {
            return (Vec::new(), true);
        }
        let kept = shown
            .into_iter()
            .enumerate()
            .filter(|(k, _)| teasers.get(*k).is_none_or(Option::is_none))
            .map(|(_, s)| s)
            .collect();
        (kept, true)
    }

    /// The teaser holding node `at`: its nearest ancestor, at most
    /// [`TEASER_LEVELS`] up, that holds a linked headline; `None` if that
    /// ancestor holds several (a list, not one of its items) or the page's
    /// `h1`.
    fn holding(&self, at: usize) -> Option<usize> {
        let (dom, h1) = (self.dom, self.meta.h1);
        let mut a = dom.nodes.get(at)?.parent;
        for _ in 0..TEASER_LEVELS {
            let n = dom.nodes.get(a)?;
            if matches!(n.tag, "body" | "html" | "main") || (h1 != NONE && dom.contains(a, h1)) {
                return None;
            }
            match self.linked_headlines(a, 2) {
                0 => a = n.parent,
                1 => return Some(a),
                _ => return None,
            }
        }
        None
    }

    /// Whether `teaser` has a sibling: an ancestor near it holds at least
    /// two linked headlines.
    fn in_a_list(&self, teaser: usize) -> bool {
        let mut a = self.dom.nodes[teaser].parent;
        for _ in 0..TEASER_LEVELS {
            let Some(n) = self.dom.nodes.get(a) else {
                return false;
            };
            if matches!(n.tag, "body" | "html") {
                return false;
            }
            if self.linked_headlines(a, 2) >= 2 {
                return true;
            }
            a = n.parent;
        }
        false
    }

    /// How many headlines (`h2` to `h4`) that link elsewhere element `a`
    /// holds, counting up to `max`. A link to a place in the page
    /// (`#section`) or to the page itself is not elsewhere, and a byline
    /// set as a heading ("By <a>Ana Ruiz</a>") is no headline.
    fn linked_headlines(&self, a: usize, max: usize) -> usize {
        let dom = self.dom;
        let own = self
            .meta
            .canonical
            .as_deref()
            .map(|c| c.trim_end_matches('/'));
        let links = |k: usize| {
            dom.nodes[k].tag == "a"
                && dom.nodes[k].attr("href").is_some_and(|href| {
                    let href = href.trim();
                    !href.starts_with('#') && Some(href.trim_end_matches('/')) != own
                })
        };
        let end = dom.nodes[a].end;
        let mut count = 0;
        let mut i = a + 1;
        while i < end && count < max {
            let n = &dom.nodes[i];
            if matches!(n.tag, "h2" | "h3" | "h4") {
                let mut up = n.parent;
                let mut linked = (i + 1..n.end).any(links);
                while !linked && up != NONE && up > a {
                    linked = links(up);
                    up = dom.nodes[up].parent;
                }
                if linked && !self.rules.is_byline(&dom.text_of(i)) {
                    count += 1;
                }
                i = n.end.max(i + 1);
                continue;
            }
            i += 1;
        }
        count
    }
}

/// The publication date the publisher declares: JSON-LD `datePublished`,
/// `<meta>` keys, microdata; with its source and whether it is a UTC stamp.
fn declared_date(
    dom: &Dom,
    meta: &PageMeta,
    root: usize,
    furniture: &[bool],
) -> Option<(NaiveDate, String, bool)> {
    // archive.today writes the capture's time where the publisher's was.
    if meta.is_archive_today_copy() {
        return None;
    }
    let from_meta = || {
        DATE_META.iter().find_map(|key| {
            let raw = meta
                .meta
                .get(*key)
                .map(String::as_str)
                .or_else(|| own_item_date(dom, meta, root, key))?;
            parse_machine_date(raw).map(|d| (d, format!("meta {key}"), utc_stamp(raw)))
        })
    };
    if let Some(raw) = meta.ld_date.as_deref() {
        if let Some(d) = parse_machine_date(raw) {
            let utc = utc_stamp(raw);
            // JSON-LD that may be another item's gives way to the
            // publisher's meta date; and of the same moment one UTC day
            // off, the stamp with the publisher's own offset gives the day.
            if meta.ld_date_weak || utc {
                if let Some(m) = from_meta() {
                    if meta.ld_date_weak || (!m.2 && (m.0 - d).num_days().abs() == 1) {
                        return Some(m);
                    }
                }
            }
            return Some((d, "json-ld datePublished".to_string(), utc));
        }
    }
    if let Some(m) = from_meta() {
        return Some(m);
    }
    // Elements marked as the publication date (microdata, pubdate).
    for i in 0..dom.len() {
        let n = &dom.nodes[i];
        if n.tag.is_empty() || furniture.get(i).copied().unwrap_or(false) {
            continue;
        }
        if item_scope(dom, i).is_some_and(|scope| !main_item(dom, meta, root, scope)) {
            continue;
        }
        let marked = n
            .attr("itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("datePublished"))
            || (n.tag == "time" && n.attr("pubdate").is_some());
        if marked {
            if let Some(raw) = n.attr("datetime").or(n.attr("content")) {
                if let Some(d) = parse_machine_date(raw) {
                    return Some((d, "itemprop datePublished".to_string(), utc_stamp(raw)));
                }
            }
        }
    }
    None
}

/// How many DOM nodes after the headline a byline may start. A share bar
/// or an author card with its links and icons between the headline and
/// the byline's date takes 30 to 60 nodes; 100 found no more dates than 60.
const BYLINE_WINDOW_NODES: usize = 60;

/// True if node `i` sits in the byline zone right after headline `h1`: close
/// after it in document order, and not inside a list, aside, nav or footer.
fn in_byline(dom: &Dom, h1: usize, i: usize, window: usize) -> bool {
    if h1 == NONE || i < h1 || i - h1 > window {
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
fn article_region(dom: &Dom, meta: &PageMeta, root: usize) -> Option<(usize, usize)> {
    let h1 = meta.h1;
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
                // comes before the body, shortly (a byline between them) or
                // as the page's declared headline (a page builder's hero
                // section above the story), the region spans both;
                // otherwise only the body itself: an h1 far above that is
                // not the declared headline may be a section's banner.
                if h1 < root && (root - h1 <= NEAR_HEADLINE_NODES || meta.h1_declared) {
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

#[cfg(test)]
mod utc_tests {
    use super::utc_stamp;

    #[test]
    fn utc_stamps() {
        assert!(utc_stamp("2021-09-09T02:30:00Z"));
        assert!(utc_stamp("2021-09-09T02:30:00.000+00:00"));
        assert!(utc_stamp("2021-09-09 02:30:00"));
        assert!(!utc_stamp("2021-09-09T02:30:00-06:00"));
        assert!(!utc_stamp("2021-09-09T02:30:00+0200"));
        assert!(!utc_stamp("2021-09-09"));
    }
}

#[cfg(test)]
mod wayback_tests {
    use super::unwrap_archived;

    #[test]
    fn a_wayback_snapshot_gives_the_archived_address() {
        let inner = "https://www.example-news.com/news/bukele-fires-police-chief";
        for snapshot in [
            format!("https://web.archive.org/web/20240115093012/{inner}"),
            format!("http://web.archive.org/web/20240115093012id_/{inner}"),
            format!("https://web.archive.org/web/2024/{inner}"),
        ] {
            assert_eq!(unwrap_archived(&snapshot), Some(inner), "{snapshot}");
        }
        assert!(super::is_web_address(&format!(" {inner} ")));
        assert!(super::is_web_address("www.example-news.com/news"));
        assert!(!super::is_web_address(
            "www.example.com: the site that knew"
        ));
        for other in [
            inner,
            "https://web.archive.org/web/*/example.com*",
            "https://web.archive.org/web/20240115093012/",
            "/web/20240115093012/https://www.example-news.com/",
        ] {
            assert_eq!(unwrap_archived(other), Some(other));
        }
    }

    #[test]
    fn an_archive_today_copy_gives_the_archived_address_or_none() {
        let inner = "https://www.example-news.com/news/bukele-fires-police-chief";
        for snapshot in [
            format!("https://archive.ph/2023.04.02-140511/{inner}"),
            format!("http://archive.is/20230402140511/{inner}"),
        ] {
            assert_eq!(unwrap_archived(&snapshot), Some(inner), "{snapshot}");
        }
        for no_article in [
            "https://archive.ph/AbCdE",
            "https://www.archive.today/Qw3rT",
            "https://webcache.googleusercontent.com/search?q=cache:x:https://www.example-news.com/a",
        ] {
            assert_eq!(unwrap_archived(no_article), None, "{no_article}");
        }
    }
}
