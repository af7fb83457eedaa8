//! `trappa schema`: the JSON Schema (draft-07) of the inventory or targets file.

use super::{Context, trouble};
use clap::Args;

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The schema of the targets file (trappa-targets: 1) instead of the inventory
    #[arg(long)]
    pub targets: bool,
}

pub(super) fn run(_args: &SchemaArgs, _context: &Context) -> i32 {
    trouble("SKELETON: schema is being built")
}
