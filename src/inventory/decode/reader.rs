//! The reader's primitives: how to read a mapping, a word, a number, a list
//! or a URL from a [`Node`], and how to say what is wrong with it (E002 with
//! "did you mean", E008). The walks over an inventory and a targets file
//! (`super::inventory`, `super::targets`) are built from these, so both
//! kinds of file report problems in the same words. A reader never stops at
//! the first problem: it records a diagnostic and goes on.

use super::synonyms;
use crate::characters::{self, Flaw};
use crate::diagnostic::{Arg, Code, Diagnostic, Edit, Findings, Fix, Message, Pos};
use crate::inventory::load::{Node, Value};
use crate::inventory::model::{Spans, Vocabulary, is_http_url, slug};
use crate::inventory::step::Step;
use crate::limits;
use crate::suggest;

/// Shared by the inventory and the targets decoder: one place that knows how
/// to read a mapping, a number or a word from a node, and how to say what is wrong.
pub struct Reader<'f> {
    pub file: &'f str,
    /// What was found so far, at most a thousand of each code.
    pub findings: Findings,
}

/// The entries of one mapping, after unknown keys were reported.
pub struct Fields<'n> {
    pub pos: Pos,
    entries: Vec<(&'n str, &'n Node, &'n Node)>,
}

impl<'n> Fields<'n> {
    /// The value of `key`, unless absent or written empty (`key:`).
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| *v)
            .filter(|v| v.value != Value::Null)
    }

    pub fn key_pos(&self, key: &str) -> Option<Pos> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, k, _)| k.pos)
    }

    /// Records the position of every key present, under `prefix`.
    pub fn record(&self, spans: &mut Spans, prefix: &str) {
        for (key, key_node, _) in &self.entries {
            spans.insert(format!("{prefix}{key}"), key_node.pos);
        }
    }
}

impl<'f> Reader<'f> {
    pub fn new(file: &'f str) -> Self {
        Reader {
            file,
            findings: Findings::new(),
        }
    }

    /// Records a finding (only counted when over its code's limit).
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.findings.push(diagnostic);
    }

    pub fn e002(&mut self, pos: Pos, message: Message, help: Option<Message>) {
        let mut diagnostic = Diagnostic::new(Code::E002, self.file, pos, message);
        diagnostic.help = help;
        self.report(diagnostic);
    }

    /// How many errors were found so far, shown or not: a walk compares
    /// it before and after a part of the file to know whether that part had one.
    pub fn errors(&self) -> u64 {
        self.findings.errors()
    }
    /// Reads a mapping and reports keys not in `known` (with a "did you
    /// mean"). `place` is the catalogue key of what the mapping is ("a
    /// service"), for the messages.
    pub fn mapping<'n>(
        &mut self,
        node: &'n Node,
        place: &'static str,
        known: &[&str],
    ) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.e002(
                node.pos,
                Message::new("diagnostic.e002.not_mapping")
                    .word("place", place)
                    .word("kind", node.kind_key()),
                Some(
                    Message::new("diagnostic.e002.not_mapping_help").text("keys", known.join(", ")),
                ),
            );
            return None;
        };
        let mut fields = Fields {
            pos: node.pos,
            entries: Vec::with_capacity(entries.len()),
        };
        // A list item whose key that starts an item comes twice is two
        // items with the `- ` of the second missing: say that once, rather
        // than one duplicate key for each of its keys.
        let mut next_item_seen = false;
        let mut renamed_to: Vec<&str> = Vec::new();
        for (key, value) in entries {
            let Some(name) = key.scalar_text() else {
                self.e002(
                    key.pos,
                    Message::new("diagnostic.e002.key_not_text").word("place", place),
                    None,
                );
                continue;
            };
            if let Some((_, first, _)) = fields.entries.iter().find(|(k, _, _)| *k == name) {
                let first = first.pos;
                if next_item_seen {
                    continue;
                }
                if item_key(place) == Some(name) {
                    next_item_seen = true;
                    self.report(
                        Diagnostic::new(
                            Code::E001,
                            self.file,
                            key.pos,
                            Message::new("diagnostic.e001.missing_dash")
                                .text("key", name.to_string())
                                .word("place", place)
                                .number("line", first.line),
                        )
                        .help(
                            Message::new("diagnostic.e001.missing_dash_help")
                                .text("key", name.to_string()),
                        )
                        .related(first, Message::new("diagnostic.e001.item_starts_here")),
                    );
                    continue;
                }
                self.report(
                    Diagnostic::new(
                        Code::E001,
                        self.file,
                        key.pos,
                        Message::new("diagnostic.e001.duplicate_key")
                            .text("key", name.to_string())
                            .word("place", place)
                            .number("line", first.line),
                    )
                    .help(Message::new("diagnostic.e001.duplicate_key_help"))
                    .related(first, Message::new("diagnostic.e001.first_here")),
                );
                continue;
            }
            if !known.contains(&name) {
                if self.findings.is_full(Code::E002) {
                    self.findings.skip(Code::E002, key.pos);
                    continue;
                }
                let help = match suggest::closest(name, known.iter().copied()) {
                    Some(near) => did_you_mean(near),
                    None => Message::new("diagnostic.e002.unknown_key_help")
                        .word("place", place)
                        .text("keys", known.join(", ")),
                };
                self.e002(
                    key.pos,
                    Message::new("diagnostic.e002.unknown_key")
                        .text("key", name.to_string())
                        .word("place", place),
                    Some(help),
                );
                // A key one letter from exactly one known key, which the
                // mapping does not have already, can only have meant it.
                if key.is_plain()
                    && let Some(near) = suggest::one_edit_away(name, known.iter().copied())
                    && !entries.iter().any(|(k, _)| k.scalar_text() == Some(near))
                    && !renamed_to.contains(&near)
                    && let Some(diagnostic) = self.findings.last_mut()
                {
                    // Two slips of one key (`nmae`, `naem`) would both
                    // become `name`: only the first is fixed.
                    renamed_to.push(near);
                    diagnostic.fix = Some(Box::new(Fix::safe(
                        Message::new("fix.rename_key")
                            .text("key", name.to_string())
                            .text("near", near.to_string()),
                        vec![Edit::replace(key.pos, name, near)],
                    )));
                }
                continue;
            }
            fields.entries.push((name, key, value));
        }
        Some(fields)
    }

    /// Reports a required key that is absent or empty; `place` is the
    /// catalogue key of the mapping it belongs in.
    pub fn require<'n>(
        &mut self,
        fields: &Fields<'n>,
        key: &'static str,
        place: &'static str,
    ) -> Option<&'n Node> {
        let node = fields.get(key);
        if node.is_none() {
            let (pos, message) = match fields.key_pos(key) {
                Some(pos) => (pos, Message::new("diagnostic.e002.no_value")),
                None => (fields.pos, Message::new("diagnostic.e002.required_key")),
            };
            self.e002(pos, message.text("key", key).word("place", place), None);
        }
        node
    }

    /// One line of text: a name, an id, a department, a platform. A number
    /// written plainly is taken as written (`name: 1177`).
    pub fn text(&mut self, node: &Node, path: &str) -> Option<String> {
        self.text_with(node, path, characters::line_flaw)
    }

    /// Free text over several lines (a description): line breaks and tabs
    /// belong there.
    pub fn prose(&mut self, node: &Node, path: &str) -> Option<String> {
        self.text_with(node, path, characters::prose_flaw)
    }

    fn text_with(
        &mut self,
        node: &Node,
        path: &str,
        flaw: fn(&str) -> Option<Flaw>,
    ) -> Option<String> {
        match &node.value {
            Value::Str { text, .. } => {
                // A line feed in a name starts a new line in every report,
                // terminal table and CI log it reaches (a forged `::error`
                // workflow command); other control characters (a
                // double-quoted "\e[31m") act on terminals; an override
                // makes the text show in another order than it is stored.
                // Cheap test first: a text of fewer bytes has fewer characters.
                if text.len() > limits::MAX_TEXT_CHARS
                    && text.chars().count() > limits::MAX_TEXT_CHARS
                {
                    self.e002(
                        node.pos,
                        Message::new("diagnostic.e002.too_long")
                            .text("path", path.to_string())
                            .number("length", text.chars().count() as i128)
                            .number("limit", limits::MAX_TEXT_CHARS as i128),
                        Some(
                            Message::new("diagnostic.e002.too_long_help")
                                .number("limit", limits::MAX_TEXT_CHARS as i128),
                        ),
                    );
                    return None;
                }
                let (key, help, character) = match flaw(text) {
                    None => return Some(text.clone()),
                    Some(Flaw::LineBreak) => (
                        "diagnostic.e002.line_break",
                        "diagnostic.e002.line_break_help",
                        None,
                    ),
                    Some(Flaw::Control(c)) => (
                        "diagnostic.e002.control_character",
                        "diagnostic.e002.control_character_help",
                        Some(c),
                    ),
                    Some(Flaw::Reordering(c)) => (
                        "diagnostic.e002.reordering",
                        "diagnostic.e002.reordering_help",
                        Some(c),
                    ),
                };
                let mut message = Message::new(key).text("path", path.to_string());
                if let Some(c) = character {
                    message = message.text("character", c.escape_unicode().to_string());
                }
                self.e002(node.pos, message, Some(Message::new(help)));
                None
            }
            Value::Int(_) | Value::Float(_) => node.scalar_text().map(str::to_string),
            _ => {
                self.e002(
                    node.pos,
                    Message::new("diagnostic.e002.not_text")
                        .text("path", path.to_string())
                        .word("value", node.kind_key()),
                    Some(Message::new("diagnostic.e002.not_text_help")),
                );
                None
            }
        }
    }

    /// One line of text that must show something: not empty, not only
    /// spaces, and not only invisible characters (zero-width spaces look
    /// like a name in an editor and like nothing in a report).
    pub fn non_empty_text(&mut self, node: &Node, path: &str) -> Option<String> {
        let text = self.text(node, path)?;
        if characters::is_blank(&text) {
            let key = if text.trim().is_empty() {
                "diagnostic.e002.empty"
            } else {
                "diagnostic.e002.invisible"
            };
            self.e002(
                node.pos,
                Message::new(key).text("path", path.to_string()),
                None,
            );
            return None;
        }
        Some(text)
    }

    /// `true` or `false` only: YAML 1.1's `yes`/`no`/`on`/`off` are refused
    /// rather than guessed (spec §2), and so are the Swedish `ja`/`nej`.
    pub fn boolean(&mut self, node: &Node, path: &str) -> Option<bool> {
        let mut fix = None;
        let (message, help) = match &node.value {
            Value::Bool(b) => return Some(*b),
            Value::Str { text, plain } => {
                let written = text.trim().to_lowercase();
                match (written.as_str(), *plain) {
                    ("yes" | "no" | "on" | "off" | "y" | "n", true) => {
                        let meant = matches!(written.as_str(), "yes" | "on" | "y");
                        // `y` and `n` are left to a person: a one-letter
                        // value is as likely a slip as a boolean.
                        if written.len() > 1 {
                            fix = Some(Fix::safe(
                                Message::new("fix.boolean")
                                    .text("text", text.clone())
                                    .text("meant", if meant { "true" } else { "false" }),
                                vec![Edit::replace(
                                    node.pos,
                                    text.as_str(),
                                    if meant { "true" } else { "false" },
                                )],
                            ));
                        }
                        (
                            Message::new("diagnostic.e002.yaml11_boolean")
                                .text("path", path.to_string())
                                .text("text", text.clone()),
                            Some(
                                Message::new("diagnostic.e002.yaml11_boolean_help")
                                    .text("text", text.clone())
                                    .text("meant", if meant { "true" } else { "false" }),
                            ),
                        )
                    }
                    // `"true"`, or `!!str true`: the word, made text on purpose.
                    ("true" | "false", _) => (
                        Message::new("diagnostic.e002.boolean_as_text")
                            .text("path", path.to_string())
                            .arg("value", describe(node)),
                        Some(
                            Message::new("diagnostic.e002.boolean_as_text_help")
                                .text("meant", written.clone()),
                        ),
                    ),
                    _ => (
                        not_boolean(node, path),
                        synonyms::meant(&written, &["true", "false"]).map(did_you_mean),
                    ),
                }
            }
            _ => (not_boolean(node, path), None),
        };
        self.e002(node.pos, message, help);
        if let (Some(fix), Some(diagnostic)) = (fix, self.findings.last_mut()) {
            diagnostic.fix = Some(Box::new(fix));
        }
        None
    }

    /// A whole number in `min..=max`, written as one: `2014.0`, `1e3` and
    /// `1.0` are refused, since a count or a year has no decimals and a
    /// float cannot hold every count (9 007 199 254 740 993 is not one).
    pub fn integer(&mut self, node: &Node, path: &str, min: i128, max: i128) -> Option<i128> {
        let value = match &node.value {
            Value::Int(i) => *i,
            _ => {
                let help = whole_number_help(node);
                self.e002(node.pos, not_integer(node, path), help);
                return None;
            }
        };
        if value < min || value > max {
            self.out_of_range(node, path, value, min, Some(max));
            return None;
        }
        Some(value)
    }

    /// E002 for a number outside its range; `max: None` means "no upper
    /// bound". The value is quoted as written: `1e300` stays `1e300`, not
    /// a row of 301 digits.
    fn out_of_range<T: std::fmt::Display>(
        &mut self,
        node: &Node,
        path: &str,
        value: T,
        min: T,
        max: Option<T>,
    ) {
        let message = match max {
            Some(max) => Message::new("diagnostic.e002.out_of_range").text("max", max.to_string()),
            None => Message::new("diagnostic.e002.below_minimum"),
        };
        let written = node
            .scalar_text()
            .map_or_else(|| value.to_string(), str::to_string);
        self.e002(
            node.pos,
            message
                .text("path", path.to_string())
                .text("value", written)
                .text("min", min.to_string()),
            None,
        );
    }

    /// A finite number in `min..=max`.
    pub fn number(&mut self, node: &Node, path: &str, min: f64, max: f64) -> Option<f64> {
        let value = match &node.value {
            Value::Int(i) => *i as f64,
            Value::Float(f) if f.is_finite() => *f,
            _ => {
                let help = match written_number(node) {
                    Some(number) => {
                        Message::new("diagnostic.e002.write_number_help").text("number", number)
                    }
                    None => Message::new("diagnostic.e002.not_number_help"),
                };
                self.e002(
                    node.pos,
                    Message::new("diagnostic.e002.not_number")
                        .text("path", path.to_string())
                        .arg("value", describe(node)),
                    Some(help),
                );
                return None;
            }
        };
        if value < min || value > max {
            self.out_of_range(node, path, value, min, (max < f64::MAX).then_some(max));
            return None;
        }
        Some(value)
    }

    /// One word of a closed vocabulary, with "did you mean" for near misses.
    pub fn word<T: Vocabulary>(&mut self, node: &Node, path: &str) -> Option<T> {
        let names: Vec<&str> = T::ALL.iter().map(|v| v.as_str()).collect();
        self.choice(node, path, &names, T::parse)
    }

    /// A step: English or Swedish name, or 1–4.
    pub fn step(&mut self, node: &Node, path: &str) -> Option<Step> {
        let found = match &node.value {
            Value::Int(n) => Step::from_number(*n),
            Value::Str { text, .. } => Step::parse_name(text),
            _ => None,
        };
        if found.is_none() {
            let written = node.scalar_text().unwrap_or_default();
            let spellings = Step::spellings();
            let near = suggest::closest(written, spellings.iter().copied());
            let help = match near {
                Some(near) => did_you_mean(near),
                None => Message::new("diagnostic.e002.not_step_help"),
            };
            self.e002(
                node.pos,
                Message::new("diagnostic.e002.not_step")
                    .text("path", path.to_string())
                    .arg("value", describe(node)),
                Some(help),
            );
            self.fix_one_edit(node, near, spellings.iter().copied());
        }
        found
    }

    fn choice<T>(
        &mut self,
        node: &Node,
        path: &str,
        names: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        if let Value::Str { text, .. } = &node.value
            && let Some(value) = parse(text)
        {
            return Some(value);
        }
        let written = node.scalar_text().unwrap_or_default();
        // What a user writes in their own words (`BankID`, `i drift`) first,
        // then a near spelling, then the list.
        let near = synonyms::meant(written, names)
            .or_else(|| suggest::closest(written, names.iter().copied()));
        let help = match near {
            Some(near) => did_you_mean(near),
            None => Message::new("diagnostic.e002.one_of_help")
                .text("path", path.to_string())
                .text("choices", suggest::quoted(names)),
        };
        self.e002(
            node.pos,
            Message::new("diagnostic.e002.unknown_value")
                .arg("value", describe(node))
                .text("path", path.to_string()),
            Some(help),
        );
        self.fix_one_edit(node, near, names.iter().copied());
        None
    }

    /// Adds to the finding just reported the fix of a value one letter from
    /// exactly one word of its vocabulary — the word its help names too.
    fn fix_one_edit<'a>(
        &mut self,
        node: &Node,
        near: Option<&str>,
        names: impl IntoIterator<Item = &'a str>,
    ) {
        let Some(written) = node.scalar_text().filter(|_| node.is_plain()) else {
            return;
        };
        if let Some(only) = suggest::one_edit_away(written, names)
            && near == Some(only)
            && let Some(diagnostic) = self.findings.last_mut()
        {
            diagnostic.fix = Some(Box::new(Fix::safe(
                Message::new("fix.replace_value")
                    .text("value", written.to_string())
                    .text("near", only.to_string()),
                vec![Edit::replace(node.pos, written, only)],
            )));
        }
    }

    /// A list; an empty value is an empty list.
    pub fn list<T>(
        &mut self,
        node: &Node,
        path: &str,
        mut item: impl FnMut(&mut Self, &Node, &str) -> Option<T>,
    ) -> Vec<T> {
        match &node.value {
            Value::Null => Vec::new(),
            Value::Seq(items) => items.iter().filter_map(|n| item(self, n, path)).collect(),
            _ => {
                self.e002(
                    node.pos,
                    Message::new("diagnostic.e002.not_list")
                        .text("path", path.to_string())
                        .arg("value", describe(node)),
                    Some(
                        Message::new("diagnostic.e002.not_list_help")
                            .text("path", path.to_string()),
                    ),
                );
                Vec::new()
            }
        }
    }

    /// An http(s) URL (E008 otherwise).
    pub fn url(&mut self, node: &Node, path: &str) -> Option<String> {
        let text = self.text(node, path)?;
        if is_http_url(&text) {
            return Some(text);
        }
        self.report(
            Diagnostic::new(
                Code::E008,
                self.file,
                node.pos,
                Message::new("diagnostic.e008.not_url")
                    .text("path", path.to_string())
                    .text("text", text),
            )
            .help(Message::new("diagnostic.e008.not_url_help")),
        );
        None
    }
    /// `^[a-z0-9][a-z0-9_-]*$`: stable ids that survive file names, URLs and spreadsheets.
    pub fn identifier(&mut self, node: &Node, path: &str) -> Option<String> {
        let id = self.non_empty_text(node, path)?;
        let mut chars = id.chars();
        let first_ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        let rest_ok =
            chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if first_ok && rest_ok {
            return Some(id);
        }
        let suggestion = slug(&id);
        let help = if suggestion.is_empty() {
            Message::new("diagnostic.e002.invalid_id_help")
        } else {
            Message::new("diagnostic.e002.invalid_id_example_help").text("example", suggestion)
        };
        self.e002(
            node.pos,
            Message::new("diagnostic.e002.invalid_id")
                .text("path", path.to_string())
                .text("id", id),
            Some(help),
        );
        None
    }

    pub fn language(&mut self, node: &Node, path: &str) -> Option<String> {
        let code = self.text(node, path)?;
        if code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase()) {
            return Some(code);
        }
        self.e002(
            node.pos,
            Message::new("diagnostic.e002.language")
                .text("path", path.to_string())
                .text("code", code),
            Some(Message::new("diagnostic.e002.language_help")),
        );
        None
    }

    /// An ISO calendar date, YYYY-MM-DD.
    pub fn date(&mut self, node: &Node, path: &str) -> Option<String> {
        let text = node.scalar_text().unwrap_or_default().to_string();
        if is_iso_date(&text) {
            return Some(text);
        }
        self.e002(
            node.pos,
            Message::new("diagnostic.e002.date")
                .text("path", path.to_string())
                .arg("value", describe(node)),
            Some(Message::new("diagnostic.e002.date_help")),
        );
        None
    }
}

/// How a value was written, for messages: `yes`, the quoted text `"0128"`,
/// a list.
pub fn describe(node: &Node) -> Arg {
    let written =
        |key, text: &str| Arg::Phrase(Box::new(Message::new(key).text("text", text.to_string())));
    match (&node.value, node.scalar_text()) {
        (Value::Str { plain: false, .. }, Some(text)) => written("diagnostic.written.quoted", text),
        (_, Some(text)) => written("diagnostic.written.plain", text),
        (_, None) => Arg::Word(node.kind_key()),
    }
}

/// The key that starts an item of a list of mappings (`- id: …`), by the
/// item's place: a second one in one mapping is a missing `- `.
fn item_key(place: &str) -> Option<&'static str> {
    match place {
        "diagnostic.place.service" | "diagnostic.place.department" => Some("id"),
        "diagnostic.place.target" => Some("indicator"),
        _ => None,
    }
}

/// "did you mean `near`?"
pub fn did_you_mean(near: &str) -> Message {
    Message::new("diagnostic.did_you_mean").text("near", near.to_string())
}

/// "`path` must be a whole number, found …"
pub fn not_integer(node: &Node, path: &str) -> Message {
    Message::new("diagnostic.e002.not_integer")
        .text("path", path.to_string())
        .arg("value", describe(node))
}

fn not_boolean(node: &Node, path: &str) -> Message {
    Message::new("diagnostic.e002.not_boolean")
        .text("path", path.to_string())
        .arg("value", describe(node))
}

/// How to write a value meant as a whole number: `2014` for `2014.0`,
/// `1200` for `1 200`.
pub fn whole_number_help(node: &Node) -> Option<Message> {
    if let Value::Float(f) = node.value
        && f.is_finite()
        && f.fract() == 0.0
        && f.abs() < 1e18
    {
        return Some(
            Message::new("diagnostic.e002.without_decimals_help")
                .text("number", format!("{}", f as i64)),
        );
    }
    let number = written_number(node)?;
    (!number.contains('.'))
        .then(|| Message::new("diagnostic.e002.write_number_help").text("number", number))
}

/// A number written the way people write them in prose — grouped with
/// spaces (`1 200`, also no-break or thin spaces) or with a decimal comma
/// (`145,50`) — as YAML needs it: `1200`, `145.50`. None for anything else.
fn written_number(node: &Node) -> Option<String> {
    let Value::Str { text, .. } = &node.value else {
        return None;
    };
    let text = text.trim();
    let is_space = |c: char| matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}');
    let mut out = String::new();
    let mut commas = 0;
    for c in text.chars() {
        match c {
            '0'..='9' => out.push(c),
            ',' => {
                commas += 1;
                out.push('.');
            }
            c if is_space(c) => {}
            _ => return None,
        }
    }
    let grouped = text.chars().any(is_space);
    let ok = !out.is_empty()
        && commas <= 1
        && (grouped || commas == 1)
        && out.starts_with(|c: char| c.is_ascii_digit())
        && out.ends_with(|c: char| c.is_ascii_digit());
    ok.then_some(out)
}

fn is_iso_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_calendar_dates() {
        assert!(is_iso_date("2014-05-01"));
        assert!(is_iso_date("2016-02-29"));
        assert!(!is_iso_date("2014-02-29"));
        assert!(!is_iso_date("2014-13-01"));
        assert!(!is_iso_date("1 maj 2014"));
    }
}
