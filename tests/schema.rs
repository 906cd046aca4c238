// Its models match patterns.
#![cfg(all(feature = "json", feature = "regex"))]
//! `Model::json_schema` and the registry's schema: what each option and rule becomes, and that
//! every schema is a valid draft 2020-12 schema.

#[path = "../examples/resources/mod.rs"]
mod resources;

use model::{Error, Model, Registry};
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;

fn even(value: &i64) -> Result<(), Error> {
    if value % 2 == 0 {
        Ok(())
    } else {
        Err(Error::new("even", "must be even"))
    }
}

/// A disk.
#[derive(Model, Debug)]
#[model(rename_all = "camelCase")]
struct Disk {
    /// Size in GiB.
    #[model(range(1..=16384))]
    size_gb: u32,
    #[model(one_of("ssd", "hdd"), default = "ssd".to_string())]
    kind: String,
}

/// A machine with every kind of field.
#[derive(Model)]
#[model(check = Self::sane, computed(label: String = Self::label, secret = false))]
struct Machine {
    /// The host name.
    #[model(length(1..=63), prefix("vm-"), ascii)]
    name: String,
    #[model(readonly, positive)]
    id: u64,
    #[model(default = 0.5, range(0.0..1.0))]
    share: f64,
    #[model(length(..=4), each(non_empty, suffix(".io")))]
    domains: Vec<String>,
    #[model(keys(alphanumeric), values(range(..=100)))]
    limits: BTreeMap<String, i32>,
    #[model(secret, length(bytes = 8..=64))]
    password: String,
    #[model(check = even)]
    replicas: i64,
    #[model(nested, length(1..))]
    disks: Vec<Disk>,
    #[model(nested)]
    boot: Option<Disk>,
    #[model(pattern("^[a-z]+$"))]
    note: Option<String>,
    #[model(rename = "byte")]
    small: u8,
    letter: char,
}

impl Machine {
    fn sane(&self) -> Result<(), Error> {
        Ok(())
    }
    fn label(&self) -> String {
        self.name.clone()
    }
}

#[test]
fn every_option_and_rule_has_its_keyword() {
    let schema = Machine::json_schema();
    let expected = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Machine",
        "description": "A machine with every kind of field.",
        "type": "object",
        "properties": {
            "name": {
                "description": "The host name.",
                "type": "string", "minLength": 1, "maxLength": 63,
                "pattern": "^vm-", "allOf": [{"pattern": "^[\\x00-\\x7F]*$"}]
            },
            "id": {"type": "integer", "format": "uint64", "minimum": 0, "exclusiveMinimum": 0, "readOnly": true},
            "share": {"type": "number", "format": "double", "minimum": 0.0, "exclusiveMaximum": 1.0, "default": 0.5},
            "domains": {
                "type": "array", "maxItems": 4,
                "items": {"type": "string", "minLength": 1, "pattern": "\\.io$"}
            },
            "limits": {
                "type": "object",
                "propertyNames": {"type": "string", "pattern": "^[\\p{Alphabetic}\\p{N}]*$"},
                "additionalProperties": {"type": "integer", "format": "int32", "minimum": -2147483648, "maximum": 100}
            },
            "password": {"type": "string", "writeOnly": true, "format": "password", "x-model-rules": ["length(bytes = 8..=64)"]},
            "replicas": {"type": "integer", "format": "int64", "x-model-rules": ["check(even)"]},
            "disks": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/Disk"}},
            "boot": {"anyOf": [{"$ref": "#/$defs/Disk"}, {"type": "null"}]},
            "note": {"type": ["string", "null"], "pattern": "^[a-z]+$"},
            "byte": {"type": "integer", "format": "uint8", "minimum": 0, "maximum": 255},
            "letter": {"type": "string", "minLength": 1, "maxLength": 1},
            "label": {"type": "string", "readOnly": true}
        },
        "required": ["name", "id", "domains", "limits", "password", "replicas", "disks", "byte", "letter"],
        "additionalProperties": false,
        "x-model-checks": ["Self::sane"],
        "$defs": {
            "Disk": {
                "title": "Disk",
                "description": "A disk.",
                "type": "object",
                "properties": {
                    "sizeGb": {"description": "Size in GiB.", "type": "integer", "format": "uint32", "minimum": 1, "maximum": 16384},
                    "kind": {"type": "string", "enum": ["ssd", "hdd"], "default": "ssd"}
                },
                "required": ["sizeGb"],
                "additionalProperties": false
            }
        }
    });
    assert_eq!(
        schema,
        expected,
        "{}",
        serde_json::to_string_pretty(&schema).unwrap()
    );
    jsonschema::meta::validate(&schema).unwrap();
}

/// A tree: a model that holds itself refers to the document's root.
#[derive(Model, Debug)]
#[model(allow_unknown_fields)]
struct Tree {
    #[model(nested)]
    children: Vec<Tree>,
    #[model(each(each(range(0..10))))]
    grid: Vec<Vec<u8>>,
}

#[test]
fn a_model_that_holds_itself_refers_to_the_root() {
    let schema = Tree::json_schema();
    assert_eq!(
        schema["properties"]["children"]["items"],
        json!({"$ref": "#"})
    );
    assert!(schema.get("$defs").is_none());
    assert!(schema.get("additionalProperties").is_none());
    assert_eq!(
        schema["properties"]["grid"]["items"]["items"],
        json!({"type": "integer", "format": "uint8", "minimum": 0, "maximum": 255, "exclusiveMaximum": 10})
    );
    jsonschema::meta::validate(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let deep = json!({"children": [{"children": [], "grid": [[1, 2]]}], "grid": [], "extra": 1});
    assert!(validator.is_valid(&deep));
    assert!(serde_json::from_value::<Tree>(deep).is_ok());
    let bad = json!({"children": [{"children": [], "grid": [[10]]}], "grid": []});
    assert!(!validator.is_valid(&bad));
    assert!(serde_json::from_value::<Tree>(bad).is_err());
}

/// The provision sample, checked by the registry's schema, agrees with the models on every
/// resource but the one that only a struct check refuses.
#[test]
fn the_registry_schema_checks_the_provision_sample() {
    let registry = Registry::new()
        .with::<resources::Server>()
        .with::<resources::Bucket>()
        .with::<resources::Network>();
    let schema = model::schema::registry_schema(&registry, "type");
    jsonschema::meta::validate(&schema).unwrap();
    let branches = schema["oneOf"].as_array().unwrap();
    let titles: Vec<&str> = branches
        .iter()
        .map(|b| b["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Bucket", "Network", "Server"]);
    assert_eq!(
        branches[0]["properties"]["type"],
        json!({"const": "Bucket"})
    );
    assert_eq!(branches[0]["x-model-checks"], json!(["Self::within_quota"]));

    let validator = jsonschema::validator_for(&schema).unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/resources.json"
    ))
    .unwrap();
    let items: Vec<Json> = serde_json::from_str(&text).unwrap();
    let mut verdicts = Vec::new();
    for item in &items {
        let by_schema = validator.is_valid(item);
        let by_model = registry.from_json(&item.to_string()).is_ok();
        verdicts.push((
            item["name"].as_str().unwrap().to_owned(),
            by_schema,
            by_model,
        ));
    }
    let expected: Vec<(String, bool, bool)> = [
        ("web-1", true, true),
        ("db-1", false, false),
        ("uploads", true, true),
        // 25 of a quota of 10: `within_quota`, a struct check, in `x-model-checks`.
        ("logs", true, false),
        ("backbone", true, true),
        ("lab", false, false),
        ("typo", false, false),
        ("cache-1", false, false),
        // A missing field and a string where a number belongs: structural, caught by both.
        ("backups", false, false),
        ("dmz", false, false),
        // `Queue` is loaded from `examples/data/kinds` by `provision`; it is in neither here.
        ("jobs", false, false),
        ("Events", false, false),
    ]
    .into_iter()
    .map(|(name, a, b)| (name.to_owned(), a, b))
    .collect();
    assert_eq!(verdicts, expected);
}

/// A generic model: the field of a type parameter has no known shape, and constrains nothing.
#[derive(Model, Debug)]
struct Labelled<T> {
    #[model(length(1..=8))]
    label: String,
    value: T,
}

#[test]
fn a_type_parameter_is_any_value() {
    let schema = Labelled::<u8>::json_schema();
    assert_eq!(schema["properties"]["value"], json!({}));
    assert_eq!(schema["required"], json!(["label", "value"]));
}

#[test]
fn the_metadata_behind_the_schema() {
    let meta = Machine::meta();
    let share = meta.field("share").unwrap();
    assert_eq!(share.default(), Some(model::Value::Float(0.5)));
    assert!(matches!(
        share.data_shape(),
        model::Shape::Float { format: "double" }
    ));
    // A secret's default stays out of the metadata.
    assert!(meta.field("password").unwrap().default().is_none());
    assert!(matches!(
        meta.field("boot").unwrap().data_shape(),
        model::Shape::Optional(model::Shape::Object(_))
    ));
    assert!(!meta.allows_unknown_fields());
    assert!(Tree::meta().allows_unknown_fields());
    let domains = meta.field("domains").unwrap().rule_list();
    assert_eq!(domains[0].path(), []);
    assert_eq!(domains[1].path(), [model::Target::Each]);
    let grid = Tree::meta().field("grid").unwrap().rule_list();
    assert_eq!(grid[0].path(), [model::Target::Each, model::Target::Each]);
}

#[cfg(all(feature = "email", feature = "url"))]
#[derive(Model, Debug)]
struct Contact {
    #[model(email)]
    mail: String,
    #[model(url)]
    site: Option<String>,
}

/// `email` and `url` are formats: a validator asked to check formats agrees on plain cases
/// (their definitions of an address differ at the edges; see `model::schema`).
#[cfg(all(feature = "email", feature = "url"))]
#[test]
fn email_and_url_are_formats() {
    let schema = Contact::json_schema();
    assert_eq!(
        schema["properties"]["mail"],
        json!({"type": "string", "format": "email"})
    );
    assert_eq!(
        schema["properties"]["site"],
        json!({"type": ["string", "null"], "format": "uri"})
    );
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    for (mail, site) in [
        ("ops@example.com", Json::Null),
        ("ops@example.com", json!("https://example.com/a?b=c")),
        ("ops", Json::Null),
        ("ops@example.com", json!("not a url")),
        ("@example.com", Json::Null),
        ("ops@example.com", json!("/relative")),
    ] {
        let document = json!({"mail": mail, "site": site});
        let by_model = serde_json::from_value::<Contact>(document.clone()).is_ok();
        assert_eq!(by_model, validator.is_valid(&document), "{document}");
    }
}
