//! Actor tagging: which gangs and officials an article names.
//!
//! This module owns matching the gazetteers of `index-schema/` against
//! article text, and resolving a name typed by a reporter (`--gang ms-13`) to
//! its canonical entry. It matches every alias in one pass (aho-corasick over
//! case- and accent-folded text), keeps only whole-word matches, and applies
//! the precision rules a reporter can publish on:
//!
//! - an alias written in capitals in the registry (`ELN`, `CJNG`) must be in
//!   capitals in the text too, so a lowercase word is not an acronym;
//! - a `context_alias` ("Sureños") counts only when the article also names
//!   the group or its parent by a plain alias;
//! - a surname alone ("Bukele") tags an official only when the registry marks
//!   it unambiguous and it is capitalised in the text; otherwise a surname
//!   mention is only counted for an official already named in full.
//!
//! It does not decide where the text comes from (that is `normalize`) nor
//! how tags are stored (that is `index`).

pub mod explore;
pub mod names;
pub mod sentences;
pub mod suggest;

pub use names::{GangNames, OfficialNames};

use std::collections::HashMap;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use crate::fold::{fold, is_word_char, Folded};
use crate::schema::Schema;

/// What one registry pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A plain gang alias (or the canonical name).
    Gang(usize),
    /// A gang alias that needs the group named plainly elsewhere.
    GangInContext(usize),
    /// A full name of an official.
    Official(usize),
    /// A surname-only mention of an official.
    Surname(usize),
    /// A common form of an official's name: counts after a title or beside
    /// a full form.
    Titled(usize),
}

#[derive(Debug, Clone)]
struct Pattern {
    target: Target,
    /// The alias had no lowercase letters (an acronym): the text must not
    /// either.
    acronym: bool,
}

/// Capitalised words that may stand right before an official's surname
/// without making it someone else's name: titles and the function words
/// that open a sentence (folded).
const BEFORE_SURNAME: &[&str] = &[
    "presidente",
    "presidenta",
    "president",
    "expresidente",
    "expresidenta",
    "mandatario",
    "exmandatario",
    "vicepresidente",
    "vice",
    "senador",
    "senadora",
    "senator",
    "diputado",
    "diputada",
    "gobernador",
    "gobernadora",
    "governor",
    "exgobernador",
    "alcalde",
    "alcaldesa",
    "mayor",
    "ministro",
    "ministra",
    "minister",
    "secretario",
    "secretaria",
    "secretary",
    "fiscal",
    "procurador",
    "procuradora",
    "attorney",
    "general",
    "gen",
    "gral",
    "director",
    "directora",
    "comisionado",
    "jefe",
    "chief",
    "juez",
    "jueza",
    "judge",
    "candidato",
    "candidata",
    "candidate",
    "mr",
    "mrs",
    "ms",
    "sr",
    "sra",
    "don",
    "dona",
    "senor",
    "senora",
    "dr",
    "dra",
    "lic",
    "ing",
    "el",
    "la",
    "los",
    "las",
    "lo",
    "the",
    "a",
    "an",
    "y",
    "e",
    "o",
    "and",
    "or",
    "but",
    "pero",
    "que",
    "segun",
    "para",
    "con",
    "por",
    "de",
    "del",
    "en",
    "a",
    "al",
    "ante",
    "tras",
    "sobre",
    "contra",
    "como",
    "cuando",
    "mientras",
    "aunque",
    "si",
    "tambien",
    "ademas",
    "hoy",
    "ayer",
    "entonces",
    "luego",
    "despues",
    "antes",
    "ni",
    "ya",
    "aun",
    "asi",
    "pues",
    "incluso",
    "solo",
    "dijo",
    "said",
    "says",
    "when",
    "while",
    "after",
    "before",
    "since",
    "although",
    "if",
    "also",
    "then",
    "today",
    "yesterday",
    "in",
    "on",
    "at",
    "of",
    "to",
    "for",
    "with",
    "by",
    "from",
    "under",
    "against",
    "as",
    "that",
    "this",
    "both",
    "ambos",
    "neither",
    "nor",
    "gobierno",
    "government",
    "administracion",
    "administration",
    "regimen",
    "regime",
    "equipo",
    "team",
];

/// Whether the text at `start..end` lies inside a web or mail address or a
/// DOI: a run without spaces holding `://`, `www.`, an `@`, a DOI prefix
/// (`10.4088/…`) or a domain before a path (`insightcrime.org/news/…`).
/// A URL slug or a journal's code names no one: "doi:10.4088/PCC.20r02799"
/// is not the PCC, and a link to an MS13 story is not a mention of MS13.
fn inside_address(text: &str, start: usize, end: usize) -> bool {
    // The token is looked for within a window: a text with no spaces at
    // all (a crafted file) must not cost a scan of it per mention.
    const WINDOW: usize = 512;
    let mut lo = start.saturating_sub(WINDOW);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (end + WINDOW).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let token_start = text[lo..start].rfind(char::is_whitespace).map_or(lo, |i| {
        lo + i + text[lo + i..].chars().next().map_or(1, char::len_utf8)
    });
    let token_end = text[end..hi]
        .find(char::is_whitespace)
        .map_or(hi, |i| end + i);
    let token = &text[token_start..token_end];
    if token.contains("://") || token.contains('@') {
        return true;
    }
    let lower = token.to_ascii_lowercase();
    if lower.contains("www.") {
        return true;
    }
    // What comes before the first slash: a DOI's `10.NNNN` or a domain.
    let Some(host) = token.split('/').next().filter(|_| token.contains('/')) else {
        return false;
    };
    // `doi:10.4088/…`, `(10.4088/…`.
    let host = host
        .rsplit(':')
        .next()
        .unwrap_or(host)
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    if let Some(registrant) = host.strip_prefix("10.") {
        return registrant.len() >= 4 && registrant.bytes().all(|b| b.is_ascii_digit());
    }
    host.rsplit_once('.').is_some_and(|(name, tld)| {
        !name.is_empty()
            && (2..=6).contains(&tld.len())
            && tld.bytes().all(|b| b.is_ascii_lowercase())
    })
}

/// Whether the text before a mention ends with one of `titles` (folded),
/// as a whole word, maybe with a comma: "el fiscal general Luis Martínez",
/// "Attorney General, Luis Martínez".
fn after_title(before: &str, titles: &[String]) -> bool {
    let before = fold(before.trim_end_matches([' ', '\u{a0}', ',']));
    titles.iter().any(|title| {
        before.strip_suffix(title.as_str()).is_some_and(|rest| {
            !title.is_empty() && !rest.chars().next_back().is_some_and(char::is_alphanumeric)
        })
    })
}

/// Whether the text just before a surname ends in a capitalised word that
/// is neither a title nor a function word: "Rogelio Funes Mori" names a
/// footballer, not Mauricio Funes; "Leonel Luna Estrada" is not Osiris Luna.
/// A capital that only opens a sentence ("Later Luna said") says nothing,
/// so there the surname is rejected only when another capitalised word
/// follows it ("Rogelio Funes Mori anotó").
fn after_other_given_name(before: &str, after: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    if trimmed.len() == before.len() {
        return false; // no space: a hyphen, quote or the start of the text
    }
    let word_start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '-' || *c == '\'')
        .last()
        .map(|(i, _)| i);
    let Some(word_start) = word_start else {
        return false; // punctuation before the surname
    };
    let word = &trimmed[word_start..];
    if !word.chars().next().is_some_and(char::is_uppercase)
        || BEFORE_SURNAME.contains(&fold(word).as_str())
    {
        return false;
    }
    let opens_sentence = trimmed[..word_start]
        .trim_end_matches([' ', '\u{a0}', '\t'])
        .chars()
        .next_back()
        .is_none_or(|c| {
            matches!(
                c,
                '.' | '!' | '?' | ':' | ';' | '\n' | '"' | '“' | '«' | '¿' | '¡' | '('
            )
        });
    if !opens_sentence {
        return true;
    }
    after
        .strip_prefix([' ', '\u{a0}'])
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_uppercase)
}

/// The actors an article names, as canonical labels in order of first
/// mention, without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    /// Gang labels: the facet path below `/gang`, e.g. `Barrio 18/Sureños`.
    pub gangs: Vec<String>,
    /// Canonical names of officials.
    pub officials: Vec<String>,
}

/// One mention of an actor in a text, with byte offsets into the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The actor's label (gang label or official name).
    pub label: String,
    /// Whether it is a gang (else an official).
    pub is_gang: bool,
    /// Start byte in the original text.
    pub start: usize,
    /// End byte in the original text.
    pub end: usize,
}

/// The compiled gazetteers.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// The folded patterns, compiled into `matcher` on first use: a search
    /// that only resolves `--gang`/`--official` names never needs it, and
    /// the DFA takes ~8 ms to build with the full registry.
    texts: Vec<String>,
    matcher: std::sync::OnceLock<Option<AhoCorasick>>,
    anchored_matcher: std::sync::OnceLock<Option<AhoCorasick>>,
    /// For each aho-corasick pattern, every registry entry it stands for.
    patterns: Vec<Vec<Pattern>>,
    gang_parents: Vec<Option<usize>>,
    unambiguous_surname: Vec<bool>,
    /// Folded titles that introduce each official, for `Target::Titled`.
    titles: Vec<Vec<String>>,
    /// Labels by gang index, and the names a reporter types for a gang.
    gangs: GangNames,
    /// Canonical names by official index, and the names a reporter types.
    officials: OfficialNames,
}

/// Building the matcher failed (the registry is too large for memory).
#[derive(Debug, thiserror::Error)]
#[error("cannot build the actor matcher: {0}")]
pub struct TaggerError(String);

impl Tagger {
    /// Compiles the gazetteers of `schema`.
    pub fn new(schema: &Schema) -> Result<Self, TaggerError> {
        let mut pattern_ids: HashMap<String, usize> = HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<Pattern>> = Vec::new();
        let mut add = |alias: &str, target: Target| {
            let folded = fold(alias.trim());
            if folded.is_empty() {
                return;
            }
            let acronym =
                alias.chars().any(char::is_alphabetic) && !alias.chars().any(char::is_lowercase);
            let id = *pattern_ids.entry(folded.clone()).or_insert_with(|| {
                texts.push(folded);
                patterns.push(Vec::new());
                texts.len() - 1
            });
            let entry = Pattern { target, acronym };
            if !patterns[id].iter().any(|p| p.target == target) {
                patterns[id].push(entry);
            }
        };

        for (i, gang) in schema.gangs().iter().enumerate() {
            // A canonical name that is also a context alias ("Sureños") is
            // as ambiguous in text as the alias: it must not count alone.
            let name_needs_context = gang
                .context_aliases
                .iter()
                .any(|a| fold(a) == fold(&gang.name));
            if !name_needs_context {
                add(&gang.name, Target::Gang(i));
            }
            for alias in &gang.aliases {
                add(alias, Target::Gang(i));
            }
            for alias in &gang.context_aliases {
                add(alias, Target::GangInContext(i));
            }
        }
        for (i, official) in schema.officials().iter().enumerate() {
            let titled = |name: &str| official.titled.iter().any(|t| fold(t) == fold(name));
            if !titled(&official.name) {
                add(&official.name, Target::Official(i));
            }
            for alias in official.aliases.iter().filter(|a| !titled(a)) {
                add(alias, Target::Official(i));
            }
            for form in &official.titled {
                add(form, Target::Titled(i));
            }
            for surname in &official.surnames {
                add(surname, Target::Surname(i));
            }
        }

        let gang_index: HashMap<&str, usize> = schema
            .gangs()
            .iter()
            .enumerate()
            .map(|(i, g)| (g.name.as_str(), i))
            .collect();
        Ok(Tagger {
            texts,
            matcher: std::sync::OnceLock::new(),
            anchored_matcher: std::sync::OnceLock::new(),
            patterns,
            gang_parents: schema
                .gangs()
                .iter()
                .map(|g| g.parent.as_deref().and_then(|p| gang_index.get(p).copied()))
                .collect(),
            unambiguous_surname: schema
                .officials()
                .iter()
                .map(|o| o.unambiguous_surname)
                .collect(),
            titles: schema
                .officials()
                .iter()
                .map(|o| o.titles.iter().map(|t| fold(t.trim())).collect())
                .collect(),
            gangs: GangNames::new(schema),
            officials: OfficialNames::new(schema),
        })
    }

    /// The compiled patterns. A full DFA: the registry is a few thousand
    /// short patterns, so the table stays small (a few MB) and matching runs
    /// at one table lookup per byte, about twice the speed of the default
    /// NFA. Should the DFA be refused (a registry far beyond any real one),
    /// the default automaton is used instead.
    fn matcher(&self) -> Option<&AhoCorasick> {
        self.matcher
            .get_or_init(|| {
                let build = |kind| {
                    AhoCorasickBuilder::new()
                        .match_kind(MatchKind::LeftmostLongest)
                        .kind(kind)
                        .build(&self.texts)
                };
                build(Some(AhoCorasickKind::DFA))
                    .or_else(|_| build(None))
                    .ok()
            })
            .as_ref()
    }

    /// The patterns again, for anchored searches only (see
    /// [`Tagger::longest_whole_word`]); built on first need.
    fn anchored_matcher(&self) -> Option<&AhoCorasick> {
        self.anchored_matcher
            .get_or_init(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .build(&self.texts)
                    .ok()
            })
            .as_ref()
    }

    /// Every whole-word mention of a registry pattern in `text`, before the
    /// article-level rules (context, surnames) are applied.
    ///
    /// The automaton finds the leftmost, longest match. One that starts
    /// inside a word is passed over, and the search goes on from the next
    /// character, not from its end: `xbarrio 18th street` hides nothing.
    /// One that runs on into a word gives way to the longest shorter
    /// pattern at its start that ends on a boundary: in "18th Street
    /// gangs", `18th street gang` ends inside "gangs" and `18th street` is
    /// the mention; in "el Barrio 18 surgió", `barrio 18 sur` gives way to
    /// `barrio 18`.
    fn raw_mentions(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let folded = Folded::new(text);
        let offsets = |pos: usize| folded.original(pos);
        let folded = folded.text.as_str();
        let mut found = Vec::new();
        let Some(matcher) = self.matcher() else {
            return found;
        };
        let mut at = 0;
        while let Ok(Some(m)) = matcher.try_find(Input::new(folded).span(at..folded.len())) {
            let starts_word = !folded[..m.start()]
                .chars()
                .next_back()
                .is_some_and(is_word_char);
            let mention = if starts_word {
                self.longest_whole_word(folded, m.start(), m.pattern().as_usize(), m.end())
            } else {
                None
            };
            match mention {
                Some((pattern, end)) => {
                    found.push((pattern, offsets(m.start()), offsets(end)));
                    at = end;
                }
                None => {
                    at = m.start() + folded[m.start()..].chars().next().map_or(1, char::len_utf8);
                }
            }
        }
        found
    }

    /// The longest pattern matching at `start` that ends on a word
    /// boundary: `pattern`, which ends at `end`, or a shorter one.
    fn longest_whole_word(
        &self,
        folded: &str,
        start: usize,
        mut pattern: usize,
        mut end: usize,
    ) -> Option<(usize, usize)> {
        loop {
            if !folded[end..].chars().next().is_some_and(is_word_char) {
                return Some((pattern, end));
            }
            // A pattern is at least one character long, so `end - 1` keeps
            // the search past `start`.
            let input = Input::new(folded)
                .span(start..end - 1)
                .anchored(Anchored::Yes);
            let shorter = self.anchored_matcher()?.try_find(input).ok()??;
            pattern = shorter.pattern().as_usize();
            end = shorter.end();
        }
    }

    /// The text of every whole-word match of any registry name or alias in
    /// `text`, before any rule is applied (for `suggest`, which must not
    /// propose part of a name the registry already has).
    pub(crate) fn raw_matches<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.raw_mentions(text)
            .into_iter()
            .map(|(_, start, end)| &text[start..end])
            .collect()
    }

    /// All mentions in `text`, with the article-level rules applied using
    /// the whole article (`title` and `body`) as context. Mentions in the
    /// title are reported at offsets `0..0`; [`Tagger::sentence_mentions`]
    /// keeps them apart.
    pub fn mentions(&self, title: &str, body: &str) -> Vec<Mention> {
        self.mentions_by_part(title, body)
            .into_iter()
            .map(|(in_title, mut m)| {
                if in_title {
                    m.start = 0;
                    m.end = 0;
                }
                m
            })
            .collect()
    }

    /// Like [`Tagger::mentions`], with each mention's offsets in its own
    /// part and a flag saying whether that part is the title.
    fn mentions_by_part(&self, title: &str, body: &str) -> Vec<(bool, Mention)> {
        let mut texts = Vec::new();
        for (which, text) in [(0usize, title), (1, body)] {
            for (pattern, start, end) in self.raw_mentions(text) {
                if !inside_address(text, start, end) {
                    texts.push((which, text, pattern, start, end));
                }
            }
        }
        // First pass: which gangs and officials are named plainly / in full.
        let mut gang_named = vec![false; self.gangs.labels().len()];
        let mut official_named = vec![false; self.officials.names().len()];
        for &(_, text, pattern, start, end) in &texts {
            let original = &text[start..end];
            for p in &self.patterns[pattern] {
                if p.acronym && original.chars().any(char::is_lowercase) {
                    continue;
                }
                match p.target {
                    Target::Gang(g) => gang_named[g] = true,
                    Target::Official(o) => official_named[o] = true,
                    _ => {}
                }
            }
        }
        let gang_in_context = |g: usize| {
            gang_named[g]
                || self.gang_parents[g].is_some_and(|p| gang_named[p])
                || self
                    .gang_parents
                    .iter()
                    .enumerate()
                    .any(|(child, parent)| *parent == Some(g) && gang_named[child])
        };
        let mut mentions = Vec::new();
        for &(which, text, pattern, start, end) in &texts {
            let original = &text[start..end];
            for p in &self.patterns[pattern] {
                if p.acronym && original.chars().any(char::is_lowercase) {
                    continue;
                }
                let accepted = match p.target {
                    Target::Gang(_) | Target::Official(_) => true,
                    Target::GangInContext(g) => gang_in_context(g),
                    Target::Titled(o) => {
                        official_named[o] || after_title(&text[..start], &self.titles[o])
                    }
                    Target::Surname(o) => {
                        original.chars().next().is_some_and(char::is_uppercase)
                            && (official_named[o] || self.unambiguous_surname[o])
                            && !after_other_given_name(&text[..start], &text[end..])
                    }
                };
                if !accepted {
                    continue;
                }
                let (label, is_gang) = match p.target {
                    Target::Gang(g) | Target::GangInContext(g) => {
                        (self.gangs.labels()[g].clone(), true)
                    }
                    Target::Official(o) | Target::Surname(o) | Target::Titled(o) => {
                        (self.officials.names()[o].clone(), false)
                    }
                };
                mentions.push((
                    which == 0,
                    Mention {
                        label,
                        is_gang,
                        start,
                        end,
                    },
                ));
            }
        }
        mentions
    }

    /// The actors an article names: canonical labels, de-duplicated, in
    /// order of first mention. A gang is dropped where one of its factions
    /// is named, since the facet hierarchy already files the faction under
    /// it.
    pub fn tag(&self, title: &str, body: &str) -> Tags {
        let mut tags = Tags::default();
        for m in self.mentions(title, body) {
            let list = if m.is_gang {
                &mut tags.gangs
            } else {
                &mut tags.officials
            };
            if !list.contains(&m.label) {
                list.push(m.label);
            }
        }
        let labels = tags.gangs.clone();
        tags.gangs.retain(|g| {
            !labels
                .iter()
                .any(|other| other.len() > g.len() && other.starts_with(&format!("{g}/")))
        });
        tags
    }

    /// Resolves a gang name typed by a reporter (canonical, alias or label;
    /// any case and accents) to its label.
    pub fn resolve_gang(&self, name: &str) -> Option<&str> {
        self.gangs.resolve(name)
    }

    /// Resolves an official's name typed by a reporter to the canonical name.
    pub fn resolve_official(&self, name: &str) -> Option<&str> {
        self.officials.resolve(name)
    }

    /// Every gang label, in registry order.
    pub fn gang_labels(&self) -> &[String] {
        self.gangs.labels()
    }

    /// Every official's canonical name, in registry order.
    pub fn official_names(&self) -> &[String] {
        self.officials.names()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Schema, SchemaSources};

    fn tagger() -> Tagger {
        Tagger::new(&Schema::embedded().unwrap()).unwrap()
    }

    #[test]
    fn names_inside_addresses_and_dois_are_not_mentions() {
        let t = tagger();
        for body in [
            "Read more at https://example.org/news/ms13-leader-arrested today.",
            "Source: insightcrime.org/news/ms-13-extortion (accessed 2021).",
            "See www.example.com/MS13 for the archive.",
            "Write to ms13@example.org for tips.",
            "Prim Care Companion. doi:10.4088/MS13.20r02799 [PubMed]",
        ] {
            assert!(t.tag("", body).gangs.is_empty(), "{body}");
        }
        // Slashes and full stops between words are not addresses.
        for body in [
            "The MS13/Barrio 18 truce held.",
            "Police blamed the MS13. Others disagreed.",
            "El gobierno culpó a la MS13.El lunes hubo detenciones.",
        ] {
            assert_eq!(t.tag("", body).gangs[0], "MS13", "{body}");
        }
    }

    #[test]
    fn a_text_without_spaces_is_tagged_in_linear_time() {
        // 50,000 mentions glued by commas, 250 KB without a space: each
        // mention looks for its token in a window, not in the whole text
        // (quadratic: about a minute here instead of a second, and hours
        // for a crafted file of a few megabytes).
        let body = "MS13,".repeat(50_000);
        assert_eq!(tagger().tag("", &body).gangs, vec!["MS13"]);
    }

    #[test]
    fn ambiguous_acronyms_need_the_group_named_in_full() {
        let t = tagger();
        for body in [
            "The AUC of the model was 0.91 on the test set.",
            "Coaches with an ICF/PCC credential earn more.",
            "The PCC congress in Havana re-elected its first secretary.",
            "The AGC of the association approved the accounts.",
        ] {
            assert!(t.tag("", body).gangs.is_empty(), "{body}");
        }
        let t = t.tag(
            "",
            "The Primeiro Comando da Capital (PCC) runs the prisons. The PCC \
             also moves cocaine, as the AUC once did; the Autodefensas Unidas de \
             Colombia demobilised in 2006.",
        );
        assert_eq!(t.gangs, vec!["PCC", "AUC"]);
    }

    #[test]
    fn aliases_resolve_to_canonical_names() {
        let t = tagger().tag(
            "",
            "Members of the Mara Salvatrucha and of ms-13 met Osiris Luna Meza.",
        );
        assert_eq!(t.gangs, vec!["MS13"]);
        assert_eq!(t.officials, vec!["Osiris Luna"]);
    }

    #[test]
    fn matching_ignores_accents_and_needs_whole_words() {
        let t = tagger().tag(
            "",
            "Carlos Marroquin spoke. XMS13Y and MS130 are not gangs.",
        );
        assert_eq!(t.officials, vec!["Carlos Marroquín"]);
        assert!(t.gangs.is_empty(), "{:?}", t.gangs);
    }

    /// A longer name that runs on into the next word ("18th Street gang"
    /// in "gangs", "Barrio 18 Sur" in "surgió") used to hide the shorter
    /// name it starts with.
    #[test]
    fn a_name_running_into_a_word_gives_way_to_the_name_it_starts_with() {
        let t = tagger().tag("", "The MS13 and 18th Street gangs recruit in schools.");
        assert_eq!(t.gangs, vec!["MS13", "Barrio 18"]);
        let t = tagger().tag("", "El Barrio 18 surgió en Los Ángeles.");
        assert_eq!(t.gangs, vec!["Barrio 18"]);
        // The whole name still wins where it ends on a boundary.
        let t = tagger().tag("", "The 18th Street gang left; the Barrio 18 Sur stayed.");
        assert_eq!(t.gangs, vec!["Barrio 18/Sureños"]);
        let t = tagger().tag("", "The 18th Street gang left.");
        assert_eq!(t.gangs, vec!["Barrio 18"]);
    }

    /// A match inside a word is passed over without swallowing a name that
    /// starts inside it.
    #[test]
    fn a_match_inside_a_word_hides_no_name_after_it() {
        let texts = tagger().texts.clone();
        // "barrio 18" matches inside "Subarrio 18th", and ends inside
        // "18th", where the name "18th street" starts.
        assert!(texts.iter().any(|t| t == "barrio 18"));
        assert!(texts.iter().any(|t| t == "18th street"));
        let t = tagger();
        assert_eq!(
            t.raw_matches("Subarrio 18th Street members were arrested."),
            vec!["18th Street"]
        );
    }

    #[test]
    fn factions_are_children_of_barrio_18() {
        let t = tagger().tag(
            "",
            "The Barrio 18 Sureños and the Barrio 18 Revolucionarios, and Barrio 18 itself.",
        );
        assert_eq!(
            t.gangs,
            vec!["Barrio 18/Sureños", "Barrio 18/Revolucionarios"]
        );
    }

    #[test]
    fn a_common_name_counts_only_after_a_title_or_beside_the_full_name() {
        let t = tagger();
        let officials = |text: &str| t.tag("", text).officials;
        assert!(
            officials("Luis Martínez, un vendedor de verduras de 45 años, protestó.").is_empty()
        );
        for text in [
            "El fiscal general Luis Martínez negó el pacto.",
            "The Attorney General, Luis Martínez, denied it.",
            "El exfiscal Luis Martínez declaró.",
            "Luis Antonio Martínez González habló. Luis Martínez dijo más.",
        ] {
            assert_eq!(officials(text), vec!["Luis Martínez"], "{text}");
        }
        // A title is a whole word: "superfiscal" is none.
        assert!(officials("El superfiscal Luis Martínez llegó.").is_empty());
        // Reporters still filter by the name.
        assert_eq!(t.officials.resolve("luis martinez"), Some("Luis Martínez"));
    }

    #[test]
    fn context_alias_needs_the_group_named_plainly() {
        let t = tagger().tag("", "Los Sureños de California celebran.");
        assert!(t.gangs.is_empty(), "{:?}", t.gangs);
        // Streets, numbers and highways that share a name with Barrio 18.
        for text in [
            "Un joven de dieciocho años murió en la Calle 18 de la zona 1.",
            "The bakery on 18th Street in Washington closed; the M-18 was shut.",
        ] {
            let t = tagger().tag("", text);
            assert!(t.gangs.is_empty(), "{text}: {:?}", t.gangs);
        }
        let t = tagger().tag(
            "",
            "Members of 18th Street were arrested. Barrio 18 denied it.",
        );
        assert_eq!(t.gangs, vec!["Barrio 18"]);
        let t = tagger().tag(
            "",
            "La pandilla Barrio 18 está dividida: los Sureños negociaron.",
        );
        assert_eq!(t.gangs, vec!["Barrio 18/Sureños"]);
    }

    #[test]
    fn surnames_count_only_when_unambiguous_or_capitalised_after_full_name() {
        let t = tagger().tag("", "Bukele spoke about the luna llena and Luna's plan.");
        assert_eq!(t.officials, vec!["Nayib Bukele"]);
        let t = tagger().tag("", "bukele, in lowercase, is not a name here.");
        assert!(t.officials.is_empty());
        let mentions = tagger().mentions(
            "",
            "Osiris Luna arrived. Later Luna said no; la luna brillaba.",
        );
        let lunas: Vec<_> = mentions
            .iter()
            .filter(|m| m.label == "Osiris Luna")
            .collect();
        assert_eq!(lunas.len(), 2, "{mentions:?}");
    }

    #[test]
    fn a_surname_after_another_given_name_is_someone_else() {
        let t = tagger().tag("", "A pase de Rogelio Funes Mori, el equipo ganó.");
        assert!(t.officials.is_empty(), "{:?}", t.officials);
        let t = tagger().tag("", "Rogelio Funes Mori anotó.");
        assert!(t.officials.is_empty(), "{:?}", t.officials);
        let t = tagger().tag("", "Según Bukele, y el presidente Funes, todo va bien.");
        assert_eq!(t.officials, vec!["Nayib Bukele", "Mauricio Funes"]);
        let mentions = tagger().mentions("", "Osiris Luna habló. Leonel Luna Estrada calló.");
        assert_eq!(mentions.len(), 1, "{mentions:?}");
    }

    #[test]
    fn acronyms_must_be_capitalised() {
        let mut sources = SchemaSources::embedded();
        sources
            .gangs
            .push_str("\n[[gang]]\nname = \"XQZ\"\naliases = [\"XQZ\"]\n");
        let tagger = Tagger::new(&Schema::parse(sources).unwrap()).unwrap();
        assert_eq!(tagger.tag("", "The XQZ attacked.").gangs, vec!["XQZ"]);
        assert!(tagger.tag("", "the xqz attacked").gangs.is_empty());
    }

    #[test]
    fn filters_resolve_aliases_labels_and_unique_surnames() {
        let t = tagger();
        assert_eq!(t.resolve_gang("mara salvatrucha"), Some("MS13"));
        assert_eq!(
            t.resolve_gang("barrio 18/surenos"),
            Some("Barrio 18/Sureños")
        );
        assert_eq!(t.resolve_official("marroquin"), Some("Carlos Marroquín"));
        assert_eq!(t.resolve_official("OSIRIS LUNA"), Some("Osiris Luna"));
        assert_eq!(t.resolve_gang("Los Nadie"), None);
    }
}
