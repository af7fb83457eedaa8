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

fn reaches(value: f64, target: &Target) -> bool {
    match target.direction {
        Direction::Up => value >= target.target - EPSILON,
        Direction::Down => value <= target.target + EPSILON,
    }
}

pub fn status(
    target: &Target,
    year: i32,
    value: Option<f64>,
    previous: Option<Point>,
) -> TargetStatus {
    let Some(value) = value else {
        return TargetStatus::NoData;
    };
    if reaches(value, target) {
        return TargetStatus::Met;
    }
    if year >= target.by {
        return TargetStatus::Missed;
    }
    let reference = target
        .baseline
        .as_ref()
        .map(|b| Point {
            year: b.year,
            value: b.value,
        })
        .filter(|p| p.year < year)
        .or(previous.filter(|p| p.year < year));
    match reference {
        Some(from) => {
            let slope = (value - from.value) / f64::from(year - from.year);
            let projected = value + slope * f64::from(target.by - year);
            if reaches(projected, target) {
                TargetStatus::OnTrack
            } else {
                TargetStatus::Behind
            }
        }
        None => TargetStatus::Behind,
    }
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

    #[test]
    fn no_value_is_no_data() {
        let t = target(0.6, 2015, Direction::Up, None);
        assert_eq!(status(&t, 2014, None, None), TargetStatus::NoData);
    }
}
