//! In-process search latency: runs each query of a TSV file many times
//! through `dossier::search::search` (the same call `dossier search` makes:
//! query, filters, BM25 top 10, multi-select facet counts, snippets,
//! near-duplicates folded) and prints one JSON object a line with p50/p99
//! in milliseconds. It also times the engine part alone, the same parsed
//! and filtered query answering only the ids of the top 10
//! (`top10_p50_ms`, `top10_p99_ms`): what the peer engines of
//! `benches/compare.sh` are timed on.
//!
//! ```sh
//! cargo bench --bench search_latency -- INDEX QUERIES.tsv [--reps 200]
//! ```
//!
//! QUERIES.tsv: `id <TAB> query [<TAB> gang <TAB> official <TAB> from <TAB> to]`,
//! empty cells meaning no filter; `#` starts a comment line. Used by
//! `benches/compare.sh`; owns no search logic.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use dossier::index;
use dossier::search::{self, SearchRequest};
use tantivy::collector::TopDocs;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn cell(cells: &[&str], i: usize) -> Option<String> {
    cells
        .get(i)
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .map(str::to_string)
}

fn main() -> ExitCode {
    let mut positional = Vec::new();
    let mut reps = 200usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bench" => {}
            "--reps" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => reps = n,
                None => {
                    eprintln!("search_latency: --reps takes a number");
                    return ExitCode::from(2);
                }
            },
            _ => positional.push(a),
        }
    }
    let [index_dir, queries] = positional.as_slice() else {
        eprintln!("usage: search_latency INDEX QUERIES.tsv [--reps 200]");
        return ExitCode::from(2);
    };
    let opened = match index::open(&PathBuf::from(index_dir)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("search_latency: {e}");
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(queries) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("search_latency: cannot read {queries}: {e}");
            return ExitCode::from(2);
        }
    };
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let cells: Vec<&str> = line.split('\t').collect();
        let id = cells.first().copied().unwrap_or("").to_string();
        let request = SearchRequest {
            query: cell(&cells, 1).unwrap_or_default(),
            gangs: cell(&cells, 2).into_iter().collect(),
            officials: cell(&cells, 3).into_iter().collect(),
            from: cell(&cells, 4),
            to: cell(&cells, 5),
            limit: 10,
            offset: 0,
            collapse: true,
            ..SearchRequest::default()
        };
        let mut total = 0;
        let mut times = Vec::with_capacity(reps);
        for k in 0..reps + 3 {
            let started = Instant::now();
            match search::search(&opened, &request) {
                Ok(results) => total = results.total,
                Err(e) => {
                    eprintln!("search_latency: {id}: {e}");
                    return ExitCode::from(2);
                }
            }
            // The first runs warm the caches.
            if k >= 3 {
                times.push(started.elapsed().as_secs_f64() * 1e3);
            }
        }
        times.sort_by(f64::total_cmp);
        let top10 = match top10_times(&opened, &request, reps) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("search_latency: {id}: {e}");
                return ExitCode::from(2);
            }
        };
        let object = serde_json::json!({
            "id": id,
            "query": request.query,
            "gang": request.gangs.first(),
            "official": request.officials.first(),
            "from": request.from,
            "to": request.to,
            "hits": total,
            "reps": reps,
            "p50_ms": percentile(&times, 50.0),
            "p99_ms": percentile(&times, 99.0),
            "top10_p50_ms": percentile(&top10, 50.0),
            "top10_p99_ms": percentile(&top10, 99.0),
        });
        println!("{object}");
    }
    ExitCode::SUCCESS
}

/// Sorted times (ms) of parsing `request` and collecting its top 10 ids.
fn top10_times(
    opened: &index::OpenIndex,
    request: &SearchRequest,
    reps: usize,
) -> anyhow::Result<Vec<f64>> {
    let reader = opened.reader()?;
    let searcher = reader.searcher();
    let mut times = Vec::with_capacity(reps);
    for k in 0..reps + 3 {
        let started = Instant::now();
        let prepared = search::prepare(opened, request)?;
        let top = searcher.search(
            &*prepared.full_query(),
            &TopDocs::with_limit(10).order_by_score(),
        )?;
        std::hint::black_box(top);
        if k >= 3 {
            times.push(started.elapsed().as_secs_f64() * 1e3);
        }
    }
    times.sort_by(f64::total_cmp);
    Ok(times)
}
