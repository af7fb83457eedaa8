//! `trappa plan`: the fewest changes that meet the targets, as each
//! department's action plan, or with `--apply` the inventory with them made.

use super::Context;
use super::failure::Failure;
use super::input;
use crate::diagnostic::Message;
use crate::plan::{self, apply};
use crate::render::csv::Dialect;
use crate::render::plan as render;
use crate::report::Refusal;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The inventory to plan from; - reads standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// A targets file (trappa-targets: 1): the targets the plan meets
    #[arg(long, value_name = "FILE", required = true)]
    pub targets: PathBuf,
    /// Last year's inventory of the same organisation: the statuses' trend line
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// Output format [default: table]
    #[arg(long, value_enum)]
    pub format: Option<PlanFormat>,
    /// With --format csv: CSV for Swedish Excel (; delimiter, decimal comma, UTF-8 BOM, CRLF)
    #[arg(long)]
    pub excel: bool,
    /// Write the inventory with the plan's changes made (everything else byte for byte), a scenario to report on
    #[arg(long)]
    pub apply: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Table,
    Markdown,
    Json,
    // No doc comments on the values: clap would make them possible values'
    // help and lay out this --help unlike every other command's.
    Csv,
    Html,
}

pub(super) fn run(args: &PlanArgs, context: &Context) -> Result<(), Failure> {
    let format = args.format.unwrap_or(PlanFormat::Table);
    if args.excel && format != PlanFormat::Csv {
        return Err(Failure::trouble(Message::new("usage.excel_csv_only")));
    }
    if args.apply && args.format.is_some() {
        return Err(Failure::trouble(Message::new("plan.apply.format")));
    }
    let from_stdin = [
        Some(&args.file),
        args.previous.as_ref(),
        Some(&args.targets),
    ]
    .into_iter()
    .flatten()
    .filter(|p| p.as_os_str() == "-")
    .count();
    if from_stdin > 1 {
        return Err(Failure::trouble(Message::new("input.stdin_twice")));
    }
    let current = input::one_inventory(&args.file, context)?;
    let previous = match &args.previous {
        Some(path) => Some(input::one_inventory(path, context)?),
        None => None,
    };
    let targets = input::targets_file(&args.targets, context)?;
    let Some(inventory) = current.valid_inventory() else {
        return Err(Failure::refused(
            Message::new("refusal.not_inventory").text("name", current.source.name.clone()),
        ));
    };
    let previous_inventory = previous.as_ref().and_then(|p| p.valid_inventory());
    let built = match plan::build(inventory, previous_inventory, &targets) {
        Ok(p) => p,
        Err(Refusal::Previous(reason)) => {
            let name = previous.map(|p| p.source.name).unwrap_or_default();
            return Err(Failure::trouble(
                Message::new("refusal.previous")
                    .text("name", name)
                    .phrase("reason", reason),
            ));
        }
        Err(Refusal::Target(reason)) => {
            let name = if args.targets.as_os_str() == "-" {
                "<stdin>".to_string()
            } else {
                args.targets.display().to_string()
            };
            return Err(Failure::refused(
                Message::new("refusal.targets")
                    .text("name", name)
                    .phrase("reason", reason),
            ));
        }
    };
    let lang = context.lang;
    if args.apply {
        let url = apply::statement_url(inventory, &built).map_err(Failure::refused)?;
        let comment = crate::i18n::message(
            lang,
            &Message::new("plan.apply.comment").number("count", built.size() as u64),
        );
        let text = apply::apply(
            &current.source.name,
            &current.source.text,
            inventory,
            &built,
            url.as_deref(),
            &comment,
        )
        .map_err(Failure::refused)?;
        return context.deliver(&text);
    }
    match format {
        PlanFormat::Table => {
            context.deliver(&render::table(&built, lang, context.layout, context.color))
        }
        PlanFormat::Markdown => context.deliver(&render::markdown(&built, lang)),
        PlanFormat::Json => context.deliver(&render::json(&built, lang)),
        PlanFormat::Csv => {
            let bytes = render::csv(&built, Dialect::from_excel_flag(args.excel), lang)
                .map_err(Failure::trouble)?;
            context.deliver_bytes(&bytes)
        }
        PlanFormat::Html => context.deliver(&render::html::render(&built, lang)),
    }
}
