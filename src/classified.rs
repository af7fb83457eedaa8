//! An inventory with every service placed on the ladder: what `classify`,
//! `report` and `export` render. Built once from a checked inventory.

use crate::inventory::model::{Inventory, Service};
use crate::ladder::{self, Classification};

#[derive(Clone)]
pub struct ClassifiedService<'a> {
    pub service: &'a Service,
    pub classification: Classification,
}

pub fn classify_inventory(inventory: &Inventory) -> Vec<ClassifiedService<'_>> {
    inventory
        .services
        .iter()
        .map(|service| ClassifiedService {
            service,
            classification: ladder::classify(&service.evidence),
        })
        .collect()
}
