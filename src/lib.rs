//! trappa: checks, classifies and reports Swedish public e-service
//! inventories on Statskontoret's four-step ladder.
//!
//! Data flows one way, each module using only those before it:
//!
//! ```text
//! inventory  bytes → model: source (size, encoding), load (YAML → positioned
//!            nodes), decode (nodes → typed model, E001/E002/E007/E008/W107),
//!            the model, its vocabularies (Step, Indicator) and targets files
//! i18n       every word, one catalogue per language (data/words/*.yaml)
//! ladder     the step rules (Statskontoret's ladder) and their reasons in words
//! check      the cross-field rules (E003–E006, W101–W106, I201–I203)
//! pipeline   one file through all of that: Checked
//! fix        check --fix: a file's safe fixes applied as byte edits, round
//!            after round, and the unified diff of them
//! classified every service of an inventory on the ladder
//! indicators the arithmetic of spec §5
//! report / compare / export   the data of each output: the follow-up, the
//!            comparison rows, the export columns and CPSV-AP
//! trend      many years of one organisation, built from each year's report
//! survey     many organisations at once (one inventory each): the national
//!            view, service types and the index in 15 rank groups
//! plan       the fewest changes that meet the targets, judged by report
//! render     the render toolkit (document, text and Markdown tables, numbers,
//!            JSON, CSV, xlsx) and every command's renderers
//! import     spreadsheets back into an inventory: export's columns read
//!            back, checked by the pipeline, written as canonical YAML
//! emit       the renderings of check's findings (human, JSON, GitHub, SARIF)
//! lsp        the language server: check's findings, hovers and fixes for an
//!            editor's buffer
//! cli        the commands: inputs, output files, failures and exit codes
//! ```
//!
//! Below them all: `characters` (which characters a value may hold, and how
//! one is shown when it cannot be shown as itself), then `diagnostic` (findings and messages as data: a word
//! catalogue key and its arguments), `limits`, `suggest`
//! ("did you mean") and `municipalities` (SCB's codes). `schema` and
//! `starter` sit beside the model they describe.

// A refused file is a `Diagnostic` returned by value: once per file, on the
// cold path, so boxing it would buy nothing but noise.
#![allow(clippy::result_large_err)]

pub mod characters;
pub mod check;
pub mod classified;
pub mod cli;
pub mod compare;
pub mod diagnostic;
pub mod emit;
pub mod export;
pub mod fix;
pub mod i18n;
pub mod import;
pub mod indicators;
pub mod inventory;
pub mod ladder;
pub mod limits;
pub mod lsp;
pub mod municipalities;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod report;
pub mod schema;
pub mod starter;
pub mod suggest;
pub mod survey;
pub mod trend;
