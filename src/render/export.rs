//! `trappa export`: services, or indicators in long form, written as CSV,
//! xlsx or JSON.
//!
//! Inventories arrive one at a time ([`Exporter::add`]) and leave as rows,
//! so a run over a thousand files holds one parsed inventory at a time plus
//! the output being built. Every format renders the fixed column lists of
//! `export::columns` and `export::indicators_long`; nothing here decides a
//! step or computes an indicator (the ladder and `report::build` do).

use super::csv::{CsvTable, Dialect};
use super::json::JsonList;
use super::xlsx::XlsxBook;
use crate::classified::classify_inventory;
use crate::diagnostic::Message;
use crate::export::columns::Cell;
use crate::export::columns::{self, Column, ServiceRow};
use crate::export::indicators_long;
use crate::i18n::Lang;
use crate::inventory::model::Inventory;
use crate::report;
use serde_json::Value;
use std::io::Write;

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
    /// Rows wait deflated in a temporary file per sheet; the zip is
    /// streamed to `out` when finished.
    Xlsx(Box<Workbook>, Box<dyn Write + Send>),
}

/// The workbook with the sheets the subject needs.
struct Workbook {
    book: XlsxBook,
    services: Option<usize>,
    indicators: usize,
    departments: Option<usize>,
}

impl Exporter {
    /// `out` receives the file as it is made: rows of csv and json stream into
    /// it, so memory does not grow with the export.
    pub fn new(
        subject: Subject,
        format: Format,
        lang: Lang,
        out: Box<dyn Write + Send>,
    ) -> Result<Exporter, Message> {
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

    /// What makes the rows of one inventory: cheap to copy to the worker
    /// threads, so classifying and computing use every core.
    pub fn rows(&self) -> Rows {
        Rows {
            subject: self.subject,
            lang: self.lang,
            workbook: matches!(self.sink, Sink::Xlsx(..)),
        }
    }

    /// Appends the rows of one inventory, made by [`Rows::of`].
    pub fn push(&mut self, rows: InventoryRows) -> Result<(), Message> {
        for (table, cells) in rows.rows {
            match &mut self.sink {
                Sink::Csv(table) => table.push(&cells)?,
                Sink::Json(list) => list.push(cells)?,
                Sink::Xlsx(book, _) => {
                    let sheet = match table {
                        Table::Services => book.services,
                        Table::Indicators => Some(book.indicators),
                        Table::Departments => book.departments,
                    };
                    if let Some(sheet) = sheet {
                        book.book.push(sheet, &cells)?;
                    }
                }
            }
        }
        if let Sink::Xlsx(book, _) = &mut self.sink {
            book.book.note_year(rows.year);
        }
        Ok(())
    }

    /// The finished file.
    pub fn finish(self) -> Result<(), Message> {
        match self.sink {
            Sink::Csv(table) => table.finish(),
            Sink::Json(list) => list.finish(),
            Sink::Xlsx(book, mut out) => {
                book.book.finish(&mut out)?;
                out.flush().map_err(|e| super::io_failure("xlsx", &e))
            }
        }
    }
}

/// Which table of the export a row belongs to (in a workbook, its sheet).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Services,
    Indicators,
    Departments,
}

/// The rows of one inventory, in the order they are written.
pub struct InventoryRows {
    year: i32,
    rows: Vec<(Table, Vec<Cell>)>,
}

/// Makes the rows of one inventory (which must have passed `check`).
#[derive(Clone, Copy, Debug)]
pub struct Rows {
    subject: Subject,
    lang: Lang,
    /// A workbook has the indicators and departments sheets beside the services.
    workbook: bool,
}

impl Rows {
    pub fn of(&self, inventory: &Inventory) -> InventoryRows {
        let mut rows = Vec::new();
        let classified = classify_inventory(inventory);
        if self.subject == Subject::Services {
            let departments = columns::department_names(inventory);
            let service_columns: Vec<Column<ServiceRow>> = columns::services();
            for c in &classified {
                let row = ServiceRow {
                    inventory,
                    classified: c,
                    departments: &departments,
                    lang: self.lang,
                };
                rows.push((Table::Services, columns::cells(&service_columns, &row)));
            }
        }
        if self.subject == Subject::Indicators || self.workbook {
            // Without --previous and targets a report cannot be refused.
            if let Ok(report) = report::build_classified(inventory, &classified, None, None) {
                let indicator_columns = indicators_long::columns();
                for record in indicators_long::records(&report) {
                    rows.push((
                        Table::Indicators,
                        columns::cells(&indicator_columns, &record),
                    ));
                }
                if self.workbook && self.subject == Subject::Services {
                    let department_columns = indicators_long::department_columns();
                    for record in indicators_long::departments(&report) {
                        rows.push((
                            Table::Departments,
                            columns::cells(&department_columns, &record),
                        ));
                    }
                }
            }
        }
        InventoryRows {
            year: inventory.year,
            rows,
        }
    }
}

impl Workbook {
    /// Services: `services`, `indicators`, `departments`; indicators: `indicators` only.
    fn new(subject: Subject) -> Result<Workbook, Message> {
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
