//! Spreadsheet files into [`Table`]s: CSV in either dialect `export`
//! writes (told apart by the header's delimiter), `.xlsx` and `.ods`
//! through calamine. Nothing here knows the columns; a problem reading a
//! file is a [`Unreadable`] reason for an E001 at the file.

use super::{CsvDialect, Field, Raw, Row, Table, Unreadable};
use crate::diagnostic::Message;
use crate::i18n::{self, Lang};
use crate::limits;
use calamine::{Data, DataRef, Ods, Reader, Xlsx, open_workbook_from_rs};
use std::io::Cursor;

/// The kinds of file `import` reads, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Xlsx,
    Ods,
}

impl FileKind {
    /// By the name's extension, in any letter case.
    pub fn of(name: &str) -> Option<FileKind> {
        let (_, extension) = name.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "csv" => Some(FileKind::Csv),
            "xlsx" => Some(FileKind::Xlsx),
            "ods" => Some(FileKind::Ods),
            _ => None,
        }
    }
}

/// The sheet of a workbook that holds the services: the one named
/// `services` (as `export` names it) or as the template names it in
/// either language (`Services`, `Tjänster`), else the first.
pub const SERVICES_SHEET: &str = "services";

const BOM: &str = "\u{feff}";

/// Reads one file's bytes into its table of services.
pub fn table(file: &str, kind: FileKind, bytes: Vec<u8>) -> Result<Table, Unreadable> {
    if bytes.len() as u64 > limits::MAX_IMPORT_FILE_BYTES {
        return Err(Message::new("import.too_large")
            .number("limit", limits::MAX_IMPORT_FILE_BYTES / (1024 * 1024)));
    }
    match kind {
        FileKind::Csv => csv_table(file, bytes),
        FileKind::Xlsx => {
            check_inflated(&bytes)?;
            guarded(|| {
                let workbook: Xlsx<_> =
                    open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
                xlsx_table(file, workbook)
            })
        }
        FileKind::Ods => {
            check_inflated(&bytes)?;
            check_ods_layout(&bytes)?;
            guarded(|| {
                let workbook: Ods<_> =
                    open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
                workbook_table(file, workbook)
            })
        }
    }
}

thread_local! {
    /// Set while a guarded read runs on this thread: its panic is a finding,
    /// not a crash, so the panic hook stays silent.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs a read through calamine, which can panic on a malformed workbook
/// (an index or a slice out of range in a broken part, an arithmetic
/// overflow on a huge declared size): the panic is caught here, at the
/// file, and becomes an E001 at the file like any unreadable file, and the
/// other files of the run go on. Nothing the closure built survives the
/// panic, so no broken state is seen afterwards.
pub(crate) fn guarded<T>(read: impl FnOnce() -> Result<T, Unreadable>) -> Result<T, Unreadable> {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    GUARDED.with(|g| g.set(was));
    result.unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Message::new("import.reader_failed").text("detail", detail))
    })
}

/// A workbook is a zip: its parts' sizes, as the zip declares them, must
/// add up to at most [`limits::MAX_IMPORT_INFLATED_BYTES`] before any part
/// is inflated, so a zip bomb is refused unread.
fn check_inflated(bytes: &[u8]) -> Result<(), Unreadable> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let part = archive.by_index_raw(index).map_err(|e| unreadable(&e))?;
        total = total.saturating_add(part.size());
    }
    if total > limits::MAX_IMPORT_INFLATED_BYTES {
        return Err(Message::new("import.too_much_inflated")
            .number("limit", limits::MAX_IMPORT_INFLATED_BYTES / (1024 * 1024)));
    }
    Ok(())
}

/// What calamine will lay out for an OpenDocument workbook, bounded before
/// it does. calamine expands every sheet of the file into a rectangle (its
/// used range, repeated rows and cells written out, twice: values and
/// formulas) when the workbook is opened, and a row of a few bytes can
/// declare itself repeated a million times: a sheet of some hundred bytes
/// would cost gigabytes. So the content is read here first, as a stream,
/// and each sheet's rectangle is measured from the repeats: from its first
/// to its last row that may hold a value, by its widest such row. A cell
/// may hold a value when it has a type, a formula or content; empty cells
/// and rows (Calc writes a million of them after the last used row) count
/// only between used ones, as in calamine. The sum over the sheets must
/// stay within [`limits::MAX_IMPORT_CELLS`], the limit of every sheet.
fn check_ods_layout(bytes: &[u8]) -> Result<(), Unreadable> {
    use quick_xml::events::{BytesStart, Event};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let Ok(content) = archive.by_name("content.xml") else {
        // No content: calamine refuses the file itself.
        return Ok(());
    };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let repeats = |e: &BytesStart, name: &str| -> u64 {
        e.try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|a| a.value.parse().ok())
            .unwrap_or(1)
    };
    // The sheet's size caps calamine's repeats too.
    const ROWS: u64 = 1 << 20;
    const COLUMNS: u64 = 1 << 14;
    let mut sheet = OdsSheet::default();
    let mut total: u64 = 0;
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| unreadable(&e))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => sheet = OdsSheet::default(),
                "table:table-row" => {
                    sheet.row_repeats = repeats(e, "table:number-rows-repeated")
                        .min(ROWS.saturating_sub(sheet.rows));
                    sheet.column = 0;
                    sheet.row_used = None;
                    if matches!(event, Event::Empty(_)) {
                        sheet.end_row();
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = repeats(e, "table:number-columns-repeated")
                        .min(COLUMNS.saturating_sub(sheet.column));
                    let used = matches!(event, Event::Start(_))
                        || e.try_get_attribute("office:value-type")
                            .ok()
                            .flatten()
                            .is_some()
                        || e.try_get_attribute("table:formula")
                            .ok()
                            .flatten()
                            .is_some();
                    if used && n > 0 {
                        let (first, _) = sheet.row_used.unwrap_or((sheet.column, 0));
                        sheet.row_used = Some((first.min(sheet.column), sheet.column + n));
                    }
                    sheet.column += n;
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "table:table-row" => sheet.end_row(),
                "table:table" => {
                    total = total.saturating_add(sheet.cells());
                    sheet = OdsSheet::default();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        if total.saturating_add(sheet.cells()) > limits::MAX_IMPORT_CELLS as u64 {
            return Err(too_many_cells());
        }
        buf.clear();
    }
    Ok(())
}

/// One OpenDocument sheet as [`check_ods_layout`] measures it, in rows and
/// columns with their repeats written out.
#[derive(Default)]
struct OdsSheet {
    /// Rows so far.
    rows: u64,
    /// The first and one past the last row that may hold a value.
    used_rows: Option<(u64, u64)>,
    /// The leftmost and one past the rightmost such column of any row.
    used_columns: Option<(u64, u64)>,
    /// The current row: its repeats, the column reached, its used columns.
    row_repeats: u64,
    column: u64,
    row_used: Option<(u64, u64)>,
}

impl OdsSheet {
    fn end_row(&mut self) {
        if let Some((left, right)) = self.row_used.take() {
            let first = self.used_rows.map_or(self.rows, |(first, _)| first);
            self.used_rows = Some((first, self.rows + self.row_repeats));
            let (l, r) = self.used_columns.unwrap_or((left, right));
            self.used_columns = Some((l.min(left), r.max(right)));
        }
        self.rows += self.row_repeats;
        self.row_repeats = 0;
    }

    /// The rectangle calamine lays out, in cells.
    fn cells(&self) -> u64 {
        match (self.used_rows, self.used_columns) {
            (Some((top, bottom)), Some((left, right))) => {
                (bottom - top).saturating_mul(right - left)
            }
            _ => 0,
        }
    }
}

fn unreadable(error: &dyn std::fmt::Display) -> Unreadable {
    Message::new("import.unreadable").text("detail", error.to_string())
}

/// The dialect a CSV text is in: Swedish Excel's when its first line has
/// more `;` than `,` (the header's ids hold neither), else RFC 4180. A BOM
/// alone does not decide: programs other than Excel write one too.
pub fn dialect_of(text: &str) -> CsvDialect {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.chars().filter(|&x| x == c).count();
    if count(';') > count(',') {
        CsvDialect::Excel
    } else {
        CsvDialect::Standard
    }
}

fn csv_table(file: &str, bytes: Vec<u8>) -> Result<Table, Unreadable> {
    let text = String::from_utf8(bytes).map_err(|_| Message::new("import.not_utf8"))?;
    let text = text.strip_prefix(BOM).unwrap_or(&text);
    let dialect = dialect_of(text);
    let delimiter = match dialect {
        CsvDialect::Standard => b',',
        CsvDialect::Excel => b';',
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut cells = 0usize;
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(&e))?;
        let number = record
            .position()
            .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        cells += record.len();
        if cells > limits::MAX_IMPORT_CELLS {
            return Err(too_many_cells());
        }
        rows.push(Row {
            number,
            cells: record
                .iter()
                .map(|field| {
                    if field.is_empty() {
                        Raw::Empty
                    } else {
                        Raw::Text(field.to_string())
                    }
                })
                .collect(),
        });
    }
    Ok(Table {
        file: file.to_string(),
        sheet: None,
        dialect: Some(dialect),
        rows,
        merged: Vec::new(),
        organisation_sheet: None,
        organisation: Vec::new(),
    })
}

fn too_many_cells() -> Unreadable {
    Message::new("import.too_many_cells").number("limit", limits::MAX_IMPORT_CELLS as u64)
}

/// Rows of the organisation sheet read: it has four.
const ORGANISATION_ROWS: u32 = 100;

/// The template's organisation sheet, when the workbook has one beside
/// its services sheet.
fn organisation_sheet(names: &[String], services: &str) -> Option<String> {
    names
        .iter()
        .find(|n| {
            *n != services
                && [Lang::En, Lang::Sv].iter().any(|&lang| {
                    n.trim().to_lowercase()
                        == i18n::text(lang, "import.template.organisation_sheet").to_lowercase()
                })
        })
        .cloned()
}

/// The organisation sheet's rows: a text heading in A and a value in B.
fn fields(mut cells: Vec<(u32, u32, Raw)>) -> Vec<Field> {
    cells.sort_by_key(|&(row, col, _)| (row, col));
    let mut out = Vec::new();
    for (row, col, value) in &cells {
        if *col != 1 {
            continue;
        }
        let heading = cells.iter().find_map(|(r, c, v)| match v {
            Raw::Text(text) if r == row && *c == 0 => Some(text.clone()),
            _ => None,
        });
        if let Some(heading) = heading {
            out.push(Field {
                heading,
                value: value.clone(),
                row: row + 1,
                col: 1,
            });
        }
    }
    out
}

fn services_sheet(names: &[String]) -> Result<String, Unreadable> {
    let known = |name: &str| {
        let name = name.trim().to_lowercase();
        name == SERVICES_SHEET
            || [Lang::En, Lang::Sv].iter().any(|&lang| {
                name == i18n::text(lang, "import.template.services_sheet").to_lowercase()
            })
    };
    names
        .iter()
        .find(|n| known(n))
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| Message::new("import.no_sheet"))
}

/// An xlsx sheet cell by cell as the XML holds them: only cells with a
/// value are kept and counted, so a stray value in cell XFD1048576 costs
/// one cell, not the seventeen billion of the range it spans.
fn xlsx_table<R: std::io::Read + std::io::Seek>(
    file: &str,
    mut workbook: Xlsx<R>,
) -> Result<Table, Unreadable> {
    let names = workbook.sheet_names();
    let sheet = services_sheet(&names)?;
    let organisation_sheet = organisation_sheet(&names, &sheet);
    let mut organisation = Vec::new();
    if let Some(name) = &organisation_sheet {
        let mut reader = workbook
            .worksheet_cells_reader(name)
            .map_err(|e| unreadable(&e))?;
        let mut cells = Vec::new();
        while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
            let (row, col) = cell.get_position();
            // Headings in A, values in B; the rest is not read, and a
            // sheet of a million cells costs no memory.
            if col < 2 && row < ORGANISATION_ROWS {
                cells.push((row, col, raw_ref(cell.get_value())));
            }
        }
        organisation = fields(cells);
    }
    let merged = workbook
        .merge_cells_by_sheet_name(&sheet)
        .map_err(|e| unreadable(&e))?
        .into_iter()
        .map(|d| (d.start, d.end))
        .collect();
    let mut reader = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(|e| unreadable(&e))?;
    let mut cells: Vec<(u32, u32, Raw)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
        let value = raw_ref(cell.get_value());
        if matches!(value, Raw::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        if col as usize >= limits::MAX_IMPORT_COLUMNS {
            return Err(too_wide());
        }
        cells.push((row, col, value));
        if cells.len() > limits::MAX_IMPORT_CELLS {
            return Err(too_many_cells());
        }
    }
    cells.sort_by_key(|&(row, col, _)| (row, col));
    let mut rows: Vec<Row> = Vec::new();
    for (row, col, value) in cells {
        if rows.last().is_none_or(|r| r.number != row + 1) {
            rows.push(Row {
                number: row + 1,
                cells: Vec::new(),
            });
        }
        if let Some(last) = rows.last_mut() {
            last.cells.resize(col as usize, Raw::Empty);
            last.cells.push(value);
        }
    }
    Ok(Table {
        file: file.to_string(),
        sheet: Some(sheet),
        dialect: None,
        rows,
        merged,
        organisation_sheet,
        organisation,
    })
}

fn too_wide() -> Unreadable {
    Message::new("import.too_wide").number("limit", limits::MAX_IMPORT_COLUMNS as u64)
}

fn raw_ref(data: &DataRef) -> Raw {
    match data {
        DataRef::SharedString(text) => Raw::Text((*text).to_string()),
        DataRef::String(text) => Raw::Text(text.clone()),
        DataRef::Int(n) => raw(&Data::Int(*n)),
        DataRef::Float(n) => raw(&Data::Float(*n)),
        DataRef::Bool(b) => Raw::Bool(*b),
        DataRef::DateTime(date) => raw(&Data::DateTime(*date)),
        DataRef::DateTimeIso(text) => raw(&Data::DateTimeIso(text.clone())),
        DataRef::DurationIso(text) => Raw::Text(text.clone()),
        DataRef::Error(error) => Raw::Error(error.to_string()),
        DataRef::Empty => Raw::Empty,
    }
}

/// An OpenDocument sheet through calamine's range (its reader has no cell
/// stream); repeated rows and columns are capped at the sheet's size there.
fn workbook_table<R, W>(file: &str, mut workbook: W) -> Result<Table, Unreadable>
where
    R: std::io::Read + std::io::Seek,
    W: Reader<R>,
    W::Error: std::fmt::Display,
{
    let names = workbook.sheet_names();
    let sheet = services_sheet(&names)?;
    let organisation_sheet = organisation_sheet(&names, &sheet);
    let mut organisation = Vec::new();
    if let Some(name) = &organisation_sheet {
        let range = workbook.worksheet_range(name).map_err(|e| unreadable(&e))?;
        let (height, width) = range.get_size();
        if height.saturating_mul(width) > limits::MAX_IMPORT_CELLS {
            return Err(too_many_cells());
        }
        let (top, left) = range.start().unwrap_or((0, 0));
        let cells = range
            .used_cells()
            .map(|(r, c, data)| (top + r as u32, left + c as u32, raw(data)))
            .filter(|&(row, col, _)| col < 2 && row < ORGANISATION_ROWS)
            .collect();
        organisation = fields(cells);
    }
    let range = workbook
        .worksheet_range(&sheet)
        .map_err(|e| unreadable(&e))?;
    let (height, width) = range.get_size();
    if height.saturating_mul(width) > limits::MAX_IMPORT_CELLS {
        return Err(too_many_cells());
    }
    if range
        .end()
        .is_some_and(|(_, col)| col as usize >= limits::MAX_IMPORT_COLUMNS)
    {
        return Err(too_wide());
    }
    let Some((top, left)) = range.start() else {
        return Ok(Table {
            file: file.to_string(),
            sheet: Some(sheet),
            dialect: None,
            rows: Vec::new(),
            merged: Vec::new(),
            organisation_sheet: None,
            organisation: Vec::new(),
        });
    };
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        // Cells left of the used range are empty: the row starts at column A.
        let mut cells = vec![Raw::Empty; left as usize];
        cells.extend(row.iter().map(raw));
        rows.push(Row {
            number: top + i as u32 + 1,
            cells,
        });
    }
    Ok(Table {
        file: file.to_string(),
        sheet: Some(sheet),
        dialect: None,
        rows,
        // calamine does not give an OpenDocument sheet's merged ranges;
        // their covered cells read as empty (README, "Limits").
        merged: Vec::new(),
        organisation_sheet,
        organisation,
    })
}

fn raw(data: &Data) -> Raw {
    match data {
        Data::Empty => Raw::Empty,
        Data::String(text) => Raw::Text(text.clone()),
        Data::Int(n) => Raw::Number(*n as f64),
        Data::Float(n) => Raw::Number(*n),
        Data::Bool(b) => Raw::Bool(*b),
        Data::DateTime(date) => {
            let (year, month, day, h, m, s, ms) = date.to_ymd_hms_milli();
            Raw::Date {
                year,
                month,
                day,
                time: (h, m, s, ms) != (0, 0, 0, 0),
            }
        }
        // OpenDocument keeps dates as ISO text: `2014-05-01` or with a time.
        Data::DateTimeIso(text) => iso_date(text).unwrap_or_else(|| Raw::Text(text.clone())),
        Data::DurationIso(text) => Raw::Text(text.clone()),
        Data::Error(error) => Raw::Error(error.to_string()),
    }
}

fn iso_date(text: &str) -> Option<Raw> {
    let date = text.get(..10)?;
    let mut parts = date.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    let rest = &text[10..];
    let time = !rest.is_empty()
        && !rest
            .trim_start_matches('T')
            .trim_matches(['0', ':', '.'])
            .is_empty();
    Some(Raw::Date {
        year,
        month,
        day,
        time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_the_reader_is_a_finding_at_the_file() {
        let result: Result<(), Unreadable> = guarded(|| panic!("index out of range"));
        let message = i18n::message(Lang::En, &result.unwrap_err());
        assert_eq!(
            message,
            "cannot read the spreadsheet: the reader failed on a malformed part (index out of range)"
        );
        // The thread goes on, and a read that does not panic is untouched.
        assert_eq!(guarded(|| Ok(7)).unwrap(), 7);
    }

    #[test]
    fn the_header_decides_the_dialect() {
        assert_eq!(dialect_of("id;name;url\n"), CsvDialect::Excel);
        assert_eq!(dialect_of("id,name,url\n"), CsvDialect::Standard);
        // A single column has neither: RFC 4180.
        assert_eq!(dialect_of("id\n"), CsvDialect::Standard);
    }

    #[test]
    fn csv_records_keep_their_lines() {
        let text = "id,name\n\"a\",\"two\nlines\"\nb,c\n";
        let table = csv_table("x.csv", text.as_bytes().to_vec()).unwrap();
        let numbers: Vec<u32> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 4]);
        assert_eq!(table.rows[1].cells[1], Raw::Text("two\nlines".into()));
    }

    #[test]
    fn excel_csv_is_read_with_semicolons_and_its_bom_dropped() {
        let text = "\u{feff}id;cost_per_case_sek\r\nx;145,5\r\n";
        let table = csv_table("x.csv", text.as_bytes().to_vec()).unwrap();
        assert_eq!(table.dialect, Some(CsvDialect::Excel));
        assert_eq!(table.rows[0].cells[0], Raw::Text("id".into()));
        assert_eq!(table.rows[1].cells[1], Raw::Text("145,5".into()));
    }

    #[test]
    fn a_file_that_is_not_utf8_is_refused() {
        let error = csv_table("x.csv", b"id\n\xe5\n".to_vec()).unwrap_err();
        assert_eq!(error.key, "import.not_utf8");
    }

    #[test]
    fn a_workbook_that_declares_more_than_the_limit_is_refused_unread() {
        use std::io::Write;
        let mut bytes = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(Cursor::new(&mut bytes));
            let options = zip::write::SimpleFileOptions::default();
            zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
            zip.write_all(b"<worksheet/>").unwrap();
            zip.finish().unwrap();
        }
        assert!(check_inflated(&bytes).is_ok());
        // The central directory's uncompressed size (offset 24 of its
        // record) says 4 GiB: a zip bomb as the zip declares it.
        let at = bytes
            .windows(4)
            .position(|w| w == [0x50, 0x4b, 0x01, 0x02])
            .unwrap();
        bytes[at + 24..at + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        let error = check_inflated(&bytes).unwrap_err();
        assert_eq!(error.key, "import.too_much_inflated");
    }

    /// An OpenDocument workbook of one sheet whose rows are `rows` (the
    /// XML of `<table:table-row>` elements).
    fn ods(rows: &str) -> Vec<u8> {
        use std::io::Write;
        let mut bytes = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(Cursor::new(&mut bytes));
            let options = zip::write::SimpleFileOptions::default();
            zip.start_file("mimetype", options).unwrap();
            zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
                .unwrap();
            zip.start_file("META-INF/manifest.xml", options).unwrap();
            zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#).unwrap();
            zip.start_file("content.xml", options).unwrap();
            write!(
                zip,
                r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="services">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
            )
            .unwrap();
            zip.finish().unwrap();
        }
        bytes
    }

    const ID: &str =
        r#"<table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell>"#;

    #[test]
    fn an_ods_row_repeated_into_billions_of_cells_is_refused_before_it_is_laid_out() {
        // A few hundred bytes that declare 16 384 columns a million times.
        let bomb = ods(
            r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#,
        );
        assert!(bomb.len() < 1_000);
        let error = table("bomb.ods", FileKind::Ods, bomb).unwrap_err();
        assert_eq!(error.key, "import.too_many_cells");
    }

    #[test]
    fn empty_rows_and_cells_after_the_last_value_cost_nothing() {
        // As Calc saves a sheet: the unused rest of the sheet as repeats.
        let calc = ods(&format!(
            r#"<table:table-row>{ID}<table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
        ));
        assert!(check_ods_layout(&calc).is_ok());
        let table = table("calc.ods", FileKind::Ods, calc).unwrap();
        assert_eq!(table.rows.len(), 1);
    }

    #[test]
    fn empty_rows_between_values_are_counted_as_calamine_lays_them_out() {
        // A value in A1 and in column H below 600 000 empty rows: 600 002
        // rows by 8 columns, 4.8 million cells, within the limit; by 9
        // columns, 5.4 million, beyond it.
        let sheet = |width: usize| {
            ods(&format!(
                r#"<table:table-row>{ID}</table:table-row><table:table-row table:number-rows-repeated="600000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="{}"/>{ID}</table:table-row>"#,
                width - 1
            ))
        };
        assert_eq!(check_ods_layout(&sheet(8)).map_err(|e| e.key), Ok(()));
        let error = check_ods_layout(&sheet(9)).unwrap_err();
        assert_eq!(error.key, "import.too_many_cells");
        // calamine lays out every sheet of the file: two of 4.8 million
        // cells are refused together.
        let two = ods(&format!(
            r#"<table:table-row>{ID}</table:table-row><table:table-row table:number-rows-repeated="600000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="7"/>{ID}</table:table-row></table:table><table:table table:name="more"><table:table-row>{ID}</table:table-row><table:table-row table:number-rows-repeated="600000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="7"/>{ID}</table:table-row>"#
        ));
        let error = check_ods_layout(&two).unwrap_err();
        assert_eq!(error.key, "import.too_many_cells");
    }

    #[test]
    fn ods_dates_are_dates() {
        assert_eq!(
            iso_date("2014-05-01"),
            Some(Raw::Date {
                year: 2014,
                month: 5,
                day: 1,
                time: false
            })
        );
        assert!(matches!(
            iso_date("2014-05-01T10:30:00"),
            Some(Raw::Date { time: true, .. })
        ));
        assert!(matches!(
            iso_date("2014-05-01T00:00:00"),
            Some(Raw::Date { time: false, .. })
        ));
    }
}
