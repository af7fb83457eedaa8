//! GitHub Actions workflow commands: one annotation per finding (with
//! `--quiet`, no `::notice` for infos).

use super::{FileFindings, shown};
use crate::diagnostic::Severity;
use std::fmt::Write;

pub fn github(files: &[FileFindings], quiet: bool) -> String {
    let mut out = String::new();
    for d in shown(files, quiet) {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
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
    use crate::diagnostic::{Code, Diagnostic, Pos};

    #[test]
    fn github_escapes_data_and_properties() {
        let d = [Diagnostic::new(
            Code::E004,
            "inv, 1.yaml",
            Pos::new(2, 17, 3),
            "department `abc` is 50% unknown",
        )
        .help("did you mean `abd`?\nsecond line")];
        let files = [FileFindings {
            name: "x",
            text: "",
            diagnostics: &d,
        }];
        assert_eq!(
            github(&files, false),
            "::error file=inv%2C 1.yaml,line=2,col=17,title=trappa E004::department `abc` is 50%25 unknown%0Ahelp: did you mean `abd`?%0Asecond line\n"
        );
    }
}
