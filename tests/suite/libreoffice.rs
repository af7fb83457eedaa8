//! The real client: LibreOffice Calc opens what `trappa export` writes.
//!
//! The `--excel` CSVs are imported the way Swedish Excel would read them
//! (`;`, UTF-8, language sv-SE so `145,5` is a number, formulas evaluated),
//! the xlsx is opened as is, and both are saved as flat ODS (one XML file)
//! whose cells say their type, value and text. Two soffice runs in all,
//! shared by every test here.
//!
//! Needs `soffice` (Debian package `libreoffice-calc`); without it the tests
//! fail, unless TRAPPA_SKIP_REAL_CLIENTS=1, when they pass with "SKIPPED".
//!
//! Hand-computed values of the fixture (tests/fixtures/export-hostile):
//! services at steps 4, 2, 1; take-up (900 + 0) / (1200 + 800) = 0.45;
//! transaction_share 1/3; mean step 7/3; the department `aldre` holds steps
//! 4 and 2, so its transaction_share is 1/2.

use crate::helpers::{EXPORT_HOSTILE, real_client_missing, stdout_of_env};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use trappa::export::{columns, indicators_long};

const PACKAGE: &str = "libreoffice-calc";
/// CSV import: `;` (59), `"` (34), UTF-8 (76), from line 1, default column
/// types, language sv-SE (1053), quoted fields not forced to text, special
/// numbers (dates) detected, …, all sheets, and formulas evaluated (token
/// 13): the strictest reading, so an unguarded `=…` would become a formula.
const SWEDISH_EXCEL_IMPORT: &str = "CSV:59,34,76,1,,1053,false,true,false,false,false,-1,true";
const SOFFICE_TIME_LIMIT: Duration = Duration::from_secs(180);

/// One cell as LibreOffice holds it.
#[derive(Clone, Debug, Default, PartialEq)]
struct LoCell {
    /// `string`, `float`, `percentage`, `date`, … ; empty for an empty cell.
    kind: String,
    /// `office:value` (or `office:date-value`).
    value: Option<String>,
    text: String,
    formula: Option<String>,
}

impl LoCell {
    fn number(&self) -> f64 {
        self.value
            .as_deref()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("not a number cell: {self:?}"))
    }
}

#[derive(Debug)]
struct LoSheet {
    name: String,
    rows: Vec<Vec<LoCell>>,
}

impl LoSheet {
    fn header(&self) -> Vec<&str> {
        self.rows[0].iter().map(|c| c.text.as_str()).collect()
    }

    /// The cell of data row `row` (0 = first row under the header) in column `name`.
    fn cell(&self, row: usize, name: &str) -> &LoCell {
        let col = self
            .header()
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("sheet {} has no column {name}", self.name));
        static EMPTY: OnceLock<LoCell> = OnceLock::new();
        self.rows[row + 1]
            .get(col)
            .unwrap_or_else(|| EMPTY.get_or_init(LoCell::default))
    }

    /// The data row whose cells in `key` columns hold the given texts.
    fn find(&self, key: &[(&str, &str)]) -> usize {
        (0..self.rows.len() - 1)
            .find(|&r| {
                key.iter()
                    .all(|(name, text)| self.cell(r, name).text == *text)
            })
            .unwrap_or_else(|| panic!("sheet {} has no row {key:?}", self.name))
    }

    fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    fn cells(&self) -> impl Iterator<Item = &LoCell> {
        self.rows.iter().flatten()
    }
}

struct Converted {
    services_csv: LoSheet,
    indicators_csv: LoSheet,
    workbook: Vec<LoSheet>,
    /// `table:database-range` elements of the workbook: its autofilters.
    workbook_ranges: Vec<String>,
}

fn converted() -> Option<&'static Converted> {
    static CONVERTED: OnceLock<Option<Converted>> = OnceLock::new();
    CONVERTED
        .get_or_init(|| {
            let Some(soffice) = find_soffice() else {
                real_client_missing(&format!(
                    "LibreOffice Calc (soffice) is not installed: install the Debian package {PACKAGE}"
                ));
                return None;
            };
            Some(convert(&soffice))
        })
        .as_ref()
}

pub(crate) fn find_soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["soffice", "libreoffice"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Runs `trappa ARGS` with NO_COLOR=1 (each run here names `--lang en`); it must succeed.
fn trappa(args: &[&str]) {
    stdout_of_env(args, &[("NO_COLOR", "1")]);
}

fn convert(soffice: &Path) -> Converted {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let lang = ["--lang", "en"];
    trappa(
        &[
            &[
                "export",
                EXPORT_HOSTILE,
                "--excel",
                "-o",
                &at("services.csv"),
            ][..],
            &lang,
        ]
        .concat(),
    );
    trappa(
        &[
            &[
                "export",
                EXPORT_HOSTILE,
                "--excel",
                "--indicators",
                "-o",
                &at("indicators.csv"),
            ][..],
            &lang,
        ]
        .concat(),
    );
    trappa(
        &[
            &[
                "export",
                EXPORT_HOSTILE,
                "--format",
                "xlsx",
                "-o",
                &at("workbook.xlsx"),
            ][..],
            &lang,
        ]
        .concat(),
    );
    let out = dir.path().join("out");
    let infilter = format!("--infilter={SWEDISH_EXCEL_IMPORT}");
    run_soffice(
        soffice,
        dir.path(),
        &[&infilter, &at("services.csv"), &at("indicators.csv")],
        &out,
    );
    run_soffice(soffice, dir.path(), &[&at("workbook.xlsx")], &out);
    let read = |name: &str| {
        std::fs::read_to_string(out.join(name))
            .unwrap_or_else(|e| panic!("LibreOffice did not write {name}: {e}"))
    };
    let first = |xml: &str| parse_fods(xml).0.into_iter().next().expect("one sheet");
    let workbook_xml = read("workbook.fods");
    let (workbook, workbook_ranges) = parse_fods(&workbook_xml);
    Converted {
        services_csv: first(&read("services.fods")),
        indicators_csv: first(&read("indicators.fods")),
        workbook,
        workbook_ranges,
    }
}

/// Converts `inputs` to flat ODS in `out`, headless, with a fresh profile
/// (a user's settings must not change how the files are read).
fn run_soffice(soffice: &Path, work: &Path, inputs: &[&str], out: &Path) {
    soffice_convert(soffice, work, "fods", inputs, out);
}

/// Runs `soffice --convert-to TO` on `inputs` (files and `--infilter=`
/// options) into `out`, headless, with the profile under `work` (fresh,
/// or one a test has set up), within [`SOFFICE_TIME_LIMIT`]. Shared with
/// the import's Calc test (tests/suite/import_calc.rs).
pub(crate) fn soffice_convert(soffice: &Path, work: &Path, to: &str, inputs: &[&str], out: &Path) {
    let profile = format!("file://{}", work.join("profile").display());
    let mut child = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(out)
        .args(inputs)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting soffice");
    let started = Instant::now();
    loop {
        match child.try_wait().expect("waiting for soffice") {
            Some(status) => {
                assert!(status.success(), "soffice failed: {status}");
                return;
            }
            None if started.elapsed() > SOFFICE_TIME_LIMIT => {
                let _ = child.kill();
                panic!("soffice took longer than {SOFFICE_TIME_LIMIT:?}");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

// ---------------------------------------------------------------------------
// Flat ODS: just enough of the XML to read sheets, rows and cells

/// The sheets and the `table:database-range` elements (autofilters).
fn parse_fods(xml: &str) -> (Vec<LoSheet>, Vec<String>) {
    let mut sheets: Vec<LoSheet> = Vec::new();
    let mut ranges = Vec::new();
    let mut row: Option<(Vec<LoCell>, usize)> = None;
    let mut cell: Option<(LoCell, usize)> = None;
    let mut paragraphs = 0;
    let mut in_paragraph = false;
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        if in_paragraph && let Some((c, _)) = cell.as_mut() {
            c.text.push_str(&unescape(&rest[..start]));
        }
        let end = start + rest[start..].find('>').expect("a closed tag");
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        let closing = tag.starts_with('/');
        let empty = tag.ends_with('/');
        let tag = tag.trim_start_matches('/').trim_end_matches('/');
        let name = tag.split_whitespace().next().unwrap_or("");
        match (name, closing) {
            ("table:table", false) => sheets.push(LoSheet {
                name: attribute(tag, "table:name").unwrap_or_default(),
                rows: Vec::new(),
            }),
            ("table:table-row", false) => {
                let repeat = repeat(tag, "table:number-rows-repeated");
                row = Some((Vec::new(), repeat));
                if empty {
                    finish_row(&mut sheets, row.take());
                }
            }
            ("table:table-row", true) => finish_row(&mut sheets, row.take()),
            ("table:table-cell" | "table:covered-table-cell", false) => {
                let mut c = LoCell {
                    kind: attribute(tag, "office:value-type").unwrap_or_default(),
                    value: attribute(tag, "office:value")
                        .or_else(|| attribute(tag, "office:date-value")),
                    formula: attribute(tag, "table:formula"),
                    ..LoCell::default()
                };
                c.text.clear();
                cell = Some((c, repeat(tag, "table:number-columns-repeated")));
                paragraphs = 0;
                if empty && let (Some((cells, _)), Some((c, n))) = (row.as_mut(), cell.take()) {
                    cells.extend(std::iter::repeat_n(c, n.min(1024)));
                }
            }
            ("table:table-cell" | "table:covered-table-cell", true) => {
                if let (Some((cells, _)), Some((c, n))) = (row.as_mut(), cell.take()) {
                    cells.extend(std::iter::repeat_n(c, n.min(1024)));
                }
            }
            ("text:p", false) if cell.is_some() => {
                if paragraphs > 0
                    && let Some((c, _)) = cell.as_mut()
                {
                    c.text.push('\n');
                }
                paragraphs += 1;
                in_paragraph = !empty;
            }
            ("text:p", true) => in_paragraph = false,
            ("text:tab", false) if in_paragraph => push_text(&mut cell, "\t"),
            ("text:line-break", false) if in_paragraph => push_text(&mut cell, "\n"),
            ("text:s", false) if in_paragraph => {
                let n = repeat(tag, "text:c");
                push_text(&mut cell, &" ".repeat(n));
            }
            ("table:database-range", false) => ranges.push(format!("<{tag}>")),
            _ => {}
        }
    }
    (sheets, ranges)
}

fn push_text(cell: &mut Option<(LoCell, usize)>, text: &str) {
    if let Some((c, _)) = cell.as_mut() {
        c.text.push_str(text);
    }
}

/// Appends a row, dropping trailing empty cells; repeated empty rows (the
/// padding to the sheet's end) are not kept.
fn finish_row(sheets: &mut [LoSheet], row: Option<(Vec<LoCell>, usize)>) {
    let (Some(sheet), Some((mut cells, repeat))) = (sheets.last_mut(), row) else {
        return;
    };
    while cells
        .last()
        .is_some_and(|c| c.kind.is_empty() && c.text.is_empty())
    {
        cells.pop();
    }
    if !cells.is_empty() {
        for _ in 0..repeat.min(1024) {
            sheet.rows.push(cells.clone());
        }
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(unescape(&tag[at..at + len]))
}

fn repeat(tag: &str, name: &str) -> usize {
    attribute(tag, name)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').map_or(rest.len(), |e| at + e);
        let entity = &rest[at + 1..end];
        match entity {
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "amp" => out.push('&'),
            "quot" => out.push('"'),
            "apos" => out.push('\''),
            _ => {
                let code = entity
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()));
                out.extend(code.and_then(char::from_u32));
            }
        }
        rest = &rest[(end + 1).min(rest.len())..];
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------
// The tests

const HYPERLINK: &str = r#"=HYPERLINK("http://x","y")"#;

fn assert_text(cell: &LoCell, text: &str) {
    assert_eq!(cell.kind, "string", "{cell:?}");
    assert_eq!(cell.text, text);
    assert_eq!(cell.formula, None, "{cell:?}");
}

fn assert_number(cell: &LoCell, kind: &str, value: f64) {
    assert_eq!(cell.kind, kind, "{cell:?}");
    assert!(
        (cell.number() - value).abs() < 1e-12,
        "{cell:?} should be {value}"
    );
    assert_eq!(cell.formula, None, "{cell:?}");
}

#[test]
fn excel_csv_opens_with_swedish_letters_numbers_and_no_formulas() {
    let Some(lo) = converted() else { return };
    let sheet = &lo.services_csv;
    // A header and four services, every column of the export.
    assert_eq!(sheet.rows.len(), 5);
    assert_eq!(sheet.header(), columns::names(&columns::services()));
    assert_eq!(sheet.width(), 50);

    // The guard holds: each dangerous text stays text, with its `'`.
    assert_text(sheet.cell(0, "organisation.name"), &format!("'{HYPERLINK}"));
    assert_text(sheet.cell(0, "name"), "'+46 410 73 30 00");
    assert_text(sheet.cell(0, "description"), "'-1+2");
    assert_text(sheet.cell(0, "platform"), "'@SUM(A1:A2)");
    assert_text(sheet.cell(0, "evidence.exchange"), "'=1+1|Skatteverket");
    assert_text(sheet.cell(1, "description"), "'\tIndrag med tab");
    assert!(
        sheet.cells().all(|c| c.formula.is_none()),
        "a cell became a formula"
    );

    // Swedish letters intact.
    assert_text(sheet.cell(1, "name"), "Ansökan om färdtjänst – åäö ÅÄÖ");
    assert_text(sheet.cell(0, "department_name"), "Äldreomsorg och övrigt");
    assert_text(sheet.cell(2, "name"), "Öppettider");

    // Numbers are numbers: `145,5` read with sv-SE is 145.5.
    assert_number(sheet.cell(0, "year"), "float", 2014.0);
    assert_number(sheet.cell(0, "volumes.cases"), "float", 1200.0);
    assert_number(sheet.cell(0, "volumes.digital"), "float", 900.0);
    assert_number(sheet.cell(0, "cost_per_case_sek"), "float", 145.5);
    assert_number(sheet.cell(0, "satisfaction_pct"), "float", 81.0);
    assert_number(sheet.cell(0, "step"), "float", 4.0);
    assert_number(sheet.cell(1, "volumes.digital"), "float", 0.0);
    assert_eq!(
        sheet.cell(2, "volumes.cases").kind,
        "",
        "no data is an empty cell"
    );
    assert_eq!(
        sheet.cell(0, "access.reviewed").value.as_deref(),
        Some("2014-05-01")
    );
    // The documented limit of any CSV: digits become a number (README).
    assert_number(sheet.cell(3, "organisation.code"), "float", 180.0);
}

#[test]
fn excel_csv_indicators_have_decimal_comma_values() {
    let Some(lo) = converted() else { return };
    let sheet = &lo.indicators_csv;
    // 25 indicators × (agency + its department + Stockholm), and a header.
    assert_eq!(sheet.rows.len(), 76);
    assert_eq!(sheet.header(), columns::names(&indicators_long::columns()));
    assert_eq!(sheet.width(), 5);
    let agency = format!("'{HYPERLINK}");
    let value = |kpi: &str, department: &str| {
        let row = sheet.find(&[
            ("kpi", kpi),
            ("municipality", &agency),
            ("department", department),
        ]);
        sheet.cell(row, "value")
    };
    assert_number(value("services", ""), "float", 3.0);
    assert_number(value("digital_uptake", ""), "float", 0.45);
    assert_number(value("transaction_share", ""), "float", 1.0 / 3.0);
    assert_number(value("mean_step", ""), "float", 7.0 / 3.0);
    assert_number(value("transaction_share", "aldre"), "float", 0.5);
    assert_number(value("satisfaction_pct", "aldre"), "float", 81.0);
    // Nobody reports started applications: no data, an empty cell.
    assert_eq!(value("completion_rate", "aldre").kind, "", "no data");
    assert_number(sheet.cell(0, "period"), "float", 2014.0);
    assert!(sheet.cells().all(|c| c.formula.is_none()));
}

#[test]
fn xlsx_opens_with_typed_cells_exact_text_and_filters() {
    let Some(lo) = converted() else { return };
    let names: Vec<&str> = lo.workbook.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["services", "indicators", "departments"]);
    let services = &lo.workbook[0];
    assert_eq!(services.rows.len(), 5);
    assert_eq!(services.width(), 50);

    // Text cells hold exactly the text, without a `'`: a string cell is never run.
    assert_text(services.cell(0, "organisation.name"), HYPERLINK);
    assert_text(services.cell(0, "name"), "+46 410 73 30 00");
    assert_text(services.cell(0, "description"), "-1+2");
    assert_text(services.cell(0, "platform"), "@SUM(A1:A2)");
    assert_text(services.cell(1, "description"), "\tIndrag med tab");
    assert_text(services.cell(1, "name"), "Ansökan om färdtjänst – åäö ÅÄÖ");
    assert_text(services.cell(3, "organisation.code"), "0180");
    // LibreOffice shows a boolean cell as the formula TRUE() or FALSE();
    // nothing else may be a formula.
    for cell in lo.workbook.iter().flat_map(LoSheet::cells) {
        if let Some(formula) = &cell.formula {
            assert!(
                formula == "of:=TRUE()" || formula == "of:=FALSE()",
                "{cell:?}"
            );
        }
    }
    assert_eq!(
        services.cell(3, "evidence.anonymous").formula.as_deref(),
        Some("of:=TRUE()")
    );

    assert_number(services.cell(0, "cost_per_case_sek"), "float", 145.5);
    assert_number(services.cell(0, "volumes.cases"), "float", 1200.0);
    assert_number(services.cell(0, "year"), "float", 2014.0);
    let reviewed = services.cell(0, "access.reviewed");
    assert_eq!(
        (reviewed.kind.as_str(), reviewed.text.as_str()),
        ("date", "2014-05-01")
    );

    let indicators = &lo.workbook[1];
    assert_eq!(indicators.rows.len(), 76);
    let row = indicators.find(&[
        ("kpi", "digital_uptake"),
        ("municipality", HYPERLINK),
        ("department", ""),
    ]);
    assert_number(indicators.cell(row, "value"), "percentage", 0.45);
    assert_eq!(indicators.cell(row, "value").text, "45.0%");
    let row = indicators.find(&[
        ("kpi", "mean_step"),
        ("municipality", HYPERLINK),
        ("department", ""),
    ]);
    assert_number(indicators.cell(row, "value"), "float", 7.0 / 3.0);

    let departments = &lo.workbook[2];
    assert_eq!(departments.rows.len(), 2);
    assert_text(
        departments.cell(0, "department_name"),
        "Äldreomsorg och övrigt",
    );
    assert_number(departments.cell(0, "transaction_share"), "percentage", 0.5);
    assert_number(departments.cell(0, "services"), "float", 2.0);

    // An autofilter over every sheet's header and rows.
    for range in [
        "services.A1:services.AX5",
        "indicators.A1:indicators.E76",
        "departments.A1:departments.M2",
    ] {
        assert!(
            lo.workbook_ranges
                .iter()
                .any(|r| r.contains(range) && r.contains(r#"table:display-filter-buttons="true""#)),
            "no autofilter on {range}: {:?}",
            lo.workbook_ranges
        );
    }
}

/// Every cell of the workbook's services and indicators sheets, as Calc
/// reads them, says what the RFC 4180 csv export says in that field: text
/// exactly, numbers (shares, dates) by value, flags as TRUE()/FALSE().
#[test]
fn xlsx_cells_in_calc_are_the_cells_of_the_csv_export() {
    let Some(lo) = converted() else { return };
    for (sheet, extra) in [
        (&lo.workbook[0], &[][..]),
        (&lo.workbook[1], &["--indicators"][..]),
    ] {
        let csv_text = stdout_of_env(
            &[&["export", EXPORT_HOSTILE, "--lang", "en"][..], extra].concat(),
            &[],
        );
        let mut reader = csv::Reader::from_reader(&csv_text[..]);
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(sheet.header(), header, "{}", sheet.name);
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), sheet.rows.len() - 1, "{}", sheet.name);
        for (row, record) in records.iter().enumerate() {
            for (name, field) in header.iter().zip(record.iter()) {
                let cell = sheet.cell(row, name);
                let at = format!("{} row {} column {name}: {cell:?}", sheet.name, row + 2);
                // Calc holds a boolean cell as the formula TRUE() or FALSE().
                if let Some(formula) = &cell.formula {
                    let flag = if field == "true" {
                        "of:=TRUE()"
                    } else {
                        "of:=FALSE()"
                    };
                    assert_eq!(formula, flag, "{at}");
                    continue;
                }
                match cell.kind.as_str() {
                    "" => assert_eq!(field, "", "{at}"),
                    "string" => assert_eq!(cell.text, field, "{at}"),
                    "date" => assert_eq!(cell.text, field, "{at}"),
                    "float" | "percentage" => {
                        // Calc writes 15 significant digits into the flat ODS
                        // (the xlsx holds the shortest exact text).
                        let want = field.parse::<f64>().unwrap();
                        let close = (cell.number() - want).abs() <= want.abs() * 1e-14;
                        assert!(close, "{at}: the csv says {field}");
                    }
                    other => panic!("{at}: a cell of kind {other}"),
                }
            }
        }
    }
}

#[test]
fn the_fods_reader_reads_repeats_spaces_and_entities() {
    let xml = r#"<table:table table:name="s"><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2"/>&amp;<text:tab/>b</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="1.5"><text:p>1,5</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="9"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#;
    let (sheets, _) = parse_fods(xml);
    assert_eq!(sheets[0].rows.len(), 1);
    let row = &sheets[0].rows[0];
    assert_eq!(row.len(), 4);
    assert_eq!(row[0].text, "a  &\tb");
    assert_eq!(row[1].kind, "");
    assert_eq!(row[3].number(), 1.5);
}
