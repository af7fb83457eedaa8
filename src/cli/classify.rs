//! `trappa classify`: every service of one inventory on the ladder, and why.

use super::Context;
use super::failure::Failure;
use super::input;
use crate::classified::classify_inventory;
use crate::diagnostic::Message;
use crate::render::classification as render;
use crate::render::csv::Dialect;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// One inventory file; - reads standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = ClassifyFormat::Table)]
    pub format: ClassifyFormat,
    /// With --format csv: CSV for Swedish Excel (; delimiter, decimal comma, UTF-8 BOM, CRLF, formula-injection guard)
    #[arg(long)]
    pub excel: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ClassifyFormat {
    Table,
    Csv,
    Json,
    Markdown,
}

pub(super) fn run(args: &ClassifyArgs, context: &Context) -> Result<(), Failure> {
    if args.excel && args.format != ClassifyFormat::Csv {
        return Err(Failure::trouble(Message::new("usage.excel_csv_only")));
    }
    if context.respect_ignore && super::paths::named_file_is_ignored(&args.file) {
        // What `check DIR` skips has nothing to report: a CI job that
        // names changed files must agree with the directory search.
        super::say_note(
            context.lang,
            &Message::new("input.skipped_ignored").text("file", args.file.display().to_string()),
        );
        return Ok(());
    }
    let checked = input::one_inventory(&args.file, context)?;
    let Some(inventory) = checked.valid_inventory() else {
        return Err(Failure::refused(
            Message::new("refusal.not_inventory").text("name", checked.source.name.clone()),
        ));
    };
    let services = classify_inventory(inventory);
    let lang = context.lang;
    let text = match args.format {
        ClassifyFormat::Table => render::table(&services, lang, context.layout),
        ClassifyFormat::Markdown => render::markdown(&services, lang),
        ClassifyFormat::Csv => {
            let bytes = render::csv(&services, lang, Dialect::from_excel_flag(args.excel))
                .map_err(Failure::trouble)?;
            return context.deliver_bytes(&bytes);
        }
        ClassifyFormat::Json => render::json(inventory, &services, lang),
    };
    context.deliver(&text)
}
