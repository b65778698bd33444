//! The query for a word's other stemmed forms, scored as one term.
//!
//! [`super::expand`] finds the words of the body that share a query word's
//! stem. Looked up as a union of term queries, each form was scored on its
//! own (an article with `prisoners` and `prisons` counted two saturated
//! BM25 terms) and the stemmer's language was a second posting list to
//! intersect with: at 100,000 articles that doubled the engine's time for
//! `extortion prison`. [`StemQuery`] reads the forms' postings side by
//! side and scores each article once, as the indexed stemmed copy did: BM25
//! on the summed frequency of its forms, with the idf of the most frequent
//! form (as Lucene's synonym query does). The language is read from the
//! `language` fast column, one lookup per candidate article.

use tantivy::columnar::StrColumn;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Articles in `language` with any of `terms` (all of one field), scored
/// as one term whose frequency is the sum of theirs.
#[derive(Debug, Clone)]
pub struct StemQuery {
    field: Field,
    terms: Vec<Term>,
    /// The fast field holding each article's language, and the code to
    /// keep.
    language: Option<(String, String)>,
}

impl StemQuery {
    /// Any of `words` in `field`, in articles whose fast string field
    /// `language_field` is `language` (all articles with `None`).
    pub fn new(field: Field, words: &[String], language: Option<(&str, &str)>) -> Self {
        StemQuery {
            field,
            terms: words
                .iter()
                .map(|w| Term::from_field_text(field, w))
                .collect(),
            language: language.map(|(f, code)| (f.to_string(), code.to_string())),
        }
    }
}

impl Query for StemQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => {
                let total_docs = statistics_provider.total_num_docs()?;
                let tokens = statistics_provider.total_num_tokens(self.field)?;
                let mut doc_freq = 0;
                for term in &self.terms {
                    doc_freq = doc_freq.max(statistics_provider.doc_freq(term)?);
                }
                let average_fieldnorm = tokens as Score / total_docs.max(1) as Score;
                Some(Bm25Weight::for_one_term(
                    doc_freq,
                    total_docs,
                    average_fieldnorm,
                ))
            }
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(StemWeight {
            query: self.clone(),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.terms {
            visitor(term, false);
        }
    }
}

struct StemWeight {
    query: StemQuery,
    bm25: Option<Bm25Weight>,
}

impl StemWeight {
    fn stem_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<StemScorer> {
        let inverted = reader.inverted_index(self.query.field)?;
        let mut postings = Vec::with_capacity(self.query.terms.len());
        for term in &self.query.terms {
            if let Some(p) = inverted.read_postings(term, IndexRecordOption::WithFreqs)? {
                postings.push(p);
            }
        }
        let language = match &self.query.language {
            None => None,
            Some((field, code)) => {
                let column = reader.fast_fields().str(field)?.ok_or_else(|| {
                    tantivy::TantivyError::SchemaError(format!("'{field}' is not a fast field"))
                })?;
                match column.dictionary().term_ord(code)? {
                    Some(ord) => Some((column, ord)),
                    None => {
                        // No article of this segment is in the language.
                        postings.clear();
                        None
                    }
                }
            }
        };
        let mut scorer = StemScorer {
            postings,
            doc: 0,
            term_freq: 0,
            fieldnorms: reader.get_fieldnorms_reader(self.query.field)?,
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
            language,
        };
        scorer.settle();
        Ok(scorer)
    }
}

impl Weight for StemWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let scorer = self.stem_scorer(reader, boost)?;
        if scorer.doc == TERMINATED {
            return Ok(Box::new(EmptyScorer));
        }
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.stem_scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document #({doc}) does not match"
            )));
        }
        Ok(Explanation::new_with_string(
            format!("stemmed forms, term frequency {}", scorer.term_freq),
            scorer.score(),
        ))
    }
}

/// Walks the forms' postings together, one article at a time.
struct StemScorer {
    /// Each form's postings, at its current article.
    postings: Vec<SegmentPostings>,
    doc: DocId,
    /// The summed frequency of the forms in `doc`.
    term_freq: u32,
    fieldnorms: FieldNormReader,
    bm25: Option<Bm25Weight>,
    /// Each article's language, and the ordinal of the one to keep.
    language: Option<(StrColumn, u64)>,
}

impl StemScorer {
    /// Moves to the first article at or after the postings' positions
    /// that is in the language, and sums its forms' frequencies.
    fn settle(&mut self) -> DocId {
        loop {
            let doc = self
                .postings
                .iter()
                .map(DocSet::doc)
                .min()
                .unwrap_or(TERMINATED);
            if doc == TERMINATED {
                self.doc = TERMINATED;
                return TERMINATED;
            }
            let in_language = match &self.language {
                None => true,
                Some((column, ord)) => column.ords().first(doc) == Some(*ord),
            };
            if in_language {
                self.doc = doc;
                self.term_freq = self
                    .postings
                    .iter()
                    .filter(|p| p.doc() == doc)
                    .map(|p| p.term_freq())
                    .sum();
                return doc;
            }
            for p in self.postings.iter_mut().filter(|p| p.doc() == doc) {
                p.advance();
            }
        }
    }
}

impl DocSet for StemScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        for p in self.postings.iter_mut().filter(|p| p.doc() == doc) {
            p.advance();
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        for p in self.postings.iter_mut() {
            if p.doc() < target {
                p.seek(target);
            }
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings.iter().map(DocSet::size_hint).sum()
    }
}

impl Scorer for StemScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(bm25) => bm25.score(self.fieldnorms.fieldnorm_id(self.doc), self.term_freq),
            None => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{Schema, FAST, STRING, TEXT};
    use tantivy::{doc, Index};

    /// An index of (language, body) articles, in one segment.
    fn index(articles: &[(&str, &str)]) -> (Index, Field) {
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT);
        let language = builder.add_text_field("language", STRING | FAST);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (lang, text) in articles {
            writer
                .add_document(doc!(body => *text, language => *lang))
                .unwrap();
        }
        writer.commit().unwrap();
        (index, body)
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn matches_any_form_in_the_language_only() {
        let (index, body) = index(&[
            ("en", "the prisoners left"),
            ("es", "los prisoners salieron"),
            ("en", "nothing here"),
            ("en", "two prisons"),
        ]);
        let searcher = index.reader().unwrap().searcher();
        let query = StemQuery::new(
            body,
            &words(&["prisoners", "prisons"]),
            Some(("language", "en")),
        );
        let top = searcher
            .search(&query, &TopDocs::with_limit(10).order_by_score())
            .unwrap();
        let mut found: Vec<u32> = top.iter().map(|(_, a)| a.doc_id).collect();
        found.sort();
        assert_eq!(found, vec![0, 3]);
        // Without a language, every article with a form.
        let any = StemQuery::new(body, &words(&["prisoners", "prisons"]), None);
        assert_eq!(searcher.search(&any, &Count).unwrap(), 3);
        // A language no article has.
        let none = StemQuery::new(body, &words(&["prisoners"]), Some(("language", "fr")));
        assert_eq!(searcher.search(&none, &Count).unwrap(), 0);
    }

    #[test]
    fn scores_the_summed_frequency_of_the_forms_as_one_term() {
        let (index, body) = index(&[
            ("en", "prisoners and prisons and more words here"),
            ("en", "prisoners and prisoners and more words here"),
            ("en", "prisoners and other and more words here"),
        ]);
        let searcher = index.reader().unwrap().searcher();
        let query = StemQuery::new(
            body,
            &words(&["prisoners", "prisons"]),
            Some(("language", "en")),
        );
        let top = searcher
            .search(&query, &TopDocs::with_limit(10).order_by_score())
            .unwrap();
        let score = |doc: u32| top.iter().find(|(_, a)| a.doc_id == doc).unwrap().0;
        // Two forms once each weigh as one form twice.
        assert!((score(0) - score(1)).abs() < 1e-6, "{top:?}");
        assert!(score(0) > score(2));
        let explained = query
            .explain(&searcher, tantivy::DocAddress::new(0, 0))
            .unwrap();
        assert!(explained.to_pretty_json().contains("term frequency 2"));
    }

    #[test]
    fn seeks_inside_an_intersection() {
        let mut articles = Vec::new();
        for i in 0..300 {
            let text = match i % 3 {
                0 => "prisoners extortion",
                1 => "prisons",
                _ => "extortion",
            };
            articles.push(("en", text));
        }
        let (index, body) = index(&articles);
        let searcher = index.reader().unwrap().searcher();
        let both = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(StemQuery::new(
                    body,
                    &words(&["prisoners", "prisons"]),
                    Some(("language", "en")),
                )) as Box<dyn Query>,
            ),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(body, "extortion"),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        assert_eq!(searcher.search(&both, &Count).unwrap(), 100);
    }
}
