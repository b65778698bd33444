//! Exploring the actors of an index: who is named how often, and who is
//! named alongside whom.
//!
//! This module owns the data behind `dossier actors`: article counts per
//! actor among the articles matching a search request, and the co-mention
//! graph around one actor, counted by article (from the stored tags) and by
//! sentence (re-running [`Tagger::sentence_mentions`] over the stored text
//! of the articles that name the actor), with one evidence sentence per
//! pair. Printing is `cli::actors`' job; parsing the query and filters is
//! `search`'s.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::{DocSetCollector, FacetCollector};
use tantivy::schema::Facet;

use super::Tagger;
use crate::index::{IndexedArticle, OpenIndex};
use crate::search::{self, SearchError, SearchRequest};

/// Longest evidence sentence kept, in characters.
const EVIDENCE_CHARS: usize = 280;

/// The two kinds of actor in the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A criminal group.
    Gang,
    /// An official.
    Official,
}

impl ActorKind {
    /// `gang` or `official`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Gang => "gang",
            ActorKind::Official => "official",
        }
    }
}

/// One actor and the number of matching articles that name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorCount {
    /// Gang label (`Barrio 18/Sureños`) or official's canonical name.
    pub name: String,
    /// Gang or official.
    pub kind: ActorKind,
    /// Matching articles naming the actor (a gang counts the articles
    /// naming any of its factions too).
    pub articles: u64,
    /// The official's role, from the registry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The official's country, or the gang's countries, from the registry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// Actor counts among the articles matching a request.
#[derive(Debug, Clone, Serialize)]
pub struct ActorCounts {
    /// Articles matching the query and every filter.
    pub total: usize,
    /// Actors, most-named first (ties by name).
    pub actors: Vec<ActorCount>,
}

/// Why exploring failed.
#[derive(Debug, thiserror::Error)]
pub enum ExploreError {
    /// The request is malformed, or the index failed.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The index failed.
    #[error("reading the index failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The registry could not be compiled.
    #[error(transparent)]
    Tagger(#[from] super::TaggerError),
    /// `--with NAME` names no actor of the registry.
    #[error("'{0}' is neither a gang nor an official of the registry (`dossier actors` lists those in the index)")]
    UnknownActor(String),
    /// `--with NAME` is a surname more than one official bears.
    #[error("'{name}' names more than one official ({candidates}); type the full name")]
    AmbiguousOfficial {
        /// As typed.
        name: String,
        /// The officials it may mean, quoted and joined.
        candidates: String,
    },
}

/// Article counts per actor among the articles matching `request` (every
/// filter applied), of one kind or both.
pub fn actor_counts(
    index: &OpenIndex,
    request: &SearchRequest,
    kind: Option<ActorKind>,
) -> Result<ActorCounts, ExploreError> {
    let prepared = search::prepare(index, request)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let query = prepared.query();
    let total = searcher.search(&query, &tantivy::collector::Count)?;

    let mut collector = FacetCollector::for_field("facets");
    collector.add_facet("/gang");
    collector.add_facet("/official");
    let counts = searcher.search(&query, &collector)?;
    // Factions are counted below their group, and listed on their own
    // (one collector per group: tantivy refuses nested facets in one).
    let mut parents: Vec<String> = index
        .schema
        .gangs()
        .iter()
        .filter_map(|g| g.parent.as_deref())
        .map(|p| index.schema.gang_label(p))
        .collect();
    parents.sort();
    parents.dedup();
    let facet_of = |label: &str| {
        let mut path = vec!["gang"];
        path.extend(label.split('/'));
        Facet::from_path(path)
    };
    let mut faction_counts = Vec::new();
    if kind != Some(ActorKind::Official) {
        for parent in &parents {
            let mut collector = FacetCollector::for_field("facets");
            collector.add_facet(facet_of(parent));
            let counts = searcher.search(&query, &collector)?;
            for (facet, n) in counts.get(facet_of(parent)) {
                faction_counts.push((format!("{parent}/{}", last_segment(facet)), n));
            }
        }
    }

    let mut actors = Vec::new();
    if kind != Some(ActorKind::Official) {
        let mut seen = std::collections::HashSet::new();
        let mut push = |label: String, n: u64| {
            if seen.insert(label.clone()) {
                let name = label.rsplit('/').next().unwrap_or(&label).to_string();
                let entry = index.schema.gangs().iter().find(|g| g.name == name);
                actors.push(ActorCount {
                    country: entry
                        .filter(|g| !g.countries.is_empty())
                        .map(|g| g.countries.join(",")),
                    name: label,
                    kind: ActorKind::Gang,
                    articles: n,
                    role: None,
                });
            }
        };
        for (facet, n) in counts.get("/gang") {
            push(last_segment(facet), n);
        }
        for (label, n) in faction_counts {
            push(label, n);
        }
    }
    if kind != Some(ActorKind::Gang) {
        for (facet, n) in counts.get("/official") {
            let name = last_segment(facet);
            let entry = index.schema.officials().iter().find(|o| o.name == name);
            actors.push(ActorCount {
                role: entry.and_then(|o| o.role.clone()),
                country: entry.and_then(|o| o.country.clone()),
                name,
                kind: ActorKind::Official,
                articles: n,
            });
        }
    }
    actors.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(ActorCounts { total, actors })
}

fn last_segment(facet: &Facet) -> String {
    facet
        .to_path()
        .last()
        .map(|s| s.to_string())
        .unwrap_or_default()
}

/// A sentence showing a co-mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The article's path.
    pub path: String,
    /// The article's headline.
    pub title: String,
    /// The article's date.
    pub date: Option<NaiveDate>,
    /// The sentence, trimmed to a readable length.
    pub sentence: String,
}

/// An actor named alongside another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoMention {
    /// Gang label or official's canonical name.
    pub name: String,
    /// Gang or official.
    pub kind: ActorKind,
    /// Articles naming both.
    pub articles: usize,
    /// Sentences naming both.
    pub sentences: usize,
    /// One sentence naming both, else one naming this actor in an article
    /// naming the other.
    pub evidence: Option<Evidence>,
}

/// An edge of the co-mention graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    /// One end (label).
    pub a: String,
    /// The other end (label).
    pub b: String,
    /// Articles naming both.
    pub articles: usize,
    /// Sentences naming both.
    pub sentences: usize,
}

/// Who is named alongside one actor.
#[derive(Debug, Clone, Serialize)]
pub struct CoMentions {
    /// The actor asked about, canonical.
    pub name: String,
    /// Its kind.
    pub kind: ActorKind,
    /// Articles naming it (among those matching the request).
    pub articles: usize,
    /// Actors named alongside it: most articles first, then most
    /// sentences, then by name.
    pub partners: Vec<CoMention>,
    /// The co-mention graph among all actors of those articles (the
    /// partners' edges to each other included), strongest first.
    pub edges: Vec<Edge>,
}

/// Resolves `name` to a registry actor: officials first, then gangs.
pub fn resolve(tagger: &Tagger, name: &str) -> Option<(String, ActorKind)> {
    if let Some(official) = tagger.resolve_official(name) {
        return Some((official.to_string(), ActorKind::Official));
    }
    tagger
        .resolve_gang(name)
        .map(|g| (g.to_string(), ActorKind::Gang))
}

/// Who is named alongside `name` in the articles matching `request` that
/// name it: counted by article (stored tags) and by sentence (the tagger
/// re-run over the stored title and body).
pub fn co_mentions(
    index: &OpenIndex,
    name: &str,
    request: &SearchRequest,
) -> Result<CoMentions, ExploreError> {
    let tagger = index.tagger()?;
    let (canonical, kind) =
        resolve(tagger, name).ok_or_else(|| {
            match search::ambiguous_official(index.official_names(), name) {
                Some(candidates) => ExploreError::AmbiguousOfficial {
                    name: name.to_string(),
                    candidates,
                },
                None => ExploreError::UnknownActor(name.to_string()),
            }
        })?;
    let mut request = request.clone();
    match kind {
        ActorKind::Official => request.officials.push(canonical.clone()),
        ActorKind::Gang => request.gangs.push(canonical.clone()),
    }
    let prepared = search::prepare(index, &request)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut addresses: Vec<_> = searcher
        .search(&prepared.query(), &DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort();

    let mut articles = Vec::with_capacity(addresses.len());
    for address in addresses {
        articles.push(IndexedArticle::load(&searcher, address, &index.fields)?);
    }
    // Most recent first, so evidence comes from the latest reporting.
    articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));

    let is_self = |label: &str| {
        label == canonical
            || (kind == ActorKind::Gang
                && (label.starts_with(&format!("{canonical}/"))
                    || canonical.starts_with(&format!("{label}/"))))
    };
    #[derive(Default)]
    struct Pair {
        articles: usize,
        sentences: usize,
        evidence: Option<Evidence>,
        loose_evidence: Option<Evidence>,
    }
    let mut pairs: BTreeMap<(String, String), Pair> = BTreeMap::new();
    let mut kinds: HashMap<String, ActorKind> = HashMap::new();
    let key = |a: &str, b: &str| {
        if a <= b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        }
    };
    let mut named = 0;
    for article in &articles {
        let mut actors: Vec<(String, ActorKind)> = Vec::new();
        for g in &article.gangs {
            actors.push((g.clone(), ActorKind::Gang));
        }
        for o in &article.officials {
            actors.push((o.clone(), ActorKind::Official));
        }
        // The article names the actor asked about under its canonical label
        // (or, for a gang, one of its factions): use that label as the hub.
        let hub = actors
            .iter()
            .find(|(l, _)| is_self(l))
            .map(|(l, _)| l.clone());
        if hub.is_none() {
            continue;
        }
        named += 1;
        for (label, k) in &actors {
            kinds.insert(label.clone(), *k);
        }
        // Merge every label of the actor asked about into the canonical one.
        let norm = |label: &str| -> String {
            if is_self(label) {
                canonical.clone()
            } else {
                label.to_string()
            }
        };
        // A faction counts toward its gang, as in facets and filters: an
        // article naming Barrio 18/Sureños names Barrio 18 as a partner too.
        let mut labels: Vec<String> =
            with_gang_parents(actors.iter().map(|(l, k)| (l.as_str(), *k)))
                .iter()
                .map(|l| norm(l))
                .collect();
        labels.sort();
        labels.dedup();
        // The gangs added for their factions.
        for label in &labels {
            kinds.entry(label.clone()).or_insert(ActorKind::Gang);
        }
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                if !one_holds_the_other(a, b) {
                    pairs.entry(key(a, b)).or_default().articles += 1;
                }
            }
        }
        let sentences = tagger.sentence_mentions(&article.title, &article.body);
        for (s, per) in sentences.actors_per_sentence().iter().enumerate() {
            let mut here: Vec<String> = with_gang_parents(per.iter().map(|&(l, is_gang)| {
                (
                    l,
                    if is_gang {
                        ActorKind::Gang
                    } else {
                        ActorKind::Official
                    },
                )
            }))
            .iter()
            .map(|l| norm(l))
            .filter(|l| labels.contains(l))
            .collect();
            here.sort();
            here.dedup();
            let evidence = || Evidence {
                path: article.path.clone(),
                title: article.title.clone(),
                date: article.date,
                sentence: trim_sentence(sentences.sentences[s]),
            };
            for (i, a) in here.iter().enumerate() {
                for b in here[i + 1..].iter().filter(|b| !one_holds_the_other(a, b)) {
                    let pair = pairs.entry(key(a, b)).or_default();
                    pair.sentences += 1;
                    if pair.evidence.is_none() {
                        pair.evidence = Some(evidence());
                    }
                }
                // A partner named in a sentence of its own is weaker
                // evidence, kept in case no sentence names both.
                if *a != canonical {
                    let pair = pairs.entry(key(a, &canonical)).or_default();
                    if pair.loose_evidence.is_none() {
                        pair.loose_evidence = Some(evidence());
                    }
                }
            }
        }
    }

    let mut partners = Vec::new();
    let mut edges = Vec::new();
    for ((a, b), pair) in pairs {
        if pair.articles == 0 {
            continue;
        }
        edges.push(Edge {
            a: a.clone(),
            b: b.clone(),
            articles: pair.articles,
            sentences: pair.sentences,
        });
        let other = if a == canonical {
            &b
        } else if b == canonical {
            &a
        } else {
            continue;
        };
        partners.push(CoMention {
            name: other.clone(),
            kind: kinds.get(other).copied().unwrap_or(ActorKind::Official),
            articles: pair.articles,
            sentences: pair.sentences,
            evidence: pair.evidence.or(pair.loose_evidence),
        });
    }
    partners.sort_by(|x, y| {
        y.articles
            .cmp(&x.articles)
            .then_with(|| y.sentences.cmp(&x.sentences))
            .then_with(|| x.name.cmp(&y.name))
    });
    edges.sort_by(|x, y| {
        y.articles
            .cmp(&x.articles)
            .then_with(|| y.sentences.cmp(&x.sentences))
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    Ok(CoMentions {
        name: canonical,
        kind,
        articles: named,
        partners,
        edges,
    })
}

/// `labels` with the gang of each faction's label added (`Barrio
/// 18/Sureños` gives `Barrio 18` too).
fn with_gang_parents<'a>(labels: impl Iterator<Item = (&'a str, ActorKind)>) -> Vec<&'a str> {
    let mut out = Vec::new();
    for (label, kind) in labels {
        if kind == ActorKind::Gang {
            out.extend(label.match_indices('/').map(|(at, _)| &label[..at]));
        }
        out.push(label);
    }
    out
}

/// Whether one gang label is the other's gang (`Barrio 18` and `Barrio
/// 18/Sureños`): a faction is not "named alongside" its own gang.
fn one_holds_the_other(a: &str, b: &str) -> bool {
    let holds = |parent: &str, child: &str| {
        child.len() > parent.len()
            && child.starts_with(parent)
            && child[parent.len()..].starts_with('/')
    };
    holds(a, b) || holds(b, a)
}

/// `sentence` with whitespace collapsed, cut at a word boundary to at most
/// [`EVIDENCE_CHARS`] characters (with `…` where cut).
pub fn trim_sentence(sentence: &str) -> String {
    let collapsed: String = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= EVIDENCE_CHARS {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(EVIDENCE_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > EVIDENCE_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

/// The co-mention graph in Graphviz DOT: one node per actor (gangs as
/// boxes), one undirected edge per pair named together, labelled
/// `articles/sentences`, the actor asked about in bold.
pub fn to_dot(co: &CoMentions) -> String {
    let mut out = String::from("graph comentions {\n");
    out.push_str("  graph [overlap=false, splines=true];\n");
    out.push_str("  node [shape=ellipse, fontname=\"Helvetica\"];\n");
    let mut nodes: Vec<(&str, ActorKind)> = vec![(co.name.as_str(), co.kind)];
    for p in &co.partners {
        nodes.push((p.name.as_str(), p.kind));
    }
    for (name, kind) in &nodes {
        let shape = match kind {
            ActorKind::Gang => "box",
            ActorKind::Official => "ellipse",
        };
        let style = if *name == co.name { ", style=bold" } else { "" };
        out.push_str(&format!(
            "  {} [shape={shape}, kind={}{style}];\n",
            dot_id(name),
            kind.as_str()
        ));
    }
    for e in &co.edges {
        if !nodes.iter().any(|(n, _)| *n == e.a) || !nodes.iter().any(|(n, _)| *n == e.b) {
            continue;
        }
        out.push_str(&format!(
            "  {} -- {} [weight={}, penwidth={}, label=\"{}/{}\"];\n",
            dot_id(&e.a),
            dot_id(&e.b),
            e.articles,
            1 + e.articles.min(8),
            e.articles,
            e.sentences
        ));
    }
    out.push_str("}\n");
    out
}

/// A DOT quoted identifier: `"…"` with `\` and `"` escaped and line breaks
/// removed.
pub fn dot_id(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    out.push('"');
    for c in name.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_ids_are_quoted_and_escaped() {
        assert_eq!(dot_id("Barrio 18/Sureños"), "\"Barrio 18/Sureños\"");
        assert_eq!(dot_id("a \"b\" \\c"), "\"a \\\"b\\\" \\\\c\"");
    }

    #[test]
    fn long_sentences_are_cut_at_a_word() {
        let long = "palabra ".repeat(100);
        let cut = trim_sentence(&long);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= EVIDENCE_CHARS + 1);
        assert_eq!(trim_sentence("  corta \n frase "), "corta frase");
    }

    #[test]
    fn dot_graph_has_a_node_per_actor_and_an_edge_per_pair() {
        let co = CoMentions {
            name: "Osiris Luna".into(),
            kind: ActorKind::Official,
            articles: 2,
            partners: vec![CoMention {
                name: "MS13".into(),
                kind: ActorKind::Gang,
                articles: 2,
                sentences: 1,
                evidence: None,
            }],
            edges: vec![Edge {
                a: "MS13".into(),
                b: "Osiris Luna".into(),
                articles: 2,
                sentences: 1,
            }],
        };
        let dot = to_dot(&co);
        assert!(dot.starts_with("graph comentions {"));
        assert!(dot.contains("\"MS13\" [shape=box"));
        assert!(dot.contains("\"MS13\" -- \"Osiris Luna\" [weight=2"));
        assert!(dot.trim_end().ends_with('}'));
    }
}
