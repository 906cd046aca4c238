//! The registry: every model registers itself under its name, so that any serialized model can
//! be read back without knowing its type in advance (Effective Python Item 34).
//!
//! `#[derive(Model)]` submits each model (generic models excepted) to [`registry()`] through the
//! `inventory` crate: no registration can be forgotten. One pitfall remains: a crate that nothing
//! references is not linked into the program, and its models are then missing. Reference
//! something from it (`use my_models as _;` is not enough; call a function or name a type), or
//! build a [`Registry`] by hand with [`Registry::with`].

use crate::de::document::{Document, Node};
use crate::error::ValidationErrors;
use crate::error::Violation;
use crate::meta::ModelMeta;
use crate::model::Model;
use crate::path::Path;
use crate::suggest::{close_matches, DidYouMean};
use serde::{Deserialize, Deserializer, Serialize};
use std::any::Any;
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
        let mut body = Vec::with_capacity(128);
        self.serialize(&mut serde_json::Serializer::new(&mut body))?;
        tagged(tag, T::meta().name(), &body)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}

/// `body`, the JSON of a model, with `tag` naming its model first: written once for every
/// model rather than once per model.
#[cfg(feature = "json")]
fn tagged(tag: &str, name: &str, body: &[u8]) -> Result<String, serde_json::Error> {
    let head = format!(
        "{{{}:{}",
        serde_json::to_string(tag)?,
        serde_json::to_string(name)?
    );
    // serde_json writes UTF-8 only.
    let body = String::from_utf8_lossy(body);
    Ok(match body.strip_prefix('{') {
        Some("}") | None => format!("{head}}}"),
        Some(rest) => format!("{head},{rest}"),
    })
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

/// Reads a model from a document in a full pass (see [`crate::de`]).
type ReadFn = for<'a> fn(&Document<'a>) -> Result<Box<dyn AnyModel>, ValidationErrors>;

/// One registered model: its metadata and how to deserialize it.
#[derive(Clone, Copy)]
pub struct Entry {
    meta: fn() -> &'static ModelMeta,
    /// The type's full path (`app::billing::Invoice`), to tell two models of one name apart.
    type_name: fn() -> &'static str,
    read: ReadFn,
    /// JSON whose first key is the tag, read straight into the model: no erased calls.
    #[cfg(feature = "json")]
    json: JsonFn,
}

#[cfg(feature = "json")]
type JsonFn = fn(&str, &str) -> Result<Box<dyn AnyModel>, ()>;

impl Entry {
    /// The entry of model `T`.
    pub const fn of<T>() -> Entry
    where
        T: Model + Serialize + for<'de> Deserialize<'de> + Any,
    {
        Entry {
            meta: T::meta,
            type_name: std::any::type_name::<T>,
            read: |document| {
                let model: T = crate::de::read(document)?;
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
#[derive(Debug)]
#[non_exhaustive]
pub enum RegistryError {
    /// No model has this name.
    Unknown {
        /// The name asked for.
        name: String,
        /// Registered names close to it.
        close: Vec<&'static str>,
    },
    /// Several models have this name: none is picked.
    Duplicate {
        /// The name.
        name: &'static str,
        /// The Rust types that claim it, by their full paths.
        types: Vec<&'static str>,
    },
    /// Several names are claimed twice or more.
    Duplicates(Vec<RegistryError>),
    /// The input could not be read at all (its syntax), with the format's message.
    Malformed(String),
    /// The input could be read, but not as a model: every problem, the tag's (missing, given
    /// twice, not a string, naming no model) and the model's, structural and broken rules.
    Invalid(ValidationErrors),
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unknown { name, close } => {
                write!(f, "no model is named `{name}`{}", DidYouMean(close))
            }
            Self::Duplicate { name, types } => write!(
                f,
                "{} models are named `{name}`: {}; give them distinct `#[model(name = \"...\")]`",
                types.len(),
                types.join(", ")
            ),
            Self::Duplicates(all) => {
                for (i, error) in all.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    error.fmt(f)?;
                }
                Ok(())
            }
            Self::Malformed(message) => f.write_str(message),
            Self::Invalid(errors) => errors.fmt(f),
        }
    }
}

impl std::error::Error for RegistryError {}

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

    /// Reads a model from any self-describing format, the model named by the value of the
    /// `tag` key, wherever that key stands. Every problem is reported at once, the tag's among
    /// them: missing, given twice, not a string, or naming no model (with close names).
    ///
    /// The input is read into a tree first (see [`deserialize`](crate::deserialize)); JSON text
    /// has a faster way in, [`Registry::from_json`].
    pub fn deserialize_tagged<'de, D: Deserializer<'de>>(
        &self,
        deserializer: D,
        tag: &str,
    ) -> Result<Box<dyn AnyModel>, RegistryError> {
        let root = Node::deserialize(deserializer)
            .map_err(|error| RegistryError::Malformed(error.to_string()))?;
        self.read_tagged(Document::new(root, None), tag)
    }

    /// Reads the model that the `tag` entry of `document` names, from the other entries.
    fn read_tagged(
        &self,
        mut document: Document<'_>,
        tag: &str,
    ) -> Result<Box<dyn AnyModel>, RegistryError> {
        let mut report = ValidationErrors::new();
        let name = tagged::take_tag(&mut document, tag, &mut report);
        let mut runtime = None;
        let entry = match name.as_ref().map(|(name, _)| self.get(name)) {
            Some(Ok(entry)) => Some(entry),
            // A model defined at run time, registered next to the compiled ones.
            Some(Err(RegistryError::Unknown { name: unknown, .. }))
                if crate::dynamic::registered(&unknown).is_some() =>
            {
                runtime = crate::dynamic::registered(&unknown);
                None
            }
            Some(Err(RegistryError::Unknown {
                name: unknown,
                close,
            })) => {
                let close = if close.is_empty() {
                    close_matches(&unknown, crate::dynamic::registered_names().into_iter())
                } else {
                    close
                };
                let mut violation =
                    Violation::new(Path::field(tag.to_owned()), tagged::unknown(unknown, close));
                let offset = name.as_ref().map_or(0, |(_, offset)| *offset);
                if let Some(position) = document.position(offset) {
                    violation.set_position(position);
                }
                report.push(violation);
                None
            }
            Some(Err(error)) => return Err(error),
            None => None,
        };
        let read = match (entry, runtime) {
            (Some(entry), _) => Some((entry.read)(&document)),
            (None, Some(model)) => Some(crate::dynamic::read_registered(model, &document)),
            _ => None,
        };
        match read {
            Some(Ok(model)) if report.is_empty() => return Ok(model),
            Some(Err(errors)) => report.extend(errors),
            _ => {}
        }
        document.place(&mut report);
        Err(RegistryError::Invalid(report))
    }

    /// Reads a model from JSON whose `"type"` key names it, reporting every problem at once.
    ///
    /// ```
    /// # use model_core::Registry;
    /// let error = model_core::registry().from_json(r#"{"name": "x"}"#).unwrap_err();
    /// assert_eq!(error.to_string(), "type: is required (at line 1, column 1)");
    /// ```
    #[cfg(feature = "json")]
    pub fn from_json(&self, json: &str) -> Result<Box<dyn AnyModel>, RegistryError> {
        self.from_json_tagged(json, "type")
    }

    /// Reads a model from JSON whose `tag` key names it, reporting every problem at once.
    ///
    /// When the tag comes first, the JSON is read once, straight into the model it names, as
    /// fast as `serde_json::from_str` reads that model. Otherwise, and for a document with a
    /// problem, it is read into a tree first.
    #[cfg(feature = "json")]
    pub fn from_json_tagged(
        &self,
        json: &str,
        tag: &str,
    ) -> Result<Box<dyn AnyModel>, RegistryError> {
        match json::first_entry(json, tag).map(|name| (name, self.get(name))) {
            Some((_, Ok(entry))) => {
                if let Ok(model) = (entry.json)(json, tag) {
                    return Ok(model);
                }
            }
            // A runtime model: straight into its slots when the JSON is valid.
            Some((name, Err(RegistryError::Unknown { .. }))) => {
                if let Some(model) = crate::dynamic::registered(name)
                    .and_then(|model| crate::dynamic::read_registered_json(model, json, tag))
                {
                    return Ok(model);
                }
            }
            _ => {}
        }
        let root = crate::de::scan_json(json)
            .map_err(|error| RegistryError::Malformed(error.to_string()))?;
        self.read_tagged(Document::new(root, Some(json)), tag)
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
        types: entries.iter().map(|e| (e.type_name)()).collect(),
    }
}

#[cfg(feature = "json")]
mod json;

mod tagged;

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
