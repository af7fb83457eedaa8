//! `trappa export` end to end: the default CSV read back with the `csv`
//! crate, the Excel dialect's bytes, the long-form indicators with
//! hand-computed values, the xlsx package's structure, refusal without a
//! partial file, and the README's column list.
//!
//! The fixture tests/fixtures/export-hostile holds two inventories:
//! `hostile-2014.yaml` (an agency without a code, services at steps 4, 2, 1,
//! take-up (900 + 0) / (1200 + 800) = 0.45) and `stockholm-2015.yaml`
//! (code "0180", one service at step 2 with 10 of 10 cases digital).

use crate::helpers::{EXPORT_HOSTILE, TRAPPA_BIN, root, stdout_of, trappa};
use serde_json::Value;
use std::io::Read;
use std::path::Path;
use std::process::Command;
use trappa::export::{columns, indicators_long};

fn read_csv(bytes: &[u8], delimiter: u8) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn default_csv_reads_back_with_the_csv_crate_and_matches_the_json_export() {
    let bytes = stdout_of(&["export", EXPORT_HOSTILE, "--lang", "en"]);
    assert!(
        !bytes.starts_with("\u{feff}".as_bytes()),
        "no BOM by default"
    );
    assert!(!bytes.contains(&b'\r'), "LF line endings");
    let (header, rows) = read_csv(&bytes, b',');
    assert_eq!(header, columns::names(&columns::services()));
    assert_eq!(header.len(), 50);
    assert_eq!(rows.len(), 4);

    let cell = |row: usize, name: &str| rows[row][column(&header, name)].as_str();
    // Text exactly as written: the default dialect guards nothing.
    assert_eq!(
        cell(0, "organisation.name"),
        r#"=HYPERLINK("http://x","y")"#
    );
    assert_eq!(cell(0, "name"), "+46 410 73 30 00");
    assert_eq!(cell(0, "description"), "-1+2");
    assert_eq!(cell(0, "platform"), "@SUM(A1:A2)");
    assert_eq!(cell(1, "description"), "\tIndrag med tab");
    assert_eq!(cell(1, "name"), "Ansökan om färdtjänst – åäö ÅÄÖ");
    assert_eq!(cell(1, "department_name"), "Äldreomsorg och övrigt");
    // Numbers with a decimal point; no data is empty, never 0.
    assert_eq!(cell(0, "year"), "2014");
    assert_eq!(cell(0, "volumes.cases"), "1200");
    assert_eq!(cell(0, "cost_per_case_sek"), "145.5");
    assert_eq!(cell(1, "volumes.digital"), "0");
    assert_eq!(cell(2, "volumes.cases"), "");
    assert_eq!(cell(2, "cost_per_case_sek"), "");
    // Lists joined with |, the derived, declared and target steps.
    assert_eq!(cell(0, "languages"), "sv|en");
    assert_eq!(cell(0, "evidence.exchange"), "=1+1|Skatteverket");
    assert_eq!(
        [
            cell(0, "step"),
            cell(0, "step_name"),
            cell(0, "declared_step")
        ],
        ["4", "integration", "4"]
    );
    assert_eq!(cell(1, "step"), "2");
    assert_eq!(
        cell(1, "next_step_missing"),
        "online_submission|eid_login_or_signing"
    );
    assert_eq!([cell(2, "step"), cell(2, "target_step")], ["1", ""]);
    assert_eq!(cell(3, "organisation.code"), "0180");
    assert_eq!(cell(3, "evidence.anonymous"), "true");

    // The same values as the JSON export, cell by cell.
    let json: Value = serde_json::from_slice(&stdout_of(&[
        "export",
        EXPORT_HOSTILE,
        "--lang",
        "en",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["trappa_export"], 1);
    let services = json["services"].as_array().unwrap();
    assert_eq!(services.len(), rows.len());
    for (row, service) in rows.iter().zip(services) {
        for (name, text) in header.iter().zip(row) {
            let value = name.split('.').fold(service, |v, key| &v[key]);
            // JSON writes a measure as a float (`81.0`) and CSV in its
            // shortest form (`81`): the same number.
            if let Value::Number(n) = value {
                let parsed: f64 = text.parse().unwrap_or(f64::NAN);
                assert_eq!(Some(parsed), n.as_f64(), "column {name}");
                continue;
            }
            let expected = match value {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                Value::Bool(b) => b.to_string(),
                Value::Number(_) => unreachable!("compared above"),
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
                    .join("|"),
                Value::Object(_) => panic!("{name} is an object in JSON"),
            };
            assert_eq!(text, &expected, "column {name}");
        }
    }
}

#[test]
fn excel_dialect_has_bom_semicolons_crlf_decimal_comma_and_guards() {
    let bytes = stdout_of(&["export", EXPORT_HOSTILE, "--excel", "--lang", "en"]);
    let text = String::from_utf8(bytes).unwrap();
    let body = text.strip_prefix('\u{feff}').expect("UTF-8 BOM");
    assert!(body.starts_with("organisation.name;organisation.code;"));
    assert_eq!(
        body.matches("\r\n").count(),
        5,
        "header and four rows, CRLF"
    );
    assert!(!body.replace("\r\n", "").contains('\n'));
    let (header, rows) = read_csv(body.as_bytes(), b';');
    let cell = |row: usize, name: &str| rows[row][column(&header, name)].as_str();
    assert_eq!(
        cell(0, "organisation.name"),
        r#"'=HYPERLINK("http://x","y")"#
    );
    assert_eq!(cell(0, "name"), "'+46 410 73 30 00");
    assert_eq!(cell(0, "description"), "'-1+2");
    assert_eq!(cell(0, "platform"), "'@SUM(A1:A2)");
    assert_eq!(cell(0, "evidence.exchange"), "'=1+1|Skatteverket");
    assert_eq!(cell(1, "description"), "'\tIndrag med tab");
    assert_eq!(cell(0, "cost_per_case_sek"), "145,5");
    assert_eq!(cell(0, "access.reviewed"), "2014-05-01");
    assert_eq!(cell(1, "name"), "Ansökan om färdtjänst – åäö ÅÄÖ");
}

fn indicator_rows(args: &[&str]) -> Vec<Vec<String>> {
    let (header, rows) = read_csv(&stdout_of(args), b',');
    assert_eq!(
        header,
        ["kpi", "municipality", "period", "department", "value"]
    );
    rows
}

fn value_of<'a>(
    rows: &'a [Vec<String>],
    kpi: &str,
    municipality: &str,
    department: &str,
) -> &'a str {
    rows.iter()
        .find(|r| r[0] == kpi && r[1] == municipality && r[3] == department)
        .unwrap_or_else(|| panic!("no row {kpi} {municipality} {department}"))[4]
        .as_str()
}

#[test]
fn indicators_in_long_form_have_hand_computed_values() {
    let rows = indicator_rows(&["export", EXPORT_HOSTILE, "--indicators"]);
    // 25 indicators (the four year-over-year ones need --previous) for the
    // agency, 25 for its one department, 25 for Stockholm.
    assert_eq!(rows.len(), 75);
    let agency = r#"=HYPERLINK("http://x","y")"#;
    assert_eq!(rows[0], ["services", agency, "2014", "", "3"]);
    assert_eq!(value_of(&rows, "e_services", agency, ""), "2");
    assert_eq!(value_of(&rows, "digital_uptake", agency, ""), "0.45");
    assert_eq!(
        value_of(&rows, "transaction_share", agency, ""),
        "0.3333333333333333"
    );
    assert_eq!(
        value_of(&rows, "mean_step", agency, ""),
        "2.3333333333333335"
    );
    assert_eq!(value_of(&rows, "cost_per_case_sek", agency, ""), "145.5");
    assert_eq!(value_of(&rows, "pdf_forms", agency, ""), "1");
    // `info` has no department: the department row counts the other two.
    assert_eq!(value_of(&rows, "services", agency, "aldre"), "2");
    assert_eq!(value_of(&rows, "transaction_share", agency, "aldre"), "0.5");
    // The municipality is the SCB code when there is one.
    assert_eq!(value_of(&rows, "digital_uptake", "0180", ""), "1");
    let stockholm: Vec<&Vec<String>> = rows.iter().filter(|r| r[1] == "0180").collect();
    assert_eq!(stockholm.len(), 25);
    assert!(stockholm.iter().all(|r| r[2] == "2015" && r[3].is_empty()));
    // No data is an empty value, a real zero is 0.
    assert_eq!(value_of(&rows, "satisfaction_pct", "0180", ""), "");
    assert_eq!(value_of(&rows, "eid_share", "0180", ""), "0");
    // The same records as the library builds from the report.
    let names = trappa::export::columns::names(&indicators_long::columns());
    assert_eq!(
        names,
        ["kpi", "municipality", "period", "department", "value"]
    );
}

#[test]
fn indicators_as_json_carry_null_for_no_data_and_for_the_whole_organisation() {
    let json: Value = serde_json::from_slice(&stdout_of(&[
        "export",
        "tests/fixtures/export-hostile/stockholm-2015.yaml",
        "--indicators",
        "--format",
        "json",
    ]))
    .unwrap();
    let rows = json["indicators"].as_array().unwrap();
    assert_eq!(rows.len(), 25);
    assert_eq!(
        rows[0],
        serde_json::json!({"kpi": "services", "municipality": "0180", "period": 2015, "department": null, "value": 1})
    );
    let satisfaction = rows
        .iter()
        .find(|r| r["kpi"] == "satisfaction_pct")
        .unwrap();
    assert_eq!(satisfaction["value"], Value::Null);
}

/// The text of one part of an xlsx package.
fn xlsx_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no {name} in the xlsx"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn xlsx_has_three_sheets_frozen_filtered_typed_and_no_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("services.xlsx");
    let path_text = path.to_str().unwrap();
    stdout_of(&[
        "export",
        EXPORT_HOSTILE,
        "--format",
        "xlsx",
        "--lang",
        "en",
        "-o",
        path_text,
    ]);
    let bytes = std::fs::read(&path).unwrap();

    let workbook = xlsx_part(&bytes, "xl/workbook.xml");
    let sheets: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(sheets, ["services", "indicators", "departments"]);

    let services = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        services.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        )
    );
    // 50 columns (A..AX), a header and four rows.
    assert!(
        services.contains(r#"<autoFilter ref="A1:AX5"/>"#),
        "{services}"
    );
    assert!(services.contains("<cols>"));
    for sheet in 1..=3 {
        let xml = xlsx_part(&bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(!xml.contains("<f>"), "sheet {sheet} holds a formula");
        assert!(
            !xml.contains(r#"t="str""#),
            "sheet {sheet} holds a formula result"
        );
    }
    // Strings are inline strings; numbers are numbers.
    assert!(
        services.contains(r#"<t>=HYPERLINK("http://x","y")</t>"#)
            || services.contains("<t>=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</t>")
    );
    assert!(services.contains("<v>145.5</v>"));
    assert!(services.contains("<t>0180</t>"), "the code stays text");

    let indicators = xlsx_part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(indicators.contains(r#"<autoFilter ref="A1:E76"/>"#));
    assert!(indicators.contains("<v>0.45</v>"));

    // The same inventories give the same bytes (no timestamp).
    let again = dir.path().join("again.xlsx");
    stdout_of(&[
        "export",
        EXPORT_HOSTILE,
        "--format",
        "xlsx",
        "--lang",
        "en",
        "-o",
        again.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read(&again).unwrap(), bytes);
}

#[test]
fn an_inventory_with_errors_writes_nothing_and_names_every_failing_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("services.csv");
    std::fs::write(&target, "earlier export\n").unwrap();
    let out = trappa(&[
        "export",
        EXPORT_HOSTILE,
        "examples/broken.yaml",
        "tests/fixtures/contradictions.yaml",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("examples/broken.yaml has errors"),
        "{stderr}"
    );
    assert!(
        stderr.contains("tests/fixtures/contradictions.yaml has errors"),
        "{stderr}"
    );
    assert!(
        stderr.contains("nothing written: 2 of 4 inventories refused"),
        "{stderr}"
    );
    assert!(
        stderr.contains("E006"),
        "the diagnostics are printed: {stderr}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "earlier export\n"
    );
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file left behind");
}

#[test]
fn the_readme_lists_every_column_in_order() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("### `export`").expect("an export section")..];
    for table in [
        columns::markdown_table(&columns::services()),
        columns::markdown_table(&indicators_long::columns()),
    ] {
        assert!(
            section.contains(&table),
            "README's export section must hold this table exactly:\n{table}"
        );
    }
}

#[test]
fn indicators_as_xlsx_are_one_filtered_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("indicators.xlsx");
    stdout_of(&[
        "export",
        EXPORT_HOSTILE,
        "--indicators",
        "--format",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&path).unwrap();
    let workbook = xlsx_part(&bytes, "xl/workbook.xml");
    assert_eq!(workbook.matches("<sheet name=").count(), 1);
    assert!(workbook.contains(r#"<sheet name="indicators""#));
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<autoFilter ref="A1:E76"/>"#));
}

#[test]
fn standard_input_is_an_inventory_like_any_file() {
    use std::io::Write;
    let mut child = Command::new(TRAPPA_BIN)
        .args(["export", "-", "--indicators"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read(Path::new(EXPORT_HOSTILE).join("stockholm-2015.yaml")).unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let (_, rows) = read_csv(&out.stdout, b',');
    assert_eq!(rows.len(), 25);
    assert_eq!(rows[0], ["services", "0180", "2015", "", "1"]);
}

/// A region's indicators carry its code as Kolada writes it, four digits
/// ("0014" for Västra Götaland), so they join with Kolada's data; a
/// municipality keeps its four-digit code as it is.
#[test]
fn a_regions_long_form_code_is_koladas() {
    let rows = indicator_rows(&[
        "export",
        "--indicators",
        "tests/fixtures/region/vgr-2023.yaml",
        "tests/fixtures/compare/ale-2023.yaml",
    ]);
    let codes: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(codes, ["0014", "1440"].into_iter().collect());
}

/// `classify --format csv --excel` is the same dialect as every CSV trappa
/// writes: a name that a spreadsheet would run as a formula is guarded
/// (`classify` wrote it raw, and had no `--excel`).
#[test]
fn classify_csv_for_excel_guards_formulas() {
    let bytes = stdout_of(&[
        "classify",
        "--format",
        "csv",
        "--excel",
        "tests/fixtures/export-hostile/hostile-2014.yaml",
    ]);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with('\u{feff}'), "BOM");
    assert!(text.contains("'+46 410 73 30 00"), "{text}");
    assert!(!text.contains(";+46"), "{text}");
    assert!(text.contains("\r\n"));
    let plain = String::from_utf8(stdout_of(&[
        "classify",
        "--format",
        "csv",
        "tests/fixtures/export-hostile/hostile-2014.yaml",
    ]))
    .unwrap();
    assert!(plain.contains(",+46 410 73 30 00,"), "{plain}");
    let misuse = trappa(&["classify", "--excel", "examples/trelleborg-2014.yaml"]);
    assert_eq!(misuse.status.code(), Some(2));
}

/// The Markdown report rendered as GitHub renders it (comrak, the Rust port
/// of GitHub's cmark-gfm, with its autolink, strike-through and table
/// extensions): names that look like markup stay text — no link, no
/// strike-through, the entity shown as written.
#[test]
fn markdown_shows_names_as_text_on_github() {
    let markdown = String::from_utf8(stdout_of(&[
        "report",
        "--format",
        "markdown",
        "tests/fixtures/markdown-hostile.yaml",
    ]))
    .unwrap();
    let mut options = comrak::Options::default();
    options.extension.autolink = true;
    options.extension.strikethrough = true;
    options.extension.table = true;
    let html = comrak::markdown_to_html(&markdown, &options);
    assert!(!html.contains("<a "), "a link:\n{html}");
    assert!(!html.contains("<del>"), "a strike-through:\n{html}");
    for shown in [
        "Kommun &amp;amp; ~~Bolag~~",
        "Se https://evil.example/phish och www.evil.se",
        "Mejla kontakt@evil.se ~~nu~~ &amp;lt;b&amp;gt;",
    ] {
        assert!(html.contains(shown), "`{shown}` not shown as text:\n{html}");
    }
}

/// `type` is the last column: the service's type id, empty when untyped.
#[test]
fn the_type_column_is_last_and_empty_when_untyped() {
    let bytes = stdout_of(&["export", "examples/survey/ale-2024.yaml", "--lang", "en"]);
    let (header, rows) = read_csv(&bytes, b',');
    assert_eq!(header.last().map(String::as_str), Some("type"));
    let types: Vec<&str> = rows.iter().map(|r| r.last().unwrap().as_str()).collect();
    assert_eq!(types, ["bygglov", "forskoleansokan", "felanmalan", ""]);
}
