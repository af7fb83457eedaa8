//! `trappa completions` and `trappa man`: generated from the clap definitions,
//! so they can never disagree with the commands.

use super::failure::Failure;
use super::{Cli, Context};
use crate::diagnostic::Message;
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
        // `help` too: trappa(1) lists trappa-help(1) among the commands.
        Some(name) => match trappa.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = trappa.get_subcommands().map(|sub| sub.get_name()).collect();
                return Err(Failure::trouble(
                    Message::new("usage.no_manual_page")
                        .text("name", name.clone())
                        .text("commands", crate::suggest::quoted(&names)),
                ));
            }
        },
    };
    let mut page = Vec::new();
    match render_page(&command, &mut page) {
        Ok(()) => context.deliver_bytes(&page),
        Err(e) => Err(Failure::trouble(crate::render::failure("roff", e))),
    }
}

/// A page as clap_mangen lays it out, with the sections a manual page is
/// expected to have and clap does not know: EXAMPLES (the command's
/// `after_help`), EXIT STATUS, and for trappa(1) and trappa-check(1)
/// DIAGNOSTICS, the codes. The man page is in English (README, Languages).
fn render_page(command: &clap::Command, page: &mut dyn std::io::Write) -> std::io::Result<()> {
    // Every page names the package it comes from ("trappa 0.1.0"); by
    // default a command's page would say "check 0.1.0".
    let source = format!("trappa {}", env!("CARGO_PKG_VERSION"));
    let man = clap_mangen::Man::new(command.clone()).source(source);
    man.render_title(page)?;
    man.render_name_section(page)?;
    man.render_synopsis_section(page)?;
    man.render_description_section(page)?;
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(page)?;
    }
    if command.has_subcommands() {
        man.render_subcommands_section(page)?;
    }
    let examples: Vec<String> = command
        .get_after_help()
        .map(|help| {
            help.to_string()
                .lines()
                .filter(|line| !line.trim_end().ends_with(':'))
                .map(|line| line.trim().to_string())
                .filter(|line| !line.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if !examples.is_empty() {
        writeln!(page, ".SH EXAMPLES\n.nf")?;
        for example in &examples {
            writeln!(page, "{}", roff_line(example))?;
        }
        writeln!(page, ".fi")?;
    }
    writeln!(
        page,
        ".SH \"EXIT STATUS\"\n.TP\n\\fB0\\fR\nSuccess.\n.TP\n\\fB1\\fR\nThe input has errors (or warnings, with \\fB\\-\\-deny\\-warnings\\fR), or was refused: a command other than check never works on an inventory with errors.\n.TP\n\\fB2\\fR\nA usage error, a path that cannot be read, or an output that cannot be written (including \\fB\\-o\\fR naming an input).\n.TP\n\\fB130\\fR\nInterrupted (SIGINT or SIGTERM); the temporary file of \\fB\\-o\\fR is removed."
    )?;
    let name = command.get_name();
    if name == "trappa" || name == "check" || name.ends_with("-check") {
        writeln!(page, ".SH DIAGNOSTICS")?;
        writeln!(
            page,
            "Every finding has a stable code; the letter is its severity (E error, W warning, I info)."
        )?;
        for code in crate::diagnostic::Code::ALL {
            writeln!(
                page,
                ".TP\n\\fB{}\\fR\n{}",
                code.as_str(),
                roff_line(crate::i18n::text(
                    crate::i18n::Lang::En,
                    &format!("code.{}", code.as_str())
                ))
            )?;
        }
    }
    if command.get_version().is_some() {
        man.render_version_section(page)?;
    }
    Ok(())
}

/// Text as one line of roff: backslashes written as `\e`, and a line that
/// would start with a control character (`.` or `'`) guarded.
fn roff_line(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
