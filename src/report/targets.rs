//! Target status (spec §2): met, on_track, behind, missed, no_data.
//!
//! - `met`: the value reaches the target (up: value ≥ target; down: value ≤ target).
//! - `missed`: not met and the report's year is the target year or later.
//! - `on_track`: not met, the target year is still ahead, and the straight
//!   line through the reference point and this year's value reaches the
//!   target by the target year. The reference is the target's `baseline`
//!   when it is from an earlier year, otherwise the `--previous` value.
//! - `behind`: not met, the target year ahead, not on track (also when there
//!   is no reference point to draw a line from).
//! - `no_data`: the indicator has no value this year.
//!
//! The line is a [`Line`] fitted by least squares. Through two points that
//! is the straight line through both, which is the report's rule; `trappa
//! trend` fits the same kind of line through every year of a period and
//! judges it with the same [`judge`], so the two can only agree.

use crate::inventory::targets::{Direction, Target};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    Met,
    OnTrack,
    Behind,
    Missed,
    NoData,
}

impl TargetStatus {
    pub const ALL: [TargetStatus; 5] = [
        TargetStatus::Met,
        TargetStatus::OnTrack,
        TargetStatus::Behind,
        TargetStatus::Missed,
        TargetStatus::NoData,
    ];

    pub fn id(self) -> &'static str {
        match self {
            TargetStatus::Met => "met",
            TargetStatus::OnTrack => "on_track",
            TargetStatus::Behind => "behind",
            TargetStatus::Missed => "missed",
            TargetStatus::NoData => "no_data",
        }
    }
}

/// A year and a value to draw the trend line from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub year: i32,
    pub value: f64,
}

/// Comparisons allow for floating-point noise: a share of exactly 0.6
/// computed as 3/5 must meet a target of 0.60.
const EPSILON: f64 = 1e-9;

pub fn reaches(value: f64, target: &Target) -> bool {
    match target.direction {
        Direction::Up => value >= target.target - EPSILON,
        Direction::Down => value <= target.target + EPSILON,
    }
}

/// The last year a line is followed to when asking when it reaches a
/// target: the last year an inventory or a target can name (2000–2100).
pub const LAST_YEAR: i32 = 2100;

/// A straight line through yearly values, fitted by least squares: the
/// line that makes the sum of the squared differences between each
/// point's value and the line's value in that year smallest. It passes
/// through the mean year and the mean value; its slope is the change per
/// year, in the indicator's unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    /// Change per year.
    pub slope: f64,
    mean_year: f64,
    mean_value: f64,
}

impl Line {
    /// The least-squares line through the points; `None` with fewer than
    /// two different years, through which no slope can be drawn.
    ///
    /// slope = Σ (year − mean year)(value − mean value) / Σ (year − mean year)².
    /// With exactly two points this is (value₂ − value₁) / (year₂ − year₁),
    /// the straight line through both.
    pub fn fit(points: &[Point]) -> Option<Line> {
        if points.len() < 2 {
            return None;
        }
        let n = points.len() as f64;
        let mean_year = points.iter().map(|p| f64::from(p.year)).sum::<f64>() / n;
        let mean_value = points.iter().map(|p| p.value).sum::<f64>() / n;
        // Years are centred on their mean before they are multiplied, so
        // the sums stay small and exact whatever the years are.
        let (covariance, variance) = points.iter().fold((0.0, 0.0), |(c, v), p| {
            let dx = f64::from(p.year) - mean_year;
            (c + dx * (p.value - mean_value), v + dx * dx)
        });
        let slope = covariance / variance;
        (variance > 0.0 && slope.is_finite() && mean_value.is_finite()).then_some(Line {
            slope,
            mean_year,
            mean_value,
        })
    }

    /// The line's value in `year`.
    pub fn at(&self, year: i32) -> f64 {
        self.mean_value + self.slope * (f64::from(year) - self.mean_year)
    }
}

/// The report's rule: the line through the reference point and this
/// year's value, judged by [`judge`].
pub fn status(
    target: &Target,
    year: i32,
    value: Option<f64>,
    previous: Option<Point>,
) -> TargetStatus {
    let reference = target
        .baseline
        .as_ref()
        .map(|b| Point {
            year: b.year,
            value: b.value,
        })
        .filter(|p| p.year < year)
        .or(previous.filter(|p| p.year < year));
    let line = value
        .zip(reference)
        .and_then(|(value, from)| Line::fit(&[from, Point { year, value }]));
    judge(target, year, value, line.as_ref())
}

/// The status of a target in `year`, when the indicator's value is `value`
/// and its trend up to `year` is `line` (`None`: no trend can be drawn).
/// Met and missed are decided by the value alone; a target not yet due is
/// on track when the line reaches it in the target year.
pub fn judge(target: &Target, year: i32, value: Option<f64>, line: Option<&Line>) -> TargetStatus {
    let Some(value) = value else {
        return TargetStatus::NoData;
    };
    if reaches(value, target) {
        return TargetStatus::Met;
    }
    if year >= target.by {
        return TargetStatus::Missed;
    }
    match line {
        Some(line) if reaches(line.at(target.by), target) => TargetStatus::OnTrack,
        _ => TargetStatus::Behind,
    }
}

/// The first year after `year` in which the line reaches the target ("at
/// this pace, reached in 2017"); `None` when it never does, or only after
/// [`LAST_YEAR`]. A line that already reaches the target in `year`, while
/// the value itself does not, gives the next year.
pub fn reached_in(target: &Target, year: i32, line: &Line) -> Option<i32> {
    let first = year.checked_add(1)?;
    if first > LAST_YEAR {
        return None;
    }
    if reaches(line.at(first), target) {
        return Some(first);
    }
    let towards = match target.direction {
        Direction::Up => line.slope > 0.0,
        Direction::Down => line.slope < 0.0,
    };
    if !towards {
        return None;
    }
    // Where the line meets the target; whole years from there.
    let meets = line.mean_year + (target.target - line.mean_value) / line.slope;
    if !meets.is_finite() || meets > f64::from(LAST_YEAR) {
        return None;
    }
    let mut candidate = (meets.ceil() as i32).clamp(first, LAST_YEAR);
    // The division may land a hair on either side of a whole year.
    while candidate > first && reaches(line.at(candidate - 1), target) {
        candidate -= 1;
    }
    while !reaches(line.at(candidate), target) {
        candidate += 1;
        if candidate > LAST_YEAR {
            return None;
        }
    }
    Some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;
    use crate::inventory::targets::Baseline;

    fn target(value: f64, by: i32, direction: Direction, baseline: Option<(i32, f64)>) -> Target {
        Target {
            indicator: crate::inventory::Indicator::TransactionShare,
            goal: None,
            target: value,
            by,
            direction,
            department: None,
            baseline: baseline.map(|(year, value)| Baseline { year, value }),
            pos: Pos::START,
        }
    }

    #[test]
    fn exactly_at_target_is_met_in_both_directions() {
        let up = target(0.6, 2015, Direction::Up, None);
        assert_eq!(status(&up, 2014, Some(3.0 / 5.0), None), TargetStatus::Met);
        let down = target(4.0, 2015, Direction::Down, None);
        assert_eq!(status(&down, 2014, Some(4.0), None), TargetStatus::Met);
        assert_eq!(status(&down, 2014, Some(3.0), None), TargetStatus::Met);
        assert_eq!(status(&down, 2014, Some(5.0), None), TargetStatus::Behind);
    }

    #[test]
    fn by_this_year_and_not_met_is_missed() {
        let t = target(0.6, 2014, Direction::Up, Some((2013, 0.1)));
        assert_eq!(status(&t, 2014, Some(0.59), None), TargetStatus::Missed);
        assert_eq!(status(&t, 2015, Some(0.59), None), TargetStatus::Missed);
        assert_eq!(status(&t, 2014, Some(0.6), None), TargetStatus::Met);
    }

    #[test]
    fn on_track_follows_the_straight_line_from_the_baseline() {
        // 2013: 0.35, 2014: 0.45 → +0.10 a year → 2015: 0.55.
        let t = target(0.55, 2015, Direction::Up, Some((2013, 0.35)));
        assert_eq!(status(&t, 2014, Some(0.45), None), TargetStatus::OnTrack);
        let t = target(0.56, 2015, Direction::Up, Some((2013, 0.35)));
        assert_eq!(status(&t, 2014, Some(0.45), None), TargetStatus::Behind);
    }

    #[test]
    fn previous_year_is_the_reference_without_a_baseline() {
        let t = target(10.0, 2016, Direction::Down, None);
        // 2013: 20 forms, 2014: 16 → −4 a year → 2016: 8 ≤ 10.
        let previous = Some(Point {
            year: 2013,
            value: 20.0,
        });
        assert_eq!(
            status(&t, 2014, Some(16.0), previous),
            TargetStatus::OnTrack
        );
        assert_eq!(status(&t, 2014, Some(16.0), None), TargetStatus::Behind);
    }

    #[test]
    fn a_baseline_that_is_not_earlier_is_ignored() {
        let t = target(0.9, 2016, Direction::Up, Some((2014, 0.0)));
        let previous = Some(Point {
            year: 2013,
            value: 0.3,
        });
        // From 2013's 0.3 to 2014's 0.6: +0.3 a year → 2016: 1.2 ≥ 0.9.
        assert_eq!(status(&t, 2014, Some(0.6), previous), TargetStatus::OnTrack);
    }

    fn points(values: &[(i32, f64)]) -> Vec<Point> {
        values
            .iter()
            .map(|&(year, value)| Point { year, value })
            .collect()
    }

    #[test]
    fn two_points_give_the_straight_line_through_both() {
        // 2013: 0.35, 2014: 0.45: +0.10 a year, 0.55 in 2015.
        let line = Line::fit(&points(&[(2013, 0.35), (2014, 0.45)])).unwrap();
        assert!((line.slope - 0.10).abs() < 1e-12);
        assert!((line.at(2015) - 0.55).abs() < 1e-12);
        assert!((line.at(2013) - 0.35).abs() < 1e-12);
        // The order of the points does not matter.
        assert_eq!(
            Line::fit(&points(&[(2014, 0.45), (2013, 0.35)])).map(|l| l.at(2015)),
            Some(line.at(2015))
        );
    }

    #[test]
    fn three_points_by_hand() {
        // Mean year 2013, mean value 0.25; deviations −1, 0, 1 and −0.15,
        // −0.05, 0.20: slope (0.15 + 0 + 0.20) / (1 + 0 + 1) = 0.175; the
        // line is 0.25 + 0.175 × 2 = 0.60 in 2015 and 0.775 in 2016.
        let line = Line::fit(&points(&[(2012, 0.10), (2013, 0.20), (2014, 0.45)])).unwrap();
        assert!((line.slope - 0.175).abs() < 1e-12);
        assert!((line.at(2015) - 0.60).abs() < 1e-12);
        let on = target(0.60, 2015, Direction::Up, None);
        assert_eq!(
            judge(&on, 2014, Some(0.45), Some(&line)),
            TargetStatus::OnTrack
        );
        assert_eq!(reached_in(&on, 2014, &line), Some(2015));
        // 0.61 is above the line in 2015 (0.60) and below it in 2016 (0.775).
        let off = target(0.61, 2015, Direction::Up, None);
        assert_eq!(
            judge(&off, 2014, Some(0.45), Some(&line)),
            TargetStatus::Behind
        );
        assert_eq!(reached_in(&off, 2014, &line), Some(2016));
    }

    #[test]
    fn a_missing_year_is_a_gap_in_the_years_not_a_step_of_one() {
        // 2012: 0.2, 2014: 0.4, 2015: 0.5, no 2013: 0.1 a year (the points
        // lie on one line). Counted as three consecutive years it would be
        // 0.15 a year.
        let line = Line::fit(&points(&[(2012, 0.2), (2014, 0.4), (2015, 0.5)])).unwrap();
        assert!((line.slope - 0.1).abs() < 1e-12);
        assert!((line.at(2013) - 0.3).abs() < 1e-12);
    }

    #[test]
    fn a_flat_series_never_reaches_a_target_above_it() {
        let line = Line::fit(&points(&[(2012, 0.5), (2013, 0.5), (2014, 0.5)])).unwrap();
        assert_eq!(line.slope, 0.0);
        let t = target(0.6, 2016, Direction::Up, None);
        assert_eq!(
            judge(&t, 2014, Some(0.5), Some(&line)),
            TargetStatus::Behind
        );
        assert_eq!(reached_in(&t, 2014, &line), None);
        // Flat at the target: the line is there next year already.
        let at = target(0.5, 2016, Direction::Up, None);
        assert_eq!(reached_in(&at, 2014, &line), Some(2015));
    }

    #[test]
    fn a_met_target_is_met_whatever_the_line() {
        // Falling, but 0.7 is still above 0.6.
        let line = Line::fit(&points(&[(2012, 0.9), (2013, 0.8), (2014, 0.7)])).unwrap();
        let t = target(0.6, 2016, Direction::Up, None);
        assert_eq!(judge(&t, 2014, Some(0.7), Some(&line)), TargetStatus::Met);
    }

    #[test]
    fn a_falling_count_towards_a_target_below() {
        // PDF forms 9, 7, 4 in 2012–2014: mean 20/3, deviations 7/3, 1/3,
        // −8/3; slope (−7/3 + 0 − 8/3) / 2 = −2.5. In 2016 the line is
        // 20/3 − 7.5 < 0: on track, reached in 2016 (2015: 20/3 − 5 > 0).
        let line = Line::fit(&points(&[(2012, 9.0), (2013, 7.0), (2014, 4.0)])).unwrap();
        assert!((line.slope + 2.5).abs() < 1e-12);
        let t = target(0.0, 2016, Direction::Down, None);
        assert_eq!(
            judge(&t, 2014, Some(4.0), Some(&line)),
            TargetStatus::OnTrack
        );
        assert_eq!(reached_in(&t, 2014, &line), Some(2016));
        // Rising forms never get there.
        let up = Line::fit(&points(&[(2012, 4.0), (2014, 9.0)])).unwrap();
        assert_eq!(reached_in(&t, 2014, &up), None);
    }

    #[test]
    fn no_line_through_one_year_and_none_past_the_last_year() {
        assert_eq!(Line::fit(&points(&[(2014, 0.5)])), None);
        assert_eq!(Line::fit(&points(&[(2014, 0.5), (2014, 0.7)])), None);
        assert_eq!(Line::fit(&[]), None);
        // +0.001 a year from 0.5: 1.0 only in 2514, after LAST_YEAR.
        let slow = Line::fit(&points(&[(2013, 0.499), (2014, 0.5)])).unwrap();
        let t = target(1.0, 2016, Direction::Up, None);
        assert_eq!(reached_in(&t, 2014, &slow), None);
        assert_eq!(reached_in(&t, LAST_YEAR, &slow), None);
    }

    #[test]
    fn no_value_is_no_data() {
        let t = target(0.6, 2015, Direction::Up, None);
        assert_eq!(status(&t, 2014, None, None), TargetStatus::NoData);
    }
}
