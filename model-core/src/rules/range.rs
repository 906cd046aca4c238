//! `range`: a value between bounds, for any `PartialOrd` type, floats included.
//!
//! ```
//! use model_core::{Range, Rule};
//! use std::ops::Bound::{Excluded, Included, Unbounded};
//!
//! let ram = Range::new(Included(1), Included(4096));
//! assert!(ram.check(&16).is_ok());
//! assert_eq!(ram.check(&0).unwrap_err().message(), "must be between 1 and 4096 (got 0)");
//!
//! let ratio = Range::new(Excluded(0.0), Unbounded);
//! assert!(ratio.check(&f64::NAN).is_err());
//! ```

use super::Rule;
use crate::error::{Error, Fault, Params};
use crate::value::ToValue;
use std::ops::Bound::{self, Excluded, Included, Unbounded};

/// A value between two bounds, each inclusive, exclusive or absent.
///
/// Parameters: `min` or `exclusive_min`, `max` or `exclusive_max`, and the offending `value`.
/// A value that does not compare with a bound (a NaN) is out of range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range<T> {
    min: Bound<T>,
    max: Bound<T>,
}

impl<T> Range<T> {
    /// A range from `min` to `max`.
    pub const fn new(min: Bound<T>, max: Bound<T>) -> Range<T> {
        Range { min, max }
    }

    /// The lower bound.
    pub const fn min(&self) -> &Bound<T> {
        &self.min
    }

    /// The upper bound.
    pub const fn max(&self) -> &Bound<T> {
        &self.max
    }
}

impl<T: PartialOrd> Range<T> {
    /// Whether `value` lies within the bounds.
    #[inline]
    pub fn contains(&self, value: &T) -> bool {
        (match &self.min {
            Included(min) => value >= min,
            Excluded(min) => value > min,
            Unbounded => true,
        }) && (match &self.max {
            Included(max) => value <= max,
            Excluded(max) => value < max,
            Unbounded => true,
        })
    }
}

impl<T: ToValue> Range<T> {
    fn template(&self) -> &'static str {
        match (&self.min, &self.max) {
            (Included(_), Included(_)) => "must be between {min} and {max} (got {value})",
            (Included(_), Excluded(_)) => {
                "must be at least {min} and less than {exclusive_max} (got {value})"
            }
            (Excluded(_), Included(_)) => {
                "must be greater than {exclusive_min} and at most {max} (got {value})"
            }
            (Excluded(_), Excluded(_)) => {
                "must be greater than {exclusive_min} and less than {exclusive_max} (got {value})"
            }
            (Included(_), Unbounded) => "must be at least {min} (got {value})",
            (Excluded(_), Unbounded) => "must be greater than {exclusive_min} (got {value})",
            (Unbounded, Included(_)) => "must be at most {max} (got {value})",
            (Unbounded, Excluded(_)) => "must be less than {exclusive_max} (got {value})",
            (Unbounded, Unbounded) => "must be comparable (got {value})",
        }
    }

    #[cold]
    fn error(&self, value: &T) -> Fault {
        let mut error = Fault::new("range", self.template());
        for (name, value) in self.bound_params().iter() {
            error = error.with_param(name, value.clone());
        }
        error.with_param("value", value.to_value())
    }
}

impl<T: PartialOrd + ToValue> Rule<T> for Range<T> {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.check_inline(value).map_err(Error::from)
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        if self.contains(value) {
            Ok(())
        } else {
            Err(self.error(value))
        }
    }

    fn params(&self) -> Params {
        self.bound_params()
    }
}

impl<T: ToValue> Range<T> {
    fn bound_params(&self) -> Params {
        let mut params = Params::new();
        match &self.min {
            Included(min) => params.set("min", min.to_value()),
            Excluded(min) => params.set("exclusive_min", min.to_value()),
            Unbounded => {}
        }
        match &self.max {
            Included(max) => params.set("max", max.to_value()),
            Excluded(max) => params.set("exclusive_max", max.to_value()),
            Unbounded => {}
        }
        params
    }
}
