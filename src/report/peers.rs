//! Peers in the yearly report (`report FILE --peers PATH...`), KKiK's way:
//! beside each indicator's value, the peers' median and the organisation's
//! rank among them; and for each of the organisation's typed services, how
//! far the peers got with the same type of service.
//!
//! Each peer inventory is reduced to a [`Peer`] (its indicator values and
//! the best step of each service type it offers) on the thread that read
//! it, so hundreds of peers cost a few numbers each. Of each peer
//! organisation the latest inventory counts; the reported organisation
//! itself is never its own peer.

use super::Report;
use crate::classified::classify_inventory;
use crate::indicators::compute;
use crate::inventory::indicator::Better;
use crate::inventory::model::{Inventory, OrganisationKey};
use crate::inventory::{Indicator, Step};
use serde::Serialize;
use std::collections::BTreeMap;

/// One peer organisation, as the comparison needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Peer {
    pub name: String,
    pub code: Option<String>,
    pub year: i32,
    /// The value of every indicator that needs no previous year, in
    /// catalogue order (`None`: no data).
    pub values: Vec<(Indicator, Option<f64>)>,
    /// The best step of each service type among its live services.
    pub types: BTreeMap<String, Step>,
}

impl Peer {
    pub fn of(inventory: &Inventory) -> Peer {
        let classified = classify_inventory(inventory);
        let values = compute::compute(&classified)
            .into_iter()
            .map(|v| (v.id, v.value))
            .collect();
        let mut types: BTreeMap<String, Step> = BTreeMap::new();
        for c in classified.iter().filter(|c| c.service.is_live()) {
            if let Some(t) = &c.service.service_type {
                let best = types.entry(t.clone()).or_insert(c.classification.step);
                *best = (*best).max(c.classification.step);
            }
        }
        Peer {
            name: inventory.organisation.name.clone(),
            code: inventory.organisation.code.clone(),
            year: inventory.year,
            values,
            types,
        }
    }

    fn value(&self, id: Indicator) -> Option<f64> {
        self.values
            .iter()
            .find(|(i, _)| *i == id)
            .and_then(|(_, v)| *v)
    }
}

/// One indicator beside the peers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeerIndicator {
    pub id: Indicator,
    /// The peers' median, of those with data.
    pub median: Option<f64>,
    /// How many peers have a value.
    pub peers_with_data: usize,
    /// Standard competition rank (1 = best, ties share a rank) among the
    /// organisation and the peers with data; `None` when the organisation
    /// has no value or the indicator has no better direction.
    pub rank: Option<usize>,
    /// How many are ranked: the peers with data and the organisation.
    pub ranked: usize,
}

/// One typed live service of the organisation beside the peers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeerService {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub service_type: String,
    pub step: Step,
    /// Peers offering the type.
    pub peers_with_type: usize,
    /// Of them, how many are at each step (1–4) with their best service of it.
    pub peers_at_step: [usize; 4],
    /// Of them, how many got further than this service (above its step; at
    /// step 4, also at step 4).
    pub peers_further: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Peers {
    /// The peer organisations compared with (their latest inventories).
    pub organisations: usize,
    /// Peer inventories not compared with: earlier years of a peer, and
    /// the reported organisation's own.
    pub left_out: usize,
    pub indicators: Vec<PeerIndicator>,
    pub services: Vec<PeerService>,
}

impl Peers {
    pub fn indicator(&self, id: Indicator) -> Option<&PeerIndicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
}

/// The median of some values; none for none.
fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// Compares the report's organisation with the peers read; `None` when
/// no peer is left (all of them the organisation itself).
pub fn compare(report: &Report, inventory: &Inventory, read: Vec<Peer>) -> Option<Peers> {
    let total = read.len();
    let reported = OrganisationKey::new(report.code.as_deref(), &report.organisation);
    let mut kept: Vec<(OrganisationKey, Peer)> = Vec::new();
    for peer in read {
        let key = OrganisationKey::new(peer.code.as_deref(), &peer.name);
        if key.same(&reported) {
            continue;
        }
        match kept.iter().position(|(k, _)| k.same(&key)) {
            Some(i) if kept[i].1.year < peer.year => kept[i] = (key, peer),
            Some(_) => {}
            None => kept.push((key, peer)),
        }
    }
    let kept: Vec<Peer> = kept.into_iter().map(|(_, p)| p).collect();
    if kept.is_empty() {
        return None;
    }
    let indicators = report
        .indicators
        .iter()
        .filter(|row| !row.id.requires_previous())
        .map(|row| {
            let mut values: Vec<f64> = kept.iter().filter_map(|p| p.value(row.id)).collect();
            let peers_with_data = values.len();
            let rank = row.value.and_then(|own| {
                let better = match row.id.better() {
                    Better::Higher => values.iter().filter(|v| **v > own).count(),
                    Better::Lower => values.iter().filter(|v| **v < own).count(),
                    Better::Neither => return None,
                };
                Some(better + 1)
            });
            PeerIndicator {
                id: row.id,
                ranked: peers_with_data + usize::from(row.value.is_some()),
                median: median(&mut values),
                peers_with_data,
                rank,
            }
        })
        .collect();
    let classified = classify_inventory(inventory);
    let services = classified
        .iter()
        .filter(|c| c.service.is_live())
        .filter_map(|c| {
            let t = c.service.service_type.as_ref()?;
            let step = c.classification.step;
            let mut peers_at_step = [0usize; 4];
            for best in kept.iter().filter_map(|p| p.types.get(t)) {
                peers_at_step[usize::from(best.number()) - 1] += 1;
            }
            let above = usize::from(step.number()).min(3);
            Some(PeerService {
                id: c.service.id.clone(),
                name: c.service.name.clone(),
                service_type: t.clone(),
                step,
                peers_with_type: peers_at_step.iter().sum(),
                peers_at_step,
                peers_further: peers_at_step[above..].iter().sum(),
            })
        })
        .collect();
    Some(Peers {
        organisations: kept.len(),
        left_out: total - kept.len(),
        indicators,
        services,
    })
}
