//! `trappa trend`: one organisation's inventories over many years, every
//! indicator as a series, each service's history and the targets judged
//! over the whole period.
//!
//! Each inventory is reduced to its year's summary on the worker thread
//! that checked it (`YearSummary::of`, the numbers of `report`) and dropped
//! there; only the summaries are kept, so memory grows with the years by
//! the few numbers and steps of each, not by whole inventories.

use super::Context;
use super::failure::Failure;
use super::input::{self, Purpose, Together};
use crate::diagnostic::Message;
use crate::render::csv::Dialect;
use crate::render::trend as render;
use crate::report::Refusal;
use crate::trend::{Builder, YearSummary};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct TrendArgs {
    /// Inventories of one organisation, one per year: files or directories (searched recursively for *.yaml and *.yml); - reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A targets file (trappa-targets: 1): adds each target's status over the period and when it is reached at this pace
    #[arg(long, value_name = "FILE")]
    pub targets: Option<PathBuf>,
    /// Output format (csv: the indicator series, years as columns; html: one self-contained page, no script)
    #[arg(long, value_enum, default_value_t = TrendFormat::Table)]
    pub format: TrendFormat,
    /// With --format csv: CSV for Swedish Excel (; delimiter, decimal comma, UTF-8 BOM, CRLF)
    #[arg(long)]
    pub excel: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TrendFormat {
    Table,
    Markdown,
    Json,
    // No doc comments on the values: clap would make them possible values'
    // help and lay out this --help unlike every other command's.
    Csv,
    Html,
}

const PURPOSE: Purpose = Purpose {
    command: "trend",
    done: "refusal.no_trend",
    together: Together::YearsOfOneOrganisation,
};

pub(super) fn run(args: &TrendArgs, context: &Context) -> Result<(), Failure> {
    if args.excel && args.format != TrendFormat::Csv {
        return Err(Failure::trouble(Message::new("usage.excel_csv_only")));
    }
    let stdin = args
        .paths
        .iter()
        .chain(&args.targets)
        .filter(|p| p.as_os_str() == "-")
        .count();
    if stdin > 1 {
        return Err(Failure::trouble(Message::new("input.stdin_twice")));
    }
    // The targets file first: a wrong one is found before any inventory is read.
    let targets = match &args.targets {
        Some(path) => Some(input::targets_file(path, context)?),
        None => None,
    };
    let mut builder = Builder::new();
    let mut refusals: Vec<Message> = Vec::new();
    input::each_inventory(
        &args.paths,
        context,
        PURPOSE,
        |file, inventory| YearSummary::of(file, &inventory),
        |summary| {
            match summary {
                Ok(summary) => builder.push(summary),
                Err(refusal) => refusals.push(reason(refusal)),
            }
            Ok(())
        },
    )?;
    if !refusals.is_empty() {
        return Err(Failure::Refused(refusals));
    }
    let trend = match builder.finish(targets.as_ref()) {
        Ok(Some(trend)) => trend,
        Ok(None) => {
            return Err(Failure::trouble(
                Message::new("refusal.nothing_to_follow").text("command", PURPOSE.command),
            ));
        }
        Err(refusal) => {
            let name = args
                .targets
                .as_ref()
                .map(|p| {
                    if p.as_os_str() == "-" {
                        "<stdin>".into()
                    } else {
                        p.display().to_string()
                    }
                })
                .unwrap_or_default();
            return Err(Failure::refused(
                Message::new("refusal.targets")
                    .text("name", name)
                    .phrase("reason", reason(refusal)),
            ));
        }
    };
    let text = match args.format {
        TrendFormat::Table => render::table(&trend, context.lang, context.layout, context.color),
        TrendFormat::Markdown => render::markdown(&trend, context.lang),
        // Streamed: the document of many years and services is large.
        TrendFormat::Json => {
            return context.deliver_with(|out| render::json::write(&trend, out));
        }
        TrendFormat::Html => render::html::render(&trend, context.lang),
        TrendFormat::Csv => {
            let bytes = render::csv::render(&trend, Dialect::from_excel_flag(args.excel))
                .map_err(Failure::trouble)?;
            return context.deliver_bytes(&bytes);
        }
    };
    context.deliver(&text)
}

/// What a refusal of `report::build` or of the trend's targets says.
fn reason(refusal: Refusal) -> Message {
    match refusal {
        Refusal::Previous(message) | Refusal::Target(message) => message,
    }
}
