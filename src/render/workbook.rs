//! A small xlsx writer of our own: the parts a workbook of tables needs and
//! nothing else, written straight into a zip.
//!
//! Why not a general library: the export writes hundreds of thousands of
//! rows, and a general writer spends most of its time per cell (a cell
//! object, a format lookup, a reference `A1` formatted through `write!`)
//! and then deflates the whole sheet on one thread when the workbook is
//! saved, after every file has been read. Here a row is appended to its
//! sheet's XML as bytes, and the XML is deflated in pieces while the rows
//! arrive, into an unlinked temporary file per sheet; at the end each sheet
//! is its head (the column widths, known only then), the deflated body
//! copied as it is, and its tail. Three raw deflate streams joined: the
//! first two end with a sync flush (no final block, byte aligned), so the
//! join is one valid deflate stream (as pigz joins its pieces). Memory stays
//! flat whatever the number of rows.
//!
//! Strings are inline (`t="inlineStr"`), not a shared-string table, so
//! nothing grows with the number of distinct texts. The bytes depend only
//! on what was written: the zip's dates and the document's creation date are
//! fixed by the caller, and no part names the time or the machine.

use crate::diagnostic::Message;
use flate2::{Compress, Compression, FlushCompress, Status};
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

/// The deflate level (1 fastest – 9). Level 1 (zlib-rs's quick strategy)
/// measured about as fast as level 2 and a quarter larger (`scripts/bench.sh`).
pub const ZIP_LEVEL: u32 = 1;
/// A sheet's XML is deflated in pieces of about this size.
const PIECE: usize = 256 * 1024;
/// Excel's limits on a sheet.
pub const MAX_ROWS: u32 = 1_048_576;
pub const MAX_COLUMNS: u16 = 16_384;
/// Excel's limit on the characters of a cell's text.
pub const MAX_TEXT_CHARS: usize = 32_767;

/// How a cell looks: an index into the fixed `cellXfs` of `styles.xml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain = 0,
    Bold = 1,
    /// `0.0%`: the cell holds 0.45, the sheet shows 45.0%.
    Percent = 2,
    /// `yyyy-mm-dd`: the cell holds Excel's serial day number.
    Date = 3,
    /// Bold on light blue: a heading to fill in below.
    Heading = 4,
    /// Bold on grey: a heading of what trappa works out.
    DerivedHeading = 5,
    /// Text wrapped within the column's width.
    Wrap = 6,
}

/// A drop-down list or an input message on a range of one column.
pub struct Validation {
    pub first_row: u32,
    pub last_row: u32,
    pub col: u16,
    /// The values offered; `None` allows any value (only the message shows).
    pub list: Option<Vec<String>>,
    /// A value outside the list only warns (for cells that take several).
    pub warn_only: bool,
    pub title: String,
    pub message: String,
}

/// Which sheet of the book, in the order they were added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetId(usize);

/// Why a write failed: I/O, or a limit of the format.
#[derive(Debug)]
pub enum WriteError {
    Io(io::Error),
    /// The sheet is full (Excel's 1 048 576 rows or 16 384 columns).
    TooLarge,
    /// A text over Excel's 32 767 characters.
    TextTooLong,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Io(e) => write!(f, "{e}"),
            WriteError::TooLarge => write!(
                f,
                "a sheet holds at most {MAX_ROWS} rows and {MAX_COLUMNS} columns"
            ),
            WriteError::TextTooLong => {
                write!(f, "a cell holds at most {MAX_TEXT_CHARS} characters")
            }
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// The message for a write that failed: I/O in words where its kind has some.
pub fn message(error: WriteError) -> Message {
    match error {
        WriteError::Io(io) => super::io_failure("xlsx", &io),
        e => super::failure("xlsx", e),
    }
}

pub struct Workbook {
    sheets: Vec<Sheet>,
    title: String,
    /// The document's creation date, fixed so the same rows give the same bytes.
    created_year: i32,
}

struct Sheet {
    name: String,
    /// Column widths in characters, by column; 0 leaves the default.
    widths: Vec<f64>,
    /// Rows above the frozen pane.
    frozen_rows: u32,
    autofilter: bool,
    validations: Vec<Validation>,
    /// Rows written so far; the next row's number (0-based).
    rows: u32,
    /// The widest row, in columns.
    columns: u16,
    in_row: bool,
    /// The column a cell written next without a reference lands in.
    next_col: u16,
    body: Body,
}

/// A sheet's `<sheetData>` rows as they arrive. Full pieces go to the
/// sheet's own thread, which deflates them into the temporary file while
/// the next rows are made: the deflating, a good part of an export's work,
/// no longer waits for the rows or they for it.
struct Body {
    xml: Vec<u8>,
    pieces: Option<std::sync::mpsc::SyncSender<Vec<u8>>>,
    deflating: Option<std::thread::JoinHandle<io::Result<Deflated<File>>>>,
}

impl Workbook {
    pub fn new(title: &str) -> Workbook {
        Workbook {
            sheets: Vec::new(),
            title: title.to_string(),
            created_year: 2000,
        }
    }

    /// The creation date is 1 January of this year (clamped to 1900–9999).
    pub fn set_created_year(&mut self, year: i32) {
        self.created_year = year.clamp(1900, 9999);
    }

    pub fn add_sheet(&mut self, name: &str) -> Result<SheetId, WriteError> {
        self.sheets.push(Sheet {
            name: name.to_string(),
            widths: Vec::new(),
            frozen_rows: 0,
            autofilter: false,
            validations: Vec::new(),
            rows: 0,
            columns: 0,
            in_row: false,
            next_col: 0,
            body: Body::new()?,
        });
        Ok(SheetId(self.sheets.len() - 1))
    }

    fn sheet(&mut self, id: SheetId) -> &mut Sheet {
        // A SheetId is only made by add_sheet, so it always names a sheet.
        &mut self.sheets[id.0]
    }

    pub fn set_width(&mut self, id: SheetId, col: u16, chars: f64) {
        let sheet = self.sheet(id);
        let col = usize::from(col);
        if sheet.widths.len() <= col {
            sheet.widths.resize(col + 1, 0.0);
        }
        sheet.widths[col] = chars;
    }

    /// Freezes the first `rows` rows (they stay in view when scrolling).
    pub fn freeze_rows(&mut self, id: SheetId, rows: u32) {
        self.sheet(id).frozen_rows = rows;
    }

    /// An autofilter over the first row and every row below it.
    pub fn autofilter(&mut self, id: SheetId) {
        self.sheet(id).autofilter = true;
    }

    pub fn add_validation(&mut self, id: SheetId, validation: Validation) {
        self.sheet(id).validations.push(validation);
    }

    /// Rows written to the sheet so far.
    pub fn rows(&self, id: SheetId) -> u32 {
        self.sheets[id.0].rows
    }

    /// Starts the sheet's next row; cells follow in column order.
    pub fn start_row(&mut self, id: SheetId, hidden: bool) -> Result<(), WriteError> {
        let sheet = self.sheet(id);
        if sheet.rows >= MAX_ROWS {
            return Err(WriteError::TooLarge);
        }
        sheet.end_row()?;
        let xml = &mut sheet.body.xml;
        xml.extend_from_slice(b"<row r=\"");
        push_u64(xml, u64::from(sheet.rows) + 1);
        xml.extend_from_slice(if hidden { b"\" hidden=\"1\">" } else { b"\">" });
        sheet.rows += 1;
        sheet.in_row = true;
        sheet.next_col = 0;
        Ok(())
    }

    /// A text cell (never evaluated as a formula).
    pub fn text(
        &mut self,
        id: SheetId,
        col: u16,
        text: &str,
        style: Style,
    ) -> Result<(), WriteError> {
        if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
            return Err(WriteError::TextTooLong);
        }
        let sheet = self.sheet(id);
        sheet.cell_start(col, style)?;
        let xml = &mut sheet.body.xml;
        xml.extend_from_slice(b" t=\"inlineStr\"><is><t");
        let edge = [' ', '\t', '\n'];
        if text.starts_with(edge) || text.ends_with(edge) {
            xml.extend_from_slice(b" xml:space=\"preserve\"");
        }
        xml.push(b'>');
        escape_text(xml, text);
        xml.extend_from_slice(b"</t></is></c>");
        Ok(())
    }

    /// A number cell; a number that is not finite is written as its text.
    /// Returns the length of the number's text (a column's width follows it).
    pub fn number(
        &mut self,
        id: SheetId,
        col: u16,
        value: f64,
        style: Style,
    ) -> Result<usize, WriteError> {
        if !value.is_finite() {
            let text = value.to_string();
            self.text(id, col, &text, Style::Plain)?;
            return Ok(text.len());
        }
        let sheet = self.sheet(id);
        sheet.cell_start(col, style)?;
        let xml = &mut sheet.body.xml;
        xml.extend_from_slice(b"><v>");
        let start = xml.len();
        if value.fract() == 0.0 && value.abs() < 1e15 {
            if value < 0.0 {
                xml.push(b'-');
            }
            push_u64(xml, value.abs() as u64);
        } else {
            // Rust's shortest text that reads back as the same f64.
            write!(xml, "{value}")?;
        }
        let written = xml.len() - start;
        xml.extend_from_slice(b"</v></c>");
        Ok(written)
    }

    /// A whole number, exact (the caller keeps it within 2^53); returns the
    /// number of its digits.
    pub fn count(&mut self, id: SheetId, col: u16, value: u64) -> Result<usize, WriteError> {
        let sheet = self.sheet(id);
        sheet.cell_start(col, Style::Plain)?;
        let xml = &mut sheet.body.xml;
        xml.extend_from_slice(b"><v>");
        let start = xml.len();
        push_u64(xml, value);
        let written = xml.len() - start;
        xml.extend_from_slice(b"</v></c>");
        Ok(written)
    }

    pub fn boolean(&mut self, id: SheetId, col: u16, value: bool) -> Result<(), WriteError> {
        let sheet = self.sheet(id);
        sheet.cell_start(col, Style::Plain)?;
        sheet.body.xml.extend_from_slice(if value {
            b" t=\"b\"><v>1</v></c>"
        } else {
            b" t=\"b\"><v>0</v></c>"
        });
        Ok(())
    }

    /// Ends the current row; deflates the sheet's XML when a piece is full.
    pub fn end_row(&mut self, id: SheetId) -> Result<(), WriteError> {
        self.sheet(id).end_row()
    }

    /// Writes the workbook as a zip to `out`. Nothing else is buffered:
    /// each sheet's body is copied from its temporary file.
    pub fn finish(mut self, out: &mut dyn Write) -> Result<(), WriteError> {
        let mut zip = ZipOut::new(out);
        let names: Vec<String> = self.sheets.iter().map(|s| s.name.clone()).collect();
        zip.part("[Content_Types].xml", content_types(names.len()).as_bytes())?;
        zip.part("_rels/.rels", ROOT_RELS.as_bytes())?;
        zip.part("docProps/app.xml", APP.as_bytes())?;
        zip.part(
            "docProps/core.xml",
            core(&self.title, self.created_year).as_bytes(),
        )?;
        zip.part("xl/workbook.xml", self.workbook_xml().as_bytes())?;
        zip.part(
            "xl/_rels/workbook.xml.rels",
            workbook_rels(names.len()).as_bytes(),
        )?;
        zip.part("xl/styles.xml", STYLES.as_bytes())?;
        for (index, sheet) in self.sheets.iter_mut().enumerate() {
            sheet.end_row()?;
            let head = sheet.head(index == 0);
            let tail = sheet.tail();
            let body = sheet.body.finish()?;
            zip.sheet(
                &format!("xl/worksheets/sheet{}.xml", index + 1),
                head.as_bytes(),
                body,
                tail.as_bytes(),
            )?;
        }
        zip.finish()
    }

    fn workbook_xml(&self) -> String {
        let mut xml = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
            r#"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        ));
        for (index, sheet) in self.sheets.iter().enumerate() {
            xml.push_str(&format!(
                r#"<sheet name="{}" sheetId="{}" r:id="rId{}"/>"#,
                attribute(&sheet.name),
                index + 1,
                index + 1
            ));
        }
        xml.push_str("</sheets>");
        // Excel keeps an autofilter's range under this hidden name, and
        // repairs a workbook that lacks it.
        let filtered: Vec<String> = self
            .sheets
            .iter()
            .enumerate()
            .filter(|(_, s)| s.autofilter && s.columns > 0)
            .map(|(index, s)| {
                format!(
                    r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{index}" hidden="1">{}</definedName>"#,
                    attribute(&format!(
                        "'{}'!{}",
                        s.name.replace('\'', "''"),
                        s.filter_range(true)
                    ))
                )
            })
            .collect();
        if !filtered.is_empty() {
            xml.push_str("<definedNames>");
            xml.push_str(&filtered.concat());
            xml.push_str("</definedNames>");
        }
        xml.push_str("</workbook>");
        xml
    }
}

impl Sheet {
    fn cell_start(&mut self, col: u16, style: Style) -> Result<(), WriteError> {
        if col >= MAX_COLUMNS {
            return Err(WriteError::TooLarge);
        }
        self.columns = self.columns.max(col + 1);
        let xml = &mut self.body.xml;
        // A cell's reference is optional (ECMA-376 §18.3.1.4): a reader
        // places a cell without one after the previous cell of its row.
        // Only a cell after a gap needs it, and leaving the rest out makes
        // a sheet a fifth smaller to write and to deflate.
        if col == self.next_col {
            xml.extend_from_slice(b"<c");
        } else {
            xml.extend_from_slice(b"<c r=\"");
            push_column(xml, col);
            push_u64(xml, u64::from(self.rows));
            xml.push(b'"');
        }
        self.next_col = col + 1;
        if style != Style::Plain {
            xml.extend_from_slice(b" s=\"");
            push_u64(xml, style as u64);
            xml.push(b'"');
        }
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), WriteError> {
        if self.in_row {
            self.body.xml.extend_from_slice(b"</row>");
            self.in_row = false;
            if self.body.xml.len() >= PIECE {
                self.body.deflate_piece()?;
            }
        }
        Ok(())
    }

    /// `A1:X99`, with `$` for a defined name.
    fn filter_range(&self, absolute: bool) -> String {
        let dollar = if absolute { "$" } else { "" };
        let mut last = Vec::new();
        push_column(&mut last, self.columns.saturating_sub(1));
        format!(
            "{dollar}A{dollar}1:{dollar}{}{dollar}{}",
            String::from_utf8_lossy(&last),
            self.rows.max(1)
        )
    }

    fn head(&self, selected: bool) -> String {
        let mut xml = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        ));
        if self.columns > 0 && self.rows > 0 {
            xml.push_str(&format!(
                r#"<dimension ref="{}"/>"#,
                self.filter_range(false)
            ));
        } else {
            xml.push_str(r#"<dimension ref="A1"/>"#);
        }
        let selected = if selected { r#" tabSelected="1""# } else { "" };
        if self.frozen_rows > 0 {
            let top = self.frozen_rows + 1;
            xml.push_str(&format!(
                r#"<sheetViews><sheetView{selected} workbookViewId="0"><pane ySplit="{}" topLeftCell="A{top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A{top}" sqref="A{top}"/></sheetView></sheetViews>"#,
                self.frozen_rows
            ));
        } else {
            xml.push_str(&format!(
                r#"<sheetViews><sheetView{selected} workbookViewId="0"/></sheetViews>"#
            ));
        }
        xml.push_str(r#"<sheetFormatPr defaultRowHeight="15"/>"#);
        if self.widths.iter().any(|w| *w > 0.0) {
            xml.push_str("<cols>");
            for (index, chars) in self.widths.iter().enumerate() {
                if *chars > 0.0 {
                    xml.push_str(&format!(
                        r#"<col min="{n}" max="{n}" width="{}" customWidth="1"/>"#,
                        stored_width(*chars),
                        n = index + 1
                    ));
                }
            }
            xml.push_str("</cols>");
        }
        xml.push_str("<sheetData>");
        xml
    }

    fn tail(&self) -> String {
        let mut xml = String::from("</sheetData>");
        if self.autofilter && self.columns > 0 {
            xml.push_str(&format!(
                r#"<autoFilter ref="{}"/>"#,
                self.filter_range(false)
            ));
        }
        if !self.validations.is_empty() {
            xml.push_str(&format!(
                r#"<dataValidations count="{}">"#,
                self.validations.len()
            ));
            for v in &self.validations {
                xml.push_str(&validation_xml(v));
            }
            xml.push_str("</dataValidations>");
        }
        xml.push_str(concat!(
            r#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#,
            "</worksheet>"
        ));
        xml
    }
}

fn validation_xml(v: &Validation) -> String {
    let mut range = Vec::new();
    push_column(&mut range, v.col);
    let column = String::from_utf8_lossy(&range);
    let sqref = if v.first_row == v.last_row {
        format!("{column}{}", v.first_row + 1)
    } else {
        format!("{column}{}:{column}{}", v.first_row + 1, v.last_row + 1)
    };
    let kind = match (&v.list, v.warn_only) {
        (Some(_), true) => r#" type="list" errorStyle="warning""#,
        (Some(_), false) => r#" type="list""#,
        (None, _) => "",
    };
    let mut xml = format!(
        r#"<dataValidation{kind} allowBlank="1" showInputMessage="1" showErrorMessage="1" promptTitle="{}" prompt="{}" sqref="{sqref}""#,
        attribute(&v.title),
        attribute(&v.message)
    );
    match &v.list {
        Some(values) => {
            // A list written into the rule: one string, its items split at commas.
            let list = values.join(",").replace('"', "\"\"");
            let mut formula = Vec::new();
            escape_text(&mut formula, &format!("\"{list}\""));
            xml.push_str(&format!(
                "><formula1>{}</formula1></dataValidation>",
                String::from_utf8_lossy(&formula)
            ));
        }
        None => xml.push_str("/>"),
    }
    xml
}

/// Excel stores a column's width in characters of the default font plus
/// its padding, rounded to 1/256 of a character (Calibri 11: 7 pixels a
/// digit, 5 of padding).
fn stored_width(chars: f64) -> f64 {
    let pixels = if chars < 1.0 {
        (chars * 12.0 + 0.5).floor() as u64
    } else {
        (chars * 7.0 + 0.5).floor() as u64 + 5
    };
    (pixels * 256 / 7) as f64 / 256.0
}

/// The serial day number of an ISO date (`2024-05-01`) as Excel counts
/// days (1 = 1900-01-01, with Lotus's 29 February 1900), or `None` for a
/// text that is not such a date or lies before 1900.
pub fn date_serial(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = &text[range];
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if year < 1900 || day < 1 || day > days_in_month {
        return None;
    }
    let days = days_from_civil(year, month, day) - days_from_civil(1899, 12, 30);
    // Before 1 March 1900 Excel is one day behind (it counts 29 February 1900).
    Some(if days < 61 { days - 1 } else { days } as f64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn push_u64(xml: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    xml.extend_from_slice(&digits[at..]);
}

/// The column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
fn push_column(xml: &mut Vec<u8>, col: u16) {
    let mut letters = [0u8; 3];
    let mut at = letters.len();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        at -= 1;
        letters[at] = b'A' + ((n - 1) % 26) as u8;
        n = (n - 1) / 26;
    }
    xml.extend_from_slice(&letters[at..]);
}

/// A text in an element: `&`, `<`, `>` as entities; control characters
/// other than tab and line feed (which XML cannot hold, or turns into a
/// line feed: CR) and U+FFFE/U+FFFF as Excel's `_xHHHH_`; and a text that
/// already looks like such an escape gets its `_` escaped (`_x005F_`), so
/// a reader gives back exactly the text written.
fn escape_text(xml: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    // Most texts need nothing: one pass to tell, then one copy.
    if !bytes
        .iter()
        .any(|&b| b < 0x20 || matches!(b, b'&' | b'<' | b'>' | b'_' | 0xEF))
    {
        xml.extend_from_slice(bytes);
        return;
    }
    let mut start = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escape: Option<&[u8]> = match byte {
            b'&' => Some(b"&amp;"),
            b'<' => Some(b"&lt;"),
            b'>' => Some(b"&gt;"),
            b'\t' | b'\n' => None,
            0..=0x1f => None,
            b'_' if looks_escaped(&bytes[at..]) => Some(b"_x005F_"),
            _ => None,
        };
        if let Some(escape) = escape {
            xml.extend_from_slice(&bytes[start..at]);
            xml.extend_from_slice(escape);
            start = at + 1;
        } else if byte < 0x20 && byte != b'\t' && byte != b'\n' {
            xml.extend_from_slice(&bytes[start..at]);
            let _ = write!(xml, "_x{byte:04X}_");
            start = at + 1;
        } else if byte == 0xEF
            && bytes.get(at + 1) == Some(&0xBF)
            && matches!(bytes.get(at + 2), Some(0xBE | 0xBF))
        {
            // U+FFFE and U+FFFF, which XML cannot hold.
            xml.extend_from_slice(&bytes[start..at]);
            xml.extend_from_slice(if bytes[at + 2] == 0xBE {
                b"_xFFFE_"
            } else {
                b"_xFFFF_"
            });
            start = at + 3;
        }
    }
    xml.extend_from_slice(&bytes[start.min(bytes.len())..]);
}

/// `_xHHHH_` at the start: what a reader would decode.
fn looks_escaped(bytes: &[u8]) -> bool {
    bytes.len() >= 7
        && bytes[1] == b'x'
        && bytes[2..6].iter().all(u8::is_ascii_hexdigit)
        && bytes[6] == b'_'
}

/// A text in an attribute (double-quoted).
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#xA;"),
            '\t' => out.push_str("&#x9;"),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// One raw deflate stream, fed in pieces.
struct Deflater {
    compress: Compress,
    crc: crc32fast::Hasher,
    raw: u64,
    out: Vec<u8>,
}

impl Deflater {
    fn new() -> Deflater {
        Deflater {
            compress: Compress::new(Compression::new(ZIP_LEVEL), false),
            crc: crc32fast::Hasher::new(),
            raw: 0,
            out: Vec::with_capacity(PIECE),
        }
    }

    /// Deflates `input`, appending to `self.out`; `flush` says how the piece ends.
    fn feed(&mut self, input: &[u8], flush: FlushCompress) -> io::Result<()> {
        self.crc.update(input);
        self.raw += input.len() as u64;
        let mut input = input;
        loop {
            if self.out.capacity() - self.out.len() < 4096 {
                self.out.reserve(PIECE.max(input.len() / 2));
            }
            let before = self.compress.total_in();
            let status = self
                .compress
                .compress_vec(input, &mut self.out, flush)
                .map_err(io::Error::other)?;
            let used = (self.compress.total_in() - before) as usize;
            input = &input[used..];
            let room = self.out.capacity() - self.out.len();
            match status {
                Status::StreamEnd => return Ok(()),
                // Done when all input is taken and the flush left room to spare.
                _ if input.is_empty() && room > 0 && flush == FlushCompress::None => {
                    return Ok(());
                }
                _ if input.is_empty() && room > 0 && flush == FlushCompress::Sync => {
                    return Ok(());
                }
                _ => {}
            }
        }
    }
}

impl Body {
    fn new() -> io::Result<Body> {
        let mut spill = BufWriter::new(tempfile::tempfile()?);
        // Two pieces may wait: enough to keep both sides busy, and memory
        // stays a few pieces whatever the sheet's size.
        let (pieces, arriving) = std::sync::mpsc::sync_channel::<Vec<u8>>(2);
        let deflating = std::thread::Builder::new()
            .name("xlsx-deflate".into())
            .spawn(move || {
                let mut deflater = Deflater::new();
                for piece in arriving {
                    deflater.feed(&piece, FlushCompress::None)?;
                    spill.write_all(&deflater.out)?;
                    deflater.out.clear();
                }
                // The sender is gone: the rest is flushed, without a final
                // block, so the sheet's tail can follow.
                deflater.feed(&[], FlushCompress::Sync)?;
                spill.write_all(&deflater.out)?;
                spill.flush()?;
                let mut file = spill.into_inner().map_err(|e| e.into_error())?;
                let size = file.stream_position()?;
                file.seek(SeekFrom::Start(0))?;
                Ok(Deflated {
                    data: file,
                    size,
                    raw: deflater.raw,
                    crc: deflater.crc,
                })
            })?;
        Ok(Body {
            xml: Vec::with_capacity(PIECE + 4096),
            pieces: Some(pieces),
            deflating: Some(deflating),
        })
    }

    fn deflate_piece(&mut self) -> io::Result<()> {
        let piece = std::mem::replace(&mut self.xml, Vec::with_capacity(PIECE + 4096));
        let sent = self.pieces.as_ref().map(|pieces| pieces.send(piece));
        if let Some(Ok(())) = sent {
            return Ok(());
        }
        // The thread stopped: its error says why.
        self.finish().map(|_| ())?;
        Err(io::Error::other("the xlsx deflate thread stopped"))
    }

    /// The rest deflated and the stream ended with a sync flush (no final
    /// block): the deflated bytes in the temporary file, rewound, with
    /// their CRC and sizes.
    fn finish(&mut self) -> io::Result<Deflated<File>> {
        if !self.xml.is_empty() {
            self.deflate_piece()?;
        }
        drop(self.pieces.take());
        match self.deflating.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(io::Error::other("the xlsx deflate thread failed")),
            None => Err(io::Error::other("the sheet was already written")),
        }
    }
}

struct Deflated<R> {
    data: R,
    size: u64,
    raw: u64,
    crc: crc32fast::Hasher,
}

/// `bytes` as one raw deflate stream; `last` ends it with the final block,
/// else with a sync flush so another stream may follow.
fn deflate_all(bytes: &[u8], last: bool) -> io::Result<Deflated<io::Cursor<Vec<u8>>>> {
    let mut deflater = Deflater::new();
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    deflater.feed(bytes, flush)?;
    let size = deflater.out.len() as u64;
    Ok(Deflated {
        data: io::Cursor::new(deflater.out),
        size,
        raw: deflater.raw,
        crc: deflater.crc,
    })
}

/// The zip container, written forward only (no seeking back: every size
/// and CRC is known before a part's header is written).
struct ZipOut<'a> {
    out: &'a mut dyn Write,
    offset: u64,
    central: Vec<u8>,
    entries: u16,
}

/// 1980-01-01 00:00, the earliest date a zip can hold: fixed, so the bytes
/// do not depend on when they were written.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

impl<'a> ZipOut<'a> {
    fn new(out: &'a mut dyn Write) -> ZipOut<'a> {
        ZipOut {
            out,
            offset: 0,
            central: Vec::new(),
            entries: 0,
        }
    }

    fn part(&mut self, name: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let mut whole = deflate_all(bytes, true)?;
        let crc = whole.crc.clone().finalize();
        self.entry(name, crc, whole.size, whole.raw, &mut [&mut whole.data])
    }

    /// A sheet: its head and body (each ended by a sync flush) and its tail.
    fn sheet(
        &mut self,
        name: &str,
        head: &[u8],
        mut body: Deflated<File>,
        tail: &[u8],
    ) -> Result<(), WriteError> {
        let mut head = deflate_all(head, false)?;
        let mut tail = deflate_all(tail, true)?;
        let mut crc = head.crc.clone();
        crc.combine(&body.crc);
        crc.combine(&tail.crc);
        let size = head.size + body.size + tail.size;
        let raw = head.raw + body.raw + tail.raw;
        let mut body_data = (&mut body.data).take(body.size);
        self.entry(
            name,
            crc.finalize(),
            size,
            raw,
            &mut [&mut head.data, &mut body_data, &mut tail.data],
        )
    }

    fn entry(
        &mut self,
        name: &str,
        crc: u32,
        size: u64,
        raw: u64,
        data: &mut [&mut dyn Read],
    ) -> Result<(), WriteError> {
        let (Ok(size32), Ok(raw32)) = (u32::try_from(size), u32::try_from(raw)) else {
            // Past 4 GiB a zip needs Zip64, which this writer does not write.
            return Err(WriteError::TooLarge);
        };
        let Ok(offset) = u32::try_from(self.offset) else {
            return Err(WriteError::TooLarge);
        };
        let name = name.as_bytes();
        let mut header = Vec::with_capacity(30 + name.len());
        header.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0 (deflate)
        header.extend_from_slice(&0u16.to_le_bytes()); // flags
        header.extend_from_slice(&8u16.to_le_bytes()); // method: deflate
        header.extend_from_slice(&DOS_TIME.to_le_bytes());
        header.extend_from_slice(&DOS_DATE.to_le_bytes());
        header.extend_from_slice(&crc.to_le_bytes());
        header.extend_from_slice(&size32.to_le_bytes());
        header.extend_from_slice(&raw32.to_le_bytes());
        header.extend_from_slice(&(name.len() as u16).to_le_bytes());
        header.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        header.extend_from_slice(name);
        self.out.write_all(&header)?;
        let mut copied = 0;
        for reader in data.iter_mut() {
            copied += io::copy(reader, &mut self.out)?;
        }
        if copied != size {
            return Err(WriteError::Io(io::Error::other(
                "a sheet's temporary file changed size",
            )));
        }
        self.offset += header.len() as u64 + size;

        let central = &mut self.central;
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by: 2.0, MS-DOS
        central.extend_from_slice(&header[4..30]); // as in the local header
        central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        central.extend_from_slice(&0u16.to_le_bytes()); // disk number
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
        self.entries += 1;
        Ok(())
    }

    fn finish(self) -> Result<(), WriteError> {
        let Ok(offset) = u32::try_from(self.offset) else {
            return Err(WriteError::TooLarge);
        };
        self.out.write_all(&self.central)?;
        let mut end = Vec::with_capacity(22);
        end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes()); // this disk
        end.extend_from_slice(&0u16.to_le_bytes()); // disk of the directory
        end.extend_from_slice(&self.entries.to_le_bytes());
        end.extend_from_slice(&self.entries.to_le_bytes());
        end.extend_from_slice(&(self.central.len() as u32).to_le_bytes());
        end.extend_from_slice(&offset.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes()); // comment length
        self.out.write_all(&end)?;
        Ok(())
    }
}

fn content_types(sheets: usize) -> String {
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
        r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
        r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
        r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
        r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
    ));
    for n in 1..=sheets {
        xml.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
    }
    xml.push_str("</Types>");
    xml
}

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    "</Relationships>"
);

const APP: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>trappa</Application></Properties>"#
);

fn core(title: &str, year: i32) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:creator>trappa</dc:creator>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{year:04}-01-01T00:00:00Z</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{year:04}-01-01T00:00:00Z</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = attribute(title),
        year = year
    )
}

fn workbook_rels(sheets: usize) -> String {
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    ));
    for n in 1..=sheets {
        xml.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
    }
    xml.push_str(&format!(
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
        sheets + 1
    ));
    xml.push_str("</Relationships>");
    xml
}

/// The styles every workbook carries, in the order of [`Style`].
const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy\-mm\-dd"/></numFmts>"#,
    r#"<fonts count="2">"#,
    // Plain Calibri 11, not the theme's fonts: the workbook has no theme part.
    r#"<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
    "</fonts>",
    r#"<fills count="4">"#,
    r#"<fill><patternFill patternType="none"/></fill>"#,
    r#"<fill><patternFill patternType="gray125"/></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill>"#,
    "</fills>",
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="7">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="3" borderId="0" xfId="0" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1"/></xf>"#,
    "</cellXfs>",
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    r#"<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>"#,
    "</styleSheet>"
);

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut xml = Vec::new();
        escape_text(&mut xml, text);
        String::from_utf8(xml).unwrap()
    }

    #[test]
    fn texts_are_escaped_as_excel_reads_them() {
        assert_eq!(escaped("a & <b>"), "a &amp; &lt;b&gt;");
        assert_eq!(escaped("line\r\nnext\tx"), "line_x000D_\nnext\tx");
        assert_eq!(escaped("_x0041_ and _x"), "_x005F_x0041_ and _x");
        assert_eq!(escaped("å\u{FFFE}ö"), "å_xFFFE_ö");
        assert_eq!(escaped("\u{FFFF}"), "_xFFFF_");
    }

    #[test]
    fn columns_and_dates_are_numbered_as_excel_numbers_them() {
        let letters = |col| {
            let mut v = Vec::new();
            push_column(&mut v, col);
            String::from_utf8(v).unwrap()
        };
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(16_383), "XFD");
        assert_eq!(date_serial("1900-01-01"), Some(1.0));
        assert_eq!(date_serial("1900-02-28"), Some(59.0));
        assert_eq!(date_serial("1900-03-01"), Some(61.0));
        assert_eq!(date_serial("2024-05-01"), Some(45413.0));
        assert_eq!(date_serial("2023-02-29"), None);
        assert_eq!(date_serial("1899-12-31"), None);
        assert_eq!(date_serial("2024-5-1"), None);
        assert_eq!(stored_width(13.0), 13.7109375);
    }
}
