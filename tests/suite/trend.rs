//! `trappa trend` against `trappa report`, through the binary and its JSON:
//! every year of a trend is the report of that year, every pair of
//! consecutive inventories is `report --previous`, and with two years the
//! targets' statuses are the report's. For the examples (Trelleborg
//! 2012–2015) and the Provby fixtures, whose 2013 is a gap. Generated series
//! are in properties.rs.

use crate::helpers::{stdout_of, trappa};
use serde_json::Value;

const TRELLEBORG: [&str; 4] = [
    "examples/trelleborg-2012.yaml",
    "examples/trelleborg-2013.yaml",
    "examples/trelleborg-2014.yaml",
    "examples/trelleborg-2015.yaml",
];
const TRELLEBORG_TARGETS: &str = "examples/targets-trelleborg.yaml";
const PROVBY: [&str; 3] = [
    "tests/fixtures/trend/provby-2012.yaml",
    "tests/fixtures/trend/provby-2014.yaml",
    "tests/fixtures/trend/provby-2015.yaml",
];
const PROVBY_TARGETS: &str = "tests/fixtures/trend/targets-provby.yaml";

fn json_of(args: &[&str]) -> Value {
    serde_json::from_slice(&stdout_of(args)).expect("JSON")
}

fn trend_json(files: &[&str], targets: Option<&str>) -> Value {
    let mut args = vec!["trend", "--format", "json"];
    args.extend(files);
    if let Some(t) = targets {
        args.extend(["--targets", t]);
    }
    json_of(&args)
}

fn report_json(file: &str, previous: Option<&str>, targets: Option<&str>) -> Value {
    let mut args = vec!["report", "--format", "json", file];
    if let Some(p) = previous {
        args.extend(["--previous", p]);
    }
    if let Some(t) = targets {
        args.extend(["--targets", t]);
    }
    json_of(&args)
}

/// The trend's entry of `year` in a list of `{"year": …}` objects.
fn at_year(list: &Value, year: i64) -> Option<&Value> {
    list.as_array()?.iter().find(|v| v["year"] == year)
}

fn series<'a>(trend: &'a Value, id: &str) -> &'a Value {
    trend["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no series {id}"))
}

/// Every number of `report FILE` is the trend's number of that year: each
/// indicator of the organisation (value, numerator, denominator), the
/// ladder distribution, and every department's indicators.
fn assert_year_is_its_report(trend: &Value, file: &str) {
    let report = report_json(file, None, None);
    let year = report["year"].as_i64().unwrap();
    for row in report["indicators"].as_array().unwrap() {
        let id = row["id"].as_str().unwrap();
        let ours = at_year(&series(trend, id)["values"], year)
            .unwrap_or_else(|| panic!("{file}: {id} has no {year}"));
        for key in ["value", "numerator", "denominator"] {
            assert_eq!(ours[key], row[key], "{file}: {id}.{key}");
        }
    }
    let steps = &at_year(&trend["distribution"], year).unwrap()["steps"];
    for (ours, theirs) in steps
        .as_array()
        .unwrap()
        .iter()
        .zip(report["distribution"].as_array().unwrap())
    {
        assert_eq!(ours["services"], theirs["services"], "{file}: distribution");
        assert_eq!(ours["share"], theirs["share"], "{file}: distribution");
    }
    for department in report["departments"].as_array().unwrap() {
        let ours = trend["departments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == department["id"])
            .unwrap_or_else(|| panic!("{file}: no department {}", department["id"]));
        let ours = at_year(&ours["years"], year).expect("the department's year");
        assert_eq!(
            ours["indicators"], department["indicators"],
            "{file}: department {}",
            department["id"]
        );
    }
}

/// `report FILE --previous BEFORE` is the trend's year of FILE: every
/// value and change, the four counts of changes, and their lists.
fn assert_pair_is_report_previous(trend: &Value, file: &str, before: &str) {
    let report = report_json(file, Some(before), None);
    let year = report["year"].as_i64().unwrap();
    let since = at_year(&trend["years"], year).unwrap()["since"].clone();
    assert_eq!(since, report["previous_year"], "{file}: since");
    for row in report["indicators"].as_array().unwrap() {
        let id = row["id"].as_str().unwrap();
        let ours = at_year(&series(trend, id)["values"], year).unwrap();
        assert_eq!(ours["value"], row["value"], "{file}: {id}");
        assert_eq!(ours["change"], row["change"], "{file}: change of {id}");
    }
    let ours = at_year(&trend["changes"], year).expect("changes of the year");
    for key in ["new", "retired", "stepped_up", "stepped_down"] {
        assert_eq!(ours[key], report["changes"][key], "{file}: {key}");
    }
}

#[test]
fn each_year_of_the_examples_is_its_report_and_each_pair_report_previous() {
    let trend = trend_json(&TRELLEBORG, None);
    assert_eq!(trend["trappa_trend"], 1);
    assert_eq!(
        (trend["first_year"].as_i64(), trend["last_year"].as_i64()),
        (Some(2012), Some(2015))
    );
    assert_eq!(trend["gaps"], serde_json::json!([]));
    for file in TRELLEBORG {
        assert_year_is_its_report(&trend, file);
    }
    for pair in TRELLEBORG.windows(2) {
        assert_pair_is_report_previous(&trend, pair[1], pair[0]);
    }
}

#[test]
fn a_gap_year_is_a_gap_and_the_change_across_it_is_report_previous() {
    // Input order does not matter: the years are put in order.
    let trend = trend_json(&[PROVBY[2], PROVBY[0], PROVBY[1]], None);
    assert_eq!(trend["gaps"], serde_json::json!([2013]));
    let years = &trend["years"];
    assert_eq!(at_year(years, 2013).unwrap()["file"], Value::Null);
    assert_eq!(at_year(years, 2014).unwrap()["since"], 2012);
    // No series has a value for 2013: nothing is filled in.
    for s in trend["indicators"].as_array().unwrap() {
        assert!(at_year(&s["values"], 2013).is_none(), "{}", s["id"]);
    }
    for file in PROVBY {
        assert_year_is_its_report(&trend, file);
    }
    // 2014 against 2012, the inventory before it, as `report --previous` takes it.
    assert_pair_is_report_previous(&trend, PROVBY[1], PROVBY[0]);
    assert_pair_is_report_previous(&trend, PROVBY[2], PROVBY[1]);
    // Hand-computed (tests/fixtures/trend/provby-2012.yaml): 25 %, 50 %, 75 %.
    let values: Vec<&Value> = series(&trend, "transaction_share")["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["value"])
        .collect();
    assert_eq!(values, [0.25, 0.5, 0.75]);
}

#[test]
fn with_two_years_the_targets_are_the_reports() {
    // Trelleborg's targets have baselines in 2013 or none; Provby's none.
    for (files, targets) in [
        (&TRELLEBORG[1..3], TRELLEBORG_TARGETS),
        (&TRELLEBORG[2..4], TRELLEBORG_TARGETS),
        (&PROVBY[1..3], PROVBY_TARGETS),
        (&PROVBY[0..2], PROVBY_TARGETS),
    ] {
        let trend = trend_json(files, Some(targets));
        let report = report_json(files[1], Some(files[0]), Some(targets));
        let ours: Vec<&Value> = trend["targets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| &t["status"])
            .collect();
        let theirs: Vec<&Value> = report["targets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| &t["status"])
            .collect();
        assert_eq!(ours, theirs, "{files:?}");
        // Two points, the report's two — unless the baseline is older than
        // the first year: the report then ignores the first year's value,
        // the trend keeps it as a third point (README, "trend").
        let first = trend["first_year"].as_i64().unwrap();
        for t in trend["targets"].as_array().unwrap() {
            let points = t["points"].as_array().unwrap();
            if points
                .first()
                .is_some_and(|p| p["year"].as_i64() < Some(first))
            {
                assert_eq!(points.len(), 3, "{t}");
            } else {
                assert!(points.len() <= 2, "{t}");
            }
        }
    }
}

#[test]
fn the_examples_targets_over_the_whole_period() {
    let trend = trend_json(&TRELLEBORG, Some(TRELLEBORG_TARGETS));
    let summary: Vec<(String, String, Option<i64>)> = trend["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["indicator"].as_str().unwrap().to_string(),
                t["status"].as_str().unwrap().to_string(),
                t["reached_in"].as_i64(),
            )
        })
        .collect();
    let expected = [
        ("transaction_share", "met", None),
        ("eid_share", "missed", Some(2016)),
        ("case_tracking_share", "met", None),
        ("always_open_share", "missed", Some(2057)),
        ("accessibility_statement_share", "missed", Some(2025)),
        ("digital_uptake", "missed", Some(2016)),
        ("pdf_forms", "missed", None),
    ];
    let expected: Vec<(String, String, Option<i64>)> = expected
        .iter()
        .map(|(i, s, r)| (i.to_string(), s.to_string(), *r))
        .collect();
    assert_eq!(summary, expected);
    // e-ID: baseline 0.17 (2013), then 13 of 25 (2014) and 17 of 27 (2015):
    // mean year 2014, slope (17/27 − 0.17) / 2 a year.
    let eid = &trend["targets"][1];
    let points: Vec<i64> = eid["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["year"].as_i64().unwrap())
        .collect();
    assert_eq!(points, [2013, 2014, 2015]);
    let slope = eid["slope"].as_f64().unwrap();
    assert!(
        (slope - (17.0 / 27.0 - 0.17) / 2.0).abs() < 1e-12,
        "{slope}"
    );
    // PDF forms in Socialförvaltningen: 1, 1, 1 from the baseline: flat.
    assert_eq!(trend["targets"][6]["slope"], 0.0);
    assert_eq!(trend["targets"][6]["pace"], "not_at_this_pace");
}

#[test]
fn the_output_does_not_depend_on_input_order_or_threads() {
    let forward = stdout_of(&[
        "trend",
        "--format",
        "json",
        TRELLEBORG[0],
        TRELLEBORG[1],
        TRELLEBORG[2],
        TRELLEBORG[3],
    ]);
    let backward = stdout_of(&[
        "trend",
        "-j",
        "1",
        "--format",
        "json",
        TRELLEBORG[3],
        TRELLEBORG[2],
        TRELLEBORG[1],
        TRELLEBORG[0],
    ]);
    assert_eq!(forward, backward);
}

#[test]
fn the_csv_holds_the_json_numbers() {
    let csv = String::from_utf8(stdout_of(&[
        "trend", "--format", "csv", PROVBY[0], PROVBY[1], PROVBY[2],
    ]))
    .unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("department,indicator,2012,2013,2014,2015")
    );
    let share = csv
        .lines()
        .find(|l| l.starts_with(",transaction_share,"))
        .unwrap();
    // 2013 is a gap: an empty cell, never 0.
    assert_eq!(share, ",transaction_share,0.25,,0.5,0.75");
    assert!(csv.contains("\nkultur,services,1,,1,\n"), "{csv}");
    assert!(csv.contains("\nfritid,services,,,,2\n"), "{csv}");
}

#[test]
fn every_format_in_both_languages_on_the_examples() {
    for lang in ["sv", "en"] {
        for format in ["table", "markdown", "json", "csv", "html"] {
            let mut args = vec!["trend", "--lang", lang, "--format", format];
            args.extend(TRELLEBORG);
            args.extend(["--targets", TRELLEBORG_TARGETS]);
            let out = trappa(&args);
            assert_eq!(out.status.code(), Some(0), "{lang} {format}");
            assert!(
                out.stderr.is_empty(),
                "{lang} {format}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains("2015"), "{lang} {format}");
        }
    }
}

#[test]
fn refusals() {
    // Another organisation: exit 2, naming both files.
    let out = trappa(&["trend", TRELLEBORG[1], "examples/norrkoping-2008.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("examples/norrkoping-2008.yaml") && err.contains(TRELLEBORG[1]),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    // The same year twice: exit 2, naming both files.
    let out = trappa(&["trend", "tests/fixtures/trend-twice"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tests/fixtures/trend-twice/provby-2014.yaml")
            && err.contains("tests/fixtures/trend-twice/provby-2014-copy.yaml"),
        "{err}"
    );
    // The same file twice is read once (as by every command), not a second year.
    let out = trappa(&["trend", PROVBY[0], PROVBY[0]]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // An inventory with errors: exit 1, nothing written.
    let out = trappa(&["trend", TRELLEBORG[1], "examples/broken.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    // Only a targets file in a directory: nothing to follow, exit 2.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(PROVBY_TARGETS, dir.path().join("targets.yaml")).unwrap();
    let out = trappa(&["trend", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no inventory to follow"));
    // Standard input once only.
    let out = trappa(&["trend", "-", "--targets", "-"]);
    assert_eq!(out.status.code(), Some(2));
}
