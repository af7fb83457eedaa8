//! Markdown, for a CI job summary or a pull-request comment: escaped text
//! and tables. Every Markdown table trappa writes is made here.

/// How a column's cells line up: text left, numbers right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Escapes what would break a Markdown table cell or start markup.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A table: the header, the alignment row, then one line per row, every
/// cell escaped. `align` gives each column's alignment; columns beyond it
/// are left-aligned.
pub fn table(header: &[String], rows: &[Vec<String>], align: &[Align]) -> String {
    let line = |cells: &[String]| {
        let escaped: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |\n", escaped.join(" | "))
    };
    let mut out = line(header);
    out.push('|');
    for column in 0..header.len() {
        out.push_str(match align.get(column) {
            Some(Align::Right) => "---:|",
            _ => "---|",
        });
    }
    out.push('\n');
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_escaped_and_numbers_can_align_right() {
        let header = vec!["name".to_string(), "share".to_string()];
        let rows = vec![vec!["a|b *c*".to_string(), "50%".to_string()]];
        assert_eq!(
            table(&header, &rows, &[Align::Left, Align::Right]),
            "| name | share |\n|---|---:|\n| a\\|b \\*c\\* | 50% |\n"
        );
    }
}
