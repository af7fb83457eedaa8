//! The survey as one self-contained HTML page in the report's style (the
//! page, stylesheet, tables and stacked chart of `render::html`): who
//! offers what, e-services per organisation, the headline indicators both
//! ways, the counties, the service types with a chart of how far the
//! organisations got with each, and the index's distribution as a chart
//! beside its table. No script, nothing fetched.

use super::{
    count, criterion_label, offer_rows, part_of, share, spread_value, subtitle, title, type_name,
};
use crate::i18n::{self, Lang};
use crate::inventory::model::Vocabulary;
use crate::inventory::{Indicator, Step};
use crate::render::html::markup::{Html, Row, Table, escape};
use crate::render::html::svg::{INK, OUTLINE, Stacked, StepBar, WIDTH, n, open_svg, stacked_chart};
use crate::render::html::{Section, page, section, w};
use crate::render::numbers::{self, NO_DATA};
use crate::survey::Survey;
use crate::survey::index::{Criterion, GROUPS};

fn text(s: &str) -> Html {
    Html::text(s)
}

fn numeric_table(id: &str, caption: &str, columns: Vec<String>, rows: Vec<Row>) -> Html {
    let numeric = vec![true; columns.len().saturating_sub(1)];
    Table {
        id,
        caption: text(caption),
        columns,
        numeric,
        rows,
        class: "data",
    }
    .render()
}

/// A chart beside the table of its numbers, as on the report's page.
fn figure(chart: &Html, table: &Html) -> String {
    format!(
        "<div class=\"chart-and-table\">\n<figure>\n{chart}</figure>\n<div>{table}</div>\n</div>\n"
    )
}

fn para(s: &str) -> String {
    format!("<p>{}</p>\n", escape(s))
}

/// The distribution of the rank groups: a column per group 0–14 with its
/// count above it; the table beside it has the same numbers and names.
fn groups_chart(survey: &Survey, lang: Lang) -> Html {
    let groups = survey.groups();
    let most = groups.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let (top, bars, base) = (18.0, 120.0, 18.0);
    let height = top + bars + base;
    let column = WIDTH / GROUPS as f64;
    let desc: Vec<String> = groups
        .iter()
        .enumerate()
        .map(|(g, members)| format!("{g}: {}", members.len()))
        .collect();
    let heading = w(lang, "survey.index");
    let mut svg = open_svg(
        "index-chart",
        height,
        heading,
        &format!("{}. {}.", w(lang, "survey.group"), desc.join(", ")),
    );
    for (g, members) in groups.iter().enumerate() {
        let x = column * g as f64;
        let h = bars * members.len() as f64 / most as f64;
        let y = top + bars - h;
        if h > 0.0 {
            svg.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#2f6db0\" stroke=\"{OUTLINE}\"/>",
                n(x + 2.0),
                n(y),
                n(column - 4.0),
                n(h)
            ));
        }
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{INK}\" font-weight=\"700\">{}</text>",
            n(x + column / 2.0),
            n(y - 4.0),
            members.len()
        ));
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{INK}\">{g}</text>\n",
            n(x + column / 2.0),
            n(top + bars + 14.0)
        ));
    }
    svg.push_str(&format!(
        "<line x1=\"0\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{OUTLINE}\"/>\n</svg>\n",
        n(WIDTH),
        y = n(top + bars)
    ));
    // Built from numbers and escaped words only.
    Html::raw(svg)
}

pub fn render(survey: &Survey, lang: Lang) -> String {
    let mut sections: Vec<Section> = Vec::new();
    let words = |key: &str| w(lang, key).to_string();

    // Who offers what.
    let mut content = String::new();
    let kinds: Vec<Row> = survey
        .kinds()
        .into_iter()
        .map(|(kind, k)| Row {
            header: text(w(lang, &format!("kind.{}", kind.as_str()))),
            cells: vec![text(&count(k as f64, lang))],
        })
        .collect();
    content.push_str(
        &numeric_table(
            "kinds",
            w(lang, "survey.kinds"),
            vec![words("column.kind"), words("survey.organisations")],
            kinds,
        )
        .to_string(),
    );
    let offer: Vec<Row> = offer_rows(survey, lang)
        .into_iter()
        .map(|(label, s)| Row {
            header: text(&label),
            cells: vec![text(&part_of(s, lang)), text(&share(s, lang))],
        })
        .collect();
    content.push_str(
        &numeric_table(
            "offer-table",
            w(lang, "survey.offer"),
            vec![
                words("survey.measure"),
                words("survey.organisations"),
                words("survey.share"),
            ],
            offer,
        )
        .to_string(),
    );
    sections.push(section("offer", w(lang, "survey.offer"), &content));

    // E-services per organisation.
    let mut content = String::new();
    if let Some(s) = survey.e_services() {
        let values = [s.min, s.q1, s.median, s.q3, s.max];
        let labels = [
            "survey.minimum",
            "survey.lower_quartile",
            "survey.median",
            "survey.upper_quartile",
            "survey.maximum",
        ];
        let rows: Vec<Row> = labels
            .iter()
            .zip(values)
            .map(|(label, v)| Row {
                header: text(w(lang, label)),
                cells: vec![text(&spread_value(v, lang))],
            })
            .collect();
        content.push_str(
            &numeric_table(
                "spread-table",
                w(lang, "survey.e_services"),
                vec![
                    String::new(),
                    i18n::indicator_label(Indicator::EServices, lang).to_string(),
                ],
                rows,
            )
            .to_string(),
        );
    }
    let without: Vec<String> = survey
        .without_e_services()
        .iter()
        .map(|o| o.name.clone())
        .collect();
    content.push_str(&para(&if without.is_empty() {
        words("survey.without_none")
    } else {
        i18n::format(
            lang,
            "survey.without",
            &[("names", &i18n::and_list(&without, lang))],
        )
    }));
    content.push_str(&para(w(lang, "survey.quartile_note")));
    sections.push(section(
        "e-services",
        w(lang, "survey.e_services"),
        &content,
    ));

    // Headline indicators both ways.
    let rows: Vec<Row> = survey
        .headlines()
        .iter()
        .map(|h| Row {
            header: text(i18n::indicator_label(h.id, lang)),
            cells: vec![
                text(&numbers::value(h.pooled.value(), h.id.unit(), lang)),
                text(&numbers::value(h.median, h.id.unit(), lang)),
                text(&count(h.with_data as f64, lang)),
            ],
        })
        .collect();
    let mut content = numeric_table(
        "headline-table",
        w(lang, "survey.headline"),
        vec![
            words("column.indicator"),
            words("survey.pooled"),
            words("survey.median_of_organisations"),
            words("survey.with_data"),
        ],
        rows,
    )
    .to_string();
    content.push_str(&para(w(lang, "survey.pooled_note")));
    sections.push(section("headline", w(lang, "survey.headline"), &content));

    // Counties.
    let counties = survey.counties();
    let content = if counties.is_empty() {
        para(w(lang, "survey.counties_none"))
    } else {
        let median = |v: Option<f64>| v.map_or(NO_DATA.to_string(), |v| spread_value(v, lang));
        let rows: Vec<Row> = counties
            .iter()
            .map(|c| Row {
                header: text(&c.county.name),
                cells: vec![
                    text(&count(c.organisations as f64, lang)),
                    text(&share(c.with_e_services, lang)),
                    text(&median(c.median_e_services)),
                    text(&share(c.transaction_share, lang)),
                    text(&median(c.median_score)),
                ],
            })
            .collect();
        numeric_table(
            "county-table",
            w(lang, "survey.counties"),
            vec![
                words("survey.county"),
                words("survey.organisations"),
                words("survey.with_e_services"),
                words("survey.median_e_services"),
                words("survey.transaction_pooled"),
                words("survey.median_index"),
            ],
            rows,
        )
        .to_string()
    };
    sections.push(section("counties", w(lang, "survey.counties"), &content));

    // Service types.
    let types = survey.types();
    let content = if types.is_empty() {
        para(w(lang, "survey.types_none"))
    } else {
        let mut content = format!(
            "<p class=\"intro\">{}</p>\n",
            escape(w(lang, "survey.types_note"))
        );
        let bars: Vec<StepBar> = types
            .iter()
            .map(|t| StepBar {
                name: type_name(&t.id, lang),
                counts: t.at_step,
            })
            .collect();
        let chart = stacked_chart(
            &Stacked {
                id: "types-chart",
                title: w(lang, "survey.types"),
                desc: w(lang, "survey.types_note"),
            },
            &bars,
            lang,
        );
        let mut columns = vec![words("survey.type"), words("survey.organisations")];
        columns.extend(Step::ALL.iter().map(|s| i18n::step_label(*s, lang)));
        let rows: Vec<Row> = types
            .iter()
            .map(|t| {
                let mut cells = vec![text(&count(t.organisations as f64, lang))];
                cells.extend(Step::ALL.iter().map(|s| text(&share(t.share_at(*s), lang))));
                Row {
                    header: text(&type_name(&t.id, lang)),
                    cells,
                }
            })
            .collect();
        let table = numeric_table("types-table", w(lang, "survey.types"), columns, rows);
        content.push_str(&figure(&chart, &table));
        content
    };
    sections.push(section("types", w(lang, "survey.types"), &content));

    // The index.
    let mut content = format!(
        "<p class=\"intro\">{}</p>\n",
        escape(w(lang, "survey.index_note"))
    );
    let rows: Vec<Row> = survey
        .groups()
        .iter()
        .enumerate()
        .rev()
        .map(|(g, members)| {
            let names: Vec<String> = members.iter().map(|o| o.name.clone()).collect();
            Row {
                header: text(&g.to_string()),
                cells: vec![
                    text(&count(members.len() as f64, lang)),
                    text(&names.join(", ")),
                ],
            }
        })
        .collect();
    let chart = groups_chart(survey, lang);
    content.push_str(&figure(
        &chart,
        &Table {
            id: "index-table",
            caption: text(w(lang, "survey.index")),
            columns: vec![
                words("survey.group"),
                words("survey.organisations"),
                words("column.organisation"),
            ],
            numeric: vec![true, false],
            rows,
            class: "data",
        }
        .render(),
    ));
    content.push_str(&format!(
        "<h3>{}</h3>\n<ol>",
        escape(w(lang, "survey.criteria"))
    ));
    for c in Criterion::ALL {
        content.push_str(&format!("<li>{}</li>", escape(criterion_label(c, lang))));
    }
    content.push_str("</ol>\n");
    sections.push(section("index", w(lang, "survey.index"), &content));

    // Organisations.
    let rows: Vec<Row> = survey
        .organisations
        .iter()
        .map(|o| Row {
            header: text(&o.name),
            cells: vec![
                text(w(lang, &format!("kind.{}", o.kind.as_str()))),
                text(&o.year.to_string()),
                text(&count(o.services as f64, lang)),
                text(&count(o.e_services as f64, lang)),
                text(&o.score().to_string()),
            ],
        })
        .collect();
    let content = Table {
        id: "organisations-table",
        caption: text(w(lang, "survey.per_organisation")),
        columns: vec![
            words("column.organisation"),
            words("column.kind"),
            words("column.year"),
            i18n::indicator_label(Indicator::Services, lang).to_string(),
            i18n::indicator_label(Indicator::EServices, lang).to_string(),
            words("survey.points"),
        ],
        numeric: vec![false, true, true, true, true],
        rows,
        class: "data",
    }
    .render()
    .to_string();
    sections.push(section(
        "organisations",
        w(lang, "survey.per_organisation"),
        &content,
    ));

    let heading = title(survey, lang);
    let lede = subtitle(survey, lang);
    page(
        &crate::render::html::Page {
            lang,
            title: &heading,
            kicker: w(lang, "survey.html_kicker"),
            heading: &heading,
            lede: &lede,
            footer: w(lang, "survey.html_footer"),
        },
        &sections,
    )
}
