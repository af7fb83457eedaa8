//! Text tables: boxed and fitted to the width of a terminal, plain and
//! unwrapped when piped or written to a file (so output diffs and greps well).

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use unicode_width::UnicodeWidthStr;

/// Width assumed when standard output is a terminal whose size cannot be read.
const FALLBACK_WIDTH: u16 = 80;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Fit a terminal this many columns wide, wrap long cells.
    Terminal { width: u16 },
    /// No wrapping, ASCII rules: for pipes, files and snapshots.
    Plain,
}

impl Layout {
    /// The layout for a terminal on standard output, at its current width.
    pub fn terminal() -> Layout {
        // comfy-table already asks the terminal for its size; an empty table
        // is the cheapest way to reuse that without a second dependency.
        let width = Table::new().width().unwrap_or(FALLBACK_WIDTH);
        Layout::Terminal { width }
    }

    /// The number of columns to fit, or `None` when nothing limits the width.
    pub fn width(self) -> Option<usize> {
        match self {
            Layout::Terminal { width } => Some(usize::from(width)),
            Layout::Plain => None,
        }
    }
}

/// How a column may be broken across lines on a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Numbers, codes, years, steps, percentages, ranks: a word is never
    /// broken, because "14 / 40" reads as two numbers. A cell may still wrap
    /// at a space ("+29.5 / pp"), and the heading wraps like text.
    Whole,
    /// Names, labels, reasons: wrapped at spaces. Words are kept whole too,
    /// unless the table could not fit the terminal that way.
    Words,
}

pub fn new_table(layout: Layout, header: Vec<String>) -> Table {
    let mut table = Table::new();
    match layout {
        Layout::Terminal { width } => {
            table
                .load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
        }
        Layout::Plain => {
            table
                .force_no_tty()
                .load_style(presets::ASCII_BORDERS_ONLY_CONDENSED)
                .set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table.set_header(header);
    table
}

/// The widths of one column's content, as `keep_whole` weighs them.
#[derive(Clone, Copy, Default)]
struct Widths {
    /// The longest word in the rows of a `Whole` column (0 for `Words`).
    hard: usize,
    /// The longest word in the heading or the rows.
    word: usize,
}

impl Widths {
    fn with_cap(self, cap: usize) -> usize {
        self.hard.max(self.word.min(cap)).max(1)
    }
}

/// Text columns narrower than this would show a few letters a line; when
/// the terminal leaves no more, the table is made wider than the terminal.
const NARROWEST_WORD: usize = 5;
/// How long a word may be and still be kept whole in that case.
const WIDE_WORD: usize = 10;

/// Keeps words whole on a terminal: call after the rows are added. `fits`
/// names each column's kind; columns beyond it are `Words`.
///
/// A word in a `Whole` column ("1440", "100.0%", "+29.5") is never broken:
/// the column is at least as wide as its longest word. Every other word is
/// kept whole up to the longest length with which the table still fits the
/// terminal; only longer words are broken. When the numbers alone (or with
/// text columns of `NARROWEST_WORD`) do not fit, the table is wider than
/// the terminal rather than show a number in pieces.
pub fn keep_whole(table: &mut Table, layout: Layout, fits: &[Fit]) {
    let Some(width) = layout.width() else {
        return;
    };
    let mut columns = vec![Widths::default(); table.column_iter().count()];
    if columns.is_empty() {
        return;
    }
    let longest_word = |text: &str| words(text).map(str::width).max().unwrap_or(0);
    if let Some(header) = table.header() {
        for (column, cell) in columns.iter_mut().zip(header.cell_iter()) {
            column.word = longest_word(&cell.content());
        }
    }
    for row in table.row_iter() {
        for (index, (column, cell)) in columns.iter_mut().zip(row.cell_iter()).enumerate() {
            let word = longest_word(&cell.content());
            column.word = column.word.max(word);
            if fits.get(index) == Some(&Fit::Whole) {
                column.hard = column.hard.max(word);
            }
        }
    }
    // Each column has one space of padding either side and one rule after
    // it, plus the rule before the first column.
    let room = width.saturating_sub(3 * columns.len() + 1);
    let needed = |cap: usize| -> usize { columns.iter().map(|c| c.with_cap(cap)).sum() };
    let longest = columns.iter().map(|c| c.word).max().unwrap_or(0);
    let cap = (NARROWEST_WORD..=longest)
        .rev()
        .find(|&cap| needed(cap) <= room)
        .unwrap_or(WIDE_WORD);
    for (widths, column) in columns.iter().zip(table.column_iter_mut()) {
        // comfy-table counts a lower boundary including the padding.
        let with_padding = u16::try_from(widths.with_cap(cap) + 2).unwrap_or(u16::MAX);
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(with_padding)));
    }
}

/// Words as comfy-table breaks them: at ASCII spaces and line breaks only,
/// so a number joined to its unit by a no-break space ("62,5 %") is one.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split([' ', '\n']).filter(|w| !w.is_empty())
}

/// Whether the table fits a terminal `width` wide with every word whole: each
/// column as wide as its longest word, plus the rules and padding.
pub fn fits_whole(header: &[String], rows: &[Vec<String>], width: usize) -> bool {
    let mut longest = vec![0usize; header.len()];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (column, cell) in longest.iter_mut().zip(row) {
            *column = (*column).max(words(cell).map(str::width).max().unwrap_or(0));
        }
    }
    let rules = 3 * header.len() + 1;
    longest.iter().sum::<usize>() + rules <= width
}

/// The table for a terminal too narrow to show it with its words whole
/// (the way `gh` and ripgrep's help stack what does not fit): one block per
/// row — its first cell on a line, then `heading: value` for each other
/// cell that has one — wrapped at spaces, so no word is ever broken.
pub fn stacked(header: &[String], rows: &[Vec<String>], width: usize) -> String {
    let mut out = String::new();
    for (index, row) in rows.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let mut cells = row.iter();
        if let Some(first) = cells.next() {
            wrap(&mut out, first, "", "  ", width);
        }
        for (heading, cell) in header.iter().skip(1).zip(cells) {
            if cell.trim().is_empty() {
                continue;
            }
            wrap(
                &mut out,
                &format!("{heading}: {cell}"),
                "  ",
                "      ",
                width,
            );
        }
    }
    out
}

/// Appends `text` wrapped at spaces to `width` columns: the first line after
/// `first`, the others after `rest`. A word wider than the room is put on a
/// line of its own, whole.
pub fn wrap(out: &mut String, text: &str, first: &str, rest: &str, width: usize) {
    let mut line = String::from(first);
    let mut line_width = first.width();
    let mut empty = true;
    for word in words(text) {
        let word_width = word.width();
        if !empty && line_width + 1 + word_width > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(rest);
            line_width = rest.width();
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(word);
        line_width += word_width;
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_too_wide_for_whole_words_is_stacked() {
        let header = vec!["indicator".to_string(), "value".into(), "target".into()];
        let rows = vec![vec![
            "Share of services at step 3 or higher".to_string(),
            "43.3%".into(),
            "\u{2265}\u{a0}50.0% (2015)".into(),
        ]];
        assert!(fits_whole(&header, &rows, 40));
        assert!(!fits_whole(&header, &rows, 20));
        let out = stacked(&header, &rows, 20);
        assert_eq!(
            out,
            "Share of services at\n  step 3 or higher\n  value: 43.3%\n  target: \u{2265}\u{a0}50.0%\n      (2015)\n"
        );
        assert!(out.lines().all(|l| l.width() <= 20));
    }

    fn render(width: u16, fits: &[Fit], header: &[&str], rows: &[&[&str]]) -> String {
        let layout = Layout::Terminal { width };
        let mut table = new_table(layout, header.iter().map(|h| h.to_string()).collect());
        for row in rows {
            table.add_row(row.to_vec());
        }
        keep_whole(&mut table, layout, fits);
        table.to_string()
    }

    /// Every line of the rendered table, with its rules removed, as words.
    fn tokens(rendered: &str) -> Vec<String> {
        rendered
            .lines()
            .flat_map(|line| {
                line.split(['│', '┆'])
                    .flat_map(|cell| cell.split_whitespace())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn numbers_stay_whole_when_the_table_is_too_wide() {
        let header = [
            "organisation",
            "code",
            "year",
            "Share of services at step 3 or higher",
            "rank",
        ];
        let out = render(
            30,
            &[Fit::Words, Fit::Whole, Fit::Whole, Fit::Whole, Fit::Whole],
            &header,
            &[&["Ale kommun", "1440", "2023", "100.0%", "2"]],
        );
        let tokens = tokens(&out);
        for number in ["1440", "2023", "100.0%"] {
            assert!(tokens.iter().any(|t| t == number), "{number} split:\n{out}");
        }
    }

    #[test]
    fn words_stay_whole_when_there_is_room_for_them() {
        let out = render(
            52,
            &[Fit::Words, Fit::Whole, Fit::Whole, Fit::Whole, Fit::Words],
            &["indicator", "value", "previous", "change", "status"],
            &[&[
                "Share of services with online case tracking",
                "60.5%",
                "70.7%",
                "+10.2 pp",
                "not met",
            ]],
        );
        assert!(out.lines().all(|l| l.chars().count() <= 52), "{out}");
        for word in [
            "indicator",
            "previous",
            "change",
            "status",
            "services",
            "tracking",
            "60.5%",
            "+10.2",
        ] {
            assert!(
                tokens(&out).iter().any(|t| t == word),
                "{word} split:\n{out}"
            );
        }
    }

    #[test]
    fn a_wide_table_fits_the_width_by_wrapping_text_only() {
        let out = render(
            40,
            &[Fit::Words, Fit::Whole],
            &["reasons", "step"],
            &[&[
                "counted online submission, e-ID sign-in and case tracking in the portal",
                "4 Transaction",
            ]],
        );
        assert!(out.lines().all(|l| l.chars().count() <= 40), "{out}");
        assert!(out.contains("4 Transaction"), "{out}");
    }

    #[test]
    fn plain_tables_are_left_alone() {
        let mut table = new_table(Layout::Plain, vec!["code".into()]);
        table.add_row(vec!["1440"]);
        keep_whole(&mut table, Layout::Plain, &[Fit::Whole]);
        assert!(table.column_iter().all(|c| c.constraint().is_none()));
    }
}
