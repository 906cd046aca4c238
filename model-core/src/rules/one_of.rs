//! `one_of`: a value from a fixed list.
//!
//! ```
//! use model_core::{OneOf, Rule};
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
use crate::error::{Error, Fault, Params};
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

impl<U: ToValue> OneOf<U> {
    #[cold]
    fn error(&self, value: Value) -> Fault {
        Fault::new("one_of", "must be one of {allowed} (got {value})")
            .with_param("allowed", self.allowed_value())
            .with_param("value", value)
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

    fn params(&self) -> Params {
        Params::new().with("allowed", self.allowed_value())
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

            fn params(&self) -> Params {
                Params::new().with("allowed", self.allowed_value())
            }
        }
    )*};
}
one_of_text!(str, String, Box<str>, Cow<'_, str>);
