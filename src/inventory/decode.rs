//! From the untyped [`Node`] tree to the typed model, reporting every value
//! that is missing, of the wrong type, unknown or out of range (E002), the
//! format version, year and organisation code (E007), URLs (E008) and an
//! unquoted organisation code (W107). It never stops at the first problem.
//!
//! Cross-field rules (duplicates, contradictions, declared steps) live in
//! `check`, which runs on what this module could decode.

use super::load::{Node, Value};
use super::model::*;
use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::ladder::Step;
use crate::municipalities;
use crate::suggest;

pub const FORMAT_VERSION: i128 = 1;

pub const ROOT_KEYS: &[&str] = &["trappa", "organisation", "year", "departments", "services"];
pub const ORGANISATION_KEYS: &[&str] = &["name", "code", "kind"];
pub const DEPARTMENT_KEYS: &[&str] = &["id", "name"];
pub const SERVICE_KEYS: &[&str] = &[
    "id",
    "name",
    "department",
    "description",
    "url",
    "status",
    "audience",
    "platform",
    "languages",
    "declared_step",
    "target_step",
    "evidence",
    "access",
    "volumes",
    "cost_per_case_sek",
    "satisfaction_pct",
];
pub const EVIDENCE_KEYS: &[&str] = &[
    "download_form",
    "interactive",
    "submission",
    "login",
    "foreign_eid",
    "signing",
    "signatures",
    "attachments",
    "save_resume",
    "case_tracking",
    "messaging",
    "decision",
    "payment",
    "prefill",
    "exchange",
    "shared_with",
    "anonymous",
];
pub const ACCESS_KEYS: &[&str] = &[
    "hours",
    "mobile",
    "accessibility_statement",
    "conformance",
    "reviewed",
    "protected_identity",
];
pub const VOLUME_KEYS: &[&str] = &["cases", "digital", "started", "completed"];

/// Decodes an inventory document. Returns no inventory only when the file is
/// not an inventory of a format this version reads; otherwise returns what
/// could be decoded, with the diagnostics of what could not.
pub fn inventory(file: &str, root: &Node) -> (Option<Inventory>, Vec<Diagnostic>) {
    let mut d = Decoder::new(file);
    let inventory = d.inventory(root);
    (inventory, d.diagnostics)
}

/// Shared by the inventory and the targets decoder: one place that knows how
/// to read a mapping, a number or a word from a node, and how to say what is wrong.
pub struct Decoder<'f> {
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

impl<'f> Decoder<'f> {
    pub fn new(file: &'f str) -> Self {
        Decoder {
            file,
            diagnostics: Vec::new(),
        }
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn e002(&mut self, pos: Pos, message: impl Into<String>, help: Option<String>) {
        let mut diagnostic = Diagnostic::new(Code::E002, self.file, pos, message);
        diagnostic.help = help;
        self.report(diagnostic);
    }

    fn error_count(&self) -> usize {
        self.diagnostics.len()
    }

    /// Reads a mapping and reports keys not in `known` (with a "did you mean").
    pub fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        known: &[&str],
    ) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.e002(
                node.pos,
                format!(
                    "{what} must be a mapping of keys, found {}",
                    node.kind_name()
                ),
                Some(format!("expected keys: {}", known.join(", "))),
            );
            return None;
        };
        let mut fields = Fields {
            pos: node.pos,
            entries: Vec::with_capacity(entries.len()),
        };
        for (key, value) in entries {
            let Some(name) = key.scalar_text() else {
                self.e002(key.pos, format!("a key in {what} is not text"), None);
                continue;
            };
            if let Some((_, first, _)) = fields.entries.iter().find(|(k, _, _)| *k == name) {
                let first = first.pos;
                self.report(
                    Diagnostic::new(
                        Code::E001,
                        self.file,
                        key.pos,
                        format!(
                            "duplicate key `{name}` in {what} (first on line {})",
                            first.line
                        ),
                    )
                    .help("a key may appear once in a mapping; remove or merge the repeated one")
                    .related(first, "first here"),
                );
                continue;
            }
            if !known.contains(&name) {
                let help = match suggest::closest(name, known.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("known keys in {what}: {}", known.join(", ")),
                };
                self.e002(
                    key.pos,
                    format!("unknown key `{name}` in {what}"),
                    Some(help),
                );
                continue;
            }
            fields.entries.push((name, key, value));
        }
        Some(fields)
    }

    /// Reports a required key that is absent or empty.
    pub fn require<'n>(&mut self, fields: &Fields<'n>, key: &str, what: &str) -> Option<&'n Node> {
        let node = fields.get(key);
        if node.is_none() {
            let (pos, message) = match fields.key_pos(key) {
                Some(pos) => (pos, format!("`{key}` in {what} has no value")),
                None => (
                    fields.pos,
                    format!("{what} is missing the required key `{key}`"),
                ),
            };
            self.e002(pos, message, None);
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
                        format!(
                            "`{path}` contains the control character {}",
                            c.escape_unicode()
                        ),
                        Some("remove it; write plain text".into()),
                    );
                    return None;
                }
                Some(text.clone())
            }
            Value::Int(_) | Value::Float(_) => node.scalar_text().map(str::to_string),
            _ => {
                self.e002(
                    node.pos,
                    format!("`{path}` must be text, found {}", node.kind_name()),
                    Some("put text in quotes if it looks like another type".into()),
                );
                None
            }
        }
    }

    /// Text that must not be empty.
    pub fn non_empty_text(&mut self, node: &Node, path: &str) -> Option<String> {
        let text = self.text(node, path)?;
        if text.trim().is_empty() {
            self.e002(node.pos, format!("`{path}` must not be empty"), None);
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
                    format!("`{path}: {text}` is not a boolean: write `true` or `false`"),
                    Some(format!(
                        "trappa reads YAML 1.2, where `{text}` is text; did you mean `{meant}`?"
                    )),
                );
                None
            }
            _ => {
                self.e002(
                    node.pos,
                    format!(
                        "`{path}` must be `true` or `false`, found {}",
                        describe(node)
                    ),
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
                self.e002(
                    node.pos,
                    format!("`{path}` must be a whole number, found {}", describe(node)),
                    None,
                );
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
        let range = match max {
            Some(max) => format!("between {min} and {max}"),
            None => format!("at least {min}"),
        };
        self.e002(
            node.pos,
            format!("`{path}` is {value}, out of range: it must be {range}"),
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
                    format!("`{path}` must be a number, found {}", describe(node)),
                    Some("write decimals with a point: 145.50".into()),
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
                Some(near) => format!("did you mean `{near}`?"),
                None => "a step is 1–4 or its name: information, interaction, transaction, integration (or in Swedish: interaktion, transaktion)".into(),
            };
            self.e002(
                node.pos,
                format!("`{path}` is not a step: {}", describe(node)),
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
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("`{path}` is {}", suggest::one_of(names)),
        };
        self.e002(
            node.pos,
            format!("unknown value {} for `{path}`", describe(node)),
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
                    format!("`{path}` must be a list, found {}", describe(node)),
                    Some(format!("write `{path}: [a, b]` or one `- item` per line")),
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
                format!("`{path}` is not an http(s) URL: `{text}`"),
            )
            .help("write the full address, starting with https://"),
        );
        None
    }

    // -----------------------------------------------------------------------
    // The inventory

    fn inventory(&mut self, root: &Node) -> Option<Inventory> {
        if root.value == Value::Null {
            self.e002(
                Pos::START,
                "the file is empty: an inventory needs `trappa`, `organisation`, `year` and `services`",
                Some("see examples/trelleborg-2014.yaml for a complete inventory".into()),
            );
            return None;
        }
        // The format version decides what the other keys mean: without it,
        // listing every key as unknown would only bury the one real problem.
        if matches!(root.value, Value::Map(_)) && !root.has_key("trappa") {
            self.e002(
                root.pos,
                "not a trappa inventory: the key `trappa` (the format version) is missing",
                Some(
                    "an inventory starts with `trappa: 1`; a targets file with `trappa-targets: 1`"
                        .into(),
                ),
            );
            return None;
        }
        let fields = self.mapping(root, "the inventory", ROOT_KEYS)?;
        if !self.format_version(&fields) {
            return None;
        }
        let mut spans = Spans::default();
        spans.insert("", fields.pos);
        fields.record(&mut spans, "");

        let organisation = self
            .require(&fields, "organisation", "the inventory")
            .and_then(|n| self.organisation(n, &mut spans));
        let year = self
            .require(&fields, "year", "the inventory")
            .and_then(|n| self.year(n));
        let departments = fields
            .get("departments")
            .map(|n| self.list(n, "departments", |d, item, _| d.department(item)));
        // `services:` with nothing after it is an empty inventory (W106), not an error.
        let services = match (fields.get("services"), fields.key_pos("services")) {
            (Some(node), _) => self.list(node, "services", |d, item, _| d.service(item)),
            (None, Some(_)) => Vec::new(),
            (None, None) => {
                self.require(&fields, "services", "the inventory");
                Vec::new()
            }
        };
        Some(Inventory {
            organisation: organisation.unwrap_or_else(|| Organisation {
                name: String::new(),
                code: None,
                kind: OrganisationKind::Municipality,
            }),
            year: year.unwrap_or_default(),
            departments,
            services,
            spans,
        })
    }

    /// True when the file declares format 1.
    fn format_version(&mut self, fields: &Fields) -> bool {
        let Some(node) = fields.get("trappa") else {
            self.e002(
                fields.pos,
                "not a trappa inventory: the key `trappa` (the format version) is missing",
                Some("start the file with `trappa: 1`".into()),
            );
            return false;
        };
        match node.value {
            Value::Int(FORMAT_VERSION) => true,
            _ => {
                self.report(
                    Diagnostic::new(
                        Code::E007,
                        self.file,
                        node.pos,
                        format!(
                            "unsupported format version {}",
                            node.scalar_text()
                                .map_or_else(|| describe(node), |t| format!("`{t}`"))
                        ),
                    )
                    .help(format!(
                        "this trappa reads format {FORMAT_VERSION}: `trappa: {FORMAT_VERSION}`"
                    )),
                );
                false
            }
        }
    }

    fn year(&mut self, node: &Node) -> Option<i32> {
        let year = match &node.value {
            Value::Int(y) => *y,
            _ => {
                self.e002(
                    node.pos,
                    format!("`year` must be a whole number, found {}", describe(node)),
                    Some("write the follow-up year without quotes: `year: 2014`".into()),
                );
                return None;
            }
        };
        if !(2000..=2100).contains(&year) {
            self.report(
                Diagnostic::new(
                    Code::E007,
                    self.file,
                    node.pos,
                    format!("`year` {year} is out of range"),
                )
                .help("the follow-up year is between 2000 and 2100"),
            );
            return None;
        }
        Some(year as i32)
    }

    fn organisation(&mut self, node: &Node, spans: &mut Spans) -> Option<Organisation> {
        let fields = self.mapping(node, "organisation", ORGANISATION_KEYS)?;
        fields.record(spans, "organisation.");
        let name = self
            .require(&fields, "name", "organisation")
            .and_then(|n| self.non_empty_text(n, "organisation.name"));
        let kind = fields
            .get("kind")
            .and_then(|n| self.word(n, "organisation.kind"))
            .unwrap_or(OrganisationKind::Municipality);
        let code = fields
            .get("code")
            .and_then(|n| self.organisation_code(n, kind, name.as_deref()));
        Some(Organisation {
            name: name.unwrap_or_default(),
            code,
            kind,
        })
    }

    fn organisation_code(
        &mut self,
        node: &Node,
        kind: OrganisationKind,
        name: Option<&str>,
    ) -> Option<String> {
        let code = match &node.value {
            Value::Str { text, .. } => text.clone(),
            Value::Int(_) | Value::Float(_) => {
                let written = node.scalar_text()?.to_string();
                self.report(
                    Diagnostic::new(
                        Code::W107,
                        self.file,
                        node.pos,
                        format!("`organisation.code` is written unquoted: `{written}`"),
                    )
                    .help(format!(
                        "trappa reads it as text, but YAML 1.2 tools and editors read a number; write `code: \"{written}\"`"
                    )),
                );
                written
            }
            _ => {
                self.e002(
                    node.pos,
                    format!("`organisation.code` must be text, found {}", describe(node)),
                    None,
                );
                return None;
            }
        };
        let valid = match kind {
            OrganisationKind::Municipality => municipalities::by_code(&code).is_some(),
            OrganisationKind::Region => code.len() == 2 && municipalities::is_county_code(&code),
            // Agencies and companies have no SCB municipality code; any
            // identifier they use (an organisation number) is kept as written.
            OrganisationKind::Agency | OrganisationKind::Company => true,
        };
        if valid {
            return Some(code);
        }
        let expected = match kind {
            OrganisationKind::Region => "a region's two-digit county code (01–25)",
            _ => "a municipality's four-digit SCB code",
        };
        let help = match name.and_then(municipalities::by_organisation_name) {
            Some(m) if kind == OrganisationKind::Municipality => {
                format!(
                    "{} has the code \"{}\" (data/municipalities.csv)",
                    m.name, m.code
                )
            }
            _ => format!("expected {expected}; the codes are listed in data/municipalities.csv"),
        };
        self.report(
            Diagnostic::new(
                Code::E007,
                self.file,
                node.pos,
                format!("`organisation.code` `{code}` is not {expected}"),
            )
            .help(help),
        );
        None
    }

    fn department(&mut self, node: &Node) -> Option<Department> {
        let fields = self.mapping(node, "a department", DEPARTMENT_KEYS)?;
        let id = self
            .require(&fields, "id", "a department")
            .and_then(|n| self.identifier(n, "departments.id"));
        let name = self
            .require(&fields, "name", "a department")
            .and_then(|n| self.non_empty_text(n, "departments.name"));
        Some(Department {
            id: id?,
            name: name.unwrap_or_default(),
            pos: fields.key_pos("id").unwrap_or(fields.pos),
        })
    }

    /// `^[a-z0-9][a-z0-9_-]*$`: stable ids that survive file names, URLs and spreadsheets.
    fn identifier(&mut self, node: &Node, path: &str) -> Option<String> {
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
        self.e002(
            node.pos,
            format!("`{path}` `{id}` is not a valid id"),
            Some(format!(
                "ids use a–z, 0–9, `-` and `_`, and start with a letter or digit{}",
                if suggestion.is_empty() {
                    String::new()
                } else {
                    format!(": for example `{suggestion}`")
                }
            )),
        );
        None
    }

    fn service(&mut self, node: &Node) -> Option<Service> {
        let fields = self.mapping(node, "a service", SERVICE_KEYS)?;
        let mut spans = Spans::default();
        spans.insert("", fields.pos);
        fields.record(&mut spans, "");

        let id = self
            .require(&fields, "id", "a service")
            .and_then(|n| self.identifier(n, "id"));
        let name = self
            .require(&fields, "name", "a service")
            .and_then(|n| self.non_empty_text(n, "name"));
        let department = fields
            .get("department")
            .and_then(|n| self.text(n, "department"));
        let description = fields
            .get("description")
            .and_then(|n| self.text(n, "description"));
        let url = fields.get("url").and_then(|n| self.url(n, "url"));
        let status = fields
            .get("status")
            .and_then(|n| self.word(n, "status"))
            .unwrap_or(Status::Live);
        let audience = match fields.get("audience") {
            Some(n) => self.list(n, "audience", |d, item, path| d.word(item, path)),
            None => Vec::new(),
        };
        let platform = fields
            .get("platform")
            .and_then(|n| self.text(n, "platform"));
        let languages = match fields.get("languages") {
            Some(n) => self.list(n, "languages", |d, item, path| d.language(item, path)),
            None => Vec::new(),
        };
        // What the cross-field rules read: if any of it is wrong, the
        // service is `incomplete` and `check` will not guess at its step.
        let before_evidence = self.error_count();
        let declared_step = fields
            .get("declared_step")
            .and_then(|n| self.step(n, "declared_step"));
        let target_step = fields
            .get("target_step")
            .and_then(|n| self.step(n, "target_step"));
        let evidence = match fields.get("evidence") {
            Some(n) => self.evidence(n, &mut spans).unwrap_or_default(),
            None => Evidence::default(),
        };
        let access = match fields.get("access") {
            Some(n) => self.access(n, &mut spans).unwrap_or_default(),
            None => Access::default(),
        };
        let volumes = match fields.get("volumes") {
            Some(n) => self.volumes(n, &mut spans).unwrap_or_default(),
            None => Volumes::default(),
        };
        let incomplete = self.diagnostics[before_evidence..]
            .iter()
            .any(|d| matches!(d.code, Code::E001 | Code::E002));
        let cost_per_case_sek = fields
            .get("cost_per_case_sek")
            .and_then(|n| self.number(n, "cost_per_case_sek", 0.0, f64::MAX));
        let satisfaction_pct = fields
            .get("satisfaction_pct")
            .and_then(|n| self.number(n, "satisfaction_pct", 0.0, 100.0));

        Some(Service {
            id: id?,
            name: name.unwrap_or_default(),
            department,
            description,
            url,
            status,
            audience,
            platform,
            languages,
            declared_step,
            target_step,
            evidence,
            access,
            volumes,
            cost_per_case_sek,
            satisfaction_pct,
            spans,
            incomplete,
        })
    }

    fn language(&mut self, node: &Node, path: &str) -> Option<String> {
        let code = self.text(node, path)?;
        if code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase()) {
            return Some(code);
        }
        self.e002(
            node.pos,
            format!("`{path}` `{code}` is not an ISO 639-1 language code"),
            Some("use two lowercase letters: sv, en, fi, ar, so …".into()),
        );
        None
    }

    fn evidence(&mut self, node: &Node, spans: &mut Spans) -> Option<Evidence> {
        let f = self.mapping(node, "evidence", EVIDENCE_KEYS)?;
        f.record(spans, "evidence.");
        let mut e = Evidence::default();
        macro_rules! read {
            ($key:literal, $reader:ident $(, $arg:expr)*) => {
                f.get($key).and_then(|n| self.$reader(n, concat!("evidence.", $key) $(, $arg)*))
            };
        }
        if let Some(v) = read!("download_form", boolean) {
            e.download_form = v;
        }
        if let Some(n) = f.get("interactive") {
            e.interactive = self.list(n, "evidence.interactive", |d, item, path| {
                d.word(item, path)
            });
        }
        if let Some(v) = read!("submission", word) {
            e.submission = v;
        }
        if let Some(v) = read!("login", word) {
            e.login = v;
        }
        if let Some(v) = read!("foreign_eid", boolean) {
            e.foreign_eid = v;
        }
        if let Some(v) = read!("signing", word) {
            e.signing = v;
        }
        e.signatures = read!("signatures", integer, 1, 99).map(|n| n as u32);
        if let Some(v) = read!("attachments", boolean) {
            e.attachments = v;
        }
        if let Some(v) = read!("save_resume", boolean) {
            e.save_resume = v;
        }
        if let Some(v) = read!("case_tracking", word) {
            e.case_tracking = v;
        }
        if let Some(v) = read!("messaging", boolean) {
            e.messaging = v;
        }
        e.decision = read!("decision", word);
        if let Some(v) = read!("payment", word) {
            e.payment = v;
        }
        if let Some(v) = read!("prefill", word) {
            e.prefill = v;
        }
        if let Some(n) = f.get("exchange") {
            e.exchange = self.list(n, "evidence.exchange", |d, item, path| {
                d.non_empty_text(item, path)
            });
        }
        if let Some(n) = f.get("shared_with") {
            e.shared_with = self.list(n, "evidence.shared_with", |d, item, path| {
                d.non_empty_text(item, path)
            });
        }
        if let Some(v) = read!("anonymous", boolean) {
            e.anonymous = v;
        }
        Some(e)
    }

    fn access(&mut self, node: &Node, spans: &mut Spans) -> Option<Access> {
        let f = self.mapping(node, "access", ACCESS_KEYS)?;
        f.record(spans, "access.");
        Some(Access {
            hours: f.get("hours").and_then(|n| self.word(n, "access.hours")),
            mobile: f.get("mobile").and_then(|n| self.word(n, "access.mobile")),
            accessibility_statement: f
                .get("accessibility_statement")
                .and_then(|n| self.url(n, "access.accessibility_statement")),
            conformance: f
                .get("conformance")
                .and_then(|n| self.word(n, "access.conformance")),
            reviewed: f
                .get("reviewed")
                .and_then(|n| self.date(n, "access.reviewed")),
            protected_identity: f
                .get("protected_identity")
                .and_then(|n| self.word(n, "access.protected_identity")),
        })
    }

    fn volumes(&mut self, node: &Node, spans: &mut Spans) -> Option<Volumes> {
        let f = self.mapping(node, "volumes", VOLUME_KEYS)?;
        f.record(spans, "volumes.");
        let mut count = |key: &str| {
            let path = format!("volumes.{key}");
            f.get(key)
                .and_then(|n| self.integer(n, &path, 0, u64::MAX as i128))
                .map(|n| n as u64)
        };
        Some(Volumes {
            cases: count("cases"),
            digital: count("digital"),
            started: count("started"),
            completed: count("completed"),
        })
    }

    /// An ISO calendar date, YYYY-MM-DD.
    fn date(&mut self, node: &Node, path: &str) -> Option<String> {
        let text = node.scalar_text().unwrap_or_default().to_string();
        if is_iso_date(&text) {
            return Some(text);
        }
        self.e002(
            node.pos,
            format!("`{path}` is not a date: {}", describe(node)),
            Some("write the date as YYYY-MM-DD, for example 2014-05-01".into()),
        );
        None
    }
}

/// How a value was written, for messages: `yes`, `"0128"`, a list.
fn describe(node: &Node) -> String {
    match (&node.value, node.scalar_text()) {
        (Value::Str { plain: false, .. }, Some(text)) => format!("the quoted text `\"{text}\"`"),
        (_, Some(text)) => format!("`{text}`"),
        (_, None) => node.kind_name().to_string(),
    }
}

pub fn is_http_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !text.chars().any(char::is_whitespace)
        }
        None => false,
    }
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

/// A valid id made from a name: lowercase ASCII, å/ä → a, ö → o, spaces → `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c if c.is_ascii_alphanumeric() || c == '_' => c,
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_http() {
        assert!(is_http_url("https://www.trelleborg.se/tomtko"));
        assert!(is_http_url("http://example.se"));
        assert!(!is_http_url("ftp://example.se"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("javascript:alert(1)"));
        assert!(!is_http_url("www.example.se"));
    }

    #[test]
    fn dates_are_calendar_dates() {
        assert!(is_iso_date("2014-05-01"));
        assert!(is_iso_date("2016-02-29"));
        assert!(!is_iso_date("2014-02-29"));
        assert!(!is_iso_date("2014-13-01"));
        assert!(!is_iso_date("1 maj 2014"));
    }

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("Ställa sig i tomtkö"), "stalla-sig-i-tomtko");
        assert_eq!(slug("  LSS / insatser "), "lss-insatser");
    }
}
