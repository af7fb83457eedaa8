//! The trend as one versioned JSON document (`"trappa_trend": 1`): every
//! number unrounded, by the one rule of [`json::number`] (counts as
//! integers, every other measure a float, "no data" `null`). Keys keep a
//! fixed order. A year is listed only where it has something: a gap year
//! is in `years` (with `"file": null`) and `gaps`, and in no series; a
//! department's series leaves out the years it did not exist.

use crate::indicators::compute::{IndicatorValue, StepChange};
use crate::inventory::targets::Direction;
use crate::inventory::{Step, Unit};
use crate::render::json;
use crate::trend::Trend;
use crate::trend::history::Span;
use crate::trend::period::Pace;
use serde_json::{Value, json};
use std::io::Write;

pub fn render(trend: &Trend) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(trend, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Streams the document into `out` as `serde_json::to_string_pretty` would
/// print it, with a final newline: field by field and its lists item by
/// item, each item's tree made and dropped in turn, so a trend of many
/// years and services is never one tree, nor one text, in memory.
pub fn write(trend: &Trend, out: &mut dyn Write) -> std::io::Result<()> {
    let mut document = Document { out, first: true };
    document.field("trappa_trend", &json!(1))?;
    document.field("organisation", &json!(trend.organisation))?;
    document.field("code", &json!(trend.code))?;
    document.field("first_year", &json!(trend.first_year()))?;
    document.field("last_year", &json!(trend.last_year()))?;
    document.list(
        "years",
        trend
            .years
            .iter()
            .map(|y| json!({"year": y.year, "file": y.file, "since": y.since})),
    )?;
    document.field("gaps", &json!(trend.gaps()))?;
    document.list("indicators", indicators(trend))?;
    document.list("distribution", distribution(trend))?;
    document.list("departments", departments(trend))?;
    document.list("changes", changes(trend))?;
    document.list("services", services(trend))?;
    document.list("targets", targets(trend))?;
    document.out.write_all(b"\n}\n")
}

struct Document<'a> {
    out: &'a mut dyn Write,
    first: bool,
}

/// `value` pretty-printed for a place `indent` deep.
fn indented(value: &Value, indent: &str) -> String {
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    pretty.replace('\n', &format!("\n{indent}"))
}

impl Document<'_> {
    fn key(&mut self, key: &str) -> std::io::Result<()> {
        let before = if std::mem::replace(&mut self.first, false) {
            "{\n"
        } else {
            ",\n"
        };
        write!(self.out, "{before}  {}: ", Value::from(key))
    }

    fn field(&mut self, key: &str, value: &Value) -> std::io::Result<()> {
        self.key(key)?;
        self.out.write_all(indented(value, "  ").as_bytes())
    }

    fn list(&mut self, key: &str, items: impl Iterator<Item = Value>) -> std::io::Result<()> {
        self.key(key)?;
        self.out.write_all(b"[")?;
        let mut any = false;
        for item in items {
            self.out
                .write_all(if any { b",\n    " } else { b"\n    " })?;
            self.out.write_all(indented(&item, "    ").as_bytes())?;
            any = true;
        }
        self.out.write_all(if any { b"\n  ]" } else { b"]" })
    }
}

fn indicators(trend: &Trend) -> impl Iterator<Item = Value> + '_ {
    trend.indicators.iter().map(|series| {
        let unit = series.id.unit();
        let values: Vec<Value> = trend
            .years
            .iter()
            .zip(&series.values)
            .filter_map(|(year, value)| {
                let v = value.as_ref()?;
                Some(json!({
                    "year": year.year,
                    "value": json::number(v.value, unit),
                    "numerator": json::number(v.numerator, unit),
                    "denominator": json::number(v.denominator, unit),
                    "change": json::number(v.change, unit),
                }))
            })
            .collect();
        json!({"id": series.id.id(), "values": values})
    })
}

fn distribution(trend: &Trend) -> impl Iterator<Item = Value> + '_ {
    trend
        .years
        .iter()
        .zip(&trend.distribution)
        .filter_map(|(year, counts)| {
            let counts = counts.as_ref()?;
            let total: usize = counts.iter().sum();
            let steps: Vec<Value> = Step::ALL
                .iter()
                .zip(counts)
                .map(|(step, &n)| {
                    let share = (total > 0).then(|| n as f64 / total as f64);
                    json!({
                        "step": step.number(),
                        "services": n,
                        "share": json::number(share, Unit::Share),
                    })
                })
                .collect();
            Some(json!({"year": year.year, "steps": steps}))
        })
}

fn indicator_values(values: &[IndicatorValue]) -> Value {
    values
        .iter()
        .map(|v| {
            let unit = v.id.unit();
            json!({
                "id": v.id.id(),
                "value": json::number(v.value, unit),
                "numerator": json::number(v.numerator, unit),
                "denominator": json::number(v.denominator, unit),
            })
        })
        .collect()
}

fn departments(trend: &Trend) -> impl Iterator<Item = Value> + '_ {
    trend.departments.iter().map(|d| {
        let years: Vec<Value> = trend
            .years
            .iter()
            .zip(&d.values)
            .filter_map(|(year, values)| {
                let values = values.as_ref()?;
                Some(json!({"year": year.year, "indicators": indicator_values(values)}))
            })
            .collect();
        json!({"id": d.id, "name": d.name, "years": years})
    })
}

fn moves(moves: &[StepChange]) -> Value {
    moves
        .iter()
        .map(|m| json!({"id": m.id, "from": m.from.number(), "to": m.to.number()}))
        .collect()
}

fn changes(trend: &Trend) -> impl Iterator<Item = Value> + '_ {
    trend
        .years
        .iter()
        .zip(&trend.changes)
        .filter_map(|(year, changes)| {
            let c = changes.as_ref()?;
            Some(json!({
                "year": year.year,
                "since": year.since,
                "new": c.new,
                "retired": c.retired,
                "stepped_up": moves(&c.stepped_up),
                "stepped_down": moves(&c.stepped_down),
            }))
        })
}

fn span(span: &Span) -> Value {
    json!({"after": span.after, "by": span.by})
}

fn services(trend: &Trend) -> impl Iterator<Item = Value> + '_ {
    trend.services.iter().map(|s| {
        let years: Vec<Value> = trend
            .years
            .iter()
            .zip(&s.years)
            .filter_map(|(year, seen)| {
                let seen = seen.as_ref()?;
                Some(json!({
                    "year": year.year,
                    "status": seen.status.to_string(),
                    "step": seen.step.number(),
                }))
            })
            .collect();
        json!({
            "id": s.id,
            "name": s.name,
            "department": s.department,
            "years": years,
            "went_live": s.went_live.as_ref().map(span),
            "first_at_step_3": s.first_at_step_3.as_ref().map(span),
            "stepped_down": s.stepped_down.iter().map(span).collect::<Vec<_>>(),
            "left": s.left.as_ref().map(|left| json!({
                "after": left.when.after,
                "by": left.when.by,
                "how": left.how.id(),
            })),
        })
    })
}

fn targets(trend: &Trend) -> impl Iterator<Item = Value> + '_ {
    trend.targets.iter().map(|t| {
        let unit = t.indicator.unit();
        let points: Vec<Value> = t
            .points
            .iter()
            .map(|p| json!({"year": p.year, "value": json::number(Some(p.value), unit)}))
            .collect();
        // The slope is a rate (per year) and the line's value a point on
        // a line: measures, floats even for a count.
        json!({
            "indicator": t.indicator.id(),
            "department": t.department,
            "goal": t.goal,
            "target": json::number(Some(t.target), unit),
            "by": t.by,
            "direction": match t.direction {
                Direction::Up => "up",
                Direction::Down => "down",
            },
            "year": t.year,
            "value": json::number(t.value, unit),
            "status": t.status.id(),
            "points": points,
            "slope": json::measure(t.line.map(|l| l.slope)),
            "line_at_by": json::measure(t.line_at_by()),
            "reached_in": match t.pace {
                Pace::ReachedIn(year) => Some(year),
                _ => None,
            },
            "pace": t.pace.id(),
        })
    })
}
