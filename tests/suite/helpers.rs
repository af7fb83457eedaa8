//! What the test modules share: the trappa binary and ways to run it, the
//! repository root and fixture paths.
//!
//! The helpers that can fail a test are `#[track_caller]`, so a failure
//! names the line in the test module that called them.

use std::path::Path;
use std::process::{Command, Output};

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
