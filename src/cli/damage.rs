//! What the reporter is told when a command stops on a damaged index or on
//! a bug: tantivy trusts its own files, so damage (a disk error, a copy cut
//! short) surfaces as its developers' error messages or as a panic deep in a
//! search. Both are turned into one line that names the damaged files and
//! how to recover, or, when the files pass their checksums, says it is a
//! bug; never a backtrace.

use std::io::{self, Write};
use std::path::Path;

use crate::index;

/// The first panic of the main thread, as [`report_panic`] worded it;
/// [`super::main`] prints it once it knows whether a damaged index explains
/// it.
static MAIN_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// The panic hook: one line saying what stopped and where, without the
/// default hook's thread name and backtrace. A panic is a bug in dossier
/// or in a library; on the main thread [`super::main`] catches it and says
/// what the reporter can do about it, on another thread the line is printed
/// at once.
pub(super) fn report_panic(info: &std::panic::PanicHookInfo<'_>) {
    let message = crate::bug::panic_message(info.payload());
    let place = info
        .location()
        .map(|l| format!(" ({}:{})", l.file(), l.line()))
        .unwrap_or_default();
    let line = format!("internal error: {message}{place}");
    if std::thread::current().name() == Some("main") {
        if let Ok(mut first) = MAIN_PANIC.lock() {
            first.get_or_insert(line);
            return;
        }
    }
    let _ = writeln!(io::stderr(), "dossier: {line}");
}

/// What to tell the reporter after a panic: a damaged index (a disk error,
/// a copy cut short) is the usual cause on a sound build, so its files are
/// checked against their checksums; if they pass, the panic is a bug.
pub(super) fn after_panic(index_dir: Option<&Path>) -> String {
    let first = MAIN_PANIC
        .lock()
        .ok()
        .and_then(|mut p| p.take())
        .unwrap_or_else(|| "internal error".to_string());
    let bug = format!("{first}; this is a bug, please report it with the command line");
    let Some(dir) = index_dir.filter(|d| index::exists(d)) else {
        return bug;
    };
    match index::check::check(dir) {
        Ok(report) if !report.is_sound() => damaged_message(dir, &report),
        Ok(_) => format!(
            "{bug} (the index files at {} pass their checksums)",
            dir.display()
        ),
        Err(e) => format!(
            "{bug}; checking the index at {} failed too: {e}",
            dir.display()
        ),
    }
}

/// For an error tantivy raised while reading the index at `dir`: the
/// damage its files' checksums show, if any. The check reads the whole
/// index (11 GB at 1,000,000 articles), which only an error from tantivy
/// warrants: on a sound build it means damage.
pub(super) fn damage_behind(err: &anyhow::Error, dir: &Path) -> Option<String> {
    let from_tantivy = err.chain().any(|cause| {
        cause.downcast_ref::<tantivy::TantivyError>().is_some()
            || matches!(
                cause.downcast_ref::<index::IndexError>(),
                Some(index::IndexError::Tantivy { .. })
            )
    });
    if !from_tantivy || !index::exists(dir) {
        return None;
    }
    let report = index::check::check(dir).ok()?;
    (!report.is_sound()).then(|| damaged_message(dir, &report))
}

/// The error for an index whose files fail their checksums, or whose lists
/// of segments and files cannot be read.
pub(super) fn damaged_message(dir: &Path, report: &index::check::CheckReport) -> String {
    if report.damaged == [Path::new(index::check::FILE_LIST)] {
        // Only tantivy's list of its files: the articles are intact, and
        // a build writes the list again (`check::repair_file_list`).
        return format!(
            "the index at {dir} is damaged: its list of files ({list}) cannot be read. \
             Its articles are intact; the next `dossier index ARCHIVE --index {dir}` writes \
             the list again",
            dir = dir.display(),
            list = index::check::FILE_LIST,
        );
    }
    let names: Vec<String> = report
        .damaged
        .iter()
        .take(5)
        .map(|p| p.display().to_string())
        .collect();
    let more = report.damaged.len().saturating_sub(names.len());
    let n = report.damaged.len();
    format!(
        "the index at {dir} is damaged: {n} of its {total} files {fail} ({list}{more}); \
         its articles cannot be trusted. Move the folder aside and build the index again from the \
         archive: `dossier index ARCHIVE --index {dir}`",
        dir = dir.display(),
        total = report.files,
        fail = if n == 1 {
            "fails its check"
        } else {
            "fail their checks"
        },
        list = names.join(", "),
        more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        },
    )
}
