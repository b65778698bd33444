//! Extraction quality and speed of the normalizer on the evaluation pages in
//! `../shared/eval/` (readability, fundus, wcxb-dev).
//!
//! Prints, per set: pages, mean body F1/precision/recall on 4-word
//! lowercased shingles, title exact-match rate (whitespace and quotes
//! normalized), date accuracy (same day) on pages whose truth has a date,
//! the rate of dates given where the truth has none, and pages/s and MB/s
//! of `normalize` alone (single thread). Skips with a message when the
//! evaluation data is absent. Run: `cargo bench --bench extraction`
//! (`-- --verbose` lists the worst pages; `EXTRACTION_OUT=DIR` writes each
//! page's extracted and expected body there).

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use dossier::normalize::{normalize, Article, FurnitureRules};
use serde_json::Value;

/// One evaluation page: its bytes and its truth.
struct Case {
    name: String,
    bytes: Vec<u8>,
    body: String,
    title: Option<String>,
    date: Option<NaiveDate>,
    /// Expected language (two letters), where the set says.
    lang: Option<String>,
    /// File name given to `normalize` (its extension is a hint).
    file: &'static str,
}

#[derive(Default)]
struct Score {
    pages: usize,
    f1: f64,
    precision: f64,
    recall: f64,
    titled: usize,
    title_ok: usize,
    dated: usize,
    date_ok: usize,
    date_wrong: usize,
    undated: usize,
    date_given_undated: usize,
    failed: usize,
    langs: usize,
    lang_ok: usize,
    bytes: usize,
    time: Duration,
    worst: Vec<(f64, String)>,
    title_misses: Vec<String>,
    date_misses: Vec<String>,
}

/// Lowercased words, after composing accents (NFC) on both sides: a truth
/// that keeps a page's decomposed accents ("a" and U+0308) and a body that
/// composes them are the same text, and splitting on the combining mark
/// would count them as different words.
fn tokens(s: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let s: String = s.nfc().collect();
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn shingles(s: &str) -> HashMap<Vec<String>, usize> {
    let t = tokens(s);
    let k = 4.min(t.len().max(1));
    let mut m = HashMap::new();
    if t.is_empty() {
        return m;
    }
    for w in t.windows(k) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

/// Precision, recall, F1 of `got` against `want` on shingle multisets.
fn prf(got: &str, want: &str) -> (f64, f64, f64) {
    let g = shingles(got);
    let w = shingles(want);
    let gn: usize = g.values().sum();
    let wn: usize = w.values().sum();
    if gn == 0 && wn == 0 {
        return (1.0, 1.0, 1.0);
    }
    let common: usize = g
        .iter()
        .map(|(k, v)| (*v).min(w.get(k).copied().unwrap_or(0)))
        .sum();
    let p = if gn == 0 {
        0.0
    } else {
        common as f64 / gn as f64
    };
    let r = if wn == 0 {
        0.0
    } else {
        common as f64 / wn as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn norm_title(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s: String = s.nfc().collect();
    s.replace(['\u{2018}', '\u{2019}', '\u{201b}', '`', '´'], "'")
        .replace(['\u{201c}', '\u{201d}', '\u{201e}', '«', '»'], "\"")
        .replace(['\u{a0}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn truth_date(v: Option<&Value>) -> Option<NaiveDate> {
    let s = v?.as_str()?;
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

fn gunzip(path: &Path) -> Option<Vec<u8>> {
    let f = fs::File::open(path).ok()?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(f).read_to_end(&mut out).ok()?;
    Some(out)
}

fn html_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let mut out = String::new();
    for t in doc.root_element().text() {
        out.push_str(t);
        out.push(' ');
    }
    out
}

fn sorted_dir(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn readability(root: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    for dir in sorted_dir(&root.join("readability/pages")) {
        let (Ok(bytes), Ok(expected)) = (
            fs::read(dir.join("source.html")),
            fs::read_to_string(dir.join("expected.html")),
        ) else {
            continue;
        };
        let meta: Value = fs::read_to_string(dir.join("expected-metadata.json"))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(Value::Null);
        cases.push(Case {
            name: dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            bytes,
            body: html_text(&expected),
            title: meta
                .get("title")
                .and_then(Value::as_str)
                .map(str::to_string),
            date: truth_date(meta.get("publishedTime")),
            lang: meta
                .get("lang")
                .and_then(Value::as_str)
                .and_then(|l| l.get(..2))
                .map(str::to_lowercase),
            file: "page.html",
        });
    }
    cases
}

fn fundus(root: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    for country in sorted_dir(&root.join("fundus/pages")) {
        let files = sorted_dir(&country);
        for json in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
        {
            let Some(publisher) = json.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            let Some(truth) = fs::read_to_string(json)
                .ok()
                .and_then(|s| serde_json::from_str::<Value>(&s).ok())
            else {
                continue;
            };
            let Some(obj) = truth.as_object() else {
                continue;
            };
            let mut versions: Vec<(&String, &Value)> = obj.iter().collect();
            // Keys are V1, V1_1, V1_2, V2, …: one per page, in date order.
            versions.sort_by_key(|(k, _)| {
                let mut parts = k.trim_start_matches('V').split('_');
                let major: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
                let minor: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
                (major, minor)
            });
            let pages: Vec<&PathBuf> = files
                .iter()
                .filter(|p| {
                    p.file_name().is_some_and(|n| {
                        let n = n.to_string_lossy();
                        n.ends_with(".html.gz")
                            && n.strip_prefix(publisher.as_str())
                                .is_some_and(|r| r.starts_with('_'))
                    })
                })
                .collect();
            if pages.len() != versions.len() {
                continue;
            }
            for (page, (_, v)) in pages.iter().zip(versions) {
                let Some(bytes) = gunzip(page) else { continue };
                let mut body = String::new();
                if let Some(b) = v.get("body") {
                    for s in b
                        .get("summary")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        body.push_str(s.as_str().unwrap_or(""));
                        body.push('\n');
                    }
                    for sec in b
                        .get("sections")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        for key in ["headline", "paragraphs"] {
                            for s in sec.get(key).and_then(Value::as_array).into_iter().flatten() {
                                body.push_str(s.as_str().unwrap_or(""));
                                body.push('\n');
                            }
                        }
                    }
                }
                cases.push(Case {
                    name: page.display().to_string(),
                    bytes,
                    body,
                    title: v.get("title").and_then(Value::as_str).map(str::to_string),
                    date: truth_date(v.get("publishing_date")),
                    lang: None,
                    file: "page.html",
                });
            }
        }
    }
    cases
}

fn wcxb(root: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    for gt in sorted_dir(&root.join("wcxb-dev/ground-truth")) {
        let Some(id) = gt.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let Some(bytes) = gunzip(&root.join(format!("wcxb-dev/html/{id}.html.gz"))) else {
            continue;
        };
        let Some(v) = fs::read_to_string(&gt)
            .ok()
            .and_then(|s| serde_json::from_str::<Value>(&s).ok())
        else {
            continue;
        };
        let g = &v["ground_truth"];
        cases.push(Case {
            name: id,
            bytes,
            body: g["main_content"].as_str().unwrap_or("").to_string(),
            title: g["title"].as_str().map(str::to_string),
            date: truth_date(g.get("publish_date")),
            lang: None,
            file: "page.html",
        });
    }
    cases
}

/// Plain-text news (Mexican and Spanish outlets) read as text scrapes: the
/// headline on the first line, then the story.
fn spanish_news(root: &Path) -> Vec<Case> {
    let Ok(text) = fs::read_to_string(root.join("spanish-news/true-news.jsonl")) else {
        return Vec::new();
    };
    let mut cases = Vec::new();
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let (Some(headline), Some(story)) = (v["Headline"].as_str(), v["Text"].as_str()) else {
            continue;
        };
        let body = story
            .split_once('\n')
            .map_or("", |(_, rest)| rest)
            .to_string();
        cases.push(Case {
            name: v["Id"].as_str().unwrap_or("?").to_string(),
            bytes: story.as_bytes().to_vec(),
            body,
            title: Some(headline.to_string()),
            date: None,
            lang: Some("es".to_string()),
            file: "story.txt",
        });
    }
    cases
}

fn score(cases: &[Case], rules: &FurnitureRules) -> Score {
    let mut s = Score::default();
    for c in cases {
        if std::env::var_os("EXTRACTION_TRACE").is_some() {
            eprintln!("{}", c.name);
        }
        let start = Instant::now();
        let got = normalize(&c.bytes, Path::new(c.file), rules);
        s.time += start.elapsed();
        s.bytes += c.bytes.len();
        s.pages += 1;
        let a = match got {
            Ok(a) => a,
            Err(_) => {
                s.failed += 1;
                Article {
                    title: String::new(),
                    body: String::new(),
                    date: None,
                    date_source: None,
                    url: None,
                    author: None,
                    language: String::new(),
                    encoding: String::new(),
                    title_source: None,
                    language_source: String::new(),
                }
            }
        };
        if let Ok(show) = std::env::var("EXTRACTION_SHOW") {
            if c.name.contains(show.as_str()) {
                let cut = |t: &str| t.chars().take(1500).collect::<String>();
                eprintln!(
                    "== {} title {:?} ({:?}) date {:?} ({:?})",
                    c.name, a.title, a.title_source, a.date, a.date_source
                );
                eprintln!(
                    "-- got ({} chars):\n{}\n-- want ({} chars):\n{}",
                    a.body.len(),
                    cut(&a.body),
                    c.body.len(),
                    cut(&c.body)
                );
            }
        }
        if let Ok(dir) = std::env::var("EXTRACTION_OUT") {
            // Full bodies, for looking at what a page lost or kept.
            let stem: String = c
                .name
                .rsplit('/')
                .next()
                .unwrap_or("page")
                .trim_end_matches(".html.gz")
                .to_string();
            let _ = fs::create_dir_all(&dir);
            let _ = fs::write(Path::new(&dir).join(format!("{stem}.got")), &a.body);
            let _ = fs::write(Path::new(&dir).join(format!("{stem}.want")), &c.body);
        }
        let (p, r, f) = prf(&a.body, &c.body);
        s.precision += p;
        s.recall += r;
        s.f1 += f;
        s.worst.push((f, format!("{} p={p:.2} r={r:.2}", c.name)));
        if let Ok(dump) = std::env::var("EXTRACTION_DUMP") {
            use std::io::Write;
            if let Ok(mut fh) = fs::OpenOptions::new().create(true).append(true).open(dump) {
                let _ = writeln!(
                    fh,
                    "{}\t{f:.3}\t{p:.3}\t{r:.3}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}",
                    c.name, a.date, c.date, a.date_source, a.title, c.title, a.title_source
                );
            }
        }
        if let Some(t) = &c.title {
            if !t.trim().is_empty() {
                s.titled += 1;
                if norm_title(t) == norm_title(&a.title) {
                    s.title_ok += 1;
                } else {
                    s.title_misses.push(format!(
                        "{}: want {:?} got {:?} ({:?})",
                        c.name, t, a.title, a.title_source
                    ));
                }
            }
        }
        if let Some(l) = &c.lang {
            s.langs += 1;
            if *l == a.language {
                s.lang_ok += 1;
            }
        }
        match c.date {
            Some(d) => {
                s.dated += 1;
                if a.date == Some(d) {
                    s.date_ok += 1;
                } else {
                    if a.date.is_some() {
                        s.date_wrong += 1;
                    }
                    s.date_misses.push(format!(
                        "{}: want {d} got {:?} ({:?})",
                        c.name, a.date, a.date_source
                    ));
                }
            }
            None => {
                s.undated += 1;
                if a.date.is_some() {
                    s.date_given_undated += 1;
                    s.date_misses.push(format!(
                        "{}: want none got {:?} ({:?})",
                        c.name, a.date, a.date_source
                    ));
                }
            }
        }
    }
    s
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "-".to_string()
    } else {
        format!("{:.3}", a as f64 / b as f64)
    }
}

/// Reads one evaluation set.
type Loader = fn(&Path) -> Vec<Case>;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
    if !root.is_dir() {
        println!("extraction bench: {} not found; skipping", root.display());
        return;
    }
    let verbose = std::env::args().any(|a| a == "--verbose");
    let rules = FurnitureRules::builtin();
    println!(
        "{:<12} {:>5} {:>6} {:>6} {:>6} {:>7} {:>8} {:>9} {:>9} {:>6} {:>6} {:>8} {:>7}",
        "set",
        "pages",
        "F1",
        "prec",
        "recall",
        "title",
        "date_acc",
        "date_wrng",
        "date_none",
        "lang",
        "fail",
        "pages/s",
        "MB/s"
    );
    let sets: [(&str, Loader); 4] = [
        ("readability", readability),
        ("fundus", fundus),
        ("wcxb-dev", wcxb),
        ("spanish-txt", spanish_news),
    ];
    let only = std::env::var("EXTRACTION_SET").ok();
    for (name, load) in sets {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let cases = load(&root);
        if cases.is_empty() {
            println!("{name:<12} no pages found");
            continue;
        }
        let mut s = score(&cases, &rules);
        let n = s.pages as f64;
        let secs = s.time.as_secs_f64().max(1e-9);
        println!(
            "{:<12} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>7} {:>8} {:>9} {:>9} {:>6} {:>6} {:>8.1} {:>7.1}",
            name,
            s.pages,
            s.f1 / n,
            s.precision / n,
            s.recall / n,
            pct(s.title_ok, s.titled),
            pct(s.date_ok, s.dated),
            pct(s.date_wrong, s.dated),
            pct(s.date_given_undated, s.undated),
            pct(s.lang_ok, s.langs),
            s.failed,
            n / secs,
            s.bytes as f64 / 1e6 / secs,
        );
        if verbose {
            // The floor: html5ever parsing alone, on the same pages.
            let start = Instant::now();
            for c in &cases {
                let text = String::from_utf8_lossy(&c.bytes);
                let doc = scraper::Html::parse_document(&text);
                std::hint::black_box(&doc);
            }
            let secs = start.elapsed().as_secs_f64().max(1e-9);
            println!("    parse alone: {:.1} MB/s", s.bytes as f64 / 1e6 / secs);
            s.worst.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (f, w) in s.worst.iter().take(15) {
                println!("    F1 {f:.2} {w}");
            }
            for t in s.title_misses.iter().take(15) {
                println!("    title {t}");
            }
            for d in s.date_misses.iter().take(25) {
                println!("    date {d}");
            }
        }
    }
    println!(
        "(date_acc: same day on pages with a true date; date_wrng: a different date given \
         there; date_none: a date given where the truth has none; lang: language matches \
         where the set gives one; spanish-txt: spanish-news read as text scrapes)"
    );
}
