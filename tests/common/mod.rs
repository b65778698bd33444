//! Shared helpers for the end-to-end tests: the sample index (built once per
//! test binary), the ground truth of the sample corpus, and a command
//! builder.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use serde::Deserialize;

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `dossier` command run from the crate root, with no DOSSIER_INDEX leak.
pub fn dossier() -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("binary built");
    cmd.current_dir(root())
        .env_remove("DOSSIER_INDEX")
        .env("NO_COLOR", "1");
    cmd
}

/// An index of the bundled sample, built once for the whole test binary.
pub fn sample_index() -> &'static Path {
    static INDEX: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = dir.path().join("index");
        dossier()
            .args(["index", "--quiet", "--index"])
            .arg(&index)
            .assert()
            .success();
        dir
    });
    // `PathBuf::leak` needs Rust 1.89; the MSRV is 1.85.
    Box::leak(dir.path().join("index").into_boxed_path())
}

/// One article of the ground truth (`tests/fixtures/truth/*.toml`).
#[derive(Debug, Clone, Deserialize)]
pub struct Truth {
    pub path: String,
    pub language: String,
    pub title: String,
    pub date: Option<String>,
    pub gangs: Vec<String>,
    pub officials: Vec<String>,
    pub duplicate_of: Option<String>,
    pub first_words: Option<String>,
    pub last_words: Option<String>,
}

#[derive(Deserialize)]
struct TruthFile {
    article: Vec<Truth>,
}

/// Every annotated article of the sample corpus.
pub fn truth() -> Vec<Truth> {
    let mut all = Vec::new();
    for name in ["html.toml", "text.toml"] {
        let text = std::fs::read_to_string(root().join("tests/fixtures/truth").join(name))
            .expect("truth file");
        let file: TruthFile = toml::from_str(&text).expect("truth parses");
        all.extend(file.article);
    }
    all
}

/// Runs `search` with `args` against the sample index and parses the JSON.
pub fn search_json(args: &[&str]) -> serde_json::Value {
    let output = dossier()
        .arg("search")
        .args(args)
        .args(["--format", "json", "--limit", "1000", "--index"])
        .arg(sample_index())
        .output()
        .expect("runs");
    assert!(
        output.status.code() == Some(0) || output.status.code() == Some(1),
        "search {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("search prints JSON")
}

/// The corpus-relative paths of every hit (all paths of each document).
pub fn hit_paths(results: &serde_json::Value) -> Vec<String> {
    let mut paths: Vec<String> = results["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .flat_map(|h| h["paths"].as_array().cloned().unwrap_or_default())
        .map(|p| {
            p.as_str()
                .unwrap_or_default()
                .trim_start_matches("corpus-sample/")
                .to_string()
        })
        .collect();
    paths.sort();
    paths
}
