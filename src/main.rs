//! The thin binary: all work happens in the library.

fn main() {
    std::process::exit(trappa::cli::run_from_env());
}
