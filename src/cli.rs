//! The command line: clap definitions and the `run` function that the thin
//! binary calls. Commands gather data, call the library, and hand the result
//! to a renderer; the exit code comes back as a number.

use crate::classified::classify_inventory;
use crate::diagnostic::Tally;
use crate::exit;
use crate::i18n::{self, Lang};
use crate::inventory::{self, Checked};
use crate::output::diagnostics::FileFindings;
use crate::output::table::Layout;
use crate::output::{self, Color, ColorChoice};
use crate::paths;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
        after_help = "Example:\n  trappa report examples/trelleborg-2014.yaml --previous examples/trelleborg-2013.yaml --targets examples/targets-trelleborg.yaml"
    )]
    Report(ReportArgs),
    /// Print the ladder: definitions, derivation rules, crosswalk and sources
    #[command(after_help = "Example:\n  trappa ladder --lang sv")]
    Ladder(LadderArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Inventory files or directories (searched recursively for *.yaml and *.yml); - reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print only errors and warnings, without infos and the summary line
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
}

#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// One inventory file; - reads standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format [default: table]
    #[arg(long, value_enum, default_value_t = ClassifyFormat::Table)]
    pub format: ClassifyFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ClassifyFormat {
    Table,
    Csv,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The inventory of the year to report; - reads standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Last year's inventory of the same organisation: adds previous values, changes and trends
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// A targets file (trappa-targets: 1): adds each target's status
    #[arg(long, value_name = "FILE")]
    pub targets: Option<PathBuf>,
    /// Output format [default: table]
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct LadderArgs {
    #[arg(long, value_enum, default_value_t = LadderFormat::Text)]
    pub format: LadderFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LadderFormat {
    Text,
    Markdown,
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
                Layout::Terminal
            } else {
                Layout::Plain
            },
            output: global.output.clone(),
        }
    }

    fn deliver(&self, text: &str) -> i32 {
        match output::deliver(self.output.as_deref(), text.as_bytes()) {
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
        Command::Check(args) => check(&args, &context),
        Command::Classify(args) => classify(&args, &context),
        Command::Report(args) => report(&args, &context),
        Command::Ladder(args) => ladder(&args, &context),
    }
}

/// Reports trouble that is not a finding (unreadable path, failed write): exit 2.
fn trouble(message: &str) -> i32 {
    eprintln!("trappa: error: {message}");
    exit::TROUBLE
}

fn check(args: &CheckArgs, context: &Context) -> i32 {
    let expanded = paths::expand(&args.paths);
    let mut problems = expanded.problems;
    let mut checked: Vec<Checked> = Vec::with_capacity(expanded.files.len());
    for path in &expanded.files {
        match inventory::check_path(path) {
            Ok(c) => checked.push(c),
            Err(message) => problems.push(message),
        }
    }
    let files: Vec<FileFindings> = checked
        .iter()
        .map(|c| FileFindings {
            name: &c.source.name,
            text: &c.source.text,
            diagnostics: &c.diagnostics,
        })
        .collect();
    let text = match args.format {
        CheckFormat::Human => output::diagnostics::human(&files, context.color, args.quiet),
        CheckFormat::Json => output::diagnostics::json(&files),
        CheckFormat::Github => output::diagnostics::github(&files),
    };
    for problem in &problems {
        eprintln!("trappa: error: {problem}");
    }
    let delivered = context.deliver(&text);
    if delivered != exit::OK || !problems.is_empty() {
        return exit::TROUBLE;
    }
    let tally = Tally::of(checked.iter().flat_map(|c| c.diagnostics.iter()));
    exit::for_findings(tally, args.deny_warnings)
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

fn classify(args: &ClassifyArgs, context: &Context) -> i32 {
    let checked = match valid_inventory(&args.file, context) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let Some(inventory) = checked.valid_inventory() else {
        return exit::FINDINGS;
    };
    let services = classify_inventory(inventory);
    let lang = context.lang;
    use output::classification as render;
    let text = match args.format {
        ClassifyFormat::Table => Ok(render::table(&services, lang, context.layout)),
        ClassifyFormat::Markdown => Ok(render::markdown(&services, lang)),
        ClassifyFormat::Csv => render::csv(&services, lang),
        ClassifyFormat::Json => Ok(render::json(inventory, &services, lang)),
    };
    match text {
        Ok(text) => context.deliver(&text),
        Err(message) => trouble(&message),
    }
}

fn report(args: &ReportArgs, context: &Context) -> i32 {
    use crate::report::{self, Refusal};
    let current = match valid_inventory(&args.file, context) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let previous = match &args.previous {
        Some(path) => match valid_inventory(path, context) {
            Ok(c) => Some(c),
            Err(code) => return code,
        },
        None => None,
    };
    let targets = match &args.targets {
        Some(path) => match valid_targets(path, context) {
            Ok(c) => Some(c),
            Err(code) => return code,
        },
        None => None,
    };
    let (Some(inventory), previous_inventory, targets_file) = (
        current.valid_inventory(),
        previous.as_ref().and_then(Checked::valid_inventory),
        targets.as_ref().and_then(Checked::valid_targets),
    ) else {
        return exit::FINDINGS;
    };
    let built = match report::build(inventory, previous_inventory, targets_file) {
        Ok(r) => r,
        Err(Refusal::Previous(message)) => {
            return trouble(&format!(
                "--previous {}: {message}",
                previous.map(|p| p.source.name).unwrap_or_default()
            ));
        }
        Err(Refusal::Target(message)) => {
            eprintln!(
                "trappa: error: {}: {message}",
                targets.map(|t| t.source.name).unwrap_or_default()
            );
            return exit::FINDINGS;
        }
    };
    let text = match args.format {
        ReportFormat::Table => {
            report::table::render(&built, context.lang, context.layout, context.color)
        }
        ReportFormat::Markdown => report::markdown::render(&built, context.lang),
        ReportFormat::Json => report::json::render(&built),
    };
    context.deliver(&text)
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

fn ladder(args: &LadderArgs, context: &Context) -> i32 {
    let data = i18n::ladder();
    let text = match args.format {
        LadderFormat::Text => output::ladder::text(data, context.lang, context.layout),
        LadderFormat::Markdown => output::ladder::markdown(data, context.lang),
    };
    context.deliver(&text)
}
