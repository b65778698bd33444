//! The command line, as clap parses it. Every flag is documented where it
//! is defined; `dossier help COMMAND` prints these docs.

use std::path::{Path, PathBuf};

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

/// Full-text search for investigative archives of news articles, with
/// gang, official and date filters.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 matched / committed, 1 nothing matched, 2 error, 3 committed with failed files under --strict."
)]
pub struct Args {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// dossier's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the index from archive folders (default: the bundled corpus-sample/).
    Index(IndexArgs),
    /// Search the index; ranked, highlighted hits with facet counts.
    Search(SearchArgs),
    /// Show the document `index` would store for one file.
    Inspect(InspectArgs),
    /// Count articles per gang, official, year or month.
    Facets(FacetsArgs),
    /// Show what the index holds: articles, languages, dates, size.
    Stats(StatsArgs),
    /// List actors with article counts, who is named alongside whom, or
    /// suggest registry entries (`actors suggest`).
    Actors(crate::cli::actors::ActorsArgs),
    /// List the indexed articles most like one article (shared rare words and actors).
    Similar(super::search_extra::SimilarArgs),
    /// Saved searches that report the articles that arrived since they last ran.
    Watch(super::watch::WatchArgs),
    /// Write every indexed article, one JSON object a line.
    Export(ExportArgs),
}

impl Command {
    /// The index folder the command reads or writes, if it uses one.
    pub fn index_dir(&self) -> Option<&Path> {
        use super::actors::ActorsCommand;
        use super::watch::WatchCommand;
        let location = match self {
            Command::Index(a) => &a.location,
            Command::Search(a) => &a.location,
            Command::Inspect(_) => return None,
            Command::Facets(a) => &a.location,
            Command::Stats(a) => &a.location,
            Command::Actors(a) => match &a.command {
                Some(ActorsCommand::Suggest(s)) if !s.archives.is_empty() => return None,
                Some(ActorsCommand::Suggest(s)) => &s.location,
                None => &a.location,
            },
            Command::Similar(a) => &a.location,
            Command::Watch(a) => match &a.command {
                WatchCommand::Add(w) => &w.location,
                WatchCommand::List(w) => &w.location,
                WatchCommand::Remove(w) => &w.location,
                WatchCommand::Run(w) => &w.location,
            },
            Command::Export(a) => &a.location,
        };
        Some(&location.index)
    }
}

/// Where the index lives.
#[derive(Debug, Clone, ClapArgs)]
pub struct IndexLocation {
    /// Index folder [default: $DOSSIER_INDEX, else ./dossier-index].
    #[arg(
        long,
        value_name = "DIR",
        env = "DOSSIER_INDEX",
        default_value = "dossier-index",
        hide_default_value = true,
        hide_env_values = true
    )]
    pub index: PathBuf,
}

/// `dossier index`.
#[derive(Debug, ClapArgs)]
pub struct IndexArgs {
    /// Archive folders or files to index. Without any, indexes the bundled
    /// `corpus-sample/`.
    #[arg(value_name = "ARCHIVE")]
    pub archives: Vec<PathBuf>,

    #[command(flatten)]
    pub location: IndexLocation,

    /// Re-read every file and rewrite every document. Without it, a run
    /// reads only files whose size or modification time changed, and
    /// re-tags stored articles when the gazetteers changed. Articles keep
    /// the build that first indexed them, so watches do not fire again.
    #[arg(long)]
    pub full: bool,

    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,

    /// Write a JSON report of the build (counts and failed files) to FILE.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Use the schema and gazetteers in DIR instead of the built-in ones.
    /// Files missing from DIR fall back to the built-in copy.
    #[arg(long, value_name = "DIR")]
    pub schema: Option<PathBuf>,

    /// Print only warnings and the summary line; no progress bar.
    #[arg(long, short)]
    pub quiet: bool,

    /// Exit with code 3 if any file failed (the index is still committed).
    #[arg(long)]
    pub strict: bool,

    /// After the run, merge the index into one segment: searches get
    /// faster (at 100,000 articles a whole search took 10.3 instead of 14.0
    /// ms), the run rewrites the whole index once (21.4 s at 100,000
    /// articles) and needs free disk for a second copy while it does. For a
    /// weekly run; nightly runs add small segments again.
    #[arg(long)]
    pub merge: bool,

    /// Let an archive folder that is empty or missing remove its articles
    /// from the index. Without it such a run stops with an error and
    /// changes nothing: an unmounted share looks like an emptied folder.
    #[arg(long)]
    pub allow_empty: bool,

    /// Memory budget of the whole build, in MiB: a quarter for the index
    /// writer, half for the segments one merge reads (larger segments are
    /// left unmerged), a sixteenth for documents waiting for the writer, a
    /// thirty-second for per-file records (spilled to disk beyond it); the
    /// rest is headroom for the documents being read.
    #[arg(long, value_name = "MIB", default_value_t = 1024, value_parser = clap::value_parser!(u64).range(128..=65536))]
    pub memory: u64,
}

/// Output formats of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// Ranked hits for reading at a terminal.
    Text,
    /// One JSON object (DESIGN.md's shape).
    Json,
    /// One row per hit, with a header, for spreadsheets.
    Csv,
    /// One JSON object per hit, one per line.
    Ndjson,
}

/// Output formats of `inspect`, `facets` and `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For reading.
    Text,
    /// One JSON object.
    Json,
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal, NO_COLOR is not set and TERM is not `dumb`.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Filters shared by `search` and `facets`.
#[derive(Debug, Clone, ClapArgs)]
pub struct Filters {
    /// Only articles naming this gang (any alias; repeat to OR).
    #[arg(long, value_name = "NAME")]
    pub gang: Vec<String>,

    /// Only articles naming this official (any alias; repeat to OR).
    #[arg(long, value_name = "NAME")]
    pub official: Vec<String>,

    /// Only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// Only articles published on or before DATE (inclusive: `--to 2021` covers all of 2021).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

/// `dossier search`.
#[derive(Debug, ClapArgs)]
pub struct SearchArgs {
    /// The query: words (AND'd), "exact phrases", "words near"~5, fuzzy~1, OR,
    /// NOT / -word, parentheses, title:/body:/url: fields, gang:/official:/date:
    /// filters (date:2021-09, date:[2020 TO 2021-06]). An empty query matches
    /// every article.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,

    #[command(flatten)]
    pub location: IndexLocation,

    #[command(flatten)]
    pub filters: Filters,

    /// Hits to show.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// Hits to skip (for the next page).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
    pub format: SearchFormat,

    /// Colour the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(flatten)]
    pub extra: super::search_extra::SearchOptions,
}

/// `dossier inspect`.
#[derive(Debug, ClapArgs)]
pub struct InspectArgs {
    /// The file to normalize.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Use the schema and gazetteers in DIR instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub schema: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Facet dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FacetField {
    /// Gangs (factions also as `Barrio 18/Sureños`).
    Gang,
    /// Officials.
    Official,
    /// Publication year.
    Year,
    /// Publication month.
    Month,
}

/// `dossier facets`.
#[derive(Debug, ClapArgs)]
pub struct FacetsArgs {
    /// Count among the articles matching this query [default: all].
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,

    #[command(flatten)]
    pub location: IndexLocation,

    #[command(flatten)]
    pub filters: Filters,

    /// Which dimension to count [default: gang, official and year].
    #[arg(long, value_enum)]
    pub field: Option<FacetField>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `dossier stats`.
#[derive(Debug, ClapArgs)]
pub struct StatsArgs {
    #[command(flatten)]
    pub location: IndexLocation,

    /// First read every file of the index and check it against the
    /// checksum written into it (after a disk error or a copy to another
    /// machine). A damaged index is an error (exit 2) naming its files.
    #[arg(long)]
    pub check: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Output formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object a line, in the `inspect --format json` shape.
    Ndjson,
}

/// `dossier export`.
#[derive(Debug, ClapArgs)]
pub struct ExportArgs {
    #[command(flatten)]
    pub location: IndexLocation,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Ndjson)]
    pub format: ExportFormat,
}
