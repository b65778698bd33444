//! End-to-end tests of the `dossier` command line on the bundled sample and
//! on small archives written by the tests.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use common::{
    build_index, dossier, hit_paths, json_of, root, sample_index, search_json, truth, Truth,
};
use predicates::prelude::*;

/// Truth entries that are distinct articles (the republished copy is folded
/// into its original), as corpus-relative paths including the copy.
fn expected_paths(pred: impl Fn(&Truth) -> bool) -> Vec<String> {
    let all = truth();
    let mut paths: Vec<String> = Vec::new();
    for t in &all {
        let original = match &t.duplicate_of {
            Some(orig) => all
                .iter()
                .find(|o| &o.path == orig)
                .expect("duplicate_of names an entry"),
            None => t,
        };
        if pred(original) {
            paths.push(t.path.clone());
        }
    }
    paths.sort();
    paths
}

#[test]
fn accentless_query_finds_the_accented_name() {
    let results = search_json(&["Marroquin"]);
    let paths = hit_paths(&results);
    // Files whose text has only the accented spelling must be found.
    let accented_only: Vec<String> = truth()
        .iter()
        .filter(|t| {
            let text = fs::read(root().join("corpus-sample").join(&t.path)).unwrap();
            let text = String::from_utf8_lossy(&text);
            text.contains("Marroquín") && !text.contains("Marroquin")
        })
        .map(|t| t.path.clone())
        .collect();
    assert!(
        !accented_only.is_empty(),
        "the sample has accented-only articles"
    );
    for path in accented_only {
        assert!(
            paths.contains(&path),
            "{path} not found by 'Marroquin': {paths:?}"
        );
    }
    let snippet = results["hits"][0]["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("<b>Marroquín</b>") || snippet.contains("<b>Marroquin</b>"),
        "{snippet}"
    );
}

/// A small archive written by a test.
fn archive(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join("archive").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

fn index_archive(dir: &tempfile::TempDir) {
    build_index(&dir.path().join("archive"), &dir.path().join("index"));
}

/// Indexes a test archive with `--report`: the run, to assert on, and the
/// report it wrote.
fn index_reporting(dir: &tempfile::TempDir) -> (assert_cmd::assert::Assert, serde_json::Value) {
    let report = dir.path().join("report.json");
    let run = dossier()
        .args(["index", "--quiet"])
        .arg(dir.path().join("archive"))
        .arg("--index")
        .arg(dir.path().join("index"))
        .arg("--report")
        .arg(&report)
        .assert();
    let report = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    (run, report)
}

fn search_in(dir: &tempfile::TempDir, args: &[&str]) -> serde_json::Value {
    let out = dossier()
        .arg("search")
        .args(args)
        .args(["--format", "json", "--index"])
        .arg(dir.path().join("index"))
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

const SPANISH_SINGULAR: &str = "<html lang=\"es\"><head><title>Operativo en Soyapango</title></head><body><article><h1>Operativo en Soyapango</h1>\
<p>La policía detuvo a un líder de la pandilla durante un operativo nocturno en el centro de la ciudad, según informó la fiscalía.</p>\
<p>El detenido fue trasladado a una cárcel de máxima seguridad mientras continúan las investigaciones sobre la extorsión a comerciantes.</p></article></body></html>";

const ENGLISH_TEXT: &str = "<html lang=\"en\"><head><title>Talks collapse</title></head><body><article><h1>Talks collapse</h1>\
<p>The negotiation between the government and the prisoners collapsed on Tuesday, officials said after a long night of meetings.</p>\
<p>Observers said the pandillas label was used loosely by the ministry in its statement about the detained leaders.</p></article></body></html>";

#[test]
fn spanish_plural_finds_the_singular_and_exact_ranks_first() {
    let dir = archive(&[
        ("es/singular.html", SPANISH_SINGULAR),
        ("en/plural.html", ENGLISH_TEXT),
    ]);
    index_archive(&dir);
    let results = search_in(&dir, &["pandillas"]);
    let paths = hit_paths(&results);
    assert_eq!(results["total"], 2, "{results}");
    // The exact word ranks above the stemmed match.
    assert!(paths.len() == 2);
    let first = results["hits"][0]["path"].as_str().unwrap();
    assert!(
        first.ends_with("en/plural.html"),
        "exact match should rank first: {results}"
    );
    let second = &results["hits"][1];
    assert!(
        second["snippet"]
            .as_str()
            .unwrap()
            .contains("<b>pandilla</b>"),
        "{second}"
    );
    // Accents fold: `carcel` finds `cárcel`.
    assert_eq!(search_in(&dir, &["carcel"])["total"], 1);
    // English stemming.
    assert_eq!(search_in(&dir, &["negotiations"])["total"], 1);
}

const SPANISH_PLURAL: &str = "<html lang=\"es\"><head><title>Informe de la fiscalía</title></head><body><article><h1>Informe de la fiscalía</h1>\
<p>Las policías municipales entregaron a la fiscalía el resultado de la investigación sobre los cobros a los transportistas de la zona.</p>\
<p>Según el informe, los cobros continuaron durante meses antes de que los agentes identificaran a los responsables del caso.</p></article></body></html>";

/// The stemmed body is looked up at query time in the folded words, which
/// lost their accents; Spanish stems need them (`investigación` stems to
/// `investig`, `investigacion` to itself), and the index keeps each
/// accented spelling for that.
#[test]
fn spanish_singular_and_plural_find_each_other_across_accents() {
    let dir = archive(&[
        ("es/singular.html", SPANISH_SINGULAR),
        ("es/plural.html", SPANISH_PLURAL),
        ("en/plural.html", ENGLISH_TEXT),
    ]);
    index_archive(&dir);
    // Typed without their accents too: `investigacion` stems to itself,
    // its spelling `investigación` to `investig`.
    for query in [
        "investigaciones",
        "investigación",
        "investigacion",
        "policía",
        "policías",
        "policias",
    ] {
        let results = search_in(&dir, &[query]);
        let mut found: Vec<String> = hit_paths(&results)
            .iter()
            .filter_map(|p| p.split("archive/").nth(1).map(str::to_string))
            .collect();
        found.sort();
        assert_eq!(
            found,
            vec!["es/plural.html", "es/singular.html"],
            "{query}: {results}"
        );
    }
    // Exact words only: no stemming.
    assert_eq!(search_in(&dir, &["investigaciones", "--exact"])["total"], 1);
}

/// A word typed without its accent whose accented spelling the archive
/// never wrote (only the plural, which has none): `negociacion` stems to
/// itself, `negociación` to `negoci`, the plural's stem.
#[test]
fn an_unaccented_word_finds_the_plural_when_the_singular_is_nowhere() {
    let page = "<html lang=\"es\"><head><title>Diálogo roto</title></head><body><article><h1>Diálogo roto</h1>\
<p>Las negociaciones entre el gobierno y los transportistas se rompieron el lunes tras tres semanas de reuniones en la capital.</p>\
<p>Los dirigentes dijeron que volverán a la mesa cuando el ministerio presente una propuesta por escrito.</p></article></body></html>";
    let dir = archive(&[("es/plural.html", page)]);
    index_archive(&dir);
    for query in ["negociación", "negociacion", "negociaciones"] {
        assert_eq!(search_in(&dir, &[query])["total"], 1, "{query}");
    }
}

/// Soft hyphens as a CMS writes them (`&shy;`) and zero-width spaces.
const INVISIBLE_HYPHENS: &str = "<html lang=\"es\"><head><title>La pol&shy;icía de San Sal&shy;vador</title></head><body><article><h1>La pol&shy;icía de San Sal&shy;vador</h1>\
<p>Los pan&shy;dilleros de la MS&shy;13 fueron detenidos en San Sal&shy;vador por la pol&shy;icía nacional civil durante la noche del martes, según fuentes oficiales.</p>\
<p>El ministro Gustavo Villa&shy;toro confirmó las capturas ante la prensa.</p></article></body></html>";

#[test]
fn soft_hyphens_and_zero_width_spaces_do_not_split_words() {
    let scrape = "Capturas en Salva\u{200b}dor\n\nLa poli\u{200b}cía detuvo a pandilleros de la MS\u{200b}13 en San Salva\u{200b}dor, según el ministro Gustavo Villatoro, durante un operativo nocturno.\n";
    let dir = archive(&[("es/shy.html", INVISIBLE_HYPHENS), ("es/zwsp.txt", scrape)]);
    index_archive(&dir);
    for query in ["salvador", "policía", "\"san salvador\""] {
        let results = search_in(&dir, &[query]);
        assert_eq!(results["total"], 2, "{query}: {results}");
    }
    let results = search_in(
        &dir,
        &["", "--gang", "MS13", "--official", "Gustavo Villatoro"],
    );
    assert_eq!(results["total"], 2, "{results}");
    let titles: BTreeSet<String> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        titles,
        BTreeSet::from([
            "La policía de San Salvador".to_string(),
            "Capturas en Salvador".to_string()
        ])
    );
}

#[test]
fn decomposed_accents_are_found_like_composed_ones() {
    // "investigación" as a letter and a combining acute (NFD).
    let scrape = "La investigacio\u{301}n de la polici\u{301}a\n\nLa polici\u{301}a de San Salvador detuvo a pandilleros de la MS13 durante la investigacio\u{301}n, segu\u{301}n la fiscali\u{301}a.\n";
    let dir = archive(&[("es/nfd.txt", scrape)]);
    index_archive(&dir);
    for query in [
        "investigación",
        "investigacion",
        "policía",
        "\"según la fiscalía\"",
    ] {
        let results = search_in(&dir, &[query]);
        assert_eq!(results["total"], 1, "{query}: {results}");
    }
    let results = search_in(&dir, &["policía"]);
    assert_eq!(
        results["hits"][0]["title"],
        "La investigación de la policía"
    );
}

#[test]
fn gang_and_official_filters_select_exactly_the_tagged_articles() {
    let results = search_json(&["", "--gang", "ms-13", "--official", "Osiris Luna"]);
    let expected = expected_paths(|t| {
        t.gangs.iter().any(|g| g == "MS13") && t.officials.iter().any(|o| o == "Osiris Luna")
    });
    assert!(
        expected.len() >= 3,
        "the sample should have several such articles"
    );
    assert_eq!(hit_paths(&results), expected);

    // Repeated flags of one kind are OR'd.
    let results = search_json(&[
        "",
        "--official",
        "Raúl Melara",
        "--official",
        "rodolfo delgado",
    ]);
    let expected = expected_paths(|t| {
        t.officials
            .iter()
            .any(|o| o == "Raúl Melara" || o == "Rodolfo Delgado")
    });
    assert_eq!(hit_paths(&results), expected);

    // A filter on Barrio 18 also finds articles naming only a faction.
    let results = search_json(&["", "--gang", "Barrio 18"]);
    let expected = expected_paths(|t| {
        t.gangs
            .iter()
            .any(|g| g == "Barrio 18" || g == "Sureños" || g == "Revolucionarios")
    });
    assert_eq!(hit_paths(&results), expected);
    let results = search_json(&["", "--gang", "sureños"]);
    let expected = expected_paths(|t| t.gangs.iter().any(|g| g == "Sureños"));
    assert_eq!(hit_paths(&results), expected);
}

#[test]
fn date_filters_are_inclusive_periods() {
    let all = search_json(&[""]);
    let in_range = |d: &str| ("2020-01-01"..="2021-06-30").contains(&d);
    let expected: BTreeSet<String> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["date"].as_str().is_some_and(in_range))
        .map(|h| h["path"].as_str().unwrap().to_string())
        .collect();
    assert!(!expected.is_empty());
    let results = search_json(&["", "--from", "2020", "--to", "2021-06"]);
    let got: BTreeSet<String> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, expected);
    // A single day.
    let day = search_json(&["", "--from", "2021-05-03", "--to", "2021-05-03"]);
    for hit in day["hits"].as_array().unwrap() {
        assert_eq!(hit["date"], "2021-05-03");
    }
}

/// A JSON object of facet counts as a map.
fn counts(v: &serde_json::Value) -> BTreeMap<String, u64> {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect()
}

#[test]
fn facet_counts_match_the_articles_and_are_multi_select() {
    let results = search_json(&[""]);
    let hits = results["hits"].as_array().unwrap();
    assert_eq!(results["total"].as_u64().unwrap() as usize, hits.len());
    let mut gangs: BTreeMap<String, u64> = BTreeMap::new();
    let mut officials: BTreeMap<String, u64> = BTreeMap::new();
    let mut years: BTreeMap<String, u64> = BTreeMap::new();
    for hit in hits {
        let mut top: BTreeSet<String> = BTreeSet::new();
        for g in hit["gangs"].as_array().unwrap() {
            let g = g.as_str().unwrap();
            top.insert(g.split('/').next().unwrap().to_string());
            if g.contains('/') {
                *gangs.entry(g.to_string()).or_default() += 1;
            }
        }
        for g in top {
            *gangs.entry(g).or_default() += 1;
        }
        for o in hit["officials"].as_array().unwrap() {
            *officials
                .entry(o.as_str().unwrap().to_string())
                .or_default() += 1;
        }
        if let Some(d) = hit["date"].as_str() {
            *years.entry(d[..4].to_string()).or_default() += 1;
        }
    }
    assert_eq!(counts(&results["facets"]["gang"]), gangs);
    assert_eq!(counts(&results["facets"]["official"]), officials);
    assert_eq!(counts(&results["facets"]["year"]), years);

    // Multi-select: a dimension's own filter is left out of its counts, the
    // others' are applied.
    let filtered = search_json(&["", "--gang", "MS13"]);
    assert_eq!(filtered["facets"]["gang"], results["facets"]["gang"]);
    let ms13_total = filtered["total"].as_u64().unwrap();
    let luna = filtered["facets"]["official"]["Osiris Luna"]
        .as_u64()
        .unwrap();
    assert!(
        luna <= ms13_total
            && luna
                < results["facets"]["official"]["Osiris Luna"]
                    .as_u64()
                    .unwrap()
                    + 1
    );
    let both = search_json(&["", "--gang", "MS13", "--official", "Osiris Luna"]);
    assert_eq!(both["total"].as_u64().unwrap(), luna);
}

/// Multi-select counts as a reporter reads them, from the hits of the query
/// alone: each dimension counted over the hits that pass the other
/// dimensions' filters.
#[test]
fn each_facet_dimension_counts_with_the_other_filters_only() {
    struct Filter<'a> {
        gang: Option<&'a str>,
        official: Option<&'a str>,
        from: Option<&'a str>,
        to: Option<&'a str>,
    }
    let filters = [
        Filter {
            gang: Some("Barrio 18"),
            official: None,
            from: None,
            to: None,
        },
        Filter {
            gang: Some("Barrio 18/Sureños"),
            official: None,
            from: Some("2015"),
            to: None,
        },
        Filter {
            gang: None,
            official: Some("Nayib Bukele"),
            from: None,
            to: Some("2021-06"),
        },
        Filter {
            gang: Some("MS13"),
            official: Some("Osiris Luna"),
            from: Some("2019"),
            to: Some("2023"),
        },
        Filter {
            gang: None,
            official: None,
            from: Some("2013-01-01"),
            to: Some("2020-12-31"),
        },
        // Bounds inside a month: the articles of 2020-04-28 in, 2021-12-08
        // out (the month facet alone cannot tell; the day is read).
        Filter {
            gang: None,
            official: None,
            from: Some("2020-04-15"),
            to: Some("2021-12-07"),
        },
    ];
    for query in ["", "pandillas OR gangs", "prison"] {
        let all = search_json(&[query, "--no-collapse"]);
        let hits = all["hits"].as_array().unwrap();
        assert_eq!(all["total"].as_u64().unwrap() as usize, hits.len());
        for f in &filters {
            let strings = |key: &str, hit: &serde_json::Value| -> Vec<String> {
                hit[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect()
            };
            let passes_gang = |hit: &serde_json::Value| {
                f.gang.is_none_or(|g| {
                    strings("gangs", hit)
                        .iter()
                        .any(|h| h == g || h.starts_with(&format!("{g}/")))
                })
            };
            let passes_official = |hit: &serde_json::Value| {
                f.official
                    .is_none_or(|o| strings("officials", hit).iter().any(|h| h == o))
            };
            let passes_date = |hit: &serde_json::Value| {
                if f.from.is_none() && f.to.is_none() {
                    return true;
                }
                let Some(date) = hit["date"].as_str() else {
                    return false;
                };
                let first = f.from.map(|d| format!("{d}-01-01")[..10].to_string());
                let last = f.to.map(|d| match d.len() {
                    4 => format!("{d}-12-31"),
                    7 => format!("{d}-31"),
                    _ => d.to_string(),
                });
                first.is_none_or(|first| date >= first.as_str())
                    && last.is_none_or(|last| date <= last.as_str())
            };
            let mut total = 0u64;
            let (mut gangs, mut officials, mut years) =
                (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
            for hit in hits {
                let (g, o, d) = (passes_gang(hit), passes_official(hit), passes_date(hit));
                total += u64::from(g && o && d);
                if o && d {
                    let mut top: BTreeSet<String> = BTreeSet::new();
                    for gang in strings("gangs", hit) {
                        top.insert(gang.split('/').next().unwrap().to_string());
                        if gang.contains('/') {
                            *gangs.entry(gang).or_insert(0u64) += 1;
                        }
                    }
                    for gang in top {
                        *gangs.entry(gang).or_insert(0u64) += 1;
                    }
                }
                if g && d {
                    for official in strings("officials", hit) {
                        *officials.entry(official).or_insert(0u64) += 1;
                    }
                }
                if g && o {
                    if let Some(date) = hit["date"].as_str() {
                        *years.entry(date[..4].to_string()).or_insert(0u64) += 1;
                    }
                }
            }
            let mut args = vec![query];
            for (flag, value) in [
                ("--gang", f.gang),
                ("--official", f.official),
                ("--from", f.from),
                ("--to", f.to),
            ] {
                if let Some(value) = value {
                    args.extend([flag, value]);
                }
            }
            let filtered = search_json(&args);
            assert_eq!(filtered["total"].as_u64().unwrap(), total, "{args:?}");
            assert_eq!(counts(&filtered["facets"]["gang"]), gangs, "{args:?}");
            assert_eq!(
                counts(&filtered["facets"]["official"]),
                officials,
                "{args:?}"
            );
            assert_eq!(counts(&filtered["facets"]["year"]), years, "{args:?}");
        }
    }
}

#[test]
fn json_shape_matches_the_design() {
    let results = search_json(&["Osiris Luna", "--gang", "MS13"]);
    let keys: Vec<&str> = results
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["query", "total", "took_ms", "hits", "facets"]);
    assert_eq!(results["query"], "Osiris Luna");
    let hit = &results["hits"][0];
    let keys: Vec<&str> = hit
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "rank",
            "score",
            "path",
            "paths",
            "url",
            "title",
            "date",
            "language",
            "gangs",
            "officials",
            "snippet",
            // Added by issue 6: all snippets (--context) and near-duplicates.
            "snippets",
            "also"
        ]
    );
    assert_eq!(hit["rank"], 1);
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert!(
        hit["snippet"]
            .as_str()
            .unwrap()
            .contains("<b>Osiris Luna</b>"),
        "{hit}"
    );
    assert!(hit["gangs"].as_array().unwrap().iter().any(|g| g == "MS13"));
    let facets: Vec<&str> = results["facets"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(facets, ["gang", "official", "year"]);
}

#[test]
fn csv_has_a_header_and_one_row_per_hit() {
    let out = dossier()
        .args([
            "search", "Bukele", "--format", "csv", "--limit", "5", "--index",
        ])
        .arg(sample_index())
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "rank",
            "score",
            "date",
            "title",
            "path",
            "url",
            "language",
            "gangs",
            "officials",
            "snippet",
            // Added by issue 6: paths of near-duplicates.
            "also"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(&rows[0][0], "1");
    assert!(!rows[0][9].contains("<b>"), "CSV snippets carry no markup");
}

#[test]
fn text_output_has_header_hits_and_facets() {
    dossier()
        .args(["search", "Osiris Luna", "--index"])
        .arg(sample_index())
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"^\d+ matches of \d+ articles in [\d.]+ ms").unwrap())
        .stdout(predicate::str::contains("  1. "))
        .stdout(predicate::str::contains("[Osiris Luna]"))
        .stdout(predicate::str::contains("gang: "))
        .stdout(predicate::str::contains("\x1b").not());
}

#[test]
fn a_hit_without_a_headline_is_shown_by_its_file_name() {
    let fragment = "<div><p>The negotiation between the government and the prisoners \
                    collapsed on Tuesday, officials said after a long night of meetings \
                    in the capital.</p></div>";
    let dir = archive(&[("2019/fragmento.html", fragment)]);
    index_archive(&dir);
    assert_eq!(search_in(&dir, &["negotiation"])["hits"][0]["title"], "");
    dossier()
        .args(["search", "negotiation", "--index"])
        .arg(dir.path().join("index"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "  1. (untitled: fragmento.html)  (undated",
        ));
}

#[test]
fn republished_article_is_one_document_with_both_paths() {
    let dup = truth()
        .into_iter()
        .find(|t| t.duplicate_of.is_some())
        .expect("sample has a duplicate");
    let original = dup.duplicate_of.clone().unwrap();
    let results = search_json(&[""]);
    let hits = results["hits"].as_array().unwrap();
    let with_dup: Vec<_> = hits
        .iter()
        .filter(|h| {
            h["paths"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p.as_str().unwrap().ends_with(&dup.path))
        })
        .collect();
    assert_eq!(with_dup.len(), 1);
    let paths = with_dup[0]["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 2);
    assert!(paths
        .iter()
        .any(|p| p.as_str().unwrap().ends_with(&original)));
    let distinct = truth().iter().filter(|t| t.duplicate_of.is_none()).count();
    assert_eq!(hits.len(), distinct);
}

#[test]
fn bad_files_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    fs::create_dir_all(&archive).unwrap();
    for entry in fs::read_dir(root().join("tests/fixtures/bad")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), archive.join(entry.file_name())).unwrap();
    }
    fs::write(archive.join("good.html"), SPANISH_SINGULAR).unwrap();
    let report = dir.path().join("report.json");
    let index = dir.path().join("index");
    dossier()
        .args(["index", "--quiet"])
        .arg(&archive)
        .arg("--index")
        .arg(&index)
        .arg("--report")
        .arg(&report)
        .assert()
        .success()
        .stdout(predicate::str::contains("indexed 1 article ("))
        .stderr(predicate::str::contains("skipped").and(predicate::str::contains("photo.jpg")));
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    for key in [
        "scanned",
        "added",
        "updated",
        "unchanged",
        "removed",
        "failed",
        "elapsed_ms",
    ] {
        assert!(report.get(key).is_some(), "report lacks {key}: {report}");
    }
    let bad_count = fs::read_dir(root().join("tests/fixtures/bad"))
        .unwrap()
        .count();
    assert_eq!(report["scanned"].as_u64().unwrap() as usize, bad_count + 1);
    assert_eq!(report["added"], 1);
    let failed = report["failed"].as_array().unwrap();
    assert_eq!(failed.len(), bad_count, "{failed:?}");
    for f in failed {
        assert!(!f["error"].as_str().unwrap().is_empty());
    }
    // --strict: committed, but exit 3.
    dossier()
        .args(["index", "--quiet", "--strict"])
        .arg(&archive)
        .arg("--index")
        .arg(&index)
        .assert()
        .code(3);
    // The index is still searchable.
    dossier()
        .args(["search", "pandillas", "--index"])
        .arg(&index)
        .assert()
        .success();
}

#[test]
fn a_saved_pages_resources_are_not_articles() {
    // "Save page, complete": the page, its frames, scripts and data. The
    // frame and the JSON name Osiris Luna; only the story may be found.
    let frame = "<html><body><div class=\"embed\"><p>Osiris Luna on the prison \
                 system, a post embedded in the page with its own long paragraph \
                 of text that reads like prose.</p></div></body></html>";
    let dir = archive(&[
        ("nota.html", ENGLISH_TEXT),
        ("nota_files/embed.html", frame),
        ("nota_files/app.js", "var who = 'Osiris Luna'; function f() { return who; }"),
        (
            "meta.json",
            "{\n  \"title\": \"Osiris Luna\",\n  \"body\": \"Osiris Luna spoke about the prisons at length today.\"\n}",
        ),
    ]);
    let (run, report) = index_reporting(&dir);
    run.success().stdout(
        predicate::str::contains("indexed 1 article (0 failed)")
            .and(predicate::str::contains("3 files not articles passed over")),
    );
    assert_eq!(report["scanned"], 1, "{report}");
    assert_eq!(report["resources_skipped"], 3, "{report}");
    assert_eq!(search_in(&dir, &["negotiation"])["total"], 1);
    assert_eq!(search_in(&dir, &["Osiris Luna"])["total"], 0);
}

#[test]
fn gzipped_pages_are_read_and_match_their_uncompressed_copy() {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(SPANISH_SINGULAR.as_bytes()).unwrap();
    let dir = archive(&[("2021/operativo.html", SPANISH_SINGULAR)]);
    let archive_dir = dir.path().join("archive");
    fs::write(archive_dir.join("copia.html.gz"), gz.finish().unwrap()).unwrap();
    // Gzip magic and then garbage: reported, not a panic.
    fs::write(archive_dir.join("roto.html.gz"), b"\x1f\x8b\x08\x00garbage").unwrap();
    let (run, report) = index_reporting(&dir);
    run.success().stderr(
        predicate::str::contains("roto.html.gz").and(predicate::str::contains("damaged gzip data")),
    );
    assert_eq!(report["articles"], 1, "{report}");
    let results = search_in(&dir, &["Soyapango"]);
    assert_eq!(results["total"], 1);
    let mut paths: Vec<String> = results["hits"][0]["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().rsplit('/').next().unwrap().to_string())
        .collect();
    paths.sort();
    assert_eq!(paths, ["copia.html.gz", "operativo.html"]);
    assert_eq!(results["hits"][0]["title"], "Operativo en Soyapango");
}

#[test]
fn a_page_saved_as_mhtml_is_read_as_the_page() {
    // Chrome's "Webpage, Single File": the page in quoted-printable, with
    // soft line breaks inside words, then its stylesheet.
    let page = "<html lang=3D\"es\"><head><meta charset=3D\"utf-8\"><title>Operativo en =\r\n\
                Soyapango</title></head><body><article><h1>Operativo en Soyapango</h1>\r\n\
                <p>La polic=C3=ADa detuvo a un l=C3=ADder de la MS-=\r\n13 durante un operat=\r\n\
                ivo nocturno en el centro de la ciudad, seg=C3=BAn inform=C3=B3 la fiscal=\r\n\
                =C3=ADa.</p><p>El detenido fue trasladado a una c=C3=A1rcel de m=C3=A1xima =\r\n\
                seguridad mientras contin=C3=BAan las investigaciones sobre la extorsi=C3=\r\n\
                =B3n a comerciantes.</p></article></body></html>";
    let mhtml = format!(
        "From: <Saved by Blink>\r\n\
         Snapshot-Content-Location: https://example.org/operativo\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----B--1\"\r\n\
         \r\n\
         ------B--1\r\n\
         Content-Type: text/html\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\
         Content-Location: https://example.org/operativo\r\n\
         \r\n\
         {page}\r\n\
         ------B--1\r\n\
         Content-Type: text/css\r\n\
         Content-Location: https://example.org/s.css\r\n\
         \r\n\
         p {{ margin: 0 }}\r\n\
         ------B--1--\r\n"
    );
    let dir = archive(&[("operativo.mhtml", &mhtml)]);
    index_archive(&dir);
    let results = search_in(&dir, &["informó"]);
    assert_eq!(results["total"], 1, "{results}");
    let hit = &results["hits"][0];
    assert_eq!(hit["title"], "Operativo en Soyapango");
    // The page names no address of its own: the one it was saved from.
    assert_eq!(hit["url"], "https://example.org/operativo");
    assert_eq!(hit["gangs"], serde_json::json!(["MS13"]));
    assert!(hit["snippet"].as_str().unwrap().contains("líder"), "{hit}");
    assert_eq!(search_in(&dir, &["extorsión"])["total"], 1);
}

#[test]
fn a_page_saved_by_safari_as_a_web_archive_is_read_as_the_page() {
    use plist::{Dictionary, Value};
    // Safari's default "Save As": a binary property list, the page's bytes
    // in Windows-1252 as the site sent them, with their encoding named.
    let (page, _, _) = encoding_rs::WINDOWS_1252.encode(SPANISH_SINGULAR);
    let mut main = Dictionary::new();
    main.insert("WebResourceData".into(), Value::Data(page.into_owned()));
    main.insert(
        "WebResourceMIMEType".into(),
        Value::String("text/html".into()),
    );
    main.insert(
        "WebResourceTextEncodingName".into(),
        Value::String("windows-1252".into()),
    );
    main.insert(
        "WebResourceURL".into(),
        Value::String("https://example.org/operativo".into()),
    );
    let mut root = Dictionary::new();
    root.insert("WebMainResource".into(), Value::Dictionary(main));
    let mut archive_bytes = Vec::new();
    Value::Dictionary(root)
        .to_writer_binary(&mut archive_bytes)
        .unwrap();
    let dir = archive(&[("2021/operativo.html", SPANISH_SINGULAR)]);
    fs::write(
        dir.path().join("archive/operativo.webarchive"),
        archive_bytes,
    )
    .unwrap();
    index_archive(&dir);
    // The same article as the page saved plainly: one document, two paths.
    let results = search_in(&dir, &["policía"]);
    assert_eq!(results["total"], 1, "{results}");
    assert_eq!(results["hits"][0]["paths"].as_array().unwrap().len(), 2);
    assert_eq!(results["hits"][0]["title"], "Operativo en Soyapango");
}

fn assert_usage_error(args: &[&str], message: &str) {
    dossier()
        .args(args)
        .arg("--index")
        .arg(sample_index())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains("panicked").not())
        .stderr(predicate::str::contains("RUST_BACKTRACE").not());
}

#[test]
fn an_exclusion_alone_excludes_from_the_filters() {
    let paths =
        |args: &[&str]| -> BTreeSet<String> { hit_paths(&search_json(args)).into_iter().collect() };
    let gang = paths(&["", "--gang", "MS13"]);
    let with_prison = paths(&["prison", "--gang", "MS13"]);
    let without = paths(&["-prison", "--gang", "MS13"]);
    assert!(!with_prison.is_empty() && !without.is_empty());
    assert_eq!(without, &gang - &with_prison);
    // With no filter to exclude from, or beside OR, it is refused.
    assert_usage_error(
        &["search", "-prison"],
        "add a term to look for, or a filter",
    );
    assert_usage_error(&["search", "truce OR -Funes"], "outside the OR");
}

#[test]
fn letters_and_a_number_match_written_together_or_apart() {
    let story = |gang: &str, place: &str| {
        format!(
            "Police in {place} arrested three members of the {gang} gang on Tuesday after a \
             long investigation into extortion of bus drivers, prosecutors said.\n\n\
             The suspects face charges of illicit association and extortion."
        )
    };
    let dir = archive(&[
        ("joined.txt", story("MS13", "Soyapango").as_str()),
        ("hyphened.txt", story("MS-13", "Apopa").as_str()),
        ("spaced.txt", story("MS 13", "Ilopango").as_str()),
        ("other.txt", story("Barrio 18", "Mejicanos").as_str()),
    ]);
    index_archive(&dir);
    let paths = |query: &str| -> BTreeSet<String> {
        hit_paths(&search_in(&dir, &[query])).into_iter().collect()
    };
    let all_three: BTreeSet<String> = ["hyphened.txt", "joined.txt", "spaced.txt"]
        .iter()
        .map(|p| p.to_string())
        .collect();
    let names = |set: BTreeSet<String>| -> BTreeSet<String> {
        set.iter()
            .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
            .collect()
    };
    for query in [
        "MS13",
        "MS-13",
        "\"MS 13\"",
        "ms-13 extortion",
        "\"the MS13 gang\"",
    ] {
        assert_eq!(names(paths(query)), all_three, "{query}");
    }
    assert_eq!(
        names(paths("-MS13 extortion")),
        ["other.txt".to_string()].into()
    );
}

#[test]
fn malformed_input_exits_2_with_a_message() {
    assert_usage_error(&["search", "\"unclosed"], "unclosed quote at column 1");
    assert_usage_error(
        &["search", "luna title:"],
        "field 'title:' needs a value at column 6",
    );
    assert_usage_error(&["search", "author:luna"], "unknown field 'author'");
    assert_usage_error(&["search", "(luna"], "unclosed '('");
    assert_usage_error(
        &["search", "luna", "--from", "2021-13"],
        "month must be 01 to 12",
    );
    assert_usage_error(&["search", "luna", "--to", "2021-02-30"], "no day 30");
    assert_usage_error(
        &["search", "luna", "--from", "2022", "--to", "2021"],
        "is after",
    );
    assert_usage_error(
        &["search", "luna", "--gang", "Los Nadie"],
        "unknown gang 'Los Nadie'",
    );
    // A surname two officials bear picks neither: the reporter is told who.
    assert_usage_error(
        &["search", "prisons", "--official", "luna"],
        "'luna' names more than one official ('Osiris Luna', 'Genaro García Luna')",
    );
    assert_usage_error(
        &["search", "official:Luna prisons"],
        "names more than one official",
    );
    assert_usage_error(
        &["search", "luna", "--bogus"],
        "unexpected argument '--bogus'",
    );
    assert_usage_error(
        &["search", "luna", "--format", "xml"],
        "invalid value 'xml'",
    );
}

#[test]
fn missing_index_says_how_to_build_one() {
    let dir = tempfile::tempdir().unwrap();
    dossier()
        .args(["search", "luna", "--index"])
        .arg(dir.path().join("nope"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no dossier index at")
                .and(predicate::str::contains("dossier index ARCHIVE")),
        );
    dossier()
        .args(["stats", "--index"])
        .arg(dir.path().join("nope"))
        .assert()
        .code(2);
}

#[test]
fn refuses_to_write_an_index_into_a_folder_that_is_not_one() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "my notes").unwrap();
    dossier()
        .args(["index", "--quiet", "--index"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a dossier index"));
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "my notes"
    );
}

#[test]
fn no_match_exits_1() {
    dossier()
        .args(["search", "zxqvwy", "--index"])
        .arg(sample_index())
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("0 matches"));
}

#[test]
fn control_characters_from_archived_pages_never_reach_the_terminal() {
    let page = "<html lang=\"en\"><head><title>Evil\x1b]0;pwned\x07 title</title></head><body><article><h1>Evil\x1b[2J title</h1>\
<p>The escape\x1b[31m sequence in this paragraph about extortion must be stripped before printing to a terminal.</p>\
<p>A second paragraph about extortion keeps the article long enough to be read as an article.</p></article></body></html>";
    let dir = archive(&[("evil.html", page)]);
    index_archive(&dir);
    let out = dossier()
        .args(["search", "extortion", "--color", "always", "--index"])
        .arg(dir.path().join("index"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // Only our own colour codes (ESC [ digits ; m) may appear.
    let stripped = regex_lite_strip(&text);
    assert!(
        !stripped.contains('\x1b') && !stripped.contains('\x07'),
        "{text:?}"
    );
}

/// Removes the SGR colour sequences dossier itself writes.
fn regex_lite_strip(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            let mut seq = String::new();
            for n in chars.by_ref() {
                seq.push(n);
                if n.is_ascii_alphabetic() {
                    break;
                }
            }
            if seq.ends_with('m')
                && seq[1..seq.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ';')
            {
                continue;
            }
            out.push(c);
            out.push_str(&seq);
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn inspect_the_seed_scrape() {
    let seed = root().join("../shared/seed/insightcrime-gang-negotiations.txt");
    if !seed.exists() {
        eprintln!("skipping: {} not present", seed.display());
        return;
    }
    let doc = json_of(
        dossier()
            .arg("inspect")
            .arg(&seed)
            .args(["--format", "json"]),
    );
    let keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        &keys[..10],
        [
            "path",
            "url",
            "title",
            "date",
            "date_source",
            "language",
            "gangs",
            "officials",
            "body",
            "content_hash"
        ]
    );
    assert_eq!(
        doc["title"],
        "Evidence of Gang Negotiations Belie El Salvador President’s Claims"
    );
    assert_eq!(doc["date"], serde_json::Value::Null);
    let body = doc["body"].as_str().unwrap();
    assert!(
        body.starts_with("A scrapped investigation by El Salvador’s former Attorney General"),
        "{}",
        &body[..80]
    );
    for furniture in [
        "Was this content helpful",
        "We want to sustain",
        "Related Content",
        "About InSight Crime",
        "SEE ALSO",
        "share icon",
    ] {
        assert!(!body.contains(furniture), "body keeps '{furniture}'");
    }
    let gangs: Vec<&str> = doc["gangs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for g in ["MS13", "Barrio 18/Sureños", "Barrio 18/Revolucionarios"] {
        assert!(gangs.contains(&g), "{gangs:?} lacks {g}");
    }
    let officials: BTreeSet<&str> = doc["officials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let expected: BTreeSet<&str> = [
        "Nayib Bukele",
        "Osiris Luna",
        "Carlos Marroquín",
        "Raúl Melara",
        "Rodolfo Delgado",
        "Mauricio Funes",
    ]
    .into_iter()
    .collect();
    assert_eq!(officials, expected);
}

#[test]
fn inspect_reports_unreadable_files() {
    dossier()
        .args(["inspect", "tests/fixtures/bad/photo.jpg"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("photo.jpg"));
    dossier()
        .args(["inspect", "no/such/file.html"])
        .assert()
        .code(2);
}

/// `facets ARGS --format json --index SAMPLE`.
fn facets_json(args: &[&str]) -> serde_json::Value {
    let out = dossier()
        .arg("facets")
        .args(args)
        .args(["--format", "json", "--index"])
        .arg(sample_index())
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn facets_count_among_the_filtered_articles_in_every_dimension() {
    let vatos = facets_json(&["--gang", "Vatos Locos"]);
    let total = vatos["total"].as_u64().unwrap();
    assert!(total >= 1, "{vatos}");
    for dimension in ["gang", "official", "year"] {
        for (name, count) in vatos["facets"][dimension].as_object().unwrap() {
            assert!(
                count.as_u64().unwrap() <= total,
                "{dimension} {name}: {count} among {total}"
            );
        }
    }
    assert_eq!(vatos["facets"]["gang"]["Vatos Locos"].as_u64(), Some(total));
    // A date filter narrows the years, as it narrows the months.
    let in_2021 = facets_json(&["--from", "2021", "--to", "2021", "--field", "year"]);
    let years: Vec<&String> = in_2021["facets"]["year"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(years, ["2021"], "{in_2021}");
}

#[test]
fn facets_and_stats_commands() {
    dossier()
        .args(["facets", "--field", "gang", "--index"])
        .arg(sample_index())
        .assert()
        .success()
        .stdout(predicate::str::contains("MS13"));
    let out = dossier()
        .args(["facets", "--field", "month", "--format", "json", "--index"])
        .arg(sample_index())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["facets"]["month"]
        .as_object()
        .unwrap()
        .keys()
        .all(|k| k.len() == 7 && &k[4..5] == "-"));
    let out = dossier()
        .args(["stats", "--format", "json", "--index"])
        .arg(sample_index())
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let distinct = truth().iter().filter(|t| t.duplicate_of.is_none()).count() as u64;
    assert_eq!(stats["articles"], distinct);
    assert!(stats["languages"]["es"].as_u64().unwrap() * 3 >= distinct);
}

#[test]
fn a_second_writer_is_refused_while_one_holds_the_lock() {
    // Hold tantivy's writer lock from this process, as a running build does.
    let dir = tempfile::tempdir().unwrap();
    let archive_dir = archive(&[("a.html", SPANISH_SINGULAR)]);
    let index = dir.path().join("index");
    build_index(&archive_dir.path().join("archive"), &index);
    let opened = tantivy::Index::open_in_dir(&index).unwrap();
    let _writer: tantivy::IndexWriter = opened.writer(20_000_000).unwrap();
    dossier()
        .args(["index", "--quiet"])
        .arg(archive_dir.path().join("archive"))
        .arg("--index")
        .arg(&index)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "another `dossier index` is writing",
        ));
    // Searching still works meanwhile.
    dossier()
        .args(["search", "pandilla", "--index"])
        .arg(&index)
        .assert()
        .success();
}

#[test]
fn a_first_build_killed_before_its_commit_does_not_wedge_the_folder() {
    // What a first `dossier index` leaves when killed before tantivy wrote
    // meta.json: our lock file, tantivy's file list and a temporary file.
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    fs::create_dir_all(&index).unwrap();
    fs::write(index.join("dossier-writer.lock"), "pid 1\n").unwrap();
    fs::write(index.join(".managed.json"), "[]").unwrap();
    fs::write(index.join(".tmpXMyoUD"), "").unwrap();
    let archive_dir = archive(&[("a.html", SPANISH_SINGULAR)]);
    build_index(&archive_dir.path().join("archive"), &index);
    dossier()
        .args(["search", "pandilla", "--index"])
        .arg(&index)
        .assert()
        .success();
}

/// The files of an index's segments (named by a segment id), largest first.
fn segment_files(index: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap_or("");
            name.len() > 33
                && name.as_bytes()[32] == b'.'
                && name[..32].bytes().all(|b| b.is_ascii_hexdigit())
        })
        .collect();
    files.sort_by_key(|p| std::cmp::Reverse(fs::metadata(p).unwrap().len()));
    files
}

/// `stats --check` on `index` passes.
fn assert_index_checks_sound(index: &std::path::Path) {
    dossier()
        .args(["stats", "--check", "--index"])
        .arg(index)
        .assert()
        .success()
        .stdout(predicate::str::contains("all match their checksums"));
}

/// tantivy's lists of segments and files carry no checksum; one that
/// cannot be read (a copy cut short, a file edited by hand) is named as
/// the damage, with the way to recover, by every command that stops on it
/// and by `stats --check`.
#[test]
fn an_unreadable_list_of_segments_or_files_is_named_as_damage() {
    let dir = archive(&[("a.html", ENGLISH_TEXT), ("b.html", SPANISH_SINGULAR)]);
    index_archive(&dir);
    let index = dir.path().join("index");
    let meta = fs::read_to_string(index.join("meta.json")).unwrap();
    assert!(meta.contains("\"title_en\""), "{meta}");
    for (name, garbage) in [
        ("meta.json", "{\"segments\": [{\"segment_id\"".to_string()),
        // JSON, but not a list of segments tantivy can read.
        (
            "meta.json",
            "{\"segments\": [], \"opstamp\": 1}".to_string(),
        ),
        // A list tantivy reads, whose schema lost one of dossier's fields
        // (one flipped bit in its name).
        ("meta.json", meta.replace("\"title_en\"", "\"title_un\"")),
        (".managed.json", "{\"broken\": true}".to_string()),
    ] {
        let path = index.join(name);
        let original = fs::read(&path).unwrap();
        fs::write(&path, garbage).unwrap();
        for cmd in [
            &["search", "negotiation"][..],
            &["stats", "--check"],
            &["stats"],
        ] {
            let out = dossier()
                .args(cmd)
                .arg("--index")
                .arg(&index)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{name} {cmd:?}: {stderr}");
            assert!(
                stderr.contains("is damaged")
                    && stderr.contains(name)
                    && stderr.contains("dossier index ARCHIVE --index"),
                "{name} {cmd:?}: {stderr}"
            );
        }
        fs::write(&path, original).unwrap();
    }
    assert_index_checks_sound(&index);
}

/// tantivy's list of its files (`.managed.json`, no checksum) only says
/// which files it may delete: when it cannot be read, the articles are
/// intact, the message says so, and the next build writes the list again
/// instead of asking for a rebuild from the archive. Segments the list
/// lost are still cleaned up once no commit uses them.
#[test]
fn an_unreadable_list_of_files_is_written_again_by_the_next_build() {
    let dir = archive(&[("a.html", ENGLISH_TEXT), ("b.html", SPANISH_SINGULAR)]);
    index_archive(&dir);
    let index = dir.path().join("index");
    let before = segment_files(&index);
    fs::write(index.join(".managed.json"), b"{\"broken\": true}").unwrap();
    let out = dossier()
        .args(["search", "negotiation", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(".managed.json")
            && stderr.contains("articles are intact")
            && stderr.contains("dossier index ARCHIVE --index"),
        "{stderr}"
    );
    let out = dossier()
        .arg("index")
        .arg(dir.path().join("archive"))
        .arg("--index")
        .arg(&index)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout} {stderr}");
    assert!(
        format!("{stdout}{stderr}")
            .contains("(.managed.json) could not be read and was written again"),
        "{stdout} {stderr}"
    );
    assert_index_checks_sound(&index);
    let found = json_of(
        dossier()
            .args(["search", "negotiation", "--format", "json", "--index"])
            .arg(&index),
    );
    assert!(found["total"].as_u64().unwrap() > 0, "{found}");
    // A full build replaces every segment: those of the build before must
    // be gone, though tantivy's list lost them.
    let rebuild_without = |before: &[std::path::PathBuf]| {
        dossier()
            .args(["index", "--quiet", "--full"])
            .arg(dir.path().join("archive"))
            .arg("--index")
            .arg(&index)
            .assert()
            .success();
        let after = segment_files(&index);
        assert!(
            before.iter().all(|f| !after.contains(f)),
            "{before:?} left beside {after:?}"
        );
        assert_index_checks_sound(&index);
        after
    };
    let after = rebuild_without(&before);
    // A missing list is written again too (tantivy would start an empty
    // one, and never delete the segments it no longer knows).
    fs::remove_file(index.join(".managed.json")).unwrap();
    rebuild_without(&after);
}

/// A damaged index (a disk error, a copy cut short) is an error that names
/// the damaged files and says how to recover, whether tantivy reports the
/// damage as an error or stops on it with a panic; never a panic message
/// or a backtrace. `stats --check` finds damage no search has tripped on.
#[test]
fn a_damaged_index_is_named_as_such_not_a_panic() {
    let dir = archive(&[("a.html", ENGLISH_TEXT), ("b.html", SPANISH_SINGULAR)]);
    index_archive(&dir);
    let index = dir.path().join("index");
    assert_index_checks_sound(&index);
    let files = segment_files(&index);
    let largest = files.first().expect("segment files").clone();
    let name = largest.file_name().unwrap().to_str().unwrap().to_string();
    let original = fs::read(&largest).unwrap();

    let damaged = |cmd: &[&str]| {
        let out = dossier()
            .args(cmd)
            .arg("--index")
            .arg(&index)
            .env("RUST_BACKTRACE", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(2), "{cmd:?}: {stderr}");
        assert!(
            stderr.contains("is damaged") && stderr.contains(&name),
            "{cmd:?}: {stderr}"
        );
        assert!(stderr.contains("dossier index ARCHIVE --index"), "{stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("backtrace"),
            "{cmd:?}: {stderr}"
        );
    };
    // Cut to five bytes: tantivy (0.25 to 0.27) panics on a file shorter than its
    // footer (a panic inside the search).
    fs::write(&largest, &original[..5]).unwrap();
    damaged(&["search", "negotiation"]);
    damaged(&["stats"]);
    // Cut in half: tantivy returns an error.
    fs::write(&largest, &original[..original.len() / 2]).unwrap();
    damaged(&["search", "negotiation"]);
    damaged(&["export", "--format", "ndjson"]);
    // One bit flipped in the middle: searches may not notice; the check does.
    let mut flipped = original.clone();
    flipped[original.len() / 2] ^= 0x04;
    fs::write(&largest, &flipped).unwrap();
    damaged(&["stats", "--check"]);
}

#[test]
fn a_quoted_phrase_does_not_match_across_table_cells_or_paragraphs() {
    let page = |title: &str, blocks: &str| {
        format!(
            "<html lang=\"es\"><head><title>{title}</title></head><body><article><h1>{title}</h1>\
<p>El director de Centros Penales habló con los periodistas el martes sobre las cárceles del país y lo que significan.</p>\
{blocks}\
<p>Otro párrafo largo para que el extractor tenga texto suficiente y tome este bloque como el artículo de la página.</p>\
</article></body></html>"
        )
    };
    let dir = archive(&[
        (
            "cells.html",
            &page(
                "Lista de nombres",
                "<table><tr><td>Osiris</td><td>Luna</td></tr></table><p>Un párrafo termina en Osiris</p><p>Luna llena sobre el penal.</p>",
            ),
        ),
        (
            "sentence.html",
            &page(
                "Declaraciones del director",
                "<p>El director Osiris Luna Meza negó las acusaciones.</p>",
            ),
        ),
    ]);
    index_archive(&dir);
    let paths = |query: &str| -> Vec<String> {
        hit_paths(&search_in(&dir, &[query]))
            .into_iter()
            .map(|p| p.rsplit('/').next().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(paths("\"Osiris Luna\""), ["sentence.html"]);
    // The words alone still find both.
    assert_eq!(paths("Osiris Luna").len(), 2);
}

#[test]
fn an_offset_past_the_last_hit_says_where_the_list_ends() {
    let out = dossier()
        .args(["search", "prisons", "--offset", "1000", "--index"])
        .arg(sample_index())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let total: usize = text
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count opens the header");
    assert!(total > 0, "{text}");
    assert!(
        text.contains(&format!(
            "no hit at this --offset: the list ends at {total}"
        )),
        "{text}"
    );
    // A page inside the list, or a count alone, says nothing of the kind.
    for args in [["--offset", "0"], ["--limit", "0"]] {
        let out = dossier()
            .args(["search", "prisons"])
            .args(args)
            .arg("--index")
            .arg(sample_index())
            .output()
            .unwrap();
        assert!(!String::from_utf8_lossy(&out.stdout).contains("no hit at this"));
    }
}

#[test]
fn inspect_names_the_file_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("nota-en-tuberia.html");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("mkfifo unavailable: test skipped");
        return;
    }
    dossier()
        .arg("inspect")
        .arg(&pipe)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "nota-en-tuberia.html: not a regular file",
        ));
}

/// The paths of the hits of `search_in`, in rank order, by file name.
fn ranked_names(results: &serde_json::Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap_or_default();
            path.rsplit('/').next().unwrap_or_default().to_string()
        })
        .collect()
}

/// A plain text scrape: headline, blank line, paragraphs.
fn scrape(title: &str, paragraphs: &[&str]) -> String {
    let mut text = format!("{title}\n");
    for p in paragraphs {
        text.push_str(&format!("\n{p}\n"));
    }
    text
}

// QA pass 13, B2 and B3 (repro-03, repro-04): the words of an unquoted
// query standing together rank above the same words apart; the matches stay
// the same.
#[test]
fn words_typed_together_rank_above_the_same_words_apart() {
    let f1 = "Los magistrados escucharon durante la mañana a los peritos contables, que \
              revisaron los registros de llamadas y las transferencias bancarias de los \
              acusados entre 2012 y 2014.";
    let f2 = "La defensa pidió más tiempo para revisar los documentos y el tribunal fijó la \
              próxima audiencia para dentro de tres semanas, según el calendario publicado.";
    let fill = "La sesión se prolongó hasta la noche y los diputados discutieron partidas de \
                educación, salud, obras públicas, transporte y agricultura, con largas \
                intervenciones sobre el endeudamiento del Estado y los intereses que se pagan \
                cada año a los bancos y a los organismos multilaterales.";
    let files = [
        (
            "a-far.txt",
            scrape(
                "Audiencia en el juicio",
                &[
                    "Se habló de la tregua.",
                    f1,
                    f2,
                    "Testigos describieron la negociación de 2012 entre pandillas.",
                ],
            ),
        ),
        (
            "b-near.txt",
            scrape(
                "Audiencia en el juicio",
                &[
                    f1,
                    f2,
                    "Se habló de la tregua entre pandillas.",
                    "Testigos describieron la negociación de 2012.",
                ],
            ),
        ),
        (
            "exact.txt",
            scrape(
                "Asamblea aprueba nueva prórroga",
                &[
                    "La Asamblea aprobó la décima prórroga del régimen de excepción, vigente \
                     desde marzo.",
                    f1,
                ],
            ),
        ),
        (
            "scattered.txt",
            scrape(
                "Debate sobre el sistema penitenciario",
                &[
                    "El régimen penitenciario es objeto de crítica. Sin excepción, las \
                     organizaciones lo cuestionan.",
                    "Un régimen más duro no es una excepción sino la regla; el régimen de \
                     visitas sigue suspendido y cada excepción se decide caso por caso.",
                ],
            ),
        ),
        (
            "museo.txt",
            scrape(
                "Mitología egipcia en el museo nacional",
                &[
                    "La muestra incluye una estatua de Osiris, dios de los muertos, hallada \
                     junto a un altar de la luna.",
                    "Los curadores destacan que la Luna tenía un papel central en el culto.",
                ],
            ),
        ),
        (
            "foro.txt",
            scrape(
                "Diputados aprueban el presupuesto de 2021",
                &[
                    fill,
                    "Entre los asistentes estuvo Osiris Luna, director de Centros Penales, \
                     quien defendió la partida de su dirección.",
                    fill,
                ],
            ),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let dir = archive(&files);
    index_archive(&dir);
    let ranked = |q: &str| ranked_names(&search_in(&dir, &[q, "--no-collapse"]));
    assert_eq!(ranked("tregua pandillas"), ["b-near.txt", "a-far.txt"]);
    assert_eq!(
        ranked("régimen de excepción"),
        ["exact.txt", "scattered.txt"]
    );
    assert_eq!(ranked("Osiris Luna"), ["foro.txt", "museo.txt"]);
    // Ranking only: the quoted phrase still selects, the bare words do not.
    assert_eq!(ranked("\"régimen de excepción\""), ["exact.txt"]);
    assert_eq!(search_in(&dir, &["régimen de excepción"])["total"], 2);
}

// QA pass 13, C4 (repro-06): hits of equal score come newest first, in the
// same order whatever the build, on every page.
#[test]
fn equal_scores_are_ordered_newest_first_on_every_build() {
    let dates = ["2019", "2023", "2021", "2017", "2020", "2022"];
    let names = ["alfa", "bravo", "delta", "echo", "fox", "golf"];
    let texts: Vec<(String, String)> = names
        .iter()
        .zip(dates)
        .map(|(name, year)| {
            (
                format!("t-{name}.txt"),
                scrape(
                    &format!("Nota {name}"),
                    &[&format!(
                        "SAN SALVADOR, 3 de marzo de {year}. — Vecinos denunciaron un \
                         secuestro en la colonia durante la madrugada."
                    )],
                ),
            )
        })
        .collect();
    let files: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let years = |results: &serde_json::Value| -> Vec<String> {
        results["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["date"].as_str().unwrap_or("-")[..4].to_string())
            .collect()
    };
    let newest_first = ["2023", "2022", "2021", "2020", "2019", "2017"];
    for threads in ["1", "2", "3"] {
        let dir = archive(&files);
        dossier()
            .args(["index", "--quiet", "--threads", threads])
            .arg(dir.path().join("archive"))
            .arg("--index")
            .arg(dir.path().join("index"))
            .assert()
            .success();
        let all = search_in(&dir, &["secuestro", "--no-collapse"]);
        let scores: Vec<f64> = all["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["score"].as_f64().unwrap())
            .collect();
        assert!(scores.windows(2).all(|w| w[0] == w[1]), "{scores:?}");
        assert_eq!(years(&all), newest_first, "--threads {threads}");
        // Pages follow the same order.
        let mut paged = Vec::new();
        for offset in ["0", "2", "4"] {
            let args = [
                "secuestro",
                "--no-collapse",
                "--limit",
                "2",
                "--offset",
                offset,
            ];
            paged.extend(years(&search_in(&dir, &args)));
        }
        assert_eq!(paged, newest_first, "--threads {threads}");
    }
}

// QA pass 13, B1 (repro-02): a word as typed outranks its other stemmed
// forms, even in a headline. Spanish stems `caso`, `casa` and `casas` alike
// (`cas`); the case named in a long body ranks above the house headlines.
#[test]
fn an_exact_word_outranks_a_stemmed_headline() {
    let fill = "Los fiscales explicaron durante más de dos horas ante el tribunal la \
                cronología de las reuniones, las fechas de ingreso de los visitantes a los \
                penales, los registros de llamadas y los movimientos bancarios que, según la \
                acusación, muestran que hubo pagos a cabecillas a cambio de reducir los \
                homicidios en los meses previos a las elecciones legislativas.";
    let files = [
        (
            "a-casa.txt",
            scrape(
                "Vecinos piden reparar la casa comunal de Soyapango",
                &[
                    "Los vecinos de la colonia pidieron a la alcaldía reparar el techo del \
                   edificio antes del invierno.",
                ],
            ),
        ),
        (
            "b-caso.txt",
            scrape(
                "Fiscalía presenta nuevas pruebas contra exfuncionarios",
                &[
                    "La Fiscalía presentó nuevas pruebas en el caso Catedral contra \
                     exfuncionarios acusados de negociar con pandillas.",
                    fill,
                    fill,
                    fill,
                ],
            ),
        ),
        (
            "c-casas.txt",
            scrape(
                "Las casas de la Casa Blanca",
                &["Un recorrido por las residencias presidenciales del continente."],
            ),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let dir = archive(&files);
    index_archive(&dir);
    let results = search_in(&dir, &["caso", "--no-collapse"]);
    // The stemmed forms still match; they rank below.
    let ranked = ranked_names(&results);
    assert_eq!(ranked.len(), 3, "{ranked:?}");
    assert_eq!(ranked[0], "b-caso.txt", "{ranked:?}");
    // A plural typed finds the singular's headline as before, below the
    // article holding the word as typed.
    let results = search_in(&dir, &["casas", "--no-collapse"]);
    assert_eq!(ranked_names(&results)[0], "c-casas.txt");
}

// QA pass 13, D3 (repro-10): `similar` on an index of one article saved
// under two paths stopped on tantivy's assertion ("internal error: 1 >=
// 2", exit 2). It has nothing to list: exit 1.
#[test]
fn similar_on_one_article_saved_twice_lists_nothing() {
    let text = "Tesoro sanciona a funcionario\n\nEl Tesoro sancionó a un funcionario por \
                negociar con pandillas en las cárceles del país.\n";
    let dir = archive(&[("x.txt", text), ("y.txt", text)]);
    index_archive(&dir);
    let out = dossier()
        .arg("similar")
        .arg(dir.path().join("archive/x.txt"))
        .arg("--index")
        .arg(dir.path().join("index"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("internal error"), "{stderr}");
}
