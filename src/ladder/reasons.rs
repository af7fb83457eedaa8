//! A classification in words: what decided the step, what does not count
//! yet, and what the next step needs, in the run's language. The words are
//! `fact.*`, `missing.*` and `reasons.*` in the language catalogues.

use super::{Classification, Fact, Missing};
use crate::i18n::{self, Lang};
use crate::inventory::Step;

/// One piece of evidence in words: "e-ID signing", "exchanges data with Skatteverket".
pub fn fact(fact: &Fact, lang: Lang) -> String {
    let key = format!("fact.{}", fact.id());
    match fact {
        Fact::Interactive(tools) => {
            // The tools are the format's words (`booking`); the reader's are
            // `interactive.<word>` ("bokning").
            let tools: Vec<&str> = tools
                .iter()
                .map(|tool| i18n::text(lang, &format!("interactive.{tool}")))
                .collect();
            i18n::format(lang, &key, &[("tools", &tools.join(", "))])
        }
        Fact::Exchange(with) | Fact::SharedWith(with) => {
            i18n::format(lang, &key, &[("with", &with.join(", "))])
        }
        _ => i18n::text(lang, &key).to_string(),
    }
}

/// What a service lacks, in words.
pub fn missing(missing: Missing, lang: Lang) -> &'static str {
    i18n::text(lang, missing.key())
}

/// "for step 3 transaction: e-ID login or e-ID signing".
pub fn missing_sentence(next: Step, items: &[Missing], lang: Lang) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|m| missing(*m, lang).to_string())
        .collect();
    i18n::format(
        lang,
        "reasons.next_step",
        &[
            ("step", &i18n::step_label(next, lang)),
            ("items", &i18n::and_list(&items, lang)),
        ],
    )
}

/// One line of reasons: what decided the step, what does not count yet, and
/// what the next step needs.
pub fn reasons(c: &Classification, lang: Lang) -> String {
    let mut parts = Vec::new();
    if c.decided_by.is_empty() {
        parts.push(i18n::text(lang, "reasons.no_interaction").to_string());
    } else {
        let facts: Vec<String> = c.decided_by.iter().map(|f| fact(f, lang)).collect();
        parts.push(facts.join(", "));
    }
    if !c.not_counted.is_empty() {
        let facts: Vec<String> = c.not_counted.iter().map(|f| fact(f, lang)).collect();
        parts.push(i18n::format(
            lang,
            "reasons.not_counted",
            &[("facts", &facts.join(", "))],
        ));
    }
    if let Some(next) = c.step.next() {
        parts.push(missing_sentence(next, &c.missing, lang));
    }
    parts.join("; ")
}
