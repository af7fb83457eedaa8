//! Renderers: each turns data it is given into text. None of them reads files.

pub mod classification;
pub mod csv_dialect;
pub mod diagnostics;
pub mod ladder;
pub mod table;

use std::io::Write;
use std::path::Path;

/// Whether to colour, decided once per run (spec §4: `auto` colours only a
/// terminal and honours `NO_COLOR`) and passed down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color(pub bool);

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl Color {
    pub fn decide(choice: ColorChoice, is_terminal: bool, no_color: Option<&str>) -> Color {
        match choice {
            ColorChoice::Always => Color(true),
            ColorChoice::Never => Color(false),
            ColorChoice::Auto => Color(is_terminal && no_color.is_none_or(str::is_empty)),
        }
    }

    /// Wraps `text` in an SGR sequence when colour is on.
    pub fn paint(self, sgr: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Writes a finished output: to standard output, or atomically to `path`
/// (a temporary file in the same directory, then a rename), so a failed run
/// never leaves a partial file behind.
pub fn deliver(path: Option<&Path>, bytes: &[u8]) -> Result<(), String> {
    match path {
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                Ok(()) => Ok(()),
                // `trappa … | head` closes the pipe early: not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("cannot write to standard output: {e}")),
            }
        }
        Some(path) => write_atomically(path, bytes),
    }
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = path.display();
    if path.is_dir() {
        return Err(format!("cannot write {shown}: it is a directory"));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let temp = dir.join(format!(".{name}.trappa-{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("cannot write {shown}: {e}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_is_decided_once_from_choice_terminal_and_no_color() {
        assert_eq!(Color::decide(ColorChoice::Auto, true, None), Color(true));
        assert_eq!(Color::decide(ColorChoice::Auto, false, None), Color(false));
        assert_eq!(
            Color::decide(ColorChoice::Auto, true, Some("1")),
            Color(false)
        );
        assert_eq!(
            Color::decide(ColorChoice::Auto, true, Some("")),
            Color(true)
        );
        assert_eq!(
            Color::decide(ColorChoice::Always, false, Some("1")),
            Color(true)
        );
        assert_eq!(Color::decide(ColorChoice::Never, true, None), Color(false));
    }

    #[test]
    fn atomic_write_replaces_whole_and_refuses_directories() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        write_atomically(&target, b"first").unwrap();
        write_atomically(&target, b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        assert!(write_atomically(dir.path(), b"x").is_err());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }
}
