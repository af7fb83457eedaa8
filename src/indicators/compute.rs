//! The numbers of the yearly follow-up (spec §5).
//!
//! Every ratio keeps its numerator and denominator next to its value, so a
//! report or an export can show what was counted and a reader can check the
//! arithmetic. A ratio whose denominator is empty or zero is "no data"
//! (`value: None`): a department without case services has not scored 0 % on
//! e-ID, it has nothing to measure. Only `status: live` services enter any
//! indicator; planned and retired services are ignored here and only matter
//! to [`changes`].

use crate::classified::ClassifiedService;
use crate::inventory::model::{Hours, Mobile, Prefill, Service, Status};
use crate::inventory::{Indicator, Step};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// One indicator's value with its explicit numerator and denominator.
///
/// Counts have `numerator = Some(count)`, `denominator = None` and
/// `value = Some(count)`. Ratios always carry both sides, even when the
/// value is "no data", so a reader sees *why* there is no value (0 of 0).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorValue {
    pub id: Indicator,
    /// `None` = "no data": the denominator is empty or sums to 0. Never 0 for
    /// that, never NaN (nor infinite).
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
}

impl IndicatorValue {
    /// A plain count: no denominator, the value is the count itself.
    fn count(id: Indicator, n: usize) -> Self {
        let n = n as f64;
        IndicatorValue {
            id,
            value: Some(n),
            numerator: Some(n),
            denominator: None,
        }
    }

    /// A ratio; `None` when the denominator is zero, so that "nothing to
    /// measure" never reads as 0 % (and never as NaN).
    fn ratio(id: Indicator, numerator: f64, denominator: f64) -> Self {
        let value = if denominator == 0.0 {
            None
        } else {
            Some(numerator / denominator).filter(|v| v.is_finite())
        };
        IndicatorValue {
            id,
            value,
            numerator: Some(numerator),
            denominator: Some(denominator),
        }
    }

    /// `part` of `whole` services.
    fn share(id: Indicator, part: usize, whole: usize) -> Self {
        Self::ratio(id, part as f64, whole as f64)
    }
}

fn step_of(c: &ClassifiedService<'_>) -> Step {
    c.classification.step
}

fn count_where(
    services: &[&ClassifiedService<'_>],
    predicate: impl Fn(&ClassifiedService<'_>) -> bool,
) -> usize {
    services.iter().filter(|c| predicate(c)).count()
}

/// Σ numerator / Σ denominator over the services for which `terms` gives
/// both. Volume-weighted by construction: a service with 1000 cases weighs a
/// hundred times one with 10, which a mean of per-service shares would not.
/// Sums are f64; they are exact for whole numbers below 2^53.
fn summed_ratio(
    id: Indicator,
    services: &[&ClassifiedService<'_>],
    terms: impl Fn(&Service) -> Option<(f64, f64)>,
) -> IndicatorValue {
    let (numerator, denominator) = services
        .iter()
        .filter_map(|c| terms(c.service))
        .fold((0.0, 0.0), |(n, d), (tn, td)| (n + tn, d + td));
    IndicatorValue::ratio(id, numerator, denominator)
}

/// Every indicator of spec §5 for one set of services (a whole organisation
/// or one department), in catalogue order, EXCLUDING the four that need a
/// previous year ([`Indicator::requires_previous`]; see [`change_values`]).
///
/// The caller chooses the set: pass a department's services to get that
/// department's figures. Services that are not live are skipped here, so the
/// caller need not filter.
pub fn compute(services: &[ClassifiedService<'_>]) -> Vec<IndicatorValue> {
    let live: Vec<&ClassifiedService<'_>> =
        services.iter().filter(|c| c.service.is_live()).collect();
    let cases: Vec<&ClassifiedService<'_>> = live
        .iter()
        .copied()
        .filter(|c| c.service.evidence.takes_cases())
        .collect();
    let e_services: Vec<&ClassifiedService<'_>> = live
        .iter()
        .copied()
        .filter(|c| step_of(c) >= Step::Interaction)
        .collect();
    let with_target: Vec<&ClassifiedService<'_>> = live
        .iter()
        .copied()
        .filter(|c| c.service.target_step.is_some())
        .collect();

    let n_live = live.len();
    let n_cases = cases.len();
    let at_step = |step: Step| count_where(&live, |c| step_of(c) == step);
    let step_sum: f64 = live.iter().map(|c| f64::from(step_of(c).number())).sum();

    vec![
        IndicatorValue::count(Indicator::Services, n_live),
        IndicatorValue::count(Indicator::EServices, e_services.len()),
        IndicatorValue::share(Indicator::Step1Share, at_step(Step::Information), n_live),
        IndicatorValue::share(Indicator::Step2Share, at_step(Step::Interaction), n_live),
        IndicatorValue::share(Indicator::Step3Share, at_step(Step::Transaction), n_live),
        IndicatorValue::share(Indicator::Step4Share, at_step(Step::Integration), n_live),
        IndicatorValue::share(
            Indicator::TransactionShare,
            count_where(&live, |c| step_of(c) >= Step::Transaction),
            n_live,
        ),
        IndicatorValue::share(
            Indicator::IntegrationShare,
            at_step(Step::Integration),
            n_live,
        ),
        IndicatorValue::ratio(Indicator::MeanStep, step_sum, n_live as f64),
        IndicatorValue::share(
            Indicator::AtTargetShare,
            count_where(&with_target, |c| {
                c.service.target_step.is_some_and(|t| step_of(c) >= t)
            }),
            with_target.len(),
        ),
        // Only services that declare a step can disagree with the derived one.
        IndicatorValue::count(
            Indicator::DeclaredMismatches,
            count_where(&live, |c| {
                c.service.declared_step.is_some_and(|d| d != step_of(c))
            }),
        ),
        IndicatorValue::share(
            Indicator::EidShare,
            count_where(&cases, |c| c.service.evidence.uses_eid()),
            n_cases,
        ),
        IndicatorValue::share(
            Indicator::ForeignEidShare,
            count_where(&cases, |c| c.service.evidence.foreign_eid),
            n_cases,
        ),
        IndicatorValue::share(
            Indicator::CaseTrackingShare,
            count_where(&cases, |c| c.service.evidence.tracks_cases()),
            n_cases,
        ),
        IndicatorValue::share(
            Indicator::DigitalDecisionShare,
            count_where(&cases, |c| c.service.evidence.decides_digitally()),
            n_cases,
        ),
        IndicatorValue::share(
            Indicator::PrefillRegistryShare,
            count_where(&cases, |c| c.service.evidence.prefill == Prefill::Registry),
            n_cases,
        ),
        IndicatorValue::share(
            Indicator::AlwaysOpenShare,
            count_where(&live, |c| c.service.access.hours == Some(Hours::Always)),
            n_live,
        ),
        // The accessibility act (2018:1937) bites on services people use, not
        // on plain information pages: hence step >= 2 on both sides.
        IndicatorValue::share(
            Indicator::AccessibilityStatementShare,
            count_where(&e_services, |c| {
                c.service.access.accessibility_statement.is_some()
            }),
            e_services.len(),
        ),
        IndicatorValue::share(
            Indicator::MobileShare,
            count_where(&live, |c| {
                matches!(
                    c.service.access.mobile,
                    Some(Mobile::Responsive | Mobile::App)
                )
            }),
            n_live,
        ),
        IndicatorValue::count(
            Indicator::PdfForms,
            count_where(&live, |c| c.service.evidence.is_pdf_form()),
        ),
        summed_ratio(Indicator::DigitalUptake, &live, |s| {
            Some((s.volumes.digital? as f64, s.volumes.cases? as f64))
        }),
        IndicatorValue::share(
            Indicator::VolumeCoverage,
            count_where(&cases, |c| c.service.volumes.cases.is_some()),
            n_cases,
        ),
        summed_ratio(Indicator::CompletionRate, &live, |s| {
            Some((s.volumes.completed? as f64, s.volumes.started? as f64))
        }),
        // Weighted by cases: a cheap service with 10 cases must not pull the
        // organisation's cost per case as much as a dear one with 10 000.
        summed_ratio(Indicator::CostPerCaseSek, &live, |s| {
            let cases = s.volumes.cases? as f64;
            Some((s.cost_per_case_sek? * cases, cases))
        }),
        summed_ratio(Indicator::SatisfactionPct, &live, |s| {
            let cases = s.volumes.cases? as f64;
            Some((s.satisfaction_pct? * cases, cases))
        }),
    ]
}

/// What changed since the previous inventory, matched by service id (ids
/// are stable across years, spec §2).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Changes {
    /// Ids live now and absent from the previous inventory, in the order of
    /// the current file. A service that was planned (or retired) last year
    /// and is live now is not new: its id was there (data/indicators.yaml).
    pub new: Vec<String>,
    /// Ids live in the previous inventory and now `status: retired` or gone
    /// from the file, in the order of the previous file. A service that was
    /// only planned last year never ran, so it cannot be retired; a live
    /// service now back to `planned` is neither retired nor live.
    pub retired: Vec<String>,
    /// Live in both years, derived step higher now (current file order).
    pub stepped_up: Vec<StepChange>,
    /// Live in both years, derived step lower now (current file order).
    pub stepped_down: Vec<StepChange>,
}

/// One service that moved on the ladder between the two inventories.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepChange {
    pub id: String,
    pub from: Step,
    pub to: Step,
}

/// "bygglov (2→3)": how the report's change lists show a move.
impl std::fmt::Display for StepChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}→{})",
            self.id,
            self.from.number(),
            self.to.number()
        )
    }
}

/// What [`changes`] needs to know of a service in one year: its id, its
/// status and its derived step. A report passes its classified services;
/// `trappa trend`, which keeps only these three facts of each year, passes
/// those — so both count new, retired and moved services by the same code.
pub trait Tracked {
    fn id(&self) -> &str;
    fn status(&self) -> Status;
    fn step(&self) -> Step;
    fn is_live(&self) -> bool {
        self.status() == Status::Live
    }
}

impl Tracked for ClassifiedService<'_> {
    fn id(&self) -> &str {
        &self.service.id
    }
    fn status(&self) -> Status {
        self.service.status
    }
    fn step(&self) -> Step {
        step_of(self)
    }
}

/// The first service with each id. A checked inventory has unique ids
/// (E003); taking the first keeps a duplicate from being counted twice.
fn by_id<T: Tracked>(services: &[T]) -> HashMap<&str, &T> {
    let mut map = HashMap::new();
    for c in services {
        map.entry(c.id()).or_insert(c);
    }
    map
}

/// Compares this year's inventory with the previous one (`--previous`).
pub fn changes<T: Tracked>(current: &[T], previous: &[T]) -> Changes {
    let now = by_id(current);
    let before = by_id(previous);
    let mut result = Changes::default();

    let mut seen = HashSet::new();
    for c in current.iter().filter(|c| c.is_live()) {
        let id = c.id();
        if !seen.insert(id) {
            continue;
        }
        match before.get(id) {
            None => result.new.push(id.to_string()),
            Some(p) if p.is_live() => {
                let (from, to) = (p.step(), c.step());
                let change = StepChange {
                    id: id.to_string(),
                    from,
                    to,
                };
                if to > from {
                    result.stepped_up.push(change);
                } else if to < from {
                    result.stepped_down.push(change);
                }
            }
            Some(_) => {}
        }
    }

    let mut seen = HashSet::new();
    for p in previous.iter().filter(|p| p.is_live()) {
        let id = p.id();
        if !seen.insert(id) {
            continue;
        }
        let gone = match now.get(id) {
            None => true,
            Some(c) => c.status() == Status::Retired,
        };
        if gone {
            result.retired.push(id.to_string());
        }
    }
    result
}

/// The four change indicators ([`Indicator::requires_previous`]) as counts, in
/// catalogue order, so a report can append them to [`compute`]'s values.
pub fn change_values(changes: &Changes) -> Vec<IndicatorValue> {
    vec![
        IndicatorValue::count(Indicator::NewServices, changes.new.len()),
        IndicatorValue::count(Indicator::RetiredServices, changes.retired.len()),
        IndicatorValue::count(Indicator::SteppedUp, changes.stepped_up.len()),
        IndicatorValue::count(Indicator::SteppedDown, changes.stepped_down.len()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `compute` followed by `change_values` lists the catalogue exactly, in
    /// its order: a forgotten indicator fails here, not in a report.
    #[test]
    fn ids_follow_the_catalogue() {
        let mut ids: Vec<Indicator> = compute(&[]).iter().map(|v| v.id).collect();
        let tail: Vec<Indicator> = change_values(&Changes::default())
            .iter()
            .map(|v| v.id)
            .collect();
        assert!(tail.iter().all(|i| i.requires_previous()));
        assert!(ids.iter().all(|i| !i.requires_previous()));
        ids.extend(tail);
        assert_eq!(ids, Indicator::ALL);
    }

    #[test]
    fn zero_denominator_is_no_data() {
        let v = IndicatorValue::ratio(Indicator::EidShare, 0.0, 0.0);
        assert_eq!(v.value, None);
        assert_eq!(v.numerator, Some(0.0));
        assert_eq!(v.denominator, Some(0.0));
    }
}
