//! `check --fix`: each fixture in `tests/fixtures/fix/` with a
//! `NAME.fixed.yaml` beside it is fixed to exactly those bytes (written by
//! hand), leaves no fixable finding, and a second `--fix` changes nothing;
//! `left-alone.yaml` has findings that only a person can settle and is
//! not touched. A property test injects fixable slips into generated
//! inventories and asks for the clean inventory back, byte for byte.

use crate::helpers::{root, trappa};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use trappa::fix;
use trappa::inventory::source::Source;
use trappa::pipeline::{self, Profile};

fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    let dir = root().join("tests/fixtures/fix");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if let Some(stem) = name.strip_suffix(".fixed.yaml") {
            out.push((dir.join(format!("{stem}.yaml")), path.clone()));
        }
    }
    out.sort();
    assert!(out.len() >= 2, "the fixable fixtures are there");
    out
}

fn copy_into(dir: &Path, from: &Path) -> PathBuf {
    let to = dir.join(from.file_name().unwrap());
    std::fs::copy(from, &to).unwrap();
    to
}

fn json_of(path: &Path) -> serde_json::Value {
    let out = trappa(&["check", "--format", "json", path.to_str().unwrap()]);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_fixable_fixture_is_fixed_to_the_bytes_written_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    for (broken, expected) in fixtures() {
        let path = copy_into(dir.path(), &broken);
        let before = json_of(&path);
        let fixable = before["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d.get("fix").is_some())
            .count();
        assert!(fixable > 0, "{} has fixable findings", broken.display());

        let out = trappa(&["check", "--fix", path.to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("fixed "), "{stdout}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(&expected).unwrap(),
            "{} after --fix",
            broken.display()
        );
        let after = json_of(&path);
        for d in after["diagnostics"].as_array().unwrap() {
            assert!(d.get("fix").is_none(), "a fixable finding is left: {d}");
        }

        let again = trappa(&["check", "--fix", path.to_str().unwrap()]);
        assert!(String::from_utf8_lossy(&again.stdout).contains("nothing to fix"));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(&expected).unwrap()
        );
    }
}

/// Each round of fixes replaces its edits' bytes and nothing else: the
/// text between the edits is found, unchanged, between the replacements.
#[test]
fn bytes_outside_the_edits_are_unchanged() {
    for (broken, _) in fixtures() {
        let text = std::fs::read_to_string(&broken).unwrap();
        let mut text = text.trim_start_matches('\u{feff}').to_string();
        for _ in 0..fix::MAX_ROUNDS {
            let checked = pipeline::check_source(Source {
                name: "f.yaml".into(),
                text: text.clone(),
            });
            let Some((after, _)) = fix::apply(&text, &checked.diagnostics) else {
                break;
            };
            let mut edits: Vec<_> = checked
                .diagnostics
                .iter()
                .filter_map(|d| d.fix.as_ref())
                .flat_map(|f| f.edits.iter())
                .map(|e| (e.range.clone().unwrap(), e.content.clone()))
                .collect();
            edits.sort_by_key(|(r, _)| r.start);
            // Walk the new text: the unedited stretch, then the replacement.
            let (mut old, mut new) = (0, 0);
            for (range, content) in &edits {
                let kept = &text[old..range.start];
                assert_eq!(&after[new..new + kept.len()], kept);
                new += kept.len();
                assert_eq!(&after[new..new + content.len()], content);
                new += content.len();
                old = range.end;
            }
            assert_eq!(&after[new..], &text[old..]);
            text = after;
        }
    }
}

#[test]
fn findings_only_a_person_can_settle_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_into(
        dir.path(),
        &root().join("tests/fixtures/fix/left-alone.yaml"),
    );
    let original = std::fs::read(&path).unwrap();
    let before = json_of(&path);
    assert!(
        before["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d.get("fix").is_none())
    );
    let codes = |v: &serde_json::Value| -> Vec<String> {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(codes(&before).contains(&"E005".to_string()));
    let out = trappa(&["check", "--fix", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "errors remain");
    assert_eq!(std::fs::read(&path).unwrap(), original);
    assert_eq!(codes(&json_of(&path)), codes(&before));
}

/// `--diff` writes nothing, fails while there is something to fix, and
/// prints a diff that `git apply` takes to the fixed file.
#[test]
fn the_diff_applies_to_the_fixed_file_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (broken, expected) = fixtures()
        .into_iter()
        .find(|(b, _)| b.ends_with("slips.yaml"))
        .unwrap();
    let path = copy_into(dir.path(), &broken);
    let out = std::process::Command::new(crate::helpers::TRAPPA_BIN)
        .args(["check", "--fix", "--diff", "slips.yaml"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixes to apply in 1 file"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&broken).unwrap()
    );
    let diff = dir.path().join("fixes.diff");
    std::fs::write(&diff, &out.stdout).unwrap();
    let applied = std::process::Command::new("git")
        .args(["apply", "--unsafe-paths", "fixes.diff"])
        .current_dir(dir.path())
        .output()
        .expect("git runs");
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&expected).unwrap()
    );
}

#[test]
fn standard_input_is_not_fixed_in_place() {
    let out = trappa(&["check", "--fix", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--fix --diff"));
}

/// A service as the clean inventory has it, and with its slips.
#[derive(Clone, Debug)]
struct Slips {
    name_key: bool,
    status: bool,
    attachments: bool,
    messaging: bool,
    hours: bool,
    declared: Option<&'static str>,
    comment: String,
}

fn service(i: usize, attachments: bool, messaging: bool, slips: Option<&Slips>) -> String {
    let slip = |f: fn(&Slips) -> bool| slips.is_some_and(f);
    let yes_no = |value: bool, slipped: bool| match (value, slipped) {
        (true, true) => "yes",
        (false, true) => "off",
        (true, false) => "true",
        (false, false) => "false",
    };
    let comment = slips.map_or_else(String::new, |s| s.comment.clone());
    // The clean inventory declares the derived step, 2.
    let declared = slips.and_then(|s| s.declared).unwrap_or("2");
    format!(
        "  - id: s{i}{comment}\n    {name}: Tjänst nummer {i}\n    status: {status}\n    declared_step: {declared}\n    evidence:\n      submission: online\n      attachments: {a}{comment}\n      messaging: {m}\n    access:\n      accessibility_statement: https://example.se/t\n      hours: {hours}\n    volumes: {{cases: 10, digital: 5}}\n",
        name = if slip(|s| s.name_key) { "nmae" } else { "name" },
        status = if slip(|s| s.status) { "liv" } else { "live" },
        a = yes_no(attachments, slip(|s| s.attachments)),
        m = yes_no(messaging, slip(|s| s.messaging)),
        hours = if slip(|s| s.hours) { "alwys" } else { "always" },
    )
}

fn slips() -> impl Strategy<Value = Slips> {
    (
        any::<[bool; 5]>(),
        prop::option::of(prop::sample::select(vec!["1"])),
        "( # [a-zåäö ]{0,10})?",
    )
        .prop_map(|(b, declared, comment)| Slips {
            name_key: b[0],
            status: b[1],
            attachments: b[2],
            messaging: b[3],
            hours: b[4],
            declared,
            comment,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn injected_slips_are_fixed_back_to_the_clean_inventory(
        quote in any::<bool>(),
        services in prop::collection::vec((any::<bool>(), any::<bool>(), slips()), 1..6),
    ) {
        let head = |code: &str| format!(
            "# generated\ntrappa: 1\norganisation:\n  name: Trelleborgs kommun\n  code: {code}\nyear: 2025\nservices:\n"
        );
        let mut clean = head("\"1287\"");
        let mut broken = head(if quote { "1287" } else { "\"1287\"" });
        for (i, (a, m, s)) in services.iter().enumerate() {
            // The comments are in both: only the slips differ.
            let mut kept = s.clone();
            kept.name_key = false;
            kept.status = false;
            kept.attachments = false;
            kept.messaging = false;
            kept.hours = false;
            kept.declared = None;
            clean.push_str(&service(i, *a, *m, Some(&kept)));
            broken.push_str(&service(i, *a, *m, Some(s)));
        }
        let check = |text: &str| pipeline::check_source(Source { name: "g.yaml".into(), text: text.into() });
        // The clean inventory is clean: no finding it could be fixed toward.
        let clean_checked = check(&clean);
        prop_assert!(clean_checked.diagnostics.iter().all(|d| d.fix.is_none() && !d.is_error()),
            "{:#?}", clean_checked.diagnostics);
        let fixed = fix::fix(check(&broken), Profile::Format, |_| true);
        prop_assert_eq!(&fixed.text, &clean);
        let again = fix::fix(check(&fixed.text), Profile::Format, |_| true);
        prop_assert_eq!(again.applied, 0);
    }
}
