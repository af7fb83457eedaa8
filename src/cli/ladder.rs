//! `trappa ladder`: the ladder's definitions, rules, crosswalk and sources.

use super::Context;
use crate::i18n;
use crate::output;
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

pub(super) fn run(args: &LadderArgs, context: &Context) -> i32 {
    let data = i18n::ladder();
    let text = match args.format {
        LadderFormat::Text => output::ladder::text(data, context.lang, context.layout),
        LadderFormat::Markdown => output::ladder::markdown(data, context.lang),
    };
    context.deliver(&text)
}
