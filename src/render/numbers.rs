//! Numbers as a reader of the run's language expects them: "62,5 %" and
//! "62.5%", "145 kr" and "SEK 145"; "no data" is "–", never 0. The
//! conventions (decimal mark, minus sign, how a percentage, kronor and
//! percentage points are written) are `number.*` in the language catalogues.

use crate::i18n::{self, Lang};
use crate::inventory::Unit;

pub const NO_DATA: &str = "–";

fn decimal(value: f64, places: usize, lang: Lang) -> String {
    let text = format!("{value:.places$}");
    let mark = i18n::text(lang, "number.decimal_mark");
    let minus = i18n::text(lang, "number.minus");
    if mark == "." && minus == "-" {
        return text;
    }
    text.replace('.', mark).replace('-', minus)
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
        Unit::Count => format!("{v:.0}"),
        Unit::Share => percent(decimal(v * 100.0, 1, lang), lang),
        Unit::Percent => percent(decimal(v, 1, lang), lang),
        Unit::Step => decimal(v, 2, lang),
        Unit::Sek => i18n::format(lang, "number.sek", &[("value", &decimal(v, 0, lang))]),
    }
}

/// A change with its sign and an arrow, so it reads without colour:
/// "▲ +5,2 p.e." / "▼ −3" / "= 0".
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
    let zero = shown.chars().all(|ch| ch == '0' || ch == '.' || ch == ',');
    if zero {
        return format!("= {shown}{suffix}");
    }
    if amount > 0.0 {
        format!("▲ +{shown}{suffix}")
    } else {
        format!("▼ {}{shown}{suffix}", i18n::text(lang, "number.minus"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_uses_decimal_comma_and_spaced_percent() {
        assert_eq!(value(Some(0.625), Unit::Share, Lang::Sv), "62,5 %");
        assert_eq!(value(Some(0.625), Unit::Share, Lang::En), "62.5%");
        assert_eq!(value(Some(2.4667), Unit::Step, Lang::Sv), "2,47");
        assert_eq!(value(Some(145.4), Unit::Sek, Lang::Sv), "145 kr");
        assert_eq!(value(Some(145.4), Unit::Sek, Lang::En), "SEK 145");
        assert_eq!(value(None, Unit::Share, Lang::Sv), "–");
        assert_eq!(value(Some(0.0), Unit::Share, Lang::En), "0.0%");
    }

    #[test]
    fn changes_carry_sign_and_arrow() {
        assert_eq!(change(Some(0.052), Unit::Share, Lang::Sv), "▲ +5,2 p.e.");
        assert_eq!(change(Some(-3.0), Unit::Count, Lang::En), "▼ -3");
        assert_eq!(change(Some(0.0), Unit::Count, Lang::En), "= 0");
        assert_eq!(change(None, Unit::Count, Lang::En), "–");
        assert_eq!(change(Some(3.4), Unit::Percent, Lang::Sv), "▲ +3,4 p.e.");
        assert_eq!(change(Some(-12.0), Unit::Sek, Lang::Sv), "▼ −12 kr");
    }
}
