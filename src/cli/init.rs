//! `trappa init`: a commented starter inventory that passes `check`.

use super::Context;
use super::failure::Failure;
use crate::municipalities;
use crate::starter::{self, Starter};
use clap::Args;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The organisation's name [default: from --code, else a placeholder]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The SCB municipality code (four digits), e.g. 1287; fills in the name
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// The year the inventory describes, 2000–2100 [default: the current year]
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(2000..=2100))]
    pub year: Option<i32>,
    /// With -o: overwrite an existing file
    #[arg(long)]
    pub force: bool,
}

pub(super) fn run(args: &InitArgs, context: &Context) -> Result<(), Failure> {
    let municipality = match args.code.as_deref().map(str::trim) {
        None => None,
        Some(code) => match municipalities::by_code(code) {
            Some(m) => Some(m),
            None => return Err(Failure::trouble(unknown_code(code))),
        },
    };
    if let Some(name) = &args.name
        && name.trim().is_empty()
    {
        return Err(Failure::trouble(
            "--name is empty: give the organisation's name, e.g. --name \"Trelleborgs kommun\"",
        ));
    }
    // A starter written over a filled-in inventory would lose a year's work:
    // `-o` replaces a file only when asked to.
    if let Some(path) = &context.output
        && path.is_dir()
    {
        return Err(Failure::trouble(format!(
            "-o {} is a directory; name the file to write",
            path.display()
        )));
    }
    if let Some(path) = &context.output
        && path.exists()
        && !args.force
    {
        return Err(Failure::trouble(format!(
            "{} already exists; add --force to replace it",
            path.display()
        )));
    }
    let starter = Starter {
        name: args
            .name
            .clone()
            .or_else(|| municipality.map(starter::organisation_name)),
        code: municipality.map(|m| m.code.to_string()),
        year: args.year.unwrap_or_else(starter::current_year),
    };
    let text = starter::inventory(&starter);
    if args.force {
        context.replace(&text)
    } else {
        context.deliver(&text)
    }
}

/// Why `--code` was refused, with what the user probably meant.
fn unknown_code(code: &str) -> String {
    let hint = if let Some(m) = municipalities::by_organisation_name(code) {
        format!("{} has the code {}: --code {}", m.name, m.code, m.code)
    } else if code.len() == 2 && municipalities::is_county_code(code) {
        format!(
            "`{code}` is a county code; for a region, give --name and set `kind: region` and `code: \"{code}\"` in the file"
        )
    } else {
        "a municipality code has four digits, e.g. 1287 for Trelleborg; all 290 are in data/municipalities.csv".to_string()
    };
    format!("--code `{code}` is not a municipality's SCB code\n  hint: {hint}")
}
