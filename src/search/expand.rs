//! Stemming at query time: the words of a field that share a query word's
//! stem.
//!
//! The stemmed copies of the body are not indexed (`expand` in
//! `fields.toml`; they were close to half of tantivy's indexing time). A
//! query word's stem is instead matched by every word of the folded body
//! whose stem it is, read from the term dictionaries: `pandilla` becomes
//! `pandilla OR pandillas OR …`, in articles of the stemmer's language.
//!
//! A Snowball stem keeps the start of its word: the folded word starts
//! with the stem, or with the stem less its last letter where the stemmer
//! rewrote an ending (`city` → `citi`, `capability` → `capabl`,
//! `presidencia` → `president`). So one short range of each dictionary
//! holds every candidate, and each candidate is stemmed to check it.
//! Spanish stems need the accents the folded word lost
//! (`investigación` → `investig`, `investigacion` → itself): a candidate
//! whose folded form does not stem right is also checked under each
//! accented spelling the archive wrote it with ([`crate::index::accents`]).

use std::collections::{BTreeSet, HashMap};

use tantivy::schema::Field;
use tantivy::termdict::TermDictionary;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Searcher;

use crate::index::accents::SEPARATOR;
use crate::index::analyzers;

/// Finds the words of one field that a stemming analyzer maps to a stem.
pub struct Expander {
    /// The stemming analyzer (`stem_en`, `stem_es`).
    analyzer: TextAnalyzer,
    /// Its name.
    analyzer_name: String,
    /// Stems of the words already checked.
    stems: HashMap<String, Option<String>>,
}

impl Expander {
    /// An expander for the analyzer registered as `analyzer`, if it is one.
    pub fn new(analyzer: &str) -> Option<Self> {
        Some(Expander {
            analyzer: analyzers::analyzer(analyzer)?,
            analyzer_name: analyzer.to_string(),
            stems: HashMap::new(),
        })
    }

    /// The stem of one word, as the analyzer indexes it (`None` if the
    /// word is not one token).
    pub fn stem(&mut self, word: &str) -> Option<String> {
        if let Some(stem) = self.stems.get(word) {
            return stem.clone();
        }
        let mut tokens = Vec::with_capacity(1);
        self.analyzer
            .token_stream(word)
            .process(&mut |t| tokens.push(t.text.clone()));
        let stem = match tokens.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        };
        self.stems.insert(word.to_string(), stem.clone());
        stem
    }

    /// Every word of `source` (a folded field) that stems to `stem`,
    /// sorted, in any segment of `searcher`. `accents` is the field that
    /// records the source's accented spellings, if the index has one.
    pub fn words(
        &mut self,
        searcher: &Searcher,
        source: Field,
        accents: Option<Field>,
        stem: &str,
    ) -> tantivy::Result<Vec<String>> {
        let mut found = BTreeSet::new();
        // A one-letter stem (`a`, `y`) would scan every word that starts
        // with the letter (2.6 ms more for `a` at 100,000 articles); the
        // words that stem to one letter are that letter, which the exact
        // field finds.
        if stem.chars().nth(1).is_none() {
            return Ok(Vec::new());
        }
        for prefix in scan_prefixes(&self.analyzer_name, stem) {
            for segment in searcher.segment_readers() {
                let dictionary = segment.inverted_index(source)?;
                let spellings = match accents {
                    Some(field) => Some(segment.inverted_index(field)?),
                    None => None,
                };
                for_each_with_prefix(dictionary.terms(), prefix.as_bytes(), |key| {
                    let Ok(word) = std::str::from_utf8(key) else {
                        return Ok(true);
                    };
                    if found.contains(word) {
                        return Ok(true);
                    }
                    if self.stem(word).as_deref() == Some(stem) {
                        found.insert(word.to_string());
                        return Ok(true);
                    }
                    let Some(spellings) = &spellings else {
                        return Ok(true);
                    };
                    let from = format!("{word}{SEPARATOR}");
                    let mut spelled_alike = false;
                    for_each_with_prefix(spellings.terms(), from.as_bytes(), |key| {
                        spelled_alike = std::str::from_utf8(&key[from.len()..])
                            .is_ok_and(|spelling| self.stem(spelling).as_deref() == Some(stem));
                        Ok(!spelled_alike)
                    })?;
                    if spelled_alike {
                        found.insert(word.to_string());
                    }
                    Ok(true)
                })?;
            }
        }
        Ok(found.into_iter().collect())
    }
}

impl Expander {
    /// The stems of the accented spellings the archive wrote `folded` with,
    /// other than `stem`, sorted. A word typed without its accents
    /// (`negociacion`) stems to itself, where its spelling
    /// (`negociación`) stems to `negoci`: the README promises that accents
    /// never matter, so the typed word also finds its spelling's forms.
    pub fn spelled_stems(
        &mut self,
        searcher: &Searcher,
        accents: Field,
        folded: &str,
        stem: &str,
    ) -> tantivy::Result<Vec<String>> {
        let mut stems = BTreeSet::new();
        let from = format!("{folded}{SEPARATOR}");
        for segment in searcher.segment_readers() {
            let spellings = segment.inverted_index(accents)?;
            for_each_with_prefix(spellings.terms(), from.as_bytes(), |key| {
                if let Ok(spelling) = std::str::from_utf8(&key[from.len()..]) {
                    if let Some(other) = self.stem(spelling).filter(|s| s != stem) {
                        stems.insert(other);
                    }
                }
                Ok(true)
            })?;
        }
        Ok(stems.into_iter().collect())
    }

    /// The stem of the accented form of a Spanish word typed without its
    /// accent, where the form is certain: a word ending in `-ion` is
    /// written `-ión` (`negociacion` → `negociación` → `negoci`). Used
    /// where the archive holds no spelling to borrow the accent from (it
    /// has `negociaciones`, never the singular). `None` for any other
    /// word or analyzer.
    pub fn accented_stem(&mut self, folded: &str, stem: &str) -> Option<String> {
        if self.analyzer_name != "stem_es" || !folded.is_ascii() {
            return None;
        }
        let base = folded.strip_suffix("ion").filter(|b| b.len() >= 2)?;
        self.stem(&format!("{base}ión")).filter(|s| s != stem)
    }
}

/// Calls `visit` with each term of `dictionary` that starts with
/// `prefix`, in order, until it answers `false`.
fn for_each_with_prefix(
    dictionary: &TermDictionary,
    prefix: &[u8],
    mut visit: impl FnMut(&[u8]) -> tantivy::Result<bool>,
) -> tantivy::Result<()> {
    let mut stream = dictionary.range().ge(prefix).into_stream()?;
    while stream.advance() {
        let key = stream.key();
        if !key.starts_with(prefix) || !visit(key)? {
            break;
        }
    }
    Ok(())
}

/// The prefixes whose dictionary ranges hold every word that can stem to
/// `stem`. Measured on the words of real English and Spanish news (the
/// pages of `../shared/eval/`): a word starts with its stem, except where
/// the stemmer rewrote the ending into a last letter the word does not
/// have there (English `e`, `i`, `y`, `l`; Spanish `t`); and Porter2's
/// three irregular `-ying` words.
fn scan_prefixes(analyzer: &str, stem: &str) -> Vec<String> {
    let rewritten: &[char] = match analyzer {
        "stem_en" => &['e', 'i', 'y', 'l'],
        "stem_es" => &['t'],
        _ => &[],
    };
    let mut prefixes = Vec::with_capacity(2);
    match stem.strip_suffix(rewritten) {
        Some(shorter) if !shorter.is_empty() => prefixes.push(shorter.to_string()),
        _ => prefixes.push(stem.to_string()),
    }
    if analyzer == "stem_en" {
        if let Some(first) = ["die", "lie", "tie"].contains(&stem).then(|| &stem[..1]) {
            prefixes.push(format!("{first}y"));
        }
    }
    prefixes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spanish_word_typed_without_its_final_accent_stems_as_written_with_it() {
        let mut es = Expander::new("stem_es").unwrap();
        let typed = es.stem("negociacion").unwrap();
        let accented = es.stem("negociación").unwrap();
        assert_ne!(typed, accented, "the stemmer needs the accent");
        assert_eq!(es.accented_stem("negociacion", &typed), Some(accented));
        assert_eq!(es.accented_stem("historia", "histori"), None);
        assert_eq!(es.accented_stem("ion", "ion"), None);
        let mut en = Expander::new("stem_en").unwrap();
        assert_eq!(en.accented_stem("negotiation", "negoti"), None);
    }

    #[test]
    fn scan_prefixes_drop_a_rewritten_last_letter() {
        assert_eq!(scan_prefixes("stem_en", "gang"), vec!["gang"]);
        assert_eq!(scan_prefixes("stem_en", "citi"), vec!["cit"]);
        assert_eq!(scan_prefixes("stem_en", "capabl"), vec!["capab"]);
        assert_eq!(scan_prefixes("stem_en", "die"), vec!["di", "dy"]);
        assert_eq!(scan_prefixes("stem_es", "president"), vec!["presiden"]);
        assert_eq!(scan_prefixes("stem_es", "pandill"), vec!["pandill"]);
        assert_eq!(scan_prefixes("stem_en", "e"), vec!["e"]);
    }

    /// Every word of real news text starts with one of its stem's scan
    /// prefixes, so no word that stems to a query's stem is left out.
    #[test]
    fn every_word_starts_with_a_scan_prefix_of_its_stem() {
        let text = "The gangs' capabilities and the city's cities: dying, lying, tied. \
            Possibility, organizations, creations, relational, activities, hoping. \
            La presidencia, las experiencias, investigaciones, organización, policías, \
            pandillas, cárceles, extorsiones, había, podría, anunció, después.";
        let mut words = analyzers::analyzer("folded").unwrap();
        let mut folded = Vec::new();
        words
            .token_stream(text)
            .process(&mut |t| folded.push(t.text.clone()));
        for analyzer in ["stem_en", "stem_es"] {
            let mut stems = Vec::new();
            let mut a = analyzers::analyzer(analyzer).unwrap();
            a.token_stream(text)
                .process(&mut |t| stems.push(t.text.clone()));
            assert_eq!(stems.len(), folded.len());
            for (word, stem) in folded.iter().zip(&stems) {
                assert!(
                    scan_prefixes(analyzer, stem)
                        .iter()
                        .any(|p| word.starts_with(p.as_str())),
                    "{analyzer}: {word} does not start with a prefix of {stem}"
                );
            }
        }
    }
}
