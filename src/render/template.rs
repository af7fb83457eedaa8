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

use crate::classified::classify_inventory;
use crate::diagnostic::Message;
use crate::export::columns::{self, Cell, Kind, LIST_SEPARATOR, ServiceRow};
use crate::i18n::{self, Lang};
use crate::inventory::Step;
use crate::inventory::model::*;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    Workbook, Worksheet, XlsxError,
};

/// Rows left for new services below those of the inventory, each with the
/// drop-down lists.
pub const BLANK_ROWS: u32 = 500;
/// The first row of services (0-based): below the ids and the headings.
pub const FIRST_DATA_ROW: u32 = 2;
/// Excel's limits on an input message (characters) and its title.
const INPUT_MESSAGE_LIMIT: usize = 255;
const INPUT_TITLE_LIMIT: usize = 32;

fn xlsx_error(e: XlsxError) -> Message {
    super::failure("xlsx", e)
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
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    services(&mut workbook, inventory, department, lang, &formats)?;
    organisation(&mut workbook, inventory, lang, &formats)?;
    departments(&mut workbook, inventory, lang, &formats)?;
    instructions(&mut workbook, lang, &formats)?;
    // A fixed creation date (1 January of the inventory's year) instead of
    // "now": the same inventory gives the same bytes.
    let year = inventory.map_or(2000, |i| i.year).clamp(1900, 9999) as u16;
    let created = ExcelDateTime::from_ymd(year, 1, 1).map_err(xlsx_error)?;
    let properties = DocProperties::new()
        .set_creation_datetime(&created)
        .set_title("trappa template");
    workbook.set_properties(&properties);
    workbook.save_to_buffer().map_err(xlsx_error)
}

struct Formats {
    heading: Format,
    derived_heading: Format,
    date: Format,
    bold: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            heading: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7)),
            // What trappa works out is grey: it is not read back.
            derived_heading: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9D9D9)),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            bold: Format::new().set_bold(),
            wrap: Format::new().set_text_wrap(),
        }
    }
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
    formats: &Formats,
) -> Result<(), Message> {
    let columns = columns::services();
    let sheet = workbook.add_worksheet();
    sheet.set_name(services_sheet(lang)).map_err(xlsx_error)?;
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
    for (index, column) in columns.iter().enumerate() {
        let col = u16::try_from(index).map_err(|_| xlsx_error(XlsxError::RowColumnLimitError))?;
        let label = i18n::column_label(column.name, lang);
        sheet
            .write_string(0, col, column.name)
            .map_err(xlsx_error)?;
        let heading = if column.derived && column.name != columns::DEPARTMENT_NAME {
            &formats.derived_heading
        } else {
            &formats.heading
        };
        sheet
            .write_string_with_format(1, col, label, heading)
            .map_err(xlsx_error)?;
        let width = label.chars().count().clamp(12, 40) as f64 + 2.0;
        sheet.set_column_width(col, width).map_err(xlsx_error)?;
        let message = |validation: DataValidation| -> Result<DataValidation, XlsxError> {
            validation
                .set_input_title(fit(label, INPUT_TITLE_LIMIT))?
                .set_input_message(fit(column_help(column, lang), INPUT_MESSAGE_LIMIT))
        };
        let header = message(DataValidation::new().allow_any_value()).map_err(xlsx_error)?;
        sheet
            .add_data_validation(1, col, 1, col, &header)
            .map_err(xlsx_error)?;
        let mut validation = match (choices(column.name, inventory), column.kind) {
            (_, _) if column.derived => None,
            (Some(values), kind) => {
                let mut v = DataValidation::new()
                    .allow_list_strings(&values)
                    .map_err(xlsx_error)?;
                if is_multiple(kind) {
                    v = v.set_error_style(DataValidationErrorStyle::Warning);
                }
                Some(v)
            }
            (None, Kind::Flag) => Some(
                DataValidation::new()
                    .allow_list_strings(&["true", "false"])
                    .map_err(xlsx_error)?,
            ),
            (None, _) => None,
        };
        if validation.is_none() && !column.derived {
            validation = Some(DataValidation::new().allow_any_value());
        }
        if let Some(v) = validation {
            let v = message(v).map_err(xlsx_error)?;
            sheet
                .add_data_validation(FIRST_DATA_ROW, col, last_row, col, &v)
                .map_err(xlsx_error)?;
        }
    }
    // The ids are for programs: hidden, and the headings stay in view.
    sheet.set_row_hidden(0).map_err(xlsx_error)?;
    sheet.set_freeze_panes(2, 0).map_err(xlsx_error)?;
    for (offset, cells) in rows.iter().enumerate() {
        let row = FIRST_DATA_ROW + offset as u32;
        for (index, cell) in cells.iter().enumerate() {
            write_cell(sheet, row, index as u16, cell, formats).map_err(xlsx_error)?;
        }
    }
    Ok(())
}

/// One value as a person edits it: flags as the words the drop-down
/// offers (`true`, `false`), lists joined with `|`.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Missing => {}
        Cell::Text(text) => {
            sheet.write_string(row, col, text)?;
        }
        Cell::List(items) => {
            sheet.write_string(row, col, items.join(LIST_SEPARATOR))?;
        }
        Cell::Flag(flag) => {
            sheet.write_string(row, col, if *flag { "true" } else { "false" })?;
        }
        Cell::Count(n) => {
            if *n <= 1 << 53 {
                sheet.write_number(row, col, *n as f64)?;
            } else {
                sheet.write_string(row, col, n.to_string())?;
            }
        }
        Cell::Number(n) | Cell::Share(n) => {
            sheet.write_number(row, col, *n)?;
        }
        Cell::Date(text) => match ExcelDateTime::parse_from_str(text) {
            Ok(date) => {
                sheet.write_datetime_with_format(row, col, &date, &formats.date)?;
            }
            Err(_) => {
                sheet.write_string(row, col, text)?;
            }
        },
    }
    Ok(())
}

fn organisation(
    workbook: &mut Workbook,
    inventory: Option<&Inventory>,
    lang: Lang,
    formats: &Formats,
) -> Result<(), Message> {
    let sheet = workbook.add_worksheet();
    sheet
        .set_name(i18n::text(lang, "import.template.organisation_sheet"))
        .map_err(xlsx_error)?;
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
    sheet.set_column_width(0, 28).map_err(xlsx_error)?;
    sheet.set_column_width(1, 40).map_err(xlsx_error)?;
    for (row, (column, value)) in fields.iter().enumerate() {
        let row = row as u32;
        sheet
            .write_string_with_format(row, 0, i18n::column_label(column, lang), &formats.bold)
            .map_err(xlsx_error)?;
        if let Some(value) = value {
            sheet.write_string(row, 1, value).map_err(xlsx_error)?;
        }
    }
    Ok(())
}

fn departments(
    workbook: &mut Workbook,
    inventory: Option<&Inventory>,
    lang: Lang,
    formats: &Formats,
) -> Result<(), Message> {
    let sheet = workbook.add_worksheet();
    sheet
        .set_name(i18n::text(lang, "import.template.departments_sheet"))
        .map_err(xlsx_error)?;
    for (col, column) in ["department", columns::DEPARTMENT_NAME].iter().enumerate() {
        sheet
            .write_string_with_format(
                0,
                col as u16,
                i18n::column_label(column, lang),
                &formats.bold,
            )
            .map_err(xlsx_error)?;
        sheet.set_column_width(col as u16, 36).map_err(xlsx_error)?;
    }
    let listed = inventory.and_then(|i| i.departments.as_ref());
    for (row, department) in listed.into_iter().flatten().enumerate() {
        let row = row as u32 + 1;
        sheet
            .write_string(row, 0, &department.id)
            .map_err(xlsx_error)?;
        sheet
            .write_string(row, 1, &department.name)
            .map_err(xlsx_error)?;
    }
    Ok(())
}

fn instructions(workbook: &mut Workbook, lang: Lang, formats: &Formats) -> Result<(), Message> {
    let sheet = workbook.add_worksheet();
    sheet
        .set_name(i18n::text(lang, "import.template.instructions_sheet"))
        .map_err(xlsx_error)?;
    sheet.set_column_width(0, 110).map_err(xlsx_error)?;
    let mut row = 0u32;
    let mut line = |sheet: &mut Worksheet, text: &str, format: &Format| -> Result<(), Message> {
        sheet
            .write_string_with_format(row, 0, text, format)
            .map_err(xlsx_error)?;
        row += 1;
        Ok(())
    };
    line(
        sheet,
        i18n::text(lang, "import.template.title"),
        &formats.bold,
    )?;
    for key in [
        "import.template.one_row",
        "import.template.lists",
        "import.template.choices",
        "import.template.ids_row",
        "import.template.derived",
        "import.template.send_back",
    ] {
        line(sheet, i18n::text(lang, key), &formats.wrap)?;
    }
    line(sheet, "", &formats.wrap)?;
    line(
        sheet,
        i18n::text(lang, "import.template.ladder"),
        &formats.bold,
    )?;
    for step in Step::ALL {
        let title = format!(
            "{} {}: {}",
            step.number(),
            i18n::step_text(step, "name", lang),
            i18n::step_text(step, "definition", lang)
        );
        line(sheet, &title, &formats.wrap)?;
        line(sheet, i18n::step_text(step, "rule", lang), &formats.wrap)?;
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
