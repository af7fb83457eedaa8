//! Builds the [`Node`] tree from the YAML parser's events, under the limits
//! of [`crate::limits`].
//!
//! Why events and not serde: every event carries its source span, so each
//! node gets its line and column for free. Asking serde-saphyr for the same
//! through its `Spanned<T>` wrapper made `check` cost 1.3× a bare
//! deserialization on the national corpus; from events it costs less than one.
//! The parser is serde-saphyr's own (granit-parser, which it re-exports), so
//! the syntax accepted is the same.
//!
//! The limits are enforced here, as the events arrive, so a hostile file
//! stops after bounded work and memory: nesting depth (also through
//! aliases), node count (aliases expanded), alias uses, nodes and bytes
//! copied by aliases, nodes and bytes kept for anchors, one document.

use super::{Node, Value, scalar};
use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::limits;
use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle, ScanError, Span};
use std::collections::{HashMap, HashSet};

/// Why a file was not turned into a tree: always E001, at a place in the file.
#[derive(Debug)]
pub struct ParseError {
    pos: Pos,
    message: String,
    help: Option<&'static str>,
}

impl ParseError {
    fn new(pos: Pos, message: impl Into<String>, help: Option<&'static str>) -> ParseError {
        ParseError {
            pos,
            message: message.into(),
            help,
        }
    }

    pub fn into_diagnostic(self, file: &str) -> Diagnostic {
        let diagnostic = Diagnostic::new(Code::E001, file, self.pos, self.message);
        match self.help {
            Some(help) => diagnostic.help(help),
            None => diagnostic,
        }
    }
}

const ALIAS_HELP: &str = "an inventory does not need nested aliases; write the values out";
const DOCUMENT_HELP: &str = "an inventory file holds one document: one organisation and one year";

/// The tree of the file's one document. A file with no document (empty, or
/// only comments) is a null at line 1, which the decoder calls empty.
pub fn tree(text: &str) -> Result<Node, ParseError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str_with_options(text, Options::default());
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|error| syntax_error(&error))?;
        builder.take(event, span, text)?;
    }
    Ok(builder.root.unwrap_or(Node {
        pos: Pos::START,
        value: Value::Null,
        raw: None,
    }))
}

/// A sequence or mapping whose end has not been seen yet.
struct Open {
    pos: Pos,
    anchor: usize,
    kind: OpenKind,
    /// What its children so far weigh, itself included.
    size: Size,
}

/// What a subtree weighs: what an alias to it copies, what an anchor on it
/// keeps, and how deep it nests (0 for a scalar).
#[derive(Clone, Copy, Debug, Default)]
struct Size {
    nodes: usize,
    bytes: usize,
    depth: usize,
}

impl Size {
    fn of_scalar(node: &Node) -> Size {
        let text = match &node.value {
            Value::Str { text, .. } => text.len(),
            _ => 0,
        };
        Size {
            nodes: 1,
            bytes: text + node.raw.as_deref().map_or(0, str::len),
            depth: 0,
        }
    }

    fn add_child(&mut self, child: Size) {
        self.nodes += child.nodes;
        self.bytes += child.bytes;
        self.depth = self.depth.max(child.depth + 1);
    }
}

enum OpenKind {
    Seq(Vec<Node>),
    /// Entries so far, and a key waiting for its value.
    Map(Vec<(Node, Node)>, Option<Node>),
}

/// A completed anchored node (`&name`), and its size, which is what each
/// alias to it (`*name`) costs.
struct Anchored {
    node: Node,
    size: Size,
}

#[derive(Default)]
struct Builder {
    open: Vec<Open>,
    anchors: HashMap<usize, Anchored>,
    root: Option<Node>,
    documents: usize,
    nodes: usize,
    aliases: usize,
    /// Copied by aliases so far.
    copied: Size,
    /// Kept for anchors so far: every anchored value is stored once more.
    kept: Size,
}

impl Builder {
    fn take(&mut self, event: Event, span: Span, text: &str) -> Result<(), ParseError> {
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(ParseError::new(
                        pos_of(&span),
                        "more than one YAML document (`---`) in the file",
                        Some(DOCUMENT_HELP),
                    ));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                self.count_nodes(1, &span)?;
                let pos = pos_of(&span);
                let plain = style == ScalarStyle::Plain;
                // `!` alone (the non-specific tag) makes a scalar text (YAML 1.2 §6.9.1).
                let core_tag = tag.as_deref().and_then(|t| {
                    if t.handle().is_empty() && t.suffix() == "!" {
                        Some("str")
                    } else {
                        t.core_suffix()
                    }
                });
                let value = scalar::resolve(&value, plain, core_tag)
                    .map_err(|message| ParseError::new(pos, message, None))?;
                // Numbers, booleans and nulls keep the spelling they were written
                // with, so `code: 0128` can be read as the text it means.
                let raw = match &value {
                    Value::Str { .. } => None,
                    _ => span.slice(text).filter(|s| !s.is_empty()).map(Box::from),
                };
                let node = Node { pos, value, raw };
                let size = Size::of_scalar(&node);
                self.complete(node, anchor, size)?;
            }
            Event::SequenceStart(_, anchor, _) => {
                self.start(&span, anchor, OpenKind::Seq(Vec::new()))?
            }
            Event::MappingStart(_, anchor, _) => {
                self.start(&span, anchor, OpenKind::Map(Vec::new(), None))?
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(open) = self.open.pop() else {
                    return Err(ParseError::new(pos_of(&span), "YAML syntax error", None));
                };
                let value = match open.kind {
                    OpenKind::Seq(items) => Value::Seq(items),
                    OpenKind::Map(entries, _) => Value::Map(merge(entries)?),
                };
                let node = Node {
                    pos: open.pos,
                    value,
                    raw: None,
                };
                self.complete(node, open.anchor, open.size)?;
            }
            Event::Alias(id) => self.alias(id, &span, text)?,
            // Stream and document ends, and presentation details the parser
            // is not asked for (comments, anchor names).
            _ => {}
        }
        Ok(())
    }

    fn start(&mut self, span: &Span, anchor: usize, kind: OpenKind) -> Result<(), ParseError> {
        self.count_nodes(1, span)?;
        if self.open.len() >= limits::MAX_DEPTH {
            return Err(too_deep(pos_of(span)));
        }
        self.open.push(Open {
            pos: pos_of(span),
            anchor,
            kind,
            // An empty collection is one level deep.
            size: Size {
                nodes: 1,
                bytes: 0,
                depth: 1,
            },
        });
        Ok(())
    }

    /// A `*name`: a copy of the anchored node, placed where the alias is.
    /// Every node of the copy points at the alias, so a finding in it names
    /// the place that used it, once per use.
    fn alias(&mut self, id: usize, span: &Span, text: &str) -> Result<(), ParseError> {
        let pos = pos_of(span);
        self.aliases += 1;
        if self.aliases > limits::MAX_ALIASES {
            return Err(ParseError::new(
                pos,
                format!("the file uses more than {} aliases", limits::MAX_ALIASES),
                Some(ALIAS_HELP),
            ));
        }
        let Some(size) = self.anchors.get(&id).map(|anchored| anchored.size) else {
            // The parser resolves every alias to an anchor defined before it;
            // one that is not complete yet is an alias inside its own anchor.
            let name = span.slice(text).unwrap_or("*");
            return Err(ParseError::new(
                pos,
                format!("the alias `{name}` is inside the value it refers to"),
                Some(ALIAS_HELP),
            ));
        };
        // Every limit is checked before the copy is made.
        if self.open.len() + size.depth > limits::MAX_DEPTH {
            return Err(too_deep(pos));
        }
        self.copied.nodes += size.nodes;
        self.copied.bytes += size.bytes;
        if self.copied.nodes > limits::MAX_ALIAS_COPIED_NODES
            || self.copied.bytes > limits::MAX_ALIAS_COPIED_BYTES
        {
            return Err(ParseError::new(
                pos,
                format!(
                    "aliases expand to too much data (limit: {} YAML nodes or {} MiB copied)",
                    limits::MAX_ALIAS_COPIED_NODES,
                    limits::MAX_ALIAS_COPIED_BYTES >> 20
                ),
                Some(ALIAS_HELP),
            ));
        }
        self.count_nodes(size.nodes, span)?;
        let mut copy = self.anchors[&id].node.clone();
        relocate(&mut copy, pos);
        self.complete(copy, 0, size)
    }

    fn count_nodes(&mut self, more: usize, span: &Span) -> Result<(), ParseError> {
        self.nodes += more;
        if self.nodes > limits::MAX_NODES {
            return Err(ParseError::new(
                pos_of(span),
                format!(
                    "the file has more than {} YAML nodes (aliases expanded)",
                    limits::MAX_NODES
                ),
                Some(ALIAS_HELP),
            ));
        }
        Ok(())
    }

    /// A finished node goes to its parent (or becomes the root), and is
    /// remembered when it carries an anchor.
    fn complete(&mut self, node: Node, anchor: usize, size: Size) -> Result<(), ParseError> {
        if anchor != 0 {
            self.keep(&node, anchor, size)?;
        }
        let Some(parent) = self.open.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        parent.size.add_child(size);
        match &mut parent.kind {
            OpenKind::Seq(items) => items.push(node),
            OpenKind::Map(entries, waiting) => match waiting.take() {
                None => *waiting = Some(node),
                Some(key) => entries.push((key, node)),
            },
        }
        Ok(())
    }

    /// Stores a copy of an anchored node for the aliases to come. Anchors
    /// nested in anchors store the inner value again each time, so what is
    /// kept has limits of its own.
    fn keep(&mut self, node: &Node, anchor: usize, size: Size) -> Result<(), ParseError> {
        self.kept.nodes += size.nodes;
        self.kept.bytes += size.bytes;
        if self.kept.nodes > limits::MAX_ANCHORED_NODES
            || self.kept.bytes > limits::MAX_ANCHORED_BYTES
        {
            return Err(ParseError::new(
                node.pos,
                format!(
                    "anchored values (`&name`) hold too much data (limit: {} YAML nodes or {} MiB in all)",
                    limits::MAX_ANCHORED_NODES,
                    limits::MAX_ANCHORED_BYTES >> 20
                ),
                Some(ALIAS_HELP),
            ));
        }
        self.anchors.insert(
            anchor,
            Anchored {
                node: node.clone(),
                size,
            },
        );
        Ok(())
    }
}

/// Merge keys (`<<: *defaults`, or a list of aliases): the merged mappings'
/// entries are added where the `<<` stood, unless the mapping has the key
/// itself or an earlier merged mapping gave it.
fn merge(entries: Vec<(Node, Node)>) -> Result<Vec<(Node, Node)>, ParseError> {
    if !entries.iter().any(|(key, _)| is_merge_key(key)) {
        return Ok(entries);
    }
    let own: HashSet<String> = entries
        .iter()
        .filter(|(key, _)| !is_merge_key(key))
        .filter_map(|(key, _)| key.scalar_text().map(str::to_string))
        .collect();
    let mut given: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        if !is_merge_key(&key) {
            out.push((key, value));
            continue;
        }
        for source in merged_mappings(value)? {
            for (key, value) in source {
                if let Some(name) = key.scalar_text()
                    && (own.contains(name) || !given.insert(name.to_string()))
                {
                    continue;
                }
                out.push((key, value));
            }
        }
    }
    Ok(out)
}

fn is_merge_key(key: &Node) -> bool {
    matches!(&key.value, Value::Str { text, plain: true } if text == "<<")
}

fn merged_mappings(value: Node) -> Result<Vec<Vec<(Node, Node)>>, ParseError> {
    let not_a_mapping = |pos| {
        ParseError::new(
            pos,
            "a merge key (`<<`) takes a mapping or a list of mappings",
            Some("write `<<: *name`, where `&name` marks a mapping"),
        )
    };
    match value.value {
        Value::Map(entries) => Ok(vec![entries]),
        Value::Seq(items) => items
            .into_iter()
            .map(|item| match item.value {
                Value::Map(entries) => Ok(entries),
                _ => Err(not_a_mapping(item.pos)),
            })
            .collect(),
        _ => Err(not_a_mapping(value.pos)),
    }
}

fn relocate(node: &mut Node, pos: Pos) {
    node.pos = pos;
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|item| relocate(item, pos)),
        Value::Map(entries) => entries.iter_mut().for_each(|(key, value)| {
            relocate(key, pos);
            relocate(value, pos);
        }),
        _ => {}
    }
}

fn too_deep(pos: Pos) -> ParseError {
    ParseError::new(
        pos,
        format!("nesting is deeper than {} levels", limits::MAX_DEPTH),
        Some("an inventory nests at most five levels; check the indentation"),
    )
}

/// The parser counts lines from 1 and columns from 0; a diagnostic counts
/// both from 1. The length is in characters, for the caret under the value.
fn pos_of(span: &Span) -> Pos {
    let length = span.end.index().saturating_sub(span.start.index()).max(1);
    Pos::new(
        span.start.line() as u32,
        span.start.col() as u32 + 1,
        u32::try_from(length).unwrap_or(u32::MAX),
    )
}

fn syntax_error(error: &ScanError) -> ParseError {
    let marker = error.marker();
    let pos = Pos::new(marker.line().max(1) as u32, marker.col() as u32 + 1, 1);
    let info = error.info();
    // The scanner's own guard against deep flow nesting can fire before the
    // depth limit above: say what it means.
    if info.contains("recursion limit") || info.contains("nesting limit") {
        return too_deep(pos);
    }
    if info.contains("unknown anchor") {
        return ParseError::new(
            pos,
            "an alias (`*name`) refers to an anchor that is not defined before it",
            Some("define the value with `&name` above its first `*name`"),
        );
    }
    let info = info.trim();
    if info.is_empty() {
        ParseError::new(pos, "YAML syntax error", None)
    } else {
        ParseError::new(pos, format!("YAML syntax error: {info}"), None)
    }
}
