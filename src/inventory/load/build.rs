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
use crate::diagnostic::{Code, Diagnostic, Message, Pos};
use crate::limits;
use serde_saphyr::granit_parser::{
    ErrorKind, Event, Options, Parser, ScalarStyle, ScanError, Span,
};
use std::collections::{HashMap, HashSet};

/// Why a file was not turned into a tree: always E001, at a place in the file.
#[derive(Debug)]
pub struct ParseError {
    pos: Pos,
    message: Message,
    /// The key of the help line, if there is one.
    help: Option<&'static str>,
}

impl ParseError {
    fn new(pos: Pos, message: Message, help: Option<&'static str>) -> ParseError {
        ParseError { pos, message, help }
    }

    pub fn into_diagnostic(self, file: &str) -> Diagnostic {
        let diagnostic = Diagnostic::new(Code::E001, file, self.pos, self.message);
        match self.help {
            Some(help) => diagnostic.help(Message::new(help)),
            None => diagnostic,
        }
    }
}

const ALIAS_HELP: &str = "diagnostic.e001.alias_help";

/// The tree of the file's one document. A file with no document (empty, or
/// only comments) is a null at line 1, which the decoder calls empty.
pub fn tree(text: &str) -> Result<Node, ParseError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str_with_options(text, Options::default());
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|error| syntax_error(&error, text))?;
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
                        Message::new("diagnostic.e001.two_documents"),
                        Some("diagnostic.e001.two_documents_help"),
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
                    return Err(ParseError::new(
                        pos_of(&span),
                        Message::new("diagnostic.e001.yaml.unbalanced"),
                        None,
                    ));
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
                Message::new("diagnostic.e001.aliases").number("limit", limits::MAX_ALIASES as u64),
                Some(ALIAS_HELP),
            ));
        }
        let Some(size) = self.anchors.get(&id).map(|anchored| anchored.size) else {
            // The parser resolves every alias to an anchor defined before it;
            // one that is not complete yet is an alias inside its own anchor.
            let name = span.slice(text).unwrap_or("*");
            return Err(ParseError::new(
                pos,
                Message::new("diagnostic.e001.alias_in_anchor").text("name", name.to_string()),
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
                Message::new("diagnostic.e001.alias_copies")
                    .number("nodes", limits::MAX_ALIAS_COPIED_NODES as u64)
                    .number("mib", (limits::MAX_ALIAS_COPIED_BYTES >> 20) as u64),
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
                Message::new("diagnostic.e001.nodes").number("limit", limits::MAX_NODES as u64),
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
                Message::new("diagnostic.e001.anchors")
                    .number("nodes", limits::MAX_ANCHORED_NODES as u64)
                    .number("mib", (limits::MAX_ANCHORED_BYTES >> 20) as u64),
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
    let mut merge_keys = entries.iter().filter(|(key, _)| is_merge_key(key));
    if merge_keys.next().is_none() {
        return Ok(entries);
    }
    // `<<` is a key like any other: twice in one mapping is a duplicate,
    // and which one wins would be a guess.
    if let Some((second, _)) = merge_keys.next() {
        return Err(ParseError::new(
            second.pos,
            Message::new("diagnostic.e001.merge_twice"),
            Some("diagnostic.e001.merge_twice_help"),
        ));
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
            Message::new("diagnostic.e001.merge"),
            Some("diagnostic.e001.merge_help"),
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
        Message::new("diagnostic.e001.too_deep").number("limit", limits::MAX_DEPTH as u64),
        Some("diagnostic.e001.too_deep_help"),
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

/// A syntax error of the YAML parser in trappa's words. The parser's
/// [`ErrorKind`] says which rule was broken; the kinds a person writing an
/// inventory can meet (the error cases of the YAML test suite, and a few
/// more: an unclosed quote, a stray `@`) each have a key of their own, most
/// with a hint. Anything else keeps the parser's own text as its detail.
fn syntax_error(error: &ScanError, text: &str) -> ParseError {
    let marker = error.marker();
    let pos = Pos::new(marker.line().max(1) as u32, marker.col() as u32 + 1, 1);
    if matches!(error.kind(), ErrorKind::MappingValueNotAllowed)
        && let Some(key) = indented_key(text, pos)
    {
        return ParseError::new(
            key,
            Message::new("diagnostic.e001.yaml.indented_key"),
            Some("diagnostic.e001.yaml.indented_key_help"),
        );
    }
    let (key, help) = match syntax_words(error.kind()) {
        Syntax::TooDeep => return too_deep(pos),
        Syntax::Known(key, help) => (key, help),
        Syntax::Other => {
            let info = error.info();
            let info = info.trim();
            let message = if info.is_empty() {
                Message::new("diagnostic.e001.yaml.unbalanced")
            } else {
                Message::new("diagnostic.e001.yaml.other").text("detail", info.to_string())
            };
            return ParseError::new(pos, message, None);
        }
    };
    let mut message = Message::new(key);
    match error.kind() {
        ErrorKind::UnclosedFlowCollection { open } => {
            message = message.text("open", open.to_string());
        }
        ErrorKind::MismatchedFlowCollectionEnd { open, close } => {
            message = message
                .text("open", open.to_string())
                .text("close", close.to_string());
        }
        ErrorKind::UnexpectedCharacter { character } => {
            message = message.text("character", character.to_string());
        }
        _ => {}
    }
    ParseError::new(pos, message, help)
}

/// A `: ` the parser cannot take, when it is the colon of a `key: value`
/// line indented deeper than the `key: value` line above it: YAML reads the
/// line as more of the value above, so the colon looks like one inside
/// text, and "quote the value" would be the wrong advice. Returns the
/// place of the key, which is what the finding marks.
fn indented_key(text: &str, pos: Pos) -> Option<Pos> {
    let significant = |line: &&str| {
        let trimmed = line.trim_start();
        !trimmed.is_empty() && !trimmed.starts_with('#')
    };
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let index = (pos.line as usize).checked_sub(1)?;
    let mut lines = text.lines().take(index + 1).collect::<Vec<_>>();
    let line = lines.pop().filter(|_| lines.len() == index)?;
    let above = lines.iter().rev().find(|l| significant(l))?;
    let body = &line[indent(line)..];
    // The colon marked is the first of the line, right after a bare key.
    let key_colon = body
        .find(": ")
        .filter(|&at| !body[..at].contains([' ', '"', '\'']))
        .map(|at| line[..indent(line) + at].chars().count() + 1);
    let above_body = above.trim_start_matches([' ', '-']);
    let fits = key_colon == Some(pos.column as usize)
        && indent(line) > indent(above)
        && above_body
            .split_once(": ")
            .is_some_and(|(_, value)| !value.trim().is_empty());
    let key_len = body.find(": ").map_or(0, |at| body[..at].chars().count());
    fits.then(|| Pos::new(pos.line, indent(line) as u32 + 1, key_len as u32))
}

enum Syntax {
    /// The parser's own guard against deep nesting, which can fire before
    /// trappa's depth limit: the same finding as that limit.
    TooDeep,
    /// A message key and, where there is one, the key of its hint.
    Known(&'static str, Option<&'static str>),
    Other,
}

fn syntax_words(kind: &ErrorKind) -> Syntax {
    use ErrorKind as K;
    let known = |key, help| Syntax::Known(key, help);
    match kind {
        K::RecursionLimitExceeded => Syntax::TooDeep,
        K::UnknownAnchor => known(
            "diagnostic.e001.unknown_anchor",
            Some("diagnostic.e001.unknown_anchor_help"),
        ),
        K::SimpleKeyExpected => known(
            "diagnostic.e001.yaml.key_without_colon",
            Some("diagnostic.e001.yaml.key_without_colon_help"),
        ),
        K::InvalidSimpleKey => known(
            "diagnostic.e001.yaml.key_too_long",
            Some("diagnostic.e001.yaml.key_too_long_help"),
        ),
        K::MappingValueNotAllowed => known(
            "diagnostic.e001.yaml.colon_in_value",
            Some("diagnostic.e001.yaml.colon_in_value_help"),
        ),
        K::InvalidColonPlacement
        | K::FlowMappingValueAdjacentCollection
        | K::InvalidMappingValueWhitespace => known(
            "diagnostic.e001.yaml.colon",
            Some("diagnostic.e001.yaml.colon_help"),
        ),
        K::ExpectedBlockMappingKey | K::InvalidIndentation => known(
            "diagnostic.e001.yaml.indentation",
            Some("diagnostic.e001.yaml.indentation_help"),
        ),
        K::ExpectedBlockSequenceEntry => known(
            "diagnostic.e001.yaml.expected_item",
            Some("diagnostic.e001.yaml.indentation_help"),
        ),
        K::BlockSequenceEntryNotAllowed | K::BlockEntryInFlowCollection => known(
            "diagnostic.e001.yaml.item_not_allowed",
            Some("diagnostic.e001.yaml.indentation_help"),
        ),
        K::MappingKeyNotAllowed => known(
            "diagnostic.e001.yaml.key_not_allowed",
            Some("diagnostic.e001.yaml.indentation_help"),
        ),
        K::InvalidBlockEntryWhitespace => known("diagnostic.e001.yaml.dash_space", None),
        K::ExpectedWhitespace => known("diagnostic.e001.yaml.expected_space", None),
        K::TabInBlockIndentation | K::TabInIndentation | K::TabNotAllowed | K::TabInPlainScalar => {
            known(
                "diagnostic.e001.yaml.tab",
                Some("diagnostic.e001.yaml.tab_help"),
            )
        }
        K::ZeroBlockScalarIndent | K::InvalidBlockScalarHeader => known(
            "diagnostic.e001.yaml.block_header",
            Some("diagnostic.e001.yaml.block_header_help"),
        ),
        K::InvalidBlockScalarIndent | K::TabAtBlockScalarStart => known(
            "diagnostic.e001.yaml.block_indentation",
            Some("diagnostic.e001.yaml.block_indentation_help"),
        ),
        K::InvalidQuotedScalarIndent | K::InvalidFlowScalarIndent => known(
            "diagnostic.e001.yaml.quoted_indentation",
            Some("diagnostic.e001.yaml.quoted_indentation_help"),
        ),
        K::UnclosedQuotedScalar => known(
            "diagnostic.e001.yaml.unclosed_quote",
            Some("diagnostic.e001.yaml.unclosed_quote_help"),
        ),
        K::InvalidTrailingSingleQuotedScalar | K::InvalidTrailingDoubleQuotedScalar => known(
            "diagnostic.e001.yaml.after_quote",
            Some("diagnostic.e001.yaml.after_quote_help"),
        ),
        K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidLowSurrogateHexEscape
        | K::InvalidLowSurrogate
        | K::MissingLowSurrogate
        | K::UnpairedLowSurrogate
        | K::InvalidUnicodeEscape => known(
            "diagnostic.e001.yaml.escape",
            Some("diagnostic.e001.yaml.escape_help"),
        ),
        K::DocumentIndicatorInQuotedScalar => known(
            "diagnostic.e001.yaml.marker_in_quote",
            Some("diagnostic.e001.yaml.unclosed_quote_help"),
        ),
        K::CommentNotSeparated => known(
            "diagnostic.e001.yaml.comment_space",
            Some("diagnostic.e001.yaml.comment_space_help"),
        ),
        K::CommentInterceptedScalar => known(
            "diagnostic.e001.yaml.comment_in_text",
            Some("diagnostic.e001.yaml.comment_in_text_help"),
        ),
        K::UnclosedFlowCollection { .. } => known("diagnostic.e001.yaml.unclosed_bracket", None),
        K::MismatchedFlowCollectionEnd { .. } => {
            known("diagnostic.e001.yaml.mismatched_bracket", None)
        }
        K::MisplacedFlowCollectionEnd => known("diagnostic.e001.yaml.stray_bracket", None),
        K::ExpectedFlowSequenceSeparator => {
            known("diagnostic.e001.yaml.flow_sequence_separator", None)
        }
        K::ExpectedFlowMappingSeparator => {
            known("diagnostic.e001.yaml.flow_mapping_separator", None)
        }
        // Despite their names the parser also gives these for an empty
        // item (`[, a]`), not only at the end of the file.
        K::UnexpectedEofFlowSequence
        | K::UnexpectedEofFlowMapping
        | K::UnexpectedEofImplicitFlowMapping => known(
            "diagnostic.e001.yaml.flow_unfinished",
            Some("diagnostic.e001.yaml.flow_unfinished_help"),
        ),
        K::UnexpectedEofBlockSequence | K::UnexpectedEofBlockMapping | K::UnexpectedEof => {
            known("diagnostic.e001.yaml.unexpected_end", None)
        }
        K::ExpectedNodeContent | K::UnexpectedEndOfPlainScalar => {
            known("diagnostic.e001.yaml.expected_value", None)
        }
        K::PlainScalarStartsWithDashFlowIndicator => known(
            "diagnostic.e001.yaml.dash_bracket",
            Some("diagnostic.e001.yaml.quote_it_help"),
        ),
        K::UnexpectedCharacter { .. } => known(
            "diagnostic.e001.yaml.reserved_character",
            Some("diagnostic.e001.yaml.quote_it_help"),
        ),
        K::MissingAnchorOrAliasName => known(
            "diagnostic.e001.yaml.anchor_name",
            Some("diagnostic.e001.yaml.quote_it_help"),
        ),
        K::InvalidDocumentEnd | K::ExpectedDocumentStart => known(
            "diagnostic.e001.yaml.after_document",
            Some("diagnostic.e001.yaml.after_document_help"),
        ),
        K::MissingDocumentEndBeforeDirective
        | K::InvalidDirectiveTerminator
        | K::DuplicateVersionDirective
        | K::UnsupportedYamlMajorVersion
        | K::DuplicateTagDirective
        | K::MissingYamlVersionSeparator
        | K::MissingDirectiveName
        | K::InvalidDirectiveName
        | K::YamlVersionTooLong
        | K::MissingYamlVersion
        | K::InvalidTagDirectiveTerminator
        | K::ExpectedTagDirectiveBang
        | K::DirectiveByteLimitExceeded { .. }
        | K::TooManyReservedDirectiveParams { .. }
        | K::DirectiveDisallowed => known(
            "diagnostic.e001.yaml.directive",
            Some("diagnostic.e001.yaml.directive_help"),
        ),
        K::InvalidTagTerminator
        | K::ExpectedTagBang
        | K::InvalidGlobalTagCharacter
        | K::MissingTagUri
        | K::UnclosedVerbatimTag
        | K::InvalidTagEscape
        | K::InvalidTagUtf8LeadingByte
        | K::InvalidTagUtf8TrailingByte
        | K::InvalidTagUtf8
        | K::UndeclaredTagHandle => known(
            "diagnostic.e001.yaml.tag",
            Some("diagnostic.e001.yaml.tag_help"),
        ),
        K::BomInsideDocument => known(
            "diagnostic.e001.yaml.byte_order_mark",
            Some("diagnostic.e001.yaml.byte_order_mark_help"),
        ),
        _ => Syntax::Other,
    }
}
