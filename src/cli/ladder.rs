//! `trappa ladder`: the ladder's definitions, rules, crosswalk and sources.

use super::Context;
use super::failure::Failure;
use crate::render::ladder as render;
use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct LadderArgs {
    #[arg(long, value_enum, default_value_t = LadderFormat::Text)]
    pub format: LadderFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LadderFormat {
    Text,
    Markdown,
}

pub(super) fn run(args: &LadderArgs, context: &Context) -> Result<(), Failure> {
    let text = match args.format {
        LadderFormat::Text => render::text(context.lang, context.layout),
        LadderFormat::Markdown => render::markdown(context.lang),
    };
    context.deliver(&text)
}
