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
    let path = INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let index = dir.path().join("index");
            dossier()
                .args(["index", "--quiet", "--index"])
                .arg(&index)
                .assert()
                .success();
            dir
        })
        .path()
        .join("index");
    // `PathBuf::leak` needs Rust 1.89; the crate supports 1.85.
    Box::leak(path.into_boxed_path())
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

/// Runs `cmd`, asserts it succeeded (its stderr otherwise) and parses the
/// JSON it printed.
/// Builds an index of `archive` at `index`, quietly, and expects success.
pub fn build_index(archive: &Path, index: &Path) {
    dossier()
        .args(["index", "--quiet"])
        .arg(archive)
        .arg("--index")
        .arg(index)
        .assert()
        .success();
}

pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
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

/// Words the generated articles are made of.
const WORDS: &[&str] = &[
    "pandilla",
    "extorsión",
    "fiscalía",
    "policía",
    "tregua",
    "cárcel",
    "alcalde",
    "ministro",
    "comunidad",
    "homicidio",
    "juicio",
    "acuerdo",
    "negociación",
    "mercado",
    "transporte",
    "colonia",
    "testigo",
    "sentencia",
    "dinero",
    "frontera",
    "gang",
    "prosecutor",
    "prison",
    "truce",
    "mayor",
    "witness",
    "trial",
    "border",
    "money",
    "district",
    "informe",
    "denuncia",
    "captura",
    "operativo",
    "red",
    "lavado",
];

/// The text of generated article `n` (`version` changes its wording): a
/// small HTML page whose title and body are unique to (`n`, `version`).
pub fn generated_article(n: usize, version: usize) -> String {
    let mut state = (n as u64 + 1).wrapping_mul(6364136223846793005) ^ (version as u64 + 7);
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut body = String::new();
    for p in 0..3 {
        body.push_str("<p>");
        for w in 0..40 {
            if w > 0 {
                body.push(' ');
            }
            body.push_str(WORDS[next() % WORDS.len()]);
        }
        body.push_str(&format!(" nota {n} parte {p} versión {version}.</p>\n"));
    }
    let day = 1 + n % 28;
    let month = 1 + (n / 28) % 12;
    format!(
        "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\">\
         <title>Nota {n} v{version}</title>\
         <meta property=\"article:published_time\" content=\"2021-{month:02}-{day:02}\"></head>\
         <body><article><h1>Nota {n} v{version}</h1>\n{body}</article></body></html>\n"
    )
}

/// Writes `count` generated articles (numbers `start..start + count`) into
/// `dir`, 100 to a sub-folder.
pub fn generate_archive(dir: &Path, start: usize, count: usize) {
    for n in start..start + count {
        let path = generated_path(dir, n);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(&path, generated_article(n, 0)).expect("write article");
    }
}

/// Where [`generate_archive`] puts article `n`.
pub fn generated_path(dir: &Path, n: usize) -> PathBuf {
    dir.join(format!("{:03}", n / 100))
        .join(format!("nota-{n:06}.html"))
}
