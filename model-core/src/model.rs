//! The [`Model`] trait, implemented by `#[derive(Model)]`.

use crate::error::ValidationErrors;
use crate::meta::{FieldMeta, ModelMeta, UnknownField};
use crate::path::Trail;
use crate::value::Value;
use std::fmt;
use std::iter::{Enumerate, FusedIterator};
use std::slice;

/// A validated data model: a struct whose instances are always valid.
///
/// Implemented by `#[derive(Model)]`, which also generates the constructor, builder, getters,
/// setters and `update`. The metadata is reachable from the type, without an instance.
/// Derive it rather than implement it: the methods hidden from this documentation are written
/// by the derive and are not public API.
pub trait Model: Sized {
    /// The model's static metadata: name, fields, rules.
    fn meta() -> &'static ModelMeta;

    /// Checks every field rule, then (if those hold) every struct-level check, reporting each
    /// violation under `at`.
    ///
    /// An instance built through the generated API always passes; this is how nested models
    /// report their violations under their parent's path.
    #[doc(hidden)]
    fn validate_at(&self, at: &Trail<'_>, errors: &mut ValidationErrors);

    /// Checks every rule of this instance, returning every violation.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        self.validate_at(&Trail::Root, &mut errors);
        errors.into_result()
    }

    /// The value of the field at `index` in [`ModelMeta::field_list`], as a [`Value`].
    ///
    /// `#[derive(Model)]` implements it with a value for every index of the metadata: a field
    /// whose type does not implement [`ToValue`](crate::ToValue) gives its type name in angle
    /// brackets. `None` means an index out of range, or a hand-written model that does not
    /// implement access by name.
    #[doc(hidden)]
    fn __value_at(&self, index: usize) -> Option<Value> {
        let _ = index;
        None
    }

    /// The value of the field called `name` (its external name, or its Rust name), as a
    /// [`Value`]; an error naming the close fields if the model has no such field.
    ///
    /// A field whose type does not implement [`ToValue`](crate::ToValue) gives its type name in
    /// angle brackets, as [`type_name`](std::any::type_name) writes it (its exact text may vary
    /// between compiler versions): `"<core::net::ip_addr::Ipv4Addr>"`.
    ///
    /// Every field of a derived model has a value; a hand-written model that does not implement
    /// access by name gives [`Value::Null`] for its known fields.
    fn get(&self, name: &str) -> Result<Value, UnknownField> {
        let index = Self::meta().field_index(name)?;
        Ok(self.__value_at(index).unwrap_or(Value::Null))
    }

    /// The model's JSON Schema (draft 2020-12), made from its metadata: its fields, their
    /// types and rules; see [`schema`](crate::schema) for what maps to what (feature `json`).
    #[cfg(feature = "json")]
    fn json_schema() -> serde_json::Value {
        crate::schema::model_schema(Self::meta())
    }

    /// Every field with its value, in declaration order (the order of
    /// [`ModelMeta::field_list`]).
    fn fields(&self) -> FieldValues<'_, Self> {
        FieldValues {
            model: self,
            fields: Self::meta().field_list().iter().enumerate(),
        }
    }
}

/// Every field of a model with its value, in declaration order: what [`Model::fields`] returns.
pub struct FieldValues<'a, M> {
    model: &'a M,
    fields: Enumerate<slice::Iter<'static, FieldMeta>>,
}

impl<M: Model> FieldValues<'_, M> {
    fn value(&self, (index, field): (usize, &'static FieldMeta)) -> (&'static FieldMeta, Value) {
        (field, self.model.__value_at(index).unwrap_or(Value::Null))
    }
}

impl<M: Model> Iterator for FieldValues<'_, M> {
    type Item = (&'static FieldMeta, Value);

    fn next(&mut self) -> Option<Self::Item> {
        let next = self.fields.next()?;
        Some(self.value(next))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.fields.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<Self::Item> {
        let next = self.fields.nth(n)?;
        Some(self.value(next))
    }
}

impl<M: Model> DoubleEndedIterator for FieldValues<'_, M> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let next = self.fields.next_back()?;
        Some(self.value(next))
    }
}

impl<M: Model> ExactSizeIterator for FieldValues<'_, M> {}

impl<M: Model> FusedIterator for FieldValues<'_, M> {}

impl<M> Clone for FieldValues<'_, M> {
    fn clone(&self) -> Self {
        FieldValues {
            model: self.model,
            fields: self.fields.clone(),
        }
    }
}

/// The names of the fields still to come.
impl<M> fmt::Debug for FieldValues<'_, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("FieldValues")
            .field(
                &self
                    .fields
                    .clone()
                    .map(|(_, field)| field.name())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// How deep validation goes into nested models: a model whose path has more segments (fields,
/// indices, keys) than this is not validated, and a `depth` violation says so at its path.
///
/// Constructors and setters check a nested value's own rules, not its subtree (each model in it
/// is valid already), so a tree of any depth can be built through the API; [`Model::validate`]
/// of such a tree reports the depth rather than overflowing the stack. Deserialization
/// validates the whole tree, so it refuses a document nested deeper than this (`serde_json`
/// refuses one deeper than 128 containers first). Read by name ([`Model::get`], a model's
/// [`ToValue`](crate::ToValue)), a model nested deeper than this many models reads as the text
/// `[nested too deeply]`.
pub const MAX_DEPTH: usize = 256;

/// Values that hold models, validated as a whole under a parent's path:
/// `#[model(nested)]` on a field of this type, down to [`MAX_DEPTH`].
///
/// `#[derive(Model)]` implements it for each model; it is implemented for `Option`, `Box`,
/// `Vec`, slices, arrays, `VecDeque` and maps of such values.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not hold models, so `nested` does not apply to it",
    label = "`nested` needs a model, or an Option, Box, Vec, array or map of models"
)]
pub trait Nested {
    /// Validates every model inside, reporting violations under `at`.
    fn validate_nested(&self, at: &Trail<'_>, errors: &mut ValidationErrors);
}

impl<T: Nested> Nested for Option<T> {
    fn validate_nested(&self, at: &Trail<'_>, errors: &mut ValidationErrors) {
        if let Some(value) = self {
            value.validate_nested(at, errors);
        }
    }
}

impl<T: Nested + ?Sized> Nested for Box<T> {
    fn validate_nested(&self, at: &Trail<'_>, errors: &mut ValidationErrors) {
        (**self).validate_nested(at, errors);
    }
}

impl<T: Nested> Nested for [T] {
    fn validate_nested(&self, at: &Trail<'_>, errors: &mut ValidationErrors) {
        for (index, value) in self.iter().enumerate() {
            value.validate_nested(&Trail::Index(at, index), errors);
        }
    }
}

impl<T: Nested, const N: usize> Nested for [T; N] {
    fn validate_nested(&self, at: &Trail<'_>, errors: &mut ValidationErrors) {
        self.as_slice().validate_nested(at, errors);
    }
}

impl<T: Nested> Nested for Vec<T> {
    fn validate_nested(&self, at: &Trail<'_>, errors: &mut ValidationErrors) {
        self.as_slice().validate_nested(at, errors);
    }
}

impl<T: Nested> Nested for std::collections::VecDeque<T> {
    fn validate_nested(&self, at: &Trail<'_>, errors: &mut ValidationErrors) {
        for (index, value) in self.iter().enumerate() {
            value.validate_nested(&Trail::Index(at, index), errors);
        }
    }
}

impl<K: std::fmt::Display, V: Nested, S> Nested for std::collections::HashMap<K, V, S> {
    fn validate_nested(&self, at: &Trail<'_>, errors: &mut ValidationErrors) {
        for (key, value) in self {
            value.validate_nested(&Trail::Key(at, key), errors);
        }
    }
}

impl<K: std::fmt::Display, V: Nested> Nested for std::collections::BTreeMap<K, V> {
    fn validate_nested(&self, at: &Trail<'_>, errors: &mut ValidationErrors) {
        for (key, value) in self {
            value.validate_nested(&Trail::Key(at, key), errors);
        }
    }
}
