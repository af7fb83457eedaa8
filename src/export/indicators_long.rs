//! Indicators in long form, shaped like Kolada's open data: one row per
//! organisation × year × department × indicator, so an analyst can join
//! trappa's figures with Kolada's on municipality (SCB code) and period.
//! The values come from the report (`report::build`), never recomputed here.

use super::columns::{Cell, Column, Kind};
use crate::inventory::model::OrganisationKind;
use crate::inventory::{Indicator, Unit};
use crate::report::{self, DepartmentRow, Report};

/// One indicator value of one organisation, year and department.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorRecord {
    pub kpi: Indicator,
    /// The SCB code when the inventory has one, otherwise the organisation's name.
    pub municipality: String,
    pub period: i32,
    /// `None` for the whole organisation.
    pub department: Option<String>,
    pub value: Option<f64>,
    pub unit: Unit,
}

/// The whole organisation first, then every department in the report's
/// order. Services without a department count only in the organisation's
/// rows: an empty department already means "the whole organisation".
pub fn records(report: &Report) -> Vec<IndicatorRecord> {
    let municipality = kolada_id(report);
    let record = |kpi: Indicator, department: Option<&str>, value: Option<f64>| IndicatorRecord {
        kpi,
        municipality: municipality.clone(),
        period: report.year,
        department: department.map(str::to_string),
        value,
        unit: kpi.unit(),
    };
    let mut out: Vec<IndicatorRecord> = report
        .indicators
        .iter()
        .map(|i| record(i.id, None, i.value))
        .collect();
    for department in report.departments.iter().filter(|d| !d.id.is_empty()) {
        out.extend(
            department
                .indicators
                .iter()
                .map(|i| record(i.id, Some(&department.id), i.value)),
        );
    }
    out
}

/// A share as a share, a count as an exact whole number, any other
/// measure as computed; no data as an empty cell.
/// The organisation as Kolada names it in its `municipality` column: a
/// municipality's four-digit SCB code; a region's county code written with
/// four digits as Kolada does ("14" → "0014", Västra Götaland); for an
/// agency or a company, which Kolada does not cover, the name (join those
/// with your own data on it).
fn kolada_id(report: &Report) -> String {
    match (&report.code, report.kind) {
        (Some(code), OrganisationKind::Region) if code.len() == 2 => format!("00{code}"),
        (Some(code), _) => code.clone(),
        (None, _) => report.organisation.clone(),
    }
}

fn value_cell(value: Option<f64>, unit: Unit) -> Cell {
    match (value, unit) {
        (None, _) => Cell::Missing,
        (Some(v), Unit::Share) => Cell::Share(v),
        (Some(v), Unit::Count) if v >= 0.0 && v.fract() == 0.0 && v < 9.0e15 => {
            Cell::Count(v as u64)
        }
        (Some(v), _) => Cell::Number(v),
    }
}

/// `kpi,municipality,period,department,value`.
pub fn columns() -> Vec<Column<IndicatorRecord>> {
    use Kind::*;
    vec![
        Column::new(
            "kpi",
            Text,
            "the indicator id (spec §5)",
            |r: &IndicatorRecord| Cell::Text(r.kpi.id().to_string()),
        ),
        Column::new(
            "municipality",
            Text,
            "the SCB code as Kolada writes it (a region's as 00 and its county code) when known, otherwise the organisation's name",
            |r: &IndicatorRecord| Cell::Text(r.municipality.clone()),
        ),
        Column::new(
            "period",
            Number,
            "the follow-up year",
            |r: &IndicatorRecord| super::columns::year(r.period),
        ),
        Column::new(
            "department",
            Text,
            "the department's id; empty for the whole organisation",
            |r: &IndicatorRecord| r.department.clone().map_or(Cell::Missing, Cell::Text),
        ),
        Column::new(
            "value",
            Value,
            "shares 0–1, counts, kronor, mean step; empty when there is no data",
            |r: &IndicatorRecord| value_cell(r.value, r.unit),
        ),
    ]
}

/// One department of one report: a row of the xlsx `departments` sheet.
pub struct DepartmentRecord<'a> {
    pub report: &'a Report,
    pub department: &'a DepartmentRow,
}

/// The departments of a report, without the group of services that have none.
pub fn departments(report: &Report) -> impl Iterator<Item = DepartmentRecord<'_>> {
    report
        .departments
        .iter()
        .filter(|d| !d.id.is_empty())
        .map(move |department| DepartmentRecord { report, department })
}

/// The organisation, the department, then the indicators of the report's department table.
pub fn department_columns<'a>() -> Vec<Column<DepartmentRecord<'a>>> {
    use Kind::*;
    type D<'a> = DepartmentRecord<'a>;
    let mut columns = vec![
        Column::new("organisation.name", Text, "", |r: &D| {
            Cell::Text(r.report.organisation.clone())
        }),
        Column::new("organisation.code", Text, "", |r: &D| {
            r.report.code.clone().map_or(Cell::Missing, Cell::Text)
        }),
        Column::new("year", Number, "", |r: &D| {
            super::columns::year(r.report.year)
        }),
        Column::new("department", Text, "", |r: &D| {
            Cell::Text(r.department.id.clone())
        }),
        Column::new("department_name", Text, "", |r: &D| {
            Cell::Text(r.department.name.clone())
        }),
    ];
    for &id in report::DEPARTMENT_COLUMNS {
        columns.push(Column::new(id.id(), Value, "", move |r: &D| {
            value_cell(r.department.value(id), id.unit())
        }));
    }
    columns
}
