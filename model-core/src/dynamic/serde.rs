//! Records and serde (feature `serde`): `Serialize`, reading from any self-describing format,
//! JSON and TOML text with positions, and the registry of runtime models.

use super::error::DefineError;
use super::model::RuntimeModel;
use super::read;
use super::record::Record;
use super::slot::Slot;
use crate::de::document::{Document, Node};
use crate::de::Rejected;
use crate::error::ValidationErrors;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::RwLock;

impl Serialize for Record {
    /// A map of the fields by external name, in the model's order, secrets included (as a
    /// compiled model serializes them): what the readers read back.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.slots.len()))?;
        for (field, slot) in self.model.fields.iter().zip(self.slots.iter()) {
            map.serialize_entry(field.name, slot)?;
        }
        map.end()
    }
}

impl Serialize for Slot {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Slot::Null | Slot::Missing | Slot::Refused => serializer.serialize_none(),
            Slot::Bool(v) => serializer.serialize_bool(*v),
            Slot::Int(v) => serializer.serialize_i64(*v),
            Slot::UInt(v) => serializer.serialize_u64(*v),
            Slot::Float(v) => serializer.serialize_f64(*v),
            Slot::Short(..) | Slot::Text(_) => {
                serializer.serialize_str(self.as_text().unwrap_or_default())
            }
            Slot::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items.iter() {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Slot::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries.iter() {
                    map.serialize_entry(&**key, value)?;
                }
                map.end()
            }
            Slot::Record(record) => record.serialize(serializer),
            Slot::Any(value) => value.serialize(serializer),
            // Through serde_json's value: the keys come out sorted.
            #[cfg(feature = "json")]
            Slot::Compiled(model) => model
                .json()
                .map_err(serde::ser::Error::custom)?
                .serialize(serializer),
        }
    }
}

impl Record {
    /// Reads a record of `model` from any self-describing format's `Deserializer`, reporting
    /// every problem of the document (without positions; see [`Record::from_json`] and
    /// [`Record::from_toml`] for text).
    ///
    /// # Errors
    ///
    /// [`Rejected::Malformed`] with the format's error when the input cannot be read at all;
    /// otherwise [`Rejected::Invalid`] with every problem.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        model: &'static RuntimeModel,
        deserializer: D,
    ) -> Result<Record, Rejected<D::Error>> {
        let root = Node::deserialize(deserializer).map_err(Rejected::Malformed)?;
        read::document(model, &Document::new(root, None)).map_err(Rejected::Invalid)
    }

    /// Reads a record of `model` from JSON text, reporting every problem with its path, code,
    /// parameters, line and column, as [`json::from_str`](crate::json::from_str) does for a
    /// compiled model.
    ///
    /// ```
    /// use model_core::dynamic::{Definition, Field, FieldRule, Int, Kind, Record};
    ///
    /// let server = Definition::new("Server")
    ///     .field(Field::new("name", Kind::Text).rule(FieldRule::length(1, 8)))
    ///     .field(Field::new("cores", Kind::Integer(Int::U8)))
    ///     .build()
    ///     .unwrap();
    /// let record = Record::from_json(server, r#"{"name": "web", "cores": 4}"#).unwrap();
    /// assert_eq!(record.get("cores").unwrap(), model_core::Value::UInt(4));
    ///
    /// let error = Record::from_json(server, "{\"name\": \"\",\n \"cores\": 300}").unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "name: must have between 1 and 8 characters (got 0) (at line 1, column 10)\n\
    ///      cores: must fit in u8 (got 300) (at line 2, column 11)"
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// [`Rejected::Malformed`] with serde_json's error for text that is not JSON; otherwise
    /// [`Rejected::Invalid`] with every problem.
    #[cfg(feature = "json")]
    pub fn from_json(
        model: &'static RuntimeModel,
        text: &str,
    ) -> Result<Record, Rejected<serde_json::Error>> {
        if let Some(record) = super::fast::json(model, text, None) {
            return Ok(record);
        }
        Record::from_json_again(model, text)
    }

    /// The second, full read of a document the first could not read.
    #[cfg(feature = "json")]
    #[cold]
    #[inline(never)]
    fn from_json_again(
        model: &'static RuntimeModel,
        text: &str,
    ) -> Result<Record, Rejected<serde_json::Error>> {
        let root = crate::de::scan_json(text).map_err(Rejected::Malformed)?;
        read::document(model, &Document::new(root, Some(text))).map_err(Rejected::Invalid)
    }

    /// Reads a record of `model` from TOML text, reporting every problem with its position.
    ///
    /// # Errors
    ///
    /// [`Rejected::Malformed`] for text that is not TOML; otherwise [`Rejected::Invalid`] with
    /// every problem.
    #[cfg(feature = "toml")]
    pub fn from_toml(
        model: &'static RuntimeModel,
        text: &str,
    ) -> Result<Record, Rejected<crate::toml::SyntaxError>> {
        let root = crate::de::scan_toml(text).map_err(Rejected::Malformed)?;
        read::document(model, &Document::new(root, Some(text))).map_err(Rejected::Invalid)
    }

    /// The record as JSON text.
    ///
    /// # Errors
    ///
    /// serde_json's, which a record does not cause (its floats are finite).
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}

/// The key that names the model in the registry's documents ([`crate::from_json`],
/// [`Registry::from_json`](crate::Registry::from_json)).
const TAG: &str = "type";

/// The runtime models registered, next to the compiled ones of [`registry()`](crate::registry).
static RUNTIME: RwLock<Vec<&'static RuntimeModel>> = RwLock::new(Vec::new());

/// The registered runtime model called `name`.
pub(crate) fn registered(name: &str) -> Option<&'static RuntimeModel> {
    let models = RUNTIME
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    models.iter().copied().find(|m| m.name() == name)
}

/// Every registered runtime model, in the order registered (feature `serde`).
pub fn models() -> Vec<&'static RuntimeModel> {
    RUNTIME
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone()
}

/// The registered runtime model called `name` (feature `serde`).
pub fn find(name: &str) -> Option<&'static RuntimeModel> {
    registered(name)
}

/// The names of the registered runtime models.
pub(crate) fn registered_names() -> Vec<&'static str> {
    let models = RUNTIME
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    models.iter().map(|m| m.name()).collect()
}

/// The record of the registered runtime model `model` read from valid JSON `text` whose `tag`
/// key names it, in one pass; `None` for any problem (the caller reads the text again).
#[cfg(feature = "json")]
pub(crate) fn read_registered_json(
    model: &'static RuntimeModel,
    text: &str,
    tag: &str,
) -> Option<Box<dyn crate::AnyModel>> {
    super::fast::json(model, text, Some(tag))
        .map(|record| Box::new(record) as Box<dyn crate::AnyModel>)
}

/// Reads the record of the registered runtime model named by the tag, from the document.
pub(crate) fn read_registered(
    model: &'static RuntimeModel,
    document: &Document<'_>,
) -> Result<Box<dyn crate::AnyModel>, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    match read::record(
        model,
        &document.root,
        &crate::path::Trail::Root,
        &mut errors,
        0,
    ) {
        Some(record) if errors.is_empty() => Ok(Box::new(record)),
        _ => Err(errors),
    }
}

impl RuntimeModel {
    /// Registers the model under its name, next to the compiled models: the registry's readers
    /// ([`crate::from_json`], [`Registry::from_json`](crate::Registry::from_json)...) then read
    /// `{"type": "<name>", ...}` into a [`Record`] (downcast the `Box<dyn AnyModel>` to it).
    ///
    /// # Errors
    ///
    /// [`DefineError::DuplicateModel`] when a compiled model or another registered runtime
    /// model has the name already; [`DefineError::FieldIsTag`] when a field's external name is
    /// the registry's tag, `type` (the tag's entry would hide the field). Read with another tag
    /// ([`Registry::from_json_tagged`](crate::Registry::from_json_tagged)), a field called like
    /// that tag cannot be given: the tag's entry names the model.
    pub fn register(&'static self) -> Result<(), DefineError> {
        if let Some(field) = self.fields.iter().find(|f| f.name == TAG) {
            return Err(DefineError::FieldIsTag {
                model: self.name.to_owned(),
                field: field.name.to_owned(),
            });
        }
        let mut models = RUNTIME
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let compiled = !matches!(
            crate::registry().get(self.name),
            Err(crate::RegistryError::Unknown { .. })
        );
        if compiled || models.iter().any(|m| m.name() == self.name) {
            return Err(DefineError::DuplicateModel(self.name.to_owned()));
        }
        models.push(self);
        Ok(())
    }

    /// The model's JSON Schema (draft 2020-12, feature `json`), made from its metadata as
    /// [`Model::json_schema`](crate::Model::json_schema) makes a compiled model's: the same
    /// keywords for the same kinds and rules.
    #[cfg(feature = "json")]
    pub fn json_schema(&self) -> serde_json::Value {
        crate::schema::model_schema(self.meta)
    }

    /// Whether the model is registered.
    pub fn is_registered(&'static self) -> bool {
        registered(self.name).is_some_and(|m| std::ptr::eq(m, self))
    }
}

impl super::Definition {
    /// Builds the model ([`Definition::build`](super::Definition::build)) and registers it
    /// ([`RuntimeModel::register`]).
    ///
    /// # Errors
    ///
    /// The definition's mistakes, [`DefineError::DuplicateModel`] or
    /// [`DefineError::FieldIsTag`].
    pub fn register(self) -> Result<&'static RuntimeModel, super::DefineErrors> {
        let name = self.name.clone();
        if registered(&name).is_some()
            || !matches!(
                crate::registry().get(&name),
                Err(crate::RegistryError::Unknown { .. })
            )
        {
            return Err(super::DefineErrors(vec![DefineError::DuplicateModel(name)]));
        }
        // Refused before the model is built (and leaked).
        if self.fields.iter().any(|f| f.external_name() == TAG) {
            return Err(super::DefineErrors(vec![DefineError::FieldIsTag {
                model: name,
                field: TAG.to_owned(),
            }]));
        }
        let model = self.build()?;
        model
            .register()
            .map_err(|error| super::DefineErrors(vec![error]))?;
        Ok(model)
    }
}

impl crate::AnyModel for Record {
    fn model_meta(&self) -> &'static crate::ModelMeta {
        self.model.meta
    }

    #[cfg(feature = "json")]
    fn to_tagged_json(&self, tag: &str) -> Result<String, serde_json::Error> {
        let body = serde_json::to_string(self)?;
        let head = format!(
            "{{{}:{}",
            serde_json::to_string(tag)?,
            serde_json::to_string(self.model.name)?
        );
        Ok(match body.strip_prefix('{') {
            Some("}") | None => format!("{head}}}"),
            Some(rest) => format!("{head},{rest}"),
        })
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any> {
        self
    }
}
