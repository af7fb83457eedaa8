//! The e-council's yearly follow-up as one data structure, built once from
//! the inventories; every format (`crate::render::report`) only renders
//! what is here.

pub mod peers;
pub mod targets;

use crate::classified::{ClassifiedService, classify_inventory};
use crate::diagnostic::Message;
use crate::indicators::compute::{self, Changes, IndicatorValue};
use crate::inventory::model::{Inventory, Organisation, OrganisationKind};
use crate::inventory::targets::{Direction, TargetsFile};
use crate::inventory::{Indicator, Step, Unit};
use crate::ladder::{self, Missing};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use targets::{Point, TargetStatus};

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub trappa_report: u32,
    pub organisation: String,
    pub code: Option<String>,
    /// What kind of body it is; not in the JSON (its shape is versioned).
    #[serde(skip)]
    pub kind: OrganisationKind,
    pub year: i32,
    pub previous_year: Option<i32>,
    /// Every indicator for the whole organisation, in catalogue order.
    pub indicators: Vec<IndicatorRow>,
    /// Live services per derived step.
    pub distribution: Vec<StepCount>,
    pub departments: Vec<DepartmentRow>,
    pub changes: Option<Changes>,
    pub targets: Vec<TargetRow>,
    pub to_develop: Vec<ToDevelop>,
    pub pdf_forms: Vec<ServiceRef>,
    /// Every live service, in the inventory's order, with its department
    /// and derived step: the report's appendix.
    pub services: Vec<ServiceLine>,
    /// The name of every service of this inventory and the previous one by
    /// id (this year's name when both have it), so that the changes since
    /// last year are named as the board knows them. Not in the JSON, whose
    /// `changes` keep their ids; `services` has the names of live services.
    #[serde(skip)]
    pub names: BTreeMap<String, String>,
    /// With `--peers`: the peers' medians and this organisation's ranks,
    /// and how far peers got with each typed service. Set after `build`
    /// by `peers::compare`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peers: Option<peers::Peers>,
}

/// One live service in the appendix.
#[derive(Clone, Debug, Serialize)]
pub struct ServiceLine {
    #[serde(flatten)]
    pub service: ServiceRef,
    pub step: Step,
    pub target_step: Option<Step>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorRow {
    pub id: Indicator,
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub previous: Option<f64>,
    /// value − previous (in the indicator's unit; shares in 0–1).
    pub change: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StepCount {
    pub step: Step,
    pub services: usize,
    pub share: Option<f64>,
    pub previous_services: Option<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DepartmentRow {
    pub id: String,
    pub name: String,
    pub indicators: Vec<IndicatorValue>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TargetRow {
    pub indicator: Indicator,
    pub department: Option<String>,
    pub goal: Option<String>,
    pub target: f64,
    pub by: i32,
    pub direction: Direction,
    pub value: Option<f64>,
    pub status: TargetStatus,
}

#[derive(Clone, Debug, Serialize)]
pub struct ServiceRef {
    pub id: String,
    pub name: String,
    pub department: Option<String>,
    /// The service's page, for the HTML report's links; left out of the
    /// JSON so that its `trappa_report: 1` shape stays as it was.
    #[serde(skip_serializing)]
    pub url: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ToDevelop {
    #[serde(flatten)]
    pub service: ServiceRef,
    pub step: Step,
    pub target_step: Step,
    /// Ids of what is missing: online_submission, eid_login_or_signing, …
    pub missing: Vec<Missing>,
}

/// Why a report cannot be made from the files given.
#[derive(Debug)]
pub enum Refusal {
    /// The previous inventory is of another organisation or not an earlier year.
    Previous(Message),
    /// A target names a department the inventory does not have.
    Target(Message),
}

impl IndicatorRow {
    pub fn unit(&self) -> Unit {
        self.id.unit()
    }
}

impl Report {
    pub fn indicator(&self, id: Indicator) -> Option<&IndicatorRow> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The name of each department of the report by id, for the renderers
    /// that name many services' departments (a lookup each, not a scan).
    pub fn department_names(&self) -> HashMap<&str, &str> {
        self.departments
            .iter()
            .filter(|d| !d.id.is_empty())
            .map(|d| (d.id.as_str(), d.name.as_str()))
            .collect()
    }

    /// The target set for the whole organisation on one indicator, if any.
    pub fn organisation_target(&self, id: Indicator) -> Option<&TargetRow> {
        self.targets
            .iter()
            .find(|t| t.indicator == id && t.department.is_none())
    }
}

impl DepartmentRow {
    pub fn value(&self, id: Indicator) -> Option<f64> {
        self.indicators
            .iter()
            .find(|i| i.id == id)
            .and_then(|i| i.value)
    }
}

pub fn build(
    inventory: &Inventory,
    previous: Option<&Inventory>,
    targets: Option<&TargetsFile>,
) -> Result<Report, Refusal> {
    let current = classify_inventory(inventory);
    build_classified(inventory, &current, previous, targets)
}

/// [`build`] from the inventory's services already classified (in the
/// inventory's order), for callers that need the classification too, so
/// that they do not classify every service twice.
pub fn build_classified(
    inventory: &Inventory,
    current: &[ClassifiedService],
    previous: Option<&Inventory>,
    targets: Option<&TargetsFile>,
) -> Result<Report, Refusal> {
    if let Some(previous) = previous {
        same_organisation_earlier_year(inventory, previous)?;
    }
    let before = previous.map(classify_inventory);

    let mut values = compute::compute(current);
    let previous_values = before.as_deref().map(compute::compute);
    let changes = before
        .as_deref()
        .map(|before| compute::changes(current, before));
    if let Some(changes) = &changes {
        values.extend(compute::change_values(changes));
    }
    let indicators = values
        .iter()
        .map(|v| {
            let previous = previous_values
                .as_ref()
                .and_then(|p| p.iter().find(|p| p.id == v.id))
                .and_then(|p| p.value);
            IndicatorRow {
                id: v.id,
                value: v.value,
                numerator: v.numerator,
                denominator: v.denominator,
                previous,
                change: v.value.zip(previous).map(|(now, then)| now - then),
            }
        })
        .collect::<Vec<_>>();

    let departments = departments(inventory, current);
    let previous_classified = previous.zip(before.as_deref());
    let target_rows = match targets {
        Some(t) => target_rows(t, inventory, &indicators, &departments, previous_classified)?,
        None => Vec::new(),
    };

    Ok(Report {
        trappa_report: 1,
        organisation: inventory.organisation.name.clone(),
        code: inventory.organisation.code.clone(),
        kind: inventory.organisation.kind,
        year: inventory.year,
        previous_year: previous.map(|p| p.year),
        distribution: distribution(current, before.as_deref()),
        indicators,
        departments,
        changes,
        targets: target_rows,
        to_develop: to_develop(current),
        pdf_forms: pdf_forms(current),
        services: live(current)
            .map(|c| ServiceLine {
                service: service_ref(c),
                step: c.classification.step,
                target_step: c.service.target_step,
            })
            .collect(),
        names: names(inventory, previous),
        peers: None,
    })
}

/// Every service's name by id, the previous inventory's first so that this
/// year's names win.
fn names(inventory: &Inventory, previous: Option<&Inventory>) -> BTreeMap<String, String> {
    previous
        .into_iter()
        .chain(std::iter::once(inventory))
        .flat_map(|i| &i.services)
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect()
}

impl Report {
    /// "Ansöka om bygglov (bygglov)": a service as the board knows it, with
    /// the id a strategist looks it up by; the id alone when unknown.
    pub fn named(&self, id: &str) -> String {
        match self.names.get(id) {
            Some(name) if !name.trim().is_empty() && name != id => format!("{name} ({id})"),
            _ => id.to_string(),
        }
    }
}

fn same_organisation_earlier_year(now: &Inventory, before: &Inventory) -> Result<(), Refusal> {
    let (a, b) = (&now.organisation, &before.organisation);
    if !a.same_as(b) {
        // "Trelleborgs kommun, 1287": the name, and the code when there is one.
        let named = |o: &Organisation| match &o.code {
            Some(code) => format!("{}, {code}", o.name),
            None => o.name.clone(),
        };
        return Err(Refusal::Previous(
            Message::new("refusal.previous_other_organisation")
                .text("previous", named(b))
                .text("current", named(a)),
        ));
    }
    if before.year >= now.year {
        return Err(Refusal::Previous(
            Message::new("refusal.previous_not_earlier")
                .number("previous", before.year)
                .number("year", now.year),
        ));
    }
    Ok(())
}

fn live<'a>(
    services: &'a [ClassifiedService<'a>],
) -> impl Iterator<Item = &'a ClassifiedService<'a>> {
    services.iter().filter(|c| c.service.is_live())
}

fn distribution(now: &[ClassifiedService], before: Option<&[ClassifiedService]>) -> Vec<StepCount> {
    let count = |services: &[ClassifiedService], step: Step| {
        live(services)
            .filter(|c| c.classification.step == step)
            .count()
    };
    let total = live(now).count();
    Step::ALL
        .into_iter()
        .map(|step| {
            let services = count(now, step);
            StepCount {
                step,
                services,
                share: (total > 0).then(|| services as f64 / total as f64),
                previous_services: before.map(|b| count(b, step)),
            }
        })
        .collect()
}

/// Every department of the `departments` list (in its order), then any
/// department named only by services, then services without one.
fn departments(inventory: &Inventory, services: &[ClassifiedService]) -> Vec<DepartmentRow> {
    // One pass over the services into their departments' groups: linear in
    // services and departments (it was their product, 67 s for 60 000
    // departments).
    let mut order: Vec<(String, String)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for d in inventory.departments.iter().flatten() {
        index.entry(d.id.clone()).or_insert_with(|| {
            order.push((d.id.clone(), d.name.clone()));
            order.len() - 1
        });
    }
    let mut groups: Vec<Vec<ClassifiedService>> = vec![Vec::new(); order.len()];
    let mut without: Vec<ClassifiedService> = Vec::new();
    for c in services {
        match &c.service.department {
            None => without.push(c.clone()),
            Some(d) => {
                let at = *index.entry(d.clone()).or_insert_with(|| {
                    // Named only by services: its id is its name.
                    order.push((d.clone(), d.clone()));
                    groups.push(Vec::new());
                    order.len() - 1
                });
                groups[at].push(c.clone());
            }
        }
    }
    let mut rows: Vec<DepartmentRow> = order
        .into_iter()
        .zip(&groups)
        .map(|((id, name), group)| DepartmentRow {
            id,
            name,
            indicators: compute::compute(group),
        })
        .collect();
    if !without.is_empty() {
        rows.push(DepartmentRow {
            id: String::new(),
            name: String::new(),
            indicators: compute::compute(&without),
        });
    }
    rows
}

/// The services of one department (`None`: of no department).
fn in_department<'a>(
    services: &[ClassifiedService<'a>],
    id: Option<&str>,
) -> Vec<ClassifiedService<'a>> {
    services
        .iter()
        .filter(|c| c.service.department.as_deref() == id)
        .map(|c| ClassifiedService {
            service: c.service,
            classification: c.classification.clone(),
        })
        .collect()
}

/// `previous` comes classified: a department target's reference value is
/// computed from it without classifying the previous inventory again.
fn target_rows(
    file: &TargetsFile,
    inventory: &Inventory,
    indicators: &[IndicatorRow],
    departments: &[DepartmentRow],
    previous: Option<(&Inventory, &[ClassifiedService])>,
) -> Result<Vec<TargetRow>, Refusal> {
    let mut rows = Vec::new();
    for t in &file.targets {
        let (value, previous_value) = match &t.department {
            None => {
                let row = indicators.iter().find(|i| i.id == t.indicator);
                (row.and_then(|r| r.value), row.and_then(|r| r.previous))
            }
            Some(department) => {
                let Some(row) = departments.iter().find(|d| &d.id == department) else {
                    return Err(Refusal::Target(
                        Message::new("refusal.target_department")
                            .number("line", t.pos.line)
                            .text("indicator", t.indicator.id())
                            .text("department", department.clone())
                            .text("organisation", inventory.organisation.name.clone()),
                    ));
                };
                let value = row.value(t.indicator);
                // A department's previous value needs the previous inventory's departments.
                let previous_value = previous.and_then(|(_, before)| {
                    compute::compute(&in_department(before, Some(department)))
                        .into_iter()
                        .find(|i| i.id == t.indicator)
                        .and_then(|i| i.value)
                });
                (value, previous_value)
            }
        };
        let reference = previous.zip(previous_value).map(|((p, _), value)| Point {
            year: p.year,
            value,
        });
        rows.push(TargetRow {
            indicator: t.indicator,
            department: t.department.clone(),
            goal: t.goal.clone(),
            target: t.target,
            by: t.by,
            direction: t.direction,
            value,
            status: targets::status(t, inventory.year, value, reference),
        });
    }
    Ok(rows)
}

fn service_ref(c: &ClassifiedService) -> ServiceRef {
    ServiceRef {
        id: c.service.id.clone(),
        name: c.service.name.clone(),
        department: c.service.department.clone(),
        url: c.service.url.clone(),
    }
}

fn to_develop(services: &[ClassifiedService]) -> Vec<ToDevelop> {
    live(services)
        .filter_map(|c| {
            let target = c.service.target_step?;
            (c.classification.step < target).then(|| ToDevelop {
                service: service_ref(c),
                step: c.classification.step,
                target_step: target,
                missing: ladder::missing_for(&c.service.evidence, target),
            })
        })
        .collect()
}

fn pdf_forms(services: &[ClassifiedService]) -> Vec<ServiceRef> {
    live(services)
        .filter(|c| c.service.evidence.is_pdf_form())
        .map(service_ref)
        .collect()
}

/// The headline figures, first in the terminal and Markdown reports.
pub const HEADLINE: &[Indicator] = &[
    Indicator::Services,
    Indicator::EServices,
    Indicator::TransactionShare,
    Indicator::MeanStep,
    Indicator::DigitalUptake,
];

/// The department table's columns (JSON carries every indicator).
pub const DEPARTMENT_COLUMNS: &[Indicator] = &[
    Indicator::Services,
    Indicator::EServices,
    Indicator::TransactionShare,
    Indicator::MeanStep,
    Indicator::EidShare,
    Indicator::CaseTrackingShare,
    Indicator::DigitalUptake,
    Indicator::PdfForms,
];
