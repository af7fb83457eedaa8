//! The two charts, as hand-written inline SVG: no script, no external
//! resource. Each has a `<title>` and a `<desc>` and sits next to a table of
//! the same numbers. Every bar carries its number as text and the series
//! differ by pattern as well as colour, so no meaning rests on colour alone.
//!
//! Colours (WCAG 2.1 AA): bar text is at least 4.5:1 against its fill; light
//! fills get a dark outline so every bar edge is at least 3:1 against white.

use super::markup::{Html, escape};
use super::w;
use crate::i18n::{self, Lang};
use crate::inventory::{Step, Unit};
use crate::render::numbers;
use crate::report::Report;

/// The charts' coordinate width. Narrow on purpose: on a phone the SVG is
/// shown near 1:1, so its text stays as large as the page's small print.
const WIDTH: f64 = 360.0;
const OUTLINE: &str = "#0b2f5b";
const THIS_YEAR: &str = "#1f5f9e";
const INK: &str = "#1b1f24";

/// Fill, pattern (by id suffix) and text colour of each step's segment.
const STEP_STYLE: [(&str, Option<&str>, &str); 4] = [
    ("#deebf7", None, "#102a43"),
    ("#9ecae1", Some("stripes"), "#102a43"),
    ("#2f6db0", Some("dots"), "#ffffff"),
    ("#0b2f5b", None, "#ffffff"),
];

fn n(x: f64) -> String {
    let text = format!("{x:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_string)
}

fn open_svg(id: &str, height: f64, title: &str, desc: &str) -> String {
    format!(
        "<svg class=\"chart\" id=\"{id}\" role=\"img\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"inherit\" font-size=\"13\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape(title),
        escape(desc),
        w = n(WIDTH),
        h = n(height),
    )
}

/// Live services per step, this year as solid bars and (with `--previous`)
/// last year as hatched bars below them.
pub fn ladder_chart(report: &Report, lang: Lang) -> Html {
    let with_previous = report.previous_year.is_some()
        && report
            .distribution
            .iter()
            .all(|s| s.previous_services.is_some());
    let previous_total: usize = report
        .distribution
        .iter()
        .filter_map(|s| s.previous_services)
        .sum();
    let max = report
        .distribution
        .iter()
        .flat_map(|s| [s.services, s.previous_services.unwrap_or(0)])
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    // Room on the right for "22 (75,9 %, 2013)" (about 7 units a character).
    let bar_room = WIDTH - if with_previous { 124.0 } else { 90.0 };
    let legend = 28.0;
    let group = if with_previous { 66.0 } else { 46.0 };
    let height = legend + group * report.distribution.len() as f64;

    let year = report.year.to_string();
    let previous_year = report.previous_year.map(|y| y.to_string());
    let mut desc = format!("{} {year}", w(lang, "html.ladder_chart_desc"));
    if let (true, Some(py)) = (with_previous, &previous_year) {
        desc.push_str(&format!(
            " ({} {py})",
            w(lang, "report.compared_with").to_lowercase()
        ));
    }
    desc.push_str(": ");
    let parts: Vec<String> = report
        .distribution
        .iter()
        .map(|s| {
            let mut part = format!(
                "{} {} ({})",
                i18n::step_title(s.step, lang),
                s.services,
                numbers::value(s.share, Unit::Share, lang)
            );
            if let (true, Some(before), Some(py)) =
                (with_previous, s.previous_services, &previous_year)
            {
                part.push_str(&format!(", {py}: {before}"));
            }
            part
        })
        .collect();
    desc.push_str(&parts.join("; "));
    desc.push('.');

    let mut svg = open_svg("ladder-chart", height, w(lang, "report.ladder"), &desc);
    if with_previous {
        svg.push_str(&format!(
        "<defs><pattern id=\"ladder-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><rect width=\"2.5\" height=\"6\" fill=\"{THIS_YEAR}\"/></pattern></defs>\n"
    ));
    }
    // Legend: what solid and hatched mean, in words.
    svg.push_str(&format!(
        "<g class=\"legend\"><rect x=\"0\" y=\"4\" width=\"16\" height=\"14\" fill=\"{THIS_YEAR}\"/><text x=\"22\" y=\"16\" fill=\"{INK}\">{year}</text>"
    ));
    if let (true, Some(py)) = (with_previous, &previous_year) {
        svg.push_str(&format!(
            "<rect x=\"80\" y=\"4\" width=\"16\" height=\"14\" fill=\"url(#ladder-hatch)\" stroke=\"{THIS_YEAR}\"/><text x=\"102\" y=\"16\" fill=\"{INK}\">{}</text>",
            escape(py)
        ));
    }
    svg.push_str("</g>\n");

    for (i, s) in report.distribution.iter().enumerate() {
        let top = legend + group * i as f64;
        svg.push_str(&format!(
            "<g class=\"step\"><text x=\"0\" y=\"{}\" fill=\"{INK}\" font-weight=\"600\">{}</text>\n",
            n(top + 14.0),
            escape(&i18n::step_title(s.step, lang))
        ));
        let length = bar_room * s.services as f64 / max;
        let y = top + 20.0;
        svg.push_str(&format!(
            "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"20\" fill=\"{THIS_YEAR}\"/>",
            n(y),
            n(length.max(1.0))
        ));
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" fill=\"{INK}\">{} ({})</text>\n",
            n(length + 6.0),
            n(y + 15.0),
            s.services,
            escape(&numbers::value(s.share, Unit::Share, lang))
        ));
        if let (true, Some(before), Some(py)) = (with_previous, s.previous_services, &previous_year)
        {
            let length = bar_room * before as f64 / max;
            let y = top + 44.0;
            let share = (previous_total > 0).then(|| before as f64 / previous_total as f64);
            svg.push_str(&format!(
                "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"14\" fill=\"url(#ladder-hatch)\" stroke=\"{THIS_YEAR}\"/>",
                n(y),
                n(length.max(1.0))
            ));
            svg.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" fill=\"{INK}\" font-size=\"12\">{before} ({}, {})</text>\n",
                n(length + 6.0),
                n(y + 11.5),
                escape(&numbers::value(share, Unit::Share, lang)),
                escape(py)
            ));
        }
        svg.push_str("</g>\n");
    }
    svg.push_str("</svg>\n");
    Html::raw(svg)
}

/// One department's live services per step, for the stacked bars.
pub struct DepartmentSteps {
    pub name: String,
    pub counts: [usize; 4],
}

impl DepartmentSteps {
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

/// A 100 % bar per department split by step, with each segment's count in it.
pub fn department_chart(departments: &[DepartmentSteps], lang: Lang) -> Html {
    let legend = 48.0;
    let group = 50.0;
    let height = legend + group * departments.len().max(1) as f64;
    let parts: Vec<String> = departments
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
    let desc = format!(
        "{}. {}.",
        w(lang, "html.departments_chart_desc"),
        parts.join("; ")
    );
    let mut svg = open_svg(
        "department-chart",
        height,
        w(lang, "html.departments"),
        &desc,
    );
    svg.push_str(&format!(
        "<defs><pattern id=\"step-stripes\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"7\" height=\"7\" fill=\"{}\"/><rect width=\"2\" height=\"7\" fill=\"#6aa6d2\"/></pattern><pattern id=\"step-dots\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"{}\"/><circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#8fb8e6\"/></pattern></defs>\n",
        STEP_STYLE[1].0, STEP_STYLE[2].0
    ));
    let fill = |i: usize| match STEP_STYLE[i].1 {
        Some(pattern) => format!("url(#step-{pattern})"),
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
    for (row, d) in departments.iter().enumerate() {
        let top = legend + group * row as f64;
        let total = d.total();
        svg.push_str(&format!(
            "<g class=\"department\"><text x=\"0\" y=\"{}\" fill=\"{INK}\" font-weight=\"600\">{} ({total})</text>\n",
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
    fn department_chart_escapes_names_and_shows_counts() {
        let chart = department_chart(
            &[DepartmentSteps {
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
    }

    #[test]
    fn long_names_are_cut_in_the_chart() {
        assert_eq!(fit("Kort", 10), "Kort");
        assert_eq!(fit("Miljö- och byggförvaltningen", 10), "Miljö- oc…");
    }
}
