//! Findings as data. Every check produces [`Diagnostic`]s; the emitters in
//! [`crate::emit`] turn them into human, JSON or GitHub text, in the run's
//! language. A diagnostic says what is wrong as a [`Message`] — a key of the
//! word catalogues and its arguments — because this module, and the reader
//! and checks that use it, sit below the catalogues (`crate::i18n`).

mod findings;
mod fingerprint;
mod fix;
mod message;

pub use findings::Findings;
pub use fingerprint::Fingerprints;
pub use fix::{Applicability, Edit, Fix, LineIndex};
pub use message::{Arg, Message, io_reason};

use serde::Serialize;
use std::fmt;

/// A place in a source file. Lines and columns are 1-based; columns count
/// characters, not bytes, so a caret lines up under `å`, `ä` and `ö`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    /// Width of the offending token in characters (at least 1 when rendered).
    pub len: u32,
}

impl Pos {
    pub const START: Pos = Pos {
        line: 1,
        column: 1,
        len: 1,
    };

    pub fn new(line: u32, column: u32, len: u32) -> Self {
        Pos { line, column, len }
    }
}

/// The stable diagnostic codes of spec §3. New codes are added, never renumbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    E001,
    E002,
    E003,
    E004,
    E005,
    E006,
    E007,
    E008,
    W101,
    W102,
    W103,
    W104,
    W105,
    W106,
    W107,
    I201,
    I202,
    I203,
}

impl Code {
    /// Where the code is in [`Code::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    pub const ALL: &'static [Code] = &[
        Code::E001,
        Code::E002,
        Code::E003,
        Code::E004,
        Code::E005,
        Code::E006,
        Code::E007,
        Code::E008,
        Code::W101,
        Code::W102,
        Code::W103,
        Code::W104,
        Code::W105,
        Code::W106,
        Code::W107,
        Code::I201,
        Code::I202,
        Code::I203,
    ];

    /// The severity is part of the code: the first letter says it.
    pub fn severity(self) -> Severity {
        match self.as_str().as_bytes()[0] {
            b'E' => Severity::Error,
            b'W' => Severity::Warning,
            _ => Severity::Info,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Code::E001 => "E001",
            Code::E002 => "E002",
            Code::E003 => "E003",
            Code::E004 => "E004",
            Code::E005 => "E005",
            Code::E006 => "E006",
            Code::E007 => "E007",
            Code::E008 => "E008",
            Code::W101 => "W101",
            Code::W102 => "W102",
            Code::W103 => "W103",
            Code::W104 => "W104",
            Code::W105 => "W105",
            Code::W106 => "W106",
            Code::W107 => "W107",
            Code::I201 => "I201",
            Code::I202 => "I202",
            Code::I203 => "I203",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: Message,
    pub help: Option<Message>,
    /// Width of the caret in human output; not part of the JSON contract.
    pub len: u32,
    /// A second place the finding refers to (the first of two duplicates),
    /// with its label.
    pub related: Option<(Pos, Message)>,
    /// A change that mends the finding without changing what the file
    /// means, when there is one (`check --fix`).
    /// Boxed: most findings have none, and a finding travels by value.
    pub fix: Option<Box<Fix>>,
    /// Where in a spreadsheet the finding is, for `import`: the file is a
    /// workbook or a CSV file, not YAML, so `line` and `column` alone do
    /// not say it the way a spreadsheet user finds a cell. Boxed: most
    /// findings are in YAML, and a diagnostic is moved around by value.
    pub cell: Option<Box<CellPlace>>,
}

/// A place in a spreadsheet. In a workbook, `line` and `column` of the
/// diagnostic are the cell's row and column numbers and `sheet`/`cell` name
/// it (`Tjänster`, `F12`); in a CSV file there is no sheet and `line` and
/// `column` are the record's line and the field's number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellPlace {
    pub sheet: Option<String>,
    /// The cell in A1 notation (`F12`); with a sheet only.
    pub cell: Option<String>,
    /// The other place of a finding that has two (a duplicate id in
    /// another row or file), as a reader writes it: `a.xlsx:services!E3`.
    pub related: Option<String>,
}

impl CellPlace {
    /// `file:sheet!F12` in a workbook, `file:line:column` in a CSV file.
    pub fn show(&self, file: &str, line: u32, column: u32) -> String {
        match (&self.sheet, &self.cell) {
            (Some(sheet), Some(cell)) => format!("{file}:{sheet}!{cell}"),
            (Some(sheet), None) => format!("{file}:{sheet}"),
            _ if line == 0 => file.to_string(),
            _ => format!("{file}:{line}:{column}"),
        }
    }
}

/// A column number (0-based) in the letters of A1 notation: 0 → `A`,
/// 25 → `Z`, 26 → `AA`.
pub fn column_letters(mut col: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl Diagnostic {
    pub fn new(code: Code, file: &str, pos: Pos, message: Message) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            file: file.to_string(),
            line: pos.line,
            column: pos.column,
            message,
            help: None,
            len: pos.len,
            related: None,
            fix: None,
            cell: None,
        }
    }

    pub fn help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }

    pub fn with_cell(mut self, cell: CellPlace) -> Self {
        self.cell = Some(Box::new(cell));
        self
    }

    pub fn related(mut self, pos: Pos, label: Message) -> Self {
        self.related = Some((pos, label));
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    /// Adds a fix when there is one.
    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix.map(Box::new);
        self
    }

    /// Where the finding is, as a reader writes it: `file:line:column`, or
    /// `file:sheet!F12` for a cell of a workbook.
    pub fn place(&self) -> String {
        match &self.cell {
            Some(place) => place.show(&self.file, self.line, self.column),
            None => format!("{}:{}:{}", self.file, self.line, self.column),
        }
    }

    pub fn pos(&self) -> Pos {
        Pos::new(self.line, self.column, self.len)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Counts by severity, for summaries and exit codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Tally {
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
        let mut tally = Tally::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Info => tally.infos += 1,
            }
        }
        tally
    }

    pub fn add(&mut self, other: Tally) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}

/// Sorts one file's findings into line order (spec §3: file order, then line order).
pub fn sort_in_file_order(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.line, d.column, d.code));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_a1_notation() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(5), "F");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(51), "AZ");
        assert_eq!(column_letters(52), "BA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(column_letters(16_383), "XFD");
    }
}
