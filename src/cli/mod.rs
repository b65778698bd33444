//! The command line: parse arguments, run one command, map the outcome to an
//! exit code.
//!
//! This module is deliberately thin. It owns flag definitions (`args`), the
//! resolution of defaults (index location, bundled sample, colour), and the
//! exit-code contract of DESIGN.md: 0 matched or committed, 1 nothing
//! matched, 2 any error, 3 committed with failures under `--strict`; a
//! closed pipe is not an error. The work itself is done by the stage
//! modules.

pub mod actors;
pub mod args;
mod damage;
pub mod export;
pub mod search_extra;
pub mod watch;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Parser;
use serde_json::json;
use tantivy::collector::{Count, FacetCollector};
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::IndexRecordOption;

use crate::actors::Tagger;
use crate::index::{self, BuildOptions, IndexedArticle};
use crate::output;
use crate::schema::Schema;
use crate::search::{self, SearchRequest};
use args::*;

/// What a command decided about the exit code, when it did not fail.
enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: the search ran and found nothing.
    NoMatch,
    /// Exit 3: committed, but files failed and `--strict` was given.
    StrictFailures,
}

/// Parses the command line, runs the command and returns the exit code.
pub fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            // clap prints help/version to stdout (exit 0) and usage errors
            // to stderr (exit 2).
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let index_dir = args.command.index_dir().map(Path::to_path_buf);
    std::panic::set_hook(Box::new(damage::report_panic));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(args)));
    match outcome {
        Ok(Ok(Outcome::Success)) => ExitCode::SUCCESS,
        Ok(Ok(Outcome::NoMatch)) => ExitCode::from(1),
        Ok(Ok(Outcome::StrictFailures)) => ExitCode::from(3),
        Ok(Err(err)) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            // tantivy reports a damaged file as whatever its reader tripped
            // on ("Reach end of buffer while reading VInt"): say what it is.
            let message = index_dir
                .as_deref()
                .and_then(|d| damage::damage_behind(&err, d))
                .unwrap_or_else(|| describe(&err));
            let _ = writeln!(io::stderr(), "dossier: error: {message}");
            ExitCode::from(2)
        }
        Err(_) => {
            let _ = writeln!(
                io::stderr(),
                "dossier: error: {}",
                damage::after_panic(index_dir.as_deref())
            );
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, skipping causes whose text the
/// message already includes (our error types often quote their source).
fn describe(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(args: Args) -> anyhow::Result<Outcome> {
    match args.command {
        Command::Index(a) => run_index(a),
        Command::Search(a) => run_search(a),
        Command::Inspect(a) => run_inspect(a),
        Command::Facets(a) => run_facets(a),
        Command::Stats(a) => run_stats(a),
        Command::Actors(a) => actors::run(a),
        Command::Similar(a) => search_extra::run_similar(a),
        Command::Watch(a) => watch::run(a).map(|()| Outcome::Success),
        Command::Export(a) => run_export(a),
    }
}

/// The bundled sample: `./corpus-sample` when run from a checkout, else the
/// copy next to the sources the binary was built from.
fn bundled_sample() -> anyhow::Result<PathBuf> {
    let local = PathBuf::from("corpus-sample");
    if local.is_dir() {
        return Ok(local);
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-sample");
    if built.is_dir() {
        return Ok(built);
    }
    bail!("no ARCHIVE given and the bundled corpus-sample/ is not here; name an archive folder: `dossier index FOLDER`")
}

fn run_index(a: IndexArgs) -> anyhow::Result<Outcome> {
    let schema = load_schema(a.schema.as_deref())?;
    let roots = if a.archives.is_empty() {
        vec![bundled_sample()?]
    } else {
        a.archives.clone()
    };
    for root in &roots {
        if !root.exists() {
            bail!("archive {} does not exist", root.display());
        }
    }
    let options = BuildOptions {
        roots,
        index_dir: a.location.index.clone(),
        threads: a.threads.map(usize::from).unwrap_or(0),
        progress: !a.quiet,
        memory: (a.memory as usize) * 1024 * 1024,
        full: a.full,
        merge: a.merge,
        allow_empty: a.allow_empty,
    };
    let report = index::build(&schema, &options)?;
    let mut stderr = io::stderr().lock();
    for failure in &report.failed {
        writeln!(
            stderr,
            "dossier: warning: skipped {}: {}",
            output::sanitize(&failure.path),
            failure.error
        )?;
    }
    if let Some(path) = &a.report {
        let text = serde_json::to_string_pretty(&report)?;
        fs::write(path, text + "\n")
            .with_context(|| format!("cannot write report {}", path.display()))?;
    }
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "{}", output::build_summary(&report))?;
    if a.strict && !report.failed.is_empty() {
        return Ok(Outcome::StrictFailures);
    }
    Ok(Outcome::Success)
}

fn load_schema(dir: Option<&Path>) -> anyhow::Result<Schema> {
    Schema::load(dir).with_context(|| match dir {
        Some(d) => format!("schema folder {}", d.display()),
        None => "built-in schema".to_string(),
    })
}

fn request(query: String, filters: Filters, limit: usize, offset: usize) -> SearchRequest {
    SearchRequest {
        query,
        gangs: filters.gang,
        officials: filters.official,
        from: filters.from,
        to: filters.to,
        limit,
        offset,
        ..SearchRequest::default()
    }
}

fn run_search(a: SearchArgs) -> anyhow::Result<Outcome> {
    search_extra::run_search(a)
}

fn run_inspect(a: InspectArgs) -> anyhow::Result<Outcome> {
    let schema = load_schema(a.schema.as_deref())?;
    let tagger = Tagger::new(&schema)?;
    // The build names the file beside its reason; here the reason alone
    // ("file is larger than …") would leave out which file was meant.
    let page = crate::ingest::read_page(&a.file)
        .with_context(|| format!("cannot read {}", a.file.display()))?;
    let article = crate::normalize::normalize_saved(
        &page.bytes,
        &a.file,
        schema.furniture(),
        page.saved_from.as_deref(),
    )
    .with_context(|| format!("cannot read an article from {}", a.file.display()))?;
    let encoding = article.encoding.clone();
    let tags = tagger.tag(&article.title, &article.body);
    let indexed = IndexedArticle::new(crate::ingest::path_key(&a.file), article, tags);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match a.format {
        Format::Json => output::write_json(&mut out, &indexed)?,
        Format::Text => output::article_text(&mut out, &indexed, &encoding)?,
    }
    out.flush()?;
    Ok(Outcome::Success)
}

fn run_facets(a: FacetsArgs) -> anyhow::Result<Outcome> {
    let index = index::open(&a.location.index)?;
    let req = request(a.query.unwrap_or_default(), a.filters, 0, 0);
    let dims: &[&str] = match a.field {
        Some(FacetField::Gang) => &["gang"],
        Some(FacetField::Official) => &["official"],
        Some(FacetField::Year) => &["year"],
        Some(FacetField::Month) => &["month"],
        None => &["gang", "official", "year"],
    };
    let (total, counts) = search::facet_counts(&index, &req, dims)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut json_dims = serde_json::Map::new();
    for (i, (name, counts)) in dims.iter().zip(&counts).enumerate() {
        match a.format {
            Format::Text => {
                if i > 0 {
                    writeln!(out)?;
                }
                output::facet_counts_text(&mut out, name, total, counts)?;
            }
            Format::Json => {
                let map: serde_json::Map<String, serde_json::Value> =
                    counts.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
                json_dims.insert(name.to_string(), serde_json::Value::Object(map));
            }
        }
    }
    if a.format == Format::Json {
        output::write_json(&mut out, &json!({ "total": total, "facets": json_dims }))?;
    }
    out.flush()?;
    Ok(if total > 0 {
        Outcome::Success
    } else {
        Outcome::NoMatch
    })
}

fn run_export(a: ExportArgs) -> anyhow::Result<Outcome> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match a.format {
        ExportFormat::Ndjson => export::ndjson(&a.location.index, &mut out)?,
    };
    out.flush()?;
    Ok(Outcome::Success)
}

fn run_stats(a: StatsArgs) -> anyhow::Result<Outcome> {
    let checked = if a.check {
        let report = index::check::check(&a.location.index)?;
        if !report.is_sound() {
            bail!(damage::damaged_message(&a.location.index, &report));
        }
        Some(report.files)
    } else {
        None
    };
    let opened = index::open(&a.location.index)?;
    let reader = opened.index.reader()?;
    let searcher = reader.searcher();
    let articles = searcher.search(&AllQuery, &Count)?;

    // Languages: one count per term of the language field.
    let mut languages: Vec<(String, usize)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(opened.fields.language)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            seen.insert(String::from_utf8_lossy(terms.key()).to_string());
        }
    }
    for language in seen {
        let term = tantivy::Term::from_field_text(opened.fields.language, &language);
        let n = searcher.search(&TermQuery::new(term, IndexRecordOption::Basic), &Count)?;
        if n > 0 {
            languages.push((language, n));
        }
    }
    languages.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));

    // Date span, from the /date facets.
    let mut years = FacetCollector::for_field("facets");
    years.add_facet("/date");
    let year_counts = searcher.search(&AllQuery, &years)?;
    let mut year_list: Vec<(String, u64)> = year_counts
        .get("/date")
        .map(|(f, c)| {
            (
                f.to_path()
                    .last()
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
                c,
            )
        })
        .collect();
    year_list.sort();
    let dated: u64 = year_list.iter().map(|(_, c)| c).sum();
    let span = match (year_list.first(), year_list.last()) {
        (Some((first, _)), Some((last, _))) => {
            let mut months = FacetCollector::for_field("facets");
            months.add_facet(tantivy::schema::Facet::from_path(["date", first.as_str()]));
            if last != first {
                months.add_facet(tantivy::schema::Facet::from_path(["date", last.as_str()]));
            }
            let counts = searcher.search(&AllQuery, &months)?;
            let month = |year: &str, pick_last: bool| -> String {
                let mut ms: Vec<String> = counts
                    .get(tantivy::schema::Facet::from_path(["date", year]))
                    .map(|(f, _)| {
                        f.to_path()
                            .last()
                            .map(|s| s.to_string())
                            .unwrap_or_default()
                    })
                    .collect();
                ms.sort();
                let m = if pick_last { ms.last() } else { ms.first() };
                format!("{year}-{}", m.cloned().unwrap_or_default())
            };
            Some((month(first, false), month(last, true)))
        }
        _ => None,
    };
    let size = index::size_on_disk(&opened.path);
    let info = opened.info.as_ref();

    let mut out = io::BufWriter::new(io::stdout().lock());
    match a.format {
        Format::Json => output::write_json(
            &mut out,
            &json!({
                "index": opened.path.display().to_string(),
                "articles": articles,
                "languages": languages.iter().map(|(l, n)| (l.clone(), json!(n))).collect::<serde_json::Map<_, _>>(),
                "dated": dated,
                "date_from": span.as_ref().map(|s| s.0.clone()),
                "date_to": span.as_ref().map(|s| s.1.clone()),
                "size_bytes": size,
                "built_at": info.map(|i| i.built_at.clone()),
                "registry_version": info.map(|i| i.registry_version.clone()),
                "fields_version": info.map(|i| i.fields_version.clone()),
                "gangs_in_registry": opened.schema.gangs().len(),
                "officials_in_registry": opened.schema.officials().len(),
                "files_checked": checked,
            }),
        )?,
        Format::Text => {
            writeln!(out, "index:      {}", opened.path.display())?;
            writeln!(out, "articles:   {articles}")?;
            let langs: Vec<String> = languages.iter().map(|(l, n)| format!("{l} {n}")).collect();
            writeln!(out, "languages:  {}", langs.join(", "))?;
            match &span {
                Some((from, to)) => writeln!(
                    out,
                    "dates:      {from} to {to} ({dated} dated, {} undated)",
                    articles as u64 - dated
                )?,
                None => writeln!(out, "dates:      none known")?,
            }
            writeln!(
                out,
                "size:       {:.1} MiB",
                size as f64 / (1024.0 * 1024.0)
            )?;
            if let Some(info) = info {
                writeln!(
                    out,
                    "built:      {} by dossier {}",
                    info.built_at, info.dossier_version
                )?;
                writeln!(
                    out,
                    "registry:   {} ({} gangs, {} officials)",
                    info.registry_version,
                    opened.schema.gangs().len(),
                    opened.schema.officials().len()
                )?;
            }
            if let Some(files) = checked {
                writeln!(out, "checked:    {files} files, all match their checksums")?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}
