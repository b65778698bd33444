//! Output: printing results as text for a terminal, JSON or CSV.
//!
//! This module owns every byte dossier writes to stdout. Printers take a
//! `&mut impl Write` and never call `println!`. Colour is decided once by the
//! caller ([`Style`]). Text from archived pages is hostile input: before it
//! reaches a terminal, [`sanitize`] strips control characters so a page
//! cannot send escape sequences. JSON and CSV are never coloured.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::index::{BuildReport, IndexedArticle};
use crate::search::{FacetCounts, Hit, SearchResults};

/// How text output looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Use ANSI colours and bold.
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Removes control characters (ESC, BEL, C1 codes, …) so archived text
/// cannot drive the terminal; tabs and newlines become spaces.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            // Bidirectional overrides can disguise text on screen.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}

fn facets_json(counts: &FacetCounts) -> Value {
    let mut map = Map::new();
    for (name, count) in counts {
        map.insert(name.clone(), json!(count));
    }
    Value::Object(map)
}

/// One hit as JSON (DESIGN.md's shape, plus `snippets` and `also`).
pub fn hit_json(h: &Hit) -> Value {
    json!({
        "rank": h.rank,
        "score": (f64::from(h.score) * 1000.0).round() / 1000.0,
        "path": h.path,
        "paths": h.paths,
        "url": h.url,
        "title": h.title,
        "date": h.date,
        "language": h.language,
        "gangs": h.gangs,
        "officials": h.officials,
        "snippet": h.snippet.to_html(),
        "snippets": h.snippets.iter().map(|s| s.to_html()).collect::<Vec<_>>(),
        "also": h.also,
    })
}

/// The `search --format json` object of DESIGN.md.
pub fn search_json(results: &SearchResults) -> Value {
    let hits: Vec<Value> = results.hits.iter().map(hit_json).collect();
    let mut value = json!({
        "query": results.query,
        "total": results.total,
        "took_ms": (results.took_ms * 100.0).round() / 100.0,
        "hits": hits,
        "facets": {
            "gang": facets_json(&results.facets.gang),
            "official": facets_json(&results.facets.official),
            "year": facets_json(&results.facets.year),
        },
    });
    // How many hits the matches make once copies fold, when known and
    // fewer: the design's shape is kept where every match is a story.
    if let (Some(stories), Some(object)) = (
        results.stories.filter(|&s| s != results.total),
        value.as_object_mut(),
    ) {
        object.insert("stories".to_string(), json!(stories));
    }
    value
}

/// Writes `value` as one line of JSON.
pub fn write_json<W: Write, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}

/// The header of search results as CSV.
pub const CSV_HEADER: [&str; 11] = [
    "rank",
    "score",
    "date",
    "title",
    "path",
    "url",
    "language",
    "gangs",
    "officials",
    "snippet",
    "also",
];

/// One hit as a CSV record (columns of [`CSV_HEADER`]); the snippet
/// carries no markup. Text taken from archived pages is made
/// [`spreadsheet_safe`].
pub fn hit_record(h: &Hit) -> [String; 11] {
    [
        h.rank.to_string(),
        format!("{:.3}", h.score),
        h.date.map(|d| d.to_string()).unwrap_or_default(),
        spreadsheet_safe(&h.title),
        spreadsheet_safe(&h.path),
        spreadsheet_safe(h.url.as_deref().unwrap_or_default()),
        h.language.clone(),
        h.gangs.join("; "),
        h.officials.join("; "),
        spreadsheet_safe(&h.snippet.text),
        spreadsheet_safe(&h.also.join("; ")),
    ]
}

/// A field a spreadsheet shows as text: one starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return is a formula to Excel and LibreOffice,
/// and an archived page's title is anyone's to write
/// (`=HYPERLINK("http://…")`), so it gets a leading `'`, as OWASP's
/// advice on CSV injection has it.
pub fn spreadsheet_safe(field: &str) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_string()
    }
}

/// Search results as CSV, one row per hit, with a header.
pub fn search_csv<W: Write>(out: &mut W, results: &SearchResults) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let to_io = |e: csv::Error| io::Error::other(e.to_string());
    writer.write_record(CSV_HEADER).map_err(to_io)?;
    for h in &results.hits {
        writer.write_record(hit_record(h)).map_err(to_io)?;
    }
    writer.flush()
}

/// Search results for a reader at a terminal (or a pager).
pub fn search_text<W: Write>(out: &mut W, results: &SearchResults, style: Style) -> io::Result<()> {
    // Copies fold into one hit: say so where the hits are fewer.
    let stories = match results.stories {
        Some(stories) if stories != results.total => {
            format!(" in {stories} {}", plural(stories, "story", "stories"))
        }
        _ => String::new(),
    };
    writeln!(
        out,
        "{}{stories} of {} articles in {:.1} ms",
        style.paint(
            "1",
            &format!(
                "{} {}",
                results.total,
                plural(results.total, "match", "matches")
            )
        ),
        results.articles,
        results.took_ms
    )?;
    for hit in &results.hits {
        writeln!(out)?;
        let date = hit
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".to_string());
        // A page with no headline anywhere (a fragment, a bare text file)
        // still needs a line a reader can tell apart: its file name.
        let title = if hit.title.trim().is_empty() {
            let name = hit.path.rsplit(['/', '\\']).next().unwrap_or(&hit.path);
            format!("(untitled: {name})")
        } else {
            hit.title.clone()
        };
        writeln!(
            out,
            "{:>3}. {}  {}",
            hit.rank,
            style.paint("1", &sanitize(&title)),
            style.paint(
                "2",
                &format!("({date}, {}, score {:.2})", hit.language, hit.score)
            )
        )?;
        writeln!(out, "     {}", style.paint("36", &sanitize(&hit.path)))?;
        if hit.paths.len() > 1 {
            let others: Vec<String> = hit
                .paths
                .iter()
                .filter(|p| **p != hit.path)
                .map(|p| sanitize(p))
                .collect();
            writeln!(out, "     also at: {}", others.join(", "))?;
        }
        let mut actors = Vec::new();
        if !hit.gangs.is_empty() {
            actors.push(format!("gangs: {}", sanitize(&hit.gangs.join(", "))));
        }
        if !hit.officials.is_empty() {
            actors.push(format!(
                "officials: {}",
                sanitize(&hit.officials.join(", "))
            ));
        }
        if !actors.is_empty() {
            writeln!(out, "     {}", style.paint("35", &actors.join(" · ")))?;
        }
        if !hit.also.is_empty() {
            let others: Vec<String> = hit.also.iter().map(|p| sanitize(p)).collect();
            writeln!(out, "     also in: {}", others.join(", "))?;
        }
        for snippet in &hit.snippets {
            if !snippet.text.is_empty() {
                writeln!(out, "     {}", highlighted(snippet, style))?;
            }
        }
    }
    if results.total > 0 {
        writeln!(out)?;
        for (name, counts) in [
            ("gang", &results.facets.gang),
            ("official", &results.facets.official),
            ("year", &results.facets.year),
        ] {
            if counts.is_empty() {
                continue;
            }
            let list: Vec<String> = counts
                .iter()
                .map(|(k, v)| format!("{} ({v})", sanitize(k)))
                .collect();
            writeln!(
                out,
                "{} {}",
                style.paint("1", &format!("{name}:")),
                list.join(", ")
            )?;
        }
    }
    let shown = results.hits.len();
    if results.past_the_end {
        let listed = results.stories.unwrap_or(results.total);
        writeln!(
            out,
            "\nno hit at this --offset: the list ends at {listed}{}",
            if listed != results.total {
                " (copies folded into one story)"
            } else {
                ""
            }
        )?;
    }
    if shown > 0 && results.more {
        writeln!(
            out,
            "\nshowing {}–{}; --offset {} for more",
            results.hits[0].rank,
            results.hits[shown - 1].rank,
            results.hits[shown - 1].rank
        )?;
    }
    Ok(())
}

fn highlighted(snippet: &crate::search::snippet::Snippet, style: Style) -> String {
    let mut out = String::new();
    let mut at = 0;
    for range in &snippet.highlights {
        out.push_str(&sanitize(&snippet.text[at..range.start]));
        let word = sanitize(&snippet.text[range.clone()]);
        if style.color {
            out.push_str(&style.paint("1;33", &word));
        } else {
            out.push('[');
            out.push_str(&word);
            out.push(']');
        }
        at = range.end;
    }
    out.push_str(&sanitize(&snippet.text[at..]));
    out
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// An article as `inspect` shows it to a reader.
pub fn article_text<W: Write>(
    out: &mut W,
    article: &IndexedArticle,
    encoding: &str,
) -> io::Result<()> {
    let none = || "—".to_string();
    writeln!(out, "path:         {}", sanitize(&article.path))?;
    writeln!(out, "title:        {}", sanitize(&article.title))?;
    writeln!(
        out,
        "date:         {}{}",
        article.date.map(|d| d.to_string()).unwrap_or_else(none),
        article
            .date_source
            .as_ref()
            .map(|s| format!("  (from {})", sanitize(s)))
            .unwrap_or_default()
    )?;
    writeln!(
        out,
        "url:          {}",
        article.url.as_deref().map(sanitize).unwrap_or_else(none)
    )?;
    writeln!(
        out,
        "author:       {}",
        article.author.as_deref().map(sanitize).unwrap_or_else(none)
    )?;
    writeln!(out, "language:     {}", article.language)?;
    writeln!(out, "encoding:     {encoding}")?;
    writeln!(out, "gangs:        {}", sanitize(&article.gangs.join(", ")))?;
    writeln!(
        out,
        "officials:    {}",
        sanitize(&article.officials.join(", "))
    )?;
    writeln!(out, "content_hash: {}", article.content_hash)?;
    writeln!(out, "body:")?;
    for paragraph in article.body.split("\n\n") {
        writeln!(out, "  {}", sanitize(paragraph))?;
        writeln!(out)?;
    }
    Ok(())
}

/// The one-line summary of a build.
pub fn build_summary(report: &BuildReport) -> String {
    let mut line = format!(
        "indexed {} {} ({} failed) in {:.1} s",
        report.articles,
        plural(report.articles as usize, "article", "articles"),
        report.failed.len(),
        report.elapsed_ms as f64 / 1000.0
    );
    let changes = [
        (report.added, "added"),
        (report.updated, "updated"),
        (report.unchanged, "unchanged"),
        (report.removed, "removed"),
        (report.moved, "moved"),
        (report.retagged, "re-tagged"),
    ];
    let parts: Vec<String> = changes
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if !parts.is_empty() {
        line.push_str(&format!(": {}", parts.join(", ")));
    }
    if let Some(reason) = &report.full_reason {
        line.push_str(&format!("; every file re-read ({reason})"));
    }
    if report.repaired_file_list {
        line.push_str(
            "; the index's list of files (.managed.json) could not be read and was written again",
        );
    }
    if report.resources_skipped > 0 {
        line.push_str(&format!(
            "; {} {} not articles passed over (scripts, styles, fonts, JSON, tables, link shortcuts, saved pages' resource folders)",
            report.resources_skipped,
            plural(report.resources_skipped as usize, "file", "files")
        ));
    }
    line
}

/// Facet counts of one dimension as text lines `count  name`.
pub fn facet_counts_text<W: Write>(
    out: &mut W,
    dimension: &str,
    total: usize,
    counts: &FacetCounts,
) -> io::Result<()> {
    writeln!(
        out,
        "{dimension} among {total} {}:",
        plural(total, "article", "articles")
    )?;
    let width = counts
        .iter()
        .map(|(_, c)| c.to_string().len())
        .max()
        .unwrap_or(1);
    for (name, count) in counts {
        writeln!(out, "{count:>width$}  {}", sanitize(name))?;
    }
    Ok(())
}

/// A per-month histogram of matches as text bars, one line per month from
/// the first to the last month with a match.
pub fn timeline_text<W: Write>(
    out: &mut W,
    total: usize,
    buckets: &[(String, u64)],
    undated: u64,
) -> io::Result<()> {
    writeln!(
        out,
        "{total} {} by month:",
        plural(total, "match", "matches")
    )?;
    let max = buckets.iter().map(|(_, c)| *c).max().unwrap_or(0).max(1);
    let width = buckets
        .iter()
        .map(|(_, c)| c.to_string().len())
        .max()
        .unwrap_or(1);
    let mut i = 0;
    while i < buckets.len() {
        // A run of three or more empty months reads as one line.
        let empty = buckets[i..].iter().take_while(|(_, c)| *c == 0).count();
        if empty >= 3 {
            writeln!(out, "   ⋮     {empty} months without matches")?;
            i += empty;
            continue;
        }
        let (month, count) = &buckets[i];
        let bar = (*count as usize * 40).div_ceil(max as usize);
        writeln!(out, "{month}  {count:>width$}  {}", "█".repeat(bar))?;
        i += 1;
    }
    if undated > 0 {
        writeln!(out, "undated  {undated}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_strips_escape_sequences() {
        assert_eq!(sanitize("a\x1b[31mred\x07\u{9b}b"), "a[31mredb");
        assert_eq!(sanitize("line\nnext"), "line next");
        assert_eq!(sanitize("Sureños"), "Sureños");
    }

    #[test]
    fn csv_fields_from_pages_are_never_formulas() {
        for formula in [
            "=cmd|' /C calc'!A0",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(spreadsheet_safe(formula), format!("'{formula}"));
        }
        for text in ["Bukele fires police chief", "", "'quoted", "MS-13 = gang"] {
            assert_eq!(spreadsheet_safe(text), text);
        }
    }
}
