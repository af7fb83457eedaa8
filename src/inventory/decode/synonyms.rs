//! The words people write for the format's values, in Swedish and English:
//! `BankID` for `eid`, `i drift` for `live`, `mina sidor` for `portal`. They
//! are not accepted — an inventory has one spelling for each value, so that
//! it diffs, exports and compares — but they are understood well enough to
//! say which value was meant ("did you mean `eid`?"), which an edit
//! distance cannot do (`BankID` is nowhere near `eid`).

/// What people write, and the values it can mean, best first: the first of
/// them that the field has is the one suggested (`digital` is `online` for
/// a submission or a payment, `digital_mailbox` for a decision).
const SYNONYMS: &[(&str, &[&str])] = &[
    // Logging in and signing.
    ("bankid", &["eid"]),
    ("bank id", &["eid"]),
    ("mobilt bankid", &["eid"]),
    ("mobile bankid", &["eid"]),
    ("freja", &["eid"]),
    ("freja eid", &["eid"]),
    ("freja e-id", &["eid"]),
    ("e-legitimation", &["eid"]),
    ("elegitimation", &["eid"]),
    ("e-leg", &["eid"]),
    ("e-id", &["eid"]),
    ("electronic id", &["eid"]),
    ("lösenord", &["password"]),
    ("inloggning med lösenord", &["password"]),
    ("användarnamn och lösenord", &["password"]),
    ("papper", &["paper", "offline"]),
    ("på papper", &["paper", "offline"]),
    ("underskrift", &["paper"]),
    ("namnunderskrift", &["paper"]),
    ("signature", &["paper"]),
    // Nothing.
    ("ingen", &["none"]),
    ("inget", &["none"]),
    ("inga", &["none"]),
    ("nej", &["false", "none"]),
    ("no", &["false", "none"]),
    ("saknas", &["none"]),
    ("nothing", &["none"]),
    // Yes and no, for the booleans.
    ("ja", &["true"]),
    ("sant", &["true"]),
    ("falskt", &["false"]),
    ("x", &["true"]),
    // Submission, payment, decision.
    ("digital", &["online", "digital_mailbox"]),
    ("digitalt", &["online", "digital_mailbox"]),
    ("e-tjänst", &["online"]),
    ("etjänst", &["online"]),
    ("webb", &["online"]),
    ("web", &["online"]),
    ("internet", &["online"]),
    ("webbformulär", &["online"]),
    ("kort", &["online"]),
    ("kortbetalning", &["online"]),
    ("swish", &["online"]),
    ("card", &["online"]),
    ("post", &["post", "offline"]),
    ("brev", &["post", "offline"]),
    ("letter", &["post", "offline"]),
    ("blankett", &["offline"]),
    ("paper", &["paper", "offline"]),
    ("besök", &["offline"]),
    ("e-post", &["email", "offline"]),
    ("epost", &["email", "offline"]),
    ("mejl", &["email", "offline"]),
    // Swedes write "mail" for e-mail.
    ("mail", &["email", "offline"]),
    ("e-mail", &["email", "offline"]),
    ("faktura", &["invoice"]),
    ("bill", &["invoice"]),
    ("digital brevlåda", &["digital_mailbox"]),
    ("digitala brevlådan", &["digital_mailbox"]),
    ("kivra", &["digital_mailbox"]),
    ("mina meddelanden", &["digital_mailbox"]),
    // Following a case.
    ("mina sidor", &["portal"]),
    ("mina ärenden", &["portal"]),
    ("min sida", &["portal"]),
    ("my pages", &["portal"]),
    ("extern", &["external"]),
    // Status.
    ("i drift", &["live"]),
    ("drift", &["live"]),
    ("i produktion", &["live"]),
    ("produktion", &["live"]),
    ("aktiv", &["live"]),
    ("active", &["live"]),
    ("in production", &["live"]),
    ("planerad", &["planned"]),
    ("på gång", &["planned"]),
    ("under utveckling", &["planned"]),
    ("avvecklad", &["retired"]),
    ("nedlagd", &["retired"]),
    ("avslutad", &["retired"]),
    ("decommissioned", &["retired"]),
    // The organisation.
    ("kommun", &["municipality"]),
    ("kommunen", &["municipality"]),
    ("council", &["municipality"]),
    ("landsting", &["region"]),
    ("myndighet", &["agency"]),
    ("statlig myndighet", &["agency"]),
    ("authority", &["agency"]),
    ("bolag", &["company"]),
    ("kommunalt bolag", &["company"]),
    ("aktiebolag", &["company"]),
    // Audiences.
    ("invånare", &["citizens"]),
    ("medborgare", &["citizens"]),
    ("privatpersoner", &["citizens"]),
    ("residents", &["citizens"]),
    ("företag", &["businesses"]),
    ("näringsliv", &["businesses"]),
    ("företagare", &["businesses"]),
    ("föreningar", &["associations"]),
    ("förening", &["associations"]),
    ("personal", &["staff"]),
    ("medarbetare", &["staff"]),
    ("anställda", &["staff"]),
    ("employees", &["staff"]),
    // Interactive tools.
    ("bokning", &["booking"]),
    ("tidsbokning", &["booking"]),
    ("karta", &["map"]),
    ("sök", &["search"]),
    ("sökfunktion", &["search"]),
    ("kalkylator", &["calculator"]),
    ("räknare", &["calculator"]),
    ("avgiftsberäkning", &["calculator"]),
    // Access.
    ("dygnet runt", &["always"]),
    ("alltid", &["always"]),
    ("24/7", &["always"]),
    ("kontorstid", &["limited"]),
    ("begränsad", &["limited"]),
    ("responsiv", &["responsive"]),
    ("mobilanpassad", &["responsive"]),
    ("mobilapp", &["app"]),
    ("endast dator", &["desktop_only"]),
    ("dator", &["desktop_only"]),
    ("desktop", &["desktop_only"]),
    ("helt", &["full"]),
    ("fullständig", &["full"]),
    ("delvis", &["partial"]),
    ("skyddad identitet", &["supported"]),
    // Prefill.
    ("folkbokföringen", &["registry"]),
    ("register", &["registry"]),
    ("personnummer", &["identity"]),
];

/// The value `written` most likely means, among the field's `values`:
/// compared without case, spaces, hyphens or underscores, so `Bank-ID`,
/// `bank id` and `BANKID` are all `bankid`.
pub fn meant<'v>(written: &str, values: &[&'v str]) -> Option<&'v str> {
    let key = fold(written);
    if key.is_empty() {
        return None;
    }
    // The value itself in other case or spacing: `Online`, `Digital mailbox`.
    if let Some(value) = values.iter().find(|v| fold(v) == key) {
        return Some(value);
    }
    SYNONYMS
        .iter()
        .filter(|(word, _)| fold(word) == key)
        .flat_map(|(_, means)| means.iter())
        .find_map(|m| values.iter().find(|v| *v == m).copied())
}

/// Lowercase letters and digits only (å, ä, ö kept).
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || *c == '/')
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOGIN: &[&str] = &["none", "password", "eid"];
    const SUBMISSION: &[&str] = &["none", "offline", "online"];
    const DECISION: &[&str] = &["post", "email", "portal", "digital_mailbox"];

    #[test]
    fn brand_names_and_swedish_words_mean_the_format_value() {
        assert_eq!(meant("BankID", LOGIN), Some("eid"));
        assert_eq!(meant("Mobilt BankID", LOGIN), Some("eid"));
        assert_eq!(meant("Freja eID", LOGIN), Some("eid"));
        assert_eq!(
            meant("i drift", &["live", "planned", "retired"]),
            Some("live")
        );
        assert_eq!(
            meant("Kommun", &["municipality", "region", "agency", "company"]),
            Some("municipality")
        );
        assert_eq!(
            meant("Mina sidor", &["none", "portal", "external"]),
            Some("portal")
        );
        assert_eq!(meant("Ja", &["true", "false"]), Some("true"));
        assert_eq!(meant("Nej", &["true", "false"]), Some("false"));
    }

    #[test]
    fn one_word_means_what_the_field_has() {
        assert_eq!(meant("digital", SUBMISSION), Some("online"));
        assert_eq!(meant("digital", DECISION), Some("digital_mailbox"));
        assert_eq!(meant("papper", SUBMISSION), Some("offline"));
        assert_eq!(meant("papper", &["none", "paper", "eid"]), Some("paper"));
        assert_eq!(meant("nej", LOGIN), Some("none"));
    }

    #[test]
    fn the_value_in_other_case_or_spacing_is_the_value() {
        assert_eq!(meant("Online", SUBMISSION), Some("online"));
        assert_eq!(meant("Digital mailbox", DECISION), Some("digital_mailbox"));
    }

    #[test]
    fn unknown_words_mean_nothing() {
        assert_eq!(meant("fax", SUBMISSION), None);
        assert_eq!(meant("", SUBMISSION), None);
        // A synonym whose value the field lacks suggests nothing.
        assert_eq!(meant("bankid", SUBMISSION), None);
    }

    #[test]
    fn every_synonym_means_a_value_of_the_format() {
        use crate::inventory::model::*;
        let mut all: Vec<&str> = vec!["true", "false"];
        fn names<T: Vocabulary>(out: &mut Vec<&'static str>) {
            out.extend(T::ALL.iter().map(|v| v.as_str()));
        }
        names::<OrganisationKind>(&mut all);
        names::<Status>(&mut all);
        names::<Audience>(&mut all);
        names::<Interactive>(&mut all);
        names::<Submission>(&mut all);
        names::<Login>(&mut all);
        names::<Signing>(&mut all);
        names::<CaseTracking>(&mut all);
        names::<Decision>(&mut all);
        names::<Payment>(&mut all);
        names::<Prefill>(&mut all);
        names::<Hours>(&mut all);
        names::<Mobile>(&mut all);
        names::<Conformance>(&mut all);
        names::<ProtectedIdentity>(&mut all);
        for (word, means) in SYNONYMS {
            for m in *means {
                assert!(all.contains(m), "{word} → {m}, which is no value");
            }
        }
    }
}
