//! [`Slot`]: one field's value in a record, of a layout fixed by the field's [`Kind`], and its
//! conversions from and to [`Value`].

use super::define::{Int, Kind};
use super::record::Record;
use crate::error::{Error, ValidationErrors};
use crate::path::Trail;
use crate::value::Value;

/// One value of a record: the variant is decided by the field's kind, never by the input.
///
/// Text of up to [`INLINE`] bytes is kept in the slot itself, longer text in a `Box<str>`;
/// collections are boxed slices: no spare capacity is kept. A slot takes 24 bytes.
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
    /// [`Kind::Text`] of at most [`INLINE`] bytes: its length, and its bytes (zeros after).
    Short(u8, [u8; INLINE]),
    /// [`Kind::Text`] longer than [`INLINE`] bytes.
    Text(Box<str>),
    /// [`Kind::List`].
    List(Box<[Slot]>),
    /// [`Kind::Map`], in input order, keys unique.
    Map(Box<[(Box<str>, Slot)]>),
    /// [`Kind::Model`].
    Record(Box<Record>),
    /// [`Kind::Any`].
    Any(Box<Value>),
    /// [`Kind::Compiled`].
    #[cfg(feature = "json")]
    Compiled(Box<dyn super::compiled::Erased>),
    /// While a record is read: a field not (yet) given. Never in a finished record.
    Missing,
    /// While a record is read: a field given a value that was refused. Never in a finished
    /// record.
    Refused,
}

/// The keys of a map being read, to find those given twice: a list while few, a hash set
/// beyond, so that a map of many keys is read in linear time.
#[derive(Default)]
pub(crate) struct Seen {
    few: Vec<Box<str>>,
    many: Option<std::collections::HashSet<Box<str>>>,
}

impl Seen {
    /// Records `key`; `false` if it was seen already.
    pub(crate) fn insert(&mut self, key: &str) -> bool {
        if let Some(many) = &mut self.many {
            return many.insert(Box::from(key));
        }
        if self.few.iter().any(|k| **k == *key) {
            return false;
        }
        self.few.push(Box::from(key));
        if self.few.len() > 16 {
            self.many = Some(self.few.drain(..).collect());
        }
        true
    }
}

/// Up to eight bytes as a little-endian word, zeros past their end, read in at most two
/// overlapping loads.
#[inline]
fn word(b: &[u8]) -> u64 {
    let len = b.len();
    if let Some(w) = b.first_chunk::<8>() {
        u64::from_le_bytes(*w)
    } else if let (Some(head), Some(tail)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        u64::from(u32::from_le_bytes(*head))
            | u64::from(u32::from_le_bytes(*tail)) << (8 * (len - 4))
    } else if let (Some(head), Some(tail)) = (b.first_chunk::<2>(), b.last_chunk::<2>()) {
        u64::from(u16::from_le_bytes(*head))
            | u64::from(u16::from_le_bytes(*tail)) << (8 * (len - 2))
    } else {
        b.first().map_or(0, |&x| u64::from(x))
    }
}

/// The longest text kept in a slot itself.
pub(crate) const INLINE: usize = 22;

impl Slot {
    /// The slot of `text`: inline when short. The bytes are gathered into whole words before
    /// they are stored, so that the slot is written in wide stores, not byte by byte.
    pub(crate) fn text(text: &str) -> Slot {
        let b = text.as_bytes();
        match u8::try_from(b.len()) {
            Ok(len) if b.len() <= INLINE => {
                let end = b.len();
                let w0 = word(&b[..end.min(8)]);
                let w1 = word(b.get(8..end.min(16)).unwrap_or_default());
                let w2 = word(b.get(16..).unwrap_or_default());
                let mut bytes = [0; INLINE];
                bytes[..8].copy_from_slice(&w0.to_le_bytes());
                bytes[8..16].copy_from_slice(&w1.to_le_bytes());
                bytes[16..].copy_from_slice(&w2.to_le_bytes()[..INLINE - 16]);
                Slot::Short(len, bytes)
            }
            _ => Slot::Text(Box::from(text)),
        }
    }

    /// The text of a text slot.
    pub(crate) fn as_text(&self) -> Option<&str> {
        match self {
            // Written from a `&str` only: always UTF-8.
            Slot::Short(len, bytes) => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok()),
            Slot::Text(text) => Some(text),
            _ => None,
        }
    }
}

/// The error of a value of the wrong kind, as [`FromValue`](crate::FromValue) words it.
#[cold]
pub(crate) fn mismatch(expected: &'static str, found: &Value) -> Error {
    crate::from_value::mismatch(expected, found)
}

/// The error of a float that is NaN or infinite: a float field holds finite numbers only, so
/// that a record always writes as JSON and reads back.
#[cold]
pub(crate) fn not_finite(value: Value) -> Error {
    Error::new("not_finite", "must be a finite number (got {value})").with_param("value", value)
}

/// Checks a value of [`Kind::Any`]: its floats finite, the keys of each of its maps once each.
fn check_any(value: &Value, at: &Trail<'_>, errors: &mut ValidationErrors) {
    match value {
        Value::Float(f) if !f.is_finite() => errors.add(at, not_finite(value.clone())),
        Value::List(items) => {
            for (i, item) in items.iter().enumerate() {
                check_any(item, &Trail::Index(at, i), errors);
            }
        }
        Value::Map(entries) => {
            let mut seen = Seen::default();
            for (key, item) in entries {
                let at = Trail::Key(at, key);
                if !seen.insert(key) {
                    errors.add(&at, crate::error::duplicate_field());
                }
                check_any(item, &at, errors);
            }
        }
        _ => {}
    }
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
        #[cfg(feature = "json")]
        Kind::Compiled(_) => "a map",
        Kind::Optional(inner) => expected(inner),
        Kind::Any => "any value",
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
                        errors.add(at, crate::from_value::out_of_range(value, int.rust_name()));
                        return None;
                    }
                }
            }
            (Kind::Float, value @ (Value::Int(_) | Value::UInt(_) | Value::Float(_))) => {
                match value.as_f64().filter(|f| f.is_finite()) {
                    Some(f) => Slot::Float(f),
                    None => {
                        errors.add(at, not_finite(value));
                        return None;
                    }
                }
            }
            (Kind::Text, Value::Str(text)) => Slot::text(&text),
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
                let mut seen = Seen::default();
                for (key, v) in entries {
                    let trail = Trail::Key(at, &key);
                    if !seen.insert(&key) {
                        errors.add(&trail, crate::error::duplicate_field());
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
            (Kind::Any, value) => {
                let before = errors.len();
                check_any(&value, at, errors);
                if errors.len() > before {
                    return None;
                }
                Slot::Any(Box::new(value))
            }
            (Kind::Model(model), Value::Map(entries)) => {
                return Record::from_entries(model, entries, at, errors)
                    .map(|record| Slot::Record(Box::new(record)));
            }
            #[cfg(feature = "json")]
            (Kind::Compiled(model), value @ Value::Map(_)) => {
                match (model.read)(&super::compiled::node(&value)) {
                    Ok(model) => Slot::Compiled(model),
                    Err(report) => {
                        errors.absorb(at, report);
                        return None;
                    }
                }
            }
            (kind, value) => {
                errors.add(at, mismatch(expected(kind), &value));
                return None;
            }
        };
        Some(slot)
    }

    /// The slot as a [`Value`] to show (`get`, `fields`): as [`Slot::to_value`], with the secret
    /// fields of the records and compiled models nested in it [`Value::REDACTED`], at any depth.
    pub(crate) fn shown(&self) -> Value {
        match self {
            Slot::List(items) => Value::List(items.iter().map(Slot::shown).collect()),
            Slot::Map(entries) => Value::Map(
                entries
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.shown()))
                    .collect(),
            ),
            Slot::Record(record) => record.shown(),
            #[cfg(feature = "json")]
            Slot::Compiled(model) => model.shown(),
            other => other.to_value(),
        }
    }

    /// The slot as a [`Value`]; records become maps of their fields by external name, secrets
    /// included (for checks and writing; [`Slot::shown`] redacts).
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Slot::Null | Slot::Missing | Slot::Refused => Value::Null,
            Slot::Bool(v) => Value::Bool(*v),
            Slot::Int(v) => Value::Int(*v),
            Slot::UInt(v) => Value::UInt(*v),
            Slot::Float(v) => Value::Float(*v),
            Slot::Short(..) | Slot::Text(_) => Value::Str(std::borrow::Cow::Owned(
                self.as_text().unwrap_or_default().to_owned(),
            )),
            Slot::List(items) => Value::List(items.iter().map(Slot::to_value).collect()),
            Slot::Map(entries) => Value::Map(
                entries
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_value()))
                    .collect(),
            ),
            Slot::Record(record) => record.to_value(),
            Slot::Any(value) => (**value).clone(),
            #[cfg(feature = "json")]
            Slot::Compiled(model) => super::compiled::to_value(&**model),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_takes_24_bytes_and_short_text_stays_inline() {
        assert_eq!(std::mem::size_of::<Slot>(), 24);
        for text in [
            "",
            "é",
            "exactly twenty-two b.",
            "twenty-three bytes long",
            "ünïcödé ünïcödé ünïcödé",
        ] {
            let slot = Slot::text(text);
            assert_eq!(slot.as_text(), Some(text));
            assert_eq!(
                matches!(slot, Slot::Short(..)),
                text.len() <= INLINE,
                "{text}"
            );
        }
        let letters = "abcdefghijklmnopqrstuvwxyz";
        for n in 0..=letters.len() {
            assert_eq!(Slot::text(&letters[..n]).as_text(), Some(&letters[..n]));
        }
        assert_ne!(Slot::text("ab"), Slot::text("abc"));
        assert_eq!(Slot::Int(1).as_text(), None);
    }
}
