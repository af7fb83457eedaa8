//! An inventory as canonical YAML, fit for review in git: the schema line,
//! the keys in the order of the spec (§2), only keys that say something
//! (a `false`, a `none`, `status: live` and `kind: municipality` are what
//! an absent key means, so they are left out), codes and every text that
//! could read as another type quoted, short lists in flow style. The bytes
//! depend only on the inventory's values.

use crate::inventory::model::{
    Access, Department, Evidence, Inventory, Organisation, Service, Vocabulary, Volumes,
};

/// The first line: editors that read it (yaml-language-server) check the
/// file against the schema that `trappa schema` prints.
pub const SCHEMA_LINE: &str = "# yaml-language-server: $schema=trappa.schema.json";

/// A flow list longer than this many characters is written one item a line.
const FLOW_WIDTH: usize = 80;

pub fn write(inventory: &Inventory) -> String {
    // Destructured whole, so that a key added to the model cannot be
    // forgotten here: the build fails until it is written.
    let Inventory {
        organisation,
        year,
        departments,
        services,
        spans: _,
        undecoded: _,
    } = inventory;
    let mut out = String::new();
    out.push_str(SCHEMA_LINE);
    out.push('\n');
    out.push_str("trappa: 1\n");
    let Organisation { name, code, kind } = organisation;
    out.push_str("organisation:\n");
    key(&mut out, 1, "name", &text(name));
    if let Some(code) = code {
        // Always quoted: `0128` unquoted is the number 128 to YAML 1.2 tools.
        key(&mut out, 1, "code", &quoted(code));
    }
    if *kind != Default::default() {
        key(&mut out, 1, "kind", kind.as_str());
    }
    out.push_str(&format!("year: {year}\n"));
    if let Some(departments) = departments {
        if departments.is_empty() {
            out.push_str("departments: []\n");
        } else {
            out.push_str("departments:\n");
            for Department { id, name, pos: _ } in departments {
                out.push_str(&format!("  - id: {}\n", text(id)));
                key(&mut out, 2, "name", &text(name));
            }
        }
    }
    if services.is_empty() {
        out.push_str("services: []\n");
    } else {
        out.push_str("services:\n");
        for service in services {
            write_service(&mut out, service);
        }
    }
    out
}

fn write_service(out: &mut String, service: &Service) {
    let Service {
        id,
        name,
        department,
        service_type,
        description,
        url,
        status,
        audience,
        platform,
        languages,
        declared_step,
        target_step,
        evidence,
        access,
        volumes,
        cost_per_case_sek,
        satisfaction_pct,
        spans: _,
        incomplete: _,
    } = service;
    out.push_str(&format!("  - id: {}\n", text(id)));
    key(out, 2, "name", &text(name));
    optional(out, 2, "department", department.as_deref().map(text));
    optional(out, 2, "type", service_type.as_deref().map(text));
    optional(out, 2, "description", description.as_deref().map(text));
    optional(out, 2, "url", url.as_deref().map(text));
    if *status != Default::default() {
        key(out, 2, "status", status.as_str());
    }
    list(
        out,
        2,
        "audience",
        audience.iter().map(|a| a.as_str().to_string()),
    );
    optional(out, 2, "platform", platform.as_deref().map(text));
    list(out, 2, "languages", languages.iter().map(|l| item(l)));
    optional(
        out,
        2,
        "declared_step",
        declared_step.map(|s| s.id().into()),
    );
    optional(out, 2, "target_step", target_step.map(|s| s.id().into()));
    write_evidence(out, evidence);
    write_access(out, access);
    write_volumes(out, volumes);
    optional(out, 2, "cost_per_case_sek", cost_per_case_sek.map(number));
    optional(out, 2, "satisfaction_pct", satisfaction_pct.map(number));
}

fn write_evidence(out: &mut String, evidence: &Evidence) {
    let Evidence {
        download_form,
        interactive,
        submission,
        login,
        foreign_eid,
        signing,
        signatures,
        attachments,
        save_resume,
        case_tracking,
        messaging,
        decision,
        payment,
        prefill,
        exchange,
        shared_with,
        anonymous,
    } = evidence;
    let mut keys = String::new();
    flag(&mut keys, "download_form", *download_form);
    list(
        &mut keys,
        3,
        "interactive",
        interactive.iter().map(|i| i.as_str().into()),
    );
    word(&mut keys, "submission", *submission);
    word(&mut keys, "login", *login);
    flag(&mut keys, "foreign_eid", *foreign_eid);
    word(&mut keys, "signing", *signing);
    optional(
        &mut keys,
        3,
        "signatures",
        signatures.map(|n| n.to_string()),
    );
    flag(&mut keys, "attachments", *attachments);
    flag(&mut keys, "save_resume", *save_resume);
    word(&mut keys, "case_tracking", *case_tracking);
    flag(&mut keys, "messaging", *messaging);
    optional(
        &mut keys,
        3,
        "decision",
        decision.map(|d| d.as_str().into()),
    );
    word(&mut keys, "payment", *payment);
    word(&mut keys, "prefill", *prefill);
    list(&mut keys, 3, "exchange", exchange.iter().map(|e| item(e)));
    list(
        &mut keys,
        3,
        "shared_with",
        shared_with.iter().map(|e| item(e)),
    );
    flag(&mut keys, "anonymous", *anonymous);
    section(out, "evidence", &keys);
}

fn write_access(out: &mut String, access: &Access) {
    let Access {
        hours,
        mobile,
        accessibility_statement,
        conformance,
        reviewed,
        protected_identity,
    } = access;
    let mut keys = String::new();
    optional(&mut keys, 3, "hours", hours.map(|v| v.as_str().into()));
    optional(&mut keys, 3, "mobile", mobile.map(|v| v.as_str().into()));
    optional(
        &mut keys,
        3,
        "accessibility_statement",
        accessibility_statement.as_deref().map(text),
    );
    optional(
        &mut keys,
        3,
        "conformance",
        conformance.map(|v| v.as_str().into()),
    );
    // Quoted: a YAML 1.1 reader would make a date of it.
    optional(&mut keys, 3, "reviewed", reviewed.as_deref().map(quoted));
    optional(
        &mut keys,
        3,
        "protected_identity",
        protected_identity.map(|v| v.as_str().into()),
    );
    section(out, "access", &keys);
}

fn write_volumes(out: &mut String, volumes: &Volumes) {
    let Volumes {
        cases,
        digital,
        started,
        completed,
    } = volumes;
    let mut keys = String::new();
    for (name, value) in [
        ("cases", cases),
        ("digital", digital),
        ("started", started),
        ("completed", completed),
    ] {
        optional(&mut keys, 3, name, value.map(|n| n.to_string()));
    }
    section(out, "volumes", &keys);
}

/// A nested mapping of a service, when any of its keys has a value.
fn section(out: &mut String, name: &str, keys: &str) {
    if !keys.is_empty() {
        out.push_str(&format!("    {name}:\n"));
        out.push_str(keys);
    }
}

fn indent(depth: usize) -> String {
    "  ".repeat(depth)
}

fn key(out: &mut String, depth: usize, name: &str, value: &str) {
    out.push_str(&format!("{}{name}: {value}\n", indent(depth)));
}

fn optional(out: &mut String, depth: usize, name: &str, value: Option<String>) {
    if let Some(value) = value {
        key(out, depth, name, &value);
    }
}

fn flag(out: &mut String, name: &str, value: bool) {
    if value {
        key(out, 3, name, "true");
    }
}

/// A word of a vocabulary with a default: left out when it is the default.
fn word<V: Vocabulary + Default + PartialEq>(out: &mut String, name: &str, value: V) {
    if value != V::default() {
        key(out, 3, name, value.as_str());
    }
}

fn list(out: &mut String, depth: usize, name: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        return;
    }
    let flow = format!("[{}]", items.join(", "));
    if indent(depth).len() + name.len() + 2 + flow.len() <= FLOW_WIDTH {
        key(out, depth, name, &flow);
    } else {
        out.push_str(&format!("{}{name}:\n", indent(depth)));
        for item in items {
            out.push_str(&format!("{}  - {item}\n", indent(depth)));
        }
    }
}

/// Shortest form that reads back as the same number.
fn number(n: f64) -> String {
    format!("{n}")
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// An item of a flow list: as [`text`], and quoted when it holds a `,`,
/// which would end the item.
fn item(value: &str) -> String {
    if value.contains(',') {
        quoted(value)
    } else {
        text(value)
    }
}

/// Text plain when YAML reads it back as the same text, else quoted. Plain
/// only when it starts with a letter, holds only letters, digits, spaces
/// and harmless punctuation, has no `: ` or ` #`, and is not a word some
/// YAML reader takes for a boolean, a null or a number.
pub fn text(value: &str) -> String {
    const RESERVED: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf", "infinity",
    ];
    let starts_with_letter = value.chars().next().is_some_and(char::is_alphabetic);
    let harmless = value
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || "-_.,/()+:?=&%'".contains(c));
    let plain = starts_with_letter
        && harmless
        && !value.contains(": ")
        && !value.ends_with([':', ' '])
        && !value.contains("  ")
        && !RESERVED.contains(&value.to_lowercase().as_str());
    if plain {
        value.to_string()
    } else {
        quoted(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_plain_only_when_it_reads_back_as_itself() {
        assert_eq!(text("Ställa sig i tomtkö"), "Ställa sig i tomtkö");
        assert_eq!(
            text("https://www.example.se/a?b=c&d=1"),
            "https://www.example.se/a?b=c&d=1"
        );
        assert_eq!(text("1287"), "\"1287\"");
        assert_eq!(text("no"), "\"no\"");
        assert_eq!(text("a: b"), "\"a: b\"");
        assert_eq!(text("a #b"), "\"a #b\"");
        assert_eq!(text("[x]"), "\"[x]\"");
        assert_eq!(text("\"quoted\""), "\"\\\"quoted\\\"\"");
        assert_eq!(text("two\nlines"), "\"two\\nlines\"");
        assert_eq!(text("-x"), "\"-x\"");
    }
}
