//! React streaming: segments put where the page's own script would put them.
//!
//! A page rendered by React with streaming (Next.js's app router, and any
//! site on React 18 or later with `Suspense`) is sent in two halves. Where
//! a part of the page was not ready, the HTML holds a placeholder: a
//! `<template id="B:0">` followed by a fallback ("Loading paragraph...",
//! a spinner), between the comments `<!--$?-->` and `<!--/$-->`; or a bare
//! `<template id="P:0">`. The part itself comes later, at the end of the
//! body, parked in `<div hidden id="S:0">`, with a script call
//! (`$RC("B:0","S:0")`, `$RS("S:0","P:0")`) that moves it into place.
//!
//! A browser that saves such a page saves it after the script ran. A
//! scraper, `wget` or `curl` keeps the two halves: the story's paragraphs
//! sit in hidden blocks after the footer, one per segment, and no single
//! block of the page holds the story, so the extractor picked the
//! placeholders (a Motley Fool guide in wcxb-dev came out as nineteen
//! "Loading paragraph..." lines). [`place_streamed_segments`] does what the
//! script would have done, on the parsed tree, before anything reads it.
//!
//! The calls are read from the page's scripts when it has them. Pages
//! saved without scripts are paired by number (`S:5` fills `B:5` or `P:5`),
//! which is how every page in the evaluation sets that has the calls pairs
//! them: React numbers boundaries and segments from one counter.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{Html, Node};

/// Ancestors looked at, over all moves, before the rest are left where they
/// are. Each move looks up from its target (to refuse a segment moved into
/// itself); a real page has tens of segments a few dozen levels deep, and
/// a crafted one with thousands of deeply nested segments must stay cheap.
const MAX_ANCESTOR_STEPS: usize = 1 << 20;

/// Whether `text` (the page's HTML) may hold streamed segments: React
/// writes them as `<div hidden id="S:…">`, so pages without that string
/// skip the tree walk.
pub fn may_stream(text: &str) -> bool {
    text.contains("id=\"S:")
}

/// One move the page's script would make.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Instruction {
    /// `$RC(boundary, segment)` (or `$RR`, the same with style sheets): the
    /// segment replaces the boundary's fallback.
    Complete { boundary: String, segment: String },
    /// `$RS(segment, placeholder)`: the segment replaces the placeholder.
    Segment {
        segment: String,
        placeholder: String,
    },
}

/// Moves every streamed segment of `html` to its placeholder, as the
/// page's script would, and removes the fallbacks React marks.
pub fn place_streamed_segments(html: &mut Html) {
    let mut segments: Vec<(String, NodeId)> = Vec::new();
    let mut anchors: HashMap<String, NodeId> = HashMap::new();
    let mut instructions: Vec<Instruction> = Vec::new();
    for node in html.tree.nodes() {
        match node.value() {
            Node::Element(e) => {
                let Some(id) = e.attr("id") else { continue };
                match e.name() {
                    "div" if id.starts_with("S:") && e.attr("hidden").is_some() => {
                        segments.push((id.to_string(), node.id()));
                    }
                    "template" if id.starts_with("B:") || id.starts_with("P:") => {
                        anchors.entry(id.to_string()).or_insert(node.id());
                    }
                    _ => {}
                }
            }
            Node::Text(t) if is_script(&node) => read_instructions(t, &mut instructions),
            _ => {}
        }
    }
    if segments.is_empty() {
        return;
    }
    if instructions.is_empty() {
        instructions = segments
            .iter()
            .filter_map(|(segment, _)| {
                let number = &segment[2..];
                if anchors.contains_key(&format!("B:{number}")) {
                    Some(Instruction::Complete {
                        boundary: format!("B:{number}"),
                        segment: segment.clone(),
                    })
                } else if anchors.contains_key(&format!("P:{number}")) {
                    Some(Instruction::Segment {
                        segment: segment.clone(),
                        placeholder: format!("P:{number}"),
                    })
                } else {
                    None
                }
            })
            .collect();
    }
    let mut segments: HashMap<String, NodeId> = segments.into_iter().collect();
    let mut steps_left = MAX_ANCESTOR_STEPS;
    for instruction in instructions {
        // Each segment and anchor is used once, as the script removes them.
        let (segment, anchor, complete) = match &instruction {
            Instruction::Complete { boundary, segment } => (segment, boundary, true),
            Instruction::Segment {
                segment,
                placeholder,
            } => (segment, placeholder, false),
        };
        let (Some(segment), Some(anchor)) = (segments.remove(segment), anchors.remove(anchor))
        else {
            continue;
        };
        match movable(html, segment, anchor, &mut steps_left) {
            Some(true) => {}
            Some(false) => continue,
            None => break,
        }
        if complete {
            complete_boundary(html, segment, anchor);
        } else {
            fill_placeholder(html, segment, anchor);
        }
    }
}

/// Whether the text node `node` is a script's.
fn is_script(node: &ego_tree::NodeRef<Node>) -> bool {
    node.parent()
        .and_then(|p| p.value().as_element().map(|e| e.name() == "script"))
        .unwrap_or(false)
}

/// Appends the `$RC`, `$RR` and `$RS` calls with literal arguments found in
/// a script's text.
fn read_instructions(script: &str, out: &mut Vec<Instruction>) {
    let mut rest = script;
    while let Some(at) = rest.find("$R") {
        rest = &rest[at + 2..];
        let kind = rest.as_bytes().first().copied();
        let Some(args) = rest.get(1..).and_then(|r| r.strip_prefix('(')) else {
            continue;
        };
        let Some((first, second)) = two_string_arguments(args) else {
            continue;
        };
        match kind {
            Some(b'C' | b'R') => out.push(Instruction::Complete {
                boundary: first.to_string(),
                segment: second.to_string(),
            }),
            Some(b'S') => out.push(Instruction::Segment {
                segment: first.to_string(),
                placeholder: second.to_string(),
            }),
            _ => {}
        }
    }
}

/// `"a","b"` at the start of `args`, as `(a, b)`.
fn two_string_arguments(args: &str) -> Option<(&str, &str)> {
    let quoted = |s: &str| -> Option<(usize, usize)> {
        let s_start = s.strip_prefix('"')?;
        let end = s_start.find('"')?;
        Some((1, 1 + end))
    };
    let (a0, a1) = quoted(args)?;
    let first = &args[a0..a1];
    let after = args[a1 + 1..].strip_prefix(',')?;
    let (b0, b1) = quoted(after)?;
    let second = &after[b0..b1];
    let short = |s: &str| s.len() <= 16 && s.as_bytes().get(1) == Some(&b':');
    (short(first) && short(second)).then_some((first, second))
}

/// Whether `segment`'s children can go beside `anchor`: the anchor has a
/// parent and does not lie inside the segment (moving a node into itself
/// would make a cycle). `None` once `steps_left` ancestors have been seen.
fn movable(html: &Html, segment: NodeId, anchor: NodeId, steps_left: &mut usize) -> Option<bool> {
    let Some(anchor) = html.tree.get(anchor) else {
        return Some(false);
    };
    if anchor.parent().is_none() {
        return Some(false);
    }
    for ancestor in anchor.ancestors() {
        *steps_left = steps_left.checked_sub(1)?;
        if ancestor.id() == segment {
            return Some(false);
        }
    }
    Some(true)
}

/// `$RC`: removes the boundary's fallback (from the `<!--$?-->` before the
/// template to its matching `<!--/$-->`) and puts the segment's children in
/// its place. Without those comments (a page saved without them), the
/// fallback cannot be told from the content after it, so it stays.
fn complete_boundary(html: &mut Html, segment: NodeId, template: NodeId) {
    let Some(node) = html.tree.get(template) else {
        return;
    };
    let Some(parent) = node.parent().map(|p| p.id()) else {
        return;
    };
    let opened = node
        .prev_sibling()
        .is_some_and(|p| matches!(p.value(), Node::Comment(c) if &**c == "$?"));
    if !opened {
        move_children(html, segment, parent, Some(template));
        detach(html, template);
        return;
    }
    // The fallback runs to the matching end comment; boundaries nest.
    let mut depth = 0usize;
    let mut doomed = Vec::new();
    let mut at = Some(template);
    while let Some(id) = at {
        let Some(n) = html.tree.get(id) else { break };
        if let Node::Comment(c) = n.value() {
            match &**c {
                "/$" if depth == 0 => break,
                "/$" => depth -= 1,
                "$" | "$?" | "$!" => depth += 1,
                _ => {}
            }
        }
        doomed.push(id);
        at = n.next_sibling().map(|n| n.id());
    }
    for id in doomed {
        detach(html, id);
    }
    move_children(html, segment, parent, at);
}

/// `$RS`: the segment's children replace the placeholder.
fn fill_placeholder(html: &mut Html, segment: NodeId, placeholder: NodeId) {
    let Some(parent) = html.tree.get(placeholder).and_then(|p| p.parent()) else {
        return;
    };
    let parent = parent.id();
    move_children(html, segment, parent, Some(placeholder));
    detach(html, placeholder);
}

fn detach(html: &mut Html, id: NodeId) {
    if let Some(mut n) = html.tree.get_mut(id) {
        n.detach();
    }
}

/// Moves `segment`'s children into `parent`, before its child `before` (at
/// the end when `None`), then drops the emptied segment.
fn move_children(html: &mut Html, segment: NodeId, parent: NodeId, before: Option<NodeId>) {
    let children: Vec<NodeId> = match html.tree.get(segment) {
        Some(s) => s.children().map(|c| c.id()).collect(),
        None => return,
    };
    for child in children {
        // `before` is a sibling of the anchor, outside the segment; checked
        // all the same, as `insert_id_before` panics on a parentless node.
        let placed_before =
            before.filter(|b| html.tree.get(*b).is_some_and(|b| b.parent().is_some()));
        match placed_before.and_then(|b| html.tree.get_mut(b)) {
            Some(mut b) => {
                b.insert_id_before(child);
            }
            None => {
                if let Some(mut p) = html.tree.get_mut(parent) {
                    p.append_id(child);
                }
            }
        }
    }
    detach(html, segment);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(page: &str) -> String {
        let mut html = Html::parse_document(page);
        place_streamed_segments(&mut html);
        html.root_element()
            .select(&scraper::Selector::parse("body").expect("selector"))
            .next()
            .map(|b| b.inner_html())
            .unwrap_or_default()
    }

    #[test]
    fn a_completed_boundary_replaces_its_marked_fallback() {
        let page = "<main><p>One.</p><!--$?--><template id=\"B:0\"></template>\
                    <div>Loading paragraph...</div><!--/$--><p>Three.</p></main>\
                    <footer>f</footer><div hidden id=\"S:0\"><p>Two.</p></div>\
                    <script>$RC(\"B:0\",\"S:0\")</script>";
        let body = placed(page);
        assert!(
            body.starts_with("<main><p>One.</p><!--$?--><p>Two.</p><!--/$--><p>Three.</p></main>"),
            "{body}"
        );
        assert!(!body.contains("Loading"), "{body}");
        assert!(!body.contains("hidden"), "{body}");
    }

    #[test]
    fn nested_boundaries_end_at_their_own_comment() {
        let page = "<main><!--$?--><template id=\"B:0\"></template>\
                    <!--$--><span>inner</span><!--/$--><!--/$--><p>After.</p></main>\
                    <div hidden id=\"S:0\"><p>Story.</p></div>";
        let body = placed(page);
        assert!(
            body.contains("<p>Story.</p><!--/$--><p>After.</p>"),
            "{body}"
        );
        assert!(!body.contains("inner"), "{body}");
    }

    #[test]
    fn without_scripts_segments_pair_by_number_and_unmarked_fallbacks_stay() {
        let page = "<main><template id=\"B:1\"></template><div>Loading image...</div>\
                    <template id=\"P:2\"></template></main>\
                    <div hidden id=\"S:2\"><p>Second.</p></div>\
                    <div hidden id=\"S:1\"><p>First.</p></div>";
        let body = placed(page);
        assert_eq!(
            body,
            "<main><p>First.</p><div>Loading image...</div><p>Second.</p></main>"
        );
    }

    #[test]
    fn the_scripts_calls_decide_the_pairs() {
        let page = "<main><template id=\"B:0\"></template><template id=\"P:1\"></template></main>\
                    <div hidden id=\"S:1\"><p>Zero.</p></div><div hidden id=\"S:0\"><p>One.</p></div>\
                    <script>$RC(\"B:0\",\"S:1\");$RS(\"S:0\",\"P:1\")</script>";
        assert_eq!(placed(page), "<main><p>Zero.</p><p>One.</p></main><script>$RC(\"B:0\",\"S:1\");$RS(\"S:0\",\"P:1\")</script>");
    }

    #[test]
    fn a_segment_is_never_moved_into_itself() {
        let page = "<div hidden id=\"S:0\"><p>Loop.</p><template id=\"B:0\"></template></div>";
        let body = placed(page);
        assert!(body.contains("Loop."), "{body}");
    }

    #[test]
    fn calls_with_variables_or_long_names_are_not_instructions() {
        let mut out = Vec::new();
        read_instructions(
            "$RC=function(b,c){};$RC(a,b);$RS(\"S:0\",\"P:0\");$RX(\"B:1\",\"x\");$RC(\"B:2\"",
            &mut out,
        );
        assert_eq!(
            out,
            vec![Instruction::Segment {
                segment: "S:0".into(),
                placeholder: "P:0".into()
            }]
        );
    }
}
