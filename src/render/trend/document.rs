//! The trend's text content in reading order, as blocks that the terminal
//! and Markdown renderers lay out each in their own way: years are columns,
//! a gap year is "–" in every row.

use super::{
    department_name, departure, mark, pace, slope, span, spans, target_text, title, years_list,
};
use crate::i18n::{self, Lang};
use crate::inventory::{Indicator, Step, Unit};
use crate::render::document::{Block, Table};
use crate::render::markdown::Align;
use crate::render::numbers::{self, NO_DATA};
use crate::render::report::{label, status_word};
use crate::render::text::Fit;
use crate::report::{DEPARTMENT_COLUMNS, HEADLINE};
use crate::trend::Trend;

fn t(lang: Lang, key: &str) -> String {
    i18n::text(lang, key).to_string()
}

/// A table whose first `text` columns are words and the rest numbers,
/// aligned right and never broken.
fn table(header: Vec<String>, rows: Vec<Vec<String>>, text: usize) -> Table {
    let mut fits = vec![Fit::Words; text];
    fits.resize(header.len(), Fit::Whole);
    let mut align = vec![Align::Left; text];
    align.resize(header.len(), Align::Right);
    Table {
        header,
        rows,
        fits,
        align,
    }
}

fn year_headings(trend: &Trend) -> Vec<String> {
    trend.years.iter().map(|y| y.year.to_string()).collect()
}

/// The value of an indicator in the first and the last inventory.
fn first_and_last(trend: &Trend, id: Indicator) -> Option<(Option<f64>, Option<f64>)> {
    let series = trend.series(id)?;
    let first = series.values.first()?.as_ref()?.value;
    let last = series.values.last()?.as_ref()?.value;
    Some((first, last))
}

pub fn blocks(trend: &Trend, lang: Lang) -> Vec<Block> {
    let mut out = vec![Block::Title(title(trend, lang))];
    let inventories: Vec<i32> = trend
        .years
        .iter()
        .filter(|y| !y.is_gap())
        .map(|y| y.year)
        .collect();
    let mut intro = i18n::format(
        lang,
        "trend.inventories",
        &[("years", &years_list(&inventories, lang))],
    );
    let gaps = trend.gaps();
    if !gaps.is_empty() {
        intro.push(' ');
        intro.push_str(&i18n::format(
            lang,
            "trend.gaps",
            &[("years", &years_list(&gaps, lang))],
        ));
    }
    out.push(Block::Text(intro));

    // The headline first: where the period began and where it ended.
    let multi = trend.first_year() != trend.last_year();
    let headline = HEADLINE
        .iter()
        .filter_map(|&id| {
            let (first, last) = first_and_last(trend, id)?;
            let unit = id.unit();
            let mut text = format!("{}: ", label(id, lang));
            if multi {
                text.push_str(&i18n::format(
                    lang,
                    "trend.from_to",
                    &[
                        ("first", &numbers::value(first, unit, lang)),
                        ("first_year", &trend.first_year().to_string()),
                        ("last", &numbers::value(last, unit, lang)),
                        ("last_year", &trend.last_year().to_string()),
                    ],
                ));
                let change = first.zip(last).map(|(a, b)| b - a);
                text.push_str(&format!(" ({})", numbers::change(change, unit, lang)));
            } else {
                text.push_str(&numbers::value(last, unit, lang));
            }
            Some(text)
        })
        .collect();
    out.push(Block::Bullets(headline));

    out.push(Block::Heading(t(lang, "trend.ladder")));
    out.push(Block::Table(ladder(trend, lang)));

    out.push(Block::Heading(t(lang, "trend.indicators")));
    out.push(Block::Table(indicators(trend, lang)));

    if trend.years.len() > 1 {
        out.push(Block::Heading(t(lang, "trend.changes")));
        out.push(Block::Table(changes(trend, lang)));
        let across: Vec<String> = trend
            .years
            .iter()
            .filter_map(|y| {
                let since = y.since?;
                (since != y.year - 1).then(|| {
                    i18n::format(
                        lang,
                        "trend.compared_across_gap",
                        &[("year", &y.year.to_string()), ("since", &since.to_string())],
                    )
                })
            })
            .collect();
        if !across.is_empty() {
            out.push(Block::Text(across.join(" ")));
        }
    }

    if !trend.departments.is_empty() {
        out.push(Block::Heading(t(lang, "trend.by_department")));
        for (index, _) in trend.departments.iter().enumerate() {
            let (name, table) = department(trend, index, lang);
            out.push(Block::Subheading(name));
            out.push(Block::Table(table));
        }
    }

    out.push(Block::Heading(t(lang, "trend.services")));
    out.push(Block::Text(t(lang, "trend.services_legend")));
    out.push(Block::Table(services(trend, lang)));

    if !trend.targets.is_empty() {
        out.push(Block::Heading(t(lang, "trend.targets")));
        out.push(Block::Text(i18n::format(
            lang,
            "trend.targets_intro",
            &[("year", &trend.last_year().to_string())],
        )));
        out.push(Block::Table(targets(trend, lang)));
    }
    out
}

/// Live services per step in each year: "9 (30,0 %)".
pub fn ladder(trend: &Trend, lang: Lang) -> Table {
    let mut header = vec![t(lang, "column.step")];
    header.extend(year_headings(trend));
    let rows = Step::ALL
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let mut cells = vec![i18n::step_label(*step, lang)];
            cells.extend(trend.distribution.iter().map(|counts| match counts {
                None => NO_DATA.to_string(),
                Some(counts) => {
                    let total: usize = counts.iter().sum();
                    let share = (total > 0).then(|| counts[i] as f64 / total as f64);
                    format!(
                        "{} ({})",
                        counts[i],
                        numbers::value(share, Unit::Share, lang)
                    )
                }
            }));
            cells
        })
        .collect();
    table(header, rows, 1)
}

/// Every indicator but the four counts of changes (they have their own
/// table), a column per year and the change over the whole period.
pub fn indicators(trend: &Trend, lang: Lang) -> Table {
    let mut header = vec![t(lang, "column.indicator")];
    header.extend(year_headings(trend));
    let multi = trend.first_year() != trend.last_year();
    if multi {
        header.push(i18n::format(
            lang,
            "trend.change_over",
            &[
                ("first", &trend.first_year().to_string()),
                ("last", &trend.last_year().to_string()),
            ],
        ));
    }
    let rows = trend
        .indicators
        .iter()
        .filter(|s| !s.id.requires_previous())
        .map(|series| {
            let unit = series.id.unit();
            let mut cells = vec![label(series.id, lang)];
            cells.extend(
                series
                    .values
                    .iter()
                    .map(|v| numbers::value(v.as_ref().and_then(|v| v.value), unit, lang)),
            );
            if multi {
                let (first, last) = first_and_last(trend, series.id).unwrap_or((None, None));
                let change = first.zip(last).map(|(a, b)| b - a);
                cells.push(numbers::change(change, unit, lang));
            }
            cells
        })
        .collect();
    table(header, rows, 1)
}

/// New, retired, stepped up and stepped down since the inventory before.
pub fn changes(trend: &Trend, lang: Lang) -> Table {
    let mut header = vec![t(lang, "column.change")];
    header.extend(year_headings(trend));
    let rows = [
        ("report.new", Indicator::NewServices),
        ("report.retired", Indicator::RetiredServices),
        ("report.stepped_up", Indicator::SteppedUp),
        ("report.stepped_down", Indicator::SteppedDown),
    ]
    .iter()
    .map(|(key, id)| {
        let mut cells = vec![t(lang, key)];
        if let Some(series) = trend.series(*id) {
            cells.extend(
                series
                    .values
                    .iter()
                    .map(|v| numbers::value(v.as_ref().and_then(|v| v.value), Unit::Count, lang)),
            );
        }
        cells
    })
    .collect();
    table(header, rows, 1)
}

/// One department's key figures in each year; its name as the trend's
/// newest inventory has it.
pub fn department(trend: &Trend, index: usize, lang: Lang) -> (String, Table) {
    let mut header = vec![t(lang, "column.indicator")];
    header.extend(year_headings(trend));
    let Some(d) = trend.departments.get(index) else {
        return (String::new(), table(header, Vec::new(), 1));
    };
    let rows = DEPARTMENT_COLUMNS
        .iter()
        .map(|&id| {
            let mut cells = vec![label(id, lang)];
            cells.extend(
                (0..trend.years.len())
                    .map(|year| numbers::value(d.value(id, year), id.unit(), lang)),
            );
            cells
        })
        .collect();
    (
        department_name(trend, Some(&d.id), lang),
        table(header, rows, 1),
    )
}

/// Every service: its step in each year and the years of its history.
pub fn services(trend: &Trend, lang: Lang) -> Table {
    let mut header = vec![t(lang, "column.service"), t(lang, "column.department")];
    header.extend(year_headings(trend));
    header.extend([
        t(lang, "trend.went_live"),
        t(lang, "trend.first_at_step_3"),
        t(lang, "trend.stepped_down"),
        t(lang, "trend.left"),
    ]);
    let rows = trend
        .services
        .iter()
        .map(|s| {
            let mut cells = vec![
                format!("{} ({})", s.name, s.id),
                department_name(trend, s.department.as_deref(), lang),
            ];
            cells.extend(s.years.iter().map(|seen| mark(*seen, lang)));
            cells.push(
                s.went_live
                    .as_ref()
                    .map_or(NO_DATA.to_string(), |w| span(w, lang)),
            );
            cells.push(
                s.first_at_step_3
                    .as_ref()
                    .map_or(NO_DATA.to_string(), |w| span(w, lang)),
            );
            cells.push(spans(&s.stepped_down, lang));
            cells.push(
                s.left
                    .as_ref()
                    .map_or(NO_DATA.to_string(), |l| departure(l, lang)),
            );
            cells
        })
        .collect();
    table(header, rows, 2)
}

/// Each target: what it asks, the last year's value and status, the
/// line's change per year and when it reaches the target at that pace.
pub fn targets(trend: &Trend, lang: Lang) -> Table {
    let header = vec![
        t(lang, "column.indicator"),
        t(lang, "column.department"),
        t(lang, "column.target"),
        format!("{} {}", t(lang, "column.value"), trend.last_year()),
        t(lang, "column.status"),
        t(lang, "trend.per_year"),
        t(lang, "trend.at_this_pace"),
        t(lang, "column.goal"),
    ];
    let rows = trend
        .targets
        .iter()
        .map(|target| {
            vec![
                label(target.indicator, lang),
                target
                    .department
                    .as_deref()
                    .map_or(String::new(), |d| department_name(trend, Some(d), lang)),
                target_text(target, lang),
                numbers::value(target.value, target.indicator.unit(), lang),
                status_word(target.status, lang).to_string(),
                slope(target, lang),
                pace(target.pace, lang),
                target.goal.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut t = table(header, rows, 2);
    // Target, value and slope are numbers; status, pace and goal are words.
    t.fits = vec![
        Fit::Words,
        Fit::Words,
        Fit::Whole,
        Fit::Whole,
        Fit::Words,
        Fit::Whole,
        Fit::Words,
        Fit::Words,
    ];
    t.align = vec![
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Left,
        Align::Right,
        Align::Left,
        Align::Left,
    ];
    t
}
