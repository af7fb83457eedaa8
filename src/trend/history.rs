//! Each service's history over the years of a trend, matched by id: its
//! status and step in every inventory, the year it went live, the year it
//! first reached step 3, the years it stepped down, and the year it was
//! retired or disappeared.
//!
//! A year is only as exact as the inventories: a service first seen live in
//! 2014 after an inventory of 2012 (and none of 2013) went live in 2013 or
//! 2014, and its [`Span`] says so instead of guessing. Stepping down and
//! leaving are read from the changes that `report --previous` counts
//! ([`Changes`]), so a history never disagrees with the report.

use super::{Seen, ServiceNames, YearColumn};
use crate::indicators::compute::Changes;
use crate::inventory::Step;
use crate::inventory::model::Status;
use std::collections::HashMap;

/// When something happened, as exactly as the inventories tell: in a year
/// after the inventory of `after` and no later than `by`. `after` is `None`
/// when `by` is the first inventory: it happened then or before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub after: Option<i32>,
    pub by: i32,
}

impl Span {
    /// The one year it happened in, when the inventories tell it.
    pub fn exact(&self) -> Option<i32> {
        (self.after == Some(self.by - 1)).then_some(self.by)
    }
}

/// How a service left: `status: retired`, or gone from the inventory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaving {
    Retired,
    Gone,
}

impl Leaving {
    pub fn id(self) -> &'static str {
        match self {
            Leaving::Retired => "retired",
            Leaving::Gone => "gone",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Departure {
    pub when: Span,
    pub how: Leaving,
}

/// A service in one year's inventory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepSeen {
    pub status: Status,
    pub step: Step,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServiceHistory {
    pub id: String,
    /// Name, department and address as the newest inventory has them.
    pub name: String,
    pub department: Option<String>,
    pub url: Option<String>,
    /// One entry per year of the trend: `None` when the year's inventory
    /// does not list the service, or the year is a gap.
    pub years: Vec<Option<StepSeen>>,
    /// The first inventory in which it is live.
    pub went_live: Option<Span>,
    /// The first inventory in which it is live at step 3 or higher.
    pub first_at_step_3: Option<Span>,
    /// Every move down the ladder between two inventories.
    pub stepped_down: Vec<Span>,
    /// Retired or gone, and not live again in the last inventory.
    pub left: Option<Departure>,
}

/// The histories of every service of the trend: first those of the newest
/// inventory in its order, then those that disappeared, most recently seen
/// first.
pub(super) fn histories(
    years: &[YearColumn],
    seen: &[Option<&[Seen]>],
    changes: &[Option<Changes>],
    names: &[ServiceNames],
    index: &HashMap<String, u32>,
) -> Vec<ServiceHistory> {
    let mut all: Vec<ServiceHistory> = names
        .iter()
        .map(|n| ServiceHistory {
            id: n.id.clone(),
            name: n.name.clone(),
            department: n.department.clone(),
            url: n.url.clone(),
            years: vec![None; years.len()],
            went_live: None,
            first_at_step_3: None,
            stepped_down: Vec::new(),
            left: None,
        })
        .collect();

    let mut order: Vec<u32> = Vec::with_capacity(names.len());
    let mut placed = vec![false; names.len()];
    for services in seen.iter().rev().flatten() {
        for s in services.iter() {
            if !std::mem::replace(&mut placed[s.service as usize], true) {
                order.push(s.service);
            }
        }
    }

    let mut previous_inventory: Option<i32> = None;
    for (column, (year, services)) in years.iter().zip(seen).enumerate() {
        let Some(services) = services else {
            continue;
        };
        let when = Span {
            after: previous_inventory,
            by: year.year,
        };
        for s in services.iter() {
            let history = &mut all[s.service as usize];
            // A checked inventory has unique ids (E003): the first counts.
            if history.years[column].is_some() {
                continue;
            }
            history.years[column] = Some(StepSeen {
                status: s.status,
                step: s.step,
            });
            if s.status == Status::Live {
                history.went_live.get_or_insert(when);
                if s.step >= Step::Transaction {
                    history.first_at_step_3.get_or_insert(when);
                }
            }
        }
        if let Some(changes) = &changes[column] {
            for moved in &changes.stepped_down {
                if let Some(&i) = index.get(&moved.id) {
                    all[i as usize].stepped_down.push(when);
                }
            }
            for id in &changes.retired {
                if let Some(&i) = index.get(id) {
                    let history = &mut all[i as usize];
                    let how = match history.years[column] {
                        Some(_) => Leaving::Retired,
                        None => Leaving::Gone,
                    };
                    history.left = Some(Departure { when, how });
                }
            }
        }
        previous_inventory = Some(year.year);
    }

    // Back in service in the last inventory: it has not left.
    if let Some(last) = years.len().checked_sub(1) {
        for history in &mut all {
            if history.years[last].is_some_and(|s| s.status == Status::Live) {
                history.left = None;
            }
        }
    }

    let mut taken: Vec<Option<ServiceHistory>> = all.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| taken[i as usize].take())
        .collect()
}
