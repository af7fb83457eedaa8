//! Help, version, shell completions and the manual page: generated from the
//! clap definitions, tested to name every command.

use crate::helpers::trappa_env;
use clap::CommandFactory;
use std::process::Output;
use trappa::cli::Cli;

/// `trappa ARGS` as the user's shell runs it: help, completions and the
/// manual page are tested without setting NO_COLOR or a locale.
fn trappa(args: &[&str]) -> Output {
    trappa_env(args, &[])
}

fn subcommands() -> Vec<String> {
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    names
}

#[test]
fn every_command_has_an_example_in_its_help() {
    for name in subcommands() {
        let output = trappa(&["help", &name]);
        assert_eq!(output.status.code(), Some(0), "trappa help {name}");
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            text.contains("Example"),
            "`trappa help {name}` has no example"
        );
        assert!(
            text.contains(&format!("\n  trappa {name}")),
            "`trappa help {name}`: the example runs `trappa {name}`"
        );
    }
}

#[test]
fn version_is_the_package_version() {
    let output = trappa(&["--version"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!("trappa {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn completions_name_every_command_in_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = trappa(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "completions {shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        for name in subcommands() {
            assert!(script.contains(&name), "{shell} completion lacks `{name}`");
        }
        // fish spells long flags `-l deny-warnings`.
        assert!(script.contains("deny-warnings"), "{shell}: flags too");
    }
    let output = trappa(&["completions", "tcsh"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

#[test]
fn man_page_is_roff_with_every_command() {
    let output = trappa(&["man"]);
    assert_eq!(output.status.code(), Some(0));
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.contains("\n.TH trappa 1 "), "{page}");
    assert!(page.contains("\n.SH NAME\ntrappa \\- "));
    assert!(page.contains(&format!("\"trappa {}\"", env!("CARGO_PKG_VERSION"))));
    for name in subcommands() {
        assert!(
            page.contains(&format!("\ntrappa\\-{name}(1)\n")),
            "the man page lists `{name}`"
        );
    }
}

#[test]
fn every_page_the_man_page_names_can_be_printed() {
    for name in subcommands() {
        let output = trappa(&["man", &name]);
        assert_eq!(output.status.code(), Some(0), "trappa man {name}");
        let page = String::from_utf8(output.stdout).unwrap();
        assert!(
            page.contains(&format!("\n.TH trappa-{name} 1 ")),
            "trappa man {name}: {page}"
        );
        assert!(page.contains(&format!("\\fBtrappa {name}\\fR")), "{page}");
        assert!(
            page.contains(&format!("\"trappa {}\"", env!("CARGO_PKG_VERSION"))),
            "trappa man {name} names the package: {page}"
        );
    }
    let output = trappa(&["man", "nope"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "an unknown command is a usage error"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("the commands are: check"));
}
