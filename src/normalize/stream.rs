//! Pages too large to hold as a DOM, read as text in one streaming pass.
//!
//! The HTML path builds the whole page as a tree and walks it many times;
//! the tree costs about six bytes per byte of text and some 240 bytes per
//! tag (measured with `dossier inspect` on generated pages of 13-50 MB:
//! 94 MB of peak memory for 13 MB of paragraphs, 864 MB for 50 MB of
//! nested `<div>`s). One such page on each of a build's threads would
//! break its memory budget, and a page of a few hundred MB would take
//! gigabytes. [`reading_weight`] estimates that cost before parsing; above
//! [`MAX_DOM_WEIGHT`] the page is read here instead, by html5ever's
//! tokenizer alone, into lines of text that the plain-text scrape path
//! reads as it reads a flattened page. Its memory is a few times the
//! page's size, whatever the markup.
//!
//! What is lost against the DOM path: the scoring of blocks, the class
//! rules and the page's metadata (so no date: a date read from the
//! flattened text of a whole page could be a sidebar's). What is kept:
//! the article is indexed and searchable, with its text in reading order,
//! scripts, styles, navigation, asides and footers left out.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};

/// Estimated bytes above which a page is read as text, not as a DOM: about
/// 1.5 million tags, or 60 MB of text in few tags. No news article comes
/// near it (real pages weigh 1-2 MB); a saved forum thread, a data table
/// or a crafted file can. With the default 1 GiB build budget, one page at
/// this weight still fits beside the writer's share.
pub const MAX_DOM_WEIGHT: u64 = 384 << 20;

/// Bytes of memory reading `bytes` as a page is estimated to take at its
/// peak: six per byte (the decoded text, its copies and the extracted
/// text) and 240 per tag (DOM nodes, attributes and the per-node tables
/// of the passes over them). Measured on generated pages it overestimates
/// by 10-50%, which is the side to err on.
pub fn reading_weight(bytes: &[u8]) -> u64 {
    let tags = bytes.iter().filter(|&&b| b == b'<').count() as u64;
    (bytes.len() as u64).saturating_mul(6) + tags.saturating_mul(240)
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "head", "nav", "aside", "footer",
    "form", "select", "button", "iframe", "textarea", "object",
];

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "main",
    "header",
    "blockquote",
    "pre",
    "hr",
    "figure",
    "figcaption",
    "body",
    "title",
    "td",
    "th",
    "address",
    "details",
    "summary",
];

/// How much of the page is fed to the tokenizer at once: the tokenizer
/// keeps a copy of what it is given, so the whole page is never copied.
const CHUNK: usize = 1 << 20;

/// The text of an HTML page, without its markup: the `<title>` on the
/// first line, then the text of the body, one block a paragraph, blocks
/// separated by a blank line.
pub fn page_text(html: &str) -> String {
    let sink = TextSink::default();
    let tokenizer = Tokenizer::new(sink, Default::default());
    let input = BufferQueue::default();
    let mut rest = html;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (chunk, after) = rest.split_at(cut);
        input.push_back(StrTendril::from_slice(chunk));
        // The tokenizer stops early only to run a script, which this sink
        // never asks for: one feed reads the whole chunk.
        let _ = tokenizer.feed(&input);
        rest = after;
    }
    tokenizer.end();
    let state = tokenizer.sink.state.into_inner();
    let mut out = String::with_capacity(state.title.len() + state.body.len() + 2);
    out.push_str(state.title.trim());
    out.push_str("\n\n");
    out.push_str(state.body.trim());
    out
}

#[derive(Default)]
struct TextSink {
    state: RefCell<TextState>,
}

#[derive(Default)]
struct TextState {
    title: String,
    body: String,
    in_title: bool,
    /// Open elements of [`SKIPPED`], by kind: text counts only when all
    /// are closed. Counted per kind, so a stray end tag of another kind
    /// closes nothing.
    skipping: [u32; SKIPPED.len()],
    /// Whitespace seen since the last text, to be written as one space.
    pending_space: bool,
}

impl TextState {
    fn skipping(&self) -> bool {
        self.skipping.iter().any(|&open| open > 0)
    }

    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if name == "title" {
            self.in_title = start && !tag.self_closing;
        }
        if let Some(kind) = SKIPPED.iter().position(|&s| s == name) {
            if start && !tag.self_closing {
                self.skipping[kind] += 1;
            } else if !start {
                self.skipping[kind] = self.skipping[kind].saturating_sub(1);
            }
        }
        // The end of the body closes whatever was left open.
        if !start && matches!(name, "body" | "html") {
            self.skipping = [0; SKIPPED.len()];
        }
        if !self.body.is_empty() {
            // A `<br>` ends a line; the scrape path decides whether the
            // next line goes on with the same paragraph.
            if name == "br" && !self.body.ends_with('\n') {
                self.body.push('\n');
                self.pending_space = false;
            } else if BLOCKS.contains(&name) && !self.body.ends_with("\n\n") {
                self.body.push_str(if self.body.ends_with('\n') {
                    "\n"
                } else {
                    "\n\n"
                });
                self.pending_space = false;
            }
        }
        if !start {
            return TokenSinkResult::Continue;
        }
        // What the tree builder would tell the tokenizer: these elements'
        // content is raw text, not markup.
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_title {
            self.title.push_str(text);
            return;
        }
        if self.skipping() {
            return;
        }
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.pending_space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.pending_space && !self.body.is_empty() && !self.body.ends_with('\n') {
                self.body.push(' ');
            }
            self.pending_space = false;
            self.body.push_str(word);
        }
    }
}

impl TokenSink for TextSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => state.tag(&tag),
            Token::CharacterTokens(text) => {
                state.text(&text);
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_scripts_and_furniture_are_left_out() {
        let page = "<!doctype html><html><head><title>Capturan a 12 pandilleros</title>\
            <style>p { color: red }</style><script>if (a < b && c > d) { x('<p>no</p>') }</script>\
            </head><body><nav><a href=/>Inicio</a> <a href=/p>Pandillas</a></nav>\
            <article><h1>Capturan a 12 pandilleros</h1><p>La policía   capturó\n a doce \
            miembros de la MS13 &amp; del Barrio&nbsp;18.</p><p>El operativo<br>duró dos días.</p>\
            <noscript>Active JavaScript</noscript></article><aside>Lo más leído</aside>\
            <footer>© Diario</footer></body></html>";
        let text = page_text(page);
        assert_eq!(
            text,
            "Capturan a 12 pandilleros\n\nCapturan a 12 pandilleros\n\nLa policía capturó a \
             doce miembros de la MS13 & del Barrio 18.\n\nEl operativo\nduró dos días."
        );
    }

    #[test]
    fn a_stray_end_tag_or_an_unclosed_aside_does_not_swallow_the_story() {
        // `</nav>` with no `<nav>` open closes nothing; an `<aside>` left
        // open ends with the body.
        let text = page_text(
            "<body></nav><p>First paragraph.</p><aside>Related<p>Second.</p></body>\
             <p>After the body.</p>",
        );
        assert_eq!(text, "\n\nFirst paragraph.\n\nAfter the body.");
    }

    #[test]
    fn text_across_the_chunks_fed_to_the_tokenizer_is_whole() {
        // Multi-byte characters and a tag cut at a chunk's edge.
        let paragraph = "<p>Sureños ñandú año</p>";
        let page = paragraph.repeat(CHUNK / paragraph.len() * 3);
        let text = page_text(&page);
        let expected = vec!["Sureños ñandú año"; CHUNK / paragraph.len() * 3];
        assert_eq!(text.trim().split("\n\n").collect::<Vec<_>>(), expected);
    }

    #[test]
    fn weight_grows_with_size_and_with_tags() {
        let prose = "word ".repeat(1000);
        let tagged = "<b>w</b>".repeat(625);
        assert_eq!(prose.len(), tagged.len());
        assert_eq!(reading_weight(prose.as_bytes()), 6 * 5000);
        assert_eq!(reading_weight(tagged.as_bytes()), 6 * 5000 + 240 * 1250);
    }
}
