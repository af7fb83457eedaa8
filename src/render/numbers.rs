//! Numbers as a reader of the run's language expects them: "62,5 %" and
//! "62.5%", "2 400 kr" and "SEK 2,400"; "no data" is "–", never 0. The
//! conventions (decimal mark, thousands separator, minus sign, how a
//! percentage, kronor and percentage points are written) are `number.*` in
//! the language catalogues. A number is never broken across lines: it is
//! joined to its unit, its sign's arrow and its thousands by no-break
//! spaces, which terminal tables and pages do not break at.

use crate::i18n::{self, Lang};
use crate::inventory::Unit;
use crate::report::targets::TargetStatus;

pub const NO_DATA: &str = "–";

/// The no-break space that joins an arrow or a comparison to its number.
pub const JOIN: char = '\u{a0}';

/// `value` with `places` decimals in the language's convention: the
/// thousands of the whole part grouped, the decimal mark, the minus sign.
fn decimal(value: f64, places: usize, lang: Lang) -> String {
    let text = format!("{value:.places$}");
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (i18n::text(lang, "number.minus"), rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let mut out = String::from(sign);
    out.push_str(&group(whole, i18n::text(lang, "number.thousands")));
    if let Some(fraction) = fraction {
        out.push_str(i18n::text(lang, "number.decimal_mark"));
        out.push_str(fraction);
    }
    out
}

/// "12345" → "12 345": the separator between each group of three digits,
/// counted from the right.
fn group(digits: &str, separator: &str) -> String {
    let count = digits.chars().count();
    let mut out = String::with_capacity(digits.len() + separator.len() * (count / 3));
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (count - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

fn percent(text: String, lang: Lang) -> String {
    i18n::format(lang, "number.percent", &[("value", &text)])
}

/// One value in its unit; shares are given 0–1 and shown as percentages.
pub fn value(value: Option<f64>, unit: Unit, lang: Lang) -> String {
    let Some(v) = value else {
        return NO_DATA.to_string();
    };
    match unit {
        Unit::Count => decimal(v, 0, lang),
        Unit::Share => percent(decimal(v * 100.0, 1, lang), lang),
        Unit::Percent => percent(decimal(v, 1, lang), lang),
        Unit::Step => decimal(v, 2, lang),
        Unit::Sek => i18n::format(lang, "number.sek", &[("value", &decimal(v, 0, lang))]),
    }
}

/// A change with its sign and an arrow, so it reads without colour:
/// "▲ +5,2 p.e." / "▼ −3" / "= 0", every space a no-break space.
pub fn change(change: Option<f64>, unit: Unit, lang: Lang) -> String {
    let Some(c) = change else {
        return NO_DATA.to_string();
    };
    let (amount, suffix) = match unit {
        Unit::Share => (c * 100.0, i18n::text(lang, "number.points_suffix")),
        // satisfaction_pct is already in per cent: its change is in points too.
        Unit::Percent => (c, i18n::text(lang, "number.points_suffix")),
        Unit::Sek => (c, i18n::text(lang, "number.sek_suffix")),
        Unit::Count | Unit::Step => (c, ""),
    };
    let places = match unit {
        Unit::Count => 0,
        Unit::Sek => 0,
        Unit::Step => 2,
        Unit::Share | Unit::Percent => 1,
    };
    let shown = decimal(amount.abs(), places, lang);
    let zero = shown.chars().all(|ch| !ch.is_ascii_digit() || ch == '0');
    if zero {
        return format!("={JOIN}{shown}{suffix}");
    }
    if amount > 0.0 {
        format!("▲{JOIN}+{shown}{suffix}")
    } else {
        format!("▼{JOIN}{}{shown}{suffix}", i18n::text(lang, "number.minus"))
    }
}

/// A target's status as a word: the judgement of a value against its
/// target, written wherever the value is (tables, HTML badges, plans).
pub fn status_word(status: TargetStatus, lang: Lang) -> &'static str {
    i18n::text(lang, &format!("status.{}", status.id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tests spell the no-break space as `_` to keep them readable.
    fn shown(text: String) -> String {
        text.replace(JOIN, "_")
    }

    #[test]
    fn swedish_uses_decimal_comma_and_a_joined_percent() {
        assert_eq!(shown(value(Some(0.625), Unit::Share, Lang::Sv)), "62,5_%");
        assert_eq!(value(Some(0.625), Unit::Share, Lang::En), "62.5%");
        assert_eq!(value(Some(2.4667), Unit::Step, Lang::Sv), "2,47");
        assert_eq!(shown(value(Some(145.4), Unit::Sek, Lang::Sv)), "145_kr");
        assert_eq!(shown(value(Some(145.4), Unit::Sek, Lang::En)), "SEK_145");
        assert_eq!(value(None, Unit::Share, Lang::Sv), "–");
        assert_eq!(value(Some(0.0), Unit::Share, Lang::En), "0.0%");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(shown(value(Some(2400.0), Unit::Sek, Lang::Sv)), "2_400_kr");
        assert_eq!(shown(value(Some(12345.0), Unit::Count, Lang::Sv)), "12_345");
        assert_eq!(value(Some(12345.0), Unit::Count, Lang::En), "12,345");
        assert_eq!(value(Some(1234567.0), Unit::Count, Lang::En), "1,234,567");
        assert_eq!(value(Some(999.0), Unit::Count, Lang::En), "999");
        assert_eq!(
            shown(value(Some(-2400.0), Unit::Sek, Lang::Sv)),
            "−2_400_kr"
        );
        assert_eq!(value(Some(0.5), Unit::Count, Lang::En), "0");
    }

    #[test]
    fn changes_carry_sign_and_arrow() {
        assert_eq!(
            shown(change(Some(0.052), Unit::Share, Lang::Sv)),
            "▲_+5,2_p.e."
        );
        assert_eq!(shown(change(Some(-3.0), Unit::Count, Lang::En)), "▼_-3");
        assert_eq!(shown(change(Some(0.0), Unit::Count, Lang::En)), "=_0");
        assert_eq!(change(None, Unit::Count, Lang::En), "–");
        assert_eq!(
            shown(change(Some(3.4), Unit::Percent, Lang::Sv)),
            "▲_+3,4_p.e."
        );
        assert_eq!(shown(change(Some(-12.0), Unit::Sek, Lang::Sv)), "▼_−12_kr");
        assert_eq!(
            shown(change(Some(1500.0), Unit::Sek, Lang::Sv)),
            "▲_+1_500_kr"
        );
        assert_eq!(
            shown(change(Some(0.00001), Unit::Share, Lang::Sv)),
            "=_0,0_p.e."
        );
    }
}
