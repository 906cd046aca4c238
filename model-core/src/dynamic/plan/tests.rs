//! Unit tests of the plans: a plan and the rules it folds agree on every value.

use super::super::define::{FieldRule, Int};
use super::super::rules::compile;
use super::*;
use crate::value::Value;

/// Every case: a kind, its rules, and values to try (of the kind, or not).
fn cases() -> Vec<(Kind, Vec<FieldRule>, Vec<Value>)> {
    let ints: Vec<Value> = [
        i64::MIN,
        -129,
        -128,
        -2,
        -1,
        0,
        1,
        2,
        9,
        10,
        11,
        127,
        128,
        255,
        256,
        4096,
        4097,
        i64::MAX,
    ]
    .into_iter()
    .map(Value::Int)
    .chain([Value::UInt(u64::MAX), Value::UInt(1 << 63)])
    .collect();
    let floats: Vec<Value> = [-1.5, -0.0, 0.0, 0.5, 1.0, 2.0, 2.5, 10.0, 1e300, f64::NAN]
        .into_iter()
        .map(Value::Float)
        .chain([f64::INFINITY].map(Value::Float))
        .collect();
    let texts: Vec<Value> = [
        "",
        "a",
        "ab",
        "abc",
        "ünï",
        "€",
        "𝄞",
        "𝄞𝄞",
        "ééééé",
        "a rather long text past the inline bytes",
        "ü-ü-ü-ü-ü-ü-ü-ü-ü-ü-ü-ü",
        "pre-fix",
    ]
    .into_iter()
    .map(Value::from)
    .collect();
    let range = |min: Bound<i64>, max: Bound<i64>| FieldRule::Range {
        min: min.map(Value::Int),
        max: max.map(Value::Int),
    };
    let lists: Vec<Value> = vec![
        Value::List(vec![]),
        Value::List(vec![Value::from("a")]),
        Value::List(vec![Value::from("ab"), Value::from("")]),
        Value::List(vec![Value::from("ab"); 4]),
        Value::List(vec![Value::from("a long item, past the inline bytes")]),
    ];
    let mut cases = vec![];
    for int in [Int::I8, Int::I64, Int::U8, Int::U64] {
        for rules in [
            vec![],
            vec![FieldRule::range(1, 4096)],
            vec![range(Bound::Excluded(-2), Bound::Excluded(10))],
            vec![range(Bound::Unbounded, Bound::Included(-1))],
            vec![FieldRule::NonNegative],
            vec![FieldRule::Positive, FieldRule::range(0, 10)],
            vec![FieldRule::range(0, 100).message("no")],
            vec![FieldRule::OneOf(vec![Value::Int(1), Value::Int(2)])],
        ] {
            let kind = Kind::Integer(int);
            if rules.iter().all(|r| compile(r, &kind).is_ok()) {
                cases.push((kind.clone(), rules.clone(), ints.clone()));
                let mut values = ints.clone();
                values.push(Value::Null);
                cases.push((Kind::optional(kind), rules, values));
            }
        }
    }
    for rules in [
        vec![],
        vec![FieldRule::NonNegative],
        vec![FieldRule::Positive],
        vec![FieldRule::Range {
            min: Bound::Excluded(Value::Float(0.5)),
            max: Bound::Included(Value::Float(2.5)),
        }],
        vec![FieldRule::range(0, 10), FieldRule::Positive],
    ] {
        cases.push((Kind::Float, rules, floats.clone()));
    }
    for rules in [
        vec![],
        vec![FieldRule::length(1, 64)],
        vec![FieldRule::length(2, 3)],
        vec![FieldRule::length(5, 5)],
        vec![FieldRule::NonEmpty],
        vec![FieldRule::ByteLength {
            min: Some(2),
            max: Some(6),
        }],
        vec![
            FieldRule::length(0, 30),
            FieldRule::ByteLength {
                min: None,
                max: Some(40),
            },
        ],
        vec![FieldRule::Prefix("pre".into()), FieldRule::length(1, 10)],
    ] {
        cases.push((Kind::Text, rules, texts.clone()));
    }
    cases.push((
        Kind::Bool,
        vec![FieldRule::OneOf(vec![Value::Bool(true)])],
        vec![Value::Bool(true), Value::Bool(false)],
    ));
    cases.push((Kind::Bool, vec![], vec![Value::Bool(false)]));
    for rules in [
        vec![],
        vec![FieldRule::length(1, 3)],
        vec![
            FieldRule::NonEmpty,
            FieldRule::Each(vec![FieldRule::length(1, 2)]),
        ],
        vec![
            FieldRule::Each(vec![FieldRule::NonEmpty]),
            FieldRule::Each(vec![FieldRule::length(0, 1)]),
        ],
    ] {
        cases.push((Kind::list(Kind::Text), rules, lists.clone()));
    }
    cases
}

#[test]
fn a_plan_answers_as_the_rules_it_folds() {
    let mut asked = 0;
    for (kind, rules, values) in cases() {
        let compiled: Vec<Compiled> = rules
            .iter()
            .map(|rule| compile(rule, &kind).unwrap_or_else(|_| panic!("{rule:?}")))
            .collect();
        let plan = Plan::new(&kind, &compiled);
        for value in values {
            let mut errors = crate::error::ValidationErrors::new();
            let slot =
                Slot::from_value(&kind, value.clone(), &crate::path::Trail::Root, &mut errors);
            let admitted = plan.admit(&Raw::borrow(&value));
            let Some(slot) = slot else {
                assert!(admitted.is_none(), "{kind:?} {rules:?} admitted {value}");
                continue;
            };
            let expected = compiled.iter().all(|rule| rule.holds(&slot));
            assert_eq!(plan.holds(&slot), expected, "{kind:?} {rules:?} {value}");
            if let Some(holds) = plan.quick(&slot) {
                assert_eq!(holds, expected, "quick: {kind:?} {rules:?} {value}");
            }
            // A reader's checks: text before it is put in a slot, a list item by item then
            // as a whole.
            #[cfg(feature = "json")]
            match &slot {
                Slot::Short(..) | Slot::Text(_) => {
                    let text = slot.as_text().unwrap_or_default();
                    assert_eq!(plan.holds_text(text), expected, "{rules:?} {value}");
                }
                Slot::List(items) => {
                    let each = plan.each().expect("a plan of items");
                    let read =
                        items.iter().all(|item| each.holds(item)) && plan.holds_but_each(&slot);
                    assert_eq!(read, expected, "{rules:?} {value}");
                }
                _ => {}
            }
            // Admitted exactly when valid (for the scalars admit takes), as the same slot.
            match admitted {
                Some(admitted) => {
                    assert!(expected, "{kind:?} {rules:?} admitted {value}");
                    assert_eq!(admitted, slot);
                }
                None => assert!(
                    !expected
                        || matches!(value, Value::List(_))
                        || matches!(kind.required(), Kind::Float if matches!(value, Value::Int(_) | Value::UInt(_))),
                    "{kind:?} {rules:?} refused {value}"
                ),
            }
            // Written in place over a slot of the same variant exactly when valid (the
            // integers and booleans), else left alone.
            let before = match slot {
                Slot::Int(v) => Slot::Int(v ^ 1),
                Slot::UInt(v) => Slot::UInt(v ^ 1),
                Slot::Bool(v) => Slot::Bool(!v),
                _ => Slot::Null,
            };
            let mut target = before.clone();
            let put = plan.quick.put(&Raw::of(&slot), &mut target);
            if put {
                assert!(expected, "{kind:?} {rules:?} put {value}");
                assert_eq!(target, slot);
            } else {
                assert_eq!(target, before);
                let typed = matches!(
                    (&plan.quick, &slot),
                    (Quick::Int { .. }, Slot::Int(_))
                        | (Quick::UInt { .. }, Slot::UInt(_))
                        | (Quick::Yes, Slot::Bool(_))
                );
                assert!(!(typed && expected), "{kind:?} {rules:?} not put {value}");
            }
            asked += 1;
        }
    }
    assert!(asked > 500, "{asked}");
}
