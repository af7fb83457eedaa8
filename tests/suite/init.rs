//! `trappa init`: the starter passes `check` without a single finding, for
//! every municipality and for names that YAML would misread; `-o` never
//! overwrites a file unless `--force` says so.

use crate::helpers::trappa;
use trappa::inventory::source::Source;
use trappa::municipalities;
use trappa::pipeline::check_source;
use trappa::starter::{self, Starter};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_done_criterion_init_then_check_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.yaml");
    let init = trappa(&["init", "--code", "1287", "--year", "2025"]);
    assert_eq!(init.status.code(), Some(0), "{}", text(&init.stderr));
    std::fs::write(&file, &init.stdout).unwrap();

    let check = trappa(&["check", "--deny-warnings", file.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));

    // Not even an info: the first finding a user sees is about their own change.
    let json = trappa(&["check", "--format", "json", file.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["diagnostics"], serde_json::json!([]));

    let starter = text(&init.stdout);
    assert!(starter.contains("  name: \"Trelleborgs kommun\"\n"));
    assert!(starter.contains("  code: \"1287\""));
    assert!(starter.contains("\nyear: 2025 "));
}

#[test]
fn the_starter_has_one_service_per_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.yaml");
    std::fs::write(
        &file,
        trappa(&["init", "--code", "1287", "--year", "2025"]).stdout,
    )
    .unwrap();
    let classify = trappa(&["classify", "--format", "csv", file.to_str().unwrap()]);
    assert_eq!(classify.status.code(), Some(0));
    let steps: Vec<String> = text(&classify.stdout)
        .lines()
        .skip(1)
        .map(|row| row.split(',').nth(4).unwrap_or_default().to_string())
        .collect();
    assert_eq!(steps, ["1", "2", "3", "4"]);
}

/// Checks a starter in memory, as `trappa check` would read it.
fn check_starter(starter: &Starter) -> trappa::pipeline::Checked {
    check_source(Source {
        name: "starter.yaml".into(),
        text: starter::inventory(starter),
    })
}

#[test]
fn every_municipality_gets_a_starter_that_passes_check() {
    for m in municipalities::all() {
        let checked = check_starter(&Starter {
            name: Some(starter::organisation_name(m)),
            code: Some(m.code.to_string()),
            year: 2025,
        });
        assert!(
            checked.diagnostics.is_empty(),
            "{} {}: {:?}",
            m.code,
            m.name,
            checked.diagnostics
        );
        let inventory = checked.inventory().unwrap();
        assert_eq!(inventory.organisation.code.as_deref(), Some(m.code));
        assert_eq!(inventory.services.len(), 4);
    }
}

#[test]
fn any_name_is_kept_exactly_as_given() {
    let names = [
        "Kommunalförbundet: \"Sydarkiv\" # 1",
        "yes",
        "0128",
        "- a list?",
        "back\\slash and ünïcödé",
        "{ not: a mapping }",
        "  spaced  ",
    ];
    for name in names {
        let checked = check_starter(&Starter {
            name: Some(name.to_string()),
            code: None,
            year: 2100,
        });
        assert!(
            checked.diagnostics.is_empty(),
            "{name:?}: {:?}",
            checked.diagnostics
        );
        let inventory = checked.inventory().unwrap();
        assert_eq!(inventory.organisation.name, name);
        assert_eq!(inventory.organisation.code, None);
        assert_eq!(inventory.year, 2100);
    }
}

#[test]
fn without_name_or_code_the_placeholder_passes_check() {
    let checked = check_starter(&Starter {
        name: None,
        code: None,
        year: 2000,
    });
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    assert_eq!(
        checked.inventory().unwrap().organisation.name,
        "Exempelby kommun"
    );
}

/// A name `check` would refuse in `organisation.name` is refused by
/// `init` (exit 2, nothing written), rather than written into a starter
/// that fails its own check (issue #20.12).
#[test]
fn a_name_check_would_refuse_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("inventory.yaml");
    let path = file.to_str().unwrap();
    for name in [
        "Ale\u{1b}[31m kommun",
        "Ale\u{85}kommun",
        "Ale\rkommun",
        "Ale\nkommun",
        "Ale\tkommun",
        "\u{202E}enummok elA",
        "\u{200B}\u{200B}",
        "   ",
    ] {
        let init = trappa(&["init", "--year", "2025", "--name", name, "-o", path]);
        assert_eq!(init.status.code(), Some(2), "{name:?}");
        let stderr = text(&init.stderr);
        assert!(stderr.contains("--name"), "{name:?}: {stderr}");
        assert!(
            !stderr.chars().any(|c| c.is_control() && c != '\n'),
            "{name:?}: the refusal echoes no control character: {stderr:?}"
        );
        assert!(!file.exists(), "{name:?}: nothing written");
        // The same name in a file is refused by check: one rule.
        let checked = check_starter(&Starter {
            name: Some(name.to_string()),
            code: None,
            year: 2025,
        });
        assert!(checked.has_errors(), "{name:?}: check accepts it");
    }
}

#[test]
fn output_refuses_an_existing_file_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("inventory.yaml");
    let path = file.to_str().unwrap();

    let first = trappa(&["init", "--year", "2025", "-o", path]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(text(&std::fs::read(&file).unwrap()).contains("\nyear: 2025 "));

    std::fs::write(&file, "trappa: 1 # a year of work\n").unwrap();
    let again = trappa(&["init", "--year", "2026", "-o", path]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("already exists; add --force to replace it"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "trappa: 1 # a year of work\n",
        "the existing file is untouched"
    );

    let forced = trappa(&["init", "--year", "2026", "--force", "-o", path]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert!(text(&std::fs::read(&file).unwrap()).contains("\nyear: 2026 "));
}

#[test]
fn without_year_the_current_year_is_used() {
    let init = trappa(&["init"]);
    assert_eq!(init.status.code(), Some(0));
    let year = starter::current_year();
    assert!(text(&init.stdout).contains(&format!("\nyear: {year} ")));
}

#[test]
fn an_unusable_code_is_a_usage_error_with_a_hint() {
    for (code, hint) in [
        ("9999", "all 290 are in data/municipalities.csv"),
        ("Trelleborg", "Trelleborg has the code 1287"),
        ("12", "`12` is a county code"),
    ] {
        let init = trappa(&["init", "--code", code]);
        assert_eq!(init.status.code(), Some(2), "--code {code}");
        assert!(init.stdout.is_empty());
        assert!(text(&init.stderr).contains(hint), "{}", text(&init.stderr));
    }
}
