//! The three renderings of `check` findings: compiler-style text for people,
//! one JSON document for programs, GitHub workflow commands for annotations.

use super::Color;
use crate::diagnostic::{Diagnostic, Pos, Severity, Tally};
use serde::Serialize;
use std::fmt::Write;

/// What a renderer needs of one checked file.
pub struct FileFindings<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

pub fn human(files: &[FileFindings], color: Color, quiet: bool) -> String {
    let mut out = String::new();
    for file in files {
        // Split once per file: looking each finding's line up from the start
        // of the text made a file with many findings quadratic.
        let lines: Vec<&str> = if file.diagnostics.is_empty() {
            Vec::new()
        } else {
            file.text.lines().collect()
        };
        for d in file.diagnostics {
            if quiet && d.severity == Severity::Info {
                continue;
            }
            render_one(&mut out, d, &lines, color);
        }
    }
    // With no file read (every path was unusable) a summary would only
    // suggest that something was checked.
    if !quiet && !files.is_empty() {
        out.push_str(&summary(files, color));
    }
    out
}

fn render_one(out: &mut String, d: &Diagnostic, lines: &[&str], color: Color) {
    let (word, sgr) = match d.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
        Severity::Info => ("info", "1;36"),
    };
    let heading = color.paint(sgr, &format!("{word}[{}]", d.code));
    let _ = writeln!(out, "{heading}: {}", color.paint("1", &d.message));
    let gutter = d
        .related
        .as_ref()
        .map_or(d.line, |(pos, _)| pos.line.max(d.line))
        .to_string()
        .len();
    let blank = " ".repeat(gutter);
    let bar = color.paint("1;34", "|");
    let _ = writeln!(
        out,
        "{blank}{} {}:{}:{}",
        color.paint("1;34", "-->"),
        d.file,
        d.line,
        d.column
    );
    if let Some(line) = source_line(lines, d.line) {
        let _ = writeln!(out, "{blank} {bar}");
        snippet(out, line, d.pos(), "", gutter, color.paint(sgr, "^"), color);
    }
    if let Some((pos, label)) = &d.related
        && let Some(line) = source_line(lines, pos.line)
    {
        snippet(
            out,
            line,
            *pos,
            label,
            gutter,
            color.paint("1;34", "-"),
            color,
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "{blank} {} {}: {help}",
            color.paint("1;34", "="),
            color.paint("1", "help")
        );
    }
    out.push('\n');
}

/// A source line with its number and a row of markers under the token.
fn snippet(
    out: &mut String,
    line: &str,
    pos: Pos,
    label: &str,
    gutter: usize,
    marker: String,
    color: Color,
) {
    let shown = line.replace('\t', "    ");
    let before: usize = line
        .chars()
        .take(pos.column.saturating_sub(1) as usize)
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    let room = shown.chars().count().saturating_sub(before).max(1);
    let width = (pos.len.max(1) as usize).min(room);
    let number = color.paint("1;34", &format!("{:>gutter$}", pos.line));
    let bar = color.paint("1;34", "|");
    let _ = writeln!(out, "{number} {bar} {shown}");
    let markers = marker.repeat(width);
    let label = if label.is_empty() {
        String::new()
    } else {
        format!(" {label}")
    };
    let _ = writeln!(
        out,
        "{} {bar} {}{markers}{label}",
        " ".repeat(gutter),
        " ".repeat(before)
    );
}

fn source_line<'t>(lines: &[&'t str], line: u32) -> Option<&'t str> {
    let line = lines.get(line.checked_sub(1)? as usize)?;
    Some(line.trim_end_matches('\r'))
}

fn summary(files: &[FileFindings], color: Color) -> String {
    let tally = Tally::of(files.iter().flat_map(|f| f.diagnostics.iter()));
    let checked = match files.len() {
        1 => "checked 1 file".to_string(),
        n => format!("checked {n} files"),
    };
    if tally == Tally::default() {
        return format!("{checked}: {}\n", color.paint("1;32", "no problems found"));
    }
    let mut parts = Vec::new();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if tally.errors > 0 {
        parts.push(color.paint("1;31", &plural(tally.errors, "error", "errors")));
    }
    if tally.warnings > 0 {
        parts.push(color.paint("1;33", &plural(tally.warnings, "warning", "warnings")));
    }
    if tally.infos > 0 {
        parts.push(color.paint("1;36", &plural(tally.infos, "info", "infos")));
    }
    format!("{checked}: {}\n", parts.join(", "))
}

#[derive(Serialize)]
struct JsonReport<'a> {
    trappa_check: u32,
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<&'a Diagnostic>,
}

/// The stable JSON document of spec §4.
pub fn json(files: &[FileFindings]) -> String {
    let all: Vec<&Diagnostic> = files.iter().flat_map(|f| f.diagnostics.iter()).collect();
    let tally = Tally::of(all.iter().copied());
    let report = JsonReport {
        trappa_check: 1,
        files: files.len(),
        errors: tally.errors,
        warnings: tally.warnings,
        diagnostics: all,
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

/// GitHub Actions workflow commands: one annotation per finding.
pub fn github(files: &[FileFindings]) -> String {
    let mut out = String::new();
    for d in files.iter().flat_map(|f| f.diagnostics.iter()) {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            escape_property(&d.file),
            d.line,
            d.column,
            escape_property(&format!("trappa {}", d.code)),
            escape_data(&message)
        );
    }
    out
}

/// Workflow command data escaping (as in @actions/core's `escapeData`).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Property values also escape `:` and `,` (`escapeProperty`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn sample() -> Diagnostic {
        Diagnostic::new(
            Code::E004,
            "inv, 1.yaml",
            Pos::new(2, 17, 3),
            "department `abc` is 50% unknown",
        )
        .help("did you mean `abd`?\nsecond line")
    }

    #[test]
    fn github_escapes_data_and_properties() {
        let d = [sample()];
        let files = [FileFindings {
            name: "x",
            text: "",
            diagnostics: &d,
        }];
        assert_eq!(
            github(&files),
            "::error file=inv%2C 1.yaml,line=2,col=17,title=trappa E004::department `abc` is 50%25 unknown%0Ahelp: did you mean `abd`?%0Asecond line\n"
        );
    }

    #[test]
    fn human_shows_the_line_and_a_caret_under_the_token() {
        let d = [sample()];
        let text = "services:\n  - department: abc\n";
        let files = [FileFindings {
            name: "x",
            text,
            diagnostics: &d,
        }];
        let out = human(&files, Color(false), false);
        assert!(
            out.contains("2 |   - department: abc\n  |                 ^^^\n"),
            "{out}"
        );
        assert!(out.ends_with("checked 1 file: 1 error\n"), "{out}");
    }
}
