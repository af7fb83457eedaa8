//! The trend in each format: the terminal and Markdown forms from one
//! document of blocks ([`document`]), the versioned JSON ([`json`]), the
//! indicator series as CSV ([`csv`]) and the self-contained HTML page
//! ([`html`]). What the formats show alike — the title, how a year span,
//! a service's mark in a year or a target's pace reads — is decided here.

pub mod csv;
pub mod document;
pub mod html;
pub mod json;

use super::Color;
use super::numbers::{self, NO_DATA};
use super::report::direction_symbol;
use super::text::Layout;
use crate::i18n::{self, Lang};
use crate::inventory::model::Status;
use crate::trend::Trend;
use crate::trend::history::{Departure, Leaving, Span, StepSeen};
use crate::trend::period::{Pace, TargetTrend};

/// For a terminal, or plain text when piped.
pub fn table(trend: &Trend, lang: Lang, layout: Layout, color: Color) -> String {
    super::document::to_text(&document::blocks(trend, lang), layout, color)
}

/// For a CI job summary, a pull-request comment or the board's papers.
pub fn markdown(trend: &Trend, lang: Lang) -> String {
    super::document::to_markdown(&document::blocks(trend, lang))
}

/// "2012–2015", or the one year of a trend of one inventory.
pub fn period(trend: &Trend) -> String {
    let (first, last) = (trend.first_year(), trend.last_year());
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// "Trelleborgs kommun 2012–2015 – the e-services over the years".
pub fn title(trend: &Trend, lang: Lang) -> String {
    format!(
        "{} {} – {}",
        trend.organisation,
        period(trend),
        i18n::text(lang, "trend.title_suffix")
    )
}

/// "2014", "≤ 2012" (then or before: the first inventory) or "2013–2014"
/// (some year between two inventories with a gap between them).
pub fn span(span: &Span, lang: Lang) -> String {
    if let Some(year) = span.exact() {
        return year.to_string();
    }
    match span.after {
        None => i18n::format(lang, "trend.or_before", &[("year", &span.by.to_string())]),
        Some(after) => i18n::format(
            lang,
            "trend.between",
            &[
                ("after", &(after + 1).to_string()),
                ("by", &span.by.to_string()),
            ],
        ),
    }
}

/// A service in one year: its step when live, P(lanned) or R(etired), and
/// "–" when the year's inventory does not list it.
pub fn mark(seen: Option<StepSeen>, lang: Lang) -> String {
    match seen {
        None => NO_DATA.to_string(),
        Some(s) => match s.status {
            Status::Live => s.step.number().to_string(),
            Status::Planned => i18n::text(lang, "trend.mark_planned").to_string(),
            Status::Retired => i18n::text(lang, "trend.mark_retired").to_string(),
        },
    }
}

/// "2015 (retired)" / "2013 (gone)".
pub fn departure(left: &Departure, lang: Lang) -> String {
    let key = match left.how {
        Leaving::Retired => "trend.left_retired",
        Leaving::Gone => "trend.left_gone",
    };
    i18n::format(lang, key, &[("when", &span(&left.when, lang))])
}

/// The spans joined, or "–" when there are none.
pub fn spans(spans: &[Span], lang: Lang) -> String {
    if spans.is_empty() {
        NO_DATA.to_string()
    } else {
        spans
            .iter()
            .map(|s| span(s, lang))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// How a target's line goes on: "reached in 2017", "not at this pace", …
pub fn pace(pace: Pace, lang: Lang) -> String {
    let key = match pace {
        Pace::ReachedIn(year) => {
            return i18n::format(lang, "trend.pace.reached", &[("year", &year.to_string())]);
        }
        Pace::Met => "trend.pace.met",
        Pace::NotAtThisPace => "trend.pace.not_at_this_pace",
        Pace::NoLine => "trend.pace.no_line",
        Pace::NoData => "trend.pace.no_data",
    };
    i18n::text(lang, key).to_string()
}

/// "≥ 50,0 % (2015)": what a target asks for and by when.
pub fn target_text(target: &TargetTrend, lang: Lang) -> String {
    format!(
        "{}{}{} ({})",
        direction_symbol(target.direction),
        numbers::JOIN,
        numbers::value(Some(target.target), target.indicator.unit(), lang),
        target.by
    )
}

/// The line's change per year, with its sign and arrow ("▲ +11,3 p.e.").
pub fn slope(target: &TargetTrend, lang: Lang) -> String {
    numbers::change(target.line.map(|l| l.slope), target.indicator.unit(), lang)
}

/// The name of a department of the trend; the services without one are
/// "(no department)".
pub fn department_name(trend: &Trend, id: Option<&str>, lang: Lang) -> String {
    match id.filter(|id| !id.is_empty()) {
        None => i18n::text(lang, "report.no_department").to_string(),
        Some(id) => trend.department_name(id).unwrap_or(id).to_string(),
    }
}

/// "2012, 2013 and 2015".
pub fn years_list(years: &[i32], lang: Lang) -> String {
    let items: Vec<String> = years.iter().map(i32::to_string).collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => {
            format!("{}{}{last}", rest.join(", "), i18n::text(lang, "list.and"))
        }
    }
}
