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
    deny_unknown: bool,
}

impl FieldKey {
    /// The key reader of a model whose input keys are `keys`.
    #[inline]
    pub const fn new(keys: &'static [&'static str], deny_unknown: bool) -> FieldKey {
        FieldKey { keys, deny_unknown }
    }

    fn find<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        match self.keys.iter().position(|k| *k == key) {
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

/// Reads the value of the field `key` into its `slot`; a key given twice is an error.
#[inline]
pub fn slot<'de, A, T>(slot: &mut Option<T>, key: &'static str, map: &mut A) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// [`slot`] for a `nested` field: its models are validated by the parent, with full paths.
#[inline]
pub fn nested_slot<'de, A, T>(
    slot: &mut Option<T>,
    key: &'static str,
    map: &mut A,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    *slot = Some(map.next_value_seed(NestedSeed(PhantomData))?);
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

/// The next element of a sequence (formats that write structs as sequences), or `None`.
#[inline]
pub fn element<'de, A, T>(seq: &mut A) -> Result<Option<T>, A::Error>
where
    A: SeqAccess<'de>,
    T: Deserialize<'de>,
{
    seq.next_element()
}

/// [`element`] for a `nested` field.
#[inline]
pub fn nested_element<'de, A, T>(seq: &mut A) -> Result<Option<T>, A::Error>
where
    A: SeqAccess<'de>,
    T: Deserialize<'de>,
{
    seq.next_element_seed(NestedSeed(PhantomData))
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
