//! `trappa export`: services (or indicators in long form) for analysts.
//!
//! Files are read, checked and exported one at a time, so memory stays flat
//! in the number of files. Every file is checked even after one fails, so a
//! single run names every failing file; then nothing is written at all.

use super::{Context, print_refusal, trouble};
use crate::exit;
use crate::export::{Exporter, Format, Subject};
use crate::inventory;
use crate::output::csv_dialect::Dialect;
use crate::paths;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Inventory files or directories (searched recursively for *.yaml and *.yml); - reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format [default: csv]
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// CSV for Swedish Excel: ; delimiter, decimal comma, UTF-8 BOM, CRLF, formula-injection guard
    #[arg(long)]
    pub excel: bool,
    /// Export the indicators in long form (kpi,municipality,period,department,value) instead of services
    #[arg(long)]
    pub indicators: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Json,
    #[value(name = "cpsv-ap")]
    CpsvAp,
}

pub(super) fn run(args: &ExportArgs, context: &Context) -> i32 {
    let format = match (args.format, args.excel) {
        (ExportFormat::Csv, excel) => Format::Csv(Dialect::from_excel_flag(excel)),
        (ExportFormat::CpsvAp, _) => return trouble("--format cpsv-ap is not in this build"),
        (_, true) => {
            return trouble("--excel shapes CSV for Swedish Excel; it goes with --format csv only");
        }
        (ExportFormat::Xlsx, false) => Format::Xlsx,
        (ExportFormat::Json, false) => Format::Json,
    };
    let subject = if args.indicators {
        Subject::Indicators
    } else {
        Subject::Services
    };
    let mut exporter = match Exporter::new(subject, format, context.lang) {
        Ok(e) => Some(e),
        Err(message) => return trouble(&message),
    };

    let expanded = paths::expand(&args.paths);
    let mut problems = expanded.problems;
    let mut refused = 0usize;
    for path in &expanded.files {
        let checked = match inventory::check_path(path) {
            Ok(checked) => checked,
            Err(message) => {
                problems.push(message);
                continue;
            }
        };
        if checked.is_targets() && !checked.has_errors() {
            // A targets file in a searched directory is not an inventory to
            // export; named on the command line, it is a mistake.
            if args.paths.contains(path) {
                problems.push(format!(
                    "{} is a targets file (trappa-targets); export reads inventories",
                    checked.source.name
                ));
            } else {
                eprintln!(
                    "trappa: note: skipped {}: a targets file, not an inventory",
                    checked.source.name
                );
            }
            continue;
        }
        let Some(inventory) = checked.valid_inventory() else {
            print_refusal(&checked, context);
            refused += 1;
            // Nothing will be written: stop building, keep checking.
            exporter = None;
            continue;
        };
        if let Some(e) = exporter.as_mut()
            && let Err(message) = e.add(inventory)
        {
            return trouble(&message);
        }
    }
    for problem in &problems {
        eprintln!("trappa: error: {problem}");
    }
    if !problems.is_empty() {
        return exit::TROUBLE;
    }
    if refused > 0 {
        eprintln!(
            "trappa: error: nothing written: {refused} file{} with errors",
            if refused == 1 { "" } else { "s" }
        );
        return exit::FINDINGS;
    }
    match exporter.map(Exporter::finish) {
        Some(Ok(bytes)) => context.deliver_bytes(&bytes),
        Some(Err(message)) => trouble(&message),
        None => exit::FINDINGS,
    }
}
