//! User-facing words in Swedish and English, in one place per language.
//! Ladder names, definitions and sources come from `data/ladder.yaml`;
//! the words that explain a classification are here.
//!
//! Diagnostic messages are in English only for now (they are read by CI
//! maintainers as much as by strategists); the README says so.

use crate::inventory::load;
use crate::ladder::{Fact, Missing, Step};
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    Sv,
    En,
}

impl Lang {
    /// `sv` when `LC_ALL`, `LC_MESSAGES` or `LANG` (the first one set, as
    /// POSIX orders them) starts with `sv`; otherwise `en` (spec §4).
    pub fn from_env() -> Lang {
        Lang::from_locale(|name| std::env::var(name).ok())
    }

    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(&var)
            .find(|v| !v.is_empty());
        match locale {
            Some(l) if l.starts_with("sv") => Lang::Sv,
            _ => Lang::En,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Picks the word of this language.
    pub fn pick<'a>(self, sv: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

// ---------------------------------------------------------------------------
// data/ladder.yaml

#[derive(Clone, Debug, Deserialize)]
pub struct Text {
    pub en: String,
    pub sv: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.sv, &self.en)
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct LadderStep {
    pub step: u8,
    pub id: String,
    pub name: Text,
    pub definition: Text,
    pub rule: Text,
    pub crosswalk: Crosswalk,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Crosswalk {
    pub layne_lee: Text,
    pub un_stage: Text,
    pub eu_benchmark: Text,
}

#[derive(Clone, Debug, Deserialize)]
pub struct LadderSource {
    pub id: String,
    pub title: String,
    pub note: Text,
}

#[derive(Clone, Debug, Deserialize)]
pub struct LadderData {
    pub steps: Vec<LadderStep>,
    pub sources: Vec<LadderSource>,
}

pub fn ladder() -> &'static LadderData {
    static DATA: OnceLock<LadderData> = OnceLock::new();
    DATA.get_or_init(|| load::bundled("data/ladder.yaml", include_str!("../data/ladder.yaml")))
}

// ---------------------------------------------------------------------------
// data/indicators.yaml

#[derive(Clone, Debug, Deserialize)]
pub struct IndicatorInfo {
    pub id: String,
    pub label: Text,
    pub definition: Text,
    pub numerator: Text,
    pub denominator: Option<Text>,
    pub unit: String,
    /// None when neither direction is better (no good/bad trend is shown).
    pub higher_is_better: Option<bool>,
    pub requires_previous: bool,
}

#[derive(Clone, Debug, Deserialize)]
struct IndicatorData {
    indicators: Vec<IndicatorInfo>,
}

pub fn indicators() -> &'static [IndicatorInfo] {
    static DATA: OnceLock<IndicatorData> = OnceLock::new();
    &DATA
        .get_or_init(|| {
            load::bundled(
                "data/indicators.yaml",
                include_str!("../data/indicators.yaml"),
            )
        })
        .indicators
}

/// The labels and definition of an indicator id from the catalogue.
pub fn indicator(id: &str) -> Option<&'static IndicatorInfo> {
    indicators().iter().find(|i| i.id == id)
}

// ---------------------------------------------------------------------------
// Steps and the reasons of a classification

/// "interaction" / "interaktion".
pub fn step_name(step: Step, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => step.swedish(),
        Lang::En => step.id(),
    }
}

/// "2 interaction" / "2 interaktion".
pub fn step_label(step: Step, lang: Lang) -> String {
    format!("{} {}", step.number(), step_name(step, lang))
}

pub fn fact(fact: &Fact, lang: Lang) -> String {
    match fact {
        Fact::DownloadForm => lang
            .pick("blankett att ladda ned", "downloadable form")
            .into(),
        Fact::Interactive(tools) => format!(
            "{} ({})",
            lang.pick("interaktivt verktyg", "interactive tool"),
            tools.join(", ")
        ),
        Fact::SubmittedOffline => lang
            .pick(
                "lämnas in via e-post, post eller besök",
                "submitted by e-mail, post or visit",
            )
            .into(),
        Fact::SubmittedOnline => lang.pick("lämnas in digitalt", "submitted online").into(),
        Fact::PasswordLogin => lang
            .pick("inloggning med lösenord", "password login")
            .into(),
        Fact::EidLogin => lang
            .pick("inloggning med e-legitimation", "e-ID login")
            .into(),
        Fact::EidSigning => lang
            .pick("underskrift med e-legitimation", "e-ID signing")
            .into(),
        Fact::PrefillRegistry => lang
            .pick(
                "uppgifter hämtas ur annan myndighets register",
                "prefilled from another authority's register",
            )
            .into(),
        Fact::Exchange(with) => format!(
            "{} {}",
            lang.pick("utbyter uppgifter med", "exchanges data with"),
            with.join(", ")
        ),
        Fact::SharedWith(with) => format!(
            "{} {}",
            lang.pick("drivs tillsammans med", "run jointly with"),
            with.join(", ")
        ),
    }
}

pub fn missing(missing: Missing, lang: Lang) -> &'static str {
    match missing {
        Missing::AnyInteraction => lang.pick(
            "en blankett, ett sätt att lämna in, ett interaktivt verktyg eller en inloggning",
            "a form, a way to submit, an interactive tool or a login",
        ),
        Missing::OnlineSubmission => lang.pick("digital inlämning", "online submission"),
        Missing::EidLoginOrSigning => lang.pick(
            "inloggning eller underskrift med e-legitimation",
            "e-ID login or e-ID signing",
        ),
        Missing::NoPaperSigning => lang.pick(
            "att underskrift på papper tas bort",
            "dropping the paper signature",
        ),
        Missing::IntegrationEvidence => lang.pick(
            "uppgifter ur register, elektroniskt utbyte med annan organisation eller samdrift",
            "registry prefill, electronic exchange with another organisation, or running it jointly",
        ),
    }
}

/// "for step 3 add: e-ID login or e-ID signing".
pub fn missing_sentence(next: Step, items: &[Missing], lang: Lang) -> String {
    let items: Vec<&str> = items.iter().map(|m| missing(*m, lang)).collect();
    format!(
        "{} {}: {}",
        lang.pick("för steg", "for step"),
        step_label(next, lang),
        items.join(lang.pick(" och ", " and "))
    )
}

/// One line of reasons: what decided the step, what does not count yet, and
/// what the next step needs.
pub fn reasons(c: &crate::ladder::Classification, lang: Lang) -> String {
    let mut parts = Vec::new();
    if c.decided_by.is_empty() {
        parts.push(
            lang.pick(
                "ingen evidens för interaktion",
                "no evidence of interaction",
            )
            .to_string(),
        );
    } else {
        let facts: Vec<String> = c.decided_by.iter().map(|f| fact(f, lang)).collect();
        parts.push(facts.join(", "));
    }
    if !c.not_counted.is_empty() {
        let facts: Vec<String> = c.not_counted.iter().map(|f| fact(f, lang)).collect();
        parts.push(format!(
            "{}: {}",
            lang.pick(
                "räknas inte förrän lägre steg nås",
                "does not count until the step below is reached"
            ),
            facts.join(", ")
        ));
    }
    if let Some(next) = c.step.next() {
        parts.push(missing_sentence(next, &c.missing, lang));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_ladder_matches_the_steps() {
        let data = ladder();
        assert_eq!(data.steps.len(), 4);
        for (entry, step) in data.steps.iter().zip(Step::ALL) {
            assert_eq!(entry.step, step.number());
            assert_eq!(entry.id, step.id());
            assert_eq!(entry.name.sv.to_lowercase(), step.swedish());
        }
        assert!(!data.sources.is_empty());
    }

    #[test]
    fn bundled_indicators_match_the_catalogue() {
        use crate::indicators::catalogue::{IDS, Unit};
        let data = indicators();
        assert_eq!(data.len(), IDS.len());
        for (info, (id, unit)) in data.iter().zip(IDS) {
            assert_eq!(info.id, *id);
            let expected = match unit {
                Unit::Count => "count",
                Unit::Share => "share",
                Unit::Sek => "sek",
                Unit::Step => "step",
                Unit::Percent => "percent",
            };
            assert_eq!(info.unit, expected, "{id}");
            assert_eq!(info.denominator.is_none(), *unit == Unit::Count, "{id}");
        }
    }

    #[test]
    fn locale_decides_the_default_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "sv_SE.UTF-8")])), Lang::Sv);
        assert_eq!(Lang::from_locale(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", "C"), ("LANG", "sv_SE.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", ""), ("LANG", "sv_SE.UTF-8")])),
            Lang::Sv
        );
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
    }
}
