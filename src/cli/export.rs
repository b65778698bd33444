//! `dossier export`: every indexed article, one JSON object a line, in the
//! `inspect` shape (DESIGN.md), for moving an archive to another engine
//! (OpenSearch/Elasticsearch bulk, Quickwit ingest) or feeding the peer
//! benchmarks.
//!
//! Export streams: it walks each segment's document store block by block
//! and writes each article as soon as it is decoded, so memory stays flat
//! whatever the size of the index. It owns no index logic beyond that walk;
//! the document shape is `index::IndexedArticle`'s.

use std::io::{self, Write};

use anyhow::Context;

use crate::index::{self, StoredArticle};

/// Writes every live article of the index at `dir` to `out` as NDJSON and
/// returns how many it wrote.
pub fn ndjson(dir: &std::path::Path, out: &mut impl Write) -> anyhow::Result<u64> {
    let opened = index::open(dir)?;
    let reader = opened
        .index
        .reader()
        .with_context(|| format!("cannot read the index at {}", dir.display()))?;
    let searcher = reader.searcher();
    let mut written = 0;
    for segment in searcher.segment_readers() {
        // One cached block: the walk is sequential, each block read once.
        let store = segment
            .get_store_reader(1)
            .with_context(|| format!("cannot open a document store in {}", dir.display()))?;
        for doc in store.iter::<StoredArticle>(segment.alive_bitset()) {
            let doc =
                doc.with_context(|| format!("cannot read a stored document in {}", dir.display()))?;
            let article = doc.into_article(&opened.fields);
            serde_json::to_writer(&mut *out, &article).map_err(io::Error::from)?;
            out.write_all(b"\n")?;
            written += 1;
        }
    }
    Ok(written)
}
