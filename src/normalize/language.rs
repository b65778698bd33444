//! Language: normalises declared language tags and detects the language of
//! article text when nothing is declared.
//!
//! Detection is restricted to English and Spanish, the two languages of the
//! archives; anything else must be declared by the page to be recognised.

use whatlang::{Detector, Lang};

/// The language used when neither a declaration nor detection decides.
pub const DEFAULT_LANGUAGE: &str = "en";

/// Normalises a language tag (`es-SV`, `en_US`, `ES`) to a lowercase
/// ISO 639-1 code; `None` for tags that are not a language.
pub fn normalize_tag(tag: &str) -> Option<String> {
    let primary = tag
        .trim()
        .split(['-', '_', ',', ';', ' '])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let code = match primary.as_str() {
        "eng" | "english" => "en".to_string(),
        "spa" | "esp" | "spanish" | "español" => "es".to_string(),
        p if p.len() == 2 && p.bytes().all(|b| b.is_ascii_lowercase()) => p.to_string(),
        _ => return None,
    };
    Some(code)
}

/// Characters read first: enough to tell English from Spanish in nearly
/// every article.
const FIRST_SAMPLE_CHARS: usize = 1000;
/// Characters read when the first sample leaves the detector unsure.
const FULL_SAMPLE_CHARS: usize = 4000;

/// Detects English or Spanish in `text`; `None` when the text is too short
/// or the detector is unsure.
///
/// The detector's time grows with the text it reads (it was 4% of a full
/// build's CPU time on 4,000 characters), so it reads the first 1,000 and
/// goes on to 4,000 only when that reading is not reliable.
pub fn detect(text: &str) -> Option<&'static str> {
    let detector = Detector::with_allowlist(vec![Lang::Eng, Lang::Spa]);
    let first = prefix(text, FIRST_SAMPLE_CHARS);
    if first.len() < text.len() && has_four_words(first) {
        if let Some(info) = detector.detect(first) {
            if info.is_reliable() {
                return Some(code(info.lang()));
            }
        }
    }
    let sample = prefix(text, FULL_SAMPLE_CHARS);
    if !has_four_words(sample) {
        return None;
    }
    detector.detect_lang(sample).map(code)
}

/// Detects English or Spanish in `text` only where the detector is sure
/// (to choose between declarations that disagree, a guess is not enough).
pub fn detect_reliable(text: &str) -> Option<&'static str> {
    let sample = prefix(text, FULL_SAMPLE_CHARS);
    if !has_four_words(sample) {
        return None;
    }
    Detector::with_allowlist(vec![Lang::Eng, Lang::Spa])
        .detect(sample)
        .filter(whatlang::Info::is_reliable)
        .map(|info| code(info.lang()))
}

fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Spa => "es",
        _ => "en",
    }
}

/// Fewer words than four tell no language.
fn has_four_words(text: &str) -> bool {
    text.split_whitespace().nth(3).is_some()
}

/// The first `chars` characters of `text`.
fn prefix(text: &str, chars: usize) -> &str {
    text.char_indices()
        .nth(chars)
        .map_or(text, |(end, _)| &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(normalize_tag("es-SV").as_deref(), Some("es"));
        assert_eq!(normalize_tag("en_US").as_deref(), Some("en"));
        assert_eq!(normalize_tag("ES").as_deref(), Some("es"));
        assert_eq!(normalize_tag(""), None);
        assert_eq!(normalize_tag("x-klingon"), None);
    }

    #[test]
    fn detection() {
        assert_eq!(
            detect(
                "Las pandillas negociaron con el gobierno a cambio de beneficios en las cárceles."
            ),
            Some("es")
        );
        assert_eq!(
            detect("The gangs negotiated with the government in exchange for prison benefits."),
            Some("en")
        );
        assert_eq!(detect("hola"), None);
    }

    /// An English story full of Spanish names: the old reading of 4,000
    /// characters called two such generated scrapes Spanish; the first
    /// 1,000 are English and reliable.
    #[test]
    fn an_english_story_naming_spanish_places_is_english() {
        let english = "Members of the gang ordered a curfew in the community, and \
            the minister promised a tougher security plan before the elections. ";
        let names = "Autodefensas Conquistadores de la Sierra Nevada, Comunidad \
            Santa Lucía, La Libertad, Villa Nueva, los Pachenca. ";
        let text = format!("{}{}", english.repeat(8), names.repeat(40));
        assert!(text.chars().count() > FULL_SAMPLE_CHARS);
        // The premise: read whole, the sample is taken for Spanish.
        let whole = Detector::with_allowlist(vec![Lang::Eng, Lang::Spa])
            .detect_lang(prefix(&text, FULL_SAMPLE_CHARS));
        assert_eq!(whole, Some(Lang::Spa));
        assert_eq!(detect(&text), Some("en"));
    }

    /// A first sample of lists and figures is not reliable, so the reading
    /// goes on to the prose after it.
    #[test]
    fn an_unsure_start_reads_further() {
        let figures = "2019 2020 2021 MS13 B18 1,234 5,678 (AP) ";
        let spanish = "Las pandillas negociaron con el gobierno a cambio de beneficios \
            en las cárceles, según documentos que revisaron los periodistas. ";
        let text = format!("{}{}", figures.repeat(26), spanish.repeat(30));
        assert!(text.chars().count() > FIRST_SAMPLE_CHARS);
        let first = Detector::with_allowlist(vec![Lang::Eng, Lang::Spa])
            .detect(prefix(&text, FIRST_SAMPLE_CHARS));
        assert!(!first.is_some_and(|info| info.is_reliable()));
        assert_eq!(detect(&text), Some("es"));
    }

    #[test]
    fn prefixes_end_on_a_character() {
        assert_eq!(prefix("añoñ", 2), "añ");
        assert_eq!(prefix("año", 9), "año");
    }
}
