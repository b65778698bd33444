//! The nightly-build bench of issue 5: how much cheaper than a full build is
//! a run after a 1% change, and a run with nothing changed.
//!
//! It generates an archive of N small HTML articles (default 50,000) in a
//! temporary folder, then times, through the library:
//! 1. a full build into an empty index,
//! 2. a run after 1% of the files changed or were added (half each),
//! 3. a run with nothing changed,
//!
//! and prints each time, its ratio to the full build and the targets
//! (≤ 10% and ≤ 3%). It exits 1 if a target is missed.
//!
//! `cargo bench --bench nightly` (`-- N` for another size; `-- N DIR` to
//! keep the archive and index in DIR).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dossier::index::{self, BuildOptions, BuildReport};
use dossier::schema::Schema;

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
    "MS-13",
    "Barrio 18",
    "remesas",
    "municipio",
    "diputado",
    "bus",
    "tienda",
    "barrio",
];

/// Article `n`, version `version`: a small HTML page (≈1.5 KB) with a
/// unique title and 120 pseudo-random words.
fn article(n: usize, version: usize) -> String {
    let mut state = (n as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (version as u64);
    let mut body = String::new();
    for p in 0..3 {
        body.push_str("<p>");
        for _ in 0..40 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            body.push_str(WORDS[(state >> 33) as usize % WORDS.len()]);
            body.push(' ');
        }
        body.push_str(&format!("(nota {n}, parte {p}, versión {version}).</p>\n"));
    }
    format!(
        "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\">\
         <title>Nota {n} v{version}</title>\
         <meta property=\"article:published_time\" content=\"20{:02}-{:02}-{:02}\"></head>\
         <body><article><h1>Nota {n} v{version}</h1>\n{body}</article></body></html>\n",
        10 + n % 15,
        1 + n % 12,
        1 + n % 28
    )
}

fn path_of(archive: &Path, n: usize) -> PathBuf {
    archive
        .join(format!("{:04}", n / 500))
        .join(format!("nota-{n:07}.html"))
}

fn write(archive: &Path, n: usize, version: usize) {
    let path = path_of(archive, n);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create archive folder");
    }
    std::fs::write(&path, article(n, version)).expect("write article");
}

fn timed(schema: &Schema, options: &BuildOptions, what: &str) -> (Duration, BuildReport) {
    let started = Instant::now();
    let report = index::build(schema, options).expect("build");
    let took = started.elapsed();
    println!(
        "{what:<28} {:>8.2} s   read {:>6} files, {:>6} added, {:>5} updated, {:>6} unchanged, {} articles",
        took.as_secs_f64(),
        report.files_read,
        report.added,
        report.updated,
        report.unchanged,
        report.articles
    );
    (took, report)
}

fn main() {
    // `cargo bench` passes `--bench`; other arguments are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let temp = tempfile::tempdir().expect("temp dir");
    let root = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    let archive = root.join("archive");
    let index_dir = root.join("index");
    let _ = std::fs::remove_dir_all(&index_dir);

    let started = Instant::now();
    for i in 0..n {
        write(&archive, i, 0);
    }
    println!(
        "generated {n} articles in {:.1} s under {}",
        started.elapsed().as_secs_f64(),
        archive.display()
    );

    let schema = Schema::embedded().expect("built-in schema");
    let options = BuildOptions {
        roots: vec![archive.clone()],
        index_dir,
        threads: 0,
        progress: false,
        writer_memory: 256 * 1024 * 1024,
        full: false,
    };
    let (full, _) = timed(&schema, &options, "full build");

    // 1%: half the files edited (a later mtime), half new.
    let changed = (n / 100).max(2);
    let later = std::time::SystemTime::now() + Duration::from_secs(5);
    for k in 0..changed / 2 {
        let i = k * (n / (changed / 2)).max(1) % n;
        write(&archive, i, 1);
        if let Ok(file) = std::fs::File::options()
            .write(true)
            .open(path_of(&archive, i))
        {
            let _ = file.set_modified(later);
        }
    }
    for i in n..n + changed - changed / 2 {
        write(&archive, i, 0);
    }
    let (one_percent, _) = timed(&schema, &options, "after 1% changed or added");
    let (nothing, _) = timed(&schema, &options, "nothing changed");

    let ratio = |d: Duration| 100.0 * d.as_secs_f64() / full.as_secs_f64();
    let (r1, r0) = (ratio(one_percent), ratio(nothing));
    println!("1% run:        {r1:5.1}% of the full build (target ≤ 10%)");
    println!("no-change run: {r0:5.1}% of the full build (target ≤ 3%)");
    if r1 > 10.0 || r0 > 3.0 {
        println!("TARGET MISSED");
        std::process::exit(1);
    }
}
