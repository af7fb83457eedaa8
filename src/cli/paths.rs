//! Turning the PATHs of the command line into a list of inventory files.
//!
//! A directory is searched recursively for `*.yaml` and `*.yml`, skipping
//! hidden entries, in sorted order, without following symbolic links to
//! directories (so a link loop cannot trap the search). A `.trappaignore` file
//! in a searched directory lists names to skip there (see the README).

use crate::limits::MAX_DIRECTORY_DEPTH;
use std::path::{Path, PathBuf};

pub const IGNORE_FILE: &str = ".trappaignore";

/// The files to read, in order, and the paths that could not be used.
#[derive(Debug, Default)]
pub struct Expanded {
    pub files: Vec<PathBuf>,
    pub problems: Vec<String>,
}

pub fn expand(paths: &[PathBuf]) -> Expanded {
    let mut out = Expanded::default();
    let mut stdin_taken = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if stdin_taken {
                out.problems
                    .push("`-` is given twice; standard input can be read only once".to_string());
            } else {
                stdin_taken = true;
                out.files.push(path.clone());
            }
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = out.files.len();
                walk(path, 0, &mut out);
                if out.files.len() == before {
                    out.problems.push(format!(
                        "no .yaml or .yml files found in {}",
                        path.display()
                    ));
                }
            }
            // A file named explicitly is always read, whatever its extension.
            Ok(_) => out.files.push(path.clone()),
            Err(e) => out
                .problems
                .push(format!("cannot read {}: {}", path.display(), e)),
        }
    }
    out.files = without_repeats(out.files);
    out
}

/// Each file once, at its first place: `examples/ examples/x.yaml` must not
/// count x's services twice in a comparison or an export.
fn without_repeats(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    files
        .into_iter()
        .filter(|path| {
            let identity = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            seen.insert(identity)
        })
        .collect()
}

fn walk(dir: &Path, depth: usize, out: &mut Expanded) {
    if depth > MAX_DIRECTORY_DEPTH {
        out.problems.push(format!(
            "{} is nested more than {MAX_DIRECTORY_DEPTH} directories deep; not searched further",
            dir.display()
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.problems
                .push(format!("cannot read directory {}: {}", dir.display(), e));
            return;
        }
    };
    let ignore = IgnoreList::read(dir);
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // file_type() does not follow links: a linked directory is skipped,
        // a linked file is read (metadata() follows it).
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        let is_dir = file_type.is_dir();
        if ignore.matches(&name, is_dir) {
            continue;
        }
        if is_dir {
            walk(&path, depth + 1, out);
        } else if is_inventory_name(&name) && std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            out.files.push(path);
        }
    }
}

/// `.yaml` or `.yml`, in any case: files saved on Windows are often `.YML`.
fn is_inventory_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// Patterns of a `.trappaignore`: one per line, `#` starts a comment, `*`
/// matches any run of characters within a name, a trailing `/` matches only
/// directories. Patterns apply to the entries of the directory that holds the file.
#[derive(Debug, Default)]
struct IgnoreList {
    patterns: Vec<(String, bool)>,
}

impl IgnoreList {
    fn read(dir: &Path) -> Self {
        let Ok(text) = std::fs::read_to_string(dir.join(IGNORE_FILE)) else {
            return IgnoreList::default();
        };
        let patterns = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| match l.strip_suffix('/') {
                Some(dir_only) => (dir_only.to_string(), true),
                None => (l.to_string(), false),
            })
            .collect();
        IgnoreList { patterns }
    }

    fn matches(&self, name: &str, is_dir: bool) -> bool {
        self.patterns
            .iter()
            .any(|(pattern, dir_only)| (!dir_only || is_dir) && glob(pattern, name))
    }
}

/// `*` matches any run of characters; everything else matches itself.
fn glob(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, tail)) => {
            let Some(rest) = name.strip_prefix(head) else {
                return false;
            };
            (0..=rest.len())
                .filter(|&i| rest.is_char_boundary(i))
                .any(|i| glob(tail, &rest[i..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_names() {
        assert!(glob("broken.yaml", "broken.yaml"));
        assert!(glob("*.yml", "workflow.yml"));
        assert!(glob("test-*-data.yaml", "test-1-data.yaml"));
        assert!(!glob("*.yml", "a.yaml"));
    }

    #[test]
    fn walks_sorted_skipping_hidden_ignored_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["b.yaml", "a.yml", ".hidden.yaml", "notes.txt", "skip.yaml"] {
            std::fs::write(root.join(name), "").unwrap();
        }
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/c.yaml"), "").unwrap();
        std::fs::create_dir(root.join("ci")).unwrap();
        std::fs::write(root.join("ci/workflow.yml"), "").unwrap();
        std::fs::write(
            root.join(IGNORE_FILE),
            "# not inventories\nskip.yaml\nci/\n",
        )
        .unwrap();
        let found = expand(&[root.to_path_buf()]);
        let names: Vec<String> = found
            .files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.yml", "b.yaml", "sub/c.yaml"]);
        assert!(found.problems.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_ends() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let found = expand(&[dir.path().to_path_buf()]);
        assert_eq!(found.files.len(), 1);
    }

    #[test]
    fn missing_paths_are_problems() {
        let found = expand(&[PathBuf::from("/no/such/trappa/path")]);
        assert!(found.files.is_empty());
        assert_eq!(found.problems.len(), 1);
    }

    #[test]
    fn each_file_is_read_once_and_standard_input_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "").unwrap();
        std::fs::write(dir.path().join("B.YML"), "").unwrap();
        let found = expand(&[
            dir.path().to_path_buf(),
            file.clone(),
            dir.path().join(".").join("a.yaml"),
        ]);
        let names: Vec<_> = found.files.iter().map(|p| p.file_name().unwrap()).collect();
        assert_eq!(names, ["B.YML", "a.yaml"]);
        assert!(found.problems.is_empty());

        let twice = expand(&[PathBuf::from("-"), PathBuf::from("-")]);
        assert_eq!(twice.files, [PathBuf::from("-")]);
        assert_eq!(twice.problems.len(), 1);
    }
}
