//! The HTML report in a real browser: Debian's headless Chromium, driven by
//! playwright-core from tests/browser/check-report.mjs, which prints what the
//! browser saw as JSON. This test builds the reports with the real binary,
//! runs the script and decides: no console error, no network request, no
//! script, no serious or critical axe-core violation, no sideways scrolling
//! on a phone or at 200 % zoom, print rules in force, screenshots not blank.
//!
//! Needs Debian's `chromium` (/usr/bin/chromium), Node.js and
//! `npm ci --prefix tests/browser` (.ci/run does all three). Without them the
//! test fails naming what is missing, unless TRAPPA_SKIP_REAL_CLIENTS=1.
//!
//! `TRAPPA_UPDATE_SCREENSHOTS=1 cargo test --test suite browser::` also copies the
//! example's screenshots to docs/report-example.png and
//! docs/report-example-phone.png (the README shows them).

use crate::helpers::{TRAPPA_BIN, real_client_missing, root};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether the real client can run; fails (or skips, when asked to) otherwise.
fn browser_ready() -> bool {
    let missing = if !Path::new(CHROMIUM).exists() {
        Some(format!(
            "{CHROMIUM} not found: install Debian's package `chromium` (apt-get install chromium)"
        ))
    } else if Command::new("node").arg("--version").output().is_err() {
        Some("`node` not found: install Node.js (Debian's package `nodejs`)".to_string())
    } else if !root()
        .join("tests/browser/node_modules/playwright-core")
        .exists()
        || !root().join("tests/browser/node_modules/axe-core").exists()
    {
        Some(
            "tests/browser/node_modules lacks playwright-core or axe-core: run `npm ci --prefix tests/browser`"
                .to_string(),
        )
    } else {
        None
    };
    match missing {
        None => true,
        Some(why) => {
            real_client_missing(&why);
            false
        }
    }
}

/// Writes `trappa report ARGS --format html -o DIR/report.html` with the binary.
fn build_report(dir: &Path, args: &[&str]) -> PathBuf {
    build_page(dir, "report", args)
}

/// Writes `trappa COMMAND ARGS --format html -o DIR/COMMAND.html` with the binary.
fn build_page(dir: &Path, command: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(format!("{command}.html"));
    let status = Command::new(TRAPPA_BIN)
        .current_dir(root())
        .arg(command)
        .args(args)
        .args(["--format", "html", "-o"])
        .arg(&out)
        .status()
        .expect("running trappa");
    assert!(
        status.success(),
        "trappa {command} {args:?} failed: {status}"
    );
    out
}

/// Runs the browser script on a page and returns its measurements.
fn in_chromium(html: &Path, out: &Path, expect_text: &[&str]) -> Value {
    let mut command = Command::new("node");
    command
        .arg(root().join("tests/browser/check-report.mjs"))
        .arg("--html")
        .arg(html)
        .arg("--out")
        .arg(out);
    for text in expect_text {
        command.args(["--expect-text", text]);
    }
    let output = command.output().expect("running node");
    assert!(
        output.status.success(),
        "check-report.mjs failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "check-report.mjs printed no JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| a.iter().map(ToString::to_string).collect())
        .unwrap_or_default()
}

/// What every report must pass in the browser, whatever its content.
fn assert_clean_page(result: &Value, lang: &str) {
    assert_clean(result, lang, 2);
}

/// What every page must pass in the browser: `charts` SVG charts, each
/// with a `<title>` and a `<desc>`.
fn assert_clean(result: &Value, lang: &str, charts: u64) {
    let pretty = serde_json::to_string_pretty(result).unwrap_or_default();
    assert_eq!(result["lang"], lang, "{pretty}");
    for log in ["log_desktop", "log_phone"] {
        for kind in ["console_errors", "page_errors", "requests", "dialogs"] {
            assert_eq!(
                strings(&result[log][kind]),
                Vec::<String>::new(),
                "{log}.{kind}"
            );
        }
    }
    assert_eq!(result["scripts_in_page"], 0, "the page has a script");
    assert_eq!(strings(&result["unsafe_links"]), Vec::<String>::new());
    assert_eq!(
        result["svg_charts"], charts,
        "{charts} charts with <title> and <desc>"
    );
    assert_eq!(result["tables"], result["tables_with_caption"]);
    assert_eq!(result["header_cells_without_scope"], 0);

    let serious: Vec<&Value> = result["axe"]["violations"]
        .as_array()
        .expect("axe ran")
        .iter()
        .filter(|v| v["impact"] == "serious" || v["impact"] == "critical")
        .collect();
    assert!(
        serious.is_empty(),
        "axe-core: serious or critical violations: {serious:#?}"
    );
    assert!(
        result["axe"]["passes"].as_u64().unwrap_or(0) > 20,
        "{pretty}"
    );

    // Readable on a phone and at 200 % zoom without scrolling sideways
    // (wide tables scroll inside their own region).
    for key in ["zoom_200_overflow_px", "reflow_320_overflow_px"] {
        assert!(
            result[key].as_f64().unwrap_or(1.0) <= 0.0,
            "{key}: {pretty}"
        );
    }
    assert!(result["phone"]["overflow_px"].as_f64().unwrap_or(1.0) <= 0.0);
    assert_eq!(
        result["desktop"]["scrolling_tables"],
        serde_json::json!([]),
        "{lang}: tables scroll sideways at 1280 px"
    );

    let print = &result["print"];
    assert_eq!(print["nav_display"], "none");
    assert_eq!(print["thead_display"], "table-header-group");
    // A page without charts (the plan) has no figure to keep whole.
    if charts > 0 {
        assert_eq!(print["figure_break_inside"], "avoid");
    }
    assert_eq!(print["row_break_inside"], "avoid");
    assert!(
        print["tallest_chart_px"].as_f64().unwrap_or(f64::MAX)
            < print["a4_printable_height_px"].as_f64().unwrap_or(0.0),
        "a chart taller than an A4 page would be cut: {print}"
    );
    assert!(print["pdf_pages"].as_u64().unwrap_or(0) >= 1);

    // Not blank: a rendered report has hundreds of colours (text
    // anti-aliasing, charts); a blank or error page has a handful.
    for (shot, width, height) in [("desktop", 1280, 1600), ("phone", 780, 1688)] {
        assert_eq!(result[shot]["width"], width, "{shot}");
        assert_eq!(result[shot]["height"], height, "{shot}");
        let colours = result[shot]["distinct_colours"].as_u64().unwrap_or(0);
        assert!(
            colours > 300,
            "{shot} screenshot looks blank: {colours} colours"
        );
    }
}

#[test]
fn example_report_in_chromium() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let html = build_report(
        dir.path(),
        &[
            "examples/trelleborg-2014.yaml",
            "--previous",
            "examples/trelleborg-2013.yaml",
            "--targets",
            "examples/targets-trelleborg.yaml",
            "--lang",
            "sv",
        ],
    );
    let result = in_chromium(
        &html,
        dir.path(),
        &[
            "Trelleborgs kommun 2014",
            "43,3\u{a0}%",
            "▲\u{a0}+29,5\u{a0}p.e.",
        ],
    );
    assert_clean_page(&result, "sv");
    assert_eq!(
        result["title"],
        "Trelleborgs kommun 2014 – uppföljning av e-tjänster"
    );
    for (text, seen) in result["expected_text"].as_object().expect("texts") {
        assert_eq!(seen, true, "`{text}` not shown");
    }

    if std::env::var("TRAPPA_UPDATE_SCREENSHOTS").as_deref() == Ok("1") {
        for (from, to) in [
            ("desktop.png", "docs/report-example.png"),
            ("phone.png", "docs/report-example-phone.png"),
        ] {
            std::fs::create_dir_all(root().join("docs")).expect("docs/");
            std::fs::copy(dir.path().join(from), root().join(to)).expect("copying a screenshot");
        }
    }
    for committed in ["docs/report-example.png", "docs/report-example-phone.png"] {
        let bytes = std::fs::read(root().join(committed)).unwrap_or_default();
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{committed} is missing: TRAPPA_UPDATE_SCREENSHOTS=1 cargo test --test suite browser::"
        );
    }
}

#[test]
fn english_report_without_previous_in_chromium() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let html = build_report(
        dir.path(),
        &["examples/trelleborg-2014.yaml", "--lang", "en"],
    );
    let result = in_chromium(&html, dir.path(), &["Key figures", "43.3%"]);
    assert_clean_page(&result, "en");
    for (text, seen) in result["expected_text"].as_object().expect("texts") {
        assert_eq!(seen, true, "`{text}` not shown");
    }
}

#[test]
fn hostile_names_show_as_text_in_chromium() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let html = build_report(
        dir.path(),
        &[
            "tests/fixtures/hostile-names.yaml",
            "--targets",
            "tests/fixtures/hostile-targets.yaml",
            "--lang",
            "en",
        ],
    );
    let result = in_chromium(
        &html,
        dir.path(),
        &[
            "<script>alert(1)</script>",
            "Kommun <i>&amp;</i> \"Bolag\" 2015",
            "Bygg & <b>Miljö</b>",
            "javascript:alert(document.cookie)",
            "<img src=x onerror=alert(1)> & \"mål\"",
        ],
    );
    // No alert() ran, no script element, no link but http(s) and #fragments.
    assert_clean_page(&result, "en");
    for (text, seen) in result["expected_text"].as_object().expect("texts") {
        assert_eq!(seen, true, "`{text}` is not shown as text");
    }
}

/// The page printed to PDF by Chromium (A4, as the e-council prints it),
/// and the text of that PDF by `pdftotext -layout`, one row of a table a
/// line.
fn printed_text(html: &Path, dir: &Path) -> String {
    let pdf = dir.join("report.pdf");
    let status = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stderr(std::process::Stdio::null())
        .status()
        .expect("running chromium");
    assert!(status.success() && pdf.exists(), "chromium did not print");
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("running pdftotext (Debian's poppler-utils)");
    assert!(text.status.success());
    // The page joins numbers to their units with no-break spaces.
    String::from_utf8_lossy(&text.stdout).replace('\u{a0}', " ")
}

/// Whether `line` holds each of `expected` in order, each as whole words
/// (a space or the line's end on either side), so "30" is not found in "130".
fn holds_in_order(line: &str, expected: &[String]) -> bool {
    let mut from = 0;
    for want in expected {
        let found = line[from..].match_indices(want.as_str()).find(|(at, _)| {
            let start = from + at;
            let end = start + want.len();
            (start == 0 || line[..start].ends_with(' '))
                && (end == line.len() || line[end..].starts_with(' '))
        });
        match found {
            Some((at, _)) => from += at + want.len(),
            None => return false,
        }
    }
    true
}

/// Every number of the page is on paper: the Swedish report printed to PDF
/// in Chromium lost the last columns of "Steg per förvaltning" (steps 4 and
/// the total) and of the department key figures. For each department row
/// and each indicator row, its numbers are found on one line of the PDF's
/// text, in order — the values of the JSON report, formatted as the page
/// shows them.
#[test]
fn the_printed_report_has_every_number() {
    if !Path::new(CHROMIUM).exists() || Command::new("pdftotext").arg("-v").output().is_err() {
        real_client_missing(
            "the print test needs /usr/bin/chromium and pdftotext (Debian's chromium and poppler-utils)",
        );
        return;
    }
    use trappa::i18n::Lang;
    use trappa::inventory::{Indicator, Step};
    use trappa::render::numbers;
    let args = [
        "examples/trelleborg-2014.yaml",
        "--previous",
        "examples/trelleborg-2013.yaml",
        "--targets",
        "examples/targets-trelleborg.yaml",
    ];
    let now = crate::helpers::checked(args[0]);
    let before = crate::helpers::checked(args[2]);
    let targets = crate::helpers::checked(args[4]);
    let report = trappa::report::build(
        now.valid_inventory().unwrap(),
        before.valid_inventory(),
        targets.valid_targets(),
    )
    .unwrap_or_else(|_| panic!("refused"));
    for (lang, code) in [(Lang::Sv, "sv"), (Lang::En, "en")] {
        let dir = tempfile::tempdir().unwrap();
        let mut with_lang = args.to_vec();
        with_lang.extend(["--lang", code]);
        let html = build_report(dir.path(), &with_lang);
        let text = printed_text(&html, dir.path());
        let find = |expected: &[String], what: &str| {
            let found = text.lines().any(|line| holds_in_order(line, expected));
            assert!(
                found,
                "{code}: {what}: {expected:?} is not on one line of the printed page:\n{text}"
            );
        };
        for d in report.departments.iter().filter(|d| !d.id.is_empty()) {
            // Steps per department: the count at each step, then the total.
            let mut steps: Vec<String> = Step::ALL
                .iter()
                .map(|s| {
                    let share = Indicator::step_share(*s);
                    let n = d
                        .indicators
                        .iter()
                        .find(|i| i.id == share)
                        .unwrap()
                        .numerator;
                    format!("{}", n.unwrap_or(0.0) as u64)
                })
                .collect();
            steps.push(numbers::value(
                d.value(Indicator::Services),
                trappa::inventory::Unit::Count,
                lang,
            ));
            find(&steps, &format!("steps of {}", d.id));
            // The key figures: every column of the department table.
            let figures: Vec<String> = trappa::report::DEPARTMENT_COLUMNS
                .iter()
                .map(|id| numbers::value(d.value(*id), id.unit(), lang).replace('\u{a0}', " "))
                .collect();
            find(&figures, &format!("key figures of {}", d.id));
        }
        for row in &report.indicators {
            let u = row.unit();
            let expected: Vec<String> = [
                numbers::value(row.value, u, lang),
                numbers::value(row.previous, u, lang),
                numbers::change(row.change, u, lang),
            ]
            .iter()
            .map(|c| c.replace('\u{a0}', " "))
            .collect();
            find(&expected, &format!("indicator {}", row.id));
        }
    }
}

/// The plan of the examples' targets as a page, in either language.
fn build_plan(dir: &Path, code: &str) -> PathBuf {
    build_page(
        dir,
        "plan",
        &[
            "examples/trelleborg-2014.yaml",
            "--targets",
            "examples/targets-trelleborg.yaml",
            "--lang",
            code,
        ],
    )
}

/// The plan's page (Trelleborg 2014 against the examples' targets) in
/// Swedish and English: as clean as the report in Chromium (axe-core, no
/// script, no sideways scrolling, print rules), with its changes' and
/// targets' key numbers and the values from → to in the reader's words.
#[test]
fn example_plan_in_chromium() {
    if !browser_ready() {
        return;
    }
    for (code, title, expected) in [
        (
            "sv",
            "Trelleborgs kommun 2014 – handlingsplan",
            [
                "10 ändringar når effektmålen.",
                "ingen inloggning → e-legitimation",
                "lösenord → e-legitimation",
                "5\u{a0}840",
                "43,3\u{a0}%",
                "76,0\u{a0}%",
                "≥\u{a0}75,0\u{a0}%",
                "2\u{a0}632 fler digitala ärenden per år",
            ],
        ),
        (
            "en",
            "Trelleborgs kommun 2014 – action plan",
            [
                "10 changes meet the targets.",
                "no login → e-ID",
                "password → e-ID",
                "5,840",
                "43.3%",
                "76.0%",
                "≥\u{a0}75.0%",
                "2,632 more digital cases a year",
            ],
        ),
    ] {
        let dir = tempfile::tempdir().expect("temporary directory");
        let html = build_plan(dir.path(), code);
        let result = in_chromium(&html, dir.path(), &expected);
        assert_clean(&result, code, 0);
        assert_eq!(result["title"], title);
        for (text, seen) in result["expected_text"].as_object().expect("texts") {
            assert_eq!(seen, true, "{code}: `{text}` not shown");
        }
    }
}

/// Every number of the plan's tables is on paper, in both languages: for
/// each change its step before → after and its cases, for each target its
/// value now, after the plan and the target, on one line of the PDF's
/// text — the values of the plan itself, formatted as the page shows them.
#[test]
fn the_printed_plan_has_every_number() {
    if !Path::new(CHROMIUM).exists() || Command::new("pdftotext").arg("-v").output().is_err() {
        real_client_missing(
            "the print test needs /usr/bin/chromium and pdftotext (Debian's chromium and poppler-utils)",
        );
        return;
    }
    use trappa::i18n::Lang;
    use trappa::render::{numbers, plan as render};
    let inventory = crate::helpers::checked("examples/trelleborg-2014.yaml");
    let targets = crate::helpers::checked("examples/targets-trelleborg.yaml");
    let plan = trappa::plan::build(
        inventory.valid_inventory().unwrap(),
        None,
        targets.valid_targets().unwrap(),
    )
    .unwrap_or_else(|_| panic!("refused"));
    assert!(!plan.changes.is_empty() && !plan.targets.is_empty());
    for (lang, code) in [(Lang::Sv, "sv"), (Lang::En, "en")] {
        let dir = tempfile::tempdir().unwrap();
        let html = build_plan(dir.path(), code);
        let text = printed_text(&html, dir.path());
        let find = |expected: &[String], what: &str| {
            let expected: Vec<String> = expected.iter().map(|e| e.replace('\u{a0}', " ")).collect();
            // pdftotext guesses spaces from the gaps between glyphs, and
            // reads the no-break space of a short "≤ 0" as none.
            let joined: Vec<String> = expected
                .iter()
                .map(|e| e.replace("≤ ", "≤").replace("≥ ", "≥"))
                .collect();
            let found = text
                .lines()
                .any(|line| holds_in_order(line, &expected) || holds_in_order(line, &joined));
            assert!(
                found,
                "{code}: {what}: {expected:?} is not on one line of the printed page:\n{text}"
            );
        };
        for change in &plan.changes {
            find(
                &[render::step(change), render::cases(change, lang)],
                &format!("{} {}", change.service, change.key),
            );
        }
        for line in &plan.targets {
            let unit = line.indicator.unit();
            find(
                &[
                    numbers::value(line.now, unit, lang),
                    numbers::value(line.after, unit, lang),
                    render::target_value(line, lang),
                ],
                &format!("target {}", line.indicator.id()),
            );
        }
    }
}

/// The trend page of the examples (Trelleborg 2012–2015, Swedish): four
/// line charts and the stacked ladder bars, every table, in Chromium.
/// `TRAPPA_UPDATE_SCREENSHOTS=1` also refreshes docs/trend-example.png.
#[test]
fn example_trend_in_chromium() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let html = build_page(
        dir.path(),
        "trend",
        &[
            "examples/trelleborg-2012.yaml",
            "examples/trelleborg-2013.yaml",
            "examples/trelleborg-2014.yaml",
            "examples/trelleborg-2015.yaml",
            "--targets",
            "examples/targets-trelleborg.yaml",
            "--lang",
            "sv",
        ],
    );
    let result = in_chromium(
        &html,
        dir.path(),
        &[
            "Trelleborgs kommun 2012–2015",
            "54,8\u{a0}%",
            "nås 2016",
            "2013 (borta)",
        ],
    );
    assert_clean(&result, "sv", 5);
    assert_eq!(
        result["title"],
        "Trelleborgs kommun 2012–2015 – e-tjänsternas utveckling över åren"
    );
    for (text, seen) in result["expected_text"].as_object().expect("texts") {
        assert_eq!(seen, true, "`{text}` not shown");
    }
    if std::env::var("TRAPPA_UPDATE_SCREENSHOTS").as_deref() == Ok("1") {
        std::fs::create_dir_all(root().join("docs")).expect("docs/");
        std::fs::copy(
            dir.path().join("desktop.png"),
            root().join("docs/trend-example.png"),
        )
        .expect("copying a screenshot");
    }
}

/// A trend with a gap year and departments that come and go, in English.
#[test]
fn trend_with_a_gap_in_chromium() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let html = build_page(
        dir.path(),
        "trend",
        &[
            "tests/fixtures/trend/provby-2012.yaml",
            "tests/fixtures/trend/provby-2014.yaml",
            "tests/fixtures/trend/provby-2015.yaml",
            "--targets",
            "tests/fixtures/trend/targets-provby.yaml",
            "--lang",
            "en",
        ],
    );
    let result = in_chromium(
        &html,
        dir.path(),
        &[
            "No inventory for 2013",
            "reached in 2017",
            "2013–2014 (retired)",
        ],
    );
    assert_clean(&result, "en", 5);
    for (text, seen) in result["expected_text"].as_object().expect("texts") {
        assert_eq!(seen, true, "`{text}` not shown");
    }
}

/// Hostile names in a trend page show as text, as in the report.
#[test]
fn hostile_names_in_a_trend_show_as_text_in_chromium() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let html = build_page(
        dir.path(),
        "trend",
        &[
            "tests/fixtures/hostile-names.yaml",
            "--targets",
            "tests/fixtures/hostile-targets.yaml",
            "--lang",
            "en",
        ],
    );
    let result = in_chromium(
        &html,
        dir.path(),
        &[
            "<script>alert(1)</script>",
            "Kommun <i>&amp;</i> \"Bolag\" 2015",
            "Bygg & <b>Miljö</b>",
        ],
    );
    assert_clean(&result, "en", 5);
    for (text, seen) in result["expected_text"].as_object().expect("texts") {
        assert_eq!(seen, true, "`{text}` is not shown as text");
    }
}

/// The survey page of the shipped example (six organisations, Swedish):
/// the service types' stacked bars and the rank groups' distribution,
/// every table, in Chromium. `TRAPPA_UPDATE_SCREENSHOTS=1` also refreshes
/// docs/survey-example.png.
#[test]
fn example_survey_in_chromium() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let html = build_page(dir.path(), "survey", &["examples/survey/", "--lang", "sv"]);
    let result = in_chromium(
        &html,
        dir.path(),
        &[
            "E-tjänster i 6 organisationer",
            "Utan e-tjänster: Bjurholms kommun.",
            "46,2\u{a0}%",
            "Ansökan om bygglov",
            "Västerbottens län",
        ],
    );
    assert_clean(&result, "sv", 2);
    assert_eq!(result["title"], "E-tjänster i 6 organisationer");
    for (text, seen) in result["expected_text"].as_object().expect("texts") {
        assert_eq!(seen, true, "`{text}` not shown");
    }
    if std::env::var("TRAPPA_UPDATE_SCREENSHOTS").as_deref() == Ok("1") {
        std::fs::create_dir_all(root().join("docs")).expect("docs/");
        std::fs::copy(
            dir.path().join("desktop.png"),
            root().join("docs/survey-example.png"),
        )
        .expect("copying a screenshot");
    }
}

/// The report with peers (`--peers`), in English: the peers' section with
/// its table and the typed services' lines, as clean as the report.
#[test]
fn report_with_peers_in_chromium() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let html = build_report(
        dir.path(),
        &[
            "examples/survey/ale-2024.yaml",
            "--peers",
            "examples/survey/",
            "--lang",
            "en",
        ],
    );
    let result = in_chromium(
        &html,
        dir.path(),
        &[
            "Compared with peers",
            "3 of 6",
            "Ansökan om bygglov (Building permit application): step 3 here",
        ],
    );
    assert_clean_page(&result, "en");
    for (text, seen) in result["expected_text"].as_object().expect("texts") {
        assert_eq!(seen, true, "`{text}` not shown");
    }
}
