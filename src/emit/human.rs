//! Compiler-style text for people: the message, the place, the source line
//! with a caret under the token, and a help line.
//!
//! On a terminal (a `width` is given) the message and the help are wrapped
//! at spaces with a hanging indent, so that a Swedish sentence at 80 columns
//! is not cut inside a word by the terminal; piped or written to a file
//! each stays on one line, for grep, as compilers write them.

use super::FileFindings;
use crate::characters;
use crate::diagnostic::{Diagnostic, Message, Pos, Severity, Tally};
use crate::i18n::{self, Lang};
use crate::render::Color;
use crate::render::text::wrap;
use std::borrow::Cow;
use std::fmt::Write;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn human(files: &[FileFindings], color: Color, quiet: bool, lang: Lang) -> String {
    let mut out = human_findings(files, color, quiet, lang, None);
    // With no file read (every path was unusable) a summary would only
    // suggest that something was checked.
    if !quiet && !files.is_empty() {
        let tally = Tally::of(files.iter().flat_map(|f| f.diagnostics.iter()));
        out.push_str(&summary(files.len(), tally, color, lang));
    }
    out
}

/// The words around every finding, looked up once per batch.
struct Frame {
    lang: Lang,
    /// The terminal's width, to wrap messages at; `None` when not a terminal.
    width: Option<usize>,
    error: &'static str,
    warning: &'static str,
    info: &'static str,
    help: &'static str,
}

impl Frame {
    fn new(lang: Lang, width: Option<usize>) -> Frame {
        Frame {
            lang,
            width,
            error: i18n::text(lang, "diagnostic.severity.error"),
            warning: i18n::text(lang, "diagnostic.severity.warning"),
            info: i18n::text(lang, "diagnostic.severity.info"),
            help: i18n::text(lang, "diagnostic.help"),
        }
    }
}

/// The findings of some files without the summary line, so that `check`
/// can print a large run a batch of files at a time.
pub fn human_findings(
    files: &[FileFindings],
    color: Color,
    quiet: bool,
    lang: Lang,
    width: Option<usize>,
) -> String {
    let mut out = String::new();
    let frame = Frame::new(lang, width);
    for file in files {
        // Split once per file: looking each finding's line up from the start
        // of the text made a file with many findings quadratic.
        let lines: Vec<&str> = if file.diagnostics.is_empty() {
            Vec::new()
        } else {
            file.text.lines().collect()
        };
        let mut cursor = Cursor::default();
        for d in file.diagnostics {
            if quiet && d.severity == Severity::Info {
                continue;
            }
            render_one(&mut out, d, &lines, &mut cursor, color, &frame);
        }
    }
    out
}

fn render_one(
    out: &mut String,
    d: &Diagnostic,
    lines: &[&str],
    cursor: &mut Cursor,
    color: Color,
    frame: &Frame,
) {
    let (word, sgr) = match d.severity {
        Severity::Error => (frame.error, "1;31"),
        Severity::Warning => (frame.warning, "1;33"),
        Severity::Info => (frame.info, "1;36"),
    };
    let heading = format!("{word}[{}]: ", d.code);
    let message = i18n::message(frame.lang, &d.message);
    for (i, line) in wrapped(&visible(&message), heading.width(), frame.width)
        .iter()
        .enumerate()
    {
        let lead = if i == 0 {
            format!(
                "{}: ",
                color.paint(sgr, heading.trim_end_matches([':', ' ']))
            )
        } else {
            " ".repeat(heading.width())
        };
        let _ = writeln!(out, "{lead}{}", color.paint("1", line));
    }
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
        "{blank}{} {}",
        color.paint("1;34", "-->"),
        visible(&d.place()),
    );
    // A finding in a spreadsheet has no source line to show; its other
    // place (the first of two duplicates) is named instead.
    if let Some((_, label)) = &d.related
        && let Some(other) = d.cell.as_ref().and_then(|c| c.related.as_deref())
    {
        let _ = writeln!(
            out,
            "{blank} {} {}: {}",
            color.paint("1;34", "-"),
            visible(other),
            visible(&i18n::message(frame.lang, label))
        );
    }
    if let Some(line) = source_line(lines, d.line) {
        let _ = writeln!(out, "{blank} {bar}");
        let marker = color.paint(sgr, "^");
        let mark = Mark {
            glyph: marker,
            label: String::new(),
        };
        snippet(out, line, d.pos(), mark, gutter, cursor, color);
    }
    if let Some((pos, label)) = &d.related
        && let Some(line) = source_line(lines, pos.line)
    {
        let mark = Mark {
            glyph: color.paint("1;34", "-"),
            label: i18n::message(frame.lang, label),
        };
        snippet(
            out,
            line,
            *pos,
            mark,
            gutter,
            // Elsewhere in the file: a walk of its own, which leaves the
            // cursor of the findings' own lines where it was.
            &mut Cursor::default(),
            color,
        );
    }
    if let Some(help) = &d.help {
        let lead = format!("{blank} = {}: ", frame.help);
        let help = i18n::message(frame.lang, help);
        for (i, line) in wrapped(&visible(&help), lead.width(), frame.width)
            .iter()
            .enumerate()
        {
            if i == 0 {
                let _ = write!(
                    out,
                    "{blank} {} {}: ",
                    color.paint("1;34", "="),
                    color.paint("1", frame.help)
                );
            } else {
                out.push_str(&" ".repeat(lead.width()));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    out.push('\n');
}

/// `text` in lines that fit `width` after an indent of `indent` columns;
/// one line when there is no width (not a terminal) or no room to speak of.
fn wrapped(text: &str, indent: usize, width: Option<usize>) -> Vec<String> {
    /// Below this many columns for the text, wrapping would make a ribbon
    /// of single words: leave it to the terminal.
    const LEAST_ROOM: usize = 20;
    match width {
        Some(width) if width >= indent + LEAST_ROOM => {
            let mut out = String::new();
            wrap(&mut out, text, "", "", width - indent);
            out.lines().map(str::to_string).collect()
        }
        _ => vec![text.to_string()],
    }
}

/// The widest source text a snippet shows, in terminal columns: a file
/// with one long line (a minified 8 MB YAML) must not flood the terminal.
const SNIPPET_WIDTH: usize = 120;
/// Of that, how much is shown before the marked token when the line is cut.
const SNIPPET_CONTEXT_BEFORE: usize = 40;
/// What stands for the cut-off part of a line.
const ELLIPSIS: &str = "…";

/// How a source character is shown: tabs as four spaces, control
/// characters (C0, DEL, C1) as U+FFFD, so that a raw ESC in a file can
/// never drive the terminal, and a bidirectional override spelled out
/// (`\u{202e}`), so that the line shows in the order it is stored. Small
/// and `Copy`: a window holds a few hundred of these, never a `String` each.
#[derive(Clone, Copy)]
enum Shown {
    Char(char, u8),
    Tab,
    Replaced,
    Escaped(char),
}

impl Shown {
    fn of(c: char) -> Shown {
        match c {
            '\t' => Shown::Tab,
            c if c.is_control() => Shown::Replaced,
            c if characters::is_reordering(c) => Shown::Escaped(c),
            c => Shown::Char(c, UnicodeWidthChar::width(c).unwrap_or(0) as u8),
        }
    }

    fn width(self) -> usize {
        match self {
            Shown::Char(_, width) => usize::from(width),
            Shown::Tab => 4,
            Shown::Replaced => 1,
            // `\u{` + four hex digits + `}`
            Shown::Escaped(c) => c.escape_unicode().count(),
        }
    }

    fn push_to(self, out: &mut String) {
        match self {
            Shown::Char(c, _) => out.push(c),
            Shown::Tab => out.push_str("    "),
            Shown::Replaced => out.push('\u{FFFD}'),
            Shown::Escaped(c) => out.extend(c.escape_unicode()),
        }
    }
}

/// `text` with every character unsafe for a terminal spelled out:
/// messages and help quote values from the file, and the file's name is
/// the user's. (The message renderer already escapes the values it puts in;
/// this is the second line of defence, and the only one for file names.)
fn visible(text: &str) -> Cow<'_, str> {
    characters::escaped(text)
}

/// The part of a source line a snippet shows, and where the marked token
/// starts and how wide it is, in terminal columns from the shown text's start.
struct Window {
    text: String,
    marker_start: usize,
    marker_width: usize,
}

/// Where the walk along a line stopped for the previous snippet. Findings
/// come in line and column order, so the next snippet on the same line goes
/// on from there instead of from the line's start: thousands of findings on
/// one long line (a minified file) cost one walk along it, not one each.
#[derive(Default)]
struct Cursor {
    line: u32,
    /// Characters before `byte` on the line.
    chars: usize,
    byte: usize,
}

impl Cursor {
    /// The rest of `text` (line number `line`) after its first `skip`
    /// characters, moving the cursor there.
    fn skip<'t>(&mut self, text: &'t str, line: u32, skip: usize) -> &'t str {
        if self.line != line || self.chars > skip || self.byte > text.len() {
            *self = Cursor {
                line,
                chars: 0,
                byte: 0,
            };
        }
        let rest = &text[self.byte..];
        let ahead = skip - self.chars;
        let byte = rest
            .char_indices()
            .nth(ahead)
            .map_or(rest.len(), |(at, _)| at);
        let taken = if byte == rest.len() {
            rest.chars().count()
        } else {
            ahead
        };
        self.chars += taken;
        self.byte += byte;
        &text[self.byte..]
    }
}

fn window(line: &str, pos: Pos, cursor: &mut Cursor) -> Window {
    // Only characters near the token can be shown: look at no more than
    // twice the snippet's width either side, so that each of many findings
    // on one huge line costs little, and a token millions of characters
    // long (a 7 MB value) costs no more than a short one. (Zero-width
    // characters can make the shown part narrower; it stays correct.)
    let column = pos.column.saturating_sub(1) as usize;
    let token_len = (pos.len.max(1) as usize).min(SNIPPET_WIDTH);
    let reach = 2 * SNIPPET_WIDTH + token_len;
    let skipped = column.saturating_sub(reach);
    let mut rest = cursor.skip(line, pos.line, skipped).chars();
    let chars: Vec<Shown> = rest.by_ref().take(2 * reach).map(Shown::of).collect();
    let cut_before = skipped > 0;
    let cut_after = rest.next().is_some();
    let token_start = (column - skipped).min(chars.len());
    let token_end = token_start.saturating_add(token_len).min(chars.len());
    let width_of =
        |range: std::ops::Range<usize>| -> usize { chars[range].iter().map(|s| s.width()).sum() };
    let total = width_of(0..chars.len());
    let before = width_of(0..token_start);
    // A marker at least one column wide, even past the end of the line.
    let token = width_of(token_start..token_end).max(1);
    let mut text = String::new();
    if total <= SNIPPET_WIDTH && !cut_before && !cut_after {
        chars.iter().for_each(|s| s.push_to(&mut text));
        return Window {
            text,
            marker_start: before,
            marker_width: token,
        };
    }
    // Cut: keep some context before the token, then fill the width; a cut
    // side costs a column for its ellipsis.
    let room = SNIPPET_WIDTH - 2;
    let mut first = token_start;
    let mut used = 0;
    while first > 0 && used + chars[first - 1].width() <= SNIPPET_CONTEXT_BEFORE {
        first -= 1;
        used += chars[first].width();
    }
    let mut last = first;
    let mut shown = 0;
    while last < chars.len() && shown + chars[last].width() <= room {
        shown += chars[last].width();
        last += 1;
    }
    // Near the end of the line, show more of what comes before instead,
    // using the column no right-hand ellipsis needs.
    let at_end = last == chars.len() && !cut_after;
    let room = room + usize::from(at_end);
    while first > 0 && shown + chars[first - 1].width() <= room {
        first -= 1;
        shown += chars[first].width();
    }
    let (left, right) = (first > 0 || cut_before, last < chars.len() || cut_after);
    let mut marker_start = before - width_of(0..first);
    if left {
        text.push_str(ELLIPSIS);
        marker_start += 1;
    }
    chars[first..last].iter().for_each(|s| s.push_to(&mut text));
    if right {
        text.push_str(ELLIPSIS);
    }
    let shown_width = shown + usize::from(left) + usize::from(right);
    Window {
        text,
        marker_start,
        marker_width: token.min(shown_width.saturating_sub(marker_start)).max(1),
    }
}

/// A source line with its number and a row of markers under the token.
/// What marks the token under a snippet: `^` (the finding) or `-` (the
/// place it refers to), painted, and the words beside the marks.
struct Mark {
    glyph: String,
    label: String,
}

fn snippet(
    out: &mut String,
    line: &str,
    pos: Pos,
    mark: Mark,
    gutter: usize,
    cursor: &mut Cursor,
    color: Color,
) {
    let Mark {
        glyph: marker,
        label,
    } = mark;
    let window = window(line, pos, cursor);
    let number = color.paint("1;34", &format!("{:>gutter$}", pos.line));
    let bar = color.paint("1;34", "|");
    let _ = writeln!(out, "{number} {bar} {}", window.text);
    let markers = marker.repeat(window.marker_width);
    let label = if label.is_empty() {
        String::new()
    } else {
        format!(" {}", visible(&label))
    };
    let _ = writeln!(
        out,
        "{} {bar} {}{markers}{label}",
        " ".repeat(gutter),
        " ".repeat(window.marker_start)
    );
}

fn source_line<'t>(lines: &[&'t str], line: u32) -> Option<&'t str> {
    let line = lines.get(line.checked_sub(1)? as usize)?;
    Some(line.trim_end_matches('\r'))
}

/// "checked N files: 1 error, 2 warnings" / "kontrollerade N filer: 1 fel,
/// 2 varningar".
/// The line `check --fix` ends with before the summary: how many findings
/// it fixed, in how many files (what remains is the summary's).
pub fn fixed(fixed: usize, files: usize, color: Color, lang: Lang) -> String {
    if fixed == 0 {
        return format!("{}\n", i18n::text(lang, "fix.summary.nothing"));
    }
    let line = i18n::message(
        lang,
        &Message::counted("fix.summary.fixed", fixed as u64)
            .phrase("files", Message::counted("fix.in_files", files as u64)),
    );
    format!("{}\n", color.paint("1;32", &line))
}

/// The line a run without `--fix` adds when some findings have a fix.
pub fn fixable(count: usize, lang: Lang) -> String {
    if count == 0 {
        return String::new();
    }
    format!(
        "{}\n",
        i18n::plural(lang, "fix.summary.fixable", count as u64)
    )
}

pub fn summary(files: usize, tally: Tally, color: Color, lang: Lang) -> String {
    let count = |n: usize| n as u64;
    let checked = i18n::plural(lang, "diagnostic.summary.checked", count(files));
    if tally == Tally::default() {
        let clean = i18n::text(lang, "diagnostic.summary.no_problems");
        return format!("{checked}: {}\n", color.paint("1;32", clean));
    }
    let mut parts = Vec::new();
    for (n, key, sgr) in [
        (tally.errors, "diagnostic.summary.errors", "1;31"),
        (tally.warnings, "diagnostic.summary.warnings", "1;33"),
        (tally.infos, "diagnostic.summary.infos", "1;36"),
    ] {
        if n > 0 {
            parts.push(color.paint(sgr, &i18n::plural(lang, key, count(n))));
        }
    }
    format!("{checked}: {}\n", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Message};

    fn sample() -> Diagnostic {
        Diagnostic::new(
            Code::E004,
            "inv, 1.yaml",
            Pos::new(2, 17, 3),
            Message::new("diagnostic.e004.unknown_department")
                .text("department", "abc")
                .text("service", "bygglov"),
        )
        .help(Message::new("diagnostic.did_you_mean").text("near", "abd"))
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
        let out = human(&files, Color(false), false, Lang::En);
        assert!(
            out.contains("2 |   - department: abc\n  |                 ^^^\n"),
            "{out}"
        );
        assert!(out.ends_with("checked 1 file: 1 error\n"), "{out}");
    }

    #[test]
    fn human_speaks_the_language_of_the_run_around_the_same_snippet() {
        let d = [sample()];
        let text = "services:\n  - department: abc\n";
        let files = [FileFindings {
            name: "x",
            text,
            diagnostics: &d,
        }];
        let out = human(&files, Color(false), false, Lang::Sv);
        assert_eq!(
            out,
            "fel[E004]: förvaltningen `abc` för tjänsten `bygglov` finns inte i `departments`\n \
             --> inv, 1.yaml:2:17\n  |\n2 |   - department: abc\n  |                 ^^^\n  \
             = tips: menade du `abd`?\n\nkontrollerade 1 fil: 1 fel\n"
        );
    }

    #[test]
    fn on_a_narrow_terminal_message_and_help_wrap_at_spaces_under_their_start() {
        let long = "a-very-long-department-identifier-that-does-not-fit";
        let d = [Diagnostic::new(
            Code::E004,
            "x.yaml",
            Pos::new(2, 17, 3),
            Message::new("diagnostic.e004.unknown_department")
                .text("department", "abc")
                .text("service", long),
        )
        .help(Message::new("diagnostic.did_you_mean").text("near", "abd"))];
        let text = "services:\n  - department: abc\n";
        let files = [FileFindings {
            name: "x",
            text,
            diagnostics: &d,
        }];
        let one_line = human_findings(&files, Color(false), false, Lang::Sv, None);
        let narrow = human_findings(&files, Color(false), false, Lang::Sv, Some(40));
        let message: Vec<&str> = narrow.lines().take_while(|l| !l.contains("-->")).collect();
        assert!(message.len() > 1, "{narrow}");
        assert!(
            message[0].starts_with("fel[E004]: förvaltningen"),
            "{narrow}"
        );
        for line in &message[1..] {
            // Continuation lines start under the message, after `fel[E004]: `.
            assert!(line.starts_with(&" ".repeat(11)), "{narrow}");
            assert!(!line[11..].starts_with(' '), "{narrow}");
        }
        for line in narrow.lines() {
            // Only a word longer than the room left may pass the width.
            assert!(
                line.width() <= 40 || line.contains(long),
                "{line:?} in\n{narrow}"
            );
        }
        // The same words in the same order: nothing cut, nothing lost.
        let words = |s: &str| {
            s.split_whitespace()
                .map(str::to_string)
                .collect::<Vec<String>>()
        };
        assert_eq!(words(&one_line), words(&narrow));
        // The unwrapped text stays one line per message, for grep.
        assert!(
            one_line
                .lines()
                .next()
                .unwrap()
                .ends_with("i `departments`")
        );
    }

    #[test]
    fn the_summary_has_the_plural_of_each_count() {
        let tally = Tally {
            errors: 2,
            warnings: 1,
            infos: 3,
        };
        assert_eq!(
            summary(3, tally, Color(false), Lang::En),
            "checked 3 files: 2 errors, 1 warning, 3 infos\n"
        );
        assert_eq!(
            summary(3, tally, Color(false), Lang::Sv),
            "kontrollerade 3 filer: 2 fel, 1 varning, 3 notiser\n"
        );
        assert_eq!(
            summary(1, Tally::default(), Color(false), Lang::Sv),
            "kontrollerade 1 fil: inga problem hittades\n"
        );
    }

    /// The shown source line and the marker line of a rendered snippet.
    fn snippet_lines(text: &str, pos: Pos) -> (String, String) {
        let d = [Diagnostic::new(
            Code::E004,
            "x.yaml",
            pos,
            Message::new("diagnostic.e002.empty_file"),
        )];
        let files = [FileFindings {
            name: "x",
            text,
            diagnostics: &d,
        }];
        let out = human(&files, Color(false), true, Lang::En);
        let prefix = format!("{} | ", pos.line);
        let lines: Vec<&str> = out.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no source line in {out}"));
        let blank = format!("{} | ", " ".repeat(pos.line.to_string().len()));
        (
            lines[at][prefix.len()..].to_string(),
            lines[at + 1][blank.len()..].to_string(),
        )
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        // One 1 MB line: "x" filler around the token `abc` at column 500 001.
        let filler = "x".repeat(500_000);
        let text = format!("{filler}abc{filler}\n");
        let (shown, markers) = snippet_lines(&text, Pos::new(1, 500_001, 3));
        assert!(
            shown.chars().count() <= 120,
            "{} columns",
            shown.chars().count()
        );
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        let caret = markers.find('^').expect("a caret");
        assert_eq!(markers.trim_start(), "^^^");
        let under: String = shown.chars().skip(caret).take(3).collect();
        assert_eq!(under, "abc", "{shown}\n{markers}");
        // 40 columns of context before the token, after the ellipsis.
        assert_eq!(caret, 41);
    }

    #[test]
    fn a_token_near_the_end_of_a_long_line_keeps_the_line_full() {
        let text = format!("{}key: value\n", "y".repeat(1_000));
        let (shown, markers) = snippet_lines(&text, Pos::new(1, 1_006, 5));
        assert_eq!(shown.chars().count(), 120, "{shown}");
        assert!(
            shown.starts_with('…') && shown.ends_with("key: value"),
            "{shown}"
        );
        let caret = markers.find('^').expect("a caret");
        let under: String = shown.chars().skip(caret).take(5).collect();
        assert_eq!(under, "value");
    }

    /// The cursor that carries the walk along a line from one finding to
    /// the next gives the windows a walk from the line's start gives, on a
    /// line of multi-byte characters, for findings in column order and out
    /// of it.
    #[test]
    fn a_cursor_along_a_line_changes_no_window() {
        let line: String = (0..3_000)
            .map(|i| if i % 7 == 0 { 'ö' } else { 'a' })
            .collect();
        let columns = [1, 5, 400, 401, 1_200, 2_999, 3_000, 3_500, 200, 2_000];
        let mut cursor = Cursor::default();
        for column in columns {
            let pos = Pos::new(1, column, 3);
            let carried = window(&line, pos, &mut cursor);
            let fresh = window(&line, pos, &mut Cursor::default());
            assert_eq!(carried.text, fresh.text, "column {column}");
            assert_eq!(carried.marker_start, fresh.marker_start, "column {column}");
            assert_eq!(carried.marker_width, fresh.marker_width, "column {column}");
        }
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        // A raw ESC sequence before the token, a DEL and a C1 CSI after it.
        let text = "name: \u{1b}[31mred\u{1b}[0m bad\u{7f}\u{9b}\n";
        let (shown, markers) = snippet_lines(text, Pos::new(1, 18, 3));
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert_eq!(
            shown,
            "name: \u{FFFD}[31mred\u{FFFD}[0m bad\u{FFFD}\u{FFFD}"
        );
        // The caret stays under `bad`: each replaced character is one column.
        assert_eq!(markers, format!("{}^^^", " ".repeat(17)));
    }

    #[test]
    fn a_message_quoting_an_escape_is_made_visible() {
        let d = [Diagnostic::new(
            Code::E004,
            "x.yaml",
            Pos::new(1, 1, 1),
            Message::new("diagnostic.e004.unknown_department")
                .text("department", "\u{1b}]0;owned\u{7}")
                .text("service", "s"),
        )];
        let files = [FileFindings {
            name: "x",
            text: "a\n",
            diagnostics: &d,
        }];
        let out = human(&files, Color(false), true, Lang::En);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        // The message renderer spells control characters in values out;
        // the human emitter is the second line of defence.
        assert!(
            out.contains("department `\\u{1b}]0;owned\\u{7}` of service"),
            "{out}"
        );
    }
}
