//! The benchmark's baseline: reads the same files `trappa check` reads and
//! only deserializes each one with serde-saphyr (into a `serde_json::Value`,
//! a plain untyped tree), with serde-saphyr's budget set to trappa's limits
//! (`src/limits.rs`): no positions, no decoding, no checks, no output.
//! `scripts/bench.sh` divides `check`'s time by this one's.
//!
//! ```sh
//! cargo run --release --example bare_parse -- corpus/
//! ```
//!
//! Files are parsed in parallel like `check` does (set RAYON_NUM_THREADS=1
//! for one core), so the ratio compares like with like.

use rayon::prelude::*;
use std::path::PathBuf;
use trappa::cli::paths;
use trappa::i18n::{self, Lang};
use trappa::inventory::source;
use trappa::limits;

fn main() {
    let roots: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if roots.is_empty() {
        eprintln!("usage: bare_parse PATH...");
        std::process::exit(2);
    }
    let expanded = paths::expand(&roots, false);
    for problem in &expanded.problems {
        eprintln!("bare_parse: {}", i18n::message(Lang::En, problem));
    }
    let outcomes: Vec<(usize, bool)> = expanded
        .files
        .par_iter()
        .map(|path| match source::read(path) {
            Ok(source) => (source.text.len(), parse(&source.text)),
            Err(_) => (0, false),
        })
        .collect();
    let bytes: usize = outcomes.iter().map(|(b, _)| b).sum();
    let failed = outcomes.iter().filter(|(_, ok)| !ok).count();
    println!(
        "parsed {} files, {:.1} MB, {failed} not parsed",
        outcomes.len(),
        bytes as f64 / 1e6
    );
    if failed > 0 || !expanded.problems.is_empty() {
        std::process::exit(1);
    }
}

fn parse(text: &str) -> bool {
    serde_saphyr::from_str_with_options::<serde_json::Value>(text, options()).is_ok()
}

/// trappa's limits and YAML 1.2 booleans; duplicate keys are let through, as
/// `check` lets them through to report them with the file's other problems.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = limits::MAX_DEPTH;
    budget.max_nodes = limits::MAX_NODES;
    budget.max_aliases = limits::MAX_ALIASES;
    budget.max_documents = 1;
    budget.max_reader_input_bytes = Some(limits::MAX_FILE_BYTES as usize);
    serde_saphyr::options! {
        budget: Some(budget),
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        strict_booleans: true,
        with_snippet: false,
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::AsString,
    }
}
