//! `trappa plan`: minimality against an exhaustive search over every set of
//! changes, the hand-made cases of issue 15, and apply → report/check.
//!
//! The oracle here shares only the catalogue's moves (`Move::applies`,
//! `Move::make`) with the plan: validity is `check::check` on the changed
//! model, the cap is the ladder's step against `target_step`, and "met" is
//! `report::build`'s status — not the search's rows, options or bounds.

use proptest::prelude::*;
use trappa::check;
use trappa::diagnostic::{Findings, Severity};
use trappa::inventory::Document;
use trappa::inventory::model::{Inventory, Service};
use trappa::inventory::source::Source;
use trappa::inventory::targets::TargetsFile;
use trappa::ladder;
use trappa::pipeline::check_source;
use trappa::plan::{self, Kind, Move, Plan};
use trappa::report::{self, targets::TargetStatus};

/// The inventory of a YAML text, which must have no errors.
pub fn inventory(text: &str) -> Inventory {
    let checked = check_source(Source {
        name: "test.yaml".into(),
        text: text.into(),
    });
    assert!(!checked.has_errors(), "{text}\n{:?}", checked.diagnostics);
    checked.inventory().unwrap().clone()
}

pub fn targets(text: &str) -> TargetsFile {
    let checked = check_source(Source {
        name: "targets.yaml".into(),
        text: text.into(),
    });
    match checked.document {
        Some(Document::Targets(t)) if !checked.has_errors() => t,
        _ => panic!("{text}\n{:?}", checked.diagnostics),
    }
}

fn has_errors(inventory: &Inventory) -> bool {
    let mut findings = Findings::new();
    check::check("x.yaml", inventory, &mut findings);
    findings
        .into_sorted("x.yaml")
        .iter()
        .any(|d| d.severity == Severity::Error)
}

/// Whether every target the plan means to meet is met in `inventory`,
/// by the report's own statuses.
fn meets(inventory: &Inventory, targets: &TargetsFile, plan: &Plan) -> bool {
    let built = report::build(inventory, None, Some(targets)).unwrap();
    plan.targets.iter().zip(&built.targets).all(|(line, row)| {
        line.kind != Kind::Plannable || line.unreachable || row.status == TargetStatus::Met
    })
}

/// Is there a valid set of fewer than `size` changes that meets the plan's
/// targets? Tries every set of (live service, move) pairs, smallest first.
fn smaller_plan_exists(
    inventory: &Inventory,
    targets: &TargetsFile,
    plan: &Plan,
    size: usize,
) -> bool {
    let pairs: Vec<(usize, Move)> = inventory
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_live())
        .flat_map(|(i, s)| {
            Move::ALL
                .into_iter()
                .filter(|m| m.applies(s))
                .map(move |m| (i, m))
        })
        .collect();
    fn walk(
        pairs: &[(usize, Move)],
        from: usize,
        left: usize,
        current: &mut Inventory,
        original: &Inventory,
        targets: &TargetsFile,
        plan: &Plan,
    ) -> bool {
        if valid(current, original) && meets(current, targets, plan) {
            return true;
        }
        if left == 0 {
            return false;
        }
        for at in from..pairs.len() {
            let (i, m) = pairs[at];
            let kept = current.services[i].clone();
            m.make(&mut current.services[i], plan::PLACEHOLDER_URL);
            let found = walk(pairs, at + 1, left - 1, current, original, targets, plan);
            current.services[i] = kept;
            if found {
                return true;
            }
        }
        false
    }
    let mut current = inventory.clone();
    size > 0 && walk(&pairs, 0, size - 1, &mut current, inventory, targets, plan)
}

/// No error, and no service above its cap: its `target_step`, or where it
/// was when it had none or was above it.
fn valid(changed: &Inventory, original: &Inventory) -> bool {
    !has_errors(changed)
        && changed
            .services
            .iter()
            .zip(&original.services)
            .all(|(a, b)| {
                let before = ladder::classify(&b.evidence).step;
                let after = ladder::classify(&a.evidence).step;
                after <= b.target_step.map_or(before, |t| t.max(before))
            })
}

fn applied(plan: &Plan, inventory: &Inventory) -> Inventory {
    let mut out = inventory.clone();
    for change in &plan.changes {
        let s: &mut Service = out
            .services
            .iter_mut()
            .find(|s| s.id == change.service)
            .unwrap();
        change.what.make(s, plan::PLACEHOLDER_URL);
    }
    out
}

/// The plan is valid, meets what it means to meet, and no smaller one does.
fn assert_minimal(inventory: &Inventory, targets: &TargetsFile) -> Plan {
    let plan = plan::build(inventory, None, targets).unwrap();
    assert!(plan.proven, "the search ran out of budget on a small case");
    let after = applied(&plan, inventory);
    assert_eq!(after, plan.after, "the changes listed are the changes made");
    assert!(
        valid(&after, inventory),
        "the plan makes an invalid inventory"
    );
    assert!(
        meets(&after, targets, &plan),
        "the plan does not meet its targets"
    );
    for line in &plan.targets {
        if line.kind == Kind::Plannable && !line.unreachable {
            assert!(line.met_after(), "{:?} not met after", line.indicator);
        }
    }
    // The oracle tries every set of changes, which grows as (pairs choose
    // size): plans of up to EXHAUSTIVE changes are checked in full.
    if plan.size() <= EXHAUSTIVE {
        assert!(
            !smaller_plan_exists(inventory, targets, &plan, plan.size()),
            "a plan with fewer than {} changes meets the targets",
            plan.size()
        );
    }
    plan
}

/// `--apply` writes the plan into the text: read back, it has no error,
/// every target the plan means to meet is met by the report's statuses,
/// and every line of the original is still there but those edited.
fn assert_applies(text: &str, inventory: &Inventory, targets: &TargetsFile, plan: &Plan) {
    let Ok(url) = plan::apply::statement_url(inventory, plan) else {
        // Refused only when the plan publishes a statement and the
        // services share no one address for it.
        assert!(
            plan.changes
                .iter()
                .any(|c| c.what == Move::AccessibilityStatement)
        );
        let urls: std::collections::BTreeSet<_> = inventory
            .services
            .iter()
            .filter_map(|s| s.access.accessibility_statement.as_ref())
            .collect();
        assert_ne!(urls.len(), 1);
        return;
    };
    let written = plan::apply::apply("x.yaml", text, inventory, plan, url.as_deref(), "SCENARIO")
        .unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    assert!(written.starts_with("# SCENARIO\n"));
    let read = check_source(Source {
        name: "scenario.yaml".into(),
        text: written.clone(),
    });
    assert!(!read.has_errors(), "{written}\n{:?}", read.diagnostics);
    assert!(meets(read.inventory().unwrap(), targets, plan), "{written}");
    // The original's lines, in order (the longest common subsequence),
    // with at most one per change replaced.
    let a: Vec<&str> = text.lines().collect();
    let b: Vec<&str> = written.lines().skip(1).collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let kept = lcs[0][0];
    assert!(
        text.lines().count() - kept <= plan.size(),
        "more lines changed than changes made:\n{written}"
    );
}

/// The largest plan whose minimality the oracle checks by trying every
/// smaller set of changes.
const EXHAUSTIVE: usize = 4;

// ---------------------------------------------------------------- generated

const INDICATORS: &[(&str, &[&str], bool)] = &[
    // id, target values, direction down
    ("transaction_share", &["0.3", "0.5", "0.7"], false),
    ("eid_share", &["0.5", "0.75", "1.0"], false),
    ("case_tracking_share", &["0.5", "0.8"], false),
    ("always_open_share", &["0.6", "1.0"], false),
    ("accessibility_statement_share", &["0.8", "1.0"], false),
    ("pdf_forms", &["0", "1"], true),
    ("e_services", &["3", "5"], false),
    ("mean_step", &["2.0", "2.5"], false),
    ("step_1_share", &["0.2", "0.0"], true),
    ("foreign_eid_share", &["0.5"], false),
    ("digital_decision_share", &["0.5", "1.0"], false),
    ("integration_share", &["0.2"], false),
    ("mobile_share", &["0.8"], false),
    ("at_target_share", &["0.6", "1.0"], false),
];

prop_compose! {
    fn service_yaml(i: usize)(
        live in prop::bool::weighted(0.85),
        department in 0..2usize,
        target in 0..5usize,
        submission in 0..3usize,
        login in 0..3usize,
        eid_signing in any::<bool>(),
        form in any::<bool>(),
        tracking in any::<bool>(),
        decision in 0..3usize,
        registry in prop::bool::weighted(0.2),
        foreign in prop::bool::weighted(0.3),
        anonymous in prop::bool::weighted(0.2),
        hours in 0..3usize,
        mobile in 0..3usize,
        statement in any::<bool>(),
        cases in prop::option::of(0..5000u64),
    ) -> String {
        let submission = ["none", "offline", "online"][submission];
        let login = ["none", "password", "eid"][login];
        let anonymous = anonymous && login != "eid";
        let signing = if eid_signing && submission == "online" { "eid" } else { "none" };
        let tracking = if tracking && submission != "none" { "portal" } else { "none" };
        let mut y = format!("  - id: s{i}\n    name: Tjänst {i}\n    department: d{department}\n");
        if !live { y.push_str("    status: planned\n"); }
        if target > 0 { y.push_str(&format!("    target_step: {target}\n")); }
        y.push_str(&format!(
            "    evidence:\n      submission: {submission}\n      login: {login}\n      signing: {signing}\n      download_form: {form}\n      case_tracking: {tracking}\n      prefill: {}\n      foreign_eid: {foreign}\n      anonymous: {anonymous}\n",
            if registry { "registry" } else { "none" }
        ));
        if decision > 0 { y.push_str(&format!("      decision: {}\n", ["", "post", "portal"][decision])); }
        y.push_str("    access:\n");
        if hours > 0 { y.push_str(&format!("      hours: {}\n", ["", "limited", "always"][hours])); }
        if mobile > 0 { y.push_str(&format!("      mobile: {}\n", ["", "desktop_only", "responsive"][mobile])); }
        if statement { y.push_str("      accessibility_statement: https://kommun.se/tillganglighet\n"); }
        if let Some(c) = cases { y.push_str(&format!("    volumes:\n      cases: {c}\n")); }
        y
    }
}

fn inventory_yaml(services: Vec<String>) -> String {
    let mut y = String::from(
        "trappa: 1\norganisation:\n  name: Provkommun\n  code: \"1287\"\nyear: 2024\ndepartments:\n  - id: d0\n    name: Nämnd 0\n  - id: d1\n    name: Nämnd 1\nservices:\n",
    );
    if services.is_empty() {
        y.push_str("  []\n");
    }
    for s in services {
        y.push_str(&s);
    }
    y
}

prop_compose! {
    fn target_yaml()(which in 0..INDICATORS.len(), value in 0..3usize, department in prop::bool::weighted(0.3)) -> String {
        let (id, values, down) = INDICATORS[which];
        let mut y = format!("  - indicator: {id}\n    target: {}\n    by: 2025\n", values[value % values.len()]);
        if down { y.push_str("    direction: down\n"); }
        if department { y.push_str("    department: d0\n"); }
        y
    }
}

fn services() -> impl Strategy<Value = Vec<String>> {
    (1..=8usize).prop_flat_map(|n| (0..n).map(service_yaml).collect::<Vec<_>>())
}

/// No set of fewer changes meets the targets the plan meets, and the plan
/// meets them, without error and within every cap. Enough of the cases
/// must have a plan small enough for the oracle, or the test proves little.
#[test]
fn the_plan_is_minimal() {
    use proptest::test_runner::{Config, TestRunner};
    let mut runner = TestRunner::new(Config {
        cases: 32,
        ..Config::default()
    });
    let checked = std::cell::Cell::new(0);
    let strategy = (services(), prop::collection::vec(target_yaml(), 1..=3));
    runner
        .run(&strategy, |(services, wanted)| {
            let text = inventory_yaml(services);
            let inventory = inventory(&text);
            let targets = targets(&format!("trappa-targets: 1\ntargets:\n{}", wanted.concat()));
            let plan = assert_minimal(&inventory, &targets);
            assert_applies(&text, &inventory, &targets, &plan);
            if (1..=EXHAUSTIVE).contains(&plan.size()) {
                checked.set(checked.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    assert!(
        checked.get() >= 4,
        "only {} plans were checked in full",
        checked.get()
    );
}

// ---------------------------------------------------------------- by hand

const HAND: &str = "trappa: 1
organisation: { name: Handkommun, code: \"1287\" }
year: 2024
departments:
  - { id: bygg, name: Byggnadsnämnden }
  - { id: social, name: Socialnämnden }
services:
  - id: bygglov
    name: Bygglov
    department: bygg
    target_step: 3
    evidence: { submission: offline, download_form: true }
    volumes: { cases: 900 }
  - id: forskola
    name: Förskola
    department: social
    target_step: 3
    evidence: { submission: online, login: password }
    access: { accessibility_statement: https://kommun.se/tg }
    volumes: { cases: 400 }
  - id: felanmalan
    name: Felanmälan
    department: bygg
    target_step: 3
    evidence: { submission: online, anonymous: true }
    access: { accessibility_statement: https://kommun.se/tg }
    volumes: { cases: 2000 }
  - id: info
    name: Information
    department: social
    evidence: { submission: none }
";

fn hand(targets_yaml: &str) -> Plan {
    let targets = targets_of(targets_yaml);
    assert_minimal(&inventory(HAND), &targets)
}

fn moves(plan: &Plan) -> Vec<String> {
    plan.changes
        .iter()
        .map(|c| format!("{}:{}", c.service, c.what.id()))
        .collect()
}

#[test]
fn a_target_already_met_needs_an_empty_plan() {
    let plan = hand("  - { indicator: e_services, target: 3, by: 2025 }\n");
    assert!(plan.changes.is_empty());
    assert!(plan.targets[0].met_after());
}

#[test]
fn an_unreachable_target_is_named_with_how_far_the_plan_gets() {
    // felanmalan is anonymous (no e-ID login) and cannot sign online with
    // e-ID... it can: signing needs no login. `info` has no target step, so
    // it may not leave step 1: at most 3 of 4 services reach step 3.
    let plan = hand("  - { indicator: transaction_share, target: 1.0, by: 2025 }\n");
    let line = &plan.targets[0];
    assert!(line.unreachable);
    assert!(!line.met_after());
    assert_eq!(line.now, Some(0.0));
    assert_eq!(
        line.after,
        Some(0.0),
        "out of reach: nothing is planned for it"
    );
}

#[test]
fn a_department_target_changes_only_its_department() {
    // Bygg's transaction share 1.0: bygglov (online + e-ID signing, since
    // it has no e-ID login... either of two moves gives e-ID) and
    // felanmalan (anonymous: e-ID signing, not login). 2 + 1 = 3 changes.
    let plan =
        hand("  - { indicator: transaction_share, target: 1.0, by: 2025, department: bygg }\n");
    assert!(
        plan.changes
            .iter()
            .all(|c| c.department.as_deref() == Some("bygg"))
    );
    assert_eq!(
        moves(&plan),
        // In the inventory's order; a service's changes in the catalogue's.
        [
            "bygglov:online_submission",
            "bygglov:eid_login",
            "felanmalan:eid_signing"
        ]
    );
    assert!(plan.targets[0].met_after());
}

#[test]
fn direction_down_replaces_pdf_forms() {
    // bygglov is a PDF form (download, offline): online submission ends it.
    let plan = hand("  - { indicator: pdf_forms, target: 0, by: 2025, direction: down }\n");
    assert_eq!(moves(&plan), ["bygglov:online_submission"]);
    assert_eq!(plan.targets[0].now, Some(1.0));
    assert_eq!(plan.targets[0].after, Some(0.0));
}

#[test]
fn one_change_serves_two_targets() {
    // forskola's e-ID login lifts both the e-ID share (1 of 3 case
    // services → needs 1/3) and the transaction share (1 of 4 → 0.25).
    let plan = hand(
        "  - { indicator: eid_share, target: 0.3, by: 2025 }\n  - { indicator: transaction_share, target: 0.25, by: 2025 }\n",
    );
    assert_eq!(plan.size(), 1);
    assert_eq!(plan.changes[0].serves, vec![0, 1]);
}

#[test]
fn among_plans_of_one_size_the_most_cases_go_first() {
    // Case tracking 0.5 of the three case services: two changes, on the
    // two with the most cases (felanmalan 2000, bygglov 900; not forskola 400).
    let plan = hand("  - { indicator: case_tracking_share, target: 0.5, by: 2025 }\n");
    assert_eq!(
        moves(&plan),
        ["bygglov:portal_tracking", "felanmalan:portal_tracking"]
    );
    assert_eq!(plan.targets[0].after, Some(2.0 / 3.0));
}

#[test]
fn a_moving_denominator_is_counted() {
    // `ny` starts taking cases to reach step 3, so it joins the case
    // services: tracking falls from 1 of 2 (met) to 1 of 3 unless one more
    // service tracks its cases. 2 changes for the step, 1 for tracking.
    let inventory = inventory(
        "trappa: 1
organisation: { name: Handkommun, code: \"1287\" }
year: 2024
services:
  - id: klar
    name: Klar
    target_step: 3
    evidence: { submission: online, login: eid, case_tracking: portal }
  - id: blankett
    name: Blankett
    target_step: 2
    evidence: { submission: offline }
    volumes: { cases: 10 }
  - id: ny
    name: Ny
    target_step: 3
    volumes: { cases: 5 }
",
    );
    let targets = targets(
        "trappa-targets: 1
targets:
  - { indicator: case_tracking_share, target: 0.5, by: 2025 }
  - { indicator: transaction_share, target: 0.6, by: 2025 }
",
    );
    let plan = assert_minimal(&inventory, &targets);
    assert_eq!(plan.targets[0].now, Some(0.5));
    assert_eq!(plan.size(), 3);
    assert_eq!(
        moves(&plan),
        [
            "blankett:portal_tracking",
            "ny:online_submission",
            "ny:eid_login"
        ]
    );
    assert_eq!(plan.targets[0].after, Some(2.0 / 3.0));
    assert!(plan.targets.iter().all(|t| t.met_after()));
}

/// Each example inventory, planned against the council's targets (less
/// the accessibility statement, whose two addresses `--apply` cannot choose
/// between): the applied scenario meets every plannable target the plan
/// means to meet, and `check` finds no error in it.
#[test]
fn apply_then_report_meets_the_targets_of_the_examples() {
    let full = std::fs::read_to_string("examples/targets-trelleborg.yaml").unwrap();
    let start = full
        .find("  - indicator: accessibility_statement_share")
        .unwrap();
    let end = full.find("  - indicator: digital_uptake").unwrap();
    let without = format!("{}{}", &full[..start], &full[end..]);
    for year in 2012..=2015 {
        let path = format!("examples/trelleborg-{year}.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        let inventory = inventory(&text);
        for targets_text in [&full, &without] {
            let targets = targets(targets_text);
            let plan = plan::build(&inventory, None, &targets).unwrap();
            assert!(plan.proven, "{path}");
            if targets_text == &without {
                assert_applies(&text, &inventory, &targets, &plan);
            }
        }
    }
}

/// The hand-made inventory is written in both block and one-line (flow)
/// style: `--apply` edits both.
#[test]
fn apply_edits_block_and_one_line_styles() {
    let text = std::fs::read_to_string("tests/fixtures/plan/provby-2024.yaml").unwrap();
    let inventory = inventory(&text);
    let targets =
        targets(&std::fs::read_to_string("tests/fixtures/plan/targets-provby.yaml").unwrap());
    let plan = plan::build(&inventory, None, &targets).unwrap();
    assert_eq!(plan.size(), 6);
    assert_applies(&text, &inventory, &targets, &plan);
    let hand = inventory_of_hand();
    let targets = targets_of(
        "  - { indicator: transaction_share, target: 1.0, by: 2025, department: bygg }\n",
    );
    let plan = plan::build(&hand, None, &targets).unwrap();
    assert_applies(HAND, &hand, &targets, &plan);
}

fn inventory_of_hand() -> Inventory {
    inventory(HAND)
}

fn targets_of(list: &str) -> TargetsFile {
    targets(&format!("trappa-targets: 1\ntargets:\n{list}"))
}

/// The table of which moves can move which indicator (it leaves moves no
/// target can feel out of the search) holds for every pair of moves on
/// every generated service, counted by `compute` itself.
#[test]
fn every_move_moves_only_the_indicators_the_table_names() {
    use proptest::test_runner::{Config, TestRunner};
    use trappa::classified::ClassifiedService;
    use trappa::indicators::compute::compute;
    let values = |s: &Service| {
        let c = [ClassifiedService {
            service: s,
            classification: ladder::classify(&s.evidence),
        }];
        compute(&c)
    };
    let mut runner = TestRunner::new(Config {
        cases: 64,
        ..Config::default()
    });
    runner
        .run(&service_yaml(0), |yaml| {
            let inventory = inventory(&inventory_yaml(vec![yaml]));
            let s = &inventory.services[0];
            for other in Move::ALL.into_iter().map(Some).chain([None]) {
                let mut base = s.clone();
                if let Some(o) = other {
                    o.make(&mut base, plan::PLACEHOLDER_URL);
                }
                for m in Move::ALL {
                    let mut changed = base.clone();
                    m.make(&mut changed, plan::PLACEHOLDER_URL);
                    for (before, after) in values(&base).iter().zip(values(&changed).iter()) {
                        if before != after && Kind::of(before.id) == Kind::Plannable {
                            assert!(plan::may_move(m, before.id), "{m:?} moves {}", before.id);
                        }
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}

/// The page: the report's page around the plan, every name escaped, no script.
#[test]
fn the_html_page_escapes_names_and_has_no_script() {
    let text = std::fs::read_to_string("tests/fixtures/plan/provby-2024.yaml")
        .unwrap()
        .replace("name: Felanmälan", "name: \"<script>alert(1)</script>\"");
    let inventory = inventory(&text);
    let targets =
        targets(&std::fs::read_to_string("tests/fixtures/plan/targets-provby.yaml").unwrap());
    let plan = plan::build(&inventory, None, &targets).unwrap();
    for lang in trappa::i18n::Lang::ALL {
        let page = trappa::render::plan::html::render(&plan, lang);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains(&format!("<html lang=\"{}\">", lang.code())));
        assert!(!page.contains("<script"), "a name became markup");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; (felanmalan)"));
        // Every department with changes has its table, every target its row.
        assert_eq!(page.matches("<table ").count(), 3);
        assert!(page.contains("Provby kommun 2024"));
    }
}

/// A file of the generated national corpus (`gen_corpus --orgs 290
/// --services 140 --years 1 --seed 1`, Dorotea) whose plan the search with
/// rounding cuts alone could not prove within its budget (lower bound 124):
/// with the Gomory cuts the root's bound is the plan's size, 125 changes,
/// which is the optimum HiGHS finds for the same integer program.
#[test]
fn a_corpus_file_the_rounding_cuts_left_unproven_is_proven_at_its_optimum() {
    let text = std::fs::read_to_string("tests/fixtures/plan/corpus-dorotea-2025.yaml").unwrap();
    let targets =
        targets(&std::fs::read_to_string("tests/fixtures/plan/targets-bench.yaml").unwrap());
    let inventory = inventory(&text);
    let plan = plan::build(&inventory, None, &targets).unwrap();
    assert!(plan.proven);
    assert_eq!(plan.size(), 125);
    assert_eq!(plan.lower_bound, 125);
    assert!(meets(&plan.after, &targets, &plan));
}
