//! Compiled models as field kinds of runtime models (feature `json`): [`CompiledModel`], and
//! the type-erased instance a slot holds.

use crate::de::document::{Kind as NodeKind, Node};
use crate::error::ValidationErrors;
use crate::meta::ModelMeta;
use crate::model::Model;
use crate::path::Trail;
use crate::value::Value;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::any::Any;
use std::borrow::Cow;
use std::fmt;

/// A compiled model (`#[derive(Model)]`) used as the kind of a runtime model's field:
/// `Kind::Compiled(CompiledModel::of::<Address>())`. Its values are read, checked, reported,
/// compared and written by the compiled model's own code, under the field's path. Written as
/// part of a record, its keys come out sorted (it is written through `serde_json::Value`).
#[derive(Clone, Copy)]
pub struct CompiledModel {
    pub(crate) meta: fn() -> &'static ModelMeta,
    pub(crate) read: for<'a, 'de> fn(&'a Node<'de>) -> Result<Box<dyn Erased>, ValidationErrors>,
    pub(crate) from_json: fn(serde_json::Value) -> Option<Box<dyn Erased>>,
}

impl CompiledModel {
    /// The kind of the compiled model `T`.
    pub fn of<T>() -> CompiledModel
    where
        T: Model
            + Serialize
            + DeserializeOwned
            + Clone
            + PartialEq
            + fmt::Debug
            + Send
            + Sync
            + 'static,
    {
        CompiledModel {
            meta: T::meta,
            read: |node| {
                let model: T = crate::de::read_node(node)?;
                Ok(Box::new(model))
            },
            from_json: |value| {
                let _pass = crate::de::Pass::enter(crate::de::Mode::Quiet);
                let model: T = serde_json::from_value(value).ok()?;
                Some(Box::new(model))
            },
        }
    }

    /// The compiled model's metadata.
    pub fn meta(&self) -> &'static ModelMeta {
        (self.meta)()
    }
}

impl fmt::Debug for CompiledModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CompiledModel({})", self.meta().name())
    }
}

/// A compiled model's instance, its type erased.
pub(crate) trait Erased: Any + Send + Sync {
    fn clone_box(&self) -> Box<dyn Erased>;
    fn eq_dyn(&self, other: &dyn Erased) -> bool;
    fn debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn json(&self) -> Result<serde_json::Value, serde_json::Error>;
    fn validate_at(&self, at: &Trail<'_>, errors: &mut ValidationErrors);
    /// The model as its own `get` and `fields` show it: secrets redacted.
    fn shown(&self) -> Value;
    fn as_any(&self) -> &dyn Any;
}

impl<T> Erased for T
where
    T: Model + Serialize + Clone + PartialEq + fmt::Debug + Send + Sync + 'static,
{
    fn clone_box(&self) -> Box<dyn Erased> {
        Box::new(self.clone())
    }

    fn eq_dyn(&self, other: &dyn Erased) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }

    fn debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }

    fn json(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::to_value(self)
    }

    fn validate_at(&self, at: &Trail<'_>, errors: &mut ValidationErrors) {
        Model::validate_at(self, at, errors);
    }

    fn shown(&self) -> Value {
        crate::__private::model_value(self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Clone for Box<dyn Erased> {
    fn clone(&self) -> Self {
        (**self).clone_box()
    }
}

impl PartialEq for Box<dyn Erased> {
    fn eq(&self, other: &Self) -> bool {
        (**self).eq_dyn(&**other)
    }
}

impl fmt::Debug for Box<dyn Erased> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).debug(f)
    }
}

/// `value` as a document tree, to read a compiled model from a [`Value`] (set by name).
pub(crate) fn node(value: &Value) -> Node<'static> {
    let kind = match value {
        Value::Null => NodeKind::Unit,
        Value::Bool(v) => NodeKind::Bool(*v),
        Value::Int(v) => NodeKind::I64(*v),
        Value::UInt(v) => NodeKind::U64(*v),
        Value::Float(v) => NodeKind::F64(*v),
        Value::Str(text) => NodeKind::Str(Cow::Owned(text.to_string())),
        Value::List(items) => NodeKind::Seq(items.iter().map(node).collect()),
        Value::Map(entries) => NodeKind::Map(
            entries
                .iter()
                .map(|(k, v)| (Node::new(0, NodeKind::Str(Cow::Owned(k.clone()))), node(v)))
                .collect(),
        ),
    };
    Node::new(0, kind)
}

/// `value` as a [`Value`]: its JSON, converted.
pub(crate) fn to_value(value: &dyn Erased) -> Value {
    fn convert(json: serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(v) => Value::Bool(v),
            serde_json::Value::Number(n) => n
                .as_i64()
                .map(Value::Int)
                .or_else(|| n.as_u64().map(Value::UInt))
                .or_else(|| n.as_f64().map(Value::Float))
                .unwrap_or(Value::Null),
            serde_json::Value::String(s) => Value::Str(Cow::Owned(s)),
            serde_json::Value::Array(items) => {
                Value::List(items.into_iter().map(convert).collect())
            }
            serde_json::Value::Object(entries) => {
                Value::Map(entries.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    value.json().map(convert).unwrap_or(Value::Null)
}
