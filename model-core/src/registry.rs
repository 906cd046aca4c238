//! The registry: every model registers itself under its name, so that any serialized model can
//! be read back without knowing its type in advance (Effective Python Item 34).
//!
//! `#[derive(Model)]` submits each model (generic models excepted) to [`registry()`] through the
//! `inventory` crate: no registration can be forgotten. One pitfall remains: a crate that nothing
//! references is not linked into the program, and its models are then missing. Reference
//! something from it (`use my_models as _;` is not enough; call a function or name a type), or
//! build a [`Registry`] by hand with [`Registry::with`].

use crate::error::ValidationErrors;
use crate::meta::ModelMeta;
use crate::model::Model;
use crate::suggest::{close_matches, DidYouMean};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::any::Any;
use std::cell::RefCell;
use std::fmt;
use std::sync::OnceLock;

/// A model of any type: what the registry deserializes. Downcast it to the concrete type.
pub trait AnyModel: Any {
    /// The model's metadata.
    fn model_meta(&self) -> &'static ModelMeta;
    /// The model, as JSON, with `tag` naming its type first (feature `json`).
    #[cfg(feature = "json")]
    fn to_tagged_json(&self, tag: &str) -> Result<String, serde_json::Error>;
    #[doc(hidden)]
    fn as_any(&self) -> &dyn Any;
    #[doc(hidden)]
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
}

impl<T: Model + Serialize + Any> AnyModel for T {
    fn model_meta(&self) -> &'static ModelMeta {
        T::meta()
    }

    #[cfg(feature = "json")]
    fn to_tagged_json(&self, tag: &str) -> Result<String, serde_json::Error> {
        let body = serde_json::to_string(self)?;
        let head = format!(
            "{{{}:{}",
            serde_json::to_string(tag)?,
            serde_json::to_string(T::meta().name())?
        );
        Ok(match body.strip_prefix('{') {
            Some("}") | None => format!("{head}}}"),
            Some(rest) => format!("{head},{rest}"),
        })
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}

impl dyn AnyModel {
    /// The model's name.
    pub fn name(&self) -> &'static str {
        self.model_meta().name()
    }

    /// The model as a `T`, if it is one.
    pub fn downcast_ref<T: Any>(&self) -> Option<&T> {
        self.as_any().downcast_ref()
    }

    /// The model as a boxed `T`, if it is one.
    pub fn downcast<T: Any>(self: Box<Self>) -> Result<Box<T>, Box<dyn Any>> {
        self.into_any().downcast()
    }
}

impl fmt::Debug for dyn AnyModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AnyModel({})", self.name())
    }
}

type DeserializeFn =
    fn(&mut dyn erased_serde::Deserializer<'_>) -> Result<Box<dyn AnyModel>, erased_serde::Error>;

/// One registered model: its metadata and how to deserialize it.
#[derive(Clone, Copy)]
pub struct Entry {
    meta: fn() -> &'static ModelMeta,
    deserialize: DeserializeFn,
    /// JSON whose first key is the tag, read straight into the model: no erased calls.
    #[cfg(feature = "json")]
    json: JsonFn,
}

#[cfg(feature = "json")]
type JsonFn = fn(&str) -> Result<Box<dyn AnyModel>, RegistryError>;

impl Entry {
    /// The entry of model `T`.
    pub const fn of<T>() -> Entry
    where
        T: Model + Serialize + for<'de> Deserialize<'de> + Any,
    {
        Entry {
            meta: T::meta,
            deserialize: |deserializer| {
                let model: T = erased_serde::deserialize(deserializer)?;
                Ok(Box::new(model))
            },
            #[cfg(feature = "json")]
            json: json::read::<T>,
        }
    }

    /// The model's metadata.
    pub fn meta(&self) -> &'static ModelMeta {
        (self.meta)()
    }

    /// The model's name.
    pub fn name(&self) -> &'static str {
        self.meta().name()
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Entry({})", self.name())
    }
}

inventory::collect!(Entry);

/// Why a registry lookup or a read by name failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// No model has this name.
    #[error("no model is named `{name}`{}", DidYouMean(.close))]
    Unknown {
        /// The name asked for.
        name: String,
        /// Registered names close to it.
        close: Vec<&'static str>,
    },
    /// Several models have this name: none is picked.
    #[error("{} models are named `{name}`: {}; give them distinct `#[model(name = \"...\")]`", .types.len(), .types.join(", "))]
    Duplicate {
        /// The name.
        name: &'static str,
        /// The Rust types that claim it.
        types: Vec<&'static str>,
    },
    /// Several names are claimed twice or more.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Duplicates(Vec<RegistryError>),
    /// The tag is not the first key of the map, which formats other than JSON need.
    #[error("the `{tag}` key naming the model must come first")]
    TagNotFirst {
        /// The tag key.
        tag: String,
    },
    /// The input has no tag naming the model.
    #[error("missing the `{tag}` key naming the model")]
    MissingTag {
        /// The tag key.
        tag: String,
    },
    /// The input is not a valid serialization of the model.
    #[error("{0}")]
    Malformed(String),
    /// The input is well-formed, but breaks the model's rules.
    #[error("{0}")]
    Invalid(ValidationErrors),
}

/// Models by name.
///
/// ```
/// use model_core::Registry;
///
/// let registry = Registry::new();
/// assert!(registry.get("Nothing").is_err());
/// ```
#[derive(Debug, Default)]
pub struct Registry {
    /// By name, sorted: a look-up is a binary search, cheaper than hashing the name.
    entries: Vec<(&'static str, Vec<Entry>)>,
}

/// The registry of every model linked into the program.
pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut registry = Registry::new();
        for entry in inventory::iter::<Entry> {
            registry.add(*entry);
        }
        registry
    })
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// This registry with model `T` added.
    pub fn with<T>(mut self) -> Registry
    where
        T: Model + Serialize + for<'de> Deserialize<'de> + Any,
    {
        self.add(Entry::of::<T>());
        self
    }

    /// Adds an entry.
    pub fn add(&mut self, entry: Entry) {
        let name = entry.name();
        match self.entries.binary_search_by(|(n, _)| (*n).cmp(name)) {
            Ok(at) => self.entries[at].1.push(entry),
            Err(at) => self.entries.insert(at, (name, vec![entry])),
        }
    }

    /// The registered names, sorted.
    pub fn names(&self) -> Vec<&'static str> {
        self.entries.iter().map(|(name, _)| *name).collect()
    }

    /// Every name claimed by more than one model, reported at once. Call it at start-up.
    pub fn check(&self) -> Result<(), RegistryError> {
        let mut duplicates: Vec<RegistryError> = self
            .entries
            .iter()
            .filter(|(_, entries)| entries.len() > 1)
            .map(|(name, entries)| duplicate(name, entries))
            .collect();
        duplicates.sort_by_key(ToString::to_string);
        if duplicates.is_empty() {
            Ok(())
        } else {
            Err(RegistryError::Duplicates(duplicates))
        }
    }

    /// The model called `name`.
    pub fn get(&self, name: &str) -> Result<&Entry, RegistryError> {
        let found = self
            .entries
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .ok()
            .map(|at| self.entries[at].1.as_slice());
        match found {
            Some([entry]) => Ok(entry),
            Some(entries) if !entries.is_empty() => Err(duplicate(entries[0].name(), entries)),
            _ => Err(RegistryError::Unknown {
                name: name.to_owned(),
                close: close_matches(name, self.entries.iter().map(|(n, _)| *n)),
            }),
        }
    }

    /// Reads a model whose type is named by the `tag` key of a map, from any serde format.
    ///
    /// The tag must be the first key: the rest of the map is then read straight into the model,
    /// without buffering.
    pub fn deserialize_tagged<'de, D: Deserializer<'de>>(
        &self,
        deserializer: D,
        tag: &str,
    ) -> Result<Box<dyn AnyModel>, RegistryError> {
        let failure = RefCell::new(None);
        crate::de::clear_report();
        let result = crate::de::typed(|| {
            deserializer.deserialize_map(TaggedVisitor {
                registry: self,
                tag,
                failure: &failure,
            })
        });
        result.map_err(|error| {
            failure
                .into_inner()
                .or_else(|| crate::de::take_report().map(RegistryError::Invalid))
                .unwrap_or_else(|| RegistryError::Malformed(error.to_string()))
        })
    }

    /// Reads a model from JSON whose `"type"` key names it (feature `json`).
    #[cfg(feature = "json")]
    pub fn from_json(&self, json: &str) -> Result<Box<dyn AnyModel>, RegistryError> {
        self.from_json_tagged(json, "type")
    }

    /// Reads a model from JSON whose `tag` key names it (feature `json`). Where the tag is not
    /// the first key, the object is read into memory first.
    #[cfg(feature = "json")]
    pub fn from_json_tagged(
        &self,
        json: &str,
        tag: &str,
    ) -> Result<Box<dyn AnyModel>, RegistryError> {
        // The common case, the tag first: the name is peeked, then the JSON read straight into
        // the model it names.
        if let Some(name) = json::first_entry(json, tag) {
            return (self.get(name)?.json)(json);
        }
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let result = self.deserialize_tagged(&mut deserializer, tag);
        match result {
            Err(RegistryError::TagNotFirst { .. }) => {
                let mut object: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(json)
                        .map_err(|e| RegistryError::Malformed(e.to_string()))?;
                let Some(serde_json::Value::String(name)) = object.remove(tag) else {
                    return Err(RegistryError::MissingTag {
                        tag: tag.to_owned(),
                    });
                };
                let entry = self.get(&name)?;
                crate::de::clear_report();
                let value = serde_json::Value::Object(object);
                let mut erased = <dyn erased_serde::Deserializer>::erase(value);
                crate::de::typed(|| (entry.deserialize)(&mut erased)).map_err(|e| {
                    match crate::de::take_report() {
                        Some(errors) => RegistryError::Invalid(errors),
                        None => RegistryError::Malformed(e.to_string()),
                    }
                })
            }
            Ok(model) => {
                deserializer
                    .end()
                    .map_err(|e| RegistryError::Malformed(e.to_string()))?;
                Ok(model)
            }
            Err(error) => Err(error),
        }
    }
}

/// The registry of every linked model, reading JSON whose `"type"` key names the model.
#[cfg(feature = "json")]
pub fn from_json(json: &str) -> Result<Box<dyn AnyModel>, RegistryError> {
    registry().from_json(json)
}

fn duplicate(name: &'static str, entries: &[Entry]) -> RegistryError {
    RegistryError::Duplicate {
        name,
        types: entries.iter().map(|e| e.meta().rust_name()).collect(),
    }
}

struct TaggedVisitor<'a> {
    registry: &'a Registry,
    tag: &'a str,
    /// Why the visit failed, when it is the registry's doing rather than the format's.
    failure: &'a RefCell<Option<RegistryError>>,
}

impl TaggedVisitor<'_> {
    fn fail<E: de::Error>(&self, error: RegistryError) -> E {
        let message = E::custom(&error);
        *self.failure.borrow_mut() = Some(error);
        message
    }
}

impl<'de> Visitor<'de> for TaggedVisitor<'_> {
    type Value = Box<dyn AnyModel>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a map whose `{}` key names a model", self.tag)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            return Err(self.fail(RegistryError::MissingTag {
                tag: self.tag.to_owned(),
            }));
        };
        if key != self.tag {
            return Err(self.fail(RegistryError::TagNotFirst {
                tag: self.tag.to_owned(),
            }));
        }
        let name: String = map.next_value()?;
        let entry = self.registry.get(&name).map_err(|error| self.fail(error))?;
        let rest = de::value::MapAccessDeserializer::new(map);
        let mut erased = <dyn erased_serde::Deserializer>::erase(rest);
        (entry.deserialize)(&mut erased).map_err(de::Error::custom)
    }
}

/// The registry's direct JSON path (feature `json`).
#[cfg(feature = "json")]
mod json {
    use super::{AnyModel, RegistryError};
    use crate::model::Model;
    use serde::de::{self, IgnoredAny, MapAccess, Visitor};
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

    /// Reads JSON whose first key is the tag as a `T`.
    pub(super) fn read<T>(json: &str) -> Result<Box<dyn AnyModel>, RegistryError>
    where
        T: Model + Serialize + for<'de> Deserialize<'de> + Any,
    {
        crate::de::clear_report();
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let result = crate::de::typed(|| deserializer.deserialize_map(AfterTag::<T>(PhantomData)))
            .and_then(|model| deserializer.end().map(|()| model));
        match result {
            Ok(model) => Ok(Box::new(model)),
            Err(error) => Err(match crate::de::take_report() {
                Some(errors) => RegistryError::Invalid(errors),
                None => RegistryError::Malformed(error.to_string()),
            }),
        }
    }

    /// Skips the tag's entry, then reads the rest of the map as a `T`.
    struct AfterTag<T>(PhantomData<fn() -> T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for AfterTag<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map whose first key names the model")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            map.next_key::<IgnoredAny>()?;
            map.next_value::<IgnoredAny>()?;
            T::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::json::first_entry;

    #[test]
    fn the_name_is_peeked_only_when_the_tag_comes_first_plainly() {
        assert_eq!(
            first_entry(r#"{"type":"Server","x":1}"#, "type"),
            Some("Server")
        );
        assert_eq!(
            first_entry(" {\n \"type\" :  \"Server\" }", "type"),
            Some("Server")
        );
        assert_eq!(first_entry(r#"{"x":1,"type":"Server"}"#, "type"), None);
        assert_eq!(first_entry(r#"{"type":"Ser\"ver"}"#, "type"), None);
        assert_eq!(first_entry(r#"{"ty\u0070e":"Server"}"#, "type"), None);
        assert_eq!(first_entry(r#"{"type":3}"#, "type"), None);
        assert_eq!(first_entry(r#"["type","Server"]"#, "type"), None);
        assert_eq!(first_entry(r#"{"type":"Server"#, "type"), None);
    }
}
