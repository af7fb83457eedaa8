//! trappa: checks, classifies and reports Swedish public e-service
//! inventories on Statskontoret's four-step ladder.
//!
//! Data flows one way: files → [`source`] → [`inventory::load`] (YAML) →
//! [`inventory::decode`] (typed model) → [`check`] (findings) and
//! [`ladder`] (steps) → [`output`] (renderers).

// A refused file is a `Diagnostic` returned by value: once per file, on the
// cold path, so boxing it would buy nothing but noise.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod classified;
pub mod cli;
pub mod compare;
pub mod cpsv;
pub mod diagnostic;
pub mod exit;
pub mod export;
pub mod i18n;
pub mod indicators;
pub mod inventory;
pub mod ladder;
pub mod limits;
pub mod municipalities;
pub mod output;
pub mod paths;
pub mod report;
pub mod schema;
pub mod source;
pub mod starter;
pub mod suggest;
