//! CLI behaviour as data: every case in tests/cmd is a command with its
//! expected output and exit code. Regenerate after an intended change with
//! `TRYCMD=overwrite cargo test --test suite cli::` and review the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .env("LANG", "C.UTF-8")
        // The first locale variable set decides the default language.
        .env("LC_ALL", "C.UTF-8")
        .case("tests/cmd/*.md")
        .case("tests/cmd/*.toml");
}

/// Cases that take their language from the locale they set themselves
/// (`tests/cmd/locale/`): trycmd's defaults above would override it, so
/// they run without them, each with an environment of its own.
#[test]
fn cli_cases_in_a_locale() {
    trycmd::TestCases::new().case("tests/cmd/locale/*.toml");
}
