//! trappa's integration tests, one test binary for them all (as ripgrep and
//! just do it): each former `tests/<area>.rs` is a module here, so the suite
//! is compiled and linked once instead of fifteen times.
//!
//! Run one area with a filter on its module path, e.g.
//! `cargo test --test suite cli::` or `cargo test --test suite browser::`.
//!
//! Tests run with the package root as working directory, so the relative
//! paths below (`tests/fixtures/…`, `examples/…`) are from there, as before.

mod helpers;

mod architecture;
mod browser;
mod ci_recipes;
mod cli;
mod compare;
mod cpsv;
mod export;
mod fix;
mod help;
mod hostile;
mod import;
mod import_calc;
mod indicators;
mod init;
mod libreoffice;
mod load_agrees;
pub mod lsp;
mod narrow_terminal;
mod neovim;
mod plan;
mod precommit;
mod properties;
mod references;
mod runs;
mod sarif;
mod schema;
mod survey;
mod trend;
mod words;
