#![cfg(feature = "json")]

//! The `#[serde(...)]` attributes a model honours: `alias`, `skip`, `skip_serializing`,
//! `skip_deserializing`, `default`, `with`, `serialize_with`, `deserialize_with`,
//! `skip_serializing_if` and `flatten`, on the fast path (`serde_json`) and in the full pass
//! that reports every problem (`model::json::from_str`).

use model::{json, Model, Rejected, ValidationErrors};
use serde::de::{self, Deserialize, Deserializer};
use serde::Serializer;

/// Temperatures written as `"21.5C"`.
mod celsius {
    use super::*;

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{value}C"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.strip_suffix('C')
            .and_then(|number| number.parse().ok())
            .ok_or_else(|| {
                de::Error::custom(format!("`{text}` is not a temperature like \"21.5C\""))
            })
    }
}

fn default_unit() -> String {
    "metric".to_owned()
}

#[derive(Model, Debug, PartialEq)]
struct Sensor {
    #[model(length(1..=8))]
    #[serde(alias = "id", alias = "sensor")]
    name: String,
    #[serde(with = "celsius")]
    #[model(range(-50.0..=60.0))]
    temperature: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default = "default_unit")]
    unit: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

fn sensor(json: &str) -> Sensor {
    json::from_str(json).unwrap()
}

/// Each problem as `path code @line:column`.
fn lines(report: &ValidationErrors) -> Vec<String> {
    report
        .iter()
        .map(|v| {
            let at = v
                .position()
                .map_or(String::new(), |p| format!(" @{}:{}", p.line(), p.column()));
            format!("{} {}{at}", v.path(), v.code())
        })
        .collect()
}

fn invalid<T: std::fmt::Debug>(result: Result<T, Rejected<serde_json::Error>>) -> ValidationErrors {
    match result {
        Err(Rejected::Invalid(report)) => report,
        other => panic!("expected a report, got {other:?}"),
    }
}

#[test]
fn with_skip_serializing_if_and_default_write_and_read_back() {
    let read = sensor(r#"{"name": "t1", "temperature": "21.5C"}"#);
    assert_eq!(read.temperature(), 21.5);
    assert_eq!(read.unit(), "metric");
    assert!(read.tags().is_empty());
    // `note` and `tags` are left out; the temperature goes through `celsius::serialize`.
    let written = serde_json::to_string(&read).unwrap();
    assert_eq!(
        written,
        r#"{"name":"t1","temperature":"21.5C","unit":"metric"}"#
    );
    assert_eq!(sensor(&written), read);

    let full = sensor(
        r#"{"name": "t1", "temperature": "-3C", "note": "roof", "unit": "si", "tags": ["a"]}"#,
    );
    let written = serde_json::to_string(&full).unwrap();
    assert_eq!(
        written,
        r#"{"name":"t1","temperature":"-3C","note":"roof","unit":"si","tags":["a"]}"#
    );
    assert_eq!(sensor(&written), full);
}

#[test]
fn skip_serializing_if_keeps_the_struct_length_right() {
    // Formats that write the length of a struct first read back what they wrote.
    struct Counting(Option<usize>);
    impl Counting {
        fn length(sensor: &Sensor) -> usize {
            let mut counting = Counting(None);
            serde::Serialize::serialize(sensor, &mut counting).ok();
            counting.0.unwrap()
        }
    }
    impl Serializer for &mut Counting {
        type Ok = ();
        type Error = std::fmt::Error;
        type SerializeSeq = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeTuple = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeTupleStruct = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeTupleVariant = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeMap = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeStruct = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeStructVariant = serde::ser::Impossible<(), std::fmt::Error>;
        fn serialize_struct(
            self,
            _: &'static str,
            len: usize,
        ) -> Result<Self::SerializeStruct, Self::Error> {
            self.0 = Some(len);
            Err(std::fmt::Error)
        }
        fn serialize_bool(self, _: bool) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_i8(self, _: i8) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_i16(self, _: i16) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_i32(self, _: i32) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_i64(self, _: i64) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_u8(self, _: u8) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_u16(self, _: u16) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_u32(self, _: u32) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_u64(self, _: u64) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_f32(self, _: f32) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_f64(self, _: f64) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_char(self, _: char) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_str(self, _: &str) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_bytes(self, _: &[u8]) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_none(self) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_some<T: serde::Serialize + ?Sized>(self, _: &T) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_unit(self) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
        ) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Self::Error> {
            Err(std::fmt::Error)
        }
    }
    let bare = sensor(r#"{"name": "t1", "temperature": "1C"}"#);
    assert_eq!(Counting::length(&bare), 3);
    let full = sensor(r#"{"name": "t1", "temperature": "1C", "note": "n", "tags": ["a"]}"#);
    assert_eq!(Counting::length(&full), 5);
}

#[test]
fn an_alias_reads_the_field_and_is_not_listed_as_expected() {
    let by_id = sensor(r#"{"id": "t2", "temperature": "0C"}"#);
    let by_sensor = sensor(r#"{"sensor": "t2", "temperature": "0C"}"#);
    assert_eq!(by_id, by_sensor);
    assert_eq!(by_id.name(), "t2");
    // Written back under its own key.
    assert!(serde_json::to_string(&by_id)
        .unwrap()
        .starts_with(r#"{"name":"t2""#));

    let report = invalid(json::from_str::<Sensor>(
        r#"{"name": "t2", "temperature": "0C", "nme": 1}"#,
    ));
    assert_eq!(
        report.to_string(),
        "nme: unknown field; expected one of `name`, `temperature`, `note`, `unit`, `tags` (at line 1, column 37)"
    );
    // The key given twice, once by an alias.
    let report = invalid(json::from_str::<Sensor>(
        r#"{"name": "t2", "temperature": "0C", "id": "t3"}"#,
    ));
    assert_eq!(lines(&report), ["name duplicate_field @1:2"]);
}

#[test]
fn problems_in_an_aliased_field_and_a_with_field_are_recorded_at_their_keys() {
    let text = "{\n  \"id\": [],\n  \"temperature\": \"hot\",\n  \"unit\": 3\n}";
    let report = invalid(json::from_str::<Sensor>(text));
    assert_eq!(
        lines(&report),
        [
            "id invalid_type @2:9",
            "temperature invalid @3:18",
            "unit invalid_type @4:11",
        ]
    );
    assert_eq!(
        report.iter().nth(1).unwrap().to_string(),
        "temperature: `hot` is not a temperature like \"21.5C\" (at line 3, column 18)"
    );
    // An aliased value that cannot be read is not also missing.
    let report = invalid(json::from_str::<Sensor>(
        r#"{"id": 7, "temperature": "0C"}"#,
    ));
    assert_eq!(lines(&report), ["id invalid_type @1:8"]);
    // A broken rule stands where the value does: at the key it was read under.
    let text = r#"{"id": "far-too-long", "temperature": "0C"}"#;
    let report = invalid(json::from_str::<Sensor>(text));
    assert_eq!(lines(&report), ["id length @1:8"]);
    let error = serde_json::from_str::<Sensor>(text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "id: must have between 1 and 8 characters (got 12)"
    );
    // With another problem in the document too.
    let text = r#"{"sensor": "far-too-long", "temperature": "0C", "unit": 1}"#;
    let report = invalid(json::from_str::<Sensor>(text));
    assert_eq!(
        lines(&report),
        ["sensor length @1:12", "unit invalid_type @1:57"]
    );
    // A with-function's value out of the field's range breaks the rule like any other.
    let report = invalid(json::from_str::<Sensor>(
        r#"{"id": "t", "temperature": "99C"}"#,
    ));
    assert_eq!(lines(&report), ["temperature range @1:28"]);
    // On the fast path, the function's own error.
    let error = serde_json::from_str::<Sensor>(r#"{"id": "t", "temperature": "x"}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`x` is not a temperature like \"21.5C\" at line 1 column 31"
    );
}

fn parse_hex<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let text = <&str>::deserialize(deserializer)?;
    u32::from_str_radix(text.trim_start_matches("0x"), 16).map_err(de::Error::custom)
}

fn write_hex<S: Serializer>(value: &u32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format!("0x{value:x}"))
}

fn seven() -> u8 {
    7
}

#[derive(Model, Debug, PartialEq)]
struct Register {
    #[serde(deserialize_with = "parse_hex")]
    #[model(range(..=0xffff))]
    address: u32,
    #[serde(serialize_with = "write_hex")]
    value: u32,
    /// Never read: always its default, which must still hold its rules.
    #[serde(skip_deserializing, default = "seven")]
    #[model(range(1..=9))]
    width: u8,
    /// Never written: read when given.
    #[serde(skip_serializing)]
    #[model(default)]
    scratch: u8,
    /// Neither.
    #[serde(skip)]
    cache: Vec<u8>,
}

#[test]
fn serialize_with_deserialize_with_and_skips() {
    let register: Register =
        json::from_str(r#"{"address": "0x1f", "value": 16, "scratch": 1}"#).unwrap();
    assert_eq!(
        (register.address(), register.value(), register.width()),
        (31, 16, 7)
    );
    assert_eq!((register.scratch(), register.cache()), (1, &Vec::new()));
    assert_eq!(
        serde_json::to_string(&register).unwrap(),
        r#"{"address":31,"value":"0x10","width":7}"#
    );
    // A key that is not read is an unknown field, as serde has it.
    let report = invalid(json::from_str::<Register>(
        r#"{"address": "0x1", "value": 1, "width": 3, "cache": []}"#,
    ));
    assert_eq!(
        lines(&report),
        ["width unknown_field @1:32", "cache unknown_field @1:44"]
    );
    let report = invalid(json::from_str::<Register>(
        r#"{"address": "0x10000", "value": 1}"#,
    ));
    assert_eq!(lines(&report), ["address range @1:13"]);
    let report = invalid(json::from_str::<Register>(
        r#"{"address": "zz", "value": 1}"#,
    ));
    assert_eq!(
        report.to_string(),
        "address: invalid digit found in string (at line 1, column 13)"
    );
}

fn zero() -> u8 {
    0
}

#[derive(Model, Debug)]
struct Dial {
    #[serde(skip, default = "zero")]
    #[model(range(1..=9))]
    level: u8,
}

#[test]
fn a_skipped_field_is_validated_like_any_constructed_value() {
    let report = invalid(json::from_str::<Dial>("{}"));
    assert_eq!(
        report.to_string(),
        "level: must be between 1 and 9 (got 0) (at line 1, column 1)"
    );
    assert!(serde_json::from_str::<Dial>("{}").is_err());
}

#[derive(Model, Debug, PartialEq)]
struct Owner {
    #[model(length(1..=8))]
    owner: String,
    #[model(range(1..=5))]
    priority: u8,
}

#[derive(Model, Debug, PartialEq)]
struct Job {
    #[model(length(1..=20))]
    name: String,
    #[model(nested)]
    #[serde(flatten)]
    details: Owner,
    #[serde(default)]
    retries: u8,
}

#[test]
fn a_flattened_model_is_written_and_read_at_the_parent_level() {
    let text = r#"{"name":"build","owner":"ann","priority":2,"retries":3}"#;
    let job: Job = json::from_str(text).unwrap();
    assert_eq!(job.details().owner(), "ann");
    assert_eq!(job.details().priority(), 2);
    assert_eq!(serde_json::to_string(&job).unwrap(), text);
    // Keys in any order, the parent's own and the flattened model's mixed.
    let mixed: Job =
        serde_json::from_str(r#"{"priority": 2, "name": "build", "retries": 3, "owner": "ann"}"#)
            .unwrap();
    assert_eq!(mixed, job);
    let value = serde_json::to_value(&job).unwrap();
    assert_eq!(value["owner"], "ann");
}

#[test]
fn problems_of_a_flattened_model_join_the_parents_at_its_level() {
    let text = "{\n  \"name\": \"\",\n  \"owner\": \"far-too-long\",\n  \"priority\": \"high\",\n  \"colour\": 1,\n  \"retries\": -1\n}";
    let report = invalid(json::from_str::<Job>(text));
    assert_eq!(
        lines(&report),
        [
            "name length @2:11",
            "owner length @3:12",
            "priority invalid_type @4:15",
            "colour unknown_field @5:3",
            "retries out_of_range @6:14",
        ]
    );
    // The flattened model's keys are its own: one missing is reported at the parent's level.
    let report = invalid(json::from_str::<Job>(r#"{"name": "a", "owner": "ann"}"#));
    assert_eq!(lines(&report), ["priority required @1:1"]);
    // The fast path fails with the flattened model's error.
    assert!(serde_json::from_str::<Job>(r#"{"name": "a", "owner": "ann"}"#).is_err());
}

/// One value or a list of them.
fn one_or_many<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum OneOrMany<T> {
        One(T),
        Many(Vec<T>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(item) => vec![item],
        OneOrMany::Many(items) => items,
    })
}

#[derive(Model, Debug, PartialEq)]
struct Page<T> {
    #[serde(alias = "entries", skip_serializing_if = "Vec::is_empty", default)]
    #[serde(deserialize_with = "one_or_many")]
    items: Vec<T>,
    #[serde(serialize_with = "write_hex")]
    #[model(range(..=100))]
    total: u32,
}

#[test]
fn generic_models_take_serde_attributes() {
    let page: Page<String> = json::from_str(r#"{"entries": ["a"], "total": 1}"#).unwrap();
    assert_eq!(page.items(), &["a".to_owned()]);
    assert_eq!(
        serde_json::to_string(&page).unwrap(),
        r#"{"items":["a"],"total":"0x1"}"#
    );
    let one: Page<u8> = json::from_str(r#"{"items": 7, "total": 1}"#).unwrap();
    assert_eq!(one.items(), &[7]);
    let empty: Page<u8> = json::from_str(r#"{"total": 2}"#).unwrap();
    assert_eq!(serde_json::to_string(&empty).unwrap(), r#"{"total":"0x2"}"#);
}

/// With `serde = false`, `#[serde(...)]` belongs to the user's own derive.
#[derive(Model, serde::Serialize, serde::Deserialize, Debug)]
#[model(serde = false)]
#[serde(rename_all = "UPPERCASE", deny_unknown_fields)]
struct Own {
    #[serde(rename = "ID")]
    id: u32,
}

#[test]
fn without_the_generated_serde_the_users_derive_reads_its_attributes() {
    let own: Own = serde_json::from_str(r#"{"ID": 3}"#).unwrap();
    assert_eq!(own.id(), 3);
}

fn parse_token<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let text = String::deserialize(deserializer)?;
    match text.strip_prefix("tok-") {
        Some(_) => Ok(text),
        None => Err(de::Error::custom(format!("`{text}` is not a token"))),
    }
}

#[derive(Model)]
struct Login {
    user: String,
    #[model(secret)]
    #[serde(deserialize_with = "parse_token")]
    token: String,
}

#[test]
fn a_with_function_never_shows_a_secret_value() {
    let text = r#"{"user": "ann", "token": "hunter2"}"#;
    let report = invalid(json::from_str::<Login>(text));
    assert_eq!(
        report.to_string(),
        "token: cannot be read (not shown: the field is secret) (at line 1, column 26)"
    );
    let error = serde_json::from_str::<Login>(text).unwrap_err().to_string();
    assert!(!error.contains("hunter2"), "{error}");
}

#[cfg(feature = "toml")]
#[test]
fn toml_reads_aliases_and_flattened_models_with_every_problem() {
    let job: Job =
        model::toml::from_str("name = \"build\"\nowner = \"ann\"\npriority = 2\n").unwrap();
    assert_eq!(job.details().owner(), "ann");
    assert_eq!(job.retries(), 0);
    let text = "name = \"build\"\nowner = \"far-too-long\"\npriority = 9\nretries = 1\n";
    let report = match model::toml::from_str::<Job>(text) {
        Err(Rejected::Invalid(report)) => report,
        other => panic!("expected a report, got {other:?}"),
    };
    assert_eq!(
        lines(&report),
        ["owner length @2:9", "priority range @3:12"]
    );

    let sensor: Sensor = model::toml::from_str("id = \"t1\"\ntemperature = \"4C\"\n").unwrap();
    assert_eq!(sensor.name(), "t1");
    let report = match model::toml::from_str::<Sensor>("sensor = \"\"\ntemperature = \"4\"\n") {
        Err(Rejected::Invalid(report)) => report,
        other => panic!("expected a report, got {other:?}"),
    };
    assert_eq!(
        lines(&report),
        ["sensor length @1:10", "temperature invalid @2:15"]
    );
}

/// A format in which a struct is not a map (as in RON, whose structs are tuples): what serde
/// writes and reads a model with a flattened field as, a map, still reads back.
struct StructsAreNotMaps(serde_json::Value);

impl<'de> Deserializer<'de> for StructsAreNotMaps {
    type Error = serde_json::Error;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_any(visitor)
    }

    fn deserialize_struct<V: de::Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("a struct is written as a tuple"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[test]
fn a_model_with_a_flattened_field_is_read_as_the_map_it_is_written_as() {
    let job: Job = json::from_str(r#"{"name": "build", "owner": "ann", "priority": 2}"#).unwrap();
    let written = serde_json::to_value(&job).unwrap();
    assert_eq!(
        Job::deserialize(StructsAreNotMaps(written.clone())).unwrap(),
        job
    );
    assert!(Owner::deserialize(StructsAreNotMaps(written)).is_err());
}

#[test]
fn the_registry_reads_aliases_and_flattened_models_with_the_tag_first_or_last() {
    let first =
        model::from_json(r#"{"type": "Job", "name": "b", "owner": "ann", "priority": 2}"#).unwrap();
    assert_eq!(
        first.downcast_ref::<Job>().unwrap().details().owner(),
        "ann"
    );
    let last = model::from_json(r#"{"id": "t", "temperature": "1C", "type": "Sensor"}"#).unwrap();
    assert_eq!(last.downcast_ref::<Sensor>().unwrap().name(), "t");
    let error = model::from_json(r#"{"type": "Job", "name": "b", "owner": "", "priority": 2}"#)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "owner: must have between 1 and 8 characters (got 0) (at line 1, column 39)"
    );
}
