//! The report's text content in reading order, as blocks that the terminal
//! and Markdown renderers lay out each in their own way. Words and numbers
//! are decided here once, so the two formats always agree.

use super::numbers;
use super::{Report, status_word};
use crate::i18n::{self, Lang};
use crate::indicators::catalogue::{self, Unit};
use crate::output::table::Fit;

pub enum Block {
    Title(String),
    Heading(String),
    Text(String),
    /// Fixed-width text (the bar chart).
    Preformatted(String),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        /// How each column may be broken on a terminal.
        fits: Vec<Fit>,
    },
    Bullets(Vec<String>),
}

fn label(id: &str, lang: Lang) -> String {
    i18n::indicator(id).map_or_else(|| id.to_string(), |i| i.label.get(lang).to_string())
}

fn unit(id: &str) -> Unit {
    catalogue::unit_of(id).unwrap_or(Unit::Count)
}

fn department_name(report: &Report, id: Option<&str>, lang: Lang) -> String {
    match id {
        None | Some("") => lang
            .pick("(ingen förvaltning)", "(no department)")
            .to_string(),
        Some(id) => report
            .departments
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_string(), |d| d.name.clone()),
    }
}

/// `width` is the terminal's width when there is one; the bar chart shrinks
/// to fit it. Without one the chart has its full width.
pub fn blocks(report: &Report, lang: Lang, width: Option<usize>) -> Vec<Block> {
    let mut out = Vec::new();
    let title = format!(
        "{} {} – {}",
        report.organisation,
        report.year,
        lang.pick("uppföljning av e-tjänster", "e-service follow-up")
    );
    out.push(Block::Title(title));
    if let Some(previous) = report.previous_year {
        out.push(Block::Text(format!(
            "{} {previous}.",
            lang.pick("Jämfört med", "Compared with")
        )));
    }

    // Headline first: what a decision maker reads if nothing else.
    let headline: Vec<String> = super::HEADLINE
        .iter()
        .filter_map(|id| report.indicator(id))
        .map(|row| {
            let mut text = format!(
                "{}: {}",
                label(row.id, lang),
                numbers::value(row.value, unit(row.id), lang)
            );
            if report.previous_year.is_some() {
                text.push_str(&format!(
                    " ({})",
                    numbers::change(row.change, unit(row.id), lang)
                ));
            }
            text
        })
        .collect();
    out.push(Block::Bullets(headline));

    out.push(Block::Heading(
        lang.pick("Fördelning på trappans steg", "Ladder distribution")
            .into(),
    ));
    out.push(Block::Preformatted(bar_chart(report, lang, width)));

    out.push(Block::Heading(
        lang.pick("Indikatorer", "Indicators").into(),
    ));
    let with_targets = !report.targets.is_empty();
    let mut header = vec![
        lang.pick("indikator", "indicator").to_string(),
        lang.pick("värde", "value").to_string(),
    ];
    let mut fits = vec![Fit::Words, Fit::Whole];
    if report.previous_year.is_some() {
        header.push(lang.pick("föregående år", "previous").to_string());
        header.push(lang.pick("förändring", "change").to_string());
        fits.extend([Fit::Whole, Fit::Whole]);
    }
    if with_targets {
        header.push(lang.pick("mål", "target").to_string());
        header.push(lang.pick("status", "status").to_string());
        fits.extend([Fit::Words, Fit::Words]);
    }
    let rows = report
        .indicators
        .iter()
        .map(|row| {
            let u = unit(row.id);
            let mut cells = vec![label(row.id, lang), numbers::value(row.value, u, lang)];
            if report.previous_year.is_some() {
                cells.push(numbers::value(row.previous, u, lang));
                cells.push(numbers::change(row.change, u, lang));
            }
            if with_targets {
                let target = report
                    .targets
                    .iter()
                    .find(|t| t.indicator == row.id && t.department.is_none());
                cells.push(target.map_or(String::new(), |t| {
                    format!(
                        "{} {} ({})",
                        super::direction_is_met_word(t.direction),
                        numbers::value(Some(t.target), u, lang),
                        t.by
                    )
                }));
                cells.push(
                    target.map_or(String::new(), |t| status_word(t.status, lang).to_string()),
                );
            }
            cells
        })
        .collect();
    out.push(Block::Table { header, rows, fits });

    // An inventory without departments would show an empty table.
    if !report.departments.is_empty() {
        out.extend(by_department(report, lang));
    }

    if let Some(changes) = &report.changes {
        out.push(Block::Heading(
            lang.pick(
                "Förändringar sedan föregående år",
                "Changes since last year",
            )
            .into(),
        ));
        let mut bullets = Vec::new();
        let list = |ids: Vec<String>| {
            if ids.is_empty() {
                NONE_WORD.to_string()
            } else {
                ids.join(", ")
            }
        };
        bullets.push(format!(
            "{}: {}",
            lang.pick("Nya", "New"),
            list(changes.new.clone())
        ));
        bullets.push(format!(
            "{}: {}",
            lang.pick("Avvecklade", "Retired"),
            list(changes.retired.clone())
        ));
        let moves = |moves: &[crate::indicators::compute::StepChange]| {
            list(moves.iter().map(ToString::to_string).collect())
        };
        bullets.push(format!(
            "{}: {}",
            lang.pick("Upp ett eller flera steg", "Stepped up"),
            moves(&changes.stepped_up)
        ));
        bullets.push(format!(
            "{}: {}",
            lang.pick("Ned ett eller flera steg", "Stepped down"),
            moves(&changes.stepped_down)
        ));
        out.push(Block::Bullets(bullets));
    }

    if !report.targets.is_empty() {
        out.push(Block::Heading(lang.pick("Effektmål", "Targets").into()));
        let header = vec![
            lang.pick("indikator", "indicator").to_string(),
            lang.pick("förvaltning", "department").to_string(),
            lang.pick("mål", "target").to_string(),
            lang.pick("värde", "value").to_string(),
            lang.pick("status", "status").to_string(),
            lang.pick("inriktningsmål", "goal").to_string(),
        ];
        let rows = report
            .targets
            .iter()
            .map(|t| {
                let u = unit(&t.indicator);
                vec![
                    label(&t.indicator, lang),
                    t.department
                        .as_deref()
                        .map_or(String::new(), |d| department_name(report, Some(d), lang)),
                    format!(
                        "{} {} ({})",
                        super::direction_is_met_word(t.direction),
                        numbers::value(Some(t.target), u, lang),
                        t.by
                    ),
                    numbers::value(t.value, u, lang),
                    status_word(t.status, lang).to_string(),
                    t.goal.clone().unwrap_or_default(),
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
        out.push(Block::Table { header, rows, fits });
    }

    out.push(Block::Heading(
        lang.pick("Att utveckla", "To develop").into(),
    ));
    if report.to_develop.is_empty() {
        out.push(Block::Text(
            lang.pick(
                "Alla tjänster med målsteg har nått det.",
                "Every service with a target step has reached it.",
            )
            .into(),
        ));
    } else {
        let header = vec![
            lang.pick("tjänst", "service").to_string(),
            lang.pick("förvaltning", "department").to_string(),
            lang.pick("steg", "step").to_string(),
            lang.pick("mål", "target").to_string(),
            lang.pick("saknas", "missing").to_string(),
        ];
        let rows = report
            .to_develop
            .iter()
            .map(|t| {
                let missing: Vec<&str> =
                    t.missing.iter().map(|m| i18n::missing(*m, lang)).collect();
                vec![
                    format!("{} ({})", t.service.name, t.service.id),
                    department_name(report, t.service.department.as_deref(), lang),
                    i18n::step_label(t.step, lang),
                    i18n::step_label(t.target_step, lang),
                    missing.join("; "),
                ]
            })
            .collect();
        let fits = vec![Fit::Words, Fit::Words, Fit::Whole, Fit::Whole, Fit::Words];
        out.push(Block::Table { header, rows, fits });
    }

    out.push(Block::Heading(
        lang.pick("PDF-blanketter att ersätta", "PDF forms to replace")
            .into(),
    ));
    if report.pdf_forms.is_empty() {
        out.push(Block::Text(lang.pick("Inga.", "None.").into()));
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
                        department_name(report, s.department.as_deref(), lang)
                    )
                })
                .collect(),
        ));
    }
    out
}

const NONE_WORD: &str = "–";

/// The "By department" heading and table: the department's name, then
/// numbers that are never broken.
fn by_department(report: &Report, lang: Lang) -> Vec<Block> {
    let mut header = vec![lang.pick("förvaltning", "department").to_string()];
    header.extend(super::DEPARTMENT_COLUMNS.iter().map(|id| label(id, lang)));
    let mut fits = vec![Fit::Words];
    fits.resize(header.len(), Fit::Whole);
    let rows = report
        .departments
        .iter()
        .map(|d| {
            let mut cells = vec![department_name(report, Some(&d.id), lang)];
            for id in super::DEPARTMENT_COLUMNS {
                let value = d
                    .indicators
                    .iter()
                    .find(|i| i.id == *id)
                    .and_then(|i| i.value);
                cells.push(numbers::value(value, unit(id), lang));
            }
            cells
        })
        .collect();
    vec![
        Block::Heading(lang.pick("Per förvaltning", "By department").into()),
        Block::Table { header, rows, fits },
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
                    lang.pick("föregående år", "last year")
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
