//! `.trappaignore` on arbitrary patterns and file names. Shared by the
//! cargo-fuzz target (`fuzz/fuzz_targets/ignore.rs`) and
//! `tests/suite/hostile.rs`.
//!
//! The input is split at 0xFF bytes: the first part is the `.trappaignore`
//! (any bytes, as a user could write them), the rest are names of files to
//! create below it, spelled from a small alphabet so that they collide with
//! the patterns. Besides "no panic, no hang" (the ignore crate compiles
//! patterns to automata; the hand-written matcher this replaced was
//! exponential in the number of `*`), it asserts the rule a CI job relies
//! on: a file named on the command line with `--respect-ignore` is read
//! exactly when `check DIR` would read it.

use std::path::PathBuf;
use trappa::cli::paths::{self, IGNORE_FILE};

/// At most this many files per input: enough to collide, cheap to create.
const MAX_FILES: usize = 12;

pub fn run(bytes: &[u8]) {
    let mut parts = bytes.split(|&b| b == 0xFF);
    let patterns = parts.next().unwrap_or_default();
    let Ok(root) = tempfile::tempdir() else {
        return;
    };
    let root = root_of(&root);
    // The top of a repository, so that named files see the same patterns
    // as the walk (outside one, only a file's own directory's apply).
    if std::fs::create_dir(root.join(".git")).is_err()
        || std::fs::write(root.join(IGNORE_FILE), patterns).is_err()
    {
        return;
    }
    let mut created = Vec::new();
    for name in parts.take(MAX_FILES).filter_map(file_name) {
        let path = root.join(&name);
        let made = path
            .parent()
            .is_some_and(|dir| std::fs::create_dir_all(dir).is_ok())
            && std::fs::write(&path, "services: []\n").is_ok();
        if made {
            created.push(path);
        }
    }
    let walked = paths::expand(std::slice::from_ref(&root), false);
    for file in &walked.files {
        assert!(file.starts_with(&root), "{file:?} is outside {root:?}");
    }
    for file in created.iter().filter(|f| f.is_file()) {
        let named = paths::expand(std::slice::from_ref(file), true);
        assert_eq!(
            walked.files.contains(file),
            named.files.contains(file),
            "{file:?}: the walk and the named file disagree; patterns {:?}",
            String::from_utf8_lossy(patterns)
        );
        assert_eq!(
            paths::named_file_is_ignored(file),
            !named.files.contains(file)
        );
    }
}

/// The temporary directory by its canonical path (as named files are
/// resolved), so that the two lists can be compared.
fn root_of(dir: &tempfile::TempDir) -> PathBuf {
    std::fs::canonicalize(dir.path()).unwrap_or_else(|_| dir.path().to_path_buf())
}

/// A relative name of at most four levels from the bytes, in an alphabet
/// that patterns can hit (`a`, `B`, `ä`, `-`, `*`-free), ending in `.yaml`
/// or `.YML`; no hidden or empty segment (the walk skips hidden entries,
/// which is not what is tested here).
fn file_name(bytes: &[u8]) -> Option<PathBuf> {
    const LETTERS: [&str; 6] = ["a", "b", "A", "B", "ä", "-"];
    let mut segments: Vec<String> = Vec::new();
    let mut current = String::new();
    for &b in bytes.iter().take(48) {
        if b % 7 == 6 {
            if !current.is_empty() {
                segments.push(std::mem::take(&mut current));
            }
        } else {
            current.push_str(LETTERS[usize::from(b % 7)]);
        }
    }
    if !current.is_empty() {
        segments.push(current);
    }
    segments.truncate(4);
    let last = segments.pop()?;
    let extension = if bytes.first().is_some_and(|b| b % 2 == 0) {
        ".yaml"
    } else {
        ".YML"
    };
    let mut path: PathBuf = segments.iter().collect();
    path.push(format!("{last}{extension}"));
    Some(path)
}
