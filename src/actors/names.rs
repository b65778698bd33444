//! The names a reporter types for an actor (`--gang`, `--official`,
//! `gang:` and `official:` in a query), resolved to the registry's labels.
//!
//! Resolving needs one gazetteer's table of folded names, not the tagger's
//! patterns for both: a search with `--gang MS13` builds the gangs' table
//! alone, and the officials' gazetteer, twice the size, is never parsed.
//! The [`Tagger`](super::Tagger) resolves through the same tables.

use std::collections::HashMap;

use crate::fold::fold;
use crate::schema::Schema;

/// Gang names and aliases, folded, to their labels.
#[derive(Debug, Clone)]
pub struct GangNames {
    /// Folded name, alias or label path → gang index.
    lookup: HashMap<String, usize>,
    /// Each gang's label (`Barrio 18/Sureños`), in registry order.
    labels: Vec<String>,
}

impl GangNames {
    /// The table of `schema`'s gangs.
    pub fn new(schema: &Schema) -> Self {
        let gangs = schema.gangs();
        let mut lookup = HashMap::new();
        for (i, gang) in gangs.iter().enumerate() {
            let names = std::iter::once(&gang.name)
                .chain(&gang.aliases)
                .chain(&gang.context_aliases);
            for name in names {
                lookup.entry(fold(name)).or_insert(i);
            }
        }
        let labels: Vec<String> = gangs.iter().map(|g| schema.gang_label(&g.name)).collect();
        // The label path lets a reporter type `--gang "Barrio 18/Sureños"`.
        for (i, label) in labels.iter().enumerate() {
            lookup.entry(fold(label)).or_insert(i);
        }
        GangNames { lookup, labels }
    }

    /// The label of the gang `name` stands for.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        self.lookup
            .get(&fold(name.trim()))
            .map(|&i| self.labels[i].as_str())
    }

    /// Every gang's label, in registry order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }
}

/// Official names, aliases and unshared surnames, folded, to canonical
/// names.
#[derive(Debug, Clone)]
pub struct OfficialNames {
    /// Folded name, alias or surname → official index.
    lookup: HashMap<String, usize>,
    /// Each official's canonical name, in registry order.
    names: Vec<String>,
    /// Each official's names and aliases, as written and as folded words,
    /// in registry order.
    forms: Vec<Vec<(String, Vec<String>)>>,
}

impl OfficialNames {
    /// The table of `schema`'s officials.
    pub fn new(schema: &Schema) -> Self {
        let officials = schema.officials();
        let mut lookup = HashMap::new();
        let mut surname_owners: HashMap<String, Vec<usize>> = HashMap::new();
        let mut forms = Vec::with_capacity(officials.len());
        for (i, official) in officials.iter().enumerate() {
            let names = std::iter::once(&official.name)
                .chain(&official.aliases)
                .chain(&official.titled);
            let mut own = Vec::new();
            for name in names {
                let folded = fold(name);
                own.push((name.clone(), words(&folded)));
                lookup.entry(folded).or_insert(i);
            }
            forms.push(own);
            for surname in &official.surnames {
                surname_owners.entry(fold(surname)).or_default().push(i);
            }
        }
        let mut table = OfficialNames {
            lookup: HashMap::new(),
            names: officials.iter().map(|o| o.name.clone()).collect(),
            forms,
        };
        // A surname typed as a filter resolves only when one official has
        // it and no other official's name holds it: `--official luna` is
        // Osiris Luna's declared surname, but a reporter typing it may mean
        // Genaro García Luna, and a filter that silently picked one would
        // count the wrong man's articles.
        for (surname, owners) in surname_owners {
            if let [only] = owners.as_slice() {
                if table.bearers(&surname).iter().all(|&i| i == *only) {
                    lookup.entry(surname).or_insert(*only);
                }
            }
        }
        table.lookup = lookup;
        table
    }

    /// The canonical name of the official `name` stands for.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        self.lookup
            .get(&fold(name.trim()))
            .map(|&i| self.names[i].as_str())
    }

    /// The officials whose name or alias holds `name` as whole words
    /// (`luna` → Osiris Luna, Genaro García Luna): what a name that does
    /// not [`resolve`](Self::resolve) may mean. Each is its canonical name,
    /// followed by the alias that holds `name` when the canonical name does
    /// not (`Rafael Correa (Rafael Correa Delgado)`).
    pub fn bearing(&self, name: &str) -> Vec<String> {
        let wanted = words(&fold(name.trim()));
        self.bearers(&fold(name.trim()))
            .into_iter()
            .map(|i| {
                let canonical = &self.names[i];
                match self.forms[i].iter().find(|(_, w)| holds(w, &wanted)) {
                    Some((written, _)) if written != canonical => {
                        format!("{canonical} ({written})")
                    }
                    _ => canonical.clone(),
                }
            })
            .collect()
    }

    /// The indexes of the officials whose name or alias holds the folded
    /// `name` as whole words, in registry order.
    fn bearers(&self, folded: &str) -> Vec<usize> {
        let wanted = words(folded);
        if wanted.is_empty() {
            return Vec::new();
        }
        (0..self.forms.len())
            .filter(|&i| self.forms[i].iter().any(|(_, form)| holds(form, &wanted)))
            .collect()
    }

    /// Every official's canonical name, in registry order.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// Whether the words `form` hold the words `wanted`, one after another.
fn holds(form: &[String], wanted: &[String]) -> bool {
    !wanted.is_empty() && form.windows(wanted.len()).any(|w| w == wanted)
}

/// The words of a folded name (`garcia luna` → `garcia`, `luna`), as the
/// tagger splits an alias.
fn words(folded: &str) -> Vec<String> {
    super::alias_words(folded).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::SchemaSources;

    #[test]
    fn names_aliases_and_label_paths_resolve_to_labels() {
        let schema = Schema::embedded().unwrap();
        let gangs = GangNames::new(&schema);
        assert_eq!(gangs.resolve("mara salvatrucha"), Some("MS13"));
        assert_eq!(gangs.resolve(" MS-13 "), Some("MS13"));
        assert_eq!(
            gangs.resolve("barrio 18/surenos"),
            Some("Barrio 18/Sureños")
        );
        assert_eq!(gangs.resolve("Los Nadie"), None);
        assert!(gangs.labels().iter().any(|l| l == "Barrio 18/Sureños"));
        let officials = OfficialNames::new(&schema);
        assert_eq!(officials.resolve("OSIRIS LUNA"), Some("Osiris Luna"));
        assert_eq!(officials.resolve("marroquin"), Some("Carlos Marroquín"));
        assert!(officials.names().iter().any(|n| n == "Nayib Bukele"));
    }

    #[test]
    fn a_surname_two_officials_share_resolves_to_neither() {
        let mut sources = SchemaSources::embedded();
        sources.officials = r#"
[[official]]
name = "Ana Pérez"
role = "judge"
country = "SV"
surnames = ["Pérez"]

[[official]]
name = "Luis Pérez"
role = "minister"
country = "SV"
surnames = ["Pérez"]

[[official]]
name = "Rosa Mena"
role = "prosecutor"
country = "SV"
surnames = ["Mena"]
"#
        .to_string();
        let schema = Schema::parse(sources).unwrap();
        let officials = OfficialNames::new(&schema);
        assert_eq!(officials.resolve("perez"), None);
        assert_eq!(officials.bearing("perez"), ["Ana Pérez", "Luis Pérez"]);
        assert_eq!(officials.resolve("Mena"), Some("Rosa Mena"));
        assert_eq!(officials.resolve("luis pérez"), Some("Luis Pérez"));
    }

    #[test]
    fn a_surname_inside_another_officials_name_resolves_to_neither() {
        let schema = Schema::embedded().unwrap();
        let officials = OfficialNames::new(&schema);
        // Osiris Luna declares the surname "Luna"; Genaro García Luna bears
        // it inside his own.
        assert_eq!(officials.resolve("luna"), None);
        assert_eq!(
            officials.bearing("Luna"),
            ["Osiris Luna", "Genaro García Luna"]
        );
        assert_eq!(officials.resolve("osiris luna"), Some("Osiris Luna"));
        assert_eq!(officials.resolve("garcia luna"), Some("Genaro García Luna"));
        let delgado = officials.bearing("delgado");
        assert!(
            delgado.contains(&"Rafael Correa (Rafael Correa Delgado)".to_string()),
            "{delgado:?}"
        );
        // A surname no other name holds still resolves alone.
        assert_eq!(officials.resolve("marroquin"), Some("Carlos Marroquín"));
        assert!(officials.bearing("nobody").is_empty());
    }
}
