//! Export tables as an xlsx workbook (our own writer, [`super::workbook`]):
//! one sheet per table, the header row bold and frozen, an autofilter over
//! the data, numbers as numbers, shares as percentages, dates as dates, and
//! every text written as a string cell, which Excel never evaluates as a
//! formula.
//!
//! Each sheet's rows are deflated into a temporary file as they arrive, so
//! memory stays flat however many inventories are exported. Column widths
//! are measured while the rows pass and written at the end (`<cols>` comes
//! before the rows in a sheet, so the writer assembles each sheet's head
//! last).

use super::workbook::{self, SheetId, Style, WriteError};
use crate::diagnostic::Message;
use crate::export::columns::{Cell, LIST_SEPARATOR};

/// Columns never grow wider than this many characters: a long description
/// wraps nothing and would push every other column off screen.
const MAX_WIDTH: usize = 60;
/// Room for the autofilter's drop-down button next to a header.
const FILTER_BUTTON: usize = 3;

pub struct XlsxBook {
    workbook: workbook::Workbook,
    sheets: Vec<Sheet>,
    newest_year: Option<i32>,
}

struct Sheet {
    id: SheetId,
    name: &'static str,
    header: Vec<String>,
    widths: Vec<usize>,
}

impl XlsxBook {
    pub fn new() -> XlsxBook {
        XlsxBook {
            workbook: workbook::Workbook::new("trappa export"),
            sheets: Vec::new(),
            newest_year: None,
        }
    }

    /// Adds a sheet with its header row written and frozen.
    pub fn add_sheet(&mut self, name: &'static str, header: &[&str]) -> Result<usize, Message> {
        let book = &mut self.workbook;
        let id = book.add_sheet(name).map_err(workbook::message)?;
        book.start_row(id, false).map_err(workbook::message)?;
        for (col, title) in header.iter().enumerate() {
            book.text(id, col_number(col)?, title, Style::Bold)
                .map_err(workbook::message)?;
        }
        book.end_row(id).map_err(workbook::message)?;
        book.freeze_rows(id, 1);
        book.autofilter(id);
        self.sheets.push(Sheet {
            id,
            name,
            header: header.iter().map(|h| h.to_string()).collect(),
            widths: header
                .iter()
                .map(|h| h.chars().count() + FILTER_BUTTON)
                .collect(),
        });
        Ok(self.sheets.len() - 1)
    }

    /// The newest follow-up year seen: the workbook's fixed creation date.
    pub fn note_year(&mut self, year: i32) {
        self.newest_year = Some(self.newest_year.map_or(year, |y| y.max(year)));
    }

    pub fn push(&mut self, sheet: usize, cells: &[Cell]) -> Result<(), Message> {
        // Only a defect can name a sheet that was not added.
        let Some(state) = self.sheets.get_mut(sheet) else {
            return Err(super::failure("xlsx", format_args!("no sheet {sheet}")));
        };
        let book = &mut self.workbook;
        let row = book.rows(state.id);
        let cell_error = |col: usize, e: WriteError| match e {
            WriteError::Io(io) => super::io_failure("xlsx", &io),
            e => {
                let column = state.header.get(col).map_or("?", String::as_str);
                super::cannot_write(
                    "xlsx",
                    Message::new("io.reason.xlsx_cell")
                        .text("sheet", state.name)
                        .number("row", row + 1)
                        .text("column", column.to_string())
                        .text("detail", e.to_string()),
                )
            }
        };
        book.start_row(state.id, false)
            .map_err(|e| cell_error(0, e))?;
        for (col, cell) in cells.iter().enumerate() {
            let known = state.widths.get(col).copied().unwrap_or(MAX_WIDTH);
            let width = write_cell(book, state.id, col_number(col)?, cell, known)
                .map_err(|e| cell_error(col, e))?;
            if let Some(w) = state.widths.get_mut(col) {
                *w = (*w).max(width.min(MAX_WIDTH));
            }
        }
        book.end_row(state.id).map_err(workbook::message)
    }

    /// Sets widths, then writes the workbook to `out`, each sheet's rows
    /// copied from its temporary file: memory stays flat whatever the
    /// workbook's size.
    pub fn finish(mut self, out: &mut dyn std::io::Write) -> Result<(), Message> {
        for sheet in &self.sheets {
            for (col, width) in sheet.widths.iter().enumerate() {
                // One character of padding so text does not touch the grid line.
                self.workbook
                    .set_width(sheet.id, col_number(col)?, (*width + 1) as f64);
            }
        }
        // A fixed creation date (1 January of the newest year exported)
        // instead of "now": the same inventories give the same bytes.
        self.workbook
            .set_created_year(self.newest_year.unwrap_or(2000));
        self.workbook.finish(out).map_err(workbook::message)
    }
}

impl Default for XlsxBook {
    fn default() -> Self {
        XlsxBook::new()
    }
}

fn col_number(col: usize) -> Result<u16, Message> {
    u16::try_from(col)
        .ok()
        .filter(|c| *c < workbook::MAX_COLUMNS)
        .ok_or_else(|| super::failure("xlsx", format_args!("column {col} is out of range")))
}

/// Writes one cell; returns how many characters wide it shows, or at most
/// `known` when it is no wider than that (a text's characters are counted
/// only when its bytes could make the column wider).
fn write_cell(
    book: &mut workbook::Workbook,
    sheet: SheetId,
    col: u16,
    cell: &Cell,
    known: usize,
) -> Result<usize, WriteError> {
    let text_width = |text: &str| {
        if text.len() <= known {
            text.len()
        } else {
            text.chars().count()
        }
    };
    match cell {
        Cell::Missing => Ok(0),
        Cell::Text(text) => {
            book.text(sheet, col, text, Style::Plain)?;
            Ok(text_width(text))
        }
        Cell::List(items) => {
            let text = items.join(LIST_SEPARATOR);
            book.text(sheet, col, &text, Style::Plain)?;
            Ok(text_width(&text))
        }
        Cell::Count(n) => {
            // A spreadsheet number is an f64: past 2^53 a count would be
            // rounded, so it is written as text, exact.
            if *n <= 1 << 53 {
                book.count(sheet, col, *n)
            } else {
                let digits = n.to_string();
                book.text(sheet, col, &digits, Style::Plain)?;
                Ok(digits.len())
            }
        }
        Cell::Number(n) => book.number(sheet, col, *n, Style::Plain),
        Cell::Share(n) => {
            book.number(sheet, col, *n, Style::Percent)?;
            Ok("100.0%".len())
        }
        Cell::Flag(flag) => {
            book.boolean(sheet, col, *flag)?;
            Ok("FALSE".len())
        }
        Cell::Date(text) => match workbook::date_serial(text) {
            Some(serial) => {
                book.number(sheet, col, serial, Style::Date)?;
                Ok("yyyy-mm-dd".len())
            }
            // The decoder accepts only ISO dates; one before 1900, which a
            // spreadsheet cannot hold as a date, stays as written.
            None => {
                book.text(sheet, col, text, Style::Plain)?;
                Ok(text_width(text))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_over_excels_cell_limit_is_an_error_naming_the_cell() {
        let mut book = XlsxBook::new();
        let sheet = book.add_sheet("services", &["id", "description"]).unwrap();
        let long = "å".repeat(40_000);
        let error = book
            .push(sheet, &[Cell::Text("x".into()), Cell::Text(long)])
            .unwrap_err();
        let error = crate::i18n::message(crate::i18n::Lang::En, &error);
        assert!(
            error.starts_with("cannot write xlsx: sheet services, row 2, column description:"),
            "{error}"
        );
    }

    #[test]
    fn widths_follow_the_longest_value_up_to_the_limit() {
        let mut book = XlsxBook::new();
        let sheet = book.add_sheet("s", &["id", "name", "n"]).unwrap();
        book.push(
            sheet,
            &[
                Cell::Text("a".repeat(200)),
                Cell::Text("Öppettider".into()),
                Cell::Number(145.5),
            ],
        )
        .unwrap();
        let widths = &book.sheets[0].widths;
        // Capped; ten characters (not eleven bytes); "145.5" beats "n" + button.
        assert_eq!(widths, &[MAX_WIDTH, 10, 5]);
        let mut bytes = Vec::new();
        book.finish(&mut bytes).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}
