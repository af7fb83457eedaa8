//! The command line: clap definitions, the shared [`Context`], and [`run`],
//! which the thin binary calls. Each command lives in its own module with
//! its arguments and a `run` that takes its inputs ([`input`]), calls the
//! library, hands the result to a renderer and writes it ([`output`]). A
//! command that does not succeed returns a [`Failure`], which `run` prints
//! once and turns into the exit code.

mod check;
mod classify;
mod compare;
mod completions;
mod export;
pub mod failure;
mod import;
mod init;
pub mod input;
mod ladder;
mod lsp;
pub mod output;
pub mod paths;
mod plan;
mod report;
mod schema;
mod survey;
mod trend;

use crate::diagnostic::Message;
use crate::i18n::{self, Lang};
use crate::render::text::Layout;
use crate::render::{Color, ColorChoice};
use clap::{Args, Parser, Subcommand};
use failure::Failure;
use input::Jobs;
use std::io::IsTerminal;
use std::path::PathBuf;

pub use check::{CheckArgs, CheckFormat};
pub use classify::{ClassifyArgs, ClassifyFormat};
pub use compare::{CompareArgs, CompareFormat};
pub use completions::{CompletionsArgs, ManArgs};
pub use export::{ExportArgs, ExportFormat};
pub use import::{ImportArgs, ImportFormat};
pub use init::InitArgs;
pub use ladder::{LadderArgs, LadderFormat};
pub use lsp::LspArgs;
pub use plan::{PlanArgs, PlanFormat};
pub use report::{ReportArgs, ReportFormat};
pub use schema::SchemaArgs;
pub use survey::{SurveyArgs, SurveyFormat};
pub use trend::{TrendArgs, TrendFormat};

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
    /// Language of reports, tables, diagnostics and errors (not of this help) [default: sv when LC_ALL/LC_MESSAGES/LANG start with sv, else en]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// When to colour output: auto colours only a terminal and honours NO_COLOR
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Write the output to FILE (atomically: a failed run leaves no partial file)
    #[arg(short = 'o', long = "output", global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Threads that read and check files, for the commands that read many [default: one per core]
    #[arg(short = 'j', long = "jobs", global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: Option<u16>,
    /// Leave out files named on the command line that a .trappaignore would skip in a directory search
    #[arg(long, global = true)]
    pub respect_ignore: bool,
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
    /// The whole strategy period: one organisation's years, every indicator as a series, service histories, targets at this pace
    #[command(
        after_help = "Examples:\n  trappa trend examples/trelleborg-*.yaml --targets examples/targets-trelleborg.yaml\n  trappa trend inventories/ --format html --lang sv -o trend.html\n  trappa trend inventories/ --format csv --excel -o trend.csv"
    )]
    Trend(TrendArgs),
    /// The fewest changes that meet the targets: each department's action plan, or the inventory with them made
    #[command(
        after_help = "Examples:\n  trappa plan examples/trelleborg-2014.yaml --targets examples/targets-trelleborg.yaml\n  trappa plan inventory.yaml --targets targets.yaml --format csv --excel -o plan.csv\n  trappa plan inventory.yaml --targets targets.yaml --apply -o scenario.yaml"
    )]
    Plan(PlanArgs),
    /// One row per organisation and year: services, steps, e-ID, take-up, rank
    #[command(
        after_help = "Example:\n  trappa compare examples/ --format csv --excel -o compare.csv"
    )]
    Compare(CompareArgs),
    /// Many organisations, one inventory each: who offers what, steps, pooled and median indicators, counties, service types, an index in 15 rank groups
    #[command(
        after_help = "Examples:\n  trappa survey examples/survey/\n  trappa survey inventories/ --year 2024 --format csv --excel -o survey.csv"
    )]
    Survey(SurveyArgs),
    /// Services or indicators for analysts: CSV (also for Swedish Excel), xlsx, JSON, CPSV-AP
    #[command(
        after_help = "Examples:\n  trappa export examples/ --excel -o services.csv\n  trappa export examples/ --format xlsx -o services.xlsx\n  trappa export examples/ --indicators -o indicators.csv\n  trappa export examples/trelleborg-2014.yaml --format cpsv-ap -o services.jsonld"
    )]
    Export(ExportArgs),
    /// Spreadsheets (xlsx, ods, csv) with export's columns → one inventory in canonical YAML
    #[command(
        after_help = "Examples:\n  trappa import social.xlsx bygg.xlsx --year 2025 -o inventory.yaml\n  trappa import services.csv --format github"
    )]
    Import(ImportArgs),
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
    /// Serve check's findings, hovers and fixes to an editor (Language Server Protocol, stdio)
    #[command(
        after_help = "Example (an editor starts it and speaks JSON-RPC on its standard input):\n  trappa lsp --lang sv"
    )]
    Lsp(LspArgs),
}

/// What a run needs to know about its language and where its output goes.
pub struct Context {
    pub lang: Lang,
    /// Colour on standard output (never when it goes to a file).
    pub color: Color,
    /// Colour on standard error, decided on its own: diagnostics of a
    /// refused file reach a terminal even when the output goes to `-o`.
    pub stderr_color: Color,
    pub layout: Layout,
    pub output: Option<PathBuf>,
    pub jobs: Jobs,
    /// `--respect-ignore`: named files are filtered by `.trappaignore` too.
    pub respect_ignore: bool,
}

impl Context {
    fn from_global(global: &Global) -> Context {
        let to_stdout = global.output.as_ref().is_none_or(|p| p.as_os_str() == "-");
        let to_terminal = to_stdout && std::io::stdout().is_terminal();
        let no_color = std::env::var("NO_COLOR").ok();
        Context {
            lang: global.lang.unwrap_or_else(Lang::from_env),
            color: Color::decide(global.color, to_terminal, no_color.as_deref()),
            stderr_color: Color::decide(
                global.color,
                std::io::stderr().is_terminal(),
                no_color.as_deref(),
            ),
            layout: if to_terminal {
                Layout::terminal()
            } else {
                Layout::Plain
            },
            // `-o -` is standard output, as for every Unix tool.
            output: global.output.clone().filter(|p| p.as_os_str() != "-"),
            jobs: Jobs(global.jobs.map(usize::from)),
            respect_ignore: global.respect_ignore,
        }
    }

    /// Writes a finished text output (standard output or `-o`, atomically).
    fn deliver(&self, text: &str) -> Result<(), Failure> {
        self.deliver_bytes(text.as_bytes())
    }

    fn deliver_bytes(&self, bytes: &[u8]) -> Result<(), Failure> {
        output::guard(self.output.as_deref(), &[])?;
        output::deliver(self.output.as_deref(), bytes).map_err(Failure::trouble)
    }

    /// Writes an output as it is made, into the temporary file of `-o` (or
    /// for standard output, into a spool), delivered whole at the end.
    fn deliver_with(
        &self,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        output::guard(self.output.as_deref(), &[])?;
        let mut spool = output::Spool::create(self.output.as_deref()).map_err(Failure::trouble)?;
        let mut out = std::io::BufWriter::new(&mut spool);
        write(&mut out)
            .and_then(|()| std::io::Write::flush(&mut out))
            .map_err(|e| Failure::trouble(output::cannot_write_output(&e)))?;
        drop(out);
        spool.deliver().map_err(Failure::trouble)
    }

    /// Writes over whatever `-o` names: only for `init --force`, the one
    /// command asked to replace an inventory.
    fn replace(&self, text: &str) -> Result<(), Failure> {
        output::deliver(self.output.as_deref(), text.as_bytes()).map_err(Failure::trouble)
    }
}

/// "trappa: error: MESSAGE" on standard error, in the run's language.
pub fn say_error(lang: Lang, message: &Message) {
    eprintln!(
        "trappa: {}: {}",
        i18n::text(lang, "run.error"),
        i18n::message(lang, message)
    );
}

/// "trappa: warning: MESSAGE" on standard error, in the run's language.
pub fn say_warning(lang: Lang, message: &Message) {
    eprintln!(
        "trappa: {}: {}",
        i18n::text(lang, "run.warning"),
        i18n::message(lang, message)
    );
}

/// "trappa: note: MESSAGE" on standard error, in the run's language.
pub fn say_note(lang: Lang, message: &Message) {
    eprintln!(
        "trappa: {}: {}",
        i18n::text(lang, "run.note"),
        i18n::message(lang, message)
    );
}

/// Parses the process arguments and runs; returns the exit code.
pub fn run_from_env() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                failure::TROUBLE
            } else {
                failure::OK
            };
            // `--help > /dev/full` must not report success.
            return match e.print() {
                Ok(()) => code,
                Err(_) => failure::TROUBLE,
            };
        }
    };
    run(cli)
}

/// Runs a parsed command line; prints a failure once and returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let context = Context::from_global(&cli.global);
    let result = match cli.command {
        Command::Check(args) => check::run(&args, &context),
        Command::Classify(args) => classify::run(&args, &context),
        Command::Report(args) => report::run(&args, &context),
        Command::Trend(args) => trend::run(&args, &context),
        Command::Plan(args) => plan::run(&args, &context),
        Command::Compare(args) => compare::run(&args, &context),
        Command::Survey(args) => survey::run(&args, &context),
        Command::Export(args) => export::run(&args, &context),
        Command::Import(args) => import::run(&args, &context),
        Command::Schema(args) => schema::run(&args, &context),
        Command::Init(args) => init::run(&args, &context),
        Command::Ladder(args) => ladder::run(&args, &context),
        Command::Completions(args) => completions::run_completions(&args, &context),
        Command::Man(args) => completions::run_man(&args, &context),
        Command::Lsp(args) => lsp::run(&args, &context),
    };
    match result {
        Ok(()) => failure::OK,
        Err(failure) => {
            for message in failure.messages() {
                say_error(context.lang, message);
            }
            failure.exit_code()
        }
    }
}
