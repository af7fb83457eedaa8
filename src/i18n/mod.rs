//! Every word trappa prints, in one table per language: `data/words/en.yaml`
//! and `data/words/sv.yaml`, built into the binary. Code names a text by its
//! key (`report.indicators`, `indicator.eid_share.label`) and the catalogue
//! of the run's language gives the words, so a Swedish strategist finds all
//! of them in one file and a third language is a third file.
//!
//! Why YAML files and not Project Fluent: the texts are labels, headings and
//! sentences with a few named values (`{step}`) and no grammar that varies
//! with them beyond what a key of its own says — the one exception, a
//! number's plural, is a group of keys (`one`, `other`) chosen by
//! [`Lang::plural_category`]; the catalogues are read by the same loader as
//! the bundled data, need no new dependency, and a test holds the two files
//! to the same keys and to the keys the code uses.
//!
//! Diagnostics and the other messages of the modules below this one arrive
//! as data ([`Message`]: a key and its arguments); [`message`] puts them
//! into words.

use crate::characters::push_escaped;
use crate::diagnostic::{Arg, Message};
use crate::inventory::load;
use crate::inventory::{Indicator, Step};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

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

    /// Which plural form a count takes: the last part of a plural key
    /// (`diagnostic.summary.errors.one`). Swedish and English have two
    /// forms, `one` for exactly 1 and `other` for every other count (CLDR's
    /// rule for both); a language with more forms adds its categories here
    /// (CLDR names them `zero`, `two`, `few`, `many`) and in its catalogue.
    pub fn plural_category(self, count: u64) -> &'static str {
        match (self, count) {
            (Lang::Sv | Lang::En, 1) => "one",
            (Lang::Sv | Lang::En, _) => "other",
        }
    }

    fn catalogue(self) -> &'static Catalogue {
        static SV: OnceLock<Catalogue> = OnceLock::new();
        static EN: OnceLock<Catalogue> = OnceLock::new();
        match self {
            Lang::Sv => SV.get_or_init(|| {
                Catalogue::parse(
                    "data/words/sv.yaml",
                    include_str!("../../data/words/sv.yaml"),
                )
            }),
            Lang::En => EN.get_or_init(|| {
                Catalogue::parse(
                    "data/words/en.yaml",
                    include_str!("../../data/words/en.yaml"),
                )
            }),
        }
    }
}

/// One language's texts by dotted key (`report.indicators`).
pub struct Catalogue {
    texts: HashMap<String, String>,
}

/// A catalogue file is nested mappings with texts at the leaves.
#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    Text(String),
    Group(BTreeMap<String, Entry>),
}

impl Catalogue {
    fn parse(name: &str, text: &str) -> Catalogue {
        let root: BTreeMap<String, Entry> = load::bundled(name, text);
        let mut texts = HashMap::new();
        flatten("", root, &mut texts);
        Catalogue { texts }
    }

    /// Every key of the catalogue, for the tests that hold the languages
    /// and the code to the same keys.
    pub fn keys(lang: Lang) -> impl Iterator<Item = &'static str> {
        lang.catalogue().texts.keys().map(String::as_str)
    }
}

fn flatten(prefix: &str, group: BTreeMap<String, Entry>, out: &mut HashMap<String, String>) {
    for (key, entry) in group {
        let key = if prefix.is_empty() {
            key
        } else {
            format!("{prefix}.{key}")
        };
        match entry {
            Entry::Text(text) => {
                out.insert(key, text);
            }
            Entry::Group(group) => flatten(&key, group, out),
        }
    }
}

/// The text of `key` in `lang`. A key the catalogue lacks gives the key
/// itself, which a test makes sure never ships.
pub fn text(lang: Lang, key: &str) -> &'static str {
    match lang.catalogue().texts.get(key) {
        Some(text) => text,
        None => missing_key(key),
    }
}

/// Leaked once per missing key so [`text`] can return it with a static
/// lifetime; only a defect (a key that is in no catalogue) reaches here.
fn missing_key(key: &str) -> &'static str {
    static MISSING: OnceLock<std::sync::Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let mut missing = MISSING
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    missing
        .entry(key.to_string())
        .or_insert_with(|| Box::leak(key.to_string().into_boxed_str()))
}

/// An export column's heading in a spreadsheet, by its id
/// (`evidence.submission` → "Submission" / "Inlämning"): the template's
/// headers, and what `import` recognises beside the ids.
pub fn column_label(column: &str, lang: Lang) -> &'static str {
    text(lang, &format!("import.column.{column}.label"))
}

/// A value of the file format in the reader's words, by the key's last
/// part (`login`, `password` → "lösenord" / "password"; `true`/`false` of
/// any key → "ja"/"nej"), or `None` for a value without words (an address).
/// For tables and pages only: JSON and CSV keep the file's spelling.
pub fn value_word(field: &str, value: &str, lang: Lang) -> Option<&'static str> {
    let group = if matches!(value, "true" | "false") {
        "boolean"
    } else {
        field
    };
    let key = format!("value.{group}.{value}");
    lang.catalogue().texts.get(&key).map(|text| &**text)
}

/// The text of `key` with each `{name}` replaced by its value.
pub fn format(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    fill(text(lang, key), args)
}

/// Replaces `{name}` placeholders; a placeholder without a value is kept.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of a plural group `key` (`key.one`, `key.other` …) for
/// `count`, with `{count}` filled: "3 errors" / "3 fel".
pub fn plural(lang: Lang, key: &'static str, count: u64) -> String {
    message(lang, &Message::counted(key, count))
}

/// A message in `lang`: the text of its key with every argument in place.
/// Values from the input are made printable (a control character is
/// spelled out, never sent to the terminal).
pub fn message(lang: Lang, message: &Message) -> String {
    let mut out = String::with_capacity(96);
    write_message(&mut out, lang, message);
    out
}

fn write_message(out: &mut String, lang: Lang, message: &Message) {
    let template = match message.count {
        // Only a message with plural forms pays for building its key.
        Some(count) => text(
            lang,
            &format!("{}.{}", message.key, lang.plural_category(count)),
        ),
        None => text(lang, message.key),
    };
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return;
        };
        let name = &after[..close];
        match message.get(name) {
            Some(arg) => write_arg(out, lang, arg),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
}

fn write_arg(out: &mut String, lang: Lang, arg: &Arg) {
    match arg {
        Arg::Text(text) => push_escaped(out, text),
        Arg::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Arg::Decimal(x) => {
            let shown = format!("{x:.1}");
            out.push_str(&shown.replace('.', text(lang, "number.decimal_mark")));
        }
        Arg::Word(key) => out.push_str(text(lang, key)),
        Arg::Words(keys) => {
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(text(lang, key));
            }
        }
        Arg::Step(number) => match Step::from_number(i128::from(*number)) {
            Some(step) => {
                let _ = write!(out, "{number} {}", step_name(step, lang));
            }
            None => {
                let _ = write!(out, "{number}");
            }
        },
        Arg::Phrase(phrase) => write_message(out, lang, phrase),
    }
}

/// Items joined as a sentence joins them: "a, b and c" (no serial comma).
pub fn and_list(items: &[String], lang: Lang) -> String {
    items.join(text(lang, "list.and"))
}

// ---------------------------------------------------------------------------
// Families of keys named after the format's own ids

/// The words of one indicator: `indicator.<id>.*`.
pub struct IndicatorWords {
    pub label: &'static str,
    pub definition: &'static str,
    pub numerator: &'static str,
    /// None for counts, which have no denominator.
    pub denominator: Option<&'static str>,
}

pub fn indicator(indicator: Indicator, lang: Lang) -> IndicatorWords {
    let key = |part: &str| format!("indicator.{}.{part}", indicator.id());
    let texts = &lang.catalogue().texts;
    IndicatorWords {
        label: text(lang, &key("label")),
        definition: text(lang, &key("definition")),
        numerator: text(lang, &key("numerator")),
        denominator: texts.get(&key("denominator")).map(String::as_str),
    }
}

/// An indicator's short label, a table column heading.
pub fn indicator_label(indicator: Indicator, lang: Lang) -> &'static str {
    text(lang, &format!("indicator.{}.label", indicator.id()))
}

/// A text of one step of the ladder: `ladder.step_<n>.<part>` (`word`,
/// `name`, `definition`, `rule`, `crosswalk.layne_lee` …).
pub fn step_text(step: Step, part: &str, lang: Lang) -> &'static str {
    text(lang, &format!("ladder.step_{}.{part}", step.number()))
}

/// "interaction" / "interaktion": the step's name as a word in a sentence.
pub fn step_name(step: Step, lang: Lang) -> &'static str {
    text(lang, step_word_key(step))
}

/// The key of a step's name as a word: `ladder.step_<n>.word`, named
/// rather than built (as `step_text` does) because diagnostics name two
/// steps per finding, and a key built per lookup is an allocation each;
/// and so a message can carry the word as an argument.
pub fn step_word_key(step: Step) -> &'static str {
    match step {
        Step::Information => "ladder.step_1.word",
        Step::Interaction => "ladder.step_2.word",
        Step::Transaction => "ladder.step_3.word",
        Step::Integration => "ladder.step_4.word",
    }
}

/// "2 interaction" / "2 interaktion".
pub fn step_label(step: Step, lang: Lang) -> String {
    format!("{} {}", step.number(), step_name(step, lang))
}

/// "2 Interaction": the ladder's own capitalised name, for headings and charts.
pub fn step_title(step: Step, lang: Lang) -> String {
    format!("{} {}", step.number(), step_text(step, "name", lang))
}

/// A source of the ladder, by its id in `data/ladder.yaml`; its title and
/// note are `ladder.source.<id>.title` and `.note`.
#[derive(Clone, Debug, Deserialize)]
pub struct LadderSource {
    pub id: String,
}

impl LadderSource {
    pub fn title(&self, lang: Lang) -> &'static str {
        text(lang, &format!("ladder.source.{}.title", self.id))
    }

    pub fn note(&self, lang: Lang) -> &'static str {
        text(lang, &format!("ladder.source.{}.note", self.id))
    }
}

#[derive(Deserialize)]
struct LadderData {
    sources: Vec<LadderSource>,
}

pub fn ladder_sources() -> &'static [LadderSource] {
    static DATA: OnceLock<LadderData> = OnceLock::new();
    &DATA
        .get_or_init(|| load::bundled("data/ladder.yaml", include_str!("../../data/ladder.yaml")))
        .sources
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The `{name}`s of a text; braces around anything but a name (`{…}`
    /// in a message about YAML's flow mappings) are text.
    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .filter(|name| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            })
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_keys_and_placeholders() {
        let sv: BTreeSet<&str> = Catalogue::keys(Lang::Sv).collect();
        let en: BTreeSet<&str> = Catalogue::keys(Lang::En).collect();
        let only_sv: Vec<_> = sv.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&sv).collect();
        assert!(only_sv.is_empty(), "only in sv.yaml: {only_sv:?}");
        assert!(only_en.is_empty(), "only in en.yaml: {only_en:?}");
        for key in &sv {
            assert_eq!(
                placeholders(text(Lang::Sv, key)),
                placeholders(text(Lang::En, key)),
                "{key}"
            );
        }
    }

    #[test]
    fn every_indicator_and_step_has_its_words() {
        for lang in Lang::ALL {
            for indicator in Indicator::ALL {
                let words = super::indicator(*indicator, lang);
                assert!(!words.label.contains("indicator."), "{indicator}");
                assert_eq!(
                    words.denominator.is_none(),
                    indicator.unit() == crate::inventory::Unit::Count,
                    "{indicator}"
                );
            }
            for step in Step::ALL {
                assert_eq!(step_name(step, lang).to_lowercase(), step_name(step, lang));
                assert_eq!(
                    step_text(step, "name", lang).to_lowercase(),
                    step_name(step, lang)
                );
            }
            for source in ladder_sources() {
                assert!(!source.note(lang).starts_with("ladder."), "{}", source.id);
            }
        }
        assert_eq!(
            step_name(Step::Interaction, Lang::Sv),
            Step::Interaction.swedish()
        );
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(
            fill("för steg {step}: {items}", &[("step", "3"), ("items", "x")]),
            "för steg 3: x"
        );
        assert_eq!(fill("{a} {b} {", &[("a", "1")]), "1 {b} {");
    }

    #[test]
    fn a_message_is_put_into_words_in_each_language() {
        let size = Message::new("diagnostic.e001.too_large")
            .arg("size", Arg::Decimal(200.0))
            .number("limit", 8);
        assert_eq!(
            message(Lang::En, &size),
            "file is too large: 200.0 MiB; the limit is 8 MiB"
        );
        assert_eq!(
            message(Lang::Sv, &size),
            "filen är för stor: 200,0 MiB; gränsen är 8 MiB"
        );
        let below = Message::new("diagnostic.i201.below_target")
            .text("service", "bygglov")
            .step("step", 2)
            .step("target", 3);
        assert_eq!(
            message(Lang::Sv, &below),
            "att utveckla: `bygglov` är på steg 2 interaktion, under sitt målsteg 3 transaktion"
        );
        let missing = Message::new("diagnostic.i201.below_target_help").arg(
            "missing",
            Arg::Words(vec![
                "missing.online_submission",
                "missing.eid_login_or_signing",
            ]),
        );
        assert_eq!(
            message(Lang::En, &missing),
            "missing: online submission, e-ID login or e-ID signing"
        );
        let quoted = Message::new("diagnostic.e002.not_integer")
            .text("path", "year")
            .phrase(
                "value",
                Message::new("diagnostic.written.quoted").text("text", "2014"),
            );
        assert_eq!(
            message(Lang::Sv, &quoted),
            "`year` ska vara ett heltal, men är texten `\"2014\"` inom citattecken"
        );
    }

    #[test]
    fn a_count_picks_its_plural_form() {
        assert_eq!(plural(Lang::En, "diagnostic.summary.errors", 1), "1 error");
        assert_eq!(plural(Lang::En, "diagnostic.summary.errors", 0), "0 errors");
        assert_eq!(
            plural(Lang::Sv, "diagnostic.summary.warnings", 1),
            "1 varning"
        );
        assert_eq!(
            plural(Lang::Sv, "diagnostic.summary.warnings", 2),
            "2 varningar"
        );
    }

    #[test]
    fn a_value_cannot_drive_the_terminal_and_a_missing_value_shows() {
        let m = Message::new("diagnostic.e002.empty").text("path", "a\u{1b}[2Jb\nc");
        assert_eq!(
            message(Lang::En, &m),
            "`a\\u{1b}[2Jb\\u{a}c` must not be empty"
        );
        // A value the code forgot stays a visible placeholder (a test over
        // every fixture makes sure none is forgotten).
        assert_eq!(
            message(Lang::En, &Message::new("diagnostic.e002.empty")),
            "`{path}` must not be empty"
        );
    }

    #[test]
    fn a_missing_key_shows_as_itself() {
        assert_eq!(text(Lang::En, "no.such.key"), "no.such.key");
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
