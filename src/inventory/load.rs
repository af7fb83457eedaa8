//! The only code that touches YAML. It turns text into a [`Node`] tree in
//! which every node knows its line and column, and scalars keep the text they
//! were written with. Typing the tree (which key means what) is `decode`'s job.
//!
//! Why a tree and not `#[derive(Deserialize)]` straight into the model: serde
//! stops at the first error, and a strategist wants every mistake of a file
//! in one run, each at its own line and column.

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::limits;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, DuplicateKeyPolicy, Error as YamlError, Spanned, budget::BudgetBreach};
use std::fmt;

/// One YAML node with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
    /// For a scalar that YAML typed as a number, boolean or null: the text as
    /// written, so the decoder can take `name: 1177` or `code: 0128` as text.
    pub raw: Option<Box<str>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    /// A string scalar. `plain` is false when it was quoted or a block scalar.
    Str {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar as the author wrote it: the text of a string, the spelling
    /// of a number. None for lists, mappings and empty values.
    pub fn scalar_text(&self) -> Option<&str> {
        match &self.value {
            Value::Str { text, .. } => Some(text),
            _ => self.raw.as_deref(),
        }
    }

    /// True when this is a mapping with the text key `key`.
    pub fn has_key(&self, key: &str) -> bool {
        match &self.value {
            Value::Map(entries) => entries.iter().any(|(k, _)| k.scalar_text() == Some(key)),
            _ => false,
        }
    }

    /// A short description of what kind of value this is, for "expected X, found Y".
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str { .. } => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Parses one YAML document under the limits of [`crate::limits`].
/// An error is E001, at the place the parser stopped.
pub fn parse(file: &str, text: &str) -> Result<Node, Diagnostic> {
    match serde_saphyr::from_str_with_options::<Spanned<RawValue>>(text, options()) {
        Ok(root) => Ok(into_node(root, text)),
        Err(error) => Err(to_diagnostic(file, &error)),
    }
}

fn budget() -> Budget {
    let mut budget = Budget::default();
    budget.max_depth = limits::MAX_DEPTH;
    budget.max_nodes = limits::MAX_NODES;
    budget.max_events = limits::MAX_NODES * 2;
    budget.max_aliases = limits::MAX_ALIASES;
    budget.max_documents = 1;
    budget.max_reader_input_bytes = Some(limits::MAX_FILE_BYTES as usize);
    budget
}

/// The parser settings every file is read with: the limits of
/// [`crate::limits`], strict booleans, duplicates passed through. Public so
/// the benchmark's bare-parse baseline reads files exactly as `check` does.
pub fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: Some(budget()),
        // Duplicates are passed through and reported by the decoder, which
        // can go on and find the file's other problems in the same run.
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        strict_booleans: true,
        with_snippet: false,
        alias_limits: alias_limits(),
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::AsString,
    }
}

fn alias_limits() -> serde_saphyr::options::AliasLimits {
    let mut alias = serde_saphyr::options::AliasLimits::default();
    alias.max_total_replayed_events = limits::MAX_ALIAS_REPLAYED_EVENTS;
    alias
}

fn to_diagnostic(file: &str, error: &YamlError) -> Diagnostic {
    let pos = error
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| Pos::new(l.line() as u32, l.column().max(1) as u32, 1))
        .unwrap_or(Pos::START);
    let (message, help) = describe(error);
    let diagnostic = Diagnostic::new(Code::E001, file, pos, message);
    match help {
        Some(help) => diagnostic.help(help),
        None => diagnostic,
    }
}

/// The parser's messages are written for programmers ("set DuplicateKeyPolicy
/// in Options"); the common ones get words for the people who edit inventories.
fn describe(error: &YamlError) -> (String, Option<String>) {
    let mut inner = error.without_snippet();
    while let YamlError::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    match inner {
        YamlError::DuplicateMappingKey { key, .. } => (
            match key {
                Some(key) => format!("duplicate key `{key}`"),
                None => "duplicate key".to_string(),
            },
            Some("a key may appear once in a mapping; remove or merge the repeated one".into()),
        ),
        YamlError::MultipleDocuments { .. } => (
            "more than one YAML document (`---`) in the file".to_string(),
            Some("an inventory file holds one document: one organisation and one year".into()),
        ),
        YamlError::Budget { breach, .. } => describe_breach(breach),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => (
            format!(
                "aliases expand to too much data (limit: {} replayed YAML events)",
                limits::MAX_ALIAS_REPLAYED_EVENTS
            ),
            Some("an inventory does not need nested aliases; write the values out".into()),
        ),
        other => {
            let message = plain_message(other);
            // The scanner's own guard against deep flow nesting fires before
            // the budget's depth check can: say what it means.
            if message.contains("recursion limit") {
                describe_breach(&BudgetBreach::Depth { depth: 0 })
            } else {
                (message, None)
            }
        }
    }
}

fn describe_breach(breach: &BudgetBreach) -> (String, Option<String>) {
    let alias_help = Some("an inventory does not need nested aliases; write the values out".into());
    match breach {
        BudgetBreach::Depth { .. } => (
            format!("nesting is deeper than {} levels", limits::MAX_DEPTH),
            Some("an inventory nests at most five levels; check the indentation".into()),
        ),
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => (
            format!(
                "the file has more than {} YAML nodes (aliases expanded)",
                limits::MAX_NODES
            ),
            alias_help,
        ),
        BudgetBreach::Aliases { .. } => (
            format!("the file uses more than {} aliases", limits::MAX_ALIASES),
            alias_help,
        ),
        BudgetBreach::Documents { .. } => (
            "more than one YAML document (`---`) in the file".to_string(),
            Some("an inventory file holds one document: one organisation and one year".into()),
        ),
        other => (
            format!("the file exceeds a parser limit ({other:?})"),
            alias_help,
        ),
    }
}

/// The library appends " at line L, column C"; the diagnostic carries that already.
fn plain_message(error: &YamlError) -> String {
    let text = error.to_string();
    let text = match text.find(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    let text = text.trim();
    if text.is_empty() {
        "YAML syntax error".to_string()
    } else {
        format!("YAML syntax error: {text}")
    }
}

/// Parse embedded data that ships with the binary (data/*.yaml). Those files
/// are fixed at compile time and a unit test parses each of them, so a failure
/// here is a build defect, not a user error.
pub fn bundled<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> T {
    serde_saphyr::from_str(text)
        .unwrap_or_else(|e| panic!("bundled data file {name} is invalid: {e}"))
}

// ---------------------------------------------------------------------------
// The untyped tree as serde sees it. `Spanned` makes serde-saphyr hand us the
// location of every node, including map keys.

#[derive(Debug)]
enum RawValue {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawValue>>),
    Map(Vec<(Spanned<RawValue>, Spanned<RawValue>)>),
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        RawValue::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawValue, E> {
        Ok(RawValue::Int(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<RawValue, E> {
        Ok(RawValue::Int(v))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawValue, E> {
        Ok(i128::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawValue, E> {
        Ok(RawValue::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawValue>>()? {
            items.push(item);
        }
        Ok(RawValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<RawValue>>()? {
            let value = map.next_value::<Spanned<RawValue>>()?;
            entries.push((key, value));
        }
        Ok(RawValue::Map(entries))
    }
}

fn into_node(spanned: Spanned<RawValue>, text: &str) -> Node {
    let location = spanned.referenced;
    let span = location.span();
    let source = span.byte_offset().and_then(|start| {
        let start = usize::try_from(start).ok()?;
        let len = usize::try_from(span.byte_len()?).ok()?;
        text.get(start..start.checked_add(len)?)
    });
    let len = source.map_or(1, |s| s.chars().count().max(1)) as u32;
    let pos = Pos::new(location.line() as u32, location.column().max(1) as u32, len);
    let value = match spanned.value {
        RawValue::Null => Value::Null,
        RawValue::Bool(b) => Value::Bool(b),
        RawValue::Int(i) => Value::Int(i),
        RawValue::Float(f) => Value::Float(f),
        RawValue::Str(s) => {
            let plain = source
                .and_then(|s| s.chars().next())
                .is_none_or(|c| !matches!(c, '"' | '\'' | '|' | '>'));
            Value::Str { text: s, plain }
        }
        RawValue::Seq(items) => Value::Seq(items.into_iter().map(|n| into_node(n, text)).collect()),
        RawValue::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (into_node(k, text), into_node(v, text)))
                .collect(),
        ),
    };
    // Numbers, booleans and nulls keep the spelling they were written with.
    let raw = match value {
        Value::Str { .. } | Value::Seq(_) | Value::Map(_) => None,
        _ => source.filter(|s| !s.is_empty()).map(Box::from),
    };
    Node { pos, value, raw }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_of(node: &Node) -> &[(Node, Node)] {
        match &node.value {
            Value::Map(entries) => entries,
            other => panic!("expected a map, got {other:?}"),
        }
    }

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let root = parse("f", "a: 1\nbb:\n  - x\n").unwrap();
        let entries = map_of(&root);
        assert_eq!(entries[1].0.pos, Pos::new(2, 1, 2));
        match &entries[1].1.value {
            Value::Seq(items) => assert_eq!(items[0].pos, Pos::new(3, 5, 1)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn yaml_11_booleans_stay_text() {
        let root = parse("f", "a: yes\nb: true\n").unwrap();
        let entries = map_of(&root);
        assert_eq!(
            entries[0].1.value,
            Value::Str {
                text: "yes".into(),
                plain: true
            }
        );
        assert_eq!(entries[1].1.value, Value::Bool(true));
    }

    #[test]
    fn quoted_text_is_not_plain() {
        let root = parse("f", "a: \"0128\"\nb: 0128\n").unwrap();
        let entries = map_of(&root);
        assert!(matches!(
            &entries[0].1.value,
            Value::Str { plain: false, .. }
        ));
        assert_eq!(entries[1].1.scalar_text(), Some("0128"));
    }

    #[test]
    fn duplicate_keys_are_kept_for_the_decoder_to_report() {
        let root = parse("f", "a: 1\nb:\n  x: 1\n  x: 2\n").unwrap();
        match &map_of(&root)[1].1.value {
            Value::Map(entries) => assert_eq!(entries.len(), 2),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let mut previous = 'a';
        for name in 'b'..='j' {
            let refs = vec![format!("*{previous}"); 9].join(",");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
            previous = name;
        }
        let d = parse("f", &text).unwrap_err();
        assert_eq!(d.code, Code::E001);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let d = parse("f", &text).unwrap_err();
        assert_eq!(d.code, Code::E001);
    }
}
