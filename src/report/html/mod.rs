//! The report as one self-contained HTML page for the e-council: inline CSS
//! and inline SVG, no script, nothing fetched. It renders the same
//! [`Report`] as the other formats, with numbers from [`numbers`] and labels
//! from `data/*.yaml`; the page's own words are in [`words`].
//!
//! Reading order: title, headline figures, ladder chart, steps per
//! department, indicators, targets, changes, services to develop, PDF forms
//! to replace, appendix (definitions and sources).

mod markup;
mod svg;
mod words;

use super::targets::Status;
use super::{DEPARTMENT_COLUMNS, Report, numbers, status_word};
use crate::i18n::{self, Lang};
use crate::indicators::catalogue::{self, Unit};
use crate::ladder::Step;
use markup::{Html, Row, Table, escape, link};
use svg::{DepartmentSteps, step_title};
use words::{Words, words};

const STYLE: &str = include_str!("style.css");

/// The headline figures, in the order the e-council reads them.
const HEADLINE_FIGURES: &[&str] = &[
    "transaction_share",
    "e_services",
    "mean_step",
    "digital_uptake",
];

pub fn render(report: &Report, lang: Lang) -> String {
    let w = words(lang);
    let sections: Vec<Section> = [
        headline(report, lang),
        ladder(report, lang),
        departments(report, lang),
        indicators(report, lang),
        targets(report, lang),
        changes(report, lang),
        to_develop(report, lang),
        pdf_forms(report, lang),
        appendix(report, lang),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut body = Html::default();
    for section in &sections {
        body.push(&section.html);
    }
    let title = format!(
        "{} {} – {}",
        report.organisation, report.year, w.title_suffix
    );
    let mut lede = w.lede.to_string();
    match report.previous_year {
        Some(previous) => lede.push_str(&format!(" {} {previous}.", w.compared_with)),
        None => lede.push_str(&format!(" {}", w.no_previous)),
    }
    if let Some(code) = &report.code {
        lede.push_str(&format!(" {} {code}.", capitalised(w.code)));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"trappa\">\n\
<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
<a class=\"skip\" href=\"#main\">{skip}</a>\n\
<header class=\"masthead\"><div class=\"inner\">\n<p class=\"kicker\">{kicker}</p>\n\
<h1>{organisation} {year}</h1>\n<p class=\"lede\">{lede}</p>\n</div></header>\n\
{toc}<main id=\"main\">\n{body}</main>\n\
<footer class=\"site-footer\"><div class=\"inner\"><p>{footer}</p></div></footer>\n\
</body>\n</html>\n",
        lang = lang.code(),
        title = escape(&title),
        skip = escape(w.skip),
        kicker = escape(w.kicker),
        organisation = escape(&report.organisation),
        year = report.year,
        lede = escape(&lede),
        toc = toc(&sections, lang),
        footer = escape(w.footer),
    )
}

/// One section of the page, with the id and heading the contents list links.
struct Section {
    id: &'static str,
    heading: String,
    html: Html,
}

fn section(id: &'static str, heading: &str, content: &str) -> Section {
    Section {
        id,
        heading: heading.to_string(),
        html: Html::raw(format!(
            "<section id=\"{id}\" aria-labelledby=\"{id}-heading\">\n<h2 id=\"{id}-heading\">{}</h2>\n{content}</section>\n",
            escape(heading)
        )),
    }
}

fn toc(sections: &[Section], lang: Lang) -> String {
    let w = words(lang);
    let mut items = String::new();
    for s in sections {
        items.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>",
            s.id,
            escape(&s.heading)
        ));
    }
    format!(
        "<nav class=\"toc\" aria-labelledby=\"toc-heading\"><div class=\"inner\"><h2 id=\"toc-heading\">{}</h2><ol>{items}</ol></div></nav>\n",
        escape(w.contents)
    )
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn label(id: &str, lang: Lang) -> String {
    i18n::indicator(id).map_or_else(|| id.to_string(), |i| i.label.get(lang).to_string())
}

fn unit(id: &str) -> Unit {
    catalogue::unit_of(id).unwrap_or(Unit::Count)
}

fn department_name(report: &Report, id: Option<&str>, w: &Words) -> String {
    match id {
        None | Some("") => w.no_department.to_string(),
        Some(id) => report
            .departments
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_string(), |d| d.name.clone()),
    }
}

/// A change with its arrow and sign; coloured as better or worse only when
/// the catalogue says which direction is better, and then also in words.
fn trend(change: Option<f64>, id: &str, lang: Lang) -> Html {
    let w = words(lang);
    let text = numbers::change(change, unit(id), lang);
    let higher_is_better = i18n::indicator(id).and_then(|i| i.higher_is_better);
    let judged = match (change, higher_is_better) {
        (Some(c), Some(up)) if !text.starts_with('=') && c != 0.0 => Some((c > 0.0) == up),
        _ => None,
    };
    match judged {
        Some(better) => Html::raw(format!(
            "<span class=\"trend {}\">{} <span class=\"trend-word\">({})</span></span>",
            if better { "good" } else { "bad" },
            escape(&text),
            escape(if better { w.better } else { w.worse })
        )),
        None => Html::raw(format!(
            "<span class=\"trend neutral\">{}</span>",
            escape(&text)
        )),
    }
}

/// A status word with a symbol; the colour repeats what the word says.
fn status_badge(status: Status, lang: Lang) -> Html {
    let symbol = match status {
        Status::Met => "✓",
        Status::OnTrack => "↗",
        Status::Behind => "!",
        Status::Missed => "✗",
        Status::NoData => "–",
    };
    Html::raw(format!(
        "<span class=\"status status-{}\"><span aria-hidden=\"true\">{symbol}</span> {}</span>",
        status.id(),
        escape(status_word(status, lang))
    ))
}

/// "≥ 50,0 % (2015)".
fn target_text(t: &super::TargetRow, lang: Lang) -> String {
    format!(
        "{} {} ({})",
        super::direction_is_met_word(t.direction),
        numbers::value(Some(t.target), unit(&t.indicator), lang),
        t.by
    )
}

fn organisation_target<'a>(report: &'a Report, id: &str) -> Option<&'a super::TargetRow> {
    report
        .targets
        .iter()
        .find(|t| t.indicator == id && t.department.is_none())
}

fn headline(report: &Report, lang: Lang) -> Option<Section> {
    let w = words(lang);
    let mut out = String::from("<ul class=\"figures\">\n");
    for id in HEADLINE_FIGURES {
        let Some(row) = report.indicator(id) else {
            continue;
        };
        let u = unit(id);
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
        if let Some(t) = organisation_target(report, id) {
            out.push_str(&format!(
                "<p class=\"then\">{} {} {}</p>",
                escape(&capitalised(w.target)),
                escape(&target_text(t, lang)),
                status_badge(t.status, lang)
            ));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
    if let Some(services) = report.indicator("services") {
        let mut line = format!(
            "{}: {}",
            w.headline_intro,
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
    Some(section("headline", w.headline, &out))
}

fn ladder(report: &Report, lang: Lang) -> Option<Section> {
    let w = words(lang);
    let with_previous = report.previous_year.is_some();
    let mut columns = vec![
        capitalised(w.step),
        format!("{} {}", capitalised(w.services), report.year),
        format!("{} {}", capitalised(w.share), report.year),
    ];
    if let Some(previous_year) = report.previous_year {
        columns.push(format!("{} {previous_year}", capitalised(w.services)));
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
                header: Html::text(&step_title(s.step, lang)),
                cells,
            }
        })
        .collect();
    let table = Table {
        id: "ladder-table",
        caption: Html::text(&format!("{} {}", w.ladder, report.year)),
        numeric: vec![true; columns.len() - 1],
        columns,
        rows,
        class: "ladder",
    };
    let content = format!(
        "<p class=\"intro\">{}</p>\n<div class=\"chart-and-table\">\n<figure>\n{}</figure>\n<div>{}</div>\n</div>\n",
        escape(w.ladder_intro),
        svg::ladder_chart(report, lang),
        table.render()
    );
    Some(section("ladder", w.ladder, &content))
}

fn department_steps(report: &Report, lang: Lang) -> Vec<DepartmentSteps> {
    let w = words(lang);
    report
        .departments
        .iter()
        .map(|d| {
            let mut counts = [0usize; 4];
            for (i, step) in Step::ALL.iter().enumerate() {
                let id = format!("step_{}_share", step.number());
                counts[i] = d
                    .indicators
                    .iter()
                    .find(|v| v.id == id)
                    .and_then(|v| v.numerator)
                    .map_or(0, |n| n.round().max(0.0) as usize);
            }
            DepartmentSteps {
                name: department_name(report, Some(&d.id), w),
                counts,
            }
        })
        .collect()
}

fn departments(report: &Report, lang: Lang) -> Option<Section> {
    let w = words(lang);
    if report.departments.is_empty() {
        return None;
    }
    let steps = department_steps(report, lang);
    let mut columns = vec![capitalised(w.department)];
    // Short headings ("Steg 3") keep the table beside the chart; the legend
    // and the appendix name the steps.
    columns.extend(
        Step::ALL
            .iter()
            .map(|s| format!("{}\u{a0}{}", capitalised(w.step), s.number())),
    );
    columns.push(capitalised(w.services));
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
        caption: Html::text(&format!("{} {}", w.departments, report.year)),
        numeric: vec![true; 5],
        columns,
        rows,
        class: "department-steps",
    };

    let mut columns = vec![capitalised(w.department)];
    columns.extend(DEPARTMENT_COLUMNS.iter().map(|id| label(id, lang)));
    let rows = report
        .departments
        .iter()
        .map(|d| Row {
            header: Html::text(&department_name(report, Some(&d.id), w)),
            cells: DEPARTMENT_COLUMNS
                .iter()
                .map(|id| {
                    let value = d
                        .indicators
                        .iter()
                        .find(|i| i.id == *id)
                        .and_then(|i| i.value);
                    Html::text(&numbers::value(value, unit(id), lang))
                })
                .collect(),
        })
        .collect();
    let figures_table = Table {
        id: "department-figures-table",
        caption: Html::text(&format!("{} {}", w.department_figures, report.year)),
        numeric: vec![true; DEPARTMENT_COLUMNS.len()],
        columns,
        rows,
        class: "department-figures",
    };
    let content = format!(
        "<p class=\"intro\">{}</p>\n<div class=\"chart-and-table\">\n<figure>\n{}</figure>\n<div>{}</div>\n</div>\n<h3>{}</h3>\n{}",
        escape(w.departments_intro),
        svg::department_chart(&steps, lang),
        step_table.render(),
        escape(w.department_figures),
        figures_table.render()
    );
    Some(section("departments", w.departments, &content))
}

fn indicators(report: &Report, lang: Lang) -> Option<Section> {
    let w = words(lang);
    let with_previous = report.previous_year.is_some();
    let with_targets = !report.targets.is_empty();
    let mut columns = vec![
        capitalised(w.indicator),
        format!("{} {}", capitalised(w.value), report.year),
    ];
    if let Some(previous_year) = report.previous_year {
        columns.push(format!("{} {previous_year}", capitalised(w.previous)));
        columns.push(capitalised(w.change));
    }
    if with_targets {
        columns.push(capitalised(w.target));
        columns.push(capitalised(w.status));
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
            let u = unit(row.id);
            let mut cells = vec![Html::text(&numbers::value(row.value, u, lang))];
            if with_previous {
                cells.push(Html::text(&numbers::value(row.previous, u, lang)));
                cells.push(trend(row.change, row.id, lang));
            }
            if with_targets {
                let target = organisation_target(report, row.id);
                cells
                    .push(target.map_or_else(Html::default, |t| Html::text(&target_text(t, lang))));
                cells.push(target.map_or_else(Html::default, |t| status_badge(t.status, lang)));
            }
            Row {
                header: Html::raw(format!(
                    "<a href=\"#def-{}\">{}</a>",
                    escape(row.id),
                    escape(&label(row.id, lang))
                )),
                cells,
            }
        })
        .collect();
    let table = Table {
        id: "indicator-table",
        caption: Html::text(&format!(
            "{} {} {}",
            w.indicators, report.organisation, report.year
        )),
        numeric,
        columns,
        rows,
        class: "indicators",
    };
    let content = format!(
        "<p class=\"intro\">{}</p>\n{}",
        escape(w.indicators_intro),
        table.render()
    );
    Some(section("indicators", w.indicators, &content))
}

fn targets(report: &Report, lang: Lang) -> Option<Section> {
    let w = words(lang);
    if report.targets.is_empty() {
        return None;
    }
    let rows = report
        .targets
        .iter()
        .map(|t| Row {
            header: Html::text(&label(&t.indicator, lang)),
            cells: vec![
                Html::text(&match &t.department {
                    None => w.whole_organisation.to_string(),
                    Some(d) => department_name(report, Some(d), w),
                }),
                Html::text(&target_text(t, lang)),
                Html::text(&numbers::value(t.value, unit(&t.indicator), lang)),
                status_badge(t.status, lang),
                Html::text(t.goal.as_deref().unwrap_or("")),
            ],
        })
        .collect();
    let table = Table {
        id: "target-table",
        caption: Html::text(&format!("{} {}", w.targets, report.year)),
        columns: vec![
            capitalised(w.indicator),
            capitalised(w.department),
            capitalised(w.target),
            format!("{} {}", capitalised(w.value), report.year),
            capitalised(w.status),
            capitalised(w.goal),
        ],
        numeric: vec![false, true, true, false, false],
        rows,
        class: "targets",
    };
    let content = format!(
        "<p class=\"intro\">{}</p>\n{}",
        escape(w.targets_intro),
        table.render()
    );
    Some(section("targets", w.targets, &content))
}

fn changes(report: &Report, lang: Lang) -> Option<Section> {
    let w = words(lang);
    let changes = report.changes.as_ref()?;
    let list = |items: Vec<String>| {
        if items.is_empty() {
            escape(w.none)
        } else {
            escape(&items.join(", "))
        }
    };
    let moves = |moves: &[crate::indicators::compute::StepChange]| {
        list(moves.iter().map(ToString::to_string).collect())
    };
    let content = format!(
        "<dl class=\"change-list\">\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n</dl>\n",
        escape(w.new_services),
        list(changes.new.clone()),
        escape(w.retired_services),
        list(changes.retired.clone()),
        escape(w.stepped_up),
        moves(&changes.stepped_up),
        escape(w.stepped_down),
        moves(&changes.stepped_down),
    );
    Some(section("changes", w.changes, &content))
}

/// "Name (id)", the name linked to the service's page when it has an http(s) URL.
fn service_cell(service: &super::ServiceRef) -> Html {
    let mut cell = link(service.url.as_deref(), &service.name);
    cell.push(&Html::raw(format!(
        " <span class=\"id\">({})</span>",
        escape(&service.id)
    )));
    cell
}

fn to_develop(report: &Report, lang: Lang) -> Option<Section> {
    let w = words(lang);
    let content = if report.to_develop.is_empty() {
        format!("<p>{}</p>\n", escape(w.all_at_target))
    } else {
        let rows = report
            .to_develop
            .iter()
            .map(|t| {
                let missing: Vec<&str> =
                    t.missing.iter().map(|m| i18n::missing(*m, lang)).collect();
                Row {
                    header: service_cell(&t.service),
                    cells: vec![
                        Html::text(&department_name(report, t.service.department.as_deref(), w)),
                        Html::text(&step_title(t.step, lang)),
                        Html::text(&step_title(t.target_step, lang)),
                        Html::text(&missing.join("; ")),
                    ],
                }
            })
            .collect();
        let table = Table {
            id: "to-develop-table",
            caption: Html::text(&format!("{} {}", w.to_develop, report.year)),
            columns: vec![
                capitalised(w.service),
                capitalised(w.department),
                capitalised(w.step),
                capitalised(w.target_step),
                capitalised(w.missing),
            ],
            numeric: vec![false; 4],
            rows,
            class: "to-develop",
        };
        format!(
            "<p class=\"intro\">{}</p>\n{}",
            escape(w.to_develop_intro),
            table.render()
        )
    };
    Some(section("to-develop", w.to_develop, &content))
}

fn pdf_forms(report: &Report, lang: Lang) -> Option<Section> {
    let w = words(lang);
    let content = if report.pdf_forms.is_empty() {
        format!("<p>{}</p>\n", escape(w.no_pdf_forms))
    } else {
        let rows = report
            .pdf_forms
            .iter()
            .map(|s| Row {
                header: service_cell(s),
                cells: vec![Html::text(&department_name(
                    report,
                    s.department.as_deref(),
                    w,
                ))],
            })
            .collect();
        let table = Table {
            id: "pdf-forms-table",
            caption: Html::text(&format!("{} {}", w.pdf_forms, report.year)),
            columns: vec![capitalised(w.service), capitalised(w.department)],
            numeric: vec![false],
            rows,
            class: "pdf-forms",
        };
        format!(
            "<p class=\"intro\">{}</p>\n{}",
            escape(w.pdf_forms_intro),
            table.render()
        )
    };
    Some(section("pdf-forms", w.pdf_forms, &content))
}

fn appendix(report: &Report, lang: Lang) -> Option<Section> {
    let w = words(lang);
    let mut out = format!(
        "<h3>{}</h3>\n<dl class=\"definitions\">\n",
        escape(w.indicator_definitions)
    );
    for row in &report.indicators {
        let Some(info) = i18n::indicator(row.id) else {
            continue;
        };
        out.push_str(&format!(
            "<dt id=\"def-{id}\">{} <span class=\"id\">({id})</span></dt>\n<dd>{}</dd>\n<dd class=\"fraction\">{}: {}",
            escape(info.label.get(lang)),
            escape(info.definition.get(lang)),
            escape(w.numerator),
            escape(info.numerator.get(lang)),
            id = escape(row.id),
        ));
        if let Some(denominator) = &info.denominator {
            out.push_str(&format!(
                ". {}: {}",
                escape(w.denominator),
                escape(denominator.get(lang))
            ));
        }
        out.push_str(".</dd>\n");
    }
    out.push_str("</dl>\n");

    let ladder = i18n::ladder();
    let rows = ladder
        .steps
        .iter()
        .map(|s| Row {
            header: Html::text(&format!("{} {}", s.step, s.name.get(lang))),
            cells: vec![
                Html::text(s.definition.get(lang)),
                Html::text(s.rule.get(lang)),
            ],
        })
        .collect();
    let table = Table {
        id: "ladder-definitions-table",
        caption: Html::text(w.ladder_definitions),
        columns: vec![
            capitalised(w.step),
            capitalised(w.definition),
            capitalised(w.rule),
        ],
        numeric: vec![false, false],
        rows,
        class: "ladder-definitions",
    };
    out.push_str(&format!(
        "<h3>{}</h3>\n{}",
        escape(w.ladder_definitions),
        table.render()
    ));
    out.push_str(&format!(
        "<h3>{}</h3>\n<ol class=\"sources\">\n",
        escape(w.sources)
    ));
    for source in &ladder.sources {
        out.push_str(&format!(
            "<li><cite>{}</cite>. {}</li>\n",
            escape(&source.title),
            escape(source.note.get(lang))
        ));
    }
    out.push_str("</ol>\n");
    Some(section("appendix", w.appendix, &out))
}

#[cfg(test)]
mod tests;
