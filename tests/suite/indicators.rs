//! The indicators of spec §5 computed on small inventories whose every value
//! is worked out by hand in a comment next to its assertion.

use crate::helpers::{TOLERANCE, close};
use trappa::classified::{ClassifiedService, classify_inventory};
use trappa::indicators::compute::{
    Changes, IndicatorValue, StepChange, change_values, changes, compute,
};
use trappa::inventory::model::Inventory;
use trappa::inventory::source::Source;
use trappa::inventory::{Indicator, Step};
use trappa::pipeline::check_source;

/// Parses and checks YAML text; the fixture must pass `check` (warnings are fine),
/// because indicators are only ever computed on inventories without errors.
fn inventory(yaml: &str) -> Inventory {
    let checked = check_source(Source {
        name: "t.yaml".into(),
        text: yaml.into(),
    });
    match checked.valid_inventory() {
        Some(inventory) => inventory.clone(),
        None => panic!("fixture has errors: {:#?}", checked.diagnostics),
    }
}

/// The services of one department, classified.
fn department<'a>(inventory: &'a Inventory, id: &str) -> Vec<ClassifiedService<'a>> {
    classify_inventory(inventory)
        .into_iter()
        .filter(|c| c.service.department.as_deref() == Some(id))
        .collect()
}

fn get<'v>(values: &'v [IndicatorValue], id: &str) -> &'v IndicatorValue {
    values
        .iter()
        .find(|v| v.id.id() == id)
        .unwrap_or_else(|| panic!("no indicator {id}"))
}

/// Asserts a ratio: its numerator, its denominator and its value
/// (`None` when `den` is 0).
#[track_caller]
fn assert_ratio(values: &[IndicatorValue], id: &str, num: f64, den: f64) {
    let v = get(values, id);
    let expected = if den == 0.0 { None } else { Some(num / den) };
    assert!(
        close(v.numerator, Some(num)) && close(v.denominator, Some(den)),
        "{id}: expected {num}/{den}, got {v:?}"
    );
    assert!(
        close(v.value, expected),
        "{id}: expected {expected:?}, got {v:?}"
    );
}

/// Asserts a count: value and numerator are the count, no denominator.
#[track_caller]
fn assert_count(values: &[IndicatorValue], id: &str, n: f64) {
    let v = get(values, id);
    assert_eq!(
        (v.value, v.numerator, v.denominator),
        (Some(n), Some(n), None),
        "{id}: {v:?}"
    );
}

/// No value is ever NaN or infinite, whatever the data.
#[track_caller]
fn assert_all_finite(values: &[IndicatorValue]) {
    for v in values {
        for x in [v.value, v.numerator, v.denominator].into_iter().flatten() {
            assert!(x.is_finite(), "{v:?}");
        }
    }
}

/// Eight services: six live (steps 1, 2, 2, 3, 4, 2), one planned and one
/// retired with figures large enough to show if they leaked in.
///
/// | id        | dept   | step | case | notes |
/// |-----------|--------|------|------|-------|
/// | info      | kultur | 1    | no   | always, responsive, statement, declared 1 |
/// | booking   | kultur | 2    | no   | app, no statement, declared 1 (mismatch), target 2, foreign_eid |
/// | form      | bygg   | 2    | yes  | PDF form + offline, decision post, limited, desktop_only, statement, declared 2, target 3, 100 cases/0 digital, 200 kr, 60 % |
/// | online-pw | bygg   | 2    | yes  | online + password + PDF, decision email, no statement, digital 50 without cases, 10 started/5 completed, cost and satisfaction without cases |
/// | tx        | social | 3    | yes  | eid login+signing, foreign_eid, portal, digital_mailbox, prefill identity, always, responsive, statement, target 4, 300/240, 250/200, 100 kr, 80 % |
/// | integ     | social | 4    | yes  | eid signing, prefill registry, exchange, external, email, always, responsive, statement, declared 3 (mismatch), target 3, 600/600, 400/380, 50 kr |
/// | planned   | social | (3)  |      | status planned |
/// | old       | bygg   | (2)  |      | status retired |
const ORGANISATION: &str = r#"
trappa: 1
organisation:
  name: Testby kommun
year: 2014
departments:
  - id: kultur
    name: Kultur
  - id: bygg
    name: Bygg
  - id: social
    name: Social
services:
  - id: info
    name: Information om biblioteket
    department: kultur
    declared_step: information
    evidence:
      submission: none
    access:
      hours: always
      mobile: responsive
      accessibility_statement: https://example.se/tillganglighet
  - id: booking
    name: Boka lokal
    department: kultur
    declared_step: information
    target_step: interaction
    evidence:
      interactive: [booking]
      foreign_eid: true
    access:
      mobile: app
  - id: form
    name: Ansökan om bygglov (blankett)
    department: bygg
    declared_step: interaction
    target_step: transaction
    evidence:
      download_form: true
      submission: offline
      decision: post
    access:
      hours: limited
      mobile: desktop_only
      accessibility_statement: https://example.se/tillganglighet
    volumes:
      cases: 100
      digital: 0
    cost_per_case_sek: 200
    satisfaction_pct: 60
  - id: online-pw
    name: Felanmälan
    department: bygg
    evidence:
      download_form: true
      submission: online
      login: password
      decision: email
    volumes:
      digital: 50
      started: 10
      completed: 5
    cost_per_case_sek: 999
    satisfaction_pct: 90
  - id: tx
    name: Ansökan om färdtjänst
    department: social
    target_step: integration
    evidence:
      submission: online
      login: eid
      signing: eid
      foreign_eid: true
      case_tracking: portal
      decision: digital_mailbox
      prefill: identity
    access:
      hours: always
      mobile: responsive
      accessibility_statement: https://example.se/tillganglighet
    volumes:
      cases: 300
      digital: 240
      started: 250
      completed: 200
    cost_per_case_sek: 100
    satisfaction_pct: 80
  - id: integ
    name: Ansökan om försörjningsstöd
    department: social
    declared_step: transaction
    target_step: transaction
    evidence:
      submission: online
      signing: eid
      prefill: registry
      exchange: [Försäkringskassan]
      case_tracking: external
      decision: email
    access:
      hours: always
      mobile: responsive
      accessibility_statement: https://example.se/tillganglighet
    volumes:
      cases: 600
      digital: 600
      started: 400
      completed: 380
    cost_per_case_sek: 50
  - id: planned
    name: Ansökan om parkeringstillstånd
    department: social
    status: planned
    target_step: transaction
    declared_step: transaction
    evidence:
      download_form: true
      submission: online
      login: eid
      foreign_eid: true
      case_tracking: portal
      decision: email
      prefill: registry
    access:
      hours: always
      mobile: responsive
    volumes:
      cases: 100000
      digital: 100000
      started: 100000
      completed: 1
    cost_per_case_sek: 1000000
    satisfaction_pct: 0
  - id: old
    name: Gammal blankett
    department: bygg
    status: retired
    declared_step: information
    target_step: integration
    evidence:
      download_form: true
      submission: offline
      foreign_eid: true
    access:
      hours: always
      mobile: app
    volumes:
      cases: 100000
      digital: 0
    cost_per_case_sek: 1000000
    satisfaction_pct: 0
"#;

#[test]
fn every_indicator_on_a_small_organisation() {
    let inv = inventory(ORGANISATION);
    let values = compute(&classify_inventory(&inv));
    assert_all_finite(&values);

    // Every indicator but the four that need a previous year, in catalogue order.
    let ids: Vec<&str> = values.iter().map(|v| v.id.id()).collect();
    let expected_ids: Vec<&str> = Indicator::ALL
        .iter()
        .filter(|id| !id.requires_previous())
        .map(|id| id.id())
        .collect();
    assert_eq!(ids, expected_ids);

    // live: info, booking, form, online-pw, tx, integ = 6
    assert_count(&values, "services", 6.0);
    // step >= 2: booking, form, online-pw, tx, integ = 5
    assert_count(&values, "e_services", 5.0);
    // step 1: info = 1 of 6
    assert_ratio(&values, "step_1_share", 1.0, 6.0);
    // step 2: booking, form, online-pw = 3 of 6
    assert_ratio(&values, "step_2_share", 3.0, 6.0);
    // step 3: tx = 1 of 6
    assert_ratio(&values, "step_3_share", 1.0, 6.0);
    // step 4: integ = 1 of 6
    assert_ratio(&values, "step_4_share", 1.0, 6.0);
    // step >= 3: tx, integ = 2 of 6
    assert_ratio(&values, "transaction_share", 2.0, 6.0);
    // step 4: integ = 1 of 6
    assert_ratio(&values, "integration_share", 1.0, 6.0);
    // (1 + 2 + 2 + 2 + 3 + 4) / 6 = 14/6 ≈ 2.333
    assert_ratio(&values, "mean_step", 14.0, 6.0);
    // with a target: booking (2 ≥ 2 yes), form (2 ≥ 3 no), tx (3 ≥ 4 no), integ (4 ≥ 3 yes) = 2 of 4
    assert_ratio(&values, "at_target_share", 2.0, 4.0);
    // declared ≠ derived: booking (1 vs 2), integ (3 vs 4); info and form agree; the others declare nothing
    assert_count(&values, "declared_mismatches", 2.0);
    // case services: form, online-pw, tx, integ = 4; e-ID: tx (login), integ (signing) = 2 of 4
    assert_ratio(&values, "eid_share", 2.0, 4.0);
    // foreign e-ID: tx = 1 of 4 (booking accepts it too, but is no case service)
    assert_ratio(&values, "foreign_eid_share", 1.0, 4.0);
    // tracking: tx (portal), integ (external) = 2 of 4
    assert_ratio(&values, "case_tracking_share", 2.0, 4.0);
    // digital decision: online-pw (email), tx (digital_mailbox), integ (email) = 3 of 4; form (post) is not
    assert_ratio(&values, "digital_decision_share", 3.0, 4.0);
    // prefill registry: integ = 1 of 4 (tx prefills identity only)
    assert_ratio(&values, "prefill_registry_share", 1.0, 4.0);
    // always open: info, tx, integ = 3 of 6 live
    assert_ratio(&values, "always_open_share", 3.0, 6.0);
    // step ≥ 2 with a statement: form, tx, integ = 3 of 5 (info has one too but is step 1)
    assert_ratio(&values, "accessibility_statement_share", 3.0, 5.0);
    // responsive or app: info, booking, tx, integ = 4 of 6 (form is desktop_only, online-pw unknown)
    assert_ratio(&values, "mobile_share", 4.0, 6.0);
    // PDF form without online submission: form only (online-pw's form can also be sent online;
    // old is retired)
    assert_count(&values, "pdf_forms", 1.0);
    // reporting cases and digital: form 0/100, tx 240/300, integ 600/600 → 840/1000 = 0.84
    // (online-pw reports digital without cases and is left out)
    assert_ratio(&values, "digital_uptake", 840.0, 1000.0);
    // case services with cases: form, tx, integ = 3 of 4
    assert_ratio(&values, "volume_coverage", 3.0, 4.0);
    // started and completed: online-pw 5/10, tx 200/250, integ 380/400 → 585/660
    assert_ratio(&values, "completion_rate", 585.0, 660.0);
    // cost × cases: form 200×100 + tx 100×300 + integ 50×600 = 20000 + 30000 + 30000 = 80000;
    // cases 100 + 300 + 600 = 1000 → 80 kr (online-pw's 999 kr has no cases and is left out)
    assert_ratio(&values, "cost_per_case_sek", 80000.0, 1000.0);
    // satisfaction × cases: form 60×100 + tx 80×300 = 6000 + 24000 = 30000; cases 100 + 300 = 400 → 75 %
    // (integ reports no satisfaction, online-pw no cases)
    assert_ratio(&values, "satisfaction_pct", 30000.0, 400.0);
}

#[test]
fn empty_denominators_are_no_data() {
    // Two information pages: live services, but no case service and no e-service.
    let inv = inventory(
        r#"
trappa: 1
organisation: { name: Testby kommun }
year: 2014
services:
  - id: a
    name: Sida A
    access: { hours: always }
  - id: b
    name: Sida B
"#,
    );
    let values = compute(&classify_inventory(&inv));
    assert_all_finite(&values);
    assert_count(&values, "services", 2.0);
    assert_count(&values, "e_services", 0.0);
    // Live services exist, so live shares are real numbers: 0 of 2 is 0, not "no data".
    assert_ratio(&values, "transaction_share", 0.0, 2.0);
    assert_eq!(get(&values, "transaction_share").value, Some(0.0));
    assert_ratio(&values, "always_open_share", 1.0, 2.0);
    // (1 + 1) / 2
    assert_ratio(&values, "mean_step", 2.0, 2.0);
    // No case service: 0/0 is no data, never 0.
    for id in [
        "eid_share",
        "foreign_eid_share",
        "case_tracking_share",
        "digital_decision_share",
        "prefill_registry_share",
        "volume_coverage",
    ] {
        assert_eq!(
            get(&values, id),
            &IndicatorValue {
                id: get(&values, id).id,
                value: None,
                numerator: Some(0.0),
                denominator: Some(0.0),
            },
            "{id}"
        );
    }
    // No service reports volumes, cost or satisfaction: the sums are empty.
    for id in [
        "digital_uptake",
        "completion_rate",
        "cost_per_case_sek",
        "satisfaction_pct",
    ] {
        assert_ratio(&values, id, 0.0, 0.0);
    }
    // No e-service, no target: no data.
    assert_ratio(&values, "accessibility_statement_share", 0.0, 0.0);
    assert_ratio(&values, "at_target_share", 0.0, 0.0);
}

#[test]
fn reported_volumes_that_sum_to_zero_are_no_data() {
    // A case service that reports 0 cases (0 digital) and 0 started (0 completed).
    let inv = inventory(
        r#"
trappa: 1
organisation: { name: Testby kommun }
year: 2014
services:
  - id: a
    name: Ny e-tjänst
    evidence: { submission: online }
    volumes: { cases: 0, digital: 0, started: 0, completed: 0 }
    cost_per_case_sek: 120
    satisfaction_pct: 70
"#,
    );
    let values = compute(&classify_inventory(&inv));
    assert_all_finite(&values);
    // The service reports cases, so coverage is 1 of 1 ...
    assert_ratio(&values, "volume_coverage", 1.0, 1.0);
    // ... but Σ cases = 0 and Σ started = 0: no data, never NaN (0/0) or 0.
    for id in [
        "digital_uptake",
        "completion_rate",
        "cost_per_case_sek", // 120 × 0 / 0
        "satisfaction_pct",  // 70 × 0 / 0
    ] {
        assert_ratio(&values, id, 0.0, 0.0);
        assert_eq!(get(&values, id).value, None, "{id}");
    }
}

#[test]
fn no_live_services_gives_counts_of_zero_and_no_shares() {
    for yaml in [
        // services: [] (W106, still valid)
        "trappa: 1\norganisation: { name: Testby kommun }\nyear: 2014\nservices: []\n",
        // only planned and retired services
        r#"
trappa: 1
organisation: { name: Testby kommun }
year: 2014
services:
  - id: a
    name: Planerad
    status: planned
    target_step: transaction
    evidence: { submission: online, login: eid }
    volumes: { cases: 10, digital: 10 }
  - id: b
    name: Avvecklad
    status: retired
    declared_step: information
    evidence: { download_form: true, submission: offline }
"#,
    ] {
        let inv = inventory(yaml);
        let values = compute(&classify_inventory(&inv));
        assert_all_finite(&values);
        assert_count(&values, "services", 0.0);
        assert_count(&values, "e_services", 0.0);
        assert_count(&values, "declared_mismatches", 0.0);
        assert_count(&values, "pdf_forms", 0.0);
        // mean step of nothing: 0/0
        assert_ratio(&values, "mean_step", 0.0, 0.0);
        // every ratio is no data
        for v in &values {
            if v.denominator.is_some() {
                assert_eq!(v.value, None, "{v:?}");
                assert_eq!(
                    (v.numerator, v.denominator),
                    (Some(0.0), Some(0.0)),
                    "{v:?}"
                );
            }
        }
    }
}

#[test]
fn planned_and_retired_services_are_left_out() {
    // The fixture without its planned and retired services gives the same numbers.
    let all = inventory(ORGANISATION);
    let mut live_only = all.clone();
    live_only.services.retain(|s| s.is_live());
    assert_eq!(live_only.services.len(), 6);
    let values = compute(&classify_inventory(&all));
    assert_eq!(values, compute(&classify_inventory(&live_only)));

    // Spot checks against what leaking would give:
    // services 6 (not 8); pdf_forms 1 (not 2 with `old`);
    // digital uptake 840/1000 (not 100840/201000 with `planned` and `old`).
    assert_count(&values, "services", 6.0);
    assert_count(&values, "pdf_forms", 1.0);
    assert_ratio(&values, "digital_uptake", 840.0, 1000.0);
    // `old` declares step 1 while deriving 2, `planned` declares 3 and derives 3: neither counts.
    assert_count(&values, "declared_mismatches", 2.0);
}

#[test]
fn one_department_at_a_time() {
    let inv = inventory(ORGANISATION);

    // kultur: info (step 1) and booking (step 2); no case service at all.
    let kultur = compute(&department(&inv, "kultur"));
    assert_all_finite(&kultur);
    assert_count(&kultur, "services", 2.0);
    assert_count(&kultur, "e_services", 1.0);
    assert_ratio(&kultur, "step_1_share", 1.0, 2.0);
    assert_ratio(&kultur, "step_2_share", 1.0, 2.0);
    // no service at step 3: a real 0 of 2, not "no data"
    assert_ratio(&kultur, "step_3_share", 0.0, 2.0);
    assert_eq!(get(&kultur, "step_3_share").value, Some(0.0));
    assert_ratio(&kultur, "transaction_share", 0.0, 2.0);
    // (1 + 2) / 2 = 1.5
    assert_ratio(&kultur, "mean_step", 3.0, 2.0);
    // booking: target 2, at 2
    assert_ratio(&kultur, "at_target_share", 1.0, 1.0);
    // booking declares 1, derives 2
    assert_count(&kultur, "declared_mismatches", 1.0);
    // no case services: no data
    assert_ratio(&kultur, "eid_share", 0.0, 0.0);
    assert_ratio(&kultur, "foreign_eid_share", 0.0, 0.0);
    assert_ratio(&kultur, "volume_coverage", 0.0, 0.0);
    assert_ratio(&kultur, "digital_uptake", 0.0, 0.0);
    assert_ratio(&kultur, "cost_per_case_sek", 0.0, 0.0);
    // booking is the only e-service and has no statement: 0 of 1
    assert_ratio(&kultur, "accessibility_statement_share", 0.0, 1.0);
    assert_count(&kultur, "pdf_forms", 0.0);

    // social: tx (3) and integ (4) live; `planned` left out.
    let social = compute(&department(&inv, "social"));
    assert_count(&social, "services", 2.0);
    assert_ratio(&social, "step_1_share", 0.0, 2.0);
    assert_ratio(&social, "transaction_share", 2.0, 2.0);
    // (3 + 4) / 2
    assert_ratio(&social, "mean_step", 7.0, 2.0);
    // tx: e-ID login, integ: e-ID signing
    assert_ratio(&social, "eid_share", 2.0, 2.0);
    // 240 + 600 over 300 + 600
    assert_ratio(&social, "digital_uptake", 840.0, 900.0);
    // (100×300 + 50×600) / (300 + 600) = 60000 / 900
    assert_ratio(&social, "cost_per_case_sek", 60000.0, 900.0);
    // only tx reports satisfaction: 80×300 / 300
    assert_ratio(&social, "satisfaction_pct", 24000.0, 300.0);

    // bygg: form (2) and online-pw (2) live; `old` left out. No service has a target it meets
    // and no service is always open.
    let bygg = compute(&department(&inv, "bygg"));
    assert_count(&bygg, "services", 2.0);
    assert_ratio(&bygg, "at_target_share", 0.0, 1.0);
    assert_ratio(&bygg, "always_open_share", 0.0, 2.0);
    assert_ratio(&bygg, "eid_share", 0.0, 2.0);
    // form 0/100 (online-pw reports no cases)
    assert_ratio(&bygg, "digital_uptake", 0.0, 100.0);
    assert_eq!(get(&bygg, "digital_uptake").value, Some(0.0));

    // A department name no service has: nothing live, counts 0, ratios no data.
    let none = compute(&department(&inv, "miljo"));
    assert_count(&none, "services", 0.0);
    assert_ratio(&none, "mean_step", 0.0, 0.0);
}

#[test]
fn digital_uptake_is_volume_weighted_not_a_mean_of_shares() {
    let inv = inventory(
        r#"
trappa: 1
organisation: { name: Testby kommun }
year: 2014
services:
  - id: small
    name: Liten tjänst
    evidence: { submission: online }
    volumes: { cases: 10, digital: 10 }
  - id: large
    name: Stor tjänst
    evidence: { submission: offline }
    volumes: { cases: 990, digital: 0 }
"#,
    );
    let values = compute(&classify_inventory(&inv));
    // (10 + 0) / (10 + 990) = 10/1000 = 0.01; the mean of shares (1.0 + 0.0) / 2 = 0.5 is wrong.
    assert_ratio(&values, "digital_uptake", 10.0, 1000.0);
    let uptake = get(&values, "digital_uptake").value.unwrap();
    assert!((uptake - 0.01).abs() <= TOLERANCE, "{uptake}");
    assert!((uptake - 0.5).abs() > 0.1);
}

#[test]
fn cost_and_satisfaction_are_case_weighted() {
    let inv = inventory(
        r#"
trappa: 1
organisation: { name: Testby kommun }
year: 2014
services:
  - id: a
    name: Tjänst A
    evidence: { submission: online }
    volumes: { cases: 1 }
    cost_per_case_sek: 100
    satisfaction_pct: 100
  - id: b
    name: Tjänst B
    evidence: { submission: offline }
    volumes: { cases: 9 }
    cost_per_case_sek: 1000
    satisfaction_pct: 50
  - id: c
    name: Tjänst C, nöjdhet utan kostnad
    evidence: { submission: offline }
    volumes: { cases: 90 }
    satisfaction_pct: 10
  - id: d
    name: Tjänst D, kostnad utan ärenden
    evidence: { submission: offline }
    cost_per_case_sek: 5000
    satisfaction_pct: 0
"#,
    );
    let values = compute(&classify_inventory(&inv));
    // cost: a 100×1 + b 1000×9 = 9100 over 1 + 9 = 10 cases → 910 kr
    // (c has no cost, d no cases; the unweighted mean (100 + 1000) / 2 = 550 would be wrong)
    assert_ratio(&values, "cost_per_case_sek", 9100.0, 10.0);
    // satisfaction: a 100×1 + b 50×9 + c 10×90 = 100 + 450 + 900 = 1450 over 1 + 9 + 90 = 100 → 14.5 %
    // (d has no cases; the unweighted mean (100 + 50 + 10) / 3 ≈ 53.3 would be wrong)
    assert_ratio(&values, "satisfaction_pct", 1450.0, 100.0);
}

/// Last year's inventory. `z-gone` comes before `a-retired` so the retired
/// list shows file order, not alphabetical order.
const PREVIOUS: &str = r#"
trappa: 1
organisation: { name: Testby kommun }
year: 2013
services:
  - id: same
    name: Oförändrad
    evidence: { download_form: true }
  - id: up
    name: Uppåt
    evidence: { submission: online, login: password }
  - id: down
    name: Nedåt
    evidence: { submission: online, login: eid }
  - id: z-gone
    name: Borttagen
    evidence: { download_form: true }
  - id: a-retired
    name: Avvecklad i år
    evidence: { submission: offline }
  - id: planned-now-live
    name: Planerad i fjol
    status: planned
    evidence: { submission: online, login: eid }
  - id: planned-gone
    name: Planerad, sedan struken
    status: planned
  - id: planned-now-retired
    name: Planerad, sedan avvecklad
    status: planned
  - id: live-now-planned
    name: I drift i fjol, nu planerad om
  - id: retired-now-live
    name: Avvecklad i fjol, nu i drift igen
    status: retired
  - id: long-retired
    name: Avvecklad sedan länge
    status: retired
"#;

const CURRENT: &str = r#"
trappa: 1
organisation: { name: Testby kommun }
year: 2014
services:
  - id: zeta-new
    name: Ny tjänst Z
    evidence: { submission: offline }
  - id: same
    name: Oförändrad
    evidence: { download_form: true }
  - id: down
    name: Nedåt
    evidence: { submission: online, login: password }
  - id: up
    name: Uppåt
    evidence: { submission: online, login: eid }
  - id: a-retired
    name: Avvecklad i år
    status: retired
    evidence: { submission: offline }
  - id: planned-now-live
    name: Planerad i fjol
    evidence: { submission: online, login: eid }
  - id: planned-now-retired
    name: Planerad, sedan avvecklad
    status: retired
  - id: live-now-planned
    name: I drift i fjol, nu planerad om
    status: planned
  - id: retired-now-live
    name: Avvecklad i fjol, nu i drift igen
  - id: long-retired
    name: Avvecklad sedan länge
    status: retired
  - id: new-planned
    name: Ny men planerad
    status: planned
  - id: alpha-new
    name: Ny tjänst A
"#;

#[test]
fn changes_since_the_previous_inventory() {
    let previous = inventory(PREVIOUS);
    let current = inventory(CURRENT);
    let c = changes(
        &classify_inventory(&current),
        &classify_inventory(&previous),
    );
    assert_eq!(
        c,
        Changes {
            // live now, id absent last year, in current file order; `new-planned` is not live;
            // `planned-now-live` and `retired-now-live` had their ids in last year's file.
            new: vec!["zeta-new".into(), "alpha-new".into()],
            // live last year: gone from the file, or status retired now; previous file order.
            // `planned-gone` and `planned-now-retired` never were live; `live-now-planned`
            // is planned, not retired; `long-retired` was already retired.
            retired: vec!["z-gone".into(), "a-retired".into()],
            // online + password (2) → online + e-ID (3)
            stepped_up: vec![StepChange {
                id: "up".into(),
                from: Step::Interaction,
                to: Step::Transaction,
            }],
            // online + e-ID (3) → online + password (2)
            stepped_down: vec![StepChange {
                id: "down".into(),
                from: Step::Transaction,
                to: Step::Interaction,
            }],
        }
    );

    let values = change_values(&c);
    let ids: Vec<&str> = values.iter().map(|v| v.id.id()).collect();
    assert_eq!(
        ids,
        [
            "new_services",
            "retired_services",
            "stepped_up",
            "stepped_down"
        ]
    );
    assert_count(&values, "new_services", 2.0);
    assert_count(&values, "retired_services", 2.0);
    assert_count(&values, "stepped_up", 1.0);
    assert_count(&values, "stepped_down", 1.0);
}

#[test]
fn an_inventory_compared_with_itself_has_no_changes() {
    let current = inventory(CURRENT);
    let classified = classify_inventory(&current);
    let c = changes(&classified, &classified);
    assert_eq!(c, Changes::default());
    for v in change_values(&c) {
        assert_eq!(v.value, Some(0.0), "{v:?}");
    }
}

#[test]
fn everything_is_new_against_an_empty_previous_inventory() {
    let current = inventory(CURRENT);
    let c = changes(&classify_inventory(&current), &[]);
    // live in CURRENT, in file order
    assert_eq!(
        c.new,
        [
            "zeta-new",
            "same",
            "down",
            "up",
            "planned-now-live",
            "retired-now-live",
            "alpha-new"
        ]
    );
    assert!(c.retired.is_empty() && c.stepped_up.is_empty() && c.stepped_down.is_empty());

    // and everything live is retired when the new file is empty
    let previous = inventory(PREVIOUS);
    let c = changes(&[], &classify_inventory(&previous));
    assert_eq!(
        c.retired,
        [
            "same",
            "up",
            "down",
            "z-gone",
            "a-retired",
            "live-now-planned"
        ]
    );
    assert!(c.new.is_empty());
}

#[test]
fn indicator_values_serialise_no_data_as_null() {
    let inv = inventory("trappa: 1\norganisation: { name: T }\nyear: 2014\nservices: []\n");
    let values = compute(&classify_inventory(&inv));
    let json = serde_json::to_value(get(&values, "eid_share")).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"id": "eid_share", "value": null, "numerator": 0.0, "denominator": 0.0})
    );
}
