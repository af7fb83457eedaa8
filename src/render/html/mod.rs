//! What trappa's HTML pages share — the yearly report's and the trend's:
//! safe markup ([`markup`]), one stylesheet, the chart primitives
//! ([`svg`]), the page around the sections with its contents list, and the
//! pieces both pages show alike (a change with its arrow and its word, a
//! status badge, the definitions of the indicators). A page is one
//! self-contained file: inline CSS and SVG, no script, nothing fetched.

pub mod markup;
pub mod svg;

use crate::i18n::{self, Lang};
use crate::inventory::Indicator;
use crate::inventory::indicator::Better;
use crate::render::numbers::{self, status_word};
use crate::report::targets::TargetStatus;
use markup::{Html, escape};

/// The one stylesheet of every page.
pub const STYLE: &str = include_str!("style.css");

/// A word of a page, from the language catalogue.
pub fn w(lang: Lang, key: &str) -> &'static str {
    i18n::text(lang, key)
}

/// One section of a page, with the id and heading the contents list links.
pub struct Section {
    pub id: &'static str,
    pub heading: String,
    pub html: Html,
}

pub fn section(id: &'static str, heading: &str, content: &str) -> Section {
    Section {
        id,
        heading: heading.to_string(),
        html: Html::raw(format!(
            "<section id=\"{id}\" aria-labelledby=\"{id}-heading\">\n<h2 id=\"{id}-heading\">{}</h2>\n{content}</section>\n",
            escape(heading)
        )),
    }
}

fn toc(sections: &[Section], lang: Lang) -> String {
    let mut items = String::new();
    for s in sections {
        items.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>",
            s.id,
            escape(&s.heading)
        ));
    }
    format!(
        "<nav class=\"toc\" aria-labelledby=\"toc-heading\"><div class=\"inner\"><h2 id=\"toc-heading\">{}</h2><ol>{items}</ol></div></nav>\n",
        escape(w(lang, "html.contents"))
    )
}

/// The texts around a page's sections. Every one is escaped here.
pub struct Page<'a> {
    pub lang: Lang,
    /// The document's `<title>`.
    pub title: &'a str,
    /// The small line above the heading.
    pub kicker: &'a str,
    /// The page's `<h1>`.
    pub heading: &'a str,
    pub lede: &'a str,
    pub footer: &'a str,
}

/// A whole page: head with the inline stylesheet, a skip link, the
/// masthead, the contents list, the sections in `<main>`, the footer.
pub fn page(page: &Page, sections: &[Section]) -> String {
    let mut body = Html::default();
    for section in sections {
        body.push(&section.html);
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"trappa\">\n\
<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
<a class=\"skip\" href=\"#main\">{skip}</a>\n\
<header class=\"masthead\"><div class=\"inner\">\n<p class=\"kicker\">{kicker}</p>\n\
<h1>{heading}</h1>\n<p class=\"lede\">{lede}</p>\n</div></header>\n\
{toc}<main id=\"main\">\n{body}</main>\n\
<footer class=\"site-footer\"><div class=\"inner\"><p>{footer}</p></div></footer>\n\
</body>\n</html>\n",
        lang = page.lang.code(),
        title = escape(page.title),
        skip = escape(w(page.lang, "html.skip")),
        kicker = escape(page.kicker),
        heading = escape(page.heading),
        lede = escape(page.lede),
        toc = toc(sections, page.lang),
        footer = escape(page.footer),
    )
}

pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A change with its arrow and sign; coloured as better or worse only when
/// the catalogue says which direction is better, and then also in words.
pub fn change(change: Option<f64>, id: Indicator, lang: Lang) -> Html {
    let text = numbers::change(change, id.unit(), lang);
    let higher_is_better = match id.better() {
        Better::Higher => Some(true),
        Better::Lower => Some(false),
        Better::Neither => None,
    };
    let judged = match (change, higher_is_better) {
        (Some(c), Some(up)) if !text.starts_with('=') && c != 0.0 => Some((c > 0.0) == up),
        _ => None,
    };
    match judged {
        Some(better) => Html::raw(format!(
            "<span class=\"trend {}\">{} <span class=\"trend-word\">({})</span></span>",
            if better { "good" } else { "bad" },
            escape(&text),
            escape(if better {
                w(lang, "html.better")
            } else {
                w(lang, "html.worse")
            })
        )),
        None => Html::raw(format!(
            "<span class=\"trend neutral\">{}</span>",
            escape(&text)
        )),
    }
}

/// A status word with a symbol; the colour repeats what the word says.
pub fn status_badge(status: TargetStatus, lang: Lang) -> Html {
    let symbol = match status {
        TargetStatus::Met => "✓",
        TargetStatus::OnTrack => "↗",
        TargetStatus::Behind => "!",
        TargetStatus::Missed => "✗",
        TargetStatus::NoData => "–",
    };
    Html::raw(format!(
        "<span class=\"status status-{}\"><span aria-hidden=\"true\">{symbol}</span> {}</span>",
        status.id(),
        escape(status_word(status, lang))
    ))
}

/// Each indicator's label, definition, numerator and denominator, under
/// the ids `def-<id>` that tables link their labels to.
pub fn definitions(ids: &[Indicator], lang: Lang) -> String {
    let mut out = format!(
        "<h3>{}</h3>\n<dl class=\"definitions\">\n",
        escape(w(lang, "html.indicator_definitions"))
    );
    for &id in ids {
        let info = i18n::indicator(id, lang);
        out.push_str(&format!(
            "<dt id=\"def-{key}\">{} <span class=\"id\">({key})</span></dt>\n<dd>{}</dd>\n<dd class=\"fraction\">{}: {}",
            escape(info.label),
            escape(info.definition),
            escape(w(lang, "html.numerator")),
            escape(info.numerator),
            key = escape(id.id()),
        ));
        if let Some(denominator) = info.denominator {
            out.push_str(&format!(
                ". {}: {}",
                escape(w(lang, "html.denominator")),
                escape(denominator)
            ));
        }
        out.push_str(".</dd>\n");
    }
    out.push_str("</dl>\n");
    out
}

/// An indicator's label linked to its definition in the appendix.
pub fn defined(id: Indicator, lang: Lang) -> Html {
    Html::raw(format!(
        "<a href=\"#def-{}\">{}</a>",
        escape(id.id()),
        escape(i18n::indicator_label(id, lang))
    ))
}
