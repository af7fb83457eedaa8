//! How things are written: the render toolkit that every command's output
//! is made with — the [`document`] of blocks and its text and Markdown
//! forms, fitted [`text`] tables, [`markdown`] tables, [`numbers`] in each
//! language, JSON numbers and streamed JSON lists ([`json`]), the CSV
//! dialects ([`csv`]), xlsx workbooks ([`xlsx`]) and the self-contained
//! HTML page with its stylesheet, tables and charts ([`html`]) — and the
//! renderers of each command built from it ([`report`], [`trend`], …). None of them reads a file or decides a step
//! or a number: they format what they are given.

pub mod classification;
pub mod compare;
pub mod csv;
pub mod document;
pub mod export;
pub mod html;
pub mod json;
pub mod ladder;
pub mod markdown;
pub mod numbers;
pub mod plan;
pub mod report;
pub mod survey;
pub mod template;
pub mod text;
pub mod trend;
pub mod workbook;
pub mod xlsx;

use crate::diagnostic::{Message, io_reason};
use std::fmt::Display;

/// "cannot write CSV: REASON": an output that could not be written, with
/// the format's name ("CSV", "JSON", "xlsx"), which no language translates.
pub fn cannot_write(format: &'static str, reason: Message) -> Message {
    Message::new("io.cannot_write_format")
        .text("format", format)
        .phrase("reason", reason)
}

/// [`cannot_write`] for an I/O failure: in words where its kind has some.
pub fn io_failure(format: &'static str, error: &std::io::Error) -> Message {
    cannot_write(format, io_reason(error))
}

/// [`cannot_write`] with a library's own description of what went wrong.
pub fn failure(format: &'static str, detail: impl Display) -> Message {
    cannot_write(
        format,
        Message::new("io.reason.other").text("detail", detail.to_string()),
    )
}

/// A CSV writer's failure: nearly always the output's I/O.
pub fn csv_failure(error: &::csv::Error) -> Message {
    match error.kind() {
        ::csv::ErrorKind::Io(io) => io_failure("CSV", io),
        _ => failure("CSV", error),
    }
}

/// Whether to colour, decided once per run (spec §4: `auto` colours only a
/// terminal and honours `NO_COLOR`) and passed down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color(pub bool);

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl Color {
    pub fn decide(choice: ColorChoice, is_terminal: bool, no_color: Option<&str>) -> Color {
        match choice {
            ColorChoice::Always => Color(true),
            ColorChoice::Never => Color(false),
            ColorChoice::Auto => Color(is_terminal && no_color.is_none_or(str::is_empty)),
        }
    }

    /// Wraps `text` in an SGR sequence when colour is on.
    pub fn paint(self, sgr: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_is_decided_once_from_choice_terminal_and_no_color() {
        assert_eq!(Color::decide(ColorChoice::Auto, true, None), Color(true));
        assert_eq!(Color::decide(ColorChoice::Auto, false, None), Color(false));
        assert_eq!(
            Color::decide(ColorChoice::Auto, true, Some("1")),
            Color(false)
        );
        assert_eq!(
            Color::decide(ColorChoice::Auto, true, Some("")),
            Color(true)
        );
        assert_eq!(
            Color::decide(ColorChoice::Always, false, Some("1")),
            Color(true)
        );
        assert_eq!(Color::decide(ColorChoice::Never, true, None), Color(false));
    }
}
