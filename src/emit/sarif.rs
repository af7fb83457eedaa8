//! SARIF 2.1.0, the format code-scanning dashboards read (GitHub's
//! `upload-sarif`, Azure DevOps, VS Code's SARIF viewer): one run of the
//! tool `trappa` with one rule per diagnostic code — its short and full
//! description and help in the run's language, its level — and one result
//! per finding, at its region (start line, start column and end column in
//! characters: `columnKind` says Unicode code points), with the finding's
//! help, its related place, its fingerprint and its fix when it has one.
//!
//! Every rule is listed, found or not, so that a result's `ruleIndex` is
//! the code's place in [`Code::ALL`] in every run. Nothing in the document
//! depends on the time or the machine: two runs over the same files give
//! the same bytes.

use super::FileFindings;
use crate::diagnostic::{Code, Diagnostic, Fingerprints, Severity};
use crate::i18n::{self, Lang};
use serde_json::{Value, json};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The whole document; with `quiet`, infos are left out (the rules stay).
pub fn sarif(files: &[FileFindings], quiet: bool, lang: Lang) -> String {
    let mut results = Vec::new();
    for file in files {
        let lines: Vec<&str> = file.text.split('\n').collect();
        let mut fingerprints = Fingerprints::new();
        for d in file.diagnostics {
            let fingerprint = fingerprints.next(d);
            if quiet && d.severity == Severity::Info {
                continue;
            }
            results.push(result(d, &fingerprint, &lines, lang));
        }
    }
    let document = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "trappa",
                    "version": env!("CARGO_PKG_VERSION"),
                    "language": lang.code(),
                    "rules": Code::ALL.iter().map(|code| rule(*code, lang)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

fn text(value: String) -> Value {
    json!({ "text": value })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(code: Code, lang: Lang) -> Value {
    // `code.E001`, `sarif.full.E001`, `sarif.help.E001`.
    let words = |key: String| text(i18n::text(lang, &key).to_string());
    let id = code.as_str();
    json!({
        "id": id,
        "shortDescription": words(format!("code.{id}")),
        "fullDescription": words(format!("sarif.full.{id}")),
        "help": words(format!("sarif.help.{id}")),
        "defaultConfiguration": { "level": level(code.severity()) },
    })
}

/// A path as a URI reference: `/` between the parts, everything but the
/// unreserved characters percent-encoded (spaces, `å`, `#`), an absolute
/// path as a `file:` URI.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The region of `len` characters at a line and column, its end kept on
/// the line (a value over several lines ends at its first line's end).
fn region(line: u32, column: u32, len: u32, lines: &[&str]) -> Value {
    let width = lines
        .get(line.saturating_sub(1) as usize)
        .map(|l| l.trim_end_matches('\r').chars().count() as u32);
    let end = column + len.max(1);
    let end = match width {
        Some(width) if width >= column => end.min(width + 1),
        _ => end,
    };
    json!({ "startLine": line, "startColumn": column, "endLine": line, "endColumn": end })
}

fn location(file: &str, region: Value) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(file) },
            "region": region,
        }
    })
}

fn result(d: &Diagnostic, fingerprint: &str, lines: &[&str], lang: Lang) -> Value {
    let mut message = i18n::message(lang, &d.message);
    if let Some(help) = &d.help {
        message.push('\n');
        message.push_str(i18n::text(lang, "diagnostic.help"));
        message.push_str(": ");
        message.push_str(&i18n::message(lang, help));
    }
    let mut out = json!({
        "ruleId": d.code.as_str(),
        "ruleIndex": d.code.index(),
        "level": level(d.severity),
        "message": text(message),
        "locations": [location(&d.file, region(d.line, d.column, d.len, lines))],
        "partialFingerprints": { "trappa/v1": fingerprint },
    });
    if let Some((pos, label)) = &d.related {
        out["relatedLocations"] = json!([{
            "id": 0,
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&d.file) },
                "region": region(pos.line, pos.column, pos.len, lines),
            },
            "message": text(i18n::message(lang, label)),
        }]);
    }
    if let Some(fix) = &d.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": {
                        "startLine": edit.pos.line,
                        "startColumn": edit.pos.column,
                        "endLine": edit.pos.line,
                        "endColumn": edit.end_column(),
                    },
                    "insertedContent": { "text": edit.content },
                })
            })
            .collect();
        out["fixes"] = json!([{
            "description": text(i18n::message(lang, &fix.title)),
            "artifactChanges": [{
                "artifactLocation": { "uri": uri(&d.file) },
                "replacements": replacements,
            }],
        }]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri("inventories/åre 2025.yaml"),
            "inventories/%C3%A5re%202025.yaml"
        );
        assert_eq!(uri("/tmp/a#b.yaml"), "file:///tmp/a%23b.yaml");
        assert_eq!(uri("dir\\x.yaml"), "dir/x.yaml");
    }

    #[test]
    fn a_region_ends_on_its_line() {
        let lines = ["name: Åre", "x"];
        assert_eq!(region(1, 7, 3, &lines)["endColumn"], 10);
        assert_eq!(region(1, 7, 30, &lines)["endColumn"], 10);
    }
}
