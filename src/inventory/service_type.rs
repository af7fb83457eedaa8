//! The catalogue of service types (`data/service-types.yaml`): the ids a
//! service's optional `type` may hold, with their Swedish and English
//! names, the words services are often called by, and the department area
//! they usually belong to — and the one rule that guesses a type from a
//! service's name (`check`'s I203).

use super::load;
use crate::suggest;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A department area (förvaltningsområde) a type usually belongs to.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub sv: String,
    pub en: String,
}

/// One common e-service.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ServiceType {
    pub id: String,
    pub sv: String,
    pub en: String,
    pub area: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl ServiceType {
    /// The name in a language ("sv" or anything else for English).
    pub fn name(&self, lang: &str) -> &str {
        if lang == "sv" { &self.sv } else { &self.en }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Catalogue {
    areas: Vec<Area>,
    types: Vec<ServiceType>,
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        load::bundled(
            "data/service-types.yaml",
            include_str!("../../data/service-types.yaml"),
        )
    })
}

/// Every type, in the catalogue's order.
pub fn all() -> &'static [ServiceType] {
    &catalogue().types
}

/// Every area, in the catalogue's order.
pub fn areas() -> &'static [Area] {
    &catalogue().areas
}

pub fn by_id(id: &str) -> Option<&'static ServiceType> {
    all().iter().find(|t| t.id == id)
}

pub fn area(id: &str) -> Option<&'static Area> {
    areas().iter().find(|a| a.id == id)
}

/// The least confidence at which a name suggests a type. Below it, `check`
/// says nothing: a wrong guess costs the reader more than no guess.
pub const CONFIDENCE: f64 = 0.8;
/// Two types whose confidences are closer than this are a tie: the name
/// does not say which it is, so neither is suggested.
pub const AMBIGUITY: f64 = 0.05;

/// A type suggested for a name, with how sure the rule is (0–1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Suggestion {
    pub service_type: &'static ServiceType,
    pub confidence: f64,
}

/// The type a service's name suggests, only when the confidence is at
/// least [`CONFIDENCE`] and no other type comes within [`AMBIGUITY`].
///
/// The name and every phrase of a type (its Swedish and English names and
/// aliases) are reduced to words: case and diacritics folded (ö → o),
/// hyphens dropped (`e-böcker` → `ebocker`), and the words that name the
/// act rather than the service left out (`Ansök om`, `E-tjänst:`, `för`,
/// …). A phrase word matches a word of the name when equal (1), when it is
/// the head of a Swedish compound in the name (`bygglov` in
/// `bygglovsansokan`: 0.9), when a typo away (1 − edits/length, at most one
/// edit in four letters, the first letter right), or, weakly, when the
/// name's word is a part of it (half its share of the letters).
/// Confidence = ¾ × how much of the phrase the name covers + ¼ × how much
/// of the name the phrase explains; the best phrase of a type counts.
pub fn suggest_for(name: &str) -> Option<Suggestion> {
    // The same names come back on every keystroke of the language server
    // and in every organisation of a national corpus: each is worked out
    // once. The cache is bounded (emptied when full), so a file of a
    // million distinct names cannot grow it without end.
    const CACHE_LIMIT: usize = 16_384;
    static CACHE: OnceLock<Mutex<HashMap<String, Option<Suggestion>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(known) = cache.lock().ok().and_then(|c| c.get(name).copied()) {
        return known;
    }
    let found = work_out(name);
    if let Ok(mut cache) = cache.lock() {
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(name.to_string(), found);
    }
    found
}

fn work_out(name: &str) -> Option<Suggestion> {
    let words = forms(words_of(name));
    if words.is_empty() {
        return None;
    }
    let mut best: Option<Suggestion> = None;
    let mut second = 0.0f64;
    for (service_type, phrases) in phrases() {
        let confidence = phrases
            .iter()
            .map(|p| phrase_confidence(p, &words))
            .fold(0.0, f64::max);
        match best {
            Some(b) if confidence <= b.confidence => second = second.max(confidence),
            _ => {
                second = best.map_or(second, |b| second.max(b.confidence));
                best = Some(Suggestion {
                    service_type,
                    confidence,
                });
            }
        }
    }
    best.filter(|b| b.confidence >= CONFIDENCE && b.confidence - second >= AMBIGUITY)
}

/// A word with its characters counted out once: the comparisons below run
/// for every word of every phrase of every type against every word of a
/// name, and must not allocate.
#[derive(Debug, PartialEq)]
struct Word {
    text: String,
    chars: Vec<char>,
}

fn forms(words: Vec<String>) -> Vec<Word> {
    words
        .into_iter()
        .map(|text| Word {
            chars: text.chars().collect(),
            text,
        })
        .collect()
}

/// A type with its names and aliases, each reduced to words.
type Phrases = (&'static ServiceType, Vec<Vec<Word>>);

/// Each type with its phrases reduced to words, once.
fn phrases() -> &'static [Phrases] {
    static PHRASES: OnceLock<Vec<Phrases>> = OnceLock::new();
    PHRASES.get_or_init(|| {
        all()
            .iter()
            .map(|t| {
                let mut phrases: Vec<Vec<Word>> = [&t.sv, &t.en]
                    .into_iter()
                    .chain(&t.aliases)
                    .map(|p| forms(words_of(p)))
                    .filter(|w| !w.is_empty())
                    .collect();
                phrases.dedup();
                (t, phrases)
            })
            .collect()
    })
}

/// Words that say what one does with a service, not which it is.
const NOISE: &[&str] = &[
    "etjanst",
    "etjanster",
    "ansok",
    "ansoka",
    "ansokan",
    "om",
    "for",
    "av",
    "till",
    "i",
    "pa",
    "och",
    "en",
    "ett",
    "din",
    "ditt",
    "dina",
    "att",
    "med",
    "hos",
    "via",
    "har",
    "online",
    "digital",
    "digitalt",
    "kommunen",
    "kommunens",
    "apply",
    "application",
    "the",
    "a",
    "an",
    "to",
    "of",
    "and",
    "eservice",
    "online",
    "your",
];

/// A name as words: lowercase, diacritics folded, hyphens dropped, split
/// at anything else that is not a letter or digit, noise left out.
pub fn words_of(text: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| *c != '-')
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !NOISE.contains(w))
        // A name of a thousand words says nothing more after the first few.
        .take(16)
        .map(|w| w.chars().take(suggest::MAX_WORD).collect())
        .collect()
}

fn phrase_confidence(phrase: &[Word], name: &[Word]) -> f64 {
    let mut covered = 0.0;
    let mut explained = vec![0.0f64; name.len()];
    for p in phrase {
        let mut best = 0.0f64;
        for (i, n) in name.iter().enumerate() {
            let s = similarity(p, n);
            best = best.max(s);
            explained[i] = explained[i].max(s);
        }
        covered += best;
    }
    let recall = covered / phrase.len() as f64;
    let precision = explained.iter().sum::<f64>() / name.len() as f64;
    0.75 * recall + 0.25 * precision
}

/// How well a phrase's word `p` matches a name's word `n` (0–1).
fn similarity(p: &Word, n: &Word) -> f64 {
    if p.text == n.text {
        return 1.0;
    }
    let (lp, ln) = (p.chars.len(), n.chars.len());
    if lp >= 4 && n.text.contains(&p.text) {
        return 0.9;
    }
    let longer = lp.max(ln);
    let limit = longer / 4;
    if lp.min(ln) >= 4
        && limit >= 1
        && p.chars.first() == n.chars.first()
        && let Some(d) = suggest::bounded_distance(&p.chars, &n.chars, limit)
    {
        return 1.0 - d as f64 / longer as f64;
    }
    if ln >= 4 && p.text.contains(&n.text) {
        return 0.5 * ln as f64 / lp as f64;
    }
    0.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_catalogue_is_whole() {
        assert!(all().len() >= 60, "{} types", all().len());
        let mut ids = HashSet::new();
        for t in all() {
            assert!(ids.insert(&t.id), "{} twice", t.id);
            assert!(
                t.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                t.id
            );
            assert!(area(&t.area).is_some(), "{}: no area {}", t.id, t.area);
            assert!(
                !t.sv.trim().is_empty() && !t.en.trim().is_empty(),
                "{}",
                t.id
            );
            assert!(!t.aliases.is_empty(), "{} has no aliases", t.id);
        }
        for id in [
            "forskoleansokan",
            "bygglov",
            "felanmalan",
            "ekonomiskt-bistand",
            "skolskjuts",
            "parkeringstillstand-rorelsehindrade",
            "serveringstillstand",
            "livsmedelsregistrering",
            "bostadsanpassningsbidrag",
            "hemtjanst",
            "gymnasieansokan",
            "bibliotekslan",
            "e-bocker",
            "lediga-jobb",
        ] {
            assert!(by_id(id).is_some(), "{id} missing");
        }
    }

    #[test]
    fn every_type_is_suggested_by_its_own_swedish_name() {
        for t in all() {
            let got = suggest_for(&t.sv).map(|s| s.service_type.id.as_str());
            assert_eq!(got, Some(t.id.as_str()), "{}", t.sv);
        }
    }

    /// Real-looking names from municipal web sites: with and without the
    /// words of the act, prefixes, other case, typos.
    #[test]
    fn names_suggest_their_type() {
        let table = [
            ("Ansök om förskoleplats", "forskoleansokan"),
            ("E-tjänst: Ansökan om plats i förskola", "forskoleansokan"),
            ("ANSÖKAN OM FÖRSKOLEPLATS", "forskoleansokan"),
            ("Ansök om forskoleplats", "forskoleansokan"),
            ("Bygglovsansökan", "bygglov"),
            ("E-tjänst: Ansök om bygglov för tillbyggnad", "bygglov"),
            ("Ansökan om bygglvo", "bygglov"),
            ("Felanmälan gata och park", "felanmalan"),
            ("e-tjänst: felanmalan", "felanmalan"),
            ("Ansökan om ekonomsikt bistånd", "ekonomiskt-bistand"),
            ("Försörjningsstöd", "ekonomiskt-bistand"),
            ("Ansök om skolskjuts", "skolskjuts"),
            (
                "Parkeringstillstånd för rörelsehindrade",
                "parkeringstillstand-rorelsehindrade",
            ),
            ("Ansökan om serveringstillstånd", "serveringstillstand"),
            (
                "Registrering av livsmedelsanläggning",
                "livsmedelsregistrering",
            ),
            (
                "Ansök om bostadsanpassningsbidrag",
                "bostadsanpassningsbidrag",
            ),
            ("Ansökan om hemtjänst", "hemtjanst"),
            ("Gymnasieval", "gymnasieansokan"),
            ("Ansökan till gymnasieskolan", "gymnasieansokan"),
            ("Låna om böcker", "bibliotekslan"),
            ("E-böcker", "e-bocker"),
            ("Lediga jobb", "lediga-jobb"),
            ("Ställa sig i tomtkö", "tomtko"),
            ("Intresseanmälan för fjärrvärme", "fjarrvarme"),
            ("Lämna medborgarförslag", "medborgarforslag"),
            ("Ansökan om LSS-insatser", "lss"),
            ("Ansökan om färdtjänst", "fardtjanst"),
            ("Building permit application", "bygglov"),
        ];
        let mut wrong = Vec::new();
        for (name, want) in table {
            let got = suggest_for(name);
            if got.map(|s| s.service_type.id.as_str()) != Some(want) {
                wrong.push(format!("{name}: want {want}, got {got:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn nothing_is_suggested_below_the_confidence() {
        // Names that say too little, or are no common service.
        for name in [
            "Kontakta oss",
            "Nyhetsbrev",
            "Ansök om plats",
            "E-tjänst: Ansökan",
            "Ansökan om tillstånd",
            "Brandlarm",
            "",
            "***",
            "Anmälan om katt",
        ] {
            assert_eq!(suggest_for(name), None, "{name}");
        }
        // A name that half-matches: its confidence is computed, and below.
        let words = forms(words_of("Ansök om plats i skolan"));
        let best = phrases()
            .iter()
            .flat_map(|(_, ps)| ps.iter().map(|p| phrase_confidence(p, &words)))
            .fold(0.0, f64::max);
        assert!(best > 0.3 && best < CONFIDENCE, "{best}");
        assert_eq!(suggest_for("Ansök om plats i skolan"), None);
        // Whatever is suggested is at or above the stated confidence.
        for t in all() {
            for alias in &t.aliases {
                if let Some(s) = suggest_for(alias) {
                    assert!(s.confidence >= CONFIDENCE, "{alias}: {}", s.confidence);
                }
            }
        }
    }

    #[test]
    fn words_fold_case_diacritics_hyphens_and_noise() {
        assert_eq!(
            words_of("E-tjänst: Ansök om FÖRSKOLEPLATS"),
            ["forskoleplats"]
        );
        assert_eq!(words_of("e-böcker"), ["ebocker"]);
        assert_eq!(words_of("Låna om böcker"), ["lana", "bocker"]);
    }
}
