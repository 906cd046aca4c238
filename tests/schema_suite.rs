// Its models match patterns.
#![cfg(all(feature = "json", feature = "regex"))]
//! The keywords a model's schema uses, against the official JSON Schema Test Suite (draft
//! 2020-12): for each test group whose schema a model's rule writes, the model's schema holds
//! the group's keywords, and the model accepts exactly the group's valid instances of its type.
//!
//! The suite's files for these keywords are kept in `tests/json-schema-test-suite` (with the
//! suite's license); `JSON_SCHEMA_TEST_SUITE` points the test at another copy.

#[path = "support/suite.rs"]
mod suite;
use suite::suite;

use model::Model;
use serde::de::DeserializeOwned;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;

#[derive(Model, Debug)]
struct MinLength {
    #[model(length(2..))]
    v: String,
}

#[derive(Model, Debug)]
struct MaxLength {
    #[model(length(..=2))]
    v: String,
}

#[derive(Model, Debug)]
struct MinItems {
    #[model(non_empty)]
    v: Vec<Json>,
}

#[derive(Model, Debug)]
struct MaxItems {
    #[model(length(..=2))]
    v: Vec<Json>,
}

#[derive(Model, Debug)]
struct Minimum {
    #[model(range(1.1..))]
    v: f64,
}

#[derive(Model, Debug)]
struct MinimumSigned {
    #[model(range(-2.0..))]
    v: f64,
}

#[derive(Model, Debug)]
struct Maximum {
    #[model(range(..=3.0))]
    v: f64,
}

#[derive(Model, Debug)]
struct MaximumUnsigned {
    #[model(range(..=300.0))]
    v: f64,
}

#[derive(Model, Debug)]
struct ExclusiveMaximum {
    #[model(range(..3.0))]
    v: f64,
}

#[derive(Model, Debug)]
struct Pattern {
    #[model(pattern("^a*$"))]
    v: String,
}

#[derive(Model, Debug)]
struct Unanchored {
    #[model(pattern("a+"))]
    v: String,
}

#[derive(Model, Debug)]
struct Letters {
    #[model(pattern("^\\p{Letter}+$"))]
    v: String,
}

#[derive(Model, Debug)]
struct Enum {
    #[model(one_of(1, 2, 3))]
    v: i64,
}

#[derive(Model, Debug)]
struct KeyLength {
    #[model(keys(length(..=3)))]
    v: BTreeMap<String, Json>,
}

#[derive(Model, Debug)]
struct KeyPattern {
    #[model(keys(pattern("^a+$")))]
    v: BTreeMap<String, Json>,
}

#[derive(Model, Debug)]
struct Items {
    v: Vec<i64>,
}

#[derive(Model, Debug)]
struct NestedItems {
    v: Vec<Vec<Vec<Vec<f64>>>>,
}

/// The suite's `required` group: `foo` required, `bar` not, other keys allowed.
#[derive(Model, Debug)]
#[model(allow_unknown_fields)]
struct Required {
    #[model(rename = "foo")]
    first: Json,
    #[model(rename = "bar")]
    second: Option<Json>,
}

/// One group of the suite, and the model that should behave as its schema.
struct Case {
    file: &'static str,
    group: &'static str,
    /// The JSON type of the instances the model's field takes; the others are skipped.
    kind: &'static str,
    /// The schema to compare with the group's: the field's (`properties.v`) or the model's.
    schema: fn() -> Json,
    /// Whether the model accepts `data` (as `v`, or as the whole document).
    accepts: fn(&Json) -> bool,
}

fn field<M: Model>() -> Json {
    M::json_schema()["properties"]["v"].clone()
}

fn field_accepts<M: DeserializeOwned>(data: &Json) -> bool {
    serde_json::from_value::<M>(json!({ "v": data })).is_ok()
}

fn whole_accepts<M: DeserializeOwned>(data: &Json) -> bool {
    serde_json::from_value::<M>(data.clone()).is_ok()
}

macro_rules! case {
    ($file:literal, $group:literal, $kind:literal, $model:ty) => {
        Case {
            file: $file,
            group: $group,
            kind: $kind,
            schema: field::<$model>,
            accepts: field_accepts::<$model>,
        }
    };
}

fn cases() -> Vec<Case> {
    vec![
        case!(
            "minLength.json",
            "minLength validation",
            "string",
            MinLength
        ),
        case!(
            "maxLength.json",
            "maxLength validation",
            "string",
            MaxLength
        ),
        case!("minItems.json", "minItems validation", "array", MinItems),
        case!("maxItems.json", "maxItems validation", "array", MaxItems),
        case!("minimum.json", "minimum validation", "number", Minimum),
        case!(
            "minimum.json",
            "minimum validation with signed integer",
            "number",
            MinimumSigned
        ),
        case!("maximum.json", "maximum validation", "number", Maximum),
        case!(
            "maximum.json",
            "maximum validation with unsigned integer",
            "number",
            MaximumUnsigned
        ),
        case!(
            "exclusiveMaximum.json",
            "exclusiveMaximum validation",
            "number",
            ExclusiveMaximum
        ),
        case!("pattern.json", "pattern validation", "string", Pattern),
        case!(
            "pattern.json",
            "pattern is not anchored",
            "string",
            Unanchored
        ),
        case!(
            "pattern.json",
            "pattern with Unicode property escape requires unicode mode",
            "string",
            Letters
        ),
        case!("enum.json", "simple enum validation", "integer", Enum),
        case!(
            "propertyNames.json",
            "propertyNames validation",
            "object",
            KeyLength
        ),
        case!(
            "propertyNames.json",
            "propertyNames validation with pattern",
            "object",
            KeyPattern
        ),
        case!("items.json", "a schema given for items", "array", Items),
        case!("items.json", "nested items", "array", NestedItems),
        Case {
            file: "required.json",
            group: "required validation",
            kind: "object",
            schema: Required::json_schema,
            accepts: whole_accepts::<Required>,
        },
    ]
}

fn is_kind(data: &Json, kind: &str) -> bool {
    match kind {
        "string" => data.is_string(),
        "array" => data.is_array(),
        "object" => data.is_object(),
        "integer" => data.is_i64() || data.is_u64(),
        _ => data.is_number(),
    }
}

/// Whether `ours` has every keyword of `theirs`, with the same value (numbers compared as
/// numbers: `2.0` is `2`).
fn holds(ours: &Json, theirs: &Json) -> bool {
    match (ours, theirs) {
        (Json::Object(ours), Json::Object(theirs)) => theirs
            .iter()
            .filter(|(key, _)| *key != "$schema")
            .all(|(key, value)| ours.get(key).is_some_and(|o| holds(o, value))),
        (Json::Number(a), Json::Number(b)) => a.as_f64() == b.as_f64(),
        (a, b) => a == b,
    }
}

#[test]
fn the_keywords_behave_as_the_rules_in_the_official_suite() {
    let dir = suite();
    let (mut checked, mut skipped) = (0, 0);
    for case in cases() {
        let text = std::fs::read_to_string(dir.join(case.file)).unwrap();
        let groups: Vec<Json> = serde_json::from_str(&text).unwrap();
        let group = groups
            .iter()
            .find(|g| g["description"] == case.group)
            .unwrap_or_else(|| panic!("{}: no group `{}`", case.file, case.group));
        let ours = (case.schema)();
        assert!(
            holds(&ours, &group["schema"]),
            "{} / {}: {ours} lacks {}",
            case.file,
            case.group,
            group["schema"]
        );
        for test in group["tests"].as_array().unwrap() {
            let data = &test["data"];
            if !is_kind(data, case.kind) {
                skipped += 1;
                continue;
            }
            assert_eq!(
                (case.accepts)(data),
                test["valid"].as_bool().unwrap(),
                "{} / {} / {}: {data}",
                case.file,
                case.group,
                test["description"]
            );
            checked += 1;
        }
    }
    println!("{checked} instances agree with the suite; {skipped} of other types skipped");
    assert!(checked >= 50, "{checked}");
}
