//! `import`: spreadsheets back into an inventory. The columns are those of
//! the service export (`export::columns`), read by their ids; each cell
//! becomes the value at the YAML path its column names, so the reading
//! cannot drift from the writing.
//!
//! The cells are first written out as inventory YAML, each value on a line
//! of its own, and that text goes through the same reader and checks as
//! every inventory (`pipeline`): a bad value gets the very diagnostic `check`
//! gives it (E002 with its did-you-mean, E003 for a duplicate id, E004,
//! E006, E008 …), which is then moved from its line to the cell the line
//! came from. What passes is written again from the typed model in the
//! canonical form of [`yaml`], so the bytes depend only on the values.
//!
//! - [`read`]: files → [`Table`]s of raw cells with their places;
//! - [`assemble`]: tables → the YAML to check, and the findings in cells;
//! - [`yaml`]: an inventory → canonical YAML.

pub mod assemble;
pub mod read;
pub mod yaml;

use crate::diagnostic::Message;

/// One sheet (or CSV file) as read: the first row is the header.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The file as the user named it.
    pub file: String,
    /// The workbook's sheet; `None` for CSV.
    pub sheet: Option<String>,
    /// For CSV: the dialect read (numbers then use its decimal mark, and
    /// the Swedish Excel dialect's formula guard is taken off).
    pub dialect: Option<CsvDialect>,
    pub rows: Vec<Row>,
    /// Merged ranges of the sheet, as their first and last cells (0-based
    /// row and column): a merged value shows in every cell of the range
    /// but is stored in the first only, so each is a finding, never a
    /// value silently given to one row.
    pub merged: Vec<((u32, u32), (u32, u32))>,
    /// A workbook's organisation sheet (the template's): its name, and
    /// each row's heading (column A) and value (column B).
    pub organisation_sheet: Option<String>,
    pub organisation: Vec<Field>,
}

/// One row of the organisation sheet: a heading and its value, with the
/// value's place (1-based row, 0-based column).
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub heading: String,
    pub value: Raw,
    pub row: u32,
    pub col: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvDialect {
    /// RFC 4180: `,` and a decimal point.
    Standard,
    /// Swedish Excel: `;`, decimal comma, formula guard (`'=`).
    Excel,
}

/// One row: its number (the sheet's row number, or the CSV line the record
/// starts on) and its cells from the first column.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Raw>,
}

/// A cell's value as the file holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date cell: year, month, day, and whether it has a time of day.
    Date {
        year: u16,
        month: u8,
        day: u8,
        time: bool,
    },
    /// An error cell (`#DIV/0!`, `#REF!`) as the spreadsheet shows it.
    Error(String),
}

impl Raw {
    pub fn is_empty(&self) -> bool {
        match self {
            Raw::Empty => true,
            Raw::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// Values given on the command line (`--name`, `--code`, `--year`): they
/// fill in what the files leave empty and must agree with what they hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Given {
    pub name: Option<String>,
    pub code: Option<String>,
    pub year: Option<i32>,
}

/// What a file could not be read as: the reason, for an E001 at the file.
pub type Unreadable = Message;
