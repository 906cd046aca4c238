//! The [`Model`] trait, implemented by `#[derive(Model)]`.

use crate::error::ValidationErrors;
use crate::meta::ModelMeta;
use crate::path::Trail;

/// A validated data model: a struct whose instances are always valid.
///
/// Implemented by `#[derive(Model)]`, which also generates the constructor, builder, getters,
/// setters and `update`. The metadata is reachable from the type, without an instance.
pub trait Model: Sized {
    /// The model's static metadata: name, fields, rules.
    fn meta() -> &'static ModelMeta;

    /// Checks every field rule, then (if those hold) every struct-level check, reporting each
    /// violation under `at`.
    ///
    /// An instance built through the generated API always passes; this is how nested models
    /// report their violations under their parent's path.
    fn validate_at(&self, at: &Trail<'_>, errors: &mut ValidationErrors);

    /// Checks every rule of this instance, returning every violation.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        self.validate_at(&Trail::Root, &mut errors);
        errors.into_result()
    }
}

/// Values that hold models, validated as a whole under a parent's path:
/// `#[model(nested)]` on a field of this type.
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
