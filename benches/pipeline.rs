//! Micro-benchmarks of the stages ours to tune: normalizing a page (HTML
//! and text scrape), actor tagging, snippets, and a search with filters,
//! facets and snippets, on the bundled sample.
//!
//! `cargo bench --bench pipeline`

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier::actors::Tagger;
use dossier::dedup::Signature;
use dossier::index::{self, BuildOptions};
use dossier::schema::Schema;
use dossier::search::{self, SearchRequest};

/// Every file of the bundled sample, with its path.
fn sample_files() -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-sample");
    let (files, _) = dossier::ingest::walk(&[root]);
    files
        .into_iter()
        .filter_map(|file| {
            let bytes = dossier::ingest::read_file(&file.path).ok()?;
            Some((file.path, bytes))
        })
        .collect()
}

fn sample_bodies(schema: &Schema) -> String {
    let mut text = String::new();
    for (path, bytes) in sample_files() {
        if let Ok(article) = dossier::normalize::normalize(&bytes, &path, schema.furniture()) {
            text.push_str(&article.body);
            text.push_str("\n\n");
        }
    }
    text
}

fn normalizing(c: &mut Criterion) {
    let schema = Schema::embedded().expect("schema");
    let rules = schema.furniture();
    let (html, text): (Vec<_>, Vec<_>) = sample_files().into_iter().partition(|(path, _)| {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
    });
    let mut group = c.benchmark_group("normalize");
    for (name, files) in [("sample HTML pages", html), ("sample text scrapes", text)] {
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                files
                    .iter()
                    .filter_map(|(path, bytes)| {
                        dossier::normalize::normalize(bytes, path, rules).ok()
                    })
                    .map(|article| article.body.len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
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

fn signing(c: &mut Criterion) {
    let schema = Schema::embedded().expect("schema");
    let bodies: Vec<String> = sample_files()
        .into_iter()
        .filter_map(|(path, bytes)| {
            dossier::normalize::normalize(&bytes, &path, schema.furniture()).ok()
        })
        .map(|article| article.body)
        .collect();
    let mut group = c.benchmark_group("dedup");
    group.throughput(Throughput::Bytes(
        bodies.iter().map(|b| b.len() as u64).sum(),
    ));
    group.bench_function("signatures of sample bodies", |b| {
        b.iter(|| bodies.iter().filter_map(|body| Signature::of(body)).count())
    });
    group.finish();
}

/// The `folded` analyzer over the sample's bodies, beside the tantivy
/// chain it replaces (`index::folded`), which must give the same tokens.
fn analyzing(c: &mut Criterion) {
    use tantivy::tokenizer::{
        AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    };
    let schema = Schema::embedded().expect("schema");
    let text = sample_bodies(&schema);
    let mut ours = index::analyzers::analyzer("folded").expect("folded analyzer");
    let mut chain = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(index::analyzers::MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Bytes(text.len() as u64));
    for (name, analyzer) in [
        ("folded words of sample bodies", &mut ours),
        ("the same with tantivy's chain", &mut chain),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut bytes = 0;
                analyzer
                    .token_stream(&text)
                    .process(&mut |t| bytes += t.text.len());
                bytes
            })
        });
    }
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
        allow_empty: false,
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

/// The highlighter over every body of the sample, as a search runs it over
/// each hit's body: most of a search's time at 100,000 articles.
fn highlighting(c: &mut Criterion) {
    let schema = Schema::embedded().expect("schema");
    let bodies = sample_bodies(&schema);
    let mut group = c.benchmark_group("snippets");
    group.throughput(Throughput::Bytes(bodies.len() as u64));
    for (name, query) in [
        ("name", "Osiris Luna"),
        ("two words", "extortion prison"),
        ("phrase", "\"régimen de excepción\""),
    ] {
        let parsed = search::query::parse(query).expect("query");
        let highlighter = search::snippet::Highlighter::for_query(&parsed, false, &[]);
        for language in ["en", "es"] {
            group.bench_function(format!("{name} ({language})"), |b| {
                b.iter(|| highlighter.snippet(&bodies, language))
            });
        }
    }
    group.finish();
}

criterion_group!(
    benches,
    normalizing,
    tagging,
    signing,
    analyzing,
    highlighting,
    searching
);
criterion_main!(benches);
