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
    assert!(String::from_utf8_lossy(&output.stderr).contains("the commands are: `check`"));
}

/// Every page has the sections a manual page is expected to have (issue:
/// they lacked EXIT STATUS, DIAGNOSTICS and EXAMPLES), `trappa man help`
/// prints the page trappa(1) names, and `man` renders the pages cleanly.
#[test]
fn man_pages_have_examples_exit_status_and_diagnostics() {
    for name in subcommands().iter().map(String::as_str).chain(["help"]) {
        let output = trappa(&["man", name]);
        assert_eq!(output.status.code(), Some(0), "trappa man {name}");
        let page = String::from_utf8_lossy(&output.stdout);
        assert!(page.contains(".SH \"EXIT STATUS\""), "{name}: {page}");
        if name != "help" {
            assert!(page.contains(".SH EXAMPLES"), "{name}: {page}");
        }
    }
    for name in ["check", ""] {
        let args: Vec<&str> = ["man", name]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        let page = String::from_utf8_lossy(&trappa(&args).stdout).into_owned();
        assert!(page.contains(".SH DIAGNOSTICS"), "{name}");
        for code in trappa::diagnostic::Code::ALL {
            assert!(
                page.contains(&format!("\\fB{}\\fR", code.as_str())),
                "{name} {code}"
            );
        }
    }
    // Where groff is installed (Debian's man-db brings it), the page renders
    // without a warning.
    let page = trappa(&["man", "check"]).stdout;
    if let Ok(mut groff) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    {
        use std::io::Write;
        groff.stdin.take().unwrap().write_all(&page).unwrap();
        let out = groff.wait_with_output().unwrap();
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Every command's help is laid out alike, one line an option (a possible
/// value with help of its own made `report --help` the long layout).
#[test]
fn every_help_is_laid_out_alike() {
    for name in subcommands() {
        let help = String::from_utf8_lossy(&trappa(&[&name, "--help"]).stdout).into_owned();
        assert!(!help.contains("Possible values:"), "{name}:\n{help}");
    }
}
