//! Every place a hint or the README sends a reader exists: a file named in
//! a message (`data/municipalities.csv`, `examples/trelleborg-2014.yaml`),
//! a README section a message names ("README (Indicators)"), a command a
//! message tells the reader to run (`trappa schema --targets`), and every
//! link of the README — to a file of the repository or to one of its own
//! sections. Nothing points outside the repository (`../shared` is not in
//! a clone). Issue #19.7: a hint sent readers to a README section that did
//! not exist.

use crate::helpers::{root, trappa};
use std::collections::BTreeSet;
use trappa::i18n::{self, Catalogue, Lang};
use trappa::inventory::Indicator;

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

/// The headings of a Markdown text (outside code blocks), as written.
fn headings(text: &str) -> Vec<String> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            out.push(line.trim_start_matches('#').trim().to_string());
        }
    }
    out
}

/// GitHub's anchor of a heading: lowercase, spaces to `-`, punctuation
/// other than `-` and `_` dropped.
fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Every text of both catalogues.
fn catalogue_texts() -> Vec<(&'static str, &'static str)> {
    [Lang::En, Lang::Sv]
        .into_iter()
        .flat_map(|lang| Catalogue::keys(lang).map(move |key| (key, i18n::text(lang, key))))
        .collect()
}

/// The repository paths a text names: words with a `/` that start at a
/// top-level directory of the repository.
fn paths_in(text: &str) -> Vec<String> {
    const TOP: &[&str] = &["data/", "examples/", "docs/", "tests/", "src/", "scripts/"];
    text.split(|c: char| c.is_whitespace() || matches!(c, '`' | '"' | '(' | ')' | ',' | ';'))
        .map(|word| word.trim_end_matches(['.', ':']))
        .filter(|word| TOP.iter().any(|top| word.starts_with(top)))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_file_a_message_names_is_in_the_repository() {
    let mut missing = BTreeSet::new();
    for (key, text) in catalogue_texts() {
        for path in paths_in(text) {
            if !root().join(&path).exists() {
                missing.insert(format!("{key}: {path}"));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn every_readme_section_a_message_names_exists() {
    let sections: BTreeSet<String> = headings(&readme()).into_iter().collect();
    let mut named = 0;
    let mut missing = BTreeSet::new();
    for (key, text) in catalogue_texts() {
        for (at, _) in text.match_indices("README (") {
            let rest = &text[at + "README (".len()..];
            let section = &rest[..rest.find(')').unwrap()];
            named += 1;
            if !sections.contains(section) {
                missing.insert(format!("{key}: README ({section})"));
            }
        }
    }
    assert!(
        named > 0,
        "the test looks for the way messages name sections"
    );
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn every_command_a_message_tells_to_run_exists() {
    let mut missing = BTreeSet::new();
    let mut commands = BTreeSet::new();
    for (key, text) in catalogue_texts() {
        for (at, _) in text.match_indices("`trappa ") {
            let rest = &text[at + 1..];
            let command = &rest[..rest.find('`').unwrap()];
            // `trappa schema --targets`: the words up to the first value.
            let words: Vec<&str> = command
                .split_whitespace()
                .skip(1)
                .take_while(|w| !w.contains(['.', '/', '<']))
                .collect();
            commands.insert(words.join(" "));
            let mut args = words.clone();
            args.push("--help");
            let run = trappa(&args);
            if run.status.code() != Some(0) {
                missing.insert(format!("{key}: {command}"));
            }
        }
    }
    assert!(commands.len() >= 2, "found only {commands:?}");
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn every_link_of_the_readme_resolves_in_the_repository() {
    let text = readme();
    let anchors: BTreeSet<String> = headings(&text).iter().map(|h| anchor(h)).collect();
    let mut broken = Vec::new();
    let mut links = 0;
    for (at, _) in text.match_indices("](") {
        let rest = &text[at + 2..];
        let target = &rest[..rest.find(')').unwrap()];
        if target.starts_with("http://") || target.starts_with("https://") {
            continue;
        }
        links += 1;
        let ok = match target.strip_prefix('#') {
            Some(anchor) => anchors.contains(anchor),
            None => root().join(target.split('#').next().unwrap()).exists(),
        };
        if !ok {
            broken.push(target.to_string());
        }
    }
    assert!(links > 10, "found {links} links");
    assert!(broken.is_empty(), "{broken:?}");
    assert!(
        !text.contains("../shared"),
        "the README points outside the repository, where a clone has nothing"
    );
}

/// The README's Indicators section lists every indicator, once: the hint
/// of an unknown indicator sends readers there.
#[test]
fn the_readme_lists_every_indicator() {
    let text = readme();
    let start = text
        .find("\n## Indicators\n")
        .expect("an Indicators section");
    let section = &text[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let listed: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .map(|l| &l[..l.find('`').unwrap()])
        .collect();
    let all: Vec<&str> = Indicator::ids().collect();
    assert_eq!(listed, all);
}
