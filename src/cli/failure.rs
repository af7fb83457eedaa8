//! Why a run did not succeed, as one type with its exit code (spec §4),
//! printed once by [`super::run`] — the way just's `run` and nextest's error
//! types end a run — instead of at every place a command gives up.

use crate::diagnostic::{Message, Tally};

/// Success: nothing failed.
pub const OK: i32 = 0;
/// The input has errors (or warnings, with `--deny-warnings`), or was refused.
pub const FINDINGS: i32 = 1;
/// Usage error, unreadable path, or I/O failure.
pub const TROUBLE: i32 = 2;

#[derive(Debug, PartialEq)]
pub enum Failure {
    /// Usage, unreadable paths, failed writes: exit 2, each message on a
    /// line, in the run's language when printed.
    Trouble(Vec<Message>),
    /// The input was refused (errors, two inventories of one organisation and
    /// year, a target naming an unknown department): exit 1. The refused
    /// files' diagnostics were printed as they were found; these lines say
    /// what was refused.
    Refused(Vec<Message>),
    /// `check` found errors (or warnings it was told to deny): exit 1. Its
    /// output already says so.
    Findings,
}

impl Failure {
    /// One usage or I/O problem.
    pub fn trouble(message: Message) -> Failure {
        Failure::Trouble(vec![message])
    }

    pub fn refused(message: Message) -> Failure {
        Failure::Refused(vec![message])
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Trouble(_) => TROUBLE,
            Failure::Refused(_) | Failure::Findings => FINDINGS,
        }
    }

    /// The lines to print on standard error.
    pub fn messages(&self) -> &[Message] {
        match self {
            Failure::Trouble(messages) | Failure::Refused(messages) => messages,
            Failure::Findings => &[],
        }
    }
}

/// What fails a check beyond its errors: warnings (`--deny-warnings`)
/// and the codes named by `--deny`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Denied {
    pub warnings: bool,
    /// Findings of a code named by `--deny`.
    pub by_code: usize,
}

/// Errors fail a check; warnings and infos only when denied. A run failed
/// by denied warnings says so: its findings alone would read as a pass.
pub fn for_findings(tally: Tally, denied: Denied) -> Result<(), Failure> {
    if tally.errors > 0 {
        return Err(Failure::Findings);
    }
    let mut why = Vec::new();
    if denied.warnings && tally.warnings > 0 {
        why.push(Message::counted(
            "check.warnings_denied",
            tally.warnings as u64,
        ));
    }
    if denied.by_code > 0 {
        why.push(Message::counted(
            "check.codes_denied",
            denied.by_code as u64,
        ));
    }
    if why.is_empty() {
        Ok(())
    } else {
        Err(Failure::Refused(why))
    }
}
