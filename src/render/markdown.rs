//! Markdown, for a CI job summary or a pull-request comment: escaped text
//! and tables. Every Markdown table trappa writes is made here.

/// How a column's cells line up: text left, numbers right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Escapes what would break a Markdown table cell or start markup, as
/// GitHub renders it (GFM): emphasis, code, HTML, links, `&amp;` entities,
/// `~~strike~~`, and the bare URLs and addresses GFM turns into links
/// (`https://…`, `www.…`, `a@b.se`) — a service named like a link must stay
/// text in a job summary. A backslash before punctuation shows the
/// punctuation itself.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        // `www.` starts an autolink: its dot escaped, it does not.
        if rest
            .get(..4)
            .is_some_and(|start| start.eq_ignore_ascii_case("www."))
        {
            out.push_str(&rest[..3]);
            out.push_str("\\.");
            rest = &rest[4..];
            continue;
        }
        match c {
            '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '&' | '~' | '@' => {
                out.push('\\');
                out.push(c);
            }
            // `scheme://`: the colon escaped, no autolink.
            ':' if rest.starts_with("://") => out.push_str("\\:"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
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
    fn links_entities_and_strikes_are_escaped_at_any_place() {
        assert_eq!(cell("a – www.x.se"), "a – www\\.x.se");
        assert_eq!(cell("https://x"), "https\\://x");
        assert_eq!(cell("&amp; ~~s~~ a@b"), "\\&amp; \\~\\~s\\~\\~ a\\@b");
        assert_eq!(cell("åäö–"), "åäö–");
        assert_eq!(cell("ww"), "ww");
    }

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
