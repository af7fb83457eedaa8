//! `compare`: one row per organisation and follow-up year, with the
//! headline indicators side by side and a rank by the share at step ≥ 3.
//!
//! Built to stream: the caller checks one inventory, turns it into a [`Row`]
//! with [`Row::of`] and drops the inventory before reading the next, so a
//! directory of hundreds of inventories costs one inventory plus a few
//! hundred small rows. Ranking needs every row, which is why rows are kept
//! and inventories are not. [`finish`] then sorts and ranks. Two inventories
//! of one organisation and year never get here: the caller refuses them
//! (`Organisation::same_as`, the rule every command uses).

use crate::classified::classify_inventory;
use crate::indicators::compute;
use crate::inventory::Indicator;
use crate::inventory::model::{Inventory, OrganisationKind};
use std::cmp::Ordering;
use std::collections::HashMap;

/// The indicator columns of a row, in order (ids of spec §5). The values are
/// the very numbers `report` shows: both come from `indicators::compute`.
pub const COLUMNS: [Indicator; 8] = [
    Indicator::Services,
    Indicator::EServices,
    Indicator::TransactionShare,
    Indicator::MeanStep,
    Indicator::EidShare,
    Indicator::CaseTrackingShare,
    Indicator::DigitalUptake,
    Indicator::AccessibilityStatementShare,
];

/// The indicator rows are ranked by: the report's headline.
pub const RANKED_BY: Indicator = Indicator::TransactionShare;

/// One organisation in one follow-up year.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub organisation: String,
    pub code: Option<String>,
    /// Municipality, region, agency or company: ranks are within a kind.
    pub kind: OrganisationKind,
    pub year: i32,
    /// The file the row came from (as diagnostics name it).
    pub file: String,
    /// Values of [`COLUMNS`], in order; `None` is "no data", never 0.
    pub values: [Option<f64>; COLUMNS.len()],
    /// Standard competition rank ("1224") among the rows of the same year
    /// and kind (a region is not ranked among municipalities) by
    /// [`RANKED_BY`], highest first; `None` when that share is "no data".
    /// Set by [`finish`].
    pub rank: Option<usize>,
}

impl Row {
    /// The row of one checked inventory (the caller makes sure it has no errors).
    pub fn of(file: &str, inventory: &Inventory) -> Row {
        let values = compute::compute(&classify_inventory(inventory));
        let value = |id: Indicator| values.iter().find(|v| v.id == id).and_then(|v| v.value);
        Row {
            organisation: inventory.organisation.name.clone(),
            code: inventory.organisation.code.clone(),
            kind: inventory.organisation.kind,
            year: inventory.year,
            file: file.to_string(),
            values: COLUMNS.map(value),
            rank: None,
        }
    }

    /// The value of one of [`COLUMNS`]; `None` for no data or another id.
    pub fn value(&self, id: Indicator) -> Option<f64> {
        COLUMNS
            .iter()
            .position(|c| *c == id)
            .and_then(|i| self.values[i])
    }
}

/// Sorts the rows (organisation in Swedish alphabetical order, then code,
/// then year) and ranks the rows of each year and kind.
pub fn finish(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort_by(compare_rows);
    rank(&mut rows);
    rows
}

fn compare_rows(a: &Row, b: &Row) -> Ordering {
    collation_key(&a.organisation)
        .cmp(&collation_key(&b.organisation))
        .then_with(|| a.organisation.cmp(&b.organisation))
        .then_with(|| a.code.cmp(&b.code))
        .then_with(|| a.year.cmp(&b.year))
        .then_with(|| a.file.cmp(&b.file))
}

/// A sort key that puts names in Swedish alphabetical order: case folded,
/// å ä ö after z (in that order), æ and ø as ä and ö, accented vowels with
/// their base letter, ü as y. Byte order would put Ä before Å and every
/// capital before every small letter.
pub fn collation_key(name: &str) -> Vec<u32> {
    name.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'a'..='z' => 100 + (c as u32 - 'a' as u32),
            'á' | 'à' | 'â' => 100,
            'é' | 'è' | 'ê' | 'ë' => 104,
            'í' | 'ì' | 'î' | 'ï' => 108,
            'ó' | 'ò' | 'ô' => 114,
            'ú' | 'ù' | 'û' | 'ü' => 124,
            'å' => 126,
            'ä' | 'æ' => 127,
            'ö' | 'ø' => 128,
            '0'..='9' => 50 + (c as u32 - '0' as u32),
            c if c.is_whitespace() => 0,
            c => 1000 + c as u32,
        })
        .collect()
}

/// Standard competition ranking within each year and kind: a row's rank is
/// one more than the number of rows of that year and kind with a strictly
/// higher share (a region and an agency are not ranked among
/// municipalities). Ties
/// share a rank and the next rank is skipped (1, 2, 2, 4). A row without the
/// share has no rank and does not push anyone down.
///
/// Shares are exact ratios of whole numbers computed by one division, so two
/// equal ratios (1/2 and 2/4) are the same f64: comparing them is exact.
fn rank(rows: &mut [Row]) {
    let index = COLUMNS
        .iter()
        .position(|c| *c == RANKED_BY)
        .unwrap_or_default();
    let mut shares: HashMap<(i32, OrganisationKind), Vec<f64>> = HashMap::new();
    for row in rows.iter() {
        if let Some(share) = row.values[index] {
            shares.entry((row.year, row.kind)).or_default().push(share);
        }
    }
    for year_shares in shares.values_mut() {
        // Highest first.
        year_shares.sort_by(|a, b| b.total_cmp(a));
    }
    for row in rows.iter_mut() {
        row.rank = row.values[index].and_then(|share| {
            let year_shares = shares.get(&(row.year, row.kind))?;
            Some(1 + year_shares.partition_point(|s| *s > share))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, code: Option<&str>, year: i32, share: Option<f64>) -> Row {
        let mut values = [None; COLUMNS.len()];
        values[2] = share;
        Row {
            organisation: name.into(),
            code: code.map(String::from),
            kind: OrganisationKind::Municipality,
            year,
            file: format!("{name}-{year}.yaml"),
            values,
            rank: None,
        }
    }

    #[test]
    fn ties_share_a_rank_and_skip_the_next() {
        let rows = finish(vec![
            row("A", Some("1"), 2023, Some(0.5)),
            row("B", Some("2"), 2023, Some(1.0)),
            row("C", Some("3"), 2023, Some(2.0 / 4.0)),
            row("D", Some("4"), 2023, Some(0.0)),
            row("E", Some("5"), 2023, None),
        ]);
        let ranks: Vec<_> = rows.iter().map(|r| r.rank).collect();
        assert_eq!(ranks, [Some(2), Some(1), Some(2), Some(4), None]);
    }

    #[test]
    fn each_year_is_ranked_on_its_own() {
        let rows = finish(vec![
            row("A", Some("1"), 2023, Some(0.2)),
            row("A", Some("1"), 2024, Some(0.9)),
            row("B", Some("2"), 2023, Some(0.4)),
        ]);
        let ranks: Vec<_> = rows.iter().map(|r| (r.year, r.rank)).collect();
        assert_eq!(ranks, [(2023, Some(2)), (2024, Some(1)), (2023, Some(1))]);
    }

    #[test]
    fn each_kind_is_ranked_on_its_own() {
        let mut region = row("Västra Götalandsregionen", Some("14"), 2023, Some(0.1));
        region.kind = OrganisationKind::Region;
        let rows = finish(vec![
            region,
            row("A", Some("1"), 2023, Some(0.2)),
            row("B", Some("2"), 2023, Some(0.4)),
        ]);
        let ranks: Vec<_> = rows
            .iter()
            .map(|r| (r.organisation.as_str(), r.rank))
            .collect();
        assert_eq!(
            ranks,
            [
                ("A", Some(2)),
                ("B", Some(1)),
                ("Västra Götalandsregionen", Some(1))
            ]
        );
    }

    #[test]
    fn swedish_alphabetical_order() {
        let rows = finish(vec![
            row("Örebro kommun", None, 2023, None),
            row("Älmhults kommun", None, 2023, None),
            row("Åre kommun", None, 2023, None),
            row("ale kommun", None, 2023, None),
            row("Borås stad", None, 2023, None),
        ]);
        let names: Vec<_> = rows.iter().map(|r| r.organisation.as_str()).collect();
        assert_eq!(
            names,
            [
                "ale kommun",
                "Borås stad",
                "Åre kommun",
                "Älmhults kommun",
                "Örebro kommun"
            ]
        );
    }
}
