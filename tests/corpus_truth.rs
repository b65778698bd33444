//! The sample corpus against its hand-written ground truth
//! (`tests/fixtures/truth/`): titles, dates, body boundaries and actors.
//!
//! Truth over coverage: a wrong date or a wrong actor fails the test at once;
//! misses are allowed only up to a floor, and the rates are printed
//! (`cargo test --test corpus_truth -- --nocapture`).

mod common;

use std::collections::BTreeSet;

use common::{root, truth};
use dossier::actors::Tagger;
use dossier::fold::fold;
use dossier::normalize::normalize;
use dossier::schema::Schema;

#[test]
fn sample_corpus_matches_its_ground_truth() {
    let schema = Schema::embedded().unwrap();
    let tagger = Tagger::new(&schema).unwrap();
    let gang_names: BTreeSet<&str> = schema.gangs().iter().map(|g| g.name.as_str()).collect();
    let official_names: BTreeSet<&str> =
        schema.officials().iter().map(|o| o.name.as_str()).collect();

    let mut problems = Vec::new();
    let (mut dated, mut dates_found) = (0, 0);
    let (mut tp, mut fp, mut fn_) = ([0usize; 2], [0usize; 2], [0usize; 2]);
    let articles = truth();
    for t in &articles {
        let path = root().join("corpus-sample").join(&t.path);
        let bytes = std::fs::read(&path).unwrap();
        let article = match normalize(&bytes, &path, schema.furniture()) {
            Ok(a) => a,
            Err(e) => {
                problems.push(format!("{}: {e}", t.path));
                continue;
            }
        };
        if article.title != t.title {
            problems.push(format!(
                "{}: title {:?}, expected {:?}",
                t.path, article.title, t.title
            ));
        }
        if article.language != t.language {
            problems.push(format!(
                "{}: language {}, expected {}",
                t.path, article.language, t.language
            ));
        }
        let got_date = article.date.map(|d| d.to_string());
        match (&t.date, &got_date) {
            (Some(want), Some(got)) if want == got => {
                dated += 1;
                dates_found += 1;
            }
            (Some(_), None) => dated += 1,
            (_, Some(got)) => problems.push(format!(
                "{}: WRONG date {got} (from {:?}), expected {:?}",
                t.path, article.date_source, t.date
            )),
            (None, None) => {}
        }
        let body = fold(&article.body);
        if let Some(first) = &t.first_words {
            if !body.starts_with(&fold(first)) {
                problems.push(format!(
                    "{}: body starts {:?}",
                    t.path,
                    &article.body[..80.min(article.body.len())]
                ));
            }
        }
        if let Some(last) = &t.last_words {
            if !body.trim_end().ends_with(fold(last).trim_end()) {
                let tail: String = article
                    .body
                    .chars()
                    .rev()
                    .take(80)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                problems.push(format!("{}: body ends {tail:?}", t.path));
            }
        }

        // Actors, restricted to the registry. The truth lists a faction by
        // its own name and its parent only when named alone; dossier drops a
        // parent whose faction is tagged, so compare leaves.
        let tags = tagger.tag(&article.title, &article.body);
        let got_gangs: BTreeSet<String> = tags
            .gangs
            .iter()
            .map(|g| g.rsplit('/').next().unwrap().to_string())
            .collect();
        let want_gangs: BTreeSet<String> =
            t.gangs
                .iter()
                .filter(|g| gang_names.contains(g.as_str()))
                .filter(|g| {
                    !schema.gangs().iter().any(|c| {
                        c.parent.as_deref() == Some(g.as_str()) && t.gangs.contains(&c.name)
                    })
                })
                .cloned()
                .collect();
        let got_officials: BTreeSet<String> = tags.officials.into_iter().collect();
        let want_officials: BTreeSet<String> = t
            .officials
            .iter()
            .filter(|o| official_names.contains(o.as_str()))
            .cloned()
            .collect();
        for (kind, got, want, all_named) in [
            (0, &got_gangs, &want_gangs, &t.gangs),
            (1, &got_officials, &want_officials, &t.officials),
        ] {
            for g in got.difference(want) {
                // A parent named alone is in the truth but not in `want`.
                if all_named.contains(g) {
                    continue;
                }
                fp[kind] += 1;
                problems.push(format!("{}: WRONG actor tag {g}", t.path));
            }
            fn_[kind] += want.difference(got).count();
            tp[kind] += want.intersection(got).count();
        }
    }
    let rate = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    println!("articles: {}", articles.len());
    println!(
        "dates found: {dates_found}/{dated} ({:.2})",
        rate(dates_found, dated)
    );
    for (i, kind) in ["gangs", "officials"].iter().enumerate() {
        println!(
            "{kind}: precision {:.3} recall {:.3}",
            rate(tp[i], tp[i] + fp[i]),
            rate(tp[i], tp[i] + fn_[i])
        );
    }
    let wrong: Vec<&String> = problems.iter().filter(|p| p.contains("WRONG")).collect();
    assert!(wrong.is_empty(), "factual errors: {wrong:#?}");
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        rate(dates_found, dated) >= 0.85,
        "date recall {dates_found}/{dated}"
    );
    for i in 0..2 {
        assert!(rate(tp[i], tp[i] + fn_[i]) >= 0.95, "actor recall too low");
    }
}
