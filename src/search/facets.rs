//! Multi-select facet counts in one pass over the text query's matches.
//!
//! A reporter who narrows by gang still wants to see how many matches the
//! other gangs have: each dimension is counted with every filter but its
//! own. Run as tantivy facet searches, that was one search per filtered
//! dimension plus one for gang factions, and every `FacetCollector`
//! streamed each segment's facet dictionary again: about half of a short
//! search's time went to counting. [`FacetPass`] runs the text query once,
//! without the filters; for each match it reads the document's facet
//! ordinals and date, decides which filters it passes, and counts it in the
//! dimensions whose other filters it passes. Each segment's dictionary is
//! read once, into a table from ordinal to what it counts for.
//!
//! The pass can also rank ([`FacetPass::top`]): the matches that pass every
//! filter, by the text query's score, ties broken as `ranking` breaks them.
//! Since every match is visited to be counted, scoring it here costs less
//! than a top-k pass of its own, even one that skips blocks that cannot
//! compete: that pass opens and reads the postings a second time.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::schema::Facet;
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::ranking::{self, SegmentTop};
use super::Sort;
use crate::index::document::date_to_tantivy;

/// What a search counts, and its filters on the same facets.
#[derive(Debug, Clone, Default)]
pub struct FacetPass {
    /// The facet field's name.
    pub field: String,
    /// The date field's name (a fast column).
    pub date_field: String,
    /// Gang filter: facet paths below `/gang` (any of them), if filtered.
    pub gangs: Option<Vec<Facet>>,
    /// Official filter: facet paths (any of them), if filtered.
    pub officials: Option<Vec<Facet>>,
    /// Date filter: inclusive bounds, if filtered.
    pub dates: Option<(Option<DateTime>, Option<DateTime>)>,
    /// Also rank: the best this many matches that pass every filter.
    pub top: Option<usize>,
}

/// Counts of one search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FacetTally {
    /// Matches that pass every filter.
    pub total: usize,
    /// Per gang, counted with the official and date filters.
    pub gang: BTreeMap<String, u64>,
    /// Per faction (`parent/faction`), counted like gangs.
    pub faction: BTreeMap<String, u64>,
    /// Per official, counted with the gang and date filters.
    pub official: BTreeMap<String, u64>,
    /// Per year, counted with the gang and official filters.
    pub year: BTreeMap<String, u64>,
    /// With [`FacetPass::top`]: the best matches that pass every filter,
    /// best first (ties as `ranking` breaks them); empty otherwise.
    pub top: Vec<(ranking::Key, DocAddress)>,
}

impl FacetTally {
    fn add(&mut self, other: FacetTally) {
        self.total += other.total;
        self.top.extend(other.top);
        for (mine, theirs) in [
            (&mut self.gang, other.gang),
            (&mut self.faction, other.faction),
            (&mut self.official, other.official),
            (&mut self.year, other.year),
        ] {
            for (label, count) in theirs {
                *mine.entry(label).or_default() += count;
            }
        }
    }
}

/// The dimensions a facet counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Dimension {
    Gang,
    Faction,
    Official,
    Year,
}

/// What one facet ordinal of a segment stands for.
#[derive(Debug, Clone, Default)]
struct Ordinal {
    /// Buckets (indexes into the segment's labels) it counts in.
    buckets: Vec<usize>,
    /// It satisfies the gang filter.
    gang_filter: bool,
    /// It satisfies the official filter.
    official_filter: bool,
    /// For a `/date/YYYY/MM` facet under a date filter: whether every day
    /// of its month is inside the range (`Some(true)`), none is
    /// (`Some(false)`), or the range starts or ends within it (`None`: the
    /// day is read from the date column).
    month_in_range: Option<bool>,
    /// It is a `/date/YYYY/MM` facet (under a date filter).
    dated: bool,
}

/// The per-segment part of [`FacetPass`].
pub struct SegmentFacetPass {
    facets: tantivy::fastfield::FacetReader,
    dates: Option<Column<DateTime>>,
    date_bounds: Option<(Option<DateTime>, Option<DateTime>)>,
    gang_filtered: bool,
    official_filtered: bool,
    ordinals: Vec<Ordinal>,
    /// Each bucket's dimension and label.
    labels: Vec<(Dimension, String)>,
    counts: Vec<u64>,
    /// The last document counted in each bucket: a document with two
    /// factions of one gang counts once for the gang.
    last_doc: Vec<DocId>,
    total: usize,
    /// Scratch: the current document's ordinals.
    doc_ordinals: Vec<u64>,
    top: Option<SegmentTop>,
}

impl Collector for FacetPass {
    type Fruit = FacetTally;
    type Child = SegmentFacetPass;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetPass> {
        let facets = reader.facet_reader(&self.field)?;
        let dates = match self.dates {
            Some(_) => reader.fast_fields().date(&self.date_field).ok(),
            None => None,
        };
        let encoded = |list: &Option<Vec<Facet>>| -> Vec<Vec<u8>> {
            list.iter()
                .flatten()
                .map(|f| f.encoded_str().as_bytes().to_vec())
                .collect()
        };
        let gang_filter = encoded(&self.gangs);
        let official_filter = encoded(&self.officials);

        // The dictionary is sorted, so the terms of one label follow each
        // other (`/date/2019/01` … `/date/2019/12`): the last label's bucket
        // is reused, and only a new label is decoded and looked up. Splitting,
        // decoding and hashing every term of every segment on every search
        // cost a 20,000-article search 2-5%.
        let mut labels: Vec<(Dimension, String)> = Vec::new();
        // Fx, not SipHash: every segment's labels are hashed on every search.
        let mut known: FxHashMap<(Dimension, String), usize> = FxHashMap::default();
        let mut last: Option<(Dimension, Vec<u8>, usize)> = None;
        let mut bucket = |dimension: Dimension, label: &[u8]| -> usize {
            if let Some((d, l, b)) = &last {
                if *d == dimension && l == label {
                    return *b;
                }
            }
            let text = String::from_utf8_lossy(label).into_owned();
            let b = *known.entry((dimension, text.clone())).or_insert_with(|| {
                labels.push((dimension, text));
                labels.len() - 1
            });
            last = Some((dimension, label.to_vec(), b));
            b
        };
        let dictionary = facets.facet_dict();
        let mut ordinals = vec![Ordinal::default(); dictionary.num_terms()];
        let mut stream = dictionary.stream()?;
        while stream.advance() {
            let key = stream.key();
            let Some(ordinal) = ordinals.get_mut(stream.term_ord() as usize) else {
                continue;
            };
            ordinal.gang_filter = gang_filter.iter().any(|f| is_within(key, f));
            ordinal.official_filter = official_filter.iter().any(|f| is_within(key, f));
            let mut parts = key.split(|b| *b == 0);
            let (Some(kind), Some(first)) = (parts.next(), parts.next()) else {
                continue;
            };
            match kind {
                b"gang" => {
                    ordinal.buckets.push(bucket(Dimension::Gang, first));
                    // A faction (`/gang/Barrio 18/Sureños`) counts under its
                    // group and on its own: only the registry's factions
                    // have such a path.
                    if let Some(faction) = parts.next() {
                        let label = [first, b"/", faction].concat();
                        ordinal.buckets.push(bucket(Dimension::Faction, &label));
                    }
                }
                b"official" => ordinal.buckets.push(bucket(Dimension::Official, first)),
                b"date" => {
                    ordinal.buckets.push(bucket(Dimension::Year, first));
                    if let (Some(bounds), Some(month)) = (self.dates, parts.next()) {
                        ordinal.month_in_range = month_in_range(first, month, bounds);
                        ordinal.dated = true;
                    }
                }
                _ => {}
            }
        }
        let buckets = labels.len();
        Ok(SegmentFacetPass {
            facets,
            dates,
            date_bounds: self.dates,
            gang_filtered: self.gangs.is_some(),
            official_filtered: self.officials.is_some(),
            ordinals,
            labels,
            counts: vec![0; buckets],
            last_doc: vec![DocId::MAX; buckets],
            total: 0,
            doc_ordinals: Vec::new(),
            top: self
                .top
                .map(|n| SegmentTop::new(n, reader, segment, Sort::Relevance)),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.top.is_some()
    }

    fn merge_fruits(&self, fruits: Vec<FacetTally>) -> tantivy::Result<FacetTally> {
        let mut all = FacetTally::default();
        for fruit in fruits {
            all.add(fruit);
        }
        if let Some(n) = self.top {
            all.top = ranking::best(n, std::mem::take(&mut all.top));
        }
        Ok(all)
    }
}

/// Whether the days of month `month` (`"MM"`) of year `year` (`"YYYY"`),
/// as stored dates, are all inside the inclusive `bounds` (`Some(true)`),
/// all outside (`Some(false)`), or some of each (`None`). Stored dates are
/// midnight UTC of the day (`index::document::date_to_tantivy`), as the
/// bounds are.
fn month_in_range(
    year: &[u8],
    month: &[u8],
    (from, to): (Option<DateTime>, Option<DateTime>),
) -> Option<bool> {
    let number = |digits: &[u8]| std::str::from_utf8(digits).ok()?.parse::<u32>().ok();
    let (year, month) = (i32::try_from(number(year)?).ok()?, number(month)?);
    let first = chrono::NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        chrono::NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = next.pred_opt()?;
    let (first, last) = (date_to_tantivy(first), date_to_tantivy(last));
    let inside = from.is_none_or(|f| first >= f) && to.is_none_or(|t| last <= t);
    let overlaps = from.is_none_or(|f| last >= f) && to.is_none_or(|t| first <= t);
    if inside {
        Some(true)
    } else if !overlaps {
        Some(false)
    } else {
        None
    }
}

/// True if the encoded facet `key` is `filter` or below it.
fn is_within(key: &[u8], filter: &[u8]) -> bool {
    key.starts_with(filter) && key.get(filter.len()).is_none_or(|b| *b == 0)
}

impl SegmentFacetPass {
    fn in_date_range(&self, doc: DocId) -> bool {
        let Some((from, to)) = self.date_bounds else {
            return true;
        };
        let Some(date) = self.dates.as_ref().and_then(|c| c.first(doc)) else {
            return false;
        };
        from.is_none_or(|f| date >= f) && to.is_none_or(|t| date <= t)
    }
}

impl SegmentCollector for SegmentFacetPass {
    type Fruit = FacetTally;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.doc_ordinals.clear();
        self.doc_ordinals.extend(self.facets.facet_ords(doc));
        let mut gang = !self.gang_filtered;
        let mut official = !self.official_filtered;
        // Under a date filter, most documents' month facet settles it
        // without reading the date column (a rank in its optional index
        // and a value: the largest per-match cost of a filtered search).
        let mut month: Option<Option<bool>> = None;
        for &ord in &self.doc_ordinals {
            if let Some(ordinal) = self.ordinals.get(ord as usize) {
                gang |= ordinal.gang_filter;
                official |= ordinal.official_filter;
                if ordinal.dated {
                    month = Some(ordinal.month_in_range);
                }
            }
        }
        let date = match month {
            Some(Some(known)) => known,
            _ => self.in_date_range(doc),
        };
        if gang && official && date {
            self.total += 1;
            if let Some(top) = &mut self.top {
                top.push(doc, score);
            }
        }
        for &ord in &self.doc_ordinals {
            let Some(ordinal) = self.ordinals.get(ord as usize) else {
                continue;
            };
            for &bucket in &ordinal.buckets {
                let counted = match self.labels[bucket].0 {
                    Dimension::Gang | Dimension::Faction => official && date,
                    Dimension::Official => gang && date,
                    Dimension::Year => gang && official,
                };
                if counted && self.last_doc[bucket] != doc {
                    self.last_doc[bucket] = doc;
                    self.counts[bucket] += 1;
                }
            }
        }
    }

    fn harvest(self) -> FacetTally {
        let mut tally = FacetTally {
            total: self.total,
            top: self.top.map(SegmentTop::harvest).unwrap_or_default(),
            ..FacetTally::default()
        };
        for ((dimension, label), count) in self.labels.into_iter().zip(self.counts) {
            if count == 0 {
                continue;
            }
            let counts = match dimension {
                Dimension::Gang => &mut tally.gang,
                Dimension::Faction => &mut tally.faction,
                Dimension::Official => &mut tally.official,
                Dimension::Year => &mut tally.year,
            };
            *counts.entry(label).or_default() += count;
        }
        tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_inside_outside_or_across_a_date_range() {
        let day = |y, m, d| {
            Some(date_to_tantivy(
                chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            ))
        };
        let month =
            |y: &str, m: &str, from, to| month_in_range(y.as_bytes(), m.as_bytes(), (from, to));
        // --from 2019 --to 2023
        let years = (day(2019, 1, 1), day(2023, 12, 31));
        assert_eq!(month("2019", "01", years.0, years.1), Some(true));
        assert_eq!(month("2023", "12", years.0, years.1), Some(true));
        assert_eq!(month("2018", "12", years.0, years.1), Some(false));
        assert_eq!(month("2024", "01", years.0, years.1), Some(false));
        // Bounds inside a month: that month needs the day.
        let days = (day(2020, 4, 15), day(2021, 12, 7));
        assert_eq!(month("2020", "04", days.0, days.1), None);
        assert_eq!(month("2021", "12", days.0, days.1), None);
        assert_eq!(month("2020", "05", days.0, days.1), Some(true));
        // A leap February, open bounds, and what is not a month.
        assert_eq!(month("2024", "02", day(2024, 2, 29), None), None);
        assert_eq!(month("2024", "02", None, day(2024, 2, 29)), Some(true));
        assert_eq!(month("2024", "03", None, day(2024, 2, 29)), Some(false));
        assert_eq!(month("2024", "13", None, None), None);
        assert_eq!(month("20x4", "01", None, None), None);
    }

    #[test]
    fn a_filter_covers_its_facet_and_those_below_only() {
        let facet = |path: &[&str]| Facet::from_path(path).encoded_str().as_bytes().to_vec();
        let b18 = facet(&["gang", "Barrio 18"]);
        assert!(is_within(&facet(&["gang", "Barrio 18"]), &b18));
        assert!(is_within(&facet(&["gang", "Barrio 18", "Sureños"]), &b18));
        assert!(!is_within(&facet(&["gang", "Barrio 180"]), &b18));
        assert!(!is_within(&facet(&["gang"]), &b18));
    }
}
