//! Date parsing: machine dates (ISO 8601, RFC 2822), dates in URLs, and
//! visible datelines in English and Spanish.
//!
//! Owns only the reading of a string into a [`NaiveDate`]; which strings are
//! trusted (and in what order) is decided in `metadata` and `text`.

use chrono::{Datelike, NaiveDate, Weekday};

/// Earliest year accepted: older "dates" are almost always something else.
const MIN_YEAR: i32 = 1990;

/// A date no later than tomorrow (a publisher east of here may already
/// be on it) and no earlier than [`MIN_YEAR`]: nothing was published in
/// the future, so a later date is a scheduled stamp, a typo or an event
/// announced (a trial, an election).
fn plausible(d: NaiveDate) -> Option<NaiveDate> {
    let latest = chrono::Local::now().date_naive().succ_opt()?;
    (d.year() >= MIN_YEAR && d <= latest).then_some(d)
}

fn ymd(y: i64, m: i64, d: i64) -> Option<NaiveDate> {
    let y = i32::try_from(y).ok()?;
    let m = u32::try_from(m).ok()?;
    let d = u32::try_from(d).ok()?;
    NaiveDate::from_ymd_opt(y, m, d).and_then(plausible)
}

/// Month number of an English or Spanish month name or abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let m = match w.as_str() {
        "january" | "jan" | "enero" | "ene" => 1,
        "february" | "feb" | "febrero" => 2,
        "march" | "mar" | "marzo" => 3,
        "april" | "apr" | "abril" | "abr" => 4,
        "may" | "mayo" => 5,
        "june" | "jun" | "junio" => 6,
        "july" | "jul" | "julio" => 7,
        "august" | "aug" | "agosto" | "ago" => 8,
        "september" | "sep" | "sept" | "septiembre" | "setiembre" | "set" => 9,
        "october" | "oct" | "octubre" => 10,
        "november" | "nov" | "noviembre" => 11,
        "december" | "dec" | "diciembre" | "dic" => 12,
        // The full names in Portuguese, French, Italian, German and
        // Catalan (wire copy in an archive of the region's crime); their
        // abbreviations collide with other words ("out", "gen").
        "janeiro" | "janvier" | "gennaio" | "januar" | "gener" => 1,
        "fevereiro" | "février" | "fevrier" | "febbraio" | "februar" | "febrer" => 2,
        "março" | "mars" | "märz" | "marz" | "març" => 3,
        "avril" | "aprile" => 4,
        "maio" | "mai" | "maggio" | "maig" => 5,
        "junho" | "juin" | "giugno" | "juni" | "juny" => 6,
        "julho" | "juillet" | "luglio" | "juli" | "juliol" => 7,
        "août" | "aout" | "agost" => 8,
        "setembro" | "septembre" | "settembre" | "setembre" => 9,
        "outubro" | "octobre" | "ottobre" | "oktober" => 10,
        "novembro" | "novembre" => 11,
        "dezembro" | "décembre" | "decembre" | "dicembre" | "dezember" | "desembre" => 12,
        _ => return None,
    };
    Some(m)
}

/// Day of the week of an English or Spanish weekday name or abbreviation.
pub(crate) fn weekday(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.').to_lowercase();
    let d = match w.as_str() {
        "monday" | "mon" | "lunes" | "lun" => Weekday::Mon,
        "tuesday" | "tue" | "tues" | "martes" => Weekday::Tue,
        "wednesday" | "wed" | "miércoles" | "miercoles" | "mié" | "mie" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" | "jueves" | "jue" => Weekday::Thu,
        "friday" | "fri" | "viernes" | "vie" => Weekday::Fri,
        "saturday" | "sat" | "sábado" | "sabado" | "sáb" | "sab" => Weekday::Sat,
        "sunday" | "sun" | "domingo" | "dom" => Weekday::Sun,
        _ => return None,
    };
    Some(d)
}

/// Reads a machine-readable date: `2021-09-08`, `2021-09-08T23:10:00-05:00`,
/// `2021/09/08`, `20210908`, or an RFC 2822 / textual date. The calendar day
/// is the one written (the publisher's local day), not converted to UTC.
pub fn parse_machine_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if b.len() >= 10 && matches!(b[4], b'-' | b'/' | b'.') && b[7] == b[4] {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            if b.len() == 10 || !b[10].is_ascii_digit() {
                return ymd(y, m, d);
            }
        }
    }
    if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) && (b.len() == 8 || b[8] == b'T') {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(4..6), digits(6..8)) {
            return ymd(y, m, d);
        }
    }
    // Unix timestamps (seconds or milliseconds) appear in some meta tags.
    if (10..=13).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) {
        let mut n: i64 = s.parse().ok()?;
        if b.len() == 13 {
            n /= 1000;
        }
        return chrono::DateTime::from_timestamp(n, 0).and_then(|t| plausible(t.date_naive()));
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc2822(s) {
        return plausible(t.date_naive());
    }
    find_text_date(s, DayOrder::Unknown)
}

/// Finds `/2021/09/08/` (or `/2021-09-08`) in a URL path. A number opening
/// the slug of a year-and-month permalink is no day: `/2021/03/5-claves/`
/// is a headline's "5 claves", in March.
pub fn date_from_url(url: &str) -> Option<NaiveDate> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let segs: Vec<&str> = path.split('/').collect();
    for w in segs.windows(3) {
        if w[0].len() == 4 && w[1].len() <= 2 && !w[1].is_empty() && !w[2].is_empty() {
            let day: String = w[2].chars().take_while(char::is_ascii_digit).collect();
            if day.is_empty() || day.len() > 2 {
                continue;
            }
            let rest = &w[2][day.len()..];
            if !rest.is_empty() {
                continue;
            }
            if let (Ok(y), Ok(m), Ok(d)) = (w[0].parse(), w[1].parse(), day.parse()) {
                if let Some(date) = ymd(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    for seg in &segs {
        if seg.len() >= 10 {
            for start in 0..=seg.len() - 10 {
                let Some(part) = seg.get(start..start + 10) else {
                    continue;
                };
                let pb = part.as_bytes();
                let before_ok = start == 0 || !seg.as_bytes()[start - 1].is_ascii_digit();
                let after_ok = seg
                    .as_bytes()
                    .get(start + 10)
                    .is_none_or(|c| !c.is_ascii_digit());
                if before_ok && after_ok && pb[4] == b'-' && pb[7] == b'-' {
                    if let Some(d) = parse_machine_date(part) {
                        return Some(d);
                    }
                }
            }
        }
    }
    None
}

/// How to read an all-numeric date such as `08/09/2021`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOrder {
    /// Day first (Spanish and most of the world).
    DayFirst,
    /// Month first, accepted only when unambiguous (English pages).
    MonthFirst,
    /// Numeric dates are not read at all.
    Unknown,
}

/// Languages whose writers put the day first in an all-numeric date,
/// wherever they write (a US site's pages excepted): Spanish and the other
/// languages of the Americas' and Europe's news.
const DAY_FIRST_LANGUAGES: [&str; 20] = [
    "es", "pt", "fr", "it", "de", "ca", "gl", "eu", "nl", "ro", "pl", "cs", "sk", "ru", "uk", "tr",
    "el", "da", "no", "ht",
];

/// Regions whose English writes the day first ("04/03/2021" on a British
/// page is 4 March).
const DAY_FIRST_ENGLISH_REGIONS: [&str; 7] = ["gb", "uk", "ie", "au", "nz", "in", "za"];

impl DayOrder {
    /// How a page in `lang` (a primary language subtag) from `region` (a
    /// region subtag, if the page names one) writes numeric dates. A US
    /// site writes them month first in any language; an English page
    /// without a day-first region is read month first, that is only
    /// where unambiguous.
    pub fn of_language(lang: &str, region: Option<&str>) -> DayOrder {
        let region = region.map(str::to_ascii_lowercase);
        match region.as_deref() {
            Some("us") => DayOrder::MonthFirst,
            Some(r) if lang == "en" && DAY_FIRST_ENGLISH_REGIONS.contains(&r) => DayOrder::DayFirst,
            _ if DAY_FIRST_LANGUAGES.contains(&lang) => DayOrder::DayFirst,
            _ => DayOrder::MonthFirst,
        }
    }
}

fn is_year(w: &str) -> Option<i64> {
    (w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

fn is_day(w: &str) -> Option<i64> {
    let w = w
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th")
        .trim_end_matches('º');
    (!w.is_empty() && w.len() <= 2 && w.bytes().all(|c| c.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// Finds the first written date in `text`: `September 8, 2021`,
/// `8 September 2021`, `8 SEP 2021`, `8 de septiembre de 2021`,
/// `2021-09-08`, and numeric `08/09/2021` read as `order` says.
pub fn find_text_date(text: &str, order: DayOrder) -> Option<NaiveDate> {
    find_text_date_at(text, order).map(|(_, d)| d)
}

/// The runs of letters and digits of `text`, each with the character
/// that follows it (a space at the end) and the offset where it starts.
fn tokens(text: &str) -> Vec<(&str, char, usize)> {
    let mut toks = Vec::new();
    let mut start = None;
    let mut after_digit = false;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || c == 'º' {
            match start {
                // Copying a page glues its spans: "March 3, 2021Updated
                // March 5" is a year, then a word.
                Some(s) if after_digit && c.is_uppercase() => {
                    toks.push((&text[s..i], ' ', s));
                    start = Some(i);
                }
                Some(_) => {}
                None => start = Some(i),
            }
            after_digit = c.is_ascii_digit();
        } else if let Some(s) = start.take() {
            toks.push((&text[s..i], c, s));
        }
    }
    if let Some(s) = start {
        toks.push((&text[s..], ' ', s));
    }
    toks
}

/// Whether a date is one end of a span ("Jan. 3, 2003 – Sept. 13, 2016",
/// "del 3 de marzo de 2021 al 5 de abril de 2021"): a life's or an
/// event's dates, not a dateline. `before` and `after` are the text on
/// either side of it.
pub fn in_span(before: &str, after: &str, order: DayOrder) -> bool {
    opens_span(after, order) || closes_span(before)
}

/// Whether the text before a date ends with another date's year and a
/// dash or "to" ("Aug. 2, 1959 – "): the first date may be one too old to
/// read as a date, the year says what it was.
fn closes_span(before: &str) -> bool {
    let b = before.trim_end();
    let Some(b) = b.strip_suffix(SPAN_DASHES).or_else(|| {
        SPAN_WORDS
            .iter()
            .find_map(|w| b.strip_suffix(w).and_then(|r| r.strip_suffix(' ')))
    }) else {
        return false;
    };
    let digits = b
        .trim_end()
        .bytes()
        .rev()
        .take_while(u8::is_ascii_digit)
        .count();
    digits == 4
}

/// Whether the text right after a date goes on to a second date.
fn opens_span(after: &str, order: DayOrder) -> bool {
    let rest = after.trim_start();
    let Some(rest) = rest.strip_prefix(SPAN_DASHES).or_else(|| {
        SPAN_WORDS
            .iter()
            .find_map(|w| rest.strip_prefix(w).and_then(|r| r.strip_prefix(' ')))
    }) else {
        return false;
    };
    find_text_date_at(rest, order).is_some_and(|(at, _)| rest[..at].trim().is_empty())
}

/// What joins the two ends of a span of dates.
const SPAN_DASHES: [char; 3] = ['–', '—', '-'];
const SPAN_WORDS: [&str; 3] = ["to", "al", "hasta"];

/// Like [`find_text_date`], with the byte offset where the date starts (the
/// words before it may say what the date is: "Updated", "Publicado").
pub fn find_text_date_at(text: &str, order: DayOrder) -> Option<(usize, NaiveDate)> {
    let toks = tokens(text);
    let found = |i: usize, d: NaiveDate| Some((toks[i].2, d));
    for i in 0..toks.len() {
        let t = |k: usize| toks.get(i + k).map(|x| x.0);
        let sep = |k: usize| toks.get(i + k).map(|x| x.1);
        let Some(w0) = t(0) else { break };
        // ISO date in running text.
        if let (Some(y), Some(m), Some(d)) = (is_year(w0), t(1), t(2)) {
            if sep(0) == Some('-') && sep(1) == Some('-') {
                if let (Ok(m), Ok(d)) = (m.parse(), d.parse::<i64>()) {
                    if d <= 31 && m <= 12 && t(2).is_some_and(|x| x.len() == 2) {
                        if let Some(date) = ymd(y, m, d) {
                            return found(i, date);
                        }
                    }
                }
            }
        }
        // Month Day, Year
        if let Some(m) = month_number(w0) {
            if let (Some(d), Some(y)) = (t(1).and_then(is_day), t(2).and_then(is_year)) {
                if let Some(date) = ymd(y, i64::from(m), d) {
                    return found(i, date);
                }
            }
            // Month Year alone is not a day; skip.
            continue;
        }
        if let Some(d) = is_day(w0) {
            // Day Month Year
            if let (Some(m), Some(y)) = (t(1).and_then(month_number), t(2).and_then(is_year)) {
                if let Some(date) = ymd(y, i64::from(m), d) {
                    return found(i, date);
                }
            }
            // Day de Month de(l) Year
            if t(1).is_some_and(|w| w.eq_ignore_ascii_case("de")) {
                if let Some(m) = t(2).and_then(month_number) {
                    let y = if t(3).is_some_and(|w| {
                        w.eq_ignore_ascii_case("de") || w.eq_ignore_ascii_case("del")
                    }) {
                        t(4).and_then(is_year)
                    } else {
                        t(3).and_then(is_year)
                    };
                    if let Some(y) = y {
                        if let Some(date) = ymd(y, i64::from(m), d) {
                            return found(i, date);
                        }
                    }
                }
            }
            // Numeric a/b/yyyy
            let numeric = matches!(sep(0), Some('/' | '.' | '-')) && sep(1) == sep(0);
            // A weekday name just before ("Thu, 09/25/2025", Drupal's
            // default format, also in its meta tags) says which reading is
            // meant, whatever the page's language: the one that falls on
            // that day, when only one does.
            let named = i
                .checked_sub(1)
                .and_then(|k| toks.get(k))
                .and_then(|x| weekday(x.0));
            if let (true, Some(wd)) = (numeric, named) {
                if let (Some(b), Some(y)) = (t(1).and_then(is_day), t(2).and_then(is_year)) {
                    let fits: Vec<NaiveDate> = [(d, b), (b, d)]
                        .into_iter()
                        .filter_map(|(day, month)| ymd(y, month, day))
                        .filter(|x| x.weekday() == wd)
                        .collect();
                    if let [one] = fits.as_slice() {
                        return found(i, *one);
                    }
                    if fits.len() == 2 && fits[0] == fits[1] {
                        return found(i, fits[0]);
                    }
                }
            }
            if order != DayOrder::Unknown && numeric {
                if let (Some(b), Some(y)) = (t(1).and_then(is_day), t(2).and_then(is_year)) {
                    let (day, month) = match order {
                        DayOrder::DayFirst => (d, b),
                        _ if d > 12 && b <= 12 => (d, b),
                        _ if b > 12 && d <= 12 => (b, d),
                        _ if b == d => (b, d),
                        _ => continue,
                    };
                    if let Some(date) = ymd(y, month, day) {
                        return found(i, date);
                    }
                }
            }
        }
    }
    None
}

/// When a page says the article first appeared ("This article was
/// originally published on 26 Sep 2019", "Originally published in March
/// 2022"): a republished or updated copy, whose metadata and byline date
/// the copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstPublished {
    /// On this day: the publication date.
    On(NaiveDate),
    /// In this month or year (first and last day): rules out any other.
    Within(NaiveDate, NaiveDate),
}

/// How the source of a date read from such a statement is reported.
pub const FIRST_PUBLISHED_SOURCE: &str = "first publication, as the page states it";

/// How far into a statement of first publication its date may start:
/// "on Wednesday, " and no more.
const DATE_WITHIN_BYTES: usize = 16;

impl FirstPublished {
    /// Reads the words that follow "originally published" (as
    /// `rules::Prepared::first_published` gives them). The date must come
    /// first ("on 26 Sep 2019", "el 3 de marzo", "on Wednesday, March 2"):
    /// a venue named before it ("at www.example.com on …", "in The
    /// Atlantic …") makes the page a copy of a story from elsewhere, whose
    /// own date is that of the copy.
    pub fn read(rest: &str, order: DayOrder) -> Option<FirstPublished> {
        let rest = rest.trim_start();
        let soon = |at: usize| at <= DATE_WITHIN_BYTES;
        let day = find_text_date_at(rest, order).filter(|&(at, _)| soon(at));
        let period = find_text_period_at(rest).filter(|&(at, ..)| soon(at));
        match (day, period) {
            (Some((at, d)), Some((p, ..))) if at <= p => Some(FirstPublished::On(d)),
            (Some((_, d)), None) => Some(FirstPublished::On(d)),
            (_, Some((_, from, to))) => Some(FirstPublished::Within(from, to)),
            (None, None) => None,
        }
    }

    /// The publication date, given `found`, the date (and its source) the
    /// rest of the page's evidence gave: the day stated, or `found` if it
    /// falls within the period stated, else none.
    pub fn settle(
        first: Option<FirstPublished>,
        found: Option<(NaiveDate, String)>,
    ) -> Option<(NaiveDate, String)> {
        match (first, found) {
            (Some(FirstPublished::On(day)), _) => Some((day, FIRST_PUBLISHED_SOURCE.to_string())),
            (Some(FirstPublished::Within(from, to)), Some((day, _))) if day < from || day > to => {
                None
            }
            (_, found) => found,
        }
    }
}

/// The days of the first month or year named in `text` without a day:
/// `March 2022`, `marzo de 2022`, `in 2019`. For statements that date an
/// article to a month ("Originally published in March 2022"), with the
/// byte offset where the period starts.
fn find_text_period_at(text: &str) -> Option<(usize, NaiveDate, NaiveDate)> {
    let words = tokens(text);
    for (k, &(w, _, at)) in words.iter().enumerate() {
        let next = |n: usize| words.get(k + n).map(|x| x.0);
        if let Some(m) = month_number(w) {
            let year = match next(1) {
                Some(de) if de.eq_ignore_ascii_case("de") || de.eq_ignore_ascii_case("del") => {
                    next(2)
                }
                other => other,
            };
            if let Some(y) = year.and_then(is_year) {
                let first = ymd(y, i64::from(m), 1)?;
                let last = if m == 12 {
                    ymd(y, 12, 31)?
                } else {
                    ymd(y, i64::from(m) + 1, 1)?.pred_opt()?
                };
                return Some((at, first, last));
            }
            continue;
        }
        if matches!(w.to_ascii_lowercase().as_str(), "in" | "en") {
            if let Some(y) = next(1).and_then(is_year) {
                return Some((at, ymd(y, 1, 1)?, ymd(y, 12, 31)?));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn machine_dates() {
        assert_eq!(parse_machine_date("2021-09-08"), d(2021, 9, 8));
        assert_eq!(
            parse_machine_date("2021-09-08T23:30:00-05:00"),
            d(2021, 9, 8)
        );
        assert_eq!(parse_machine_date("20210908"), d(2021, 9, 8));
        assert_eq!(
            parse_machine_date("Wed, 08 Sep 2021 10:00:00 +0000"),
            d(2021, 9, 8)
        );
        assert_eq!(parse_machine_date("not a date"), None);
        assert_eq!(parse_machine_date("1850-01-01"), None);
    }

    #[test]
    fn periods_without_a_day() {
        let period = |t: &str| find_text_period_at(t).map(|(_, a, b)| (a, b));
        assert_eq!(
            period("in March 2022."),
            Some((d(2022, 3, 1).unwrap(), d(2022, 3, 31).unwrap()))
        );
        assert_eq!(
            period("en febrero de 2020"),
            Some((d(2020, 2, 1).unwrap(), d(2020, 2, 29).unwrap()))
        );
        assert_eq!(
            period("in December 2019"),
            Some((d(2019, 12, 1).unwrap(), d(2019, 12, 31).unwrap()))
        );
        assert_eq!(
            period("in 2013 and 2014"),
            Some((d(2013, 1, 1).unwrap(), d(2013, 12, 31).unwrap()))
        );
        assert_eq!(period("in The Atlantic"), None);
        assert_eq!(period("in May"), None);
        assert_eq!(period("in 1492"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_from_url("https://x.org/news/2021/09/08/gangs-talk/"),
            d(2021, 9, 8)
        );
        assert_eq!(
            date_from_url("https://x.org/2021-09-08-gangs"),
            d(2021, 9, 8)
        );
        assert_eq!(date_from_url("https://x.org/2021/09/gangs"), None);
        assert_eq!(date_from_url("https://x.org/id/12345678901"), None);
        // A headline's number opening a year-and-month permalink's slug.
        for url in [
            "https://x.org/2021/03/5-claves-para-entender-el-regimen/",
            "https://x.blogspot.com/2021/03/15-pandilleros-capturados.html",
        ] {
            assert_eq!(date_from_url(url), None, "{url}");
        }
    }

    #[test]
    fn nothing_is_published_in_the_future() {
        let next_year = chrono::Local::now().date_naive().year() + 1;
        assert_eq!(
            parse_machine_date(&format!("{next_year}-01-05T10:00:00-06:00")),
            None
        );
        assert_eq!(
            find_text_date(&format!("12 de marzo de {next_year}"), DayOrder::DayFirst),
            None
        );
        let today = chrono::Local::now().date_naive();
        assert_eq!(parse_machine_date(&today.to_string()), Some(today));
    }

    #[test]
    fn text_dates_english_and_spanish() {
        assert_eq!(
            find_text_date("Published September 8, 2021 by", DayOrder::Unknown),
            d(2021, 9, 8)
        );
        assert_eq!(
            find_text_date("8 SEP 2021", DayOrder::Unknown),
            d(2021, 9, 8)
        );
        assert_eq!(
            find_text_date("San Salvador, 8 de septiembre de 2021.", DayOrder::Unknown),
            d(2021, 9, 8)
        );
        assert_eq!(
            find_text_date("08/09/2021", DayOrder::DayFirst),
            d(2021, 9, 8)
        );
        assert_eq!(find_text_date("08/09/2021", DayOrder::MonthFirst), None);
        assert_eq!(
            find_text_date("09/18/2021", DayOrder::MonthFirst),
            d(2021, 9, 18)
        );
        assert_eq!(find_text_date("08/09/2021", DayOrder::Unknown), None);
        assert_eq!(find_text_date("in May 2021 the", DayOrder::Unknown), None);
    }
}
