//! The order of the keys of every object of a JSON text, which `serde_json::Value` does not
//! keep (without serde_json's `preserve_order`): so that a model loaded from text has its
//! fields in the order its schema lists them.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::HashMap;
use std::fmt;

/// Per JSON pointer of an object, its keys in the order of the text (each once).
#[derive(Debug, Default)]
pub(crate) struct Orders(HashMap<String, Vec<String>>);

impl Orders {
    /// The orders of `text`, JSON that serde_json has read already.
    pub(crate) fn read(text: &str) -> Orders {
        let mut orders = Orders::default();
        let mut deserializer = serde_json::Deserializer::from_str(text);
        // The text was read as JSON already: an error here only leaves orders out.
        drop(
            Seed {
                at: String::new(),
                out: &mut orders.0,
            }
            .deserialize(&mut deserializer),
        );
        orders
    }

    /// The keys of the object at `pointer`, in order.
    pub(crate) fn keys(&self, pointer: &str) -> Option<&[String]> {
        self.0.get(pointer).map(Vec::as_slice)
    }
}

struct Seed<'a> {
    at: String,
    out: &'a mut HashMap<String, Vec<String>>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        while seq
            .next_element_seed(Seed {
                at: format!("{}/{i}", self.at),
                out: &mut *self.out,
            })?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let at = format!("{}/{}", self.at, key.replace('~', "~0").replace('/', "~1"));
            map.next_value_seed(Seed {
                at,
                out: &mut *self.out,
            })?;
            if seen.insert(key.clone()) {
                keys.push(key);
            }
        }
        self.out.insert(self.at, keys);
        Ok(())
    }
}
