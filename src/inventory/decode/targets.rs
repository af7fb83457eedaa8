//! The walk over a targets file (effektmål), format 1 (spec §2), with the
//! same reader, and so the same diagnostics, as inventories.

use super::reader::{Reader, describe, did_you_mean};
use crate::diagnostic::{Code, Diagnostic, Findings, Message};
use crate::inventory::indicator::{Indicator, Unit};
use crate::inventory::load::{Node, Value};
use crate::inventory::targets::{Baseline, Direction, Target, TargetsFile};
use crate::limits;
use crate::suggest;

pub const ROOT_KEYS: &[&str] = &["trappa-targets", "targets"];
pub const TARGET_KEYS: &[&str] = &[
    "indicator",
    "goal",
    "target",
    "by",
    "direction",
    "department",
    "baseline",
];
pub const BASELINE_KEYS: &[&str] = &["year", "value"];

/// The places of keys, as the messages name them (catalogue keys).
const TARGETS_FILE: &str = "diagnostic.place.targets_file";
const TARGET: &str = "diagnostic.place.target";
const BASELINE: &str = "diagnostic.place.baseline";

/// Decodes a document whose root has `trappa-targets`.
pub fn decode(file: &str, root: &Node) -> (Option<TargetsFile>, Findings) {
    let mut d = Reader::new(file);
    let targets = targets_file(&mut d, root);
    (targets, d.findings)
}

fn targets_file(d: &mut Reader, root: &Node) -> Option<TargetsFile> {
    let fields = d.mapping(root, TARGETS_FILE, ROOT_KEYS)?;
    let version = fields.get("trappa-targets")?;
    if version.value != Value::Int(1) {
        d.report(
            Diagnostic::new(
                Code::E007,
                d.file,
                version.pos,
                Message::new("diagnostic.e007.targets_version").arg("version", describe(version)),
            )
            .help(Message::new("diagnostic.e007.targets_version_help")),
        );
        return None;
    }
    let targets = match d.require(&fields, "targets", TARGETS_FILE) {
        Some(node) => d.list(node, "targets", |d, item, _| target(d, item)),
        None => Vec::new(),
    };
    Some(TargetsFile { targets })
}

fn target(d: &mut Reader, node: &Node) -> Option<Target> {
    let fields = d.mapping(node, TARGET, TARGET_KEYS)?;
    let indicator = d
        .require(&fields, "indicator", TARGET)
        .and_then(|n| indicator(d, n));
    let unit = indicator.map(Indicator::unit);
    let goal = fields.get("goal").and_then(|n| d.text(n, "goal"));
    let target = d
        .require(&fields, "target", TARGET)
        .and_then(|n| value(d, n, "target", unit));
    let by = d
        .require(&fields, "by", TARGET)
        .and_then(|n| d.integer(n, "by", 2000, 2100))
        .map(|y| y as i32);
    let direction = match fields.get("direction") {
        None => Some(Direction::Up),
        Some(n) => match n.scalar_text() {
            Some("up") => Some(Direction::Up),
            Some("down") => Some(Direction::Down),
            other => {
                let help = match other.and_then(|t| suggest::closest(t, ["up", "down"])) {
                    Some(near) => did_you_mean(near),
                    None => Message::new("diagnostic.e002.direction_help"),
                };
                d.e002(
                    n.pos,
                    Message::new("diagnostic.e002.unknown_value")
                        .arg("value", describe(n))
                        .text("path", "direction"),
                    Some(help),
                );
                None
            }
        },
    };
    let department = fields
        .get("department")
        .and_then(|n| d.text(n, "department"));
    let baseline = fields
        .get("baseline")
        .and_then(|n| baseline(d, n, unit, by));
    Some(Target {
        indicator: indicator?,
        goal,
        target: target?,
        by: by?,
        direction: direction?,
        department,
        baseline,
        pos: fields.key_pos("indicator").unwrap_or(fields.pos),
    })
}

fn indicator(d: &mut Reader, node: &Node) -> Option<Indicator> {
    let id = d.non_empty_text(node, "indicator")?;
    if let Some(indicator) = Indicator::parse(&id) {
        return Some(indicator);
    }
    let help = match suggest::closest(&id, Indicator::ids()) {
        Some(near) => did_you_mean(near),
        None => Message::new("diagnostic.e002.unknown_indicator_help")
            .text("ids", Indicator::ids().collect::<Vec<_>>().join(", ")),
    };
    d.e002(
        node.pos,
        Message::new("diagnostic.e002.unknown_indicator").text("id", id),
        Some(help),
    );
    None
}

/// A target or baseline value in the indicator's unit: a share is 0–1, a
/// count a whole number (2.5 services is no target), a cost within the
/// bound of costs.
fn value(d: &mut Reader, node: &Node, path: &str, unit: Option<Unit>) -> Option<f64> {
    let (min, max) = match unit {
        Some(Unit::Share) => (0.0, 1.0),
        Some(Unit::Step) => (1.0, 4.0),
        Some(Unit::Percent) => (0.0, 100.0),
        Some(Unit::Sek) => (0.0, limits::MAX_COST_PER_CASE_SEK),
        Some(Unit::Count) => {
            return d
                .integer(node, path, 0, i128::from(u64::MAX))
                .map(|n| n as f64);
        }
        // The indicator is unknown (already an E002): read any number,
        // to report what else is wrong.
        None => (0.0, f64::MAX),
    };
    let before = d.errors();
    let v = d.number(node, path, min, max);
    if v.is_none()
        && unit == Some(Unit::Share)
        && d.errors() > before
        && let Some(last) = d.findings.last_mut()
    {
        last.help = Some(Message::new("diagnostic.e002.share_help"));
    }
    v
}

/// The starting point of the trend line; its year must come before `by`.
fn baseline(d: &mut Reader, node: &Node, unit: Option<Unit>, by: Option<i32>) -> Option<Baseline> {
    let fields = d.mapping(node, BASELINE, BASELINE_KEYS)?;
    let year_node = d.require(&fields, "year", BASELINE);
    let year = year_node
        .and_then(|n| d.integer(n, "baseline.year", 2000, 2100))
        .map(|y| y as i32);
    if let (Some(node), Some(year), Some(by)) = (year_node, year, by)
        && year >= by
    {
        d.e002(
            node.pos,
            Message::new("diagnostic.e002.baseline_year")
                .number("year", year)
                .number("by", by),
            Some(Message::new("diagnostic.e002.baseline_year_help")),
        );
        return None;
    }
    let value = d
        .require(&fields, "value", BASELINE)
        .and_then(|n| value(d, n, "baseline.value", unit));
    Some(Baseline {
        year: year?,
        value: value?,
    })
}
