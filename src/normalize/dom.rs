//! A flat, pre-order view of the html5ever DOM built by `scraper`.
//!
//! Every node gets an index; the descendants of node `i` are exactly the
//! indices `i + 1 .. end(i)`. Building it and every pass over it are loops,
//! never recursion, so documents nested 100,000 levels deep are safe.

use scraper::{Html, Node};

/// No parent (the document root).
pub const NONE: usize = usize::MAX;

/// One node of the flat DOM.
#[derive(Debug, Clone, Copy)]
pub struct Flat<'a> {
    /// The scraper node.
    pub node: &'a Node,
    /// Index of the parent, [`NONE`] for the root.
    pub parent: usize,
    /// One past the last descendant.
    pub end: usize,
    /// Lowercase tag name, `""` for non-elements.
    pub tag: &'a str,
}

impl<'a> Flat<'a> {
    /// The value of an attribute, if this is an element that has it.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.node.as_element().and_then(|e| e.attr(name))
    }

    /// The attributes of an element (none for other nodes) as name and
    /// value. One pass over them is cheaper than several [`Flat::attr`]
    /// calls, each of which makes an atom of the name it looks up.
    pub fn attrs(&self) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.node.as_element().into_iter().flat_map(|e| e.attrs())
    }

    /// The text of a text node, `""` otherwise.
    pub fn text(&self) -> &'a str {
        match self.node {
            Node::Text(t) => t,
            _ => "",
        }
    }

    /// `class` and `id` joined, for fragment matching.
    pub fn class_id(&self) -> String {
        let (mut class, mut id) = (None, None);
        for (name, value) in self.attrs() {
            match name {
                "class" => class = Some(value),
                "id" => id = Some(value),
                _ => {}
            }
        }
        let mut s = String::new();
        if let Some(c) = class {
            s.push_str(c);
        }
        if let Some(i) = id {
            s.push(' ');
            s.push_str(i);
        }
        s
    }
}

/// The flat DOM of a parsed document.
#[derive(Debug)]
pub struct Dom<'a> {
    /// Nodes in document (pre-)order.
    pub nodes: Vec<Flat<'a>>,
}

impl<'a> Dom<'a> {
    /// Flattens a parsed document.
    pub fn new(html: &'a Html) -> Self {
        // Our own stack rather than `Traverse`: trees built by html5ever's
        // error recovery can hold detached nodes whose parent links end the
        // walk early, and the parent on the stack is the one we came from.
        let bound = html.tree.nodes().count();
        let mut nodes: Vec<Flat<'a>> = Vec::with_capacity(bound);
        let mut stack: Vec<(ego_tree::NodeRef<'a, Node>, usize)> = Vec::new();
        let mut next = Some(html.tree.root());
        loop {
            if let Some(n) = next {
                if nodes.len() >= bound {
                    // A sibling cycle would never end; no real tree gets here.
                    next = None;
                    continue;
                }
                let v = n.value();
                let tag = match v {
                    Node::Element(e) => e.name(),
                    _ => "",
                };
                let parent = stack.last().map_or(NONE, |s| s.1);
                stack.push((n, nodes.len()));
                nodes.push(Flat {
                    node: v,
                    parent,
                    end: 0,
                    tag,
                });
                next = n.first_child();
                continue;
            }
            let Some((n, idx)) = stack.pop() else {
                break;
            };
            nodes[idx].end = nodes.len();
            if stack.is_empty() {
                break;
            }
            next = n.next_sibling();
        }
        Dom { nodes }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The text of the subtree at `i`, whitespace collapsed.
    pub fn text_of(&self, i: usize) -> String {
        let mut out = String::new();
        let end = self.nodes.get(i).map_or(i, |n| n.end);
        for n in &self.nodes[i..end] {
            push_collapsed(&mut out, n.text());
        }
        out.trim().to_string()
    }

    /// Like [`Dom::text_of`], for a short block only: `None` as soon as
    /// the text passes `max` bytes, without reading the rest.
    pub fn short_text_of(&self, i: usize, max: usize) -> Option<String> {
        let mut out = String::new();
        let end = self.nodes.get(i).map_or(i, |n| n.end);
        for n in &self.nodes[i..end] {
            push_collapsed(&mut out, n.text());
            if out.len() > max + 1 {
                return None;
            }
        }
        let t = out.trim();
        (t.len() <= max).then(|| t.to_string())
    }

    /// Whether `a` is `b` or an ancestor of `b`.
    pub fn contains(&self, a: usize, b: usize) -> bool {
        a <= b && b < self.nodes[a].end
    }

    /// Whether an ancestor of node `i` is one of `tags`.
    pub fn inside(&self, i: usize, tags: &[&str]) -> bool {
        let mut a = self.nodes[i].parent;
        while a != NONE {
            if tags.contains(&self.nodes[a].tag) {
                return true;
            }
            a = self.nodes[a].parent;
        }
        false
    }
}

/// Appends `text` to `out`, collapsing whitespace runs (`char::is_whitespace`)
/// to one space; no space at the start of `out`, nor after one.
///
/// Every text node of every page goes through here: ASCII bytes are
/// classified as they are and the text between whitespace copied in one
/// piece (splitting on a char predicate was 3% of a build's CPU time).
/// Most text needs no change at all (words, single spaces, accented
/// letters), and is passed over eight bytes at a time ([`plain_eight`]):
/// stepping from word to word was an eighth of the normalizer's time.
pub fn push_collapsed(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    loop {
        while let Some(eight) = bytes.get(i..i + 8) {
            // A space at `i` is kept only after a byte of the piece that
            // is not a space itself.
            let after_space = i == start || bytes[i - 1] == b' ';
            if !plain_eight(eight, after_space) {
                break;
            }
            i += 8;
        }
        // The eight may end inside a character: the rest of it is no
        // whitespace, its first byte said so.
        while bytes.get(i).is_some_and(|b| b & 0xC0 == 0x80) {
            i += 1;
        }
        // Printable ASCII, most of any text, is never whitespace: skipped
        // without classifying each byte (`i` never passes the end).
        i += bytes[i..]
            .iter()
            .position(|b| !(b'!'..=0x7f).contains(b))
            .unwrap_or(bytes.len() - i);
        // A single space after a word stays where it is, copied with the
        // words around it: only other whitespace, or a space after one,
        // ends the piece copied (most text is words and single spaces).
        if bytes.get(i) == Some(&b' ') && i > start && bytes[i - 1] != b' ' {
            i += 1;
            continue;
        }
        let Some((space, width)) = super::text::whitespace_at(text, i) else {
            break;
        };
        if space {
            out.push_str(&text[start..i]);
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            start = i + width;
        }
        i += width;
    }
    out.push_str(&text[start..]);
}

/// Whether eight bytes of text are copied as they are by
/// [`push_collapsed`]: none is an ASCII control byte (whitespace or not),
/// none leads a character that may be whitespace outside ASCII (U+0085,
/// U+00A0, U+1680, U+2000-U+3000 start with 0xC2 or 0xE0-0xE3; accented
/// letters with 0xC3-0xDF), and no space follows a space
/// (`after_space`: the byte before the eight is one, or is not in the
/// piece). Bytes are tested eight at a time, as one `u64`; a test that
/// says no where yes was right only sends the bytes to the careful path.
#[inline(always)]
fn plain_eight(eight: &[u8], after_space: bool) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // Bit 7 set in (at least) each zero byte's lane, and only if one is
    // zero.
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    // Bit 7 set in exactly each zero byte's lane.
    let zero_lanes = |v: u64| !(((v & !HIGH).wrapping_add(!HIGH)) | v | !HIGH);
    let mut word = [0u8; 8];
    word.copy_from_slice(eight);
    let w = u64::from_le_bytes(word);
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    let may_be_space = has_zero(w ^ (ONES * 0xC2)) | has_zero((w & (ONES * 0xFC)) ^ (ONES * 0xE0));
    let spaces = zero_lanes(w ^ (ONES * 0x20));
    let doubled = spaces & ((spaces << 8) | (u64::from(after_space) << 7));
    below_space | may_be_space | doubled == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_as_splitting_on_it_does() {
        fn reference(out: &mut String, text: &str) {
            let mut first = true;
            for w in text.split(char::is_whitespace) {
                if !first && !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
                first = false;
                out.push_str(w);
            }
        }
        let texts = [
            "",
            " ",
            "a",
            "  Osiris   Luna\n\t met\r\n",
            "no\u{a0}break\u{2009}thin\u{3000}ideographic\u{85}next",
            "\u{b}vertical\u{c}feed\u{1c}not-space",
            "año  de   la\u{a0}\u{a0}tregua ",
        ];
        // And every text of up to five pieces of these.
        let pieces = ["a", " ", "\n", "\u{a0}", "ñ", "  ", "b c"];
        let mut combined = Vec::new();
        for n in 0..pieces.len().pow(5) {
            let mut text = String::new();
            let mut rest = n;
            for _ in 0..5 {
                text.push_str(pieces[rest % pieces.len()]);
                rest /= pieces.len();
            }
            combined.push(text);
        }
        for before in ["", "x", "x "] {
            for text in texts
                .iter()
                .copied()
                .chain(combined.iter().map(String::as_str))
            {
                let (mut ours, mut theirs) = (before.to_string(), before.to_string());
                push_collapsed(&mut ours, text);
                reference(&mut theirs, text);
                assert_eq!(ours, theirs, "{before:?} + {text:?}");
            }
        }
    }

    #[test]
    fn long_texts_collapse_as_splitting_on_whitespace_does() {
        // Texts long enough for the eight-byte path, from pieces that put
        // each kind of byte at each place of an eight-byte group: words,
        // single and double spaces, ASCII whitespace and other controls,
        // accented letters (0xC3), whitespace outside ASCII (0xC2, 0xE1,
        // 0xE2, 0xE3 leads) and letters sharing those leads.
        let pieces = [
            "a",
            "word",
            " ",
            "  ",
            "\n",
            "\t",
            "\r\n",
            "\u{1}",
            "\u{1c}",
            "\u{7f}",
            "ñ",
            "ó",
            "\u{a0}",
            "\u{85}",
            "©",
            "\u{1680}",
            "\u{1681}",
            "\u{2009}",
            "\u{2028}",
            "\u{202f}",
            "\u{205f}",
            "—",
            "“",
            "\u{3000}",
            "の",
            "ก",
            "Osiris Luna",
            "👍",
        ];
        let mut rng = crate::test_rng::Rng(0x5eed_c011_a95e);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..rng.below(40) {
                text.push_str(pieces[rng.below(pieces.len())]);
            }
            for before in ["", "x", "x "] {
                let mut ours = before.to_string();
                push_collapsed(&mut ours, &text);
                let mut theirs = before.to_string();
                for (k, w) in text.split(char::is_whitespace).enumerate() {
                    if k > 0 && !theirs.ends_with(' ') && !theirs.is_empty() {
                        theirs.push(' ');
                    }
                    theirs.push_str(w);
                }
                assert_eq!(ours, theirs, "{before:?} + {text:?}");
            }
        }
    }

    #[test]
    fn plain_eight_bytes_are_told_apart() {
        assert!(plain_eight(b"Osiris L", false));
        assert!(plain_eight(b" Osiris ", false));
        assert!(plain_eight("año de ".as_bytes(), false));
        assert!(!plain_eight(b" Osiris ", true), "a space after a space");
        assert!(!plain_eight(b"Osiris  ", false), "two spaces");
        assert!(!plain_eight(b"Osiris\nL", false), "a newline");
        assert!(!plain_eight(b"Osiris\x01L", false), "a control byte");
        assert!(
            !plain_eight("Osiris\u{a0}".as_bytes(), false),
            "a no-break space"
        );
        assert!(
            !plain_eight("Os\u{3000}ris".as_bytes(), false),
            "an ideographic space"
        );
    }

    #[test]
    fn ranges_are_consistent() {
        let page = std::env::var("DOM_TEST_FILE")
            .ok()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_else(|| {
                "<html><body><div><p>a<b>b</b></p></div><p>c</body></html>".to_string()
            });
        let html = Html::parse_document(&page);
        let dom = Dom::new(&html);
        for (i, n) in dom.nodes.iter().enumerate() {
            assert!(
                n.end > i && n.end <= dom.len(),
                "node {i} {} end {}",
                n.tag,
                n.end
            );
            if n.parent != NONE {
                assert!(dom.contains(n.parent, i));
            }
        }
    }
}
