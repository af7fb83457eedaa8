//! The command line: clap definitions, the shared `Context`, and `run`, which
//! the thin binary calls. Each command lives in its own module with its
//! arguments and a `run` that gathers data, calls the library and hands the
//! result to a renderer; the exit code comes back as a number.

mod check;
mod classify;
mod compare;
mod completions;
mod export;
mod init;
mod ladder;
mod report;
mod schema;

use crate::exit;
use crate::i18n::Lang;
use crate::inventory::{self, Checked};
use crate::output::diagnostics::FileFindings;
use crate::output::table::Layout;
use crate::output::{self, Color, ColorChoice};
use clap::{Args, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub use check::{CheckArgs, CheckFormat};
pub use classify::{ClassifyArgs, ClassifyFormat};
pub use compare::{CompareArgs, CompareFormat};
pub use completions::{CompletionsArgs, ManArgs};
pub use export::{ExportArgs, ExportFormat};
pub use init::InitArgs;
pub use ladder::{LadderArgs, LadderFormat};
pub use report::{ReportArgs, ReportFormat};
pub use schema::SchemaArgs;

#[derive(Debug, Parser)]
#[command(
    name = "trappa",
    version,
    about = "Checks, classifies and reports e-service inventories on Statskontoret's four-step ladder",
    long_about = None,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: Global,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Language of labels and tables [default: sv when LC_ALL/LC_MESSAGES/LANG start with sv, else en]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// When to colour output: auto colours only a terminal and honours NO_COLOR
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Write the output to FILE (atomically: a failed run leaves no partial file)
    #[arg(short = 'o', long = "output", global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check inventory files: every finding of every file, with file:line:column
    #[command(
        after_help = "Examples:\n  trappa check examples/\n  trappa check --format github inventories/*.yaml\n  cat inventory.yaml | trappa check -"
    )]
    Check(CheckArgs),
    /// Place every service of an inventory on the ladder and say why
    #[command(
        after_help = "Example:\n  trappa classify examples/trelleborg-2014.yaml --format csv -o steps.csv"
    )]
    Classify(ClassifyArgs),
    /// The e-council's yearly follow-up: indicators, year over year, targets, per department
    #[command(
        after_help = "Examples:\n  trappa report examples/trelleborg-2014.yaml --previous examples/trelleborg-2013.yaml --targets examples/targets-trelleborg.yaml\n  trappa report examples/trelleborg-2014.yaml --format html --lang sv -o report.html"
    )]
    Report(ReportArgs),
    /// One row per organisation and year: services, steps, e-ID, take-up, rank
    #[command(
        after_help = "Example:\n  trappa compare examples/ --format csv --excel -o compare.csv"
    )]
    Compare(CompareArgs),
    /// Services or indicators for analysts: CSV (also for Swedish Excel), xlsx, JSON, CPSV-AP
    #[command(
        after_help = "Examples:\n  trappa export examples/ --excel -o services.csv\n  trappa export examples/ --format xlsx -o services.xlsx\n  trappa export examples/ --indicators -o indicators.csv\n  trappa export examples/trelleborg-2014.yaml --format cpsv-ap -o services.jsonld"
    )]
    Export(ExportArgs),
    /// Print the JSON Schema (draft-07) of the inventory or the targets file, for editors
    #[command(after_help = "Example:\n  trappa schema --targets -o trappa-targets.schema.json")]
    Schema(SchemaArgs),
    /// Print a commented starter inventory that passes `trappa check`
    #[command(after_help = "Example:\n  trappa init --code 1287 --year 2025 -o inventory.yaml")]
    Init(InitArgs),
    /// Print the ladder: definitions, derivation rules, crosswalk and sources
    #[command(after_help = "Example:\n  trappa ladder --lang sv")]
    Ladder(LadderArgs),
    /// Print a shell completion script
    #[command(
        after_help = "Example:\n  trappa completions bash > ~/.local/share/bash-completion/completions/trappa"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or a command's page (trappa-COMMAND)
    #[command(
        after_help = "Examples:\n  trappa man > trappa.1 && man ./trappa.1\n  trappa man check > trappa-check.1"
    )]
    Man(ManArgs),
}

/// What a run needs to know about where its output goes.
pub struct Context {
    pub lang: Lang,
    pub color: Color,
    pub layout: Layout,
    pub output: Option<PathBuf>,
}

impl Context {
    fn from_global(global: &Global) -> Context {
        let to_terminal = global.output.is_none() && std::io::stdout().is_terminal();
        let no_color = std::env::var("NO_COLOR").ok();
        Context {
            lang: global.lang.unwrap_or_else(Lang::from_env),
            color: Color::decide(global.color, to_terminal, no_color.as_deref()),
            layout: if to_terminal {
                Layout::terminal()
            } else {
                Layout::Plain
            },
            output: global.output.clone(),
        }
    }

    /// Writes a finished text output (standard output or `-o`, atomically).
    fn deliver(&self, text: &str) -> i32 {
        self.deliver_bytes(text.as_bytes())
    }

    fn deliver_bytes(&self, bytes: &[u8]) -> i32 {
        match output::deliver(self.output.as_deref(), bytes) {
            Ok(()) => exit::OK,
            Err(message) => trouble(&message),
        }
    }
}

/// Parses the process arguments and runs; returns the exit code.
pub fn run_from_env() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::TROUBLE
            } else {
                exit::OK
            };
            let _ = e.print();
            return code;
        }
    };
    run(cli)
}

pub fn run(cli: Cli) -> i32 {
    let context = Context::from_global(&cli.global);
    match cli.command {
        Command::Check(args) => check::run(&args, &context),
        Command::Classify(args) => classify::run(&args, &context),
        Command::Report(args) => report::run(&args, &context),
        Command::Compare(args) => compare::run(&args, &context),
        Command::Export(args) => export::run(&args, &context),
        Command::Schema(args) => schema::run(&args, &context),
        Command::Init(args) => init::run(&args, &context),
        Command::Ladder(args) => ladder::run(&args, &context),
        Command::Completions(args) => completions::run_completions(&args, &context),
        Command::Man(args) => completions::run_man(&args, &context),
    }
}

/// Reports trouble that is not a finding (unreadable path, failed write): exit 2.
fn trouble(message: &str) -> i32 {
    eprintln!("trappa: error: {message}");
    exit::TROUBLE
}

/// Reads one inventory for a command that needs a valid one. On errors,
/// prints the diagnostics (as `check` would) and returns the exit code.
fn valid_inventory(path: &Path, context: &Context) -> Result<Checked, i32> {
    let checked = inventory::check_path(path).map_err(|m| trouble(&m))?;
    if checked.is_targets() {
        return Err(trouble(&format!(
            "{} is a targets file (trappa-targets); this command reads an inventory",
            checked.source.name
        )));
    }
    if checked.valid_inventory().is_some() {
        return Ok(checked);
    }
    Err(print_refusal(&checked, context))
}

/// Reads a targets file; like [`valid_inventory`], errors are printed and refused.
fn valid_targets(path: &Path, context: &Context) -> Result<Checked, i32> {
    let checked = inventory::check_path(path).map_err(|m| trouble(&m))?;
    if checked.valid_targets().is_some() {
        return Ok(checked);
    }
    if checked.inventory().is_some() {
        return Err(trouble(&format!(
            "{} is an inventory; --targets reads a targets file (trappa-targets: 1)",
            checked.source.name
        )));
    }
    Err(print_refusal(&checked, context))
}

/// Prints a refused file's findings (as `check` would) to standard error.
fn print_refusal(checked: &Checked, context: &Context) -> i32 {
    let files = [FileFindings {
        name: &checked.source.name,
        text: &checked.source.text,
        diagnostics: &checked.diagnostics,
    }];
    let color = Color::decide(
        ColorChoice::Auto,
        std::io::stderr().is_terminal() && context.color.0,
        None,
    );
    eprint!("{}", output::diagnostics::human(&files, color, true));
    eprintln!(
        "trappa: error: {} has errors; fix them (see `trappa check`) before it can be used",
        checked.source.name
    );
    exit::FINDINGS
}
