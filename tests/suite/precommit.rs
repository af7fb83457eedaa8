//! The pre-commit hooks of `.pre-commit-hooks.yaml`, run for real: a
//! temporary git repository uses this checkout (at its HEAD commit) as the
//! hooks' repository, and `git commit` runs them through pre-commit (from
//! PyPI). A broken inventory stops the commit with `check`'s diagnostic;
//! `trappa-fix` mends what it can and stops the commit so the fix is seen;
//! the mended file commits.
//!
//! pre-commit builds trappa with `cargo install --path .` in its clone
//! (language: rust) the first time it meets a commit of this repository.
//! So that this is one incremental release build and not a fresh one on
//! every run, the test gives pre-commit a home under the target directory
//! (`pre-commit-home`, reused while HEAD stays the same) and cargo the
//! target directory itself. Needs `pre-commit` (`pip install pre-commit`;
//! .ci/run installs it), `git` and `cargo`.

use crate::helpers::{real_client_missing, root};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", target_dir().join("pre-commit-home"))
        .env("CARGO_TARGET_DIR", target_dir())
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C.UTF-8")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.se")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.se")
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"))
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

const HEAD: &str = "trappa: 1\norganisation:\n  name: Trelleborgs kommun\n  code: 1287\nyear: 2025\ndepartments:\n  - id: miljo\n    name: Miljöförvaltningen\n";
const SERVICE: &str = "services:\n  - id: tomtko\n    name: Ställa sig i tomtkö\n    department: bygg\n    evidence: {submission: none}\n";

#[test]
fn a_broken_inventory_stops_the_commit_and_a_fixed_one_passes() {
    if run(Path::new("."), "pre-commit", &["--version"])
        .status
        .code()
        != Some(0)
    {
        real_client_missing("`pre-commit` not found: install it with `pip install pre-commit`");
        return;
    }
    let head = run(root(), "git", &["rev-parse", "HEAD"]);
    assert!(
        head.status.success(),
        "this checkout is a git repository with a commit"
    );
    let rev = String::from_utf8(head.stdout).unwrap().trim().to_string();

    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    assert!(run(repo, "git", &["init", "-q"]).status.success());
    std::fs::write(
        repo.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: trappa-fix\n        files: ^inventories/\n      - id: trappa-check\n        files: ^inventories/\n",
            root().display()
        ),
    )
    .unwrap();
    std::fs::create_dir(repo.join("inventories")).unwrap();
    let inventory = repo.join("inventories/trelleborg-2025.yaml");
    // E004: no department `bygg` in `departments`; W107: the code unquoted
    // (trappa-fix quotes it).
    std::fs::write(&inventory, format!("{HEAD}{SERVICE}")).unwrap();
    // YAML that is not an inventory, outside inventories/: left to other hooks.
    std::fs::write(repo.join("other.yml"), "on: push\n").unwrap();
    let installed = run(repo, "pre-commit", &["install"]);
    assert!(installed.status.success(), "{}", text(&installed));

    assert!(run(repo, "git", &["add", "."]).status.success());
    let stopped = run(repo, "git", &["commit", "-q", "-m", "broken"]);
    let said = text(&stopped);
    assert!(
        !stopped.status.success(),
        "the commit went through:\n{said}"
    );
    assert!(said.contains("error[E004]"), "{said}");
    assert!(
        said.contains("inventories/trelleborg-2025.yaml:12:5"),
        "{said}"
    );
    // trappa-fix quoted the code, and said so by failing.
    let after = std::fs::read_to_string(&inventory).unwrap();
    assert!(after.contains("code: \"1287\""), "{after}");
    assert!(said.contains("files were modified by this hook"), "{said}");

    // The department put right by hand: everything passes.
    std::fs::write(
        &inventory,
        after.replace("department: bygg", "department: miljo"),
    )
    .unwrap();
    assert!(run(repo, "git", &["add", "."]).status.success());
    let passed = run(repo, "git", &["commit", "-q", "-m", "fixed"]);
    assert!(passed.status.success(), "{}", text(&passed));
}
