//! `trappa completions` and `trappa man`: generated from the clap definitions,
//! so they can never disagree with the commands.

use super::{Cli, Context, trouble};
use clap::{Args, CommandFactory};
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {}

pub(super) fn run_completions(args: &CompletionsArgs, context: &Context) -> i32 {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "trappa", &mut script);
    context.deliver_bytes(&script)
}

pub(super) fn run_man(_args: &ManArgs, context: &Context) -> i32 {
    let mut page = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut page) {
        Ok(()) => context.deliver_bytes(&page),
        Err(e) => trouble(&format!("cannot render the manual page: {e}")),
    }
}
