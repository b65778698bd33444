//! Micro-benchmarks of the stages ours to tune: actor tagging, and a search
//! with filters, facets and snippets, on the bundled sample.
//!
//! `cargo bench --bench pipeline`

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier::actors::Tagger;
use dossier::index::{self, BuildOptions};
use dossier::schema::Schema;
use dossier::search::{self, SearchRequest};

fn sample_bodies(schema: &Schema) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-sample");
    let (files, _) = dossier::ingest::walk(&[root]);
    let mut text = String::new();
    for file in files {
        let Ok(bytes) = dossier::ingest::read_file(&file.path) else {
            continue;
        };
        if let Ok(article) = dossier::normalize::normalize(&bytes, &file.path, schema.furniture()) {
            text.push_str(&article.body);
            text.push_str("\n\n");
        }
    }
    text
}

fn tagging(c: &mut Criterion) {
    let schema = Schema::embedded().expect("schema");
    let tagger = Tagger::new(&schema).expect("tagger");
    let text = sample_bodies(&schema);
    let mut group = c.benchmark_group("actors");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("tag sample bodies (full registry)", |b| {
        b.iter(|| tagger.tag("", &text))
    });
    group.bench_function("sentence mentions of sample bodies", |b| {
        b.iter(|| tagger.sentence_mentions("", &text).mentions.len())
    });
    group.finish();
    let mut group = c.benchmark_group("actors-build");
    group.sample_size(10);
    group.bench_function("compile the full registry", |b| {
        b.iter(|| Tagger::new(&schema).expect("tagger"))
    });
    group.finish();
}

fn searching(c: &mut Criterion) {
    let schema = Schema::embedded().expect("schema");
    let dir = tempfile::tempdir().expect("temp dir");
    let options = BuildOptions {
        roots: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-sample")],
        index_dir: dir.path().join("index"),
        threads: 0,
        progress: false,
        memory: 256 * 1024 * 1024,
        full: false,
        merge: false,
    };
    index::build(&schema, &options).expect("build");
    let opened = index::open(&options.index_dir).expect("open");
    let mut group = c.benchmark_group("search");
    for (name, request) in [
        (
            "name",
            SearchRequest {
                query: "Osiris Luna".into(),
                limit: 10,
                ..Default::default()
            },
        ),
        (
            "phrase",
            SearchRequest {
                query: "\"state of exception\"".into(),
                limit: 10,
                ..Default::default()
            },
        ),
        (
            "filtered",
            SearchRequest {
                query: "prisons OR cárceles".into(),
                gangs: vec!["MS13".into()],
                officials: vec!["Osiris Luna".into()],
                from: Some("2019".into()),
                to: Some("2023-06".into()),
                limit: 10,
                ..Default::default()
            },
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| search::search(&opened, &request).expect("search"))
        });
    }
    group.finish();
}

criterion_group!(benches, tagging, searching);
criterion_main!(benches);
