//! "Did you mean" for near-miss keys and values.
//!
//! Bounded whatever the input: a word or a candidate longer than
//! [`MAX_WORD`] characters is never compared (no one mistypes a
//! 100 000-character id by one letter), at most [`MAX_CANDIDATES`]
//! candidates are looked at, a candidate whose length alone puts it out of
//! reach is skipped, the edit distance keeps three rows of its table and
//! stops as soon as a row shows the limit is passed.

/// The longest word or candidate a suggestion is made for, in characters.
pub const MAX_WORD: usize = 64;
/// The most candidates compared for one word.
pub const MAX_CANDIDATES: usize = 1_000;

/// The closest candidate to `word`, when it is close enough to be a typo:
/// at most one edit for short words, about one edit in three for longer ones.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = word.chars().count();
    if length > MAX_WORD {
        return None;
    }
    // Lengths and distances are of the lower-cased words: lower-casing can
    // change the number of characters (`İ` is two), and a length filter on
    // the words as written skipped candidates the distance would accept.
    let lower: Vec<char> = word.to_lowercase().chars().collect();
    let limit = (lower.len() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates.into_iter().take(MAX_CANDIDATES) {
        if candidate.chars().count() > MAX_WORD {
            continue;
        }
        let theirs: Vec<char> = candidate.to_lowercase().chars().collect();
        let within = best.map_or(limit, |(d, _)| d.saturating_sub(1));
        if theirs.len().abs_diff(lower.len()) > within {
            continue;
        }
        if let Some(d) = bounded_distance(&lower, &theirs, within)
            && best.is_none_or(|(b, _)| d < b)
        {
            best = Some((d, candidate));
            if d == 0 {
                break;
            }
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The one candidate a single edit away from `word`, when there is exactly
/// one: what `check --fix` may put in its place. Two candidates one edit
/// away, or the nearest two edits away, is a guess and is left to a person.
pub fn one_edit_away<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() > MAX_WORD {
        return None;
    }
    let mut found = None;
    for candidate in candidates.into_iter().take(MAX_CANDIDATES) {
        let theirs: Vec<char> = candidate.chars().collect();
        if bounded_distance(&chars, &theirs, 1) == Some(1) {
            if found.is_some() {
                return None;
            }
            found = Some(candidate);
        }
    }
    found
}

/// Levenshtein distance over characters, with adjacent transpositions
/// counted as one edit (`sigining` → `signing`).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    bounded_distance(&a, &b, usize::MAX).unwrap_or(usize::MAX)
}

/// The distance when it is at most `limit`, else `None` — found with three
/// rows of the table (the transposition looks two rows back), given up as
/// soon as every cell of a row is past the limit.
pub fn bounded_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = current[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
            row_min = row_min.min(best);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= limit).then_some(distance)
}

/// "`a`, `b`, `c`": the candidates as a help line lists them (the words
/// around them are the catalogue's).
pub fn quoted(candidates: &[&str]) -> String {
    let quoted: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
    quoted.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos() {
        let keys = ["evidence", "access", "volumes"];
        assert_eq!(closest("evidense", keys), Some("evidence"));
        assert_eq!(closest("Access", keys), Some("access"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(
            closest("onlien", ["none", "offline", "online"]),
            Some("online")
        );
        assert_eq!(edit_distance("sigining", "signing"), 1);
    }

    /// The bounded distance is the full one wherever it is within reach.
    #[test]
    fn the_bounded_distance_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "kultur",
            "kulturr",
            "kutlur",
            "socialtjanst",
            "social",
            "bygg",
            "byggmiljo",
            "å",
            "åäö",
            "öäå",
        ];
        for a in words {
            for b in words {
                let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let full = bounded_distance(&x, &y, usize::MAX).unwrap();
                for limit in 0..6 {
                    let bounded = bounded_distance(&x, &y, limit);
                    assert_eq!(bounded, (full <= limit).then_some(full), "{a} {b} {limit}");
                }
            }
        }
    }

    #[test]
    fn long_words_and_many_candidates_are_bounded() {
        let long = "a".repeat(100_000);
        assert_eq!(closest(&long, [long.as_str()]), None);
        let mut many: Vec<String> = (0..5_000).map(|i| format!("x{i:05}")).collect();
        many.push("kulturforvaltning".into());
        // The near miss lies past the candidates looked at.
        assert_eq!(
            closest("kulturforvaltnig", many.iter().map(String::as_str)),
            None
        );
        many.rotate_right(1);
        assert_eq!(
            closest("kulturforvaltnig", many.iter().map(String::as_str)),
            Some("kulturforvaltning")
        );
    }

    /// The first of equally close candidates wins, as before.
    #[test]
    fn ties_go_to_the_first_candidate() {
        assert_eq!(closest("cat", ["bat", "cot", "cut"]), Some("bat"));
    }

    #[test]
    fn one_edit_away_only_when_there_is_exactly_one() {
        assert_eq!(one_edit_away("nmae", ["name", "id"]), Some("name"));
        assert_eq!(one_edit_away("stauts", ["status"]), Some("status"));
        // Two edits, or two candidates at one edit: no fix.
        assert_eq!(one_edit_away("stts", ["status"]), None);
        assert_eq!(one_edit_away("cat", ["cut", "cot"]), None);
        // The word itself is no edit.
        assert_eq!(one_edit_away("name", ["name"]), None);
    }
}
