//! Search: from a reporter's query and filters to ranked hits, facet counts
//! and snippets.
//!
//! This module owns turning the query text into a tantivy query over the
//! exact and stemmed fields (BM25, title boosted, exact words above stemmed
//! ones), the actor and date filters, multi-select facet counts (each
//! dimension counted with its own filter left out), and snippets. Printing is
//! `output`'s job.

pub mod compile;
pub mod dates;
pub mod expand;
pub mod facets;
pub mod names;
pub mod proximity;
pub mod query;
pub mod ranking;
pub mod snippet;
pub mod stem_query;
pub mod variants;

use std::time::Instant;

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::FacetCollector;
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DocAddress, Searcher, Term};

use crate::dedup::NearDuplicates;
use crate::index::document::IndexedArticle;
use crate::index::OpenIndex;
use dates::{parse_period, DateError};
use query::QueryError;
use snippet::{Highlighter, Snippet};

/// What a reporter asks for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query text (empty: every article).
    pub query: String,
    /// Gang names (any alias); OR'd.
    pub gangs: Vec<String>,
    /// Official names (any alias); OR'd.
    pub officials: Vec<String>,
    /// Inclusive start, `YYYY[-MM[-DD]]`.
    pub from: Option<String>,
    /// Inclusive end, `YYYY[-MM[-DD]]`.
    pub to: Option<String>,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Look words up unstemmed (accents still fold).
    pub exact: bool,
    /// The order of the hits.
    pub sort: Sort,
    /// Snippets per hit (0 or 1: one).
    pub context: usize,
    /// Show each story once: near-duplicates fold into the best-ranked copy.
    pub collapse: bool,
}

/// The order of the hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Oldest first; undated articles last.
    Date,
    /// Newest first; undated articles last.
    DateDesc,
}

/// Why a search could not run. Every variant is the reporter's to fix.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query is malformed.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// A `--from`/`--to` date is malformed.
    #[error("--{flag}: {source}")]
    Date {
        /// `from` or `to`.
        flag: &'static str,
        /// The problem.
        source: DateError,
    },
    /// `--from` is after `--to`.
    #[error("--from {from} is after --to {to}")]
    EmptyRange {
        /// The start.
        from: String,
        /// The end.
        to: String,
    },
    /// A gang or official not in the registry.
    #[error("unknown {kind} '{name}'{hint}")]
    UnknownActor {
        /// `gang` or `official`.
        kind: &'static str,
        /// As typed.
        name: String,
        /// Suggestions.
        hint: String,
    },
    /// A surname more than one official bears (`--official luna`).
    #[error("'{name}' names more than one official ({candidates}); type the full name")]
    AmbiguousOfficial {
        /// As typed.
        name: String,
        /// The officials it may mean, quoted and joined.
        candidates: String,
    },
    /// The index failed.
    #[error("search failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// One ranked article.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// 1-based rank, counting the offset.
    pub rank: usize,
    /// BM25 score.
    pub score: f32,
    /// Where the article was found.
    pub path: String,
    /// Every file with the same content.
    pub paths: Vec<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Headline.
    pub title: String,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Language code.
    pub language: String,
    /// Gang labels.
    pub gangs: Vec<String>,
    /// Official names.
    pub officials: Vec<String>,
    /// The best passage, highlighted.
    #[serde(skip)]
    pub snippet: Snippet,
    /// With `--context N`: the N best passages, best first (the first is
    /// `snippet`).
    #[serde(skip)]
    pub snippets: Vec<Snippet>,
    /// Paths of near-duplicates of this article (the same story elsewhere).
    pub also: Vec<String>,
}

/// Counts of one facet dimension, largest first.
pub type FacetCounts = Vec<(String, u64)>;

/// Facet counts for gang, official and year.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    /// Per gang label (factions as `Barrio 18/Sureños`, and their parent).
    pub gang: FacetCounts,
    /// Per official.
    pub official: FacetCounts,
    /// Per year.
    pub year: FacetCounts,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// The query as typed.
    pub query: String,
    /// Matching articles.
    pub total: usize,
    /// Articles in the index.
    pub articles: u64,
    /// Time spent searching, in milliseconds.
    pub took_ms: f64,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// Whether a page after this one has hits: with near-duplicates
    /// folded, `total` counts every copy and overstates the stories left.
    pub more: bool,
    /// How many stories the matches make once near-duplicate copies fold
    /// into one hit, when known: always for up to [`STORIES_COUNTED`]
    /// matches, and for more once a page reaches the last story.
    pub stories: Option<usize>,
    /// Multi-select facet counts.
    pub facets: Facets,
    /// The page asked for starts after the last hit (an `offset` past the
    /// end): matches, none on this page.
    pub past_the_end: bool,
}

/// The filters of a request, resolved against the index's registry.
struct Filters {
    gang: Option<Box<dyn Query>>,
    official: Option<Box<dyn Query>>,
    date: Option<Box<dyn Query>>,
    /// The same filters, as the facet pass reads them.
    gang_facets: Vec<Facet>,
    official_facets: Vec<Facet>,
    date_bounds: Option<(Option<tantivy::DateTime>, Option<tantivy::DateTime>)>,
}

/// A parsed request: the text query and its resolved filters.
pub struct PreparedSearch {
    text_query: Box<dyn Query>,
    /// The request has no text, only filters: every match scores 1.
    filters_only: bool,
    filters: Filters,
    highlighter: Highlighter,
}

/// Parses and resolves `request` against `index`.
pub fn prepare(index: &OpenIndex, request: &SearchRequest) -> Result<PreparedSearch, SearchError> {
    let mut parsed = query::parse(&request.query)?;
    // `-prison --gang MS13` is every MS13 article without the word; with
    // no filter, an exclusion alone would list the whole archive.
    let filtered = !request.gangs.is_empty()
        || !request.officials.is_empty()
        || request.from.is_some()
        || request.to.is_some();
    if parsed.only_excludes() && !filtered {
        return Err(SearchError::Query(query::QueryError {
            message: "the query only excludes terms; add a term to look for, or a filter \
                      (--gang, --official, --from, --to) to exclude from"
                .to_string(),
            column: 1,
        }));
    }
    // The registry names typed in full, by their words' columns: the
    // highlighter marks each where it stands whole.
    let mut typed_names = Vec::new();
    if let Some(root) = parsed.root.as_mut() {
        typed_names = names::mark_names(root, &index.schema);
        variants::add_spellings(root);
    }
    let text_query: Box<dyn Query> = match &parsed.root {
        None => Box::new(AllQuery),
        Some(root) => {
            let compiler = compile::Compiler::new(index, request.exact);
            let query = compiler.compile(root)?;
            // The words standing together rank higher; an optional clause
            // beside the required query, so the matches stay the same.
            match compiler.proximity(root) {
                Some(near) => Box::new(BooleanQuery::new(vec![
                    (Occur::Must, query),
                    (Occur::Should, near),
                ])),
                None => query,
            }
        }
    };
    // A gazetteer is only read when a flag names one of its actors.
    let mut gang_terms = Vec::new();
    let mut gang_facets = Vec::new();
    for name in &request.gangs {
        let gangs = index.gang_names();
        let label = gangs
            .resolve(name)
            .ok_or_else(|| unknown("gang", name, gangs.labels()))?;
        gang_terms.push(compile::gang_term(index, label));
        gang_facets.push(compile::gang_facet(label));
    }
    let mut official_terms = Vec::new();
    let mut official_facets = Vec::new();
    for name in &request.officials {
        let officials = index.official_names();
        let canonical =
            officials
                .resolve(name)
                .ok_or_else(|| match ambiguous_official(officials, name) {
                    Some(candidates) => SearchError::AmbiguousOfficial {
                        name: name.clone(),
                        candidates,
                    },
                    None => unknown("official", name, officials.names()),
                })?;
        official_terms.push(compile::official_term(index, canonical));
        official_facets.push(compile::official_facet(canonical));
    }
    let from = request
        .from
        .as_deref()
        .map(|d| {
            parse_period(d).map_err(|source| SearchError::Date {
                flag: "from",
                source,
            })
        })
        .transpose()?;
    let to = request
        .to
        .as_deref()
        .map(|d| parse_period(d).map_err(|source| SearchError::Date { flag: "to", source }))
        .transpose()?;
    if let (Some(f), Some(t)) = (from, to) {
        if f.first > t.last {
            return Err(SearchError::EmptyRange {
                from: request.from.clone().unwrap_or_default(),
                to: request.to.clone().unwrap_or_default(),
            });
        }
    }
    let (date, date_bounds) = if from.is_some() || to.is_some() {
        (
            Some(compile::date_range(index, from, to)),
            Some(compile::date_bounds(from, to)),
        )
    } else {
        (None, None)
    };
    Ok(PreparedSearch {
        filters_only: parsed.root.is_none(),
        text_query,
        filters: Filters {
            gang: any_of(gang_terms),
            official: any_of(official_terms),
            date,
            gang_facets,
            official_facets,
            date_bounds,
        },
        highlighter: Highlighter::for_query(&parsed, request.exact, &typed_names),
    })
}

fn unknown(kind: &'static str, name: &str, known: &[String]) -> SearchError {
    SearchError::UnknownActor {
        kind,
        name: name.to_string(),
        hint: suggestions(kind, name, known),
    }
}

/// The officials an unresolved `name` may mean, quoted and joined, when
/// it is more than one's (`'Osiris Luna', 'Genaro García Luna'`).
pub(crate) fn ambiguous_official(
    officials: &crate::actors::OfficialNames,
    name: &str,
) -> Option<String> {
    let bearers = officials.bearing(name);
    (bearers.len() > 1).then(|| {
        bearers
            .iter()
            .map(|b| format!("'{b}'"))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// " (did you mean 'A', 'B'?)" for a name not in the registry.
pub(crate) fn suggestions(kind: &str, name: &str, known: &[String]) -> String {
    let folded = crate::fold::fold(name);
    let mut close: Vec<&String> = known
        .iter()
        .filter(|k| {
            let k = crate::fold::fold(k);
            k.contains(&folded)
                || folded.contains(&k)
                || k.split(' ').any(|w| w.len() > 3 && folded.contains(w))
        })
        .take(5)
        .collect();
    close.dedup();
    if close.is_empty() {
        format!(" (not in the registry; `dossier facets --field {kind}` lists those in the index)")
    } else {
        format!(
            " (did you mean {}?)",
            close
                .iter()
                .map(|c| format!("'{c}'"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

fn any_of(terms: Vec<Term>) -> Option<Box<dyn Query>> {
    if terms.is_empty() {
        return None;
    }
    let clauses = terms
        .into_iter()
        .map(|t| {
            (
                Occur::Should,
                Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>,
            )
        })
        .collect();
    Some(Box::new(BooleanQuery::new(clauses)))
}

impl PreparedSearch {
    /// The text query with its filters. Filters narrow, they do not rank:
    /// a match scores what the text query gives it (a gang named twice in
    /// the filter's facets, or a date, adds nothing).
    pub fn query(&self) -> Box<dyn Query> {
        let filters = [
            &self.filters.gang,
            &self.filters.official,
            &self.filters.date,
        ];
        let filters: Vec<(Occur, Box<dyn Query>)> = filters
            .into_iter()
            .flatten()
            .map(|filter| (Occur::Must, filter.box_clone()))
            .collect();
        if filters.is_empty() {
            return self.text_query.box_clone();
        }
        if self.filters_only {
            // Every match of the filters alone scores 1, as the match-all
            // text query scores them in the facet pass. (tantivy 0.27 drops
            // a match-all clause from a conjunction, and its score with it.)
            return Box::new(ConstScoreQuery::new(
                Box::new(BooleanQuery::new(filters)),
                1.0,
            ));
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, self.text_query.box_clone())];
        clauses.extend(filters.into_iter().map(|(occur, filter)| {
            (
                occur,
                Box::new(ConstScoreQuery::new(filter, 0.0)) as Box<dyn Query>,
            )
        }));
        Box::new(BooleanQuery::new(clauses))
    }
}

/// Runs a search on `index`.
pub fn search(index: &OpenIndex, request: &SearchRequest) -> Result<SearchResults, SearchError> {
    let started = Instant::now();
    let prepared = prepare(index, request)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let fields = &index.fields;
    // No page holds more than the index's articles: a larger limit or
    // offset must not size anything (`--limit 1000000000` asked for 48 GB).
    let articles = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let within = SearchRequest {
        offset: request.offset.min(articles),
        limit: request.limit.min(articles),
        ..request.clone()
    };
    let request = &within;

    let main_query = prepared.query();
    // One pass over the text query's matches counts them and their facets,
    // each dimension with the other dimensions' filters (`facets`), and
    // ranks them by relevance. Counting visits every match anyway, so
    // scoring each in the same pass costs less than a second pass where
    // tantivy's top-k collector skips blocks that cannot compete (that
    // pass re-opens and re-reads the postings: 0.6-1.9 ms of a 10 ms
    // search at 100,000 articles). Other orders rank in a pass of their
    // own.
    let filters = &prepared.filters;
    let wanted = request.offset + request.limit;
    let fetch = if request.collapse {
        collapse_fetch(wanted)
    } else {
        wanted
    };
    let ranks = request.sort == Sort::Relevance && fetch > 0;
    let pass = facets::FacetPass {
        field: searcher.schema().get_field_name(fields.facets).to_string(),
        date_field: searcher.schema().get_field_name(fields.date).to_string(),
        gangs: filters.gang.as_ref().map(|_| filters.gang_facets.clone()),
        officials: filters
            .official
            .as_ref()
            .map(|_| filters.official_facets.clone()),
        dates: filters.date_bounds,
        top: ranks.then_some(fetch),
    };
    let mut tally = searcher.search(&*prepared.text_query, &pass)?;
    let ranked = ranks.then(|| {
        std::mem::take(&mut tally.top)
            .into_iter()
            .map(|(key, address)| (key.score(), address))
            .collect::<Vec<_>>()
    });
    let total = tally.total;
    let dups = if request.collapse {
        NearDuplicates::new(&searcher, fields.minhash)
            .map(|d| d.with_shared(index.shared_bands(&searcher)))
    } else {
        None
    };
    let facets = Facets {
        gang: sorted(tally.gang.into_iter().chain(tally.faction).collect()),
        official: sorted(tally.official),
        year: sorted(tally.year),
    };

    // Without folding, every match is a story: the count says what is left.
    let (page, folded_more, stories) = match (&dups, ranked) {
        (Some(dups), ranked) => {
            let (page, more, stories) = collapsed_page(
                &searcher,
                &*main_query,
                request,
                dups,
                total,
                ranked,
                fields,
            )?;
            (page, Some(more), stories)
        }
        (None, Some(ranked)) => (
            ranked
                .into_iter()
                .skip(request.offset)
                .map(|(score, address)| (score, address, Vec::new()))
                .collect(),
            None,
            None,
        ),
        (None, None) => (
            ranking::top_docs(
                &searcher,
                &*main_query,
                request.sort,
                request.limit,
                request.offset,
            )?
            .into_iter()
            .map(|(score, address)| (score, address, Vec::new()))
            .collect(),
            None,
            None,
        ),
    };
    let more = folded_more.unwrap_or(request.offset + page.len() < total);
    let past_the_end = request.limit > 0 && page.is_empty() && total > 0;
    let mut hits = Vec::with_capacity(page.len());
    let weight = main_query.weight(tantivy::query::EnableScoring::disabled_from_searcher(
        &searcher,
    ))?;
    let mut is_match = |address| matches(&searcher, &*weight, address);
    for (i, (score, address, also)) in page.into_iter().enumerate() {
        let mut hit = prepared.story_hit(
            &searcher,
            fields,
            address,
            score,
            request.context,
            &also,
            &mut is_match,
        )?;
        hit.rank = request.offset + i + 1;
        hits.push(hit);
    }
    Ok(SearchResults {
        query: request.query.clone(),
        total,
        articles: searcher.num_docs(),
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        more: more && !hits.is_empty(),
        hits,
        facets,
        stories,
        past_the_end,
    })
}

/// How many hits a collapsed page ranks first: copies fold away, so more
/// than it shows.
fn collapse_fetch(wanted: usize) -> usize {
    if wanted == 0 {
        0
    } else {
        (wanted * 2).max(20)
    }
}

/// A hit with its near-duplicates: (score, document, the copies).
pub type Story = (f32, DocAddress, Vec<DocAddress>);

/// Up to how many matches a collapsed search folds them all, to say how
/// many stories they make ("13 matches in 12 stories"): a few
/// milliseconds, where a page alone would fold a few dozen.
pub const STORIES_COUNTED: usize = 500;

/// The page of `request` with near-duplicates folded into the best-ranked
/// copy: (score, document, its near-duplicates), whether another story
/// follows it, and how many stories there are when that is known. Ranks
/// are counted in stories, so `--offset` pages through stories. `first` is
/// the query's best [`collapse_fetch`] hits when the counting pass ranked
/// them.
fn collapsed_page(
    searcher: &Searcher,
    query: &dyn Query,
    request: &SearchRequest,
    dups: &NearDuplicates,
    total: usize,
    mut first: Option<Vec<(f32, DocAddress)>>,
    fields: &crate::index::Fields,
) -> Result<(Vec<Story>, bool, Option<usize>), SearchError> {
    if request.limit == 0 {
        return Ok((Vec::new(), false, None));
    }
    // One story past the page says whether there is a next page; a few
    // hundred matches are all folded, to count the stories.
    let count_all = total <= STORIES_COUNTED;
    let wanted = if count_all {
        usize::MAX
    } else {
        request.offset + request.limit + 1
    };
    let mut fetch = if count_all {
        total.max(1)
    } else {
        collapse_fetch(wanted)
    };
    if count_all && first.as_ref().is_some_and(|f| f.len() < total) {
        first = None;
    }
    loop {
        let ranked = match first.take() {
            Some(ranked) => ranked,
            None => ranking::top_docs(searcher, query, request.sort, fetch, 0)?,
        };
        let stories = fold_stories(searcher, dups, fields, &ranked, wanted)?;
        if stories.len() == wanted || ranked.len() >= total || ranked.len() < fetch {
            // Every match was ranked and folded: the stories are all here.
            let all_folded = stories.len() < wanted;
            let count = all_folded.then_some(stories.len());
            let more = stories.len() > request.offset + request.limit;
            let page = stories
                .into_iter()
                .skip(request.offset)
                .take(request.limit)
                .collect();
            return Ok((page, more, count));
        }
        fetch *= 2;
    }
}

/// `counts` in the order facet lines show them ([`sort_counts`]).
fn sorted(counts: std::collections::BTreeMap<String, u64>) -> FacetCounts {
    let mut counts: FacetCounts = counts.into_iter().collect();
    sort_counts(&mut counts);
    counts
}

/// The other copies of the story of `address` that fold into it, most
/// similar first: see [`copies_like`].
pub fn copies_of(
    searcher: &Searcher,
    dups: &NearDuplicates,
    fields: &crate::index::Fields,
    address: DocAddress,
) -> tantivy::Result<Vec<DocAddress>> {
    let similar = dups.of(address)?;
    if similar.is_empty() {
        // Most hits have no near-duplicate: their text is not read.
        return Ok(Vec::new());
    }
    let article = load(searcher, address, fields)?;
    copies_among(searcher, fields, &article, similar)
}

/// The indexed copies of the story `article` tells (`address`, when it is
/// indexed, is left out), most similar first. This is the one definition
/// of "the same story" that search folds by and `similar` marks: a
/// near-duplicate (body similarity, [`crate::dedup::THRESHOLD`]) that
/// names the same gangs and officials and that
/// [`crate::dedup::distinct_stories`] does not tell apart (dates, a
/// passage of its own on both sides, different figures in the leads).
/// Copies that name others are not folded: a reporter reading "also in"
/// must not miss that one version of a wire story accuses someone the
/// other does not (and under an actor filter, a copy naming no one asked
/// for is no match).
pub fn copies_like(
    searcher: &Searcher,
    dups: &NearDuplicates,
    fields: &crate::index::Fields,
    article: &IndexedArticle,
    address: Option<DocAddress>,
) -> tantivy::Result<Vec<DocAddress>> {
    let similar = match address {
        Some(address) => dups.of(address)?,
        None => match crate::dedup::Signature::of(&article.body) {
            Some(signature) => dups.like(&signature),
            None => Vec::new(),
        },
    };
    let similar = similar
        .into_iter()
        .filter(|(other, _)| Some(*other) != address)
        .collect();
    copies_among(searcher, fields, article, similar)
}

/// The near-duplicates `similar` of `article` that are copies of its story.
fn copies_among(
    searcher: &Searcher,
    fields: &crate::index::Fields,
    article: &IndexedArticle,
    similar: Vec<(DocAddress, f64)>,
) -> tantivy::Result<Vec<DocAddress>> {
    let actors = actors_of(article);
    let facts = crate::dedup::Facts {
        date: article.date,
        body: &article.body,
    };
    let mut copies = Vec::new();
    for (other, _) in similar {
        let copy = load(searcher, other, fields)?;
        if actors_of(&copy) != actors {
            continue;
        }
        let other_facts = crate::dedup::Facts {
            date: copy.date,
            body: &copy.body,
        };
        if !crate::dedup::distinct_stories(&facts, &other_facts) {
            copies.push(other);
        }
    }
    Ok(copies)
}

/// The gangs and officials an article names, sorted.
fn actors_of(article: &IndexedArticle) -> Vec<String> {
    let mut actors: Vec<String> = article
        .gangs
        .iter()
        .map(|g| format!("gang:{g}"))
        .chain(article.officials.iter().map(|o| format!("official:{o}")))
        .collect();
    actors.sort_unstable();
    actors.dedup();
    actors
}

/// Folds ranked matches into stories, in rank order: each match not yet
/// listed becomes a story with those of its copies ([`copies_of`]) that no
/// earlier story lists, so every match is shown or listed exactly once
/// whatever the chains of similarity (a ~ b and b ~ c with a and c apart
/// lists b once, under a). Stops after `wanted` stories.
pub fn fold_stories(
    searcher: &Searcher,
    dups: &NearDuplicates,
    fields: &crate::index::Fields,
    ranked: &[(f32, DocAddress)],
    wanted: usize,
) -> tantivy::Result<Vec<Story>> {
    let mut listed: std::collections::HashSet<DocAddress> = std::collections::HashSet::new();
    let mut stories = Vec::new();
    for (score, address) in ranked {
        if stories.len() == wanted {
            break;
        }
        if !listed.insert(*address) {
            continue;
        }
        let mut others = copies_of(searcher, dups, fields, *address)?;
        others.retain(|other| listed.insert(*other));
        stories.push((*score, *address, others));
    }
    Ok(stories)
}

impl PreparedSearch {
    /// The hit for one document: stored fields and snippets.
    pub fn hit(
        &self,
        searcher: &Searcher,
        fields: &crate::index::Fields,
        address: DocAddress,
        score: f32,
        context: usize,
    ) -> tantivy::Result<Hit> {
        Ok(self.hit_of(load(searcher, address, fields)?, score, context))
    }

    /// The hit for an article already read from the store.
    fn hit_of(&self, article: IndexedArticle, score: f32, context: usize) -> Hit {
        let snippets = self
            .highlighter
            .snippets(&article.body, &article.language, context.max(1));
        Hit {
            rank: 0,
            score,
            path: article.path,
            paths: article.paths,
            url: article.url,
            title: article.title,
            date: article.date,
            language: article.language,
            gangs: article.gangs,
            officials: article.officials,
            snippet: snippets.first().cloned().unwrap_or_default(),
            snippets,
            also: Vec::new(),
        }
    }

    /// The hit for a story: its best-ranked copy `address`, with the paths
    /// of its other copies `others` in `also`. The copy shown is chosen
    /// only among the copies that match the query and its filters
    /// (`matches`): a copy outside `--from` must never be shown, with its
    /// date, as a match. Among those, a copy that carries a correction or
    /// update notice comes first (it supersedes the others), then the most
    /// recent (undated last), then one with a headline (a fragment of the
    /// page, the text alone, is a poor face), then the best ranked. The
    /// story keeps its rank and score.
    #[allow(clippy::too_many_arguments)]
    pub fn story_hit(
        &self,
        searcher: &Searcher,
        fields: &crate::index::Fields,
        address: DocAddress,
        score: f32,
        context: usize,
        others: &[DocAddress],
        matches: &mut dyn FnMut(DocAddress) -> tantivy::Result<bool>,
    ) -> tantivy::Result<Hit> {
        let mut copies = vec![load(searcher, address, fields)?];
        // The ranked copy matches: it came from the query.
        let mut eligible = vec![true];
        for &other in others {
            copies.push(load(searcher, other, fields)?);
            eligible.push(matches(other)?);
        }
        let key = |c: &IndexedArticle| {
            (
                crate::dedup::carries_notice(&c.body),
                c.date,
                !c.title.trim().is_empty(),
            )
        };
        let mut face = 0;
        for (i, copy) in copies.iter().enumerate().skip(1) {
            // Strictly better only: ties keep the better-ranked copy.
            if eligible[i] && key(copy) > key(&copies[face]) {
                face = i;
            }
        }
        // The other copies keep their rank order in `also`.
        let mut hit = self.hit_of(copies.remove(face), score, context);
        for copy in copies {
            hit.also.extend(copy.paths);
        }
        Ok(hit)
    }

    /// The full query: text and filters.
    pub fn full_query(&self) -> Box<dyn Query> {
        self.query()
    }
}

/// True if the document at `address` matches the query of `weight`.
pub fn matches(
    searcher: &Searcher,
    weight: &dyn tantivy::query::Weight,
    address: DocAddress,
) -> tantivy::Result<bool> {
    let segment = searcher.segment_reader(address.segment_ord);
    let mut scorer = weight.scorer(segment, 1.0)?;
    // A new scorer already stands on its first match; `seek` may only go
    // forward from there (tantivy asserts it in debug builds, and a scorer
    // sought backwards answers for the wrong document).
    let doc = scorer.doc();
    let doc = if doc < address.doc_id {
        scorer.seek(address.doc_id)
    } else {
        doc
    };
    Ok(doc == address.doc_id)
}

fn load(
    searcher: &Searcher,
    address: DocAddress,
    fields: &crate::index::Fields,
) -> tantivy::Result<IndexedArticle> {
    IndexedArticle::load(searcher, address, fields)
}

fn last_segment(facet: &Facet) -> String {
    facet
        .to_path()
        .last()
        .map(|s| s.to_string())
        .unwrap_or_default()
}

fn sort_counts(counts: &mut FacetCounts) {
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
}

/// Counts of facet dimensions (`gang`, `official`, `year`, `month`) among
/// the articles matching `request`, from one search: the number of matches
/// and one list of counts per dimension asked for, in order.
pub fn facet_counts(
    index: &OpenIndex,
    request: &SearchRequest,
    dimensions: &[&str],
) -> Result<(usize, Vec<FacetCounts>), SearchError> {
    // Every filter narrows every dimension here: `facets --gang X` counts
    // among X's articles, as its header says. (A search's facet lines are
    // multi-select instead: each ignores its own dimension's filter, to
    // show where else a reporter might click.)
    let prepared = prepare(index, request)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let pass = facets::FacetPass {
        field: searcher
            .schema()
            .get_field_name(index.fields.facets)
            .to_string(),
        date_field: searcher
            .schema()
            .get_field_name(index.fields.date)
            .to_string(),
        gangs: None,
        officials: None,
        dates: None,
        top: None,
    };
    let tally = searcher.search(&*prepared.query(), &pass)?;
    let years = sorted(tally.year);
    let mut all = Vec::with_capacity(dimensions.len());
    for dimension in dimensions {
        let counts = match *dimension {
            "gang" => sorted(
                tally
                    .gang
                    .clone()
                    .into_iter()
                    .chain(tally.faction.clone())
                    .collect(),
            ),
            "official" => sorted(tally.official.clone()),
            "year" => years.clone(),
            _ => month_counts(index, request, &years)?,
        };
        all.push(counts);
    }
    Ok((tally.total, all))
}

/// Per-month counts (`YYYY-MM`) among the matches, for the years in `years`.
fn month_counts(
    index: &OpenIndex,
    request: &SearchRequest,
    years: &FacetCounts,
) -> Result<FacetCounts, SearchError> {
    let prepared = prepare(index, request)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let query = prepared.query();
    let mut counts = Vec::new();
    let mut collector = FacetCollector::for_field("facets");
    for (year, _) in years {
        collector.add_facet(Facet::from_path(["date", year.as_str()]));
    }
    let facet_counts = searcher.search(&query, &collector)?;
    for (year, _) in years {
        for (facet, count) in facet_counts.get(Facet::from_path(["date", year.as_str()])) {
            counts.push((format!("{year}-{}", last_segment(facet)), count));
        }
    }
    counts.sort();
    Ok(counts)
}
