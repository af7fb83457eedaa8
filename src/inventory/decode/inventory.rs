//! The walk over an inventory (format 1, spec §2): from the untyped
//! [`Node`] tree to the typed model, reporting every value that is missing,
//! of the wrong type, unknown or out of range (E002), the format version,
//! year and organisation code (E007), URLs (E008) and an unquoted
//! organisation code (W107). It never stops at the first problem.
//!
//! Cross-field rules (duplicates, contradictions, declared steps) are
//! `crate::check`'s, which runs on what this walk could decode.

use super::reader::{Fields, Reader, describe, did_you_mean, not_integer};
use crate::diagnostic::{Code, Diagnostic, Edit, Findings, Fix, Message, Pos};
use crate::inventory::load::{Node, Value};
use crate::inventory::model::*;
use crate::inventory::service_type;
use crate::limits;
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
    "type",
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

/// The places of keys, as the messages name them (catalogue keys).
const INVENTORY: &str = "diagnostic.place.inventory";
const DEPARTMENT: &str = "diagnostic.place.department";
const SERVICE: &str = "diagnostic.place.service";

/// Decodes an inventory document. Returns no inventory only when the file is
/// not an inventory of a format this version reads; otherwise returns what
/// could be decoded, with the diagnostics of what could not.
pub fn inventory(file: &str, root: &Node) -> (Option<Inventory>, Findings) {
    let mut d = Reader::new(file);
    let inventory = d.walk_inventory(root);
    (inventory, d.findings)
}

impl Reader<'_> {
    fn walk_inventory(&mut self, root: &Node) -> Option<Inventory> {
        if root.value == Value::Null {
            self.e002(
                Pos::START,
                Message::new("diagnostic.e002.empty_file"),
                Some(Message::new("diagnostic.e002.empty_file_help")),
            );
            return None;
        }
        // The format version decides what the other keys mean: without it,
        // listing every key as unknown would only bury the one real problem.
        if matches!(root.value, Value::Map(_)) && !root.has_key("trappa") {
            self.e002(
                root.pos,
                Message::new("diagnostic.e002.no_version"),
                Some(Message::new("diagnostic.e002.no_version_help")),
            );
            return None;
        }
        let fields = self.mapping(root, INVENTORY, ROOT_KEYS)?;
        if !self.format_version(&fields) {
            return None;
        }
        let mut spans = Spans::default();
        spans.insert("", fields.pos);
        fields.record(&mut spans, "");

        let organisation = self
            .require(&fields, "organisation", INVENTORY)
            .and_then(|n| self.organisation(n, &mut spans));
        let year = self
            .require(&fields, "year", INVENTORY)
            .and_then(|n| self.year(n));
        let mut undecoded = Undecoded::default();
        let departments = fields.get("departments").map(|n| {
            self.list(n, "departments", |d, item, _| {
                let department = d.department(item);
                if department.is_none() {
                    undecoded.departments.push(written_id(item));
                }
                department
            })
        });
        // `services:` with nothing after it is an empty inventory (W106), not an error.
        let services = match (fields.get("services"), fields.key_pos("services")) {
            (Some(node), _) => {
                let services = self.list(node, "services", |d, item, _| d.service(item));
                undecoded.services = match &node.value {
                    Value::Seq(items) => items.len() > services.len(),
                    _ => true,
                };
                services
            }
            (None, Some(_)) => Vec::new(),
            (None, None) => {
                self.require(&fields, "services", INVENTORY);
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
            undecoded,
        })
    }

    /// True when the file declares format 1.
    fn format_version(&mut self, fields: &Fields) -> bool {
        let Some(node) = fields.get("trappa") else {
            self.e002(
                fields.pos,
                Message::new("diagnostic.e002.no_version"),
                Some(Message::new("diagnostic.e002.no_version_start_help")),
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
                        Message::new("diagnostic.e007.version").arg("version", describe(node)),
                    )
                    .help(
                        Message::new("diagnostic.e007.version_help")
                            .number("supported", FORMAT_VERSION),
                    ),
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
                    not_integer(node, "year"),
                    Some(Message::new("diagnostic.e002.year_help")),
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
                    Message::new("diagnostic.e007.year").number("year", year),
                )
                .help(Message::new("diagnostic.e007.year_help")),
            );
            return None;
        }
        Some(year as i32)
    }

    fn organisation(&mut self, node: &Node, spans: &mut Spans) -> Option<Organisation> {
        let fields = self.mapping(node, "diagnostic.place.organisation", ORGANISATION_KEYS)?;
        fields.record(spans, "organisation.");
        let name = self
            .require(&fields, "name", "diagnostic.place.organisation")
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
                        Message::new("diagnostic.w107.unquoted_code").text("code", written.clone()),
                    )
                    .help(
                        Message::new("diagnostic.w107.unquoted_code_help")
                            .text("code", written.clone()),
                    )
                    .fix(Fix::safe(
                        Message::new("fix.quote_code").text("code", written.clone()),
                        vec![Edit::replace(
                            node.pos,
                            written.clone(),
                            format!("\"{written}\""),
                        )],
                    )),
                );
                written
            }
            _ => {
                self.e002(
                    node.pos,
                    Message::new("diagnostic.e002.not_text")
                        .text("path", "organisation.code")
                        .arg("value", describe(node)),
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
        let (message, expected) = match kind {
            OrganisationKind::Region => (
                "diagnostic.e007.not_county_code",
                "diagnostic.e007.county_code_help",
            ),
            _ => (
                "diagnostic.e007.not_municipality_code",
                "diagnostic.e007.municipality_code_help",
            ),
        };
        let help = match name.and_then(municipalities::by_organisation_name) {
            Some(m) if kind == OrganisationKind::Municipality => {
                Message::new("diagnostic.e007.code_of_help")
                    .text("name", m.name)
                    .text("code", m.code)
            }
            _ => Message::new(expected),
        };
        self.report(
            Diagnostic::new(
                Code::E007,
                self.file,
                node.pos,
                Message::new(message).text("code", code),
            )
            .help(help),
        );
        None
    }

    fn department(&mut self, node: &Node) -> Option<Department> {
        let fields = self.mapping(node, DEPARTMENT, DEPARTMENT_KEYS)?;
        let id = self
            .require(&fields, "id", DEPARTMENT)
            .and_then(|n| self.identifier(n, "departments.id"));
        let name = self
            .require(&fields, "name", DEPARTMENT)
            .and_then(|n| self.non_empty_text(n, "departments.name"));
        Some(Department {
            id: id?,
            name: name.unwrap_or_default(),
            pos: fields.key_pos("id").unwrap_or(fields.pos),
        })
    }

    /// `type`: an id of the service-type catalogue. A near id is a typo;
    /// a name a type is known by (`Förskoleansökan`) says which id it is.
    fn service_type(&mut self, node: &Node) -> Option<String> {
        let written = self.text(node, "type")?;
        if service_type::by_id(&written).is_some() {
            return Some(written);
        }
        let ids = service_type::all().iter().map(|t| t.id.as_str());
        let help = match suggest::closest(&written, ids) {
            Some(near) => did_you_mean(near),
            None => match service_type::suggest_for(&written) {
                Some(s) => did_you_mean(&s.service_type.id),
                None => Message::new("diagnostic.e002.unknown_type_help"),
            },
        };
        self.e002(
            node.pos,
            Message::new("diagnostic.e002.unknown_value")
                .arg("value", describe(node))
                .text("path", "type"),
            Some(help),
        );
        None
    }

    fn service(&mut self, node: &Node) -> Option<Service> {
        // An unknown key may be a misspelt rule input (`evidense:`): then
        // the service's evidence is not what its author meant.
        let before_keys = self.errors();
        let fields = self.mapping(node, SERVICE, SERVICE_KEYS)?;
        let unknown_keys = self.errors() > before_keys;
        let mut spans = Spans::default();
        spans.insert("", fields.pos);
        fields.record(&mut spans, "");

        let id = self
            .require(&fields, "id", SERVICE)
            .and_then(|n| self.identifier(n, "id"));
        let name = self
            .require(&fields, "name", SERVICE)
            .and_then(|n| self.non_empty_text(n, "name"));
        let department = fields
            .get("department")
            .and_then(|n| self.text(n, "department"));
        let service_type = fields.get("type").and_then(|n| self.service_type(n));
        let description = fields
            .get("description")
            .and_then(|n| self.prose(n, "description"));
        let url = fields.get("url").and_then(|n| self.url(n, "url"));
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
        let before_rules = self.errors();
        let status = fields
            .get("status")
            .and_then(|n| self.word(n, "status"))
            .unwrap_or(Status::Live);
        let declared_node = fields.get("declared_step");
        let declared_step = declared_node.and_then(|n| self.step(n, "declared_step"));
        if let Some(node) = declared_node
            && let (Some(_), Some(written), true) =
                (declared_step, node.scalar_text(), node.is_plain())
        {
            spans.insert_value("declared_step", node.pos, written);
        }
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
        let incomplete = unknown_keys || self.errors() > before_rules;
        let cost_per_case_sek = fields
            .get("cost_per_case_sek")
            .and_then(|n| self.number(n, "cost_per_case_sek", 0.0, limits::MAX_COST_PER_CASE_SEK));
        let satisfaction_pct = fields
            .get("satisfaction_pct")
            .and_then(|n| self.number(n, "satisfaction_pct", 0.0, 100.0));

        Some(Service {
            id: id?,
            name: name.unwrap_or_default(),
            department,
            service_type,
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

    fn evidence(&mut self, node: &Node, spans: &mut Spans) -> Option<Evidence> {
        let f = self.mapping(node, "diagnostic.place.evidence", EVIDENCE_KEYS)?;
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
        let f = self.mapping(node, "diagnostic.place.access", ACCESS_KEYS)?;
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
        let f = self.mapping(node, "diagnostic.place.volumes", VOLUME_KEYS)?;
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
}

/// The id of a list item as written, whatever is wrong with it: what a
/// service may name as its department although the entry was refused.
fn written_id(item: &Node) -> Option<String> {
    let Value::Map(entries) = &item.value else {
        return None;
    };
    entries
        .iter()
        .find(|(k, _)| k.scalar_text() == Some("id"))
        .and_then(|(_, v)| v.scalar_text())
        .map(str::to_string)
}
