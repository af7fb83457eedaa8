//! The one way every command takes its inputs: the paths expanded
//! ([`super::paths`]), each file read and checked (on `-j` threads, the
//! results taken in input order, so the output is the same with one thread
//! or many), and the same rules everywhere for what is not an inventory to
//! use:
//!
//! - a file that cannot be read is trouble (exit 2);
//! - a targets file (`trappa-targets: 1`) found in a searched directory is
//!   skipped with a note, whatever its state (its findings are `check`'s
//!   business); named on the command line where an inventory is expected,
//!   it is trouble;
//! - an inventory with errors is refused: its diagnostics are printed as
//!   `check` prints them, and the command writes nothing (exit 1);
//! - two inventories of the same organisation (`Organisation::same_as`) and
//!   year are refused: counting both would count the organisation twice;
//! - a command that follows one organisation over the years (`trend`) takes
//!   an inventory of another organisation, or a second one of a year, as
//!   trouble (exit 2): the input is not what the command reads, as a
//!   `--previous` of another organisation is not for `report` ([`Together`]).
//!
//! The work a command does with each inventory (`work`) runs on the worker
//! threads too, so classifying and computing use every core; what must
//! happen in order (`take`) gets the results in input order.

use super::failure::Failure;
use super::{Context, output, paths, say_error, say_note, say_warning};
use crate::diagnostic::{Diagnostic, Message};
use crate::emit::{self, FileFindings};
use crate::inventory::Document;
use crate::inventory::model::{Inventory, Organisation};
use crate::inventory::targets::TargetsFile;
use crate::pipeline::{self, Checked, Profile};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// How many threads read and check files (`-j/--jobs`); `None` uses every core.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Jobs(pub Option<usize>);

impl Jobs {
    /// The threads to work on: a pool of `-j N`, or rayon's global pool
    /// (one thread per core).
    pub(super) fn pool(self) -> Result<Option<rayon::ThreadPool>, Failure> {
        let Some(threads) = self.0 else {
            return Ok(None);
        };
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map(Some)
            .map_err(|e| Failure::trouble(Message::new("io.threads").text("detail", e.to_string())))
    }

    /// Files read at a time: enough to keep every thread busy across files
    /// of unequal size, few enough that what waits in memory stays small.
    fn batch(self) -> usize {
        let threads = self
            .0
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
        (threads * 8).clamp(8, 256)
    }
}

/// A checked file reduced to what is needed to print its findings: the
/// lines they point at (the others blanked, so line numbers stay right).
pub struct Findings {
    pub name: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Findings {
    pub fn keep(checked: Checked) -> Findings {
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

    pub fn as_file(&self) -> FileFindings<'_> {
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

/// Expands the paths and checks every file, `batch` at a time on the
/// current thread pool; `each` gets the results in input order. Returns
/// the paths that could not be used.
pub fn check_all<T: Send>(
    paths: &[PathBuf],
    context: &Context,
    profile: Profile,
    work: impl Fn(&Path, Checked) -> T + Sync,
    mut each: impl FnMut(T) -> Result<(), Failure>,
) -> Result<Vec<Message>, Failure> {
    let jobs = context.jobs;
    let expanded = paths::expand(paths, context.respect_ignore);
    for warning in &expanded.warnings {
        say_warning(context.lang, warning);
    }
    // Before a file is read: `-o` must name none of them.
    output::guard(context.output.as_deref(), &expanded.files)?;
    let mut problems = expanded.problems;
    let pool = jobs.pool()?;
    for batch in expanded.files.chunks(jobs.batch()) {
        // `collect` on an indexed parallel iterator keeps the input order,
        // so the output is the same whatever the scheduling.
        let check = || -> Vec<Result<T, Message>> {
            batch
                .par_iter()
                .map(|path| {
                    pipeline::check_path_with(path, profile).map(|checked| work(path, checked))
                })
                .collect()
        };
        let results = match &pool {
            Some(pool) => pool.install(check),
            None => check(),
        };
        for result in results {
            match result {
                Ok(value) => each(value)?,
                Err(message) => problems.push(message),
            }
        }
    }
    Ok(problems)
}

/// What a multi-file command is doing, for its messages.
#[derive(Clone, Copy)]
pub struct Purpose {
    /// The command's name: "compare reads inventories".
    pub command: &'static str,
    /// The catalogue key of what did not happen when something was
    /// refused: "nothing compared".
    pub done: &'static str,
    /// Which inventories may be read together.
    pub together: Together,
}

/// Which inventories a command reads together in one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Together {
    /// Any organisations, one inventory of each organisation and year
    /// (`compare`, `export`): a second inventory of an organisation's year
    /// is refused (exit 1), naming both files.
    OnePerOrganisationAndYear,
    /// The years of one organisation (`trend`): an inventory of another
    /// organisation than the first one read, or a second inventory of a
    /// year, is trouble (exit 2), naming the files.
    YearsOfOneOrganisation,
}

/// "Trelleborgs kommun (1287)", or the name alone without a code.
fn described(organisation: &Organisation) -> String {
    match &organisation.code {
        Some(code) => format!("{} ({code})", organisation.name),
        None => organisation.name.clone(),
    }
}

/// What a worker made of one file.
enum Outcome<T> {
    Targets {
        name: String,
        named: bool,
    },
    Refused(Findings),
    Ready {
        name: String,
        organisation: Organisation,
        year: i32,
        value: T,
    },
}

/// Runs `work` on every inventory the paths name (in parallel), then `take`
/// on each result in input order, applying the rules of this module. With
/// any inventory refused, `take` is not called after the refusal, every
/// file is still checked so that one run names them all, and the result is
/// a refusal.
pub fn each_inventory<T: Send>(
    paths: &[PathBuf],
    context: &Context,
    purpose: Purpose,
    work: impl Fn(&str, Inventory) -> T + Sync,
    mut take: impl FnMut(T) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let mut seen: Vec<(Organisation, i32, String)> = Vec::new();
    let mut problems: Vec<Message> = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    let mut total = 0usize;
    let named = |path: &Path| paths.iter().any(|p| p == path);
    let unusable = check_all(
        paths,
        context,
        Profile::Format,
        |path, checked| outcome(checked, named(path), &work),
        |outcome| {
            match outcome {
                Outcome::Targets { name, named: true } => problems.push(
                    Message::new("refusal.targets_named")
                        .text("name", name)
                        .text("command", purpose.command),
                ),
                Outcome::Targets { name, named: false } => say_note(
                    context.lang,
                    &Message::new("refusal.targets_skipped").text("name", name),
                ),
                Outcome::Refused(findings) => {
                    total += 1;
                    print_refusal(&findings, context);
                    refused.push(findings.name);
                }
                Outcome::Ready {
                    name,
                    organisation,
                    year,
                    value,
                } => {
                    total += 1;
                    let twin = seen
                        .iter()
                        .find(|(o, y, _)| *y == year && o.same_as(&organisation));
                    let stranger = seen.first().filter(|(first, _, _)| {
                        purpose.together == Together::YearsOfOneOrganisation
                            && !first.same_as(&organisation)
                    });
                    if let Some((first, _, first_name)) = stranger {
                        problems.push(
                            Message::new("refusal.other_organisation")
                                .text("name", name)
                                .text("organisation", described(&organisation))
                                .text("first_organisation", described(first))
                                .text("first", first_name.clone())
                                .text("command", purpose.command),
                        );
                    } else if let Some((_, _, first)) = twin {
                        let message = Message::new(match purpose.together {
                            Together::OnePerOrganisationAndYear => "refusal.twin",
                            Together::YearsOfOneOrganisation => "refusal.twin_year",
                        })
                        .text("first", first.clone())
                        .text("second", name.clone())
                        .text("organisation", organisation.name.clone())
                        .number("year", year)
                        .text("command", purpose.command);
                        match purpose.together {
                            Together::OnePerOrganisationAndYear => {
                                say_error(context.lang, &message);
                                refused.push(name);
                            }
                            Together::YearsOfOneOrganisation => problems.push(message),
                        }
                    } else {
                        seen.push((organisation, year, name));
                        // Once something is refused nothing will be
                        // written: stop building, keep checking.
                        if refused.is_empty() && problems.is_empty() {
                            take(value)?;
                        }
                    }
                }
            }
            Ok(())
        },
    )?;
    problems.splice(0..0, unusable);
    if !problems.is_empty() {
        return Err(Failure::Trouble(problems));
    }
    if !refused.is_empty() {
        return Err(Failure::refused(
            Message::new("refusal.refused_count")
                .word("done", purpose.done)
                .number("refused", refused.len() as u64)
                .number("total", total as u64)
                .text("names", refused.join(", ")),
        ));
    }
    Ok(())
}

fn outcome<T>(checked: Checked, named: bool, work: &impl Fn(&str, Inventory) -> T) -> Outcome<T> {
    if checked.is_targets() {
        return Outcome::Targets {
            name: checked.source.name,
            named,
        };
    }
    if checked.has_errors() || checked.inventory().is_none() {
        return Outcome::Refused(Findings::keep(checked));
    }
    let name = checked.source.name;
    match checked.document {
        Some(Document::Inventory(inventory)) => {
            let organisation = inventory.organisation.clone();
            let year = inventory.year;
            let value = work(&name, inventory);
            Outcome::Ready {
                name,
                organisation,
                year,
                value,
            }
        }
        // Ruled out above; a refusal keeps the two arms total.
        _ => Outcome::Refused(Findings {
            name,
            text: String::new(),
            diagnostics: checked.diagnostics,
        }),
    }
}

/// Reads the one inventory a command works on (`classify`, `report`, the
/// `--previous` of `report`).
pub fn one_inventory(path: &Path, context: &Context) -> Result<Checked, Failure> {
    output::guard(context.output.as_deref(), &[path.to_path_buf()])?;
    let checked = pipeline::check_path(path).map_err(Failure::trouble)?;
    if checked.is_targets() {
        return Err(Failure::trouble(
            Message::new("refusal.targets_not_inventory").text("name", checked.source.name),
        ));
    }
    if checked.valid_inventory().is_some() {
        return Ok(checked);
    }
    Err(refuse(checked, context))
}

/// Reads a targets file (`--targets`); refused like an inventory when it
/// has errors.
pub fn targets_file(path: &Path, context: &Context) -> Result<TargetsFile, Failure> {
    output::guard(context.output.as_deref(), &[path.to_path_buf()])?;
    let checked = pipeline::check_path(path).map_err(Failure::trouble)?;
    if checked.inventory().is_some() {
        return Err(Failure::trouble(
            Message::new("refusal.inventory_not_targets").text("name", checked.source.name),
        ));
    }
    match checked.document {
        Some(Document::Targets(targets))
            if !checked.diagnostics.iter().any(Diagnostic::is_error) =>
        {
            Ok(targets)
        }
        _ => Err(refuse(checked, context)),
    }
}

/// Prints a refused file's findings and says it is refused.
fn refuse(checked: Checked, context: &Context) -> Failure {
    let findings = Findings::keep(checked);
    emit_findings(&findings, context);
    Failure::refused(refusal_line(&findings.name))
}

fn refusal_line(name: &str) -> Message {
    Message::new("refusal.has_errors").text("name", name.to_string())
}

/// A file's findings as `check` prints them, to standard error.
fn emit_findings(findings: &Findings, context: &Context) {
    eprint!(
        "{}",
        emit::human::human(
            &[findings.as_file()],
            context.stderr_color,
            true,
            context.lang
        )
    );
}

/// The findings of one refused file of many, with the line that says so.
fn print_refusal(findings: &Findings, context: &Context) {
    emit_findings(findings, context);
    say_error(context.lang, &refusal_line(&findings.name));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Pos};

    #[test]
    fn keeps_only_the_lines_findings_point_at() {
        let text = "a: 1\r\nb: 2\nc: 3\nd: 4\ne: 5\n";
        let m = || Message::new("diagnostic.e002.empty_file");
        let d = Diagnostic::new(Code::E002, "f", Pos::new(2, 1, 1), m()).related(
            Pos::new(4, 1, 1),
            Message::new("diagnostic.e003.first_used_here"),
        );
        let e = Diagnostic::new(Code::E002, "f", Pos::new(2, 3, 1), m());
        assert_eq!(lines_pointed_at(text, &[d, e]), "\nb: 2\n\nd: 4\n");
        assert_eq!(lines_pointed_at(text, &[]), "");
    }
}
