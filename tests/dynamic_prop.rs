#![cfg(feature = "json")]

//! Random documents, valid and not, read into runtime records two ways: the one-pass path of
//! `Record::from_json` (straight into slots, falling back to the full read) and the full read
//! from a tree (`Record::deserialize`). They must agree: the same record, or the same problems.

use model::dynamic::{Definition, Field, FieldRule, Int, Kind, Record, RuntimeModel};
use model::{Rejected, ValidationErrors};
use proptest::prelude::*;
use std::sync::OnceLock;

fn model() -> &'static RuntimeModel {
    static MODEL: OnceLock<&'static RuntimeModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        let item = Definition::new("PropItem")
            .field(Field::new("sku", Kind::Text).rule(FieldRule::length(1, 4)))
            .field(Field::new("qty", Kind::Integer(Int::U8)).rule(FieldRule::range(1, 99)))
            .build()
            .unwrap();
        Definition::new("PropOrder")
            .field(Field::new("id", Kind::Text).rule(FieldRule::length(1, 6)))
            .field(Field::new("items", Kind::list(Kind::Model(item))))
            .field(Field::new("gift", Kind::optional(Kind::Model(item))))
            .field(Field::new("weight", Kind::optional(Kind::Float)).rule(FieldRule::NonNegative))
            .field(
                Field::new("labels", Kind::map(Kind::Integer(Int::I8)))
                    .rule(FieldRule::Keys(vec![FieldRule::length(1, 3)])),
            )
            .field(Field::new("rush", Kind::Bool).default(false))
            .field(Field::new("meta", Kind::optional(Kind::Any)))
            .build()
            .unwrap()
    })
}

/// Any small JSON value, biased toward the shapes the model reads.
fn json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        (-300i64..300).prop_map(serde_json::Value::from),
        (-2.0f64..2.0).prop_map(serde_json::Value::from),
        "[a-z]{0,7}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("id".to_owned()),
                    Just("items".to_owned()),
                    Just("gift".to_owned()),
                    Just("sku".to_owned()),
                    Just("qty".to_owned()),
                    Just("weight".to_owned()),
                    Just("labels".to_owned()),
                    "[a-z]{1,4}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An item, or any value in its place.
fn item() -> impl Strategy<Value = serde_json::Value> {
    ("[a-z]{0,5}", 0u64..110, json(), prop::bool::weighted(0.1)).prop_map(
        |(sku, qty, other, odd)| {
            if odd {
                other
            } else {
                serde_json::json!({"sku": sku, "qty": qty})
            }
        },
    )
}

/// A document close to valid: each field present or not, right or random.
fn document() -> impl Strategy<Value = String> {
    (
        prop::option::of("[a-z]{0,7}"),
        prop::collection::vec(item(), 0..3),
        prop::option::of(item()),
        prop::option::of(-0.3f64..3.0),
        prop::collection::btree_map("[a-z]{0,4}", -140i64..140, 0..3),
        prop::option::weighted(0.2, json()),
        prop::option::of(json()),
    )
        .prop_map(|(id, items, gift, weight, labels, extra, meta)| {
            let mut doc = serde_json::json!({"items": items, "gift": gift, "weight": weight, "labels": labels});
            if let Some(id) = id {
                doc["id"] = id.into();
            }
            if let Some(extra) = extra {
                doc["rush"] = extra;
            }
            if let Some(meta) = meta {
                doc["meta"] = meta;
            }
            doc.to_string()
        })
}

fn report(
    result: Result<Record, Rejected<serde_json::Error>>,
) -> Result<Record, Vec<(String, String)>> {
    result.map_err(|rejected| match rejected {
        Rejected::Invalid(report) => codes(&report),
        Rejected::Malformed(error) => vec![(String::new(), error.to_string())],
    })
}

fn codes(report: &ValidationErrors) -> Vec<(String, String)> {
    report
        .iter()
        .map(|v| (v.path().to_string(), v.code().to_owned()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_one_pass_read_agrees_with_the_full_read(text in document()) {
        let fast = report(Record::from_json(model(), &text));
        let mut deserializer = serde_json::Deserializer::from_str(&text);
        let full = report(Record::deserialize(model(), &mut deserializer));
        prop_assert_eq!(&fast, &full, "{}", text);
        if let Ok(record) = fast {
            prop_assert!(record.validate().is_ok());
            prop_assert_eq!(Record::from_json(model(), &record.to_json().unwrap()).ok(), Some(record));
        }
    }

    #[test]
    fn any_json_is_read_or_refused_without_panic(value in json()) {
        let text = value.to_string();
        let fast = report(Record::from_json(model(), &text));
        let mut deserializer = serde_json::Deserializer::from_str(&text);
        let full = report(Record::deserialize(model(), &mut deserializer));
        prop_assert_eq!(fast, full);
    }
}

/// The documents are a mix of valid and invalid ones, so that both branches above are tried.
#[test]
fn the_documents_hold_valid_and_invalid_ones() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = document();
    let valid = (0..400)
        .filter(|_| {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            Record::from_json(model(), &text).is_ok()
        })
        .count();
    assert!((20..380).contains(&valid), "{valid} of 400 valid");
}
