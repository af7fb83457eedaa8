//! The CI recipes in examples/ci/ are valid YAML and use only what trappa
//! documents: every `trappa` command they run exists, every flag appears in
//! that command's `--help`, and every `--format`/`--lang` value is one of
//! its possible values. A renamed flag breaks this test, not a user's CI.

use crate::helpers::{root, trappa_env};
use std::collections::BTreeSet;
use trappa::inventory::load::{self, Node, Value};

fn parse(name: &str) -> Node {
    let path = root().join("examples/ci").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    load::parse(name, &text).unwrap_or_else(|d| panic!("{name} is not valid YAML: {:?}", d.message))
}

fn get<'n>(node: &'n Node, key: &str) -> &'n Node {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.scalar_text() == Some(key))
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("no key `{key}`")),
        _ => panic!("`{key}`: not a mapping"),
    }
}

fn strings<'n>(node: &'n Node, out: &mut Vec<&'n str>) {
    match &node.value {
        Value::Str { text, .. } => out.push(text),
        Value::Seq(items) => items.iter().for_each(|n| strings(n, out)),
        Value::Map(entries) => entries.iter().for_each(|(_, v)| strings(v, out)),
        _ => {}
    }
}

/// One `trappa` command line found in a script.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Invocation {
    command: String,
    /// Flags with the value that follows them when it is a literal word.
    flags: Vec<(String, Option<String>)>,
}

/// Finds `trappa <command> …` in shell text, up to the end of the command
/// (a pipe, a redirection, `;`, `&&`, `||` or the end of the line).
fn invocations(script: &str) -> Vec<Invocation> {
    let joined = script.replace("\\\n", " ");
    let mut found = Vec::new();
    for line in joined.lines() {
        let tokens: Vec<&str> = line
            .split_whitespace()
            .take_while(|t| !t.starts_with('#'))
            .collect();
        for (i, token) in tokens.iter().enumerate() {
            // `cargo install … trappa` names the package, not a command.
            let Some(command) = tokens.get(i + 1) else {
                continue;
            };
            if *token != "trappa" || !command.starts_with(|c: char| c.is_ascii_lowercase()) {
                continue;
            }
            let rest: Vec<&str> = tokens[i + 2..]
                .iter()
                .copied()
                .take_while(|t| !matches!(*t, "|" | ";" | "&&" | "||" | ">" | ">>" | "<"))
                .collect();
            let mut flags = Vec::new();
            for (j, t) in rest.iter().enumerate() {
                if !t.starts_with('-') {
                    continue;
                }
                let (flag, inline) = match t.split_once('=') {
                    Some((flag, value)) => (flag, Some(value.to_string())),
                    None => (*t, None),
                };
                let next = rest
                    .get(j + 1)
                    .filter(|v| v.starts_with(|c: char| c.is_ascii_alphanumeric()))
                    .map(|v| v.to_string());
                flags.push((flag.to_string(), inline.or(next)));
            }
            found.push(Invocation {
                command: command.to_string(),
                flags,
            });
        }
    }
    found
}

fn recipe_invocations(name: &str) -> Vec<Invocation> {
    let root = parse(name);
    let mut texts = Vec::new();
    strings(&root, &mut texts);
    let mut all: Vec<Invocation> = texts.iter().flat_map(|t| invocations(t)).collect();
    all.sort();
    all.dedup();
    all
}

fn help(command: &str) -> String {
    let output = trappa_env(&[command, "--help"], &[]);
    assert!(
        output.status.success(),
        "`trappa {command}` is not a command: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Every flag of every invocation is in the command's help, with a value
/// from its possible values when the help lists them.
fn assert_documented(name: &str, invocations: &[Invocation]) {
    for invocation in invocations {
        let help = help(&invocation.command);
        for (flag, value) in &invocation.flags {
            let line = help
                .lines()
                .find(|l| {
                    l.trim_start()
                        .split([' ', ',', '<'])
                        .any(|word| word == flag)
                })
                .unwrap_or_else(|| {
                    panic!(
                        "{name}: `trappa {} {flag}` is not in `trappa {} --help`",
                        invocation.command, invocation.command
                    )
                });
            if let (Some(value), Some((_, values))) = (value, line.split_once("[possible values: "))
            {
                let values: BTreeSet<&str> = values.trim_end_matches(']').split(", ").collect();
                assert!(
                    values.contains(value.as_str()),
                    "{name}: `trappa {} {flag} {value}`: not one of {values:?}",
                    invocation.command
                );
            }
        }
    }
}

fn uses(invocations: &[Invocation], command: &str, flag: &str, value: &str) -> bool {
    invocations.iter().any(|i| {
        i.command == command
            && i.flags
                .iter()
                .any(|(f, v)| f == flag && v.as_deref() == Some(value))
    })
}

#[test]
fn github_actions_recipe_checks_and_summarises() {
    let root = parse("github-actions.yml");
    let steps = get(get(get(&root, "jobs"), "check"), "steps");
    assert!(matches!(&steps.value, Value::Seq(s) if s.len() >= 4));
    let all = recipe_invocations("github-actions.yml");
    assert!(uses(&all, "check", "--format", "github"), "{all:?}");
    assert!(uses(&all, "report", "--format", "markdown"), "{all:?}");
    assert!(uses(&all, "check", "--format", "sarif"), "{all:?}");
    let mut texts = Vec::new();
    strings(&root, &mut texts);
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("github/codeql-action/upload-sarif@")),
        "the SARIF is uploaded for code scanning"
    );
    assert!(
        texts.contains(&"trappa.sarif"),
        "the file check writes is the one uploaded"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains(">> \"$GITHUB_STEP_SUMMARY\"")),
        "the report goes to the job summary"
    );
    assert_documented("github-actions.yml", &all);
}

#[test]
fn gitlab_recipe_checks_with_json_output() {
    let root = parse("gitlab-ci.yml");
    let job = get(&root, "trappa");
    get(job, "script");
    let reports = get(get(job, "artifacts"), "reports");
    assert_eq!(
        get(reports, "codequality").scalar_text(),
        Some("trappa/code-quality.json")
    );
    let all = recipe_invocations("gitlab-ci.yml");
    assert!(uses(&all, "check", "--format", "json"), "{all:?}");
    assert!(uses(&all, "report", "--format", "json"), "{all:?}");
    assert_documented("gitlab-ci.yml", &all);
}

#[test]
fn invocations_are_read_like_a_shell_would() {
    let script = "cargo install --locked --git \"$X\" trappa\n\
                  trappa check --format github \"${files[@]}\" # --deny-warnings\n\
                  trappa report --format=markdown --lang sv \\\n  \"$file\" >> \"$S\" --not-ours\n\
                  ls trappa/ | trappa-other --x";
    assert_eq!(
        invocations(script),
        [
            Invocation {
                command: "check".into(),
                flags: vec![("--format".into(), Some("github".into()))],
            },
            Invocation {
                command: "report".into(),
                flags: vec![
                    ("--format".into(), Some("markdown".into())),
                    ("--lang".into(), Some("sv".into())),
                ],
            },
        ]
    );
}

#[test]
fn an_undocumented_flag_is_caught() {
    let fake = [Invocation {
        command: "check".into(),
        flags: vec![("--format".into(), Some("xml".into()))],
    }];
    let caught = std::panic::catch_unwind(|| assert_documented("fake", &fake));
    assert!(caught.is_err(), "`--format xml` is not a check format");
    let fake = [Invocation {
        command: "check".into(),
        flags: vec![("--fail-on-warnings".into(), None)],
    }];
    assert!(std::panic::catch_unwind(|| assert_documented("fake", &fake)).is_err());
}

/// The `run:` script of the GitHub recipe's step named `name`.
fn github_step(name: &str) -> String {
    let recipe = parse("github-actions.yml");
    let steps = get(get(get(&recipe, "jobs"), "check"), "steps");
    let Value::Seq(steps) = &steps.value else {
        panic!("steps is not a list");
    };
    steps
        .iter()
        .find(|s| match &s.value {
            Value::Map(entries) => entries
                .iter()
                .any(|(k, v)| k.scalar_text() == Some("name") && v.scalar_text() == Some(name)),
            _ => false,
        })
        .map(|s| get(s, "run").scalar_text().unwrap().to_string())
        .unwrap_or_else(|| panic!("no step `{name}`"))
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.se"])
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// The recipe checks only the files a pull request changes; with
/// `--respect-ignore` it skips what `.trappaignore` skips, so a pull request
/// that touches an ignored template passes as `trappa check inventories/`
/// does. The recipe's own shell steps run here, in a git repository.
#[cfg(unix)]
#[test]
fn the_github_recipe_agrees_with_a_check_of_the_directory() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q", "-b", "main"]);
    std::fs::create_dir(dir.join("inventories")).unwrap();
    std::fs::write(dir.join("inventories/.trappaignore"), "mallar/\n").unwrap();
    std::fs::write(dir.join("README.txt"), "inventories\n").unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "base"]);
    git(dir, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    git(dir, &["checkout", "-q", "-b", "change"]);
    std::fs::copy(
        root().join("examples/trelleborg-2014.yaml"),
        dir.join("inventories/trelleborg-2014.yaml"),
    )
    .unwrap();
    std::fs::create_dir(dir.join("inventories/mallar")).unwrap();
    // A half-filled template kept beside the inventories: broken on purpose.
    std::fs::write(
        dir.join("inventories/mallar/MALL.YAML"),
        "trappa: 1\nyear: x\n",
    )
    .unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "change"]);

    let bin_dir = std::path::Path::new(crate::helpers::TRAPPA_BIN)
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let runner_temp = tempfile::tempdir().unwrap();
    let summary = runner_temp.path().join("summary.md");
    let run = |script: &str| {
        std::process::Command::new("bash")
            .args(["-e", "-c", script])
            .current_dir(dir)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env("INVENTORIES", "inventories")
            .env("GITHUB_BASE_REF", "main")
            .env("RUNNER_TEMP", runner_temp.path())
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .expect("bash runs")
    };
    let changed = run(&github_step("Changed inventories"));
    assert!(
        changed.status.success(),
        "{}",
        String::from_utf8_lossy(&changed.stderr)
    );
    // Both changed files are listed (the grep is case-insensitive, like the
    // directory search: MALL.YAML counts).
    let listed = std::fs::read(runner_temp.path().join("changed")).unwrap();
    assert_eq!(
        listed.split(|&b| b == 0).filter(|f| !f.is_empty()).count(),
        2
    );

    let checked = run(&github_step("trappa check"));
    let local = std::process::Command::new(crate::helpers::TRAPPA_BIN)
        .args(["check", "inventories"])
        .current_dir(dir)
        .output()
        .expect("trappa runs")
        .status
        .code();
    assert_eq!(local, Some(0));
    assert_eq!(
        checked.status.code(),
        local,
        "recipe: {}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
    let reported = run(&github_step("trappa report to the job summary"));
    assert!(
        reported.status.success(),
        "{}",
        String::from_utf8_lossy(&reported.stderr)
    );
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(summary.contains("Trelleborgs kommun 2014"), "{summary}");
}

/// The GitLab job's `script:` lines, joined as the runner runs them.
fn gitlab_script() -> String {
    let recipe = parse("gitlab-ci.yml");
    let Value::Seq(lines) = &get(get(&recipe, "trappa"), "script").value else {
        panic!("`script` is not a list");
    };
    lines
        .iter()
        .map(|line| line.scalar_text().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The GitLab recipe's script, run for real (bash, git, jq): its Code
/// Quality report holds the errors and warnings but no infos, every
/// fingerprint is unique, and a fingerprint stays the same when lines are
/// added above the finding — so GitLab does not show every finding below an
/// edit as fixed and found anew (issue #19.12).
#[cfg(unix)]
#[test]
fn the_gitlab_recipe_keeps_fingerprints_when_lines_move() {
    let has_jq = std::process::Command::new("jq")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_jq {
        crate::helpers::real_client_missing("jq, which the GitLab recipe runs, is not installed");
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q", "-b", "main"]);
    std::fs::create_dir(dir.join("inventories")).unwrap();
    std::fs::write(dir.join("README.txt"), "inventories\n").unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "base"]);
    let base = String::from_utf8(
        std::process::Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(dir)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let inventory = std::fs::read_to_string(root().join("examples/broken.yaml")).unwrap();
    let bin_dir = std::path::Path::new(crate::helpers::TRAPPA_BIN)
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let quality = |text: &str| -> Vec<serde_json::Value> {
        std::fs::write(dir.join("inventories/broken.yaml"), text).unwrap();
        git(dir, &["add", "-A"]);
        git(dir, &["commit", "-q", "-m", "change"]);
        let run = std::process::Command::new("bash")
            .args(["-e", "-c", &gitlab_script()])
            .current_dir(dir)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env("INVENTORIES", "inventories")
            .env("CI_MERGE_REQUEST_DIFF_BASE_SHA", base.trim())
            .output()
            .expect("bash runs");
        // broken.yaml has errors: the job fails, after writing its reports.
        assert_eq!(
            run.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let text = std::fs::read_to_string(dir.join("trappa/code-quality.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    };
    let before = quality(&inventory);
    let check: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("trappa/check.json")).unwrap())
            .unwrap();
    let counted = |severity: &str| {
        check["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == severity)
            .count()
    };
    assert!(counted("info") > 0, "the example has infos to leave out");
    assert_eq!(before.len(), counted("error") + counted("warning"));
    assert!(before.iter().all(|issue| issue["severity"] != "info"));
    let fingerprints = |issues: &[serde_json::Value]| -> Vec<String> {
        issues
            .iter()
            .map(|issue| issue["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    let unique: BTreeSet<String> = fingerprints(&before).into_iter().collect();
    assert_eq!(unique.len(), before.len(), "{before:?}");

    // Three comment lines after the first line: every finding moves down.
    let (first, rest) = inventory.split_once('\n').unwrap();
    let after = quality(&format!("{first}\n# a\n# b\n# c\n{rest}"));
    assert_eq!(fingerprints(&after), fingerprints(&before));
    let lines = |issues: &[serde_json::Value]| -> Vec<u64> {
        issues
            .iter()
            .map(|issue| issue["location"]["lines"]["begin"].as_u64().unwrap())
            .collect()
    };
    assert!(
        lines(&before)
            .iter()
            .zip(lines(&after))
            .all(|(b, a)| a == b + 3 || *b == 1),
        "{before:?} {after:?}"
    );
}
