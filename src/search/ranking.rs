//! The order of the hits, and walking every hit without keeping them.
//!
//! This module owns `--sort` (relevance, or by the `date` fast field with
//! undated articles last), pages at any depth (`--offset` is only a heap
//! size; there is no cap), and [`for_each_match`], which visits every
//! matching document segment by segment so that `--all` never holds more
//! than one document. Loading documents and building hits is `search`'s.

use tantivy::collector::TopDocs;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader, TERMINATED};

use super::Sort;

/// The sort key of a document: (date key, relevance).
type Key = (i64, Score);

fn date_key(segment: &SegmentReader, sort: Sort) -> tantivy::Result<impl Fn(DocId) -> i64> {
    let column = segment.fast_fields().date("date")?;
    Ok(move |doc: DocId| match column.first(doc) {
        // Undated articles sort last either way.
        None => i64::MIN,
        Some(date) => {
            let secs = date.into_timestamp_secs();
            match sort {
                Sort::Date => -secs,
                _ => secs,
            }
        }
    })
}

/// The hits ranked `offset+1 ..= offset+limit` under `sort`, with their
/// relevance scores.
pub fn top_docs(
    searcher: &Searcher,
    query: &dyn Query,
    sort: Sort,
    limit: usize,
    offset: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let top = TopDocs::with_limit(limit).and_offset(offset);
    if sort == Sort::Relevance {
        return searcher.search(query, &top.order_by_score());
    }
    let collector = top.tweak_score(move |segment: &SegmentReader| {
        // A segment without the fast field sorts as undated.
        let key = date_key(segment, sort).ok();
        move |doc: DocId, score: Score| -> Key {
            (key.as_ref().map_or(i64::MIN, |k| k(doc)), score)
        }
    });
    let ranked: Vec<(Key, DocAddress)> = searcher.search(query, &collector)?;
    Ok(ranked
        .into_iter()
        .map(|((_, score), address)| (score, address))
        .collect())
}

/// Calls `visit` with every document matching `query`, in index order,
/// without collecting them. `visit` returns `false` to stop.
pub fn for_each_match(
    searcher: &Searcher,
    query: &dyn Query,
    mut visit: impl FnMut(Score, DocAddress) -> anyhow::Result<bool>,
) -> anyhow::Result<()> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let mut scorer = weight.scorer(segment, 1.0)?;
        let alive = segment.alive_bitset();
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                let address = DocAddress::new(ord as u32, doc);
                if !visit(scorer.score(), address)? {
                    return Ok(());
                }
            }
            doc = scorer.advance();
        }
    }
    Ok(())
}

/// Every match under a date sort: a (key, address) pair per hit, sixteen
/// bytes each — the documents themselves are loaded one at a time by the
/// caller.
pub fn all_by_date(
    searcher: &Searcher,
    query: &dyn Query,
    sort: Sort,
) -> anyhow::Result<Vec<(Score, DocAddress)>> {
    let mut keys: Vec<Vec<i64>> = Vec::new();
    for segment in searcher.segment_readers() {
        let key = date_key(segment, sort).ok();
        let n = segment.max_doc();
        keys.push(match key {
            Some(k) => (0..n).map(&k).collect(),
            None => vec![i64::MIN; n as usize],
        });
    }
    let mut all: Vec<(i64, Score, DocAddress)> = Vec::new();
    for_each_match(searcher, query, |score, address| {
        let key = keys[address.segment_ord as usize][address.doc_id as usize];
        all.push((key, score, address));
        Ok(true)
    })?;
    all.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    Ok(all.into_iter().map(|(_, s, a)| (s, a)).collect())
}
