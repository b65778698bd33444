//! Decoding: turns raw file bytes into UTF-8 text.
//!
//! Owns the binary sniff (magic numbers, NUL and control bytes), the
//! encoding choice (BOM, then a `<meta charset>` / `http-equiv` declaration
//! in the first bytes, then UTF-8 validity, then `chardetng`) and the
//! decoding itself, with the repair of double-encoded text (`mojibake`).
//! It does not look at the document structure.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use super::NormalizeError;

/// How many leading bytes are searched for a charset declaration.
const PRESCAN_BYTES: usize = 2048;
/// How many leading bytes are checked for binary content.
const SNIFF_BYTES: usize = 8192;

/// Text decoded from a file, with the name of the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, as UTF-8 (without BOM).
    pub text: String,
    /// The WHATWG name of the encoding, e.g. `"UTF-8"`, `"windows-1252"`.
    pub encoding: &'static str,
    /// True if the text had been double-encoded and was repaired
    /// (`mojibake`).
    pub repaired: bool,
    /// Bytes of a UTF-8 file that were not UTF-8, each read as the
    /// Windows-1252 character it stands for (a dash pasted into a UTF-8
    /// template from a word processor).
    pub stray_bytes: usize,
}

/// Magic numbers of common non-text formats, with a short name for errors.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"\x00\x00\x01\x00", "ICO image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    // Text formats whose markup would be read as the words of an article.
    (b"{\\rtf", "RTF document"),
    (b"%!PS", "PostScript document"),
];

/// Returns the kind of binary file `bytes` looks like, if any.
pub fn sniff_binary(bytes: &[u8]) -> Option<String> {
    for (magic, name) in MAGIC {
        if bytes.starts_with(magic) {
            return Some((*name).to_string());
        }
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") {
        return Some(match &bytes[8..12] {
            b"WEBP" => "WebP image".to_string(),
            b"WAVE" => "WAV audio".to_string(),
            _ => "RIFF media".to_string(),
        });
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("MP4/HEIF media".to_string());
    }
    if bom_encoding(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if looks_utf16(head).is_some() {
        return None;
    }
    let nul = head.iter().filter(|&&b| b == 0).count();
    // A stray NUL or two survives in some saved pages; more is binary.
    if nul > 2 + head.len() / 1000 {
        return Some("binary data (NUL bytes)".to_string());
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b | 0))
        .count();
    if control * 10 > head.len() {
        return Some("binary data (control bytes)".to_string());
    }
    None
}

/// The encoding named by a byte-order mark, with the BOM length.
fn bom_encoding(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// Recognises BOM-less UTF-16 by its NUL bytes at every other position.
fn looks_utf16(head: &[u8]) -> Option<&'static Encoding> {
    // UTF-16 text in a Latin script is half NUL bytes; almost every page
    // has none, found at once (counting every other byte is not).
    if head.len() < 16 || memchr::memchr(0, head).is_none() {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 9 && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 9 && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Finds a charset declared in the first bytes (`<meta charset=...>`,
/// `<meta http-equiv=content-type content="...; charset=...">`, or an XML
/// declaration's `encoding=`).
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for needle in [&b"charset"[..], &b"encoding"[..]] {
        let mut from = 0;
        while let Some(pos) = find(&lower[from..], needle) {
            let start = from + pos + needle.len();
            from = start;
            let rest = &lower[start..];
            let rest = trim_start(rest);
            let Some(rest) = rest.strip_prefix(b"=") else {
                continue;
            };
            let rest = trim_start(rest);
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/' | b' ' | b'?'))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..end]) {
                // A page that declares UTF-16 in ASCII is not UTF-16.
                if enc == UTF_16LE || enc == UTF_16BE {
                    return Some(UTF_8);
                }
                return Some(enc);
            }
        }
    }
    None
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes `bytes` to text, choosing the encoding as browsers do.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NormalizeError> {
    if bytes.is_empty() {
        return Err(NormalizeError::Empty);
    }
    if let Some(kind) = sniff_binary(bytes) {
        return Err(NormalizeError::Binary(kind));
    }
    if let Some((enc, len)) = bom_encoding(bytes) {
        return Ok(decode_with(enc, &bytes[len..]));
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(enc) = looks_utf16(head) {
        return Ok(decode_with(enc, bytes));
    }
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let declared = declared_encoding(bytes);
    let enc = match declared {
        // Text that is valid UTF-8 and not plain ASCII is UTF-8 whatever the
        // label says: legacy labels on UTF-8 pages are a common mistake.
        _ if valid_utf8 && !bytes.is_ascii() => UTF_8,
        Some(enc) if valid_utf8 => enc,
        _ if valid_utf8 => UTF_8,
        // UTF-8 but for a few stray bytes, whatever the label says: read
        // whole as a single-byte encoding, every accent would become two
        // characters.
        _ if mostly_utf8(bytes) => return Ok(decode_mostly_utf8(bytes)),
        // A UTF-8 label on bytes that are not UTF-8 is wrong: detect instead.
        Some(enc) if enc != UTF_8 => enc,
        _ => guess(bytes),
    };
    Ok(decode_with(enc, bytes))
}

/// The runs of `bytes`: valid UTF-8 text, or one byte that is not UTF-8.
fn utf8_runs(mut bytes: &[u8]) -> impl Iterator<Item = Result<&str, u8>> {
    let mut pending_stray = None;
    std::iter::from_fn(move || {
        if let Some(b) = pending_stray.take() {
            return Some(Err(b));
        }
        if bytes.is_empty() {
            return None;
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                bytes = &[];
                Some(Ok(text))
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                let (stray, rest) = rest.split_at(1);
                bytes = rest;
                // `valid` is UTF-8 by `valid_up_to`'s contract.
                match std::str::from_utf8(valid) {
                    Ok(text) if !text.is_empty() => {
                        pending_stray = Some(stray[0]);
                        Some(Ok(text))
                    }
                    _ => Some(Err(stray[0])),
                }
            }
        }
    })
}

/// Whether `bytes`, not valid UTF-8, are UTF-8 text with a few stray
/// bytes: at least three multi-byte characters, and three times as many as
/// stray bytes. Windows-1252 text seldom forms even one multi-byte UTF-8
/// character by chance (a letter from C0–DF followed by a symbol from
/// 80–BF).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut stray) = (0usize, 0usize);
    for run in utf8_runs(bytes) {
        match run {
            Ok(text) => multibyte += text.bytes().filter(|b| *b >= 0xC0).count(),
            Err(_) => stray += 1,
        }
    }
    multibyte >= 3 && multibyte >= 3 * stray
}

/// `bytes` read as UTF-8, each stray byte as its Windows-1252 character.
fn decode_mostly_utf8(bytes: &[u8]) -> Decoded {
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut stray_bytes = 0;
    for run in utf8_runs(bytes) {
        match run {
            Ok(valid) => text.push_str(valid),
            Err(byte) => {
                stray_bytes += 1;
                let single = [byte];
                let (c, _) = WINDOWS_1252.decode_without_bom_handling(&single);
                text.push_str(&c);
            }
        }
    }
    let mut decoded = finish(UTF_8, text);
    decoded.stray_bytes = stray_bytes;
    decoded
}

/// Guesses the encoding of bytes that are not valid UTF-8.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    // ISO-8859-1 is read as windows-1252 by browsers (encoding_rs does so
    // already); prefer it over exotic guesses for Latin text.
    if enc == UTF_8 {
        WINDOWS_1252
    } else {
        enc
    }
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    finish(enc, text.into_owned())
}

/// Decoded `text` read as `enc`, without NULs and with double-encoded
/// characters repaired.
fn finish(enc: &'static Encoding, mut text: String) -> Decoded {
    if text.contains('\0') {
        text.retain(|c| c != '\0');
    }
    let repaired = super::mojibake::repair(&text);
    Decoded {
        repaired: repaired.is_some(),
        text: repaired.unwrap_or(text),
        encoding: enc.name(),
        stray_bytes: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_error() {
        assert_eq!(decode(b""), Err(NormalizeError::Empty));
    }

    #[test]
    fn magic_numbers_are_binary() {
        for bytes in [
            &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..],
            b"\xff\xd8\xff\xe0\0\x10JFIF",
            b"GIF89a\x01\0\x01\0",
            b"%PDF-1.7\n%\xe2\xe3",
            b"PK\x03\x04\x14\0\0\0",
        ] {
            assert!(matches!(decode(bytes), Err(NormalizeError::Binary(_))));
        }
        // Text, but markup a reader would never call an article.
        assert_eq!(
            decode(b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Osiris Luna}"),
            Err(NormalizeError::Binary("RTF document".to_string()))
        );
        assert!(matches!(
            decode(b"%!PS-Adobe-3.0\n%%Title: informe"),
            Err(NormalizeError::Binary(_))
        ));
    }

    #[test]
    fn control_bytes_are_binary() {
        let junk: Vec<u8> = (0..400u32).map(|i| (i * 7 % 32) as u8).collect();
        assert!(matches!(decode(&junk), Err(NormalizeError::Binary(_))));
    }

    #[test]
    fn windows_1252_with_declaration() {
        let page =
            b"<html><head><meta charset=\"iso-8859-1\"></head><body>Sure\xf1os</body></html>";
        let d = decode(page).expect("decodes");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("Sureños"));
    }

    #[test]
    fn http_equiv_declaration() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>Polic\xeda \x93ok\x94";
        let d = decode(page).expect("decodes");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("Policía \u{201c}ok\u{201d}"));
    }

    #[test]
    fn windows_1252_without_declaration() {
        let page = b"<html><body><p>Los Sure\xf1os y la Mara Salvatrucha controlan la zona. La polic\xeda investig\xf3 el caso en El Salvador.</p></body></html>";
        let d = decode(page).expect("decodes");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("Sureños"));
        assert!(d.text.contains("policía investigó"));
    }

    #[test]
    fn utf8_with_a_stray_windows_1252_byte_is_read_as_utf8() {
        // A UTF-8 page with one en dash (0x96) pasted from a word processor,
        // labelled either way: UTF-8, the stray byte read as its character.
        for head in ["", "<meta charset=utf-8>", "<meta charset=iso-8859-1>"] {
            let mut page = head.as_bytes().to_vec();
            page.extend_from_slice(
                "<p>La policía detuvo a diez pandilleros, según fuentes; el operativo duró horas "
                    .as_bytes(),
            );
            page.push(0x96);
            page.extend_from_slice(" dijeron los vecinos de Soyapango.</p>".as_bytes());
            let d = decode(&page).expect("decodes");
            assert_eq!((d.encoding, d.stray_bytes), ("UTF-8", 1), "{head}");
            assert!(!d.repaired, "{head}");
            assert!(
                d.text.contains("La policía detuvo") && d.text.contains("horas – dijeron"),
                "{head}: {}",
                d.text
            );
        }
        // A truncated character at the end is a stray byte too.
        let d = decode(
            "según él, la policía investigó \u{e9}"
                .as_bytes()
                .split_last()
                .unwrap()
                .1,
        )
        .expect("decodes");
        assert_eq!((d.encoding, d.stray_bytes), ("UTF-8", 1));
    }

    #[test]
    fn windows_1252_text_with_many_accents_is_not_mostly_utf8() {
        // Every accent a stray byte: Windows-1252 text, not UTF-8.
        let page = b"<p>Seg\xfan la polic\xeda, el operativo dur\xf3 horas en Soyapango; \xe9l dijo que s\xed.</p>";
        assert!(!mostly_utf8(page));
        let d = decode(page).expect("decodes");
        assert_eq!((d.encoding, d.stray_bytes), ("windows-1252", 0));
        assert!(d.text.contains("Según la policía"));
    }

    #[test]
    fn utf8_wins_over_wrong_label() {
        let page = "<meta charset=iso-8859-1><p>Sureños</p>".as_bytes();
        let d = decode(page).expect("decodes");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("Sureños"));
    }

    #[test]
    fn utf16_without_a_bom_is_recognized_by_its_nul_bytes() {
        let page = "<html><p>Sureños y la MS13 en San Salvador</p></html>";
        for (name, encode) in [
            ("UTF-16LE", u16::to_le_bytes as fn(u16) -> [u8; 2]),
            ("UTF-16BE", u16::to_be_bytes),
        ] {
            let bytes: Vec<u8> = page.encode_utf16().flat_map(encode).collect();
            let d = decode(&bytes).expect("decodes");
            assert_eq!((d.encoding, d.text.as_str()), (name, page));
        }
        // A stray NUL in a UTF-8 page is dropped, not a sign of UTF-16.
        let d = decode("<p>Sureños\0 y la MS13 en San Salvador</p>".as_bytes()).expect("decodes");
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "<p>Sureños y la MS13 en San Salvador</p>");
    }

    #[test]
    fn bom_utf16() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "<p>Sureños</p>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes).expect("decodes");
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, "<p>Sureños</p>");
    }
}
