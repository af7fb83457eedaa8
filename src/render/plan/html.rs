//! The plan as one page in the report's style (`render/html`): the
//! department's changes as tables, the targets now and after, the outcome
//! targets. Every text is escaped; no script, nothing fetched.

use super::{by_department, cases, from_to, heaviest, outcome_gaps, serves, status_after, step};
use super::{target_label, target_value, title, unreachable_text};
use crate::i18n::{self, Lang};
use crate::plan::Plan;
use crate::render::html::markup::{Html, Row, Table, escape};
use crate::render::html::{Page, Section, page, section, status_badge, w};
use crate::render::numbers;

fn bullets(items: &[String]) -> String {
    let mut out = String::from("<ul>\n");
    for item in items {
        out.push_str(&format!("<li>{}</li>\n", escape(item)));
    }
    out.push_str("</ul>\n");
    out
}

pub fn render(plan: &Plan, lang: Lang) -> String {
    let t = |key: &str| i18n::text(lang, key).to_string();
    let mut sections: Vec<Section> = Vec::new();

    let summary = super::summary(plan, lang);
    let mut changes = format!("<p>{}</p>\n", escape(&summary));
    for (index, (name, list)) in by_department(plan, lang).into_iter().enumerate() {
        let id = format!("department-{index}");
        changes.push_str(&format!("<h3>{}</h3>\n", escape(&name)));
        let table = Table {
            id: &id,
            caption: Html::text(&name),
            columns: vec![
                t("plan.service"),
                t("plan.change"),
                t("plan.from_to"),
                t("plan.step"),
                t("plan.cases"),
                t("plan.serves"),
            ],
            numeric: vec![false, false, true, true, false],
            rows: list
                .iter()
                .map(|c| Row {
                    header: Html::text(&format!("{} ({})", c.name, c.service)),
                    cells: vec![
                        Html::text(i18n::text(lang, c.what.key())),
                        Html::text(&from_to(c, lang)),
                        Html::text(&step(c)),
                        Html::text(&cases(c, lang)),
                        Html::text(&serves(plan, c, lang)),
                    ],
                })
                .collect(),
            // Its caption repeats the department's heading just above it:
            // there for screen readers, not shown twice (style.css).
            class: "data department-changes",
        };
        changes.push_str(&table.render().to_string());
    }
    sections.push(section("changes", &t("plan.by_department"), &changes));

    if !plan.targets.is_empty() {
        let table = Table {
            id: "targets-table",
            // Not the section's heading: two regions of one name are one
            // landmark too many for a screen reader (axe landmark-unique).
            caption: Html::text(&t("plan.html.targets_caption")),
            columns: vec![
                t("plan.indicator"),
                t("plan.now"),
                t("plan.after"),
                t("plan.target"),
                t("plan.status_after"),
            ],
            numeric: vec![true, true, true, false],
            rows: plan
                .targets
                .iter()
                .map(|line| {
                    let unit = line.indicator.unit();
                    let status = if line.unreachable || line.kind != crate::plan::Kind::Plannable {
                        Html::text(&status_after(line, lang))
                    } else {
                        status_badge(line.status_after, lang)
                    };
                    Row {
                        header: Html::text(&target_label(plan, line, lang)),
                        cells: vec![
                            Html::text(&numbers::value(line.now, unit, lang)),
                            Html::text(&numbers::value(line.after, unit, lang)),
                            Html::text(&target_value(line, lang)),
                            status,
                        ],
                    }
                })
                .collect(),
            class: "data",
        };
        let mut html = table.render().to_string();
        let unreachable: Vec<String> = plan
            .targets
            .iter()
            .filter(|l| l.unreachable)
            .map(|l| unreachable_text(plan, l, lang))
            .collect();
        if !unreachable.is_empty() {
            html.push_str(&bullets(&unreachable));
        }
        sections.push(section("targets", &t("plan.targets"), &html));
    }

    let gaps = outcome_gaps(plan, lang);
    if !gaps.is_empty() {
        let mut html = format!(
            "<p>{}</p>\n{}",
            escape(&t("plan.outcomes_intro")),
            bullets(&gaps)
        );
        if !plan.heaviest.is_empty() {
            html.push_str(&format!("<h3>{}</h3>\n", escape(&t("plan.heaviest"))));
            html.push_str(&bullets(&heaviest(plan, lang)));
        }
        sections.push(section("outcomes", &t("plan.outcomes"), &html));
    }

    let heading = title(plan, lang);
    page(
        &Page {
            lang,
            title: &heading,
            kicker: w(lang, "plan.html.kicker"),
            heading: &heading,
            lede: w(lang, "plan.intro"),
            footer: w(lang, "plan.html.footer"),
        },
        &sections,
    )
}
