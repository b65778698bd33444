//! The `search` command beyond one page of hits — `--exact`, `--sort`,
//! `--context`, `--count`, `--timeline`, `--all` streaming, `--no-collapse`
//! — and the `similar` command.
//!
//! This module owns the flags and the flow of these commands; the queries
//! are built by `search`, the bytes written by `output`.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::{Args as ClapArgs, ValueEnum};
use serde_json::json;
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, MoreLikeThisQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{DocAddress, Searcher, Term};

use super::args::{ColorChoice, Format, IndexLocation, SearchArgs, SearchFormat};
use super::Outcome;
use crate::actors::Tagger;
use crate::dedup::NearDuplicates;
use crate::index::{self, IndexedArticle, OpenIndex};
use crate::output::{self, Style};
use crate::search::{self, compile, ranking, SearchRequest, Sort};

/// The fewest characters of an article id `similar` takes for the id.
const MIN_ID_PREFIX: usize = 8;

/// Orders of `--sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first.
    Relevance,
    /// Oldest first (undated last).
    Date,
    /// Newest first (undated last).
    #[value(name = "-date")]
    DateDesc,
}

/// Flags of `search` beyond the core of DESIGN.md.
#[derive(Debug, Clone, ClapArgs)]
pub struct SearchOptions {
    /// Match words exactly as typed: no stemming (case and accents still
    /// fold).
    #[arg(long)]
    pub exact: bool,

    /// Order of the hits: relevance, date (oldest first) or -date (newest
    /// first); undated articles come last.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance, allow_hyphen_values = true)]
    pub sort: SortArg,

    /// Show N snippets per hit.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub context: usize,

    /// Write every hit (with --format csv or ndjson): every story in the
    /// order of --sort, copies folded as on screen; with --no-collapse,
    /// every article streamed in index order unless --sort date/-date.
    /// --limit and --offset are ignored.
    #[arg(long)]
    pub all: bool,

    /// Print only the number of matching articles.
    #[arg(long, conflicts_with_all = ["all", "timeline"])]
    pub count: bool,

    /// Print a per-month histogram of the matches instead of hits.
    #[arg(long, conflicts_with = "all")]
    pub timeline: bool,

    /// Show near-duplicate copies of a story as separate hits.
    #[arg(long)]
    pub no_collapse: bool,
}

/// `dossier similar`.
#[derive(Debug, ClapArgs)]
pub struct SimilarArgs {
    /// An article file, or an indexed article's id (content hash, or a
    /// prefix of at least 8 digits) or path.
    #[arg(value_name = "FILE-or-ID")]
    pub target: String,

    #[command(flatten)]
    pub location: IndexLocation,

    /// Articles to list.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

fn request(a: &SearchArgs) -> SearchRequest {
    SearchRequest {
        query: a.query.clone(),
        gangs: a.filters.gang.clone(),
        officials: a.filters.official.clone(),
        from: a.filters.from.clone(),
        to: a.filters.to.clone(),
        limit: a.limit,
        offset: a.offset,
        exact: a.extra.exact,
        sort: match a.extra.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
            SortArg::DateDesc => Sort::DateDesc,
        },
        context: a.extra.context,
        collapse: !a.extra.no_collapse,
    }
}

fn outcome(total: usize) -> Outcome {
    if total > 0 {
        Outcome::Success
    } else {
        Outcome::NoMatch
    }
}

/// `dossier search`.
pub(super) fn run_search(a: SearchArgs) -> anyhow::Result<Outcome> {
    let index = index::open(&a.location.index)?;
    let req = request(&a);
    let stdout = io::stdout();
    let color = match a.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            // `TERM=dumb` is a terminal that shows escape codes as text
            // (Emacs' shell, some CI logs).
            stdout.is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    };
    let mut out = io::BufWriter::new(stdout.lock());
    let total = if a.extra.count {
        let results = search::search(&index, &SearchRequest { limit: 0, ..req })?;
        match a.format {
            SearchFormat::Json | SearchFormat::Ndjson => {
                output::write_json(&mut out, &json!({ "total": results.total }))?
            }
            _ => writeln!(out, "{}", results.total)?,
        }
        results.total
    } else if a.extra.timeline {
        timeline(&index, &req, a.format, &mut out)?
    } else if a.extra.all {
        stream_all(&index, &req, a.format, &mut out)?
    } else {
        let results = search::search(&index, &req)?;
        match a.format {
            SearchFormat::Text => output::search_text(&mut out, &results, Style { color })?,
            SearchFormat::Json => output::write_json(&mut out, &output::search_json(&results))?,
            SearchFormat::Csv => output::search_csv(&mut out, &results)?,
            SearchFormat::Ndjson => {
                for hit in &results.hits {
                    output::write_json(&mut out, &output::hit_json(hit))?;
                }
            }
        }
        results.total
    };
    out.flush()?;
    // The process ends here: unmapping every file of every segment one by
    // one cost a tenth of a short search's time (2 ms at 50,000 articles),
    // and the kernel frees it all at exit anyway.
    std::mem::forget(index);
    Ok(outcome(total))
}

/// `--timeline`: matches per month, with empty months between filled in.
fn timeline<W: Write>(
    index: &OpenIndex,
    req: &SearchRequest,
    format: SearchFormat,
    out: &mut W,
) -> anyhow::Result<usize> {
    let (total, mut months) = search::facet_counts(index, req, &["month"])?;
    let months = months.pop().unwrap_or_default();
    let buckets = fill_months(&months);
    let dated: u64 = buckets.iter().map(|(_, c)| c).sum();
    let undated = (total as u64).saturating_sub(dated);
    match format {
        SearchFormat::Text => output::timeline_text(out, total, &buckets, undated)?,
        SearchFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(["month", "count"])?;
            for (month, count) in &buckets {
                writer.write_record([month.clone(), count.to_string()])?;
            }
            writer.flush()?;
        }
        SearchFormat::Json | SearchFormat::Ndjson => {
            let list: Vec<_> = buckets
                .iter()
                .map(|(m, c)| json!({ "month": m, "count": c }))
                .collect();
            output::write_json(
                out,
                &json!({ "query": req.query, "total": total, "undated": undated, "buckets": list }),
            )?
        }
    }
    Ok(total)
}

/// Every month from the first to the last of `months` (`YYYY-MM`, sorted),
/// with zero where nothing matched.
fn fill_months(months: &[(String, u64)]) -> Vec<(String, u64)> {
    let parse = |m: &str| -> Option<(i32, u32)> {
        let (y, mo) = m.split_once('-')?;
        Some((y.parse().ok()?, mo.parse().ok()?))
    };
    let (Some(first), Some(last)) = (
        months.first().and_then(|(m, _)| parse(m)),
        months.last().and_then(|(m, _)| parse(m)),
    ) else {
        return months.to_vec();
    };
    let mut out = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= last {
        let key = format!("{y:04}-{m:02}");
        let count = months
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(0, |(_, c)| *c);
        out.push((key, count));
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    out
}

/// `--all`: every hit, written as it is found.
fn stream_all<W: Write>(
    index: &OpenIndex,
    req: &SearchRequest,
    format: SearchFormat,
    out: &mut W,
) -> anyhow::Result<usize> {
    if !matches!(format, SearchFormat::Csv | SearchFormat::Ndjson) {
        bail!("--all streams every hit as --format csv or --format ndjson");
    }
    let prepared = search::prepare(index, req)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let query = prepared.query();
    let weight = query.weight(EnableScoring::enabled_from_searcher(&searcher))?;
    let dups = if req.collapse {
        NearDuplicates::new(&searcher, index.fields.minhash)
            .map(|d| d.with_shared(index.shared_bands(&searcher)))
    } else {
        None
    };
    let mut sink = match format {
        SearchFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record(output::CSV_HEADER)?;
            Sink::Csv(Box::new(w))
        }
        _ => Sink::Ndjson(&mut *out),
    };
    let mut rank = 0;
    let mut is_match = |address| search::matches(&searcher, &*weight, address);
    let mut write = |score: f32,
                     address: DocAddress,
                     also: &[DocAddress],
                     is_match: &mut dyn FnMut(DocAddress) -> tantivy::Result<bool>|
     -> anyhow::Result<()> {
        let mut hit = prepared.story_hit(
            &searcher,
            &index.fields,
            address,
            score,
            req.context,
            also,
            is_match,
        )?;
        rank += 1;
        hit.rank = rank;
        match &mut sink {
            Sink::Csv(w) => w.write_record(output::hit_record(&hit))?,
            Sink::Ndjson(w) => output::write_json(w, &output::hit_json(&hit))?,
        }
        Ok(())
    };
    match &dups {
        None => {
            // Nothing folds: each match is written as it is found, in
            // constant memory.
            let mut emit = |score: f32, address: DocAddress| -> anyhow::Result<bool> {
                write(score, address, &[], &mut is_match)?;
                Ok(true)
            };
            visit_all(&searcher, &*query, req.sort, &mut emit)?;
        }
        Some(dups) => {
            // Folding needs the matches in rank order, as the paged search
            // folds them: skipping a match because an earlier copy stands
            // for it lost stories when similarity chains (a ~ b, b ~ c, a
            // and c apart: c was skipped for b, b for a, and c listed
            // nowhere), and index order changes from build to build. The
            // addresses are kept (16 bytes a match), not the articles, in
            // the paged search's order (ties fixed by content, the same on
            // every build).
            let total = searcher.search(&*query, &tantivy::collector::Count)?;
            let ranked = if total == 0 {
                Vec::new()
            } else {
                ranking::top_docs(&searcher, &*query, req.sort, total, 0)?
            };
            let stories =
                search::fold_stories(&searcher, dups, &index.fields, &ranked, usize::MAX)?;
            for (score, address, also) in stories {
                write(score, address, &also, &mut is_match)?;
            }
        }
    }
    if let Sink::Csv(mut w) = sink {
        w.flush()?;
    }
    Ok(rank)
}

/// Where `--all` writes.
enum Sink<'a, W: Write> {
    Csv(Box<csv::Writer<&'a mut W>>),
    Ndjson(&'a mut W),
}

fn visit_all(
    searcher: &Searcher,
    query: &dyn Query,
    sort: Sort,
    visit: &mut dyn FnMut(f32, DocAddress) -> anyhow::Result<bool>,
) -> anyhow::Result<()> {
    if sort == Sort::Relevance {
        ranking::for_each_match(searcher, query, visit)
    } else {
        for (score, address) in ranking::all_by_date(searcher, query, sort)? {
            if !visit(score, address)? {
                break;
            }
        }
        Ok(())
    }
}

/// `dossier similar`.
pub(super) fn run_similar(a: SimilarArgs) -> anyhow::Result<Outcome> {
    let index = index::open(&a.location.index)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let fields = &index.fields;
    let (source, address) = resolve_target(&index, &searcher, &a.target)?;

    let mut doc_fields: Vec<(tantivy::schema::Field, Vec<OwnedValue>)> = vec![
        (fields.title, vec![OwnedValue::Str(source.title.clone())]),
        (fields.body, vec![OwnedValue::Str(source.body.clone())]),
    ];
    doc_fields.retain(|(_, v)| !v.is_empty());
    let articles = searcher.num_docs().max(1);
    // tantivy's more-like-this weighs a term by its idf over the articles
    // alive, while its document frequency also counts deleted ones (an
    // article re-added when a second copy of it was found): a frequency
    // above the number of articles stopped it on an assertion, "internal
    // error: 1 >= 2" (QA pass 13, D3). Terms more frequent than that are
    // left out.
    let mlt = MoreLikeThisQuery::builder()
        .with_min_doc_frequency(1)
        .with_max_doc_frequency((articles / 2).max(2).min(articles))
        .with_min_term_frequency(1)
        .with_max_query_terms(40)
        .with_min_word_length(4)
        .with_document_fields(doc_fields);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, Box::new(mlt))];
    for gang in &source.gangs {
        let q = TermQuery::new(compile::gang_term(&index, gang), IndexRecordOption::Basic);
        clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), 2.0))));
    }
    for official in &source.officials {
        let q = TermQuery::new(
            compile::official_term(&index, official),
            IndexRecordOption::Basic,
        );
        clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), 3.0))));
    }
    clauses.push((
        Occur::MustNot,
        Box::new(TermQuery::new(
            Term::from_field_text(fields.id, &source.content_hash),
            IndexRecordOption::Basic,
        )),
    ));
    let query = BooleanQuery::new(clauses);
    // tantivy sizes its heap by the limit, and refuses 0.
    let limit = a.limit.clamp(
        1,
        usize::try_from(searcher.num_docs())
            .unwrap_or(usize::MAX)
            .max(1),
    );
    let mut top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
    top.truncate(a.limit);
    let dups = NearDuplicates::new(&searcher, fields.minhash)
        .map(|d| d.with_shared(index.shared_bands(&searcher)));
    // The same definition of "the same story" as search folds by.
    let same_story: Vec<DocAddress> = match &dups {
        Some(d) => search::copies_like(&searcher, d, fields, &source, address)?,
        None => Vec::new(),
    };

    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut hits = Vec::new();
    for (rank, (score, addr)) in top.iter().enumerate() {
        let article = IndexedArticle::load(&searcher, *addr, fields)?;
        let shared: Vec<String> = article
            .gangs
            .iter()
            .filter(|g| source.gangs.contains(g))
            .chain(
                article
                    .officials
                    .iter()
                    .filter(|o| source.officials.contains(o)),
            )
            .cloned()
            .collect();
        hits.push((rank + 1, *score, article, shared, same_story.contains(addr)));
    }
    match a.format {
        Format::Json => {
            let list: Vec<_> = hits
                .iter()
                .map(|(rank, score, art, shared, same)| {
                    json!({
                        "rank": rank,
                        "score": (f64::from(*score) * 1000.0).round() / 1000.0,
                        "id": art.content_hash,
                        "path": art.path,
                        "paths": art.paths,
                        "title": art.title,
                        "date": art.date,
                        "gangs": art.gangs,
                        "officials": art.officials,
                        "shared_actors": shared,
                        "same_story": same,
                    })
                })
                .collect();
            output::write_json(
                &mut out,
                &json!({
                    "source": { "id": source.content_hash, "path": source.path, "title": source.title },
                    "hits": list,
                }),
            )?;
        }
        Format::Text => {
            writeln!(out, "articles like: {}", output::sanitize(&source.title))?;
            for (rank, score, art, shared, same) in &hits {
                let date = art
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "undated".into());
                writeln!(
                    out,
                    "\n{rank:>3}. {}  ({date}, score {score:.2}){}",
                    output::sanitize(&art.title),
                    if *same { "  [same story]" } else { "" }
                )?;
                writeln!(out, "     {}", output::sanitize(&art.path))?;
                if !shared.is_empty() {
                    writeln!(out, "     shared: {}", output::sanitize(&shared.join(", ")))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(outcome(hits.len()))
}

/// The article `target` names: a file to read, or an indexed article by id,
/// id prefix or path. Returns it, and its address when it is indexed.
fn resolve_target(
    index: &OpenIndex,
    searcher: &Searcher,
    target: &str,
) -> anyhow::Result<(IndexedArticle, Option<DocAddress>)> {
    let fields = &index.fields;
    let find = |field, value: &str| -> anyhow::Result<Option<DocAddress>> {
        let q = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        Ok(searcher
            .search(&q, &TopDocs::with_limit(1).order_by_score())?
            .first()
            .map(|(_, a)| *a))
    };
    let load = |address: DocAddress| -> anyhow::Result<IndexedArticle> {
        Ok(IndexedArticle::load(searcher, address, fields)?)
    };
    if let Some(address) = find(fields.id, target)?.or(find(fields.paths, target)?) {
        return Ok((load(address)?, Some(address)));
    }
    let path = PathBuf::from(target);
    if path.is_file() {
        let tagger = Tagger::new(&index.schema)?;
        let page = crate::ingest::read_page(&path)?;
        let article = crate::normalize::normalize_saved(
            &page.bytes,
            &path,
            index.schema.furniture(),
            page.saved_from.as_deref(),
        )
        .with_context(|| format!("cannot read an article from {}", path.display()))?;
        let tags = tagger.tag(&article.title, &article.body);
        let indexed = IndexedArticle::new(target.to_string(), article, tags);
        let address = find(fields.id, &indexed.content_hash)?;
        return Ok((indexed, address));
    }
    // An id prefix, as `git` takes a short hash, and refused as `git`
    // refuses one that names two.
    let hex = !target.is_empty() && target.bytes().all(|b| b.is_ascii_hexdigit());
    if hex && target.len() < MIN_ID_PREFIX {
        bail!(
            "'{target}' is no file, and too short for an article id: give at least \
             {MIN_ID_PREFIX} of its characters"
        );
    }
    if hex {
        // The ids of live articles that start so (a segment's terms may
        // still hold a removed article's).
        let mut ids: Vec<(String, DocAddress)> = Vec::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(fields.id)?;
            let mut terms = inverted
                .terms()
                .range()
                .ge(target.as_bytes())
                .into_stream()?;
            while ids.len() < 2 && terms.advance() && terms.key().starts_with(target.as_bytes()) {
                let id = String::from_utf8_lossy(terms.key()).to_string();
                if ids.iter().any(|(known, _)| *known == id) {
                    continue;
                }
                if let Some(address) = find(fields.id, &id)? {
                    ids.push((id, address));
                }
            }
        }
        match ids.as_slice() {
            [(_, address)] => return Ok((load(*address)?, Some(*address))),
            [(first, _), (second, _), ..] => bail!(
                "'{target}' is the start of more than one article id ({first}, {second}): \
                 give more of its characters"
            ),
            [] => {}
        }
    }
    bail!("'{target}' is neither a file nor the id or path of an indexed article")
}
