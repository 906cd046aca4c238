// Its models match patterns.
#![cfg(all(feature = "json", feature = "regex"))]
//! The schema agrees with validation: documents generated around every bound (each side of
//! each limit, multi-byte characters, missing and extra keys, wrong types) are accepted by a
//! JSON Schema validator (the `jsonschema` crate) exactly when the model accepts them.

use model::Model;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Map, Value as Json};
use std::cell::Cell;

#[path = "support/limits.rs"]
mod limits;
use limits::Limits;

/// Text of `n` copies of `c`.
fn text(n: usize, c: char) -> Json {
    Json::String(std::iter::repeat_n(c, n).collect())
}

/// Multi-byte characters among the one-byte ones: two, three and four bytes (a pair of
/// UTF-16 units), and a combining accent (its own code point).
fn chars() -> impl Strategy<Value = char> {
    prop::sample::select(vec!['a', 'é', '€', '😀', '\u{301}'])
}

fn wrong() -> impl Strategy<Value = Json> {
    prop::sample::select(vec![
        Json::Null,
        json!(true),
        json!("7"),
        json!([]),
        json!({}),
        json!(1.5),
    ])
}

fn one(values: Vec<Json>) -> BoxedStrategy<Json> {
    prop_oneof![3 => prop::sample::select(values), 1 => wrong()].boxed()
}

/// A value for each field, around its bounds; `None` leaves the key out.
fn fields() -> Vec<(&'static str, BoxedStrategy<Json>)> {
    vec![
        ("name", prop_oneof![3 => (0usize..=7, chars()).prop_map(|(n, c)| text(n, c)), 1 => wrong()].boxed()),
        ("small", one(vec![json!(-4), json!(-3), json!(0), json!(7), json!(8), json!(i64::MIN), json!(u64::MAX)])),
        ("ratio", one(vec![json!(0.4999), json!(0.5), json!(1), json!(2.4999), json!(2.5), json!(-1e300)])),
        ("count", one(vec![json!(-1), json!(0), json!(1), json!(255), json!(256)])),
        (
            "tags",
            prop_oneof![
                3 => prop::collection::vec(
                    prop::sample::select(vec![json!(""), json!("a"), json!("aé"), json!("a😀"), json!("aaa"), json!("b"), json!(1)]),
                    0..=4,
                ).prop_map(Json::Array),
                1 => wrong(),
            ].boxed(),
        ),
        ("kind", one(vec![json!("x"), json!("y"), json!("z"), json!("X"), json!("")])),
        ("retries", one(vec![json!(-1), json!(0), json!(3), json!(i32::MAX), json!(i64::from(i32::MAX) + 1), json!(i64::from(i32::MIN) - 1)])),
        (
            "map",
            prop_oneof![
                3 => prop::collection::btree_map(
                    prop::sample::select(vec!["", "a", "é", "ab", "😀😀", "abc"]).prop_map(str::to_owned),
                    prop::sample::select(vec![json!(0), json!(9), json!(10), json!(-1), json!(65536), json!("1")]),
                    0..=3,
                ).prop_map(|m| Json::Object(m.into_iter().collect())),
                1 => wrong(),
            ].boxed(),
        ),
        (
            "inner",
            one(vec![Json::Null, json!({"v": 1}), json!({"v": 3}), json!({"v": 0}), json!({"v": 4}), json!({"v": 200}), json!({}), json!({"v": 2, "w": 1})]),
        ),
        ("shout", one(vec![json!("é!"), json!("xéy!"), json!("e!"), json!("é"), json!("!é"), json!("e\u{301}!")])),
        ("code", one(vec![json!(""), json!("abc1"), json!("ab-c"), json!("é1"), json!("٣"), json!("a b"), json!("Ⅻ"), json!("_")])),
        ("plain", one(vec![Json::Null, json!("abc"), json!("é"), json!("\u{7f}"), json!("")])),
        ("letter", one(vec![json!("a"), json!("é"), json!("😀"), json!("ab"), json!(""), json!("e\u{301}")])),
        ("word", one(vec![json!("a.1"), json!("é-١"), json!("a\r1"), json!("a\n1"), json!("ab1"), json!("a 1"), json!(" a1"), json!("a1"), json!("_\u{2028}٣")])),
        ("grid", one(vec![json!([]), json!([[]]), json!([[true]]), json!([[true], []]), json!([[1]]), json!([[true, false], [false]])])),
    ]
}

/// A document the model accepts.
fn valid() -> Json {
    json!({
        "name": "ab", "small": 0, "ratio": 1.0, "count": 1, "tags": ["a"], "kind": "x",
        "map": {}, "shout": "é!", "code": "a", "letter": "a", "grid": [[true]], "word": "a.1"
    })
}

/// A document: each field's value from the valid document, or one around its bounds, or (one
/// time in twenty-eight) no key; sometimes a key too many. Most fields keep their valid value,
/// so that about one document in five is valid and the others have a few mistakes.
fn documents() -> impl Strategy<Value = Json> {
    let valid = valid();
    let fields: Vec<BoxedStrategy<(&'static str, Option<Json>)>> = fields()
        .into_iter()
        .map(|(key, values)| {
            let good = valid.get(key).cloned();
            prop_oneof![25 => Just(good), 2 => values.prop_map(Some), 1 => Just(None)]
                .prop_map(move |value| (key, value))
                .boxed()
        })
        .collect();
    (fields, prop::bool::weighted(0.05)).prop_map(|(fields, extra)| {
        let mut object: Map<String, Json> = fields
            .into_iter()
            .filter_map(|(key, value)| Some((key.to_owned(), value?)))
            .collect();
        if extra {
            object.insert("extra".to_owned(), json!(1));
        }
        Json::Object(object)
    })
}

#[test]
fn the_validator_accepts_exactly_what_the_model_accepts() {
    let schema = Limits::json_schema();
    jsonschema::meta::validate(&schema).unwrap();
    assert!(
        !schema.to_string().contains("x-model"),
        "every rule of `Limits` has a keyword: {schema:#}"
    );
    let validator = jsonschema::validator_for(&schema).unwrap();
    let counts = [
        [Cell::new(0u32), Cell::new(0)],
        [Cell::new(0), Cell::new(0)],
    ];
    let mut runner = TestRunner::new(Config {
        cases: 4000,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&documents(), |document| {
            let by_model = serde_json::from_value::<Limits>(document.clone()).is_ok();
            let by_schema = validator.is_valid(&document);
            let count = &counts[usize::from(by_model)][usize::from(by_schema)];
            count.set(count.get() + 1);
            prop_assert_eq!(by_model, by_schema, "{}", document);
            Ok(())
        })
        .unwrap();
    let [[both_refuse, _], [_, both_accept]] = counts.map(|row| row.map(Cell::into_inner));
    println!("accepted by both: {both_accept}, refused by both: {both_refuse}");
    // Both directions are exercised.
    assert!(both_accept >= 400, "{both_accept}");
    assert!(both_refuse >= 2000, "{both_refuse}");
}

/// Each side of each bound, one key at a time, from a valid document: every boundary
/// value is met, however the random documents fall.
#[test]
fn each_side_of_each_bound_one_at_a_time() {
    let schema = Limits::json_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let valid = valid();
    assert!(serde_json::from_value::<Limits>(valid.clone()).is_ok());
    assert!(validator.is_valid(&valid));
    let (mut accepted, mut refused) = (0, 0);
    let mut runner = TestRunner::deterministic();
    for (key, values) in fields() {
        // Every candidate value of the field, drawn until each has been met.
        let mut seen = Vec::new();
        for _ in 0..400 {
            let value = values.new_tree(&mut runner).unwrap().current();
            if !seen.contains(&value) {
                seen.push(value);
            }
        }
        for value in seen.into_iter().map(Some).chain([None]) {
            let mut document = valid.clone();
            match value {
                Some(value) => document[key] = value,
                None => {
                    document.as_object_mut().unwrap().remove(key);
                }
            }
            let by_model = serde_json::from_value::<Limits>(document.clone()).is_ok();
            assert_eq!(by_model, validator.is_valid(&document), "{document}");
            if by_model {
                accepted += 1;
            } else {
                refused += 1;
            }
        }
    }
    println!("one key changed: {accepted} accepted by both, {refused} refused by both");
    assert!(accepted > 30 && refused > 50, "{accepted} {refused}");
}

/// Where the two differ although a keyword exists, as the schema module's documentation says.
#[test]
fn the_documented_differences() {
    #[derive(Model, Debug)]
    struct Count {
        #[model(range(0..=10))]
        n: i64,
    }
    let validator = jsonschema::validator_for(&Count::json_schema()).unwrap();
    // `type: integer` takes 2.0; deserializing an integer does not.
    let two = json!({"n": 2.0});
    assert!(validator.is_valid(&two));
    assert!(serde_json::from_value::<Count>(two).is_err());

    #[derive(Model, Debug)]
    struct Unbounded {
        n: i64,
    }
    let validator = jsonschema::validator_for(&Unbounded::json_schema()).unwrap();
    // The limits of an `i64` are its `format`, which validators do not check.
    let big = json!({"n": 1u64 << 63});
    assert!(validator.is_valid(&big));
    assert!(serde_json::from_value::<Unbounded>(big).is_err());
}

/// A volume: every rule has a keyword.
#[derive(Model, Debug)]
#[model(name = "Volume", rename_all = "camelCase")]
struct Volume {
    #[model(range(1..=64))]
    size_gb: u16,
    #[model(default, one_of("ssd", "hdd"))]
    kind: Option<String>,
}

/// The network of the provision sample: its rules all have keywords.
#[derive(Model, Debug)]
#[model(name = "Network")]
struct Network {
    #[model(length(1..=64))]
    name: String,
    #[model(pattern(r"^[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}$"))]
    cidr: String,
    #[model(range(1..=4094))]
    vlan: u16,
}

/// Tagged documents of two models, a misspelt one and none: the registry's schema accepts
/// exactly what the registry reads.
#[test]
fn the_registry_schema_accepts_exactly_what_the_registry_reads() {
    let registry = model::Registry::new().with::<Volume>().with::<Network>();
    let schema = model::schema::registry_schema(&registry, "type");
    jsonschema::meta::validate(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let tag = prop::sample::select(vec![
        json!("Volume"),
        json!("Network"),
        json!("Netwrok"),
        json!(1),
    ]);
    let value = prop::sample::select(vec![
        json!(0),
        json!(1),
        json!(64),
        json!(65),
        json!(4094),
        json!(4095),
        json!("ssd"),
        json!("nvme"),
        Json::Null,
        json!("web"),
        json!(""),
        json!("10.0.0.0/16"),
        json!("10.0.0/16"),
        json!("١٠.0.0.0/16"),
    ]);
    let keys = prop::sample::select(vec!["sizeGb", "size_gb", "kind", "name", "cidr", "vlan"]);
    let bases = prop::sample::select(vec![
        json!({"type": "Volume", "sizeGb": 8}),
        json!({"type": "Volume", "sizeGb": 8, "kind": "hdd"}),
        json!({"type": "Network", "name": "lan", "cidr": "10.0.0.0/16", "vlan": 5}),
    ]);
    // A valid document of either model, with up to two keys set or removed, or its tag.
    let change = prop_oneof![
        (keys.clone(), value).prop_map(|(key, value)| (key, Some(value))),
        keys.prop_map(|key| (key, None)),
        prop::option::of(tag).prop_map(|tag| ("type", tag)),
    ];
    let documents =
        (bases, prop::collection::vec(change, 0..=2)).prop_map(|(mut document, changes)| {
            let object = document.as_object_mut().unwrap();
            for (key, value) in changes {
                match value {
                    Some(value) => object.insert(key.to_owned(), value),
                    None => object.remove(key),
                };
            }
            document
        });
    let (accepted, refused) = (Cell::new(0u32), Cell::new(0u32));
    let mut runner = TestRunner::new(Config {
        cases: 4000,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&documents, |document| {
            let by_registry = registry.from_json(&document.to_string()).is_ok();
            prop_assert_eq!(by_registry, validator.is_valid(&document), "{}", document);
            let count = if by_registry { &accepted } else { &refused };
            count.set(count.get() + 1);
            Ok(())
        })
        .unwrap();
    let (accepted, refused) = (accepted.get(), refused.get());
    println!("registry: accepted by both: {accepted}, refused by both: {refused}");
    assert!(accepted >= 50 && refused >= 1000, "{accepted} {refused}");
}
