//! From a parsed query ([`Node`]) to a tantivy query.
//!
//! This module owns which index fields each part of a query is looked up in
//! (the exact and stemmed copies of title and body, with the boosts of
//! `fields.toml`), how a word or phrase is analyzed for each field (with that
//! field's own analyzer, so a phrase on a stemmed field is stemmed), fuzzy
//! terms (on the folded fields only), stemmed words on the fields stemmed at
//! query time (`expand`), and the `gang:`/`official:`/`date:`
//! filters, which mean exactly what the `--gang`/`--official`/`--from`/`--to`
//! flags mean. It does not parse text (`query`) or run searches (`search`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Bound;

use tantivy::query::{
    AllQuery, Bm25StatisticsProvider, BooleanQuery, BoostQuery, ConstScoreQuery, ExistsQuery,
    FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::Term;

use super::dates::{parse_period, Period};
use super::expand::Expander;
use super::query::{Node, QueryError, Scope};
use super::stem_query::StemQuery;
use super::SearchError;
use crate::index::analyzers;
use crate::index::document::date_to_tantivy;
use crate::index::OpenIndex;
use crate::schema::FieldSpec;

/// A text field a query word can be looked up in.
#[derive(Debug, Clone)]
struct TextField {
    /// The field; for a field stemmed at query time, its source.
    field: Field,
    analyzer: String,
    boost: f32,
    /// For a field stemmed at query time (`expand`), whose words are
    /// looked up in `field`.
    expand: Option<Expansion>,
    /// For a field stemmed when indexed (the titles), the accented
    /// spellings of its language's articles: a word typed without its
    /// accent also finds the stems of its spellings there.
    spellings: Option<Field>,
}

/// Where a field stemmed at query time finds its words.
#[derive(Debug, Clone)]
struct Expansion {
    /// Only articles in this language match.
    language: String,
    /// The field of the source's accented spellings, if the index has one.
    accents: Option<Field>,
}

/// Compiles query trees for one index.
pub struct Compiler<'a> {
    index: &'a OpenIndex,
    exact: bool,
    /// One expander per stemming analyzer, each remembering the stems it
    /// computed for this query.
    expanders: RefCell<HashMap<String, Expander>>,
}

impl<'a> Compiler<'a> {
    /// A compiler for `index`, resolving names with the index's registry.
    /// With `exact`, words are looked up in the folded (unstemmed) fields
    /// only.
    pub fn new(index: &'a OpenIndex, exact: bool) -> Self {
        Compiler {
            index,
            exact,
            expanders: RefCell::new(HashMap::new()),
        }
    }

    /// The tantivy query for `node`. Fails on a query that cannot be
    /// compiled, or if the term dictionaries cannot be read.
    pub fn compile(&self, node: &Node) -> Result<Box<dyn Query>, SearchError> {
        match node {
            Node::Term {
                scope,
                word,
                exact,
                column,
            } => self.text(*scope, word, 0, *exact, *column),
            Node::Phrase {
                scope,
                text,
                slop,
                column,
            } => self.text(*scope, text, *slop, false, *column),
            Node::Fuzzy {
                scope,
                word,
                distance,
                column,
            } => Ok(self.fuzzy(*scope, word, *distance, *column)?),
            Node::Gang { name, column } => {
                let gangs = self.index.gang_names();
                let label = gangs
                    .resolve(name)
                    .ok_or_else(|| unknown("gang", name, gangs.labels(), *column))?;
                Ok(filter(gang_term(self.index, label)))
            }
            Node::Official { name, column } => {
                let officials = self.index.official_names();
                let canonical = officials.resolve(name).ok_or_else(|| {
                    match super::ambiguous_official(officials, name) {
                        Some(candidates) => QueryError {
                            message: format!(
                                "'{name}' names more than one official ({candidates}); \
                                 type the full name"
                            ),
                            column: *column,
                        },
                        None => unknown("official", name, officials.names(), *column),
                    }
                })?;
                Ok(filter(official_term(self.index, canonical)))
            }
            Node::Date { from, to, column } => {
                let period = |d: &Option<String>| -> Result<Option<Period>, QueryError> {
                    d.as_deref()
                        .map(|d| {
                            parse_period(d).map_err(|e| QueryError {
                                message: e.to_string(),
                                column: *column,
                            })
                        })
                        .transpose()
                };
                let (from, to) = (period(from)?, period(to)?);
                if let (Some(f), Some(t)) = (from, to) {
                    if f.first > t.last {
                        return Err(QueryError {
                            message: format!(
                                "date range starts after it ends ({} > {})",
                                f.first, t.last
                            ),
                            column: *column,
                        }
                        .into());
                    }
                }
                Ok(Box::new(ConstScoreQuery::new(
                    date_range(self.index, from, to),
                    0.0,
                )))
            }
            Node::Not(inner) => Ok(Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                (Occur::MustNot, self.compile(inner)?),
            ]))),
            Node::And(children) => {
                let mut clauses = Vec::with_capacity(children.len());
                for child in children {
                    match child {
                        Node::Not(inner) => clauses.push((Occur::MustNot, self.compile(inner)?)),
                        other => clauses.push((Occur::Must, self.compile(other)?)),
                    }
                }
                if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
            Node::Or(children) => {
                let clauses = children
                    .iter()
                    .map(|c| Ok((Occur::Should, self.compile(c)?)))
                    .collect::<Result<Vec<_>, SearchError>>()?;
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
        }
    }

    /// The text fields of `scope`, with their analyzers and boosts.
    /// The first field of accented spellings (analyzer `accents`) that
    /// `wanted` accepts.
    fn accents_field(&self, wanted: impl Fn(&FieldSpec) -> bool) -> Option<Field> {
        self.index
            .schema
            .fields
            .iter()
            .find(|f| f.analyzer.as_deref() == Some("accents") && wanted(f))
            .and_then(|f| self.index.fields.schema.get_field(&f.name).ok())
    }

    fn fields(&self, scope: Scope, folded_only: bool) -> Vec<TextField> {
        let schema = &self.index.fields.schema;
        let mut out = Vec::new();
        for spec in &self.index.schema.fields {
            let analyzer = spec.analyzer.clone().unwrap_or_else(|| "folded".into());
            let in_scope = match scope {
                Scope::Default => spec.boost.is_some(),
                Scope::Title => spec.name == "title" || spec.source.as_deref() == Some("title"),
                Scope::Body => spec.name == "body" || spec.source.as_deref() == Some("body"),
                Scope::Url => spec.name == "url",
            };
            // The accented spellings serve expansions; no query reads them.
            if !in_scope
                || analyzer == "accents"
                || ((self.exact || folded_only) && analyzer != "folded")
            {
                continue;
            }
            // The accented spellings of the articles in this field's
            // language (kept for the bodies, which hold nearly every word
            // a title uses).
            let spellings = spec
                .language
                .as_ref()
                .and_then(|language| self.accents_field(|f| f.language.as_ref() == Some(language)));
            let (field, expand) = if spec.expand {
                let (Some(source), Some(language)) = (&spec.source, &spec.language) else {
                    continue;
                };
                let Ok(field) = schema.get_field(source) else {
                    continue;
                };
                let accents = self.accents_field(|f| f.source.as_ref() == Some(source));
                let expansion = Expansion {
                    language: language.clone(),
                    accents,
                };
                (field, Some(expansion))
            } else {
                let Ok(field) = schema.get_field(&spec.name) else {
                    continue;
                };
                (field, None)
            };
            out.push(TextField {
                field,
                analyzer,
                boost: spec.boost.unwrap_or(1.0),
                expand,
                spellings,
            });
        }
        out
    }

    /// The other words of `field` that stem to `stem` under `analyzer`, or
    /// to the stem of an accented spelling of `typed` the archive holds
    /// (all but `typed`, the query word itself, which the exact field
    /// finds), in articles of the expansion's language; `None` if there
    /// are none. Leaving the typed word to the exact field, instead of
    /// also reading it in each language's expansion, took `Osiris Luna`
    /// at 100,000 articles from 5.09 to 4.51 ms in process.
    fn stemmed(
        &self,
        field: Field,
        analyzer: &str,
        expansion: &Expansion,
        stem: &str,
        typed: &str,
    ) -> Result<Option<Box<dyn Query>>, SearchError> {
        let searcher = self.index.reader()?.searcher();
        let mut expanders = self.expanders.borrow_mut();
        let Some(expander) = expander_for(&mut expanders, analyzer) else {
            return Ok(None);
        };
        let mut stems = vec![stem.to_string()];
        if let Some(accents) = expansion.accents {
            stems.extend(expander.spelled_stems(&searcher, accents, typed, stem)?);
        }
        stems.extend(expander.accented_stem(typed, stem));
        stems.sort_unstable();
        stems.dedup();
        let mut words = Vec::new();
        for stem in &stems {
            words.extend(expander.words(&searcher, field, expansion.accents, stem)?);
        }
        words.sort_unstable();
        words.dedup();
        words.retain(|word| word != typed);
        if words.is_empty() {
            return Ok(None);
        }
        let fields = &self.index.fields;
        let language_field = fields.schema.get_field_name(fields.language);
        Ok(Some(Box::new(StemQuery::new(
            field,
            &words,
            Some((language_field, &expansion.language)),
        ))))
    }

    /// The stem `stem` of a field stemmed when indexed, or the stem of an
    /// accented spelling of `typed` the archive holds (`acusacion` is
    /// written `acusación`, whose stem `acus` the title field holds, where
    /// `acusacion` stems to `acusacion`).
    fn spelled_terms(
        &self,
        field: Field,
        analyzer: &str,
        spellings: Field,
        stem: &str,
        typed: &str,
    ) -> Result<Box<dyn Query>, SearchError> {
        let term = |stem: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, stem),
                IndexRecordOption::WithFreqs,
            ))
        };
        let mut expanders = self.expanders.borrow_mut();
        let Some(expander) = expander_for(&mut expanders, analyzer) else {
            return Ok(term(stem));
        };
        let searcher = self.index.reader()?.searcher();
        let mut stems = expander.spelled_stems(&searcher, spellings, typed, stem)?;
        stems.extend(expander.accented_stem(typed, stem));
        stems.retain(|s| s != stem);
        if stems.is_empty() {
            return Ok(term(stem));
        }
        stems.sort_unstable();
        stems.dedup();
        let clauses = std::iter::once(stem)
            .chain(stems.iter().map(String::as_str))
            .map(|s| (Occur::Should, term(s)))
            .collect();
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// A word (slop 0, one token) or phrase on every field of `scope`;
    /// with `folded_only`, on the folded (unstemmed) fields only.
    fn text(
        &self,
        scope: Scope,
        text: &str,
        slop: u32,
        folded_only: bool,
        column: usize,
    ) -> Result<Box<dyn Query>, SearchError> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // The exact (folded) fields' clauses, and the most the stemmed
        // fields' clauses can add for a word of one token.
        let mut exact: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut stemmed_bound = 0.0f32;
        let folded = analyze("folded", text);
        for f in self.fields(scope, folded_only) {
            let tokens = analyze(&f.analyzer, text);
            let query: Box<dyn Query> = match tokens.len() {
                0 => continue,
                1 if f.expand.is_some() => {
                    let (Some(expansion), [(_, typed)]) = (&f.expand, folded.as_slice()) else {
                        continue;
                    };
                    match self.stemmed(f.field, &f.analyzer, expansion, &tokens[0].1, typed)? {
                        Some(query) => query,
                        None => continue,
                    }
                }
                // A phrase is matched on the exact words only.
                _ if f.expand.is_some() => continue,
                1 => match (f.spellings, folded.as_slice()) {
                    (Some(spellings), [(_, typed)]) if f.analyzer != "folded" => {
                        self.spelled_terms(f.field, &f.analyzer, spellings, &tokens[0].1, typed)?
                    }
                    _ => Box::new(TermQuery::new(
                        Term::from_field_text(f.field, &tokens[0].1),
                        IndexRecordOption::WithFreqs,
                    )),
                },
                _ if !has_positions(self.index, f.field) => continue,
                _ => {
                    let terms = tokens
                        .iter()
                        .map(|(pos, t)| (*pos, Term::from_field_text(f.field, t)))
                        .collect();
                    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
                }
            };
            if f.analyzer != "folded" && folded.len() == 1 {
                stemmed_bound += f.boost * self.score_bound(&*query)?;
            }
            let query = boosted(query, f.boost);
            if f.analyzer == "folded" {
                exact.push((Occur::Should, query.box_clone()));
            }
            clauses.push((Occur::Should, query));
        }
        if clauses.is_empty() {
            return Err(QueryError {
                message: format!("'{}' has no words to search for", shown(text)),
                column,
            }
            .into());
        }
        // An exact match outranks a stemmed one: an article holding the
        // word as typed (accents and case aside) anywhere gets, on top of
        // its BM25, the most the word's stemmed fields could give an article
        // holding only another form. Boosts alone could not say so: a
        // stemmed headline (`casa`, `casó` for `caso`, all `cas`) is short,
        // its BM25 high, and it outweighed the case named in a body (QA
        // pass 13, B1). The matches are the same; only the order changes.
        if !exact.is_empty() && stemmed_bound > 0.0 {
            clauses.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(
                    Box::new(BooleanQuery::new(exact)),
                    stemmed_bound,
                )),
            ));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// The most one field's clause of a word, `query` (unboosted), can add
    /// to an article's score: BM25 stays below `idf × (k1 + 1)` per term.
    /// A [`StemQuery`] scores its forms as one term with the idf of the
    /// most frequent form (the least idf); other clauses (a stemmed
    /// headline's stems, OR'd) add up their terms'.
    fn score_bound(&self, query: &dyn Query) -> Result<f32, SearchError> {
        // tantivy's BM25 `k1`.
        const K1: f32 = 1.2;
        let searcher = self.index.reader()?.searcher();
        // The total BM25 reads: every document of the segments, deleted
        // ones too, as term frequencies count them.
        let total = Bm25StatisticsProvider::total_num_docs(&searcher)?;
        let mut terms = Vec::new();
        query.query_terms(&mut |term, _| terms.push(term.clone()));
        let mut idfs = Vec::with_capacity(terms.len());
        for term in &terms {
            idfs.push(idf(searcher.doc_freq(term)?, total));
        }
        let idf = if query.is::<StemQuery>() {
            idfs.into_iter().reduce(f32::min).unwrap_or(0.0)
        } else {
            idfs.into_iter().sum()
        };
        Ok(idf * (1.0 + K1))
    }

    /// The optional clause that rewards the words of `root` standing
    /// together ([`super::proximity`]): for each pair of content words typed
    /// one after the other, a phrase query within
    /// [`super::proximity::SLOP`] on each exact field of the default scope
    /// that records positions (the headline and the body), with that
    /// field's boost times [`PROXIMITY_BOOST`]. `None` when the query has
    /// no such pair. It is to be added beside the query, never required:
    /// it changes the order of the hits, not which articles match.
    pub fn proximity(&self, root: &Node) -> Option<Box<dyn Query>> {
        let pairs = super::proximity::pairs(root);
        if pairs.is_empty() {
            return None;
        }
        let fields: Vec<TextField> = self
            .fields(Scope::Default, true)
            .into_iter()
            .filter(|f| f.expand.is_none() && has_positions(self.index, f.field))
            .collect();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for pair in &pairs {
            for f in &fields {
                let terms = vec![
                    (0, Term::from_field_text(f.field, &pair.first)),
                    (pair.gap, Term::from_field_text(f.field, &pair.second)),
                ];
                let phrase = PhraseQuery::new_with_offset_and_slop(terms, super::proximity::SLOP);
                clauses.push((
                    Occur::Should,
                    boosted(Box::new(phrase), f.boost * PROXIMITY_BOOST),
                ));
            }
        }
        (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
    }

    fn fuzzy(
        &self,
        scope: Scope,
        word: &str,
        distance: u8,
        column: usize,
    ) -> Result<Box<dyn Query>, QueryError> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for f in self.fields(scope, true) {
            let tokens = analyze(&f.analyzer, word);
            match tokens.as_slice() {
                [] => continue,
                [(_, token)] => {
                    let term = Term::from_field_text(f.field, token);
                    let query = Box::new(FuzzyTermQuery::new(term, distance, true));
                    clauses.push((Occur::Should, boosted(query, f.boost)));
                }
                _ => {
                    return Err(QueryError {
                        message: format!("'{word}~{distance}': a fuzzy term is one word"),
                        column,
                    })
                }
            }
        }
        if clauses.is_empty() {
            return Err(QueryError {
                message: format!("'{}' has no words to search for", shown(word)),
                column,
            });
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }
}

/// The weight of a pair of query words found together, relative to the
/// field's own boost. A phrase scores as the sum of its words' BM25 (its
/// idf is theirs added up), so at 1.0 an article with the pair side by side
/// gets about what its two words gave it again; tuned on QA pass 13's
/// cases (repro-03, repro-04), where the article naming Osiris Luna once in
/// a long body must outrank a short one holding "Osiris" and "luna" apart.
pub const PROXIMITY_BOOST: f32 = 1.0;

/// BM25's idf of a term in `doc_freq` of `total` documents, as tantivy
/// computes it (which asserts that the frequency is within the total).
fn idf(doc_freq: u64, total: u64) -> f32 {
    let doc_freq = doc_freq.min(total);
    let x = ((total - doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

/// The expander of `analyzer`, made on first use; `None` if it is no
/// stemming analyzer.
fn expander_for<'m>(
    expanders: &'m mut HashMap<String, Expander>,
    analyzer: &str,
) -> Option<&'m mut Expander> {
    match expanders.entry(analyzer.to_string()) {
        std::collections::hash_map::Entry::Occupied(e) => Some(e.into_mut()),
        std::collections::hash_map::Entry::Vacant(e) => {
            Expander::new(analyzer).map(|x| e.insert(x))
        }
    }
}

/// `text` as an error message quotes it: at most 60 characters (a pasted
/// 100,000-character word was echoed whole).
fn shown(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

/// A filter clause: it selects, it does not score.
fn filter(term: Term) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(
        Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        0.0,
    ))
}

/// The facet term of a gang label (`Barrio 18/Sureños`); it also matches
/// the label's factions.
pub fn gang_term(index: &OpenIndex, label: &str) -> Term {
    Term::from_facet(index.fields.facets, &gang_facet(label))
}

/// The facet of a gang label (`Barrio 18/Sureños` is below `Barrio 18`).
pub fn gang_facet(label: &str) -> Facet {
    let mut path = vec!["gang"];
    path.extend(label.split('/'));
    Facet::from_path(path)
}

/// The facet term of an official's canonical name.
pub fn official_term(index: &OpenIndex, canonical: &str) -> Term {
    Term::from_facet(index.fields.facets, &official_facet(canonical))
}

/// The facet of an official's canonical name.
pub fn official_facet(canonical: &str) -> Facet {
    Facet::from_path(["official", canonical])
}

/// The inclusive bounds of [`date_range`], as stored dates.
pub fn date_bounds(
    from: Option<Period>,
    to: Option<Period>,
) -> (Option<tantivy::DateTime>, Option<tantivy::DateTime>) {
    (
        from.map(|p| date_to_tantivy(p.first)),
        to.map(|p| date_to_tantivy(p.last)),
    )
}

/// Articles dated from the first day of `from` to the last day of `to`.
pub fn date_range(index: &OpenIndex, from: Option<Period>, to: Option<Period>) -> Box<dyn Query> {
    let field = index.fields.date;
    if from.is_none() && to.is_none() {
        // `date:[* TO *]`: every dated article (tantivy refuses a range
        // with no bound).
        let name = index.index.schema().get_field_name(field).to_string();
        return Box::new(ExistsQuery::new(name, false));
    }
    let lower = from.map_or(Bound::Unbounded, |p| {
        Bound::Included(Term::from_field_date(field, date_to_tantivy(p.first)))
    });
    let upper = to.map_or(Bound::Unbounded, |p| {
        Bound::Included(Term::from_field_date(field, date_to_tantivy(p.last)))
    });
    Box::new(RangeQuery::new(lower, upper))
}

/// "unknown gang 'x' (did you mean …)" at `column`.
fn unknown(kind: &str, name: &str, known: &[String], column: usize) -> QueryError {
    QueryError {
        message: format!(
            "unknown {kind} '{name}'{}",
            super::suggestions(kind, name, known)
        ),
        column,
    }
}

/// The tokens of `text` under `analyzer`: (position, token).
pub(super) fn analyze(analyzer: &str, text: &str) -> Vec<(usize, String)> {
    let Some(mut a) = analyzers::analyzer(analyzer) else {
        return Vec::new();
    };
    let mut stream = a.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.position, token.text.clone()));
    }
    out
}

/// True if `field` records word positions, which a phrase needs (the
/// stemmed body fields do not: fields.toml).
fn has_positions(index: &OpenIndex, field: Field) -> bool {
    index
        .fields
        .schema
        .get_field_entry(field)
        .field_type()
        .get_index_record_option()
        .is_some_and(|option| option.has_positions())
}
