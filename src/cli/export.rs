//! `trappa export`: services (or indicators in long form) for analysts.
//!
//! Files are read, checked and exported one at a time, so memory stays flat
//! in the number of files. Every file is checked even after one fails, so a
//! single run names every failing file; then nothing is written at all.

use super::{Context, print_refusal, trouble};
use crate::cpsv;
use crate::exit;
use crate::export::{Exporter, Format, Subject};
use crate::inventory;
use crate::inventory::model::same_organisation;
use crate::output::Spool;
use crate::output::csv_dialect::Dialect;
use crate::output::table::Layout;
use crate::paths;
use clap::{Args, ValueEnum};
use std::io::BufWriter;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Inventory files or directories (searched recursively for *.yaml and *.yml); - reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// CSV for Swedish Excel: ; delimiter, decimal comma, UTF-8 BOM, CRLF, formula-injection guard
    #[arg(long)]
    pub excel: bool,
    /// Export the indicators in long form (kpi,municipality,period,department,value) instead of services
    #[arg(long)]
    pub indicators: bool,
    /// With --format cpsv-ap: the base every minted IRI starts with (http or https)
    #[arg(long, value_name = "URL", default_value = crate::cpsv::DEFAULT_BASE)]
    pub base_iri: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Json,
    #[value(name = "cpsv-ap")]
    CpsvAp,
}

/// The sink the flags ask for, or the usage error (exit 2) they make.
fn sink_for(args: &ExportArgs, context: &Context, spool: &Spool) -> Result<Sink, String> {
    if args.base_iri != cpsv::DEFAULT_BASE && args.format != ExportFormat::CpsvAp {
        return Err("--base-iri names CPSV-AP IRIs; it goes with --format cpsv-ap only".into());
    }
    if !(args.base_iri.starts_with("https://") || args.base_iri.starts_with("http://")) {
        return Err(format!(
            "--base-iri `{}` is not an http(s) URL; write e.g. https://data.kommun.se/tjanster/",
            args.base_iri
        ));
    }
    if args.excel && args.format != ExportFormat::Csv {
        return Err("--excel shapes CSV for Swedish Excel; it goes with --format csv only".into());
    }
    let subject = if args.indicators {
        Subject::Indicators
    } else {
        Subject::Services
    };
    let format = match args.format {
        ExportFormat::Csv => Format::Csv(Dialect::from_excel_flag(args.excel)),
        // A workbook is a zip: written to a terminal it is noise that can
        // upset the terminal. A pipe or -o gets it.
        ExportFormat::Xlsx if matches!(context.layout, Layout::Terminal { .. }) => {
            return Err(
                "--format xlsx writes a binary workbook; name a file with -o, e.g. -o services.xlsx"
                    .into(),
            );
        }
        ExportFormat::Xlsx => Format::Xlsx,
        ExportFormat::Json => Format::Json,
        ExportFormat::CpsvAp if args.indicators => {
            return Err(
                "--format cpsv-ap describes services; indicators go to csv, xlsx or json".into(),
            );
        }
        ExportFormat::CpsvAp => {
            return Ok(Sink::Cpsv(Box::new(cpsv::Writer::new(&args.base_iri))));
        }
    };
    let out = Box::new(BufWriter::new(spool.writer()?));
    Exporter::new(subject, format, context.lang, out).map(Sink::Table)
}

/// Where the checked inventories go: the tabular exporter or the CPSV-AP
/// JSON-LD writer. Both take one inventory at a time.
enum Sink {
    Table(Exporter),
    Cpsv(Box<cpsv::Writer>),
}

pub(super) fn run(args: &ExportArgs, context: &Context) -> i32 {
    // Tables stream into a temporary file beside the output (or for standard
    // output, in the temp directory), so memory does not grow with the
    // export and a refused run prints and leaves nothing.
    let spool = match Spool::create(context.output.as_deref()) {
        Ok(spool) => spool,
        Err(message) => return trouble(&message),
    };
    let mut exporter = match sink_for(args, context, &spool) {
        Ok(sink) => Some(sink),
        Err(message) => return trouble(&message),
    };

    let expanded = paths::expand(&args.paths);
    let mut problems = expanded.problems;
    let mut refused = 0usize;
    // (code, name, year, file) of every inventory exported so far: the same
    // organisation and year twice would count its services twice.
    let mut exported: Vec<(Option<String>, String, i32, String)> = Vec::new();
    for path in &expanded.files {
        let checked = match inventory::check_path(path) {
            Ok(checked) => checked,
            Err(message) => {
                problems.push(message);
                continue;
            }
        };
        if checked.is_targets() && !checked.has_errors() {
            // A targets file in a searched directory is not an inventory to
            // export; named on the command line, it is a mistake.
            if args.paths.contains(path) {
                problems.push(format!(
                    "{} is a targets file (trappa-targets); export reads inventories",
                    checked.source.name
                ));
            } else {
                eprintln!(
                    "trappa: note: skipped {}: a targets file, not an inventory",
                    checked.source.name
                );
            }
            continue;
        }
        let Some(inventory) = checked.valid_inventory() else {
            print_refusal(&checked, context);
            refused += 1;
            // Nothing will be written: stop building, keep checking.
            exporter = None;
            continue;
        };
        let organisation = &inventory.organisation;
        if let Some((.., first)) = exported.iter().find(|(code, name, year, _)| {
            *year == inventory.year
                && same_organisation(
                    (code.as_deref(), name),
                    (organisation.code.as_deref(), &organisation.name),
                )
        }) {
            eprintln!(
                "trappa: error: {first} and {} are both inventories of {} for {}; export one inventory per organisation and year",
                checked.source.name, organisation.name, inventory.year
            );
            refused += 1;
            exporter = None;
            continue;
        }
        exported.push((
            organisation.code.clone(),
            organisation.name.clone(),
            inventory.year,
            checked.source.name.clone(),
        ));
        match exporter.as_mut() {
            Some(Sink::Table(e)) => {
                if let Err(message) = e.add(inventory) {
                    return trouble(&message);
                }
            }
            Some(Sink::Cpsv(writer)) => writer.add(&checked.source.name, inventory),
            None => {}
        }
    }
    for problem in &problems {
        eprintln!("trappa: error: {problem}");
    }
    if !problems.is_empty() {
        return exit::TROUBLE;
    }
    if refused > 0 {
        eprintln!(
            "trappa: error: nothing written: {refused} file{} refused",
            if refused == 1 { "" } else { "s" }
        );
        return exit::FINDINGS;
    }
    match exporter {
        Some(Sink::Table(e)) => match e.finish().and_then(|()| spool.deliver()) {
            Ok(()) => exit::OK,
            Err(message) => trouble(&message),
        },
        Some(Sink::Cpsv(writer)) => match writer.finish() {
            Ok(text) => context.deliver(&text),
            Err(refusals) => {
                // Services without a description (CPSV-AP requires one) are
                // findings in the input, like check's: exit 1, nothing written.
                for refusal in &refusals {
                    eprintln!("trappa: error: {refusal}");
                }
                eprintln!(
                    "trappa: error: nothing written: {} problem{} for CPSV-AP",
                    refusals.len(),
                    if refusals.len() == 1 { "" } else { "s" }
                );
                exit::FINDINGS
            }
        },
        None => exit::FINDINGS,
    }
}
