//! What trappa says, as data: a key of the word catalogues
//! (`data/words/*.yaml`) and the values that go into its sentence. The
//! modules that find problems — the reader of files, the decoder, the
//! checks, the commands — sit below the catalogues, so they cannot pick the
//! words; they say *which* message and *with what*, and the emitters render
//! it in the run's language (`crate::i18n::message`, defined above this
//! module on purpose).
//!
//! An argument that is itself a word (a step's name, what a service lacks,
//! "a service" as the place of a key) is a catalogue key too, so it comes
//! out in the same language as the sentence around it. Values from the
//! input (a key, an id, a value as written) are [`Arg::Text`] and are never
//! translated.

use std::borrow::Cow;

/// One message: a catalogue key and its named arguments (`{name}` in the
/// catalogue's text).
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// The catalogue key, stable across versions: JSON output carries it so
    /// that tools do not have to parse sentences.
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
    /// For a message whose words depend on a number ("1 problem", "2
    /// problems"): the number. The key then names a group of plural forms
    /// (`<key>.one`, `<key>.other`), and the language picks one.
    pub count: Option<u64>,
}

/// A value in a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// As written: a key, a value, an id or a path from the input, or a
    /// fixed spelling of the file format (`online`). Never translated.
    Text(Cow<'static, str>),
    /// A whole number: a count, a year, a line, a limit.
    Number(i128),
    /// A measurement shown with one decimal, in the language's decimal mark
    /// ("200.0" / "200,0").
    Decimal(f64),
    /// A word of the catalogue, by key: "a service" / "en tjänst".
    Word(&'static str),
    /// Words of the catalogue, listed with commas.
    Words(Vec<&'static str>),
    /// A step of the ladder by its number (1–4), shown with its name:
    /// "3 transaction" / "3 transaktion".
    Step(u8),
    /// A phrase of its own, with its own arguments: "the quoted text `"x"`".
    Phrase(Box<Message>),
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message {
            key,
            args: Vec::new(),
            count: None,
        }
    }

    /// A message with plural forms: the key names the group, `{count}` is `n`.
    pub fn counted(key: &'static str, n: u64) -> Message {
        let mut message = Message::new(key).number("count", n);
        message.count = Some(n);
        message
    }

    pub fn arg(mut self, name: &'static str, arg: Arg) -> Message {
        self.args.push((name, arg));
        self
    }

    pub fn text(self, name: &'static str, text: impl Into<Cow<'static, str>>) -> Message {
        self.arg(name, Arg::Text(text.into()))
    }

    pub fn number(self, name: &'static str, n: impl Into<i128>) -> Message {
        self.arg(name, Arg::Number(n.into()))
    }

    pub fn word(self, name: &'static str, key: &'static str) -> Message {
        self.arg(name, Arg::Word(key))
    }

    pub fn step(self, name: &'static str, number: u8) -> Message {
        self.arg(name, Arg::Step(number))
    }

    pub fn phrase(self, name: &'static str, phrase: Message) -> Message {
        self.arg(name, Arg::Phrase(Box::new(phrase)))
    }

    /// The argument called `name`, if any.
    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }

    /// Every catalogue key this message needs, its own first: for the tests
    /// that hold the catalogues to what the code says.
    pub fn keys(&self) -> Vec<&'static str> {
        let mut keys = vec![self.key];
        for (_, arg) in &self.args {
            match arg {
                Arg::Word(key) => keys.push(key),
                Arg::Words(words) => keys.extend(words.iter().copied()),
                Arg::Phrase(phrase) => keys.extend(phrase.keys()),
                _ => {}
            }
        }
        keys
    }
}

/// Why an operation on a file failed, in words of the catalogue where the
/// kind of failure is one a user meets; otherwise the operating system's
/// own text (which is English: Rust asks for it in the C locale).
pub fn io_reason(error: &std::io::Error) -> Message {
    use std::io::ErrorKind as K;
    let key = match error.kind() {
        K::NotFound => "io.reason.not_found",
        K::PermissionDenied => "io.reason.permission_denied",
        K::IsADirectory => "io.reason.is_a_directory",
        K::NotADirectory => "io.reason.not_a_directory",
        K::AlreadyExists => "io.reason.already_exists",
        K::ReadOnlyFilesystem => "io.reason.read_only",
        K::StorageFull | K::QuotaExceeded => "io.reason.storage_full",
        K::FileTooLarge => "io.reason.file_too_large",
        K::InvalidFilename => "io.reason.invalid_name",
        K::BrokenPipe => "io.reason.broken_pipe",
        _ => return Message::new("io.reason.other").text("detail", error.to_string()),
    };
    Message::new(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_lists_the_keys_it_needs() {
        let message = Message::new("diagnostic.e002.not_integer")
            .text("path", "year")
            .phrase(
                "value",
                Message::new("diagnostic.written.quoted").text("text", "2014"),
            )
            .word("place", "diagnostic.place.service");
        assert_eq!(
            message.keys(),
            [
                "diagnostic.e002.not_integer",
                "diagnostic.written.quoted",
                "diagnostic.place.service"
            ]
        );
        assert_eq!(message.get("path"), Some(&Arg::Text("year".into())));
    }

    #[test]
    fn an_io_error_of_a_known_kind_has_its_own_words() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(io_reason(&missing).key, "io.reason.not_found");
        let odd = std::io::Error::other("the disk is on fire");
        let reason = io_reason(&odd);
        assert_eq!(reason.key, "io.reason.other");
        assert_eq!(
            reason.get("detail"),
            Some(&Arg::Text("the disk is on fire".into()))
        );
    }
}
