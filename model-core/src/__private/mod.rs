//! What `#[derive(Model)]` expands to calls. Not public API.

pub use crate::changes::{ChangedFields, Changes};
#[cfg(feature = "serde")]
pub use crate::de::__private::*;
pub use crate::error::{Error, Fault, How, Params, ValidationErrors};
pub use crate::from_value::FromValue;
pub use crate::lazy::Lazy;
pub use crate::meta::{FieldKind, FieldMeta, ModelMeta, RuleMeta, Target, UnknownField};
pub use crate::model::{FieldValues, Model, Nested};
pub use crate::path::Trail;
#[cfg(feature = "serde")]
pub use crate::registry::Entry;
pub use crate::rules;
pub use crate::rules::{Entries, Items, Rule};
#[cfg(feature = "schemars")]
pub use crate::schema::{schemars_name, schemars_schema};
pub use crate::shape::{HasShape, Shape};
pub use crate::value::{ToValue, Value};
pub use core::ops::Bound;
#[cfg(feature = "serde")]
pub use inventory;
#[cfg(feature = "schemars")]
pub use schemars;

use std::fmt::Display;

// --- no `Default` ---------------------------------------------------------------------------------
//
// `#[derive(Default)]` would build a model from its fields' defaults, around every rule. A derive
// macro does not see the derives listed beside it, so the derive cannot refuse it by name;
// instead every model gets an `impl Default` whose bound never holds. A second `impl Default`
// (derived or written) then conflicts with it, and the compiler's note names these two items.
// The bound mentions a lifetime, so that it is not a trivially false bound, and an upstream type
// and trait, so that coherence cannot rule out that it holds.

/// The type in the bound of a model's `impl Default` that never holds: build models with `new`
/// or the builder.
pub struct UseNewOrTheBuilder<T: ?Sized>(core::marker::PhantomData<T>);

/// The trait in the bound of a model's `impl Default`: implemented for nothing, because a
/// default built from the fields' defaults would skip the model's rules.
///
/// It is not generic: a trait with the model among its parameters could be implemented in the
/// model's crate, and coherence would then see that no impl exists and accept both `Default`s.
#[diagnostic::on_unimplemented(
    message = "models do not implement `Default`: a default built from the fields' defaults would skip the rules",
    label = "build it with `new` or the builder, which check the rules"
)]
pub trait DefaultWouldSkipTheRules {
    /// Never called: no type implements the trait.
    fn default<M>() -> M;
}

/// The value of the lazy field `field`, computed by `load` on first access; a loader that asks
/// for it again panics with the field's name instead of waiting forever.
#[inline]
pub fn load_lazy<'a, T>(lazy: &'a Lazy<T>, field: &'static str, load: impl FnOnce() -> T) -> &'a T {
    lazy.load(Some(field), load)
}

/// Puts a model's old values back unless the change is committed: held while the struct checks
/// (user code, which may panic) read the new values, so that a caller who catches the unwind
/// finds the model exactly as it was, never between two states.
pub struct Rollback<'a, M, O> {
    model: &'a mut M,
    old: Option<O>,
    restore: fn(&mut M, O),
}

impl<'a, M, O> Rollback<'a, M, O> {
    /// A guard over `model`, which `restore` returns to `old` unless [`Rollback::commit`] is
    /// called.
    #[inline(always)]
    pub fn new(model: &'a mut M, old: O, restore: fn(&mut M, O)) -> Self {
        Rollback {
            model,
            old: Some(old),
            restore,
        }
    }

    /// The model, holding the new values.
    #[inline(always)]
    pub fn model(&self) -> &M {
        self.model
    }

    /// Keeps the new values.
    #[inline(always)]
    pub fn commit(mut self) {
        self.old = None;
    }
}

impl<M, O> Drop for Rollback<'_, M, O> {
    #[inline(always)]
    fn drop(&mut self) {
        if let Some(old) = self.old.take() {
            (self.restore)(self.model, old);
        }
    }
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
    if how.secret {
        return check_secret(value, rule, how, at, errors);
    }
    // Built-in rules record their violations themselves, in place; others return the fault.
    if let Err(fault) = rule.check_into(value, how, at, errors) {
        record(fault, how, at, errors);
    }
}

/// [`check`] for a secret field: its violations are recorded redacted (every parameter, and a
/// message made at run time), then the rule's declared configuration ([`Rule::params`]: bounds,
/// a pattern) is shown again, as it does not come from the value.
#[inline(never)]
fn check_secret<T: ?Sized, R: Rule<T>>(
    value: &T,
    rule: &R,
    how: How,
    at: &Trail<'_>,
    errors: &mut ValidationErrors,
) {
    let start = errors.len();
    if let Err(fault) = rule.check_into(value, how, at, errors) {
        record(fault, how, at, errors);
    }
    if errors.len() > start {
        errors.declare_from(start, &rule.params());
    }
}

/// Hides the map keys in the paths of the violations a secret field's rules recorded from
/// `start` on, below the field `at`.
#[cold]
pub fn redact_keys(errors: &mut ValidationErrors, start: usize, at: &Trail<'_>) {
    errors.redact_keys_from(start, at);
}

#[cold]
#[inline(never)]
fn record(error: Fault, how: How, at: &Trail<'_>, errors: &mut ValidationErrors) {
    errors.record_fault(at, how, error);
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
pub const fn rule<T: ?Sized, R: Rule<T>>(rule: R) -> impl Rule<T> {
    rule
}

/// `rule`, a rule for `str`, as a rule for the text type `T`: a field that is not text is
/// reported as such (see [`Text`](crate::rules::Text)), at the rule's name.
#[inline(always)]
pub const fn as_text<T: crate::rules::Text + ?Sized, R: Rule<str>>(rule: R) -> impl Rule<T> {
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

    #[inline]
    fn check_into(
        &self,
        value: &T,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fault> {
        self.0.check_into(value.as_ref(), how, at, errors)
    }

    #[inline]
    fn holds(&self, value: &T) -> bool {
        self.0.holds(value.as_ref())
    }

    fn params(&self) -> Params {
        self.0.params()
    }
}

/// Whether a nested model at `at` lies deeper than [`crate::MAX_DEPTH`], recording a `depth`
/// violation there if so: its generated `validate_nested` then stops.
#[inline]
pub fn too_deep(at: &Trail<'_>, errors: &mut ValidationErrors) -> bool {
    if at.longer_than(crate::model::MAX_DEPTH) {
        deeper_than_max(at, errors);
        true
    } else {
        false
    }
}

#[cold]
#[inline(never)]
fn deeper_than_max(at: &Trail<'_>, errors: &mut ValidationErrors) {
    errors.add(
        at,
        Error::new(
            "depth",
            "is nested too deeply to validate (a path of more than {max} segments)",
        )
        .with_param("max", crate::model::MAX_DEPTH),
    );
}

/// Validates the models inside a `secret` field, hiding the offending values they report.
#[inline]
pub fn validate_secret_nested<N: Nested + ?Sized>(
    value: &N,
    at: &Trail<'_>,
    errors: &mut ValidationErrors,
) {
    let start = errors.len();
    value.validate_nested(at, errors);
    errors.redact_from(start, at);
}

/// Whether `value` satisfies `rule`: the fast path of a setter, which reports nothing.
#[inline(always)]
pub fn holds<T: ?Sized, R: Rule<T>>(value: &T, rule: &R) -> bool {
    rule.holds(value)
}

mod by_name;
pub use by_name::*;

/// The traits of the access-by-name probes, to import together:
/// `use ::model::__private::probe::*;`.
pub mod probe {
    pub use super::by_name::{
        ViaDebug, ViaFromValue, ViaNoDebug, ViaNoFromValue, ViaNoShape, ViaOpaque, ViaShape,
        ViaToValue,
    };
}

/// Sets the field called `name` to `value` through `set`, which receives the field's index in
/// [`ModelMeta::field_list`] and the value.
///
/// An unknown name is reported at its path with the code `unknown_field`, the parameter `name`
/// and, when a field's name is close, `did_you_mean` (the closest); a read-only field
/// ([`FieldMeta::is_readonly`]) with the code `readonly`. `set` is not called then.
pub fn set_by_name(
    meta: &'static ModelMeta,
    name: &str,
    value: Value,
    set: impl FnOnce(usize, Value) -> Result<(), ValidationErrors>,
) -> Result<(), ValidationErrors> {
    match meta.field_index(name) {
        Ok(index) if meta.field_list()[index].is_readonly() => {
            Err(read_only(&meta.field_list()[index]))
        }
        Ok(index) => set(index, value),
        Err(unknown) => Err(unknown_field(&unknown)),
    }
}

#[cold]
fn unknown_field(unknown: &UnknownField) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    errors.add(
        &Trail::Name(&Trail::Root, unknown.name()),
        unknown_field_error(unknown),
    );
    errors
}

/// The error of an unknown name, as set-by-name words it: code `unknown_field`, the parameter
/// `name` and, when a field's name is close, `did_you_mean`.
#[cold]
pub(crate) fn unknown_field_error(unknown: &UnknownField) -> Error {
    let error =
        Error::new("unknown_field", "no such field").with_param("name", unknown.name().to_owned());
    match unknown.close_matches().first() {
        Some(&close) => error
            .with_param("did_you_mean", close)
            .with_message("no such field; did you mean `{did_you_mean}`?"),
        None => error,
    }
}

/// The report of a field that cannot be set after construction: code `readonly`, at the field.
#[cold]
pub fn read_only(field: &FieldMeta) -> ValidationErrors {
    field_error(field.name(), Error::new("readonly", "is read-only"))
}

/// A builder's value of the required field `key`: a violation when it was not set.
#[inline]
pub fn required<T>(
    value: Option<T>,
    key: &'static str,
    errors: &mut ValidationErrors,
) -> Option<T> {
    if value.is_none() {
        missing_field(key, errors);
    }
    value
}

/// The reporting path of a setter whose model has no struct-level checks, hooks or dependent
/// fields: every violation of `new` (`check`, the field's generated check), or `new` stored.
#[cold]
pub fn set_reported<T>(field: &mut T, new: T, check: Check<T>) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    check(&new, &Trail::Root, &mut errors, false);
    if !errors.is_empty() {
        return Err(errors);
    }
    *field = new;
    Ok(())
}

/// A draft's value, if it set one, put in `field`: the value it replaces.
#[inline]
pub fn swap<T>(field: &mut T, new: Option<T>) -> Option<T> {
    new.map(|new| core::mem::replace(field, new))
}

/// A draft's field as it will be: the value set on the draft, or else the model's.
#[inline]
pub fn pending<'a, T>(set: &'a Option<T>, current: &'a T) -> &'a T {
    match set {
        Some(value) => value,
        None => current,
    }
}

/// The rules of a field whose value may be absent (a builder's, a draft's, a document's), at the
/// root: `check`, the field's generated check, when there is a value.
#[inline]
pub fn check_some<T>(value: &Option<T>, check: Check<T>, errors: &mut ValidationErrors) {
    if let Some(value) = value {
        check(value, &Trail::Root, errors, false);
    }
}

/// A field's generated check, taken as a pointer by the helpers above and below, so that each
/// helper is compiled once per field type rather than once per field.
pub type Check<T> = fn(&T, &Trail<'_>, &mut ValidationErrors, bool);

#[cold]
fn missing_field(key: &'static str, errors: &mut ValidationErrors) {
    errors.add(&Trail::Field(&Trail::Root, key), Error::required());
}

/// A value converted for set-by-name, or its error at the field `key` (redacted if `secret`).
#[inline]
pub fn converted<T>(
    value: Result<T, Error>,
    key: &'static str,
    secret: bool,
) -> Result<T, ValidationErrors> {
    value.map_err(|mut error| {
        if secret {
            error.redact();
        }
        field_error(key, error)
    })
}

/// A report of `error` alone, at the field called `name`.
#[cold]
pub fn field_error(name: &'static str, error: Error) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    errors.add(&Trail::Field(&Trail::Root, name), error);
    errors
}

/// A model as a [`Value::Map`] of every field that [`Model::fields`] yields, by external name,
/// in declaration order: a model's [`ToValue`].
///
/// Models nested deeper than [`crate::MAX_DEPTH`] read as `"[nested too deeply]"`: a tree of
/// any depth can be built through the API, and converting it whole would overflow the stack.
pub fn model_value<M: Model>(model: &M) -> Value {
    let Some(_level) = ValueDepth::enter() else {
        return Value::str("[nested too deeply]");
    };
    Value::Map(
        model
            .fields()
            .map(|(field, value)| (field.name().to_owned(), value))
            .collect(),
    )
}

thread_local! {
    /// How many models deep this thread is converting to a [`Value`].
    static VALUE_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// One level of [`model_value`], left when dropped (a panic included).
struct ValueDepth;

impl ValueDepth {
    fn enter() -> Option<ValueDepth> {
        VALUE_DEPTH.with(|depth| {
            let level = depth.get();
            (level < crate::model::MAX_DEPTH).then(|| {
                depth.set(level + 1);
                ValueDepth
            })
        })
    }
}

impl Drop for ValueDepth {
    fn drop(&mut self) {
        VALUE_DEPTH.with(|depth| depth.set(depth.get() - 1));
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
