//! `dossier actors`: actor counts, co-mentions and registry suggestions.
//!
//! This module owns the flags of the `actors` command and the printing of
//! its three answers (text, JSON, CSV and, for `--with`, Graphviz DOT). The
//! counting is done in `actors::explore` and `actors::suggest`.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::{Args as ClapArgs, Subcommand, ValueEnum};
use serde_json::json;

use super::args::{Filters, IndexLocation};
use super::Outcome;
use crate::actors::explore::{self, ActorKind};
use crate::actors::suggest::{self, Suggester};
use crate::actors::Tagger;
use crate::index;
use crate::output;
use crate::search::SearchRequest;

/// `dossier actors`.
#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ActorsArgs {
    /// `suggest`: propose registry entries instead of counting.
    #[command(subcommand)]
    pub command: Option<ActorsCommand>,

    /// Count among the articles matching this query [default: all].
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,

    #[command(flatten)]
    pub location: IndexLocation,

    #[command(flatten)]
    pub filters: Filters,

    /// Only gangs or only officials [default: both].
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,

    /// List who is named alongside NAME (an official or a gang, any alias),
    /// counted by article and by sentence, each with an evidence sentence.
    #[arg(long, value_name = "NAME")]
    pub with: Option<String>,

    /// Show at most N actors [default: all].
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,

    /// Output format; `dot` (Graphviz) only with --with.
    #[arg(long, value_enum, default_value_t = ActorsFormat::Text)]
    pub format: ActorsFormat,
}

/// Subcommands of `actors`.
#[derive(Debug, Subcommand)]
pub enum ActorsCommand {
    /// Propose people named with an official role, and groups named as
    /// gangs or cartels, that the registry lacks, as TOML entries to review.
    Suggest(SuggestArgs),
}

/// `dossier actors suggest`.
#[derive(Debug, ClapArgs)]
pub struct SuggestArgs {
    /// Read these archive folders or files instead of the index.
    #[arg(value_name = "ARCHIVE")]
    pub archives: Vec<PathBuf>,

    #[command(flatten)]
    pub location: IndexLocation,

    /// With ARCHIVE: use the registry in DIR instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub schema: Option<PathBuf>,

    /// Only names found in at least N articles.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min: usize,

    /// Output format: TOML entries ready to paste (text), or JSON.
    #[arg(long, value_enum, default_value_t = SuggestFormat::Text)]
    pub format: SuggestFormat,
}

/// Actor kinds, as flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Criminal groups.
    Gang,
    /// Officials.
    Official,
}

/// Output formats of `actors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActorsFormat {
    /// For reading.
    Text,
    /// One JSON object.
    Json,
    /// One row per actor, with a header.
    Csv,
    /// The co-mention graph for Graphviz (with --with).
    Dot,
}

/// Output formats of `actors suggest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SuggestFormat {
    /// Commented TOML entries.
    Text,
    /// One JSON object.
    Json,
}

/// Runs `dossier actors`.
pub(super) fn run(a: ActorsArgs) -> anyhow::Result<Outcome> {
    if let Some(ActorsCommand::Suggest(s)) = a.command {
        return run_suggest(s);
    }
    let index = index::open(&a.location.index)?;
    let request = SearchRequest {
        query: a.query.unwrap_or_default(),
        gangs: a.filters.gang,
        officials: a.filters.official,
        from: a.filters.from,
        to: a.filters.to,
        limit: 0,
        offset: 0,
        ..SearchRequest::default()
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let found = match &a.with {
        Some(name) => {
            let mut co = explore::co_mentions(&index, name, &request)?;
            if let Some(kind) = a.kind {
                let kind = actor_kind(kind);
                co.partners.retain(|p| p.kind == kind);
            }
            if let Some(limit) = a.limit {
                co.partners.truncate(limit);
            }
            write_co_mentions(&mut out, &co, a.format)?;
            !co.partners.is_empty()
        }
        None => {
            if a.format == ActorsFormat::Dot {
                bail!("--format dot needs --with NAME (the graph is drawn around one actor)");
            }
            let mut counts = explore::actor_counts(&index, &request, a.kind.map(actor_kind))?;
            if let Some(limit) = a.limit {
                counts.actors.truncate(limit);
            }
            write_counts(&mut out, &counts, a.format)?;
            !counts.actors.is_empty()
        }
    };
    out.flush()?;
    Ok(if found {
        Outcome::Success
    } else {
        Outcome::NoMatch
    })
}

fn actor_kind(kind: KindArg) -> ActorKind {
    match kind {
        KindArg::Gang => ActorKind::Gang,
        KindArg::Official => ActorKind::Official,
    }
}

fn write_counts(
    out: &mut impl Write,
    counts: &explore::ActorCounts,
    format: ActorsFormat,
) -> anyhow::Result<()> {
    match format {
        ActorsFormat::Json => output::write_json(out, counts)?,
        ActorsFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(["name", "kind", "articles", "role", "country"])?;
            for actor in &counts.actors {
                csv.write_record([
                    actor.name.as_str(),
                    actor.kind.as_str(),
                    &actor.articles.to_string(),
                    actor.role.as_deref().unwrap_or(""),
                    actor.country.as_deref().unwrap_or(""),
                ])?;
            }
            csv.flush()?;
        }
        ActorsFormat::Text | ActorsFormat::Dot => {
            writeln!(
                out,
                "{} actor{} named in {} matching article{}",
                counts.actors.len(),
                plural(counts.actors.len()),
                counts.total,
                plural(counts.total)
            )?;
            if !counts.actors.is_empty() {
                writeln!(out)?;
            }
            for actor in &counts.actors {
                let about = match (&actor.role, &actor.country) {
                    (Some(role), Some(country)) => format!("  ({role}, {country})"),
                    (Some(role), None) => format!("  ({role})"),
                    (None, Some(country)) => format!("  ({country})"),
                    (None, None) => String::new(),
                };
                writeln!(
                    out,
                    "{:>6}  {:<8}  {}{}",
                    actor.articles,
                    actor.kind.as_str(),
                    output::sanitize(&actor.name),
                    output::sanitize(&about)
                )?;
            }
        }
    }
    Ok(())
}

fn write_co_mentions(
    out: &mut impl Write,
    co: &explore::CoMentions,
    format: ActorsFormat,
) -> anyhow::Result<()> {
    match format {
        ActorsFormat::Dot => out.write_all(explore::to_dot(co).as_bytes())?,
        ActorsFormat::Json => output::write_json(out, co)?,
        ActorsFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record([
                "name",
                "kind",
                "articles",
                "sentences",
                "evidence_path",
                "evidence",
            ])?;
            for p in &co.partners {
                let (path, sentence) = p
                    .evidence
                    .as_ref()
                    .map(|e| (e.path.as_str(), e.sentence.as_str()))
                    .unwrap_or(("", ""));
                csv.write_record([
                    p.name.as_str(),
                    p.kind.as_str(),
                    &p.articles.to_string(),
                    &p.sentences.to_string(),
                    path,
                    sentence,
                ])?;
            }
            csv.flush()?;
        }
        ActorsFormat::Text => {
            writeln!(
                out,
                "{} ({}) is named in {} article{}; named alongside {} actor{}",
                output::sanitize(&co.name),
                co.kind.as_str(),
                co.articles,
                plural(co.articles),
                co.partners.len(),
                plural(co.partners.len())
            )?;
            if co.partners.is_empty() {
                return Ok(());
            }
            writeln!(out)?;
            writeln!(out, "articles  sentences  actor")?;
            for p in &co.partners {
                writeln!(
                    out,
                    "{:>8}  {:>9}  {} ({})",
                    p.articles,
                    p.sentences,
                    output::sanitize(&p.name),
                    p.kind.as_str()
                )?;
                if let Some(e) = &p.evidence {
                    writeln!(
                        out,
                        "                     \"{}\"",
                        output::sanitize(&e.sentence)
                    )?;
                    let date = e.date.map(|d| format!("{d}, ")).unwrap_or_default();
                    writeln!(
                        out,
                        "                     — {}{}",
                        date,
                        output::sanitize(&e.path)
                    )?;
                }
            }
        }
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn run_suggest(a: SuggestArgs) -> anyhow::Result<Outcome> {
    let (suggester, read) = if a.archives.is_empty() {
        let index = index::open(&a.location.index)?;
        let suggester = suggest::from_index(&index)?;
        let read = suggester.articles_read();
        (suggester, read)
    } else {
        let schema = super::load_schema(a.schema.as_deref())?;
        let tagger = Tagger::new(&schema)?;
        for root in &a.archives {
            if !root.exists() {
                bail!("archive {} does not exist", root.display());
            }
        }
        let (files, _) = crate::ingest::walk(&a.archives);
        let mut suggester = Suggester::new();
        // Copies of one story (a page and its reader-view save) are one
        // article, as in the index: counted once.
        let mut seen = std::collections::HashSet::new();
        for file in files {
            // Files that are not articles are skipped, as `index` does.
            let Ok(page) = crate::ingest::read_page(&file.path) else {
                continue;
            };
            let Ok(article) = crate::normalize::normalize_saved(
                &page.bytes,
                &file.path,
                schema.furniture(),
                page.saved_from.as_deref(),
            ) else {
                continue;
            };
            if !seen.insert(crate::index::document::content_hash(
                &article.title,
                &article.body,
            )) {
                continue;
            }
            let path = crate::ingest::path_key(&file.path);
            suggester.add_article(&tagger, &path, &article.title, &article.body);
        }
        let read = suggester.articles_read();
        (suggester, read)
    };
    let suggestions = suggester.finish(a.min);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match a.format {
        SuggestFormat::Json => output::write_json(
            &mut out,
            &json!({ "articles": read, "suggestions": suggestions }),
        )?,
        SuggestFormat::Text => {
            writeln!(
                out,
                "# {} suggestion{} from {} article{} (named in at least {} article{}); not in the registry",
                suggestions.len(),
                plural(suggestions.len()),
                read,
                plural(read),
                a.min.max(1),
                plural(a.min.max(1))
            )?;
            writeln!(out)?;
            out.write_all(suggest::to_toml(&suggestions).as_bytes())
                .context("writing suggestions")?;
        }
    }
    out.flush()?;
    Ok(if suggestions.is_empty() {
        Outcome::NoMatch
    } else {
        Outcome::Success
    })
}
