//! Turning the PATHs of the command line into a list of inventory files.
//!
//! A directory is searched recursively for `*.yaml` and `*.yml`, skipping
//! hidden entries, in sorted order, without following symbolic links to
//! directories (so a link loop cannot trap the search).
//!
//! A `.trappaignore` in a searched directory holds gitignore patterns (the
//! `ignore` crate's implementation, the one ripgrep and fd use) that apply
//! to that directory and everything below it: `*.yml`, `/z.yaml` (this
//! directory only), `mallar/*.yml`, `**/y.yaml`, `ci/` (directories),
//! `!keep.yaml` (re-include). Patterns match without regard to letter
//! case, as the extension does. A deeper file's patterns win over a
//! shallower one's. Matching is compiled into one automaton per file,
//! linear in the length of a name (the hand-written matcher it replaced
//! was exponential in the number of `*`). A pattern that matched nothing
//! is reported as a warning: it is probably a mistake.
//!
//! A file named on the command line is read whatever the patterns say,
//! unless `respect_ignore` (`--respect-ignore`) asks for it to be filtered
//! too — what a CI job that names changed files needs to agree with a
//! check of the whole directory.

use crate::diagnostic::{Message, io_reason};
use crate::limits::{MAX_DIRECTORY_DEPTH, MAX_IGNORE_FILE_BYTES};
use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub const IGNORE_FILE: &str = ".trappaignore";

/// The files to read, in order, the paths that could not be used (exit 2)
/// and what is worth a warning.
#[derive(Debug, Default)]
pub struct Expanded {
    pub files: Vec<PathBuf>,
    pub problems: Vec<Message>,
    pub warnings: Vec<Message>,
}

/// The patterns of one `.trappaignore`, and which of them matched.
struct IgnoreFile {
    path: PathBuf,
    matcher: Gitignore,
    /// The patterns as written, by line, and whether each matched anything.
    patterns: Vec<(usize, String)>,
    used: HashSet<String>,
}

impl IgnoreFile {
    /// Reads `dir/.trappaignore` when there is one: a regular file of at
    /// most [`MAX_IGNORE_FILE_BYTES`] (a link to `/dev/zero` or a FIFO there
    /// must not hang or fill memory).
    fn read(dir: &Path, out: &mut Expanded) -> Option<IgnoreFile> {
        let path = dir.join(IGNORE_FILE);
        let meta = std::fs::metadata(&path).ok()?;
        let shown = path.display().to_string();
        if !meta.is_file() {
            out.problems
                .push(Message::new("input.ignore_not_a_file").text("file", shown));
            return None;
        }
        if meta.len() > MAX_IGNORE_FILE_BYTES {
            out.problems.push(
                Message::new("input.ignore_too_large")
                    .text("file", shown)
                    .number("limit", MAX_IGNORE_FILE_BYTES / 1024),
            );
            return None;
        }
        let text = match read_bounded(&path) {
            Ok(text) => text,
            Err(e) => {
                out.problems.push(
                    Message::new("input.cannot_read")
                        .text("path", shown)
                        .phrase("reason", io_reason(&e)),
                );
                return None;
            }
        };
        let mut builder = GitignoreBuilder::new(dir);
        builder.case_insensitive(true).ok()?;
        let mut patterns = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let pattern = line.trim();
            if pattern.is_empty() || pattern.starts_with('#') {
                continue;
            }
            match builder.add_line(Some(path.clone()), line) {
                Ok(_) => patterns.push((index + 1, pattern.to_string())),
                // The ignore crate's own (English) words for what is wrong.
                Err(e) => out.warnings.push(
                    Message::new("input.ignore_bad_pattern")
                        .text("file", shown.clone())
                        .number("line", index as u64 + 1)
                        .text("pattern", pattern.to_string())
                        .text("reason", e.to_string()),
                ),
            }
        }
        let matcher = builder.build().ok()?;
        Some(IgnoreFile {
            path,
            matcher,
            patterns,
            used: HashSet::new(),
        })
    }

    /// Whether this file's patterns ignore (`Some(true)`), re-include
    /// (`Some(false)`) or say nothing about `path`.
    fn decide(&mut self, path: &Path, is_dir: bool) -> Option<bool> {
        let (glob, ignored) = match self.matcher.matched(path, is_dir) {
            Match::None => return None,
            Match::Ignore(glob) => (glob, true),
            Match::Whitelist(glob) => (glob, false),
        };
        self.used.insert(glob.original().trim().to_string());
        Some(ignored)
    }

    fn unused(&self) -> impl Iterator<Item = Message> + '_ {
        self.patterns
            .iter()
            .filter(|(_, pattern)| !self.used.contains(pattern))
            .map(move |(line, pattern)| {
                Message::new("input.ignore_unused")
                    .text("file", self.path.display().to_string())
                    .number("line", *line as u64)
                    .text("pattern", pattern.clone())
            })
    }
}

fn read_bounded(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_IGNORE_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The decision of the deepest file that has one: deeper patterns win.
fn ignored(stack: &mut [IgnoreFile], path: &Path, is_dir: bool) -> bool {
    stack
        .iter_mut()
        .rev()
        .find_map(|file| file.decide(path, is_dir))
        .unwrap_or(false)
}

pub fn expand(paths: &[PathBuf], respect_ignore: bool) -> Expanded {
    let mut out = Expanded::default();
    let mut stdin_taken = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if stdin_taken {
                out.problems.push(Message::new("input.stdin_twice"));
            } else {
                stdin_taken = true;
                out.files.push(path.clone());
            }
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = out.files.len();
                let mut stack = Vec::new();
                walk(path, 0, &mut stack, &mut out);
                if out.files.len() == before {
                    out.problems.push(
                        Message::new("input.no_inventories")
                            .text("dir", path.display().to_string()),
                    );
                }
            }
            // A file named explicitly is read whatever its extension, and
            // whatever the ignore files say unless asked to respect them.
            Ok(_) => {
                if !(respect_ignore && named_file_ignored(path, &mut out)) {
                    out.files.push(path.clone());
                }
            }
            Err(e) => out.problems.push(
                Message::new("input.cannot_read")
                    .text("path", path.display().to_string())
                    .phrase("reason", io_reason(&e)),
            ),
        }
    }
    out.files = without_repeats(out.files);
    out
}

/// Each file once, at its first place: `examples/ examples/x.yaml` must not
/// count x's services twice in a comparison or an export.
fn without_repeats(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = HashSet::new();
    files
        .into_iter()
        .filter(|path| {
            let identity = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            seen.insert(identity)
        })
        .collect()
}

fn walk(dir: &Path, depth: usize, stack: &mut Vec<IgnoreFile>, out: &mut Expanded) {
    if depth > MAX_DIRECTORY_DEPTH {
        out.problems.push(
            Message::new("input.too_deep")
                .text("dir", dir.display().to_string())
                .number("limit", MAX_DIRECTORY_DEPTH as u64),
        );
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.problems.push(
                Message::new("input.cannot_read_dir")
                    .text("dir", dir.display().to_string())
                    .phrase("reason", io_reason(&e)),
            );
            return;
        }
    };
    let own = IgnoreFile::read(dir, out);
    let pushed = own.is_some();
    stack.extend(own);
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
        if ignored(stack, &path, is_dir) {
            continue;
        }
        if is_dir {
            walk(&path, depth + 1, stack, out);
        } else if is_inventory_name(&name) && std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            out.files.push(path);
        }
    }
    if pushed && let Some(file) = stack.pop() {
        out.warnings.extend(file.unused());
    }
}

/// Whether `--respect-ignore` leaves out this file named on the command
/// line (for the commands that read one file: `report`, `classify`).
pub fn named_file_is_ignored(file: &Path) -> bool {
    file.as_os_str() != "-" && named_file_ignored(file, &mut Expanded::default())
}

/// Whether the `.trappaignore` files above a named file ignore it: those of
/// its own directory and of each directory above, up to the repository's
/// root (a directory with `.git`) or, outside a repository, up to the
/// working directory.
fn named_file_ignored(file: &Path, out: &mut Expanded) -> bool {
    let Ok(absolute) = std::fs::canonicalize(file) else {
        return false;
    };
    let working = std::env::current_dir().and_then(std::fs::canonicalize).ok();
    let mut dirs: Vec<PathBuf> = Vec::new();
    for dir in absolute.ancestors().skip(1) {
        dirs.push(dir.to_path_buf());
        if dir.join(".git").exists() || working.as_deref() == Some(dir) {
            break;
        }
    }
    // Outside the repository and the working directory: only its own
    // directory's patterns apply.
    if !dirs
        .last()
        .is_some_and(|top| top.join(".git").exists() || working.as_deref() == Some(top.as_path()))
    {
        dirs.truncate(1);
    }
    // Decided as the walk of the top directory would decide it: each
    // directory below the top is an entry there, and an ignored directory is
    // never entered, so no pattern below it (not even `!file`) can bring the
    // file back — gitignore's rule, and the same answer as `check DIR`.
    let mut stack = Vec::new();
    let mut scratch = Expanded::default();
    let mut decision = false;
    for (depth, dir) in dirs.iter().rev().enumerate() {
        if depth > 0 && ignored(&mut stack, dir, true) {
            decision = true;
            break;
        }
        stack.extend(IgnoreFile::read(dir, &mut scratch));
    }
    if !decision {
        decision = ignored(&mut stack, &absolute, false);
    }
    out.problems.extend(scratch.problems);
    decision
}

/// `.yaml` or `.yml`, in any case: files saved on Windows are often `.YML`.
fn is_inventory_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{self, Lang};

    fn en(message: &Message) -> String {
        i18n::message(Lang::En, message)
    }

    fn names(found: &Expanded, root: &Path) -> Vec<String> {
        found
            .files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect()
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
        let found = expand(&[root.to_path_buf()], false);
        assert_eq!(names(&found, root), ["a.yml", "b.yaml", "sub/c.yaml"]);
        assert!(found.problems.is_empty());
        assert!(found.warnings.is_empty(), "{:?}", found.warnings);
    }

    /// The patterns users write from git, which the hand-written matcher
    /// silently ignored: a path with a slash, an anchored name, `**`, case,
    /// subfolders, and negation.
    #[test]
    fn gitignore_patterns_work_as_in_git() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "mallar/x.yml",
            "mallar/keep.yaml",
            "z.yaml",
            "sub/z.yaml",
            "a/b/y.yaml",
            "a/x.yaml",
            "deep/a/x.yaml",
            "UPPER.YAML",
            "kept.yaml",
        ] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        std::fs::write(
            root.join(IGNORE_FILE),
            "mallar/*.yml\n/z.yaml\n**/y.yaml\na/x.yaml\nupper.yaml\n",
        )
        .unwrap();
        let found = expand(&[root.to_path_buf()], false);
        assert_eq!(
            names(&found, root),
            [
                "deep/a/x.yaml",
                "kept.yaml",
                "mallar/keep.yaml",
                "sub/z.yaml"
            ]
        );
        assert!(found.warnings.is_empty(), "{:?}", found.warnings);
        // A deeper file re-includes what a shallower one ignores.
        std::fs::write(root.join("mallar").join(IGNORE_FILE), "!x.yml\n").unwrap();
        let found = expand(&[root.to_path_buf()], false);
        assert!(names(&found, root).contains(&"mallar/x.yml".to_string()));
    }

    #[test]
    fn a_pattern_that_matches_nothing_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "").unwrap();
        std::fs::write(dir.path().join(IGNORE_FILE), "# x\n\nnothing-*.yaml\n").unwrap();
        let found = expand(&[dir.path().to_path_buf()], false);
        assert_eq!(found.files.len(), 1);
        assert_eq!(found.warnings.len(), 1);
        assert!(
            en(&found.warnings[0]).contains(":3:"),
            "{:?}",
            found.warnings
        );
        assert!(
            en(&found.warnings[0]).contains("nothing-*.yaml"),
            "{:?}",
            found.warnings
        );
    }

    #[test]
    fn named_files_are_filtered_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let sub = dir.path().join("inventories");
        std::fs::create_dir(&sub).unwrap();
        let skipped = sub.join("mall.yaml");
        std::fs::write(&skipped, "").unwrap();
        std::fs::write(dir.path().join(IGNORE_FILE), "inventories/mall.yaml\n").unwrap();
        let named = expand(std::slice::from_ref(&skipped), false);
        assert_eq!(named.files.len(), 1);
        let respected = expand(std::slice::from_ref(&skipped), true);
        assert!(respected.files.is_empty(), "{:?}", respected.files);
        // The directory search agrees.
        let walked = expand(&[dir.path().to_path_buf()], false);
        assert!(walked.files.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn an_ignore_file_that_is_not_a_regular_file_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "").unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join(IGNORE_FILE)).unwrap();
        let found = expand(&[dir.path().to_path_buf()], false);
        assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
        assert!(en(&found.problems[0]).contains(IGNORE_FILE));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_ends() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let found = expand(&[dir.path().to_path_buf()], false);
        assert_eq!(found.files.len(), 1);
    }

    #[test]
    fn missing_paths_are_problems() {
        let found = expand(&[PathBuf::from("/no/such/trappa/path")], false);
        assert!(found.files.is_empty());
        assert_eq!(found.problems.len(), 1);
    }

    #[test]
    fn each_file_is_read_once_and_standard_input_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "").unwrap();
        std::fs::write(dir.path().join("B.YML"), "").unwrap();
        let found = expand(
            &[
                dir.path().to_path_buf(),
                file.clone(),
                dir.path().join(".").join("a.yaml"),
            ],
            false,
        );
        let names: Vec<_> = found.files.iter().map(|p| p.file_name().unwrap()).collect();
        assert_eq!(names, ["B.YML", "a.yaml"]);
        assert!(found.problems.is_empty());

        let twice = expand(&[PathBuf::from("-"), PathBuf::from("-")], false);
        assert_eq!(twice.files, [PathBuf::from("-")]);
        assert_eq!(twice.problems.len(), 1);
    }
}
