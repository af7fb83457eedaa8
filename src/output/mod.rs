//! Renderers: each turns data it is given into text. None of them reads files.

pub mod classification;
pub mod csv_dialect;
pub mod diagnostics;
pub mod ladder;
pub mod table;

use std::io::Write;
use std::path::{Path, PathBuf};

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
    let mut spool = Spool::create(Some(path))?;
    spool
        .file
        .write_all(bytes)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    spool.deliver()
}

/// An output too large to build in memory: written into a temporary file as
/// it is made, then renamed over `-o FILE` (atomic, as [`write_atomically`])
/// or copied to standard output. Dropped before [`Spool::deliver`], it
/// removes its temporary file, so a failed run leaves nothing behind and
/// prints nothing.
pub struct Spool {
    temp: PathBuf,
    target: Option<PathBuf>,
    file: std::fs::File,
    delivered: bool,
}

impl Spool {
    /// The temporary file for `target` (`None`: standard output). A target
    /// that is a directory is refused here, before any work is done.
    pub fn create(target: Option<&Path>) -> Result<Spool, String> {
        let temp = match target {
            Some(path) => {
                if path.is_dir() {
                    return Err(format!(
                        "cannot write {}: it is a directory",
                        path.display()
                    ));
                }
                let dir = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "output".into());
                dir.join(format!(".{name}.trappa-{}.tmp", std::process::id()))
            }
            None => std::env::temp_dir().join(format!("trappa-{}.stdout.tmp", std::process::id())),
        };
        let shown = target.unwrap_or(&temp).display().to_string();
        let file =
            std::fs::File::create(&temp).map_err(|e| format!("cannot write {shown}: {e}"))?;
        Ok(Spool {
            temp,
            target: target.map(Path::to_path_buf),
            file,
            delivered: false,
        })
    }

    /// A second handle on the temporary file, for a writer to own.
    pub fn writer(&self) -> Result<std::fs::File, String> {
        self.file
            .try_clone()
            .map_err(|e| format!("cannot write {}: {e}", self.temp.display()))
    }

    /// Puts the finished output in place: renamed over the target, or copied
    /// to standard output.
    pub fn deliver(mut self) -> Result<(), String> {
        let shown = self
            .target
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "standard output".into());
        self.file
            .sync_all()
            .map_err(|e| format!("cannot write {shown}: {e}"))?;
        match &self.target {
            Some(path) => std::fs::rename(&self.temp, path)
                .map_err(|e| format!("cannot write {shown}: {e}"))?,
            None => {
                let mut finished = std::fs::File::open(&self.temp)
                    .map_err(|e| format!("cannot write {shown}: {e}"))?;
                let mut stdout = std::io::stdout().lock();
                match std::io::copy(&mut finished, &mut stdout).and_then(|_| stdout.flush()) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                    Err(e) => return Err(format!("cannot write to standard output: {e}")),
                }
                let _ = std::fs::remove_file(&self.temp);
            }
        }
        self.delivered = true;
        Ok(())
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        if !self.delivered {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
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
