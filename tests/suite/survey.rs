//! `survey` over the shipped example `examples/survey/` (six organisations
//! and an earlier year of one), every figure computed by hand in the
//! comments, and the rank groups and pooled/median at their edges.

use crate::helpers::valid;
use trappa::inventory::model::OrganisationKind;
use trappa::inventory::{Indicator, Step};
use trappa::survey::index::{Criterion, GROUPS};
use trappa::survey::{Feature, Organisation, Share, Spread, Survey, quantile};

const CORPUS: [&str; 7] = [
    "examples/survey/ale-2023.yaml",
    "examples/survey/ale-2024.yaml",
    "examples/survey/alingsas-2024.yaml",
    "examples/survey/bjurholm-2024.yaml",
    "examples/survey/bolagsverket-2024.yaml",
    "examples/survey/kumla-2024.yaml",
    "examples/survey/region-vasterbotten-2024.yaml",
];

fn organisation(path: &str) -> Organisation {
    let checked = valid(path);
    Organisation::of(path, checked.valid_inventory().unwrap())
}

fn survey(year: Option<i32>) -> Survey {
    Survey::new(CORPUS.iter().map(|p| organisation(p)).collect(), year)
}

/// A county's row: code, organisations, with e-services, median
/// e-services, step ≥ 3 pooled, median score.
type CountyFigures<'a> = (
    &'a str,
    usize,
    (f64, f64),
    Option<f64>,
    (f64, f64),
    Option<f64>,
);

fn share(s: Share) -> (f64, f64) {
    (s.part, s.whole)
}

fn near(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-12)
}

#[test]
fn the_example_survey_checked_by_hand() {
    let s = survey(None);
    // The latest year of each: Ale's 2023 is left out.
    let names: Vec<&str> = s.organisations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Ale kommun",
            "Alingsås kommun",
            "Bjurholms kommun",
            "Bolagsverket",
            "Kumla kommun",
            "Region Västerbotten"
        ]
    );
    assert_eq!(s.organisations[0].year, 2024);
    assert_eq!(s.left_out, 1);

    // Four municipalities, a region, an agency, no company.
    assert_eq!(
        s.kinds(),
        [
            (OrganisationKind::Municipality, 4),
            (OrganisationKind::Region, 1),
            (OrganisationKind::Agency, 1),
            (OrganisationKind::Company, 0)
        ]
    );

    // Steps of the live services: Ale 3,4,2,1; Alingsås 2,3,2; Bjurholm 1
    // (its bygglov is planned); Bolagsverket 4; the region 3,3;
    // Kumla 2,2. At least one at step 1: Ale, Bjurholm; step 2: Ale,
    // Alingsås, Kumla; step 3: Ale, Alingsås, the region; step 4:
    // Ale, Bolagsverket. Each of six organisations.
    let at = s.at_step().map(share);
    assert_eq!(at, [(2.0, 6.0), (3.0, 6.0), (3.0, 6.0), (2.0, 6.0)]);

    // Forms: Alingsås; online: all but Bjurholm; e-ID: Ale, Alingsås,
    // Bolagsverket, the region; tracking, digital decision and an app:
    // Ale and the region.
    let features: Vec<(f64, f64)> = Feature::ALL.iter().map(|f| share(s.feature(*f))).collect();
    assert_eq!(
        features,
        [
            (1.0, 6.0),
            (5.0, 6.0),
            (4.0, 6.0),
            (2.0, 6.0),
            (2.0, 6.0),
            (2.0, 6.0)
        ]
    );

    // E-services per organisation: 3, 3, 0, 1, 2, 2 → sorted 0 1 2 2 3 3.
    // q1 at h = 5 × 0.25 = 1.25: 1 + 0.25 × (2 − 1) = 1.25; median at 2.5:
    // 2; q3 at 3.75: 2 + 0.75 × (3 − 2) = 2.75.
    assert_eq!(
        s.e_services(),
        Some(Spread {
            min: 0.0,
            q1: 1.25,
            median: 2.0,
            q3: 2.75,
            max: 3.0
        })
    );
    assert_eq!(share(s.with_e_services()), (5.0, 6.0));
    let none: Vec<&str> = s
        .without_e_services()
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(none, ["Bjurholms kommun"]);

    let headline = |id: Indicator| *s.headlines().iter().find(|h| h.id == id).unwrap();
    // transaction_share: 2/4, 1/3, 0/1, 1/1, 2/2, 0/2. Pooled 6/13; the
    // median of 0, 0, 1/3, 1/2, 1, 1 is (1/3 + 1/2)/2 = 5/12.
    let t = headline(Indicator::TransactionShare);
    assert_eq!(share(t.pooled), (6.0, 13.0));
    assert!(near(t.median, 5.0 / 12.0), "{:?}", t.median);
    assert_eq!(t.with_data, 6);
    // mean_step: step sums 10, 7, 1, 4, 6, 4 over 4, 3, 1, 1, 2, 2
    // services: pooled 32/13; the median of 1, 2, 7/3, 2.5, 3, 4 is
    // (7/3 + 5/2)/2 = 29/12.
    let m = headline(Indicator::MeanStep);
    assert_eq!(share(m.pooled), (32.0, 13.0));
    assert!(near(m.median, 29.0 / 12.0));
    // eid_share over case services: 2/3, 1/2, none (Bjurholm has no case
    // service), 1/1, 2/2, 0/1: pooled 6/9, median of five 2/3.
    let e = headline(Indicator::EidShare);
    assert_eq!(share(e.pooled), (6.0, 9.0));
    assert!(near(e.median, 2.0 / 3.0));
    assert_eq!(e.with_data, 5);
    // Tracking and digital decision: 1/3, 0/2, 0/1, 1/2, 0/1: pooled 2/9,
    // median 0.
    for id in [
        Indicator::CaseTrackingShare,
        Indicator::DigitalDecisionShare,
    ] {
        let h = headline(id);
        assert_eq!(share(h.pooled), (2.0, 9.0), "{id:?}");
        assert!(near(h.median, 0.0), "{id:?}");
    }
    // digital_uptake: 290/350, 90/180, none, 9000/10000, 2400/4000,
    // 30/300: pooled 11 810/14 830; median of .1, .5, .6, .83, .9 = .6.
    let u = headline(Indicator::DigitalUptake);
    assert_eq!(share(u.pooled), (11810.0, 14830.0));
    assert!(near(u.median, 0.6));
    // Statements on e-services: 3/3, 2/3, none, 1/1, 2/2, 1/2: pooled
    // 9/11, median 1.
    let a = headline(Indicator::AccessibilityStatementShare);
    assert_eq!(share(a.pooled), (9.0, 11.0));
    assert!(near(a.median, 1.0));

    // Scores (criteria in order):
    // Ale: ≥1 e-service, ≥25 % and ≥50 % at step 3+, step 4, e-ID,
    // tracking, decision, registry prefill, app, statements 3/3, no PDF
    // form = 11. Alingsås: ≥1, ≥25 % (1/3), e-ID = 3 (a PDF form, 2/3
    // statements). Bjurholm: 0 (no case service: no "no PDF forms" point).
    // Bolagsverket: ≥1, 25 %, 50 %, step 4, e-ID, statements, no PDF = 7.
    // The region: ≥1, 25 %, 50 %, e-ID, tracking, decision, app,
    // statements, no PDF = 9. Kumla: ≥1, no PDF = 2.
    let scores: Vec<u8> = s.organisations.iter().map(Organisation::score).collect();
    assert_eq!(scores, [11, 3, 0, 7, 2, 9]);
    let groups = s.groups();
    let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
    assert_eq!(sizes, [1, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0]);
    assert_eq!(groups[11][0].name, "Ale kommun");

    // Counties: Kumla in Örebro län (18); Ale and Alingsås in Västra
    // Götaland (14); Bjurholm and the region in Västerbotten (24); the
    // agency in none.
    let counties = s.counties();
    let rows: Vec<CountyFigures> = counties
        .iter()
        .map(|c| {
            (
                c.county.code.as_str(),
                c.organisations,
                share(c.with_e_services),
                c.median_e_services,
                share(c.transaction_share),
                c.median_score,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("14", 2, (2.0, 2.0), Some(3.0), (3.0, 7.0), Some(7.0)),
            ("18", 1, (1.0, 1.0), Some(2.0), (0.0, 2.0), Some(2.0)),
            ("24", 2, (1.0, 2.0), Some(1.0), (2.0, 3.0), Some(4.5)),
        ]
    );
    assert_eq!(counties[2].county.name, "Västerbottens län");

    // Types, by the best step each organisation reached with them:
    // bygglov Ale 3, Alingsås 2, Kumla 2 (Bjurholm's is planned);
    // felanmalan 2, 2; förskola Ale 4, Alingsås 3; one each of the rest.
    let type_rows = s.types();
    let types: Vec<(&str, usize, [usize; 4])> = type_rows
        .iter()
        .map(|t| (t.id.as_str(), t.organisations, t.at_step))
        .collect();
    assert_eq!(
        types,
        [
            ("bygglov", 3, [0, 2, 1, 0]),
            ("felanmalan", 2, [0, 2, 0, 0]),
            ("forskoleansokan", 2, [0, 0, 1, 1]),
            ("e-bocker", 1, [0, 1, 0, 0]),
            ("tidbokning-vard", 1, [0, 0, 1, 0]),
            ("vardcentral-listning", 1, [0, 0, 1, 0]),
        ]
    );
    assert_eq!(share(s.types()[0].share_at(Step::Interaction)), (2.0, 3.0));
}

#[test]
fn a_year_asked_for_surveys_that_year_only() {
    let s = survey(Some(2023));
    assert_eq!(s.len(), 1);
    assert_eq!(s.organisations[0].year, 2023);
    assert_eq!(s.left_out, 6);
    assert!(survey(Some(2030)).is_empty());
}

/// The pooled value weighs services, the median organisations: one big
/// organisation all at step 3 and three small ones without any.
#[test]
fn pooled_and_median_differ_and_are_both_right() {
    let big = organisation("examples/survey/region-vasterbotten-2024.yaml");
    let small = organisation("examples/survey/kumla-2024.yaml");
    let mut read = vec![big];
    for i in 0..3 {
        let mut o = small.clone();
        o.name = format!("Liten {i}");
        o.code = None;
        read.push(o);
    }
    let s = Survey::new(read, None);
    let t = s.headlines()[0];
    assert_eq!(t.id, Indicator::TransactionShare);
    // Pooled: (2 + 0 + 0 + 0) / (2 + 2 + 2 + 2) = 1/4. Median of 1, 0, 0,
    // 0: (0 + 0)/2 = 0.
    assert_eq!(share(t.pooled), (2.0, 8.0));
    assert_eq!(t.pooled.value(), Some(0.25));
    assert_eq!(t.median, Some(0.0));
}

#[test]
fn rank_groups_at_their_edges() {
    // Fewer organisations than groups: most groups are empty, every
    // organisation is in exactly one.
    let s = survey(None);
    assert_eq!(s.groups().len(), GROUPS);
    assert_eq!(s.groups().iter().map(Vec::len).sum::<usize>(), s.len());

    // Ties: the same organisation under other names has the same score
    // and shares the group.
    let ale = organisation("examples/survey/ale-2024.yaml");
    let twins: Vec<Organisation> = (0..3)
        .map(|i| {
            let mut o = ale.clone();
            o.name = format!("Kommun {i}");
            o.code = None;
            o
        })
        .collect();
    let all_same = Survey::new(twins, None);
    let groups = all_same.groups();
    assert_eq!(groups[11].len(), 3);
    assert_eq!(groups.iter().filter(|g| !g.is_empty()).count(), 1);

    // The top and the bottom: every criterion met is 14, none is 0.
    let mut top = ale.clone();
    top.e_services = 50;
    assert_eq!(top.score(), 14);
    assert_eq!(Criterion::ALL.len(), GROUPS - 1);
    let bjurholm = organisation("examples/survey/bjurholm-2024.yaml");
    assert_eq!(bjurholm.score(), 0);
    // The breadth thresholds at their edges: 9 and 10, 24 and 25, 49 and 50.
    let mut o = ale.clone();
    for (count, breadth) in [(9, 1), (10, 2), (24, 2), (25, 3), (49, 3), (50, 4)] {
        o.e_services = count;
        let met = [
            Criterion::EServices1,
            Criterion::EServices10,
            Criterion::EServices25,
            Criterion::EServices50,
        ]
        .iter()
        .filter(|c| c.met(&o))
        .count();
        assert_eq!(met, breadth, "{count} e-services");
    }
}

#[test]
fn quartiles_interpolate_between_ranks() {
    assert_eq!(quantile(&[], 0.5), None);
    assert_eq!(quantile(&[7.0], 0.25), Some(7.0));
    // 1 2 3 4: q1 at 0.75 → 1.75, median 2.5, q3 at 2.25 → 3.25 (as
    // Excel's QUARTILE.INC gives).
    let four = [1.0, 2.0, 3.0, 4.0];
    assert_eq!(quantile(&four, 0.25), Some(1.75));
    assert_eq!(quantile(&four, 0.5), Some(2.5));
    assert_eq!(quantile(&four, 0.75), Some(3.25));
    assert_eq!(Spread::of(&[]), None);
}

// ---------------------------------------------------------------------------
// `report --peers`: the same corpus as peers.

fn with_peers(path: &str) -> trappa::report::Report {
    use trappa::report::peers::{Peer, compare};
    let checked = valid(path);
    let inventory = checked.valid_inventory().unwrap();
    let mut report = trappa::report::build(inventory, None, None).unwrap();
    let read: Vec<Peer> = CORPUS
        .iter()
        .map(|p| Peer::of(valid(p).valid_inventory().unwrap()))
        .collect();
    report.peers = compare(&report, inventory, read);
    report
}

#[test]
fn peers_checked_by_hand() {
    let report = with_peers("examples/survey/ale-2024.yaml");
    let peers = report.peers.as_ref().unwrap();
    // Five other organisations; Ale's 2023 and its own 2024 are not peers.
    assert_eq!((peers.organisations, peers.left_out), (5, 2));
    let row = |id: Indicator| peers.indicator(id).unwrap();
    // transaction_share: Ale 1/2; peers 1/3, 0, 1, 1, 0 → median 1/3;
    // two peers higher (Bolagsverket, the region): rank 3 of 6.
    let t = row(Indicator::TransactionShare);
    assert!(near(t.median, 1.0 / 3.0));
    assert_eq!((t.rank, t.ranked, t.peers_with_data), (Some(3), 6, 5));
    // eid_share: Ale 2/3; peers with case services 1/2, 1, 1, 0 → median
    // 3/4; two higher: 3 of 5.
    let e = row(Indicator::EidShare);
    assert!(near(e.median, 0.75));
    assert_eq!((e.rank, e.ranked), (Some(3), 5));
    // digital_uptake: Ale 290/350; peers .5, .9, .6, .1 → median .55;
    // one higher: 2 of 5.
    let u = row(Indicator::DigitalUptake);
    assert!(near(u.median, 0.55));
    assert_eq!((u.rank, u.ranked), (Some(2), 5));
    // pdf_forms, lower is better: Ale 0 and four peers 0 tie at 1.
    assert_eq!(row(Indicator::PdfForms).rank, Some(1));
    // services: a count with no better direction has no rank.
    assert_eq!(row(Indicator::Services).rank, None);
    assert!(near(row(Indicator::Services).median, 2.0));
    // Only the indicators that need no previous year.
    assert!(peers.indicator(Indicator::NewServices).is_none());

    // Ale's bygglov at step 3: Alingsås and Kumla offer it at step 2
    // (Bjurholm's is planned) — none further. Its förskola at step 4:
    // Alingsås at 3. felanmalan at 2: Alingsås at 2.
    let services: Vec<(&str, u8, usize, [usize; 4], usize)> = peers
        .services
        .iter()
        .map(|s| {
            (
                s.service_type.as_str(),
                s.step.number(),
                s.peers_with_type,
                s.peers_at_step,
                s.peers_further,
            )
        })
        .collect();
    assert_eq!(
        services,
        [
            ("bygglov", 3, 2, [0, 2, 0, 0], 0),
            ("forskoleansokan", 4, 1, [0, 0, 1, 0], 0),
            ("felanmalan", 2, 1, [0, 1, 0, 0], 0),
        ]
    );

    // Kumla's bygglov at step 2: Ale at 3, Alingsås at 2 → 1 of 2 further;
    // its e-books: no peer has the type.
    let kumla = with_peers("examples/survey/kumla-2024.yaml");
    let k = kumla.peers.as_ref().unwrap();
    assert_eq!(
        (k.services[0].peers_with_type, k.services[0].peers_further),
        (2, 1)
    );
    assert_eq!(k.services[1].peers_with_type, 0);
    let line = trappa::render::report::peers::service_line(&k.services[0], trappa::i18n::Lang::Sv);
    assert_eq!(
        line,
        "Ansökan om bygglov: steg 2 här; 50,0\u{a0}% av de 2 andra som har den på steg 3 eller högre"
    );
}

#[test]
fn an_organisation_is_never_its_own_peer() {
    use trappa::report::peers::{Peer, compare};
    let checked = valid("examples/survey/ale-2024.yaml");
    let inventory = checked.valid_inventory().unwrap();
    let report = trappa::report::build(inventory, None, None).unwrap();
    let own = vec![
        Peer::of(inventory),
        Peer::of(
            valid("examples/survey/ale-2023.yaml")
                .valid_inventory()
                .unwrap(),
        ),
    ];
    assert_eq!(compare(&report, inventory, own), None);
}

/// A name from an inventory is text on the survey's page, never markup.
#[test]
fn names_are_text_on_the_survey_page() {
    let mut o = organisation("examples/survey/kumla-2024.yaml");
    o.name = "<script>alert(1)</script>".into();
    let s = Survey::new(vec![o], None);
    let page = trappa::render::survey::html::render(&s, trappa::i18n::Lang::En);
    assert!(!page.contains("<script>"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}
