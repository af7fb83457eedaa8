//! The trend as one self-contained HTML page in the report's style: the
//! same stylesheet, page, tables and charts (`crate::render::html`), no
//! script, nothing fetched. It renders the same [`Trend`] as the other
//! formats, with numbers from [`numbers`].
//!
//! Reading order: title, the four key figures as line charts (target at its
//! year, the least-squares line dashed) each beside a table of its values,
//! the ladder distribution per year as stacked bars beside its table, every
//! indicator per year, the departments, the changes per year, the service
//! histories, the targets over the period, and an appendix on the method
//! and the definitions.

mod svg;

use super::{
    department_name, departure, mark, pace, period, slope, span, spans, target_text, title,
    years_list,
};
use crate::i18n::{self, Lang};
use crate::inventory::{Indicator, Step, Unit};
use crate::render::html::markup::{Html, Row, Table, escape, link};
use crate::render::html::svg::{Stacked, StepBar, stacked_chart};
use crate::render::html::{
    Page, Section, capitalised, change, defined, definitions, page, section, status_badge, w,
};
use crate::render::numbers::{self, NO_DATA};
use crate::render::report::label;
use crate::report::DEPARTMENT_COLUMNS;
use crate::trend::Trend;
use crate::trend::period::{Pace, TargetTrend};
use svg::{LineChart, line_chart};

/// The key figures drawn as lines, in the order the e-council reads them.
const CHARTED: &[Indicator] = &[
    Indicator::TransactionShare,
    Indicator::MeanStep,
    Indicator::EidShare,
    Indicator::DigitalUptake,
];

pub fn render(trend: &Trend, lang: Lang) -> String {
    let sections: Vec<Section> = [
        headline(trend, lang),
        ladder(trend, lang),
        indicators(trend, lang),
        departments(trend, lang),
        changes(trend, lang),
        services(trend, lang),
        targets(trend, lang),
        Some(appendix(lang)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let inventories: Vec<i32> = trend
        .years
        .iter()
        .filter(|y| !y.is_gap())
        .map(|y| y.year)
        .collect();
    let mut lede = format!(
        "{} {}",
        w(lang, "trend.html.lede"),
        i18n::format(
            lang,
            "trend.inventories",
            &[("years", &years_list(&inventories, lang))]
        )
    );
    let gaps = trend.gaps();
    if !gaps.is_empty() {
        lede.push(' ');
        lede.push_str(&i18n::format(
            lang,
            "trend.gaps",
            &[("years", &years_list(&gaps, lang))],
        ));
    }
    if let Some(code) = &trend.code {
        lede.push_str(&format!(" {} {code}.", capitalised(w(lang, "html.code"))));
    }
    page(
        &Page {
            lang,
            title: &title(trend, lang),
            kicker: w(lang, "trend.html.kicker"),
            heading: &format!("{} {}", trend.organisation, period(trend)),
            lede: &lede,
            footer: w(lang, "trend.html.footer"),
        },
        &sections,
    )
}

/// Year headings ("2012", …) as table columns.
fn year_columns(trend: &Trend) -> Vec<String> {
    trend.years.iter().map(|y| y.year.to_string()).collect()
}

/// The organisation's target on an indicator, if the targets file has one.
fn organisation_target(trend: &Trend, id: Indicator) -> Option<&TargetTrend> {
    trend
        .targets
        .iter()
        .find(|t| t.indicator == id && t.department.is_none())
}

fn headline(trend: &Trend, lang: Lang) -> Option<Section> {
    let mut out = format!(
        "<p class=\"intro\">{}</p>\n",
        escape(w(lang, "trend.html.headline_intro"))
    );
    for &id in CHARTED {
        let Some(series) = trend.series(id) else {
            continue;
        };
        let unit = id.unit();
        let values: Vec<(i32, Option<f64>)> = trend
            .years
            .iter()
            .zip(&series.values)
            .map(|(y, v)| (y.year, v.as_ref().and_then(|v| v.value)))
            .collect();
        let target = organisation_target(trend, id);
        let mut desc_end = String::new();
        if let Some(t) = target {
            desc_end.push_str(&capitalised(&i18n::format(
                lang,
                "trend.html.target_point",
                &[
                    (
                        "target",
                        &format!(
                            "{}{}{}",
                            crate::render::report::direction_symbol(t.direction),
                            numbers::JOIN,
                            numbers::value(Some(t.target), unit, lang)
                        ),
                    ),
                    ("by", &t.by.to_string()),
                ],
            )));
            desc_end.push_str(&format!(
                ": {}, {}.",
                crate::render::report::status_word(t.status, lang),
                pace(t.pace, lang)
            ));
            if t.line.is_some() {
                desc_end.push(' ');
                desc_end.push_str(&capitalised(&i18n::format(
                    lang,
                    "trend.html.line_desc",
                    &[("slope", &slope(t, lang))],
                )));
                desc_end.push('.');
            }
        }
        let chart_id = format!("chart-{}", id.id());
        let chart = line_chart(
            &LineChart {
                id: &chart_id,
                indicator: id,
                title: &label(id, lang),
                values: &values,
                target: target.map(|t| (t.target, t.by, target_text(t, lang))),
                line: target.and_then(|t| Some((t.line?, t.points.first()?.year))),
                desc_end,
            },
            lang,
        );
        let rows = trend
            .years
            .iter()
            .zip(&series.values)
            .map(|(y, v)| Row {
                header: Html::text(&y.year.to_string()),
                cells: match v {
                    None => vec![
                        Html::text(&format!("{NO_DATA} ({})", w(lang, "trend.html.gap"))),
                        Html::text(NO_DATA),
                    ],
                    Some(v) => vec![
                        Html::text(&numbers::value(v.value, unit, lang)),
                        change(v.change, id, lang),
                    ],
                },
            })
            .collect();
        let table = Table {
            id: &format!("table-{}", id.id()),
            caption: Html::text(&format!("{} {}", label(id, lang), period(trend))),
            columns: vec![
                capitalised(w(lang, "column.year")),
                capitalised(w(lang, "column.value")),
                capitalised(w(lang, "column.change")),
            ],
            numeric: vec![true, false],
            rows,
            class: "series",
        };
        let mut under = String::new();
        if let Some(t) = target {
            // "met" says it already; the pace matters when it is not.
            let pace = match t.pace {
                Pace::Met | Pace::NoData => String::new(),
                other => format!(" {}", escape(&pace(other, lang))),
            };
            under = format!(
                "<p class=\"then\">{} {} {}{pace}</p>\n",
                escape(&capitalised(w(lang, "column.target"))),
                escape(&target_text(t, lang)),
                status_badge(t.status, lang),
            );
        }
        out.push_str(&format!(
            "<h3>{}</h3>\n<div class=\"chart-and-table\">\n<figure>\n{chart}</figure>\n<div>{}{under}</div>\n</div>\n",
            escape(&label(id, lang)),
            table.render()
        ));
    }
    Some(section("headline", w(lang, "html.headline"), &out))
}

fn ladder(trend: &Trend, lang: Lang) -> Option<Section> {
    let bars: Vec<StepBar> = trend
        .years
        .iter()
        .zip(&trend.distribution)
        .filter_map(|(y, counts)| {
            Some(StepBar {
                name: y.year.to_string(),
                counts: (*counts)?,
            })
        })
        .collect();
    let mut columns = vec![capitalised(w(lang, "column.year"))];
    columns.extend(Step::ALL.iter().map(|s| {
        format!(
            "{}\u{a0}{}",
            capitalised(w(lang, "column.step")),
            s.number()
        )
    }));
    columns.push(capitalised(w(lang, "html.services")));
    let rows = trend
        .years
        .iter()
        .zip(&trend.distribution)
        .map(|(y, counts)| Row {
            header: Html::text(&y.year.to_string()),
            cells: match counts {
                None => {
                    let mut cells = vec![Html::text(&format!(
                        "{NO_DATA} ({})",
                        w(lang, "trend.html.gap")
                    ))];
                    cells.extend((0..4).map(|_| Html::text(NO_DATA)));
                    cells
                }
                Some(counts) => {
                    let mut cells: Vec<Html> =
                        counts.iter().map(|c| Html::text(&c.to_string())).collect();
                    cells.push(Html::text(&counts.iter().sum::<usize>().to_string()));
                    cells
                }
            },
        })
        .collect();
    let table = Table {
        id: "ladder-table",
        caption: Html::text(&format!("{} {}", w(lang, "trend.ladder"), period(trend))),
        numeric: vec![true; 5],
        columns,
        rows,
        class: "department-steps",
    };
    let content = format!(
        "<p class=\"intro\">{}</p>\n<div class=\"chart-and-table\">\n<figure>\n{}</figure>\n<div>{}</div>\n</div>\n",
        escape(w(lang, "trend.html.ladder_intro")),
        stacked_chart(
            &Stacked {
                id: "ladder-chart",
                title: w(lang, "trend.ladder"),
                desc: w(lang, "trend.html.ladder_chart_desc"),
            },
            &bars,
            lang
        ),
        table.render()
    );
    Some(section("ladder", w(lang, "trend.ladder"), &content))
}

fn indicators(trend: &Trend, lang: Lang) -> Option<Section> {
    let multi = trend.first_year() != trend.last_year();
    let mut columns = vec![capitalised(w(lang, "column.indicator"))];
    columns.extend(year_columns(trend));
    if multi {
        columns.push(capitalised(&i18n::format(
            lang,
            "trend.change_over",
            &[
                ("first", &trend.first_year().to_string()),
                ("last", &trend.last_year().to_string()),
            ],
        )));
    }
    let mut numeric = vec![true; trend.years.len()];
    if multi {
        numeric.push(false);
    }
    let rows = trend
        .indicators
        .iter()
        .filter(|s| !s.id.requires_previous())
        .map(|series| {
            let unit = series.id.unit();
            let mut cells: Vec<Html> = series
                .values
                .iter()
                .map(|v| {
                    Html::text(&numbers::value(
                        v.as_ref().and_then(|v| v.value),
                        unit,
                        lang,
                    ))
                })
                .collect();
            if multi {
                let first = series.values.first().and_then(|v| v.as_ref()?.value);
                let last = series.values.last().and_then(|v| v.as_ref()?.value);
                cells.push(change(first.zip(last).map(|(a, b)| b - a), series.id, lang));
            }
            Row {
                header: defined(series.id, lang),
                cells,
            }
        })
        .collect();
    let table = Table {
        id: "indicator-table",
        caption: Html::text(&format!(
            "{} {} {}",
            w(lang, "trend.indicators"),
            trend.organisation,
            period(trend)
        )),
        numeric,
        columns,
        rows,
        class: "series-table",
    };
    let content = format!(
        "<p class=\"intro\">{}</p>\n{}",
        escape(w(lang, "trend.html.indicators_intro")),
        table.render()
    );
    Some(section("indicators", w(lang, "trend.indicators"), &content))
}

fn departments(trend: &Trend, lang: Lang) -> Option<Section> {
    if trend.departments.is_empty() {
        return None;
    }
    let mut content = format!(
        "<p class=\"intro\">{}</p>\n",
        escape(w(lang, "trend.html.departments_intro"))
    );
    for (index, d) in trend.departments.iter().enumerate() {
        let name = department_name(trend, Some(&d.id), lang);
        let mut columns = vec![capitalised(w(lang, "column.indicator"))];
        columns.extend(year_columns(trend));
        let rows = DEPARTMENT_COLUMNS
            .iter()
            .map(|&id| Row {
                header: Html::text(&label(id, lang)),
                cells: (0..trend.years.len())
                    .map(|year| Html::text(&numbers::value(d.value(id, year), id.unit(), lang)))
                    .collect(),
            })
            .collect();
        let table = Table {
            id: &format!("department-{index}-table"),
            caption: Html::text(&format!("{name} {}", period(trend))),
            numeric: vec![true; trend.years.len()],
            columns,
            rows,
            class: "series-table",
        };
        content.push_str(&format!("<h3>{}</h3>\n{}", escape(&name), table.render()));
    }
    Some(section(
        "departments",
        w(lang, "trend.by_department"),
        &content,
    ))
}

fn changes(trend: &Trend, lang: Lang) -> Option<Section> {
    if trend.years.len() < 2 {
        return None;
    }
    let mut columns = vec![capitalised(w(lang, "column.change"))];
    columns.extend(year_columns(trend));
    let rows = [
        ("report.new", Indicator::NewServices),
        ("report.retired", Indicator::RetiredServices),
        ("report.stepped_up", Indicator::SteppedUp),
        ("report.stepped_down", Indicator::SteppedDown),
    ]
    .iter()
    .map(|(key, id)| Row {
        header: Html::text(w(lang, key)),
        cells: trend
            .series(*id)
            .map(|s| {
                s.values
                    .iter()
                    .map(|v| {
                        Html::text(&numbers::value(
                            v.as_ref().and_then(|v| v.value),
                            Unit::Count,
                            lang,
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
    .collect();
    let table = Table {
        id: "changes-table",
        caption: Html::text(&format!("{} {}", w(lang, "trend.changes"), period(trend))),
        numeric: vec![true; trend.years.len()],
        columns,
        rows,
        class: "series-table",
    };
    let mut content = format!(
        "<p class=\"intro\">{}</p>\n{}",
        escape(w(lang, "trend.html.changes_intro")),
        table.render()
    );
    for y in &trend.years {
        if let Some(since) = y.since.filter(|since| *since != y.year - 1) {
            content.push_str(&format!(
                "<p>{}</p>\n",
                escape(&i18n::format(
                    lang,
                    "trend.compared_across_gap",
                    &[("year", &y.year.to_string()), ("since", &since.to_string())],
                ))
            ));
        }
    }
    Some(section("changes", w(lang, "trend.changes"), &content))
}

fn services(trend: &Trend, lang: Lang) -> Option<Section> {
    let mut columns = vec![
        capitalised(w(lang, "column.service")),
        capitalised(w(lang, "column.department")),
    ];
    columns.extend(year_columns(trend));
    columns.extend([
        capitalised(w(lang, "trend.went_live")),
        capitalised(w(lang, "trend.first_at_step_3")),
        capitalised(w(lang, "trend.stepped_down")),
        capitalised(w(lang, "trend.left")),
    ]);
    let mut numeric = vec![false];
    numeric.extend(vec![true; trend.years.len()]);
    numeric.extend([true, true, true, false]);
    let rows = trend
        .services
        .iter()
        .map(|s| {
            let mut header = link(s.url.as_deref(), &s.name);
            header.push(&Html::raw(format!(
                " <span class=\"id\">({})</span>",
                escape(&s.id)
            )));
            let mut cells = vec![Html::text(&department_name(
                trend,
                s.department.as_deref(),
                lang,
            ))];
            cells.extend(s.years.iter().map(|seen| Html::text(&mark(*seen, lang))));
            cells.push(Html::text(
                &s.went_live
                    .as_ref()
                    .map_or(NO_DATA.to_string(), |when| span(when, lang)),
            ));
            cells.push(Html::text(
                &s.first_at_step_3
                    .as_ref()
                    .map_or(NO_DATA.to_string(), |when| span(when, lang)),
            ));
            cells.push(Html::text(&spans(&s.stepped_down, lang)));
            cells.push(Html::text(
                &s.left
                    .as_ref()
                    .map_or(NO_DATA.to_string(), |left| departure(left, lang)),
            ));
            Row { header, cells }
        })
        .collect();
    let table = Table {
        id: "services-table",
        caption: Html::text(&format!("{} {}", w(lang, "trend.services"), period(trend))),
        numeric,
        columns,
        rows,
        class: "history",
    };
    let content = format!(
        "<p class=\"intro\">{} {}</p>\n{}",
        escape(w(lang, "trend.html.services_intro")),
        escape(w(lang, "trend.services_legend")),
        table.render()
    );
    Some(section("services", w(lang, "trend.services"), &content))
}

fn targets(trend: &Trend, lang: Lang) -> Option<Section> {
    if trend.targets.is_empty() {
        return None;
    }
    let rows = trend
        .targets
        .iter()
        .map(|t| Row {
            // The goal under the indicator, not in a column of its own:
            // eight columns would not fit a 1280 px screen.
            header: {
                let mut header = Html::text(&label(t.indicator, lang));
                if let Some(goal) = t.goal.as_deref().filter(|g| !g.is_empty()) {
                    header.push(&Html::raw(format!(
                        "<br><span class=\"goal\">{}</span>",
                        escape(goal)
                    )));
                }
                header
            },
            cells: vec![
                Html::text(&match &t.department {
                    None => w(lang, "html.whole_organisation").to_string(),
                    Some(d) => department_name(trend, Some(d), lang),
                }),
                Html::text(&target_text(t, lang)),
                Html::text(&numbers::value(t.value, t.indicator.unit(), lang)),
                status_badge(t.status, lang),
                Html::text(&slope(t, lang)),
                Html::text(&pace(t.pace, lang)),
            ],
        })
        .collect();
    let table = Table {
        id: "target-table",
        caption: Html::text(&format!("{} {}", w(lang, "trend.targets"), period(trend))),
        columns: vec![
            capitalised(w(lang, "column.indicator")),
            capitalised(w(lang, "column.department")),
            capitalised(w(lang, "column.target")),
            format!(
                "{} {}",
                capitalised(w(lang, "column.value")),
                trend.last_year()
            ),
            capitalised(w(lang, "column.status")),
            capitalised(w(lang, "trend.per_year")),
            capitalised(w(lang, "trend.at_this_pace")),
        ],
        numeric: vec![false, true, true, false, true, false],
        rows,
        class: "targets",
    };
    let content = format!(
        "<p class=\"intro\">{}</p>\n{}",
        escape(&i18n::format(
            lang,
            "trend.targets_intro",
            &[("year", &trend.last_year().to_string())]
        )),
        table.render()
    );
    Some(section("targets", w(lang, "trend.targets"), &content))
}

fn appendix(lang: Lang) -> Section {
    let ids: Vec<Indicator> = Indicator::ALL.to_vec();
    let content = format!(
        "<h3>{}</h3>\n<p>{}</p>\n{}",
        escape(w(lang, "trend.html.method")),
        escape(w(lang, "trend.html.method_text")),
        definitions(&ids, lang)
    );
    section("appendix", w(lang, "trend.html.appendix"), &content)
}

#[cfg(test)]
mod tests;
