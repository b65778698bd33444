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
}

impl OfficialNames {
    /// The table of `schema`'s officials.
    pub fn new(schema: &Schema) -> Self {
        let officials = schema.officials();
        let mut lookup = HashMap::new();
        let mut surname_owners: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, official) in officials.iter().enumerate() {
            let names = std::iter::once(&official.name)
                .chain(&official.aliases)
                .chain(&official.titled);
            for name in names {
                lookup.entry(fold(name)).or_insert(i);
            }
            for surname in &official.surnames {
                surname_owners.entry(fold(surname)).or_default().push(i);
            }
        }
        // A surname typed as a filter resolves only when one official has it.
        for (surname, owners) in surname_owners {
            if let [only] = owners.as_slice() {
                lookup.entry(surname).or_insert(*only);
            }
        }
        OfficialNames {
            lookup,
            names: officials.iter().map(|o| o.name.clone()).collect(),
        }
    }

    /// The canonical name of the official `name` stands for.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        self.lookup
            .get(&fold(name.trim()))
            .map(|&i| self.names[i].as_str())
    }

    /// Every official's canonical name, in registry order.
    pub fn names(&self) -> &[String] {
        &self.names
    }
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
        assert_eq!(officials.resolve("Mena"), Some("Rosa Mena"));
        assert_eq!(officials.resolve("luis pérez"), Some("Luis Pérez"));
    }
}
