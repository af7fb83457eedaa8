//! The reader's primitives: how to read a mapping, a word, a number, a list
//! or a URL from a [`Node`], and how to say what is wrong with it (E002 with
//! "did you mean", E008). The walks over an inventory and a targets file
//! (`super::inventory`, `super::targets`) are built from these, so both
//! kinds of file report problems in the same words. A reader never stops at
//! the first problem: it records a diagnostic and goes on.

use crate::diagnostic::{Arg, Code, Diagnostic, Message, Pos};
use crate::inventory::load::{Node, Value};
use crate::inventory::model::{Spans, Vocabulary, is_http_url, slug};
use crate::inventory::step::Step;
use crate::suggest;

/// Shared by the inventory and the targets decoder: one place that knows how
/// to read a mapping, a number or a word from a node, and how to say what is wrong.
pub struct Reader<'f> {
    pub file: &'f str,
    pub diagnostics: Vec<Diagnostic>,
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
            diagnostics: Vec::new(),
        }
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn e002(&mut self, pos: Pos, message: Message, help: Option<Message>) {
        let mut diagnostic = Diagnostic::new(Code::E002, self.file, pos, message);
        diagnostic.help = help;
        self.report(diagnostic);
    }

    /// How many diagnostics were recorded so far.
    pub fn error_count(&self) -> usize {
        self.diagnostics.len()
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

    /// Free text. A number written plainly is taken as written (`name: 1177`).
    pub fn text(&mut self, node: &Node, path: &str) -> Option<String> {
        match &node.value {
            Value::Str { text, .. } => {
                // Tabs and line breaks belong in descriptions; other control
                // characters (a double-quoted "\e[31m") would reach terminals,
                // CSV cells and reports as instructions, not text.
                if let Some(c) = text
                    .chars()
                    .find(|&c| c.is_control() && c != '\n' && c != '\t')
                {
                    self.e002(
                        node.pos,
                        Message::new("diagnostic.e002.control_character")
                            .text("path", path.to_string())
                            .text("character", c.escape_unicode().to_string()),
                        Some(Message::new("diagnostic.e002.control_character_help")),
                    );
                    return None;
                }
                Some(text.clone())
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

    /// Text that must not be empty.
    pub fn non_empty_text(&mut self, node: &Node, path: &str) -> Option<String> {
        let text = self.text(node, path)?;
        if text.trim().is_empty() {
            self.e002(
                node.pos,
                Message::new("diagnostic.e002.empty").text("path", path.to_string()),
                None,
            );
            return None;
        }
        Some(text)
    }

    /// `true` or `false` only: YAML 1.1's `yes`/`no`/`on`/`off` are refused
    /// rather than guessed (spec §2).
    pub fn boolean(&mut self, node: &Node, path: &str) -> Option<bool> {
        match &node.value {
            Value::Bool(b) => Some(*b),
            Value::Str { text, plain: true }
                if matches!(
                    text.to_lowercase().as_str(),
                    "yes" | "no" | "on" | "off" | "y" | "n"
                ) =>
            {
                let meant = matches!(text.to_lowercase().as_str(), "yes" | "on" | "y");
                self.e002(
                    node.pos,
                    Message::new("diagnostic.e002.yaml11_boolean")
                        .text("path", path.to_string())
                        .text("text", text.clone()),
                    Some(
                        Message::new("diagnostic.e002.yaml11_boolean_help")
                            .text("text", text.clone())
                            .text("meant", if meant { "true" } else { "false" }),
                    ),
                );
                None
            }
            _ => {
                self.e002(
                    node.pos,
                    Message::new("diagnostic.e002.not_boolean")
                        .text("path", path.to_string())
                        .arg("value", describe(node)),
                    None,
                );
                None
            }
        }
    }

    /// A whole number in `min..=max`.
    pub fn integer(&mut self, node: &Node, path: &str, min: i128, max: i128) -> Option<i128> {
        let value = match &node.value {
            Value::Int(i) => *i,
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e30 => *f as i128,
            _ => {
                self.e002(node.pos, not_integer(node, path), None);
                return None;
            }
        };
        if value < min || value > max {
            self.out_of_range(
                node,
                path,
                value,
                min,
                (max < i128::from(u64::MAX)).then_some(max),
            );
            return None;
        }
        Some(value)
    }

    /// E002 for a number outside its range; `max: None` means "no upper bound".
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
        self.e002(
            node.pos,
            message
                .text("path", path.to_string())
                .text("value", value.to_string())
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
                self.e002(
                    node.pos,
                    Message::new("diagnostic.e002.not_number")
                        .text("path", path.to_string())
                        .arg("value", describe(node)),
                    Some(Message::new("diagnostic.e002.not_number_help")),
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
            let help = match suggest::closest(written, Step::spellings()) {
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
        let help = match suggest::closest(written, names.iter().copied()) {
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
        None
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
