//! The report for a terminal (or plain text when piped).

use super::Report;
use super::document::{Block, blocks};
use crate::i18n::Lang;
use crate::output::Color;
use crate::output::table::{Layout, keep_whole, new_table};

pub fn render(report: &Report, lang: Lang, layout: Layout, color: Color) -> String {
    let mut out = String::new();
    for block in blocks(report, lang, layout.width()) {
        match block {
            Block::Title(text) => {
                out.push_str(&color.paint("1", &text));
                out.push('\n');
                out.push_str(&"=".repeat(text.chars().count()));
                out.push_str("\n\n");
            }
            Block::Heading(text) => {
                out.push_str(&color.paint("1", &text));
                out.push('\n');
                out.push_str(&"-".repeat(text.chars().count()));
                out.push('\n');
            }
            Block::Text(text) => {
                out.push_str(&text);
                out.push_str("\n\n");
            }
            Block::Preformatted(text) => {
                out.push_str(&text);
                out.push('\n');
            }
            Block::Bullets(items) => {
                for item in items {
                    out.push_str(&format!("  • {item}\n"));
                }
                out.push('\n');
            }
            Block::Table { header, rows, fits } => {
                let mut table = new_table(layout, header);
                for row in rows {
                    table.add_row(row);
                }
                keep_whole(&mut table, layout, &fits);
                out.push_str(&format!("{table}\n\n"));
            }
        }
    }
    out
}
