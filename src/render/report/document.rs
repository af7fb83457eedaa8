//! The report's text content in reading order, as blocks that the terminal
//! and Markdown renderers lay out each in their own way. Words and numbers
//! are decided here once, so the two formats always agree.

use super::{Departments, label, list_or_none, moves, named, status_word, target_text};
use crate::i18n::{self, Lang};
use crate::inventory::Unit;
use crate::ladder::reasons;
use crate::render::document::{Block, Table};
use crate::render::numbers;
use crate::render::text::Fit;
use crate::report::{DEPARTMENT_COLUMNS, HEADLINE, Report};

fn t(lang: Lang, key: &str) -> String {
    i18n::text(lang, key).to_string()
}

/// `width` is the terminal's width when there is one; the bar chart shrinks
/// to fit it. Without one the chart has its full width. `appendix` adds the
/// list of every live service (Markdown; a terminal has `classify` for it).
pub fn blocks(report: &Report, lang: Lang, width: Option<usize>, appendix: bool) -> Vec<Block> {
    let departments = Departments::of(report, lang);
    let mut out = Vec::new();
    out.push(Block::Title(format!(
        "{} {} – {}",
        report.organisation,
        report.year,
        i18n::text(lang, "report.title_suffix")
    )));
    if let Some(previous) = report.previous_year {
        out.push(Block::Text(format!(
            "{} {previous}.",
            i18n::text(lang, "report.compared_with")
        )));
    }

    // Headline first: what a decision maker reads if nothing else.
    let headline: Vec<String> = HEADLINE
        .iter()
        .filter_map(|id| report.indicator(*id))
        .map(|row| {
            let mut text = format!(
                "{}: {}",
                label(row.id, lang),
                numbers::value(row.value, row.unit(), lang)
            );
            if report.previous_year.is_some() {
                text.push_str(&format!(
                    " ({})",
                    numbers::change(row.change, row.unit(), lang)
                ));
            }
            text
        })
        .collect();
    out.push(Block::Bullets(headline));

    out.push(Block::Heading(t(lang, "report.ladder")));
    out.push(Block::Preformatted(bar_chart(report, lang, width)));

    out.push(Block::Heading(t(lang, "report.indicators")));
    let with_targets = !report.targets.is_empty();
    let mut header = vec![t(lang, "column.indicator"), t(lang, "column.value")];
    let mut fits = vec![Fit::Words, Fit::Whole];
    if report.previous_year.is_some() {
        header.push(t(lang, "column.previous"));
        header.push(t(lang, "column.change"));
        fits.extend([Fit::Whole, Fit::Whole]);
    }
    if with_targets {
        header.push(t(lang, "column.target"));
        header.push(t(lang, "column.status"));
        fits.extend([Fit::Words, Fit::Words]);
    }
    let rows = report
        .indicators
        .iter()
        .map(|row| {
            let u = row.unit();
            let mut cells = vec![label(row.id, lang), numbers::value(row.value, u, lang)];
            if report.previous_year.is_some() {
                cells.push(numbers::value(row.previous, u, lang));
                cells.push(numbers::change(row.change, u, lang));
            }
            if with_targets {
                let target = report.organisation_target(row.id);
                cells.push(target.map_or(String::new(), |t| target_text(t, lang)));
                cells.push(
                    target.map_or(String::new(), |t| status_word(t.status, lang).to_string()),
                );
            }
            cells
        })
        .collect();
    out.push(Block::Table(Table::new(header, rows, fits)));
    out.extend(super::peers::blocks(report, lang));

    // An inventory without departments would show an empty table.
    if !report.departments.is_empty() {
        out.extend(by_department(report, &departments, lang));
    }

    if let Some(changes) = &report.changes {
        out.push(Block::Heading(t(lang, "report.changes")));
        out.push(Block::Bullets(vec![
            format!(
                "{}: {}",
                t(lang, "report.new"),
                list_or_none(named(report, &changes.new))
            ),
            format!(
                "{}: {}",
                t(lang, "report.retired"),
                list_or_none(named(report, &changes.retired))
            ),
            format!(
                "{}: {}",
                t(lang, "report.stepped_up"),
                list_or_none(moves(report, &changes.stepped_up))
            ),
            format!(
                "{}: {}",
                t(lang, "report.stepped_down"),
                list_or_none(moves(report, &changes.stepped_down))
            ),
        ]));
    }

    if !report.targets.is_empty() {
        out.push(Block::Heading(t(lang, "report.targets")));
        let header = vec![
            t(lang, "column.indicator"),
            t(lang, "column.department"),
            t(lang, "column.target"),
            t(lang, "column.value"),
            t(lang, "column.status"),
            t(lang, "column.goal"),
        ];
        let rows = report
            .targets
            .iter()
            .map(|target| {
                vec![
                    label(target.indicator, lang),
                    target
                        .department
                        .as_deref()
                        .map_or(String::new(), |d| departments.name(Some(d))),
                    target_text(target, lang),
                    numbers::value(target.value, target.indicator.unit(), lang),
                    status_word(target.status, lang).to_string(),
                    target.goal.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let fits = vec![
            Fit::Words,
            Fit::Words,
            Fit::Words,
            Fit::Whole,
            Fit::Words,
            Fit::Words,
        ];
        out.push(Block::Table(Table::new(header, rows, fits)));
    }

    out.push(Block::Heading(t(lang, "report.to_develop")));
    if report.to_develop.is_empty() {
        out.push(Block::Text(t(lang, "report.all_at_target")));
    } else {
        let header = vec![
            t(lang, "column.service"),
            t(lang, "column.department"),
            t(lang, "column.step"),
            t(lang, "column.target"),
            t(lang, "column.missing"),
        ];
        let rows = report
            .to_develop
            .iter()
            .map(|d| {
                let missing: Vec<&str> = d
                    .missing
                    .iter()
                    .map(|m| reasons::missing(*m, lang))
                    .collect();
                vec![
                    format!("{} ({})", d.service.name, d.service.id),
                    departments.name(d.service.department.as_deref()),
                    i18n::step_label(d.step, lang),
                    i18n::step_label(d.target_step, lang),
                    missing.join("; "),
                ]
            })
            .collect();
        let fits = vec![Fit::Words, Fit::Words, Fit::Whole, Fit::Whole, Fit::Words];
        out.push(Block::Table(Table::new(header, rows, fits)));
    }

    out.push(Block::Heading(t(lang, "report.pdf_forms")));
    if report.pdf_forms.is_empty() {
        out.push(Block::Text(t(lang, "report.none")));
    } else {
        out.push(Block::Bullets(
            report
                .pdf_forms
                .iter()
                .map(|s| {
                    format!(
                        "{} ({}) – {}",
                        s.name,
                        s.id,
                        departments.name(s.department.as_deref())
                    )
                })
                .collect(),
        ));
    }
    if appendix && !report.services.is_empty() {
        out.push(Block::Heading(t(lang, "report.services")));
        let header = vec![
            t(lang, "column.service"),
            t(lang, "column.department"),
            t(lang, "column.step"),
            t(lang, "html.target_step"),
        ];
        let rows = report
            .services
            .iter()
            .map(|s| {
                vec![
                    format!("{} ({})", s.service.name, s.service.id),
                    departments.name(s.service.department.as_deref()),
                    i18n::step_label(s.step, lang),
                    s.target_step
                        .map_or(String::new(), |t| i18n::step_label(t, lang)),
                ]
            })
            .collect();
        let fits = vec![Fit::Words, Fit::Words, Fit::Whole, Fit::Whole];
        out.push(Block::Table(Table::new(header, rows, fits)));
    }
    out
}

/// The "By department" heading and table: the department's name, then
/// numbers that are never broken.
fn by_department(report: &Report, departments: &Departments, lang: Lang) -> Vec<Block> {
    let mut header = vec![t(lang, "column.department")];
    header.extend(DEPARTMENT_COLUMNS.iter().map(|id| label(*id, lang)));
    let mut fits = vec![Fit::Words];
    fits.resize(header.len(), Fit::Whole);
    let rows = report
        .departments
        .iter()
        .map(|d| {
            let mut cells = vec![departments.name(Some(&d.id))];
            for id in DEPARTMENT_COLUMNS {
                cells.push(numbers::value(d.value(*id), id.unit(), lang));
            }
            cells
        })
        .collect();
    vec![
        Block::Heading(t(lang, "report.by_department")),
        Block::Table(Table::new(header, rows, fits)),
    ]
}

/// The longest bar: 40 characters for 100 %.
const FULL_BAR: usize = 40;
/// The shortest full bar on a narrow terminal: below this the bars would
/// no longer show differences between the steps.
const NARROWEST_BAR: usize = 10;

/// A bar per step, at most 40 characters for 100 % and fewer when `width`
/// (a terminal's) is narrower than the chart, with count and share as text
/// so the chart needs neither colour nor width to be read.
fn bar_chart(report: &Report, lang: Lang, width: Option<usize>) -> String {
    // Each line without its bar; the bar goes between the two halves.
    let lines: Vec<(String, String)> = report
        .distribution
        .iter()
        .map(|s| {
            let mut after = format!(
                "{:>3} ({})",
                s.services,
                numbers::value(s.share, Unit::Share, lang)
            );
            if let Some(before) = s.previous_services {
                after.push_str(&format!(
                    "   {} {before}",
                    i18n::text(lang, "report.last_year")
                ));
            }
            (format!("{:<14}", i18n::step_label(s.step, lang)), after)
        })
        .collect();
    let bar_width = width.map_or(FULL_BAR, |width| {
        let text = lines
            .iter()
            .map(|(before, after)| before.chars().count() + after.chars().count() + 2)
            .max()
            .unwrap_or(0);
        width.saturating_sub(text).clamp(NARROWEST_BAR, FULL_BAR)
    });
    let mut text = String::new();
    for (s, (before, after)) in report.distribution.iter().zip(&lines) {
        let filled = s
            .share
            .map_or(0, |share| (share * bar_width as f64).round() as usize);
        let line = format!("{before} {:<bar_width$} {after}", "█".repeat(filled));
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}
