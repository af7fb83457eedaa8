//! `check --fix`: the safe fixes of a file's findings applied as byte
//! edits, everything outside them kept byte for byte, until no fix is left.
//!
//! A fix can bring another finding to light (a key put right lets its
//! value be read, and that value may be `yes`), so the text is checked
//! again after each round, at most [`MAX_ROUNDS`] rounds. Two fixes whose
//! edits touch are not applied in the same round: the later one waits for
//! the text the first one leaves.

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::inventory::source::Source;
use crate::pipeline::{self, Checked, Profile};
use std::ops::Range;

/// Enough for a fix that uncovers another, and the one that uncovers;
/// a file still changing after this many rounds keeps its last findings.
pub const MAX_ROUNDS: usize = 8;

/// A file after its fixes.
#[derive(Debug)]
pub struct Fixed {
    /// The text with every fix applied.
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// The checked result of the fixed text: what remains.
    pub checked: Checked,
}

impl Fixed {
    pub fn changed(&self) -> bool {
        self.applied > 0
    }
}

/// Applies the safe fixes of `checked` and of each round after it, of
/// the findings `wanted` keeps (a code `--allow`ed is left as written).
pub fn fix(checked: Checked, profile: Profile, wanted: impl Fn(&Diagnostic) -> bool) -> Fixed {
    let mut checked = checked;
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let chosen = checked.diagnostics.iter().filter(|d| wanted(d));
        let Some((text, count)) = apply(&checked.source.text, chosen) else {
            break;
        };
        applied += count;
        checked = pipeline::check_source_with(
            Source {
                name: checked.source.name.clone(),
                text,
            },
            profile,
        );
    }
    Fixed {
        text: checked.source.text.clone(),
        applied,
        checked,
    }
}

/// The text with the safe fixes of `diagnostics` applied, and how many
/// were; `None` when there is none to apply.
pub fn apply<'a>(
    text: &str,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) -> Option<(String, usize)> {
    let mut taken: Vec<(Range<usize>, &str)> = Vec::new();
    let mut count = 0;
    for fix in diagnostics.into_iter().filter_map(|d| d.fix.as_ref()) {
        if fix.applicability != Applicability::Safe {
            continue;
        }
        let Some(ranges) = fix
            .edits
            .iter()
            .map(|edit| edit.range.clone().map(|r| (r, edit)))
            .collect::<Option<Vec<(Range<usize>, &Edit)>>>()
        else {
            continue;
        };
        let touches = ranges.iter().any(|(range, _)| {
            taken
                .iter()
                .any(|(other, _)| range.start <= other.end && other.start <= range.end)
        });
        if touches {
            continue;
        }
        taken.extend(ranges.into_iter().map(|(r, e)| (r, e.content.as_str())));
        count += 1;
    }
    if count == 0 {
        return None;
    }
    taken.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len() + 16 * taken.len());
    let mut at = 0;
    for (range, content) in taken {
        out.push_str(&text[at..range.start]);
        out.push_str(content);
        at = range.end;
    }
    out.push_str(&text[at..]);
    Some((out, count))
}

/// A unified diff of a file before and after its fixes, with three lines
/// of context, as `git diff` shows one: `--- a/NAME`, `+++ b/NAME`.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(text: &str) -> Checked {
        pipeline::check_source(Source {
            name: "f.yaml".into(),
            text: text.into(),
        })
    }

    const HEAD: &str =
        "trappa: 1\norganisation:\n  name: Trelleborgs kommun\n  code: \"1287\"\nyear: 2025\n";

    #[test]
    fn a_fix_changes_only_its_bytes() {
        let text = format!(
            "{HEAD}services:\n  - id: a # the first\n    nmae: Tomtkö\n    status: live\n    evidence: {{attachments: yes}}\n"
        );
        let fixed = fix(checked(&text), Profile::Format, |_| true);
        assert_eq!(
            fixed.text,
            format!(
                "{HEAD}services:\n  - id: a # the first\n    name: Tomtkö\n    status: live\n    evidence: {{attachments: true}}\n"
            )
        );
        assert_eq!(fixed.applied, 2);
        assert!(fixed.checked.diagnostics.iter().all(|d| d.fix.is_none()));
    }

    #[test]
    fn two_slips_of_one_key_do_not_make_a_duplicate() {
        let text = format!(
            "{HEAD}services:\n  - id: a\n    nmae: Tomtkö\n    naem: Tomtkö igen\n    evidence: {{}}\n"
        );
        let fixed = fix(checked(&text), Profile::Format, |_| true);
        assert_eq!(fixed.applied, 1);
        assert!(
            fixed
                .text
                .contains("    name: Tomtkö\n    naem: Tomtkö igen\n")
        );
        assert!(
            fixed
                .checked
                .diagnostics
                .iter()
                .all(|d| d.code != crate::diagnostic::Code::E001)
        );
    }

    #[test]
    fn touching_fixes_wait_for_the_next_round() {
        let text = "ab";
        let mut one = Diagnostic::new(
            crate::diagnostic::Code::E002,
            "f",
            crate::diagnostic::Pos::new(1, 1, 1),
            crate::diagnostic::Message::new("x"),
        );
        let fix = |start: usize, content: &str| {
            let mut edit = Edit::replace(
                crate::diagnostic::Pos::new(1, start as u32 + 1, 1),
                &text[start..start + 1],
                content,
            );
            edit.range = Some(start..start + 1);
            crate::diagnostic::Fix::safe(crate::diagnostic::Message::new("x"), vec![edit])
        };
        one.fix = Some(Box::new(fix(0, "A")));
        let mut two = one.clone();
        two.fix = Some(Box::new(fix(1, "B")));
        let (out, count) = apply(text, &[one, two]).unwrap();
        assert_eq!((out.as_str(), count), ("Ab", 1));
    }

    #[test]
    fn the_diff_is_unified() {
        let diff = unified_diff("x.yaml", "a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(
            diff,
            "--- a/x.yaml\n+++ b/x.yaml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
    }
}
