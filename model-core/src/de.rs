//! Deserialization that hands back the full [`ValidationErrors`] report (feature `serde`).
//!
//! Every model's `Deserialize` validates. A model deserialized as a `#[model(nested)]` field of
//! another is validated once, by the outermost model, so that the report holds every violation
//! of the whole tree with its full path (`servers[2].tags[0]`).

use crate::error::ValidationErrors;
use serde::{Deserialize, Deserializer};
use std::cell::{Cell, RefCell};
use std::fmt;

thread_local! {
    /// Set while a `nested` field is deserialized: its models leave validation to the parent.
    static DEFER: Cell<bool> = const { Cell::new(false) };
    /// The report of the last model that failed validation on this thread.
    static REPORT: RefCell<Option<ValidationErrors>> = const { RefCell::new(None) };
}

/// Why a value could not be deserialized into a model.
#[derive(Debug, thiserror::Error)]
pub enum Rejected<E> {
    /// The input was well-formed, but broke the model's rules: every violation.
    #[error("{0}")]
    Invalid(ValidationErrors),
    /// The input could not be read as the model (syntax, missing or unknown fields, types).
    #[error("{0}")]
    Malformed(E),
}

impl<E> Rejected<E> {
    /// The validation report, when the input broke the rules.
    pub fn validation_errors(&self) -> Option<&ValidationErrors> {
        match self {
            Rejected::Invalid(errors) => Some(errors),
            Rejected::Malformed(_) => None,
        }
    }
}

/// Deserializes a `T` from `deserializer`, returning the full report when it breaks its rules.
///
/// With serde_json: `model::deserialize::<Server, _>(&mut serde_json::Deserializer::from_str(json))`.
pub fn deserialize<'de, T, D>(deserializer: D) -> Result<T, Rejected<D::Error>>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    REPORT.with(|report| report.borrow_mut().take());
    T::deserialize(deserializer).map_err(|error| {
        match REPORT.with(|report| report.borrow_mut().take()) {
            Some(errors) => Rejected::Invalid(errors),
            None => Rejected::Malformed(error),
        }
    })
}

/// Restores the deferral flag when a model's deserialization ends, however it ends.
pub struct ModelScope {
    deferred: bool,
}

impl ModelScope {
    /// Enters a model's `Deserialize`: whether its parent validates it, and its own fields
    /// validate themselves unless they are `nested`.
    pub fn enter() -> ModelScope {
        ModelScope {
            deferred: DEFER.with(|defer| defer.replace(false)),
        }
    }

    /// Whether the parent validates this model.
    pub fn deferred(&self) -> bool {
        self.deferred
    }
}

impl Drop for ModelScope {
    fn drop(&mut self) {
        DEFER.with(|defer| defer.set(self.deferred));
    }
}

struct Restore(bool);

impl Drop for Restore {
    fn drop(&mut self) {
        DEFER.with(|defer| defer.set(self.0));
    }
}

/// Deserializes the value of a `nested` field: its models are validated by the parent. (That
/// the field holds models is checked where it is validated, which reports it at `nested`.)
pub fn deserialize_nested<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let _restore = Restore(DEFER.with(|defer| defer.replace(true)));
    T::deserialize(deserializer)
}

/// The deserializer's error for a model that broke its rules; the report is kept for
/// [`deserialize`].
#[cold]
pub fn invalid<E: serde::de::Error>(errors: ValidationErrors) -> E {
    let error = E::custom(Report(&errors));
    REPORT.with(|report| *report.borrow_mut() = Some(errors));
    error
}

struct Report<'a>(&'a ValidationErrors);

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

/// Forgets the last report of this thread.
pub(crate) fn clear_report() {
    REPORT.with(|report| report.borrow_mut().take());
}

/// The last report of this thread, if a model failed validation since [`clear_report`].
pub(crate) fn take_report() -> Option<ValidationErrors> {
    REPORT.with(|report| report.borrow_mut().take())
}
