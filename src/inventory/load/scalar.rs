//! What a YAML scalar means: YAML 1.2's core schema (spec §2: `yes` is text,
//! `true` is a boolean). Only `load.rs` calls this; the decoder sees the result.
//!
//! A plain scalar (no quotes, not a block) is resolved by its spelling; any
//! quoted or block scalar is text. An explicit core tag (`!!str`, `!!int`,
//! `!!float`, `!!bool`, `!!null`) decides instead of the spelling, and a value
//! its tag does not fit is an error. Other tags (`!local`) are ignored.

use super::Value;
use crate::diagnostic::Message;

/// The spellings the YAML 1.2 core schema gives a type (YAML 1.2.2 §10.3.2).
pub fn resolve(text: &str, plain: bool, core_tag: Option<&str>) -> Result<Value, Message> {
    let as_text = || Value::Str {
        text: text.to_string(),
        plain,
    };
    let Some(tag) = core_tag else {
        return Ok(if plain {
            by_spelling(text).unwrap_or_else(as_text)
        } else {
            as_text()
        });
    };
    let fits = match tag {
        "str" => return Ok(as_text()),
        "null" => null(text).then_some(Value::Null),
        "bool" => boolean(text).map(Value::Bool),
        "int" => integer(text).map(Value::Int),
        "float" => integer(text)
            .map(|i| Value::Float(i as f64))
            .or_else(|| float(text).map(Value::Float)),
        // `!!seq` or `!!map` on a scalar cannot fit.
        _ => None,
    };
    fits.ok_or_else(|| {
        Message::new("diagnostic.e001.tag_mismatch")
            .text("text", text.to_string())
            .text("tag", tag.to_string())
    })
}

/// A plain scalar's type from its spelling, or None when it is text.
fn by_spelling(text: &str) -> Option<Value> {
    if null(text) {
        return Some(Value::Null);
    }
    if let Some(b) = boolean(text) {
        return Some(Value::Bool(b));
    }
    // Only spellings that start like a number are worth the two parses.
    let first = text.as_bytes().first()?;
    if !matches!(first, b'0'..=b'9' | b'-' | b'+' | b'.') {
        return None;
    }
    if let Some(i) = integer(text) {
        return Some(Value::Int(i));
    }
    float(text).map(Value::Float)
}

fn null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn boolean(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`, within i128.
fn integer(text: &str) -> Option<i128> {
    if let Some(octal) = text.strip_prefix("0o") {
        return digits(octal, 8).then(|| i128::from_str_radix(octal, 8).ok())?;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return digits(hex, 16).then(|| i128::from_str_radix(hex, 16).ok())?;
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits(unsigned, 10) {
        return None;
    }
    // `+7` is 7; i128's parser takes the sign itself.
    text.parse::<i128>().ok()
}

fn digits(text: &str, radix: u32) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_digit(radix))
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, finite.
///
/// `.inf` and `.nan` are core-schema floats, but no inventory value can be
/// infinite, and JSON cannot carry them: they stay text, so a number field
/// that holds one gets "expected a number" at its line.
fn float(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let mantissa_ok = match fraction {
        Some(fraction) if whole.is_empty() => digits(fraction, 10),
        Some(fraction) => digits(whole, 10) && (fraction.is_empty() || digits(fraction, 10)),
        None => digits(whole, 10),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
    if !(mantissa_ok && exponent_ok) {
        return None;
    }
    text.parse::<f64>().ok().filter(|f| f.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Value {
        resolve(text, true, None).unwrap()
    }

    fn is_text(value: &Value) -> bool {
        matches!(value, Value::Str { .. })
    }

    #[test]
    fn the_core_schema_table() {
        // YAML 1.2.2 §10.3.2, the examples of the core schema.
        for null_spelling in ["", "~", "null", "Null", "NULL"] {
            assert_eq!(plain(null_spelling), Value::Null, "{null_spelling:?}");
        }
        assert_eq!(plain("true"), Value::Bool(true));
        assert_eq!(plain("TRUE"), Value::Bool(true));
        assert_eq!(plain("False"), Value::Bool(false));
        assert_eq!(plain("0"), Value::Int(0));
        assert_eq!(plain("0o7"), Value::Int(7));
        assert_eq!(plain("0x3A"), Value::Int(58));
        assert_eq!(plain("-19"), Value::Int(-19));
        assert_eq!(plain("+7"), Value::Int(7));
        assert_eq!(plain("0128"), Value::Int(128));
        assert_eq!(plain("0."), Value::Float(0.0));
        assert_eq!(plain("-0.0"), Value::Float(-0.0));
        assert_eq!(plain(".5"), Value::Float(0.5));
        assert_eq!(plain("+12e03"), Value::Float(12000.0));
        assert_eq!(plain("-2E+05"), Value::Float(-200000.0));
        assert_eq!(plain("145.5"), Value::Float(145.5));
    }

    #[test]
    fn what_stays_text() {
        // YAML 1.1 booleans, other spellings of numbers, non-finite floats,
        // dates and clock times: all text in YAML 1.2.
        for text in [
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "tRUE",
            "nULL",
            "1_000",
            "0b101",
            "0X1F",
            "1e999",
            ".inf",
            "-.inf",
            ".nan",
            "12:30",
            "2024-01-01",
            "1.2.3",
            ".",
            "-",
            "+",
            "e5",
            "1e",
            "0x",
            "0o8",
            "Infinity",
            "nan",
            "1177 Vårdguiden",
        ] {
            assert!(
                is_text(&plain(text)),
                "{text:?} resolved to {:?}",
                plain(text)
            );
        }
    }

    #[test]
    fn quoted_and_block_scalars_are_text() {
        assert_eq!(
            resolve("0128", false, None).unwrap(),
            Value::Str {
                text: "0128".into(),
                plain: false
            }
        );
        assert!(is_text(&resolve("true", false, None).unwrap()));
        assert!(is_text(&resolve("", false, None).unwrap()));
    }

    #[test]
    fn an_explicit_core_tag_decides() {
        assert!(is_text(&resolve("12", true, Some("str")).unwrap()));
        assert_eq!(resolve("5", false, Some("int")).unwrap(), Value::Int(5));
        assert_eq!(
            resolve("2", true, Some("float")).unwrap(),
            Value::Float(2.0)
        );
        assert_eq!(resolve("", false, Some("null")).unwrap(), Value::Null);
        assert_eq!(
            resolve("TRUE", false, Some("bool")).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            resolve("x", true, Some("int")).unwrap_err(),
            Message::new("diagnostic.e001.tag_mismatch")
                .text("text", "x")
                .text("tag", "int")
        );
        assert!(resolve("x", true, Some("map")).is_err());
    }

    #[test]
    fn integers_beyond_i128_are_floats_when_they_fit() {
        let big = "9".repeat(40);
        assert!(matches!(plain(&big), Value::Float(_)));
        assert!(is_text(&plain(&"9".repeat(400))));
    }
}
