//! What the exports hold, before any format writes it: the fixed columns of
//! the service table ([`columns`]), the indicators in long form
//! ([`indicators_long`]), and the services as CPSV-AP linked data
//! ([`cpsv`]). The formats (CSV, xlsx, JSON) are `crate::render`'s.

pub mod columns;
pub mod cpsv;
pub mod indicators_long;
