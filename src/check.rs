//! Rules that compare values with each other (spec §3): duplicates, unknown
//! departments, declared steps, contradictory evidence, and the warnings and
//! notes of a live service. Single values were validated by the decoder.

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::i18n::{self, Lang};
use crate::inventory::Step;
use crate::inventory::model::{CaseTracking, Inventory, Login, Service, Signing, Submission};
use crate::ladder::{self, reasons};
use crate::suggest;
use std::collections::HashMap;

pub fn check(file: &str, inventory: &Inventory) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let new = |code, pos, message: String| Diagnostic::new(code, file, pos, message);

    if inventory.services.is_empty() {
        out.push(
            new(
                Code::W106,
                inventory.spans.at("services"),
                "the inventory has no services".into(),
            )
            .help("list the organisation's e-services under `services:`"),
        );
    }

    duplicate_ids(file, inventory, &mut out);
    unknown_departments(file, inventory, &mut out);

    let mut live_names: HashMap<String, &Service> = HashMap::new();
    for service in &inventory.services {
        if service.is_live() {
            let key = service.name.trim().to_lowercase();
            match live_names.get(&key) {
                Some(first) if !key.is_empty() => out.push(
                    new(
                        Code::W105,
                        service.spans.at("name"),
                        format!(
                            "two live services are named `{}`: `{}` and `{}`",
                            service.name, first.id, service.id
                        ),
                    )
                    .help("give each service a name a citizen can tell apart")
                    .related(first.spans.at("name"), "the other service with this name"),
                ),
                _ => {
                    live_names.insert(key, service);
                }
            }
        }
        // A service with a value that could not be decoded is judged when it
        // is fixed: its evidence is incomplete, and guesses would mislead.
        if !service.incomplete {
            service_rules(file, service, &mut out);
        }
    }
    out
}

fn duplicate_ids(file: &str, inventory: &Inventory, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, Pos> = HashMap::new();
    for service in &inventory.services {
        let pos = service.spans.at("id");
        if let Some(first) = seen.get(service.id.as_str()) {
            out.push(
                Diagnostic::new(
                    Code::E003,
                    file,
                    pos,
                    format!(
                        "duplicate service id `{}` (first used on line {})",
                        service.id, first.line
                    ),
                )
                .help("ids identify a service across years; give each service its own")
                .related(*first, "first used here"),
            );
        } else {
            seen.insert(&service.id, pos);
        }
    }
    let mut seen: HashMap<&str, Pos> = HashMap::new();
    for department in inventory.departments.iter().flatten() {
        if let Some(first) = seen.get(department.id.as_str()) {
            out.push(
                Diagnostic::new(
                    Code::E003,
                    file,
                    department.pos,
                    format!(
                        "duplicate department id `{}` (first used on line {})",
                        department.id, first.line
                    ),
                )
                .related(*first, "first used here"),
            );
        } else {
            seen.insert(&department.id, department.pos);
        }
    }
}

fn unknown_departments(file: &str, inventory: &Inventory, out: &mut Vec<Diagnostic>) {
    let Some(departments) = &inventory.departments else {
        return;
    };
    let ids: Vec<&str> = departments.iter().map(|d| d.id.as_str()).collect();
    // A set for the lookups: a list made this linear search quadratic in
    // large inventories (60 000 departments took seconds).
    let known: std::collections::HashSet<&str> = ids.iter().copied().collect();
    for service in &inventory.services {
        let Some(department) = &service.department else {
            continue;
        };
        if known.contains(department.as_str()) {
            continue;
        }
        let help = match suggest::closest(department, ids.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if ids.is_empty() => "the `departments` list is empty".to_string(),
            None => format!("the departments are: {}", ids.join(", ")),
        };
        out.push(
            Diagnostic::new(
                Code::E004,
                file,
                service.spans.at("department"),
                format!(
                    "department `{department}` of service `{}` is not in `departments`",
                    service.id
                ),
            )
            .help(help),
        );
    }
}

fn service_rules(file: &str, s: &Service, out: &mut Vec<Diagnostic>) {
    let at = |path: &str| s.spans.at(path);
    let new = |code, path: &str, message: String| Diagnostic::new(code, file, at(path), message);
    let e = &s.evidence;
    let derived = ladder::classify(e).step;
    let label = |step: Step| i18n::step_label(step, Lang::En);

    if let Some(declared) = s.declared_step
        && declared != derived
    {
        let message = format!(
            "`{}` declares step {} but its evidence derives step {}",
            s.id,
            label(declared),
            label(derived)
        );
        out.push(if declared > derived {
            let missing = ladder::missing_for(e, declared);
            new(Code::E005, "declared_step", message).help(format!(
                "missing evidence: {}; or lower `declared_step`",
                missing_list(&missing)
            ))
        } else {
            new(Code::W101, "declared_step", message)
                .help(format!("raise `declared_step` to {}", derived.id()))
        });
    }

    contradictions(s, &new, out);

    if !s.is_live() {
        return;
    }
    if derived >= Step::Interaction && s.access.accessibility_statement.is_none() {
        let path = if s.spans.get("access").is_some() {
            "access"
        } else {
            "id"
        };
        out.push(
            new(
                Code::W102,
                path,
                format!("live e-service `{}` has no accessibility statement", s.id),
            )
            .help("add `access.accessibility_statement` with the URL of its tillgänglighetsredogörelse (DOS-lagen 2018:1937)"),
        );
    }
    if e.takes_cases() && s.volumes.cases.is_none() {
        let path = if s.spans.get("volumes").is_some() {
            "volumes"
        } else {
            "evidence.submission"
        };
        out.push(
            new(
                Code::W103,
                path,
                format!("`{}` takes cases but reports no `volumes.cases`", s.id),
            )
            .help("without the number of cases its digital take-up cannot be computed"),
        );
    }
    if e.submission == Submission::Online && e.signing == Signing::Paper {
        out.push(
            new(
                Code::W104,
                "evidence.signing",
                format!("`{}` is submitted online but signed on paper", s.id),
            )
            .help("an online form that must be printed and signed is step 2; sign with e-ID to reach step 3"),
        );
    }
    if let Some(target) = s.target_step
        && derived < target
    {
        let missing = ladder::missing_for(e, target);
        out.push(
            new(
                Code::I201,
                "target_step",
                format!(
                    "to develop: `{}` is at step {}, below its target step {}",
                    s.id,
                    label(derived),
                    label(target)
                ),
            )
            .help(format!("missing: {}", missing_list(&missing))),
        );
    }
    if e.is_pdf_form() {
        out.push(
            new(
                Code::I202,
                "evidence.download_form",
                format!(
                    "`{}` offers a form to download but no online submission",
                    s.id
                ),
            )
            .help("a PDF form still to replace with an e-service"),
        );
    }
}

/// E006: evidence that cannot all be true at once.
fn contradictions(
    s: &Service,
    new: &impl Fn(Code, &str, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let e = &s.evidence;
    let mut contradiction = |path: &str, message: String, help: &str| {
        out.push(new(Code::E006, path, message).help(help.to_string()));
    };
    if e.signing == Signing::Eid && e.submission != Submission::Online {
        contradiction(
            "evidence.signing",
            format!(
                "`{}` is signed with e-ID but `submission` is `{}`, not `online`",
                s.id, e.submission
            ),
            "e-ID signing happens in an online submission: set `submission: online` or change `signing`",
        );
    }
    if e.case_tracking != CaseTracking::None && e.submission == Submission::None {
        contradiction(
            "evidence.case_tracking",
            format!(
                "`{}` has case tracking (`{}`) but no submission",
                s.id, e.case_tracking
            ),
            "a case can only be followed once it was submitted: set `submission`",
        );
    }
    if e.signatures.is_some_and(|n| n > 1) && e.signing == Signing::None {
        contradiction(
            "evidence.signatures",
            format!(
                "`{}` requires {} signatures but `signing` is `none`",
                s.id,
                e.signatures.unwrap_or(0)
            ),
            "say how they sign: `signing: eid` or `signing: paper`",
        );
    }
    if e.anonymous && e.login == Login::Eid {
        contradiction(
            "evidence.anonymous",
            format!("`{}` is anonymous but logs in with e-ID", s.id),
            "a service with e-ID login is not anonymous: remove one of them",
        );
    }
    let v = &s.volumes;
    if let (Some(digital), Some(cases)) = (v.digital, v.cases)
        && digital > cases
    {
        contradiction(
            "volumes.digital",
            format!(
                "`{}` reports {digital} digital cases of {cases} cases in all",
                s.id
            ),
            "`volumes.digital` counts the cases received electronically, a part of `volumes.cases`",
        );
    }
    if let (Some(completed), Some(started)) = (v.completed, v.started)
        && completed > started
    {
        contradiction(
            "volumes.completed",
            format!(
                "`{}` reports {completed} completed of {started} started applications",
                s.id
            ),
            "`volumes.completed` counts the started digital applications that were completed",
        );
    }
}

fn missing_list(missing: &[ladder::Missing]) -> String {
    let words: Vec<&str> = missing
        .iter()
        .map(|m| reasons::missing(*m, Lang::En))
        .collect();
    words.join(", ")
}
