//! End-to-end tests of [`normalize`] on small pages written for them.

use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::test_rng::Rng;

fn run(page: &str) -> Article {
    run_bytes(page.as_bytes(), "page.html")
}

fn run_bytes(bytes: &[u8], name: &str) -> Article {
    normalize(bytes, Path::new(name), &FurnitureRules::builtin()).expect("normalizes")
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

const STORY_EN: &str = "<p>Gang leaders in El Salvador negotiated with officials of the \
    government, according to a report by the news outlet El Faro, which obtained audio files, \
    messages and photographs.</p>\
    <p>The investigation, which was shelved by the new attorney general, found that prison \
    officials let masked men into the jails, gave the leaders better food, and moved rivals.</p>\
    <p>Analysts said the evidence contradicts the president, who has denied any pact with the \
    MS13 and both factions of Barrio 18, the Sureños and the Revolucionarios.</p>";

const STORY_ES: &str = "<p>Los líderes de las pandillas de El Salvador negociaron con \
    funcionarios del gobierno, según un informe del periódico El Faro, que obtuvo audios, \
    mensajes y fotografías de las reuniones.</p>\
    <p>La investigación, archivada por el nuevo fiscal general, encontró que los funcionarios \
    de prisiones dejaron entrar a hombres encapuchados, dieron mejor comida a los líderes y \
    trasladaron a sus rivales.</p>";

fn page(head: &str, body: &str) -> String {
    format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>")
}

#[test]
fn builtin_rules_parse() {
    let r = FurnitureRules::from_toml_str(BUILTIN_FURNITURE).expect("valid toml");
    assert!(!r.related_headings.is_empty());
    assert!(!r.boilerplate_class_fragments.is_empty());
}

#[test]
fn furniture_is_dropped() {
    let body = format!(
        "<header><nav><a href=/>Home</a> <a href=/news>News</a></nav></header>\
         <main><article><h1>Gangs Negotiated With Officials</h1>\
         <div class=\"share-buttons\"><a href=#>Share on Facebook</a><a href=#>Tweet</a></div>\
         <div class=\"article-body\">{STORY_EN}\
         <figure><img src=x.jpg><figcaption>Photo credit: AP</figcaption></figure>\
         <div class=\"newsletter-box\">Sign up for our newsletter today!</div>\
         <p>SEE ALSO: El Salvador News and Profile</p></div>\
         <aside><h3>Most read</h3><ul><li><a href=/a>Other story one here</a></li></ul></aside>\
         <section class=\"related-posts\"><h2>Related</h2><p><a href=/b>Another gang story</a></p></section>\
         <div id=\"comments\"><p>Great article, thanks for writing about these gangs!</p></div>\
         </article></main><footer>Copyright 2021 Example News. All rights reserved.</footer>"
    );
    let a = run(&page(
        "<title>Gangs Negotiated With Officials | Example News</title>",
        &body,
    ));
    assert_eq!(a.title, "Gangs Negotiated With Officials");
    assert!(
        a.body.starts_with("Gang leaders in El Salvador"),
        "{}",
        a.body
    );
    assert!(
        a.body.ends_with("the Sureños and the Revolucionarios."),
        "{}",
        a.body
    );
    assert_eq!(a.body.matches("\n\n").count(), 2);
    for junk in [
        "Home",
        "Share",
        "Tweet",
        "Photo",
        "newsletter",
        "SEE ALSO",
        "Most read",
        "Another",
        "Great article",
        "Copyright",
    ] {
        assert!(!a.body.contains(junk), "{junk} in {}", a.body);
    }
    assert_eq!(a.date, None);
}

#[test]
fn headline_not_repeated_and_lists_kept() {
    let body = format!(
        "<article><h1>The Headline Of The Story</h1>{STORY_EN}\
         <h2>What the report found</h2><ul><li>Prison visits by masked men were logged.</li>\
         <li>Leaders were moved to better cells, according to the files.</li></ul>\
         <blockquote>They are taking care not to make the slightest mistake, one member said.</blockquote>\
         </article>"
    );
    let a = run(&page(
        "<title>The Headline Of The Story - Site</title>",
        &body,
    ));
    assert_eq!(a.title, "The Headline Of The Story");
    assert_eq!(a.title_source.as_deref(), Some("h1"));
    assert!(!a.body.contains("The Headline Of The Story"));
    assert!(a
        .body
        .contains("\n\nWhat the report found\n\nPrison visits"));
    assert!(a.body.contains("They are taking care"));
}

#[test]
fn json_ld_metadata() {
    let head = r#"<title>Ignored | Site</title>
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Site"},
          {"@type":"NewsArticle","headline":"Gangs Negotiated With Officials",
           "datePublished":"2021-09-08T18:00:00-06:00",
           "author":[{"@type":"Person","name":"Ana Pérez"}],
           "url":"https://example.org/gangs"}]}</script>"#;
    let a = run(&page(head, &format!("<article>{STORY_EN}</article>")));
    assert_eq!(a.title, "Gangs Negotiated With Officials");
    assert_eq!(a.date, day(2021, 9, 8));
    assert_eq!(a.date_source.as_deref(), Some("json-ld datePublished"));
    assert_eq!(a.author.as_deref(), Some("Ana Pérez"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/gangs"));
}

#[test]
fn meta_tags_metadata() {
    let head = r#"<meta property="og:title" content="Prisons Opened to Gang Talks">
        <meta property="article:published_time" content="2021-09-08T10:00:00Z">
        <meta name="author" content="John Doe">
        <meta property="og:url" content="https://example.org/og">
        <link rel="canonical" href="https://example.org/canonical">
        <meta property="og:locale" content="es_SV">"#;
    let a = run(&page(head, &format!("<article>{STORY_ES}</article>")));
    assert_eq!(a.title, "Prisons Opened to Gang Talks");
    assert_eq!(a.title_source.as_deref(), Some("og:title"));
    assert_eq!(a.date, day(2021, 9, 8));
    assert_eq!(
        a.date_source.as_deref(),
        Some("meta article:published_time")
    );
    assert_eq!(a.author.as_deref(), Some("John Doe"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/canonical"));
    assert_eq!(a.language, "es");
    assert_eq!(a.language_source, "og:locale");
}

#[test]
fn other_date_meta() {
    for (head, src) in [
        (
            r#"<meta itemprop="datePublished" content="2021-09-08">"#,
            "meta datepublished",
        ),
        (r#"<meta name="date" content="2021-09-08">"#, "meta date"),
        (
            r#"<meta name="pubdate" content="20210908">"#,
            "meta pubdate",
        ),
        (
            r#"<meta name="DC.date" content="2021-09-08">"#,
            "meta dc.date",
        ),
    ] {
        let a = run(&page(head, &format!("<article>{STORY_EN}</article>")));
        assert_eq!(a.date, day(2021, 9, 8), "{head}");
        assert_eq!(a.date_source.as_deref(), Some(src));
    }
}

#[test]
fn time_element_in_article_but_not_in_related() {
    let body = format!(
        "<article><h1>Headline</h1><p class=meta><time datetime=\"2021-09-08\">Sept 8</time></p>\
         {STORY_EN}</article>\
         <section class=related><h2>Related</h2><article><time datetime=\"2015-05-08\">8 May</time>\
         <a href=/x>Old story</a></article></section>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, day(2021, 9, 8));
    assert_eq!(a.date_source.as_deref(), Some("time datetime"));
}

#[test]
fn related_list_dates_are_ignored() {
    let body = format!(
        "<article><h1>Headline of the story</h1>{STORY_EN}</article>\
         <aside><h2>Most read</h2><ul><li><a href=/a>Old one</a> <time datetime=\"2015-05-08\">8 May 2015</time></li>\
         <li><a href=/b>Older</a> <span>May 14, 2013</span></li></ul></aside>\
         <div class=\"related-content\"><h3>Related Content</h3><p>BARRIO 18 / 8 MAY 2015</p></div>\
         <div class=comments><p>Posted on September 9, 2021</p></div>\
         <footer><p>Updated 1 October 2021</p></footer>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, None, "{:?}", a.date_source);
}

/// A teaser of a list page: a linked headline, a date, an excerpt.
fn teaser(tag: &str, n: usize, date: &str) -> String {
    format!(
        "<{tag} class=\"post\"><h2><a href=\"https://example.org/news/story-{n}/\">Police \
         arrest members of a clique in operation {n}</a></h2><p class=meta>{date}</p><p>The \
         operation against the MS13 clique in San Miguel led to the capture of members accused of \
         extorting bus drivers and shop owners in the east of the country, police said.</p></{tag}>"
    )
}

#[test]
fn a_list_page_is_not_dated_by_its_teasers() {
    // A tag page: its dates are those of the articles it lists.
    let teasers: String = ["March 4, 2021", "February 27, 2021", "February 20, 2021"]
        .iter()
        .enumerate()
        .map(|(n, date)| teaser("article", n, date))
        .collect();
    let body = format!("<main><h1>Tag: MS13</h1>{teasers}</main>");
    let a = run(&page("<title>MS13 Archives</title>", &body));
    assert_eq!(a.date, None, "{:?}", a.date_source);
    // The same with `<time>` elements, and as a Spanish section front of
    // `div` teasers.
    let teasers: String = ["2021-03-04", "2021-02-27"]
        .iter()
        .enumerate()
        .map(|(n, d)| teaser("article", n, &format!("<time datetime=\"{d}\">{d}</time>")))
        .collect();
    let a = run(&page(
        "",
        &format!("<main><h1>Tag: MS13</h1>{teasers}</main>"),
    ));
    assert_eq!(a.date, None, "{:?}", a.date_source);
    let teasers: String = ["4 de marzo de 2021", "27 de febrero de 2021"]
        .iter()
        .enumerate()
        .map(|(n, date)| teaser("div", n, date))
        .collect();
    let a = run(&page(
        "<html lang=es>",
        &format!("<div id=content><h1>Pandillas</h1>{teasers}</div>"),
    ));
    assert_eq!(a.date, None, "{:?}", a.date_source);
}

#[test]
fn an_article_keeps_its_date_beside_teasers_of_others() {
    // Its own dateline comes first, outside any teaser; the teasers of a
    // "more on this" block inside the story do not make it a list.
    let teasers: String = ["March 4, 2021", "February 27, 2021"]
        .iter()
        .enumerate()
        .map(|(n, date)| teaser("div", n, date))
        .collect();
    let body = format!(
        "<article><h1>Gang leaders negotiated with officials</h1><p>By Jane Roe | September 8, \
         2021</p>{STORY_EN}<section>{teasers}</section></article>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, day(2021, 9, 8), "{:?}", a.date_source);
    // One linked headline with a date is not a list: old blog themes
    // head a post with a link to itself.
    let body = format!(
        "<main><h1>Tag: MS13</h1>{}</main>",
        teaser("article", 0, "March 4, 2021")
    );
    assert_eq!(run(&page("", &body)).date, day(2021, 3, 4));
    // Subheadings that link within the page, or to the page, are not
    // teasers' headlines.
    let body = format!(
        "<article><h1>Gang leaders negotiated</h1><div><h2><a href=\"#talks\">The talks</a></h2>\
         <p>September 8, 2021</p></div>{STORY_EN}<div><h2><a href=\"#jails\">The jails</a></h2>\
         <p>September 9, 2021</p></div></article>"
    );
    assert_eq!(run(&page("", &body)).date, day(2021, 9, 8));
    let own = "https://example.org/news/story-0/";
    let head = format!("<link rel=canonical href=\"{own}\">");
    let body = format!(
        "<main><h1>Blog name</h1>{}{}</main>",
        teaser("article", 0, "March 4, 2021"),
        "<div><h2><a href=\"/about\">About this blog</a></h2></div>"
    );
    assert_eq!(run(&page(&head, &body)).date, day(2021, 3, 4));
}

#[test]
fn url_and_dateline_dates() {
    let head = r#"<link rel="canonical" href="https://example.org/2021/09/08/gangs/">"#;
    let a = run(&page(head, &format!("<article>{STORY_EN}</article>")));
    assert_eq!(a.date, day(2021, 9, 8));
    assert_eq!(a.date_source.as_deref(), Some("url"));

    let body = format!(
        "<article><h1>Headline here</h1><p>By Jane Roe | September 8, 2021</p>{STORY_EN}</article>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, day(2021, 9, 8));
    assert_eq!(a.date_source.as_deref(), Some("dateline"));

    let body = format!("<article><h1>Titular de la nota</h1><p>San Salvador, 8 de septiembre de 2021</p>{STORY_ES}</article>");
    let a = run(&page("", &body));
    assert_eq!(a.date, day(2021, 9, 8));
    assert_eq!(a.language, "es");
    assert_eq!(a.language_source, "detected");

    let body = format!("<article><h1>Titular de la nota</h1><p>08/09/2021</p>{STORY_ES}</article>");
    let a = run(&page("", &body));
    assert_eq!(a.date, day(2021, 9, 8));

    // Ambiguous month-first on an English page: no date.
    let body = format!("<article><h1>Headline here</h1><p>08/09/2021</p>{STORY_EN}</article>");
    let a = run(&page("", &body));
    assert_eq!(a.date, None);
}

#[test]
fn html_lang_declared() {
    let a = run(&format!(
        "<html lang=\"ES-mx\"><body><article>{STORY_EN}</article></body></html>"
    ));
    assert_eq!(a.language, "es");
    assert_eq!(a.language_source, "html lang");
}

/// A page saved double-encoded (its UTF-8 once read as Windows-1252), as
/// scrapers and CMS migrations leave them: title, body and byline come out
/// as written, and `encoding` says the text was repaired.
#[test]
fn double_encoded_pages_are_repaired() {
    let page = "<html lang=\"es\"><head><meta charset=\"utf-8\">\
        <meta property=\"og:title\" content=\"Los Sureños y la policía de Mariona\"></head>\
        <body><article><h1>Los Sureños y la policía de Mariona</h1>\
        <p>Los Sureños y la Mara Salvatrucha controlan la zona, según la policía. \
        La investigación sigue abierta y los fiscales esperan más pruebas.</p>\
        <p>“No hay tregua”, dijo el fiscal — y añadió que la pandilla no se rendirá.</p>\
        </article></body></html>";
    let (damaged, _, _) = encoding_rs::WINDOWS_1252.decode(page.as_bytes());
    assert!(damaged.contains("SureÃ±os"));
    let a = run_bytes(damaged.as_bytes(), "a.html");
    assert_eq!(a.title, "Los Sureños y la policía de Mariona");
    assert!(a.body.contains("según la policía"), "{}", a.body);
    assert!(
        a.body
            .contains("“No hay tregua”, dijo el fiscal — y añadió"),
        "{}",
        a.body
    );
    assert_eq!(a.encoding, "UTF-8 (double-encoded, repaired)");

    // The same page written correctly is read as it is.
    let a = run_bytes(page.as_bytes(), "a.html");
    assert_eq!(a.encoding, "UTF-8");
    assert!(a.body.contains("según la policía"));
}

#[test]
fn windows_1252_pages() {
    let mut with =
        b"<html><head><meta charset=\"ISO-8859-1\"><title>Pandillas</title></head><body><article>"
            .to_vec();
    let para = b"<p>Los Sure\xf1os y la Mara Salvatrucha controlan la zona, seg\xfan la polic\xeda. La investigaci\xf3n sigue abierta y los fiscales esperan m\xe1s pruebas.</p>";
    with.extend_from_slice(para);
    with.extend_from_slice(b"</article></body></html>");
    let a = run_bytes(&with, "a.html");
    assert_eq!(a.encoding, "windows-1252");
    assert!(a.body.contains("Sureños"));

    let mut without = b"<html><body><article>".to_vec();
    without.extend_from_slice(para);
    without.extend_from_slice(b"</article></body></html>");
    let a = run_bytes(&without, "a.html");
    assert_eq!(a.encoding, "windows-1252");
    assert!(a.body.contains("Sureños"));
    assert!(a.body.contains("policía"));
}

#[test]
fn errors() {
    let rules = FurnitureRules::builtin();
    let p = Path::new("x.html");
    assert_eq!(normalize(b"", p, &rules), Err(NormalizeError::Empty));
    assert!(matches!(
        normalize(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", p, &rules),
        Err(NormalizeError::Binary(_))
    ));
    assert!(matches!(
        normalize(b"%PDF-1.4\n", Path::new("x.txt"), &rules),
        Err(NormalizeError::Binary(_))
    ));
    assert_eq!(
        normalize(b"   \n\n ", p, &rules),
        Err(NormalizeError::NoText)
    );
    assert_eq!(
        normalize(b"<html><body><nav>Home</nav></body></html>", p, &rules),
        Err(NormalizeError::NoText)
    );
}

#[test]
fn html_detected_by_content_not_extension() {
    let a = run_bytes(
        format!("<html><body><article>{STORY_EN}</article></body></html>").as_bytes(),
        "scrape.txt",
    );
    assert!(!a.body.contains("<p>"));
    let a = run_bytes(
        b"Title line\n\nThe body of a plain scrape, with words.",
        "x.html",
    );
    assert_eq!(a.title, "Title line");
}

#[test]
fn a_compressed_pages_extension_is_read_under_the_gz() {
    // Markup that starts with no tag the sniffer knows: only the
    // extension says it is a page.
    let page = "Nota <em>breve</em>\n\nGang leaders in El Salvador negotiated with officials \
                of the <em>government</em>, according to a report by the news outlet El Faro, \
                which obtained audio files, messages and photographs of the meetings.";
    let as_page = run_bytes(page.as_bytes(), "nota.html.gz");
    assert!(!as_page.body.contains("<em>"), "{}", as_page.body);
    let as_text = run_bytes(page.as_bytes(), "nota.txt.gz");
    assert!(as_text.body.contains("<em>"), "{}", as_text.body);
}

#[test]
fn the_address_a_page_was_saved_from_gives_its_url_and_date_when_the_page_does_not() {
    let page = format!("<html><body><article><h1>Traslados</h1>{STORY_EN}</article></body></html>");
    let saved = "https://example.org/news/2021/09/08/traslados/";
    let read = |page: &str| {
        normalize_saved(
            page.as_bytes(),
            Path::new("traslados.mhtml"),
            &FurnitureRules::builtin(),
            Some(saved),
        )
        .unwrap()
    };
    let a = read(&page);
    assert_eq!(a.url.as_deref(), Some(saved));
    assert_eq!(a.date, day(2021, 9, 8));
    assert_eq!(a.date_source.as_deref(), Some("url"));
    // The page's own canonical address wins.
    let page = page.replace(
        "<html>",
        "<html><head><link rel=\"canonical\" href=\"https://example.org/traslados\"></head>",
    );
    let a = read(&page);
    assert_eq!(a.url.as_deref(), Some("https://example.org/traslados"));
    assert_eq!(a.date, None);
}

#[test]
fn news_feeds_are_not_articles() {
    let rules = FurnitureRules::builtin();
    let item = "<item><title>Osiris Luna negoció con la MS-13</title>\
                <description>El director de Centros Penales permitió el ingreso de líderes.</description>\
                <pubDate>Thu, 03 Sep 2020 10:00:00 GMT</pubDate></item>";
    for (feed, kind) in [
        (
            format!("<?xml version=\"1.0\"?>\n<!-- generator -->\n<rss version=\"2.0\"><channel><title>El Faro</title>{item}{item}</channel></rss>"),
            "RSS",
        ),
        (
            format!("\u{feff}<?xml version=\"1.0\"?><?xml-stylesheet href=\"f.xsl\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>El Faro</title><entry>{item}</entry></feed>"),
            "Atom",
        ),
        (
            format!("<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">{item}</rdf:RDF>"),
            "RSS 1.0",
        ),
        (
            "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://elfaro.net/ms13</loc><lastmod>2021-09-08</lastmod></url></urlset>".to_string(),
            "sitemap",
        ),
    ] {
        match normalize(feed.as_bytes(), Path::new("feed.xml"), &rules) {
            Err(NormalizeError::NotAnArticle(why)) => assert!(why.contains(kind), "{why}"),
            other => panic!("{kind}: {other:?}"),
        }
    }
    // An XHTML page is a page, and a story quoting `<rss>` is a story.
    let xhtml = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><article>{STORY_EN}</article></body></html>"
    );
    assert!(normalize(xhtml.as_bytes(), Path::new("a.xhtml"), &rules).is_ok());
    let scrape =
        "Feeds explained\n\nA feed starts with <rss> and lists the stories a site published, \
                  each with a title, a link and a date, for readers to follow.";
    assert!(normalize(scrape.as_bytes(), Path::new("a.txt"), &rules).is_ok());
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 100_000;
    let mut s = String::with_capacity(depth * 11 + 1000);
    s.push_str("<html><body>");
    for _ in 0..depth {
        s.push_str("<div>");
    }
    s.push_str(STORY_EN);
    for _ in 0..depth {
        s.push_str("</div>");
    }
    s.push_str("</body></html>");
    let a = run(&s);
    assert!(a.body.contains("Gang leaders"));
}

#[test]
fn deep_nesting_of_any_element_does_not_overflow() {
    let depth = 100_000;
    for (open, close) in [
        ("<x-wrap>", "</x-wrap>"),
        ("<span><b>", "</b></span>"),
        ("<svg><g>", "</g></svg>"),
    ] {
        let mut s = String::from("<html><body><article>");
        s.push_str(STORY_EN);
        s.push_str(&open.repeat(depth));
        s.push_str("deep text");
        s.push_str(&close.repeat(depth));
        s.push_str("</article></body></html>");
        let a = run(&s);
        assert!(a.body.contains("Gang leaders"), "{open}");
    }
}

/// The paragraphs of an article body.
fn paragraphs(a: &Article) -> Vec<&str> {
    a.body.split("\n\n").collect()
}

// Pages of many small blocks in one parent. Each took tens of seconds to
// minutes to read (work quadratic in the blocks: the siblings of each, or
// the run after each repeat, walked again for it) and takes a fraction of
// a second now. The tests check what is read: a return to quadratic work
// shows as a test run that does not end, not as a timing.

#[test]
fn forty_thousand_short_paragraphs_are_read_whole() {
    // A court transcript: a paragraph per line, in an article or straight
    // in the body (each paragraph's neighbours were listed for each).
    let n = 40_000;
    let lines: String = (0..n)
        .map(|k| format!("<p>line {k} of the hearing</p>"))
        .collect();
    for body in [
        format!("<article><h1>Court transcript</h1>{lines}</article>"),
        format!("<h1>Court transcript</h1>{lines}"),
    ] {
        let a = run(&page("", &body));
        let ps = paragraphs(&a);
        assert_eq!(ps.len(), n, "{:?}", &ps[..3]);
        assert_eq!(ps[0], "line 0 of the hearing");
        assert_eq!(ps[n - 1], format!("line {} of the hearing", n - 1));
    }
}

#[test]
fn thousands_of_linked_paragraphs_and_announced_lists_are_read_whole() {
    // A digest: prose and linked headlines in turn (a teaser is judged by
    // its neighbours), and sentences announcing lists of links (a list is
    // announced by the live sibling before it).
    let n = 10_000;
    let digest: String = (0..n)
        .map(|k| {
            format!(
                "<p>Item {k} of the digest. It was merged.</p>\
                 <p><a href=\"/story/{k}\">Officials Met Gang Leaders In Prison {k}</a></p>"
            )
        })
        .collect();
    let lists: String = (0..n)
        .map(|k| {
            format!(
                "<p>Change {k} was merged into the tree this month:</p>\
                 <ul><li><a href=\"/patch/{k}\">patch</a></li></ul>"
            )
        })
        .collect();
    for (body, last) in [
        (
            digest,
            format!("Officials Met Gang Leaders In Prison {}", n - 1),
        ),
        (lists, "patch".to_string()),
    ] {
        let a = run(&page(
            "",
            &format!("<article><h1>Digest</h1>{body}</article>"),
        ));
        let ps = paragraphs(&a);
        assert_eq!(ps.len(), 2 * n, "{:?}", &ps[..3]);
        assert_eq!(ps[2 * n - 1], last);
    }
}

#[test]
fn thousands_of_related_looking_headings_over_prose_are_kept() {
    // "Read more" over each entry of a long blog: a heading that looks
    // like a related block's is kept while 2,000 bytes of prose follow it
    // in its block (summed over the siblings after it, for each).
    let n = 20_000;
    let entries: String = (0..n)
        .map(|k| {
            format!("<h3>Read more</h3><p>Entry {k} of the blog, the witness said. It was so.</p>")
        })
        .collect();
    let a = run(&page(
        "",
        &format!("<article><h1>Blog</h1>{entries}</article>"),
    ));
    let ps = paragraphs(&a);
    assert_eq!(ps[0], "Read more");
    assert_eq!(ps[1], "Entry 0 of the blog, the witness said. It was so.");
    // The last entries have less prose after their heading: cut there.
    let kept = ps.len() / 2;
    assert!(kept > n - 50 && kept < n, "{kept}");
    assert_eq!(
        ps[ps.len() - 1],
        format!(
            "Entry {} of the blog, the witness said. It was so.",
            kept - 1
        )
    );
}

#[test]
fn two_long_lines_repeated_forty_thousand_times_are_kept() {
    // A run of two distinct lines is no copy of the story, however long:
    // it was walked to its end from each repeat.
    let n = 40_000;
    let (one, two) = (
        "The court then adjourned for a short recess, after which the prosecutor resumed \
         questioning.",
        "The witness was asked again whether she had seen the defendant on that night, and \
         she said no.",
    );
    let lines: String = (0..n)
        .map(|k| format!("<p>{}</p>", if k % 2 == 0 { one } else { two }))
        .collect();
    let a = run(&page(
        "",
        &format!("<article><h1>Hearing</h1>{lines}</article>"),
    ));
    let ps = paragraphs(&a);
    assert_eq!(ps.len(), n);
    assert_eq!((ps[0], ps[n - 1]), (one, two));
}

#[test]
fn seed_scrape_end_to_end() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seed/insightcrime-gang-negotiations.txt");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("seed not found at {}; skipping", path.display());
        return;
    };
    let a = run_bytes(&bytes, "insightcrime-gang-negotiations.txt");
    assert_eq!(
        a.title,
        "Evidence of Gang Negotiations Belie El Salvador President\u{2019}s Claims"
    );
    assert!(a
        .body
        .starts_with("A scrapped investigation by El Salvador\u{2019}s former Attorney General"));
    assert!(!a.body.contains("share icon"));
    assert_eq!(a.date, None);
    assert_eq!(a.language, "en");
    assert_eq!(a.encoding, "UTF-8");
}

#[test]
fn main_column_named_sidebar_is_kept() {
    let body = format!(
        "<div id=primary class=\"content-area theme-sidebar\"><article>\
         <div class=entry-content>{STORY_EN}</div></article></div>\
         <div class=sidebar><h3>Popular</h3><p>Something else entirely here</p></div>"
    );
    let a = run(&page("", &body));
    assert!(a.body.starts_with("Gang leaders"), "{}", a.body);
    assert!(!a.body.contains("Something else"));
}

#[test]
fn react_streaming_boundary_is_not_hidden() {
    let body = format!(
        "<div hidden id=\"S:0\"><article>{STORY_EN}</article></div><div hidden>secret menu</div>"
    );
    let a = run(&page("", &body));
    assert!(a.body.contains("Gang leaders"));
    assert!(!a.body.contains("secret menu"));
}

#[test]
fn a_long_footer_outside_main_is_not_the_article() {
    let pitch = [
        (
            "<p>A good safety program screens the people who rent your vans, so that \
             only qualified drivers take them out. Our free guide covers the rental \
             counter, drivers from abroad and how to report a loss.</p>",
            "This material is not intended to replace the advice of a qualified advisor",
        ),
        (
            "<p>Un buen programa de seguridad revisa a quienes alquilan sus furgonetas, \
             para que solo conductores calificados las usen. Nuestra guía gratuita trata \
             del mostrador, de los conductores extranjeros y de cómo reportar un siniestro.</p>",
            "Este material no pretende sustituir el consejo de un asesor calificado",
        ),
    ];
    for (story, legal) in pitch {
        let disclaimer = format!("<p>{legal}. {}</p>", "Information has been obtained from sources believed to be reliable and is given for general purposes only; it may not reflect our current opinion. ".repeat(8));
        let a = run(&page(
            "",
            &format!("<main><h1>Vehicle rentals</h1>{story}</main><footer>{disclaimer}</footer>"),
        ));
        assert!(!a.body.contains(legal), "{}", a.body);
        assert!(a.body.len() > 150, "{}", a.body);
    }
}

#[test]
fn disclosures_and_legal_disclaimers_are_not_the_article() {
    let cases = [
        (
            "<p>The prison system moved forty gang leaders between facilities last year, \
             according to records obtained by reporters. Officials said the transfers \
             followed security reviews, but relatives said no review was ever shown to them.</p>\
             <p>The ministry declined to say who approved the moves or when they were made.</p>",
            "We may earn a commission when you buy through links on this page",
            "All statements are subject to risk, including the possible loss of information",
        ),
        (
            "<p>El sistema penitenciario trasladó a cuarenta líderes de pandillas entre \
             cárceles el año pasado, según registros obtenidos por periodistas. Los \
             funcionarios dijeron que los traslados siguieron revisiones de seguridad.</p>\
             <p>El ministerio no quiso decir quién aprobó los traslados ni cuándo.</p>",
            "Podemos recibir una comisión cuando compras a través de enlaces de esta página",
            "Toda declaración está sujeta a riesgos, incluida la posible pérdida de información",
        ),
    ];
    for (story, disclosure, legal) in cases {
        // The legal text is long prose (past the 1,500 bytes that let
        // other furniture classes give way), yet less than the story.
        let fine_print = format!("{legal}. ").repeat(20);
        let story: String = (1..=8)
            .map(|n| story.replace("<p>", &format!("<p>{n}. ")))
            .collect();
        let body = format!(
            "<article><h1>Transfers</h1><div class=\"affiliate-disclosure\"><p>{disclosure}.</p></div>\
             {story}<div id=\"disclosures\"><div class=\"richtext--disclaimer\"><p>{fine_print}</p></div></div></article>"
        );
        let a = run(&page("", &body));
        assert!(a.body.contains(&story[6..40]), "{}", a.body);
        assert!(!a.body.contains(disclosure), "{}", a.body);
        assert!(!a.body.contains(legal), "{}", a.body);
    }
}

#[test]
fn teaser_excerpts_with_flattering_classes_do_not_widen_the_article() {
    let cases = [
        (
            [
                "The prison system moved forty gang leaders between facilities last year, \
              according to records obtained by reporters, and officials said the transfers \
              followed security reviews that relatives say were never shown to them.",
                "The ministry declined to say who approved the moves, when they were made, or \
              whether the leaders had been allowed to meet before and after each transfer.",
            ],
            [
                "Police open an inquiry into missing fuel",
                "Budget vote delayed again",
                "Court hears appeal in extortion case",
            ],
            "THE POLICE opened an inquiry on Tuesday into fuel missing from the depot",
        ),
        (
            [
                "El sistema penitenciario trasladó a cuarenta líderes de pandillas entre \
              cárceles el año pasado, según registros obtenidos por periodistas, y los \
              funcionarios dijeron que los traslados siguieron revisiones de seguridad.",
                "El ministerio no quiso decir quién aprobó los traslados, cuándo se hicieron \
              ni si los líderes pudieron reunirse antes y después de cada traslado.",
            ],
            [
                "La policía investiga combustible perdido",
                "Otra vez se aplaza el presupuesto",
                "Tribunal oye apelación en caso de extorsión",
            ],
            "LA POLICÍA abrió el martes una investigación sobre combustible perdido del depósito",
        ),
    ];
    for (story, teasers, excerpt) in cases {
        let story: String = story
            .iter()
            .map(|p| {
                let ps: String = (1..=6).map(|n| format!("<p>{n}. {p}</p>")).collect();
                format!("<div><div>{ps}</div></div>")
            })
            .collect();
        let stream: String = teasers
            .iter()
            .map(|t| {
                format!(
                    "<article class=\"article\"><div class=\"content\">\
                     <div class=\"title\"><a href=\"/news/{}\">{t}</a></div>\
                     <div class=\"author\">Staff</div><div class=\"body\">{excerpt}.</div></div></article>",
                    t.len()
                )
            })
            .collect();
        let body = format!(
            "<div class=\"column\"><article class=\"single\"><h1>Transfers</h1>\
             <div class=\"wrap\">{story}</div></article>\
             <section>{stream}</section></div>"
        );
        let a = run(&page("", &body));
        assert!(
            a.body.contains("forty") || a.body.contains("cuarenta"),
            "{}",
            a.body
        );
        assert!(!a.body.contains(excerpt), "{}", a.body);
    }
}

#[test]
fn a_story_printed_twice_is_read_once() {
    let more_en = "<p>Three former officials told reporters that the transfers of leaders \
        between prisons were agreed in advance, and that the meetings were recorded by \
        the prison system itself. The ministry did not answer questions sent by email, \
        and a spokesman said that the recordings, if they existed, had been destroyed \
        under the rules that govern the archives of the prisons.</p>\
        <p>Relatives of the victims asked the assembly to open its own inquiry into the \
        transfers and into the recordings of the meetings held in the prisons.</p>";
    let more_es = "<p>Tres exfuncionarios dijeron a los periodistas que los traslados de los \
        líderes entre cárceles se acordaron de antemano y que el propio sistema \
        penitenciario grabó las reuniones. El ministerio no respondió a las preguntas \
        enviadas por correo, y un portavoz dijo que las grabaciones, si existieron, \
        fueron destruidas según las normas que rigen los archivos de las cárceles.</p>\
        <p>Familiares de las víctimas pidieron a la asamblea abrir su propia investigación \
        sobre los traslados y las grabaciones de las reuniones en las cárceles del país.</p>\
        <p>La fiscalía anunció que revisará los expedientes archivados y que citará a \
        declarar a los directores de los penales donde ocurrieron las reuniones.</p>";
    for story in [
        format!("{STORY_EN}{more_en}"),
        format!("{STORY_ES}{more_es}"),
    ] {
        // The same story for narrow and for wide screens, one shown by
        // style sheets the extractor does not run.
        let a = run(&page(
            "",
            &format!(
                "<article><h1>Headline</h1><div class=\"tab-one\">{story}</div>\
                 <div class=\"tab-two\">{story}</div></article>"
            ),
        ));
        let first = a.body.split("\n\n").next().unwrap_or_default().to_string();
        assert!(first.len() > 80, "{}", a.body);
        assert_eq!(a.body.matches(first.as_str()).count(), 1, "{}", a.body);
    }
}

#[test]
fn short_repeats_are_kept() {
    let note = "This image is provided courtesy of the park's friends; to use it, \
                write to them for permission first.";
    let quote = "\"We did not negotiate with anyone, and we never will,\" the minister said \
                 to the assembly, reading from a prepared statement.";
    let mut items = String::new();
    for camera in ["North rim", "Valley floor", "High country"] {
        items.push_str(&format!("<h2>{camera}</h2><p>{note}</p>"));
    }
    let a = run(&page(
        "",
        &format!(
            "<article><h1>Webcams</h1>{STORY_EN}<p>{quote}</p>{items}<p>{quote}</p></article>"
        ),
    ));
    assert_eq!(a.body.matches(note).count(), 3, "{}", a.body);
    assert_eq!(a.body.matches(quote).count(), 2, "{}", a.body);
}

#[test]
fn reading_times_blank_spacers_and_link_labels_are_not_text() {
    for (reading_time, label, story) in [
        ("5 min read", "Read more", STORY_EN),
        ("Tiempo de lectura: 4 minutos", "Seguir leyendo", STORY_ES),
    ] {
        let a = run(&page(
            "",
            &format!(
                "<article><h1>Headline</h1><p>{reading_time}</p><p>\u{200d}</p>{story}\
                 <p><a href=\"/more\">{label}</a></p></article>"
            ),
        ));
        assert!(!a.body.contains(reading_time), "{}", a.body);
        assert!(!a.body.contains(label), "{}", a.body);
        assert!(!a.body.contains('\u{200d}'), "{:?}", a.body);
        assert!(!a.body.contains("\n\n\n"), "{:?}", a.body);
    }
    // A sentence about minutes and reading is text.
    let sentence = "It takes 5 min to read.";
    let a = run(&page(
        "",
        &format!("<article><h1>Headline</h1>{STORY_EN}<p>{sentence}</p></article>"),
    ));
    assert!(a.body.ends_with(sentence), "{}", a.body);
}

#[test]
fn a_copyright_notice_at_the_end_is_not_text() {
    for (notice, caption, story) in [
        (
            "© 2024 The Tribune Company",
            "Guards at the gate. © Reuters",
            STORY_EN,
        ),
        (
            "Copyright 2024 Diario del Sur",
            "Custodios en la puerta. © Reuters",
            STORY_ES,
        ),
    ] {
        let a = run(&page(
            "",
            &format!("<article><h1>Headline</h1><p>{caption}</p>{story}<p>{notice}</p></article>"),
        ));
        assert!(!a.body.contains(notice), "{}", a.body);
        // A credit inside the story is the story's.
        assert!(a.body.contains(caption), "{}", a.body);
    }
}

/// A story streamed by React in one segment per paragraph, the way a
/// scraper saves it: placeholders in the article, the paragraphs parked in
/// hidden blocks after the footer.
fn streamed_story(paragraphs: &[&str], marked: bool) -> String {
    let mut article = String::from("<article><h1>Headline</h1>");
    let mut parked = String::new();
    for (n, p) in paragraphs.iter().enumerate() {
        let (open, close) = if marked {
            ("<!--$?-->", "<!--/$-->")
        } else {
            ("", "")
        };
        article.push_str(&format!(
            "{open}<template id=\"B:{n:x}\"></template><div>Loading paragraph...</div>{close}"
        ));
        parked.push_str(&format!("<div hidden id=\"S:{n:x}\"><p>{p}</p></div>"));
    }
    article.push_str("</article>");
    page(
        "",
        &format!("{article}<footer>About us. Contact. Privacy.</footer>{parked}"),
    )
}

#[test]
fn streamed_segments_are_read_in_place_and_in_order() {
    for (story, marked) in [(STORY_EN, true), (STORY_ES, false)] {
        let paragraphs: Vec<&str> = story
            .split("<p>")
            .filter_map(|p| p.split("</p>").next())
            .filter(|p| !p.trim().is_empty())
            .collect();
        let a = run(&streamed_story(&paragraphs, marked));
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let want: Vec<String> = paragraphs.iter().map(|p| words(p)).collect();
        let got: Vec<String> = a
            .body
            .split("\n\n")
            .map(words)
            .filter(|p| !p.starts_with("Loading"))
            .collect();
        assert_eq!(got, want, "{}", a.body);
        // React's comments mark the fallbacks, which go; without them they
        // cannot be told from content and stay.
        assert_eq!(a.body.contains("Loading paragraph"), !marked, "{}", a.body);
    }
}

#[test]
fn streaming_markup_in_any_order_never_panics() {
    let pieces = [
        "<!--$?-->",
        "<!--/$-->",
        "<!--$-->",
        "<template id=\"B:0\"></template>",
        "<template id=\"B:1\"></template>",
        "<template id=\"P:1\"></template>",
        "<div hidden id=\"S:0\">",
        "<div hidden id=\"S:1\">",
        "</div>",
        "<p>Gang leaders met officials in the prisons of the country.</p>",
        "<script>$RC(\"B:0\",\"S:1\");$RS(\"S:0\",\"P:1\")</script>",
        "<script>$RC(\"B:1\",\"S:0\")</script>",
    ];
    let mut rng = crate::test_rng::Rng(0x5eed_0f5e_9a01);
    for _ in 0..3000 {
        let n = 1 + rng.below(24);
        let body: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
        let _ = normalize(
            page("", &body).as_bytes(),
            Path::new("p.html"),
            &FurnitureRules::builtin(),
        );
    }
}

#[test]
fn json_ld_in_cdata() {
    let head = "<script type=\"application/ld+json\">//<![CDATA[\n{\"@type\":\"NewsArticle\",\
        \"headline\":\"Gangs Talk\",\"datePublished\":\"2021-09-08T06:00\"}\n//]]></script>";
    let a = run(&page(head, &format!("<article>{STORY_EN}</article>")));
    assert_eq!(a.date, day(2021, 9, 8));
    assert_eq!(a.title, "Gangs Talk");
}

#[test]
fn page_builder_rows_are_one_article() {
    let paras: Vec<&str> = STORY_EN.split("</p>").filter(|p| !p.is_empty()).collect();
    let mut body = String::from("<main>");
    for p in &paras {
        body.push_str(&format!(
            "<div class=row><div class=col><div class=\"elementor-widget-container\">{p}</p></div></div></div>"
        ));
    }
    body.push_str("</main>");
    let a = run(&page("", &body));
    assert!(a.body.starts_with("Gang leaders"), "{}", a.body);
    assert!(a.body.ends_with("the Revolucionarios."), "{}", a.body);
}

#[test]
fn updated_dateline_is_not_the_date() {
    let body = format!(
        "<article><h1>Headline here</h1><p>Updated September 9, 2021</p>{STORY_EN}</article>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, None);
}

#[test]
fn date_inside_the_story_is_not_a_dateline() {
    let body = format!(
        "<article><h1>Headline here</h1><p>On September 8, 2021, gang leaders met officials of \
         the government in the prison, according to the files that prosecutors gathered over months \
         of work and that the newspaper obtained later.</p>{STORY_EN}</article>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, None);
}

#[test]
fn random_and_mutated_bytes_never_panic() {
    let rules = FurnitureRules::builtin();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let seeds: Vec<Vec<u8>> = vec![
        page("<meta charset=utf-8><title>T | S</title>", &format!("<article><h1>T</h1>{STORY_EN}</article>")).into_bytes(),
        page(r#"<script type="application/ld+json">{"@type":"Article","datePublished":"2021-09-08"}</script>"#, STORY_ES).into_bytes(),
        b"HomeNewsTitle\n\nTitle\n\nBody text, with words.\n\nRelated Content\n\n8 MAY 2015".to_vec(),
    ];
    let fragments: [&[u8]; 15] = [
        // Double-encoded `é` and `’`, and a damaged run cut short.
        b"\xc3\x83\xc2\xa9",
        b"\xc3\xa2\xe2\x82\xac\xe2\x84\xa2",
        b"\xc3\xa2\xc2\x80",
        b"<",
        b">",
        b"</div>",
        b"<p>",
        b"<script>",
        b"\0",
        b"\xff",
        b"\xe2\x80",
        b"<time datetime=",
        b"<h1>",
        b"&#x0;",
        b"<!--",
    ];
    for round in 0..600 {
        let mut bytes = seeds[round % seeds.len()].clone();
        match round % 4 {
            0 => {
                let n = rng.below(400);
                bytes = (0..n).map(|_| rng.next() as u8).collect();
            }
            _ => {
                for _ in 0..1 + rng.below(20) {
                    let pos = rng.below(bytes.len() + 1);
                    match rng.below(3) {
                        0 if pos < bytes.len() => bytes[pos] = rng.next() as u8,
                        1 => {
                            let f = fragments[rng.below(fragments.len())];
                            bytes.splice(pos..pos, f.iter().copied());
                        }
                        _ if pos < bytes.len() => {
                            bytes.truncate(pos);
                        }
                        _ => {}
                    }
                }
            }
        }
        let name = if round % 2 == 0 { "x.html" } else { "x.txt" };
        let _ = normalize(&bytes, Path::new(name), &rules);
    }
}

/// Prints the article of the file named by `NORMALIZE_DEBUG_FILE` (a
/// debugging aid: `cargo test --lib debug_file -- --ignored --nocapture`).
#[test]
#[ignore]
fn debug_file() {
    let Some(path) = std::env::var_os("NORMALIZE_DEBUG_FILE") else {
        return;
    };
    let bytes = std::fs::read(&path).expect("readable");
    println!(
        "{:#?}",
        normalize(&bytes, Path::new(&path), &FurnitureRules::builtin())
    );
}

#[test]
fn dates_labelled_updated_are_not_the_publication_date() {
    // The label sits in the element before the date, as bylines do.
    let body = format!(
        "<article><h1>Headline here</h1><div class=meta>Updated <time datetime=\"2021-09-09\">\
         September 9, 2021</time></div>{STORY_EN}</article>"
    );
    assert_eq!(run(&page("", &body)).date, None);
    let body = format!(
        "<article><h1>Titular de la nota</h1><div><span>Actualizado:</span> \
         <span>9 de septiembre de 2021</span></div>{STORY_ES}</article>"
    );
    assert_eq!(run(&page("", &body)).date, None);
    // Published and updated side by side: each has its label.
    let body = format!(
        "<article><h1>Titular de la nota</h1><p>Publicado el 8 de septiembre de 2021 · \
         Actualizado el 9 de septiembre de 2021</p>{STORY_ES}</article>"
    );
    assert_eq!(run(&page("", &body)).date, day(2021, 9, 8));
}

#[test]
fn byline_under_the_headline_is_read_even_with_a_furniture_class() {
    let body = format!(
        "<div class=\"page-header\"><h1>Headline here</h1>\
         <div class=\"post-byline\">By Jane Roe &bull; <span>September 8, 2021</span></div></div>\
         <div class=content>{STORY_EN}</div>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, day(2021, 9, 8));
    assert_eq!(a.date_source.as_deref(), Some("dateline"));
    let body = format!(
        "<div class=\"article-banner\"><h1>Titular de la nota</h1>\
         <p class=byline>Por Ana Pérez, <time>8 de septiembre de 2021</time></p></div>\
         <div class=cuerpo>{STORY_ES}</div>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, day(2021, 9, 8));
}

#[test]
fn declared_date_against_the_date_shown() {
    let head = r#"<meta property="article:published_time" content="2019-03-01T10:00:00-05:00">
        <meta property="article:modified_time" content="2021-09-09T10:00:00-05:00">"#;
    // The page shows its last change: no conflict, the declared date stands.
    let body = format!(
        "<article><h1>Headline here</h1><p>By Jane Roe | September 9, 2021</p>{STORY_EN}</article>"
    );
    let a = run(&page(head, &body));
    assert_eq!(a.date, day(2019, 3, 1));
    // The page shows the declared date: agreement.
    let body = format!(
        "<article><h1>Headline here</h1><p>By Jane Roe | March 1, 2019</p>{STORY_EN}</article>"
    );
    assert_eq!(run(&page(head, &body)).date, day(2019, 3, 1));
    // The page shows a third date under the headline: the sources
    // conflict, and the day the reader sees wins.
    let body = format!(
        "<article><h1>Headline here</h1><p>By Jane Roe | June 4, 2020</p>{STORY_EN}</article>"
    );
    assert_eq!(run(&page(head, &body)).date, day(2020, 6, 4));
    let body = format!(
        "<article><h1>Titular de la nota</h1><p>Por Ana Pérez | 4 de junio de 2020</p>{STORY_ES}</article>"
    );
    assert_eq!(run(&page(head, &body)).date, day(2020, 6, 4));
    // Two other days shown are a list, not a dateline: the declaration
    // stands.
    let body = format!(
        "<article><h1>Headline here</h1><p>June 4, 2020</p><p>July 9, 2020</p>{STORY_EN}</article>"
    );
    assert_eq!(run(&page(head, &body)).date, day(2019, 3, 1));
}

#[test]
fn utc_timestamp_one_day_off_takes_the_day_shown() {
    let head = r#"<meta property="article:published_time" content="2021-09-09T02:30:00+00:00">"#;
    let body = format!(
        "<article><h1>Headline here</h1><p>By Jane Roe | September 8, 2021</p>{STORY_EN}</article>"
    );
    let a = run(&page(head, &body));
    assert_eq!(a.date, day(2021, 9, 8));
    assert_eq!(
        a.date_source.as_deref(),
        Some("meta article:published_time, day shown on the page")
    );
    // A local timestamp is the publisher's day already: a shown day that
    // differs is a conflict, which the day shown wins.
    let head = r#"<meta property="article:published_time" content="2021-09-09T08:30:00-06:00">"#;
    let a = run(&page(head, &body));
    assert_eq!(a.date, day(2021, 9, 8));
    assert_eq!(
        a.date_source.as_deref(),
        Some("dateline shown, over meta article:published_time")
    );
}

#[test]
fn time_element_that_contradicts_itself_is_not_evidence() {
    let body = format!(
        "<article><h1>Headline here</h1><time datetime=\"2021-12-20\">August 28, 2021</time>\
         {STORY_EN}</article>"
    );
    assert_eq!(run(&page("", &body)).date, None);
    // UTC one day off: the text is the publisher's day.
    let body = format!(
        "<article><h1>Headline here</h1><time datetime=\"2021-09-09T03:00:00Z\">September 8, 2021</time>\
         {STORY_EN}</article>"
    );
    assert_eq!(run(&page("", &body)).date, day(2021, 9, 8));
}

#[test]
fn headline_h1_among_several_and_its_casing() {
    // A site-name h1 first, the story's h1 reworded from the declared
    // title: the headline as the page shows it.
    let head = r#"<meta property="og:title" content="Gang Leaders Negotiated With Officials, Files Show">"#;
    let body = format!(
        "<header><h1>The Example Gazette</h1></header>\
         <article><h1>Files Show Gang Leaders Negotiated With Officials</h1>{STORY_EN}</article>"
    );
    let a = run(&page(head, &body));
    assert_eq!(a.title, "Files Show Gang Leaders Negotiated With Officials");
    assert!(
        a.body.starts_with("Gang leaders in El Salvador"),
        "{}",
        a.body
    );
    // A headline set in capitals keeps the declared casing.
    let head = r#"<meta property="og:title" content="La tregua entre pandillas">"#;
    let body = format!("<article><h1>LA TREGUA ENTRE PANDILLAS</h1>{STORY_ES}</article>");
    assert_eq!(run(&page(head, &body)).title, "La tregua entre pandillas");
    // Words on two lines of the headline stay two words.
    let body = format!(
        "<article><h1><div>Weekend</div><div>Coding Agent</div><span>:</span> Notes</h1>{STORY_EN}</article>"
    );
    assert_eq!(run(&page("", &body)).title, "Weekend Coding Agent: Notes");
}

#[test]
fn related_looking_heading_over_long_prose_is_kept() {
    // A heading that starts like a related block ("Recommended", "Más
    // información") but titles pages of the story is part of it; a real
    // related list after it is still dropped.
    let long_en = STORY_EN.repeat(4);
    let body = format!(
        "<article><h1>Gangs Talk</h1>{STORY_EN}\
         <h2>Recommended reading of the prison audit</h2>{long_en}\
         <h3>Related stories</h3><ul><li><a href=/a>Another gang story</a></li>\
         <li><a href=/b>Yet another gang story</a></li></ul></article>"
    );
    let a = run(&page("", &body));
    assert!(a.body.contains("Recommended reading of the prison audit"));
    assert_eq!(a.body.matches("Analysts said").count(), 5, "{}", a.body);
    assert!(!a.body.contains("Another gang story"), "{}", a.body);
    assert!(!a.body.contains("Related stories"), "{}", a.body);

    let long_es = STORY_ES.repeat(8);
    let body = format!(
        "<article><h1>La tregua</h1>{STORY_ES}\
         <h2>Más información sobre los audios</h2>{long_es}\
         <h3>Noticias relacionadas</h3><ul><li><a href=/a>Otra nota sobre pandillas</a></li>\
         <li><a href=/b>Una nota más sobre pandillas</a></li></ul></article>"
    );
    let a = run(&page("", &body));
    assert!(a.body.contains("Más información sobre los audios"));
    assert_eq!(a.body.matches("La investigación").count(), 9, "{}", a.body);
    assert!(!a.body.contains("Otra nota"), "{}", a.body);
    // A short related block under the same words is still cut.
    let body = format!(
        "<article><h1>La tregua</h1>{STORY_ES}<div><h3>Más información</h3>\
         <p>Una nota sobre la tregua entre pandillas y el gobierno.</p></div></article>"
    );
    let a = run(&page("", &body));
    assert!(!a.body.contains("Una nota sobre"), "{}", a.body);
}

#[test]
fn standfirst_declared_as_the_description_is_kept() {
    let dek = "Audio files and messages show that gang leaders and prison officials met for years, a report says.";
    let head = format!("<meta name=\"description\" content=\"{dek}\">");
    let body = format!(
        "<header class=site><p>{dek}</p></header>\
         <article><header><h1>Gangs Talk</h1><p class=dek>{dek}</p>\
         <div class=byline>By Ana Ruiz</div></header>\
         <div class=article-body>{STORY_EN}</div></article>"
    );
    let a = run(&page(&head, &body));
    assert!(
        a.body
            .starts_with(&format!("{dek}\n\nGang leaders in El Salvador")),
        "{}",
        a.body
    );
    assert_eq!(a.body.matches("Audio files").count(), 1);
    assert!(!a.body.contains("Ana Ruiz"));

    // Spanish, with the declared copy cut short by an ellipsis.
    let dek = "Los audios muestran que los líderes de las pandillas se reunieron con \
               funcionarios de prisiones durante años, según un informe del periódico.";
    let head = "<meta property=\"og:description\" content=\"Los audios muestran que los \
                líderes de las pandillas se reunieron con funcionarios de prisiones...\">";
    let body = format!(
        "<article><h1>La tregua</h1><h2 class=bajada>{dek}</h2>\
         <div class=cuerpo>{STORY_ES}</div></article>"
    );
    let a = run(&page(head, &body));
    assert!(a.body.starts_with("Los audios muestran"), "{}", a.body);

    // A description that is the story's first paragraph is not repeated,
    // and one that matches nothing adds nothing.
    let first = "Gang leaders in El Salvador negotiated with officials of the government, \
                 according to a report by the news outlet El Faro, which obtained audio files, \
                 messages and photographs.";
    for desc in [
        first,
        "The best news site about everything that happens anywhere today.",
    ] {
        let head = format!("<meta name=\"description\" content=\"{desc}\">");
        let body = format!("<article><h1>Gangs Talk</h1>{STORY_EN}</article>");
        let a = run(&page(&head, &body));
        assert!(a.body.starts_with("Gang leaders"), "{}", a.body);
        assert_eq!(a.body.matches("Gang leaders").count(), 1);
    }
}

#[test]
fn figures_that_frame_text_are_kept_without_captions() {
    let body = format!(
        "<article><h1>Gangs Talk</h1>{STORY_EN}\
         <figure class=wp-block-table><table><tr><td>Year</td><td>Homicides</td></tr>\
         <tr><td>2015</td><td>6,656</td></tr></table>\
         <figcaption>Source: police data</figcaption></figure>\
         <figure><blockquote><p>We never negotiated with anyone, the minister told reporters.</p>\
         </blockquote><figcaption>Fuente: Ministerio de Seguridad</figcaption></figure>\
         <figure><img src=a.jpg><span>Los líderes, en una foto de archivo</span>\
         <figcaption>Foto: archivo</figcaption></figure></article>"
    );
    let a = run(&page("", &body));
    assert!(a.body.contains("6,656"), "{}", a.body);
    assert!(a.body.contains("We never negotiated"), "{}", a.body);
    for junk in ["police data", "Fuente:", "foto de archivo", "Foto:"] {
        assert!(!a.body.contains(junk), "{junk}: {}", a.body);
    }
}

#[test]
fn code_is_kept_whatever_its_highlighting_classes() {
    let body = format!(
        "<article><h1>Counting files</h1>{STORY_EN}\
         <pre><code><span class=\"hljs-comment\"># count the seized files</span>\n\
         <span class=\"token comment\"># cuenta los archivos</span>\nls | wc -l</code></pre></article>"
    );
    let a = run(&page("", &body));
    assert!(a.body.contains("# count the seized files"), "{}", a.body);
    assert!(a.body.contains("# cuenta los archivos"), "{}", a.body);
}

#[test]
fn section_ids_named_after_their_heading_are_not_furniture() {
    // "sharing", "compartir" are furniture fragments, here only because
    // the generator slugged the section titles into ids.
    let body = format!(
        "<article><h1>Gangs Talk</h1>{STORY_EN}\
         <div class=section id=\"sharing-files-with-the-prosecutor\">\
         <h2>Sharing files with the prosecutor</h2>\
         <p>The reporters shared the audio files with the prosecutor's office before publishing, \
         and the office confirmed that it had opened an investigation.</p></div>\
         <section id=\"compartir-los-audios-con-la-fiscalia\">\
         <h2>Compartir los audios con la Fiscalía</h2>\
         <p>El fiscal general dijo que no había recibido los audios y que no comentaría el caso \
         mientras siguiera abierto.</p></section>\
         <div id=\"share-buttons\"><p>Share this story with your friends and family today</p></div>\
         </article>"
    );
    let a = run(&page("", &body));
    assert!(
        a.body.contains("Sharing files with the prosecutor"),
        "{}",
        a.body
    );
    assert!(a.body.contains("opened an investigation"), "{}", a.body);
    assert!(
        a.body.contains("Compartir los audios con la Fiscalía"),
        "{}",
        a.body
    );
    assert!(a.body.contains("no comentaría el caso"), "{}", a.body);
    assert!(!a.body.contains("friends and family"), "{}", a.body);
}

#[test]
fn teaser_stream_after_the_story_is_dropped() {
    let teasers = |items: &[(&str, &str)]| -> String {
        let mut s = String::from("<ul class=stream>");
        for (h, p) in items {
            s.push_str(&format!(
                "<li><h3><a href=\"/other/{}\">{h}</a></h3><p>{p}</p><span>Example News</span></li>",
                h.len()
            ));
        }
        s.push_str("</ul>");
        s
    };
    let en = teasers(&[
        (
            "Police seize weapons in raid",
            "Officers found rifles in a house near the port.",
        ),
        (
            "Mayor resigns after audit",
            "The audit found missing funds in the city budget.",
        ),
        (
            "Storm closes schools",
            "Classes were cancelled in three districts on Monday.",
        ),
        (
            "Court frees journalist",
            "The judge said there was no evidence against him.",
        ),
    ]);
    let story = STORY_EN.repeat(3);
    let body = format!("<div><article><h1>Gangs Talk</h1>{story}</article>{en}</div>");
    let a = run(&page("", &body));
    assert!(a.body.starts_with("Gang leaders"), "{}", a.body);
    assert!(!a.body.contains("Police seize"), "{}", a.body);
    assert!(!a.body.contains("missing funds"), "{}", a.body);

    let es = teasers(&[
        (
            "Capturan a líder de pandilla",
            "La policía lo detuvo en una colonia de la capital.",
        ),
        (
            "Renuncia el alcalde",
            "La auditoría encontró fondos desaparecidos.",
        ),
        (
            "Tormenta cierra escuelas",
            "Se suspendieron las clases en tres distritos.",
        ),
    ]);
    let story = STORY_ES.repeat(4);
    let body = format!("<div><article><h1>La tregua</h1>{story}</article>{es}</div>");
    let a = run(&page("", &body));
    assert!(a.body.starts_with("Los líderes"), "{}", a.body);
    assert!(!a.body.contains("Capturan a líder"), "{}", a.body);

    // A page that is only a collection of such items keeps them, and
    // headings that link to their own anchors are not teasers.
    let body = format!("<main><h1>Lo más importante de la semana</h1>{es}</main>");
    let a = run(&page("", &body));
    assert!(a.body.contains("Capturan a líder"), "{}", a.body);
    let sections: String = ["One", "Two", "Three", "Four"]
        .iter()
        .map(|n| format!("<div><h2><a href=\"#part-{n}\">Part {n}</a></h2><p>The files show one more meeting.</p></div>"))
        .collect();
    let story = STORY_EN.repeat(3);
    let body = format!("<article><h1>Gangs Talk</h1>{story}<div>{sections}</div></article>");
    let a = run(&page("", &body));
    assert!(a.body.contains("Part Three"), "{}", a.body);
}

#[test]
fn paragraphs_whose_class_ends_in_a_furniture_word_are_kept() {
    // "contextmenu" ends in "menu" but is no menu.
    let paras: String = STORY_EN
        .replace("<p>", "<p class=\"contextmenu Body\">")
        .to_string()
        + &STORY_ES.replace("<p>", "<p class=\"contextmenu Body\">");
    let body = format!(
        "<article><h1>Gangs Talk</h1>{paras}<div class=\"pageFooter\">Example News 2021</div></article>"
    );
    let a = run(&page("", &body));
    assert!(a.body.starts_with("Gang leaders"), "{}", a.body);
    assert!(a.body.contains("La investigación, archivada"), "{}", a.body);
    assert!(!a.body.contains("Example News 2021"), "{}", a.body);
}

#[test]
fn link_lists_the_story_announces_are_kept() {
    let body = format!(
        "<article><h1>Gangs Talk</h1>{STORY_EN}\
         <div><p>The prosecutors filed these documents with the court last week:</p></div>\
         <div class=list><ul><li><a href=/d/1>Indictment of the prison director</a></li>\
         <li><a href=/d/2>Transcripts of the recorded meetings</a></li></ul></div>\
         {STORY_ES}\
         <p>La fiscalía presentó estos documentos ante el tribunal la semana pasada:</p>\
         <ul><li><a href=/d/3>Acusación contra el director de prisiones</a></li>\
         <li><a href=/d/4>Transcripciones de las reuniones grabadas</a></li></ul>\
         <p>Read more:</p><ul><li><a href=/x>Another gang story</a></li>\
         <li><a href=/y>Yet another gang story</a></li></ul></article>"
    );
    let a = run(&page("", &body));
    assert!(
        a.body.contains("Indictment of the prison director"),
        "{}",
        a.body
    );
    assert!(
        a.body.contains("Transcripciones de las reuniones"),
        "{}",
        a.body
    );
    assert!(!a.body.contains("Another gang story"), "{}", a.body);
}

#[test]
fn bylines_and_date_lines_around_the_story_are_dropped() {
    let body = format!(
        "<article><h1>Gangs Talk</h1><div class=story><p>By Ana Ruiz and Luis Paz</p>\
         <p>Updated on July 9, 2025</p>{STORY_EN}<h3>March 3, 2021</h3>\
         <p>The first meeting took place in a prison in the capital, the files show.</p>\
         <p>Tags: gangs, prisons</p><p>Por Luis Paz</p></div></article>"
    );
    let a = run(&page("", &body));
    assert!(a.body.starts_with("Gang leaders"), "{}", a.body);
    assert!(a.body.contains("March 3, 2021"), "{}", a.body);
    assert!(a.body.ends_with("the files show."), "{}", a.body);

    let body = format!(
        "<article><h1>La tregua</h1><div class=nota><p>Por Ana Ruiz</p>\
         <p>Publicado el 8 de septiembre de 2021</p><p>Miércoles, 08/09/2021, 19:25</p>{STORY_ES}\
         <p>Etiquetas: pandillas, cárceles</p></div></article>"
    );
    let a = run(&page("", &body));
    assert!(a.body.starts_with("Los líderes"), "{}", a.body);
    assert!(a.body.ends_with("sus rivales."), "{}", a.body);
    // A sentence that starts with "By" is no byline.
    let body = format!(
        "<article><h1>Gangs Talk</h1><p>By the end of the year, the truce had collapsed.</p>{STORY_EN}</article>"
    );
    assert!(run(&page("", &body)).body.starts_with("By the end"));
}

#[test]
fn a_byline_and_a_relative_time_under_a_deck_are_dropped_and_name_the_author() {
    let body = format!(
        "<article><h1>Gangs Talk</h1><p>Officials met gang leaders in prisons for two years.</p>\
         <p>By Ana Ruiz, Reuters</p><p>Updated 3 hours ago</p>{STORY_EN}</article>"
    );
    let a = run(&page("", &body));
    assert!(a.body.starts_with("Officials met"), "{}", a.body);
    assert!(!a.body.contains("Ana Ruiz"), "{}", a.body);
    assert!(!a.body.contains("hours ago"), "{}", a.body);
    assert_eq!(a.author.as_deref(), Some("Ana Ruiz, Reuters"));

    let body = format!(
        "<article><h1>La tregua</h1><p>Los pandilleros negociaron con funcionarios.</p>\
         <p>Por Ana Ruiz</p><p>Actualizado hace 2 horas</p>{STORY_ES}</article>"
    );
    let a = run(&page("", &body));
    assert!(a.body.starts_with("Los pandilleros"), "{}", a.body);
    assert!(a.body.contains("Los líderes"), "{}", a.body);
    assert!(!a.body.contains("hace 2 horas"), "{}", a.body);
    assert_eq!(a.author.as_deref(), Some("Ana Ruiz"));

    // The byline's other fields are no part of the name.
    let body = format!(
        "<article><h1>Gangs Talk</h1><p>By Ana Ruiz | Updated on 19-Dec-2025</p>{STORY_EN}</article>"
    );
    assert_eq!(run(&page("", &body)).author.as_deref(), Some("Ana Ruiz"));

    // The page's declared author stays first.
    let head = r#"<meta name="author" content="Luis Paz">"#;
    let body = format!("<article><h1>Gangs Talk</h1><p>By Ana Ruiz</p>{STORY_EN}</article>");
    let a = run(&page(head, &body));
    assert_eq!(a.author.as_deref(), Some("Luis Paz"));
    assert!(a.body.starts_with("Gang leaders"), "{}", a.body);
}

#[test]
fn a_timeline_after_an_opening_paragraph_keeps_its_first_date() {
    let body = format!(
        "<article><h1>Gangs Talk</h1><p>How the talks unfolded.</p><p>March 8, 2012</p>{STORY_EN}\
         <p>April 14, 2012</p><p>The second meeting took place in a prison in the capital.</p></article>"
    );
    let a = run(&page("", &body));
    assert!(
        a.body
            .starts_with("How the talks unfolded.\n\nMarch 8, 2012"),
        "{}",
        a.body
    );
}

#[test]
fn relative_times_are_told_from_sentences() {
    for line in [
        "Updated 3 hours ago",
        "Atualizado há 3 horas",
        "Actualizado hace 2 horas",
        "il y a 3 heures",
        "Mis à jour il y a 5 minutes",
        "vor 3 Stunden",
        "Aggiornato 3 ore fa",
        "2h ago",
        "Posted: a day ago",
    ] {
        assert!(html::is_relative_time(line), "{line}");
    }
    for line in [
        "Three hours ago, the police arrived.",
        "Hace 2 horas llegó la policía",
        "Updated",
        "3 hours",
        "The gang left a day ago and came back.",
        "Il y a des gangs partout",
    ] {
        assert!(!html::is_relative_time(line), "{line}");
    }
}

#[test]
fn h1_that_lost_its_separators_gives_way_to_the_declared_title() {
    // The kicker and the headline are two spans of the h1: its text glues
    // them; the declared title keeps the separator.
    let head = r#"<meta property="og:title" content="Prison talks / Gang leaders met officials, files show">"#;
    let body = format!(
        "<article><h1><span>Prison talks</span><span>Gang leaders met officials, files show</span></h1>{STORY_EN}</article>"
    );
    assert_eq!(
        run(&page(head, &body)).title,
        "Prison talks / Gang leaders met officials, files show"
    );
    let head =
        r#"<meta property="og:title" content="Tregua: Las pandillas negociaron con el gobierno">"#;
    let body = format!(
        "<article><h1><span>Tregua</span> Las pandillas negociaron con el gobierno</h1>{STORY_ES}</article>"
    );
    assert_eq!(
        run(&page(head, &body)).title,
        "Tregua: Las pandillas negociaron con el gobierno"
    );
    // Casing alone is no lost separator: the h1 as shown stays.
    let head = r#"<meta property="og:title" content="Gang Leaders Met Officials">"#;
    let body = format!("<article><h1>Gang leaders met officials</h1>{STORY_EN}</article>");
    assert_eq!(run(&page(head, &body)).title, "Gang leaders met officials");
}

#[test]
fn h1_naming_the_site_is_not_the_headline() {
    // A blog's name as the page's h1, the post title in og:title and after
    // the name in <title>.
    let head = r#"<title>Field Notes: Gang leaders met officials, files show</title>
        <meta property="og:title" content="Gang leaders met officials, files show">"#;
    let body = format!("<header><h1>Field Notes</h1></header><article>{STORY_EN}</article>");
    assert_eq!(
        run(&page(head, &body)).title,
        "Gang leaders met officials, files show"
    );
    // The h1 is the declared site name; the title carries it after a
    // separator the suffix rule does not know.
    let head = r#"<meta property="og:site_name" content="Diario del Sur">
        <meta property="og:title" content="Las pandillas negociaron con el gobierno • Diario del Sur">"#;
    let body = format!("<header><h1>Diario del Sur</h1></header><article>{STORY_ES}</article>");
    assert_eq!(
        run(&page(head, &body)).title,
        "Las pandillas negociaron con el gobierno"
    );
    // A domain name as h1 and at the start of the <title>.
    let head = "<title>example.org Weekend notes on gangs</title>";
    let body = format!("<h1>example.org</h1><article>{STORY_EN}</article>");
    assert_eq!(run(&page(head, &body)).title, "Weekend notes on gangs");
    // A short headline at the start of a longer <title> is still the
    // headline: nothing says it names the site.
    let head = "<title>Truce: how the gangs and the government negotiated in prison</title>";
    let body = format!("<article><h1>Truce</h1>{STORY_EN}</article>");
    assert_eq!(run(&page(head, &body)).title, "Truce");
}

#[test]
fn a_title_element_naming_the_site_gives_way_to_the_headline() {
    let title = |head: &str, h1: &str, story: &str| {
        run(&page(
            head,
            &format!("<article><h1>{h1}</h1>{story}</article>"),
        ))
        .title
    };
    // With nothing declared, a <title> that is the site's or the
    // section's name, or a placeholder, is not the headline.
    for head in [
        "<title>The Daily</title>",
        "<title>Home</title>",
        "<title>x</title>",
        "<title>Luna</title>",
    ] {
        assert_eq!(
            title(head, "Luna denies deal with MS-13 leaders", STORY_EN),
            "Luna denies deal with MS-13 leaders",
            "{head}"
        );
    }
    for head in ["<title>El Diario de Hoy</title>", "<title>Noticias</title>"] {
        assert_eq!(
            title(
                head,
                "Luna niega pacto con pandillas en los penales",
                STORY_ES
            ),
            "Luna niega pacto con pandillas en los penales",
            "{head}"
        );
    }
    // Nor is the headline cut short.
    assert_eq!(
        title(
            "<title>Luna says \"no deal\" | The Daily</title>",
            "Luna says \"no deal\", MS-13 leaders; \"we'll see\"",
            STORY_EN
        ),
        "Luna says \"no deal\", MS-13 leaders; \"we'll see\""
    );
    let h1 = "Luna says there was no deal with MS-13 leaders in the prisons, and that the logbooks are forged";
    assert_eq!(
        title(
            "<title>Luna says there was no deal | The Daily</title>",
            h1,
            STORY_EN
        ),
        h1
    );
    // An h1 that is a section's name beside a <title> worded as a headline
    // still gives way to it.
    assert_eq!(
        title(
            "<title>Las pandillas negociaron con el gobierno en las cárceles</title>",
            "Política",
            STORY_ES
        ),
        "Las pandillas negociaron con el gobierno en las cárceles"
    );
}

#[test]
fn site_names_cut_from_titles() {
    let title = |head: &str| run(&page(head, &format!("<article>{STORY_EN}</article>"))).title;
    // A domain after a separator goes, however short the headline.
    assert_eq!(
        title("<title>Game Changer | Shop.com</title>"),
        "Game Changer"
    );
    // A site name that ends in a domain before the headline goes.
    assert_eq!(
        title("<title>The Gazette | gazette.org - Gang leaders met officials</title>"),
        "Gang leaders met officials"
    );
    // A bullet separates the site's name.
    assert_eq!(
        title("<title>Gang leaders met officials • Ana Pérez</title>"),
        "Gang leaders met officials"
    );
    // The declared site name after a full-width colon, no spaces.
    assert_eq!(
        title(
            "<meta property=\"og:site_name\" content=\"朝日新聞\">\
             <title>津波注意報 気象庁：朝日新聞</title>"
        ),
        "津波注意報 気象庁"
    );
    // Spanish: the site name after a dash.
    assert_eq!(
        title(
            "<meta property=\"og:site_name\" content=\"El Diario\">\
             <title>Las pandillas negociaron con el gobierno - El Diario</title>"
        ),
        "Las pandillas negociaron con el gobierno"
    );
}

#[test]
fn og_title_with_a_section_tail_gives_way_to_the_json_ld_headline() {
    let head = r#"<meta property="og:title" content="Las pandillas negociaron con el gobierno-Política">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Las pandillas negociaron con el gobierno"}</script>"#;
    let a = run(&page(head, &format!("<article>{STORY_ES}</article>")));
    assert_eq!(a.title, "Las pandillas negociaron con el gobierno");
    assert_eq!(a.title_source.as_deref(), Some("json-ld headline"));
    // A longer og:title that goes on in words is another wording: it stays.
    let head = r#"<meta property="og:title" content="Gang leaders met officials in prison, files show">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Gang leaders met officials"}</script>"#;
    let a = run(&page(head, &format!("<article>{STORY_EN}</article>")));
    assert_eq!(a.title, "Gang leaders met officials in prison, files show");
}

#[test]
fn meta_tags_with_several_properties_and_dublin_core() {
    // One tag declares og:title and twitter:title at once.
    let head = r#"<title>Sitio</title>
        <meta property="og:title twitter:title" content="Las pandillas negociaron con el gobierno">"#;
    let a = run(&page(head, &format!("<article>{STORY_ES}</article>")));
    assert_eq!(a.title, "Las pandillas negociaron con el gobierno");
    assert_eq!(a.title_source.as_deref(), Some("og:title"));
    // dc:title is the page's title when the h1 is unrelated to <title>.
    let head = r#"<title>Home</title><meta property="dc:title" content="Gang talks in prison">"#;
    let body = format!("<h1>Archive</h1><article>{STORY_EN}</article>");
    assert_eq!(run(&page(head, &body)).title, "Gang talks in prison");
}

#[test]
fn mathml_formulas_stay_in_their_sentences() {
    // A formula renderer wraps MathML in classes that look like a menu;
    // its TeX annotation is not said twice.
    let body = format!(
        "<article><h1>Quadratics</h1>{STORY_EN}<p>When \
         <span class=\"MathJax CtxtMenu_Attached_0\"><math><semantics><mi>a</mi><mo>≠</mo><mn>0</mn>\
         <annotation encoding=\"application/x-tex\">a \\neq 0</annotation></semantics></math></span> \
         there are two solutions to the equation, and they are given by the formula.</p></article>"
    );
    let a = run(&page("", &body));
    assert!(
        a.body.contains("When a ≠ 0 there are two solutions"),
        "{}",
        a.body
    );
    assert!(!a.body.contains("neq"), "{}", a.body);
}

#[test]
fn long_prose_under_a_furniture_looking_class_is_kept_but_comments_are_not() {
    let prose_en = STORY_EN.repeat(5);
    // A section of the story in an accordion whose style class names a
    // header.
    let body = format!(
        "<article><h1>Gang talks</h1>{STORY_EN}\
         <div class=\"accordion pane-header-alignment-left\"><h2>Methodology</h2>\
         <div class=\"panel\">{}</div></div></article>",
        prose_en.replace("Gang leaders", "Prison wardens")
    );
    let a = run(&page("", &body));
    assert!(a.body.contains("Prison wardens"), "{}", a.body);
    // Comments are prose too, but stay furniture, in English and Spanish.
    for class in ["site-footer", "footer-comentarios"] {
        let body = format!(
            "<article><h1>Gang talks</h1>{}</article>\
             <div class=\"{class}\"><div class=\"comment-list comentarios\">{}</div></div>",
            STORY_EN.repeat(8),
            STORY_EN.repeat(4).replace("Gang leaders", "Commenters")
        );
        let a = run(&page("", &body));
        assert!(!a.body.contains("Commenters"), "{class}: {}", a.body);
    }
}

#[test]
fn a_linked_bullet_in_a_list_of_prose_bullets_is_kept() {
    let body = format!(
        "<article><h1>Weekly notes</h1>{STORY_EN}<ul>\
         <li><a href=\"/review\">Here is our year in review of the prison files!</a></li>\
         <li>Prison officials were moved after the report, according to the ministry, \
         and the leaders were sent to other jails in the east of the country.</li>\
         <li>The attorney general said the investigation would be reopened next month.</li>\
         </ul></article>"
    );
    assert!(run(&page("", &body)).body.contains("year in review"));
    let body = format!(
        "<article><h1>Notas de la semana</h1>{STORY_ES}<ul>\
         <li><a href=\"/resumen\">¡Aquí está nuestro resumen del año sobre las cárceles!</a></li>\
         <li>Los funcionarios de prisiones fueron trasladados después del informe, según el \
         ministerio, y los líderes fueron enviados a otras cárceles del oriente del país.</li>\
         <li>El fiscal dijo que la investigación se reabrirá el próximo mes.</li>\
         </ul></article>"
    );
    assert!(run(&page("", &body)).body.contains("resumen del año"));
    // A list of links alone is still furniture.
    let body = format!(
        "<article><h1>Weekly notes</h1>{STORY_EN}<ul>\
         <li><a href=\"/a\">Another story about the gangs</a></li>\
         <li><a href=\"/b\">Yet another story about prisons</a></li>\
         <li><a href=\"/c\">A third story about the truce</a></li></ul></article>"
    );
    assert!(!run(&page("", &body)).body.contains("Another story"));
}

#[test]
fn a_list_of_credits_in_the_article_body_is_kept() {
    // Each item names someone, then links what they did: the links are
    // the story's, not a related list.
    let items = |a: &str, b: &str, c: &str| {
        format!(
            "<ul><li>{a} <a href=\"/1\">fixed the crash in the importer of scanned files</a></li>\
             <li>{b} <a href=\"/2\">removed the old export dialog from the settings page</a></li>\
             <li>{c} <a href=\"/3\">rewrote the date parser for day-first dates</a></li></ul>"
        )
    };
    let body = format!(
        "<article><h1>Changes</h1><div class=\"entry-content\">{STORY_EN}{}</div></article>",
        items("Ana Ruiz", "Luis Paz", "Mary Jones")
    );
    assert!(run(&page("", &body))
        .body
        .contains("rewrote the date parser"));
    let body = format!(
        "<article><h1>Cambios</h1><div class=\"entry-content\">{STORY_ES}{}</div></article>",
        items("Gracias a Ana", "Gracias a Luis", "Gracias a María")
    );
    assert!(run(&page("", &body)).body.contains("Gracias a Luis"));
    // Outside a declared article body the same list is judged by its links.
    let body = format!(
        "<article><h1>Changes</h1>{STORY_EN}{}</article>",
        items("Ana Ruiz", "Luis Paz", "Mary Jones")
    );
    assert!(!run(&page("", &body))
        .body
        .contains("rewrote the date parser"));
}

#[test]
fn photo_gallery_slides_are_dropped_but_fractions_are_not() {
    let slides: String = (1..=4)
        .map(|k| {
            format!(
                "<li><h2><span class=\"counter\">{k}/12</span> Picture number {k}</h2>\
                 <p>A long caption of the picture number {k} that describes what the \
                 photographer saw in the market that morning.</p></li>"
            )
        })
        .collect();
    let body = format!("<article><h1>Gang talks</h1>{STORY_EN}<ul>{slides}</ul></article>");
    let a = run(&page("", &body));
    assert!(!a.body.contains("Picture number"), "{}", a.body);
    assert!(a.body.contains("Revolucionarios"));
    // Quantities in a recipe are no slide counters.
    let body = format!(
        "<article><h1>Pupusas</h1>{STORY_ES}<ul><li>1/2 taza de harina de maíz</li>\
         <li>1/2 taza de agua tibia</li><li>1/4 cucharadita de sal</li>\
         <li>3/4 taza de queso rallado</li></ul></article>"
    );
    assert!(run(&page("", &body))
        .body
        .contains("1/4 cucharadita de sal"));
}

#[test]
fn collapsed_accordion_panels_are_read_hidden_blocks_are_not() {
    let body = format!(
        "<article><h1>Solar steps</h1>{STORY_EN}\
         <button id=\"h1\">Week one</button>\
         <div role=\"region\" aria-labelledby=\"h1\" style=\"display:none\">\
         <p>Gather twelve months of electric bills so installers can size the system.</p></div>\
         <div style=\"display: none\"><p>Hidden tracking text that nobody sees.</p></div></article>"
    );
    let a = run(&page("", &body));
    assert!(a.body.contains("Gather twelve months"), "{}", a.body);
    assert!(!a.body.contains("Hidden tracking"), "{}", a.body);
    let body = format!(
        "<article><h1>Pasos</h1>{STORY_ES}\
         <div role=\"tabpanel\" aria-labelledby=\"t2\" hidden>\
         <p>Reúna doce meses de recibos de luz para calcular el sistema.</p></div></article>"
    );
    assert!(run(&page("", &body)).body.contains("Reúna doce meses"));
}

#[test]
fn a_weekday_name_decides_how_a_numeric_date_reads() {
    // Drupal writes its meta dates "Thu, 09/25/2025 - 11:38": month first,
    // which the weekday confirms (25 September 2025 was a Thursday).
    let head = r#"<meta property="article:published_time" content="Thu, 09/25/2025 - 11:38">"#;
    let a = run(&page(head, &format!("<article>{STORY_EN}</article>")));
    assert_eq!(a.date, day(2025, 9, 25));
    // Both readings are days; only 9 October 2025 is a Thursday (jueves).
    let head = r#"<meta property="article:published_time" content="jue, 09/10/2025 - 08:00">"#;
    let a = run(&page(head, &format!("<article>{STORY_ES}</article>")));
    assert_eq!(a.date, day(2025, 10, 9));
    // A weekday that fits neither reading leaves the date unread.
    let head = r#"<meta property="article:published_time" content="Mon, 09/10/2025 - 08:00">"#;
    let a = run(&page(head, &format!("<article>{STORY_EN}</article>")));
    assert_eq!(a.date, None, "{:?}", a.date_source);
}

#[test]
fn highwire_citation_dates_are_declared_dates() {
    let head = r#"<meta name="citation_publication_date" content="2021/09/08">"#;
    let a = run(&page(head, &format!("<article>{STORY_EN}</article>")));
    assert_eq!(a.date, day(2021, 9, 8));
    assert_eq!(
        a.date_source.as_deref(),
        Some("meta citation_publication_date")
    );
}

#[test]
fn a_kicker_date_over_the_headline_is_shown_evidence() {
    let body = format!(
        "<div class=\"post-hero\"><div class=\"post-hero__meta\"><span>Analysis</span> \
         <span class=\"post-hero__date\">March 3, 2025</span></div>\
         <h1>Gangs Negotiated With Officials</h1></div><article>{STORY_EN}</article>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, day(2025, 3, 3));
    assert_eq!(a.date_source.as_deref(), Some("dateline"));
    let body = format!(
        "<header class=\"cabecera\"><p>Análisis · 3 de marzo de 2025</p>\
         <h1>Las pandillas negociaron con funcionarios</h1></header><article>{STORY_ES}</article>"
    );
    let a = run(&format!(
        "<html lang=\"es\"><head></head><body>{body}</body></html>"
    ));
    assert_eq!(a.date, day(2025, 3, 3));
    // A teaser list right above the headline dates other stories.
    let body = format!(
        "<div class=\"top\"><ul><li><a href=/a>Another story</a> <span>May 5, 2024</span></li></ul>\
         <h1>Gangs Negotiated With Officials</h1></div><article>{STORY_EN}</article>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, None, "{:?}", a.date_source);
}

#[test]
fn a_byline_under_a_long_share_bar_still_dates_the_story() {
    let links: String = (1..=16)
        .map(|k| format!("<a href=\"/share/{k}\">Share {k}</a>"))
        .collect();
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>\
         <div class=\"social-share\">{links}</div>\
         <div class=\"byline\">By Ana Ruiz <span>September 8, 2021</span></div>\
         {STORY_EN}</article>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, day(2021, 9, 8), "{:?}", a.date_source);
    let body = format!(
        "<article><h1>Las pandillas negociaron con funcionarios</h1>\
         <div class=\"compartir\">{links}</div>\
         <div class=\"byline\">Por Ana Ruiz <span>8 de septiembre de 2021</span></div>\
         {STORY_ES}</article>"
    );
    let a = run(&format!(
        "<html lang=\"es\"><head></head><body>{body}</body></html>"
    ));
    assert_eq!(a.date, day(2021, 9, 8), "{:?}", a.date_source);
}

#[test]
fn the_day_shown_under_the_headline_overrules_a_declared_stamp() {
    // The CMS stamps its last save as the publication date; the byline
    // shows the day the story ran.
    let head = r#"<script type="application/ld+json">{"@type":"NewsArticle",
        "datePublished":"2025-11-20T16:02:46Z","dateModified":"2025-11-20T16:02:46Z"}</script>"#;
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>\
         <p class=\"byline\">By Ana Ruiz · May 14, 2025</p>{STORY_EN}</article>"
    );
    let a = run(&page(head, &body));
    assert_eq!(a.date, day(2025, 5, 14), "{:?}", a.date_source);
    let head = r#"<meta property="article:published_time" content="2024-08-07T10:00:00+00:00">"#;
    let body = format!(
        "<article><h1>Las pandillas negociaron con funcionarios</h1>\
         <p>Por Ana Ruiz, 30 de diciembre de 2013</p>{STORY_ES}</article>"
    );
    let a = run(&format!(
        "<html lang=\"es\"><head>{head}</head><body>{body}</body></html>"
    ));
    assert_eq!(a.date, day(2013, 12, 30), "{:?}", a.date_source);
    // A kicker above the headline is no evidence against the declaration.
    let head = r#"<meta property="article:published_time" content="2019-06-25">"#;
    let body = format!(
        "<div class=\"hero\"><p>Earlier version · April 4, 2019</p>\
         <h1>Gangs Negotiated With Officials</h1></div><article>{STORY_EN}</article>"
    );
    let a = run(&page(head, &body));
    assert_eq!(a.date, None, "{:?}", a.date_source);
}

#[test]
fn a_faq_section_set_apart_after_the_article_is_kept() {
    // The template's article block, then furniture, then the story's FAQ
    // in a section of its own, outside the article's block.
    let related = "<aside class=\"related\"><h2>Related</h2><ul>\
         <li><a href=/a>Another story about the gangs of the city</a></li>\
         <li><a href=/b>A second story about prisons and their rules</a></li></ul></aside>";
    let faq = |story: &str, heading: &str, q1: &str, a1: &str, q2: &str, a2: &str| {
        format!(
            "<div class=\"page\"><div class=\"wrap\"><div class=\"col\">\
             <article class=\"post-content\"><h1>Headline</h1>{story}{story}{story}</article></div>\
             <div class=\"cta\"><a href=/demo>Book a demo</a></div></div><div class=\"sns\">{related}</div>\
             <section class=\"faq-block\"><h2>{heading}</h2>\
             <div class=\"item\"><h3>{q1}</h3><p>{a1}</p></div>\
             <div class=\"item\"><h3>{q2}</h3><p>{a2}</p></div></section></div>"
        )
    };
    let body = faq(
        STORY_EN,
        "Frequently Asked Questions",
        "How long does an installation take?",
        "Most home installations take one to three days once the permits are approved by the city, \
         and the utility connects the meter within two weeks.",
        "Do panels work on cloudy days?",
        "They do, at a lower output. Panels still turn diffuse light into power when the sky is grey.",
    );
    let a = run(&page("", &body));
    assert!(a.body.contains("permits are approved"), "{}", a.body);
    assert!(!a.body.contains("Another story"), "{}", a.body);
    let body = faq(
        STORY_ES,
        "Preguntas frecuentes",
        "¿Cuánto tarda la instalación?",
        "La mayoría de las instalaciones tarda de uno a tres días, una vez que el municipio aprueba los permisos \
         y la compañía conecta el medidor.",
        "¿Funcionan los paneles en días nublados?",
        "Sí, con menor rendimiento. Los paneles convierten la luz difusa en energía aunque el cielo esté gris.",
    );
    let a = run(&format!(
        "<html lang=\"es\"><head></head><body>{body}</body></html>"
    ));
    assert!(a.body.contains("aprueba los permisos"), "{}", a.body);
    // Questions whose answers are collapsed (hidden) are not the story.
    let body = faq(
        STORY_EN,
        "FAQs",
        "How long does an installation take for a family home in the city?",
        "<span hidden>Most home installations take one to three days.</span>",
        "Do solar panels still work on cloudy days in the north of the country?",
        "<span hidden>They do, at a lower output.</span>",
    );
    let a = run(&page("", &body));
    assert!(!a.body.contains("How long does"), "{}", a.body);
}

#[test]
fn the_authors_bio_that_closes_the_text_is_dropped() {
    let head = r#"<meta name="author" content="Ana Ruiz">"#;
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>{STORY_EN}\
         <p>Contributing Writer</p>\
         <p>Ana Ruiz is a reporter who covers organized crime and prisons in Central America \
         for Example News.</p><p>View author page</p></article>"
    );
    let a = run(&page(head, &body));
    assert!(a.body.contains("Sureños"), "{}", a.body);
    assert!(!a.body.contains("is a reporter"), "{}", a.body);
    assert!(!a.body.contains("Contributing Writer"), "{}", a.body);
    let body = format!(
        "<article><h1>Las pandillas negociaron</h1>{STORY_ES}\
         <p>Ana Ruiz es periodista y cubre temas de seguridad y prisiones en Centroamérica \
         desde 2015.</p></article>"
    );
    let a = run(&format!(
        "<html lang=\"es\"><head>{head}</head><body>{body}</body></html>"
    ));
    assert!(a.body.contains("trasladaron a sus rivales"), "{}", a.body);
    assert!(!a.body.contains("es periodista"), "{}", a.body);
    // The story's last words, by someone else, stay.
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>{STORY_EN}\
         <p>Carlos Díaz, a lawyer for the families, said the audio files must reach a court \
         before the next election.</p></article>"
    );
    let a = run(&page(head, &body));
    assert!(a.body.contains("Carlos Díaz, a lawyer"), "{}", a.body);
}

#[test]
fn a_date_whose_markup_calls_it_the_last_change_is_not_the_publication_date() {
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>\
         <p class=\"meta\"><span class=\"post-updated-date\">June 4, 2020</span></p>{STORY_EN}</article>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, None, "{:?}", a.date_source);
    let body = format!(
        "<article><h1>Las pandillas negociaron</h1>\
         <div class=\"field--name-changed\"><time>4 de junio de 2020</time></div>{STORY_ES}</article>"
    );
    let a = run(&format!(
        "<html lang=\"es\"><head></head><body>{body}</body></html>"
    ));
    assert_eq!(a.date, None, "{:?}", a.date_source);
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>\
         <p class=\"meta\"><span class=\"date-updated\">June 4, 2020</span> \
         <span class=\"date-published\">March 1, 2019</span></p>{STORY_EN}</article>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, day(2019, 3, 1), "{:?}", a.date_source);
}

#[test]
fn in_page_navigation_lines_are_dropped() {
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1><p>Listen to this article</p>\
         <div class=\"toc-title\">Table of Contents</div>{STORY_EN}<p><a href=\"#top\">Back to top</a></p>\
         <p>Sign in or create an account</p></article>"
    );
    let a = run(&page("", &body));
    for gone in ["Listen to", "Table of Contents", "Back to top", "Sign in"] {
        assert!(!a.body.contains(gone), "{gone}: {}", a.body);
    }
    let body = format!(
        "<article><h1>Las pandillas negociaron</h1><p>Escucha este artículo</p>\
         {STORY_ES}<p><a href=\"#arriba\">Volver arriba</a></p></article>"
    );
    let a = run(&page("", &body));
    assert!(!a.body.contains("Escucha"), "{}", a.body);
    assert!(!a.body.contains("Volver arriba"), "{}", a.body);
    assert!(a.body.contains("trasladaron a sus rivales"), "{}", a.body);
}

#[test]
fn a_heading_that_is_a_drop_line_goes() {
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>\
         <h2>Table of Contents</h2><ul><li><a href=\"#one\">The audio files</a></li>\
         <li><a href=\"#two\">The prisons</a></li></ul>{STORY_EN}</article>"
    );
    let a = run(&page("", &body));
    assert!(!a.body.contains("Table of Contents"), "{}", a.body);
    assert!(a.body.contains("Sureños"), "{}", a.body);
    let body = format!(
        "<article><h1>Las pandillas negociaron</h1>\
         <h2>Tabla de contenidos</h2><ul><li><a href=\"#uno\">Los audios</a></li>\
         <li><a href=\"#dos\">Las cárceles</a></li></ul>{STORY_ES}\
         <h2>Compartir los audios con la Fiscalía</h2><p>El fiscal general dijo que no había \
         recibido los audios y que no comentaría el caso mientras siguiera abierto.</p></article>"
    );
    let a = run(&format!(
        "<html lang=\"es\"><head></head><body>{body}</body></html>"
    ));
    assert!(!a.body.contains("Tabla de contenidos"), "{}", a.body);
    // A heading that only starts with a drop word is the story's.
    assert!(a.body.contains("Compartir los audios"), "{}", a.body);
}

#[test]
fn a_related_block_ends_at_the_next_heading_of_its_rank() {
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>{STORY_EN}\
         <h2>See also</h2><ul><li><a href=\"/a\">Prison system of El Salvador</a></li>\
         <li><a href=\"/b\">Gang truce of 2012</a></li></ul>\
         <h2>Notes</h2><p>The figures in this story come from the 2021 census of the prison \
         system, the latest the ministry has published.</p></article>"
    );
    let a = run(&page("", &body));
    assert!(!a.body.contains("Gang truce of 2012"), "{}", a.body);
    assert!(a.body.contains("2021 census"), "{}", a.body);
    let body = format!(
        "<article><h1>Las pandillas negociaron</h1>{STORY_ES}\
         <h2>Ver también</h2><ul><li><a href=\"/a\">Sistema penitenciario</a></li>\
         <li><a href=\"/b\">La tregua de 2012</a></li></ul>\
         <h2>Notas</h2><p>Las cifras de esta nota provienen del censo penitenciario de 2021, \
         el último que ha publicado el ministerio.</p></article>"
    );
    let a = run(&format!(
        "<html lang=\"es\"><head></head><body>{body}</body></html>"
    ));
    assert!(!a.body.contains("La tregua de 2012"), "{}", a.body);
    assert!(a.body.contains("censo penitenciario"), "{}", a.body);
}

#[test]
fn more_publication_date_meta_names() {
    for (head, src) in [
        (
            r#"<meta name="published" content="September 8, 2021">"#,
            "meta published",
        ),
        (
            r#"<meta name="published-date" content="2021-09-08">"#,
            "meta published-date",
        ),
        (
            r#"<meta property="og:publish_date" content="2021-09-08T10:00:00-06:00">"#,
            "meta og:publish_date",
        ),
    ] {
        let a = run(&page(head, &format!("<article>{STORY_ES}</article>")));
        assert_eq!(a.date, day(2021, 9, 8), "{head}");
        assert_eq!(a.date_source.as_deref(), Some(src));
    }
}

#[test]
fn a_publication_date_the_furniture_labels_counts_before_the_story() {
    let links: String = (1..=40)
        .map(|k| format!("<a href=\"/share/{k}\">Share {k}</a>"))
        .collect();
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>\
         <div class=\"social-share\">{links}</div>\
         <div class=\"byline\">Published on March 2, 2025</div>{STORY_EN}</article>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, day(2025, 3, 2), "{:?}", a.date_source);
    let body = format!(
        "<article><h1>Las pandillas negociaron</h1>\
         <div class=\"compartir\">{links}</div>\
         <div class=\"byline\">Publicado el 2 de marzo de 2025</div>{STORY_ES}</article>"
    );
    let a = run(&format!(
        "<html lang=\"es\"><head></head><body>{body}</body></html>"
    ));
    assert_eq!(a.date, day(2025, 3, 2), "{:?}", a.date_source);
    // Unlabelled, the same furniture date is too weak.
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>\
         <div class=\"social-share\">{links}</div>\
         <div class=\"byline\">March 2, 2025</div>{STORY_EN}</article>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, None, "{:?}", a.date_source);
}

#[test]
fn an_about_the_author_block_is_dropped() {
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>{STORY_EN}\
         <div class=\"bottom\"><h3>About the Author</h3><p>Maria Lopez</p>\
         <p>Maria Lopez has covered prisons for ten years and teaches data journalism.</p></div></article>"
    );
    let a = run(&page("", &body));
    assert!(a.body.contains("Sureños"), "{}", a.body);
    assert!(!a.body.contains("data journalism"), "{}", a.body);
    let body = format!(
        "<article><h1>Las pandillas negociaron</h1>{STORY_ES}\
         <div class=\"pie\"><h3>Sobre la autora</h3>\
         <p>María López cubre cárceles desde hace diez años y enseña periodismo de datos.</p></div></article>"
    );
    let a = run(&format!(
        "<html lang=\"es\"><head></head><body>{body}</body></html>"
    ));
    assert!(a.body.contains("trasladaron a sus rivales"), "{}", a.body);
    assert!(!a.body.contains("periodismo de datos"), "{}", a.body);
}

#[test]
fn a_bio_may_name_the_author_by_first_name() {
    let head = r#"<meta name="author" content="Ana Ruiz">"#;
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>{STORY_EN}\
         <p>Ana has covered organized crime and prisons in Central America since 2015.</p></article>"
    );
    let a = run(&page(head, &body));
    assert!(!a.body.contains("Ana has covered"), "{}", a.body);
    let body = format!(
        "<article><h1>Las pandillas negociaron</h1>{STORY_ES}\
         <p>Ana cubre temas de seguridad y prisiones en Centroamérica desde 2015.</p></article>"
    );
    let a = run(&format!(
        "<html lang=\"es\"><head>{head}</head><body>{body}</body></html>"
    ));
    assert!(!a.body.contains("Ana cubre"), "{}", a.body);
    // A team has no first name: "The …" is the story's last sentence.
    let head = r#"<meta name="author" content="The Example Team">"#;
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>{STORY_EN}\
         <p>The prisons remain crowded, and the audio files are still with the prosecutor.</p></article>"
    );
    let a = run(&page(head, &body));
    assert!(a.body.contains("The prisons remain crowded"), "{}", a.body);
}

#[test]
fn a_section_of_links_the_story_announces_is_kept() {
    // The section is link-dense as a whole (its heading and one sentence
    // against a list of links), yet its sentence announces the list.
    let body = format!(
        "<article><h1>Prison Files Released</h1>{STORY_EN}\
         <div class=sect><h2>Court filings</h2><div class=body>\
         <p>The prosecutors filed these records with the court:</p>\
         <ul><li><a href=/d/1>Indictment of the prison director Luis Paz</a></li>\
         <li><a href=/d/2>Transcripts of the recorded meetings in Zacatecoluca</a></li>\
         <li><a href=/d/3>Logs of the visits to the maximum security wing</a></li></ul>\
         </div></div>\
         <div class=more><h2>Elsewhere</h2><ul><li><a href=/x>Another gang story on the site</a></li>\
         <li><a href=/y>Yet another gang story on the site</a></li></ul></div></article>"
    );
    let a = run(&page("", &body));
    assert!(a.body.contains("Transcripts of the recorded"), "{}", a.body);
    assert!(!a.body.contains("Another gang story"), "{}", a.body);
    let body = format!(
        "<article><h1>Publican los archivos</h1>{STORY_ES}\
         <section><h2>Documentos</h2>\
         <p>La fiscalía presentó estos documentos ante el tribunal:</p>\
         <ol><li><a href=/d/1>Acusación contra el director de prisiones Luis Paz</a></li>\
         <li><a href=/d/2>Transcripciones de las reuniones grabadas en el penal</a></li>\
         <li><a href=/d/3>Registros de las visitas al sector de máxima seguridad</a></li></ol>\
         </section></article>"
    );
    let a = run(&format!("<html lang=\"es\"><body>{body}</body></html>"));
    assert!(
        a.body.contains("Transcripciones de las reuniones"),
        "{}",
        a.body
    );
}

#[test]
fn newsletter_boxes_that_promise_the_inbox_are_dropped() {
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>{STORY_EN}\
         <div class=box><p>The week's investigations, delivered to your inbox every Friday.</p>\
         <p>Thank you for subscribing!</p></div>\
         <p>By signing up, you agree to receive emails from Example News.</p></article>"
    );
    let a = run(&page("", &body));
    for gone in ["delivered to your inbox", "Thank you for", "By signing up"] {
        assert!(!a.body.contains(gone), "{gone}: {}", a.body);
    }
    assert!(a.body.contains("any pact with the"), "{}", a.body);
    let body = format!(
        "<article><h1>Las pandillas negociaron</h1>{STORY_ES}\
         <div class=box><p>Las investigaciones de la semana, directo a tu bandeja de entrada.</p>\
         <p>¡Gracias por suscribirte!</p></div>\
         <p>Al suscribirte, aceptas recibir correos de Ejemplo Noticias.</p></article>"
    );
    let a = run(&format!("<html lang=\"es\"><body>{body}</body></html>"));
    for gone in ["bandeja de entrada", "Gracias por", "Al suscribirte"] {
        assert!(!a.body.contains(gone), "{gone}: {}", a.body);
    }
    assert!(a.body.contains("trasladaron a sus rivales"), "{}", a.body);
}

#[test]
fn the_article_elements_own_time_dates_it_wherever_it_sits() {
    const SOURCE: &str = "time datetime in the article";
    // A footer under the story, outside the byline zone; comments in the
    // article hold other days and are not the article's.
    let comments = "<section class=\"comments\"><h3>Comments</h3>\
         <p>Reader <time datetime=\"2021-09-10\">September 10, 2021</time>: thanks</p></section>";
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>{STORY_EN}\
         <footer class=\"entry-meta\">Filed under <a href=/gangs>Gangs</a> · \
         <time datetime=\"2021-09-08\">September 8, 2021</time></footer>{comments}</article>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, day(2021, 9, 8), "{:?}", a.date_source);
    assert_eq!(a.date_source.as_deref(), Some(SOURCE));
    // Spanish, the date in an aside above a headline set in an h2.
    let body = format!(
        "<article><aside><time datetime=\"2021-09-08\">8 de septiembre de 2021</time></aside>\
         <h2>Las pandillas negociaron con funcionarios</h2>{STORY_ES}</article>"
    );
    let a = run(&format!(
        "<html lang=\"es\"><head></head><body><h1>El blog de Ana</h1>{body}</body></html>"
    ));
    assert_eq!(a.date, day(2021, 9, 8), "{:?}", a.date_source);
    assert_eq!(a.date_source.as_deref(), Some(SOURCE));
    // A later change labelled as one is set aside.
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>{STORY_EN}\
         <footer class=\"entry-meta\"><time datetime=\"2021-09-08\">September 8, 2021</time> · \
         Updated <time datetime=\"2022-01-04\">January 4, 2022</time></footer></article>"
    );
    assert_eq!(run(&page("", &body)).date, day(2021, 9, 8));
    // Two days the article does not explain, or only a change: no date.
    for times in [
        "<time datetime=\"2021-09-08\">September 8, 2021</time> \
         <time datetime=\"2019-03-02\">March 2, 2019</time>",
        "Actualizado <time datetime=\"2022-01-04\">4 de enero de 2022</time>",
    ] {
        let body = format!(
            "<article><h1>Gangs Negotiated With Officials</h1>{STORY_EN}\
             <footer class=\"entry-meta\">{times}</footer></article>"
        );
        let a = run(&page("", &body));
        assert_eq!(a.date, None, "{times}: {:?}", a.date_source);
    }
}

#[test]
fn the_byline_under_the_declared_headline_dates_a_body_set_far_below() {
    // A page builder sets the headline and byline in a hero section, and
    // the story many sections further down, with no close common block.
    let hero: String = (1..=40)
        .map(|k| format!("<div class=\"slide\"><span>{k}</span></div>"))
        .collect();
    let page_with = |title: &str, h1: &str, date: &str, story: &str, lang: &str| {
        format!(
            "<html lang=\"{lang}\"><head><meta property=\"og:title\" content=\"{title}\"></head>\
             <body><div class=\"hero\"><div class=\"hero-inner\"><h1>{h1}</h1>\
             <div class=\"post-info\"><a href=\"/authors/ana\">Ana Ruiz</a> • <div>{date}</div></div>\
             </div></div><div class=\"gallery\">{hero}</div>\
             <div class=\"section\"><div class=\"wrap\"><div class=\"row\"><div class=\"col\">\
             <div class=\"grid\"><div class=\"cell\"><div class=\"rich-text\">{story}</div>\
             </div></div></div></div></div></div></body></html>"
        )
    };
    let title = "Gangs Negotiated With Officials";
    let a = run(&page_with(
        title,
        title,
        "September 8, 2021",
        STORY_EN,
        "en",
    ));
    assert_eq!(a.date, day(2021, 9, 8), "{:?}", a.date_source);
    let titulo = "Las pandillas negociaron con funcionarios";
    let a = run(&page_with(
        titulo,
        titulo,
        "8 de septiembre de 2021",
        STORY_ES,
        "es",
    ));
    assert_eq!(a.date, day(2021, 9, 8), "{:?}", a.date_source);
    // An h1 that is not the declared headline (a section's banner) does
    // not lend its neighbours' dates to a story that far away.
    let a = run(&page_with(
        title,
        "Latest from our desk",
        "September 8, 2021",
        STORY_EN,
        "en",
    ));
    assert_eq!(a.date, None, "{:?}", a.date_source);
}

#[test]
fn the_headline_shown_wins_over_a_reworded_social_title() {
    let title_of = |og: &str, h1: &str, story: &str| {
        let head = format!("<meta property=\"og:title\" content=\"{og}\">");
        run(&page(
            &head,
            &format!("<article><h1>{h1}</h1>{story}</article>"),
        ))
        .title
    };
    // The social title reworded for sharing: the page's headline stands.
    assert_eq!(
        title_of(
            "You Won't Believe What Gang Leaders Told Officials",
            "Gang Leaders Negotiated With Officials, Files Show",
            STORY_EN
        ),
        "Gang Leaders Negotiated With Officials, Files Show"
    );
    assert_eq!(
        title_of(
            "Lo que los pandilleros pidieron al Gobierno",
            "Los pandilleros negociaron con el Gobierno, según los archivos",
            STORY_ES
        ),
        "Los pandilleros negociaron con el Gobierno, según los archivos"
    );
    // A kicker glued to the front of the declared title, or the declared
    // title with a kicker in front of the h1: the declared title.
    assert_eq!(
        title_of(
            "Gang Leaders Negotiated With Officials",
            "El Salvador Gang Leaders Negotiated With Officials",
            STORY_EN
        ),
        "Gang Leaders Negotiated With Officials"
    );
    assert_eq!(
        title_of(
            "Tregua: Los pandilleros negociaron con el Gobierno",
            "Los pandilleros negociaron con el Gobierno",
            STORY_ES
        ),
        "Tregua: Los pandilleros negociaron con el Gobierno"
    );
    // An h1 that shares no words with it (a section's name) is not the
    // headline, nor is a topic banner less than half its length.
    assert_eq!(
        title_of(
            "Gang Leaders Negotiated With Officials",
            "Investigations and Analysis",
            STORY_EN
        ),
        "Gang Leaders Negotiated With Officials"
    );
    assert_eq!(
        title_of(
            "Osiris Luna pactó en las prisiones de El Salvador con las pandillas, según la fiscalía",
            "Prisiones de El Salvador",
            STORY_ES
        ),
        "Osiris Luna pactó en las prisiones de El Salvador con las pandillas, según la fiscalía"
    );
}

#[test]
fn a_panic_while_reading_a_page_is_an_error_for_that_file() {
    let err = normalize(
        PANIC_PROBE,
        Path::new("odd.html"),
        &FurnitureRules::builtin(),
    )
    .expect_err("the probe panics");
    assert!(
        matches!(&err, NormalizeError::Internal(m) if m == "the test's probe page"),
        "{err:?}"
    );
    // The thread goes on reading pages.
    let page = page(
        "",
        &format!("<article><h1>Headline</h1>{STORY_EN}</article>"),
    );
    assert!(run(&page).body.starts_with("Gang leaders"));
}

#[test]
fn the_page_s_statement_of_first_publication_dates_a_republished_copy() {
    let declared = |date: &str| {
        format!(
            "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
             \"datePublished\":\"{date}\"}}</script>"
        )
    };
    // A day stated at the foot of the story beats the copy's metadata.
    let body = format!(
        "<article><h1>Headline here</h1>{STORY_EN}<p><em>This article was originally \
         published on 26 Sep 2019 at 4:12pm but has been updated since.</em></p></article>"
    );
    let a = run(&page(&declared("2022-09-30T10:00:00Z"), &body));
    assert_eq!(a.date, day(2019, 9, 26));
    // The label and the date in sibling elements, Spanish.
    let body = format!(
        "<article><h1>Titular de la nota</h1><p class=nota><span>Publicado originalmente \
         el</span> <time>3 de marzo de 2020</time></p>{STORY_ES}</article>"
    );
    let a = run(&page(&declared("2023-05-02"), &body));
    assert_eq!(a.date, day(2020, 3, 3));
    // A month alone: a declared date outside it dates the copy, not the
    // article, so no date is given; one inside it stands.
    let body = format!(
        "<article><h1>Headline here</h1><p>Originally published in March 2022. Last updated \
         on December 20, 2024.</p>{STORY_EN}</article>"
    );
    assert_eq!(run(&page(&declared("2024-05-24"), &body)).date, None);
    assert_eq!(
        run(&page(&declared("2022-03-15"), &body)).date,
        day(2022, 3, 15)
    );
    // The Guardian's shape, its head stripped: the last change in a
    // `<summary>`, the statement after it in a bare `<span>`.
    let body = format!(
        "<article><h1>Headline here</h1><div><address>Tom Phillips in Mexico City</address>\
         <details><summary><span>Fri 5 Mar 2021 14.12 GMT</span></summary><span>First \
         published on Thu 4 Mar 2021 06.00 GMT</span></details></div>{STORY_EN}</article>"
    );
    assert_eq!(run(&page("", &body)).date, day(2021, 3, 4));
    // The change on the next line is another statement.
    let body = format!(
        "<article><h1>Headline here</h1><p>Originally posted February 2017<br>Edited April \
         2024</p>{STORY_EN}</article>"
    );
    assert_eq!(run(&page(&declared("2022-07-08"), &body)).date, None);
    // The later change named in the same sentence is not the first day.
    let body = format!(
        "<article><h1>Headline here</h1><p>This post was first published in 2017 and \
         updated on July 18, 2025.</p>{STORY_EN}</article>"
    );
    assert_eq!(run(&page(&declared("2025-07-18"), &body)).date, None);
    // A page repeating the words everywhere is not read to its end (each
    // candidate reads its block): past 20 candidates, no statement counts.
    let decoys = "<p>Her novel, originally published in 2013, is back.</p>".repeat(21);
    let body = format!(
        "<article><h1>Headline here</h1>{STORY_EN}{decoys}<p>This article was originally \
         published on 26 Sep 2019.</p></article>"
    );
    let a = run(&page(&declared("2022-09-30"), &body));
    assert_eq!(a.date, day(2022, 9, 30));
    // Words about something else leave the date alone: a book first
    // published, a teaser's line in a related block, a link.
    for aside in [
        "<p>Her novel, originally published on May 3, 2013, is back in print.</p>",
        "<div class=related><p>Originally published on May 3, 2013</p></div>",
        "<p><a href=/x>Originally published on May 3, 2013</a></p>",
    ] {
        let body = format!("<article><h1>Headline here</h1>{STORY_EN}{aside}</article>");
        let a = run(&page(&declared("2022-09-30"), &body));
        assert_eq!(a.date, day(2022, 9, 30), "{aside}");
    }
}

fn page_lang(lang: &str, head: &str, body: &str) -> String {
    format!("<!DOCTYPE html><html lang=\"{lang}\"><head>{head}</head><body>{body}</body></html>")
}

#[test]
fn a_time_the_story_tells_does_not_date_it() {
    let h1 = "<h1>Gangs Negotiated With Officials</h1>";
    let undated = [
        // An event in the story's first sentence.
        format!(
            "<article>{h1}<p>Visits to the prisons resume on <time datetime=\"2023-01-16\">\
             January 16</time> for the families of inmates.</p>{STORY_EN}</article>"
        ),
        // A correction under the story.
        format!(
            "<article>{h1}{STORY_EN}<p><em>Correction, <time datetime=\"2022-06-05\">June 5, \
             2022</time>: an earlier version gave the wrong number of prisoners.</em></p></article>"
        ),
        // A related block with no class, its heading saying what it is.
        format!(
            "<article>{h1}{STORY_EN}<div><h3>You may also like</h3><a href=\"/b\">Prison \
             visits suspended</a> <time datetime=\"2021-03-01\">March 1, 2021</time></div></article>"
        ),
        // Comments with no class.
        format!(
            "<article>{h1}{STORY_EN}<h3>2 comments</h3><div><b>Luis</b> <time \
             datetime=\"2022-06-05\">June 5, 2022</time><p>Thanks for this reporting.</p></div></article>"
        ),
    ];
    for body in &undated {
        let a = run(&page("", body));
        assert_eq!(a.date, None, "{:?} in {body}", a.date_source);
    }
    let h1 = "<h1>Las pandillas negociaron con funcionarios</h1>";
    let undated = [
        format!(
            "<article>{h1}{STORY_ES}<p><em>Fe de erratas (<time datetime=\"2022-06-05\">5 de \
             junio de 2022</time>): una versión anterior daba mal el número de presos.</em></p></article>"
        ),
        // A timeline: several dated items, the first no more the page's.
        format!(
            "<article>{h1}{STORY_ES}<h3>Cronología</h3><ul><li><time datetime=\"2012-03-08\">8 \
             de marzo de 2012</time>: comienza la tregua</li><li><time datetime=\"2014-05-01\">1 \
             de mayo de 2014</time>: se rompe</li></ul></article>"
        ),
    ];
    for body in &undated {
        let a = run(&page_lang("es", "", body));
        assert_eq!(a.date, None, "{:?} in {body}", a.date_source);
    }
    // Controls: the byline's `<time>` under the headline, one in the
    // article's footer or in a block marked as its date line.
    let dated = [
        format!(
            "<article>{h1}<p><time datetime=\"2021-09-08\">8 de septiembre de 2021</time></p>\
             {STORY_ES}</article>"
        ),
        format!(
            "<article>{h1}{STORY_ES}<footer><time datetime=\"2021-09-08\">8 de septiembre de \
             2021</time></footer></article>"
        ),
        format!(
            "<article>{h1}{STORY_ES}<div class=\"post-meta\"><span>Ana Ruiz</span> <time \
             datetime=\"2021-09-08\">8 de septiembre de 2021</time></div></article>"
        ),
    ];
    for body in &dated {
        let a = run(&page_lang("es", "", body));
        assert_eq!(a.date, day(2021, 9, 8), "{:?} in {body}", a.date_source);
    }
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1><p class=\"byline\">By Ana Ruiz, \
         <time datetime=\"2021-09-08\">September 8, 2021</time></p>{STORY_EN}</article>"
    );
    assert_eq!(run(&page("", &body)).date, day(2021, 9, 8));
}

#[test]
fn a_date_told_in_the_first_paragraph_is_no_dateline() {
    let meta = r#"<meta property="article:published_time" content="2022-03-08">"#;
    let h1 = "<h1>Ten Years After the Truce</h1>";
    let openings = [
        "On March 8, 2012, the two gangs agreed to a truce brokered by the church, officials said.",
        "On Thursday, March 8, 2012, the two gangs agreed to a truce brokered by the church.",
        "The ministry's study, first published on 4 May 2019, was ignored by the courts.",
    ];
    for first in openings {
        let body = format!("<article>{h1}<p>{first}</p>{STORY_EN}</article>");
        let a = run(&page(meta, &body));
        assert_eq!(a.date, day(2022, 3, 8), "{:?}: {first}", a.date_source);
        let a = run(&page("", &body));
        assert_eq!(a.date, None, "{:?}: {first}", a.date_source);
    }
    let body = format!(
        "<article><h1>Treinta años de la paz</h1><p>El 16 de enero de 1992, el gobierno y la \
         guerrilla firmaron la paz en México.</p>{STORY_ES}</article>"
    );
    let a = run(&page_lang("es", "", &body));
    assert_eq!(a.date, None, "{:?}", a.date_source);
    // Controls: datelines and bylines, which are no sentences.
    for (lang, line, date) in [
        ("en", "By Ana Ruiz, March 8, 2022", day(2022, 3, 8)),
        (
            "en",
            "Posted by admin on March 8, 2022 at 10:00 a.m.",
            day(2022, 3, 8),
        ),
        (
            "es",
            "Publicado el 8 de marzo de 2022 a las 10:00 a.m.",
            day(2022, 3, 8),
        ),
        ("es", "San Salvador, 8 de marzo de 2022.", day(2022, 3, 8)),
    ] {
        let story = if lang == "es" { STORY_ES } else { STORY_EN };
        let body = format!("<article>{h1}<p>{line}</p>{story}</article>");
        let a = run(&page_lang(lang, "", &body));
        assert_eq!(a.date, date, "{:?}: {line}", a.date_source);
    }
}

#[test]
fn a_paragraph_that_is_only_a_link_to_another_story_is_dropped() {
    let teasers = [
        "<a href=\"/nota/2020/fiscalia-acusa\">Fiscalía acusa a exdirector de penales por pacto con pandillas</a>",
        "► <a href=\"https://example.com/2020/09/penales.html\">Fiscalía acusa a exdirector de penales por pacto con pandillas</a>",
        "<strong><a href=\"/nota/2020/fiscalia-acusa\">Fiscalía acusa a exdirector de penales por pacto con pandillas</a></strong>",
    ];
    for teaser in teasers {
        let body = format!(
            "<article><h1>Las pandillas negociaron con funcionarios</h1>{STORY_ES}<p>{teaser}</p>\
             <p>Los analistas dijeron que las pruebas contradicen al presidente, que niega \
             cualquier pacto con las pandillas.</p></article>"
        );
        let a = run(&page_lang("es", "", &body));
        assert!(!a.body.contains("Fiscalía acusa"), "{teaser}: {}", a.body);
        assert!(a.body.contains("Los analistas dijeron"), "{}", a.body);
    }
    // Controls: a link to the story's source document, a linked sentence.
    let kept = [
        "<a href=\"/files/informe-final.pdf\">Read the final report of the commission</a>",
        "<a href=\"/informe\">Read the final report of the commission (PDF)</a>",
        "<a href=\"/statement\">Click here to read the statement of the ministry.</a>",
    ];
    for link in kept {
        let body = format!(
            "<article><h1>Gangs Negotiated With Officials</h1>{STORY_EN}<p>{link}</p>\
             <p>The ministry did not answer questions about the audio files.</p></article>"
        );
        let a = run(&page("", &body));
        assert!(
            a.body.contains("final report") || a.body.contains("statement of the"),
            "{link}: {}",
            a.body
        );
    }
}

#[test]
fn a_us_spanish_page_reads_an_ambiguous_numeric_date_as_none() {
    let body = |date: &str| {
        format!(
            "<article><h1>Las pandillas negociaron con funcionarios</h1>\
             <p class=\"byline\">Por Ana Ruiz | {date}</p>{STORY_ES}</article>"
        )
    };
    // 03/04/2021 is March 4 on a US site, April 3 elsewhere.
    let a = run(&page_lang("es-US", "", &body("03/04/2021")));
    assert_eq!(a.date, None, "{:?}", a.date_source);
    let a = run(&page_lang("es-US", "", &body("03/24/2021")));
    assert_eq!(a.date, day(2021, 3, 24));
    let a = run(&page_lang("es-SV", "", &body("03/04/2021")));
    assert_eq!(a.date, day(2021, 4, 3));
}

#[test]
fn dated_sentences_of_a_list_leave_the_declared_date() {
    // A changelog under the headline: its entries are sentences with
    // dates; one of them without a sentence's shape must not pass for a
    // dateline that overrules the declaration.
    let meta = r#"<meta property="article:published_time" content="2021-01-18">"#;
    let body = format!(
        "<article><h1>Choosing a Tool</h1><ul><li>Changes<ul>\
         <li>2021-08-09 Explained the steps of the analysis in much more detail.</li>\
         <li>2022-04-12 Link to another guide</li>\
         <li>2023-06-12 Added further arguments for writing down requirements.</li>\
         </ul></li></ul>{STORY_EN}</article>"
    );
    let a = run(&page(meta, &body));
    assert_eq!(a.date, day(2021, 1, 18), "{:?}", a.date_source);
}

#[test]
fn a_time_labelled_published_under_the_story_dates_it() {
    let body = format!(
        "<article><h1>Gangs Negotiated With Officials</h1>{STORY_EN}<div><div><h4>Published</h4> \
         <time datetime=\"2018-11-15T12:00:00Z\">15 November 2018</time></div><div><h4>Reviewed</h4> \
         <time datetime=\"2020-10-08T12:00:00Z\">8 October 2020</time></div></div></article>"
    );
    let a = run(&page("", &body));
    assert_eq!(a.date, day(2018, 11, 15), "{:?}", a.date_source);
}

#[test]
fn a_run_of_linked_paragraphs_is_a_list_the_story_gives() {
    let body = format!(
        "<article><h1>Books for Beginners</h1>{STORY_EN}\
         <p><a href=\"/b/1\">The Handbook of Prison Reform by Ana Ruiz</a></p>\
         <p><a href=\"/b/2\">An Atlas of Central American Gangs by Luis Soto</a></p>\
         <p>Both are in the public library of San Salvador.</p></article>"
    );
    let a = run(&page("", &body));
    assert!(
        a.body.contains("The Handbook of Prison Reform"),
        "{}",
        a.body
    );
    assert!(
        a.body.contains("An Atlas of Central American Gangs"),
        "{}",
        a.body
    );
}

#[test]
fn a_digest_of_linked_items_each_with_its_summary_is_kept() {
    // A round-up: each item's linked headline, then its summary. Linked
    // paragraphs that recur through the story are its structure.
    let item = |n: usize, headline: &str| {
        format!(
            "<p><a href=\"/news/{n}\">{headline}</a></p>\
             <p>The deal was announced on Monday and is expected to close within the year, the companies said in a joint statement.</p>"
        )
    };
    let body = format!(
        "<article><h1>This Week in Security Deals</h1>{STORY_EN}{}{}{}</article>",
        item(
            1,
            "Ridgeline Partners to take Ostrava private after acquisition"
        ),
        item(2, "Northwind to acquire Keyline in an all-cash deal"),
        item(3, "Harbor Labs acquires Eden Signal for its threat data"),
    );
    let a = run(&page("", &body));
    for headline in [
        "Ridgeline Partners",
        "Northwind to acquire",
        "Harbor Labs acquires",
    ] {
        assert!(a.body.contains(headline), "{headline}: {}", a.body);
    }
}

#[test]
fn a_site_name_before_the_headline_is_not_the_title() {
    // The head is the declared site: the tail is the headline.
    let declared = run(&page(
        "<title>The Harbour Ledger | Mayor fires police chief</title>\
         <meta property=\"og:site_name\" content=\"The Harbour Ledger\">",
        STORY_EN,
    ));
    assert_eq!(declared.title, "Mayor fires police chief");
    let es = run(&page(
        "<title>Diario del Puerto | Destituyen al director de la policía</title>\
         <meta property=\"og:site_name\" content=\"Diario del Puerto\">",
        STORY_ES,
    ));
    assert_eq!(es.title, "Destituyen al director de la policía");
    // No site declared: a tail worded as a headline is not cut as the
    // site's name (the whole title stays: "BUDGET 3.0 | Headline" and
    // "Headline | Section" look the same).
    let undeclared = run(&page(
        "<title>The Harbour Ledger | Mayor fires police chief</title>",
        STORY_EN,
    ));
    assert_eq!(
        undeclared.title,
        "The Harbour Ledger | Mayor fires police chief"
    );
    // The usual "Headline | Site" keeps losing its site.
    let suffix = run(&page(
        "<title>Mayor fires the police chief of the port | The Harbour Ledger</title>",
        STORY_EN,
    ));
    assert_eq!(suffix.title, "Mayor fires the police chief of the port");
}

#[test]
fn a_print_view_is_titled_by_its_headline() {
    for (label, headline) in [
        (
            "Versión para imprimir",
            "Destituyen al director de la policía",
        ),
        ("Printer friendly version", "Mayor fires police chief"),
    ] {
        let a = run(&page(
            &format!("<title>{label}</title>"),
            &format!("<h2>{headline}</h2>{STORY_ES}"),
        ));
        assert_eq!(a.title, headline);
    }
}

#[test]
fn a_date_in_the_headline_or_an_event_kicker_is_not_the_date() {
    let headline = run(&page(
        "<title>x</title>",
        &format!("<article><h1>March 26, 2022: the day the port closed</h1>{STORY_EN}</article>"),
    ));
    assert_eq!(headline.date, None);
    let kicker = run(&page(
        "<title>x</title>",
        &format!(
            "<article><p class=\"kicker\">Régimen de excepción, día 1: 27 de marzo de 2022</p>\
             <h1>Las capturas del primer día</h1>{STORY_ES}</article>"
        ),
    ));
    assert_eq!(kicker.date, None);
    // A plain date line under the headline still dates it.
    let dated = run(&page(
        "<title>x</title>",
        &format!("<article><h1>Las capturas del primer día</h1><p>27 de marzo de 2022</p>{STORY_ES}</article>"),
    ));
    assert_eq!(dated.date, day(2022, 3, 27));
}

#[test]
fn a_timeline_keeps_its_dated_headings() {
    let a = run(&page(
        "<title>Timeline of the truce</title>",
        "<article><h1>Timeline of the truce</h1>\
         <h2>March 8, 2012</h2><p>Gang leaders were moved to lower security prisons, \
         the first step of a truce that officials denied for weeks afterwards.</p>\
         <h2>April 14, 2012</h2><p>The country recorded its first day without a murder \
         in years, and the government credited its own security policy for it.</p>\
         <h2>May 2, 2013</h2><p>The truce began to fall apart as murders rose again in \
         several departments of the country, according to police figures.</p></article>",
    ));
    assert_eq!(a.date, None);
    assert!(a.body.starts_with("March 8, 2012"), "{}", a.body);
}

#[test]
fn copy_dates_are_not_publication_dates_in_html() {
    let a = run(&page(
        "<title>Las capturas del primer día</title>",
        &format!(
            "<article><h1>Las capturas del primer día</h1>\
             <p class=\"meta\">Impreso el 1 de mayo de 2024</p>{STORY_ES}</article>"
        ),
    ));
    assert_eq!(a.date, None);
}

#[test]
fn inline_teasers_of_other_stories_are_dropped() {
    for label in [
        "Más noticias:",
        "Lea además:",
        "También puedes leer:",
        "Recomendado:",
        "Lee:",
        "Relacionado:",
        "LEA TAMBIÉN |",
        "Contenido relacionado:",
        "Noticia relacionada:",
        "Read also »",
        "Related:",
        "Lee también",
    ] {
        let a = run(&page(
            "<title>x</title>",
            &format!(
                "<article><h1>Las capturas del primer día</h1>{STORY_ES}\
                 <p>{label} <a href=\"/otra\">Un exministro reaparece en público tras dos años</a></p>\
                 <p>La fiscalía no respondió a las preguntas de este periódico sobre el caso.</p></article>"
            ),
        ));
        assert!(!a.body.contains("exministro"), "{label}: {}", a.body);
        assert!(a.body.contains("La fiscalía no respondió"), "{label}");
    }
    // A paragraph that is only a link, or a sentence with a link, stays.
    let a = run(&page(
        "<title>x</title>",
        &format!(
            "<article><h1>Las capturas del primer día</h1>{STORY_ES}\
             <p><a href=\"/doc\">El informe completo de la fiscalía sobre el caso</a></p>\
             <p>El ministro dijo que <a href=\"/otra\">las capturas seguirán este año</a></p></article>"
        ),
    ));
    assert!(a.body.contains("El informe completo"), "{}", a.body);
    assert!(a.body.contains("El ministro dijo"), "{}", a.body);
}

#[test]
fn spanish_furniture_bios_shares_and_channel_appeals_are_dropped() {
    let a = run(&page(
        "<title>x</title>",
        &format!(
            "<article><h1>Las capturas del primer día</h1>{STORY_ES}\
             <p>Comparte esta nota: Facebook Twitter WhatsApp</p>\
             <p>📲 Únete a nuestro canal de WhatsApp y recibe las noticias del día en tu teléfono</p>\
             <p>Síguenos en Telegram, Instagram y TikTok para más noticias sobre el país y el mundo.</p>\
             <p>FOTO DE ARCHIVO: El ministro habla en una conferencia en San Salvador, 1 de junio de 2019.</p>\
             <div class=\"autor-bio\"><p>Juan Pérez es periodista y cubre temas de seguridad desde \
             2010, incluida la tregua entre pandillas.</p></div></article>"
        ),
    ));
    for furniture in [
        "Comparte",
        "Únete",
        "Síguenos",
        "FOTO DE ARCHIVO",
        "Juan Pérez",
    ] {
        assert!(!a.body.contains(furniture), "{furniture}: {}", a.body);
    }
    assert!(a.body.contains("trasladaron a sus rivales"));
}

#[test]
fn a_web_address_is_no_title_and_a_snapshot_gives_the_archived_url() {
    let story = "<article><p>President Nayib Bukele dismissed the head of the national police on Tuesday, the presidency said in a statement, without giving a reason for the decision.</p>\
        <p>The move comes as the government extends its campaign against the gangs into its third year, with thousands still held without charge.</p></article>";
    let a = run(&page(
        "<title>https://www.example-news.com/news/2023/bukele-fires-police-chief</title>",
        story,
    ));
    assert!(!a.title.contains("example-news"), "{}", a.title);
    let a = run(&page(
        "<title>Bukele fires police chief</title>\
         <link rel=\"canonical\" href=\"https://web.archive.org/web/20240115093012/https://www.example-news.com/news/bukele\">",
        story,
    ));
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.example-news.com/news/bukele")
    );
}

/// A `WebPage` or `VideoObject` block before the `NewsArticle` block has a
/// date of its own (the site's, the video's): the article's wins, as it does
/// inside one `@graph`.
#[test]
fn the_article_json_ld_block_dates_the_page_over_earlier_blocks() {
    let article = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\
        \"headline\":\"Capturan a cabecillas\",\"datePublished\":\"2023-05-02T08:00:00-06:00\"}</script>";
    for first in [
        "{\"@type\":\"WebPage\",\"name\":\"Diario\",\"datePublished\":\"2019-06-01T00:00:00-06:00\"}",
        "{\"@type\":\"VideoObject\",\"name\":\"Video\",\"uploadDate\":\"2018-01-01\",\"datePublished\":\"2018-01-01\"}",
    ] {
        let a = run(&page(
            &format!(
                "<title>Capturan a cabecillas</title>\
                 <script type=\"application/ld+json\">{first}</script>{article}"
            ),
            &format!("<article><h1>Capturan a cabecillas</h1>{STORY_ES}</article>"),
        ));
        assert_eq!(a.date, day(2023, 5, 2), "{first}");
        assert_eq!(a.date_source.as_deref(), Some("json-ld datePublished"));
    }
    // An earlier block's date one UTC day off the article's is the same
    // moment seen from another zone: it stands, as before.
    let a = run(&page(
        "<title>Capturan a cabecillas</title>\
         <script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\",\
         \"datePublished\":\"2023-05-18T04:39:05+00:00\"}]}</script>\
         <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\
         \"datePublished\":\"2023-05-17T00:00:00+0000\"}</script>",
        &format!("<article><h1>Capturan a cabecillas</h1>{STORY_ES}</article>"),
    ));
    assert_eq!(a.date, day(2023, 5, 18));
}

/// Two article objects that give different days contradict each other: no
/// date (README: a contradiction the rules cannot settle gives `null`);
/// one that names the page's own address settles it, and two that agree
/// (a UTC stamp of the same moment) date the page.
#[test]
fn article_json_ld_blocks_that_disagree_leave_the_page_undated() {
    let ld = |a: &str, b: &str| {
        format!(
            "<title>Capturan a red de extorsionistas</title>\
             <link rel=\"canonical\" href=\"https://diario.example/nacionales/red-extorsionistas\">\
             <script type=\"application/ld+json\">{a}</script>\
             <script type=\"application/ld+json\">{b}</script>"
        )
    };
    let body = format!(
        "<main><article><h1>Capturan a red de extorsionistas</h1>{STORY_ES}</article></main>"
    );
    let a = run(&page(
        &ld(
            "{\"@type\":\"NewsArticle\",\"datePublished\":\"2021-03-10\"}",
            "{\"@type\":\"NewsArticle\",\"datePublished\":\"2019-11-20\"}",
        ),
        &body,
    ));
    assert_eq!(a.date, None, "{:?}", a.date_source);
    let a = run(&page(
        &ld(
            "{\"@type\":\"NewsArticle\",\"url\":\"https://diario.example/nacionales/otra\",\"datePublished\":\"2021-03-10\"}",
            "{\"@type\":\"NewsArticle\",\"url\":\"https://diario.example/nacionales/red-extorsionistas/\",\"datePublished\":\"2019-11-20\"}",
        ),
        &body,
    ));
    assert_eq!(a.date, day(2019, 11, 20));
    let a = run(&page(
        &ld(
            "{\"@type\":\"NewsArticle\",\"datePublished\":\"2021-03-10T22:30:00-06:00\"}",
            "{\"@type\":\"Article\",\"datePublished\":\"2021-03-11T04:30:00Z\"}",
        ),
        &body,
    ));
    assert_eq!(a.date, day(2021, 3, 10));
}

/// A related story's microdata date, in a sidebar before the story or a
/// list after it, is that story's; the page's own article item dates it.
#[test]
fn a_related_items_microdata_date_is_not_the_pages() {
    let item = |href: &str, d: &str| {
        format!(
            "<div itemscope itemtype=\"https://schema.org/NewsArticle\">\
             <a itemprop=\"url\" href=\"{href}\"><span itemprop=\"headline\">Otra nota de pandillas</span></a>\
             <meta itemprop=\"datePublished\" content=\"{d}\"></div>"
        )
    };
    let story = format!("<article><h1>Detienen a tesorero de la pandilla</h1>{STORY_ES}</article>");
    let sidebar = format!(
        "<aside class=\"sidebar\"><h3>Más noticias</h3>{}{}</aside>{story}",
        item("/otra", "2016-02-10"),
        item("/otra2", "2016-03-11")
    );
    let after = format!(
        "{story}<div class=\"related\">{}</div>",
        item("/otra", "2016-02-10")
    );
    for body in [sidebar, after] {
        let a = run(&page(
            "<title>Detienen a tesorero de la pandilla</title>",
            &body,
        ));
        assert_eq!(a.date, None, "{:?}", a.date_source);
    }
    let own = run(&page(
        "<title>Detienen a tesorero de la pandilla</title>",
        &format!(
            "<article itemscope itemtype=\"https://schema.org/NewsArticle\">\
             <meta itemprop=\"datePublished\" content=\"2022-07-19\">\
             <h1>Detienen a tesorero de la pandilla</h1>{STORY_ES}</article>\
             <div class=\"related\">{}</div>",
            item("/otra", "2016-02-10")
        ),
    ));
    assert_eq!(own.date, day(2022, 7, 19));
}

/// A canonical link to the site's home page (a CMS misconfiguration) gives
/// way to the `og:url` that names the story, and the date in its path.
#[test]
fn a_canonical_home_page_gives_way_to_the_storys_address() {
    let a = run(&page(
        "<title>Detienen a tesorero de la pandilla en Chalatenango</title>\
         <link rel=\"canonical\" href=\"https://diario.example/\">\
         <meta property=\"og:url\" content=\"https://diario.example/nacionales/2022/07/19/tesorero-pandilla\">",
        &format!("<article><h1>Detienen a tesorero de la pandilla en Chalatenango</h1>{STORY_ES}</article>"),
    ));
    assert_eq!(
        a.url.as_deref(),
        Some("https://diario.example/nacionales/2022/07/19/tesorero-pandilla")
    );
    assert_eq!(a.date, day(2022, 7, 19));
    // With nothing better, the home page is still what the page declares.
    let a = run(&page(
        "<title>Detienen a tesorero</title><link rel=\"canonical\" href=\"https://diario.example/\">",
        &format!("<article><h1>Detienen a tesorero</h1>{STORY_ES}</article>"),
    ));
    assert_eq!(a.url.as_deref(), Some("https://diario.example/"));
}

/// The article's own `lang` is more specific than the template's
/// `<html lang>`; head declarations that disagree are settled by the text.
#[test]
fn the_articles_own_language_declaration_wins() {
    let a = run(&format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Capturan a cabecillas</title></head>\
         <body><nav><a href=\"/\">Home</a></nav><article lang=\"es\"><h1>Capturan a cabecillas</h1>{STORY_ES}</article></body></html>"
    ));
    assert_eq!(a.language, "es");
    assert_eq!(a.language_source, "element lang");
    let a = run(&format!(
        "<!DOCTYPE html><html lang=\"en-US\"><head><title>Capturan a cabecillas</title>\
         <meta property=\"og:locale\" content=\"es_LA\"></head>\
         <body><article><h1>Capturan a cabecillas</h1>{STORY_ES}</article></body></html>"
    ));
    assert_eq!(a.language, "es");
    assert_eq!(a.language_source, "og:locale");
    // Declarations that agree stand, whatever the text.
    let a = run(&format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Capturan a cabecillas</title>\
         <meta property=\"og:locale\" content=\"en_US\"></head>\
         <body><article><h1>Capturan a cabecillas</h1>{STORY_ES}</article></body></html>"
    ));
    assert_eq!(a.language, "en");
}

/// A top bar's "Hoy es martes 14 de marzo de 2023" is the day the page was
/// viewed or saved, not the day the story appeared.
#[test]
fn todays_date_in_a_top_bar_does_not_date_the_page() {
    for bar in [
        "Hoy es martes 14 de marzo de 2023",
        "Fecha de hoy: 14 de marzo de 2023",
    ] {
        let a = run(&format!(
            "<!DOCTYPE html><html lang=\"es\"><head><title>Capturan a cabecilla</title></head>\
             <body><div class=\"topbar\">{bar}</div><h1>Capturan a cabecilla</h1>{STORY_ES}</body></html>"
        ));
        assert_eq!(a.date, None, "{bar}: {:?}", a.date_source);
    }
    let a = run(&format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Gang leader arrested</title></head>\
         <body><div class=\"topbar\">Today is Tuesday, March 14, 2023</div><h1>Gang leader arrested</h1>{STORY_EN}</body></html>"
    ));
    assert_eq!(a.date, None, "{:?}", a.date_source);
}

/// A single `<br>` inside a sentence is a line break, not a paragraph's
/// end: the name it splits stays whole. Two in a row, or one after a full
/// stop, still end a paragraph.
#[test]
fn a_line_break_inside_a_sentence_is_no_paragraph_break() {
    let a = run(&page(
        "<title>Director de penales anuncia traslados</title>",
        &format!(
            "<article><h1>Director de penales anuncia traslados</h1>\
             <p>El director anunció traslados masivos. La Mara<br>Salvatrucha rechazó la medida \
             y pidió a sus miembros guardar silencio en los penales del país.</p>{STORY_ES}\
             <p>Primera línea del comunicado oficial.<br>Segunda línea del comunicado oficial de la \
             policía.</p><p>Un párrafo de la nota antigua<br><br>y otro párrafo separado por dos saltos.</p>\
             <p>Traducción de Ana Ruiz<br>Fuente: agencia EFE y medios locales de la capital</p></article>"
        ),
    ));
    assert!(a.body.contains("La Mara Salvatrucha rechazó"), "{}", a.body);
    assert!(a.body.contains("oficial.\n\nSegunda línea"), "{}", a.body);
    assert!(a.body.contains("antigua\n\ny otro"), "{}", a.body);
    assert!(!a.body.contains("Ruiz Fuente"), "{}", a.body);
}

/// A page whose tags would take gigabytes as a DOM is read as text by the
/// tokenizer alone: its story is indexed, its date left unknown (the
/// flattened page's dates could be anyone's).
#[test]
fn a_page_too_heavy_for_the_dom_is_read_as_text() {
    let story = "<p>La policía capturó a doce miembros de la MS13 en San Salvador.</p>";
    let table = "<tr><td>1</td><td>2</td></tr>".repeat(400_000);
    let html = format!(
        "<html><head><title>Capturas en San Salvador</title>\
         <meta property=\"article:published_time\" content=\"2021-09-08\"></head>\
         <body><nav>Inicio</nav><p>Publicado el 9 de septiembre de 2021</p>{story}\
         <table>{table}</table></body></html>"
    );
    assert!(reading_weight(html.as_bytes()) > MAX_DOM_WEIGHT);
    let a = run(&html);
    assert_eq!(a.title, "Capturas en San Salvador");
    assert!(a
        .title_source
        .as_deref()
        .unwrap_or("")
        .contains("read as text"));
    assert!(a
        .body
        .contains("La policía capturó a doce miembros de la MS13"));
    assert!(!a.body.contains("Inicio"));
    assert_eq!(a.date, None);
    // The same story in a page of ordinary weight is read as a page.
    let light = run(&format!(
        "<html><head><title>Capturas en San Salvador</title></head><body>{story}</body></html>"
    ));
    assert_eq!(light.title_source.as_deref(), Some("title"));
}

/// archive.today rewrites a saved page's head: its published time is the
/// capture's and its canonical its own short link. Neither is the story's.
#[test]
fn an_archive_today_copy_is_not_dated_by_its_capture() {
    let head = "<title>Traslado de reos | Diario</title>\
        <meta property=\"og:site_name\" content=\"archive.ph\">\
        <meta property=\"og:url\" content=\"https://archive.ph/Qw3rT\">\
        <meta property=\"article:published_time\" itemprop=\"datePublished\" \
        content=\"2024-01-16T09:15:02Z\">\
        <link rel=\"canonical\" href=\"https://archive.ph/Qw3rT\">";
    let a = run(&page(
        head,
        &format!("<article><h1>Traslado de reos</h1>{STORY_ES}</article>"),
    ));
    assert_eq!(a.date, None, "{:?}", a.date_source);
    assert_eq!(a.url, None);
    // The same head with the publisher's own site and address is trusted.
    let own = head.replace("archive.ph\"", "Diario\"").replace(
        "https://archive.ph/Qw3rT",
        "https://diario.example/traslado",
    );
    let a = run(&page(
        &own,
        &format!("<article><h1>Traslado de reos</h1>{STORY_ES}</article>"),
    ));
    assert_eq!(a.date, day(2024, 1, 16));
    assert_eq!(a.url.as_deref(), Some("https://diario.example/traslado"));
}

/// The address an MHTML or web archive records is unwrapped as a page's
/// own declarations are: a Wayback snapshot's gives the story's address.
#[test]
fn a_page_saved_from_an_archive_gets_the_story_address() {
    let html = page("<title>Traslado</title>", STORY_EN);
    let inner = "https://diario.example/2020/01/06/traslado";
    let saved = |from: &str| {
        normalize_saved(
            html.as_bytes(),
            Path::new("p.html"),
            &FurnitureRules::builtin(),
            Some(from),
        )
        .expect("normalizes")
    };
    let a = saved(&format!(
        "https://web.archive.org/web/20240116091502/{inner}"
    ));
    assert_eq!(a.url.as_deref(), Some(inner));
    assert_eq!(a.date, day(2020, 1, 6));
    assert_eq!(saved("https://archive.ph/Qw3rT").url, None);
}

/// A heading that starts like a related block but goes on with the
/// story's own words ("Tendencias y gustos", "Comentarios del fiscal"), or
/// a bare "Tendencias" over paragraphs, is a section of the story: what
/// follows it is prose, not headlines or links. Comments and a biography
/// are prose too, and still end the story.
#[test]
fn a_related_looking_subheading_over_prose_is_the_storys() {
    let last = "El director de Centros Penales, Osiris Luna, aseguró que los detenidos \
        serán trasladados al penal de Tecoluca esta misma semana.";
    let first = "La Fiscalía presentó este lunes la acusación formal contra cuarenta y dos \
        miembros de la pandilla señalados de extorsionar a transportistas.";
    for heading in [
        "Tendencias y gustos",
        "Tendencias",
        "Comentarios del fiscal",
        "Relacionados con la MS13",
        "Más información del caso",
        "Lo más visto en el juicio",
        "Related coverage of the trial",
    ] {
        let text = format!("Acusan a 42 pandilleros\n\n{first}\n\n{heading}\n\n{last}\n");
        let a = run_bytes(text.as_bytes(), "nota.txt");
        assert!(
            a.body.ends_with("esta misma semana."),
            "{heading}: {}",
            a.body
        );
        let html = page(
            "",
            &format!(
                "<article><h1>Acusan</h1><p>{first}</p><h2>{heading}</h2><p>{last}</p></article>"
            ),
        );
        let a = run(&html);
        assert!(
            a.body.ends_with("esta misma semana."),
            "{heading}: {}",
            a.body
        );
        assert!(a.body.contains(heading), "{heading}: {}", a.body);
    }
    // Over headlines and links, the same headings still end the story.
    for heading in ["Tendencias", "Relacionados con la MS13", "Lo más visto"] {
        let text = format!(
            "Acusan a 42 pandilleros\n\n{first}\n\n{heading}\n\n\
             Bukele ordena cerco militar en Soyapango\n\nOtra captura en Apopa\n"
        );
        let a = run_bytes(text.as_bytes(), "nota.txt");
        assert!(a.body.ends_with("transportistas."), "{heading}: {}", a.body);
        let html = page(
            "",
            &format!(
                "<article><h1>Acusan</h1><p>{first}</p><h2>{heading}</h2>\
                 <p><a href=/a>Bukele ordena cerco militar en Soyapango</a></p>\
                 <p><a href=/b>Otra captura en Apopa</a></p></article>"
            ),
        );
        let a = run(&html);
        assert!(!a.body.contains("Soyapango"), "{heading}: {}", a.body);
    }
    // Readers' comments and a biography are sentences, and not the story.
    for heading in [
        "Comentarios",
        "Comments (12)",
        "Sobre el autor",
        "About the author",
    ] {
        let text = format!("Acusan a 42 pandilleros\n\n{first}\n\n{heading}\n\n{last}\n");
        let a = run_bytes(text.as_bytes(), "nota.txt");
        assert!(a.body.ends_with("transportistas."), "{heading}: {}", a.body);
    }
}

/// A scrape or page saved decomposed (macOS: "i" and U+0301) meets the
/// same furniture rules as one saved composed: its related list goes.
#[test]
fn decomposed_text_meets_the_furniture_rules() {
    let story = "La policía capturó a doce pandilleros en un operativo nocturno en el oriente \
        del país, informaron las autoridades este lunes.";
    let text = format!(
        "Capturan a doce pandilleros\n\n{story}\n\nArti\u{301}culos relacionados\n\n\
         - Bukele anuncia nueva fase del plan\n- Otra captura en Apopa\n"
    );
    let a = run_bytes(text.as_bytes(), "nota.txt");
    assert!(a.body.ends_with("este lunes."), "{}", a.body);
    let html = page(
        "",
        &format!(
            "<article><h1>Capturan</h1><p>{story}</p><h2>Arti\u{301}culos relacionados</h2>\
             <ul><li><a href=/a>Bukele anuncia nueva fase del plan</a></li>\
             <li><a href=/b>Otra captura en Apopa</a></li></ul></article>"
        ),
    );
    let a = run(&html);
    assert!(a.body.ends_with("este lunes."), "{}", a.body);
}

/// A scrape's related block opened by a label with a colon ("Te puede
/// interesar:") over a list is cut, though the label alone is a line to
/// drop: its headlines name people the story does not.
#[test]
fn a_related_label_over_a_list_ends_a_scrape() {
    for label in [
        "Te puede interesar:",
        "Lea también:",
        "Read more:",
        "See also:",
    ] {
        let text = format!(
            "Capturan a doce pandilleros\n\nLa policía capturó a doce pandilleros en un \
             operativo nocturno en el oriente del país, informaron las autoridades.\n\n\
             El caso pasará a la fiscalía en las próximas horas.\n\n{label}\n\n\
             * Osiris Luna traslada reos de la MS-13 (2 de enero de 2020)\n\
             * Bukele ordena cerco militar en Soyapango\n"
        );
        let a = run_bytes(text.as_bytes(), "nota.txt");
        assert!(a.body.ends_with("próximas horas."), "{label}: {}", a.body);
    }
    // The label before one teaser inside the story drops only the label.
    let text = "Capturan a doce pandilleros\n\nLa policía capturó a doce pandilleros en un \
        operativo nocturno en el oriente del país.\n\nLea también:\n\nOtra nota sobre el tema\n\n\
        El caso pasará a la fiscalía en las próximas horas.\n";
    let a = run_bytes(text.as_bytes(), "nota.txt");
    assert!(a.body.ends_with("próximas horas."), "{}", a.body);
}

/// A fact's line under the headline ("Born: March 29, 1990", "Extradited
/// Jan. 19, 2017") or a life's span ("Jan. 3, 2003 – Sept. 13, 2016")
/// tells what happened on its dates: neither dates the story, nor
/// overrules the page's declared date, and a scrape keeps the line.
#[test]
fn a_fact_line_or_a_span_under_the_headline_is_no_dateline() {
    let story = "Prosecutors said the gang used machetes and knives in the attacks, and that \
        members were ordered by leaders in El Salvador to increase the number of killings.";
    for line in [
        "Born: March 29, 1990",
        "Arrested: Jan. 5, 2023",
        "Trial date: Nov. 5, 2018",
        "Extradited Jan. 19, 2017",
        "Jan. 3, 2003 – Sept. 13, 2016",
        "Aug. 2, 1959 – March 1, 2021",
        "Detenido el 5 de enero de 2023",
    ] {
        let text = format!("Ovidio Guzmán, the son of El Chapo\n\n{line}\n\n{story}\n");
        let a = run_bytes(text.as_bytes(), "s.txt");
        assert_eq!(a.date, None, "{line}");
        assert!(a.body.starts_with(line), "{line}: {}", a.body);
        let html = page(
            r#"<meta property="article:published_time" content="2023-02-10T10:00:00-05:00">"#,
            &format!("<article><h1>Ovidio Guzmán</h1><p>{line}</p><p>{story}</p></article>"),
        );
        assert_eq!(run(&html).date, day(2023, 2, 10), "{line}");
    }
    // A date line's own labels still date it.
    for (line, date) in [
        ("Fecha: 25/03/2021", day(2021, 3, 25)),
        ("Date: March 5, 2021", day(2021, 3, 5)),
        ("Published March 3, 2021", day(2021, 3, 3)),
    ] {
        let text = format!("Capturan a doce pandilleros\n\n{line}\n\n{story}\n");
        assert_eq!(run_bytes(text.as_bytes(), "s.txt").date, date, "{line}");
    }
}

/// An author link credits the article's writer only outside pictures and
/// lists of other stories, which name their own.
#[test]
fn an_author_link_in_a_caption_or_a_related_list_is_not_the_authors() {
    let story = format!(
        "<p>{}</p>",
        "Prosecutors said the gang used machetes. ".repeat(8)
    );
    for extra in [
        r#"<figure><img src=a.jpg><figcaption>Photo by <a rel="author" href="/p">Pat Photog</a></figcaption></figure>"#,
        r#"<section class="related-posts"><h3>Related</h3><a href="/x">Zetas remnant rebuilds</a> by <a href="/author/rc" rel="author">Rick Columnist</a></section>"#,
        r#"<aside><a href="/x">Another story</a> by <a rel="author" href="/a">Ann Other</a></aside>"#,
    ] {
        let html = page(
            "",
            &format!("<article><h1>Gulf Cartel leader arrested</h1>{extra}{story}</article>"),
        );
        assert_eq!(run(&html).author, None, "{extra}");
    }
    let html = page(
        "",
        &format!(
            r#"<article><h1>Gulf Cartel leader arrested</h1><p class="byline">By <a rel="author" href="/a">Jane Smith</a></p>{story}</article>"#
        ),
    );
    assert_eq!(run(&html).author.as_deref(), Some("Jane Smith"));
}

/// A press release copied as text opens with its issuer and its mark: the
/// headline comes after them, and the date line under the mark dates it.
#[test]
fn a_press_releases_issuer_is_not_its_headline() {
    let story = "A leader of the transnational criminal organization La Mara Salvatrucha, also \
        known as MS-13, was sentenced today to life in prison for racketeering conspiracy.";
    let text = format!(
        "Department of Justice\nOffice of Public Affairs\n\nFOR IMMEDIATE RELEASE\n\
         Tuesday, March 15, 2022\n\nMS-13 Leader Sentenced to Life in Prison\n\n{story}\n"
    );
    let a = run_bytes(text.as_bytes(), "release.txt");
    assert_eq!(a.title, "MS-13 Leader Sentenced to Life in Prison");
    assert_eq!(a.date, day(2022, 3, 15));
    assert!(a.body.starts_with("A leader"), "{}", a.body);
    let text = format!("Comunicado de prensa\n\nCapturan a 42 pandilleros\n\n{story}\n");
    assert_eq!(
        run_bytes(text.as_bytes(), "c.txt").title,
        "Capturan a 42 pandilleros"
    );
    // A mark deep in the story is the story's.
    let text = format!(
        "Capturan a 42 pandilleros\n\n{story}\n\n{story}\n\n{story}\n\n{story}\n\n\
                        {story}\n\nPress release\n\nThe end.\n"
    );
    assert_eq!(
        run_bytes(text.as_bytes(), "c.txt").title,
        "Capturan a 42 pandilleros"
    );
}

/// Copying a page glues its spans: "Published March 3, 2021Updated March
/// 5, 2021" is the publication date, then the update's.
#[test]
fn a_publication_date_glued_to_the_update_label_is_read() {
    let story = "Prosecutors said the gang used machetes and knives in the attacks, and that \
        members were ordered by leaders in El Salvador to increase the number of killings.";
    for line in [
        "Published March 3, 2021Updated March 5, 2021, 4:12 p.m. ET",
        "March 3, 2021Updated March 5, 2021",
    ] {
        let text = format!("Inside the fentanyl labs\n\n{line}\n\n{story}\n");
        assert_eq!(
            run_bytes(text.as_bytes(), "s.txt").date,
            day(2021, 3, 3),
            "{line}"
        );
    }
}

/// A correction's or a later change's date is never the publication date.
#[test]
fn correction_and_modification_dates_do_not_date_a_story() {
    for line in [
        "Última modificación: 12.09.2021",
        "Ultima modificacion: 12.09.2021",
        "Corregido: 12.09.2021",
        "Corrected: September 12, 2021",
        "Act.: 12.09.2021",
        "12 de septiembre de 2021 (actualizado)",
        "12.09.2021 — actualizado",
    ] {
        let text = format!(
            "Capturan a doce pandilleros\n\n{line}\n\nLa policía capturó a doce pandilleros \
             en un operativo nocturno en el oriente del país, informaron las autoridades."
        );
        assert_eq!(run_bytes(text.as_bytes(), "nota.txt").date, None, "{line}");
        let html = page(
            "<title>Capturan a doce pandilleros</title>",
            &format!(
                "<article><h1>Capturan a doce pandilleros</h1><p>{line}</p>\
                 <p>La policía capturó a doce pandilleros en un operativo nocturno en el \
                 oriente del país, informaron las autoridades este martes.</p></article>"
            ),
        );
        assert_eq!(run(&html).date, None, "{line}");
    }
    // The first of two dates is the publication's, the label after it
    // introducing the second.
    let text = "Capturan a doce pandilleros\n\n12 de septiembre de 2021, actualizado el 13 de \
        septiembre de 2021\n\nLa policía capturó a doce pandilleros en un operativo nocturno.";
    assert_eq!(
        run_bytes(text.as_bytes(), "nota.txt").date,
        day(2021, 9, 12)
    );
}

/// A letter or a ruling quoted after a short story brings its own date
/// line: it dates the quoted document, not the page.
#[test]
fn a_quoted_documents_date_line_does_not_date_the_page() {
    for quote in [
        "<p>San Salvador, May 4, 2020</p><p>Dear Director Luna, I write to request a visit.</p>",
        "<p>Fecha: 04/05/2020</p><p>Se resuelve trasladar a los internos.</p>",
    ] {
        let body = format!(
            "<article><h1>Prison chief receives a letter</h1>\
             <p>The mediator wrote to the prison chief about the transfers.</p>\
             <p>Neither the mediator nor the directorate answered requests for comment.</p>\
             <blockquote>{quote}</blockquote></article>"
        );
        let a = run(&page(
            "<title>Prison chief receives a letter</title>",
            &body,
        ));
        assert_eq!(a.date, None, "{quote}: {:?}", a.date_source);
    }
}

/// What conversion tools put on a scrape's first line is not its headline:
/// a copied Wayback page's banner, Markdown's `# `, newspaper3k's `Title: `.
#[test]
fn a_tools_marks_on_the_first_line_are_not_the_headline() {
    let story = "La policía capturó a doce pandilleros en un operativo nocturno en el oriente \
        del país, informaron las autoridades este martes.";
    for first in [
        "The Wayback Machine - https://web.archive.org/web/20211015082233/https://diario.example/nota\n\nCapturan a doce pandilleros",
        "# Capturan a doce pandilleros",
        "Title: Capturan a doce pandilleros",
    ] {
        let text = format!("{first}\n\n{story}");
        let a = run_bytes(text.as_bytes(), "nota.txt");
        assert_eq!(a.title, "Capturan a doce pandilleros", "{first}");
        assert!(a.body.starts_with("La policía"), "{first}: {}", a.body);
    }
}

/// SingleFile writes the address it saved a page from in a comment at the
/// top: the URL (and the date its path gives) of a page that names none.
#[test]
fn a_singlefile_save_gets_the_address_it_was_saved_from() {
    let body = format!("<article><h1>Police arrest a clique leader</h1>{STORY_EN}</article>");
    let html = format!(
        "<!DOCTYPE html> <html lang=\"en\"><!--\n Page saved with SingleFile \n url: \
         https://news.example/2023/03/17/clique-leader/ \n saved date: Sun Apr 02 2023 16:05:11 \
         GMT+0200\n--><meta charset=utf-8><title>Police arrest a clique leader</title>\
         <body>{body}</body></html>"
    );
    let a = run(&html);
    assert_eq!(
        a.url.as_deref(),
        Some("https://news.example/2023/03/17/clique-leader/")
    );
    assert_eq!(a.date, day(2023, 3, 17));
    // Another comment's "url:" line is not an address the page was saved from.
    let other = html.replace("Page saved with SingleFile", "Build info");
    assert_eq!(run(&other).url, None);
}

/// A `lynx -dump` of a page: its navigation links above the headline, its
/// link numbers and its list of addresses are not the story.
#[test]
fn a_lynx_dump_is_read_without_its_links() {
    let dump = "   [1]Skip to content\n   [2]El Diario del Istmo\n\n     * [3]Inicio\n     \
        * [4]Nacionales\n\nCapturan a cabecilla de la pandilla en Soyapango\n\n   Por \
        [6]Redacción | 8 de septiembre de 2021, 10:45\n\n   Agentes de la Policía capturaron \
        la madrugada del martes a un hombre\n   señalado como cabecilla de una clica en \
        Soyapango, informaron las\n   autoridades, según el informe policial [1] del caso.\n\n\
        References\n\n   1. https://diario.example/2021/09/08/capturan/#content\n   \
        2. https://diario.example/\n";
    let a = run_bytes(dump.as_bytes(), "nota.txt");
    assert_eq!(a.title, "Capturan a cabecilla de la pandilla en Soyapango");
    assert_eq!(a.date, day(2021, 9, 8));
    assert!(
        !a.body.contains("References") && !a.body.contains("https://"),
        "{}",
        a.body
    );
    // A footnote mark after a word is the text's own.
    assert!(a.body.contains("policial [1] del caso"), "{}", a.body);
}

#[test]
fn a_short_line_under_the_headline_that_tells_an_event_is_no_dateline() {
    let meta = r#"<meta property="article:published_time" content="2021-03-12T18:40:00-06:00">"#;
    let h1 = "<h1>Capturan a 16 pandilleros en Soyapango</h1>";
    for line in [
        "<p class=\"bajada\">La PNC asegura que la estructura fue desarticulada el 27 de marzo de 2019 en Soyapango</p>",
        "<figure><img src=\"a.jpg\"><figcaption>Pandilleros detenidos en el penal de Izalco el 15 de marzo de 2019 / AFP</figcaption></figure>",
        "<div class=\"img\"><img src=\"a.jpg\"><span>Foto: AFP / 15 de marzo de 2019</span></div>",
        "<h2>Los hechos ocurrieron el 27 de marzo de 2019 en Soyapango</h2>",
    ] {
        let body = format!("<article>{h1}{line}{STORY_ES}</article>");
        let a = run(&page_lang("es", meta, &body));
        assert_eq!(a.date, day(2021, 3, 12), "{:?}: {line}", a.date_source);
        let a = run(&page_lang("es", "", &body));
        assert_eq!(a.date, None, "{:?}: {line}", a.date_source);
    }
    // An event a kicker names, with "|" or "del" rather than a colon.
    let kicker = "<div class=\"kicker\">Especial | Masacre del 20 de junio de 2015</div>";
    let body = format!("<article>{kicker}{h1}{STORY_ES}</article>");
    assert_eq!(run(&page_lang("es", meta, &body)).date, day(2021, 3, 12));
    assert_eq!(run(&page_lang("es", "", &body)).date, None);
}

#[test]
fn a_stamp_the_reader_never_sees_does_not_move_the_declared_day() {
    let meta = r#"<meta property="article:published_time" content="2021-03-31T21:10:00-06:00">"#;
    let body = format!(
        "<article><h1>Capturan a 16 pandilleros en Soyapango</h1>\
         <div class=\"autor\">Por Redacción · <time datetime=\"2021-04-01T03:10:00Z\">Hace 3 horas</time></div>\
         {STORY_ES}</article>"
    );
    let a = run(&page_lang("es", meta, &body));
    assert_eq!(a.date, day(2021, 3, 31), "{:?}", a.date_source);
}

#[test]
fn json_ld_of_other_things_gives_way_to_the_meta_date() {
    let meta = r#"<link rel="canonical" href="https://diario.example/capturan-16-pandilleros/">
        <meta property="article:published_time" content="2021-03-12T18:40:00-06:00">"#;
    for ld in [
        r#"{"@type":"VideoObject","name":"Video","uploadDate":"2018-05-01","datePublished":"2018-05-01"}"#,
        r#"{"@type":"NewsArticle","url":"https://diario.example/otra-nota/","headline":"Otra","datePublished":"2018-05-01"}"#,
        r#"{"@type":"SocialMediaPosting","datePublished":"2019-06-01"}"#,
        r#"{"@type":"DiscussionForumPosting","datePublished":"2021-05-02"}"#,
        // The same moment in UTC: the publisher's own day.
        r#"{"@type":"NewsArticle","datePublished":"2021-03-13T03:10:00Z"}"#,
    ] {
        let head = format!("{meta}<script type=\"application/ld+json\">{ld}</script>");
        let body = format!("<article><h1>Capturan a 16 pandilleros</h1>{STORY_ES}</article>");
        let a = run(&page_lang("es", &head, &body));
        assert_eq!(a.date, day(2021, 3, 12), "{:?}: {ld}", a.date_source);
    }
}

#[test]
fn an_address_and_a_byline_that_disagree_give_no_date() {
    let head = r#"<link rel="canonical" href="https://diario.example/nacionales/2021/03/15/capturan-pandilleros/">"#;
    let body = format!(
        "<article><h1>Capturan a 16 pandilleros</h1><p class=\"fecha\">12 de marzo de 2021</p>{STORY_ES}</article>"
    );
    let a = run(&page_lang("es", head, &body));
    assert_eq!(a.date, None, "{:?}", a.date_source);
}

#[test]
fn a_scrape_whose_first_line_tells_an_event_keeps_it_and_has_no_date() {
    for first in [
        "El 27 de marzo de 2022 la Asamblea aprobó el régimen de excepción.",
        "La captura ocurrió el 12 de marzo de 2019, según la PNC",
        "On March 27, 2022, lawmakers approved the state of exception.",
        "Especial | Masacre del 20 de junio de 2015",
    ] {
        let text = format!(
            "Capturan a 16 pandilleros en Soyapango\n\n{first}\n\n\
             Los líderes de las pandillas de El Salvador negociaron con funcionarios del gobierno, \
             según un informe del periódico El Faro, que obtuvo audios y mensajes de las reuniones.\n"
        );
        let a = run_bytes(text.as_bytes(), "nota.txt");
        assert_eq!(a.date, None, "{:?}: {first}", a.date_source);
        let kept = first.split(' ').nth(3).unwrap_or_default();
        assert!(a.body.contains(kept), "{first}: {}", a.body);
    }
    // Controls: a dateline and a byline still date it.
    for (first, date) in [
        ("San Salvador, 12 de marzo de 2021", day(2021, 3, 12)),
        ("Por Redacción | 15 de marzo de 2021", day(2021, 3, 15)),
    ] {
        let text = format!(
            "Capturan a 16 pandilleros en Soyapango\n\n{first}\n\n\
             Los líderes de las pandillas de El Salvador negociaron con funcionarios del gobierno, \
             según un informe del periódico El Faro, que obtuvo audios y mensajes de las reuniones.\n"
        );
        assert_eq!(run_bytes(text.as_bytes(), "nota.txt").date, date, "{first}");
    }
}

#[test]
fn a_spanish_fecha_meta_dates_the_page() {
    let head = r#"<meta name="fecha" content="2021-03-12">"#;
    let body = format!("<article><h1>Capturan a 16 pandilleros</h1>{STORY_ES}</article>");
    let a = run(&page_lang("es", head, &body));
    assert_eq!(a.date, day(2021, 3, 12), "{:?}", a.date_source);
    assert_eq!(a.date_source.as_deref(), Some("meta fecha"));
}
