//! "Did you mean" (`trappa::suggest`) on arbitrary words and candidates,
//! against an independent, unbounded computation. Shared by the cargo-fuzz
//! target (`fuzz/fuzz_targets/suggest.rs`) and `tests/suite/hostile.rs`.
//!
//! The input is split at 0xFF bytes: the first part is the word, the rest
//! are the candidates (lossy UTF-8, so any bytes make words). Besides "no
//! panic, no hang, no blow-up" (the fuzzer's limits), it asserts that the
//! suggestion is exactly what the plain definition gives: the candidate at
//! the smallest distance within the limit, the first of equals, or none.

use trappa::suggest::{self, MAX_CANDIDATES, MAX_WORD};

pub fn run(bytes: &[u8]) {
    let mut parts = bytes.split(|&b| b == 0xFF);
    let word = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let candidates: Vec<String> = parts
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    let found = suggest::closest(&word, candidates.iter().map(String::as_str));
    let expected = plain_closest(&word, &candidates);
    assert_eq!(
        found.map(|c| (c, distance_ignoring_case(&word, c))),
        expected.map(|c| (c, distance_ignoring_case(&word, c))),
        "word {word:?}"
    );
    // The exact distance agrees with the plain table on short words (the
    // bounded one must not give up early when it should not).
    if word.chars().count() <= MAX_WORD {
        for c in candidates.iter().take(8) {
            if c.chars().count() <= MAX_WORD {
                assert_eq!(suggest::edit_distance(&word, c), plain_distance(&word, c));
            }
        }
    }
}

/// The definition of a suggestion, written without any of `closest`'s
/// shortcuts: every eligible candidate's full distance, the smallest within
/// the limit, the first one of equals.
fn plain_closest<'a>(word: &str, candidates: &'a [String]) -> Option<&'a str> {
    let length = word.chars().count();
    if length > MAX_WORD {
        return None;
    }
    let limit = (word.to_lowercase().chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates.iter().take(MAX_CANDIDATES) {
        let other = c.chars().count();
        if other > MAX_WORD {
            continue;
        }
        let d = distance_ignoring_case(word, c);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

fn distance_ignoring_case(a: &str, b: &str) -> usize {
    plain_distance(&a.to_lowercase(), &b.to_lowercase())
}

/// Levenshtein with adjacent transpositions (optimal string alignment), the
/// whole table.
fn plain_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in table.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in table[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (table[i - 1][j] + 1)
                .min(table[i][j - 1] + 1)
                .min(table[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(table[i - 2][j - 2] + 1);
            }
            table[i][j] = best;
        }
    }
    table[a.len()][b.len()]
}
