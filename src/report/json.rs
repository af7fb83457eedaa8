//! The report as one versioned JSON document (`"trappa_report": 1`): every
//! number the other formats show, unrounded; "no data" is `null`.

use super::Report;

pub fn render(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}
