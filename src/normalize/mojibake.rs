//! Repairs text that was double-encoded: UTF-8 once read as Windows-1252
//! (or ISO-8859-1) and saved again as UTF-8.
//!
//! Scrapers and CMS migrations do this to whole pages: `Sureños` is saved
//! as `SureÃ±os`, `’` as `â€™`, and a reporter who searches `sureños` never
//! finds the article. The decoder reads such a page correctly as UTF-8; the
//! damage is in the text. Each damaged character is a run of characters
//! whose Windows-1252 bytes form one valid UTF-8 sequence, so it is undone
//! by reading those bytes as UTF-8 again.
//!
//! Truth over coverage: a run is repaired on its own only where it cannot be
//! real text: three or four bytes, or a C1 control or Windows-1252
//! punctuation byte among them (`â€™`, `â\u{80}\u{99}`, `Ã‘`), that repair
//! to a character such pages use (a letter of the Latin alphabets,
//! punctuation, a symbol, an emoji). Other runs could be real: `«PERÚ»`
//! holds `Ú»`, which reads as one Arabic letter, and Czech `těžké – s`
//! holds `é` + no-break space + `–`, one CJK character. Those are repaired
//! only on a page damaged whole: two damaged runs or more, and no fewer of
//! them uncertain than the page has correct non-ASCII characters. On a page
//! written correctly, its many accented letters outnumber them.

use encoding_rs::WINDOWS_1252;
use memchr::memchr_iter;

/// One double-encoded character found in the text.
struct Damaged {
    /// Byte range of the damaged run in the text.
    start: usize,
    end: usize,
    /// The character it stands for.
    repaired: char,
    /// True if the run cannot be real text (see the module doc).
    certain: bool,
}

/// The text with its double-encoded characters repaired, or `None` if it
/// has none to repair.
pub fn repair(text: &str) -> Option<String> {
    if !may_be_damaged(text.as_bytes()) {
        return None;
    }
    let mut found = Vec::new();
    let mut other_non_ascii = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_ascii() {
            continue;
        }
        match damaged_at(text, start, c) {
            Some(damaged) => {
                while chars.peek().is_some_and(|&(at, _)| at < damaged.end) {
                    chars.next();
                }
                found.push(damaged);
            }
            None => other_non_ascii += 1,
        }
    }
    // Two damaged runs or more, and no fewer uncertain ones than correct
    // non-ASCII characters: the page was damaged whole.
    let uncertain = found.iter().filter(|d| !d.certain).count();
    let whole_page = found.len() >= 2 && uncertain >= other_non_ascii;
    found.retain(|d| d.certain || whole_page);
    if found.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for d in &found {
        out.push_str(&text[at..d.start]);
        out.push(d.repaired);
        at = d.end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// A quick look at the bytes: a damaged character starts with a letter
/// U+00C2–U+00F4 (bytes C3 82–C3 B4) followed by a character U+0080–U+00BF
/// (C2 xx) or a Windows-1252 punctuation mark (encoded from C5, C6, CB or
/// E2). Correct Spanish text (`é` followed by a letter) fails it at once.
fn may_be_damaged(bytes: &[u8]) -> bool {
    memchr_iter(0xC3, bytes).any(|i| {
        matches!(bytes.get(i + 1), Some(0x82..=0xB4))
            && matches!(bytes.get(i + 2), Some(0xC2 | 0xC5 | 0xC6 | 0xCB | 0xE2))
    })
}

/// The double-encoded character starting with `lead` at byte `start`.
fn damaged_at(text: &str, start: usize, lead: char) -> Option<Damaged> {
    let lead_byte = match lead as u32 {
        b @ 0xC2..=0xF4 => b as u8,
        _ => return None,
    };
    let continuations = match lead_byte {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        _ => 3,
    };
    let mut bytes = [lead_byte, 0, 0, 0];
    let mut end = start + lead.len_utf8();
    let mut certain = continuations >= 2;
    let mut rest = text[end..].chars();
    for slot in bytes.iter_mut().skip(1).take(continuations) {
        let c = rest.next()?;
        let byte = continuation_byte(c)?;
        certain |= byte < 0xA0;
        *slot = byte;
        end += c.len_utf8();
    }
    let repaired = std::str::from_utf8(&bytes[..=continuations])
        .ok()?
        .chars()
        .next()?;
    // A C1 control is no better than what was there.
    if repaired.is_control() {
        return None;
    }
    Some(Damaged {
        start,
        end,
        repaired,
        certain: certain && usual_in_latin_text(repaired),
    })
}

/// True for the characters double encoding usually damages in Latin-script
/// pages: accented letters, punctuation (`’`, `—`), symbols, emoji and the
/// byte order mark. A run that would repair to anything else (`é` + no-break
/// space + `–` in Czech reads as one CJK character) is real text unless the
/// whole page is damaged.
fn usual_in_latin_text(c: char) -> bool {
    matches!(c as u32, 0xA0..=0x24F | 0x2000..=0x2BFF | 0xFEFF | 0x1F000..=0x1FAFF)
}

/// The Windows-1252 (or ISO-8859-1) byte 0x80–0xBF that `c` was read from:
/// the character itself up to U+00FF, else its byte in encoding_rs's
/// Windows-1252 table (`€` is 0x80, `’` 0x92).
fn continuation_byte(c: char) -> Option<u8> {
    match c as u32 {
        b @ 0x80..=0xBF => Some(b as u8),
        0..=0xFF => None,
        _ => {
            let mut utf8 = [0u8; 4];
            let (bytes, _, unmappable) = WINDOWS_1252.encode(c.encode_utf8(&mut utf8));
            match *bytes {
                [b @ 0x80..=0x9F] if !unmappable => Some(b),
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` double-encoded: its UTF-8 bytes read as Windows-1252.
    fn double_encoded(text: &str) -> String {
        let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(text.as_bytes());
        decoded.into_owned()
    }

    #[test]
    fn a_page_double_encoded_whole_is_repaired() {
        let page = "Los Sureños y la policía: «PERÚ», 3 °C, ¿qué pasó? — “Mara” ’s";
        let damaged = double_encoded(page);
        assert!(damaged.contains("SureÃ±os"), "{damaged}");
        assert_eq!(repair(&damaged).as_deref(), Some(page));
    }

    #[test]
    fn iso_8859_1_damage_with_c1_controls_is_repaired() {
        // Read as ISO-8859-1, `’` (E2 80 99) becomes `â` and two C1 controls.
        let damaged = "A DIY Investor\u{e2}\u{80}\u{99}s Guide";
        assert_eq!(repair(damaged).as_deref(), Some("A DIY Investor’s Guide"));
    }

    #[test]
    fn certain_damage_is_repaired_beside_correct_text() {
        // A correct page with one pasted, damaged quotation.
        let text = "La policía capturó a 12 pandilleros. El ministro dijo â€œbastaâ€\u{9d}.";
        assert_eq!(
            repair(text).as_deref(),
            Some("La policía capturó a 12 pandilleros. El ministro dijo “basta”.")
        );
        // A mojibake byte order mark.
        assert_eq!(repair("ï»¿Hola").as_deref(), Some("\u{feff}Hola"));
    }

    /// Any text in the letters and punctuation of Spanish and English
    /// pages, with two non-ASCII characters or more, comes back as written.
    #[test]
    fn double_encoded_latin_text_comes_back_as_written() {
        const ALPHABET: &[char] = &[
            'a', 'e', 'n', 's', 'P', ' ', ' ', '.', '"', 'á', 'é', 'í', 'ó', 'ú', 'ñ', 'ü', 'Ñ',
            'É', 'Ú', '¿', '¡', '’', '“', '”', '—', '–', '€', '«', '»', '°', '®', '\u{a0}', '…',
            'š', 'Ý', '🙂',
        ];
        let mut rng = crate::test_rng::Rng(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| rng.below(n);
        let mut checked = 0;
        while checked < 2000 {
            let len = 1 + next(40);
            let text: String = (0..len).map(|_| ALPHABET[next(ALPHABET.len())]).collect();
            if text.chars().filter(|c| !c.is_ascii()).count() < 2 {
                continue;
            }
            assert_eq!(
                repair(&double_encoded(&text)).as_deref(),
                Some(text.as_str())
            );
            checked += 1;
        }
    }

    #[test]
    fn correct_text_is_left_alone() {
        for text in [
            "Los Sureños y la policía",
            // `Ú»` and `É»` read as one character each; on a correct page
            // the other accented letters outnumber them.
            "«PERÚ» y «CAFÉ»: la policía capturó a los pandilleros en Mariona, según la Fiscalía.",
            "Ça va? Ñandú, São Paulo, naïve, Ångström, ½ °C ±2",
            // `é`, a no-break space and `–` read as one CJK character.
            "V tak malé obci je těžké\u{a0}– s médii nekomunikují, tvrdí policisté.",
            "plain ASCII",
            "",
        ] {
            assert_eq!(repair(text), None, "{text}");
        }
    }
}
