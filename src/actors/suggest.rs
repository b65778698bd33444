//! Finding who is missing from the registry: people named with an official
//! role and groups named as gangs or cartels that the registry does not
//! know.
//!
//! This module owns the phrase rules ("Attorney General X", "el ministro de
//! Seguridad X", "la pandilla X", "X cartel", …) and the grouping of what
//! they find into suggested `[[official]]` and `[[gang]]` entries with counts
//! and one example sentence each. Suggestions are only printed for a person
//! to review: they never become tags or facets. Reading articles (from an
//! index or an archive) is the caller's job.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::explore::{trim_sentence, ActorKind};
use super::sentences::split_sentences;
use super::Tagger;
use crate::fold::fold;

/// Role phrases (folded words) that introduce a person's name, with the
/// role to suggest. Longer phrases come first so that "vice president"
/// wins over "president".
const ROLES: &[(&[&str], &str)] = &[
    (&["director", "of", "prisons"], "Director of prisons"),
    (&["prisons", "director"], "Director of prisons"),
    (&["prisons", "chief"], "Director of prisons"),
    (&["attorney", "general"], "Attorney General"),
    (
        &["deputy", "attorney", "general"],
        "Deputy Attorney General",
    ),
    (&["security", "minister"], "Security Minister"),
    (&["justice", "minister"], "Justice Minister"),
    (&["defense", "minister"], "Defense Minister"),
    (&["defence", "minister"], "Defense Minister"),
    (&["interior", "minister"], "Interior Minister"),
    (&["police", "chief"], "Police chief"),
    (&["vice", "president"], "Vice President"),
    (&["president"], "President"),
    (&["governor"], "Governor"),
    (&["mayor"], "Mayor"),
    (&["prosecutor"], "Prosecutor"),
    (
        &["ministro", "de", "justicia", "y", "seguridad"],
        "Ministro de Justicia y Seguridad",
    ),
    (
        &["ministra", "de", "justicia", "y", "seguridad"],
        "Ministra de Justicia y Seguridad",
    ),
    (&["ministro", "de", "seguridad"], "Ministro de Seguridad"),
    (&["ministra", "de", "seguridad"], "Ministra de Seguridad"),
    (&["ministro", "de", "justicia"], "Ministro de Justicia"),
    (&["ministra", "de", "justicia"], "Ministra de Justicia"),
    (&["ministro", "de", "defensa"], "Ministro de Defensa"),
    (&["ministra", "de", "defensa"], "Ministra de Defensa"),
    (&["ministro", "del", "interior"], "Ministro del Interior"),
    (&["ministra", "del", "interior"], "Ministra del Interior"),
    (
        &["ministro", "de", "gobernacion"],
        "Ministro de Gobernación",
    ),
    (
        &["secretario", "de", "seguridad"],
        "Secretario de Seguridad",
    ),
    (
        &["secretaria", "de", "seguridad"],
        "Secretaria de Seguridad",
    ),
    (
        &["secretario", "de", "gobernacion"],
        "Secretario de Gobernación",
    ),
    (
        &["director", "de", "centros", "penales"],
        "Director de Centros Penales",
    ),
    (
        &["director", "de", "la", "policia"],
        "Director de la Policía",
    ),
    (&["jefe", "de", "la", "policia"], "Jefe de la Policía"),
    (&["fiscal", "general"], "Fiscal general"),
    (&["fiscal"], "Fiscal"),
    (&["vicepresidente"], "Vicepresidente"),
    (&["vicepresidenta"], "Vicepresidenta"),
    (&["presidente"], "Presidente"),
    (&["presidenta"], "Presidenta"),
    (&["gobernador"], "Gobernador"),
    (&["gobernadora"], "Gobernadora"),
    (&["alcalde"], "Alcalde"),
    (&["alcaldesa"], "Alcaldesa"),
];

/// Phrases (folded words) after which a group's name follows; `true` when
/// the phrase is part of the group's name ("Cartel de X").
const GANG_PREFIXES: &[(&[&str], bool)] = &[
    (&["cartel", "de", "los"], true),
    (&["cartel", "de", "las"], true),
    (&["cartel", "de", "la"], true),
    (&["cartel", "del"], true),
    (&["cartel", "de"], true),
    (&["pandilla"], false),
    (&["mara"], false),
    (&["banda", "criminal"], false),
    (&["grupo", "criminal"], false),
    (&["organizacion", "criminal"], false),
];

/// Words after which a group's name ends: "the X gang", "X cartel".
const GANG_SUFFIXES: &[&str] = &["gang", "cartel"];

/// Capitalised words that are not part of a name.
const STOP: &[&str] = &[
    "el", "la", "los", "las", "lo", "un", "una", "the", "a", "an", "this", "that", "these",
    "those", "his", "her", "their", "its", "our", "su", "sus", "este", "esta", "ese", "esa", "y",
    "e", "and", "of", "de", "del", "in", "en", "on", "for", "por", "para", "con", "with", "said",
    "says", "dijo", "but", "pero", "when", "cuando", "if", "si", "as", "como", "after", "tras",
    "mr", "mrs", "ms", "sr", "sra", "dr", "don", "doña", "gen", "general",
];

/// What one rule found in one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    kind: ActorKind,
    name: String,
    /// The name alone, without "cartel de" or "gang".
    bare: String,
    /// The role (officials) or the whole phrase (gangs).
    detail: String,
    sentence: String,
}

/// A suggested registry entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// Gang or official.
    pub kind: ActorKind,
    /// The name as first written.
    pub name: String,
    /// The role it was named with (officials), the most frequent first.
    pub roles: Vec<String>,
    /// The phrases it was named in (gangs), as written.
    pub phrases: Vec<String>,
    /// Articles naming it this way.
    pub articles: usize,
    /// Mentions found.
    pub mentions: usize,
    /// One sentence naming it.
    pub example: String,
    /// Where that sentence is.
    pub example_path: String,
}

/// Collects suggestions over many articles.
#[derive(Debug, Default)]
pub struct Suggester {
    groups: BTreeMap<(ActorKind, String), Group>,
    articles_read: usize,
}

#[derive(Debug, Default)]
struct Group {
    name: String,
    roles: BTreeMap<String, usize>,
    articles: BTreeSet<usize>,
    mentions: usize,
    example: String,
    example_path: String,
}

/// One word or punctuation mark of a sentence.
#[derive(Debug)]
struct Token<'a> {
    text: &'a str,
    folded: String,
    word: bool,
    capital: bool,
}

fn tokenize(sentence: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = sentence.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = at + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(next_at, next)) = chars.peek() {
                let joiner = matches!(next, '-' | '\'' | '’');
                let continues = next.is_alphanumeric()
                    || (joiner
                        && sentence[next_at + next.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric));
                if !continues {
                    break;
                }
                end = next_at + next.len_utf8();
                chars.next();
            }
        }
        let text = &sentence[at..end];
        tokens.push(Token {
            text,
            folded: fold(text),
            word: c.is_alphanumeric(),
            capital: c.is_uppercase(),
        });
    }
    tokens
}

fn starts_with(tokens: &[Token], at: usize, words: &[&str]) -> bool {
    tokens.len() >= at + words.len()
        && words
            .iter()
            .enumerate()
            .all(|(i, w)| tokens[at + i].word && tokens[at + i].folded == *w)
}

fn is_name_word(token: &Token) -> bool {
    token.word && token.capital && !STOP.contains(&token.folded.as_str())
}

/// A word of a group's name: capitalised, or a number after the first
/// word ("Barrio 18", "Calle 18").
fn is_gang_word(token: &Token, first: bool) -> bool {
    is_name_word(token) || (!first && token.word && token.text.chars().all(|c| c.is_ascii_digit()))
}

/// A name's words joined, without a trailing possessive ("Trump's").
fn join_name(tokens: &[Token]) -> String {
    let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
    let name = words.join(" ");
    name.strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .unwrap_or(&name)
        .to_string()
}

/// Every role-named person and gang-named group in one sentence.
fn scan(sentence: &str) -> Vec<Found> {
    let tokens = tokenize(sentence);
    let mut found = Vec::new();
    let mut i = 0;
    'tokens: while i < tokens.len() {
        for (words, role) in ROLES {
            if !starts_with(&tokens, i, words) {
                continue;
            }
            let mut j = i + words.len();
            // "el ministro de Seguridad, Gustavo Villatoro, dijo": skip one
            // comma between role and name.
            if tokens.get(j).is_some_and(|t| t.text == ",") {
                j += 1;
            }
            let from = j;
            while j < tokens.len() && j - from < 5 && is_name_word(&tokens[j]) {
                j += 1;
            }
            let n = j - from;
            if (2..=4).contains(&n) {
                found.push(Found {
                    kind: ActorKind::Official,
                    bare: join_name(&tokens[from..j]),
                    name: join_name(&tokens[from..j]),
                    detail: role.to_string(),
                    sentence: sentence.to_string(),
                });
                i = j;
                continue 'tokens;
            }
            // A role followed by no name: let shorter roles try too, but do
            // not read the role's own words as a name.
            break;
        }
        for (words, in_name) in GANG_PREFIXES {
            if !starts_with(&tokens, i, words) {
                continue;
            }
            let from = i + words.len();
            let mut j = from;
            // "la pandilla Los Trinitarios": a group's name may open with
            // an article.
            if tokens.get(j).is_some_and(|t| {
                t.capital && matches!(t.folded.as_str(), "los" | "las" | "la" | "el")
            }) && tokens.get(j + 1).is_some_and(is_name_word)
            {
                j += 1;
            }
            while j < tokens.len() && j - from < 4 && is_gang_word(&tokens[j], j == from) {
                j += 1;
            }
            if j > from {
                let x = join_name(&tokens[from..j]);
                let phrase = join_name(&tokens[i..j]);
                found.push(Found {
                    kind: ActorKind::Gang,
                    bare: x.clone(),
                    name: if *in_name { capitalise(&phrase) } else { x },
                    detail: phrase,
                    sentence: sentence.to_string(),
                });
                i = j;
                continue 'tokens;
            }
        }
        if tokens[i].word && GANG_SUFFIXES.contains(&tokens[i].folded.as_str()) && i > 0 {
            let mut from = i;
            while from > 0 && i - from < 3 && is_gang_word(&tokens[from - 1], false) {
                from -= 1;
            }
            // One capitalised word opening the sentence ("Rival gangs") is
            // not a name.
            let opening_word = from == 0 && i - from == 1;
            // "18th Street gang": the name starts before the capitals.
            let number_before = from > 0
                && tokens[from - 1]
                    .text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit());
            if number_before {
                i += 1;
                continue;
            }
            if from < i && !opening_word && is_name_word(&tokens[from]) {
                let x = join_name(&tokens[from..i]);
                let suffix = if tokens[i].folded == "cartel" {
                    "Cartel"
                } else {
                    "gang"
                };
                found.push(Found {
                    kind: ActorKind::Gang,
                    bare: x.clone(),
                    name: format!("{x} {suffix}"),
                    detail: join_name(&tokens[from..=i]),
                    sentence: sentence.to_string(),
                });
            }
        }
        i += 1;
    }
    found
}

fn capitalise(phrase: &str) -> String {
    let mut chars = phrase.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Suggester {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many articles were read.
    pub fn articles_read(&self) -> usize {
        self.articles_read
    }

    /// Reads one article. `tagger` decides what the registry already knows:
    /// a name that resolves to a registry actor, or that overlaps a mention
    /// the tagger accepts in this article, is never suggested.
    pub fn add_article(&mut self, tagger: &Tagger, path: &str, title: &str, body: &str) {
        let article = self.articles_read;
        self.articles_read += 1;
        let known: Vec<String> = tagger
            .mentions(title, body)
            .iter()
            .map(|m| fold(&m.label))
            .collect();
        for part in [title, body] {
            for range in split_sentences(part) {
                let sentence = &part[range];
                let found = scan(sentence);
                if found.is_empty() {
                    continue;
                }
                let raw: Vec<String> = tagger
                    .raw_matches(sentence)
                    .into_iter()
                    .map(|m| format!(" {} ", fold(m)))
                    .collect();
                for f in found {
                    let bare = format!(" {} ", fold(&f.bare));
                    // Part of a registry name matched here ("18th Street
                    // gang", "Nayib Bukele Ortez"): known.
                    if raw.iter().any(|r| r.contains(&bare)) || is_known(tagger, &f, &known) {
                        continue;
                    }
                    let group = self
                        .groups
                        .entry((f.kind, fold(&f.name)))
                        .or_insert_with(|| Group {
                            name: f.name.clone(),
                            example: trim_sentence(&f.sentence),
                            example_path: path.to_string(),
                            ..Group::default()
                        });
                    *group.roles.entry(f.detail).or_default() += 1;
                    group.articles.insert(article);
                    group.mentions += 1;
                }
            }
        }
    }

    /// Suggestions named in at least `min_articles` articles, most articles
    /// first.
    pub fn finish(self, min_articles: usize) -> Vec<Suggestion> {
        let mut out: Vec<Suggestion> = self
            .groups
            .into_iter()
            .filter(|(_, g)| g.articles.len() >= min_articles.max(1))
            .map(|((kind, _), g)| {
                let mut details: Vec<(String, usize)> = g.roles.into_iter().collect();
                details.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                let details: Vec<String> = details.into_iter().map(|(d, _)| d).collect();
                let (roles, phrases) = match kind {
                    ActorKind::Official => (details, Vec::new()),
                    ActorKind::Gang => (Vec::new(), details),
                };
                Suggestion {
                    kind,
                    name: g.name,
                    roles,
                    phrases,
                    articles: g.articles.len(),
                    mentions: g.mentions,
                    example: g.example,
                    example_path: g.example_path,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| b.mentions.cmp(&a.mentions))
                .then_with(|| a.kind.cmp(&b.kind))
                .then_with(|| a.name.cmp(&b.name))
        });
        out
    }
}

/// Reads every article stored in `index`, with the tagger of the registry
/// that built it.
pub fn from_index(
    index: &crate::index::OpenIndex,
) -> Result<Suggester, super::explore::ExploreError> {
    use tantivy::collector::DocSetCollector;
    use tantivy::query::AllQuery;
    let tagger = index.tagger()?;
    let reader = index.index.reader()?;
    let searcher = reader.searcher();
    let mut addresses: Vec<_> = searcher
        .search(&AllQuery, &DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort();
    let mut suggester = Suggester::new();
    for address in addresses {
        let article = crate::index::IndexedArticle::load(&searcher, address, &index.fields)?;
        suggester.add_article(tagger, &article.path, &article.title, &article.body);
    }
    Ok(suggester)
}

/// Whether the registry already knows what `f` names.
fn is_known(tagger: &Tagger, f: &Found, known_here: &[String]) -> bool {
    let folded = fold(&f.name);
    let tags = tagger.tag("", &f.name);
    let phrase_tags = tagger.tag("", &f.detail);
    match f.kind {
        ActorKind::Official => {
            tagger.resolve_official(&f.name).is_some()
                || !tags.officials.is_empty()
                || known_here
                    .iter()
                    .any(|k| k.contains(&folded) || folded.contains(k.as_str()))
                // "President Bukele Ortez": a known surname of an official
                // the article names.
                || folded.split(' ').any(|w| {
                    known_here
                        .iter()
                        .any(|k| k.split(' ').skip(1).any(|kw| kw == w))
                })
        }
        ActorKind::Gang => {
            let bare = fold(&f.bare);
            tagger.resolve_gang(&f.name).is_some()
                || tagger.resolve_gang(&f.bare).is_some()
                || !tags.gangs.is_empty()
                || !phrase_tags.gangs.is_empty()
                || !tagger.tag("", &f.bare).gangs.is_empty()
                || known_here.iter().any(|k| k.contains(&bare))
        }
    }
}

/// Escapes `text` as a TOML basic string, quotes included.
pub fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') =>
            {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The suggestions as TOML entries ready to paste into `officials.toml` and
/// `gangs.toml`, each commented with its counts and example sentence.
pub fn to_toml(suggestions: &[Suggestion]) -> String {
    let mut out = String::new();
    for kind in [ActorKind::Official, ActorKind::Gang] {
        let list: Vec<&Suggestion> = suggestions.iter().filter(|s| s.kind == kind).collect();
        if list.is_empty() {
            continue;
        }
        let file = match kind {
            ActorKind::Official => "officials.toml",
            ActorKind::Gang => "gangs.toml",
        };
        out.push_str(&format!(
            "# ---- for index-schema/{file}: review each entry before pasting ----\n\n"
        ));
        for s in list {
            let how = match kind {
                ActorKind::Official => format!("as {}", s.roles.join(" / ")),
                ActorKind::Gang => format!("as {}", s.phrases.join(" / ")),
            };
            out.push_str(&format!(
                "# {} article{}, {} mention{}, {}\n",
                s.articles,
                if s.articles == 1 { "" } else { "s" },
                s.mentions,
                if s.mentions == 1 { "" } else { "s" },
                comment_text(&how)
            ));
            out.push_str(&format!(
                "# e.g. \"{}\" ({})\n",
                comment_text(&s.example),
                comment_text(&s.example_path)
            ));
            match kind {
                ActorKind::Official => {
                    out.push_str("[[official]]\n");
                    out.push_str(&format!("name = {}\n", toml_string(&s.name)));
                    if let Some(role) = s.roles.first() {
                        out.push_str(&format!("role = {}\n", toml_string(role)));
                    }
                    out.push_str("# country = \"\"\n\n");
                }
                ActorKind::Gang => {
                    out.push_str("[[gang]]\n");
                    out.push_str(&format!("name = {}\n", toml_string(&s.name)));
                    let aliases: Vec<String> = s
                        .phrases
                        .iter()
                        .filter(|p| fold(p) != fold(&s.name))
                        .map(|p| toml_string(p))
                        .collect();
                    out.push_str(&format!("aliases = [{}]\n", aliases.join(", ")));
                    out.push_str("# countries = []\n\n");
                }
            }
        }
    }
    out
}

/// `text` on one line, safe inside a TOML comment.
fn comment_text(text: &str) -> String {
    crate::output::sanitize(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Schema;

    fn names(sentence: &str) -> Vec<(ActorKind, String, String)> {
        scan(sentence)
            .into_iter()
            .map(|f| (f.kind, f.name, f.detail))
            .collect()
    }

    #[test]
    fn finds_role_named_people_in_english_and_spanish() {
        assert_eq!(
            names("Attorney General Jeff Sessions said so."),
            vec![(
                ActorKind::Official,
                "Jeff Sessions".into(),
                "Attorney General".into()
            )]
        );
        assert_eq!(
            names("Lo dijo el ministro de Seguridad, Óscar Humberto Pérez Ruiz, ayer."),
            vec![(
                ActorKind::Official,
                "Óscar Humberto Pérez Ruiz".into(),
                "Ministro de Seguridad".into()
            )]
        );
        assert_eq!(
            names("Vice President Félix Ulloa's office"),
            vec![(
                ActorKind::Official,
                "Félix Ulloa".into(),
                "Vice President".into()
            )]
        );
        // One word, or a lowercase word right after the role: no name.
        assert!(names("President Trump spoke.").is_empty());
        assert!(names("el presidente de la República").is_empty());
    }

    #[test]
    fn finds_groups_named_as_gangs_or_cartels() {
        assert_eq!(
            names("la pandilla Los Trinitarios y el cártel de Santa Fe"),
            vec![
                (
                    ActorKind::Gang,
                    "Los Trinitarios".into(),
                    "pandilla Los Trinitarios".into()
                ),
                (
                    ActorKind::Gang,
                    "Cártel de Santa Fe".into(),
                    "cártel de Santa Fe".into()
                )
            ]
        );
        assert_eq!(
            names("Police blamed the Bloods gang and the Noreste Azul cartel."),
            vec![
                (ActorKind::Gang, "Bloods gang".into(), "Bloods gang".into()),
                (
                    ActorKind::Gang,
                    "Noreste Azul Cartel".into(),
                    "Noreste Azul cartel".into()
                )
            ]
        );
        assert!(names("Rival gangs fought.").is_empty());
        assert!(names("For the 18th Street gang, it was over.").is_empty());
        assert!(names("Gang members fled.").is_empty());
    }

    #[test]
    fn registry_actors_are_never_suggested() {
        let tagger = Tagger::new(&Schema::embedded().expect("schema")).expect("tagger");
        let mut s = Suggester::new();
        s.add_article(
            &tagger,
            "a.txt",
            "",
            "El presidente Nayib Bukele Ortez habló. Attorney General Raúl Melara agreed. \
             El cártel de Sinaloa y la pandilla Barrio 18 y the Sinaloa cartel. \
             El alcalde Ernesto Muyshondt Gómez calló.",
        );
        let found = s.finish(1);
        let names: Vec<&str> = found.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["Ernesto Muyshondt Gómez"]);
        let toml = to_toml(&found);
        assert!(
            toml.contains("[[official]]\nname = \"Ernesto Muyshondt Gómez\"\nrole = \"Alcalde\"")
        );
        let parsed: toml::Table = toml::from_str(&toml).expect("valid TOML");
        assert!(parsed.contains_key("official"));
    }
}
