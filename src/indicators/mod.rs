//! Indicators of the yearly follow-up (spec §5): their arithmetic. The
//! catalogue (ids, units, which way is better) is `inventory::Indicator`,
//! their words are in the language catalogues.

pub mod compute;
