//! `trappa import`: spreadsheets (the departments' answers) → one inventory
//! in canonical YAML. The files are read on the `-j` threads; their rows are
//! put together in the order the files are named. Every finding is shown
//! at its cell on standard error, as `check` shows findings (`--format`);
//! with any error nothing is written and the exit is 1.

use super::failure::Failure;
use super::{Context, output, say_note};
use crate::diagnostic::{CellPlace, Code, Diagnostic, Message, Pos, Severity};
use crate::emit::{self, FileFindings};
use crate::import::assemble::assemble;
use crate::import::read::{self, FileKind};
use crate::import::{CsvDialect, Given, Table, yaml};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Spreadsheets to read: .xlsx, .ods or .csv (either dialect `export` writes); several are merged
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The organisation's name, when the files leave it empty (a file's own must agree)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The organisation's SCB code, when the files leave it empty (a file's own must agree)
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// The follow-up year, when the files leave it empty (a file's own must agree)
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(2000..=2100))]
    pub year: Option<i32>,
    /// How the findings are shown on standard error
    #[arg(long, value_enum, default_value_t = ImportFormat::Human)]
    pub format: ImportFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Human,
    Json,
    Github,
}

pub(super) fn run(args: &ImportArgs, context: &Context) -> Result<(), Failure> {
    output::guard(context.output.as_deref(), &args.files)?;
    let mut kinds = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        match FileKind::of(&name) {
            Some(kind) => kinds.push((path, name, kind)),
            None => {
                return Err(Failure::trouble(
                    Message::new("import.unknown_kind").text("file", name),
                ));
            }
        }
    }
    let work = || {
        kinds
            .par_iter()
            .map(|(path, name, kind)| {
                let bytes = read_bytes(path, name)?;
                Ok(read::table(name, *kind, bytes).map_err(|reason| (name.clone(), reason)))
            })
            .collect::<Result<Vec<_>, Failure>>()
    };
    let results = match context.jobs.pool()? {
        Some(pool) => pool.install(work),
        None => work(),
    }?;
    let mut tables: Vec<Table> = Vec::new();
    let mut refused = Vec::new();
    for result in results {
        match result {
            Ok(table) => tables.push(table),
            Err((file, reason)) => refused.push(
                Diagnostic::new(Code::E001, &file, Pos::new(0, 0, 0), reason)
                    .with_cell(CellPlace::default()),
            ),
        }
    }
    // The dialect read is said to people; a program reading the JSON or
    // GitHub findings on standard error gets them alone.
    for table in tables.iter().filter(|_| args.format == ImportFormat::Human) {
        if let Some(dialect) = table.dialect {
            let key = match dialect {
                CsvDialect::Standard => "import.read_standard",
                CsvDialect::Excel => "import.read_excel",
            };
            say_note(
                context.lang,
                &Message::new(key).text("file", table.file.clone()),
            );
        }
    }
    let given = Given {
        name: args.name.clone(),
        code: args.code.clone(),
        year: args.year,
    };
    // When no file could be read there is nothing to assemble: what the
    // inventory would lack (its organisation, its year, any service) only
    // follows from the files' own errors, which say it.
    let assembled = (!tables.is_empty() || refused.is_empty()).then(|| assemble(&tables, &given));
    let mut diagnostics = refused;
    let inventory = assembled.and_then(|assembled| {
        diagnostics.extend(assembled.diagnostics);
        assembled.inventory
    });
    show(&diagnostics, args.format, context);
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    match inventory {
        Some(inventory) if errors == 0 => context.deliver(&yaml::write(&inventory)),
        // A program reading the JSON or GitHub findings gets them alone.
        _ if args.format != ImportFormat::Human => Err(Failure::Findings),
        _ => Err(Failure::refused(Message::counted(
            "import.nothing_written",
            errors.max(1) as u64,
        ))),
    }
}

fn read_bytes(path: &std::path::Path, name: &str) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let cannot =
        |e: std::io::Error| Failure::trouble(crate::inventory::source::cannot_read(name, &e));
    let metadata = std::fs::metadata(path).map_err(cannot)?;
    if metadata.is_dir() {
        return Err(Failure::trouble(
            Message::new("io.is_directory").text("path", name.to_string()),
        ));
    }
    let mut bytes = Vec::new();
    // One byte past the limit is enough to know it is passed.
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(crate::limits::MAX_IMPORT_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    Ok(bytes)
}

/// The errors and warnings on standard error, grouped by file in the order
/// found. Infos (services to develop, PDF forms) are the inventory's, not
/// the import's: `check` shows them.
fn show(diagnostics: &[Diagnostic], format: ImportFormat, context: &Context) {
    if diagnostics.is_empty() {
        return;
    }
    let mut files: Vec<(String, Vec<Diagnostic>)> = Vec::new();
    for d in diagnostics {
        match files.iter_mut().find(|(name, _)| *name == d.file) {
            Some((_, list)) => list.push(d.clone()),
            None => files.push((d.file.clone(), vec![d.clone()])),
        }
    }
    let shown: Vec<FileFindings> = files
        .iter()
        .map(|(name, list)| FileFindings {
            name,
            text: "",
            diagnostics: list,
        })
        .collect();
    let text = match format {
        ImportFormat::Human => {
            emit::human::human_findings(&shown, context.stderr_color, true, context.lang, None)
        }
        ImportFormat::Json => emit::json::json(&shown, true, context.lang),
        ImportFormat::Github => emit::github::github(&shown, true, context.lang),
    };
    eprint!("{text}");
}
