//! The two CSV dialects every CSV output offers (spec §4): plain RFC 4180 for
//! programs, and the preset that Swedish Excel opens correctly by
//! double-click. One place decides delimiter, line ending, BOM, decimal mark
//! and the formula-injection guard, so `export` and `compare` cannot drift.
//! [`CsvTable`] streams an export table in either dialect.

use crate::diagnostic::Message;
use crate::export::columns::{Cell, LIST_SEPARATOR};
use std::borrow::Cow;
use std::io::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// RFC 4180: `,`, decimal point, LF, UTF-8 without BOM.
    Standard,
    /// Swedish Excel: `;` (the list separator when `,` is the decimal mark),
    /// decimal comma, UTF-8 BOM (without it Excel guesses Windows-1252 and
    /// breaks å ä ö), CRLF, and text cells that Excel would run as formulas
    /// prefixed with `'` (CWE-1236).
    Excel,
}

const BOM: &str = "\u{feff}";

/// What starts a formula in Excel: the Excel dialect guards text that does.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell of the Excel dialect as it was before [`Dialect::text`]
/// guarded it: one `'` off a text that is `'`s and then a formula start.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

impl Dialect {
    pub fn from_excel_flag(excel: bool) -> Dialect {
        if excel {
            Dialect::Excel
        } else {
            Dialect::Standard
        }
    }

    /// A CSV writer into memory; finish with [`Dialect::finish`].
    pub fn writer(self) -> csv::Writer<Vec<u8>> {
        self.builder().from_writer(Vec::new())
    }

    /// A CSV writer that streams into `out`, the BOM already written for
    /// Excel; for outputs too large to hold in memory.
    pub fn streaming_writer<W: std::io::Write>(
        self,
        mut out: W,
    ) -> std::io::Result<csv::Writer<W>> {
        if self == Dialect::Excel {
            out.write_all(BOM.as_bytes())?;
        }
        Ok(self.builder().from_writer(out))
    }

    fn builder(self) -> csv::WriterBuilder {
        let mut builder = csv::WriterBuilder::new();
        match self {
            Dialect::Standard => builder
                .delimiter(b',')
                .terminator(csv::Terminator::Any(b'\n')),
            Dialect::Excel => builder.delimiter(b';').terminator(csv::Terminator::CRLF),
        };
        builder
    }

    /// The finished bytes, with the BOM in front for Excel.
    pub fn finish(self, writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, Message> {
        let body = writer
            .into_inner()
            .map_err(|e| super::io_failure("CSV", e.error()))?;
        Ok(match self {
            Dialect::Standard => body,
            Dialect::Excel => [BOM.as_bytes(), &body].concat(),
        })
    }

    /// A text cell. In the Excel dialect, a cell starting with `=`, `+`, `-`,
    /// `@`, tab or CR is prefixed with `'` so Excel shows it as text instead
    /// of evaluating it (`=HYPERLINK(…)`, `+46…`, `-1+2`, `@SUM(…)`).
    ///
    /// A text that already starts with `'` and then one of those is guarded
    /// once more, so that [`unguard`] (what `import` reads it back with)
    /// gives every text back as it was.
    pub fn text(self, cell: &str) -> Cow<'_, str> {
        let dangerous = cell.trim_start_matches('\'').starts_with(FORMULA_STARTS);
        if self == Dialect::Excel && dangerous {
            Cow::Owned(format!("'{cell}"))
        } else {
            Cow::Borrowed(cell)
        }
    }

    /// A number cell: shortest round-trip form, with a decimal comma for
    /// Excel. Never guarded: a negative number must stay a number.
    pub fn number(self, value: f64) -> String {
        // -0.0 is 0: "-0" would read as a negative number.
        let value = if value == 0.0 { 0.0 } else { value };
        let text = if value.is_finite() && value == value.trunc() && value.abs() < 1e15 {
            format!("{value:.0}")
        } else {
            format!("{value}")
        };
        match self {
            Dialect::Standard => text,
            Dialect::Excel => text.replace('.', ","),
        }
    }

    /// An optional number: empty when there is no data (never 0).
    pub fn maybe_number(self, value: Option<f64>) -> String {
        value.map(|v| self.number(v)).unwrap_or_default()
    }
}

/// Rows stream into the output as they come, so a national export never
/// sits in memory whole.
pub struct CsvTable {
    dialect: Dialect,
    writer: ::csv::Writer<Box<dyn Write + Send>>,
}

fn write_error(e: ::csv::Error) -> Message {
    super::csv_failure(&e)
}

impl CsvTable {
    /// A table with its header row written.
    pub fn new(
        dialect: Dialect,
        header: &[&str],
        out: Box<dyn Write + Send>,
    ) -> Result<CsvTable, Message> {
        let mut writer = dialect
            .streaming_writer(out)
            .map_err(|e| super::io_failure("CSV", &e))?;
        writer.write_record(header).map_err(write_error)?;
        Ok(CsvTable { dialect, writer })
    }

    pub fn push(&mut self, cells: &[Cell]) -> Result<(), Message> {
        let record: Vec<Cow<str>> = cells.iter().map(|c| render(self.dialect, c)).collect();
        self.writer
            .write_record(record.iter().map(|c| c.as_bytes()))
            .map_err(write_error)
    }

    /// Flushes every row into the output.
    pub fn finish(self) -> Result<(), Message> {
        let mut out = self
            .writer
            .into_inner()
            .map_err(|e| super::io_failure("CSV", e.error()))?;
        out.flush().map_err(|e| super::io_failure("CSV", &e))
    }
}

/// One cell as text: numbers with the dialect's decimal mark and never
/// guarded, everything a person typed guarded against formula injection.
pub fn render(dialect: Dialect, cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Missing => Cow::Borrowed(""),
        Cell::Text(text) | Cell::Date(text) => dialect.text(text),
        Cell::Count(n) => Cow::Owned(n.to_string()),
        Cell::Number(n) | Cell::Share(n) => Cow::Owned(dialect.number(*n)),
        Cell::Flag(true) => Cow::Borrowed("true"),
        Cell::Flag(false) => Cow::Borrowed("false"),
        Cell::List(items) => Cow::Owned(dialect.text(&items.join(LIST_SEPARATOR)).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::Dialect::{Excel, Standard};
    use super::*;

    #[test]
    fn excel_guards_every_formula_prefix_and_nothing_else() {
        for cell in [
            "=HYPERLINK(\"x\")",
            "+46 410 73 30 00",
            "-1+2",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(Excel.text(cell), format!("'{cell}"));
            assert_eq!(Standard.text(cell), cell);
        }
        assert_eq!(Excel.text("Bygglov"), "Bygglov");
        // Already guarded-looking text is guarded again, so unguard gives it back.
        assert_eq!(Excel.text("'=x"), "''=x");
        assert_eq!(Excel.text("'plain"), "'plain");
        for cell in ["=x", "'=x", "''+1", "'plain", "plain", "'", ""] {
            assert_eq!(unguard(&Excel.text(cell)), cell);
        }
        assert_eq!(Excel.text(""), "");
    }

    #[test]
    fn numbers_use_the_dialects_decimal_mark_and_are_never_guarded() {
        assert_eq!(Standard.number(0.625), "0.625");
        assert_eq!(Excel.number(0.625), "0,625");
        assert_eq!(Excel.number(-1.5), "-1,5");
        assert_eq!(Excel.number(1200.0), "1200");
        assert_eq!(Standard.number(-0.0), "0");
        assert_eq!(Excel.maybe_number(None), "");
    }

    #[test]
    fn excel_output_has_bom_semicolons_and_crlf() {
        let mut writer = Excel.writer();
        writer.write_record(["å", "1,5"]).unwrap();
        let bytes = Excel.finish(writer).unwrap();
        assert_eq!(bytes, "\u{feff}å;1,5\r\n".as_bytes());
        let mut writer = Standard.writer();
        writer.write_record(["a,b", "1.5"]).unwrap();
        assert_eq!(Standard.finish(writer).unwrap(), b"\"a,b\",1.5\n");
    }
    #[test]
    fn cells_render_per_dialect() {
        let excel = Excel;
        assert_eq!(render(excel, &Cell::Missing), "");
        assert_eq!(render(excel, &Cell::Number(145.5)), "145,5");
        assert_eq!(render(Standard, &Cell::Share(0.25)), "0.25");
        assert_eq!(render(excel, &Cell::Text("-1+2".into())), "'-1+2");
        assert_eq!(
            render(excel, &Cell::List(vec!["+46".into(), "x".into()])),
            "'+46|x"
        );
        assert_eq!(render(excel, &Cell::Flag(false)), "false");
    }
}
