//! Near-duplicate grouping (issue 6): precision and recall on a labelled
//! set of republished copies and hard non-duplicates
//! (`tests/fixtures/dedup/stories.toml`), and "one story shown once" end
//! to end.
//!
//! `cargo test --test dedup -- --nocapture` prints the measurement for a
//! range of thresholds.

mod common;

use std::fs;

use common::{build_index, dossier, json_of, root};
use dossier::dedup::{Signature, THRESHOLD};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Story {
    id: String,
    title: String,
    body: String,
}

#[derive(Debug, Deserialize)]
struct Other {
    of: String,
    title: String,
    body: String,
}

#[derive(Debug, Deserialize)]
struct Fixture {
    story: Vec<Story>,
    other: Vec<Other>,
}

/// One article of the labelled set: which story it tells.
#[derive(Debug, Clone)]
struct Labelled {
    name: String,
    story: String,
    title: String,
    body: String,
}

fn fixture() -> Fixture {
    let text = fs::read_to_string(root().join("tests/fixtures/dedup/stories.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

fn paragraphs(body: &str) -> Vec<&str> {
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A light copy-edit: every 17th word changed, as an editor changes
/// "said" to "told reporters" or a number to words.
fn copy_edit(body: &str) -> String {
    let mut n = 0;
    body.split(' ')
        .map(|w| {
            n += 1;
            if n % 17 == 0 && !w.contains('\n') {
                "reportedly".to_string()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The originals, their republished copies, and the hard non-duplicates.
fn labelled() -> Vec<Labelled> {
    let fixture = fixture();
    let mut out = Vec::new();
    for s in &fixture.story {
        let paras = paragraphs(&s.body);
        let article = |kind: &str, title: String, body: String| Labelled {
            name: format!("{}/{kind}", s.id),
            story: s.id.clone(),
            title,
            body,
        };
        out.push(article("original", s.title.clone(), paras.join("\n\n")));
        // Wire copy: dateline, agency credit, the same text.
        out.push(article(
            "wire",
            s.title.clone(),
            format!(
                "SAN SALVADOR (Wire) — {}\n\nReporting by Ana Ruiz; editing by Tom Lee.",
                paras.join("\n\n")
            ),
        ));
        // Republished under a new headline, cut for length.
        out.push(article(
            "cut",
            format!("{} (updated)", s.title),
            paras[..paras.len() - 1].join("\n\n"),
        ));
        // The same article at another URL, copy-edited, with an update line.
        out.push(article(
            "edited",
            s.title.clone(),
            format!(
                "{}\n\nThis article was updated on Tuesday.",
                copy_edit(&paras.join("\n\n"))
            ),
        ));
    }
    for (i, o) in fixture.other.iter().enumerate() {
        out.push(Labelled {
            name: format!("{}/other-{i}", o.of),
            story: format!("{}-other-{i}", o.of),
            title: o.title.clone(),
            body: o.body.clone(),
        });
    }
    out
}

/// Precision and recall of "same story" over every pair of the set, as
/// search time decides it: a shared band, then estimated similarity at
/// least `threshold`.
fn measure(set: &[Labelled], threshold: f64) -> (f64, f64, usize, usize) {
    let signatures: Vec<Signature> = set
        .iter()
        .map(|a| Signature::of(&a.body).expect("long enough"))
        .collect();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for i in 0..set.len() {
        for j in i + 1..set.len() {
            let shares_band = signatures[i]
                .band_keys()
                .iter()
                .zip(signatures[j].band_keys())
                .any(|(a, b)| *a == b);
            let grouped = shares_band && signatures[i].similarity(&signatures[j]) >= threshold;
            let same = set[i].story == set[j].story;
            match (grouped, same) {
                (true, true) => tp += 1,
                (true, false) => {
                    fp += 1;
                    if (threshold - THRESHOLD).abs() < 1e-9 {
                        eprintln!("false positive: {} ~ {}", set[i].name, set[j].name);
                    }
                }
                (false, true) => {
                    fn_ += 1;
                    if (threshold - THRESHOLD).abs() < 1e-9 {
                        eprintln!("missed: {} ~ {}", set[i].name, set[j].name);
                    }
                }
                (false, false) => {}
            }
        }
    }
    let precision = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    (precision, recall, tp + fn_, tp + fp)
}

#[test]
fn grouping_precision_and_recall_on_the_labelled_set() {
    let set = labelled();
    let pairs = set.len() * (set.len() - 1) / 2;
    eprintln!(
        "{} articles, {} pairs; threshold in use {THRESHOLD}",
        set.len(),
        pairs
    );
    eprintln!("threshold  precision  recall  (true pairs, grouped pairs)");
    for t in [0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8] {
        let (p, r, truth, grouped) = measure(&set, t);
        eprintln!("{t:>9.2}  {p:>9.3}  {r:>6.3}  ({truth}, {grouped})");
    }
    let signatures: Vec<Signature> = set
        .iter()
        .map(|a| Signature::of(&a.body).expect("long enough"))
        .collect();
    let (mut lowest_same, mut highest_other) = (1.0f64, 0.0f64);
    for i in 0..set.len() {
        for j in i + 1..set.len() {
            let s = signatures[i].similarity(&signatures[j]);
            if set[i].story == set[j].story {
                lowest_same = lowest_same.min(s);
            } else {
                highest_other = highest_other.max(s);
            }
        }
    }
    eprintln!(
        "estimated similarity: lowest of a true pair {lowest_same:.3}, highest of a non-duplicate pair {highest_other:.3}"
    );
    let (precision, recall, _, _) = measure(&set, THRESHOLD);
    eprintln!("at {THRESHOLD}: precision {precision:.3}, recall {recall:.3}");
    assert!(precision >= 0.95, "precision {precision}");
    assert!(recall >= 0.95, "recall {recall}");
}

fn html(title: &str, body: &str) -> String {
    let paras: String = paragraphs(body)
        .iter()
        .map(|p| format!("<p>{p}</p>"))
        .collect();
    format!(
        "<html lang=\"en\"><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"
    )
}

/// Saves each article of `articles` as an HTML page in `archive`.
fn write_archive<'a>(archive: &std::path::Path, articles: impl Iterator<Item = &'a Labelled>) {
    for a in articles {
        let path = archive.join(format!("{}.html", a.name.replace('/', "-")));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, html(&a.title, &a.body)).unwrap();
    }
}

/// `dossier search QUERY --format json` with `extra` flags, as JSON.
fn search_json(index: &std::path::Path, query: &str, extra: &[&str]) -> serde_json::Value {
    let out = dossier()
        .args(["search", query, "--format", "json"])
        .args(extra)
        .arg("--index")
        .arg(index)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The index of the labelled CECOT stories (four copies of one story and
/// one other story on the same topic), built under `dir`.
fn cecot_index(dir: &std::path::Path) -> std::path::PathBuf {
    let set = labelled();
    let archive = dir.join("archive");
    write_archive(
        &archive,
        set.iter().filter(|a| a.story.starts_with("cecot")),
    );
    let index = dir.join("index");
    build_index(&archive, &index);
    index
}

#[test]
fn one_story_is_shown_once_with_its_copies() {
    let dir = tempfile::tempdir().unwrap();
    let index = cecot_index(dir.path());
    let search = |extra: &[&str]| {
        search_json(
            &index,
            "Tecoluca OR \"Terrorism Confinement Centre\"",
            extra,
        )
    };
    let collapsed = search(&[]);
    let hits = collapsed["hits"].as_array().unwrap();
    // Four copies of the story, and one different story on the same topic:
    // five matches in two stories, and the count says both.
    assert_eq!(hits.len(), 2, "{collapsed:#}");
    assert_eq!(collapsed["total"], 5, "{collapsed:#}");
    assert_eq!(collapsed["stories"], 2, "{collapsed:#}");
    let story = hits
        .iter()
        .find(|h| !h["path"].as_str().unwrap().contains("other"))
        .unwrap();
    assert_eq!(story["also"].as_array().unwrap().len(), 3, "{story:#}");
    let other = hits
        .iter()
        .find(|h| h["path"].as_str().unwrap().contains("other"))
        .unwrap();
    assert!(other["also"].as_array().unwrap().is_empty());
    let all = search(&["--no-collapse"]);
    assert_eq!(all["hits"].as_array().unwrap().len(), 5);
    assert!(
        all.get("stories").is_none(),
        "every match is a story: {all:#}"
    );
    let out = dossier()
        .args(["search", "Tecoluca OR \"Terrorism Confinement Centre\""])
        .args(["--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("5 matches in 2 stories of"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Streaming shows each story once too.
    let out = dossier()
        .args([
            "search",
            "Tecoluca OR \"Terrorism Confinement Centre\"",
            "--all",
        ])
        .args(["--format", "ndjson", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
    // Text output names the copies.
    let out = dossier()
        .args(["search", "Tecoluca", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("also in: "));
}

#[test]
fn the_page_footer_promises_more_only_when_the_next_page_has_stories() {
    // Copies fold into one story, so the match count overstates the
    // stories: the footer used to send the reader to an empty page.
    let dir = tempfile::tempdir().unwrap();
    let index = cecot_index(dir.path());
    let query = "Tecoluca OR \"Terrorism Confinement Centre\"";
    let footer = |limit: usize, offset: usize| {
        let out = dossier()
            .args(["search", query, "--color", "never"])
            .args([
                "--limit",
                &limit.to_string(),
                "--offset",
                &offset.to_string(),
            ])
            .arg("--index")
            .arg(&index)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().contains("for more")
    };
    let stories = |limit: usize, offset: usize| {
        let (l, o) = (limit.to_string(), offset.to_string());
        search_json(&index, query, &["--limit", &l, "--offset", &o])["hits"]
            .as_array()
            .unwrap()
            .len()
    };
    // Five matches, two stories.
    assert_eq!(stories(10, 0), 2);
    for limit in 1..=3 {
        for offset in 0..3 {
            if stories(limit, offset) == 0 {
                continue;
            }
            assert_eq!(
                footer(limit, offset),
                stories(limit, offset + limit) > 0,
                "--limit {limit} --offset {offset}"
            );
        }
    }
}

/// Every hit of a search over the whole labelled set, each with its
/// near-duplicates: `path -> sorted also`.
fn hits_with_copies(index: &std::path::Path) -> Vec<(String, Vec<String>)> {
    let json = json_of(
        dossier()
            .args([
                "search", "", "--format", "json", "--limit", "1000", "--index",
            ])
            .arg(index),
    );
    let mut hits: Vec<(String, Vec<String>)> = json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let mut also: Vec<String> = h["also"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap().to_string())
                .collect();
            also.sort();
            (h["path"].as_str().unwrap().to_string(), also)
        })
        .collect();
    hits.sort();
    hits
}

/// The story of the labelled article written at `path`.
fn story_of<'a>(set: &'a [Labelled], path: &str) -> &'a str {
    let name = std::path::Path::new(path)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .to_string();
    &set.iter()
        .find(|a| a.name.replace('/', "-") == name)
        .unwrap_or_else(|| panic!("{path} is not in the set"))
        .story
}

/// Writes `set` as an archive under `dir` and indexes it: (archive, index).
fn index_of(dir: &std::path::Path, set: &[Labelled]) -> (std::path::PathBuf, std::path::PathBuf) {
    let archive = dir.join("archive");
    write_archive(&archive, set.iter());
    let index = dir.join("index");
    build_index(&archive, &index);
    (archive, index)
}

fn band_lists(index: &std::path::Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(index)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "bands"))
        .collect()
}

#[test]
fn the_builds_list_of_shared_bands_finds_the_same_copies_as_the_index() {
    let set = labelled();
    let dir = tempfile::tempdir().unwrap();
    let (archive, index) = index_of(dir.path(), &set);
    // Then a night with one copy gone: new segments, a new list.
    let first_list = band_lists(&index);
    assert_eq!(first_list.len(), 1, "{first_list:?}");
    let gone = archive.join(format!("{}.html", set[1].name.replace('/', "-")));
    fs::remove_file(&gone).unwrap();
    build_index(&archive, &index);
    let lists = band_lists(&index);
    assert_eq!(lists.len(), 1, "the old list is removed: {lists:?}");
    assert_ne!(lists, first_list);

    let with_list = hits_with_copies(&index);
    let folded = with_list
        .iter()
        .filter(|(_, also)| !also.is_empty())
        .count();
    assert!(folded >= set.len() / 8, "{with_list:#?}");
    assert!(with_list
        .iter()
        .all(|(_, also)| !also.contains(&gone.display().to_string())));
    let saved = dir.path().join("list.bands");
    fs::rename(&lists[0], &saved).unwrap();
    assert_eq!(hits_with_copies(&index), with_list);
    // A list made from other segments is not used.
    fs::write(&lists[0], b"DSBANDS2 not a list").unwrap();
    assert_eq!(hits_with_copies(&index), with_list);
    // A damaged list (a right header, wrong article numbers: some past the
    // end, some other articles) may miss copies, or even find a copy whose
    // bands the index does not pair, but never calls two different stories
    // one (the labelled set's stories), and the search does not fail.
    let mut damaged = fs::read(&saved).unwrap();
    let word = |at: usize| u64::from_le_bytes(damaged[at..at + 8].try_into().unwrap()) as usize;
    let keys = word(16);
    let articles_at = 32 + 4 * (2 * keys + 1);
    for (i, entry) in damaged[articles_at..].chunks_exact_mut(4).enumerate() {
        let bogus = if i % 2 == 0 { u32::MAX } else { i as u32 % 7 };
        entry.copy_from_slice(&bogus.to_le_bytes());
    }
    fs::write(&lists[0], &damaged).unwrap();
    for (path, also) in hits_with_copies(&index) {
        for copy in &also {
            assert_eq!(
                story_of(&set, &path),
                story_of(&set, copy),
                "{path} and {copy} are not the same story"
            );
        }
    }
}

/// `dossier similar` on a page that is not in the index finds its story's
/// copies by comparing every signature (its bands are in no list): all of
/// them, and no other story.
#[test]
fn a_page_outside_the_index_finds_the_copies_of_its_story() {
    let set = labelled();
    let dir = tempfile::tempdir().unwrap();
    let (_, index) = index_of(dir.path(), &set);
    let source = &set[0];
    let outside = dir.path().join("outside.html");
    fs::write(
        &outside,
        html(
            &format!("{} (reprint)", source.title),
            &format!("Reprinted with permission.\n\n{}", copy_edit(&source.body)),
        ),
    )
    .unwrap();
    let json = json_of(
        dossier()
            .arg("similar")
            .arg(&outside)
            .args(["--format", "json", "--limit", "100", "--index"])
            .arg(&index),
    );
    let hits = json["hits"].as_array().unwrap();
    let same: Vec<&str> = hits
        .iter()
        .filter(|h| h["same_story"] == true)
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    assert!(same.len() >= 2, "{json:#}");
    for path in &same {
        assert_eq!(story_of(&set, path), source.story, "{path}");
    }
    // Every copy of the story that `similar` ranks is recognised.
    for hit in hits {
        let path = hit["path"].as_str().unwrap();
        if story_of(&set, path) == source.story {
            assert_eq!(hit["same_story"], true, "{path}");
        }
    }
}

/// The trigrams of a body, words folded to lowercase ASCII letters and
/// digits: the exact Jaccard similarity that signatures estimate.
fn trigrams(body: &str) -> std::collections::HashSet<[String; 3]> {
    let words: Vec<String> = body
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    words
        .windows(3)
        .map(|w| [w[0].clone(), w[1].clone(), w[2].clone()])
        .collect()
}

/// Briefs written from one template: the same sentences, other gangs,
/// places, officials and numbers. Newsrooms write daily arrest and homicide
/// notes this way; two of them tell different stories while sharing about
/// a quarter of their trigrams, and must never fold into one hit (the
/// signature's estimate of such a pair spreads by about 0.04 around its
/// true similarity, so a threshold too close to it folds some).
#[test]
fn briefs_from_one_template_are_not_the_same_story() {
    const GANGS: [&str; 6] = [
        "MS13",
        "Barrio 18",
        "the Revolucionarios",
        "the Sureños",
        "Mara Salvatrucha",
        "a local clique",
    ];
    const PLACES: [&str; 8] = [
        "Soyapango",
        "Ilopango",
        "Apopa",
        "Mejicanos",
        "San Miguel",
        "Usulután",
        "Santa Ana",
        "Zacatecoluca",
    ];
    const OFFICIALS: [&str; 5] = [
        "Gustavo Villatoro",
        "Osiris Luna",
        "Mauricio Arriaza Chicas",
        "René Merino Monroy",
        "Rodolfo Delgado",
    ];
    const DAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    let mut state = 7u64;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n
    };
    let briefs: Vec<String> = (0..40)
        .map(|_| {
            let (gang, place, other) = (GANGS[next(6)], PLACES[next(8)], PLACES[next(8)]);
            let (official, day) = (OFFICIALS[next(5)], DAYS[next(5)]);
            let (arrested, homicides, weapons) = (next(90) + 5, next(30) + 2, next(40) + 1);
            // Each paragraph in one of two wordings, as two reporters on
            // the beat would write it.
            let paragraphs = [
                [
                    format!("Police arrested {arrested} suspected members of {gang} in {place} on {day}, according to a statement from the National Civil Police."),
                    format!("Agents of the National Civil Police detained {arrested} alleged gang members of {gang} during raids in {place} on {day}."),
                ],
                [
                    format!("Minister {official} said the operation followed {homicides} homicides in {other} since the start of the month, and that {weapons} firearms were seized during searches of houses used by the gang."),
                    format!("The raids came after {homicides} killings in {other} this month, {official} told reporters, adding that officers seized {weapons} weapons and cash."),
                ],
                [
                    format!("The suspects will be presented before a court in {place} accused of illicit association and extortion of bus companies and small traders."),
                    format!("Prosecutors will charge the detainees with extortion and illicit association at a hearing in {place} later this week."),
                ],
                [
                    format!("Relatives of those detained gathered outside the police station in {other}, saying their sons had no ties to {gang}."),
                    format!("Outside the station in {other}, mothers of several detainees said the young men worked in markets and had never joined {gang}."),
                ],
                [
                    "The government has extended the state of exception, which suspends some constitutional guarantees, for another thirty days.".to_string(),
                    "Congress voted again this month to extend the emergency regime that suspends due process guarantees.".to_string(),
                ],
            ];
            paragraphs
                .iter()
                .map(|wordings| wordings[next(2)].clone())
                .collect::<Vec<_>>()
                .join("\n\n")
        })
        .collect();
    let sets: Vec<_> = briefs.iter().map(|b| trigrams(b)).collect();
    let (mut pairs, mut similarity, mut folded) = (0usize, 0.0f64, Vec::new());
    for i in 0..briefs.len() {
        for j in i + 1..briefs.len() {
            let shared = sets[i].intersection(&sets[j]).count() as f64;
            let jaccard = shared / sets[i].union(&sets[j]).count() as f64;
            if jaccard >= 0.3 {
                continue; // the same wordings drawn: close to one brief
            }
            pairs += 1;
            similarity += jaccard;
            if dossier::dedup::same_story(&briefs[i], &briefs[j]) {
                folded.push((i, j, jaccard));
            }
        }
    }
    let mean = similarity / pairs as f64;
    eprintln!("{pairs} pairs of briefs, mean trigram similarity {mean:.3}");
    assert!(pairs > 400, "{pairs}");
    assert!(mean > 0.12, "the briefs must share a template: {mean:.3}");
    eprintln!("{} of them folded", folded.len());
    assert!(
        folded.is_empty(),
        "different stories folded into one: {folded:?}"
    );
}

/// A copy with no headline (a fragment of the page saved beside it) may
/// rank first for words of its text alone; the story is still shown under
/// a copy that has its headline, and the fragment is listed among the
/// copies.
#[test]
fn a_story_is_shown_under_a_copy_with_a_headline() {
    let set = labelled();
    let original = set
        .iter()
        .find(|a| a.story.starts_with("cecot"))
        .expect("a cecot story");
    let paras = paragraphs(&original.body);
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    fs::create_dir_all(&archive).unwrap();
    // The page: headline and the whole text, with one more paragraph at
    // the end, so its text ranks a little below the fragment's.
    let extra = "The ministry did not answer questions about the prison's budget, \
                 its staff or the number of inmates held there this month.";
    let page_body = format!("{}\n\n{extra}", paras.join("\n\n"));
    fs::write(archive.join("page.html"), html(&original.title, &page_body)).unwrap();
    // The fragment: the same paragraphs, no headline anywhere.
    let fragment: String = paras.iter().map(|p| format!("<p>{p}</p>")).collect();
    fs::write(
        archive.join("fragment.html"),
        format!("<div>{fragment}</div>"),
    )
    .unwrap();
    let index = dir.path().join("index");
    build_index(&archive, &index);
    let word = "Tecoluca";
    let search = |extra: &[&str]| search_json(&index, word, extra);
    let all = search(&["--no-collapse"]);
    let ranked: Vec<&str> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    assert_eq!(ranked.len(), 2, "{all:#}");
    assert!(
        ranked[0].ends_with("fragment.html"),
        "the fragment ranks first: {ranked:?}"
    );
    for extra in [&[][..], &["--all", "--format", "ndjson"][..]] {
        let hits: Vec<serde_json::Value> = if extra.is_empty() {
            search(&[])["hits"].as_array().unwrap().clone()
        } else {
            let out = dossier()
                .args(["search", word])
                .args(extra)
                .arg("--index")
                .arg(&index)
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect()
        };
        assert_eq!(hits.len(), 1, "{extra:?}: {hits:#?}");
        assert!(
            hits[0]["path"].as_str().unwrap().ends_with("page.html"),
            "{hits:#?}"
        );
        assert_eq!(hits[0]["title"], original.title.as_str());
        let also = hits[0]["also"].as_array().unwrap();
        assert!(
            also.len() == 1 && also[0].as_str().unwrap().ends_with("fragment.html"),
            "{hits:#?}"
        );
    }
}

/// Two versions of one wire story, one naming Osiris Luna and the other
/// Carlos Marroquín as the official the guards answered to: folded, the
/// reporter saw one official and "also in" the other copy, and under an
/// official filter a copy that names neither was listed beside the match.
#[test]
fn copies_that_name_different_officials_are_shown_apart() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    fs::create_dir_all(&archive).unwrap();
    let story = |official: &str| {
        format!(
            "Prison guards at the Izalco facility were accused on Tuesday of selling mobile phones to \
             inmates for as much as five hundred dollars each, according to a report presented to the \
             legislative commission on security. The report describes a network of at least twelve \
             guards who took payments through relatives of the prisoners and hid the phones in food \
             deliveries that were never searched at the gate. Inspectors found forty devices during a \
             surprise search in March, most of them in the cells of gang leaders serving long sentences \
             for homicide and extortion. According to the report, the guards answered to {official}, who \
             did not respond to requests for comment. Families of inmates told investigators that the \
             payments were demanded every month and that those who refused lost visiting rights. The \
             commission asked the attorney general to open a criminal investigation into the network \
             and to audit the purchases of the prison system for the last three years."
        )
    };
    fs::write(
        archive.join("v1.html"),
        html("Guards sold phones to inmates", &story("Osiris Luna")),
    )
    .unwrap();
    fs::write(
        archive.join("v2.html"),
        html("Guards sold phones to inmates", &story("Carlos Marroquín")),
    )
    .unwrap();
    let index = dir.path().join("index");
    build_index(&archive, &index);
    let results = search_json(&index, "guards", &[]);
    let hits = results["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2, "{results:#}");
    assert!(
        hits.iter()
            .all(|h| h["also"].as_array().unwrap().is_empty()),
        "{results:#}"
    );
    let filtered = search_json(&index, "guards", &["--official", "Carlos Marroquín"]);
    let hits = filtered["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{filtered:#}");
    assert!(hits[0]["path"].as_str().unwrap().ends_with("v2.html"));
    assert!(
        hits[0]["also"].as_array().unwrap().is_empty(),
        "{filtered:#}"
    );
    // The same copies naming the same official are one story.
    fs::write(
        archive.join("v2.html"),
        html("Guards sold phones to inmates", &story("Osiris Luna")),
    )
    .unwrap();
    build_index(&archive, &index);
    let results = search_json(&index, "guards", &[]);
    assert_eq!(results["hits"].as_array().unwrap().len(), 1, "{results:#}");
}

/// A saved text page: headline, date line, paragraphs (as a reporter's
/// scraper writes them).
fn dated_txt(title: &str, date: &str, paras: &[&str]) -> String {
    format!("{title}\n\n{date}\n\n{}\n", paras.join("\n\n"))
}

/// Background paragraphs a wire follow-up repeats from the first report.
const PRISON_BACKGROUND: [&str; 3] = [
    "The fire began on Sunday night in a cell block where inmates from rival gangs were held \
     together after a transfer ordered by the prisons directorate. Guards said the flames were \
     put out within an hour, but the block remained closed to relatives and lawyers.",
    "El Salvador has been under a state of exception since March 2022, when a weekend of gang \
     killings left 87 people dead. Since then security forces have arrested more than 65,000 \
     people accused of links to gangs, and rights groups have documented deaths in custody.",
    "The government has defended the crackdown, saying it has made the country one of the \
     safest in the hemisphere. Critics say thousands of people with no gang ties have been \
     swept up and held for months without seeing a judge.",
];

fn write_all(archive: &std::path::Path, files: &[(&str, String)]) {
    fs::create_dir_all(archive).unwrap();
    for (name, text) in files {
        fs::write(archive.join(name), text).unwrap();
    }
}

fn shown_paths(results: &serde_json::Value) -> Vec<String> {
    let mut paths: Vec<String> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap();
            path.rsplit('/').next().unwrap_or(path).to_string()
        })
        .collect();
    paths.sort();
    paths
}

/// A follow-up the next day (a new lead, the same three paragraphs of
/// background) is its own story: folded, its new toll was only a path under
/// "also in". `similar` agrees.
#[test]
fn a_next_day_follow_up_is_not_folded_into_the_first_report() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    let first = [
        "SAN SALVADOR, May 7, 2023 - A fire at the Mariona prison killed 9 inmates on Sunday, \
         the prisons directorate said, after firefighters found the bodies in a burned cell.",
    ];
    let next = [
        "SAN SALVADOR, May 8, 2023 - Two injured inmates died in hospital on Monday, raising \
         the toll of the fire at the Mariona prison to 11, as relatives waited at the gates.",
    ];
    let with_bg = |lead: &[&'static str; 1]| -> Vec<&'static str> {
        lead.iter()
            .chain(PRISON_BACKGROUND.iter())
            .copied()
            .collect()
    };
    write_all(
        &archive,
        &[
            (
                "fire-9.txt",
                dated_txt("Prison fire kills 9", "May 7, 2023", &with_bg(&first)),
            ),
            (
                "fire-11.txt",
                dated_txt(
                    "Prison fire toll rises to 11",
                    "May 8, 2023",
                    &with_bg(&next),
                ),
            ),
        ],
    );
    let index = dir.path().join("index");
    build_index(&archive, &index);
    for extra in [&[][..], &["--sort", "-date"][..]] {
        let results = search_json(&index, "prison fire", extra);
        assert_eq!(
            shown_paths(&results),
            ["fire-11.txt", "fire-9.txt"],
            "{extra:?}: {results:#}"
        );
    }
    let out = dossier()
        .arg("similar")
        .arg(archive.join("fire-9.txt"))
        .arg("--index")
        .arg(&index)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("[same story]"), "{text}");
}

/// Spanish press releases from one template about two arrests, and two
/// events that carry the same long quote: different stories.
#[test]
fn template_releases_and_shared_quotes_are_not_folded() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    let release = |lugar: &str, nombre: &str, alias: &str, fecha: &str| {
        dated_txt(
            &format!("Capturan a {nombre}, pandillero de la MS13, en {lugar}"),
            fecha,
            &[
                &format!(
                    "La Policía Nacional Civil capturó en {lugar} a {nombre}, alias {alias}, \
                     miembro de la MS13, quien será remitido a la Fiscalía por el delito de \
                     agrupaciones ilícitas."
                ),
                "En el marco del régimen de excepción, la Policía y la Fuerza Armada continúan \
                 con los operativos para capturar a los pandilleros que aún quedan en libertad \
                 en todo el territorio nacional.",
                "La Policía recuerda a la población que puede denunciar de forma anónima a través \
                 del número 123 o de las redes sociales institucionales.",
            ],
        )
    };
    let cita = "«Ningún pandillero va a volver a las calles. Las cárceles de máxima seguridad \
                seguirán cerradas, no habrá visitas ni privilegios, y cada uno de los que \
                aterrorizaron a nuestro pueblo pagará por sus crímenes. Que lo escuchen bien los \
                que todavía creen que pueden negociar: con este gobierno no hay tregua ni la \
                habrá», escribió el presidente en sus redes sociales.";
    write_all(
        &archive,
        &[
            ("a.txt", release("Apopa", "José Antonio Ramos Cruz", "el Chino", "3 de mayo de 2022")),
            ("b.txt", release("Zacatecoluca", "Luis Alberto Mejía Flores", "el Gato", "4 de mayo de 2022")),
            (
                "traslado.txt",
                dated_txt(
                    "Trasladan a mil reos al nuevo penal",
                    "15 de marzo de 2023",
                    &["El Gobierno trasladó durante la madrugada a mil reos de las pandillas al nuevo penal de Tecoluca.", cita],
                ),
            ),
            (
                "muertes.txt",
                dated_txt(
                    "Mueren dos reos en el penal de Izalco",
                    "16 de marzo de 2023",
                    &["Familiares de dos reos denunciaron su muerte en el penal de Izalco, donde estaban detenidos desde abril.", cita],
                ),
            ),
        ],
    );
    let index = dir.path().join("index");
    build_index(&archive, &index);
    let results = search_json(&index, "capturan MS13", &[]);
    assert_eq!(shown_paths(&results), ["a.txt", "b.txt"], "{results:#}");
    let results = search_json(&index, "pandilleros calles", &[]);
    assert_eq!(
        shown_paths(&results),
        ["muertes.txt", "traslado.txt"],
        "{results:#}"
    );
}

/// The body of a story saved twice a day apart, with a correction added
/// to the later copy.
const MASACRE: [&str; 3] = [
    "Según la Policía Nacional Civil, los atacantes llegaron en dos vehículos y dispararon \
     contra un grupo de jóvenes que jugaba fútbol en una cancha de la colonia Santa Lucía.",
    "El ministro de Seguridad dijo que ya hay tres detenidos y que los responsables serán \
     juzgados bajo el régimen de excepción. Los cuerpos fueron trasladados a Medicina Legal.",
    "Vecinos de la colonia relataron que escucharon más de treinta disparos y que la policía \
     tardó casi una hora en llegar al lugar del ataque.",
];

/// Of a story and its corrected copy, the corrected one is shown; and a
/// copy that does not match the filters is never the one shown, nor its
/// date.
#[test]
fn the_shown_copy_matches_and_is_the_corrected_one() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    let original: Vec<&str> = std::iter::once(
        "Doce jóvenes murieron la noche del sábado en un ataque armado en una cancha de \
         Ilopango, informaron las autoridades.",
    )
    .chain(MASACRE)
    .collect();
    let corrected: Vec<&str> = [
        "Corrección: una versión anterior de esta nota informaba de 12 muertos; la cifra \
         correcta, según Medicina Legal, es 21.",
        "Veintiún jóvenes murieron la noche del sábado en un ataque armado en una cancha de \
         Ilopango, informaron las autoridades.",
    ]
    .into_iter()
    .chain(MASACRE)
    .collect();
    write_all(
        &archive,
        &[
            (
                "original.txt",
                dated_txt("Masacre en Ilopango deja 12 muertos", "20 de agosto de 2023", &original),
            ),
            (
                "corregida.txt",
                dated_txt("Masacre en Ilopango deja 21 muertos", "21 de agosto de 2023", &corrected),
            ),
            // A copy with no headline, saved the day after: under a filter
            // on that day, it is the only match.
            (
                "fragmento.html",
                format!(
                    "<html lang=\"es\"><head><meta property=\"article:published_time\" \
                     content=\"2023-08-21T10:00:00-06:00\"></head><body><article>{}</article></body></html>",
                    original.iter().map(|p| format!("<p>{p}</p>")).collect::<String>()
                ),
            ),
        ],
    );
    let index = dir.path().join("index");
    build_index(&archive, &index);
    let results = search_json(&index, "masacre Ilopango", &[]);
    assert_eq!(shown_paths(&results), ["corregida.txt"], "{results:#}");
    // Only the fragment is dated the 21st and lacks the correction: the
    // titled original (the 20th) must not stand for it.
    let results = search_json(&index, "doce jóvenes", &["--from", "2023-08-21"]);
    let hits = results["hits"].as_array().unwrap();
    assert_eq!(shown_paths(&results), ["fragmento.html"], "{results:#}");
    assert_eq!(hits[0]["date"], "2023-08-21", "{results:#}");
}

/// Copies that chain (the whole story; its first part; its second part:
/// each part is a copy of the whole, the parts are not copies of each
/// other) lose no article under `--all`, and no copy is listed twice.
#[test]
fn chained_copies_are_each_listed_once_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    let paras = [
        "La Policía Nacional Civil informó que el cuerpo de una mujer fue hallado el lunes en una \
         fosa en el cantón Las Delicias de Apopa, en una zona donde operaban pandilleros.",
        "Los investigadores de la División Central de Investigaciones trabajan en el lugar con \
         apoyo de Medicina Legal y de la Fiscalía, que busca identificar a las víctimas.",
        "Según vecinos, la propiedad era usada por pandilleros como punto de reunión hasta la \
         captura de varios de ellos en abril, durante los operativos policiales.",
        "El director de la Policía dijo en conferencia que no descarta que en el predio haya más \
         cuerpos y que la excavación seguirá durante varios días.",
        "Familiares de personas desaparecidas acudieron al lugar con fotografías y pidieron a las \
         autoridades que les informen de los hallazgos.",
        "Los forenses trabajan con maquinaria pesada y perros entrenados, y la zona permanece \
         cerrada al paso de vehículos y de curiosos.",
    ];
    let date = "12 de junio de 2023";
    write_all(
        &archive,
        &[
            (
                "d1.txt",
                dated_txt("Hallan fosa en Apopa", date, &paras[..4]),
            ),
            ("d2.txt", dated_txt("Hallan fosa en Apopa", date, &paras)),
            (
                "d3.txt",
                dated_txt("Hallan fosa en Apopa", date, &paras[2..]),
            ),
        ],
    );
    let index = dir.path().join("index");
    build_index(&archive, &index);
    let name = |p: &serde_json::Value| {
        let p = p.as_str().unwrap();
        p.rsplit('/').next().unwrap_or(p).to_string()
    };
    let reachable = |hits: &[serde_json::Value]| {
        let mut all: Vec<String> = Vec::new();
        for h in hits {
            all.push(name(&h["path"]));
            all.extend(h["also"].as_array().unwrap().iter().map(name));
        }
        all.sort();
        all
    };
    let paged = search_json(&index, "fosa Apopa", &[]);
    let paged = paged["hits"].as_array().unwrap().clone();
    assert_eq!(
        reachable(&paged),
        ["d1.txt", "d2.txt", "d3.txt"],
        "{paged:#?}"
    );
    let out = dossier()
        .args([
            "search",
            "fosa Apopa",
            "--all",
            "--format",
            "ndjson",
            "--index",
        ])
        .arg(&index)
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        reachable(&rows),
        ["d1.txt", "d2.txt", "d3.txt"],
        "{rows:#?}"
    );
    let faces =
        |hits: &[serde_json::Value]| hits.iter().map(|h| name(&h["path"])).collect::<Vec<_>>();
    assert_eq!(faces(&rows), faces(&paged));
}

/// `similar` marks `[same story]` exactly the copies search folds: a copy
/// naming a gang the other does not is shown apart, and is not the same
/// story for `similar` either.
#[test]
fn similar_and_search_agree_on_the_same_story() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    let lead = "A fire at the Mariona prison killed 9 inmates on Sunday, the prisons directorate \
                said, after firefighters found the bodies in a burned cell";
    let paras = |lead: String| -> Vec<String> {
        std::iter::once(lead)
            .chain(PRISON_BACKGROUND.iter().map(|p| p.to_string()))
            .collect()
    };
    let a = paras(format!("{lead} held by MS13 members."));
    let b = paras(format!("{lead}."));
    fn refs(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    write_all(
        &archive,
        &[
            (
                "a.txt",
                dated_txt("Prison fire kills 9", "May 7, 2023", &refs(&a)),
            ),
            (
                "b.txt",
                dated_txt("Prison fire kills nine", "May 7, 2023", &refs(&b)),
            ),
        ],
    );
    let index = dir.path().join("index");
    build_index(&archive, &index);
    let results = search_json(&index, "prison fire", &[]);
    let folded = results["hits"].as_array().unwrap().len() == 1;
    let out = dossier()
        .arg("similar")
        .arg(archive.join("a.txt"))
        .arg("--index")
        .arg(&index)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(folded, text.contains("[same story]"), "{results:#}\n{text}");
}
