//! `non_negative` and `positive`: the sign of a number.
//!
//! ```
//! use model_core::rules::{NonNegative, Positive, Rule};
//!
//! assert!(NonNegative.check(&0).is_ok());
//! assert_eq!(NonNegative.check(&-4).unwrap_err().message(), "must not be negative (got -4)");
//! assert!(Positive.check(&0.5).is_ok());
//! assert_eq!(Positive.check(&0.0).unwrap_err().code(), "positive");
//! ```

use super::Rule;
use crate::error::How;
use crate::error::{put, Error, Fault, ValidationErrors};
use crate::path::Trail;
use crate::value::ToValue;

/// A number: a type with a zero to compare against.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a number, so `non_negative` and `positive` do not apply to it",
    label = "this rule needs a number"
)]
pub trait Numeric: PartialOrd + ToValue {
    /// Zero.
    const ZERO: Self;
}

macro_rules! numeric {
    ($($ty:ty = $zero:expr),*) => {$(
        impl Numeric for $ty {
            const ZERO: Self = $zero;
        }
    )*};
}
numeric!(i8 = 0, i16 = 0, i32 = 0, i64 = 0, i128 = 0, isize = 0);
numeric!(u8 = 0, u16 = 0, u32 = 0, u64 = 0, u128 = 0, usize = 0);
numeric!(
    f32 = 0.0,
    f64 = 0.0,
    std::time::Duration = std::time::Duration::ZERO
);

/// A number that is zero or more, like a Python `NonNegativeField` descriptor. NaN and the
/// infinities are rejected, so that a valid float reads back from JSON.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NonNegative;

impl<T: Numeric> Rule<T> for NonNegative {
    #[inline]
    fn holds(&self, value: &T) -> bool {
        *value >= T::ZERO && value.is_finite_value()
    }

    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.check_inline(value).map_err(Error::from)
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        if *value >= T::ZERO && value.is_finite_value() {
            Ok(())
        } else {
            Err(sign_error(
                "non_negative",
                "must not be negative (got {value})",
                value,
            ))
        }
    }

    #[inline]
    fn check_into(
        &self,
        value: &T,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fault> {
        if *value >= T::ZERO && value.is_finite_value() {
            return Ok(());
        }
        sign_report(
            ("non_negative", "must not be negative (got {value})"),
            value,
            how,
            at,
            errors,
        );
        Ok(())
    }
}

/// A number greater than zero. NaN and the infinities are rejected, so that a valid float reads
/// back from JSON.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Positive;

impl<T: Numeric> Rule<T> for Positive {
    #[inline]
    fn holds(&self, value: &T) -> bool {
        *value > T::ZERO && value.is_finite_value()
    }

    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.check_inline(value).map_err(Error::from)
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        if *value > T::ZERO && value.is_finite_value() {
            Ok(())
        } else {
            Err(sign_error(
                "positive",
                "must be greater than 0 (got {value})",
                value,
            ))
        }
    }

    #[inline]
    fn check_into(
        &self,
        value: &T,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fault> {
        if *value > T::ZERO && value.is_finite_value() {
            return Ok(());
        }
        sign_report(
            ("positive", "must be greater than 0 (got {value})"),
            value,
            how,
            at,
            errors,
        );
        Ok(())
    }
}

static VALUE: &[&str] = &["value"];

#[cold]
fn sign_error<T: Numeric>(code: &'static str, template: &'static str, value: &T) -> Fault {
    let template = finite_or(template, value);
    Fault::fixed_with((code, template, &VALUE), |slots| {
        put(&mut slots[0], value.to_value());
    })
}

#[cold]
#[inline(never)]
fn sign_report<T: Numeric>(
    (code, template): (&'static str, &'static str),
    value: &T,
    how: How,
    at: &Trail<'_>,
    errors: &mut ValidationErrors,
) {
    let template = finite_or(template, value);
    errors.record_fixed(at, how, (code, template, &VALUE), |slots| {
        put(&mut slots[0], value.to_value());
    });
}

/// The sign rule's template, or, for a positive infinity, the one that says why it is refused.
fn finite_or<T: Numeric>(template: &'static str, value: &T) -> &'static str {
    if value.is_finite_value() || value.partial_cmp(&T::ZERO) != Some(std::cmp::Ordering::Greater) {
        template
    } else {
        super::range::NOT_FINITE
    }
}
