//! The typed targets file (effektmål), format 1 (spec §2). Plain data: the
//! walk in `decode::targets` fills it, the report reads it.

use super::indicator::Indicator;
use crate::diagnostic::Pos;
use schemars::JsonSchema;
use serde::Serialize;

// As in the inventory model, the `JsonSchema` derives describe the YAML keys
// (spec §2) through `#[schemars]` attributes only; the decoder fills the
// types. The version key `trappa-targets` is added by `crate::schema`.

/// A targets file (effektmål): the indicator values an organisation aims to reach.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct TargetsFile {
    /// The targets, one item each.
    pub targets: Vec<Target>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
pub enum Direction {
    /// Met when the value is at least the target.
    #[default]
    Up,
    /// Met when the value is at most the target.
    Down,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Target {
    /// The indicator the target is set for (an indicator id, see `trappa report --format json`).
    pub indicator: Indicator,
    /// The goal (inriktningsmål) the target serves, as free text.
    pub goal: Option<String>,
    /// The value to reach, in the indicator's unit: a share is written 0–1 (60 % is 0.60).
    pub target: f64,
    /// The year by which the target must be reached (2000–2100).
    #[schemars(range(min = 2000, max = 2100))]
    pub by: i32,
    /// `up`: met when the value is at least the target; `down`: at most the target.
    #[schemars(default)]
    pub direction: Direction,
    /// The id of the one department the target applies to; absent for the whole organisation.
    pub department: Option<String>,
    /// The value at a starting year, for the straight line that decides "on track".
    pub baseline: Option<Baseline>,
    #[serde(skip)]
    #[schemars(skip)]
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Baseline {
    /// The baseline year (2000–2100).
    #[schemars(range(min = 2000, max = 2100))]
    pub year: i32,
    /// The indicator's value in that year, in the indicator's unit.
    pub value: f64,
}
