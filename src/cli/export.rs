//! `trappa export`: services (or indicators in long form) for analysts.
//!
//! Every file is checked even after one fails, so a single run names every
//! failing file; then nothing is written at all. Rows are made on the
//! worker threads and written in input order into a temporary file beside
//! the output, so memory stays flat in the number of files.

use super::Context;
use super::failure::Failure;
use super::input::{self, Purpose, Together};
use super::output::Spool;
use crate::diagnostic::Message;
use crate::export::cpsv;
use crate::inventory::model::Inventory;
use crate::render::csv::Dialect;
use crate::render::export::{Exporter, Format, Subject};
use crate::render::text::Layout;
use clap::{Args, ValueEnum};
use std::io::BufWriter;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Inventory files or directories (searched recursively for *.yaml and *.yml); - reads standard input
    #[arg(required_unless_present = "template", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// CSV for Swedish Excel: ; delimiter, decimal comma, UTF-8 BOM, CRLF, formula-injection guard
    #[arg(long)]
    pub excel: bool,
    /// Export the indicators in long form (kpi,municipality,period,department,value) instead of services
    #[arg(long)]
    pub indicators: bool,
    /// With --format cpsv-ap: the base every minted IRI starts with (http or https)
    #[arg(long, value_name = "URL", default_value = crate::export::cpsv::DEFAULT_BASE)]
    pub base_iri: String,
    /// A workbook to fill in (with --format xlsx): export's columns with drop-down lists, pre-filled from the one INVENTORY when given
    #[arg(long)]
    pub template: bool,
    /// With --template: only the services of this department (an id of the inventory's departments)
    #[arg(long, value_name = "ID", requires = "template")]
    pub department: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Json,
    #[value(name = "cpsv-ap")]
    CpsvAp,
}

const PURPOSE: Purpose = Purpose {
    command: "export",
    done: "refusal.nothing_written",
    together: Together::OnePerOrganisationAndYear,
};

/// The flags' usage errors (exit 2), before any file is read.
fn usage(args: &ExportArgs, context: &Context) -> Result<(), Failure> {
    if args.base_iri != cpsv::DEFAULT_BASE && args.format != ExportFormat::CpsvAp {
        return Err(Failure::trouble(Message::new("usage.base_iri_format")));
    }
    // An IRI has no spaces and none of `<>"{}|\^` and backtick (RFC 3987):
    // with them the JSON-LD would hold IRIs no reader accepts.
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c);
    if !crate::inventory::model::is_http_url(&args.base_iri) || args.base_iri.contains(forbidden) {
        return Err(Failure::trouble(
            Message::new("usage.base_iri_url").text("iri", args.base_iri.clone()),
        ));
    }
    if args.excel && args.format != ExportFormat::Csv {
        return Err(Failure::trouble(Message::new("usage.excel_export")));
    }
    // A workbook is a zip: written to a terminal it is noise that can
    // upset the terminal. A pipe or -o gets it.
    if args.format == ExportFormat::Xlsx && matches!(context.layout, Layout::Terminal { .. }) {
        return Err(Failure::trouble(Message::new("usage.xlsx_terminal")));
    }
    if args.format == ExportFormat::CpsvAp && args.indicators {
        return Err(Failure::trouble(Message::new("usage.cpsv_indicators")));
    }
    Ok(())
}

pub(super) fn run(args: &ExportArgs, context: &Context) -> Result<(), Failure> {
    usage(args, context)?;
    if args.template {
        return run_template(args, context);
    }
    if args.format == ExportFormat::CpsvAp {
        return run_cpsv(args, context);
    }
    // Tables stream into a temporary file beside the output (or for standard
    // output, in the temp directory), so memory does not grow with the
    // export and a refused run prints and leaves nothing.
    let spool = Spool::create(context.output.as_deref()).map_err(Failure::trouble)?;
    let subject = if args.indicators {
        Subject::Indicators
    } else {
        Subject::Services
    };
    let format = match args.format {
        ExportFormat::Csv => Format::Csv(Dialect::from_excel_flag(args.excel)),
        ExportFormat::Xlsx => Format::Xlsx,
        ExportFormat::Json | ExportFormat::CpsvAp => Format::Json,
    };
    let out = Box::new(BufWriter::new(spool.writer().map_err(Failure::trouble)?));
    let mut exporter =
        Exporter::new(subject, format, context.lang, out).map_err(Failure::trouble)?;
    let rows = exporter.rows();
    input::each_inventory(
        &args.paths,
        context,
        PURPOSE,
        |_, inventory| rows.of(&inventory),
        |rows| exporter.push(rows).map_err(Failure::trouble),
    )?;
    exporter
        .finish()
        .and_then(|()| spool.deliver())
        .map_err(Failure::trouble)
}

/// The fill-in workbook: from nothing, or from one inventory (last year's
/// values to update), all of it or one department's services.
fn run_template(args: &ExportArgs, context: &Context) -> Result<(), Failure> {
    if args.format != ExportFormat::Xlsx {
        return Err(Failure::trouble(Message::new("import.template.needs_xlsx")));
    }
    if args.indicators || args.paths.len() > 1 {
        return Err(Failure::trouble(Message::new(
            "import.template.one_inventory",
        )));
    }
    let checked = match args.paths.first() {
        Some(path) => Some(input::one_inventory(path, context)?),
        None => None,
    };
    let inventory = checked.as_ref().and_then(|c| c.valid_inventory());
    if let Some(department) = &args.department {
        let known = inventory
            .and_then(|i| i.departments.as_ref())
            .is_some_and(|list| list.iter().any(|d| &d.id == department));
        if !known {
            return Err(Failure::trouble(
                Message::new("import.template.unknown_department")
                    .text("department", department.clone()),
            ));
        }
    }
    let bytes =
        crate::render::template::template(inventory, args.department.as_deref(), context.lang)
            .map_err(Failure::trouble)?;
    context.deliver_bytes(&bytes)
}

/// CPSV-AP: the graph is written whole at the end, or refused whole
/// (CPSV-AP requires every service's description).
fn run_cpsv(args: &ExportArgs, context: &Context) -> Result<(), Failure> {
    let mut writer = cpsv::Writer::new(&args.base_iri);
    input::each_inventory(
        &args.paths,
        context,
        PURPOSE,
        |file, inventory| (file.to_string(), inventory),
        |(file, inventory): (String, Inventory)| {
            // The writer keeps the text of the graph; the inventory is dropped.
            writer.add(&file, &inventory);
            Ok(())
        },
    )?;
    match writer.finish() {
        Ok(text) => context.deliver(&text),
        // Services without a description (CPSV-AP requires one) are
        // findings in the input, like check's: exit 1, nothing written.
        Err(problems) => {
            let mut lines: Vec<Message> = problems.iter().map(cpsv::Problem::message).collect();
            lines.push(Message::counted(
                "refusal.cpsv_nothing_written",
                problems.len() as u64,
            ));
            Err(Failure::Refused(lines))
        }
    }
}
