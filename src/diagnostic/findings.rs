//! The findings of one file, bounded. A hostile or broken file can hold
//! hundreds of thousands of the same mistake (300 000 unknown keys in one
//! service); every finding kept costs memory and output, and the
//! thousandth of a kind tells the reader nothing the first did not. So a
//! file keeps the first [`MAX_FINDINGS_PER_CODE`] findings of each code,
//! counts the rest, and ends with one finding per code that says how many
//! more there were and where the first of them is.

use super::{Code, Diagnostic, Message, Pos, Severity, sort_in_file_order};
use crate::limits::MAX_FINDINGS_PER_CODE;

#[derive(Debug, Default)]
pub struct Findings {
    kept: Vec<Diagnostic>,
    /// Per code (in `Code::ALL` order): how many were reported, and where
    /// the first that was not kept is.
    reported: [u64; Code::ALL.len()],
    first_dropped: [Option<Pos>; Code::ALL.len()],
    errors: u64,
    /// Whether the last finding pushed was kept.
    last_kept: bool,
}

impl Findings {
    pub fn new() -> Findings {
        Findings::default()
    }

    /// Records a finding: kept, or counted when over its code's limit.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        let index = diagnostic.code.index();
        self.reported[index] += 1;
        if diagnostic.severity == Severity::Error {
            self.errors += 1;
        }
        self.last_kept = self.reported[index] <= MAX_FINDINGS_PER_CODE;
        if self.last_kept {
            self.kept.push(diagnostic);
        } else {
            self.first_dropped[index].get_or_insert(diagnostic.pos());
        }
    }

    /// True when a finding of `code` would only be counted: the caller can
    /// then [`skip`](Self::skip) building it (its "did you mean", its list of
    /// known keys), which is most of the cost of a file of 300 000 mistakes.
    pub fn is_full(&self, code: Code) -> bool {
        self.reported[code.index()] >= MAX_FINDINGS_PER_CODE
    }

    /// Counts a finding that is not kept, without building it; for a code
    /// that [`is_full`](Self::is_full).
    pub fn skip(&mut self, code: Code, pos: Pos) {
        debug_assert!(self.is_full(code));
        let index = code.index();
        self.reported[index] += 1;
        if code.severity() == Severity::Error {
            self.errors += 1;
        }
        self.last_kept = false;
        self.first_dropped[index].get_or_insert(pos);
    }

    /// Every error reported so far, kept or not: what the decoder asks to
    /// know whether a part of the file had a problem.
    pub fn errors(&self) -> u64 {
        self.errors
    }

    /// The finding just pushed, if it was kept: to add to it what only the
    /// caller knows (a help).
    pub fn last_mut(&mut self) -> Option<&mut Diagnostic> {
        if self.last_kept {
            self.kept.last_mut()
        } else {
            None
        }
    }

    /// The findings in file order, with one more per code that went over
    /// its limit, at the place of the first one not shown.
    pub fn into_sorted(mut self, file: &str) -> Vec<Diagnostic> {
        for (index, code) in Code::ALL.iter().enumerate() {
            let hidden = self.reported[index].saturating_sub(MAX_FINDINGS_PER_CODE);
            if let (true, Some(pos)) = (hidden > 0, self.first_dropped[index]) {
                self.kept.push(
                    Diagnostic::new(
                        *code,
                        file,
                        pos,
                        Message::counted("diagnostic.more_findings", hidden)
                            .text("code", code.as_str())
                            .number("shown", i128::from(MAX_FINDINGS_PER_CODE)),
                    )
                    .help(Message::new("diagnostic.more_findings_help")),
                );
            }
        }
        sort_in_file_order(&mut self.kept);
        self.kept
    }
}

impl Extend<Diagnostic> for Findings {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        for diagnostic in iter {
            self.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown_key(line: u32) -> Diagnostic {
        Diagnostic::new(
            Code::E002,
            "x.yaml",
            Pos::new(line, 3, 1),
            Message::new("diagnostic.e002.unknown_key"),
        )
    }

    #[test]
    fn a_code_keeps_its_first_findings_and_says_how_many_more() {
        let mut findings = Findings::new();
        let total = MAX_FINDINGS_PER_CODE + 250;
        for line in 1..=total as u32 {
            findings.push(unknown_key(line));
        }
        findings.push(Diagnostic::new(
            Code::W106,
            "x.yaml",
            Pos::START,
            Message::new("diagnostic.w106.no_services"),
        ));
        assert_eq!(findings.errors(), total);
        let out = findings.into_sorted("x.yaml");
        // The limit's worth of E002, the W106, and one finding for the rest.
        assert_eq!(out.len() as u64, MAX_FINDINGS_PER_CODE + 2);
        let more = out
            .iter()
            .find(|d| d.message.key == "diagnostic.more_findings")
            .expect("a finding about the rest");
        assert_eq!(more.code, Code::E002);
        assert_eq!(more.message.count, Some(250));
        assert_eq!(more.line as u64, MAX_FINDINGS_PER_CODE + 1);
    }

    #[test]
    fn a_code_knows_its_place_in_the_list_of_codes() {
        for (index, code) in Code::ALL.iter().enumerate() {
            assert_eq!(code.index(), index, "{code}");
        }
    }

    #[test]
    fn a_skipped_finding_is_counted_like_a_dropped_one() {
        let mut built = Findings::new();
        let mut skipped = Findings::new();
        for line in 1..=MAX_FINDINGS_PER_CODE as u32 + 5 {
            built.push(unknown_key(line));
            if skipped.is_full(Code::E002) {
                skipped.skip(Code::E002, unknown_key(line).pos());
            } else {
                skipped.push(unknown_key(line));
            }
        }
        assert_eq!(built.errors(), skipped.errors());
        assert!(skipped.last_mut().is_none());
        assert_eq!(built.into_sorted("x.yaml"), skipped.into_sorted("x.yaml"));
    }

    #[test]
    fn under_the_limit_nothing_is_added() {
        let mut findings = Findings::new();
        findings.extend((1..=3).map(unknown_key));
        assert_eq!(findings.into_sorted("x.yaml").len(), 3);
    }
}
