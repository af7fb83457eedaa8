//! Every terminal table rendered for a narrow terminal: numbers, codes,
//! years and percentages are never broken across lines, words in headings
//! are kept whole when there is room, and the ladder chart fits.

use crate::helpers::checked;
use trappa::classified::classify_inventory;
use trappa::compare::{self, Row};
use trappa::i18n::Lang;
use trappa::render::text::Layout;
use trappa::render::{Color, classification, ladder};
use trappa::report;

const NARROW: Layout = Layout::Terminal { width: 60 };

/// The words of a rendered table: cells split at the rules and spaces (a
/// stacked table's `heading:` counts as the word `heading`).
fn words(rendered: &str) -> Vec<String> {
    rendered
        .lines()
        .flat_map(|line| {
            line.split(['│', '┆'])
                .flat_map(str::split_whitespace)
                .map(|w| w.trim_end_matches(':').to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[track_caller]
fn assert_whole(rendered: &str, expected: &[&str]) {
    let words = words(rendered);
    for word in expected {
        assert!(
            words.iter().any(|w| w == word),
            "`{word}` is broken or missing:\n{rendered}"
        );
    }
}

#[test]
fn compare_keeps_codes_years_and_shares_whole() {
    let paths = [
        "tests/fixtures/compare/ale-2023.yaml",
        "tests/fixtures/compare/ale-2024.yaml",
    ];
    let rows: Vec<Row> = paths
        .iter()
        .map(|p| {
            let checked = checked(p);
            Row::of(p, checked.valid_inventory().expect("valid fixture"))
        })
        .collect();
    let rows = compare::finish(rows);
    for width in [60, 100] {
        let layout = Layout::Terminal { width };
        let out = trappa::render::compare::table(&rows, Lang::En, layout);
        // Ale 2023: 2 of 4 at step 3 or higher; Ale 2024: 2 of 2.
        assert_whole(&out, &["1440", "2023", "2024", "50.0%", "100.0%", "2.50"]);
    }
}

#[test]
fn report_keeps_headings_whole_and_the_chart_fits() {
    let now = checked("examples/trelleborg-2014.yaml");
    let before = checked("examples/trelleborg-2013.yaml");
    let targets = checked("examples/targets-trelleborg.yaml");
    let built = report::build(
        now.valid_inventory().unwrap(),
        before.valid_inventory(),
        targets.valid_targets(),
    )
    .unwrap_or_else(|_| panic!("report refused"));
    let out = trappa::render::report::table(&built, Lang::En, NARROW, Color(false));
    // Too narrow for the indicator table with its words whole: it is
    // stacked, each indicator with `value:`, `previous:` … below it.
    assert!(out.lines().all(|l| l.chars().count() <= 60), "{out}");
    assert_whole(
        &out,
        &[
            "value", "previous", "change", "target", "status", "tracking",
        ],
    );
    // Trelleborg 2014: 13 of 30 at step 3 or higher, 10.3% in 2013.
    assert_whole(&out, &["43.3%", "13.8%", "+29.5", "100.0%", "(2015)"]);
    for line in out.lines().filter(|l| l.contains('█')) {
        assert!(line.chars().count() <= 60, "chart line too wide: {line}");
    }
    // Without a terminal the chart keeps its 40 characters for 100 %.
    let plain = trappa::render::report::table(&built, Lang::En, Layout::Plain, Color(false));
    assert!(
        plain
            .lines()
            .any(|l| l.chars().count() > 60 && l.contains('█')),
        "{plain}"
    );
}

#[test]
fn classify_keeps_steps_whole() {
    let checked = checked("examples/trelleborg-2014.yaml");
    let services = classify_inventory(checked.valid_inventory().unwrap());
    let out = classification::table(&services, Lang::En, NARROW);
    assert_whole(
        &out,
        &["information", "interaction", "transaction", "integration"],
    );
}

#[test]
fn ladder_crosswalk_fits_sixty_columns() {
    let out = ladder::text(Lang::En, NARROW);
    let crosswalk = &out[out.find("Crosswalk to other models").expect("crosswalk")..];
    let crosswalk = &crosswalk[..crosswalk.find("Sources").expect("sources")];
    assert!(crosswalk.lines().all(|l| l.chars().count() <= 60), "{out}");
    assert_whole(&out, &["Statskontoret", "Transaction", "Connected"]);
    // At 100 columns it is a table again.
    let wide = ladder::text(Lang::En, Layout::Terminal { width: 120 });
    assert!(wide.lines().any(|l| l.contains('│')), "{wide}");
}

#[test]
fn an_inventory_without_departments_has_no_department_table() {
    // Started but not filled in: no departments and no services.
    let checked = checked("examples/no-services.yaml");
    let inventory = checked.valid_inventory().unwrap();
    let built = report::build(inventory, None, None).unwrap_or_else(|_| panic!("refused"));
    let table = trappa::render::report::table(&built, Lang::En, Layout::Plain, Color(false));
    assert!(!table.contains("By department"), "{table}");
    let markdown = trappa::render::report::markdown(&built, Lang::En);
    assert!(!markdown.contains("By department"), "{markdown}");
    assert!(table.contains("Indicators"), "{table}");
}

/// The tokens of a plain rendering that hold a digit: numbers with their
/// units and signs ("62,5 %", "▲ +5,2 p.e.", "2 400 kr", "1440"), each
/// joined by no-break spaces, which the terminal layout must never break.
fn numbers_of(plain: &str) -> Vec<String> {
    let mut out: Vec<String> = plain
        .lines()
        .flat_map(|line| {
            line.split(['|', '│', '┆'])
                .flat_map(|cell| cell.split([' ', '(', ')', ',', ';']))
                .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
                .map(|t| t.trim_end_matches('.').to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Every number of the report, the comparison and the classification, in
/// both languages at 60 and 80 columns, stays on one line: the Swedish
/// "50,0 %", "▲ +16,7 p.e." and "2 400 kr" used to break at their spaces.
#[test]
fn numbers_never_break_in_either_language() {
    let now = checked("examples/trelleborg-2014.yaml");
    let before = checked("examples/trelleborg-2013.yaml");
    let targets = checked("examples/targets-trelleborg.yaml");
    let built = report::build(
        now.valid_inventory().unwrap(),
        before.valid_inventory(),
        targets.valid_targets(),
    )
    .unwrap_or_else(|_| panic!("report refused"));
    let rows = compare::finish(
        [
            "tests/fixtures/compare/ale-2023.yaml",
            "tests/fixtures/compare/orebro-2024.yaml",
            "examples/trelleborg-2014.yaml",
        ]
        .iter()
        .map(|p| Row::of(p, checked(p).valid_inventory().unwrap()))
        .collect(),
    );
    let services = classify_inventory(now.valid_inventory().unwrap());
    for lang in [Lang::Sv, Lang::En] {
        let outputs = |layout: Layout| {
            [
                trappa::render::report::table(&built, lang, layout, Color(false)),
                trappa::render::compare::table(&rows, lang, layout),
                classification::table(&services, lang, layout),
            ]
        };
        let plain = outputs(Layout::Plain);
        for width in [60, 80] {
            let narrow = outputs(Layout::Terminal { width });
            for (plain, narrow) in plain.iter().zip(&narrow) {
                for number in numbers_of(plain) {
                    assert!(
                        narrow.lines().any(|line| line.contains(&number)),
                        "{lang:?} at {width} columns breaks `{number}`:\n{narrow}"
                    );
                }
            }
        }
    }
    // The Swedish report has the numbers the issue found broken, joined.
    let swedish = trappa::render::report::table(&built, Lang::Sv, Layout::Plain, Color(false));
    for joined in [
        "43,3\u{a0}%",
        "▲\u{a0}+29,5\u{a0}p.e.",
        "≥\u{a0}50,0\u{a0}%",
    ] {
        assert!(swedish.contains(joined), "{joined} missing:\n{swedish}");
    }
}

/// The survey at 60 and 80 columns in both languages: shares, quartiles,
/// counts and county names stay whole, and no line is wider than the
/// terminal.
#[test]
fn survey_keeps_its_numbers_whole() {
    use trappa::survey::{Organisation, Survey};
    let read: Vec<Organisation> = [
        "examples/survey/ale-2024.yaml",
        "examples/survey/alingsas-2024.yaml",
        "examples/survey/bjurholm-2024.yaml",
        "examples/survey/bolagsverket-2024.yaml",
        "examples/survey/kumla-2024.yaml",
        "examples/survey/region-vasterbotten-2024.yaml",
    ]
    .iter()
    .map(|p| Organisation::of(p, checked(p).valid_inventory().expect("valid example")))
    .collect();
    let survey = Survey::new(read, None);
    for width in [60, 80] {
        let layout = Layout::Terminal { width };
        let en = trappa::render::survey::table(&survey, Lang::En, layout, Color(false));
        assert_whole(&en, &["46.2%", "41.7%", "1.25", "2.75", "5/6", "83.3%"]);
        let sv = trappa::render::survey::table(&survey, Lang::Sv, layout, Color(false));
        // The no-break space before `%` is white space to `words`.
        assert_whole(&sv, &["46,2", "1,25", "5/6"]);
        for line in en.lines().chain(sv.lines()) {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= usize::from(width),
                "wider than {width}: {line}"
            );
        }
    }
}

/// `trappa plan` of the examples in an 80-column terminal (and 60), in
/// both languages: no line wider than the terminal, every number and
/// every word of the service names, changes and targets whole, and every
/// department's changes in the same shape (all stacked here, all boxed on
/// a wide terminal) — each department decided alone showed one as a table
/// and the next as a list. Piped, the plan is unwrapped, as the report.
#[test]
fn plan_fits_the_terminal_with_every_department_alike() {
    let now = checked("examples/trelleborg-2014.yaml");
    let targets = checked("examples/targets-trelleborg.yaml");
    let plan = trappa::plan::build(
        now.valid_inventory().unwrap(),
        None,
        targets.valid_targets().unwrap(),
    )
    .unwrap_or_else(|_| panic!("plan refused"));
    for lang in [Lang::Sv, Lang::En] {
        let plain = trappa::render::plan::table(&plan, lang, Layout::Plain, Color(false));
        assert!(plain.lines().any(|l| l.chars().count() > 80), "{plain}");
        // The long words of the changes' cells, as the plain table has them.
        let long_words: Vec<String> = plan
            .changes
            .iter()
            .flat_map(|c| {
                [
                    format!("{} ({})", c.name, c.service),
                    trappa::i18n::text(lang, c.what.key()).to_string(),
                    trappa::render::plan::from_to(c, lang),
                    trappa::render::plan::serves(&plan, c, lang),
                ]
            })
            .flat_map(|cell| {
                cell.split([' ', ','])
                    .filter(|w| w.chars().count() >= 8)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(long_words.iter().any(|w| w == "(bostadsanpassning)"));
        for width in [60u16, 80, 200] {
            let out =
                trappa::render::plan::table(&plan, lang, Layout::Terminal { width }, Color(false));
            for line in out.lines() {
                assert!(
                    unicode_width::UnicodeWidthStr::width(line) <= usize::from(width),
                    "{lang:?}: wider than {width}: {line}"
                );
            }
            for number in numbers_of(&plain) {
                assert!(
                    out.lines().any(|line| line.contains(&number)),
                    "{lang:?} at {width} columns breaks `{number}`:\n{out}"
                );
            }
            let words = words(&out);
            for word in &long_words {
                let word = word.trim_end_matches(',');
                assert!(
                    words.iter().any(|w| w.trim_end_matches(',') == word),
                    "{lang:?} at {width} columns breaks `{word}`:\n{out}"
                );
            }
            // The changes, department by department: between the heading
            // of the changes and the heading of the targets.
            let heading = trappa::i18n::text(lang, "plan.by_department");
            let end = trappa::i18n::text(lang, "plan.targets");
            let changes = &out[out.find(heading).unwrap()..out.find(end).unwrap()];
            let boxes = changes.matches('╞').count();
            // Every department with changes, each under its underlined name.
            let mut with_changes: Vec<_> = plan.changes.iter().map(|c| &c.department).collect();
            with_changes.sort();
            with_changes.dedup();
            let departments = changes.lines().filter(|l| l.starts_with('·')).count();
            assert!(departments >= 4, "{changes}");
            assert_eq!(departments, with_changes.len(), "{changes}");
            assert!(
                boxes == 0 || boxes == departments,
                "{lang:?} at {width} columns: {boxes} of {departments} departments boxed:\n{changes}"
            );
            if width == 200 {
                assert_eq!(boxes, departments, "every department boxed:\n{changes}");
            }
            // Swedish at 80: "tillgänglighetsredogörelse" in two columns
            // leaves no room for six columns with their words whole.
            if lang == Lang::Sv && width <= 80 {
                assert_eq!(boxes, 0, "every department stacked:\n{changes}");
            }
        }
    }
}
