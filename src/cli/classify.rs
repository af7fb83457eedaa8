//! `trappa classify`: every service of one inventory on the ladder, and why.

use super::{Context, trouble, valid_inventory};
use crate::classified::classify_inventory;
use crate::exit;
use crate::output;
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ClassifyFormat {
    Table,
    Csv,
    Json,
    Markdown,
}

pub(super) fn run(args: &ClassifyArgs, context: &Context) -> i32 {
    let checked = match valid_inventory(&args.file, context) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let Some(inventory) = checked.valid_inventory() else {
        return exit::FINDINGS;
    };
    let services = classify_inventory(inventory);
    let lang = context.lang;
    use output::classification as render;
    let text = match args.format {
        ClassifyFormat::Table => Ok(render::table(&services, lang, context.layout)),
        ClassifyFormat::Markdown => Ok(render::markdown(&services, lang)),
        ClassifyFormat::Csv => render::csv(&services, lang),
        ClassifyFormat::Json => Ok(render::json(inventory, &services, lang)),
    };
    match text {
        Ok(text) => context.deliver(&text),
        Err(message) => trouble(&message),
    }
}
