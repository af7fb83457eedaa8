//! The trend built from small inventories whose numbers are worked out by
//! hand in the comments: gaps, service histories, departments that come
//! and go, and targets judged over the period.

use super::period::Pace;
use super::{Builder, Trend, YearSummary};
use crate::diagnostic::Arg;
use crate::inventory::Indicator;
use crate::inventory::model::Inventory;
use crate::inventory::source::Source;
use crate::inventory::targets::TargetsFile;
use crate::pipeline::{Checked, check_source};
use crate::report::targets::TargetStatus;
use crate::trend::history::{Leaving, Span};

/// One service line-up entry: id, department, status, derived step.
type Entry<'a> = (&'a str, &'a str, &'a str, u8);

fn evidence(step: u8) -> &'static str {
    match step {
        1 => "    evidence: {}\n",
        2 => "    evidence: {submission: offline}\n",
        3 => "    evidence: {submission: online, login: eid, signing: eid}\n",
        _ => "    evidence: {submission: online, login: eid, signing: eid, prefill: registry}\n",
    }
}

fn text(year: i32, departments: &[&str], services: &[Entry]) -> String {
    let mut out =
        format!("trappa: 1\norganisation:\n  name: Provby kommun\nyear: {year}\ndepartments:\n");
    for d in departments {
        out.push_str(&format!("  - id: {d}\n    name: Förvaltning {d}\n"));
    }
    out.push_str("services:\n");
    for (id, department, status, step) in services {
        out.push_str(&format!(
            "  - id: {id}\n    name: Tjänst {id}\n    department: {department}\n    status: {status}\n{}",
            evidence(*step)
        ));
    }
    out
}

fn checked(name: &str, text: String) -> Checked {
    let checked = check_source(Source {
        name: name.to_string(),
        text,
    });
    assert!(
        checked.valid_inventory().is_some(),
        "{name}: {:#?}",
        checked.diagnostics
    );
    checked
}

fn inventory(year: i32, departments: &[&str], services: &[Entry]) -> Inventory {
    let checked = checked(&format!("{year}.yaml"), text(year, departments, services));
    checked.valid_inventory().cloned().expect("valid")
}

fn targets(yaml: &str) -> TargetsFile {
    let checked = check_source(Source {
        name: "targets.yaml".into(),
        text: format!("trappa-targets: 1\ntargets:\n{yaml}"),
    });
    checked.valid_targets().cloned().expect("valid targets")
}

fn trend(inventories: &[Inventory], goals: Option<&TargetsFile>) -> Trend {
    let mut builder = Builder::new();
    // In reverse: the builder puts the years in order whatever the input order.
    for inventory in inventories.iter().rev() {
        builder.push(YearSummary::of(&format!("{}.yaml", inventory.year), inventory).unwrap());
    }
    builder.finish(goals).ok().flatten().expect("a trend")
}

/// `n` live services in department `d`, the first `at_3` at step 3 and the
/// rest at step 2: a share at step ≥ 3 of at_3 / n.
fn services(n: usize, at_3: usize) -> Vec<(String, u8)> {
    (0..n)
        .map(|i| (format!("s{i}"), if i < at_3 { 3 } else { 2 }))
        .collect()
}

fn shares(year: i32, n: usize, at_3: usize) -> Inventory {
    let list = services(n, at_3);
    let entries: Vec<Entry> = list
        .iter()
        .map(|(id, step)| (id.as_str(), "d", "live", *step))
        .collect();
    inventory(year, &["d"], &entries)
}

fn values(trend: &Trend, id: Indicator) -> Vec<Option<f64>> {
    trend
        .series(id)
        .unwrap()
        .values
        .iter()
        .map(|v| v.as_ref().and_then(|v| v.value))
        .collect()
}

#[test]
fn a_missing_year_is_a_gap_and_changes_count_from_the_inventory_before() {
    // 2012: 1 of 4 at step 3; no 2013; 2014: 3 of 4.
    let t = trend(&[shares(2012, 4, 1), shares(2014, 4, 3)], None);
    let years: Vec<(i32, bool, Option<i32>)> = t
        .years
        .iter()
        .map(|y| (y.year, y.is_gap(), y.since))
        .collect();
    assert_eq!(
        years,
        [
            (2012, false, None),
            (2013, true, None),
            (2014, false, Some(2012))
        ]
    );
    assert_eq!(t.gaps(), [2013]);
    assert_eq!(
        values(&t, Indicator::TransactionShare),
        [Some(0.25), None, Some(0.75)]
    );
    // The change of 2014 is from 2012's value, as `report 2014 --previous 2012`.
    let change = t.series(Indicator::TransactionShare).unwrap().values[2]
        .as_ref()
        .unwrap()
        .change;
    assert_eq!(change, Some(0.5));
    // s1 and s2 moved from step 2 to 3: two stepped up, counted in 2014.
    assert_eq!(values(&t, Indicator::SteppedUp), [None, None, Some(2.0)]);
    assert!(t.changes[1].is_none());
    assert_eq!(
        t.distribution,
        [Some([0, 3, 1, 0]), None, Some([0, 1, 3, 0])]
    );
}

#[test]
fn service_histories_by_hand() {
    let y2012 = inventory(
        2012,
        &["d"],
        &[
            ("a", "d", "live", 2),
            ("b", "d", "planned", 1),
            ("c", "d", "live", 1),
            ("f", "d", "live", 2),
        ],
    );
    let y2013 = inventory(
        2013,
        &["d"],
        &[
            ("a", "d", "live", 3),
            ("b", "d", "live", 3),
            ("c", "d", "retired", 1),
            ("d", "d", "live", 2),
        ],
    );
    // No 2014.
    let y2015 = inventory(
        2015,
        &["d"],
        &[
            ("e", "d", "live", 4),
            ("a", "d", "live", 2),
            ("b", "d", "live", 3),
            ("f", "d", "live", 2),
        ],
    );
    let t = trend(&[y2012, y2013, y2015], None);
    let ids: Vec<&str> = t.services.iter().map(|s| s.id.as_str()).collect();
    // 2015's in its order, then those it no longer lists, in the order of
    // the newest inventory that does (2013: c, retired there, then d).
    assert_eq!(ids, ["e", "a", "b", "f", "c", "d"]);
    let by = |id: &str| t.services.iter().find(|s| s.id == id).unwrap();
    let span = |after: Option<i32>, by: i32| Span { after, by };

    // a: live at 2 from the first inventory, 3 in 2013, 2 in 2015.
    let a = by("a");
    assert_eq!(a.went_live, Some(span(None, 2012)));
    assert_eq!(a.first_at_step_3, Some(span(Some(2012), 2013)));
    assert_eq!(a.first_at_step_3.unwrap().exact(), Some(2013));
    // Down in 2014 or 2015: there is no inventory of 2014 to tell.
    assert_eq!(a.stepped_down, [span(Some(2013), 2015)]);
    assert_eq!(a.stepped_down[0].exact(), None);
    assert_eq!(a.left, None);
    assert_eq!(a.years[3].map(|s| s.step.number()), Some(2));
    assert_eq!(a.years[2], None, "2014 is a gap");

    // b: planned in 2012, live at 3 in 2013: went live in 2013, not "new".
    let b = by("b");
    assert_eq!(b.went_live, Some(span(Some(2012), 2013)));
    assert!(
        !t.changes[1]
            .as_ref()
            .unwrap()
            .new
            .contains(&"b".to_string())
    );

    // c: retired in 2013.
    let c = by("c");
    assert_eq!(
        c.left.map(|l| (l.when, l.how)),
        Some((span(Some(2012), 2013), Leaving::Retired))
    );
    // d: live in 2013, gone by 2015.
    let d = by("d");
    assert_eq!(
        d.left.map(|l| (l.when, l.how)),
        Some((span(Some(2013), 2015), Leaving::Gone))
    );
    // e: new at step 4 some year after 2013.
    let e = by("e");
    assert_eq!(e.went_live, Some(span(Some(2013), 2015)));
    assert_eq!(e.first_at_step_3, Some(span(Some(2013), 2015)));
    // f: gone in 2013, back in 2015: it has not left.
    let f = by("f");
    assert_eq!(f.left, None);
    assert_eq!(f.went_live, Some(span(None, 2012)));

    // The yearly counts: 2013 new d, retired c and f, up a and b? b was
    // planned, so only a; 2015 new e and f (f was absent in 2013), retired
    // d, down a.
    assert_eq!(
        values(&t, Indicator::NewServices),
        [None, Some(1.0), None, Some(2.0)]
    );
    assert_eq!(
        values(&t, Indicator::RetiredServices),
        [None, Some(2.0), None, Some(1.0)]
    );
    assert_eq!(
        values(&t, Indicator::SteppedUp),
        [None, Some(1.0), None, Some(0.0)]
    );
    assert_eq!(
        values(&t, Indicator::SteppedDown),
        [None, Some(0.0), None, Some(1.0)]
    );
}

#[test]
fn departments_that_come_and_go_show_gaps() {
    let y2012 = inventory(
        2012,
        &["old", "d"],
        &[("a", "old", "live", 2), ("b", "d", "live", 3)],
    );
    let y2013 = inventory(
        2013,
        &["d", "new"],
        &[("b", "d", "live", 3), ("c", "new", "live", 2)],
    );
    let t = trend(&[y2012, y2013], None);
    let ids: Vec<&str> = t.departments.iter().map(|d| d.id.as_str()).collect();
    // The newest inventory's order, then the one that disappeared.
    assert_eq!(ids, ["d", "new", "old"]);
    let services = |id: &str| -> Vec<Option<f64>> {
        let d = t.departments.iter().find(|d| d.id == id).unwrap();
        (0..2).map(|y| d.value(Indicator::Services, y)).collect()
    };
    assert_eq!(services("d"), [Some(1.0), Some(1.0)]);
    assert_eq!(services("new"), [None, Some(1.0)]);
    assert_eq!(services("old"), [Some(1.0), None]);
}

#[test]
fn each_year_is_the_report_of_that_year() {
    let years = [shares(2012, 5, 1), shares(2013, 5, 2), shares(2015, 6, 5)];
    let t = trend(&years, None);
    for inventory in &years {
        let report = crate::report::build(inventory, None, None).unwrap();
        let column = t.column(inventory.year).unwrap();
        for row in &report.indicators {
            let v = t.series(row.id).unwrap().values[column].as_ref().unwrap();
            assert_eq!(
                (v.value, v.numerator, v.denominator),
                (row.value, row.numerator, row.denominator),
                "{}",
                row.id
            );
        }
    }
}

#[test]
fn a_target_over_three_years_by_hand() {
    // 1, 1 and 2 of 4 at step 3: 0.25, 0.25, 0.5. Mean year 2013, mean
    // value 1/3; deviations −1, 0, 1 and −1/12, −1/12, 1/6: slope
    // (1/12 + 0 + 1/6) / 2 = 0.125 a year. In 2017 the line is
    // 1/3 + 4 × 0.125 = 0.833 ≥ 0.8: on track; in 2016 0.708: reached in 2017.
    let years = [shares(2012, 4, 1), shares(2013, 4, 1), shares(2014, 4, 2)];
    let goals = targets("  - {indicator: transaction_share, target: 0.8, by: 2017}\n");
    let t = trend(&years, Some(&goals));
    let target = &t.targets[0];
    assert_eq!(target.points.len(), 3);
    assert!((target.line.unwrap().slope - 0.125).abs() < 1e-12);
    assert!((target.line_at_by().unwrap() - 0.8 - 1.0 / 30.0).abs() < 1e-12);
    assert_eq!(target.status, TargetStatus::OnTrack);
    assert_eq!(target.pace, Pace::ReachedIn(2017));
    assert_eq!((target.year, target.value), (2014, Some(0.5)));
}

#[test]
fn a_baseline_starts_the_period_and_two_points_agree_with_the_report() {
    // Baseline 0.0 in 2013: the points are (2013, 0.0) and (2014, 0.5) —
    // 2012 is before the period, and the baseline stands for 2013's own
    // value (0.25). Slope 0.5: 1.0 in 2015 ≥ 0.8, reached in 2015.
    let years = [shares(2012, 4, 1), shares(2013, 4, 1), shares(2014, 4, 2)];
    let goals = targets(
        "  - {indicator: transaction_share, target: 0.8, by: 2017, baseline: {year: 2013, value: 0.0}}\n",
    );
    let t = trend(&years, Some(&goals));
    let target = &t.targets[0];
    let points: Vec<(i32, f64)> = target.points.iter().map(|p| (p.year, p.value)).collect();
    assert_eq!(points, [(2013, 0.0), (2014, 0.5)]);
    assert_eq!(target.pace, Pace::ReachedIn(2015));
    // `report 2014 --previous 2013` draws the same line: the same status.
    let report = crate::report::build(&years[2], Some(&years[1]), Some(&goals)).unwrap();
    assert_eq!(report.targets[0].status, target.status);
}

#[test]
fn a_gap_year_is_not_filled_when_the_line_is_drawn() {
    // 2, 4 and 5 of 8 in 2012, 2014 and 2015 (no 2013): 0.25, 0.5, 0.625,
    // on one line rising 0.125 a calendar year. 1.0 is reached in 2018
    // (0.625 + 3 × 0.125). Read as three consecutive years it would rise
    // 0.1875 a year and reach 1.0 in 2017.
    let years = [shares(2012, 8, 2), shares(2014, 8, 4), shares(2015, 8, 5)];
    let goals = targets("  - {indicator: transaction_share, target: 1.0, by: 2020}\n");
    let t = trend(&years, Some(&goals));
    let target = &t.targets[0];
    assert!((target.line.unwrap().slope - 0.125).abs() < 1e-12);
    assert_eq!(target.pace, Pace::ReachedIn(2018));
    assert_eq!(target.status, TargetStatus::OnTrack);
}

#[test]
fn flat_met_single_year_and_no_data() {
    let flat = [shares(2012, 4, 1), shares(2013, 4, 1), shares(2014, 4, 1)];
    let goals = targets(
        "  - {indicator: transaction_share, target: 0.5, by: 2016}\n\
         \x20 - {indicator: transaction_share, target: 0.2, by: 2016}\n\
         \x20 - {indicator: eid_share, target: 0.5, by: 2016}\n",
    );
    let t = trend(&flat, Some(&goals));
    assert_eq!(t.targets[0].status, TargetStatus::Behind);
    assert_eq!(t.targets[0].pace, Pace::NotAtThisPace);
    assert_eq!(t.targets[0].line.unwrap().slope, 0.0);
    assert_eq!(t.targets[1].status, TargetStatus::Met);
    assert_eq!(t.targets[1].pace, Pace::Met);
    // Every service is at step 2 or 3 with offline or e-ID submission: a
    // case service, so e-ID share has data: 1 of 4.
    assert_eq!(t.targets[2].value, Some(0.25));

    let one = trend(&[shares(2014, 4, 1)], Some(&goals));
    assert_eq!(one.targets[0].status, TargetStatus::Behind);
    assert_eq!(one.targets[0].pace, Pace::NoLine);

    // Live services none: no data, never 0.
    let empty = inventory(2014, &["d"], &[("a", "d", "planned", 2)]);
    let none = trend(&[empty], Some(&goals));
    assert_eq!(none.targets[0].value, None);
    assert_eq!(none.targets[0].status, TargetStatus::NoData);
    assert_eq!(none.targets[0].pace, Pace::NoData);
}

#[test]
fn a_target_on_a_department_no_year_has_is_refused() {
    let goals = targets("  - {indicator: services, target: 3, by: 2016, department: nowhere}\n");
    let mut builder = Builder::new();
    builder.push(YearSummary::of("2014.yaml", &shares(2014, 4, 1)).unwrap());
    assert!(matches!(
        builder.finish(Some(&goals)),
        Err(crate::report::Refusal::Target(message))
            if message.key == "refusal.target_department_any_year"
                && message.get("department") == Some(&Arg::Text("nowhere".into()))
    ));
}

#[test]
fn a_year_given_twice_counts_once_and_nothing_is_no_trend() {
    let mut builder = Builder::new();
    assert!(builder.is_empty());
    builder.push(YearSummary::of("a.yaml", &shares(2014, 4, 1)).unwrap());
    builder.push(YearSummary::of("b.yaml", &shares(2014, 4, 4)).unwrap());
    let t = builder.finish(None).unwrap().unwrap();
    assert_eq!(t.years.len(), 1);
    assert_eq!(t.years[0].file.as_deref(), Some("a.yaml"));
    assert!(Builder::new().finish(None).unwrap().is_none());
}
