//! Near-duplicate articles: one story published several times (wire copy
//! run by several outlets, a story republished under a new headline, the
//! same article at another URL).
//!
//! At index time each article gets a MinHash signature of the word
//! trigrams of its body (accents and case folded), stored with the
//! document, and locality-sensitive "band" tokens, indexed, so that the
//! articles sharing a band with a given one are found with a term lookup.
//! At search time [`NearDuplicates`] confirms those candidates by the
//! estimated Jaccard similarity of their signatures (at least
//! [`THRESHOLD`]). Exact duplicates are already one document (`paths`);
//! this module does not change how documents are built or ranked.

use std::collections::HashSet;

use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// Hash functions in a signature.
pub const HASHES: usize = 128;
/// Signature values per band.
pub const ROWS: usize = 3;
/// Bands (`HASHES / ROWS`).
pub const BANDS: usize = HASHES / ROWS;
/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Estimated Jaccard similarity of the trigram sets from which two articles
/// are the same story. Measured on `tests/fixtures/dedup/` (see
/// `tests/dedup.rs`): republished copies score 0.50 and up, different
/// stories on the same topic 0.04 at most; precision and recall are 1.0
/// anywhere from 0.2 to 0.5, and 0.35 sits between the two. Candidates come
/// from the bands (three rows each), which find a pair at 0.5 with
/// probability 0.996.
pub const THRESHOLD: f64 = 0.35;
/// Bodies with fewer words than this get no signature: too short to tell a
/// copy from a coincidence.
pub const MIN_WORDS: usize = 25;

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u32>);

impl Signature {
    /// The signature of an article body, or `None` when it is too short.
    pub fn of(body: &str) -> Option<Signature> {
        let words: Vec<String> = crate::fold::fold(body)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        if words.len() < MIN_WORDS {
            return None;
        }
        let mut mins = vec![u32::MAX; HASHES];
        let mut seen = HashSet::new();
        for shingle in words.windows(SHINGLE) {
            let base = fnv1a(shingle);
            if !seen.insert(base) {
                continue;
            }
            for (i, min) in mins.iter_mut().enumerate() {
                let h = (splitmix64(base ^ SEEDS[i % SEEDS.len()].wrapping_mul(i as u64 + 1)) >> 32)
                    as u32;
                if h < *min {
                    *min = h;
                }
            }
        }
        Some(Signature(mins))
    }

    /// The estimated Jaccard similarity of two signatures.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
    }

    /// The signature as stored: hex, eight digits per value.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|v| format!("{v:08x}")).collect()
    }

    /// Reads a stored signature.
    pub fn from_hex(hex: &str) -> Option<Signature> {
        if hex.len() != HASHES * 8 || !hex.is_ascii() {
            return None;
        }
        (0..HASHES)
            .map(|i| u32::from_str_radix(&hex[i * 8..i * 8 + 8], 16).ok())
            .collect::<Option<Vec<u32>>>()
            .map(Signature)
    }

    /// The band tokens to index: two articles sharing one are candidates.
    pub fn bands(&self) -> Vec<String> {
        self.0
            .chunks_exact(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut h: u64 = band as u64;
                for r in rows {
                    h = splitmix64(h ^ u64::from(*r));
                }
                format!("{band:02}{h:016x}")
            })
            .collect()
    }
}

const SEEDS: [u64; 8] = [
    0x9e37_79b9_7f4a_7c15,
    0xbf58_476d_1ce4_e5b9,
    0x94d0_49bb_1331_11eb,
    0x2545_f491_4f6c_dd1d,
    0x27d4_eb2f_1656_67c5,
    0x1656_67b1_9e37_79f9,
    0x85eb_ca77_c2b2_ae63,
    0xc2b2_ae3d_27d4_eb4f,
];

fn fnv1a(words: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.bytes().chain(std::iter::once(b' ')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// True if two bodies are the same story by [`THRESHOLD`].
pub fn same_story(a: &str, b: &str) -> bool {
    match (Signature::of(a), Signature::of(b)) {
        (Some(a), Some(b)) => a.similarity(&b) >= THRESHOLD,
        _ => false,
    }
}

/// A band token shared by more articles than this is ignored when looking
/// for copies of a story.
const MAX_BAND_DOCS: u64 = 64;

/// Finds the near-duplicates of indexed articles.
pub struct NearDuplicates<'a> {
    searcher: &'a Searcher,
    signature: Field,
    bands: Field,
    /// The signature column of each segment, when the field is fast:
    /// reading it there avoids decompressing a stored document (body and
    /// all) for every hit and every candidate.
    columns: Vec<Option<tantivy::columnar::StrColumn>>,
}

impl<'a> NearDuplicates<'a> {
    /// A finder over `searcher`'s index, if the index has the signature
    /// fields (indexes built before them have none).
    pub fn new(
        searcher: &'a Searcher,
        signature: Option<Field>,
        bands: Option<Field>,
    ) -> Option<Self> {
        let signature = signature?;
        let name = searcher.schema().get_field_name(signature).to_string();
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().str(&name).ok().flatten())
            .collect();
        Some(NearDuplicates {
            searcher,
            signature,
            bands: bands?,
            columns,
        })
    }

    /// The stored signature of a document.
    pub fn signature(&self, address: DocAddress) -> tantivy::Result<Option<Signature>> {
        if let Some(Some(column)) = self.columns.get(address.segment_ord as usize) {
            let mut hex = String::new();
            if let Some(ord) = column.term_ords(address.doc_id).next() {
                column.ord_to_str(ord, &mut hex)?;
                return Ok(Signature::from_hex(&hex));
            }
            return Ok(None);
        }
        let doc: TantivyDocument = self.searcher.doc(address)?;
        Ok(doc
            .get_first(self.signature)
            .and_then(|v| v.as_str())
            .and_then(Signature::from_hex))
    }

    /// The other documents that are the same story as `address`, with
    /// their similarity, most similar first.
    pub fn of(&self, address: DocAddress) -> tantivy::Result<Vec<(DocAddress, f64)>> {
        let Some(signature) = self.signature(address)? else {
            return Ok(Vec::new());
        };
        self.like(&signature, Some(address))
    }

    /// The indexed documents that are the same story as a signature.
    pub fn like(
        &self,
        signature: &Signature,
        except: Option<DocAddress>,
    ) -> tantivy::Result<Vec<(DocAddress, f64)>> {
        // A band only the article itself has (the usual case) needs no
        // search; one shared by very many articles is boilerplate (a
        // standard paragraph, a template), not a sign of one story. The
        // remaining bands are looked up in one query.
        let alone = u64::from(except.is_some());
        let mut shared: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for band in signature.bands() {
            let term = Term::from_field_text(self.bands, &band);
            let freq = self.searcher.doc_freq(&term)?;
            if freq <= alone || freq > MAX_BAND_DOCS {
                continue;
            }
            shared.push((
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        let candidates: HashSet<DocAddress> = if shared.is_empty() {
            HashSet::new()
        } else {
            self.searcher.search(
                &BooleanQuery::new(shared),
                &tantivy::collector::DocSetCollector,
            )?
        };
        let mut out = Vec::new();
        for candidate in candidates {
            if Some(candidate) == except {
                continue;
            }
            if let Some(other) = self.signature(candidate)? {
                let similarity = signature.similarity(&other);
                if similarity >= THRESHOLD {
                    out.push((candidate, similarity));
                }
            }
        }
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Prison director Osiris Luna met imprisoned leaders of the MS13 \
        several times in 2019 and 2020, according to documents seen by reporters, \
        and offered better conditions in exchange for fewer murders in the streets \
        and votes for the ruling party in the legislative elections.";

    #[test]
    fn a_copy_with_a_new_first_line_is_the_same_story() {
        let copy = format!("SAN SALVADOR (Wire) — {STORY} Copyright Wire.");
        assert!(same_story(STORY, &copy));
    }

    #[test]
    fn different_text_on_the_same_topic_is_not() {
        let other = "The MS13 denied on Tuesday that its leaders had met prison \
            director Osiris Luna, in a statement read by a lawyer who said the \
            reports about the pact were invented by opponents of the government \
            before the legislative elections in February.";
        assert!(!same_story(STORY, other));
    }

    #[test]
    fn signatures_round_trip_and_short_texts_have_none() {
        let s = Signature::of(STORY).unwrap();
        assert_eq!(Signature::from_hex(&s.to_hex()), Some(s.clone()));
        assert_eq!(s.bands().len(), BANDS);
        assert!(Signature::of("too short").is_none());
    }
}
