//! One input through the whole of checking: read (`inventory::source`),
//! parse and type (`inventory`), then the cross-field rules (`check`).
//! Every command starts here; `check` prints what it finds, the others
//! refuse a file with errors.

use crate::check;
use crate::diagnostic::{Diagnostic, LineIndex, Message, Severity};
use crate::inventory::model::Inventory;
use crate::inventory::source::{self, ReadFailure, Source};
use crate::inventory::targets::TargetsFile;
use crate::inventory::{self, Document};
use std::path::Path;

/// One input after every check: its text (for carets in human output), the
/// document if it could be decoded, and every finding in line order.
#[derive(Debug)]
pub struct Checked {
    pub source: Source,
    pub document: Option<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    pub fn inventory(&self) -> Option<&Inventory> {
        match &self.document {
            Some(Document::Inventory(inventory)) => Some(inventory),
            _ => None,
        }
    }

    pub fn is_targets(&self) -> bool {
        matches!(self.document, Some(Document::Targets(_)))
    }

    /// The inventory, when it has no errors: what every command but `check` works on.
    pub fn valid_inventory(&self) -> Option<&Inventory> {
        if self.has_errors() {
            None
        } else {
            self.inventory()
        }
    }

    /// The targets, when the file is a targets file without errors.
    pub fn valid_targets(&self) -> Option<&TargetsFile> {
        match &self.document {
            Some(Document::Targets(targets)) if !self.has_errors() => Some(targets),
            _ => None,
        }
    }
}

/// Which rules a file is held to: the format's, or the format's and those
/// of what it will be exported to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Profile {
    #[default]
    Format,
    /// What `export --format cpsv-ap` needs: a description for every service.
    CpsvAp,
}

/// Reads and checks one path (`-` is standard input). Only an I/O failure is
/// an `Err`; a file trappa refuses to read is a `Checked` with an E001.
pub fn check_path(path: &Path) -> Result<Checked, Message> {
    check_path_with(path, Profile::Format)
}

/// [`check_path`] under a profile.
pub fn check_path_with(path: &Path, profile: Profile) -> Result<Checked, Message> {
    match source::read(path) {
        Ok(source) => Ok(check_source_with(source, profile)),
        Err(ReadFailure::Refused(diagnostic)) => Ok(Checked {
            source: Source {
                name: diagnostic.file.clone(),
                text: String::new(),
            },
            document: None,
            diagnostics: vec![diagnostic],
        }),
        Err(ReadFailure::Io(message)) => Err(message),
    }
}

/// Parses, decodes and checks text already in memory.
pub fn check_source(source: Source) -> Checked {
    check_source_with(source, Profile::Format)
}

/// [`check_source`] under a profile.
pub fn check_source_with(source: Source, profile: Profile) -> Checked {
    let (document, mut findings) = inventory::read(&source);
    if let Some(Document::Inventory(inventory)) = &document {
        check::check(&source.name, inventory, &mut findings);
        if profile == Profile::CpsvAp {
            check::cpsv_ap(&source.name, inventory, &mut findings);
        }
    }
    let mut diagnostics = findings.into_sorted(&source.name);
    resolve_fixes(&source.text, &mut diagnostics);
    Checked {
        source,
        document,
        diagnostics,
    }
}

/// Gives each fix its bytes in the text, and drops a fix whose place does
/// not hold what it expects (a tag, a quote, a value over two lines) or
/// whose edits overlap another's: a fix is applied exactly or not at all.
fn resolve_fixes(text: &str, diagnostics: &mut [Diagnostic]) {
    if diagnostics.iter().all(|d| d.fix.is_none()) {
        return;
    }
    let lines = LineIndex::new(text);
    for diagnostic in diagnostics.iter_mut() {
        diagnostic.fix = diagnostic
            .fix
            .take()
            .and_then(|fix| fix.resolve(&lines, text).map(Box::new));
    }
}
