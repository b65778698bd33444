//! HTML extraction: finds the article block in a DOM and turns it into
//! paragraphs.
//!
//! Owns the site-independent rules: structural furniture (`nav`, `aside`,
//! `footer`, forms, scripts…), class/id fragments and headings from the
//! furniture rules, Readability-style scoring of candidate blocks by text
//! length, commas and link density, and the reading-order text output. It
//! does not read metadata (see `metadata`). Every pass is a loop over the
//! flat DOM of `dom`, never recursion.

use std::collections::HashMap;

use super::date::{find_text_date_at, DayOrder};
use super::dom::{push_collapsed, Dom, NONE};
use super::rules::{DateLabel, Prepared};

/// A `figure` that frames text of the story rather than a picture: a
/// table, a quotation, code or a list (block editors wrap all of them in
/// `figure`). Its caption is still furniture.
fn figure_of_text(dom: &Dom, i: usize) -> bool {
    dom.nodes[i].tag == "figure"
        && dom.nodes[i + 1..dom.nodes[i].end]
            .iter()
            .any(|n| matches!(n.tag, "table" | "blockquote" | "pre" | "ul" | "ol" | "dl"))
}

/// Whether the `id` of element `i` is the slug of its own heading
/// (`<section id="sharing-with-a-colleague"><h2>Sharing with a
/// colleague</h2>`): documentation and blog generators name sections after
/// their titles, so the id says what the section is about, not that it is
/// a share widget or a comment box.
fn id_is_heading_slug(dom: &Dom, i: usize) -> bool {
    let Some(id) = dom.nodes[i].attr("id") else {
        return false;
    };
    let slug = words(&fold_accents(id));
    if slug.len() < 2 {
        return false;
    }
    let end = dom.nodes[i].end.min(i + SLUG_HEADING_SCAN);
    let Some(h) = (i..end).find(|&j| is_heading(dom.nodes[j].tag)) else {
        return false;
    };
    // Slugs drop accents: "fiscalia" names "Fiscalía".
    let heading = words(&fold_accents(&dom.text_of(h))).join(" ");
    heading.contains(&slug.join(" "))
}

/// `text` with the accented Latin letters of Spanish (and most western
/// languages) replaced by their base letter, as slugs write them.
fn fold_accents(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            'ç' | 'Ç' => 'c',
            c => c,
        })
        .collect()
}

/// Nodes after a section's start looked at for its heading.
const SLUG_HEADING_SCAN: usize = 12;

/// Elements whose content is never article text.
fn is_hard_drop(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            // MathML is kept: an inline formula is part of its sentence.
            // Its TeX source (an annotation) would say it twice.
            | "annotation"
            | "annotation-xml"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "button"
            | "input"
            | "select"
            | "option"
            | "textarea"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "video"
            | "audio"
            | "map"
            | "dialog"
    )
}

/// Characters of text from which a page's `main` element is taken to hold
/// its content.
const MAIN_TEXT: usize = 200;

/// Elements that are page furniture unless they hold most of the page.
fn is_soft_drop_tag(tag: &str) -> bool {
    matches!(
        tag,
        "nav" | "aside" | "footer" | "header" | "form" | "figure" | "figcaption" | "menu"
    )
}

/// Elements that end a paragraph.
pub fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tr"
            | "td"
            | "th"
            | "br"
            | "hr"
            | "header"
            | "footer"
            | "figure"
            | "figcaption"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "form"
            | "fieldset"
            | "caption"
            | "body"
            | "aside"
            | "nav"
    )
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
    "blog", "story", "cuerpo", "nota", "noticia",
];
const NEGATIVE: &[&str] = &[
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "foot",
    "footer",
    "footnote",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
    "teaser",
    "card",
];

/// Readability's class weight: +25 for article-ish class/id, -25 for
/// furniture-ish, per attribute.
fn class_weight(class: Option<&str>, id: Option<&str>) -> f64 {
    let mut w = 0.0;
    for v in [class, id].into_iter().flatten() {
        let v = v.to_lowercase();
        if NEGATIVE.iter().any(|n| v.contains(n)) {
            w -= 25.0;
        }
        if POSITIVE.iter().any(|p| v.contains(p)) {
            w += 25.0;
        }
    }
    w
}

/// Per-node facts computed in the passes below.
#[derive(Debug, Clone, Default)]
struct Stat {
    /// Bytes of text in the subtree (live nodes only).
    text: usize,
    /// Bytes of text inside links.
    link: usize,
    /// Commas in the subtree.
    commas: usize,
    /// Text bytes not inside a nested block element (inline content).
    direct: usize,
    /// Non-link text bytes inside paragraphs, list items, headings, quotes.
    good: usize,
    /// The subtree holds a headline that is a link (a teaser's).
    linked_heading: bool,
    /// Soft furniture flag (tag, class/id, role).
    soft: bool,
    /// Soft furniture by its class/id alone (not its tag, role or style).
    by_class: bool,
    /// Protected as the article body (itemprop=articleBody, content class).
    protected: bool,
    /// Excluded from the text: hard-dropped or in a dropped subtree.
    dead: bool,
    score: f64,
    scored: bool,
}

/// The extracted article block.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Paragraphs in reading order.
    pub paragraphs: Vec<String>,
    /// Index of the chosen content root, [`NONE`] if none.
    pub root: usize,
    /// Nodes that are furniture for the purpose of dates: inside nav,
    /// aside, footer, comments, related lists.
    pub furniture: Vec<bool>,
}

fn hidden(dom: &Dom, i: usize) -> bool {
    // One pass over the attributes: this runs for every element of a page.
    let (mut role, mut labelled, mut id, mut hidden, mut aria_hidden, mut style) =
        (None, false, None, false, None, None);
    for (name, value) in dom.nodes[i].attrs() {
        match name {
            "role" => role = Some(value),
            "aria-labelledby" => labelled = true,
            "id" => id = Some(value),
            "hidden" => hidden = true,
            "aria-hidden" => aria_hidden = Some(value),
            "style" => style = Some(value),
            _ => {}
        }
    }
    // A collapsed accordion or tab panel (WAI-ARIA: a region or tab panel
    // labelled by its header) is hidden until the reader opens it: its
    // text is the page's.
    if matches!(role, Some("region" | "tabpanel")) && labelled {
        return false;
    }
    // React streaming rendering parks the content in `<div hidden
    // id="S:0">` until script moves it into place.
    let react_boundary = id.is_some_and(|id| id.starts_with("S:"));
    if (hidden && !react_boundary) || aria_hidden == Some("true") {
        return true;
    }
    if let Some(style) = style {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    matches!(
        role,
        Some("navigation" | "complementary" | "contentinfo" | "banner" | "dialog" | "alert")
    )
}

/// Marks node `i` and all its descendants dead (they are `i..end(i)`).
fn kill_subtree(dom: &Dom, stats: &mut [Stat], i: usize) {
    for s in &mut stats[i..dom.nodes[i].end] {
        s.dead = true;
    }
}

/// Marks `dead` for the subtree of every node flagged by `flag`, in one
/// forward pass (parents come before children).
fn propagate(dom: &Dom, stats: &mut [Stat], flag: impl Fn(&Stat) -> bool) {
    for i in 0..dom.len() {
        let p = dom.nodes[i].parent;
        let parent_dead = p != NONE && stats[p].dead;
        let me = flag(&stats[i]);
        stats[i].dead = parent_dead || me;
    }
}

/// Sums text statistics bottom-up, skipping dead nodes.
fn sum_text(dom: &Dom, stats: &mut [Stat]) {
    for s in stats.iter_mut() {
        s.text = 0;
        s.link = 0;
        s.commas = 0;
        s.direct = 0;
        s.good = 0;
    }
    for i in (0..dom.len()).rev() {
        let n = &dom.nodes[i];
        if stats[i].dead {
            continue;
        }
        let t = n.text();
        if !t.is_empty() {
            let len = t.trim().len();
            stats[i].text += len;
            // Counted by byte where the text is ASCII (most of it).
            stats[i].commas += commas(t);
        }
        if n.tag == "a" {
            stats[i].link = stats[i].text;
        }
        let p = n.parent;
        if p != NONE {
            let (text, link, commas) = (stats[i].text, stats[i].link, stats[i].commas);
            stats[p].text += text;
            stats[p].link += link;
            stats[p].commas += commas;
            // `direct` holds, until the fix-up below, the text inside block
            // descendants.
            let in_blocks = if is_block(n.tag) {
                text
            } else {
                stats[i].direct
            };
            stats[p].direct += in_blocks;
            let good = if is_prose(n.tag) {
                text.saturating_sub(stats[i].link)
            } else {
                stats[i].good
            };
            stats[p].good += good;
        }
    }
    // Inline text: what is not inside a nested block (Readability turns
    // such divs into paragraphs).
    for s in stats.iter_mut() {
        s.direct = s.text.saturating_sub(s.direct);
    }
}

/// The commas in `text`, with the fullwidth and ideographic ones (`，`
/// `、`) of Chinese and Japanese prose, found by their first byte
/// (decoding every character of a Spanish paragraph to find none was a
/// twentieth of an HTML page's extraction).
fn commas(text: &str) -> usize {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b',', 0xEF, 0xE3, bytes)
        .filter(|&at| {
            let rest = &bytes[at..];
            rest[0] == b','
                || rest.starts_with("，".as_bytes())
                || rest.starts_with("、".as_bytes())
        })
        .count()
}

/// Elements whose text is prose of an article.
fn is_prose(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "li" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" | "dd" | "td"
    )
}

fn link_density(s: &Stat) -> f64 {
    if s.text == 0 {
        0.0
    } else {
        s.link as f64 / s.text as f64
    }
}

/// How hard [`extract`] tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// All furniture rules, scored article block.
    Strict,
    /// Without the class/id furniture rules (a wrapper may match one).
    Relaxed,
    /// All furniture rules, but the whole `body` instead of a scored block.
    WholeBody,
}

/// Finds and renders the article block.
/// `headline` is the index of the page's headline `h1` ([`NONE`] if none):
/// it is never body text, whatever the title chosen.
pub fn extract(dom: &Dom, rules: &Prepared, title: &str, headline: usize, mode: Mode) -> Extracted {
    let strict = mode != Mode::Relaxed;
    let len = dom.len();
    let mut stats = vec![Stat::default(); len];
    let mut body = NONE;
    let mut furniture = vec![false; len];
    let mut in_code = vec![false; len];
    // Elements that hold a MathML formula: a formula renderer's wrapper
    // classes ("MathJax CtxtMenu_Attached_0") are no furniture.
    let mut holds_math = vec![false; len];
    for i in 0..len {
        if dom.nodes[i].tag == "math" {
            let mut a = i;
            while a != NONE && !holds_math[a] {
                holds_math[a] = true;
                a = dom.nodes[a].parent;
            }
        }
    }
    for i in 0..len {
        let n = &dom.nodes[i];
        if n.tag.is_empty() {
            continue;
        }
        if n.tag == "body" && body == NONE {
            body = i;
        }
        let class_id = n.class_id();
        let itemprop_body = n
            .attr("itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"));
        stats[i].protected = itemprop_body || rules.is_content_class(&class_id);
        // Inside code, classes name syntax ("hljs-comment"), not furniture.
        let p = n.parent;
        in_code[i] = (p != NONE && in_code[p]) || matches!(n.tag, "pre" | "code");
        let class_furniture = strict
            && !in_code[i]
            && !holds_math[i]
            && rules.is_boilerplate_class(&class_id)
            // Not when only the id matched and it names the section after
            // its heading.
            && (n.attr("class").is_some_and(|c| rules.is_boilerplate_class(c))
                || !id_is_heading_slug(dom, i));
        let soft_tag = is_soft_drop_tag(n.tag) && !figure_of_text(dom, i);
        let is_hidden = hidden(dom, i);
        stats[i].soft = !stats[i].protected
            && (soft_tag || class_furniture || is_hidden)
            && !matches!(n.tag, "body" | "html" | "main");
        stats[i].by_class =
            stats[i].soft && !soft_tag && !is_hidden && !rules.is_prose_furniture_class(&class_id);
        furniture[i] = stats[i].soft && !matches!(n.tag, "header" | "figure" | "figcaption");
    }
    // Pass 1: hard drops only, to size the page.
    propagate(dom, &mut stats, |_| false);
    for i in 0..len {
        if is_hard_drop(dom.nodes[i].tag) || dom.nodes[i].node.is_comment() {
            kill_subtree(dom, &mut stats, i);
        }
    }
    sum_text(dom, &mut stats);
    let page_text = if body != NONE { stats[body].text } else { 0 };
    let page_good = if body != NONE { stats[body].good } else { 0 };
    // A block that holds the declared article body is not furniture, even
    // when its class says "sidebar" (a theme's name for the main column).
    // Only the largest such block counts: teasers in a related list can
    // carry the same classes.
    let mut holds_body = vec![false; len];
    let main_body = (0..len)
        .filter(|&i| stats[i].protected && !stats[i].dead)
        .max_by_key(|&i| stats[i].text);
    if let Some(m) = main_body {
        let mut a = dom.nodes[m].parent;
        while a != NONE {
            holds_body[a] = true;
            a = dom.nodes[a].parent;
        }
    }
    // The page's `main` element, when it holds text of its own: the page
    // says where its content is, and a footer, aside or nav outside it is
    // not the article however long (a lead-generation page's two-line
    // pitch in `main`, a legal disclaimer of 1,300 characters in the
    // footer).
    let main = (0..len)
        .find(|&i| {
            (dom.nodes[i].tag == "main" || dom.nodes[i].attr("role") == Some("main"))
                && !stats[i].dead
        })
        .filter(|&m| stats[m].text >= MAIN_TEXT);
    let outside_main = |i: usize| {
        main.is_some_and(|m| {
            matches!(dom.nodes[i].tag, "footer" | "aside" | "nav")
                && !dom.contains(m, i)
                && !dom.contains(i, m)
        })
    };
    // Pass 2: soft furniture, unless a block holds most of the page's text
    // (a whole-page wrapper with an unlucky class name).
    for i in 0..len {
        if stats[i].soft && !stats[i].dead && !holds_body[i] {
            // Most of the page's prose, with few links: the article itself.
            let prose = stats[i].good >= 1000
                && stats[i].good * 10 > page_good * 5
                && link_density(&stats[i]) < 0.3;
            let big = (stats[i].text >= 500 && stats[i].text * 10 > page_text * 6) || prose;
            // Long unlinked prose under a class that only looks like
            // furniture ("pane-header-alignment-left" on an accordion of
            // the story's sections); comments and bios keep their classes.
            let story_prose = || {
                stats[i].by_class
                    && stats[i].good >= CLASS_PROSE
                    && link_density(&stats[i]) < 0.1
                    && !dom.nodes[i + 1..dom.nodes[i].end].iter().any(|n| {
                        [n.attr("class"), n.attr("id")]
                            .into_iter()
                            .flatten()
                            .any(|v| rules.is_prose_furniture_class(v))
                    })
            };
            let kept = !outside_main(i) && (big || story_prose());
            if !kept {
                kill_subtree(dom, &mut stats, i);
            }
        }
    }
    sum_text(dom, &mut stats);
    // Furniture for dates is propagated down the tree.
    for i in 0..len {
        let p = dom.nodes[i].parent;
        if p != NONE && furniture[p] {
            furniture[i] = true;
        }
    }

    // Linked headlines, marked up to the root (children before parents
    // in the reverse order).
    for i in (0..len).rev() {
        let n = &dom.nodes[i];
        if stats[i].dead {
            continue;
        }
        if is_heading(n.tag) && stats[i].text > 0 {
            // A link to another page: not an anchor to itself ("#intro").
            let away = |a: usize| {
                dom.nodes[a].tag == "a"
                    && dom.nodes[a]
                        .attr("href")
                        .is_some_and(|h| !h.trim().is_empty() && !h.trim().starts_with('#'))
            };
            let in_link = n.parent != NONE && away(n.parent);
            let has_link = (i + 1..n.end).any(away) && stats[i].link * 2 >= stats[i].text;
            if in_link || has_link {
                stats[i].linked_heading = true;
            }
        }
        if stats[i].linked_heading && n.parent != NONE {
            stats[n.parent].linked_heading = true;
        }
    }
    let root = if mode == Mode::WholeBody {
        body
    } else {
        choose_root(dom, &mut stats, body)
    };
    let mut paragraphs = Vec::new();
    if root != NONE {
        let members = siblings(dom, &stats, root);
        let faq = faq_after(dom, &stats, rules, root, &members);
        let mut families = Families::default();
        for m in members.into_iter().chain(faq) {
            render(
                dom,
                &stats,
                rules,
                &mut families,
                m,
                (title, headline),
                &mut paragraphs,
            );
        }
    }
    Extracted {
        paragraphs,
        root,
        furniture,
    }
}

/// A part of a split article body holds at least this fraction (1/n) of
/// the best part's text.
const SPLIT_PART_SHARE: usize = 6;

/// Readability-style candidate scoring; returns the best block.
fn choose_root(dom: &Dom, stats: &mut [Stat], body: usize) -> usize {
    let len = dom.len();
    // A declared article body with real text wins outright.
    let mut declared = NONE;
    for i in 0..len {
        let n = &dom.nodes[i];
        if !stats[i].dead
            && n.attr("itemprop")
                .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
            && stats[i].text >= 250
            && (declared == NONE || stats[i].text > stats[declared].text)
        {
            declared = i;
        }
    }
    if declared != NONE {
        return declared;
    }
    let mut candidates: Vec<usize> = Vec::new();
    for i in 0..len {
        let n = &dom.nodes[i];
        if stats[i].dead || n.tag.is_empty() {
            continue;
        }
        let inner = match n.tag {
            "p" | "pre" | "td" | "blockquote" => stats[i].text,
            "div" | "section" | "article" => stats[i].direct,
            _ => continue,
        };
        if inner < 25 {
            continue;
        }
        let commas = if matches!(n.tag, "p" | "pre" | "td" | "blockquote") {
            stats[i].commas
        } else {
            0
        };
        let score = 1.0 + commas as f64 + (inner as f64 / 100.0).min(3.0);
        // The element itself when it holds text directly, else its parent.
        let mut anc = if matches!(n.tag, "div" | "section" | "article") {
            i
        } else {
            n.parent
        };
        let mut level = 0;
        while anc != NONE && level < 5 {
            let a = &dom.nodes[anc];
            if a.tag.is_empty() || a.tag == "html" {
                break;
            }
            if !stats[anc].scored {
                stats[anc].scored = true;
                stats[anc].score = init_score(dom, anc);
                candidates.push(anc);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            stats[anc].score += score / div;
            anc = a.parent;
            level += 1;
        }
    }
    if candidates.is_empty() {
        return body;
    }
    for &c in &candidates {
        stats[c].score *= 1.0 - link_density(&stats[c]);
    }
    let mut best = candidates[0];
    for &c in &candidates {
        if stats[c].score > stats[best].score {
            best = c;
        }
    }
    // Several strong candidates under one ancestor: the ancestor is the
    // article (split bodies, e.g. paragraphs interleaved with ad slots).
    // A part of a split body holds a share of its text; a block with a
    // sixth of the best one's text that scores as high owes it to its
    // class ("body", "content" on a teaser's two-line excerpt).
    let top = stats[best].score;
    let strong: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&c| {
            c != best
                && stats[c].score >= top * 0.75
                && stats[c].text * SPLIT_PART_SHARE >= stats[best].text
        })
        .collect();
    if strong.len() >= 2 {
        let mut anc = dom.nodes[best].parent;
        while anc != NONE && dom.nodes[anc].tag != "body" {
            let n = strong.iter().filter(|&&c| dom.contains(anc, c)).count();
            if n >= 2 {
                best = anc;
                break;
            }
            anc = dom.nodes[anc].parent;
        }
    }
    // Widen to the ancestor where prose outweighs everything else most:
    // articles split over many rows or sections (page builders) score
    // each part alone.
    let mass = |s: &Stat| s.good as f64 - 2.0 * (s.text - s.good.min(s.text)) as f64;
    let mut anc = dom.nodes[best].parent;
    let mut widest = best;
    while anc != NONE && !matches!(dom.nodes[anc].tag, "html" | "") {
        let w = mass(&stats[widest]);
        if mass(&stats[anc]) > w + 0.25 * w.abs() {
            widest = anc;
        }
        if dom.nodes[anc].tag == "body" {
            break;
        }
        anc = dom.nodes[anc].parent;
    }
    if widest != best && dom.nodes[widest].tag != "body" {
        return widest;
    }
    // Climb while the parent scores higher.
    let mut last = stats[best].score;
    let threshold = last / 3.0;
    let mut parent = dom.nodes[best].parent;
    while parent != NONE && !matches!(dom.nodes[parent].tag, "body" | "html" | "") {
        if !stats[parent].scored {
            parent = dom.nodes[parent].parent;
            continue;
        }
        let ps = stats[parent].score;
        if ps < threshold {
            break;
        }
        if ps > last {
            best = parent;
            break;
        }
        last = ps;
        parent = dom.nodes[parent].parent;
    }
    // An only child says nothing: take the parent.
    loop {
        let p = dom.nodes[best].parent;
        if p == NONE || matches!(dom.nodes[p].tag, "body" | "html" | "") {
            break;
        }
        let live_children = children(dom, p)
            .filter(|&c| !stats[c].dead && (stats[c].text > 0 || !dom.nodes[c].tag.is_empty()))
            .filter(|&c| !dom.nodes[c].tag.is_empty() || stats[c].text > 0)
            .count();
        if live_children == 1 {
            best = p;
        } else {
            break;
        }
    }
    best
}

fn init_score(dom: &Dom, i: usize) -> f64 {
    let n = &dom.nodes[i];
    let base = match n.tag {
        "div" => 5.0,
        "article" => 10.0,
        "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let itemprop = if n
        .attr("itemprop")
        .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
    {
        30.0
    } else {
        0.0
    };
    base + itemprop + class_weight(n.attr("class"), n.attr("id"))
}

/// Direct children of `p`, in order.
fn children<'d>(dom: &'d Dom, p: usize) -> impl Iterator<Item = usize> + 'd {
    subtrees(dom, p + 1, dom.nodes[p].end)
}

/// The siblings after `i`, in order: the children of its parent that
/// follow it, without walking those before it.
fn siblings_after<'d>(dom: &'d Dom, i: usize) -> impl Iterator<Item = usize> + 'd {
    let p = dom.nodes[i].parent;
    let end = if p == NONE { 0 } else { dom.nodes[p].end };
    subtrees(dom, dom.nodes[i].end, end)
}

/// The nodes that open consecutive subtrees from `start` up to `end`,
/// each found by stepping over the one before.
fn subtrees<'d>(dom: &'d Dom, start: usize, end: usize) -> impl Iterator<Item = usize> + 'd {
    let mut next = start;
    std::iter::from_fn(move || {
        if next >= end {
            return None;
        }
        let c = next;
        next = dom.nodes[c].end;
        Some(c)
    })
}

/// The root plus siblings that look like part of the same article.
fn siblings(dom: &Dom, stats: &[Stat], root: usize) -> Vec<usize> {
    let parent = dom.nodes[root].parent;
    if parent == NONE || matches!(dom.nodes[root].tag, "body" | "html") {
        return vec![root];
    }
    let top = stats[root].score;
    let threshold = (top * 0.2).max(10.0);
    let root_class = dom.nodes[root].attr("class").unwrap_or("");
    let mut out = Vec::new();
    for c in children(dom, parent) {
        if c == root {
            out.push(c);
            continue;
        }
        if stats[c].dead || dom.nodes[c].tag.is_empty() {
            continue;
        }
        let mut bonus = 0.0;
        if !root_class.is_empty() && dom.nodes[c].attr("class") == Some(root_class) {
            bonus += top * 0.2;
        }
        let append = if stats[c].scored && stats[c].score + bonus >= threshold {
            true
        } else if dom.nodes[c].tag == "p" {
            let ld = link_density(&stats[c]);
            let text = dom.text_of(c);
            (stats[c].text > 80 && ld < 0.25)
                || (stats[c].text > 0 && ld == 0.0 && text.contains(". "))
        } else {
            false
        };
        if append {
            out.push(c);
        }
    }
    out
}

/// How many levels above the article block a FAQ section may hang.
const FAQ_LEVELS: usize = 4;

/// How many blocks may stand between the article block and its FAQ.
const FAQ_GAP: usize = 6;

/// How far into a block its opening heading may be (DOM nodes).
const FAQ_HEADING_NODES: usize = 40;

/// The story's questions-and-answers section when the template sets it
/// apart from the article block (a "blog-faq" section after it, often with
/// a newsletter box or a call to action between): blocks soon after the
/// article block, or after one of its near ancestors, that open with a FAQ
/// heading and hold prose, not links. Either one block that holds heading
/// and answers, or a heading followed by its answer blocks up to the next
/// heading. Empty when there is none.
fn faq_after(
    dom: &Dom,
    stats: &[Stat],
    rules: &Prepared,
    root: usize,
    members: &[usize],
) -> Vec<usize> {
    let live_heading = |i: usize| is_heading(dom.nodes[i].tag) && !stats[i].dead;
    let faq_heading = |i: usize| live_heading(i) && rules.is_faq_heading(&dom.text_of(i));
    // Answers, not only questions (collapsed answers are dropped as
    // hidden): 200+ bytes of live text outside headings and buttons, with
    // a sentence in it, and few links.
    let prose = |blocks: &[usize]| {
        let (mut answers, mut text, mut link, mut sentence) = (0, 0, 0, false);
        for &b in blocks {
            text += stats[b].text;
            link += stats[b].link;
            let mut i = b;
            while i < dom.nodes[b].end {
                let n = &dom.nodes[i];
                if stats[i].dead || is_heading(n.tag) || matches!(n.tag, "button" | "summary") {
                    i = n.end.max(i + 1);
                    continue;
                }
                let t = n.text();
                answers += t.trim().len();
                sentence |= t.contains(". ") || t.trim_end().ends_with('.');
                i += 1;
            }
        }
        answers >= 200 && sentence && (link as f64) < 0.3 * text as f64
    };
    let mut a = root;
    for _ in 0..FAQ_LEVELS {
        let p = dom.nodes[a].parent;
        if p == NONE || matches!(dom.nodes[p].tag, "html" | "") {
            break;
        }
        let after: Vec<usize> = children(dom, p)
            // `members` is in document order (`siblings`): a binary search,
            // since a root among thousands of kept siblings made a linear
            // one quadratic.
            .filter(|&c| {
                c > a && !dom.nodes[c].tag.is_empty() && members.binary_search(&c).is_err()
            })
            .take(FAQ_GAP + 20)
            .collect();
        for (k, &c) in after.iter().enumerate().take(FAQ_GAP) {
            if stats[c].dead {
                continue;
            }
            if faq_heading(c) {
                // The heading, then its answers up to the next heading.
                let mut out = vec![c];
                for &d in &after[k + 1..] {
                    if live_heading(d) && dom.nodes[d].tag <= dom.nodes[c].tag {
                        break;
                    }
                    if !stats[d].dead {
                        out.push(d);
                    }
                }
                return if prose(&out) { out } else { Vec::new() };
            }
            let end = dom.nodes[c].end.min(c + FAQ_HEADING_NODES);
            let opens = (c + 1..end)
                .find(|&i| live_heading(i))
                .is_some_and(faq_heading);
            if opens && prose(&[c]) {
                return vec![c];
            }
        }
        if dom.nodes[p].tag == "body" {
            break;
        }
        a = p;
    }
    Vec::new()
}

/// Whether a block inside the article is itself furniture: link lists,
/// appeals, "see also" lines.
fn is_inner_furniture(
    dom: &Dom,
    stats: &[Stat],
    rules: &Prepared,
    families: &mut Families,
    i: usize,
    root: usize,
) -> bool {
    let n = &dom.nodes[i];
    let s = &stats[i];
    match n.tag {
        "ul" | "ol" | "div" | "section" | "table" | "dl" | "p" | "li" | "span" => {}
        // A heading that is a drop line as a whole ("Table of contents",
        // "Advertisement") heads page furniture, not a section of the
        // story. Related headings ("See also", "Más información") are left
        // to the related-block rule, which cuts the rest of their block.
        t if is_heading(t) => {
            if s.text >= 200 {
                return false;
            }
            let text = dom.text_of(i);
            return rules.is_drop_heading(&text) && !rules.is_related_heading(&text);
        }
        _ => return false,
    }
    let ld = link_density(s);
    // An item of a list that is mostly prose is judged with its list: a
    // bullet that is one link ("Here's our year in review!") among
    // bullets of text is part of the story.
    let prose_list_item = n.tag == "li"
        && n.parent != NONE
        && matches!(dom.nodes[n.parent].tag, "ul" | "ol")
        && link_density(&stats[n.parent]) <= 0.5;
    if n.tag != "p"
        && ld > 0.5
        && s.text < 3000
        && !prose_list_item
        && !holds_announced_list(dom, stats, rules, families, i)
    {
        return true;
    }
    if matches!(n.tag, "ul" | "ol" | "div" | "section") && slideshow(dom, stats, i) {
        return true;
    }
    // Teasers after a story (the story keeps its prose without them); a
    // page that is a collection of teasers keeps them.
    if matches!(n.tag, "ul" | "ol" | "div" | "section")
        && stats[root].good.saturating_sub(s.good) >= TEASER_STORY_PROSE
        && teaser_list(dom, stats, i)
    {
        return true;
    }
    if s.text < 400 {
        let text = dom.text_of(i);
        if rules.is_drop_line(&text)
            || rules.is_appeal(&text)
            || (matches!(n.tag, "p" | "li" | "div" | "span") && inline_teaser(dom, rules, i, &text))
        {
            return true;
        }
    }
    false
}

/// Most words of a teaser's label.
const TEASER_LABEL_WORDS: usize = 4;

/// The one link inside block `i`: `None` when it holds none or several,
/// or, with `alone`, any words outside it.
fn single_link(dom: &Dom, i: usize, alone: bool) -> Option<usize> {
    let mut link = None;
    let mut k = i + 1;
    while k < dom.nodes[i].end {
        let m = &dom.nodes[k];
        if m.tag == "a" {
            if link.is_some() {
                return None;
            }
            link = Some(k);
            k = m.end.max(k + 1);
            continue;
        }
        if alone && m.tag.is_empty() && m.text().chars().any(char::is_alphanumeric) {
            return None;
        }
        k += 1;
    }
    link
}

/// Whether block `i` (its text `text`) is a teaser for another story set
/// inside the text: a label ("Lee:", "LEA TAMBIÉN |", "Related »"), then a
/// single link of a headline's length making up the rest of the block.
/// The label is one of the rules' teaser labels, with any separator or
/// none. The headline of another story is not this one's text, and the
/// names in it are not its actors. A block that is only a link (a quote, a
/// document) has no label and stays. (Any short label closed by a
/// separator before a long link was tried: on the eval pages it took
/// "See:", "Learn more:", "Pictured:" lines their truths keep.)
fn inline_teaser(dom: &Dom, rules: &Prepared, i: usize, text: &str) -> bool {
    let Some(a) = single_link(dom, i, false) else {
        return false;
    };
    let text = super::text::collapse(text);
    let link_text = super::text::collapse(&dom.text_of(a));
    if link_text.split_whitespace().nth(2).is_none() {
        return false;
    }
    let Some(at) = text.find(link_text.as_str()) else {
        return false;
    };
    let rest = &text[at + link_text.len()..];
    if rest.chars().any(char::is_alphanumeric) {
        return false;
    }
    let label = text[..at].trim();
    let words = label.split_whitespace().count();
    if words == 0 || words > TEASER_LABEL_WORDS {
        return false;
    }
    rules.is_teaser_label(label)
}

/// Whether `i` is a list inside the declared article body whose every
/// item says something besides its link ("Ana Ruiz <a>fixed the crash in
/// the importer</a>"): a list of credits or changes in the story, not a
/// list of links to other pages.
fn credited_list(dom: &Dom, stats: &[Stat], i: usize) -> bool {
    if !matches!(dom.nodes[i].tag, "ul" | "ol") || link_density(&stats[i]) <= 0.5 {
        return false;
    }
    let mut a = dom.nodes[i].parent;
    let mut protected = false;
    while a != NONE {
        if stats[a].protected {
            protected = true;
            break;
        }
        a = dom.nodes[a].parent;
    }
    if !protected {
        return false;
    }
    let mut items = 0;
    for c in children(dom, i) {
        if dom.nodes[c].tag != "li" || stats[c].dead {
            continue;
        }
        items += 1;
        // Text outside the item's links, in words.
        let mut outside = String::new();
        let mut k = c + 1;
        while k < dom.nodes[c].end {
            let n = &dom.nodes[k];
            if n.tag == "a" || stats[k].dead {
                k = n.end;
                continue;
            }
            outside.push_str(n.text());
            outside.push(' ');
            k += 1;
        }
        if outside
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
            < 2
        {
            return false;
        }
    }
    items >= 2
}

/// Whether the children of `i` are the slides of a photo gallery: three or
/// more of them (and most) open with a slide counter "1/50", "2/50", …,
/// numbered in order out of one total. Their captions are picture
/// captions, not the story. A recipe's "1/2 cup" has no such run.
fn slideshow(dom: &Dom, stats: &[Stat], i: usize) -> bool {
    let (mut items, mut slides) = (0usize, 0usize);
    let mut last: Option<(u32, u32)> = None;
    for c in children(dom, i) {
        if stats[c].dead || stats[c].text == 0 || dom.nodes[c].tag.is_empty() {
            continue;
        }
        items += 1;
        let first = (c..dom.nodes[c].end.min(c + SLIDE_SCAN))
            .map(|k| dom.nodes[k].text().trim())
            .find(|t| !t.is_empty());
        let Some((k, total)) = first.and_then(slide_counter) else {
            continue;
        };
        let in_order = last.is_none_or(|(pk, pt)| pt == total && k == pk + 1);
        if !in_order || k > total {
            return false;
        }
        last = Some((k, total));
        slides += 1;
    }
    slides >= 3 && slides * 10 >= items * 6
}

/// Nodes of a slide looked at for its counter.
const SLIDE_SCAN: usize = 8;

/// "3/50" (or "3 / 50") at the start of `text`: the slide and the total.
fn slide_counter(text: &str) -> Option<(u32, u32)> {
    let (k, rest) = text.split_once('/')?;
    let k: u32 = k.trim().parse().ok()?;
    let rest = rest.trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let total: u32 = rest.get(..digits)?.parse().ok()?;
    (k >= 1 && total >= 3).then_some((k, total))
}

/// Whether `i` is a list of links that the sentence before it announces
/// ("These changes were merged this month:"): part of the story, not a
/// related block (whose "Read more:" is no sentence). A list that opens
/// its wrapper is announced by the wrapper's previous sibling.
fn announced_list(
    dom: &Dom,
    stats: &[Stat],
    rules: &Prepared,
    families: &mut Families,
    i: usize,
) -> bool {
    let live = |c: usize| !dom.nodes[c].tag.is_empty() && !stats[c].dead && stats[c].text > 0;
    // A wrapper that opens with the list stands for it.
    let mut list = i;
    for _ in 0..ANNOUNCE_CLIMB {
        if !matches!(dom.nodes[list].tag, "div" | "section") {
            break;
        }
        match children(dom, list).find(|&c| live(c)) {
            Some(c) => list = c,
            None => return false,
        }
    }
    if !matches!(dom.nodes[list].tag, "ul" | "ol") || link_density(&stats[i]) <= 0.5 {
        return false;
    }
    let mut at = list;
    for _ in 0..=ANNOUNCE_CLIMB {
        let p = dom.nodes[at].parent;
        if p == NONE {
            return false;
        }
        // The same `live` as above, listed once per parent.
        let before = families.live_elements(dom, stats, p);
        let prev = before[..before.partition_point(|&c| c < at)]
            .last()
            .copied();
        match prev {
            Some(prev) => {
                if !matches!(dom.nodes[prev].tag, "p" | "div") || stats[prev].text > 2000 {
                    return false;
                }
                let text = dom.text_of(prev);
                return text.ends_with(':')
                    && text.split_whitespace().count() >= ANNOUNCE_MIN_WORDS
                    && !rules.is_drop_line(&text)
                    && !rules.is_related_heading(&text);
            }
            None => at = p,
        }
    }
    false
}

/// Whether the block `i` (a section or wrapper) holds a link list that
/// the story announces ("Many patches were sent for review:" over a list
/// of patch links). Such a section of the story is link-dense as a whole,
/// yet it is the story's, not a related block: it is not dropped at once,
/// and its lists and other parts are judged on their own.
fn holds_announced_list(
    dom: &Dom,
    stats: &[Stat],
    rules: &Prepared,
    families: &mut Families,
    i: usize,
) -> bool {
    matches!(dom.nodes[i].tag, "div" | "section")
        && (i + 1..dom.nodes[i].end).any(|k| {
            matches!(dom.nodes[k].tag, "ul" | "ol")
                && !stats[k].dead
                && announced_list(dom, stats, rules, families, k)
        })
}

/// Wrappers climbed from a list to find the sentence before it.
const ANNOUNCE_CLIMB: usize = 2;
/// Fewest words of a sentence that announces a list.
const ANNOUNCE_MIN_WORDS: usize = 6;

/// Whether the children of `i` are teasers of other stories: at least
/// three short items, most of them headed by a linked headline (a "more
/// stories" stream, a collection of cards). A story's own sections are
/// longer, and its subheadings are rarely links.
fn teaser_list(dom: &Dom, stats: &[Stat], i: usize) -> bool {
    let (mut items, mut teasers) = (0, 0);
    for c in children(dom, i) {
        if stats[c].dead || stats[c].text == 0 || dom.nodes[c].tag.is_empty() {
            continue;
        }
        items += 1;
        if stats[c].linked_heading && stats[c].text <= TEASER_BYTES {
            teasers += 1;
        }
    }
    teasers >= 3 && teasers * 10 >= items * 6
}

/// Most bytes of a paragraph read as a linked teaser.
const LINK_TEASER_BYTES: usize = 300;

/// Fewest and most words of a linked teaser's headline.
const LINK_TEASER_WORDS: std::ops::RangeInclusive<usize> = 4..=30;

/// Endings of a link to a document rather than a page.
const DOCUMENT_ENDINGS: &[&str] = &[
    ".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".csv", ".ppt", ".pptx",
    ".zip", ".epub", ".txt",
];

/// Whether paragraph `i` is nothing but a link to another page worded as
/// a headline, a bullet before it at most ("<p>► <a href=/x>Officials met
/// gang leaders, audio shows</a></p>"): a teaser of another story set
/// among the story's paragraphs with no label, whose names are not the
/// story's. Not a link to a document ("Read the full report (PDF)"), the
/// story's source, nor a linked sentence (it ends on a period), nor a
/// link within the page.
fn link_teaser(dom: &Dom, stats: &[Stat], families: &mut Families, i: usize) -> bool {
    let n = &dom.nodes[i];
    if n.tag != "p" || stats[i].dead || stats[i].text > LINK_TEASER_BYTES {
        return false;
    }
    // Set alone between two paragraphs of the story's prose: a run of
    // linked paragraphs is a list the story gives (its sources, the
    // products it reviews, the changes it reports).
    let p = n.parent;
    if p == NONE {
        return false;
    }
    let Teasing { live, linked } = families.teasing(dom, stats, p);
    let Ok(at) = live.binary_search(&i) else {
        return false;
    };
    // Three or more paragraphs that are all link among the story's are
    // its own structure (a digest's linked items, each followed by its
    // summary; a review's calls to action), not teasers slipped in.
    if *linked >= 3 {
        return false;
    }
    let prose = |k: Option<&usize>| {
        k.is_some_and(|&c| {
            dom.nodes[c].tag == "p"
                && stats[c].text > stats[c].link
                && (stats[c].text - stats[c].link) * 2 > stats[c].text
        })
    };
    if !(prose(at.checked_sub(1).and_then(|k| live.get(k))) && prose(live.get(at + 1))) {
        return false;
    }
    let Some(a) = single_link(dom, i, true) else {
        return false;
    };
    let href = dom.nodes[a]
        .attr("href")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let path = href.split(['?', '#']).next().unwrap_or("");
    if path.is_empty()
        || href.starts_with("mailto:")
        || href.starts_with("tel:")
        || href.starts_with("javascript:")
        || DOCUMENT_ENDINGS.iter().any(|e| path.ends_with(e))
    {
        return false;
    }
    let text = dom.text_of(a);
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let headline_case = text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let names_a_document = words.iter().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        DOCUMENT_ENDINGS.iter().any(|e| e[1..] == w)
    });
    LINK_TEASER_WORDS.contains(&words.len())
        && headline_case
        && !text.trim_end().ends_with(['.', ':', ';', ','])
        && !names_a_document
}

/// Non-link prose bytes that make a block with a furniture-looking class
/// part of the story.
const CLASS_PROSE: usize = 1500;

/// Prose a story keeps besides a teaser list dropped from it.
const TEASER_STORY_PROSE: usize = 1500;

/// Most text of one teaser (headline, blurb, source).
const TEASER_BYTES: usize = 500;

/// Whether the rest of the heading's block, after the heading, is more
/// prose than a related list or an "about" box ever holds: then the heading
/// titles a part of the article ("Recommended settings", "About the
/// treaty") and the words that would make it furniture are a coincidence.
fn prose_follows(dom: &Dom, stats: &[Stat], families: &mut Families, heading: usize) -> bool {
    let p = dom.nodes[heading].parent;
    if p == NONE {
        return false;
    }
    let (text, link) = families.text_after(dom, stats, p, heading);
    text.saturating_sub(link) >= PROSE_AFTER_HEADING && link * 10 < text * 3
}

/// Whether a related-looking heading opens a section of the story
/// ("Tendencias y gustos", "Comentarios del fiscal"): what follows it in
/// its block links nowhere and opens with prose. A list of other stories
/// is links.
fn section_follows(dom: &Dom, stats: &[Stat], families: &mut Families, heading: usize) -> bool {
    let p = dom.nodes[heading].parent;
    if p == NONE {
        return false;
    }
    let (text, link) = families.text_after(dom, stats, p, heading);
    link == 0
        && text > 0
        && siblings_after(dom, heading)
            .find(|&c| !stats[c].dead && stats[c].text > 0)
            .is_some_and(|c| super::text::is_prose(&dom.text_of(c)))
}

/// Non-link text bytes after a related-looking heading that make it a
/// heading of the article (a long related list with blurbs is about
/// 1,000 bytes).
const PROSE_AFTER_HEADING: usize = 2000;

/// What [`render`] asks about the siblings of a block, gathered once per
/// parent.
///
/// Rendering asks, for each paragraph, list or related heading, about the
/// other children of its parent (its neighbours, the text after it).
/// Walking them for each such child made a page of 40,000 `<p>` in one
/// block cost 40,000² steps (a court transcript took a minute); gathered
/// once per parent, each child is listed once per question. Stats do not
/// change while rendering, so a list is never out of date.
#[derive(Debug, Default)]
struct Families {
    /// Per parent: [`Teasing`].
    teasing: HashMap<usize, Teasing>,
    /// Per parent: its live elements (an element, not dead, with text), in
    /// order: what [`announced_list`] looks back through.
    live_elements: HashMap<usize, Vec<usize>>,
    /// Per parent: [`Sums`].
    sums: HashMap<usize, Sums>,
}

/// The children of a parent that are not dead, with running sums of their
/// text: [`prose_follows`] weighs those after a heading.
#[derive(Debug, Default)]
struct Sums {
    /// The children, in order.
    kids: Vec<usize>,
    /// Text and link bytes of the children before each, and of all (one
    /// more entry than `kids`).
    before: Vec<(usize, usize)>,
}

/// The children of a parent that [`link_teaser`] weighs.
#[derive(Debug, Default)]
struct Teasing {
    /// Live children in order: elements with text, and text with a letter
    /// or a digit (a bullet alone between two paragraphs is no neighbour).
    live: Vec<usize>,
    /// How many of them are paragraphs that are all (nine tenths) link.
    linked: usize,
}

impl Families {
    fn teasing(&mut self, dom: &Dom, stats: &[Stat], p: usize) -> &Teasing {
        self.teasing.entry(p).or_insert_with(|| {
            let live: Vec<usize> = children(dom, p)
                .filter(|&c| {
                    let m = &dom.nodes[c];
                    !stats[c].dead
                        && if m.tag.is_empty() {
                            m.text().chars().any(char::is_alphanumeric)
                        } else {
                            stats[c].text > 0
                        }
                })
                .collect();
            let linked = live
                .iter()
                .filter(|&&c| {
                    dom.nodes[c].tag == "p"
                        && stats[c].text > 0
                        && stats[c].link * 10 >= stats[c].text * 9
                })
                .count();
            Teasing { live, linked }
        })
    }

    fn live_elements(&mut self, dom: &Dom, stats: &[Stat], p: usize) -> &[usize] {
        self.live_elements.entry(p).or_insert_with(|| {
            children(dom, p)
                .filter(|&c| !dom.nodes[c].tag.is_empty() && !stats[c].dead && stats[c].text > 0)
                .collect()
        })
    }

    /// Text and link bytes of the children of `p` after `after` that are
    /// not dead.
    fn text_after(&mut self, dom: &Dom, stats: &[Stat], p: usize, after: usize) -> (usize, usize) {
        let Sums { kids, before } = self.sums.entry(p).or_insert_with(|| {
            let kids: Vec<usize> = children(dom, p).filter(|&c| !stats[c].dead).collect();
            let mut before = Vec::with_capacity(kids.len() + 1);
            let (mut text, mut link) = (0, 0);
            before.push((0, 0));
            for &c in &kids {
                text += stats[c].text;
                link += stats[c].link;
                before.push((text, link));
            }
            Sums { kids, before }
        });
        let from = kids.partition_point(|&c| c <= after);
        let (text, link) = before.last().copied().unwrap_or_default();
        let (text_before, link_before) = before.get(from).copied().unwrap_or_default();
        (text - text_before, link - link_before)
    }
}

/// Appends the paragraphs of the subtree at `root` to `out`.
fn render(
    dom: &Dom,
    stats: &[Stat],
    rules: &Prepared,
    families: &mut Families,
    root: usize,
    (title, headline): (&str, usize),
    out: &mut Vec<String>,
) {
    let end = dom.nodes[root].end;
    let mut cur = String::new();
    // Ends of open block elements; reaching one ends a paragraph.
    let mut blocks: Vec<usize> = Vec::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let t = cur.trim();
        if !t.is_empty() {
            out.push(t.to_string());
        }
        cur.clear();
    };
    let mut i = root;
    let mut announced = root;
    while i < end {
        while blocks.last().is_some_and(|&e| e <= i) {
            blocks.pop();
            flush(&mut cur, out);
        }
        let n = &dom.nodes[i];
        if stats[i].dead {
            i = n.end;
            continue;
        }
        if !n.tag.is_empty() {
            // Link lists the story announces ("These changes were
            // merged:") keep their items.
            // So do lists of credits in the declared article body.
            if i >= announced
                && (announced_list(dom, stats, rules, families, i) || credited_list(dom, stats, i))
            {
                announced = n.end;
            }
            if i != root
                && i >= announced
                && is_inner_furniture(dom, stats, rules, families, i, root)
            {
                i = n.end;
                continue;
            }
            // After the story has begun: before it, a linked paragraph
            // may be the page's own kicker or standfirst.
            if i != root && !out.is_empty() && link_teaser(dom, stats, families, i) {
                flush(&mut cur, out);
                i = n.end;
                continue;
            }
            if i == headline {
                i = n.end;
                continue;
            }
            let heading = is_heading(n.tag);
            if heading && stats[i].text < 80 {
                let text = dom.text_of(i);
                if rules.is_related_heading(&text)
                    && !out.is_empty()
                    && !prose_follows(dom, stats, families, i)
                    && (rules.is_closing_heading(&text)
                        || !section_follows(dom, stats, families, i))
                {
                    // Skip the heading and the rest of its block, up to
                    // the next heading of its rank: a new section ("See
                    // also", then "Notes") is judged on its own.
                    let p = n.parent;
                    let mut stop = if p != NONE { dom.nodes[p].end } else { n.end };
                    // The siblings after the heading, from its end: not
                    // the parent's children from the first, a walk as
                    // long as the page for each such heading.
                    if p != NONE {
                        if let Some(next) = siblings_after(dom, i).find(|&c| {
                            is_heading(dom.nodes[c].tag)
                                && dom.nodes[c].tag <= n.tag
                                && !stats[c].linked_heading
                        }) {
                            stop = next;
                        }
                    }
                    flush(&mut cur, out);
                    i = stop.min(end).max(n.end);
                    continue;
                }
                if n.tag == "h1" && same_title(&text, title) {
                    i = n.end;
                    continue;
                }
            }
            if n.tag == "br" && line_break_in_sentence(dom, i, &cur) {
                if !cur.ends_with(' ') {
                    cur.push(' ');
                }
                i += 1;
                continue;
            }
            if is_block(n.tag) {
                flush(&mut cur, out);
                if n.end > i + 1 {
                    blocks.push(n.end);
                }
            } else if matches!(n.tag, "mi" | "mn" | "mo" | "ms" | "mtext")
                && !cur.is_empty()
                && !cur.ends_with(' ')
            {
                // MathML tokens are laid out apart: "a ≠ 0", not "a≠0".
                cur.push(' ');
            }
        } else {
            push_collapsed(&mut cur, n.text());
        }
        i += 1;
    }
    flush(&mut cur, out);
}

/// Whether the `<br>` at `i` breaks a line inside a sentence of a
/// paragraph ("La Mara<br>Salvatrucha rechazó…"): a single `<br>` in a
/// `<p>`, after text `cur` that does not end a sentence or a label, with
/// more text after it in the paragraph. Such a break is a space, so a name
/// split by it stays one name for the tagger and for phrase search. Two
/// `<br>` in a row, a `<br>` after a full stop or a colon, a `<br>`
/// between labelled lines ("Source: ANI<br>Copyright: …"), and the
/// `<br>`-separated lines of a `<div>` still end a paragraph.
fn line_break_in_sentence(dom: &Dom, i: usize, cur: &str) -> bool {
    let before = cur
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', ')']);
    if before.is_empty() || before.ends_with(['.', '!', '?', ':', ';', '…', '|', '·', '•']) {
        return false;
    }
    let mut block = dom.nodes[i].parent;
    while block != NONE && !is_block(dom.nodes[block].tag) {
        block = dom.nodes[block].parent;
    }
    if block == NONE || dom.nodes[block].tag != "p" {
        return false;
    }
    // The next thing in the paragraph is text, not another `<br>` nor a
    // block.
    let next = (i + 1..dom.nodes[block].end).find(|&k| {
        let n = &dom.nodes[k];
        (!n.tag.is_empty() && is_block(n.tag)) || !n.text().trim().is_empty()
    });
    let Some(next) = next.filter(|&k| dom.nodes[k].tag.is_empty()) else {
        return false;
    };
    // Lines of a credits or sources block ("Source: ANI", "Copyright:
    // Project Syndicate, 2025", "© 2025 …") are lines, each dropped or
    // kept on its own.
    let after = dom.nodes[next].text().trim_start();
    !(opens_with_label(cur) || opens_with_label(after) || after.starts_with('©'))
}

/// Whether a line opens with a label: a colon ending one of its first
/// three words ("Source: ANI", "Fotos de archivo: …").
fn opens_with_label(line: &str) -> bool {
    line.split_whitespace().take(3).any(|w| w.ends_with(':'))
}

/// Compares a heading with the title, ignoring case, whitespace and quotes.
pub fn same_title(a: &str, b: &str) -> bool {
    fn norm(s: &str) -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    }
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

/// Lowercased words (runs of letters and digits) of `text`.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether a block's words are the page's declared description: the
/// same words (a few may differ: the meta copy is often edited), or the
/// start of them when the description was cut with an ellipsis.
fn is_description(block: &[String], desc: &[String], cut: bool) -> bool {
    if block.len() < STANDFIRST_MIN_WORDS || desc.len() < STANDFIRST_MIN_WORDS {
        return false;
    }
    // A cut description: the block starts with its words, and is not much
    // longer (a whole article also starts with them when the description
    // is its first sentence).
    if cut
        && block.len() >= desc.len()
        && block.len() * 2 <= desc.len() * 3
        && block[..desc.len() - 1] == desc[..desc.len() - 1]
    {
        return true;
    }
    let longest = block.len().max(desc.len());
    if longest * 4 > block.len().min(desc.len()) * 5 {
        return false;
    }
    let mut pool: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(desc.len());
    for w in desc {
        *pool.entry(w.as_str()).or_insert(0) += 1;
    }
    let mut common = 0;
    for w in block {
        if let Some(n) = pool.get_mut(w.as_str()) {
            if *n > 0 {
                *n -= 1;
                common += 1;
            }
        }
    }
    common * 10 >= longest * 8
}

/// Fewest words a standfirst has (a site's tag line is shorter).
const STANDFIRST_MIN_WORDS: usize = 8;
/// Elements looked at between the headline and the body.
const STANDFIRST_SCAN: usize = 400;
/// Largest subtree (in nodes) taken as one standfirst block.
const STANDFIRST_NODES: usize = 60;

/// The standfirst (dek, summary, "bajada") shown between the headline and
/// the article body, when the extracted body lacks it: a visible block
/// after the headline `h1` and before the end of the article block whose
/// words are the page's declared description (`description`,
/// `og:description`). Headers and summary boxes are dropped as furniture,
/// and the first paragraph of the story is often worded differently, so
/// the declared description is the evidence that the block is the
/// story's own summary and not a teaser, a caption or a tag line.
pub fn standfirst(
    dom: &Dom,
    root: usize,
    headline: usize,
    descriptions: &[&str],
    paragraphs: &[String],
) -> Option<String> {
    if root == NONE || headline == NONE || headline >= dom.nodes[root].end {
        return None;
    }
    let descs: Vec<(Vec<String>, bool)> = descriptions
        .iter()
        .map(|d| {
            let t = d.trim_end();
            (words(t), t.ends_with("...") || t.ends_with('\u{2026}'))
        })
        .filter(|(w, _)| w.len() >= STANDFIRST_MIN_WORDS)
        .collect();
    if descs.is_empty() {
        return None;
    }
    let lengths = descriptions.iter().map(|d| d.len());
    let shortest = lengths.clone().min().unwrap_or(0);
    let longest = lengths.max().unwrap_or(0);
    let stop = dom.nodes[root].end;
    let mut i = dom.nodes[headline].end;
    let mut seen = 0;
    while i < stop && seen < STANDFIRST_SCAN {
        let n = &dom.nodes[i];
        if n.tag.is_empty() {
            i += 1;
            continue;
        }
        seen += 1;
        if is_hard_drop(n.tag)
            || hidden(dom, i)
            || matches!(n.tag, "a" | "nav" | "aside" | "footer")
        {
            i = n.end;
            continue;
        }
        let candidate = matches!(
            n.tag,
            "p" | "h2" | "h3" | "h4" | "div" | "span" | "section" | "header" | "strong" | "em"
        ) && n.end - i <= STANDFIRST_NODES;
        // Sized like a description before its words are read: most blocks
        // are not, and reading them is most of this pass's cost.
        let sized = || {
            let raw: usize = dom.nodes[i..n.end].iter().map(|m| m.text().len()).sum();
            raw * 2 >= shortest && raw <= longest * 4 + 200
        };
        if candidate && sized() {
            let text = dom.text_of(i);
            let w = words(&text);
            if descs.iter().any(|(d, cut)| is_description(&w, d, *cut)) {
                // Already in the body when its opening words are.
                let opening = w[..STANDFIRST_MIN_WORDS].join(" ");
                let known = paragraphs
                    .iter()
                    .any(|p| words(p).join(" ").contains(&opening));
                return (!known).then_some(text);
            }
        }
        i += 1;
    }
    None
}

/// Whether a paragraph is only a date with its label ("Updated on July 9,
/// 2025", "Publicado el 8 de septiembre de 2021", "Viernes, 28/04/2023,
/// 19:25"). Which day a numeric date means does not matter here, so both
/// orders are tried.
fn is_date_line(p: &str) -> bool {
    let words = p.split_whitespace().count();
    words <= DATE_LINE_MAX_WORDS
        && !p.trim_end().ends_with(['.', '?', '!'])
        && [DayOrder::DayFirst, DayOrder::MonthFirst]
            .into_iter()
            .any(|o| find_text_date_at(p, o).is_some())
}

/// Whether `p` is a date line with no label before its date ("March 8,
/// 2012", not "Updated on July 9, 2025").
fn plain_date_line(p: &str, rules: &Prepared) -> bool {
    is_date_line(p)
        && [DayOrder::MonthFirst, DayOrder::DayFirst]
            .into_iter()
            .find_map(|o| find_text_date_at(p, o))
            .is_some_and(|(at, _)| rules.date_label(&p[..at]) == DateLabel::Plain)
}

/// Whether `p` is a copyright or rights notice: a short line with a word
/// that opens with the copyright sign ("© 2024", "©Reuters"; not a joke's
/// "manifesto™©"), or one that opens with "Copyright" or "(c)" and a year
/// ("Copyright 2023 …", "(c) 2021 …"; not a story's last clause "(c) the
/// ministry shall…" or sentence "Copyright holders have until March…").
/// Only the last lines of the text are tested: a caption's "© Reuters" in
/// the story stays.
fn is_copyright_line(p: &str) -> bool {
    if p.split_whitespace().nth(COPYRIGHT_WORDS).is_some() {
        return false;
    }
    if p.split_whitespace().any(|w| w.starts_with('©')) {
        return true;
    }
    let lower = p.trim_start().to_lowercase();
    ["copyright", "(c)"].iter().any(|opening| {
        lower
            .strip_prefix(opening)
            .map(|rest| rest.trim_start().trim_start_matches("(c)").trim_start())
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// Most words of a copyright notice.
const COPYRIGHT_WORDS: usize = 40;

/// Whether `p` is a reading-time line: "5 min read", "Reading time: 5
/// minutes", "3 min de lectura", "Tiempo de lectura: 4 minutos". Every word
/// must be a number or one of those words, so a sentence never is one.
fn is_reading_time(p: &str) -> bool {
    if p.len() > 40 {
        return false;
    }
    let lower = p.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '·' | '|' | '.'))
        .filter(|w| !w.is_empty())
        .collect();
    let minutes = |w: &str| {
        matches!(
            w,
            "min" | "mins" | "minute" | "minutes" | "minuto" | "minutos"
        )
    };
    let number = |w: &str| !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit());
    // "5min": a number with the unit glued on.
    let glued = |w: &str| {
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && w.get(digits..).is_some_and(minutes)
    };
    let mut has_number = false;
    let mut has_unit = false;
    let mut has_read = false;
    for w in &words {
        match *w {
            w if number(w) => has_number = true,
            w if minutes(w) => has_unit = true,
            w if glued(w) => (has_number, has_unit) = (true, true),
            "read" | "reading" | "lectura" => has_read = true,
            "time" | "de" | "tiempo" => {}
            _ => return false,
        }
    }
    has_number && has_unit && has_read
}

/// Whether `p` only says how long ago the page was published or changed:
/// "Updated 3 hours ago", "Atualizado há 3 horas", "Actualizado hace 2
/// horas", "il y a 3 heures", "vor 3 Stunden", "3 ore fa", "2h ago". A live
/// page's clock, read when the page was saved, not the story. Every word
/// must be a number, a unit of time, the word that makes it past ("ago",
/// "hace", "há", "il y a", "vor", "fa") or a label of the page's dates, so a
/// sentence never is one.
pub(super) fn is_relative_time(p: &str) -> bool {
    if p.len() > 60 {
        return false;
    }
    let lower = p.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '·' | '|' | ',' | '.'))
        .filter(|w| !w.is_empty())
        .collect();
    let unit = |w: &str| {
        matches!(
            w,
            "sec"
                | "secs"
                | "second"
                | "seconds"
                | "segundo"
                | "segundos"
                | "secondes"
                | "sekunden"
                | "secondi"
                | "min"
                | "mins"
                | "minute"
                | "minutes"
                | "minuto"
                | "minutos"
                | "minuten"
                | "minuti"
                | "h"
                | "hr"
                | "hrs"
                | "hour"
                | "hours"
                | "hora"
                | "horas"
                | "heure"
                | "heures"
                | "stunde"
                | "stunden"
                | "ora"
                | "ore"
                | "day"
                | "days"
                | "día"
                | "días"
                | "dia"
                | "dias"
                | "jour"
                | "jours"
                | "tag"
                | "tagen"
                | "giorno"
                | "giorni"
        )
    };
    // "3h", "5min": a number with the unit glued on.
    let glued = |w: &str| {
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        (1..=3).contains(&digits) && w.get(digits..).is_some_and(unit)
    };
    let count = |w: &str| {
        (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
            || matches!(
                w,
                "a" | "an" | "one" | "un" | "una" | "uma" | "um" | "une" | "einer" | "einem"
            )
    };
    let (mut has_count, mut has_unit, mut past) = (false, false, false);
    for (k, w) in words.iter().enumerate() {
        match *w {
            w if glued(w) => (has_count, has_unit) = (true, true),
            w if unit(w) => has_unit = true,
            "ago" | "hace" | "há" | "vor" | "fa" => past = true,
            // French "il y a": "a" counts as the past only after "il y".
            "il" | "y" => {}
            "a" if k >= 2 && words[k - 2] == "il" && words[k - 1] == "y" => past = true,
            w if count(w) => has_count = true,
            "updated" | "update" | "last" | "published" | "posted" | "edited" | "modified"
            | "actualizado" | "actualizada" | "publicado" | "publicada" | "atualizado"
            | "atualizada" | "mis" | "à" | "jour" | "publié" | "publiée" | "aktualisiert"
            | "veröffentlicht" | "aggiornato" | "pubblicato" | "em" | "el" | "on" | "le" | "am" => {
            }
            _ => return false,
        }
    }
    has_count && has_unit && past
}

/// Most words of a date line (label, weekday, date, time, zone).
const DATE_LINE_MAX_WORDS: usize = 9;
/// Most words of a deck (a standfirst) that bylines and date lines may
/// follow at the start of the text.
const DECK_MAX_WORDS: usize = 60;
/// Paragraphs looked at from each end of the text.
const META_LINES: usize = 3;

/// Words of an author name that make it a team, a desk or a brand's
/// account, not a person ("The Example Team", "Example Official").
const ORG_AUTHOR_WORDS: &[&str] = &[
    "the",
    "team",
    "staff",
    "editors",
    "editorial",
    "desk",
    "newsroom",
    "official",
    "admin",
    "el",
    "la",
    "equipo",
    "redacción",
    "redaccion",
    "oficial",
];

/// How many paragraphs from the end an author's bio may start.
const BIO_TAIL: usize = 4;

/// Longest paragraph taken for a bio (bytes).
const BIO_MAX_BYTES: usize = 900;

/// Drops the author's bio that closes the text ("Ana Ruiz is a reporter
/// who covers …", "Ana Ruiz es periodista …"), with the short lines around
/// it ("Contributing Writer", "View author page"): a paragraph near the end
/// that opens with the name the page declares as its author. A story that
/// ends by quoting a person of another name is left alone; a one-word name
/// is too weak to tell.
pub fn trim_author_bio(paragraphs: &mut Vec<String>, author: &str) {
    let names: Vec<String> = author
        .split([',', ';', '&', '|'])
        .flat_map(|a| a.split(" and ").flat_map(|b| b.split(" y ")))
        .map(|n| super::text::collapse(n).to_lowercase())
        .filter(|n| n.split_whitespace().count() >= 2)
        .collect();
    if names.is_empty() || paragraphs.len() < 3 {
        return;
    }
    let short = |p: &str| p.split_whitespace().count() <= 6;
    // The full name, or the first name followed by a lowercase word ("Ana
    // has covered …", "Ana es periodista …"): bios are written so.
    let opens_with_name = |p: &str| {
        let l = p.to_lowercase();
        names.iter().any(|n| {
            let full = l
                .strip_prefix(n.as_str())
                .is_some_and(|rest| rest.starts_with(|c: char| !c.is_alphanumeric()));
            let first = n.split_whitespace().next().unwrap_or("");
            // A team or a desk has no first name ("The Example Team").
            let org = n.split_whitespace().any(|w| ORG_AUTHOR_WORDS.contains(&w));
            let by_first = !org
                && first.chars().count() >= 3
                && p.split_whitespace()
                    .next()
                    .is_some_and(|w| w.to_lowercase() == first)
                && p.split_whitespace()
                    .nth(1)
                    .and_then(|w| w.chars().next())
                    .is_some_and(char::is_lowercase);
            full || by_first
        })
    };
    let first = paragraphs.len().saturating_sub(BIO_TAIL);
    let Some(bio) = (first..paragraphs.len()).find(|&k| {
        let p = &paragraphs[k];
        p.len() <= BIO_MAX_BYTES && opens_with_name(p) && !short(p)
    }) else {
        return;
    };
    // Only short lines may follow the bio.
    if !paragraphs[bio + 1..].iter().all(|p| short(p)) {
        return;
    }
    // The name or a role line just before it belongs to the bio.
    let mut start = bio;
    while start > first && short(&paragraphs[start - 1]) {
        start -= 1;
    }
    if start > 0 {
        paragraphs.truncate(start);
    }
}

/// Drops bylines, date lines, reading times and "updated 3 hours ago"
/// lines from the start and the end of the article text, and copyright
/// notices from its end: they are the page's metadata (kept in `author`,
/// `date`), shown around the story but not part of it. Only runs at the
/// ends, so a date heading inside a timeline stays. At the start they may
/// follow a deck ("Operação cumpriu 20 mandados…" / "Por Ana Souza, g1 Rio"
/// / "Atualizado há 3 horas"), which stays. Returns the names of the
/// first byline dropped from the start ("By Ana Ruiz" → "Ana Ruiz"): the
/// page's visible author.
pub fn trim_meta_lines(paragraphs: &mut Vec<String>, rules: &Prepared) -> Option<String> {
    let meta = |p: &String| {
        is_date_line(p) || rules.is_byline(p) || is_reading_time(p) || is_relative_time(p)
    };
    let byline = |lines: &[String]| {
        lines
            .iter()
            .find_map(|p| rules.byline_names(p).map(str::to_string))
    };
    // After a deck, only lines that cannot be a timeline's first heading
    // (an unlabelled date is one): a byline, a labelled date, a reading
    // time, a relative time.
    let after_deck = |p: &String| {
        rules.is_byline(p)
            || is_reading_time(p)
            || is_relative_time(p)
            || (is_date_line(p) && !plain_date_line(p, rules))
    };
    let deck_run = match paragraphs.first() {
        Some(deck) if !meta(deck) && deck.split_whitespace().count() <= DECK_MAX_WORDS => {
            paragraphs[1..]
                .iter()
                .take(META_LINES)
                .take_while(|p| after_deck(p))
                .count()
        }
        _ => 0,
    };
    // The story must go on after them.
    if deck_run > 0 && 1 + deck_run < paragraphs.len() {
        let author = byline(&paragraphs[1..1 + deck_run]);
        paragraphs.drain(1..1 + deck_run);
        trim_meta_tail(paragraphs, &meta);
        return author;
    }
    let lead = paragraphs
        .iter()
        .take(META_LINES)
        .take_while(|p| meta(p))
        .count();
    // A timeline: an unlabelled date line just before the story, and
    // another between story paragraphs further in, are its entries'
    // headings ("March 8, 2012" … "April 14, 2012"); the first entry's
    // date stays with it.
    let last_story = paragraphs
        .iter()
        .rposition(|p| !meta(p) && !is_copyright_line(p))
        .unwrap_or(0);
    let timeline = lead > 0
        && plain_date_line(&paragraphs[lead - 1], rules)
        && (lead..last_story).any(|k| plain_date_line(&paragraphs[k], rules));
    let lead = if timeline { lead - 1 } else { lead };
    let mut author = None;
    if lead < paragraphs.len() {
        author = byline(&paragraphs[..lead]);
        paragraphs.drain(..lead);
    }
    trim_meta_tail(paragraphs, &meta);
    author
}

/// Drops metadata lines and copyright notices from the end of the text
/// ([`trim_meta_lines`]), unless nothing else is left.
fn trim_meta_tail(paragraphs: &mut Vec<String>, meta: &impl Fn(&String) -> bool) {
    let tail = paragraphs
        .iter()
        .rev()
        .take(META_LINES)
        .take_while(|p| meta(p) || is_copyright_line(p))
        .count();
    if tail < paragraphs.len() {
        paragraphs.truncate(paragraphs.len() - tail);
    }
}

/// Characters from which a paragraph is long enough to start a copy.
const REPEATED_PARAGRAPH: usize = 80;
/// Characters of text from which a run of paragraphs met again, in the
/// same order, is a copy of the earlier run.
const REPEATED_RUN: usize = 1000;

/// Drops each run of paragraphs that repeats, in order, a run earlier on
/// the page, when it is long: at least [`REPEATED_RUN`] characters in three
/// or more distinct paragraphs.
///
/// Pages carry blocks twice: a version for narrow screens and one for wide
/// ones, the article in two tabs, a print copy. The story says it once.
/// Shorter repeats are kept: a pull quote, a note a template prints under
/// every item on purpose, the same two addresses given in two sections.
pub fn drop_repeated_paragraphs(paragraphs: &mut Vec<String>) {
    let n = paragraphs.len();
    // Each paragraph as the index of its first occurrence: equal
    // paragraphs, equal numbers. Sized once: growing it hashed every key
    // again. (The default hasher stays: a page could be written to make a
    // weaker one collide.)
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(n);
    let ids: Vec<usize> = paragraphs
        .iter()
        .enumerate()
        .map(|(k, p)| *first.entry(p.as_str()).or_insert(k))
        .collect();
    let repeats = |(k, &j): (usize, &usize)| j < k && paragraphs[k].len() >= REPEATED_PARAGRAPH;
    if !ids.iter().enumerate().any(repeats) {
        // Most pages repeat no long paragraph: no copy starts anywhere.
        return;
    }
    // Bytes of the paragraphs before each one (and of all, last).
    let mut bytes_before = Vec::with_capacity(n + 1);
    bytes_before.push(0);
    for p in paragraphs.iter() {
        let last = bytes_before.last().copied().unwrap_or(0);
        bytes_before.push(last + p.len());
    }
    let three = three_distinct_ends(&ids);
    let hashes = RunHashes::new(&ids);
    let mut copy = vec![false; n];
    let mut i = 0;
    while i < n {
        // The earlier paragraph that this one repeats, when it is long.
        let j = ids[i];
        if j < i && paragraphs[i].len() >= REPEATED_PARAGRAPH {
            // The run from `i` that repeats the run from `j` (before `i`,
            // never over it) is a copy when it holds REPEATED_RUN bytes in
            // three distinct paragraphs. Both only grow with the run, so
            // it is one when it is at least as long as the shortest run
            // from `i` that has both, `need`: only that is compared, and
            // in one step (`RunHashes`). The whole run is walked only when
            // it is a copy, and skipped. Walking every repeat to its end
            // was quadratic: two long lines in turn, 40,000 paragraphs,
            // took 25 s here.
            let enough = bytes_before.partition_point(|&b| b < bytes_before[i] + REPEATED_RUN);
            let need = enough.max(three[i]) - i;
            if need <= i - j
                && i + need <= n
                && hashes.same(i, j, need)
                && ids[i..i + need] == ids[j..j + need]
            {
                let mut run = need;
                while i + run < n && j + run < i && ids[i + run] == ids[j + run] {
                    run += 1;
                }
                copy[i..i + run].iter_mut().for_each(|c| *c = true);
                i += run;
                continue;
            }
        }
        i += 1;
    }
    let mut at = 0;
    paragraphs.retain(|_| {
        at += 1;
        !copy[at - 1]
    });
}

/// For each start `i`, the end of the shortest run `ids[i..end]` that
/// holds three distinct values (`ids.len() + 1` when none does), by one
/// window slid over `ids`: the end never moves back as the start moves
/// on. `ids` are below `ids.len()`.
fn three_distinct_ends(ids: &[usize]) -> Vec<usize> {
    let n = ids.len();
    let mut count = vec![0usize; n];
    let (mut distinct, mut end) = (0, 0);
    let mut out = Vec::with_capacity(n);
    for &id in ids {
        while distinct < 3 && end < n {
            if count[ids[end]] == 0 {
                distinct += 1;
            }
            count[ids[end]] += 1;
            end += 1;
        }
        out.push(if distinct >= 3 { end } else { n + 1 });
        count[id] -= 1;
        if count[id] == 0 {
            distinct -= 1;
        }
    }
    out
}

/// Polynomial hashes of the prefixes of a sequence of numbers, modulo the
/// prime 2^61 - 1 with a base drawn for each page: two runs of the same
/// length that hash differently differ, found in one step. Equal runs
/// always hash equal; different runs rarely do, and the caller compares
/// them when they do, so the answer never rests on the hash alone. (A
/// fixed base, or arithmetic modulo 2^64, lets a page be written whose
/// different runs all collide.)
struct RunHashes {
    /// Hash of `ids[..k]`, for each k.
    prefix: Vec<u64>,
    /// `base^k`, for each k.
    power: Vec<u64>,
}

impl RunHashes {
    const MODULUS: u64 = (1 << 61) - 1;

    fn new(ids: &[usize]) -> Self {
        use std::hash::BuildHasher;
        let seed = std::collections::hash_map::RandomState::new().hash_one(ids.len());
        let base = seed % (Self::MODULUS - 256) + 256;
        let mut prefix = Vec::with_capacity(ids.len() + 1);
        let mut power = Vec::with_capacity(ids.len() + 1);
        let (mut h, mut p) = (0, 1);
        prefix.push(h);
        power.push(p);
        for &id in ids {
            // Plus one: no value hashes as nothing.
            h = (Self::mul(h, base) + id as u64 % Self::MODULUS + 1) % Self::MODULUS;
            p = Self::mul(p, base);
            prefix.push(h);
            power.push(p);
        }
        RunHashes { prefix, power }
    }

    fn mul(a: u64, b: u64) -> u64 {
        // Below the modulus, so the remainder fits.
        (u128::from(a) * u128::from(b) % u128::from(Self::MODULUS)) as u64
    }

    /// Hash of the `len` values from `at`.
    fn run(&self, at: usize, len: usize) -> u64 {
        let whole = self.prefix[at + len];
        let head = Self::mul(self.prefix[at], self.power[len]);
        (whole + Self::MODULUS - head) % Self::MODULUS
    }

    /// Whether the runs of `len` values from `a` and from `b` may be equal
    /// (they are not when this says no).
    fn same(&self, a: usize, b: usize, len: usize) -> bool {
        self.run(a, len) == self.run(b, len)
    }
}

#[cfg(test)]
mod tests {
    use super::{commas, drop_repeated_paragraphs, is_copyright_line, is_reading_time};

    /// Copies found by walking the run from every repeat to its end, as
    /// `drop_repeated_paragraphs` first did: quadratic when a page repeats
    /// a line thousands of times, kept as the reference of what it finds.
    fn walked_copies_dropped(paragraphs: &mut Vec<String>) {
        let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut copy = vec![false; paragraphs.len()];
        let mut i = 0;
        while i < paragraphs.len() {
            let here = paragraphs[i].as_str();
            let earlier = (here.len() >= super::REPEATED_PARAGRAPH)
                .then(|| first.get(here).copied())
                .flatten();
            if let Some(j) = earlier {
                let mut run = 0;
                while i + run < paragraphs.len()
                    && j + run < i
                    && paragraphs[i + run] == paragraphs[j + run]
                {
                    run += 1;
                }
                let copied = &paragraphs[i..i + run];
                let chars: usize = copied.iter().map(String::len).sum();
                let distinct: std::collections::HashSet<&String> = copied.iter().collect();
                if chars >= super::REPEATED_RUN && distinct.len() >= 3 {
                    copy[i..i + run].iter_mut().for_each(|c| *c = true);
                    i += run;
                    continue;
                }
            } else if here.len() >= super::REPEATED_PARAGRAPH {
                first.insert(here, i);
            }
            i += 1;
        }
        let mut at = 0;
        paragraphs.retain(|_| {
            at += 1;
            !copy[at - 1]
        });
    }

    #[test]
    fn repeated_runs_are_dropped_as_walking_each_repeat_to_its_end_does() {
        // Short lines (never start a copy, may be in one) and long ones of
        // 80 to 400 bytes, so that a run passes 1,000 bytes after three to
        // a dozen paragraphs.
        let palette: Vec<String> = ["a", "short line", "another short line"]
            .iter()
            .map(|s| s.to_string())
            .chain([80, 90, 150, 260, 400].iter().enumerate().map(|(k, &len)| {
                let mut p = format!("paragraph {k} ");
                while p.len() < len {
                    p.push_str("of the hearing ");
                }
                p.truncate(len);
                p
            }))
            .collect();
        let mut rng = crate::test_rng::Rng(0x00c0_ffee_d00d_5eed);
        let mut dropped = 0;
        for _ in 0..4000 {
            // Few kinds of paragraph per page, so that runs repeat.
            let kinds = 1 + rng.below(palette.len());
            let mut page: Vec<String> = Vec::new();
            for _ in 0..rng.below(60) {
                if !page.is_empty() && rng.below(6) == 0 {
                    // A copy of an earlier run, maybe cut short.
                    let from = rng.below(page.len());
                    let to = from + 1 + rng.below(page.len() - from);
                    let copied = page[from..to].to_vec();
                    page.extend(copied);
                } else {
                    page.push(palette[rng.below(kinds)].clone());
                }
            }
            let mut ours = page.clone();
            drop_repeated_paragraphs(&mut ours);
            let mut theirs = page.clone();
            walked_copies_dropped(&mut theirs);
            assert_eq!(ours, theirs, "{page:?}");
            dropped += usize::from(theirs.len() < page.len());
        }
        // Pages with copies dropped, and pages with repeats kept.
        assert!((500..3500).contains(&dropped), "{dropped}");
    }

    #[test]
    fn commas_are_counted_in_every_script_they_are_written_in() {
        for text in [
            "",
            "a, b, c",
            "año, tregua, ñandú,",
            "東京，大阪、京都",
            "ï¼Œ ã€ ,",
            "\u{ff0d}\u{3002}\u{feff}",
        ] {
            assert_eq!(
                commas(text),
                text.matches([',', '，', '、']).count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn reading_time_lines_and_sentences_that_are_not() {
        for line in [
            "5 min read",
            "5-minute read",
            "5min read",
            "Reading time: 5 minutes",
            "3 min de lectura",
            "Lectura de 4 min.",
            "Tiempo de lectura: 4 minutos",
        ] {
            assert!(is_reading_time(line), "{line}");
        }
        for line in [
            "5 minutes",
            "Read the 5 rules",
            "It takes 5 min to read.",
            "Minute 90: read the report",
            "2024 min read",
        ] {
            assert!(!is_reading_time(line), "{line}");
        }
    }

    #[test]
    fn copyright_notices_and_lines_that_are_not() {
        for line in [
            "© 2024 The Tribune. All rights reserved.",
            "Copyright 2023 Diario del Sur",
            "Copyright (c) 2023 Diario del Sur",
            "(c) 2021 El Faro",
            "Text ©2022 Random House, Inc.",
            "Fotos: ©Reuters",
        ] {
            assert!(is_copyright_line(line), "{line}");
        }
        for line in [
            "This isn't supposed to be a manifesto™©, just notes.",
            "The court heard the copyright case on Monday.",
            "Copyright holders have until March to respond.",
            "(c) the ministry shall publish the list within 30 days.",
            "El tribunal revisó el caso de derechos de autor.",
            &format!("{} ©", "word ".repeat(45)),
        ] {
            assert!(!is_copyright_line(line), "{line}");
        }
    }
}
