//! `trappa check`: every finding of every file given.

use super::Context;
use super::failure::{self, Failure};
use super::input::{self, Findings};
use super::output::Spool;
use crate::diagnostic::{Code, Message, Severity, Tally};
use crate::emit;
use crate::fix;
use crate::pipeline::Profile;
use crate::suggest;
use clap::{Args, ValueEnum};
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
    /// Accept a warning or info: leave CODE out of the findings and the counts (repeat, or W102,I202)
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub allow: Vec<String>,
    /// Fail (exit 1) on a warning or info of CODE (repeat, or W103,W105)
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub deny: Vec<String>,
    /// Hold the files to what an export will need too: cpsv-ap requires a description of every service
    #[arg(long, value_enum, value_name = "PROFILE")]
    pub profile: Option<CheckProfile>,
    /// Print only errors and warnings, without infos and the summary line
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Apply the fixes that cannot change meaning, in place; report what remains
    #[arg(long)]
    pub fix: bool,
    /// With --fix: print the fixes as a unified diff and write nothing
    #[arg(long, requires = "fix", conflicts_with = "format")]
    pub diff: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckProfile {
    // No doc comment here: a possible value with help of its own turns
    // `check --help` into clap's long layout (tests/suite/help.rs).
    CpsvAp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
    Sarif,
}

/// Where the findings go as the files are checked: straight to standard
/// output, so a terminal or a pipe sees them as files finish, or into the
/// temporary file of `-o`, renamed into place when the run is done.
enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    Spool(Spool, BufWriter<Box<dyn Write + Send>>),
}

impl Sink {
    fn open(context: &Context) -> Result<Sink, Failure> {
        match context.output.as_deref() {
            None => Ok(Sink::Stdout(BufWriter::new(std::io::stdout()))),
            Some(path) => {
                let spool = Spool::create(Some(path)).map_err(Failure::trouble)?;
                let file = spool.writer().map_err(Failure::trouble)?;
                Ok(Sink::Spool(spool, BufWriter::new(file)))
            }
        }
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(out) => out,
            Sink::Spool(_, out) => out,
        }
    }

    /// Flushes the output; a spool is renamed over its target.
    fn finish(self) -> Result<(), Message> {
        match self {
            Sink::Stdout(mut out) => match out.flush() {
                Ok(()) => Ok(()),
                // `trappa check … | head` closes the pipe early: not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(super::output::cannot_write_stdout(&e)),
            },
            Sink::Spool(spool, mut out) => {
                out.flush()
                    .map_err(|e| super::output::cannot_write_output(&e))?;
                drop(out);
                spool.deliver()
            }
        }
    }
}

/// Where the JSON findings wait for the counts that come before them: a
/// temporary file (memory stays flat), or memory when none can be made.
enum JsonSpill {
    File(std::fs::File),
    Memory(Vec<u8>),
}

impl Write for JsonSpill {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            JsonSpill::File(file) => file.write(buf),
            JsonSpill::Memory(bytes) => bytes.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            JsonSpill::File(file) => file.flush(),
            JsonSpill::Memory(_) => Ok(()),
        }
    }
}

impl emit::json::Spill for JsonSpill {
    fn replay(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        match self {
            JsonSpill::File(file) => file.replay(out),
            JsonSpill::Memory(bytes) => bytes.replay(out),
        }
    }
}

impl JsonSpill {
    fn open() -> JsonSpill {
        match super::output::anonymous_file() {
            Ok(file) => JsonSpill::File(file),
            Err(_) => JsonSpill::Memory(Vec::new()),
        }
    }
}

/// The codes of `--allow` or `--deny`, read before anything is checked.
fn codes(written: &[String], option: &'static str) -> Result<Vec<Code>, Failure> {
    let mut out = Vec::new();
    for text in written {
        let text = text.trim();
        let Some(code) = Code::ALL
            .iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text))
        else {
            let names = Code::ALL.iter().map(|c| c.as_str());
            let message = Message::new("usage.unknown_code")
                .text("option", option)
                .text("code", text.to_string());
            let message = match suggest::closest(&text.to_uppercase(), names) {
                Some(near) => message.phrase(
                    "hint",
                    Message::new("diagnostic.did_you_mean").text("near", near.to_string()),
                ),
                None => {
                    let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
                    message.phrase(
                        "hint",
                        Message::new("usage.codes_are").text("codes", all.join(", ")),
                    )
                }
            };
            return Err(Failure::trouble(message));
        };
        out.push(*code);
    }
    Ok(out)
}

/// What `--allow` and `--deny` ask, checked against each other: an error
/// cannot be allowed (`report` and `export` refuse the file whatever
/// `check` says), and a code cannot be both.
fn rules(args: &CheckArgs) -> Result<(Vec<Code>, Vec<Code>), Failure> {
    let allow = codes(&args.allow, "--allow")?;
    let deny = codes(&args.deny, "--deny")?;
    if let Some(code) = allow.iter().find(|c| c.severity() == Severity::Error) {
        return Err(Failure::trouble(
            Message::new("usage.allow_error").text("code", code.as_str()),
        ));
    }
    if let Some(code) = allow.iter().find(|c| deny.contains(c)) {
        return Err(Failure::trouble(
            Message::new("usage.allow_and_deny").text("code", code.as_str()),
        ));
    }
    Ok((allow, deny))
}

/// What `--fix` did to one file: its text before and after.
struct FixOutcome {
    path: PathBuf,
    name: String,
    before: String,
    after: String,
    applied: usize,
}

/// Writes a fixed file in place, atomically, as it was: its byte-order mark
/// kept, and only when the file still holds the text that was checked.
fn write_fixed(outcome: &FixOutcome) -> Result<(), Message> {
    let bytes = std::fs::read(&outcome.path)
        .map_err(|e| crate::inventory::source::cannot_read(&outcome.name, &e))?;
    let (bom, rest) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (&bytes[..3], rest),
        None => (&bytes[..0], &bytes[..]),
    };
    if rest != outcome.before.as_bytes() {
        return Err(Message::new("fix.changed_meanwhile").text("path", outcome.name.clone()));
    }
    let mut out = Vec::with_capacity(bom.len() + outcome.after.len());
    out.extend_from_slice(bom);
    out.extend_from_slice(outcome.after.as_bytes());
    super::output::deliver(Some(&outcome.path), &out)
}

pub(super) fn run(args: &CheckArgs, context: &Context) -> Result<(), Failure> {
    let (allow, deny) = rules(args)?;
    // Standard input has nowhere to be written back to.
    if args.fix && !args.diff && args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Failure::trouble(Message::new("fix.stdin")));
    }
    let mut fixed = 0usize;
    let mut files_fixed = 0usize;
    let mut denied = failure::Denied {
        warnings: args.deny_warnings,
        by_code: 0,
    };
    let mut sink = Sink::open(context)?;
    let mut tally = Tally::default();
    let mut files_checked = 0usize;
    let mut fixable = 0usize;
    let mut sarif_files: Vec<Findings> = Vec::new();
    let mut unwritten: Vec<Message> = Vec::new();
    let mut json = (args.format == CheckFormat::Json)
        .then(|| emit::json::Document::new(JsonSpill::open(), args.quiet, context.lang));
    let mut written: std::io::Result<()> = Ok(());
    let profile = match args.profile {
        None => Profile::Format,
        Some(CheckProfile::CpsvAp) => Profile::CpsvAp,
    };
    let problems = input::check_all(
        &args.paths,
        context,
        profile,
        |path, checked| {
            let (mut checked, outcome) = if args.fix {
                let before = checked.source.text.clone();
                let result = fix::fix(checked, profile, |d| !allow.contains(&d.code));
                let outcome = result.changed().then(|| FixOutcome {
                    path: path.to_path_buf(),
                    name: result.checked.source.name.clone(),
                    before,
                    after: result.text,
                    applied: result.applied,
                });
                (result.checked, outcome)
            } else {
                (checked, None)
            };
            checked.diagnostics.retain(|d| !allow.contains(&d.code));
            (Findings::keep(checked), outcome)
        },
        |(findings, outcome)| {
            files_checked += 1;
            if let Some(outcome) = outcome {
                fixed += outcome.applied;
                files_fixed += 1;
                if args.diff {
                    if written.is_ok() {
                        let diff =
                            fix::unified_diff(&outcome.name, &outcome.before, &outcome.after);
                        written = sink.writer().write_all(diff.as_bytes());
                    }
                } else if let Err(message) = write_fixed(&outcome) {
                    unwritten.push(message);
                }
            }
            if args.diff {
                return Ok(());
            }
            denied.by_code += findings
                .diagnostics
                .iter()
                .filter(|d| d.severity != Severity::Error && deny.contains(&d.code))
                .count();
            let file = [findings.as_file()];
            tally.add(Tally::of(findings.diagnostics.iter()));
            fixable += findings
                .diagnostics
                .iter()
                .filter(|d| d.fix.is_some() && !(args.quiet && d.severity == Severity::Info))
                .count();
            if written.is_err() {
                return Ok(());
            }
            written = match (args.format, json.as_mut()) {
                (CheckFormat::Json, Some(document)) => document.add(&file),
                // SARIF's results sit inside one run object: kept until the end.
                (CheckFormat::Sarif, _) => {
                    sarif_files.push(findings);
                    Ok(())
                }
                (CheckFormat::Github, _) => sink
                    .writer()
                    .write_all(emit::github::github(&file, args.quiet, context.lang).as_bytes()),
                _ => sink.writer().write_all(
                    emit::human::human_findings(
                        &file,
                        context.color,
                        args.quiet,
                        context.lang,
                        context.layout.width(),
                    )
                    .as_bytes(),
                ),
            };
            Ok(())
        },
    )?;
    let ending = match args.format {
        _ if args.diff => String::new(),
        // With no file read (every path was unusable) a summary would only
        // suggest that something was checked.
        CheckFormat::Human if !args.quiet && files_checked > 0 => {
            let mut ending = String::new();
            if args.fix {
                ending.push_str(&emit::human::fixed(
                    fixed,
                    files_fixed,
                    context.color,
                    context.lang,
                ));
            } else {
                ending.push_str(&emit::human::fixable(fixable, context.lang));
            }
            ending.push_str(&emit::human::summary(
                files_checked,
                tally,
                context.color,
                context.lang,
            ));
            ending
        }
        _ => String::new(),
    };
    written = written.and_then(|()| match json {
        Some(document) => document.finish(sink.writer()),
        None if args.format == CheckFormat::Sarif && !args.diff => {
            let files: Vec<_> = sarif_files.iter().map(Findings::as_file).collect();
            let document = emit::sarif::sarif(&files, args.quiet, context.lang);
            sink.writer().write_all(document.as_bytes())
        }
        None => sink.writer().write_all(ending.as_bytes()),
    });
    let delivered = match written {
        Ok(()) => sink.finish(),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(super::output::cannot_write_output(&e)),
    };
    let mut trouble = problems;
    trouble.extend(unwritten);
    if let Err(message) = delivered {
        trouble.push(message);
    }
    if !trouble.is_empty() {
        return Err(Failure::Trouble(trouble));
    }
    // A diff that is not empty fails like a finding: what CI runs to see
    // that nothing is left to fix.
    if args.diff {
        return match fixed {
            0 => Ok(()),
            n => Err(Failure::refused(
                Message::counted("fix.would_fix", n as u64).phrase(
                    "files",
                    Message::counted("fix.in_files", files_fixed as u64),
                ),
            )),
        };
    }
    failure::for_findings(tally, denied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(path: &std::path::Path, before: &str) -> FixOutcome {
        FixOutcome {
            path: path.to_path_buf(),
            name: "f.yaml".into(),
            before: before.into(),
            after: "code: \"0128\"\n".into(),
            applied: 1,
        }
    }

    #[test]
    fn a_file_changed_since_it_was_checked_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.yaml");
        std::fs::write(&path, "code: 0129\n").unwrap();
        let refused = write_fixed(&outcome(&path, "code: 0128\n")).unwrap_err();
        assert_eq!(refused.key, "fix.changed_meanwhile");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "code: 0129\n");
    }

    #[test]
    fn a_fixed_file_keeps_its_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.yaml");
        std::fs::write(&path, "\u{feff}code: 0128\n").unwrap();
        write_fixed(&outcome(&path, "code: 0128\n")).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            "\u{feff}code: \"0128\"\n".as_bytes()
        );
    }
}
