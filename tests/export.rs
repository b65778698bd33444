//! End-to-end tests of `dossier export`: one JSON object a line, in the
//! `inspect` shape, one line per indexed article.

mod common;

use std::collections::HashSet;

use common::{dossier, sample_index, truth};

/// The keys DESIGN.md gives `inspect --format json`.
const INSPECT_KEYS: &[&str] = &[
    "path",
    "url",
    "title",
    "date",
    "date_source",
    "language",
    "gangs",
    "officials",
    "body",
    "content_hash",
];

fn export_lines() -> Vec<serde_json::Value> {
    let out = dossier()
        .args(["export", "--format", "ndjson", "--index"])
        .arg(sample_index())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("export is UTF-8");
    text.lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect()
}

#[test]
fn export_writes_one_inspect_shaped_line_per_article() {
    let lines = export_lines();

    let stats = dossier()
        .args(["stats", "--format", "json", "--index"])
        .arg(sample_index())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let stats: serde_json::Value = serde_json::from_slice(&stats).expect("stats JSON");
    assert_eq!(
        lines.len() as u64,
        stats["articles"].as_u64().expect("count")
    );
    let distinct = truth().iter().filter(|t| t.duplicate_of.is_none()).count();
    assert_eq!(lines.len(), distinct);

    for line in &lines {
        let object = line.as_object().expect("a JSON object");
        for key in INSPECT_KEYS {
            assert!(object.contains_key(*key), "missing {key} in {line}");
        }
        assert!(!line["body"].as_str().unwrap_or("").is_empty(), "{line}");
    }
    let hashes: HashSet<&str> = lines
        .iter()
        .filter_map(|l| l["content_hash"].as_str())
        .collect();
    assert_eq!(hashes.len(), lines.len(), "each article once");
}

#[test]
fn export_of_a_missing_index_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    dossier()
        .args(["export", "--index"])
        .arg(dir.path().join("nothing"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no dossier index"));
}
