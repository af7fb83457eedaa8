//! `trappa ladder`: the steps, their definitions, the rules that derive them,
//! the crosswalk to other maturity models, and the sources.

use super::table::{Fit, Layout, keep_whole, new_table};
use crate::i18n::{LadderData, Lang};
use std::fmt::Write;

pub fn text(data: &LadderData, lang: Lang, layout: Layout) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\n",
        lang.pick(
            "Statskontorets utvecklingstrappa för e-tjänster (2000:41)",
            "Statskontoret's e-service ladder (2000:41)"
        )
    );
    for step in &data.steps {
        let _ = writeln!(out, "{} {}", step.step, step.name.get(lang));
        let _ = writeln!(out, "  {}", step.definition.get(lang));
        let _ = writeln!(
            out,
            "  {}: {}\n",
            lang.pick("Regel", "Rule"),
            step.rule.get(lang)
        );
    }
    let _ = writeln!(
        out,
        "{}\n",
        lang.pick(
            "Reglerna prövas uppifrån (steg 4 först); den första som stämmer avgör.",
            "The rules are tried from the top (step 4 first); the first that holds decides."
        )
    );
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "Motsvarigheter i andra modeller",
            "Crosswalk to other models"
        )
    );
    let mut table = new_table(
        layout,
        vec![
            "Statskontoret".into(),
            "Layne & Lee 2001".into(),
            lang.pick("FN:s e-förvaltningsenkät", "UN E-Government Survey")
                .into(),
            lang.pick("EU:s benchmark (≤2010)", "EU benchmark (≤2010)")
                .into(),
        ],
    );
    for step in &data.steps {
        table.add_row(vec![
            format!("{} {}", step.step, step.name.get(lang)),
            step.crosswalk.layne_lee.clone(),
            step.crosswalk.un_stage.clone(),
            step.crosswalk.eu_benchmark.clone(),
        ]);
    }
    keep_whole(&mut table, layout, &[Fit::Words; 4]);
    let _ = writeln!(out, "{table}\n");
    let _ = writeln!(out, "{}", lang.pick("Källor", "Sources"));
    for source in &data.sources {
        let _ = writeln!(out, "- {}: {}", source.title, source.note.get(lang));
    }
    out
}

pub fn markdown(data: &LadderData, lang: Lang) -> String {
    let mut out = String::new();
    for step in &data.steps {
        let _ = writeln!(out, "### {} {}\n", step.step, step.name.get(lang));
        let _ = writeln!(out, "{}\n", step.definition.get(lang));
        let _ = writeln!(
            out,
            "*{}:* {}\n",
            lang.pick("Regel", "Rule"),
            step.rule.get(lang)
        );
    }
    out
}
