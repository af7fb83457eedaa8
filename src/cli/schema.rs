//! `trappa schema`: the JSON Schema (draft-07) of the inventory or targets file.

use super::Context;
use super::failure::Failure;
use crate::schema;
use clap::Args;

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The schema of the targets file (trappa-targets: 1) instead of the inventory
    #[arg(long)]
    pub targets: bool,
}

pub(super) fn run(args: &SchemaArgs, context: &Context) -> Result<(), Failure> {
    let schema = if args.targets {
        schema::targets()
    } else {
        schema::inventory()
    };
    context.deliver(&schema::to_text(&schema))
}
