//! The report as one versioned JSON document (`"trappa_report": 1`): every
//! number the other formats show, unrounded; "no data" is `null`. Counts
//! (indicators of unit Count, and targets on them) are integers, as in
//! `compare` and `export`; shares and other measures stay floats.

use crate::inventory::{Indicator, Unit};
use crate::render::json;
use crate::report::Report;
use serde_json::Value;

/// The number fields of an indicator row (of the organisation or of a
/// department) and of a target row.
const INDICATOR_NUMBERS: [&str; 5] = ["value", "numerator", "denominator", "previous", "change"];
const TARGET_NUMBERS: [&str; 2] = ["target", "value"];

pub fn render(report: &Report) -> String {
    let mut document = serde_json::to_value(report).unwrap_or_default();
    counts_as_integers(&mut document);
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// Rewrites whole-number counts as JSON integers; the computations keep
/// every value as f64, so this is the one place that knows a count is one.
fn counts_as_integers(document: &mut Value) {
    if let Some(indicators) = document.get_mut("indicators") {
        integers_in_rows(indicators, "id", &INDICATOR_NUMBERS);
    }
    if let Some(departments) = document
        .get_mut("departments")
        .and_then(Value::as_array_mut)
    {
        for department in departments {
            if let Some(indicators) = department.get_mut("indicators") {
                integers_in_rows(indicators, "id", &INDICATOR_NUMBERS);
            }
        }
    }
    if let Some(targets) = document.get_mut("targets") {
        integers_in_rows(targets, "indicator", &TARGET_NUMBERS);
    }
}

/// In each object of the array `rows` whose `id_key` names a Count
/// indicator, turns the `fields` that hold whole numbers into integers.
fn integers_in_rows(rows: &mut Value, id_key: &str, fields: &[&str]) {
    let Some(rows) = rows.as_array_mut() else {
        return;
    };
    for row in rows.iter_mut().filter_map(Value::as_object_mut) {
        let is_count = row
            .get(id_key)
            .and_then(Value::as_str)
            .and_then(Indicator::parse)
            .map(Indicator::unit)
            == Some(Unit::Count);
        if !is_count {
            continue;
        }
        for field in fields {
            if let Some(value) = row.get_mut(*field)
                && let Some(float) = value.as_f64().filter(|_| value.is_f64())
            {
                *value = json::count(float);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_become_integers_and_shares_stay_floats() {
        let mut document = json!({
            "indicators": [
                {"id": "services", "value": 30.0, "numerator": 30.0, "denominator": null,
                 "previous": 29.0, "change": 1.0},
                {"id": "pdf_forms", "value": 4.0, "numerator": 4.0, "denominator": null,
                 "previous": 9.0, "change": -5.0},
                {"id": "step_1_share", "value": 0.1, "numerator": 3.0, "denominator": 30.0,
                 "previous": 1.0, "change": 0.0},
            ],
            "departments": [
                {"id": "bygg", "indicators": [{"id": "new_services", "value": 3.0}]},
            ],
            "targets": [
                {"indicator": "pdf_forms", "target": 0.0, "value": 4.0},
                {"indicator": "eid_share", "target": 0.75, "value": 0.52},
            ],
        });
        counts_as_integers(&mut document);
        let text = serde_json::to_string(&document).unwrap();
        assert!(
            text.contains(
                r#"{"id":"services","value":30,"numerator":30,"denominator":null,"previous":29,"change":1}"#
            ),
            "{text}"
        );
        assert!(text.contains(r#""previous":9,"change":-5}"#), "{text}");
        assert!(
            text.contains(r#"{"id":"step_1_share","value":0.1,"numerator":3.0,"denominator":30.0,"previous":1.0,"change":0.0}"#),
            "{text}"
        );
        assert!(
            text.contains(r#"{"id":"new_services","value":3}"#),
            "{text}"
        );
        assert!(
            text.contains(r#"{"indicator":"pdf_forms","target":0,"value":4}"#),
            "{text}"
        );
        assert!(text.contains(r#""target":0.75,"value":0.52"#), "{text}");
    }
}
