//! One organisation over many follow-up years, as one data structure that
//! every format of `trappa trend` (`crate::render::trend`) only renders.
//!
//! It is built from the yearly report: each inventory goes through
//! [`report::build`] on the thread that checked it, and the trend keeps of
//! it only what it shows — the report's numbers for the organisation and
//! its departments, the ladder distribution, and each service's status and
//! step ([`YearSummary`]). The inventory itself is dropped there, so memory
//! grows with the number of services and years only by those few facts.
//! Each year's values are therefore the report's values by construction;
//! the changes between two inventories are counted by the report's own
//! [`compute::changes`], so they are what `report --previous` gives.
//!
//! Years run from the first inventory to the last; a year without an
//! inventory is a gap: it has no values, and nothing is filled in. A change
//! is always between an inventory and the one before it in the series
//! (`since`), across a gap if there is one.

pub mod history;
pub mod period;

use crate::classified::classify_inventory;
use crate::indicators::compute::{self, Changes, IndicatorValue, Tracked};
use crate::inventory::model::{Inventory, Organisation, Status};
use crate::inventory::targets::TargetsFile;
use crate::inventory::{Indicator, Step};
use crate::report::{self, DepartmentRow, Refusal};
use history::ServiceHistory;
use period::TargetTrend;
use std::collections::HashMap;

/// What the trend keeps of one year's inventory. Made where the file was
/// checked; it holds no part of the inventory but these numbers and names.
#[derive(Clone, Debug)]
pub struct YearSummary {
    pub year: i32,
    pub file: String,
    pub organisation: Organisation,
    /// The report's indicators for the whole organisation, in catalogue
    /// order, without the four that need a previous year.
    pub indicators: Vec<IndicatorValue>,
    /// Live services per step (1–4).
    pub distribution: [usize; 4],
    /// The report's department rows, in its order.
    pub departments: Vec<DepartmentRow>,
    /// Every service of the file, in its order.
    pub services: Vec<ServiceYear>,
}

/// One service in one year.
#[derive(Clone, Debug)]
pub struct ServiceYear {
    pub id: String,
    pub name: String,
    pub department: Option<String>,
    pub url: Option<String>,
    pub status: Status,
    pub step: Step,
}

impl YearSummary {
    /// The summary of one inventory: the numbers of `trappa report FILE`.
    pub fn of(file: &str, inventory: &Inventory) -> Result<YearSummary, Refusal> {
        let built = report::build(inventory, None, None)?;
        let indicators = built
            .indicators
            .iter()
            .map(|row| IndicatorValue {
                id: row.id,
                value: row.value,
                numerator: row.numerator,
                denominator: row.denominator,
            })
            .collect();
        let mut distribution = [0usize; 4];
        for (slot, count) in distribution.iter_mut().zip(&built.distribution) {
            *slot = count.services;
        }
        let services = classify_inventory(inventory)
            .iter()
            .map(|c| ServiceYear {
                id: c.service.id.clone(),
                name: c.service.name.clone(),
                department: c.service.department.clone(),
                url: c.service.url.clone(),
                status: c.service.status,
                step: c.classification.step,
            })
            .collect();
        Ok(YearSummary {
            year: inventory.year,
            file: file.to_string(),
            organisation: inventory.organisation.clone(),
            indicators,
            distribution,
            departments: built.departments,
            services,
        })
    }
}

/// A service as one year's inventory had it, by its index among all the
/// services of the series: the names are kept once, not once a year.
#[derive(Clone, Copy, Debug)]
struct Seen {
    service: u32,
    status: Status,
    step: Step,
}

/// A [`Seen`] with its id looked up: what [`compute::changes`] reads.
struct Named<'a> {
    id: &'a str,
    status: Status,
    step: Step,
}

impl Tracked for Named<'_> {
    fn id(&self) -> &str {
        self.id
    }
    fn status(&self) -> Status {
        self.status
    }
    fn step(&self) -> Step {
        self.step
    }
}

/// One year as the builder keeps it.
struct KeptYear {
    year: i32,
    file: String,
    indicators: Vec<IndicatorValue>,
    distribution: [usize; 4],
    departments: Vec<DepartmentRow>,
    services: Vec<Seen>,
}

/// The names of a service, from the newest inventory that has it.
#[derive(Clone, Debug)]
struct ServiceNames {
    id: String,
    name: String,
    department: Option<String>,
    url: Option<String>,
    newest: i32,
}

/// Collects the years of a trend in any order; [`Builder::finish`] puts
/// them in order and builds the [`Trend`].
#[derive(Default)]
pub struct Builder {
    organisation: Option<(i32, Organisation)>,
    years: Vec<KeptYear>,
    names: Vec<ServiceNames>,
    index: HashMap<String, u32>,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Adds one year. The caller has made sure that the years are of one
    /// organisation and that no year comes twice (`cli::input` refuses
    /// such inputs before they get here); a second summary of a year that
    /// is already kept is ignored, never counted twice.
    pub fn push(&mut self, summary: YearSummary) {
        if self.years.iter().any(|y| y.year == summary.year) {
            return;
        }
        let year = summary.year;
        if self.organisation.as_ref().is_none_or(|(y, _)| *y < year) {
            self.organisation = Some((year, summary.organisation));
        }
        let services = summary
            .services
            .into_iter()
            .map(|s| Seen {
                service: self.intern(s.id, s.name, s.department, s.url, year),
                status: s.status,
                step: s.step,
            })
            .collect();
        self.years.push(KeptYear {
            year,
            file: summary.file,
            indicators: summary.indicators,
            distribution: summary.distribution,
            departments: summary.departments,
            services,
        });
    }

    fn intern(
        &mut self,
        id: String,
        name: String,
        department: Option<String>,
        url: Option<String>,
        year: i32,
    ) -> u32 {
        if let Some(&index) = self.index.get(&id) {
            let names = &mut self.names[index as usize];
            if year > names.newest {
                *names = ServiceNames {
                    id,
                    name,
                    department,
                    url,
                    newest: year,
                };
            }
            return index;
        }
        let index = self.names.len() as u32;
        self.index.insert(id.clone(), index);
        self.names.push(ServiceNames {
            id,
            name,
            department,
            url,
            newest: year,
        });
        index
    }

    /// Whether any year was added.
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    /// The trend of the years added, with the targets judged over them.
    /// `None` when no year was added. A target that names a department no
    /// year has is refused, as `report` refuses it.
    pub fn finish(mut self, targets: Option<&TargetsFile>) -> Result<Option<Trend>, Refusal> {
        let Some((_, organisation)) = self.organisation.take() else {
            return Ok(None);
        };
        self.years.sort_by_key(|y| y.year);
        let (first, last) = match (self.years.first(), self.years.last()) {
            (Some(f), Some(l)) => (f.year, l.year),
            _ => return Ok(None),
        };
        // Index of each calendar year's inventory, None for a gap.
        let mut slot: Vec<Option<usize>> = vec![None; (last - first + 1) as usize];
        for (i, y) in self.years.iter().enumerate() {
            slot[(y.year - first) as usize] = Some(i);
        }
        let years: Vec<YearColumn> = slot
            .iter()
            .enumerate()
            .map(|(offset, kept)| {
                let year = first + offset as i32;
                match kept {
                    Some(i) => YearColumn {
                        year,
                        file: Some(self.years[*i].file.clone()),
                        since: i.checked_sub(1).map(|p| self.years[p].year),
                    },
                    None => YearColumn {
                        year,
                        file: None,
                        since: None,
                    },
                }
            })
            .collect();

        let changes: Vec<Option<Changes>> = slot
            .iter()
            .map(|kept| {
                let i = (*kept)?;
                let before = self.years.get(i.checked_sub(1)?)?;
                Some(compute::changes(
                    &self.named(&self.years[i].services),
                    &self.named(&before.services),
                ))
            })
            .collect();

        let indicators = self.organisation_series(&slot, &changes);
        let departments = self.department_series(&slot);
        let distribution = slot
            .iter()
            .map(|kept| kept.map(|i| self.years[i].distribution))
            .collect();
        let services = history::histories(
            &years,
            &slot
                .iter()
                .map(|kept| kept.map(|i| self.years[i].services.as_slice()))
                .collect::<Vec<_>>(),
            &changes,
            &self.names,
            &self.index,
        );
        let mut trend = Trend {
            organisation: organisation.name,
            code: organisation.code,
            years,
            indicators,
            distribution,
            departments,
            changes,
            services,
            targets: Vec::new(),
        };
        if let Some(file) = targets {
            trend.targets = period::judge_all(&trend, file)?;
        }
        Ok(Some(trend))
    }

    fn named<'a>(&'a self, services: &[Seen]) -> Vec<Named<'a>> {
        services
            .iter()
            .map(|s| Named {
                id: &self.names[s.service as usize].id,
                status: s.status,
                step: s.step,
            })
            .collect()
    }

    fn organisation_series(
        &self,
        slot: &[Option<usize>],
        changes: &[Option<Changes>],
    ) -> Vec<IndicatorSeries> {
        Indicator::ALL
            .iter()
            .map(|&id| {
                let mut previous: Option<Option<f64>> = None;
                let values = slot
                    .iter()
                    .zip(changes)
                    .map(|(kept, change)| {
                        let i = (*kept)?;
                        let value = if id.requires_previous() {
                            // Counted from the changes since the previous
                            // inventory; the first year has none.
                            let counted = change.as_ref().map(compute::change_values);
                            match counted.and_then(|c| c.into_iter().find(|v| v.id == id)) {
                                Some(v) => v,
                                None => IndicatorValue {
                                    id,
                                    value: None,
                                    numerator: None,
                                    denominator: None,
                                },
                            }
                        } else {
                            self.years[i]
                                .indicators
                                .iter()
                                .find(|v| v.id == id)
                                .cloned()?
                        };
                        // As in `report --previous`: the change of a value
                        // since the previous inventory; the counts of changes
                        // themselves have no previous value to change from.
                        let change = previous
                            .flatten()
                            .zip(value.value)
                            .filter(|_| !id.requires_previous())
                            .map(|(then, now)| now - then);
                        previous = Some(value.value);
                        Some(YearValue {
                            value: value.value,
                            numerator: value.numerator,
                            denominator: value.denominator,
                            change,
                        })
                    })
                    .collect();
                IndicatorSeries { id, values }
            })
            .collect()
    }

    /// Departments in the order of the newest inventory that lists them
    /// (so a department that disappeared comes after those still there),
    /// the services without a department last; each named as its newest
    /// inventory names it.
    fn department_series(&self, slot: &[Option<usize>]) -> Vec<DepartmentSeries> {
        let mut order: Vec<(String, String)> = Vec::new();
        for year in self.years.iter().rev() {
            for d in &year.departments {
                if !order.iter().any(|(id, _)| id == &d.id) {
                    order.push((d.id.clone(), d.name.clone()));
                }
            }
        }
        // Services without a department form a row of their own, last.
        if let Some(at) = order.iter().position(|(id, _)| id.is_empty()) {
            let row = order.remove(at);
            order.push(row);
        }
        order
            .into_iter()
            .map(|(id, name)| {
                let values = slot
                    .iter()
                    .map(|kept| {
                        let year = &self.years[(*kept)?];
                        let row = year.departments.iter().find(|d| d.id == id)?;
                        Some(row.indicators.clone())
                    })
                    .collect();
                DepartmentSeries { id, name, values }
            })
            .collect()
    }
}

/// One calendar year of the trend.
#[derive(Clone, Debug, PartialEq)]
pub struct YearColumn {
    pub year: i32,
    /// The inventory of the year; `None`: a gap, no inventory was given.
    pub file: Option<String>,
    /// The year of the inventory before this one in the series, which the
    /// changes of this year are counted from; `None` for the first year
    /// and for a gap.
    pub since: Option<i32>,
}

impl YearColumn {
    pub fn is_gap(&self) -> bool {
        self.file.is_none()
    }
}

/// One year's value of an indicator, as `report` gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct YearValue {
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// value − the previous inventory's value, as `report --previous` gives
    /// it; `None` for the first year or when either is "no data".
    pub change: Option<f64>,
}

/// An indicator of the whole organisation, one entry per year of the trend
/// (`None` for a gap).
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorSeries {
    pub id: Indicator,
    pub values: Vec<Option<YearValue>>,
}

/// A department's indicators, one entry per year of the trend: `None` for
/// a gap and for a year whose inventory does not have the department.
#[derive(Clone, Debug, PartialEq)]
pub struct DepartmentSeries {
    /// Empty for the services without a department.
    pub id: String,
    pub name: String,
    pub values: Vec<Option<Vec<IndicatorValue>>>,
}

impl DepartmentSeries {
    /// One indicator's value in each year (`None`: no inventory, no such
    /// department that year, or no data).
    pub fn value(&self, id: Indicator, year: usize) -> Option<f64> {
        self.values
            .get(year)?
            .as_ref()?
            .iter()
            .find(|v| v.id == id)?
            .value
    }

    pub fn present(&self, year: usize) -> bool {
        matches!(self.values.get(year), Some(Some(_)))
    }
}

/// Many years of one organisation: the data of `trappa trend`.
#[derive(Clone, Debug)]
pub struct Trend {
    pub organisation: String,
    pub code: Option<String>,
    /// Every year from the first inventory's to the last one's.
    pub years: Vec<YearColumn>,
    /// Every indicator of the catalogue, in its order.
    pub indicators: Vec<IndicatorSeries>,
    /// Live services per step, one entry per year (`None` for a gap).
    pub distribution: Vec<Option<[usize; 4]>>,
    pub departments: Vec<DepartmentSeries>,
    /// What changed since the previous inventory, one entry per year
    /// (`None` for the first year and for a gap).
    pub changes: Vec<Option<Changes>>,
    pub services: Vec<ServiceHistory>,
    pub targets: Vec<TargetTrend>,
}

impl Trend {
    pub fn first_year(&self) -> i32 {
        self.years.first().map_or(0, |y| y.year)
    }

    pub fn last_year(&self) -> i32 {
        self.years.last().map_or(0, |y| y.year)
    }

    pub fn gaps(&self) -> Vec<i32> {
        self.years
            .iter()
            .filter(|y| y.is_gap())
            .map(|y| y.year)
            .collect()
    }

    pub fn series(&self, id: Indicator) -> Option<&IndicatorSeries> {
        self.indicators.iter().find(|s| s.id == id)
    }

    /// The position of a year among [`Trend::years`].
    pub fn column(&self, year: i32) -> Option<usize> {
        let offset = year.checked_sub(self.first_year())?;
        usize::try_from(offset)
            .ok()
            .filter(|&i| i < self.years.len())
    }

    /// The name of a department of the trend.
    pub fn department_name(&self, id: &str) -> Option<&str> {
        self.departments
            .iter()
            .find(|d| !d.id.is_empty() && d.id == id)
            .map(|d| d.name.as_str())
    }
}

#[cfg(test)]
mod tests;
