//! A deterministic, streaming generator of archives that look like a
//! newsroom's: saved HTML pages of several news sites (navigation, cookie
//! banner, share buttons, newsletter and donation boxes, "related" lists
//! with their own dates, footers; the publication date in JSON-LD, in a
//! `<meta>` tag, in a visible dateline, or nowhere) and plain-text scrapes
//! shaped like `../shared/seed/`, in English and Spanish, 8–60 KB each,
//! dated over fifteen years (2010–2024), naming the gangs and officials of
//! the built-in registry at Zipf-like rates, with a sprinkle of exact
//! duplicates and broken files (empty, binary, truncated).
//!
//! The prose is composed from clause pools (see the comment above `Words`):
//! each story has a topic (extortion, prisons, the truce, the state of
//! exception, homicides, courts, corruption, drugs, migration, elections,
//! police operations) drawn by year, key phrases it keeps returning to, a
//! neighbourhood, invented witnesses, and its own small subset of every
//! generic pool, so two different stories share about 1% of their word
//! trigrams (real news: a few percent) and no stock phrase is in more than
//! about a tenth of the articles.
//!
//! It owns nothing of dossier but the registry it reads; it is the input of
//! `benches/compare.sh` and of profiling runs.
//!
//! ```sh
//! cargo bench --bench gen_archive -- OUT N [--seed 42] [--change PERCENT]
//! ```
//!
//! Every file is a pure function of (seed, article number, revision), so the
//! same arguments give a byte-identical archive, and the archive is written
//! one file at a time (memory stays flat up to 1,000,000 articles and
//! beyond). `--change P` rewrites, in an existing archive, the P% of the
//! articles whose number hashes into it, with new text under the same path
//! (revision 1): the "nightly run after 1% changed" input.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use dossier::schema::Schema;

/// SplitMix64: tiny, fast, good enough for synthetic text, and stable.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }
}

/// A stream key: one independent generator per (seed, article, purpose).
fn key(seed: u64, article: u64, purpose: u64) -> u64 {
    let mut r = Rng::new(seed ^ article.wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ purpose << 56);
    r.next_u64()
}

/// Zipf(s) over ranks `0..n`: rank 0 the most common.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Self {
        let mut total = 0.0;
        let cumulative = (1..=n)
            .map(|k| {
                total += 1.0 / (k as f64).powf(s);
                total
            })
            .collect();
        Zipf { cumulative }
    }
    fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let u = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c < u)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    En,
    Es,
}

/// A site of the archive: how its pages look.
struct Site {
    slug: &'static str,
    name: &'static str,
    host: &'static str,
    lang: Lang,
    /// HTML pages (else text scrapes).
    html: bool,
    /// Share of its Spanish pages saved in Windows-1252.
    legacy: f64,
}

const SITES: &[Site] = &[
    Site {
        slug: "isthmus-ledger",
        name: "The Isthmus Ledger",
        host: "www.isthmusledger.com",
        lang: Lang::En,
        html: true,
        legacy: 0.0,
    },
    Site {
        slug: "cordillera-post",
        name: "The Cordillera Post",
        host: "cordilleapost.com",
        lang: Lang::En,
        html: true,
        legacy: 0.0,
    },
    Site {
        slug: "la-brujula",
        name: "La Brújula Centroamericana",
        host: "labrujula.com.sv",
        lang: Lang::Es,
        html: true,
        legacy: 0.0,
    },
    Site {
        slug: "cronica-del-golfo",
        name: "Crónica del Golfo",
        host: "www.cronicadelgolfo.com",
        lang: Lang::Es,
        html: true,
        legacy: 0.35,
    },
    Site {
        slug: "scrapes-en",
        name: "InSight Crime",
        host: "insightcrime.org",
        lang: Lang::En,
        html: false,
        legacy: 0.0,
    },
    Site {
        slug: "scrapes-es",
        name: "InSight Crime",
        host: "es.insightcrime.org",
        lang: Lang::Es,
        html: false,
        legacy: 0.0,
    },
];
/// Relative weights of the sites above.
const SITE_WEIGHTS: &[usize] = &[24, 14, 20, 10, 18, 14];

const PLACES: &[&str] = &[
    "San Salvador",
    "Soyapango",
    "Santa Ana",
    "San Miguel",
    "Ilopango",
    "Apopa",
    "Mejicanos",
    "Usulután",
    "La Libertad",
    "Tegucigalpa",
    "San Pedro Sula",
    "Choloma",
    "Guatemala City",
    "Mixco",
    "Villa Nueva",
    "Escuintla",
    "Zacatecoluca",
    "Sonsonate",
    "Chalatenango",
    "Ahuachapán",
    "Quetzaltenango",
    "La Ceiba",
    "Comayagua",
    "Los Angeles",
    "Washington",
];
const PRISONS: &[&str] = &[
    "Zacatecoluca",
    "Izalco",
    "Mariona",
    "the CECOT",
    "Quezaltepeque",
    "Ciudad Barrios",
    "Chalatenango",
    "El Pozo",
    "Támara",
    "Fraijanes II",
];
const OPERATIONS: &[&str] = &[
    "Cathedral",
    "Jaque",
    "Tecana",
    "Sombra",
    "Tregua",
    "Fortaleza",
    "Impunidad",
    "Raíces",
    "Check",
    "Arpón",
];
const AUTHORS: &[&str] = &[
    "Daniel Whitcombe",
    "María José Rivas",
    "Carlos Henríquez",
    "Laura Benítez",
    "Steven Dudley",
    "Ana Lucía Mejía",
    "Roberto Valencia",
    "Jessica Ávalos",
    "Tom Carver",
    "Fernando Romero",
];
const MONTHS_EN: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ES: &[&str] = &[
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

// The prose is composed, not templated: a sentence is a subject, a verb and
// an object drawn from pools (the story's topic first, then generic ones),
// with optional time, place, connective and attribution, or a quote with its
// speaker, or a figure. Each story draws a topic and keeps a small subset of
// every pool (its "voice"), so a story reuses its phrases while two stories
// share few word trigrams, and a stock phrase ("state of exception") occurs
// only in the stories of its topic. Slots inside entries: {G} a gang, {G2}
// a second gang, {O} an official (full name first, surname after), {P} a
// place, {H} the story's neighbourhood, {J} a prison, {SRC} a source, {OP} an
// operation, {K} one of the story's key phrases, {N}/{N2} small numbers,
// {BIGN} a sentence length, {BIG} a large number, {PCT} a percentage, {Y} a
// year, {M} a month, {R} the official's role.

/// A subject and whether it is plural (for Spanish verbs).
type Subj = (&'static str, bool);
/// A verb in the past tense: (after a singular subject, after a plural one).
type Verb = (&'static str, &'static str);
/// A verb (as `Verb`) with the objects it takes.
type Predicate = (&'static str, &'static str, &'static [&'static str]);
/// A witness's trade: English, Spanish masculine, Spanish feminine.
type Trade = (&'static str, &'static str, &'static str);

/// What the stories of one topic say, in one language.
struct TopicWords {
    titles: &'static [&'static str],
    subjects: &'static [Subj],
    /// Verbs with the objects that go with them.
    predicates: &'static [Predicate],
    /// Things of the topic that generic verbs can take.
    objects: &'static [&'static str],
    /// Phrases a story keeps coming back to ({K}).
    keys: &'static [&'static str],
    /// Plural quantities for figures ("extortion complaints").
    figures: &'static [&'static str],
    /// Quotes (or their first halves).
    quotes: &'static [&'static str],
    /// Whole background sentences.
    background: &'static [&'static str],
}

/// A topic: its words in both languages.
struct Topic {
    en: TopicWords,
    es: TopicWords,
}

/// The generic pools of one language.
struct Words {
    times: &'static [&'static str],
    places: &'static [&'static str],
    connectives: &'static [&'static str],
    attributions: &'static [&'static str],
    subjects: &'static [Subj],
    verbs: &'static [Verb],
    objects: &'static [&'static str],
    joiners: &'static [&'static str],
    /// What officials do (to a topic's or a generic object).
    official_verbs: &'static [Verb],
    /// What gangs do, with the objects.
    gang_predicates: &'static [Predicate],
    /// A gang as a subject: the words before its name, and plural.
    gang_forms: &'static [Subj],
    quotes: &'static [&'static str],
    quote_tails: &'static [&'static str],
    speakers: &'static [&'static str],
    says: &'static [&'static str],
    short: &'static [&'static str],
    moves: &'static [&'static str],
    amounts: &'static [&'static str],
    spans: &'static [&'static str],
    sources: &'static [&'static str],
    hoods: &'static [&'static str],
}

const EN_WORDS: Words = Words {
    times: &[
        "On Monday",
        "On Tuesday",
        "On Wednesday",
        "On Thursday",
        "On Friday",
        "Over the weekend",
        "Last week",
        "Earlier this month",
        "In {M}",
        "In {M} {Y}",
        "That night",
        "Two days later",
        "By the end of {Y}",
        "Early on Sunday",
        "Shortly after midnight",
        "A year earlier",
        "In the weeks that followed",
        "Since {Y}",
        "Late last year",
        "At dawn",
        "Within hours",
        "For most of {Y}",
        "Three months later",
        "In early {M}",
        "Before the {Y} elections",
    ],
    places: &[
        "in {P}",
        "on the outskirts of {P}",
        "in {H}",
        "near the central market of {P}",
        "in the eastern districts of {P}",
        "on the highway to {P}",
        "in the municipality of {P}",
        "in a housing project in {P}",
        "at a checkpoint outside {P}",
        "a few blocks from {H}",
        "in the hills above {P}",
        "in the old bus terminal of {P}",
        "in rural {P}",
        "across the border from {P}",
        "in downtown {P}",
        "behind the football pitch in {H}",
    ],
    connectives: &[
        "However, ",
        "Still, ",
        "At the same time, ",
        "Meanwhile, ",
        "In recent years, ",
        "But ",
        "By some estimates, ",
        "For years, ",
        "In private, ",
        "Publicly, ",
        "By then, ",
        "Even so, ",
        "As a result, ",
        "In practice, ",
        "Months later, ",
        "According to residents, ",
        "On paper, ",
        "In the end, ",
        "Until then, ",
        "To this day, ",
    ],
    attributions: &[
        ", according to {SRC}",
        ", {SRC} said",
        ", a claim the government denies",
        ", local media reported",
        ", officials said",
        ", court records show",
        ", according to figures from {SRC}",
        ", residents said",
        ", as {SRC} first reported",
        ", two people familiar with the case said",
        ", records obtained by this newspaper show",
        ", {SRC} reported",
        ", according to a report by {SRC}",
        ", a lawyer for the families said",
        ", according to the indictment",
        ", the minutes of the meeting show",
        ", a spokesman said",
        ", according to an internal memo",
        ", judicial sources said",
        ", according to data obtained through a public records request",
        ", as several witnesses described",
        ", according to people in the area",
    ],
    subjects: &[
        ("prosecutors", true),
        ("the police", true),
        ("soldiers", true),
        ("the government", false),
        ("a judge in {P}", false),
        ("investigators", true),
        ("the defense", false),
        ("human rights lawyers", true),
        ("relatives of the victims", true),
        ("the mayor of {P}", false),
        ("lawmakers", true),
        ("the Legislative Assembly", false),
        ("neighbors", true),
        ("a special unit of prosecutors", false),
        ("the security cabinet", false),
        ("several witnesses", true),
        ("the United States embassy", false),
    ],
    verbs: &[
        ("questioned", "questioned"),
        ("reviewed", "reviewed"),
        ("denied", "denied"),
        ("confirmed", "confirmed"),
        ("investigated", "investigated"),
        ("ignored", "ignored"),
        ("published", "published"),
        ("challenged", "challenged"),
        ("kept quiet about", "kept quiet about"),
        ("asked for", "asked for"),
        ("documented", "documented"),
        ("obtained", "obtained"),
        ("described", "described"),
        ("disputed", "disputed"),
        ("welcomed", "welcomed"),
    ],
    objects: &[
        "{K}",
        "the details of {K}",
        "new evidence about {K}",
        "the role of {G} in {K}",
        "a list of {N} names",
        "the official version",
        "the case files",
        "a report on {K}",
        "the figures for {Y}",
        "the account of {SRC}",
        "the decision",
        "every allegation",
        "what happened in {H}",
        "the budget for {K}",
        "the testimony of {N} witnesses",
        "a timeline of {K}",
        "the arrests in {H}",
        "what {O} had promised",
    ],
    official_verbs: &[
        ("announced", "announced"),
        ("defended", "defended"),
        ("ordered an inquiry into", "ordered an inquiry into"),
        ("promised to review", "promised to review"),
        ("dismissed criticism of", "dismissed criticism of"),
        ("praised", "praised"),
        ("refused to discuss", "refused to discuss"),
        ("took credit for", "took credit for"),
        ("blamed the opposition for", "blamed the opposition for"),
        ("signed off on", "signed off on"),
        ("declined to comment on", "declined to comment on"),
        ("was briefed on", "was briefed on"),
    ],
    gang_predicates: &[
        (
            "controlled",
            "controlled",
            &[
                "the market in {P}",
                "the bus terminal",
                "most of {H}",
                "the streets around the school",
            ],
        ),
        (
            "extorted",
            "extorted",
            &[
                "bus drivers on route {N}",
                "the tortilla shops of {H}",
                "street vendors",
                "a delivery company",
            ],
        ),
        (
            "recruited",
            "recruited",
            &[
                "teenagers in {H}",
                "boys as lookouts",
                "children as young as twelve",
            ],
        ),
        (
            "threatened",
            "threatened",
            &[
                "the families of witnesses",
                "a teacher in {H}",
                "anyone who talked to the police",
            ],
        ),
        (
            "ordered",
            "ordered",
            &[
                "the killing of a rival",
                "a curfew in {H}",
                "residents to leave their homes",
            ],
        ),
        (
            "fought",
            "fought",
            &[
                "{G2} for the market",
                "the police near {P}",
                "over the collection routes",
            ],
        ),
    ],
    gang_forms: &[
        ("", false),
        ("members of ", true),
        ("a clique of ", false),
        ("leaders of ", true),
        ("the local clique of ", false),
        ("gunmen from ", true),
        ("collectors for ", true),
        ("a cell of ", false),
        ("young members of ", true),
    ],
    joiners: &[
        ", and ",
        ", but ",
        ", while ",
        " after ",
        " because ",
        ", although ",
        " even though ",
        " before ",
    ],
    quotes: &[
        "Nobody here trusts anyone anymore",
        "We knew exactly who they were",
        "Nobody came to ask us anything",
        "I just want to know where he is",
        "They told us to keep our mouths shut",
        "This is not what they promised",
        "The numbers do not add up",
        "We are not going to stop now",
        "Everyone in the neighborhood knew",
        "There was no warrant, nothing",
        "They came at four in the morning",
        "We have been waiting for {N} months",
        "My son was not a gang member",
        "We were told to sign and not to ask",
        "You learn not to look out of the window",
        "Every week there is a new rule",
        "The lawyers wanted money we do not have",
        "He used to sell shoes at the market",
        "I gave them every document they asked for",
        "We buried him without a funeral",
        "Nobody from the government has called",
        "Some days the street is empty by six",
        "It was a list, and my name was on it",
        "They said it would take a week",
    ],
    quote_tails: &[
        " and nobody did anything",
        " and that is the problem",
        ", not even the police",
        " and I am still afraid",
        ", and they know it",
        " and it will happen again",
        ", that is all I can say",
        " and we have the documents",
        ", year after year",
        " and the state looked away",
        ", and now what",
        " and I told them so",
        ", as if that were normal",
        " and nobody wrote it down",
        ", just like before",
        " and we had to pay for it",
        ", no matter who governs",
        " and the children saw everything",
        ", believe me",
        " and the neighbors know it",
    ],
    speakers: &[
        "a police officer who spoke on condition of anonymity",
        "a prosecutor on the case",
        "a defense lawyer",
        "a community leader",
        "a local pastor",
        "a former gang member",
        "a researcher at a university in {P}",
        "a street vendor",
        "an official at the ministry",
        "a retired judge",
        "a forensic doctor",
        "a bus company owner",
        "a security analyst",
        "a former police chief",
        "a mother who was waiting outside the prison",
        "a social worker in {P}",
        "a priest in {P}",
        "a union leader",
        "a former prosecutor",
        "a resident of {P}",
    ],
    says: &[
        "said",
        "told reporters",
        "said in an interview",
        "told this newspaper",
        "wrote on social media",
        "added",
        "said by phone",
        "told a radio station",
        "recalled",
        "insisted",
        "said at a news conference",
        "told a congressional hearing",
        "said in a statement",
        "told local television",
        "explained",
    ],
    short: &[
        "That has not changed.",
        "The numbers tell a different story.",
        "Few in {P} believed it.",
        "Nobody was charged.",
        "The case stalled.",
        "Then the calls stopped.",
        "It did not last.",
        "The answer never came.",
        "Others were less lucky.",
        "The reply was silence.",
        "Not everyone agreed.",
        "The pattern repeated itself.",
        "Nothing happened.",
        "That was in {Y}.",
        "He was {N} years old.",
        "She never went back.",
    ],
    moves: &[
        "fell",
        "rose",
        "dropped",
        "climbed",
        "nearly doubled",
        "stayed flat",
        "fell sharply",
        "rose slightly",
    ],
    amounts: &[
        "by {PCT} percent",
        "to {BIG}",
        "to about {BIG}",
        "by almost a third",
        "to {N} a day",
        "by {N} points",
        "by half",
        "to a record {BIG}",
        "by {PCT}%",
        "to fewer than {N} a week",
        "by more than {PCT} percent",
        "to just over {BIG}",
        "by a quarter",
        "to {N} per 100,000 inhabitants",
    ],
    spans: &[
        "in {Y}",
        "over the past {N} years",
        "in the first half of {Y}",
        "between {Y} and last year",
        "during the same period",
        "since {Y}",
        "in the last quarter",
        "compared with {Y}",
        "in {M}",
        "from {M} to {M}",
        "in the {N} months to {M}",
        "year on year",
        "in the past decade",
        "last year",
    ],
    sources: &[
        "El Faro",
        "InSight Crime",
        "the Attorney General's Office",
        "human rights groups",
        "Cristosal",
        "the US Treasury Department",
        "court documents",
        "a police report",
        "the National Civil Police",
        "local media",
        "prosecutors",
        "two officials who asked not to be named",
        "the Institute of Legal Medicine",
        "the ombudsman's office",
        "a leaked intelligence report",
        "the Supreme Court",
        "Human Rights Watch",
        "the Central American University",
        "Amnesty International",
        "a confidential informant",
        "the Ministry of Security",
        "the transport union",
        "the municipal government",
        "an internal audit",
    ],
    hoods: &[
        "the Colonia",
        "the Barrio",
        "the Reparto",
        "the Residencial",
        "the Comunidad",
    ],
};

const ES_WORDS: Words = Words {
    times: &[
        "El lunes",
        "El martes",
        "El miércoles",
        "El jueves",
        "El viernes",
        "Durante el fin de semana",
        "La semana pasada",
        "A principios de este mes",
        "En {M}",
        "En {M} de {Y}",
        "Esa noche",
        "Dos días después",
        "A finales de {Y}",
        "El domingo temprano",
        "Poco después de la medianoche",
        "Un año antes",
        "En las semanas siguientes",
        "Desde {Y}",
        "A finales del año pasado",
        "De madrugada",
        "En cuestión de horas",
        "Durante buena parte de {Y}",
        "Tres meses más tarde",
        "A inicios de {M}",
        "Antes de las elecciones de {Y}",
    ],
    places: &[
        "en {P}",
        "en las afueras de {P}",
        "en {H}",
        "cerca del mercado central de {P}",
        "en los barrios del oriente de {P}",
        "en la carretera hacia {P}",
        "en el municipio de {P}",
        "en un proyecto habitacional de {P}",
        "en un retén a la salida de {P}",
        "a pocas cuadras de {H}",
        "en los cerros de {P}",
        "en la antigua terminal de buses de {P}",
        "en la zona rural de {P}",
        "al otro lado de la frontera con {P}",
        "en el centro de {P}",
        "detrás de la cancha de {H}",
    ],
    connectives: &[
        "Sin embargo, ",
        "Aun así, ",
        "Al mismo tiempo, ",
        "Mientras tanto, ",
        "En los últimos años, ",
        "Pero ",
        "Según algunas estimaciones, ",
        "Durante años, ",
        "En privado, ",
        "Públicamente, ",
        "Para entonces, ",
        "Con todo, ",
        "Como resultado, ",
        "En la práctica, ",
        "Meses después, ",
        "Según los vecinos, ",
        "En el papel, ",
        "Al final, ",
        "Hasta entonces, ",
        "Hasta hoy, ",
    ],
    attributions: &[
        ", según {SRC}",
        ", dijo {SRC}",
        ", algo que el Gobierno niega",
        ", informaron medios locales",
        ", dijeron las autoridades",
        ", según consta en el expediente",
        ", de acuerdo con cifras de {SRC}",
        ", contaron los vecinos",
        ", como reveló {SRC}",
        ", según dos personas que conocen el caso",
        ", según documentos obtenidos por este periódico",
        ", informó {SRC}",
        ", según un informe de {SRC}",
        ", dijo una abogada de las familias",
        ", según la acusación",
        ", según el acta de la reunión",
        ", dijo un portavoz",
        ", según un memorando interno",
        ", dijeron fuentes judiciales",
        ", según datos obtenidos por una solicitud de información pública",
        ", según relataron varios testigos",
        ", según personas de la zona",
    ],
    subjects: &[
        ("los fiscales", true),
        ("la policía", false),
        ("los soldados", true),
        ("el Gobierno", false),
        ("un juez de {P}", false),
        ("los investigadores", true),
        ("la defensa", false),
        ("abogados de derechos humanos", true),
        ("familiares de las víctimas", true),
        ("el alcalde de {P}", false),
        ("los diputados", true),
        ("la Asamblea Legislativa", false),
        ("la Procuraduría de Derechos Humanos", false),
        ("los vecinos", true),
        ("una unidad especial de la Fiscalía", false),
        ("el gabinete de seguridad", false),
        ("varios testigos", true),
        ("la embajada de Estados Unidos", false),
    ],
    verbs: &[
        ("cuestionó", "cuestionaron"),
        ("revisó", "revisaron"),
        ("negó", "negaron"),
        ("confirmó", "confirmaron"),
        ("investigó", "investigaron"),
        ("ignoró", "ignoraron"),
        ("publicó", "publicaron"),
        ("impugnó", "impugnaron"),
        ("guardó silencio sobre", "guardaron silencio sobre"),
        ("pidió", "pidieron"),
        ("documentó", "documentaron"),
        ("obtuvo", "obtuvieron"),
        ("describió", "describieron"),
        ("puso en duda", "pusieron en duda"),
        ("celebró", "celebraron"),
    ],
    objects: &[
        "{K}",
        "los detalles de {K}",
        "nuevas pruebas sobre {K}",
        "el papel de {G} en {K}",
        "una lista de {N} nombres",
        "la versión oficial",
        "el expediente",
        "un informe sobre {K}",
        "las cifras de {Y}",
        "el relato de {SRC}",
        "la decisión",
        "cada una de las acusaciones",
        "lo ocurrido en {H}",
        "el presupuesto de {K}",
        "el testimonio de {N} testigos",
        "una cronología de {K}",
        "las capturas en {H}",
        "lo que {O} había prometido",
    ],
    official_verbs: &[
        ("anunció", "anunciaron"),
        ("defendió", "defendieron"),
        ("ordenó investigar", "ordenaron investigar"),
        ("prometió revisar", "prometieron revisar"),
        (
            "desestimó las críticas sobre",
            "desestimaron las críticas sobre",
        ),
        ("elogió", "elogiaron"),
        ("se negó a hablar de", "se negaron a hablar de"),
        ("se atribuyó", "se atribuyeron"),
        ("culpó a la oposición por", "culparon a la oposición por"),
        ("autorizó", "autorizaron"),
        ("no quiso comentar", "no quisieron comentar"),
        ("fue informado sobre", "fueron informados sobre"),
    ],
    gang_predicates: &[
        (
            "controló",
            "controlaron",
            &[
                "el mercado de {P}",
                "la terminal de buses",
                "buena parte de {H}",
                "las calles alrededor de la escuela",
            ],
        ),
        (
            "extorsionó",
            "extorsionaron",
            &[
                "a los motoristas de la ruta {N}",
                "a las tortillerías de {H}",
                "a los vendedores ambulantes",
                "a una empresa de reparto",
            ],
        ),
        (
            "reclutó",
            "reclutaron",
            &[
                "a adolescentes de {H}",
                "a niños como vigías",
                "a menores de apenas doce años",
            ],
        ),
        (
            "amenazó",
            "amenazaron",
            &[
                "a las familias de los testigos",
                "a una maestra de {H}",
                "a cualquiera que hablara con la policía",
            ],
        ),
        (
            "ordenó",
            "ordenaron",
            &[
                "el asesinato de un rival",
                "un toque de queda en {H}",
                "a los vecinos abandonar sus casas",
            ],
        ),
        (
            "se enfrentó a",
            "se enfrentaron a",
            &[
                "{G2} por el mercado",
                "la policía cerca de {P}",
                "sus rivales por las rutas de cobro",
            ],
        ),
    ],
    gang_forms: &[
        ("", false),
        ("miembros de ", true),
        ("una clica de ", false),
        ("cabecillas de ", true),
        ("la clica local de ", false),
        ("sicarios de ", true),
        ("cobradores de ", true),
        ("una célula de ", false),
        ("jóvenes miembros de ", true),
    ],
    joiners: &[
        ", y ",
        ", pero ",
        ", mientras ",
        " después de que ",
        " porque ",
        ", aunque ",
        " aun cuando ",
    ],
    quotes: &[
        "Aquí ya nadie confía en nadie",
        "Sabíamos perfectamente quiénes eran",
        "Nadie vino a preguntarnos nada",
        "Solo quiero saber dónde está",
        "Nos dijeron que no habláramos",
        "Esto no es lo que prometieron",
        "Las cifras no cuadran",
        "No vamos a detenernos ahora",
        "Toda la colonia lo sabía",
        "No hubo orden judicial, nada",
        "Llegaron a las cuatro de la mañana",
        "Llevamos {N} meses esperando",
        "Mi hijo no era pandillero",
        "Nos dijeron que firmáramos y que no preguntáramos",
        "Uno aprende a no asomarse a la ventana",
        "Cada semana hay una regla nueva",
        "Los abogados pedían dinero que no tenemos",
        "Él vendía zapatos en el mercado",
        "Les di todos los documentos que pidieron",
        "Lo enterramos sin velorio",
        "Nadie del Gobierno nos ha llamado",
        "Hay días en que a las seis la calle ya está vacía",
        "Era una lista, y mi nombre estaba ahí",
        "Dijeron que iba a tardar una semana",
    ],
    quote_tails: &[
        " y nadie hizo nada",
        " y ese es el problema",
        ", ni siquiera la policía",
        " y todavía tengo miedo",
        ", y ellos lo saben",
        " y va a volver a pasar",
        ", eso es todo lo que puedo decir",
        " y tenemos los documentos",
        ", año tras año",
        " y el Estado miró para otro lado",
        ", ¿y ahora qué?",
        " y así se lo dije",
        ", como si fuera normal",
        " y nadie lo anotó",
        ", igual que antes",
        " y lo tuvimos que pagar",
        ", gobierne quien gobierne",
        " y los niños lo vieron todo",
        ", créame",
        " y los vecinos lo saben",
    ],
    speakers: &[
        "un policía que pidió no ser identificado",
        "una fiscal del caso",
        "un abogado defensor",
        "una líder comunitaria",
        "un pastor evangélico de la zona",
        "un expandillero",
        "un investigador de una universidad de {P}",
        "una vendedora ambulante",
        "un funcionario del ministerio",
        "un juez retirado",
        "una médica forense",
        "el dueño de una empresa de buses",
        "un analista de seguridad",
        "un exjefe policial",
        "una madre que esperaba frente al penal",
        "una trabajadora social de {P}",
        "un sacerdote de {P}",
        "un dirigente sindical",
        "un exfiscal",
        "una vecina de {P}",
    ],
    says: &[
        "dijo",
        "declaró a periodistas",
        "afirmó en una entrevista",
        "dijo a este periódico",
        "escribió en redes sociales",
        "añadió",
        "contó",
        "recordó",
        "insistió",
        "aseguró",
        "relató",
        "explicó",
        "lamentó",
        "advirtió",
        "sostuvo",
    ],
    short: &[
        "Eso no ha cambiado.",
        "Las cifras cuentan otra historia.",
        "Pocos en {P} lo creyeron.",
        "Nadie fue acusado.",
        "El caso se estancó.",
        "Luego las llamadas cesaron.",
        "No duró.",
        "La respuesta nunca llegó.",
        "Otros no tuvieron tanta suerte.",
        "La respuesta fue el silencio.",
        "No todos estuvieron de acuerdo.",
        "El patrón se repitió.",
        "No pasó nada.",
        "Eso fue en {Y}.",
        "Tenía {N} años.",
        "Ella nunca volvió.",
    ],
    moves: &[
        "bajaron",
        "subieron",
        "cayeron",
        "aumentaron",
        "casi se duplicaron",
        "se mantuvieron",
        "cayeron en picada",
        "crecieron levemente",
    ],
    amounts: &[
        "un {PCT} por ciento",
        "hasta {BIG}",
        "hasta unos {BIG}",
        "casi un tercio",
        "hasta {N} por día",
        "{N} puntos",
        "a la mitad",
        "hasta un récord de {BIG}",
        "un {PCT}%",
        "a menos de {N} por semana",
        "más de un {PCT} por ciento",
        "a poco más de {BIG}",
        "una cuarta parte",
        "hasta {N} por cada 100.000 habitantes",
    ],
    spans: &[
        "en {Y}",
        "en los últimos {N} años",
        "en el primer semestre de {Y}",
        "entre {Y} y el año pasado",
        "en el mismo periodo",
        "desde {Y}",
        "en el último trimestre",
        "en comparación con {Y}",
        "en {M}",
        "de {M} a {M}",
        "en los {N} meses hasta {M}",
        "interanual",
        "en la última década",
        "el año pasado",
    ],
    sources: &[
        "El Faro",
        "InSight Crime",
        "la Fiscalía General de la República",
        "organizaciones de derechos humanos",
        "Cristosal",
        "el Departamento del Tesoro",
        "documentos judiciales",
        "un informe policial",
        "la Policía Nacional Civil",
        "medios locales",
        "los fiscales",
        "dos funcionarios que pidieron el anonimato",
        "el Instituto de Medicina Legal",
        "la Procuraduría para la Defensa de los Derechos Humanos",
        "un informe de inteligencia filtrado",
        "la Corte Suprema de Justicia",
        "Human Rights Watch",
        "la Universidad Centroamericana",
        "Amnistía Internacional",
        "un informante confidencial",
        "el Ministerio de Seguridad",
        "el gremio de transportistas",
        "la alcaldía",
        "una auditoría interna",
    ],
    hoods: &[
        "la colonia",
        "el barrio",
        "el reparto",
        "la residencial",
        "la comunidad",
    ],
};

/// First names (and whether the person is a woman) and surnames of the
/// people a story quotes; surnames that name an official are skipped.
const FIRST_NAMES: &[(&str, bool)] = &[
    ("Marta", true),
    ("José", false),
    ("Rosa", true),
    ("Juan Carlos", false),
    ("Ana", true),
    ("Wilfredo", false),
    ("Carmen", true),
    ("Édgar", false),
    ("Gloria", true),
    ("Nelson", false),
    ("Patricia", true),
    ("Ricardo", false),
    ("Yesenia", true),
    ("Óscar", false),
    ("Lorena", true),
    ("Mario", false),
    ("Dinora", true),
    ("Julio", false),
    ("Sandra", true),
    ("Walter", false),
    ("Blanca", true),
    ("Francisco", false),
    ("Elena", true),
    ("René", false),
];
const SURNAMES: &[&str] = &[
    "Quintanilla",
    "Argueta",
    "Portillo",
    "Alvarado",
    "Hernández",
    "Cruz",
    "Orellana",
    "Ventura",
    "Guardado",
    "Ayala",
    "Lemus",
    "Escobar",
    "Pineda",
    "Mendoza",
    "Serrano",
    "Zelaya",
    "Barahona",
    "Chicas",
    "Cañas",
    "Aguilar",
    "Rosales",
    "Turcios",
    "Fuentes",
    "Palacios",
    "Amaya",
    "Castaneda",
];
/// Names of neighbourhoods ({H} = a kind of `Words::hoods` and one of these).
const HOOD_NAMES: &[&str] = &[
    "San Jacinto",
    "Las Margaritas",
    "El Milagro",
    "La Campanera",
    "Montreal",
    "Dina",
    "Iberia",
    "Santa Lucía",
    "Las Palmas",
    "El Refugio",
    "San Roque",
    "La Chacra",
    "Zacamil",
    "Popotlán",
    "Los Conacastes",
    "El Carmen",
    "Altavista",
    "La Cuchilla",
    "Río Zarco",
    "Los Almendros",
    "San Bartolo",
    "El Pepeto",
    "Nueva Esperanza",
    "Las Victorias",
];
const TRADES: &[Trade] = &[
    ("a shopkeeper", "comerciante", "comerciante"),
    (
        "a bus driver",
        "motorista de autobús",
        "motorista de autobús",
    ),
    (
        "a mother of three",
        "padre de tres hijos",
        "madre de tres hijos",
    ),
    ("a teacher", "maestro", "maestra"),
    (
        "a street vendor",
        "vendedor ambulante",
        "vendedora ambulante",
    ),
    ("a lawyer", "abogado", "abogada"),
    ("a nurse", "enfermero", "enfermera"),
    ("a mechanic", "mecánico", "mecánica"),
    ("a retired soldier", "soldado retirado", "soldada retirada"),
    ("a baker", "panadero", "panadera"),
    ("a taxi driver", "taxista", "taxista"),
    (
        "a community organizer",
        "líder comunitario",
        "líder comunitaria",
    ),
];

/// Topic numbers with special rules (see `topic_weight`).
const TRUCE: usize = 2;
const EMERGENCY: usize = 3;
const ELECTIONS: usize = 9;

const TOPICS: &[Topic] = &[
    // 0: extortion
    Topic {
        en: TopicWords {
            titles: &[
                "Shopkeepers in {P} pay {G} to stay open",
                "The renta: how {G} taxes {H}",
                "Bus owners in {P} say extortion has not stopped",
                "{N} charged over extortion ring run from {J}",
            ],
            subjects: &[
                ("shop owners in {H}", true), ("the bus companies", true), ("a collector for {G}", false),
                ("tortilla vendors", true), ("the transport union", false), ("a delivery company", false),
                ("the anti-extortion unit", false), ("small businesses", true),
            ],
            predicates: &[
                ("paid", "paid", &["the weekly quota", "the renta for {N} years", "${N} a week to the clique"]),
                ("stopped paying", "stopped paying", &["the renta", "the collectors", "the quota in {M}"]),
                ("reported", "reported", &["threats by text message", "the extortion calls to the police", "{N} collectors"]),
                ("received", "received", &["calls from {J}", "a list of debtors", "a note under the door"]),
                ("closed", "closed", &["their shops in {H}", "the route for {N} days", "the business after the threats"]),
            ],
            objects: &[
                "the weekly quota", "{K}", "threats by text message", "payments of ${N} a week",
                "the money through relatives", "a list of debtors", "the fee for the route",
                "deposits in {N} bank accounts", "the extortion calls",
            ],
            keys: &[
                "the renta", "the collection route", "the clique's treasurer", "the weekly quota",
                "the extortion calls", "the payments from the bus route",
            ],
            figures: &["extortion complaints", "reported extortion cases", "payments seized by the police"],
            quotes: &[
                "If you do not pay, you close or you die", "We paid every Friday for {N} years",
                "They know what each of us earns",
            ],
            background: &[
                "Extortion remains the main source of income for {G}, which charges a weekly fee known as the renta.",
                "Business groups estimate that extortion costs the country hundreds of millions of dollars a year.",
            ],
        },
        es: TopicWords {
            titles: &[
                "Comerciantes de {P} pagan a {G} para poder abrir",
                "La renta: así cobra {G} en {H}",
                "Transportistas de {P} denuncian que la extorsión continúa",
                "Acusan a {N} por red de extorsión dirigida desde {J}",
            ],
            subjects: &[
                ("los dueños de tiendas de {H}", true), ("las empresas de autobuses", true),
                ("un cobrador de {G}", false), ("las vendedoras de tortillas", true),
                ("el gremio de transportistas", false), ("una empresa de reparto", false),
                ("la unidad antiextorsiones", false), ("los pequeños negocios", true),
            ],
            predicates: &[
                ("pagó", "pagaron", &["la cuota semanal", "la renta durante {N} años", "{N} dólares semanales a la clica"]),
                ("dejó de pagar", "dejaron de pagar", &["la renta", "a los cobradores", "la cuota en {M}"]),
                ("denunció", "denunciaron", &["amenazas por mensajes de texto", "las llamadas extorsivas ante la policía", "a {N} cobradores"]),
                ("recibió", "recibieron", &["llamadas desde {J}", "una lista de deudores", "una nota debajo de la puerta"]),
                ("cerró", "cerraron", &["sus negocios en {H}", "la ruta durante {N} días", "el negocio tras las amenazas"]),
            ],
            objects: &[
                "la cuota semanal", "{K}", "amenazas por mensajes de texto", "pagos de {N} dólares semanales",
                "el dinero a través de familiares", "una lista de deudores", "la cuota de la ruta",
                "depósitos en {N} cuentas bancarias", "las llamadas extorsivas",
            ],
            keys: &[
                "la renta", "la ruta de cobro", "el tesorero de la clica", "la cuota semanal",
                "las llamadas extorsivas", "los pagos de la ruta de buses",
            ],
            figures: &["las denuncias por extorsión", "los casos de extorsión reportados", "los pagos incautados por la policía"],
            quotes: &[
                "Si no pagás, cerrás o te matan", "Pagamos cada viernes durante {N} años",
                "Saben lo que gana cada uno de nosotros",
            ],
            background: &[
                "La extorsión sigue siendo la principal fuente de ingresos de {G}, que cobra una cuota semanal conocida como renta.",
                "Las gremiales empresariales calculan que la extorsión cuesta al país cientos de millones de dólares al año.",
            ],
        },
    },
    // 1: prisons
    Topic {
        en: TopicWords {
            titles: &[
                "Inside {J}: how {G} kept running its business from prison",
                "{N} inmates transferred from {J} overnight",
                "Families wait outside {J} for news of detainees",
                "Prison chief {O} under scrutiny over transfers",
            ],
            subjects: &[
                ("the prison authorities", true), ("inmates in {J}", true), ("the guards", true),
                ("the director of {J}", false), ("the prisons directorate", false), ("visitors", true),
            ],
            predicates: &[
                ("transferred", "transferred", &["{N} inmates to {J}", "the leaders to isolation cells", "prisoners overnight"]),
                ("searched", "searched", &["the cells of {J}", "visitors at the gate", "the maximum-security wing"]),
                ("suspended", "suspended", &["family visits", "the work programs", "contact with lawyers"]),
                ("confiscated", "confiscated", &["{N} phones hidden in the cells", "cash and chargers", "letters for the leaders outside"]),
                ("denied", "denied", &["access to the prison", "reports of deaths in custody", "that inmates were beaten"]),
            ],
            objects: &[
                "the transfer of {N} inmates to {J}", "phones hidden in the cells", "family visits", "the maximum-security wing",
                "{K}", "messages for the leaders outside", "the prison's visitor logs", "food parcels",
            ],
            keys: &[
                "the maximum-security wing", "the prison transfers", "the visitor logs", "the cell searches",
                "the isolation cells", "the overcrowded sector",
            ],
            figures: &["inmates", "deaths in custody", "family visits"],
            quotes: &["They bring him out to the yard once a week", "We send food and we never know if it arrives"],
            background: &[
                "{O} has overseen the prison system since {Y}.",
                "The prison population has more than doubled in a decade, according to {SRC}.",
            ],
        },
        es: TopicWords {
            titles: &[
                "Dentro de {J}: así siguió {G} operando desde el penal",
                "Trasladan de madrugada a {N} reos desde {J}",
                "Familias esperan noticias de los detenidos frente a {J}",
                "Cuestionan a {O} por los traslados de reos",
            ],
            subjects: &[
                ("las autoridades penitenciarias", true), ("los reos de {J}", true), ("los custodios", true),
                ("el director de {J}", false), ("la Dirección de Centros Penales", false), ("las visitas", true),
            ],
            predicates: &[
                ("trasladó", "trasladaron", &["a {N} reos hacia {J}", "a los cabecillas a celdas de aislamiento", "a los privados de libertad de madrugada"]),
                ("requisó", "requisaron", &["las celdas de {J}", "a las visitas en el portón", "el sector de máxima seguridad"]),
                ("suspendió", "suspendieron", &["las visitas familiares", "los programas de trabajo", "el contacto con los abogados"]),
                ("decomisó", "decomisaron", &["{N} teléfonos escondidos en las celdas", "dinero y cargadores", "cartas para los cabecillas en la calle"]),
                ("negó", "negaron", &["el acceso al penal", "las denuncias de muertes bajo custodia", "que los reos fueran golpeados"]),
            ],
            objects: &[
                "el traslado de {N} reos hacia {J}", "teléfonos escondidos en las celdas", "las visitas familiares",
                "el sector de máxima seguridad", "{K}", "mensajes para los cabecillas en la calle",
                "el registro de visitas del penal", "paquetes de comida",
            ],
            keys: &[
                "el sector de máxima seguridad", "los traslados de reos", "el registro de visitas",
                "las requisas en las celdas", "las celdas de aislamiento", "el sector hacinado",
            ],
            figures: &["los reos", "las muertes bajo custodia", "las visitas familiares"],
            quotes: &["Lo sacan al patio una vez por semana", "Mandamos comida y nunca sabemos si le llega"],
            background: &[
                "{O} dirige el sistema penitenciario desde {Y}.",
                "La población carcelaria se ha más que duplicado en una década, según {SRC}.",
            ],
        },
    },
    // 2: the truce and secret negotiations
    Topic {
        en: TopicWords {
            titles: &[
                "{O} denies talks with {G} as homicides fall",
                "The truce, {N} years later: what the gangs got",
                "Secret pact with {G} negotiated inside {J}",
                "Mediators of the truce describe meetings with gang leaders",
            ],
            subjects: &[
                ("the mediators", true), ("gang leaders in {J}", true), ("a bishop who took part in the truce", false),
                ("the negotiators", true), ("the spokesmen of {G}", true),
            ],
            predicates: &[
                ("negotiated", "negotiated", &["the truce", "a ceasefire between {G} and {G2}", "the terms of the pact in {J}"]),
                ("offered", "offered", &["a drop in homicides", "better conditions in {J}", "to stop the killings"]),
                ("demanded", "demanded", &["the end of the transfers", "benefits for their leaders", "jobs programs for their members"]),
                ("denied", "denied", &["any pact with the gangs", "the meetings in {J}", "paying the gangs"]),
                ("broke", "broke", &["the truce", "the pact", "their silence about the talks"]),
            ],
            objects: &[
                "the truce", "better conditions in {J}", "a drop in homicides", "{K}", "benefits for their leaders",
                "the end of the transfers", "the terms of the pact", "a ceasefire between {G} and {G2}",
            ],
            keys: &["the truce", "the gang truce", "the secret talks", "the pact with the gangs", "the prison meetings"],
            figures: &["daily homicides", "visits by the mediators", "gang leaders moved to lower-security prisons"],
            quotes: &["There was never any truce, only a pause", "We sat at the same table as the men who killed my brother"],
            background: &[
                "Under the gang truce of 2012, leaders of {G} were moved from {J} to lower-security prisons.",
                "The truce collapsed in {Y}, and homicides climbed again.",
            ],
        },
        es: TopicWords {
            titles: &[
                "{O} niega pacto con {G} mientras bajan los homicidios",
                "La tregua, {N} años después: lo que obtuvieron las pandillas",
                "Pacto secreto con {G} se negoció dentro de {J}",
                "Mediadores de la tregua describen reuniones con cabecillas",
            ],
            subjects: &[
                ("los mediadores", true), ("los cabecillas recluidos en {J}", true),
                ("un obispo que participó en la tregua", false), ("los negociadores", true),
                ("los voceros de {G}", true),
            ],
            predicates: &[
                ("negoció", "negociaron", &["la tregua", "un cese al fuego entre {G} y {G2}", "los términos del pacto en {J}"]),
                ("ofreció", "ofrecieron", &["una baja de los homicidios", "mejores condiciones en {J}", "detener los asesinatos"]),
                ("exigió", "exigieron", &["el fin de los traslados", "beneficios para sus líderes", "programas de empleo para sus miembros"]),
                ("negó", "negaron", &["cualquier pacto con las pandillas", "las reuniones en {J}", "haber pagado a las pandillas"]),
                ("rompió", "rompieron", &["la tregua", "el pacto", "su silencio sobre las negociaciones"]),
            ],
            objects: &[
                "la tregua", "mejores condiciones en {J}", "una baja de los homicidios", "{K}",
                "beneficios para sus líderes", "el fin de los traslados", "los términos del pacto",
                "un cese al fuego entre {G} y {G2}",
            ],
            keys: &["la tregua", "la tregua entre pandillas", "las negociaciones secretas", "el pacto con las pandillas", "las reuniones en los penales"],
            figures: &["los homicidios diarios", "las visitas de los mediadores", "los cabecillas trasladados a penales de menor seguridad"],
            quotes: &["Nunca hubo tregua, solo una pausa", "Nos sentamos a la misma mesa que los que mataron a mi hermano"],
            background: &[
                "Durante la tregua entre pandillas de 2012, los líderes de {G} fueron trasladados desde {J} a penales de menor seguridad.",
                "La tregua se rompió en {Y} y los homicidios volvieron a subir.",
            ],
        },
    },
    // 3: the state of exception (2022 on)
    Topic {
        en: TopicWords {
            titles: &[
                "{SRC} says state of exception led to arbitrary arrests in {P}",
                "Under the emergency, {N} detained in {H} in one night",
                "Lawmakers extend the state of exception again",
                "Families of detainees in {P} ask for their release",
            ],
            subjects: &[
                ("the Legislative Assembly", false), ("soldiers and police", true), ("families of the detained", true),
                ("the emergency courts", true), ("a mass hearing", false),
            ],
            predicates: &[
                ("extended", "extended", &["the state of exception", "the emergency decree for {N} days", "the suspension of guarantees"]),
                ("detained", "detained", &["{N} people in {H}", "men with no criminal record", "a teenager on his way to school"]),
                ("processed", "processed", &["hundreds of defendants at once", "{N} detainees in a single hearing", "the cases in bulk"]),
                ("released", "released", &["{N} detainees", "a few of those arrested", "the bodies of {N} inmates"]),
                ("questioned", "questioned", &["the mass arrests", "the emergency decree", "the deaths in custody"]),
            ],
            objects: &[
                "the state of exception", "{N} people in {H}", "{K}", "constitutional guarantees",
                "hundreds of defendants at once", "people with no criminal record", "the emergency decree",
            ],
            keys: &["the state of exception", "the emergency decree", "the mass arrests", "the mass hearings", "the suspended guarantees"],
            figures: &["arrests under the emergency", "complaints of arbitrary detention", "deaths in custody"],
            quotes: &["They took him because of a tattoo he does not have", "Nobody tells us where she is being held"],
            background: &[
                "The state of exception, first approved in March 2022, suspends the right to be told the reason for an arrest.",
                "Since the state of exception began, more than {BIG} people have been detained.",
            ],
        },
        es: TopicWords {
            titles: &[
                "{SRC} denuncia detenciones arbitrarias en {P} bajo el régimen de excepción",
                "Bajo el régimen, {N} capturados en {H} en una sola noche",
                "La Asamblea prorroga el régimen de excepción por {N}.ª vez",
                "Familias de detenidos en {P} piden su liberación",
            ],
            subjects: &[
                ("la Asamblea Legislativa", false), ("soldados y policías", true), ("las familias de los detenidos", true),
                ("los tribunales especiales", true), ("una audiencia masiva", false),
            ],
            predicates: &[
                ("prorrogó", "prorrogaron", &["el régimen de excepción", "el decreto de emergencia por {N} días", "la suspensión de garantías"]),
                ("capturó", "capturaron", &["a {N} personas en {H}", "a hombres sin antecedentes", "a un adolescente camino a la escuela"]),
                ("procesó", "procesaron", &["a cientos de imputados a la vez", "a {N} detenidos en una sola audiencia", "los casos en bloque"]),
                ("liberó", "liberaron", &["a {N} detenidos", "a unos pocos de los capturados", "los cuerpos de {N} reos"]),
                ("cuestionó", "cuestionaron", &["las capturas masivas", "el decreto de emergencia", "las muertes bajo custodia"]),
            ],
            objects: &[
                "el régimen de excepción", "a {N} personas en {H}", "{K}", "las garantías constitucionales",
                "a cientos de imputados a la vez", "a personas sin antecedentes", "el decreto de emergencia",
            ],
            keys: &["el régimen de excepción", "el decreto de emergencia", "las capturas masivas", "las audiencias masivas", "las garantías suspendidas"],
            figures: &["las capturas bajo el régimen", "las denuncias por detención arbitraria", "las muertes bajo custodia"],
            quotes: &["Se lo llevaron por un tatuaje que no tiene", "Nadie nos dice dónde la tienen"],
            background: &[
                "El régimen de excepción, aprobado en marzo de 2022, suspende el derecho a ser informado de la razón de la detención.",
                "Desde que comenzó el régimen de excepción, más de {BIG} personas han sido capturadas.",
            ],
        },
    },
    // 4: homicides
    Topic {
        en: TopicWords {
            titles: &[
                "Homicides in {P} fall for {N} months in a row",
                "Three bodies found in {H}",
                "Killings in {P} blamed on war between {G} and {G2}",
                "The disappeared of {H}",
            ],
            subjects: &[
                ("forensic teams", true), ("the medical examiner", false), ("the homicide unit", false),
                ("gunmen", true), ("the families of the disappeared", true),
            ],
            predicates: &[
                ("found", "found", &["{N} bodies in a well", "a clandestine grave in {H}", "the remains of {N} people"]),
                ("identified", "identified", &["the victims by their clothes", "{N} of the bodies", "the men missing since {M}"]),
                ("searched for", "searched for", &["the disappeared", "a missing teenager", "graves on the hillside"]),
                ("exhumed", "exhumed", &["{N} bodies", "the grave behind the house", "the remains of a woman"]),
                ("recorded", "recorded", &["{N} killings in {H}", "the death of a bus driver on route {N}", "two murders near the market"]),
            ],
            objects: &[
                "{N} bodies in a well", "the victims by their clothes", "{K}", "a clandestine grave in {H}",
                "the remains of {N} people", "the men who were missing since {M}",
            ],
            keys: &["the clandestine graves", "the disappearances", "the homicide figures", "the killings in {H}", "the forensic reports"],
            figures: &["homicides", "disappearances reported to the police", "killings of women"],
            quotes: &["He left for work and never came back", "They found him by the shoes he was wearing"],
            background: &["Disappearances are not counted as homicides, which critics say flatters the official figures."],
        },
        es: TopicWords {
            titles: &[
                "Los homicidios en {P} bajan por {N}.º mes consecutivo",
                "Hallan tres cuerpos en {H}",
                "Atribuyen asesinatos en {P} a la guerra entre {G} y {G2}",
                "Los desaparecidos de {H}",
            ],
            subjects: &[
                ("los equipos forenses", true), ("Medicina Legal", false), ("la unidad de homicidios", false),
                ("hombres armados", true), ("las familias de los desaparecidos", true),
            ],
            predicates: &[
                ("encontró", "encontraron", &["{N} cuerpos en un pozo", "una fosa clandestina en {H}", "los restos de {N} personas"]),
                ("identificó", "identificaron", &["a las víctimas por su ropa", "{N} de los cuerpos", "a los hombres desaparecidos desde {M}"]),
                ("buscó", "buscaron", &["a los desaparecidos", "a un adolescente desaparecido", "fosas en la ladera"]),
                ("exhumó", "exhumaron", &["{N} cuerpos", "la fosa detrás de la casa", "los restos de una mujer"]),
                ("registró", "registraron", &["{N} asesinatos en {H}", "la muerte de un motorista de la ruta {N}", "dos homicidios cerca del mercado"]),
            ],
            objects: &[
                "{N} cuerpos en un pozo", "a las víctimas por su ropa", "{K}", "una fosa clandestina en {H}",
                "los restos de {N} personas", "a los hombres desaparecidos desde {M}",
            ],
            keys: &["las fosas clandestinas", "las desapariciones", "las cifras de homicidios", "los asesinatos en {H}", "los informes forenses"],
            figures: &["los homicidios", "las desapariciones denunciadas", "los feminicidios"],
            quotes: &["Salió a trabajar y nunca regresó", "Lo reconocimos por los zapatos que andaba"],
            background: &["Las desapariciones no se cuentan como homicidios, algo que según los críticos maquilla las cifras oficiales."],
        },
    },
    // 5: courts
    Topic {
        en: TopicWords {
            titles: &[
                "Court in {P} convicts {N} in {G} case",
                "Judge orders new trial for {N} defendants",
                "Prosecutors drop charges against {O}",
                "Witness describes {G} hierarchy in court",
            ],
            subjects: &[
                ("the court", false), ("the judge", false), ("the defense lawyers", true), ("a protected witness", false),
                ("the appeals chamber", false), ("the jury", false),
            ],
            predicates: &[
                ("convicted", "convicted", &["{N} defendants", "the leaders of the clique", "{N} men of extortion and homicide"]),
                ("sentenced", "sentenced", &["{N} gang members to up to {BIGN} years", "the former police officer", "the clique's treasurer"]),
                ("postponed", "postponed", &["the hearing until {M}", "the trial once again", "the sentencing"]),
                ("admitted", "admitted", &["the evidence from the wiretaps", "the testimony of a protected witness", "new charges"]),
                ("rejected", "rejected", &["a request for house arrest", "the appeal", "the defense's motion"]),
            ],
            objects: &[
                "{N} defendants", "the hearing until {M}", "{K}", "the evidence from the wiretaps",
                "a request for house arrest", "the testimony of a protected witness", "sentences of up to {BIGN} years",
            ],
            keys: &["the trial", "the protected witness", "the wiretaps", "the sentencing hearing", "the appeal"],
            figures: &["convictions", "cases dismissed for lack of evidence", "pretrial detainees"],
            quotes: &["The evidence was never shown to us", "Justice arrived {N} years late"],
            background: &["Defendants face charges of illicit association, homicide and extortion."],
        },
        es: TopicWords {
            titles: &[
                "Tribunal de {P} condena a {N} en caso contra {G}",
                "Jueza ordena nuevo juicio para {N} imputados",
                "Fiscalía retira cargos contra {O}",
                "Testigo describe la estructura de {G} ante el tribunal",
            ],
            subjects: &[
                ("el tribunal", false), ("la jueza", false), ("los abogados defensores", true), ("un testigo criteriado", false),
                ("la cámara de apelaciones", false), ("el jurado", false),
            ],
            predicates: &[
                ("condenó", "condenaron", &["a {N} imputados", "a los cabecillas de la clica", "a {N} hombres por extorsión y homicidio"]),
                ("sentenció", "sentenciaron", &["a {N} pandilleros a penas de hasta {BIGN} años", "al expolicía", "al tesorero de la clica"]),
                ("aplazó", "aplazaron", &["la audiencia hasta {M}", "el juicio por {N}.ª vez", "la lectura de la sentencia"]),
                ("admitió", "admitieron", &["las pruebas de las escuchas telefónicas", "el testimonio de un testigo protegido", "nuevos cargos"]),
                ("rechazó", "rechazaron", &["una solicitud de arresto domiciliario", "la apelación", "el recurso de la defensa"]),
            ],
            objects: &[
                "a {N} imputados", "la audiencia hasta {M}", "{K}", "las pruebas de las escuchas telefónicas",
                "una solicitud de arresto domiciliario", "el testimonio de un testigo protegido", "penas de hasta {BIGN} años",
            ],
            keys: &["el juicio", "el testigo protegido", "las escuchas telefónicas", "la vista de sentencia", "la apelación"],
            figures: &["las condenas", "los casos sobreseídos por falta de pruebas", "los detenidos sin condena"],
            quotes: &["Nunca nos mostraron las pruebas", "La justicia llegó {N} años tarde"],
            background: &["Los imputados enfrentan cargos de agrupaciones ilícitas, homicidio y extorsión."],
        },
    },
    // 6: corruption
    Topic {
        en: TopicWords {
            titles: &[
                "Audit finds ${BIG} missing from security budget",
                "Former minister {O} accused of diverting funds",
                "Shell companies linked to {G} won public contracts",
                "The money trail behind {K}",
            ],
            subjects: &[
                ("the Court of Accounts", false), ("auditors", true), ("a shell company", false), ("the finance committee", false),
                ("former officials", true),
            ],
            predicates: &[
                ("diverted", "diverted", &["${BIG} in public funds", "money from the security budget", "the reserved funds"]),
                ("laundered", "laundered", &["the money through front companies", "${BIG} through a car dealership", "payments from {G}"]),
                ("awarded", "awarded", &["contracts worth ${BIG}", "no-bid contracts to a relative", "the prison food contract"]),
                ("froze", "froze", &["the accounts of {N} companies", "properties in {P}", "${BIG} in assets"]),
                ("audited", "audited", &["the reserved funds", "the ministry's spending for {Y}", "{N} contracts"]),
            ],
            objects: &[
                "${BIG} in public funds", "{K}", "contracts worth ${BIG}", "the accounts of {N} companies",
                "payments through a front company", "properties in {P}",
            ],
            keys: &["the reserved funds", "the front companies", "the no-bid contracts", "the audit", "the money trail"],
            figures: &["reserved funds", "contracts awarded without bidding", "assets frozen by the courts"],
            quotes: &["The paper trail ends in a shell company", "Nobody audits the reserved funds"],
            background: &["The reserved funds of the presidency are exempt from public scrutiny."],
        },
        es: TopicWords {
            titles: &[
                "Auditoría detecta faltante de {BIG} dólares en el presupuesto de seguridad",
                "Acusan al exministro {O} de desviar fondos",
                "Empresas de fachada ligadas a {G} ganaron contratos públicos",
                "La ruta del dinero detrás de {K}",
            ],
            subjects: &[
                ("la Corte de Cuentas", false), ("los auditores", true), ("una empresa de fachada", false),
                ("la comisión de hacienda", false), ("exfuncionarios", true),
            ],
            predicates: &[
                ("desvió", "desviaron", &["{BIG} dólares de fondos públicos", "dinero del presupuesto de seguridad", "la partida secreta"]),
                ("lavó", "lavaron", &["el dinero a través de empresas de fachada", "{BIG} dólares mediante una venta de autos", "pagos de {G}"]),
                ("adjudicó", "adjudicaron", &["contratos por {BIG} dólares", "contratos sin licitación a un familiar", "el contrato de alimentación de los penales"]),
                ("congeló", "congelaron", &["las cuentas de {N} empresas", "propiedades en {P}", "bienes por {BIG} dólares"]),
                ("auditó", "auditaron", &["la partida secreta", "el gasto del ministerio en {Y}", "{N} contratos"]),
            ],
            objects: &[
                "{BIG} dólares de fondos públicos", "{K}", "contratos por {BIG} dólares", "las cuentas de {N} empresas",
                "pagos a través de una empresa pantalla", "propiedades en {P}",
            ],
            keys: &["la partida secreta", "las empresas de fachada", "los contratos sin licitación", "la auditoría", "la ruta del dinero"],
            figures: &["los fondos reservados", "los contratos adjudicados sin licitación", "los bienes congelados por los tribunales"],
            quotes: &["El rastro de papel termina en una empresa pantalla", "Nadie audita la partida secreta"],
            background: &["La partida secreta de la Presidencia no está sujeta a escrutinio público."],
        },
    },
    // 7: drug trafficking
    Topic {
        en: TopicWords {
            titles: &[
                "Cocaine shipment seized off the coast of {P}",
                "How {G} moved drugs through {P}",
                "US extradition request names {N} traffickers",
                "The airstrip in {H}",
            ],
            subjects: &[
                ("the navy", false), ("traffickers", true), ("the anti-narcotics division", false), ("a fishing boat", false),
                ("the DEA", false), ("local transport networks", true),
            ],
            predicates: &[
                ("seized", "seized", &["{N} packages of cocaine", "a go-fast boat", "the cargo in a warehouse in {P}"]),
                ("smuggled", "smuggled", &["cocaine in a truck of fruit", "the drugs across the border", "cash back south"]),
                ("intercepted", "intercepted", &["the shipment off the coast", "a plane on a clandestine airstrip", "{N} boats"]),
                ("stored", "stored", &["the drugs on a farm near {P}", "the cargo in {H}", "fuel for the boats"]),
                ("extradited", "extradited", &["{N} traffickers", "the owner of the airstrip", "a former mayor"]),
            ],
            objects: &[
                "{N} packages of cocaine", "the shipment", "{K}", "a go-fast boat", "drugs hidden in a truck of fruit",
                "the cargo in a warehouse in {P}",
            ],
            keys: &["the shipment", "the smuggling route", "the airstrip", "the extradition request", "the go-fast boats"],
            figures: &["cocaine seizures", "extraditions", "kilos seized"],
            quotes: &["The boats come in at night and leave before dawn", "Everybody on the coast works for someone"],
            background: &["The Pacific coast has long been a transit point for cocaine headed north."],
        },
        es: TopicWords {
            titles: &[
                "Decomisan cargamento de cocaína frente a la costa de {P}",
                "Así movía {G} droga a través de {P}",
                "Solicitud de extradición de EE. UU. nombra a {N} narcotraficantes",
                "La pista clandestina de {H}",
            ],
            subjects: &[
                ("la Fuerza Naval", false), ("los narcotraficantes", true), ("la División Antinarcóticos", false),
                ("una lancha pesquera", false), ("la DEA", false), ("las redes de transporte locales", true),
            ],
            predicates: &[
                ("decomisó", "decomisaron", &["{N} paquetes de cocaína", "una lancha rápida", "la carga en una bodega de {P}"]),
                ("trasegó", "trasegaron", &["cocaína en un camión de fruta", "la droga a través de la frontera", "dinero en efectivo hacia el sur"]),
                ("interceptó", "interceptaron", &["el cargamento frente a la costa", "una avioneta en una pista clandestina", "{N} lanchas"]),
                ("almacenó", "almacenaron", &["la droga en una finca cerca de {P}", "la carga en {H}", "combustible para las lanchas"]),
                ("extraditó", "extraditaron", &["a {N} narcotraficantes", "al dueño de la pista", "a un exalcalde"]),
            ],
            objects: &[
                "{N} paquetes de cocaína", "el cargamento", "{K}", "una lancha rápida", "droga escondida en un camión de fruta",
                "la carga en una bodega de {P}",
            ],
            keys: &["el cargamento", "la ruta del trasiego", "la pista clandestina", "la solicitud de extradición", "las lanchas rápidas"],
            figures: &["los decomisos de cocaína", "las extradiciones", "los kilos decomisados"],
            quotes: &["Las lanchas entran de noche y se van antes del amanecer", "En la costa todos trabajan para alguien"],
            background: &["La costa del Pacífico es desde hace años un punto de tránsito de la cocaína que va hacia el norte."],
        },
    },
    // 8: migration
    Topic {
        en: TopicWords {
            titles: &[
                "Deported to {P}, threatened by {G}",
                "Families flee {H} after gang threats",
                "{N} deportees arrive on a charter flight",
                "Why young people leave {P}",
            ],
            subjects: &[
                ("deportees", true), ("the families who fled", true), ("smugglers", true), ("the migration office", false),
                ("asylum lawyers", true),
            ],
            predicates: &[
                ("fled", "fled", &["{H} after the threats", "the country with their children", "to Guatemala by bus"]),
                ("crossed", "crossed", &["the border at night", "the river on a raft", "Mexico in {N} days"]),
                ("sought", "sought", &["asylum in the United States", "refuge with relatives in {P}", "protection from the courts"]),
                ("deported", "deported", &["{N} people on a charter flight", "the young man after {N} years", "families with children"]),
                ("paid", "paid", &["the smugglers ${BIG}", "a guide to cross", "debts left behind"]),
            ],
            objects: &[
                "asylum in the United States", "the border at night", "{K}", "the smugglers ${BIG}",
                "a shelter in Mexico", "their homes in {H}",
            ],
            keys: &["the deportation flights", "the asylum claims", "the journey north", "the smugglers' fees", "the abandoned houses"],
            figures: &["deportations from the United States", "asylum claims", "families displaced by violence"],
            quotes: &["We left with what we were wearing", "Here they told me I would be killed if I stayed"],
            background: &["Deportees with tattoos are often detained on arrival."],
        },
        es: TopicWords {
            titles: &[
                "Deportado a {P}, amenazado por {G}",
                "Familias huyen de {H} tras amenazas de pandilleros",
                "Llegan {N} deportados en un vuelo chárter",
                "Por qué los jóvenes se van de {P}",
            ],
            subjects: &[
                ("los deportados", true), ("las familias que huyeron", true), ("los coyotes", true),
                ("la oficina de migración", false), ("los abogados de asilo", true),
            ],
            predicates: &[
                ("huyó de", "huyeron de", &["{H} tras las amenazas", "el país con sus hijos", "la colonia en autobús"]),
                ("cruzó", "cruzaron", &["la frontera de noche", "el río en una balsa", "México en {N} días"]),
                ("solicitó", "solicitaron", &["asilo en Estados Unidos", "refugio con familiares en {P}", "protección ante los tribunales"]),
                ("deportó", "deportaron", &["a {N} personas en un vuelo chárter", "al joven después de {N} años", "a familias con niños"]),
                ("pagó", "pagaron", &["{BIG} dólares al coyote", "a un guía para cruzar", "las deudas que dejaron"]),
            ],
            objects: &[
                "asilo en Estados Unidos", "la frontera de noche", "{K}", "{BIG} dólares al coyote",
                "un albergue en México", "sus casas en {H}",
            ],
            keys: &["los vuelos de deportados", "las solicitudes de asilo", "el viaje hacia el norte", "el cobro de los coyotes", "las casas abandonadas"],
            figures: &["las deportaciones desde Estados Unidos", "las solicitudes de asilo", "las familias desplazadas por la violencia"],
            quotes: &["Salimos con lo que andábamos puesto", "Aquí me dijeron que si me quedaba me mataban"],
            background: &["Los deportados con tatuajes suelen ser detenidos al llegar."],
        },
    },
    // 9: elections and politics
    Topic {
        en: TopicWords {
            titles: &[
                "Candidates in {P} campaign in gang territory",
                "{O} promises a tougher security plan",
                "Voters in {H} say gangs told them how to vote",
                "Assembly approves security budget after heated debate",
            ],
            subjects: &[
                ("the candidates", true), ("the ruling party", false), ("opposition deputies", true), ("campaign staff", true),
                ("the electoral tribunal", false),
            ],
            predicates: &[
                ("promised", "promised", &["a tougher security plan", "more soldiers on the streets", "to end extortion"]),
                ("approved", "approved", &["the security budget", "reforms to the penal code", "a loan for the police"]),
                ("held", "held", &["rallies in {H}", "a closed-door meeting with mayors", "a debate on security"]),
                ("criticized", "criticized", &["the government's security plan", "the vote count in {P}", "the rival campaign"]),
                ("won", "won", &["{N} seats in the Assembly", "the mayor's office in {P}", "the runoff"]),
            ],
            objects: &[
                "a tougher security plan", "the budget for the police", "{K}", "reforms to the penal code",
                "access to {H} for their rallies", "the vote count in {P}",
            ],
            keys: &["the campaign", "the security plan", "the vote", "the reform of the penal code", "the rallies in gang territory"],
            figures: &["votes for the ruling party", "seats in the Assembly", "approval ratings"],
            quotes: &["Nobody campaigns here without permission", "Security is the only thing voters ask about"],
            background: &["Parties of every stripe have been accused of negotiating access to gang territory during campaigns."],
        },
        es: TopicWords {
            titles: &[
                "Candidatos de {P} hacen campaña en territorio de pandillas",
                "{O} promete un plan de seguridad más duro",
                "Votantes de {H} dicen que los pandilleros les indicaron por quién votar",
                "La Asamblea aprueba el presupuesto de seguridad tras un tenso debate",
            ],
            subjects: &[
                ("los candidatos", true), ("el partido oficialista", false), ("los diputados de oposición", true),
                ("el equipo de campaña", false), ("el Tribunal Supremo Electoral", false),
            ],
            predicates: &[
                ("prometió", "prometieron", &["un plan de seguridad más duro", "más soldados en las calles", "acabar con la extorsión"]),
                ("aprobó", "aprobaron", &["el presupuesto de seguridad", "reformas al Código Penal", "un préstamo para la policía"]),
                ("realizó", "realizaron", &["mítines en {H}", "una reunión a puerta cerrada con alcaldes", "un debate sobre seguridad"]),
                ("criticó", "criticaron", &["el plan de seguridad del Gobierno", "el conteo de votos en {P}", "la campaña rival"]),
                ("ganó", "ganaron", &["{N} escaños en la Asamblea", "la alcaldía de {P}", "la segunda vuelta"]),
            ],
            objects: &[
                "un plan de seguridad más duro", "el presupuesto de la policía", "{K}", "reformas al Código Penal",
                "el acceso a {H} para sus mítines", "el conteo de votos en {P}",
            ],
            keys: &["la campaña", "el plan de seguridad", "la votación", "la reforma al Código Penal", "los mítines en territorio de pandillas"],
            figures: &["los votos del oficialismo", "los escaños en la Asamblea", "los índices de aprobación"],
            quotes: &["Aquí nadie hace campaña sin permiso", "La seguridad es lo único que preguntan los votantes"],
            background: &["Partidos de todo signo han sido acusados de negociar el acceso a territorios de pandillas durante las campañas."],
        },
    },
    // 10: police operations
    Topic {
        en: TopicWords {
            titles: &[
                "Police arrest {N} alleged {G} members in {P}",
                "Operation {OP}: what prosecutors found",
                "Raids in {H} end with {N} arrests",
                "Soldiers surround {P} in search of gang leaders",
            ],
            subjects: &[
                ("the police", true), ("an elite unit", false), ("soldiers", true), ("the task force", false), ("agents of the intelligence division", true),
            ],
            predicates: &[
                ("raided", "raided", &["{N} houses in {H}", "a workshop in {P}", "the market before dawn"]),
                ("arrested", "arrested", &["{N} suspected members of {G}", "the clique's leader", "{N} people in {H}"]),
                ("surrounded", "surrounded", &["{P} with soldiers", "the neighborhood at dawn", "a farm near {P}"]),
                ("seized", "seized", &["weapons and ${BIG} in cash", "{N} rifles", "motorcycles used by the collectors"]),
                ("launched", "launched", &["Operation {OP}", "a new phase of the plan", "raids in {N} municipalities"]),
            ],
            objects: &[
                "{N} houses in {H}", "{N} suspected members of {G}", "{K}", "the neighborhood at dawn",
                "weapons and ${BIG} in cash", "Operation {OP}",
            ],
            keys: &["the operation", "the raids", "the arrest warrants", "the seized weapons", "the search for the leaders"],
            figures: &["arrests", "weapons seized", "arrest warrants served"],
            quotes: &["They kicked the door in without saying a word", "This structure has been dismantled"],
            background: &["Police say the operation was the result of {N} months of investigation."],
        },
        es: TopicWords {
            titles: &[
                "Capturan a {N} supuestos miembros de {G} en {P}",
                "Operación {OP}: lo que encontró la Fiscalía",
                "Allanamientos en {H} terminan con {N} capturas",
                "Soldados cercan {P} en busca de cabecillas",
            ],
            subjects: &[
                ("la policía", false), ("una unidad élite", false), ("los soldados", true), ("la fuerza de tarea", false),
                ("agentes de la división de inteligencia", true),
            ],
            predicates: &[
                ("allanó", "allanaron", &["{N} casas en {H}", "un taller en {P}", "el mercado antes del amanecer"]),
                ("capturó", "capturaron", &["a {N} supuestos miembros de {G}", "al cabecilla de la clica", "a {N} personas en {H}"]),
                ("cercó", "cercaron", &["{P} con soldados", "la colonia de madrugada", "una finca cerca de {P}"]),
                ("incautó", "incautaron", &["armas y {BIG} dólares en efectivo", "{N} fusiles", "motocicletas usadas por los cobradores"]),
                ("lanzó", "lanzaron", &["la Operación {OP}", "una nueva fase del plan", "allanamientos en {N} municipios"]),
            ],
            objects: &[
                "{N} casas en {H}", "a {N} supuestos miembros de {G}", "{K}", "la colonia de madrugada",
                "armas y {BIG} dólares en efectivo", "la Operación {OP}",
            ],
            keys: &["el operativo", "los allanamientos", "las órdenes de captura", "las armas incautadas", "la búsqueda de los cabecillas"],
            figures: &["las capturas", "las armas incautadas", "las órdenes de captura ejecutadas"],
            quotes: &["Botaron la puerta sin decir nada", "Esta estructura ha sido desarticulada"],
            background: &["La policía afirma que el operativo fue el resultado de {N} meses de investigación."],
        },
    },
];

/// An official: canonical name, every full name, surname, role.
type Official = (String, Vec<String>, Option<String>, Option<String>);

/// The registry, ranked for sampling: the first names are the common ones.
struct Cast {
    gangs: Vec<(String, Vec<String>)>,
    officials: Vec<Official>,
    gang_zipf: Zipf,
    official_zipf: Zipf,
    /// The first names and surnames of invented witnesses that cannot be
    /// read as an official of the registry.
    first_names: Vec<(&'static str, bool)>,
    surnames: Vec<&'static str>,
}

impl Cast {
    fn new(schema: &Schema) -> Self {
        let gangs: Vec<(String, Vec<String>)> = schema
            .gangs()
            .iter()
            .map(|g| {
                let mut names = vec![g.name.clone()];
                names.extend(g.aliases.iter().cloned());
                (g.name.clone(), names)
            })
            .collect();
        let officials: Vec<_> = schema
            .officials()
            .iter()
            .map(|o| {
                let mut names = vec![o.name.clone()];
                names.extend(o.aliases.iter().cloned());
                (
                    o.name.clone(),
                    names,
                    o.surnames.first().cloned(),
                    o.role.clone(),
                )
            })
            .collect();
        // Every word of an official's names, lower-cased: a witness's
        // surname must not be one (nor a first name a one-word alias).
        let tokens: HashSet<String> = officials
            .iter()
            .flat_map(|(_, names, surname, _)| names.iter().chain(surname))
            .flat_map(|n| n.split_whitespace().map(str::to_lowercase))
            .collect();
        let single: HashSet<String> = officials
            .iter()
            .flat_map(|(_, names, surname, _)| names.iter().chain(surname))
            .filter(|n| !n.contains(' '))
            .map(|n| n.to_lowercase())
            .collect();
        let first_names = FIRST_NAMES
            .iter()
            .copied()
            .filter(|(f, _)| !single.contains(&f.to_lowercase()))
            .collect();
        let surnames = SURNAMES
            .iter()
            .copied()
            .filter(|s| !tokens.contains(&s.to_lowercase()))
            .collect();
        Cast {
            first_names,
            surnames,
            gang_zipf: Zipf::new(gangs.len().max(1), 1.1),
            official_zipf: Zipf::new(officials.len().max(1), 1.05),
            gangs,
            officials,
        }
    }
}

/// How often a topic is drawn in a given year: the truce is news in
/// 2012–2014, the state of exception from 2022 on, elections in their years.
fn topic_weight(topic: usize, year: i32) -> usize {
    match topic {
        TRUCE if (2012..=2014).contains(&year) => 40,
        TRUCE if year > 2014 => 4,
        TRUCE => 1,
        EMERGENCY if year >= 2022 => 45,
        EMERGENCY => 0,
        ELECTIONS if [2014, 2015, 2018, 2019, 2021, 2024].contains(&year) => 14,
        ELECTIONS => 6,
        _ => 10,
    }
}

/// A topic for a story of `year`.
fn draw_topic(rng: &mut Rng, year: i32) -> usize {
    let total: usize = (0..TOPICS.len()).map(|t| topic_weight(t, year)).sum();
    let mut roll = rng.below(total);
    for t in 0..TOPICS.len() {
        let w = topic_weight(t, year);
        if roll < w {
            return t;
        }
        roll -= w;
    }
    0
}

/// Fills the `{…}` slots of `template` with `slot`.
fn fill_with(template: &str, out: &mut String, slot: &mut dyn FnMut(&str, &mut String)) {
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            out.push_str(&rest[start..]);
            return;
        };
        slot(&rest[start + 1..start + len], out);
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
}

/// Upper-cases the first letter of `s` from byte `at` on.
fn capitalize_from(s: &mut String, at: usize) {
    if let Some(first) = s[at..].chars().next().filter(|c| c.is_lowercase()) {
        s.replace_range(at..at + first.len_utf8(), &first.to_uppercase().to_string());
    }
}

/// Who the subject of a clause is (what verbs fit).
#[derive(Clone, Copy, PartialEq)]
enum Who {
    Topic,
    Official,
    Gang,
    Other,
}

/// Someone the story quotes: not in the registry.
struct Witness {
    first: &'static str,
    female: bool,
    surname: &'static str,
    trade: Trade,
    age: usize,
    named: bool,
}

/// Pool identifiers for `Story::pick` (each pool gets its own subset).
mod pool {
    pub const TOPIC_SUBJECT: u64 = 1;
    pub const TOPIC_PREDICATE: u64 = 2;
    pub const TOPIC_OBJECT: u64 = 3;
    pub const SUBJECT: u64 = 4;
    pub const VERB: u64 = 5;
    pub const OBJECT: u64 = 6;
    pub const TIME: u64 = 7;
    pub const PLACE: u64 = 8;
    pub const CONNECTIVE: u64 = 9;
    pub const ATTRIBUTION: u64 = 10;
    pub const JOINER: u64 = 11;
    pub const QUOTE: u64 = 12;
    pub const TOPIC_QUOTE: u64 = 13;
    pub const QUOTE_TAIL: u64 = 14;
    pub const SPEAKER: u64 = 15;
    pub const SAY: u64 = 16;
    pub const SHORT: u64 = 17;
    pub const FIGURE: u64 = 18;
    pub const MOVE: u64 = 19;
    pub const AMOUNT: u64 = 20;
    pub const SPAN: u64 = 21;
    pub const SOURCE: u64 = 22;
    pub const PRISON: u64 = 23;
    pub const OPERATION: u64 = 24;
    pub const OFFICIAL_VERB: u64 = 25;
    pub const GANG_PREDICATE: u64 = 26;
    pub const GANG_FORM: u64 = 27;
    pub const PREDICATE_OBJECT: u64 = 0xCBF2_9CE4_8422_2325;
}

/// What one article is about; `{…}` slots are filled from it.
struct Story<'a> {
    lang: Lang,
    gangs: Vec<&'a (String, Vec<String>)>,
    officials: Vec<&'a Official>,
    /// Officials already named in full (later mentions use the surname).
    named: Vec<bool>,
    /// Gangs already named.
    gang_named: Vec<bool>,
    place: &'static str,
    year: i32,
    topic: &'static Topic,
    /// Chooses the story's own subset of every pool.
    voice: u64,
    /// The share of each generic pool the story draws from (longer
    /// stories, more), and of each of its topic's pools.
    breadth: f64,
    topic_breadth: f64,
    /// The neighbourhood the story is set in.
    hood: String,
    /// Indices of the topic's key phrases the story keeps returning to.
    keys: [usize; 3],
    witnesses: Vec<Witness>,
    /// A background sentence of another topic, and the sentence it goes at.
    aside: Option<(&'static str, usize)>,
    /// Topic background sentences already used (bit mask).
    background_used: u32,
    sentences: usize,
}

impl Story<'_> {
    fn words(&self) -> &'static Words {
        if self.lang == Lang::Es {
            &ES_WORDS
        } else {
            &EN_WORDS
        }
    }

    fn topic_words(&self) -> &'static TopicWords {
        if self.lang == Lang::Es {
            &self.topic.es
        } else {
            &self.topic.en
        }
    }

    /// An entry of `pool`, mostly from the story's own subset of it.
    fn pick<T: Copy>(&self, rng: &mut Rng, pool: &[T], id: u64) -> T {
        let n = pool.len();
        if rng.chance(0.004) {
            return pool[rng.below(n)];
        }
        // A topic's pools are its own (a tenth of the archive or less): a
        // story may use most of them. The generic ones are everyone's.
        let breadth = if id < pool::SUBJECT || id == pool::TOPIC_QUOTE || id == pool::FIGURE {
            self.topic_breadth
        } else {
            self.breadth
        };
        let k = ((n as f64 * breadth).ceil() as usize)
            .clamp(2, n.max(2))
            .min(n);
        let j = rng.below(k) as u64;
        let h = Rng::new(
            self.voice
                ^ id.wrapping_mul(0x9E37_79B9_7F4A_7C15)
                ^ j.wrapping_mul(0xC2B2_AE3D_27D4_EB4F),
        )
        .next_u64();
        pool[(h % n as u64) as usize]
    }

    fn fill(&mut self, template: &str, rng: &mut Rng, out: &mut String) {
        fill_with(template, out, &mut |slot, out| self.slot(slot, rng, out));
    }

    /// A gang's name: mostly the canonical one, now and then an alias; in
    /// Spanish with its article ("la MS13", "el Cártel de Sinaloa").
    fn gang_name(&mut self, idx: usize, rng: &mut Rng, out: &mut String) {
        self.gang_named[idx] = true;
        let names = &self.gangs[idx].1;
        let name = if rng.chance(0.7) {
            &names[0]
        } else {
            &names[rng.below(names.len())]
        };
        if self.lang == Lang::Es {
            let lower = name.to_lowercase();
            let article = if ["los ", "las ", "la ", "el "]
                .iter()
                .any(|a| lower.starts_with(a))
            {
                ""
            } else if [
                "cártel",
                "cartel",
                "clan",
                "ejército",
                "comando",
                "primer",
                "tercer",
                "estado",
            ]
            .iter()
            .any(|a| lower.starts_with(a))
            {
                "el "
            } else {
                "la "
            };
            out.push_str(article);
        }
        out.push_str(name);
    }

    /// An official: in full the first time (and now and then later), by
    /// surname after. Returns the official's index.
    fn official_name(&mut self, idx: usize, rng: &mut Rng, out: &mut String) {
        let (name, names, surname, _) = self.officials[idx];
        if self.named[idx] && rng.chance(0.7) {
            out.push_str(surname.as_deref().unwrap_or(name));
        } else {
            self.named[idx] = true;
            out.push_str(if rng.chance(0.85) {
                name
            } else {
                names[rng.below(names.len())].as_str()
            });
        }
    }

    fn slot(&mut self, slot: &str, rng: &mut Rng, out: &mut String) {
        let es = self.lang == Lang::Es;
        let words = self.words();
        match slot {
            "G" => {
                if self.gangs.is_empty() {
                    out.push_str(if es { "la pandilla" } else { "the gang" });
                    return;
                }
                // The gangs not yet named come first.
                let idx = self.gang_named.iter().position(|n| !n).unwrap_or_else(|| {
                    if rng.chance(0.6) {
                        0
                    } else {
                        rng.below(self.gangs.len())
                    }
                });
                self.gang_name(idx, rng, out);
            }
            "G2" => {
                if self.gangs.len() < 2 {
                    out.push_str(if es {
                        "una pandilla rival"
                    } else {
                        "a rival gang"
                    });
                    return;
                }
                let idx = 1 + rng.below(self.gangs.len() - 1);
                self.gang_name(idx, rng, out);
            }
            "O" | "S" => {
                if self.officials.is_empty() {
                    out.push_str(if es { "el ministro" } else { "the minister" });
                    return;
                }
                let idx = self
                    .named
                    .iter()
                    .position(|n| !n)
                    .unwrap_or_else(|| rng.below(self.officials.len()));
                self.official_name(idx, rng, out);
            }
            "R" => {
                let role = self
                    .officials
                    .first()
                    .and_then(|o| o.3.as_deref())
                    .filter(|_| !es)
                    .unwrap_or(if es {
                        "funcionario del Gobierno"
                    } else {
                        "a senior official"
                    });
                out.push_str(role);
            }
            "P" => out.push_str(if rng.chance(0.5) {
                self.place
            } else {
                rng.word(PLACES)
            }),
            "H" => out.push_str(&self.hood),
            "K" => {
                let words = self.topic_words().keys;
                let key = words[self.keys[rng.below(3)] % words.len()];
                self.fill(key, rng, out);
            }
            "J" => out.push_str(self.pick(rng, PRISONS, pool::PRISON)),
            "OP" => out.push_str(self.pick(rng, OPERATIONS, pool::OPERATION)),
            "SRC" => out.push_str(self.pick(rng, words.sources, pool::SOURCE)),
            "N" | "N2" => {
                let _ = write!(out, "{}", rng.range(2, 60));
            }
            "BIGN" => {
                let _ = write!(out, "{}", rng.range(10, 90));
            }
            "BIG" => {
                let _ = write!(out, "{},{:03}", rng.range(12, 110), rng.below(1000));
            }
            "PCT" => {
                let _ = write!(out, "{}", rng.range(5, 70));
            }
            "Y" => {
                let _ = write!(out, "{}", self.year - rng.below(4) as i32);
            }
            "M" => out.push_str(rng.word(if es { MONTHS_ES } else { MONTHS_EN })),
            other => {
                out.push('{');
                out.push_str(other);
                out.push('}');
            }
        }
    }

    /// A subject: what kind, and whether it is plural. `actor` forces a
    /// registry name.
    fn subject(&mut self, rng: &mut Rng, actor: bool, out: &mut String) -> (Who, bool) {
        let es = self.lang == Lang::Es;
        let roll = if actor { 70 } else { rng.below(100) };
        if (70..85).contains(&roll) && !(self.officials.is_empty() && self.gangs.is_empty()) {
            let unnamed_official = self.named.iter().position(|n| !n);
            let unnamed_gang = self.gang_named.iter().position(|n| !n);
            let official = match (unnamed_official, unnamed_gang) {
                (Some(_), _) => true,
                (None, Some(_)) => false,
                _ => self.gangs.is_empty() || (!self.officials.is_empty() && rng.chance(0.5)),
            };
            if official {
                let idx = unnamed_official.unwrap_or_else(|| rng.below(self.officials.len()));
                let first_time = !self.named[idx];
                self.official_name(idx, rng, out);
                if first_time && rng.chance(0.6) {
                    let role = self.officials[idx].3.as_deref().filter(|_| !es);
                    let role = role.unwrap_or(if es {
                        "funcionario del Gobierno"
                    } else {
                        "a senior official"
                    });
                    let _ = write!(out, ", {role},");
                }
                return (Who::Official, false);
            }
            let idx = unnamed_gang.unwrap_or_else(|| rng.below(self.gangs.len()));
            let (form, plural) = self.pick(rng, self.words().gang_forms, pool::GANG_FORM);
            out.push_str(form);
            self.gang_name(idx, rng, out);
            return (Who::Gang, plural);
        }
        if roll >= 85 && !self.witnesses.is_empty() {
            let w = rng.below(self.witnesses.len());
            self.witness(w, rng, out, true);
            return (Who::Other, false);
        }
        let (who, (text, plural)) = if roll < 45 {
            let s = self.pick(rng, self.topic_words().subjects, pool::TOPIC_SUBJECT);
            (Who::Topic, s)
        } else {
            (
                Who::Other,
                self.pick(rng, self.words().subjects, pool::SUBJECT),
            )
        };
        self.fill(text, rng, out);
        (who, plural)
    }

    /// A witness by name: in full with age and trade the first time.
    fn witness(&mut self, w: usize, rng: &mut Rng, out: &mut String, comma: bool) {
        let es = self.lang == Lang::Es;
        let wit = &self.witnesses[w];
        let (first, surname, female, age) = (wit.first, wit.surname, wit.female, wit.age);
        let (en, es_m, es_f) = wit.trade;
        if wit.named {
            out.push_str(surname);
            return;
        }
        self.witnesses[w].named = true;
        let _ = if es {
            let trade = if female { es_f } else { es_m };
            write!(out, "{first} {surname}, {trade} de {age} años")
        } else {
            write!(out, "{first} {surname}, {age}, {en}")
        };
        if !es && rng.chance(0.5) {
            out.push_str(" from ");
            out.push_str(&self.hood);
        }
        if comma {
            out.push(',');
        }
    }

    /// Subject, verb, object: one clause.
    fn clause(&mut self, rng: &mut Rng, actor: bool, out: &mut String) {
        let (who, plural) = self.subject(rng, actor, out);
        let words = self.words();
        let predicate = match who {
            Who::Topic if rng.chance(0.7) => {
                Some(self.pick(rng, self.topic_words().predicates, pool::TOPIC_PREDICATE))
            }
            Who::Gang if rng.chance(0.6) => {
                Some(self.pick(rng, words.gang_predicates, pool::GANG_PREDICATE))
            }
            _ => None,
        };
        let object = if let Some((sg, pl, objects)) = predicate {
            out.push(' ');
            out.push_str(if plural { pl } else { sg });
            // Each verb's objects are a pool of their own.
            let id = if who == Who::Topic {
                pool::TOPIC_PREDICATE
            } else {
                sg.bytes().fold(pool::PREDICATE_OBJECT, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
                })
            };
            self.pick(rng, objects, id)
        } else {
            let (sg, pl) = if who == Who::Official {
                self.pick(rng, words.official_verbs, pool::OFFICIAL_VERB)
            } else {
                self.pick(rng, words.verbs, pool::VERB)
            };
            out.push(' ');
            out.push_str(if plural { pl } else { sg });
            if rng.chance(0.6) {
                self.pick(rng, self.topic_words().objects, pool::TOPIC_OBJECT)
            } else {
                self.pick(rng, words.objects, pool::OBJECT)
            }
        };
        out.push(' ');
        self.fill(object, rng, out);
    }

    /// A report of what happened, sometimes two clauses long.
    fn event(&mut self, rng: &mut Rng, actor: bool, out: &mut String) {
        let start = out.len();
        let words = self.words();
        match rng.below(10) {
            0..=2 => {
                let t = self.pick(rng, words.times, pool::TIME);
                self.fill(t, rng, out);
                out.push_str(", ");
            }
            3 | 4 => out.push_str(self.pick(rng, words.connectives, pool::CONNECTIVE)),
            _ => {}
        }
        self.clause(rng, actor, out);
        if rng.chance(0.45) {
            out.push(' ');
            let p = self.pick(rng, words.places, pool::PLACE);
            self.fill(p, rng, out);
        }
        if rng.chance(0.3) {
            out.push_str(self.pick(rng, words.joiners, pool::JOINER));
            self.clause(rng, false, out);
        }
        if rng.chance(0.18) {
            let a = self.pick(rng, words.attributions, pool::ATTRIBUTION);
            self.fill(a, rng, out);
        }
        out.push('.');
        capitalize_from(out, start);
    }

    /// A quote and who said it.
    fn quote(&mut self, rng: &mut Rng, out: &mut String) {
        let es = self.lang == Lang::Es;
        let start = out.len();
        let words = self.words();
        let mut q = String::new();
        let opening = if rng.chance(0.5) {
            self.pick(rng, self.topic_words().quotes, pool::TOPIC_QUOTE)
        } else {
            self.pick(rng, words.quotes, pool::QUOTE)
        };
        self.fill(opening, rng, &mut q);
        if rng.chance(0.45) {
            q.push_str(self.pick(rng, words.quote_tails, pool::QUOTE_TAIL));
        }
        let mut who = String::new();
        let roll = rng.below(100);
        if roll < 50 && !self.witnesses.is_empty() {
            let w = rng.below(self.witnesses.len());
            self.witness(w, rng, &mut who, false);
        } else if roll < 75 && !self.officials.is_empty() {
            self.slot("S", rng, &mut who);
        } else {
            let s = self.pick(rng, words.speakers, pool::SPEAKER);
            self.fill(s, rng, &mut who);
        }
        let say = self.pick(rng, words.says, pool::SAY);
        match (rng.below(3), es) {
            (0, false) => {
                let sep = if who.contains(',') { "," } else { "" };
                let _ = write!(out, "\"{q},\" {who}{sep} {say}.");
            }
            (1, false) => {
                let _ = write!(out, "\"{q},\" said {who}.");
            }
            (_, false) => {
                let sep = if who.contains(',') { "," } else { "" };
                let _ = write!(out, "{who}{sep} {say}: \"{q}.\"");
            }
            (0 | 1, true) => {
                let say = if say.contains(' ') { "dijo" } else { say };
                let _ = write!(out, "\"{q}\", {say} {who}.");
            }
            (_, true) => {
                let sep = if who.contains(',') { "," } else { "" };
                let _ = write!(out, "{who}{sep} {say}: \"{q}\".");
            }
        }
        capitalize_from(out, start);
    }

    /// A figure: what rose or fell, by how much, when.
    fn figure(&mut self, rng: &mut Rng, out: &mut String) {
        let start = out.len();
        let words = self.words();
        let f = self.pick(rng, self.topic_words().figures, pool::FIGURE);
        out.push_str(f);
        out.push(' ');
        let m = self.pick(rng, words.moves, pool::MOVE);
        out.push_str(m);
        if !m.contains("flat") && !m.contains("mantuvieron") {
            out.push(' ');
            let a = self.pick(rng, words.amounts, pool::AMOUNT);
            self.fill(a, rng, out);
        }
        out.push(' ');
        let s = self.pick(rng, words.spans, pool::SPAN);
        self.fill(s, rng, out);
        if rng.chance(0.5) {
            let a = self.pick(rng, words.attributions, pool::ATTRIBUTION);
            self.fill(a, rng, out);
        }
        out.push('.');
        capitalize_from(out, start);
    }

    fn sentence(&mut self, rng: &mut Rng, out: &mut String) {
        self.sentences += 1;
        if let Some((text, at)) = self.aside {
            if at == self.sentences {
                self.fill(text, rng, out);
                return;
            }
        }
        // Everyone in the cast is named early, in a sentence of their own.
        let unnamed = self.named.iter().chain(&self.gang_named).any(|n| !n);
        if unnamed && (self.sentences == 1 || rng.chance(0.4)) {
            self.event(rng, true, out);
            return;
        }
        let roll = rng.below(100);
        let background = self.topic_words().background;
        match roll {
            0..=52 => self.event(rng, false, out),
            53..=65 => self.event(rng, true, out),
            66..=79 => self.quote(rng, out),
            80..=91 => self.figure(rng, out),
            92..=95 => {
                let b = rng.below(background.len());
                if self.background_used & (1 << b) == 0 {
                    self.background_used |= 1 << b;
                    self.fill(background[b], rng, out);
                } else {
                    self.event(rng, false, out);
                }
            }
            _ => {
                let s = self.pick(rng, self.words().short, pool::SHORT);
                self.fill(s, rng, out);
            }
        }
    }

    /// Paragraphs of varied length until `target` bytes of text.
    fn paragraphs(&mut self, rng: &mut Rng, target: usize) -> Vec<String> {
        let mut paragraphs = Vec::new();
        let mut total = 0;
        while total < target {
            let sentences = match rng.below(10) {
                0 => 1,
                1..=3 => rng.range(2, 3),
                4..=7 => rng.range(3, 5),
                _ => rng.range(5, 8),
            };
            let mut p = String::new();
            for k in 0..sentences {
                if k > 0 {
                    p.push(' ');
                }
                self.sentence(rng, &mut p);
            }
            if self.lang == Lang::Es {
                p = p.replace(" de el ", " del ").replace(" a el ", " al ");
            }
            total += p.len() + 2;
            paragraphs.push(p);
        }
        paragraphs
    }
}

/// The metadata of article `i`: stable across revisions.
struct Meta {
    site: &'static Site,
    year: i32,
    month: u32,
    day: u32,
    title: String,
    path: PathBuf,
    /// Total bytes the file aims at.
    target: usize,
}

/// How a file of the archive is written.
enum Kind {
    Article,
    /// The same bytes as article `from`.
    Duplicate(u64),
    Empty,
    Binary,
    /// The first part of the article only.
    Truncated,
}

struct Generator<'a> {
    seed: u64,
    cast: &'a Cast,
    site_weights: Vec<usize>,
}

impl Generator<'_> {
    fn kind(&self, i: u64) -> Kind {
        let mut rng = Rng::new(key(self.seed, i, 1));
        let roll = rng.below(10_000);
        match roll {
            0..=39 if i > 10 => Kind::Duplicate(i - 1 - rng.below(10.min(i as usize)) as u64),
            40..=54 => Kind::Empty,
            55..=69 => Kind::Binary,
            70..=99 => Kind::Truncated,
            _ => Kind::Article,
        }
    }

    fn meta(&self, i: u64) -> Meta {
        let mut rng = Rng::new(key(self.seed, i, 2));
        let total: usize = self.site_weights.iter().sum();
        let mut roll = rng.below(total);
        let mut site = &SITES[0];
        for (s, w) in SITES.iter().zip(&self.site_weights) {
            if roll < *w {
                site = s;
                break;
            }
            roll -= w;
        }
        let year = 2010 + rng.below(15) as i32;
        let month = 1 + rng.below(12) as u32;
        let day = 1 + rng.below(28) as u32;
        // The title and the body draw the same cast from stream 4.
        let mut story = self.story(&mut Rng::new(key(self.seed, i, 4)), site.lang, year);
        let mut title = String::new();
        let headline = rng.word(story.topic_words().titles);
        story.fill(headline, &mut rng, &mut title);
        if let Some(first) = title.chars().next().filter(|c| c.is_lowercase()) {
            title.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
        }
        let slug: String = title
            .chars()
            .map(|c| match c {
                'á' | 'à' | 'Á' => 'a',
                'é' | 'É' => 'e',
                'í' | 'Í' => 'i',
                'ó' | 'Ó' => 'o',
                'ú' | 'ü' | 'Ú' => 'u',
                'ñ' | 'Ñ' => 'n',
                other => other,
            })
            .filter_map(|c| {
                if c.is_ascii_alphanumeric() {
                    Some(c.to_ascii_lowercase())
                } else if c == ' ' {
                    Some('-')
                } else {
                    None
                }
            })
            .take(60)
            .collect();
        let ext = if site.html {
            if site.slug == "cronica-del-golfo" {
                "htm"
            } else {
                "html"
            }
        } else {
            "txt"
        };
        let path = PathBuf::from(site.slug)
            .join(format!("{year}"))
            .join(format!("{month:02}"))
            .join(format!("{slug}-{i}.{ext}"));
        // Log-uniform 8–60 KB.
        let target = (8_192.0 * (60.0f64 / 8.0).powf(rng.unit())) as usize;
        Meta {
            site,
            year,
            month,
            day,
            title,
            path,
            target,
        }
    }

    fn story(&self, rng: &mut Rng, lang: Lang, year: i32) -> Story<'_> {
        let cast = self.cast;
        let mut gangs = Vec::new();
        for _ in 0..[0, 1, 1, 1, 2, 2, 3][rng.below(7)] {
            if let Some(g) = cast.gangs.get(cast.gang_zipf.sample(rng)) {
                gangs.push(g);
            }
        }
        let mut officials = Vec::new();
        for _ in 0..[0, 0, 1, 1, 1, 2, 3][rng.below(7)] {
            if let Some(o) = cast.officials.get(cast.official_zipf.sample(rng)) {
                officials.push(o);
            }
        }
        let place = rng.word(PLACES);
        // The first generator named the first two gangs drawn, never a
        // third: the same rates here.
        gangs.truncate(2);
        // The draws above are those of the first generator (the same cast
        // for the same seed); the prose's own come after.
        let topic = draw_topic(rng, year);
        let voice = rng.next_u64();
        let words = if lang == Lang::Es {
            &ES_WORDS
        } else {
            &EN_WORDS
        };
        let hood = format!("{} {}", rng.word(words.hoods), rng.word(HOOD_NAMES));
        let keys = [rng.below(8), rng.below(8), rng.below(8)];
        let witnesses = (0..rng.range(1, 3))
            .filter(|_| !cast.first_names.is_empty() && !cast.surnames.is_empty())
            .map(|_| {
                let (first, female) = cast.first_names[rng.below(cast.first_names.len())];
                Witness {
                    first,
                    female,
                    surname: cast.surnames[rng.below(cast.surnames.len())],
                    trade: TRADES[rng.below(TRADES.len())],
                    age: rng.range(19, 74),
                    named: false,
                }
            })
            .collect();
        // Now and then a story recalls the truce or the state of exception
        // in one sentence; otherwise their words stay in their own stories.
        let aside_topic = match rng.below(100) {
            0..=9 if year >= 2022 && topic != EMERGENCY => Some(EMERGENCY),
            10..=21 if year >= 2013 && topic != TRUCE && !gangs.is_empty() => Some(TRUCE),
            _ => None,
        };
        let aside = aside_topic.map(|t| {
            let b = if lang == Lang::Es {
                TOPICS[t].es.background
            } else {
                TOPICS[t].en.background
            };
            (b[rng.below(b.len())], rng.range(3, 14))
        });
        Story {
            lang,
            named: vec![false; officials.len()],
            gang_named: vec![false; gangs.len()],
            gangs,
            officials,
            place,
            year,
            topic: &TOPICS[topic],
            voice,
            breadth: 0.3,
            topic_breadth: 0.6,
            hood,
            keys,
            witnesses,
            aside,
            background_used: 0,
            sentences: 0,
        }
    }

    /// The bytes of article `i` at revision `rev`.
    fn article(&self, i: u64, rev: u64) -> Vec<u8> {
        let meta = self.meta(i);
        let mut rng = Rng::new(key(self.seed, i, 3 + rev));
        let mut story = self.story(
            &mut Rng::new(key(self.seed, i, 4)),
            meta.site.lang,
            meta.year,
        );
        // Longer stories draw on more of each pool.
        let length = meta.target.saturating_sub(8_192) as f64 / 53_248.0;
        story.breadth = 0.08 + 0.12 * length;
        story.topic_breadth = 0.45 + 0.55 * length;
        let furniture = if meta.site.html { 6_000 } else { 2_500 };
        let mut paragraphs =
            story.paragraphs(&mut rng, meta.target.saturating_sub(furniture).max(2_000));
        if rev > 0 {
            paragraphs.push(if meta.site.lang == Lang::Es {
                format!("Actualización ({rev}): esta nota fue modificada para incluir la respuesta de las autoridades.")
            } else {
                format!("Update ({rev}): this story was changed to include the authorities' response.")
            });
        }
        if meta.site.html {
            let text = html_page(&meta, &paragraphs, &mut rng);
            if meta.site.legacy > 0.0 && rng.chance(meta.site.legacy) {
                let text = text.replacen(
                    "<meta charset=\"utf-8\">",
                    "<meta charset=\"windows-1252\">",
                    1,
                );
                let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
                return bytes.into_owned();
            }
            text.into_bytes()
        } else {
            scrape(&meta, &paragraphs, &mut rng).into_bytes()
        }
    }

    /// The bytes of file `i` of the archive, and its path.
    fn file(&self, i: u64, rev: u64) -> (PathBuf, Vec<u8>) {
        let meta = self.meta(i);
        let bytes = match self.kind(i) {
            Kind::Article => self.article(i, rev),
            Kind::Duplicate(from) => self.article(from, 0),
            Kind::Empty => Vec::new(),
            Kind::Binary => {
                let mut rng = Rng::new(key(self.seed, i, 9));
                let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
                b.extend((0..rng.range(500, 20_000)).map(|_| rng.next_u64() as u8));
                b
            }
            Kind::Truncated => {
                let mut b = self.article(i, rev);
                let mut rng = Rng::new(key(self.seed, i, 10));
                let cut = b.len() * rng.range(5, 60) / 100;
                b.truncate(cut);
                b
            }
        };
        (meta.path, bytes)
    }
}

fn date_en(y: i32, m: u32, d: u32) -> String {
    format!("{} {d}, {y}", MONTHS_EN[(m - 1) as usize])
}

fn date_es(y: i32, m: u32, d: u32) -> String {
    format!("{d} de {} de {y}", MONTHS_ES[(m - 1) as usize])
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A related-articles list: other stories, other dates (never the article's).
fn related(rng: &mut Rng, es: bool, year: i32) -> Vec<(String, String)> {
    (0..rng.range(3, 6))
        .map(|_| {
            let y = year - 1 - rng.below(6) as i32;
            let (m, d) = (1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
            let topic = &TOPICS[draw_topic(rng, y)];
            let words = if es { &topic.es } else { &topic.en };
            let mut title = String::new();
            fill_with(rng.word(words.titles), &mut title, &mut |slot, out| {
                let hood = if es { "la colonia " } else { "the Colonia " };
                match slot {
                    "O" => out.push_str(if es { "Funcionario" } else { "Official" }),
                    "G" => out.push_str(if es { "la pandilla" } else { "gang" }),
                    "G2" => out.push_str(if es { "sus rivales" } else { "rivals" }),
                    "P" => out.push_str(rng.word(PLACES)),
                    "H" => {
                        out.push_str(hood);
                        out.push_str(rng.word(HOOD_NAMES));
                    }
                    "K" => out.push_str(if es { "el caso" } else { "the case" }),
                    "J" => out.push_str(rng.word(PRISONS)),
                    "SRC" => out.push_str("InSight Crime"),
                    "OP" => out.push_str(rng.word(OPERATIONS)),
                    "BIG" => {
                        let _ = write!(out, "{},{:03}", rng.range(12, 110), rng.below(1000));
                    }
                    _ => {
                        let _ = write!(out, "{}", rng.range(2, 60));
                    }
                }
            });
            capitalize_from(&mut title, 0);
            let date = if es {
                date_es(y, m, d)
            } else {
                date_en(y, m, d)
            };
            (title, date)
        })
        .collect()
}

fn html_page(meta: &Meta, paragraphs: &[String], rng: &mut Rng) -> String {
    let site = meta.site;
    let es = site.lang == Lang::Es;
    let (y, m, d) = (meta.year, meta.month, meta.day);
    let iso = format!("{y:04}-{m:02}-{d:02}");
    let url = format!(
        "https://{}/{}",
        site.host,
        meta.path.to_string_lossy().replace('\\', "/")
    );
    let title = escape(&meta.title);
    let author = rng.word(AUTHORS);
    // Where the date is: JSON-LD, meta tag, visible dateline, or nowhere.
    let date_style = rng.below(100);
    let mut h = String::with_capacity(meta.target + 4096);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} | {}</title>\n<link rel=\"canonical\" href=\"{url}\">\n\
         <meta property=\"og:title\" content=\"{title}\">\n<meta property=\"og:site_name\" content=\"{}\">\n\
         <link rel=\"stylesheet\" href=\"/assets/css/main.3f9a2c.css\">\n",
        if es { "es" } else { "en" },
        site.name,
        site.name
    );
    if (35..60).contains(&date_style) {
        let _ = writeln!(
            h,
            "<meta property=\"article:published_time\" content=\"{iso}T{:02}:{:02}:00-06:00\">",
            rng.range(6, 22),
            rng.below(60)
        );
    }
    if date_style < 35 {
        let _ = writeln!(
            h,
            "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\
             \"headline\":\"{}\",\"datePublished\":\"{iso}T08:00:00-06:00\",\"dateModified\":\"{iso}T11:30:00-06:00\",\
             \"author\":{{\"@type\":\"Person\",\"name\":\"{author}\"}},\"publisher\":{{\"@type\":\"Organization\",\"name\":\"{}\"}}}}</script>",
            title.replace('"', "'"),
            site.name
        );
    }
    h.push_str(
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}\
         gtag('js',new Date());gtag('config','G-XXXX12345');(function(w,d,s){var f=d.getElementsByTagName(s)[0],\
         j=d.createElement(s);j.async=true;j.src='https://cdn.example.net/ads/loader.js';f.parentNode.insertBefore(j,f)})(window,document,'script');</script>\n\
         </head>\n<body class=\"single-post\">\n",
    );
    h.push_str(if es {
        "<div id=\"cookie-banner\" class=\"cookie-consent\"><p>Usamos cookies para mejorar su experiencia. Al continuar navegando acepta nuestra política de cookies.</p><button>Aceptar</button></div>\n"
    } else {
        "<div id=\"cookie-banner\" class=\"cookie-consent\"><p>We use cookies to improve your experience. By continuing to browse you accept our cookie policy.</p><button>Accept</button></div>\n"
    });
    h.push_str("<header class=\"site-header\"><a class=\"logo\" href=\"/\">");
    h.push_str(site.name);
    h.push_str("</a>\n<nav class=\"main-nav\"><ul>");
    let sections: &[&str] = if es {
        &[
            "Inicio",
            "Nacionales",
            "Política",
            "Seguridad",
            "Internacionales",
            "Economía",
            "Opinión",
            "Deportes",
            "Videos",
            "Suscríbase",
        ]
    } else {
        &[
            "Home",
            "World",
            "Central America",
            "Politics",
            "Security",
            "Investigations",
            "Opinion",
            "Sports",
            "Podcasts",
            "Subscribe",
        ]
    };
    for s in sections {
        let _ = write!(
            h,
            "<li><a href=\"/{}\">{s}</a></li>",
            s.to_lowercase().replace(' ', "-")
        );
    }
    h.push_str("</ul></nav></header>\n<main>\n<article class=\"post\">\n");
    let _ = writeln!(
        h,
        "<nav class=\"breadcrumb\"><a href=\"/\">{}</a> › <a href=\"/security\">{}</a></nav>",
        sections[0], sections[4]
    );
    let _ = writeln!(h, "<h1 class=\"entry-title\">{title}</h1>");
    let _ = writeln!(
        h,
        "<p class=\"byline\">{} <span class=\"author\">{author}</span></p>",
        if es { "Por" } else { "By" }
    );
    if (60..85).contains(&date_style) {
        let visible = if es {
            date_es(y, m, d)
        } else {
            date_en(y, m, d)
        };
        if rng.chance(0.5) {
            let _ = writeln!(
                h,
                "<time class=\"published\" datetime=\"{iso}\">{visible}</time>"
            );
        } else {
            let _ = writeln!(
                h,
                "<p class=\"dateline\">{} — {visible}</p>",
                PLACES[rng.below(3)].to_uppercase()
            );
        }
    }
    h.push_str(if es {
        "<div class=\"share-buttons\"><a href=\"#\">Compartir en Facebook</a> <a href=\"#\">Twitter</a> <a href=\"#\">WhatsApp</a> <a href=\"#\">Correo</a></div>\n"
    } else {
        "<div class=\"share-buttons\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a> <a href=\"#\">WhatsApp</a> <a href=\"#\">Email</a></div>\n"
    });
    h.push_str("<div class=\"entry-content\">\n");
    let newsletter_at = if paragraphs.len() > 4 {
        rng.range(2, paragraphs.len() - 1)
    } else {
        usize::MAX
    };
    for (k, p) in paragraphs.iter().enumerate() {
        if k == newsletter_at {
            h.push_str(if es {
                "<aside class=\"newsletter-signup\"><h4>Boletín</h4><p>Reciba cada mañana las noticias más importantes en su correo.</p><form><input type=\"email\" placeholder=\"Su correo\"><button>Suscribirme</button></form></aside>\n"
            } else {
                "<aside class=\"newsletter-signup\"><h4>Newsletter</h4><p>Get the day's top stories in your inbox every morning.</p><form><input type=\"email\" placeholder=\"Your email\"><button>Sign up</button></form></aside>\n"
            });
        }
        if k > 0 && k % 7 == 3 && rng.chance(0.3) {
            let _ = writeln!(
                h,
                "<h2>{}</h2>",
                escape(
                    &p.split(',')
                        .next()
                        .unwrap_or(p)
                        .chars()
                        .take(50)
                        .collect::<String>()
                )
            );
        }
        let _ = writeln!(h, "<p>{}</p>", escape(p));
    }
    h.push_str("</div>\n");
    h.push_str(if es {
        "<div class=\"donate-box\"><p>El periodismo independiente necesita de su apoyo. Done hoy y ayúdenos a seguir investigando.</p><a class=\"btn\" href=\"/donar\">Donar</a></div>\n"
    } else {
        "<div class=\"donate-box\"><p>Independent journalism needs your support. Donate today and help us keep investigating.</p><a class=\"btn\" href=\"/donate\">Donate</a></div>\n"
    });
    h.push_str("</article>\n<aside class=\"related-posts\">\n");
    let _ = writeln!(
        h,
        "<h3>{}</h3><ul>",
        if es {
            "Notas relacionadas"
        } else {
            "Related articles"
        }
    );
    for (t, date) in related(rng, es, y) {
        let _ = writeln!(
            h,
            "<li><a href=\"/{}\">{}</a> <span class=\"date\">{date}</span></li>",
            rng.next_u64() % 100_000,
            escape(&t)
        );
    }
    h.push_str("</ul></aside>\n</main>\n<footer class=\"site-footer\"><p>© ");
    let _ = write!(h, "{} {}", y.max(2024), site.name);
    h.push_str(if es {
        ". Todos los derechos reservados.</p><ul><li><a href=\"/quienes-somos\">Quiénes somos</a></li><li><a href=\"/contacto\">Contacto</a></li><li><a href=\"/privacidad\">Privacidad</a></li></ul></footer>\n"
    } else {
        ". All rights reserved.</p><ul><li><a href=\"/about\">About</a></li><li><a href=\"/contact\">Contact</a></li><li><a href=\"/privacy\">Privacy</a></li></ul></footer>\n"
    });
    h.push_str("<script src=\"/assets/js/app.91bc2d.js\" defer></script>\n</body>\n</html>\n");
    h
}

/// A plain-text scrape shaped like `../shared/seed/`: breadcrumb glued to
/// the title, the title repeated, "SEE ALSO" lines, share residue, donation
/// appeals and a related list with its own dates.
fn scrape(meta: &Meta, paragraphs: &[String], rng: &mut Rng) -> String {
    let es = meta.site.lang == Lang::Es;
    let mut t = String::with_capacity(meta.target + 2048);
    let _ = write!(
        t,
        "{}{}\n\n{}\n\n\n",
        if es { "InicioNoticias" } else { "HomeNews" },
        meta.title,
        meta.title
    );
    if rng.chance(0.5) {
        let date = if es {
            date_es(meta.year, meta.month, meta.day)
        } else {
            date_en(meta.year, meta.month, meta.day)
        };
        let _ = write!(t, "{}\n\n", date.to_uppercase());
    }
    for (k, p) in paragraphs.iter().enumerate() {
        t.push_str(p);
        t.push_str("\n\n");
        if k == 2 {
            t.push_str(if es {
                "VEA TAMBIÉN: Perfil de El Salvador\n\n"
            } else {
                "SEE ALSO: El Salvador News and Profile\n\n"
            });
        }
    }
    t.push_str("share icon icon icon\n\n");
    let appeal = if es {
        "¿Le fue útil este contenido?\n\nQueremos sostener la base de datos sobre crimen organizado más grande de América Latina, pero para hacerlo necesitamos recursos.\n\n\n"
    } else {
        "Was this content helpful?\n\nWe want to sustain Latin America’s largest organized crime database, but in order to do so, we need resources.\n\n\n"
    };
    t.push_str(appeal);
    t.push_str(if es {
        "Alentamos a los lectores a copiar y distribuir nuestro trabajo con fines no comerciales, con atribución a InSight Crime.\n\n"
    } else {
        "We encourage readers to copy and distribute our work for non-commercial purposes, with attribution to InSight Crime in the byline and links to the original at both the top and bottom of the article.\n\n"
    });
    t.push_str(appeal);
    t.push_str(if es {
        "Contenido relacionado\n\n"
    } else {
        "Related Content\n\n"
    });
    for (title, date) in related(rng, es, meta.year) {
        let _ = write!(
            t,
            "{} / {}\n\n{title}…\n\n\n",
            if es { "PANDILLAS" } else { "BARRIO 18" },
            date.to_uppercase()
        );
    }
    t
}

struct Options {
    out: PathBuf,
    n: u64,
    seed: u64,
    change: Option<f64>,
}

fn parse_args() -> Result<Options, String> {
    let mut positional = Vec::new();
    let mut seed = 42;
    let mut change = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            // `cargo bench` appends `--bench`.
            "--bench" => {}
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--seed takes a number")?
            }
            "--change" => {
                change = Some(
                    args.next()
                        .and_then(|v| v.parse().ok())
                        .ok_or("--change takes a percentage")?,
                )
            }
            "-h" | "--help" => return Err(String::new()),
            _ => positional.push(a),
        }
    }
    let [out, n] = positional.as_slice() else {
        return Err("expected OUT and N".into());
    };
    Ok(Options {
        out: PathBuf::from(out),
        n: n.parse()
            .map_err(|_| format!("N must be a number, not {n:?}"))?,
        seed,
        change,
    })
}

fn write_file(
    root: &Path,
    rel: &Path,
    bytes: &[u8],
    dirs: &mut HashSet<PathBuf>,
) -> std::io::Result<()> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        if !dirs.contains(parent) {
            fs::create_dir_all(parent)?;
            dirs.insert(parent.to_path_buf());
        }
    }
    fs::write(path, bytes)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("gen_archive: {e}");
            }
            eprintln!("usage: gen_archive OUT N [--seed 42] [--change PERCENT]");
            return ExitCode::from(2);
        }
    };
    let schema = match Schema::embedded() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gen_archive: built-in schema: {e}");
            return ExitCode::from(2);
        }
    };
    let cast = Cast::new(&schema);
    let generator = Generator {
        seed: options.seed,
        cast: &cast,
        site_weights: SITE_WEIGHTS.to_vec(),
    };
    let started = Instant::now();
    let mut dirs = HashSet::new();
    let (mut files, mut bytes) = (0u64, 0u64);
    for i in 0..options.n {
        let rev = match options.change {
            None => 0,
            Some(p) => {
                let mut r = Rng::new(key(options.seed, i, 7));
                if r.unit() * 100.0 >= p {
                    continue;
                }
                1
            }
        };
        let (rel, data) = generator.file(i, rev);
        if let Err(e) = write_file(&options.out, &rel, &data, &mut dirs) {
            eprintln!(
                "gen_archive: cannot write {}: {e}",
                options.out.join(&rel).display()
            );
            return ExitCode::from(2);
        }
        files += 1;
        bytes += data.len() as u64;
    }
    if options.change.is_none() {
        let manifest = format!(
            "{{\"generator\": \"dossier benches/gen_archive.rs\", \"version\": 2, \"seed\": {}, \"n\": {}, \"bytes\": {bytes}}}\n",
            options.seed, options.n
        );
        let mut name = options.out.as_os_str().to_owned();
        name.push(".manifest.json");
        if let Err(e) = fs::File::create(&name).and_then(|mut f| f.write_all(manifest.as_bytes())) {
            eprintln!("gen_archive: cannot write manifest: {e}");
        }
    }
    eprintln!(
        "gen_archive: wrote {files} files, {:.1} MB, in {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
