//! Where a command's output goes: standard output (also `-o -`), or
//! `-o FILE` written atomically — into a temporary file beside it, then
//! renamed over it — so a failed or interrupted run never leaves a partial
//! file behind.
//!
//! What `-o` may name (README, "Output files"):
//!
//! - never one of the run's inputs, compared by device and inode so a
//!   link or another spelling cannot sneak past (exit 2, nothing written);
//! - never an existing inventory or targets file: no command but `init
//!   --force` writes YAML, so replacing one is always a mistake;
//! - a character device or a pipe (`/dev/stdout`, a FIFO) is written
//!   straight through, not replaced by a regular file;
//! - a symbolic link keeps pointing where it pointed: the file it names is
//!   replaced (atomically), the link stays;
//! - an existing file keeps its permissions.
//!
//! The temporary file has a random name and is created exclusively, never
//! through a link (`tempfile`), and SIGINT or SIGTERM removes it before the
//! process ends.

use super::failure::Failure;
use crate::diagnostic::{Message, io_reason};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Where `-o` points, once looked at.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// `-o -` or no `-o`.
    Stdout,
    /// A regular file, existing or not, written by rename; for a link, the
    /// file it points to.
    File(PathBuf),
    /// A character device or a FIFO: written straight through.
    Device(PathBuf),
}

/// "cannot write PATH: REASON", or "… to standard output: …".
fn cannot_write(target: &Target, reason: Message) -> Message {
    match target {
        Target::Stdout => Message::new("io.cannot_write_stdout"),
        Target::File(path) | Target::Device(path) => {
            Message::new("io.cannot_write").text("path", path.display().to_string())
        }
    }
    .phrase("reason", reason)
}

/// "cannot write to standard output: REASON".
pub fn cannot_write_stdout(error: &std::io::Error) -> Message {
    cannot_write(&Target::Stdout, io_reason(error))
}

/// "cannot write the output: REASON", when a writer into the output fails.
pub fn cannot_write_output(error: &std::io::Error) -> Message {
    Message::new("io.cannot_write_output").phrase("reason", io_reason(error))
}

/// [`cannot_write`] for a failure only a defect can cause, in English.
fn defect(target: &Target, what: &'static str) -> Message {
    cannot_write(target, Message::new("io.reason.other").text("detail", what))
}

fn target(path: Option<&Path>) -> Result<Target, Message> {
    let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
        return Ok(Target::Stdout);
    };
    let named = Target::File(path.to_path_buf());
    // Follow a link to what it names, so the link is not replaced.
    let resolved = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| cannot_write(&named, io_reason(&e)))?
        }
        _ => path.to_path_buf(),
    };
    match std::fs::metadata(&resolved) {
        Ok(meta) if meta.is_dir() => Err(cannot_write(
            &named,
            Message::new("io.reason.is_a_directory"),
        )),
        Ok(meta) if is_device(&meta) => Ok(Target::Device(resolved)),
        _ => Ok(Target::File(resolved)),
    }
}

#[cfg(unix)]
fn is_device(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    kind.is_char_device() || kind.is_fifo() || kind.is_block_device() || kind.is_socket()
}

#[cfg(not(unix))]
fn is_device(_: &std::fs::Metadata) -> bool {
    false
}

/// Refuses an `-o` that names one of the inputs, or an inventory or
/// targets file that is not an input: both would lose the user's data.
pub fn guard(output: Option<&Path>, inputs: &[PathBuf]) -> Result<(), Failure> {
    let Some(output) = output.filter(|p| p.as_os_str() != "-") else {
        return Ok(());
    };
    let Ok(out) = std::fs::metadata(output) else {
        return Ok(()); // a new file is no one's input
    };
    for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
        if let Ok(meta) = std::fs::metadata(input)
            && same_file(&meta, &out)
        {
            return Err(Failure::trouble(
                Message::new("usage.output_is_input")
                    .text("output", output.display().to_string())
                    .text("input", input.display().to_string()),
            ));
        }
    }
    if out.is_file() && is_trappa_yaml(output) {
        return Err(Failure::trouble(
            Message::new("usage.output_is_inventory").text("output", output.display().to_string()),
        ));
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

/// A file whose first lines name a trappa format version: the source of
/// truth kept in git, never an output.
fn is_trappa_yaml(path: &Path) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::new();
    if file.take(64 * 1024).read_to_end(&mut head).is_err() {
        return false;
    }
    String::from_utf8_lossy(&head).lines().any(|line| {
        let line = line.trim_start_matches('\u{feff}');
        line.starts_with("trappa:") || line.starts_with("trappa-targets:")
    })
}

/// Writes a finished output: to standard output, or atomically to `path`.
pub fn deliver(path: Option<&Path>, bytes: &[u8]) -> Result<(), Message> {
    let mut spool = Spool::create(path)?;
    spool
        .write_all(bytes)
        .map_err(|e| cannot_write(&spool.target, io_reason(&e)))?;
    spool.deliver()
}

/// An output written as it is made, put in place whole at the end: renamed
/// over `-o FILE`, or copied to standard output (a refused run prints
/// nothing). Dropped before [`Spool::deliver`], it removes its temporary
/// file, so a failed run leaves nothing behind.
pub struct Spool {
    target: Target,
    sink: Sink,
}

enum Sink {
    /// Beside the `-o` file, named so it can be renamed over it.
    Named(Registered),
    /// For standard output: unlinked at once, or memory when the temporary
    /// directory cannot be written.
    Anonymous(std::fs::File),
    Memory(Arc<Mutex<Vec<u8>>>),
}

impl Spool {
    /// The temporary file for `target` (`None` or `-`: standard output). A
    /// target that is a directory is refused here, before any work is done.
    pub fn create(path: Option<&Path>) -> Result<Spool, Message> {
        let target = target(path)?;
        let sink = match &target {
            Target::File(file) => {
                let dir = match file.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                let temp =
                    Registered::create(dir).map_err(|e| cannot_write(&target, io_reason(&e)))?;
                Sink::Named(temp)
            }
            Target::Stdout | Target::Device(_) => match tempfile::tempfile() {
                Ok(file) => Sink::Anonymous(file),
                Err(_) => Sink::Memory(Arc::default()),
            },
        };
        Ok(Spool { target, sink })
    }

    /// A second handle on the temporary output, for a writer to own.
    pub fn writer(&self) -> Result<Box<dyn Write + Send>, Message> {
        let clone = |file: &std::fs::File| {
            file.try_clone()
                .map(|f| Box::new(f) as Box<dyn Write + Send>)
                .map_err(|e| cannot_write(&self.target, io_reason(&e)))
        };
        match &self.sink {
            Sink::Named(temp) => match &temp.temp {
                Some(named) => clone(named.as_file()),
                None => Err(defect(&self.target, "the output was already written")),
            },
            Sink::Anonymous(file) => clone(file),
            Sink::Memory(bytes) => Ok(Box::new(Shared(bytes.clone()))),
        }
    }

    /// Puts the finished output in place: renamed over the target, or
    /// copied to standard output or the device.
    pub fn deliver(self) -> Result<(), Message> {
        let target = &self.target;
        let fail = |e: std::io::Error| cannot_write(target, io_reason(&e));
        match self.sink {
            Sink::Named(temp) => {
                let Target::File(path) = target else {
                    return Err(defect(target, "a named temporary file for a stream"));
                };
                let mut temp = temp;
                temp.file().and_then(|f| f.sync_all()).map_err(fail)?;
                // An existing file keeps its permissions.
                if let Ok(meta) = std::fs::metadata(path) {
                    let _ = std::fs::set_permissions(temp.path.as_path(), meta.permissions());
                }
                temp.persist(path).map_err(fail)
            }
            Sink::Anonymous(mut file) => {
                use std::io::Seek;
                file.rewind().map_err(fail)?;
                copy_out(target, &mut file)
            }
            Sink::Memory(bytes) => {
                let bytes = bytes
                    .lock()
                    .map_err(|_| defect(target, "the output buffer is poisoned"))?;
                copy_out(target, &mut bytes.as_slice())
            }
        }
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.sink {
            Sink::Named(temp) => temp.file()?.write(buf),
            Sink::Anonymous(file) => file.write(buf),
            Sink::Memory(bytes) => Shared(bytes.clone()).write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Named(temp) => temp.file()?.flush(),
            Sink::Anonymous(file) => file.flush(),
            Sink::Memory(_) => Ok(()),
        }
    }
}

/// A named temporary file known to the interrupt handler while it exists.
/// Dropped unpersisted, it removes itself (`NamedTempFile`) and leaves the
/// registry.
struct Registered {
    /// `None` once persisted.
    temp: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Registered {
    /// Creates the file with the registry locked, so an interrupt that
    /// comes while it is being made waits, then finds it and removes it.
    fn create(dir: &Path) -> std::io::Result<Registered> {
        let mut paths = registry()
            .lock()
            .map_err(|_| std::io::Error::other("the list of temporary files is poisoned"))?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".trappa-").suffix(".tmp");
        // A new output gets the mode File::create would give it (0666 less
        // the umask), not the temporary file's private 0600.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(dir)?;
        let path = temp.path().to_path_buf();
        paths.push(path.clone());
        Ok(Registered {
            temp: Some(temp),
            path,
        })
    }

    fn file(&mut self) -> std::io::Result<&mut std::fs::File> {
        self.temp
            .as_mut()
            .map(|t| t.as_file_mut())
            .ok_or_else(|| std::io::Error::other("the output was already written"))
    }

    /// Renamed over `target`: from now on it is the user's file.
    fn persist(mut self, target: &Path) -> std::io::Result<()> {
        unregister(&self.path);
        match self.temp.take() {
            Some(temp) => temp.persist(target).map(drop).map_err(|e| e.error),
            None => Ok(()),
        }
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        unregister(&self.path);
    }
}

/// The finished output to standard output or a device.
fn copy_out(target: &Target, from: &mut dyn std::io::Read) -> Result<(), Message> {
    let result = match target {
        Target::Device(path) => std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut device| std::io::copy(from, &mut device).and_then(|_| device.flush())),
        _ => {
            let mut stdout = std::io::stdout().lock();
            std::io::copy(from, &mut stdout).and_then(|_| stdout.flush())
        }
    };
    match result {
        Ok(()) => Ok(()),
        // `trappa … | head` closes the pipe early: not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(cannot_write(target, io_reason(&e))),
    }
}

/// Memory a writer can own while the spool keeps a handle on it.
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut bytes = self
            .0
            .lock()
            .map_err(|_| std::io::Error::other("output buffer poisoned"))?;
        bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The temporary files of this run, removed by the SIGINT/SIGTERM handler.
fn registry() -> &'static Mutex<Vec<PathBuf>> {
    static TEMPORARY: OnceLock<Mutex<Vec<PathBuf>>> = OnceLock::new();
    TEMPORARY.get_or_init(|| {
        // Installed with the first temporary file: an interrupted export
        // used to leave 8–20 MB behind. Exit code 130 as a shell reports
        // an interrupted command.
        let _ = ctrlc::set_handler(|| {
            if let Ok(paths) = registry().lock() {
                for path in paths.iter() {
                    let _ = std::fs::remove_file(path);
                }
            }
            std::process::exit(130);
        });
        Mutex::new(Vec::new())
    })
}

fn unregister(path: &Path) {
    if let Ok(mut paths) = registry().lock() {
        paths.retain(|p| p != path);
    }
}

/// A temporary file no one else can reach (created with a random name and
/// unlinked at once), for output that waits for the end of the run.
pub fn anonymous_file() -> std::io::Result<std::fs::File> {
    tempfile::tempfile()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_and_refuses_directories() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        deliver(Some(&target), b"first").unwrap();
        deliver(Some(&target), b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        assert!(deliver(Some(dir.path()), b"x").is_err());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_a_mode_is_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        deliver(Some(&link), b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // A new file is readable as File::create would make it (umask aside).
        let fresh = dir.path().join("fresh.html");
        deliver(Some(&fresh), b"x").unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode & 0o044, 0, "{mode:o}");
    }

    #[test]
    fn an_input_or_an_inventory_is_never_an_output() {
        let dir = tempfile::tempdir().unwrap();
        let inventory = dir.path().join("inv.yaml");
        std::fs::write(&inventory, "trappa: 1\n").unwrap();
        let other = dir.path().join("report.html");
        std::fs::write(&other, "<html>").unwrap();
        assert!(guard(Some(&inventory), std::slice::from_ref(&inventory)).is_err());
        // Another spelling of the same file.
        let spelled = dir.path().join(".").join("inv.yaml");
        assert!(guard(Some(&spelled), std::slice::from_ref(&inventory)).is_err());
        // An inventory that is not an input is refused too.
        assert!(guard(Some(&inventory), &[]).is_err());
        assert!(guard(Some(&other), std::slice::from_ref(&inventory)).is_ok());
        assert!(guard(Some(&dir.path().join("new.csv")), &[]).is_ok());
        assert!(guard(Some(Path::new("-")), std::slice::from_ref(&inventory)).is_ok());
    }
}
