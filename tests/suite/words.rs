//! The word catalogues (`data/words/en.yaml`, `data/words/sv.yaml`) held
//! to the code: every key the code names is in both, every key of the
//! catalogues is used, every diagnostic code has its words, every Swedish
//! text of a code differs from the English one, and no Swedish message,
//! hint, refusal or error contains an English sentence.
//!
//! (That the two files have the same keys and placeholders is a unit test
//! of `i18n`.)

use crate::helpers::{root, trappa_env};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use trappa::diagnostic::{Code, Diagnostic, Message};
use trappa::export::cpsv::Channel;
use trappa::i18n::{self, Catalogue, Lang};
use trappa::inventory::model::{
    CaseTracking, Decision, Hours, Interactive, Login, Mobile, OrganisationKind, Prefill, Signing,
    Status, Submission, Vocabulary,
};
use trappa::inventory::{Indicator, Step};
use trappa::ladder::Fact;
use trappa::pipeline::check_path;
use trappa::report::targets::TargetStatus;

fn keys(lang: Lang) -> BTreeSet<&'static str> {
    Catalogue::keys(lang).collect()
}

/// The string literals of a Rust source: a small lexer that knows
/// comments, char literals, lifetimes, escapes and raw strings, so that a
/// key named in a comment does not count as used.
fn string_literals(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            // A char literal ('"', '\'', '{'); anything else after a quote
            // is a lifetime.
            '\'' if chars.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 3,
            'r' if matches!(chars.get(i + 1), Some('"' | '#'))
                && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')) =>
            {
                let mut hashes = 0;
                let mut j = i + 1;
                while chars.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if chars.get(j) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let start = j + 1;
                let mut end = start;
                loop {
                    if end >= chars.len() {
                        break;
                    }
                    if chars[end] == '"' && (1..=hashes).all(|h| chars.get(end + h) == Some(&'#')) {
                        break;
                    }
                    end += 1;
                }
                out.push(chars[start..end.min(chars.len())].iter().collect());
                i = end + 1 + hashes;
            }
            '"' => {
                let mut literal = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    if let Some(&c) = chars.get(i) {
                        literal.push(c);
                    }
                    i += 1;
                }
                out.push(literal);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

#[test]
fn the_lexer_sees_strings_and_not_comments() {
    let code = "// \"report.not_this\"\nlet c = '\"'; let l: &'static str = \"report.this\";\n/* \"x.y\" */ let r = r#\"a \"b\" c\"#; let e = \"q\\\"q\";";
    assert_eq!(string_literals(code), ["report.this", "a \"b\" c", "q\"q"]);
}

/// Every string literal of `src/` that looks like a catalogue key: dotted
/// lowercase words whose first word is a section of the catalogue.
fn keys_in_the_code() -> BTreeMap<String, String> {
    let sections: BTreeSet<&str> = keys(Lang::En)
        .iter()
        .filter_map(|k| k.split('.').next())
        .collect();
    let mut found = BTreeMap::new();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for literal in string_literals(&text) {
            let shaped = literal.contains('.')
                && literal.split('.').all(|part| {
                    !part.is_empty()
                        && part
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                });
            let section = literal.split('.').next().unwrap_or("");
            // `report.html` is a file's name, not the key of a report's word.
            let file_name = literal.rsplit('.').next().is_some_and(|ext| {
                [
                    "html", "csv", "json", "jsonld", "yaml", "yml", "xlsx", "md", "txt",
                ]
                .contains(&ext)
            });
            if shaped && !file_name && sections.contains(section) {
                found.insert(
                    literal,
                    file.strip_prefix(root()).unwrap().display().to_string(),
                );
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A group of plural forms (`diagnostic.summary.errors`) is named without
/// its form: the catalogue has `<group>.one` and `<group>.other`.
fn is_plural_group(key: &str, catalogue: &BTreeSet<&str>) -> bool {
    ["one", "other"]
        .iter()
        .all(|form| catalogue.contains(format!("{key}.{form}").as_str()))
}

#[test]
fn every_key_the_code_names_is_in_both_catalogues() {
    let found = keys_in_the_code();
    assert!(
        found.contains_key("diagnostic.e002.unknown_key")
            && found.contains_key("report.indicators"),
        "the scan finds keys: {found:?}"
    );
    for lang in Lang::ALL {
        let catalogue = keys(lang);
        let missing: Vec<String> = found
            .iter()
            .filter(|(key, _)| {
                !catalogue.contains(key.as_str()) && !is_plural_group(key, &catalogue)
            })
            .map(|(key, file)| format!("{key} (named in {file})"))
            .collect();
        assert!(
            missing.is_empty(),
            "keys the code names that data/words/{}.yaml lacks:\n{}",
            lang.code(),
            missing.join("\n")
        );
    }
}

/// The keys the code builds from the format's own ids (`indicator.<id>.*`,
/// `fact.<id>` …) rather than naming them: each family, with every key it
/// can build.
fn families() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for indicator in Indicator::ALL {
        for part in ["label", "definition", "numerator", "denominator"] {
            keys.insert(format!("indicator.{}.{part}", indicator.id()));
        }
    }
    for step in Step::ALL {
        for part in [
            "word",
            "name",
            "definition",
            "rule",
            "crosswalk.layne_lee",
            "crosswalk.un_stage",
            "crosswalk.eu_benchmark",
        ] {
            keys.insert(format!("ladder.step_{}.{part}", step.number()));
        }
    }
    for source in i18n::ladder_sources() {
        keys.insert(format!("ladder.source.{}.note", source.id));
        keys.insert(format!("ladder.source.{}.title", source.id));
    }
    // An organisation's kind in the comparison ("kommun" / "municipality").
    for kind in OrganisationKind::ALL {
        keys.insert(format!("kind.{}", kind.as_str()));
    }
    for id in Fact::IDS {
        keys.insert(format!("fact.{id}"));
    }
    for status in TargetStatus::ALL {
        keys.insert(format!("status.{}", status.id()));
    }
    // A live service's status is not shown: only the others have words.
    for status in Status::ALL.iter().filter(|s| **s != Status::Live) {
        keys.insert(format!("service_status.{}", status.as_str()));
    }
    for channel in Channel::ALL {
        keys.insert(format!("cpsv.channel.{}", channel.id()));
    }
    // A tool's name in a reason ("map" / "karta").
    for tool in Interactive::ALL {
        keys.insert(format!("interactive.{}", tool.as_str()));
    }
    // A value in a reader's words (`plan`'s from → to), by `i18n::value_word`.
    fn values<V: Vocabulary>(field: &str, keys: &mut BTreeSet<String>) {
        for value in V::ALL {
            keys.insert(format!("value.{field}.{}", value.as_str()));
        }
    }
    values::<Submission>("submission", &mut keys);
    values::<Login>("login", &mut keys);
    values::<Signing>("signing", &mut keys);
    values::<CaseTracking>("case_tracking", &mut keys);
    values::<Decision>("decision", &mut keys);
    values::<Prefill>("prefill", &mut keys);
    values::<Hours>("hours", &mut keys);
    values::<Mobile>("mobile", &mut keys);
    keys.insert("value.boolean.true".to_string());
    keys.insert("value.boolean.false".to_string());
    // Each export column's heading in a spreadsheet (template, import).
    // and what each column read back means (the template's input messages).
    for column in trappa::export::columns::services() {
        keys.insert(format!("import.column.{}.label", column.name));
        if !column.derived {
            keys.insert(format!("import.column.{}.help", column.name));
        }
    }
    // Each code's line in the man page.
    for code in Code::ALL {
        keys.insert(format!("code.{}", code.as_str()));
        // Each code's rule in the SARIF output.
        keys.insert(format!("sarif.full.{}", code.as_str()));
        keys.insert(format!("sarif.help.{}", code.as_str()));
    }
    keys
}

#[test]
fn every_key_of_the_catalogues_is_used() {
    let named = keys_in_the_code();
    let families = families();
    let catalogue = keys(Lang::En);
    let unused: Vec<&str> = catalogue
        .iter()
        .copied()
        .filter(|key| {
            let plural_of_a_named_group = key.rsplit_once('.').is_some_and(|(group, form)| {
                ["one", "other"].contains(&form) && named.contains_key(group)
            });
            !named.contains_key(*key) && !families.contains(*key) && !plural_of_a_named_group
        })
        .collect();
    assert!(
        unused.is_empty(),
        "keys no code uses (remove them, or name them in the code):\n{}",
        unused.join("\n")
    );
}

#[test]
fn every_family_has_its_keys_in_both_languages() {
    for lang in Lang::ALL {
        let catalogue = keys(lang);
        let missing: Vec<String> = families()
            .into_iter()
            .filter(|key| !catalogue.contains(key.as_str()))
            // Counts have no denominator.
            .filter(|key| {
                !(key.ends_with(".denominator")
                    && Indicator::ALL.iter().any(|i| {
                        key == &format!("indicator.{}.denominator", i.id())
                            && i.unit() == trappa::inventory::Unit::Count
                    }))
            })
            .collect();
        assert!(missing.is_empty(), "{}: {missing:?}", lang.code());
    }
}

/// The section of the catalogue that holds a code's words: `diagnostic.e002`.
fn section(code: Code) -> String {
    format!("diagnostic.{}", code.as_str().to_lowercase())
}

/// Every finding trappa makes of the files shipped for that purpose: the
/// examples and the test fixtures.
fn every_finding() -> Vec<Diagnostic> {
    let mut paths = Vec::new();
    for dir in ["examples", "tests/fixtures"] {
        collect_yaml(&root().join(dir), &mut paths);
    }
    paths.sort();
    let mut all = Vec::new();
    for path in paths {
        if let Ok(checked) = check_path(&path) {
            all.extend(checked.diagnostics);
        }
    }
    all
}

fn collect_yaml(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_yaml(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// Each message of a finding: the message, its help and its related label.
fn messages(d: &Diagnostic) -> Vec<&Message> {
    std::iter::once(&d.message)
        .chain(d.help.as_ref())
        .chain(d.related.as_ref().map(|(_, label)| label))
        .collect()
}

#[test]
fn every_code_is_reachable_and_has_its_words() {
    let findings = every_finding();
    let reached: BTreeSet<Code> = findings.iter().map(|d| d.code).collect();
    let unreached: Vec<&Code> = Code::ALL.iter().filter(|c| !reached.contains(c)).collect();
    assert!(
        unreached.is_empty(),
        "no example or fixture shows {unreached:?}: add one, so its words are tested"
    );
    for lang in Lang::ALL {
        let catalogue = keys(lang);
        for code in Code::ALL {
            let prefix = format!("{}.", section(*code));
            assert!(
                catalogue.iter().any(|k| k.starts_with(&prefix)),
                "{}: no words for {code}",
                lang.code()
            );
        }
        for d in &findings {
            // A message is its code's own; helps and labels may be shared.
            assert!(
                d.message.key.starts_with(&format!("{}.", section(d.code))),
                "{}: {} is not a key of {}",
                d.file,
                d.message.key,
                d.code
            );
            for message in messages(d) {
                for key in message.keys() {
                    assert!(
                        catalogue.contains(key) || is_plural_group(key, &catalogue),
                        "{}: {key} is not in data/words/{}.yaml",
                        d.file,
                        lang.code()
                    );
                }
                let unfilled = unfilled(lang, message);
                assert!(
                    unfilled.is_empty(),
                    "{}: {} gives no value for {unfilled:?}",
                    d.file,
                    message.key
                );
            }
        }
    }
}

/// The `{name}`s of a message's text (and of the phrases in it) that the
/// message gives no value for.
fn unfilled(lang: Lang, message: &Message) -> Vec<String> {
    let template = match message.count {
        Some(count) => i18n::text(
            lang,
            &format!("{}.{}", message.key, lang.plural_category(count)),
        ),
        None => i18n::text(lang, message.key),
    };
    let mut out: Vec<String> = template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .filter(|name| message.get(name).is_none())
        .map(str::to_string)
        .collect();
    for (_, arg) in &message.args {
        if let trappa::diagnostic::Arg::Phrase(phrase) = arg {
            out.extend(unfilled(lang, phrase));
        }
    }
    out
}

/// Texts that are the same in both languages on purpose.
const THE_SAME_IN_BOTH: &[&str] = &[
    // Only the value as written, in backticks.
    "diagnostic.written.plain",
    // "text" is the Swedish word too.
    "diagnostic.kind.text",
];

#[test]
fn every_swedish_text_of_a_diagnostic_differs_from_the_english() {
    let mut same = Vec::new();
    for key in keys(Lang::Sv) {
        if key.starts_with("diagnostic.")
            && !THE_SAME_IN_BOTH.contains(&key)
            && i18n::text(Lang::Sv, key) == i18n::text(Lang::En, key)
        {
            same.push(key);
        }
    }
    assert!(same.is_empty(), "not translated: {same:?}");
    // Every code has a section of its own, so this covers each of them.
    for code in Code::ALL {
        let prefix = format!("{}.", section(*code));
        assert!(keys(Lang::Sv).iter().any(|k| k.starts_with(&prefix)));
    }
}

/// Words of English sentences that Swedish never uses. (Not "in", "by" or
/// "so": those are Swedish words too.)
const ENGLISH: &[&str] = &[
    "the",
    "a",
    "an",
    "is",
    "are",
    "must",
    "should",
    "expected",
    "missing",
    "found",
    "not",
    "with",
    "add",
    "of",
    "or",
    "and",
    "to",
    "for",
    "has",
    "have",
    "be",
    "this",
    "that",
    "it",
    "its",
    "was",
    "were",
    "cannot",
    "can",
    "only",
    "one",
    "no",
    "did",
    "you",
    "mean",
    "write",
    "use",
    "file",
    "value",
    "key",
    "line",
    "step",
    "service",
    "unknown",
    "duplicate",
    "error",
    "warning",
    "help",
    "checked",
    "found",
    "invalid",
    "please",
    "there",
    "which",
    "from",
    "after",
    "before",
    "than",
    "more",
    "less",
    "at",
    "on",
    "as",
    "but",
    "if",
    "does",
    "do",
];

/// The words of a Swedish text outside what it quotes: values in
/// backticks, text in quotes, `{placeholders}`, paths, flags and names of
/// the file format stay as written in every language.
fn own_words(text: &str) -> Vec<String> {
    let mut kept = String::new();
    let mut inside: Option<char> = None;
    for c in text.chars() {
        match (inside, c) {
            (None, '`' | '"' | '”' | '{') => inside = Some(if c == '{' { '}' } else { c }),
            (Some(close), c) if c == close => inside = None,
            (None, c) => kept.push(c),
            _ => {}
        }
    }
    kept.split(|c: char| c.is_whitespace() || ",;:()[]!?".contains(c))
        .filter(|w| !w.contains(['/', '.', '-', '_', '@', '=']))
        .map(|w| w.to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn english_words(text: &str) -> Vec<String> {
    own_words(text)
        .into_iter()
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

#[test]
fn the_stop_words_find_english() {
    assert_eq!(
        english_words("`x` must be a list, found `a: b`"),
        ["must", "be", "a", "found"]
    );
    assert!(english_words("`x` ska vara en lista, men är `the list`").is_empty());
}

/// The sections of what `check` and the commands say when something is wrong.
const MESSAGE_SECTIONS: &[&str] = &[
    "code.",
    "diagnostic.",
    "run.",
    "usage.",
    "refusal.",
    "io.",
    "input.",
];

#[test]
fn no_swedish_message_or_help_contains_an_english_sentence() {
    let mut english = Vec::new();
    for key in keys(Lang::Sv) {
        if !MESSAGE_SECTIONS.iter().any(|s| key.starts_with(s)) {
            continue;
        }
        let words = english_words(i18n::text(Lang::Sv, key));
        if !words.is_empty() {
            english.push(format!("{key}: {words:?}"));
        }
    }
    assert!(
        english.is_empty(),
        "English in sv.yaml:\n{}",
        english.join("\n")
    );
}

#[test]
fn no_swedish_finding_of_any_fixture_contains_an_english_sentence() {
    let mut english = Vec::new();
    for d in every_finding() {
        for message in messages(&d) {
            let text = i18n::message(Lang::Sv, message);
            let words = english_words(&text);
            if !words.is_empty() {
                english.push(format!("{}:{}: {text} {words:?}", d.file, d.line));
            }
        }
    }
    assert!(english.is_empty(), "{}", english.join("\n"));
}

/// The refusals and the usage and I/O errors (exit 1 and 2) a user meets,
/// run in Swedish: every line trappa writes on standard error is Swedish
/// outside what it quotes.
#[test]
fn no_swedish_refusal_or_error_contains_an_english_sentence() {
    let runs: &[&[&str]] = &[
        &["check", "tests/fixtures/no-such-file.yaml"],
        &["check", "tests/cmd"],
        &["check", "-", "-"],
        &["check", "-o", "examples", "examples/no-services.yaml"],
        &["classify", "examples/targets-trelleborg.yaml"],
        &["classify", "tests/fixtures/contradictions.yaml"],
        &[
            "report",
            "examples/trelleborg-2013.yaml",
            "--targets",
            "examples/trelleborg-2013.yaml",
        ],
        &[
            "report",
            "examples/trelleborg-2014.yaml",
            "--previous",
            "examples/norrkoping-2008.yaml",
        ],
        &[
            "report",
            "examples/trelleborg-2013.yaml",
            "--previous",
            "examples/trelleborg-2014.yaml",
        ],
        &[
            "report",
            "examples/trelleborg-2014.yaml",
            "--targets",
            "tests/fixtures/targets-unknown-department.yaml",
        ],
        &["report", "-", "--previous", "-"],
        &["compare", "examples/", "tests/fixtures/version-2.yaml"],
        &[
            "compare",
            "tests/fixtures/compare",
            "tests/fixtures/compare-duplicate",
        ],
        &["compare", "examples/targets-trelleborg.yaml"],
        &["compare", "--excel", "examples/"],
        &["export", "--excel", "--format", "json", "examples/"],
        &[
            "export",
            "--base-iri",
            "ftp://x",
            "--format",
            "cpsv-ap",
            "examples/",
        ],
        &["export", "--base-iri", "https://x/", "examples/"],
        &["export", "--format", "cpsv-ap", "--indicators", "examples/"],
        &[
            "export",
            "--format",
            "cpsv-ap",
            "tests/fixtures/cpsv/undescribed.yaml",
        ],
        &["init", "--code", "9999"],
        &["init", "--code", "12"],
        &["init", "--code", "Trelleborg"],
        &["init", "--name", " "],
        &["init", "-o", "examples"],
        &["init", "-o", "examples/broken.yaml"],
        &["man", "nosuch"],
        &[
            "check",
            "-o",
            "examples/no-services.yaml",
            "examples/no-services.yaml",
        ],
        &[
            "report",
            "examples/trelleborg-2014.yaml",
            "-o",
            "examples/trelleborg-2013.yaml",
        ],
    ];
    let swedish = [("NO_COLOR", "1"), ("LC_ALL", "sv_SE.UTF-8")];
    let mut english = Vec::new();
    for args in runs {
        let out = trappa_env(args, &swedish);
        assert!(
            matches!(out.status.code(), Some(1 | 2)),
            "trappa {args:?} should fail"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("trappa: ") || l.starts_with("  tips: "))
            .collect();
        assert!(!lines.is_empty(), "trappa {args:?} says nothing: {stderr}");
        for line in lines {
            let words = english_words(line.trim_start_matches("trappa: "));
            if !words.is_empty() {
                english.push(format!("trappa {args:?}: {line} {words:?}"));
            }
        }
    }
    assert!(english.is_empty(), "{}", english.join("\n"));
}
