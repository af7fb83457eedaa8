//! `trappa check`: every finding of every file given.

use super::{Context, trouble};
use crate::diagnostic::{Diagnostic, Tally};
use crate::exit;
use crate::inventory::{self, Checked};
use crate::output;
use crate::output::Spool;
use crate::output::diagnostics::FileFindings;
use crate::paths;
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use std::io::{BufWriter, Write};
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

/// Files checked in parallel at a time. Their findings are written out
/// before the next batch is read, so memory follows one batch, not the run;
/// large enough that both cores stay busy across files of unequal size.
const BATCH: usize = 256;

pub(super) fn run(args: &CheckArgs, context: &Context) -> i32 {
    let expanded = paths::expand(&args.paths);
    let mut problems = expanded.problems;
    // The output goes into a temporary file as the batches are done, then
    // is renamed over -o (atomic) or copied to standard output.
    let spool = match Spool::create(context.output.as_deref()) {
        Ok(spool) => spool,
        Err(message) => return trouble(&message),
    };
    let mut out = match spool.writer() {
        Ok(file) => BufWriter::new(file),
        Err(message) => return trouble(&message),
    };
    let mut tally = Tally::default();
    let mut files_checked = 0usize;
    // JSON gives the counts before the findings: its findings (without
    // the text, which JSON does not show) wait for the end.
    let mut for_json: Vec<Findings> = Vec::new();
    let mut written = Ok(());
    for batch in expanded.files.chunks(BATCH) {
        // `collect` on an indexed parallel iterator keeps the input order,
        // so the output is the same whatever the scheduling.
        let results: Vec<Result<Findings, String>> = batch
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
        files_checked += checked.len();
        tally.add(Tally::of(checked.iter().flat_map(|c| c.diagnostics.iter())));
        let files: Vec<FileFindings> = checked.iter().map(Findings::as_file).collect();
        let text = match args.format {
            CheckFormat::Human => {
                output::diagnostics::human_findings(&files, context.color, args.quiet)
            }
            CheckFormat::Github => output::diagnostics::github(&files, args.quiet),
            CheckFormat::Json => {
                for_json.extend(checked.into_iter().map(Findings::without_text));
                String::new()
            }
        };
        written = written.and_then(|()| out.write_all(text.as_bytes()));
    }
    let ending = match args.format {
        // With no file read (every path was unusable) a summary would only
        // suggest that something was checked.
        CheckFormat::Human if !args.quiet && files_checked > 0 => {
            output::diagnostics::summary(files_checked, tally, context.color)
        }
        CheckFormat::Json => {
            let files: Vec<FileFindings> = for_json.iter().map(Findings::as_file).collect();
            output::diagnostics::json(&files, args.quiet)
        }
        _ => String::new(),
    };
    written = written
        .and_then(|()| out.write_all(ending.as_bytes()))
        .and_then(|()| out.flush());
    drop(out);
    for problem in &problems {
        eprintln!("trappa: error: {problem}");
    }
    let delivered = written
        .map_err(|e| format!("cannot write the output: {e}"))
        .and_then(|()| spool.deliver());
    if let Err(message) = delivered {
        return trouble(&message);
    }
    if !problems.is_empty() {
        return exit::TROUBLE;
    }
    exit::for_findings(tally, args.deny_warnings)
}

/// What `check` keeps of one file until the output is written: its findings,
/// and of its text only the lines they point at (the others blanked, so the
/// line numbers stay right). The text and the decoded inventory are dropped
/// at once, so memory grows with the findings, not with the corpus.
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
        let text = lines_pointed_at(&source.text, &diagnostics);
        Findings {
            name: source.name,
            text,
            diagnostics,
        }
    }

    fn without_text(self) -> Findings {
        Findings {
            text: String::new(),
            ..self
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

/// The text with every line that no finding points at left empty.
fn lines_pointed_at(text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut wanted: Vec<u32> = diagnostics
        .iter()
        .flat_map(|d| std::iter::once(d.line).chain(d.related.as_ref().map(|(pos, _)| pos.line)))
        .collect();
    if wanted.is_empty() {
        return String::new();
    }
    wanted.sort_unstable();
    wanted.dedup();
    let last = wanted.last().copied().unwrap_or(0) as usize;
    let mut kept = String::new();
    let mut next = wanted.iter().peekable();
    for (index, line) in text.split('\n').take(last).enumerate() {
        if next.next_if(|&&n| n as usize == index + 1).is_some() {
            kept.push_str(line);
        }
        kept.push('\n');
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Pos};

    #[test]
    fn keeps_only_the_lines_findings_point_at() {
        let text = "a: 1\r\nb: 2\nc: 3\nd: 4\ne: 5\n";
        let d = Diagnostic::new(Code::E002, "f", Pos::new(2, 1, 1), "m")
            .related(Pos::new(4, 1, 1), "here");
        let e = Diagnostic::new(Code::E002, "f", Pos::new(2, 3, 1), "m");
        assert_eq!(lines_pointed_at(text, &[d, e]), "\nb: 2\n\nd: 4\n");
        assert_eq!(lines_pointed_at(text, &[]), "");
    }
}
