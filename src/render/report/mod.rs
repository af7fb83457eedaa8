//! The report in each format: the terminal and Markdown forms from one
//! document of blocks ([`document`]), the versioned JSON ([`json`]) and
//! the self-contained HTML page ([`html`]). What the formats show alike —
//! an indicator's label, a department's name, how a target reads, a status
//! word — is decided here, once.

pub mod document;
pub mod html;
pub mod json;
pub mod peers;

use super::Color;
use super::numbers;
use super::text::Layout;
use crate::i18n::{self, Lang};
use crate::indicators::compute::StepChange;
use crate::inventory::Indicator;
use crate::inventory::targets::Direction;
use crate::report::{Report, TargetRow};
use std::collections::HashMap;

/// For a terminal, or plain text when piped.
pub fn table(report: &Report, lang: Lang, layout: Layout, color: Color) -> String {
    let blocks = document::blocks(report, lang, layout.width(), false);
    super::document::to_text(&blocks, layout, color)
}

/// For a CI job summary, a pull-request comment or a document for the
/// board: with the appendix of every live service.
pub fn markdown(report: &Report, lang: Lang) -> String {
    super::document::to_markdown(&document::blocks(report, lang, None, true))
}

/// An indicator's label in `lang`.
pub fn label(id: Indicator, lang: Lang) -> String {
    i18n::indicator_label(id, lang).to_string()
}

/// The departments' names of one report, looked up by id.
pub struct Departments<'r> {
    names: HashMap<&'r str, &'r str>,
    lang: Lang,
}

impl<'r> Departments<'r> {
    pub fn of(report: &'r Report, lang: Lang) -> Departments<'r> {
        Departments {
            names: report.department_names(),
            lang,
        }
    }

    /// The name of a department; services without one are "(no
    /// department)"; an id the report does not list shows as itself.
    pub fn name(&self, id: Option<&str>) -> String {
        match id.filter(|id| !id.is_empty()) {
            None => i18n::text(self.lang, "report.no_department").to_string(),
            Some(id) => self.names.get(id).copied().unwrap_or(id).to_string(),
        }
    }
}

/// "≥ 50,0 % (2015)": what a target asks for and by when.
pub fn target_text(target: &TargetRow, lang: Lang) -> String {
    format!(
        "{}{}{} ({})",
        direction_symbol(target.direction),
        numbers::JOIN,
        numbers::value(Some(target.target), target.indicator.unit(), lang),
        target.by
    )
}

/// A target's status as a word (kept with the numbers, below the HTML
/// primitives that also show it).
pub use crate::render::numbers::status_word;

/// Met at or above (≥), or at or below (≤) the target.
pub fn direction_symbol(direction: Direction) -> &'static str {
    match direction {
        Direction::Up => "≥",
        Direction::Down => "≤",
    }
}

/// "–" for an empty list, otherwise the items separated by commas.
pub fn list_or_none(items: Vec<String>) -> String {
    if items.is_empty() {
        numbers::NO_DATA.to_string()
    } else {
        items.join(", ")
    }
}

/// The moves of the change lists, named: "Ansöka om bygglov (bygglov) 2→3".
pub fn moves(report: &Report, moves: &[StepChange]) -> Vec<String> {
    moves
        .iter()
        .map(|m| {
            format!(
                "{} {}→{}",
                report.named(&m.id),
                m.from.number(),
                m.to.number()
            )
        })
        .collect()
}

/// New or retired services, named.
pub fn named(report: &Report, ids: &[String]) -> Vec<String> {
    ids.iter().map(|id| report.named(id)).collect()
}
