//! The shape of the code as the README's Architecture section draws it:
//! data flows one way, so a module may name (`crate::…`) only modules
//! before it in [`LAYERS`]. A new module must be placed here, in the README
//! and in `src/lib.rs` — which is the point.

use crate::helpers::root;
use std::path::Path;

/// The top-level modules of `src/`, from the bottom of the flow up. Modules
/// on one line do not use each other.
const LAYERS: &[&[&str]] = &[
    &["characters", "limits"],
    &["diagnostic", "suggest", "municipalities"],
    &["inventory"],
    &["i18n", "schema", "starter"],
    &["ladder"],
    &["check"],
    &["pipeline", "classified"],
    &["indicators", "fix"],
    &["report", "compare"],
    &["trend", "survey", "plan"],
    &["export"],
    &["render"],
    &["import"],
    &["emit", "lsp"],
    &["cli"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level module a source file belongs to (`src/render/csv.rs` →
/// `render`); `None` for `lib.rs` and `main.rs`, which see everything.
fn module_of(path: &Path, src: &Path) -> Option<String> {
    let relative = path.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
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

/// The code of a file without its comments: prose may name any module.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| line.split_once("//").map_or(line, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module named by a `crate::` path in the code, including those in
/// a `use crate::{a, b::c}` group.
fn named_modules(text: &str) -> Vec<String> {
    let text = code_of(text);
    let mut out = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inside = &group[..group.find('}').unwrap_or(group.len())];
            for item in inside.split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push(name);
            }
        } else {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out.retain(|name| !name.is_empty());
    out
}

#[test]
fn every_module_uses_only_modules_before_it() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let Some(module) = module_of(file, &src) else {
            continue;
        };
        let Some(own) = layer(&module) else {
            wrong.push(format!(
                "{}: module `{module}` is not placed in LAYERS",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for named in named_modules(&text) {
            if named == module {
                continue;
            }
            match layer(&named) {
                Some(other) if other < own => {}
                Some(_) => wrong.push(format!(
                    "{}: `{module}` uses `crate::{named}`, which is not before it",
                    file.display()
                )),
                None => wrong.push(format!(
                    "{}: `crate::{named}` is not placed in LAYERS",
                    file.display()
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_reader_sees_groups_and_paths() {
    assert_eq!(
        named_modules(
            "use crate::{inventory::Step, i18n};\nlet x = crate::render::numbers::value;"
        ),
        ["inventory", "i18n", "render"]
    );
}
