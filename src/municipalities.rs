//! SCB's 290 municipality codes (data/municipalities.csv, copied from the
//! project's reference data so the binary needs no files at run time).

use std::sync::OnceLock;

const CSV: &str = include_str!("../data/municipalities.csv");

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Municipality {
    pub code: &'static str,
    pub name: &'static str,
    pub county_code: &'static str,
    pub county_name: &'static str,
}

pub fn all() -> &'static [Municipality] {
    static ALL: OnceLock<Vec<Municipality>> = OnceLock::new();
    ALL.get_or_init(|| {
        CSV.lines()
            .skip(1)
            .filter(|line| !line.trim().is_empty())
            .filter_map(|line| {
                let mut cells = line.trim_end_matches('\r').split(',');
                Some(Municipality {
                    code: cells.next()?,
                    name: cells.next()?,
                    county_code: cells.next()?,
                    county_name: cells.next()?,
                })
            })
            .collect()
    })
}

pub fn by_code(code: &str) -> Option<&'static Municipality> {
    all().iter().find(|m| m.code == code)
}

pub fn is_county_code(code: &str) -> bool {
    all().iter().any(|m| m.county_code == code)
}

/// The municipality an organisation name most likely refers to
/// ("Trelleborgs kommun" → Trelleborg), for hints.
pub fn by_organisation_name(name: &str) -> Option<&'static Municipality> {
    let lower = name.to_lowercase();
    all()
        .iter()
        .filter(|m| lower.contains(&m.name.to_lowercase()))
        .max_by_key(|m| m.name.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_all_290_municipalities() {
        assert_eq!(all().len(), 290);
        assert_eq!(by_code("1287").unwrap().name, "Trelleborg");
        assert_eq!(by_code("0128").unwrap().name, "Salem");
        assert_eq!(by_code("9999"), None);
        assert!(is_county_code("12"));
        assert_eq!(
            by_organisation_name("Norrköpings kommun").unwrap().code,
            "0581"
        );
    }
}
