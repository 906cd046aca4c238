//! `Serialize` for the error report (feature `serde`): what an HTTP answer or a log line carries.
//!
//! The shape is stable, and meant for answers, not for reading back (nothing here implements
//! `Deserialize`). A [`ValidationErrors`] is a list of violations; each [`Violation`] is an
//! object:
//!
//! ```json
//! [
//!   {
//!     "path": "servers[1].name",
//!     "loc": ["servers", 1, "name"],
//!     "code": "length",
//!     "message": "must have between 1 and 64 characters (got 0)",
//!     "params": {"min": 1, "max": 64, "unit": "characters", "length": 0},
//!     "line": 4,
//!     "column": 14
//!   }
//! ]
//! ```
//!
//! - `path`: the path as displayed (`""` for the model itself: a struct-level check);
//! - `loc`: the same path as a list of steps: a field's name or a map's key as a string, a
//!   position in a list as a number;
//! - `code`: the stable code (`length`, `required`, `unknown_field`...);
//! - `message`: the message, parameters filled in, without the path;
//! - `params`: the typed parameters, `{}` when there are none: numbers stay numbers, lists and
//!   maps stay lists and maps;
//! - `line` and `column` (both from 1, the column in characters): where the value stood in the
//!   text it was read from, only when known.
//!
//! A secret field's value is redacted when the violation is recorded, so it appears neither in
//! `params` nor in `message`.
//!
//! A [`Path`] serializes as its text, a [`Segment`] as a string or a number, a [`Value`] as the
//! plain value it holds, and a [`Position`] as `{"line": 4, "column": 14}`.

use crate::error::{Params, Position, ValidationErrors, Violation};
use crate::path::{Path, Segment};
use crate::value::Value;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};

impl Serialize for ValidationErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let position = self.position();
        let len = 5 + if position.is_some() { 2 } else { 0 };
        let mut state = serializer.serialize_struct("Violation", len)?;
        state.serialize_field("path", self.path())?;
        state.serialize_field("loc", &Loc(self.path()))?;
        state.serialize_field("code", self.code())?;
        state.serialize_field("message", &self.message())?;
        state.serialize_field("params", self.params())?;
        match position {
            Some(position) => {
                state.serialize_field("line", &position.line())?;
                state.serialize_field("column", &position.column())?;
            }
            None => {
                state.skip_field("line")?;
                state.skip_field("column")?;
            }
        }
        state.end()
    }
}

/// A path as the list of its steps.
struct Loc<'a>(&'a Path);

impl Serialize for Loc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let steps = self.0.segments();
        let mut seq = serializer.serialize_seq(Some(steps.len()))?;
        for step in steps {
            seq.serialize_element(step)?;
        }
        seq.end()
    }
}

impl Serialize for Path {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for Segment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Segment::Field(name) => serializer.serialize_str(name),
            Segment::Index(index) => serializer.serialize_u64(*index as u64),
            Segment::Key(key) => serializer.serialize_str(key),
        }
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (name, value) in self.iter() {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(v) => serializer.serialize_bool(*v),
            Value::Int(v) => serializer.serialize_i64(*v),
            Value::UInt(v) => serializer.serialize_u64(*v),
            Value::Float(v) => serializer.serialize_f64(*v),
            Value::Str(v) => serializer.serialize_str(v),
            Value::List(items) => serializer.collect_seq(items),
            Value::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl Serialize for Position {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Position", 2)?;
        state.serialize_field("line", &self.line())?;
        state.serialize_field("column", &self.column())?;
        state.end()
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use crate::error::{Error, Position, ValidationErrors, Violation};
    use crate::path::{Path, Segment, Trail};
    use crate::value::Value;

    #[test]
    fn a_report_is_a_list_of_violations() {
        let mut report = ValidationErrors::new();
        let root = Trail::Root;
        let servers = root.field("servers");
        let second = servers.index(1);
        report.add(
            &second.field("name"),
            Error::new(
                "length",
                "must have at least {min} characters (got {length})",
            )
            .with_param("min", 1u64)
            .with_param("length", 0u64),
        );
        let mut secret =
            Error::new("pattern", "must not be {value}").with_param("value", "hunter2");
        secret.redact();
        report.push(
            Violation::new(Path::field("password"), secret).with_position(Position::new(3, 15)),
        );
        report.add(&root, Error::new("fits", "does not fit"));
        let key: Path = [Segment::Field("limits".into()), Segment::Key("cpu".into())]
            .into_iter()
            .collect();
        report.push(Violation::new(
            key,
            Error::new("range", "too big")
                .with_param("max", Value::List(vec![Value::Float(1.5), Value::Null])),
        ));

        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(
            json,
            serde_json::json!([
                {
                    "path": "servers[1].name",
                    "loc": ["servers", 1, "name"],
                    "code": "length",
                    "message": "must have at least 1 characters (got 0)",
                    "params": {"min": 1, "length": 0}
                },
                {
                    "path": "password",
                    "loc": ["password"],
                    "code": "pattern",
                    "message": "must not be [redacted]",
                    "params": {"value": "[redacted]"},
                    "line": 3,
                    "column": 15
                },
                {"path": "", "loc": [], "code": "fits", "message": "does not fit", "params": {}},
                {
                    "path": "limits[\"cpu\"]",
                    "loc": ["limits", "cpu"],
                    "code": "range",
                    "message": "too big",
                    "params": {"max": [1.5, null]}
                }
            ])
        );
        assert!(!serde_json::to_string(&report).unwrap().contains("hunter2"));
    }

    #[test]
    fn values_and_positions() {
        let map = Value::Map(vec![
            ("a".into(), Value::Int(-1)),
            ("b".into(), Value::UInt(u64::MAX)),
        ]);
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            format!(r#"{{"a":-1,"b":{}}}"#, u64::MAX)
        );
        assert_eq!(serde_json::to_string(&Value::Bool(true)).unwrap(), "true");
        assert_eq!(
            serde_json::to_string(&Position::new(4, 14)).unwrap(),
            r#"{"line":4,"column":14}"#
        );
        assert_eq!(serde_json::to_string(&Path::root()).unwrap(), r#""""#);
    }
}
