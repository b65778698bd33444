//! End-to-end tests of `dossier actors` on the bundled sample and on small
//! archives written by the tests.

mod common;

use std::collections::BTreeMap;
use std::fs;

use common::{dossier, sample_index, truth};

/// Runs `actors ARGS --index SAMPLE` and returns (exit code, stdout).
fn actors(args: &[&str]) -> (i32, String) {
    let out = dossier()
        .arg("actors")
        .args(args)
        .arg("--index")
        .arg(sample_index())
        .output()
        .expect("runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "actors {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.code().unwrap_or(2),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn actors_json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (_, stdout) = actors(&all);
    serde_json::from_str(&stdout).expect("actors prints JSON")
}

/// Registry officials of the truth files, counted per distinct article.
fn truth_official_counts() -> BTreeMap<String, u64> {
    let schema = dossier::schema::Schema::embedded().expect("schema");
    let mut counts = BTreeMap::new();
    for t in truth().iter().filter(|t| t.duplicate_of.is_none()) {
        for o in &t.officials {
            if schema.officials().iter().any(|e| &e.name == o) {
                *counts.entry(o.clone()).or_insert(0) += 1;
            }
        }
    }
    counts
}

#[test]
fn official_counts_equal_the_truth() {
    let result = actors_json(&["--kind", "official"]);
    let listed: BTreeMap<String, u64> = result["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .map(|a| {
            assert_eq!(a["kind"], "official");
            (
                a["name"].as_str().expect("name").to_string(),
                a["articles"].as_u64().expect("count"),
            )
        })
        .collect();
    assert_eq!(listed, truth_official_counts());
    // Most-named first.
    let counts: Vec<u64> = result["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .map(|a| a["articles"].as_u64().unwrap_or(0))
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

#[test]
fn counts_respect_the_query_and_filters() {
    let all = actors_json(&["--kind", "gang"]);
    let ms13 = |v: &serde_json::Value| {
        v["actors"]
            .as_array()
            .expect("actors")
            .iter()
            .find(|a| a["name"] == "MS13")
            .map(|a| a["articles"].as_u64().unwrap_or(0))
    };
    let filtered = actors_json(&["--kind", "gang", "--official", "Osiris Luna"]);
    let expected = truth()
        .iter()
        .filter(|t| t.duplicate_of.is_none())
        .filter(|t| t.officials.iter().any(|o| o == "Osiris Luna"))
        .filter(|t| t.gangs.iter().any(|g| g == "MS13"))
        .count() as u64;
    assert_eq!(ms13(&filtered), Some(expected));
    assert!(ms13(&all) > ms13(&filtered));
    // Nothing matches: exit 1.
    let (code, _) = actors(&["zzyzx-no-such-word"]);
    assert_eq!(code, 1);
}

/// The articles a partner of `with` is listed with.
fn partner_articles(with: &str, partner: &str) -> Option<u64> {
    let result = actors_json(&["--with", with]);
    result["partners"]
        .as_array()
        .expect("partners")
        .iter()
        .find(|p| p["name"] == partner)
        .and_then(|p| p["articles"].as_u64())
}

#[test]
fn a_pair_counts_the_same_from_both_ends_factions_included() {
    // A faction counts toward its gang as a partner too, as in search:
    // Osiris Luna beside Barrio 18 is every article naming him and the gang
    // or one of its factions.
    let searched = |query: &str| -> u64 {
        let out = dossier()
            .args(["search", query, "--count", "--index"])
            .arg(sample_index())
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("a count")
    };
    for (a, b, query) in [
        (
            "Osiris Luna",
            "Barrio 18",
            r#"official:"Osiris Luna" gang:"Barrio 18""#,
        ),
        ("MS13", "Barrio 18", r#"gang:MS13 gang:"Barrio 18""#),
    ] {
        let both = searched(query);
        assert!(both > 0, "{a} and {b}");
        assert_eq!(partner_articles(a, b), Some(both), "{a} → {b}");
        assert_eq!(partner_articles(b, a), Some(both), "{b} → {a}");
    }
    // A faction is not listed as its own gang's partner.
    assert_eq!(partner_articles("Barrio 18", "Barrio 18/Sureños"), None);
}

#[test]
fn with_osiris_luna_lists_marroquin_and_bukele() {
    let result = actors_json(&["--with", "osiris luna"]);
    assert_eq!(result["name"], "Osiris Luna");
    let luna: Vec<_> = truth()
        .into_iter()
        .filter(|t| t.duplicate_of.is_none())
        .filter(|t| t.officials.iter().any(|o| o == "Osiris Luna"))
        .collect();
    assert_eq!(result["articles"].as_u64(), Some(luna.len() as u64));
    let partners = result["partners"].as_array().expect("partners");
    for name in ["Carlos Marroquín", "Nayib Bukele"] {
        let expected = luna
            .iter()
            .filter(|t| t.officials.iter().any(|o| o == name))
            .count() as u64;
        let p = partners
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name} not listed: {result}"));
        assert_eq!(p["articles"].as_u64(), Some(expected), "{name}: {p}");
        assert!(p["sentences"].as_u64().unwrap_or(0) >= 1, "{p}");
        let evidence = p["evidence"]["sentence"].as_str().expect("evidence");
        assert!(!evidence.is_empty() && evidence.chars().count() <= 281);
    }
    // Strongest first, and never the actor itself.
    let counts: Vec<u64> = partners
        .iter()
        .map(|p| p["articles"].as_u64().unwrap_or(0))
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(partners.iter().all(|p| p["name"] != "Osiris Luna"));

    // Text and CSV carry the same partners.
    let (code, text) = actors(&["--with", "Osiris Luna"]);
    assert_eq!(code, 0);
    assert!(text.contains("Carlos Marroquín (official)"), "{text}");
    let (_, csv) = actors(&["--with", "Osiris Luna", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("name,kind,articles,sentences,evidence_path,evidence")
    );
    assert_eq!(csv.lines().count(), partners.len() + 1);
}

/// A minimal reader of the DOT this command writes: node statements and
/// undirected edges between quoted ids.
fn parse_dot(dot: &str) -> (Vec<String>, Vec<(String, String)>) {
    let body = dot
        .trim()
        .strip_prefix("graph comentions {")
        .and_then(|b| b.strip_suffix('}'))
        .expect("an undirected graph");
    let quoted = |s: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '"' {
                let mut id = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => id.extend(chars.next()),
                        '"' => break,
                        c => id.push(c),
                    }
                }
                out.push(id);
            }
        }
        out
    };
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        assert!(line.ends_with(';'), "statement without ';': {line}");
        if line.starts_with("graph [") || line.starts_with("node [") {
            continue;
        }
        let ids = quoted(line);
        if line.contains(" -- ") {
            assert!(ids.len() >= 2, "{line}");
            edges.push((ids[0].clone(), ids[1].clone()));
        } else {
            assert!(line.starts_with('"'), "{line}");
            nodes.push(ids[0].clone());
        }
    }
    (nodes, edges)
}

#[test]
fn dot_output_is_a_graph_around_the_actor() {
    let (code, dot) = actors(&["--with", "Osiris Luna", "--format", "dot"]);
    assert_eq!(code, 0);
    let (nodes, edges) = parse_dot(&dot);
    assert_eq!(nodes.first().map(String::as_str), Some("Osiris Luna"));
    assert!(nodes.iter().any(|n| n == "Carlos Marroquín"));
    assert!(nodes.iter().any(|n| n == "Barrio 18/Sureños"), "{dot}");
    // Every partner is joined to the hub; every edge joins listed nodes.
    for n in &nodes[1..] {
        assert!(
            edges
                .iter()
                .any(|(a, b)| (a == n && b == "Osiris Luna") || (b == n && a == "Osiris Luna")),
            "{n} has no edge to the hub"
        );
    }
    for (a, b) in &edges {
        assert!(nodes.contains(a) && nodes.contains(b), "{a} -- {b}");
    }
    // DOT needs --with.
    dossier()
        .args(["actors", "--format", "dot", "--index"])
        .arg(sample_index())
        .assert()
        .code(2);
}

#[test]
fn unknown_actor_is_an_error() {
    dossier()
        .args(["actors", "--with", "Nobody Inparticular", "--index"])
        .arg(sample_index())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("Nobody Inparticular"));
}

#[test]
fn suggest_proposes_role_named_people_and_never_registry_actors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = dir.path().join("archive");
    fs::create_dir_all(&archive).expect("mkdir");
    let articles = [
        (
            "a.txt",
            "Nuevo director de penales\n\nEl ministro de Seguridad, Gustavo Villatoro, presentó \
             este lunes al nuevo director. El alcalde Ernesto Muyshondt Gómez acompañó el acto \
             junto al presidente Nayib Bukele. La pandilla Los Trinitarios negó los hechos.\n",
        ),
        (
            "b.txt",
            "Capturan a cabecillas\n\nSegún el alcalde Ernesto Muyshondt Gómez, la pandilla \
             Los Trinitarios controla el mercado. Attorney General Raúl Melara did not comment. \
             La Mara Salvatrucha también opera en la zona.\n",
        ),
    ];
    for (name, text) in articles {
        fs::write(archive.join(name), text).expect("write");
    }
    let out = dossier()
        .args(["actors", "suggest"])
        .arg(&archive)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("[[official]]\nname = \"Ernesto Muyshondt Gómez\"\nrole = \"Alcalde\""),
        "{text}"
    );
    assert!(
        text.contains("[[gang]]\nname = \"Los Trinitarios\""),
        "{text}"
    );
    // The suggestions are valid TOML, ready to paste, and name no one the
    // registry knows.
    let parsed: toml::Table = toml::from_str(&text).expect("valid TOML");
    let mut names = Vec::new();
    for kind in ["official", "gang"] {
        for entry in parsed[kind].as_array().expect("entries") {
            names.push(entry["name"].as_str().expect("name").to_string());
        }
    }
    assert_eq!(names, vec!["Ernesto Muyshondt Gómez", "Los Trinitarios"]);
    // --min 3: nothing is named that often; exit 1.
    dossier()
        .args(["actors", "suggest", "--min", "3"])
        .arg(&archive)
        .assert()
        .code(1);
    // Copies of a story (compressed too) are one article, as in the
    // index: still named in two articles, not four.
    fs::copy(archive.join("a.txt"), archive.join("a-copia.txt")).expect("copy");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, articles[1].1.as_bytes()).expect("gzip");
    fs::write(archive.join("b.txt.gz"), gz.finish().expect("gzip")).expect("write");
    dossier()
        .args(["actors", "suggest", "--min", "3"])
        .arg(&archive)
        .assert()
        .code(1);
}

#[test]
fn a_road_and_a_verb_are_no_actors_in_the_counts() {
    // QA: a state route signed "MS-13", and "saca" (a verb) in a story
    // naming Antonio Saca in full, which made a sentence co-mention of him
    // and MS13.
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = dir.path().join("archive");
    let index = dir.path().join("index");
    fs::create_dir_all(&archive).expect("mkdir");
    for (name, text) in [
        (
            "road.txt",
            "Crash closes highway\n\nA truck overturned on Mississippi Highway MS-13 near \
             Morton on Tuesday. Traffic on MS 13 north of Jackson was diverted for hours.\n",
        ),
        (
            "saca.txt",
            "Condena firme\n\nEl expresidente Antonio Saca cumple diez años de prisión en \
             Mariona.\n\nSaca provecho de la tregua la MS-13, según la fiscalía.\n",
        ),
    ] {
        fs::write(archive.join(name), text).expect("write");
    }
    common::build_index(&archive, &index);
    let json = |args: &[&str]| {
        common::json_of(
            dossier()
                .arg("actors")
                .args(args)
                .args(["--format", "json", "--index"])
                .arg(&index),
        )
    };
    let gangs = json(&["--kind", "gang"]);
    let ms13 = gangs["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .find(|a| a["name"] == "MS13")
        .unwrap_or_else(|| panic!("MS13 not listed: {gangs}"));
    assert_eq!(ms13["articles"].as_u64(), Some(1), "{gangs}");
    let saca = json(&["--with", "Antonio Saca"]);
    let partner = saca["partners"]
        .as_array()
        .expect("partners")
        .iter()
        .find(|p| p["name"] == "MS13")
        .unwrap_or_else(|| panic!("MS13 not listed: {saca}"));
    assert_eq!(partner["articles"].as_u64(), Some(1), "{partner}");
    assert_eq!(partner["sentences"].as_u64(), Some(0), "{partner}");
}
