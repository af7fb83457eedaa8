//! The renderings of `check` findings, beside [`crate::diagnostic`] as
//! ruff keeps its emitters: compiler-style text for people ([`human`]), one
//! JSON document for programs ([`json`]), GitHub workflow commands for
//! annotations ([`github`]), SARIF 2.1.0 for code scanning ([`sarif`]). Each is a function of the findings it is given
//! and the run's language: a finding carries its message as data (a key
//! and its arguments), and the emitter puts it into words
//! ([`crate::i18n::message`]) as it writes it.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Severity};

/// What a renderer needs of one checked file.
pub struct FileFindings<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

/// The findings a run shows: with `--quiet`, errors and warnings only.
fn shown<'a>(files: &'a [FileFindings], quiet: bool) -> impl Iterator<Item = &'a Diagnostic> {
    files
        .iter()
        .flat_map(|f| f.diagnostics.iter())
        .filter(move |d| !quiet || d.severity != Severity::Info)
}
