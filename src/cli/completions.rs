//! `trappa completions` and `trappa man`: generated from the clap definitions,
//! so they can never disagree with the commands.

use super::failure::Failure;
use super::{Cli, Context};
use clap::{Args, CommandFactory};
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command whose page to print (the page trappa(1) names trappa-COMMAND(1));
    /// without it, the page of trappa itself
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

pub(super) fn run_completions(args: &CompletionsArgs, context: &Context) -> Result<(), Failure> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "trappa", &mut script);
    context.deliver_bytes(&script)
}

pub(super) fn run_man(args: &ManArgs, context: &Context) -> Result<(), Failure> {
    let mut trappa = Cli::command();
    // Subcommands get the global flags and their page name (display name
    // "trappa-check", as trappa(1) lists them) once the whole command is built.
    trappa.build();
    let command = match &args.command {
        None => trappa,
        Some(name) => match trappa.find_subcommand(name).filter(|_| name != "help") {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = trappa
                    .get_subcommands()
                    .map(|sub| sub.get_name())
                    .filter(|sub| *sub != "help")
                    .collect();
                return Err(Failure::trouble(format!(
                    "no manual page for `{name}`; the commands are: {}",
                    names.join(", ")
                )));
            }
        },
    };
    let mut page = Vec::new();
    // Every page names the package it comes from ("trappa 0.1.0"); by
    // default a command's page would say "check 0.1.0".
    let source = format!("trappa {}", env!("CARGO_PKG_VERSION"));
    match clap_mangen::Man::new(command)
        .source(source)
        .render(&mut page)
    {
        Ok(()) => context.deliver_bytes(&page),
        Err(e) => Err(Failure::trouble(format!(
            "cannot render the manual page: {e}"
        ))),
    }
}
