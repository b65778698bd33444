//! End-to-end tests of the query language, truthful highlighting and the
//! result options (issue 6) on the sample corpus.
//!
//! Expected hits are computed here, independently of the search engine,
//! from the documents as `dossier inspect` normalizes them: every corpus
//! file is read once, its title and body split into folded (and, for
//! English and Spanish, stemmed) words, and each query form is evaluated on
//! those words by a small oracle.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use common::{build_index, dossier, hit_paths, json_of, root, sample_index};
use dossier::fold::fold;
use dossier::index::analyzers;
use predicates::prelude::*;

/// One corpus document as indexed.
#[derive(Debug, Clone)]
struct Doc {
    path: String,
    language: String,
    date: Option<String>,
    title: String,
    body: String,
    gangs: Vec<String>,
    officials: Vec<String>,
    url: String,
}

fn corpus() -> &'static Vec<Doc> {
    static DOCS: OnceLock<Vec<Doc>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let mut docs = Vec::new();
        for entry in walk(&root().join("corpus-sample")) {
            let rel = entry
                .strip_prefix(root().join("corpus-sample"))
                .unwrap()
                .display()
                .to_string();
            let out = dossier()
                .args(["inspect", "--format", "json"])
                .arg(&entry)
                .output()
                .unwrap();
            assert!(out.status.success(), "inspect {rel}");
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let strings = |k: &str| -> Vec<String> {
                v[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect()
            };
            docs.push(Doc {
                path: rel,
                language: v["language"].as_str().unwrap().to_string(),
                date: v["date"].as_str().map(str::to_string),
                title: v["title"].as_str().unwrap().to_string(),
                body: v["body"].as_str().unwrap().to_string(),
                gangs: strings("gangs"),
                officials: strings("officials"),
                url: v["url"].as_str().unwrap_or_default().to_string(),
            });
        }
        docs
    })
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn tokens(analyzer: &str, text: &str) -> Vec<String> {
    let mut a = analyzers::analyzer(analyzer).unwrap();
    let mut stream = a.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

fn stemmer(language: &str) -> Option<&'static str> {
    match language {
        "en" => Some("stem_en"),
        "es" => Some("stem_es"),
        _ => None,
    }
}

/// Which text of a document a query part looks at.
#[derive(Clone, Copy)]
enum Part {
    Both,
    Title,
    Body,
}

fn texts(doc: &Doc, part: Part) -> Vec<&str> {
    match part {
        Part::Both => vec![&doc.title, &doc.body],
        Part::Title => vec![&doc.title],
        Part::Body => vec![&doc.body],
    }
}

/// True if `words` occur in `doc` as a phrase with `slop` (tantivy's rule:
/// the sum of the distances of consecutive words from their exact-phrase
/// places is at most `slop`), in the folded or (unless `exact`) the
/// stemmed words. The stemmed body keeps no positions (fields.toml), so a
/// phrase of several words matches stemmed words in the title only. A
/// phrase never spans two paragraphs (the blank line between blocks): the
/// index leaves more positions between them than any slop tested here.
fn phrase(doc: &Doc, part: Part, text: &str, slop: i64, exact: bool) -> bool {
    assert!(
        slop < analyzers::PARAGRAPH_GAP as i64,
        "the oracle splits paragraphs"
    );
    let mut analyzers = vec!["folded"];
    if !exact {
        analyzers.extend(stemmer(&doc.language));
    }
    for analyzer in analyzers {
        let query = tokens(analyzer, text);
        let positional_only = analyzer != "folded" && query.len() > 1;
        for t in texts(doc, part) {
            if positional_only && std::ptr::eq(t, doc.body.as_str()) {
                continue;
            }
            for block in t.split("\n\n") {
                if phrase_in(&tokens(analyzer, block), &query, slop) {
                    return true;
                }
            }
        }
    }
    false
}

fn phrase_in(words: &[String], query: &[String], slop: i64) -> bool {
    fn extend(words: &[String], query: &[String], at: &mut Vec<usize>, budget: i64) -> bool {
        let k = at.len();
        if k == query.len() {
            return true;
        }
        let previous = at[k - 1] as i64 - (k as i64 - 1);
        for (i, w) in words.iter().enumerate() {
            if w != &query[k] || at.contains(&i) {
                continue;
            }
            let cost = (i as i64 - k as i64 - previous).abs();
            if cost <= budget {
                at.push(i);
                if extend(words, query, at, budget - cost) {
                    return true;
                }
                at.pop();
            }
        }
        false
    }
    words
        .iter()
        .enumerate()
        .any(|(i, w)| w == &query[0] && extend(words, query, &mut vec![i], slop))
}

fn word(doc: &Doc, part: Part, w: &str) -> bool {
    phrase(doc, part, w, 0, false)
}

/// A word of a registry name typed in full: matched unstemmed.
fn name_word(doc: &Doc, part: Part, w: &str) -> bool {
    phrase(doc, part, w, 0, true)
}

fn levenshtein_within(a: &str, b: &str, d: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            cur[j] = (prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(prev[j - 1] + usize::from(a[i - 1] != b[j - 1]));
        }
        prev = cur;
    }
    prev[b.len()] <= d
}

fn fuzzy(doc: &Doc, w: &str, d: usize) -> bool {
    let w = fold(w);
    texts(doc, Part::Both).iter().any(|t| {
        tokens("folded", t)
            .iter()
            .any(|x| levenshtein_within(&w, x, d))
    })
}

/// The corpus paths of the documents `pred` selects.
fn expected(pred: impl Fn(&Doc) -> bool) -> Vec<String> {
    let mut paths: Vec<String> = corpus()
        .iter()
        .filter(|d| pred(d))
        .map(|d| d.path.clone())
        .collect();
    paths.sort();
    paths
}

fn run(args: &[&str]) -> serde_json::Value {
    let output = dossier()
        .arg("search")
        .args(args)
        .args([
            "--format",
            "json",
            "--limit",
            "1000",
            "--no-collapse",
            "--index",
        ])
        .arg(sample_index())
        .output()
        .expect("runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "search {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn assert_hits(query: &str, pred: impl Fn(&Doc) -> bool) -> serde_json::Value {
    let results = run(&[query]);
    let want = expected(pred);
    assert!(!want.is_empty(), "{query}: the oracle expects no hits");
    assert_eq!(hit_paths(&results), want, "query {query}");
    results
}

#[test]
fn terms_are_anded() {
    assert_hits("osiris luna prisons", |d| {
        name_word(d, Part::Both, "osiris")
            && name_word(d, Part::Both, "luna")
            && word(d, Part::Both, "prisons")
    });
    assert_hits("Marroquin AND Luna", |d| {
        word(d, Part::Both, "marroquin") && word(d, Part::Both, "luna")
    });
}

#[test]
fn or_not_minus_and_parentheses() {
    assert_hits("tregua OR truce", |d| {
        word(d, Part::Both, "tregua") || word(d, Part::Both, "truce")
    });
    assert_hits("truce -Funes", |d| {
        word(d, Part::Both, "truce") && !word(d, Part::Both, "funes")
    });
    assert_hits("truce NOT Funes", |d| {
        word(d, Part::Both, "truce") && !word(d, Part::Both, "funes")
    });
    assert_hits(
        "(prisons OR cárceles) Luna -(sanctions OR Treasury)",
        |d| {
            (word(d, Part::Both, "prisons") || word(d, Part::Both, "carceles"))
                && word(d, Part::Both, "luna")
                && !(word(d, Part::Both, "sanctions") || word(d, Part::Both, "treasury"))
        },
    );
}

/// Every highlighted stretch of every snippet of `results` is a match of
/// the phrase: no lone word of it is highlighted.
fn assert_phrase_highlights(results: &serde_json::Value, text: &str, slop: i64) {
    let words = tokens("folded", text);
    let mut checked = 0;
    for hit in results["hits"].as_array().unwrap() {
        let language = hit["language"].as_str().unwrap();
        for snippet in hit["snippets"].as_array().unwrap() {
            let snippet = snippet.as_str().unwrap();
            // Highlighted stretches, in order, each as words.
            let marked: Vec<Vec<String>> = snippet
                .split("<b>")
                .skip(1)
                .map(|s| tokens("folded", s.split("</b>").next().unwrap()))
                .collect();
            let all: Vec<String> = marked.concat();
            if all.is_empty() {
                continue;
            }
            checked += 1;
            // Each highlighted word is a word of the phrase (folded or
            // stemmed), and the highlighted words together hold a match.
            let mut analyzers = vec!["folded"];
            analyzers.extend(stemmer(language));
            let plain = snippet.replace("<b>", "").replace("</b>", "");
            let ok = analyzers.iter().any(|a| {
                let q = tokens(a, text);
                let h = tokens(
                    a,
                    &marked
                        .iter()
                        .map(|m| m.join(" "))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                h.iter().all(|w| q.contains(w)) && phrase_in(&tokens(a, &plain), &q, slop)
            });
            assert!(
                ok,
                "phrase {words:?}~{slop}: snippet highlights {marked:?}: {snippet}"
            );
            if slop == 0 {
                for m in &marked {
                    assert!(
                        m.len() % words.len() == 0,
                        "a lone word of {words:?} is highlighted: {snippet}"
                    );
                }
            }
        }
    }
    assert!(checked > 0, "no highlighted snippet for {text}");
}

#[test]
fn exact_phrases_match_and_highlight_as_phrases() {
    for (query, text) in [
        ("\"Osiris Luna\"", "Osiris Luna"),
        ("\"state of exception\"", "state of exception"),
        ("\"régimen de excepción\"", "régimen de excepción"),
        ("\"gang truce\"", "gang truce"),
    ] {
        let results = assert_hits(query, |d| phrase(d, Part::Both, text, 0, false));
        assert_phrase_highlights(&results, text, 0);
    }
    // A lone "state" elsewhere in a matching article is not highlighted.
    let results = run(&["\"state of exception\"", "--context", "5"]);
    for hit in results["hits"].as_array().unwrap() {
        for s in hit["snippets"].as_array().unwrap() {
            let s = s.as_str().unwrap();
            assert!(
                !s.contains("<b>state</b>") && !s.contains("<b>State</b>"),
                "{s}"
            );
        }
    }
}

#[test]
fn proximity_matches_within_the_slop() {
    let results = assert_hits("\"osiris prisons\"~5", |d| {
        phrase(d, Part::Both, "osiris prisons", 5, false)
    });
    assert_phrase_highlights(&results, "osiris prisons", 5);
    // Fewer hits with a tighter slop.
    let tight = expected(|d| phrase(d, Part::Both, "luna prison", 1, false));
    assert_eq!(hit_paths(&run(&["\"luna prison\"~1"])), tight);
    let wide = expected(|d| phrase(d, Part::Both, "luna prison", 8, false));
    assert_eq!(hit_paths(&run(&["\"luna prison\"~8"])), wide);
    assert!(wide.len() > tight.len(), "{wide:?} vs {tight:?}");
}

#[test]
fn title_body_and_url_fields() {
    assert_hits("title:truce", |d| word(d, Part::Title, "truce"));
    assert_hits("body:Bukele title:prison", |d| {
        word(d, Part::Body, "bukele") && word(d, Part::Title, "prison")
    });
    assert_hits("title:\"gang truce\"", |d| {
        phrase(d, Part::Title, "gang truce", 0, false)
    });
    let with_url = expected(|d| tokens("folded", &d.url).contains(&"investigations".to_string()));
    if !with_url.is_empty() {
        assert_eq!(hit_paths(&run(&["url:investigations"])), with_url);
    }
}

#[test]
fn actor_and_date_fields_mean_what_the_flags_mean() {
    for (query, flags) in [
        ("gang:MS13", vec!["", "--gang", "MS13"]),
        ("gang:\"Barrio 18\"", vec!["", "--gang", "Barrio 18"]),
        (
            "official:\"Osiris Luna\"",
            vec!["", "--official", "Osiris Luna"],
        ),
        (
            "date:2021-09",
            vec!["", "--from", "2021-09", "--to", "2021-09"],
        ),
        ("date:2021", vec!["", "--from", "2021", "--to", "2021"]),
        (
            "date:[2020-01 TO 2021-06]",
            vec!["", "--from", "2020-01", "--to", "2021-06"],
        ),
        ("date:[2023 TO *]", vec!["", "--from", "2023"]),
        // The `FROM..TO` spelling of the same ranges.
        (
            "date:2020-01..2021-06",
            vec!["", "--from", "2020-01", "--to", "2021-06"],
        ),
        ("date:2023..", vec!["", "--from", "2023"]),
        ("date:..2015", vec!["", "--to", "2015"]),
    ] {
        let by_query = hit_paths(&run(&[query]));
        let by_flags = hit_paths(&run(&flags));
        assert!(!by_query.is_empty(), "{query}");
        assert_eq!(by_query, by_flags, "{query} vs {flags:?}");
    }
    // And against the documents themselves.
    assert_eq!(
        hit_paths(&run(&["official:\"osiris luna\" prisons"])),
        expected(
            |d| d.officials.iter().any(|o| o == "Osiris Luna") && word(d, Part::Both, "prisons")
        )
    );
    assert_eq!(
        hit_paths(&run(&["date:[2020-01 TO 2021-06]"])),
        expected(|d| d
            .date
            .as_deref()
            .is_some_and(|x| ("2020-01-01"..="2021-06-30").contains(&x)))
    );
    // Dates beyond what tantivy can store (before 1677, after 2262):
    // nothing is dated there, so nothing matches (the nanosecond count
    // wrapped around, and every dated article matched).
    for far in [
        vec!["date:3000.."],
        vec!["date:..1500"],
        vec!["", "--from", "3020"],
        vec!["", "--to", "1020"],
        vec!["", "--from", "2262-04-12"],
    ] {
        assert_eq!(hit_paths(&run(&far)), Vec::<String>::new(), "{far:?}");
    }
    assert_eq!(
        hit_paths(&run(&["", "--from", "1020", "--to", "9999"])),
        expected(|d| d.date.is_some())
    );
    // Both ends open: every dated article (tantivy refuses a range
    // without a bound; this was an internal error).
    for open in ["date:[* TO *]", "date:.."] {
        assert_eq!(
            hit_paths(&run(&[open])),
            expected(|d| d.date.is_some()),
            "{open}"
        );
    }
    assert_eq!(
        hit_paths(&run(&["gang:ms-13 OR official:Bukele"])),
        expected(|d| d.gangs.iter().any(|g| g == "MS13")
            || d.officials.iter().any(|o| o == "Nayib Bukele"))
    );
}

#[test]
fn fuzzy_terms_find_misspellings_and_highlight_them() {
    let results = assert_hits("Marroquim~1", |d| fuzzy(d, "marroquim", 1));
    assert!(!expected(|d| fuzzy(d, "marroquim", 1)).is_empty());
    assert!(expected(|d| word(d, Part::Both, "marroquim")).is_empty());
    for hit in results["hits"].as_array().unwrap() {
        let s = hit["snippet"].as_str().unwrap();
        if s.contains("<b>") {
            assert!(s.contains("<b>Marroqu"), "{s}");
        }
    }
    assert!(results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["snippet"].as_str().unwrap().contains("<b>Marroqu")));
    assert_hits("Bukelle~2 prisons", |d| {
        fuzzy(d, "bukelle", 2) && word(d, Part::Both, "prisons")
    });
}

/// Spanish Snowball stems `luna` and `lunes` (Monday) alike: a name typed
/// in full must match and highlight the name, not every Monday.
#[test]
fn a_registry_name_typed_in_full_is_not_stemmed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let notes = dir.path().join("notas");
    std::fs::create_dir_all(&notes).expect("mkdir");
    let write = |name: &str, text: &str| std::fs::write(notes.join(name), text).expect("write");
    write(
        "director.txt",
        "Osiris Luna recorre el penal de Izalco\n\n\
         El director de Centros Penales, Osiris Luna, recorrió el lunes las \
         cárceles del occidente del país junto a los custodios y explicó a \
         los periodistas las nuevas medidas de seguridad para los reos.\n",
    );
    write(
        "custodios.txt",
        "Custodios reciben al nuevo subdirector\n\n\
         El lunes por la mañana, los custodios del penal de Mariona \
         recibieron a Osiris, un funcionario de la dirección de Centros \
         Penales, que pidió paciencia a las familias de los detenidos.\n",
    );
    let index = dir.path().join("index");
    dossier()
        .args(["index", "--quiet", "--index"])
        .arg(&index)
        .arg(&notes)
        .assert()
        .success();
    let search = |query: &str| {
        json_of(
            dossier()
                .args(["search", query, "--format", "json", "--index"])
                .arg(&index),
        )
    };
    let paths = |results: &serde_json::Value| -> Vec<String> {
        hit_paths(results)
            .iter()
            .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
            .collect()
    };
    // Both notes are Spanish: `lunes` would have matched `luna` stemmed.
    assert_eq!(paths(&search("luna osiris")).len(), 2);
    let name = search("Osiris Luna");
    assert_eq!(paths(&name), ["director.txt"]);
    let snippet = name["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<b>Osiris Luna</b>"), "{snippet}");
    assert!(!snippet.contains("<b>lunes</b>"), "{snippet}");
    // The query's other words keep their stemmed forms (`cárceles`).
    assert_eq!(paths(&search("Osiris Luna cárcel")), ["director.txt"]);
    // The surname alone, capitalised, is the name too; in lowercase it
    // may be the moon, and keeps its stemmed forms.
    let surname = search("Luna");
    assert_eq!(paths(&surname), ["director.txt"]);
    let snippet = surname["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<b>Luna</b>"), "{snippet}");
    assert!(!snippet.contains("<b>lunes</b>"), "{snippet}");
    assert_eq!(paths(&search("luna")).len(), 2);
}

#[test]
fn exact_turns_stemming_off_but_keeps_folding() {
    let exact = run(&["pandillas", "--exact"]);
    let want = expected(|d| {
        texts(d, Part::Both)
            .iter()
            .any(|t| tokens("folded", t).contains(&"pandillas".to_string()))
    });
    assert_eq!(hit_paths(&exact), want);
    let stemmed = run(&["pandillas"]);
    assert!(hit_paths(&stemmed).len() > want.len());
    // Accents still fold under --exact.
    let accented = run(&["carceles", "--exact"]);
    assert_eq!(
        hit_paths(&accented),
        expected(|d| texts(d, Part::Both)
            .iter()
            .any(|t| tokens("folded", t).contains(&"carceles".to_string())))
    );
}

fn assert_bad_query(query: &str, message: &str, column: usize) {
    let out = dossier()
        .args(["search", query, "--index"])
        .arg(sample_index())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{query}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(message) && stderr.contains(&format!("at column {column}")),
        "{query}: {stderr}"
    );
    assert!(
        !stderr.contains("Syntax") && !stderr.contains("tantivy"),
        "{stderr}"
    );
}

#[test]
fn pasted_text_finds_what_typed_text_finds() {
    for (pasted, typed) in [
        // Accents as combining marks (macOS file names).
        ("Suren\u{303}os", "Sureños"),
        ("ca\u{301}rcel", "cárcel"),
        // Invisible characters from web pages.
        ("pri\u{200b}son", "prison"),
        ("pri\u{ad}sons", "prisons"),
        // Full-width forms.
        ("\u{ff2d}\u{ff33}\u{ff11}\u{ff13}", "MS13"),
        ("\"Osiris\u{3000}Luna\"", "\"Osiris Luna\""),
    ] {
        let want = hit_paths(&run(&[typed]));
        assert!(!want.is_empty(), "{typed}");
        assert_eq!(hit_paths(&run(&[pasted])), want, "{pasted:?}");
    }
}

#[test]
fn malformed_queries_exit_2_with_the_column() {
    assert_bad_query("prison^2", "boosts ('^N') are not supported", 7);
    assert_bad_query("luna \"prisons", "unclosed quote", 6);
    assert_bad_query("(luna OR prisons", "unclosed '('", 1);
    assert_bad_query("luna)", "unmatched ')'", 5);
    assert_bad_query("luna AND", "'AND' needs a term", 6);
    assert_bad_query("OR luna", "'OR' needs a term", 1);
    assert_bad_query("luna NOT", "'NOT' needs a term", 6);
    assert_bad_query("-luna", "only excludes", 1);
    assert_bad_query("luna author:x", "unknown field 'author'", 6);
    assert_bad_query("luna title:", "needs a value", 6);
    assert_bad_query("Marroquin~x", "'~' needs a number", 10);
    assert_bad_query("Marroquin~3", "too large", 10);
    assert_bad_query("\"a b\"~x", "'~' needs a number", 6);
    assert_bad_query("luna gang:Nadie", "unknown gang 'Nadie'", 6);
    assert_bad_query("official:Nobody luna", "unknown official 'Nobody'", 1);
    assert_bad_query("luna date:2021-13", "month must be 01 to 12", 6);
    assert_bad_query("date:[2022 TO 2021]", "starts after it ends", 1);
    assert_bad_query("date:[2021 2022]", "FROM TO TO", 6);
    assert_bad_query("luna ()", "empty parentheses", 6);
}

#[test]
fn sort_by_date_both_ways_with_undated_last() {
    for (sort, ascending) in [("date", true), ("-date", false)] {
        let results = run(&["prisons OR cárceles", "--sort", sort]);
        let dates: Vec<Option<String>> = results["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["date"].as_str().map(str::to_string))
            .collect();
        let dated: Vec<&String> = dates.iter().flatten().collect();
        let mut sorted = dated.clone();
        sorted.sort();
        if !ascending {
            sorted.reverse();
        }
        assert_eq!(dated, sorted, "--sort {sort}");
        let first_undated = dates
            .iter()
            .position(Option::is_none)
            .unwrap_or(dates.len());
        assert!(
            dates[first_undated..].iter().all(Option::is_none),
            "{dates:?}"
        );
        assert_eq!(
            results["total"].as_u64().unwrap() as usize,
            dates.len(),
            "every hit is listed"
        );
    }
}

#[test]
fn limit_and_offset_page_through_every_hit() {
    let all = run(&["", "--sort", "-date"]);
    let all_paths: Vec<&str> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    let mut paged = Vec::new();
    for offset in (0..all_paths.len() + 7).step_by(7) {
        let out = dossier()
            .args([
                "search",
                "",
                "--sort",
                "-date",
                "--no-collapse",
                "--format",
                "json",
            ])
            .args(["--limit", "7", "--offset", &offset.to_string(), "--index"])
            .arg(sample_index())
            .output()
            .unwrap();
        let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for (i, h) in page["hits"].as_array().unwrap().iter().enumerate() {
            assert_eq!(h["rank"].as_u64().unwrap() as usize, offset + i + 1);
            paged.push(h["path"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(paged, all_paths);
}

#[test]
fn a_limit_or_offset_beyond_the_index_is_a_short_page_not_a_crash() {
    // tantivy sizes its result heap by the limit: `--limit 1000000000`
    // aborted with a failed 48 GB allocation, and the largest number a
    // reporter can type overflowed offset + limit.
    let all = run(&["prison"]);
    let total = all["total"].as_u64().unwrap();
    assert!(total > 0);
    for (flag, value, hits) in [
        ("--limit", "1000000000", None),
        ("--limit", "18446744073709551615", None),
        ("--offset", "1000000000", Some(0)),
        ("--offset", "18446744073709551615", Some(0)),
    ] {
        let out = dossier()
            .args([
                "search", "prison", "--format", "json", flag, value, "--index",
            ])
            .arg(sample_index())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{flag} {value}");
        let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(page["total"].as_u64(), Some(total), "{flag} {value}");
        let shown = page["hits"].as_array().unwrap().len();
        match hits {
            Some(n) => assert_eq!(shown, n, "{flag} {value}"),
            None => assert!(shown > 0, "{flag} {value}"),
        }
    }
    let first = all["hits"][0]["path"].as_str().unwrap();
    for n in ["1000000000", "0"] {
        let out = dossier()
            .args(["similar", first, "-n", n, "--format", "json", "--index"])
            .arg(sample_index())
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "similar -n {n}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn count_prints_only_the_count() {
    let want = expected(|d| word(d, Part::Both, "bukele"));
    let docs: BTreeSet<String> = corpus()
        .iter()
        .filter(|d| word(d, Part::Both, "bukele"))
        .map(|d| format!("{}\u{0}{}", d.title, d.body))
        .collect();
    assert!(!want.is_empty());
    let out = dossier()
        .args(["search", "Bukele", "--count", "--index"])
        .arg(sample_index())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{}\n", docs.len())
    );
}

#[test]
fn all_streams_every_hit_as_csv_and_ndjson() {
    let total = run(&["prisons OR cárceles OR gang"])["total"]
        .as_u64()
        .unwrap() as usize;
    assert!(total > 10, "enough hits to pass the default limit");
    let out = dossier()
        .args([
            "search",
            "prisons OR cárceles OR gang",
            "--all",
            "--no-collapse",
        ])
        .args(["--format", "csv", "--index"])
        .arg(sample_index())
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    assert_eq!(reader.headers().unwrap().get(0), Some("rank"));
    assert_eq!(reader.records().count(), total);
    let out = dossier()
        .args([
            "search",
            "prisons OR cárceles OR gang",
            "--all",
            "--no-collapse",
        ])
        .args(["--format", "ndjson", "--sort", "date", "--index"])
        .arg(sample_index())
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), total);
    assert_eq!(lines[0]["rank"], 1);
    // --all needs a streaming format.
    let out = dossier()
        .args(["search", "gang", "--all", "--index"])
        .arg(sample_index())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn timeline_counts_matches_per_month() {
    let out = dossier()
        .args([
            "search",
            "gang",
            "--timeline",
            "--format",
            "json",
            "--index",
        ])
        .arg(sample_index())
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut want: BTreeMap<String, u64> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for d in corpus() {
        if word(d, Part::Both, "gang") && seen.insert(format!("{}{}", d.title, d.body)) {
            if let Some(date) = &d.date {
                *want.entry(date[..7].to_string()).or_default() += 1;
            }
        }
    }
    let got: BTreeMap<String, u64> = v["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["month"].as_str().unwrap().to_string(),
                b["count"].as_u64().unwrap(),
            )
        })
        .filter(|(_, c)| *c > 0)
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        v["total"].as_u64().unwrap(),
        want.values().sum::<u64>() + v["undated"].as_u64().unwrap()
    );
    let text = dossier()
        .args(["search", "gang", "--timeline", "--index"])
        .arg(sample_index())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains('█'));
}

#[test]
fn context_shows_several_snippets() {
    let results = run(&["prisons", "--context", "3"]);
    let mut several = false;
    for hit in results["hits"].as_array().unwrap() {
        let snippets = hit["snippets"].as_array().unwrap();
        assert!(!snippets.is_empty() && snippets.len() <= 3);
        assert_eq!(snippets[0], hit["snippet"]);
        several |= snippets.len() > 1;
        for s in snippets {
            // At most about two lines.
            let plain = s.as_str().unwrap().replace("<b>", "").replace("</b>", "");
            assert!(plain.len() <= 260, "{plain}");
        }
    }
    assert!(several);
}

#[test]
fn similar_lists_related_articles_but_not_itself() {
    let source = "isthmus-ledger/2021/12/us-sanctions-osiris-luna-carlos-marroquin.html";
    let v = json_of(
        dossier()
            .args(["similar"])
            .arg(format!("corpus-sample/{source}"))
            .args(["--format", "json", "--limit", "5", "--index"])
            .arg(sample_index()),
    );
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 5);
    for h in hits {
        assert!(!h["path"].as_str().unwrap().ends_with(source));
    }
    // The most similar articles share an actor with it.
    assert!(!hits[0]["shared_actors"].as_array().unwrap().is_empty());
    // By id as well.
    let id = v["source"]["id"].as_str().unwrap();
    let out = dossier()
        .args([
            "similar",
            &id[..12],
            "--format",
            "json",
            "--limit",
            "5",
            "--index",
        ])
        .arg(sample_index())
        .output()
        .unwrap();
    let by_id: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(by_id["hits"], v["hits"]);
    // Fewer than eight characters of an id are refused, saying so.
    dossier()
        .args(["similar", &id[..7], "--index"])
        .arg(sample_index())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least 8 of its characters"));
}

/// The page ranked in the counting pass is the page the ranking collector
/// (`search::ranking::top_docs`) ranks for the same query and filters, at
/// any offset, with the scores tantivy's top-k collector gives (ties are
/// ordered by date and content hash, not by tantivy's document address).
#[test]
fn the_first_page_is_ranked_as_the_query_ranks_it() {
    use dossier::search::{self, SearchRequest};
    use tantivy::collector::TopDocs;
    let index = dossier::index::open(sample_index()).unwrap();
    let requests = [
        ("pandillas OR gang", vec![], vec![], None, None),
        (
            "\"state of exception\" OR prison",
            vec![],
            vec![],
            Some("2015"),
            None,
        ),
        (
            "MS13",
            vec!["Barrio 18".to_string()],
            vec![],
            None,
            Some("2022"),
        ),
        ("", vec![], vec!["Nayib Bukele".to_string()], None, None),
        // Ranked in the counting pass, as every query sorted by relevance.
        ("\"state of exception\"", vec![], vec![], None, None),
        (
            "\"Osiris Luna\" prison",
            vec!["MS13".to_string()],
            vec![],
            Some("2019"),
            None,
        ),
    ];
    for (query, gangs, officials, from, to) in requests {
        for (offset, limit) in [(0, 10), (3, 4), (0, 1000)] {
            let request = SearchRequest {
                query: query.to_string(),
                gangs: gangs.clone(),
                officials: officials.clone(),
                from: from.map(str::to_string),
                to: to.map(str::to_string),
                limit,
                offset,
                collapse: false,
                ..SearchRequest::default()
            };
            let results = search::search(&index, &request).unwrap();
            let got: Vec<(String, f32)> = results
                .hits
                .iter()
                .map(|h| (h.path.clone(), h.score))
                .collect();
            let prepared = search::prepare(&index, &request).unwrap();
            let searcher = index.reader().unwrap().searcher();
            let top = searcher
                .search(
                    &*prepared.full_query(),
                    &TopDocs::with_limit(limit)
                        .and_offset(offset)
                        .order_by_score(),
                )
                .unwrap();
            let ranked = search::ranking::top_docs(
                &searcher,
                &*prepared.full_query(),
                search::Sort::Relevance,
                limit,
                offset,
            )
            .unwrap();
            let expected: Vec<(String, f32)> = ranked
                .iter()
                .map(|(score, address)| {
                    let article =
                        dossier::index::IndexedArticle::load(&searcher, *address, &index.fields)
                            .unwrap();
                    (article.path, *score)
                })
                .collect();
            assert!(
                offset > 0 || !expected.is_empty() || results.total == 0,
                "{query}"
            );
            assert_eq!(got, expected, "{query} {offset} {limit}");
            let scores = |hits: &[(f32, tantivy::DocAddress)]| -> Vec<f32> {
                hits.iter().map(|(score, _)| *score).collect()
            };
            assert_eq!(scores(&ranked), scores(&top), "{query} {offset} {limit}");
        }
    }
}

/// A Spanish word typed without its accent finds the articles whose
/// headline holds its stem, as the accented word does: the titles are
/// stemmed when indexed, and `acusacion` stems apart from `acusación`.
#[test]
fn an_unaccented_word_finds_headlines_with_its_stem() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::write(
        archive.join("titular.txt"),
        "Acusan al director de penales\n\nEl exdirector de Centros Penales compareció ante \
         el juez este lunes, según informó la fiscalía en un comunicado de prensa.\n",
    )
    .unwrap();
    std::fs::write(
        archive.join("cuerpo.txt"),
        "Audiencia en San Salvador\n\nLa fiscalía presentó su acusación contra tres \
         pandilleros detenidos en un operativo en el centro de la capital del país.\n",
    )
    .unwrap();
    let index = dir.path().join("index");
    build_index(&archive, &index);
    let found = |word: &str| {
        let mut paths = hit_paths(&json_of(
            dossier()
                .args(["search", word, "--format", "json", "--index"])
                .arg(&index),
        ));
        paths.sort();
        paths
    };
    let accented = found("acusación");
    assert_eq!(accented.len(), 2, "{accented:?}");
    assert_eq!(found("acusacion"), accented);
}
