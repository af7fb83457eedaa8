//! `trappa export`: services (or indicators in long form) for analysts.

use super::{Context, trouble};
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

pub(super) fn run(_args: &ExportArgs, _context: &Context) -> i32 {
    trouble("SKELETON: export is being built")
}
