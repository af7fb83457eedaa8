//! The comparison in each format. Table and Markdown show numbers as a
//! reader expects them in `--lang` ("62,5 %" / "62.5%", "–" for no data);
//! CSV and JSON carry the unrounded numbers (shares 0–1) with stable English
//! column names, for programs and spreadsheets.

use super::{COLUMNS, RANKED_BY, Row, unit};
use crate::i18n::{self, Lang};
use crate::indicators::catalogue::Unit;
use crate::output::classification::markdown_cell;
use crate::output::csv_dialect::Dialect;
use crate::output::table::{Fit, Layout, keep_whole, new_table};
use crate::report::numbers::{self, NO_DATA};
use comfy_table::CellAlignment;
use serde_json::{Map, Value, json};

/// Column headings in `lang`: indicator labels come from data/indicators.yaml.
fn headings(lang: Lang) -> Vec<String> {
    let mut out = vec![
        lang.pick("organisation", "organisation").to_string(),
        lang.pick("kod", "code").to_string(),
        lang.pick("år", "year").to_string(),
    ];
    out.extend(COLUMNS.iter().map(|id| {
        i18n::indicator(id)
            .map(|info| info.label.get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    }));
    out.push(lang.pick("rang", "rank").to_string());
    out
}

fn cells(row: &Row, lang: Lang) -> Vec<String> {
    let mut out = vec![
        row.organisation.clone(),
        row.code.clone().unwrap_or_default(),
        row.year.to_string(),
    ];
    out.extend(
        COLUMNS
            .iter()
            .zip(row.values)
            .map(|(id, value)| numbers::value(value, unit(id), lang)),
    );
    out.push(
        row.rank
            .map(|r| r.to_string())
            .unwrap_or_else(|| NO_DATA.to_string()),
    );
    out
}

pub fn table(rows: &[Row], lang: Lang, layout: Layout) -> String {
    let mut table = new_table(layout, headings(lang));
    // Numbers right-aligned so that their digits line up: year onwards.
    for column in table.column_iter_mut().skip(2) {
        column.set_cell_alignment(CellAlignment::Right);
    }
    for row in rows {
        table.add_row(cells(row, lang));
    }
    // Only the organisation's name may wrap: code, year, values and rank
    // are never broken across lines.
    let mut fits = vec![Fit::Words];
    fits.resize(COLUMNS.len() + 4, Fit::Whole);
    keep_whole(&mut table, layout, &fits);
    format!("{table}\n")
}

pub fn markdown(rows: &[Row], lang: Lang) -> String {
    let header = headings(lang);
    let mut out = format!(
        "| {} |\n",
        header
            .iter()
            .map(|h| markdown_cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    // Text left, numbers right.
    out.push_str("|---|---|---:|");
    out.push_str(&"---:|".repeat(COLUMNS.len() + 1));
    out.push('\n');
    for row in rows {
        let cells: Vec<String> = cells(row, lang).iter().map(|c| markdown_cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// The CSV header: stable English identifiers (the indicator ids), whatever `--lang`.
pub fn csv_header() -> Vec<&'static str> {
    let mut header = vec!["organisation", "code", "year"];
    header.extend(COLUMNS);
    header.extend(["rank", "file"]);
    header
}

/// CSV in either dialect: shares 0–1 unrounded, an empty cell for no data.
pub fn csv(rows: &[Row], dialect: Dialect) -> Result<Vec<u8>, String> {
    let mut writer = dialect.writer();
    let write_err = |e: csv::Error| format!("cannot write CSV: {e}");
    writer.write_record(csv_header()).map_err(write_err)?;
    for row in rows {
        let mut record: Vec<String> = vec![
            dialect.text(&row.organisation).into_owned(),
            dialect.text(row.code.as_deref().unwrap_or("")).into_owned(),
            dialect.number(f64::from(row.year)),
        ];
        record.extend(row.values.iter().map(|v| dialect.maybe_number(*v)));
        record.push(dialect.maybe_number(row.rank.map(|r| r as f64)));
        record.push(dialect.text(&row.file).into_owned());
        writer.write_record(&record).map_err(write_err)?;
    }
    dialect.finish(writer)
}

/// One JSON number: counts as integers, everything else unrounded;
/// `null` for no data.
fn json_value(id: &str, value: Option<f64>) -> Value {
    match value {
        None => Value::Null,
        Some(v) if unit(id) == Unit::Count && v.fract() == 0.0 && v >= 0.0 => json!(v as u64),
        Some(v) => json!(v),
    }
}

/// `{"trappa_compare": 1, "ranked_by": …, "rows": [...]}`; keys in a fixed order.
pub fn json(rows: &[Row]) -> String {
    let rows: Vec<Value> = rows
        .iter()
        .map(|row| {
            let mut object = Map::new();
            object.insert("organisation".into(), json!(row.organisation));
            object.insert("code".into(), json!(row.code));
            object.insert("year".into(), json!(row.year));
            for (id, value) in COLUMNS.iter().zip(row.values) {
                object.insert((*id).into(), json_value(id, value));
            }
            object.insert("rank".into(), json!(row.rank));
            object.insert("file".into(), json!(row.file));
            Value::Object(object)
        })
        .collect();
    let document = json!({
        "trappa_compare": 1,
        "ranked_by": RANKED_BY,
        "rank_within": "year",
        "rows": rows,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
