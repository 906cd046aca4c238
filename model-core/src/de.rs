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
    /// Set while [`deserialize`] runs: its caller receives the typed report, so the
    /// deserializer's error is not given the report's text.
    static TYPED: Cell<bool> = const { Cell::new(false) };
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
    let typed = Typed(TYPED.with(|typed| typed.replace(true)));
    let result = T::deserialize(deserializer);
    drop(typed);
    result.map_err(
        |error| match REPORT.with(|report| report.borrow_mut().take()) {
            Some(errors) => Rejected::Invalid(errors),
            None => Rejected::Malformed(error),
        },
    )
}

/// Runs `f`, a deserialization whose caller receives the typed report (the registry's), so
/// that the report is not formatted into the deserializer's error.
pub(crate) fn typed<R>(f: impl FnOnce() -> R) -> R {
    let _typed = Typed(TYPED.with(|typed| typed.replace(true)));
    f()
}

/// Restores the flag [`TYPED`] when [`deserialize`] ends, however it ends.
struct Typed(bool);

impl Drop for Typed {
    fn drop(&mut self) {
        TYPED.with(|typed| typed.set(self.0));
    }
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
///
/// The error's text is the whole report, except under [`deserialize`], whose caller receives
/// the typed report instead of this error: then the report is not formatted.
#[cold]
pub fn invalid<E: serde::de::Error>(errors: ValidationErrors) -> E {
    let error = if TYPED.with(Cell::get) {
        E::custom(TYPED_MESSAGE)
    } else {
        E::custom(Report(&errors))
    };
    REPORT.with(|report| *report.borrow_mut() = Some(errors));
    error
}

/// The error's text under [`deserialize`], where the caller receives the typed report instead.
const TYPED_MESSAGE: &str = "the value breaks the model's rules";

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::path::Trail;
    use serde::de::value::{Error as ValueError, UnitDeserializer};
    use serde::de::IntoDeserializer;

    thread_local! {
        /// The text of the last error [`Checked`] returned.
        static TEXT: RefCell<String> = const { RefCell::new(String::new()) };
    }

    /// Reads a unit and always breaks its rule, keeping the text of its error.
    #[derive(Debug)]
    struct Checked;

    impl<'de> Deserialize<'de> for Checked {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Checked, D::Error> {
            <()>::deserialize(deserializer)?;
            let mut errors = ValidationErrors::new();
            errors.add(
                &Trail::Root.field("ram_gb"),
                Error::new("range", "must be at least {min}").with_param("min", 1),
            );
            let error: D::Error = invalid(errors);
            TEXT.with(|text| *text.borrow_mut() = error.to_string());
            Err(error)
        }
    }

    fn unit() -> UnitDeserializer<ValueError> {
        ().into_deserializer()
    }

    #[test]
    fn the_typed_report_is_not_formatted_and_plain_errors_still_are() {
        let rejected = deserialize::<Checked, _>(unit()).unwrap_err();
        let report = rejected.validation_errors().expect("the typed report");
        assert_eq!(report.to_string(), "ram_gb: must be at least 1");
        assert_eq!(TEXT.with(|text| text.borrow().clone()), TYPED_MESSAGE);

        // Outside `deserialize`, the deserializer's error is the report.
        let error = Checked::deserialize(unit()).unwrap_err();
        assert_eq!(error.to_string(), "ram_gb: must be at least 1");
    }
}
