//! The validator trait [`Rule`] and the built-in rules.
//!
//! A rule is the Rust counterpart of a Python descriptor's `__set__` check: a small value,
//! built by a `const` constructor, that says whether a field's value is acceptable. The same
//! rule value serves any number of fields of any number of models, and holds no per-instance
//! state (Effective Python Item 31's shared-state bug cannot happen).
//!
//! Each built-in rule works over a capability trait ([`HasLength`], [`Numeric`], [`Text`],
//! [`Items`]...), so that a rule extends to your own types by implementing that trait (for
//! [`Text`], `AsRef<str>`).

mod each;
#[cfg(feature = "email")]
mod email;
mod length;
mod number;
mod one_of;
#[cfg(feature = "regex")]
mod pattern;
mod range;
mod text;
#[cfg(feature = "url")]
mod url;

pub use each::{Entries, Items};
#[cfg(feature = "email")]
pub use email::Email;
pub use length::{ByteLength, HasBytes, HasLength, Length, NonEmpty, Unit};
pub use number::{NonNegative, Numeric, Positive};
pub use one_of::OneOf;
#[cfg(feature = "regex")]
pub use pattern::Pattern;
pub use range::Range;
pub use text::{Alphanumeric, Ascii, Contains, Prefix, Suffix, Text};
#[cfg(feature = "url")]
pub use url::Url;

use crate::error::How;
use crate::error::{Error, Fault, Params, ValidationErrors};
use crate::path::Trail;

/// A reusable validation rule for values of type `T`: the Rust "descriptor".
///
/// Write your own rule as one more type, and use it on any field with `#[model(with = ...)]`:
///
/// ```
/// use model_core::{Error, Rule};
///
/// /// A percentage: 0 to 100.
/// struct Percent;
///
/// impl Rule<u8> for Percent {
///     fn check(&self, value: &u8) -> Result<(), Error> {
///         if *value <= 100 {
///             Ok(())
///         } else {
///             Err(Error::new("percent", "must be a percentage (got {value})").with_param("value", *value))
///         }
///     }
/// }
///
/// assert!(Percent.check(&40).is_ok());
/// assert_eq!(Percent.check(&140).unwrap_err().message(), "must be a percentage (got 140)");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a rule for values of type `{T}`",
    label = "this rule cannot check a `{T}`"
)]
pub trait Rule<T: ?Sized> {
    /// `Ok(())` when `value` satisfies the rule; otherwise the error to report.
    ///
    /// Must not allocate when `value` is valid.
    fn check(&self, value: &T) -> Result<(), Error>;

    /// [`Rule::check`] without boxing the error: built-in rules implement it so that recording
    /// their violations does not allocate. Not public API.
    #[doc(hidden)]
    #[inline]
    #[allow(
        clippy::result_large_err,
        reason = "the fault is inline so that recording a violation does not allocate; it is the cold path"
    )]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        self.check(value).map_err(Error::into_fault)
    }

    /// Checks `value` and records its violation, if any, in `errors` at `at`; or returns the
    /// fault for the caller to record. Built-in rules record in place, from a cold function, so
    /// that the inlined check holds no fault on its stack frame; the default returns
    /// [`Rule::check_inline`]'s fault. Not public API.
    #[doc(hidden)]
    #[inline]
    #[allow(
        clippy::result_large_err,
        reason = "the fault is inline so that recording a violation does not allocate; it is the cold path"
    )]
    fn check_into(
        &self,
        value: &T,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fault> {
        let _ = (how, at, errors);
        self.check_inline(value)
    }

    /// Whether `value` satisfies the rule, without reporting anything: the fast path of a
    /// setter. Built-in rules answer with a comparison. Not public API.
    #[doc(hidden)]
    #[inline]
    fn holds(&self, value: &T) -> bool {
        self.check_inline(value).is_ok()
    }

    /// The rule's parameters (`min`, `max`, `pattern`...), for metadata and schemas.
    fn params(&self) -> Params {
        Params::new()
    }
}

impl<T: ?Sized, R: Rule<T> + ?Sized> Rule<T> for &R {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        (**self).check(value)
    }
    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        (**self).check_inline(value)
    }
    #[inline]
    fn check_into(
        &self,
        value: &T,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fault> {
        (**self).check_into(value, how, at, errors)
    }
    #[inline]
    fn holds(&self, value: &T) -> bool {
        (**self).holds(value)
    }
    fn params(&self) -> Params {
        (**self).params()
    }
}

/// Records the error of a rule without parameters, `(code, template)`, at `at`.
#[cold]
#[inline(never)]
fn report(
    (code, template): (&'static str, &'static str),
    how: How,
    at: &Trail<'_>,
    errors: &mut ValidationErrors,
) {
    errors.record_fault(at, how, Fault::new(code, template));
}

/// A rule made of a function: `#[model(check = path)]` on a field or on the struct.
///
/// ```
/// use model_core::rules::Check;
/// use model_core::{Error, Rule};
///
/// fn even(value: &i64) -> Result<(), Error> {
///     if value % 2 == 0 { Ok(()) } else { Err(Error::new("even", "must be even")) }
/// }
///
/// assert!(Check(even).check(&4).is_ok());
/// assert_eq!(Check(even).check(&3).unwrap_err().code(), "even");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Check<F>(pub F);

impl<T: ?Sized, F: Fn(&T) -> Result<(), Error>> Rule<T> for Check<F> {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        (self.0)(value)
    }

    /// The function's error is boxed already: it is recorded as it is, not unboxed on the way.
    #[inline]
    fn check_into(
        &self,
        value: &T,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fault> {
        if let Err(error) = (self.0)(value) {
            errors.record_error(at, how, error);
        }
        Ok(())
    }

    #[inline]
    fn holds(&self, value: &T) -> bool {
        (self.0)(value).is_ok()
    }
}
