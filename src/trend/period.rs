//! Targets judged over the whole period: the status of each target in the
//! last year of the trend, from the least-squares line through the years'
//! values ([`Line`]), and the year in which that line reaches the target.
//!
//! The points of the line: the target's `baseline`, when it is from a year
//! before the last one, and the value of every later year; without such a
//! baseline, the value of every year. The baseline marks where the period
//! of the target starts — what came before it is history the target was
//! set against — and when its year has an inventory, the baseline stands
//! for it, as it does in `report`. Gaps and years without data are not
//! points: nothing is filled in. The line is judged by the report's own
//! [`report::targets::judge`], so with two points — two years, or a
//! baseline and the last year — the status is exactly `report`'s.

use super::Trend;
use crate::diagnostic::Message;
use crate::inventory::Indicator;
use crate::inventory::targets::{Direction, Target, TargetsFile};
use crate::report::Refusal;
use crate::report::targets::{self, Line, Point, TargetStatus};

/// How the line of a target goes on from the last year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// The target is met: nothing to reach.
    Met,
    /// The line reaches the target in this year ("reached at this pace in 2017").
    ReachedIn(i32),
    /// The line never reaches it (it is flat or goes the other way), or
    /// only after the last year trappa follows (2100).
    NotAtThisPace,
    /// One point only: no line can be drawn.
    NoLine,
    /// No value in the last year.
    NoData,
}

impl Pace {
    pub fn id(self) -> &'static str {
        match self {
            Pace::Met => "met",
            Pace::ReachedIn(_) => "reached",
            Pace::NotAtThisPace => "not_at_this_pace",
            Pace::NoLine => "no_line",
            Pace::NoData => "no_data",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TargetTrend {
    pub indicator: Indicator,
    pub department: Option<String>,
    pub goal: Option<String>,
    pub target: f64,
    pub by: i32,
    pub direction: Direction,
    /// The last year of the trend, in which the target is judged.
    pub year: i32,
    /// The indicator's value in that year.
    pub value: Option<f64>,
    pub status: TargetStatus,
    /// The points the line is fitted through, in year order.
    pub points: Vec<Point>,
    pub line: Option<Line>,
    pub pace: Pace,
}

impl TargetTrend {
    /// The line's value in the target year.
    pub fn line_at_by(&self) -> Option<f64> {
        self.line.map(|l| l.at(self.by))
    }
}

/// The points of a target's line, from `(year, value)` of every year of the
/// trend with a value, in year order (see the module's documentation).
pub fn points(target: &Target, values: &[(i32, f64)], last_year: i32) -> Vec<Point> {
    let measured = values.iter().map(|&(year, value)| Point { year, value });
    match target.baseline.as_ref().filter(|b| b.year < last_year) {
        Some(baseline) => std::iter::once(Point {
            year: baseline.year,
            value: baseline.value,
        })
        .chain(measured.filter(|p| p.year > baseline.year))
        .collect(),
        None => measured.collect(),
    }
}

/// One target judged over the values of its indicator (`(year, value)`
/// for every year of the trend, `None` for no data or a gap).
pub fn judge(target: &Target, values: &[(i32, Option<f64>)]) -> TargetTrend {
    let last_year = values.last().map_or(0, |(year, _)| *year);
    let value = values.last().and_then(|(_, value)| *value);
    let known: Vec<(i32, f64)> = values
        .iter()
        .filter_map(|&(year, value)| value.map(|v| (year, v)))
        .collect();
    let points = points(target, &known, last_year);
    let line = Line::fit(&points);
    let status = targets::judge(target, last_year, value, line.as_ref());
    let pace = match (status, &line) {
        (TargetStatus::NoData, _) => Pace::NoData,
        (TargetStatus::Met, _) => Pace::Met,
        (_, None) => Pace::NoLine,
        (_, Some(line)) => match targets::reached_in(target, last_year, line) {
            Some(year) => Pace::ReachedIn(year),
            None => Pace::NotAtThisPace,
        },
    };
    TargetTrend {
        indicator: target.indicator,
        department: target.department.clone(),
        goal: target.goal.clone(),
        target: target.target,
        by: target.by,
        direction: target.direction,
        year: last_year,
        value,
        status,
        points,
        line,
        pace,
    }
}

/// Every target of the file judged over the trend, in the file's order. A
/// target naming a department that no year of the trend has is refused, as
/// `report` refuses one its inventory does not have.
pub(super) fn judge_all(trend: &Trend, file: &TargetsFile) -> Result<Vec<TargetTrend>, Refusal> {
    let mut out = Vec::new();
    for target in &file.targets {
        let values: Vec<(i32, Option<f64>)> = match &target.department {
            None => {
                let series = trend.series(target.indicator);
                trend
                    .years
                    .iter()
                    .enumerate()
                    .filter(|(_, y)| !y.is_gap())
                    .map(|(i, y)| {
                        let value = series
                            .and_then(|s| s.values.get(i))
                            .and_then(|v| v.as_ref())
                            .and_then(|v| v.value);
                        (y.year, value)
                    })
                    .collect()
            }
            Some(department) => {
                let Some(series) = trend.departments.iter().find(|d| &d.id == department) else {
                    return Err(Refusal::Target(
                        Message::new("refusal.target_department_any_year")
                            .number("line", target.pos.line)
                            .text("indicator", target.indicator.id())
                            .text("department", department.clone())
                            .text("organisation", trend.organisation.clone()),
                    ));
                };
                trend
                    .years
                    .iter()
                    .enumerate()
                    .filter(|(_, y)| !y.is_gap())
                    .map(|(i, y)| (y.year, series.value(target.indicator, i)))
                    .collect()
            }
        };
        out.push(judge(target, &values));
    }
    Ok(out)
}
