//! Text tables: boxed and fitted to the width of a terminal, plain and
//! unwrapped when piped or written to a file (so output diffs and greps well).

use comfy_table::{ContentArrangement, Table, presets};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Fit the terminal's width, wrap long cells.
    Terminal,
    /// No wrapping, ASCII rules: for pipes, files and snapshots.
    Plain,
}

pub fn new_table(layout: Layout, header: Vec<String>) -> Table {
    let mut table = Table::new();
    match layout {
        Layout::Terminal => {
            table
                .load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic);
        }
        Layout::Plain => {
            table
                .force_no_tty()
                .load_style(presets::ASCII_BORDERS_ONLY_CONDENSED)
                .set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table.set_header(header);
    table
}
