//! The report as one self-contained HTML page for the e-council: inline CSS
//! and inline SVG, no script, nothing fetched. It renders the same
//! [`Report`] as the other formats, with numbers from [`numbers`] and labels
//! from `data/*.yaml`; the page's own words are in [`words`].
//!
//! Reading order: title, headline figures, ladder chart, steps per
//! department, indicators, targets, changes, services to develop, PDF forms
//! to replace, appendix (definitions and sources).

mod svg;

use super::{Departments, label, moves, named, target_text};
use crate::i18n::{self, Lang};
use crate::inventory::{Indicator, Step, Unit};
use crate::ladder::reasons;
use crate::render::html::markup::{Html, Row, Table, escape, link};
use crate::render::html::svg::{Stacked, StepBar, stacked_chart};
use crate::render::html::{
    Page, Section, capitalised, change as trend, definitions, page, section, status_badge, w,
};
use crate::render::numbers;
use crate::report::{DEPARTMENT_COLUMNS, Report, ServiceRef};

/// The headline figures, in the order the e-council reads them.
const HEADLINE_FIGURES: &[Indicator] = &[
    Indicator::TransactionShare,
    Indicator::EServices,
    Indicator::MeanStep,
    Indicator::DigitalUptake,
];

pub fn render(report: &Report, lang: Lang) -> String {
    let sections: Vec<Section> = [
        headline(report, lang),
        ladder(report, lang),
        departments(report, lang),
        indicators(report, lang),
        super::peers::section_html(report, lang),
        targets(report, lang),
        changes(report, lang),
        to_develop(report, lang),
        pdf_forms(report, lang),
        services(report, lang),
        appendix(report, lang),
    ]
    .into_iter()
    .flatten()
    .collect();
    let title = format!(
        "{} {} – {}",
        report.organisation,
        report.year,
        w(lang, "report.title_suffix")
    );
    let mut lede = w(lang, "html.lede").to_string();
    match report.previous_year {
        Some(previous) => {
            lede.push_str(&format!(" {} {previous}.", w(lang, "report.compared_with")))
        }
        None => lede.push_str(&format!(" {}", w(lang, "html.no_previous"))),
    }
    if let Some(code) = &report.code {
        lede.push_str(&format!(" {} {code}.", capitalised(w(lang, "html.code"))));
    }
    page(
        &Page {
            lang,
            title: &title,
            kicker: w(lang, "html.kicker"),
            heading: &format!("{} {}", report.organisation, report.year),
            lede: &lede,
            footer: w(lang, "html.footer"),
        },
        &sections,
    )
}

fn headline(report: &Report, lang: Lang) -> Option<Section> {
    let mut out = String::from("<ul class=\"figures\">\n");
    for &id in HEADLINE_FIGURES {
        let Some(row) = report.indicator(id) else {
            continue;
        };
        let u = id.unit();
        out.push_str(&format!(
            "<li class=\"figure\"><p class=\"label\">{}</p><p class=\"value\">{}</p>",
            escape(&label(id, lang)),
            escape(&numbers::value(row.value, u, lang))
        ));
        if let Some(previous_year) = report.previous_year {
            out.push_str(&format!(
                "<p class=\"then\">{previous_year}: {}</p><p class=\"trend\">{}</p>",
                escape(&numbers::value(row.previous, u, lang)),
                trend(row.change, id, lang)
            ));
        }
        if let Some(t) = report.organisation_target(id) {
            out.push_str(&format!(
                "<p class=\"then\">{} {} {}</p>",
                escape(&capitalised(w(lang, "column.target"))),
                escape(&target_text(t, lang)),
                status_badge(t.status, lang)
            ));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
    if let Some(services) = report.indicator(Indicator::Services) {
        let mut line = format!(
            "{}: {}",
            w(lang, "html.headline_intro"),
            numbers::value(services.value, Unit::Count, lang)
        );
        if let Some(previous_year) = report.previous_year {
            line.push_str(&format!(
                " ({previous_year}: {})",
                numbers::value(services.previous, Unit::Count, lang)
            ));
        }
        out.push_str(&format!(
            "<p class=\"services-line\">{}.</p>\n",
            escape(&line)
        ));
    }
    Some(section("headline", w(lang, "html.headline"), &out))
}

fn ladder(report: &Report, lang: Lang) -> Option<Section> {
    let with_previous = report.previous_year.is_some();
    let mut columns = vec![
        capitalised(w(lang, "column.step")),
        format!("{} {}", capitalised(w(lang, "html.services")), report.year),
        format!("{} {}", capitalised(w(lang, "html.share")), report.year),
    ];
    if let Some(previous_year) = report.previous_year {
        columns.push(format!(
            "{} {previous_year}",
            capitalised(w(lang, "html.services"))
        ));
    }
    let rows = report
        .distribution
        .iter()
        .map(|s| {
            let mut cells = vec![
                Html::text(&s.services.to_string()),
                Html::text(&numbers::value(s.share, Unit::Share, lang)),
            ];
            if with_previous {
                cells.push(Html::text(
                    &s.previous_services
                        .map_or(numbers::NO_DATA.to_string(), |n| n.to_string()),
                ));
            }
            Row {
                header: Html::text(&i18n::step_title(s.step, lang)),
                cells,
            }
        })
        .collect();
    let table = Table {
        id: "ladder-table",
        caption: Html::text(&format!("{} {}", w(lang, "report.ladder"), report.year)),
        numeric: vec![true; columns.len() - 1],
        columns,
        rows,
        class: "ladder",
    };
    let content = format!(
        "<p class=\"intro\">{}</p>\n<div class=\"chart-and-table\">\n<figure>\n{}</figure>\n<div>{}</div>\n</div>\n",
        escape(w(lang, "html.ladder_intro")),
        svg::ladder_chart(report, lang),
        table.render()
    );
    Some(section("ladder", w(lang, "report.ladder"), &content))
}

fn department_steps(report: &Report, lang: Lang) -> Vec<StepBar> {
    let names = Departments::of(report, lang);
    report
        .departments
        .iter()
        .map(|d| {
            let mut counts = [0usize; 4];
            for (i, step) in Step::ALL.iter().enumerate() {
                let id = Indicator::step_share(*step);
                counts[i] = d
                    .indicators
                    .iter()
                    .find(|v| v.id == id)
                    .and_then(|v| v.numerator)
                    .map_or(0, |n| n.round().max(0.0) as usize);
            }
            StepBar {
                name: names.name(Some(&d.id)),
                counts,
            }
        })
        .collect()
}

fn departments(report: &Report, lang: Lang) -> Option<Section> {
    let names = Departments::of(report, lang);
    if report.departments.is_empty() {
        return None;
    }
    let steps = department_steps(report, lang);
    let mut columns = vec![capitalised(w(lang, "column.department"))];
    // Short headings ("Steg 3") keep the table beside the chart; the legend
    // and the appendix name the steps.
    columns.extend(Step::ALL.iter().map(|s| {
        format!(
            "{}\u{a0}{}",
            capitalised(w(lang, "column.step")),
            s.number()
        )
    }));
    columns.push(capitalised(w(lang, "html.services")));
    let rows = steps
        .iter()
        .map(|d| {
            let mut cells: Vec<Html> = d
                .counts
                .iter()
                .map(|c| Html::text(&c.to_string()))
                .collect();
            cells.push(Html::text(&d.total().to_string()));
            Row {
                header: Html::text(&d.name),
                cells,
            }
        })
        .collect();
    let step_table = Table {
        id: "department-steps-table",
        caption: Html::text(&format!("{} {}", w(lang, "html.departments"), report.year)),
        numeric: vec![true; 5],
        columns,
        rows,
        class: "department-steps",
    };

    let mut columns = vec![capitalised(w(lang, "column.department"))];
    columns.extend(DEPARTMENT_COLUMNS.iter().map(|id| label(*id, lang)));
    let rows = report
        .departments
        .iter()
        .map(|d| Row {
            header: Html::text(&names.name(Some(&d.id))),
            cells: DEPARTMENT_COLUMNS
                .iter()
                .map(|id| Html::text(&numbers::value(d.value(*id), id.unit(), lang)))
                .collect(),
        })
        .collect();
    let figures_table = Table {
        id: "department-figures-table",
        caption: Html::text(&format!(
            "{} {}",
            w(lang, "html.department_figures"),
            report.year
        )),
        numeric: vec![true; DEPARTMENT_COLUMNS.len()],
        columns,
        rows,
        class: "department-figures",
    };
    let content = format!(
        "<p class=\"intro\">{}</p>\n<div class=\"chart-and-table\">\n<figure>\n{}</figure>\n<div>{}</div>\n</div>\n<h3>{}</h3>\n{}",
        escape(w(lang, "html.departments_intro")),
        stacked_chart(
            &Stacked {
                id: "department-chart",
                title: w(lang, "html.departments"),
                desc: w(lang, "html.departments_chart_desc"),
            },
            &steps,
            lang
        ),
        step_table.render(),
        escape(w(lang, "html.department_figures")),
        figures_table.render()
    );
    Some(section(
        "departments",
        w(lang, "html.departments"),
        &content,
    ))
}

fn indicators(report: &Report, lang: Lang) -> Option<Section> {
    let with_previous = report.previous_year.is_some();
    let with_targets = !report.targets.is_empty();
    let mut columns = vec![
        capitalised(w(lang, "column.indicator")),
        format!("{} {}", capitalised(w(lang, "column.value")), report.year),
    ];
    if let Some(previous_year) = report.previous_year {
        columns.push(format!(
            "{} {previous_year}",
            capitalised(w(lang, "column.previous"))
        ));
        columns.push(capitalised(w(lang, "column.change")));
    }
    if with_targets {
        columns.push(capitalised(w(lang, "column.target")));
        columns.push(capitalised(w(lang, "column.status")));
    }
    let mut numeric = vec![true];
    if with_previous {
        numeric.extend([true, false]);
    }
    if with_targets {
        numeric.extend([false, false]);
    }
    let rows = report
        .indicators
        .iter()
        .map(|row| {
            let u = row.unit();
            let mut cells = vec![Html::text(&numbers::value(row.value, u, lang))];
            if with_previous {
                cells.push(Html::text(&numbers::value(row.previous, u, lang)));
                cells.push(trend(row.change, row.id, lang));
            }
            if with_targets {
                let target = report.organisation_target(row.id);
                cells
                    .push(target.map_or_else(Html::default, |t| Html::text(&target_text(t, lang))));
                cells.push(target.map_or_else(Html::default, |t| status_badge(t.status, lang)));
            }
            Row {
                header: crate::render::html::defined(row.id, lang),
                cells,
            }
        })
        .collect();
    let table = Table {
        id: "indicator-table",
        caption: Html::text(&format!(
            "{} {} {}",
            w(lang, "report.indicators"),
            report.organisation,
            report.year
        )),
        numeric,
        columns,
        rows,
        class: "indicators",
    };
    let content = format!(
        "<p class=\"intro\">{}</p>\n{}",
        escape(w(lang, "html.indicators_intro")),
        table.render()
    );
    Some(section(
        "indicators",
        w(lang, "report.indicators"),
        &content,
    ))
}

fn targets(report: &Report, lang: Lang) -> Option<Section> {
    let names = Departments::of(report, lang);
    if report.targets.is_empty() {
        return None;
    }
    let rows = report
        .targets
        .iter()
        .map(|t| Row {
            header: Html::text(&label(t.indicator, lang)),
            cells: vec![
                Html::text(&match &t.department {
                    None => w(lang, "html.whole_organisation").to_string(),
                    Some(d) => names.name(Some(d)),
                }),
                Html::text(&target_text(t, lang)),
                Html::text(&numbers::value(t.value, t.indicator.unit(), lang)),
                status_badge(t.status, lang),
                Html::text(t.goal.as_deref().unwrap_or("")),
            ],
        })
        .collect();
    let table = Table {
        id: "target-table",
        caption: Html::text(&format!("{} {}", w(lang, "report.targets"), report.year)),
        columns: vec![
            capitalised(w(lang, "column.indicator")),
            capitalised(w(lang, "column.department")),
            capitalised(w(lang, "column.target")),
            format!("{} {}", capitalised(w(lang, "column.value")), report.year),
            capitalised(w(lang, "column.status")),
            capitalised(w(lang, "column.goal")),
        ],
        numeric: vec![false, true, true, false, false],
        rows,
        class: "targets",
    };
    let content = format!(
        "<p class=\"intro\">{}</p>\n{}",
        escape(w(lang, "html.targets_intro")),
        table.render()
    );
    Some(section("targets", w(lang, "report.targets"), &content))
}

fn changes(report: &Report, lang: Lang) -> Option<Section> {
    let changes = report.changes.as_ref()?;
    let list = |items: Vec<String>| {
        if items.is_empty() {
            escape(w(lang, "report.none"))
        } else {
            escape(&items.join(", "))
        }
    };
    let content = format!(
        "<dl class=\"change-list\">\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n</dl>\n",
        escape(w(lang, "html.new_services")),
        list(named(report, &changes.new)),
        escape(w(lang, "html.retired_services")),
        list(named(report, &changes.retired)),
        escape(w(lang, "report.stepped_up")),
        list(moves(report, &changes.stepped_up)),
        escape(w(lang, "report.stepped_down")),
        list(moves(report, &changes.stepped_down)),
    );
    Some(section("changes", w(lang, "report.changes"), &content))
}

/// "Name (id)", the name linked to the service's page when it has an http(s) URL.
fn service_cell(service: &ServiceRef) -> Html {
    let mut cell = link(service.url.as_deref(), &service.name);
    cell.push(&Html::raw(format!(
        " <span class=\"id\">({})</span>",
        escape(&service.id)
    )));
    cell
}

fn to_develop(report: &Report, lang: Lang) -> Option<Section> {
    let names = Departments::of(report, lang);
    let content = if report.to_develop.is_empty() {
        format!("<p>{}</p>\n", escape(w(lang, "report.all_at_target")))
    } else {
        let rows = report
            .to_develop
            .iter()
            .map(|t| {
                let missing: Vec<&str> = t
                    .missing
                    .iter()
                    .map(|m| reasons::missing(*m, lang))
                    .collect();
                Row {
                    header: service_cell(&t.service),
                    cells: vec![
                        Html::text(&names.name(t.service.department.as_deref())),
                        Html::text(&i18n::step_title(t.step, lang)),
                        Html::text(&i18n::step_title(t.target_step, lang)),
                        Html::text(&missing.join("; ")),
                    ],
                }
            })
            .collect();
        let table = Table {
            id: "to-develop-table",
            caption: Html::text(&format!("{} {}", w(lang, "report.to_develop"), report.year)),
            columns: vec![
                capitalised(w(lang, "column.service")),
                capitalised(w(lang, "column.department")),
                capitalised(w(lang, "column.step")),
                capitalised(w(lang, "html.target_step")),
                capitalised(w(lang, "column.missing")),
            ],
            numeric: vec![false; 4],
            rows,
            class: "to-develop",
        };
        format!(
            "<p class=\"intro\">{}</p>\n{}",
            escape(w(lang, "html.to_develop_intro")),
            table.render()
        )
    };
    Some(section(
        "to-develop",
        w(lang, "report.to_develop"),
        &content,
    ))
}

fn pdf_forms(report: &Report, lang: Lang) -> Option<Section> {
    let names = Departments::of(report, lang);
    let content = if report.pdf_forms.is_empty() {
        format!("<p>{}</p>\n", escape(w(lang, "html.no_pdf_forms")))
    } else {
        let rows = report
            .pdf_forms
            .iter()
            .map(|s| Row {
                header: service_cell(s),
                cells: vec![Html::text(&names.name(s.department.as_deref()))],
            })
            .collect();
        let table = Table {
            id: "pdf-forms-table",
            caption: Html::text(&format!("{} {}", w(lang, "report.pdf_forms"), report.year)),
            columns: vec![
                capitalised(w(lang, "column.service")),
                capitalised(w(lang, "column.department")),
            ],
            numeric: vec![false],
            rows,
            class: "pdf-forms",
        };
        format!(
            "<p class=\"intro\">{}</p>\n{}",
            escape(w(lang, "html.pdf_forms_intro")),
            table.render()
        )
    };
    Some(section("pdf-forms", w(lang, "report.pdf_forms"), &content))
}

/// Every live service with its department and step: the board asks which
/// services the figures are made of.
fn services(report: &Report, lang: Lang) -> Option<Section> {
    if report.services.is_empty() {
        return None;
    }
    let names = Departments::of(report, lang);
    let rows = report
        .services
        .iter()
        .map(|s| Row {
            header: service_cell(&s.service),
            cells: vec![
                Html::text(&names.name(s.service.department.as_deref())),
                Html::text(&i18n::step_title(s.step, lang)),
                Html::text(
                    &s.target_step
                        .map_or(String::new(), |t| i18n::step_title(t, lang)),
                ),
            ],
        })
        .collect();
    let table = Table {
        id: "services-table",
        caption: Html::text(&format!("{} {}", w(lang, "report.services"), report.year)),
        columns: vec![
            capitalised(w(lang, "column.service")),
            capitalised(w(lang, "column.department")),
            capitalised(w(lang, "column.step")),
            capitalised(w(lang, "html.target_step")),
        ],
        numeric: vec![false; 3],
        rows,
        class: "services",
    };
    Some(section(
        "services",
        w(lang, "report.services"),
        &table.render().to_string(),
    ))
}

fn appendix(report: &Report, lang: Lang) -> Option<Section> {
    let ids: Vec<Indicator> = report.indicators.iter().map(|row| row.id).collect();
    let mut out = definitions(&ids, lang);

    let rows = Step::ALL
        .iter()
        .map(|&step| Row {
            header: Html::text(&i18n::step_title(step, lang)),
            cells: vec![
                Html::text(i18n::step_text(step, "definition", lang)),
                Html::text(i18n::step_text(step, "rule", lang)),
            ],
        })
        .collect();
    let table = Table {
        id: "ladder-definitions-table",
        caption: Html::text(w(lang, "html.ladder_definitions")),
        columns: vec![
            capitalised(w(lang, "column.step")),
            capitalised(w(lang, "html.definition")),
            capitalised(w(lang, "html.rule")),
        ],
        numeric: vec![false, false],
        rows,
        class: "ladder-definitions",
    };
    out.push_str(&format!(
        "<h3>{}</h3>\n{}",
        escape(w(lang, "html.ladder_definitions")),
        table.render()
    ));
    out.push_str(&format!(
        "<h3>{}</h3>\n<ol class=\"sources\">\n",
        escape(w(lang, "ladder.sources_heading"))
    ));
    for source in i18n::ladder_sources() {
        out.push_str(&format!(
            "<li><cite>{}</cite>. {}</li>\n",
            escape(source.title(lang)),
            escape(source.note(lang))
        ));
    }
    out.push_str("</ol>\n");
    Some(section("appendix", w(lang, "html.appendix"), &out))
}

#[cfg(test)]
mod tests;
