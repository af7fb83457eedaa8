//! Property tests of the ladder engine.

use proptest::prelude::*;
use trappa::inventory::model::*;
use trappa::ladder::classify;

fn submission() -> impl Strategy<Value = Submission> {
    prop::sample::select(Submission::ALL.to_vec())
}
fn login() -> impl Strategy<Value = Login> {
    prop::sample::select(Login::ALL.to_vec())
}
fn signing() -> impl Strategy<Value = Signing> {
    prop::sample::select(Signing::ALL.to_vec())
}
fn prefill() -> impl Strategy<Value = Prefill> {
    prop::sample::select(Prefill::ALL.to_vec())
}
fn interactive() -> impl Strategy<Value = Vec<Interactive>> {
    prop::collection::vec(prop::sample::select(Interactive::ALL.to_vec()), 0..3)
}
fn organisations() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[A-Z][a-z]{2,8}", 0..2)
}

prop_compose! {
    fn evidence()(
        download_form in any::<bool>(),
        interactive in interactive(),
        submission in submission(),
        login in login(),
        signing in signing(),
        prefill in prefill(),
        exchange in organisations(),
        shared_with in organisations(),
        anonymous in any::<bool>(),
        foreign_eid in any::<bool>(),
    ) -> Evidence {
        Evidence {
            download_form, interactive, submission, login, signing, prefill,
            exchange, shared_with, anonymous, foreign_eid,
            ..Evidence::default()
        }
    }
}

/// One piece of evidence added. A paper signature is not among them: it is a
/// requirement put on the user, not a capability of the service, and the
/// ladder rightly holds such a service below step 3.
#[derive(Clone, Debug)]
enum Addition {
    DownloadForm,
    Interactive(Interactive),
    SubmissionAtLeast(Submission),
    LoginAtLeast(Login),
    EidSigning,
    PrefillAtLeast(Prefill),
    Exchange(String),
    SharedWith(String),
}

fn addition() -> impl Strategy<Value = Addition> {
    prop_oneof![
        Just(Addition::DownloadForm),
        prop::sample::select(Interactive::ALL.to_vec()).prop_map(Addition::Interactive),
        submission().prop_map(Addition::SubmissionAtLeast),
        login().prop_map(Addition::LoginAtLeast),
        Just(Addition::EidSigning),
        prefill().prop_map(Addition::PrefillAtLeast),
        "[A-Z][a-z]{3}".prop_map(Addition::Exchange),
        "[A-Z][a-z]{3}".prop_map(Addition::SharedWith),
    ]
}

/// Each vocabulary in order of capability: `none < offline < online`, and so on.
fn rank<T: Vocabulary + PartialEq>(value: T) -> usize {
    T::ALL.iter().position(|v| *v == value).unwrap_or(0)
}

fn add(evidence: &mut Evidence, addition: Addition) {
    match addition {
        Addition::DownloadForm => evidence.download_form = true,
        Addition::Interactive(tool) => evidence.interactive.push(tool),
        Addition::SubmissionAtLeast(s) if rank(s) > rank(evidence.submission) => {
            evidence.submission = s
        }
        Addition::LoginAtLeast(l) if rank(l) > rank(evidence.login) => evidence.login = l,
        Addition::EidSigning => evidence.signing = Signing::Eid,
        Addition::PrefillAtLeast(p) if rank(p) > rank(evidence.prefill) => evidence.prefill = p,
        Addition::Exchange(with) => evidence.exchange.push(with),
        Addition::SharedWith(with) => evidence.shared_with.push(with),
        _ => {}
    }
}

proptest! {
    #[test]
    fn adding_evidence_never_lowers_the_step(mut e in evidence(), additions in prop::collection::vec(addition(), 1..5)) {
        let before = classify(&e).step;
        for a in additions {
            add(&mut e, a);
        }
        prop_assert!(classify(&e).step >= before);
    }

    #[test]
    fn every_step_below_4_names_what_is_missing(e in evidence()) {
        let c = classify(&e);
        prop_assert_eq!(c.missing.is_empty(), c.step.number() == 4);
    }
}

// ---------------------------------------------------------------------------
// Indicators: shares stay shares, and the whole is the volume-weighted sum
// of its parts.

use trappa::classified::{ClassifiedService, classify_inventory};
use trappa::indicators::compute::{IndicatorValue, compute};
use trappa::inventory::Step;
use trappa::inventory::{Indicator, Unit};

fn step() -> impl Strategy<Value = Step> {
    (1i128..=4).prop_map(|n| Step::from_number(n).unwrap())
}

prop_compose! {
    /// Volumes as `check` lets them through: digital cases never exceed
    /// cases, completed applications never exceed started ones (E006).
    fn volumes()(
        cases in prop::option::of(0u64..50_000),
        digital_part in 0.0f64..=1.0,
        started in prop::option::of(0u64..50_000),
        completed_part in 0.0f64..=1.0,
        report_digital in any::<bool>(),
        report_completed in any::<bool>(),
    ) -> Volumes {
        Volumes {
            cases,
            digital: cases.filter(|_| report_digital).map(|c| (c as f64 * digital_part) as u64),
            started,
            completed: started.filter(|_| report_completed).map(|s| (s as f64 * completed_part) as u64),
        }
    }
}

prop_compose! {
    fn service()(
        index in 0u32..1_000_000,
        status in prop::sample::select(Status::ALL.to_vec()),
        department in prop::sample::select(vec!["bygg", "skola"]),
        declared_step in prop::option::of(step()),
        target_step in prop::option::of(step()),
        evidence in evidence(),
        hours in prop::option::of(prop::sample::select(Hours::ALL.to_vec())),
        mobile in prop::option::of(prop::sample::select(Mobile::ALL.to_vec())),
        statement in any::<bool>(),
        case_tracking in prop::sample::select(CaseTracking::ALL.to_vec()),
        decision in prop::option::of(prop::sample::select(Decision::ALL.to_vec())),
        volumes in volumes(),
        cost in prop::option::of(0.0f64..5_000.0),
        satisfaction in prop::option::of(0.0f64..=100.0),
    ) -> Service {
        Service {
            id: format!("s{index}"),
            name: format!("Tjänst {index}"),
            department: Some(department.to_string()),
            service_type: None,
            description: None,
            url: None,
            status,
            audience: Vec::new(),
            platform: None,
            languages: Vec::new(),
            declared_step,
            target_step,
            evidence: Evidence { case_tracking, decision, ..evidence },
            access: Access {
                hours,
                mobile,
                accessibility_statement: statement.then(|| "https://example.se/tillganglighet".to_string()),
                ..Access::default()
            },
            volumes,
            cost_per_case_sek: cost,
            satisfaction_pct: satisfaction,
            spans: Spans::default(),
            incomplete: false,
        }
    }
}

fn classified(services: &[Service]) -> Vec<ClassifiedService<'_>> {
    services
        .iter()
        .map(|service| ClassifiedService {
            service,
            classification: classify(&service.evidence),
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The indicator of A and B together, from the indicators of A and of B:
/// numerators add, denominators add, the value is their quotient (counts
/// have no denominator: they add). "No data" only when the summed
/// denominator is 0.
fn assert_combines(
    a: &IndicatorValue,
    b: &IndicatorValue,
    both: &IndicatorValue,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.id, both.id);
    let numerator = a.numerator.unwrap_or(0.0) + b.numerator.unwrap_or(0.0);
    prop_assert!(
        close(both.numerator.unwrap_or(0.0), numerator),
        "{}: numerator {:?} vs {numerator}",
        both.id,
        both.numerator
    );
    match (a.denominator, b.denominator, both.denominator) {
        (None, None, None) => {
            prop_assert!(
                close(both.value.unwrap_or(f64::NAN), numerator),
                "{}: count",
                both.id
            );
        }
        (Some(da), Some(db), Some(d)) => {
            prop_assert!(
                close(d, da + db),
                "{}: denominator {d} vs {}",
                both.id,
                da + db
            );
            if d == 0.0 {
                prop_assert_eq!(both.value, None, "{}: 0 of 0 is no data", both.id);
            } else {
                let value = both.value.expect("a denominator above 0 gives a value");
                prop_assert!(
                    close(value, numerator / d),
                    "{}: {value} vs {}",
                    both.id,
                    numerator / d
                );
            }
        }
        other => prop_assert!(false, "{}: denominators {other:?}", both.id),
    }
    Ok(())
}

fn assert_shares(values: &[IndicatorValue]) -> Result<(), TestCaseError> {
    for v in values {
        if v.id.unit() == Unit::Share {
            prop_assert!(
                v.value.is_none_or(|x| (0.0..=1.0).contains(&x)),
                "{} = {:?}",
                v.id,
                v.value
            );
        }
        prop_assert!(
            v.value.is_none_or(f64::is_finite),
            "{} = {:?}",
            v.id,
            v.value
        );
    }
    Ok(())
}

fn inventory_of(services: Vec<Service>) -> Inventory {
    let department = |id: &str| Department {
        id: id.to_string(),
        name: id.to_uppercase(),
        pos: Default::default(),
    };
    Inventory {
        organisation: Organisation {
            name: "Testkommun".into(),
            code: None,
            kind: OrganisationKind::Municipality,
        },
        year: 2024,
        departments: Some(vec![department("bygg"), department("skola")]),
        services,
        spans: Spans::default(),
        undecoded: Default::default(),
    }
}

proptest! {
    #[test]
    fn indicators_of_a_concatenation_are_the_weighted_combination(
        a in prop::collection::vec(service(), 0..12),
        b in prop::collection::vec(service(), 0..12),
    ) {
        let both: Vec<Service> = a.iter().chain(&b).cloned().collect();
        let (ia, ib, iboth) = (compute(&classified(&a)), compute(&classified(&b)), compute(&classified(&both)));
        for ((x, y), z) in ia.iter().zip(&ib).zip(&iboth) {
            assert_combines(x, y, z)?;
        }
    }

    /// The same seen from the report: the organisation's figures are the
    /// combination of its two departments' figures.
    #[test]
    fn an_organisation_is_the_combination_of_its_departments(services in prop::collection::vec(service(), 0..20)) {
        let inventory = inventory_of(services);
        let report = trappa::report::build(&inventory, None, None).expect("no previous, no targets");
        prop_assert_eq!(report.departments.len(), 2);
        let (bygg, skola) = (&report.departments[0].indicators, &report.departments[1].indicators);
        for ((x, y), whole) in bygg.iter().zip(skola).zip(&report.indicators) {
            let whole = IndicatorValue { id: whole.id, value: whole.value, numerator: whole.numerator, denominator: whole.denominator };
            assert_combines(x, y, &whole)?;
        }
    }

    #[test]
    fn every_share_is_in_0_1_or_no_data(services in prop::collection::vec(service(), 0..20)) {
        let inventory = inventory_of(services);
        assert_shares(&compute(&classify_inventory(&inventory)))?;
        let report = trappa::report::build(&inventory, None, None).expect("no previous, no targets");
        for department in &report.departments {
            assert_shares(&department.indicators)?;
        }
        let json: serde_json::Value = serde_json::from_str(&trappa::render::report::json::render(&report)).expect("report JSON");
        for row in json["indicators"].as_array().unwrap() {
            let id = row["id"].as_str().unwrap();
            if Indicator::parse(id).map(Indicator::unit) == Some(Unit::Share) {
                prop_assert!(row["value"].is_null() || (0.0..=1.0).contains(&row["value"].as_f64().unwrap()), "{id}: {}", row["value"]);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// `check --format json` is always one valid JSON document, whatever the file
// holds: text from the user (names, ids, keys) ends up in messages.

use trappa::emit::{self, FileFindings};
use trappa::inventory::source::{Source, decode_text};
use trappa::pipeline::check_source;

fn check_json_of(name: &str, bytes: Vec<u8>) -> String {
    let checked = match decode_text(name, bytes) {
        Ok(source) => check_source(source),
        Err(refusal) => trappa::pipeline::Checked {
            source: Source {
                name: name.into(),
                text: String::new(),
            },
            document: None,
            diagnostics: vec![refusal],
        },
    };
    let files = [FileFindings {
        name: &checked.source.name,
        text: &checked.source.text,
        diagnostics: &checked.diagnostics,
    }];
    emit::json::json(&files, false, trappa::i18n::Lang::En)
}

fn assert_check_json(text: &str) -> Result<(), TestCaseError> {
    let document: serde_json::Value = match serde_json::from_str(text) {
        Ok(d) => d,
        Err(e) => return Err(TestCaseError::fail(format!("invalid JSON ({e}): {text}"))),
    };
    let diagnostics = document["diagnostics"].as_array().expect("diagnostics");
    let errors = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .count();
    prop_assert_eq!(document["errors"].as_u64(), Some(errors as u64));
    prop_assert_eq!(document["files"].as_u64(), Some(1));
    Ok(())
}

/// Text a user might type, and text nobody should: quotes, backslashes,
/// control characters, YAML indicators, any Unicode.
fn user_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zåäö0-9 _-]{0,12}",
        "[\"'\\\\:#&*!|>%@`{}\\[\\],?-]{1,6}[a-z]{0,4}",
        "\\PC{0,10}",
        any::<String>(),
    ]
}

proptest! {
    #[test]
    fn check_json_is_valid_for_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        assert_check_json(&check_json_of("bytes.yaml", bytes))?;
    }

    #[test]
    fn check_json_is_valid_for_inventories_with_any_text(
        name in user_text(),
        id in user_text(),
        department in user_text(),
        key in user_text(),
        year in user_text(),
        file in "[a-z\"\\\\, :]{1,10}",
    ) {
        let text = format!(
            "trappa: 1\norganisation:\n  name: {name}\nyear: {year}\nservices:\n  - id: {id}\n    name: {name}\n    department: {department}\n    {key}: 1\n"
        );
        assert_check_json(&check_json_of(&file, text.into_bytes()))?;
    }
}

// ---------------------------------------------------------------------------
// A trend over generated years: each year is the report of that year, each
// inventory and the one before it in the series is `report --previous`
// (also across a gap), whatever the services do between the years.

use trappa::trend::{Builder, YearSummary};

prop_compose! {
    /// One year's inventory: services drawn from a small pool of ids, so
    /// that the same service recurs across years — stepping up, down, being
    /// planned, retired, gone and back.
    fn year_of_services(pool: u32)(list in prop::collection::vec(service(), 0..10)) -> Vec<Service> {
        let mut seen = std::collections::HashSet::new();
        list.into_iter()
            .filter_map(|mut s| {
                let number: u32 = s.id[1..].parse().unwrap_or(0);
                s.id = format!("s{}", number % pool);
                seen.insert(s.id.clone()).then_some(s)
            })
            .collect()
    }
}

proptest! {
    #[test]
    fn each_year_of_a_trend_is_its_report_and_each_pair_report_previous(
        years in prop::collection::btree_set(2010i32..2018, 1..5),
        lists in prop::collection::vec(year_of_services(8), 5),
    ) {
        let inventories: Vec<Inventory> = years
            .iter()
            .zip(lists)
            .map(|(&year, services)| {
                let mut inventory = inventory_of(services);
                inventory.year = year;
                inventory
            })
            .collect();
        let mut builder = Builder::new();
        // Out of order on purpose: the trend sorts the years.
        for inventory in inventories.iter().rev() {
            builder.push(YearSummary::of("generated.yaml", inventory).expect("no targets, no previous"));
        }
        let trend = builder.finish(None).expect("no targets").expect("at least one year");
        let first = *years.iter().next().unwrap();
        prop_assert_eq!(trend.years.len() as i32, years.iter().last().unwrap() - first + 1);

        for (i, inventory) in inventories.iter().enumerate() {
            let column = (inventory.year - first) as usize;
            let alone = trappa::report::build(inventory, None, None).expect("no previous");
            for row in &alone.indicators {
                let ours = trend.series(row.id).unwrap().values[column].clone().unwrap();
                prop_assert_eq!((ours.value, ours.numerator, ours.denominator), (row.value, row.numerator, row.denominator), "{}", row.id);
            }
            let counts: Vec<usize> = alone.distribution.iter().map(|s| s.services).collect();
            prop_assert_eq!(trend.distribution[column].map(|d| d.to_vec()), Some(counts));
            for department in &alone.departments {
                let ours = trend.departments.iter().find(|d| d.id == department.id).unwrap();
                prop_assert_eq!(ours.values[column].as_ref(), Some(&department.indicators));
            }

            let Some(before) = i.checked_sub(1).map(|p| &inventories[p]) else {
                prop_assert!(trend.changes[column].is_none());
                continue;
            };
            let paired = trappa::report::build(inventory, Some(before), None).expect("an earlier year");
            for row in &paired.indicators {
                let ours = trend.series(row.id).unwrap().values[column].clone().unwrap();
                prop_assert_eq!(ours.value, row.value, "{}", row.id);
                prop_assert_eq!(ours.change, row.change, "change of {}", row.id);
            }
            prop_assert_eq!(trend.changes[column].as_ref(), paired.changes.as_ref());
            prop_assert_eq!(trend.years[column].since, Some(before.year));
            // Every move down the ladder is in that service's history.
            for moved in &paired.changes.as_ref().unwrap().stepped_down {
                let history = trend.services.iter().find(|s| s.id == moved.id).unwrap();
                prop_assert!(history.stepped_down.iter().any(|s| s.by == inventory.year && s.after == Some(before.year)));
            }
        }
        // A gap year has nothing: no value, no distribution, no changes.
        for (column, year) in trend.years.iter().enumerate() {
            if year.is_gap() {
                prop_assert!(trend.indicators.iter().all(|s| s.values[column].is_none()));
                prop_assert!(trend.distribution[column].is_none());
                prop_assert!(trend.changes[column].is_none());
            }
        }
    }
}
