//! `trappa compare`: one row per organisation and year, ranked.
//!
//! Each inventory is turned into its small row on the worker threads and
//! dropped there, so hundreds of inventories never sit in memory at once;
//! only the rows are kept, because ranking needs them all.

use super::Context;
use super::failure::Failure;
use super::input::{self, Purpose, Together};
use crate::compare::{self, Row};
use crate::diagnostic::Message;
use crate::render::compare as render;
use crate::render::csv::Dialect;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Inventory files or directories (searched recursively for *.yaml and *.yml); - reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
    /// With --format csv: CSV for Swedish Excel (; delimiter, decimal comma, UTF-8 BOM, CRLF)
    #[arg(long)]
    pub excel: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Table,
    Csv,
    Json,
    Markdown,
}

const PURPOSE: Purpose = Purpose {
    command: "compare",
    done: "refusal.nothing_compared",
    together: Together::OnePerOrganisationAndYear,
};

pub(super) fn run(args: &CompareArgs, context: &Context) -> Result<(), Failure> {
    if args.excel && args.format != CompareFormat::Csv {
        return Err(Failure::trouble(Message::new("usage.excel_csv_only")));
    }
    let mut rows: Vec<Row> = Vec::new();
    input::each_inventory(
        &args.paths,
        context,
        PURPOSE,
        |file, inventory| Row::of(file, &inventory),
        |row| {
            rows.push(row);
            Ok(())
        },
    )?;
    let rows = compare::finish(rows);
    let text = match args.format {
        CompareFormat::Table => render::table(&rows, context.lang, context.layout),
        CompareFormat::Markdown => render::markdown(&rows, context.lang),
        CompareFormat::Json => render::json(&rows),
        CompareFormat::Csv => {
            let bytes = render::csv(&rows, Dialect::from_excel_flag(args.excel))
                .map_err(Failure::trouble)?;
            return context.deliver_bytes(&bytes);
        }
    };
    context.deliver(&text)
}
