//! What `#[derive(Model)]` expands to calls. Not public API.

pub use crate::changes::{ChangedFields, Changes};
#[cfg(feature = "serde")]
pub use crate::de::{deserialize_nested, invalid, ModelScope};
pub use crate::error::{Error, Fault, Params, ValidationErrors};
pub use crate::from_value::FromValue;
pub use crate::lazy::Lazy;
pub use crate::meta::{FieldMeta, ModelMeta, RuleMeta, Target, UnknownField};
pub use crate::model::{Model, Nested};
pub use crate::path::Trail;
#[cfg(feature = "serde")]
pub use crate::registry::Entry;
pub use crate::rules;
pub use crate::rules::{Entries, Items, Rule};
pub use crate::value::{ToValue, Value};
pub use core::ops::Bound;
#[cfg(feature = "serde")]
pub use inventory;

use std::fmt::Display;

/// How a rule's error is recorded.
#[derive(Clone, Copy)]
pub struct How {
    /// The custom message, if any.
    pub message: Option<&'static str>,
    /// Whether the field is secret.
    pub secret: bool,
}

impl How {
    /// Plain: the rule's own message, values shown.
    pub const PLAIN: How = How {
        message: None,
        secret: false,
    };
}

/// Checks `value` against `rule`, recording a violation at `at` if it fails.
#[inline(always)]
pub fn check<T: ?Sized, R: Rule<T>>(
    value: &T,
    rule: &R,
    how: How,
    at: &Trail<'_>,
    errors: &mut ValidationErrors,
) {
    if let Err(fault) = rule.check_inline(value) {
        record(fault, how, at, errors);
    }
}

#[cold]
#[inline(never)]
fn record(mut error: Fault, how: How, at: &Trail<'_>, errors: &mut ValidationErrors) {
    if let Some(message) = how.message {
        error = error.with_message(message);
    }
    if how.secret {
        error.redact();
    }
    errors.add_fault(at, error);
}

/// Runs `f` on each item of `items`, under its index.
#[inline(always)]
pub fn each<C: Items + ?Sized>(
    items: &C,
    at: &Trail<'_>,
    errors: &mut ValidationErrors,
    mut f: impl FnMut(&C::Item, &Trail<'_>, &mut ValidationErrors),
) {
    for (index, item) in items.items().enumerate() {
        f(item, &Trail::Index(at, index), errors);
    }
}

/// Runs `f` on each key of `map`, under the key.
#[inline(always)]
pub fn keys<M: Entries + ?Sized>(
    map: &M,
    at: &Trail<'_>,
    errors: &mut ValidationErrors,
    mut f: impl FnMut(&M::Key, &Trail<'_>, &mut ValidationErrors),
) where
    M::Key: Display,
{
    for (key, _) in map.entries() {
        f(key, &Trail::Key(at, key), errors);
    }
}

/// Runs `f` on each value of `map`, under its key.
#[inline(always)]
pub fn values<M: Entries + ?Sized>(
    map: &M,
    at: &Trail<'_>,
    errors: &mut ValidationErrors,
    mut f: impl FnMut(&M::Value, &Trail<'_>, &mut ValidationErrors),
) where
    M::Key: Display,
{
    for (key, value) in map.entries() {
        f(value, &Trail::Key(at, key), errors);
    }
}

/// The parameters of `rule` as a rule for `T` (rule metadata).
pub fn params<T: ?Sized, R: Rule<T>>(rule: &R) -> Params {
    rule.params()
}

/// `rule`, required to check values of type `T`: the one place where a rule that does not fit
/// its field is reported, at the rule's name.
#[inline(always)]
pub fn rule<T: ?Sized, R: Rule<T>>(rule: R) -> impl Rule<T> {
    rule
}

/// `rule`, a rule for `str`, as a rule for the text type `T`: a field that is not text is
/// reported as such (see [`Text`](crate::rules::Text)), at the rule's name.
#[inline(always)]
pub fn as_text<T: crate::rules::Text + ?Sized, R: Rule<str>>(rule: R) -> impl Rule<T> {
    AsText(rule)
}

struct AsText<R>(R);

impl<T: crate::rules::Text + ?Sized, R: Rule<str>> Rule<T> for AsText<R> {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.0.check(value.as_ref())
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        self.0.check_inline(value.as_ref())
    }

    fn params(&self) -> Params {
        self.0.params()
    }
}

#[cfg(feature = "serde")]
pub use serde;

/// Keeps the generated serde impls when the `serde` feature is on.
#[cfg(feature = "serde")]
#[macro_export]
#[doc(hidden)]
macro_rules! __model_with_serde {
    ($($tokens:tt)*) => { $($tokens)* };
}

/// Drops the generated serde impls when the `serde` feature is off.
#[cfg(not(feature = "serde"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __model_with_serde {
    ($($tokens:tt)*) => {};
}

pub use crate::__model_with_serde as with_serde;
