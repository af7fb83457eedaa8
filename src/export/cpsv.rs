//! Services as JSON-LD in the EU's Core Public Service Vocabulary
//! Application Profile, CPSV-AP 3.2.0 (spec §4, `export --format cpsv-ap`).
//!
//! Each service becomes a `cpsv:PublicService` with the properties CPSV-AP
//! makes mandatory (`dct:identifier`, `dct:title`, `dct:description`,
//! `cv:hasCompetentAuthority`) plus `adms:status`, `cv:hasChannel` and its
//! derived ladder step as `cv:isClassifiedBy`, a `skos:Concept` of trappa's
//! own concept scheme. The organisation is a `cv:PublicOrganisation`.
//!
//! A service without a description is refused, not exported without one:
//! CPSV-AP requires `dct:description` (minCount 1 in its SHACL shapes), and a
//! catalogue that silently drops or invents it would not conform.
//!
//! IRIs are minted under a base, [`DEFAULT_BASE`] unless the caller gives
//! one. The default sits under `.invalid`, a top-level domain reserved never
//! to resolve (RFC 2606): the IRIs are stable and deterministic but say
//! plainly that nobody publishes them yet. A municipality that publishes its
//! catalogue passes its own base.
//!
//! The writer streams: [`Writer::add`] takes one checked inventory at a time
//! and keeps only the text written so far, so the caller can drop each
//! inventory before reading the next.

use crate::diagnostic::Message;
use crate::i18n;
use crate::i18n::Lang;
use crate::inventory::Step;
use crate::inventory::model::{Inventory, Service, Status, Submission, slug};
use crate::inventory::service_type;
use crate::ladder;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashSet};

/// Where trappa's IRIs live unless the caller says otherwise (see the module docs).
pub const DEFAULT_BASE: &str = "https://trappa.invalid/";

/// The language of the texts of an inventory (names, descriptions): the
/// format is written for Swedish public bodies, in Swedish.
const TEXT_LANGUAGE: &str = "sv";

/// ADMS status vocabulary, the one CPSV-AP uses for `adms:status`.
const ADMS_STATUS: &str = "http://purl.org/adms/status/";

/// The EU Publications Office's country authority table: every organisation
/// an inventory describes is Swedish.
const SWEDEN: &str = "http://publications.europa.eu/resource/authority/country/SWE";

/// One checked inventory (no errors) and the file it came from, for messages.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    pub file: &'a str,
    pub inventory: &'a Inventory,
}

/// Why the export was refused; every reason of every file is collected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// CPSV-AP requires a description; the service has none.
    MissingDescription {
        file: String,
        service: String,
        line: u32,
        column: u32,
    },
}

impl Problem {
    /// What the command says about it, in the run's language.
    pub fn message(&self) -> Message {
        match self {
            Problem::MissingDescription {
                file,
                service,
                line,
                column,
            } => Message::new("refusal.cpsv_description")
                .text("file", file.clone())
                .number("line", *line)
                .number("column", *column)
                .text("service", service.clone()),
        }
    }
}

/// The whole document for some inventories, with [`DEFAULT_BASE`].
pub fn render(inputs: &[Input<'_>]) -> Result<String, Vec<Problem>> {
    let mut writer = Writer::new(DEFAULT_BASE);
    for input in inputs {
        writer.add(input.file, input.inventory);
    }
    writer.finish()
}

/// Builds the JSON-LD document one inventory at a time.
pub struct Writer {
    base: String,
    /// Graph nodes already serialised, in output order.
    nodes: Vec<String>,
    organisations: HashSet<String>,
    refusals: Vec<Problem>,
    /// The service types the services have: their concepts are written
    /// after the services, so that a catalogue without types is the same
    /// document it was before types existed.
    types: BTreeSet<String>,
}

impl Writer {
    /// `base` is the IRI every minted IRI starts with; a `/` is added when it
    /// ends in neither `/` nor `#`.
    pub fn new(base: &str) -> Writer {
        let mut base = base.to_string();
        if !base.ends_with('/') && !base.ends_with('#') {
            base.push('/');
        }
        let mut writer = Writer {
            base,
            nodes: Vec::new(),
            organisations: HashSet::new(),
            refusals: Vec::new(),
            types: BTreeSet::new(),
        };
        for node in writer.vocabulary() {
            writer.push(&node);
        }
        writer
    }

    /// Adds one checked inventory's organisation and services. Problems are
    /// collected and returned by [`Writer::finish`]. Two inventories of one
    /// organisation and year would mint the same service IRIs with
    /// different statements about them: the caller refuses them first, by
    /// the rule every command uses (`Organisation::same_as`).
    pub fn add(&mut self, file: &str, inventory: &Inventory) {
        let organisation = organisation_key(inventory);

        let organisation_iri = format!("{}organisation/{organisation}", self.base);
        if self.organisations.insert(organisation_iri.clone()) {
            let node = organisation_node(&organisation_iri, inventory);
            self.push(&node);
        }
        for service in &inventory.services {
            let Some(description) = service.stated_description() else {
                let pos = service.spans.at("");
                self.refusals.push(Problem::MissingDescription {
                    file: file.to_string(),
                    service: service.id.clone(),
                    line: pos.line,
                    column: pos.column,
                });
                continue;
            };
            let service_iri = format!(
                "{organisation_iri}/{}/service/{}",
                inventory.year, service.id
            );
            let node = self.service_node(&service_iri, &organisation_iri, service, description);
            self.push(&node);
        }
    }

    /// The finished document, or every reason to refuse it.
    pub fn finish(mut self) -> Result<String, Vec<Problem>> {
        if !self.refusals.is_empty() {
            return Err(self.refusals);
        }
        for node in self.type_vocabulary() {
            self.push(&node);
        }
        let context = serde_json::to_string_pretty(&context()).unwrap_or_default();
        let mut out = String::from("{\n  \"@context\": ");
        out.push_str(&indent(&context, "  "));
        out.push_str(",\n  \"@graph\": [\n    ");
        out.push_str(&self.nodes.join(",\n    "));
        out.push_str("\n  ]\n}\n");
        Ok(out)
    }

    fn push(&mut self, node: &Value) {
        let text = serde_json::to_string_pretty(node).unwrap_or_default();
        self.nodes.push(indent(&text, "    "));
    }

    fn ladder_scheme(&self) -> String {
        format!("{}ladder", self.base)
    }

    fn step_iri(&self, step: Step) -> String {
        format!("{}ladder/{}", self.base, step.number())
    }

    fn channel_scheme(&self) -> String {
        format!("{}channel-type", self.base)
    }

    fn channel_type_iri(&self, channel: Channel) -> String {
        format!("{}channel-type/{}", self.base, channel.id())
    }

    /// trappa's two concept schemes: the ladder (what `isClassifiedBy`
    /// points at) and the channel types (what a channel's `dct:type` points
    /// at). Written once, at the top of the graph.
    fn vocabulary(&self) -> Vec<Value> {
        let mut nodes = vec![json!({
            "@id": self.ladder_scheme(),
            "@type": "skos:ConceptScheme",
            "skos:prefLabel": [
                text("sv", i18n::text(Lang::Sv, "ladder.scheme")),
                text("en", i18n::text(Lang::En, "ladder.scheme")),
            ],
        })];
        for step in Step::ALL {
            nodes.push(json!({
                "@id": self.step_iri(step),
                "@type": "skos:Concept",
                "skos:inScheme": { "@id": self.ladder_scheme() },
                "skos:notation": step.number().to_string(),
                "skos:prefLabel": [
                    text("sv", i18n::step_text(step, "name", Lang::Sv)),
                    text("en", i18n::step_text(step, "name", Lang::En)),
                ],
                "skos:definition": [
                    text("sv", i18n::step_text(step, "definition", Lang::Sv)),
                    text("en", i18n::step_text(step, "definition", Lang::En)),
                ],
            }));
        }
        nodes.push(json!({
            "@id": self.channel_scheme(),
            "@type": "skos:ConceptScheme",
            "skos:prefLabel": [
                text("sv", i18n::text(Lang::Sv, "cpsv.channel_scheme")),
                text("en", i18n::text(Lang::En, "cpsv.channel_scheme")),
            ],
        }));
        for channel in Channel::ALL {
            let key = format!("cpsv.channel.{}", channel.id());
            nodes.push(json!({
                "@id": self.channel_type_iri(channel),
                "@type": "skos:Concept",
                "skos:inScheme": { "@id": self.channel_scheme() },
                "skos:prefLabel": [
                    text("sv", i18n::text(Lang::Sv, &key)),
                    text("en", i18n::text(Lang::En, &key)),
                ],
            }));
        }
        nodes
    }

    fn type_scheme(&self) -> String {
        format!("{}service-type", self.base)
    }

    fn type_iri(&self, id: &str) -> String {
        format!("{}service-type/{id}", self.base)
    }

    /// The scheme of service types and a concept for each type used, with
    /// its names and its area from the catalogue.
    fn type_vocabulary(&self) -> Vec<Value> {
        if self.types.is_empty() {
            return Vec::new();
        }
        let mut nodes = vec![json!({
            "@id": self.type_scheme(),
            "@type": "skos:ConceptScheme",
            "skos:prefLabel": [
                text("sv", i18n::text(Lang::Sv, "cpsv.type_scheme")),
                text("en", i18n::text(Lang::En, "cpsv.type_scheme")),
            ],
        })];
        for t in self.types.iter().filter_map(|id| service_type::by_id(id)) {
            let mut concept = json!({
                "@id": self.type_iri(&t.id),
                "@type": "skos:Concept",
                "skos:inScheme": { "@id": self.type_scheme() },
                "skos:notation": t.id,
                "skos:prefLabel": [text("sv", &t.sv), text("en", &t.en)],
            });
            if let (Some(area), Value::Object(map)) = (service_type::area(&t.area), &mut concept) {
                map.insert(
                    "skos:scopeNote".into(),
                    json!([text("sv", &area.sv), text("en", &area.en)]),
                );
            }
            nodes.push(concept);
        }
        nodes
    }

    fn service_node(
        &mut self,
        iri: &str,
        organisation_iri: &str,
        service: &Service,
        description: &str,
    ) -> Value {
        let step = ladder::classify(&service.evidence).step;
        let channels: Vec<Value> = channels(service)
            .into_iter()
            .map(|channel| {
                json!({
                    "@id": format!("{iri}/channel/{}", channel.id()),
                    "@type": "cv:Channel",
                    "dct:identifier": format!("{}-{}", service.id, channel.id()),
                    "dct:type": { "@id": self.channel_type_iri(channel) },
                })
            })
            .collect();
        let mut node = json!({
            "@id": iri,
            "@type": "cpsv:PublicService",
            "dct:identifier": service.id,
            "dct:title": text(TEXT_LANGUAGE, service.name.trim()),
            "dct:description": text(TEXT_LANGUAGE, description),
            "cv:hasCompetentAuthority": { "@id": organisation_iri },
            "adms:status": { "@id": format!("{ADMS_STATUS}{}", adms_status(service.status)) },
        });
        if let Value::Object(map) = &mut node {
            if !channels.is_empty() {
                map.insert("cv:hasChannel".into(), Value::Array(channels));
            }
            let step = json!({ "@id": self.step_iri(step) });
            // A typed service is classified by its step and its type; an
            // untyped one keeps the single object it always had.
            let classified = match &service.service_type {
                Some(id) => {
                    self.types.insert(id.clone());
                    json!([step, { "@id": self.type_iri(id) }])
                }
                None => step,
            };
            map.insert("cv:isClassifiedBy".into(), classified);
        }
        node
    }
}

/// The prefixes the document uses; self-contained, so a reader needs no
/// network to expand it.
fn context() -> Value {
    json!({
        "cpsv": "http://purl.org/vocab/cpsv#",
        "cv": "http://data.europa.eu/m8g/",
        "dct": "http://purl.org/dc/terms/",
        "adms": "http://www.w3.org/ns/adms#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
    })
}

fn text(language: &str, value: &str) -> Value {
    json!({ "@language": language, "@value": value })
}

/// Indents every line but the first (pretty JSON has no raw newline inside
/// a string, so this only moves structure).
fn indent(text: &str, by: &str) -> String {
    text.replace('\n', &format!("\n{by}"))
}

/// live → Completed (in operation), planned → UnderDevelopment,
/// retired → Withdrawn.
fn adms_status(status: Status) -> &'static str {
    match status {
        Status::Live => "Completed",
        Status::Planned => "UnderDevelopment",
        Status::Retired => "Withdrawn",
    }
}

/// How a user reaches a service, as far as the inventory tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// On the web: the service has a `url`, or cases are submitted online.
    Online,
    /// By e-mail, post or a visit (`submission: offline`).
    Offline,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Online, Channel::Offline];

    /// The words of a channel are `cpsv.channel.<id>`.
    pub fn id(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::Offline => "offline",
        }
    }
}

fn channels(service: &Service) -> Vec<Channel> {
    let mut out = Vec::new();
    if service.url.is_some() || service.evidence.submission == Submission::Online {
        out.push(Channel::Online);
    }
    if service.evidence.submission == Submission::Offline {
        out.push(Channel::Offline);
    }
    out
}

/// The organisation's part of an IRI: its SCB code when it has one (stable
/// when the name changes), otherwise its name made into a path segment.
fn organisation_key(inventory: &Inventory) -> String {
    match &inventory.organisation.code {
        Some(code) => percent_encode(code.trim()),
        None => {
            let slug = slug(&inventory.organisation.name);
            if slug.is_empty() {
                percent_encode(inventory.organisation.name.trim())
            } else {
                slug
            }
        }
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn organisation_node(iri: &str, inventory: &Inventory) -> Value {
    let organisation = &inventory.organisation;
    let mut node = json!({
        "@id": iri,
        "@type": "cv:PublicOrganisation",
        "skos:prefLabel": text(TEXT_LANGUAGE, organisation.name.trim()),
    });
    if let (Value::Object(map), Some(code)) = (&mut node, &organisation.code) {
        map.insert("dct:identifier".into(), json!(code));
    }
    if let Value::Object(map) = &mut node {
        map.insert("dct:spatial".into(), json!({ "@id": SWEDEN }));
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding() {
        assert_eq!(percent_encode("1287"), "1287");
        assert_eq!(
            percent_encode("SE 202100-1234/ä"),
            "SE%20202100-1234%2F%C3%A4"
        );
    }

    #[test]
    fn statuses_map_to_adms() {
        assert_eq!(adms_status(Status::Live), "Completed");
        assert_eq!(adms_status(Status::Planned), "UnderDevelopment");
        assert_eq!(adms_status(Status::Retired), "Withdrawn");
    }

    #[test]
    fn a_base_without_a_separator_gets_one() {
        let writer = Writer::new("https://example.se/katalog");
        assert_eq!(writer.ladder_scheme(), "https://example.se/katalog/ladder");
        let writer = Writer::new("https://example.se/katalog#");
        assert_eq!(
            writer.step_iri(Step::Transaction),
            "https://example.se/katalog#ladder/3"
        );
    }
}
