//! The comparison in each format. Table and Markdown show numbers as a
//! reader expects them in `--lang` ("62,5 %" / "62.5%", "–" for no data);
//! CSV and JSON carry the unrounded numbers (shares 0–1) with stable English
//! column names, for programs and spreadsheets.

use super::csv::Dialect;
use super::document::Table;
use super::json;
use super::markdown::Align;
use super::numbers::{self, NO_DATA};
use super::text::{Fit, Layout};
use crate::compare::{COLUMNS, RANKED_BY, Row};
use crate::diagnostic::Message;
use crate::i18n::{self, Lang};
use crate::inventory::model::Vocabulary;
use serde_json::{Map, Value, json};

/// Column headings in `lang`; the indicators' are their labels.
fn headings(lang: Lang) -> Vec<String> {
    let mut out = vec![
        i18n::text(lang, "column.organisation").to_string(),
        i18n::text(lang, "column.code").to_string(),
        i18n::text(lang, "column.kind").to_string(),
        i18n::text(lang, "column.year").to_string(),
    ];
    out.extend(
        COLUMNS
            .iter()
            .map(|id| i18n::indicator_label(*id, lang).to_string()),
    );
    out.push(i18n::text(lang, "column.rank").to_string());
    out
}

fn cells(row: &Row, lang: Lang) -> Vec<String> {
    let mut out = vec![
        row.organisation.clone(),
        row.code.clone().unwrap_or_default(),
        i18n::text(lang, &format!("kind.{}", row.kind.as_str())).to_string(),
        row.year.to_string(),
    ];
    out.extend(
        COLUMNS
            .iter()
            .zip(row.values)
            .map(|(id, value)| numbers::value(value, id.unit(), lang)),
    );
    out.push(
        row.rank
            .map(|r| r.to_string())
            .unwrap_or_else(|| NO_DATA.to_string()),
    );
    out
}

/// Text left, numbers right (the year onwards), in both the terminal and
/// the Markdown table. Only the organisation's name may wrap: code, kind,
/// year, values and rank are never broken across lines.
fn comparison(rows: &[Row], lang: Lang) -> Table {
    let columns = COLUMNS.len() + 5;
    let mut fits = vec![Fit::Words];
    fits.resize(columns, Fit::Whole);
    let mut align = vec![Align::Left, Align::Left, Align::Left];
    align.resize(columns, Align::Right);
    Table {
        header: headings(lang),
        rows: rows.iter().map(|row| cells(row, lang)).collect(),
        fits,
        align,
    }
}

pub fn table(rows: &[Row], lang: Lang, layout: Layout) -> String {
    format!("{}\n", comparison(rows, lang).to_text(layout))
}

pub fn markdown(rows: &[Row], lang: Lang) -> String {
    comparison(rows, lang).to_markdown()
}

/// The CSV header: stable English identifiers (the indicator ids), whatever `--lang`.
pub fn csv_header() -> Vec<&'static str> {
    let mut header = vec!["organisation", "code", "kind", "year"];
    header.extend(COLUMNS.iter().map(|id| id.id()));
    header.extend(["rank", "file"]);
    header
}

/// CSV in either dialect: shares 0–1 unrounded, an empty cell for no data.
pub fn csv(rows: &[Row], dialect: Dialect) -> Result<Vec<u8>, Message> {
    let mut writer = dialect.writer();
    let write_err = |e: csv::Error| super::csv_failure(&e);
    writer.write_record(csv_header()).map_err(write_err)?;
    for row in rows {
        let mut record: Vec<String> = vec![
            dialect.text(&row.organisation).into_owned(),
            dialect.text(row.code.as_deref().unwrap_or("")).into_owned(),
            row.kind.as_str().to_string(),
            dialect.number(f64::from(row.year)),
        ];
        record.extend(row.values.iter().map(|v| dialect.maybe_number(*v)));
        record.push(dialect.maybe_number(row.rank.map(|r| r as f64)));
        record.push(dialect.text(&row.file).into_owned());
        writer.write_record(&record).map_err(write_err)?;
    }
    dialect.finish(writer)
}

/// `{"trappa_compare": 1, "ranked_by": …, "rows": [...]}`; keys in a fixed order.
pub fn json(rows: &[Row]) -> String {
    let rows: Vec<Value> = rows
        .iter()
        .map(|row| {
            let mut object = Map::new();
            object.insert("organisation".into(), json!(row.organisation));
            object.insert("code".into(), json!(row.code));
            object.insert("kind".into(), json!(row.kind.as_str()));
            object.insert("year".into(), json!(row.year));
            for (id, value) in COLUMNS.iter().zip(row.values) {
                object.insert(id.id().into(), json::number(value, id.unit()));
            }
            object.insert("rank".into(), json!(row.rank));
            object.insert("file".into(), json!(row.file));
            Value::Object(object)
        })
        .collect();
    let document = json!({
        "trappa_compare": 1,
        "ranked_by": RANKED_BY.id(),
        "rank_within": "year and kind",
        "rows": rows,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
