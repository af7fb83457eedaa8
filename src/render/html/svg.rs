//! The charts' common parts, as hand-written inline SVG: no script, no
//! external resource. Every chart has a `<title>` and a `<desc>` holding
//! its numbers and sits next to a table of the same numbers. Every bar
//! carries its number as text and the series differ by pattern as well as
//! colour, so no meaning rests on colour alone.
//!
//! Colours (WCAG 2.1 AA): bar text is at least 4.5:1 against its fill; light
//! fills get a dark outline so every bar edge is at least 3:1 against white.

use super::markup::{Html, escape};
use super::w;
use crate::i18n::{self, Lang};
use crate::inventory::Step;

/// The charts' coordinate width. Narrow on purpose: on a phone the SVG is
/// shown near 1:1, so its text stays as large as the page's small print.
pub const WIDTH: f64 = 360.0;
pub const OUTLINE: &str = "#0b2f5b";
pub const THIS_YEAR: &str = "#1f5f9e";
pub const INK: &str = "#1b1f24";

/// Fill, pattern (by id suffix) and text colour of each step's segment.
const STEP_STYLE: [(&str, Option<&str>, &str); 4] = [
    ("#deebf7", None, "#102a43"),
    ("#9ecae1", Some("stripes"), "#102a43"),
    ("#2f6db0", Some("dots"), "#ffffff"),
    ("#0b2f5b", None, "#ffffff"),
];

/// A coordinate, short and stable: one decimal at most.
pub fn n(x: f64) -> String {
    let text = format!("{x:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_string)
}

/// The opening of a chart: its size, its role and its title and description.
pub fn open_svg(id: &str, height: f64, title: &str, desc: &str) -> String {
    format!(
        "<svg class=\"chart\" id=\"{id}\" role=\"img\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"inherit\" font-size=\"13\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape(title),
        escape(desc),
        w = n(WIDTH),
        h = n(height),
    )
}

/// One bar of a stacked chart: live services per step of one department,
/// or of one year.
pub struct StepBar {
    pub name: String,
    pub counts: [usize; 4],
}

impl StepBar {
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// Long names are cut in the chart only; the table beside it has them whole.
fn fit(name: &str, chars: usize) -> String {
    if name.chars().count() <= chars {
        name.to_string()
    } else {
        let cut: String = name.chars().take(chars - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The texts of a stacked chart.
pub struct Stacked<'a> {
    /// The `id` of the `<svg>`, unique in the page (patterns are named after it).
    pub id: &'a str,
    pub title: &'a str,
    /// The description's opening words, before every bar's numbers.
    pub desc: &'a str,
}

/// A 100 % bar per row (a department, a year) split by step, with each
/// segment's count in it.
pub fn stacked_chart(chart: &Stacked, bars: &[StepBar], lang: Lang) -> Html {
    let legend = 48.0;
    let group = 50.0;
    let height = legend + group * bars.len().max(1) as f64;
    let parts: Vec<String> = bars
        .iter()
        .map(|d| {
            let steps: Vec<String> = Step::ALL
                .iter()
                .zip(d.counts)
                .map(|(s, c)| format!("{} {c}", i18n::step_title(*s, lang)))
                .collect();
            format!("{}: {}", d.name, steps.join(", "))
        })
        .collect();
    let desc = format!("{}. {}.", chart.desc, parts.join("; "));
    let mut svg = open_svg(chart.id, height, chart.title, &desc);
    svg.push_str(&format!(
        "<defs><pattern id=\"{id}-stripes\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"7\" height=\"7\" fill=\"{}\"/><rect width=\"2\" height=\"7\" fill=\"#6aa6d2\"/></pattern><pattern id=\"{id}-dots\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"{}\"/><circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#8fb8e6\"/></pattern></defs>\n",
        STEP_STYLE[1].0, STEP_STYLE[2].0,
        id = chart.id,
    ));
    let fill = |i: usize| match STEP_STYLE[i].1 {
        Some(pattern) => format!("url(#{}-{pattern})", chart.id),
        None => STEP_STYLE[i].0.to_string(),
    };
    svg.push_str("<g class=\"legend\">");
    for (i, step) in Step::ALL.iter().enumerate() {
        let x = if i % 2 == 0 { 0.0 } else { WIDTH / 2.0 };
        let y = if i < 2 { 2.0 } else { 24.0 };
        svg.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"16\" height=\"14\" fill=\"{}\" stroke=\"{OUTLINE}\"/><text x=\"{}\" y=\"{}\" fill=\"{INK}\">{}</text>",
            n(x),
            n(y),
            fill(i),
            n(x + 22.0),
            n(y + 12.0),
            escape(&i18n::step_title(*step, lang))
        ));
    }
    svg.push_str("</g>\n");
    for (row, d) in bars.iter().enumerate() {
        let top = legend + group * row as f64;
        let total = d.total();
        svg.push_str(&format!(
            "<g class=\"bar\"><text x=\"0\" y=\"{}\" fill=\"{INK}\" font-weight=\"600\">{} ({total})</text>\n",
            n(top + 14.0),
            escape(&fit(&d.name, 40))
        ));
        let y = top + 20.0;
        if total == 0 {
            svg.push_str(&format!(
                "<text x=\"0\" y=\"{}\" fill=\"{INK}\" font-style=\"italic\">{}</text></g>\n",
                n(y + 15.0),
                escape(w(lang, "html.no_live_services"))
            ));
            continue;
        }
        let mut x = 0.0;
        for (i, count) in d.counts.iter().enumerate() {
            if *count == 0 {
                continue;
            }
            let width = WIDTH * *count as f64 / total as f64;
            svg.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"22\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
                n(x),
                n(y),
                n(width),
                fill(i)
            ));
            // A number needs about 9 units per digit plus a margin.
            if width >= 10.0 + 8.0 * count.to_string().len() as f64 {
                // A halo in the segment's base colour keeps the number
                // readable over the pattern.
                svg.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" stroke=\"{}\" stroke-width=\"4\" paint-order=\"stroke\" font-weight=\"700\">{count}</text>",
                    n(x + width / 2.0),
                    n(y + 16.0),
                    STEP_STYLE[i].2,
                    STEP_STYLE[i].0
                ));
            }
            x += width;
        }
        svg.push_str(&format!(
            "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"22\" fill=\"none\" stroke=\"{OUTLINE}\"/></g>\n",
            n(y),
            n(WIDTH)
        ));
    }
    svg.push_str("</svg>\n");
    Html::raw(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_short_and_stable() {
        assert_eq!(n(20.0), "20");
        assert_eq!(n(104.25), "104.2");
        assert_eq!(n(0.05), "0.1");
    }

    #[test]
    fn stacked_chart_escapes_names_and_shows_counts() {
        let chart = stacked_chart(
            &Stacked {
                id: "department-chart",
                title: "Steps by department",
                desc: "Bars",
            },
            &[StepBar {
                name: "<script>alert(1)</script>".into(),
                counts: [1, 2, 0, 3],
            }],
            Lang::En,
        );
        let svg = chart.as_str();
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; (6)"));
        // 1 of 6 is 60 units wide: room for its number.
        assert!(svg.contains(">1</text>"));
        assert!(svg.contains("<title id=\"department-chart-title\">Steps by department</title>"));
        assert!(svg.contains("url(#department-chart-stripes)"));
    }

    #[test]
    fn long_names_are_cut_in_the_chart() {
        assert_eq!(fit("Kort", 10), "Kort");
        assert_eq!(fit("Miljö- och byggförvaltningen", 10), "Miljö- oc…");
    }
}
