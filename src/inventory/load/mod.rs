//! The only code that touches YAML. It turns text into a [`Node`] tree in
//! which every node knows its line and column, and scalars keep the text they
//! were written with. Typing the tree (which key means what) is `decode`'s job.
//!
//! Why a tree and not `#[derive(Deserialize)]` straight into the model: serde
//! stops at the first error, and a strategist wants every mistake of a file
//! in one run, each at its own line and column.

mod build;
mod scalar;

use crate::diagnostic::{Diagnostic, Pos};

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

    /// True for a scalar written without quotes: its text is what the file
    /// holds at its place, so a fix may replace it as it stands.
    pub fn is_plain(&self) -> bool {
        match &self.value {
            Value::Str { plain, .. } => *plain,
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => self.raw.is_some(),
            _ => false,
        }
    }

    /// True when this is a mapping with the text key `key`.
    pub fn has_key(&self, key: &str) -> bool {
        match &self.value {
            Value::Map(entries) => entries.iter().any(|(k, _)| k.scalar_text() == Some(key)),
            _ => false,
        }
    }

    /// The catalogue key of what kind of value this is ("a list"), for
    /// "must be X, found Y".
    pub fn kind_key(&self) -> &'static str {
        match self.value {
            Value::Null => "diagnostic.kind.nothing",
            Value::Bool(_) => "diagnostic.kind.boolean",
            Value::Int(_) => "diagnostic.kind.integer",
            Value::Float(_) => "diagnostic.kind.number",
            Value::Str { .. } => "diagnostic.kind.text",
            Value::Seq(_) => "diagnostic.kind.list",
            Value::Map(_) => "diagnostic.kind.mapping",
        }
    }
}

/// Parses one YAML document under the limits of [`crate::limits`].
/// An error is E001, at the place the parser stopped.
pub fn parse(file: &str, text: &str) -> Result<Node, Diagnostic> {
    build::tree(text).map_err(|refusal| refusal.into_diagnostic(file))
}

/// Parse embedded data that ships with the binary (data/*.yaml). Those files
/// are fixed at compile time and a unit test parses each of them, so a failure
/// here is a build defect, not a user error.
pub fn bundled<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> T {
    serde_saphyr::from_str(text)
        .unwrap_or_else(|e| panic!("bundled data file {name} is invalid: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Arg, Code};
    use crate::limits;

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

    #[test]
    fn nesting_at_the_limit_is_read_and_one_deeper_is_refused() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse("f", &nested(limits::MAX_DEPTH)).is_ok());
        let d = parse("f", &nested(limits::MAX_DEPTH + 1)).unwrap_err();
        assert_eq!(d.message.key, "diagnostic.e001.too_deep");
        assert_eq!(d.message.get("limit"), Some(&Arg::Number(24)));
        assert_eq!(d.pos(), Pos::new(1, 25, 1));
    }

    #[test]
    fn aliases_copy_the_anchored_value_to_where_they_are_used() {
        let root = parse("f", "a: &x {b: 1}\nc: *x\n").unwrap();
        let entries = map_of(&root);
        let copy = &entries[1].1;
        assert_eq!(copy.pos, Pos::new(2, 4, 2));
        let inner = map_of(copy);
        assert_eq!(inner[0].1.value, Value::Int(1));
        // A finding inside the copy points at the alias that used it.
        assert_eq!(inner[0].1.pos, Pos::new(2, 4, 2));
    }

    #[test]
    fn merge_keys_add_what_the_mapping_does_not_say_itself() {
        let text = "d: &d {status: live, department: soc}\ne: &e {department: bou, x: 1}\ns:\n  <<: [*d, *e]\n  id: a\n  status: planned\n";
        let root = parse("f", text).unwrap();
        let service = &map_of(&root)[2].1;
        let keys: Vec<(&str, String)> = map_of(service)
            .iter()
            .map(|(k, v)| (k.scalar_text().unwrap(), format!("{:?}", v.value)))
            .collect();
        let names: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
        assert_eq!(names, ["department", "x", "id", "status"]);
        assert!(keys[0].1.contains("soc"), "the first merged mapping wins");
        assert!(keys[3].1.contains("planned"), "the mapping's own key wins");
    }

    #[test]
    fn a_merge_of_something_else_is_refused() {
        let d = parse("f", "a:\n  <<: 3\n").unwrap_err();
        assert_eq!(d.code, Code::E001);
        assert_eq!(d.message.key, "diagnostic.e001.merge");
    }

    #[test]
    fn an_alias_inside_its_own_anchor_is_refused() {
        let d = parse("f", "a: &a\n  b: *a\n").unwrap_err();
        assert_eq!(d.message.key, "diagnostic.e001.alias_in_anchor");
        assert_eq!(d.message.get("name"), Some(&Arg::Text("*a".into())));
        assert_eq!(d.pos(), Pos::new(2, 6, 2));
    }

    #[test]
    fn an_undefined_alias_is_refused() {
        let d = parse("f", "a: *nowhere\n").unwrap_err();
        assert_eq!(d.code, Code::E001);
        assert_eq!(d.message.key, "diagnostic.e001.unknown_anchor");
    }

    #[test]
    fn a_second_document_is_refused_where_it_starts() {
        let d = parse("f", "a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(d.message.key, "diagnostic.e001.two_documents");
        assert_eq!(d.pos().line, 2);
    }

    #[test]
    fn alias_uses_are_counted() {
        let mut text = String::from("a: &a 1\nb: [");
        text.push_str(&vec!["*a"; limits::MAX_ALIASES + 1].join(","));
        text.push_str("]\n");
        let d = parse("f", &text).unwrap_err();
        assert_eq!(d.message.key, "diagnostic.e001.aliases");
        assert_eq!(d.message.get("limit"), Some(&Arg::Number(1000)));
    }

    #[test]
    fn nodes_are_counted() {
        let text = format!("[{}]", vec!["1"; limits::MAX_NODES].join(","));
        let d = parse("f", &text).unwrap_err();
        assert_eq!(d.message.key, "diagnostic.e001.nodes");
        assert_eq!(d.message.get("limit"), Some(&Arg::Number(1_000_000)));
    }

    #[test]
    fn no_document_is_an_empty_value_at_the_start() {
        for text in ["", "# only a comment\n", "\n\n"] {
            let root = parse("f", text).unwrap();
            assert_eq!(root.value, Value::Null);
            assert_eq!(root.pos, Pos::START);
        }
    }

    /// The YAML test suite's error cases (yaml/yaml-test-suite, the tests
    /// tagged `error`) give these kinds of parser error; each input here is
    /// written for an inventory to hit one of them, and each must reach its
    /// own key, never the catch-all that keeps the parser's English.
    #[test]
    fn syntax_errors_a_user_meets_have_words_of_their_own() {
        let cases: &[(&str, &str)] = &[
            ("name: Bygglov\n  ansökan\nid\n", "key_without_colon"),
            ("\"a\": b\n\"c\":d\n", "key_without_colon"),
            ("name: Ansökan: bygglov\n", "colon_in_value"),
            ("{a:[b]}\n", "colon"),
            ("[a\n  : b]\n", "colon"),
            ("organisation:\n    name: X\n  code: \"1\"\n", "indentation"),
            ("services:\n  - id: a\n  x: 1\n", "expected_item"),
            ("a: [b, - c]\n", "item_not_allowed"),
            ("? a\n: b\nc: ? d\n", "key_not_allowed"),
            ("-\t-\n", "dash_space"),
            ("a:\n\tb: 1\n", "tab"),
            ("a: |0\n  x\n", "block_header"),
            ("a: |x\n  y\n", "block_header"),
            ("a: |\n     \n  b\n", "block_indentation"),
            ("a: |\n\tb\n", "block_indentation"),
            ("a:\n  b: \"x\ny\"\n", "quoted_indentation"),
            ("a: \"x", "unclosed_quote"),
            ("a: 'x' y\n", "after_quote"),
            ("a: \"b\"c\n", "after_quote"),
            ("a: \"x\\qy\"\n", "escape"),
            ("a: \"\\x4\"\n", "escape"),
            ("\"x\n---\ny\"\n", "marker_in_quote"),
            ("a: \"h\"#i\n", "comment_space"),
            ("a: b\n   c # d\n   e\n", "comment_in_text"),
            ("a: [b, c\n", "unclosed_bracket"),
            ("a: [b, c}\n", "mismatched_bracket"),
            ("a: b\n]\n", "stray_bracket"),
            ("a: [b\n#c\n d]\n", "flow_sequence_separator"),
            ("a: {b: c d: e}\n", "flow_mapping_separator"),
            ("a: [,]\n", "flow_unfinished"),
            ("a: [-, -]\n", "dash_bracket"),
            ("a: @b\n", "reserved_character"),
            ("a: `b\n", "reserved_character"),
            ("a: & b\n", "anchor_name"),
            ("a: b\n... c\n", "after_document"),
            ("a\n: b\n", "after_document"),
            ("%YAML 1.2\n", "after_document"),
            ("%YAML 1.2\n%YAML 1.2\n---\na: b\n", "directive"),
            ("%YAML 1.2 x\n---\na: b\n", "directive"),
            ("a: b\n%YAML 1.2\n---\nc: d\n", "directive"),
            ("a: !x!y b\n", "tag"),
            ("a: !<x b\n", "tag"),
            ("a: !x\"y b\n", "tag"),
            ("a: b\n\u{feff}c: d\n", "byte_order_mark"),
        ];
        for (text, key) in cases {
            let d = parse("f", text).expect_err(text);
            assert_eq!(d.code, Code::E001);
            assert_eq!(
                d.message.key,
                format!("diagnostic.e001.yaml.{key}"),
                "{text:?}"
            );
        }
        let d = parse("f", "a: [b, c}\n").unwrap_err();
        assert_eq!(d.message.get("open"), Some(&Arg::Text("[".into())));
        assert_eq!(d.message.get("close"), Some(&Arg::Text("}".into())));
    }

    #[test]
    fn the_non_specific_tag_makes_text() {
        let root = parse("f", "code: ! 0128\nyear: ! 2014\n").unwrap();
        for (_, value) in map_of(&root) {
            assert!(matches!(value.value, Value::Str { .. }), "{value:?}");
        }
    }
}
