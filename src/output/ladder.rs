//! `trappa ladder`: the steps, their definitions, the rules that derive them,
//! the crosswalk to other maturity models, and the sources. Text and
//! Markdown carry the same content; only the markup differs.

use super::classification::markdown_cell;
use super::table::{Fit, Layout, keep_whole, new_table};
use crate::i18n::{LadderData, Lang};
use std::fmt::Write;

fn title(lang: Lang) -> &'static str {
    lang.pick(
        "Statskontorets utvecklingstrappa för e-tjänster (2000:41)",
        "Statskontoret's e-service ladder (2000:41)",
    )
}

fn first_match_note(lang: Lang) -> &'static str {
    lang.pick(
        "Reglerna prövas uppifrån (steg 4 först); den första som stämmer avgör.",
        "The rules are tried from the top (step 4 first); the first that holds decides.",
    )
}

fn crosswalk_heading(lang: Lang) -> &'static str {
    lang.pick(
        "Motsvarigheter i andra modeller",
        "Crosswalk to other models",
    )
}

fn sources_heading(lang: Lang) -> &'static str {
    lang.pick("Källor", "Sources")
}

fn crosswalk_header(lang: Lang) -> Vec<String> {
    vec![
        "Statskontoret".into(),
        "Layne & Lee 2001".into(),
        lang.pick("FN:s e-förvaltningsenkät", "UN E-Government Survey")
            .into(),
        lang.pick("EU:s benchmark (≤2010)", "EU benchmark (≤2010)")
            .into(),
    ]
}

fn crosswalk_rows(data: &LadderData, lang: Lang) -> Vec<Vec<String>> {
    data.steps
        .iter()
        .map(|step| {
            vec![
                format!("{} {}", step.step, step.name.get(lang)),
                step.crosswalk.layne_lee.get(lang).to_string(),
                step.crosswalk.un_stage.get(lang).to_string(),
                step.crosswalk.eu_benchmark.get(lang).to_string(),
            ]
        })
        .collect()
}

fn sources(data: &LadderData, lang: Lang) -> Vec<String> {
    data.sources
        .iter()
        .map(|source| format!("{}: {}", source.title, source.note.get(lang)))
        .collect()
}

pub fn text(data: &LadderData, lang: Lang, layout: Layout) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", title(lang));
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
    let _ = writeln!(out, "{}\n", first_match_note(lang));
    let _ = writeln!(out, "{}", crosswalk_heading(lang));
    let mut table = new_table(layout, crosswalk_header(lang));
    for row in crosswalk_rows(data, lang) {
        table.add_row(row);
    }
    keep_whole(&mut table, layout, &[Fit::Words; 4]);
    let _ = writeln!(out, "{table}\n");
    let _ = writeln!(out, "{}", sources_heading(lang));
    for source in sources(data, lang) {
        let _ = writeln!(out, "- {source}");
    }
    out
}

pub fn markdown(data: &LadderData, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", title(lang));
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
    let _ = writeln!(out, "{}\n", first_match_note(lang));
    let _ = writeln!(out, "### {}\n", crosswalk_heading(lang));
    let row = |cells: &[String]| {
        let escaped: Vec<String> = cells.iter().map(|c| markdown_cell(c)).collect();
        format!("| {} |\n", escaped.join(" | "))
    };
    let header = crosswalk_header(lang);
    out.push_str(&row(&header));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for cells in crosswalk_rows(data, lang) {
        out.push_str(&row(&cells));
    }
    let _ = writeln!(out, "\n### {}\n", sources_heading(lang));
    // Bundled prose, like the definitions and rules above: written to read
    // well as Markdown, so not escaped (`target_step` stays as it is).
    for source in sources(data, lang) {
        let _ = writeln!(out, "- {source}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n;

    #[test]
    fn markdown_carries_what_text_carries() {
        for lang in [Lang::En, Lang::Sv] {
            let data = i18n::ladder();
            let md = markdown(data, lang);
            let text = text(data, lang, Layout::Plain);
            let mut expected = vec![
                title(lang).to_string(),
                first_match_note(lang).to_string(),
                crosswalk_heading(lang).to_string(),
                sources_heading(lang).to_string(),
                "Layne & Lee 2001".to_string(),
            ];
            expected.extend(crosswalk_rows(data, lang).into_iter().flatten());
            for source in &data.sources {
                expected.push(source.note.get(lang).to_string());
            }
            for piece in expected {
                assert!(text.contains(&piece), "text lacks {piece}");
                // Markdown escapes some punctuation; compare without it.
                assert!(
                    md.replace('\\', "").contains(&piece),
                    "markdown lacks {piece}:\n{md}"
                );
            }
        }
    }

    #[test]
    fn the_swedish_crosswalk_is_in_swedish() {
        let rows = crosswalk_rows(i18n::ladder(), Lang::Sv);
        assert_eq!(rows[1][1], "Katalog (nedladdningsbara blanketter)");
        assert_eq!(rows[2][2], "Transaktionell (transactional)");
        assert_eq!(rows[1][3], "2 Envägs / 3 Tvåvägs utan säker identifiering");
    }
}
