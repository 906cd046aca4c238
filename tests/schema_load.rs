// Its models match patterns.
#![cfg(all(feature = "json", feature = "regex"))]
//! Runtime models loaded from JSON Schema documents (`model::dynamic::schema`): what the
//! export writes loads back; what cannot be honoured is refused with its keyword and JSON
//! pointer; the official JSON Schema Test Suite's verdicts hold for every schema that loads;
//! hostile documents are refused without a panic.

#[path = "support/server.rs"]
mod server;

#[path = "support/suite.rs"]
mod suite;
use suite::suite;

use model::dynamic::schema::{self, Loader, SchemaErrors};
use model::dynamic::{Kind, Record};
use model::{Model, Value};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;

#[derive(Model, Debug)]
struct Disk {
    #[model(range(1..=4096))]
    size_gb: u32,
    #[model(default, one_of("ssd", "hdd"))]
    kind: Option<String>,
}

/// A model whose rules all have keywords, with a nested model, maps, lists and options.
#[derive(Model)]
#[model(name = "Machine")]
struct Machine {
    /// The host name.
    #[model(length(1..=63), pattern(r"^[a-z][a-z0-9-]*$"))]
    name: String,
    #[model(range(1..=256))]
    cores: u16,
    #[model(range(0.0..1.0))]
    load: f64,
    #[model(length(1..=4))]
    disks: Vec<Disk>,
    #[model(keys(length(1..=8)), values(non_empty))]
    labels: BTreeMap<String, String>,
    boot: Option<Disk>,
    #[model(readonly)]
    id: u64,
    #[model(secret, length(8..))]
    password: String,
    #[model(default = 3)]
    retries: i8,
    #[model(prefix("v"), suffix("!"), contains("."), ascii)]
    version: String,
}

fn load(schema: &Json) -> &'static model::dynamic::RuntimeModel {
    schema::load(schema).unwrap_or_else(|e| panic!("{e}\n{schema:#}"))
}

fn refused(schema: Json) -> SchemaErrors {
    schema::load(&schema).expect_err("refused")
}

#[test]
fn the_export_of_a_compiled_model_loads_back() {
    let model = load(&Machine::json_schema());
    assert_eq!(model.name(), "Machine");
    // Properties in the order serde_json keeps them: by name.
    assert_eq!(
        model.field_names().collect::<Vec<_>>(),
        [
            "boot", "cores", "disks", "id", "labels", "load", "name", "password", "retries",
            "version"
        ]
    );
    let meta = model.meta();
    let field = |name: &str| meta.field_list().iter().find(|f| f.name() == name).unwrap();
    assert_eq!(field("name").documentation(), "The host name.");
    assert_eq!(field("cores").ty(), "uint16");
    assert_eq!(field("disks").ty(), "list<Disk>");
    assert_eq!(field("boot").ty(), "optional<Disk>");
    assert!(field("id").is_readonly());
    assert!(field("password").is_secret());
    assert!(field("retries").is_default());
    let definition = model.definition();
    let disks = &definition.field_list()[2];
    let Kind::List(item) = disks.kind() else {
        panic!("{:?}", disks.kind())
    };
    let Kind::Model(disk) = &**item else {
        panic!("{item:?}")
    };
    assert_eq!(disk.name(), "Disk");

    let good = json!({
        "name": "web-1", "cores": 4, "load": 0.5, "disks": [{"size_gb": 100}],
        "labels": {"team": "ops"}, "boot": null, "id": 7, "password": "correct horse",
        "version": "v1.2!"
    });
    let record = Record::from_json(model, &good.to_string()).unwrap();
    assert_eq!(record.get("retries").unwrap(), Value::Int(3));
    assert!(model::json::from_str::<Machine>(&good.to_string()).is_ok());

    let bad = json!({
        "name": "Web", "cores": 0, "load": 1.0, "disks": [{"size_gb": 0, "kind": "tape"}],
        "labels": {"": ""}, "boot": {"size_gb": 5000}, "id": -1, "password": "short",
        "version": "1.2", "extra": 1
    });
    let runtime = Record::from_json(model, &bad.to_string()).unwrap_err();
    let compiled = model::json::from_str::<Machine>(&bad.to_string()).unwrap_err();
    let report = |r: &model::ValidationErrors| {
        let mut all: Vec<String> = r
            .iter()
            .map(|v| format!("{} {}", v.path(), v.code()))
            .collect();
        all.sort();
        all
    };
    assert_eq!(
        report(runtime.validation_errors().unwrap()),
        report(compiled.validation_errors().unwrap())
    );
}

#[test]
fn a_model_holding_itself_cannot_be_built() {
    let error = refused(json!({
        "title": "Node", "type": "object",
        "properties": {"next": {"anyOf": [{"$ref": "#"}, {"type": "null"}]}},
        "required": []
    }));
    assert_eq!(error.as_slice()[0].pointer(), "/properties/next/anyOf/0");
    assert_eq!(error.as_slice()[0].keyword(), "$ref");

    let error = refused(json!({
        "title": "Root", "type": "object",
        "properties": {"a": {"$ref": "#/$defs/A"}}, "required": ["a"],
        "$defs": {
            "A": {"type": "object", "properties": {"b": {"$ref": "#/$defs/B"}}, "required": ["b"]},
            "B": {"type": "object", "properties": {"a": {"$ref": "#/$defs/A"}}, "required": ["a"]}
        }
    }));
    assert!(error.to_string().contains("holds itself"), "{error}");
}

#[test]
fn what_cannot_be_honoured_is_named_with_its_place() {
    let cases = [
        (
            json!({"type": "integer", "multipleOf": 3}),
            "/properties/v",
            "multipleOf",
        ),
        (
            json!({"type": "string", "format": "date-time"}),
            "/properties/v",
            "format",
        ),
        (
            json!({"type": "string", "pattern": "(?=a)"}),
            "/properties/v",
            "pattern",
        ),
        (
            json!({"type": "string", "pattern": "(a)\\1"}),
            "/properties/v",
            "pattern",
        ),
        (
            json!({"type": "string", "pattern": "[z-a]"}),
            "/properties/v",
            "pattern",
        ),
        (
            json!({"type": "string", "pattern": 5}),
            "/properties/v",
            "pattern",
        ),
        (
            json!({"type": "string", "minLength": -1}),
            "/properties/v",
            "minLength",
        ),
        (
            json!({"type": "integer", "minimum": "1"}),
            "/properties/v",
            "minimum",
        ),
        (json!({"$ref": "#/$defs/Missing"}), "/properties/v", "$ref"),
        (
            json!({"$ref": "https://example.com/schema"}),
            "/properties/v",
            "$ref",
        ),
        (
            json!({"oneOf": [{"type": "string"}]}),
            "/properties/v",
            "oneOf",
        ),
        (json!({"minLength": 2}), "/properties/v", "type"),
        (
            json!({"type": ["string", "integer"]}),
            "/properties/v",
            "type",
        ),
        (json!({"type": "array"}), "/properties/v", "items"),
        (
            json!({"type": "array", "items": {"type": "string", "uniqueItems": true}}),
            "/properties/v/items",
            "uniqueItems",
        ),
        (
            json!({"type": "object", "additionalProperties": {"type": "integer", "x-model-rules": ["check(odd)"]}}),
            "/properties/v/additionalProperties",
            "x-model-rules",
        ),
    ];
    for (property, pointer, keyword) in cases {
        let schema = json!({
            "title": "T", "type": "object", "properties": {"v": property}, "required": ["v"]
        });
        let error = refused(schema.clone());
        assert!(
            error
                .as_slice()
                .iter()
                .any(|e| e.pointer() == pointer && e.keyword() == keyword),
            "{schema}: {error}"
        );
        assert!(
            error
                .to_string()
                .contains(&format!("#{pointer}: `{keyword}`")),
            "{error}"
        );
    }
}

#[test]
fn every_problem_at_once() {
    let error = refused(json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {
            "a": {"type": "integer", "multipleOf": 3},
            "b": {"type": "string"},
            "c": {"type": ["string", "null"]}
        },
        "required": ["a", "c", "d"],
        "x-model-checks": ["fits"]
    }));
    let mut found: Vec<(&str, &str)> = error
        .as_slice()
        .iter()
        .map(|e| (e.pointer(), e.keyword()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("", "$schema"),
            ("", "title"),
            ("", "x-model-checks"),
            ("/properties/a", "multipleOf"),
            ("/properties/b", "required"),
            ("/properties/c", "required"),
            ("/required/2", "required"),
        ],
        "{error}"
    );
}

#[test]
fn model_rules_are_refused_or_skipped_on_request_never_silently() {
    let schema = server::ServerResource::json_schema();
    let error = refused(schema.clone());
    assert!(
        error.names("x-model-rules") && error.names("x-model-checks"),
        "{error}"
    );
    assert!(error.to_string().contains("`with(Percent)`"), "{error}");
    assert!(error.to_string().contains("`Self::fits_host`"), "{error}");

    let loaded = Loader::new()
        .name("LoadedServer")
        .skip_model_rules()
        .load(&schema)
        .unwrap();
    assert_eq!(loaded.model.name(), "LoadedServer");
    let skipped: Vec<String> = loaded.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped[0].starts_with("#: `x-model-checks`"), "{skipped:?}");
    assert!(
        skipped[1].starts_with("#/properties/load: `x-model-rules`"),
        "{skipped:?}"
    );
}

#[test]
fn patterns_are_read_as_ecma_262() {
    let model = load(&json!({
        "title": "P", "type": "object",
        "properties": {"v": {"type": "string", "pattern": "^\\d+\\s.$"}}, "required": ["v"]
    }));
    let accepts = |v: &str| Record::from_json(model, &json!({ "v": v }).to_string()).is_ok();
    assert!(accepts("12 x"));
    // `\d` is ASCII, `\s` is ECMA-262's list, `.` stops at `\r`.
    assert!(!accepts("١٢ x"));
    assert!(accepts("1\u{feff}x"));
    assert!(!accepts("1 \r"));

    // ECMA-262 (Unicode mode) meanings, where the `regex` crate's differ.
    let table: &[(&str, &str, bool)] = &[
        (r"^\w+$", "a_1", true),
        (r"^\w+$", "é", false),
        (r"^\W$", "é", true),
        (r"^\d$", "٣", false),
        (r"^\D$", "٣", true),
        (r"^\s$", "\u{a0}", true),
        (r"^\s$", "\u{feff}", true),
        // NEL is white space in Unicode, not in ECMA-262.
        (r"^\s$", "\u{85}", false),
        (r"^\S$", "\u{85}", true),
        (r"^.$", "\n", false),
        (r"^.$", "\u{2028}", false),
        (r"^.$", "😀", true),
        // `\b` between ASCII word characters and the rest: é is not one.
        (r"\bfoo\b", "éfooé", true),
        (r"\bfoo\b", "afoo", false),
        (r"^[\b]$", "\u{8}", true),
        (r"^[^]$", "\n", true),
        (r"[]", "anything", false),
        (r"^\cJ$", "\n", true),
        (r"^\0$", "\u{0}", true),
        (r"^[\w&&]+$", "a&", true),
        (r"^\p{Lu}\P{Lu}$", "Éé", true),
        (r"^\u00e9\u{1F600}$", "é😀", true),
        (r"^\/\-$", "/-", true),
    ];
    for (pattern, text, expected) in table {
        let model = load(&json!({
            "title": "E", "type": "object",
            "properties": {"v": {"type": "string", "pattern": pattern}}, "required": ["v"]
        }));
        let accepted = Record::from_json(model, &json!({ "v": text }).to_string()).is_ok();
        assert_eq!(accepted, *expected, "{pattern} on {text:?}");
    }
}

#[test]
fn integer_bounds_are_made_whole_and_clamped() {
    let model = load(&json!({
        "title": "B", "type": "object",
        "properties": {
            "a": {"type": "integer", "format": "uint8", "exclusiveMinimum": 1.5, "maximum": 1e300},
            "b": {"type": "integer", "minimum": 1e300},
            "c": {"type": ["integer", "null"], "maximum": -1, "format": "uint64"}
        },
        "required": ["a", "b"]
    }));
    let accepts = |doc: Json| Record::from_json(model, &doc.to_string()).is_ok();
    assert!(!accepts(json!({"a": 1, "b": 0})));
    // `b` can hold no int64: nothing is valid.
    assert!(!accepts(json!({"a": 2, "b": i64::MAX})));
    let model = load(&json!({
        "title": "C", "type": "object",
        "properties": {
            "a": {"type": "integer", "format": "uint8", "exclusiveMinimum": 1.5, "maximum": 1e300},
            "c": {"type": ["integer", "null"], "maximum": -1, "format": "uint64"}
        },
        "required": ["a"]
    }));
    let accepts = |doc: Json| Record::from_json(model, &doc.to_string()).is_ok();
    assert!(accepts(json!({"a": 2})));
    assert!(accepts(json!({"a": 255, "c": null})));
    assert!(!accepts(json!({"a": 256})));
    assert!(!accepts(json!({"a": 2, "c": 0})));
}

/// `enum` and `const` without null refuse null, whatever `type` lists: the field is not
/// nullable then, as the schema says.
#[test]
fn an_enum_without_null_refuses_null_on_a_nullable_type() {
    let model = load(&json!({
        "title": "E", "type": "object",
        "properties": {
            "e": {"type": ["string", "null"], "enum": ["a", "b"]},
            "c": {"type": ["string", "null"], "const": "a"},
            "n": {"type": ["string", "null"], "enum": ["a", null]}
        },
        "required": ["e", "c"]
    }));
    let accepts = |doc: Json| Record::from_json(model, &doc.to_string()).is_ok();
    assert!(accepts(json!({"e": "a", "c": "a", "n": null})));
    assert!(accepts(json!({"e": "a", "c": "a"})));
    assert!(!accepts(json!({"e": null, "c": "a", "n": "a"})));
    assert!(!accepts(json!({"e": "a", "c": null, "n": "a"})));
    assert!(!accepts(json!({"e": "c", "c": "a", "n": "a"})));
}

/// `format: float` keeps a number within a 32-bit float's bounds, as an `f32` field does.
#[test]
fn a_float_format_refuses_numbers_past_a_float() {
    #[derive(Debug, model::Model)]
    struct Ratio {
        #[allow(dead_code)]
        x: f32,
    }
    let model = load(&Ratio::json_schema());
    let accepts = |doc: Json| Record::from_json(model, &doc.to_string()).is_ok();
    for (doc, compiled) in [
        (json!({"x": 1.5}), true),
        (json!({"x": 3.0e38}), true),
        (json!({"x": 1.0e39}), false),
        (json!({"x": -1.0e39}), false),
    ] {
        assert_eq!(accepts(doc.clone()), compiled, "{doc}");
        assert_eq!(
            model::json::from_str::<Ratio>(&doc.to_string()).is_ok(),
            compiled,
            "{doc}"
        );
    }
}

// The official suite.

/// The JSON type of an instance, as a `type` keyword names it.
fn type_of(data: &Json) -> &'static str {
    match data {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

/// Keywords a loaded model never honours: a suite schema using one must be refused naming it.
const REFUSED: &[&str] = &[
    "multipleOf",
    "uniqueItems",
    "contains",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "patternProperties",
    "prefixItems",
    "unevaluatedItems",
    "unevaluatedProperties",
    "minContains",
    "maxContains",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$id",
    "definitions",
];

/// Every group of every suite file, its schema as the property `v` of a model with the type of
/// each instance added when the schema has none (which changes no verdict on instances of that
/// type): for each that loads, the model accepts `{"v": data}` exactly when the suite says
/// `data` is valid; for each refused, every keyword a model never honours at the top of the
/// schema is named, at `/properties/v` (one inside `not`, `if`... is behind the keyword that
/// holds it, which is named).
///
/// Out of scope, counted and skipped: `null` instances (the schema is typed by the instance,
/// and a field of type `null` has no kind), numbers with a fraction for an `integer` schema
/// (`1.0`: JSON Schema's `integer` takes them, deserialization into an integer does not, as
/// for compiled models).
///
/// Refused, each with its keyword and pointer (counted): keywords a model does not honour
/// (`multipleOf`, `oneOf`, `not`, `if`, `patternProperties`, `prefixItems`, `uniqueItems`,
/// `contains`...); keywords that do not apply to the instance's type (`pattern` on a number:
/// JSON Schema ignores them, the loader refuses rather than drop them); nested schemas without
/// `type` (a field has one kind, and there is no "any" kind), boolean schemas, `type` lists
/// other than `[T, "null"]`; references other than `#/$defs/<name>`, and `#` itself; defaults
/// that break the property's own rules; properties neither required, nullable nor defaulted.
#[test]
fn loaded_schemas_agree_with_the_official_suite() {
    let dir = suite();
    let (mut agreed, mut refusals, mut skipped, mut named) = (0, 0, 0, 0);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
    {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let groups: Vec<Json> =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for group in &groups {
            let tests = group["tests"].as_array().unwrap();
            let mut by_type: BTreeMap<&str, Vec<&Json>> = BTreeMap::new();
            for test in tests {
                by_type
                    .entry(type_of(&test["data"]))
                    .or_default()
                    .push(test);
            }
            for (ty, tests) in by_type {
                let mut property = group["schema"].clone();
                if let Json::Object(node) = &mut property {
                    node.remove("$schema");
                    if !node.contains_key("type") && !node.contains_key("$ref") {
                        let ty = if ty == "number" && tests.iter().all(|t| t["data"].is_i64()) {
                            "integer"
                        } else {
                            ty
                        };
                        node.insert("type".into(), ty.into());
                    }
                }
                // `$defs` of the suite's schema move to the document's root.
                let defs = property.as_object_mut().and_then(|n| n.remove("$defs"));
                let mut document = json!({
                    "title": "Suite", "type": "object",
                    "properties": {"v": property}, "required": ["v"], "additionalProperties": false
                });
                if let Some(defs) = defs {
                    document["$defs"] = defs;
                }
                let model = match schema::load(&document) {
                    Ok(model) => model,
                    Err(error) => {
                        assert!(error.as_slice().iter().all(|e| !e.message().is_empty()));
                        // A keyword the loader never honours, at the top of the suite's
                        // schema, is named (as where it stands: `/properties/v`).
                        let top = group["schema"].as_object().into_iter().flatten();
                        for (keyword, _) in top {
                            if REFUSED.contains(&keyword.as_str()) {
                                assert!(
                                    error.as_slice().iter().any(|e| e.keyword() == keyword
                                        && e.pointer() == "/properties/v"),
                                    "{name} / {}: uses `{keyword}`, refused with {error}",
                                    group["description"]
                                );
                                named += 1;
                            }
                        }
                        refusals += 1;
                        if std::env::var_os("SUITE_VERBOSE").is_some() {
                            println!(
                                "REFUSED {name} / {} ({ty}): {}",
                                group["description"],
                                error.as_slice()[0]
                            );
                        }
                        continue;
                    }
                };
                for test in tests {
                    let data = &test["data"];
                    if data.is_null() || (data.is_f64() && property_is_integer(&document)) {
                        skipped += 1;
                        continue;
                    }
                    let accepted =
                        Record::from_json(model, &json!({ "v": data }).to_string()).is_ok();
                    assert_eq!(
                        accepted,
                        test["valid"].as_bool().unwrap(),
                        "{name} / {} / {}: {data}\nschema: {document}",
                        group["description"],
                        test["description"]
                    );
                    agreed += 1;
                }
            }
        }
    }
    println!(
        "suite: {agreed} instances agree, {refusals} schemas refused ({named} keywords named), \
         {skipped} instances out of scope"
    );
    assert!(named >= 20, "{named}");
    assert!(agreed >= 130, "{agreed}");
}

fn property_is_integer(document: &Json) -> bool {
    document["properties"]["v"]["type"] == "integer"
}

// Hostile documents.

/// A schema of a few levels: known keywords with values of any type, unknown ones, `$ref`s.
fn hostile() -> impl Strategy<Value = Json> {
    let keyword = prop::sample::select(vec![
        "type",
        "format",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "minLength",
        "maxLength",
        "pattern",
        "items",
        "additionalProperties",
        "propertyNames",
        "properties",
        "required",
        "enum",
        "const",
        "anyOf",
        "allOf",
        "$ref",
        "default",
        "readOnly",
        "writeOnly",
        "x-model-rules",
        "$defs",
        "title",
        "minItems",
        "minProperties",
        "multipleOf",
    ]);
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(Json::from),
        any::<u64>().prop_map(Json::from),
        any::<f64>().prop_map(Json::from),
        prop::sample::select(vec![
            "object",
            "string",
            "integer",
            "number",
            "array",
            "boolean",
            "null",
            "int8",
            "uint64",
            "email",
            "#",
            "#/$defs/A",
            "#/$defs/",
            "(?=x)",
            "[",
            "\\",
            "^a$",
            "a{99999}",
        ])
        .prop_map(Json::from),
    ];
    leaf.prop_recursive(6, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
            prop::collection::vec((keyword.clone(), inner), 0..6).prop_map(|entries| {
                Json::Object(
                    entries
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect(),
                )
            }),
        ]
    })
}

/// Mutations of a valid schema: a keyword's value replaced by anything.
fn mutated() -> impl Strategy<Value = Json> {
    let base = Machine::json_schema();
    (prop::collection::vec((any::<prop::sample::Index>(), hostile()), 1..4)).prop_map(
        move |changes| {
            let mut schema = base.clone();
            for (index, value) in changes {
                let mut pointers = Vec::new();
                pointers_of(&schema, String::new(), &mut pointers);
                let pointer = index.get(&pointers).clone();
                if let Some(slot) = schema.pointer_mut(&pointer) {
                    *slot = value;
                }
            }
            schema
        },
    )
}

fn pointers_of(json: &Json, at: String, out: &mut Vec<String>) {
    match json {
        Json::Object(map) => {
            for (k, v) in map {
                pointers_of(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers_of(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

#[test]
fn hostile_schemas_are_refused_or_loaded_never_a_panic() {
    let mut runner = TestRunner::new(Config {
        cases: 4000,
        failure_persistence: None,
        ..Config::default()
    });
    let schemas = prop_oneof![hostile(), mutated()];
    runner
        .run(&schemas, |schema| {
            match schema::load(&schema) {
                Ok(model) => {
                    // A loaded model reads documents as any other.
                    let _ = Record::from_json(model, "{}");
                }
                Err(errors) => {
                    prop_assert!(!errors.as_slice().is_empty());
                    for error in errors.as_slice() {
                        prop_assert!(!error.message().is_empty());
                        prop_assert!(
                            error.pointer().is_empty() || error.pointer().starts_with('/')
                        );
                        prop_assert!(
                            error.pointer().is_empty() || schema.pointer(error.pointer()).is_some(),
                            "{} in {}",
                            error,
                            schema
                        );
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn deep_nesting_is_refused() {
    let mut items = json!({"type": "string"});
    for _ in 0..100 {
        items = json!({"type": "array", "items": items});
    }
    let error = refused(
        json!({"title": "D", "type": "object", "properties": {"v": items}, "required": ["v"]}),
    );
    assert!(error.to_string().contains("nest deeper than 64"), "{error}");
}

#[test]
fn a_loaded_model_exports_the_schema_it_was_loaded_from() {
    let schema = Machine::json_schema();
    let loaded = load(&schema);
    // The runtime model's own export (its metadata as the compiled model's), loaded again.
    let again = load(&loaded.json_schema());
    assert_eq!(loaded.json_schema(), again.json_schema());
    // The same schema, but for the order of `required`: the loaded fields come by name, as
    // `serde_json::Value` keeps the properties.
    assert_eq!(
        sorted_required(loaded.json_schema()),
        sorted_required(schema)
    );
}

fn sorted_required(mut schema: Json) -> Json {
    match &mut schema {
        Json::Object(node) => {
            for (key, value) in node.iter_mut() {
                match (key.as_str(), value) {
                    ("required", Json::Array(names)) => names.sort_by_key(ToString::to_string),
                    (_, value) => *value = sorted_required(value.take()),
                }
            }
        }
        Json::Array(items) => {
            for item in items.iter_mut() {
                *item = sorted_required(item.take());
            }
        }
        _ => {}
    }
    schema
}

#[test]
fn text_keeps_the_order_of_its_properties() {
    let text = r##"{
        "title": "Ordered", "type": "object",
        "properties": {
            "zeta": {"type": "string"},
            "alpha": {"$ref": "#/$defs/Inner"},
            "mid": {"type": "integer", "default": 1}
        },
        "required": ["zeta", "alpha"],
        "$defs": {"Inner": {"type": "object", "properties": {"y": {"type": "boolean"}, "x": {"type": "boolean"}}, "required": ["y", "x"]}}
    }"##;
    let model = Loader::new().load_str(text).unwrap().model;
    assert_eq!(
        model.field_names().collect::<Vec<_>>(),
        ["zeta", "alpha", "mid"]
    );
    let inner = &model.definition().field_list()[1];
    let Kind::Model(inner) = inner.kind() else {
        panic!("{:?}", inner.kind())
    };
    assert_eq!(inner.field_names().collect::<Vec<_>>(), ["y", "x"]);
    let error = Loader::new().load_str("{").unwrap_err();
    assert!(error.to_string().starts_with("#: not JSON: EOF"), "{error}");
}

#[test]
fn computed_fields_and_rules_on_nested_models() {
    #[derive(Model, Debug)]
    struct Part {
        #[model(length(1..))]
        id: String,
    }

    fn known(_: &Part) -> Result<(), model::Error> {
        Ok(())
    }

    #[derive(Model, Debug)]
    #[model(computed(count: u64 = Self::count))]
    struct Assembly {
        #[model(nested, check = known)]
        main: Part,
        #[model(nested)]
        spare: Option<Part>,
    }

    impl Assembly {
        fn count(&self) -> u64 {
            1 + u64::from(self.spare.is_some())
        }
    }

    let schema = Assembly::json_schema();
    let error = refused(schema.clone());
    let found: Vec<(&str, &str)> = error
        .as_slice()
        .iter()
        .map(|e| (e.pointer(), e.keyword()))
        .collect();
    assert_eq!(
        found,
        [
            ("/properties/count", "readOnly"),
            ("/properties/main", "x-model-rules")
        ],
        "{error}"
    );
    assert!(error.to_string().contains("computed field"), "{error}");
}

#[test]
fn a_long_chain_of_definitions_is_refused_not_followed_forever() {
    let mut defs = serde_json::Map::new();
    for i in 0..200 {
        defs.insert(
            format!("M{i}"),
            json!({"type": "object", "properties": {"next": {"$ref": format!("#/$defs/M{}", i + 1)}}, "required": ["next"]}),
        );
    }
    defs.insert("M200".into(), json!({"type": "object", "properties": {}}));
    let error = refused(json!({
        "title": "Chain", "type": "object",
        "properties": {"first": {"$ref": "#/$defs/M0"}}, "required": ["first"],
        "$defs": defs
    }));
    assert!(error.to_string().contains("nest deeper than 64"), "{error}");
}

#[test]
fn additional_properties_of_any_value_beside_properties_are_ignored_keys() {
    let model = load(&json!({
        "title": "Open", "type": "object",
        "properties": {"a": {"type": "integer"}}, "required": ["a"],
        "additionalProperties": {}
    }));
    assert!(model.allows_unknown_fields());
    assert!(Record::from_json(model, r#"{"a": 1, "b": [null]}"#).is_ok());
    // Without properties, the same keyword makes a map of any values.
    let model = load(&json!({
        "title": "Bag", "type": "object",
        "properties": {"m": {"type": "object", "additionalProperties": {}, "maxProperties": 1}},
        "required": ["m"]
    }));
    assert_eq!(model.meta().field_list()[0].ty(), "map<any>");
    assert!(Record::from_json(model, r#"{"m": {"x": {"y": 1}}}"#).is_ok());
    assert!(Record::from_json(model, r#"{"m": {"x": 1, "y": 2}}"#).is_err());
}
