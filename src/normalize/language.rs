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

/// Detects English or Spanish in `text`; `None` when the text is too short
/// or the detector is unsure.
pub fn detect(text: &str) -> Option<&'static str> {
    let sample: String = text.chars().take(4000).collect();
    if sample.split_whitespace().count() < 4 {
        return None;
    }
    let detector = Detector::with_allowlist(vec![Lang::Eng, Lang::Spa]);
    match detector.detect_lang(&sample)? {
        Lang::Spa => Some("es"),
        _ => Some("en"),
    }
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
}
