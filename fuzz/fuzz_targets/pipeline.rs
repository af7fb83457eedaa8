//! Arbitrary bytes through the whole of trappa; see ../pipeline.rs.
#![no_main]

#[path = "../pipeline.rs"]
mod pipeline;

libfuzzer_sys::fuzz_target!(|data: &[u8]| pipeline::run(data));
