//! The survey as one versioned JSON document (`"trappa_survey": 1`): every
//! share with its numerator and denominator and its value unrounded, by
//! the one rule of [`json::number`] ("no data" is `null`). Keys keep a
//! fixed order; the organisations carry what every figure was made from.

use crate::inventory::model::Vocabulary;
use crate::inventory::{Step, Unit};
use crate::render::json;
use crate::survey::index::{self, Criterion};
use crate::survey::{Feature, Share, Spread, Survey};
use serde_json::{Map, Value, json};

fn share(s: Share) -> Value {
    json!({
        "numerator": json::count(s.part),
        "denominator": json::count(s.whole),
        "value": json::number(s.value(), Unit::Share),
    })
}

fn spread(s: Option<Spread>) -> Value {
    match s {
        None => Value::Null,
        Some(s) => json!({
            "min": json::measure(Some(s.min)),
            "q1": json::measure(Some(s.q1)),
            "median": json::measure(Some(s.median)),
            "q3": json::measure(Some(s.q3)),
            "max": json::measure(Some(s.max)),
        }),
    }
}

pub fn render(survey: &Survey) -> String {
    let mut kinds = Map::new();
    for (kind, n) in survey.kinds() {
        kinds.insert(kind.as_str().into(), json!(n));
    }
    let mut at_least_one = Map::new();
    at_least_one.insert("e_service".into(), share(survey.with_e_services()));
    for (step, s) in Step::ALL.iter().zip(survey.at_step()) {
        at_least_one.insert(format!("step_{}", step.number()), share(s));
    }
    for feature in Feature::ALL {
        at_least_one.insert(feature.id().into(), share(survey.feature(feature)));
    }
    let headline: Vec<Value> = survey
        .headlines()
        .iter()
        .map(|h| {
            json!({
                "indicator": h.id.id(),
                "pooled": {
                    "numerator": json::measure(Some(h.pooled.part)),
                    "denominator": json::measure(Some(h.pooled.whole)),
                    "value": json::number(h.pooled.value(), h.id.unit()),
                },
                "median_of_organisations": json::number(h.median, h.id.unit()),
                "organisations_with_data": h.with_data,
            })
        })
        .collect();
    let counties: Vec<Value> = survey
        .counties()
        .iter()
        .map(|c| {
            json!({
                "code": c.county.code,
                "name": c.county.name,
                "organisations": c.organisations,
                "with_e_services": share(c.with_e_services),
                "median_e_services": json::measure(c.median_e_services),
                "transaction_share_pooled": share(c.transaction_share),
                "median_score": json::measure(c.median_score),
            })
        })
        .collect();
    let types: Vec<Value> = survey
        .types()
        .iter()
        .map(|t| {
            let mut at_step = Map::new();
            for step in Step::ALL {
                at_step.insert(format!("step_{}", step.number()), share(t.share_at(step)));
            }
            json!({
                "type": t.id,
                "organisations": t.organisations,
                "best_step": at_step,
            })
        })
        .collect();
    let groups: Vec<Value> = survey
        .groups()
        .iter()
        .enumerate()
        .map(|(group, members)| {
            json!({
                "group": group,
                "organisations": members.iter().map(|o| o.name.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let organisations: Vec<Value> = survey
        .organisations
        .iter()
        .map(|o| {
            let mut features = Map::new();
            for feature in Feature::ALL {
                features.insert(feature.id().into(), json!(o.has(feature)));
            }
            let types: Map<String, Value> = o
                .types
                .iter()
                .map(|(id, step)| (id.clone(), json!(step.number())))
                .collect();
            json!({
                "organisation": o.name,
                "code": o.code,
                "kind": o.kind.as_str(),
                "year": o.year,
                "file": o.file,
                "county": o.county.as_ref().map(|c| c.code.clone()),
                "services": o.services,
                "e_services": o.e_services,
                "at_step": o.at_step,
                "features": features,
                "types": types,
                "score": o.score(),
                "points": index::points(o).iter().map(|c| c.id()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let document = json!({
        "trappa_survey": 1,
        "year": survey.year,
        "organisations_surveyed": survey.len(),
        "left_out": survey.left_out,
        "kinds": kinds,
        "at_least_one": at_least_one,
        "e_services": {
            "spread": spread(survey.e_services()),
            "quartiles": "linear interpolation between ranks (QUARTILE.INC)",
            "without": survey.without_e_services().iter().map(|o| o.name.clone()).collect::<Vec<_>>(),
        },
        "headline": headline,
        "counties": counties,
        "types": types,
        "index": {
            "criteria": Criterion::ALL.iter().map(|c| c.id()).collect::<Vec<_>>(),
            "groups": groups,
        },
        "organisations": organisations,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
