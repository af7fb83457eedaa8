//! Export tables as an xlsx workbook (rust_xlsxwriter): one sheet per table,
//! the header row bold and frozen, an autofilter over the data, numbers as
//! numbers, shares as percentages, dates as dates, and every text written as
//! a string cell, which Excel never evaluates as a formula.
//!
//! Sheets use rust_xlsxwriter's constant-memory mode: each finished row goes
//! to a temporary file, so memory stays flat however many inventories are
//! exported. That mode forbids going back to an earlier row, so column
//! widths are measured while the rows pass and set at the end (`<cols>` is
//! assembled when the workbook is saved).

use crate::diagnostic::Message;
use crate::export::columns::{Cell, LIST_SEPARATOR};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Columns never grow wider than this many characters: a long description
/// wraps nothing and would push every other column off screen.
const MAX_WIDTH: usize = 60;
/// The zip's deflate level (1 fastest – 9): see [`XlsxBook::finish`].
pub const ZIP_LEVEL: u8 = 2;
/// Room for the autofilter's drop-down button next to a header.
const FILTER_BUTTON: usize = 3;

pub struct XlsxBook {
    workbook: Workbook,
    sheets: Vec<Sheet>,
    header: Format,
    percent: Format,
    date: Format,
    newest_year: Option<i32>,
}

struct Sheet {
    name: &'static str,
    header: Vec<String>,
    next_row: u32,
    widths: Vec<usize>,
}

/// Which sheet of the book, in the order they were added.
#[derive(Clone, Copy, Debug)]
pub struct SheetId(usize);

fn xlsx_error(e: XlsxError) -> Message {
    match e {
        XlsxError::IoError(io) => super::io_failure("xlsx", &io),
        e => super::failure("xlsx", e),
    }
}

impl XlsxBook {
    pub fn new() -> XlsxBook {
        XlsxBook {
            workbook: Workbook::new(),
            sheets: Vec::new(),
            header: Format::new().set_bold(),
            percent: Format::new().set_num_format("0.0%"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            newest_year: None,
        }
    }

    /// Adds a sheet with its header row written and frozen.
    pub fn add_sheet(&mut self, name: &'static str, header: &[&str]) -> Result<SheetId, Message> {
        let worksheet = self
            .workbook
            .add_worksheet_with_constant_memory()
            .map_err(xlsx_error)?;
        worksheet.set_name(name).map_err(xlsx_error)?;
        for (col, title) in header.iter().enumerate() {
            worksheet
                .write_string_with_format(0, col_number(col)?, *title, &self.header)
                .map_err(xlsx_error)?;
        }
        worksheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        self.sheets.push(Sheet {
            name,
            header: header.iter().map(|h| h.to_string()).collect(),
            next_row: 1,
            widths: header
                .iter()
                .map(|h| h.chars().count() + FILTER_BUTTON)
                .collect(),
        });
        Ok(SheetId(self.sheets.len() - 1))
    }

    /// The newest follow-up year seen: the workbook's fixed creation date.
    pub fn note_year(&mut self, year: i32) {
        self.newest_year = Some(self.newest_year.map_or(year, |y| y.max(year)));
    }

    pub fn push(&mut self, sheet: SheetId, cells: &[Cell]) -> Result<(), Message> {
        // Only a defect can name a sheet that was not added.
        let Some(state) = self.sheets.get_mut(sheet.0) else {
            return Err(super::failure("xlsx", format_args!("no sheet {}", sheet.0)));
        };
        let row = state.next_row;
        let worksheet = self
            .workbook
            .worksheet_from_index(sheet.0)
            .map_err(xlsx_error)?;
        for (col, cell) in cells.iter().enumerate() {
            let width = write_cell(
                worksheet,
                row,
                col_number(col)?,
                cell,
                &self.percent,
                &self.date,
            )
            .map_err(|e| {
                let column = state.header.get(col).map_or("?", String::as_str);
                super::cannot_write(
                    "xlsx",
                    Message::new("io.reason.xlsx_cell")
                        .text("sheet", state.name)
                        .number("row", row + 1)
                        .text("column", column.to_string())
                        .text("detail", e.to_string()),
                )
            })?;
            if let Some(w) = state.widths.get_mut(col) {
                *w = (*w).max(width.min(MAX_WIDTH));
            }
        }
        state.next_row += 1;
        Ok(())
    }

    /// Sets widths and autofilters, then writes the workbook to `out`. The
    /// zip is streamed to `out` (the temporary output file), not assembled
    /// in memory first, so memory stays flat whatever the workbook's size.
    pub fn finish(mut self, out: impl std::io::Write + Send) -> Result<(), Message> {
        for (index, sheet) in self.sheets.iter().enumerate() {
            let worksheet = self
                .workbook
                .worksheet_from_index(index)
                .map_err(xlsx_error)?;
            for (col, width) in sheet.widths.iter().enumerate() {
                // One character of padding so text does not touch the grid line.
                worksheet
                    .set_column_width(col_number(col)?, (*width + 1) as f64)
                    .map_err(xlsx_error)?;
            }
            if !sheet.widths.is_empty() {
                let last_col = col_number(sheet.widths.len() - 1)?;
                let last_row = sheet.next_row.saturating_sub(1);
                worksheet
                    .autofilter(0, 0, last_row, last_col)
                    .map_err(xlsx_error)?;
            }
        }
        // A fixed creation date (1 January of the newest year exported)
        // instead of "now": the same inventories give the same bytes.
        let year = self.newest_year.unwrap_or(2000).clamp(1900, 9999) as u16;
        let created = ExcelDateTime::from_ymd(year, 1, 1).map_err(xlsx_error)?;
        let properties = DocProperties::new()
            .set_creation_datetime(&created)
            .set_title("trappa export");
        self.workbook.set_properties(&properties);
        // Deflating the sheets' XML was a quarter of an export's work (a
        // profile of the national corpus), done on one thread at the end:
        // level 1 deflates in about half the time of the default 6, for a
        // file about half as large again (rust_xlsxwriter's own figures).
        self.workbook.set_zip_compression_level(ZIP_LEVEL);
        self.workbook.save_to_writer(out).map_err(xlsx_error)
    }
}

impl Default for XlsxBook {
    fn default() -> Self {
        XlsxBook::new()
    }
}

fn col_number(col: usize) -> Result<u16, Message> {
    u16::try_from(col)
        .map_err(|_| super::failure("xlsx", format_args!("column {col} is out of range")))
}

/// Writes one cell; returns how many characters wide it shows.
fn write_cell(
    worksheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    percent: &Format,
    date: &Format,
) -> Result<usize, XlsxError> {
    match cell {
        Cell::Missing => Ok(0),
        Cell::Text(text) => {
            worksheet.write_string(row, col, text)?;
            Ok(text.chars().count())
        }
        Cell::List(items) => {
            let text = items.join(LIST_SEPARATOR);
            let width = text.chars().count();
            worksheet.write_string(row, col, text)?;
            Ok(width)
        }
        Cell::Count(n) => {
            // A spreadsheet number is an f64: past 2^53 a count would be
            // rounded, so it is written as text, exact.
            if *n <= 1 << 53 {
                worksheet.write_number(row, col, *n as f64)?;
            } else {
                worksheet.write_string(row, col, n.to_string())?;
            }
            Ok(n.to_string().len())
        }
        Cell::Number(n) => {
            worksheet.write_number(row, col, *n)?;
            Ok(format!("{n}").len())
        }
        Cell::Share(n) => {
            worksheet.write_number_with_format(row, col, *n, percent)?;
            Ok("100.0%".len())
        }
        Cell::Flag(flag) => {
            worksheet.write_boolean(row, col, *flag)?;
            Ok("FALSE".len())
        }
        Cell::Date(text) => match ExcelDateTime::parse_from_str(text) {
            Ok(parsed) => {
                worksheet.write_datetime_with_format(row, col, &parsed, date)?;
                Ok("yyyy-mm-dd".len())
            }
            // The decoder accepts only ISO dates; anything else stays as written.
            Err(_) => {
                worksheet.write_string(row, col, text)?;
                Ok(text.chars().count())
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
