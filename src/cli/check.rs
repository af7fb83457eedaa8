//! `trappa check`: every finding of every file given.

use super::Context;
use crate::diagnostic::Tally;
use crate::exit;
use crate::inventory::{self, Checked};
use crate::output;
use crate::output::diagnostics::FileFindings;
use crate::paths;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Inventory files or directories (searched recursively for *.yaml and *.yml); - reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print only errors and warnings, without infos and the summary line
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
}

pub(super) fn run(args: &CheckArgs, context: &Context) -> i32 {
    let expanded = paths::expand(&args.paths);
    let mut problems = expanded.problems;
    let mut checked: Vec<Checked> = Vec::with_capacity(expanded.files.len());
    for path in &expanded.files {
        match inventory::check_path(path) {
            Ok(c) => checked.push(c),
            Err(message) => problems.push(message),
        }
    }
    let files: Vec<FileFindings> = checked
        .iter()
        .map(|c| FileFindings {
            name: &c.source.name,
            text: &c.source.text,
            diagnostics: &c.diagnostics,
        })
        .collect();
    let text = match args.format {
        CheckFormat::Human => output::diagnostics::human(&files, context.color, args.quiet),
        CheckFormat::Json => output::diagnostics::json(&files),
        CheckFormat::Github => output::diagnostics::github(&files),
    };
    for problem in &problems {
        eprintln!("trappa: error: {problem}");
    }
    let delivered = context.deliver(&text);
    if delivered != exit::OK || !problems.is_empty() {
        return exit::TROUBLE;
    }
    let tally = Tally::of(checked.iter().flat_map(|c| c.diagnostics.iter()));
    exit::for_findings(tally, args.deny_warnings)
}
