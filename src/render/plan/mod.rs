//! `trappa plan` in every format: the document (terminal and Markdown),
//! JSON, CSV (both dialects) and the HTML page ([`html`]).

use super::Color;
use super::csv::Dialect;
use super::document::{self, Block, Table};
use super::markdown::Align;
use super::numbers;
use super::text::{Fit, Layout};
use crate::diagnostic::Message;
use crate::i18n::{self, Lang};
use crate::inventory::Unit;
use crate::plan::{Change, Gap, Kind, Plan, TargetLine};
use crate::report::targets::TargetStatus;
use serde_json::{Value, json};

pub mod html;

fn t(lang: Lang, key: &str) -> String {
    i18n::text(lang, key).to_string()
}

/// "Trelleborgs kommun 2014 – handlingsplan".
pub fn title(plan: &Plan, lang: Lang) -> String {
    format!(
        "{} {} – {}",
        plan.organisation,
        plan.year,
        i18n::text(lang, "plan.title_suffix")
    )
}

/// An indicator's label, with its department's name for a department's target.
pub fn target_label(plan: &Plan, line: &TargetLine, lang: Lang) -> String {
    let label = i18n::indicator_label(line.indicator, lang);
    match &line.department {
        Some(d) => format!("{label} ({})", plan.department_name(d)),
        None => label.to_string(),
    }
}

/// The targets a change serves, by label.
pub fn serves(plan: &Plan, change: &Change, lang: Lang) -> String {
    let labels: Vec<String> = change
        .serves
        .iter()
        .map(|&t| target_label(plan, &plan.targets[t], lang))
        .collect();
    super::report::list_or_none(labels)
}

/// "lösenord → e-legitimation": the values in the reader's words
/// (`value.*`, the same for every renderer that shows them), an absent key
/// "(saknas)". JSON and CSV keep the file's spelling (`password`, `eid`).
pub fn from_to(change: &Change, lang: Lang) -> String {
    let field = change.key.rsplit('.').next().unwrap_or(change.key);
    let word = |value: &str| {
        i18n::value_word(field, value, lang).map_or_else(|| value.to_string(), str::to_string)
    };
    let from = change
        .from
        .as_deref()
        .map_or_else(|| t(lang, "plan.absent"), word);
    // The statement's address is chosen on --apply: its word here.
    let to = if change.what == crate::plan::Move::AccessibilityStatement {
        t(lang, "plan.address")
    } else {
        word(change.to)
    };
    format!("{from} → {to}")
}

pub fn step(change: &Change) -> String {
    format!("{}→{}", change.step_before, change.step_after)
}

pub fn cases(change: &Change, lang: Lang) -> String {
    numbers::value(change.cases.map(|c| c as f64), Unit::Count, lang)
}

/// "met", "behind", "out of reach", "not planned" after the plan.
pub fn status_after(line: &TargetLine, lang: Lang) -> String {
    if line.unreachable {
        t(lang, "plan.unreachable")
    } else if line.kind != Kind::Plannable && line.status_after != TargetStatus::Met {
        format!(
            "{} ({})",
            super::report::status_word(line.status_after, lang),
            t(lang, "plan.not_planned")
        )
    } else {
        super::report::status_word(line.status_after, lang).to_string()
    }
}

/// "≥ 50,0 %".
pub fn target_value(line: &TargetLine, lang: Lang) -> String {
    format!(
        "{}{}{}",
        super::report::direction_symbol(line.direction),
        numbers::JOIN,
        numbers::value(Some(line.target), line.indicator.unit(), lang)
    )
}

/// The departments that have changes, in the report's order (the
/// `departments` list, then departments named only by services, then
/// services without one): (name, changes).
pub fn by_department(plan: &Plan, lang: Lang) -> Vec<(String, Vec<&Change>)> {
    let mut out: Vec<(String, Vec<&Change>)> = Vec::new();
    for (id, name) in &plan.departments {
        let changes: Vec<&Change> = plan
            .changes
            .iter()
            .filter(|c| c.department.as_deref().unwrap_or("") == id)
            .collect();
        if !changes.is_empty() {
            let name = if id.is_empty() {
                t(lang, "report.no_department")
            } else {
                name.clone()
            };
            out.push((name, changes));
        }
    }
    out
}

/// An outcome target's gap in words and its own unit.
pub fn gap_text(plan: &Plan, line: &TargetLine, gap: &Gap, lang: Lang) -> String {
    let indicator = target_label(plan, line, lang);
    let count = |n: u64| numbers::value(Some(n as f64), Unit::Count, lang);
    let (key, name, value) = match gap {
        Gap::DigitalCases { count: n } => ("plan.gap.digital_cases", "count", count(*n)),
        Gap::Completed { count: n } => ("plan.gap.completed", "count", count(*n)),
        Gap::Recorded { count: n } => ("plan.gap.recorded", "count", count(*n)),
        Gap::Sek { amount } => (
            "plan.gap.sek",
            "amount",
            numbers::value(Some(*amount), Unit::Sek, lang),
        ),
        Gap::Points { amount } => (
            "plan.gap.points",
            "amount",
            numbers::value(Some(*amount), Unit::Percent, lang),
        ),
    };
    i18n::format(lang, key, &[("indicator", &indicator), (name, &value)])
}

/// How many changes, and whether they are proven the fewest.
pub fn summary(plan: &Plan, lang: Lang) -> String {
    let mut text = if plan.changes.is_empty() {
        t(lang, "plan.nothing")
    } else {
        i18n::plural(lang, "plan.size", plan.size() as u64)
    };
    if !plan.proven {
        text.push(' ');
        text.push_str(&i18n::format(
            lang,
            "plan.not_proven",
            &[(
                "bound",
                &numbers::value(Some(f64::from(plan.lower_bound)), Unit::Count, lang),
            )],
        ));
    }
    text
}

/// One department's changes. On a terminal the service, the change and the
/// targets are text that wraps at spaces; the step and the cases are kept
/// whole.
fn changes_table(plan: &Plan, changes: &[&Change], lang: Lang) -> Table {
    let rows = changes
        .iter()
        .map(|c| {
            vec![
                format!("{} ({})", c.name, c.service),
                t(lang, c.what.key()),
                from_to(c, lang),
                step(c),
                cases(c, lang),
                serves(plan, c, lang),
            ]
        })
        .collect();
    Table {
        header: vec![
            t(lang, "plan.service"),
            t(lang, "plan.change"),
            t(lang, "plan.from_to"),
            t(lang, "plan.step"),
            t(lang, "plan.cases"),
            t(lang, "plan.serves"),
        ],
        rows,
        fits: vec![
            Fit::Words,
            Fit::Words,
            Fit::Words,
            Fit::Whole,
            Fit::Whole,
            Fit::Words,
        ],
        align: vec![
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Left,
        ],
    }
}

pub fn blocks(plan: &Plan, lang: Lang) -> Vec<Block> {
    let mut out = vec![
        Block::Title(title(plan, lang)),
        Block::Text(t(lang, "plan.intro")),
    ];
    out.push(Block::Text(summary(plan, lang)));
    let departments = by_department(plan, lang);
    if !departments.is_empty() {
        out.push(Block::Heading(t(lang, "plan.by_department")));
        let tables = departments
            .into_iter()
            .map(|(name, changes)| (name, changes_table(plan, &changes, lang)))
            .collect();
        out.push(Block::Tables(tables));
    }
    if !plan.targets.is_empty() {
        out.push(Block::Heading(t(lang, "plan.targets")));
        let rows = plan
            .targets
            .iter()
            .map(|line| {
                let unit = line.indicator.unit();
                vec![
                    target_label(plan, line, lang),
                    numbers::value(line.now, unit, lang),
                    numbers::value(line.after, unit, lang),
                    target_value(line, lang),
                    status_after(line, lang),
                ]
            })
            .collect();
        out.push(Block::Table(Table {
            header: vec![
                t(lang, "plan.indicator"),
                t(lang, "plan.now"),
                t(lang, "plan.after"),
                t(lang, "plan.target"),
                t(lang, "plan.status_after"),
            ],
            rows,
            fits: vec![Fit::Words, Fit::Whole, Fit::Whole, Fit::Whole, Fit::Words],
            align: vec![
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Left,
            ],
        }));
        let unreachable: Vec<String> = plan
            .targets
            .iter()
            .filter(|l| l.unreachable)
            .map(|l| unreachable_text(plan, l, lang))
            .collect();
        if !unreachable.is_empty() {
            out.push(Block::Bullets(unreachable));
        }
    }
    let gaps = outcome_gaps(plan, lang);
    if !gaps.is_empty() {
        out.push(Block::Heading(t(lang, "plan.outcomes")));
        out.push(Block::Text(t(lang, "plan.outcomes_intro")));
        out.push(Block::Bullets(gaps));
        if !plan.heaviest.is_empty() {
            out.push(Block::Subheading(t(lang, "plan.heaviest")));
            out.push(Block::Bullets(heaviest(plan, lang)));
        }
    }
    out
}

pub fn unreachable_text(plan: &Plan, line: &TargetLine, lang: Lang) -> String {
    let unit = line.indicator.unit();
    i18n::format(
        lang,
        "plan.unreachable_text",
        &[
            ("indicator", &target_label(plan, line, lang)),
            ("after", &numbers::value(line.after, unit, lang)),
            ("target", &target_value(line, lang)),
        ],
    )
}

pub fn outcome_gaps(plan: &Plan, lang: Lang) -> Vec<String> {
    plan.targets
        .iter()
        .filter_map(|l| l.gap.as_ref().map(|g| gap_text(plan, l, g, lang)))
        .collect()
}

pub fn heaviest(plan: &Plan, lang: Lang) -> Vec<String> {
    plan.heaviest
        .iter()
        .map(|h| {
            i18n::format(
                lang,
                "plan.heavy",
                &[
                    ("service", &format!("{} ({})", h.name, h.service)),
                    (
                        "count",
                        &numbers::value(Some(h.non_digital as f64), Unit::Count, lang),
                    ),
                ],
            )
        })
        .collect()
}

pub fn table(plan: &Plan, lang: Lang, layout: Layout, color: Color) -> String {
    document::to_text(&blocks(plan, lang), layout, color)
}

pub fn markdown(plan: &Plan, lang: Lang) -> String {
    document::to_markdown(&blocks(plan, lang))
}

/// `{"trappa_plan": 1, …}`: ids and values as the inventory writes them,
/// numbers by the one JSON rule (shares 0–1, counts integers, no data null).
pub fn json(plan: &Plan, lang: Lang) -> String {
    let changes: Vec<Value> = plan
        .changes
        .iter()
        .map(|c| {
            json!({
                "service": c.service,
                "department": c.department,
                "key": c.key,
                "change": c.what.id(),
                "from": c.from,
                "to": c.to,
                "step_before": c.step_before,
                "step_after": c.step_after,
                "cases": c.cases,
                "targets": c.serves.iter().map(|&t| target_ref(&plan.targets[t])).collect::<Vec<_>>(),
            })
        })
        .collect();
    let targets: Vec<Value> = plan
        .targets
        .iter()
        .map(|l| {
            let unit = l.indicator.unit();
            json!({
                "indicator": l.indicator.id(),
                "department": l.department,
                "target": super::json::number(Some(l.target), unit),
                "direction": l.direction,
                "now": super::json::number(l.now, unit),
                "after": super::json::number(l.after, unit),
                "plannable": l.kind == Kind::Plannable,
                "reachable": !l.unreachable,
                "met_after": l.met_after(),
                "status_after": l.status_after,
                "gap": l.gap,
            })
        })
        .collect();
    let doc = json!({
        "trappa_plan": 1,
        "lang": lang.code(),
        "organisation": plan.organisation,
        "year": plan.year,
        "size": plan.size(),
        "minimal": plan.proven,
        "lower_bound": plan.lower_bound,
        "changes": changes,
        "targets": targets,
        "heaviest": plan.heaviest,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// "eid_share" or "pdf_forms@socialforvaltning": how JSON and CSV name a target.
fn target_ref(line: &TargetLine) -> String {
    match &line.department {
        Some(d) => format!("{}@{d}", line.indicator.id()),
        None => line.indicator.id().to_string(),
    }
}

/// One row per change, for the departments' own spreadsheets.
pub fn csv(plan: &Plan, dialect: Dialect, lang: Lang) -> Result<Vec<u8>, Message> {
    let mut writer = dialect.writer();
    let err = |e: ::csv::Error| super::csv_failure(&e);
    writer
        .write_record([
            "department",
            "department_name",
            "service",
            "name",
            "key",
            "change",
            "from",
            "to",
            "step_before",
            "step_after",
            "cases",
            "targets",
        ])
        .map_err(err)?;
    for c in &plan.changes {
        let department = c.department.clone().unwrap_or_default();
        let department_name = if department.is_empty() {
            String::new()
        } else {
            plan.department_name(&department).to_string()
        };
        let targets: Vec<String> = c
            .serves
            .iter()
            .map(|&t| target_ref(&plan.targets[t]))
            .collect();
        writer
            .write_record([
                dialect.text(&department).into_owned(),
                dialect.text(&department_name).into_owned(),
                dialect.text(&c.service).into_owned(),
                dialect.text(&c.name).into_owned(),
                c.key.to_string(),
                i18n::text(lang, c.what.key()).to_string(),
                dialect.text(c.from.as_deref().unwrap_or("")).into_owned(),
                c.to.to_string(),
                c.step_before.to_string(),
                c.step_after.to_string(),
                dialect.maybe_number(c.cases.map(|n| n as f64)),
                targets.join(" "),
            ])
            .map_err(err)?;
    }
    dialect.finish(writer)
}

#[cfg(test)]
mod tests {
    use crate::i18n::{self, Lang};
    use crate::plan::Move;

    /// Every value a move writes has its words in both languages, so a
    /// table never falls back to the file's spelling for a `to`.
    #[test]
    fn every_move_writes_a_value_with_words() {
        for lang in [Lang::Sv, Lang::En] {
            for what in Move::ALL {
                if what == Move::AccessibilityStatement {
                    continue;
                }
                let field = what.path().rsplit('.').next().unwrap();
                assert!(
                    i18n::value_word(field, what.to(), lang).is_some(),
                    "{lang:?}: no words for {} = {}",
                    what.path(),
                    what.to()
                );
            }
        }
    }
}
