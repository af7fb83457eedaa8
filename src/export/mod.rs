//! `trappa export`: services, or indicators in long form, for analysts.
//!
//! Inventories arrive one at a time ([`Exporter::add`]) and leave as rows,
//! so a run over a thousand files holds one parsed inventory at a time plus
//! the output being built. Every format renders the fixed column lists of
//! [`columns`] and [`indicators_long`]; nothing here decides a step or
//! computes an indicator (the ladder and `report::build` do).

pub mod columns;
pub mod csv;
pub mod indicators_long;
pub mod json;
pub mod xlsx;

use crate::classified::classify_inventory;
use crate::i18n::Lang;
use crate::inventory::model::Inventory;
use crate::output::csv_dialect::Dialect;
use crate::report::{self, Refusal, Report};
use columns::{Column, ServiceRow};
use csv::CsvTable;
use json::JsonList;
use serde_json::Value;
use std::io::Write;
use xlsx::{SheetId, XlsxBook};

/// What one row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// One row per service.
    Services,
    /// One row per organisation × year × department × indicator.
    Indicators,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv(Dialect),
    Xlsx,
    Json,
}

/// The version key of both JSON documents.
pub const JSON_VERSION: u32 = 1;

/// The xlsx sheets, in order.
pub const SERVICES_SHEET: &str = "services";
pub const INDICATORS_SHEET: &str = "indicators";
pub const DEPARTMENTS_SHEET: &str = "departments";

pub struct Exporter {
    subject: Subject,
    lang: Lang,
    sink: Sink,
}

enum Sink {
    Csv(Box<CsvTable>),
    Json(JsonList),
    /// Rows wait in rust_xlsxwriter's constant-memory temporary files; the
    /// zip is streamed to `out` when finished.
    Xlsx(Box<Workbook>, Box<dyn Write + Send>),
}

/// The workbook with the sheets the subject needs.
struct Workbook {
    book: XlsxBook,
    services: Option<SheetId>,
    indicators: SheetId,
    departments: Option<SheetId>,
}

impl Exporter {
    /// `out` receives the file as it is made: rows of csv and json stream into
    /// it, so memory does not grow with the export.
    pub fn new(
        subject: Subject,
        format: Format,
        lang: Lang,
        out: Box<dyn Write + Send>,
    ) -> Result<Exporter, String> {
        let names = match subject {
            Subject::Services => columns::names(&columns::services()),
            Subject::Indicators => columns::names(&indicators_long::columns()),
        };
        let sink = match format {
            Format::Csv(dialect) => Sink::Csv(Box::new(CsvTable::new(dialect, &names, out)?)),
            Format::Json => {
                let (header, list) = match subject {
                    Subject::Services => (
                        vec![
                            ("trappa_export", Value::from(JSON_VERSION)),
                            ("lang", Value::from(lang.code())),
                        ],
                        "services",
                    ),
                    Subject::Indicators => (
                        vec![("trappa_export", Value::from(JSON_VERSION))],
                        "indicators",
                    ),
                };
                Sink::Json(JsonList::new(&header, list, names, out)?)
            }
            Format::Xlsx => Sink::Xlsx(Box::new(Workbook::new(subject)?), out),
        };
        Ok(Exporter {
            subject,
            lang,
            sink,
        })
    }

    /// Appends the rows of one inventory (which must have passed `check`).
    pub fn add(&mut self, inventory: &Inventory) -> Result<(), String> {
        let needs_report =
            self.subject == Subject::Indicators || matches!(self.sink, Sink::Xlsx(..));
        let report = if needs_report {
            Some(report::build(inventory, None, None).map_err(|r| match r {
                Refusal::Previous(m) | Refusal::Target(m) => m,
            })?)
        } else {
            None
        };
        if self.subject == Subject::Services {
            let classified = classify_inventory(inventory);
            let service_columns: Vec<Column<ServiceRow>> = columns::services();
            for c in &classified {
                let row = ServiceRow {
                    inventory,
                    classified: c,
                    lang: self.lang,
                };
                let cells = columns::cells(&service_columns, &row);
                match &mut self.sink {
                    Sink::Csv(table) => table.push(&cells)?,
                    Sink::Json(list) => list.push(cells)?,
                    Sink::Xlsx(book, _) => {
                        if let Some(sheet) = book.services {
                            book.book.push(sheet, &cells)?;
                        }
                    }
                }
            }
        }
        if let Some(report) = &report {
            self.add_indicators(report)?;
        }
        if let Sink::Xlsx(book, _) = &mut self.sink {
            book.book.note_year(inventory.year);
        }
        Ok(())
    }

    fn add_indicators(&mut self, report: &Report) -> Result<(), String> {
        let indicator_columns = indicators_long::columns();
        for record in indicators_long::records(report) {
            let cells = columns::cells(&indicator_columns, &record);
            match &mut self.sink {
                Sink::Csv(table) => table.push(&cells)?,
                Sink::Json(list) => list.push(cells)?,
                Sink::Xlsx(book, _) => book.book.push(book.indicators, &cells)?,
            }
        }
        if let Sink::Xlsx(book, _) = &mut self.sink
            && let Some(sheet) = book.departments
        {
            let department_columns = indicators_long::department_columns();
            for record in indicators_long::departments(report) {
                let cells = columns::cells(&department_columns, &record);
                book.book.push(sheet, &cells)?;
            }
        }
        Ok(())
    }

    /// The finished file.
    pub fn finish(self) -> Result<(), String> {
        match self.sink {
            Sink::Csv(table) => table.finish(),
            Sink::Json(list) => list.finish(),
            Sink::Xlsx(book, mut out) => {
                book.book.finish(&mut out)?;
                out.flush()
                    .map_err(|e| format!("cannot write the workbook: {e}"))
            }
        }
    }
}

impl Workbook {
    /// Services: `services`, `indicators`, `departments`; indicators: `indicators` only.
    fn new(subject: Subject) -> Result<Workbook, String> {
        let mut book = XlsxBook::new();
        let services = match subject {
            Subject::Services => {
                Some(book.add_sheet(SERVICES_SHEET, &columns::names(&columns::services()))?)
            }
            Subject::Indicators => None,
        };
        let indicators = book.add_sheet(
            INDICATORS_SHEET,
            &columns::names(&indicators_long::columns()),
        )?;
        let departments = match subject {
            Subject::Services => Some(book.add_sheet(
                DEPARTMENTS_SHEET,
                &columns::names(&indicators_long::department_columns()),
            )?),
            Subject::Indicators => None,
        };
        Ok(Workbook {
            book,
            services,
            indicators,
            departments,
        })
    }
}
