//! Indicators of the yearly follow-up (spec §5).

pub mod catalogue;
pub mod compute;
