//! Tables of cells → the inventory they describe. Each row is a service,
//! each recognised column the value at its YAML path; the organisation and
//! year columns must agree across rows and files; `department` and
//! `department_name` rebuild `departments`. The YAML is checked by the
//! pipeline, and every finding is moved to the cell its line came from.

use super::{CsvDialect, Given, Raw, Row, Table, yaml};
use crate::diagnostic::{CellPlace, Code, Diagnostic, Message, Pos, column_letters};
use crate::export::columns::{self, DEPARTMENT_NAME, Kind, LIST_SEPARATOR};
use crate::i18n::{self, Lang};
use crate::inventory::Document;
use crate::inventory::model::Inventory;
use crate::inventory::source::Source;
use crate::limits::MAX_FINDINGS_PER_CODE;
use crate::pipeline;
use crate::render::csv::unguard;
use crate::suggest;

/// Where a value came from: a table's cell, or the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Place {
    table: usize,
    row: u32,
    /// 0-based column of the sheet or CSV record.
    col: u32,
    /// On the workbook's organisation sheet, not its services sheet.
    organisation_sheet: bool,
}

/// What the import made: the inventory when nothing is wrong, and every
/// finding placed in its cell (errors, warnings and infos alike).
#[derive(Debug)]
pub struct Assembled {
    pub inventory: Option<Inventory>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The service columns that `import` reads: their ids, kinds and whether
/// they are worked out by trappa, from the export's one list.
struct ColumnSpec {
    name: &'static str,
    kind: Kind,
    derived: bool,
}

fn column_specs() -> Vec<ColumnSpec> {
    columns::services()
        .iter()
        .map(|c| ColumnSpec {
            name: c.name,
            kind: c.kind,
            derived: c.derived,
        })
        .collect()
}

/// A header's column: by its id, or by its heading in either language
/// (letter case and runs of spaces aside).
fn column_of(specs: &[ColumnSpec], title: &str) -> Option<usize> {
    if let Some(index) = specs.iter().position(|s| s.name == title) {
        return Some(index);
    }
    let wanted = heading_key(title);
    specs.iter().position(|s| {
        [Lang::En, Lang::Sv]
            .iter()
            .any(|&lang| heading_key(i18n::column_label(s.name, lang)) == wanted)
    })
}

fn heading_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a row only repeats the columns' ids or headings (the
/// template's second header row): it is not a service.
fn is_heading_row(specs: &[ColumnSpec], header: &Header, row: &Row) -> bool {
    let mut any = false;
    for (spec, at) in header.at.iter().enumerate() {
        let Some(raw) = at.and_then(|col| row.cells.get(col as usize)) else {
            continue;
        };
        match raw {
            Raw::Empty => {}
            Raw::Text(text) if column_of(specs, text.trim()) == Some(spec) => any = true,
            _ => return false,
        }
    }
    any
}

/// Top-level keys among the columns; every other column is a service's.
fn is_top_level(name: &str) -> bool {
    name == "year" || name.starts_with("organisation.")
}

pub fn assemble(tables: &[Table], given: &Given) -> Assembled {
    let specs = column_specs();
    let mut builder = Builder {
        tables,
        specs: &specs,
        diagnostics: Vec::new(),
        lines: Vec::new(),
        yaml: String::new(),
    };
    builder.build(given);
    builder.finish()
}

struct Builder<'a> {
    tables: &'a [Table],
    specs: &'a [ColumnSpec],
    /// Findings of the import itself (columns, conflicts, cells).
    diagnostics: Vec<Diagnostic>,
    /// The place each line of `yaml` came from (index = line − 1).
    lines: Vec<Option<Place>>,
    yaml: String,
}

/// One data row: the sheet's column of each spec (by spec index).
struct Header {
    /// For each spec, the 0-based column holding it in this table.
    at: Vec<Option<u32>>,
}

/// A value to write, with where it came from.
struct Value {
    text: String,
    place: Option<Place>,
}

impl<'a> Builder<'a> {
    fn push_line(&mut self, line: String, place: Option<Place>) {
        self.yaml.push_str(&line);
        self.yaml.push('\n');
        self.lines.push(place);
    }

    fn diagnostic(&self, code: Code, place: &Place, message: Message) -> Diagnostic {
        let table = &self.tables[place.table];
        let mut d = Diagnostic::new(
            code,
            &table.file,
            Pos::new(place.row, place.col + 1, 1),
            message,
        );
        d.cell = Some(Box::new(cell_place(table, place)));
        d
    }

    fn header(&mut self, index: usize) -> Header {
        let table = &self.tables[index];
        let mut at = vec![None; self.specs.len()];
        let Some(first) = table.rows.first() else {
            return Header { at };
        };
        for (col, cell) in first.cells.iter().enumerate() {
            let place = Place {
                table: index,
                row: first.number,
                col: col as u32,
                organisation_sheet: false,
            };
            let title = match cell {
                Raw::Empty => continue,
                Raw::Text(text) if text.trim().is_empty() => continue,
                Raw::Text(text) => text.trim().to_string(),
                other => shown(other),
            };
            match column_of(self.specs, &title) {
                Some(spec) if at[spec].is_some() => {
                    let d = self.diagnostic(
                        Code::E002,
                        &place,
                        Message::new("import.column_twice").text("column", title),
                    );
                    self.diagnostics.push(d);
                }
                Some(spec) => at[spec] = Some(col as u32),
                None => {
                    let near = suggest::closest(&title, self.specs.iter().map(|s| s.name));
                    let mut d = self.diagnostic(
                        Code::E002,
                        &place,
                        Message::new("import.unknown_column").text("column", title.clone()),
                    );
                    d = match near {
                        Some(near) => d.help(
                            Message::new("diagnostic.did_you_mean").text("near", near.to_string()),
                        ),
                        None => d.help(Message::new("import.unknown_column_help")),
                    };
                    self.diagnostics.push(d);
                }
            }
        }
        Header { at }
    }

    fn build(&mut self, given: &Given) {
        let headers: Vec<Header> = (0..self.tables.len()).map(|i| self.header(i)).collect();
        for (t, table) in self.tables.iter().enumerate() {
            for &(first, last) in &table.merged {
                let place = Place {
                    table: t,
                    row: first.0 + 1,
                    col: first.1,
                    organisation_sheet: false,
                };
                let range = format!(
                    "{}{}:{}{}",
                    column_letters(first.1),
                    first.0 + 1,
                    column_letters(last.1),
                    last.0 + 1
                );
                let d = self
                    .diagnostic(
                        Code::E002,
                        &place,
                        Message::new("import.merged").text("range", range),
                    )
                    .help(Message::new("import.merged_help"));
                self.diagnostics.push(d);
            }
        }
        // The rows of every table, in order: (table, row index).
        let mut rows = Vec::new();
        for (t, table) in self.tables.iter().enumerate() {
            for (r, row) in table.rows.iter().enumerate().skip(1) {
                let blank = row.cells.iter().all(Raw::is_empty);
                let headings = r == 1 && is_heading_row(self.specs, &headers[t], row);
                if !blank && !headings {
                    rows.push((t, r));
                }
            }
        }
        self.push_line("trappa: 1".into(), None);
        self.top_level(given, &headers, &rows);
        self.departments(&headers, &rows);
        if rows.is_empty() {
            self.push_line("services: []".into(), None);
            return;
        }
        self.push_line("services:".into(), None);
        for &(t, r) in &rows {
            self.service(&headers[t], t, r);
        }
    }

    /// The cell of `spec` in a row, with its place.
    fn cell(&self, header: &Header, spec: usize, t: usize, r: usize) -> Option<(&'a Raw, Place)> {
        let col = header.at[spec]?;
        let row = &self.tables[t].rows[r];
        let raw = row.cells.get(col as usize)?;
        (!raw.is_empty()).then_some((
            raw,
            Place {
                table: t,
                row: row.number,
                col,
                organisation_sheet: false,
            },
        ))
    }

    fn spec_index(&self, name: &str) -> Option<usize> {
        self.specs.iter().position(|s| s.name == name)
    }

    /// `organisation` and `year`: one value for the whole inventory, which
    /// every row that has one must agree with (and a flag, when given).
    fn top_level(&mut self, given: &Given, headers: &[Header], rows: &[(usize, usize)]) {
        let mut organisation = Vec::new();
        let mut year = None;
        let specs = self.specs;
        for (spec, name) in specs
            .iter()
            .enumerate()
            .filter(|(_, s)| is_top_level(s.name))
            .map(|(i, s)| (i, s.name))
        {
            let flag = match name {
                "organisation.name" => given.name.clone(),
                "organisation.code" => given.code.clone(),
                "year" => given.year.map(|y| y.to_string()),
                _ => None,
            };
            let mut chosen: Option<Value> = flag.map(|text| Value {
                text: scalar(specs[spec].kind, &text),
                place: None,
            });
            let mut first_text: Option<(String, Option<Place>)> =
                chosen.as_ref().map(|v| (v.text.clone(), None));
            // The organisation sheet's value first (the template's), then
            // every row's.
            let mut candidates: Vec<(&Raw, Place)> = Vec::new();
            for (t, table) in self.tables.iter().enumerate() {
                for field in &table.organisation {
                    if column_of(specs, field.heading.trim()) == Some(spec)
                        && !field.value.is_empty()
                    {
                        candidates.push((
                            &field.value,
                            Place {
                                table: t,
                                row: field.row,
                                col: field.col,
                                organisation_sheet: true,
                            },
                        ));
                    }
                }
            }
            for &(t, r) in rows {
                if let Some(cell) = self.cell(&headers[t], spec, t, r) {
                    candidates.push(cell);
                }
            }
            for (raw, place) in candidates {
                let Some(text) = self.value_text(spec, raw, &place) else {
                    continue;
                };
                match &first_text {
                    None => {
                        first_text = Some((text.clone(), Some(place.clone())));
                        chosen = Some(Value {
                            text,
                            place: Some(place),
                        });
                    }
                    Some((first, first_place)) if *first != text => {
                        let there = match first_place {
                            Some(p) => self.show(p),
                            None => flag_name(name).to_string(),
                        };
                        let d = self.diagnostic(
                            Code::E002,
                            &place,
                            Message::new("import.differs")
                                .text("column", name)
                                .text("value", text)
                                .text("first", first.clone())
                                .text("there", there),
                        );
                        self.diagnostics.push(d);
                    }
                    Some(_) => {}
                }
            }
            if let Some(value) = chosen {
                match name.strip_prefix("organisation.") {
                    Some(key) => organisation.push((key, value)),
                    None => year = Some(value),
                }
            }
        }
        if !organisation.is_empty() {
            self.push_line("organisation:".into(), None);
            for (key, value) in organisation {
                self.push_line(format!("  {key}: {}", value.text), value.place);
            }
        }
        if let Some(value) = year {
            self.push_line(format!("year: {}", value.text), value.place);
        }
    }

    /// `departments` from the pairs of `department` and `department_name`,
    /// in the order of first use; none when no row names a department's name.
    fn departments(&mut self, headers: &[Header], rows: &[(usize, usize)]) {
        let (Some(id_spec), Some(name_spec)) = (
            self.spec_index("department"),
            self.spec_index(DEPARTMENT_NAME),
        ) else {
            return;
        };
        let mut seen: Vec<(String, String, Place, Place)> = Vec::new();
        for &(t, r) in rows {
            let (Some((id, id_place)), Some((name, name_place))) = (
                self.cell(&headers[t], id_spec, t, r),
                self.cell(&headers[t], name_spec, t, r),
            ) else {
                continue;
            };
            let (Some(id), Some(name)) = (
                self.value_text(id_spec, id, &id_place),
                self.value_text(name_spec, name, &name_place),
            ) else {
                continue;
            };
            match seen.iter().find(|(i, ..)| *i == id) {
                Some((_, first, _, first_place)) if *first != name => {
                    let there = self.show(first_place);
                    let d = self.diagnostic(
                        Code::E002,
                        &name_place,
                        Message::new("import.differs")
                            .text("column", DEPARTMENT_NAME)
                            .text("value", name)
                            .text("first", first.clone())
                            .text("there", there),
                    );
                    self.diagnostics.push(d);
                }
                Some(_) => {}
                None => seen.push((id, name, id_place, name_place)),
            }
        }
        if seen.is_empty() {
            return;
        }
        self.push_line("departments:".into(), None);
        for (id, name, id_place, name_place) in seen {
            self.push_line(format!("  - id: {id}"), Some(id_place));
            self.push_line(format!("    name: {name}"), Some(name_place));
        }
    }

    fn service(&mut self, header: &Header, t: usize, r: usize) {
        let row = &self.tables[t].rows[r];
        let id_spec = self.spec_index("id");
        // The item's own line stands for the row: at its id, else its first cell.
        let item_col = id_spec
            .and_then(|s| header.at[s])
            .or_else(|| {
                row.cells
                    .iter()
                    .position(|c| !c.is_empty())
                    .map(|c| c as u32)
            })
            .unwrap_or(0);
        self.push_line(
            "  -".into(),
            Some(Place {
                table: t,
                row: row.number,
                col: item_col,
                organisation_sheet: false,
            }),
        );
        let mut group: Option<&str> = None;
        for spec in 0..self.specs.len() {
            let name = self.specs[spec].name;
            if self.specs[spec].derived || is_top_level(name) {
                continue;
            }
            let Some((raw, place)) = self.cell(header, spec, t, r) else {
                continue;
            };
            let Some(text) = self.value_text(spec, raw, &place) else {
                continue;
            };
            match name.split_once('.') {
                Some((parent, key)) => {
                    if group != Some(parent) {
                        self.push_line(format!("    {parent}:"), Some(place.clone()));
                        group = Some(parent);
                    }
                    self.push_line(format!("      {key}: {text}"), Some(place));
                }
                None => {
                    group = None;
                    self.push_line(format!("    {name}: {text}"), Some(place));
                }
            }
        }
    }

    /// A cell as YAML for its column, or `None` (and a finding) when the
    /// cell cannot hold a value of the column at all.
    fn value_text(&mut self, spec: usize, raw: &Raw, place: &Place) -> Option<String> {
        let kind = self.specs[spec].kind;
        let dialect = self.tables[place.table].dialect;
        let column = self.specs[spec].name;
        match raw {
            Raw::Empty => None,
            Raw::Error(shown) => {
                let d = self.diagnostic(
                    Code::E002,
                    place,
                    Message::new("import.error_cell")
                        .text("column", column)
                        .text("value", shown.clone()),
                );
                self.diagnostics.push(d);
                None
            }
            Raw::Date {
                year,
                month,
                day,
                time,
            } => {
                if kind != Kind::Date || *time {
                    let d = self
                        .diagnostic(
                            Code::E002,
                            place,
                            Message::new("import.date_cell")
                                .text("column", column)
                                .text("value", format!("{year:04}-{month:02}-{day:02}")),
                        )
                        .help(Message::new("import.date_cell_help"));
                    self.diagnostics.push(d);
                    return None;
                }
                Some(quoted(&format!("{year:04}-{month:02}-{day:02}")))
            }
            Raw::Bool(b) => Some(match kind {
                Kind::Flag => b.to_string(),
                _ => quoted(&b.to_string()),
            }),
            Raw::Number(n) => Some(match kind {
                Kind::Number | Kind::Value => number(*n),
                _ => quoted(&number(*n)),
            }),
            Raw::Text(text) => {
                let text = match dialect {
                    Some(CsvDialect::Excel) => unguard(text),
                    _ => text.as_str(),
                };
                Some(match kind {
                    Kind::Number | Kind::Value => {
                        let trimmed = text.trim();
                        let decimal = match dialect {
                            Some(CsvDialect::Excel) => trimmed.replace(',', "."),
                            _ => trimmed.to_string(),
                        };
                        scalar(kind, &decimal)
                    }
                    _ => scalar(kind, text),
                })
            }
        }
    }

    fn show(&self, place: &Place) -> String {
        let table = &self.tables[place.table];
        cell_place(table, place).show(&table.file, place.row, place.col + 1)
    }

    fn finish(mut self) -> Assembled {
        let checked = pipeline::check_source(Source {
            name: "import".into(),
            text: std::mem::take(&mut self.yaml),
        });
        let mut diagnostics = std::mem::take(&mut self.diagnostics);
        let own_errors = diagnostics.iter().any(Diagnostic::is_error);
        // As for a YAML file: the first thousand of the import's own
        // findings say all there is (a sheet of a million conflicting
        // cells must not print a million lines), and one more counts the rest.
        let cap = MAX_FINDINGS_PER_CODE as usize;
        if diagnostics.len() > cap {
            let hidden = diagnostics.split_off(cap);
            let first = &hidden[0];
            let mut more = first.clone();
            more.message = Message::counted("diagnostic.more_findings", hidden.len() as u64)
                .text("code", first.code.as_str())
                .number("shown", i128::from(MAX_FINDINGS_PER_CODE));
            more.help = Some(Message::new("diagnostic.more_findings_help"));
            diagnostics.push(more);
        }
        for d in &checked.diagnostics {
            diagnostics.push(self.placed(d));
        }
        diagnostics.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                let table = self.tables.iter().position(|t| t.file == d.file);
                (table, d.line, d.column, d.code)
            };
            key(a).cmp(&key(b))
        });
        diagnostics.dedup();
        let inventory = match checked.document {
            Some(Document::Inventory(inventory))
                if !own_errors && !diagnostics.iter().any(Diagnostic::is_error) =>
            {
                Some(inventory)
            }
            _ => None,
        };
        Assembled {
            inventory,
            diagnostics,
        }
    }

    /// A finding of the checked YAML, moved to the cell its line came from
    /// (a line that came from no cell stands for the first file).
    fn placed(&self, d: &Diagnostic) -> Diagnostic {
        let place = (d.line as usize)
            .checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .cloned()
            .flatten();
        let mut out = d.clone();
        match place {
            Some(place) => {
                let table = &self.tables[place.table];
                out.file = table.file.clone();
                out.line = place.row;
                out.column = place.col + 1;
                out.len = 1;
                let mut cell = cell_place(table, &place);
                if let Some((pos, _)) = &d.related {
                    cell.related = (pos.line as usize)
                        .checked_sub(1)
                        .and_then(|i| self.lines.get(i))
                        .cloned()
                        .flatten()
                        .map(|p| self.show(&p));
                }
                out.cell = Some(Box::new(cell));
            }
            None => {
                out.file = self
                    .tables
                    .first()
                    .map_or_else(|| "import".to_string(), |t| t.file.clone());
                out.line = 0;
                out.column = 0;
                out.cell = Some(Box::default());
                // A key no cell gave (the organisation, the year): the
                // files leave it empty, and the command line can give it.
                if d.code == Code::E002 {
                    out.help = Some(Message::new("import.missing_help"));
                }
            }
        }
        out
    }
}

fn cell_place(table: &Table, place: &Place) -> CellPlace {
    let sheet = if place.organisation_sheet {
        &table.organisation_sheet
    } else {
        &table.sheet
    };
    match sheet {
        Some(sheet) => CellPlace {
            sheet: Some(sheet.clone()),
            cell: Some(format!("{}{}", column_letters(place.col), place.row)),
            related: None,
        },
        None => CellPlace::default(),
    }
}

fn flag_name(column: &str) -> &'static str {
    match column {
        "organisation.name" => "--name",
        "organisation.code" => "--code",
        _ => "--year",
    }
}

/// A raw cell as a header's text.
fn shown(raw: &Raw) -> String {
    match raw {
        Raw::Empty => String::new(),
        Raw::Text(text) | Raw::Error(text) => text.clone(),
        Raw::Number(n) => number(*n),
        Raw::Bool(b) => b.to_string(),
        Raw::Date {
            year, month, day, ..
        } => format!("{year:04}-{month:02}-{day:02}"),
    }
}

/// A number cell as YAML: whole numbers without decimals, others in the
/// shortest form that reads back as the same number.
fn number(n: f64) -> String {
    if n.is_finite() && n == n.trunc() && n.abs() < 9.007_199_254_740_992e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Text as a YAML double-quoted scalar (JSON's escapes are YAML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// A text cell as YAML for a column of `kind`. Text is quoted, so that it
/// stays text whatever it looks like; a flag or number is written plain
/// when it is one (else quoted: the reader then says what is wrong with
/// it); a list is a flow sequence of its `|`-separated items.
fn scalar(kind: Kind, text: &str) -> String {
    match kind {
        Kind::Flag => match text.trim().to_lowercase().as_str() {
            // A spreadsheet's own booleans, as Calc and Excel write them in
            // CSV, in English and in Swedish Excel.
            "true" | "sant" => "true".into(),
            "false" | "falskt" => "false".into(),
            _ => quoted(text),
        },
        Kind::Number | Kind::Value => {
            let trimmed = text.trim();
            let plain = !trimmed.is_empty()
                && trimmed
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
                && trimmed.chars().any(|c| c.is_ascii_digit());
            if plain {
                trimmed.to_string()
            } else {
                // A step may be written by its name; anything else is
                // text the reader refuses with its own words.
                yaml::text(trimmed)
            }
        }
        Kind::List => {
            // Items are not trimmed: a space in an organisation's name is
            // its own (the reader keeps it), and the import is lossless.
            let items: Vec<String> = text
                .split(LIST_SEPARATOR)
                .filter(|item| !item.is_empty())
                .map(quoted)
                .collect();
            format!("[{}]", items.join(", "))
        }
        // Plain when YAML reads it back as the same text, so a finding
        // shows the value as the cell has it.
        Kind::Text | Kind::Date => yaml::text(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_heading_names_one_column() {
        let specs = column_specs();
        for (index, spec) in specs.iter().enumerate() {
            assert_eq!(column_of(&specs, spec.name), Some(index), "{}", spec.name);
            for lang in [Lang::En, Lang::Sv] {
                let label = i18n::column_label(spec.name, lang);
                assert_eq!(column_of(&specs, label), Some(index), "{label}");
                assert_eq!(column_of(&specs, &label.to_uppercase()), Some(index));
            }
        }
        // No heading is another column's heading or id.
        let mut seen = std::collections::HashMap::new();
        for (index, spec) in specs.iter().enumerate() {
            for word in [
                heading_key(spec.name),
                heading_key(i18n::column_label(spec.name, Lang::En)),
                heading_key(i18n::column_label(spec.name, Lang::Sv)),
            ] {
                let first = *seen.entry(word.clone()).or_insert(index);
                assert_eq!(first, index, "`{word}` names two columns");
            }
        }
    }

    #[test]
    fn numbers_and_flags_are_plain_only_when_they_are_such() {
        assert_eq!(scalar(Kind::Number, " 1200 "), "1200");
        assert_eq!(scalar(Kind::Number, "145.5"), "145.5");
        assert_eq!(scalar(Kind::Number, "tolv"), "tolv");
        assert_eq!(scalar(Kind::Number, "-"), "\"-\"");
        assert_eq!(scalar(Kind::Flag, "TRUE"), "true");
        assert_eq!(scalar(Kind::Flag, "Falskt"), "false");
        assert_eq!(scalar(Kind::Flag, "ja"), "\"ja\"");
        assert_eq!(scalar(Kind::Text, "1287"), "\"1287\"");
        assert_eq!(scalar(Kind::List, "sv||en |"), "[\"sv\", \"en \"]");
        assert_eq!(number(1200.0), "1200");
        assert_eq!(number(145.5), "145.5");
    }
}
