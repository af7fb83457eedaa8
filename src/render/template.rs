//! `export --template`: a workbook made for filling in, which `import`
//! reads back. The services sheet has export's columns in export's order:
//! a hidden first row with the column ids (what `import` reads as the
//! header), a second row with the headings in the run's language, each
//! with an input message saying what the column means, and a drop-down
//! list (data validation) on every column whose values are a closed set.
//! Beside it: the organisation, its departments, and instructions with
//! the ladder's four steps and how evidence decides them.
//!
//! The headings and their messages are the catalogue's
//! (`import.column.<id>.label`/`.help`; the English help is the schema's
//! description, held equal by a test); the drop-down lists are the
//! vocabularies of the model.

use super::workbook::{self, SheetId, Style, Validation, Workbook, WriteError};
use crate::classified::classify_inventory;
use crate::diagnostic::Message;
use crate::export::columns::{self, Cell, Kind, LIST_SEPARATOR, ServiceRow};
use crate::i18n::{self, Lang};
use crate::inventory::Step;
use crate::inventory::model::*;

/// Rows left for new services below those of the inventory, each with the
/// drop-down lists.
pub const BLANK_ROWS: u32 = 500;
/// The first row of services (0-based): below the ids and the headings.
pub const FIRST_DATA_ROW: u32 = 2;
/// Excel's limits on an input message (characters) and its title.
const INPUT_MESSAGE_LIMIT: usize = 255;
const INPUT_TITLE_LIMIT: usize = 32;

fn xlsx_error(e: WriteError) -> Message {
    workbook::message(e)
}

/// The sheet names in a language; `import` finds the services sheet by
/// them (or by `services`).
pub fn services_sheet(lang: Lang) -> &'static str {
    i18n::text(lang, "import.template.services_sheet")
}

/// The values a column's drop-down offers, when they are a closed set.
pub fn choices(column: &str, inventory: Option<&Inventory>) -> Option<Vec<String>> {
    fn all<V: Vocabulary>() -> Option<Vec<String>> {
        Some(V::ALL.iter().map(|v| v.as_str().to_string()).collect())
    }
    match column {
        "organisation.kind" => all::<OrganisationKind>(),
        "status" => all::<Status>(),
        "audience" => all::<Audience>(),
        "evidence.interactive" => all::<Interactive>(),
        "evidence.submission" => all::<Submission>(),
        "evidence.login" => all::<Login>(),
        "evidence.signing" => all::<Signing>(),
        "evidence.case_tracking" => all::<CaseTracking>(),
        "evidence.decision" => all::<Decision>(),
        "evidence.payment" => all::<Payment>(),
        "evidence.prefill" => all::<Prefill>(),
        "access.hours" => all::<Hours>(),
        "access.mobile" => all::<Mobile>(),
        "access.conformance" => all::<Conformance>(),
        "access.protected_identity" => all::<ProtectedIdentity>(),
        "declared_step" | "target_step" => {
            Some(Step::ALL.iter().map(|s| s.number().to_string()).collect())
        }
        "department" => {
            let departments = inventory?.departments.as_ref()?;
            Some(departments.iter().map(|d| d.id.clone()).collect())
        }
        _ => None,
    }
}

/// A column that takes several values (`a|b`): its drop-down offers one,
/// and warns rather than stops when a cell holds more.
fn is_multiple(kind: Kind) -> bool {
    kind == Kind::List
}

/// The workbook's bytes. `department` keeps only that department's
/// services (it must be one of the inventory's).
pub fn template(
    inventory: Option<&Inventory>,
    department: Option<&str>,
    lang: Lang,
) -> Result<Vec<u8>, Message> {
    let mut workbook = Workbook::new("trappa template");
    services(&mut workbook, inventory, department, lang).map_err(xlsx_error)?;
    organisation(&mut workbook, inventory, lang).map_err(xlsx_error)?;
    departments(&mut workbook, inventory, lang).map_err(xlsx_error)?;
    instructions(&mut workbook, lang).map_err(xlsx_error)?;
    // A fixed creation date (1 January of the inventory's year) instead of
    // "now": the same inventory gives the same bytes.
    workbook.set_created_year(inventory.map_or(2000, |i| i.year));
    let mut bytes = Vec::new();
    workbook.finish(&mut bytes).map_err(xlsx_error)?;
    Ok(bytes)
}

/// A text cut to `limit` characters at a space, with "…", for Excel's
/// limits on input messages.
fn fit(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit - 1).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// What a column means, in the language: the catalogue's help, or for a
/// column trappa works out, that it is not read back.
pub fn column_help(column: &columns::Column<ServiceRow>, lang: Lang) -> &'static str {
    if column.name == columns::DEPARTMENT_NAME {
        i18n::text(lang, "import.template.department_name_help")
    } else if column.derived {
        i18n::text(lang, "import.template.derived_help")
    } else {
        i18n::text(lang, &format!("import.column.{}.help", column.name))
    }
}

fn services(
    workbook: &mut Workbook,
    inventory: Option<&Inventory>,
    department: Option<&str>,
    lang: Lang,
) -> Result<(), WriteError> {
    let columns = columns::services();
    let sheet = workbook.add_sheet(services_sheet(lang))?;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    if let Some(inventory) = inventory {
        let classified = classify_inventory(inventory);
        let names = columns::department_names(inventory);
        let row_columns = columns::services();
        for c in classified
            .iter()
            .filter(|c| department.is_none() || c.service.department.as_deref() == department)
        {
            let row = ServiceRow {
                inventory,
                classified: c,
                departments: &names,
                lang,
            };
            rows.push(columns::cells(&row_columns, &row));
        }
    }
    let last_row = FIRST_DATA_ROW + rows.len() as u32 + BLANK_ROWS - 1;
    // The ids are for programs: hidden, and the headings stay in view.
    workbook.freeze_rows(sheet, FIRST_DATA_ROW);
    workbook.start_row(sheet, true)?;
    for (index, column) in columns.iter().enumerate() {
        workbook.text(sheet, col_number(index)?, column.name, Style::Plain)?;
    }
    workbook.start_row(sheet, false)?;
    for (index, column) in columns.iter().enumerate() {
        let col = col_number(index)?;
        let label = i18n::column_label(column.name, lang);
        let heading = if column.derived && column.name != columns::DEPARTMENT_NAME {
            Style::DerivedHeading
        } else {
            Style::Heading
        };
        workbook.text(sheet, col, label, heading)?;
        let width = label.chars().count().clamp(12, 40) as f64 + 2.0;
        workbook.set_width(sheet, col, width);
        let title = fit(label, INPUT_TITLE_LIMIT);
        let message = fit(column_help(column, lang), INPUT_MESSAGE_LIMIT);
        workbook.add_validation(
            sheet,
            Validation {
                first_row: 1,
                last_row: 1,
                col,
                list: None,
                warn_only: false,
                title: title.clone(),
                message: message.clone(),
            },
        );
        if column.derived {
            continue;
        }
        let (list, warn_only) = match (choices(column.name, inventory), column.kind) {
            (Some(values), kind) => (Some(values), is_multiple(kind)),
            (None, Kind::Flag) => (Some(vec!["true".to_string(), "false".to_string()]), false),
            (None, _) => (None, false),
        };
        workbook.add_validation(
            sheet,
            Validation {
                first_row: FIRST_DATA_ROW,
                last_row,
                col,
                list,
                warn_only,
                title,
                message,
            },
        );
    }
    for cells in &rows {
        workbook.start_row(sheet, false)?;
        for (index, cell) in cells.iter().enumerate() {
            write_cell(workbook, sheet, col_number(index)?, cell)?;
        }
    }
    Ok(())
}

fn col_number(index: usize) -> Result<u16, WriteError> {
    u16::try_from(index).map_err(|_| WriteError::TooLarge)
}

/// One value as a person edits it: flags as the words the drop-down
/// offers (`true`, `false`), lists joined with `|`.
fn write_cell(
    workbook: &mut Workbook,
    sheet: SheetId,
    col: u16,
    cell: &Cell,
) -> Result<(), WriteError> {
    match cell {
        Cell::Missing => Ok(()),
        Cell::Text(text) => workbook.text(sheet, col, text, Style::Plain),
        Cell::List(items) => workbook.text(sheet, col, &items.join(LIST_SEPARATOR), Style::Plain),
        Cell::Flag(flag) => workbook.text(
            sheet,
            col,
            if *flag { "true" } else { "false" },
            Style::Plain,
        ),
        Cell::Count(n) if *n <= 1 << 53 => workbook.count(sheet, col, *n).map(drop),
        Cell::Count(n) => workbook.text(sheet, col, &n.to_string(), Style::Plain),
        Cell::Number(n) | Cell::Share(n) => workbook.number(sheet, col, *n, Style::Plain).map(drop),
        Cell::Date(text) => match workbook::date_serial(text) {
            Some(serial) => workbook.number(sheet, col, serial, Style::Date).map(drop),
            None => workbook.text(sheet, col, text, Style::Plain),
        },
    }
}

fn organisation(
    workbook: &mut Workbook,
    inventory: Option<&Inventory>,
    lang: Lang,
) -> Result<(), WriteError> {
    let sheet = workbook.add_sheet(i18n::text(lang, "import.template.organisation_sheet"))?;
    let organisation = inventory.map(|i| &i.organisation);
    let fields: [(&str, Option<String>); 4] = [
        ("organisation.name", organisation.map(|o| o.name.clone())),
        (
            "organisation.code",
            organisation.and_then(|o| o.code.clone()),
        ),
        (
            "organisation.kind",
            organisation.map(|o| o.kind.as_str().to_string()),
        ),
        ("year", inventory.map(|i| i.year.to_string())),
    ];
    workbook.set_width(sheet, 0, 28.0);
    workbook.set_width(sheet, 1, 40.0);
    for (column, value) in &fields {
        workbook.start_row(sheet, false)?;
        workbook.text(sheet, 0, i18n::column_label(column, lang), Style::Bold)?;
        if let Some(value) = value {
            workbook.text(sheet, 1, value, Style::Plain)?;
        }
    }
    Ok(())
}

fn departments(
    workbook: &mut Workbook,
    inventory: Option<&Inventory>,
    lang: Lang,
) -> Result<(), WriteError> {
    let sheet = workbook.add_sheet(i18n::text(lang, "import.template.departments_sheet"))?;
    workbook.start_row(sheet, false)?;
    for (col, column) in ["department", columns::DEPARTMENT_NAME].iter().enumerate() {
        let col = col as u16;
        workbook.text(sheet, col, i18n::column_label(column, lang), Style::Bold)?;
        workbook.set_width(sheet, col, 36.0);
    }
    let listed = inventory.and_then(|i| i.departments.as_ref());
    for department in listed.into_iter().flatten() {
        workbook.start_row(sheet, false)?;
        workbook.text(sheet, 0, &department.id, Style::Plain)?;
        workbook.text(sheet, 1, &department.name, Style::Plain)?;
    }
    Ok(())
}

fn instructions(workbook: &mut Workbook, lang: Lang) -> Result<(), WriteError> {
    let sheet = workbook.add_sheet(i18n::text(lang, "import.template.instructions_sheet"))?;
    workbook.set_width(sheet, 0, 110.0);
    let line = |workbook: &mut Workbook, text: &str, style: Style| -> Result<(), WriteError> {
        workbook.start_row(sheet, false)?;
        if !text.is_empty() {
            workbook.text(sheet, 0, text, style)?;
        }
        Ok(())
    };
    line(
        workbook,
        i18n::text(lang, "import.template.title"),
        Style::Bold,
    )?;
    for key in [
        "import.template.one_row",
        "import.template.lists",
        "import.template.choices",
        "import.template.ids_row",
        "import.template.derived",
        "import.template.send_back",
    ] {
        line(workbook, i18n::text(lang, key), Style::Wrap)?;
    }
    line(workbook, "", Style::Wrap)?;
    line(
        workbook,
        i18n::text(lang, "import.template.ladder"),
        Style::Bold,
    )?;
    for step in Step::ALL {
        let title = format!(
            "{} {}: {}",
            step.number(),
            i18n::step_text(step, "name", lang),
            i18n::step_text(step, "definition", lang)
        );
        line(workbook, &title, Style::Wrap)?;
        line(workbook, i18n::step_text(step, "rule", lang), Style::Wrap)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_cut_at_a_space() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("one two three", 10), "one two…");
    }

    #[test]
    fn every_enumerated_column_has_its_words_and_fits_a_drop_down() {
        for column in columns::services() {
            if let Some(values) = choices(column.name, None) {
                assert!(!values.is_empty(), "{}", column.name);
                // Excel's limit on a list written into the validation.
                assert!(values.join(",").len() <= 255, "{}", column.name);
            }
        }
    }
}
