//! Access by name: `Model::get` and `Model::fields`, the probes that generated code uses to
//! convert a field of any type to and from a `Value`, unknown names, and `set_by_name`.
//!
//! The models here are written by hand the way `#[derive(Model)]` writes them, in a crate that
//! denies warnings, so that the generated pattern is known to compile cleanly.

#![deny(warnings, unused_qualifications)]

use model_core::__private::{self, Get, Set};
use model_core::path::Trail;
use model_core::{
    Error, FieldMeta, FromValue, Model, ModelMeta, ToValue, UnknownField, ValidationErrors, Value,
};
use std::any::type_name;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::net::Ipv4Addr;

// --- a hand-written model ----------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
struct Server {
    name: String,
    cpu_cores: i64,
    address: Ipv4Addr,
    labels: BTreeMap<String, String>,
    id: u64,
}

static SERVER_FIELDS: [FieldMeta; 5] = [
    FieldMeta::new("name", "String"),
    FieldMeta::new("cpuCores", "i64").rust_name("cpu_cores"),
    FieldMeta::new("address", "Ipv4Addr"),
    FieldMeta::new("labels", "BTreeMap<String, String>"),
    FieldMeta::new("id", "u64").readonly(true),
];
static SERVER: ModelMeta = ModelMeta::new("Server").fields(&SERVER_FIELDS);

impl Model for Server {
    fn meta() -> &'static ModelMeta {
        &SERVER
    }

    fn validate_at(&self, at: &Trail<'_>, errors: &mut ValidationErrors) {
        if self.cpu_cores < 0 {
            errors.add(
                &at.field("cpuCores"),
                Error::new("non_negative", "must not be negative"),
            );
        }
    }

    fn __value_at(&self, index: usize) -> Option<Value> {
        match index {
            0 => Some(__private::get!(&self.name)),
            1 => Some(__private::get!(&self.cpu_cores)),
            2 => Some(__private::get!(&self.address)),
            3 => Some(__private::get!(&self.labels)),
            4 => Some(__private::get!(&self.id)),
            _ => None,
        }
    }
}

/// The error of a conversion, at the field's path.
fn at(field: &'static str, error: Error) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    errors.add(&Trail::Field(&Trail::Root, field), error);
    errors
}

impl Server {
    /// Set-by-name as the derive writes it: convert, then validate the candidate.
    fn set(&mut self, name: &str, value: Value) -> Result<(), ValidationErrors> {
        __private::set_by_name(Self::meta(), name, value, |index, value| {
            let mut candidate = self.clone();
            match index {
                0 => {
                    candidate.name = __private::set!(String, value).map_err(|e| at("name", e))?;
                }
                1 => {
                    candidate.cpu_cores =
                        __private::set!(i64, value).map_err(|e| at("cpuCores", e))?;
                }
                2 => {
                    candidate.address =
                        __private::set!(Ipv4Addr, value).map_err(|e| at("address", e))?;
                }
                3 => {
                    candidate.labels = __private::set!(BTreeMap<String, String>, value)
                        .map_err(|e| at("labels", e))?;
                }
                _ => unreachable!("a read-only or unknown field is never set"),
            }
            candidate.validate()?;
            *self = candidate;
            Ok(())
        })
    }
}

fn server() -> Server {
    Server {
        name: "web-1".into(),
        cpu_cores: 4,
        address: Ipv4Addr::new(10, 0, 0, 7),
        labels: BTreeMap::from([("env".to_owned(), "prod".to_owned())]),
        id: 7,
    }
}

// --- get and fields ----------------------------------------------------------------------------

#[test]
fn get_by_external_or_rust_name() {
    let server = server();
    assert_eq!(server.get("name"), Ok(Value::str("web-1")));
    assert_eq!(server.get("cpuCores"), Ok(Value::Int(4)));
    assert_eq!(server.get("cpu_cores"), Ok(Value::Int(4)));
    assert_eq!(server.get("id"), Ok(Value::UInt(7)));
}

#[test]
fn a_type_without_to_value_gives_its_name() {
    // `core::any::type_name`: `<core::net::ip_addr::Ipv4Addr>` today; its exact text is not
    // guaranteed across compiler versions.
    let expected = format!("<{}>", type_name::<Ipv4Addr>());
    assert_eq!(server().get("address"), Ok(Value::from(expected)));
}

#[test]
fn a_map_without_to_value_gives_its_name() {
    // `BTreeMap` has no `ToValue`: its type name, in full.
    let value = server().get("labels").unwrap();
    let text = value.as_str().unwrap();
    assert!(text.starts_with("<alloc::collections::btree::map::BTreeMap<"));
    assert!(text.ends_with('>'));
}

#[test]
fn fields_in_declaration_order() {
    let server = server();
    let fields: Vec<(&str, Value)> = server
        .fields()
        .map(|(field, value)| (field.name(), value))
        .collect();
    assert_eq!(fields.len(), 5);
    assert_eq!(fields[0], ("name", Value::str("web-1")));
    assert_eq!(fields[1], ("cpuCores", Value::Int(4)));
    assert_eq!(fields[2].0, "address");
    assert_eq!(fields[4], ("id", Value::UInt(7)));

    let mut iter = server.fields();
    assert_eq!(iter.len(), 5);
    assert_eq!(
        format!("{iter:?}"),
        r#"FieldValues(["name", "cpuCores", "address", "labels", "id"])"#
    );
    assert_eq!(
        iter.next_back().map(|(f, v)| (f.ident(), v)),
        Some(("id", Value::UInt(7)))
    );
    assert_eq!(iter.nth(1).map(|(f, _)| f.ident()), Some("cpu_cores"));
    assert_eq!(iter.len(), 2);
    assert_eq!(iter.clone().count(), 2);
}

#[test]
fn unknown_names() {
    let server = server();
    let error = server.get("cpu_core").unwrap_err();
    assert_eq!(error.model(), "Server");
    assert_eq!(error.name(), "cpu_core");
    assert_eq!(error.close_matches(), ["cpuCores"]);
    assert_eq!(
        error.to_string(),
        "`Server` has no field `cpu_core`; did you mean `cpuCores`?"
    );

    let error = server.get("zone").unwrap_err();
    assert!(error.close_matches().is_empty());
    assert_eq!(
        error.known_fields(),
        ["name", "cpuCores", "address", "labels", "id"]
    );
    assert_eq!(
        error.to_string(),
        "`Server` has no field `zone`; its fields are `name`, `cpuCores`, `address`, `labels`, `id`"
    );

    // Case differences are close, and the error is a std error.
    let error: Box<dyn std::error::Error> = Box::new(server.get("NAME").unwrap_err());
    assert_eq!(
        error.to_string(),
        "`Server` has no field `NAME`; did you mean `name`?"
    );

    assert_eq!(Server::meta().field_index("labels"), Ok(3));
    assert_eq!(
        Server::meta().field_index("label").unwrap_err(),
        UnknownField::new(Server::meta(), "label")
    );
}

#[test]
fn rust_names_are_suggested_when_no_external_name_is() {
    static FIELDS: [FieldMeta; 2] = [
        FieldMeta::new("a", "u8"),
        FieldMeta::new("x", "u8").rust_name("ram_gb"),
    ];
    static META: ModelMeta = ModelMeta::new("Host").fields(&FIELDS);
    let error = META.field_index("ram_g").unwrap_err();
    assert_eq!(error.close_matches(), ["ram_gb"]);
}

#[test]
fn a_model_without_fields() {
    static EMPTY: ModelMeta = ModelMeta::new("Unit");
    let error = EMPTY.field_index("x").unwrap_err();
    assert_eq!(
        error.to_string(),
        "`Unit` has no field `x`; it has no fields"
    );
}

/// A hand-written model that does not implement access by name.
struct Plain {
    size: u8,
}

static PLAIN_FIELDS: [FieldMeta; 1] = [FieldMeta::new("size", "u8")];
static PLAIN: ModelMeta = ModelMeta::new("Plain").fields(&PLAIN_FIELDS);

impl Model for Plain {
    fn meta() -> &'static ModelMeta {
        &PLAIN
    }

    fn validate_at(&self, _: &Trail<'_>, _: &mut ValidationErrors) {
        let _ = self.size;
    }
}

#[test]
fn without_value_at_known_fields_are_null() {
    let plain = Plain { size: 3 };
    assert_eq!(plain.get("size"), Ok(Value::Null));
    assert!(plain.get("sise").is_err());
    let fields: Vec<_> = plain.fields().map(|(f, v)| (f.name(), v)).collect();
    assert_eq!(fields, [("size", Value::Null)]);
}

// --- the probes --------------------------------------------------------------------------------
//
// Written out, the fallback takes one reference more than it needs, which clippy's
// `needless_borrow` flags; the `get!` and `set!` macros expand to the same code without it.

struct Opaque;

#[allow(clippy::needless_borrow)]
fn to_value_unbounded<T>(value: &T) -> Value {
    use model_core::__private::probe::*;
    (&&&Get(value)).__model_to_value()
}

#[allow(clippy::needless_borrow)]
fn to_value_bounded<T: ToValue>(value: &T) -> Value {
    use model_core::__private::probe::*;
    (&&&Get(value)).__model_to_value()
}

#[allow(clippy::needless_borrow)]
fn from_value_unbounded<T>(value: Value) -> Result<T, Error> {
    use model_core::__private::probe::*;
    (&&Set::<T>::new()).__model_from_value(value)
}

#[allow(clippy::needless_borrow)]
fn from_value_bounded<T: FromValue>(value: Value) -> Result<T, Error> {
    use model_core::__private::probe::*;
    (&&Set::<T>::new()).__model_from_value(value)
}

#[allow(clippy::needless_borrow)]
#[test]
fn get_probe_uses_to_value_when_there_is_one() {
    use model_core::__private::probe::*;
    assert_eq!((&&&Get(&5u8)).__model_to_value(), Value::UInt(5));
    assert_eq!((&&&Get(&-5i32)).__model_to_value(), Value::Int(-5));
    assert_eq!((&&&Get(&Some("x"))).__model_to_value(), Value::str("x"));
    assert_eq!(
        (&&&Get(&vec![1.5f64])).__model_to_value(),
        Value::List(vec![Value::Float(1.5)])
    );
    // Unsized types too.
    assert_eq!((&&&Get("text")).__model_to_value(), Value::str("text"));
    assert_eq!(
        (&&&Get(&[1u8, 2][..])).__model_to_value(),
        Value::from(vec![1u8, 2])
    );
}

#[allow(clippy::needless_borrow)]
#[test]
fn get_probe_falls_back_to_the_type_name() {
    use model_core::__private::probe::*;
    assert_eq!(
        (&&&Get(&Opaque)).__model_to_value(),
        Value::str("<by_name::Opaque>")
    );
    assert_eq!(
        (&&&Get(&Some(Opaque))).__model_to_value(),
        Value::str("<core::option::Option<by_name::Opaque>>")
    );
    let unsized_opaque: &[Opaque] = &[];
    assert_eq!(
        (&&&Get(unsized_opaque)).__model_to_value(),
        Value::str("<[by_name::Opaque]>")
    );
}

fn to_value_macro<T>(value: &T) -> Value {
    __private::get!(value)
}

fn from_value_macro<T>(value: Value) -> Result<T, Error> {
    __private::set!(T, value)
}

#[test]
fn get_probe_in_generic_functions() {
    // Without a `ToValue` bound, the fallback is chosen, whatever the type.
    assert_eq!(to_value_unbounded(&5u8), Value::str("<u8>"));
    assert_eq!(to_value_unbounded(&Opaque), Value::str("<by_name::Opaque>"));
    assert_eq!(to_value_macro(&5u8), Value::str("<u8>"));
    // With the bound, `ToValue`.
    assert_eq!(to_value_bounded(&5u8), Value::UInt(5));
}

#[allow(clippy::needless_borrow)]
#[test]
fn set_probe_uses_from_value_when_there_is_one() {
    use model_core::__private::probe::*;
    assert_eq!(
        (&&Set::<u8>::new()).__model_from_value(Value::Int(5)),
        Ok(5)
    );
    assert_eq!(
        (&&Set::<Option<String>>::new()).__model_from_value(Value::Null),
        Ok(None)
    );
    assert_eq!(
        (&&Set::<Cow<'static, str>>::new()).__model_from_value(Value::str("x")),
        Ok(Cow::Borrowed("x"))
    );
    let error = (&&Set::<u8>::new())
        .__model_from_value(Value::Int(300))
        .unwrap_err();
    assert_eq!(error.code(), "out_of_range");
    assert_eq!(from_value_bounded::<i16>(Value::Int(-3)), Ok(-3));
}

#[allow(clippy::needless_borrow)]
#[test]
fn set_probe_reports_unsupported_types() {
    use model_core::__private::probe::*;
    let error = (&&Set::<Ipv4Addr>::new())
        .__model_from_value(Value::str("10.0.0.1"))
        .unwrap_err();
    assert_eq!(error.code(), "unsupported");
    // The type without the paths of its types.
    assert_eq!(error.param("type"), Some(&Value::str("Ipv4Addr")));
    assert_eq!(
        error.message(),
        "`Ipv4Addr` cannot be set by name: use its typed setter"
    );
    let error = (&&Set::<Vec<Ipv4Addr>>::new())
        .__model_from_value(Value::List(vec![]))
        .unwrap_err();
    assert_eq!(
        error.message(),
        "`Vec<Ipv4Addr>` cannot be set by name: use its typed setter"
    );
    assert!((&&Set::<Opaque>::new())
        .__model_from_value(Value::Null)
        .is_err());
    // Without a `FromValue` bound, the fallback is chosen, whatever the type.
    let error = from_value_unbounded::<u8>(Value::Int(1)).unwrap_err();
    assert_eq!(
        error.message(),
        "`u8` cannot be set by name: use its typed setter"
    );
    assert_eq!(from_value_macro::<u8>(Value::Int(1)).unwrap_err(), error);
}

// --- set_by_name -------------------------------------------------------------------------------

#[test]
fn set_by_name_converts_and_sets() {
    let mut server = server();
    server.set("name", Value::str("web-2")).unwrap();
    server.set("cpu_cores", Value::UInt(8)).unwrap();
    assert_eq!((server.name.as_str(), server.cpu_cores), ("web-2", 8));
    server
        .set(
            "labels",
            Value::Map(vec![("env".into(), Value::str("dev"))]),
        )
        .unwrap();
    assert_eq!(server.labels["env"], "dev");
}

#[test]
fn set_by_name_reports_conversion_and_rule_errors_at_the_field() {
    let mut server = server();
    let errors = server.set("cpuCores", Value::str("8")).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "cpuCores: expected an integer, found a string"
    );
    let errors = server.set("cpuCores", Value::Int(-1)).unwrap_err();
    assert_eq!(errors.to_string(), "cpuCores: must not be negative");
    let errors = server.set("address", Value::str("10.0.0.9")).unwrap_err();
    assert_eq!(errors.iter().next().unwrap().code(), "unsupported");
    assert_eq!(server, self::server(), "a failed set changes nothing");
}

#[test]
fn set_by_name_reports_unknown_names() {
    let mut server = server();
    let errors = server.set("cpu_core", Value::Int(1)).unwrap_err();
    assert_eq!(errors.len(), 1);
    let violation = errors.iter().next().unwrap();
    assert_eq!(violation.path().to_string(), "cpu_core");
    assert_eq!(violation.code(), "unknown_field");
    assert_eq!(violation.param("name"), Some(&Value::str("cpu_core")));
    assert_eq!(
        violation.param("did_you_mean"),
        Some(&Value::str("cpuCores"))
    );
    assert_eq!(
        errors.to_string(),
        "cpu_core: no such field; did you mean `cpuCores`?"
    );

    let errors = server.set("zone", Value::Int(1)).unwrap_err();
    let violation = errors.iter().next().unwrap();
    assert_eq!(violation.param("did_you_mean"), None);
    assert_eq!(violation.params().len(), 1);
    assert_eq!(errors.to_string(), "zone: no such field");
    assert_eq!(server, self::server());
}

#[test]
fn set_by_name_refuses_read_only_fields() {
    let mut server = server();
    let errors = server.set("id", Value::UInt(8)).unwrap_err();
    let violation = errors.iter().next().unwrap();
    assert_eq!(violation.code(), "readonly");
    assert_eq!(errors.to_string(), "id: is read-only");
    assert_eq!(server.id, 7);
}

#[test]
fn set_by_name_passes_index_and_value() {
    let mut seen = None;
    __private::set_by_name(&SERVER, "labels", Value::Null, |index, value| {
        seen = Some((index, value));
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, Some((3, Value::Null)));
}

// --- helpers of generated code -----------------------------------------------------------------

#[test]
fn a_model_as_a_value() {
    let value = __private::model_value(&server());
    let Value::Map(entries) = value else {
        panic!("a model is a map")
    };
    let names: Vec<&str> = entries.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["name", "cpuCores", "address", "labels", "id"]);
    assert_eq!(entries[1].1, Value::Int(4));
    assert_eq!(
        __private::model_value(&Plain { size: 1 }),
        Value::Map(vec![("size".into(), Value::Null)])
    );
}

#[test]
fn errors_at_a_field() {
    let errors = __private::field_error("cpuCores", Error::new("odd", "must be even"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors.to_string(), "cpuCores: must be even");

    let errors = __private::read_only(&SERVER_FIELDS[4]);
    let violation = errors.iter().next().unwrap();
    assert_eq!(
        (violation.path().to_string(), violation.code()),
        ("id".to_owned(), "readonly")
    );
    assert_eq!(errors.to_string(), "id: is read-only");
}
