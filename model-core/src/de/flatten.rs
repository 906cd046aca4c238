//! `#[serde(flatten)]` of a nested model. Written, the model's fields are entries of the
//! parent's map ([`Flatten`]). Read, the parent keeps the entries whose keys it does not know,
//! and the flattened model is read from a map of them once the parent's map is read.
//!
//! The keys stand at the parent's level, so in a full pass the flattened model's problems join
//! the parent's with no step in front; its unknown keys are its own to refuse.

use super::document::{Kind, Node};
use super::fields::Keys;
use super::pass;
use super::reader::NodeDeserializer;
use crate::error::ValidationErrors;
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeMap;
use std::borrow::Cow;
use std::fmt;

/// A model written as entries of its parent's map: what every model implements, so that a
/// parent can flatten it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a model, so `flatten` does not apply to it",
    label = "`flatten` needs a field that holds one model, not an option, list or map of them"
)]
pub trait Flatten {
    /// Writes the fields, as `Serialize` writes them, as entries of `map`.
    fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

impl<T: Flatten + ?Sized> Flatten for Box<T> {
    #[inline]
    fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        T::serialize_entries(self, map)
    }
}

/// Whether the read under way is the full pass, whose `Deserializer` (over a document tree)
/// gives a map's keys as field names only when a struct is asked for.
#[inline]
pub fn full_pass() -> bool {
    pass::full()
}

/// The entries of a map that its model does not read itself, for its flattened field.
pub struct Rest<'de> {
    entries: Vec<(Node<'de>, Node<'de>)>,
    /// The key read last, waiting for its value.
    key: Option<Node<'de>>,
}

impl<'de> Rest<'de> {
    /// No entries yet.
    #[inline]
    pub fn new() -> Rest<'de> {
        Rest {
            entries: Vec::new(),
            key: None,
        }
    }

    /// Keeps the value of the key that [`RestKey`] just kept.
    pub fn value<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        let value = map.next_value::<Node<'de>>()?;
        if let Some(key) = self.key.take() {
            self.entries.push((key, value));
        }
        Ok(())
    }

    /// The flattened `T` read from the entries kept: on the fast path, its error becomes the
    /// parent's; in a full pass, its problems join `problems` (the parent's) as they are.
    pub fn read<T: Deserialize<'de>, E: de::Error>(
        self,
        problems: &mut ValidationErrors,
    ) -> Result<Option<T>, E> {
        let map = Node::new(0, Kind::Map(self.entries));
        match T::deserialize(NodeDeserializer::new(&map, 0)) {
            Ok(value) => Ok(Some(value)),
            Err(error) => {
                if pass::full() {
                    problems.extend(error.into_report());
                    Ok(None)
                } else {
                    Err(E::custom(error))
                }
            }
        }
    }
}

impl Default for Rest<'_> {
    fn default() -> Self {
        Rest::new()
    }
}

/// Reads a map key as the index of a model's field, or, for a key the model does not know,
/// `None` after keeping the key in a [`Rest`].
pub struct RestKey<'r, 'de> {
    keys: &'static Keys,
    rest: &'r mut Rest<'de>,
}

impl<'r, 'de> RestKey<'r, 'de> {
    /// The key reader of a model whose keys are `keys`, keeping the others in `rest`.
    #[inline]
    pub fn new(keys: &'static Keys, rest: &'r mut Rest<'de>) -> RestKey<'r, 'de> {
        RestKey { keys, rest }
    }

    fn keep<E>(self, key: Cow<'de, str>) -> Result<Option<usize>, E> {
        match self.keys.find(&key) {
            Some(index) => Ok(Some(index)),
            None => {
                self.rest.key = Some(Node::new(0, Kind::Str(key)));
                Ok(None)
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for RestKey<'_, 'de> {
    type Value = Option<usize>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for RestKey<'_, 'de> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        match self.keys.find(key) {
            Some(index) => Ok(Some(index)),
            None => self.keep(Cow::Owned(key.to_owned())),
        }
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        self.keep(Cow::Borrowed(key))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Self::Value, E> {
        self.keep(Cow::Owned(key))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        self.keep(Cow::Owned(String::from_utf8_lossy(key).into_owned()))
    }
}
