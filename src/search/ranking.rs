//! The order of the hits, and walking every hit without keeping them.
//!
//! This module owns `--sort` (relevance, or by the `date` fast field with
//! undated articles last), the order of hits that tie ([`HitKey`]), pages
//! at any depth (`--offset` is only a heap size; there is no cap), and
//! [`for_each_match`], which visits every matching document segment by
//! segment so that `--all` never holds more than one document. Loading
//! documents and building hits is `search`'s.
//!
//! Ties are common (identical briefs, an article and its re-headlined copy,
//! three sample articles scoring 2.735 for `Osiris Luna`), and tantivy
//! breaks them by document address, which comes from the parallel build:
//! five builds of the same four files listed them in three orders (QA pass
//! 13, C4). Here a tie on relevance goes to the newer article (undated
//! last), then to the smaller content hash (the `id` column), which is the
//! article's own whatever segment it landed in; under a date sort, a tie on
//! the day goes to relevance, then the hash. The same order serves the
//! counting pass (`facets`), [`top_docs`] and so every page: `--offset`
//! pages through one order.

use std::cmp::Ordering;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED};

use super::Sort;

/// The fast column of each article's content hash (fields.toml).
const ID_COLUMN: &str = "id";

/// Where a hit stands in the order, greatest first: the date key under a
/// date sort (`major`), the relevance score, the date key under relevance
/// (`minor`: newer first, undated last), then the content hash, smaller
/// first. Every article has its own hash, so no two hits tie.
#[derive(Debug, Clone, PartialEq)]
pub struct HitKey<Id> {
    major: i64,
    score: Score,
    minor: i64,
    id: Id,
}

impl<Id: Ord> HitKey<Id> {
    /// The relevance score.
    pub fn score(&self) -> Score {
        self.score
    }

    fn order(&self, other: &Self) -> Ordering {
        self.major
            .cmp(&other.major)
            .then(self.score.total_cmp(&other.score))
            .then(self.minor.cmp(&other.minor))
            .then(other.id.cmp(&self.id))
    }
}

/// A hit's key within its segment: the hash as its ordinal in the
/// segment's sorted dictionary, which orders as the hash itself does.
type SegmentKey = HitKey<u64>;

/// A hit's key across segments.
pub type Key = HitKey<String>;

/// Reads a segment's date and hash columns to place its hits.
pub struct TieBreak {
    sort: Sort,
    dates: Option<tantivy::columnar::Column<tantivy::DateTime>>,
    ids: Option<StrColumn>,
}

impl TieBreak {
    /// The columns of `segment`; a segment without one sorts as if every
    /// value were missing (undated; hash ordinal 0).
    pub fn for_segment(segment: &SegmentReader, sort: Sort) -> Self {
        TieBreak {
            sort,
            dates: segment.fast_fields().date("date").ok(),
            ids: segment.fast_fields().str(ID_COLUMN).ok().flatten(),
        }
    }

    fn date_key(&self, doc: DocId) -> i64 {
        match self.dates.as_ref().and_then(|c| c.first(doc)) {
            // Undated articles sort last either way.
            None => i64::MIN,
            Some(date) => {
                let secs = date.into_timestamp_secs();
                match self.sort {
                    Sort::Date => -secs,
                    _ => secs,
                }
            }
        }
    }

    fn key(&self, doc: DocId, score: Score) -> SegmentKey {
        let date = self.date_key(doc);
        let (major, minor) = match self.sort {
            Sort::Relevance => (0, date),
            Sort::Date | Sort::DateDesc => (date, 0),
        };
        HitKey {
            major,
            score,
            minor,
            id: self
                .ids
                .as_ref()
                .and_then(|c| c.ords().first(doc))
                .unwrap_or(0),
        }
    }

    fn global(&self, key: SegmentKey) -> Key {
        let mut id = String::new();
        if let Some(ids) = &self.ids {
            // A hash that cannot be read sorts as the empty one: the order
            // is still total within a build.
            if ids.ord_to_str(key.id, &mut id).is_err() {
                id.clear();
            }
        }
        HitKey {
            major: key.major,
            score: key.score,
            minor: key.minor,
            id,
        }
    }
}

/// The best `n` hits of one segment under a [`TieBreak`] order. The date
/// and hash of a hit are read only when its score may enter the list:
/// most matches of a large search are turned away on their score.
pub struct SegmentTop {
    n: usize,
    tie: TieBreak,
    segment: SegmentOrdinal,
    hits: Vec<(SegmentKey, DocId)>,
    /// The worst key kept, once the list has been cut to `n`: a hit must
    /// beat it.
    threshold: Option<SegmentKey>,
}

impl SegmentTop {
    /// The best `n` hits of `segment` (ordinal `ord`) under `sort`.
    pub fn new(n: usize, segment: &SegmentReader, ord: SegmentOrdinal, sort: Sort) -> Self {
        SegmentTop {
            n,
            tie: TieBreak::for_segment(segment, sort),
            segment: ord,
            hits: Vec::new(),
            threshold: None,
        }
    }

    /// Offers the hit `doc` with `score`.
    #[inline]
    pub fn push(&mut self, doc: DocId, score: Score) {
        if self.n == 0 {
            return;
        }
        if let Some(threshold) = &self.threshold {
            if self.tie.sort == Sort::Relevance && score < threshold.score {
                return;
            }
        }
        let key = self.tie.key(doc, score);
        if let Some(threshold) = &self.threshold {
            if key.order(threshold) != Ordering::Greater {
                return;
            }
        }
        self.hits.push((key, doc));
        if self.hits.len() >= self.n.saturating_mul(2).max(2) {
            self.cut();
        }
    }

    fn cut(&mut self) {
        self.hits.sort_unstable_by(|a, b| b.0.order(&a.0));
        self.hits.truncate(self.n);
        self.threshold = self.hits.last().map(|(key, _)| key.clone());
    }

    /// The kept hits, best first, with their keys across segments.
    pub fn harvest(mut self) -> Vec<(Key, DocAddress)> {
        self.cut();
        let tie = &self.tie;
        let segment = self.segment;
        self.hits
            .into_iter()
            .map(|(key, doc)| (tie.global(key), DocAddress::new(segment, doc)))
            .collect()
    }
}

/// The best `n` of the hits of several segments, best first.
pub fn best(n: usize, mut hits: Vec<(Key, DocAddress)>) -> Vec<(Key, DocAddress)> {
    hits.sort_unstable_by(|a, b| b.0.order(&a.0));
    hits.truncate(n);
    hits
}

/// The best `n` hits of a query in the order of `sort`.
struct Ranked {
    sort: Sort,
    n: usize,
}

/// [`Ranked`]'s part in one segment.
struct SegmentRanked(SegmentTop);

impl Collector for Ranked {
    type Fruit = Vec<(Key, DocAddress)>;
    type Child = SegmentRanked;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentRanked> {
        Ok(SegmentRanked(SegmentTop::new(
            self.n, segment, ord, self.sort,
        )))
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(Key, DocAddress)>>) -> tantivy::Result<Self::Fruit> {
        Ok(best(self.n, fruits.into_iter().flatten().collect()))
    }
}

impl SegmentCollector for SegmentRanked {
    type Fruit = Vec<(Key, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.0.push(doc, score);
    }

    fn harvest(self) -> Self::Fruit {
        self.0.harvest()
    }
}

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

/// The hits ranked `offset+1 ..= offset+limit` under `sort`, ties broken
/// as [`HitKey`] says, with their relevance scores.
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
    let n = limit.saturating_add(offset);
    let ranked = searcher.search(query, &Ranked { sort, n })?;
    Ok(ranked
        .into_iter()
        .skip(offset)
        .map(|(key, address)| (key.score(), address))
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
