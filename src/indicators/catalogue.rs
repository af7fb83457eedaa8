//! The indicator ids of spec §5 and what kind of number each one is.
//! Labels and definitions in Swedish and English live in data/indicators.yaml.

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

/// Every indicator id, in the order of spec §5 (also the order of reports).
pub const IDS: &[(&str, Unit)] = &[
    ("services", Unit::Count),
    ("e_services", Unit::Count),
    ("step_1_share", Unit::Share),
    ("step_2_share", Unit::Share),
    ("step_3_share", Unit::Share),
    ("step_4_share", Unit::Share),
    ("transaction_share", Unit::Share),
    ("integration_share", Unit::Share),
    ("mean_step", Unit::Step),
    ("at_target_share", Unit::Share),
    ("declared_mismatches", Unit::Count),
    ("eid_share", Unit::Share),
    ("foreign_eid_share", Unit::Share),
    ("case_tracking_share", Unit::Share),
    ("digital_decision_share", Unit::Share),
    ("prefill_registry_share", Unit::Share),
    ("always_open_share", Unit::Share),
    ("accessibility_statement_share", Unit::Share),
    ("mobile_share", Unit::Share),
    ("pdf_forms", Unit::Count),
    ("digital_uptake", Unit::Share),
    ("volume_coverage", Unit::Share),
    ("completion_rate", Unit::Share),
    ("cost_per_case_sek", Unit::Sek),
    ("satisfaction_pct", Unit::Percent),
    ("new_services", Unit::Count),
    ("retired_services", Unit::Count),
    ("stepped_up", Unit::Count),
    ("stepped_down", Unit::Count),
];

pub fn unit_of(id: &str) -> Option<Unit> {
    IDS.iter().find(|(i, _)| *i == id).map(|(_, u)| *u)
}

pub fn ids() -> impl Iterator<Item = &'static str> {
    IDS.iter().map(|(id, _)| *id)
}
