//! trappa builds its YAML tree from the parser's events (src/inventory/load/)
//! rather than through serde. This checks that the tree says what
//! serde-saphyr, the library the project chose for YAML, reads from the same
//! text: every shipped example and fixture, and a table of scalar spellings.
//! Where the two differ on purpose, the table says so.

use serde_json::{Map, Value as Json};
use std::path::Path;
use trappa::inventory::load::{self, Node, Value};

/// The tree as JSON: numbers as f64 (serde-saphyr gives `0.5` and `1` the
/// same JSON types trappa does, but integers and floats are compared by value).
fn json_of(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => number(*i as f64),
        Value::Float(f) => number(*f),
        Value::Str { text, .. } => Json::String(text.clone()),
        Value::Seq(items) => Json::Array(items.iter().map(json_of).collect()),
        Value::Map(entries) => {
            let mut map = Map::new();
            for (key, value) in entries {
                let key = key.scalar_text().unwrap_or("<complex key>").to_string();
                map.insert(key, json_of(value));
            }
            Json::Object(map)
        }
    }
}

fn number(f: f64) -> Json {
    serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number)
}

/// serde-saphyr's reading, with numbers made f64 the same way.
fn serde_saphyr_reading(text: &str) -> Option<Json> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::AsString,
    };
    let value: Json = serde_saphyr::from_str_with_options(text, options).ok()?;
    Some(normalise(value))
}

fn normalise(value: Json) -> Json {
    match value {
        Json::Number(n) => number(n.as_f64().unwrap()),
        Json::Array(items) => Json::Array(items.into_iter().map(normalise).collect()),
        Json::Object(map) => {
            Json::Object(map.into_iter().map(|(k, v)| (k, normalise(v))).collect())
        }
        other => other,
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

#[test]
fn every_shipped_file_reads_the_same_as_with_serde_saphyr() {
    let mut files = Vec::new();
    yaml_files(Path::new("examples"), &mut files);
    yaml_files(Path::new("tests/fixtures"), &mut files);
    files.sort();
    let mut compared = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // the invalid-encoding fixtures
        };
        // Files either reader refuses are compared in the next test.
        let (Ok(ours), Some(theirs)) = (load::parse("f", &text), serde_saphyr_reading(&text))
        else {
            continue;
        };
        assert_eq!(json_of(&ours), theirs, "{}", path.display());
        compared += 1;
    }
    assert!(compared >= 20, "only {compared} files compared");
}

#[test]
fn refused_files_are_refused_by_both() {
    for fixture in [
        "alias-bomb.yaml",
        "deep-nesting.yaml",
        "syntax-error.yaml",
        "tabs.yaml",
        "two-documents.yaml",
    ] {
        let text = std::fs::read_to_string(Path::new("tests/fixtures").join(fixture)).unwrap();
        assert!(load::parse("f", &text).is_err(), "trappa read {fixture}");
        let options = serde_saphyr::options! {
            budget: Some({
                let mut budget = serde_saphyr::Budget::default();
                budget.max_depth = trappa::limits::MAX_DEPTH;
                budget
            }),
            alias_limits: {
                let mut limits = serde_saphyr::options::AliasLimits::default();
                limits.max_total_replayed_events = trappa::limits::MAX_ALIAS_COPIED_NODES;
                limits
            },
        };
        assert!(
            serde_saphyr::from_str_with_options::<Json>(&text, options).is_err(),
            "serde-saphyr read {fixture}"
        );
    }
}

#[test]
fn scalar_spellings_mean_the_same_as_with_serde_saphyr() {
    let spellings = [
        "1177",
        "-3",
        "+7",
        "0",
        "0x1F",
        "0o17",
        "1.5",
        ".5",
        "0.",
        "1e3",
        "-2E+05",
        "true",
        "True",
        "FALSE",
        "yes",
        "no",
        "on",
        "off",
        "~",
        "null",
        "NULL",
        "",
        "\"0128\"",
        "'x'",
        "\"true\"",
        "12:30",
        "2024-01-01",
        "1.2.3",
        "Vårdguiden 1177",
        "!!str 12",
        "!!int \"5\"",
        "!!float 2",
        "|\n  block\n",
        ">\n  folded\n",
    ];
    for spelling in spellings {
        let text = format!("v: {spelling}\n");
        let ours = json_of(&load::parse("f", &text).unwrap());
        let theirs = serde_saphyr_reading(&text).unwrap();
        assert_eq!(ours, theirs, "v: {spelling}");
    }
}

#[test]
fn where_the_readings_differ_on_purpose() {
    // trappa follows the YAML 1.2 core schema to the letter: `1_000` and
    // `0b101` are text there, serde-saphyr reads them as numbers. `0128` is
    // the number 128 to both, and its spelling is kept. The decoder reads all
    // three by their spelling where text is expected, and no inventory
    // number is written that way, so no inventory value changes.
    let reading = |text: &str| load::parse("f", &format!("v: {text}\n")).unwrap();
    let value = |text: &str| match reading(text).value {
        Value::Map(mut entries) => entries.remove(0).1,
        other => panic!("{other:?}"),
    };
    assert_eq!(value("0128").value, Value::Int(128));
    assert_eq!(value("0128").scalar_text(), Some("0128"));
    assert!(matches!(value("1_000").value, Value::Str { .. }));
    assert!(matches!(value("0b101").value, Value::Str { .. }));
    let theirs = |text: &str| serde_saphyr_reading(&format!("v: {text}\n")).unwrap()["v"].clone();
    assert_eq!(theirs("0128"), number(128.0));
    assert_eq!(theirs("1_000"), number(1000.0));
    assert_eq!(theirs("0b101"), number(5.0));
}
