//! `trappa compare`: one row per organisation and year, ranked.
//!
//! Streams: each file is read, checked and turned into a small row before
//! the next is read, so hundreds of inventories never sit in memory at once.

use super::{Context, print_refusal, trouble};
use crate::compare::{self, Row, render};
use crate::exit;
use crate::inventory;
use crate::output::csv_dialect::Dialect;
use crate::paths;
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

pub(super) fn run(args: &CompareArgs, context: &Context) -> i32 {
    if args.excel && args.format != CompareFormat::Csv {
        return trouble("--excel applies only to --format csv");
    }
    let expanded = paths::expand(&args.paths);
    if !expanded.problems.is_empty() {
        for problem in &expanded.problems {
            eprintln!("trappa: error: {problem}");
        }
        return exit::TROUBLE;
    }

    let mut rows: Vec<Row> = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    let mut unreadable = false;
    for path in &expanded.files {
        let checked = match inventory::check_path(path) {
            Ok(checked) => checked,
            Err(message) => {
                eprintln!("trappa: error: {message}");
                unreadable = true;
                continue;
            }
        };
        if checked.is_targets() {
            // A targets file found in a searched directory (examples/ keeps
            // one beside its inventories) is not an inventory: skip it. One
            // named on the command line is a mistake worth stopping for.
            if args.paths.contains(path) {
                eprintln!(
                    "trappa: error: {} is a targets file (trappa-targets); compare reads inventories",
                    checked.source.name
                );
                unreadable = true;
            }
            continue;
        }
        match checked.valid_inventory() {
            Some(inventory) => rows.push(Row::of(&checked.source.name, inventory)),
            None => {
                print_refusal(&checked, context);
                refused.push(checked.source.name.clone());
            }
        }
        // `checked` (text and inventory) is dropped here, before the next file.
    }
    if unreadable {
        return exit::TROUBLE;
    }
    if !refused.is_empty() {
        eprintln!(
            "trappa: error: nothing compared: {} of {} inventories have errors: {}",
            refused.len(),
            refused.len() + rows.len(),
            refused.join(", ")
        );
        return exit::FINDINGS;
    }

    let rows = match compare::finish(rows) {
        Ok(rows) => rows,
        Err(duplicates) => {
            for duplicate in &duplicates {
                eprintln!("trappa: error: {duplicate}");
            }
            return exit::FINDINGS;
        }
    };
    match args.format {
        CompareFormat::Table => {
            context.deliver(&render::table(&rows, context.lang, context.layout))
        }
        CompareFormat::Markdown => context.deliver(&render::markdown(&rows, context.lang)),
        CompareFormat::Json => context.deliver(&render::json(&rows)),
        CompareFormat::Csv => match render::csv(&rows, Dialect::from_excel_flag(args.excel)) {
            Ok(bytes) => context.deliver_bytes(&bytes),
            Err(message) => trouble(&message),
        },
    }
}
