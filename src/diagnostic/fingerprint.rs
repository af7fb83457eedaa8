//! A finding's identity across edits, for dashboards that track findings
//! from run to run (GitLab's Code Quality `fingerprint`, issue #19.12).
//!
//! A line number makes a bad identity: one line added at the top of a file
//! and every finding below it reads as fixed and found anew. So the identity
//! is what the finding is about — the file, the code, the message's key and
//! its arguments (the service id, the key path, the value as written) — and
//! leaves out the arguments that are places (`line`, `column`, `row`). Two
//! findings that are still alike (the same slip twice in one service) are
//! told apart by their order in the file, see [`Fingerprints`].
//!
//! The hash is FNV-1a, 64 bits, written here rather than taken from std's
//! `DefaultHasher`, whose output may change between Rust releases: a
//! fingerprint must stay the same when trappa is rebuilt.

use super::{Arg, Diagnostic, Message};
use std::collections::HashMap;

/// Argument names that say where, not what.
const PLACES: [&str; 3] = ["line", "column", "row"];

/// Gives each finding of one file its fingerprint, in the file's order.
#[derive(Default)]
pub struct Fingerprints {
    seen: HashMap<u64, u64>,
}

impl Fingerprints {
    /// A fresh count for the next file.
    pub fn new() -> Self {
        Fingerprints::default()
    }

    /// The fingerprint of `diagnostic`: 16 hex digits.
    pub fn next(&mut self, diagnostic: &Diagnostic) -> String {
        let identity = identity(diagnostic);
        let ordinal = self.seen.entry(identity).or_insert(0);
        let mut hash = Fnv::new();
        hash.u64(identity);
        hash.u64(*ordinal);
        *ordinal += 1;
        format!("{:016x}", hash.finish())
    }
}

fn identity(diagnostic: &Diagnostic) -> u64 {
    let mut hash = Fnv::new();
    hash.str(&diagnostic.file);
    hash.str(diagnostic.code.as_str());
    message(&mut hash, &diagnostic.message);
    hash.finish()
}

fn message(hash: &mut Fnv, message: &Message) {
    hash.str(message.key);
    for (name, arg) in &message.args {
        if PLACES.contains(name) {
            continue;
        }
        hash.str(name);
        match arg {
            Arg::Text(text) => hash.str(text),
            Arg::Number(n) => hash.str(&n.to_string()),
            Arg::Decimal(x) => hash.str(&format!("{x:.1}")),
            Arg::Word(key) => hash.str(key),
            Arg::Words(keys) => keys.iter().for_each(|key| hash.str(key)),
            Arg::Step(step) => hash.str(&step.to_string()),
            Arg::Phrase(inner) => self::message(hash, inner),
        }
    }
}

/// FNV-1a over length-prefixed fields, so that ("ab", "c") and ("a", "bc")
/// differ.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn str(&mut self, text: &str) {
        self.u64(text.len() as u64);
        self.bytes(text.as_bytes());
    }

    fn u64(&mut self, n: u64) {
        self.bytes(&n.to_le_bytes());
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Pos};

    fn w102(line: u32, service: &'static str) -> Diagnostic {
        Diagnostic::new(
            Code::W102,
            "a.yaml",
            Pos::new(line, 5, 1),
            Message::new("diagnostic.w102.no_statement").text("service", service),
        )
    }

    #[test]
    fn fnv_1a_matches_the_published_vectors() {
        let mut hash = Fnv::new();
        hash.bytes(b"");
        assert_eq!(hash.finish(), 0xcbf2_9ce4_8422_2325);
        let mut hash = Fnv::new();
        hash.bytes(b"a");
        assert_eq!(hash.finish(), 0xaf63_dc4c_8601_ec8c);
        let mut hash = Fnv::new();
        hash.bytes(b"foobar");
        assert_eq!(hash.finish(), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_finding_keeps_its_fingerprint_when_lines_move() {
        let before = Fingerprints::new().next(&w102(10, "bygglov"));
        let after = Fingerprints::new().next(&w102(42, "bygglov"));
        assert_eq!(before, after);
        assert_eq!(before.len(), 16);
    }

    #[test]
    fn the_place_in_a_message_is_not_part_of_it() {
        let e003 = |line: u32, first: u32| {
            Diagnostic::new(
                Code::E003,
                "a.yaml",
                Pos::new(line, 9, 3),
                Message::new("diagnostic.e003.service_id")
                    .text("id", "x")
                    .number("line", first),
            )
        };
        assert_eq!(
            Fingerprints::new().next(&e003(20, 4)),
            Fingerprints::new().next(&e003(31, 15))
        );
    }

    #[test]
    fn findings_that_differ_in_what_they_are_about_differ() {
        let mut fingerprints = Fingerprints::new();
        let a = fingerprints.next(&w102(10, "bygglov"));
        let b = fingerprints.next(&w102(10, "bygglova"));
        assert_ne!(a, b);
        let mut other_file = w102(10, "bygglov");
        other_file.file = "b.yaml".into();
        assert_ne!(a, Fingerprints::new().next(&other_file));
    }

    #[test]
    fn alike_findings_in_one_file_are_told_apart_by_their_order() {
        let mut fingerprints = Fingerprints::new();
        let first = fingerprints.next(&w102(10, "bygglov"));
        let second = fingerprints.next(&w102(30, "bygglov"));
        assert_ne!(first, second);
        let mut again = Fingerprints::new();
        assert_eq!(again.next(&w102(11, "bygglov")), first);
        assert_eq!(again.next(&w102(31, "bygglov")), second);
    }
}
