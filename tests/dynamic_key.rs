//! Typed field keys of runtime models (`RuntimeModel::field_key`, `Record::set_typed`,
//! `Record::get_typed`): checked once against the field's kind, then setting and reading with
//! the errors of `Record::set` and no change on any of them.

use model::dynamic::{Definition, Field, FieldKey, FieldRule, Int, Kind, Record, RuntimeModel};
use model::{Error, ValidationErrors, Value};
use std::sync::OnceLock;

/// One field of each kind a key supports, with rules, a read-only and a secret field, and a
/// renamed one.
fn machine() -> &'static RuntimeModel {
    static MODEL: OnceLock<&'static RuntimeModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        Definition::new("Machine")
            .field(Field::new("on", Kind::Bool))
            .field(Field::new("ram_gb", Kind::Integer(Int::I64)).rule(FieldRule::range(1, 4096)))
            .field(Field::new("cores", Kind::Integer(Int::U8)).rule(FieldRule::Positive))
            .field(Field::new("offset", Kind::Integer(Int::I8)))
            .field(Field::new("load", Kind::Float).rule(FieldRule::range(0, 1)))
            .field(Field::new("name", Kind::Text).rule(FieldRule::length(1, 64)))
            .field(
                Field::new("zone", Kind::optional(Kind::Text))
                    .rule(FieldRule::Prefix("eu-".into())),
            )
            .field(
                Field::new("limit", Kind::optional(Kind::Integer(Int::I64)))
                    .rule(FieldRule::NonNegative),
            )
            .field(Field::new("tags", Kind::list(Kind::Text)).rule(FieldRule::length(0, 2)))
            .field(Field::new("serial", Kind::Text).readonly())
            .field(
                Field::new("token", Kind::Text)
                    .secret()
                    .rule(FieldRule::length(8, 64)),
            )
            .field(Field::new("owner_name", Kind::Text).rename("owner"))
            .build()
            .expect("a valid definition")
    })
}

fn record() -> Record {
    Record::from_value(
        machine(),
        Value::Map(vec![
            ("on".into(), Value::Bool(true)),
            ("ram_gb".into(), Value::Int(16)),
            ("cores".into(), Value::Int(4)),
            ("offset".into(), Value::Int(-3)),
            ("load".into(), Value::Float(0.5)),
            ("name".into(), Value::from("web-01")),
            ("zone".into(), Value::Null),
            ("limit".into(), Value::Int(10)),
            ("tags".into(), Value::List(vec![Value::from("prod")])),
            ("serial".into(), Value::from("SN-1")),
            ("token".into(), Value::from("s3cret-token")),
            ("owner".into(), Value::from("ann")),
        ]),
    )
    .expect("a valid record")
}

fn key<T: model::dynamic::FieldType>(name: &str) -> FieldKey<T> {
    machine().field_key::<T>(name).expect("a key")
}

/// `set_typed` refuses `value` exactly as `set` refuses it (the same report), and leaves the
/// record unchanged.
fn refused_like_set<T: model::dynamic::FieldType>(
    key: &FieldKey<T>,
    typed: T::In<'_>,
    value: Value,
) -> ValidationErrors {
    let mut record = record();
    let before = record.clone();
    let errors = record.set_typed(key, typed).unwrap_err();
    assert_eq!(record, before, "changed by a refused {}", key.name());
    let by_name = before.clone().set(key.name(), value).unwrap_err();
    // Compared as shown: a NaN in a parameter is not equal to itself.
    assert_eq!(format!("{errors:?}"), format!("{by_name:?}"));
    errors
}

#[test]
fn every_kind_is_set_and_read_through_its_key() {
    let mut r = record();
    let on = key::<bool>("on");
    r.set_typed(&on, false).unwrap();
    assert!(!r.get_typed(&on).unwrap());

    let ram = key::<i64>("ram_gb");
    r.set_typed(&ram, 4096).unwrap();
    assert_eq!(r.get_typed(&ram).unwrap(), 4096);
    assert_eq!(r.get("ram_gb").unwrap(), Value::Int(4096));

    let cores = key::<u64>("cores");
    r.set_typed(&cores, 255).unwrap();
    assert_eq!(r.get_typed(&cores).unwrap(), 255);

    let offset = key::<i64>("offset");
    r.set_typed(&offset, -128).unwrap();
    assert_eq!(r.get_typed(&offset).unwrap(), -128);

    let load = key::<f64>("load");
    r.set_typed(&load, 0.25).unwrap();
    assert_eq!(r.get_typed(&load).unwrap(), 0.25);

    let name = key::<String>("name");
    r.set_typed(&name, "a name longer than the twenty-two inline bytes")
        .unwrap();
    assert_eq!(
        r.get_typed(&name).unwrap(),
        "a name longer than the twenty-two inline bytes"
    );
    r.set_typed(&name, "short").unwrap();
    assert_eq!(r.get_typed(&name).unwrap(), "short");

    let zone = key::<Option<String>>("zone");
    assert_eq!(r.get_typed(&zone).unwrap(), None);
    r.set_typed(&zone, Some("eu-west")).unwrap();
    assert_eq!(r.get_typed(&zone).unwrap(), Some("eu-west"));
    r.set_typed(&zone, None).unwrap();
    assert_eq!(r.get("zone").unwrap(), Value::Null);

    let limit = key::<Option<i64>>("limit");
    assert_eq!(r.get_typed(&limit).unwrap(), Some(10));
    r.set_typed(&limit, None).unwrap();
    assert_eq!(r.get_typed(&limit).unwrap(), None);
    r.set_typed(&limit, Some(0)).unwrap();
    assert_eq!(r.get_typed(&limit).unwrap(), Some(0));

    // A list through a `Value` key, which fits any kind.
    let tags = key::<Value>("tags");
    r.set_typed(&tags, Value::List(vec![Value::from("a"), Value::from("b")]))
        .unwrap();
    assert_eq!(
        r.get_typed(&tags).unwrap(),
        Value::List(vec![Value::from("a"), Value::from("b")])
    );
    let on_value = key::<Value>("on");
    assert_eq!(r.get_typed(&on_value).unwrap(), Value::Bool(false));

    // A renamed field by either name.
    let owner = key::<String>("owner");
    let owner_by_own_name = key::<String>("owner_name");
    assert_eq!(owner.index(), owner_by_own_name.index());
    r.set_typed(&owner_by_own_name, "bob").unwrap();
    assert_eq!(r.get_typed(&owner).unwrap(), "bob");

    // Every change went through the field's own checks: the record is still valid.
    r.validate().unwrap();
}

#[test]
fn a_key_is_checked_against_the_field_once_when_it_is_made() {
    let model = machine();
    let wrong: Error = model.field_key::<bool>("ram_gb").unwrap_err();
    assert_eq!(wrong.code(), "type");
    assert_eq!(
        wrong.to_string(),
        "the field `ram_gb` holds int64, which is not set nor read as bool"
    );
    // The sign of the integer, the optional wrapper and text are all part of the kind.
    assert_eq!(model.field_key::<u64>("ram_gb").unwrap_err().code(), "type");
    assert_eq!(model.field_key::<i64>("cores").unwrap_err().code(), "type");
    assert_eq!(model.field_key::<i64>("limit").unwrap_err().code(), "type");
    assert_eq!(
        model.field_key::<Option<i64>>("ram_gb").unwrap_err().code(),
        "type"
    );
    assert_eq!(
        model.field_key::<String>("tags").unwrap_err().code(),
        "type"
    );
    assert_eq!(model.field_key::<f64>("ram_gb").unwrap_err().code(), "type");

    let unknown = model.field_key::<i64>("ram_bg").unwrap_err();
    assert_eq!(unknown.code(), "unknown_field");
    assert_eq!(
        unknown.param("did_you_mean"),
        Some(&Value::from("ram_gb")),
        "{unknown}"
    );

    let ram = key::<i64>("ram_gb");
    assert_eq!(ram.name(), "ram_gb");
    assert_eq!(ram.index(), model.field_index("ram_gb").unwrap());
    assert!(std::ptr::eq(ram.model(), model));
    assert_eq!(
        format!("{ram:?}"),
        r#"FieldKey { model: "Machine", field: "ram_gb", type: "i64" }"#
    );
}

#[test]
fn a_refused_value_leaves_the_old_one_with_the_report_of_set() {
    let errors = refused_like_set(&key::<i64>("ram_gb"), 0, Value::Int(0));
    assert_eq!(errors.as_slice()[0].code(), "range");
    assert_eq!(errors.as_slice()[0].path().to_string(), "ram_gb");

    // Out of the field's format: `out_of_range`, as `set` and a document word it.
    let errors = refused_like_set(&key::<i64>("offset"), 300, Value::Int(300));
    assert_eq!(errors.as_slice()[0].code(), "out_of_range");
    let errors = refused_like_set(&key::<u64>("cores"), 0, Value::UInt(0));
    assert_eq!(errors.as_slice()[0].code(), "positive");
    let errors = refused_like_set(&key::<u64>("cores"), 256, Value::UInt(256));
    assert_eq!(errors.as_slice()[0].code(), "out_of_range");

    let errors = refused_like_set(&key::<f64>("load"), 1.5, Value::Float(1.5));
    assert_eq!(errors.as_slice()[0].code(), "range");
    let errors = refused_like_set(&key::<f64>("load"), f64::NAN, Value::Float(f64::NAN));
    assert_eq!(errors.as_slice()[0].code(), "not_finite");

    let errors = refused_like_set(&key::<String>("name"), "", Value::from(""));
    assert_eq!(errors.as_slice()[0].code(), "length");
    let errors = refused_like_set(
        &key::<Option<String>>("zone"),
        Some("us-east"),
        Value::from("us-east"),
    );
    assert_eq!(errors.as_slice()[0].code(), "prefix");
    let errors = refused_like_set(&key::<Option<i64>>("limit"), Some(-1), Value::Int(-1));
    assert_eq!(errors.as_slice()[0].code(), "non_negative");

    let three = Value::List(vec![Value::from("a"), Value::from("b"), Value::from("c")]);
    let errors = refused_like_set(&key::<Value>("tags"), three.clone(), three);
    assert_eq!(errors.as_slice()[0].code(), "length");
    let errors = refused_like_set(&key::<Value>("on"), Value::Int(1), Value::Int(1));
    assert_eq!(errors.as_slice()[0].code(), "invalid_type");
}

#[test]
fn a_read_only_field_is_read_not_set_and_a_secret_stays_hidden() {
    let serial = key::<String>("serial");
    let errors = refused_like_set(&serial, "SN-2", Value::from("SN-2"));
    assert_eq!(errors.as_slice()[0].code(), "readonly");
    assert_eq!(record().get_typed(&serial).unwrap(), "SN-1");

    let token = key::<String>("token");
    let errors = refused_like_set(&token, "short", Value::from("short"));
    assert_eq!(errors.as_slice()[0].code(), "length");
    assert!(!errors.to_string().contains("short"), "{errors}");
    // A key was asked for by name: it reads the secret, as `to_value` does; `get` redacts.
    let mut r = record();
    r.set_typed(&token, "another-token").unwrap();
    assert_eq!(r.get_typed(&token).unwrap(), "another-token");
    assert_eq!(r.get("token").unwrap(), Value::REDACTED);
}

#[test]
fn a_key_of_another_model_is_refused_and_writes_nothing() {
    // The same definition built twice: two models, whose keys are not interchangeable.
    let other = Definition::new("Machine")
        .field(Field::new("on", Kind::Bool))
        .field(Field::new("ram_gb", Kind::Integer(Int::I64)))
        .build()
        .unwrap();
    let foreign = other.field_key::<i64>("ram_gb").unwrap();
    let mut r = record();
    let before = r.clone();
    let errors = r.set_typed(&foreign, 8).unwrap_err();
    assert_eq!(r, before);
    assert_eq!(errors.len(), 1);
    let error = &errors.as_slice()[0];
    assert_eq!(error.code(), "wrong_model");
    assert_eq!(error.path().to_string(), "ram_gb");
    assert_eq!(
        r.get_typed(&foreign).unwrap_err().code(),
        "wrong_model",
        "read through a foreign key"
    );
    // A foreign key whose index is past this model's fields is refused the same way.
    let wide = Definition::new("Wide")
        .fields((0..20).map(|i| Field::new(format!("f{i}"), Kind::Bool)))
        .build()
        .unwrap();
    let last = wide.field_key::<bool>("f19").unwrap();
    assert_eq!(
        r.set_typed(&last, true).unwrap_err().as_slice()[0].code(),
        "wrong_model"
    );
    assert_eq!(r, before);
}

#[test]
fn struct_checks_run_and_roll_back_through_a_key() {
    let model = Definition::new("Host")
        .field(Field::new("cores", Kind::Integer(Int::I64)).rule(FieldRule::Positive))
        .field(Field::new("ram_gb", Kind::Integer(Int::I64)))
        .field(Field::new("on", Kind::Bool))
        .check("fits", |r: &Record| {
            let ram = r.get("ram_gb").unwrap().as_i64().unwrap();
            let cores = r.get("cores").unwrap().as_i64().unwrap();
            if ram <= cores * 256 {
                Ok(())
            } else {
                Err(Error::new("fits", "needs at most 256 GiB per core"))
            }
        })
        .build()
        .unwrap();
    let mut r = Record::from_value(
        model,
        Value::Map(vec![
            ("cores".into(), Value::Int(2)),
            ("ram_gb".into(), Value::Int(64)),
            ("on".into(), Value::Bool(true)),
        ]),
    )
    .unwrap();
    let ram = model.field_key::<i64>("ram_gb").unwrap();
    let on = model.field_key::<bool>("on").unwrap();
    r.set_typed(&ram, 512).unwrap();
    let before = r.clone();
    let errors = r.set_typed(&ram, 513).unwrap_err();
    assert_eq!(errors.as_slice()[0].code(), "fits");
    assert_eq!(r, before);
    assert_eq!(errors, r.clone().set("ram_gb", 513).unwrap_err());
    r.set_typed(&on, false).unwrap();
    assert!(!r.get_typed(&on).unwrap());
}
