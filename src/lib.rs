//! dossier: full-text search for investigative archives.
//!
//! The crate follows the data flow, one module per stage:
//! [`ingest`] walks an archive and reads files, [`normalize`] turns bytes into
//! an article, [`actors`] tags gangs and officials from the gazetteers,
//! [`index`] writes tantivy documents, [`search`] turns a query into ranked
//! hits with facets and snippets, and [`output`] prints them. [`schema`] loads
//! the declarative `index-schema/` folder; [`cli`] is the thin command line.

pub mod actors;
pub mod bug;
pub mod cli;
pub mod dedup;
pub mod fold;
pub mod index;
pub mod ingest;
pub mod normalize;
pub mod output;
pub mod schema;
pub mod search;
mod spans;
#[cfg(test)]
mod test_rng;
pub mod watch;
