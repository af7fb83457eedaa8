//! A document of blocks in reading order — a title, headings, text,
//! preformatted text, bullets and tables — decided once and laid out for a
//! terminal ([`to_text`]) or as Markdown ([`to_markdown`]), so the two
//! always carry the same words and numbers.

use super::Color;
use super::markdown::{self, Align};
use super::text::{self, Fit, Layout, keep_whole, new_table};

pub enum Block {
    Title(String),
    Heading(String),
    /// A heading under a heading (one department of many).
    Subheading(String),
    Text(String),
    /// Fixed-width text (a bar chart).
    Preformatted(String),
    Table(Table),
    /// Tables with the same columns, each under its own subheading (one
    /// department's rows each), laid out alike: all boxed or all stacked,
    /// decided on their rows together, so a reader does not meet one
    /// department as a table and the next as a list.
    Tables(Vec<(String, Table)>),
    Bullets(Vec<String>),
}

pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// How each column may be broken on a terminal.
    pub fits: Vec<Fit>,
    /// How each column lines up (left when not given).
    pub align: Vec<Align>,
}

impl Table {
    /// A table whose columns are all left-aligned.
    pub fn new(header: Vec<String>, rows: Vec<Vec<String>>, fits: Vec<Fit>) -> Table {
        Table {
            header,
            rows,
            fits,
            align: Vec::new(),
        }
    }

    /// The table fitted to `layout`, without a final newline. On a
    /// terminal too narrow for it with every word whole, the rows are
    /// stacked instead: words are never broken to make a table fit.
    pub fn to_text(&self, layout: Layout) -> String {
        self.laid_out(layout, self.stacks(layout))
    }

    /// Whether `layout` is a terminal too narrow for the table with every
    /// word whole.
    fn stacks(&self, layout: Layout) -> bool {
        layout
            .width()
            .is_some_and(|width| !text::fits_whole(&self.header, &self.rows, width))
    }

    fn laid_out(&self, layout: Layout, stacked: bool) -> String {
        if let (true, Some(width)) = (stacked, layout.width()) {
            let stacked = text::stacked(&self.header, &self.rows, width);
            return stacked.trim_end_matches('\n').to_string();
        }
        let mut table = new_table(layout, self.header.clone());
        for (column, align) in table.column_iter_mut().zip(&self.align) {
            if *align == Align::Right {
                column.set_cell_alignment(comfy_table::CellAlignment::Right);
            }
        }
        for row in &self.rows {
            table.add_row(row.clone());
        }
        keep_whole(&mut table, layout, &self.fits);
        table.to_string()
    }

    pub fn to_markdown(&self) -> String {
        markdown::table(&self.header, &self.rows, &self.align)
    }
}

/// For a terminal (or plain text when piped): a title underlined with `=`,
/// headings with `-`, and a blank line after every block but a heading.
pub fn to_text(blocks: &[Block], layout: Layout, color: Color) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Title(text) => {
                out.push_str(&color.paint("1", text));
                out.push('\n');
                out.push_str(&"=".repeat(text.chars().count()));
                out.push_str("\n\n");
            }
            Block::Heading(text) => {
                out.push_str(&color.paint("1", text));
                out.push('\n');
                out.push_str(&"-".repeat(text.chars().count()));
                out.push('\n');
            }
            Block::Subheading(text) => subheading(&mut out, text, color),
            Block::Text(text) => {
                match layout.width() {
                    // On a terminal, wrapped at spaces: words stay whole.
                    Some(width) => text::wrap(&mut out, text, "", "", width),
                    None => {
                        out.push_str(text);
                        out.push('\n');
                    }
                }
                out.push('\n');
            }
            Block::Preformatted(text) => {
                out.push_str(text);
                out.push('\n');
            }
            Block::Bullets(items) => {
                for item in items {
                    match layout.width() {
                        Some(width) => text::wrap(&mut out, item, "  • ", "    ", width),
                        None => out.push_str(&format!("  • {item}\n")),
                    }
                }
                out.push('\n');
            }
            Block::Table(table) => {
                out.push_str(&table.to_text(layout));
                out.push_str("\n\n");
            }
            Block::Tables(tables) => {
                let stacked = tables.iter().any(|(_, table)| table.stacks(layout));
                for (heading, table) in tables {
                    subheading(&mut out, heading, color);
                    out.push_str(&table.laid_out(layout, stacked));
                    out.push_str("\n\n");
                }
            }
        }
    }
    out
}

fn subheading(out: &mut String, text: &str, color: Color) {
    out.push_str(&color.paint("1", text));
    out.push('\n');
    out.push_str(&"·".repeat(text.chars().count()));
    out.push('\n');
}

/// As Markdown: `#` for the title, `##` for headings, text escaped.
pub fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Title(text) => out.push_str(&format!("# {}\n\n", markdown::cell(text))),
            Block::Heading(text) => out.push_str(&format!("## {}\n\n", markdown::cell(text))),
            Block::Subheading(text) => out.push_str(&format!("### {}\n\n", markdown::cell(text))),
            Block::Text(text) => out.push_str(&format!("{}\n\n", markdown::cell(text))),
            Block::Preformatted(text) => out.push_str(&format!("```text\n{text}```\n\n")),
            Block::Bullets(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", markdown::cell(item)));
                }
                out.push('\n');
            }
            Block::Table(table) => {
                out.push_str(&table.to_markdown());
                out.push('\n');
            }
            Block::Tables(tables) => {
                for (heading, table) in tables {
                    out.push_str(&format!("### {}\n\n", markdown::cell(heading)));
                    out.push_str(&table.to_markdown());
                    out.push('\n');
                }
            }
        }
    }
    out
}
