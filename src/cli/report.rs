//! `trappa report`: the e-council's yearly follow-up of one inventory.

use super::{Context, trouble, valid_inventory, valid_targets};
use crate::exit;
use crate::inventory::Checked;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The inventory of the year to report; - reads standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Last year's inventory of the same organisation: adds previous values, changes and trends
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// A targets file (trappa-targets: 1): adds each target's status
    #[arg(long, value_name = "FILE")]
    pub targets: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Markdown,
    Json,
    /// One self-contained page (inline CSS and SVG, no script) for the e-council
    Html,
}

pub(super) fn run(args: &ReportArgs, context: &Context) -> i32 {
    use crate::report::{self, Refusal};
    let from_stdin = [
        Some(&args.file),
        args.previous.as_ref(),
        args.targets.as_ref(),
    ]
    .into_iter()
    .flatten()
    .filter(|p| p.as_os_str() == "-")
    .count();
    if from_stdin > 1 {
        return trouble("`-` is given twice; standard input can be read only once");
    }
    let current = match valid_inventory(&args.file, context) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let previous = match &args.previous {
        Some(path) => match valid_inventory(path, context) {
            Ok(c) => Some(c),
            Err(code) => return code,
        },
        None => None,
    };
    let targets = match &args.targets {
        Some(path) => match valid_targets(path, context) {
            Ok(c) => Some(c),
            Err(code) => return code,
        },
        None => None,
    };
    let (Some(inventory), previous_inventory, targets_file) = (
        current.valid_inventory(),
        previous.as_ref().and_then(Checked::valid_inventory),
        targets.as_ref().and_then(Checked::valid_targets),
    ) else {
        return exit::FINDINGS;
    };
    let built = match report::build(inventory, previous_inventory, targets_file) {
        Ok(r) => r,
        Err(Refusal::Previous(message)) => {
            return trouble(&format!(
                "--previous {}: {message}",
                previous.map(|p| p.source.name).unwrap_or_default()
            ));
        }
        Err(Refusal::Target(message)) => {
            eprintln!(
                "trappa: error: {}: {message}",
                targets.map(|t| t.source.name).unwrap_or_default()
            );
            return exit::FINDINGS;
        }
    };
    let text = match args.format {
        ReportFormat::Table => {
            report::table::render(&built, context.lang, context.layout, context.color)
        }
        ReportFormat::Markdown => report::markdown::render(&built, context.lang),
        ReportFormat::Json => report::json::render(&built),
        ReportFormat::Html => report::html::render(&built, context.lang),
    };
    context.deliver(&text)
}
