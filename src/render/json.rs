//! JSON: the one rule for numbers in every JSON document trappa writes
//! ([`number`]), and an export table as one document streamed row by row
//! ([`JsonList`]).

use crate::diagnostic::Message;
use crate::export::columns::Cell;
use crate::inventory::Unit;
use serde_json::{Map, Value};
use std::io::Write;

/// f64 holds every whole number up to 2^53 exactly; past it a count could
/// not be told apart from its neighbour, so it stays a float.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// A number in a JSON document: a count (of services, cases, forms) is an
/// integer; every other measure (a share, a mean step, kronor, a per cent)
/// is written as computed, a float even when it is whole, so a share of 0
/// reads `0.0` beside `0.5`. No data is `null`, never 0.
pub fn number(value: Option<f64>, unit: Unit) -> Value {
    match value {
        None => Value::Null,
        Some(v) if unit == Unit::Count => count(v),
        Some(v) => float(v),
    }
}

/// A measure that is never a count, even when whole: a rate per year (the
/// slope of a trend line, also of a count) is a float. No data is `null`.
pub fn measure(value: Option<f64>) -> Value {
    value.map_or(Value::Null, float)
}

/// A whole number as an integer (changes of counts can be negative).
pub fn count(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() <= EXACT {
        Value::from(value as i64)
    } else {
        float(value)
    }
}

fn float(value: f64) -> Value {
    serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
}

// An export table as one JSON document: `{"trappa_export": 1, …, "<list>":
// [rows]}`. Each row is an object whose dotted column names
// (`evidence.login`) become nested objects, so the JSON reads like the
// inventory it came from. Rows stream into the output as they come, so the
// document is never held whole.

pub struct JsonList {
    names: Vec<&'static str>,
    out: Box<dyn Write + Send>,
    rows: usize,
}

fn write_error(e: std::io::Error) -> Message {
    super::io_failure("JSON", &e)
}

impl JsonList {
    /// `header` holds the document's keys before the list, in order.
    pub fn new(
        header: &[(&str, Value)],
        list: &str,
        names: Vec<&'static str>,
        mut out: Box<dyn Write + Send>,
    ) -> Result<JsonList, Message> {
        let mut text = String::from("{\n");
        for (key, value) in header {
            text.push_str(&format!("  {}: {},\n", Value::from(*key), value));
        }
        text.push_str(&format!("  {}: [", Value::from(list)));
        out.write_all(text.as_bytes()).map_err(write_error)?;
        Ok(JsonList {
            names,
            out,
            rows: 0,
        })
    }

    pub fn push(&mut self, cells: Vec<Cell>) -> Result<(), Message> {
        let mut row = Map::new();
        for (name, cell) in self.names.iter().zip(cells) {
            insert_dotted(&mut row, name, value(cell));
        }
        let pretty = serde_json::to_string_pretty(&Value::Object(row)).unwrap_or_default();
        let mut text = String::from(if self.rows == 0 { "\n" } else { ",\n" });
        for (i, line) in pretty.lines().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str("    ");
            text.push_str(line);
        }
        self.rows += 1;
        self.out.write_all(text.as_bytes()).map_err(write_error)
    }

    /// Closes the document and flushes it into the output.
    pub fn finish(mut self) -> Result<(), Message> {
        let end = if self.rows == 0 {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        };
        self.out.write_all(end.as_bytes()).map_err(write_error)?;
        self.out.flush().map_err(write_error)
    }
}

fn insert_dotted(object: &mut Map<String, Value>, name: &str, value: Value) {
    match name.split_once('.') {
        None => {
            object.insert(name.to_string(), value);
        }
        Some((head, rest)) => {
            let inner = object
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = inner {
                insert_dotted(inner, rest, value);
            }
        }
    }
}

/// A cell as a JSON value: counts as integers, measures and shares as
/// floats ([`number`]'s rule); no data as `null`.
fn value(cell: Cell) -> Value {
    match cell {
        Cell::Missing => Value::Null,
        Cell::Text(text) | Cell::Date(text) => Value::String(text),
        Cell::Count(n) => Value::from(n),
        Cell::Number(n) | Cell::Share(n) => float(n),
        Cell::Flag(flag) => Value::Bool(flag),
        Cell::List(items) => Value::Array(items.into_iter().map(Value::String).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// An output the list owns while the test reads it afterwards.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn rows_nest_dotted_names_and_the_document_parses() {
        let out = Shared::default();
        let mut list = JsonList::new(
            &[("trappa_export", Value::from(1))],
            "services",
            vec!["year", "evidence.login", "evidence.signing", "cost"],
            Box::new(out.clone()),
        )
        .unwrap();
        list.push(vec![
            Cell::Count(2014),
            Cell::Text("eid".into()),
            Cell::Missing,
            Cell::Number(145.5),
        ])
        .unwrap();
        list.push(vec![
            Cell::Count(2015),
            Cell::Text("none".into()),
            Cell::Text("paper".into()),
            Cell::Missing,
        ])
        .unwrap();
        list.finish().unwrap();
        let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        let document: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(document["trappa_export"], 1);
        assert_eq!(document["services"][0]["year"], Value::from(2014));
        assert_eq!(document["services"][0]["evidence"]["login"], "eid");
        assert_eq!(document["services"][0]["evidence"]["signing"], Value::Null);
        assert_eq!(document["services"][0]["cost"], 145.5);
        assert_eq!(document["services"][1]["evidence"]["signing"], "paper");
    }

    #[test]
    fn counts_are_integers_and_measures_floats() {
        assert_eq!(number(Some(30.0), Unit::Count).to_string(), "30");
        assert_eq!(number(Some(-5.0), Unit::Count).to_string(), "-5");
        assert_eq!(number(Some(0.0), Unit::Share).to_string(), "0.0");
        assert_eq!(number(Some(145.0), Unit::Sek).to_string(), "145.0");
        assert_eq!(number(Some(2.5), Unit::Count).to_string(), "2.5");
        assert_eq!(number(Some(1e300), Unit::Count).to_string(), "1e+300");
        assert_eq!(number(None, Unit::Share), Value::Null);
        assert_eq!(measure(Some(-1.0)).to_string(), "-1.0");
        assert_eq!(measure(None), Value::Null);
    }

    #[test]
    fn an_empty_list_is_valid_json() {
        let out = Shared::default();
        let list = JsonList::new(&[], "indicators", vec!["kpi"], Box::new(out.clone())).unwrap();
        list.finish().unwrap();
        let document: Value = serde_json::from_slice(&out.0.lock().unwrap()).unwrap();
        assert_eq!(document["indicators"], Value::Array(vec![]));
    }
}
