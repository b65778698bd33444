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
const SOURCES_EN: &[&str] = &[
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
];
const SOURCES_ES: &[&str] = &[
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

/// Sentence templates. Slots: {G} a gang, {O} an official in full, {S} the
/// official again (surname when already named), {P} place, {J} prison,
/// {SRC} a source, {OP} an operation, {N} small number, {BIG} large number,
/// {PCT} percent, {Y} year, {M} month, {R} the official's role.
const EN: &[&str] = &[
    "{O}, {R}, said on Tuesday that the government would not negotiate with {G}.",
    "Members of {G} have controlled parts of {P} for more than {N} years, according to {SRC}.",
    "Police arrested {N} suspected members of {G} during an operation in {P} on Thursday.",
    "\"We are not going to allow the gangs to take back a single neighborhood,\" {S} told reporters in {P}.",
    "Prosecutors say {G} collects extortion payments from bus drivers, shopkeepers and street vendors in {P}.",
    "{S} has repeatedly denied that the government negotiated with the gangs.",
    "Homicides fell by {PCT} percent in {Y}, a drop the government attributed to its security plan.",
    "Critics, including {SRC}, argue that the state of exception has led to thousands of arbitrary arrests.",
    "A court in {P} sentenced {N} members of {G} to prison terms of up to {BIGN} years.",
    "Under the gang truce of 2012, leaders of {G} were moved from {J} to lower-security prisons.",
    "The investigation, known as Operation {OP}, was shut down before any charges were filed.",
    "According to {SRC}, officials met with gang leaders inside {J} at least {N} times.",
    "It was not clear whether {S} had authorized the transfers.",
    "The president's office did not respond to a request for comment.",
    "In {M} {Y}, {O} announced a new phase of the security plan.",
    "The measures, approved by the Legislative Assembly, suspend some constitutional rights, including the right to be told the reason for an arrest.",
    "Residents of {P} say the gangs still decide who enters and leaves the neighborhood.",
    "Since then, the number of people in prison has risen to more than {BIG}.",
    "That has not changed.",
    "The numbers tell a different story.",
    "Few in {P} believed it.",
    "The police and the army have set up checkpoints at the entrances of {P}.",
    "Rival cliques of {G} and {G2} fought for control of the market in {P} for most of {Y}.",
    "{SRC} documented {N} deaths in custody in the first months of the emergency.",
    "The court said the evidence gathered by prosecutors was enough to open a trial against {N} defendants.",
    "Relatives of those detained gathered outside {J} every morning, waiting for news.",
    "The minister of security told lawmakers that the government had dismantled the financial structure of {G}.",
    "Analysts say the reduction in violence began well before the current government took office.",
    "A spokesman for the National Civil Police said the operation was the largest in the country's history.",
    "{O} was appointed in {Y} and has overseen the prison system since then.",
    "Extortion remains the main source of income for {G}, which charges a weekly fee known as the renta.",
    "The United States indicted {N} leaders of {G} on terrorism charges in {Y}.",
    "Journalists who reported on the negotiations say they were followed and their phones were tapped.",
    "The government's critics have been labeled enemies of the people on social media.",
    "Many of those arrested had no criminal record, their families say.",
    "The attorney general at the time, {O}, said the case would continue.",
    "Bus companies in {P} suspended service for {N} days after {N2} drivers were killed.",
    "Gang members in {J} communicated with their leaders outside through messages smuggled by visitors.",
];
const ES: &[&str] = &[
    "{O}, {R}, aseguró el martes que el Gobierno no negociará con la {G}.",
    "Miembros de la {G} han controlado zonas de {P} durante más de {N} años, según {SRC}.",
    "La policía capturó a {N} supuestos miembros de la {G} durante un operativo en {P} el jueves.",
    "\"No vamos a permitir que las pandillas recuperen una sola colonia\", dijo {S} a periodistas en {P}.",
    "Según la Fiscalía, la {G} cobra extorsión a motoristas, comerciantes y vendedores ambulantes de {P}.",
    "{S} ha negado en repetidas ocasiones que el Gobierno haya negociado con las pandillas.",
    "Los homicidios bajaron un {PCT} por ciento en {Y}, una caída que el Gobierno atribuye a su plan de seguridad.",
    "Críticos como {SRC} sostienen que el régimen de excepción ha provocado miles de detenciones arbitrarias.",
    "Un tribunal de {P} condenó a {N} miembros de la {G} a penas de hasta {BIGN} años de prisión.",
    "Durante la tregua entre pandillas de 2012, los líderes de la {G} fueron trasladados desde {J} a penales de menor seguridad.",
    "La investigación, conocida como Operación {OP}, fue cerrada antes de que se presentaran cargos.",
    "De acuerdo con {SRC}, funcionarios se reunieron con cabecillas dentro de {J} al menos {N} veces.",
    "No quedó claro si {S} había autorizado los traslados.",
    "La oficina de prensa de la Presidencia no respondió a una solicitud de comentarios.",
    "En {M} de {Y}, {O} anunció una nueva fase del plan de seguridad.",
    "Las medidas, aprobadas por la Asamblea Legislativa, suspenden algunas garantías constitucionales, entre ellas el derecho a ser informado de la razón de la detención.",
    "Los habitantes de {P} aseguran que las pandillas todavía deciden quién entra y quién sale de la colonia.",
    "Desde entonces, la población carcelaria supera las {BIG} personas.",
    "Eso no ha cambiado.",
    "Las cifras cuentan otra historia.",
    "Pocos en {P} lo creyeron.",
    "La policía y el ejército instalaron retenes en los accesos de {P}.",
    "Clicas rivales de la {G} y la {G2} se disputaron el control del mercado de {P} durante buena parte de {Y}.",
    "{SRC} documentó {N} muertes bajo custodia en los primeros meses del régimen.",
    "El juez consideró que las pruebas reunidas por la Fiscalía bastaban para abrir juicio contra {N} imputados.",
    "Familiares de los detenidos esperaban cada mañana frente a {J} alguna noticia.",
    "El ministro de Seguridad dijo a los diputados que el Gobierno había desarticulado la estructura financiera de la {G}.",
    "Analistas señalan que la reducción de la violencia comenzó mucho antes de que asumiera el actual Gobierno.",
    "Un portavoz de la Policía Nacional Civil afirmó que se trataba del mayor operativo en la historia del país.",
    "{O} fue nombrado en {Y} y desde entonces dirige el sistema penitenciario.",
    "La extorsión sigue siendo la principal fuente de ingresos de la {G}, que cobra una cuota semanal conocida como renta.",
    "Estados Unidos acusó de terrorismo a {N} cabecillas de la {G} en {Y}.",
    "Periodistas que informaron sobre las negociaciones denuncian que fueron seguidos y que sus teléfonos fueron intervenidos.",
    "Muchos de los capturados no tenían antecedentes penales, según sus familias.",
    "El entonces fiscal general, {O}, afirmó que el caso seguiría adelante.",
    "Las empresas de autobuses de {P} suspendieron el servicio durante {N} días después del asesinato de {N2} motoristas.",
    "Los pandilleros recluidos en {J} se comunicaban con sus líderes en la calle mediante mensajes que ingresaban las visitas.",
];
const LEADS_EN: &[&str] = &[
    "However, ",
    "Still, ",
    "At the same time, ",
    "Meanwhile, ",
    "In recent years, ",
    "By some estimates, ",
    "",
];
const LEADS_ES: &[&str] = &[
    "Sin embargo, ",
    "Aun así, ",
    "Al mismo tiempo, ",
    "Mientras tanto, ",
    "En los últimos años, ",
    "",
];
const TAILS_EN: &[&str] = &[
    ", according to {SRC}",
    ", a claim the government denies",
    ", local media reported",
    ", officials said",
];
const TAILS_ES: &[&str] = &[
    ", según {SRC}",
    ", algo que el Gobierno niega",
    ", informaron medios locales",
    ", dijeron las autoridades",
];
const TITLES_EN: &[&str] = &[
    "{O} denies talks with {G} as homicides fall in {P}",
    "Police arrest {N} alleged {G} members in {P}",
    "Inside {J}: how {G} kept running extortion from prison",
    "{SRC} says state of exception led to arbitrary arrests in {P}",
    "US indicts {G} leaders over secret pact with government",
    "Court in {P} convicts {N} in {G} extortion case",
    "Bus drivers in {P} strike after killings blamed on {G}",
    "Operation {OP}: what prosecutors found before the case was shut down",
];
const TITLES_ES: &[&str] = &[
    "{O} niega pacto con la {G} mientras bajan los homicidios en {P}",
    "Capturan a {N} supuestos miembros de la {G} en {P}",
    "Dentro de {J}: así siguió la {G} cobrando extorsiones desde el penal",
    "{SRC} denuncia detenciones arbitrarias en {P} bajo el régimen de excepción",
    "Condenan en {P} a {N} pandilleros de la {G} por extorsión",
    "Paro de transporte en {P} tras asesinatos atribuidos a la {G}",
    "Operación {OP}: lo que la Fiscalía encontró antes de que se cerrara el caso",
];

/// An official: canonical name, every full name, surname, role.
type Official = (String, Vec<String>, Option<String>, Option<String>);

/// The registry, ranked for sampling: the first names are the common ones.
struct Cast {
    gangs: Vec<(String, Vec<String>)>,
    officials: Vec<Official>,
    gang_zipf: Zipf,
    official_zipf: Zipf,
}

impl Cast {
    fn new(schema: &Schema) -> Self {
        let gangs: Vec<(String, Vec<String>)> = schema
            .gangs
            .iter()
            .map(|g| {
                let mut names = vec![g.name.clone()];
                names.extend(g.aliases.iter().cloned());
                (g.name.clone(), names)
            })
            .collect();
        let officials: Vec<_> = schema
            .officials
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
        Cast {
            gang_zipf: Zipf::new(gangs.len().max(1), 1.1),
            official_zipf: Zipf::new(officials.len().max(1), 1.05),
            gangs,
            officials,
        }
    }
}

/// What one article is about; `{…}` slots are filled from it.
struct Story<'a> {
    lang: Lang,
    gangs: Vec<&'a (String, Vec<String>)>,
    officials: Vec<&'a Official>,
    /// Officials already named in full (later mentions use the surname).
    named: Vec<bool>,
    place: &'static str,
    year: i32,
    /// Template ranks: some phrasings are much more common than others.
    templates: Zipf,
}

impl Story<'_> {
    fn fill(&mut self, template: &str, rng: &mut Rng, out: &mut String) {
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find('}') else {
                out.push_str(&rest[start..]);
                return;
            };
            let slot = &rest[start + 1..start + len];
            rest = &rest[start + len + 1..];
            self.slot(slot, rng, out);
        }
        out.push_str(rest);
    }

    fn slot(&mut self, slot: &str, rng: &mut Rng, out: &mut String) {
        let es = self.lang == Lang::Es;
        match slot {
            "G" | "G2" => {
                let fallback = if es { "pandilla" } else { "the gang" };
                let idx = if slot == "G2" { 1 } else { 0 };
                match self.gangs.get(idx).or(self.gangs.first()).map(|g| &g.1) {
                    // Mostly the canonical name, now and then an alias.
                    Some(names) if rng.chance(0.7) => out.push_str(&names[0]),
                    Some(names) => out.push_str(names[rng.below(names.len())].as_str()),
                    None => out.push_str(fallback),
                }
            }
            "O" | "S" => {
                if self.officials.is_empty() {
                    out.push_str(if es { "el ministro" } else { "the minister" });
                    return;
                }
                let i = rng.below(self.officials.len());
                let (name, names, surname, _) = self.officials[i];
                if slot == "S" && self.named[i] {
                    out.push_str(surname.as_deref().unwrap_or(name));
                } else {
                    self.named[i] = true;
                    out.push_str(if rng.chance(0.85) {
                        name
                    } else {
                        names[rng.below(names.len())].as_str()
                    });
                }
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
            "J" => out.push_str(rng.word(PRISONS)),
            "OP" => out.push_str(rng.word(OPERATIONS)),
            "SRC" => out.push_str(rng.word(if es { SOURCES_ES } else { SOURCES_EN })),
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

    fn sentence(&mut self, rng: &mut Rng, out: &mut String) {
        let es = self.lang == Lang::Es;
        // A few templates are used much more than others: reused phrasing.
        let templates = if es { ES } else { EN };
        let t = templates[self.templates.sample(rng)];
        let mut s = String::new();
        self.fill(t, rng, &mut s);
        // A generic stand-in ("the minister") may open the sentence.
        if let Some(first) = s.chars().next().filter(|c| c.is_lowercase()) {
            s.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
        }
        let literal_start = !t.starts_with(['{', '"']) && !t.starts_with("Estados");
        if literal_start && rng.chance(0.2) {
            let lead = rng.word(if es { LEADS_ES } else { LEADS_EN });
            if let Some(first) = s.chars().next().filter(|_| !lead.is_empty()) {
                let lowered: String = first.to_lowercase().collect();
                s = format!("{lead}{lowered}{}", &s[first.len_utf8()..]);
            }
        }
        if rng.chance(0.12) && s.ends_with('.') && !s.ends_with("\".") {
            s.pop();
            let tail = rng.word(if es { TAILS_ES } else { TAILS_EN });
            self.fill(tail, rng, &mut s);
            s.push('.');
        }
        out.push_str(&s);
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
        let titles = if site.lang == Lang::Es {
            TITLES_ES
        } else {
            TITLES_EN
        };
        story.fill(rng.word(titles), &mut rng, &mut title);
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
        Story {
            lang,
            named: vec![false; officials.len()],
            gangs,
            officials,
            place: rng.word(PLACES),
            year,
            templates: Zipf::new(if lang == Lang::Es { ES.len() } else { EN.len() }, 0.6),
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
            let title = if es {
                rng.word(TITLES_ES)
            } else {
                rng.word(TITLES_EN)
            };
            let title = title
                .replace("{O}", "Funcionario")
                .replace("{G}", "pandilla")
                .replace("{P}", rng.word(PLACES))
                .replace("{N}", "12")
                .replace("{J}", rng.word(PRISONS))
                .replace("{SRC}", "InSight Crime")
                .replace("{OP}", rng.word(OPERATIONS));
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
            "{{\"generator\": \"dossier benches/gen_archive.rs\", \"version\": 1, \"seed\": {}, \"n\": {}, \"bytes\": {bytes}}}\n",
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
