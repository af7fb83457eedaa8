//! An export table as CSV, in either dialect of `output::csv_dialect`.

use super::columns::{Cell, LIST_SEPARATOR};
use crate::output::csv_dialect::Dialect;
use std::borrow::Cow;
use std::io::Write;

/// Rows stream into the output as they come, so a national export never
/// sits in memory whole.
pub struct CsvTable {
    dialect: Dialect,
    writer: ::csv::Writer<Box<dyn Write + Send>>,
}

fn write_error(e: ::csv::Error) -> String {
    format!("cannot write CSV: {e}")
}

impl CsvTable {
    /// A table with its header row written.
    pub fn new(
        dialect: Dialect,
        header: &[&str],
        out: Box<dyn Write + Send>,
    ) -> Result<CsvTable, String> {
        let mut writer = dialect
            .streaming_writer(out)
            .map_err(|e| format!("cannot write CSV: {e}"))?;
        writer.write_record(header).map_err(write_error)?;
        Ok(CsvTable { dialect, writer })
    }

    pub fn push(&mut self, cells: &[Cell]) -> Result<(), String> {
        let record: Vec<Cow<str>> = cells.iter().map(|c| render(self.dialect, c)).collect();
        self.writer
            .write_record(record.iter().map(|c| c.as_bytes()))
            .map_err(write_error)
    }

    /// Flushes every row into the output.
    pub fn finish(self) -> Result<(), String> {
        let mut out = self
            .writer
            .into_inner()
            .map_err(|e| format!("cannot write CSV: {}", e.error()))?;
        out.flush().map_err(|e| format!("cannot write CSV: {e}"))
    }
}

/// One cell as text: numbers with the dialect's decimal mark and never
/// guarded, everything a person typed guarded against formula injection.
pub fn render(dialect: Dialect, cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Missing => Cow::Borrowed(""),
        Cell::Text(text) | Cell::Date(text) => dialect.text(text),
        Cell::Number(n) | Cell::Share(n) => Cow::Owned(dialect.number(*n)),
        Cell::Flag(true) => Cow::Borrowed("true"),
        Cell::Flag(false) => Cow::Borrowed("false"),
        Cell::List(items) => Cow::Owned(dialect.text(&items.join(LIST_SEPARATOR)).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_render_per_dialect() {
        let excel = Dialect::Excel;
        assert_eq!(render(excel, &Cell::Missing), "");
        assert_eq!(render(excel, &Cell::Number(145.5)), "145,5");
        assert_eq!(render(Dialect::Standard, &Cell::Share(0.25)), "0.25");
        assert_eq!(render(excel, &Cell::Text("-1+2".into())), "'-1+2");
        assert_eq!(
            render(excel, &Cell::List(vec!["+46".into(), "x".into()])),
            "'+46|x"
        );
        assert_eq!(render(excel, &Cell::Flag(false)), "false");
    }
}
