//! Rules that compare values with each other (spec §3): duplicates, unknown
//! departments, declared steps, contradictory evidence, and the warnings and
//! notes of a live service. Single values were validated by the decoder.

use crate::diagnostic::{Arg, Code, Diagnostic, Edit, Findings, Fix, Message, Pos};
use crate::i18n;
use crate::inventory::Step;
use crate::inventory::model::{
    CaseTracking, Inventory, Login, Service, Signing, Submission, Vocabulary,
};
use crate::inventory::service_type;
use crate::ladder;
use crate::suggest;
use std::collections::HashMap;

/// Adds the findings of the cross-field rules to those of the decoder.
pub fn check(file: &str, inventory: &Inventory, out: &mut Findings) {
    let new = |code, pos, message: Message| Diagnostic::new(code, file, pos, message);

    // No services decoded is not "no services" when the file has some
    // that could not be read: those are errors of their own.
    if inventory.services.is_empty() && !inventory.undecoded.services {
        out.push(
            new(
                Code::W106,
                inventory.spans.at("services"),
                Message::new("diagnostic.w106.no_services"),
            )
            .help(Message::new("diagnostic.w106.no_services_help")),
        );
    }

    duplicate_ids(file, inventory, out);
    unknown_departments(file, inventory, out);

    let mut live_names: HashMap<String, &Service> = HashMap::new();
    for service in &inventory.services {
        if service.is_live() {
            let key = service.name.trim().to_lowercase();
            match live_names.get(&key) {
                Some(first) if !key.is_empty() => out.push(
                    new(
                        Code::W105,
                        service.spans.at("name"),
                        Message::new("diagnostic.w105.same_name")
                            .text("name", service.name.clone())
                            .text("first", first.id.clone())
                            .text("second", service.id.clone()),
                    )
                    .help(Message::new("diagnostic.w105.same_name_help"))
                    .related(
                        first.spans.at("name"),
                        Message::new("diagnostic.w105.other_service"),
                    ),
                ),
                _ => {
                    live_names.insert(key, service);
                }
            }
        }
        // A service with a value that could not be decoded is judged when it
        // is fixed: its evidence is incomplete, and guesses would mislead.
        if !service.incomplete {
            service_rules(file, service, out);
        }
    }
}

fn duplicate_ids(file: &str, inventory: &Inventory, out: &mut Findings) {
    let first_used_here = || Message::new("diagnostic.e003.first_used_here");
    let mut seen: HashMap<&str, Pos> = HashMap::new();
    for service in &inventory.services {
        let pos = service.spans.at("id");
        if let Some(first) = seen.get(service.id.as_str()) {
            out.push(
                Diagnostic::new(
                    Code::E003,
                    file,
                    pos,
                    Message::new("diagnostic.e003.service_id")
                        .text("id", service.id.clone())
                        .number("line", first.line),
                )
                .help(Message::new("diagnostic.e003.service_id_help"))
                .related(*first, first_used_here()),
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
                    Message::new("diagnostic.e003.department_id")
                        .text("id", department.id.clone())
                        .number("line", first.line),
                )
                .related(*first, first_used_here()),
            );
        } else {
            seen.insert(&department.id, department.pos);
        }
    }
}

fn unknown_departments(file: &str, inventory: &Inventory, out: &mut Findings) {
    let Some(departments) = &inventory.departments else {
        return;
    };
    let undecoded = &inventory.undecoded.departments;
    // An entry that could not be read at all could be any department: a
    // service naming an unknown one may be naming it.
    if undecoded.iter().any(Option::is_none) {
        return;
    }
    let ids: Vec<&str> = departments.iter().map(|d| d.id.as_str()).collect();
    // A set for the lookups: a list made this linear search quadratic in
    // large inventories (60 000 departments took seconds).
    let known: std::collections::HashSet<&str> = ids.iter().copied().collect();
    for service in &inventory.services {
        let Some(department) = &service.department else {
            continue;
        };
        // A department whose entry was refused (an invalid id) is already
        // an error there; an E004 on every service naming it would bury it.
        if known.contains(department.as_str())
            || undecoded.iter().flatten().any(|id| id == department)
        {
            continue;
        }
        let help = match suggest::closest(department, ids.iter().copied()) {
            Some(near) => Message::new("diagnostic.did_you_mean").text("near", near.to_string()),
            None if ids.is_empty() && undecoded.is_empty() => {
                Message::new("diagnostic.e004.no_departments_help")
            }
            None if ids.is_empty() => Message::new("diagnostic.e004.no_readable_departments_help"),
            None => Message::new("diagnostic.e004.departments_help").text("ids", ids.join(", ")),
        };
        out.push(
            Diagnostic::new(
                Code::E004,
                file,
                service.spans.at("department"),
                Message::new("diagnostic.e004.unknown_department")
                    .text("department", department.clone())
                    .text("service", service.id.clone()),
            )
            .help(help),
        );
    }
}

/// W101's fix: the declared step raised to the derived one, written as
/// the claim was (a number, the English or the Swedish name). Raising a
/// claim to what the evidence already shows changes no fact; lowering one
/// (E005) would, and is never offered.
fn raise_declared(s: &Service, derived: Step) -> Option<Fix> {
    let (pos, written) = s.spans.value("declared_step")?;
    let content = if written.trim().parse::<i128>().is_ok() {
        derived.number().to_string()
    } else if Step::ALL.iter().any(|step| {
        step.id() != step.swedish() && written.trim().eq_ignore_ascii_case(step.swedish())
    }) {
        derived.swedish().to_string()
    } else {
        derived.id().to_string()
    };
    Some(Fix::safe(
        Message::new("fix.raise_step")
            .text("declared", written.to_string())
            .text("derived", content.clone()),
        vec![Edit::replace(pos, written, content)],
    ))
}

fn service_rules(file: &str, s: &Service, out: &mut Findings) {
    let at = |path: &str| s.spans.at(path);
    let new = |code, path: &str, message: Message| Diagnostic::new(code, file, at(path), message);
    let e = &s.evidence;
    let derived = ladder::classify(e).step;
    let about = |key: &'static str| Message::new(key).text("service", s.id.clone());

    if let Some(declared) = s.declared_step
        && declared != derived
    {
        let declared_message = |key| {
            about(key)
                .step("declared", declared.number())
                .step("derived", derived.number())
        };
        out.push(if declared > derived {
            let missing = ladder::missing_for(e, declared);
            new(
                Code::E005,
                "declared_step",
                declared_message("diagnostic.e005.over_declared"),
            )
            .help(
                Message::new("diagnostic.e005.over_declared_help")
                    .arg("missing", missing_words(&missing)),
            )
        } else {
            new(
                Code::W101,
                "declared_step",
                declared_message("diagnostic.w101.under_declared"),
            )
            .help(
                Message::new("diagnostic.w101.under_declared_help")
                    .word("step", i18n::step_word_key(derived)),
            )
            .with_fix(raise_declared(s, derived))
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
            new(Code::W102, path, about("diagnostic.w102.no_statement"))
                .help(Message::new("diagnostic.w102.no_statement_help")),
        );
    }
    if e.takes_cases() && s.volumes.cases.is_none() {
        let path = if s.spans.get("volumes").is_some() {
            "volumes"
        } else {
            "evidence.submission"
        };
        out.push(
            new(Code::W103, path, about("diagnostic.w103.no_cases"))
                .help(Message::new("diagnostic.w103.no_cases_help")),
        );
    }
    if e.submission == Submission::Online && e.signing == Signing::Paper {
        out.push(
            new(
                Code::W104,
                "evidence.signing",
                about("diagnostic.w104.paper_signature"),
            )
            .help(Message::new("diagnostic.w104.paper_signature_help")),
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
                about("diagnostic.i201.below_target")
                    .step("step", derived.number())
                    .step("target", target.number()),
            )
            .help(
                Message::new("diagnostic.i201.below_target_help")
                    .arg("missing", missing_words(&missing)),
            ),
        );
    }
    if s.service_type.is_none()
        && s.spans.get("type").is_none()
        && let Some(suggestion) = service_type::suggest_for(&s.name)
    {
        out.push(
            new(
                Code::I203,
                "name",
                about("diagnostic.i203.type_suggested")
                    .text("type", suggestion.service_type.id.clone()),
            )
            .help(
                Message::new("diagnostic.i203.type_suggested_help")
                    .text("type", suggestion.service_type.id.clone()),
            ),
        );
    }
    if e.is_pdf_form() {
        out.push(
            new(
                Code::I202,
                "evidence.download_form",
                about("diagnostic.i202.pdf_form"),
            )
            .help(Message::new("diagnostic.i202.pdf_form_help")),
        );
    }
}

/// E006: evidence that cannot all be true at once.
fn contradictions(
    s: &Service,
    new: &impl Fn(Code, &str, Message) -> Diagnostic,
    out: &mut Findings,
) {
    let e = &s.evidence;
    let mut contradiction = |path: &str, message: Message, help: &'static str| {
        out.push(new(Code::E006, path, message).help(Message::new(help)));
    };
    let about = |key: &'static str| Message::new(key).text("service", s.id.clone());
    if e.signing == Signing::Eid && e.submission != Submission::Online {
        contradiction(
            "evidence.signing",
            about("diagnostic.e006.eid_signing_offline").text("submission", e.submission.as_str()),
            "diagnostic.e006.eid_signing_offline_help",
        );
    }
    if e.case_tracking != CaseTracking::None && e.submission == Submission::None {
        contradiction(
            "evidence.case_tracking",
            about("diagnostic.e006.tracking_without_submission")
                .text("tracking", e.case_tracking.as_str()),
            "diagnostic.e006.tracking_without_submission_help",
        );
    }
    if let Some(signatures) = e.signatures.filter(|&n| n > 1)
        && e.signing == Signing::None
    {
        contradiction(
            "evidence.signatures",
            about("diagnostic.e006.signatures_without_signing").number("count", signatures),
            "diagnostic.e006.signatures_without_signing_help",
        );
    }
    if e.anonymous && e.login == Login::Eid {
        contradiction(
            "evidence.anonymous",
            about("diagnostic.e006.anonymous_eid"),
            "diagnostic.e006.anonymous_eid_help",
        );
    }
    let v = &s.volumes;
    if let (Some(digital), Some(cases)) = (v.digital, v.cases)
        && digital > cases
    {
        contradiction(
            "volumes.digital",
            about("diagnostic.e006.digital_above_cases")
                .number("digital", digital)
                .number("cases", cases),
            "diagnostic.e006.digital_above_cases_help",
        );
    }
    if let (Some(completed), Some(started)) = (v.completed, v.started)
        && completed > started
    {
        contradiction(
            "volumes.completed",
            about("diagnostic.e006.completed_above_started")
                .number("completed", completed)
                .number("started", started),
            "diagnostic.e006.completed_above_started_help",
        );
    }
}

/// What a service lacks, as the catalogue's words (`missing.*`).
fn missing_words(missing: &[ladder::Missing]) -> Arg {
    Arg::Words(missing.iter().map(|m| m.key()).collect())
}

/// `check --profile cpsv-ap`: what `export --format cpsv-ap` will need
/// beyond a valid inventory, said before the export refuses it. CPSV-AP
/// makes `dct:description` mandatory, so under this profile `description`
/// is a required key of every service (E002, the code of a missing key).
pub fn cpsv_ap(file: &str, inventory: &Inventory, out: &mut Findings) {
    for service in &inventory.services {
        if service.stated_description().is_none() {
            let at = match service.spans.get("description") {
                Some(pos) => pos,
                None => service.spans.at("id"),
            };
            out.push(
                Diagnostic::new(
                    Code::E002,
                    file,
                    at,
                    Message::new("diagnostic.e002.cpsv_description")
                        .text("service", service.id.clone()),
                )
                .help(Message::new("diagnostic.e002.cpsv_description_help")),
            );
        }
    }
}
