//! Whatever a reporter types, a search answers or refuses with a message:
//! random queries, filters and options, run on the sample index, never
//! panic, and the refusals say what is wrong (a malformed query also
//! where). The CLI turns each refusal into exit 2.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::{dossier, sample_index};
use dossier::search::{self, query, SearchError, SearchRequest, Sort};

/// xorshift64: deterministic, so a failure repeats.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        (x % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// The pieces random queries are made of: words of the sample (names,
/// accents, other scripts), every operator and field of the language, and
/// the characters that could confuse a lexer.
const PIECES: &[&str] = &[
    "osiris",
    "Luna",
    "MS13",
    "ms-13",
    "pandillas",
    "cárcel",
    "Sureños",
    "东京",
    "18",
    "2019",
    " ",
    " ",
    " ",
    "\"",
    "\"",
    "(",
    ")",
    "OR",
    "AND",
    "NOT",
    "-",
    "+",
    "|",
    "&&",
    "!",
    "~",
    "~1",
    "~2",
    "~3",
    "~0",
    "~99999999999999999999",
    "*",
    "?",
    "\\",
    ":",
    "^2",
    "title:",
    "body:",
    "url:",
    "gang:",
    "official:",
    "date:",
    "date:2019",
    "date:2019-02-30",
    "date:2015..2020",
    "gang:\"Barrio 18\"",
    "official:Bukele",
    "gang:nosuch",
    "\u{a0}",
    "\t",
    "'",
    "’",
    "…",
    "\u{301}",
    "😀",
    "ǅ",
    "İ",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
];

const DATES: &[&str] = &[
    "2019",
    "2019-03",
    "2019-03-31",
    "2019-02-30",
    "2019-13",
    "abc",
    "",
    "-1",
    "99999",
    "2015-01-01",
    "2030",
];

/// Words and operators that make well-formed queries.
const WORDS: &[&str] = &[
    "osiris ",
    "Luna ",
    "MS13 ",
    "pandillas ",
    "cárcel ",
    "tregua ",
    "OR ",
    "NOT ",
    "-ley ",
];

/// A query of random pieces, half of the time well-formed ones only.
fn random_query(rng: &mut Rng) -> String {
    let from = if rng.below(2) == 0 { PIECES } else { WORDS };
    (0..rng.below(12)).map(|_| rng.pick(from)).collect()
}

fn random_request(rng: &mut Rng) -> SearchRequest {
    // Each filter is set one time in four, so that most requests are
    // answered and each kind of refusal still comes up.
    let maybe = |rng: &mut Rng| (rng.below(4) == 0).then(|| rng.pick(DATES).to_string());
    let some = |rng: &mut Rng| {
        if rng.below(4) == 0 {
            1 + rng.below(2)
        } else {
            0
        }
    };
    SearchRequest {
        query: random_query(rng),
        gangs: (0..some(rng))
            .map(|_| {
                rng.pick(&["MS13", "Barrio 18", "sureños", "nosuch", ""])
                    .to_string()
            })
            .collect(),
        officials: (0..some(rng))
            .map(|_| {
                rng.pick(&["Osiris Luna", "Bukele", "Luna", "x"])
                    .to_string()
            })
            .collect(),
        from: maybe(rng),
        to: maybe(rng),
        limit: rng.below(30),
        offset: [0, 1, 7, 1_000_000][rng.below(4)],
        exact: rng.below(2) == 0,
        sort: [Sort::Relevance, Sort::Date, Sort::DateDesc][rng.below(3)],
        context: rng.below(4),
        collapse: rng.below(2) == 0,
    }
}

#[test]
fn random_queries_parse_or_are_refused_with_a_column() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let text = random_query(&mut rng);
        let parsed = catch_unwind(|| query::parse(&text));
        let Ok(parsed) = parsed else {
            panic!("the parser panicked on {text:?}");
        };
        if let Err(e) = parsed {
            let columns = text.chars().count() + 1;
            assert!(
                (1..=columns).contains(&e.column) && !e.message.is_empty(),
                "{text:?}: {e}"
            );
        }
    }
}

#[test]
fn random_searches_answer_or_say_what_is_wrong() {
    let opened = dossier::index::open(sample_index()).expect("sample index");
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let (mut answered, mut refused) = (0, 0);
    for _ in 0..1_000 {
        let request = random_request(&mut rng);
        let outcome = catch_unwind(AssertUnwindSafe(|| search::search(&opened, &request)));
        let Ok(outcome) = outcome else {
            panic!("the search panicked on {request:?}");
        };
        match outcome {
            Ok(results) => {
                answered += 1;
                assert!(results.hits.len() <= request.limit, "{request:?}");
                assert!(results.total <= results.articles as usize, "{request:?}");
            }
            Err(SearchError::Tantivy(e)) => panic!("{request:?}: the index failed: {e}"),
            Err(e) => {
                refused += 1;
                assert!(!e.to_string().trim().is_empty(), "{request:?}");
            }
        }
    }
    // Both kinds were exercised.
    assert!(
        answered > 200 && refused > 100,
        "{answered} answered, {refused} refused"
    );
}

#[test]
fn the_cli_refuses_bad_queries_and_filters_with_exit_2() {
    let index = sample_index();
    for args in [
        &["search", "\"unclosed phrase"][..],
        &["search", "(truce OR"],
        &["search", "tregua~7"],
        &["search", "nosuchfield:x"],
        &["search", "tregua", "--from", "2019-02-30"],
        &["search", "tregua", "--from", "2020", "--to", "2019"],
        &["search", "tregua", "--gang", "nosuch"],
        &["search", "pris*"],
        &["search", &"b".repeat(100_000)],
    ] {
        let out = dossier()
            .args(args)
            .arg("--index")
            .arg(index)
            .env("RUST_BACKTRACE", "1")
            .output()
            .expect("run dossier");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("dossier: error:") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
        // A message quotes a pasted word, not all of it.
        assert!(stderr.len() < 400, "{} bytes", stderr.len());
    }
}
