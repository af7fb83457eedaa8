//! The CPSV-AP 3.2.0 export: valid JSON(-LD), every PublicService with the
//! properties CPSV-AP requires, a hand-checked service, and the refusal of a
//! service without a description.

use crate::helpers::{trappa, valid};
use serde_json::{Value, json};
use trappa::export::cpsv::{self, Input, Problem};
use trappa::i18n::{self, Lang};
use trappa::pipeline::Checked;

fn export(paths: &[&str]) -> Result<Value, Vec<Problem>> {
    let files: Vec<Checked> = paths.iter().map(|p| valid(p)).collect();
    let inputs: Vec<Input> = files
        .iter()
        .map(|c| Input {
            file: &c.source.name,
            inventory: c.valid_inventory().unwrap(),
        })
        .collect();
    cpsv::render(&inputs).map(|text| serde_json::from_str(&text).expect("valid JSON"))
}

fn graph(document: &Value) -> &Vec<Value> {
    document["@graph"].as_array().expect("@graph is an array")
}

fn of_type<'a>(document: &'a Value, rdf_type: &str) -> Vec<&'a Value> {
    graph(document)
        .iter()
        .filter(|n| n["@type"] == rdf_type)
        .collect()
}

#[test]
fn every_public_service_has_the_mandatory_properties() {
    let document = export(&[
        "examples/trelleborg-2013.yaml",
        "examples/trelleborg-2014.yaml",
        "examples/norrkoping-2008.yaml",
    ])
    .expect("the examples describe every service");
    assert_eq!(document["@context"]["cpsv"], "http://purl.org/vocab/cpsv#");
    assert_eq!(document["@context"]["cv"], "http://data.europa.eu/m8g/");

    let services = of_type(&document, "cpsv:PublicService");
    // 29 + 32 + 18 services in the three files (all statuses are exported).
    assert_eq!(services.len(), 29 + 32 + 18);
    let organisations = of_type(&document, "cv:PublicOrganisation");
    // Trelleborg's two years share one organisation node.
    assert_eq!(organisations.len(), 2);
    let organisation_ids: Vec<&Value> = organisations.iter().map(|o| &o["@id"]).collect();
    let concepts: Vec<&Value> = of_type(&document, "skos:Concept")
        .iter()
        .map(|c| &c["@id"])
        .collect();

    let mut ids = std::collections::HashSet::new();
    for service in &services {
        let id = service["@id"].as_str().expect("an IRI");
        assert!(ids.insert(id), "{id} twice");
        assert!(service["dct:identifier"].is_string(), "{id}");
        for property in ["dct:title", "dct:description"] {
            let text = &service[property];
            assert_eq!(text["@language"], "sv", "{id} {property}");
            assert!(
                !text["@value"].as_str().unwrap_or("").trim().is_empty(),
                "{id} {property}"
            );
        }
        assert!(
            organisation_ids.contains(&&service["cv:hasCompetentAuthority"]["@id"]),
            "{id} names an organisation node of the graph"
        );
        let status = service["adms:status"]["@id"].as_str().unwrap();
        assert!(
            [
                "http://purl.org/adms/status/Completed",
                "http://purl.org/adms/status/UnderDevelopment",
                "http://purl.org/adms/status/Withdrawn"
            ]
            .contains(&status),
            "{id} {status}"
        );
        assert!(
            concepts.contains(&&service["cv:isClassifiedBy"]["@id"]),
            "{id} is classified by a ladder concept of the graph"
        );
        for channel in service["cv:hasChannel"].as_array().into_iter().flatten() {
            assert_eq!(channel["@type"], "cv:Channel");
            assert!(channel["dct:identifier"].is_string());
            assert!(concepts.contains(&&channel["dct:type"]["@id"]));
        }
    }
    for organisation in organisations {
        assert!(organisation["skos:prefLabel"]["@value"].is_string());
        assert_eq!(
            organisation["dct:spatial"]["@id"],
            "http://publications.europa.eu/resource/authority/country/SWE"
        );
    }
}

#[test]
fn one_service_checked_by_hand() {
    let document = export(&["examples/trelleborg-2014.yaml"]).unwrap();
    let tomtko = graph(&document)
        .iter()
        .find(|n| n["dct:identifier"] == "tomtko")
        .expect("tomtko is exported");
    // examples/trelleborg-2014.yaml: live, url given, submitted online with
    // e-ID login and signing, no registry prefill, exchange or sharing →
    // step 3 transaction; one online channel.
    let base = "https://trappa.invalid/";
    let expected = json!({
        "@id": format!("{base}organisation/1287/2014/service/tomtko"),
        "@type": "cpsv:PublicService",
        "dct:identifier": "tomtko",
        "dct:title": { "@language": "sv", "@value": "Ställa sig i tomtkö" },
        "dct:description": {
            "@language": "sv",
            "@value": "Anmälan till kommunens tomtkö för villatomter. Köavgiften betalas med kort och platsen i kön syns på Mina sidor."
        },
        "cv:hasCompetentAuthority": { "@id": format!("{base}organisation/1287") },
        "adms:status": { "@id": "http://purl.org/adms/status/Completed" },
        "cv:hasChannel": [{
            "@id": format!("{base}organisation/1287/2014/service/tomtko/channel/online"),
            "@type": "cv:Channel",
            "dct:identifier": "tomtko-online",
            "dct:type": { "@id": format!("{base}channel-type/online") }
        }],
        "cv:isClassifiedBy": { "@id": format!("{base}ladder/3") }
    });
    assert_eq!(tomtko, &expected);

    let organisation = graph(&document)
        .iter()
        .find(|n| n["@id"] == format!("{base}organisation/1287"))
        .unwrap();
    assert_eq!(
        organisation,
        &json!({
            "@id": format!("{base}organisation/1287"),
            "@type": "cv:PublicOrganisation",
            "skos:prefLabel": { "@language": "sv", "@value": "Trelleborgs kommun" },
            "dct:identifier": "1287",
            "dct:spatial": { "@id": "http://publications.europa.eu/resource/authority/country/SWE" }
        })
    );
    let step = graph(&document)
        .iter()
        .find(|n| n["@id"] == format!("{base}ladder/3"))
        .unwrap();
    assert_eq!(step["skos:inScheme"]["@id"], format!("{base}ladder"));
    assert_eq!(step["skos:notation"], "3");
    assert_eq!(
        step["skos:prefLabel"],
        json!([
            { "@language": "sv", "@value": "Transaktion" },
            { "@language": "en", "@value": "Transaction" }
        ])
    );
}

#[test]
fn services_without_description_are_named_not_exported() {
    let refusals = export(&[
        "tests/fixtures/compare/ale-2024.yaml",
        "tests/fixtures/cpsv/undescribed.yaml",
    ])
    .unwrap_err();
    assert_eq!(
        refusals,
        [
            Problem::MissingDescription {
                file: "tests/fixtures/cpsv/undescribed.yaml".into(),
                service: "felanmalan".into(),
                line: 12,
                column: 5,
            },
            Problem::MissingDescription {
                file: "tests/fixtures/cpsv/undescribed.yaml".into(),
                service: "e-arkiv".into(),
                line: 17,
                column: 5,
            },
        ]
    );
    assert_eq!(
        i18n::message(Lang::En, &refusals[0].message()),
        "tests/fixtures/cpsv/undescribed.yaml:12:5: service `felanmalan` has no description; CPSV-AP requires one (dct:description): add `description`"
    );
}

/// Two inventories of one organisation and year would mint the same service
/// IRIs with different statements: the export refuses them by the rule every
/// command uses, before the writer sees them.
#[test]
fn the_same_organisation_and_year_twice_is_refused() {
    let out = trappa(&[
        "export",
        "--format",
        "cpsv-ap",
        "tests/fixtures/compare/ale-2023.yaml",
        "tests/fixtures/compare-duplicate/ale-2023-copy.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "tests/fixtures/compare/ale-2023.yaml and tests/fixtures/compare-duplicate/ale-2023-copy.yaml are both inventories of Ale kommun for 2023; export one inventory per organisation and year"
        ),
        "{stderr}"
    );
}

#[test]
fn output_is_deterministic_text() {
    let file = valid("examples/norrkoping-2008.yaml");
    let input = [Input {
        file: &file.source.name,
        inventory: file.valid_inventory().unwrap(),
    }];
    let once = cpsv::render(&input).unwrap();
    assert_eq!(once, cpsv::render(&input).unwrap());
    assert!(once.starts_with("{\n  \"@context\": {\n    \"cpsv\""));
    assert!(once.ends_with("\n  ]\n}\n"));
}

/// A base that would make invalid IRIs (a space, a quote, no host) is a
/// usage error, not a graph of broken IRIs.
#[test]
fn a_base_iri_that_is_not_an_iri_is_refused() {
    for base in [
        "https://data.kommun.se/e tjanster/",
        "https://data.kommun.se/\"x\"/",
        "https://",
        "ftp://data.kommun.se/",
    ] {
        let out = trappa(&[
            "export",
            "--format",
            "cpsv-ap",
            "--base-iri",
            base,
            "examples/norrkoping-2008.yaml",
        ]);
        assert_eq!(out.status.code(), Some(2), "{base}");
        assert!(out.stdout.is_empty());
    }
}

/// `check --profile cpsv-ap` says before the export what the export will
/// refuse: on every example and fixture that passes `check`, the services it
/// finds without a description are exactly those the CPSV-AP export names,
/// and a file it passes is exported (issue #19.10).
#[test]
fn the_cpsv_profile_of_check_finds_what_the_export_refuses() {
    let mut files: Vec<String> = ["examples", "tests/fixtures/cpsv", "tests/fixtures/compare"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap())
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".yaml") && !p.contains("targets"))
        .collect();
    files.sort();
    let mut compared = 0;
    for file in &files {
        if trappa(&["check", "-q", file]).status.code() != Some(0) {
            continue;
        }
        compared += 1;
        let check = trappa(&["check", "--profile", "cpsv-ap", "--format", "json", file]);
        let json: Value = serde_json::from_slice(&check.stdout).unwrap();
        let mut found: Vec<(u64, String)> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["key"] == "diagnostic.e002.cpsv_description")
            .map(|d| {
                let message = d["message"].as_str().unwrap();
                let id = message.split('`').nth(1).unwrap().to_string();
                (d["line"].as_u64().unwrap(), id)
            })
            .collect();
        found.sort();
        let refused: Vec<String> = match export(&[file.as_str()]) {
            Ok(_) => Vec::new(),
            Err(problems) => problems
                .iter()
                .map(|Problem::MissingDescription { service, .. }| service.clone())
                .collect(),
        };
        let found_ids: Vec<String> = found.iter().map(|(_, id)| id.clone()).collect();
        assert_eq!(found_ids, refused, "{file}");
        assert_eq!(
            check.status.code(),
            Some(if refused.is_empty() { 0 } else { 1 }),
            "{file}"
        );
    }
    assert!(compared >= 8, "compared {compared} files");
}

/// A typed service is classified by its step and its service type; the
/// types used are concepts of their own scheme, with the catalogue's
/// names; an untyped service keeps the single classification it had.
#[test]
fn service_types_are_a_second_classification() {
    let document = export(&["examples/survey/ale-2024.yaml"]).expect("exported");
    let services = of_type(&document, "cpsv:PublicService");
    let bygglov = services
        .iter()
        .find(|s| s["dct:identifier"] == "bygglov")
        .unwrap();
    assert_eq!(
        bygglov["cv:isClassifiedBy"],
        json!([
            { "@id": "https://trappa.invalid/ladder/3" },
            { "@id": "https://trappa.invalid/service-type/bygglov" }
        ])
    );
    let avfall = services
        .iter()
        .find(|s| s["dct:identifier"] == "avfall")
        .unwrap();
    assert_eq!(
        avfall["cv:isClassifiedBy"],
        json!({ "@id": "https://trappa.invalid/ladder/1" })
    );
    let concepts = of_type(&document, "skos:Concept");
    let concept = concepts
        .iter()
        .find(|c| c["@id"] == "https://trappa.invalid/service-type/bygglov")
        .expect("a concept for the type");
    assert_eq!(
        concept["skos:inScheme"]["@id"],
        "https://trappa.invalid/service-type"
    );
    assert_eq!(concept["skos:prefLabel"][0]["@value"], "Ansökan om bygglov");
    assert_eq!(
        concept["skos:prefLabel"][1]["@value"],
        "Building permit application"
    );
    // One concept per type used: bygglov, felanmalan, forskoleansokan.
    let types = concepts
        .iter()
        .filter(|c| c["skos:inScheme"]["@id"] == "https://trappa.invalid/service-type")
        .count();
    assert_eq!(types, 3);

    // Untyped inventories: no scheme of service types at all.
    let untyped = export(&["examples/trelleborg-2014.yaml"]).expect("exported");
    assert!(
        !serde_json::to_string(&untyped)
            .unwrap()
            .contains("service-type")
    );
}
