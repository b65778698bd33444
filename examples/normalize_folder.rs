//! Normalizes every file under a folder on one thread, three times, and
//! prints the time and MB/s of each round: the normalizer alone (decode,
//! parse, extract, metadata), without tagging or indexing, for profiling
//! one site of a generated archive or a folder of real pages.
//!
//! `cargo run --release --example normalize_folder -- DIR`
//! (or `perf record target/release/examples/normalize_folder DIR`)

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let Some(root) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: normalize_folder DIR");
        return ExitCode::from(2);
    };
    let schema = match dossier::schema::Schema::embedded() {
        Ok(schema) => schema,
        Err(e) => {
            eprintln!("normalize_folder: {e}");
            return ExitCode::FAILURE;
        }
    };
    let rules = schema.furniture();
    let (files, _) = dossier::ingest::walk(&[root]);
    // Read first, so the rounds time the normalizer and not the disk.
    let pages: Vec<_> = files
        .into_iter()
        .filter_map(|file| {
            let bytes = dossier::ingest::read_file(&file.path).ok()?;
            Some((file.path, bytes))
        })
        .collect();
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    for round in 1..=3 {
        let started = Instant::now();
        let (mut articles, mut failed) = (0, 0);
        for (path, page) in &pages {
            match dossier::normalize::normalize(page, path, rules) {
                Ok(_) => articles += 1,
                Err(_) => failed += 1,
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "round {round}: {} files ({articles} articles, {failed} failed), {:.1} MB, {seconds:.3} s, {:.1} MB/s",
            pages.len(),
            bytes as f64 / 1e6,
            bytes as f64 / seconds / 1e6
        );
    }
    ExitCode::SUCCESS
}
