//! The indicators of the yearly follow-up (spec §5) as one typed catalogue:
//! each one's stable id, the kind of number it is, and which way is better.
//! A targets file names them, so they belong to the file format; how they
//! are computed is `crate::indicators`, their words are in the language
//! catalogues (`crate::i18n`).

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;
use std::borrow::Cow;

/// What kind of number an indicator is: decides formatting and target ranges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Count,
    /// 0–1, shown as a percentage.
    Share,
    /// Kronor.
    Sek,
    /// A mean step, 1–4.
    Step,
    /// 0–100 (satisfaction).
    Percent,
}

impl Unit {
    /// The unit's id, as the catalogue of words and the README name it.
    pub fn id(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Share => "share",
            Unit::Sek => "sek",
            Unit::Step => "step",
            Unit::Percent => "percent",
        }
    }
}

/// Which change of an indicator is good news, when either is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
    /// Neither direction is better (the share at step 2, the number of
    /// services): a report shows no good or bad trend.
    Neither,
}

macro_rules! indicators {
    ($($(#[$meta:meta])* $variant:ident = $id:literal, $unit:ident, $better:ident $(, $previous:ident)?;)+) => {
        /// An indicator of spec §5, in the order of the spec (which is also
        /// the order of every report and export).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Indicator {
            $($(#[$meta])* $variant),+
        }

        impl Indicator {
            pub const ALL: &'static [Indicator] = &[$(Indicator::$variant),+];

            /// The stable id (`transaction_share`).
            pub fn id(self) -> &'static str {
                match self { $(Indicator::$variant => $id),+ }
            }

            pub fn unit(self) -> Unit {
                match self { $(Indicator::$variant => Unit::$unit),+ }
            }

            pub fn better(self) -> Better {
                match self { $(Indicator::$variant => Better::$better),+ }
            }

            /// Computed only with a previous year's inventory (`--previous`).
            pub fn requires_previous(self) -> bool {
                match self { $(Indicator::$variant => indicators!(@previous $($previous)?)),+ }
            }
        }
    };
    (@previous previous) => { true };
    (@previous) => { false };
}

indicators! {
    Services = "services", Count, Neither;
    EServices = "e_services", Count, Higher;
    Step1Share = "step_1_share", Share, Lower;
    Step2Share = "step_2_share", Share, Neither;
    Step3Share = "step_3_share", Share, Neither;
    Step4Share = "step_4_share", Share, Higher;
    /// The headline: the share of live services at step 3 or higher.
    TransactionShare = "transaction_share", Share, Higher;
    IntegrationShare = "integration_share", Share, Higher;
    MeanStep = "mean_step", Step, Higher;
    AtTargetShare = "at_target_share", Share, Higher;
    DeclaredMismatches = "declared_mismatches", Count, Lower;
    EidShare = "eid_share", Share, Higher;
    ForeignEidShare = "foreign_eid_share", Share, Higher;
    CaseTrackingShare = "case_tracking_share", Share, Higher;
    DigitalDecisionShare = "digital_decision_share", Share, Higher;
    PrefillRegistryShare = "prefill_registry_share", Share, Higher;
    AlwaysOpenShare = "always_open_share", Share, Higher;
    AccessibilityStatementShare = "accessibility_statement_share", Share, Higher;
    MobileShare = "mobile_share", Share, Higher;
    PdfForms = "pdf_forms", Count, Lower;
    DigitalUptake = "digital_uptake", Share, Higher;
    VolumeCoverage = "volume_coverage", Share, Higher;
    CompletionRate = "completion_rate", Share, Higher;
    CostPerCaseSek = "cost_per_case_sek", Sek, Lower;
    SatisfactionPct = "satisfaction_pct", Percent, Higher;
    NewServices = "new_services", Count, Higher, previous;
    RetiredServices = "retired_services", Count, Neither, previous;
    SteppedUp = "stepped_up", Count, Higher, previous;
    SteppedDown = "stepped_down", Count, Lower, previous;
}

impl Indicator {
    pub fn parse(id: &str) -> Option<Indicator> {
        Indicator::ALL.iter().copied().find(|i| i.id() == id)
    }

    pub fn ids() -> impl Iterator<Item = &'static str> {
        Indicator::ALL.iter().map(|i| i.id())
    }

    /// The share at one step of the ladder.
    pub fn step_share(step: super::Step) -> Indicator {
        match step {
            super::Step::Information => Indicator::Step1Share,
            super::Step::Interaction => Indicator::Step2Share,
            super::Step::Transaction => Indicator::Step3Share,
            super::Step::Integration => Indicator::Step4Share,
        }
    }
}

impl std::fmt::Display for Indicator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// Machine-readable outputs carry the id.
impl Serialize for Indicator {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// In the targets schema an indicator is one of the ids, listed inline.
impl JsonSchema for Indicator {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "IndicatorId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let ids: Vec<&str> = Indicator::ids().collect();
        json_schema!({ "type": "string", "enum": ids })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_snake_case_and_parse_back() {
        let ids: std::collections::BTreeSet<&str> = Indicator::ids().collect();
        assert_eq!(ids.len(), Indicator::ALL.len());
        for indicator in Indicator::ALL {
            assert_eq!(Indicator::parse(indicator.id()), Some(*indicator));
            assert!(
                indicator
                    .id()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            );
        }
    }

    #[test]
    fn the_year_over_year_indicators_come_last() {
        let first = Indicator::ALL
            .iter()
            .position(|i| i.requires_previous())
            .unwrap();
        assert!(
            Indicator::ALL[first..]
                .iter()
                .all(|i| i.requires_previous())
        );
        assert_eq!(Indicator::ALL.len() - first, 4);
    }
}
