//! The JSON Schemas: the committed copies equal what `trappa schema` prints,
//! they are valid draft-07 with a description on every key, a real validator
//! (the `jsonschema` crate) accepts every example and rejects the structural
//! mistakes of examples/broken.yaml, and their keys are exactly the keys the
//! decoder knows, so the two can never drift apart.

use crate::helpers::root;
use jsonschema::Validator;
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use trappa::inventory::decode;
use trappa::inventory::load::{self, Node};
use trappa::schema;

fn committed(name: &str) -> String {
    std::fs::read_to_string(root().join(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"))
}

#[test]
fn committed_inventory_schema_is_the_generated_one() {
    assert!(
        committed("trappa.schema.json") == schema::to_text(&schema::inventory()),
        "trappa.schema.json is stale: run `cargo run -- schema -o trappa.schema.json` and commit it"
    );
}

#[test]
fn committed_targets_schema_is_the_generated_one() {
    assert!(
        committed("trappa-targets.schema.json") == schema::to_text(&schema::targets()),
        "trappa-targets.schema.json is stale: run `cargo run -- schema --targets -o trappa-targets.schema.json` and commit it"
    );
}

#[test]
fn schemas_are_valid_draft_07() {
    for schema in [schema::inventory(), schema::targets()] {
        assert_eq!(
            schema["$schema"], "http://json-schema.org/draft-07/schema#",
            "yaml-language-server supports draft-07 fully"
        );
        jsonschema::meta::validate(&schema).expect("a valid draft-07 schema");
    }
}

/// Every subschema of `schema` that describes an object, with where it is.
fn objects<'a>(at: String, schema: &'a Value, found: &mut Vec<(String, &'a Map<String, Value>)>) {
    let Value::Object(object) = schema else {
        return;
    };
    if object.contains_key("properties") {
        found.push((at.clone(), object));
    }
    for key in ["properties", "definitions"] {
        if let Some(Value::Object(children)) = object.get(key) {
            for (name, child) in children {
                objects(format!("{at}/{key}/{name}"), child, found);
            }
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(children)) = object.get(key) {
            for (i, child) in children.iter().enumerate() {
                objects(format!("{at}/{key}/{i}"), child, found);
            }
        }
    }
    if let Some(items) = object.get("items") {
        objects(format!("{at}/items"), items, found);
    }
}

#[test]
fn every_key_has_a_description_and_unknown_keys_are_refused() {
    for schema in [schema::inventory(), schema::targets()] {
        let mut found = Vec::new();
        objects(String::new(), &schema, &mut found);
        assert!(found.len() >= 3, "the schema has its sections");
        for (at, object) in found {
            assert_eq!(
                object.get("additionalProperties"),
                Some(&Value::Bool(false)),
                "{at} must refuse unknown keys, as the decoder does"
            );
            for (key, property) in object["properties"].as_object().unwrap() {
                let description = property["description"].as_str().unwrap_or_default();
                assert!(
                    description.len() > 10,
                    "{at}/properties/{key} needs a description for editors"
                );
            }
        }
    }
}

#[test]
fn closed_vocabularies_are_listed() {
    let schema = schema::inventory();
    let evidence = &schema["definitions"]["Evidence"]["properties"];
    assert_eq!(
        evidence["submission"]["enum"],
        serde_json::json!(["none", "offline", "online"])
    );
    assert_eq!(
        evidence["decision"]["enum"],
        serde_json::json!(["post", "email", "portal", "digital_mailbox"])
    );
    assert_eq!(
        schema["definitions"]["Service"]["properties"]["target_step"]["enum"],
        serde_json::json!([
            "information",
            "interaction",
            "interaktion",
            "transaction",
            "transaktion",
            "integration",
            1,
            2,
            3,
            4
        ])
    );
    let targets = schema::targets();
    let indicator = &targets["definitions"]["Target"]["properties"]["indicator"]["enum"];
    assert!(
        indicator
            .as_array()
            .unwrap()
            .contains(&"transaction_share".into())
    );
    assert_eq!(targets["properties"]["trappa-targets"]["const"], 1);
    assert_eq!(schema["properties"]["trappa"]["const"], 1);
}

// ---------------------------------------------------------------------------
// The schema and the decoder know the same keys.

fn keys(schema: &Value) -> BTreeSet<String> {
    schema["properties"]
        .as_object()
        .expect("an object schema")
        .keys()
        .cloned()
        .collect()
}

fn set(keys: &[&str]) -> BTreeSet<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

#[test]
fn inventory_schema_keys_are_the_decoders_keys() {
    let schema = schema::inventory();
    let definition = |name: &str| &schema["definitions"][name];
    assert_eq!(keys(&schema), set(decode::inventory::ROOT_KEYS));
    assert_eq!(
        keys(definition("Organisation")),
        set(decode::inventory::ORGANISATION_KEYS)
    );
    assert_eq!(
        keys(definition("Department")),
        set(decode::inventory::DEPARTMENT_KEYS)
    );
    assert_eq!(
        keys(definition("Service")),
        set(decode::inventory::SERVICE_KEYS)
    );
    assert_eq!(
        keys(definition("Evidence")),
        set(decode::inventory::EVIDENCE_KEYS)
    );
    assert_eq!(
        keys(definition("Access")),
        set(decode::inventory::ACCESS_KEYS)
    );
    assert_eq!(
        keys(definition("Volumes")),
        set(decode::inventory::VOLUME_KEYS)
    );
}

#[test]
fn targets_schema_keys_are_the_decoders_keys() {
    let schema = schema::targets();
    assert_eq!(keys(&schema), set(decode::targets::ROOT_KEYS));
    assert_eq!(
        keys(&schema["definitions"]["Target"]),
        set(decode::targets::TARGET_KEYS)
    );
    assert_eq!(
        keys(&schema["definitions"]["Baseline"]),
        set(decode::targets::BASELINE_KEYS)
    );
}

// ---------------------------------------------------------------------------
// The examples, through a real validator.

/// The YAML as trappa reads it (YAML 1.2, strict booleans), as JSON. A
/// repeated key keeps its first value: the decoder reports the repetition.
fn to_json(node: &Node) -> Value {
    use load::Value as Y;
    match &node.value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(*b),
        Y::Int(i) => i64::try_from(*i).map_or_else(|_| Value::from(*i as f64), Value::from),
        Y::Float(f) => Value::from(*f),
        Y::Str { text, .. } => Value::String(text.clone()),
        Y::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Y::Map(entries) => {
            let mut object = Map::new();
            for (key, value) in entries {
                let key = key.scalar_text().unwrap_or_default().to_string();
                object.entry(key).or_insert_with(|| to_json(value));
            }
            Value::Object(object)
        }
    }
}

fn examples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples/")
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "the examples are found");
    paths
}

struct Example {
    name: String,
    first_line: String,
    document: Value,
}

fn read_example(path: &Path) -> Example {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let root = load::parse(&name, &text).unwrap_or_else(|d| panic!("{name}: {:?}", d.message));
    Example {
        first_line: text.lines().next().unwrap_or_default().to_string(),
        document: to_json(&root),
        name,
    }
}

fn validator(targets: bool) -> Validator {
    let schema = if targets {
        schema::targets()
    } else {
        schema::inventory()
    };
    jsonschema::draft7::new(&schema).expect("the schema compiles")
}

/// (where in the document, which schema keyword) for every error.
fn errors(validator: &Validator, document: &Value) -> BTreeSet<(String, String)> {
    validator
        .iter_errors(document)
        .map(|e| {
            let keyword = e.schema_path().as_str().rsplit('/').next().unwrap_or("");
            (e.instance_path().as_str().to_string(), keyword.to_string())
        })
        .collect()
}

#[test]
fn every_example_names_its_schema_on_the_first_line() {
    for path in examples() {
        let example = read_example(&path);
        let schema = if example.document.get("trappa-targets").is_some() {
            "trappa-targets.schema.json"
        } else {
            "trappa.schema.json"
        };
        assert_eq!(
            example.first_line,
            format!("# yaml-language-server: $schema=../{schema}"),
            "{}: the first line tells editors which schema to use",
            example.name
        );
    }
}

#[test]
fn every_example_but_the_broken_one_is_valid() {
    let (inventory, targets) = (validator(false), validator(true));
    let mut checked = 0;
    for path in examples() {
        let example = read_example(&path);
        if example.name == "broken.yaml" {
            continue;
        }
        let validator = if example.document.get("trappa-targets").is_some() {
            &targets
        } else {
            &inventory
        };
        let found = errors(validator, &example.document);
        assert!(found.is_empty(), "{}: {found:?}", example.name);
        checked += 1;
    }
    assert!(checked >= 5);
}

#[test]
fn the_broken_example_is_rejected_for_its_structural_mistakes() {
    let example = read_example(&root().join("examples/broken.yaml"));
    let found = errors(&validator(false), &example.document);
    let expected: BTreeSet<(String, String)> = [
        ("/organisation/code", "type"),             // code: 9999 unquoted
        ("/services/2/url", "pattern"),             // ftp://
        ("/services/3/evidence/anonymous", "type"), // anonymous: yes
        ("/services/4", "additionalProperties"),    // evidense
        ("/services/4/access/hours", "enum"),       // allways
        ("/services/7", "required"),                // a service without an id
    ]
    .into_iter()
    .map(|(at, keyword)| (at.to_string(), keyword.to_string()))
    .collect();
    // The rest of broken.yaml (duplicate ids and keys, unknown departments,
    // contradictions, declared steps) is `trappa check`'s alone.
    assert_eq!(found, expected);
}

#[test]
fn targets_mistakes_are_rejected() {
    let text = "trappa-targets: 1\ntargets:\n  - indicator: transaction_shar\n    target: 0.5\n    by: 1999\n    direction: upp\n    baseline: { year: 2013 }\n";
    let root = load::parse("t.yaml", text).unwrap();
    let found = errors(&validator(true), &to_json(&root));
    let expected: BTreeSet<(String, String)> = [
        ("/targets/0/indicator", "enum"),
        ("/targets/0/by", "minimum"),
        ("/targets/0/direction", "oneOf"),
        ("/targets/0/baseline", "required"),
    ]
    .into_iter()
    .map(|(at, keyword)| (at.to_string(), keyword.to_string()))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn the_starter_inventory_is_valid() {
    for starter in [
        trappa::starter::Starter {
            name: None,
            code: None,
            year: 2025,
        },
        trappa::starter::Starter {
            name: Some("Trelleborgs kommun".into()),
            code: Some("1287".into()),
            year: 2025,
        },
    ] {
        let text = trappa::starter::inventory(&starter);
        let root = load::parse("starter.yaml", &text).unwrap();
        let found = errors(&validator(false), &to_json(&root));
        assert!(found.is_empty(), "{found:?}");
        assert!(text.starts_with("# yaml-language-server: $schema=trappa.schema.json\n"));
    }
}
