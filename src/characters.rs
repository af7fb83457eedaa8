//! Which characters a value may hold, and how one is shown when it cannot
//! be shown as itself. One rule for the reader (what an inventory may
//! contain), `init --name` (what a starter may be given) and the renderers
//! of findings (what reaches a terminal or a CI log).
//!
//! Three kinds of character are dangerous in text that is echoed:
//! control characters (an ESC drives the terminal, a line feed starts a new
//! `::error` workflow command in a GitHub log), the bidirectional
//! embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that
//! make text display in another order than it is stored, and invisible
//! characters, which let a name look filled in while it is empty.

/// What makes a text unfit for a one-line field (a name, an id, a URL).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flaw {
    /// A line feed or carriage return.
    LineBreak,
    /// Any other control character: C0 (a tab among them), DEL, C1.
    Control(char),
    /// A bidirectional embedding, override or isolate.
    Reordering(char),
}

/// The first flaw of a one-line value, if any.
pub fn line_flaw(text: &str) -> Option<Flaw> {
    text.chars().find_map(|c| match c {
        '\n' | '\r' => Some(Flaw::LineBreak),
        c if c.is_control() => Some(Flaw::Control(c)),
        c if is_reordering(c) => Some(Flaw::Reordering(c)),
        _ => None,
    })
}

/// The first flaw of a free text (a description): line breaks and tabs
/// belong there, the rest does not.
pub fn prose_flaw(text: &str) -> Option<Flaw> {
    text.chars().find_map(|c| match c {
        '\n' | '\t' => None,
        // A lone CR would return the cursor over what was printed; CRLF
        // line ends were already normalised by the YAML parser.
        c if c.is_control() => Some(Flaw::Control(c)),
        c if is_reordering(c) => Some(Flaw::Reordering(c)),
        _ => None,
    })
}

/// The bidirectional embeddings, overrides and isolates: the characters
/// of "Trojan Source" (CVE-2021-42574). The marks (U+200E, U+200F, U+061C)
/// only affect the characters beside them and stay allowed in text.
pub fn is_reordering(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character that shows nothing: white space, zero-width characters,
/// joiners, the byte order mark, soft hyphens, format controls, fillers.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || is_reordering(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{206A}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
        )
}

/// True when `text` shows nothing at all: empty, white space, or only
/// invisible characters (a name of zero-width spaces is not a name).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(is_invisible)
}

/// True when `c` must not reach a terminal as itself.
pub fn is_unsafe_to_show(c: char) -> bool {
    c.is_control() || is_reordering(c)
}

/// Appends `text` with every character unsafe to show spelled out as
/// `\u{…}`, so that what it is stays visible and nothing acts on the terminal.
pub fn push_escaped(out: &mut String, text: &str) {
    if !text.chars().any(is_unsafe_to_show) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        if is_unsafe_to_show(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
}

/// `text` with every character unsafe to show spelled out.
pub fn escaped(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_unsafe_to_show) {
        let mut out = String::with_capacity(text.len() + 8);
        push_escaped(&mut out, text);
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_values_refuse_breaks_controls_and_overrides() {
        assert_eq!(line_flaw("Bygglov – ansökan"), None);
        assert_eq!(line_flaw("A\n::error::x"), Some(Flaw::LineBreak));
        assert_eq!(line_flaw("A\rB"), Some(Flaw::LineBreak));
        assert_eq!(line_flaw("A\tB"), Some(Flaw::Control('\t')));
        assert_eq!(line_flaw("A\u{85}B"), Some(Flaw::Control('\u{85}')));
        assert_eq!(
            line_flaw("abc\u{202E}fdp.exe"),
            Some(Flaw::Reordering('\u{202E}'))
        );
        assert_eq!(line_flaw("x\u{2066}y"), Some(Flaw::Reordering('\u{2066}')));
        // An Arabic name with a right-to-left mark is text, not a trick.
        assert_eq!(line_flaw("\u{200F}مرحبا"), None);
    }

    #[test]
    fn prose_keeps_line_breaks_and_tabs() {
        assert_eq!(prose_flaw("Rad ett\nRad två\tmed tabb"), None);
        assert_eq!(prose_flaw("\u{1b}[31m"), Some(Flaw::Control('\u{1b}')));
        assert_eq!(prose_flaw("x\u{202D}y"), Some(Flaw::Reordering('\u{202D}')));
    }

    #[test]
    fn invisible_only_text_is_blank() {
        assert!(is_blank(""));
        assert!(is_blank(" \t "));
        assert!(is_blank("\u{200B}\u{200D}\u{FEFF}\u{2060}"));
        assert!(is_blank("\u{00A0}\u{3000}"));
        assert!(!is_blank("\u{200B}a"));
        assert!(!is_blank("å"));
    }

    #[test]
    fn unsafe_characters_are_spelled_out() {
        assert_eq!(escaped("ok"), "ok");
        assert_eq!(escaped("a\nb"), "a\\u{a}b");
        assert_eq!(escaped("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(escaped("x\u{202E}y"), "x\\u{202e}y");
    }
}
