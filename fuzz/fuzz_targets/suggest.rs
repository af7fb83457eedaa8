//! "Did you mean" on arbitrary words; see ../suggest.rs.
#![no_main]

#[path = "../suggest.rs"]
mod suggest;

libfuzzer_sys::fuzz_target!(|data: &[u8]| suggest::run(data));
