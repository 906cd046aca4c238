#![cfg(all(feature = "json", feature = "toml"))]

//! Runtime models (`model::dynamic`): records built, read, changed and reported exactly as a
//! compiled model with the same fields and rules.

#[path = "support/server.rs"]
mod server;

use model::dynamic::{DefineError, Definition, Field, FieldRule, Int, Kind, Record, RuntimeModel};
use model::{json, Error, Model, Rejected, ValidationErrors, Value};
use server::ServerResource;
use std::ops::Bound;
use std::sync::OnceLock;

fn percent(value: &Value) -> Result<(), Error> {
    match value.as_u64() {
        Some(v) if v <= 100 => Ok(()),
        _ => Err(Error::new("percent", "must be a percentage (got {value})")
            .with_param("value", value.clone())),
    }
}

fn fits_host(record: &Record) -> Result<(), Error> {
    let ram = record.get("ram_gb").unwrap().as_i64().unwrap();
    let cores = record.get("cpu_cores").unwrap().as_i64().unwrap();
    if ram <= cores.max(1) * 256 {
        Ok(())
    } else {
        Err(Error::new(
            "fits_host",
            "needs at most 256 GiB of RAM per core",
        ))
    }
}

/// `ServerResource`, defined at run time under another name.
fn server() -> &'static RuntimeModel {
    static MODEL: OnceLock<&'static RuntimeModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        Definition::new("DynServer")
            .field(Field::new("name", Kind::Text).rule(FieldRule::length(1, 64)))
            .field(Field::new("cpu_cores", Kind::Integer(Int::I64)).rule(FieldRule::NonNegative))
            .field(Field::new("ram_gb", Kind::Integer(Int::I64)).rule(FieldRule::range(1, 4096)))
            .field(Field::new("region", Kind::Text).rules([
                FieldRule::length(2, 32),
                FieldRule::Pattern("^[a-z]+-[a-z]+-[0-9]+$".into()),
            ]))
            .field(Field::new("tags", Kind::list(Kind::Text)).rules([
                FieldRule::Length {
                    min: None,
                    max: Some(16),
                },
                FieldRule::Each(vec![FieldRule::length(1, 32)]),
            ]))
            .field(Field::new("id", Kind::Integer(Int::U64)).readonly())
            .field(Field::new("enabled", Kind::Bool).default(true))
            .field(
                Field::new("load", Kind::Integer(Int::U8))
                    .rule(FieldRule::check("percent", percent)),
            )
            .check("fits_host", fits_host)
            .register()
            .unwrap()
    })
}

const VALID: &str = r#"{"name": "web-1", "cpu_cores": 4, "ram_gb": 64, "region": "eu-west-1",
 "tags": ["prod"], "id": 7, "load": 40}"#;

/// Violations as (path, code, message, position) for comparing reports.
fn summary(report: &ValidationErrors) -> Vec<(String, String, String, Option<String>)> {
    report
        .iter()
        .map(|v| {
            (
                v.path().to_string(),
                v.code().to_owned(),
                v.message(),
                v.position().map(|p| p.to_string()),
            )
        })
        .collect()
}

fn invalid<E: std::fmt::Debug>(rejected: Rejected<E>) -> ValidationErrors {
    match rejected {
        Rejected::Invalid(report) => report,
        Rejected::Malformed(error) => panic!("malformed: {error:?}"),
    }
}

/// Each violation of `report` as its path and code, in order.
fn path_codes(report: &ValidationErrors) -> Vec<(String, String)> {
    report
        .iter()
        .map(|v| (v.path().to_string(), v.code().to_owned()))
        .collect()
}

#[test]
fn a_valid_document_reads_into_slots_and_serializes_back() {
    let record = Record::from_json(server(), VALID).unwrap();
    assert_eq!(record.get("name").unwrap(), Value::from("web-1"));
    assert_eq!(record.get("enabled").unwrap(), Value::Bool(true));
    assert_eq!(record.get("id").unwrap(), Value::UInt(7));
    let compiled: ServerResource = json::from_str(VALID).unwrap();
    assert_eq!(
        serde_json::to_value(&record).unwrap(),
        serde_json::to_value(&compiled).unwrap()
    );
    let again = Record::from_json(server(), &record.to_json().unwrap()).unwrap();
    assert_eq!(again, record);
}

#[test]
fn every_problem_is_reported_as_the_compiled_model_reports_it() {
    let documents = [
        "{\"name\": \"\",\n \"cpu_cores\": -1, \"ram_gb\": 0, \"region\": \"x\",\n \"tags\": [\"\", \"ok\"], \"id\": 1, \"load\": 140}",
        "{\"name\": 3, \"cpu_cores\": \"four\", \"ram_gb\": 1,\n \"region\": \"eu-west-1\", \"tags\": [], \"id\": -1, \"load\": 300, \"colour\": 1}",
        "{\"name\": \"a\", \"name\": \"b\", \"cpu_cores\": 0, \"region\": \"eu-west-1\", \"tags\": [], \"id\": 1, \"load\": 1}",
        "{\"name\": \"a\", \"cpu_cores\": 1, \"ram_gb\": 4000, \"region\": \"eu-west-1\", \"tags\": [], \"id\": 1, \"load\": 1}",
    ];
    // Documents with one problem only, in a list: too many items, or one item too long.
    let many = format!(
        "{{\"name\": \"a\", \"cpu_cores\": 1, \"ram_gb\": 8, \"region\": \"eu-west-1\", \"tags\": [{}], \"id\": 1, \"load\": 1}}",
        vec!["\"t\""; 17].join(", ")
    );
    let long = format!(
        "{{\"name\": \"a\", \"cpu_cores\": 1, \"ram_gb\": 8, \"region\": \"eu-west-1\", \"tags\": [\"ok\", \"{}\"], \"id\": 1, \"load\": 1}}",
        "t".repeat(33)
    );
    let documents = documents
        .iter()
        .copied()
        .chain([many.as_str(), long.as_str()]);
    for document in documents {
        let compiled = invalid(json::from_str::<ServerResource>(document).unwrap_err());
        let runtime = invalid(Record::from_json(server(), document).unwrap_err());
        let (mut compiled, mut runtime) = (summary(&compiled), summary(&runtime));
        // The compiled model names its type in an unknown field's list and a wrong root.
        for v in compiled.iter_mut().chain(runtime.iter_mut()) {
            v.2 =
                v.2.replace("ServerResource", "Server")
                    .replace("DynServer", "Server");
        }
        assert_eq!(runtime, compiled, "{document}");
        assert!(!runtime.is_empty());
    }
    // A record is read from a map only (serde would read a struct from a sequence too).
    let report = invalid(Record::from_json(server(), "[1, 2]").unwrap_err());
    assert_eq!(
        report.to_string(),
        "expected struct DynServer, found a sequence (at line 1, column 1)"
    );
}

#[test]
fn set_and_update_check_everything_and_roll_back() {
    let mut record = Record::from_json(server(), VALID).unwrap();
    let before = record.clone();

    let error = record.set("ram_gb", 0).unwrap_err();
    assert_eq!(error.as_slice()[0].code(), "range");
    assert_eq!(
        error.to_string(),
        "ram_gb: must be between 1 and 4096 (got 0)"
    );
    assert_eq!(
        record.set("id", 9).unwrap_err().as_slice()[0].code(),
        "readonly"
    );
    assert_eq!(
        record.set("ram_gb", "lots").unwrap_err().as_slice()[0].code(),
        "invalid_type"
    );
    let unknown = record.set("ram_gib", 8).unwrap_err();
    assert_eq!(
        unknown.as_slice()[0].message(),
        "no such field; did you mean `ram_gb`?"
    );
    // The struct check sees the new value, and refuses it.
    let error = record.set("ram_gb", 2048).unwrap_err();
    assert_eq!(error.as_slice()[0].code(), "fits_host");
    assert_eq!(record, before);

    record.set("ram_gb", 1024).unwrap();
    assert_eq!(record.get("ram_gb").unwrap(), Value::Int(1024));

    let before = record.clone();
    let error = record
        .update(|draft| {
            draft.set("name", "").set("load", 120).set("cpu_cores", 8);
        })
        .unwrap_err();
    let codes: Vec<_> = error.iter().map(|v| v.code().to_owned()).collect();
    assert_eq!(codes, ["length", "percent"]);
    assert_eq!(record, before);

    // Together, the changes pass the struct check that each alone would fail.
    record
        .update(|draft| {
            draft.set("cpu_cores", 16).set("ram_gb", 4096);
        })
        .unwrap();
    assert_eq!(record.get("ram_gb").unwrap(), Value::Int(4096));
    assert!(record.validate().is_ok());
}

#[test]
fn the_registry_reads_runtime_models_by_name_and_refuses_duplicates() {
    server();
    let text = r#"{"type": "DynServer", "name": "db", "cpu_cores": 2, "ram_gb": 8, "region": "us-east-2", "tags": [], "id": 3, "load": 0}"#;
    let any = model::from_json(text).unwrap();
    assert_eq!(any.name(), "DynServer");
    let record = any.downcast_ref::<Record>().unwrap();
    assert_eq!(record.get("region").unwrap(), Value::from("us-east-2"));
    assert_eq!(
        any.to_tagged_json("type").unwrap(),
        text.replace(": ", ":")
            .replace(", ", ",")
            .replace("\"load\"", "\"enabled\":true,\"load\"")
    );

    let error = model::from_json(r#"{"type": "DynServer", "name": ""}"#).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("name: must have between 1 and 64 characters"),
        "{error}"
    );
    let error = model::from_json(r#"{"type": "DynServr"}"#).unwrap_err();
    assert!(
        error.to_string().contains("did you mean `DynServer`"),
        "{error}"
    );

    let again = Definition::new("DynServer").register().unwrap_err();
    assert_eq!(
        again.as_slice(),
        [DefineError::DuplicateModel("DynServer".into())]
    );
    let compiled = Definition::new("ServerResource").register().unwrap_err();
    assert_eq!(
        compiled.to_string(),
        "a model called `ServerResource` is already registered"
    );
    let built = Definition::new("ServerResource").build().unwrap();
    assert!(built.register().is_err());
    assert!(!built.is_registered());
    assert!(server().is_registered());
    assert!(model::dynamic::find("DynServer").is_some_and(|m| std::ptr::eq(m, server())));
    assert!(model::dynamic::find("ServerResource").is_none());
    assert!(model::dynamic::models()
        .iter()
        .any(|m| m.name() == "DynServer"));
}

#[test]
fn metadata_reads_through_the_same_types_as_a_compiled_model() {
    let runtime = server().meta();
    let compiled = ServerResource::meta();
    assert_eq!(runtime.name(), "DynServer");
    assert_eq!(runtime.check_list(), ["fits_host"]);
    for (r, c) in runtime.field_list().iter().zip(compiled.field_list()) {
        assert_eq!(r.name(), c.name());
        assert_eq!(r.is_readonly(), c.is_readonly(), "{}", r.name());
        assert_eq!(r.is_default(), c.is_default(), "{}", r.name());
        let rules = |f: &model::FieldMeta| {
            f.rule_list()
                .iter()
                .filter(|rule| !matches!(rule.name(), "with" | "check"))
                .map(|rule| (rule.name(), rule.target(), rule.params()))
                .collect::<Vec<_>>()
        };
        assert_eq!(rules(r), rules(c), "{}", r.name());
    }
    assert_eq!(
        runtime.field("enabled").unwrap().default(),
        Some(Value::Bool(true))
    );
    assert!(matches!(
        runtime.field("tags").unwrap().data_shape(),
        model::Shape::List(model::Shape::Str)
    ));
}

fn account() -> &'static RuntimeModel {
    static MODEL: OnceLock<&'static RuntimeModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        let owner = Definition::new("Owner")
            .field(Field::new("email", Kind::Text).rule(FieldRule::Contains("@".into())))
            .build()
            .unwrap();
        Definition::new("Account")
            .field(Field::new("user", Kind::Text).rename("userName"))
            .field(
                Field::new("password", Kind::Text)
                    .secret()
                    .rule(FieldRule::length(8, 64)),
            )
            .field(Field::new("owner", Kind::Model(owner)))
            .field(
                Field::new("quota", Kind::map(Kind::Float)).rule(FieldRule::Values(vec![
                    FieldRule::Range {
                        min: Bound::Excluded(Value::Int(0)),
                        max: Bound::Unbounded,
                    },
                ])),
            )
            .field(
                Field::new("note", Kind::optional(Kind::Text))
                    .rule(FieldRule::NonEmpty.message("say something")),
            )
            .build()
            .unwrap()
    })
}

#[test]
fn secrets_are_redacted_nested_records_renames_and_maps_have_their_paths() {
    let text = r#"{"userName": "ann", "password": "hunter2hunter2", "owner": {"email": "a@b"}, "quota": {"disk": 1.5}}"#;
    let record = Record::from_json(account(), text).unwrap();
    assert_eq!(record.get("password").unwrap(), Value::REDACTED);
    assert_eq!(record.get("user").unwrap(), Value::from("ann"));
    assert_eq!(record.get("note").unwrap(), Value::Null);
    let debug = format!("{record:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    assert_eq!(
        debug,
        r#"Account { userName: "ann", password: [redacted], owner: Owner { email: "a@b" }, quota: {"disk": 1.5}, note: None }"#
    );

    let bad = "{\"userName\": \"ann\", \"password\": \"short\",\n \"owner\": {\"email\": \"nope\", \"x\": 1},\n \"quota\": {\"disk\": 0, \"cpu\": \"many\"}, \"note\": \"\"}";
    let report = invalid(Record::from_json(account(), bad).unwrap_err());
    let found = path_codes(&report);
    assert_eq!(
        found,
        [
            ("password".into(), "length".into()),
            ("owner.email".into(), "contains".into()),
            ("owner.x".into(), "unknown_field".into()),
            // The entry that could be read is checked beside the one that could not.
            ("quota[\"disk\"]".into(), "range".into()),
            ("quota[\"cpu\"]".into(), "invalid_type".into()),
            ("note".into(), "non_empty".into()),
        ],
        "{report}"
    );
    // The secret's value is not in its report; its bounds are.
    let password = &report.as_slice()[0];
    assert!(!password.to_string().contains("short"), "{password}");
    assert_eq!(password.param("max"), Some(&Value::UInt(64)));
    assert_eq!(report.as_slice()[5].message(), "say something");
    assert_eq!(
        report.as_slice()[2].position().unwrap().to_string(),
        "line 2, column 29"
    );
}

#[test]
fn a_map_value_rule_reports_at_the_key() {
    let text = r#"{"userName": "a", "password": "12345678", "owner": {"email": "@"}, "quota": {"disk": 0}}"#;
    let report = invalid(Record::from_json(account(), text).unwrap_err());
    assert_eq!(
        report.to_string(),
        "quota[\"disk\"]: must be greater than 0.0 (got 0.0) (at line 1, column 86)"
    );
}

#[test]
fn toml_and_other_formats_read_with_every_problem() {
    let text = "name = \"\"\ncpu_cores = 1\nram_gb = 8\nregion = \"eu-west-1\"\ntags = []\nid = 1\nload = 101\n";
    let report = invalid(Record::from_toml(server(), text).unwrap_err());
    let compiled = invalid(model::toml::from_str::<ServerResource>(text).unwrap_err());
    assert_eq!(summary(&report), summary(&compiled));
    assert_eq!(report.len(), 2);

    let mut json = serde_json::Deserializer::from_str(VALID);
    let record = Record::deserialize(server(), &mut json).unwrap();
    assert_eq!(record, Record::from_json(server(), VALID).unwrap());
    assert!(matches!(
        Record::from_json(server(), "{"),
        Err(Rejected::Malformed(_))
    ));
}

#[test]
fn from_value_builds_and_checks_like_the_readers() {
    let value = Value::Map(vec![
        ("userName".into(), Value::from("x")),
        ("password".into(), Value::from("12345678")),
        (
            "owner".into(),
            Value::Map(vec![("email".into(), Value::from("a@b"))]),
        ),
        ("quota".into(), Value::Map(vec![])),
    ]);
    let record = Record::from_value(account(), value.clone()).unwrap();
    assert_eq!(
        Record::from_value(account(), record.to_value()).unwrap(),
        record
    );
    let error = Record::from_value(account(), Value::Int(1)).unwrap_err();
    assert_eq!(error.to_string(), "expected a map, found an integer");
    let Value::Map(mut entries) = value else {
        unreachable!()
    };
    entries.remove(0);
    let error = Record::from_value(account(), Value::Map(entries)).unwrap_err();
    assert_eq!(error.to_string(), "userName: is required");
}

#[test]
fn floats_are_finite_and_hostile_input_is_refused_without_panic() {
    let model = Definition::new("Gauge")
        .field(Field::new("level", Kind::Float))
        .field(Field::new(
            "hist",
            Kind::list(Kind::list(Kind::Integer(Int::I8))),
        ))
        .build()
        .unwrap();
    let mut gauge = Record::from_json(model, r#"{"level": 1, "hist": [[1, -128]]}"#).unwrap();
    assert_eq!(gauge.get("level").unwrap(), Value::Float(1.0));
    let error = gauge.set("level", f64::NAN).unwrap_err();
    assert_eq!(error.as_slice()[0].code(), "not_finite");
    let error = gauge.set("level", f64::INFINITY).unwrap_err();
    assert_eq!(
        error.to_string(),
        "level: must be a finite number (got inf)"
    );
    let report = invalid(Record::from_toml(model, "level = nan\nhist = []").unwrap_err());
    assert_eq!(report.as_slice()[0].code(), "not_finite");

    let hostile = [
        "",
        "null",
        "\"x\"",
        "{",
        "{\"level\": 1e999}",
        "{\"level\": -0, \"hist\": [[128]]}",
        "{\"hist\": [[[[[]]]]]}",
        "{\"level\": {}, \"level\": []}",
        "{\"\\u0000\": 1}",
        &format!("{}1{}", "[".repeat(200), "]".repeat(200)),
        &format!("{{\"hist\": [{}]}}", "[1],".repeat(1000) + "[1]"),
    ];
    for text in hostile {
        match Record::from_json(model, text) {
            Ok(record) => panic!("{text} read as {record:?}"),
            Err(Rejected::Invalid(report)) => assert!(!report.is_empty()),
            Err(Rejected::Malformed(_)) => {}
        }
    }
}

#[test]
fn a_check_that_panics_leaves_the_record_as_it_was() {
    let model = Definition::new("Fragile")
        .field(Field::new("n", Kind::Integer(Int::I32)))
        .check("no_sevens", |record| {
            assert_ne!(record.get("n").unwrap(), Value::Int(7), "seven");
            Ok(())
        })
        .build()
        .unwrap();
    let mut record = Record::from_json(model, r#"{"n": 1}"#).unwrap();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| record.set("n", 7)));
    assert!(caught.is_err());
    assert_eq!(record.get("n").unwrap(), Value::Int(1));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        record.update(|draft| {
            draft.set("n", 7);
        })
    }));
    assert!(caught.is_err());
    assert_eq!(record.get("n").unwrap(), Value::Int(1));
    record.set("n", 8).unwrap();
    assert_eq!(record.get("n").unwrap(), Value::Int(8));
}

#[test]
fn a_compiled_model_nests_in_a_runtime_one() {
    use model::dynamic::CompiledModel;
    let rack = Definition::new("Rack")
        .field(Field::new("label", Kind::Text))
        .field(Field::new(
            "server",
            Kind::Compiled(CompiledModel::of::<ServerResource>()),
        ))
        .field(Field::new(
            "spare",
            Kind::optional(Kind::Compiled(CompiledModel::of::<ServerResource>())),
        ))
        .build()
        .unwrap();
    let text = format!(r#"{{"label": "r1", "server": {VALID}, "spare": null}}"#);
    let record = Record::from_json(rack, &text).unwrap();
    assert_eq!(record.get("spare").unwrap(), Value::Null);
    let Value::Map(server) = record.get("server").unwrap() else {
        panic!("a map")
    };
    assert!(server.contains(&("ram_gb".to_owned(), Value::Int(64))));
    // Written and read back; the same through the tree.
    let again = Record::from_json(rack, &record.to_json().unwrap()).unwrap();
    assert_eq!(again, record);
    let mut json = serde_json::Deserializer::from_str(&text);
    assert_eq!(Record::deserialize(rack, &mut json).unwrap(), record);
    assert!(format!("{record:?}").contains("server: ServerResource { name: \"web-1\""));
    assert!(matches!(
        rack.meta().field("server").unwrap().data_shape(),
        model::Shape::Object(_)
    ));

    // The compiled model's problems, under the field's path, at their place in the text.
    let bad = text
        .replace("\"ram_gb\": 64", "\"ram_gb\": 0")
        .replace("\"spare\": null", "\"spare\": 3");
    let report = invalid(Record::from_json(rack, &bad).unwrap_err());
    let found = path_codes(&report);
    assert_eq!(
        found,
        [
            ("server.ram_gb".into(), "range".into()),
            ("spare".into(), "invalid_type".into())
        ]
    );
    assert_eq!(
        report.as_slice()[0].position().unwrap().to_string(),
        "line 1, column 71"
    );

    let mut record = record;
    let mut server =
        serde_json::to_value(json::from_str::<ServerResource>(VALID).unwrap()).unwrap();
    server["ram_gb"] = 5000.into();
    let as_value = |json: &serde_json::Value| -> Value {
        fn go(j: &serde_json::Value) -> Value {
            match j {
                serde_json::Value::Object(m) => {
                    Value::Map(m.iter().map(|(k, v)| (k.clone(), go(v))).collect())
                }
                serde_json::Value::Array(a) => Value::List(a.iter().map(go).collect()),
                serde_json::Value::String(s) => Value::from(s.clone()),
                serde_json::Value::Bool(b) => Value::Bool(*b),
                serde_json::Value::Number(n) => n.as_i64().map(Value::Int).unwrap_or(Value::Null),
                serde_json::Value::Null => Value::Null,
            }
        }
        go(json)
    };
    let error = record.set("spare", as_value(&server)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "spare.ram_gb: must be between 1 and 4096 (got 5000)"
    );
    assert_eq!(record.get("spare").unwrap(), Value::Null);
    server["ram_gb"] = 8.into();
    record.set("spare", as_value(&server)).unwrap();
    assert!(matches!(record.get("spare").unwrap(), Value::Map(_)));
    assert!(record.validate().is_ok());
}

#[test]
fn the_registry_reads_a_runtime_record_in_one_pass_or_reports_every_problem() {
    server();
    let valid = VALID.replacen('{', r#"{"type": "DynServer", "#, 1);
    let record = model::from_json(&valid).unwrap();
    assert_eq!(
        record.downcast_ref::<Record>().unwrap(),
        &Record::from_json(server(), VALID).unwrap()
    );
    // The tag given twice, or after the fields, goes through the full read.
    let twice = VALID.replacen('{', r#"{"type": "DynServer", "type": "DynServer", "#, 1);
    let error = model::from_json(&twice).unwrap_err();
    assert!(error.to_string().contains("type"), "{error}");
    let last = VALID.replacen('}', r#", "type": "DynServer"}"#, 1);
    assert!(model::from_json(&last).is_ok());
}

#[test]
fn the_json_schema_of_a_runtime_model_is_the_compiled_one_s() {
    let mut runtime = server().json_schema();
    let mut compiled = ServerResource::json_schema();
    // `load` is checked by a function in one and a rule type in the other: no keyword either
    // way, each named as written.
    let rules = |schema: &mut serde_json::Value| {
        schema["properties"]["load"]
            .as_object_mut()
            .unwrap()
            .remove("x-model-rules")
    };
    assert_eq!(
        rules(&mut runtime),
        Some(serde_json::json!(["check(percent)"]))
    );
    assert_eq!(
        rules(&mut compiled),
        Some(serde_json::json!(["with(Percent)"]))
    );
    assert_eq!(runtime["properties"], compiled["properties"]);
    assert_eq!(runtime["required"], compiled["required"]);
    let validator = jsonschema::validator_for(&runtime).unwrap();
    let record = Record::from_json(server(), VALID).unwrap();
    assert!(validator.is_valid(&serde_json::to_value(&record).unwrap()));
    assert!(!validator.is_valid(&serde_json::json!({"name": ""})));
}

#[test]
fn a_key_given_twice_is_reported_in_values_and_documents_alike() {
    let model = Definition::new("Labels")
        .field(Field::new("labels", Kind::map(Kind::Integer(Int::U8))))
        .build()
        .unwrap();
    let twice = Value::Map(vec![(
        "labels".into(),
        Value::Map(vec![
            ("a".into(), Value::Int(1)),
            ("a".into(), Value::Int(2)),
        ]),
    )]);
    let from_value = Record::from_value(model, twice).unwrap_err();
    let from_json =
        invalid(Record::from_json(model, r#"{"labels": {"a": 1, "a": 2}}"#).unwrap_err());
    assert_eq!(
        from_value.to_string(),
        "labels[\"a\"]: is given more than once"
    );
    assert_eq!(from_json.as_slice()[0].code(), "duplicate_field");
    assert_eq!(
        from_json.as_slice()[0].path(),
        from_value.as_slice()[0].path()
    );
}

#[test]
fn records_and_models_cross_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Record>();
    shared::<&'static RuntimeModel>();
    shared::<Definition>();
    let record = Record::from_json(server(), VALID).unwrap();
    let copy = std::thread::spawn(move || record).join().unwrap();
    assert_eq!(copy.get("name").unwrap(), Value::from("web-1"));
}

#[test]
fn a_map_of_many_keys_reads_in_linear_time_and_finds_the_repeated_one() {
    let model = Definition::new("Big")
        .field(Field::new("m", Kind::map(Kind::Integer(Int::U8))))
        .build()
        .unwrap();
    let entries: Vec<String> = (0..50_000).map(|i| format!("\"k{i}\": 1")).collect();
    let text = format!("{{\"m\": {{{}, \"k7\": 2}}}}", entries.join(", "));
    let started = std::time::Instant::now();
    let report = invalid(Record::from_json(model, &text).unwrap_err());
    assert_eq!(
        report
            .to_string()
            .lines()
            .next()
            .unwrap()
            .split(" (at")
            .next()
            .unwrap(),
        "m[\"k7\"]: is given more than once"
    );
    assert_eq!(report.len(), 1);
    let ok = text.replace(", \"k7\": 2", "");
    assert_eq!(
        Record::from_json(model, &ok)
            .unwrap()
            .get("m")
            .map(|m| matches!(m, Value::Map(e) if e.len() == 50_000)),
        Ok(true)
    );
    // Quadratic work would take minutes here.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_field_of_any_kind_holds_any_finite_json_with_keys_once() {
    let model = Definition::new("Tagged")
        .field(Field::new("payload", Kind::Any))
        .field(
            Field::new("note", Kind::Any).rule(FieldRule::check("not_null", |v: &Value| {
                if *v == Value::Null {
                    Err(Error::new("not_null", "must not be null"))
                } else {
                    Ok(())
                }
            })),
        )
        .build()
        .unwrap();
    let text = r#"{"payload": {"a": [1, -2, 2.5, "x", null, true, {"b": {}}]}, "note": "n"}"#;
    let mut record = Record::from_json(model, text).unwrap();
    assert_eq!(
        record.to_json().unwrap(),
        text.replace(": ", ":").replace(", ", ",")
    );
    let mut json = serde_json::Deserializer::from_str(text);
    assert_eq!(Record::deserialize(model, &mut json).unwrap(), record);
    assert!(matches!(
        model.meta().field("payload").unwrap().data_shape(),
        model::Shape::Unknown
    ));

    let twice = r#"{"payload": {"a": 1, "a": 2}, "note": null}"#;
    let report = invalid(Record::from_json(model, twice).unwrap_err());
    let found = path_codes(&report);
    assert_eq!(
        found,
        [
            ("payload[\"a\"]".into(), "duplicate_field".into()),
            ("note".into(), "not_null".into())
        ]
    );
    assert_eq!(
        record
            .set("payload", Value::List(vec![Value::Float(f64::NAN)]))
            .unwrap_err()
            .as_slice()[0]
            .path()
            .to_string(),
        "payload[0]"
    );
    record.set("payload", 4).unwrap();
    assert_eq!(record.get("payload").unwrap(), Value::Int(4));
    assert!(Definition::new("Bad")
        .field(Field::new("x", Kind::Any).rule(FieldRule::NonEmpty))
        .build()
        .is_err());
}
