//! The benchmark's baseline: reads the same files `trappa check` reads and
//! only deserializes each one with serde-saphyr (into a `serde_json::Value`,
//! a plain untyped tree), under the very parser options of
//! `src/inventory/load.rs` (`load::options()`): no positions, no decoding, no checks, no output.
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
use trappa::inventory::load;
use trappa::{paths, source};

fn main() {
    let roots: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if roots.is_empty() {
        eprintln!("usage: bare_parse PATH...");
        std::process::exit(2);
    }
    let expanded = paths::expand(&roots);
    for problem in &expanded.problems {
        eprintln!("bare_parse: {problem}");
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
    serde_saphyr::from_str_with_options::<serde_json::Value>(text, load::options()).is_ok()
}
