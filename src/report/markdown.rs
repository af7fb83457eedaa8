//! The report as Markdown, for a CI job summary or a pull-request comment.

use super::Report;
use super::document::{Block, blocks};
use crate::i18n::Lang;
use crate::output::classification::markdown_cell;

pub fn render(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for block in blocks(report, lang, None) {
        match block {
            Block::Title(text) => out.push_str(&format!("# {}\n\n", markdown_cell(&text))),
            Block::Heading(text) => out.push_str(&format!("## {}\n\n", markdown_cell(&text))),
            Block::Text(text) => out.push_str(&format!("{}\n\n", markdown_cell(&text))),
            Block::Preformatted(text) => out.push_str(&format!("```text\n{text}```\n\n")),
            Block::Bullets(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", markdown_cell(&item)));
                }
                out.push('\n');
            }
            Block::Table { header, rows, .. } => {
                let cells = |row: &[String]| {
                    let escaped: Vec<String> = row.iter().map(|c| markdown_cell(c)).collect();
                    format!("| {} |\n", escaped.join(" | "))
                };
                out.push_str(&cells(&header));
                out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
                for row in &rows {
                    out.push_str(&cells(row));
                }
                out.push('\n');
            }
        }
    }
    out
}
