//! Completion of the values of the format's closed vocabularies: after
//! `status: ` the statuses, after `signing: ` the ways of signing, after
//! `type: ` the ids of the catalogue of common e-services, in a
//! list (`audience: [citizens, `) and in a flow mapping
//! (`evidence: {login: `) too. Which key takes which vocabulary is the
//! decoder's; a test holds this table to the JSON Schema's `enum`s.

use crate::inventory::Step;
use crate::inventory::model::*;
use crate::inventory::service_type;

fn names<T: Vocabulary>() -> Vec<&'static str> {
    T::ALL.iter().map(|v| v.as_str()).collect()
}

/// The values a key takes, when it takes a closed vocabulary.
pub fn values(key: &str) -> Option<Vec<&'static str>> {
    Some(match key {
        "kind" => names::<OrganisationKind>(),
        "status" => names::<Status>(),
        "audience" => names::<Audience>(),
        "interactive" => names::<Interactive>(),
        "submission" => names::<Submission>(),
        "login" => names::<Login>(),
        "signing" => names::<Signing>(),
        "case_tracking" => names::<CaseTracking>(),
        "decision" => names::<Decision>(),
        "payment" => names::<Payment>(),
        "prefill" => names::<Prefill>(),
        "hours" => names::<Hours>(),
        "mobile" => names::<Mobile>(),
        "conformance" => names::<Conformance>(),
        "protected_identity" => names::<ProtectedIdentity>(),
        "declared_step" | "target_step" => Step::ALL.iter().map(|s| s.id()).collect(),
        // A service's type: the ids of the catalogue of common e-services.
        "type" => service_type::all().iter().map(|t| t.id.as_str()).collect(),
        _ => return None,
    })
}

/// The keys [`values`] knows, for the test that holds them to the schema.
pub const KEYS: &[&str] = &[
    "kind",
    "status",
    "audience",
    "interactive",
    "submission",
    "login",
    "signing",
    "case_tracking",
    "decision",
    "payment",
    "prefill",
    "hours",
    "mobile",
    "conformance",
    "protected_identity",
    "declared_step",
    "target_step",
    "type",
];

/// The key whose value the cursor is in, and what of the value is typed:
/// `    signing: e` → (`signing`, `e`); `audience: [citizens, bu` →
/// (`audience`, `bu`); `evidence: {login: ` → (`login`, ``).
pub fn key_at(line: &str) -> Option<(&str, &str)> {
    let typed_from = line
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |at| at + 1);
    let typed = &line[typed_from..];
    let before = line[..typed_from].trim_end();
    // In a flow list, the key is the one before its `[`.
    let before = match before.strip_suffix(',') {
        Some(rest) if rest.contains('[') => rest[..rest.rfind('[')?].trim_end(),
        _ => before.strip_suffix('[').map_or(before, str::trim_end),
    };
    let before = before.strip_suffix(':')?;
    let key_from = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |at| at + 1);
    let key = &before[key_from..];
    (!key.is_empty()).then_some((key, typed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_key_of_the_value_being_typed() {
        assert_eq!(key_at("    signing: e"), Some(("signing", "e")));
        assert_eq!(key_at("    status: "), Some(("status", "")));
        assert_eq!(key_at("  - status: pl"), Some(("status", "pl")));
        assert_eq!(key_at("    evidence: {login: "), Some(("login", "")));
        assert_eq!(
            key_at("    evidence: {submission: online, login: p"),
            Some(("login", "p"))
        );
        assert_eq!(
            key_at("    audience: [citizens, bu"),
            Some(("audience", "bu"))
        );
        assert_eq!(key_at("    audience: ["), Some(("audience", "")));
        assert_eq!(key_at("    name"), None);
        assert_eq!(key_at("    name: Tomtkö "), None);
    }

    #[test]
    fn every_key_has_its_values() {
        for key in KEYS {
            assert!(values(key).is_some_and(|v| !v.is_empty()), "{key}");
        }
        assert_eq!(values("name"), None);
    }
}
