//! Hostile input: every file here is made by the test in a temporary
//! directory (the small, fixed ones are in tests/fixtures and
//! tests/cmd/check-fixtures.md). Each must be refused with a located E001 or
//! E002 and exit 1, or with exit 2 for I/O trouble — never a panic, never a
//! hang, never unbounded memory.
//!
//! Every run goes through [`trappa`], which caps the process's address space
//! (`ulimit -v`, 512 MiB: a file held whole many times over, or an alias
//! bomb expanded, would not fit) and kills it after two minutes (a hang
//! fails the test instead of stalling CI). Speed is measured by
//! scripts/bench.sh, not asserted here.

#[path = "../../fuzz/pipeline.rs"]
mod pipeline;

use crate::helpers::{PLAIN, TRAPPA_BIN};
use serde_json::Value;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const MEMORY_CAP_KIB: u64 = 512 * 1024;
const HANG_GUARD: Duration = Duration::from_secs(120);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Runs the trappa binary under the memory cap and the hang guard, with
/// `stdin` as standard input.
fn trappa_with(args: &[&OsStr], stdin: Option<&Path>, env: &[(&str, &str)]) -> Run {
    let scratch = TempDir::new().unwrap();
    let out_path = scratch.path().join("stdout");
    let err_path = scratch.path().join("stderr");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_CAP_KIB} && exec \"$0\" \"$@\""))
        .arg(TRAPPA_BIN)
        .args(args)
        .envs(PLAIN.iter().copied())
        // Thread stacks and allocator arenas count against the address-space
        // cap: fix the number of threads so the cap means the same anywhere.
        .env("RAYON_NUM_THREADS", "2")
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .stdin(match stdin {
            Some(path) => Stdio::from(fs::File::open(path).unwrap()),
            None => Stdio::null(),
        });
    for (key, value) in env {
        command.env(key, value);
    }
    let started = Instant::now();
    let mut child = command.spawn().expect("sh runs");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > HANG_GUARD {
            let _ = child.kill();
            panic!("trappa {args:?} did not finish within {HANG_GUARD:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&fs::read(&out_path).unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&fs::read(&err_path).unwrap()).into_owned(),
        elapsed,
    };
    assert!(
        !run.stderr.contains("panicked") && run.code != 101 && status.code().is_some(),
        "trappa {args:?} crashed (status {status:?}):\n{}",
        run.stderr
    );
    run
}

fn trappa<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let args: Vec<&OsStr> = args.iter().map(AsRef::as_ref).collect();
    trappa_with(&args, None, &[])
}

/// `check --format json` of one path: the exit code and (code, line, column,
/// message) of each diagnostic.
fn check_json(path: &Path) -> (i32, Vec<(String, u64, u64, String)>) {
    let run = trappa(&[
        OsStr::new("check"),
        OsStr::new("--format"),
        OsStr::new("json"),
        path.as_os_str(),
    ]);
    (run.code, diagnostics_of(&run.stdout))
}

fn diagnostics_of(json: &str) -> Vec<(String, u64, u64, String)> {
    let document: Value = serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("check --format json printed invalid JSON ({e}): {json}"));
    document["diagnostics"]
        .as_array()
        .expect("a diagnostics array")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

// Named so that no service type is suggested (I203): the tests that
// expect "no problems found" mean it.
const SMALL_INVENTORY: &str = "trappa: 1\norganisation:\n  name: Testkommun\nyear: 2024\nservices:\n  - id: bibliotek\n    name: Nyhetsbrev\n";

/// `SMALL_INVENTORY` with its one service named `yaml` (at line 7, column 11).
fn named(yaml: &str) -> Vec<u8> {
    SMALL_INVENTORY
        .replace("name: Nyhetsbrev", &format!("name: {yaml}"))
        .into_bytes()
}

/// `SMALL_INVENTORY` with `lines` added to its one service (at line 8).
fn service_with(lines: &str) -> Vec<u8> {
    format!("{SMALL_INVENTORY}{lines}").into_bytes()
}

fn billion_laughs() -> String {
    let mut text = String::from("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..=9 {
        let refs = vec![format!("*lol{}", level - 1); 10].join(", ");
        text.push_str(&format!("lol{level}: &lol{level} [{refs}]\n"));
    }
    text
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = (bom.then_some(0xFEFF_u16))
        .into_iter()
        .chain(text.encode_utf16());
    for unit in units {
        if big_endian {
            bytes.extend(unit.to_be_bytes());
        } else {
            bytes.extend(unit.to_le_bytes());
        }
    }
    bytes
}

/// A file name, its bytes, and the first diagnostic's code, line, column
/// (0: any) and a word of its message.
type HostileCase = (&'static str, Vec<u8>, &'static str, u64, u64, &'static str);

/// Each hostile file, the diagnostic it must get first (code, line, column),
/// and a word its message must contain. Positions were worked out by hand
/// from the bytes (lines and columns count from 1, columns in characters).
#[test]
fn hostile_files_are_refused_with_a_located_diagnostic_and_exit_1() {
    let cases: Vec<HostileCase> = vec![
        // The 10th line is the first whose aliases replay past the limit:
        // lol0..lol3 expand to 11 110 events, lol4 to 100 000 and more.
        (
            "billion-laughs",
            billion_laughs().into_bytes(),
            "E001",
            0,
            0,
            "aliases expand",
        ),
        // 100 000 levels of nesting, three ways: the 25th opener is too deep.
        (
            "flow-sequences",
            "[".repeat(100_000).into_bytes(),
            "E001",
            1,
            0,
            "nesting",
        ),
        (
            "flow-mappings",
            "{a: ".repeat(100_000).into_bytes(),
            "E001",
            1,
            0,
            "nesting",
        ),
        (
            "block-sequences",
            "- ".repeat(100_000).into_bytes(),
            "E001",
            1,
            0,
            "nesting",
        ),
        // `ö` in Latin-1 is the byte 0xF6: line 3, after `  name: G`.
        (
            "latin1",
            b"trappa: 1\norganisation:\n  name: G\xF6teborg\n".to_vec(),
            "E001",
            3,
            10,
            "UTF-8",
        ),
        (
            "utf16-le-bom",
            utf16(SMALL_INVENTORY, false, true),
            "E001",
            1,
            1,
            "UTF-16",
        ),
        (
            "utf16-be-bom",
            utf16(SMALL_INVENTORY, true, true),
            "E001",
            1,
            1,
            "UTF-16",
        ),
        // Without a byte-order mark, UTF-16LE `t` is followed by a NUL byte.
        (
            "utf16-le-no-bom",
            utf16(SMALL_INVENTORY, false, false),
            "E001",
            1,
            2,
            "NUL",
        ),
        (
            "nul",
            b"trappa: 1\norg\0anisation:\n".to_vec(),
            "E001",
            2,
            4,
            "NUL",
        ),
        // The parser stops just after the tab: line 3, column 2.
        (
            "tabs",
            b"trappa: 1\norganisation:\n\tname: Testkommun\n".to_vec(),
            "E001",
            3,
            2,
            "tab",
        ),
        ("empty", Vec::new(), "E002", 1, 1, "empty"),
        ("blank-lines", b"\n\n   \n".to_vec(), "E002", 1, 1, "empty"),
        ("bom-only", b"\xEF\xBB\xBF".to_vec(), "E002", 1, 1, "empty"),
        (
            "only-comments",
            b"# inventering\n# kommer senare\n".to_vec(),
            "E002",
            1,
            1,
            "empty",
        ),
        // 1 001 uses of one anchor: one more than the alias limit.
        (
            "many-aliases",
            format!("a: &x 1\nb: [{}]\n", vec!["*x"; 1001].join(", ")).into_bytes(),
            "E001",
            2,
            0,
            "aliases",
        ),
        // 1 100 000 list items: past the node limit, within the size limit.
        (
            "many-nodes",
            format!("a: [{}]\n", vec!["1"; 1_100_000].join(",")).into_bytes(),
            "E001",
            1,
            0,
            "nodes",
        ),
        (
            "two-documents",
            format!("{SMALL_INVENTORY}---\n{SMALL_INVENTORY}").into_bytes(),
            "E001",
            8,
            1,
            "document",
        ),
        // Anchors inside anchors: each level keeps its value again for the
        // aliases to come, 23 × 300 000 nodes: past what anchors may keep.
        (
            "nested-anchors",
            format!(
                "{}{}{}\n",
                (0..23).map(|i| format!("&a{i} [")).collect::<String>(),
                vec!["1"; 300_000].join(","),
                "]".repeat(23)
            )
            .into_bytes(),
            "E001",
            1,
            0,
            "anchored values",
        ),
        // An anchor on every item: what anchors keep is counted too.
        (
            "anchor-per-item",
            (0..250_000)
                .map(|i| format!("- &a{i} 1\n"))
                .collect::<String>()
                .into_bytes(),
            "E001",
            200_001,
            0,
            "anchored values",
        ),
        // Two aliases to a 5 MB text: few nodes, but 10 MB copied.
        (
            "alias-to-long-text",
            format!("a: &a {}\nb: [*a, *a]\n", "x".repeat(5_000_000)).into_bytes(),
            "E001",
            2,
            9,
            "aliases expand",
        ),
        // 22 levels inside each anchor, each anchor inside the next through
        // an alias: the nesting the limit is about, reached through aliases.
        (
            "depth-through-aliases",
            {
                let nest = |x: &str| format!("{}{x}{}", "[".repeat(22), "]".repeat(22));
                let mut text = format!("x0: &a0 {}\n", nest("1"));
                for k in 1..10 {
                    text.push_str(&format!("x{k}: &a{k} {}\n", nest(&format!("*a{}", k - 1))));
                }
                text.into_bytes()
            },
            "E001",
            2,
            31,
            "nesting",
        ),
        // A line feed in a one-line field would start a line of its own in
        // every output: here a forged GitHub workflow command (issue #20.7).
        (
            "line-feed-in-name",
            named("\"A\\n::error file=x,line=1::FORGED\""),
            "E002",
            7,
            11,
            "line break",
        ),
        (
            "line-feed-in-department-name",
            SMALL_INVENTORY
                .replace(
                    "year: 2024\n",
                    "year: 2024\ndepartments:\n  - id: a\n    name: \"A\\nB\"\n",
                )
                .into_bytes(),
            "E002",
            7,
            11,
            "line break",
        ),
        // Bidirectional overrides show text in another order than it is
        // stored (issue #20.11).
        (
            "override-in-url",
            service_with("    url: \"https://example.se/\\u202Eexe.pdf\"\n"),
            "E002",
            8,
            10,
            "bidirectional",
        ),
        (
            "isolate-in-name",
            named("\"Bygglov \\u2066x\\u2069\""),
            "E002",
            7,
            11,
            "bidirectional",
        ),
        (
            "zero-width-name",
            named("\"\\u200B\\u200D\\uFEFF\""),
            "E002",
            7,
            11,
            "invisible",
        ),
        (
            "zero-width-space-in-url",
            service_with("    url: \"https://example\\u200B.se/\"\n"),
            "E008",
            8,
            10,
            "URL",
        ),
        // Whole numbers only where the format says integer, one rule for all
        // of them (issue #20.9, #20.13).
        (
            "year-with-decimals",
            SMALL_INVENTORY
                .replace("year: 2024", "year: 2024.0")
                .into_bytes(),
            "E002",
            4,
            7,
            "whole number",
        ),
        (
            "cases-with-decimals",
            service_with("    volumes:\n      cases: 1.0\n"),
            "E002",
            9,
            14,
            "whole number",
        ),
        (
            "cases-past-two-to-the-53",
            service_with("    volumes:\n      cases: 9007199254740993.0\n"),
            "E002",
            9,
            14,
            "whole number",
        ),
        (
            "cases-underflowing",
            service_with("    volumes:\n      cases: 1e-400\n"),
            "E002",
            9,
            14,
            "whole number",
        ),
        (
            "cases-past-u64",
            service_with("    volumes:\n      cases: 18446744073709551616\n"),
            "E002",
            9,
            14,
            "between 0 and 18446744073709551615",
        ),
        (
            "cost-at-f64-max",
            service_with("    cost_per_case_sek: 1.7976931348623157e308\n"),
            "E002",
            8,
            24,
            "1.7976931348623157e308, out of range: it must be between 0 and 10000000",
        ),
        // `<<` twice is a duplicate key (issue #20.13).
        (
            "merge-key-twice",
            b"a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: *a\n  <<: *b\n".to_vec(),
            "E001",
            5,
            3,
            "twice",
        ),
        // What a spreadsheet cell cannot hold, check refuses, so that xlsx
        // export never fails on a file check passed (issue #20.13).
        (
            "name-longer-than-a-cell",
            named(&"x".repeat(32_768)),
            "E002",
            7,
            11,
            "32768 characters",
        ),
        // A scalar, a list: YAML, but not an inventory.
        ("scalar", b"just text\n".to_vec(), "E002", 1, 1, "inventory"),
        ("list", b"- trappa: 1\n".to_vec(), "E002", 1, 1, "inventory"),
    ];
    let dir = TempDir::new().unwrap();
    let mut failures = Vec::new();
    for (name, bytes, code, line, column, word) in &cases {
        let path = dir.path().join(format!("{name}.yaml"));
        fs::write(&path, bytes).unwrap();
        let (exit, diagnostics) = check_json(&path);
        let first = diagnostics.first();
        let located = first.is_some_and(|(c, l, col, message)| {
            c == code
                && *l >= 1
                && *col >= 1
                && (*line == 0 || l == line)
                && (*column == 0 || col == column)
                && message.to_lowercase().contains(&word.to_lowercase())
        });
        if exit != 1 || !located {
            failures.push(format!(
                "{name}: exit {exit}, first diagnostic {first:?}; expected exit 1 and {code} at {line}:{column} mentioning {word:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// 200 MB, refused from the file's metadata before a byte is read: the
/// message gives the size, which only the metadata knows (a refusal while
/// reading says "more than that"). The file is sparse, so the test costs no
/// disk; were it read whole, the 512 MiB cap would still let it through, so
/// the message is the proof, and the time a loose sanity guard.
#[test]
fn a_200_mb_file_is_refused_by_its_size_before_it_is_read() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("huge.yaml");
    let file = fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    drop(file);
    let run = trappa(&[
        OsStr::new("check"),
        OsStr::new("--format"),
        OsStr::new("json"),
        path.as_os_str(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let diagnostics = diagnostics_of(&run.stdout);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let (code, line, column, message) = &diagnostics[0];
    assert_eq!((code.as_str(), *line, *column), ("E001", 1, 1));
    assert!(message.contains("200.0 MiB"), "{message}");
    assert!(run.elapsed < Duration::from_secs(10), "{:?}", run.elapsed);
}

/// Standard input has no size to look at: it is cut off after the limit
/// (8 MiB), so a 20 MiB pipe costs no more memory than an 8 MiB file.
#[test]
fn standard_input_over_the_limit_is_refused_while_reading() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("stream");
    fs::write(&path, "# padding\n".repeat(2 * 1024 * 1024)).unwrap();
    let args = ["check", "--format", "json", "-"].map(OsStr::new);
    let run = trappa_with(&args, Some(&path), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let diagnostics = diagnostics_of(&run.stdout);
    assert_eq!(diagnostics[0].0, "E001");
    assert!(diagnostics[0].3.contains("too large"), "{diagnostics:?}");
}

/// A directory holding a link to itself and a pair of file links pointing
/// at each other: the search ends, reads the one real inventory, and skips
/// what cannot be followed. Named explicitly, a looping link is exit 2.
#[cfg(unix)]
#[test]
fn a_directory_with_symlink_loops_ends() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    fs::write(root.join("inventory.yaml"), SMALL_INVENTORY).unwrap();
    symlink(root, root.join("loop")).unwrap();
    fs::create_dir(root.join("sub")).unwrap();
    symlink("..", root.join("sub/up")).unwrap();
    symlink("b.yaml", root.join("a.yaml")).unwrap();
    symlink("a.yaml", root.join("b.yaml")).unwrap();
    let run = trappa(&[OsStr::new("check"), root.as_os_str()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "checked 1 file: no problems found\n");

    let run = trappa(&[OsStr::new("check"), root.join("a.yaml").as_os_str()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
}

fn small_inventories(dir: &Path, count: usize) -> Vec<PathBuf> {
    inventories_of(dir, count, SMALL_INVENTORY)
}

/// `count` copies of `template`, each with its own organisation name.
fn inventories_of(dir: &Path, count: usize, template: &str) -> Vec<PathBuf> {
    (0..count)
        .map(|i| {
            // Four digits per level keeps the sorted order the numeric order.
            let path = dir.join(format!("{:02}/{i:05}.yaml", i / 1000));
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(
                &path,
                template.replace("Testkommun", &format!("Kommun {i}")),
            )
            .unwrap();
            path
        })
        .collect()
}

/// 10 000 small inventories in one run: all checked, counted right, and the
/// findings in file order whatever the number of threads.
#[test]
fn ten_thousand_small_inventories_are_checked_in_order() {
    let dir = TempDir::new().unwrap();
    let files = small_inventories(dir.path(), 10_000);
    let root = dir.path().as_os_str();

    let run = trappa(&[OsStr::new("check"), root]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "checked 10000 files: no problems found\n");

    // Three broken files, far apart: the errors come in file order.
    for i in [9_999, 42, 5_000] {
        fs::write(&files[i], "trappa: 1\nyear: 2024\nservices: []\n").unwrap();
    }
    let args = ["check", "--format", "json"].map(OsStr::new);
    let mut all_args = args.to_vec();
    all_args.push(root);
    let parallel = trappa_with(&all_args, None, &[]);
    let serial = trappa_with(&all_args, None, &[("RAYON_NUM_THREADS", "1")]);
    assert_eq!(parallel.code, 1);
    assert_eq!(parallel.stdout, serial.stdout, "output depends on threads");
    let document: Value = serde_json::from_str(&parallel.stdout).unwrap();
    assert_eq!(document["files"], 10_000);
    assert_eq!(document["errors"], 3);
    let files_with_errors: Vec<String> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "E002")
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = [42, 5_000, 9_999]
        .iter()
        .map(|&i| files[i].display().to_string())
        .collect();
    assert_eq!(files_with_errors, expected);
}

#[test]
fn a_path_that_does_not_exist_is_exit_2() {
    let run = trappa(&["check", "no/such/inventory.yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("cannot read no/such/inventory.yaml: no such file or directory"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "", "nothing was checked, so no summary");
}

/// `-o` naming a directory: exit 2, and the directory is left as it was.
#[test]
fn output_to_a_directory_is_exit_2_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("inventory.yaml");
    fs::write(&input, SMALL_INVENTORY).unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let run = trappa(&[
        OsStr::new("classify"),
        input.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("it is a directory"), "{}", run.stderr);
    assert_eq!(fs::read_dir(&out).unwrap().count(), 0);
    assert_eq!(entries(dir.path()), ["inventory.yaml", "out"]);
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// "Unreadable" as the operating system means it. CI runs as root, whom
/// file permissions do not stop, so the cases that stand for an unreadable
/// file are ones no user can read: a socket (open fails with ENXIO), a
/// dangling link, and a directory where a file is expected. A `chmod 000`
/// file is tested too whenever the permissions actually stop this process.
#[cfg(unix)]
#[test]
fn unreadable_inputs_are_exit_2() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    use std::os::unix::net::UnixListener;
    let dir = TempDir::new().unwrap();
    let socket = dir.path().join("socket.yaml");
    let _listener = UnixListener::bind(&socket).unwrap();
    let dangling = dir.path().join("dangling.yaml");
    symlink("gone.yaml", &dangling).unwrap();
    let subdir = dir.path().join("folder.yaml");
    fs::create_dir(&subdir).unwrap();

    for (path, command, message) in [
        (&socket, "check", "cannot read"),
        (&dangling, "check", "cannot read"),
        (
            &subdir,
            "classify",
            "is a directory where a file was expected",
        ),
        (
            &subdir,
            "report",
            "is a directory where a file was expected",
        ),
    ] {
        let run = trappa(&[OsStr::new(command), path.as_os_str()]);
        assert_eq!(run.code, 2, "{command} {}: {}", path.display(), run.stderr);
        assert!(run.stderr.contains(message), "{}", run.stderr);
    }

    let locked = dir.path().join("locked.yaml");
    fs::write(&locked, SMALL_INVENTORY).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::File::open(&locked).is_err() {
        let run = trappa(&[OsStr::new("check"), locked.as_os_str()]);
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains("permission denied"), "{}", run.stderr);
    } else {
        eprintln!(
            "note: this process reads a chmod 000 file (root); the socket, the dangling link and the directory stood for unreadable files"
        );
    }
}

/// A directory nested deeper than the search goes (32 levels) is reported,
/// not followed forever: exit 2, and what was found above it is checked.
#[test]
fn a_directory_too_deep_is_reported() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("top.yaml"), SMALL_INVENTORY).unwrap();
    let mut deep = dir.path().to_path_buf();
    for level in 0..40 {
        deep.push(format!("d{level}"));
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(deep.join("bottom.yaml"), SMALL_INVENTORY).unwrap();
    let run = trappa(&[OsStr::new("check"), dir.path().as_os_str()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("more than 32 directories deep"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "checked 1 file: no problems found\n");
}

// ---------------------------------------------------------------------------
// Outputs to -o are atomic.

/// A refused run leaves an existing output exactly as it was, and no
/// temporary file beside it.
#[test]
fn a_refused_run_leaves_the_previous_output_untouched() {
    let dir = TempDir::new().unwrap();
    let broken = dir.path().join("broken.yaml");
    fs::write(&broken, "trappa: 1\nyear: 2024\n").unwrap();
    let out = dir.path().join("steps.csv");
    fs::write(&out, "last year's output\n").unwrap();
    for command in ["classify", "report"] {
        let run = trappa(&[
            OsStr::new(command),
            broken.as_os_str(),
            OsStr::new("-o"),
            out.as_os_str(),
        ]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_eq!(fs::read_to_string(&out).unwrap(), "last year's output\n");
        assert_eq!(entries(dir.path()), ["broken.yaml", "steps.csv"]);
    }
}

/// A write that fails (the parent of `-o` is a file) is exit 2 and creates
/// nothing, not even the temporary file.
#[test]
fn a_failed_write_creates_nothing() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("inventory.yaml");
    fs::write(&input, SMALL_INVENTORY).unwrap();
    let not_a_dir = dir.path().join("file");
    fs::write(&not_a_dir, "x").unwrap();
    let run = trappa(&[
        OsStr::new("classify"),
        input.as_os_str(),
        OsStr::new("-o"),
        not_a_dir.join("out.csv").as_os_str(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
    assert_eq!(entries(dir.path()), ["file", "inventory.yaml"]);
}

/// Killed at any moment, a run leaves either the old output or the whole new
/// one, never a part of it: the output is written to a temporary file and
/// renamed into place. (A killed process cannot remove its temporary file;
/// that is the one thing it may leave, always named `.trappa-RANDOM.tmp`.)
#[cfg(unix)]
#[test]
fn a_killed_run_leaves_no_half_written_output() {
    let dir = TempDir::new().unwrap();
    let inputs = dir.path().join("inputs");
    // Enough files that the run lasts a while, each with a warning (W106,
    // no services) so that the output is large (about 1 MB) to write.
    let empty = "trappa: 1\norganisation:\n  name: Testkommun\nyear: 2024\nservices: []\n";
    inventories_of(&inputs, 3_000, empty);
    let out = dir.path().join("findings.json");
    let old = "{\"old\": true}\n";
    let mut outcomes = Vec::new();
    for delay_ms in [
        5, 50, 200, 400, 600, 800, 1000, 1200, 1400, 1700, 2000, 3000, 6000,
    ] {
        fs::write(&out, old).unwrap();
        let mut child = Command::new(TRAPPA_BIN)
            .args([
                OsStr::new("check"),
                OsStr::new("--format"),
                OsStr::new("json"),
            ])
            .arg(&inputs)
            .arg("-o")
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let text = fs::read_to_string(&out).unwrap();
        if text == old {
            outcomes.push("old");
        } else {
            let document: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("half-written output after {delay_ms} ms ({e})"));
            assert_eq!(document["files"], 3_000);
            assert_eq!(document["warnings"], 3_000);
            outcomes.push("new");
        }
        for name in entries(dir.path()) {
            assert!(
                ["inputs", "findings.json"].contains(&name.as_str())
                    || (name.starts_with(".trappa-") && name.ends_with(".tmp")),
                "unexpected file {name} after a kill ({status:?})"
            );
        }
    }
    eprintln!("outcomes by delay: {outcomes:?}");
}

/// An inventory of 20 000 departments, each with a service: the report
/// groups services by department in one pass and streams its JSON, so it
/// fits the memory cap (the JSON was held as a tree of values — 1.5 GB for
/// 60 000 departments — and departments were matched to services in
/// quadratic time). Time is measured in scripts/bench.sh.
#[test]
fn a_report_of_twenty_thousand_departments_fits_the_memory_cap() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("departments.yaml");
    let mut text =
        String::from("trappa: 1\norganisation:\n  name: Testkommun\nyear: 2024\ndepartments:\n");
    for i in 0..20_000 {
        text.push_str(&format!("  - id: d{i}\n    name: Avdelning {i}\n"));
    }
    text.push_str("services:\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "  - id: s{i}\n    name: Tjänst {i}\n    department: d{i}\n"
        ));
    }
    fs::write(&file, text).unwrap();
    let out = dir.path().join("report.json");
    let run = trappa(&[
        OsStr::new("report"),
        file.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("-o"),
        out.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let document: Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(document["departments"].as_array().unwrap().len(), 20_000);
    assert_eq!(document["departments"][19_999]["indicators"][0]["value"], 1);
}

/// `.trappaignore` patterns are matched in time linear in a name: 50 files
/// of 200 `a`s against `*a*a*a*a*a*a*a*a*b` took 43 s with the old
/// backtracking matcher, and ten `*a` never finished.
#[test]
fn ignore_patterns_cannot_hang_the_search() {
    let dir = TempDir::new().unwrap();
    for i in 0..50 {
        fs::write(
            dir.path().join(format!("{}{i}.yaml", "a".repeat(200))),
            SMALL_INVENTORY.replace("Testkommun", &format!("Kommun {i}")),
        )
        .unwrap();
    }
    fs::write(
        dir.path().join(".trappaignore"),
        format!("*a*a*a*a*a*a*a*a*b\n{}b\n", "*a".repeat(10)),
    )
    .unwrap();
    let run = trappa(&[
        OsStr::new("check"),
        OsStr::new("-q"),
        dir.path().as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Neither pattern matches a name ending in `.yaml`: both are reported.
    assert_eq!(
        run.stderr.matches("matches no file or directory").count(),
        2,
        "{}",
        run.stderr
    );
}

/// A `.trappaignore` that is a FIFO (reading it would wait forever) or a
/// link to `/dev/zero` (reading it would fill memory) is refused unread.
#[cfg(unix)]
#[test]
fn an_ignore_file_that_is_a_fifo_or_a_device_is_refused() {
    for kind in ["fifo", "device"] {
        let dir = TempDir::new().unwrap();
        fs::write(dir.path().join("a.yaml"), SMALL_INVENTORY).unwrap();
        let ignore = dir.path().join(".trappaignore");
        if kind == "fifo" {
            assert!(
                Command::new("mkfifo")
                    .arg(&ignore)
                    .status()
                    .unwrap()
                    .success()
            );
        } else {
            std::os::unix::fs::symlink("/dev/zero", &ignore).unwrap();
        }
        let run = trappa(&[OsStr::new("check"), dir.path().as_os_str()]);
        assert_eq!(run.code, 2, "{kind}: {}", run.stderr);
        assert!(
            run.stderr.contains("is not a regular file"),
            "{}",
            run.stderr
        );
    }
}

/// SIGINT and SIGTERM remove the temporary file of `-o` before the process
/// ends (an interrupted export used to leave 8–20 MB behind), and the
/// previous output stays as it was.
#[cfg(unix)]
#[test]
fn an_interrupted_run_removes_its_temporary_file() {
    let dir = TempDir::new().unwrap();
    let inputs = dir.path().join("inputs");
    inventories_of(&inputs, 3_000, SMALL_INVENTORY);
    let out = dir.path().join("services.csv");
    for signal in ["INT", "TERM"] {
        fs::write(&out, "old\n").unwrap();
        let mut child = Command::new(TRAPPA_BIN)
            .args(["export", "-j", "1"])
            .arg(&inputs)
            .arg("-o")
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the temporary file exists, then interrupt.
        let started = Instant::now();
        while !entries(dir.path())
            .iter()
            .any(|n| n.starts_with(".trappa-"))
        {
            assert!(started.elapsed() < HANG_GUARD, "no temporary file appeared");
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        if status.success() {
            // Finished before the signal arrived: nothing to clean then.
            continue;
        }
        assert_eq!(status.code(), Some(130), "SIG{signal}: {status:?}");
        assert_eq!(fs::read_to_string(&out).unwrap(), "old\n");
        assert_eq!(
            entries(dir.path()),
            ["inputs", "services.csv"],
            "SIG{signal}"
        );
    }
}

/// `-o` naming an input is refused (exit 2) and the input is left as it was,
/// whatever the spelling: the same path, another path to it, a hard link.
/// An existing inventory that is not an input is refused too.
#[test]
fn output_over_an_input_is_refused() {
    let dir = TempDir::new().unwrap();
    let inventory = dir.path().join("copy.yaml");
    fs::write(&inventory, SMALL_INVENTORY).unwrap();
    let linked = dir.path().join("linked.yaml");
    fs::hard_link(&inventory, &linked).unwrap();
    let other = dir.path().join("other.yaml");
    fs::write(&other, SMALL_INVENTORY).unwrap();
    let dotted = dir.path().join(".").join("copy.yaml");
    let cases: Vec<Vec<&OsStr>> = vec![
        vec![
            "report".as_ref(),
            inventory.as_os_str(),
            "--format".as_ref(),
            "html".as_ref(),
            "-o".as_ref(),
            inventory.as_os_str(),
        ],
        vec![
            "report".as_ref(),
            inventory.as_os_str(),
            "-o".as_ref(),
            linked.as_os_str(),
        ],
        vec![
            "classify".as_ref(),
            inventory.as_os_str(),
            "-o".as_ref(),
            dotted.as_os_str(),
        ],
        vec![
            "export".as_ref(),
            dir.path().as_os_str(),
            "-o".as_ref(),
            inventory.as_os_str(),
        ],
        vec![
            "check".as_ref(),
            inventory.as_os_str(),
            "-o".as_ref(),
            inventory.as_os_str(),
        ],
        vec![
            "compare".as_ref(),
            inventory.as_os_str(),
            "-o".as_ref(),
            other.as_os_str(),
        ],
        vec!["schema".as_ref(), "-o".as_ref(), other.as_os_str()],
    ];
    for args in cases {
        let run = trappa(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("write the output to another file"),
            "{}",
            run.stderr
        );
        assert_eq!(fs::read_to_string(&inventory).unwrap(), SMALL_INVENTORY);
        assert_eq!(fs::read_to_string(&other).unwrap(), SMALL_INVENTORY);
    }
    assert_eq!(
        entries(dir.path()),
        ["copy.yaml", "linked.yaml", "other.yaml"]
    );
}

/// `-o -` is standard output; a FIFO is written through, not replaced by a
/// regular file.
#[cfg(unix)]
#[test]
fn output_to_standard_output_and_to_a_fifo() {
    let run = trappa(&["schema", "-o", "-"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with('{'));
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let run = trappa(&[OsStr::new("schema"), OsStr::new("-o"), fifo.as_os_str()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(reader.join().unwrap().starts_with('{'));
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

/// Help that cannot be written (`--help > /dev/full`) is not a success.
#[cfg(target_os = "linux")]
#[test]
fn help_that_cannot_be_written_is_exit_2() {
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = Command::new(TRAPPA_BIN)
        .arg("--help")
        .stdout(full)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
}

// ---------------------------------------------------------------------------
// Fuzzing regressions: every input in tests/fixtures/fuzz (crashes found by
// `fuzz/run.sh`), every fixture (the spreadsheets `import` reads too) and
// every example, through the whole pipeline the fuzz target runs.

#[test]
fn fuzz_regressions_and_fixtures_pass_the_whole_pipeline() {
    let mut inputs: Vec<PathBuf> = Vec::new();
    for dir in [
        "tests/fixtures/fuzz",
        "tests/fixtures",
        "tests/fixtures/import",
        "examples",
    ] {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        inputs.extend(
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_file() && p.extension() != Some(OsStr::new("rs"))),
        );
    }
    inputs.sort();
    assert!(inputs.len() > 20, "{inputs:?}");
    for path in &inputs {
        pipeline::run(&fs::read(path).unwrap());
    }
    // The report with a previous year and targets, as the fuzzer's seed has it.
    let mut combined = fs::read("examples/trelleborg-2014.yaml").unwrap();
    combined.push(0xFF);
    combined.extend(fs::read("examples/trelleborg-2013.yaml").unwrap());
    combined.push(0xFF);
    combined.extend(fs::read("examples/targets-trelleborg.yaml").unwrap());
    pipeline::run(&combined);
}

/// A file name with a line feed cannot forge a GitHub annotation or a
/// line of its own in any output: the name is shown escaped wherever it
/// appears — the human location line, GitHub's `file=` property, the
/// message of a refusal (issue #20.7).
#[test]
fn a_file_name_with_a_line_feed_forges_no_line() {
    let dir = TempDir::new().unwrap();
    let name = "x\n::error file=forged,line=1::FORGED.yaml";
    let file = dir.path().join(name);
    // An inventory with one error, so that every format names the file.
    fs::write(&file, SMALL_INVENTORY.replace("year: 2024", "year: 1999")).unwrap();
    let forged = |text: &str| {
        text.lines()
            .any(|line| line.starts_with("::error file=forged"))
    };
    for args in [
        vec!["check"],
        vec!["check", "--format", "github"],
        vec!["report"],
        vec!["export", "--format", "csv"],
    ] {
        let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        all.push(file.as_os_str());
        let run = trappa(&all);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            assert!(
                !forged(text),
                "{args:?} {stream} has a forged line:\n{text}"
            );
        }
        let both = format!("{}{}", run.stdout, run.stderr);
        assert!(
            both.contains("x\\u{a}::error") || both.contains("x%0A%3A%3Aerror"),
            "{args:?}: the name is shown escaped:\n{both}"
        );
    }
    // A path that cannot be read: the refusal names it, escaped.
    let missing = dir.path().join("gone\n::error file=forged::FORGED.yaml");
    let run = trappa(&[OsStr::new("check"), missing.as_os_str()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!forged(&run.stderr), "{}", run.stderr);
}

/// The snippet under a finding shows a bidirectional override spelled out,
/// so the line reads in the order it is stored, and never sends one to the
/// terminal (issue #20.11).
#[test]
fn a_snippet_shows_an_override_escaped() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("override.yaml");
    fs::write(
        &file,
        SMALL_INVENTORY.replace("name: Nyhetsbrev", "name: \"Låna \u{202E}skoob\""),
    )
    .unwrap();
    let run = trappa(&[OsStr::new("check"), file.as_os_str()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("7 |     name: \"Låna \\u{202e}skoob\""),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{202E}'), "{}", run.stdout);
}

/// A finding on a 7 MB value: the snippet looks at the 120 columns it
/// shows, not at every character of the token (which cost 460–490 MB and
/// aborted under the cap) (issue #20.3).
#[test]
fn a_finding_on_a_seven_megabyte_value_fits_the_memory_cap() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("long-url.yaml");
    let url = format!("ftp://{}", "a".repeat(7_000_000));
    fs::write(&file, service_with(&format!("    url: \"{url}\"\n"))).unwrap();
    let run = trappa(&[OsStr::new("check"), file.as_os_str()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let head: String = run.stdout.chars().take(600).collect();
    // Longer than a spreadsheet cell: refused for that, marked whole.
    assert!(head.contains("`url` is 7000006 characters long"), "{head}");
    let snippet = run
        .stdout
        .lines()
        .find(|l| l.starts_with("8 | "))
        .expect("a snippet line");
    assert!(snippet.chars().count() <= 130, "{snippet}");
    assert!(run.stdout.len() < 10_000, "{} bytes", run.stdout.len());
}

/// Files of 300 000 unknown keys each: every file keeps its first
/// thousand E002 and one finding for the rest, so memory stays flat in
/// every format. Three files took about 570 MB in human format before (past
/// the cap), eight 1.9 GB (issue #20.4).
#[test]
fn findings_per_file_are_bounded() {
    let dir = TempDir::new().unwrap();
    let mut text = String::from(SMALL_INVENTORY);
    for i in 0..300_000 {
        text.push_str(&format!("    k{i}: 1\n"));
    }
    let files: Vec<PathBuf> = (0..3)
        .map(|i| {
            let file = dir.path().join(format!("keys-{i}.yaml"));
            fs::write(&file, &text).unwrap();
            file
        })
        .collect();
    // All three in the human format, the memory case; one in the others.
    for (format, count) in [("human", 3), ("github", 1), ("json", 1)] {
        let mut args: Vec<&OsStr> = vec![OsStr::new("check"), OsStr::new("--format")];
        args.push(OsStr::new(format));
        args.extend(files[..count].iter().map(|f| f.as_os_str()));
        let run = trappa(&args);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        let shown = run.stdout.matches("unknown key `k").count();
        assert_eq!(shown, count * 1_000, "{format}");
        let more = run
            .stdout
            .matches("299000 more E002 findings in this file are not shown")
            .count();
        assert_eq!(more, count, "{format}");
    }
}

/// The W106 "no services" is for an empty list, not for one whose every
/// service was refused; an address's scheme is case-insensitive; a target on
/// a count is a whole number; a year is written without decimals in every
/// field that holds one (issue #20.13, #20.9).
#[test]
fn small_rules_found_by_the_probe() {
    let dir = TempDir::new().unwrap();
    let write = |name: &str, text: &str| {
        let file = dir.path().join(name);
        fs::write(&file, text).unwrap();
        file
    };
    let invalid_ids = write(
        "invalid-ids.yaml",
        &SMALL_INVENTORY.replace("id: bibliotek", "id: Bibliotek & arkiv"),
    );
    let (code, diagnostics) = check_json(&invalid_ids);
    assert_eq!(code, 1);
    assert!(
        diagnostics.iter().all(|(c, ..)| c != "W106"),
        "{diagnostics:?}"
    );

    let upper = write(
        "upper.yaml",
        &format!("{SMALL_INVENTORY}    url: HTTPS://WWW.ALE.SE/Bibliotek\n"),
    );
    let (code, diagnostics) = check_json(&upper);
    assert_eq!((code, diagnostics), (0, vec![]));

    let targets = write(
        "targets.yaml",
        "trappa-targets: 1\ntargets:\n  - indicator: services\n    target: 2.5\n    by: 2026\n    direction: up\n  - indicator: eid_share\n    target: 0.5\n    by: 2026.0\n    direction: up\n",
    );
    let (code, diagnostics) = check_json(&targets);
    assert_eq!(code, 1);
    let found: Vec<(&str, u64)> = diagnostics
        .iter()
        .map(|(c, l, _, _)| (c.as_str(), *l))
        .collect();
    assert_eq!(found, [("E002", 4), ("E002", 9)], "{diagnostics:?}");
    assert!(diagnostics.iter().all(|d| d.3.contains("whole number")));
}

/// Counts are exported as the integers they are, whatever their size: a
/// float would round 9 007 199 254 740 993 to …992 and print u64::MAX as
/// 1.8446744073709552e+19 (issue #20.9).
#[test]
fn counts_are_exported_exactly() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("big.yaml");
    fs::write(
        &file,
        format!(
            "{SMALL_INVENTORY}    evidence:\n      submission: online\n    volumes:\n      cases: 18446744073709551615\n      digital: 9007199254740993\n"
        ),
    )
    .unwrap();
    let run = trappa(&[
        OsStr::new("export"),
        OsStr::new("--format"),
        OsStr::new("csv"),
        file.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(",18446744073709551615,"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(",9007199254740993,"), "{}", run.stdout);
    assert!(!run.stdout.contains("e+"), "{}", run.stdout);
}

// ---------------------------------------------------------------------------
// The other fuzz targets' code on their seeds (fuzz/seeds/), so that what
// they assert holds in `cargo test` too: "did you mean" equals the plain
// definition, and a file named with `--respect-ignore` is read exactly when
// the walk of its directory reads it (issue #20.1–2).

#[path = "../../fuzz/ignore.rs"]
mod ignore_target;
#[path = "../../fuzz/suggest.rs"]
mod suggest_target;

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(Path::new("fuzz/seeds").join(target))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 4, "{paths:?}");
    paths.iter().map(|p| fs::read(p).unwrap()).collect()
}

#[test]
fn the_suggestion_fuzz_target_holds_on_its_seeds() {
    for seed in seeds("suggest") {
        suggest_target::run(&seed);
    }
}

#[test]
fn the_ignore_fuzz_target_holds_on_its_seeds() {
    for seed in seeds("ignore") {
        ignore_target::run(&seed);
    }
}
