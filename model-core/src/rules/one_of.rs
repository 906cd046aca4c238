//! `one_of`: a value from a fixed list.
//!
//! ```
//! use model_core::rules::{OneOf, Rule};
//!
//! let tier = OneOf::new(&["small", "medium", "large"]);
//! assert!(tier.check(&"medium".to_string()).is_ok());
//! assert_eq!(
//!     tier.check(&"huge".to_string()).unwrap_err().message(),
//!     r#"must be one of ["small", "medium", "large"] (got huge)"#
//! );
//! assert!(OneOf::new(&[1, 2, 4, 8]).check(&4).is_ok());
//! ```

use super::Rule;
use crate::error::How;
use crate::error::{put, Error, Fault, Names, Params, ValidationErrors};
use crate::path::Trail;
use crate::value::{ToValue, Value};
use std::borrow::Cow;

/// A value equal to one of `allowed`.
///
/// Parameters: `allowed` (a list) and the offending `value`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OneOf<U: 'static> {
    allowed: &'static [U],
}

impl<U> OneOf<U> {
    /// A rule accepting the values of `allowed`.
    pub const fn new(allowed: &'static [U]) -> OneOf<U> {
        OneOf { allowed }
    }
}

const TEMPLATE: &str = "must be one of {allowed} (got {value})";
static NAMES: &[&str] = &["allowed", "value"];
static ALLOWED: &[&str] = &["allowed"];

impl<U: ToValue> OneOf<U> {
    fn values(&self, value: Value) -> [Value; 4] {
        [self.allowed_value(), value, Value::Null, Value::Null]
    }

    #[cold]
    fn error(&self, value: Value) -> Fault {
        Fault::fixed("one_of", TEMPLATE, &NAMES, self.values(value))
    }

    #[cold]
    #[inline(never)]
    fn report<T: ToValue + ?Sized>(
        &self,
        value: &T,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) {
        errors.record_fixed(at, how, ("one_of", TEMPLATE, &NAMES), |slots| {
            put(&mut slots[0], self.allowed_value());
            put(&mut slots[1], value.to_value());
        });
    }

    fn allowed_params(&self) -> Params {
        let allowed: Names = &ALLOWED;
        Params::fixed(
            allowed,
            [self.allowed_value(), Value::Null, Value::Null, Value::Null],
        )
    }

    fn allowed_value(&self) -> Value {
        Value::List(self.allowed.iter().map(ToValue::to_value).collect())
    }
}

impl<T: PartialEq + ToValue> Rule<T> for OneOf<T> {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.check_inline(value).map_err(Error::from)
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        if self.allowed.contains(value) {
            Ok(())
        } else {
            Err(self.error(value.to_value()))
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
        if !self.allowed.contains(value) {
            self.report(value, how, at, errors);
        }
        Ok(())
    }

    fn params(&self) -> Params {
        self.allowed_params()
    }
}

macro_rules! one_of_text {
    ($($ty:ty),*) => {$(
        impl Rule<$ty> for OneOf<&'static str> {
            #[inline]
            fn check(&self, value: &$ty) -> Result<(), Error> {
                self.check_inline(value).map_err(Error::from)
            }

            #[inline]
            fn check_inline(&self, value: &$ty) -> Result<(), Fault> {
                let text: &str = value.as_ref();
                if self.allowed.contains(&text) {
                    Ok(())
                } else {
                    Err(self.error(text.to_value()))
                }
            }

            #[inline]
            fn check_into(
                &self,
                value: &$ty,
                how: How,
                at: &Trail<'_>,
                errors: &mut ValidationErrors,
            ) -> Result<(), Fault> {
                let text: &str = value.as_ref();
                if !self.allowed.contains(&text) {
                    self.report(text, how, at, errors);
                }
                Ok(())
            }

            fn params(&self) -> Params {
                self.allowed_params()
            }
        }
    )*};
}
one_of_text!(str, String, Box<str>, Cow<'_, str>);
