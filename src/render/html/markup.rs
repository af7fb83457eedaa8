//! Safe HTML building blocks. Every text from an inventory or a targets file
//! enters the page through [`Html::text`], which escapes it; markup is only
//! ever made here and in the renderers from escaped parts, so a service named
//! `<script>alert(1)</script>` can only ever be shown as text.

use crate::inventory::model::is_http_url;

/// A piece of HTML that is safe to put into a page as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    /// Text, escaped for use in element content and quoted attribute values.
    pub fn text(text: &str) -> Html {
        Html(escape(text))
    }

    /// Markup written by this module from constants and escaped parts.
    pub(in crate::render) fn raw(markup: String) -> Html {
        Html(markup)
    }

    #[cfg(test)]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn push(&mut self, more: &Html) {
        self.0.push_str(&more.0);
    }
}

impl std::fmt::Display for Html {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Escapes the five characters that can end a text or an attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The text as a link when the URL is http(s) (the same test as the
/// inventory's E008); anything else (`javascript:`, `data:`, a bare host) is
/// left out and the text stays plain text.
pub fn link(url: Option<&str>, text: &str) -> Html {
    match url {
        Some(url) if is_http_url(url) => {
            Html(format!("<a href=\"{}\">{}</a>", escape(url), escape(text)))
        }
        _ => Html::text(text),
    }
}

/// One body row: a row header (`<th scope="row">`) and data cells.
pub struct Row {
    pub header: Html,
    pub cells: Vec<Html>,
}

/// A data table with a caption, column headers and row headers, wrapped so
/// that a wide table scrolls on its own on a phone instead of the page.
pub struct Table<'a> {
    pub id: &'a str,
    pub caption: Html,
    pub columns: Vec<String>,
    /// Columns (after the row header) whose numbers align right.
    pub numeric: Vec<bool>,
    pub rows: Vec<Row>,
    pub class: &'a str,
}

impl Table<'_> {
    pub fn render(&self) -> Html {
        let mut out = String::new();
        // A focusable, labelled region: keyboard users can scroll it (axe's
        // scrollable-region-focusable) and hear which table it holds.
        out.push_str(&format!(
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}-caption\">\n",
            id = escape(self.id),
        ));
        out.push_str(&format!(
            "<table id=\"{id}\" class=\"{}\">\n<caption id=\"{id}-caption\">{}</caption>\n<thead><tr>",
            escape(self.class),
            self.caption,
            id = escape(self.id),
        ));
        for (i, column) in self.columns.iter().enumerate() {
            let numeric = i > 0 && self.numeric.get(i - 1).copied().unwrap_or(false);
            out.push_str(&format!(
                "<th scope=\"col\"{}>{}</th>",
                if numeric { " class=\"num\"" } else { "" },
                escape(column)
            ));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &self.rows {
            out.push_str(&format!("<tr><th scope=\"row\">{}</th>", row.header));
            for (i, cell) in row.cells.iter().enumerate() {
                let numeric = self.numeric.get(i).copied().unwrap_or(false);
                out.push_str(&format!(
                    "<td{}>{}</td>",
                    if numeric { " class=\"num\"" } else { "" },
                    cell
                ));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
        Html(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            Html::text("<script>alert(1)</script>").as_str(),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        // Already-escaped-looking text is text too: `&amp;` shows as `&amp;`.
        assert_eq!(
            Html::text("Bygg &amp; miljö").as_str(),
            "Bygg &amp;amp; miljö"
        );
        assert_eq!(Html::text("\"x' y").as_str(), "&quot;x&#39; y");
    }

    #[test]
    fn only_http_urls_become_links() {
        assert_eq!(
            link(Some("https://example.se/a?b=1&c=\"x\""), "Tjänst").as_str(),
            "<a href=\"https://example.se/a?b=1&amp;c=&quot;x&quot;\">Tjänst</a>"
        );
        assert_eq!(link(Some("javascript:alert(1)"), "x").as_str(), "x");
        assert_eq!(link(Some("JAVASCRIPT:alert(1)"), "x").as_str(), "x");
        assert_eq!(link(Some("data:text/html,<b>"), "x").as_str(), "x");
        assert_eq!(link(Some("www.example.se"), "x").as_str(), "x");
        assert_eq!(link(None, "<b>").as_str(), "&lt;b&gt;");
    }

    #[test]
    fn tables_have_caption_and_scoped_headers() {
        let table = Table {
            id: "t",
            caption: Html::text("Cap <1>"),
            columns: vec!["name".into(), "n".into()],
            numeric: vec![true],
            rows: vec![Row {
                header: Html::text("a&b"),
                cells: vec![Html::text("3")],
            }],
            class: "data",
        }
        .render();
        let html = table.as_str();
        assert!(html.contains("<caption id=\"t-caption\">Cap &lt;1&gt;</caption>"));
        assert!(html.contains("<th scope=\"col\">name</th><th scope=\"col\" class=\"num\">n</th>"));
        assert!(html.contains("<tr><th scope=\"row\">a&amp;b</th><td class=\"num\">3</td></tr>"));
    }
}
