//! `check --format sarif`: the document's structure against the JSON
//! output of the same run (one result per finding, at the same place), one
//! rule per code in the run's language, the same bytes every run; and
//! Microsoft's SARIF validator (`Sarif.Multitool validate`, from npm's
//! `@microsoft/sarif-multitool`, installed by `npm ci --prefix tests/sarif`)
//! finds no error in it.

use crate::helpers::{TRAPPA_BIN, real_client_missing, root, trappa};
use serde_json::Value;
use std::process::Command;
use trappa::diagnostic::Code;

fn sarif(args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let out = trappa(&all);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("SARIF is JSON")
}

#[test]
fn one_result_per_finding_at_its_place_and_one_rule_per_code() {
    let document = sarif(&["examples/broken.yaml"]);
    assert_eq!(document["version"], "2.1.0");
    let run = &document["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(ids, codes);
    for rule in rules {
        for part in ["shortDescription", "fullDescription", "help"] {
            assert!(!rule[part]["text"].as_str().unwrap().is_empty(), "{rule}");
        }
    }

    let json: Value = serde_json::from_slice(
        &trappa(&["check", "--format", "json", "examples/broken.yaml"]).stdout,
    )
    .unwrap();
    let findings = json["diagnostics"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    let mut fixes = 0;
    for (result, finding) in results.iter().zip(findings) {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(result["ruleId"], finding["code"]);
        assert_eq!(rules[index]["id"], finding["code"]);
        let level = match finding["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        assert_eq!(result["level"], level);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], finding["line"]);
        assert_eq!(region["startColumn"], finding["column"]);
        assert!(region["endColumn"].as_u64() > region["startColumn"].as_u64());
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "examples/broken.yaml"
        );
        assert_eq!(
            result["partialFingerprints"]["trappa/v1"],
            finding["fingerprint"]
        );
        assert!(
            result["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(finding["message"].as_str().unwrap())
        );
        if let Some(fix) = finding.get("fix") {
            fixes += 1;
            let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
            assert_eq!(
                replacement["insertedContent"]["text"],
                fix["edits"][0]["content"]
            );
            assert_eq!(
                replacement["deletedRegion"]["endColumn"],
                fix["edits"][0]["end_column"]
            );
        }
    }
    assert!(fixes > 0, "broken.yaml has fixable findings");
    // The duplicate id points at its first place too.
    assert!(results.iter().any(|r| r.get("relatedLocations").is_some()));
}

#[test]
fn the_rules_are_in_the_run_language_and_the_bytes_are_stable() {
    let en = sarif(&["examples/broken.yaml"]);
    let sv = sarif(&["--lang", "sv", "examples/broken.yaml"]);
    let text = |d: &Value| d["runs"][0]["tool"]["driver"]["rules"][4]["help"]["text"].clone();
    assert_ne!(text(&en), text(&sv));
    assert!(text(&sv).as_str().unwrap().contains("Sänk"));
    let once = trappa(&["check", "--format", "sarif", "examples/"]).stdout;
    let twice = trappa(&["check", "--format", "sarif", "examples/"]).stdout;
    assert_eq!(once, twice);
}

/// Microsoft's validator, as code-scanning services use it: no result of
/// level `error` (a schema violation is JSON1xxx, a rule of the SARIF
/// specification SARIF1xxx). Its warnings are printed, not failed on: the
/// one it gives is SARIF2005, a tool `informationUri`, which trappa has no
/// fixed address for.
#[test]
fn microsofts_validator_accepts_the_sarif() {
    let tool = root().join("tests/sarif/node_modules/.bin/sarif-multitool");
    if !tool.exists() {
        real_client_missing(
            "tests/sarif/node_modules/.bin/sarif-multitool not found: run `npm ci --prefix tests/sarif` (Node.js and npm)",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, args) in [
        ("broken-en", vec!["examples/broken.yaml"]),
        (
            "examples-sv",
            vec!["--lang", "sv", "examples/", "tests/fixtures/fix/"],
        ),
        ("slips", vec!["tests/fixtures/slips/"]),
    ] {
        let input = dir.path().join(format!("{name}.sarif"));
        let status = Command::new(TRAPPA_BIN)
            .current_dir(root())
            .args(["check", "--format", "sarif", "-o"])
            .arg(&input)
            .args(&args)
            .status()
            .unwrap();
        assert!(status.code().is_some_and(|c| c <= 1));
        let output = dir.path().join(format!("{name}.validation.sarif"));
        let run = Command::new(&tool)
            .arg("validate")
            .arg(&input)
            .arg("-o")
            .arg(&output)
            // The validator is a self-contained .NET program: without ICU it
            // needs the invariant globalization mode, and loses nothing here.
            .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
            .output()
            .expect("the validator runs");
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(
            run.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let report: Value =
            serde_json::from_slice(&std::fs::read(&output).expect("the validator wrote its log"))
                .unwrap();
        let results = report["runs"][0]["results"].as_array().unwrap();
        let errors: Vec<&Value> = results.iter().filter(|r| r["level"] == "error").collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        for warning in results {
            // The validator gives its messages as ids and arguments.
            eprintln!("{name}: {} {}", warning["ruleId"], warning["message"]);
        }
    }
}
