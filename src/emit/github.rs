//! GitHub Actions workflow commands: one annotation per finding (with
//! `--quiet`, no `::notice` for infos).

use super::{FileFindings, shown};
use crate::diagnostic::Severity;
use crate::i18n::{self, Lang};
use std::fmt::Write;

pub fn github(files: &[FileFindings], quiet: bool, lang: Lang) -> String {
    let mut out = String::new();
    let help_word = i18n::text(lang, "diagnostic.help");
    for d in shown(files, quiet) {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = i18n::message(lang, &d.message);
        // GitHub places an annotation by line; a workbook's cell is said
        // in the message, where the reader finds it.
        if let Some(place) = &d.cell
            && let (Some(sheet), Some(cell)) = (&place.sheet, &place.cell)
        {
            message = format!("{sheet}!{cell}: {message}");
        }
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(help_word);
            message.push_str(": ");
            message.push_str(&i18n::message(lang, help));
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            escape_property(&d.file),
            d.line,
            d.column,
            escape_property(&format!("trappa {}", d.code)),
            escape_data(&message)
        );
    }
    out
}

/// Workflow command data escaping (as in @actions/core's `escapeData`).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Property values also escape `:` and `,` (`escapeProperty`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Diagnostic, Message, Pos};

    fn sample() -> [Diagnostic; 1] {
        [Diagnostic::new(
            Code::E004,
            "inv, 1.yaml",
            Pos::new(2, 17, 3),
            Message::new("diagnostic.e004.unknown_department")
                .text("department", "abc")
                .text("service", "50%"),
        )
        .help(Message::new("diagnostic.did_you_mean").text("near", "abd\nsecond line"))]
    }

    #[test]
    fn github_escapes_data_and_properties() {
        let d = sample();
        let files = [FileFindings {
            name: "x",
            text: "",
            diagnostics: &d,
        }];
        assert_eq!(
            github(&files, false, Lang::En),
            "::error file=inv%2C 1.yaml,line=2,col=17,title=trappa E004::department `abc` of service `50%25` is not in `departments`%0Ahelp: did you mean `abd\\u{a}second line`?\n"
        );
    }

    #[test]
    fn github_speaks_the_language_of_the_run() {
        let d = sample();
        let files = [FileFindings {
            name: "x",
            text: "",
            diagnostics: &d,
        }];
        assert_eq!(
            github(&files, false, Lang::Sv),
            "::error file=inv%2C 1.yaml,line=2,col=17,title=trappa E004::förvaltningen `abc` för tjänsten `50%25` finns inte i `departments`%0Atips: menade du `abd\\u{a}second line`?\n"
        );
    }
}
