//! How a run behaves whatever the command: where it reads its inputs and how
//! many threads check them, where its output goes, what colour reaches
//! standard error, and the one rule every command applies to a targets
//! file found beside the inventories.

use crate::helpers::{PLAIN, trappa, trappa_env};
use serde_json::Value;
use std::path::Path;

/// A directory with one good inventory and a targets file that has errors.
fn inventory_and_broken_targets() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "examples/trelleborg-2014.yaml",
        dir.path().join("trelleborg-2014.yaml"),
    )
    .unwrap();
    std::fs::copy(
        "tests/fixtures/targets-broken.yaml",
        dir.path().join("targets.yaml"),
    )
    .unwrap();
    dir
}

/// Before the input module, `compare` skipped such a targets file (exit 0)
/// and `export` refused it (exit 1). Now both skip it with the same note:
/// its findings are `check`'s business.
#[test]
fn every_command_skips_a_targets_file_in_a_directory_alike() {
    let dir = inventory_and_broken_targets();
    let path = dir.path().to_str().unwrap();
    let note = format!(
        "trappa: note: skipped {}: a targets file, not an inventory",
        Path::new(path).join("targets.yaml").display()
    );
    for args in [
        vec!["compare", path],
        vec!["export", path],
        vec!["export", "--indicators", path],
        vec!["export", "--format", "json", path],
    ] {
        let out = trappa(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.contains(&note), "{args:?}: {stderr}");
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
    // `check` is where its errors show.
    assert_eq!(trappa(&["check", path]).status.code(), Some(1));
}

/// `-j 1` gives the same bytes as every core, for each command that reads
/// many files.
#[test]
fn one_thread_or_many_give_identical_bytes() {
    let inputs = [
        "examples/",
        "tests/fixtures/compare",
        "tests/fixtures/contradictions.yaml",
    ];
    let commands: [&[&str]; 6] = [
        &["check"],
        &["check", "--format", "json"],
        &["check", "--format", "github"],
        &["compare", "--format", "csv"],
        &["export", "--format", "json"],
        &["export", "--indicators"],
    ];
    for command in commands {
        let inputs: &[&str] = if command[0] == "check" {
            &inputs
        } else {
            &inputs[..2]
        };
        let run = |jobs: &str| {
            let mut args: Vec<&str> = command.to_vec();
            args.extend(["-j", jobs]);
            args.extend(inputs);
            trappa(&args)
        };
        let (one, two, eight) = (run("1"), run("2"), run("8"));
        assert_eq!(one.status.code(), two.status.code(), "{command:?}");
        assert_eq!(one.stdout, two.stdout, "{command:?}");
        assert_eq!(one.stdout, eight.stdout, "{command:?}");
        assert_eq!(one.stderr, two.stderr, "{command:?}");
    }
    let zero = trappa(&["check", "-j", "0", "examples/"]);
    assert_eq!(zero.status.code(), Some(2));
}

/// `check` writes to standard output as it goes: it needs no temporary
/// file, so an unwritable temporary directory does not stop it (it used to
/// exit 2). With `--format json` the findings wait in memory instead.
#[test]
fn check_needs_no_temporary_directory() {
    let mut env = PLAIN.to_vec();
    env.push(("TMPDIR", "/nonexistent/trappa-tmp"));
    for format in ["human", "github", "json"] {
        let out = trappa_env(&["check", "--format", format, "examples/broken.yaml"], &env);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{format}");
        let with_tmp = trappa(&["check", "--format", format, "examples/broken.yaml"]);
        assert_eq!(out.stdout, with_tmp.stdout, "{format}");
    }
}

/// `--color always` colours standard error too (the diagnostics of a
/// refused file); it used to reach standard output only.
#[test]
fn color_always_reaches_standard_error() {
    let out = trappa(&["--color", "always", "report", "examples/broken.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("\u{1b}[1;31merror"), "{stderr:?}");
    let plain = trappa(&["report", "examples/broken.yaml"]);
    assert!(!String::from_utf8_lossy(&plain.stderr).contains('\u{1b}'));
}

/// Every JSON document writes a share as a float, also a whole one: the
/// export used to write `0` beside `0.5` where the report wrote `0.0`.
#[test]
fn whole_shares_are_floats_in_every_json() {
    let out = trappa(&[
        "export",
        "--indicators",
        "--format",
        "json",
        "tests/fixtures/compare/ale-2024.yaml",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let document: Value = serde_json::from_str(&text).unwrap();
    let value = |kpi: &str| {
        document["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kpi"] == kpi && r["department"].is_null())
            .map(|r| r["value"].clone())
            .unwrap()
    };
    // Ale 2024: both live services at step 3 or higher; none at step 1.
    assert!(value("transaction_share").is_f64(), "{text}");
    assert_eq!(value("transaction_share").as_f64(), Some(1.0));
    assert!(value("step_1_share").is_f64(), "{text}");
    assert!(text.contains("\"value\": 0.0"), "{text}");
    assert!(value("services").is_u64(), "{text}");
}

/// The same organisation, whatever the spelling of its name's letters and
/// spaces: NFD and NFC, a doubled space, letter case. `compare` already saw
/// them as one and `report --previous` said "another organisation" with two
/// names that print alike; both now use the one rule.
#[test]
fn names_that_print_alike_are_one_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = |name: &str, year: u32| {
        format!(
            "trappa: 1\norganisation:\n  name: \"{name}\"\n  kind: agency\nyear: {year}\nservices: []\n"
        )
    };
    let before = dir.path().join("before.yaml");
    let now = dir.path().join("now.yaml");
    // "Åre" with a combining ring (NFD) and a doubled space, then in NFC.
    std::fs::write(&before, inventory("A\u{30a}re  myndighet", 2023)).unwrap();
    std::fs::write(&now, inventory("\u{c5}RE myndighet", 2024)).unwrap();
    let out = trappa(&[
        "report",
        now.to_str().unwrap(),
        "--previous",
        before.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // And two of them for one year are the same organisation twice.
    std::fs::write(&before, inventory("A\u{30a}re  myndighet", 2024)).unwrap();
    let twice = trappa(&["compare", dir.path().to_str().unwrap()]);
    assert_eq!(twice.status.code(), Some(1));
}
