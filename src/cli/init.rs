//! `trappa init`: a commented starter inventory that passes `check`.

use super::{Context, trouble};
use clap::Args;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The organisation's name [default: from --code, else a placeholder]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The SCB municipality code (four digits), e.g. 1287; fills in the name
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// The year the inventory describes [default: the current year]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// With -o: overwrite an existing file
    #[arg(long)]
    pub force: bool,
}

pub(super) fn run(_args: &InitArgs, _context: &Context) -> i32 {
    trouble("SKELETON: init is being built")
}
