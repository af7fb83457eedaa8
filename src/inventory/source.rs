//! Reading inventory bytes from disk or standard input, with the size limit
//! applied before the file is read whole, and the encoding checked before any
//! YAML is parsed.

use crate::diagnostic::{Arg, Code, Diagnostic, Message, Pos, io_reason};
use crate::limits::MAX_FILE_BYTES;
use std::io::Read;
use std::path::Path;

/// The text of one input, as the user named it.
#[derive(Clone, Debug)]
pub struct Source {
    /// The name shown in diagnostics: the path as given, or `<stdin>`.
    pub name: String,
    /// UTF-8 text without a byte-order mark.
    pub text: String,
}

/// Why an input could not become a [`Source`].
#[derive(Debug)]
pub enum ReadFailure {
    /// The bytes are not an acceptable text file: reported as E001.
    Refused(Diagnostic),
    /// The operating system could not give us the bytes: exit code 2.
    Io(Message),
}

pub const STDIN_NAME: &str = "<stdin>";

/// Reads a path, or standard input for `-`.
pub fn read(path: &Path) -> Result<Source, ReadFailure> {
    if path.as_os_str() == "-" {
        return read_stream(STDIN_NAME, std::io::stdin().lock());
    }
    let name = path.display().to_string();
    let io_error = |e: std::io::Error| ReadFailure::Io(cannot_read(&name, &e));
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if metadata.is_dir() {
        return Err(ReadFailure::Io(
            Message::new("io.is_directory").text("path", name.clone()),
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ReadFailure::Refused(too_large(&name, Some(metadata.len()))));
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    read_stream(&name, file)
}

/// Reads at most one byte more than the limit, so a pipe or a growing file
/// cannot make us hold more than [`MAX_FILE_BYTES`].
pub fn read_stream(name: &str, stream: impl Read) -> Result<Source, ReadFailure> {
    let mut bytes = Vec::new();
    stream
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadFailure::Io(cannot_read(name, &e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadFailure::Refused(too_large(name, None)));
    }
    decode_text(name, bytes).map_err(ReadFailure::Refused)
}

/// "cannot read PATH: REASON".
pub fn cannot_read(name: &str, error: &std::io::Error) -> Message {
    Message::new("input.cannot_read")
        .text("path", name.to_string())
        .phrase("reason", io_reason(error))
}

fn too_large(name: &str, size: Option<u64>) -> Diagnostic {
    let limit = MAX_FILE_BYTES / 1024 / 1024;
    // A pipe has no size to report: reading stops at the limit.
    let message = match size {
        Some(bytes) => Message::new("diagnostic.e001.too_large")
            .arg("size", Arg::Decimal(bytes as f64 / 1024.0 / 1024.0)),
        None => Message::new("diagnostic.e001.too_large_stream"),
    };
    Diagnostic::new(Code::E001, name, Pos::START, message.number("limit", limit))
        .help(Message::new("diagnostic.e001.too_large_help"))
}

/// Accepts UTF-8 with or without a byte-order mark; refuses UTF-16, NUL bytes
/// and invalid UTF-8 with the position of the first offending byte.
pub fn decode_text(name: &str, mut bytes: Vec<u8>) -> Result<Source, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::new(
            Code::E001,
            name,
            Pos::START,
            Message::new("diagnostic.e001.utf16"),
        )
        .help(Message::new("diagnostic.e001.utf16_help")));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        let pos = position_of(&bytes[..offset]);
        return Err(
            Diagnostic::new(Code::E001, name, pos, Message::new("diagnostic.e001.nul"))
                .help(Message::new("diagnostic.e001.nul_help")),
        );
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source {
            name: name.to_string(),
            text,
        }),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let pos = position_of(&bytes[..valid]);
            Err(Diagnostic::new(
                Code::E001,
                name,
                pos,
                Message::new("diagnostic.e001.not_utf8")
                    .text("byte", format!("0x{:02X}", bytes[valid])),
            )
            .help(Message::new("diagnostic.e001.not_utf8_help")))
        }
    }
}

/// Line and column just after a valid UTF-8 prefix.
fn position_of(prefix: &[u8]) -> Pos {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() as u32 + 1;
    let last_line = text.rsplit('\n').next().unwrap_or("");
    Pos::new(line, last_line.chars().count() as u32 + 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_a_byte_order_mark() {
        let source = decode_text("f", b"\xEF\xBB\xBFtrappa: 1\r\n".to_vec()).unwrap();
        assert_eq!(source.text, "trappa: 1\r\n");
    }

    #[test]
    fn locates_invalid_utf8() {
        let d = decode_text("f", b"a: 1\nb: caf\xE9\n".to_vec()).unwrap_err();
        assert_eq!((d.code, d.line, d.column), (Code::E001, 2, 7));
    }

    #[test]
    fn refuses_utf16_and_nul() {
        assert!(decode_text("f", vec![0xFF, 0xFE, b'a', 0]).is_err());
        let d = decode_text("f", b"a: 1\n\0".to_vec()).unwrap_err();
        assert_eq!((d.line, d.column), (2, 1));
    }
}
