//! The report's ladder chart: this year beside last year. The common parts
//! of every chart (and the stacked bars of the departments) are
//! [`crate::render::html::svg`].

use crate::i18n::{self, Lang};
use crate::inventory::Unit;
use crate::render::html::markup::{Html, escape};
use crate::render::html::svg::{INK, THIS_YEAR, WIDTH, n, open_svg};
use crate::render::html::w;
use crate::render::numbers;
use crate::report::Report;

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
