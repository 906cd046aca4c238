#![cfg(feature = "json")]

//! Runtime models agree with the compiled models they stand for: secrets hidden at any depth,
//! the same paths, codes and names.

use model::dynamic::{
    CompiledModel, DefineError, Definition, Field, FieldRule, Int, Kind, Record, RuntimeModel,
};
use model::{Model, Rejected, ValidationErrors, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Model, Clone, PartialEq)]
struct Login {
    user: String,
    #[model(secret)]
    password: String,
}

#[derive(Model, Clone, PartialEq)]
struct HasLogin {
    #[model(nested)]
    login: Login,
}

/// `Login`, defined at run time.
fn login() -> &'static RuntimeModel {
    static MODEL: OnceLock<&'static RuntimeModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        Definition::new("DynLogin")
            .field(Field::new("user", Kind::Text))
            .field(Field::new("password", Kind::Text).secret())
            .build()
            .unwrap()
    })
}

/// Everything `get` and `fields` show of a record, as text.
fn shown(record: &Record) -> String {
    let mut text = String::new();
    for (name, value) in record.fields() {
        text.push_str(&format!(
            "{name}: {value:?}; {:?}\n",
            record.get(name).unwrap()
        ));
    }
    text
}

const LOGIN: &str = r#"{"user": "ann", "password": "hunter2"}"#;

#[test]
fn the_secrets_of_nested_records_and_compiled_models_are_redacted_by_name() {
    let compiled: HasLogin = model::json::from_str(&format!(r#"{{"login": {LOGIN}}}"#)).unwrap();
    let Value::Map(reference) = compiled.get("login").unwrap() else {
        panic!("a map")
    };
    assert!(reference.contains(&("password".to_owned(), Value::REDACTED)));

    let kinds = [
        Kind::Model(login()),
        Kind::Compiled(CompiledModel::of::<Login>()),
        Kind::list(Kind::Model(login())),
        Kind::map(Kind::Compiled(CompiledModel::of::<Login>())),
        Kind::optional(Kind::Model(login())),
    ];
    let documents = [
        format!(r#"{{"login": {LOGIN}}}"#),
        format!(r#"{{"login": {LOGIN}}}"#),
        format!(r#"{{"login": [{LOGIN}]}}"#),
        format!(r#"{{"login": {{"main": {LOGIN}}}}}"#),
        format!(r#"{{"login": {LOGIN}}}"#),
    ];
    for (kind, text) in kinds.into_iter().zip(documents) {
        let outer = Definition::new("Outer")
            .field(Field::new("login", kind))
            .build()
            .unwrap();
        let record = Record::from_json(outer, &text).unwrap();
        let seen = shown(&record);
        assert!(!seen.contains("hunter2"), "{seen}");
        assert!(seen.contains("[redacted]"), "{seen}");
        assert!(!format!("{record:?}").contains("hunter2"));
        // Written out, the secret is there, as a compiled model writes it.
        assert!(record.to_json().unwrap().contains("hunter2"));
        assert!(record.to_value().to_string().contains("hunter2"));
    }
}

#[derive(Model, Clone, PartialEq)]
struct Tokens {
    #[model(secret, keys(length(1..=2)))]
    tokens: BTreeMap<String, u32>,
}

/// `Tokens`, defined at run time.
fn tokens() -> &'static RuntimeModel {
    static MODEL: OnceLock<&'static RuntimeModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        Definition::new("DynTokens")
            .field(
                Field::new("tokens", Kind::map(Kind::Integer(Int::U32)))
                    .secret()
                    .rule(FieldRule::Keys(vec![FieldRule::length(1, 2)])),
            )
            .build()
            .unwrap()
    })
}

/// Violations as (path, code).
fn found(report: &ValidationErrors) -> Vec<(String, String)> {
    report
        .iter()
        .map(|v| (v.path().to_string(), v.code().to_owned()))
        .collect()
}

fn invalid<E: std::fmt::Debug>(rejected: Rejected<E>) -> ValidationErrors {
    match rejected {
        Rejected::Invalid(report) => report,
        Rejected::Malformed(error) => panic!("malformed: {error:?}"),
    }
}

#[test]
fn the_keys_of_a_secret_map_stay_out_of_the_paths_of_its_rules() {
    let text = r#"{"tokens": {"hunter2": 1}}"#;
    let compiled = invalid(model::json::from_str::<Tokens>(text).unwrap_err());
    let expected = [(r#"tokens["[redacted]"]"#.to_owned(), "length".to_owned())];
    assert_eq!(found(&compiled), expected);

    let map = || Value::Map(vec![("hunter2".into(), Value::UInt(1))]);
    let reports = [
        invalid(Record::from_json(tokens(), text).unwrap_err()),
        invalid(
            Record::deserialize(tokens(), &mut serde_json::Deserializer::from_str(text))
                .unwrap_err(),
        ),
        Record::from_value(tokens(), Value::Map(vec![("tokens".into(), map())])).unwrap_err(),
    ];
    let mut record = Record::from_json(tokens(), r#"{"tokens": {"a": 1}}"#).unwrap();
    let set = record.set("tokens", map()).unwrap_err();
    let update = record
        .update(|draft| {
            draft.set("tokens", map());
        })
        .unwrap_err();
    for report in reports.iter().chain([&set, &update]) {
        assert_eq!(found(report), expected);
        assert!(
            !format!("{report}{report:?}").contains("hunter2"),
            "{report:?}"
        );
    }
}

#[test]
fn a_field_called_like_the_registry_s_tag_is_refused_and_both_reads_agree_on_other_tags() {
    for field in [
        Field::new("type", Kind::Text),
        Field::new("kind", Kind::Text).rename("type"),
    ] {
        let error = Definition::new("DynTypeField")
            .field(field)
            .register()
            .unwrap_err();
        assert_eq!(
            error.as_slice(),
            [DefineError::FieldIsTag {
                model: "DynTypeField".into(),
                field: "type".into(),
            }]
        );
    }
    assert!(model::dynamic::find("DynTypeField").is_none());

    // Read with the tag `kind`, a field `kind` cannot be given: the one-pass read and the full
    // read agree.
    let model = Definition::new("DynKindField")
        .field(Field::new("kind", Kind::Text))
        .register()
        .unwrap();
    let registry = model::registry();
    for text in [
        r#"{"kind": "DynKindField"}"#,
        r#"{"kind": "DynKindField", "kind": "x"}"#,
        r#"{"kind": "x", "kind": "DynKindField"}"#,
    ] {
        assert!(registry.from_json_tagged(text, "kind").is_err(), "{text}");
    }
    assert!(Record::from_json(model, r#"{"kind": "x"}"#).is_ok());
}

#[test]
fn update_reports_the_values_with_the_names_it_does_not_know() {
    let model = Definition::new("DynUpdate")
        .field(Field::new("name", Kind::Text).rule(FieldRule::length(1, 4)))
        .field(Field::new("count", Kind::Integer(Int::U8)))
        .field(Field::new("id", Kind::Integer(Int::U8)).readonly())
        .build()
        .unwrap();
    let mut record = Record::from_json(model, r#"{"name": "a", "count": 1, "id": 1}"#).unwrap();
    let before = record.clone();
    let report = record
        .update(|draft| {
            draft
                .set("nmae", "b")
                .set("name", "far too long")
                .set("id", 2)
                .set("count", 300);
        })
        .unwrap_err();
    let mut seen = found(&report);
    seen.sort();
    assert_eq!(
        seen,
        [
            ("count".to_owned(), "out_of_range".to_owned()),
            ("id".to_owned(), "readonly".to_owned()),
            ("name".to_owned(), "length".to_owned()),
            ("nmae".to_owned(), "unknown_field".to_owned()),
        ]
    );
    assert_eq!(record, before);
}

#[test]
fn a_message_around_each_keys_or_values_keeps_its_rules_in_metadata_and_schema() {
    let model = Definition::new("DynMessages")
        .field(
            Field::new("tags", Kind::list(Kind::Text))
                .rule(FieldRule::Each(vec![FieldRule::length(1, 2)]).message("tag too long")),
        )
        .field(
            Field::new("limits", Kind::map(Kind::Integer(Int::U8))).rules([
                FieldRule::Keys(vec![FieldRule::length(1, 3)]).message("bad key"),
                FieldRule::Values(vec![FieldRule::range(1, 9).message("own")]).message("outer"),
            ]),
        )
        .build()
        .unwrap();
    let rules = |field: &str| -> Vec<(String, model::Target, Option<&str>)> {
        model
            .meta()
            .field(field)
            .unwrap()
            .rule_list()
            .iter()
            .map(|r| (r.name().to_owned(), r.target(), r.custom_message()))
            .collect()
    };
    assert_eq!(
        rules("tags"),
        [(
            "length".to_owned(),
            model::Target::Each,
            Some("tag too long")
        )]
    );
    assert_eq!(
        rules("limits"),
        [
            ("length".to_owned(), model::Target::Keys, Some("bad key")),
            ("range".to_owned(), model::Target::Values, Some("own")),
        ]
    );
    let schema = model.json_schema();
    let tags = &schema["properties"]["tags"]["items"];
    assert_eq!(tags["maxLength"], 2, "{schema}");
    let limits = &schema["properties"]["limits"];
    assert_eq!(limits["propertyNames"]["maxLength"], 3, "{schema}");
    assert_eq!(limits["additionalProperties"]["maximum"], 9, "{schema}");

    // The messages are those the rules report.
    let report = Record::from_json(model, r#"{"tags": ["abc"], "limits": {"abcd": 10}}"#)
        .map(|_| ())
        .unwrap_err();
    let messages: Vec<String> = invalid(report).iter().map(|v| v.message()).collect();
    assert_eq!(messages, ["tag too long", "bad key", "own"]);
}

#[test]
fn nonsense_bounds_are_refused_at_build() {
    use std::ops::Bound::{Excluded, Included, Unbounded};
    let float = |min, max| FieldRule::Range { min, max };
    let cases = [
        (
            Kind::Float,
            float(Included(Value::Float(f64::NAN)), Unbounded),
            "the bound NaN is not a finite number",
        ),
        (
            Kind::Float,
            float(Unbounded, Excluded(Value::Float(f64::INFINITY))),
            "is not a finite number",
        ),
        (
            Kind::Float,
            FieldRule::OneOf(vec![Value::Float(1.0), Value::Float(f64::NEG_INFINITY)]),
            "is not a finite number",
        ),
        (
            Kind::Float,
            float(Included(Value::Float(2.5)), Included(Value::Float(1.0))),
            "no value is within the bounds 2.5 and 1",
        ),
        (
            Kind::Float,
            float(Excluded(Value::Int(1)), Included(Value::Int(1))),
            "no value is within",
        ),
        (
            Kind::Integer(Int::I32),
            FieldRule::range(5, 1),
            "no value is within the bounds 5 and 1",
        ),
        (
            Kind::Integer(Int::U8),
            float(Included(Value::Int(3)), Excluded(Value::Int(3))),
            "no value is within",
        ),
        (
            Kind::Text,
            FieldRule::length(3, 2),
            "no length is within the bounds 3 and 2",
        ),
        (
            Kind::list(Kind::Text),
            FieldRule::length(3, 2),
            "no length is within",
        ),
        (
            Kind::Text,
            FieldRule::ByteLength {
                min: Some(9),
                max: Some(1),
            },
            "no length is within",
        ),
    ];
    for (kind, rule, reason) in cases {
        let error = Definition::new("DynBounds")
            .field(Field::new("x", kind).rule(rule))
            .build()
            .unwrap_err();
        match error.as_slice() {
            [DefineError::RuleDoesNotFit { reason: got, .. }] => {
                assert!(got.contains(reason), "{got}")
            }
            other => panic!("{other:?}"),
        }
    }
    // Bounds that leave one value are fine.
    for rule in [FieldRule::range(1, 1), FieldRule::length(2, 2)] {
        let kind = if rule.name() == "range" {
            Kind::Integer(Int::I8)
        } else {
            Kind::Text
        };
        Definition::new("DynBounds")
            .field(Field::new("x", kind).rule(rule))
            .build()
            .unwrap();
    }
}

#[derive(Model, Clone, PartialEq, Debug)]
struct Parcel {
    #[model(range(1..=9))]
    size: u8,
    label: String,
}

#[test]
fn a_compiled_model_set_by_value_reports_as_every_kind_and_every_document_does() {
    let model = Definition::new("DynHolder")
        .field(Field::new(
            "inner",
            Kind::Compiled(CompiledModel::of::<Parcel>()),
        ))
        .field(Field::new("count", Kind::Integer(Int::U8)))
        .build()
        .unwrap();
    let mut record =
        Record::from_json(model, r#"{"inner": {"size": 1, "label": "a"}, "count": 1}"#).unwrap();
    let inner = |size: Value, label: Value| {
        Value::Map(vec![("size".into(), size), ("label".into(), label)])
    };
    let report = record
        .set("inner", inner(Value::Int(300), Value::Bool(true)))
        .unwrap_err();
    assert_eq!(
        found(&report),
        [
            ("inner.size".to_owned(), "out_of_range".to_owned()),
            ("inner.label".to_owned(), "invalid_type".to_owned()),
        ]
    );
    // As the compiled model's own set by name, and as the other kinds, report them.
    let mut compiled = model::json::from_str::<Parcel>(r#"{"size": 1, "label": "a"}"#).unwrap();
    assert_eq!(
        compiled.set("size", 300).unwrap_err().as_slice()[0].code(),
        "out_of_range"
    );
    assert_eq!(
        compiled.set("label", true).unwrap_err().as_slice()[0].code(),
        "invalid_type"
    );
    assert_eq!(
        record.set("count", 300).unwrap_err().as_slice()[0].code(),
        "out_of_range"
    );
    let from_value = Record::from_value(
        model,
        Value::Map(vec![
            (
                "inner".into(),
                inner(Value::Str("x".into()), Value::from("a")),
            ),
            ("count".into(), Value::Int(1)),
        ]),
    )
    .unwrap_err();
    assert_eq!(
        found(&from_value),
        [("inner.size".to_owned(), "invalid_type".to_owned())]
    );
    // Documents have the same codes.
    let text = r#"{"inner": {"size": "x", "label": "a"}, "count": 1}"#;
    let report = invalid(Record::from_json(model, text).unwrap_err());
    assert_eq!(
        found(&report),
        [("inner.size".to_owned(), "invalid_type".to_owned())]
    );
}

#[derive(Model, Clone, PartialEq, Debug)]
struct Renamed {
    #[model(rename = "userName")]
    user: String,
}

#[test]
fn from_value_takes_external_names_as_documents_do_and_by_name_access_takes_both() {
    let compiled = invalid(model::json::from_str::<Renamed>(r#"{"user": "ann"}"#).unwrap_err());
    assert!(found(&compiled).contains(&("user".to_owned(), "unknown_field".to_owned())));

    let model = Definition::new("DynRenamed")
        .field(Field::new("user", Kind::Text).rename("userName"))
        .build()
        .unwrap();
    let by = |name: &str| Value::Map(vec![(name.into(), Value::from("ann"))]);
    let report = Record::from_value(model, by("user")).unwrap_err();
    assert_eq!(
        found(&report),
        [
            ("user".to_owned(), "unknown_field".to_owned()),
            ("userName".to_owned(), "required".to_owned()),
        ]
    );
    assert_eq!(
        report.as_slice()[0].param("did_you_mean"),
        Some(&Value::from("userName"))
    );
    let mut record = Record::from_value(model, by("userName")).unwrap();

    // By name, as a compiled model: its own name and the external one.
    let mut reference = model::json::from_str::<Renamed>(r#"{"userName": "ann"}"#).unwrap();
    for name in ["user", "userName"] {
        assert_eq!(record.get(name).unwrap(), reference.get(name).unwrap());
        record.set(name, "bob").unwrap();
        reference.set(name, "bob").unwrap();
    }
}

#[test]
fn a_secret_default_is_not_shown_by_debug_metadata_or_schema() {
    let definition = Definition::new("DynSecretDefault")
        .field(Field::new("token", Kind::Text).secret().default("hunter2"))
        .field(Field::new("label", Kind::Text).default("shown"));
    let field = &definition.field_list()[0];
    assert_eq!(field.default_value(), Some(&Value::from("hunter2")));
    for text in [format!("{field:?}"), format!("{definition:?}")] {
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("[redacted]"), "{text}");
    }
    assert!(format!("{definition:?}").contains("shown"));
    let model = definition.build().unwrap();
    let meta = model.meta().field("token").unwrap();
    assert!(meta.is_default());
    assert_eq!(meta.default(), None);
    assert_eq!(
        model.meta().field("label").unwrap().default(),
        Some(Value::from("shown"))
    );
    let schema = model.json_schema().to_string();
    assert!(!schema.contains("hunter2"), "{schema}");
    assert!(schema.contains("shown"), "{schema}");
    // The default still fills the field in.
    let record = Record::from_json(model, "{}").unwrap();
    assert!(record.to_json().unwrap().contains("hunter2"));
}

#[test]
fn integer_formats_name_their_rust_types_and_unknown_names_are_worded_as_compiled_ones() {
    use std::any::type_name;
    let formats = [
        (Int::I8, type_name::<i8>()),
        (Int::I16, type_name::<i16>()),
        (Int::I32, type_name::<i32>()),
        (Int::I64, type_name::<i64>()),
        (Int::U8, type_name::<u8>()),
        (Int::U16, type_name::<u16>()),
        (Int::U32, type_name::<u32>()),
        (Int::U64, type_name::<u64>()),
    ];
    for (int, rust) in formats {
        assert_eq!(int.rust_name(), rust);
        assert_eq!(Int::from_format(int.format()), Some(int));
    }

    let model = Definition::new("DynUnknown")
        .field(Field::new("size", Kind::Integer(Int::U8)))
        .field(Field::new("label", Kind::Text))
        .build()
        .unwrap();
    let mut record = Record::from_json(model, r#"{"size": 1, "label": "a"}"#).unwrap();
    let mut compiled = model::json::from_str::<Parcel>(r#"{"size": 1, "label": "a"}"#).unwrap();
    for name in ["siez", "nothing"] {
        let expected = compiled.set(name, 1).unwrap_err();
        let from_update = record
            .update(|d| {
                d.set(name, 1);
            })
            .unwrap_err();
        let from_value =
            Record::from_value(model, Value::Map(vec![(name.into(), Value::Int(1))])).unwrap_err();
        for report in [record.set(name, 1).unwrap_err(), from_update, from_value] {
            let first = &report.as_slice()[0];
            assert_eq!(first.path(), expected.as_slice()[0].path());
            assert_eq!(first.message(), expected.as_slice()[0].message());
            assert_eq!(first.params(), expected.as_slice()[0].params());
        }
    }
}
