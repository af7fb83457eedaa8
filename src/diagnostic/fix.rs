//! A fix as data on a finding, as ruff keeps it: what to replace, with
//! what, and how sure we are. The modules that find a problem know the
//! place (line and column, in characters) and what is written there; the
//! byte range is found once the text is at hand ([`Fix::resolve`]), and a
//! fix whose place does not hold what it expects is dropped rather than
//! guessed at.

use super::{Message, Pos};
use std::ops::Range;

/// Whether a fix may be applied without asking. Only safe fixes are made:
/// ones that cannot change what the inventory means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applicability {
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
        }
    }
}

/// One replacement: the characters at `pos` (its line, column and length)
/// that must read `expected`, replaced by `content`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub pos: Pos,
    pub expected: String,
    pub content: String,
    /// The bytes of the source text replaced, once resolved.
    pub range: Option<Range<usize>>,
}

impl Edit {
    pub fn replace(pos: Pos, expected: impl Into<String>, content: impl Into<String>) -> Edit {
        Edit {
            pos,
            expected: expected.into(),
            content: content.into(),
            range: None,
        }
    }

    /// The column just after the replaced text, 1-based, in characters.
    pub fn end_column(&self) -> u32 {
        self.pos.column + self.expected.chars().count() as u32
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    pub applicability: Applicability,
    /// What the fix does, in words: "Quote the code: \"0128\"".
    pub title: Message,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: Message, edits: Vec<Edit>) -> Fix {
        Fix {
            applicability: Applicability::Safe,
            title,
            edits,
        }
    }

    /// Finds each edit's bytes in `text`: `None` when an edit's place is
    /// not in the text or does not hold what the edit expects.
    pub fn resolve(mut self, lines: &LineIndex, text: &str) -> Option<Fix> {
        for edit in &mut self.edits {
            let start = lines.offset(text, edit.pos.line, edit.pos.column)?;
            let end = start + edit.expected.len();
            if text.get(start..end) != Some(edit.expected.as_str()) {
                return None;
            }
            edit.range = Some(start..end);
        }
        Some(self)
    }
}

/// Where each line of a text starts, in bytes.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex { starts }
    }

    /// The byte offset of a 1-based line and character column.
    pub fn offset(&self, text: &str, line: u32, column: u32) -> Option<usize> {
        let start = *self.starts.get(line.checked_sub(1)? as usize)?;
        let end = self
            .starts
            .get(line as usize)
            .map_or(text.len(), |next| next - 1);
        let line_text = text.get(start..end)?;
        let skip = column.checked_sub(1)? as usize;
        if skip == 0 {
            return Some(start);
        }
        line_text
            .char_indices()
            .nth(skip)
            .map(|(at, _)| start + at)
            .or_else(|| (line_text.chars().count() == skip).then_some(end))
    }

    /// The byte offset of a 0-based line and a column in UTF-16 code units
    /// (a column past the line's end is its end).
    pub fn from_utf16(&self, text: &str, line: u32, column: u32) -> Option<usize> {
        let start = *self.starts.get(line as usize)?;
        let end = self
            .starts
            .get(line as usize + 1)
            .map_or(text.len(), |next| next - 1);
        let mut units = 0;
        for (at, c) in text.get(start..end)?.char_indices() {
            if units >= column as usize {
                return Some(start + at);
            }
            units += c.len_utf16();
        }
        Some(end)
    }

    /// A byte offset as a 0-based line and a column in UTF-16 code units,
    /// as the language server protocol counts them.
    pub fn utf16(&self, text: &str, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column: usize = text
            .get(start..offset)
            .map_or(0, |t| t.chars().map(char::len_utf16).sum());
        (line as u32, column as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_bytes_from_character_columns() {
        let text = "a: 1\nnamn: Åre kommun\nc: x";
        let lines = LineIndex::new(text);
        assert_eq!(lines.offset(text, 1, 1), Some(0));
        assert_eq!(lines.offset(text, 2, 7), Some(5 + 6));
        // After `Å` (two bytes) the columns and bytes part.
        assert_eq!(&text[lines.offset(text, 2, 8).unwrap()..][..2], "re");
        assert_eq!(lines.offset(text, 3, 5), Some(text.len()));
        assert_eq!(lines.offset(text, 4, 1), None);
        assert_eq!(lines.offset(text, 1, 9), None);
        assert_eq!(lines.utf16(text, 5 + 8), (1, 7));
        assert_eq!(lines.from_utf16(text, 1, 7), Some(5 + 8));
        // `namn: Åre kommun` is 16 characters, 17 bytes.
        assert_eq!(lines.from_utf16(text, 1, 99), Some(5 + 17));
    }

    #[test]
    fn a_fix_that_does_not_match_its_place_is_dropped() {
        let text = "code: 0128\n";
        let lines = LineIndex::new(text);
        let edit = |expected: &str| {
            Fix::safe(
                Message::new("x"),
                vec![Edit::replace(Pos::new(1, 7, 4), expected, "\"0128\"")],
            )
        };
        let fix = edit("0128").resolve(&lines, text).unwrap();
        assert_eq!(fix.edits[0].range, Some(6..10));
        assert!(edit("0129").resolve(&lines, text).is_none());
    }
}
