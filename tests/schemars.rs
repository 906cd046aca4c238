#![cfg(feature = "schemars")]
//! Feature `schemars`: every model implements `schemars::JsonSchema` with the schema of
//! `Model::json_schema`, so that tools built on schemars (OpenAPI generators among them) pick
//! models up, nested models and all.

use model::Model;
use schemars::{schema_for, JsonSchema};
use serde_json::json;

/// A disk.
#[derive(Model, Debug)]
struct Disk {
    #[model(range(1..=16384))]
    size_gb: u32,
}

/// A server with disks.
#[derive(Model, Debug)]
#[model(name = "Server")]
struct ServerResource {
    #[model(length(1..=64))]
    name: String,
    #[model(nested, length(1..=8))]
    disks: Vec<Disk>,
}

/// A tree of models.
#[derive(Model, Debug)]
struct Tree {
    #[model(nested)]
    children: Vec<Tree>,
}

/// A request body of an API, written with schemars' own derive, that holds a model.
#[derive(JsonSchema, serde::Deserialize)]
#[allow(dead_code)]
struct CreateServers {
    servers: Vec<ServerResource>,
    dry_run: bool,
}

#[test]
fn schema_for_gives_the_models_own_schema() {
    let by_schemars = serde_json::to_value(schema_for!(ServerResource)).unwrap();
    // Both traits name their function `json_schema`: with both in scope, say which.
    assert_eq!(by_schemars, <ServerResource as Model>::json_schema());
    assert_eq!(ServerResource::schema_name(), "Server");
}

#[test]
fn a_schemars_type_holding_models_refers_to_their_definitions() {
    let schema = serde_json::to_value(schema_for!(CreateServers)).unwrap();
    assert_eq!(
        schema["properties"]["servers"],
        json!({"type": "array", "items": {"$ref": "#/$defs/Server"}})
    );
    assert_eq!(
        schema["$defs"]["Server"]["properties"]["disks"]["items"],
        json!({"$ref": "#/$defs/Disk"})
    );
    assert_eq!(
        schema["$defs"]["Disk"]["properties"]["size_gb"],
        json!({"type": "integer", "format": "uint32", "minimum": 1, "maximum": 16384})
    );
    jsonschema::meta::validate(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let good = json!({"servers": [{"name": "a", "disks": [{"size_gb": 1}]}], "dry_run": true});
    let bad = json!({"servers": [{"name": "a", "disks": [{"size_gb": 0}]}], "dry_run": true});
    assert!(validator.is_valid(&good));
    assert!(!validator.is_valid(&bad));
}

#[test]
fn a_model_holding_itself_refers_to_its_definition_in_schemars() {
    let schema = serde_json::to_value(schema_for!(Tree)).unwrap();
    assert_eq!(
        schema["properties"]["children"]["items"],
        json!({"$ref": "#/$defs/Tree"})
    );
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&json!({"children": [{"children": []}]})));
    assert!(!validator.is_valid(&json!({"children": [{"children": [], "x": 1}]})));
}

/// Other settings put the definitions elsewhere; the references follow.
#[test]
fn references_follow_the_generators_definitions_path() {
    let generator = schemars::generate::SchemaSettings::openapi3().into_generator();
    let schema = serde_json::to_value(generator.into_root_schema_for::<ServerResource>()).unwrap();
    assert_eq!(
        schema["properties"]["disks"]["items"],
        json!({"$ref": "#/components/schemas/Disk"})
    );
}
