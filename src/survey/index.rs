//! The survey's index: 14 criteria on the evidence, one point each, so an
//! organisation scores 0–14 and its rank group is its score — the 15 rank
//! groups of SKL's survey of municipal e-services (2014), built here from
//! what an inventory shows rather than from a questionnaire.
//!
//! Why these: four points for breadth (SKL counted 0–140 e-services per
//! municipality; the thresholds 1, 10, 25, 50 spread today's range), three
//! for depth on Statskontoret's ladder (services that are transactions,
//! and any integration), and one each for the features the national
//! surveys asked about and the follow-up's indicators measure: e-ID, case
//! tracking, a digital decision, data fetched from registers, an app,
//! accessibility statements, and no PDF forms left to replace.

use super::{Feature, Organisation};
use crate::inventory::Indicator;

/// Rank groups 0–14.
pub const GROUPS: usize = 15;

/// One point of the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Criterion {
    /// At least 1 e-service (a live service at step ≥ 2).
    EServices1,
    /// At least 10 e-services.
    EServices10,
    /// At least 25 e-services.
    EServices25,
    /// At least 50 e-services.
    EServices50,
    /// At least a quarter of the live services at step ≥ 3.
    Transaction25,
    /// At least half of the live services at step ≥ 3.
    Transaction50,
    /// A live service at step 4.
    Integration,
    /// A live service with e-ID login or signing.
    Eid,
    /// A live service whose cases can be followed online.
    CaseTracking,
    /// A live service whose decision comes digitally.
    DigitalDecision,
    /// A live case service that fetches data from a register.
    PrefillRegistry,
    /// A live service with an app.
    App,
    /// Accessibility statements for at least 90 % of the e-services.
    AccessibilityStatements,
    /// Services that take cases, and none of them a PDF form.
    NoPdfForms,
}

impl Criterion {
    pub const ALL: [Criterion; GROUPS - 1] = [
        Criterion::EServices1,
        Criterion::EServices10,
        Criterion::EServices25,
        Criterion::EServices50,
        Criterion::Transaction25,
        Criterion::Transaction50,
        Criterion::Integration,
        Criterion::Eid,
        Criterion::CaseTracking,
        Criterion::DigitalDecision,
        Criterion::PrefillRegistry,
        Criterion::App,
        Criterion::AccessibilityStatements,
        Criterion::NoPdfForms,
    ];

    /// The stable id (JSON, the words `survey.criterion.<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Criterion::EServices1 => "e_services_1",
            Criterion::EServices10 => "e_services_10",
            Criterion::EServices25 => "e_services_25",
            Criterion::EServices50 => "e_services_50",
            Criterion::Transaction25 => "transaction_25",
            Criterion::Transaction50 => "transaction_50",
            Criterion::Integration => "integration",
            Criterion::Eid => "eid",
            Criterion::CaseTracking => "case_tracking",
            Criterion::DigitalDecision => "digital_decision",
            Criterion::PrefillRegistry => "prefill_registry",
            Criterion::App => "app",
            Criterion::AccessibilityStatements => "accessibility_statements",
            Criterion::NoPdfForms => "no_pdf_forms",
        }
    }

    /// Whether the organisation meets the criterion. A share without data
    /// (no live services, no e-services) meets no threshold.
    pub fn met(self, o: &Organisation) -> bool {
        let share = |id: Indicator| o.headline(id).value;
        let transaction = share(Indicator::TransactionShare);
        match self {
            Criterion::EServices1 => o.e_services >= 1,
            Criterion::EServices10 => o.e_services >= 10,
            Criterion::EServices25 => o.e_services >= 25,
            Criterion::EServices50 => o.e_services >= 50,
            Criterion::Transaction25 => transaction.is_some_and(|t| t >= 0.25),
            Criterion::Transaction50 => transaction.is_some_and(|t| t >= 0.5),
            Criterion::Integration => o.at_step[3],
            Criterion::Eid => o.has(Feature::Eid),
            Criterion::CaseTracking => o.has(Feature::CaseTracking),
            Criterion::DigitalDecision => o.has(Feature::DigitalDecision),
            Criterion::PrefillRegistry => o.prefill_registry,
            Criterion::App => o.has(Feature::App),
            Criterion::AccessibilityStatements => {
                share(Indicator::AccessibilityStatementShare).is_some_and(|s| s >= 0.9)
            }
            Criterion::NoPdfForms => o.case_services > 0 && o.pdf_forms == 0,
        }
    }
}

/// The criteria the organisation meets, in order.
pub fn points(o: &Organisation) -> Vec<Criterion> {
    Criterion::ALL.into_iter().filter(|c| c.met(o)).collect()
}

/// The organisation's score, 0–14: its rank group.
pub fn score(o: &Organisation) -> u8 {
    // At most 14 criteria: the count fits.
    Criterion::ALL.iter().filter(|c| c.met(o)).count() as u8
}
