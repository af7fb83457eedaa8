//! Where a command's output goes: standard output, or `-o FILE` written
//! atomically (a temporary file beside it, then a rename), so a failed run
//! never leaves a partial file behind.

use std::io::Write;
use std::path::{Path, PathBuf};

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

/// A temporary file no one else can reach: created new (never over an
/// existing file) in the temporary directory and unlinked at once, so it
/// is gone when the run ends, however it ends.
pub fn anonymous_file() -> std::io::Result<std::fs::File> {
    let dir = std::env::temp_dir();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut attempt = 0u32;
    loop {
        let path = dir.join(format!(
            ".trappa-{}-{nanos}-{attempt}.tmp",
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => {
                let _ = std::fs::remove_file(&path);
                return Ok(file);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
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
