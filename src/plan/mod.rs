//! `trappa plan`: the fewest changes to live services' evidence that meet
//! every plannable target, judged by the report's own arithmetic.
//!
//! A plan is built in three steps: every live service's options (each set
//! of catalogue moves it may take without rising above its `target_step`
//! or making the inventory invalid) with what each does to every target,
//! counted by `indicators::compute` on the changed service; the exact
//! search of [`solve`]; and the changed inventory reported again by
//! `report::build`, whose statuses are the plan's "after".

pub mod apply;
mod cuts;
pub mod moves;
mod simplex;
pub mod solve;

use crate::classified::ClassifiedService;
use crate::indicators::compute;
use crate::inventory::model::{CaseTracking, Inventory, Service, Signing, Submission};
use crate::inventory::targets::{Direction, Target, TargetsFile};
use crate::inventory::{Indicator, Step};
use crate::ladder::{self, Classification};
use crate::report::{self, Refusal, Report, targets::TargetStatus};
pub use moves::Move;
use serde::Serialize;
use std::collections::HashMap;

/// What kind of target a plan can do something about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Moved by the catalogue's changes: planned.
    Plannable,
    /// Take-up, completion, cost, satisfaction, volumes: a gap and the
    /// heaviest non-digital services, not a plan.
    Outcome,
    /// Neither (the number of services, mismatches, year-over-year counts).
    Other,
}

impl Kind {
    pub fn of(indicator: Indicator) -> Kind {
        use Indicator::*;
        match indicator {
            Step1Share
            | Step2Share
            | Step3Share
            | Step4Share
            | TransactionShare
            | IntegrationShare
            | EServices
            | MeanStep
            | AtTargetShare
            | EidShare
            | ForeignEidShare
            | CaseTrackingShare
            | DigitalDecisionShare
            | PrefillRegistryShare
            | AlwaysOpenShare
            | AccessibilityStatementShare
            | MobileShare
            | PdfForms => Kind::Plannable,
            DigitalUptake | CompletionRate | CostPerCaseSek | SatisfactionPct | VolumeCoverage => {
                Kind::Outcome
            }
            _ => Kind::Other,
        }
    }
}

/// The indicators a move can change (a superset: the options are counted
/// by `compute`, this only leaves out moves no target can feel). A unit
/// test holds it to `compute`.
pub fn may_move(m: Move, indicator: Indicator) -> bool {
    use Indicator::*;
    let step = matches!(
        indicator,
        Step1Share
            | Step2Share
            | Step3Share
            | Step4Share
            | TransactionShare
            | IntegrationShare
            | EServices
            | MeanStep
            | AtTargetShare
            | AccessibilityStatementShare
    );
    let cases = matches!(
        indicator,
        EidShare
            | ForeignEidShare
            | CaseTrackingShare
            | DigitalDecisionShare
            | PrefillRegistryShare
    );
    match m {
        Move::OnlineSubmission => step || cases || indicator == PdfForms,
        Move::EidLogin | Move::EidSigning => step || indicator == EidShare,
        Move::DownloadForm => step || indicator == PdfForms,
        Move::RegistryPrefill => step || indicator == PrefillRegistryShare,
        Move::PortalTracking => indicator == CaseTrackingShare,
        Move::PortalDecision => indicator == DigitalDecisionShare,
        Move::ForeignEid => indicator == ForeignEidShare,
        Move::AlwaysOpen => indicator == AlwaysOpenShare,
        Move::Responsive => indicator == MobileShare,
        Move::AccessibilityStatement => indicator == AccessibilityStatementShare,
    }
}

/// The address an added accessibility statement gets in the model before
/// `--apply` chooses the organisation's own: the indicators only ask
/// whether there is one.
pub const PLACEHOLDER_URL: &str = "https://example.invalid/";

/// One change of the plan.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub service: String,
    #[serde(skip)]
    pub name: String,
    pub department: Option<String>,
    pub key: &'static str,
    #[serde(skip)]
    pub what: Move,
    pub from: Option<String>,
    pub to: &'static str,
    pub step_before: u8,
    pub step_after: u8,
    pub cases: Option<u64>,
    /// The indexes (in `Plan::targets`) of the targets it helps.
    #[serde(skip)]
    pub serves: Vec<usize>,
}

/// One target, now and after the plan.
#[derive(Clone, Debug)]
pub struct TargetLine {
    pub indicator: Indicator,
    pub department: Option<String>,
    pub target: f64,
    pub direction: Direction,
    pub now: Option<f64>,
    pub after: Option<f64>,
    pub status_now: TargetStatus,
    pub status_after: TargetStatus,
    pub kind: Kind,
    /// Plannable, not met now, and out of reach of the eligible services.
    pub unreachable: bool,
    /// For an outcome target not met: what is missing, in its own unit.
    pub gap: Option<Gap>,
}

impl TargetLine {
    pub fn met_after(&self) -> bool {
        self.status_after == TargetStatus::Met
    }
}

/// How far an outcome target is, in its own unit.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "unit", rename_all = "snake_case")]
pub enum Gap {
    /// More digital cases a year (digital take-up).
    DigitalCases { count: u64 },
    /// More completed applications (completion rate).
    Completed { count: u64 },
    /// More case services with their case volumes recorded.
    Recorded { count: u64 },
    /// Kronor per case to save (cost per case).
    Sek { amount: f64 },
    /// Percentage points of satisfaction.
    Points { amount: f64 },
}

/// A service whose non-digital cases weigh most.
#[derive(Clone, Debug, Serialize)]
pub struct Heavy {
    pub service: String,
    #[serde(skip)]
    pub name: String,
    pub department: Option<String>,
    pub non_digital: u64,
}

#[derive(Clone, Debug)]
pub struct Plan {
    pub organisation: String,
    pub year: i32,
    /// Departments in the inventory's order: (id, name).
    pub departments: Vec<(String, String)>,
    pub changes: Vec<Change>,
    pub targets: Vec<TargetLine>,
    /// The services with the most non-digital cases (for outcome targets).
    pub heaviest: Vec<Heavy>,
    /// The inventory with the plan made (statements at [`PLACEHOLDER_URL`]).
    pub after: Inventory,
    /// True when the search ran to its end, so no smaller plan exists;
    /// false when it stopped at its budget (`solve::BUDGET`) with this plan.
    pub proven: bool,
    /// No plan meeting the same targets has fewer changes than this.
    pub lower_bound: u32,
}

impl Plan {
    pub fn size(&self) -> usize {
        self.changes.len()
    }

    /// The department's name by id.
    pub fn department_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.departments
            .iter()
            .find(|(d, _)| d == id)
            .map_or(id, |(_, n)| n.as_str())
    }
}

/// How many heavy services an outcome target lists.
const HEAVIEST: usize = 5;

/// The tolerance of the report's "met" (`report::targets`), applied to the
/// row's linear form so that the search and the report agree.
const EPSILON: f64 = 1e-9;

/// One target as a row of the search.
struct Row {
    indicator: Indicator,
    /// Index of the indicator in `compute`'s output.
    at: usize,
    department: Option<String>,
    target: Target,
    ratio: bool,
}

impl Row {
    fn sign(&self) -> f64 {
        match self.target.direction {
            Direction::Up => 1.0,
            Direction::Down => -1.0,
        }
    }

    /// The target with the report's tolerance, on the side that helps.
    fn bar(&self) -> f64 {
        self.target.target - self.sign() * EPSILON
    }

    /// How far above the target the row stands (negative: short), linear in
    /// numerator and denominator so it adds up over services.
    fn slack(&self, num: f64, den: f64) -> f64 {
        if self.ratio {
            self.sign() * (num - self.bar() * den)
        } else {
            self.sign() * (num - self.bar())
        }
    }

    fn gain(&self, dnum: f64, dden: f64) -> f64 {
        if self.ratio {
            self.sign() * (dnum - self.bar() * dden)
        } else {
            self.sign() * dnum
        }
    }

    fn covers(&self, s: &Service) -> bool {
        match &self.department {
            None => true,
            Some(d) => s.department.as_deref() == Some(d.as_str()),
        }
    }
}

/// The rows, and the most services a denominator can count (the live ones).
struct RowSet<'a>(&'a [Row], i64);

impl solve::Rows for RowSet<'_> {
    fn count(&self) -> usize {
        self.0.len()
    }
    /// The report's own test on the value the report would compute.
    fn met(&self, k: usize, num: i64, den: i64) -> bool {
        let row = &self.0[k];
        let value = if row.ratio {
            if den == 0 {
                return false;
            }
            num as f64 / den as f64
        } else {
            num as f64
        };
        report::targets::reaches(value, &row.target)
    }
    fn integer(&self, k: usize) -> Option<(i64, i64, i64)> {
        let row = &self.0[k];
        let t = row.target.target;
        let up = row.target.direction == Direction::Up;
        if !row.ratio {
            // A count reaches t ⇔ num ≥ ⌈t − ε⌉ (down: num ≤ ⌊t + ε⌋).
            return Some(if up {
                (1, 0, (t - EPSILON).ceil() as i64)
            } else {
                (-1, 0, -((t + EPSILON).floor() as i64))
            });
        }
        // num/den ≥ p/q ⇔ q·num − p·den ≥ 0, and the report's tolerance
        // (1e-9) cannot tell them apart while q·den stays far below 1e9.
        let (p, q) = rational(t)?;
        (q.saturating_mul(self.1) < 100_000_000).then_some(if up { (q, -p, 0) } else { (-q, p, 0) })
    }
}

/// `t` as a fraction p/q with q ≤ 10 000, when it is one (targets are
/// written as decimals such as 0.85 or 2.6).
fn rational(t: f64) -> Option<(i64, i64)> {
    (1..=10_000_i64).find_map(|q| {
        let p = (t * q as f64).round();
        ((t * q as f64 - p).abs() < 1e-9 * q as f64).then_some((p as i64, q))
    })
}

/// Every indicator's numerator and denominator for one service (0 for a
/// count's denominator), as `compute` counts it.
fn counts(service: &Service) -> Vec<(i64, i64)> {
    counts_classified(service, ladder::classify(&service.evidence))
}

/// [`counts`] of a service already classified.
fn counts_classified(service: &Service, classification: Classification) -> Vec<(i64, i64)> {
    let classified = [ClassifiedService {
        service,
        classification,
    }];
    compute::compute(&classified)
        .iter()
        .map(|v| {
            (
                v.numerator.unwrap_or(0.0) as i64,
                v.denominator.unwrap_or(0.0) as i64,
            )
        })
        .collect()
}

/// The highest step a plan may lift a service to: its `target_step`, or
/// where it is when it has none or is already above it (the owner's
/// target is a cap; without one, no one has asked for a higher step).
pub fn cap(s: &Service) -> Step {
    let now = ladder::classify(&s.evidence).step;
    s.target_step.map_or(now, |t| t.max(now))
}

/// Whether a set of moves leaves the service valid and within its cap
/// (`step`: the changed service's step).
fn allowed(changed: &Service, step: Step, cap: Step) -> bool {
    let e = &changed.evidence;
    step <= cap
        // E006: e-ID signing needs online submission; tracking needs a way in.
        && !(e.signing == Signing::Eid && e.submission != Submission::Online)
        && !(e.case_tracking != CaseTracking::None && e.submission == Submission::None)
        && !(e.anonymous && e.login == crate::inventory::model::Login::Eid)
}

/// A service with the moves of `set` made.
pub fn changed(s: &Service, set: u16) -> Service {
    let mut out = s.clone();
    remake(&mut out, s, set);
    out
}

/// Makes `scratch` (a copy of `s`) `s` with the moves of `set` made. Moves
/// touch only the evidence and access, so only those are copied back: the
/// options of a service are many, and a whole service is costly to clone.
fn remake(scratch: &mut Service, s: &Service, set: u16) {
    scratch.evidence.clone_from(&s.evidence);
    scratch.access.clone_from(&s.access);
    for m in Move::of(set) {
        m.make(scratch, PLACEHOLDER_URL);
    }
}

/// Why a plan cannot be made at all.
pub type PlanRefusal = Refusal;

/// Builds the plan for an inventory (checked, without errors) and its targets.
pub fn build(
    inventory: &Inventory,
    previous: Option<&Inventory>,
    targets: &TargetsFile,
) -> Result<Plan, PlanRefusal> {
    let now = report::build(inventory, previous, Some(targets))?;
    let index_of: HashMap<Indicator, usize> = compute::compute(&[])
        .iter()
        .enumerate()
        .map(|(i, v)| (v.id, i))
        .collect();

    // Rows: every plannable target (met ones too, so the plan keeps them
    // met) that the eligible services can reach on its own.
    let mut rows: Vec<Row> = Vec::new();
    let mut row_of_target: Vec<Option<usize>> = vec![None; targets.targets.len()];
    let live: Vec<(usize, &Service)> = inventory
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_live())
        .collect();
    let before: Vec<Vec<(i64, i64)>> = live.iter().map(|(_, s)| counts(s)).collect();

    let mut candidates: Vec<Candidate> = Vec::new();
    for (t_index, t) in targets.targets.iter().enumerate() {
        if Kind::of(t.indicator) != Kind::Plannable {
            continue;
        }
        let at = index_of[&t.indicator];
        let ratio = compute::compute(&[])[at].denominator.is_some();
        rows.push(Row {
            indicator: t.indicator,
            at,
            department: t.department.clone(),
            target: t.clone(),
            ratio,
        });
        row_of_target[t_index] = Some(rows.len() - 1);
    }

    // Each live service's options over every row.
    for (position, (index, s)) in live.iter().enumerate() {
        let relevant: Vec<&Row> = rows.iter().filter(|r| r.covers(s)).collect();
        let moves: Vec<Move> = Move::ALL
            .into_iter()
            .filter(|m| m.applies(s) && relevant.iter().any(|r| may_move(*m, r.indicator)))
            .collect();
        if moves.is_empty() {
            continue;
        }
        let cap = cap(s);
        let base = &before[position];
        // Moves whose effect on every row is the same whatever else the
        // service takes become items of their own: the search then adds
        // their options instead of multiplying them. Hours and mobile
        // touch nothing else; a statement counts the same once the service
        // is an e-service (step ≥ 2, which no move lowers); tracking, a
        // digital decision and foreign e-ID count the same once it takes
        // cases. The rest (the ladder's moves and what depends on them) is
        // enumerated together.
        let step = ladder::classify(&s.evidence).step;
        let independent = |m: &Move| match m {
            Move::AlwaysOpen | Move::Responsive => true,
            Move::AccessibilityStatement => step >= Step::Interaction,
            Move::PortalTracking | Move::PortalDecision | Move::ForeignEid => {
                s.evidence.takes_cases()
            }
            _ => false,
        };
        let (single, core): (Vec<Move>, Vec<Move>) = moves.into_iter().partition(independent);
        let groups = single
            .into_iter()
            .map(|m| vec![m])
            .chain((!core.is_empty()).then_some(core));
        let mut after = (*s).clone();
        for group in groups {
            let mut options: Vec<(u16, Vec<(i64, i64)>)> = Vec::new();
            for subset in 1u32..(1 << group.len()) {
                let set: u16 = group
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| subset & (1 << i) != 0)
                    .map(|(_, m)| m.bit())
                    .fold(0, |a, b| a | b);
                remake(&mut after, s, set);
                let classification = ladder::classify(&after.evidence);
                if !allowed(&after, classification.step, cap) {
                    continue;
                }
                let counted = counts_classified(&after, classification);
                let delta: Vec<(i64, i64)> = rows
                    .iter()
                    .map(|r| {
                        if r.covers(s) {
                            (
                                counted[r.at].0 - base[r.at].0,
                                counted[r.at].1 - base[r.at].1,
                            )
                        } else {
                            (0, 0)
                        }
                    })
                    .collect();
                options.push((set, delta));
            }
            candidates.push(Candidate {
                index: *index,
                service: s,
                options,
            });
        }
    }

    // Now: each row's numerator and denominator over its services.
    let start: Vec<(i64, i64)> = rows
        .iter()
        .map(|r| {
            live.iter()
                .zip(&before)
                .filter(|((_, s), _)| r.covers(s))
                .fold((0, 0), |(n, d), (_, c)| (n + c[r.at].0, d + c[r.at].1))
        })
        .collect();

    // A row no set of options can meet alone is out of reach: named, and
    // left out of the search so that the others are still planned.
    let mut active: Vec<bool> = vec![true; rows.len()];
    for (k, row) in rows.iter().enumerate() {
        let set = RowSet(&rows, live.len() as i64);
        if solve::Rows::met(&set, k, start[k].0, start[k].1) {
            continue;
        }
        let (mut num, mut den) = start[k];
        let mut slack = row.slack(num as f64, den as f64);
        for c in &candidates {
            if let Some((_, d)) = c.options.iter().max_by(|a, b| {
                row.gain(a.1[k].0 as f64, a.1[k].1 as f64)
                    .total_cmp(&row.gain(b.1[k].0 as f64, b.1[k].1 as f64))
                    .then(a.1[k].1.cmp(&b.1[k].1))
            }) && (row.gain(d[k].0 as f64, d[k].1 as f64) > 0.0 || (den == 0 && d[k].1 > 0))
            {
                num += d[k].0;
                den += d[k].1;
                slack += row.gain(d[k].0 as f64, d[k].1 as f64);
            }
        }
        let _ = slack;
        if !solve::Rows::met(&set, k, num, den) {
            active[k] = false;
        }
    }

    let (answer, proven, bound) = loop {
        let kept: Vec<usize> = (0..rows.len()).filter(|&k| active[k]).collect();
        let answer = search(&rows, &kept, &candidates, &start, live.len() as i64);
        match answer {
            Some(a) => break a,
            // Reachable one by one but not together (rare): the last
            // target of the file that is short now is named out of reach.
            None => {
                let Some(&k) = kept.iter().rev().find(|&&k| {
                    !solve::Rows::met(&RowSet(&rows, live.len() as i64), k, start[k].0, start[k].1)
                }) else {
                    break (vec![None; candidates.len()], true, 0);
                };
                active[k] = false;
            }
        }
    };

    // The changed inventory, and the report of it.
    let mut after = inventory.clone();
    let mut changes = Vec::new();
    // A service may be several items (its independent moves apart): its
    // plan is the union of their choices, listed in the inventory's order.
    let mut per_service: std::collections::BTreeMap<usize, (&Service, u16)> =
        std::collections::BTreeMap::new();
    for (c, chosen) in candidates.iter().zip(&answer) {
        if let Some(set) = chosen {
            per_service.entry(c.index).or_insert((c.service, 0)).1 |= set;
        }
    }
    for (index, (s, set)) in per_service {
        let set = &set;
        let changed_service = changed(s, *set);
        let step_before = ladder::classify(&s.evidence).step.number();
        let step_after = ladder::classify(&changed_service.evidence).step.number();
        let full = counts(&changed_service);
        for m in Move::of(*set) {
            // The targets it serves: those worse off without it.
            let without = counts(&changed(s, set & !m.bit()));
            let serves = targets
                .targets
                .iter()
                .enumerate()
                .filter(|(t, _)| {
                    row_of_target[*t].is_some_and(|k| {
                        let r = &rows[k];
                        r.covers(s)
                            && r.gain(
                                (full[r.at].0 - without[r.at].0) as f64,
                                (full[r.at].1 - without[r.at].1) as f64,
                            ) > 0.0
                    })
                })
                .map(|(t, _)| t)
                .collect();
            changes.push(Change {
                service: s.id.clone(),
                name: s.name.clone(),
                department: s.department.clone(),
                key: m.path(),
                what: m,
                from: m.from(s),
                to: m.to(),
                step_before,
                step_after,
                cases: s.volumes.cases,
                serves,
            });
        }
        after.services[index] = changed_service;
    }
    let later = report::build(&after, previous, Some(targets))?;

    let lines = targets
        .targets
        .iter()
        .enumerate()
        .map(|(t, target)| {
            let kind = Kind::of(target.indicator);
            let row_now = &now.targets[t];
            let row_after = &later.targets[t];
            TargetLine {
                indicator: target.indicator,
                department: target.department.clone(),
                target: target.target,
                direction: target.direction,
                now: row_now.value,
                after: row_after.value,
                status_now: row_now.status,
                status_after: row_after.status,
                kind,
                unreachable: row_of_target[t].is_some_and(|k| !active[k]),
                gap: (kind == Kind::Outcome && row_now.status != TargetStatus::Met)
                    .then(|| gap(target, inventory))
                    .flatten(),
            }
        })
        .collect();

    Ok(Plan {
        organisation: inventory.organisation.name.clone(),
        year: inventory.year,
        departments: departments(&now),
        changes,
        targets: lines,
        heaviest: heaviest(inventory),
        after,
        proven,
        lower_bound: bound,
    })
}

struct Candidate<'a> {
    index: usize,
    service: &'a Service,
    /// Every allowed non-empty set of moves and its (Δnum, Δden) per row.
    options: Vec<(u16, Vec<(i64, i64)>)>,
}

/// What makes services interchangeable to the search: each option's cost
/// and its change of every row's numerator and denominator.
type Signature = Vec<(u32, Vec<(i64, i64)>)>;

/// The search over the active rows; the answer is each candidate's set of moves.
fn search(
    rows: &[Row],
    kept: &[usize],
    candidates: &[Candidate],
    start: &[(i64, i64)],
    live: i64,
) -> Option<(Vec<Option<u16>>, bool, u32)> {
    let sub: Vec<Row> = kept
        .iter()
        .map(|&k| Row {
            indicator: rows[k].indicator,
            at: rows[k].at,
            department: rows[k].department.clone(),
            target: rows[k].target.clone(),
            ratio: rows[k].ratio,
        })
        .collect();
    // Order of preference: more cases first, then services below their
    // target step, then by id.
    let below: Vec<bool> = candidates
        .iter()
        .map(|c| {
            c.service
                .target_step
                .is_some_and(|t| ladder::classify(&c.service.evidence).step < t)
        })
        .collect();
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (candidates[a].service, candidates[b].service);
        y.volumes
            .cases
            .unwrap_or(0)
            .cmp(&x.volumes.cases.unwrap_or(0))
            .then(below[b].cmp(&below[a]))
            .then(x.id.cmp(&y.id))
            .then(a.cmp(&b))
    });
    let start: Vec<(i64, i64)> = kept.iter().map(|&k| start[k]).collect();
    let mut classes: HashMap<Signature, usize> = HashMap::new();
    let mut items = Vec::new();
    for &c in &order {
        let candidate = &candidates[c];
        let mut choices: Vec<solve::Choice> = candidate
            .options
            .iter()
            .map(|(set, delta)| {
                let delta: Vec<(i64, i64)> = kept.iter().map(|&k| delta[k]).collect();
                let gain = sub
                    .iter()
                    .zip(&delta)
                    .map(|(r, &(n, d))| r.gain(n as f64, d as f64))
                    .collect();
                solve::Choice {
                    moves: *set,
                    cost: set.count_ones(),
                    gain,
                    delta,
                }
            })
            .collect();
        // Only options no other option beats: one that does no more for
        // any row than a cheaper (or equal, earlier) one is never needed.
        choices.sort_by(|a, b| a.cost.cmp(&b.cost).then(a.moves.cmp(&b.moves)));
        let mut kept_choices: Vec<solve::Choice> = Vec::new();
        for c in choices {
            // An option that helps no row (nor gives an empty ratio its
            // first service) does nothing taking none would not.
            let helps = c.gain.iter().any(|g| *g > 0.0)
                || c.delta.iter().zip(&start).any(|(d, s)| s.1 == 0 && d.1 > 0);
            if helps && !kept_choices.iter().any(|k| dominates(k, &c, &start)) {
                kept_choices.push(c);
            }
        }
        if kept_choices.is_empty() {
            continue;
        }
        // Larger options first: the plan puts its changes on the preferred
        // services where it can.
        kept_choices.sort_by(|a, b| b.cost.cmp(&a.cost).then(a.moves.cmp(&b.moves)));
        let signature: Signature = kept_choices
            .iter()
            .map(|c| (c.cost, c.delta.clone()))
            .collect();
        let next = classes.len();
        let class = *classes.entry(signature).or_insert(next);
        items.push((
            c,
            solve::Item {
                class,
                choices: kept_choices,
            },
        ));
    }
    let set = RowSet(&sub, live);
    let slack: Vec<f64> = sub
        .iter()
        .zip(&start)
        .map(|(r, &(n, d))| r.slack(n as f64, d as f64))
        .collect();
    let only: Vec<solve::Item> = items.iter().map(|(_, i)| i.clone()).collect();
    let solution = solve::solve(&only, &set, &start, &slack)?;
    let mut out = vec![None; candidates.len()];
    for ((c, item), chosen) in items.iter().zip(solution.answer) {
        out[*c] = chosen.map(|i| item.choices[i].moves);
    }
    Some((out, solution.proven, solution.bound))
}

/// `a` does at least as much as `b` for every row at no more cost, so a
/// plan with `b` stays a plan with `a`: every row's slack is at least as
/// high, and a ratio with no services yet gets at least as many.
fn dominates(a: &solve::Choice, b: &solve::Choice, start: &[(i64, i64)]) -> bool {
    a.cost <= b.cost
        && a.gain.iter().zip(&b.gain).all(|(x, y)| *x >= *y)
        && a.delta
            .iter()
            .zip(&b.delta)
            .zip(start)
            .all(|((x, y), s)| s.1 > 0 || x.1 >= y.1)
}

fn departments(report: &Report) -> Vec<(String, String)> {
    report
        .departments
        .iter()
        .map(|d| (d.id.clone(), d.name.clone()))
        .collect()
}

/// The gap of an outcome target in its own unit, over the target's services.
fn gap(t: &Target, inventory: &Inventory) -> Option<Gap> {
    let services: Vec<&Service> = inventory
        .services
        .iter()
        .filter(|s| s.is_live())
        .filter(|s| t.department.is_none() || s.department == t.department)
        .collect();
    let sum =
        |f: &dyn Fn(&Service) -> Option<f64>| -> f64 { services.iter().filter_map(|s| f(s)).sum() };
    let whole = |x: f64| x.max(0.0).ceil() as u64;
    match t.indicator {
        Indicator::DigitalUptake => {
            let cases = sum(&|s| s.volumes.digital.and(s.volumes.cases).map(|c| c as f64));
            let digital = sum(&|s| s.volumes.cases.and(s.volumes.digital).map(|d| d as f64));
            Some(Gap::DigitalCases {
                count: whole(t.target * cases - digital - EPSILON),
            })
        }
        Indicator::CompletionRate => {
            let started = sum(&|s| s.volumes.completed.and(s.volumes.started).map(|c| c as f64));
            let completed = sum(&|s| s.volumes.started.and(s.volumes.completed).map(|c| c as f64));
            Some(Gap::Completed {
                count: whole(t.target * started - completed - EPSILON),
            })
        }
        Indicator::VolumeCoverage => {
            let cases: Vec<&&Service> = services
                .iter()
                .filter(|s| s.evidence.takes_cases())
                .collect();
            let recorded = cases.iter().filter(|s| s.volumes.cases.is_some()).count() as f64;
            Some(Gap::Recorded {
                count: whole(t.target * cases.len() as f64 - recorded - EPSILON),
            })
        }
        Indicator::CostPerCaseSek | Indicator::SatisfactionPct => {
            let (num, den) = services.iter().fold((0.0, 0.0), |(n, d), s| {
                let value = if t.indicator == Indicator::CostPerCaseSek {
                    s.cost_per_case_sek
                } else {
                    s.satisfaction_pct
                };
                match (value, s.volumes.cases) {
                    (Some(v), Some(c)) => (n + v * c as f64, d + c as f64),
                    _ => (n, d),
                }
            });
            if den == 0.0 {
                return None;
            }
            let amount = (num / den - t.target).abs();
            Some(if t.indicator == Indicator::CostPerCaseSek {
                Gap::Sek { amount }
            } else {
                Gap::Points { amount }
            })
        }
        _ => None,
    }
}

/// The live services whose non-digital cases (cases − digital) weigh most.
fn heaviest(inventory: &Inventory) -> Vec<Heavy> {
    let mut heavy: Vec<Heavy> = inventory
        .services
        .iter()
        .filter(|s| s.is_live())
        .filter_map(|s| {
            let cases = s.volumes.cases?;
            let non_digital = cases.saturating_sub(s.volumes.digital.unwrap_or(0));
            (non_digital > 0).then(|| Heavy {
                service: s.id.clone(),
                name: s.name.clone(),
                department: s.department.clone(),
                non_digital,
            })
        })
        .collect();
    heavy.sort_by(|a, b| {
        b.non_digital
            .cmp(&a.non_digital)
            .then(a.service.cmp(&b.service))
    });
    heavy.truncate(HEAVIEST);
    heavy
}
