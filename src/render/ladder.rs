//! `trappa ladder`: the steps, their definitions, the rules that derive them,
//! the crosswalk to other maturity models, and the sources. Text and
//! Markdown carry the same content; only the markup differs.

use super::document::Table;
use super::text::{self, Fit, Layout};
use crate::i18n::{self, LadderSource, Lang};
use crate::inventory::Step;
use std::fmt::Write;

fn t(lang: Lang, key: &str) -> &'static str {
    i18n::text(lang, key)
}

fn crosswalk(lang: Lang) -> Table {
    let header = vec![
        "Statskontoret".into(),
        "Layne & Lee 2001".into(),
        t(lang, "ladder.crosswalk_un").into(),
        t(lang, "ladder.crosswalk_eu").into(),
    ];
    let rows = Step::ALL
        .iter()
        .map(|&step| {
            vec![
                i18n::step_title(step, lang),
                i18n::step_text(step, "crosswalk.layne_lee", lang).to_string(),
                i18n::step_text(step, "crosswalk.un_stage", lang).to_string(),
                i18n::step_text(step, "crosswalk.eu_benchmark", lang).to_string(),
            ]
        })
        .collect();
    Table::new(header, rows, vec![Fit::Words; 4])
}

fn sources(lang: Lang) -> Vec<String> {
    i18n::ladder_sources()
        .iter()
        .map(|source: &LadderSource| format!("{}: {}", source.title(lang), source.note(lang)))
        .collect()
}

pub fn text(lang: Lang, layout: Layout) -> String {
    // On a terminal the prose is wrapped at spaces; piped, it is one line
    // a paragraph, as before.
    let line = |out: &mut String, text: &str, first: &str, rest: &str| match layout.width() {
        Some(width) => text::wrap(out, text, first, rest, width),
        None => {
            let _ = writeln!(out, "{first}{text}");
        }
    };
    let mut out = String::new();
    line(&mut out, t(lang, "ladder.title"), "", "");
    out.push('\n');
    for step in Step::ALL {
        let _ = writeln!(out, "{}", i18n::step_title(step, lang));
        line(
            &mut out,
            i18n::step_text(step, "definition", lang),
            "  ",
            "  ",
        );
        let rule = format!(
            "{}: {}",
            t(lang, "ladder.rule"),
            i18n::step_text(step, "rule", lang)
        );
        line(&mut out, &rule, "  ", "  ");
        out.push('\n');
    }
    line(&mut out, t(lang, "ladder.first_match_note"), "", "");
    out.push('\n');
    let _ = writeln!(out, "{}", t(lang, "ladder.crosswalk_heading"));
    let _ = writeln!(out, "{}\n", crosswalk(lang).to_text(layout));
    let _ = writeln!(out, "{}", t(lang, "ladder.sources_heading"));
    for source in sources(lang) {
        line(&mut out, &source, "- ", "  ");
    }
    out
}

pub fn markdown(lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", t(lang, "ladder.title"));
    for step in Step::ALL {
        let _ = writeln!(out, "### {}\n", i18n::step_title(step, lang));
        let _ = writeln!(out, "{}\n", i18n::step_text(step, "definition", lang));
        let _ = writeln!(
            out,
            "*{}:* {}\n",
            t(lang, "ladder.rule"),
            i18n::step_text(step, "rule", lang)
        );
    }
    let _ = writeln!(out, "{}\n", t(lang, "ladder.first_match_note"));
    let _ = writeln!(out, "### {}\n", t(lang, "ladder.crosswalk_heading"));
    out.push_str(&crosswalk(lang).to_markdown());
    let _ = writeln!(out, "\n### {}\n", t(lang, "ladder.sources_heading"));
    // Bundled prose, like the definitions and rules above: written to read
    // well as Markdown, so not escaped (`target_step` stays as it is).
    for source in sources(lang) {
        let _ = writeln!(out, "- {source}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_carries_what_text_carries() {
        for lang in Lang::ALL {
            let md = markdown(lang);
            let text = text(lang, Layout::Plain);
            let mut expected: Vec<String> = [
                "ladder.title",
                "ladder.first_match_note",
                "ladder.crosswalk_heading",
                "ladder.sources_heading",
            ]
            .iter()
            .map(|key| t(lang, key).to_string())
            .collect();
            expected.push("Layne & Lee 2001".to_string());
            expected.extend(crosswalk(lang).rows.into_iter().flatten());
            for source in i18n::ladder_sources() {
                expected.push(source.note(lang).to_string());
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
        let rows = crosswalk(Lang::Sv).rows;
        assert_eq!(rows[1][1], "Katalog (nedladdningsbara blanketter)");
        assert_eq!(rows[2][2], "Transaktionell (transactional)");
        assert_eq!(rows[1][3], "2 Envägs / 3 Tvåvägs utan säker identifiering");
    }
}
