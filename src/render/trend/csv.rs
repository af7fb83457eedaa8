//! The indicator series as one CSV table, years as columns, for a
//! spreadsheet chart: a row per indicator of the whole organisation
//! (`department` empty), then a row per department and indicator. Shares
//! are 0–1 unrounded; no data and a gap year are empty cells, never 0.
//! Both dialects of [`Dialect`] (`--excel` for Swedish Excel).

use crate::diagnostic::Message;
use crate::inventory::Indicator;
use crate::render::csv::Dialect;
use crate::trend::Trend;

pub fn render(trend: &Trend, dialect: Dialect) -> Result<Vec<u8>, Message> {
    let mut writer = dialect.writer();
    let write_err = |e: csv::Error| crate::render::csv_failure(&e);
    let mut header = vec!["department".to_string(), "indicator".to_string()];
    header.extend(trend.years.iter().map(|y| y.year.to_string()));
    writer.write_record(&header).map_err(write_err)?;
    for series in &trend.indicators {
        let mut record = vec![String::new(), series.id.id().to_string()];
        record.extend(
            series
                .values
                .iter()
                .map(|v| dialect.maybe_number(v.as_ref().and_then(|v| v.value))),
        );
        writer.write_record(&record).map_err(write_err)?;
    }
    for department in &trend.departments {
        // The services without a department have no id to name their rows
        // by; they are counted in the organisation's rows.
        if department.id.is_empty() {
            continue;
        }
        // A department's indicators are the report's: all but the four
        // counts of changes, which the report gives the organisation only.
        for id in Indicator::ALL.iter().filter(|i| !i.requires_previous()) {
            let mut record = vec![
                dialect.text(&department.id).into_owned(),
                id.id().to_string(),
            ];
            record.extend(
                (0..trend.years.len())
                    .map(|year| dialect.maybe_number(department.value(*id, year))),
            );
            writer.write_record(&record).map_err(write_err)?;
        }
    }
    dialect.finish(writer)
}
