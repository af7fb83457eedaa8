//! From the untyped [`Node`] tree to the typed model: the reader's
//! primitives ([`reader`]) and the two walks built from them, one per kind of
//! file ([`inventory`], [`targets`]). Which walk runs is decided by the
//! file's version key.

pub mod inventory;
pub mod reader;
mod synonyms;
pub mod targets;

use super::load::Node;
use super::model::Inventory;
use super::targets::TargetsFile;
use crate::diagnostic::Findings;

/// What a file turned out to be, by its version key.
#[derive(Debug)]
pub enum Document {
    /// `trappa: 1`
    Inventory(Inventory),
    /// `trappa-targets: 1`
    Targets(TargetsFile),
}

/// Types a parsed file. A file with `trappa-targets` and no `trappa` is a
/// targets file; everything else is read as an inventory, so that a file
/// missing its version key is told what an inventory needs.
pub fn document(file: &str, root: &Node) -> (Option<Document>, Findings) {
    if root.has_key("trappa-targets") && !root.has_key("trappa") {
        let (targets, diagnostics) = targets::decode(file, root);
        (targets.map(Document::Targets), diagnostics)
    } else {
        let (inventory, diagnostics) = inventory::inventory(file, root);
        (inventory.map(Document::Inventory), diagnostics)
    }
}
