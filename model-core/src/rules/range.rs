//! `range`: a value between bounds, for any `PartialOrd` type, floats included.
//!
//! ```
//! use model_core::rules::{Range, Rule};
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
use crate::error::How;
use crate::error::{put, Error, Fault, Names, Params, ValidationErrors, FIXED};
use crate::path::Trail;
use crate::value::{ToValue, Value};
use std::ops::Bound::{self, Excluded, Included, Unbounded};

/// A value between two bounds, each inclusive, exclusive or absent.
///
/// Parameters: `min` or `exclusive_min`, `max` or `exclusive_max`, and the offending `value`.
/// A value that does not compare with a bound (a NaN) is out of range, and so is a value that is
/// not finite (an infinity: see [`ToValue::is_finite_value`]), even when a side is open: a valid
/// model reads back from JSON, which has no infinity.
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

impl<T: PartialOrd + ToValue> Range<T> {
    /// Whether `value` is finite and lies within the bounds.
    #[inline]
    pub fn contains(&self, value: &T) -> bool {
        value.is_finite_value() && self.between(value)
    }

    /// Whether `value` compares within the bounds, finite or not.
    #[inline]
    fn between(&self, value: &T) -> bool {
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

/// The message of a value refused for not being finite, by `range` and the sign rules.
pub(crate) const NOT_FINITE: &str = "must be a finite number (got {value})";

/// The names of the bound parameters, by the kinds of the bounds (included, excluded,
/// unbounded), without and with the offending `value`.
static BOUND_NAMES: [[[&[&str]; 3]; 3]; 2] = [
    [
        [&["min", "max"], &["min", "exclusive_max"], &["min"]],
        [
            &["exclusive_min", "max"],
            &["exclusive_min", "exclusive_max"],
            &["exclusive_min"],
        ],
        [&["max"], &["exclusive_max"], &[]],
    ],
    [
        [
            &["min", "max", "value"],
            &["min", "exclusive_max", "value"],
            &["min", "value"],
        ],
        [
            &["exclusive_min", "max", "value"],
            &["exclusive_min", "exclusive_max", "value"],
            &["exclusive_min", "value"],
        ],
        [&["max", "value"], &["exclusive_max", "value"], &["value"]],
    ],
];

fn kind<T>(bound: &Bound<T>) -> usize {
    match bound {
        Included(_) => 0,
        Excluded(_) => 1,
        Unbounded => 2,
    }
}

impl<T: PartialOrd + ToValue> Range<T> {
    fn template(&self, value: &T) -> &'static str {
        // An infinity within the bounds (beyond an open side) is refused for not being finite;
        // anything else, a NaN included, for being out of range.
        if !value.is_finite_value() && self.between(value) {
            return NOT_FINITE;
        }
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

    /// The names of the bounds' parameters, then of `value` if `with_value`.
    fn names(&self, with_value: bool) -> Names {
        &BOUND_NAMES[usize::from(with_value)][kind(&self.min)][kind(&self.max)]
    }

    /// Writes the bounds' values, then `value` if given, in the order of [`Range::names`].
    #[inline]
    fn fill(&self, slots: &mut [Value; FIXED], value: Option<&T>) {
        let mut i = 0;
        for bound in [&self.min, &self.max] {
            if let Included(bound) | Excluded(bound) = bound {
                put(&mut slots[i], bound.to_value());
                i += 1;
            }
        }
        if let Some(value) = value {
            put(&mut slots[i], value.to_value());
        }
    }

    #[cold]
    fn error(&self, value: &T) -> Fault {
        let kind = ("range", self.template(value), self.names(true));
        Fault::fixed_with(kind, |slots| self.fill(slots, Some(value)))
    }

    #[cold]
    #[inline(never)]
    fn report(&self, value: &T, how: How, at: &Trail<'_>, errors: &mut ValidationErrors) {
        let kind = ("range", self.template(value), self.names(true));
        errors.record_fixed(at, how, kind, |slots| self.fill(slots, Some(value)));
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

    #[inline]
    fn check_into(
        &self,
        value: &T,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fault> {
        if !self.contains(value) {
            self.report(value, how, at, errors);
        }
        Ok(())
    }

    #[inline]
    fn holds(&self, value: &T) -> bool {
        self.contains(value)
    }

    fn params(&self) -> Params {
        Params::fixed_with(self.names(false), |slots| self.fill(slots, None))
    }
}
