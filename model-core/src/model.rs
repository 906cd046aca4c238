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
