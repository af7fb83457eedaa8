//! The report as one versioned JSON document (`"trappa_report": 1`): every
//! number the other formats show, unrounded; "no data" is `null`. Counts
//! (indicators of unit Count, and targets on them) are integers, as in
//! `compare` and `export`; shares and other measures stay floats — the rule
//! of [`crate::render::json::number`].
//!
//! Written straight from the report to the output through serde, without a
//! tree of JSON values in between: a report of 60 000 departments held as a
//! tree took 1.5 GB.

use crate::indicators::compute::IndicatorValue;
use crate::inventory::Unit;
use crate::render::json;
use crate::report::{DepartmentRow, IndicatorRow, Report, TargetRow};
use serde::Serialize;
use serde::ser::{SerializeSeq, SerializeStruct, Serializer};
use std::io::Write;

/// The whole document as text, for callers that want it in memory.
pub fn render(report: &Report) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(report, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Streams the document into `out`, pretty-printed, with a final newline.
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Document(report)).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// A number under the JSON rule for its unit.
struct Number(Option<f64>, Unit);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        json::number(self.0, self.1).serialize(s)
    }
}

struct Document<'r>(&'r Report);

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut doc = s.serialize_struct("Report", 13)?;
        doc.serialize_field("trappa_report", &r.trappa_report)?;
        doc.serialize_field("organisation", &r.organisation)?;
        doc.serialize_field("code", &r.code)?;
        doc.serialize_field("year", &r.year)?;
        doc.serialize_field("previous_year", &r.previous_year)?;
        doc.serialize_field("indicators", &Rows(&r.indicators))?;
        doc.serialize_field("distribution", &r.distribution)?;
        doc.serialize_field("departments", &Departments(&r.departments))?;
        doc.serialize_field("changes", &r.changes)?;
        doc.serialize_field("targets", &Targets(&r.targets))?;
        doc.serialize_field("to_develop", &r.to_develop)?;
        doc.serialize_field("pdf_forms", &r.pdf_forms)?;
        doc.serialize_field("services", &r.services)?;
        // Only with --peers, so a report without stays the document it was.
        if let Some(peers) = &r.peers {
            doc.serialize_field("peers", &super::peers::json_value(peers))?;
        }
        doc.end()
    }
}

/// Serialises a list element by element through a wrapper of each element.
macro_rules! list {
    ($name:ident, $item:ty, $wrap:ident) => {
        struct $name<'a>(&'a [$item]);

        impl Serialize for $name<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(Some(self.0.len()))?;
                for item in self.0 {
                    seq.serialize_element(&$wrap(item))?;
                }
                seq.end()
            }
        }
    };
}

list!(Rows, IndicatorRow, Row);
list!(Values, IndicatorValue, Value);
list!(Departments, DepartmentRow, Department);
list!(Targets, TargetRow, Target);

/// An indicator row of the organisation: value, its two sides, last year's
/// value and the change.
struct Row<'a>(&'a IndicatorRow);

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let row = self.0;
        let unit = row.id.unit();
        let mut out = s.serialize_struct("IndicatorRow", 6)?;
        out.serialize_field("id", &row.id)?;
        out.serialize_field("value", &Number(row.value, unit))?;
        out.serialize_field("numerator", &Number(row.numerator, unit))?;
        out.serialize_field("denominator", &Number(row.denominator, unit))?;
        out.serialize_field("previous", &Number(row.previous, unit))?;
        out.serialize_field("change", &Number(row.change, unit))?;
        out.end()
    }
}

/// A department's indicators (no previous value: a department's change is
/// not part of the document).
struct Value<'a>(&'a IndicatorValue);

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        let unit = v.id.unit();
        let mut out = s.serialize_struct("IndicatorValue", 4)?;
        out.serialize_field("id", &v.id)?;
        out.serialize_field("value", &Number(v.value, unit))?;
        out.serialize_field("numerator", &Number(v.numerator, unit))?;
        out.serialize_field("denominator", &Number(v.denominator, unit))?;
        out.end()
    }
}

struct Department<'a>(&'a DepartmentRow);

impl Serialize for Department<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let mut out = s.serialize_struct("DepartmentRow", 3)?;
        out.serialize_field("id", &d.id)?;
        out.serialize_field("name", &d.name)?;
        out.serialize_field("indicators", &Values(&d.indicators))?;
        out.end()
    }
}

/// A target row: the target and the value in the indicator's unit.
struct Target<'a>(&'a TargetRow);

impl Serialize for Target<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        let unit = t.indicator.unit();
        let mut out = s.serialize_struct("TargetRow", 8)?;
        out.serialize_field("indicator", &t.indicator)?;
        out.serialize_field("department", &t.department)?;
        out.serialize_field("goal", &t.goal)?;
        out.serialize_field("target", &Number(Some(t.target), unit))?;
        out.serialize_field("by", &t.by)?;
        out.serialize_field("direction", &t.direction)?;
        out.serialize_field("value", &Number(t.value, unit))?;
        out.serialize_field("status", &t.status)?;
        out.end()
    }
}
