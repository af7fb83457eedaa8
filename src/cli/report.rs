//! `trappa report`: the e-council's yearly follow-up of one inventory.

use super::Context;
use super::failure::Failure;
use super::input;
use super::input::{Purpose, Together};
use crate::diagnostic::Message;
use crate::render::report as render;
use crate::report::peers::{self, Peer};
use crate::report::{self, Refusal};

/// The peers: any organisations, one inventory of each organisation and
/// year, the latest of each compared with.
const PEERS: Purpose = Purpose {
    command: "report --peers",
    done: "peers.not_compared",
    together: Together::OnePerOrganisationAndYear,
};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The inventory of the year to report; - reads standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Last year's inventory of the same organisation: adds previous values, changes and trends
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// A targets file (trappa-targets: 1): adds each target's status
    #[arg(long, value_name = "FILE")]
    pub targets: Option<PathBuf>,
    /// Other organisations' inventories (files or directories): adds the peers' median and this organisation's rank for each indicator, and how far peers got with each typed service
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub peers: Vec<PathBuf>,
    /// Output format (html: one self-contained page for the e-council, no script)
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Markdown,
    Json,
    // A doc comment here would be a possible value's help, which makes clap
    // lay out this command's --help unlike every other command's.
    Html,
}

pub(super) fn run(args: &ReportArgs, context: &Context) -> Result<(), Failure> {
    let from_stdin = [
        Some(&args.file),
        args.previous.as_ref(),
        args.targets.as_ref(),
    ]
    .into_iter()
    .flatten()
    .chain(&args.peers)
    .filter(|p| p.as_os_str() == "-")
    .count();
    if from_stdin > 1 {
        return Err(Failure::trouble(Message::new("input.stdin_twice")));
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
    let current = input::one_inventory(&args.file, context)?;
    let previous = match &args.previous {
        Some(path) => Some(input::one_inventory(path, context)?),
        None => None,
    };
    let targets = match &args.targets {
        Some(path) => Some(input::targets_file(path, context)?),
        None => None,
    };
    let (Some(inventory), previous_inventory) = (
        current.valid_inventory(),
        previous.as_ref().and_then(|p| p.valid_inventory()),
    ) else {
        return Err(Failure::refused(
            Message::new("refusal.not_inventory").text("name", current.source.name.clone()),
        ));
    };
    let mut built = match report::build(inventory, previous_inventory, targets.as_ref()) {
        Ok(r) => r,
        Err(Refusal::Previous(reason)) => {
            let name = previous.map(|p| p.source.name).unwrap_or_default();
            return Err(Failure::trouble(
                Message::new("refusal.previous")
                    .text("name", name)
                    .phrase("reason", reason),
            ));
        }
        Err(Refusal::Target(message)) => {
            let name = args
                .targets
                .as_ref()
                .map(|p| {
                    if p.as_os_str() == "-" {
                        "<stdin>".into()
                    } else {
                        p.display().to_string()
                    }
                })
                .unwrap_or_default();
            return Err(Failure::refused(
                Message::new("refusal.targets")
                    .text("name", name)
                    .phrase("reason", message),
            ));
        }
    };
    if !args.peers.is_empty() {
        let mut read: Vec<Peer> = Vec::new();
        input::each_inventory(
            &args.peers,
            context,
            PEERS,
            |_, inventory| Peer::of(&inventory),
            |peer| {
                read.push(peer);
                Ok(())
            },
        )?;
        built.peers = peers::compare(&built, inventory, read);
        if built.peers.is_none() {
            return Err(Failure::trouble(
                Message::new("peers.none").text("organisation", built.organisation.clone()),
            ));
        }
    }
    let text = match args.format {
        ReportFormat::Table => render::table(&built, context.lang, context.layout, context.color),
        ReportFormat::Markdown => render::markdown(&built, context.lang),
        // Streamed: the document of a large organisation is large.
        ReportFormat::Json => return context.deliver_with(|out| render::json::write(&built, out)),
        ReportFormat::Html => render::html::render(&built, context.lang),
    };
    context.deliver(&text)
}
