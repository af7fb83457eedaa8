//! `trappa init`: a commented starter inventory that passes `check`.

use super::Context;
use super::failure::Failure;
use crate::characters;
use crate::diagnostic::Message;
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
    if let Some(name) = &args.name {
        // The same rule `check` applies to `organisation.name`: a starter
        // that its own check refuses would be no start.
        if characters::is_blank(name) {
            return Err(Failure::trouble(Message::new("usage.init_empty_name")));
        }
        if let Some(flaw) = characters::line_flaw(name) {
            let c = match flaw {
                characters::Flaw::LineBreak => None,
                characters::Flaw::Control(c) | characters::Flaw::Reordering(c) => Some(c),
            };
            let character = c.map_or_else(|| "\\n".to_string(), |c| c.escape_unicode().to_string());
            return Err(Failure::trouble(
                Message::new("usage.init_name_character").text("character", character),
            ));
        }
    }
    // A starter written over a filled-in inventory would lose a year's work:
    // `-o` replaces a file only when asked to.
    if let Some(path) = &context.output
        && path.is_dir()
    {
        return Err(Failure::trouble(
            Message::new("usage.init_output_directory").text("path", path.display().to_string()),
        ));
    }
    if let Some(path) = &context.output
        && path.exists()
        && !args.force
    {
        return Err(Failure::trouble(
            Message::new("usage.init_exists").text("path", path.display().to_string()),
        ));
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
fn unknown_code(code: &str) -> Message {
    let hint = if let Some(m) = municipalities::by_organisation_name(code) {
        Message::new("usage.init_code_of_name")
            .text("name", m.name)
            .text("code", m.code)
    } else if code.len() == 2 && municipalities::is_county_code(code) {
        Message::new("usage.init_county_code").text("code", code.to_string())
    } else {
        Message::new("usage.init_code_digits")
    };
    Message::new("usage.init_unknown_code")
        .text("code", code.to_string())
        .phrase("hint", hint)
}
