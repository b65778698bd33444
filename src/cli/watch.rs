//! `dossier watch`: the command line of watchlists.
//!
//! Flags and printing only; the watch file and the "arrived since" query
//! are `crate::watch`'s.

use std::io::{self, Write};

use clap::{Args as ClapArgs, Subcommand};
use serde_json::json;

use super::args::{Filters, Format, IndexLocation};
use crate::index;
use crate::output;
use crate::watch::{self, ArrivalJson, Watch, Watchlist};

/// `dossier watch`.
#[derive(Debug, ClapArgs)]
pub struct WatchArgs {
    /// What to do with the watches.
    #[command(subcommand)]
    pub command: WatchCommand,
}

/// The watch subcommands.
#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Save a search as a watch; it reports articles indexed from now on.
    Add(AddArgs),
    /// List the watches and their marks.
    List(ListArgs),
    /// Delete a watch.
    Remove(RemoveArgs),
    /// Print, for each watch, the matching articles that arrived since it
    /// last ran, then move its mark forward.
    Run(RunArgs),
}

/// `dossier watch add`.
#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// A name for the watch, unique in the index.
    #[arg(value_name = "NAME")]
    pub name: String,

    /// The query, as `dossier search` takes it ("" for every article).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,

    #[command(flatten)]
    pub location: IndexLocation,

    #[command(flatten)]
    pub filters: Filters,
}

/// `dossier watch list`.
#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    #[command(flatten)]
    pub location: IndexLocation,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `dossier watch remove`.
#[derive(Debug, ClapArgs)]
pub struct RemoveArgs {
    /// The watch to delete.
    #[arg(value_name = "NAME")]
    pub name: String,

    #[command(flatten)]
    pub location: IndexLocation,
}

/// `dossier watch run`.
#[derive(Debug, ClapArgs)]
pub struct RunArgs {
    #[command(flatten)]
    pub location: IndexLocation,

    /// Output format (json: one object, for a mail or chat hook).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Runs one watch subcommand.
pub fn run(args: WatchArgs) -> anyhow::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.command {
        WatchCommand::Add(a) => {
            let opened = index::open(&a.location.index)?;
            let mut list = Watchlist::load(&opened.path)?;
            let watch = Watch {
                name: a.name,
                query: a.query,
                gangs: a.filters.gang,
                officials: a.filters.official,
                from: a.filters.from,
                to: a.filters.to,
                mark: watch::current_build(&opened),
                created_at: now(),
                last_run: None,
            };
            watch::validate(&opened, &watch)?;
            let name = watch.name.clone();
            list.add(watch)?;
            list.save(&opened.path)?;
            writeln!(out, "added watch '{}'", output::sanitize(&name))?;
        }
        WatchCommand::List(a) => {
            let list = Watchlist::load(&existing(&a.location)?)?;
            match a.format {
                Format::Json => output::write_json(&mut out, &list)?,
                Format::Text => {
                    for w in &list.watches {
                        writeln!(
                            out,
                            "{}\t{}{}\t(since build {})",
                            output::sanitize(&w.name),
                            output::sanitize(&w.query),
                            describe_filters(w),
                            w.mark
                        )?;
                    }
                }
            }
        }
        WatchCommand::Remove(a) => {
            let dir = existing(&a.location)?;
            let mut list = Watchlist::load(&dir)?;
            let removed = list.remove(&a.name)?;
            list.save(&dir)?;
            writeln!(out, "removed watch '{}'", output::sanitize(&removed.name))?;
        }
        WatchCommand::Run(a) => {
            let opened = index::open(&a.location.index)?;
            let mut list = Watchlist::load(&opened.path)?;
            let current = watch::current_build(&opened);
            let mut reports = Vec::new();
            // One broken watch (an official gone from the registry) must not
            // silence the others: each failure is reported and skipped, its
            // mark kept, and the run exits 2 once every other watch has run
            // and its mark is saved, so cron still notices.
            let mut failed = Vec::new();
            for w in &mut list.watches {
                let since = w.since(current);
                if w.mark_is_stale(current) {
                    writeln!(
                        io::stderr(),
                        "dossier: warning: watch '{}' last ran at build {}, above this index's \
                         build {current}: the index was rebuilt since, so its mark belongs to the \
                         old one; reporting every matching article of this index",
                        output::sanitize(&w.name),
                        w.mark
                    )?;
                }
                let articles = match watch::arrivals(&opened, w) {
                    Ok(articles) => articles,
                    Err(err) => {
                        let message = err.to_string();
                        writeln!(
                            io::stderr(),
                            "dossier: error: watch '{}' failed: {}; its mark stays at build {} \
                             until it runs (or `dossier watch remove` it)",
                            output::sanitize(&w.name),
                            output::sanitize(&message),
                            w.mark
                        )?;
                        match a.format {
                            Format::Text => writeln!(
                                out,
                                "== {} (failed: {})",
                                output::sanitize(&w.name),
                                output::sanitize(&message)
                            )?,
                            Format::Json => reports.push(json!({
                                "name": w.name,
                                "query": w.query,
                                "since_build": w.mark,
                                "to_build": current,
                                "new": 0,
                                "articles": [],
                                "error": message,
                            })),
                        }
                        failed.push(w.name.clone());
                        continue;
                    }
                };
                match a.format {
                    Format::Text => {
                        writeln!(
                            out,
                            "== {} ({} new since build {})",
                            output::sanitize(&w.name),
                            articles.len(),
                            since
                        )?;
                        for article in &articles {
                            writeln!(
                                out,
                                "  {}  {}\n      {}",
                                article
                                    .date
                                    .map(|d| d.to_string())
                                    .unwrap_or_else(|| "undated   ".to_string()),
                                output::sanitize(&article.title),
                                output::sanitize(&article.path)
                            )?;
                        }
                    }
                    Format::Json => {
                        let hits: Vec<ArrivalJson> = articles.iter().map(Into::into).collect();
                        let mut report = json!({
                            "name": w.name,
                            "query": w.query,
                            "since_build": since,
                            "to_build": current,
                            "new": hits.len(),
                            "articles": hits,
                        });
                        if w.mark_is_stale(current) {
                            report["stale_mark"] = json!(w.mark);
                        }
                        reports.push(report);
                    }
                }
                // Not `max`: a stale mark is replaced by this index's build.
                w.mark = current;
                w.last_run = Some(now());
            }
            if a.format == Format::Json {
                output::write_json(&mut out, &json!({ "build": current, "watches": reports }))?;
            }
            list.save(&opened.path)?;
            if !failed.is_empty() {
                out.flush()?;
                let names: Vec<String> = failed
                    .iter()
                    .map(|n| format!("'{}'", output::sanitize(n)))
                    .collect();
                anyhow::bail!(
                    "{} of {} watches failed ({}); the others ran and their marks moved",
                    failed.len(),
                    list.watches.len(),
                    names.join(", ")
                );
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The index folder, which must hold an index.
fn existing(location: &IndexLocation) -> anyhow::Result<std::path::PathBuf> {
    if !index::exists(&location.index) {
        return Err(index::IndexError::Missing(location.index.clone()).into());
    }
    Ok(location.index.clone())
}

fn describe_filters(w: &Watch) -> String {
    let mut parts = Vec::new();
    for g in &w.gangs {
        parts.push(format!(" --gang {}", output::sanitize(g)));
    }
    for o in &w.officials {
        parts.push(format!(" --official {}", output::sanitize(o)));
    }
    if let Some(f) = &w.from {
        parts.push(format!(" --from {}", output::sanitize(f)));
    }
    if let Some(t) = &w.to {
        parts.push(format!(" --to {}", output::sanitize(t)));
    }
    parts.concat()
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
