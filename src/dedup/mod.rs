//! Near-duplicate articles: one story published several times (wire copy
//! run by several outlets, a story republished under a new headline, the
//! same article at another URL).
//!
//! At index time each article gets a MinHash signature of the word
//! trigrams of its body (accents and case folded), stored with the
//! document in a fast column. Its locality-sensitive "bands" (groups of
//! [`ROWS`] values) pick candidates: articles that share a band. The build
//! lists the bands two or more articles share ([`shared`]); at search time
//! [`NearDuplicates`] takes the candidates of a hit from that list and
//! confirms them by the estimated Jaccard similarity of their signatures
//! (at least [`THRESHOLD`]). Similar text is not enough to call two
//! articles one story: a follow-up repeats the background of the first
//! report, template press releases share most of their words, two events
//! can carry one long quote. [`distinct_stories`] tells those apart from the
//! dates and texts stored with every article (no extra field), and search
//! (`search::copies_like`) folds only copies it does not separate.
//! Exact duplicates are already one document
//! (`paths`); this module does not change how documents are built or
//! ranked.
//!
//! The bands used to be indexed as tokens too: 42 terms per article, nearly
//! all of them unique, took about 7% of a full build's CPU time in a
//! profile (mostly building their term dictionary), 4% of the index, and
//! enough of the writer's memory that a 20,000-article build wrote four
//! segments instead of two, for a lookup the list now answers.

pub mod shared;

use std::cell::OnceCell;
use std::collections::HashSet;

use chrono::NaiveDate;
use tantivy::schema::Field;
use tantivy::{DocAddress, Searcher};

pub use shared::SharedBands;

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
/// `tests/dedup.rs`): republished copies are estimated at 0.47 and up,
/// different stories on the same topic 0.05 at most. But briefs written
/// from one template (daily arrest notes) share a quarter of their
/// trigrams, and an estimate spreads by about 0.04 around the truth: at
/// 0.35, 6 of 582 such pairs folded into one hit, and on generated archives
/// most folds were such pairs. A fold hides a story, a missed one shows a
/// copy twice, so the threshold stands well above them. Candidates come
/// from the bands (three rows each), which find a pair at 0.5 with
/// probability 0.996.
pub const THRESHOLD: f64 = 0.45;
/// Bodies with fewer words than this get no signature: too short to tell a
/// copy from a coincidence.
pub const MIN_WORDS: usize = 25;
/// 64-bit words a signature is stored in (eight one-byte values each).
pub const STORED_WORDS: usize = HASHES / 8;

/// A MinHash signature, one byte per hash function.
///
/// Each value is the lowest 8 bits of a minimum ("b-bit MinHash", Li and
/// König 2010): 128 bytes per article, small enough for a fast column that
/// search reads without decompressing anything, at the cost of a 1-in-256
/// chance that two different minima look equal, which
/// [`Signature::similarity`] corrects for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u8; HASHES]);

impl Signature {
    /// The signature of an article body, or `None` when it is too short.
    ///
    /// Words are the runs of alphanumeric characters of the body folded
    /// as [`crate::fold::fold`] folds it. The folding and the word hashes
    /// are computed in one pass over the body, without a folded copy or a
    /// list of words (those were two thirds of a signature's time, and a
    /// signature a twelfth of a build's).
    pub fn of(body: &str) -> Option<Signature> {
        // One-permutation hashing (Li, Owen and Zhang 2012): each shingle's
        // hash picks one of the 128 bins with its top bits and competes for
        // that bin's minimum with the rest, so a signature costs one hash
        // per shingle instead of 128 (it was an eighth of a full build's CPU
        // time). Empty bins borrow from another bin chosen by a fixed
        // sequence ("optimal densification", Shrivastava 2017), so two
        // articles fill them alike and the estimate stays unbiased.
        let mut mins = [u32::MAX; HASHES];
        let mut filled = [false; HASHES];
        let mut words = 0usize;
        // The last SHINGLE word hashes, as a ring: the oldest at
        // `words % SHINGLE` (`rotate_left` on the array was a call to
        // memmove per word).
        let mut window = [0u64; SHINGLE];
        let mut end_word = |word: u64| {
            window[words % SHINGLE] = word;
            words += 1;
            if words >= SHINGLE {
                let h = shingle_hash((0..SHINGLE).map(|i| window[(words + i) % SHINGLE]));
                let bin = (h >> 57) as usize % HASHES;
                mins[bin] = mins[bin].min(h as u32);
                filled[bin] = true;
            }
        };
        // ASCII punctuation and spaces always end a word, so words never
        // cross a span's edge (`crate::spans`). A span of ASCII, most of
        // them, is one word, hashed where it lies; a span with other bytes
        // is folded character by character, and a character that folds to
        // something not alphanumeric ends a word inside it.
        let mut word: Vec<u8> = Vec::with_capacity(64);
        let mut folded = String::new();
        crate::spans::for_each_span(body.as_bytes(), |span, outside| {
            let part = &body[span];
            if !outside {
                end_word(ascii_word_hash(part.as_bytes()));
                return;
            }
            for c in part.chars() {
                if c.is_ascii() {
                    word.push(c.to_ascii_lowercase() as u8);
                    continue;
                }
                folded.clear();
                crate::fold::push_folded(c, &mut folded);
                for f in folded.chars() {
                    if f.is_alphanumeric() {
                        let mut utf8 = [0u8; 4];
                        word.extend_from_slice(f.encode_utf8(&mut utf8).as_bytes());
                    } else if !word.is_empty() {
                        end_word(word_hash(&word));
                        word.clear();
                    }
                }
            }
            if !word.is_empty() {
                end_word(word_hash(&word));
                word.clear();
            }
        });
        if words < MIN_WORDS {
            return None;
        }
        Some(Signature::densified(mins, &filled))
    }

    /// The signature from the bins' minima: each empty bin borrows from
    /// another bin chosen by a fixed sequence, the same for every article.
    fn densified(mut mins: [u32; HASHES], filled: &[bool; HASHES]) -> Signature {
        let sampled = mins;
        for bin in 0..HASHES {
            if filled[bin] {
                continue;
            }
            let mut attempt = 0u64;
            loop {
                let donor = (splitmix64(((bin as u64) << 32) | attempt) >> 57) as usize % HASHES;
                if filled[donor] {
                    mins[bin] = sampled[donor];
                    break;
                }
                attempt += 1;
            }
        }
        Signature(mins.map(|m| m as u8))
    }

    /// The estimated Jaccard similarity of two signatures.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        // Two different minima share their lowest byte one time in 256.
        let chance = 1.0 / 256.0;
        let agreement = same as f64 / HASHES as f64;
        ((agreement - chance) / (1.0 - chance)).max(0.0)
    }

    /// The signature as stored: eight values to a 64-bit word.
    pub fn to_words(&self) -> [u64; STORED_WORDS] {
        let mut words = [0u64; STORED_WORDS];
        for (word, bytes) in words.iter_mut().zip(self.0.chunks_exact(8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(bytes);
            *word = u64::from_le_bytes(b);
        }
        words
    }

    /// Reads a stored signature.
    pub fn from_words(words: &[u64]) -> Option<Signature> {
        if words.len() != STORED_WORDS {
            return None;
        }
        let mut values = [0u8; HASHES];
        for (bytes, word) in values.chunks_exact_mut(8).zip(words) {
            bytes.copy_from_slice(&word.to_le_bytes());
        }
        Some(Signature(values))
    }

    /// Each band as a number: the band's position in the top 8 bits, its
    /// three values below (`ROWS` is 3, so they fill the other 24).
    pub fn band_keys(&self) -> [u32; BANDS] {
        let mut keys = [0u32; BANDS];
        for (band, (key, rows)) in keys.iter_mut().zip(self.0.chunks_exact(ROWS)).enumerate() {
            let value = rows.iter().fold(0u32, |h, r| (h << 8) | u32::from(*r));
            *key = ((band as u32) << 24) | value;
        }
        keys
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, b| fnv1a_step(h, *b))
}

/// FNV-1a's starting state.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a's state after one more byte.
const fn fnv1a_step(h: u64, byte: u8) -> u64 {
    (h ^ byte as u64).wrapping_mul(0x0100_0000_01b3)
}

/// The hash of a word from its folded bytes, eight at a time (byte by byte,
/// a multiplication each, it was most of what was left of a signature's
/// time). The length seeds it, so zero padding cannot make two words one.
fn word_hash(bytes: &[u8]) -> u64 {
    hash_or(bytes, 0)
}

/// [`word_hash`] of `bytes` lowercased, for ASCII letters and digits only:
/// setting bit 5 lowercases a letter and leaves a digit as it is, so eight
/// bytes are lowercased with one OR, without a lowercased copy.
fn ascii_word_hash(bytes: &[u8]) -> u64 {
    debug_assert!(bytes.iter().all(u8::is_ascii_alphanumeric));
    hash_or(bytes, 0x20)
}

/// [`word_hash`] of `bytes` with each byte ORed with `or`.
#[inline(always)]
fn hash_or(bytes: &[u8], or: u8) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, eight: u64| {
        let h = (h ^ eight).wrapping_mul(K);
        h ^ (h >> 29)
    };
    let or8 = u64::from_le_bytes([or; 8]);
    let mut chunks = bytes.chunks_exact(8);
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    for chunk in &mut chunks {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        h = mix(h, u64::from_le_bytes(eight) | or8);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // Assembled in a register: bytes copied into a zeroed array and
        // read back as one word stalled on store forwarding.
        let tail = rest
            .iter()
            .rev()
            .fold(0u64, |v, b| (v << 8) | u64::from(*b | or));
        h = mix(h, tail);
    }
    h
}

/// The hash of a shingle from its words' hashes, oldest first: each word
/// rotated by its place (so order counts), then mixed once. Mixing after
/// each word, as before, cost three dependent multiplication chains per
/// word and was most of a signature's time.
fn shingle_hash(words: impl Iterator<Item = u64>) -> u64 {
    splitmix64(
        words
            .enumerate()
            .fold(0, |h, (i, word)| h ^ word.rotate_left(21 * i as u32)),
    )
}

const fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The signature stored for document `doc` of a segment, if it has one.
fn read_signature(
    column: &tantivy::columnar::Column<u64>,
    doc: tantivy::DocId,
) -> Option<Signature> {
    let mut words = [0u64; STORED_WORDS];
    let mut n = 0;
    for word in column.values_for_doc(doc) {
        *words.get_mut(n)? = word;
        n += 1;
    }
    Signature::from_words(&words[..n])
}

/// True if two undated bodies are the same story: similar by
/// [`THRESHOLD`] and not [`distinct_stories`].
pub fn same_story(a: &str, b: &str) -> bool {
    match (Signature::of(a), Signature::of(b)) {
        (Some(sa), Some(sb)) => {
            sa.similarity(&sb) >= THRESHOLD
                && !distinct_stories(
                    &Facts {
                        date: None,
                        body: a,
                    },
                    &Facts {
                        date: None,
                        body: b,
                    },
                )
        }
        _ => false,
    }
}

/// What the fold compares of two similar articles besides their
/// signatures, all of it stored with every article.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    /// Publication date, when the article gives one.
    pub date: Option<NaiveDate>,
    /// The article text.
    pub body: &'a str,
}

/// Two dated articles further apart than this many days are different
/// stories, however much text they share: a follow-up repeats the
/// background of the first report, a verdict that of the trial's opening.
/// A copy run by another outlet, or saved in another time zone, is dated
/// the same day or the next.
pub const MAX_DAYS_APART: i64 = 2;

/// Consecutive shingles of one article missing from the other from which
/// that run is a passage of its own (a sentence of about eight new words
/// or more). A copy differs from its original by scattered edits (a word
/// changed breaks three shingles), a dateline, a credit line; a different
/// story built on the same background, template or quote has a passage
/// of its own on *both* sides (its lead), and only a truncated copy or
/// an update has one on one side alone.
pub const OWN_PASSAGE: usize = 10;

/// Words at the start of a body read as its lead, for the numbers it
/// states.
pub const LEAD_WORDS: usize = 50;

/// True if two articles whose text is similar are nevertheless different
/// stories, by evidence that body similarity cannot see (measured pairs of
/// briefs from one template, follow-ups repeating three paragraphs of
/// background, two events quoting one long statement, are all 0.55-0.79
/// similar, well above [`THRESHOLD`]):
///
/// - both are dated, more than [`MAX_DAYS_APART`] days apart;
/// - each has a passage of its own ([`OWN_PASSAGE`]): a new lead, a
///   different arrest, another event around the shared part;
/// - each lead ([`LEAD_WORDS`]) states a number the other article does not
///   state anywhere ("rises to 12" / "rises to 15", seven briefs about
///   seven operations that differ only in their figures).
///
/// Each rule asks for evidence on both sides, so a copy cut for length, a
/// copy with a correction added, or a copy with a dateline still folds. A
/// rule that errs splits one story into two hits (clutter); one that errs
/// the other way hides a story.
pub fn distinct_stories(a: &Facts, b: &Facts) -> bool {
    if let (Some(da), Some(db)) = (a.date, b.date) {
        if (da - db).num_days().abs() > MAX_DAYS_APART {
            return true;
        }
    }
    let (wa, wb) = (folded_words(a.body), folded_words(b.body));
    let (sa, sb) = (shingle_set(&wa), shingle_set(&wb));
    if own_passage(&wa, &sb) >= OWN_PASSAGE && own_passage(&wb, &sa) >= OWN_PASSAGE {
        return true;
    }
    let (na, nb) = (numbers(&wa), numbers(&wb));
    let new_number = |words: &[String], other: &HashSet<&str>| {
        words
            .iter()
            .take(LEAD_WORDS)
            .any(|w| is_number(w) && !other.contains(w.as_str()))
    };
    new_number(&wa, &nb) && new_number(&wb, &na)
}

/// The words of a body folded as signatures fold them.
fn folded_words(body: &str) -> Vec<String> {
    crate::fold::fold(body)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn shingles(words: &[String]) -> impl Iterator<Item = u64> + '_ {
    words
        .windows(SHINGLE)
        .map(|w| shingle_hash(w.iter().map(|word| word_hash(word.as_bytes()))))
}

fn shingle_set(words: &[String]) -> HashSet<u64> {
    shingles(words).collect()
}

/// The longest run of consecutive shingles of `words` that `other` lacks.
fn own_passage(words: &[String], other: &HashSet<u64>) -> usize {
    let (mut run, mut longest) = (0, 0);
    for shingle in shingles(words) {
        if other.contains(&shingle) {
            run = 0;
        } else {
            run += 1;
            longest = longest.max(run);
        }
    }
    longest
}

fn is_number(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit())
}

fn numbers(words: &[String]) -> HashSet<&str> {
    words
        .iter()
        .filter(|w| is_number(w))
        .map(String::as_str)
        .collect()
}

/// Openings of a notice that a copy corrects or updates an earlier one,
/// folded (`Corrección:`, `Update:`, `Fe de erratas:`).
const NOTICES: &[&str] = &[
    "correction",
    "correccion",
    "corrected",
    "update",
    "updated",
    "actualizacion",
    "actualizado",
    "fe de erratas",
    "erratum",
    "aclaracion",
    "clarification",
    "editor's note",
    "editor s note",
    "nota del editor",
    "nota de la redaccion",
];

/// True if a paragraph of `body` opens with a correction or update notice
/// ("Corrección: una versión anterior…"): among copies of a story, that
/// copy supersedes the others.
pub fn carries_notice(body: &str) -> bool {
    body.lines().any(|line| {
        let folded = crate::fold::fold(line.trim_start());
        NOTICES.iter().any(|notice| {
            folded.strip_prefix(notice).is_some_and(|rest| {
                // "Update:" or "Update (3 p.m.):", not "Updates on the
                // case are expected".
                let head: String = rest.chars().take(16).collect();
                !rest.starts_with(char::is_alphanumeric) && head.contains(':')
            })
        })
    })
}

/// A band shared by more articles than this is ignored when looking for
/// copies of a story.
const MAX_BAND_DOCS: usize = 64;

/// Memory for listing the shared bands at search time, when the build left
/// no list for the segments a search reads.
const SEARCH_LIST_MEMORY: usize = 256 << 20;

/// Where the candidates of a hit come from.
enum Candidates {
    /// The build's list, memory-mapped.
    File(SharedBands),
    /// A list made by this process (the build left none for these
    /// segments: an index from before lists, a build killed between its
    /// commit and its list).
    Memory(shared::InMemory),
    /// No list fits in memory: every signature is compared.
    Scan,
}

/// Finds the near-duplicates of indexed articles.
pub struct NearDuplicates<'a> {
    searcher: &'a Searcher,
    signature: Field,
    /// The signature column of each segment (bit-packed 64-bit words,
    /// read without decompressing anything).
    columns: Vec<Option<tantivy::columnar::Column<u64>>>,
    /// Made on first use unless the build's list was given.
    candidates: OnceCell<Candidates>,
}

impl<'a> NearDuplicates<'a> {
    /// A finder over `searcher`'s index, if the index has the signature
    /// field (indexes built before it have none).
    pub fn new(searcher: &'a Searcher, signature: Option<Field>) -> Option<Self> {
        let signature = signature?;
        let name = searcher.schema().get_field_name(signature).to_string();
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().u64(&name).ok())
            .collect();
        Some(NearDuplicates {
            searcher,
            signature,
            columns,
            candidates: OnceCell::new(),
        })
    }

    /// Finds candidates in the build's list of shared bands (see
    /// [`shared`]), when it left one for these segments.
    pub fn with_shared(self, shared: Option<SharedBands>) -> Self {
        if let Some(list) = shared {
            // A fresh cell: setting it cannot fail.
            let _ = self.candidates.set(Candidates::File(list));
        }
        self
    }

    /// The stored signature of a document.
    pub fn signature(&self, address: DocAddress) -> Option<Signature> {
        let column = self.columns.get(address.segment_ord as usize)?.as_ref()?;
        read_signature(column, address.doc_id)
    }

    /// The other documents that are the same story as `address`, with
    /// their similarity, most similar first.
    pub fn of(&self, address: DocAddress) -> tantivy::Result<Vec<(DocAddress, f64)>> {
        let Some(signature) = self.signature(address) else {
            return Ok(Vec::new());
        };
        let candidates = match self.candidates()? {
            Candidates::File(list) => listed(&signature, |key| list.articles(key)),
            Candidates::Memory(list) => listed(&signature, |key| list.articles(key)),
            Candidates::Scan => self.scanned(&signature),
        };
        Ok(self.confirmed(&signature, candidates, Some(address)))
    }

    /// The indexed documents that are the same story as a signature (of
    /// an article that may not be in the index: its bands need not be in
    /// any list, so every signature is compared).
    pub fn like(&self, signature: &Signature) -> Vec<(DocAddress, f64)> {
        let candidates = self.scanned(signature);
        self.confirmed(signature, candidates, None)
    }

    fn candidates(&self) -> tantivy::Result<&Candidates> {
        if let Some(candidates) = self.candidates.get() {
            return Ok(candidates);
        }
        let made =
            match shared::InMemory::compute(self.searcher, self.signature, SEARCH_LIST_MEMORY)? {
                Some(list) => Candidates::Memory(list),
                None => Candidates::Scan,
            };
        Ok(self.candidates.get_or_init(|| made))
    }

    /// The candidates that are the same story as `signature`, most similar
    /// first.
    fn confirmed(
        &self,
        signature: &Signature,
        candidates: HashSet<DocAddress>,
        except: Option<DocAddress>,
    ) -> Vec<(DocAddress, f64)> {
        let mut out = Vec::new();
        for candidate in candidates {
            if Some(candidate) == except {
                continue;
            }
            if let Some(other) = self.signature(candidate) {
                let similarity = signature.similarity(&other);
                if similarity >= THRESHOLD {
                    out.push((candidate, similarity));
                }
            }
        }
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The live articles that share one of `signature`'s bands, found by
    /// reading every signature (a band shared by very many is ignored, as
    /// in [`listed`]).
    fn scanned(&self, signature: &Signature) -> HashSet<DocAddress> {
        let keys = signature.band_keys();
        let mut sharing: Vec<Vec<DocAddress>> = vec![Vec::new(); BANDS];
        for (ord, (segment, column)) in self
            .searcher
            .segment_readers()
            .iter()
            .zip(&self.columns)
            .enumerate()
        {
            let Some(column) = column else { continue };
            for doc in segment.doc_ids_alive() {
                let Some(other) = read_signature(column, doc) else {
                    continue;
                };
                for ((key, other), articles) in keys.iter().zip(other.band_keys()).zip(&mut sharing)
                {
                    if *key == other && articles.len() <= MAX_BAND_DOCS {
                        articles.push(DocAddress::new(ord as u32, doc));
                    }
                }
            }
        }
        sharing
            .into_iter()
            .filter(|articles| articles.len() <= MAX_BAND_DOCS)
            .flatten()
            .collect()
    }
}

/// The candidates of an indexed article from a list of shared bands: the
/// articles that share one of its bands. A band only the article itself
/// has is not listed; one shared by very many articles is boilerplate (a
/// standard paragraph, a template), not a sign of one story.
fn listed(
    signature: &Signature,
    articles: impl Fn(u32) -> Option<Vec<DocAddress>>,
) -> HashSet<DocAddress> {
    let mut candidates = HashSet::new();
    for key in signature.band_keys() {
        if let Some(articles) = articles(key) {
            if articles.len() <= MAX_BAND_DOCS {
                candidates.extend(articles);
            }
        }
    }
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Prison director Osiris Luna met imprisoned leaders of the MS13 \
        several times in 2019 and 2020, according to documents seen by reporters, \
        and offered better conditions in exchange for fewer murders in the streets \
        and votes for the ruling party in the legislative elections.";

    /// The signature as it was computed before the one-pass version: on a
    /// folded copy, from the list of its words. Signatures are stored in
    /// the index, so the two must agree exactly. (The densification of empty
    /// bins did not change; both use it.)
    fn reference_signature(body: &str) -> Option<Signature> {
        let folded = crate::fold::fold(body);
        let words: Vec<u64> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| word_hash(w.as_bytes()))
            .collect();
        if words.len() < MIN_WORDS {
            return None;
        }
        let mut mins = [u32::MAX; HASHES];
        let mut filled = [false; HASHES];
        for shingle in words.windows(SHINGLE) {
            let h = shingle
                .iter()
                .enumerate()
                .fold(0, |h, (i, word)| h ^ word.rotate_left(21 * i as u32));
            let h = splitmix64(h);
            let bin = (h >> 57) as usize % HASHES;
            mins[bin] = mins[bin].min(h as u32);
            filled[bin] = true;
        }
        Some(Signature::densified(mins, &filled))
    }

    #[test]
    fn one_pass_signatures_are_the_stored_ones() {
        let texts = [
            STORY.to_string(),
            format!("SAN SALVADOR (Wire) — {STORY} Copyright Wire."),
            "La Policía Nacional Civil capturó a 25 pandilleros de la MS-13 en \
             Soyapango; según la Fiscalía, extorsionaban a comerciantes y \
             transportistas desde 2019. El director de Centros Penales, Osiris \
             Luna, negó cualquier pacto con las pandillas: «No hay tregua», dijo \
             el funcionario en una entrevista con Radio YSKL el miércoles."
                .to_string(),
            format!("O’Brien’s 18–year report ß Æsir ǅ İstanbul 東京 ½ ¹ {STORY}"),
            "ÉL ÑANDÚ ÇA ".repeat(20),
            "word ".repeat(24),
            "short text".to_string(),
            String::new(),
        ];
        for text in &texts {
            assert_eq!(Signature::of(text), reference_signature(text), "{text}");
        }
        assert!(Signature::of(&texts[3]).is_some());
        assert!(Signature::of(&texts[6]).is_none());
        // Random texts from pieces that fold in every way fold knows.
        let pieces = [
            "cárcel",
            "MS–13",
            "O’Neil",
            "ß",
            "Æ",
            "東京",
            "½",
            "año",
            "\u{00A0}",
            "-",
            "Niño",
            "x",
            "2019",
            "ǅ",
            "İ",
            " ",
            ", ",
            "ﬁ",
            "\u{0301}",
            "word",
            "ΣΑΣ",
            "InvestigatorS",
        ];
        let mut state = 42u64;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..120 {
                state = splitmix64(state);
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
                if state & 0x100 != 0 {
                    text.push(' ');
                }
            }
            assert_eq!(Signature::of(&text), reference_signature(&text), "{text}");
        }
    }

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

    const BACKGROUND: &str = "El Salvador has been under a state of exception since \
        March 2022, when a weekend of gang killings left 87 people dead. Since then \
        security forces have arrested more than 65,000 people accused of links to \
        gangs, and human rights groups have documented dozens of deaths in custody.\n\n\
        President Nayib Bukele has defended the crackdown, saying it has made El \
        Salvador one of the safest countries in the hemisphere. Critics say thousands \
        of people with no gang ties have been swept up and held without due process.";

    fn facts(date: Option<(i32, u32, u32)>, body: &str) -> Facts<'_> {
        Facts {
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            body,
        }
    }

    #[test]
    fn a_follow_up_with_a_new_lead_is_another_story() {
        let first = format!(
            "A fire in the Mariona prison killed 9 inmates on Sunday, the prisons \
             directorate said, after guards found the bodies in a burned cell block.\n\n{BACKGROUND}"
        );
        let next = format!(
            "Two injured inmates died in hospital on Monday, bringing to 11 the toll of \
             the fire at the Mariona prison, as relatives waited outside the gates.\n\n{BACKGROUND}"
        );
        // Most of the text is shared: similarity alone calls them one.
        let (a, b) = (
            Signature::of(&first).unwrap(),
            Signature::of(&next).unwrap(),
        );
        assert!(a.similarity(&b) >= THRESHOLD, "{}", a.similarity(&b));
        assert!(!same_story(&first, &next));
        // Undated, or dated a day apart: their own leads tell them apart.
        let day = |d| facts(Some((2023, 5, d)), "");
        assert!(distinct_stories(
            &Facts {
                body: &first,
                ..day(7)
            },
            &Facts {
                body: &next,
                ..day(8)
            }
        ));
    }

    #[test]
    fn articles_dated_far_apart_are_other_stories() {
        let copy = format!("SAN SALVADOR (Wire) — {STORY}");
        assert!(!distinct_stories(
            &facts(Some((2024, 3, 4)), STORY),
            &facts(Some((2024, 3, 5)), &copy)
        ));
        assert!(distinct_stories(
            &facts(Some((2019, 3, 4)), STORY),
            &facts(Some((2024, 3, 4)), &copy)
        ));
        // One date missing: the text decides.
        assert!(!distinct_stories(
            &facts(None, STORY),
            &facts(Some((2024, 3, 4)), &copy)
        ));
    }

    #[test]
    fn template_briefs_about_different_arrests_are_other_stories() {
        let brief = |lugar: &str, nombre: &str, alias: &str| {
            format!(
                "La Policía Nacional Civil capturó en {lugar} a {nombre}, alias {alias}, \
                 miembro de la MS13, quien será remitido a la Fiscalía por el delito de \
                 agrupaciones ilícitas.\n\nEn el marco del régimen de excepción, la Policía \
                 y la Fuerza Armada continúan con los operativos para capturar a los \
                 pandilleros que aún quedan en libertad.\n\nLa Policía recuerda a la \
                 población que puede denunciar de forma anónima a través del número 123."
            )
        };
        let a = brief("Apopa", "José Antonio Ramos Cruz", "el Chino");
        let b = brief("Zacatecoluca", "Luis Alberto Mejía Flores", "el Gato");
        assert!(
            Signature::of(&a)
                .unwrap()
                .similarity(&Signature::of(&b).unwrap())
                >= THRESHOLD
        );
        assert!(!same_story(&a, &b));
    }

    #[test]
    fn leads_with_different_figures_are_other_stories() {
        let brief = |n: u32| {
            format!(
                "Soldiers seized {n} rifles and {} kilograms of cocaine in a raid on a \
                 house used by MS13 cells, the defence ministry said.\n\n{BACKGROUND}",
                n * 3
            )
        };
        assert!(!same_story(&brief(4), &brief(6)));
        assert!(same_story(
            &brief(4),
            &format!("MADRID (EFE) - {}", brief(4))
        ));
    }

    #[test]
    fn copies_cut_corrected_or_edited_are_the_same_story() {
        let body = format!("{STORY}\n\n{BACKGROUND}");
        // Cut for length (a paywall, a shorter version).
        let cut = body
            .split("President Nayib")
            .next()
            .unwrap_or_default()
            .to_string();
        assert!(same_story(&body, &cut));
        // A correction note on top, one figure changed.
        let corrected = format!(
            "Corrección: una versión anterior de esta nota daba otra cifra de detenidos.\n\n{}",
            body.replace("65,000", "66,000")
        );
        assert!(same_story(&body, &corrected));
        assert!(carries_notice(&corrected));
        assert!(!carries_notice(&body));
        // A dateline and a credit line.
        let wire = format!("SAN SALVADOR (Wire) — {body}\n\nReporting by Ana Ruiz.");
        assert!(same_story(&body, &wire));
    }

    #[test]
    fn notices_are_openings_only() {
        assert!(carries_notice("Texto.\nUPDATE (3 p.m.): the toll rose."));
        assert!(carries_notice("Fe de erratas: el nombre correcto es Ana."));
        assert!(!carries_notice(
            "Updates on the case are expected on Monday: police."
        ));
        assert!(!carries_notice("The correction of the figures: done."));
    }

    #[test]
    fn signatures_round_trip_and_short_texts_have_none() {
        let s = Signature::of(STORY).unwrap();
        assert_eq!(Signature::from_words(&s.to_words()), Some(s.clone()));
        assert_eq!(s.band_keys().len(), BANDS);
        assert!(Signature::of("too short").is_none());
    }
}
