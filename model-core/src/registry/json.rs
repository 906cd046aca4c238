//! The registry's direct JSON path (feature `json`): the model's name peeked from the first
//! entry, then the JSON read straight into that model.

use super::{AnyModel, Model};
use crate::de::{Mode, Pass};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::any::Any;
use std::fmt;
use std::marker::PhantomData;

/// The value of the first key of the JSON object `json`, when that key is `tag` and its value
/// a string without escapes: the model's name. Reads nothing beyond it; anything unusual
/// (escapes, another first key, not an object) is `None`, and the caller takes the general
/// path, whose errors are serde_json's.
pub(super) fn first_entry<'a>(json: &'a str, tag: &str) -> Option<&'a str> {
    let rest = json.trim_start().strip_prefix('{')?;
    let (key, rest) = string(rest)?;
    if key != tag {
        return None;
    }
    let rest = rest.trim_start().strip_prefix(':')?;
    string(rest).map(|(value, _)| value)
}

/// A JSON string without escapes at the start of `text` (after whitespace), and the rest.
fn string(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start().strip_prefix('"')?;
    let end = text.find(['"', '\\'])?;
    (text.as_bytes()[end] == b'"').then(|| (&text[..end], &text[end + 1..]))
}

/// Reads JSON whose first key is the tag as a `T`: a quiet first attempt, whose failure the
/// caller reads again in full.
pub(super) fn read<T>(json: &str, tag: &str) -> Result<Box<dyn AnyModel>, ()>
where
    T: Model + Serialize + for<'de> Deserialize<'de> + Any,
{
    let _pass = Pass::enter(Mode::Quiet);
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let model = deserializer
        .deserialize_map(AfterTag::<T> {
            tag,
            model: PhantomData,
        })
        .and_then(|model| deserializer.end().map(|()| model))
        .map_err(drop)?;
    Ok(Box::new(model))
}

/// Skips the tag's entry, then reads the rest of the map as a `T`; the tag again is an error.
struct AfterTag<'t, T> {
    tag: &'t str,
    model: PhantomData<fn() -> T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for AfterTag<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map whose first key names the model")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        map.next_key::<IgnoredAny>()?;
        map.next_value::<IgnoredAny>()?;
        T::deserialize(de::value::MapAccessDeserializer::new(NoTag {
            map,
            tag: self.tag,
        }))
    }
}

/// The entries after the tag, refusing the tag.
struct NoTag<'t, A> {
    map: A,
    tag: &'t str,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for NoTag<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.map.next_key_seed(KeyGuard {
            seed,
            tag: self.tag,
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

struct KeyGuard<'t, K> {
    seed: K,
    tag: &'t str,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeyGuard<'_, K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for KeyGuard<'_, K> {
    type Value = K::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<K::Value, E> {
        if key == self.tag {
            return Err(E::custom("the tag is given twice"));
        }
        self.seed
            .deserialize(de::value::BorrowedStrDeserializer::new(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<K::Value, E> {
        if key == self.tag {
            return Err(E::custom("the tag is given twice"));
        }
        self.seed.deserialize(de::value::StrDeserializer::new(key))
    }
}
