//! End-to-end tests of nightly builds (issue 5): incremental runs and their
//! report, crash safety under `kill -9`, the writer lock, re-tagging after a
//! gazetteer change, and watchlists.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant, SystemTime};

use common::{dossier, generate_archive, generated_article, generated_path, root};
use predicates::prelude::*;

/// An archive folder and an index folder in one temporary directory.
struct Night {
    _dir: tempfile::TempDir,
    archive: PathBuf,
    index: PathBuf,
}

impl Night {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let archive = dir.path().join("archive");
        let index = dir.path().join("index");
        fs::create_dir_all(&archive).expect("mkdir");
        Night {
            archive,
            index,
            _dir: dir,
        }
    }

    fn report_path(&self) -> PathBuf {
        self.index.with_extension("report.json")
    }

    /// Runs `dossier index` to completion with `extra` flags; the report.
    fn index(&self, extra: &[&str]) -> serde_json::Value {
        let report = self.report_path();
        dossier()
            .args(["index", "--quiet"])
            .arg(&self.archive)
            .arg("--index")
            .arg(&self.index)
            .arg("--report")
            .arg(&report)
            .args(extra)
            .assert()
            .success();
        serde_json::from_str(&fs::read_to_string(&report).expect("report")).expect("JSON")
    }

    /// Starts `dossier index` in the background.
    fn spawn_index(&self, extra: &[&str]) -> Child {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
            .current_dir(root())
            .env_remove("DOSSIER_INDEX")
            .args(["index", "--quiet", "--threads", "2"])
            .arg(&self.archive)
            .arg("--index")
            .arg(&self.index)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn dossier index")
    }

    /// `search QUERY` as JSON, every hit.
    fn search(&self, query: &str, extra: &[&str]) -> serde_json::Value {
        let output = dossier()
            .args([
                "search", query, "--format", "json", "--limit", "100000", "--index",
            ])
            .arg(&self.index)
            .args(extra)
            .output()
            .expect("runs");
        assert!(
            matches!(output.status.code(), Some(0) | Some(1)),
            "search failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("search prints JSON")
    }

    /// Every path of every document, checking that none is listed twice.
    fn all_paths(&self) -> Vec<String> {
        let results = self.search("", &[]);
        let mut paths: Vec<String> = results["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .flat_map(|h| h["paths"].as_array().cloned().unwrap_or_default())
            .map(|p| p.as_str().unwrap_or_default().to_string())
            .collect();
        let n = paths.len();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), n, "a path is in two documents");
        paths
    }

    fn total(&self) -> u64 {
        self.search("", &[])["total"].as_u64().expect("total")
    }

    fn watch(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        dossier()
            .arg("watch")
            .args(args)
            .arg("--index")
            .arg(&self.index)
            .assert()
    }
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path).expect("stat").modified().expect("mtime")
}

fn set_mtime(path: &Path, time: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .expect("open")
        .set_modified(time)
        .expect("set mtime");
}

/// Overwrites `path` with `text` and moves its mtime forward, as an edit a
/// second later would.
fn edit(path: &Path, text: &str) {
    let before = mtime(path);
    fs::write(path, text).expect("write");
    set_mtime(path, before + Duration::from_secs(10));
}

fn count(report: &serde_json::Value, key: &str) -> u64 {
    report[key]
        .as_u64()
        .unwrap_or_else(|| panic!("report lacks {key}: {report}"))
}

#[test]
fn incremental_runs_count_each_kind_of_change() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 6);
    let first = night.index(&[]);
    assert_eq!(count(&first, "added"), 6, "{first}");
    assert!(first.get("full_reason").is_none(), "a new index: {first}");
    assert_eq!(count(&first, "articles"), 6);

    let a = |n| generated_path(&night.archive, n);
    edit(&a(1), &generated_article(1, 1)); // changed
    fs::remove_file(a(2)).expect("rm"); // removed
    fs::create_dir_all(night.archive.join("moved")).expect("mkdir");
    fs::rename(a(3), night.archive.join("moved/three.html")).expect("mv"); // moved
    fs::copy(a(4), night.archive.join("copy-of-4.html")).expect("cp"); // duplicate
    generate_archive(&night.archive, 6, 1); // new

    let second = night.index(&[]);
    let expect = [
        ("scanned", 7),
        ("unchanged", 3),
        ("updated", 1),
        ("moved", 1),
        ("added", 2),
        ("removed", 1),
        ("articles", 6),
        ("files_read", 4),
    ];
    for (key, n) in expect {
        assert_eq!(count(&second, key), n, "{key} in {second}");
    }
    assert_eq!(night.total(), 6);
    let paths = night.all_paths();
    assert_eq!(paths.len(), 7);
    assert!(!paths.iter().any(|p| p.ends_with("nota-000002.html")));
    assert!(paths.iter().any(|p| p.ends_with("moved/three.html")));
    // The copy is one document listing both paths.
    let hits = night.search("\"Nota 4 v0\"", &[]);
    assert_eq!(hits["total"], 1, "{hits}");
    assert_eq!(hits["hits"][0]["paths"].as_array().expect("paths").len(), 2);
    // The old text of the changed file is gone, the new one is there.
    assert_eq!(night.search("\"Nota 1 v0\"", &[])["total"], 0);
    assert_eq!(night.search("\"Nota 1 v1\"", &[])["total"], 1);

    // Nothing changed: nothing is read, and nothing reaches the engine.
    let third = night.index(&[]);
    assert_eq!(count(&third, "unchanged"), 7, "{third}");
    assert_eq!(count(&third, "files_read"), 0);
    assert_eq!(count(&third, "bytes_read"), 0);
    assert_eq!(count(&third, "engine_cpu_ms"), 0);

    // Removing one of two copies keeps the document with the other path.
    fs::remove_file(night.archive.join("copy-of-4.html")).expect("rm");
    let fourth = night.index(&[]);
    assert_eq!(count(&fourth, "removed"), 1, "{fourth}");
    assert_eq!(night.total(), 6);
    let hits = night.search("\"Nota 4 v0\"", &[]);
    assert_eq!(hits["hits"][0]["paths"].as_array().expect("paths").len(), 1);

    // A touched file is hashed, found unchanged and not re-normalized.
    set_mtime(&a(5), mtime(&a(5)) + Duration::from_secs(60));
    let fifth = night.index(&[]);
    assert_eq!(count(&fifth, "unchanged"), 6, "{fifth}");
    assert_eq!(count(&fifth, "files_read"), 1);
    assert_eq!(count(&night.index(&[]), "files_read"), 0, "mtime recorded");
}

/// A compressed page is longer than its file: the next night must still
/// find the file unchanged by its size on disk, not read it again.
#[test]
fn compressed_pages_are_not_read_again_night_after_night() {
    use std::io::Write;
    let night = Night::new();
    generate_archive(&night.archive, 0, 2);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(generated_article(7, 0).as_bytes())
        .expect("gzip");
    fs::write(
        night.archive.join("nota-7.html.gz"),
        gz.finish().expect("gzip"),
    )
    .expect("write");
    let first = night.index(&[]);
    assert_eq!(count(&first, "added"), 3, "{first}");
    let second = night.index(&[]);
    assert_eq!(count(&second, "unchanged"), 3, "{second}");
    assert_eq!(count(&second, "files_read"), 0, "{second}");
}

/// File names that are not UTF-8 (Latin-1 names copied from an old
/// Windows archive) each keep a key of their own: nothing is read again on
/// the next night, and a hit's path names its file.
#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_told_apart_night_after_night() {
    use std::os::unix::ffi::OsStrExt;
    let night = Night::new();
    let name = |bytes: &[u8]| night.archive.join(std::ffi::OsStr::from_bytes(bytes));
    fs::write(name(b"nota-\xf1.html"), generated_article(1, 0)).expect("write");
    fs::write(name(b"nota-\xe9.html"), generated_article(2, 0)).expect("write");
    assert_eq!(count(&night.index(&[]), "added"), 2);
    let second = night.index(&[]);
    assert_eq!(count(&second, "unchanged"), 2, "{second}");
    assert_eq!(count(&second, "files_read"), 0, "{second}");
    let paths = night.all_paths();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths.iter().any(|p| p.ends_with("nota-\\xF1.html")),
        "{paths:?}"
    );
    // A move is still found by the content.
    fs::rename(name(b"nota-\xf1.html"), name(b"movida-\xf1.html")).expect("mv");
    let third = night.index(&[]);
    assert_eq!(count(&third, "moved"), 1, "{third}");
    assert!(night
        .all_paths()
        .iter()
        .any(|p| p.ends_with("movida-\\xF1.html")));
}

/// The report gives the CPU time of tantivy's indexing threads: some, and
/// no more than those threads could spend in the build's wall time.
#[test]
fn the_report_counts_the_engines_cpu_time() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 300);
    let report = night.index(&["--threads", "2"]);
    assert_eq!(count(&report, "articles"), 300, "{report}");
    let engine = count(&report, "engine_cpu_ms");
    assert!(engine > 0, "{report}");
    assert!(engine <= 2 * count(&report, "elapsed_ms") + 10, "{report}");
}

#[test]
fn unchanged_size_and_mtime_means_the_file_is_not_read() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 2);
    night.index(&[]);
    // Same size, same mtime, other bytes: only a read could notice.
    let path = generated_path(&night.archive, 0);
    let before = mtime(&path);
    let text = fs::read_to_string(&path).expect("read");
    let changed = text.replace("Nota 0 v0", "Nota 0 vX");
    assert_eq!(changed.len(), text.len());
    fs::write(&path, changed).expect("write");
    set_mtime(&path, before);

    let report = night.index(&[]);
    assert_eq!(count(&report, "unchanged"), 2, "{report}");
    assert_eq!(count(&report, "files_read"), 0);
    assert_eq!(night.search("\"Nota 0 vX\"", &[])["total"], 0);

    // --full reads everything and sees it.
    let full = night.index(&["--full"]);
    assert_eq!(count(&full, "updated"), 1, "{full}");
    assert_eq!(full["full_reason"], "--full", "{full}");
    assert_eq!(count(&full, "files_read"), 2);
    assert_eq!(night.search("\"Nota 0 vX\"", &[])["total"], 1);
    assert_eq!(night.total(), 2);
}

#[test]
fn a_file_that_breaks_keeps_its_last_good_article_and_is_reported_each_night() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 2);
    night.index(&[]);
    let path = generated_path(&night.archive, 0);
    let title = "\"Nota 0 v0\"";
    assert_eq!(night.search(title, &[])["total"], 1);
    // A scraper gone wrong empties the file, then overwrites it with junk.
    for junk in ["", "\u{0}\u{1}\u{2}\u{3} binary \u{0}"] {
        edit(&path, junk);
        for _ in 0..2 {
            let report = night.index(&[]);
            let failed = report["failed"].as_array().expect("failed");
            assert!(
                failed.iter().any(|f| f["path"]
                    .as_str()
                    .is_some_and(|p| p.ends_with(path.file_name().unwrap().to_str().unwrap()))),
                "{report}"
            );
            assert_eq!(count(&report, "removed"), 0, "{report}");
            assert_eq!(night.search(title, &[])["total"], 1, "{junk:?}");
        }
    }
    // Removed, it leaves the index.
    fs::remove_file(&path).expect("rm");
    let report = night.index(&[]);
    assert_eq!(count(&report, "removed"), 1, "{report}");
    assert_eq!(night.search(title, &[])["total"], 0);
}

/// Waits until the build started by `child` holds the writer lock.
/// Rewrites the extraction version recorded in the index's last commit, as
/// an index written by another dossier would have it (0: none recorded).
fn record_extraction_version(index: &Path, version: u64) {
    let meta_path = index.join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&meta_path).expect("meta.json")).expect("JSON");
    let mut info: serde_json::Value =
        serde_json::from_str(meta["payload"].as_str().expect("payload")).expect("payload JSON");
    if version == 0 {
        info.as_object_mut()
            .expect("object")
            .remove("extraction_version");
    } else {
        info["extraction_version"] = version.into();
    }
    meta["payload"] = info.to_string().into();
    fs::write(&meta_path, meta.to_string()).expect("write meta.json");
}

/// After an upgrade that changes what dossier extracts from a file, the
/// next run re-reads every file, even unchanged ones: old and new articles
/// are never extracted two ways in one index.
#[test]
fn an_index_written_by_other_extraction_code_is_read_again() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 3);
    night.index(&[]);
    assert_eq!(count(&night.index(&[]), "files_read"), 0);

    // An index from before the version was recorded, then one from a
    // later dossier: both are read again, once.
    for version in [0, 9999] {
        record_extraction_version(&night.index, version);
        let again = night.index(&[]);
        assert_eq!(count(&again, "files_read"), 3, "{again}");
        assert!(
            again["full_reason"]
                .as_str()
                .is_some_and(|r| r.contains("another version")),
            "{again}"
        );
        assert_eq!(count(&again, "articles"), 3, "{again}");
        assert_eq!(night.total(), 3);
        assert_eq!(
            count(&night.index(&[]), "files_read"),
            0,
            "version recorded"
        );
    }
}

fn wait_for_lock(night: &Night, child: &mut Child) {
    let lock = night.index.join("dossier-writer.lock");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let text = fs::read_to_string(&lock).unwrap_or_default();
        if text.contains(&format!("pid {}", child.id())) {
            return;
        }
        assert!(
            child.try_wait().expect("wait").is_none(),
            "the build ended before the test saw its lock"
        );
        assert!(Instant::now() < deadline, "no lock file after 30 s");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_second_writer_is_refused_at_once_naming_the_holder() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 3000);
    night.index(&[]);
    let mut child = night.spawn_index(&["--full"]);
    wait_for_lock(&night, &mut child);

    let started = Instant::now();
    let output = dossier()
        .args(["index", "--quiet"])
        .arg(&night.archive)
        .arg("--index")
        .arg(&night.index)
        .output()
        .expect("runs");
    let took = started.elapsed();
    let still_running = child.try_wait().expect("wait").is_none();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if still_running {
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!("pid {}", child.id())),
            "message names the holder: {stderr}"
        );
        assert!(stderr.contains("wait for it to finish"), "{stderr}");
        assert!(took < Duration::from_secs(1), "refused in {took:?}");
        // Searching works during the build, on the last commit.
        let search = dossier()
            .args(["search", "pandilla", "--index"])
            .arg(&night.index)
            .output()
            .expect("runs");
        assert_eq!(search.status.code(), Some(0), "searches the last commit");
    }
    let _ = child.kill();
    let _ = child.wait();
    // The killed holder left no stale lock.
    night.index(&[]);
    assert_eq!(night.total(), 3000);
}

/// Starts a build, kills it with SIGKILL after `delay` (unless it ended),
/// and returns whether it ran to the end.
fn kill_after(night: &Night, extra: &[&str], delay: Duration) -> bool {
    let mut child = night.spawn_index(extra);
    std::thread::sleep(delay);
    let finished = child.try_wait().expect("wait").is_some();
    if !finished {
        child.kill().expect("kill -9");
    }
    let status = child.wait().expect("wait");
    finished && status.success()
}

/// After a kill: the index (if any) opens, search works and shows `expected`
/// articles (the last commit), or `done` if the build had completed.
fn check_after_kill(night: &Night, expected: u64, done: u64, finished: bool) {
    if !night.index.join("meta.json").exists() {
        assert_eq!(expected, 0, "the previous index vanished");
        return;
    }
    if expected == 0 && !finished {
        // A first build killed before its commit leaves tantivy's files
        // and no build: every command says so (exit 2), rather than
        // searching an index of no article. Killed after its commit, it
        // left the whole index.
        let search = dossier()
            .args(["search", "", "--index"])
            .arg(&night.index)
            .output()
            .expect("runs");
        if search.status.code() == Some(2) {
            let stderr = String::from_utf8_lossy(&search.stderr);
            assert!(stderr.contains("was never finished"), "{stderr}");
            dossier()
                .args(["stats", "--index"])
                .arg(&night.index)
                .assert()
                .code(2);
            return;
        }
    }
    let total = night.total();
    let want = if finished { done } else { expected };
    assert!(
        total == want || (!finished && total == done),
        "after a kill the index shows {total} articles, expected {want}"
    );
    dossier()
        .args(["stats", "--index"])
        .arg(&night.index)
        .assert()
        .success();
}

#[test]
fn builds_killed_at_any_moment_lose_and_double_nothing() {
    let night = Night::new();
    // The first delay lands a kill early even on a fast, idle machine, so
    // every scenario has at least one build that died mid-way.
    let delays = [20, 100, 300, 1000, 2000].map(Duration::from_millis);
    generate_archive(&night.archive, 0, 2000);

    // A first build, killed before it commits.
    let mut killed = 0;
    for delay in delays {
        let finished = kill_after(&night, &[], delay);
        killed += usize::from(!finished);
        check_after_kill(&night, 0, 2000, finished);
    }
    assert!(killed > 0, "no kill landed during a build");
    night.index(&[]);
    assert_eq!(night.all_paths().len(), 2000);
    assert_eq!(night.total(), 2000);

    // An incremental run: 200 changed, 200 new.
    for n in (0..2000).step_by(10) {
        edit(&generated_path(&night.archive, n), &generated_article(n, 1));
    }
    generate_archive(&night.archive, 2000, 200);
    let mut committed = 2000;
    let mut killed = 0;
    for delay in delays {
        if kill_after(&night, &[], delay) {
            committed = 2200;
        } else {
            killed += 1;
        }
        check_after_kill(&night, committed, 2200, committed == 2200);
    }
    assert!(killed > 0, "no kill landed during an incremental build");
    let report = night.index(&[]);
    assert_eq!(night.total(), 2200, "{report}");
    assert_eq!(night.all_paths().len(), 2200);
    assert_eq!(night.search("v1", &[])["total"], 200);

    // A rebuild under a new fields.toml, killed: the old index stays.
    let schema = tempfile::tempdir().expect("temp dir");
    let mut fields = fs::read_to_string(root().join("index-schema/fields.toml")).expect("read");
    fields.push_str("\n[[field]]\nname = \"desk\"\nkind = \"string\"\nstored = true\n");
    fs::write(schema.path().join("fields.toml"), fields).expect("write");
    let schema_flag = schema.path().to_str().expect("utf-8 path");
    let mut killed = 0;
    for delay in delays {
        let finished = kill_after(&night, &["--schema", schema_flag], delay);
        killed += usize::from(!finished);
        check_after_kill(&night, 2200, 2200, finished);
    }
    assert!(killed > 0, "no kill landed during a rebuild");
    night.index(&["--schema", schema_flag]);
    assert_eq!(night.total(), 2200);
    assert_eq!(night.all_paths().len(), 2200);
    assert!(!night.index.join(".dossier-rebuild").exists());
}

/// A build killed while it commits can leave the deletes it wrote for a
/// segment (`<segment>.<opstamp>.del`), listed as tantivy's but in no
/// commit. The next run repeats the same changes, so it writes the same
/// file name: it must clear the leftover first instead of failing with
/// "File already exists" (seen under the kills above on a loaded machine).
#[test]
fn deletes_left_by_a_killed_commit_do_not_block_the_next_run() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 5);
    night.index(&[]);
    let before = night.index.with_extension("before");

    // A run that updates one article writes the segment's deletes. A merge
    // after its commit can fold that segment away, deletes and all: then
    // the next article is updated, from the merged index.
    let mut updated = 0;
    let dels = loop {
        assert!(updated < 5, "no update left a delete file");
        let _ = fs::remove_dir_all(&before);
        copy_dir(&night.index, &before);
        edit(
            &generated_path(&night.archive, updated),
            &generated_article(updated, 1),
        );
        updated += 1;
        night.index(&[]);
        let dels: Vec<String> = fs::read_dir(&night.index)
            .expect("read index")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".del") && !before.join(name).exists())
            .collect();
        if !dels.is_empty() {
            break dels;
        }
    };

    // As if that run was killed after writing them, before its commit:
    // the last commit's files, and the deletes listed as managed.
    let left = night.index.with_extension("left");
    copy_dir(&before, &left);
    let managed = left.join(".managed.json");
    let mut listed: Vec<String> =
        serde_json::from_str(&fs::read_to_string(&managed).expect("read")).expect("JSON");
    for name in &dels {
        fs::copy(night.index.join(name), left.join(name)).expect("copy");
        listed.push(name.clone());
    }
    fs::write(&managed, serde_json::to_string(&listed).expect("JSON")).expect("write");
    fs::remove_dir_all(&night.index).expect("rm");
    fs::rename(&left, &night.index).expect("mv");

    let report = night.index(&[]);
    assert_eq!(count(&report, "updated"), 1, "{report}");
    assert_eq!(night.total(), 5);
    assert_eq!(night.search("v1", &[])["total"], updated);
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A rebuild killed after it switched the index in, or killed before and
/// then given up (the old fields back), leaves its staging folder: the next
/// run removes it, whatever it does, instead of keeping a dead copy.
#[test]
fn a_staging_folder_left_by_a_killed_rebuild_is_removed() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 3);
    night.index(&[]);
    let staging = night.index.join(".dossier-rebuild");
    fs::create_dir_all(&staging).expect("mkdir");
    fs::write(staging.join("0123abcd.idx"), b"a dead segment").expect("write");
    let report = night.index(&[]);
    assert_eq!(count(&report, "files_read"), 0, "{report}");
    assert!(!staging.exists(), "the dead staging folder is still there");
    assert_eq!(night.total(), 3);
}

/// A custom fields.toml that still declares the manifest as indexed terms
/// (as dossier did before it kept them as columns) would make every run
/// read the whole archive again: it is refused, saying what to change.
#[test]
fn a_schema_whose_file_manifest_is_not_a_column_is_refused() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 3);
    let schema = tempfile::tempdir().expect("temp dir");
    let fields = fs::read_to_string(root().join("index-schema/fields.toml")).expect("read");
    let old_style = "name = \"file_hashes\"\nkind = \"string\"\n";
    let fields = fields.replace(
        "name = \"file_hashes\"\nkind = \"string\"\nindexed = false\nfast = true\n",
        old_style,
    );
    assert!(
        fields.contains(old_style),
        "fields.toml no longer declares file_hashes as expected"
    );
    fs::write(schema.path().join("fields.toml"), fields).expect("write");
    dossier()
        .args(["index", "--quiet"])
        .arg(&night.archive)
        .arg("--index")
        .arg(&night.index)
        .args(["--schema", schema.path().to_str().expect("utf-8")])
        .assert()
        .failure()
        .stderr(predicates::str::contains("`fast = true`"));
    // The built-in schema still builds.
    night.index(&[]);
    assert_eq!(night.total(), 3);
}

#[test]
fn a_changed_gazetteer_retags_stored_articles_without_reading_files() {
    let night = Night::new();
    let zetitas = "<html><head><title>Los Zetitas cobran renta</title></head><body><article>\
        <h1>Los Zetitas cobran renta</h1><p>La banda conocida como Los Zetitas cobra renta a \
        los comerciantes del mercado central, según la fiscalía, que investiga a la red.</p>\
        </article></body></html>";
    fs::write(night.archive.join("zetitas.html"), zetitas).expect("write");
    generate_archive(&night.archive, 0, 3);
    night.index(&[]);
    dossier()
        .args(["search", "Zetitas", "--gang", "Zetitas", "--index"])
        .arg(&night.index)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown gang"));

    let schema = tempfile::tempdir().expect("temp dir");
    let mut gangs = fs::read_to_string(root().join("index-schema/gangs.toml")).expect("read");
    gangs.push_str("\n[[gang]]\nname = \"Zetitas\"\naliases = [\"Los Zetitas\"]\n");
    fs::write(schema.path().join("gangs.toml"), gangs).expect("write");
    let report = night.index(&["--schema", schema.path().to_str().expect("utf-8")]);
    assert_eq!(count(&report, "retagged"), 1, "{report}");
    assert_eq!(count(&report, "files_read"), 0);
    assert_eq!(count(&report, "unchanged"), 4);
    let hits = night.search("", &["--gang", "Zetitas"]);
    assert_eq!(hits["total"], 1, "{hits}");
    assert_eq!(hits["hits"][0]["gangs"][0], "Zetitas");
    // Done once: the next run has nothing to re-tag.
    let again = night.index(&["--schema", schema.path().to_str().expect("utf-8")]);
    assert_eq!(count(&again, "retagged"), 0, "{again}");
}

fn watch_run(night: &Night) -> serde_json::Value {
    let (code, run, stderr) = watch_run_exit(night);
    assert_eq!(code, Some(0), "{stderr}");
    run
}

/// `watch run --format json`, whatever its exit: the code, the JSON it
/// printed, and its stderr.
fn watch_run_exit(night: &Night) -> (Option<i32>, serde_json::Value, String) {
    let output = dossier()
        .args(["watch", "run", "--format", "json", "--index"])
        .arg(&night.index)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let run = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("watch run prints JSON ({e}); stderr: {stderr}"));
    (output.status.code(), run, stderr)
}

/// The report of `watch` in a `watch run --format json`.
fn watch_report<'a>(run: &'a serde_json::Value, watch: &str) -> &'a serde_json::Value {
    run["watches"]
        .as_array()
        .expect("watches")
        .iter()
        .find(|w| w["name"] == watch)
        .unwrap_or_else(|| panic!("no watch {watch} in {run}"))
}

fn arrivals(run: &serde_json::Value, watch: &str) -> Vec<String> {
    let w = watch_report(run, watch);
    let mut titles: Vec<String> = w["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["title"].as_str().unwrap_or_default().to_string())
        .collect();
    titles.sort();
    titles
}

#[test]
fn watches_report_what_arrived_since_they_last_ran() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 3);
    night.index(&[]);
    night.watch(&["add", "all", ""]).success();
    night
        .watch(&["add", "old-news", "nota", "--to", "2021-01"])
        .success();
    night
        .watch(&["add", "all", "x"])
        .code(2)
        .stderr(predicate::str::contains("exists"));
    night
        .watch(&["add", "bad", "x", "--gang", "Nobody Gang"])
        .code(2)
        .stderr(predicate::str::contains("unknown gang"));
    // `watch list` prints one watch a line, its columns separated by tabs.
    night
        .watch(&["add", "", "x"])
        .code(2)
        .stderr(predicate::str::contains("a watch needs a name"));
    for name in ["two\twords", "two\nlines"] {
        night
            .watch(&["add", name, "x"])
            .code(2)
            .stderr(predicate::str::contains("cannot hold a tab, line break"));
    }
    night
        .watch(&["list"])
        .success()
        .stdout(predicate::str::contains("all").and(predicate::str::contains("old-news")));

    // Nothing arrived since the watches were added.
    let run = watch_run(&night);
    assert!(arrivals(&run, "all").is_empty(), "{run}");

    // Two new articles (one dated January 2021), and one edited.
    generate_archive(&night.archive, 28, 1); // 2021-02-01
    generate_archive(&night.archive, 3, 1); // 2021-01-04
    edit(&generated_path(&night.archive, 1), &generated_article(1, 1));
    night.index(&[]);
    let run = watch_run(&night);
    assert_eq!(
        arrivals(&run, "all"),
        vec!["Nota 1 v1", "Nota 28 v0", "Nota 3 v0"],
        "{run}"
    );
    assert_eq!(arrivals(&run, "old-news"), vec!["Nota 1 v1", "Nota 3 v0"]);

    // The marks moved: nothing again, even after a full rebuild that keeps
    // first-seen builds, or a move.
    assert!(arrivals(&watch_run(&night), "all").is_empty());
    fs::rename(
        generated_path(&night.archive, 0),
        night.archive.join("renamed.html"),
    )
    .expect("mv");
    night.index(&["--full"]);
    night.index(&[]);
    let run = watch_run(&night);
    assert!(arrivals(&run, "all").is_empty(), "{run}");

    // Text output names each watch.
    generate_archive(&night.archive, 50, 1);
    night.index(&[]);
    night.watch(&["run"]).success().stdout(
        predicate::str::contains("== all (1 new").and(predicate::str::contains("Nota 50 v0")),
    );

    night.watch(&["remove", "all"]).success();
    night
        .watch(&["list"])
        .success()
        .stdout(predicate::str::contains("old-news").and(predicate::str::contains("all\t").not()));
    night
        .watch(&["remove", "all"])
        .code(2)
        .stderr(predicate::str::contains("no watch named 'all'"));
}

/// A watch whose gang has left the registry fails alone: the others run and
/// their marks move, its own mark stays until the gang is back, and the run
/// exits 2 after printing every report (QA4 B1).
#[test]
fn a_broken_watch_is_reported_and_the_others_still_run() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 2);
    let schema = tempfile::tempdir().expect("temp dir");
    let mut gangs = fs::read_to_string(root().join("index-schema/gangs.toml")).expect("read");
    gangs.push_str("\n[[gang]]\nname = \"Zetitas\"\naliases = [\"Los Zetitas\"]\n");
    fs::write(schema.path().join("gangs.toml"), gangs).expect("write");
    let with_zetitas = ["--schema", schema.path().to_str().expect("utf-8")];
    night.index(&with_zetitas);
    night.watch(&["add", "all", ""]).success();
    night
        .watch(&["add", "zetitas", "", "--gang", "Zetitas"])
        .success();
    night.watch(&["add", "notas", "nota"]).success();

    // The desk drops the gang from its registry; two articles arrive, one
    // about the gang.
    fs::write(
        night.archive.join("zetitas.html"),
        "<html><head><title>Capturan a Los Zetitas</title>\
         <meta property=\"article:published_time\" content=\"2021-05-01\"></head>\
         <body><article><h1>Capturan a Los Zetitas</h1>\
         <p>La policía capturó a cinco miembros de Los Zetitas en Soyapango.</p>\
         </article></body></html>",
    )
    .expect("write");
    generate_archive(&night.archive, 10, 1);
    night.index(&[]);

    let (code, run, stderr) = watch_run_exit(&night);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(
        arrivals(&run, "all"),
        vec!["Capturan a Los Zetitas", "Nota 10 v0"],
        "{run}"
    );
    assert_eq!(arrivals(&run, "notas"), vec!["Nota 10 v0"], "{run}");
    let broken = watch_report(&run, "zetitas");
    assert!(
        broken["error"]
            .as_str()
            .is_some_and(|e| e.contains("unknown gang 'Zetitas'")),
        "{run}"
    );
    assert_eq!(broken["new"], 0, "{run}");
    assert_eq!(broken["since_build"], 1, "{run}");
    assert!(
        stderr.contains("watch 'zetitas' failed: unknown gang 'Zetitas'")
            && stderr.contains("1 of 3 watches failed ('zetitas')"),
        "{stderr}"
    );

    // The others' marks were saved; the broken one's was not. Text output
    // names the failure too.
    night
        .watch(&["run"])
        .code(2)
        .stdout(
            predicate::str::contains("== all (0 new since build 2)")
                .and(predicate::str::contains("== zetitas (failed: unknown gang"))
                .and(predicate::str::contains("== notas (0 new since build 2)")),
        )
        .stderr(predicate::str::contains("1 of 3 watches failed"));
    night.watch(&["list"]).success().stdout(
        predicate::str::contains("zetitas\t --gang Zetitas\t(since build 1)")
            .and(predicate::str::contains("all\t\t(since build 2)")),
    );

    // The gang is back: its arrival, from the build the watch was broken,
    // is reported.
    night.index(&with_zetitas);
    let run = watch_run(&night);
    assert_eq!(
        arrivals(&run, "zetitas"),
        vec!["Capturan a Los Zetitas"],
        "{run}"
    );
    assert!(arrivals(&run, "all").is_empty(), "{run}");
}

/// An index rebuilt from scratch restarts its build counter; watches copied
/// over from the old index have marks above it. They report every matching
/// article of the new index once, say why on stderr, and then carry this
/// index's build (QA4 B2).
#[test]
fn watches_copied_to_a_rebuilt_index_report_its_articles() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 2);
    night.index(&[]);
    night.watch(&["add", "all", ""]).success();
    for n in [10, 11] {
        generate_archive(&night.archive, n, 1);
        night.index(&[]);
    }
    assert_eq!(
        arrivals(&watch_run(&night), "all"),
        vec!["Nota 10 v0", "Nota 11 v0"]
    );

    // The README's recovery: move the index aside, build again, and keep
    // the watches.
    let aside = night.index.with_extension("damaged");
    fs::rename(&night.index, &aside).expect("mv");
    night.index(&[]);
    fs::copy(aside.join("watches.json"), night.index.join("watches.json")).expect("cp");
    generate_archive(&night.archive, 12, 1);
    night.index(&[]);

    let (code, run, stderr) = watch_run_exit(&night);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        arrivals(&run, "all"),
        vec![
            "Nota 0 v0",
            "Nota 1 v0",
            "Nota 10 v0",
            "Nota 11 v0",
            "Nota 12 v0"
        ],
        "{run}"
    );
    let report = watch_report(&run, "all");
    assert_eq!(report["since_build"], 0, "{run}");
    assert_eq!(report["stale_mark"], 3, "{run}");
    assert_eq!(report["to_build"], 2, "{run}");
    assert!(
        stderr.contains("watch 'all' last ran at build 3, above this index's build 2"),
        "{stderr}"
    );

    // The mark is this index's now: nothing again, no warning, and the next
    // arrival is reported.
    let (code, run, stderr) = watch_run_exit(&night);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(arrivals(&run, "all").is_empty(), "{run}");
    assert!(watch_report(&run, "all").get("stale_mark").is_none());
    assert!(stderr.is_empty(), "{stderr}");
    generate_archive(&night.archive, 13, 1);
    night.index(&[]);
    night
        .watch(&["run"])
        .success()
        .stdout(predicate::str::contains("== all (1 new since build 2)"));
}

/// Every document of the index at `dir`: its id and its paths relative to
/// `archive`, sorted.
fn documents(dir: &Path, archive: &Path) -> Vec<(String, Vec<String>)> {
    let schema = dossier::schema::Schema::load(None).expect("schema");
    let index = tantivy::Index::open_in_dir(dir).expect("index");
    let fields = dossier::index::Fields::new(&schema, index.schema()).expect("fields");
    let searcher = index.reader().expect("reader").searcher();
    let addresses = searcher
        .search(
            &tantivy::query::AllQuery,
            &tantivy::collector::DocSetCollector,
        )
        .expect("search");
    let mut docs: Vec<(String, Vec<String>)> = addresses
        .into_iter()
        .map(|address| {
            let article =
                dossier::index::IndexedArticle::load(&searcher, address, &fields).expect("doc");
            let paths = article
                .paths
                .iter()
                .map(|p| {
                    Path::new(p)
                        .strip_prefix(archive)
                        .expect("in the archive")
                        .display()
                        .to_string()
                })
                .collect();
            (article.content_hash, paths)
        })
        .collect();
    docs.sort();
    docs
}

/// Builds `night`'s index through the library with a memory budget of
/// `memory` bytes.
fn build_with_memory(night: &Night, memory: usize) -> dossier::index::BuildReport {
    let schema = dossier::schema::Schema::load(None).expect("schema");
    let options = dossier::index::BuildOptions {
        roots: vec![night.archive.clone()],
        index_dir: night.index.clone(),
        threads: 2,
        progress: false,
        memory,
        full: false,
        merge: false,
        allow_empty: false,
    };
    let report = dossier::index::build(&schema, &options).expect("build");
    assert!(
        !night.index.join(".dossier-spill").exists(),
        "the spill folder is removed"
    );
    report
}

#[test]
fn a_build_that_spills_its_records_to_disk_indexes_the_same_articles() {
    // 2 MiB leaves 64 KiB for per-file records: 1,200 files make several
    // sorted runs on disk, merged at the end.
    let small = Night::new();
    let large = Night::new();
    for night in [&small, &large] {
        generate_archive(&night.archive, 0, 1_200);
        for n in (0..1_200).step_by(40) {
            let copy = night.archive.join(format!("copies/copy-{n}.html"));
            fs::create_dir_all(copy.parent().expect("parent")).expect("mkdir");
            fs::copy(generated_path(&night.archive, n), copy).expect("cp");
        }
    }
    let first_small = build_with_memory(&small, 2 << 20);
    let first_large = build_with_memory(&large, 1 << 30);
    assert_eq!(first_small.articles, 1_200);
    assert_eq!(first_small.articles, first_large.articles);
    let docs = documents(&small.index, &small.archive);
    assert_eq!(docs.len(), 1_200);
    assert_eq!(docs, documents(&large.index, &large.archive));
    assert_eq!(docs.iter().filter(|(_, p)| p.len() == 2).count(), 30);

    // A night of every kind of change, the same in both archives.
    let removed = |n: usize| n % 17 == 1;
    let edited = |n: usize| n % 23 == 2 && !removed(n);
    let moved = |n: usize| n % 29 == 3 && !removed(n) && !edited(n);
    for night in [&small, &large] {
        let a = |n| generated_path(&night.archive, n);
        for n in 0..1_200 {
            if removed(n) {
                fs::remove_file(a(n)).expect("rm");
            } else if edited(n) {
                edit(&a(n), &generated_article(n, 1));
            } else if moved(n) {
                let to = night.archive.join(format!("moved/{n}.html"));
                fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
                fs::rename(a(n), to).expect("mv");
            }
        }
        generate_archive(&night.archive, 1_200, 50);
    }
    let second_small = build_with_memory(&small, 2 << 20);
    let second_large = build_with_memory(&large, 1 << 30);
    for (key, s, l) in [
        ("added", second_small.added, second_large.added),
        ("updated", second_small.updated, second_large.updated),
        ("moved", second_small.moved, second_large.moved),
        ("removed", second_small.removed, second_large.removed),
        ("unchanged", second_small.unchanged, second_large.unchanged),
        ("articles", second_small.articles, second_large.articles),
    ] {
        assert_eq!(s, l, "{key}");
    }
    assert_eq!(
        second_small.moved,
        (0..1_200).filter(|&n| moved(n)).count() as u64
    );
    assert_eq!(
        second_small.removed,
        (0..1_200).filter(|&n| removed(n)).count() as u64
    );
    assert_eq!(second_small.added, 50);
    let docs = documents(&small.index, &small.archive);
    assert_eq!(docs, documents(&large.index, &large.archive));
    assert_eq!(docs.len() as u64, second_small.articles);
    assert!(docs
        .iter()
        .any(|(_, paths)| paths.iter().any(|p| p.starts_with("moved/"))));
}

fn segments(index: &Path) -> usize {
    dossier::index::open(index)
        .expect("open")
        .index
        .searchable_segment_ids()
        .expect("segments")
        .len()
}

/// A search's answer without what may differ between two equal answers:
/// the time taken, and the order (and so the ranks) of hits that tie.
fn without_timing(mut results: serde_json::Value) -> serde_json::Value {
    results["took_ms"] = serde_json::Value::Null;
    if let Some(hits) = results["hits"].as_array_mut() {
        for hit in hits.iter_mut() {
            hit["rank"] = serde_json::Value::Null;
        }
        hits.sort_by_key(|h| h["path"].as_str().unwrap_or_default().to_string());
    }
    results
}

#[test]
fn merge_leaves_one_segment_and_the_same_answers() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 60);
    night.index(&[]);
    generate_archive(&night.archive, 60, 60);
    night.index(&[]);
    assert!(
        segments(&night.index) > 1,
        "two runs, two segments at least"
    );
    let queries = ["", "pandillas", "\"Osiris Luna\""];
    let before: Vec<serde_json::Value> = queries
        .iter()
        .map(|q| without_timing(night.search(q, &["--no-collapse"])))
        .collect();

    let report = night.index(&["--merge"]);
    assert_eq!(count(&report, "unchanged"), 120);
    assert_eq!(segments(&night.index), 1);
    let after: Vec<serde_json::Value> = queries
        .iter()
        .map(|q| without_timing(night.search(q, &["--no-collapse"])))
        .collect();
    assert_eq!(after, before);
    let lists: Vec<_> = fs::read_dir(&night.index)
        .expect("index folder")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".bands"))
        .collect();
    assert_eq!(lists.len(), 1, "one list of shared bands, the merged one's");

    // The next night adds a segment again; a merging run with changes
    // merges them too.
    generate_archive(&night.archive, 120, 10);
    night.index(&["--merge"]);
    assert_eq!(segments(&night.index), 1);
    assert_eq!(night.total(), 130);
}

/// The bodies of every indexed article, by path, from `export`.
fn exported_bodies(index: &Path) -> std::collections::BTreeMap<String, String> {
    let out = dossier()
        .args(["export", "--format", "ndjson", "--index"])
        .arg(index)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            let path = v["path"].as_str().expect("path");
            let name = Path::new(path).file_name().expect("name");
            (
                name.to_string_lossy().to_string(),
                v["body"].as_str().expect("body").to_string(),
            )
        })
        .collect()
}

/// A night that must rewrite stored articles (here: the archive moved to
/// another folder) over a damaged document store reads those articles
/// again from their files instead of failing them: the archive is the
/// source of truth. The index comes out whole and sound.
#[test]
fn stored_copies_a_damaged_index_cannot_give_are_read_again_from_the_archive() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 40);
    night.index(&[]);
    let before = exported_bodies(&night.index);
    assert_eq!(before.len(), 40);
    // Zero a run of bytes in the middle of every document store: the
    // compressed blocks there no longer decompress.
    for entry in fs::read_dir(&night.index).expect("read index") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "store") {
            let mut bytes = fs::read(&path).expect("read");
            let middle = bytes.len() / 2;
            bytes[middle..middle + 64].fill(0);
            fs::write(&path, bytes).expect("write");
        }
    }
    let export = dossier()
        .args(["export", "--format", "ndjson", "--index"])
        .arg(&night.index)
        .output()
        .expect("runs");
    assert_eq!(
        export.status.code(),
        Some(2),
        "the damage is not seen: test setup"
    );
    let moved = night.archive.with_file_name("archive-moved");
    fs::rename(&night.archive, &moved).expect("move the archive");
    let report = night.index.with_file_name("moved-report.json");
    dossier()
        .args(["index", "--quiet"])
        .arg(&moved)
        .arg("--index")
        .arg(&night.index)
        .arg("--report")
        .arg(&report)
        .assert()
        .success();
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&report).expect("report")).expect("JSON");
    assert_eq!(
        report["failed"].as_array().map(Vec::len),
        Some(0),
        "{report}"
    );
    assert_eq!(count(&report, "moved"), 40, "{report}");
    dossier()
        .args(["stats", "--check", "--index"])
        .arg(&night.index)
        .assert()
        .success();
    assert_eq!(exported_bodies(&night.index), before);
}

/// The nightly `cd archive && dossier index .` writes the default
/// `./dossier-index` inside the archive: the next night must not read the
/// index's own files as articles (its schema file, read as text, was an
/// "article" tagged with every actor of the registry).
#[test]
fn an_index_inside_the_archive_is_not_read_as_part_of_it() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 3);
    let run = || {
        dossier()
            .current_dir(&night.archive)
            .args(["index", "--quiet", ".", "--strict", "--report"])
            .arg(night.report_path())
            .assert()
            .success();
        let report: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(night.report_path()).expect("report"))
                .expect("JSON");
        report
    };
    assert_eq!(count(&run(), "added"), 3);
    let second = run();
    assert_eq!(count(&second, "scanned"), 3, "{second}");
    assert_eq!(count(&second, "unchanged"), 3, "{second}");
    assert_eq!(
        second["failed"].as_array().map(Vec::len),
        Some(0),
        "{second}"
    );
}

/// An archive folder that comes back empty (an unmounted share) or does
/// not exist (a mistyped path) stops the run with an error and leaves the
/// index as it was; `--allow-empty` removes the articles on purpose.
#[test]
fn an_emptied_archive_folder_changes_nothing_unless_allowed() {
    let night = Night::new();
    generate_archive(&night.archive, 0, 4);
    night.index(&[]);
    let moved_away = night.archive.with_extension("away");
    fs::rename(&night.archive, &moved_away).expect("mv");
    fs::create_dir_all(&night.archive).expect("mkdir");
    for (archive, message) in [
        (
            night.archive.clone(),
            "is empty, and this run would remove 4 files",
        ),
        (night.archive.join("missing"), "does not exist"),
    ] {
        dossier()
            .args(["index", "--quiet"])
            .arg(&archive)
            .arg("--index")
            .arg(&night.index)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    // A mount point marked by a placeholder file, or holding a stray
    // image: files, but no article.
    fs::write(night.archive.join("NOT_MOUNTED.txt"), "Share not mounted\n").expect("write");
    fs::write(
        night.archive.join("logo.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .expect("write");
    dossier()
        .args(["index", "--quiet"])
        .arg(&night.archive)
        .arg("--index")
        .arg(&night.index)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "holds no readable article (2 files that failed), and this run would remove 4 files",
        ));
    assert_eq!(night.total(), 4, "the index is untouched");
    let emptied = night.index(&["--allow-empty"]);
    assert_eq!(count(&emptied, "removed"), 4, "{emptied}");
    assert_eq!(night.total(), 0);
}

/// The date and address of the one hit of `query` in `night`'s index.
fn hit_facts(night: &Night, query: &str) -> (serde_json::Value, serde_json::Value) {
    let out = dossier()
        .args(["search", query, "--format", "json", "--index"])
        .arg(&night.index)
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let hits = json["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{json}");
    (hits[0]["date"].clone(), hits[0]["url"].clone())
}

/// Copies of one story (the site's page, a reader-view save) are one
/// article with the facts any copy gives: a copy without a date or an
/// address, added on a later night, takes nothing away, nor does a full
/// rebuild; copies that give two dates give none.
#[test]
fn copies_of_a_story_keep_the_facts_any_copy_gives() {
    let night = Night::new();
    let story = "<h1>Trasladan a reos de la MS-13 a Zacatecoluca</h1>\
        <p>El director de Centros Penales anunció este lunes el traslado de 300 reos de la \
        MS-13 al penal de máxima seguridad de Zacatecoluca, en el centro del país.</p>\
        <p>Según el funcionario, la medida responde a un repunte de homicidios registrado \
        durante el fin de semana en el oriente del país.</p>";
    let page = |head: &str| {
        format!(
            "<html><head><title>Trasladan a reos de la MS-13 a Zacatecoluca</title>{head}\
             </head><body><article>{story}</article></body></html>"
        )
    };
    let dated = "<link rel=\"canonical\" href=\"https://diario.example/traslado\">\
        <meta property=\"article:published_time\" content=\"2020-01-06\">";
    fs::write(night.archive.join("traslado.html"), page(dated)).expect("write");
    night.index(&[]);
    let expected = (
        serde_json::json!("2020-01-06"),
        serde_json::json!("https://diario.example/traslado"),
    );
    assert_eq!(hit_facts(&night, "Zacatecoluca"), expected);
    // A reader-view save sorts first and knows neither.
    fs::write(night.archive.join("a-lectura.html"), page("")).expect("write");
    night.index(&[]);
    assert_eq!(hit_facts(&night, "Zacatecoluca"), expected);
    night.index(&["--full"]);
    assert_eq!(hit_facts(&night, "Zacatecoluca"), expected);
    // A third copy dated another day: one of the two dates is wrong.
    let other = "<meta property=\"article:published_time\" content=\"2024-01-16\">";
    fs::write(night.archive.join("b-copia.html"), page(other)).expect("write");
    night.index(&[]);
    assert_eq!(hit_facts(&night, "Zacatecoluca").0, serde_json::Value::Null);
}
