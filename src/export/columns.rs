//! The fixed columns of every export table: one list per table, each column
//! with its name, its kind and how to read its value from a row. CSV, xlsx
//! and JSON all render these lists and the README documents them (a test
//! holds the README to this order), so the formats cannot drift apart.

use crate::classified::ClassifiedService;
use crate::i18n::{self, Lang};
use crate::inventory::Step;
use crate::inventory::model::{Inventory, Vocabulary};
use crate::ladder::reasons;
use std::collections::HashMap;

/// What kind of value a column holds: decides the xlsx cell type, the column
/// width and how the README describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A number: empty (CSV), blank (xlsx) or null (JSON) when there is no data.
    Number,
    /// A number that may be a share 0–1 (xlsx shows it as a percentage).
    Value,
    /// `true` / `false`.
    Flag,
    /// Items joined with `|` in CSV and xlsx, an array in JSON.
    List,
    /// An ISO date (YYYY-MM-DD): a date cell in xlsx, text elsewhere.
    Date,
}

/// One value, typed, before a format renders it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// No value: an empty cell, never 0.
    Missing,
    Text(String),
    /// A whole number as the inventory has it (a year, a count of cases, a
    /// step): exact, whatever its size.
    Count(u64),
    /// A measure (kronor, per cent, a mean step): written as computed.
    Number(f64),
    /// A share 0–1.
    Share(f64),
    Flag(bool),
    List(Vec<String>),
    Date(String),
}

/// The separator of list items in CSV and xlsx cells.
pub const LIST_SEPARATOR: &str = "|";

pub struct Column<R> {
    /// Stable English identifier: the YAML path of the value where it has one.
    pub name: &'static str,
    pub kind: Kind,
    /// One line for the README.
    pub meaning: &'static str,
    pub value: Box<dyn Fn(&R) -> Cell>,
    /// Worked out by trappa (the step, its reasons), not a value of the
    /// inventory: `import` recognises the column and leaves it out. Every
    /// other column is the value at the YAML path of its name.
    pub derived: bool,
}

impl<R> Column<R> {
    pub fn new(
        name: &'static str,
        kind: Kind,
        meaning: &'static str,
        value: impl Fn(&R) -> Cell + 'static,
    ) -> Self {
        Column {
            name,
            kind,
            meaning,
            value: Box::new(value),
            derived: false,
        }
    }

    /// A column trappa works out, which `import` does not read back.
    pub fn derived(mut self) -> Self {
        self.derived = true;
        self
    }
}

/// The column `import` rebuilds the inventory's `departments` from, with
/// the `department` column: derived, but not thrown away.
pub const DEPARTMENT_NAME: &str = "department_name";

/// The cells of one row, in column order.
pub fn cells<R>(columns: &[Column<R>], row: &R) -> Vec<Cell> {
    columns.iter().map(|c| (c.value)(row)).collect()
}

pub fn names<R>(columns: &[Column<R>]) -> Vec<&'static str> {
    columns.iter().map(|c| c.name).collect()
}

impl Kind {
    /// How the README names the kind.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Number => "number",
            Kind::Value => "number or share",
            Kind::Flag => "true/false",
            Kind::List => "list",
            Kind::Date => "date",
        }
    }
}

/// The README's table of columns (a test keeps the README equal to it).
pub fn markdown_table<R>(columns: &[Column<R>]) -> String {
    let mut out = String::from("| # | column | kind | meaning |\n|---|---|---|---|\n");
    for (i, c) in columns.iter().enumerate() {
        out.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            i + 1,
            c.name,
            c.kind.word(),
            c.meaning
        ));
    }
    out
}

// ---------------------------------------------------------------------------
// Services: one row per service of every inventory

/// One service with what its row needs from the inventory around it.
pub struct ServiceRow<'a> {
    pub inventory: &'a Inventory,
    pub classified: &'a ClassifiedService<'a>,
    /// The inventory's departments' names by id ([`department_names`]),
    /// made once per inventory so each row is a lookup, not a scan.
    pub departments: &'a HashMap<&'a str, &'a str>,
    pub lang: Lang,
}

/// The names of an inventory's departments by id.
pub fn department_names(inventory: &Inventory) -> HashMap<&str, &str> {
    inventory
        .departments
        .iter()
        .flatten()
        .map(|d| (d.id.as_str(), d.name.as_str()))
        .collect()
}

fn text(value: &str) -> Cell {
    Cell::Text(value.to_string())
}

fn optional_text(value: Option<&str>) -> Cell {
    value.map_or(Cell::Missing, text)
}

fn word(value: impl Vocabulary) -> Cell {
    text(value.as_str())
}

fn optional_word(value: Option<impl Vocabulary>) -> Cell {
    value.map_or(Cell::Missing, word)
}

fn words(values: &[impl Vocabulary]) -> Cell {
    Cell::List(values.iter().map(|v| v.as_str().to_string()).collect())
}

fn list(values: &[String]) -> Cell {
    Cell::List(values.to_vec())
}

fn count(value: Option<u64>) -> Cell {
    value.map_or(Cell::Missing, Cell::Count)
}

fn number(value: Option<f64>) -> Cell {
    value.map_or(Cell::Missing, Cell::Number)
}

fn step(value: Option<Step>) -> Cell {
    value.map_or(Cell::Missing, |s| Cell::Count(u64::from(s.number())))
}

/// A follow-up year (2000–2100 once checked).
pub fn year(year: i32) -> Cell {
    u64::try_from(year).map_or(Cell::Missing, Cell::Count)
}

type S<'a> = ServiceRow<'a>;

/// Every column of the service export, in their fixed order.
pub fn services<'a>() -> Vec<Column<ServiceRow<'a>>> {
    use Kind::*;
    vec![
        Column::new(
            "organisation.name",
            Text,
            "the organisation's name",
            |r: &S| text(&r.inventory.organisation.name),
        ),
        Column::new(
            "organisation.code",
            Text,
            "SCB code: 4 digits for a municipality, 2 for a region; empty for agencies and companies",
            |r: &S| optional_text(r.inventory.organisation.code.as_deref()),
        ),
        Column::new(
            "organisation.kind",
            Text,
            "municipality, region, agency or company",
            |r: &S| word(r.inventory.organisation.kind),
        ),
        Column::new(
            "year",
            Number,
            "the follow-up year of the inventory",
            |r: &S| year(r.inventory.year),
        ),
        Column::new(
            "id",
            Text,
            "the service's id, stable across years",
            |r: &S| text(&r.classified.service.id),
        ),
        Column::new("name", Text, "the service's name", |r: &S| {
            text(&r.classified.service.name)
        }),
        Column::new("department", Text, "the department's id", |r: &S| {
            optional_text(r.classified.service.department.as_deref())
        }),
        Column::new(
            DEPARTMENT_NAME,
            Text,
            "the department's name from `departments` (empty when not listed there)",
            |r: &S| {
                let id = r.classified.service.department.as_deref();
                optional_text(id.and_then(|id| r.departments.get(id).copied()))
            },
        )
        .derived(),
        Column::new("description", Text, "free text", |r: &S| {
            optional_text(r.classified.service.description.as_deref())
        }),
        Column::new("url", Text, "the service's web address", |r: &S| {
            optional_text(r.classified.service.url.as_deref())
        }),
        Column::new("status", Text, "live, planned or retired", |r: &S| {
            word(r.classified.service.status)
        }),
        Column::new(
            "audience",
            List,
            "citizens, businesses, associations, staff",
            |r: &S| words(&r.classified.service.audience),
        ),
        Column::new(
            "platform",
            Text,
            "free text: the e-service platform",
            |r: &S| optional_text(r.classified.service.platform.as_deref()),
        ),
        Column::new("languages", List, "ISO 639-1 codes", |r: &S| {
            list(&r.classified.service.languages)
        }),
        Column::new(
            "evidence.download_form",
            Flag,
            "a printable or PDF form is offered",
            |r: &S| Cell::Flag(r.classified.service.evidence.download_form),
        ),
        Column::new(
            "evidence.interactive",
            List,
            "calculator, map, booking, search, chat, email",
            |r: &S| words(&r.classified.service.evidence.interactive),
        ),
        Column::new(
            "evidence.submission",
            Text,
            "none, offline or online",
            |r: &S| word(r.classified.service.evidence.submission),
        ),
        Column::new("evidence.login", Text, "none, password or eid", |r: &S| {
            word(r.classified.service.evidence.login)
        }),
        Column::new(
            "evidence.foreign_eid",
            Flag,
            "foreign e-ID (eIDAS) accepted",
            |r: &S| Cell::Flag(r.classified.service.evidence.foreign_eid),
        ),
        Column::new("evidence.signing", Text, "none, paper or eid", |r: &S| {
            word(r.classified.service.evidence.signing)
        }),
        Column::new(
            "evidence.signatures",
            Number,
            "signers required",
            |r: &S| count(r.classified.service.evidence.signatures.map(u64::from)),
        ),
        Column::new(
            "evidence.attachments",
            Flag,
            "files can be attached",
            |r: &S| Cell::Flag(r.classified.service.evidence.attachments),
        ),
        Column::new(
            "evidence.save_resume",
            Flag,
            "an application can be saved and resumed",
            |r: &S| Cell::Flag(r.classified.service.evidence.save_resume),
        ),
        Column::new(
            "evidence.case_tracking",
            Text,
            "none, portal or external",
            |r: &S| word(r.classified.service.evidence.case_tracking),
        ),
        Column::new(
            "evidence.messaging",
            Flag,
            "two-way messages with the case officer",
            |r: &S| Cell::Flag(r.classified.service.evidence.messaging),
        ),
        Column::new(
            "evidence.decision",
            Text,
            "post, email, portal or digital_mailbox",
            |r: &S| optional_word(r.classified.service.evidence.decision),
        ),
        Column::new(
            "evidence.payment",
            Text,
            "none, invoice or online",
            |r: &S| word(r.classified.service.evidence.payment),
        ),
        Column::new(
            "evidence.prefill",
            Text,
            "none, identity or registry",
            |r: &S| word(r.classified.service.evidence.prefill),
        ),
        Column::new(
            "evidence.exchange",
            List,
            "organisations exchanged with electronically during the case",
            |r: &S| list(&r.classified.service.evidence.exchange),
        ),
        Column::new(
            "evidence.shared_with",
            List,
            "organisations running the service jointly",
            |r: &S| list(&r.classified.service.evidence.shared_with),
        ),
        Column::new(
            "evidence.anonymous",
            Flag,
            "anonymous by design",
            |r: &S| Cell::Flag(r.classified.service.evidence.anonymous),
        ),
        Column::new("access.hours", Text, "always or limited", |r: &S| {
            optional_word(r.classified.service.access.hours)
        }),
        Column::new(
            "access.mobile",
            Text,
            "responsive, app or desktop_only",
            |r: &S| optional_word(r.classified.service.access.mobile),
        ),
        Column::new(
            "access.accessibility_statement",
            Text,
            "URL of the tillgänglighetsredogörelse",
            |r: &S| {
                optional_text(
                    r.classified
                        .service
                        .access
                        .accessibility_statement
                        .as_deref(),
                )
            },
        ),
        Column::new(
            "access.conformance",
            Text,
            "full, partial or none",
            |r: &S| optional_word(r.classified.service.access.conformance),
        ),
        Column::new(
            "access.reviewed",
            Date,
            "the last accessibility review",
            |r: &S| {
                r.classified
                    .service
                    .access
                    .reviewed
                    .as_ref()
                    .map_or(Cell::Missing, |d| Cell::Date(d.clone()))
            },
        ),
        Column::new(
            "access.protected_identity",
            Text,
            "supported, alternative or unsupported",
            |r: &S| optional_word(r.classified.service.access.protected_identity),
        ),
        Column::new(
            "volumes.cases",
            Number,
            "cases received through all channels in `year`",
            |r: &S| count(r.classified.service.volumes.cases),
        ),
        Column::new(
            "volumes.digital",
            Number,
            "of which received electronically",
            |r: &S| count(r.classified.service.volumes.digital),
        ),
        Column::new(
            "volumes.started",
            Number,
            "digital applications started",
            |r: &S| count(r.classified.service.volumes.started),
        ),
        Column::new(
            "volumes.completed",
            Number,
            "digital applications completed",
            |r: &S| count(r.classified.service.volumes.completed),
        ),
        Column::new("cost_per_case_sek", Number, "kronor per case", |r: &S| {
            number(r.classified.service.cost_per_case_sek)
        }),
        Column::new("satisfaction_pct", Number, "0–100", |r: &S| {
            number(r.classified.service.satisfaction_pct)
        }),
        Column::new("step", Number, "the derived step, 1–4", |r: &S| {
            step(Some(r.classified.classification.step))
        })
        .derived(),
        Column::new(
            "step_name",
            Text,
            "the derived step's name (follows `--lang`)",
            |r: &S| text(i18n::step_name(r.classified.classification.step, r.lang)),
        )
        .derived(),
        Column::new(
            "declared_step",
            Number,
            "1–4, as the owner declared it",
            |r: &S| step(r.classified.service.declared_step),
        ),
        Column::new(
            "target_step",
            Number,
            "1–4, the step the service should reach",
            |r: &S| step(r.classified.service.target_step),
        ),
        Column::new(
            "next_step_missing",
            List,
            "what the next step needs: any_interaction, online_submission, eid_login_or_signing, no_paper_signing, integration_evidence",
            |r: &S| {
                Cell::List(
                    r.classified
                        .classification
                        .missing
                        .iter()
                        .map(|m| m.id().to_string())
                        .collect(),
                )
            },
        )
        .derived(),
        Column::new(
            "reasons",
            Text,
            "what decided the step and what the next one needs (follows `--lang`)",
            |r: &S| text(&reasons::reasons(&r.classified.classification, r.lang)),
        )
        .derived(),
        // Last, so that the columns of exports made before types existed
        // keep their places.
        Column::new(
            "type",
            Text,
            "the service type, an id of `data/service-types.yaml` (empty when untyped)",
            |r: &S| optional_text(r.classified.service.service_type.as_deref()),
        ),
    ]
}
