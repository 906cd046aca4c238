//! The JSON Schema of the provisioning sample: one document for every registered model, each
//! told by its `"type"` key, so that any JSON Schema tool can check a file of resources.
//!
//! ```sh
//! cargo run --example schema                   # the schema of one resource
//! cargo run --example schema -- --list         # the schema of a file: a list of resources
//! ```
//!
//! The schema is made at run time from the models' metadata: the same rules that validate
//! them. What it cannot say (the struct checks `fits_host` and `within_quota`) is named in its
//! `x-model-checks` keywords.

mod resources;

fn main() {
    let resource = model::schema::registry_schema(model::registry(), "type");
    let schema = if std::env::args().any(|arg| arg == "--list") {
        list(resource)
    } else {
        resource
    };
    match serde_json::to_string_pretty(&schema) {
        Ok(text) => println!("{text}"),
        Err(error) => eprintln!("cannot print the schema: {error}"),
    }
}

/// The schema of a list of resources: the resource's schema as `items`, its `$defs` kept at
/// the top.
fn list(mut resource: serde_json::Value) -> serde_json::Value {
    let defs = resource.as_object_mut().and_then(|r| r.remove("$defs"));
    let dialect = resource.as_object_mut().and_then(|r| r.remove("$schema"));
    let mut out = serde_json::json!({ "$schema": dialect, "type": "array", "items": resource });
    if let Some(defs) = defs {
        out["$defs"] = defs;
    }
    out
}
