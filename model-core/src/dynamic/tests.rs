//! Unit tests of the definition checks.

use super::*;
use crate::value::Value;
use std::ops::Bound;

#[test]
fn every_mistake_of_a_definition_is_reported_at_once() {
    let errors = Definition::new("Server")
        .field(Field::new("name", Kind::Text))
        .field(Field::new("name", Kind::Bool))
        .field(Field::new("cores", Kind::Integer(Int::U8)).rule(FieldRule::length(1, 2)))
        .field(Field::new("ram", Kind::Integer(Int::U8)).default(300))
        .field(Field::new("tier", Kind::Text).rule(FieldRule::OneOf(vec![Value::Int(1)])))
        .field(Field::new("", Kind::Text))
        .build()
        .unwrap_err();
    let errors = errors.as_slice();
    assert_eq!(errors.len(), 5, "{errors:?}");
    assert_eq!(
        errors[0],
        DefineError::DuplicateField {
            model: "Server".into(),
            field: "name".into()
        }
    );
    assert!(
        matches!(&errors[1], DefineError::RuleDoesNotFit { rule: "length", kind, .. } if kind == "uint8")
    );
    assert_eq!(
        errors[1].to_string(),
        "rule `length` does not apply to field `cores` of `Server` (uint8)"
    );
    assert!(
        matches!(&errors[2], DefineError::BadDefault { field, reason, .. } if field == "ram" && reason.contains("must fit in u8 (got 300)")),
        "{:?}",
        errors[2]
    );
    assert!(
        matches!(&errors[3], DefineError::RuleDoesNotFit { rule: "one_of", reason, .. } if reason.contains("1 is not"))
    );
    assert!(matches!(
        errors[4],
        DefineError::EmptyFieldName { index: 5, .. }
    ));
}

#[test]
fn a_default_must_pass_the_rules_and_a_rename_clashes_like_a_name() {
    let errors = Definition::new("M")
        .field(
            Field::new("a", Kind::Text)
                .rule(FieldRule::length(2, 4))
                .default("x"),
        )
        .field(Field::new("b", Kind::Bool).rename("a"))
        .build()
        .unwrap_err();
    assert!(
        matches!(&errors.as_slice()[0], DefineError::BadDefault { reason, .. } if reason.contains("between 2 and 4"))
    );
    assert!(
        matches!(&errors.as_slice()[1], DefineError::DuplicateField { field, .. } if field == "a")
    );
}

#[test]
fn range_bounds_must_fit_the_kind() {
    let errors = Definition::new("M")
        .field(
            Field::new("n", Kind::Integer(Int::I32)).rule(FieldRule::Range {
                min: Bound::Included(Value::Float(0.5)),
                max: Bound::Unbounded,
            }),
        )
        .field(
            Field::new("ok", Kind::Integer(Int::I32)).rule(FieldRule::Range {
                min: Bound::Included(Value::Float(1.0)),
                max: Bound::Excluded(Value::Int(10)),
            }),
        )
        .field(Field::new("t", Kind::Text).rule(FieldRule::range(0, 1)))
        .build()
        .unwrap_err();
    assert_eq!(errors.len(), 2, "{errors}");
    assert!(errors
        .to_string()
        .contains("the bound 0.5 is not a number of the field's kind"));
}

#[cfg(feature = "regex")]
#[test]
fn a_pattern_that_does_not_compile_is_refused() {
    let errors = Definition::new("M")
        .field(Field::new("p", Kind::Text).rule(FieldRule::Pattern("(".into())))
        .build()
        .unwrap_err();
    assert!(errors
        .to_string()
        .contains("not a valid regular expression"));
}

#[test]
fn nested_rules_fit_the_items_and_metadata_lists_them_with_their_target() {
    let model = Definition::new("Tags")
        .field(
            Field::new("tags", Kind::list(Kind::Text))
                .rule(FieldRule::Length {
                    min: None,
                    max: Some(3),
                })
                .rule(FieldRule::Each(vec![FieldRule::NonEmpty])),
        )
        .field(
            Field::new("labels", Kind::map(Kind::Integer(Int::U16)))
                .rule(FieldRule::Keys(vec![FieldRule::Ascii]))
                .rule(FieldRule::Values(vec![FieldRule::range(1, 9)])),
        )
        .build()
        .unwrap();
    let meta = model.meta();
    let tags = &meta.field_list()[0];
    let rules: Vec<_> = tags
        .rule_list()
        .iter()
        .map(|r| (r.name(), r.target()))
        .collect();
    assert_eq!(
        rules,
        [
            ("length", crate::Target::Value),
            ("non_empty", crate::Target::Each)
        ]
    );
    assert_eq!(
        tags.rule_list()[0].params().get("max"),
        Some(&Value::UInt(3))
    );
    let labels = &meta.field_list()[1];
    let rules: Vec<_> = labels
        .rule_list()
        .iter()
        .map(|r| (r.name(), r.target()))
        .collect();
    assert_eq!(
        rules,
        [
            ("ascii", crate::Target::Keys),
            ("range", crate::Target::Values)
        ]
    );
    assert!(matches!(labels.data_shape(), crate::Shape::Map { .. }));
    assert_eq!(labels.ty(), "map<uint16>");

    let errors = Definition::new("Bad")
        .field(Field::new("n", Kind::Integer(Int::I64)).rule(FieldRule::Each(vec![])))
        .field(
            Field::new("l", Kind::list(Kind::Bool)).rule(FieldRule::Each(vec![FieldRule::Ascii])),
        )
        .build()
        .unwrap_err();
    assert_eq!(errors.len(), 2, "{errors}");
}

#[test]
fn keys_seen_are_found_again_past_the_switch_to_a_set() {
    let mut seen = super::slot::Seen::default();
    for i in 0..100 {
        assert!(seen.insert(&i.to_string()));
    }
    for i in [0, 15, 16, 17, 99] {
        assert!(!seen.insert(&i.to_string()), "{i}");
    }
    assert!(seen.insert("100"));
}

#[test]
fn names_are_found_by_length_and_ends_and_in_full_beyond_16_bytes() {
    let list = [
        "a",
        "ab",
        "abc",
        "abcde",
        "abcdefgh",
        "abcdefghi",
        "sixteen_bytes_xx",
        "long_name_aaaa_X_zzzzzzzz",
        "long_name_aaaa_Y_zzzzzzzz",
        "",
    ];
    let names = super::model::Names::new(list);
    for (i, name) in list.iter().enumerate() {
        assert_eq!(names.find(name), Some(i), "{name}");
        for hint in 0..10 {
            assert_eq!(names.find_from(name, hint), Some(i), "{name} from {hint}");
        }
    }
    for missing in [
        "b",
        "abd",
        "abcdf",
        "bbcde",
        "abcdefgj",
        "sixteen_bytes_xy",
        "long_name_aaaa_Z_zzzzzzzz",
        "a\0",
    ] {
        assert_eq!(names.find(missing), None, "{missing}");
    }
}
