//! Nesting cap: removes tags nested beyond [`MAX_DEPTH`] before parsing.
//!
//! html5ever's tree builder checks "element in scope" by scanning the stack
//! of open elements, so a document nested 100,000 `<div>`s deep costs
//! billions of steps. Browsers cap the depth too (Blink reparents beyond
//! 512). This pass counts open elements with a small scanner (skipping
//! comments and raw-text elements; void elements and those with optional end
//! tags are not counted) and drops open and close tags beyond the cap,
//! keeping all text. Pages under the cap come back untouched.

use std::borrow::Cow;

/// Deepest nesting of container elements kept.
pub const MAX_DEPTH: usize = 1024;

/// Elements counted for depth: all but void elements and those whose end
/// tag may be left out (a `<p>` or `<li>` closes its open sibling, so
/// counting them would overstate the depth).
fn is_container(name: &[u8]) -> bool {
    !name.is_empty()
        && !matches!(
            name,
            b"area"
                | b"base"
                | b"br"
                | b"col"
                | b"embed"
                | b"hr"
                | b"img"
                | b"input"
                | b"link"
                | b"meta"
                | b"param"
                | b"source"
                | b"track"
                | b"wbr"
                | b"keygen"
                | b"basefont"
                | b"bgsound"
                | b"frame"
                | b"image"
                | b"p"
                | b"li"
                | b"dt"
                | b"dd"
                | b"option"
                | b"optgroup"
                | b"tr"
                | b"td"
                | b"th"
                | b"thead"
                | b"tbody"
                | b"tfoot"
                | b"rb"
                | b"rt"
                | b"rp"
                | b"rtc"
                | b"colgroup"
                | b"caption"
                | b"head"
                | b"body"
                | b"html"
        )
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Finds `</name` (any case) at or after `from`, without copying.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(off) = memchr::memchr(b'<', b.get(i..)?) {
        let at = i + off;
        if b.get(at + 1) == Some(&b'/')
            && b.get(at + 2..at + 2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Returns `html` with tags beyond [`MAX_DEPTH`] removed.
pub fn cap_depth(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    // Cheap exit: too few tags to reach the cap. (This pass runs over every
    // page, so its scans are memchr's: byte loops were 5% of a build of
    // real pages.)
    if memchr::memchr_iter(b'<', b).nth(MAX_DEPTH).is_none() {
        return Cow::Borrowed(html);
    }
    let mut depth: usize = 0;
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let start = i + off;
        let rest = &b[start..];
        if rest.starts_with(b"<!--") {
            i = match find(&rest[4..], b"-->") {
                Some(e) => start + 4 + e + 3,
                None => b.len(),
            };
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let mut buf = [0u8; 16];
        let name: &[u8] = if name_len <= buf.len() {
            for (d, c) in buf.iter_mut().zip(&b[name_start..name_start + name_len]) {
                *d = c.to_ascii_lowercase();
            }
            &buf[..name_len]
        } else {
            b""
        };
        let Some(gt) = memchr::memchr(b'>', &b[name_start..]) else {
            break;
        };
        let end = name_start + gt + 1;
        if !closing
            && matches!(
                name,
                b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"plaintext"
            )
        {
            i = find_end_tag(b, end, name).unwrap_or(b.len());
            continue;
        }
        let self_closing = b[end.saturating_sub(2)] == b'/';
        if is_container(name) && !self_closing {
            if closing {
                if depth > MAX_DEPTH {
                    cuts.push((start, end));
                }
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                if depth > MAX_DEPTH {
                    cuts.push((start, end));
                }
            }
        }
        i = end;
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for (s, e) in cuts {
        // Tag boundaries are ASCII, so these are char boundaries.
        out.push_str(html.get(last..s).unwrap_or(""));
        // One space keeps words apart; a run of dropped tags adds no more.
        if !out.ends_with(|c: char| c.is_ascii_whitespace()) {
            out.push(' ');
        }
        last = e;
    }
    out.push_str(html.get(last..).unwrap_or(""));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_untouched() {
        let page = "<html><body><div><p>Hi</p></div></body></html>";
        assert!(matches!(cap_depth(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_pages_capped_text_kept() {
        let n = MAX_DEPTH * 3;
        let page = format!(
            "{}<p>deep text</p>{}",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let capped = cap_depth(&page);
        assert_eq!(capped.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(capped.matches("</div>").count(), MAX_DEPTH);
        assert!(capped.contains("deep text"));
        let custom = format!("{}text{}", "<x-a>".repeat(n), "</x-a>".repeat(n));
        assert_eq!(cap_depth(&custom).matches("<x-a>").count(), MAX_DEPTH);
        let script = format!("<script>{}</script>", "<div>".repeat(n));
        assert!(matches!(cap_depth(&script), Cow::Borrowed(_)));
    }
}
