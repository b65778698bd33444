//! Registry names typed in a query are matched as written, not stemmed.
//!
//! A query's words are stemmed so `pandilla` finds `pandillas`. For a
//! person's name that is a precision error: the Spanish stemmer turns both
//! `luna` and `lunes` (Monday) into `lun`, so `Osiris Luna` matched and
//! highlighted every Monday of an article that named Osiris once. When
//! words typed one after another spell a name of the registry (an
//! official's name or alias, a gang's name or plain alias, in two words or
//! more), those words are marked [`exact`](Node::Term): they are looked up
//! in the folded fields only (accents and case still do not matter) and
//! are highlighted the same way. A word typed alone is matched as written
//! only when it is capitalised and is an official's surname (`Luna`,
//! `Marroquín`): the gazetteer's own test for a surname in an article, so
//! `Luna` no longer finds every Monday. Lowercase, it keeps its stemmed
//! forms (`luna` may be the moon), and other words always do (`maras` is
//! the plural a reporter wants).

use std::collections::{HashMap, HashSet};

use super::query::{Node, Scope};
use crate::fold::fold;
use crate::schema::Schema;

/// The registry's names of two words or more that a query may spell, as
/// folded words.
#[derive(Debug, Default)]
struct RegistryNames {
    /// First folded word → the names that start with it.
    by_first: HashMap<String, Vec<Vec<String>>>,
}

impl RegistryNames {
    /// The multi-word names of `schema`'s gangs and officials whose first
    /// word is one of `first_words` (folded). Reading the whole registry
    /// took a search process 0.8 ms (parsing) and a third of a millisecond
    /// (analyzing every name), as much as the rest of a small search.
    fn starting_with(schema: &Schema, first_words: &HashSet<String>) -> Self {
        // Only the gazetteer entries that hold one of the words are parsed.
        let words: Vec<&str> = first_words.iter().map(String::as_str).collect();
        let gangs = schema.gangs_holding(&words);
        let officials = schema.officials_holding(&words);
        // Not the context aliases: they are names only beside another
        // (`La Familia`, `The Office`), and a query cannot tell.
        let gang_names = gangs
            .iter()
            .flat_map(|g| std::iter::once(&g.name).chain(&g.aliases));
        let official_names = officials
            .iter()
            .flat_map(|o| std::iter::once(&o.name).chain(&o.aliases));
        let mut names = RegistryNames::default();
        for name in gang_names.chain(official_names) {
            if !starts_with_one_of(name, first_words) {
                continue;
            }
            let words = folded_words(name);
            if words.len() < 2 {
                continue;
            }
            let starting = names.by_first.entry(words[0].clone()).or_default();
            if !starting.contains(&words) {
                starting.push(words);
            }
        }
        names
    }

    /// True if `words` is one of the names.
    fn contains(&self, words: &[String]) -> bool {
        words.first().is_some_and(|first| {
            self.by_first
                .get(first)
                .is_some_and(|names| names.iter().any(|n| n == words))
        })
    }
}

/// Marks as exact every run of words, typed one after another in one AND,
/// that spells a name of `schema`'s registry (the longest from each word
/// on), and every other capitalised word that is an official's surname.
///
/// Returns the names found, each as the columns of its words in the
/// query: the highlighter marks a name where its words stand together,
/// not each word wherever it is ("Barrio 18" typed bare is no reason to
/// mark a date's "18" or a lowercase "barrio").
pub fn mark_names(root: &mut Node, schema: &Schema) -> Vec<Vec<usize>> {
    let mut found = Vec::new();
    if may_hold_a_name(root) {
        let mut first_words = HashSet::new();
        plain_words(root, &mut first_words);
        let names = RegistryNames::starting_with(schema, &first_words);
        if !names.by_first.is_empty() {
            mark(root, &names, &mut found);
        }
    }
    mark_surnames(root, schema);
    found
}

/// Marks as exact each capitalised word, not yet marked, that is an
/// official's surname.
fn mark_surnames(root: &mut Node, schema: &Schema) {
    let mut capitalised = HashSet::new();
    root.leaves_mut(&mut |leaf| capitalised.extend(capitalised_word(leaf)));
    if capitalised.is_empty() {
        return;
    }
    let words: Vec<&str> = capitalised.iter().map(String::as_str).collect();
    let surnames: HashSet<String> = schema
        .officials_holding(&words)
        .iter()
        .flat_map(|o| &o.surnames)
        .map(|surname| fold(surname))
        .filter(|surname| capitalised.contains(surname))
        .collect();
    if !surnames.is_empty() {
        mark_capitalised(root, &surnames);
    }
}

/// A default-scope word, not marked exact, that starts with a capital and
/// is one folded token: its folded form.
fn capitalised_word(node: &Node) -> Option<String> {
    let Node::Term {
        scope: Scope::Default,
        word,
        exact: false,
        ..
    } = node
    else {
        return None;
    };
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    match folded_words(word).as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

fn mark_capitalised(root: &mut Node, surnames: &HashSet<String>) {
    root.leaves_mut(&mut |leaf| {
        if capitalised_word(leaf).is_some_and(|w| surnames.contains(&w)) {
            if let Node::Term { exact, .. } = leaf {
                *exact = true;
            }
        }
    });
}

/// True if `root` has words typed one after another (two default-scope
/// words in one AND), the only place a name of several words can be: a
/// query without them, or capitals, needs no registry at all.
fn may_hold_a_name(root: &Node) -> bool {
    match root {
        Node::And(children) => {
            children
                .windows(2)
                .any(|pair| pair.iter().all(is_plain_word))
                || children.iter().any(may_hold_a_name)
        }
        Node::Or(children) => children.iter().any(may_hold_a_name),
        Node::Not(inner) => may_hold_a_name(inner),
        _ => false,
    }
}

/// The folded words of every default-scope word of `node`.
fn plain_words(node: &Node, out: &mut HashSet<String>) {
    match node {
        Node::Term {
            scope: Scope::Default,
            word,
            ..
        } => out.extend(folded_words(word)),
        Node::And(children) | Node::Or(children) => {
            for child in children {
                plain_words(child, out);
            }
        }
        Node::Not(inner) => plain_words(inner, out),
        _ => {}
    }
}

fn mark(node: &mut Node, names: &RegistryNames, found: &mut Vec<Vec<usize>>) {
    match node {
        Node::And(children) => {
            mark_runs(children, names, found);
            for child in children.iter_mut() {
                mark(child, names, found);
            }
        }
        Node::Or(children) => {
            for child in children.iter_mut() {
                mark(child, names, found);
            }
        }
        Node::Not(inner) => mark(inner, names, found),
        _ => {}
    }
}

fn is_plain_word(node: &Node) -> bool {
    matches!(
        node,
        Node::Term {
            scope: Scope::Default,
            ..
        }
    )
}

/// Marks the names among consecutive plain words of `children`. A name
/// starts at a word's first folded token and ends at a word's last, so a
/// word is never split between a name and what follows (`MS-13` is one
/// word of two tokens). Each name's word columns go to `found`.
fn mark_runs(children: &mut [Node], names: &RegistryNames, found: &mut Vec<Vec<usize>>) {
    let words: Vec<Option<Vec<String>>> = children
        .iter()
        .map(|child| match child {
            Node::Term {
                scope: Scope::Default,
                word,
                ..
            } => Some(folded_words(word)),
            _ => None,
        })
        .collect();
    let mut start = 0;
    while start < children.len() {
        let mut tokens: Vec<String> = Vec::new();
        let mut name_end = None;
        for (end, word) in words.iter().enumerate().skip(start) {
            let Some(word) = word else { break };
            tokens.extend(word.iter().cloned());
            if tokens.len() >= 2 && names.contains(&tokens) {
                name_end = Some(end);
            }
        }
        match name_end {
            Some(end) => {
                let mut columns = Vec::with_capacity(end + 1 - start);
                for child in &mut children[start..=end] {
                    if let Node::Term { exact, column, .. } = child {
                        *exact = true;
                        columns.push(*column);
                    }
                }
                found.push(columns);
                start = end + 1;
            }
            None => start += 1,
        }
    }
}

/// True if `name`'s first word, folded, is one of `words`. Most names
/// start with an ASCII word, compared without folding the name.
fn starts_with_one_of(name: &str, words: &HashSet<String>) -> bool {
    let Some(first) = name.split(is_separator).find(|w| !w.is_empty()) else {
        return false;
    };
    if first.is_ascii() {
        words.iter().any(|w| w.eq_ignore_ascii_case(first))
    } else {
        words.contains(&fold(first))
    }
}

/// `text`'s words as the folded fields index them: folded, split where a
/// character is not a letter or digit (tantivy's `SimpleTokenizer`; a unit
/// test holds the two equal on every registry name).
fn folded_words(text: &str) -> Vec<String> {
    fold(text)
        .split(is_separator)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_separator(c: char) -> bool {
    !c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    /// The words of `query` marked exact once the embedded registry's names
    /// are marked.
    fn exact_words(query: &str) -> Vec<String> {
        let schema = Schema::embedded().unwrap();
        let mut root = parse(query).unwrap().root.unwrap();
        mark_names(&mut root, &schema);
        let mut out = Vec::new();
        collect_exact(&root, &mut out);
        out
    }

    fn collect_exact(node: &Node, out: &mut Vec<String>) {
        match node {
            Node::Term {
                word, exact: true, ..
            } => out.push(word.clone()),
            Node::And(children) | Node::Or(children) => {
                for child in children {
                    collect_exact(child, out);
                }
            }
            Node::Not(inner) => collect_exact(inner, out),
            _ => {}
        }
    }

    #[test]
    fn words_typed_as_a_registry_name_are_exact() {
        assert_eq!(exact_words("Osiris Luna"), ["Osiris", "Luna"]);
        assert_eq!(exact_words("cárceles OSIRIS luna"), ["OSIRIS", "luna"]);
        // An alias, and the longest name from a word on.
        assert_eq!(
            exact_words("Osiris Luna Meza prisons"),
            ["Osiris", "Luna", "Meza"]
        );
        assert_eq!(exact_words("Mara Salvatrucha"), ["Mara", "Salvatrucha"]);
        assert_eq!(
            exact_words("Nayib Bukele (tregua OR Carlos Marroquín)"),
            ["Nayib", "Bukele", "Carlos", "Marroquín"]
        );
        assert_eq!(exact_words("-x Carlos Marroquín"), ["Carlos", "Marroquín"]);
    }

    #[test]
    fn other_words_keep_their_stemmed_forms() {
        // A word alone, a name out of order, words split by OR, a field,
        // NOT or a phrase between them.
        for query in [
            "luna",
            "luna osiris",
            "osiris OR luna",
            "title:Osiris title:Luna",
            "osiris -luna",
            "osiris \"prisons\" luna",
            "osiris prisons luna",
            // A gang's context alias: a name only beside the gang's own.
            "la familia",
            "The Office",
        ] {
            assert!(exact_words(query).is_empty(), "{query}");
        }
    }

    #[test]
    fn a_capitalised_surname_alone_is_exact() {
        assert_eq!(exact_words("Luna"), ["Luna"]);
        assert_eq!(exact_words("cárceles Luna"), ["Luna"]);
        assert_eq!(exact_words("Osiris OR Luna"), ["Luna"]);
        assert_eq!(exact_words("Osiris -Luna"), ["Luna"]);
        assert_eq!(exact_words("Luna Osiris"), ["Luna"]);
        assert_eq!(exact_words("LUNA tregua"), ["LUNA"]);
        assert_eq!(exact_words("Marroquin"), ["Marroquin"]);
        // Capitalised words that are not surnames: a first name, a word of
        // a gang's name, a common word.
        for query in [
            "Osiris",
            "Salvatrucha",
            "Barrio",
            "Extortion prison",
            "Pandillas",
        ] {
            assert!(exact_words(query).is_empty(), "{query}");
        }
    }

    #[test]
    fn registry_names_split_into_the_words_the_index_holds() {
        let schema = Schema::embedded().unwrap();
        let mut analyzer = crate::index::analyzers::analyzer("folded").unwrap();
        let names = schema
            .gangs()
            .iter()
            .flat_map(|g| std::iter::once(&g.name).chain(&g.aliases))
            .chain(
                schema
                    .officials()
                    .iter()
                    .flat_map(|o| std::iter::once(&o.name).chain(&o.aliases)),
            );
        let mut checked = 0;
        for name in names.chain([&"Ñandú O'Brien-Muñoz".to_string()]) {
            let mut stream = analyzer.token_stream(name);
            let mut indexed = Vec::new();
            while let Some(token) = stream.next() {
                indexed.push(token.text.clone());
            }
            assert_eq!(folded_words(name), indexed, "{name}");
            checked += 1;
        }
        assert!(checked > 500, "{checked}");
    }

    #[test]
    fn only_queries_with_consecutive_words_need_the_registry() {
        let has = |q: &str| may_hold_a_name(&parse(q).unwrap().root.unwrap());
        assert!(has("Osiris Luna"));
        assert!(has("a OR (b c)"));
        assert!(!has("luna"));
        assert!(!has("a OR b"));
        assert!(!has("a -b \"c d\""));
    }
}
