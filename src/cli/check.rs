//! `trappa check`: every finding of every file given.

use super::Context;
use crate::diagnostic::{Diagnostic, Tally};
use crate::exit;
use crate::inventory::{self, Checked};
use crate::output;
use crate::output::diagnostics::FileFindings;
use crate::paths;
use clap::{Args, ValueEnum};
use rayon::prelude::*;
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
    // Files are read and checked in parallel, one per core; `collect` on an
    // indexed parallel iterator keeps the input order, so the output is the
    // same whatever the scheduling.
    let results: Vec<Result<Findings, String>> = expanded
        .files
        .par_iter()
        .map(|path| inventory::check_path(path).map(Findings::keep))
        .collect();
    let mut checked: Vec<Findings> = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(findings) => checked.push(findings),
            Err(message) => problems.push(message),
        }
    }
    let files: Vec<FileFindings> = checked.iter().map(Findings::as_file).collect();
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

/// What `check` keeps of one file until the output is written: its findings,
/// and its text only when there are findings to underline. The decoded
/// inventory is dropped at once, so checking a national corpus holds little
/// more than the findings in memory.
struct Findings {
    name: String,
    text: String,
    diagnostics: Vec<Diagnostic>,
}

impl Findings {
    fn keep(checked: Checked) -> Findings {
        let Checked {
            source,
            diagnostics,
            ..
        } = checked;
        let text = if diagnostics.is_empty() {
            String::new()
        } else {
            source.text
        };
        Findings {
            name: source.name,
            text,
            diagnostics,
        }
    }

    fn as_file(&self) -> FileFindings<'_> {
        FileFindings {
            name: &self.name,
            text: &self.text,
            diagnostics: &self.diagnostics,
        }
    }
}
