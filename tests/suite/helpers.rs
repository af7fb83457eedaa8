//! What the test modules share: the trappa binary and ways to run it, the
//! repository root, fixture paths, reading a checked inventory, comparing
//! computed values, and the switch that skips the real-client tests.
//!
//! The helpers that can fail a test are `#[track_caller]`, so a failure
//! names the line in the test module that called them.

use std::path::Path;
use std::process::{Command, Output};
use trappa::pipeline::{Checked, check_path};

/// The trappa binary cargo built for these tests.
pub const TRAPPA_BIN: &str = env!("CARGO_BIN_EXE_trappa");

/// The repository root. It is also the working directory of every test, so
/// relative paths such as `tests/fixtures/…` and `examples/…` start there.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// No colour and the C locale (English by default), whatever the terminal
/// and the language of the person running the tests.
pub const PLAIN: &[(&str, &str)] = &[("NO_COLOR", "1"), ("LC_ALL", "C.UTF-8")];

/// Runs `trappa ARGS` in the tests' own environment with `env` set on top.
#[track_caller]
pub fn trappa_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(TRAPPA_BIN)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("the trappa binary runs")
}

/// Runs `trappa ARGS` with [`PLAIN`] set.
#[track_caller]
pub fn trappa(args: &[&str]) -> Output {
    trappa_env(args, PLAIN)
}

/// The standard output of `trappa ARGS` with `env` set; the run must exit 0.
#[track_caller]
pub fn stdout_of_env(args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let out = trappa_env(args, env);
    assert_eq!(
        out.status.code(),
        Some(0),
        "trappa {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The standard output of `trappa ARGS` with [`PLAIN`] set; the run must exit 0.
#[track_caller]
pub fn stdout_of(args: &[&str]) -> Vec<u8> {
    stdout_of_env(args, PLAIN)
}

/// Two inventories of hostile text for the exports (see the comments in
/// the fixture files): `hostile-2014.yaml` and `stockholm-2015.yaml`.
pub const EXPORT_HOSTILE: &str = "tests/fixtures/export-hostile";

/// A file read and checked as `trappa check` does; it must be readable.
#[track_caller]
pub fn checked(path: &str) -> Checked {
    check_path(Path::new(path)).expect("readable file")
}

/// A file read and checked; it must be readable and have no errors.
#[track_caller]
pub fn valid(path: &str) -> Checked {
    let checked = checked(path);
    assert!(
        checked.valid_inventory().is_some(),
        "{path} has errors: {:#?}",
        checked.diagnostics
    );
    checked
}

/// How far a computed value may be from its hand-computed value.
pub const TOLERANCE: f64 = 1e-12;

/// Both values within [`TOLERANCE`], or both "no data".
pub fn close(actual: Option<f64>, expected: Option<f64>) -> bool {
    match (actual, expected) {
        (Some(a), Some(e)) => (a - e).abs() <= TOLERANCE,
        (None, None) => true,
        _ => false,
    }
}

/// A real client (LibreOffice Calc, Chromium) the test needs is missing:
/// with TRAPPA_SKIP_REAL_CLIENTS=1 this prints `SKIPPED: WHY` and returns,
/// and the caller passes without testing; otherwise the test fails with WHY.
#[track_caller]
pub fn real_client_missing(why: &str) {
    if std::env::var("TRAPPA_SKIP_REAL_CLIENTS").as_deref() == Ok("1") {
        eprintln!("SKIPPED: {why}");
    } else {
        panic!("{why}, or set TRAPPA_SKIP_REAL_CLIENTS=1 to skip the real-client tests");
    }
}
