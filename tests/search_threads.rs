//! A search spread over threads, one segment per task (what a large index
//! does: `index::open`), answers exactly what a search on one thread does:
//! the same count, facet counts, hits, scores, snippets and folded copies.

mod common;

use std::path::Path;

use common::{dossier, generate_archive, root};
use dossier::index;
use dossier::search::{self, SearchRequest, SearchResults};

/// Indexes the bundled sample and the `notes` folder into `index`.
fn build(notes: &Path, index: &Path) {
    dossier()
        .args(["index", "--quiet", "--index"])
        .arg(index)
        .arg(root().join("corpus-sample"))
        .arg(notes)
        .assert()
        .success();
}

/// Everything a reporter sees of a search, in order.
fn seen(results: &SearchResults) -> String {
    let mut out = format!(
        "total {} of {}\ngangs {:?}\nofficials {:?}\nyears {:?}\n",
        results.total,
        results.articles,
        results.facets.gang,
        results.facets.official,
        results.facets.year
    );
    for hit in &results.hits {
        out.push_str(&format!(
            "{} {} {:08x} {} {:?} {:?}\n",
            hit.rank,
            hit.path,
            hit.score.to_bits(),
            hit.snippet.to_html(),
            hit.gangs,
            hit.also
        ));
    }
    out
}

#[test]
fn a_search_on_several_threads_answers_as_one_thread_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let notes = dir.path().join("notes");
    let index_dir = dir.path().join("index");
    // Three builds, two segments each: the sample (actors, dates, copies),
    // then two batches of generated notes. (A fourth would reach the merge
    // policy's eight segments and merge them into one.)
    std::fs::create_dir_all(&notes).expect("mkdir");
    build(&notes, &index_dir);
    for batch in 0..2 {
        generate_archive(&notes, batch * 150, 150);
        build(&notes, &index_dir);
    }

    let serial = index::open(&index_dir).expect("open");
    let mut parallel = index::open(&index_dir).expect("open");
    parallel
        .index
        .set_multithread_executor(3)
        .expect("search threads");
    let segments = serial
        .reader()
        .expect("reader")
        .searcher()
        .segment_readers()
        .len();
    assert!(segments >= 3, "only {segments} segments: nothing to spread");

    let requests = [
        SearchRequest {
            query: "Osiris Luna".into(),
            ..SearchRequest::default()
        },
        SearchRequest {
            query: "pandillas".into(),
            gangs: vec!["MS13".into()],
            from: Some("2019".into()),
            ..SearchRequest::default()
        },
        SearchRequest {
            query: "nota".into(),
            limit: 25,
            ..SearchRequest::default()
        },
        SearchRequest {
            query: "(red OR lavado) NOT operativo".into(),
            offset: 5,
            ..SearchRequest::default()
        },
        SearchRequest {
            query: String::new(),
            officials: vec!["Osiris Luna".into()],
            ..SearchRequest::default()
        },
    ];
    for request in requests {
        let request = SearchRequest {
            limit: request.limit.max(10),
            collapse: true,
            ..request
        };
        let one = search::search(&serial, &request).expect("serial search");
        let many = search::search(&parallel, &request).expect("parallel search");
        assert!(one.total > 0, "{:?} matches nothing", request.query);
        assert_eq!(seen(&one), seen(&many), "{:?}", request.query);
    }
}
