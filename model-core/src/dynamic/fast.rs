//! The fast way in (feature `json`): a valid document read straight into slots by serde, with
//! no tree. Any problem makes it give up (`Err`), and the caller reads the document again
//! through [`read`](super::read), which finds every problem with its position: the first
//! error's message is never shown.

use super::define::Kind;
use super::model::RuntimeModel;
use super::plan::Plan;
use super::record::Record;
use super::slot::{int_slot, Slot};
use crate::error::ValidationErrors;
use crate::path::Trail;
use crate::value::Value;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Reads a record of a model, ignoring the key `skip` (a registry's tag) when given.
pub(crate) struct RecordSeed<'a> {
    pub(crate) model: &'static RuntimeModel,
    pub(crate) skip: Option<&'a str>,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Record;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Record, D::Error> {
        deserializer.deserialize_map(self)
    }
}

fn give_up<E: de::Error>() -> E {
    E::custom("read again")
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", self.model.name())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let model = self.model;
        // One allocation, kept as the record's.
        let mut slots: Box<[Slot]> = model.fields.iter().map(|_| Slot::Missing).collect();
        let mut tagged = false;
        let mut next = 0;
        while let Some(key) = map.next_key_seed(KeySeed {
            model,
            skip: self.skip,
            next,
        })? {
            let index = match key {
                Key::Field(index) => index,
                // The tag twice is a problem the full read reports.
                Key::Tag if std::mem::replace(&mut tagged, true) => return Err(give_up()),
                Key::Tag | Key::Ignored => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            if !matches!(slots[index], Slot::Missing) {
                return Err(give_up());
            }
            next = index + 1;
            let field = &model.fields[index];
            // The field's rules are checked as its value is read.
            slots[index] = map.next_value_seed(SlotSeed {
                kind: &field.kind,
                plan: &field.plan,
            })?;
        }
        for (field, slot) in model.fields.iter().zip(slots.iter_mut()) {
            if matches!(slot, Slot::Missing) {
                *slot = field.missing().ok_or_else(give_up)?;
            }
        }
        let record = Record { model, slots };
        if !model.checks.is_empty() {
            let mut errors = ValidationErrors::new();
            record.check_struct(&Trail::Root, &mut errors);
            if !errors.is_empty() {
                return Err(give_up());
            }
        }
        Ok(record)
    }
}

/// What a key names.
enum Key {
    /// The field at this index.
    Field(usize),
    /// The key to skip (a registry's tag).
    Tag,
    /// A field the model does not have, which it allows.
    Ignored,
}

/// A key: what it names; an unknown key gives up unless the model allows unknown fields.
struct KeySeed<'a> {
    model: &'static RuntimeModel,
    skip: Option<&'a str>,
    /// The field expected next (the one after the last read).
    next: usize,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        // The tag first: the full read takes it out before it reads the fields.
        if self.skip == Some(key) {
            Ok(Key::Tag)
        } else if let Some(index) = self.model.names.find_from(key, self.next) {
            Ok(Key::Field(index))
        } else if self.model.unknown_fields {
            Ok(Key::Ignored)
        } else {
            Err(give_up())
        }
    }
}

/// A slot of a kind, which must satisfy the rules folded in `plan` (checked as it is read: text
/// before it is put in a slot, the items of a list or the values of a map by the item's seed).
#[derive(Clone, Copy)]
struct SlotSeed<'a> {
    kind: &'a Kind,
    plan: &'a Plan,
}

impl SlotSeed<'_> {
    /// `slot` if it satisfies the rules.
    fn checked<E: de::Error>(self, slot: Slot) -> Result<Slot, E> {
        if self.plan.holds(&slot) {
            Ok(slot)
        } else {
            Err(give_up())
        }
    }
}

impl<'de> DeserializeSeed<'de> for SlotSeed<'_> {
    type Value = Slot;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Slot, D::Error> {
        match self.kind {
            Kind::Model(model) => RecordSeed { model, skip: None }
                .deserialize(d)
                .and_then(|record| self.checked(Slot::Record(Box::new(record)))),
            #[cfg(feature = "json")]
            Kind::Optional(inner) if matches!(**inner, Kind::Compiled(_)) => {
                let json = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
                match (&**inner, json) {
                    (_, serde_json::Value::Null) => Ok(Slot::Null),
                    (Kind::Compiled(model), json) => (model.from_json)(json)
                        .map(Slot::Compiled)
                        .ok_or_else(give_up)
                        .and_then(|slot| self.checked(slot)),
                    _ => Err(give_up()),
                }
            }
            #[cfg(feature = "json")]
            Kind::Compiled(model) => {
                let json = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
                (model.from_json)(json)
                    .map(Slot::Compiled)
                    .ok_or_else(give_up)
                    .and_then(|slot| self.checked(slot))
            }
            Kind::Any => d
                .deserialize_any(AnySeed)
                .and_then(|value| self.checked(Slot::Any(Box::new(value)))),
            // The kind's own hint: the format reads what it expects, and refuses the rest.
            Kind::Text => d.deserialize_str(self),
            Kind::Bool => d.deserialize_bool(self),
            Kind::Integer(int) if int.is_unsigned() => d.deserialize_u64(self),
            Kind::Integer(_) => d.deserialize_i64(self),
            Kind::Float => d.deserialize_f64(self),
            Kind::List(_) => d.deserialize_seq(self),
            Kind::Map(_) => d.deserialize_map(self),
            _ => d.deserialize_any(self),
        }
    }
}

impl<'de> Visitor<'de> for SlotSeed<'_> {
    type Value = Slot;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.kind.name())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Slot, E> {
        match self.kind {
            Kind::Optional(_) => Ok(Slot::Null),
            _ => Err(give_up()),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<Slot, E> {
        self.visit_unit()
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Slot, D::Error> {
        match self.kind {
            Kind::Optional(inner) => SlotSeed {
                kind: inner,
                ..self
            }
            .deserialize(d),
            _ => self.deserialize(d),
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Slot, E> {
        match self.kind.required() {
            Kind::Bool => self.checked(Slot::Bool(v)),
            _ => Err(give_up()),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Slot, E> {
        self.number(Value::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Slot, E> {
        self.number(Value::UInt(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Slot, E> {
        match self.kind.required() {
            Kind::Float if v.is_finite() => self.checked(Slot::Float(v)),
            _ => Err(give_up()),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Slot, E> {
        match self.kind.required() {
            Kind::Text if self.plan.holds_text(v) => Ok(Slot::text(v)),
            _ => Err(give_up()),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Slot, A::Error> {
        let Kind::List(item) = self.kind.required() else {
            return Err(give_up());
        };
        // Each item is checked as it is read, then the list against its other rules.
        let item = SlotSeed {
            kind: item,
            plan: self.plan.each().ok_or_else(give_up)?,
        };
        // Short lists are gathered on the stack, then boxed at their exact size.
        let mut items: smallvec::SmallVec<[Slot; 8]> = smallvec::SmallVec::new();
        while let Some(slot) = seq.next_element_seed(item)? {
            items.push(slot);
        }
        let mut list = Vec::with_capacity(items.len());
        list.extend(items.drain(..));
        let slot = Slot::List(list.into_boxed_slice());
        if self.plan.holds_but_each(&slot) {
            Ok(slot)
        } else {
            Err(give_up())
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Slot, A::Error> {
        match self.kind.required() {
            Kind::Map(value) => {
                let mut entries: Vec<(Box<str>, Slot)> = Vec::new();
                let mut seen = super::slot::Seen::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if !seen.insert(&key) {
                        return Err(give_up());
                    }
                    let slot = map.next_value_seed(SlotSeed {
                        kind: value,
                        plan: self.plan.each().ok_or_else(give_up)?,
                    })?;
                    entries.push((Box::from(key.as_ref()), slot));
                }
                let slot = Slot::Map(entries.into_boxed_slice());
                if self.plan.holds_but_each(&slot) {
                    Ok(slot)
                } else {
                    Err(give_up())
                }
            }
            Kind::Model(model) => RecordSeed { model, skip: None }
                .visit_map(map)
                .and_then(|record| self.checked(Slot::Record(Box::new(record)))),
            _ => Err(give_up()),
        }
    }
}

impl SlotSeed<'_> {
    fn number<E: de::Error>(self, value: Value) -> Result<Slot, E> {
        match self.kind.required() {
            Kind::Integer(int) => int_slot(*int, &value)
                .ok_or_else(give_up)
                .and_then(|slot| self.checked(slot)),
            Kind::Float => value
                .as_f64()
                .filter(|f| f.is_finite())
                .map(Slot::Float)
                .ok_or_else(give_up)
                .and_then(|slot| self.checked(slot)),
            _ => Err(give_up()),
        }
    }
}

/// Any value, for [`Kind::Any`]: floats finite, keys once each, or give up.
struct AnySeed;

impl<'de> DeserializeSeed<'de> for AnySeed {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnySeed {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::UInt(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        if v.is_finite() {
            Ok(Value::Float(v))
        } else {
            Err(give_up())
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(std::borrow::Cow::Owned(v.to_owned())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(AnySeed)? {
            items.push(item);
        }
        Ok(Value::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        let mut seen = super::slot::Seen::default();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(&key) {
                return Err(give_up());
            }
            entries.push((key, map.next_value_seed(AnySeed)?));
        }
        Ok(Value::Map(entries))
    }
}

/// The record of `model` read from valid JSON `text` in one pass, or `None` for any problem.
pub(crate) fn json(model: &'static RuntimeModel, text: &str, skip: Option<&str>) -> Option<Record> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let record = RecordSeed { model, skip }
        .deserialize(&mut deserializer)
        .ok()?;
    deserializer.end().ok()?;
    Some(record)
}
