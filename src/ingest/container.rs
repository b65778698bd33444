//! The page inside a file: gzip, MHTML and Safari web archives unwrapped.
//!
//! Most archive files are the page itself. Three kinds hold it instead:
//! - gzip-compressed files (`story.html.gz`, as scrapers such as fundus
//!   keep pages);
//! - MHTML, what Chrome and Edge write for "Save page as… Webpage, Single
//!   File" (`.mhtml`, `.mht`): a MIME message whose first HTML part is the
//!   page, usually quoted-printable, followed by its images and styles.
//!   Read as text, it gave bodies full of `=C3=B3` and words cut by soft
//!   line breaks (`riva= les`), so names went unfound and untagged;
//! - Safari's web archives (`.webarchive`, Safari's default for "Save
//!   As"): a binary property list whose `WebMainResource` holds the page's
//!   bytes and their encoding. They were reported as binary and skipped.
//!
//! Each is recognised by its bytes, not its name.

use std::io::Read;

/// The page `bytes` hold: the contents of gzip data (refused past `cap`
/// bytes: a small file can inflate to gigabytes), the HTML page of an
/// MHTML message or of a web archive, or the bytes themselves. A gzip file
/// holding either is unwrapped twice.
pub fn page_of(bytes: Vec<u8>, cap: u64) -> anyhow::Result<Page> {
    let bytes = if bytes.starts_with(GZIP_MAGIC) {
        gunzip(&bytes, cap)?
    } else {
        bytes
    };
    if is_mhtml(&bytes) {
        return mhtml_page(&bytes);
    }
    if is_webarchive(&bytes) {
        return webarchive_page(&bytes);
    }
    Ok(Page {
        bytes,
        saved_from: None,
    })
}

/// A page as read from its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The page's bytes.
    pub bytes: Vec<u8>,
    /// The address the browser saved the page from, where the file records
    /// it (MHTML's `Snapshot-Content-Location`, a web archive's
    /// `WebResourceURL`): the article's URL when the page names none.
    pub saved_from: Option<String>,
}

/// `url` if it is a web address (not `file:`, `about:`, a `cid:` part).
fn web_address(url: &str) -> Option<String> {
    let url = url.trim();
    (url.starts_with("http://") || url.starts_with("https://")).then(|| url.to_string())
}

/// `bytes` in the charset named by `label`, handed on as UTF-8 with a
/// byte-order mark, which the decoder trusts over anything inside the page:
/// the wrapper's label is what the browser knew. An unknown label (or
/// none) leaves the bytes as they are, for the page's own `<meta charset>`
/// or detection to decide.
fn in_declared_charset(bytes: Vec<u8>, label: Option<&str>) -> Vec<u8> {
    let Some(encoding) = label.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
    else {
        return bytes;
    };
    let (text, _) = encoding.decode_without_bom_handling(&bytes);
    let mut utf8 = Vec::with_capacity(text.len() + 3);
    utf8.extend_from_slice(b"\xef\xbb\xbf");
    utf8.extend_from_slice(text.as_bytes());
    utf8
}

/// The first bytes of a gzip member (RFC 1952: ID1, ID2, deflate).
const GZIP_MAGIC: &[u8] = b"\x1f\x8b\x08";

/// The contents of gzip data, every member of it, refused past `cap`.
fn gunzip(bytes: &[u8], cap: u64) -> anyhow::Result<Vec<u8>> {
    let mut contents = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(cap + 1)
        .read_to_end(&mut contents)
        .map_err(|e| anyhow::anyhow!("damaged gzip data ({e})"))?;
    if contents.len() as u64 > cap {
        anyhow::bail!("gzip data inflates to more than {}", mib(cap));
    }
    Ok(contents)
}

/// A size for a message: MiB when it is one or more.
pub(crate) fn mib(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{bytes} bytes")
    }
}

/// How far into a file its MIME headers are looked for.
const HEADER_WINDOW: usize = 16 * 1024;

/// Whether `bytes` open with MIME headers declaring a `multipart/related`
/// message: MHTML. An e-mail (`multipart/mixed`, `alternative`) is not.
fn is_mhtml(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HEADER_WINDOW)];
    // Every file is asked: most are turned away by their first line, which
    // in a message is a header (`Name: value`) and in a page or a scrape
    // is a tag or a headline.
    let first_line = &head[..memchr::memchr(b'\n', head).unwrap_or(head.len())];
    let is_header = memchr::memchr(b':', first_line).is_some_and(|colon| {
        colon > 0
            && first_line[..colon]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
    });
    if !is_header {
        return false;
    }
    // The headers end at the first blank line.
    let text = String::from_utf8_lossy(head);
    let headers = text
        .split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    headers.lines().any(|line| {
        line.strip_prefix("content-type:")
            .is_some_and(|value| value.trim_start().starts_with("multipart/related"))
    })
}

/// The HTML page of an MHTML message: its first `text/html` part, with
/// the transfer encoding undone and the charset the part declares applied
/// ([`in_declared_charset`]).
fn mhtml_page(bytes: &[u8]) -> anyhow::Result<Page> {
    // The MIME parser (and `first_html_part`) recurse once per nested
    // multipart: a crafted file nested 100,000 deep overflowed a build
    // thread's stack, which aborts the process. A saved page has one.
    let multiparts = multipart_headers(bytes);
    if multiparts > MAX_MULTIPARTS {
        anyhow::bail!(
            "MHTML with {multiparts} multipart sections (at most {MAX_MULTIPARTS} are read)"
        );
    }
    let message =
        mailparse::parse_mail(bytes).map_err(|e| anyhow::anyhow!("damaged MHTML ({e})"))?;
    let page = first_html_part(&message)
        .ok_or_else(|| anyhow::anyhow!("MHTML file with no HTML page in it"))?;
    let raw = page
        .get_body_raw()
        .map_err(|e| anyhow::anyhow!("damaged MHTML page part ({e})"))?;
    let label = page.ctype.params.get("charset").map(String::as_str);
    use mailparse::MailHeaderMap;
    let saved_from = message
        .headers
        .get_first_value("Snapshot-Content-Location")
        .or_else(|| page.headers.get_first_value("Content-Location"))
        .as_deref()
        .and_then(web_address);
    Ok(Page {
        bytes: in_declared_charset(raw, label),
        saved_from,
    })
}

/// More multipart sections than any saved page has (Chrome writes one).
const MAX_MULTIPARTS: usize = 64;

/// How many `Content-Type` header lines may open a multipart section: those
/// naming one, and those whose value is folded onto the next line. An
/// upper bound on the nesting depth.
fn multipart_headers(bytes: &[u8]) -> usize {
    const HEADER: &[u8] = b"content-type:";
    bytes
        .split(|b| *b == b'\n')
        .filter(|line| {
            line.len() >= HEADER.len() && line[..HEADER.len()].eq_ignore_ascii_case(HEADER)
        })
        .filter(|line| {
            let value = String::from_utf8_lossy(&line[HEADER.len()..]).to_ascii_lowercase();
            value.trim().is_empty() || value.contains("multipart")
        })
        .count()
}

/// The first `text/html` part, depth first (the main frame comes before
/// the frames it embeds).
fn first_html_part<'a>(
    part: &'a mailparse::ParsedMail<'a>,
) -> Option<&'a mailparse::ParsedMail<'a>> {
    if part.ctype.mimetype.eq_ignore_ascii_case("text/html") {
        return Some(part);
    }
    part.subparts.iter().find_map(first_html_part)
}

/// The first bytes of a binary property list.
const BPLIST_MAGIC: &[u8] = b"bplist00";

/// Whether `bytes` are a binary property list that names a web archive's
/// main resource.
fn is_webarchive(bytes: &[u8]) -> bool {
    bytes.starts_with(BPLIST_MAGIC) && memchr::memmem::find(bytes, b"WebMainResource").is_some()
}

/// Deeper than a web archive's plist goes (its main resource is at 2).
const MAX_PLIST_DEPTH: usize = 64;

/// The page of a Safari web archive: `WebMainResource`'s
/// `WebResourceData`, in `WebResourceTextEncodingName`. The property list
/// is read as a stream of events, with its depth bounded, rather than
/// built into a tree: a crafted file nested deep must be an error, not an
/// overflowed stack.
fn webarchive_page(bytes: &[u8]) -> anyhow::Result<Page> {
    use plist::stream::Event;
    /// An open collection; for a dictionary, the key whose value is being
    /// read (`None` while a key is expected).
    struct Open {
        dictionary: bool,
        key: Option<String>,
    }
    let damaged = |e: plist::Error| anyhow::anyhow!("damaged web archive ({e})");
    let mut open: Vec<Open> = Vec::new();
    let mut data: Option<Vec<u8>> = None;
    let mut encoding: Option<String> = None;
    let mut url: Option<String> = None;
    for event in plist::stream::Reader::new(std::io::Cursor::new(bytes)) {
        let event = event.map_err(damaged)?;
        if matches!(event, Event::EndCollection) {
            open.pop();
            if let Some(parent) = open.last_mut() {
                parent.key = None;
            }
            continue;
        }
        if let Some(top) = open.last_mut() {
            if top.dictionary && top.key.is_none() {
                let Event::String(key) = event else {
                    anyhow::bail!("damaged web archive (a dictionary key is not a string)");
                };
                top.key = Some(key.into_owned());
                continue;
            }
        }
        // A value: of which field of the main resource, if any?
        let field = match open.as_slice() {
            [root, main] if root.key.as_deref() == Some("WebMainResource") && main.dictionary => {
                main.key.as_deref()
            }
            _ => None,
        };
        match event {
            Event::StartDictionary(_) | Event::StartArray(_) => {
                if open.len() >= MAX_PLIST_DEPTH {
                    anyhow::bail!("web archive nested more than {MAX_PLIST_DEPTH} levels deep");
                }
                open.push(Open {
                    dictionary: matches!(event, Event::StartDictionary(_)),
                    key: None,
                });
                continue;
            }
            Event::Data(bytes) if field == Some("WebResourceData") => {
                data = Some(bytes.into_owned());
            }
            Event::String(name) if field == Some("WebResourceTextEncodingName") => {
                encoding = Some(name.into_owned());
            }
            Event::String(address) if field == Some("WebResourceURL") => {
                url = web_address(&address);
            }
            _ => {}
        }
        if let Some(top) = open.last_mut() {
            top.key = None;
        }
    }
    let page = data.ok_or_else(|| anyhow::anyhow!("web archive with no main page in it"))?;
    Ok(Page {
        bytes: in_declared_charset(page, encoding.as_deref()),
        saved_from: url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An MHTML file as Chrome writes one: headers, the page in
    /// quoted-printable with soft line breaks, then a stylesheet.
    fn mhtml(page_headers: &str, page_body: &str) -> Vec<u8> {
        format!(
            "From: <Saved by Blink>\r\n\
             Snapshot-Content-Location: https://example.org/2020/luna.html\r\n\
             Subject: =?utf-8?Q?Osiris_Luna?=\r\n\
             MIME-Version: 1.0\r\n\
             Content-Type: multipart/related;\r\n\
             \ttype=\"text/html\";\r\n\
             \tboundary=\"----MultipartBoundary--abc----\"\r\n\
             \r\n\
             \r\n\
             ------MultipartBoundary--abc----\r\n\
             {page_headers}\
             Content-Location: https://example.org/2020/luna.html\r\n\
             \r\n\
             {page_body}\r\n\
             ------MultipartBoundary--abc----\r\n\
             Content-Type: text/css\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\
             Content-Location: https://example.org/style.css\r\n\
             \r\n\
             body {{ color: red; }}\r\n\
             ------MultipartBoundary--abc------\r\n"
        )
        .into_bytes()
    }

    #[test]
    fn the_page_of_an_mhtml_file_is_decoded() {
        let file = mhtml(
            "Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n",
            "<html><head><meta charset=3D\"utf-8\"></head><body><p>Osiris Luna anunci=\r\n\
             =C3=B3 que los reos de la MS-=\r\n13 compartir=C3=A1n celdas.</p></body></html>",
        );
        let page = page_of(file, 1 << 20).unwrap();
        assert_eq!(
            page.saved_from.as_deref(),
            Some("https://example.org/2020/luna.html")
        );
        let page = String::from_utf8(page.bytes).unwrap();
        assert!(page.starts_with("<html>"), "{page}");
        assert!(
            page.contains("Osiris Luna anunció que los reos de la MS-13 compartirán celdas."),
            "{page}"
        );
        assert!(!page.contains("color: red"));
    }

    #[test]
    fn a_charset_the_part_declares_wins_over_the_pages_own() {
        // Windows-1252 bytes in base64, in a page that claims UTF-8.
        let latin =
            b"<html><head><meta charset=\"utf-8\"></head><body><p>Sure\xf1os</p></body></html>";
        let file = mhtml(
            "Content-Type: text/html; charset=windows-1252\r\nContent-Transfer-Encoding: base64\r\n",
            &base64(latin),
        );
        let page = page_of(file, 1 << 20).unwrap().bytes;
        assert!(page.starts_with(b"\xef\xbb\xbf"));
        assert!(String::from_utf8(page).unwrap().contains("Sureños"));
    }

    #[test]
    fn gzip_then_mhtml_and_plain_pages_pass_through() {
        let file = mhtml(
            "Content-Type: text/html\r\nContent-Transfer-Encoding: 7bit\r\n",
            "<html><body><p>Barrio 18</p></body></html>",
        );
        let page = page_of(gzip(&file), 1 << 20).unwrap().bytes;
        assert_eq!(page, b"<html><body><p>Barrio 18</p></body></html>");
        // A page, a scrape and an e-mail are left as they are.
        for bytes in [
            &b"<!doctype html><p>x</p>"[..],
            b"Headline\n\nContent-Type: multipart/related is quoted in this story.",
            b"From: a@example.org\r\nContent-Type: multipart/alternative; boundary=x\r\n\r\n--x--\r\n",
        ] {
            assert_eq!(page_of(bytes.to_vec(), 1 << 20).unwrap().bytes, bytes);
        }
    }

    #[test]
    fn an_mhtml_file_without_a_page_is_an_error() {
        let file = mhtml(
            "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n",
            "iVBORw0KGgo=",
        );
        let error = format!("{:#}", page_of(file, 1 << 20).unwrap_err());
        assert!(error.contains("no HTML page"), "{error}");
    }

    #[test]
    fn mutated_mhtml_and_gzip_never_panic() {
        let file = mhtml(
            "Content-Type: text/html; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n",
            "<html><body><p>Sure=F1os y la MS-=\r\n13</p></body></html>",
        );
        let seeds = [gzip(&file), file];
        let mut rng = crate::test_rng::Rng(0x9e37_79b9_7f4a_7c15);
        for round in 0..4000 {
            let mut bytes = seeds[round % 2].clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(bytes.len());
                match rng.below(3) {
                    0 => bytes[at] = rng.next() as u8,
                    1 => bytes.truncate(at.max(4)),
                    _ => bytes.insert(at, b"=\r\n-:;\"\x1f"[rng.below(7)]),
                }
            }
            // An error is fine; a panic is a bug.
            let _ = page_of(bytes, 1 << 20);
        }
    }

    #[test]
    fn deeply_nested_mhtml_is_refused_not_a_stack_overflow() {
        let depth = 100_000;
        let open = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b0\"\r\n\r\n";
        let mut file = String::from(open);
        for level in 0..depth {
            file.push_str(&format!(
                "--b{level}\r\nContent-Type: multipart/related; boundary=\"b{}\"\r\n\r\n",
                level + 1
            ));
        }
        file.push_str(&format!(
            "--b{depth}\r\nContent-Type: text/html\r\n\r\n<p>deep</p>\r\n"
        ));
        let error = format!("{:#}", page_of(file.into_bytes(), 1 << 30).unwrap_err());
        assert!(error.contains("100001 multipart sections"), "{error}");
        // A few levels, as mail clients nest them, are read, a header
        // folded onto its next line too.
        let mut file = String::from(open);
        for level in 0..3 {
            file.push_str(&format!(
                "--b{level}\r\nContent-Type:\r\n multipart/related; boundary=\"b{}\"\r\n\r\n",
                level + 1
            ));
        }
        file.push_str("--b3\r\nContent-Type: text/html\r\n\r\n<p>deep</p>\r\n");
        assert_eq!(
            page_of(file.into_bytes(), 1 << 30).unwrap().bytes,
            b"<p>deep</p>\r\n"
        );
    }

    /// A web archive as Safari writes one: the page, a stylesheet, a frame.
    fn webarchive(page: &[u8], encoding: Option<&str>) -> Vec<u8> {
        use plist::{Dictionary, Value};
        let resource = |data: &[u8], mime: &str, url: &str| {
            let mut r = Dictionary::new();
            r.insert("WebResourceData".into(), Value::Data(data.to_vec()));
            r.insert("WebResourceMIMEType".into(), Value::String(mime.into()));
            r.insert("WebResourceURL".into(), Value::String(url.into()));
            r
        };
        let mut main = resource(page, "text/html", "https://example.org/luna");
        if let Some(encoding) = encoding {
            main.insert(
                "WebResourceTextEncodingName".into(),
                Value::String(encoding.into()),
            );
        }
        let mut frame = Dictionary::new();
        frame.insert(
            "WebMainResource".into(),
            Value::Dictionary(resource(
                b"<p>an ad frame</p>",
                "text/html",
                "https://ads.example",
            )),
        );
        let mut root = Dictionary::new();
        root.insert(
            "WebSubresources".into(),
            Value::Array(vec![Value::Dictionary(resource(
                b"p { margin: 0 }",
                "text/css",
                "https://example.org/s.css",
            ))]),
        );
        root.insert("WebMainResource".into(), Value::Dictionary(main));
        root.insert(
            "WebSubframeArchives".into(),
            Value::Array(vec![Value::Dictionary(frame)]),
        );
        binary_plist(root)
    }

    /// `root` written as a binary property list, as Safari writes them.
    fn binary_plist(root: plist::Dictionary) -> Vec<u8> {
        let mut bytes = Vec::new();
        plist::Value::Dictionary(root)
            .to_writer_binary(&mut bytes)
            .unwrap();
        bytes
    }

    #[test]
    fn the_page_of_a_safari_web_archive_is_read_in_its_encoding() {
        let page = b"<html><body><p>Osiris Luna y la MS-13</p></body></html>";
        let file = webarchive(page, Some("UTF-8"));
        assert!(file.starts_with(b"bplist00"));
        let read = page_of(file, 1 << 20).unwrap();
        assert_eq!(read.saved_from.as_deref(), Some("https://example.org/luna"));
        assert_eq!(&read.bytes[3..], page);
        // Latin-1 bytes, labelled as such by Safari.
        let latin = b"<html><body><p>Sure\xf1os</p></body></html>";
        let read = page_of(webarchive(latin, Some("ISO-8859-1")), 1 << 20)
            .unwrap()
            .bytes;
        assert!(String::from_utf8(read).unwrap().contains("Sureños"));
        // No label: the bytes go on for the decoder to detect.
        assert_eq!(
            page_of(webarchive(latin, None), 1 << 20).unwrap().bytes,
            latin
        );
    }

    #[test]
    fn a_damaged_or_deep_web_archive_is_an_error() {
        let mut file = webarchive(b"<p>x</p>", None);
        let len = file.len();
        file.truncate(len - 12);
        assert!(page_of(file, 1 << 20).is_err());
        // Without a main page.
        let mut root = plist::Dictionary::new();
        root.insert("WebMainResource".into(), plist::Value::Integer(3.into()));
        let error = format!("{:#}", page_of(binary_plist(root), 1 << 20).unwrap_err());
        assert!(error.contains("no main page"), "{error}");
        // Arrays nested 200 deep under the main resource's name.
        let mut value = plist::Value::Array(Vec::new());
        for _ in 0..200 {
            value = plist::Value::Array(vec![value]);
        }
        let mut root = plist::Dictionary::new();
        root.insert("WebMainResource".into(), value);
        let error = format!("{:#}", page_of(binary_plist(root), 1 << 20).unwrap_err());
        assert!(error.contains("nested more than 64"), "{error}");
    }

    #[test]
    fn mutated_web_archives_never_panic() {
        let seed = webarchive(b"<html><body><p>Barrio 18</p></body></html>", Some("utf-8"));
        let mut rng = crate::test_rng::Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..4000 {
            let mut bytes = seed.clone();
            for _ in 0..1 + rng.below(6) {
                let at = 8 + rng.below(bytes.len() - 8);
                bytes[at] = rng.next() as u8;
            }
            let _ = page_of(bytes, 1 << 20);
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    fn base64(bytes: &[u8]) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n =
                chunk.iter().fold(0u32, |n, b| n << 8 | u32::from(*b)) << (8 * (3 - chunk.len()));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}
