//! The building blocks of the `Deserialize` that `#[derive(Model)]` writes (feature `serde`):
//! generic code, compiled once per field type, so that each model emits only a match over its
//! field indices.

use crate::de::deserialize_nested;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// Reads a map key as the index of a model's field in `keys`; `None` for an unknown key when
/// unknown fields are allowed.
#[derive(Clone, Copy)]
pub struct FieldKey {
    keys: &'static [&'static str],
    index: fn(&str) -> Option<usize>,
    deny_unknown: bool,
}

impl FieldKey {
    /// The key reader of a model whose input keys are `keys`; `index` finds a key's index (a
    /// generated `match`, faster than comparing with each key in turn).
    #[inline]
    pub const fn new(
        keys: &'static [&'static str],
        index: fn(&str) -> Option<usize>,
        deny_unknown: bool,
    ) -> FieldKey {
        FieldKey {
            keys,
            index,
            deny_unknown,
        }
    }

    #[inline]
    fn find<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        match (self.index)(key) {
            Some(index) => Ok(Some(index)),
            None if self.deny_unknown => Err(E::unknown_field(key, self.keys)),
            None => Ok(None),
        }
    }
}

impl<'de> DeserializeSeed<'de> for FieldKey {
    type Value = Option<usize>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldKey {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        self.find(key)
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        match std::str::from_utf8(key) {
            Ok(key) => self.find(key),
            Err(_) => self.find(&String::from_utf8_lossy(key)),
        }
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Self::Value, E> {
        match usize::try_from(index) {
            Ok(index) if index < self.keys.len() => Ok(Some(index)),
            _ if self.deny_unknown => Err(E::invalid_value(
                de::Unexpected::Unsigned(index),
                &"the index of a field",
            )),
            _ => Ok(None),
        }
    }
}

/// Reads the value of the field `key` into its `slot`; a key given twice is an error. A
/// `nested` field's models are validated by the parent, with full paths; a `secret` field's
/// value never shows in the error of a value that does not fit its type.
#[inline]
pub fn slot<'de, A, T>(
    slot: &mut Option<T>,
    key: &'static str,
    map: &mut A,
    nested: bool,
    secret: bool,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    let value = if nested {
        map.next_value_seed(NestedSeed(PhantomData))
    } else {
        map.next_value()
    };
    *slot = Some(value.map_err(|error| hide(error, key, secret))?);
    Ok(())
}

/// Skips the value of an unknown key (when unknown fields are allowed).
#[inline]
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// The error for a required field missing from the input.
#[cold]
pub fn missing<E: de::Error>(key: &'static str) -> E {
    E::missing_field(key)
}

/// The next element of a sequence (formats that write structs as sequences), or `None`; the
/// field's `nested` and `secret` as in [`slot`].
#[inline]
pub fn element<'de, A, T>(
    seq: &mut A,
    key: &'static str,
    nested: bool,
    secret: bool,
) -> Result<Option<T>, A::Error>
where
    A: SeqAccess<'de>,
    T: Deserialize<'de>,
{
    let value = if nested {
        seq.next_element_seed(NestedSeed(PhantomData))
    } else {
        seq.next_element()
    };
    value.map_err(|error| hide(error, key, secret))
}

/// Skips the `count` computed fields a model writes after its stored ones.
#[inline]
pub fn skip_elements<'de, A: SeqAccess<'de>>(seq: &mut A, count: usize) -> Result<(), A::Error> {
    for _ in 0..count {
        if seq.next_element::<IgnoredAny>()?.is_none() {
            break;
        }
    }
    Ok(())
}

/// The error of a secret field's value, without the value.
#[inline]
fn hide<E: de::Error>(error: E, key: &'static str, secret: bool) -> E {
    if secret {
        secret_error(key)
    } else {
        error
    }
}

#[cold]
fn secret_error<E: de::Error>(key: &'static str) -> E {
    E::custom(format_args!(
        "invalid value for the secret field `{key}` (not shown)"
    ))
}

/// The error for a sequence that ended before field `index` of a model of `count` fields.
#[cold]
pub fn too_short<E: de::Error>(index: usize, expected: &'static str) -> E {
    E::invalid_length(index, &expected)
}

struct NestedSeed<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for NestedSeed<T> {
    type Value = T;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserialize_nested(deserializer)
    }
}
