//! [`Slot`]: one field's value in a record, of a layout fixed by the field's [`Kind`], and its
//! conversions from and to [`Value`].

use super::define::{Int, Kind};
use super::record::Record;
use crate::error::{Error, ValidationErrors};
use crate::path::Trail;
use crate::value::Value;

/// One value of a record: the variant is decided by the field's kind, never by the input.
///
/// Text is a `Box<str>` and collections boxed slices: no spare capacity is kept.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Slot {
    /// An optional field without a value.
    Null,
    /// [`Kind::Bool`].
    Bool(bool),
    /// A signed [`Kind::Integer`].
    Int(i64),
    /// An unsigned [`Kind::Integer`].
    UInt(u64),
    /// [`Kind::Float`].
    Float(f64),
    /// [`Kind::Text`].
    Text(Box<str>),
    /// [`Kind::List`].
    List(Box<[Slot]>),
    /// [`Kind::Map`], in input order, keys unique.
    Map(Box<[(Box<str>, Slot)]>),
    /// [`Kind::Model`].
    Record(Box<Record>),
}

/// The error of a value of the wrong kind, as [`FromValue`](crate::FromValue) words it.
#[cold]
pub(crate) fn mismatch(expected: &'static str, found: &Value) -> Error {
    Error::new("type", "expected {expected}, found {found}")
        .with_param("expected", expected)
        .with_param("found", found.kind())
}

/// What a kind expects, in the words of [`mismatch`].
pub(crate) fn expected(kind: &Kind) -> &'static str {
    match kind {
        Kind::Bool => "a boolean",
        Kind::Integer(_) => "an integer",
        Kind::Float => "a number",
        Kind::Text => "text",
        Kind::List(_) => "a list",
        Kind::Map(_) | Kind::Model(_) => "a map",
        Kind::Optional(inner) => expected(inner),
    }
}

/// The integer `value` as a slot of format `int`, or `None` when it does not fit.
pub(crate) fn int_slot(int: Int, value: &Value) -> Option<Slot> {
    let (low, high) = (int.min(), int.max());
    match *value {
        Value::Int(v) if v >= low && (v < 0 || v as u64 <= high) => Some(if int.is_unsigned() {
            Slot::UInt(v as u64)
        } else {
            Slot::Int(v)
        }),
        Value::UInt(v) if v <= high => Some(if int.is_unsigned() {
            Slot::UInt(v)
        } else {
            Slot::Int(v as i64)
        }),
        _ => None,
    }
}

impl Slot {
    /// `value` as a slot of `kind`, checking the kind and range only (rules are checked by the
    /// caller); mistakes are recorded in `errors` at `at` with the code `type`, every one.
    pub(crate) fn from_value(
        kind: &Kind,
        value: Value,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) -> Option<Slot> {
        let slot = match (kind, value) {
            (Kind::Optional(_), Value::Null) => Slot::Null,
            (Kind::Optional(inner), value) => return Slot::from_value(inner, value, at, errors),
            (Kind::Bool, Value::Bool(v)) => Slot::Bool(v),
            (Kind::Integer(int), value @ (Value::Int(_) | Value::UInt(_))) => {
                match int_slot(*int, &value) {
                    Some(slot) => slot,
                    None => {
                        errors.add(
                            at,
                            Error::new("type", "{value} does not fit in {expected}")
                                .with_param("value", value)
                                .with_param("expected", int.format()),
                        );
                        return None;
                    }
                }
            }
            (Kind::Float, value @ (Value::Int(_) | Value::UInt(_) | Value::Float(_))) => {
                Slot::Float(value.as_f64().unwrap_or(f64::NAN))
            }
            (Kind::Text, Value::Str(text)) => Slot::Text(text.into_owned().into_boxed_str()),
            (Kind::List(item), Value::List(items)) => {
                let before = errors.len();
                let slots: Vec<Slot> = items
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, v)| Slot::from_value(item, v, &Trail::Index(at, i), errors))
                    .collect();
                if errors.len() > before {
                    return None;
                }
                Slot::List(slots.into_boxed_slice())
            }
            (Kind::Map(value_kind), Value::Map(entries)) => {
                let before = errors.len();
                let mut slots: Vec<(Box<str>, Slot)> = Vec::with_capacity(entries.len());
                for (key, v) in entries {
                    let trail = Trail::Key(at, &key);
                    if slots.iter().any(|(k, _)| **k == *key) {
                        errors.add(&trail, Error::new("duplicate_key", "duplicate key"));
                        continue;
                    }
                    if let Some(slot) = Slot::from_value(value_kind, v, &trail, errors) {
                        slots.push((key.into_boxed_str(), slot));
                    }
                }
                if errors.len() > before {
                    return None;
                }
                Slot::Map(slots.into_boxed_slice())
            }
            (Kind::Model(model), Value::Map(entries)) => {
                return Record::from_entries(model, entries, at, errors)
                    .map(|record| Slot::Record(Box::new(record)));
            }
            (kind, value) => {
                errors.add(at, mismatch(expected(kind), &value));
                return None;
            }
        };
        Some(slot)
    }

    /// The slot as a [`Value`]; records become maps of their fields by external name, secrets
    /// included (callers redact).
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Slot::Null => Value::Null,
            Slot::Bool(v) => Value::Bool(*v),
            Slot::Int(v) => Value::Int(*v),
            Slot::UInt(v) => Value::UInt(*v),
            Slot::Float(v) => Value::Float(*v),
            Slot::Text(text) => Value::Str(std::borrow::Cow::Owned(text.to_string())),
            Slot::List(items) => Value::List(items.iter().map(Slot::to_value).collect()),
            Slot::Map(entries) => Value::Map(
                entries
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_value()))
                    .collect(),
            ),
            Slot::Record(record) => record.to_value(),
        }
    }
}
