//! `trappa classify`: one row per service with its derived step and why.

use super::csv::Dialect;
use super::document::Table;
use super::text::{Fit, Layout};
use crate::classified::ClassifiedService;
use crate::diagnostic::Message;
use crate::i18n::{self, Lang};
use crate::inventory::Step;
use crate::inventory::model::{Inventory, Vocabulary};
use crate::ladder::{Fact, reasons};
use serde_json::json;

fn headers(lang: Lang) -> Vec<String> {
    [
        "column.id",
        "column.name",
        "column.department",
        "column.step",
        "column.declared",
        "column.target",
        "column.reasons",
    ]
    .iter()
    .map(|key| i18n::text(lang, key).to_string())
    .collect()
}

fn optional_step(step: Option<Step>, lang: Lang) -> String {
    step.map(|s| i18n::step_label(s, lang)).unwrap_or_default()
}

/// The name, with the status when the service is not live.
fn name_cell(c: &ClassifiedService, lang: Lang) -> String {
    if c.service.is_live() {
        c.service.name.clone()
    } else {
        let status = i18n::text(
            lang,
            &format!("service_status.{}", c.service.status.as_str()),
        );
        format!("{} ({status})", c.service.name)
    }
}

fn row(c: &ClassifiedService, lang: Lang) -> Vec<String> {
    vec![
        c.service.id.clone(),
        name_cell(c, lang),
        c.service.department.clone().unwrap_or_default(),
        i18n::step_label(c.classification.step, lang),
        optional_step(c.service.declared_step, lang),
        optional_step(c.service.target_step, lang),
        reasons::reasons(&c.classification, lang),
    ]
}

fn rows_table(services: &[ClassifiedService], lang: Lang) -> Table {
    // In the order of `headers`: the three steps are never broken.
    let fits = vec![
        Fit::Words,
        Fit::Words,
        Fit::Words,
        Fit::Whole,
        Fit::Whole,
        Fit::Whole,
        Fit::Words,
    ];
    let rows = services.iter().map(|c| row(c, lang)).collect();
    Table::new(headers(lang), rows, fits)
}

pub fn table(services: &[ClassifiedService], lang: Lang, layout: Layout) -> String {
    format!("{}\n", rows_table(services, lang).to_text(layout))
}

pub fn markdown(services: &[ClassifiedService], lang: Lang) -> String {
    rows_table(services, lang).to_markdown()
}

/// Columns: id, name, department, status, step, step_name, declared_step,
/// target_step, reasons. Column names are stable; step names and reasons
/// follow `--lang`. In either dialect of every CSV trappa writes: for
/// Swedish Excel, text that a spreadsheet would run as a formula is guarded.
pub fn csv(
    services: &[ClassifiedService],
    lang: Lang,
    dialect: Dialect,
) -> Result<Vec<u8>, Message> {
    let mut writer = dialect.writer();
    let header = [
        "id",
        "name",
        "department",
        "status",
        "step",
        "step_name",
        "declared_step",
        "target_step",
        "reasons",
    ];
    let write_err = |e: ::csv::Error| super::csv_failure(&e);
    writer.write_record(header).map_err(write_err)?;
    for c in services {
        let s = c.service;
        let number = |step: Option<Step>| step.map(|s| s.number().to_string()).unwrap_or_default();
        let reasons = reasons::reasons(&c.classification, lang);
        writer
            .write_record([
                dialect.text(&s.id).as_ref(),
                &dialect.text(&s.name),
                &dialect.text(s.department.as_deref().unwrap_or("")),
                s.status.as_str(),
                &c.classification.step.number().to_string(),
                i18n::step_name(c.classification.step, lang),
                &number(s.declared_step),
                &number(s.target_step),
                &dialect.text(&reasons),
            ])
            .map_err(write_err)?;
    }
    dialect.finish(writer)
}

pub fn json(inventory: &Inventory, services: &[ClassifiedService], lang: Lang) -> String {
    let services: Vec<serde_json::Value> = services
        .iter()
        .map(|c| {
            let s = c.service;
            let cl = &c.classification;
            let next = cl.step.next();
            json!({
                "id": s.id,
                "name": s.name,
                "department": s.department,
                "status": s.status.as_str(),
                "step": cl.step.number(),
                "step_name": i18n::step_name(cl.step, lang),
                "declared_step": s.declared_step.map(Step::number),
                "target_step": s.target_step.map(Step::number),
                // Stable ids; the words in `--lang` beside them in `*_text`.
                "decided_by": cl.decided_by.iter().map(Fact::id).collect::<Vec<_>>(),
                "decided_by_text": cl.decided_by.iter().map(|f| reasons::fact(f, lang)).collect::<Vec<_>>(),
                "not_counted": cl.not_counted.iter().map(Fact::id).collect::<Vec<_>>(),
                "not_counted_text": cl.not_counted.iter().map(|f| reasons::fact(f, lang)).collect::<Vec<_>>(),
                "next_step": next.map(Step::number),
                "next_step_missing": cl.missing,
                "next_step_missing_text": cl.missing.iter().map(|m| reasons::missing(*m, lang)).collect::<Vec<_>>(),
                "reasons": reasons::reasons(cl, lang),
            })
        })
        .collect();
    let document = json!({
        "trappa_classify": 1,
        "lang": lang.code(),
        "organisation": {
            "name": inventory.organisation.name,
            "code": inventory.organisation.code,
            "kind": inventory.organisation.kind.as_str(),
        },
        "year": inventory.year,
        "services": services,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classified::classify_inventory;
    use crate::pipeline::check_path;
    use std::path::Path;

    #[test]
    fn json_gives_what_is_missing_as_ids_and_as_words() {
        let checked = check_path(Path::new("examples/norrkoping-2008.yaml")).unwrap();
        let inventory = checked.valid_inventory().unwrap();
        let services = classify_inventory(inventory);
        let document: serde_json::Value =
            serde_json::from_str(&json(inventory, &services, Lang::Sv)).unwrap();
        // Norrköping's medborgarpanel is submitted online with no login:
        // step 2, and step 3 needs only the e-ID.
        let panel = document["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "medborgarpanel")
            .unwrap();
        assert_eq!(panel["next_step_missing"], json!(["eid_login_or_signing"]));
        assert_eq!(
            panel["next_step_missing_text"],
            json!(["inloggning eller underskrift med e-legitimation"])
        );
    }
}
