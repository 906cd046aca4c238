//! JSON values read as the model's: numbers as whole bounds, values as [`Value`]s of a kind.

use crate::dynamic::Kind;
use crate::value::Value;
use serde_json::Value as Json;

/// The smallest whole number ≥ `n`.
pub(super) fn ceil(n: &serde_json::Number) -> i128 {
    exact(n).unwrap_or_else(|| n.as_f64().map_or(0, |f| f.ceil() as i128))
}

/// The largest whole number ≤ `n`.
pub(super) fn floor(n: &serde_json::Number) -> i128 {
    exact(n).unwrap_or_else(|| n.as_f64().map_or(0, |f| f.floor() as i128))
}

/// `n` as a whole number, when it is one (as an integer in the JSON).
fn exact(n: &serde_json::Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

/// `json` as a value of `kind`, if it is one (`1.0` is the integer 1).
pub(super) fn of_kind(json: &Json, kind: &Kind) -> Option<Value> {
    match (kind.required(), json) {
        (Kind::Bool, Json::Bool(b)) => Some(Value::Bool(*b)),
        (Kind::Text, Json::String(s)) => Some(Value::Str(s.clone().into())),
        (Kind::Float, Json::Number(n)) => n.as_f64().map(Value::Float),
        (Kind::Integer(int), Json::Number(n)) => {
            let whole = exact(n).or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 1.0e19)
                    .map(|f| f as i128)
            })?;
            if whole < i128::from(int.min()) || whole > i128::from(int.max()) {
                return None;
            }
            Some(if int.is_unsigned() {
                Value::UInt(whole as u64)
            } else {
                Value::Int(whole as i64)
            })
        }
        _ => None,
    }
}

/// A JSON value as a [`Value`] (for defaults).
pub(super) fn value(json: &Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => n
            .as_i64()
            .map(Value::Int)
            .or_else(|| n.as_u64().map(Value::UInt))
            .unwrap_or_else(|| Value::Float(n.as_f64().unwrap_or(f64::NAN))),
        Json::String(s) => Value::Str(s.clone().into()),
        Json::Array(items) => Value::List(items.iter().map(value).collect()),
        Json::Object(entries) => {
            Value::Map(entries.iter().map(|(k, v)| (k.clone(), value(v))).collect())
        }
    }
}
