//! `.trappaignore` patterns and file names; see ../ignore.rs.
#![no_main]

#[path = "../ignore.rs"]
mod ignore;

libfuzzer_sys::fuzz_target!(|data: &[u8]| ignore::run(data));
