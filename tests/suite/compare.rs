//! `compare` on the fixtures of tests/fixtures/compare, every figure worked
//! out by hand (the working is also in each fixture's header comment), and
//! the promise that a row shows the very numbers `report` shows.

use crate::helpers::{close, trappa, valid};
use std::path::Path;
use trappa::compare::{self, COLUMNS, Row};
use trappa::inventory::Indicator;
use trappa::pipeline::check_path;

fn row(path: &str) -> Row {
    let checked = valid(path);
    Row::of(&checked.source.name, checked.valid_inventory().unwrap())
}

/// Asserts the eight values of a row, in `COLUMNS` order.
#[track_caller]
fn assert_values(row: &Row, expected: [Option<f64>; 8]) {
    for ((id, actual), expected) in COLUMNS.iter().zip(row.values).zip(expected) {
        assert!(
            close(actual, expected),
            "{} {id}: expected {expected:?}, got {actual:?}",
            row.file
        );
    }
}

#[test]
fn each_fixture_row_is_worked_out_by_hand() {
    // services, e_services, transaction_share, mean_step, eid_share,
    // case_tracking_share, digital_uptake, accessibility_statement_share
    //
    // Ale 2023: steps 1, 2, 3, 4. Step >= 3: 2 of 4. Mean 10/4. Case services
    // felanmalan (offline), bygglov, parkering: e-ID bygglov + parkering = 2/3,
    // tracking bygglov = 1/3. Take-up (0+150+90)/(100+200+100) = 240/400.
    // Statement: felanmalan, bygglov of the 3 e-services.
    assert_values(
        &row("tests/fixtures/compare/ale-2023.yaml"),
        [
            Some(4.0),
            Some(3.0),
            Some(0.5),
            Some(2.5),
            Some(2.0 / 3.0),
            Some(1.0 / 3.0),
            Some(0.6),
            Some(2.0 / 3.0),
        ],
    );
    // Ale 2024: the planned e-arkiv does not count. Two step-3 services.
    // Tracking 1/2; take-up (240+100)/(300+100) = 0.85.
    assert_values(
        &row("tests/fixtures/compare/ale-2024.yaml"),
        [
            Some(2.0),
            Some(2.0),
            Some(1.0),
            Some(3.0),
            Some(1.0),
            Some(0.5),
            Some(0.85),
            Some(1.0),
        ],
    );
    // Älmhult 2023: steps 3, 3, 2, 2; the form-only service is no case
    // service. e-ID 2/3, tracking 0/3 = 0 (a value, not no data);
    // take-up (50+20+20)/(50+30+20) = 0.9.
    assert_values(
        &row("tests/fixtures/compare/almhult-2023.yaml"),
        [
            Some(4.0),
            Some(4.0),
            Some(0.5),
            Some(2.5),
            Some(2.0 / 3.0),
            Some(0.0),
            Some(0.9),
            Some(1.0),
        ],
    );
    // Åre 2023: three step-3 services; tracking external + portal = 2/3;
    // take-up (5+15+30)/(10+30+60) = 0.5; one statement of three.
    assert_values(
        &row("tests/fixtures/compare/are-2023.yaml"),
        [
            Some(3.0),
            Some(3.0),
            Some(1.0),
            Some(3.0),
            Some(1.0),
            Some(2.0 / 3.0),
            Some(0.5),
            Some(1.0 / 3.0),
        ],
    );
    // Örebro 2023: no case services, so e-ID, tracking and take-up are no
    // data, never 0; the share at step >= 3 is 0 of 2, which is data.
    assert_values(
        &row("tests/fixtures/compare/orebro-2023.yaml"),
        [
            Some(2.0),
            Some(1.0),
            Some(0.0),
            Some(1.5),
            None,
            None,
            None,
            Some(1.0),
        ],
    );
    // Örebro 2024: only a planned service: counts are 0, every ratio no data.
    assert_values(
        &row("tests/fixtures/compare/orebro-2024.yaml"),
        [Some(0.0), Some(0.0), None, None, None, None, None, None],
    );
}

#[test]
fn rows_are_sorted_in_swedish_order_and_ranked_per_year() {
    let rows = compare::finish(
        [
            "orebro-2024",
            "are-2023",
            "ale-2024",
            "orebro-2023",
            "almhult-2023",
            "ale-2023",
        ]
        .iter()
        .map(|name| row(&format!("tests/fixtures/compare/{name}.yaml")))
        .collect(),
    );
    let seen: Vec<(&str, i32, Option<usize>)> = rows
        .iter()
        .map(|r| (r.organisation.as_str(), r.year, r.rank))
        .collect();
    // 2023: Åre 1.0 → 1; Ale and Älmhult 0.5 → 2 and 2; Örebro 0.0 → 4
    // (standard competition ranking). 2024: Ale 1.0 → 1; Örebro has no
    // live services, so no share and no rank.
    assert_eq!(
        seen,
        [
            ("Ale kommun", 2023, Some(2)),
            ("Ale kommun", 2024, Some(1)),
            ("Åre kommun", 2023, Some(1)),
            ("Älmhults kommun", 2023, Some(2)),
            ("Örebro kommun", 2023, Some(4)),
            ("Örebro kommun", 2024, None),
        ]
    );
}

#[test]
fn a_row_shows_the_numbers_the_report_shows() {
    for path in [
        "examples/trelleborg-2014.yaml",
        "examples/trelleborg-2013.yaml",
        "examples/norrkoping-2008.yaml",
    ] {
        let checked = check_path(Path::new(path)).unwrap();
        let inventory = checked.valid_inventory().unwrap();
        let report = trappa::report::build(inventory, None, None).unwrap();
        let row = Row::of(path, inventory);
        for id in COLUMNS {
            let shown = report.indicator(id).and_then(|i| i.value);
            assert_eq!(row.value(id), shown, "{path} {id}");
        }
    }
}

#[test]
fn trelleborg_2014_headline_by_hand() {
    // The README's main example: 13 of its 30 live services are at step 3 or
    // 4 (13/30 = 43.3 %), as `report` prints in its headline.
    let row = row("examples/trelleborg-2014.yaml");
    assert_eq!(row.value(Indicator::Services), Some(30.0));
    assert_eq!(row.value(Indicator::TransactionShare), Some(13.0 / 30.0));
}

#[test]
fn excel_csv_bytes_have_bom_semicolons_decimal_comma_and_crlf() {
    let out = trappa(&[
        "compare",
        "--format",
        "csv",
        "--excel",
        "tests/fixtures/compare/ale-2023.yaml",
        "tests/fixtures/compare/orebro-2023.yaml",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let expected = "\u{feff}organisation;code;kind;year;services;e_services;transaction_share;mean_step;eid_share;case_tracking_share;digital_uptake;accessibility_statement_share;rank;file\r\n\
        Ale kommun;1440;municipality;2023;4;3;0,5;2,5;0,6666666666666666;0,3333333333333333;0,6;0,6666666666666666;1;tests/fixtures/compare/ale-2023.yaml\r\n\
        Örebro kommun;1880;municipality;2023;2;1;0;1,5;;;;1;2;tests/fixtures/compare/orebro-2023.yaml\r\n";
    assert_eq!(text, expected);
}

#[test]
fn output_file_is_written_whole_and_left_alone_on_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("compare.json");
    let target_arg = target.to_str().unwrap();
    let out = trappa(&[
        "compare",
        "--format",
        "json",
        "-o",
        target_arg,
        "tests/fixtures/compare",
    ]);
    assert!(out.status.success(), "{out:?}");
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(written["trappa_compare"], 1);
    assert_eq!(written["rows"].as_array().unwrap().len(), 6);
    assert_eq!(written["rows"][4]["eid_share"], serde_json::Value::Null);
    assert_eq!(written["rows"][4]["rank"], 4);

    // A refused run (a file with errors) exits 1 and leaves the previous
    // output untouched, naming every failing file.
    let before = std::fs::read(&target).unwrap();
    let out = trappa(&[
        "compare",
        "--format",
        "json",
        "-o",
        target_arg,
        "tests/fixtures/compare",
        "tests/fixtures/version-2.yaml",
        "tests/fixtures/wrong-types.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "nothing compared: 2 of 8 inventories refused: tests/fixtures/version-2.yaml, tests/fixtures/wrong-types.yaml"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&target).unwrap(), before);
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[test]
fn hundreds_of_inventories_stream_through() {
    // Generated municipalities would need real SCB codes; agencies have
    // none, so any name will do.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        let online = i % 4; // 0..=3 of 3 services at step 3
        let mut yaml = format!(
            "trappa: 1\norganisation:\n  name: Myndighet {i:03}\n  kind: agency\nyear: 2024\nservices:\n"
        );
        for s in 0..3 {
            let evidence = if s < online {
                "{ submission: online, login: eid }"
            } else {
                "{ download_form: true }"
            };
            yaml.push_str(&format!(
                "  - id: tjanst-{s}\n    name: Tjänst {s}\n    evidence: {evidence}\n    access: {{ accessibility_statement: https://example.se/t }}\n    volumes: {{ cases: 10, digital: 5 }}\n"
            ));
        }
        std::fs::write(dir.path().join(format!("m{i:03}.yaml")), yaml).unwrap();
    }
    let out = trappa(&["compare", "--format", "csv", dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 301);
    // 75 agencies each have 3/3, 2/3, 1/3 and 0/3 at step 3: ranks 1, 76, 151, 226.
    let rank_of = |name: &str| {
        let line = lines.iter().find(|l| l.starts_with(name)).unwrap();
        line.split(',').nth(12).unwrap().to_string()
    };
    assert_eq!(rank_of("Myndighet 003,"), "1");
    assert_eq!(rank_of("Myndighet 002,"), "76");
    assert_eq!(rank_of("Myndighet 001,"), "151");
    assert_eq!(rank_of("Myndighet 000,"), "226");
}
