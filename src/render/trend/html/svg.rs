//! The trend's line chart: one indicator over the years, as hand-written
//! inline SVG. The values are joined by a line that breaks at a gap (a
//! year without an inventory, or without data): nothing is drawn where
//! nothing was measured. The target is a diamond at its target year, and
//! the least-squares line it is judged on is dashed, so the reader sees
//! the pace. Every value is in the `<desc>` and in the table beside the
//! chart; with few years each point also carries its number.

use crate::i18n::Lang;
use crate::inventory::{Indicator, Unit};
use crate::render::html::markup::{Html, escape};
use crate::render::html::svg::{INK, OUTLINE, THIS_YEAR, WIDTH, n, open_svg};
use crate::render::html::w;
use crate::render::numbers;
use crate::report::targets::Line;

const HEIGHT: f64 = 236.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 44.0;
const BOTTOM: f64 = 30.0;
const MUTED: &str = "#4a5563";
const GRID: &str = "#c5ccd6";
/// Points are labelled when there are at most this many years: beyond,
/// the labels would overlap, and the table beside the chart has them.
const LABELLED_YEARS: usize = 6;

/// What one line chart shows.
pub struct LineChart<'a> {
    /// The `id` of the `<svg>`, unique in the page.
    pub id: &'a str,
    pub indicator: Indicator,
    pub title: &'a str,
    /// Each year of the trend and its value (`None`: a gap or no data).
    pub values: &'a [(i32, Option<f64>)],
    /// The target: its value, its year and its words ("≥ 50,0 % (2015)").
    pub target: Option<(f64, i32, String)>,
    /// The line the target is judged on, drawn from its first point's year.
    pub line: Option<(Line, i32)>,
    /// The words that end the description (target, pace), already written.
    pub desc_end: String,
}

/// The value axis: from, to, and where its labelled lines are.
fn axis(unit: Unit, values: &[f64]) -> (f64, f64, Vec<f64>) {
    match unit {
        Unit::Share => (0.0, 1.0, vec![0.0, 0.25, 0.5, 0.75, 1.0]),
        Unit::Step => (1.0, 4.0, vec![1.0, 2.0, 3.0, 4.0]),
        Unit::Percent => (0.0, 100.0, vec![0.0, 25.0, 50.0, 75.0, 100.0]),
        Unit::Count | Unit::Sek => {
            let top = values.iter().copied().fold(0.0f64, f64::max).max(1.0);
            // A round top: 1, 2 or 5 times a power of ten.
            let magnitude = 10f64.powf(top.log10().floor());
            let nice = [1.0, 2.0, 5.0, 10.0]
                .iter()
                .map(|m| m * magnitude)
                .find(|m| *m >= top)
                .unwrap_or(top);
            (0.0, nice, vec![0.0, nice / 2.0, nice])
        }
    }
}

pub fn line_chart(chart: &LineChart, lang: Lang) -> Html {
    let unit = chart.indicator.unit();
    let first = chart.values.first().map_or(0, |(y, _)| *y);
    let last = chart.values.last().map_or(first, |(y, _)| *y);
    let by = chart.target.as_ref().map(|(_, by, _)| *by);
    let x_from = by.map_or(first, |b| b.min(first));
    let x_to = by.map_or(last, |b| b.max(last)).max(x_from + 1);
    let known: Vec<f64> = chart
        .values
        .iter()
        .filter_map(|(_, v)| *v)
        .chain(chart.target.as_ref().map(|(t, _, _)| *t))
        .collect();
    let (low, high, ticks) = axis(unit, &known);
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let x = |year: i32| LEFT + plot_width * f64::from(year - x_from) / f64::from(x_to - x_from);
    let y = |value: f64| {
        let clamped = value.clamp(low.min(value), high.max(value));
        TOP + plot_height * (1.0 - (clamped - low) / (high - low))
    };

    let mut parts: Vec<String> = chart
        .values
        .iter()
        .map(|(year, value)| match value {
            Some(v) => format!("{year} {}", numbers::value(Some(*v), unit, lang)),
            None => format!("{year} {}", w(lang, "trend.html.no_value")),
        })
        .collect();
    if parts.is_empty() {
        parts.push(numbers::NO_DATA.to_string());
    }
    let period = if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    };
    let mut desc = format!(
        "{}: {}.",
        crate::i18n::format(
            lang,
            "trend.html.chart_desc",
            &[("label", chart.title), ("years", &period)]
        ),
        parts.join("; ")
    );
    if !chart.desc_end.is_empty() {
        desc.push(' ');
        desc.push_str(&chart.desc_end);
    }
    let mut svg = open_svg(chart.id, HEIGHT, chart.title, &desc);

    // Legend, in words: the value line, the target, the pace.
    svg.push_str(&format!(
        "<g class=\"legend\"><line x1=\"0\" y1=\"10\" x2=\"18\" y2=\"10\" stroke=\"{THIS_YEAR}\" stroke-width=\"2.5\"/><circle cx=\"9\" cy=\"10\" r=\"3.5\" fill=\"{THIS_YEAR}\"/><text x=\"24\" y=\"14\" fill=\"{INK}\">{}</text>",
        escape(&crate::render::html::capitalised(w(lang, "column.value")))
    ));
    let mut legend_x = 92.0;
    if let Some((_, _, words)) = &chart.target {
        svg.push_str(&format!(
            "<path d=\"M {} 4 l 6 6 l -6 6 l -6 -6 z\" fill=\"{OUTLINE}\"/><text x=\"{}\" y=\"14\" fill=\"{INK}\">{}</text>",
            n(legend_x + 6.0),
            n(legend_x + 16.0),
            escape(&format!(
                "{} {}",
                crate::render::html::capitalised(w(lang, "column.target")),
                words
            ))
        ));
        legend_x = 0.0;
    }
    if chart.line.is_some() {
        let top = if legend_x == 0.0 { 24.0 } else { 10.0 };
        svg.push_str(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{MUTED}\" stroke-width=\"2\" stroke-dasharray=\"5 4\"/><text x=\"{}\" y=\"{}\" fill=\"{INK}\">{}</text>",
            n(legend_x),
            n(top),
            n(legend_x + 18.0),
            n(top),
            n(legend_x + 24.0),
            n(top + 4.0),
            escape(&crate::render::html::capitalised(w(lang, "trend.at_this_pace")))
        ));
    }
    svg.push_str("</g>\n");

    // Grid and value axis.
    svg.push_str("<g class=\"axis\">");
    for tick in &ticks {
        let ty = y(*tick);
        let label = match unit {
            Unit::Share => numbers::value(Some(*tick), unit, lang),
            Unit::Step => format!("{tick:.0}"),
            _ => numbers::value(Some(*tick), unit, lang),
        };
        svg.push_str(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{GRID}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{INK}\" font-size=\"11\">{}</text>",
            n(LEFT),
            n(ty),
            n(WIDTH - RIGHT),
            n(ty),
            n(LEFT - 5.0),
            n(ty + 4.0),
            escape(&label)
        ));
    }
    // Years: every year while they fit, otherwise every few, always the last.
    let years = (x_to - x_from + 1) as usize;
    let every = years.div_ceil(8).max(1);
    for (i, year) in (x_from..=x_to).enumerate() {
        let is_last = year == x_to;
        if !(is_last || (i % every == 0 && (x_to - year) as usize >= every)) {
            continue;
        }
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{INK}\" font-size=\"11\">{year}</text>",
            n(x(year)),
            n(HEIGHT - 10.0)
        ));
    }
    svg.push_str("</g>\n");

    // The least-squares line, from its first point to the target year (or
    // the last year, when that is later).
    if let Some((line, from)) = &chart.line {
        let to = by.map_or(last, |b| b.max(last));
        svg.push_str(&format!(
            "<line class=\"pace\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{MUTED}\" stroke-width=\"2\" stroke-dasharray=\"5 4\"/>\n",
            n(x(*from)),
            n(y(line.at(*from))),
            n(x(to)),
            n(y(line.at(to)))
        ));
    }

    // The values: a line through consecutive years with values, broken
    // wherever a year has none.
    let mut path = String::new();
    let mut drawing = false;
    for (year, value) in chart.values {
        match value {
            Some(v) => {
                path.push_str(&format!(
                    "{} {} {} ",
                    if drawing { "L" } else { "M" },
                    n(x(*year)),
                    n(y(*v))
                ));
                drawing = true;
            }
            None => drawing = false,
        }
    }
    if !path.is_empty() {
        svg.push_str(&format!(
            "<path class=\"values\" d=\"{}\" fill=\"none\" stroke=\"{THIS_YEAR}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>\n",
            path.trim_end()
        ));
    }
    let labelled = chart.values.len() <= LABELLED_YEARS;
    for (i, (year, value)) in chart.values.iter().enumerate() {
        let Some(v) = value else {
            continue;
        };
        svg.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{THIS_YEAR}\"/>",
            n(x(*year)),
            n(y(*v))
        ));
        let (first_point, last_point) = (i == 0, i + 1 == chart.values.len());
        if labelled || first_point || last_point {
            // The outermost labels lean inwards, clear of the value axis
            // and of the chart's right edge.
            let anchor = if first_point && !last_point {
                "start"
            } else if last_point && !first_point {
                "end"
            } else {
                "middle"
            };
            svg.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"{INK}\" font-size=\"11\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
                n(x(*year)),
                n(y(*v) - 8.0),
                escape(&numbers::value(Some(*v), unit, lang))
            ));
        }
    }
    svg.push('\n');

    if let Some((target, by, _)) = &chart.target {
        let (tx, ty) = (x(*by), y(*target));
        svg.push_str(&format!(
            "<path class=\"target\" d=\"M {} {} l 6 6 l -6 6 l -6 -6 z\" fill=\"{OUTLINE}\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n",
            n(tx),
            n(ty - 6.0)
        ));
    }
    svg.push_str("</svg>\n");
    Html::raw(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::targets::Point;

    fn chart(values: &[(i32, Option<f64>)], target: Option<(f64, i32, String)>) -> String {
        let line = Line::fit(
            &values
                .iter()
                .filter_map(|&(year, v)| v.map(|value| Point { year, value }))
                .collect::<Vec<_>>(),
        );
        line_chart(
            &LineChart {
                id: "chart-transaction_share",
                indicator: Indicator::TransactionShare,
                title: "Share at step 3 or higher",
                values,
                target,
                line: line.map(|l| (l, values[0].0)),
                desc_end: String::new(),
            },
            Lang::En,
        )
        .as_str()
        .to_string()
    }

    #[test]
    fn a_gap_breaks_the_line_and_is_named_in_the_description() {
        let svg = chart(
            &[
                (2012, Some(0.1)),
                (2013, None),
                (2014, Some(0.3)),
                (2015, Some(0.5)),
            ],
            None,
        );
        // Two pieces: 2012 alone, then 2014 to 2015.
        let values = svg.split("class=\"values\" d=\"").nth(1).unwrap();
        let values = &values[..values.find('"').unwrap()];
        assert_eq!(values.matches('M').count(), 2, "{values}");
        assert!(svg.contains("2012 10.0%; 2013 no value; 2014 30.0%; 2015 50.0%."));
        assert_eq!(svg.matches("<circle").count(), 1 + 3);
    }

    #[test]
    fn the_target_is_a_diamond_at_its_year() {
        let svg = chart(
            &[(2012, Some(0.1)), (2013, Some(0.2))],
            Some((0.5, 2015, "≥ 50.0% (2015)".into())),
        );
        // x runs 2012–2015 over 298 units from 48: 2015 is at 346; y of
        // 0.5 is 44 + 162 × 0.5 = 125, the diamond's top 6 above.
        assert!(svg.contains("<path class=\"target\" d=\"M 346 119 l 6 6"));
        assert!(svg.contains("Target ≥ 50.0% (2015)"));
        assert!(svg.contains("class=\"pace\""));
    }
}
