//! The stable JSON document of spec §4:
//! `{"trappa_check": 1, "files": N, "errors": N, "warnings": N, "diagnostics": [...]}`,
//! each diagnostic `{code, severity, file, line, column, key, message, help,
//! fingerprint}`: `message` and `help` in the run's language, `key` the
//! message's stable catalogue key (spec §6), so that tools need not parse
//! sentences, and `fingerprint` the finding's identity across edits (it
//! leaves the line out; see [`Fingerprints`]), and `fix` when `check --fix`
//! can mend it: its message and its edits (line, column, end column, the
//! byte range `start..end` of the file and the text put there).
//! `--quiet` leaves infos out of `diagnostics`; the counts of errors and
//! warnings are the same either way.
//!
//! The counts come first but are known only at the end, so [`Document`]
//! takes the findings as the files are checked, writes each one's JSON into
//! a spill (a temporary file, so memory stays flat however many findings
//! there are) and puts the document together when the run is done.

use super::FileFindings;
use crate::diagnostic::{Code, Diagnostic, Fingerprints, Fix, Severity, Tally};
use crate::i18n::{self, Lang};
use serde::Serialize;
use std::io::{Read, Seek, Write};

/// The whole document at once, for callers that hold every file's findings.
pub fn json(files: &[FileFindings], quiet: bool, lang: Lang) -> String {
    let mut document = Document::new(Vec::new(), quiet, lang);
    let written = document.add(files);
    debug_assert!(written.is_ok(), "writing into memory cannot fail");
    let mut out = Vec::new();
    let _ = document.finish(&mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Where the diagnostics wait for the counts: memory or a temporary file.
pub trait Spill: Write {
    /// Everything written so far, from the start.
    fn replay(&mut self, out: &mut dyn Write) -> std::io::Result<()>;
}

impl Spill for Vec<u8> {
    fn replay(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(self)
    }
}

impl Spill for std::fs::File {
    fn replay(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        self.flush()?;
        self.rewind()?;
        let mut buffer = [0u8; 64 * 1024];
        loop {
            let n = self.read(&mut buffer)?;
            if n == 0 {
                return Ok(());
            }
            out.write_all(&buffer[..n])?;
        }
    }
}

pub struct Document<S: Spill> {
    spill: S,
    quiet: bool,
    lang: Lang,
    files: usize,
    tally: Tally,
    shown: usize,
}

impl<S: Spill> Document<S> {
    pub fn new(spill: S, quiet: bool, lang: Lang) -> Self {
        Document {
            spill,
            quiet,
            lang,
            files: 0,
            tally: Tally::default(),
            shown: 0,
        }
    }

    /// Counts the files and their findings and spills the shown ones.
    pub fn add(&mut self, files: &[FileFindings]) -> std::io::Result<()> {
        self.files += files.len();
        self.tally
            .add(Tally::of(files.iter().flat_map(|f| f.diagnostics.iter())));
        for file in files {
            // Every finding of the file counts toward the fingerprints, the
            // infos that --quiet leaves out too, so that a fingerprint does
            // not depend on --quiet.
            let mut fingerprints = Fingerprints::new();
            for diagnostic in file.diagnostics {
                let fingerprint = fingerprints.next(diagnostic);
                if self.quiet && diagnostic.severity == Severity::Info {
                    continue;
                }
                let separator = if self.shown == 0 { "\n" } else { ",\n" };
                self.spill.write_all(separator.as_bytes())?;
                self.spill
                    .write_all(indented(diagnostic, fingerprint, self.lang).as_bytes())?;
                self.shown += 1;
            }
        }
        Ok(())
    }

    pub fn tally(&self) -> Tally {
        self.tally
    }

    /// Writes the document: the counts, then the spilled diagnostics.
    pub fn finish(mut self, out: &mut dyn Write) -> std::io::Result<()> {
        write!(
            out,
            "{{\n  \"trappa_check\": 1,\n  \"files\": {},\n  \"errors\": {},\n  \"warnings\": {},\n  \"diagnostics\": [",
            self.files, self.tally.errors, self.tally.warnings
        )?;
        self.spill.replay(out)?;
        if self.shown > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(b"]\n}\n")
    }
}

/// One diagnostic as the document shows it.
#[derive(Serialize)]
struct Shown<'a> {
    code: Code,
    severity: Severity,
    file: &'a str,
    line: u32,
    column: u32,
    /// A workbook's sheet and cell (`import`), absent for YAML and CSV.
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<&'a str>,
    key: &'static str,
    message: String,
    help: Option<String>,
    fingerprint: String,
    /// Present when `check --fix` can mend the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<ShownFix>,
}

/// A fix as the document shows it: what it does, and its edits with both
/// the place in lines and columns and the bytes of the file it replaces.
#[derive(Serialize)]
struct ShownFix {
    applicability: &'static str,
    message: String,
    edits: Vec<ShownEdit>,
}

#[derive(Serialize)]
struct ShownEdit {
    line: u32,
    column: u32,
    end_column: u32,
    start: usize,
    end: usize,
    content: String,
}

impl ShownFix {
    fn of(fix: &Fix, lang: Lang) -> Option<ShownFix> {
        let edits = fix
            .edits
            .iter()
            .map(|edit| {
                let range = edit.range.clone()?;
                Some(ShownEdit {
                    line: edit.pos.line,
                    column: edit.pos.column,
                    end_column: edit.end_column(),
                    start: range.start,
                    end: range.end,
                    content: edit.content.clone(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(ShownFix {
            applicability: fix.applicability.as_str(),
            message: i18n::message(lang, &fix.title),
            edits,
        })
    }
}

impl<'a> Shown<'a> {
    fn of(d: &'a Diagnostic, fingerprint: String, lang: Lang) -> Shown<'a> {
        Shown {
            code: d.code,
            severity: d.severity,
            file: &d.file,
            line: d.line,
            column: d.column,
            sheet: d.cell.as_ref().and_then(|c| c.sheet.as_deref()),
            cell: d.cell.as_ref().and_then(|c| c.cell.as_deref()),
            key: d.message.key,
            message: i18n::message(lang, &d.message),
            help: d.help.as_ref().map(|help| i18n::message(lang, help)),
            fingerprint,
            fix: d.fix.as_ref().and_then(|fix| ShownFix::of(fix, lang)),
        }
    }
}

/// One diagnostic as pretty JSON, indented to sit in the list.
fn indented(diagnostic: &Diagnostic, fingerprint: String, lang: Lang) -> String {
    let pretty =
        serde_json::to_string_pretty(&Shown::of(diagnostic, fingerprint, lang)).unwrap_or_default();
    let mut text = String::with_capacity(pretty.len() + 64);
    for (i, line) in pretty.lines().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str("    ");
        text.push_str(line);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Message, Pos};

    /// The document as serde would write it whole, to hold the streamed
    /// one to the same bytes.
    #[derive(Serialize)]
    struct Whole<'a> {
        trappa_check: u32,
        files: usize,
        errors: usize,
        warnings: usize,
        diagnostics: Vec<Shown<'a>>,
    }

    /// `diagnostics` are all of one file.
    fn whole(files: usize, diagnostics: &[Diagnostic], lang: Lang) -> String {
        let tally = Tally::of(diagnostics);
        let mut fingerprints = Fingerprints::new();
        let mut text = serde_json::to_string_pretty(&Whole {
            trappa_check: 1,
            files,
            errors: tally.errors,
            warnings: tally.warnings,
            diagnostics: diagnostics
                .iter()
                .map(|d| Shown::of(d, fingerprints.next(d), lang))
                .collect(),
        })
        .unwrap();
        text.push('\n');
        text
    }

    fn sample() -> Vec<Diagnostic> {
        vec![
            Diagnostic::new(
                Code::E004,
                "a.yaml",
                Pos::new(2, 3, 1),
                Message::new("diagnostic.e004.unknown_department")
                    .text("department", "\"x\"")
                    .text("service", "s"),
            )
            .help(Message::new("diagnostic.did_you_mean").text("near", "y")),
            Diagnostic::new(
                Code::W102,
                "a.yaml",
                Pos::new(5, 1, 1),
                Message::new("diagnostic.w102.no_statement").text("service", "s"),
            ),
        ]
    }

    #[test]
    fn streamed_document_is_the_whole_document() {
        let d = sample();
        let files = [FileFindings {
            name: "a.yaml",
            text: "",
            diagnostics: &d,
        }];
        for lang in Lang::ALL {
            assert_eq!(json(&files, false, lang), whole(1, &d, lang));
            assert_eq!(json(&[], false, lang), whole(0, &[], lang));
        }
        let spilled = tempfile::tempfile().unwrap();
        let mut document = Document::new(spilled, false, Lang::Sv);
        document.add(&files).unwrap();
        let mut out = Vec::new();
        document.finish(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), whole(1, &d, Lang::Sv));
    }

    #[test]
    fn a_diagnostic_has_its_key_and_its_words_in_the_language() {
        let d = sample();
        let files = [FileFindings {
            name: "a.yaml",
            text: "",
            diagnostics: &d,
        }];
        let value: serde_json::Value =
            serde_json::from_str(&json(&files, false, Lang::Sv)).unwrap();
        let first = &value["diagnostics"][0];
        assert_eq!(first["code"], "E004");
        assert_eq!(first["severity"], "error");
        assert_eq!(first["key"], "diagnostic.e004.unknown_department");
        assert_eq!(
            first["message"],
            "förvaltningen `\"x\"` för tjänsten `s` finns inte i `departments`"
        );
        assert_eq!(first["help"], "menade du `y`?");
        assert_eq!(value["diagnostics"][1]["help"], serde_json::Value::Null);
    }
}
