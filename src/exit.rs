//! Exit codes, the same for every command and format (spec §4).

use crate::diagnostic::Tally;

/// Success: nothing failed.
pub const OK: i32 = 0;
/// The input has errors (or warnings, with `--deny-warnings`).
pub const FINDINGS: i32 = 1;
/// Usage error, unreadable path, or I/O failure.
pub const TROUBLE: i32 = 2;

/// Errors fail a check; warnings only when denied; infos never.
pub fn for_findings(tally: Tally, deny_warnings: bool) -> i32 {
    if tally.errors > 0 || (deny_warnings && tally.warnings > 0) {
        FINDINGS
    } else {
        OK
    }
}
