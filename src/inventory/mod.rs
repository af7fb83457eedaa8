//! Bytes → model, and nothing else: reading a file ([`source`]: size limit,
//! encoding), parsing its YAML into positioned nodes ([`load`], the only
//! code that touches YAML), and typing them ([`decode`]) into the model of
//! an inventory ([`model`]) or a targets file ([`targets`]), with the
//! vocabularies of the format: the ladder's [`step`]s and the
//! [`indicator`]s. Every problem found on the way is a diagnostic; the
//! rules that compare values with each other are `crate::check`'s.

pub mod decode;
pub mod indicator;
pub mod load;
pub mod model;
pub mod service_type;
pub mod source;
pub mod step;
pub mod targets;

pub use decode::Document;
pub use indicator::{Indicator, Unit};
pub use step::Step;

use crate::diagnostic::Findings;
use source::Source;

/// Parses and types text already in memory; the diagnostics are in the
/// order they were found.
pub fn read(source: &Source) -> (Option<Document>, Findings) {
    match load::parse(&source.name, &source.text) {
        Ok(root) => decode::document(&source.name, &root),
        Err(diagnostic) => {
            let mut findings = Findings::new();
            findings.push(diagnostic);
            (None, findings)
        }
    }
}
