//! `trappa survey`: one inventory per organisation, the national view.
//!
//! Each inventory is reduced to its organisation's small summary on the
//! worker thread that checked it (`survey::Organisation::of`) and dropped
//! there, so memory grows with the number of organisations by a few
//! numbers each, never by whole inventories.

use super::Context;
use super::failure::Failure;
use super::input::{self, Purpose, Together};
use crate::diagnostic::Message;
use crate::render::csv::Dialect;
use crate::render::survey as render;
use crate::survey::{Organisation, Survey};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct SurveyArgs {
    /// Inventories, one organisation's each (its latest year is surveyed): files or directories (searched recursively for *.yaml and *.yml); - reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Survey this year's inventories only (default: each organisation's latest)
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Output format (csv: one row per organisation; html: one self-contained page, no script)
    #[arg(long, value_enum, default_value_t = SurveyFormat::Table)]
    pub format: SurveyFormat,
    /// With --format csv: CSV for Swedish Excel (; delimiter, decimal comma, UTF-8 BOM, CRLF)
    #[arg(long)]
    pub excel: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SurveyFormat {
    Table,
    Markdown,
    Json,
    Csv,
    Html,
}

const PURPOSE: Purpose = Purpose {
    command: "survey",
    done: "survey.not_surveyed",
    together: Together::OnePerOrganisationAndYear,
};

pub(super) fn run(args: &SurveyArgs, context: &Context) -> Result<(), Failure> {
    if args.excel && args.format != SurveyFormat::Csv {
        return Err(Failure::trouble(Message::new("usage.excel_csv_only")));
    }
    let mut read: Vec<Organisation> = Vec::new();
    input::each_inventory(
        &args.paths,
        context,
        PURPOSE,
        |file, inventory| Organisation::of(file, &inventory),
        |organisation| {
            read.push(organisation);
            Ok(())
        },
    )?;
    let total = read.len();
    if total == 0 {
        return Err(Failure::trouble(Message::new("survey.nothing")));
    }
    let survey = Survey::new(read, args.year);
    if let (true, Some(year)) = (survey.is_empty(), args.year) {
        return Err(Failure::trouble(
            Message::new("survey.no_year")
                .number("year", year)
                .number("count", total as u64),
        ));
    }
    let text = match args.format {
        SurveyFormat::Table => render::table(&survey, context.lang, context.layout, context.color),
        SurveyFormat::Markdown => render::markdown(&survey, context.lang),
        SurveyFormat::Json => render::json::render(&survey),
        SurveyFormat::Html => render::html::render(&survey, context.lang),
        SurveyFormat::Csv => {
            let bytes = render::csv::render(&survey, Dialect::from_excel_flag(args.excel))
                .map_err(Failure::trouble)?;
            return context.deliver_bytes(&bytes);
        }
    };
    context.deliver(&text)
}
