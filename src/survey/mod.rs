//! `survey`: many organisations at once, in the manner of Statskontoret's
//! and SKL's national surveys of e-services — one inventory per
//! organisation (its latest year, or the year asked for).
//!
//! Built to stream like `compare`: each inventory becomes its small
//! [`Organisation`] on a worker thread and is dropped there; the survey's
//! figures are computed from those summaries alone ([`Survey::new`]).
//!
//! Every share keeps its numerator and denominator ([`Share`]); an empty
//! denominator is "no data", never 0. The headline indicators are given
//! two ways, each labelled: *pooled* (Σ numerators / Σ denominators over
//! every organisation, so every service weighs the same and a large
//! municipality weighs more) and the *median of organisations* (each
//! organisation's own value, the middle one: every organisation weighs
//! the same; organisations without data for an indicator are left out of
//! its median, and their number is said).

pub mod index;

use crate::classified::classify_inventory;
use crate::compare::collation_key;
use crate::indicators::compute;
use crate::inventory::model::{
    Inventory, Mobile, OrganisationKey, OrganisationKind, Prefill, Submission, Vocabulary,
};
use crate::inventory::{Indicator, Step};
use crate::municipalities;
use std::collections::BTreeMap;

/// The headline indicators of the survey, in order.
pub const HEADLINE: [Indicator; 7] = [
    Indicator::TransactionShare,
    Indicator::MeanStep,
    Indicator::EidShare,
    Indicator::CaseTrackingShare,
    Indicator::DigitalDecisionShare,
    Indicator::DigitalUptake,
    Indicator::AccessibilityStatementShare,
];

/// What the national surveys asked of each organisation: does it have at
/// least one live service with this?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// `evidence.download_form`
    DownloadForm,
    /// `evidence.submission: online`
    OnlineSubmission,
    /// e-ID login or signing
    Eid,
    /// `evidence.case_tracking` portal or external
    CaseTracking,
    /// the decision by e-mail, portal or digital mailbox
    DigitalDecision,
    /// `access.mobile: app`
    App,
}

impl Feature {
    pub const ALL: [Feature; 6] = [
        Feature::DownloadForm,
        Feature::OnlineSubmission,
        Feature::Eid,
        Feature::CaseTracking,
        Feature::DigitalDecision,
        Feature::App,
    ];

    /// The stable id (JSON keys, the words `survey.feature.<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Feature::DownloadForm => "download_form",
            Feature::OnlineSubmission => "online_submission",
            Feature::Eid => "eid",
            Feature::CaseTracking => "case_tracking",
            Feature::DigitalDecision => "digital_decision",
            Feature::App => "app",
        }
    }
}

/// `part` of `whole`; no value when `whole` is 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Share {
    pub part: f64,
    pub whole: f64,
}

impl Share {
    pub fn of(part: usize, whole: usize) -> Share {
        Share {
            part: part as f64,
            whole: whole as f64,
        }
    }

    pub fn value(self) -> Option<f64> {
        (self.whole != 0.0)
            .then(|| self.part / self.whole)
            .filter(|v| v.is_finite())
    }
}

/// A county (län), from SCB's table.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct County {
    pub code: String,
    pub name: String,
}

/// One organisation as the survey needs it: small, so thousands fit.
#[derive(Clone, Debug, PartialEq)]
pub struct Organisation {
    pub name: String,
    pub code: Option<String>,
    pub kind: OrganisationKind,
    pub year: i32,
    pub file: String,
    /// A municipality's county by its code, a region's by its own code;
    /// none for agencies and companies (and a code SCB does not know).
    pub county: Option<County>,
    /// Live services.
    pub services: usize,
    /// Live services at step 2 or higher.
    pub e_services: usize,
    /// Whether at least one live service is at each step (1–4).
    pub at_step: [bool; 4],
    /// Whether at least one live service has each [`Feature`].
    pub features: [bool; Feature::ALL.len()],
    /// The [`HEADLINE`] indicators: numerator, denominator, value.
    pub headline: [Ratio; HEADLINE.len()],
    /// Each service type the organisation offers (live services), with the
    /// highest step it reached with it, by type id.
    pub types: BTreeMap<String, Step>,
    /// Registry prefill in at least one live case service (an index point).
    pub prefill_registry: bool,
    /// Live services that are PDF forms (`pdf_forms`).
    pub pdf_forms: usize,
    /// Live services that take cases.
    pub case_services: usize,
}

/// An indicator's value with its two sides, as `indicators::compute` gave it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ratio {
    pub numerator: f64,
    pub denominator: f64,
    pub value: Option<f64>,
}

impl Organisation {
    /// The summary of one checked inventory (no errors).
    pub fn of(file: &str, inventory: &Inventory) -> Organisation {
        let classified = classify_inventory(inventory);
        let values = compute::compute(&classified);
        let ratio = |id: Indicator| {
            values
                .iter()
                .find(|v| v.id == id)
                .map(|v| Ratio {
                    numerator: v.numerator.unwrap_or(0.0),
                    denominator: v.denominator.unwrap_or(0.0),
                    value: v.value,
                })
                .unwrap_or_default()
        };
        let live: Vec<_> = classified.iter().filter(|c| c.service.is_live()).collect();
        let any =
            |f: &dyn Fn(&crate::classified::ClassifiedService) -> bool| live.iter().any(|c| f(c));
        let mut at_step = [false; 4];
        let mut types: BTreeMap<String, Step> = BTreeMap::new();
        for c in &live {
            at_step[usize::from(c.classification.step.number()) - 1] = true;
            if let Some(t) = &c.service.service_type {
                let best = types.entry(t.clone()).or_insert(c.classification.step);
                *best = (*best).max(c.classification.step);
            }
        }
        let features = Feature::ALL.map(|f| {
            any(&|c| {
                let e = &c.service.evidence;
                match f {
                    Feature::DownloadForm => e.download_form,
                    Feature::OnlineSubmission => e.submission == Submission::Online,
                    Feature::Eid => e.uses_eid(),
                    Feature::CaseTracking => e.tracks_cases(),
                    Feature::DigitalDecision => e.decides_digitally(),
                    Feature::App => c.service.access.mobile == Some(Mobile::App),
                }
            })
        });
        let organisation = &inventory.organisation;
        Organisation {
            name: organisation.name.clone(),
            code: organisation.code.clone(),
            kind: organisation.kind,
            year: inventory.year,
            file: file.to_string(),
            county: county_of(organisation.kind, organisation.code.as_deref()),
            services: live.len(),
            e_services: live
                .iter()
                .filter(|c| c.classification.step >= Step::Interaction)
                .count(),
            at_step,
            features,
            headline: HEADLINE.map(ratio),
            types,
            prefill_registry: any(&|c| {
                c.service.evidence.takes_cases() && c.service.evidence.prefill == Prefill::Registry
            }),
            pdf_forms: live
                .iter()
                .filter(|c| c.service.evidence.is_pdf_form())
                .count(),
            case_services: live
                .iter()
                .filter(|c| c.service.evidence.takes_cases())
                .count(),
        }
    }

    pub fn has(&self, feature: Feature) -> bool {
        let i = Feature::ALL.iter().position(|f| *f == feature).unwrap_or(0);
        self.features[i]
    }

    pub fn headline(&self, id: Indicator) -> Ratio {
        HEADLINE
            .iter()
            .position(|h| *h == id)
            .map(|i| self.headline[i])
            .unwrap_or_default()
    }

    /// The index points (0–14) by [`index::points`].
    pub fn score(&self) -> u8 {
        index::score(self)
    }
}

fn county_of(kind: OrganisationKind, code: Option<&str>) -> Option<County> {
    let code = code?.trim();
    let found = match kind {
        OrganisationKind::Municipality => municipalities::by_code(code),
        OrganisationKind::Region => municipalities::all().iter().find(|m| m.county_code == code),
        _ => None,
    }?;
    Some(County {
        code: found.county_code.to_string(),
        name: found.county_name.to_string(),
    })
}

/// Minimum, quartiles, median and maximum of a list of numbers.
///
/// Quartiles by linear interpolation between the closest ranks (the rule of
/// Excel's QUARTILE.INC and LibreOffice's QUARTILE, R's type 7): with the
/// values sorted x₀ ≤ … ≤ xₙ₋₁, the p-quantile sits at h = (n − 1)·p and is
/// x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). The median is the 0.5-quantile, the
/// usual median. None for an empty list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

impl Spread {
    pub fn of(values: &[f64]) -> Option<Spread> {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Some(Spread {
            min: *sorted.first()?,
            q1: quantile(&sorted, 0.25)?,
            median: quantile(&sorted, 0.5)?,
            q3: quantile(&sorted, 0.75)?,
            max: *sorted.last()?,
        })
    }
}

/// The p-quantile of sorted values (see [`Spread`]).
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * p;
    let below = h.floor() as usize;
    let above = (below + 1).min(last);
    Some(sorted[below] + (h - below as f64) * (sorted[above] - sorted[below]))
}

/// The median of some values; None for none.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    quantile(&sorted, 0.5)
}

/// A headline indicator both ways.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Headline {
    pub id: Indicator,
    /// Σ numerators / Σ denominators over every organisation.
    pub pooled: Share,
    /// The median of the organisations' own values.
    pub median: Option<f64>,
    /// How many organisations have a value (the median's denominator).
    pub with_data: usize,
}

/// A county's organisations (municipalities and the region).
#[derive(Clone, Debug, PartialEq)]
pub struct CountyRow {
    pub county: County,
    pub organisations: usize,
    /// Organisations with at least one e-service.
    pub with_e_services: Share,
    pub median_e_services: Option<f64>,
    /// The headline, pooled over the county's services.
    pub transaction_share: Share,
    pub median_score: Option<f64>,
}

/// A service type: how many organisations offer it and how far they got.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeRow {
    pub id: String,
    pub organisations: usize,
    /// Of the organisations offering it, how many reached each step (1–4)
    /// at best with it.
    pub at_step: [usize; 4],
}

impl TypeRow {
    /// The share of the organisations offering the type whose best
    /// service of it is at `step`.
    pub fn share_at(&self, step: Step) -> Share {
        Share::of(
            self.at_step[usize::from(step.number()) - 1],
            self.organisations,
        )
    }
}

/// The survey: the organisations and every figure made from them.
#[derive(Clone, Debug, PartialEq)]
pub struct Survey {
    /// The year asked for (`--year`), or None for each one's latest.
    pub year: Option<i32>,
    /// In Swedish alphabetical order (then code).
    pub organisations: Vec<Organisation>,
    /// Inventories read but not surveyed: an earlier year of an
    /// organisation, or (with `--year`) another year.
    pub left_out: usize,
}

impl Survey {
    /// Keeps each organisation's latest inventory (or those of `year`),
    /// and sorts them.
    pub fn new(read: Vec<Organisation>, year: Option<i32>) -> Survey {
        let total = read.len();
        let mut kept: Vec<(OrganisationKey, Organisation)> = Vec::new();
        for o in read {
            if year.is_some_and(|y| y != o.year) {
                continue;
            }
            let key = OrganisationKey::new(o.code.as_deref(), &o.name);
            match kept.iter().position(|(k, _)| k.same(&key)) {
                Some(i) if kept[i].1.year < o.year => kept[i] = (key, o),
                Some(_) => {}
                None => kept.push((key, o)),
            }
        }
        let mut kept: Vec<Organisation> = kept.into_iter().map(|(_, o)| o).collect();
        kept.sort_by(|a, b| {
            collation_key(&a.name)
                .cmp(&collation_key(&b.name))
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.code.cmp(&b.code))
        });
        Survey {
            year,
            left_out: total - kept.len(),
            organisations: kept,
        }
    }

    pub fn len(&self) -> usize {
        self.organisations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.organisations.is_empty()
    }

    /// The organisations of each kind, in the vocabulary's order.
    pub fn kinds(&self) -> Vec<(OrganisationKind, usize)> {
        OrganisationKind::ALL
            .iter()
            .map(|k| {
                (
                    *k,
                    self.organisations.iter().filter(|o| o.kind == *k).count(),
                )
            })
            .collect()
    }

    /// The share of organisations with at least one live service at each step.
    pub fn at_step(&self) -> [Share; 4] {
        [0, 1, 2, 3].map(|i| {
            Share::of(
                self.organisations.iter().filter(|o| o.at_step[i]).count(),
                self.len(),
            )
        })
    }

    pub fn feature(&self, feature: Feature) -> Share {
        Share::of(
            self.organisations.iter().filter(|o| o.has(feature)).count(),
            self.len(),
        )
    }

    /// The share of organisations with at least one e-service (step ≥ 2).
    pub fn with_e_services(&self) -> Share {
        Share::of(
            self.organisations
                .iter()
                .filter(|o| o.e_services > 0)
                .count(),
            self.len(),
        )
    }

    /// E-services per organisation.
    pub fn e_services(&self) -> Option<Spread> {
        let counts: Vec<f64> = self
            .organisations
            .iter()
            .map(|o| o.e_services as f64)
            .collect();
        Spread::of(&counts)
    }

    /// The organisations with no e-service at all.
    pub fn without_e_services(&self) -> Vec<&Organisation> {
        self.organisations
            .iter()
            .filter(|o| o.e_services == 0)
            .collect()
    }

    pub fn headlines(&self) -> Vec<Headline> {
        HEADLINE
            .iter()
            .map(|id| {
                let ratios: Vec<Ratio> =
                    self.organisations.iter().map(|o| o.headline(*id)).collect();
                let values: Vec<f64> = ratios.iter().filter_map(|r| r.value).collect();
                Headline {
                    id: *id,
                    pooled: Share {
                        part: ratios.iter().map(|r| r.numerator).sum(),
                        whole: ratios.iter().map(|r| r.denominator).sum(),
                    },
                    median: median(&values),
                    with_data: values.len(),
                }
            })
            .collect()
    }

    /// Each county with at least one organisation, by county code.
    pub fn counties(&self) -> Vec<CountyRow> {
        let mut by_county: BTreeMap<&County, Vec<&Organisation>> = BTreeMap::new();
        for o in &self.organisations {
            if let Some(county) = &o.county {
                by_county.entry(county).or_default().push(o);
            }
        }
        by_county
            .into_iter()
            .map(|(county, members)| {
                let e: Vec<f64> = members.iter().map(|o| o.e_services as f64).collect();
                let scores: Vec<f64> = members.iter().map(|o| f64::from(o.score())).collect();
                let transaction: Vec<Ratio> = members
                    .iter()
                    .map(|o| o.headline(Indicator::TransactionShare))
                    .collect();
                CountyRow {
                    county: county.clone(),
                    organisations: members.len(),
                    with_e_services: Share::of(
                        members.iter().filter(|o| o.e_services > 0).count(),
                        members.len(),
                    ),
                    median_e_services: median(&e),
                    transaction_share: Share {
                        part: transaction.iter().map(|r| r.numerator).sum(),
                        whole: transaction.iter().map(|r| r.denominator).sum(),
                    },
                    median_score: median(&scores),
                }
            })
            .collect()
    }

    /// Every service type offered by at least one organisation: most
    /// organisations first, then by id.
    pub fn types(&self) -> Vec<TypeRow> {
        let mut rows: BTreeMap<&str, TypeRow> = BTreeMap::new();
        for o in &self.organisations {
            for (id, step) in &o.types {
                let row = rows.entry(id).or_insert_with(|| TypeRow {
                    id: id.clone(),
                    organisations: 0,
                    at_step: [0; 4],
                });
                row.organisations += 1;
                row.at_step[usize::from(step.number()) - 1] += 1;
            }
        }
        let mut rows: Vec<TypeRow> = rows.into_values().collect();
        rows.sort_by(|a, b| {
            b.organisations
                .cmp(&a.organisations)
                .then_with(|| a.id.cmp(&b.id))
        });
        rows
    }

    /// The organisations in each rank group 0–14 (the group is the score).
    pub fn groups(&self) -> [Vec<&Organisation>; index::GROUPS] {
        let mut groups: [Vec<&Organisation>; index::GROUPS] = Default::default();
        for o in &self.organisations {
            groups[usize::from(o.score())].push(o);
        }
        groups
    }
}
