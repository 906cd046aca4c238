#![cfg(feature = "json")]

//! Runtime models agree with the compiled models they stand for: secrets hidden at any depth,
//! the same paths, codes and names.

use model::dynamic::{CompiledModel, Definition, Field, Kind, Record, RuntimeModel};
use model::{Model, Value};
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
